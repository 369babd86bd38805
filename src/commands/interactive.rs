//! The interactive walkthrough (no command given): checks for a terminal and the fact pattern
//! before the screen is taken, then hands over to the TUI.

use std::path::Path;

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
        Ok(tui::Ending::Quit) => Ok(Exit::Success),
        // Signal numbers are small (SIGUSR2, the largest handled, is 12 on Linux).
        Ok(tui::Ending::Signal(number)) => {
            Ok(Exit::Signal(u8::try_from(number).unwrap_or(u8::MAX)))
        }
        Err(e) => Err(Failure::Interactive(format!("{e:#}"))),
    }
}
