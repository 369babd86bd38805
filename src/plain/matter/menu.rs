//! The matter's menu: the screenings listed with their conclusion and certainty, the menu's
//! commands read and done, its help, and adding a screening.

use std::fmt::Write as _;
use std::io::{BufRead, Write};

use super::screen::WalkEnd;
use super::words::{capitalise, fit_lines, menu_line, plural};
use super::{MatterEnding, MatterPlainError, Reply, Run};
use crate::matter::memo::Memo;
use crate::matter::screening::{self};
use crate::matter::{MatterError, MatterFile};
use crate::plain::PlainError;
use crate::plain::input::{Line, MAX_LINE};
use crate::report::ReportContext;
use crate::text::{escape_for_display, sanitize_line};

/// A command at the matter menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MenuCommand {
    Open(usize),
    Add,
    Rename(usize),
    Duplicate(usize),
    Delete(usize),
    Details,
    Memo,
    List,
    Help,
    Quit,
}

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
            lines.extend(fit_lines(i + 1, &sanitize_line(&s.defendant), s, self.pack));
        }
        for line in lines {
            self.io.say(&line)?;
        }
        Ok(())
    }

    /// The menu, until `q` or the end of the input.
    pub(super) fn menu(&mut self) -> Result<MatterEnding, MatterPlainError> {
        self.list()?;
        loop {
            let Some(line) = self.io.read_command()? else {
                self.io.say("End of input. Every change was saved.")?;
                return Ok(MatterEnding::InputEnded);
            };
            let command = match line {
                Line::TooLong => Err(format!(
                    "the line is longer than {MAX_LINE} bytes; type ? for the commands"
                )),
                Line::Text(text) => self.parse(&text),
            };
            let result = match command {
                Ok(MenuCommand::Quit) => {
                    self.io.say("Goodbye. Every change was saved.")?;
                    return Ok(MatterEnding::Quit);
                }
                Ok(MenuCommand::Open(n)) => {
                    let end = self.walk(n - 1)?;
                    if let Some(ending) = self.after_walk(end)? {
                        return Ok(ending);
                    }
                    Ok(())
                }
                Ok(MenuCommand::Add) => {
                    if let Some(n) = self.add()? {
                        let end = self.walk(n)?;
                        if let Some(ending) = self.after_walk(end)? {
                            return Ok(ending);
                        }
                    }
                    Ok(())
                }
                Ok(MenuCommand::Rename(n)) => self.rename(n - 1)?,
                Ok(MenuCommand::Duplicate(n)) => self.duplicate(n - 1)?,
                Ok(MenuCommand::Delete(n)) => self.delete(n - 1)?,
                Ok(MenuCommand::Details) => self.details()?,
                Ok(MenuCommand::Memo) => self.write_memo()?,
                Ok(MenuCommand::List) => {
                    self.list()?;
                    Ok(())
                }
                Ok(MenuCommand::Help) => {
                    self.help()?;
                    Ok(())
                }
                Err(message) => Err(message),
            };
            if let Err(message) = result {
                self.io.refuse(&message)?;
                self.menu_keys()?;
            }
        }
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

    /// A menu line as a command, or why it is not one.
    pub(super) fn parse(&self, text: &str) -> Result<MenuCommand, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(MenuCommand::List);
        }
        let lower = text.to_ascii_lowercase();
        // A number alone opens that screening, as `open N` does.
        let (word, rest) = if text.parse::<usize>().is_ok() {
            ("open", lower.as_str())
        } else {
            match lower.split_once(char::is_whitespace) {
                Some((w, r)) => (w, r.trim()),
                None => (lower.as_str(), ""),
            }
        };
        let count = self.open.file.screenings.len();
        let number = |what: &str| -> Result<usize, String> {
            if count == 0 {
                return Err("the matter has no screenings yet; add one with add".to_owned());
            }
            match rest.parse::<usize>() {
                Ok(n) if (1..=count).contains(&n) => Ok(n),
                Ok(n) => Err(format!(
                    "there is no screening {n}; the matter has {}",
                    plural(count, "screening")
                )),
                Err(_) => Err(format!(
                    "{what} needs the screening's number, for example {what} 1"
                )),
            }
        };
        Ok(match word {
            "o" | "open" => MenuCommand::Open(number("open")?),
            "a" | "add" if rest.is_empty() => MenuCommand::Add,
            "rename" => MenuCommand::Rename(number("rename")?),
            "duplicate" | "copy" => MenuCommand::Duplicate(number("duplicate")?),
            "delete" => MenuCommand::Delete(number("delete")?),
            "details" if rest.is_empty() => MenuCommand::Details,
            "memo" if rest.is_empty() => MenuCommand::Memo,
            "l" | "list" if rest.is_empty() => MenuCommand::List,
            "?" | "h" | "help" if rest.is_empty() => MenuCommand::Help,
            "q" | "quit" | "exit" if rest.is_empty() => MenuCommand::Quit,
            _ => {
                return Err(format!(
                    "unknown command \"{}\" at the matter's menu; type ? for the commands",
                    escape_for_display(text)
                ));
            }
        })
    }

    /// The matter, its screenings with their conclusion or pending question and certainty,
    /// then the keys.
    pub(super) fn list(&mut self) -> Result<(), PlainError> {
        let memo = self.memo();
        let m = &self.open.file.matter;
        let mut head = format!("Matter: {}.", sanitize_line(&m.caption));
        for (label, value) in [("Court", &m.court), ("Docket", &m.docket)] {
            if let Some(v) = value {
                let _ = write!(
                    head,
                    " {label}: {}.",
                    sanitize_line(v).trim_end_matches('.')
                );
            }
        }
        self.io.say(&head)?;
        if memo.screenings.is_empty() {
            self.io
                .say("No screenings yet. Type add to screen a defendant.")?;
        } else {
            self.io.say(&format!(
                "{}:",
                capitalise(&plural(memo.screenings.len(), "screening"))
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

    pub(super) fn help(&mut self) -> Result<(), PlainError> {
        const HELP: &[&str] = &[
            "Matter commands: type one and press Enter.",
            "A number opens that screening and walks it from its saved answers (open 2 works too).",
            "add: screen another defendant; asks the defendant's name and the act, then walks it.",
            "rename and a number: changes that screening's defendant, role and act.",
            "duplicate and a number: copies that screening, answers, notes and all, under a new name.",
            "delete and a number: deletes that screening after asking (the answer is No unless you type y).",
            "details: the matter's caption, court, docket, client, who prepared it and who reviews it.",
            "memo: writes the screening memo (Markdown, HTML, text, JSON, DOCX or PDF), as immunity memo does.",
            "l or an empty line: the screenings again. ?: this help. q: quit.",
            "Every change is saved to the matter file when it is made, before Saved. is printed.",
            "Lines starting with # are ignored, for comments in scripts.",
            "When the input ends, the program ends: exit status 0, or 3 when it ends in a screening before its conclusion.",
        ];
        for line in HELP {
            self.io.say(line)?;
        }
        self.menu_keys()
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
                    sanitize_line(&e.to_string())
                ))?;
                Ok(false)
            }
        }
    }

    /// `add`: asks the defendant and the act, adds the screening. Its index, to walk it.
    pub(super) fn add(&mut self) -> Result<Option<usize>, MatterPlainError> {
        let defendant = match self.io.ask("Defendant's name, for example Judge A. Roe:")? {
            Reply::End => {
                self.io.say("The input ended: nothing was added.")?;
                return Ok(None);
            }
            Reply::Text(t) if t.is_empty() => {
                self.io.say("No name given: nothing was added.")?;
                self.menu_keys()?;
                return Ok(None);
            }
            Reply::Text(t) => t,
        };
        let act = match self.io.ask(
            "The act complained of, in a line, for example ordered the plaintiff jailed (Compl. ¶ 14); press Enter to skip:",
        )? {
            Reply::End => {
                self.io.say("The input ended: nothing was added.")?;
                return Ok(None);
            }
            Reply::Text(t) => Some(t).filter(|t| !t.is_empty()),
        };
        let Ok(screening) = screening::new_screening(&defendant, None, act.as_deref(), self.pack)
        else {
            self.io.say("No name given: nothing was added.")?;
            self.menu_keys()?;
            return Ok(None);
        };
        let name = sanitize_line(&screening.defendant);
        let n = self.open.file.screenings.len() + 1;
        self.io.say(&format!("Added screening {n}: {name}."))?;
        if !self.save(|f| {
            screening::add(f, screening);
            Ok(())
        })? {
            self.menu_keys()?;
            return Ok(None);
        }
        Ok(Some(n - 1))
    }
}
