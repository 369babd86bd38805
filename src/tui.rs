//! The interactive walkthrough: a full-screen terminal UI over a question pack.
//!
//! The Elm Architecture: [`app`] holds the state and the [`app::Message`]s; [`update`] changes
//! the state; [`view`] draws, and records what it drew in a [`plan::Plan`] that `update` scrolls
//! and hit-tests against; [`keymap`] is the one table that turns keys into messages and writes
//! the help overlay and the footer. [`run_loop`] is generic over the ratatui backend, the input channel and the
//! [`Console`], so the whole loop runs on `TestBackend` in tests; [`run`] wires it to the real
//! terminal, whose input and signals [`terminal::inputs`] turns into one channel.
//!
//! Over 400 lines because the run loop, the effects only it performs (writing an export, a
//! matter save, the quiz started from the start screen) and the terminal's set-up belong together.

pub mod app;
pub mod big;
pub mod export_dialog;
pub mod form;
pub mod keymap;
pub mod keys;
pub mod matter;
pub mod plan;
pub mod present;
pub mod present_live;
pub mod quiz;
pub mod screen_loop;
pub mod start_menu;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod wrap;

use std::io::IsTerminal;
use std::sync::mpsc::Receiver;

use anyhow::{Context as _, bail};
use crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::Rect;

use std::path::PathBuf;

use crate::export::{ExportError, write_atomic_bytes};
use crate::pack::Pack;
pub use app::{App, Effect, Message};
pub use terminal::{Input, Signal};
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

/// Turns a terminal event into a message for the app.
pub fn message_for(app: &App<'_>, event: Event) -> Option<Message> {
    match event {
        Event::Key(key) => app.key_message(&key),
        Event::Paste(text) => Some(Message::Paste(text)),
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
        Event::Resize(width, height) => Some(Message::Resize { width, height }),
        _ => None,
    }
}

/// Handles one terminal event as the run loop does (for tests and benchmarks that drive the
/// app by keys): the message it means, if any, applied with its effects performed.
pub fn handle(app: &mut App<'_>, event: Event) -> Option<Effect> {
    message_for(app, event).and_then(|message| perform(app, message))
}

/// Applies a message and performs the effects only the loop can (writing an export, whose
/// outcome goes back to the app as a message). Returns what is left for the caller: quit or
/// suspend.
pub fn perform(app: &mut App<'_>, message: Message) -> Option<Effect> {
    let effect = perform_unsettled(app, message);
    app.settle();
    effect
}

/// As [`perform`], leaving the scroll offsets for the next frame drawn to settle
/// ([`App::dispatch_unsettled`]): what the run loop does, since it draws next.
fn perform_unsettled(app: &mut App<'_>, message: Message) -> Option<Effect> {
    let mut next = Some(message);
    while let Some(message) = next.take() {
        match app.dispatch_unsettled(message) {
            Some(Effect::Write {
                path,
                contents,
                force,
            }) => next = Some(perform_write(path, &contents, force)),
            Some(Effect::Matter(op)) => next = Some(app.perform_matter(op)),
            other => return other,
        }
    }
    None
}

/// Writes an export and reports the outcome as a message. The reason for a failure names the
/// file asked for, never the temporary file the write goes through.
pub fn perform_write(path: PathBuf, contents: &[u8], force: bool) -> Message {
    match write_atomic_bytes(&path, contents, force) {
        Ok(()) => Message::Written(path),
        Err(ExportError::Exists(path)) => Message::Exists(path),
        Err(ExportError::NotRegular { path, kind }) => Message::WriteFailed(format!(
            "{} is {kind}; an export replaces only a regular file",
            crate::text::Clean::line(&path.display().to_string()).into_string()
        )),
        Err(ExportError::Io { path, source }) => Message::WriteFailed(format!(
            "cannot write {}: {}",
            crate::text::Clean::line(&path.display().to_string()).into_string(),
            crate::text::Clean::line(&io_reason(&source)).into_string()
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

/// How the run loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A terminating signal (its number) arrived: the process should exit with 128 + it.
    Signal(i32),
}

/// What the run loop asks of the terminal it runs on, beyond drawing: the real one stops the
/// process and takes the terminal back ([`terminal::stop`], [`terminal::enter`]); tests may do
/// nothing.
pub trait Console {
    /// Gives the terminal back and stops the process; returns once it is continued.
    fn stop(&mut self) -> std::io::Result<()>;
    /// Takes the terminal (again).
    fn resume(&mut self) -> std::io::Result<()>;
}

/// The real terminal (the walkthrough, the quiz and presenter mode share it).
pub(crate) struct RealConsole;

impl Console for RealConsole {
    fn stop(&mut self) -> std::io::Result<()> {
        terminal::stop()
    }
    fn resume(&mut self) -> std::io::Result<()> {
        terminal::enter()
    }
}

/// Forces the next frame to repaint every cell, after someone else had the terminal. Unlike
/// `Terminal::clear` it does not ask the terminal for the cursor position, which would wait on
/// the event reader the input thread holds.
pub(crate) fn repaint_all<B: Backend>(terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}

/// The run loop: draw, block until input arrives, then apply everything already waiting before
/// drawing again, so a burst of keys or a paste costs one frame, not one per key. The loop has
/// no timer: an idle app sleeps in `recv` until a key, a resize or a signal arrives. Ends on
/// quit, on a terminating signal, or with an error when the terminal can no longer be read or
/// written.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App<'_>,
    inputs: &Receiver<Input>,
    console: &mut dyn Console,
) -> anyhow::Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    // The layout that update scrolls and hit-tests against is the terminal's size. It is set
    // without a layout pass of its own: the first frame's plan settles it (below).
    let size = terminal.size()?;
    app.size = ratatui::layout::Rect::new(0, 0, size.width, size.height);
    let mut dirty = true;
    loop {
        if dirty {
            draw(terminal, app)?;
            dirty = false;
        }
        let Ok(first) = inputs.recv() else {
            bail!("the terminal's input ended");
        };
        let mut next = Some(first);
        while let Some(input) = next {
            // A click or wheel turn is placed against the frame that shows the state it acts
            // on: draw first if earlier input in this batch changed that state.
            if dirty && matches!(input, Input::Event(Event::Mouse(_))) {
                draw(terminal, app)?;
                dirty = false;
            }
            terminal::follow_resize(terminal, &input)?;
            match apply(terminal, app, input, inputs, console)? {
                Step::Unchanged => {}
                Step::Changed => dirty = true,
                Step::End(ending) => return Ok(ending),
            }
            next = inputs.try_recv().ok();
        }
    }
}

/// Draws a frame and keeps the offsets it was drawn with (the same the last update settled
/// on, or, for the first frame, the settled ones), so no frame is laid out twice.
fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App<'_>) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut drawn = None;
    let frame = terminal.draw(|frame| {
        drawn = Some(view::render(app, frame.area(), Some(frame.buffer_mut())));
    })?;
    // A frame drawn at another size than the app's (a resize not yet read) plans nothing the
    // app can use.
    if let Some(plan) = drawn
        && frame.area == app.size
    {
        app.settle_to(&plan);
    }
    Ok(())
}

/// What one input did.
enum Step {
    Unchanged,
    Changed,
    End(Ending),
}

/// Applies one input to the app (and the terminal, for a stop or a continue).
fn apply<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App<'_>,
    input: Input,
    inputs: &Receiver<Input>,
    console: &mut dyn Console,
) -> anyhow::Result<Step>
where
    B::Error: Send + Sync + 'static,
{
    match input {
        Input::Event(event) => {
            let Some(message) = message_for(app, event) else {
                return Ok(Step::Unchanged);
            };
            match perform_unsettled(app, message) {
                Some(Effect::Quit) => return Ok(Step::End(Ending::Quit)),
                Some(Effect::Suspend) => suspend(terminal, console)?,
                Some(Effect::Quiz(cases)) => {
                    if let Some(ending) = run_quiz(terminal, app, cases, inputs, console)? {
                        return Ok(Step::End(ending));
                    }
                }
                Some(Effect::Write { .. } | Effect::Matter(_)) | None => {}
            }
        }
        Input::Signal(Signal::Terminate(number)) => return Ok(Step::End(Ending::Signal(number))),
        Input::Signal(Signal::Stop) => suspend(terminal, console)?,
        Input::Signal(Signal::Continue) => {
            // After a stop this repeats what `suspend` did on waking; after a SIGSTOP, which
            // cannot be caught, it is the only way the terminal comes back.
            console.resume()?;
            repaint_all(terminal)?;
        }
        Input::ReadFailed(e) => return Err(e).context("cannot read the terminal"),
        // Only presenter mode with --live starts a server; the walkthrough never hears one.
        Input::Live(_) => return Ok(Step::Unchanged),
    }
    Ok(Step::Changed)
}

/// Runs the quiz over fact patterns `cases` in this terminal, on the same input, then writes
/// its results as `immunity quiz` without `--results` does (`NAME-results.json` in the
/// current folder, NAME the login name, `-2`, `-3` … when taken; nothing when no answer was
/// given) and returns to the start screen saying where they went. Ctrl-C or a terminating
/// signal during the quiz writes the results first, then ends the walkthrough.
fn run_quiz<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App<'_>,
    cases: Vec<usize>,
    inputs: &Receiver<Input>,
    console: &mut dyn Console,
) -> anyhow::Result<Option<Ending>>
where
    B::Error: Send + Sync + 'static,
{
    let mut session = quiz::Quiz::new(app.pack, cases, app.theme);
    session.returns = true;
    let outcome = screen_loop::run_loop(terminal, &mut session, inputs, console);
    let student = crate::results::save::default_student(&|v| std::env::var(v).ok());
    let path = crate::results::save::free_name(&app.cwd, &student);
    let notice =
        match crate::results::save::write(app.pack, &student, &path, false, session.results()) {
            Ok(true) => format!(
                "Quiz results written to {}",
                crate::text::Clean::line(&path.display().to_string()).into_string()
            ),
            Ok(false) => "Quiz ended before any answer: no results file written.".to_owned(),
            Err(e) => format!(
                "Could not write the quiz results: {}",
                crate::text::Clean::line(&e.to_string()).into_string()
            ),
        };
    // The walkthrough's frame is drawn afresh over whatever the quiz left, at the size the
    // terminal has now (it may have been resized during the quiz).
    repaint_all(terminal)?;
    let size = terminal.size()?;
    let _ = app.dispatch(Message::Resize {
        width: size.width,
        height: size.height,
    });
    match outcome? {
        // Ctrl-C leaves the program, as it does everywhere in the walkthrough.
        Ending::Quit if session.interrupted => Ok(Some(Ending::Quit)),
        Ending::Quit => {
            let _ = perform(app, Message::QuizEnded(notice));
            Ok(None)
        }
        ending @ Ending::Signal(_) => Ok(Some(ending)),
    }
}

/// Gives the terminal back and stops; once continued, takes it again and repaints everything.
pub(crate) fn suspend<B: Backend>(
    terminal: &mut Terminal<B>,
    console: &mut dyn Console,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    console.stop()?;
    console.resume()?;
    repaint_all(terminal)?;
    Ok(())
}

/// Runs the interactive walkthrough on the real terminal until the user quits or a terminating
/// signal arrives (the caller exits with 128 + its number). The terminal is restored either way.
pub fn run(pack: &Pack, options: &TuiOptions) -> anyhow::Result<Ending> {
    if !is_interactive() {
        bail!(NOT_A_TERMINAL);
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    // crossterm drops every colour when `NO_COLOR` is set, whatever the theme says; the
    // command line has already weighed `NO_COLOR` against `--color always`, so its answer wins.
    ratatui::crossterm::style::force_color_output(color_enabled(options));
    let others = bundled_packs(pack);
    let mut packs: Vec<&Pack> = vec![pack];
    packs.extend(others.iter());
    let mut app = App::new(pack, Theme::new(color_enabled(options)), cwd).offer_packs(packs);
    if let Some(case) = &options.case {
        app.start_walk(Some(case))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    run_app(app)
}

/// The bundled packs other than `open`, from the library's catalog, for the start screen to
/// offer: none when only one pack is bundled (the start screen then stays as it is). A bundled
/// pack that does not open (never so for a build that passed its tests) is left out.
pub fn bundled_packs(open: &Pack) -> Vec<Pack> {
    // Counted by name first: reading the catalog parses every bundled pack.json, which a start
    // with one pack need not do.
    if crate::pack::FileSet::bundled_names().nth(1).is_none() {
        return Vec::new();
    }
    crate::pack::catalog::bundled()
        .iter()
        .filter(|b| b.id != open.id())
        // Bundled packs are embedded in the binary, not read from outside: no size limit.
        .filter_map(|b| {
            crate::pack::catalog::open(Some(std::path::Path::new(b.name)), u64::MAX).ok()
        })
        .collect()
}

/// Runs the matter screen of `matter` (`immunity --matter FILE`) on the real terminal, like
/// [`run`]. Every change is saved as it is made, so quitting or a signal loses nothing.
pub fn run_matter(
    pack: &Pack,
    options: &TuiOptions,
    matter: matter::MatterState,
) -> anyhow::Result<Ending> {
    if !is_interactive() {
        bail!(NOT_A_TERMINAL);
    }
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    ratatui::crossterm::style::force_color_output(color_enabled(options));
    let app = App::with_matter(pack, Theme::new(color_enabled(options)), cwd, matter);
    run_app(app)
}

/// Takes the terminal, runs `app` until it ends, and restores the terminal either way.
fn run_app(mut app: App<'_>) -> anyhow::Result<Ending> {
    let inputs = terminal::inputs().context("cannot listen for input and signals")?;
    terminal::install_panic_hook();
    terminal::enter().context("cannot set up the terminal")?;
    let result = (|| {
        // The alternate screen starts blank, so no initial clear: `Terminal::clear` asks the
        // terminal for the cursor position, which some terminals (and test harnesses) never
        // answer.
        let mut terminal = terminal::open()?;
        let outcome = run_loop(&mut terminal, &mut app, &inputs, &mut RealConsole);
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
    result
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::backend::TestBackend;

    use super::*;

    /// The run loop leaves settling the scroll offsets to the frame it draws next. Every frame
    /// it draws must be the frame the settled state draws, and it must end on the same offsets:
    /// checked key by key (and for keys applied together before one frame) against the eager
    /// path, through the start screen, a question's panels, the map, the review and the help,
    /// at the smallest size laid out and two common ones.
    #[test]
    fn a_frame_drawn_before_settling_is_the_settled_frame() {
        use KeyCode::{BackTab, Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up};
        let batches: &[&[KeyCode]] = &[
            &[Down],
            &[Down, Down, Up],
            &[Up, Up],
            &[Enter],
            &[Down; 9],
            &[Down, Down, Down],
            &[Up; 5],
            &[Down; 8],
            &[Tab],
            &[PageDown],
            &[PageDown, PageDown],
            &[End],
            &[Home, Down],
            &[Tab, Down, Down],
            &[BackTab],
            &[Down, Enter],
            &[Char('m')],
            &[Down, Down],
            &[PageDown],
            &[End, PageUp],
            &[Esc, Char('v')],
            &[Down, Up],
            &[Esc],
            &[Char('?'), PageDown],
            &[End],
            &[Esc, Down, Enter],
            &[Tab, PageDown],
            &[Down, Down, Down],
        ];
        // A question whose prompt, reasons and answers overflow their panels at every size.
        let long = |n: usize, word: &str| vec![word; n].join(" ");
        let options: Vec<serde_json::Value> = (0..14)
            .map(|i| {
                serde_json::json!({"id": format!("o{i}"), "label": long(12 + i, "answer"),
                                        "next": "end"})
            })
            .collect();
        let crowded = crate::pack::testing::tiny(
            &serde_json::json!([{"id": "q", "prompt": long(60, "prompt"),
                                 "why": long(400, "reason"), "options": options}])
            .to_string(),
            &["end"],
        );
        let court = crate::pack::testing::court();
        let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        let sizes = [(60, 16), (80, 24), (120, 40)];
        for (pack, (width, height)) in [&court, &crowded]
            .into_iter()
            .flat_map(|pack| sizes.map(|size| (pack, size)))
        {
            let area = Rect::new(0, 0, width, height);
            let mut eager = App::new(pack, Theme::new(false), PathBuf::new());
            let mut lazy = App::new(pack, Theme::new(false), PathBuf::new());
            eager.size = area;
            lazy.size = area;
            let mut on_eager = Terminal::new(TestBackend::new(width, height)).unwrap();
            let mut on_lazy = Terminal::new(TestBackend::new(width, height)).unwrap();
            draw(&mut on_eager, &mut eager).unwrap();
            draw(&mut on_lazy, &mut lazy).unwrap();
            for (i, batch) in batches.iter().enumerate() {
                for &code in *batch {
                    handle(&mut eager, key(code));
                    if let Some(message) = message_for(&lazy, key(code)) {
                        perform_unsettled(&mut lazy, message);
                    }
                }
                assert!(
                    lazy.unsettled,
                    "{width}x{height}, batch {i}: left unsettled"
                );
                draw(&mut on_eager, &mut eager).unwrap();
                draw(&mut on_lazy, &mut lazy).unwrap();
                assert_eq!(
                    on_eager.backend().buffer(),
                    on_lazy.backend().buffer(),
                    "{width}x{height}, after batch {i} {batch:?}"
                );
                assert_eq!(eager.scroll, lazy.scroll, "{width}x{height}, batch {i}");
                assert!(
                    !lazy.unsettled,
                    "{width}x{height}, batch {i}: the frame settled it"
                );
            }
        }
    }
}
