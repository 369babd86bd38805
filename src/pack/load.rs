//! Parsing and validating a pack's files into a [`Pack`].
//!
//! FIRST CUT: parses and resolves ids; full validation (positions of semantic errors,
//! reachability, cycles, quotes, pins, control characters, cases) is being built in
//! `validate`/`quote`.

use std::collections::HashMap;

use super::{CasesFile, Diagnostic, Diagnostics, FileSet, Node, Pack, PackFile};

/// What `immunity check` reports for a clean pack.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Problems that do not stop the pack from loading.
    pub warnings: Vec<Diagnostic>,
}

/// Parses and validates a pack. On failure, every problem found, in file and position order.
pub fn load(files: &FileSet) -> Result<(Pack, CheckSummary), Diagnostics> {
    let mut problems = Vec::new();
    let Some(text) = files.get("pack.json") else {
        return Err(Diagnostics(vec![Diagnostic::error(
            files.display_path("pack.json"),
            1,
            1,
            "missing pack.json",
        )]));
    };
    let file: PackFile = match serde_json::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            return Err(Diagnostics(vec![Diagnostic::error(
                files.display_path("pack.json"),
                e.line(),
                e.column(),
                e.to_string(),
            )]));
        }
    };
    let cases = match files.get("cases.json") {
        None => Vec::new(),
        Some(text) => match serde_json::from_str::<CasesFile>(text) {
            Ok(c) => c.cases,
            Err(e) => {
                problems.push(Diagnostic::error(
                    files.display_path("cases.json"),
                    e.line(),
                    e.column(),
                    e.to_string(),
                ));
                Vec::new()
            }
        },
    };
    let mut nodes = HashMap::new();
    for (i, q) in file.questions.iter().enumerate() {
        nodes.insert(q.id.clone(), Node::Question(i));
    }
    for (i, c) in file.conclusions.iter().enumerate() {
        nodes.insert(c.id.clone(), Node::Conclusion(i));
    }
    let mut targets = Vec::new();
    for q in &file.questions {
        let mut row = Vec::new();
        for o in &q.options {
            if let Some(&n) = nodes.get(&o.next) {
                row.push(n);
            } else {
                problems.push(Diagnostic::error(
                    files.display_path("pack.json"),
                    1,
                    1,
                    format!(
                        "question {:?} option {:?}: next {:?} names nothing",
                        q.id, o.id, o.next
                    ),
                ));
                row.push(Node::Conclusion(0));
            }
        }
        targets.push(row);
    }
    let start = match nodes.get(&file.start) {
        Some(&Node::Question(q)) => q,
        _ => {
            problems.push(Diagnostic::error(
                files.display_path("pack.json"),
                1,
                1,
                format!("start {:?} is not a question", file.start),
            ));
            0
        }
    };
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    let sources = file
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    let outcomes = file
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    let pack = Pack {
        cases,
        targets,
        nodes,
        sources,
        outcomes,
        start,
        content_hash: files.content_hash(),
        origin: files.display_root().to_owned(),
        file,
    };
    let summary = CheckSummary {
        questions: pack.questions().len(),
        conclusions: pack.conclusions().len(),
        paths: crate::engine::count_paths(&pack),
        quotes_verified: 0,
        cases: pack.cases().len(),
        warnings: Vec::new(),
    };
    Ok((pack, summary))
}
