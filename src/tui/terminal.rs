//! Taking and giving back the terminal: raw mode, the alternate screen and mouse capture.
//!
//! [`restore`] is the one way out. It runs on quit, on Ctrl-C (a key in raw mode), from the
//! panic hook, after SIGTERM or SIGHUP (noticed by the run loop through a flag, or, if the loop
//! is stuck, by the signal thread itself), and before Ctrl-Z stops the process.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

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

/// How long the run loop gets to notice SIGTERM or SIGHUP and leave through its own quit path
/// before the signal thread restores the terminal and exits for it. The loop checks the flag
/// every 250 ms, so a responsive loop always wins.
const GRACE: Duration = Duration::from_secs(1);

/// Registers SIGTERM and SIGHUP to set the returned flag. The run loop polls it, so the process
/// normally leaves through [`restore`] like any other quit.
///
/// The loop cannot always see it: once the terminal is gone (its window closed, the SSH session
/// dropped), crossterm 0.29's event reader spins on `read` returning 0 and `event::poll` never
/// returns, timeout or not (crossterm issue #793). So a thread waits for the signals too, and if
/// the process is still running after [`GRACE`], it restores the terminal itself and exits with
/// 128 + the signal number, as a shell would report it, instead of burning a core forever.
pub fn termination_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
        let seen = Arc::clone(&flag);
        std::thread::Builder::new()
            .name("immunity-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    seen.store(true, Ordering::SeqCst);
                    std::thread::sleep(GRACE);
                    restore();
                    std::process::exit(128 + signal);
                }
            })?;
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
