//! `immunity class FILE...`: collates a class's quiz results files into one report (text,
//! Markdown, HTML, DOCX or PDF with a bar chart per question, a CSV gradebook, or JSON). A file that cannot be read, is malformed, or was
//! made with another pack is named on standard error and in the report, and skipped. The
//! report is anonymous unless `--names`; text is wrapped to the terminal's width, or 80 columns
//! in a file or a pipe.

use std::path::{Path, PathBuf};

use immunity::export::write_atomic_bytes;
use immunity::results::class::{self, Input};

use super::{Exit, Failure, load_pack, say};
use crate::cli::ClassArgs;

/// Results files larger than this are not read (a quiz's file is a few kilobytes).
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Collates the files and prints or writes the report.
pub fn run(pack_dir: Option<&Path>, args: &ClassArgs) -> Result<Exit, Failure> {
    let format = args.format;
    let to_stdout = super::stdout_unless_terminal(
        args.output.as_deref(),
        format.is_binary(),
        &format!("a {format} class report"),
        format.extension(),
    )?;
    let pack = load_pack(pack_dir)?;
    let inputs: Vec<Input> = expand(&args.files)
        .into_iter()
        .map(|(path, listed)| Input {
            name: path.display().to_string(),
            text: listed.and_then(|()| read(&path)),
        })
        .collect();
    let mut report = class::collate(&pack, &inputs);
    // Standard error names the real files, so the teacher can fix them; the report itself is
    // anonymous unless --names.
    for s in &report.skipped {
        say(format_args!(
            "skipped {} ({}): {}",
            s.file, s.kind, s.reason
        ));
    }
    if !args.names {
        class::anonymize(&mut report);
    }
    if report.students.is_empty() {
        return Err(Failure::NothingScored(report.skipped.len()));
    }
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let written = class::render(&report, format, text_width(args.output.as_deref()), &today)
        .map_err(Failure::Usage)?;
    if let Some(warning) = written.warning {
        say(format_args!("warning: {warning}"));
    }
    match args.output.as_deref() {
        Some(path) if !to_stdout => {
            write_atomic_bytes(path, &written.bytes, args.force)?;
            say(format_args!("wrote {}", path.display()));
        }
        _ => super::print_stdout_bytes(&written.bytes)?,
    }
    Ok(Exit::Success)
}

/// The width of the text report: the terminal's when it is printed on one, else 80 columns.
pub(super) fn text_width(output: Option<&Path>) -> usize {
    use std::io::IsTerminal as _;
    let to_stdout = output.is_none_or(|p| p == Path::new("-"));
    if to_stdout
        && std::io::stdout().is_terminal()
        && let Ok((columns, _)) = ratatui::crossterm::terminal::size()
    {
        return usize::from(columns).max(40);
    }
    80
}

/// The files named, with each folder replaced by its `.json` files in name order. A folder
/// that cannot be listed is kept as one entry with the reason.
fn expand(paths: &[PathBuf]) -> Vec<(PathBuf, Result<(), String>)> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push((path.clone(), Ok(())));
            continue;
        }
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut files: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.is_dir())
                    .collect();
                files.sort();
                out.extend(files.into_iter().map(|f| (f, Ok(()))));
            }
            Err(e) => out.push((path.clone(), Err(e.to_string()))),
        }
    }
    out
}

/// A results file's text: regular files only, of bounded size, UTF-8.
fn read(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "{} bytes is larger than a results file can be ({MAX_BYTES} bytes)",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}
