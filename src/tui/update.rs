//! The Elm update: applies one [`Message`] to the [`App`] and returns what only the outside can
//! do as an [`Effect`]. The walk's own moves (answer, back, scroll, panels, export) are in
//! `update/walk.rs`, the overlays in `overlay.rs`, the mouse in `mouse.rs`, the matter screen in
//! `matter.rs` and its forms in `forms.rs`.
//!
//! Scrolling and clicks need to know what the screen holds: `update` asks the same pure
//! function the view draws with ([`view::plan`]) rather than reading back what a frame wrote.

mod forms;
mod matter;
mod mouse;
mod overlay;
mod walk;

use ratatui::layout::Rect;

use super::app::{App, Confirm, Effect, Message, Overlay, PASTE_IGNORED, Screen};
use super::export_dialog::Stage;
use super::keymap::{Action, Context};
use super::matter::Leave;
use super::plan::{Panel, Plan};
use super::view;
use mouse::{on_click, on_wheel};
use overlay::{on_confirm, on_export, on_list_overlay, on_what_if};

impl App<'_> {
    /// Applies one message ([`update`]), then settles scrolling against the layout. Returns
    /// what the run loop must do.
    pub fn dispatch(&mut self, message: Message) -> Option<Effect> {
        let effect = self.dispatch_unsettled(message);
        self.settle();
        effect
    }

    /// As [`App::dispatch`], but the scroll offsets are left for the next frame drawn to settle
    /// ([`App::settle_to`] with the plan it was drawn with): the run loop's way, so a key press
    /// lays the screen out once, not once to settle and again to draw. A frame drawn from the
    /// unsettled offsets is the settled frame, since the view draws with the offsets it settles
    /// on; and should a second message come before any frame, it is applied to a settled state.
    pub(crate) fn dispatch_unsettled(&mut self, message: Message) -> Option<Effect> {
        if self.unsettled {
            self.settle();
        }
        // The answer to a save is not itself a change: after a failed save, the next key
        // tries again (rather than this loop retrying forever).
        let save_answer = matches!(message, Message::Saved { .. } | Message::SaveFailed(_));
        let mut effect = update(self, message);
        // In a matter, whatever changed the walk's answers is saved before anything else.
        if effect.is_none() && !save_answer {
            effect = self.walk_save();
        }
        self.unsettled = true;
        effect
    }

    /// The layout of the current state at the current size (what the next frame will draw).
    pub fn plan(&self) -> Plan {
        view::plan(self, self.size)
    }

    /// Stores the scroll offsets the layout settled on (so a list scrolls only as far as
    /// needed to keep the highlight in view, and offsets never pass the end).
    pub(crate) fn settle(&mut self) {
        if self.too_small() {
            return;
        }
        let plan = self.plan();
        self.settle_to(&plan);
    }

    /// Stores the offsets of `plan`, the layout of the current state (from [`App::plan`], or
    /// the plan a frame was drawn with). Adopting a drawn frame's plan is how the first frame
    /// settles without laying the screen out twice: with nothing scrolled yet, the frame drawn
    /// from the stored offsets is the settled one.
    pub fn settle_to(&mut self, plan: &Plan) {
        if self.too_small() {
            return;
        }
        self.unsettled = false;
        for (stored, drawn) in self.scroll.iter_mut().zip(plan.offset) {
            if let Some(offset) = drawn {
                *stored = offset;
            }
        }
        if let Some(Overlay::Map { top, .. } | Overlay::Review { top, .. }) = &mut self.overlay {
            *top = plan.list_top;
        }
    }
}

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
        crate::text::Clean::line(&path.display().to_string()).into_string()
    );
    if let Some(w) = warning {
        status.push_str("; warning: ");
        status.push_str(&crate::text::Clean::line(&w).into_string());
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
        Message::Action(action) if app.too_small() => on_too_small(app, action),
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
            // The notice comes from outside update (the run loop): it is made clean here.
            app.status = Some(crate::text::Clean::line(&notice).into_string());
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

/// While the terminal is too small nothing shown can be acted on: only quitting (and answering
/// the quit question it may raise) works.
fn on_too_small(app: &mut App<'_>, action: Action) -> Option<Effect> {
    match action {
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
    }
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
                .map_or(0, |q| app.map_number()[q]);
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
