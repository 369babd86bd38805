//! STUB — being replaced by the report helper. Signatures are the contract.
use std::path::{Path, PathBuf};

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file exists and `force` was not given.
    #[error("{} already exists; pass --force to overwrite it", .0.display())]
    Exists(PathBuf),
    /// The OS refused.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes atomically (temp file in the same folder, fsync, rename); never clobbers unless `force`.
pub fn write_atomic(path: &Path, contents: &str, force: bool) -> Result<(), ExportError> {
    if !force && path.exists() {
        return Err(ExportError::Exists(path.to_owned()));
    }
    std::fs::write(path, contents).map_err(|source| ExportError::Io {
        path: path.to_owned(),
        source,
    })
}
