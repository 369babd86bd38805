//! In a screening's walk, the answers and what hangs on them: the review with notes, cites and
//! certainty, the contingencies at a conclusion, and the course the `note`, `cite` and `uncite`
//! commands share (their handlers stand in `walk_table.rs`): take or ask for the text, mark, save.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};

use super::MatterPlainError;
use super::screen::{Screen, Walk, save, synced, walk_keys};
use super::words::{annotation_lines, certainty_words, contingency_text};
use crate::matter::memo::Memo;
use crate::matter::screening::{self, Mark};
use crate::plain::PlainError;
use crate::plain::input::one_line;
use crate::plain::input::{Line, MAX_LINE};
use crate::report::ReportContext;

impl Screen<'_> {
    /// The shared course of `note`, `cite` and `uncite`: the text `given`, or else the reply to
    /// the prompt ([`given_or_asked`]); `mark` turns it into the change, says so (or refuses),
    /// and the change is saved. An empty reply changes nothing.
    pub(super) fn given_or_asked_mark<R: BufRead, W: Write>(
        &mut self,
        walk: &mut Walk<'_, '_, R, W>,
        target: &Target,
        given: Option<String>,
        (prompt, said): (&str, (&str, &str)),
        mark: impl FnOnce(
            &mut Walk<'_, '_, R, W>,
            String,
        ) -> Result<Result<Mark, String>, MatterPlainError>,
    ) -> Result<Result<(), String>, MatterPlainError> {
        let text = match given_or_asked(walk, given, prompt, said)? {
            Ok(Some(text)) => text,
            Ok(None) => return Ok(Ok(())),
            Err(refused) => return Ok(Err(refused)),
        };
        match mark(walk, text)? {
            Ok(mark) => {
                self.annotate(walk, &target.id, mark)?;
                Ok(Ok(()))
            }
            Err(refused) => Ok(Err(refused)),
        }
    }

    /// Saves the walk's answers with `edit` applied to the saved answer to question `id`.
    pub(super) fn annotate<R: BufRead, W: Write>(
        &mut self,
        walk: &mut Walk<'_, '_, R, W>,
        id: &str,
        mark: Mark,
    ) -> Result<bool, MatterPlainError> {
        let mut next = screening::synced(self.screening(), &walk.session, walk.pack);
        let index = self.index;
        // The target is an answer the walk has, so it is in the synced screening.
        let _ = screening::annotate(&mut next, id, mark);
        save(walk, self.open, |f| {
            f.screenings[index] = next;
            Ok(())
        })
    }

    /// `v`: the answers on the path with their notes, record cites and certainty, then the
    /// saved answers off the path.
    pub(super) fn review<R: BufRead, W: Write>(
        &self,
        walk: &mut Walk<'_, '_, R, W>,
    ) -> Result<(), PlainError> {
        let history = walk.session.history().to_vec();
        if history.is_empty() {
            walk.say("No answers on the path yet.")?;
        } else {
            walk.say(&format!("Your answers so far ({}):", history.len()))?;
        }
        let mut on_path = HashSet::new();
        for (i, step) in history.iter().enumerate() {
            let question = walk.pack.question(step.question);
            on_path.insert(question.id.as_str());
            walk.say(&format!(
                "{}. {} Answer: {}.",
                i + 1,
                one_line(&question.prompt),
                one_line(&question.options[step.option].label).trim_end_matches('.')
            ))?;
            if let Some(a) = self.saved(&question.id) {
                for line in annotation_lines(a, walk.pack) {
                    walk.say(&line)?;
                }
            }
        }
        if !history.is_empty() {
            walk.say("To change an answer, type g and its number (g 1).")?;
        }
        // The answer at the current question (after going back) is shown with the question.
        let here = walk
            .session
            .current_question()
            .map(|q| walk.pack.question(q).id.as_str());
        let pack = walk.pack;
        let off: Vec<String> = self
            .screening()
            .answers
            .iter()
            .filter(|a| !on_path.contains(a.question.as_str()) && Some(a.question.as_str()) != here)
            .map(|a| {
                let fits = pack.question_index(&a.question).and_then(|q| {
                    let o = pack.option_index(q, &a.option)?;
                    let question = pack.question(q);
                    Some(format!(
                        "\u{201c}{}\u{201d}: {}",
                        one_line(&question.prompt),
                        one_line(&question.options[o].label).trim_end_matches('.')
                    ))
                });
                fits.unwrap_or_else(|| {
                    format!(
                        "{} = {} (no longer fits the pack)",
                        one_line(&a.question),
                        one_line(&a.option)
                    )
                })
            })
            .collect();
        if !off.is_empty() {
            walk.say(&format!(
                "Other saved answers, not on this path (kept; they count again if the path reaches their question): {}.",
                off.join("; ")
            ))?;
        }
        walk_keys(walk)
    }

    /// At a conclusion: the certainty and each unsure or contested answer's contingency, as
    /// the memo computes them from the answers as the walk has them.
    pub(super) fn contingency_lines<R: BufRead, W: Write>(
        &self,
        walk: &Walk<'_, '_, R, W>,
    ) -> Vec<String> {
        let mut screening = self.screening().clone();
        screening.answers = synced(&screening, walk.pack, &walk.session);
        let mut file = self.open.file.clone();
        file.screenings = vec![screening];
        let memo = Memo::build(
            &file,
            walk.pack,
            &ReportContext::now(walk.options.tool_version.clone()),
        );
        let Some(s) = memo.screenings.first() else {
            return Vec::new();
        };
        let mut lines = vec![format!("Certainty: {}.", certainty_words(s))];
        let steps: HashMap<&str, usize> = walk
            .session
            .history()
            .iter()
            .enumerate()
            .map(|(i, step)| (walk.pack.question(step.question).id.as_str(), i + 1))
            .collect();
        for c in &s.contingencies {
            lines.extend(contingency_text(c, steps.get(c.question.as_str()).copied()));
        }
        lines
    }
}

/// The answer a note, cite or certainty command applies to: its question's id, and how it is
/// named in the confirmation.
pub(super) struct Target {
    pub(super) id: String,
    pub(super) which: String,
}

/// The text a command was `given`, or else the reply to `prompt`: `Ok(Some(text))`;
/// `Ok(None)` when the reply is empty (`empty` is said, then the keys); `Err` with the refusal
/// "the input ended; `unchanged`" when the input ends first.
pub(super) fn given_or_asked<R: BufRead, W: Write>(
    walk: &mut Walk<'_, '_, R, W>,
    given: Option<String>,
    prompt: &str,
    (empty, unchanged): (&str, &str),
) -> Result<Result<Option<String>, String>, PlainError> {
    if given.is_some() {
        return Ok(Ok(given));
    }
    walk.say(prompt)?;
    Ok(match read_reply(walk)? {
        Some(text) if text.is_empty() => {
            walk.say(empty)?;
            walk_keys(walk)?;
            Ok(None)
        }
        Some(text) => Ok(Some(text)),
        None => Err(format!("the input ended; {unchanged}")),
    })
}

/// Reads one line of a reply inside a walk: `None` at the end of the input; a line too long
/// is refused (in a script, the session stops) and counts as an empty reply.
pub(super) fn read_reply<R: BufRead, W: Write>(
    walk: &mut Walk<'_, '_, R, W>,
) -> Result<Option<String>, PlainError> {
    match walk.read_line()? {
        None => Ok(None),
        Some(Line::Text(t)) => Ok(Some(t.trim().to_owned())),
        Some(Line::TooLong) => {
            walk.refuse(&format!("the line is longer than {MAX_LINE} bytes"))?;
            Ok(Some(String::new()))
        }
    }
}
