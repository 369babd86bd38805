//! The application state and the messages that change it: The Elm Architecture's model. Nothing
//! here draws or touches the terminal, and nothing here changes the state: `update`
//! ([`crate::tui::update`]) does, and what only the outside can do (write an export, quit,
//! suspend) it returns as an [`Effect`] for the run loop.
//!
//! Over 400 lines because the state is one struct read by every view, and its overlay,
//! message and effect types read best beside it.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::export_dialog::{ExportDialog, Stage};
use super::form::Form;
use super::keymap::{self, Action, Context};
use super::matter::{Leave, MatterState};
pub use super::plan::{Hit, PANELS, Panel};
use super::theme::Theme;
use crate::engine::Session;
use crate::pack::{Node, Pack};
use crate::report::{Report, WhatThisDecides};

/// The screen under any overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Choose a free walk or a fact pattern.
    Start,
    /// Walking the tree: a question, or the conclusion once reached.
    Walk,
    /// The screenings of the matter open (`--matter`).
    Matter,
}

/// What a confirmation asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Start again, forgetting every answer.
    Restart,
    /// Quit although the reached conclusion was not exported.
    Quit,
    /// Delete screening N of the matter.
    Delete(usize),
    /// The question on screen is not answered: is the note for the last answer?
    NoteOnLast,
    /// Leave a matter walk whose answers could not be saved (Enter stays).
    Discard(Leave),
}

/// Something drawn over the screen.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The key help.
    Help,
    /// The whole tree as an outline; `selected` indexes [`App::map_order`]; `top` is the first
    /// item drawn.
    Map {
        /// Highlighted question.
        selected: usize,
        /// First question shown.
        top: usize,
    },
    /// Every answer so far; `selected` is a step of the path; `top` the first step drawn.
    Review {
        /// Highlighted step.
        selected: usize,
        /// First step shown.
        top: usize,
    },
    /// What if an answered question had another answer: `selected` indexes
    /// [`App::what_if_choices`].
    WhatIf {
        /// Highlighted choice.
        selected: usize,
    },
    /// The export dialog.
    Export(Box<ExportDialog>),
    /// A yes/no question.
    Confirm(Confirm),
    /// A form of text fields (matter caption, screening, note and cites).
    Form(Box<Form>),
    /// How the matter's saved answers meet this pack (shown on open when any do not fit).
    Fit,
}

/// Everything that can happen to the app.
#[derive(Debug, Clone)]
pub enum Message {
    /// A key bound in the keymap.
    Action(Action),
    /// A key typed into the export dialog's path.
    Input(KeyEvent),
    /// Text pasted (bracketed paste): one message however long, never keys.
    Paste(String),
    /// A left click at a screen cell.
    Click {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
    },
    /// A wheel turn at a screen cell.
    Wheel {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
        /// True for down.
        down: bool,
    },
    /// The terminal's size (at start and after every resize).
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// The export was written to this path.
    Written(PathBuf),
    /// The export's path exists already.
    Exists(PathBuf),
    /// The export failed; the reason in words.
    WriteFailed(String),
    /// The matter was saved at this local time; `what` says what changed.
    Saved {
        /// What changed, in words.
        what: String,
        /// Local time, "14:03:22".
        at: String,
    },
    /// Saving the matter failed; the reason in words.
    SaveFailed(String),
    /// The quiz started from the start screen ended; what became of its results, in words.
    QuizEnded(String),
}

/// A change to the matter file that the run loop writes (before the screen says it is saved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatterOp {
    /// Apply a change to the matter and save it.
    Save {
        /// The change ([`crate::matter::screening::apply`]).
        change: crate::matter::screening::Change,
        /// What changed, in words (for the "Saved" line).
        what: String,
    },
    /// Create the matter with these details.
    Create {
        /// Caption, court, docket, people.
        info: Box<crate::matter::MatterInfo>,
    },
}

/// What `update` asks the run loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Leave, restoring the terminal.
    Quit,
    /// Ctrl-Z: restore the terminal, stop, and redraw on resume.
    Suspend,
    /// Run the quiz over these fact patterns (indices into the pack's cases) in this terminal,
    /// write its results file, then send back [`Message::QuizEnded`].
    Quiz(Vec<usize>),
    /// Write an export file, then send back [`Message::Written`], [`Message::Exists`] or
    /// [`Message::WriteFailed`].
    Write {
        /// Where.
        path: PathBuf,
        /// What.
        contents: Vec<u8>,
        /// Overwrite an existing file.
        force: bool,
    },
    /// Write the matter file, then send back [`Message::Saved`] or [`Message::SaveFailed`].
    Matter(MatterOp),
}

/// The filter of the start screen's list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartFilter {
    /// What was typed.
    pub text: String,
    /// Keys are typed into the filter (after `/`, until Enter or Esc).
    pub typing: bool,
}

/// The whole state of the TUI.
#[derive(Debug)]
// Each flag is its own fact about the walk (revising, exported, revealed, unsettled), set and
// cleared at different moments; folding them into one enum would pretend they exclude each other.
#[allow(clippy::struct_excessive_bools)]
pub struct App<'p> {
    /// The pack being walked.
    pub pack: &'p Pack,
    /// The answers.
    pub session: Session<'p>,
    /// Colours on or off.
    pub theme: Theme,
    /// The terminal's area, as last reported.
    pub size: Rect,
    /// Start screen or walking.
    pub screen: Screen,
    /// Highlighted start-screen entry, an index into [`App::visible_entries`].
    pub start_selected: usize,
    /// The start screen's filter (`/`).
    pub start_filter: StartFilter,
    /// The fact pattern being worked (index into `pack.cases()`).
    pub case: Option<usize>,
    /// Highlighted answer of the current question.
    pub highlight: usize,
    /// The panel Tab, ↑/↓ and PgUp/PgDn act on.
    pub focus: Panel,
    /// The excerpt shown (index into the question's excerpts).
    pub excerpt: usize,
    /// Scroll offset (in lines) of each panel, as last settled.
    pub scroll: [usize; PANELS],
    /// What is drawn over the screen.
    pub overlay: Option<Overlay>,
    /// The current question was reached from the map or review: answering it keeps later
    /// answers where the path still passes through them.
    pub revising: bool,
    /// The reached conclusion has been exported since it was last reached.
    pub exported: bool,
    /// The report of the reached conclusion: what the conclusion screen draws and the export
    /// writes.
    pub report: Option<Report>,
    /// A one-line message for the footer (already sanitised). Cleared by the next key.
    pub status: Option<String>,
    /// Folder that relative export paths are resolved against.
    pub cwd: PathBuf,
    /// The map's order of questions, worked out the first time the map or a question's number
    /// is needed (a start screen that is left at once never walks the tree).
    map: std::cell::OnceCell<MapOrder>,
    /// The matter open (`--matter`), if any.
    pub matter: Option<MatterState>,
    /// What the current question decides, computed once on arrival (a linear search, so not
    /// once per frame); `None` at a conclusion, and in a fact pattern until it is revealed.
    pub decides: Option<WhatThisDecides>,
    /// The packs the start screen offers to switch to (the one open among them); with one or
    /// none the start screen offers no choice ([`App::offer_packs`]).
    pub packs: Vec<&'p Pack>,
    /// A message changed the state since its scroll offsets were last settled (the run loop
    /// leaves settling to the frame it draws next: [`App::dispatch_unsettled`]).
    pub(crate) unsettled: bool,
    /// The fact pattern's walk has reached a conclusion, so the court's result is shown:
    /// from then on "what this decides" may show at its questions without giving it away.
    pub revealed: bool,
}

impl<'p> App<'p> {
    /// A new app on the start screen, laid out for 80×24 until told the terminal's size.
    pub fn new(pack: &'p Pack, theme: Theme, cwd: PathBuf) -> Self {
        Self {
            pack,
            session: Session::new(pack),
            theme,
            size: Rect::new(0, 0, 80, 24),
            screen: Screen::Start,
            start_selected: 0,
            start_filter: StartFilter::default(),
            case: None,
            highlight: 0,
            focus: Panel::List,
            excerpt: 0,
            scroll: [0; PANELS],
            overlay: None,
            revising: false,
            exported: false,
            report: None,
            status: None,
            cwd,
            map: std::cell::OnceCell::new(),
            matter: None,
            decides: None,
            revealed: false,
            unsettled: false,
            packs: Vec::new(),
        }
    }

    /// Offers `packs` on the start screen (when there is more than one): choosing one opens
    /// the walkthrough afresh on it. The run loop fills this from the library's catalog of
    /// bundled packs ([`crate::tui::bundled_packs`]); tests fill it with packs they build.
    #[must_use]
    pub fn offer_packs(mut self, packs: Vec<&'p Pack>) -> Self {
        self.packs = packs;
        self
    }

    /// True while the terminal is below the smallest layout: only quitting works then.
    pub fn too_small(&self) -> bool {
        super::plan::too_small(self.size)
    }

    /// Where the keymap should look: the overlay's context, else the screen's.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help | Overlay::Fit) => Context::Help,
            Some(Overlay::Map { .. }) => Context::Map,
            Some(Overlay::Review { .. }) => Context::Review,
            Some(Overlay::WhatIf { .. }) => Context::WhatIf,
            Some(Overlay::Export(d)) if matches!(d.stage, Stage::ConfirmOverwrite(_)) => {
                Context::Overwrite
            }
            Some(Overlay::Export(_)) => Context::Export,
            Some(Overlay::Confirm(Confirm::Delete(_) | Confirm::Discard(_))) => Context::Delete,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            Some(Overlay::Form(_)) => Context::Form,
            None if self.screen == Screen::Start && self.start_filter.typing => Context::Filter,
            None => self.screen_context(),
        }
    }

    /// The context of the screen under any overlay (what the help overlay describes).
    pub fn screen_context(&self) -> Context {
        match self.screen {
            Screen::Start => Context::Start,
            Screen::Matter => Context::Matter,
            Screen::Walk if self.session.is_finished() => Context::Conclusion,
            Screen::Walk => Context::Question,
        }
    }

    /// The message a key sends here, if any.
    pub fn key_message(&self, key: &KeyEvent) -> Option<Message> {
        let context = self.context();
        match keymap::lookup(context, key) {
            // The matter's keys mean nothing in a walk without one.
            Some(action) if action.matter_only() && self.matter.is_none() => None,
            Some(action) => Some(Message::Action(action)),
            None if matches!(context, Context::Export | Context::Form | Context::Filter)
                && key.kind != ratatui::crossterm::event::KeyEventKind::Release =>
            {
                Some(Message::Input(*key))
            }
            None => None,
        }
    }

    /// Question indices in map order: depth first from the start, in option order, then any
    /// not reachable.
    pub fn map_order(&self) -> &[usize] {
        &self.map().order
    }

    /// Each question's position in [`App::map_order`] (its number in the map is this plus one).
    pub fn map_number(&self) -> &[usize] {
        &self.map().number
    }

    fn map(&self) -> &MapOrder {
        self.map.get_or_init(|| MapOrder::of(self.pack))
    }

    /// The other answers the what-if overlay offers, as (step of the path, option), in path
    /// order: every option of every answered question except the answer given.
    pub fn what_if_choices(&self) -> Vec<(usize, usize)> {
        self.session
            .history()
            .iter()
            .enumerate()
            .flat_map(|(step, s)| {
                (0..self.pack.question(s.question).options.len())
                    .filter(move |&o| o != s.option)
                    .map(move |o| (step, o))
            })
            .collect()
    }

    /// The defendant of screening `i` of the open matter, on one line (empty without one).
    pub fn screening_name(&self, i: usize) -> String {
        self.matter
            .as_ref()
            .and_then(|m| m.screening(i))
            .map(|s| super::wrap::one_line(&s.defendant))
            .unwrap_or_default()
    }

    /// The saved answer to `question` in screening `i` of the open matter, if any.
    pub fn saved_answer(&self, i: usize, question: &str) -> Option<&crate::matter::Answer> {
        self.matter
            .as_ref()
            .and_then(|m| m.screening(i))
            .and_then(|s| s.answer(question))
    }

    /// The case being worked, if any.
    pub fn current_case(&self) -> Option<&'p crate::pack::Case> {
        self.case.and_then(|i| self.pack.cases().get(i))
    }

    /// The excerpt (index into `q`'s excerpts) shown at position `shown` of the excerpt tabs:
    /// pack order, except that once a fact pattern's result is revealed the passage grounding
    /// the court's answer in that case comes first ([`crate::report::grounds`]).
    pub fn excerpt_at(&self, q: usize, shown: usize) -> usize {
        let case = self.current_case().filter(|_| self.revealed);
        crate::report::grounds::excerpt_order(self.pack, case, q)
            .get(shown)
            .copied()
            .unwrap_or(shown)
    }
}

/// The questions in the map's order, and each one's place in it.
#[derive(Debug, Clone)]
struct MapOrder {
    order: Vec<usize>,
    number: Vec<usize>,
}

impl MapOrder {
    fn of(pack: &Pack) -> Self {
        let order = map_order(pack);
        let mut number = vec![0; order.len()];
        for (i, &q) in order.iter().enumerate() {
            number[q] = i;
        }
        Self { order, number }
    }
}

/// Question indices depth first from the start in option order, then any not reachable.
fn map_order(pack: &Pack) -> Vec<usize> {
    let mut seen = vec![false; pack.questions().len()];
    let mut order = Vec::with_capacity(seen.len());
    let mut stack = vec![pack.start()];
    while let Some(q) = stack.pop() {
        if std::mem::replace(&mut seen[q], true) {
            continue;
        }
        order.push(q);
        for o in (0..pack.question(q).options.len()).rev() {
            if let Node::Question(next) = pack.target(q, o)
                && !seen[next]
            {
                stack.push(next);
            }
        }
    }
    order.extend((0..seen.len()).filter(|&q| !seen[q]));
    order
}

/// The notice for a paste anywhere but the export dialog's file name.
pub const PASTE_IGNORED: &str = "Paste ignored: pasting only fills in the export file name.";

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};

    use super::*;
    use crate::pack::FileSet;

    /// A bundled pack's tree and fact patterns are built on first use: the start screen, drawn
    /// and settled as the run loop draws it, shows the header and the fact patterns' titles
    /// without them; the first walk builds the tree.
    #[test]
    fn the_start_screen_is_drawn_without_building_a_deferred_tree() {
        let pack_json = serde_json::json!({
            "id": "lazy", "title": "Lazy pack", "version": "1", "law_checked": "2026-01-01",
            "description": "What it covers.", "disclaimer": "Not advice.", "start": "q",
            "outcomes": [{"id": "o", "label": "O"}], "sources": [],
            "questions": [{"id": "q", "prompt": "Which way?", "why": "w", "options": [
                {"id": "a", "label": "Left", "next": "end"}]}],
            "conclusions": [{"id": "end", "outcome": "o", "title": "t", "summary": "s",
                             "reasoning": "r", "authorities": []}],
        });
        // The start screen lists a fact pattern by its title; the rest of it is never read
        // there (nor here, where it is not a whole fact pattern).
        let cases_json = serde_json::json!({"cases": [{"id": "c", "title": "The lazy case"}]});
        let files = FileSet::new(
            "lazy",
            [
                ("pack.json".to_owned(), pack_json.to_string()),
                ("cases.json".to_owned(), cases_json.to_string()),
            ]
            .into(),
        );
        let pack =
            crate::pack::trusted::load_verified(files, "hash", None).expect("the header parses");
        let mut app = App::new(&pack, Theme::new(false), PathBuf::new());
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        app.size = Rect::new(0, 0, 120, 40);
        crate::tui::draw(&mut terminal, &mut app).unwrap();
        let screen = format!("{:?}", terminal.backend().buffer());
        assert!(screen.contains("Lazy pack"), "{screen}");
        assert!(screen.contains("Walk the tree freely"), "{screen}");
        assert!(screen.contains("Fact pattern: The lazy case"), "{screen}");
        assert!(!pack.tree_is_built(), "the start screen built the tree");
        assert!(
            !pack.cases_are_built(),
            "the start screen parsed the fact patterns"
        );
        crate::tui::handle(&mut app, Event::Key(KeyEvent::from(KeyCode::Enter)));
        crate::tui::draw(&mut terminal, &mut app).unwrap();
        assert!(pack.tree_is_built());
        let screen = format!("{:?}", terminal.backend().buffer());
        assert!(screen.contains("Which way?"), "{screen}");
    }
}
