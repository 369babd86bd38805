//! The one keymap table. Key handling, the help overlay and the footer are all generated from
//! [`KEYMAP`], so what the screen says a key does is what it does.
//!
//! [`lookup`] is a pure function from a context and a key event to an [`Action`]: unit-tested
//! without a terminal.

mod table;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

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

/// One row of the keymap.
pub type Binding = super::keys::Binding<Action, Context>;

pub use super::keys::Key;
pub use table::{ALL, KEYMAP};

/// The action `event` triggers in `context`, if any. Key releases and repeats from terminals
/// that report them are ignored, so one press is one action.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Action> {
    let binding = super::keys::find(KEYMAP, &context, event)?;
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
