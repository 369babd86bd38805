//! The command line: clap definitions only. `commands` runs what is parsed here.
//!
//! Over 400 lines because it is the whole command line as clap reads it, one tree of every command
//! and flag with its help text; only the matter subcommands stand apart, in `cli/matter.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use immunity::results::class::ClassFormat;

mod matter;

pub use matter::{
    MatterAddArgs, MatterAnswerArgs, MatterArgs, MatterCommand, MatterNewArgs, MatterNoteArgs,
    MatterRmArgs, MemoArgs, ShowFormat,
};

/// Walks the law of absolute judicial immunity under 42 U.S.C. § 1983 one question at a time,
/// and ends on a conclusion you can export. An educational screening aid, not legal advice.
///
/// Run with no command for the interactive walkthrough.
#[derive(Debug, Parser)]
#[command(name = "immunity", version, about, long_about, after_help = EXIT_CODES)]
#[allow(clippy::struct_excessive_bools)] // independent command-line switches
pub struct Cli {
    /// The pack to use: a bundled pack by name (`immunity packs` lists them; default
    /// judicial-immunity) or a pack folder. A bare name that is a bundled pack wins; a path with
    /// a separator (`./NAME`) is always a folder.
    #[arg(long, global = true, value_name = "NAME|DIR")]
    pub pack: Option<PathBuf>,

    /// When to use colour.
    ///
    /// `auto` colours a terminal unless `NO_COLOR` is set (not empty) or `CLICOLOR=0`;
    /// `CLICOLOR_FORCE` (set, not `0`) colours even a pipe. Only the 16 ANSI colours, and never
    /// meaning by colour alone.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// The same as `--color never`.
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Walk line by line, for screen readers and scripts.
    ///
    /// Numbered prompts, one command per line, no escape sequences. Also chosen when
    /// `ACCESSIBLE` is set (not empty), when `TERM=dumb`, or when standard input or output is
    /// not a terminal.
    #[arg(long)]
    pub plain: bool,

    /// Presenter mode for a projector: one question full screen, lettered options, reveals
    /// and a tally of the room's answers on keys (with --case, the court's answers).
    #[arg(long)]
    pub present: bool,

    /// With --present: a live class. Students answer from their own browsers on the room's
    /// network (the join address and a QR code are on screen); nothing leaves the room.
    #[arg(long, requires = "present")]
    pub live: bool,

    /// With --live: the address and port to serve on (default: all interfaces, a free port
    /// near 8733). `127.0.0.1:0` serves this machine only, on any free port.
    #[arg(long, value_name = "ADDR:PORT", requires = "live")]
    pub bind: Option<std::net::SocketAddr>,

    /// With --live: students may type a name for the results files (else anonymous ids).
    #[arg(long, requires = "live")]
    pub names: bool,

    /// With --live: the folder for the students' results files (default: a new
    /// class-YYYYMMDD-HHMM folder here).
    #[arg(long = "results", value_name = "DIR", requires = "live")]
    pub live_results: Option<PathBuf>,

    /// Start the walkthrough on this fact pattern of the pack (ids: `immunity cases`). With
    /// --present it may be given more than once: the fact patterns are presented in turn.
    #[arg(long, value_name = "CASE", action = clap::ArgAction::Append)]
    pub case: Vec<String>,

    /// Open a matter file (creating it when missing): its screenings, one per defendant and
    /// act, each walked with notes, record cites and unsure answers, saved at every change.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["case", "present"])]
    pub matter: Option<PathBuf>,

    /// The caption of a matter `--matter` creates (asked for on screen when not given).
    #[arg(long, value_name = "TEXT", requires = "matter")]
    pub caption: Option<String>,

    /// The largest input file read (pack.json, cases.json, a source text, an answers file), in
    /// bytes or with a K, M or G suffix (powers of 1024).
    #[arg(long, global = true, value_name = "SIZE", default_value = "32M", value_parser = parse_size)]
    pub max_input_size: u64,

    /// What to do; without one, the interactive walkthrough starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// What clap parses from no arguments at all: the walkthrough with every default. `main`
    /// uses it for a bare `immunity` rather than building clap's whole command tree, a
    /// twentieth of the start; the test below holds the two equal.
    pub fn bare() -> Self {
        Cli {
            pack: None,
            color: ColorWhen::Auto,
            no_color: false,
            plain: false,
            present: false,
            live: false,
            bind: None,
            names: false,
            live_results: None,
            case: Vec::new(),
            matter: None,
            caption: None,
            max_input_size: 32 << 20,
            command: None,
        }
    }
}

/// Shown after `--help`.
pub const EXIT_CODES: &str = "Exit codes:
  0      success (check: the pack is clean; walk: a conclusion was reached)
  1      problems found in a pack, or an export file exists and --force was not given,
         or a matter file is open in another immunity program
  2      usage error, unreadable path, unknown question or option, unwritable output,
         the line mode (also the quiz's): a script line that is not a command or cannot be done
  3      walk, matter add, answer and note: the answers stop before a conclusion (the
         pending question is reported);
         the line mode: the input ended before a conclusion; the line-mode quiz: the input
         ended before the last fact pattern (the results so far are written); --matter:
         the input ended in a screening before its conclusion (every change is saved)
  128+N  ended by signal N (130: SIGINT, 143: SIGTERM), the terminal restored";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check packs: JSON, ids, the tree, every quote against its source, pins, fact patterns.
    Check {
        /// Packs to check, each a bundled pack's name or a folder (default: every bundled pack).
        #[arg(value_name = "NAME|DIR")]
        packs: Vec<PathBuf>,
        /// List every problem (by default the first 50 errors and 50 warnings of each pack are
        /// listed, then how many more there are).
        #[arg(long)]
        all: bool,
    },
    /// List the packs bundled in this binary, with version and the date the law was checked:
    /// the names `--pack` takes.
    Packs,
    /// Follow answers from the start and print the reasoning chain, or export it.
    Walk(WalkArgs),
    /// List the pack's fact patterns: the id `--case` takes, and the case's name.
    Cases,
    /// Draw the whole tree.
    Map {
        /// Output format.
        #[arg(long, value_enum, default_value_t = MapFormat::Text)]
        format: MapFormat,
    },
    /// Print a JSON Schema: of pack.json (default), cases.json, the JSON report, the pending
    /// question, a matter file or the JSON memo.
    Schema {
        /// The schema of `cases.json`.
        #[arg(long, conflicts_with_all = ["report", "pending", "matter", "memo"])]
        cases: bool,
        /// The schema of the JSON report (`walk --format json` at a conclusion).
        #[arg(long, conflicts_with_all = ["pending", "matter", "memo"])]
        report: bool,
        /// The schema of the pending question (`walk --format json` when the answers stop
        /// before a conclusion).
        #[arg(long, conflicts_with_all = ["matter", "memo", "results"])]
        pending: bool,
        /// The schema of a matter file (`immunity matter`).
        #[arg(long, conflicts_with_all = ["memo", "results"])]
        matter: bool,
        /// The schema of the JSON memo (`immunity memo --format json`).
        #[arg(long, conflicts_with = "results")]
        memo: bool,
        /// The schema of a quiz results file (`immunity quiz`, read by `immunity class`).
        #[arg(long, conflicts_with_all = ["cases", "report"])]
        results: bool,
    },
    /// The teacher's key: every question with its why-text, lettered options, notes and
    /// excerpts (cited with status), then each fact pattern's court path and holding.
    Key(KeyArgs),
    /// Collate a class's quiz results files: per fact pattern and question, how many chose each
    /// option against the court; where students left the court's path; confident errors; a
    /// gradebook.
    Class(ClassArgs),
    /// Self-test on the pack's fact patterns: commit an answer and a confidence, then see the
    /// court's; scored on first answers; writes a results file for `immunity class`.
    Quiz(QuizArgs),
    /// Screen a complaint: a matter file with one screening per defendant and act.
    Matter(MatterArgs),
    /// Write the screening memo of a matter file (Markdown, HTML, text, JSON, DOCX, PDF).
    Memo(MemoArgs),
    /// Print a shell completion script: `source <(immunity completions bash)`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `immunity man > immunity.1; man ./immunity.1`.
    Man,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal, following `NO_COLOR`, `CLICOLOR` and `CLICOLOR_FORCE`.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl Cli {
    /// The colour choice, with `--no-color` as `--color never`.
    pub fn color_choice(&self) -> immunity::conventions::ColorChoice {
        use immunity::conventions::ColorChoice;
        if self.no_color {
            return ColorChoice::Never;
        }
        match self.color {
            ColorWhen::Auto => ColorChoice::Auto,
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
        }
    }
}

/// Arguments of `immunity walk`.
#[derive(Debug, Args)]
pub struct WalkArgs {
    /// An answer, as QUESTION=OPTION (ids as in `immunity map`); repeat for each question.
    #[arg(long = "answer", short = 'a', value_name = "QUESTION=OPTION", value_parser = parse_answer)]
    pub answers: Vec<(String, String)>,

    /// A JSON file of answers: {"question-id": "option-id", ...}, or a matter file or JSON memo
    /// (with --screening). `--answer` flags override it.
    #[arg(long = "answers", value_name = "FILE.json")]
    pub answers_file: Option<PathBuf>,

    /// With --answers of a matter file or JSON memo: the screening to take (1-based).
    #[arg(long, value_name = "N", requires = "answers_file")]
    pub screening: Option<usize>,

    /// Use the answers of one of the pack's fact patterns (`--answer` flags override them;
    /// ids: `immunity cases`).
    #[arg(long, value_name = "CASE")]
    pub case: Option<String>,

    /// Output format [default: the one the --output file's extension names (.html, .htm, .md,
    /// .markdown, .json), otherwise text].
    #[arg(long, value_enum)]
    pub format: Option<WalkFormat>,

    /// Write to this file instead of standard output (`-` is standard output). The file is
    /// written atomically and never overwritten without --force.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,

    /// Instead of the chain: what changes if QUESTION, answered on the walk, were answered
    /// OPTION (later answers kept where the new path passes them). Text or JSON.
    #[arg(long, value_name = "QUESTION=OPTION", value_parser = parse_answer,
          conflicts_with_all = ["why_not", "output"])]
    pub what_if: Option<(String, String)>,

    /// Instead of the chain: the fewest answer changes that reach CONCLUSION (an id, as in
    /// `immunity map`), each with its question's why-text and excerpts. Text or JSON.
    #[arg(long, value_name = "CONCLUSION", conflicts_with = "output")]
    pub why_not: Option<String>,

    /// With --why-not: keep this question's answer fixed (a fact of the pattern); repeat.
    #[arg(long, value_name = "QUESTION", requires = "why_not")]
    pub hold: Vec<String>,
}

/// Arguments of `immunity key`.
#[derive(Debug, Args)]
pub struct KeyArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = KeyFormat::Markdown)]
    pub format: KeyFormat,

    /// Write to this file instead of standard output (`-` is standard output). The file is
    /// written atomically and never overwritten without --force.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `immunity class`.
#[derive(Debug, Args)]
pub struct ClassArgs {
    /// Results files written by `immunity quiz`, or folders of them (their `.json` files).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Output format: text, Markdown, an HTML page, a Word document or a PDF (each with a bar
    /// chart per question), a CSV gradebook, or JSON.
    #[arg(long, value_enum, default_value_t = ClassFormat::Text)]
    pub format: ClassFormat,

    /// Write to this file instead of standard output (`-` is standard output). The file is
    /// written atomically and never overwritten without --force.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Show students' names and file names (the report is anonymous by default: "Student 1",
    /// "file 1", so it can be projected).
    #[arg(long)]
    pub names: bool,

    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `immunity quiz`.
#[derive(Debug, Args)]
pub struct QuizArgs {
    /// A fact pattern to take (repeat for several, in order; ids: `immunity cases`); default:
    /// every one in the pack.
    #[arg(long = "case", value_name = "CASE")]
    pub cases: Vec<String>,

    /// Your name, as it appears in the results file (default: the login name).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Write the results here (default: NAME-results.json in the current folder, never over an
    /// existing file).
    #[arg(long, value_name = "FILE")]
    pub results: Option<PathBuf>,

    /// Overwrite the results file if it exists.
    #[arg(long, requires = "results")]
    pub force: bool,

    /// Take the quiz line by line, for screen readers and scripts (numbered options, no escape
    /// sequences). Also chosen when `ACCESSIBLE` is set (not empty), when `TERM=dumb`, or when
    /// standard input or output is not a terminal.
    #[arg(long)]
    pub plain: bool,
}

/// Formats of `key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyFormat {
    /// Markdown.
    Markdown,
    /// A self-contained, printable HTML page.
    Html,
}

/// Formats of `walk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WalkFormat {
    /// Plain text wrapped to 80 columns.
    Text,
    /// JSON (see `immunity schema --report`).
    Json,
    /// Markdown.
    Markdown,
    /// A self-contained HTML page.
    Html,
}

/// Formats of `map`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    /// An indented outline.
    Text,
    /// A Graphviz diagram.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// JSON.
    Json,
}

fn parse_answer(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((q, o)) if !q.trim().is_empty() && !o.trim().is_empty() => {
            Ok((q.trim().to_owned(), o.trim().to_owned()))
        }
        _ => Err(format!(
            "expected QUESTION=OPTION (e.g. defendant=judge), got {:?}",
            immunity::text::escape_for_display(s)
        )),
    }
}

/// Reads `1048576`, `512K`, `32M`, `1G` (also `32MiB`, `32MB`: powers of 1024 either way).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let t = t
        .strip_suffix("iB")
        .or_else(|| t.strip_suffix('B'))
        .unwrap_or(t);
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'K' | 'k')) => (&t[..i], 10),
        Some((i, 'M' | 'm')) => (&t[..i], 20),
        Some((i, 'G' | 'g')) => (&t[..i], 30),
        _ => (t, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1u64 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| {
            format!(
                "expected a size in bytes such as 1048576, 512K, 64M or 1G, got {:?}",
                immunity::text::escape_for_display(s)
            )
        })
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::Cli;

    #[test]
    fn a_bare_command_line_is_what_clap_parses_from_no_arguments() {
        let parsed = Cli::try_parse_from(["immunity"]).expect("no arguments parse");
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Cli::bare()));
    }
}
