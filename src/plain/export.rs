//! `e` at a conclusion: the export asked for line by line (format, file name, overwrite), and
//! written atomically.

use std::io::{BufRead, Write};

use super::input::shown;
use super::{PlainError, Walkthrough};
use crate::export::{ExportError, write_atomic};
use crate::report::{self, Format};

impl<R: BufRead, W: Write> Walkthrough<'_, R, W> {
    /// `e`: asks the format and the file name, confirms an overwrite, writes atomically.
    pub(super) fn export(&mut self) -> Result<Result<(), String>, PlainError> {
        let conclusion_id = self.report().conclusion.id;
        let names: Vec<String> = Format::ALL
            .iter()
            .enumerate()
            .map(|(i, f)| format!("{} {}", i + 1, f.name()))
            .collect();
        self.say(&format!(
            "Export format: {}. Type a number or a name, or press Enter for {}.",
            names.join(", "),
            Format::ALL[0].name()
        ))?;
        let answer = match self.read_answer()? {
            Ok(answer) => answer,
            Err(why) => return Ok(Err(why)),
        };
        let format = match answer.as_str() {
            "" => Format::ALL[0],
            text => match text.parse::<usize>() {
                Ok(n) if (1..=Format::ALL.len()).contains(&n) => Format::ALL[n - 1],
                _ => match text.parse::<Format>() {
                    Ok(f) => f,
                    Err(e) => return Ok(Err(format!("{e}; nothing was saved"))),
                },
            },
        };
        let default = crate::export::default_file_name(&conclusion_id, format.extension());
        self.say(&format!(
            "File name, or press Enter for {default} in {}.",
            shown(&self.options.cwd)
        ))?;
        let answer = match self.read_answer()? {
            Ok(answer) => answer,
            Err(why) => return Ok(Err(why)),
        };
        let name = if answer.is_empty() { default } else { answer };
        let path = self.options.cwd.join(&name);
        let shown = shown(&path);
        let text = report::render(&self.report(), format);
        match write_atomic(&path, &text, false) {
            Ok(()) => {}
            Err(ExportError::Exists(_)) => {
                self.say(&format!(
                    "{shown} already exists. Overwrite it? Type y to overwrite, or anything else to keep it."
                ))?;
                let yes = self
                    .read_answer()?
                    .is_ok_and(|a| matches!(a.to_ascii_lowercase().as_str(), "y" | "yes"));
                if !yes {
                    self.say(&format!("Kept {shown}; nothing was saved."))?;
                    self.keys()?;
                    return Ok(Ok(()));
                }
                if let Err(e) = write_atomic(&path, &text, true) {
                    return Ok(Err(format!("{e}; nothing was saved")));
                }
            }
            Err(e) => return Ok(Err(format!("{e}; nothing was saved"))),
        }
        self.say(&format!("Saved the {} export to {shown}.", format.name()))?;
        self.keys()?;
        Ok(Ok(()))
    }
}
