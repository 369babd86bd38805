//! Taking and giving back the terminal, and the two threads that feed the run loop.
//!
//! [`enter`] turns on raw mode, the alternate screen, mouse capture and bracketed paste;
//! [`restore`] is the one way out. It runs on quit, on Ctrl-C (a key in raw mode), from the
//! panic hook, on every catchable terminating signal (INT, QUIT, TERM, HUP, USR1, USR2: the run
//! loop hears of it through [`Input::Signal`], or, if the loop is stuck, the signal thread
//! restores and exits itself), and before the process stops (Ctrl-Z or SIGTSTP).
//!
//! [`inputs`] starts one thread that reads terminal events and one that waits for signals; both
//! send into one channel, so the run loop blocks on that channel and wakes only when something
//! happened: no timer, no polling while idle.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use crossterm::cursor::Show;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::backend::CrosstermBackend;

/// What reaches the run loop.
#[derive(Debug)]
pub enum Input {
    /// A key, mouse, paste or resize event from the terminal.
    Event(Event),
    /// A signal from outside.
    Signal(Signal),
    /// The terminal can no longer be read (the reader thread has ended).
    ReadFailed(io::Error),
    /// News from the live classroom's server (`--present --live`): a join or a vote.
    Live(crate::live::Event),
}

/// The signals the TUI acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// INT, QUIT, TERM, HUP, USR1 or USR2 (the number): restore the terminal and exit with
    /// 128 + the number, as a shell reports a death by that signal.
    Terminate(i32),
    /// SIGTSTP from outside: give the terminal back and stop, like Ctrl-Z.
    Stop,
    /// SIGCONT: the process was continued (after a stop of any kind): take the terminal again
    /// and redraw everything, since whoever had it meanwhile may have changed it.
    Continue,
}

/// What the full-screen loops draw through: standard output behind a buffer that holds a
/// whole frame. Standard output alone is line-buffered in 1 KiB, so a frame of the start screen
/// at 120×40 (7 KiB of text and escapes) went out in eight writes to the terminal; ratatui
/// flushes once at the end of every draw, so each frame is now one write.
pub type Backend = CrosstermBackend<BufWriter<Stdout>>;

/// Room for a full frame of a large terminal.
const FRAME_BUFFER: usize = 64 * 1024;

/// The backend over standard output (see [`Backend`]).
pub fn backend() -> Backend {
    CrosstermBackend::new(BufWriter::with_capacity(FRAME_BUFFER, io::stdout()))
}

/// The terminal the full-screen loops draw on: [`backend`] with its viewport fixed at the size
/// the terminal has now. A full-screen viewport asks the terminal its size before every frame
/// (crossterm opens `/dev/tty` and closes it again each time: a sixth of a key press's cost);
/// a fixed one is resized only when the loop reads a resize event ([`follow_resize`]) or
/// repaints after a stop (`tui::repaint_all`).
pub fn open() -> io::Result<ratatui::Terminal<Backend>> {
    use ratatui::backend::Backend as _;
    let backend = backend();
    let size = backend.size()?;
    ratatui::Terminal::with_options(
        backend,
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(
                0,
                0,
                size.width,
                size.height,
            )),
        },
    )
}

/// Resizes `terminal`'s viewport to a resize event's new size, as a full-screen viewport would
/// before its next frame; any other input leaves it alone.
pub fn follow_resize<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
    input: &Input,
) -> Result<(), B::Error> {
    if let Input::Event(Event::Resize(width, height)) = *input {
        terminal.resize(ratatui::layout::Rect::new(0, 0, width, height))?;
    }
    Ok(())
}

/// Raw mode on, alternate screen, mouse capture, bracketed paste (so a paste arrives as one
/// event, never as keys). Safe to call again while already entered: after a stop, or on a
/// stray SIGCONT.
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Ok(())
}

/// Undoes [`enter`]; every step is tried even if one fails, since this also runs while
/// panicking, from the signal thread, and on a terminal that is gone.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Installs a panic hook that restores the terminal (mouse capture and bracketed paste
/// included) before the default hook prints the message, so the message lands on the normal
/// screen.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// How long the run loop gets to leave through its own quit path after a terminating signal
/// before the signal thread restores the terminal and exits for it. The loop wakes on the
/// signal at once, so a responsive loop always wins; this only matters when the main thread is
/// stuck (a terminal that vanished mid-write, a runaway computation).
const GRACE: Duration = Duration::from_secs(2);

/// The terminating signals: each leaves through [`restore`] with exit code 128 + its number.
#[cfg(unix)]
pub const TERMINATING: [i32; 6] = {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2};
    [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2]
};

/// Starts the input threads and returns the channel the run loop reads.
///
/// The reader thread blocks in crossterm's `event::read` (crossterm is built with `use-dev-tty`,
/// whose level-triggered `poll` keeps reading a burst past its first 1 KiB; the default mio
/// source is edge-triggered and left the rest of a burst unread until the next key).
///
/// The signal thread turns signals into [`Input::Signal`]. When the terminal vanishes (a window
/// closed, an SSH session dropped), crossterm's reader can spin on reads that return nothing
/// without ever returning (crossterm #793); that thread is simply abandoned, since the loop
/// hears SIGHUP on the channel, not from crossterm. If the loop itself does not end within
/// two seconds (`GRACE`) of a terminating signal, the signal thread restores the terminal and exits with
/// 128 + the signal number instead of leaving the process running.
pub fn inputs() -> io::Result<Receiver<Input>> {
    Ok(inputs_and_sender()?.1)
}

/// As [`inputs`], also returning a sender into the same channel, for the live classroom's
/// server: its news then wakes the run loop like a key does, and sending never blocks.
pub fn inputs_and_sender() -> io::Result<(Sender<Input>, Receiver<Input>)> {
    let (sender, receiver) = channel();
    let extra = sender.clone();
    #[cfg(unix)]
    spawn_signal_thread(sender.clone())?;
    std::thread::Builder::new()
        .name("immunity-input".into())
        .spawn(move || read_events(&sender))?;
    Ok((extra, receiver))
}

fn read_events(sender: &Sender<Input>) {
    loop {
        let input = match event::read() {
            Ok(event) => Input::Event(event),
            Err(e) => {
                let _ = sender.send(Input::ReadFailed(e));
                return;
            }
        };
        if sender.send(input).is_err() {
            return;
        }
    }
}

#[cfg(unix)]
fn spawn_signal_thread(sender: Sender<Input>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGTSTP};
    let mut wanted = TERMINATING.to_vec();
    wanted.extend([SIGTSTP, SIGCONT]);
    let mut signals = signal_hook::iterator::Signals::new(wanted)?;
    std::thread::Builder::new()
        .name("immunity-signals".into())
        .spawn(move || {
            for number in signals.forever() {
                let signal = match number {
                    SIGTSTP => Signal::Stop,
                    SIGCONT => Signal::Continue,
                    n => Signal::Terminate(n),
                };
                let _ = sender.send(Input::Signal(signal));
                if let Signal::Terminate(n) = signal {
                    std::thread::sleep(GRACE);
                    restore();
                    // The loop is stuck (maybe inside an export): remove the temporary file an
                    // export may be writing, as `walk`'s handler does, so nothing is left behind.
                    crate::export::remove_live_temp_files();
                    std::process::exit(128 + n);
                }
            }
        })?;
    Ok(())
}

/// Gives the terminal back and stops the process as the shell expects (Ctrl-Z, or SIGTSTP
/// from outside, whose default action the signal thread has replaced). Returns once the
/// process is continued; the caller then takes the terminal again with [`enter`].
pub fn stop() -> io::Result<()> {
    restore();
    #[cfg(unix)]
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    Ok(())
}
