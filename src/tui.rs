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

use crate::pack::Pack;
pub use app::{App, Effect, Message};
pub use theme::Theme;

/// What the user sees when the walkthrough is started without a terminal.
pub const NOT_A_TERMINAL: &str = "the full-screen walkthrough needs a terminal; `immunity --plain` walks line by line, and `immunity walk --answer QUESTION=OPTION ...` follows answers given as flags";

/// Options of the interactive walkthrough.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// No colours (`--color never`, `NO_COLOR` ...: resolved by the caller).
    pub no_color: bool,
    /// Start directly on this fact pattern.
    pub case: Option<String>,
}

/// True when stdin and stdout are both terminals.
pub fn is_interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Whether colour is on. The command line resolves `--color`, `NO_COLOR`, `CLICOLOR` and
/// `CLICOLOR_FORCE` into `no_color` (see [`crate::conventions::color_enabled`]).
pub fn color_enabled(options: &TuiOptions) -> bool {
    !options.no_color
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
        Event::Resize(..) => Some(Message::Resize),
        _ => None,
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
        let Some(message) = message_for(app, &event) else {
            continue;
        };
        dirty = true;
        match app.dispatch(message) {
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
    // crossterm drops every colour when `NO_COLOR` is set, whatever the theme says; the
    // command line has already weighed `NO_COLOR` against `--color always`, so its answer wins.
    ratatui::crossterm::style::force_color_output(color_enabled(options));
    let mut app = App::new(pack, Theme::new(color_enabled(options)), cwd);
    if let Some(case) = &options.case {
        app.start_walk(Some(case))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
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
