//! The interactive walkthrough (no command given): full screen on a terminal, or line by line
//! (`--plain`, `ACCESSIBLE`, `TERM=dumb`, or a standard stream that is not a terminal). Checks
//! the fact pattern before the screen is taken.

use std::path::Path;

use immunity::conventions::{self, ColorChoice};
use immunity::{plain, tui};

use super::{Exit, Failure, find_case, load_pack, screen_ended};

/// Runs the walkthrough: the line mode when the conventions ask for it, else the full screen.
pub fn run(
    pack_dir: Option<&Path>,
    color: ColorChoice,
    plain_flag: bool,
    case: Option<String>,
) -> Result<Exit, Failure> {
    let plain_reason = conventions::plain_mode_here(plain_flag);
    let pack = load_pack(pack_dir)?;
    if let Some(id) = &case {
        find_case(&pack, id)?;
    }
    if let Some(reason) = plain_reason {
        let cwd = std::env::current_dir().map_err(Failure::Stdout)?;
        return match plain::run_stdio(&pack, case, Some(reason.words()), &cwd) {
            Ok(finished) if finished.exit_code() == 0 => Ok(Exit::Success),
            Ok(_) => Ok(Exit::Pending),
            // Whoever reads the output has gone (`immunity --plain | head`): nothing to say.
            Err(plain::PlainError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                Ok(Exit::Success)
            }
            Err(e) => Err(e.into()),
        };
    }
    let options = tui::TuiOptions {
        no_color: !conventions::color_enabled(color, &|name| std::env::var_os(name), true),
        case,
    };
    screen_ended(tui::run(&pack, &options))
}

/// The matter line mode on the standard streams, and its exit code: 0, or 3 when the input
/// ended in a screening before its conclusion; a matter that does not parse or is locked is
/// the matter's error.
pub fn plain_matter(
    pack: &immunity::pack::Pack,
    path: &Path,
    caption: Option<String>,
    reason: Option<&'static str>,
) -> Result<Exit, Failure> {
    let cwd = std::env::current_dir().map_err(Failure::Stdout)?;
    // Every change is saved through a temporary file: a Ctrl-C or a kill in the middle of a
    // save must not leave it behind (the matter itself is the old file or the new one).
    let _ = immunity::export::remove_temp_files_on_signals();
    match plain::matter::run_stdio(path, pack, caption, reason, &cwd) {
        Ok(ending) if ending.exit_code() == 0 => Ok(Exit::Success),
        Ok(_) => Ok(Exit::Pending),
        Err(plain::matter::MatterPlainError::Plain(plain::PlainError::Write(e)))
            if e.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            Ok(Exit::Success)
        }
        Err(plain::matter::MatterPlainError::Plain(e)) => Err(e.into()),
        Err(plain::matter::MatterPlainError::Matter(e)) => Err(e.into()),
    }
}
