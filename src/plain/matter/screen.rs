//! A screening walked: the walkthrough resumed from the saved answers, with the matter's
//! commands (note, cite, certainty, keep, drop, menu) and every change saved as it is made.

use std::fmt::Write as _;
use std::io::{BufRead, Write};

use super::answers::Target;
use super::words::{annotation_lines, answer_name, capitalise, fit_lines, plural};
use super::{MatterPlainError, Run};
use crate::engine::Session;
use crate::matter::screening::{self, Mark};
use crate::matter::{Answer, Certainty, MatterError, MatterFile, OpenMatter};
use crate::pack::{Node, Pack};
use crate::plain::input::{Line, MAX_LINE};
use crate::plain::walk::Command;
use crate::plain::{PlainError, Walkthrough};
use crate::text::sanitize_line;

/// A command a screening's walk adds to the walkthrough's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum WalkCommand {
    /// `note TEXT`, or `note` to be asked.
    Note(Option<String>),
    /// `cite TEXT`, or `cite` to be asked.
    Cite(Option<String>),
    /// `uncite N`, or `uncite` to be asked.
    Uncite(Option<String>),
    Certainty(Certainty),
    /// `keep`: a flagged note, cites and mark now belong to the answer given.
    Keep,
    /// `drop`: removes the note, cites and mark.
    Drop,
    Menu,
}

/// How a screening's walk ended.
#[derive(Debug, Clone, Copy)]
pub(super) enum WalkEnd {
    Menu,
    Quit,
    InputEnded { at_conclusion: bool },
}

/// The keys a screening's walk adds to the keys line.
pub(super) const WALK_KEYS: &[&str] = &["note", "cite", "unsure", "contested", "sure", "menu"];

/// What a screening's walk adds to `?`.
pub(super) const WALK_HELP: &[&str] = &[
    "In a screening, the current answer is the one given at this question when you came back to it, otherwise the last answer given.",
    "note and a text: the current answer's note (replaces it); note alone asks for it, and - removes it.",
    "cite and a text: adds a record cite to the current answer, for example cite Compl. ¶¶ 12–14; uncite and a number removes one.",
    "unsure, contested, sure: how certain the current answer is. At the conclusion, each unsure or contested answer's contingency is shown.",
    "v: your answers with their notes, record cites and certainty.",
    "keep: a note, cites and mark written for an earlier answer now belong to the current one; drop removes them (note and cite replace them).",
    "r: back to the first question; every saved answer is kept.",
    "menu: back to the matter's screenings. Every change is saved when it is made.",
];

impl<R: BufRead, W: Write> Run<'_, R, W> {
    /// Walks screening `index` from its saved answers, saving every change.
    pub(super) fn walk(&mut self, index: usize) -> Result<WalkEnd, MatterPlainError> {
        let pack = self.pack;
        let screening = &self.open.file.screenings[index];
        let fit = screening.fit(pack);
        let count = self.open.file.screenings.len();
        let mut head = format!(
            "Screening {} of {count}: {}",
            index + 1,
            sanitize_line(&screening.defendant)
        );
        if let Some(act) = &screening.act {
            let _ = write!(head, ", act: {}", sanitize_line(act).trim_end_matches('.'));
        }
        head.push('.');
        let fit_report = fit_lines(
            index + 1,
            &sanitize_line(&screening.defendant),
            screening,
            pack,
        );
        let saved = screening.answers.len();
        let session = Session::resume(pack, fit.answers);
        let mut options = self.io.options.clone();
        options.case = None;
        let Run { open, io, .. } = self;
        let mut walk = Walkthrough::new(pack, options, &mut io.input, &mut io.out)?.resume(session);
        walk.line = io.line;
        walk.extra_help = WALK_HELP.iter().map(|s| (*s).to_owned()).collect();
        let mut screen = Screen { open, index };
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
                capitalise(&plural(saved, "answer")),
                plural(on_path, "question")
            )
        } else {
            format!(
                "{} saved; resuming at question {} after {} on the path.",
                capitalise(&plural(saved, "answer")),
                on_path + 1,
                plural(on_path, "answer")
            )
        })?;
        screen.show(&mut walk)?;
        let end = loop {
            let Some(line) = walk.read_command()? else {
                let at_conclusion = walk.session.is_finished();
                walk.say(if at_conclusion {
                    "End of input. Every change was saved."
                } else {
                    "End of input before a conclusion. Every change was saved."
                })?;
                break WalkEnd::InputEnded { at_conclusion };
            };
            let text = match line {
                Line::TooLong => {
                    walk.refuse(&format!(
                        "the line is longer than {MAX_LINE} bytes; type ? for the commands"
                    ))?;
                    continue;
                }
                Line::Text(text) => text,
            };
            let result = match parse_walk(&text) {
                Some(WalkCommand::Menu) => break WalkEnd::Menu,
                Some(command) => screen.perform(&mut walk, command)?,
                None => match walk.parse(&text) {
                    Ok(Command::Quit) => break WalkEnd::Quit,
                    Ok(command) => screen.perform_walk(&mut walk, command)?,
                    Err(message) => Err(message),
                },
            };
            if let Err(message) = result {
                walk.refuse(&message)?;
            }
        };
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

    /// The walkthrough's commands, with those that move the walk done here so that every
    /// change is saved and each step shows what the matter adds.
    pub(super) fn perform_walk<R: BufRead, W: Write>(
        &mut self,
        walk: &mut Walk<'_, '_, R, W>,
        command: Command,
    ) -> Result<Result<(), String>, MatterPlainError> {
        match command {
            Command::Choose(option) => {
                let q = walk.session.current_question().expect("checked by parse");
                let question = walk.pack.question(q);
                let label = sanitize_line(&question.options[option].label);
                let before = walk.session.remembered(q);
                if walk.session.answer(option).is_err() {
                    return Ok(Err("that option cannot be chosen here".into()));
                }
                walk.say(&format!(
                    "You chose {}: {}.",
                    option + 1,
                    label.trim_end_matches('.')
                ))?;
                if before.is_some_and(|b| b != option)
                    && let Some(a) = self.saved(&question.id)
                    && (a.note.is_some() || !a.cites.is_empty() || a.certainty.is_uncertain())
                {
                    walk.say(
                        "The note, record cites and certainty given here before are kept, flagged as written for the earlier answer: keep makes them this answer's, drop removes them.",
                    )?;
                }
                self.save_answers(walk)?;
                self.show(walk)?;
            }
            Command::Back => match walk.back()? {
                Ok(()) => self.show(walk)?,
                refused => return Ok(refused),
            },
            Command::Goto(n) => match walk.go_to(n)? {
                Ok(()) => self.show(walk)?,
                refused => return Ok(refused),
            },
            Command::Restart => {
                screening::restart(&mut walk.session);
                walk.say("Back to the first question; every saved answer is kept.")?;
                self.show(walk)?;
            }
            Command::Repeat => self.show(walk)?,
            Command::Review => self.review(walk)?,
            other => {
                // Why, excerpts, facts, map, chain, export, help: the walkthrough's own, which
                // end with its keys line (the matter's keys are set on arrival at the step).
                return Ok(walk.perform(other)?);
            }
        }
        Ok(Ok(()))
    }

    /// The matter's own commands in a walk.
    pub(super) fn perform<R: BufRead, W: Write>(
        &mut self,
        walk: &mut Walk<'_, '_, R, W>,
        command: WalkCommand,
    ) -> Result<Result<(), String>, MatterPlainError> {
        let Some((q, option)) = current_answer(&walk.session) else {
            return Ok(Err(
                "there is no answer yet to note, cite or mark; answer the question first".into(),
            ));
        };
        let question = walk.pack.question(q);
        let target = Target {
            id: question.id.to_string(),
            which: format!("your answer to {}", answer_name(&walk.session, q, option)),
        };
        let done = match command {
            WalkCommand::Note(text) => self.note(walk, &target, text)?,
            WalkCommand::Cite(text) => self.cite(walk, &target, text)?,
            WalkCommand::Uncite(number) => self.uncite(walk, &target, number)?,
            WalkCommand::Keep => {
                walk.say(&format!(
                    "The note, cites and mark now belong to {}.",
                    target.which
                ))?;
                self.annotate(walk, &target.id, Mark::Keep)?;
                Ok(())
            }
            WalkCommand::Drop => {
                walk.say(&format!(
                    "Removed the note, cites and mark of {}.",
                    target.which
                ))?;
                self.annotate(walk, &target.id, Mark::Drop)?;
                Ok(())
            }
            WalkCommand::Certainty(certainty) => {
                walk.say(&format!("Marked {} {}.", target.which, certainty.id()))?;
                if self.annotate(walk, &target.id, Mark::Certainty(certainty))?
                    && walk.session.is_finished()
                {
                    // The contingencies at this conclusion have just changed: show them.
                    for line in self.contingency_lines(walk) {
                        walk.say(&line)?;
                    }
                }
                Ok(())
            }
            WalkCommand::Menu => unreachable!("handled by the walk"),
        };
        if done.is_ok() {
            walk_keys(walk)?;
        }
        Ok(done)
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
                sanitize_line(&e.to_string())
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

/// A walk command, or `None` for the walkthrough's own.
pub(super) fn parse_walk(text: &str) -> Option<WalkCommand> {
    let text = text.trim();
    let (word, rest) = match text.split_once(char::is_whitespace) {
        Some((w, r)) => (w, Some(r.trim().to_owned()).filter(|r| !r.is_empty())),
        None => (text, None),
    };
    Some(match word.to_ascii_lowercase().as_str() {
        "note" => WalkCommand::Note(rest),
        "cite" => WalkCommand::Cite(rest),
        "uncite" => WalkCommand::Uncite(rest),
        "unsure" if rest.is_none() => WalkCommand::Certainty(Certainty::Unsure),
        "contested" if rest.is_none() => WalkCommand::Certainty(Certainty::Contested),
        "sure" if rest.is_none() => WalkCommand::Certainty(Certainty::Sure),
        "menu" if rest.is_none() => WalkCommand::Menu,
        "keep" if rest.is_none() => WalkCommand::Keep,
        "drop" if rest.is_none() => WalkCommand::Drop,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_commands_take_their_text_and_leave_the_rest_to_the_walkthrough() {
        assert_eq!(
            parse_walk("note  Compl. ¶ 12 "),
            Some(WalkCommand::Note(Some("Compl. ¶ 12".into())))
        );
        assert_eq!(parse_walk("NOTE"), Some(WalkCommand::Note(None)));
        assert_eq!(
            parse_walk("unsure"),
            Some(WalkCommand::Certainty(Certainty::Unsure))
        );
        assert_eq!(parse_walk("unsure about it"), None);
        assert_eq!(parse_walk("menu"), Some(WalkCommand::Menu));
        assert_eq!(parse_walk("2"), None);
        assert_eq!(parse_walk("w"), None);
    }
}
