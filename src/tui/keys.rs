//! Key tables: the one shape in which every full-screen mode (the walkthrough's
//! [`super::keymap`], the quiz's and presenter mode's tables) binds its keys. A table is a list
//! of [`Binding`]s, each naming its keys, the action they send, what the help says, what the
//! footer says and where the binding applies. Key handling ([`find`]), the footer
//! ([`footer_slots`], [`fit`], [`footer_line`]) and the help ([`help_rows`], [`help_panel`]) are
//! all read from it, so what a screen says a key does is what it does.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;

/// A key as written in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key without Ctrl or Alt (Shift is ignored: `?` needs it on most layouts).
    Code(KeyCode),
    /// Ctrl plus a letter.
    Ctrl(char),
    /// Any character from the first to the last, without Ctrl or Alt: digits, or letters in
    /// either case (written lower case). A key written as [`Key::Code`] wins over a range.
    Range(char, char),
}

impl Key {
    /// The key's name as shown in footers and help.
    pub fn name(self) -> String {
        match self {
            Key::Code(KeyCode::Up) => "↑".into(),
            Key::Code(KeyCode::Down) => "↓".into(),
            Key::Code(KeyCode::Left) => "←".into(),
            Key::Code(KeyCode::Right) => "→".into(),
            Key::Code(KeyCode::Enter) => "Enter".into(),
            Key::Code(KeyCode::Backspace) => "Backspace".into(),
            Key::Code(KeyCode::Tab) => "Tab".into(),
            Key::Code(KeyCode::BackTab) => "Shift-Tab".into(),
            Key::Code(KeyCode::Home) => "Home".into(),
            Key::Code(KeyCode::End) => "End".into(),
            Key::Code(KeyCode::PageUp) => "PgUp".into(),
            Key::Code(KeyCode::PageDown) => "PgDn".into(),
            Key::Code(KeyCode::Esc) => "Esc".into(),
            Key::Code(KeyCode::Char(' ')) => "Space".into(),
            Key::Code(KeyCode::Char(c)) => c.to_string(),
            Key::Code(other) => other.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Range(first, last) => format!(
                "{}–{}",
                first.to_ascii_uppercase(),
                last.to_ascii_uppercase()
            ),
        }
    }

    /// True if `event` is this key.
    pub fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            _ if ctrl || alt => false,
            Key::Code(code) => event.code == code,
            Key::Range(first, last) => match event.code {
                KeyCode::Char(c) => (first..=last).contains(&c.to_ascii_lowercase()),
                _ => false,
            },
        }
    }

    /// Every key a test can send for this key: a range gives its first and last character
    /// (and, for letters, the upper case too).
    pub fn events(self) -> Vec<KeyEvent> {
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        match self {
            Key::Code(code) => vec![plain(code)],
            Key::Ctrl(c) => vec![KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)],
            Key::Range(first, last) => {
                let mut out = vec![plain(KeyCode::Char(first)), plain(KeyCode::Char(last))];
                if first.is_ascii_alphabetic() {
                    out.push(plain(KeyCode::Char(first.to_ascii_uppercase())));
                }
                out
            }
        }
    }
}

/// One row of a key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding<A: 'static, C: 'static> {
    /// The keys that send the action.
    pub keys: &'static [Key],
    /// What they send (for a [`Key::Range`], the mode fills in which key it was).
    pub action: A,
    /// What the help says the binding does.
    pub help: &'static str,
    /// The footer's short label; `None` keeps the binding out of the footer.
    pub footer: Option<&'static str>,
    /// Where the binding applies.
    pub contexts: &'static [C],
}

/// Ctrl-Z, the same row in every mode's table: suspends the program (`fg` resumes it) in every
/// one of the mode's `contexts`.
pub const fn suspend<A, C>(action: A, contexts: &'static [C]) -> Binding<A, C> {
    Binding {
        keys: &[Key::Ctrl('z')],
        action,
        help: "suspend (fg resumes)",
        footer: None,
        contexts,
    }
}

/// A–Z, the same row in the quiz's and the presenter's tables: chooses the option with the
/// letter typed (the mode's `lookup` fills the index into `action`). `help` is the mode's: the
/// presenter's says that either case chooses, since its letters that are commands never do.
pub const fn option_letter<A, C>(
    action: A,
    help: &'static str,
    contexts: &'static [C],
) -> Binding<A, C> {
    Binding {
        keys: &[Key::Range('a', 'z')],
        action,
        help,
        footer: Some("choose"),
        contexts,
    }
}

/// ↑, the same row in the quiz's and the presenter's tables: highlights the option above.
pub const fn option_above<A, C>(action: A, contexts: &'static [C]) -> Binding<A, C> {
    Binding {
        keys: &[Key::Code(KeyCode::Up)],
        action,
        help: "the option above",
        footer: Some("choose"),
        contexts,
    }
}

/// ↓, the same row in the quiz's and the presenter's tables: highlights the option below.
pub const fn option_below<A, C>(action: A, contexts: &'static [C]) -> Binding<A, C> {
    Binding {
        keys: &[Key::Code(KeyCode::Down)],
        action,
        help: "the option below",
        footer: Some("choose"),
        contexts,
    }
}

/// Ctrl-C, in every mode's table: stops the mode at once (`help` says what is kept) in every
/// one of the mode's `contexts`; never in the footer.
pub const fn interrupt<A, C>(
    action: A,
    help: &'static str,
    contexts: &'static [C],
) -> Binding<A, C> {
    Binding {
        keys: &[Key::Ctrl('c')],
        action,
        help,
        footer: None,
        contexts,
    }
}

/// The binding `event` triggers in `context`, if any: a key written exactly wins over a range
/// (so `q` quits where letters choose), else the first row that matches. Key releases are
/// ignored, so one press is one action.
pub fn find<'t, A: 'static, C: PartialEq + 'static>(
    table: &'t [Binding<A, C>],
    context: &C,
    event: &KeyEvent,
) -> Option<&'t Binding<A, C>> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let here = || table.iter().filter(|b| b.contexts.contains(context));
    let exact = |k: &Key| !matches!(k, Key::Range(..)) && k.matches(event);
    let ranged = |k: &Key| matches!(k, Key::Range(..)) && k.matches(event);
    here()
        .find(|b| b.keys.iter().any(exact))
        .or_else(|| here().find(|b| b.keys.iter().any(ranged)))
}

/// The character typed, for filling in a range's action (`Pick(n)`, `Digit(d)` ...).
pub fn typed(event: &KeyEvent) -> Option<char> {
    match event.code {
        KeyCode::Char(c) => Some(c.to_ascii_lowercase()),
        _ => None,
    }
}

/// The letter typed as an option's index (`a` or `A` is 0).
pub fn letter_index(event: &KeyEvent) -> Option<usize> {
    typed(event)
        .filter(char::is_ascii_lowercase)
        .map(|c| usize::from(c as u8 - b'a'))
}

/// The digit typed.
pub fn digit(event: &KeyEvent) -> Option<u8> {
    typed(event)?
        .to_digit(10)
        .and_then(|d| u8::try_from(d).ok())
}

/// One slot of a footer: the keys as shown, the label, and the action of its first binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot<A> {
    /// The keys, e.g. "A–Z/↑↓".
    pub keys: String,
    /// What they do.
    pub label: &'static str,
    /// The first binding's action (a footer keeps its help and quit slots whatever the width).
    pub action: A,
}

/// The footer of a mode's key `table` in `context`: [`footer_slots`] of the rows that apply there.
pub fn footer_in<A: Copy + 'static, C: PartialEq + 'static>(
    table: &[Binding<A, C>],
    context: &C,
) -> Vec<Slot<A>> {
    footer_slots(table.iter().filter(|b| b.contexts.contains(context)))
}

/// The footer of `bindings` (a table's rows that apply here, in table order): each row with a
/// footer label gives its first key; rows next to each other with the same label share one
/// slot ("A–Z/↑↓ choose"; ↑ and ↓ are written together).
pub fn footer_slots<'t, A: Copy + 'static, C: 'static>(
    bindings: impl IntoIterator<Item = &'t Binding<A, C>>,
) -> Vec<Slot<A>> {
    let mut slots: Vec<Slot<A>> = Vec::new();
    for b in bindings {
        let (Some(label), Some(key)) = (b.footer, b.keys.first()) else {
            continue;
        };
        match slots.last_mut() {
            Some(last) if last.label == label => {
                if !(last.keys.ends_with('↑') && *key == Key::Code(KeyCode::Down)) {
                    last.keys.push('/');
                }
                last.keys.push_str(&key.name());
            }
            _ => slots.push(Slot {
                keys: key.name(),
                label,
                action: b.action,
            }),
        }
    }
    slots
}

/// The slots that fit in `width` columns, each drawn as "keys label" two spaces apart. What
/// does not fit is left out from the end, but the slots `always` accepts (the help key, quit)
/// stay.
pub fn fit<A: Copy>(slots: Vec<Slot<A>>, width: u16, always: impl Fn(A) -> bool) -> Vec<Slot<A>> {
    let cost = |s: &Slot<A>| s.keys.chars().count() + s.label.chars().count() + 3;
    let mut room = usize::from(width)
        .saturating_sub(slots.iter().filter(|s| always(s.action)).map(cost).sum());
    slots
        .into_iter()
        .filter(|s| {
            if always(s.action) {
                return true;
            }
            let fits = cost(s) <= room;
            if fits {
                room -= cost(s);
            }
            fits
        })
        .collect()
}

/// The help of `bindings`: each row's keys (all of them) and what it does, rows that say the
/// same joined into one.
pub fn help_rows<'t, A: 'static, C: 'static>(
    bindings: impl IntoIterator<Item = &'t Binding<A, C>>,
) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for b in bindings {
        let at = rows
            .iter()
            .position(|(_, help)| *help == b.help)
            .unwrap_or_else(|| {
                rows.push((String::new(), b.help));
                rows.len() - 1
            });
        let keys = &mut rows[at].0;
        for name in b.keys.iter().map(|k| k.name()) {
            if !keys.split('/').any(|shown| shown == name) {
                if !keys.is_empty() {
                    keys.push('/');
                }
                keys.push_str(&name);
            }
        }
    }
    rows
}

/// A footer line: each slot's keys in the key style and its label, two spaces apart. `label`
/// may reword a slot (the quiz's quit says "save & back" when it returns to the walkthrough).
pub fn footer_line<A>(
    slots: &[Slot<A>],
    theme: &Theme,
    label: impl Fn(&Slot<A>) -> &'static str,
) -> Line<'static> {
    let mut spans = Vec::new();
    for slot in slots {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(slot.keys.clone(), theme.key()));
        spans.push(Span::raw(format!(" {}", label(slot))));
    }
    Line::from(spans)
}

/// The `?` help of a mode drawn in `area`: every row of its key table, then `note`.
pub fn help_panel(
    frame: &mut Frame<'_>,
    area: Rect,
    theme: &Theme,
    rows: Vec<(String, &str)>,
    note: &str,
) {
    let inner = theme.framed(frame, area, " Keys (? closes) ");
    let mut lines: Vec<Line<'_>> = rows
        .into_iter()
        .map(|(keys, does)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<14}"), theme.key()),
                Span::raw(format!(" {does}")),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!(" {note}")));
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: true }),
        inner,
    );
}
