//! The whole tree of a pack, drawn: an indented outline, Graphviz DOT, Mermaid, or JSON.
//!
//! Pure functions from a validated [`Pack`] to a `String`. The tree is a DAG (several options may
//! lead to the same question), so the outline prints each question in full the first time it is
//! met and refers back to it afterwards; every walk is iterative, so a pack thousands of
//! questions deep draws without exhausting the stack. Pack text is clean since the pack was
//! read; each drawing folds it to one line and escapes it for its target language.

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Serialize;

use super::one_line;
use crate::pack::graph::count_paths;
use crate::pack::{Node, Pack};
use crate::words::count;

/// Deepest indentation of the outline, in levels of four spaces.
const MAX_INDENT: usize = 8;

/// The pack's fact patterns, one line each: the id `--case` takes, padded, then the case's
/// name ("gregory    Gregory v. Thompson"); the last line says how to use them.
pub fn cases(pack: &Pack) -> String {
    let ids: Vec<String> = pack.cases().iter().map(|c| one_line(&c.id)).collect();
    let width = ids.iter().map(|i| i.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for (id, case) in ids.iter().zip(pack.cases()) {
        let _ = writeln!(out, "{id:<width$}  {}", one_line(&case.title));
    }
    let _ = writeln!(
        out,
        "\nWalk one with `immunity --case ID`, take it as a quiz with `immunity quiz --case ID`."
    );
    out
}

/// The indented outline: each question, its options, and where each leads. Indented one level
/// where the tree branches, up to eight levels (`MAX_INDENT`).
pub fn outline(pack: &Pack) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({} {})",
        one_line(pack.title()),
        one_line(pack.id()),
        one_line(pack.version())
    );
    let _ = writeln!(
        out,
        "{}, {}, {}\n",
        count(pack.questions().len(), "question", "questions"),
        count(pack.conclusions().len(), "conclusion", "conclusions"),
        count(count_paths(pack), "path", "paths")
    );
    let mut shown = HashSet::new();
    // (question, depth); pushed in reverse so options come out in order.
    let mut stack = vec![(pack.start(), 0usize)];
    shown.insert(pack.start());
    while let Some((q, depth)) = stack.pop() {
        let question = pack.question(q);
        // Indentation stops growing past MAX_INDENT levels (so output stays linear in the
        // pack, however deep it branches); a question deeper than that names its level.
        let indent = "    ".repeat(depth.min(MAX_INDENT));
        let level = if depth > MAX_INDENT {
            format!("(level {}) ", depth + 1)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{indent}{level}{}: {}",
            one_line(&question.id),
            one_line(&question.prompt)
        );
        let mut children = Vec::new();
        for (o, option) in question.options.iter().enumerate() {
            let lead = match pack.target(q, o) {
                Node::Conclusion(c) => {
                    let conclusion = pack.conclusion(c);
                    format!(
                        "=> {} [{}]",
                        one_line(&conclusion.id),
                        one_line(pack.outcome_label(&conclusion.outcome))
                    )
                }
                Node::Question(next) => {
                    if shown.insert(next) {
                        children.push((next, depth));
                        format!("-> {}", one_line(&pack.question(next).id))
                    } else {
                        format!("-> {} (see above)", one_line(&pack.question(next).id))
                    }
                }
            };
            let _ = writeln!(
                out,
                "{indent}  [{}] {} {lead}",
                one_line(&option.id),
                one_line(&option.label)
            );
        }
        // Indent only where the tree branches into more than one new question: a chain of
        // questions stays at one depth, so an eight-step pack still reads in 80 columns.
        let child_depth = if children.len() > 1 { depth + 1 } else { depth };
        stack.extend(children.into_iter().rev().map(|(q, _)| (q, child_depth)));
        out.push('\n');
    }
    out
}

/// A Graphviz digraph: questions as boxes, conclusions as rounded boxes labelled with their
/// outcome, edges labelled with the option.
pub fn dot(pack: &Pack) -> String {
    let mut out = String::from("digraph pack {\n  rankdir=TB;\n  node [fontname=\"Helvetica\"];\n");
    let _ = writeln!(out, "  label={};", dot_string(pack.title()));
    for (i, q) in pack.questions().iter().enumerate() {
        let _ = writeln!(
            out,
            "  q{i} [shape=box, label={}];",
            dot_string(&format!("{}\n{}", q.id, q.prompt))
        );
    }
    for (i, c) in pack.conclusions().iter().enumerate() {
        let _ = writeln!(
            out,
            "  c{i} [shape=box, style=\"rounded,bold\", label={}];",
            dot_string(&format!(
                "{}\n{}",
                c.id,
                pack.outcome_label(&c.outcome).to_uppercase()
            ))
        );
    }
    for (i, q) in pack.questions().iter().enumerate() {
        for (o, option) in q.options.iter().enumerate() {
            let _ = writeln!(
                out,
                "  q{i} -> {} [label={}];",
                node_name(pack.target(i, o)),
                dot_string(&option.id)
            );
        }
    }
    out.push_str("}\n");
    out
}

/// A Mermaid flowchart, top to bottom.
pub fn mermaid(pack: &Pack) -> String {
    let mut out = String::from("flowchart TD\n");
    for (i, q) in pack.questions().iter().enumerate() {
        let _ = writeln!(
            out,
            "  q{i}[\"{}<br/>{}\"]",
            mermaid_text(&q.id),
            mermaid_text(&q.prompt)
        );
    }
    for (i, c) in pack.conclusions().iter().enumerate() {
        let _ = writeln!(
            out,
            "  c{i}([\"{}<br/>{}\"])",
            mermaid_text(&c.id),
            mermaid_text(&pack.outcome_label(&c.outcome).to_uppercase())
        );
    }
    for (i, q) in pack.questions().iter().enumerate() {
        for (o, option) in q.options.iter().enumerate() {
            let _ = writeln!(
                out,
                "  q{i} -->|\"{}\"| {}",
                mermaid_text(&option.id),
                node_name(pack.target(i, o))
            );
        }
    }
    out
}

/// The tree as JSON.
#[derive(Debug, Serialize)]
pub struct MapJson<'a> {
    /// Pack id, title and version.
    pub pack: PackJson<'a>,
    /// Id of the first question.
    pub start: &'a str,
    /// Distinct paths from the start to a conclusion.
    pub paths: String,
    /// Every question with its options.
    pub questions: Vec<QuestionJson<'a>>,
    /// Every conclusion.
    pub conclusions: Vec<ConclusionJson<'a>>,
}

/// Pack identity in [`MapJson`].
#[derive(Debug, Serialize)]
pub struct PackJson<'a> {
    /// Pack id.
    pub id: &'a str,
    /// Pack title.
    pub title: &'a str,
    /// Pack version.
    pub version: &'a str,
}

/// A question in [`MapJson`].
#[derive(Debug, Serialize)]
pub struct QuestionJson<'a> {
    /// Question id.
    pub id: &'a str,
    /// The prompt.
    pub prompt: &'a str,
    /// Its options.
    pub options: Vec<OptionJson<'a>>,
}

/// An option in [`MapJson`].
#[derive(Debug, Serialize)]
pub struct OptionJson<'a> {
    /// Option id.
    pub id: &'a str,
    /// Option label.
    pub label: &'a str,
    /// Id of the question or conclusion it leads to.
    pub next: &'a str,
}

/// A conclusion in [`MapJson`].
#[derive(Debug, Serialize)]
pub struct ConclusionJson<'a> {
    /// Conclusion id.
    pub id: &'a str,
    /// Outcome id.
    pub outcome: &'a str,
    /// Outcome label.
    pub outcome_label: &'a str,
    /// Title.
    pub title: &'a str,
}

/// The tree as pretty-printed JSON. Paths are a decimal string: the count can exceed what JSON
/// numbers hold exactly.
pub fn json(pack: &Pack) -> String {
    let map = MapJson {
        pack: PackJson {
            id: pack.id(),
            title: pack.title(),
            version: pack.version(),
        },
        start: &pack.question(pack.start()).id,
        paths: count_paths(pack).to_string(),
        questions: pack
            .questions()
            .iter()
            .map(|q| QuestionJson {
                id: &q.id,
                prompt: &q.prompt,
                options: q
                    .options
                    .iter()
                    .map(|o| OptionJson {
                        id: &o.id,
                        label: &o.label,
                        next: &o.next,
                    })
                    .collect(),
            })
            .collect(),
        conclusions: pack
            .conclusions()
            .iter()
            .map(|c| ConclusionJson {
                id: &c.id,
                outcome: &c.outcome,
                outcome_label: pack.outcome_label(&c.outcome),
                title: &c.title,
            })
            .collect(),
    };
    // serde_json escapes every control character, so untrusted text cannot break out.
    let mut s = serde_json::to_string_pretty(&map).expect("map JSON serialises");
    s.push('\n');
    s
}

fn node_name(node: Node) -> String {
    match node {
        Node::Question(q) => format!("q{q}"),
        Node::Conclusion(c) => format!("c{c}"),
    }
}

/// A DOT double-quoted string: backslashes and quotes escaped, newlines as `\n`.
fn dot_string(s: &str) -> String {
    let mut out = String::from("\"");
    for line in s.split('\n').enumerate() {
        if line.0 > 0 {
            out.push_str("\\n");
        }
        for c in one_line(line.1).chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

/// Text inside a Mermaid quoted label: characters Mermaid or its HTML renderer would act on
/// become entity codes (`#quot;`, `#lt;` ...).
fn mermaid_text(s: &str) -> String {
    let mut out = String::new();
    for c in one_line(s).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_strings_are_escaped() {
        assert_eq!(dot_string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }

    #[test]
    fn mermaid_text_has_no_active_characters() {
        let s = mermaid_text("<script>\"x\" & #1 | `y`");
        for bad in ['<', '>', '"', '|', '`'] {
            assert!(!s.contains(bad), "{s}");
        }
        assert_eq!(mermaid_text("a&b"), "a#amp;b");
    }
}
