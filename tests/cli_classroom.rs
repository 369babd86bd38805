//! `immunity key` and `immunity class`, run as a user runs them.

mod support;

use std::path::{Path, PathBuf};

use support::cli::immunity;

fn houseplant() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant")
}

fn hostile() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

#[test]
fn key_lists_every_question_with_lettered_options_then_the_court_paths() {
    let out = immunity()
        .arg("--pack")
        .arg(houseplant())
        .arg("key")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("# Teacher's key: Should I water this houseplant?\n"),
        "{md}"
    );
    for q in ["drainage", "succulent", "soil-dry", "soil-bone-dry"] {
        assert!(md.contains(&format!("({q})\n")), "{q}: {md}");
    }
    assert!(
        md.contains("- **A. Yes** (yes) \u{2192} Q2 (succulent)"),
        "{md}"
    );
    assert!(
        md.contains("- **B. No** (no) \u{2192} Conclusion: Repot first (Fix the pot first)"),
        "{md}"
    );
    assert!(
        md.contains(" *Note:* In winter, about once a month is enough."),
        "{md}"
    );
    assert!(
        md.contains("The Old Almanac (1950) \\[CAUTION\\]"),
        "authority with status: {md}"
    );
    assert!(md.contains("## Fact patterns: the court's path"));
    let fern = md
        .split("### The fern on the windowsill (fern-dry)")
        .nth(1)
        .unwrap();
    assert!(
        fern.contains("- Q1 Does the pot have a drainage hole? \u{2014} **A. Yes**"),
        "{fern}"
    );
    assert!(
        fern.contains("**Ends at:** Conclusion: Water it (Water now)"),
        "{fern}"
    );
    assert!(
        fern.contains("**Holding.** Watered until it drained; it perked up."),
        "{fern}"
    );
}

#[test]
fn key_html_is_one_page_without_scripts_and_writes_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("key.html");
    let run = |force: bool| {
        let mut cmd = immunity();
        cmd.arg("--pack")
            .arg(houseplant())
            .args(["key", "--format", "html", "--output"])
            .arg(&file);
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    let out = run(false);
    assert_eq!(out.status.code(), Some(0));
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script"));
    assert!(
        page.contains("<h3>Q4. Is the soil dry all the way through the pot? (soil-bone-dry)</h3>")
    );
    assert!(page.contains("<h3>The orchid in the glazed pot (glazed-pot)</h3>"));
    // A second run does not overwrite without --force.
    let out = run(false);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(run(true).status.code(), Some(0));
}

#[test]
fn key_of_a_hostile_pack_keeps_its_markup_as_text() {
    for format in ["markdown", "html"] {
        let out = immunity()
            .arg("--pack")
            .arg(hostile())
            .args(["key", "--format", format])
            .output()
            .unwrap();
        if out.status.code() != Some(0) {
            // The hostile pack may be refused by the loader; then nothing is rendered at all.
            assert!(out.stdout.is_empty());
            continue;
        }
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{format}"
        );
        if format == "html" {
            assert!(!text.contains("<script"), "{text}");
        }
    }
}

/// Writes a folder of results files for the houseplant pack, taken through the quiz recorder:
/// three students, one file made with another pack, one malformed.
fn class_folder() -> tempfile::TempDir {
    use immunity::pack::{FileSet, load};
    use immunity::results::{Along, Confidence, QuizRun, Results};
    let pack = load(&FileSet::from_dir(&houseplant()).unwrap()).unwrap().0;
    let dir = tempfile::tempdir().unwrap();
    let fern = pack
        .cases()
        .iter()
        .position(|c| c.id == "fern-dry")
        .unwrap();
    let students: [(&str, &[(&str, u8)]); 3] = [
        ("Ada", &[("yes", 3), ("no", 3), ("yes", 3)]),
        ("Ben", &[("yes", 2), ("yes", 3), ("no", 1)]),
        ("=HYPERLINK(\"x\")", &[("no", 2)]),
    ];
    for (i, (name, answers)) in students.iter().enumerate() {
        let mut run = QuizRun::new(&pack, fern);
        for &(id, c) in *answers {
            let q = run.current_question().unwrap();
            let o = pack.option_index(q, id).unwrap();
            run.commit(o, Confidence::from_level(c).unwrap(), 4000)
                .unwrap();
            run.go_on(Along::Own).unwrap();
        }
        let mut results = Results::new(&pack, name, "0.1.0", "2026-11-24T10:00:00Z");
        results.patterns.push(run.result());
        std::fs::write(
            dir.path().join(format!("{i}-student.json")),
            results.to_json(),
        )
        .unwrap();
        if i == 0 {
            results.pack.content_hash = "0123abcd".into();
            std::fs::write(dir.path().join("9-other-pack.json"), results.to_json()).unwrap();
        }
    }
    std::fs::write(
        dir.path().join("8-malformed.json"),
        "{\"format\": \"immunity-results\",\n  oops}",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("notes.txt"),
        "not a results file, and not read",
    )
    .unwrap();
    dir
}

fn class(args: &[&str], dir: &Path) -> std::process::Output {
    immunity()
        .arg("--pack")
        .arg(houseplant())
        .arg("class")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn class_collates_a_folder_skipping_other_packs_and_malformed_files() {
    let dir = class_folder();
    let out = class(&["--names"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        text.contains("3 results files scored, 2 skipped."),
        "{text}"
    );
    assert!(
        err.contains("8-malformed.json (malformed): line 2, column 3:"),
        "{err}"
    );
    assert!(
        err.contains("9-other-pack.json (other-pack): made with another pack: houseplant version 1.0.0, content hash 0123abcd"),
        "{err}"
    );
    assert!(!err.contains("notes.txt"));
    assert!(
        text.contains("  drainage: Does the pot have a drainage hole? (2 of 3 matched the court)"),
        "{text}"
    );
    assert!(
        text.contains("First left the court's path at: drainage 1; succulent 1; never left 1"),
        "{text}"
    );
    assert!(
        text.contains(
            "Confident errors (certain first)\n================================\n\n  - Ben on fern-dry at succulent"
        ),
        "{text}"
    );

    let out = class(&["--format", "csv", "--names"], dir.path());
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(rows[1].starts_with("Ada,"), "{csv}");
    assert!(
        rows[3].starts_with("\"'=HYPERLINK(\"\"x\"\")\""),
        "a name is never a formula: {csv}"
    );

    let out = class(&["--format", "json"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "immunity-class");
    assert_eq!(v["skipped"].as_array().unwrap().len(), 2);
}

#[test]
fn the_class_report_fits_80_columns_and_names_no_student_unless_asked() {
    let dir = class_folder();
    let names = ["Ada", "Ben", "HYPERLINK", "student.json"];
    let page = dir.path().join("report.txt");
    let out = class(&["--output", page.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let piped = String::from_utf8(class(&[], dir.path()).stdout).unwrap();
    let text = std::fs::read_to_string(&page).unwrap();
    assert_eq!(text, piped, "a file and a pipe both get 80 columns");
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    for name in names {
        assert!(!text.contains(name), "{name} in:\n{text}");
    }
    assert!(text.contains("\n  - Student 1\n"), "{text}");
    // Bars are scaled to the class, the court's answer is marked in words, and the wrong
    // answers chosen with confidence lead the misconceptions.
    assert!(text.contains("(the court's answer)"), "{text}");
    assert!(
        text.contains("Top misconceptions (chosen fairly sure or certain):"),
        "{text}"
    );
    let bar = text
        .lines()
        .find(|l| l.contains(" of 3  Yes (the court's answer)"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        bar.trim_start().starts_with(&"#".repeat(13)),
        "2 of 3 is two thirds: {bar}"
    );
    assert!(!bar.trim_start().starts_with(&"#".repeat(14)), "{bar}");
    for format in ["html", "json", "csv"] {
        let out = class(&["--format", format], dir.path());
        let body = String::from_utf8(out.stdout).unwrap();
        for name in names {
            assert!(!body.contains(name), "{name} in the {format} report");
        }
    }
    let html = String::from_utf8(class(&["--format", "html"], dir.path()).stdout).unwrap();
    assert!(
        html.contains("2 of 3 \u{2014} the court&#39;s answer"),
        "{html}"
    );
    let with_names = String::from_utf8(class(&["--names"], dir.path()).stdout).unwrap();
    assert!(with_names.contains("\n  - Ada\n"), "{with_names}");
    for line in with_names.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
}

/// The class report in every document format: the same figures in words in each, the court's
/// answer marked in words, no student named unless asked, and the one HTML writer's policy.
#[test]
fn the_class_report_is_written_in_every_document_format_with_its_figures() {
    let dir = class_folder();
    let out_dir = tempfile::tempdir().unwrap();
    for format in ["markdown", "html", "docx", "pdf"] {
        let file = out_dir.path().join(format!("class.{format}"));
        let out = class(
            &["--format", format, "--output", file.to_str().unwrap()],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(0), "{format}: {out:?}");
        let bytes = std::fs::read(&file).unwrap();
        let text = match format {
            "docx" => {
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
                // Written deflated (docx-rs stores every part as is).
                for i in 0..zip.len() {
                    let part = zip.by_index(i).unwrap();
                    if !part.is_dir() {
                        let method = part.compression();
                        assert_eq!(method, zip::CompressionMethod::Deflated, "{}", part.name());
                    }
                }
                let mut xml = String::new();
                std::io::Read::read_to_string(
                    &mut zip.by_name("word/document.xml").unwrap(),
                    &mut xml,
                )
                .unwrap();
                xml
            }
            "pdf" => {
                assert!(bytes.starts_with(b"%PDF-"), "{format}");
                continue;
            }
            _ => String::from_utf8(bytes).unwrap(),
        };
        assert!(
            text.contains("2 of 3 \u{2014} the court"),
            "{format}: the figures in words:\n{text}"
        );
        assert!(text.contains("Student 1"), "{format}");
        for name in ["Ada", "Ben", "HYPERLINK"] {
            assert!(!text.contains(name), "{name} in the {format} report");
        }
        if format == "html" {
            assert!(
                text.contains(&format!(
                    "http-equiv=\"Content-Security-Policy\" content=\"{}\"",
                    immunity::document::html::CSP
                )),
                "{text}"
            );
            assert!(!text.contains("<script"));
        }
    }
    // A binary format is never printed into a terminal, but goes down a pipe.
    let out = class(&["--format", "pdf"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"%PDF-"));
}

#[test]
#[ignore = "needs pdftotext: apt-get install poppler-utils"]
fn the_class_report_pdf_reads_back_with_every_figure() {
    let dir = class_folder();
    let out_dir = tempfile::tempdir().unwrap();
    let pdf = out_dir.path().join("class.pdf");
    let out = class(
        &["--format", "pdf", "--output", pdf.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Does the pot have a drainage hole?"),
        "{text}"
    );
    assert!(
        text.contains("2 of 3 \u{2014} the court's answer"),
        "{text}"
    );
    assert!(text.contains("1 of 3"), "{text}");
}

#[test]
fn class_with_nothing_to_score_fails_and_names_each_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.json"), "[]").unwrap();
    let missing = dir.path().join("missing.json");
    let out = immunity()
        .arg("--pack")
        .arg(houseplant())
        .arg("class")
        .arg(dir.path().join("a.json"))
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("a.json (malformed): line 1, column 2: invalid length 0"),
        "{err}"
    );
    assert!(err.contains("missing.json (unreadable):"), "{err}");
    assert!(
        err.ends_with("immunity: no results file could be scored (2 skipped)\n"),
        "{err}"
    );
}

#[test]
#[ignore = "needs chromium: renders the class HTML in a real browser"]
fn class_html_renders_in_chromium_with_its_bar_charts() {
    let dir = class_folder();
    let page = dir.path().join("class.html");
    let out = class(
        &[
            "--format",
            "html",
            "--names",
            "--output",
            page.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<svg") && !html.contains("<script"));
    let profile = tempfile::tempdir().unwrap();
    let dom = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(dom.status.success());
    let dom = String::from_utf8_lossy(&dom.stdout);
    // The browser built the charts and kept every student's name as text.
    assert!(dom.matches("<svg").count() >= 4, "{dom}");
    assert!(dom.contains("Does the pot have a drainage hole?"));
    assert!(dom.contains("=HYPERLINK(\"x\")") || dom.contains("=HYPERLINK(&quot;x&quot;)"));
    assert!(dom.contains("the court's answer"));
}

#[test]
fn schema_of_the_results_file_names_its_fields() {
    let out = immunity().args(["schema", "--results"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let required: Vec<&str> = v["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    for field in ["format", "format_version", "student", "pack", "patterns"] {
        assert!(required.contains(&field), "{field}: {v}");
    }
    let step = &v["$defs"]["StepResult"]["properties"];
    for field in ["first_answer", "confidence", "millis", "revisions"] {
        assert!(step[field].is_object(), "{field}: {step}");
    }
}
