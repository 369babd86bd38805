//! House rules the code keeps, checked so that later work cannot undo them unseen.
//!
//! No source file passes 600 lines: a file that grows past it is split along its seams. The
//! files over the limit today are listed with their size now; each may shrink, never grow, and
//! is taken off the list once it is split (issue 17 pays this debt down). A file not listed that
//! passes 600 lines fails this test.
//!
//! Untrusted text is cleaned where it enters (it is `text::Clean` from then on), so sanitiser
//! calls stand in the few places text enters and hardly anywhere else.

use std::path::{Path, PathBuf};

/// The most lines a source file may have.
const LIMIT: usize = 600;

/// Files over the limit when this rule came in, with the most lines each may have until it is
/// split.
const OVER_TODAY: &[(&str, usize)] = &[("src/pack/validate.rs", 1047)];

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

/// How many sanitiser calls may stand anywhere else (five today: the command line's `say`, where
/// every message reaches the terminal; a path in an export error; two matter-loading errors on
/// the full screen; an id in a what-if error).
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
