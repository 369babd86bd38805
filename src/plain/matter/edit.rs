//! The menu's commands that change a screening or the matter: add, rename, duplicate,
//! delete, and the matter's details.

use std::fmt::Write as _;
use std::io::{BufRead, Write};

use super::{MatterPlainError, Reply, Run};
use crate::matter::screening::{self};
use crate::plain::input::one_line;
use crate::text::Clean;
use crate::words::count;

impl<R: BufRead, W: Write> Run<'_, R, W> {
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
        let name = one_line(&screening.defendant);
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

    /// `rename N`: the defendant's name and the act, each kept on an empty line.
    pub(super) fn rename(&mut self, index: usize) -> Result<Result<(), String>, MatterPlainError> {
        let s = &self.open.file.screenings[index];
        let old = (s.defendant.clone(), s.role.clone(), s.act.clone());
        let name = match self.io.ask(&format!(
            "New name for the defendant (now {}); press Enter to keep it:",
            one_line(&old.0)
        ))? {
            Reply::End => return Ok(Err("the input ended: nothing was changed".into())),
            Reply::Text(t) if t.is_empty() => old.0.clone(),
            Reply::Text(t) => t.into(),
        };
        let mut optional = Vec::new();
        for (label, now) in [
            (
                "The defendant's role, for example state trial judge",
                &old.1,
            ),
            ("The act", &old.2),
        ] {
            let shown_now = now.as_deref().map_or_else(|| "none".to_owned(), one_line);
            optional.push(
                match self.io.ask(&format!(
                    "{label} (now {shown_now}); press Enter to keep it, or type - to remove it:"
                ))? {
                    Reply::End => return Ok(Err("the input ended: nothing was changed".into())),
                    Reply::Text(t) if t.is_empty() => now.clone(),
                    Reply::Text(t) if t == "-" => None,
                    Reply::Text(t) => Some(t.into()),
                },
            );
        }
        let act = optional.pop().flatten();
        let role = optional.pop().flatten();
        if (&name, &role, &act) == (&old.0, &old.1, &old.2) {
            self.io.say("Nothing was changed.")?;
            return self.menu_keys().map(Ok).map_err(Into::into);
        }
        let mut line = format!("Screening {}: {}", index + 1, one_line(&name));
        if let Some(role) = &role {
            let _ = write!(line, " ({})", one_line(role));
        }
        if let Some(act) = &act {
            let _ = write!(line, ", act: {}", one_line(act).trim_end_matches('.'));
        }
        self.io.say(&format!("{line}."))?;
        self.save(|f| {
            let _ = screening::rename(
                f,
                index,
                &name,
                Some(role.as_deref().unwrap_or("")),
                Some(act.as_deref().unwrap_or("")),
            );
            Ok(())
        })?;
        self.menu_keys()?;
        Ok(Ok(()))
    }

    /// `duplicate N`: a copy under a new defendant's name, added after it.
    pub(super) fn duplicate(
        &mut self,
        index: usize,
    ) -> Result<Result<(), String>, MatterPlainError> {
        let source = self.open.file.screenings[index].clone();
        let default = format!("{} (copy)", source.defendant);
        let name = match self.io.ask(&format!(
            "Defendant for the copy; press Enter for {}:",
            one_line(&default)
        ))? {
            Reply::End => return Ok(Err("the input ended: nothing was copied".into())),
            Reply::Text(t) if t.is_empty() => default,
            Reply::Text(t) => t,
        };
        self.io.say(&format!(
            "Screening {} copied as screening {}: {}, with {}.",
            index + 1,
            index + 2,
            one_line(name.trim()),
            count(source.answers.len(), "answer", "answers")
        ))?;
        self.save(|f| {
            let _ = screening::duplicate(f, index, Some(&name));
            Ok(())
        })?;
        self.list()?;
        Ok(Ok(()))
    }

    /// `delete N`, after a yes.
    pub(super) fn delete(&mut self, index: usize) -> Result<Result<(), String>, MatterPlainError> {
        let s = &self.open.file.screenings[index];
        let name = one_line(&s.defendant);
        let answers = s.answers.len();
        let yes = self.io.confirm(&format!(
            "Delete screening {}, {name}, and its {}, with any notes and cites? Type y to delete; anything else keeps it.",
            index + 1,
            count(answers, "answer", "answers")
        ))?;
        if !yes {
            self.io
                .say(&format!("Kept screening {}, {name}.", index + 1))?;
            self.menu_keys()?;
            return Ok(Ok(()));
        }
        self.io
            .say(&format!("Deleted screening {}, {name}.", index + 1))?;
        self.save(|f| {
            let _ = screening::delete(f, index);
            Ok(())
        })?;
        self.list()?;
        Ok(Ok(()))
    }

    /// `details`: each of the matter's fields, kept on an empty line.
    pub(super) fn details(&mut self) -> Result<Result<(), String>, MatterPlainError> {
        let mut info = self.open.file.matter.clone();
        let caption = match self.io.ask(&format!(
            "Caption (now {}); press Enter to keep it:",
            one_line(&info.caption)
        ))? {
            Reply::End => return Ok(Err("the input ended: nothing was changed".into())),
            Reply::Text(t) => t,
        };
        if !caption.is_empty() {
            info.caption = caption.into();
        }
        let fields: [(&str, &mut Option<Clean>); 5] = [
            ("Court", &mut info.court),
            ("Docket number", &mut info.docket),
            ("Client", &mut info.client),
            ("Prepared by (the memo's From)", &mut info.prepared_by),
            ("Reviewer (the memo's To)", &mut info.reviewer),
        ];
        for (label, value) in fields {
            let now = value.as_deref().map_or_else(|| "none".to_owned(), one_line);
            match self.io.ask(&format!(
                "{label} (now {now}); press Enter to keep it, or type - to remove it:"
            ))? {
                Reply::End => return Ok(Err("the input ended: nothing was changed".into())),
                Reply::Text(t) if t.is_empty() => {}
                Reply::Text(t) if t == "-" => *value = None,
                Reply::Text(t) => *value = Some(t.into()),
            }
        }
        if info == self.open.file.matter {
            self.io.say("Nothing was changed.")?;
        } else {
            self.io
                .say(&format!("Matter: {}.", one_line(&info.caption)))?;
            self.save(|f| {
                // `updated` is stamped by the save itself.
                info.updated.clone_from(&f.matter.updated);
                f.matter = info;
                Ok(())
            })?;
        }
        self.menu_keys()?;
        Ok(Ok(()))
    }
}
