//! Presenter mode's key table: key handling, the footer and the `?` screen are all read from
//! [`KEYS`] (the shape of [`crate::tui::keys`]). A letter means one thing whatever its case: a
//! command where the table writes it, else the option with that letter; a letter that is a
//! command anywhere in the table never chooses (its option is reached with the arrows).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::Msg;
use crate::tui::keys::{self, Binding, Key, Slot};

/// Where the presenter is: decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A question, without a live room.
    Question,
    /// A conclusion, without a live room.
    Conclusion,
    /// A question, the room answering live (`--live`).
    LiveQuestion,
    /// A conclusion, with a live room.
    LiveConclusion,
    /// Typing the room's counts (`t`, without a live room).
    Typing,
}

use Context::{Conclusion, LiveConclusion, LiveQuestion, Question, Typing};

const QUESTIONS: &[Context] = &[Question, LiveQuestion];
const SCREENS: &[Context] = &[Question, Conclusion, LiveQuestion, LiveConclusion];
const LIVE: &[Context] = &[LiveQuestion, LiveConclusion];
const ALL: &[Context] = &[Question, Conclusion, LiveQuestion, LiveConclusion, Typing];

const fn key(c: char) -> Key {
    Key::Code(KeyCode::Char(c))
}

/// Presenter mode's keys, in the order the footer and the help list them.
pub const KEYS: &[Binding<Msg, Context>] = &[
    keys::option_letter(
        Msg::Pick(0),
        "choose the option with that letter (either case)",
        QUESTIONS,
    ),
    keys::option_above(Msg::Up, QUESTIONS),
    keys::option_below(Msg::Down, QUESTIONS),
    Binding {
        keys: &[key('o')],
        action: Msg::Open,
        help: "open the question to the room's answers",
        footer: Some("open"),
        contexts: &[LiveQuestion],
    },
    Binding {
        keys: &[key('l')],
        action: Msg::Lock,
        help: "lock the question: no more answers",
        footer: Some("lock"),
        contexts: &[LiveQuestion],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Msg::Go,
        help: "answer with the highlighted option and go on (at a conclusion: the next fact pattern)",
        footer: Some("next"),
        contexts: QUESTIONS,
    },
    Binding {
        keys: &[key('n')],
        action: Msg::Go,
        help: "answer with the highlighted option and go on (at a conclusion: the next fact pattern)",
        footer: Some("next"),
        contexts: QUESTIONS,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter), key('n')],
        action: Msg::Go,
        help: "answer with the highlighted option and go on (at a conclusion: the next fact pattern)",
        footer: None,
        contexts: &[Conclusion, LiveConclusion],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Left), Key::Code(KeyCode::Backspace)],
        action: Msg::Back,
        help: "back one question",
        footer: Some("back"),
        contexts: SCREENS,
    },
    Binding {
        keys: &[key('r')],
        action: Msg::Reveal,
        help: "reveal or hide the court's answer, the notes and the excerpts",
        footer: Some("reveal"),
        contexts: SCREENS,
    },
    Binding {
        keys: &[key('t')],
        action: Msg::Tally,
        help: "type the room's count for each option (the digits are masked)",
        footer: Some("tally"),
        contexts: &[Question],
    },
    Binding {
        keys: &[key('v')],
        action: Msg::Chart,
        help: "show or hide the bar chart of the counts",
        footer: Some("chart"),
        contexts: QUESTIONS,
    },
    Binding {
        keys: &[key('m')],
        action: Msg::Map,
        help: "show or hide the map, the path so far lit",
        footer: Some("map"),
        contexts: SCREENS,
    },
    Binding {
        keys: &[key('j')],
        action: Msg::Join,
        help: "show or hide the join code",
        footer: Some("join code"),
        contexts: LIVE,
    },
    Binding {
        keys: &[key('?')],
        action: Msg::Help,
        help: "every key (this screen)",
        footer: Some("keys"),
        contexts: SCREENS,
    },
    Binding {
        keys: &[key('q'), Key::Code(KeyCode::Esc)],
        action: Msg::Quit,
        help: "quit",
        footer: Some("quit"),
        contexts: SCREENS,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown), key(' ')],
        action: Msg::PageDown,
        help: "scroll down a page (when the question does not fit)",
        footer: None,
        contexts: SCREENS,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp)],
        action: Msg::PageUp,
        help: "scroll up a page",
        footer: None,
        contexts: SCREENS,
    },
    Binding {
        keys: &[Key::Range('0', '9')],
        action: Msg::Digit(0),
        help: "a digit of the count (while typing counts)",
        footer: Some("count"),
        contexts: &[Typing],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Backspace)],
        action: Msg::Erase,
        help: "delete the count's last digit (while typing counts)",
        footer: None,
        contexts: &[Typing],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up), Key::Code(KeyCode::BackTab)],
        action: Msg::Up,
        help: "the previous option's count (while typing counts)",
        footer: Some("next option"),
        contexts: &[Typing],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), Key::Code(KeyCode::Tab)],
        action: Msg::Down,
        help: "the next option's count (while typing counts)",
        footer: Some("next option"),
        contexts: &[Typing],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter), Key::Code(KeyCode::Esc), key('t')],
        action: Msg::Tally,
        help: "done typing counts",
        footer: Some("done"),
        contexts: &[Typing],
    },
    keys::interrupt(Msg::Quit, "quit", ALL),
    keys::suspend(Msg::Suspend, ALL),
];

/// The letters that are commands somewhere in the table (in either case): they never choose
/// an option.
pub fn is_command(c: char) -> bool {
    let c = c.to_ascii_lowercase();
    KEYS.iter()
        .flat_map(|b| b.keys)
        .any(|k| *k == Key::Code(KeyCode::Char(c)))
        && c.is_ascii_alphabetic()
}

/// The message `event` sends in `context`. Letters are read in lower case (a command whatever
/// its case); a range's message gets the key typed.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Msg> {
    let mut event = *event;
    if let KeyCode::Char(c) = event.code {
        event.code = KeyCode::Char(c.to_ascii_lowercase());
    }
    let binding = keys::find(KEYS, &context, &event)?;
    match binding.action {
        Msg::Pick(_) => keys::letter_index(&event)
            .filter(|_| !keys::typed(&event).is_some_and(is_command))
            .map(Msg::Pick),
        Msg::Digit(_) => keys::digit(&event).map(Msg::Digit),
        msg => Some(msg),
    }
}

/// The footer's slots in `context`.
pub fn footer(context: Context) -> Vec<Slot<Msg>> {
    keys::footer_in(KEYS, &context)
}

/// The help: every key that applies with a live room (`live`) or without one.
pub fn help(live: bool) -> Vec<(String, &'static str)> {
    let contexts: &[Context] = if live {
        LIVE
    } else {
        &[Question, Conclusion, Typing]
    };
    keys::help_rows(
        KEYS.iter()
            .filter(|b| b.contexts.iter().any(|c| contexts.contains(c))),
    )
}
