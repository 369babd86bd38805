//! The screen loop: the run loop and terminal set-up shared by the screens that are one state,
//! one key table and one view: the quiz and presenter mode. The walkthrough has its own loop (`tui::run_loop`) because it also
//! performs effects (exports, matter saves, the quiz started from its start screen).

use std::sync::mpsc::Receiver;

use anyhow::Context as _;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Frame, Terminal};

use super::{Console, Ending, Input, Signal};

/// A screen the shared loop can run, in the walkthrough's shape: keys become messages through
/// the screen's key table ([`Screen::message`]), a pure [`Screen::update`] applies them, and
/// [`Screen::draw`] is the view.
pub trait Screen {
    /// What the user can do.
    type Msg;
    /// The message a key sends here, if any (from the screen's key table).
    fn message(&self, key: &KeyEvent) -> Option<Self::Msg>;
    /// Applies a message.
    fn update(&mut self, msg: Self::Msg);
    /// Draws the whole frame.
    fn draw(&self, frame: &mut Frame<'_>);
    /// True once the user has asked to leave.
    fn done(&self) -> bool;
    /// News from the live classroom (only presenter mode with `--live` hears any).
    fn live(&mut self, _event: crate::live::Event) {}
    /// Applies one key (a key the screen does not bind does nothing).
    fn key(&mut self, key: &KeyEvent) {
        if let Some(msg) = self.message(key) {
            self.update(msg);
        }
    }
}

/// Draw, wait for input, apply every input already waiting, draw again: a burst of keys costs
/// one frame, and an idle screen sleeps in `recv`. Ends when the screen is done, on a
/// terminating signal, or with an error when the terminal can no longer be read. Ctrl-Z (a key
/// in raw mode) and SIGTSTP stop the process with the terminal given back; the frame is
/// repainted whole afterwards, since another program may have drawn over it.
pub fn run_loop<B: Backend, S: Screen>(
    terminal: &mut Terminal<B>,
    screen: &mut S,
    inputs: &Receiver<Input>,
    console: &mut dyn Console,
) -> anyhow::Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    loop {
        terminal.draw(|frame| screen.draw(frame))?;
        let Ok(first) = inputs.recv() else {
            anyhow::bail!("the terminal's input ended");
        };
        let mut next = Some(first);
        while let Some(input) = next {
            super::terminal::follow_resize(terminal, &input)?;
            match input {
                Input::Event(Event::Key(key))
                    if key.code == KeyCode::Char('z')
                        && key.modifiers.contains(KeyModifiers::CONTROL) =>
                {
                    super::suspend(terminal, console)?;
                }
                Input::Signal(Signal::Stop) => super::suspend(terminal, console)?,
                Input::Event(Event::Key(key)) => screen.key(&key),
                Input::Event(_) => {}
                Input::Live(event) => screen.live(event),
                Input::Signal(Signal::Terminate(n)) => return Ok(Ending::Signal(n)),
                Input::Signal(Signal::Continue) => {
                    // After a SIGSTOP, which cannot be caught, this is the only way the
                    // terminal comes back.
                    console.resume()?;
                    super::repaint_all(terminal)?;
                }
                Input::ReadFailed(e) => {
                    return Err(anyhow::Error::new(e).context("cannot read the terminal"));
                }
            }
            if screen.done() {
                return Ok(Ending::Quit);
            }
            next = inputs.try_recv().ok();
        }
    }
}

/// Runs `screen` on the real terminal; the terminal is restored before this returns, whatever
/// happened. `needs` is the error when standard input or output is not a terminal.
pub fn run<S: Screen>(screen: &mut S, needs: &'static str) -> anyhow::Result<Ending> {
    if !super::is_interactive() {
        anyhow::bail!(needs);
    }
    let inputs = super::terminal::inputs().context("cannot listen for input and signals")?;
    run_on(screen, &inputs)
}

/// As [`run`], reading `inputs` (from [`super::terminal::inputs_and_sender`], whose sender
/// someone else also holds).
pub fn run_on<S: Screen>(screen: &mut S, inputs: &Receiver<Input>) -> anyhow::Result<Ending> {
    super::terminal::install_panic_hook();
    super::terminal::enter().context("cannot set up the terminal")?;
    let result = (|| {
        let mut terminal = super::terminal::open()?;
        let outcome = run_loop(&mut terminal, screen, inputs, &mut super::RealConsole);
        if terminal.show_cursor().is_err() {
            std::mem::forget(terminal);
        }
        outcome
    })();
    super::terminal::restore();
    result
}
