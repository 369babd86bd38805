//! Never a memo over a matter: the output guard the command line, the export dialog and the
//! line mode share.

use crate::matter::{MatterFile, MatterLock};

/// Refuses an output that would destroy a matter: the matter the memo is read from (always),
/// or another file that parses as a matter, unless `force` (the user confirmed) and no program
/// holds its lock. Returns the lock taken on such a matter: hold it until the memo is written.
/// The message says what was refused and why.
pub fn guard_output(
    input: &std::path::Path,
    output: &std::path::Path,
    force: bool,
) -> Result<Option<MatterLock>, String> {
    let shown = || crate::text::Clean::line(&output.display().to_string()).into_string();
    if same_file(input, output) {
        return Err(format!(
            "{} is the file the memo is read from; write the memo to another file (--force never replaces the matter itself)",
            shown()
        ));
    }
    let is_matter = output.is_file()
        && crate::matter::read_text(output)
            .ok()
            .is_some_and(|text| MatterFile::parse(output, &text).is_ok());
    if !is_matter {
        return Ok(None);
    }
    if !force {
        return Err(format!(
            "{} is a matter file; a memo would replace its screenings. Write the memo elsewhere, or pass --force to replace it",
            shown()
        ));
    }
    MatterLock::acquire(output)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// True when both paths name one file (the same device and inode, or the same path).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
