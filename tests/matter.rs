//! Matter files and memos, run as a paralegal runs them: `immunity matter new | add | show` and
//! `immunity memo` on the built binary, against the small fixture pack (whose ids do not change
//! when the bundled pack does).
//!
//! The fixture pack: `acting` (yes → function, no → no-claim), `function` (yes → force,
//! no → not-judicial), `force` (yes → immune, no → immune). So an unsure `force` holds either
//! way, and an unsure `function` decides between "Immune" and "Not immune".

mod support;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use support::cli::immunity;
use support::pack::fixture_dir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/matter")
        .join(name)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Runs `immunity --pack <fixture> ARGS…`, returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    support::cli::run(immunity().arg("--pack").arg(fixture_dir()).args(args))
}

/// A matter with three screenings: a judge with an unsure `function` (depends), a clerk with
/// a contested `force` (holds either way), and a prosecutor whose walk is pending.
fn three_screenings(dir: &Path) -> PathBuf {
    let file = dir.join("doe.matter.json");
    let f = file.to_str().unwrap();
    let (code, _, err) = run(&[
        "matter",
        "new",
        f,
        "--caption",
        "Doe v. Roe",
        "--court",
        "D. Or.",
        "--docket",
        "3:26-cv-01234",
        "--client",
        "Jane Doe",
        "--prepared-by",
        "P. Legal",
        "--reviewer",
        "A. Attorney",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&[
        "matter",
        "add",
        f,
        "--defendant",
        "Judge A. Roe",
        "--role",
        "state trial judge",
        "--act",
        "ordered the plaintiff removed",
        "--answer",
        "acting=yes",
        "--answer",
        "function=yes",
        "--answer",
        "force=yes",
        "--note",
        "function=Bench order per the transcript — but see the minute entry…",
        "--cite",
        "function=Compl. ¶¶ 12–14",
        "--cite",
        "function=Ex. B at 3",
        "--unsure",
        "function",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("added screening 1. Judge A. Roe"), "{err}");
    let (code, _, err) = run(&[
        "matter",
        "add",
        f,
        "--defendant",
        "Clerk C. Poe",
        "--act",
        "docketed the order",
        "--answer",
        "acting=yes",
        "--answer",
        "function=yes",
        "--answer",
        "force=no",
        "--contested",
        "force",
        "--cite",
        "force=Compl. ¶ 20",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&[
        "matter",
        "add",
        f,
        "--defendant",
        "Prosecutor D. Moe",
        "--answer",
        "acting=yes",
    ]);
    assert_eq!(code, 3, "a pending screening exits 3: {err}");
    file
}

#[test]
fn a_matter_built_from_the_command_line_keeps_every_answer_note_and_cite() {
    let dir = tempfile::tempdir().unwrap();
    let file = three_screenings(dir.path());
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["format"], "immunity-matter");
    assert_eq!(saved["matter"]["caption"], "Doe v. Roe");
    let screenings = saved["screenings"].as_array().unwrap();
    assert_eq!(screenings.len(), 3);
    let judge = &screenings[0]["answers"];
    assert_eq!(judge[1]["question"], "function");
    assert_eq!(judge[1]["certainty"], "unsure");
    assert_eq!(judge[1]["cites"][0], "Compl. ¶¶ 12–14");
    assert_eq!(judge[1]["cites"][1], "Ex. B at 3");
    assert!(
        judge[1]["note"]
            .as_str()
            .unwrap()
            .starts_with("Bench order")
    );
    assert_eq!(screenings[1]["answers"][2]["certainty"], "contested");
    assert_eq!(screenings[0]["pack"]["id"], "tui-fixture");

    let (code, out, err) = run(&["matter", "show", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1. Judge A. Roe (state trial judge) — Immune"),
        "{out}"
    );
    assert!(out.contains("Certainty: depends"), "{out}");
    assert!(out.contains("no -> Not immune"), "{out}");
    assert!(out.contains("2. Clerk C. Poe — Immune"), "{out}");
    assert!(out.contains("Certainty: holds either way"), "{out}");
    assert!(
        out.contains("3. Prosecutor D. Moe — pending at \"function\""),
        "{out}"
    );

    let (code, out, _) = run(&["matter", "show", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    let shown: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(shown["screenings"][0]["certainty"], "depends");
    assert_eq!(shown["screenings"][1]["certainty"], "holds-either-way");
    assert_eq!(shown["screenings"][2]["pending"]["question"], "function");
    let alts = &shown["screenings"][0]["contingencies"][0]["alternatives"];
    assert_eq!(alts[0]["answer"], "no");
    assert_eq!(alts[0]["conclusion"], "not-judicial");
}

#[test]
fn bad_input_is_located_and_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = three_screenings(dir.path());
    let f = file.to_str().unwrap();
    let before = std::fs::read(&file).unwrap();
    for (args, expect) in [
        (
            vec!["--answer", "acting=perhaps"],
            "question \"acting\" has no option \"perhaps\"; its options are: yes, no",
        ),
        (
            vec!["--answer", "nowhere=yes"],
            "unknown question \"nowhere\"",
        ),
        (
            vec!["--answer", "acting=yes", "--note", "force=why"],
            "--note force: this screening has no answer to that question",
        ),
        (
            vec![
                "--answer",
                "acting=yes",
                "--unsure",
                "acting",
                "--contested",
                "acting",
            ],
            "also marked --unsure",
        ),
    ] {
        let mut all = vec!["matter", "add", f, "--defendant", "X"];
        all.extend(args);
        let (code, _, err) = run(&all);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(expect), "{err}");
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "the file is untouched"
        );
    }
    // `new` never replaces a matter.
    let (code, _, err) = run(&["matter", "new", f, "--caption", "Other"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_corrupted_matter_gives_a_located_error_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corrupted.json");
    std::fs::copy(fixture("corrupted.json"), &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    let f = file.to_str().unwrap();
    let (code, _, err) = run(&[
        "matter",
        "add",
        f,
        "--defendant",
        "X",
        "--answer",
        "acting=yes",
    ]);
    assert_eq!(code, 2, "{err}");
    // The trailing comma after the caption, on line 5.
    assert!(err.contains("corrupted.json:5:32: "), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    for args in [vec!["matter", "show", f], vec!["memo", f]] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("corrupted.json:5:32: "), "{err}");
    }
    // An unknown field is located too, and named.
    let typo = dir.path().join("typo.json");
    std::fs::write(
        &typo,
        "{\"format\": \"immunity-matter\", \"format_version\": 1,\n \"matter\": {\"caption\": \"A\", \"captain\": \"B\"}}\n",
    )
    .unwrap();
    let (code, _, err) = run(&["matter", "show", typo.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("typo.json:2:"), "{err}");
    assert!(err.contains("unknown field `captain`"), "{err}");
    // A file from a newer version is refused for what it is.
    std::fs::write(
        &typo,
        "{\"format\": \"immunity-matter\", \"format_version\": 9, \"matter\": {\"caption\": \"A\"}, \"later\": 1}\n",
    )
    .unwrap();
    let (code, _, err) = run(&["matter", "show", typo.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("typo.json:1:49: format_version 9: this file was written by a newer immunity"),
        "{err}"
    );
}

/// A matter cut off mid-way (an object or array left open) is located where its text ends,
/// not where the object opened.
#[test]
fn a_truncated_matter_is_located_where_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cut.json");
    let before = "{\n  \"format\": \"immunity-matter\",\n  \"format_version\": 1,\n  \"screenings\": [\n    {\"defendant\": \"A\"";
    for (text, at) in [
        (before.to_owned(), "cut.json:5:21: "),
        (format!("{before}}}"), "cut.json:5:22: "),
        (format!("{before}}}]\n"), "cut.json:5:24: "),
    ] {
        std::fs::write(&file, &text).unwrap();
        let (code, _, err) = run(&["matter", "show", file.to_str().unwrap()]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(at), "{text:?}: {err}");
        assert!(!err.contains("cut.json:1:1"), "{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    }
}

#[test]
fn a_second_opener_does_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let file = three_screenings(dir.path());
    let before = std::fs::read(&file).unwrap();
    // This test process holds the matter open, as the interactive screen does.
    let held = immunity::matter::OpenMatter::open(&file).expect("the first opener gets the lock");
    let (code, _, err) = run(&[
        "matter",
        "add",
        file.to_str().unwrap(),
        "--defendant",
        "Y",
        "--answer",
        "acting=no",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is open in another immunity program"), "{err}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the second opener wrote nothing"
    );
    // Readers need no lock: show and memo still work.
    let (code, out, _) = run(&["matter", "show", file.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("Judge A. Roe"));
    drop(held);
    // The lock is an flock on descriptors opened close-on-exec; a process another test of this
    // binary forks at this moment holds copies of them until it execs. Wait (bounded) until
    // this process can take the lock itself, then ask the command.
    let free = (0..200).any(|_| {
        let taken = immunity::matter::OpenMatter::open(&file).is_ok();
        if !taken {
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        taken
    });
    assert!(free, "the lock outlived its opener by five seconds");
    let (code, _, err) = run(&[
        "matter",
        "add",
        file.to_str().unwrap(),
        "--defendant",
        "Y",
        "--answer",
        "acting=no",
    ]);
    assert_eq!(
        code, 0,
        "once the first opener is gone, the lock is free: {err}"
    );
}

#[test]
fn a_hand_written_matter_from_the_schema_renders_and_keeps_answers_that_no_longer_fit() {
    let f = fixture("hand-written.json");
    let (code, out, err) = run(&["memo", f.to_str().unwrap(), "--format", "text"]);
    assert_eq!(code, 0, "{err}");
    // Lines are wrapped at 80 columns: compare with whitespace folded.
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(out.contains("Re: Doe v. Roe, No. 3:26-cv-01234"), "{out}");
    assert!(out.contains("Judge A. Roe (state trial judge)"), "{out}");
    // Saved with another pack version: said so, and the answer the pack lacks is shown.
    assert!(
        out.contains("Pack changed: screened with tui-fixture version 0.0.0"),
        "{out}"
    );
    assert!(
        out.contains("renamed-question = maybe: the pack has no question"),
        "{out}"
    );
    // The note's characters arrive whole.
    assert!(
        out.contains("“acted from the bench” — but see Ex. B at 3."),
        "{out}"
    );
    // And the file validates against the committed schema's required fields.
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/matter.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let (_, printed, _) = run(&["schema", "--matter"]);
    assert_eq!(
        serde_json::from_str::<Value>(&printed).unwrap(),
        schema,
        "questions/matter.schema.json is what `immunity schema --matter` prints"
    );
}

/// The memo of the three-screening matter in `format`, as bytes.
fn memo(file: &Path, format: &str) -> Vec<u8> {
    let out = immunity()
        .arg("--pack")
        .arg(fixture_dir())
        .args(["memo", file.to_str().unwrap(), "--format", format])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    out.stdout
}

/// HTML without its tags (the text a reader sees, entities left as written).
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// What every text format must show.
fn assert_memo_content(shown: &str, citations: &[String], format: &str) {
    // Markdown escapes punctuation and marks emphasis; text wraps lines: compare without
    // backslashes and asterisks, with whitespace folded.
    let shown = match format {
        "markdown" => shown.replace(['\\', '*'], ""),
        "html" => strip_tags(shown),
        _ => shown.to_owned(),
    };
    let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "MEMORANDUM",
        "Doe v. Roe",
        "A. Attorney",
        "P. Legal",
        "Brief answer",
        "Judge A. Roe",
        "Clerk C. Poe",
        "Prosecutor D. Moe",
        "Depends on the unsure answer",
        "The result holds whichever way the marked answer",
        "Not yet screened",
        "Bench order per the transcript — but see the minute entry…",
        "Compl. ¶¶ 12–14; Ex. B at 3",
        "Compl. ¶ 20",
        "Marked unsure",
        "Marked contested",
        "Contingencies",
        "Not immune",
        "Table of authorities",
        "Reviewed by",
        "content hash",
    ] {
        let needle = if format == "html" {
            needle.replace('&', "&amp;")
        } else {
            needle.to_owned()
        };
        assert!(shown.contains(&needle), "{format}: missing {needle:?}");
    }
    assert!(!citations.is_empty());
    for c in citations {
        assert!(
            shown.contains(c.as_str()),
            "{format}: missing citation {c:?}"
        );
    }
    for status in ["GOOD LAW", "REVERSED"] {
        assert!(shown.contains(status), "{format}: missing status {status}");
    }
}

#[test]
fn the_memo_in_every_text_format_holds_the_whole_screening() {
    let dir = tempfile::tempdir().unwrap();
    let file = three_screenings(dir.path());
    let json: Value = serde_json::from_slice(&memo(&file, "json")).unwrap();
    assert_eq!(json["format"], "immunity-memo");
    let citations: Vec<String> = json["screenings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["discussion"].as_object())
        .flat_map(|r| r["authorities"].as_array().unwrap().iter())
        .map(|t| t["citation"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(json["screenings"][0]["brief"]["certainty"], "depends");
    assert_eq!(
        json["screenings"][1]["brief"]["certainty"],
        "holds-either-way"
    );
    assert_eq!(json["screenings"][2]["brief"]["certainty"], "pending");
    for format in ["markdown", "html", "text"] {
        let shown = text(&memo(&file, format));
        assert_memo_content(&shown, &citations, format);
    }
    // The JSON memo holds the same content as data.
    let judge = &json["screenings"][0];
    assert_eq!(json["matter"]["caption"], "Doe v. Roe");
    assert_eq!(judge["defendant"], "Judge A. Roe");
    assert_eq!(judge["brief"]["outcome"], "Immune");
    let fact = &judge["facts"][1];
    assert_eq!(fact["certainty"], "unsure");
    assert_eq!(fact["cites"][1], "Ex. B at 3");
    assert!(fact["note"].as_str().unwrap().ends_with("minute entry…"));
    let alternative = &judge["contingencies"][0]["alternatives"][0];
    assert_eq!(alternative["conclusion"], "not-judicial");
    assert_eq!(alternative["same"], false);
    assert_eq!(json["screenings"][1]["contingencies"][0]["holds"], true);
    for t in json["authorities"].as_array().unwrap() {
        assert!(citations.contains(&t["citation"].as_str().unwrap().to_owned()));
        assert!(!t["status_label"].as_str().unwrap().is_empty());
    }
}

#[test]
fn the_json_memo_reads_back_and_gives_walk_its_answers() {
    let dir = tempfile::tempdir().unwrap();
    let file = three_screenings(dir.path());
    let json_path = dir.path().join("memo.json");
    std::fs::write(&json_path, memo(&file, "json")).unwrap();
    // Rendering the JSON memo gives the same memo as rendering the matter (same day).
    let from_matter = text(&memo(&file, "text"));
    let from_json = text(&memo(&json_path, "text"));
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("Prepared with"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&from_json), strip(&from_matter));
    // walk --answers takes one screening's answers.
    let (code, out, err) = run(&[
        "walk",
        "--answers",
        json_path.to_str().unwrap(),
        "--screening",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["conclusion"]["id"], "immune");
    let (code, _, err) = run(&["walk", "--answers", json_path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("holds 3 screenings; choose one with --screening N"),
        "{err}"
    );
    let (code, out, _) = run(&[
        "walk",
        "--answers",
        file.to_str().unwrap(),
        "--screening",
        "3",
    ]);
    assert_eq!(code, 3, "the third screening is pending: {out}");
}

#[test]
fn the_docx_memo_has_heading_styles_a_table_and_comments_on_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    let file = three_screenings(dir.path());
    let out = dir.path().join("memo.docx");
    let (code, _, err) = run(&[
        "memo",
        file.to_str().unwrap(),
        "--format",
        "docx",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        archive
            .by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let document = read("word/document.xml");
    let comments = read("word/comments.xml");
    let styles = read("word/styles.xml");
    assert!(styles.contains("w:styleId=\"Heading1\""), "{styles}");
    assert!(
        document.contains("<w:pStyle w:val=\"Heading1\" />"),
        "headings use the style"
    );
    assert!(document.contains("<w:tbl>"), "the authorities are a table");
    assert!(
        document.contains("<w:commentRangeStart w:id=\"1\""),
        "a comment is anchored"
    );
    assert!(document.contains("Compl. ¶¶ 12–14; Ex. B at 3"));
    assert!(comments.contains("Marked unsure."), "{comments}");
    assert!(comments.contains("Marked contested."), "{comments}");
    assert!(comments.contains(">Note: <"), "{comments}");
    assert!(
        comments.contains(">Bench order per the transcript — but see the minute entry…<"),
        "{comments}"
    );
    // Printed under the answer too, for a reader of the printed page.
    assert!(
        document.contains(">Bench order per the transcript — but see the minute entry…<"),
        "the note is in the body"
    );
    assert!(
        document.contains(">Marked unsure.<"),
        "the mark is in the body"
    );
    assert!(comments.contains("w:author=\"P. Legal\""), "{comments}");
    assert!(document.contains("PAGE") || read("word/footer1.xml").contains("PAGE"));
    // Again: the file exists now, so without --force it is refused and left alone.
    let before = std::fs::read(&out).unwrap();
    let (code, _, err) = run(&[
        "memo",
        file.to_str().unwrap(),
        "--format",
        "docx",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), before);
}

/// Runs a poppler tool on a file, or `None` when it is not installed.
fn poppler(tool: &str, args: &[&str], file: &Path) -> Option<String> {
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .ok()?;
    assert!(out.status.success(), "{tool}: {}", text(&out.stderr));
    Some(text(&out.stdout))
}

#[test]
#[ignore = "needs poppler-utils (pdftotext, pdffonts); CI runs it with --include-ignored"]
fn the_pdf_memo_extracts_in_reading_order_with_embedded_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let file = three_screenings(dir.path());
    let pdf = dir.path().join("memo.pdf");
    std::fs::write(&pdf, memo(&file, "pdf")).unwrap();
    let json: Value = serde_json::from_slice(&memo(&file, "json")).unwrap();
    let citations: Vec<String> = json["authorities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["citation"].as_str().unwrap().to_owned())
        .collect();
    let extracted = poppler("pdftotext", &["-enc", "UTF-8"], &pdf)
        .expect("pdftotext is missing: install Debian's poppler-utils");
    // Lines wrap in the PDF: compare with runs of whitespace folded.
    let folded = extracted.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_memo_content(&folded, &citations, "pdf");
    // Reading order: the sections in the memo's order.
    let order = [
        "MEMORANDUM",
        "Summary",
        "Question presented",
        "Brief answers",
        "What remains",
        "Other bars",
        "Contingencies",
        "Appendix: discussion",
        "Table of authorities",
        "Reviewed by",
    ];
    // Each heading after the one before it (a section's name may be mentioned earlier, as
    // "weighed under Contingencies" is).
    let mut at = 0;
    for h in order {
        at += folded[at..]
            .find(h)
            .unwrap_or_else(|| panic!("missing {h} after byte {at}"));
    }
    assert!(folded.contains("Page 1 of "), "page numbers");
    let fonts = std::process::Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts is missing: install Debian's poppler-utils");
    let fonts = text(&fonts.stdout);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        assert!(row.contains("DejaVu"), "{row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "subset: {row}");
        assert_eq!(cols[n - 3], "yes", "ToUnicode: {row}");
    }
}

/// pdfinfo reads the memo as a tagged PDF and finds nothing wrong with it: not a word on
/// standard error. (Poppler 22.12 called krilla's `/Suspects false` "wrong type"; the memo leaves
/// that optional key out, which means the same.)
#[test]
#[ignore = "needs poppler-utils (pdfinfo); CI runs it with --include-ignored"]
fn pdfinfo_reads_the_pdf_memo_as_tagged_without_complaint() {
    let dir = tempfile::tempdir().unwrap();
    let file = three_screenings(dir.path());
    let pdf = dir.path().join("memo.pdf");
    std::fs::write(&pdf, memo(&file, "pdf")).unwrap();
    let out = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo is missing: install Debian's poppler-utils");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let info = text(&out.stdout);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map_or_else(|| panic!("no {name} in {info}"), str::trim)
    };
    assert_eq!(field("Tagged:"), "yes");
    assert_eq!(field("Suspects:"), "no");
    assert_eq!(field("Encrypted:"), "no");
    assert_eq!(text(&out.stderr), "", "pdfinfo complains");
}

#[test]
fn a_contingency_that_reaches_a_question_never_answered_names_it() {
    let houseplant = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plant.json");
    let f = file.to_str().unwrap();
    let run_plant = |args: &[&str]| {
        let out = immunity()
            .arg("--pack")
            .arg(&houseplant)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            text(&out.stdout),
            text(&out.stderr),
        )
    };
    let (code, _, err) = run_plant(&["matter", "new", f, "--caption", "Fern"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_plant(&[
        "matter",
        "add",
        f,
        "--defendant",
        "Fern",
        "-a",
        "drainage=yes",
        "-a",
        "succulent=yes",
        "-a",
        "soil-bone-dry=yes",
        "--unsure",
        "succulent",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run_plant(&["matter", "show", f, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let shown: Value = serde_json::from_str(&out).unwrap();
    let alt = &shown["screenings"][0]["contingencies"][0]["alternatives"][0];
    assert_eq!(alt["answer"], "no");
    assert_eq!(alt["conclusion"], Value::Null, "never guessed");
    // Named by its prompt for a reader, and by its id for scripts.
    assert_eq!(alt["unanswered_question"], "soil-dry", "{alt}");
    let prompt = alt["unanswered"].as_str().unwrap().to_owned();
    assert!(!prompt.is_empty() && !prompt.contains("soil-dry"), "{alt}");
    let (code, out, _) = run_plant(&["memo", f, "--format", "text"]);
    assert_eq!(code, 0);
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let prompt = prompt.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        out.contains(&format!("a further question (“{prompt}”)")),
        "{out}"
    );
    assert!(
        !out.contains("soil-dry"),
        "no id in the memo's prose: {out}"
    );
}

/// A matter whose one answer carries a note of two paragraphs, the first of two lines, and a
/// hostile control character.
fn multi_line_note(dir: &Path) -> PathBuf {
    let file = dir.join("lines.json");
    let f = file.to_str().unwrap();
    let (code, _, err) = run(&["matter", "new", f, "--caption", "Doe v. Roe"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&[
        "matter",
        "add",
        f,
        "--defendant",
        "Judge Roe",
        "--answer",
        "acting=yes",
        "--note",
        "acting=Complaint says judge <b>\nline2 \u{1b}[31mred\n\n\nSecond paragraph",
    ]);
    assert_eq!(code, 3, "pending: {err}");
    file
}

/// A note's line breaks and paragraphs survive in every memo format, still escaped and
/// without control characters.
#[test]
fn a_notes_line_breaks_survive_in_every_memo_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = multi_line_note(dir.path());
    let md = text(&memo(&file, "markdown"));
    assert!(
        md.contains(
            "*Note:* Complaint says judge \\<b\\>\\\n  line2 \\[31mred\n\n  Second paragraph"
        ),
        "{md}"
    );
    let html = text(&memo(&file, "html"));
    assert!(
        html.contains("Complaint says judge &lt;b&gt;<br>line2 [31mred<br><br>Second paragraph"),
        "{html}"
    );
    let txt = text(&memo(&file, "text"));
    assert!(
        txt.contains("Note: Complaint says judge <b>\n    line2 [31mred\n\n    Second paragraph"),
        "{txt}"
    );
    for shown in [&md, &html, &txt] {
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert!(!shown.contains("judge line2"), "{shown}");
    }
    let json: Value = serde_json::from_slice(&memo(&file, "json")).unwrap();
    assert!(
        json.to_string()
            .contains("Complaint says judge <b>\\nline2"),
        "{json}"
    );
    let out = dir.path().join("memo.docx");
    let (code, _, err) = run(&[
        "memo",
        file.to_str().unwrap(),
        "--format",
        "docx",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut comments = String::new();
    archive
        .by_name("word/comments.xml")
        .unwrap()
        .read_to_string(&mut comments)
        .unwrap();
    for line in [
        ">Note: </w:t>",
        ">Complaint says judge &lt;b&gt;</w:t>",
        ">line2 [31mred</w:t>",
        ">Second paragraph</w:t>",
    ] {
        assert!(comments.contains(line), "{line}: {comments}");
    }
    // One paragraph per comment (docx-rs repeats a comment per paragraph), its lines split by
    // line breaks: three lines and the empty one between the paragraphs.
    assert_eq!(comments.matches("<w:p ").count(), 1, "{comments}");
    assert_eq!(
        comments.matches("<w:br w:type=\"textWrapping\" />").count(),
        3,
        "{comments}"
    );
}

/// The PDF memo puts each line of a note on a line of its own.
#[test]
#[ignore = "needs poppler-utils (pdftotext); CI runs it with --include-ignored"]
fn a_notes_line_breaks_survive_in_the_pdf_memo() {
    let dir = tempfile::tempdir().unwrap();
    let file = multi_line_note(dir.path());
    let pdf = dir.path().join("memo.pdf");
    std::fs::write(&pdf, memo(&file, "pdf")).unwrap();
    let extracted = poppler("pdftotext", &["-enc", "UTF-8"], &pdf)
        .expect("pdftotext is missing: install Debian's poppler-utils");
    let lines: Vec<&str> = extracted.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("Note: Complaint says judge <b>"))
        .unwrap_or_else(|| panic!("{extracted}"));
    assert_eq!(lines[at + 1], "line2 [31mred", "{extracted}");
    assert!(
        lines[at + 2..]
            .iter()
            .take(2)
            .any(|l| *l == "Second paragraph"),
        "{extracted}"
    );
    assert!(!extracted.contains('\u{1b}'));
}

#[test]
fn a_pending_screening_in_the_memo_names_its_choices_by_label_not_id() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.json");
    let f = file.to_str().unwrap();
    assert_eq!(run(&["matter", "new", f, "--caption", "Doe v. Roe"]).0, 0);
    let (code, _, err) = run(&["matter", "add", f, "--defendant", "Judge A. Roe"]);
    assert_eq!(code, 3, "pending: {err}");
    let shown = text(&memo(&file, "text"));
    let discussion = shown
        .split("Not concluded.")
        .nth(1)
        .expect("the unwalked screening is not concluded");
    let discussion: String = discussion
        .split("\n\n")
        .next()
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // The fixture pack's first question and its options.
    let pack: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture_dir().join("pack.json")).unwrap())
            .unwrap();
    let start = pack["start"].as_str().unwrap();
    let question = pack["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == start)
        .unwrap();
    for option in question["options"].as_array().unwrap() {
        let label = option["label"].as_str().unwrap();
        let id = option["id"].as_str().unwrap();
        assert!(discussion.contains(label), "{label} in {discussion}");
        assert!(
            !discussion.contains(&format!("{id}: ")),
            "no id {id} in {discussion}"
        );
    }
    assert!(!discussion.contains(&format!("({start})")), "{discussion}");
}
