//! Writing export files so that nothing is ever lost or half-written.
//!
//! [`write_atomic`] writes to a temporary file in the destination's own folder (so the final
//! rename never crosses a file system), syncs it to disk, then moves it into place in one step.
//! Without `force` the move refuses to replace an existing file, and the check and the move are
//! one operation (no window in which another program's new file could be clobbered). On any
//! failure the temporary file is removed and the destination is as it was. `force` replaces a
//! regular file only: a device, FIFO, socket, folder or symbolic link is never replaced.
//!
//! A process killed while writing cannot remove its temporary file itself, so the files are
//! named `.immunity-export-<pid>-<random>.tmp`: the next export into that folder removes the
//! ones whose process is gone. A catchable signal need not leave one at all: a command that
//! installs [`remove_temp_files_on_signals`] (or a signal handler of its own that calls
//! [`remove_live_temp_files`]) removes the file being written before it exits.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Start of every temporary file's name; the process id and a random part follow.
const TEMP_PREFIX: &str = ".immunity-export-";
/// End of every temporary file's name.
const TEMP_SUFFIX: &str = ".tmp";

/// The temporary files this process is writing, for a signal handler to remove.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes the temporary files this process is writing now. For signal handlers (run from a
/// signal-handling thread, not inside the handler itself): after it, the process should exit.
pub fn remove_live_temp_files() {
    for path in live().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// The number of the terminating signal [`remove_temp_files_on_signals`] caught, 0 for none.
/// Set inside the signal handler itself (an atomic store is async-signal-safe), so it is true
/// the moment the signal is delivered, before the signal thread has run.
static CAUGHT: std::sync::OnceLock<std::sync::Arc<std::sync::atomic::AtomicUsize>> =
    std::sync::OnceLock::new();

/// The terminating signal caught since [`remove_temp_files_on_signals`] was installed, if any.
/// The main thread asks before it exits: a signal that arrives as the work finishes must still
/// end the process with 128 + its number, and the signal thread may not have run yet.
pub fn caught_signal() -> Option<u8> {
    let number = CAUGHT.get()?.load(std::sync::atomic::Ordering::SeqCst);
    u8::try_from(number).ok().filter(|&n| n != 0)
}

/// Installs handlers for every signal that would end the process and can be caught (INT, TERM,
/// HUP, QUIT, USR1, USR2, ALRM, VTALRM, PROF, XCPU, XFSZ) that remove the temporary export file
/// being written and exit with 128 + the signal number, as a shell reports a process killed by
/// it. For commands without a terminal to restore (`walk`).
pub fn remove_temp_files_on_signals() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{
            SIGALRM, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM,
            SIGXCPU, SIGXFSZ,
        };
        const WANTED: [i32; 11] = [
            SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
            SIGXCPU, SIGXFSZ,
        ];
        let caught = CAUGHT.get_or_init(Default::default);
        for signal in WANTED {
            let number = usize::try_from(signal).unwrap_or_default();
            signal_hook::flag::register_usize(signal, std::sync::Arc::clone(caught), number)?;
        }
        let mut signals = signal_hook::iterator::Signals::new(WANTED)?;
        std::thread::Builder::new()
            .name("export-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    remove_live_temp_files();
                    std::process::exit(128 + signal);
                }
            })?;
    }
    Ok(())
}

/// A path as a message shows it. A file name is what the file system holds, so it is not
/// cleaned (the message must name the very file); its unsafe characters are shown escaped
/// (`\u{1b}`), so that printing the message cannot act on the terminal. The one place an
/// export's messages show a path.
pub fn shown(path: &Path) -> String {
    crate::text::escape_for_display(&path.display().to_string()).into_owned()
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file exists and `force` was not given. The file is untouched.
    #[error("{} already exists; pass --force to overwrite it", shown(.0))]
    Exists(PathBuf),
    /// `force` was given but the path is not a regular file (a device, FIFO, socket, folder or
    /// symbolic link), which an export never replaces. It is untouched.
    #[error(
        "{} is {kind}; an export replaces only a regular file, even with --force",
        shown(path)
    )]
    NotRegular {
        /// The destination.
        path: PathBuf,
        /// What it is ("a device", "a symbolic link" ...).
        kind: &'static str,
    },
    /// The operating system refused; `source` says why in words.
    #[error("cannot write {}: {source}", shown(path))]
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
    write_atomic_bytes(path, contents.as_bytes(), force)
}

/// [`write_atomic`] for bytes (a DOCX or PDF).
pub fn write_atomic_bytes(path: &Path, contents: &[u8], force: bool) -> Result<(), ExportError> {
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
    // What the path is comes first: telling the user to pass --force for a device, FIFO or
    // symbolic link that --force would then refuse sends them round in a circle.
    if let Ok(meta) = path.symlink_metadata() {
        if let Some(kind) = crate::pack::files::file_kind(&meta) {
            return Err(ExportError::NotRegular {
                path: path.to_owned(),
                kind,
            });
        }
        if !force {
            return Err(ExportError::Exists(path.to_owned()));
        }
    }
    remove_stale_temp_files(dir);
    let mut builder = tempfile::Builder::new();
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // A temporary file is created owner-only; an export should get the permissions any new
    // file gets (0666 less the umask), as if written directly.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Created and registered under the lock, so a signal cannot fall between the two.
    let mut temp = {
        let mut live = live();
        let temp = builder
            .tempfile_in(dir)
            .map_err(|e| io(without_temp_path(e)))?;
        live.push(temp.path().to_owned());
        temp
    };
    let temp_path = temp.path().to_owned();
    let unregister = || live().retain(|p| p != &temp_path);
    let written = temp
        .write_all(contents)
        .and_then(|()| temp.as_file().sync_all());
    if let Err(e) = written {
        unregister();
        return Err(io(e));
    }
    let persisted = {
        let mut live = live();
        let persisted = if force {
            temp.persist(path)
        } else {
            temp.persist_noclobber(path)
        };
        live.retain(|p| p != &temp_path);
        persisted
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

/// The OS error without the temporary file's path that `tempfile` appends to it (`... at path
/// "dir/.immunity-export-1-x.tmp"`): the user named the destination, not that file, and the
/// message already says which destination failed. `tempfile` keeps the original error private
/// (its `source` skips it), so the suffix is cut from the text; the kind is kept.
fn without_temp_path(e: std::io::Error) -> std::io::Error {
    if e.get_ref().is_none() {
        return e;
    }
    let text = e.to_string();
    match text.rfind(" at path \"") {
        Some(at) => std::io::Error::new(e.kind(), text[..at].to_owned()),
        None => e,
    }
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

/// The process id in a temporary file's name (`.immunity-export-<pid>-<random>.tmp`).
fn temp_file_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, random) = rest.split_once('-')?;
    if random.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Removes temporary files left in `dir` by exports whose process is gone (killed without a
/// chance to clean up). Only where the system lists its processes under `/proc`; elsewhere a
/// live process cannot be told from a dead one, and nothing is removed. Best effort.
fn remove_stale_temp_files(dir: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_file_pid) else {
            continue;
        };
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if pid != me && regular && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
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
    fn temp_file_names_carry_the_pid() {
        assert_eq!(
            temp_file_pid(".immunity-export-4242-aB3x9z.tmp"),
            Some(4242)
        );
        assert_eq!(temp_file_pid(".immunity-export-aB3x9z.tmp"), None);
        assert_eq!(temp_file_pid(".immunity-export--x.tmp"), None);
        assert_eq!(temp_file_pid("memo.tmp"), None);
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        let err = write_atomic(Path::new("/"), "x", true).unwrap_err();
        assert!(err.to_string().contains("not a file name"), "{err}");
    }
}
