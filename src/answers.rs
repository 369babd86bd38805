//! Gathering a walk's answers from the command line's sources, in one place for every front end:
//! a fact pattern's answers, then an answers file (a plain JSON object of question id to option
//! id, a matter file, or a JSON memo, one screening of it), then single `Q=O` answers, each
//! overriding the one before.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::pack::{self, InputError, Pack};
use crate::text::escape_for_display;

/// Question id -> option id.
pub type Answers = BTreeMap<String, String>;

/// Why the answers could not be gathered.
#[derive(Debug, thiserror::Error)]
pub enum AnswersError {
    /// The answers file cannot be read (the message names it).
    #[error(transparent)]
    Unreadable(InputError),
    /// A plain answers file that is not a JSON object of strings.
    #[error("{}:{}:{}: expected a JSON object of question id to option id: {}", escape_for_display(&.path.display().to_string()), .source.line(), .source.column().max(1), serde_message(.source))]
    Malformed {
        /// The file.
        path: PathBuf,
        /// Where and why.
        source: serde_json::Error,
    },
    /// A matter file that does not parse.
    #[error(transparent)]
    Matter(#[from] crate::matter::MatterError),
    /// The file and the screening asked for do not fit (said in words).
    #[error("{0}")]
    Screening(String),
    /// `case` names a fact pattern the pack does not have.
    #[error("unknown fact pattern {:?}; `immunity cases` lists the pack's fact patterns", escape_for_display(.0))]
    UnknownCase(String),
}

/// `serde_json`'s message without its own " at line L column C" (the location is given once,
/// in front).
fn serde_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

/// Reads the answers of an answers file at most `limit` bytes long: a plain JSON object, or
/// screening `screening` (1-based; needed when there are several) of a matter file or memo.
pub fn read_file(
    path: &Path,
    screening: Option<usize>,
    limit: u64,
) -> Result<Answers, AnswersError> {
    let text = pack::read_input(path, &path.display().to_string(), limit)
        .map_err(AnswersError::Unreadable)?;
    let shown = || escape_for_display(&path.display().to_string()).into_owned();
    let kind = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("format").and_then(|f| f.as_str().map(str::to_owned)));
    let screenings: Vec<Answers> = match kind.as_deref() {
        Some(crate::matter::memo::FORMAT_NAME) => crate::matter::memo::Memo::from_json(&text)
            .map_err(|e| AnswersError::Screening(format!("{}:{e}", shown())))?
            .screenings
            .iter()
            .map(|s| {
                s.answers
                    .iter()
                    .map(|a| (a.question.to_string(), a.option.to_string()))
                    .collect()
            })
            .collect(),
        Some(crate::matter::FORMAT_NAME) => crate::matter::MatterFile::parse(path, &text)?
            .screenings
            .iter()
            .map(crate::matter::Screening::answer_map)
            .collect(),
        _ => {
            if let Some(n) = screening {
                return Err(AnswersError::Screening(format!(
                    "--screening {n}: {} is a plain answers file, not a matter file or memo",
                    shown()
                )));
            }
            return serde_json::from_str(&text).map_err(|source| AnswersError::Malformed {
                path: path.to_owned(),
                source,
            });
        }
    };
    match (screening, screenings.len()) {
        (None, 1) => Ok(screenings.into_iter().next().unwrap_or_default()),
        (None, n) => Err(AnswersError::Screening(format!(
            "{} holds {n} screenings; choose one with --screening N (1 to {n})",
            shown()
        ))),
        (Some(k), n) if k >= 1 && k <= n => {
            Ok(screenings.into_iter().nth(k - 1).unwrap_or_default())
        }
        (Some(k), n) => Err(AnswersError::Screening(format!(
            "--screening {k}: {} holds {}",
            shown(),
            crate::words::count(n, "screening", "screenings")
        ))),
    }
}

/// Where a walk's answers come from, weakest first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sources<'a> {
    /// A fact pattern of the pack whose answers start the walk.
    pub case: Option<&'a str>,
    /// An answers file, and which of its screenings.
    pub file: Option<(&'a Path, Option<usize>)>,
    /// Single answers, `(question id, option id)`, in the order given.
    pub answers: &'a [(String, String)],
}

/// The answers of `sources.case`, then the file, then the single answers, each overriding the
/// one before. Ids are not checked here: the engine checks them against the pack when it walks.
pub fn gather(pack: &Pack, sources: Sources<'_>, limit: u64) -> Result<Answers, AnswersError> {
    let mut answers = Answers::new();
    if let Some(id) = sources.case {
        let case = pack
            .case(id)
            .ok_or_else(|| AnswersError::UnknownCase(id.to_owned()))?;
        answers.extend(case.answers.clone());
    }
    if let Some((path, screening)) = sources.file {
        answers.extend(read_file(path, screening, limit)?);
    }
    answers.extend(sources.answers.iter().cloned());
    Ok(answers)
}
