//! The help overlay: every key of the screen underneath, generated from the keymap table.

use ratatui::layout::Rect;
use ratatui::text::Span;

use super::common::{Canvas, Follow, big, overlay_block, para, scrolled_lines};
use crate::tui::app::{App, Panel};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::wrap::{width, wrap};

/// Draws the help for the screen under it.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect) {
    let close = keymap::keys_for(Context::Help, Action::Close).unwrap_or_default();
    let inner = overlay_block(app, c, big(area), &format!("Help — keys ({close} closes)"));
    let theme = app.theme;
    let context = app.screen_context();
    scrolled_lines(app, c, inner, Panel::Overlay, Follow::Offset, |max| {
        let rows: Vec<(String, &str)> = keymap::bindings(context)
            .filter(|b| app.matter.is_some() || !b.action.matter_only())
            .map(|b| {
                (
                    keymap::key_names(b),
                    keymap::help_text(b, app.matter.is_some()),
                )
            })
            .collect();
        let key_width = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 2;
        let mut lines = para(
            &format!("Keys on this screen ({})", context_name(context)),
            theme.title(),
            max,
        );
        for (keys, help) in rows {
            let mut line = wrap(
                &[(help.to_owned(), theme.text())],
                max.saturating_sub(key_width).max(10),
                0,
            );
            if let Some(first) = line.first_mut() {
                first
                    .spans
                    .insert(0, Span::styled(format!("{keys:<key_width$}"), theme.key()));
            }
            for rest in line.iter_mut().skip(1) {
                rest.spans.insert(0, Span::raw(" ".repeat(key_width)));
            }
            lines.extend(line);
        }
        if context == Context::Matter {
            lines.push(ratatui::text::Line::raw(""));
            lines.extend(para(
                "Mouse: click a screening to highlight it, click it again to open it; the wheel moves through the list.",
                theme.text(),
                max,
            ));
            return lines;
        }
        lines.push(ratatui::text::Line::raw(""));
        lines.extend(para(
            "Mouse: click an answer to highlight it, click it again to choose it; click a step of the path to go back to it; the wheel scrolls the panel under the pointer.",
            theme.text(),
            max,
        ));
        lines.extend(para(
            "Authorities always show their status in words (GOOD LAW, REVERSED, CAUTION, OVERRULED IN PART, SUPERSEDED IN PART). Reversed law is shown only as history, never as the law.",
            theme.text(),
            max,
        ));
        lines
    });
}

fn context_name(context: Context) -> &'static str {
    match context {
        Context::Start => "start",
        Context::Question => "question",
        Context::Conclusion => "conclusion",
        Context::Help => "help",
        Context::Map => "map",
        Context::Review => "review",
        Context::Export => "export",
        Context::Confirm | Context::Overwrite => "confirm",
        Context::WhatIf => "what if",
        Context::Matter => "matter",
        Context::Form => "form",
        Context::Delete => "delete",
        Context::Filter => "find",
    }
}
