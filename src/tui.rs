//! The interactive walkthrough: a full-screen terminal UI over a question pack.
//!
//! The Elm Architecture: [`app`] holds the state, the [`app::Message`]s and `update`; [`view`]
//! draws; [`keymap`] is the one table that turns keys into messages and writes the help overlay
//! and the footer. [`run_loop`] is generic over the ratatui backend and the event source, so the
//! whole app runs on `TestBackend` in tests; [`run`] wires it to the real terminal.

pub mod app;
pub mod export_dialog;
pub mod keymap;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod wrap;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context as _, bail};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};

use std::path::PathBuf;

use crate::export::{ExportError, write_atomic};
use crate::pack::Pack;
use crate::text::sanitize_line;
pub use app::{App, Effect, Message};
pub use theme::Theme;

/// What the user sees when the walkthrough is started without a terminal.
pub const NOT_A_TERMINAL: &str = "immunity: the interactive walkthrough needs a terminal; use `immunity walk --answer QUESTION=OPTION ...` for scripts";

/// Options of the interactive walkthrough.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// No colours (also when `NO_COLOR` is set and not empty).
    pub no_color: bool,
    /// Start directly on this fact pattern.
    pub case: Option<String>,
}

/// True when stdin and stdout are both terminals.
pub fn is_interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Whether colour is on: off under `--no-color` or a non-empty `NO_COLOR`.
pub fn color_enabled(options: &TuiOptions) -> bool {
    !options.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// How a frame's events reach the loop: the next event, `None` when nothing arrived within
/// the poll interval.
pub trait Events {
    /// Waits for the next event up to the poll interval.
    fn next(&mut self) -> std::io::Result<Option<Event>>;
}

/// The real terminal's events.
struct TerminalEvents;

impl Events for TerminalEvents {
    fn next(&mut self) -> std::io::Result<Option<Event>> {
        // Blocks for up to 250 ms: long enough to use no CPU while idle, short enough to notice
        // SIGTERM/SIGHUP promptly.
        if event::poll(Duration::from_millis(250))? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// Turns a terminal event into a message for the app.
pub fn message_for(app: &App<'_>, event: &Event) -> Option<Message> {
    match event {
        Event::Key(key) => app.key_message(key),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Message::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Message::Wheel {
                column: mouse.column,
                row: mouse.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Message::Wheel {
                column: mouse.column,
                row: mouse.row,
                down: false,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Message::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Handles one terminal event: turns it into a message, updates the app, and performs the
/// effects only the loop can (writing an export, whose outcome goes back to the app as a
/// message). Returns what is left for the caller: quit or suspend.
pub fn handle(app: &mut App<'_>, event: &Event) -> Option<Effect> {
    let mut next = message_for(app, event);
    while let Some(message) = next.take() {
        match app.dispatch(message) {
            Some(Effect::Write {
                path,
                contents,
                force,
            }) => next = Some(perform_write(path, &contents, force)),
            other => return other,
        }
    }
    None
}

/// Writes an export and reports the outcome as a message. The reason for a failure names the
/// file asked for, never the temporary file the write goes through.
pub fn perform_write(path: PathBuf, contents: &str, force: bool) -> Message {
    match write_atomic(&path, contents, force) {
        Ok(()) => Message::Written(path),
        Err(ExportError::Exists(path)) => Message::Exists(path),
        Err(ExportError::Io { path, source }) => Message::WriteFailed(format!(
            "cannot write {}: {}",
            sanitize_line(&path.display().to_string()),
            sanitize_line(&io_reason(&source))
        )),
    }
}

/// An I/O error in words, without any path the OS message may carry.
fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "the folder does not exist".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::AlreadyExists => "the file exists".to_owned(),
        ErrorKind::IsADirectory => "that is a folder".to_owned(),
        ErrorKind::NotADirectory => "part of the path is not a folder".to_owned(),
        ErrorKind::StorageFull => "the disk is full".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        ErrorKind::InvalidInput | ErrorKind::InvalidFilename => {
            "that is not a usable file name".to_owned()
        }
        // The kind only: an OS message wrapped by the temporary-file layer names that file.
        kind => kind.to_string(),
    }
}

/// The run loop: draw, wait for an event, update; redraws only after a message. `suspend`
/// handles Ctrl-Z (the real terminal stops the process; tests may do nothing). Ends on quit or
/// when `stop` is set (SIGTERM, SIGHUP).
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App<'_>,
    events: &mut dyn Events,
    stop: &AtomicBool,
    suspend: &mut dyn FnMut() -> std::io::Result<()>,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    // The layout that update scrolls and hit-tests against is the terminal's size.
    let size = terminal.size()?;
    let _ = app.dispatch(Message::Resize {
        width: size.width,
        height: size.height,
    });
    let mut dirty = true;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if dirty {
            terminal.draw(|frame| view::view(app, frame))?;
            dirty = false;
        }
        let Some(event) = events.next()? else {
            continue;
        };
        if let Event::Resize(..) = event {
            terminal.autoresize()?;
        }
        // Events that mean nothing here (mouse moves) cost no frame.
        dirty = message_for(app, &event).is_some();
        match handle(app, &event) {
            Some(Effect::Quit) => return Ok(()),
            Some(Effect::Suspend) => {
                suspend()?;
                terminal.clear()?;
            }
            Some(Effect::Write { .. }) | None => {}
        }
    }
}

/// Runs the interactive walkthrough on the real terminal until the user quits.
pub fn run(pack: &Pack, options: &TuiOptions) -> anyhow::Result<ExitCode> {
    if !is_interactive() {
        bail!(NOT_A_TERMINAL);
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let mut app = App::new(pack, Theme::new(color_enabled(options)), cwd);
    if let Some(case) = &options.case {
        app.start_walk(Some(case))
            .map_err(|e| anyhow::anyhow!("immunity: {e}"))?;
    }
    let stop = terminal::termination_flag().context("cannot register signal handlers")?;
    terminal::install_panic_hook();
    terminal::enter().context("cannot set up the terminal")?;
    let result = (|| {
        // The alternate screen starts blank, so no initial clear: `Terminal::clear` asks the
        // terminal for the cursor position, which some terminals (and test harnesses) never
        // answer.
        let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
        let outcome = run_loop(
            &mut terminal,
            &mut app,
            &mut TerminalEvents,
            &stop,
            &mut terminal::suspend,
        );
        // ratatui's `Drop for Terminal` shows a hidden cursor and `eprintln!`s when it cannot,
        // and `eprintln!` panics when standard error is that same vanished terminal (a closed
        // window, a dropped SSH session). Show the cursor here; if the terminal is gone, skip
        // the drop: the process is about to exit and there is nothing left to restore.
        if terminal.show_cursor().is_err() {
            std::mem::forget(terminal);
        }
        outcome
    })();
    terminal::restore();
    result.map(|()| ExitCode::SUCCESS)
}
