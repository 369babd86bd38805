//! The advisory lock on a matter file ([`MatterLock`]): one writer at a time, a second refused
//! rather than both writing, by a lock file beside the matter and a lock on the file itself.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::MatterError;

/// The advisory lock a program holds while it may write a matter: an exclusive lock on a lock
/// file beside it (`.NAME.lock`, beside the file a symbolic link leads to), and one on the
/// matter file itself, which the system keys by device and inode, so a hard link or a symbolic
/// link to a matter that is open is refused too. The lock file carries the lock across saves
/// (each save replaces the matter with a new file, which is locked again). It is left in place
/// (removing it would let a waiting program lock a file no one else can see); the locks go
/// when the program exits, however it exits.
#[derive(Debug)]
pub struct MatterLock {
    _file: File,
    /// The lock on the matter file itself (by device and inode), once it exists.
    matter: Option<File>,
    path: PathBuf,
}

impl MatterLock {
    /// Takes the lock for the matter at `matter`, or says who holds it. Never waits. A lock
    /// file this call made is removed again when the lock is refused.
    pub fn acquire(matter: &Path) -> Result<Self, MatterError> {
        let target = resolved(matter);
        let path = lock_path(&target);
        let existed = path.symlink_metadata().is_ok();
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| MatterError::Io {
                path: path.clone(),
                source,
            })?;
        let tidy = |e: MatterError| {
            if !existed {
                let _ = std::fs::remove_file(&path);
            }
            e
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(MatterError::Locked {
                    path: matter.to_owned(),
                    lock: path.clone(),
                });
            }
            Err(std::fs::TryLockError::Error(source)) => {
                return Err(tidy(MatterError::Io {
                    path: path.clone(),
                    source,
                }));
            }
        }
        let mut lock = Self {
            _file: file,
            matter: None,
            path: path.clone(),
        };
        if let Err(e) = lock.lock_matter(matter) {
            drop(lock);
            return Err(tidy(e));
        }
        Ok(lock)
    }

    /// Locks the matter file itself, when it exists and is a regular file (after each save, the
    /// new file). Refused when another program holds it through another name.
    fn lock_matter(&mut self, matter: &Path) -> Result<(), MatterError> {
        if !std::fs::metadata(matter).is_ok_and(|m| m.is_file()) {
            return Ok(());
        }
        let file = {
            use std::os::unix::fs::OpenOptionsExt as _;
            File::options()
                .read(true)
                .custom_flags(libc::O_NONBLOCK)
                .open(matter)
                .map_err(|source| MatterError::Io {
                    path: matter.to_owned(),
                    source,
                })?
        };
        match file.try_lock() {
            Ok(()) => {
                self.matter = Some(file);
                Ok(())
            }
            Err(std::fs::TryLockError::WouldBlock) => Err(MatterError::Locked {
                path: matter.to_owned(),
                lock: matter.to_owned(),
            }),
            Err(std::fs::TryLockError::Error(source)) => Err(MatterError::Io {
                path: matter.to_owned(),
                source,
            }),
        }
    }

    /// After a save replaced the matter with a new file (a new inode), locks that file instead.
    pub(super) fn relock(&mut self, matter: &Path) -> Result<(), MatterError> {
        self.matter = None;
        self.lock_matter(matter)
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The file a path names, through symbolic links (the path itself when it does not exist).
pub(super) fn resolved(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// `dir/.NAME.lock` for `dir/NAME`.
pub fn lock_path(matter: &Path) -> PathBuf {
    let name = matter
        .file_name()
        .map_or_else(|| "matter".into(), |n| n.to_string_lossy().into_owned());
    let dir = match matter.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    dir.join(format!(".{name}.lock"))
}
