//! A matter open for writing ([`OpenMatter`]): read under its lock, changed on a copy, saved
//! before the change is reported saved.

use std::path::{Path, PathBuf};

use super::{MatterError, MatterFile, MatterInfo, MatterLock, refuse_irregular, today};

/// A matter open for writing: the file, its path and the lock. Every change is saved before
/// the caller reports it saved.
#[derive(Debug)]
pub struct OpenMatter {
    /// The matter as last saved or loaded.
    pub file: MatterFile,
    path: PathBuf,
    lock: MatterLock,
}

impl OpenMatter {
    /// Locks and reads the matter at `path`. A file that does not parse is an error and is
    /// never written.
    pub fn open(path: &Path) -> Result<Self, MatterError> {
        // A missing, unreadable or irregular matter is reported before a lock file is made.
        refuse_irregular(path)?;
        std::fs::metadata(path).map_err(|source| MatterError::Io {
            path: path.to_owned(),
            source,
        })?;
        let lock = MatterLock::acquire(path)?;
        let file = MatterFile::read(path)?;
        Ok(Self {
            file,
            path: path.to_owned(),
            lock,
        })
    }

    /// Locks the path and creates a new matter there; an existing file is left as it was.
    pub fn create(path: &Path, info: MatterInfo) -> Result<Self, MatterError> {
        // Checked before the lock file is made, so a refused `new` leaves nothing behind.
        if path.symlink_metadata().is_ok() {
            return Err(MatterError::Exists(path.to_owned()));
        }
        let mut lock = MatterLock::acquire(path)?;
        let made = lock.path().to_owned();
        let fail = |e: MatterError| {
            let _ = std::fs::remove_file(&made);
            e
        };
        if path.symlink_metadata().is_ok() {
            return Err(MatterError::Exists(path.to_owned()));
        }
        let mut file = MatterFile::new(info);
        if file.matter.opened.is_none() {
            file.matter.opened = Some(today());
        }
        // Checked the same way as a file read back, so `new` cannot write what `open` refuses.
        let text = file.to_json();
        MatterFile::parse(path, &text).map_err(fail)?;
        file.save(path, &mut lock).map_err(fail)?;
        Ok(Self {
            file,
            path: path.to_owned(),
            lock,
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves `next` as the matter (checked as if read back) and returns the matter it
    /// replaced; on any error the file on disk and in memory are as they were, and `next`
    /// comes back with the error. No copy of the matter is made.
    pub fn replace(
        &mut self,
        mut next: MatterFile,
    ) -> Result<MatterFile, (MatterError, Box<MatterFile>)> {
        match next.save(&self.path, &mut self.lock) {
            Ok(()) => Ok(std::mem::replace(&mut self.file, next)),
            Err(e) => Err((e, Box::new(next))),
        }
    }

    /// Applies `change` to a copy, checks it as if read back, and saves it. On any error the
    /// file on disk and in memory are as they were.
    pub fn change(
        &mut self,
        change: impl FnOnce(&mut MatterFile) -> Result<(), MatterError>,
    ) -> Result<(), MatterError> {
        let mut next = self.file.clone();
        change(&mut next)?;
        // Checked as if read back (the rules, located when broken), serialised once, written.
        next.save(&self.path, &mut self.lock)?;
        self.file = next;
        Ok(())
    }
}
