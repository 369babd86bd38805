//! The mouse's half of `update`: a click highlights, chooses, follows a breadcrumb or focuses
//! a panel; the wheel scrolls what is under it. Both resolve against the layout plan of the
//! frame the user sees ([`crate::tui::plan`]).

use super::on_action;
use crate::tui::app::{App, Effect, Overlay, Screen};
use crate::tui::keymap::{Action, Context};
use crate::tui::plan::{Hit, Panel, hit_at};

pub(super) fn on_wheel(app: &mut App<'_>, column: u16, row: u16, down: bool) {
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
pub(super) fn on_click(app: &mut App<'_>, column: u16, row: u16) -> Option<Effect> {
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
