//! `immunity check`: loads packs and reports every problem of every pack, then one summary line
//! per clean pack.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use immunity::pack::{self, FileSet};

use super::{Exit, Failure, print_stdout, say};

/// Checks the packs in `dirs` and the one `--pack` names, or every bundled pack when neither is
/// given. `--pack` is global, so `immunity check --pack DIR` must check DIR: ignoring it would
/// report the bundled pack as "ok" for a folder never read.
pub fn run(pack: Option<&Path>, dirs: &[PathBuf]) -> Result<Exit, Failure> {
    let dirs: Vec<&Path> = pack
        .into_iter()
        .chain(dirs.iter().map(PathBuf::as_path))
        .collect();
    let sets: Vec<Result<FileSet, std::io::Error>> = if dirs.is_empty() {
        FileSet::bundled_names()
            .map(|name| Ok(FileSet::bundled(name).expect("listed packs are embedded")))
            .collect()
    } else {
        dirs.iter()
            .map(|d| FileSet::from_dir_limited(d, super::input_limit()))
            .collect()
    };
    let mut exit = Exit::Success;
    let mut out = String::new();
    for set in sets {
        let files = match set {
            Ok(files) => files,
            Err(error) => {
                // An unreadable folder is a usage error; it outranks problems in other packs.
                say(Failure::PackUnreadable(error));
                exit = Exit::Usage;
                continue;
            }
        };
        match pack::load(&files) {
            Ok((pack, summary)) => {
                for warning in pack.warnings() {
                    let _ = writeln!(out, "{warning}");
                }
                let _ = writeln!(
                    out,
                    "{}: ok: {} questions, {} conclusions, {} distinct paths, {} quotes verified, {} fact patterns",
                    immunity::text::escape_for_display(files.display_root()),
                    summary.questions,
                    summary.conclusions,
                    summary.paths,
                    summary.quotes_verified,
                    summary.cases
                );
            }
            Err(problems) => {
                out.push_str(&problems.to_string());
                let errors = problems
                    .0
                    .iter()
                    .filter(|d| d.severity == pack::Severity::Error)
                    .count();
                let _ = writeln!(
                    out,
                    "{}: {errors} error{} found",
                    immunity::text::escape_for_display(files.display_root()),
                    if errors == 1 { "" } else { "s" }
                );
                if exit == Exit::Success {
                    exit = Exit::Problems;
                }
            }
        }
    }
    print_stdout(&out)?;
    Ok(exit)
}
