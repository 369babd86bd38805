//! The interactive walkthrough (no command given): checks for a terminal and the fact pattern
//! before the screen is taken, then hands over to the TUI.

use std::path::Path;
use std::process::ExitCode;

use immunity::tui;

use super::{Exit, Failure, find_case, load_pack};

/// Runs the full-screen walkthrough, which needs a terminal on both ends.
pub fn run(pack_dir: Option<&Path>, no_color: bool, case: Option<String>) -> Result<Exit, Failure> {
    if !tui::is_interactive() {
        return Err(Failure::NoTerminal);
    }
    let pack = load_pack(pack_dir)?;
    if let Some(id) = &case {
        find_case(&pack, id)?;
    }
    let options = tui::TuiOptions { no_color, case };
    match tui::run(&pack, &options) {
        Ok(code) if code == ExitCode::SUCCESS => Ok(Exit::Success),
        // Ended by a terminating signal: the TUI's code (128 + its number) is the exit code.
        Ok(code) => Ok(Exit::Signal(code)),
        Err(e) => Err(Failure::Interactive(format!("{e:#}"))),
    }
}
