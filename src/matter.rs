//! The matter file: one complaint screened against the law, defendant by defendant.
//!
//! A matter (caption, court, docket number, client, who prepared it, who reviews it) holds one
//! screening per defendant and act: the pack it was walked with (id, version, content hash) and
//! the answers given, each with an optional note, record cites (`¶¶ 12–14`, `Ex. B at 3`) and a
//! certainty (sure, unsure, contested). The file is JSON described by [`schema`]
//! (`immunity schema --matter`), versioned by [`FORMAT_VERSION`], and rejects unknown fields, so
//! a person or a script can write one by hand and a typo is an error, not silently ignored.
//!
//! Loading never trusts the file: a syntax or type error and every rule broken (a duplicate
//! answer, an empty caption) is reported with the file, line and column. Saving is atomic
//! (temporary file in the same folder, fsync, rename, fsync of the folder), so a crash at any
//! moment leaves either the old file or the new one. [`MatterLock`] is the advisory lock a
//! program takes before it writes: a second writer is refused, never both writing.
//!
//! A screening walked with another version of the pack keeps every answer; [`Screening::fit`]
//! reports the ones that no longer fit the tree, so they are shown, never silently dropped.
//!
//! Over 400 lines because the file's types and the rules that read them are one unit: a field
//! added here is read, checked and located in this file. The lock, the open matter and the fit
//! against a pack live beside it (`lock.rs`, `open.rs`, `fit.rs`).

mod fit;
mod lock;
pub mod memo;
mod open;
pub mod screening;

pub use fit::{Fit, Misfit};
pub use lock::{MatterLock, lock_path};
pub use open::OpenMatter;

use std::collections::HashSet;
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::pack::Pack;
use crate::pack::position::{At, JsonDoc, Lines, Seg};
use crate::text::{Clean, escape_for_display};

/// The name of the matter file format, written in its `format` field.
pub const FORMAT_NAME: &str = "immunity-matter";
/// The version of the matter file's shape. It changes only when a field is renamed or removed,
/// or changes meaning; a file with a higher version is refused rather than misread.
pub const FORMAT_VERSION: u32 = 1;

/// The largest matter file read, in bytes: far beyond any real matter, and small enough that a
/// wrong path (a disk image, `/dev/zero`) cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A matter file: the matter and its screenings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatterFile {
    /// Optional path or URL of the JSON Schema (for editors); ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Always `immunity-matter`.
    pub format: String,
    /// Version of the file's shape: 1.
    pub format_version: u32,
    /// The matter: caption, court, people, dates.
    pub matter: MatterInfo,
    /// One screening per defendant and act, in the order they were added.
    #[serde(default)]
    pub screenings: Vec<Screening>,
}

/// The matter a complaint belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatterInfo {
    /// The case caption, e.g. "Doe v. Roe".
    pub caption: Clean,
    /// The court, e.g. "U.S. District Court for the District of Oregon".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub court: Option<Clean>,
    /// The docket number, e.g. "3:26-cv-01234".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docket: Option<Clean>,
    /// The client the screening is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<Clean>,
    /// Who prepared the screening (the memo's "From").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prepared_by: Option<Clean>,
    /// Who reviews it (the memo's "To").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<Clean>,
    /// When the matter was opened, YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened: Option<String>,
    /// When the file was last saved by the program, RFC 3339 (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// One defendant and one act, walked through a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    /// The defendant's name, e.g. "Judge A. Roe".
    pub defendant: Clean,
    /// The defendant's role, e.g. "state trial judge" or "court clerk".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Clean>,
    /// The act complained of, in a line, e.g. "ordered the plaintiff jailed (¶ 14)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act: Option<Clean>,
    /// The pack the answers were given against.
    pub pack: PackRef,
    /// The answers given, in the order they were given. Answers off the current path are kept.
    #[serde(default)]
    pub answers: Vec<Answer>,
}

/// The pack a screening was walked with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackRef {
    /// The pack's id, e.g. `judicial-immunity`.
    pub id: Clean,
    /// The pack's version.
    pub version: Clean,
    /// SHA-256 (hex) over the pack's files, as `immunity` reports it.
    pub content_hash: Clean,
}

impl PackRef {
    /// The reference to `pack` as loaded.
    pub fn of(pack: &Pack) -> Self {
        Self {
            id: pack.id().into(),
            version: pack.version().into(),
            content_hash: pack.content_hash().into(),
        }
    }
}

/// One answer: a question's id and the option chosen, with what it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// Id of the question (as in `immunity map`).
    pub question: Clean,
    /// Id of the option chosen.
    pub option: Clean,
    /// Why this answer was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Clean>,
    /// Where in the record the answer rests, e.g. "Compl. ¶¶ 12–14" or "Ex. B at 3".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<Clean>,
    /// How sure the answer is.
    #[serde(default)]
    pub certainty: Certainty,
    /// The option the note, cites and certainty were written for. Absent in a matter written
    /// before it was recorded (they belong to the answer they sit under) and on an answer with
    /// none; when it differs from `option`, they were written for an earlier answer and are
    /// flagged until kept, edited or dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_for: Option<Clean>,
}

/// How sure an answer is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Certainty {
    /// The record settles it.
    #[default]
    Sure,
    /// The record leaves it open.
    Unsure,
    /// The parties dispute it.
    Contested,
}

impl Certainty {
    /// The id as written in the file.
    pub fn id(self) -> &'static str {
        match self {
            Certainty::Sure => "sure",
            Certainty::Unsure => "unsure",
            Certainty::Contested => "contested",
        }
    }

    /// True for unsure and contested answers, whose contingencies are computed.
    pub fn is_uncertain(self) -> bool {
        self != Certainty::Sure
    }
}

impl fmt::Display for Certainty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Why a matter file could not be read, written or locked. Every message names the file, and
/// where the file's content is at fault, the line and column.
#[derive(Debug, thiserror::Error)]
pub enum MatterError {
    /// The operating system refused.
    #[error("{}: {source}", shown(path))]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The content is wrong at a place: not JSON, a wrong type, an unknown field, a rule broken.
    #[error("{}:{line}:{column}: {message}", shown(path))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong (escaped for display).
        message: String,
    },
    /// Another program holds the matter open for writing.
    #[error(
        "{} is open in another immunity program (it holds the lock {}); close it there first",
        shown(path),
        shown(lock)
    )]
    Locked {
        /// The matter file.
        path: PathBuf,
        /// The lock file.
        lock: PathBuf,
    },
    /// `matter new` on a file that exists.
    #[error("{} already exists; it was left as it was", shown(.0))]
    Exists(PathBuf),
    /// Not a regular file (a FIFO, a device, a folder): refused before it is opened, so a
    /// FIFO cannot hang the program.
    #[error("{}: {} a matter is a JSON file", shown(.0), not_regular(.0))]
    NotAFile(PathBuf),
    /// Larger than [`MAX_FILE_BYTES`].
    #[error(
        "{}: the file is {size} bytes; a matter file is at most {max} bytes",
        shown(path)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
}

fn shown(path: &Path) -> String {
    escape_for_display(&path.display().to_string()).into_owned()
}

/// What a path that is not a regular file is, in words: "is a FIFO (named pipe), not a file;".
fn not_regular(path: &Path) -> String {
    match std::fs::metadata(path)
        .ok()
        .as_ref()
        .and_then(crate::pack::files::file_kind)
    {
        Some(kind) if kind != "not a regular file" => format!("is {kind}, not a file;"),
        _ => "is not a regular file;".to_owned(),
    }
}

/// Refuses at once a path that exists and is not a regular file (following symbolic links),
/// before anything opens it: opening a FIFO would wait forever for a writer.
pub fn refuse_irregular(path: &Path) -> Result<(), MatterError> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(MatterError::NotAFile(path.to_owned())),
        _ => Ok(()),
    }
}

impl MatterInfo {
    /// A matter known so far only by its caption.
    pub fn captioned(caption: impl Into<Clean>) -> Self {
        MatterInfo {
            caption: caption.into(),
            court: None,
            docket: None,
            client: None,
            prepared_by: None,
            reviewer: None,
            opened: None,
            updated: None,
        }
    }
}

impl MatterFile {
    /// A new matter with no screenings, opened today.
    pub fn new(info: MatterInfo) -> Self {
        Self {
            schema: None,
            format: FORMAT_NAME.to_owned(),
            format_version: FORMAT_VERSION,
            matter: info,
            screenings: Vec::new(),
        }
    }

    /// Parses and checks a matter file's text. `path` is only used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Self, MatterError> {
        // The common case, a good file, in one pass; any fault is then located by the slower
        // parse below, which keeps every byte's position.
        if let Ok(file) = serde_json::from_str::<MatterFile>(text)
            && file.format == FORMAT_NAME
            && file.format_version <= FORMAT_VERSION
            && file.rules().is_ok()
        {
            return Ok(file);
        }
        let lines = Lines::new(text);
        let invalid = |offset: usize, message: String| {
            let (line, column) = lines.line_col(offset);
            MatterError::Invalid {
                path: path.to_owned(),
                line,
                column,
                message,
            }
        };
        // Strict JSON first, for syntax errors with an exact place (serde_json says "EOF while
        // parsing" at the end for an unclosed string; jsonc-parser points at the string).
        let doc = JsonDoc::parse(text).map_err(|(offset, message)| {
            // An object or array left open is where the text ends (the parser names where
            // it opened), located as the pack checker locates truncated JSON.
            let offset = if message.starts_with("Unterminated object")
                || message.starts_with("Unterminated array")
            {
                match serde_json::from_str::<serde::de::IgnoredAny>(text) {
                    Err(e) if e.is_eof() => {
                        lines.serde_offset(e.line(), e.column()).saturating_sub(1)
                    }
                    _ => offset,
                }
            } else {
                offset
            };
            invalid(offset, escape_for_display(&message).into_owned())
        })?;
        // The format and version before the shape: a newer file is refused for what it is, not
        // for the fields it has that this version does not know.
        check_header(&doc).map_err(|(offset, message)| invalid(offset, message))?;
        let file: MatterFile = serde_json::from_str(text).map_err(|e| {
            invalid(
                lines.serde_offset(e.line(), e.column().saturating_sub(1)),
                escape_for_display(&strip_position(&e.to_string())).into_owned(),
            )
        })?;
        file.rules()
            .map_err(|(at, message)| invalid(doc.offset(&at, At::Value), message))?;
        Ok(file)
    }

    /// Reads and parses a matter file. Nothing is written.
    pub fn read(path: &Path) -> Result<Self, MatterError> {
        let text = read_text(path)?;
        Self::parse(path, &text)
    }

    /// The file's text as saved: pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Writes the file atomically: temporary file in the same folder, fsync, rename, fsync of
    /// the folder. Stamps `updated`. Callers hold the [`MatterLock`].
    pub fn save(&mut self, path: &Path, lock: &mut MatterLock) -> Result<(), MatterError> {
        self.matter.updated = Some(now());
        // `save` is reached only with a file that follows the rules (checked by `change` and
        // `create`); a broken rule here is located as if read back, and nothing is written.
        if self.rules().is_err() {
            Self::parse(path, &self.to_json())?;
        }
        let target = lock::resolved(path);
        crate::export::write_atomic(&target, &self.to_json(), true).map_err(|e| match e {
            crate::export::ExportError::Io { source, .. } => MatterError::Io {
                path: path.to_owned(),
                source,
            },
            crate::export::ExportError::Exists(p) => MatterError::Exists(p),
            crate::export::ExportError::NotRegular { path, .. } => MatterError::NotAFile(path),
        })?;
        // The new file is a new inode: it carries the lock from now on.
        lock.relock(&target)
    }

    /// Rules serde cannot express, each with where in the file it is broken.
    fn rules(&self) -> Result<(), (Vec<Seg<'static>>, String)> {
        let at = <[Seg<'static>]>::to_vec;
        if self.matter.caption.trim().is_empty() {
            return Err((
                at(&[Seg::Key("matter"), Seg::Key("caption")]),
                "matter.caption: the caption is empty".to_owned(),
            ));
        }
        if let Some(opened) = &self.matter.opened
            && !is_date(opened)
        {
            return Err((
                at(&[Seg::Key("matter"), Seg::Key("opened")]),
                format!(
                    "matter.opened: expected a calendar date as YYYY-MM-DD, got {:?}",
                    escape_for_display(opened)
                ),
            ));
        }
        for (i, s) in self.screenings.iter().enumerate() {
            if s.defendant.trim().is_empty() {
                return Err((
                    at(&[Seg::Key("screenings"), Seg::Index(i), Seg::Key("defendant")]),
                    format!("screenings[{i}].defendant: the defendant's name is empty"),
                ));
            }
            let mut seen = HashSet::new();
            for (j, a) in s.answers.iter().enumerate() {
                if !seen.insert(a.question.as_str()) {
                    return Err((
                        at(&[
                            Seg::Key("screenings"),
                            Seg::Index(i),
                            Seg::Key("answers"),
                            Seg::Index(j),
                            Seg::Key("question"),
                        ]),
                        format!(
                            "screenings[{i}].answers[{j}]: question {:?} is answered twice in this screening",
                            escape_for_display(&a.question)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// `format` and `format_version`, checked on the raw document.
fn check_header(doc: &JsonDoc<'_>) -> Result<(), (usize, String)> {
    use jsonc_parser::ast::Value;
    let Value::Object(_) = &doc.root else {
        return Err((
            doc.offset(&[], At::Value),
            "expected a JSON object (a matter file)".to_owned(),
        ));
    };
    match doc.get(&[Seg::Key("format")]) {
        Some(Value::StringLit(s)) if s.value == FORMAT_NAME => {}
        Some(Value::StringLit(s)) => {
            return Err((
                doc.offset(&[Seg::Key("format")], At::Value),
                format!(
                    "format: expected \"{FORMAT_NAME}\", got {:?}: this is not a matter file",
                    escape_for_display(&s.value)
                ),
            ));
        }
        _ => {
            return Err((
                doc.offset(&[Seg::Key("format")], At::Value),
                format!("format: expected \"{FORMAT_NAME}\": this is not a matter file"),
            ));
        }
    }
    if let Some(Value::NumberLit(n)) = doc.get(&[Seg::Key("format_version")])
        && let Ok(v) = n.value.parse::<u64>()
        && v > u64::from(FORMAT_VERSION)
    {
        return Err((
            doc.offset(&[Seg::Key("format_version")], At::Value),
            format!(
                "format_version {v}: this file was written by a newer immunity (this one reads version {FORMAT_VERSION}); it was left as it was"
            ),
        ));
    }
    Ok(())
}

/// `serde_json` ends its messages with " at line L column C"; the located error says it first.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// A real calendar date written YYYY-MM-DD (2026-02-31 is not one).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// The current time, RFC 3339, whole seconds, UTC.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// Today's date, YYYY-MM-DD (UTC).
pub fn today() -> String {
    now()[..10].to_owned()
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`] as UTF-8.
pub fn read_text(path: &Path) -> Result<String, MatterError> {
    use std::io::Read as _;
    let io = |source| MatterError::Io {
        path: path.to_owned(),
        source,
    };
    refuse_irregular(path)?;
    // Non-blocking, so that a FIFO put in the file's place since the check cannot hang us.
    let file = {
        use std::os::unix::fs::OpenOptionsExt as _;
        File::options()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
            .map_err(io)?
    };
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(MatterError::NotAFile(path.to_owned()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(MatterError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.into_bytes()[..offset]).into_owned();
        let (line, column) = Lines::new(&text).line_col(offset);
        MatterError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message: "the file is not UTF-8 text".to_owned(),
        }
    })
}

/// JSON Schema (draft 2020-12) of the matter file.
pub fn schema() -> serde_json::Value {
    schemars::schema_for!(MatterFile).to_value()
}
