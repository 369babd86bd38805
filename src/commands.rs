//! The commands of the `immunity` binary, one module each, and what they share: the [`Exit`]
//! codes, the [`Failure`] type every command returns, and [`say`], the one place that writes
//! the `immunity: ` prefix on standard error.
//!
//! Over 400 lines because it holds what every command shares: the [`Failure`] type with a message
//! for each way a command fails, the dispatch of every command, and the helpers for printing,
//! loading a pack and writing output.

mod check;
mod class;
mod completions;
mod interactive;
mod key;
mod man;
mod map;
mod matter;
mod matter_screen;
mod memo;
mod packs;
mod present;
mod quiz;
mod schema;
mod walk;
mod whatif;

use std::fmt::Display;
use std::io::{IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

use immunity::engine::EngineError;
use immunity::export::ExportError;
use immunity::pack::{self, Pack};
use immunity::text::escape_for_display;

use crate::cli::{Cli, Command};

/// The pack used when `--pack` is not given.
pub const BUNDLED: &str = pack::catalog::DEFAULT;

/// The process's exit codes: the one list, documented to users in `cli::EXIT_CODES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: the command did what was asked (`check`: the packs are clean; `walk`: a conclusion).
    Success,
    /// 1: problems found in a pack, an export file exists without `--force`, or the
    /// interactive walkthrough failed while running.
    Problems,
    /// 2: a usage error: an unreadable path, an unknown question, option or fact pattern, an
    /// unwritable output, no terminal; in the line mode, a script line that is not a command
    /// or cannot be done.
    Usage,
    /// 3: `walk`, `matter add | answer | note`: the answers stop before a conclusion (the
    /// pending question is reported); the line mode: the input ended before a conclusion.
    Pending,
    /// 128 + N: the interactive walkthrough ended on terminating signal N: the terminal was
    /// restored and the code is what a shell reports for a death by that signal.
    Signal(u8),
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(match exit {
            Exit::Success => 0,
            Exit::Problems => 1,
            Exit::Usage => 2,
            Exit::Pending => 3,
            Exit::Signal(number) => 128_u8.saturating_add(number),
        })
    }
}

/// Why a command did not succeed. Its message is what the user reads after `immunity: `;
/// [`Failure::exit`] says which [`Exit`] code goes with it.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A pack folder (or one of its files) cannot be read.
    #[error("{0}")]
    PackUnreadable(std::io::Error),
    /// The pack loaded with errors; they have already been printed.
    #[error("{root}: the pack has problems; run `immunity check` for details")]
    BrokenPack {
        /// How the pack is named to the user.
        root: String,
    },
    /// `--case` names a fact pattern the pack does not have.
    #[error("unknown fact pattern {id:?}; the pack's fact patterns are: {valid}")]
    UnknownCase {
        /// The id given.
        id: String,
        /// The pack's fact pattern ids, comma-separated.
        valid: String,
    },
    /// The answers file cannot be read or parsed, or names no such screening (the message
    /// says which and where).
    #[error(transparent)]
    Answers(immunity::answers::AnswersError),
    /// An answer names an unknown question or option.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// `walk` was asked for an export, but the answers stop at a question.
    #[error("the answers stop before a conclusion: nothing to export")]
    NothingToExport,
    /// An export file could not be written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// `--what-if` or `--why-not` with a format other than text or JSON.
    #[error("--what-if and --why-not print text or JSON, not {0}")]
    DeltaFormat(&'static str),
    /// `--what-if` names a question the walk does not answer.
    #[error("question {question:?} is not answered on this walk; its questions are: {path}")]
    NotOnPath {
        /// The question id given.
        question: String,
        /// The walk's question ids, comma-separated, or "(none)".
        path: String,
    },
    /// `--why-not` names a conclusion the pack does not have.
    #[error("unknown conclusion {id:?}; the pack's conclusions are: {valid}")]
    UnknownConclusion {
        /// The id given.
        id: String,
        /// The pack's conclusion ids, comma-separated.
        valid: String,
    },
    /// `--hold` names a question that has no answer to hold.
    #[error("cannot hold {0:?}: it has no answer (give one with --answer or --case)")]
    HoldUnanswered(String),
    /// `quiz` on a pack without fact patterns.
    #[error("the pack has no fact patterns to quiz on")]
    NoFactPatterns,
    /// `class` found no results file it could score.
    #[error("no results file could be scored ({0} skipped)")]
    NothingScored(usize),
    /// Standard output cannot be written (other than a closed pipe).
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    /// A full-screen mode (the quiz, presenter mode) was asked for without a terminal on both
    /// ends; the walkthrough itself falls back to the line mode instead.
    #[error(
        "{0} needs a terminal on both ends; `immunity --plain` works line by line (`immunity quiz --plain` for the quiz)"
    )]
    NoTerminal(&'static str),
    /// The line mode stopped: a script line that is not a command or cannot be done, or
    /// standard input or output failed.
    #[error(transparent)]
    Plain(#[from] immunity::plain::PlainError),
    /// The manual page could not be rendered.
    #[error("cannot write the manual page: {0}")]
    Manual(std::io::Error),
    /// The interactive walkthrough failed while running.
    #[error("{0}")]
    Interactive(String),
    /// A matter file cannot be read, parsed, locked or written.
    #[error(transparent)]
    Matter(#[from] immunity::matter::MatterError),
    /// A bad argument, said in words.
    #[error("{0}")]
    Usage(String),
}

impl Failure {
    /// The exit code that goes with this failure.
    pub fn exit(&self) -> Exit {
        match self {
            Failure::BrokenPack { .. }
            | Failure::Export(ExportError::Exists(_))
            | Failure::Interactive(_)
            | Failure::NothingScored(_)
            | Failure::Matter(
                immunity::matter::MatterError::Exists(_)
                | immunity::matter::MatterError::Locked { .. },
            ) => Exit::Problems,
            Failure::PackUnreadable(_)
            | Failure::UnknownCase { .. }
            | Failure::Answers(_)
            | Failure::Engine(_)
            | Failure::Export(ExportError::Io { .. } | ExportError::NotRegular { .. })
            | Failure::Stdout(_)
            | Failure::DeltaFormat(_)
            | Failure::NotOnPath { .. }
            | Failure::UnknownConclusion { .. }
            | Failure::HoldUnanswered(_)
            | Failure::NoFactPatterns
            | Failure::NoTerminal(_)
            | Failure::Matter(_)
            | Failure::Usage(_)
            | Failure::Plain(_)
            | Failure::Manual(_) => Exit::Usage,
            Failure::NothingToExport => Exit::Pending,
        }
    }

    /// Tells the user what went wrong (on standard error) and returns the exit code.
    pub fn report(&self) -> Exit {
        say(self);
        self.exit()
    }
}

/// The clap command, its version naming the bundled pack's version and law-checked date.
pub fn command() -> clap::Command {
    use clap::CommandFactory as _;
    // The full version reads the embedded pack.json, a parse of the whole file: done only when
    // it will be printed, not on every start.
    let asked = std::env::args_os()
        .skip(1)
        .any(|a| a == "--version" || a == "-V");
    if asked {
        Cli::command().version(version())
    } else {
        Cli::command().version(env!("CARGO_PKG_VERSION"))
    }
}

/// `0.1.0 (bundled pack judicial-immunity 1.0.0, law checked 2026-11-23)`. Read from the
/// embedded `pack.json` without validating the whole pack, so `--version` stays instant.
fn version() -> String {
    match pack::catalog::bundled()
        .into_iter()
        .find(|p| p.name == BUNDLED && !p.id.is_empty())
    {
        Some(h) => format!(
            "{} (bundled pack {} {}, law checked {})",
            env!("CARGO_PKG_VERSION"),
            h.id,
            h.version,
            h.law_checked
        ),
        None => env!("CARGO_PKG_VERSION").to_owned(),
    }
}

/// The `--max-input-size` limit, set once when a command starts.
static INPUT_LIMIT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// The largest input file any command reads, in bytes (`--max-input-size`).
pub fn input_limit() -> u64 {
    INPUT_LIMIT
        .get()
        .copied()
        .unwrap_or(pack::DEFAULT_MAX_INPUT)
}

/// Runs the command the user chose.
pub fn run(cli: Cli) -> Result<Exit, Failure> {
    let color = cli.color_choice();
    let _ = INPUT_LIMIT.set(cli.max_input_size);
    if cli.command.is_some() {
        // These choose what the program does without a command; with one they would be
        // silently ignored, which a script would never notice.
        let ignored = [
            (cli.matter.is_some(), "--matter"),
            (cli.caption.is_some(), "--caption"),
            (cli.present, "--present"),
            (cli.live, "--live"),
            (!cli.case.is_empty(), "--case"),
        ];
        if let Some((_, flag)) = ignored.iter().find(|(given, _)| *given) {
            command()
                .error(
                    clap::error::ErrorKind::ArgumentConflict,
                    if *flag == "--case" {
                        "--case before a command is the interactive program's; give it after \
                         the command (immunity walk --case ID)"
                            .to_owned()
                    } else {
                        format!("{flag} is for the interactive program and cannot be used with a command")
                    },
                )
                .exit();
        }
    }
    match cli.command {
        None if cli.present => {
            let no_color =
                !immunity::conventions::color_enabled(color, &|name| std::env::var_os(name), true);
            let live = cli.live.then(|| present::LiveArgs {
                bind: cli.bind,
                names: cli.names,
                results: cli.live_results.clone(),
            });
            present::run(cli.pack.as_deref(), no_color, &cli.case, live)
        }
        None if cli.matter.is_some() => matter_screen::run(
            cli.pack.as_deref(),
            color,
            cli.plain,
            cli.matter.as_deref().unwrap_or(std::path::Path::new("")),
            cli.caption,
        ),
        None if cli.case.len() > 1 => Err(Failure::Usage(
            "--case is given more than once; only presenter mode (--present) takes several"
                .to_owned(),
        )),
        None => interactive::run(
            cli.pack.as_deref(),
            color,
            cli.plain,
            cli.case.into_iter().next(),
        ),
        Some(Command::Check { packs, all }) => check::run(cli.pack.as_deref(), &packs, all),
        Some(Command::Packs) => packs::run(),
        Some(Command::Walk(args)) => walk::run(cli.pack.as_deref(), &args, color),
        Some(Command::Completions { shell }) => completions::run(shell),
        Some(Command::Man) => man::run(),
        Some(Command::Map { format }) => map::run(cli.pack.as_deref(), format),
        Some(Command::Cases) => map::cases(cli.pack.as_deref()),
        Some(Command::Schema {
            cases,
            report,
            pending,
            matter,
            memo,
            results,
        }) => {
            if results {
                schema::results()
            } else {
                schema::run(match (cases, report, pending, matter, memo) {
                    (true, ..) => schema::Which::Cases,
                    (_, true, ..) => schema::Which::Report,
                    (_, _, true, ..) => schema::Which::Pending,
                    (.., true, _) => schema::Which::Matter,
                    (.., true) => schema::Which::Memo,
                    _ => schema::Which::Pack,
                })
            }
        }
        Some(Command::Key(args)) => key::run(cli.pack.as_deref(), &args),
        Some(Command::Class(args)) => class::run(cli.pack.as_deref(), &args),
        Some(Command::Quiz(args)) => {
            let no_color =
                !immunity::conventions::color_enabled(color, &|name| std::env::var_os(name), true);
            quiz::run(cli.pack.as_deref(), &args, no_color, cli.plain)
        }
        Some(Command::Matter(args)) => matter::run(cli.pack.as_deref(), &args),
        Some(Command::Memo(args)) => memo::run(cli.pack.as_deref(), &args),
    }
}

/// How a full-screen mode's end becomes the command's: quitting succeeds, a terminating
/// signal exits 128 + its number (signal numbers are small: SIGUSR2, the largest handled, is 12
/// on Linux), and a failure of the terminal is reported.
pub fn screen_ended(ending: anyhow::Result<immunity::tui::Ending>) -> Result<Exit, Failure> {
    match ending {
        Ok(immunity::tui::Ending::Quit) => Ok(Exit::Success),
        Ok(immunity::tui::Ending::Signal(number)) => {
            Ok(Exit::Signal(u8::try_from(number).unwrap_or(u8::MAX)))
        }
        Err(e) => Err(Failure::Interactive(format!("{e:#}"))),
    }
}

/// Writes one line to standard error after the `immunity: ` prefix: the only place that prefix
/// is written. Unsafe characters in the message are shown escaped, never live. A standard error
/// that cannot be written (a vanished terminal, a closed pipe) is ignored rather than a panic,
/// which is what `eprintln!` would do.
pub fn say(message: impl Display) {
    let message = message.to_string();
    let _ = writeln!(
        std::io::stderr(),
        "immunity: {}",
        escape_for_display(&message)
    );
}

/// Writes text to standard error as it is, without the prefix: for diagnostics that already
/// name their file, line and column, and for reports that go with a failure.
pub fn say_raw(text: &str) {
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Writes to standard output; a closed pipe (`immunity map | head`) is not an error worth a
/// panic, and ends the output quietly.
pub fn print_stdout(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Stdout(e)),
    }
}

/// Writes bytes to standard output (a DOCX or PDF memo piped on); a closed pipe ends quietly.
pub fn print_stdout_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Stdout(e)),
    }
}

/// Reads an answers file through the library's one reader ([`immunity::answers::read_file`]).
pub fn read_answers_file(
    path: &Path,
    screening: Option<usize>,
) -> Result<std::collections::BTreeMap<String, String>, Failure> {
    Ok(immunity::answers::read_file(
        path,
        screening,
        input_limit(),
    )?)
}

impl From<immunity::answers::AnswersError> for Failure {
    fn from(error: immunity::answers::AnswersError) -> Self {
        use immunity::answers::AnswersError as E;
        match error {
            // A matter that does not parse keeps the matter's own failure (and exit code).
            E::Matter(error) => Failure::Matter(error),
            other => Failure::Answers(other),
        }
    }
}

/// Loads the pack `--pack NAME|DIR` names, or the default bundled pack, through the library's
/// one path ([`pack::catalog::open`]). A broken pack prints its problems (exit 1).
pub fn load_pack(arg: Option<&Path>) -> Result<Pack, Failure> {
    match pack::catalog::open(arg, input_limit()) {
        Ok(pack) => {
            list_problems(pack.warnings(), pack.origin());
            Ok(pack)
        }
        Err(pack::catalog::OpenError::Broken { root, problems }) => {
            list_problems(&problems, &root);
            Err(Failure::BrokenPack { root })
        }
        Err(pack::catalog::OpenError::Unreadable(error)) => Err(Failure::PackUnreadable(error)),
        Err(unknown @ pack::catalog::OpenError::Unknown { .. }) => {
            Err(Failure::Usage(unknown.to_string()))
        }
    }
}

/// Writes a pack's problems to standard error, capped as `check` caps them (a broken pack of
/// 40,000 errors must not scroll for a second before the one line that matters).
fn list_problems(diagnostics: &[pack::Diagnostic], root: &str) {
    let listing = pack::listing(diagnostics, Some(pack::SHOWN_BY_DEFAULT));
    say_raw(&listing.to_string());
    let hidden = listing.hidden();
    if !hidden.is_empty() {
        say_raw(&format!(
            "{root}: {hidden}; `immunity check --all` lists every one\n"
        ));
    }
}

/// The fact pattern `id` of the pack, or the failure that lists the valid ones.
pub fn find_case<'p>(pack: &'p Pack, id: &str) -> Result<&'p pack::Case, Failure> {
    pack.case(id).ok_or_else(|| Failure::UnknownCase {
        id: id.to_owned(),
        valid: case_ids(pack),
    })
}

fn case_ids(pack: &Pack) -> String {
    if pack.cases().is_empty() {
        return "(none)".into();
    }
    pack.cases()
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes `text` to `output` atomically (never over an existing file without `force`), or to
/// standard output when there is no output file or it is `-`.
pub fn write_or_print(output: Option<&Path>, text: &str, force: bool) -> Result<(), Failure> {
    match output {
        None => print_stdout(text),
        Some(path) if path == Path::new("-") => print_stdout(text),
        Some(path) => {
            immunity::export::write_atomic(path, text, force)?;
            say(format_args!("wrote {}", path.display()));
            Ok(())
        }
    }
}

/// Whether `output` (none, or `-`) is standard output. Refuses a binary document (`what`, e.g.
/// "a pdf memo") for standard output when that is a terminal, before any work is done.
pub fn stdout_unless_terminal(
    output: Option<&Path>,
    binary: bool,
    what: &str,
    extension: &str,
) -> Result<bool, Failure> {
    let to_stdout = output.is_none_or(|p| p == Path::new("-"));
    if to_stdout && binary && std::io::stdout().is_terminal() {
        return Err(Failure::Usage(format!(
            "{what} is not text for a terminal; write it with --output FILE.{extension}"
        )));
    }
    Ok(to_stdout)
}
