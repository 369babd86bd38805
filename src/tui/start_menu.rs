//! The start screen's entries and how keys reach them: a free walk, the quiz over every fact
//! pattern, then each fact pattern. A pack can hold many fact patterns, more than the digits
//! 1–9 reach, so `/` finds entries by typing: the list narrows to the entries whose words
//! contain what was typed, its numbers follow the narrowed list (so 1–9 take any entry once
//! narrowed: digits are not typed into the filter, as no entry is told apart by them), and
//! Enter takes the highlighted one. Esc clears the filter. ↑/↓ and End reach every entry too,
//! and the list scrolls to keep the highlighted one in view.
//!
//! Pure state and update, like the rest of [`super::app`]: the quiz itself runs in the run
//! loop, asked for by [`Effect::Quiz`].

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use super::app::StartFilter;
use super::app::{App, Effect};
use super::keymap::Action;
use super::wrap::one_line;
use crate::words::count;

/// Longest filter kept, in characters (a paste or a held key cannot grow it without bound).
const MAX_FILTER: usize = 80;

/// One entry of the start screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartEntry {
    /// Walk the tree freely.
    Free,
    /// The quiz over every fact pattern of the pack.
    QuizAll,
    /// A fact pattern (index into the pack's cases).
    Case(usize),
    /// Another pack (index into [`App::packs`]), offered when more than one is bundled.
    Pack(usize),
}

impl App<'_> {
    /// Every entry of the start screen, in order. The quiz entry is there only when the pack
    /// has fact patterns.
    pub fn start_entries(&self) -> Vec<StartEntry> {
        let cases = self.pack.case_titles().len();
        let mut out = vec![StartEntry::Free];
        if cases > 0 {
            out.push(StartEntry::QuizAll);
        }
        out.extend((0..cases).map(StartEntry::Case));
        if self.packs.len() > 1 {
            out.extend(
                (0..self.packs.len())
                    .filter(|&i| !std::ptr::eq(self.packs[i], self.pack))
                    .map(StartEntry::Pack),
            );
        }
        out
    }

    /// An entry's words, as listed (and as the filter matches them).
    pub fn start_label(&self, entry: StartEntry) -> String {
        match entry {
            StartEntry::Free => "Walk the tree freely".to_owned(),
            StartEntry::QuizAll => {
                let n = self.pack.case_titles().len();
                format!(
                    "Quiz: {} under neutral titles, scored",
                    count(n, "fact pattern", "fact patterns")
                )
            }
            StartEntry::Case(i) => {
                format!("Fact pattern: {}", one_line(&self.pack.case_titles()[i]))
            }
            StartEntry::Pack(i) => format!(
                "Another pack: {} ({})",
                one_line(self.packs[i].title()),
                one_line(self.packs[i].id())
            ),
        }
    }

    /// The entries the list shows: all of them, or those matching the filter. Every word of
    /// the filter must appear in the entry's words, ignoring case.
    pub fn visible_entries(&self) -> Vec<StartEntry> {
        let words: Vec<String> = self
            .start_filter
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.start_entries()
            .into_iter()
            .filter(|&e| {
                if words.is_empty() {
                    return true;
                }
                let label = self.start_label(e).to_lowercase();
                words.iter().all(|w| label.contains(w.as_str()))
            })
            .collect()
    }

    /// Takes visible entry `index`: starts its walk, or asks the loop for the quiz.
    pub(super) fn take_entry(&mut self, index: usize) -> Option<Effect> {
        let entry = *self.visible_entries().get(index)?;
        self.start_filter = StartFilter::default();
        self.start_selected = 0;
        match entry {
            StartEntry::Free => self.begin(None),
            StartEntry::Case(i) => self.begin(Some(i)),
            StartEntry::QuizAll => {
                return Some(Effect::Quiz((0..self.pack.cases().len()).collect()));
            }
            StartEntry::Pack(i) => self.switch_pack(i),
        }
        None
    }

    /// Opens the walkthrough afresh on pack `i` of [`App::packs`], on its start screen.
    fn switch_pack(&mut self, i: usize) {
        let packs = std::mem::take(&mut self.packs);
        let Some(&pack) = packs.get(i) else {
            self.packs = packs;
            return;
        };
        let mut next = App::new(pack, self.theme, self.cwd.clone()).offer_packs(packs);
        next.size = self.size;
        next.status = Some(format!("Opened the pack {}", one_line(pack.title())));
        *self = next;
    }

    /// The quiz key: the highlighted fact pattern alone, or every one on the quiz entry.
    pub(super) fn quiz_highlighted(&mut self) -> Option<Effect> {
        match self.visible_entries().get(self.start_selected) {
            Some(StartEntry::Case(i)) => Some(Effect::Quiz(vec![*i])),
            Some(StartEntry::QuizAll) => Some(Effect::Quiz((0..self.pack.cases().len()).collect())),
            _ => {
                self.status = Some(if self.pack.cases().is_empty() {
                    "This pack has no fact patterns to take as a quiz.".to_owned()
                } else {
                    "Highlight a fact pattern (or the quiz entry) to take it as a quiz.".to_owned()
                });
                None
            }
        }
    }

    /// Keys on the start screen while the filter is not being typed.
    pub(super) fn on_start_action(&mut self, action: Action) -> Option<Effect> {
        let count = self.visible_entries().len();
        match action {
            Action::Select(n) if (1..=count).contains(&n) => {
                self.start_selected = n - 1;
                return self.take_entry(n - 1);
            }
            Action::Choose => return self.take_entry(self.start_selected),
            Action::Quiz => return self.quiz_highlighted(),
            Action::Filter => {
                self.start_filter.typing = true;
            }
            Action::Close => {
                self.start_filter = StartFilter::default();
                self.start_selected = 0;
            }
            _ => {}
        }
        None
    }

    /// Keys while the filter is typed: Enter takes the highlighted entry, a digit the match
    /// with that number, Esc clears the filter, ↑/↓ move, Ctrl-U clears the text.
    pub(super) fn on_filter_action(&mut self, action: Action) -> Option<Effect> {
        let count = self.visible_entries().len();
        match action {
            Action::Up => self.start_selected = self.start_selected.saturating_sub(1),
            Action::Down => {
                self.start_selected = (self.start_selected + 1).min(count.saturating_sub(1));
            }
            Action::Select(n) if (1..=count).contains(&n) => return self.take_entry(n - 1),
            Action::Choose if count > 0 => return self.take_entry(self.start_selected),
            Action::Choose => {
                self.status = Some("No entry matches; Esc clears the filter.".to_owned());
            }
            Action::Close => {
                self.start_filter = StartFilter::default();
                self.start_selected = 0;
            }
            Action::ClearField => self.set_filter(""),
            _ => {}
        }
        None
    }

    /// A key typed into the filter.
    pub(super) fn filter_input(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release
            || key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return;
        }
        let mut text = self.start_filter.text.clone();
        match key.code {
            KeyCode::Char(c) if !c.is_control() => text.push(c),
            KeyCode::Backspace => {
                text.pop();
            }
            _ => return,
        }
        self.set_filter(&text);
    }

    /// Text pasted while the filter is typed: its first line, without control characters.
    pub(super) fn filter_paste(&mut self, pasted: &str) {
        let line = pasted.lines().next().unwrap_or_default();
        let text = format!(
            "{}{}",
            self.start_filter.text,
            crate::text::Clean::line(line).into_string()
        );
        self.set_filter(&text);
    }

    fn set_filter(&mut self, text: &str) {
        self.start_filter.text = text
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_FILTER)
            .collect();
        // The first match is highlighted: Enter takes it, as in any finder.
        self.start_selected = 0;
    }
}
