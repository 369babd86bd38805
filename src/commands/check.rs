//! `immunity check`: loads packs (bundled ones by name, or folders) and reports the problems of every pack (the first
//! [`SHOWN_BY_DEFAULT`] errors and warnings of each, in file and position order, then how many
//! more; `--all` lists every one), then one summary line per pack.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use immunity::pack::{self, Diagnostic, FileSet, SHOWN_BY_DEFAULT};
use immunity::words::count;

use super::{Exit, Failure, print_stdout, say};

/// Checks the packs in `dirs` and the one `--pack` names, or every bundled pack when neither is
/// given. `--pack` is global, so `immunity check --pack DIR` must check DIR: ignoring it would
/// report the bundled pack as "ok" for a folder never read. `all` lifts the cap on the
/// problems listed per pack.
pub fn run(pack: Option<&Path>, dirs: &[PathBuf], all: bool) -> Result<Exit, Failure> {
    let limit = (!all).then_some(SHOWN_BY_DEFAULT);
    let dirs: Vec<&Path> = pack
        .into_iter()
        .chain(dirs.iter().map(PathBuf::as_path))
        .collect();
    let sets: Vec<Result<FileSet, pack::catalog::OpenError>> = if dirs.is_empty() {
        FileSet::bundled_names()
            .map(|name| Ok(FileSet::bundled(name).expect("listed packs are embedded")))
            .collect()
    } else {
        dirs.iter()
            .map(|d| pack::catalog::files(Some(d), super::input_limit()))
            .collect()
    };
    let mut exit = Exit::Success;
    let mut out = String::new();
    // The last pack loaded is not dropped: the process ends right after, and freeing a large
    // pack string by string costs more than any other check (an eighth of `check`'s CPU at a
    // million questions, growing faster than the pack as the heap fragments). Earlier packs
    // are dropped as the next one loads, so the peak stays that of the largest pack.
    let mut last = None;
    for set in sets {
        let files = match set {
            Ok(files) => files,
            Err(error) => {
                // An unreadable folder, or a name that is neither a bundled pack nor a folder,
                // is a usage error; it outranks problems in other packs.
                say(match error {
                    pack::catalog::OpenError::Unreadable(error) => Failure::PackUnreadable(error),
                    other => Failure::Usage(other.to_string()),
                });
                exit = Exit::Usage;
                continue;
            }
        };
        match pack::load(&files) {
            Ok((pack, summary)) => {
                list(&mut out, pack.warnings(), limit, files.display_root());
                let _ = writeln!(
                    out,
                    "{}: ok: {}, {}, {}, {} verified, {}",
                    files.display_root(),
                    count(summary.questions, "question", "questions"),
                    count(summary.conclusions, "conclusion", "conclusions"),
                    count(summary.paths, "distinct path", "distinct paths"),
                    count(summary.quotes_verified, "quote", "quotes"),
                    count(summary.cases, "fact pattern", "fact patterns")
                );
                last = Some(pack);
            }
            Err(problems) => {
                list(&mut out, &problems.0, limit, files.display_root());
                let errors = problems
                    .0
                    .iter()
                    .filter(|d| d.severity == pack::Severity::Error)
                    .count();
                let _ = writeln!(
                    out,
                    "{}: {} found",
                    files.display_root(),
                    count(errors, "error", "errors")
                );
                if exit == Exit::Success {
                    exit = Exit::Problems;
                }
            }
        }
    }
    std::mem::forget(last);
    print_stdout(&out)?;
    Ok(exit)
}

/// Writes the diagnostics `limit` allows, then a line saying how many more there are.
fn list(out: &mut String, diagnostics: &[Diagnostic], limit: Option<usize>, root: &str) {
    let listing = pack::listing(diagnostics, limit);
    let _ = write!(out, "{listing}");
    let hidden = listing.hidden();
    if !hidden.is_empty() {
        let _ = writeln!(out, "{root}: {hidden}; add --all to list every one");
    }
}
