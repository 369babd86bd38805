//! The one keymap table. Key handling, the help overlay and the footer are all generated from
//! [`KEYMAP`], so what the screen says a key does is what it does.
//!
//! [`lookup`] is a pure function from a context and a key event to an [`Action`]: unit-tested
//! without a terminal.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where the user is: decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// The start screen (free walk or a fact pattern).
    Start,
    /// A question of the tree.
    Question,
    /// The conclusion screen.
    Conclusion,
    /// The help overlay.
    Help,
    /// The map overlay.
    Map,
    /// The review screen.
    Review,
    /// The export dialog (unbound keys are typed into the path).
    Export,
    /// A yes/no confirmation (restart, quit, overwrite).
    Confirm,
}

/// What a key asks for, before the state decides what that means here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Highlight the previous item.
    Up,
    /// Highlight the next item.
    Down,
    /// Choose item N (1-based, from the digit keys).
    Select(usize),
    /// Choose the highlighted item.
    Choose,
    /// Go back one question.
    Back,
    /// Next excerpt or panel (or, in the export dialog, the next field).
    NextPanel,
    /// Scroll the focused panel up a page.
    ScrollUp,
    /// Scroll the focused panel down a page.
    ScrollDown,
    /// Open the help overlay.
    Help,
    /// Open the map overlay.
    Map,
    /// Open the review screen.
    Review,
    /// Open the export dialog.
    Export,
    /// Start again (asks first).
    Restart,
    /// Quit (asks first if a reached conclusion was not exported).
    Quit,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Close the overlay or dialog.
    Close,
    /// Answer yes to a confirmation.
    Yes,
    /// Answer no to a confirmation.
    No,
}

/// A key as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key without Ctrl or Alt (Shift is ignored: `?` needs it on most layouts).
    Code(KeyCode),
    /// Ctrl plus a letter.
    Ctrl(char),
    /// Any of the digits 1 to 9.
    Digits,
}

impl Key {
    /// The key's name as shown in the footer and the help overlay.
    pub fn name(self) -> String {
        match self {
            Key::Code(KeyCode::Up) => "↑".into(),
            Key::Code(KeyCode::Down) => "↓".into(),
            Key::Code(KeyCode::Left) => "←".into(),
            Key::Code(KeyCode::Right) => "→".into(),
            Key::Code(KeyCode::Enter) => "Enter".into(),
            Key::Code(KeyCode::Backspace) => "Backspace".into(),
            Key::Code(KeyCode::Tab) => "Tab".into(),
            Key::Code(KeyCode::PageUp) => "PgUp".into(),
            Key::Code(KeyCode::PageDown) => "PgDn".into(),
            Key::Code(KeyCode::Esc) => "Esc".into(),
            Key::Code(KeyCode::Char(c)) => c.to_string(),
            Key::Code(other) => other.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digits => "1–9".into(),
        }
    }

    /// True if `event` is this key.
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            _ if ctrl || alt => false,
            Key::Code(code) => event.code == code,
            Key::Digits => matches!(event.code, KeyCode::Char('1'..='9')),
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger the action.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// The help overlay's description.
    pub help: &'static str,
    /// The footer's short label; `None` keeps the binding out of the footer.
    pub footer: Option<&'static str>,
    /// Where the binding applies.
    pub contexts: &'static [Context],
}

use Context::{Conclusion, Confirm, Export, Help, Map, Question, Review, Start};

const ALL: &[Context] = &[
    Start, Question, Conclusion, Help, Map, Review, Export, Confirm,
];
const LISTS: &[Context] = &[Start, Question, Map, Review];
const SCROLLING: &[Context] = &[Question, Conclusion, Help, Map, Review];
const WALKING: &[Context] = &[Question, Conclusion];
const SCREENS: &[Context] = &[Start, Question, Conclusion, Help, Map, Review];

/// The keymap. Order matters: the first binding that matches wins, and help lists rows in this
/// order.
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Code(KeyCode::Char('k'))],
        action: Action::Up,
        help: "move up",
        footer: None,
        contexts: LISTS,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Code(KeyCode::Char('j'))],
        action: Action::Down,
        help: "move down",
        footer: Some("move"),
        contexts: LISTS,
    },
    Binding {
        keys: &[Key::Digits],
        action: Action::Select(0),
        help: "choose that answer",
        footer: None,
        contexts: &[Start, Question],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::Choose,
        help: "choose the highlighted answer; in the map or review, go back to that question",
        footer: Some("choose"),
        contexts: &[Start, Question, Map, Review],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter), Key::Code(KeyCode::Char('y'))],
        action: Action::Yes,
        help: "yes",
        footer: Some("yes"),
        contexts: &[Confirm],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('n')), Key::Code(KeyCode::Esc)],
        action: Action::No,
        help: "no",
        footer: Some("no"),
        contexts: &[Confirm],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::Choose,
        help: "export to the path shown",
        footer: Some("export"),
        contexts: &[Export],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Code(KeyCode::Down)],
        action: Action::Down,
        help: "next format",
        footer: Some("format"),
        contexts: &[Export],
    },
    Binding {
        keys: &[
            Key::Code(KeyCode::Left),
            Key::Code(KeyCode::Backspace),
            Key::Code(KeyCode::Char('b')),
        ],
        action: Action::Back,
        help: "go back one question",
        footer: Some("back"),
        contexts: WALKING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab)],
        action: Action::NextPanel,
        help: "next excerpt or panel",
        footer: Some("next panel"),
        contexts: &[Question],
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp)],
        action: Action::ScrollUp,
        help: "scroll up",
        footer: None,
        contexts: SCROLLING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown)],
        action: Action::ScrollDown,
        help: "scroll down",
        footer: Some("scroll"),
        contexts: SCROLLING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('?'))],
        action: Action::Help,
        help: "this help",
        footer: Some("help"),
        contexts: &[Start, Question, Conclusion, Map, Review],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('m'))],
        action: Action::Map,
        help: "map of the whole tree",
        footer: Some("map"),
        contexts: WALKING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('v'))],
        action: Action::Review,
        help: "review your answers",
        footer: Some("review"),
        contexts: WALKING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('e'))],
        action: Action::Export,
        help: "export the conclusion",
        footer: Some("export"),
        contexts: &[Conclusion],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('r'))],
        action: Action::Restart,
        help: "restart (asks first)",
        footer: Some("restart"),
        contexts: WALKING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        action: Action::Close,
        help: "close",
        footer: Some("close"),
        contexts: &[Help, Map, Review, Export],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('q'))],
        action: Action::Quit,
        help: "quit (asks first if the conclusion was not exported)",
        footer: Some("quit"),
        contexts: SCREENS,
    },
    Binding {
        keys: &[Key::Ctrl('c')],
        action: Action::Quit,
        help: "quit",
        footer: None,
        contexts: ALL,
    },
    Binding {
        keys: &[Key::Ctrl('z')],
        action: Action::Suspend,
        help: "suspend (fg resumes)",
        footer: None,
        contexts: ALL,
    },
];

/// The action `event` triggers in `context`, if any. Key releases and repeats from terminals
/// that report them are ignored, so one press is one action.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let binding = KEYMAP
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))?;
    Some(match (binding.action, event.code) {
        (Action::Select(_), KeyCode::Char(c)) => {
            Action::Select(c.to_digit(10).map_or(0, |d| d as usize))
        }
        (action, _) => action,
    })
}

/// The bindings that apply in `context`, in table order.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.contexts.contains(&context))
}

/// The keys of a binding as shown to users: "↑/k".
pub fn key_names(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join("/")
}

/// The footer's (keys, label) pairs for `context`.
pub fn footer(context: Context) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for binding in bindings(context) {
        let Some(label) = binding.footer else {
            continue;
        };
        let keys = match binding.action {
            // Up and down share the footer slot "↑↓ move".
            Action::Down if context != Context::Export => "↑↓".to_owned(),
            Action::ScrollDown => "PgUp/PgDn".to_owned(),
            _ => key_names(binding),
        };
        out.push((keys, label));
    }
    out
}
