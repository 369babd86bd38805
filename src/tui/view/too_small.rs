//! The screen shown when the terminal is below the smallest layout. Nothing else is drawn, and
//! no key but quit acts (see `update`), so nothing can happen out of sight.

use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use super::common::Canvas;
use super::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::app::{App, Confirm, Overlay};
use crate::tui::keymap::{self, Action, Context};

/// Draws the notice.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect) {
    let mut text = format!(
        "terminal too small: need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}. Enlarge the window",
        area.width, area.height
    );
    if matches!(app.overlay, Some(Overlay::Confirm(Confirm::Quit))) {
        text.push_str(". The conclusion has not been exported. Quit anyway? ");
        text.push_str(&keymap::hint(
            Context::Confirm,
            &[(Action::Yes, "yes"), (Action::No, "no")],
        ));
    } else if let Some(keys) = keymap::keys_for(app.context(), Action::Quit)
        .or_else(|| keymap::keys_for(Context::Start, Action::Quit))
    {
        text.push_str(" or press ");
        text.push_str(&keys);
        text.push_str(" to quit.");
    }
    c.draw(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
