//! The quiz's key table: key handling, the footer and the `?` help are all read from [`KEYS`]
//! (the shape of [`crate::tui::keys`]), so what the screen says a key does is what it does.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::Msg;
use crate::results::Confidence;
use crate::tui::keys::{self, Binding, Key, Slot};

/// Where the student is: decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Answering a question.
    Asking,
    /// After a reveal.
    Revealed,
    /// At the end of a pattern.
    Ended,
    /// The summary.
    Summary,
    /// The `?` help over any of them.
    Help,
}

use Context::{Asking, Ended, Help, Revealed, Summary};

/// Every phase of the quiz (not the help over it).
const PHASES: &[Context] = &[Asking, Revealed, Ended, Summary];
/// After the answer is committed: ↑/↓ scroll, there is nothing to choose.
const READING: &[Context] = &[Revealed, Ended, Summary];
/// Everywhere.
const ALL: &[Context] = &[Asking, Revealed, Ended, Summary, Help];

/// What `q` does, in the footer (from the walkthrough's start screen it is "save & back").
pub const QUIT_WORDS: &str = "save & quit";

/// The quiz's keys, in the order the footer and the help list them. A key written exactly
/// wins over a range (`q` quits, `c` is the court's path, though letters choose).
pub const KEYS: &[Binding<Msg, Context>] = &[
    keys::option_letter(
        Msg::Pick(0),
        "choose the option with that letter",
        &[Asking],
    ),
    keys::option_above(Msg::Up, &[Asking]),
    keys::option_below(Msg::Down, &[Asking]),
    Binding {
        keys: &[Key::Range('1', '3')],
        action: Msg::Sure(Confidence::Guess),
        help: "your confidence: 1 a guess, 2 fairly sure, 3 certain",
        footer: Some("confidence"),
        contexts: &[Asking],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Msg::Commit,
        help: "commit the highlighted option and the confidence: then the court's answer shows",
        footer: Some("commit"),
        contexts: &[Asking],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('c'))],
        action: Msg::Court,
        help: "go on along the court's path (practice: not scored)",
        footer: Some("court's path (practice)"),
        contexts: &[Revealed],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('o'))],
        action: Msg::Own,
        help: "go on along your own answer",
        footer: Some("your path"),
        contexts: &[Revealed],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Msg::Own,
        help: "go on along your own answer",
        footer: Some("your path"),
        contexts: &[Revealed],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('r'))],
        action: Msg::Retry,
        help: "retry from where you first left the court's path",
        footer: Some("retry where you left the court"),
        contexts: &[Ended],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter), Key::Code(KeyCode::Char('n'))],
        action: Msg::Next,
        help: "the next fact pattern, or the summary after the last",
        footer: Some("next"),
        contexts: &[Ended],
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown), Key::Code(KeyCode::Char(' '))],
        action: Msg::PageDown,
        help: "scroll down a page",
        footer: Some("scroll"),
        contexts: PHASES,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp)],
        action: Msg::PageUp,
        help: "scroll up a page",
        footer: Some("scroll"),
        contexts: PHASES,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down)],
        action: Msg::PageDown,
        help: "scroll down a page (once answered)",
        footer: None,
        contexts: READING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Up)],
        action: Msg::PageUp,
        help: "scroll up a page (once answered)",
        footer: None,
        contexts: READING,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('?'))],
        action: Msg::Help,
        help: "every key (this help)",
        footer: Some("keys"),
        contexts: PHASES,
    },
    Binding {
        keys: &[
            Key::Code(KeyCode::Char('?')),
            Key::Code(KeyCode::Esc),
            Key::Code(KeyCode::Enter),
        ],
        action: Msg::Help,
        help: "close this help",
        footer: Some("close"),
        contexts: &[Help],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('q')), Key::Code(KeyCode::Esc)],
        action: Msg::Quit,
        help: "save the results and quit (from the start screen: go back to it)",
        footer: Some(QUIT_WORDS),
        contexts: PHASES,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Char('q'))],
        action: Msg::Quit,
        help: "save the results and quit (from the start screen: go back to it)",
        footer: None,
        contexts: &[Help],
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Msg::Quit,
        help: "save the results and leave (on the summary)",
        footer: None,
        contexts: &[Summary],
    },
    keys::interrupt(
        Msg::Interrupt,
        "stop at once: the results are saved (from the walkthrough: it ends too)",
        ALL,
    ),
    keys::suspend(Msg::Suspend, ALL),
];

/// The message `event` sends in `context`: a range's message gets the key typed (the letter's
/// option, the digit's confidence).
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Msg> {
    let binding = keys::find(KEYS, &context, event)?;
    match binding.action {
        Msg::Pick(_) => keys::letter_index(event).map(Msg::Pick),
        Msg::Sure(_) => Confidence::from_level(keys::digit(event)?).map(Msg::Sure),
        msg => Some(msg),
    }
}

/// The footer's slots in `context`.
pub fn footer(context: Context) -> Vec<Slot<Msg>> {
    keys::footer_in(KEYS, &context)
}

/// The help: every key of every phase, with what it does.
pub fn help() -> Vec<(String, &'static str)> {
    keys::help_rows(KEYS)
}
