//! The application state, the messages that change it, and `update`: The Elm Architecture's
//! model and update halves. Nothing here draws or touches the terminal. What only the outside
//! can do (write an export, quit, suspend) is returned as an [`Effect`] for the run loop.
//!
//! Scrolling and clicks need to know what the screen holds: `update` asks the same pure
//! function the view draws with ([`view::plan`]) rather than reading back what a frame wrote.

mod matter;

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};

use super::export_dialog::{ExportDialog, ExportFormat, Stage};
use super::form::Form;
use super::keymap::{self, Action, Context};
use super::matter::{Leave, MatterState};
use super::start_menu::StartFilter;
use super::theme::Theme;
use super::view::{self, Plan};
use crate::engine::Session;
use crate::pack::{Node, Pack};
use crate::report::{Report, ReportContext, WhatThisDecides, render};
use crate::text::sanitize_line;

/// The scrollable panels, by index into [`App::scroll`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The list: a question and its answers, or the start screen's entries.
    List = 0,
    /// The highlighted answer's note and authorities (in a fact pattern: the last answer's).
    Answer = 1,
    /// Why the question is asked.
    Why = 2,
    /// The verbatim excerpts.
    Excerpt = 3,
    /// The fact pattern being worked.
    Facts = 4,
    /// The conclusion screen's body.
    Conclusion = 5,
    /// Whichever text overlay is open (help).
    Overlay = 6,
    /// The start screen's introduction.
    Intro = 7,
    /// What the current question decides: the conclusions each answer keeps open.
    Decides = 8,
}

/// Number of [`Panel`]s.
pub const PANELS: usize = 9;

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

/// Where a screen cell leads when clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// An answer of the current question.
    Option(usize),
    /// An entry of the start screen.
    StartEntry(usize),
    /// A scrollable panel (the wheel scrolls it; a click focuses it).
    Panel(Panel),
    /// A tab of the narrow layout's detail area: shows that panel (and that excerpt).
    Tab(Panel, usize),
    /// A breadcrumb: the question answered at this step.
    Crumb(usize),
    /// A screening on the matter screen.
    Screening(usize),
}

/// The whole state of the TUI.
#[derive(Debug)]
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
    /// Question indices in map order: depth first from the start, in option order.
    pub map_order: Vec<usize>,
    /// Each question's position in `map_order` (its number in the map is this plus one).
    pub map_number: Vec<usize>,
    /// The matter open (`--matter`), if any.
    pub matter: Option<MatterState>,
    /// What the current question decides, computed once on arrival (a linear search, so not
    /// once per frame); `None` at a conclusion, and in a fact pattern until it is revealed.
    pub decides: Option<WhatThisDecides>,
    /// The fact pattern's walk has reached a conclusion, so the court's result is shown:
    /// from then on "what this decides" may show at its questions without giving it away.
    pub revealed: bool,
}

impl<'p> App<'p> {
    /// A new app on the start screen, laid out for 80×24 until told the terminal's size.
    pub fn new(pack: &'p Pack, theme: Theme, cwd: PathBuf) -> Self {
        let map_order = map_order(pack);
        let mut map_number = vec![0; map_order.len()];
        for (i, &q) in map_order.iter().enumerate() {
            map_number[q] = i;
        }
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
            map_order,
            map_number,
            matter: None,
            decides: None,
            revealed: false,
        }
    }

    /// An app on the matter screen of `matter`. A matter still to be created opens on the
    /// form asking for its caption; one whose saved answers do not all fit this pack opens
    /// with the report of which do not.
    pub fn with_matter(pack: &'p Pack, theme: Theme, cwd: PathBuf, matter: MatterState) -> Self {
        let mut app = Self::new(pack, theme, cwd);
        let creating = matter.open.is_none();
        let misfits = !matter.fit_report.is_empty();
        app.matter = Some(matter);
        app.screen = Screen::Matter;
        if creating {
            app.overlay = Some(Overlay::Form(Box::new(matter::caption_form(
                app.matter.as_ref().map(|m| m.path.as_path()),
            ))));
        } else if misfits {
            app.overlay = Some(Overlay::Fit);
        }
        app
    }

    /// Starts a walk at once: free (`None`) or on the fact pattern with this id. An unknown id
    /// is an error naming the pack's fact patterns.
    pub fn start_walk(&mut self, case: Option<&str>) -> Result<(), String> {
        let index = match case {
            None => None,
            Some(id) => Some(
                self.pack
                    .cases()
                    .iter()
                    .position(|c| c.id == id)
                    .ok_or_else(|| {
                        let ids: Vec<String> = self
                            .pack
                            .cases()
                            .iter()
                            .map(|c| sanitize_line(&c.id))
                            .collect();
                        format!(
                            "the pack has no fact pattern {:?}; its fact patterns are: {}",
                            sanitize_line(id),
                            if ids.is_empty() {
                                "(none)".to_owned()
                            } else {
                                ids.join(", ")
                            }
                        )
                    })?,
            ),
        };
        self.begin(index);
        self.settle();
        Ok(())
    }

    /// True while the terminal is below the smallest layout: only quitting works then.
    pub fn too_small(&self) -> bool {
        view::too_small(self.size)
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

    /// Applies one message ([`update`]), then settles scrolling against the layout. Returns
    /// what the run loop must do.
    pub fn dispatch(&mut self, message: Message) -> Option<Effect> {
        // The answer to a save is not itself a change: after a failed save, the next key
        // tries again (rather than this loop retrying forever).
        let save_answer = matches!(message, Message::Saved { .. } | Message::SaveFailed(_));
        let mut effect = update(self, message);
        // In a matter, whatever changed the walk's answers is saved before anything else.
        if effect.is_none() && !save_answer {
            effect = self.walk_save();
        }
        self.settle();
        effect
    }

    /// The layout of the current state at the current size (what the next frame will draw).
    pub fn plan(&self) -> Plan {
        view::plan(self, self.size)
    }

    /// Stores the scroll offsets the layout settled on (so a list scrolls only as far as
    /// needed to keep the highlight in view, and offsets never pass the end).
    fn settle(&mut self) {
        if self.too_small() {
            return;
        }
        let plan = self.plan();
        for (stored, drawn) in self.scroll.iter_mut().zip(plan.offset) {
            if let Some(offset) = drawn {
                *stored = offset;
            }
        }
        if let Some(Overlay::Map { top, .. } | Overlay::Review { top, .. }) = &mut self.overlay {
            *top = plan.list_top;
        }
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

    /// Opens the what-if overlay on the first other answer at step `step` (or the nearest
    /// step before it that has one). In a fact pattern only at the conclusion: before it, the
    /// delta would show where the court's path goes.
    fn open_what_if(&mut self, step: usize) {
        if self.case.is_some() && !self.session.is_finished() {
            self.status =
                Some("In a fact pattern, what if opens once you reach the conclusion.".to_owned());
            return;
        }
        let choices = self.what_if_choices();
        if choices.is_empty() {
            self.status =
                Some("What if needs an answered question with another answer.".to_owned());
            return;
        }
        let selected = choices
            .iter()
            .position(|&(s, _)| s == step)
            .or_else(|| choices.iter().rposition(|&(s, _)| s < step))
            .unwrap_or(0);
        self.scroll[Panel::Overlay as usize] = 0;
        self.overlay = Some(Overlay::WhatIf { selected });
    }

    /// Applies a what-if: the answer at `step` becomes `option`, later answers kept wherever
    /// the new path passes their questions (exactly what the overlay showed).
    fn apply_what_if(&mut self, step: usize, option: usize) {
        if self.session.revise(step, option).is_ok() {
            self.revising = false;
            self.exported = false;
            self.overlay = None;
            self.arrive();
        }
    }

    /// The case being worked, if any.
    pub fn current_case(&self) -> Option<&'p crate::pack::Case> {
        self.case.and_then(|i| self.pack.cases().get(i))
    }

    pub(super) fn begin(&mut self, case: Option<usize>) {
        self.case = case;
        self.revealed = false;
        self.session.restart();
        self.screen = Screen::Walk;
        self.exported = false;
        self.revising = false;
        self.status = None;
        self.overlay = None;
        self.arrive();
    }

    /// Resets per-node view state after the session moved.
    fn arrive(&mut self) {
        self.highlight = self
            .session
            .current_question()
            .and_then(|q| self.session.remembered(q))
            .unwrap_or(0);
        self.focus = if self.session.is_finished() {
            Panel::Conclusion
        } else {
            Panel::List
        };
        self.excerpt = 0;
        self.scroll = [0; PANELS];
        self.report = Report::build(
            &self.session,
            &ReportContext::now(env!("CARGO_PKG_VERSION")),
            self.current_case(),
        );
        self.revealed |= self.case.is_some() && self.session.is_finished();
        self.decides = self
            .session
            .current_question()
            .filter(|_| self.case.is_none() || self.revealed)
            .map(|q| WhatThisDecides::build(self.pack, q));
    }

    fn answer(&mut self, option: usize) {
        if self.session.answer(option).is_err() {
            return;
        }
        if self.revising {
            self.session.replay();
            self.revising = false;
        }
        self.exported = false;
        self.arrive();
    }

    fn back(&mut self) -> Option<Effect> {
        self.revising = false;
        if self.session.back() {
            self.exported = false;
            self.arrive();
        } else if self.matter.is_some() {
            return self.leave(Leave::Screenings);
        } else {
            self.screen = Screen::Start;
        }
        None
    }

    fn go_to_step(&mut self, step: usize) {
        if self.session.jump_to(step).is_ok() {
            self.revising = true;
            self.exported = false;
            self.overlay = None;
            self.arrive();
        }
    }

    fn request_quit(&mut self) -> Option<Effect> {
        let asking = matches!(self.overlay, Some(Overlay::Confirm(Confirm::Quit)));
        // A matter is saved at every change: quitting loses nothing (what a failed save left
        // unsaved is saved first, or the user asked).
        if self.matter.is_some() && !asking {
            return self.leave(Leave::Quit);
        }
        if asking || !self.session.is_finished() || self.exported || self.screen == Screen::Start {
            Some(Effect::Quit)
        } else {
            self.overlay = Some(Overlay::Confirm(Confirm::Quit));
            None
        }
    }

    /// Scrolls a text panel by `lines`, clamped to what it holds at this size.
    fn scroll_by(&mut self, panel: Panel, lines: isize) {
        let max = self.plan().max_scroll[panel as usize];
        let now = self.scroll[panel as usize].min(max);
        self.scroll[panel as usize] = now.saturating_add_signed(lines).min(max);
    }

    /// Scrolls a text panel to its top or its bottom.
    fn scroll_to_end(&mut self, panel: Panel, bottom: bool) {
        self.scroll[panel as usize] = if bottom {
            self.plan().max_scroll[panel as usize]
        } else {
            0
        };
    }

    /// A page of `panel`: its visible lines less one, so one line of context stays.
    fn page(&self, panel: Panel) -> isize {
        let rows = self.plan().viewport[panel as usize];
        isize::try_from(usize::from(rows).saturating_sub(1).max(1)).unwrap_or(1)
    }

    /// The text panel ↑/↓ and PgUp/PgDn scroll here (`None` on the answer list).
    fn scroll_target(&self) -> Option<Panel> {
        match (&self.overlay, self.screen, self.session.is_finished()) {
            (Some(Overlay::Help | Overlay::Fit), _, _) => Some(Panel::Overlay),
            (Some(_), _, _) | (None, Screen::Matter, _) => None,
            (None, Screen::Start, _) => Some(Panel::Intro),
            (None, Screen::Walk, true) => Some(Panel::Conclusion),
            (None, Screen::Walk, false) if self.focus == Panel::List => None,
            (None, Screen::Walk, false) => Some(self.focus),
        }
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

    /// The panels Tab cycles through on the current question, with the excerpt each shows.
    fn panel_cycle(&self) -> Vec<(Panel, usize)> {
        let Some(q) = self.session.current_question() else {
            return Vec::new();
        };
        let mut cycle = vec![(Panel::List, 0), (Panel::Answer, 0), (Panel::Why, 0)];
        let excerpts = self.pack.question(q).excerpts.len();
        cycle.extend((0..excerpts.max(1)).map(|e| (Panel::Excerpt, e)));
        cycle.push((Panel::Decides, 0));
        if self.case.is_some() {
            cycle.push((Panel::Facts, 0));
        }
        cycle
    }

    /// Moves the focus forward or back through the panels (each excerpt is a stop).
    fn cycle_panel(&mut self, forward: bool) {
        let cycle = self.panel_cycle();
        if cycle.is_empty() {
            return;
        }
        let here = cycle
            .iter()
            .position(|&(p, e)| p == self.focus && (p != Panel::Excerpt || e == self.excerpt))
            .unwrap_or(0);
        let next = if forward {
            (here + 1) % cycle.len()
        } else {
            (here + cycle.len() - 1) % cycle.len()
        };
        self.show_panel(cycle[next].0, cycle[next].1);
    }

    fn show_panel(&mut self, panel: Panel, excerpt: usize) {
        if panel == Panel::Excerpt && excerpt != self.excerpt {
            self.scroll[Panel::Excerpt as usize] = 0;
            self.excerpt = excerpt;
        }
        self.focus = panel;
    }

    /// Starts an export of the reached conclusion with the dialog's current choices.
    fn export_effect(&mut self, force: bool) -> Option<Effect> {
        let Some(Overlay::Export(dialog)) = &mut self.overlay else {
            return None;
        };
        let Some(path) = dialog.resolved_path(&self.cwd) else {
            dialog.error = Some("type a file name to export to".to_owned());
            return None;
        };
        // The export carries the time it was written, not the time the conclusion was reached.
        let context = ReportContext::now(env!("CARGO_PKG_VERSION"));
        let format = match dialog.selected_format() {
            ExportFormat::Report(format) => format,
            ExportFormat::Memo(format) => {
                let Some(file) = self.matter.as_ref().and_then(MatterState::file) else {
                    dialog.error = Some("the matter has not been created yet".to_owned());
                    return None;
                };
                // The matter itself is never the memo's file; another matter open elsewhere
                // (locked) is refused too. Overwriting any other file is confirmed as usual.
                if let Some(matter) = self.matter.as_ref()
                    && let Err(reason) =
                        crate::matter::memo::guard_output(&matter.path, &path, true)
                {
                    dialog.error = Some(sanitize_line(&reason));
                    return None;
                }
                let memo = crate::matter::memo::Memo::build(file, self.pack, &context);
                return match memo.render_with_warning(format, crate::matter::memo::Appendix::Full) {
                    Ok((contents, warning)) => {
                        dialog.warning = warning;
                        Some(Effect::Write {
                            path,
                            contents,
                            force,
                        })
                    }
                    Err(reason) => {
                        dialog.error = Some(sanitize_line(&reason));
                        None
                    }
                };
            }
        };
        let case = self.case.and_then(|i| self.pack.cases().get(i));
        let Some(report) = Report::build(&self.session, &context, case) else {
            dialog.error = Some("there is no conclusion to export yet".to_owned());
            return None;
        };
        let contents = render(&report, format).into_bytes();
        Some(Effect::Write {
            path,
            contents,
            force,
        })
    }

    /// Opens the export dialog with a default name that says what the file is and names no
    /// existing file.
    fn open_export(&mut self) {
        if let Some(matter) = &self.matter {
            let date = chrono::Local::now().format("%Y-%m-%d");
            let stem = format!("{}-memo-{date}", matter.caption().replace(' ', "-"));
            self.overlay = Some(Overlay::Export(Box::new(ExportDialog::memo(
                &stem,
                self.cwd.clone(),
            ))));
            return;
        }
        let Some(report) = &self.report else {
            return;
        };
        let subject = self
            .current_case()
            .map_or_else(|| self.pack.id().to_owned(), |c| c.id.to_string());
        // The local date, as the report's own time is local.
        let date = chrono::Local::now().format("%Y-%m-%d");
        let stem = format!("{subject}-{}-{date}", report.conclusion.id);
        self.overlay = Some(Overlay::Export(Box::new(ExportDialog::new(
            &stem,
            self.cwd.clone(),
        ))));
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

/// A file written: the export dialog closes and the status says where, with any warning.
fn on_written(app: &mut App<'_>, path: &std::path::Path) {
    let (format, what, warning) = match &app.overlay {
        Some(Overlay::Export(d)) => (
            d.format_name(),
            if d.is_memo() { " memo" } else { "" },
            d.warning.clone(),
        ),
        _ => ("report", "", None),
    };
    app.overlay = None;
    app.exported = true;
    let mut status = format!(
        "Exported the {format}{what} to {}",
        sanitize_line(&path.display().to_string())
    );
    if let Some(w) = warning {
        status.push_str("; warning: ");
        status.push_str(&sanitize_line(&w));
    }
    app.status = Some(status);
}

/// The Elm update: applies one message. Returns what only the outside can do.
pub fn update(app: &mut App<'_>, message: Message) -> Option<Effect> {
    match message {
        Message::Resize { width, height } => {
            app.size = Rect::new(0, 0, width, height);
            None
        }
        // While the terminal is too small nothing shown can be acted on: only quitting (and
        // answering the quit question it may raise) works.
        Message::Action(action) if app.too_small() => match action {
            Action::Quit => app.request_quit(),
            Action::Suspend => Some(Effect::Suspend),
            Action::Yes if matches!(app.overlay, Some(Overlay::Confirm(Confirm::Quit))) => {
                Some(Effect::Quit)
            }
            Action::No if matches!(app.overlay, Some(Overlay::Confirm(Confirm::Quit))) => {
                app.overlay = None;
                None
            }
            Action::Yes | Action::No
                if matches!(app.overlay, Some(Overlay::Confirm(Confirm::Discard(_)))) =>
            {
                app.on_discard(action)
            }
            _ => None,
        },
        Message::Input(_) | Message::Paste(_) | Message::Click { .. } | Message::Wheel { .. }
            if app.too_small() =>
        {
            None
        }
        Message::Action(action) => {
            // A message such as "Exported …" answers the last key; the next one clears it.
            app.status = None;
            on_action(app, action)
        }
        Message::Input(key) => {
            if app.context() == Context::Filter {
                app.filter_input(key);
            } else {
                match &mut app.overlay {
                    Some(Overlay::Export(dialog)) => dialog.input(key),
                    Some(Overlay::Form(form)) => form.input(key),
                    _ => {}
                }
            }
            None
        }
        Message::Paste(text) => {
            let filtering = app.context() == Context::Filter;
            match &mut app.overlay {
                Some(Overlay::Export(dialog)) if dialog.stage == Stage::Editing => {
                    dialog.paste(&text);
                }
                Some(Overlay::Form(form)) => form.paste(&text),
                None if filtering => app.filter_paste(&text),
                _ => app.status = Some(PASTE_IGNORED.to_owned()),
            }
            None
        }
        Message::Click { column, row } => {
            app.status = None;
            on_click(app, column, row)
        }
        Message::Wheel { column, row, down } => {
            on_wheel(app, column, row, down);
            None
        }
        Message::Written(path) => {
            on_written(app, &path);
            None
        }
        Message::Saved { what, at } => app.on_saved(&what, &at),
        Message::SaveFailed(reason) => app.on_save_failed(&reason),
        Message::Exists(path) => {
            if let Some(Overlay::Export(dialog)) = &mut app.overlay {
                dialog.stage = Stage::ConfirmOverwrite(path);
            }
            None
        }
        Message::QuizEnded(notice) => {
            app.screen = Screen::Start;
            app.overlay = None;
            app.status = Some(sanitize_line(&notice));
            None
        }
        Message::WriteFailed(reason) => {
            if let Some(Overlay::Export(dialog)) = &mut app.overlay {
                dialog.stage = Stage::Editing;
                dialog.error = Some(reason);
            }
            None
        }
    }
}

/// What was drawn at a cell, topmost first.
fn hit_at(plan: &Plan, column: u16, row: u16) -> Option<Hit> {
    plan.hits
        .iter()
        .rev()
        .find(|(rect, _)| rect.contains(Position::new(column, row)))
        .map(|(_, hit)| *hit)
}

fn on_wheel(app: &mut App<'_>, column: u16, row: u16, down: bool) {
    let lines = if down { 3 } else { -3 };
    match &app.overlay {
        Some(Overlay::Help | Overlay::Fit) => app.scroll_by(Panel::Overlay, lines),
        Some(Overlay::Map { .. } | Overlay::Review { .. }) => {
            on_action(app, if down { Action::Down } else { Action::Up });
        }
        Some(_) => {}
        // On the matter screen the wheel moves through the screenings.
        None if app.screen == Screen::Matter => {
            let _ = app.on_matter(if down { Action::Down } else { Action::Up });
        }
        None => {
            let plan = app.plan();
            match hit_at(&plan, column, row) {
                Some(Hit::Panel(Panel::List) | Hit::Option(_) | Hit::StartEntry(_)) => {
                    app.scroll_by(Panel::List, lines);
                }
                Some(Hit::Panel(p)) => app.scroll_by(p, lines),
                _ => {
                    if let Some(p) = app.scroll_target() {
                        app.scroll_by(p, lines);
                    }
                }
            }
        }
    }
}

/// A click highlights an answer; a click on the highlighted answer chooses it. A click on a
/// breadcrumb goes back to that question; on a panel or tab, focuses it.
fn on_click(app: &mut App<'_>, column: u16, row: u16) -> Option<Effect> {
    if app.overlay.is_some() {
        return None;
    }
    let plan = app.plan();
    match (app.screen_context(), hit_at(&plan, column, row)) {
        (Context::Question, Some(Hit::Option(i))) => {
            if app.highlight == i {
                app.answer(i);
            } else {
                app.highlight = i;
                app.focus = Panel::List;
            }
        }
        (Context::Start | Context::Filter, Some(Hit::StartEntry(i))) => {
            if app.start_selected == i {
                return app.take_entry(i);
            }
            app.start_selected = i;
        }
        (Context::Question | Context::Conclusion, Some(Hit::Crumb(step)))
            if step < app.session.history().len() =>
        {
            app.go_to_step(step);
        }
        (Context::Matter, Some(Hit::Screening(i))) => app.click_screening(i),
        (Context::Question, Some(Hit::Tab(panel, excerpt))) => app.show_panel(panel, excerpt),
        (Context::Question, Some(Hit::Panel(p))) if p != Panel::Conclusion => {
            let excerpt = app.excerpt;
            app.show_panel(p, excerpt);
        }
        _ => {}
    }
    None
}

fn on_action(app: &mut App<'_>, action: Action) -> Option<Effect> {
    if action == Action::Suspend {
        return Some(Effect::Suspend);
    }
    if action == Action::Quit {
        return app.request_quit();
    }
    match app.context() {
        Context::Start => on_start(app, action),
        Context::Matter => app.on_matter(action),
        Context::Form => app.on_form(action),
        Context::Delete if matches!(app.overlay, Some(Overlay::Confirm(Confirm::Discard(_)))) => {
            app.on_discard(action)
        }
        Context::Delete => app.on_delete(action),
        Context::Filter => app.on_filter_action(action),
        Context::Question => on_question(app, action),
        Context::Conclusion => on_conclusion(app, action),
        Context::Help => {
            on_help(app, action);
            None
        }
        Context::Map | Context::Review => {
            on_list_overlay(app, action);
            None
        }
        Context::WhatIf => {
            on_what_if(app, action);
            None
        }
        Context::Export => on_export(app, action),
        Context::Confirm | Context::Overwrite => on_confirm(app, action),
    }
}

/// Scrolling keys on a text panel: ↑/↓ a line, PgUp/PgDn a page, Home/End the ends. True if
/// `action` was one of them.
fn scroll_text(app: &mut App<'_>, panel: Panel, action: Action) -> bool {
    match action {
        Action::Up => app.scroll_by(panel, -1),
        Action::Down => app.scroll_by(panel, 1),
        Action::ScrollUp => app.scroll_by(panel, -app.page(panel)),
        Action::ScrollDown => app.scroll_by(panel, app.page(panel)),
        Action::First => app.scroll_to_end(panel, false),
        Action::Last => app.scroll_to_end(panel, true),
        _ => return false,
    }
    true
}

/// A new position in a list of `count` items for a movement key; `page` items per page.
/// ↑/↓ wrap around; the others stop at the ends.
fn moved(selected: usize, count: usize, page: usize, action: Action) -> usize {
    let last = count.saturating_sub(1);
    match action {
        Action::Up => selected.checked_sub(1).unwrap_or(last),
        Action::Down if selected >= last => 0,
        Action::Down => selected + 1,
        Action::ScrollUp => selected.saturating_sub(page.max(1)),
        Action::ScrollDown => (selected + page.max(1)).min(last),
        Action::First => 0,
        Action::Last => last,
        _ => selected,
    }
}

fn is_move(action: Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::ScrollUp
            | Action::ScrollDown
            | Action::First
            | Action::Last
    )
}

fn open(app: &mut App<'_>, overlay: Overlay) {
    app.scroll[Panel::Overlay as usize] = 0;
    app.overlay = Some(overlay);
}

fn on_help(app: &mut App<'_>, action: Action) {
    if !scroll_text(app, Panel::Overlay, action) && action == Action::Close {
        app.overlay = None;
    }
}

fn on_start(app: &mut App<'_>, action: Action) -> Option<Effect> {
    let entries = app.visible_entries().len();
    match action {
        Action::Up | Action::Down | Action::First | Action::Last => {
            app.start_selected = moved(app.start_selected, entries, 1, action);
        }
        Action::ScrollUp | Action::ScrollDown => {
            scroll_text(app, Panel::Intro, action);
        }
        Action::Help => open(app, Overlay::Help),
        other => return app.on_start_action(other),
    }
    None
}

/// Keys shared by the question and conclusion screens.
fn on_walk_common(app: &mut App<'_>, action: Action) -> Option<Effect> {
    match action {
        Action::Back => return app.back(),
        Action::Help => open(app, Overlay::Help),
        Action::Map => {
            let selected = app
                .session
                .current_question()
                .map_or(0, |q| app.map_number[q]);
            open(app, Overlay::Map { selected, top: 0 });
        }
        Action::Review => {
            let selected = app.session.history().len().saturating_sub(1);
            open(app, Overlay::Review { selected, top: 0 });
        }
        Action::Restart => open(app, Overlay::Confirm(Confirm::Restart)),
        Action::Note => app.open_note(),
        Action::Certainty => return app.cycle_certainty(),
        Action::Screenings => return app.leave(Leave::Screenings),
        _ => {}
    }
    None
}

fn on_question(app: &mut App<'_>, action: Action) -> Option<Effect> {
    let q = app.session.current_question()?;
    let options = app.pack.question(q).options.len();
    match action {
        _ if is_move(action) => {
            if let Some(panel) = app.scroll_target() {
                scroll_text(app, panel, action);
            } else {
                app.highlight = moved(app.highlight, options, options, action);
                app.scroll[Panel::Answer as usize] = 0;
            }
        }
        Action::Select(n) if (1..=options).contains(&n) => {
            app.highlight = n - 1;
            app.answer(n - 1);
        }
        Action::Choose => app.answer(app.highlight),
        Action::NextPanel => app.cycle_panel(true),
        Action::PrevPanel => app.cycle_panel(false),
        other => return on_walk_common(app, other),
    }
    None
}

fn on_what_if(app: &mut App<'_>, action: Action) {
    let Some(Overlay::WhatIf { selected }) = app.overlay else {
        return;
    };
    let choices = app.what_if_choices();
    match action {
        Action::Up | Action::Down | Action::First | Action::Last => {
            let next = moved(selected, choices.len(), 1, action);
            app.overlay = Some(Overlay::WhatIf { selected: next });
            // From the top, the view scrolls just far enough to show the new choice: a delta
            // taller than the panel opens at its first line, not where the last one was left.
            app.scroll[Panel::Overlay as usize] = 0;
        }
        Action::ScrollUp | Action::ScrollDown => {
            scroll_text(app, Panel::Overlay, action);
        }
        Action::Choose => {
            if let Some(&(step, option)) = choices.get(selected) {
                app.apply_what_if(step, option);
            }
        }
        Action::Close => app.overlay = None,
        _ => {}
    }
}

fn on_conclusion(app: &mut App<'_>, action: Action) -> Option<Effect> {
    if action == Action::Export {
        app.open_export();
    } else if action == Action::WhatIf {
        let last = app.session.history().len().saturating_sub(1);
        app.open_what_if(last);
    } else if !scroll_text(app, Panel::Conclusion, action) {
        return on_walk_common(app, action);
    }
    None
}

fn on_list_overlay(app: &mut App<'_>, action: Action) {
    let page = app.plan().list_page;
    let count = match &app.overlay {
        Some(Overlay::Map { .. }) => app.map_order.len(),
        _ => app.session.history().len(),
    };
    let chosen = match &mut app.overlay {
        Some(Overlay::Map { selected, .. } | Overlay::Review { selected, .. }) => {
            if is_move(action) {
                *selected = moved(*selected, count, page, action);
                return;
            }
            *selected
        }
        _ => return,
    };
    match (action, &app.overlay) {
        (Action::Close, _) => app.overlay = None,
        (Action::Help, _) => open(app, Overlay::Help),
        (Action::WhatIf, Some(Overlay::Review { .. })) => app.open_what_if(chosen),
        (Action::Choose, Some(Overlay::Map { .. })) => {
            let q = app.map_order.get(chosen).copied();
            let step = q.and_then(|q| app.session.history().iter().position(|s| s.question == q));
            match (step, q) {
                (Some(step), _) => app.go_to_step(step),
                (None, Some(q)) if app.session.current_question() == Some(q) => app.overlay = None,
                _ => app.status = Some("Only questions on your path can be jumped to.".to_owned()),
            }
        }
        (Action::Choose, Some(Overlay::Review { .. })) if count > 0 => app.go_to_step(chosen),
        _ => {}
    }
}

fn on_export(app: &mut App<'_>, action: Action) -> Option<Effect> {
    let Some(Overlay::Export(dialog)) = &mut app.overlay else {
        return None;
    };
    match action {
        Action::Close => app.overlay = None,
        Action::Up | Action::Down => dialog.cycle_format(action == Action::Down),
        Action::ClearField => dialog.clear(),
        Action::Choose => return app.export_effect(false),
        _ => {}
    }
    None
}

fn on_confirm(app: &mut App<'_>, action: Action) -> Option<Effect> {
    match (&mut app.overlay, action) {
        (Some(Overlay::Export(_)), Action::Yes) => return app.export_effect(true),
        (Some(Overlay::Export(dialog)), Action::No) => dialog.stage = Stage::Editing,
        (Some(Overlay::Confirm(Confirm::NoteOnLast)), Action::Yes) => {
            app.overlay = None;
            app.open_note_on(app.last_answer_target());
            return None;
        }
        (Some(Overlay::Confirm(Confirm::Restart)), Action::Yes) => {
            app.overlay = None;
            if app.matter.is_some() {
                // In a matter, restart means what it means everywhere: back to the first
                // question, every answer (with its notes) kept.
                crate::matter::screening::restart(&mut app.session);
            } else {
                app.session.restart();
                app.screen = Screen::Start;
            }
            app.exported = false;
            app.arrive();
        }
        (Some(Overlay::Confirm(Confirm::Quit)), Action::Yes) => return Some(Effect::Quit),
        (Some(Overlay::Confirm(_)), Action::No) => app.overlay = None,
        _ => {}
    }
    None
}
