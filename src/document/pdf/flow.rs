//! Layout of a document for the PDF: text measured with the font's advance widths, wrapped
//! greedily at spaces, blocks turned into units (a line, or a table row) with their place in
//! the structure tree, and units split into pages.
//!
//! Over 400 lines: one layout function per kind of block, which must agree on spacing.

use super::super::fonts::{self, Face};
use super::super::{Block, Span};
use crate::text::Clean;

pub(super) const PAGE_W: f32 = 612.0;
pub(super) const PAGE_H: f32 = 792.0;
pub(super) const MARGIN: f32 = 54.0;
pub(super) const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
pub(super) const BODY: f32 = 10.5;
pub(super) const LEADING: f32 = 1.3;

pub(super) fn width(face: Face, size: f32, text: &str) -> f32 {
    text.chars().map(|c| fonts::advance(face, c, size)).sum()
}

/// A run of text placed on a line.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub(super) face: Face,
    pub(super) size: f32,
    pub(super) x: f32,
    pub(super) text: String,
}

/// One line of text: its pieces and the vertical space it takes.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) pieces: Vec<Piece>,
    pub(super) height: f32,
    pub(super) size: f32,
}

/// Where a line belongs in the structure tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Slot {
    /// The n-th content group of the block (a paragraph, a list item's label or body).
    Part(usize),
    /// A table cell: row, column.
    Cell(usize, usize),
}

/// Something placed on a page as a unit (never split): one line, or one table row.
pub(super) struct Unit {
    pub(super) block: usize,
    /// For a table's body row, the unit of the table's header row (repeated, as an artifact, at
    /// the top of each later page the table runs onto).
    pub(super) header: Option<usize>,
    /// A page break: the next unit starts a new page.
    pub(super) break_after: bool,
    pub(super) space_before: f32,
    pub(super) height: f32,
    /// Lines with their slot, x offset added to each piece, and y offset within the unit.
    pub(super) lines: Vec<(Slot, f32, f32, Line)>,
    /// Bars drawn in the unit (a chart's row), outside the structure.
    pub(super) rects: Vec<super::bars::Drawn>,
}

/// The structure of one block, filled with identifiers as its lines are drawn.
pub(super) enum Shape {
    /// A heading of level n with its text (the title PDF/UA asks for).
    Heading(u16, String),
    /// Paragraphs: one P per part.
    Paras(usize),
    /// A block quote: a P for the passage, a P for the citation.
    Quote,
    /// A list: per item, a label part and a body part (parts 2i and 2i+1).
    List(usize),
    /// A table: rows × columns, the first row header cells.
    Table(usize, usize),
    /// A chart: its caption (part 0), then a table of n rows (the first the header) of two
    /// cells, the answer and its figures.
    Chart(usize),
}

/// Greedy line breaking of styled spans into lines of at most `max` points.
pub(super) fn wrap(spans: &[(Face, String)], size: f32, max: f32) -> Vec<Line> {
    // Words keep their face; a space belongs to the word before it.
    let mut words: Vec<(Face, String)> = Vec::new();
    for (face, text) in spans {
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let end = rest.find(' ').map_or(rest.len(), |i| i + 1);
            words.push((*face, rest[..end].to_owned()));
            rest = &rest[end..];
        }
    }
    let mut lines = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut x = 0.0f32;
    let finish = |pieces: &mut Vec<Piece>, lines: &mut Vec<Line>| {
        if let Some(last) = pieces.last_mut() {
            let trimmed = last.text.trim_end().len();
            last.text.truncate(trimmed);
        }
        lines.push(Line {
            pieces: std::mem::take(pieces),
            height: size * LEADING,
            size,
        });
    };
    for (face, word) in words {
        let w = width(face, size, word.trim_end());
        if x > 0.0 && x + w > max {
            finish(&mut pieces, &mut lines);
            x = 0.0;
        }
        // A word longer than the line is split by characters.
        if w > max {
            let mut chunk = String::new();
            for c in word.chars() {
                chunk.push(c);
                if width(face, size, &chunk) > max && chunk.chars().count() > 1 {
                    let c = chunk.pop().unwrap_or(' ');
                    pieces.push(Piece {
                        face,
                        size,
                        x,
                        text: std::mem::take(&mut chunk),
                    });
                    finish(&mut pieces, &mut lines);
                    x = 0.0;
                    chunk.push(c);
                }
            }
            let cw = width(face, size, &chunk);
            pieces.push(Piece {
                face,
                size,
                x,
                text: chunk,
            });
            x += cw;
            continue;
        }
        let full = width(face, size, &word);
        match pieces.last_mut() {
            Some(last) if last.face == face => last.text.push_str(&word),
            _ => pieces.push(Piece {
                face,
                size,
                x,
                text: word,
            }),
        }
        x += full;
    }
    if !pieces.is_empty() || lines.is_empty() {
        finish(&mut pieces, &mut lines);
    }
    lines
}

pub(super) fn faces(spans: &[Span]) -> Vec<(Face, String)> {
    spans
        .iter()
        .map(|s| {
            let face = if s.bold {
                Face::Bold
            } else if s.italic {
                Face::Italic
            } else {
                Face::Regular
            };
            (face, s.text.to_string())
        })
        .collect()
}

/// Turns blocks into shapes and page units.
pub(super) fn flow(blocks: &[Block]) -> (Vec<Shape>, Vec<Unit>) {
    let mut shapes = Vec::new();
    let mut units = Vec::new();
    for block in blocks {
        let b = shapes.len();
        shapes.push(flow_block(block, b, &mut units));
    }
    (shapes, units)
}

/// Space between blocks.
pub(super) const GAP: f32 = BODY * 0.6;

/// Adds one line per unit, the first after `first_space`.
pub(super) fn push_lines(
    units: &mut Vec<Unit>,
    block: usize,
    slot: Slot,
    dx: f32,
    first_space: f32,
    lines: Vec<Line>,
) {
    for (i, line) in lines.into_iter().enumerate() {
        units.push(Unit {
            block,
            header: None,
            break_after: false,
            space_before: if i == 0 { first_space } else { 0.0 },
            height: line.height,
            lines: vec![(slot, dx, 0.0, line)],
            rects: Vec::new(),
        });
    }
}

/// Lays out a block of text (title, fields, heading, paragraph, quote); others go to
/// [`flow_other`]. Returns the block's structure.
pub(super) fn flow_block(block: &Block, b: usize, units: &mut Vec<Unit>) -> Shape {
    let gap = GAP;
    match block {
        Block::Title(t) => {
            let size = 16.0;
            let mut lines = wrap(&[(Face::Bold, t.to_string())], size, TEXT_W);
            for l in &mut lines {
                let w: f32 = l.pieces.iter().map(|p| width(p.face, size, &p.text)).sum();
                for p in &mut l.pieces {
                    p.x += (TEXT_W - w) / 2.0;
                }
            }
            push_lines(units, b, Slot::Part(0), 0.0, 0.0, lines);
            Shape::Heading(1, t.to_string())
        }
        Block::Fields(fields) => {
            // Label and value on one line, in one run of text, so that text extraction
            // reads "To: A. Attorney" rather than a column of labels.
            for (i, (l, v)) in fields.iter().enumerate() {
                let spans = [
                    (Face::Bold, format!("{l}: ")),
                    (Face::Regular, v.to_string()),
                ];
                let space = if i == 0 { gap * 2.0 } else { 0.0 };
                push_lines(
                    units,
                    b,
                    Slot::Part(i),
                    0.0,
                    space,
                    wrap(&spans, BODY, TEXT_W),
                );
            }
            Shape::Paras(fields.len())
        }
        Block::Heading { level, text } => {
            let (size, space) = if *level == 1 {
                (13.0, BODY * 1.6)
            } else {
                (11.5, BODY * 1.0)
            };
            let lines = wrap(&[(Face::Bold, text.to_string())], size, TEXT_W);
            push_lines(units, b, Slot::Part(0), 0.0, space, lines);
            Shape::Heading(u16::from(*level) + 1, text.to_string())
        }
        Block::Para(spans) => {
            push_lines(
                units,
                b,
                Slot::Part(0),
                0.0,
                gap,
                wrap(&faces(spans), BODY, TEXT_W),
            );
            Shape::Paras(1)
        }
        Block::Quote { text, cite } => {
            let indent = 28.0;
            let q = wrap(
                &[(Face::Italic, format!("“{text}”"))],
                BODY,
                TEXT_W - 2.0 * indent,
            );
            push_lines(units, b, Slot::Part(0), indent, gap, q);
            let c = wrap(
                &[(Face::Regular, format!("— {cite}"))],
                BODY - 1.0,
                TEXT_W - 2.0 * indent - 12.0,
            );
            push_lines(units, b, Slot::Part(1), indent + 12.0, 0.0, c);
            Shape::Quote
        }
        _ => flow_other(block, b, units),
    }
}

/// Lays out lists, facts, the table, the signature lines and the footer.
pub(super) fn flow_other(block: &Block, b: usize, units: &mut Vec<Unit>) -> Shape {
    let gap = GAP;
    match block {
        Block::Bullets(items) => {
            for (i, item) in items.iter().enumerate() {
                list_item(units, b, i, &faces(item), if i == 0 { gap } else { 2.0 });
            }
            Shape::List(items.len())
        }
        Block::Noted { text, note, flag } => {
            let mut spans = faces(text);
            if let Some(flag) = flag {
                spans.push((Face::Bold, format!(" [{flag}.]")));
            }
            let mut parts = vec![spans];
            if let Some((first, more)) = note.as_ref().and_then(|n| n.split_first()) {
                let spans = &mut parts[0];
                spans.push((Face::Italic, " Note: ".to_owned()));
                spans.push((Face::Regular, first.to_string()));
                // Each later line of the note starts a line of its own in the item.
                parts.extend(more.iter().map(|l| vec![(Face::Regular, l.to_string())]));
            }
            list_item_lines(units, b, 0, &parts, gap);
            Shape::List(1)
        }
        Block::Table {
            header,
            rows,
            widths,
            ..
        } => flow_table(b, units, header, rows, widths),
        Block::Signature(lines) => {
            for (i, (l, v)) in lines.iter().enumerate() {
                let value = if v.is_empty() {
                    "______________________________".to_owned()
                } else {
                    v.to_string()
                };
                let spans = [(Face::Bold, format!("{l}: ")), (Face::Regular, value)];
                push_lines(
                    units,
                    b,
                    Slot::Part(i),
                    0.0,
                    if i == 0 { gap } else { gap * 1.5 },
                    wrap(&spans, BODY, TEXT_W),
                );
            }
            Shape::Paras(lines.len())
        }
        Block::Footer(lines) => {
            for (i, l) in lines.iter().enumerate() {
                push_lines(
                    units,
                    b,
                    Slot::Part(i),
                    0.0,
                    if i == 0 { BODY * 2.0 } else { 2.0 },
                    wrap(&[(Face::Regular, l.to_string())], 8.5, TEXT_W),
                );
            }
            Shape::Paras(lines.len())
        }
        Block::Bars {
            caption,
            whole,
            bars,
        } => super::bars::flow_bars(b, units, caption, *whole, bars),
        Block::PageBreak => {
            if let Some(last) = units.last_mut() {
                last.break_after = true;
            }
            Shape::Paras(0)
        }
        _ => Shape::Paras(0),
    }
}

/// A table: one unit per row, the body rows pointing at the header row to repeat it.
pub(super) fn flow_table(
    b: usize,
    units: &mut Vec<Unit>,
    header: &[Clean],
    rows: &[Vec<Clean>],
    shares: &[u16],
) -> Shape {
    let gap = GAP;
    let cols = header.len();
    #[allow(clippy::cast_precision_loss)]
    let widths: Vec<f32> = (0..cols)
        .map(|c| {
            shares.get(c).map_or(TEXT_W / cols.max(1) as f32, |s| {
                TEXT_W * f32::from(*s) / 100.0
            })
        })
        .collect();
    let all = std::iter::once(header).chain(rows.iter().map(Vec::as_slice));
    let header_unit = units.len();
    for (r, row) in all.enumerate() {
        let face = if r == 0 { Face::Bold } else { Face::Regular };
        let size = BODY - 1.0;
        let mut lines = Vec::new();
        let mut x = 0.0;
        let mut height = 0.0f32;
        for (c, cell) in row.iter().enumerate() {
            let cell_lines = wrap(&[(face, cell.to_string())], size, widths[c] - 6.0);
            let mut y = 0.0;
            for l in cell_lines {
                let h = l.height;
                lines.push((Slot::Cell(r, c), x, y, l));
                y += h;
            }
            height = height.max(y);
            x += widths[c];
        }
        units.push(Unit {
            block: b,
            header: (r > 0).then_some(header_unit),
            break_after: false,
            space_before: if r == 0 { gap } else { 3.0 },
            height,
            lines,
            rects: Vec::new(),
        });
    }
    Shape::Table(rows.len() + 1, cols)
}

/// A list item: a bullet label and a body indented after it.
pub(super) fn list_item(
    units: &mut Vec<Unit>,
    block: usize,
    item: usize,
    spans: &[(Face, String)],
    space: f32,
) {
    list_item_lines(units, block, item, &[spans.to_vec()], space);
}

/// A list item whose body is several parts, each starting on a line of its own (an empty part
/// is an empty line).
pub(super) fn list_item_lines(
    units: &mut Vec<Unit>,
    block: usize,
    item: usize,
    parts: &[Vec<(Face, String)>],
    space: f32,
) {
    let indent = 16.0;
    let body: Vec<Line> = parts
        .iter()
        .flat_map(|spans| wrap(spans, BODY, TEXT_W - indent))
        .collect();
    let label = Line {
        pieces: vec![Piece {
            face: Face::Regular,
            size: BODY,
            x: 4.0,
            text: "•".to_owned(),
        }],
        height: 0.0,
        size: BODY,
    };
    for (i, line) in body.into_iter().enumerate() {
        let mut lines = Vec::new();
        if i == 0 {
            lines.push((Slot::Part(2 * item), 0.0, 0.0, label.clone()));
        }
        let h = line.height;
        lines.push((Slot::Part(2 * item + 1), indent, 0.0, line));
        units.push(Unit {
            block,
            header: None,
            break_after: false,
            space_before: if i == 0 { space } else { 0.0 },
            height: h,
            lines,
            rects: Vec::new(),
        });
    }
}

/// One unit placed on a page.
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed {
    pub(super) unit: usize,
    /// At the top of the page: its space before is dropped.
    pub(super) top: bool,
    /// A repeated table header: drawn as a pagination artifact, outside the structure.
    pub(super) repeat: bool,
}

/// Splits units into pages.
pub(super) fn paginate(units: &[Unit]) -> Vec<Vec<Placed>> {
    let bottom = PAGE_H - MARGIN;
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = MARGIN;
    let mut force_break = false;
    for (i, u) in units.iter().enumerate() {
        let top_of_page = pages.last().is_some_and(Vec::is_empty);
        let space = if top_of_page { 0.0 } else { u.space_before };
        // Keep a heading with the first line after it.
        let keep = units
            .get(i + 1)
            .filter(|_| is_heading_unit(u))
            .map_or(0.0, |n| n.space_before + n.height);
        if !top_of_page && (force_break || y + space + u.height + keep > bottom) {
            pages.push(Vec::new());
            y = MARGIN;
            let page = pages.last_mut().expect("a page");
            if let Some(h) = u.header {
                page.push(Placed {
                    unit: h,
                    top: true,
                    repeat: true,
                });
                y += units[h].height + u.space_before;
            }
            page.push(Placed {
                unit: i,
                top: u.header.is_none(),
                repeat: false,
            });
            y += u.height;
        } else {
            y += space + u.height;
            pages.last_mut().expect("a page").push(Placed {
                unit: i,
                top: top_of_page,
                repeat: false,
            });
        }
        force_break = u.break_after;
    }
    pages
}

pub(super) fn is_heading_unit(u: &Unit) -> bool {
    u.lines.iter().all(|(_, _, _, l)| l.size > BODY + 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_character_and_fits_the_width() {
        let text = "Stump v. Sparkman, 435 U.S. 349, 356–57 (1978) — “A judge will not be deprived of immunity because the action he took was in error” § 1983 ¶¶ 12–14 …";
        let lines = wrap(&[(Face::Regular, text.to_owned())], BODY, 200.0);
        assert!(lines.len() > 2);
        let rejoined: Vec<String> = lines
            .iter()
            .map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect::<String>())
            .collect();
        assert_eq!(rejoined.join(" "), text);
        for l in &lines {
            let w: f32 = l.pieces.iter().map(|p| width(p.face, BODY, &p.text)).sum();
            assert!(w <= 200.5, "{w}");
        }
    }
}
