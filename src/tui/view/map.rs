//! The map overlay: the whole tree as an outline, the path marked. Only the questions on
//! screen are built. In a fact pattern an answer's destination shows only for answers chosen
//! on the path: the map must not give away where an untried answer leads.

use ratatui::layout::{Constraint, Layout, Rect};

use super::common::{Canvas, big, overlay_block, para};
use super::list;
use crate::pack::Node;
use crate::tui::app::App;
use crate::tui::keymap::{self, Action, Context};
use crate::tui::wrap::prefixed;

/// Draws the map with question `selected` (an index into the map order) highlighted.
pub fn render(app: &App<'_>, c: &mut Canvas<'_>, area: Rect, selected: usize, top: usize) {
    let inner = overlay_block(app, c, big(area), "Map of the tree");
    if inner.height < 2 {
        return;
    }
    let theme = app.theme;
    // The legend, and what Enter does here, in words from the keymap; wrapped, never cut.
    let legend_text = format!(
        "✓ answered on your path · ▶ you are here · ● your answer · {}",
        keymap::hint(
            Context::Map,
            &[(Action::Choose, "goes back to an answered question")]
        )
    );
    let legend_lines = para(&legend_text, theme.dim(), usize::from(inner.width).max(1));
    let legend_rows = u16::try_from(legend_lines.len())
        .unwrap_or(u16::MAX)
        .min(inner.height - 1);
    let [legend, rest] = inner.layout(&Layout::vertical([
        Constraint::Length(legend_rows),
        Constraint::Min(0),
    ]));
    c.draw(ratatui::widgets::Paragraph::new(legend_lines), legend);
    let history = app.session.history();
    let current = app.session.current_question();
    let hide_untried = app.case.is_some();
    let _ = list::render(c, rest, app.map_order().len(), selected, top, |n, max| {
        let q = app.map_order()[n];
        let question = app.pack.question(q);
        let answered = history.iter().find(|s| s.question == q);
        let marker = if current == Some(q) {
            "▶"
        } else if answered.is_some() {
            "✓"
        } else {
            " "
        };
        let style = if answered.is_some() || current == Some(q) {
            theme.on_path()
        } else {
            theme.text()
        };
        let mut lines = prefixed(
            (format!("{marker} Q{}. ", n + 1), style),
            &[(question.prompt.to_string(), style)],
            max,
        );
        if n == selected {
            lines = lines
                .into_iter()
                .map(|l| l.patch_style(theme.selected()))
                .collect();
        }
        for (o, option) in question.options.iter().enumerate() {
            let chosen = answered.is_some_and(|s| s.option == o);
            let bullet = if chosen { "●" } else { "·" };
            let style = if chosen {
                theme.on_path()
            } else {
                theme.text()
            };
            let text = if hide_untried && !chosen {
                option.label.to_string()
            } else {
                format!("{} → {}", option.label, destination(app, q, o))
            };
            lines.extend(prefixed(
                (format!("     {bullet} "), style),
                &[(text, style)],
                max,
            ));
        }
        lines
    });
}

/// Where an option leads, in words.
fn destination(app: &App<'_>, q: usize, o: usize) -> String {
    match app.pack.target(q, o) {
        Node::Question(next) => format!("Q{}", app.map_number()[next] + 1),
        Node::Conclusion(c) => {
            let conclusion = app.pack.conclusion(c);
            format!(
                "{} ({})",
                conclusion.title,
                app.pack.outcome_label(&conclusion.outcome).to_uppercase()
            )
        }
    }
}
