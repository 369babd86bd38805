//! A screening's walk as a line mode: the walkthrough's command table with the matter's
//! commands added (note, cite, uncite, certainty, keep, drop, menu), and the walk's moves
//! (choose, back, restart, review) done so that every change is saved and every step shows
//! what the matter adds.

use std::io::{BufRead, Write};

use super::MatterPlainError;
use super::answers::Target;
use super::screen::{Screen, Walk, WalkEnd, current_answer, walk_keys};
use super::words::answer_name;
use crate::matter::Certainty;
use crate::matter::screening::{self, Mark};
use crate::plain::command::{Command, Flow, Given, Mode, Outcome, Takes};
use crate::plain::input::Line;
use crate::plain::input::one_line;
use crate::plain::walk_table::{self, Walking};
use crate::plain::{PlainError, Walkthrough};
use crate::words::count;

/// A screening being walked: the walkthrough over the matter's streams, and the screening.
pub(super) struct ScreenWalk<'p, 'a, R, W> {
    pub(super) walk: Walk<'p, 'a, R, W>,
    pub(super) screen: Screen<'a>,
}

type Sw<'p, 'a, R, W> = ScreenWalk<'p, 'a, R, W>;

/// What the matter's commands return ([`Outcome`] of a [`ScreenWalk`]).
type Done = Result<Result<Flow<WalkEnd>, String>, MatterPlainError>;

/// Runs `act` on the current answer (the one at this question when the walk came back to it,
/// else the last one given), then shows the keys; refused when there is no answer yet.
fn on_answer<R: BufRead, W: Write>(
    s: &mut Sw<'_, '_, R, W>,
    act: impl FnOnce(
        &mut Screen<'_>,
        &mut Walk<'_, '_, R, W>,
        &Target,
    ) -> Result<Result<(), String>, MatterPlainError>,
) -> Done {
    let ScreenWalk { walk, screen } = s;
    let Some((q, option)) = current_answer(&walk.session) else {
        return Ok(Err(
            "there is no answer yet to note, cite or mark; answer the question first".into(),
        ));
    };
    let target = Target {
        id: walk.pack.question(q).id.to_string(),
        which: format!("your answer to {}", answer_name(&walk.session, q, option)),
    };
    let done = act(screen, walk, &target)?;
    if done.is_ok() {
        walk_keys(walk)?;
    }
    Ok(done.map(|()| Flow::Go))
}

/// `note [TEXT]`: sets, keeps or (`-`) removes the current answer's note.
fn note<R: BufRead, W: Write>(s: &mut Sw<'_, '_, R, W>, given: Given) -> Done {
    on_answer(s, |screen, walk, target| {
        let which = &target.which;
        let now = screen
            .saved(&target.id)
            .and_then(|a| a.note.as_deref())
            .map_or_else(|| "none".to_owned(), one_line);
        let prompt = format!(
            "Note on {which} (now {now}). Type the note on one line; an empty line keeps it, - removes it."
        );
        let said = ("The note is unchanged.", "the note is unchanged");
        screen.given_or_asked_mark(walk, target, given.text(), (&prompt, said), |walk, text| {
            let note = (text != "-").then_some(text);
            walk.say(&match &note {
                Some(n) => format!("Note on {which}: {}", one_line(n)),
                None => format!("Removed the note on {which}."),
            })?;
            Ok(Ok(Mark::Note(note)))
        })
    })
}

/// `cite [TEXT]`: adds a record cite to the current answer.
fn cite<R: BufRead, W: Write>(s: &mut Sw<'_, '_, R, W>, given: Given) -> Done {
    on_answer(s, |screen, walk, target| {
        let which = &target.which;
        let prompt = format!(
            "Record cite for {which}, for example Compl. ¶¶ 12–14 or Ex. B at 3; an empty line adds none."
        );
        let said = ("No cite was added.", "no cite was added");
        screen.given_or_asked_mark(walk, target, given.text(), (&prompt, said), |walk, text| {
            walk.say(&format!("Record cite on {which}: {}", one_line(&text)))?;
            Ok(Ok(Mark::Cite(text)))
        })
    })
}

/// `uncite [N]`: removes record cite N of the current answer (asks which when not given).
fn uncite<R: BufRead, W: Write>(s: &mut Sw<'_, '_, R, W>, given: Given) -> Done {
    on_answer(s, |screen, walk, target| {
        let number = given.text();
        let which = &target.which;
        let cites = screen
            .saved(&target.id)
            .map(|a| a.cites.clone())
            .unwrap_or_default();
        if cites.is_empty() {
            return Ok(Err(format!("{which} has no record cites to remove")));
        }
        if number.is_none() {
            walk.say(&format!("Record cites on {which}:"))?;
            for (i, c) in cites.iter().enumerate() {
                walk.say(&format!("{}. {}", i + 1, one_line(c)))?;
            }
        }
        let prompt = "Type the number of the cite to remove; an empty line removes none.";
        let said = ("No cite was removed.", "no cite was removed");
        screen.given_or_asked_mark(walk, target, number, (prompt, said), |walk, number| {
            let i = match number.parse::<usize>() {
                Ok(n) if (1..=cites.len()).contains(&n) => n - 1,
                _ => {
                    return Ok(Err(format!(
                        "there is no cite {}; {which} has {}",
                        number,
                        count(cites.len(), "record cite", "record cites")
                    )));
                }
            };
            walk.say(&format!(
                "Removed the record cite {} from {which}.",
                one_line(&cites[i])
            ))?;
            Ok(Ok(Mark::Uncite(i + 1)))
        })
    })
}

fn mark<R: BufRead, W: Write>(s: &mut Sw<'_, '_, R, W>, certainty: Certainty) -> Done {
    on_answer(s, |screen, walk, target| {
        walk.say(&format!("Marked {} {}.", target.which, certainty.id()))?;
        if screen.annotate(walk, &target.id, Mark::Certainty(certainty))?
            && walk.session.is_finished()
        {
            // The contingencies at this conclusion have just changed: show them.
            for line in screen.contingency_lines(walk) {
                walk.say(&line)?;
            }
        }
        Ok(Ok(()))
    })
}

fn unsure<R: BufRead, W: Write>(s: &mut Sw<'_, '_, R, W>, _: Given) -> Done {
    mark(s, Certainty::Unsure)
}

fn contested<R: BufRead, W: Write>(s: &mut Sw<'_, '_, R, W>, _: Given) -> Done {
    mark(s, Certainty::Contested)
}

fn sure<R: BufRead, W: Write>(s: &mut Sw<'_, '_, R, W>, _: Given) -> Done {
    mark(s, Certainty::Sure)
}

fn keep<R: BufRead, W: Write>(s: &mut Sw<'_, '_, R, W>, _: Given) -> Done {
    say_and_mark(s, Mark::Keep, |which| {
        format!("The note, cites and mark now belong to {which}.")
    })
}

fn drop_notes<R: BufRead, W: Write>(s: &mut Sw<'_, '_, R, W>, _: Given) -> Done {
    say_and_mark(s, Mark::Drop, |which| {
        format!("Removed the note, cites and mark of {which}.")
    })
}

/// Says what `mark` does to the current answer (`said` of how it is named), then saves it.
fn say_and_mark<R: BufRead, W: Write>(
    s: &mut Sw<'_, '_, R, W>,
    mark: Mark,
    said: impl FnOnce(&str) -> String,
) -> Done {
    on_answer(s, |screen, walk, target| {
        walk.say(&said(&target.which))?;
        screen.annotate(walk, &target.id, mark)?;
        Ok(Ok(()))
    })
}

// A handler: its signature is the table's.
#[allow(clippy::unnecessary_wraps)]
fn menu<R: BufRead, W: Write>(_: &mut Sw<'_, '_, R, W>, _: Given) -> Done {
    Ok(Ok(Flow::Stop(WalkEnd::Menu)))
}

impl<R: BufRead, W: Write> Mode for ScreenWalk<'_, '_, R, W> {
    type End = WalkEnd;
    type Error = MatterPlainError;
    const INTRO: &'static [&'static str] = &[
        "Commands: type one and press Enter.",
        "In a screening, the current answer is the one given at this question when you came back to it, otherwise the last answer given.",
    ];

    // One table, one row a command.
    #[rustfmt::skip]
    fn commands() -> Vec<Command<Self>> {
        let mut commands = walk_table::commands(
            "your answers with their notes, record cites and certainty.",
            "back to the first question; every saved answer is kept.",
        );
        let c = |name, takes, help, run| Command::new(name, &[], takes, help, run);
        let help = commands
            .iter()
            .position(|c| c.name == "?")
            .unwrap_or(commands.len());
        let matter: Vec<Command<Self>> = vec![
            c("note", Takes::Text, "the current answer's note (replaces it); note alone asks for it, and - removes it.", note::<R, W>),
            c("cite", Takes::Text, "adds a record cite to the current answer, for example cite Compl. ¶¶ 12–14; cite alone asks for it.", cite::<R, W>),
            c("uncite", Takes::MaybeNumber, "removes that record cite of the current answer; uncite alone lists them and asks which.", uncite::<R, W>),
            c("unsure", Takes::Nothing, "marks the current answer unsure. At the conclusion, each unsure or contested answer's contingency is shown.", unsure::<R, W>),
            c("contested", Takes::Nothing, "marks the current answer contested (the parties dispute it).", contested::<R, W>),
            c("sure", Takes::Nothing, "marks the current answer sure again.", sure::<R, W>),
            c("keep", Takes::Nothing, "a note, cites and mark written for an earlier answer now belong to the current one.", keep::<R, W>),
            c("drop", Takes::Nothing, "removes the current answer's note, cites and mark (note and cite replace them).", drop_notes::<R, W>),
            c("menu", Takes::Nothing, "back to the matter's screenings.", menu::<R, W>),
        ];
        commands.splice(help..help, matter);
        commands
    }

    fn notes() -> Vec<String> {
        // The walkthrough's notes, with how the matter saves after the first.
        let mut notes = <Walkthrough<'_, R, W> as Mode>::notes();
        notes.insert(
            1,
            "Every change is saved to the matter file when it is made, before Saved. is printed."
                .to_owned(),
        );
        notes
    }

    fn unknown(text: &str) -> String {
        <Walkthrough<'_, R, W> as Mode>::unknown(text)
    }

    fn option_number(&self, word: &str) -> Option<usize> {
        self.walk.option_number(word)
    }

    fn read_command(&mut self) -> Result<Option<Line>, PlainError> {
        self.walk.read_command()
    }

    fn say(&mut self, line: &str) -> Result<(), PlainError> {
        self.walk.say(line)
    }

    fn keys(&mut self) -> Result<(), MatterPlainError> {
        Ok(walk_keys(&mut self.walk)?)
    }

    fn refuse(&mut self, message: &str) -> Result<(), MatterPlainError> {
        Ok(self.walk.refuse(message)?)
    }

    fn end_of_input(&mut self) -> Result<WalkEnd, MatterPlainError> {
        let at_conclusion = self.walk.session.is_finished();
        self.walk.say(if at_conclusion {
            "End of input. Every change was saved."
        } else {
            "End of input before a conclusion. Every change was saved."
        })?;
        Ok(WalkEnd::InputEnded { at_conclusion })
    }
}

impl<'p, 'a, R: BufRead, W: Write> Walking<'p> for ScreenWalk<'p, 'a, R, W> {
    type In = &'a mut R;
    type Out = &'a mut W;

    fn walk(&mut self) -> &mut Walk<'p, 'a, R, W> {
        &mut self.walk
    }

    fn show(&mut self) -> Result<(), MatterPlainError> {
        Ok(self.screen.show(&mut self.walk)?)
    }

    fn choose(&mut self, option: usize) -> Outcome<Self> {
        Ok(self
            .screen
            .choose(&mut self.walk, option)?
            .map(|()| Flow::Go))
    }

    fn restart(&mut self) -> Result<(), MatterPlainError> {
        screening::restart(&mut self.walk.session);
        self.walk
            .say("Back to the first question; every saved answer is kept.")?;
        self.show()
    }

    fn review(&mut self) -> Result<(), MatterPlainError> {
        Ok(self.screen.review(&mut self.walk)?)
    }

    fn quit(&mut self) -> Result<WalkEnd, MatterPlainError> {
        Ok(WalkEnd::Quit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screenings_help_and_table_agree() {
        crate::plain::command::tests::help_and_table_agree::<
            ScreenWalk<'static, 'static, &[u8], Vec<u8>>,
        >();
    }
}
