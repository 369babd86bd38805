//! `immunity --present [--case CASE]`: presenter mode for a projector.

use std::path::Path;

use immunity::tui::{self, Theme, present};

use super::{Exit, Failure, find_case, load_pack};

/// Checks the terminal and the fact pattern before the screen is taken, then presents.
pub fn run(pack_dir: Option<&Path>, no_color: bool, case: Option<&str>) -> Result<Exit, Failure> {
    if !tui::is_interactive() {
        return Err(Failure::NoTerminal("presenter mode"));
    }
    let pack = load_pack(pack_dir)?;
    let case = match case {
        Some(id) => {
            let found = find_case(&pack, id)?;
            pack.cases().iter().position(|c| c.id == found.id)
        }
        None => None,
    };
    let color = !no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut state = present::Present::new(&pack, case, Theme::new(color));
    match present::run(&mut state) {
        Ok(tui::Ending::Quit) => Ok(Exit::Success),
        // A terminating signal exits 128 + its number, as the walkthrough does.
        Ok(tui::Ending::Signal(number)) => {
            Ok(Exit::Signal(u8::try_from(number).unwrap_or(u8::MAX)))
        }
        Err(e) => Err(Failure::Interactive(format!("{e:#}"))),
    }
}
