//! `immunity quiz`: fact patterns as a self-test, commit-then-reveal.
//!
//! Each fact pattern is shown under a neutral title ("Fact pattern 2 of 3"): the case name
//! would give the answer away, so it appears only on the end screen. At each question the
//! student picks an option and a confidence (1 a guess, 2 fairly sure, 3 certain) and commits
//! both before anything is revealed; then the court's answer, the option's note and the
//! question's excerpt appear, with the student's confidence and the points won or lost. The
//! score is a function of the first answers alone ([`crate::results::score`](mod@crate::results::score));
//! the student goes on along the court's path (practice) or their own. The end screen gives the
//! score with its maximum, confident errors first, practice apart, the case name and holding,
//! and "retry from where you left the court" (words shared with the line mode,
//! [`crate::results::words`]). After the last pattern a summary; quitting writes the results
//! file.
//!
//! The walkthrough's shape: [`Quiz`] is the state, [`Msg`] the messages, the pure update is
//! [`Screen::update`] (run by the shared [`super::screen_loop`]), [`view`] draws, and
//! [`keys::KEYS`] is the one table that maps keys to messages and writes the footer and the `?`
//! help.

mod view;

pub mod keys;

use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::screen_loop::Screen;
use super::{Ending, Theme};
use crate::pack::Pack;
use crate::results::{Along, Confidence, PatternResult, QuizRun, Reveal};
pub use keys::KEYS;
pub use view::view;

/// Lines one PgUp/PgDn scrolls.
const PAGE: u16 = 8;

/// What the student can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// Highlight the previous option.
    Up,
    /// Highlight the next option.
    Down,
    /// Highlight option `n` (typed as its letter).
    Pick(usize),
    /// Set the confidence.
    Sure(Confidence),
    /// Commit the highlighted option and the confidence.
    Commit,
    /// After a reveal: go on along the court's path.
    Court,
    /// After a reveal: go on along one's own answer.
    Own,
    /// At the end of a pattern: back to where the student first left the court.
    Retry,
    /// At the end of a pattern: the next one, or the summary.
    Next,
    /// Scroll the body down a page.
    PageDown,
    /// Scroll the body up a page.
    PageUp,
    /// Show or hide every key.
    Help,
    /// Ctrl-Z: the loop stops the process before the quiz hears it; listed for the help.
    Suspend,
    /// Stop (the results so far are kept and written).
    Quit,
    /// Ctrl-C: stop, and (in a quiz started from the walkthrough) leave the program too.
    Interrupt,
}

/// Where the quiz stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Answering a question.
    Asking,
    /// The answer was committed; the court's is shown.
    Revealed(Reveal),
    /// The pattern reached a conclusion.
    Ended,
    /// Every pattern is done.
    Summary,
}

/// The quiz state.
// Independent flags (quit, interrupted, returns, follow_selection, help), not a state machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug)]
pub struct Quiz<'p> {
    pub(super) pack: &'p Pack,
    pub(super) theme: Theme,
    pub(super) cases: Vec<usize>,
    /// Index into `cases` of the pattern being taken.
    pub(super) at: usize,
    pub(super) run: QuizRun<'p>,
    pub(super) phase: Phase,
    pub(super) selected: usize,
    pub(super) confidence: Option<Confidence>,
    /// When the current question appeared (for the time to answer).
    pub(super) shown: Instant,
    /// Patterns finished, in order.
    pub(super) done: Vec<PatternResult>,
    /// A one-line message under the question (e.g. "choose a confidence first").
    pub(super) hint: Option<&'static str>,
    /// Lines scrolled down in the body (long facts, notes and excerpts on a small terminal).
    pub(super) scroll: u16,
    /// While asking, the body scrolls to keep the highlighted option in view, until the
    /// student scrolls by hand (PgUp/PgDn) to read the facts again.
    pub(super) follow_selection: bool,
    /// Set when the student quits.
    pub quit: bool,
    /// Set when the student quit with Ctrl-C.
    pub interrupted: bool,
    /// The `?` help is shown.
    pub(super) help: bool,
    /// Started from the walkthrough's start screen: `q` goes back there, so the footer says so.
    pub returns: bool,
}

impl<'p> Quiz<'p> {
    /// A quiz over fact patterns `cases` (indices into [`Pack::cases`]; at least one).
    pub fn new(pack: &'p Pack, cases: Vec<usize>, theme: Theme) -> Self {
        let first = cases.first().copied().unwrap_or(0);
        Self {
            pack,
            theme,
            cases,
            at: 0,
            run: QuizRun::new(pack, first),
            phase: Phase::Asking,
            selected: 0,
            confidence: None,
            shown: Instant::now(),
            done: Vec::new(),
            hint: None,
            scroll: 0,
            follow_selection: true,
            quit: false,
            interrupted: false,
            help: false,
            returns: false,
        }
    }

    /// Where the quiz stands.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Where the key table looks: the help, else the phase.
    pub fn context(&self) -> keys::Context {
        match self.phase {
            _ if self.help => keys::Context::Help,
            Phase::Asking => keys::Context::Asking,
            Phase::Revealed(_) => keys::Context::Revealed,
            Phase::Ended => keys::Context::Ended,
            Phase::Summary => keys::Context::Summary,
        }
    }

    fn apply(&mut self, msg: Msg) {
        let options = self
            .run
            .current_question()
            .map_or(0, |q| self.pack.question(q).options.len());
        match (self.phase, msg) {
            (_, Msg::Quit) => self.quit = true,
            (_, Msg::Help) => self.help = !self.help,
            (_, Msg::Interrupt) => {
                self.quit = true;
                self.interrupted = true;
            }
            (_, Msg::PageDown) => {
                self.scroll = self.scroll.saturating_add(PAGE);
                self.follow_selection = false;
            }
            (_, Msg::PageUp) => {
                self.scroll = self.scroll.saturating_sub(PAGE);
                self.follow_selection = false;
            }
            (Phase::Asking, Msg::Up) => {
                self.selected = self.selected.saturating_sub(1);
                self.follow_selection = true;
            }
            (Phase::Asking, Msg::Down) => {
                self.selected = (self.selected + 1).min(options.saturating_sub(1));
                self.follow_selection = true;
            }
            (Phase::Asking, Msg::Pick(n)) if n < options => {
                self.selected = n;
                self.follow_selection = true;
            }
            (Phase::Asking, Msg::Sure(c)) => self.confidence = Some(c),
            (Phase::Asking, Msg::Commit) => self.commit(),
            (Phase::Revealed(_), Msg::Court) => self.go_on(Along::Court),
            (Phase::Revealed(_), Msg::Own) => self.go_on(Along::Own),
            (Phase::Ended, Msg::Retry) => {
                if self.run.retry_from_departure() {
                    self.ask();
                } else {
                    self.hint = Some("you never left the court's path");
                }
            }
            (Phase::Ended, Msg::Next) => self.next_pattern(),
            _ => {}
        }
    }

    fn commit(&mut self) {
        let Some(confidence) = self.confidence else {
            self.hint = Some("choose a confidence first: 1 a guess, 2 fairly sure, 3 certain");
            return;
        };
        let millis = u64::try_from(self.shown.elapsed().as_millis()).unwrap_or(u64::MAX);
        if let Some(reveal) = self.run.commit(self.selected, confidence, millis) {
            self.phase = Phase::Revealed(reveal);
        }
    }

    fn go_on(&mut self, along: Along) {
        self.run.go_on(along);
        if self.run.session().is_finished() {
            self.phase = Phase::Ended;
        } else {
            self.ask();
        }
    }

    /// Shows the current question: the remembered answer highlighted, no confidence yet.
    fn ask(&mut self) {
        self.phase = Phase::Asking;
        self.selected = self
            .run
            .current_question()
            .and_then(|q| self.run.session().remembered(q))
            .unwrap_or(0);
        self.confidence = None;
        self.follow_selection = true;
        self.shown = Instant::now();
    }

    fn next_pattern(&mut self) {
        self.done.push(self.run.result());
        if self.at + 1 < self.cases.len() {
            self.at += 1;
            self.run = QuizRun::new(self.pack, self.cases[self.at]);
            self.ask();
        } else {
            self.phase = Phase::Summary;
        }
    }

    /// Every pattern finished, and the one under way if it has any answer: what the results
    /// file holds.
    pub fn results(&self) -> Vec<PatternResult> {
        let mut all = self.done.clone();
        if self.phase != Phase::Summary && !self.run.steps().is_empty() {
            all.push(self.run.result());
        }
        all
    }
}

impl Screen for Quiz<'_> {
    type Msg = Msg;
    fn message(&self, key: &KeyEvent) -> Option<Msg> {
        keys::lookup(self.context(), key)
    }
    /// Applies a message.
    fn update(&mut self, msg: Msg) {
        self.hint = None;
        let before = self.phase;
        self.apply(msg);
        if self.phase != before {
            self.scroll = 0;
        }
    }
    fn draw(&self, frame: &mut Frame<'_>) {
        view(self, frame);
    }
    fn done(&self) -> bool {
        self.quit
    }
}

/// Runs the quiz on the real terminal; the terminal is restored before this returns.
pub fn run(quiz: &mut Quiz<'_>) -> anyhow::Result<Ending> {
    super::screen_loop::run(quiz, "the quiz needs a terminal")
}
