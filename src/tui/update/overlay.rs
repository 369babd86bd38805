//! The overlays' half of `update`: the map and review lists, the what-if overlay, the export
//! dialog and the yes/no confirmations.

use super::{is_move, moved, open, scroll_text};
use crate::tui::app::{App, Confirm, Effect, Overlay, Screen};
use crate::tui::export_dialog::Stage;
use crate::tui::keymap::Action;
use crate::tui::plan::Panel;

pub(super) fn on_what_if(app: &mut App<'_>, action: Action) {
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

pub(super) fn on_list_overlay(app: &mut App<'_>, action: Action) {
    let page = app.plan().list_page;
    let count = match &app.overlay {
        Some(Overlay::Map { .. }) => app.map_order().len(),
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
            let q = app.map_order().get(chosen).copied();
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

pub(super) fn on_export(app: &mut App<'_>, action: Action) -> Option<Effect> {
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

pub(super) fn on_confirm(app: &mut App<'_>, action: Action) -> Option<Effect> {
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
