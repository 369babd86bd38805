//! `immunity --matter FILE` line by line: screening a complaint, defendant by defendant, for
//! screen readers, `TERM=dumb` and scripts.
//!
//! Chosen under the same conditions as the line-mode walkthrough (see
//! [`crate::conventions::plain_mode`]), and written the same way: each step printed once,
//! numbered, one line of keys, no escape sequence; pack and matter text is clean from the
//! moment it is loaded, and typed text from the moment it is read.
//!
//! The session opens the matter ([`OpenMatter`]: locked, parsed with located errors, never
//! written when it does not parse), or asks for the caption, court and docket and creates it.
//! A matter saved with another pack version opens with the fit report: answers that no longer
//! fit are kept and listed. The menu lists the screenings with their conclusion or pending
//! question and certainty, and adds, renames, duplicates and deletes them, edits the matter's
//! details and writes the memo (the writer of `immunity memo`). Opening a screening walks it
//! in the walkthrough of [`super::Walkthrough`], resumed from the saved answers, with commands
//! for the current answer's note, record cites and certainty, and its contingencies at the
//! conclusion (computed by the core, as the memo shows them).
//!
//! Every change goes through [`OpenMatter::change`] (checked as if read back, written
//! atomically) before "Saved." is printed; a save that fails is reported, and in a script it
//! ends the session with the error.
use std::io::{BufRead, Write};
use std::path::Path;

use thiserror::Error;

use super::input::{Line, MAX_LINE, one_line, outside_line, read_counted_line, say_line, shown};
use super::{PlainError, PlainOptions};
use crate::matter::{MatterError, MatterInfo, MatterLock, OpenMatter};
use crate::pack::Pack;

mod answers;
mod edit;
mod menu;
mod screen;
mod walk_table;
mod words;
mod write_memo;

/// Why a matter session stopped with an error.
#[derive(Debug, Error)]
pub enum MatterPlainError {
    /// The line mode failed: a script line that cannot be done, or a standard stream.
    #[error(transparent)]
    Plain(#[from] PlainError),
    /// The matter file cannot be read, parsed, locked or written.
    #[error(transparent)]
    Matter(#[from] MatterError),
}

/// How a matter session ended without an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatterEnding {
    /// `q`.
    Quit,
    /// The input ended at the menu, or in a screening at its conclusion.
    InputEnded,
    /// The input ended in a screening before its conclusion (everything typed is saved), or
    /// before a new matter was created.
    InputEndedPending,
}

impl MatterEnding {
    /// The exit status: 0, or 3 when the input ended before a screening's conclusion or before
    /// the matter was created (as the walkthrough exits 3 when its input stops short).
    pub fn exit_code(self) -> u8 {
        match self {
            MatterEnding::Quit | MatterEnding::InputEnded => 0,
            MatterEnding::InputEndedPending => 3,
        }
    }
}

/// Runs the matter line mode on the process's standard streams. Input that is not a terminal
/// is echoed and read strictly (see [`PlainOptions`]).
pub fn run_stdio(
    path: &Path,
    pack: &Pack,
    caption: Option<String>,
    reason: Option<&'static str>,
    cwd: &Path,
) -> Result<MatterEnding, MatterPlainError> {
    let options = PlainOptions::stdio(None, reason, cwd);
    run(
        path,
        pack,
        caption,
        options,
        std::io::stdin().lock(),
        std::io::stdout().lock(),
    )
}

/// Runs the matter line mode on `path` over a reader and a writer: opens or creates the
/// matter, then the menu, until `q` or the end of the input. A missing matter is created with
/// `caption` (`--caption`) when given, else after asking for the caption, court and docket.
/// `options.case` is ignored.
pub fn run<R: BufRead, W: Write>(
    path: &Path,
    pack: &Pack,
    caption: Option<String>,
    options: PlainOptions,
    input: R,
    out: W,
) -> Result<MatterEnding, MatterPlainError> {
    let mut io = Io {
        input,
        out,
        line: 0,
        options,
    };
    io.introduce(pack, path)?;
    let Some(open) = open_or_create(&mut io, path, caption)? else {
        return Ok(MatterEnding::InputEndedPending);
    };
    let mut run = Run { pack, open, io };
    run.fit_report()?;
    run.menu()
}

/// Reading and writing lines, for the opening questions and the menu (a screening's walk
/// reads through its [`Walkthrough`], which counts the same lines).
struct Io<R, W> {
    input: R,
    out: W,
    /// Input lines read so far, for error messages.
    line: usize,
    options: PlainOptions,
}

/// An answer to a question asked at the menu: text, or the end of the input.
enum Reply {
    Text(String),
    End,
}

impl<R: BufRead, W: Write> Io<R, W> {
    fn introduce(&mut self, pack: &Pack, path: &Path) -> Result<(), PlainError> {
        let how = format!(
            "the matter {}, one line at a time. Type ? for every command.",
            shown(path)
        );
        for line in super::step::introduction(pack, self.options.reason, &how) {
            self.say(&line)?;
        }
        Ok(())
    }

    /// Writes one line and flushes.
    fn say(&mut self, line: &str) -> Result<(), PlainError> {
        say_line(&mut self.out, line)
    }

    /// One line of input, counted and echoed when asked to.
    fn read_line(&mut self) -> Result<Option<Line>, PlainError> {
        read_counted_line(
            &mut self.input,
            &mut self.out,
            &mut self.line,
            self.options.echo,
        )
    }

    /// The next command line, skipping `#` comments.
    fn read_command(&mut self) -> Result<Option<Line>, PlainError> {
        loop {
            let line = self.read_line()?;
            match &line {
                Some(Line::Text(text)) if text.trim_start().starts_with('#') => {}
                _ => return Ok(line),
            }
        }
    }

    /// Asks `prompt` and reads the answer, trimmed. A line too long is refused (in a script,
    /// the session stops); the question is asked again.
    fn ask(&mut self, prompt: &str) -> Result<Reply, PlainError> {
        loop {
            self.say(prompt)?;
            match self.read_line()? {
                None => return Ok(Reply::End),
                Some(Line::Text(text)) => return Ok(Reply::Text(text.trim().to_owned())),
                Some(Line::TooLong) => {
                    self.refuse(&format!("the line is longer than {MAX_LINE} bytes"))?;
                }
            }
        }
    }

    /// Asks a yes-or-no `question`: true for `y` or `yes` in any case; anything else, or the
    /// end of the input, is no.
    fn confirm(&mut self, question: &str) -> Result<bool, PlainError> {
        Ok(match self.ask(question)? {
            Reply::End => false,
            Reply::Text(t) => matches!(t.to_ascii_lowercase().as_str(), "y" | "yes"),
        })
    }

    /// Says why a command was refused; in a script, stops with the input line.
    fn refuse(&mut self, message: &str) -> Result<(), PlainError> {
        if self.options.strict {
            return Err(PlainError::Script {
                line: self.line,
                message: message.to_owned(),
            });
        }
        self.say(&sentence(message))
    }
}

/// A message as a sentence: first letter upper case, a full stop.
fn sentence(message: &str) -> String {
    // A refusal may quote an error's reason, which may quote a path.
    let mut s = outside_line(message);
    if let Some(first) = s.get(..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(..1, &upper);
    }
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// Opens the matter at `path`, or, when nothing is there, asks for the caption, court and
/// docket and creates it. `None` when the input ends before the matter is created.
fn open_or_create<R: BufRead, W: Write>(
    io: &mut Io<R, W>,
    path: &Path,
    caption: Option<String>,
) -> Result<Option<OpenMatter>, MatterPlainError> {
    match path.symlink_metadata() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        // A file (or anything else, refused by `open` for what it is), or an error `open`
        // reports with the path.
        _ => {
            let open = OpenMatter::open(path)?;
            io.say(&format!(
                "Opened {}: {}.",
                shown(path),
                one_line(&open.file.matter.caption)
            ))?;
            return Ok(Some(open));
        }
    }
    // A missing folder is named as such, not as the lock file that could not be made in it.
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(MatterError::Io {
            path: path.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the folder {} does not exist", shown(folder)),
            ),
        }
        .into());
    }
    // Refused now, before the questions, if another program holds the lock or the folder
    // cannot take the file: nobody types a caption for nothing. A lock file made only for
    // this check goes again if no matter is created.
    let tidy = LockTidy {
        path: (!crate::matter::lock_path(path).exists()).then(|| crate::matter::lock_path(path)),
    };
    drop(MatterLock::acquire(path)?);
    let info = match caption {
        Some(caption) => Some(MatterInfo::captioned(caption.trim())),
        None => ask_info(io, path)?,
    };
    let Some(info) = info else {
        return Ok(None);
    };
    let open = OpenMatter::create(path, info)?;
    tidy.disarm();
    io.say(&format!(
        "Created {}: {}. Saved.",
        shown(path),
        one_line(&open.file.matter.caption)
    ))?;
    Ok(Some(open))
}

/// Asks the caption (again when empty), the court and the docket (an empty line skips them).
/// `None` when the input ends first.
fn ask_info<R: BufRead, W: Write>(
    io: &mut Io<R, W>,
    path: &Path,
) -> Result<Option<MatterInfo>, PlainError> {
    io.say(&format!(
        "{} does not exist yet: a new matter will be created there.",
        shown(path)
    ))?;
    let caption = loop {
        match io.ask("Caption of the matter, for example Doe v. Roe:")? {
            Reply::End => {
                io.say("The input ended before the caption: no matter was created.")?;
                return Ok(None);
            }
            Reply::Text(text) if text.is_empty() => {
                io.refuse("a matter needs a caption; type it, for example Doe v. Roe")?;
            }
            Reply::Text(text) => break text,
        }
    };
    let mut optional = Vec::new();
    for prompt in [
        "Court (press Enter to skip):",
        "Docket number (press Enter to skip):",
    ] {
        match io.ask(prompt)? {
            Reply::End => {
                io.say("The input ended before the matter was created: no matter was created.")?;
                return Ok(None);
            }
            Reply::Text(text) => optional.push(Some(text).filter(|t| !t.is_empty())),
        }
    }
    let mut optional = optional.into_iter();
    Ok(Some(MatterInfo {
        court: optional.next().flatten().map(Into::into),
        docket: optional.next().flatten().map(Into::into),
        ..MatterInfo::captioned(caption)
    }))
}

/// Removes a lock file made before a matter was created, unless the matter was created
/// (then the lock file stays, as it does beside every matter).
struct LockTidy {
    path: Option<std::path::PathBuf>,
}

impl LockTidy {
    fn disarm(mut self) {
        self.path = None;
    }
}

impl Drop for LockTidy {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The matter open, and the streams.
struct Run<'p, R, W> {
    pack: &'p Pack,
    open: OpenMatter,
    io: Io<R, W>,
}
