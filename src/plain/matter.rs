//! `immunity --matter FILE` line by line: screening a complaint, defendant by defendant, for
//! screen readers, `TERM=dumb` and scripts.
//!
//! Chosen under the same conditions as the line-mode walkthrough (see
//! [`crate::conventions::plain_mode`]), and written the same way: each step printed once,
//! numbered, one line of keys, no escape sequence, every string from the pack, the matter file
//! or the input sanitised before it is written.
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

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::Path;

use thiserror::Error;

use super::{Command, Line, MAX_LINE, PlainError, PlainOptions, Walkthrough};
use crate::engine::Session;
use crate::export::{ExportError, write_atomic_bytes};
use crate::matter::memo::{BriefCertainty, Memo, MemoContingency, MemoFormat, MemoScreening};
use crate::matter::screening::{self, Mark};
use crate::matter::{
    Answer, Certainty, MatterError, MatterFile, MatterInfo, MatterLock, OpenMatter,
};
use crate::pack::{Node, Pack};
use crate::report::ReportContext;
use crate::text::{Clean, escape_for_display, sanitize_line};

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
    use std::io::IsTerminal as _;
    let scripted = !std::io::stdin().is_terminal();
    let options = PlainOptions {
        case: None,
        echo: scripted,
        strict: scripted,
        cwd: cwd.to_owned(),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        reason,
    };
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
        self.say(&format!(
            "{}, version {}, law checked {}.",
            sanitize_line(pack.title()),
            sanitize_line(pack.version()),
            sanitize_line(pack.law_checked())
        ))?;
        for p in crate::report::paragraphs(pack.disclaimer()) {
            self.say(&p)?;
        }
        let why = self
            .options
            .reason
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        self.say(&format!(
            "Plain mode{why}: the matter {}, one line at a time. Type ? for every command.",
            shown(path)
        ))
    }

    /// Writes one line and flushes.
    fn say(&mut self, line: &str) -> Result<(), PlainError> {
        super::say_line(&mut self.out, line)
    }

    /// One line of input, counted and echoed when asked to.
    fn read_line(&mut self) -> Result<Option<Line>, PlainError> {
        super::read_counted_line(
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
    let mut s = sanitize_line(message);
    if let Some(first) = s.get(..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(..1, &upper);
    }
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

/// A path for display, escaped.
fn shown(path: &Path) -> String {
    escape_for_display(&path.display().to_string()).into_owned()
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
                sanitize_line(&open.file.matter.caption)
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
        Some(caption) => Some(MatterInfo {
            caption: caption.trim().into(),
            court: None,
            docket: None,
            client: None,
            prepared_by: None,
            reviewer: None,
            opened: None,
            updated: None,
        }),
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
        sanitize_line(&open.file.matter.caption)
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
        caption: caption.into(),
        court: optional.next().flatten().map(Into::into),
        docket: optional.next().flatten().map(Into::into),
        client: None,
        prepared_by: None,
        reviewer: None,
        opened: None,
        updated: None,
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

/// A command at the matter menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MenuCommand {
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

/// A command a screening's walk adds to the walkthrough's.
#[derive(Debug, Clone, PartialEq, Eq)]
enum WalkCommand {
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
enum WalkEnd {
    Menu,
    Quit,
    InputEnded { at_conclusion: bool },
}

/// The keys a screening's walk adds to the keys line.
const WALK_KEYS: &[&str] = &["note", "cite", "unsure", "contested", "sure", "menu"];

/// What a screening's walk adds to `?`.
const WALK_HELP: &[&str] = &[
    "In a screening, the current answer is the one given at this question when you came back to it, otherwise the last answer given.",
    "note and a text: the current answer's note (replaces it); note alone asks for it, and - removes it.",
    "cite and a text: adds a record cite to the current answer, for example cite Compl. ¶¶ 12–14; uncite and a number removes one.",
    "unsure, contested, sure: how certain the current answer is. At the conclusion, each unsure or contested answer's contingency is shown.",
    "v: your answers with their notes, record cites and certainty.",
    "keep: a note, cites and mark written for an earlier answer now belong to the current one; drop removes them (note and cite replace them).",
    "r: back to the first question; every saved answer is kept.",
    "menu: back to the matter's screenings. Every change is saved when it is made.",
];

/// The matter open, and the streams.
struct Run<'p, R, W> {
    pack: &'p Pack,
    open: OpenMatter,
    io: Io<R, W>,
}

impl<R: BufRead, W: Write> Run<'_, R, W> {
    fn context(&self) -> ReportContext {
        ReportContext::now(self.io.options.tool_version.clone())
    }

    /// The memo model of the matter: the one place conclusions, certainty and contingencies
    /// are computed, as every memo shows them.
    fn memo(&self) -> Memo {
        Memo::build(&self.open.file, self.pack, &self.context())
    }

    /// For every screening saved with another pack or version, or with answers the pack no
    /// longer has: says so and lists those answers (kept in the file).
    fn fit_report(&mut self) -> Result<(), PlainError> {
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
    fn menu(&mut self) -> Result<MatterEnding, MatterPlainError> {
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
    fn after_walk(&mut self, end: WalkEnd) -> Result<Option<MatterEnding>, PlainError> {
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
    fn parse(&self, text: &str) -> Result<MenuCommand, String> {
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
    fn list(&mut self) -> Result<(), PlainError> {
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

    fn menu_keys(&mut self) -> Result<(), PlainError> {
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

    fn help(&mut self) -> Result<(), PlainError> {
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
    fn save(
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
    fn add(&mut self) -> Result<Option<usize>, MatterPlainError> {
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

    /// `rename N`: the defendant's name and the act, each kept on an empty line.
    fn rename(&mut self, index: usize) -> Result<Result<(), String>, MatterPlainError> {
        let s = &self.open.file.screenings[index];
        let old = (s.defendant.clone(), s.role.clone(), s.act.clone());
        let name = match self.io.ask(&format!(
            "New name for the defendant (now {}); press Enter to keep it:",
            sanitize_line(&old.0)
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
            let shown_now = now
                .as_deref()
                .map_or_else(|| "none".to_owned(), sanitize_line);
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
        let mut line = format!("Screening {}: {}", index + 1, sanitize_line(&name));
        if let Some(role) = &role {
            let _ = write!(line, " ({})", sanitize_line(role));
        }
        if let Some(act) = &act {
            let _ = write!(line, ", act: {}", sanitize_line(act).trim_end_matches('.'));
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
    fn duplicate(&mut self, index: usize) -> Result<Result<(), String>, MatterPlainError> {
        let source = self.open.file.screenings[index].clone();
        let default = format!("{} (copy)", source.defendant);
        let name = match self.io.ask(&format!(
            "Defendant for the copy; press Enter for {}:",
            sanitize_line(&default)
        ))? {
            Reply::End => return Ok(Err("the input ended: nothing was copied".into())),
            Reply::Text(t) if t.is_empty() => default,
            Reply::Text(t) => t,
        };
        self.io.say(&format!(
            "Screening {} copied as screening {}: {}, with {}.",
            index + 1,
            index + 2,
            sanitize_line(name.trim()),
            plural(source.answers.len(), "answer")
        ))?;
        self.save(|f| {
            let _ = screening::duplicate(f, index, Some(&name));
            Ok(())
        })?;
        self.list()?;
        Ok(Ok(()))
    }

    /// `delete N`, after a yes.
    fn delete(&mut self, index: usize) -> Result<Result<(), String>, MatterPlainError> {
        let s = &self.open.file.screenings[index];
        let name = sanitize_line(&s.defendant);
        let answers = s.answers.len();
        let yes = match self.io.ask(&format!(
            "Delete screening {}, {name}, and its {}, with any notes and cites? Type y to delete; anything else keeps it.",
            index + 1,
            plural(answers, "answer")
        ))? {
            Reply::End => false,
            Reply::Text(t) => matches!(t.to_ascii_lowercase().as_str(), "y" | "yes"),
        };
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
    fn details(&mut self) -> Result<Result<(), String>, MatterPlainError> {
        let mut info = self.open.file.matter.clone();
        let caption = match self.io.ask(&format!(
            "Caption (now {}); press Enter to keep it:",
            sanitize_line(&info.caption)
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
            let now = value
                .as_deref()
                .map_or_else(|| "none".to_owned(), sanitize_line);
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
                .say(&format!("Matter: {}.", sanitize_line(&info.caption)))?;
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

    /// `memo`: asks the format and the file; writes it as `immunity memo` does, atomically,
    /// never over a file without a yes, never over anything but a regular file.
    fn write_memo(&mut self) -> Result<Result<(), String>, MatterPlainError> {
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
                let yes = match self.io.ask(&format!(
                    "{} already exists. Overwrite it? Type y to overwrite, or anything else to keep it.",
                    shown(&path)
                ))? {
                    Reply::End => false,
                    Reply::Text(t) => matches!(t.to_ascii_lowercase().as_str(), "y" | "yes"),
                };
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
            self.io
                .say(&format!("Warning: {}", sanitize_line(&warning)))?;
        }
        self.menu_keys()?;
        Ok(Ok(()))
    }

    /// Walks screening `index` from its saved answers, saving every change.
    fn walk(&mut self, index: usize) -> Result<WalkEnd, MatterPlainError> {
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
struct Screen<'a> {
    open: &'a mut OpenMatter,
    index: usize,
}

/// The walkthrough over the matter's streams.
type Walk<'p, 'a, R, W> = Walkthrough<'p, &'a mut R, &'a mut W>;

impl Screen<'_> {
    /// The step as the walkthrough prints it, then what the matter adds: the saved note,
    /// cites and certainty of the answer given here, the contingencies at a conclusion; then
    /// the keys.
    fn show<R: BufRead, W: Write>(&self, walk: &mut Walk<'_, '_, R, W>) -> Result<(), PlainError> {
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

    fn screening(&self) -> &crate::matter::Screening {
        &self.open.file.screenings[self.index]
    }

    /// The saved answer to question id `id` in this screening.
    fn saved(&self, id: &str) -> Option<&Answer> {
        self.screening().answer(id)
    }

    /// The walkthrough's commands, with those that move the walk done here so that every
    /// change is saved and each step shows what the matter adds.
    fn perform_walk<R: BufRead, W: Write>(
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
    fn perform<R: BufRead, W: Write>(
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

    /// `note [TEXT]`: sets, keeps or (`-`) removes the current answer's note.
    fn note<R: BufRead, W: Write>(
        &mut self,
        walk: &mut Walk<'_, '_, R, W>,
        target: &Target,
        text: Option<String>,
    ) -> Result<Result<(), String>, MatterPlainError> {
        let which = &target.which;
        let text = if let Some(text) = text {
            text
        } else {
            let now = self
                .saved(&target.id)
                .and_then(|a| a.note.as_deref())
                .map_or_else(|| "none".to_owned(), sanitize_line);
            let prompt = format!(
                "Note on {which} (now {now}). Type the note on one line; an empty line keeps it, - removes it."
            );
            match ask_for(walk, &prompt, "The note is unchanged.")? {
                Some(Ok(text)) => text,
                Some(Err(())) => return Ok(Ok(())),
                None => return Ok(Err("the input ended; the note is unchanged".into())),
            }
        };
        let note = (text != "-").then_some(text);
        walk.say(&match &note {
            Some(n) => format!("Note on {which}: {}", sanitize_line(n)),
            None => format!("Removed the note on {which}."),
        })?;
        self.annotate(walk, &target.id, Mark::Note(note))?;
        Ok(Ok(()))
    }

    /// `cite [TEXT]`: adds a record cite to the current answer.
    fn cite<R: BufRead, W: Write>(
        &mut self,
        walk: &mut Walk<'_, '_, R, W>,
        target: &Target,
        text: Option<String>,
    ) -> Result<Result<(), String>, MatterPlainError> {
        let which = &target.which;
        let text = if let Some(text) = text {
            text
        } else {
            let prompt = format!(
                "Record cite for {which}, for example Compl. ¶¶ 12–14 or Ex. B at 3; an empty line adds none."
            );
            match ask_for(walk, &prompt, "No cite was added.")? {
                Some(Ok(text)) => text,
                Some(Err(())) => return Ok(Ok(())),
                None => return Ok(Err("the input ended; no cite was added".into())),
            }
        };
        walk.say(&format!("Record cite on {which}: {}", sanitize_line(&text)))?;
        self.annotate(walk, &target.id, Mark::Cite(text))?;
        Ok(Ok(()))
    }

    /// `uncite [N]`: removes record cite N of the current answer (asks which when not given).
    fn uncite<R: BufRead, W: Write>(
        &mut self,
        walk: &mut Walk<'_, '_, R, W>,
        target: &Target,
        number: Option<String>,
    ) -> Result<Result<(), String>, MatterPlainError> {
        let which = &target.which;
        let cites = self
            .saved(&target.id)
            .map(|a| a.cites.clone())
            .unwrap_or_default();
        if cites.is_empty() {
            return Ok(Err(format!("{which} has no record cites to remove")));
        }
        let number = if let Some(number) = number {
            number
        } else {
            walk.say(&format!("Record cites on {which}:"))?;
            for (i, c) in cites.iter().enumerate() {
                walk.say(&format!("{}. {}", i + 1, sanitize_line(c)))?;
            }
            let prompt = "Type the number of the cite to remove; an empty line removes none.";
            match ask_for(walk, prompt, "No cite was removed.")? {
                Some(Ok(text)) => text,
                Some(Err(())) => return Ok(Ok(())),
                None => return Ok(Err("the input ended; no cite was removed".into())),
            }
        };
        let i = match number.parse::<usize>() {
            Ok(n) if (1..=cites.len()).contains(&n) => n - 1,
            _ => {
                return Ok(Err(format!(
                    "there is no cite {}; {which} has {}",
                    escape_for_display(&number),
                    plural(cites.len(), "record cite")
                )));
            }
        };
        walk.say(&format!(
            "Removed the record cite {} from {which}.",
            sanitize_line(&cites[i])
        ))?;
        self.annotate(walk, &target.id, Mark::Uncite(i + 1))?;
        Ok(Ok(()))
    }

    /// Saves the walk's answers with `edit` applied to the saved answer to question `id`.
    fn annotate<R: BufRead, W: Write>(
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

    /// Saves the walk's answers when they differ from the file's.
    fn save_answers<R: BufRead, W: Write>(
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

    /// `v`: the answers on the path with their notes, record cites and certainty, then the
    /// saved answers off the path.
    fn review<R: BufRead, W: Write>(
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
                sanitize_line(&question.prompt),
                sanitize_line(&question.options[step.option].label).trim_end_matches('.')
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
                        sanitize_line(&question.prompt),
                        sanitize_line(&question.options[o].label).trim_end_matches('.')
                    ))
                });
                fits.unwrap_or_else(|| {
                    format!(
                        "{} = {} (no longer fits the pack)",
                        sanitize_line(&a.question),
                        sanitize_line(&a.option)
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
    fn contingency_lines<R: BufRead, W: Write>(&self, walk: &Walk<'_, '_, R, W>) -> Vec<String> {
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
struct Target {
    id: String,
    which: String,
}

/// Asks for the text a command left out. `Some(Ok(text))`; `Some(Err(()))` when the reply is
/// empty (`empty` is said, then the keys); `None` when the input ended.
fn ask_for<R: BufRead, W: Write>(
    walk: &mut Walk<'_, '_, R, W>,
    prompt: &str,
    empty: &str,
) -> Result<Option<Result<String, ()>>, PlainError> {
    walk.say(prompt)?;
    Ok(match read_reply(walk)? {
        Some(text) if text.is_empty() => {
            walk.say(empty)?;
            walk_keys(walk)?;
            Some(Err(()))
        }
        Some(text) => Some(Ok(text)),
        None => None,
    })
}

/// The keys line, with the matter's commands (the answer commands only when there is an
/// answer to apply them to).
fn walk_keys<R: BufRead, W: Write>(walk: &mut Walk<'_, '_, R, W>) -> Result<(), PlainError> {
    walk.extra_keys = if current_answer(&walk.session).is_some() {
        WALK_KEYS.iter().map(|s| (*s).to_owned()).collect()
    } else {
        vec!["menu".to_owned()]
    };
    walk.keys()
}

/// Reads one line of a reply inside a walk: `None` at the end of the input; a line too long
/// is refused (in a script, the session stops) and counts as an empty reply.
fn read_reply<R: BufRead, W: Write>(
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

/// Applies `change` through [`OpenMatter::change`] and says "Saved." after the file is
/// written, or why not (in a script, the error ends the session).
fn save<R: BufRead, W: Write>(
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
fn current_answer(session: &Session<'_>) -> Option<(usize, usize)> {
    if let Node::Question(q) = session.current()
        && let Some(o) = session.remembered(q)
    {
        return Some((q, o));
    }
    session.history().last().map(|s| (s.question, s.option))
}

/// The screening's answers as the walk has them ([`screening::synced`], the one rule every
/// front end saves a walk with).
fn synced(screening: &crate::matter::Screening, pack: &Pack, session: &Session<'_>) -> Vec<Answer> {
    screening::synced(screening, session, pack).answers
}

/// How a confirmation names an answer: "question 4 (“Deciding or managing a case: ruling, …”)",
/// numbered as the walk numbers its questions.
fn answer_name(session: &Session<'_>, q: usize, option: usize) -> String {
    let pack = session.pack();
    let label = short(&pack.question(q).options[option].label);
    let number = session
        .history()
        .iter()
        .position(|s| s.question == q)
        .map_or(session.history().len() + 1, |i| i + 1);
    format!("question {number} (\u{201c}{label}\u{201d})")
}

/// A label or prompt shortened for a confirmation: at most about 60 characters, cut at a word
/// with an ellipsis (a screen reader reads every word of every confirmation).
pub(crate) fn short(text: &str) -> String {
    const MAX: usize = 60;
    let text = sanitize_line(text);
    let text = text.trim_end_matches('.');
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}\u{2026}",
        cut.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
    )
}

/// A saved answer's note, record cites and certainty, one line each that has something.
fn annotation_lines(a: &Answer, pack: &Pack) -> Vec<String> {
    let mut lines = Vec::new();
    if a.is_stale() {
        let earlier = pack
            .question_index(&a.question)
            .and_then(|q| {
                let o = pack.option_index(q, a.written_for())?;
                Some(pack.question(q).options[o].label.clone())
            })
            .unwrap_or_else(|| a.written_for().into());
        lines.push(format!(
            "Written for the earlier answer \u{201c}{}\u{201d}: keep makes the note, cites and mark this answer's; drop removes them.",
            short(&earlier)
        ));
    }
    if let Some(note) = &a.note {
        lines.push(format!("Note: {}", sanitize_line(note)));
    }
    if !a.cites.is_empty() {
        let cites: Vec<String> = a.cites.iter().map(|c| sanitize_line(c)).collect();
        lines.push(format!("Record cites: {}.", cites.join("; ")));
    }
    if a.certainty.is_uncertain() {
        lines.push(format!("Marked {}.", a.certainty.id()));
    }
    lines
}

/// One contingency in words: whether the conclusion holds whichever way the answer goes, or
/// where each other answer leads.
fn contingency_text(c: &MemoContingency, step: Option<usize>) -> Vec<String> {
    let head = match step {
        Some(n) => format!(
            "Your {} answer to question {n} (\u{201c}{}\u{201d})",
            c.certainty.id(),
            short(&c.label)
        ),
        None => format!(
            "Your {} answer to \u{201c}{}\u{201d} (\u{201c}{}\u{201d})",
            c.certainty.id(),
            short(&c.prompt),
            short(&c.label)
        ),
    };
    if !c.on_path {
        return vec![format!("{head} is off this path: it decides nothing here.")];
    }
    if c.holds {
        return vec![format!(
            "{head}: the conclusion holds whichever way it goes."
        )];
    }
    let mut lines = vec![format!("{head}: the conclusion depends on it.")];
    for a in &c.alternatives {
        let label = sanitize_line(&a.label);
        let label = label.trim_end_matches('.');
        lines.push(if a.same {
            format!("- If the answer were \u{201c}{label}\u{201d}: the same conclusion.")
        } else if let Some(r) = &a.result {
            format!(
                "- If the answer were \u{201c}{label}\u{201d}: {}.",
                sanitize_line(r).trim_end_matches('.')
            )
        } else if let Some(q) = &a.unanswered {
            let prompt = sanitize_line(q);
            format!(
                "- If the answer were \u{201c}{label}\u{201d}: the walk stops at a question never answered: \u{201c}{}\u{201d}",
                prompt.trim_end_matches('.')
            )
        } else {
            format!("- If the answer were \u{201c}{label}\u{201d}: no conclusion.")
        });
    }
    lines
}

/// For a screening saved with another pack or version, or with answers the pack does not
/// have: what changed and each such answer (kept).
fn fit_lines(
    number: usize,
    defendant: &str,
    screening: &crate::matter::Screening,
    pack: &Pack,
) -> Vec<String> {
    let fit = screening.fit(pack);
    let mut lines = Vec::new();
    if let Some(changed) = &fit.pack_changed {
        lines.push(format!(
            "Screening {number}, {defendant}: {}.",
            sanitize_line(changed)
        ));
    }
    if !fit.misfits.is_empty() {
        lines.push(format!(
            "Screening {number}, {defendant}: {} no longer {} the pack; kept in the file, not used in the walk:",
            plural(fit.misfits.len(), "saved answer"),
            if fit.misfits.len() == 1 { "fits" } else { "fit" }
        ));
        for m in &fit.misfits {
            lines.push(format!(
                "- {} = {}: {}.",
                sanitize_line(&m.question),
                sanitize_line(&m.option),
                sanitize_line(&m.reason)
            ));
        }
    }
    lines
}

/// One screening at the menu: number, defendant, act, conclusion or pending question,
/// certainty.
fn menu_line(s: &MemoScreening) -> String {
    let mut line = format!("{}. {}", s.number, sanitize_line(&s.defendant));
    if let Some(role) = &s.role {
        let _ = write!(line, " ({})", sanitize_line(role));
    }
    if let Some(act) = &s.act {
        let _ = write!(line, ", act: {}", sanitize_line(act).trim_end_matches('.'));
    }
    line.push_str(". ");
    let result = match (&s.discussion, &s.pending) {
        (Some(r), _) => format!(
            "{}: {}. Certainty: {}.",
            sanitize_line(&r.conclusion.outcome_label),
            sanitize_line(&r.conclusion.title).trim_end_matches('.'),
            certainty_words(s)
        ),
        (None, Some(p)) if s.answers.is_empty() => format!(
            "Not started: first question \u{201c}{}\u{201d}",
            sanitize_line(&p.prompt)
        ),
        (None, Some(p)) => format!("Pending at \u{201c}{}\u{201d}", sanitize_line(&p.prompt)),
        (None, None) => "Pending".to_owned(),
    };
    line.push_str(&result);
    if s.pack_changed.is_some() || !s.misfits.is_empty() {
        line.push_str(" (saved with another pack version: see the report above)");
    }
    if !line.ends_with('.') && !line.ends_with('?') {
        line.push('.');
    }
    line
}

/// "holds either way" or "depends on 1 unsure answer" (the answers that would change it).
fn certainty_words(s: &MemoScreening) -> String {
    match s.brief.certainty {
        BriefCertainty::Certain => {
            "sure: no answer on the path is marked unsure or contested".into()
        }
        BriefCertainty::HoldsEitherWay => "holds either way".into(),
        BriefCertainty::Pending => "none yet".into(),
        BriefCertainty::Depends => {
            let deciding = s.contingencies.iter().filter(|c| c.on_path && !c.holds);
            let (mut unsure, mut contested) = (0, 0);
            for c in deciding {
                match c.certainty {
                    Certainty::Contested => contested += 1,
                    _ => unsure += 1,
                }
            }
            let mut parts = Vec::new();
            if unsure > 0 {
                parts.push(plural(unsure, "unsure answer"));
            }
            if contested > 0 {
                parts.push(plural(contested, "contested answer"));
            }
            format!("depends on {}", parts.join(" and "))
        }
    }
}

/// A walk command, or `None` for the walkthrough's own.
fn parse_walk(text: &str) -> Option<WalkCommand> {
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

/// `n thing` or `n things`.
fn plural(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The memo's default file name: the matter file's name without `.json` (and `.matter`),
/// then `-memo` and the extension, keeping only ASCII letters, digits, `-`, `_` and `.`.
fn memo_file_name(matter: &Path, extension: &str) -> String {
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
