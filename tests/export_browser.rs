//! A real browser reads the HTML export: Debian's chromium, headless, prints it to PDF and dumps
//! the DOM it built. The PDF must be produced, and the rendered text must hold the conclusion's
//! title and every citation (so nothing was lost to a parsing accident, and the hostile pack's
//! markup stayed text).
//!
//! The packs are built (the test-pack builder) and the hostile fixture, never the bundled pack.
//!
//! The test needs chromium, so it is ignored by a plain `cargo test` (a machine with only a
//! Rust toolchain) and run by CI with `cargo test -- --include-ignored`. When it is run and
//! chromium is missing it fails and says how to install it: a check that did not run is never
//! reported as passed.

mod report_support;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use immunity::export::write_atomic;
use immunity::pack::Pack;
use immunity::report::{Format, Report, render};
use report_support::{all_walks, built, hostile, report, two_walks};

/// How long one chromium run may take before it is killed.
#[allow(
    clippy::duration_suboptimal_units,
    reason = "Duration::from_mins needs Rust 1.91; the crate supports 1.88"
)]
const LIMIT: Duration = Duration::from_secs(60);

/// The chromium binary; fails the test, saying how to install it, when there is none.
fn chromium() -> PathBuf {
    let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "chromium is required for the browser test but was found at neither {}. \
                 Install it with `apt-get install chromium` (Debian) and run \
                 `cargo test -- --include-ignored` again.",
                candidates.join(" nor ")
            )
        })
}

/// Runs chromium headless with `args` then the page URL; returns its standard output. Kills it
/// after [`LIMIT`].
fn run(chromium: &Path, profile: &Path, args: &[String], page: &Path) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
    // Read the pipes on their own threads so a chatty browser cannot block on a full pipe.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for chromium") {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {LIMIT:?}: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    assert!(
        status.success(),
        "chromium {args:?} failed ({status}):\n{err}"
    );
    out
}

/// The text of a serialised DOM: tags removed, the references chromium writes decoded, white
/// space folded.
fn dom_text(dom: &str) -> String {
    let mut text = String::new();
    let mut rest = dom;
    // Skip the stylesheet: its text is not content.
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        let skip_to = if tail.starts_with("<style") {
            tail.find("</style>")
                .map_or(tail.len(), |e| e + "</style>".len())
        } else if tail.starts_with("<title") {
            tail.find("</title>")
                .map_or(tail.len(), |e| e + "</title>".len())
        } else {
            tail.find('>').map_or(tail.len(), |e| e + 1)
        };
        text.push(' ');
        rest = &tail[skip_to..];
    }
    text.push_str(rest);
    let decoded = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders `report` in chromium and checks the PDF and the DOM.
fn check_in_browser(chromium: &Path, name: &str, report: &Report) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let page = dir.path().join(format!("{name}.html"));
    write_atomic(&page, &render(report, Format::Html), false).expect("the export is written");
    let pdf = dir.path().join(format!("{name}.pdf"));
    let profile = dir.path().join("profile");

    run(
        chromium,
        &profile,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_owned(),
        ],
        &page,
    );
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{name}: no PDF was produced: {e}"));
    assert!(
        bytes.starts_with(b"%PDF"),
        "{name}: the output is not a PDF"
    );
    assert!(bytes.len() > 1000, "{name}: the PDF is implausibly small");

    let dom = run(chromium, &profile, &["--dump-dom".to_owned()], &page);
    assert!(
        !dom.to_ascii_lowercase().contains("<script"),
        "{name}: a script element in the DOM"
    );
    let text = dom_text(&dom);
    let title = fold(&report.conclusion.title);
    assert!(
        text.contains(&title),
        "{name}: the rendered text lacks the title {title:?}"
    );
    for citation in report.citations() {
        let citation = fold(&citation);
        assert!(
            text.contains(&citation),
            "{name}: the rendered text lacks {citation:?}"
        );
    }
    for entry in &report.authorities {
        assert!(
            text.contains(&entry.status_label),
            "{name}: lacks status {}",
            entry.status_label
        );
    }
}

#[test]
#[ignore = "needs chromium (apt-get install chromium); CI runs it with --include-ignored"]
fn chromium_renders_and_prints_the_html_export() {
    let chromium = chromium();
    let pack = built();
    for (name, session) in two_walks(&pack) {
        check_in_browser(&chromium, &format!("built-{name}"), &report(&session));
    }
    let hostile = hostile();
    let first = all_walks(&hostile).into_iter().next().expect("a path");
    check_in_browser(&chromium, "hostile", &report(&first));
}

/// The pages of a PDF as laid-out text (pdftotext separates pages with a form feed): one line
/// of text per printed line, so a page's non-blank lines measure how full it is.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    // The text ends with a form feed: the last piece is not a page.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// A built pack whose one fact pattern answers a chain of twenty questions, so that its
/// printed report runs to several pages; a second fact pattern stops at the first question.
fn long_chain() -> Pack {
    const STEPS: usize = 20;
    let all_yes: Vec<(String, &str)> = (1..=STEPS).map(|n| (format!("q{n}"), "yes")).collect();
    let all_yes: Vec<(&str, &str)> = all_yes.iter().map(|(q, o)| (q.as_str(), *o)).collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    report_support::pack::chain("long-chain", STEPS, |n| {
        format!("Does step {n} of the chain hold?")
    })
    .case("long", "Long v. Chain", &all_yes, "end")
    .case("short", "Short v. Chain", &[("q1", "no")], "off")
    .load(dir.path())
}

/// What a supervising attorney holds in hand: Chromium prints the HTML export to PDF, and the
/// first page carries the outcome in words, the conclusion's title and summary (and, for a
/// fact pattern, the comparison's verdict); the reasoning chain comes later; and no page but
/// the last is left mostly blank (each prints at least half the lines of a median page).
#[test]
#[ignore = "needs chromium and pdftotext (poppler-utils): apt-get install -y chromium poppler-utils"]
fn the_printed_export_opens_with_the_conclusion_and_leaves_no_blank_pages() {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .expect("chromium is missing: install Debian's chromium");
    let pack = long_chain();
    for case in pack.cases().iter().take(3) {
        let walked = immunity::engine::walk(&pack, &case.answers).expect("valid answers");
        let report = report_support::case_report(&walked.session, &case.id);
        let dir = tempfile::tempdir().expect("a temporary folder");
        let page = dir.path().join("memo.html");
        write_atomic(&page, &render(&report, Format::Html), false).expect("written");
        let pdf = dir.path().join("memo.pdf");
        run(
            &chromium,
            &dir.path().join("profile"),
            &[
                format!("--print-to-pdf={}", pdf.display()),
                "--no-pdf-header-footer".to_owned(),
            ],
            &page,
        );
        let laid_out = pdf_pages(&pdf);
        let pages: Vec<String> = laid_out.iter().map(|p| fold(p)).collect();
        let name = &case.id;
        assert!(!pages.is_empty(), "{name}: no pages");
        let first = &pages[0];
        let c = &report.conclusion;
        for (what, words) in [
            ("the outcome", format!("Outcome: {}", c.outcome_label)),
            ("the title", fold(&c.title)),
            (
                "the summary's opening",
                c.summary
                    .split_whitespace()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            (
                "the verdict",
                "You reached the same result as the court".to_owned(),
            ),
        ] {
            assert!(
                first.contains(&words),
                "{name}: page 1 lacks {what} {words:?}:\n{first}"
            );
        }
        let chain = pages
            .iter()
            .position(|p| p.contains("Reasoning chain"))
            .expect("the reasoning chain is printed");
        let title_at = pages
            .iter()
            .position(|p| p.contains(&fold(&c.title)))
            .unwrap_or(usize::MAX);
        assert!(
            title_at <= chain,
            "{name}: the conclusion comes after the chain"
        );
        if case.id == "long" {
            assert!(
                laid_out.len() > 2,
                "{name}: the long chain prints on several pages"
            );
        }
        let mut counts: Vec<usize> = laid_out
            .iter()
            .map(|p| p.lines().filter(|l| !l.trim().is_empty()).count())
            .collect();
        let last = counts.pop().unwrap_or(0);
        if !counts.is_empty() {
            let mut sorted = counts.clone();
            sorted.sort_unstable();
            let median = sorted[sorted.len() / 2];
            for (i, &n) in counts.iter().enumerate() {
                assert!(
                    n * 2 >= median,
                    "{name}: page {} prints {n} lines against a median of {median}: mostly blank ({counts:?}, last {last})",
                    i + 1
                );
            }
        }
    }
}
