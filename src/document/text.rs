//! A document as plain text wrapped to 80 columns (or a terminal's width): underlined headings,
//! indented quotes, a list of authorities with their status, bar charts of '#' with their
//! figures. No markup: what a reader sees in any viewer.

use std::fmt::Write as _;

use super::{Bar, Block, Span};
use crate::text::Clean;

/// The width text is wrapped to.
const WIDTH: usize = 80;

/// A full bar of a chart, in characters.
const BAR: usize = 20;

/// Renders the blocks as plain text wrapped to 80 columns.
pub fn render(blocks: &[Block]) -> String {
    render_width(blocks, WIDTH)
}

/// Renders the blocks as plain text wrapped to `width` columns (at least 40): a terminal's
/// width, for a report printed on one.
pub fn render_width(blocks: &[Block], width: usize) -> String {
    let width = width.max(40);
    let wrap = |out: &mut String, text: &str, first: &str, rest: &str| {
        wrap(out, width, text, first, rest);
    };
    let mut out = String::new();
    for block in blocks {
        match block {
            // Wrapped like any text (a report's title is a conclusion's), then a blank line.
            Block::Title(t) => wrap(&mut out, &format!("{t}\n"), "", ""),
            Block::Fields(fields) => {
                let width = fields
                    .iter()
                    .map(|(l, _)| l.chars().count())
                    .max()
                    .unwrap_or(0)
                    + 2;
                for (label, value) in fields {
                    let lead = format!("{:width$}", format!("{label}:"));
                    wrap(&mut out, value, &lead, &" ".repeat(width));
                }
                out.push('\n');
            }
            Block::Heading { level, text } => {
                // Wrapped like any text; the rule as long as the longest line.
                let rule = match level {
                    1 => '=',
                    2 => '-',
                    _ => '~',
                };
                let start = out.len();
                wrap(&mut out, text, "", "");
                let longest = out[start..]
                    .lines()
                    .map(textwrap::core::display_width)
                    .max()
                    .unwrap_or(0);
                let _ = writeln!(out, "{}\n", rule.to_string().repeat(longest));
            }
            Block::Para(spans) => {
                wrap(&mut out, &joined(spans), "", "");
                out.push('\n');
            }
            Block::Quote { text, cite } => {
                wrap(&mut out, &format!("“{text}”"), "    ", "    ");
                wrap(&mut out, &format!("— {cite}"), "      ", "      ");
                out.push('\n');
            }
            Block::Bullets(items) => {
                for item in items {
                    wrap(&mut out, &joined(item), "  - ", "    ");
                }
                out.push('\n');
            }
            Block::Noted { text, note, flag } => {
                let mut line = joined(text);
                if let Some(flag) = flag {
                    let _ = write!(line, " [{flag}.]");
                }
                let mut rest: &[Clean] = &[];
                if let Some((first, more)) = note.as_ref().and_then(|n| n.split_first()) {
                    let _ = write!(line, " Note: {first}");
                    rest = more;
                }
                wrap(&mut out, &line, "  - ", "    ");
                // The note's later lines as typed, under the item; an empty one stays empty.
                for more in rest {
                    if more.is_empty() {
                        out.push('\n');
                    } else {
                        wrap(&mut out, more, "    ", "    ");
                    }
                }
                out.push('\n');
            }
            Block::PageBreak => {}
            Block::Table { header, rows, .. } => table(&mut out, width, header, rows),
            Block::Signature(lines) => {
                for (label, value) in lines {
                    let value = if value.is_empty() {
                        "______________________________"
                    } else {
                        value.as_str()
                    };
                    let _ = writeln!(out, "{label}: {value}");
                }
                out.push('\n');
            }
            Block::Footer(lines) => {
                let _ = writeln!(out, "{}", "-".repeat(width));
                for line in lines {
                    wrap(&mut out, line, "", "");
                }
            }
            Block::Bars {
                caption,
                whole,
                bars,
            } => chart(&mut out, width, caption, *whole, bars),
        }
    }
    out
}

/// A table: a table of long citations does not fit 80 columns, so one entry per item, its
/// first cell in a bullet and the others labelled by their column under it.
fn table(out: &mut String, width: usize, header: &[Clean], rows: &[Vec<Clean>]) {
    for row in rows {
        let first = row.first().cloned().unwrap_or_default();
        wrap(out, width, &first, "  - ", "    ");
        for (h, cell) in header.iter().zip(row).skip(1) {
            wrap(out, width, &format!("{h}: {cell}"), "    ", "    ");
        }
    }
    out.push('\n');
}

/// A chart: the caption indented under its section, the bars under it, each a run of '#'
/// scaled to the whole, then the figures and the answer, its mark in words.
fn chart(out: &mut String, width: usize, caption: &str, whole: usize, bars: &[Bar]) {
    wrap(out, width, caption, "  ", "    ");
    for bar in bars {
        let cells = "#".repeat(bar.cells(whole, BAR));
        let mark = bar
            .mark
            .as_ref()
            .map_or_else(String::new, |m| format!(" ({m})"));
        let line = format!(
            "{cells:<BAR$} {:>3} of {whole}  {}{mark}",
            bar.count, bar.label
        );
        wrap(out, width, &line, "    ", "      ");
    }
    out.push('\n');
}

fn joined(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

fn wrap(out: &mut String, width: usize, text: &str, first: &str, rest: &str) {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(true)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(text, &options) {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}
