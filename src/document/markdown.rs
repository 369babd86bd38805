//! A document as Markdown: headings, bold field labels, block quotes with their citations, a
//! GitHub-style table of authorities, bar charts as tables with a text bar. Every string is
//! escaped so that it renders as the literal text (see the report's Markdown writer).

use std::fmt::Write as _;

use super::escape::{markdown as esc, markdown_line_start as esc_start};
use super::{Bar, Block, Span};
use crate::text::Clean;

/// Renders the blocks as Markdown.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(t) => {
                let _ = writeln!(out, "# {}\n", esc(t));
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let _ = writeln!(out, "**{}:** {}  ", esc(label), esc(value));
                }
                out.push('\n');
            }
            Block::Heading { level, text } => {
                let hashes = "#".repeat(usize::from(*level) + 1);
                let _ = writeln!(out, "{hashes} {}\n", esc(text));
            }
            Block::Para(spans) => {
                let _ = writeln!(out, "{}\n", spans_md(spans, true));
            }
            Block::Quote { text, cite } => {
                let _ = writeln!(out, "> {}\n>\n> — {}\n", esc_start(text), esc(cite));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", spans_md(item, true));
                }
                out.push('\n');
            }
            Block::Noted { text, note, flag } => {
                let _ = write!(out, "- {}", spans_md(text, true));
                if let Some(flag) = flag {
                    let _ = write!(out, " **{}.**", esc(flag));
                }
                if let Some(note) = note {
                    // A hard break (backslash) inside the list item; an empty line starts a
                    // new paragraph of the item.
                    out.push_str(" *Note:* ");
                    for (i, line) in note.iter().enumerate() {
                        if line.is_empty() {
                            out.push_str("\n\n  ");
                            continue;
                        }
                        if i > 0 && !note[i - 1].is_empty() {
                            out.push_str("\\\n  ");
                        }
                        out.push_str(&esc(line));
                    }
                }
                out.push_str("\n\n");
            }
            Block::PageBreak => {}
            Block::Table { header, rows, .. } => {
                let cells =
                    |row: &[Clean]| row.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ");
                let _ = writeln!(out, "| {} |", cells(header));
                let _ = writeln!(out, "|{}|", vec!["---"; header.len()].join("|"));
                for row in rows {
                    let _ = writeln!(out, "| {} |", cells(row));
                }
                out.push('\n');
            }
            Block::Signature(lines) => {
                for (label, value) in lines {
                    let value = if value.is_empty() {
                        "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_".to_owned()
                    } else {
                        esc(value)
                    };
                    let _ = writeln!(out, "**{}:** {value}  ", esc(label));
                }
                out.push('\n');
            }
            Block::Footer(lines) => {
                out.push_str("---\n\n");
                for line in lines {
                    let _ = writeln!(out, "*{}*  ", esc(line));
                }
            }
            Block::Bars {
                caption,
                whole,
                bars,
            } => bars_md(&mut out, caption, *whole, bars),
        }
    }
    out
}

/// A chart as its caption in bold and a table: the answer (bold where marked), the figures
/// with the mark in words, and a bar of '█' scaled to the whole (ten cells), which any viewer
/// shows.
fn bars_md(out: &mut String, caption: &Clean, whole: usize, bars: &[Bar]) {
    let _ = writeln!(out, "**{}**\n", esc(caption));
    out.push_str("| Answer | Count | Bar |\n|---|---|---|\n");
    for bar in bars {
        let label = if bar.mark.is_some() {
            format!("**{}**", esc(&bar.label))
        } else {
            esc(&bar.label)
        };
        let cells = bar.cells(whole, 10);
        let _ = writeln!(
            out,
            "| {label} | {} | {}{} |",
            esc(&bar.figures(whole)),
            "\u{2588}".repeat(cells),
            "\u{2591}".repeat(10 - cells)
        );
    }
    out.push('\n');
}

/// The spans as Markdown; `line_start` when they open a line (or follow a list marker), where
/// plain text that begins like a block (`- `, `1. `) is escaped.
fn spans_md(spans: &[Span], line_start: bool) -> String {
    let mut out = String::new();
    for (i, s) in spans.iter().enumerate() {
        let text = s.text.trim_end();
        let trailing = &s.text[text.len()..];
        let leading_len = text.len() - text.trim_start().len();
        let (lead, core) = text.split_at(leading_len);
        if core.is_empty() {
            out.push_str(&s.text);
            continue;
        }
        out.push_str(lead);
        match (s.bold, s.italic) {
            (true, _) => {
                let _ = write!(out, "**{}**", esc(core));
            }
            (false, true) => {
                let _ = write!(out, "*{}*", esc(core));
            }
            (false, false) if line_start && i == 0 && lead.is_empty() => {
                out.push_str(&esc_start(core));
            }
            (false, false) => out.push_str(&esc(core)),
        }
        out.push_str(trailing);
    }
    out
}
