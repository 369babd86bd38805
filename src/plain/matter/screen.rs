//! A screening walked: the walkthrough resumed from the saved answers, with the matter's
//! commands (note, cite, certainty, keep, drop, menu) and every change saved as it is made.

use std::fmt::Write as _;
use std::io::{BufRead, Write};

use super::walk_table::ScreenWalk;
use super::words::{annotation_lines, capitalise, fit_lines};
use super::{MatterPlainError, Run};
use crate::engine::Session;
use crate::matter::screening::{self};
use crate::matter::{Answer, MatterError, MatterFile, OpenMatter};
use crate::pack::{Node, Pack};
use crate::plain::command;
use crate::plain::input::{one_line, outside_line};
use crate::plain::{PlainError, Walkthrough};
use crate::words::count;

/// How a screening's walk ended.
#[derive(Debug, Clone, Copy)]
pub(super) enum WalkEnd {
    Menu,
    Quit,
    InputEnded { at_conclusion: bool },
}

/// The keys a screening's walk adds to the keys line.
pub(super) const WALK_KEYS: &[&str] = &["note", "cite", "unsure", "contested", "sure", "menu"];

impl<R: BufRead, W: Write> Run<'_, R, W> {
    /// Walks screening `index` from its saved answers, saving every change.
    pub(super) fn walk(&mut self, index: usize) -> Result<WalkEnd, MatterPlainError> {
        let pack = self.pack;
        let screening = &self.open.file.screenings[index];
        let fit = screening.fit(pack);
        let total = self.open.file.screenings.len();
        let mut head = format!(
            "Screening {} of {total}: {}",
            index + 1,
            one_line(&screening.defendant)
        );
        if let Some(act) = &screening.act {
            let _ = write!(head, ", act: {}", one_line(act).trim_end_matches('.'));
        }
        head.push('.');
        let fit_report = fit_lines(index + 1, &one_line(&screening.defendant), screening, pack);
        let saved = screening.answers.len();
        let session = Session::resume(pack, fit.answers);
        let mut options = self.io.options.clone();
        options.case = None;
        let Run { open, io, .. } = self;
        let mut walk = Walkthrough::new(pack, options, &mut io.input, &mut io.out)?.resume(session);
        walk.line = io.line;
        let screen = Screen { open, index };
        walk.say(&head)?;
        for line in fit_report {
            walk.say(&line)?;
        }
        let on_path = walk.session.history().len();
        walk.say(&if saved == 0 {
            "No answers yet: starting at the first question.".to_owned()
        } else if walk.session.is_finished() {
            format!(
                "{} saved; the walk reaches a conclusion after {}.",
                capitalise(&count(saved, "answer", "answers")),
                count(on_path, "question", "questions")
            )
        } else {
            format!(
                "{} saved; resuming at question {} after {} on the path.",
                capitalise(&count(saved, "answer", "answers")),
                on_path + 1,
                count(on_path, "answer", "answers")
            )
        })?;
        screen.show(&mut walk)?;
        let mut walking = ScreenWalk { walk, screen };
        let end = command::run(&mut walking)?;
        let ScreenWalk { walk, .. } = walking;
        let line = walk.line;
        drop(walk);
        self.io.line = line;
        Ok(end)
    }
}

/// A screening being walked: the matter it is saved in and its index.
pub(super) struct Screen<'a> {
    pub(super) open: &'a mut OpenMatter,
    pub(super) index: usize,
}

/// The walkthrough over the matter's streams.
pub(super) type Walk<'p, 'a, R, W> = Walkthrough<'p, &'a mut R, &'a mut W>;

impl Screen<'_> {
    /// The step as the walkthrough prints it, then what the matter adds: the saved note,
    /// cites and certainty of the answer given here, the contingencies at a conclusion; then
    /// the keys.
    pub(super) fn show<R: BufRead, W: Write>(
        &self,
        walk: &mut Walk<'_, '_, R, W>,
    ) -> Result<(), PlainError> {
        walk.show_place()?;
        match walk.session.current() {
            Node::Question(q) => {
                if walk.session.remembered(q).is_some() {
                    let id = &walk.pack.question(q).id;
                    if let Some(a) = self.saved(id) {
                        for line in annotation_lines(a, walk.pack) {
                            walk.say(&line)?;
                        }
                    }
                }
            }
            Node::Conclusion(_) => {
                for line in self.contingency_lines(walk) {
                    walk.say(&line)?;
                }
            }
        }
        walk_keys(walk)
    }

    pub(super) fn screening(&self) -> &crate::matter::Screening {
        &self.open.file.screenings[self.index]
    }

    /// The saved answer to question id `id` in this screening.
    pub(super) fn saved(&self, id: &str) -> Option<&Answer> {
        self.screening().answer(id)
    }

    /// Chooses `option` at the current question, says whether the note given here before
    /// is kept for the earlier answer, saves, and shows the step.
    pub(super) fn choose<R: BufRead, W: Write>(
        &mut self,
        walk: &mut Walk<'_, '_, R, W>,
        option: usize,
    ) -> Result<Result<(), String>, MatterPlainError> {
        let q = walk
            .session
            .current_question()
            .expect("checked by the table");
        let before = walk.session.remembered(q);
        if !walk.answer(option)? {
            return Ok(Err("that option cannot be chosen here".into()));
        }
        if before.is_some_and(|b| b != option)
            && let Some(a) = self.saved(&walk.pack.question(q).id)
            && (a.note.is_some() || !a.cites.is_empty() || a.certainty.is_uncertain())
        {
            walk.say(
                "The note, record cites and certainty given here before are kept, flagged as written for the earlier answer: keep makes them this answer's, drop removes them.",
            )?;
        }
        self.save_answers(walk)?;
        self.show(walk)?;
        Ok(Ok(()))
    }

    /// Saves the walk's answers when they differ from the file's.
    pub(super) fn save_answers<R: BufRead, W: Write>(
        &mut self,
        walk: &mut Walk<'_, '_, R, W>,
    ) -> Result<(), MatterPlainError> {
        let next = screening::synced(self.screening(), &walk.session, walk.pack);
        if next == *self.screening() {
            return Ok(());
        }
        let index = self.index;
        save(walk, self.open, |f| {
            f.screenings[index] = next;
            Ok(())
        })?;
        Ok(())
    }
}

/// The keys line, with the matter's commands (the answer commands only when there is an
/// answer to apply them to).
pub(super) fn walk_keys<R: BufRead, W: Write>(
    walk: &mut Walk<'_, '_, R, W>,
) -> Result<(), PlainError> {
    walk.extra_keys = if current_answer(&walk.session).is_some() {
        WALK_KEYS.iter().map(|s| (*s).to_owned()).collect()
    } else {
        vec!["menu".to_owned()]
    };
    walk.keys()
}

/// Applies `change` through [`OpenMatter::change`] and says "Saved." after the file is
/// written, or why not (in a script, the error ends the session).
pub(super) fn save<R: BufRead, W: Write>(
    walk: &mut Walk<'_, '_, R, W>,
    open: &mut OpenMatter,
    change: impl FnOnce(&mut MatterFile) -> Result<(), MatterError>,
) -> Result<bool, MatterPlainError> {
    match open.change(change) {
        Ok(()) => {
            walk.say("Saved.")?;
            Ok(true)
        }
        Err(e) if walk.options.strict => Err(e.into()),
        Err(e) => {
            walk.say(&format!(
                "Not saved: {}. The change is not in the file; the next change that saves writes the answers as shown here.",
                outside_line(&e.to_string())
            ))?;
            Ok(false)
        }
    }
}

/// The answer the note, cite and certainty commands apply to: the one given at the current
/// question when the walk came back to it, otherwise the last answer on the path.
pub(super) fn current_answer(session: &Session<'_>) -> Option<(usize, usize)> {
    if let Node::Question(q) = session.current()
        && let Some(o) = session.remembered(q)
    {
        return Some((q, o));
    }
    session.history().last().map(|s| (s.question, s.option))
}

/// The screening's answers as the walk has them ([`screening::synced`], the one rule every
/// front end saves a walk with).
pub(super) fn synced(
    screening: &crate::matter::Screening,
    pack: &Pack,
    session: &Session<'_>,
) -> Vec<Answer> {
    screening::synced(screening, session, pack).answers
}
