//! Naming and writing a results file: the one writer for `immunity quiz` (full screen and line
//! by line) and the quiz started from the walkthrough's start screen. The rest of
//! [`crate::results`] is pure; this is where a results file meets the file system.

use std::path::{Path, PathBuf};

use super::{PatternResult, Results};
use crate::export::{ExportError, write_atomic};
use crate::pack::Pack;

/// The student's name when none is given: the login name (`USER`, else `USERNAME`), else
/// "student". `env` reads a variable (the process environment, or a test's).
pub fn default_student(env: &dyn Fn(&str) -> Option<String>) -> String {
    env("USER")
        .or_else(|| env("USERNAME"))
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "student".to_owned())
}

/// `NAME-results.json` in `dir`, or `NAME-results-2.json` … if taken. The name keeps only
/// letters, digits, `-` and `_` (at most 40 of them).
pub fn free_name(dir: &Path, name: &str) -> PathBuf {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    let stem = if stem.trim_matches('-').is_empty() {
        "student".to_owned()
    } else {
        stem
    };
    let mut n = 1;
    loop {
        let file = if n == 1 {
            dir.join(format!("{stem}-results.json"))
        } else {
            dir.join(format!("{stem}-results-{n}.json"))
        };
        if !file.exists() {
            return file;
        }
        n += 1;
    }
}

/// Writes the results of `patterns` to `path` atomically, stamped with the time now. Nothing
/// is written when no answer was recorded (returns `false`).
pub fn write(
    pack: &Pack,
    student: &str,
    path: &Path,
    force: bool,
    patterns: Vec<PatternResult>,
) -> Result<bool, ExportError> {
    if patterns.is_empty() {
        return Ok(false);
    }
    let finished = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let mut results = Results::new(pack, student, env!("CARGO_PKG_VERSION"), &finished);
    results.patterns = patterns;
    write_atomic(path, &results.to_json(), force)?;
    Ok(true)
}
