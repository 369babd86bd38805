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
    /// A yes/no confirmation (restart, quit).
    Confirm,
    /// The export dialog asks whether to overwrite an existing file: Enter means no.
    Overwrite,
    /// The what-if overlay: another answer to a question already answered, and what follows.
    WhatIf,
    /// The matter screen: the screenings of a matter file (`--matter`).
    Matter,
    /// Delete a screening? Enter means no.
    Delete,
    /// A form of text fields (caption, defendant and act, note and cites): unbound keys are
    /// typed into the field with the cursor.
    Form,
    /// The start screen's filter is being typed (unbound keys are typed into it).
    Filter,
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
    /// Highlight the first item, or scroll to the top.
    First,
    /// Highlight the last item, or scroll to the bottom.
    Last,
    /// Go back one question.
    Back,
    /// Next excerpt or panel.
    NextPanel,
    /// Previous excerpt or panel.
    PrevPanel,
    /// Scroll the focused panel up a page.
    ScrollUp,
    /// Scroll the focused panel down a page.
    ScrollDown,
    /// Clear the export dialog's file name.
    ClearField,
    /// Open the help overlay.
    Help,
    /// Open the map overlay.
    Map,
    /// Open the review screen.
    Review,
    /// Open the what-if overlay.
    WhatIf,
    /// Take the highlighted fact pattern (or every one) as a quiz.
    Quiz,
    /// Find a start-screen entry by typing.
    Filter,
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
    /// Matter screen: add a screening.
    Add,
    /// Matter screen: the caption, court, docket and people.
    Details,
    /// Matter screen: rename the highlighted screening (defendant and act).
    Rename,
    /// Matter screen: duplicate the highlighted screening with its answers.
    Duplicate,
    /// Matter screen: delete the highlighted screening (asks first).
    Delete,
    /// In a matter: edit the note and record cites of the current answer.
    Note,
    /// In a matter: the current answer's certainty, sure → unsure → contested → sure.
    Certainty,
    /// In a matter: back to the matter screen.
    Screenings,
    /// A form: save what was typed.
    Submit,
}

impl Action {
    /// True for the keys that mean something only in a matter (`--matter`): the walkthrough
    /// without one neither answers them nor lists them.
    pub fn matter_only(self) -> bool {
        matches!(self, Action::Note | Action::Certainty | Action::Screenings)
    }
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
            Key::Code(KeyCode::BackTab) => "Shift-Tab".into(),
            Key::Code(KeyCode::Home) => "Home".into(),
            Key::Code(KeyCode::End) => "End".into(),
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

use Context::{
    Conclusion, Confirm, Delete, Export, Filter, Form, Help, Map, Matter, Overwrite, Question,
    Review, Start, WhatIf,
};

/// Every context.
pub const ALL: &[Context] = &[
    Start, Question, Conclusion, Help, Map, Review, Export, Confirm, Overwrite, WhatIf, Filter,
    Matter, Form, Delete,
];
const SCROLLING: &[Context] = &[
    Start, Question, Conclusion, Help, Map, Review, WhatIf, Matter,
];
const WALKING: &[Context] = &[Question, Conclusion];

/// The keymap. Order matters: the first binding that matches wins, and help lists rows in this
/// order.
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Code(KeyCode::Char('k'))],
        action: Action::Up,
        help: "move up (in a text panel: scroll up a line)",
        footer: None,
        contexts: SCROLLING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Code(KeyCode::Char('j'))],
        action: Action::Down,
        help: "move down (in a text panel: scroll down a line)",
        footer: Some("move"),
        contexts: SCROLLING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Home), Key::Code(KeyCode::Char('g'))],
        action: Action::First,
        help: "first item, or the top",
        footer: None,
        contexts: SCROLLING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::End), Key::Code(KeyCode::Char('G'))],
        action: Action::Last,
        help: "last item, or the bottom",
        footer: None,
        contexts: SCROLLING,
    },
    Binding {
        keys: &[Key::Digits],
        action: Action::Select(0),
        help: "choose that answer",
        footer: None,
        contexts: &[Question],
    },
    Binding {
        keys: &[Key::Digits],
        action: Action::Select(0),
        help: "take that entry",
        footer: None,
        contexts: &[Start],
    },
    Binding {
        keys: &[Key::Digits],
        action: Action::Select(0),
        help: "take that match (the numbers follow the narrowed list)",
        footer: None,
        contexts: &[Filter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::Choose,
        help: "choose the highlighted answer; in the map or review, go back to that question",
        footer: Some("choose"),
        contexts: &[Start, Question, Map, Review],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::Choose,
        help: "open the highlighted screening: walk it from its saved answers",
        footer: Some("open"),
        contexts: &[Matter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('n'))],
        action: Action::Note,
        help: "note and record cites of the current question's answer (before it is answered: of the last answer)",
        footer: Some("note"),
        contexts: WALKING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('u'))],
        action: Action::Certainty,
        help: "mark that answer sure → unsure → contested → sure",
        footer: Some("unsure"),
        contexts: WALKING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        action: Action::Screenings,
        help: "back to the matter's screenings (every change is already saved; after a failed save, saves again or asks first)",
        footer: Some("screenings"),
        contexts: WALKING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('a'))],
        action: Action::Add,
        help: "add a screening: the defendant and the act",
        footer: Some("add"),
        contexts: &[Matter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('i'))],
        action: Action::Details,
        help: "the matter's caption, court, docket, client, preparer and reviewer (the memo's heading)",
        footer: None,
        contexts: &[Matter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('r'))],
        action: Action::Rename,
        help: "rename the highlighted screening (defendant and act)",
        footer: Some("rename"),
        contexts: &[Matter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('c'))],
        action: Action::Duplicate,
        help: "duplicate the highlighted screening with its answers, notes and cites",
        footer: Some("duplicate"),
        contexts: &[Matter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('d')), Key::Code(KeyCode::Delete)],
        action: Action::Delete,
        help: "delete the highlighted screening (asks first)",
        footer: Some("delete"),
        contexts: &[Matter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::Choose,
        help: "next field; in the last field, save (in the note field: a new line)",
        footer: Some("next"),
        contexts: &[Form],
    },
    Binding {
        keys: &[Key::Ctrl('s')],
        action: Action::Submit,
        help: "save",
        footer: Some("save"),
        contexts: &[Form],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab)],
        action: Action::NextPanel,
        help: "next field",
        footer: Some("field"),
        contexts: &[Form],
    },
    Binding {
        keys: &[Key::Code(KeyCode::BackTab)],
        action: Action::PrevPanel,
        help: "previous field",
        footer: None,
        contexts: &[Form],
    },
    Binding {
        keys: &[Key::Ctrl('u')],
        action: Action::ClearField,
        help: "clear the field",
        footer: None,
        contexts: &[Form],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        action: Action::Close,
        help: "cancel: nothing typed here is saved",
        footer: Some("cancel"),
        contexts: &[Form],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('y'))],
        action: Action::Yes,
        help: "yes, delete the screening",
        footer: Some("delete"),
        contexts: &[Delete],
    },
    Binding {
        keys: &[
            Key::Code(KeyCode::Enter),
            Key::Code(KeyCode::Char('n')),
            Key::Code(KeyCode::Esc),
        ],
        action: Action::No,
        help: "no, keep it (the default)",
        footer: Some("keep it"),
        contexts: &[Delete],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::Choose,
        help: "change your answer to the highlighted one: it becomes your walk",
        footer: Some("apply"),
        contexts: &[WhatIf],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('t'))],
        action: Action::Quiz,
        help: "take the highlighted fact pattern as a quiz (on the quiz entry: every one); the quiz ends back here",
        footer: Some("quiz"),
        contexts: &[Start],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('/'))],
        action: Action::Filter,
        help: "find an entry by typing: the list narrows to the entries with those words, numbered afresh",
        footer: Some("find"),
        contexts: &[Start],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::Choose,
        help: "take the highlighted entry",
        footer: Some("take"),
        contexts: &[Filter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up)],
        action: Action::Up,
        help: "previous entry",
        footer: None,
        contexts: &[Filter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down)],
        action: Action::Down,
        help: "next entry",
        footer: Some("move"),
        contexts: &[Filter],
    },
    Binding {
        keys: &[Key::Ctrl('u')],
        action: Action::ClearField,
        help: "clear what was typed",
        footer: None,
        contexts: &[Filter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        action: Action::Close,
        help: "clear the filter: every entry again",
        footer: Some("clear"),
        contexts: &[Filter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        action: Action::Close,
        help: "clear the filter",
        footer: None,
        contexts: &[Start],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('e'))],
        action: Action::Export,
        help: "export the conclusion (in a matter: the screening memo)",
        footer: Some("export"),
        contexts: &[Conclusion, Matter],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter), Key::Code(KeyCode::Char('y'))],
        action: Action::Yes,
        help: "yes",
        footer: Some("yes"),
        contexts: &[Confirm],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('y'))],
        action: Action::Yes,
        help: "yes, overwrite the file",
        footer: Some("overwrite"),
        contexts: &[Overwrite],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('n')), Key::Code(KeyCode::Esc)],
        action: Action::No,
        help: "no",
        footer: Some("no"),
        contexts: &[Confirm],
    },
    Binding {
        keys: &[
            Key::Code(KeyCode::Enter),
            Key::Code(KeyCode::Char('n')),
            Key::Code(KeyCode::Esc),
        ],
        action: Action::No,
        help: "no, keep the file (the default)",
        footer: Some("keep it"),
        contexts: &[Overwrite],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::Choose,
        help: "export to the path shown",
        footer: Some("export"),
        contexts: &[Export],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up)],
        action: Action::Up,
        help: "previous format",
        footer: None,
        contexts: &[Export],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down)],
        action: Action::Down,
        help: "next format",
        footer: Some("format"),
        contexts: &[Export],
    },
    Binding {
        keys: &[Key::Ctrl('u')],
        action: Action::ClearField,
        help: "clear the file name",
        footer: Some("clear"),
        contexts: &[Export],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab)],
        action: Action::NextPanel,
        help: "next panel or excerpt",
        footer: Some("panels"),
        contexts: &[Question],
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
        keys: &[Key::Code(KeyCode::BackTab)],
        action: Action::PrevPanel,
        help: "previous panel or excerpt",
        footer: None,
        contexts: &[Question],
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp)],
        action: Action::ScrollUp,
        help: "up a page",
        footer: None,
        contexts: SCROLLING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown)],
        action: Action::ScrollDown,
        help: "down a page",
        footer: Some("scroll"),
        contexts: SCROLLING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('?'))],
        action: Action::Help,
        help: "this help",
        footer: Some("help"),
        contexts: &[Start, Question, Conclusion, Map, Review, Matter],
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
        keys: &[Key::Code(KeyCode::Char('w'))],
        action: Action::WhatIf,
        help: "what if: each other answer to an answered question and where it leads (in a fact pattern: once the conclusion is reached)",
        footer: Some("what if"),
        contexts: &[Conclusion, Review],
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
        contexts: &[Help, Map, Review, Export, WhatIf],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::Close,
        help: "close",
        footer: None,
        contexts: &[Help],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('q'))],
        action: Action::Quit,
        help: "quit (asks first if the conclusion was not exported)",
        footer: Some("quit"),
        contexts: &[
            Start, Question, Conclusion, Help, Map, Review, Confirm, WhatIf,
        ],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('q'))],
        action: Action::Quit,
        help: "quit (every change is already saved)",
        footer: Some("quit"),
        contexts: &[Matter],
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

/// What the help says a binding does, in a matter (`in_matter`) or not: in a matter `q` never
/// asks about an export, because every change is saved as it is made (and leaving first saves
/// what a failed save left unsaved, asking before anything is lost).
pub fn help_text(binding: &Binding, in_matter: bool) -> &'static str {
    match binding.action {
        Action::Quit if in_matter && binding.help.starts_with("quit (asks first") => {
            "quit (every change is already saved; after a failed save, saves again or asks first)"
        }
        _ => binding.help,
    }
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

/// The footer's (keys, label) pairs for `context`, in table order. Only a binding's first key
/// is named (the help lists them all), so more fit.
pub fn footer(context: Context) -> Vec<(String, &'static str)> {
    footer_where(context, |_| true)
}

/// [`footer`] of the bindings whose action `keep` accepts (the walkthrough outside a matter
/// leaves out the matter's keys).
pub fn footer_where(
    context: Context,
    keep: impl Fn(Action) -> bool,
) -> Vec<(String, &'static str)> {
    // Where ↑/↓ only scroll, one slot says so for them and PgUp/PgDn together.
    let scroll_only = matches!(context, Context::Conclusion | Context::Help);
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for binding in bindings(context).filter(|b| keep(b.action)) {
        let Some(label) = binding.footer else {
            continue;
        };
        let entry = match binding.action {
            Action::Down if scroll_only => ("↑↓/PgUp/PgDn".to_owned(), "scroll"),
            Action::ScrollDown if scroll_only => continue,
            // Up and down share the footer slot "↑↓ move".
            Action::Down => ("↑↓".to_owned(), label),
            Action::ScrollDown => ("PgUp/PgDn".to_owned(), label),
            _ => (
                binding.keys.first().map(|k| k.name()).unwrap_or_default(),
                label,
            ),
        };
        out.push(entry);
    }
    out
}

/// The keys that trigger `action` in `context`, as shown to users ("y/Enter"), for hints
/// written into screens: `None` when no key does.
pub fn keys_for(context: Context, action: Action) -> Option<String> {
    let names: Vec<String> = bindings(context)
        .filter(|b| b.action == action)
        .flat_map(|b| b.keys.iter().map(|k| k.name()))
        .collect();
    (!names.is_empty()).then(|| names.join("/"))
}

/// "keys label · keys label" for the given actions of `context`, for hints inside screens.
pub fn hint(context: Context, actions: &[(Action, &str)]) -> String {
    actions
        .iter()
        .filter_map(|(action, label)| keys_for(context, *action).map(|k| format!("{k} {label}")))
        .collect::<Vec<_>>()
        .join(" · ")
}
