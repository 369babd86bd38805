//! The Elm view: a pure function from the app's state and a screen area to cells. It reads the
//! state and never writes it.
//!
//! [`render`] lays the screen out, draws it into a buffer when given one, and returns a
//! [`Plan`] of what it drew (clickable areas, scroll limits, the offsets it settled on).
//! [`view`] draws a frame; [`plan`] runs the same code without a buffer, so that `update`
//! clamps scrolling and resolves clicks against exactly the layout the user sees. Each screen
//! and overlay has its own module.

mod common;
mod conclusion;
mod confirm;
mod decides;
mod export;
mod form;
mod help;
mod list;
mod map;
mod matter;
mod question;
mod review;
mod start;
mod too_small;
mod whatif;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::{App, Overlay, Screen};
use super::plan::split_bottom;
pub use super::plan::{MIN_HEIGHT, MIN_WIDTH, Plan, too_small};
use crate::pack::Node;

/// Draws the whole screen into a frame.
pub fn view(app: &App<'_>, frame: &mut Frame<'_>) {
    let area = frame.area();
    render(app, area, Some(frame.buffer_mut()));
}

/// The layout of `app` at `area`: what [`view`] would draw, without drawing it.
pub fn plan(app: &App<'_>, area: Rect) -> Plan {
    render(app, Rect::new(0, 0, area.width, area.height), None)
}

/// Lays the app out in `area`, draws it into `buf` if given, and returns the plan.
pub fn render(app: &App<'_>, area: Rect, buf: Option<&mut Buffer>) -> Plan {
    let mut c = common::Canvas {
        buf,
        plan: Plan::default(),
    };
    if too_small(area) {
        too_small::render(app, &mut c, area);
        return c.plan;
    }
    let status_rows = u16::from(app.status.is_some());
    // From the bottom: the footer's row, the status's (when there is one), the body.
    let (rest, footer) = split_bottom(area, 1);
    let (body, status) = split_bottom(rest, status_rows);
    match app.screen {
        Screen::Start => start::render(app, &mut c, body),
        Screen::Matter => matter::render(app, &mut c, body),
        Screen::Walk => match app.session.current() {
            Node::Question(q) => question::render(app, &mut c, body, q),
            Node::Conclusion(_) => conclusion::render(app, &mut c, body),
        },
    }
    if let Some(message) = &app.status {
        common::status_line(app, &mut c, status, message);
    }
    match &app.overlay {
        None => {}
        Some(Overlay::Help) => help::render(app, &mut c, body),
        Some(Overlay::Map { selected, top }) => map::render(app, &mut c, body, *selected, *top),
        Some(Overlay::Review { selected, top }) => {
            review::render(app, &mut c, body, *selected, *top);
        }
        Some(Overlay::WhatIf { selected }) => whatif::render(app, &mut c, body, *selected),
        Some(Overlay::Export(dialog)) => export::render(app, &mut c, body, dialog),
        Some(Overlay::Confirm(kind)) => confirm::render(app, &mut c, body, *kind),
        Some(Overlay::Form(form)) => form::render(app, &mut c, body, form),
        Some(Overlay::Fit) => matter::fit(app, &mut c, body),
    }
    common::footer(app, &mut c, footer);
    c.plan
}
