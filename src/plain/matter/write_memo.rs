//! `memo` at the menu: the format and file asked for line by line, the memo written as
//! `immunity memo` writes it (atomically, never over a file without a yes, never over the
//! matter itself).

use std::io::{BufRead, Write};
use std::path::Path;

use super::{MatterPlainError, Reply, Run, shown};
use crate::export::{ExportError, write_atomic_bytes};
use crate::matter::memo::MemoFormat;
use crate::plain::input::one_line;

impl<R: BufRead, W: Write> Run<'_, R, W> {
    /// `memo`: asks the format and the file; writes it as `immunity memo` does, atomically,
    /// never over a file without a yes, never over anything but a regular file.
    pub(super) fn write_memo(&mut self) -> Result<Result<(), String>, MatterPlainError> {
        let names: Vec<String> = MemoFormat::ALL
            .iter()
            .enumerate()
            .map(|(i, f)| format!("{} {}", i + 1, f.name()))
            .collect();
        let format = match self.io.ask(&format!(
            "Memo format: {}. Type a number or a name, or press Enter for {}.",
            names.join(", "),
            MemoFormat::ALL[0].name()
        ))? {
            Reply::End => return Ok(Err("the input ended; no memo was written".into())),
            Reply::Text(t) if t.is_empty() => MemoFormat::ALL[0],
            Reply::Text(t) => match t.parse::<usize>() {
                Ok(n) if (1..=MemoFormat::ALL.len()).contains(&n) => MemoFormat::ALL[n - 1],
                _ => match t.parse::<MemoFormat>() {
                    Ok(f) => f,
                    Err(e) => return Ok(Err(format!("{e}; no memo was written"))),
                },
            },
        };
        let default = memo_file_name(self.open.path(), format.extension());
        let name = match self.io.ask(&format!(
            "File name, or press Enter for {default} in {}.",
            shown(&self.io.options.cwd)
        ))? {
            Reply::End => return Ok(Err("the input ended; no memo was written".into())),
            Reply::Text(t) if t.is_empty() => default,
            Reply::Text(t) => t,
        };
        let path = self.io.options.cwd.join(&name);
        if let Err(reason) = crate::matter::memo::guard_output(self.open.path(), &path, true) {
            return Ok(Err(format!("{reason}; no memo was written")));
        }
        let (bytes, warning) = match self
            .memo()
            .render_with_warning(format, crate::matter::memo::Appendix::Full)
        {
            Ok(written) => written,
            Err(e) => return Ok(Err(format!("{e}; no memo was written"))),
        };
        match write_atomic_bytes(&path, &bytes, false) {
            Ok(()) => {}
            Err(ExportError::Exists(_)) => {
                let yes = self.io.confirm(&format!(
                    "{} already exists. Overwrite it? Type y to overwrite, or anything else to keep it.",
                    shown(&path)
                ))?;
                if !yes {
                    self.io
                        .say(&format!("Kept {}; no memo was written.", shown(&path)))?;
                    self.menu_keys()?;
                    return Ok(Ok(()));
                }
                if let Err(e) = write_atomic_bytes(&path, &bytes, true) {
                    return Ok(Err(format!("{e}; no memo was written")));
                }
            }
            Err(e) => return Ok(Err(format!("{e}; no memo was written"))),
        }
        self.io.say(&format!(
            "Wrote the {} memo to {}.",
            format.name(),
            shown(&path)
        ))?;
        if let Some(warning) = warning {
            self.io.say(&format!("Warning: {}", one_line(&warning)))?;
        }
        self.menu_keys()?;
        Ok(Ok(()))
    }
}

/// The memo's default file name: the matter file's name without `.json` (and `.matter`),
/// then `-memo` and the extension, keeping only ASCII letters, digits, `-`, `_` and `.`.
pub(super) fn memo_file_name(matter: &Path, extension: &str) -> String {
    let name = matter
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".json").unwrap_or(&name);
    let stem = stem.strip_suffix(".matter").unwrap_or(stem);
    let safe: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    let safe = safe.trim_start_matches('.');
    if safe.is_empty() {
        format!("memo.{extension}")
    } else {
        format!("{safe}-memo.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_names_follow_the_matter_file() {
        assert_eq!(
            memo_file_name(Path::new("/x/doe.matter.json"), "pdf"),
            "doe-memo.pdf"
        );
        assert_eq!(memo_file_name(Path::new("roe.json"), "md"), "roe-memo.md");
        assert_eq!(memo_file_name(Path::new(".json"), "md"), "memo.md");
        assert_eq!(
            memo_file_name(Path::new("a\u{1b}[2Jb.json"), "txt"),
            "a2Jb-memo.txt"
        );
    }
}
