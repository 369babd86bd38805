//! Presenter mode, `immunity --present`: the walkthrough for a projector.
//!
//! One question fills the screen: no side panels, options lettered (drawn as big letters when
//! the terminal is large enough to read from the back of a room), high contrast that reads the
//! same under `NO_COLOR` (reverse video and bold, never colour alone). Everything that would
//! give the answer away stays hidden until the presenter reveals it: the court's answer (with
//! `--case`), the option's note and the excerpts. The presenter can type the room's count for
//! each option (digits are masked as they are typed); the bar chart appears only when revealed.
//! `m` shows the map with the current path lit, `?` every key.
//!
//! With `--live` ([`Present::with_live`]) the room answers from its own browsers: `o` opens the
//! question, `l` locks it, `r` reveals, Enter or `n` goes on, and the tally fills in from the
//! students' votes in a side panel ([`super::present_live`]). Letters choose options whatever
//! their case; a letter that is a command key never chooses (its option is reached with the
//! arrows), and back is Backspace or the left arrow, never a letter.
//!
//! The walkthrough's shape: [`Present`] is the state, [`Msg`] the messages, the pure update is
//! [`Screen::update`] (run by the shared [`super::screen_loop`]), [`view`] draws (with
//! `reveal.rs` and `conclusion.rs`), and [`keys::KEYS`] is the one table that maps keys to
//! messages and writes the footer and the `?` screen.

mod conclusion;
mod reveal;
mod view;

pub mod keys;

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

pub use super::present_live::Live;
use super::screen_loop::Screen;
use super::{Ending, Theme};
use crate::engine::{Answers, Session, resolve_answers};
use crate::pack::{Node, Pack};
pub use keys::KEYS;
pub use view::view;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// Highlight the previous option (or, while typing the tally, the previous count).
    Up,
    /// Highlight the next option (or the next count).
    Down,
    /// Highlight option `n`.
    Pick(usize),
    /// Answer with the highlighted option and go on.
    Go,
    /// Back one question.
    Back,
    /// Reveal or hide the court's answer, the notes and the excerpts.
    Reveal,
    /// Start or stop typing the room's counts.
    Tally,
    /// A digit of the count being typed.
    Digit(u8),
    /// Delete the last digit of the count being typed.
    Erase,
    /// Show or hide the bar chart of the counts.
    Chart,
    /// Show or hide the map.
    Map,
    /// Scroll down a page (when the question does not fit).
    PageDown,
    /// Scroll up a page.
    PageUp,
    /// Leave.
    Quit,
    /// Live: open the question for answers.
    Open,
    /// Live: lock it.
    Lock,
    /// Live: show or hide the join QR code.
    Join,
    /// Show or hide every key.
    Help,
    /// Ctrl-Z: the loop stops the process before the presenter hears it; listed for the help.
    Suspend,
}

/// The presenter's state.
#[derive(Debug)]
#[allow(clippy::struct_excessive_bools)] // independent toggles the presenter flips
pub struct Present<'p> {
    pub(super) pack: &'p Pack,
    pub(super) theme: Theme,
    pub(super) case: Option<usize>,
    pub(super) court: Answers,
    pub(super) session: Session<'p>,
    pub(super) selected: usize,
    pub(super) revealed: bool,
    pub(super) tally: Vec<u32>,
    /// The option whose count is being typed.
    pub(super) typing: Option<usize>,
    pub(super) chart: bool,
    pub(super) map: bool,
    /// Lines scrolled down when the question does not fit the screen.
    pub(super) scroll: u16,
    /// Set when the presenter leaves.
    pub quit: bool,
    /// The live classroom, with `--live`.
    pub live: Option<Live>,
    /// The room's counts per question, as last tallied (live or typed): the conclusion says
    /// where the room's majority left the court's path.
    pub(super) room_counts: HashMap<usize, Vec<u32>>,
    help: bool,
    /// Fact patterns still to present, in order (`--case` given more than once).
    queue: Vec<usize>,
    /// Fact patterns presented and left: (fact pattern, conclusion reached, the path).
    finished: Vec<Presented>,
}

/// A fact pattern as the room walked it: the fact pattern, the conclusion reached (if any) and
/// the path, each question with the option the room went on with.
pub type Presented = (usize, Option<usize>, Vec<(usize, usize)>);

impl<'p> Present<'p> {
    /// Presenter mode over `pack`, on fact pattern `case` (an index) if given.
    pub fn new(pack: &'p Pack, case: Option<usize>, theme: Theme) -> Self {
        let court = case
            .and_then(|c| resolve_answers(pack, &pack.cases()[c].answers).ok())
            .unwrap_or_default();
        let mut p = Self {
            pack,
            theme,
            case,
            court,
            session: Session::new(pack),
            selected: 0,
            revealed: false,
            tally: Vec::new(),
            typing: None,
            chart: false,
            map: false,
            scroll: 0,
            quit: false,
            live: None,
            room_counts: HashMap::new(),
            queue: Vec::new(),
            finished: Vec::new(),
            help: false,
        };
        p.arrive();
        p
    }

    /// Presents `cases` after the first, one after another: at a conclusion, Enter or `n`
    /// goes on to the next fact pattern.
    #[must_use]
    pub fn with_cases(mut self, cases: Vec<usize>) -> Self {
        self.queue = cases;
        self
    }

    /// Every fact pattern presented so far, the current one last.
    pub fn presented(&self) -> Vec<Presented> {
        let mut all = self.finished.clone();
        if let Some(case) = self.case {
            all.push((case, self.session.conclusion(), self.path()));
        }
        all
    }

    fn path(&self) -> Vec<(usize, usize)> {
        self.session
            .history()
            .iter()
            .map(|s| (s.question, s.option))
            .collect()
    }

    /// Leaves a finished fact pattern for the next one in the queue.
    fn next_case(&mut self) -> bool {
        if self.queue.is_empty() || self.session.conclusion().is_none() {
            return false;
        }
        let next = self.queue.remove(0);
        if let Some(case) = self.case {
            self.finished
                .push((case, self.session.conclusion(), self.path()));
        }
        self.case = Some(next);
        self.court =
            resolve_answers(self.pack, &self.pack.cases()[next].answers).unwrap_or_default();
        self.session = Session::new(self.pack);
        self.room_counts.clear();
        self.map = false;
        true
    }

    /// Presenter mode with the room answering live.
    #[must_use]
    pub fn with_live(mut self, live: Live) -> Self {
        self.live = Some(live);
        self.arrive();
        self.sync();
        self
    }

    /// The court's answers on the fact pattern (empty without one).
    pub fn court(&self) -> &Answers {
        &self.court
    }

    /// The session walked.
    pub fn session(&self) -> &Session<'p> {
        &self.session
    }

    /// The counts shown for the current question: the live tally, else the typed one.
    fn counts(&self) -> &[u32] {
        self.live.as_ref().map_or(&self.tally, |l| &l.counts)
    }

    /// Keeps the room's counts for the conclusion and publishes the stage to the students.
    fn sync(&mut self) {
        if let Some(q) = self.session.current_question() {
            let counts = self.counts().to_vec();
            if counts.iter().any(|&c| c > 0) {
                self.room_counts.insert(q, counts);
            }
        }
        let stage = crate::live::Stage {
            case: self.case,
            question: self.session.current_question(),
            step: self.session.history().len() + 1,
            conclusion: self.session.conclusion(),
            path: self
                .session
                .history()
                .iter()
                .map(|s| (s.question, s.option))
                .collect(),
            ..crate::live::Stage::default()
        };
        if let Some(live) = &mut self.live {
            if self.revealed
                && (live.phase != crate::live::Phase::Waiting
                    || self.session.conclusion().is_some())
            {
                live.phase = crate::live::Phase::Revealed;
            } else if !self.revealed && live.phase == crate::live::Phase::Revealed {
                live.phase = crate::live::Phase::Locked;
            }
            live.publish(stage);
        }
    }

    /// The first question on the walk where the room's majority answer (as tallied) was not
    /// the court's: (step number, the room's option, the court's option).
    pub fn majority_departure(&self) -> Option<(usize, usize, usize)> {
        self.session
            .history()
            .iter()
            .enumerate()
            .find_map(|(n, s)| {
                let court = *self.court.get(&s.question)?;
                let counts = self.room_counts.get(&s.question)?;
                let most = *counts.iter().max()?;
                let top: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] == most).collect();
                (most > 0 && !top.contains(&court)).then(|| (n + 1, top[0], court))
            })
    }

    /// Resets what belongs to one question when a question (or the conclusion) is shown.
    fn arrive(&mut self) {
        let options = self.options();
        self.selected = self
            .session
            .current_question()
            .and_then(|q| self.session.remembered(q))
            .unwrap_or(0);
        self.revealed = false;
        self.tally = vec![0; options];
        if let Some(live) = &mut self.live {
            live.arrive(options);
        }
        self.typing = None;
        self.chart = false;
        self.scroll = 0;
    }

    fn options(&self) -> usize {
        self.session
            .current_question()
            .map_or(0, |q| self.pack.question(q).options.len())
    }

    /// Where the key table looks.
    pub fn context(&self) -> keys::Context {
        let at_question = matches!(self.session.current(), Node::Question(_));
        match (self.typing.is_some(), self.live.is_some(), at_question) {
            (true, _, _) => keys::Context::Typing,
            (false, false, true) => keys::Context::Question,
            (false, false, false) => keys::Context::Conclusion,
            (false, true, true) => keys::Context::LiveQuestion,
            (false, true, false) => keys::Context::LiveConclusion,
        }
    }

    fn apply(&mut self, msg: Msg) {
        let options = self.options();
        match (self.typing, msg) {
            (_, Msg::Quit) => self.quit = true,
            (Some(at), Msg::Digit(d)) => {
                let count = &mut self.tally[at];
                *count = count
                    .saturating_mul(10)
                    .saturating_add(u32::from(d))
                    .min(99_999);
            }
            (Some(at), Msg::Erase) => self.tally[at] /= 10,
            (Some(at), Msg::Up) => self.typing = Some(at.saturating_sub(1)),
            (Some(at), Msg::Down) => self.typing = Some((at + 1) % options.max(1)),
            (Some(_), Msg::Tally) => self.typing = None,
            (None, Msg::Up) => self.selected = self.selected.saturating_sub(1),
            (None, Msg::Down) => self.selected = (self.selected + 1).min(options.saturating_sub(1)),
            (None, Msg::Pick(n)) if n < options => self.selected = n,
            (None, Msg::Go) if options == 0 && self.next_case() => self.arrive(),
            (None, Msg::Go) if options > 0 && self.session.answer(self.selected).is_ok() => {
                self.arrive();
            }
            (None, Msg::Back) if self.session.back() => self.arrive(),
            (None, Msg::Reveal) => {
                self.revealed = !self.revealed;
                if let Some(live) = &mut self.live {
                    live.lock();
                }
            }
            (None, Msg::Open) if options > 0 => {
                if let Some(live) = &mut self.live {
                    live.open();
                }
                self.revealed = false;
            }
            (None, Msg::Lock) => {
                if let Some(live) = &mut self.live {
                    live.lock();
                }
            }
            (None, Msg::Join) => {
                if let Some(live) = &mut self.live {
                    live.show_join = !live.show_join;
                }
            }
            (_, Msg::Help) => self.help = !self.help,
            (None, Msg::Tally) if options > 0 => self.typing = Some(0),
            (None, Msg::Chart) => self.chart = !self.chart,
            (None, Msg::Map) => self.map = !self.map,
            (None, Msg::PageDown) => self.scroll = self.scroll.saturating_add(8),
            (None, Msg::PageUp) => self.scroll = self.scroll.saturating_sub(8),
            _ => {}
        }
    }
}

impl Screen for Present<'_> {
    type Msg = Msg;
    fn message(&self, key: &KeyEvent) -> Option<Msg> {
        keys::lookup(self.context(), key)
    }
    /// Applies a message, then tells the room what is shown.
    fn update(&mut self, msg: Msg) {
        self.apply(msg);
        self.sync();
    }
    fn draw(&self, frame: &mut Frame<'_>) {
        view(self, frame);
    }
    fn done(&self) -> bool {
        self.quit
    }
    fn live(&mut self, event: crate::live::Event) {
        if let Some(live) = &mut self.live {
            live.hear(event);
        }
        if let Some(q) = self.session.current_question() {
            let counts = self.counts().to_vec();
            if counts.iter().any(|&c| c > 0) {
                self.room_counts.insert(q, counts);
            }
        }
    }
}

/// Runs presenter mode on the real terminal; the terminal is restored before this returns.
pub fn run(p: &mut Present<'_>) -> anyhow::Result<Ending> {
    super::screen_loop::run(p, super::NOT_A_TERMINAL)
}
