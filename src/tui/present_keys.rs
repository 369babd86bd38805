//! Presenter mode's keys: the one table the footer and the `?` screen are drawn from, and which
//! letters are commands (a letter that is a command never chooses an option, in either case).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Theme;

/// One key binding: the keys as shown, and what they do.
pub struct Binding {
    /// The keys as shown in the footer.
    pub keys: &'static str,
    /// What they do.
    pub does: &'static str,
    /// Shown while the tally is being typed (true) or otherwise (false).
    pub typing: bool,
    /// Only at a question: at a conclusion there is nothing to choose or count.
    pub question_only: bool,
    /// Whether live mode shows it: `Some(true)` only live, `Some(false)` only without a room.
    pub live: Option<bool>,
}

/// The footer's key table.
pub const KEYS: &[Binding] = &[
    Binding {
        keys: "A-Z/\u{2191}\u{2193}",
        does: "choose",
        typing: false,
        question_only: true,
        live: None,
    },
    Binding {
        keys: "o",
        does: "open",
        typing: false,
        question_only: true,
        live: Some(true),
    },
    Binding {
        keys: "l",
        does: "lock",
        typing: false,
        question_only: true,
        live: Some(true),
    },
    Binding {
        keys: "Enter/n",
        does: "next",
        typing: false,
        question_only: true,
        live: None,
    },
    Binding {
        keys: "\u{2190}/Bksp",
        does: "back",
        typing: false,
        question_only: false,
        live: None,
    },
    Binding {
        keys: "r",
        does: "reveal",
        typing: false,
        question_only: false,
        live: None,
    },
    Binding {
        keys: "t",
        does: "tally",
        typing: false,
        question_only: true,
        live: Some(false),
    },
    Binding {
        keys: "v",
        does: "chart",
        typing: false,
        question_only: true,
        live: None,
    },
    Binding {
        keys: "m",
        does: "map",
        typing: false,
        question_only: false,
        live: None,
    },
    Binding {
        keys: "j",
        does: "join code",
        typing: false,
        question_only: false,
        live: Some(true),
    },
    Binding {
        keys: "?",
        does: "keys",
        typing: false,
        question_only: false,
        live: None,
    },
    Binding {
        keys: "q",
        does: "quit",
        typing: false,
        question_only: false,
        live: None,
    },
    Binding {
        keys: "0-9",
        does: "count",
        typing: true,
        question_only: false,
        live: None,
    },
    Binding {
        keys: "\u{2191}\u{2193}/Tab",
        does: "next option",
        typing: true,
        question_only: false,
        live: None,
    },
    Binding {
        keys: "Enter/t",
        does: "done",
        typing: true,
        question_only: false,
        live: None,
    },
];

/// The letters that are command keys (in either case): they never choose an option.
pub fn is_command(c: char) -> bool {
    matches!(c, 'q' | 'n' | 'r' | 't' | 'v' | 'm' | 'o' | 'l' | 'j')
}

/// The footer: the keys that apply now. What does not fit is left out from the end of the
/// table, but `?` (which lists every key) and quit are always there.
pub fn footer(
    frame: &mut Frame<'_>,
    footer: Rect,
    theme: &Theme,
    typing: bool,
    at_question: bool,
    live: bool,
) {
    let shown: Vec<&Binding> = KEYS
        .iter()
        .filter(|b| b.typing == typing)
        .filter(|b| !b.question_only || at_question)
        .filter(|b| b.live.is_none_or(|l| l == live))
        .collect();
    // What does not fit is left out from the end of the table, but `?` (which lists every
    // key) and quit are always there.
    let width = |b: &Binding| b.keys.chars().count() + b.does.chars().count() + 3;
    let always = |b: &Binding| b.keys == "?" || b.does == "quit";
    let mut room = usize::from(footer.width)
        .saturating_sub(shown.iter().filter(|b| always(b)).map(|b| width(b)).sum());
    let spans: Vec<Span<'_>> = shown
        .into_iter()
        .filter(|b| {
            if always(b) {
                return true;
            }
            let fits = width(b) <= room;
            if fits {
                room -= width(b);
            }
            fits
        })
        .flat_map(|b| {
            [
                Span::styled(b.keys, theme.key()),
                Span::raw(format!(" {}  ", b.does)),
            ]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), footer);
}

/// Every key, for `?`.
pub fn help(frame: &mut Frame<'_>, area: Rect, theme: &Theme, live: bool) {
    let block = Block::bordered()
        .title(Span::styled(" Keys (? closes) ", theme.title()))
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line<'_>> = KEYS
        .iter()
        .filter(|b| b.live.is_none_or(|l| l == live))
        // Counts are typed only without a room (`t`); with one they come from the votes.
        .filter(|b| !(b.typing && live))
        .map(|b| {
            let when = if b.typing {
                " (while typing counts)"
            } else {
                ""
            };
            Line::from(vec![
                Span::styled(format!(" {:<14}", b.keys), theme.key()),
                Span::raw(format!(" {}{when}", b.does)),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::raw(
        " Letters choose options in either case; a letter that is a key above never does \
         (the arrows reach its option). PgDn/PgUp scroll. Ctrl-C or Esc quits.",
    ));
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: true }),
        inner,
    );
}
