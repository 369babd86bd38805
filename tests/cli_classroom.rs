//! `immunity key` and `immunity class`, run as a user runs them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn immunity() -> Command {
    let mut cmd = Command::cargo_bin("immunity").expect("the binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

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
        assert!(md.contains(&format!("(`{q}`)\n")), "{q}: {md}");
    }
    assert!(
        md.contains("- **A. Yes** (`yes`) \u{2192} Q2 (succulent)"),
        "{md}"
    );
    assert!(
        md.contains("- **B. No** (`no`) \u{2192} Conclusion: Repot first (Fix the pot first)"),
        "{md}"
    );
    assert!(
        md.contains("  - Note: In winter, about once a month is enough."),
        "{md}"
    );
    assert!(
        md.contains("The Old Almanac (1950) \\[CAUTION\\]"),
        "authority with status: {md}"
    );
    assert!(md.contains("## Fact patterns: the court's path"));
    let fern = md
        .split("### The fern on the windowsill (`fern-dry`)")
        .nth(1)
        .unwrap();
    assert!(
        fern.contains("1. Q1 Does the pot have a drainage hole? \u{2014} **A. Yes**"),
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
    assert!(page.contains("<section class=\"question\" id=\"q4\">"));
    assert!(page.contains("id=\"case-glazed-pot\""));
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
