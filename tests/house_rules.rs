//! House rules the code keeps, checked so that later work cannot undo them unseen.
//!
//! No source file passes 600 lines: a file that grows past it is split along its seams. Files
//! over the limit when the rule came in were listed with their size, to shrink and come off the
//! list once split; issue 17 paid that debt down and the list is empty. A file not listed that
//! passes 600 lines fails this test.
//!
//! A source file over 400 lines says why in its header (its leading `//!` lines), in a sentence
//! with the words "400 lines" on one line: length is allowed where it is a choice, not drift.
//!
//! Untrusted text is cleaned where it enters (it is `text::Clean` from then on), so sanitiser
//! calls stand in the few places text enters and hardly anywhere else.

use std::path::{Path, PathBuf};

/// The most lines a source file may have.
const LIMIT: usize = 600;

/// The most lines a source file may have without saying why in its header.
const QUIET_LIMIT: usize = 400;

/// Files over the limit, with the most lines each may have until it is split (none today: keep
/// it that way).
const OVER_TODAY: &[(&str, usize)] = &[];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_passes_600_lines_and_none_over_it_today_grows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut broken = Vec::new();
    for path in files {
        let lines = std::fs::read_to_string(&path)
            .expect("a source file")
            .lines()
            .count();
        let name = path
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        let allowed = OVER_TODAY
            .iter()
            .find(|(listed, _)| *listed == name)
            .map_or(LIMIT, |&(_, most)| most);
        if lines > allowed {
            broken.push(format!("{name}: {lines} lines (at most {allowed})"));
        }
    }
    assert!(
        broken.is_empty(),
        "split these along their seams rather than let them grow:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_file_listed_over_the_limit_still_exists_and_is_still_over_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for &(name, _) in OVER_TODAY {
        let text = std::fs::read_to_string(root.join(name))
            .unwrap_or_else(|_| panic!("{name} is gone: take it off OVER_TODAY"));
        assert!(
            text.lines().count() > LIMIT,
            "{name} is within {LIMIT} lines now: take it off OVER_TODAY"
        );
    }
}

/// Where untrusted text may be cleaned: the module that defines the cleaning, the loaders that
/// read pack, matter, results and answer files, the command-line parser, and the terminal
/// edges (the full screen's key input, the line mode's reader, the live class's network
/// input). Everywhere else holds text that is already `text::Clean` and only displays it.
const SANITISING_PLACES: &[&str] = &[
    "src/text.rs",
    "src/pack/",
    "src/matter.rs",
    "src/results.rs",
    "src/answers.rs",
    "src/cli.rs",
    "src/cli/",
    "src/tui/form.rs",
    "src/tui/terminal.rs",
    "src/plain/input.rs",
    "src/live/room.rs",
];

/// How many sanitiser calls may stand anywhere else (six today: the command line's `say`, where
/// every message reaches the terminal; a path in an export error; two matter-loading errors on
/// the full screen; an id in a what-if error; the class report's lines on standard output).
const SANITISING_ELSEWHERE: usize = 10;

#[test]
fn untrusted_text_is_cleaned_where_it_enters_and_hardly_anywhere_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let calls = [
        "sanitize(",
        "sanitize_line(",
        "escape_for_display(",
        "escape_every_invisible(",
    ];
    let mut elsewhere = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        if SANITISING_PLACES
            .iter()
            .any(|p| name == *p || (p.ends_with('/') && name.starts_with(p)))
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if code.trim_start().starts_with("use ") || code.contains("fn ") {
                continue;
            }
            for call in calls {
                // A call, not a longer name that ends the same way (`escape_sanitize(`).
                let mut rest = code;
                while let Some(at) = rest.find(call) {
                    let before = rest[..at].chars().next_back();
                    if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        elsewhere.push(format!("{name}:{}: {}", n + 1, line.trim()));
                    }
                    rest = &rest[at + call.len()..];
                }
            }
        }
    }
    assert!(
        elsewhere.len() <= SANITISING_ELSEWHERE,
        "{} sanitiser calls outside the places text enters (at most {SANITISING_ELSEWHERE}); \
         make the text text::Clean where it is read instead:\n{}",
        elsewhere.len(),
        elsewhere.join("\n")
    );
}

/// A file's header: its leading `//!` lines, joined with spaces (so a phrase must stand on one
/// line to be found).
fn header(text: &str) -> String {
    text.lines()
        .take_while(|l| l.starts_with("//!"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_source_file_over_400_lines_says_why_in_its_header() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut silent = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a source file");
        let lines = text.lines().count();
        if lines > QUIET_LIMIT && !header(&text).contains("400 lines") {
            let name = path.strip_prefix(root).expect("under the crate");
            silent.push(format!("{}: {lines} lines", name.display()));
        }
    }
    assert!(
        silent.is_empty(),
        "over {QUIET_LIMIT} lines without saying why in the //! header (a sentence such as \
         \"Over 400 lines because …\", the words \"400 lines\" on one line), or split them:\n{}",
        silent.join("\n")
    );
}

#[test]
fn the_header_rule_reads_only_the_leading_doc_lines_and_one_line_at_a_time() {
    let said = "//! A file.\n//!\n//! Over 400 lines because it is one table.\nuse x;\n";
    assert!(header(said).contains("400 lines"));
    let split = "//! A file. Over 400\n//! lines because it is one table.\n";
    assert!(!header(split).contains("400 lines"));
    let later = "//! A file.\n\n// Over 400 lines because it is one table.\n";
    assert!(!header(later).contains("400 lines"));
}
