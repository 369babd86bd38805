//! The palette: terminal default foreground and background, meaning carried by bold, underline
//! and reverse video, colour only as an extra that `NO_COLOR` / `--no-color` switch off.
//!
//! Nothing here sets a background colour, so the screens read the same on dark and light
//! terminals; the few foreground colours are ones that stay legible on both.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use crate::pack::Status;

/// Styles for every kind of text the TUI draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False under `NO_COLOR` or `--no-color`: no colours at all, only modifiers.
    pub color: bool,
}

impl Theme {
    /// A theme with or without colour.
    pub const fn new(color: bool) -> Self {
        Self { color }
    }

    /// Adds a foreground colour only when colour is on.
    fn fg(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    /// Plain text.
    pub fn text(self) -> Style {
        Style::default()
    }

    /// Secondary text (hints, dates).
    pub fn dim(self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    /// Titles and headings.
    pub fn title(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// The highlighted row of a list: reverse video, so it shows without colour.
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The border of the panel that Tab and PgUp/PgDn act on.
    pub fn focused_border(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// The border of other panels.
    pub fn border(self) -> Style {
        Style::default()
    }

    /// Keys in the footer and the help overlay.
    pub fn key(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// Items on the current path (map overlay, breadcrumbs).
    pub fn on_path(self) -> Style {
        self.fg(
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Cyan,
        )
    }

    /// Verbatim quotations.
    pub fn quote(self) -> Style {
        Style::default().add_modifier(Modifier::ITALIC)
    }

    /// Errors and warnings in words.
    pub fn error(self) -> Style {
        self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// The outcome banner of the conclusion screen.
    pub fn outcome(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    /// An authority's status word. The word itself carries the meaning; bold marks every status
    /// other than good law, and colour only repeats it.
    pub fn status(self, status: Status) -> Style {
        match status {
            Status::GoodLaw => self.fg(Style::default(), Color::Green),
            Status::Reversed => self.fg(
                Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                Color::Red,
            ),
            Status::OverruledInPart | Status::SupersededInPart | Status::Caution => {
                self.fg(Style::default().add_modifier(Modifier::BOLD), Color::Yellow)
            }
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::new(true)
    }
}

impl Theme {
    /// Draws a bordered panel titled `title` in `area` (the title in the title style, the
    /// border in the border style) and returns the area inside the border.
    pub fn framed(self, frame: &mut Frame<'_>, area: Rect, title: &str) -> Rect {
        let block = Block::bordered()
            .title(Span::styled(title.to_owned(), self.title()))
            .border_style(self.border());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        inner
    }

    /// The rule under a screen's head when `ruled` (the head has a row for it), else no border.
    pub fn head_rule(self, ruled: bool) -> Block<'static> {
        if ruled {
            Block::default()
                .borders(Borders::BOTTOM)
                .border_style(self.border())
        } else {
            Block::default()
        }
    }
}
