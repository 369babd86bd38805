//! Writing export files so that nothing is ever lost or half-written.
//!
//! [`write_atomic`] writes to a temporary file in the destination's own folder (so the final
//! rename never crosses a file system), syncs it to disk, then moves it into place in one step.
//! Without `force` the move refuses to replace an existing file, and the check and the move are
//! one operation (no window in which another program's new file could be clobbered). On any
//! failure the temporary file is removed and the destination is as it was.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file exists and `force` was not given. The file is untouched.
    #[error("{} already exists; pass --force to overwrite it", crate::text::escape_for_display(&.0.display().to_string()))]
    Exists(PathBuf),
    /// The operating system refused; `source` says why in words.
    #[error("cannot write {}: {source}", crate::text::escape_for_display(&path.display().to_string()))]
    Io {
        /// The destination.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, synced, then
/// renamed into place. An existing file is never replaced unless `force`.
pub fn write_atomic(path: &Path, contents: &str, force: bool) -> Result<(), ExportError> {
    let io = |source: std::io::Error| ExportError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = folder_of(path);
    if path.file_name().is_none() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a file name",
        )));
    }
    // Fail early, before writing anything, when the file plainly exists; the no-clobber rename
    // below is what makes the refusal race-free.
    if !force && path.symlink_metadata().is_ok() {
        return Err(ExportError::Exists(path.to_owned()));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".immunity-export-").suffix(".tmp");
    // A temporary file is created owner-only; an export should get the permissions any new
    // file gets (0666 less the umask), as if written directly.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(dir).map_err(io)?;
    temp.write_all(contents.as_bytes()).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    let persisted = if force {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    // On failure `PersistError` still owns the temporary file, and dropping it deletes it.
    if let Err(e) = persisted {
        if !force && e.error.kind() == std::io::ErrorKind::AlreadyExists {
            return Err(ExportError::Exists(path.to_owned()));
        }
        return Err(io(e.error));
    }
    sync_dir(dir);
    Ok(())
}

/// The default name of an export file: `immunity-<conclusion id>.<extension>`, keeping only
/// ASCII letters, digits, `-` and `_` of the id (`immunity-report` when nothing is left).
pub fn default_file_name(conclusion_id: &str, extension: &str) -> String {
    let safe: String = conclusion_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    if safe.is_empty() {
        format!("immunity-report.{extension}")
    } else {
        format!("immunity-{safe}.{extension}")
    }
}

/// The folder a path's file is in: `.` for a bare file name (whose parent is empty).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Syncs a folder so that a rename in it survives a crash. Best effort: some file systems
/// cannot sync a folder, and the file itself is already safely written.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_file_name_is_in_the_current_folder() {
        assert_eq!(folder_of(Path::new("memo.md")), Path::new("."));
        assert_eq!(folder_of(Path::new("out/memo.md")), Path::new("out"));
        assert_eq!(folder_of(Path::new("/memo.md")), Path::new("/"));
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        let err = write_atomic(Path::new("/"), "x", true).unwrap_err();
        assert!(err.to_string().contains("not a file name"), "{err}");
    }
}
