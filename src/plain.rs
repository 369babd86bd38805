//! The line-by-line walkthrough: for screen readers, braille displays, `TERM=dumb`, and scripts.
//!
//! Chosen by `--plain`, by `ACCESSIBLE` set and not empty, by `TERM=dumb`, or when standard input
//! or output is not a terminal (see [`crate::conventions::plain_mode`]). It writes plain lines
//! and never an escape sequence: no colour, no cursor movement, no clearing, so a screen reader
//! reads each line once, in order, and a transcript reads top to bottom.
//!
//! Each step prints once: "Question 3 (act-kind) of at most 9:" (the id `--answer` takes), the prompt, the numbered options, then one
//! line of the keys that apply. A choice is confirmed once in words. Long texts (why a question
//! is asked, the courts' words with their citations and status, the fact pattern, the reasoning
//! chain) print only when asked for. Lines are not wrapped: a paragraph is one line, which is
//! what screen readers and braille displays expect, and what a terminal wraps by itself.
//!
//! Commands are read one per line from any [`std::io::BufRead`], so a piped script can walk,
//! review and export; [`Walkthrough::run`] is pure logic over a reader and a writer, tested
//! with in-memory buffers; [`run_stdio`] wires it to the process's standard streams.
//!
//! Pack, matter and results text is clean (`text::Clean`) from the moment it is loaded, and a
//! typed line is made clean where it is read (`input`), the one place in `src/plain*` that
//! cleans: the rest only folds a paragraph to one line.
//!
//! Every mode that reads commands (the walkthrough, the matter's menu, a screening's walk) is a
//! command table run by the one loop in `command`; `?` prints the help generated from the
//! table, and a test holds each table and its help to each other. A screening's walk reuses the
//! walkthrough's table (`walk_table`) and adds its own commands rather than copy it; a session
//! restored from saved answers starts with [`Walkthrough::resume`].

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::pack::Pack;

mod asked;
mod command;
mod export;
mod input;
pub mod matter;
pub mod quiz;
pub mod start;
mod step;
mod walk;
mod walk_table;

pub use input::MAX_LINE;
use input::{outside_line, say_line};
pub use walk::Walkthrough;

/// How a session is set up.
#[derive(Debug, Clone)]
pub struct PlainOptions {
    /// Work this fact pattern of the pack (`--case`).
    pub case: Option<String>,
    /// Write each command read after the prompt, so a transcript of a piped run shows what was
    /// typed (a terminal echoes typing by itself).
    pub echo: bool,
    /// A script is driving: an unknown command, an impossible choice or a failed export ends the
    /// session with an error naming the input line, instead of asking again.
    pub strict: bool,
    /// Export paths are relative to this folder.
    pub cwd: PathBuf,
    /// The program's version, written into exports.
    pub tool_version: String,
    /// Why the line mode was chosen, said once at the start; `None` says nothing.
    pub reason: Option<&'static str>,
}

impl PlainOptions {
    /// The options on the process's standard streams: input that is not a terminal is a
    /// script, echoed and read strictly.
    pub fn stdio(case: Option<String>, reason: Option<&'static str>, cwd: &Path) -> Self {
        use std::io::IsTerminal as _;
        let scripted = !std::io::stdin().is_terminal();
        PlainOptions {
            case,
            echo: scripted,
            strict: scripted,
            cwd: cwd.to_owned(),
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            reason,
        }
    }
}

/// How a session ended without an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finished {
    /// True for `q`; false when the input ended.
    pub quit: bool,
    /// Whether the walk stood at a conclusion at the end.
    pub at_conclusion: bool,
}

impl Finished {
    /// The exit status: 0 after `q`, or when the input ends at a conclusion; 3 when the input
    /// ends before one (as `immunity walk` exits 3 when answers stop short).
    pub fn exit_code(self) -> u8 {
        if self.quit || self.at_conclusion {
            0
        } else {
            3
        }
    }
}

/// Why a session stopped with an error.
#[derive(Debug, Error)]
pub enum PlainError {
    /// `--case` names no fact pattern of the pack.
    #[error("unknown fact pattern {id:?}; the pack's fact patterns are: {valid}")]
    UnknownCase {
        /// The id given (escaped).
        id: String,
        /// The pack's fact pattern ids.
        valid: String,
    },
    /// In a script: a line that is not a command, or a choice that cannot be made.
    #[error("standard input line {line}: {message}")]
    Script {
        /// 1-based input line.
        line: usize,
        /// What is wrong, in words.
        message: String,
    },
    /// Standard input could not be read.
    #[error("cannot read standard input: {0}")]
    Read(#[source] std::io::Error),
    /// Standard output could not be written.
    #[error("cannot write to standard output: {0}")]
    Write(#[source] std::io::Error),
}

/// Runs the line mode on the process's standard input and output. Input that is not a
/// terminal is echoed and read strictly (see [`PlainOptions`]).
pub fn run_stdio(
    pack: &Pack,
    case: Option<String>,
    reason: Option<&'static str>,
    cwd: &Path,
) -> Result<Finished, PlainError> {
    let mut options = PlainOptions::stdio(case, reason, cwd);
    // At a terminal without --case, the start menu first (the full screen's start screen).
    if !options.strict && options.case.is_none() {
        let choice = start::start_menu(
            pack,
            &mut std::io::stdin().lock(),
            &mut std::io::stdout().lock(),
            false,
        )?;
        match choice {
            start::Start::Walk(case) => options.case = case,
            start::Start::Quiz => return start_quiz(pack, reason, cwd),
            start::Start::Leave => {
                say_line(&mut std::io::stdout().lock(), "Goodbye.")?;
                return Ok(Finished {
                    quit: true,
                    at_conclusion: false,
                });
            }
        }
    }
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    Walkthrough::new(pack, options, stdin, stdout)?.run()
}

/// The quiz chosen from the start menu: every fact pattern, line by line; the results file is
/// written in `cwd` under the login name, as the full screen's start screen does.
fn start_quiz(
    pack: &Pack,
    reason: Option<&'static str>,
    cwd: &Path,
) -> Result<Finished, PlainError> {
    use crate::results::save;
    let cases = (0..pack.cases().len()).collect();
    let (patterns, ending) = quiz::run_stdio(pack, cases, reason);
    let student = save::default_student(&|v| std::env::var(v).ok());
    let path = save::free_name(cwd, &student);
    let notice = match save::write(pack, &student, &path, false, patterns) {
        Ok(true) => format!(
            "Quiz results written to {}.",
            outside_line(&path.display().to_string())
        ),
        Ok(false) => "Quiz ended before any answer: no results file written.".to_owned(),
        Err(e) => format!(
            "Could not write the quiz results: {}",
            outside_line(&e.to_string())
        ),
    };
    say_line(&mut std::io::stdout().lock(), &notice)?;
    ending?;
    Ok(Finished {
        quit: true,
        at_conclusion: false,
    })
}
