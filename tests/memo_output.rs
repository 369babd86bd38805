//! The memo's files as other programs read them: a DOCX with hostile names that Word and
//! `LibreOffice` open (every field escaped, every comment id unique, the notes and marks printed
//! in the body), a PDF for names and notes in any script, and a matter never overwritten by its
//! memo. Run on the built binary against the small fixture pack.

use std::io::Read as _;
use std::path::{Path, PathBuf};

mod support;

use support::cli::immunity;
use support::pack::fixture_dir;

/// Runs `immunity --pack <fixture> ARGS…`, returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, Vec<u8>, String) {
    support::cli::run_bytes(immunity().arg("--pack").arg(fixture_dir()).args(args))
}

/// A matter whose every name holds what breaks XML and Markdown, with an unsure answer whose
/// note is in `note`.
fn hostile(dir: &Path, defendant: &str, note: &str) -> PathBuf {
    let file = dir.join("hostile.json");
    let f = file.to_str().unwrap();
    let (code, _, err) = run(&[
        "matter",
        "new",
        f,
        "--caption",
        "Smith & Jones <w:p> \"v.\" O'Roe",
        "--prepared-by",
        "Smith & Jones LLP <w:p>\"'",
        "--reviewer",
        "A. <b>Attorney</b> & Co.",
        "--client",
        "王小明 & \"Co\"",
    ]);
    assert_eq!(code, 0, "{err}");
    let note_arg = format!("function={note}");
    let (code, _, err) = run(&[
        "matter",
        "add",
        f,
        "--defendant",
        defendant,
        "--act",
        "ruled “x” & <w:r>",
        "--answer",
        "acting=yes",
        "--answer",
        "function=yes",
        "--answer",
        "force=no",
        "--unsure",
        "function",
        "--note",
        &note_arg,
        "--contested",
        "force",
        "--note",
        "force=Second note & <w:t>",
    ]);
    assert_eq!(code, 0, "{err}");
    file
}

fn docx_part(file: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut s = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// Parses the XML whole (failing on any error) and returns its text and its `w:id`s by element.
fn xml(text: &str) -> (String, Vec<(String, String)>) {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = String::new();
    let mut ids = Vec::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                if [b"w:br".as_slice(), b"w:tab"].contains(&e.name().as_ref()) {
                    out.push(' ');
                }
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("bad attribute: {err}"));
                    a.decoded_and_normalized_value(
                        quick_xml::XmlVersion::Implicit1_0,
                        reader.decoder(),
                    )
                    .unwrap_or_else(|err| panic!("bad attribute value: {err}"));
                    if a.key.as_ref() == b"w:id" {
                        ids.push((
                            String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                            String::from_utf8_lossy(&a.value).into_owned(),
                        ));
                    }
                }
            }
            Ok(quick_xml::events::Event::Text(t)) => out.push_str(&t.decode().unwrap()),
            Ok(quick_xml::events::Event::End(e)) if e.name().as_ref() == b"w:p" => out.push('\n'),
            Ok(quick_xml::events::Event::GeneralRef(r)) => {
                let name = r.decode().unwrap();
                out.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML at {}: {e}", reader.buffer_position()),
        }
    }
    (out, ids)
}

#[test]
fn a_docx_with_hostile_names_is_well_formed_with_unique_comment_ids_and_printed_notes() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile(
        dir.path(),
        "Judge 王 \"the <w:p> & Co\"",
        "First line & <w:p>\nsecond line",
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
    let (comments, comment_ids) = xml(&docx_part(&out, "word/comments.xml"));
    let (body, _) = xml(&docx_part(&out, "word/document.xml"));
    // Every table's header row repeats on each page it runs onto.
    let document = docx_part(&out, "word/document.xml");
    let tables = document.matches("<w:tbl>").count();
    assert!(tables >= 2, "the summary and the authorities");
    assert_eq!(document.matches("<w:tblHeader />").count(), tables);
    // The author is an attribute: escaped, it reads back as written.
    let raw = docx_part(&out, "word/comments.xml");
    assert!(
        raw.contains("w:author=\"Smith &amp; Jones LLP &lt;w:p&gt;&quot;&apos;\""),
        "{raw}"
    );
    // One comment per id.
    let mut ids: Vec<&String> = comment_ids
        .iter()
        .filter(|(e, _)| e == "w:comment")
        .map(|(_, id)| id)
        .collect();
    let all = ids.len();
    assert_eq!(all, 2, "two marked answers, two comments: {comment_ids:?}");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all, "a comment id used twice: {comment_ids:?}");
    assert!(comments.contains("Marked unsure."), "{comments}");
    assert!(comments.contains("First line & <w:p>"), "{comments}");
    // Printed in the body too, under the answer.
    for wanted in [
        "Marked unsure.",
        "Marked contested.",
        "First line & <w:p>",
        "second line",
        "Second note & <w:t>",
        "Judge 王 \"the <w:p> & Co\"",
        "Smith & Jones <w:p> \"v.\" O'Roe",
        "王小明 & \"Co\"",
    ] {
        assert!(
            body.contains(wanted),
            "{wanted:?} missing from the body: {body}"
        );
    }
}

/// The tab stop every label line shares, so "From:" and "Client:" values line up.
#[test]
fn the_docx_header_lines_share_one_tab_stop() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile(dir.path(), "Judge A", "n");
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
    let document = docx_part(&out, "word/document.xml");
    let paragraphs: Vec<&str> = document
        .split("<w:p ")
        .filter(|p| {
            ["To:", "From:", "Date:", "Re:", "Client:"]
                .iter()
                .any(|l| p.contains(&format!(">{l}<")))
        })
        .collect();
    assert!(paragraphs.len() >= 5, "{document}");
    let stop = |p: &str| {
        let at = p
            .find("<w:tab w:val=\"left\" w:pos=\"")
            .expect("a tab stop");
        p[at..].split('"').nth(3).unwrap().to_owned()
    };
    let first = stop(paragraphs[0]);
    for p in &paragraphs {
        assert_eq!(stop(p), first, "{p}");
    }
}

fn libreoffice() -> Option<PathBuf> {
    ["/usr/bin/libreoffice", "/usr/bin/soffice"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils: apt-get install --no-install-recommends libreoffice-writer-nogui poppler-utils"]
fn libreoffice_opens_the_hostile_docx_and_prints_its_notes_and_marks() {
    let office = libreoffice().expect(
        "LibreOffice is missing (neither /usr/bin/libreoffice nor /usr/bin/soffice): apt-get install --no-install-recommends libreoffice-writer-nogui",
    );
    let dir = tempfile::tempdir().unwrap();
    let file = hostile(dir.path(), "Judge 王 \"<w:p>\" & Co", "Note & <w:p> one");
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
    let profile = dir.path().join("profile");
    let converted = std::process::Command::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&out)
        .output()
        .expect("LibreOffice runs");
    let pdf = dir.path().join("memo.pdf");
    assert!(
        pdf.exists(),
        "LibreOffice did not convert the memo: {}",
        String::from_utf8_lossy(&converted.stderr)
    );
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext is missing: apt-get install poppler-utils");
    let text = String::from_utf8_lossy(&text.stdout);
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "Marked unsure.",
        "Marked contested.",
        "Note & <w:p> one",
        "Second note & <w:t>",
        "Smith & Jones LLP <w:p>\"'",
        "Judge 王 \"<w:p>\" & Co",
    ] {
        assert!(folded.contains(wanted), "{wanted:?} missing: {folded}");
    }
}

fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is missing: apt-get install poppler-utils");
    assert!(out.status.success());
    // pdftotext marks right-to-left runs with embedding controls; the words are what count.
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !('\u{202A}'..='\u{202E}').contains(c))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A PDF memo of a matter with `defendant` and `note`: its exit code, stderr and file.
fn pdf_memo(dir: &Path, defendant: &str, note: &str) -> (i32, String, PathBuf) {
    let file = hostile(dir, defendant, note);
    let pdf = dir.join("memo.pdf");
    let (code, _, err) = run(&[
        "memo",
        file.to_str().unwrap(),
        "--format",
        "pdf",
        "--output",
        pdf.to_str().unwrap(),
    ]);
    (code, err, pdf)
}

#[test]
fn a_character_no_font_has_is_replaced_named_and_the_pdf_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err, pdf) = pdf_memo(dir.path(), "Judge \u{13000}", "n");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("U+13000"), "the warning names it: {err}");
    assert_eq!(
        err.lines().filter(|l| l.contains("warning")).count(),
        1,
        "one line: {err}"
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
#[ignore = "needs poppler-utils (pdftotext) and DejaVu Sans: apt-get install poppler-utils fonts-dejavu-core"]
fn hebrew_arabic_and_emoji_come_out_of_the_pdf_in_logical_order() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err, pdf) = pdf_memo(
        dir.path(),
        "Judge דוד כהן",
        "Hebrew שלום עולם then Arabic مرحبا بالعالم then 😀 done",
    );
    assert_eq!(code, 0, "{err}");
    let text = pdf_text(&pdf);
    for wanted in ["דוד כהן", "שלום עולם", "مرحبا بالعالم", "done"] {
        assert!(text.contains(wanted), "{wanted:?} missing: {text}");
    }
    // The emoji is drawn (DejaVu Sans has it) or replaced with a warning naming it.
    assert!(
        text.contains('😀') || err.contains("U+1F600"),
        "{err}\n{text}"
    );
}

#[test]
#[ignore = "needs fonts-noto-cjk and poppler-utils: apt-get install --no-install-recommends fonts-noto-cjk poppler-utils"]
fn a_cjk_name_is_drawn_from_an_installed_font() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err, pdf) = pdf_memo(dir.path(), "Judge 王", "n");
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("U+738B"),
        "no installed font has 王: apt-get install fonts-noto-cjk ({err})"
    );
    assert!(pdf_text(&pdf).contains("Judge 王"));
}

#[test]
fn a_memo_never_replaces_its_own_matter_and_asks_before_replacing_another() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile(dir.path(), "Judge A", "n");
    let f = file.to_str().unwrap();
    let before = std::fs::read(&file).unwrap();
    // The matter itself: refused even with --force, and by another name for the same file.
    let other_name = dir.path().join(".").join("hostile.json");
    for output in [f, other_name.to_str().unwrap()] {
        let (code, _, err) = run(&["memo", f, "--output", output, "--force"]);
        assert_ne!(code, 0, "{err}");
        assert!(err.contains("the file the memo is read from"), "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
    // Another matter: refused without --force.
    let second = dir.path().join("second.json");
    std::fs::write(&second, &before).unwrap();
    let s = second.to_str().unwrap();
    let (code, _, err) = run(&["memo", f, "--output", s]);
    assert_ne!(code, 0);
    assert!(err.contains("is a matter file"), "{err}");
    assert_eq!(std::fs::read(&second).unwrap(), before);
    // Refused with --force while a program holds its lock.
    let lock = std::fs::File::create(dir.path().join(".second.json.lock")).unwrap();
    lock.try_lock().unwrap();
    let (code, _, err) = run(&["memo", f, "--output", s, "--force"]);
    assert_ne!(code, 0);
    assert!(err.contains("is open in another immunity program"), "{err}");
    assert_eq!(std::fs::read(&second).unwrap(), before);
    drop(lock);
    // Replaced with --force once no one holds it.
    let (code, _, err) = run(&["memo", f, "--output", s, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_ne!(std::fs::read(&second).unwrap(), before);
}

#[test]
fn the_html_memo_carries_the_same_content_security_policy_as_the_other_html_exports() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile(dir.path(), "Judge <script>alert(1)</script>", "n");
    let (code, html, err) = run(&["memo", file.to_str().unwrap(), "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    let html = String::from_utf8(html).unwrap();
    let csp = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        immunity::document::html::CSP
    );
    assert!(html.contains(&csp), "{html}");
    assert!(!html.contains("<script>"), "escaped once: {html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    // The walk report's HTML export states the same policy.
    let (code, report, err) = run(&[
        "walk",
        "--answer",
        "acting=yes",
        "--answer",
        "function=yes",
        "--answer",
        "force=yes",
        "--format",
        "html",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(String::from_utf8(report).unwrap().contains(&csp));
}

/// The guard the command line, the full screen and the line mode share.
#[test]
fn the_output_guard_refuses_the_matter_itself_and_a_locked_matter() {
    use immunity::matter::memo::guard_output;
    let dir = tempfile::tempdir().unwrap();
    let matter = hostile(dir.path(), "Judge A", "n");
    let err = guard_output(&matter, &matter, true).unwrap_err();
    assert!(err.contains("the file the memo is read from"), "{err}");
    let other = dir.path().join("other.json");
    std::fs::copy(&matter, &other).unwrap();
    assert!(guard_output(&matter, &other, false).is_err());
    let held = immunity::matter::MatterLock::acquire(&other).unwrap();
    let err = guard_output(&matter, &other, true).unwrap_err();
    assert!(err.contains("open in another immunity program"), "{err}");
    drop(held);
    // Another test of this binary may be spawning a child right now: between its fork and its
    // exec the child holds a copy of every descriptor, `held`'s lock among them, for a moment.
    // So the lock is given a few chances to go; it must go.
    let freed = (0..50).find_map(|_| {
        let lock = guard_output(&matter, &other, true).ok();
        if lock.is_none() {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        lock
    });
    assert!(
        freed
            .expect("the lock goes when its holder drops it")
            .is_some()
    );
    assert!(
        guard_output(&matter, &dir.path().join("memo.pdf"), false)
            .unwrap()
            .is_none()
    );
}
