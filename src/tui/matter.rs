//! A matter open in the full-screen UI (`immunity --matter FILE`): the file and its lock, what
//! the matter screen lists, the screening being walked, and the last save.
//!
//! The file on disk is the one truth: the matter screen lists what was saved, and a walk's
//! answers are written to the file (atomically, through [`OpenMatter::change`]) before the
//! screen says "Saved". A save that fails is shown as such, and the change is not reported
//! saved; the next change writes everything again.
//!
//! What each screening concludes, how certain it is and its contingencies are the memo's model
//! ([`memo::screening`]), computed once per save, so the screen, the memo and `matter show` say
//! the same thing.

use std::path::{Path, PathBuf};

use crate::engine::Session;
use crate::matter::memo::{self, MemoScreening};
use crate::matter::screening;
use crate::matter::{MatterFile, MatterInfo, OpenMatter, Screening};
use crate::pack::Pack;
use crate::report::ReportContext;
use crate::text::escape_for_display;
use crate::tui::wrap::one_line;

/// The matter open in the UI.
#[derive(Debug)]
pub struct MatterState {
    /// The open file; `None` while the caption of a new matter is being asked for (nothing is
    /// written until it is given).
    pub open: Option<OpenMatter>,
    /// The file's path as given.
    pub path: PathBuf,
    /// Each saved screening as the memo states it, in the file's order.
    pub summaries: Vec<MemoScreening>,
    /// The highlighted screening on the matter screen.
    pub selected: usize,
    /// The screening being walked, if any.
    pub walking: Option<usize>,
    /// Local time of the last save, "14:03:22".
    pub saved_at: Option<String>,
    /// Why the last save failed; cleared by the next save that succeeds.
    pub save_failed: Option<String>,
    /// How the saved answers meet this pack (misfits, another pack version): shown on open.
    pub fit_report: Vec<String>,
    /// Where the walk goes once the save it is waiting for succeeds (after a failed save,
    /// leaving a walk first tries again).
    pub leaving: Option<Leave>,
}

/// Which screening a save touched, for refreshing only its summary.
#[derive(Debug, Clone, Copy)]
enum Touched {
    Inserted(usize),
    Removed(usize),
    Replaced(usize),
    Nothing,
}

/// Where leaving a walk goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    /// Back to the matter screen.
    Screenings,
    /// Out of the program.
    Quit,
}

impl MatterState {
    /// The matter at `open`, its screenings summarised against `pack`.
    pub fn opened(open: OpenMatter, pack: &Pack) -> Self {
        let mut state = Self::creating(open.path());
        state.open = Some(open);
        state.refresh(pack);
        state.fit_report = state.fit_lines();
        state
    }

    /// A matter to be created at `path` once its caption is given.
    pub fn creating(path: &Path) -> Self {
        Self {
            open: None,
            path: path.to_owned(),
            summaries: Vec::new(),
            selected: 0,
            walking: None,
            saved_at: None,
            save_failed: None,
            fit_report: Vec::new(),
            leaving: None,
        }
    }

    /// The matter as last saved.
    pub fn file(&self) -> Option<&MatterFile> {
        self.open.as_ref().map(|o| &o.file)
    }

    /// The caption, for headers (sanitised).
    pub fn caption(&self) -> String {
        self.file()
            .map_or_else(String::new, |f| one_line(&f.matter.caption))
    }

    /// The saved screening `i`.
    pub fn screening(&self, i: usize) -> Option<&Screening> {
        self.file().and_then(|f| f.screenings.get(i))
    }

    /// The number of screenings.
    pub fn len(&self) -> usize {
        self.file().map_or(0, |f| f.screenings.len())
    }

    /// True when the matter has no screening.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Recomputes the summaries from the saved file.
    pub fn refresh(&mut self, pack: &Pack) {
        let ctx = ReportContext::now(env!("CARGO_PKG_VERSION"));
        self.summaries = self.file().map_or_else(Vec::new, |f| {
            f.screenings
                .iter()
                .enumerate()
                .map(|(i, s)| memo::screening(i + 1, s, pack, &ctx))
                .collect()
        });
        self.selected = self.selected.min(self.len().saturating_sub(1));
    }

    /// Recomputes the summary of the one screening a save touched (a matter of many should
    /// not rebuild them all); one added or removed shifts the numbers after it, nothing else.
    fn refresh_touched(&mut self, touched: Touched, pack: &Pack) {
        let Some(file) = self.open.as_ref().map(|o| &o.file) else {
            return;
        };
        let after = &file.screenings;
        let ctx = ReportContext::now(env!("CARGO_PKG_VERSION"));
        let first = match touched {
            Touched::Nothing => return,
            Touched::Replaced(i) if i < self.summaries.len() && i < after.len() => {
                self.summaries[i] = memo::screening(i + 1, &after[i], pack, &ctx);
                return;
            }
            Touched::Inserted(i)
                if i <= self.summaries.len() && after.len() == self.summaries.len() + 1 =>
            {
                self.summaries
                    .insert(i, memo::screening(i + 1, &after[i], pack, &ctx));
                i
            }
            Touched::Removed(i)
                if i < self.summaries.len() && after.len() + 1 == self.summaries.len() =>
            {
                self.summaries.remove(i);
                i
            }
            _ => {
                self.refresh(pack);
                return;
            }
        };
        for (i, s) in self.summaries.iter_mut().enumerate().skip(first) {
            s.number = i + 1;
        }
        self.selected = self.selected.min(self.len().saturating_sub(1));
    }

    /// Which saved answers no longer fit the pack, and which screenings were saved with another
    /// pack or version: one line each, every answer kept.
    fn fit_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for s in &self.summaries {
            if s.misfits.is_empty() && s.pack_changed.is_none() {
                continue;
            }
            lines.push(format!("Screening {}: {}", s.number, s.defendant));
            if let Some(changed) = &s.pack_changed {
                lines.push(format!("  {changed}"));
            }
            for m in &s.misfits {
                lines.push(format!(
                    "  answer {} ({} = {}): {}; kept in the file, not used",
                    m.index + 1,
                    one_line(&m.question),
                    one_line(&m.option),
                    crate::text::Clean::line(&m.reason).into_string()
                ));
            }
        }
        lines
    }

    /// Applies `change` to the matter, saves it (atomically, under the lock) and recomputes
    /// what the screen shows of the one screening it touched. The matter is moved, never
    /// copied. Returns the local time of the save, or why it failed (in words); after a
    /// failure the matter is what the file on disk still holds.
    pub fn save(&mut self, change: screening::Change, pack: &Pack) -> Result<String, String> {
        let Some(open) = self.open.as_mut() else {
            return Err("the matter has not been created yet".to_owned());
        };
        let touched = match &change {
            screening::Change::Add(_) => Touched::Inserted(open.file.screenings.len()),
            screening::Change::Insert(i, _) => Touched::Inserted(*i),
            screening::Change::Duplicate(i) => Touched::Inserted(i + 1),
            screening::Change::Delete(i) => Touched::Removed(*i),
            screening::Change::Replace(i, _) => Touched::Replaced(*i),
            screening::Change::Details(_) => Touched::Nothing,
        };
        let placeholder = MatterFile::new(open.file.matter.clone());
        let mut next = std::mem::replace(&mut open.file, placeholder);
        let result = match screening::apply(&mut next, change) {
            Err(e) => {
                open.file = next;
                Err(e.to_string())
            }
            Ok(undo) => open.replace(next).map(|_| ()).map_err(|(e, back)| {
                // The file on disk is as it was: so is the matter in memory.
                let mut back = *back;
                let _ = screening::apply(&mut back, undo);
                open.file = back;
                e.to_string()
            }),
        };
        match result {
            Ok(()) => {
                let at = chrono::Local::now().format("%H:%M:%S").to_string();
                self.saved_at = Some(at.clone());
                self.save_failed = None;
                self.refresh_touched(touched, pack);
                Ok(at)
            }
            Err(e) => {
                let reason = escape_for_display(&e).into_owned();
                self.save_failed = Some(reason.clone());
                Err(reason)
            }
        }
    }

    /// Creates the matter file with these details (nothing existed before). Returns the local
    /// time of the save, or why it failed.
    pub fn create(&mut self, info: MatterInfo, pack: &Pack) -> Result<String, String> {
        match OpenMatter::create(&self.path, info) {
            Ok(open) => {
                self.open = Some(open);
                self.refresh(pack);
                let at = chrono::Local::now().format("%H:%M:%S").to_string();
                self.saved_at = Some(at.clone());
                self.save_failed = None;
                Ok(at)
            }
            Err(e) => Err(escape_for_display(&e.to_string()).into_owned()),
        }
    }
}

pub use crate::matter::screening::next_certainty;

/// The session a screening's saved answers lead to ([`screening::open`]).
pub fn session_for<'p>(saved: &Screening, pack: &'p Pack) -> Session<'p> {
    screening::open(saved, pack)
}

/// `saved` with its answers made what `session` remembers ([`screening::synced`]: the one rule
/// every front end saves a walk with).
pub fn synced(saved: &Screening, session: &Session<'_>, pack: &Pack) -> Screening {
    screening::synced(saved, session, pack)
}

/// Question `q`'s number as the walk numbers it: its step on the path, else the next step.
pub fn question_number(session: &Session<'_>, q: usize) -> usize {
    session
        .history()
        .iter()
        .position(|s| s.question == q)
        .map_or(session.history().len() + 1, |i| i + 1)
}

/// A short form of question `q`'s prompt in quotes, for status lines: “Who is this defendant?…”.
fn prompt_quoted(pack: &Pack, q: usize) -> String {
    format!(
        "\u{201c}{}\u{201d}",
        crate::matter::screening::words::short(&pack.question(q).prompt)
    )
}

/// How a status line names the saved answer to the question with id `id` (ids are internal):
/// "answer 3 (“Own act?”)", numbered as the walk numbers its questions.
pub fn answer_name(session: &Session<'_>, id: &str) -> String {
    session.pack().question_index(id).map_or_else(
        || "an answer the pack does not know".to_owned(),
        |q| {
            format!(
                "answer {} ({})",
                question_number(session, q),
                prompt_quoted(session.pack(), q)
            )
        },
    )
}

/// Every answer of `after` that `before` does not hold, in words, for the "Saved" line and for
/// what leaving without saving would lose: "answer 1: Yes (“Acting as a judge?”)".
pub fn describe_changes(
    before: &Screening,
    after: &Screening,
    session: &Session<'_>,
) -> Vec<String> {
    let pack = session.pack();
    let mut changes: Vec<String> = after
        .answers
        .iter()
        .filter(|a| !before.answers.contains(a))
        .map(|a| {
            let label = pack
                .question_index(&a.question)
                .and_then(|q| {
                    pack.option_index(q, &a.option)
                        .map(|o| pack.question(q).options[o].label.clone())
                })
                .unwrap_or_else(|| a.option.clone());
            // The number and the answer first: on a narrow screen the prompt is what is cut.
            match pack.question_index(&a.question) {
                Some(q) => format!(
                    "answer {}: {} ({})",
                    question_number(session, q),
                    crate::matter::screening::words::short(&label),
                    prompt_quoted(pack, q)
                ),
                None => format!(
                    "an answer the pack does not know: {}",
                    crate::matter::screening::words::short(&label)
                ),
            }
        })
        .collect();
    let cleared = before
        .answers
        .iter()
        .filter(|b| !after.answers.iter().any(|a| a.question == b.question))
        .count();
    if cleared > 0 {
        changes.push(crate::words::count(
            cleared,
            "answer cleared",
            "answers cleared",
        ));
    }
    changes
}

/// The first of [`describe_changes`], with how many more there are.
pub fn describe_change(before: &Screening, after: &Screening, session: &Session<'_>) -> String {
    let changes = describe_changes(before, after, session);
    match changes.as_slice() {
        [] => "answers cleared".to_owned(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
    }
}
