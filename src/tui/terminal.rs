//! Taking and giving back the terminal: raw mode, the alternate screen and mouse capture.
//!
//! [`restore`] is the one way out. It runs on quit, on Ctrl-C (a key in raw mode), from the
//! panic hook, after SIGTERM or SIGHUP (noticed by the run loop through a flag), and before
//! Ctrl-Z stops the process.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Raw mode on, alternate screen, mouse capture.
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    Ok(())
}

/// Undoes [`enter`]; every step is tried even if one fails, since this also runs while
/// panicking.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Installs a panic hook that restores the terminal (mouse capture included) before the
/// default hook prints the message, so the message lands on the normal screen.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Registers SIGTERM and SIGHUP to set the returned flag. The run loop polls it, so the process
/// leaves through [`restore`] like any other quit.
pub fn termination_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    {
        signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&flag))?;
        signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// Ctrl-Z: gives the terminal back, stops the process as the shell expects, and takes the
/// terminal again when `fg` resumes it.
pub fn suspend() -> io::Result<()> {
    restore();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter()
}
