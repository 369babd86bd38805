//! Parsing and validating a pack's files into a [`Pack`].
//!
//! Each JSON file is read twice: by serde into the typed format (the contract), and by
//! `jsonc-parser` into an AST that knows where every value stands, so that every problem can be
//! reported at its line and column. A syntax error stops the checks of that file; anything else
//! is collected, so one run reports every problem, sorted by file and position.

use serde::de::DeserializeOwned;

use std::collections::HashMap;

use super::checks21;
use super::diagnostic::Severity;
use super::position::{At, JsonDoc, LazyDoc, Lines, Reporter};
use super::validate::{check_cases, check_pack, check_strings};
use super::{CasesFile, Diagnostic, Diagnostics, FileSet, Pack, PackFile};

/// What `immunity check` reports for a clean pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckSummary {
    /// Number of questions.
    pub questions: usize,
    /// Number of conclusions.
    pub conclusions: usize,
    /// Distinct paths from the start to a conclusion (saturating).
    pub paths: u128,
    /// Excerpts verified against their source texts.
    pub quotes_verified: usize,
    /// Fact patterns that reach their expected conclusion.
    pub cases: usize,
}

/// Parses and validates a pack. On failure, every problem found (errors, and any warnings
/// beside them), in file and position order. Warnings on a pack that loads are kept in
/// [`Pack::warnings`].
#[allow(clippy::too_many_lines)] // one pass in order: parse, check, build, the fact patterns
pub fn load(files: &FileSet) -> Result<(Pack, CheckSummary), Diagnostics> {
    let Some(pack_text) = files.get("pack.json") else {
        return Err(Diagnostics(vec![Diagnostic::error(
            files.display_path("pack.json"),
            1,
            1,
            "missing pack.json: a pack is a folder holding pack.json",
        )]));
    };
    let mut diagnostics = Vec::new();

    let pack_doc = parse_doc::<PackFile>(
        files,
        "pack.json",
        pack_text,
        &["outcomes", "sources", "questions", "conclusions"],
        &mut diagnostics,
    );
    let (pack_doc, mut pack_file) = match pack_doc {
        Some((doc, file)) => (Some(doc), file),
        None => (None, None),
    };
    let mut facts = None;
    if let (Some(doc), Some(file)) = (pack_doc.as_ref(), pack_file.as_ref()) {
        let mut rep = Reporter::new(doc, files.display_path("pack.json"));
        facts = Some(check_pack(file, files, &mut rep));
        diagnostics.append(&mut rep.out);
    }

    // The tree can be walked when every `next` resolves and there is no cycle, even if other
    // problems were found: then the fact patterns can still be checked.
    let mut walkable = None;
    if let Some(facts) = facts.as_mut()
        && let Some((targets, start)) = facts.graph.take()
        && let Some(file) = pack_file.take()
    {
        walkable = Some(Pack::whole(super::Body::new(
            file,
            targets,
            super::IdMaps {
                nodes: std::mem::take(&mut facts.nodes),
                sources: std::mem::take(&mut facts.sources),
                outcomes: std::mem::take(&mut facts.outcomes),
            },
            start,
        )));
    }
    let pack_file = walkable.as_ref().map(Pack::file).or(pack_file.as_ref());

    let mut cases = Vec::new();
    let mut cases_reached = 0;
    if let Some(text) = files.get("cases.json")
        && let Some((doc, Some(cases_file))) =
            parse_doc::<CasesFile>(files, "cases.json", text, &["cases"], &mut diagnostics)
    {
        let index = walkable
            .as_ref()
            .map(|p| &p.body().ids.nodes)
            .or(facts.as_ref().map(|f| &f.nodes));
        if let (Some(file), Some(index)) = (pack_file, index) {
            let nodes = index.over(file);
            let no_excerpts = HashMap::new();
            let (excerpts, pack_21) = facts
                .as_ref()
                .map_or((&no_excerpts, false), |f| (&f.excerpts, f.uses_21));
            let uses_21 = pack_21 || checks21::cases_use_21(&cases_file);
            let mut rep = Reporter::new(&doc, files.display_path("cases.json"));
            cases_reached = check_cases(
                &cases_file,
                file,
                nodes,
                walkable.as_ref(),
                (excerpts, uses_21),
                &mut rep,
            );
            diagnostics.append(&mut rep.out);
            // Options that copy a fact pattern are reported where the option stands.
            if let Some(pack_doc) = pack_doc.as_ref() {
                let mut rep = Reporter::new(pack_doc, files.display_path("pack.json"));
                checks21::check_copies(file, &cases_file, uses_21, &mut rep);
                diagnostics.append(&mut rep.out);
            }
        }
        cases = cases_file.cases;
    }

    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity))
    });
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let (Some(mut pack), Some(facts), false) = (walkable, facts, failed) else {
        return Err(Diagnostics(diagnostics));
    };
    pack.set_cases(cases);
    pack.content_hash = files.content_hash();
    files.display_root().clone_into(&mut pack.origin);
    pack.warnings = diagnostics;
    let summary = CheckSummary {
        questions: pack.questions().len(),
        conclusions: pack.conclusions().len(),
        paths: super::graph::count_paths(&pack),
        quotes_verified: facts.quotes_verified,
        cases: cases_reached,
    };
    Ok((pack, summary))
}

/// Reads one JSON file: the typed value (`None` when its shape is wrong, with every shape
/// problem reported) and the document with positions, with its strings checked. `None` when it
/// is not valid JSON (the syntax error reported): the file's checks stop there.
fn parse_doc<'t, T: DeserializeOwned>(
    files: &FileSet,
    rel: &str,
    text: &'t str,
    lists: &[&str],
    out: &mut Vec<Diagnostic>,
) -> Option<(LazyDoc<'t>, Option<T>)> {
    let display = files.display_path(rel);
    let typed_value = match serde_json::from_str::<T>(text) {
        Ok(value) => Ok(value),
        // serde_json's syntax messages are the familiar ones.
        Err(e) if e.is_syntax() || e.is_eof() => {
            let lines = Lines::new(text);
            let offset = lines.serde_offset(e.line(), e.column()).saturating_sub(1);
            let (line, column) = lines.line_col(offset);
            out.push(Diagnostic::error(
                display,
                line,
                column,
                format!("invalid JSON: {}", serde_message(&e)),
            ));
            return None;
        }
        Err(e) => Err(e),
    };
    let doc = LazyDoc::new(text);
    // Positions are needed for shape errors and for a closer look at the strings; a clean file
    // without suspicious strings is never parsed a second time.
    if typed_value.is_err() || doc.strings_need_check() {
        if let Err((offset, message)) = doc.force() {
            let (line, column) = Lines::new(text).line_col(offset);
            out.push(Diagnostic::error(
                display,
                line,
                column,
                format!("invalid JSON: {message}"),
            ));
            return None;
        }
        let mut rep = Reporter::new(&doc, display.clone());
        check_strings(&mut rep);
        out.append(&mut rep.out);
    }
    let value = match typed_value {
        Ok(value) => Some(value),
        Err(full) => {
            shape_errors::<T>(doc.get(), &display, lists, &full, out);
            None
        }
    };
    Some((doc, value))
}

/// `serde_json`'s message without its own " at line L column C".
fn serde_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

/// Reports every shape problem (type errors, unknown and missing fields) of a file that did
/// not deserialise into `T` (`full` is the error for the whole file): one per element of each
/// of the top-level `lists`, and one for the rest of the file, each at the value or key
/// concerned.
fn shape_errors<T: DeserializeOwned>(
    doc: &JsonDoc<'_>,
    display: &str,
    lists: &[&str],
    full: &serde_json::Error,
    out: &mut Vec<Diagnostic>,
) {
    let mut found = Vec::new();
    let mut blanked = doc.text.as_bytes().to_vec();
    for list in lists {
        let Some(jsonc_parser::ast::Value::Array(array)) =
            doc.get(&[super::position::Seg::Key(list)])
        else {
            continue;
        };
        let element = |e: &jsonc_parser::ast::Value<'_>| {
            use jsonc_parser::common::Ranged;
            e.range()
        };
        // Blank the list's contents (byte for byte, so offsets stay put) for the top-level pass.
        let (from, to) = (array.range.start + 1, array.range.end.saturating_sub(1));
        if from < to {
            blanked[from..to].fill(b' ');
        }
        for value in &array.elements {
            let range = element(value);
            let sub = &doc.text[range.start..range.end];
            let result = match *list {
                "outcomes" => check_shape::<super::Outcome>(sub),
                "sources" => check_shape::<super::Source>(sub),
                "questions" => check_shape::<super::Question>(sub),
                "conclusions" => check_shape::<super::Conclusion>(sub),
                _ => check_shape::<super::Case>(sub),
            };
            if let Err((offset, message)) = result {
                found.push(shape_diagnostic(
                    doc,
                    display,
                    range.start + offset,
                    &message,
                ));
            }
        }
    }
    if let Ok(blanked) = String::from_utf8(blanked)
        && let Err(e) = serde_json::from_str::<T>(&blanked)
    {
        let offset = Lines::new(&blanked).serde_offset(e.line(), e.column());
        found.push(shape_diagnostic(doc, display, offset, &serde_message(&e)));
    }
    if found.is_empty() {
        let offset = doc.lines.serde_offset(full.line(), full.column());
        found.push(shape_diagnostic(doc, display, offset, &serde_message(full)));
    }
    out.append(&mut found);
}

/// Deserialises one element on its own: the byte offset (within `sub`) and message of its
/// first problem.
fn check_shape<T: DeserializeOwned>(sub: &str) -> Result<(), (usize, String)> {
    serde_json::from_str::<T>(sub).map(drop).map_err(|e| {
        let offset = Lines::new(sub).serde_offset(e.line(), e.column());
        (offset, serde_message(&e))
    })
}

/// Places a serde error raised at byte `offset` (just past the value, key or object concerned)
/// on the deepest value or key there.
fn shape_diagnostic(doc: &JsonDoc<'_>, display: &str, offset: usize, message: &str) -> Diagnostic {
    let (mut path, key) = doc.path_at(offset);
    let at = match key {
        Some(key) => {
            path.push(super::position::Seg::Key(key));
            At::Key
        }
        None => At::Value,
    };
    doc.diagnostic(display, Severity::Error, &path, at, message)
}
