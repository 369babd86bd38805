//! `immunity packs`: the packs bundled in the binary, one line each (name, version, the date the
//! law was checked, title): the names `--pack` takes.

use std::fmt::Write as _;

use immunity::pack::catalog;

use super::{Exit, Failure, print_stdout};

/// Prints the bundled packs, the default marked, in columns a screen reader reads as a sentence.
pub fn run() -> Result<Exit, Failure> {
    let packs = catalog::bundled();
    let width = packs.iter().map(|p| p.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for pack in &packs {
        let _ = writeln!(
            out,
            "{:width$}  {}, law checked {}{}: {}",
            pack.name,
            pack.version,
            pack.law_checked,
            if pack.name == catalog::DEFAULT {
                " (default)"
            } else {
                ""
            },
            pack.title,
        );
    }
    print_stdout(&out)?;
    Ok(Exit::Success)
}
