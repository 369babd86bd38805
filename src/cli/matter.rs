//! The command line of `immunity matter` and `immunity memo`: clap definitions only.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use immunity::matter::memo::{Appendix, MemoFormat};

/// `immunity matter`: create a matter file, add screenings to it, show it.
#[derive(Debug, Args)]
pub struct MatterArgs {
    /// What to do with the matter file.
    #[command(subcommand)]
    pub command: MatterCommand,
}

/// The subcommands of `immunity matter`.
#[derive(Debug, Subcommand)]
pub enum MatterCommand {
    /// Create a new matter file (an existing file is never replaced).
    New(MatterNewArgs),
    /// Screen one defendant for one act and add it to the matter.
    Add(MatterAddArgs),
    /// Show each screening: its conclusion or pending question, certainty and contingencies.
    Show(MatterShowArgs),
}

/// Arguments of `immunity matter new`.
#[derive(Debug, Args)]
pub struct MatterNewArgs {
    /// The matter file to create (JSON; see `immunity schema --matter`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The case caption, e.g. "Doe v. Roe".
    #[arg(long, value_name = "TEXT")]
    pub caption: String,
    /// The court.
    #[arg(long, value_name = "TEXT")]
    pub court: Option<String>,
    /// The docket number.
    #[arg(long, value_name = "TEXT")]
    pub docket: Option<String>,
    /// The client.
    #[arg(long, value_name = "TEXT")]
    pub client: Option<String>,
    /// Who prepares the screening (the memo's "From").
    #[arg(long, value_name = "TEXT")]
    pub prepared_by: Option<String>,
    /// Who reviews it (the memo's "To").
    #[arg(long, value_name = "TEXT")]
    pub reviewer: Option<String>,
}

/// Arguments of `immunity matter add`.
#[derive(Debug, Args)]
pub struct MatterAddArgs {
    /// The matter file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The defendant's name.
    #[arg(long, value_name = "NAME")]
    pub defendant: String,
    /// The act complained of, in a line.
    #[arg(long, value_name = "TEXT")]
    pub act: Option<String>,
    /// The defendant's role, e.g. "state trial judge".
    #[arg(long, value_name = "TEXT")]
    pub role: Option<String>,
    /// An answer, as QUESTION=OPTION (ids as in `immunity map`); repeat for each question.
    #[arg(long = "answer", short = 'a', value_name = "QUESTION=OPTION", value_parser = parse_pair)]
    pub answers: Vec<(String, String)>,
    /// A JSON file of answers: {"question-id": "option-id", ...}. `--answer` flags override it.
    #[arg(long = "answers", value_name = "FILE.json")]
    pub answers_file: Option<PathBuf>,
    /// A note on an answer, as QUESTION=TEXT.
    #[arg(long = "note", value_name = "QUESTION=TEXT", value_parser = parse_pair)]
    pub notes: Vec<(String, String)>,
    /// A record cite for an answer, as QUESTION=TEXT (e.g. "judicial-act=Compl. ¶¶ 12–14");
    /// repeat for several.
    #[arg(long = "cite", value_name = "QUESTION=TEXT", value_parser = parse_pair)]
    pub cites: Vec<(String, String)>,
    /// Mark the answer to QUESTION unsure.
    #[arg(long = "unsure", value_name = "QUESTION")]
    pub unsure: Vec<String>,
    /// Mark the answer to QUESTION contested.
    #[arg(long = "contested", value_name = "QUESTION")]
    pub contested: Vec<String>,
}

/// Arguments of `immunity matter show`.
#[derive(Debug, Args)]
pub struct MatterShowArgs {
    /// The matter file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Formats of `matter show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Plain text.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `immunity memo`.
#[derive(Debug, Args)]
pub struct MemoArgs {
    /// The matter file, or a JSON memo written by `immunity memo --format json`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MemoFormat::Markdown)]
    pub format: MemoFormat,
    /// Write to this file instead of standard output (`-` is standard output). The file is
    /// written atomically and never overwritten without --force.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// `full` adds the discussion of every step (quotes, authorities); `none` leaves the memo
    /// itself: summary, answers, what remains, bars, contingencies and authorities.
    #[arg(long, value_enum, default_value_t = Appendix::Full)]
    pub appendix: Appendix,
}

fn parse_pair(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((q, v)) if !q.trim().is_empty() && !v.trim().is_empty() => {
            Ok((q.trim().to_owned(), v.trim().to_owned()))
        }
        _ => Err(format!(
            "expected QUESTION=VALUE (e.g. judicial-act=yes), got {:?}",
            immunity::text::escape_for_display(s)
        )),
    }
}
