//! Packs chosen by name: `immunity packs` lists the bundled pack, and `--pack` takes a bundled
//! name or a folder by the one rule (a bare bundled name wins; a path separator, or a bare name
//! that no bundled pack has, is a folder); `--version` names the bundled pack and its
//! law-checked date. Names the bundled pack, so it is a content test.

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use support::cli::immunity;

fn houseplant() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant")
}

fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn packs_lists_the_bundled_pack_with_version_and_law_checked_date() {
    let (code, out, err) = run(immunity().arg("packs"));
    assert_eq!(code, Some(0), "{err}");
    let line = out
        .lines()
        .find(|l| l.starts_with("judicial-immunity "))
        .unwrap_or_else(|| panic!("no line for the bundled pack:\n{out}"));
    assert!(line.contains("law checked 20"), "{line}");
    assert!(line.contains("(default)"), "{line}");
    let version = line
        .split_whitespace()
        .nth(1)
        .unwrap()
        .trim_end_matches(',');
    assert!(
        version.split('.').all(|n| n.parse::<u32>().is_ok()),
        "version {version:?} in {line}"
    );
}

#[test]
fn a_bundled_name_and_the_same_pack_as_a_folder_give_the_same_walk() {
    let by_name =
        run(immunity().args(["--pack", "judicial-immunity", "walk", "--case", "gregory"]));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/judicial-immunity");
    let by_dir = run(immunity()
        .arg("--pack")
        .arg(&dir)
        .args(["walk", "--case", "gregory"]));
    let default = run(immunity().args(["walk", "--case", "gregory"]));
    // The three runs may straddle a minute: the export time is left out of the comparison.
    let undated = |text: &str| -> String {
        text.lines()
            .map(|l| l.split_once("exported ").map_or(l, |(before, _)| before))
            .filter(|l| !l.starts_with("Exported: "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(by_name.0, Some(0), "{}", by_name.2);
    assert_eq!(undated(&by_name.1), undated(&default.1));
    assert_eq!(by_dir.0, Some(0), "{}", by_dir.2);
    assert_eq!(undated(&by_dir.1), undated(&default.1));
    assert!(
        default.1.contains("Exported: "),
        "the export time is what is left out"
    );
}

#[test]
fn a_bare_name_that_is_a_folder_opens_the_folder_and_a_separator_forces_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("plants");
    std::fs::create_dir(&copy).unwrap();
    for entry in walk(&houseplant()) {
        let rel = entry.strip_prefix(houseplant()).unwrap();
        let to = copy.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &to).unwrap();
    }
    let (code, out, err) = run(immunity()
        .current_dir(dir.path())
        .args(["--pack", "plants", "check"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("plants: ok: "), "{out}");
    // `./judicial-immunity` is a folder, and there is none here: the bundled pack is not used.
    let (code, _, err) =
        run(immunity()
            .current_dir(dir.path())
            .args(["--pack", "./judicial-immunity", "map"]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("./judicial-immunity"), "{err}");
}

#[test]
fn an_unknown_bare_name_says_it_is_neither_a_bundled_pack_nor_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) =
        run(immunity()
            .current_dir(dir.path())
            .args(["--pack", "no-such-pack", "map"]));
    assert_eq!(code, Some(2));
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("no-such-pack: no bundled pack has this name and there is no such folder"),
        "{err}"
    );
    assert!(err.contains("judicial-immunity"), "{err}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn version_names_the_bundled_pack_and_its_law_checked_date() {
    let out = immunity().arg("--version").output().unwrap();
    assert!(out.status.success());
    let stdout = |o: &std::process::Output| String::from_utf8(o.stdout.clone()).unwrap();
    let files = immunity::pack::FileSet::bundled("judicial-immunity").unwrap();
    let pack = immunity::pack::load(&files).unwrap().0;
    assert_eq!(
        stdout(&out),
        format!(
            "immunity {} (bundled pack judicial-immunity {}, law checked {})\n",
            env!("CARGO_PKG_VERSION"),
            pack.version(),
            pack.law_checked()
        )
    );
}
