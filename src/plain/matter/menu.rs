//! The matter's menu: the screenings listed with their conclusion and certainty, the menu's
//! command table (run by the line mode's one loop, [`crate::plain::command`]), and adding a
//! screening.

use std::fmt::Write as _;
use std::io::{BufRead, Write};

use super::screen::WalkEnd;
use super::words::{capitalise, fit_lines, menu_line};
use super::{MatterEnding, MatterPlainError, Run};
use crate::matter::memo::Memo;
use crate::matter::{MatterError, MatterFile};
use crate::plain::PlainError;
use crate::plain::command::{self, Command, Flow, Given, Mode, Takes};
use crate::plain::input::Line;
use crate::plain::input::{one_line, outside_line};
use crate::report::ReportContext;
use crate::words::count;

impl<R: BufRead, W: Write> Run<'_, R, W> {
    pub(super) fn context(&self) -> ReportContext {
        ReportContext::now(self.io.options.tool_version.clone())
    }

    /// The memo model of the matter: the one place conclusions, certainty and contingencies
    /// are computed, as every memo shows them.
    pub(super) fn memo(&self) -> Memo {
        Memo::build(&self.open.file, self.pack, &self.context())
    }

    /// For every screening saved with another pack or version, or with answers the pack no
    /// longer has: says so and lists those answers (kept in the file).
    pub(super) fn fit_report(&mut self) -> Result<(), PlainError> {
        let mut lines = Vec::new();
        for (i, s) in self.open.file.screenings.iter().enumerate() {
            lines.extend(fit_lines(i + 1, &one_line(&s.defendant), s, self.pack));
        }
        for line in lines {
            self.io.say(&line)?;
        }
        Ok(())
    }

    /// The menu, until `q` or the end of the input.
    pub(super) fn menu(&mut self) -> Result<MatterEnding, MatterPlainError> {
        self.list()?;
        command::run(self)
    }

    /// Back at the menu after a walk: the list again, or how the session ends.
    pub(super) fn after_walk(&mut self, end: WalkEnd) -> Result<Option<MatterEnding>, PlainError> {
        Ok(match end {
            WalkEnd::Menu => {
                self.io.say("Back to the matter.")?;
                self.list()?;
                None
            }
            WalkEnd::Quit => {
                self.io.say("Goodbye. Every change was saved.")?;
                Some(MatterEnding::Quit)
            }
            WalkEnd::InputEnded {
                at_conclusion: true,
            } => Some(MatterEnding::InputEnded),
            WalkEnd::InputEnded {
                at_conclusion: false,
            } => Some(MatterEnding::InputEndedPending),
        })
    }

    /// The matter, its screenings with their conclusion or pending question and certainty,
    /// then the keys.
    pub(super) fn list(&mut self) -> Result<(), PlainError> {
        let memo = self.memo();
        let m = &self.open.file.matter;
        let mut head = format!("Matter: {}.", one_line(&m.caption));
        for (label, value) in [("Court", &m.court), ("Docket", &m.docket)] {
            if let Some(v) = value {
                let _ = write!(head, " {label}: {}.", one_line(v).trim_end_matches('.'));
            }
        }
        self.io.say(&head)?;
        if memo.screenings.is_empty() {
            self.io
                .say("No screenings yet. Type add to screen a defendant.")?;
        } else {
            self.io.say(&format!(
                "{}:",
                capitalise(&count(memo.screenings.len(), "screening", "screenings"))
            ))?;
            for s in &memo.screenings {
                self.io.say(&menu_line(s))?;
            }
        }
        self.menu_keys()
    }

    pub(super) fn menu_keys(&mut self) -> Result<(), PlainError> {
        let count = self.open.file.screenings.len();
        let mut keys: Vec<String> = Vec::new();
        if count > 0 {
            keys.push(if count == 1 {
                "1 to open the screening".to_owned()
            } else {
                format!("1–{count} to open a screening")
            });
        }
        keys.push("add".into());
        if count > 0 {
            keys.extend(["rename N", "duplicate N", "delete N"].map(String::from));
        }
        keys.extend(["details", "memo", "l list", "? help", "q quit"].map(String::from));
        self.io.say(&keys.join("; "))
    }

    /// Applies `change` and saves; says "Saved." after the file is written, or why not.
    /// `Ok(false)` when the save failed (and was reported) outside a script.
    pub(super) fn save(
        &mut self,
        change: impl FnOnce(&mut MatterFile) -> Result<(), MatterError>,
    ) -> Result<bool, MatterPlainError> {
        match self.open.change(change) {
            Ok(()) => {
                self.io.say("Saved.")?;
                Ok(true)
            }
            Err(e) if self.io.options.strict => Err(e.into()),
            Err(e) => {
                self.io.say(&format!(
                    "Not saved: {}. Nothing was changed.",
                    outside_line(&e.to_string())
                ))?;
                Ok(false)
            }
        }
    }
}

/// The screening a menu command names (1-based), checked: its index.
fn screening<R: BufRead, W: Write>(run: &Run<'_, R, W>, given: Given) -> Result<usize, String> {
    let held = run.open.file.screenings.len();
    if held == 0 {
        return Err("the matter has no screenings yet; add one with add".to_owned());
    }
    match given.number() {
        n if (1..=held).contains(&n) => Ok(n - 1),
        n => Err(format!(
            "there is no screening {n}; the matter has {}",
            count(held, "screening", "screenings")
        )),
    }
}

/// What the menu's commands return ([`Outcome`] of a [`Run`]).
type Done = Result<Result<Flow<MatterEnding>, String>, MatterPlainError>;

/// A command's `Ok(())` or refusal as the menu goes on.
fn went(done: Result<(), String>) -> Result<Flow<MatterEnding>, String> {
    done.map(|()| Flow::Go)
}

/// Walks screening `index`, then back at the menu (or the session's end).
fn walk<R: BufRead, W: Write>(run: &mut Run<'_, R, W>, index: usize) -> Done {
    let end = run.walk(index)?;
    Ok(Ok(match run.after_walk(end)? {
        Some(ending) => Flow::Stop(ending),
        None => Flow::Go,
    }))
}

fn open<R: BufRead, W: Write>(run: &mut Run<'_, R, W>, given: Given) -> Done {
    match screening(run, given) {
        Ok(index) => walk(run, index),
        Err(refused) => Ok(Err(refused)),
    }
}

fn add<R: BufRead, W: Write>(run: &mut Run<'_, R, W>, _: Given) -> Done {
    match run.add()? {
        Some(index) => walk(run, index),
        None => Ok(Ok(Flow::Go)),
    }
}

/// What a menu command on a screening returns: done, or refused in words.
type Refusable = Result<Result<(), String>, MatterPlainError>;

/// A command on screening `given` (checked): `act` with its index.
fn on_screening<'p, R: BufRead, W: Write>(
    run: &mut Run<'p, R, W>,
    given: Given,
    act: fn(&mut Run<'p, R, W>, usize) -> Refusable,
) -> Done {
    match screening(run, given) {
        Ok(index) => Ok(went(act(run, index)?)),
        Err(refused) => Ok(Err(refused)),
    }
}

fn rename<R: BufRead, W: Write>(run: &mut Run<'_, R, W>, given: Given) -> Done {
    on_screening(run, given, Run::rename)
}

fn duplicate<R: BufRead, W: Write>(run: &mut Run<'_, R, W>, given: Given) -> Done {
    on_screening(run, given, Run::duplicate)
}

fn delete<R: BufRead, W: Write>(run: &mut Run<'_, R, W>, given: Given) -> Done {
    on_screening(run, given, Run::delete)
}

fn details<R: BufRead, W: Write>(run: &mut Run<'_, R, W>, _: Given) -> Done {
    Ok(went(run.details()?))
}

fn memo<R: BufRead, W: Write>(run: &mut Run<'_, R, W>, _: Given) -> Done {
    Ok(went(run.write_memo()?))
}

fn list<R: BufRead, W: Write>(run: &mut Run<'_, R, W>, _: Given) -> Done {
    run.list()?;
    Ok(Ok(Flow::Go))
}

fn quit<R: BufRead, W: Write>(run: &mut Run<'_, R, W>, _: Given) -> Done {
    run.io.say("Goodbye. Every change was saved.")?;
    Ok(Ok(Flow::Stop(MatterEnding::Quit)))
}

impl<R: BufRead, W: Write> Mode for Run<'_, R, W> {
    type End = MatterEnding;
    type Error = MatterPlainError;
    const INTRO: &'static [&'static str] = &["Matter commands: type one and press Enter."];

    // One table, one row a command.
    #[rustfmt::skip]
    fn commands() -> Vec<Command<Self>> {
        const NUMBER: Takes = Takes::Number("the screening's number");
        let c = Command::new;
        vec![
            c("", &[], NUMBER, "opens that screening and walks it from its saved answers.", open::<R, W>),
            c("open", &["o"], NUMBER, "the same: opens that screening.", open::<R, W>),
            c("add", &["a"], Takes::Nothing, "screen another defendant; asks the defendant's name and the act, then walks it.", add::<R, W>),
            c("rename", &[], NUMBER, "changes that screening's defendant, role and act.", rename::<R, W>),
            c("duplicate", &["copy"], NUMBER, "copies that screening, answers, notes and all, under a new name.", duplicate::<R, W>),
            c("delete", &[], NUMBER, "deletes that screening after asking (the answer is No unless you type y).", delete::<R, W>),
            c("details", &[], Takes::Nothing, "the matter's caption, court, docket, client, who prepared it and who reviews it.", details::<R, W>),
            c("memo", &[], Takes::Nothing, "writes the screening memo (Markdown, HTML, text, JSON, DOCX or PDF), as immunity memo does.", memo::<R, W>),
            c("l", &["list"], Takes::Nothing, "the screenings again.", list::<R, W>),
            c("", &[], Takes::Nothing, "the screenings again.", list::<R, W>),
            c("?", &["h", "help"], Takes::Nothing, "this help.", command::help::<Self>),
            c("q", &["quit", "exit"], Takes::Nothing, "quit.", quit::<R, W>),
        ]
    }

    fn notes() -> Vec<String> {
        [
            "Every change is saved to the matter file when it is made, before Saved. is printed.",
            "Lines starting with # are ignored, for comments in scripts.",
            "When the input ends, the program ends: exit status 0, or 3 when it ends in a screening before its conclusion.",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    fn unknown(text: &str) -> String {
        format!("unknown command \"{text}\" at the matter's menu; type ? for the commands")
    }

    fn read_command(&mut self) -> Result<Option<Line>, PlainError> {
        self.io.read_command()
    }

    fn say(&mut self, line: &str) -> Result<(), PlainError> {
        self.io.say(line)
    }

    fn keys(&mut self) -> Result<(), MatterPlainError> {
        Ok(self.menu_keys()?)
    }

    fn refuse(&mut self, message: &str) -> Result<(), MatterPlainError> {
        self.io.refuse(message)?;
        Ok(self.menu_keys()?)
    }

    fn end_of_input(&mut self) -> Result<MatterEnding, MatterPlainError> {
        self.io.say("End of input. Every change was saved.")?;
        Ok(MatterEnding::InputEnded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menus_help_and_table_agree() {
        command::tests::help_and_table_agree::<Run<'static, &[u8], Vec<u8>>>();
    }

    /// Every key the menu's keys line and a screening's keys line offer is a command of that
    /// mode's table: typed as the line names it ("rename N" as rename 1), it is found.
    #[test]
    fn every_key_the_keys_lines_offer_is_a_command() {
        use super::super::walk_table::ScreenWalk;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui-pack");
        let files = crate::pack::FileSet::from_dir(&dir).expect("the fixture pack");
        let pack = crate::pack::load(&files).expect("a valid pack").0;
        let folder = tempfile::tempdir().expect("a folder");
        let options = crate::plain::PlainOptions {
            case: None,
            echo: false,
            strict: true,
            cwd: folder.path().to_owned(),
            tool_version: "test".into(),
            reason: None,
        };
        let script = "add\nJudge\n\n1\nmenu\n";
        let mut out = Vec::new();
        let path = folder.path().join("m.json");
        super::super::run(
            &path,
            &pack,
            Some("M v. N".into()),
            options,
            script.as_bytes(),
            &mut out,
        )
        .expect("the session runs");
        let out = String::from_utf8(out).expect("UTF-8");
        let menu = <Run<'static, &[u8], Vec<u8>> as Mode>::commands();
        let walk = <ScreenWalk<'static, 'static, &[u8], Vec<u8>> as Mode>::commands();
        let lines: Vec<&str> = out.lines().filter(|l| l.ends_with("q quit")).collect();
        assert!(lines.iter().any(|l| l.contains("rename N")), "{out}");
        assert!(lines.iter().any(|l| l.contains("unsure")), "{out}");
        for line in lines {
            let found = if line.contains("details") {
                command::tests::keys_are_commands(&menu, line)
            } else {
                command::tests::keys_are_commands(&walk, line)
            };
            assert!(found, "{line:?} offers a key that is no command");
        }
    }
}
