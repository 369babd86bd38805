//! The application state, the messages that change it, and `update`: The Elm Architecture's
//! model and update halves. Nothing here draws or touches the terminal; the one side effect
//! (writing an export) is returned as an [`Effect`] and performed by [`App::dispatch`].

use std::cell::RefCell;
use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};

use super::export_dialog::{ExportDialog, FORMATS, Stage};
use super::keymap::{self, Action, Context};
use super::theme::Theme;
use crate::engine::Session;
use crate::export::{ExportError, write_atomic};
use crate::pack::{Node, Pack};
use crate::report::{Format, Report, ReportContext, render};
use crate::text::sanitize_line;

/// The scrollable panels, by index into [`App::scroll`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The highlighted answer's note and authorities.
    Answer = 0,
    /// Why the question is asked.
    Why = 1,
    /// The verbatim excerpts.
    Excerpt = 2,
    /// The fact pattern being worked.
    Facts = 3,
    /// The conclusion screen's body.
    Conclusion = 4,
    /// Whichever overlay is open (help, map, review).
    Overlay = 5,
}

/// Number of [`Panel`]s.
pub const PANELS: usize = 6;

/// The screen under any overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Choose a free walk or a fact pattern.
    Start,
    /// Walking the tree: a question, or the conclusion once reached.
    Walk,
}

/// What a confirmation asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Start again, forgetting every answer.
    Restart,
    /// Quit although the reached conclusion was not exported.
    Quit,
}

/// Something drawn over the screen.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The key help.
    Help,
    /// The whole tree as an outline; `selected` indexes [`App::map_order`].
    Map {
        /// Highlighted question.
        selected: usize,
    },
    /// Every answer so far; `selected` is a step of the path.
    Review {
        /// Highlighted step.
        selected: usize,
    },
    /// The export dialog.
    Export(Box<ExportDialog>),
    /// A yes/no question.
    Confirm(Confirm),
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
    /// The terminal changed size: nothing to change but the next frame.
    Resize,
    /// The export was written to this path.
    Written(PathBuf),
    /// The export's path exists already.
    Exists(PathBuf),
    /// The export failed; the reason in words.
    WriteFailed(String),
}

/// What `update` asks the run loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Leave, restoring the terminal.
    Quit,
    /// Ctrl-Z: restore the terminal, stop, and redraw on resume.
    Suspend,
    /// Write an export file.
    Write {
        /// Where.
        path: PathBuf,
        /// What.
        contents: String,
        /// Overwrite an existing file.
        force: bool,
    },
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
}

/// What the last frame drew, kept so that update can clamp scrolling and map clicks. Written by
/// `view` (which otherwise only reads the app).
#[derive(Debug, Clone, Default)]
pub struct Drawn {
    /// Clickable areas, last drawn on top.
    pub hits: Vec<(Rect, Hit)>,
    /// Visible lines of each panel.
    pub viewport: [u16; PANELS],
    /// Largest useful scroll offset of each panel.
    pub max_scroll: [u16; PANELS],
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
    /// Start screen or walking.
    pub screen: Screen,
    /// Highlighted start-screen entry: 0 = free walk, 1.. = fact patterns.
    pub start_selected: usize,
    /// The fact pattern being worked (index into `pack.cases()`).
    pub case: Option<usize>,
    /// Highlighted answer of the current question.
    pub highlight: usize,
    /// The panel Tab and PgUp/PgDn act on.
    pub focus: Panel,
    /// The excerpt shown (index into the question's excerpts).
    pub excerpt: usize,
    /// Scroll offset of each panel.
    pub scroll: [u16; PANELS],
    /// What is drawn over the screen.
    pub overlay: Option<Overlay>,
    /// The current question was reached from the map or review: answering it keeps later
    /// answers where the path still passes through them.
    pub revising: bool,
    /// The reached conclusion has been exported since it was last reached.
    pub exported: bool,
    /// A one-line message for the footer (already sanitised).
    pub status: Option<String>,
    /// Folder that relative export paths are resolved against.
    pub cwd: PathBuf,
    /// Question indices in map order: depth first from the start, in option order.
    pub map_order: Vec<usize>,
    /// Filled in by each frame.
    pub drawn: RefCell<Drawn>,
}

impl<'p> App<'p> {
    /// A new app on the start screen.
    pub fn new(pack: &'p Pack, theme: Theme, cwd: PathBuf) -> Self {
        Self {
            pack,
            session: Session::new(pack),
            theme,
            screen: Screen::Start,
            start_selected: 0,
            case: None,
            highlight: 0,
            focus: Panel::Answer,
            excerpt: 0,
            scroll: [0; PANELS],
            overlay: None,
            revising: false,
            exported: false,
            status: None,
            cwd,
            map_order: map_order(pack),
            drawn: RefCell::new(Drawn::default()),
        }
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
        Ok(())
    }

    /// Where the keymap should look: the overlay's context, else the screen's.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help) => Context::Help,
            Some(Overlay::Map { .. }) => Context::Map,
            Some(Overlay::Review { .. }) => Context::Review,
            Some(Overlay::Export(d)) if matches!(d.stage, Stage::ConfirmOverwrite(_)) => {
                Context::Confirm
            }
            Some(Overlay::Export(_)) => Context::Export,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            None => self.screen_context(),
        }
    }

    /// The context of the screen under any overlay (what the help overlay describes).
    pub fn screen_context(&self) -> Context {
        match self.screen {
            Screen::Start => Context::Start,
            Screen::Walk if self.session.is_finished() => Context::Conclusion,
            Screen::Walk => Context::Question,
        }
    }

    /// The message a key sends here, if any.
    pub fn key_message(&self, key: &KeyEvent) -> Option<Message> {
        let context = self.context();
        match keymap::lookup(context, key) {
            Some(action) => Some(Message::Action(action)),
            None if context == Context::Export
                && key.kind != ratatui::crossterm::event::KeyEventKind::Release =>
            {
                Some(Message::Input(*key))
            }
            None => None,
        }
    }

    /// Updates the state and performs any export write, feeding its result back in. Returns
    /// the effects only the run loop can perform (quit, suspend).
    pub fn dispatch(&mut self, message: Message) -> Option<Effect> {
        let mut next = Some(message);
        while let Some(message) = next.take() {
            match update(self, message) {
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

    /// The case being worked, if any.
    pub fn current_case(&self) -> Option<&'p crate::pack::Case> {
        self.case.and_then(|i| self.pack.cases().get(i))
    }

    fn begin(&mut self, case: Option<usize>) {
        self.case = case;
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
            Panel::Answer
        };
        self.excerpt = 0;
        self.scroll = [0; PANELS];
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
        self.status = None;
        self.arrive();
    }

    fn back(&mut self) {
        self.revising = false;
        self.status = None;
        if self.session.back() {
            self.exported = false;
            self.arrive();
        } else {
            self.screen = Screen::Start;
        }
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
        if asking || !self.session.is_finished() || self.exported || self.screen == Screen::Start {
            Some(Effect::Quit)
        } else {
            self.overlay = Some(Overlay::Confirm(Confirm::Quit));
            None
        }
    }

    fn scroll_by(&mut self, panel: Panel, lines: i32) {
        let max = i32::from(self.drawn.borrow().max_scroll[panel as usize]);
        let now = i32::from(self.scroll[panel as usize]).min(max);
        self.scroll[panel as usize] = u16::try_from((now + lines).clamp(0, max)).unwrap_or(0);
    }

    fn page(&self, panel: Panel) -> i32 {
        i32::from(
            self.drawn.borrow().viewport[panel as usize]
                .saturating_sub(1)
                .max(1),
        )
    }

    /// The panel scrolled by PgUp/PgDn here.
    fn scroll_target(&self) -> Panel {
        match (&self.overlay, self.session.is_finished()) {
            (Some(_), _) => Panel::Overlay,
            (None, true) => Panel::Conclusion,
            (None, false) => self.focus,
        }
    }

    fn next_panel(&mut self) {
        let Some(q) = self.session.current_question() else {
            return;
        };
        let excerpts = self.pack.question(q).excerpts.len();
        let (focus, excerpt) = match self.focus {
            Panel::Answer => (Panel::Why, self.excerpt),
            Panel::Why if excerpts > 0 => (Panel::Excerpt, 0),
            Panel::Excerpt if self.excerpt + 1 < excerpts => (Panel::Excerpt, self.excerpt + 1),
            Panel::Why | Panel::Excerpt if self.case.is_some() => (Panel::Facts, self.excerpt),
            _ => (Panel::Answer, self.excerpt),
        };
        if excerpt != self.excerpt {
            self.scroll[Panel::Excerpt as usize] = 0;
        }
        self.focus = focus;
        self.excerpt = excerpt;
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
        let context = ReportContext {
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            exported_at: humantime::format_rfc3339_seconds(std::time::SystemTime::now())
                .to_string(),
        };
        let Some(report) = Report::from_session(&self.session, &context) else {
            dialog.error = Some("there is no conclusion to export yet".to_owned());
            return None;
        };
        let contents = render(&report, dialog.selected_format());
        Some(Effect::Write {
            path,
            contents,
            force,
        })
    }
}

/// Writes an export and reports the outcome as a message.
pub fn perform_write(path: PathBuf, contents: &str, force: bool) -> Message {
    match write_atomic(&path, contents, force) {
        Ok(()) => Message::Written(path),
        Err(ExportError::Exists(path)) => Message::Exists(path),
        Err(e) => Message::WriteFailed(sanitize_line(&e.to_string())),
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

/// The format's name for messages.
fn format_name(format: Format) -> &'static str {
    FORMATS
        .iter()
        .find(|f| f.0 == format)
        .map_or("report", |f| f.1)
}

/// The Elm update: applies one message. Returns what only the outside can do.
pub fn update(app: &mut App<'_>, message: Message) -> Option<Effect> {
    match message {
        Message::Action(action) => on_action(app, action),
        Message::Input(key) => {
            if let Some(Overlay::Export(dialog)) = &mut app.overlay {
                dialog.input(key);
            }
            None
        }
        Message::Paste(text) => {
            match &mut app.overlay {
                Some(Overlay::Export(dialog)) if dialog.stage == Stage::Editing => {
                    dialog.paste(&text);
                }
                _ => app.status = Some(PASTE_IGNORED.to_owned()),
            }
            None
        }
        Message::Click { column, row } => on_click(app, column, row),
        Message::Wheel { column, row, down } => {
            let lines = if down { 3 } else { -3 };
            let target = if app.overlay.is_some() {
                Some(Panel::Overlay)
            } else {
                panel_at(app, column, row)
            };
            let panel = target.unwrap_or_else(|| app.scroll_target());
            app.scroll_by(panel, lines);
            None
        }
        Message::Resize => None,
        Message::Written(path) => {
            let format = match &app.overlay {
                Some(Overlay::Export(d)) => format_name(d.selected_format()),
                _ => "report",
            };
            app.overlay = None;
            app.exported = true;
            app.status = Some(format!(
                "Exported the {format} to {}",
                sanitize_line(&path.display().to_string())
            ));
            None
        }
        Message::Exists(path) => {
            if let Some(Overlay::Export(dialog)) = &mut app.overlay {
                dialog.stage = Stage::ConfirmOverwrite(path);
            }
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

fn panel_at(app: &App<'_>, column: u16, row: u16) -> Option<Panel> {
    app.drawn
        .borrow()
        .hits
        .iter()
        .rev()
        .find_map(|(rect, hit)| match hit {
            Hit::Panel(p) if rect.contains(Position::new(column, row)) => Some(*p),
            _ => None,
        })
}

fn on_click(app: &mut App<'_>, column: u16, row: u16) -> Option<Effect> {
    if app.overlay.is_some() {
        return None;
    }
    let hit = app
        .drawn
        .borrow()
        .hits
        .iter()
        .rev()
        .find(|(rect, _)| rect.contains(Position::new(column, row)))
        .map(|(_, hit)| *hit);
    match (app.screen_context(), hit) {
        (Context::Question, Some(Hit::Option(i))) => {
            app.highlight = i;
            app.answer(i);
        }
        (Context::Start, Some(Hit::StartEntry(i))) => app.begin(i.checked_sub(1)),
        (Context::Question, Some(Hit::Panel(p))) if p != Panel::Conclusion => app.focus = p,
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
        Context::Question => on_question(app, action),
        Context::Conclusion => on_conclusion(app, action),
        Context::Help => {
            on_overlay_common(app, action);
            None
        }
        Context::Map => on_map(app, action),
        Context::Review => on_review(app, action),
        Context::Export => on_export(app, action),
        Context::Confirm => on_confirm(app, action),
    }
}

/// Keys shared by help, map and review: close, help, scroll.
fn on_overlay_common(app: &mut App<'_>, action: Action) {
    match action {
        Action::Close => app.overlay = None,
        Action::Help => {
            app.overlay = Some(Overlay::Help);
            app.scroll[Panel::Overlay as usize] = 0;
        }
        Action::ScrollUp => app.scroll_by(Panel::Overlay, -app.page(Panel::Overlay)),
        Action::ScrollDown => app.scroll_by(Panel::Overlay, app.page(Panel::Overlay)),
        _ => {}
    }
}

fn open(app: &mut App<'_>, overlay: Overlay) {
    app.scroll[Panel::Overlay as usize] = 0;
    app.overlay = Some(overlay);
}

fn on_start(app: &mut App<'_>, action: Action) -> Option<Effect> {
    let entries = 1 + app.pack.cases().len();
    match action {
        Action::Up => app.start_selected = app.start_selected.checked_sub(1).unwrap_or(entries - 1),
        Action::Down => app.start_selected = (app.start_selected + 1) % entries,
        Action::Select(n) if (1..=entries).contains(&n) => {
            app.start_selected = n - 1;
            app.begin((n - 1).checked_sub(1));
        }
        Action::Choose => app.begin(app.start_selected.checked_sub(1)),
        Action::Help => open(app, Overlay::Help),
        _ => {}
    }
    None
}

/// Keys shared by the question and conclusion screens.
fn on_walk_common(app: &mut App<'_>, action: Action) {
    match action {
        Action::Back => app.back(),
        Action::Help => open(app, Overlay::Help),
        Action::Map => {
            let here = app.session.current_question();
            let selected = here
                .and_then(|q| app.map_order.iter().position(|&m| m == q))
                .unwrap_or(0);
            open(app, Overlay::Map { selected });
        }
        Action::Review => {
            let selected = app.session.history().len().saturating_sub(1);
            open(app, Overlay::Review { selected });
        }
        Action::Restart => open(app, Overlay::Confirm(Confirm::Restart)),
        Action::ScrollUp => {
            let p = app.scroll_target();
            app.scroll_by(p, -app.page(p));
        }
        Action::ScrollDown => {
            let p = app.scroll_target();
            app.scroll_by(p, app.page(p));
        }
        _ => {}
    }
}

fn on_question(app: &mut App<'_>, action: Action) -> Option<Effect> {
    let q = app.session.current_question()?;
    let options = app.pack.question(q).options.len();
    match action {
        Action::Up => {
            app.highlight = app.highlight.checked_sub(1).unwrap_or(options - 1);
            app.scroll[Panel::Answer as usize] = 0;
        }
        Action::Down => {
            app.highlight = (app.highlight + 1) % options;
            app.scroll[Panel::Answer as usize] = 0;
        }
        Action::Select(n) if (1..=options).contains(&n) => {
            app.highlight = n - 1;
            app.answer(n - 1);
        }
        Action::Choose => app.answer(app.highlight),
        Action::NextPanel => app.next_panel(),
        other => on_walk_common(app, other),
    }
    None
}

fn on_conclusion(app: &mut App<'_>, action: Action) -> Option<Effect> {
    if action == Action::Export {
        let id = app
            .session
            .conclusion()
            .map(|c| app.pack.conclusion(c).id.clone())
            .unwrap_or_default();
        app.overlay = Some(Overlay::Export(Box::new(ExportDialog::new(&id))));
    } else {
        on_walk_common(app, action);
    }
    None
}

fn on_map(app: &mut App<'_>, action: Action) -> Option<Effect> {
    let Some(Overlay::Map { selected }) = &mut app.overlay else {
        return None;
    };
    let count = app.map_order.len();
    match action {
        Action::Up => *selected = selected.checked_sub(1).unwrap_or(count.saturating_sub(1)),
        Action::Down => *selected = (*selected + 1) % count.max(1),
        Action::Choose => {
            let q = app.map_order.get(*selected).copied();
            let step = q.and_then(|q| app.session.history().iter().position(|s| s.question == q));
            match (step, q) {
                (Some(step), _) => app.go_to_step(step),
                (None, Some(q)) if app.session.current_question() == Some(q) => app.overlay = None,
                _ => app.status = Some("Only questions on your path can be jumped to.".to_owned()),
            }
        }
        other => on_overlay_common(app, other),
    }
    None
}

fn on_review(app: &mut App<'_>, action: Action) -> Option<Effect> {
    let Some(Overlay::Review { selected }) = &mut app.overlay else {
        return None;
    };
    let count = app.session.history().len();
    match action {
        Action::Up => *selected = selected.checked_sub(1).unwrap_or(count.saturating_sub(1)),
        Action::Down => *selected = (*selected + 1) % count.max(1),
        Action::Choose if count > 0 => {
            let step = *selected;
            app.go_to_step(step);
        }
        other => on_overlay_common(app, other),
    }
    None
}

fn on_export(app: &mut App<'_>, action: Action) -> Option<Effect> {
    match action {
        Action::Close => app.overlay = None,
        Action::Up | Action::Down => {
            if let Some(Overlay::Export(dialog)) = &mut app.overlay {
                dialog.cycle_format(action == Action::Down);
            }
        }
        Action::Choose => return app.export_effect(false),
        _ => {}
    }
    None
}

fn on_confirm(app: &mut App<'_>, action: Action) -> Option<Effect> {
    match (&mut app.overlay, action) {
        (Some(Overlay::Export(_)), Action::Yes) => return app.export_effect(true),
        (Some(Overlay::Export(dialog)), Action::No) => dialog.stage = Stage::Editing,
        (Some(Overlay::Confirm(Confirm::Restart)), Action::Yes) => {
            app.session.restart();
            app.overlay = None;
            app.screen = Screen::Start;
            app.exported = false;
            app.status = None;
            app.arrive();
        }
        (Some(Overlay::Confirm(Confirm::Quit)), Action::Yes) => return Some(Effect::Quit),
        (Some(Overlay::Confirm(_)), Action::No) => app.overlay = None,
        _ => {}
    }
    None
}
