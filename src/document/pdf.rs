//! A document as a tagged PDF (PDF/UA-1), drawn with `krilla`, without a browser.
//!
//! Why `krilla`: it subsets and embeds the font with a `ToUnicode` map for every glyph (so
//! `pdftotext` and screen readers get every character back, § ¶ “ ” ’ – — … included), writes a
//! structure tree (headings, paragraphs, lists, block quotes, a table with header cells) and
//! checks the PDF/UA-1 rules it can as it writes. `printpdf` would be lighter but writes no
//! structure tree. The font is `DejaVu` Serif (Bitstream Vera licence, which allows bundling:
//! `assets/fonts/LICENSE-DejaVu.txt`), compiled into the binary; characters it lacks (Hebrew,
//! Arabic, CJK) come from installed fonts, and right-to-left text is ordered by the bidirectional
//! algorithm (the `fonts` module, `draw_line`).
//!
//! Layout is a simple flow: text is measured with the font's advance widths (`skrifa`, which
//! `krilla` uses itself), wrapped greedily at spaces, and laid out on US Letter pages with one-inch
//! margins; a line or a table row never splits across pages. Lines are drawn in reading order,
//! each tagged as part of its block, and every page carries "Page N of M" as a pagination
//! artifact.

use std::num::NonZeroU16;

use krilla::Document as PdfDocument;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};

use super::Document;
use super::fonts::{self, Face, FontId};
use super::{Block, Span};

const PAGE_W: f32 = 612.0;
const PAGE_H: f32 = 792.0;
const MARGIN: f32 = 54.0;
const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN;
const BODY: f32 = 10.5;
const LEADING: f32 = 1.3;

fn width(face: Face, size: f32, text: &str) -> f32 {
    text.chars().map(|c| fonts::advance(face, c, size)).sum()
}

/// A run of text placed on a line.
#[derive(Debug, Clone)]
struct Piece {
    face: Face,
    size: f32,
    x: f32,
    text: String,
}

/// One line of text: its pieces and the vertical space it takes.
#[derive(Debug, Clone)]
struct Line {
    pieces: Vec<Piece>,
    height: f32,
    size: f32,
}

/// Where a line belongs in the structure tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    /// The n-th content group of the block (a paragraph, a list item's label or body).
    Part(usize),
    /// A table cell: row, column.
    Cell(usize, usize),
}

/// Something placed on a page as a unit (never split): one line, or one table row.
struct Unit {
    block: usize,
    /// For a table's body row, the unit of the table's header row (repeated, as an artifact, at
    /// the top of each later page the table runs onto).
    header: Option<usize>,
    /// A page break: the next unit starts a new page.
    break_after: bool,
    space_before: f32,
    height: f32,
    /// Lines with their slot, x offset added to each piece, and y offset within the unit.
    lines: Vec<(Slot, f32, f32, Line)>,
}

/// The structure of one block, filled with identifiers as its lines are drawn.
enum Shape {
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
}

/// Renders the blocks as a tagged PDF, with a warning when a character could not be drawn.
pub fn render(source: &Document) -> Result<(Vec<u8>, Option<String>), String> {
    let mut missing = std::collections::BTreeSet::new();
    let blocks: Vec<Block> = source
        .blocks
        .iter()
        .map(|b| b.map_text(&mut |t| fonts::drawable(t, &mut missing)))
        .collect();
    let blocks = with_pages(blocks);
    let (shapes, units) = flow(&blocks);
    let pages = paginate(&units);
    let mut fonts = Pens::new()?;
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| format!("cannot set up PDF/UA-1: {e:?}"))?;
    let settings = krilla::SerializeSettings {
        configuration,
        enable_tagging: true,
        ..krilla::SerializeSettings::default()
    };
    let mut document = PdfDocument::new_with(settings);
    // ids[block][slot] in drawing order.
    let mut ids: Vec<Vec<(Slot, Identifier)>> = (0..shapes.len()).map(|_| Vec::new()).collect();
    let total = pages.len();
    // Headings as they are drawn, for the document outline (PDF/UA asks for one).
    let mut marks: Vec<(u16, String, usize, f32)> = Vec::new();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
    for (n, page_units) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let mut y = MARGIN;
        for (i, placed) in page_units.iter().enumerate() {
            let unit = &units[placed.unit];
            if i > 0 || !placed.top {
                y += unit.space_before;
            }
            if placed.repeat {
                surface.start_tagged(ContentTag::Artifact(Artifact::new(
                    ArtifactType::Header,
                    None,
                )));
                for (_, dx, dy, line) in &unit.lines {
                    let baseline = y + dy + line.size;
                    draw_line(
                        &mut surface,
                        &mut fonts,
                        &line.pieces,
                        MARGIN + dx,
                        baseline,
                    );
                }
                surface.end_tagged();
                y += unit.height;
                continue;
            }
            if let Shape::Heading(level, title) = &shapes[unit.block]
                && ids[unit.block].is_empty()
            {
                marks.push((*level, title.clone(), n, y));
            }
            for (slot, dx, dy, line) in &unit.lines {
                let baseline = y + dy + line.size;
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                draw_line(
                    &mut surface,
                    &mut fonts,
                    &line.pieces,
                    MARGIN + dx,
                    baseline,
                );
                surface.end_tagged();
                ids[unit.block].push((*slot, id));
            }
            y += unit.height;
        }
        page_number(&mut surface, &mut fonts, n + 1, total);
        surface.finish();
        page.finish();
    }
    let mut tree = TagTree::new();
    for (shape, ids) in shapes.into_iter().zip(ids) {
        if let Some(group) = group(shape, &ids) {
            tree.push(group);
        }
    }
    document.set_tag_tree(tree);
    document.set_outline(outline(marks));
    document.set_metadata(
        Metadata::new()
            .title(source.title.clone())
            .language("en-US".to_owned())
            .creator(source.creator.clone())
            .authors(source.author.iter().cloned().collect()),
    );
    let bytes = document
        .finish()
        .map_err(|e| format!("cannot write the PDF: {e:?}"))?;
    Ok((without_suspects(bytes), fonts::missing_warning(&missing)))
}

/// The blocks with each table that asks for pages (`pages_of`) given a last "Pages" column: the
/// pages of a first layout on which its terms appear in the blocks before it. The table comes
/// after what it indexes, so filling it in moves nothing it points to.
fn with_pages(mut blocks: Vec<Block>) -> Vec<Block> {
    // The text indexed: everything before the first such table (not the tables themselves).
    let Some(first) = blocks
        .iter()
        .position(|b| matches!(b, Block::Table { pages_of, .. } if !pages_of.is_empty()))
    else {
        return blocks;
    };
    let (_, units) = flow(&blocks);
    let pages = paginate(&units);
    // Each block's text, lines joined by spaces, with the page each stretch starts on.
    let mut text: Vec<(String, Vec<(usize, usize)>)> =
        vec![(String::new(), Vec::new()); blocks.len()];
    for (n, page) in pages.iter().enumerate() {
        for placed in page.iter().filter(|p| !p.repeat) {
            let unit = &units[placed.unit];
            let (t, marks) = &mut text[unit.block];
            marks.push((t.len(), n + 1));
            for (_, _, _, line) in &unit.lines {
                for p in &line.pieces {
                    t.push_str(&p.text);
                }
                t.push(' ');
            }
        }
    }
    for block in &mut blocks {
        let Block::Table {
            header,
            rows,
            widths,
            pages_of,
        } = block
        else {
            continue;
        };
        if pages_of.is_empty() {
            continue;
        }
        header.push("Pages".to_owned());
        for (row, terms) in rows.iter_mut().zip(pages_of.iter()) {
            let mut found: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
            for (t, marks) in &text[..first] {
                for term in terms.iter().filter(|t| !t.is_empty()) {
                    for (at, _) in t.match_indices(term.as_str()) {
                        if let Some((_, page)) = marks.iter().rev().find(|(o, _)| *o <= at) {
                            found.insert(*page);
                        }
                    }
                }
            }
            // More than six pages: "passim", as a table of authorities says it.
            let list: Vec<String> = found.iter().map(ToString::to_string).collect();
            row.push(if list.len() > 6 {
                "passim".to_owned()
            } else {
                list.join(", ")
            });
        }
        if !widths.is_empty() {
            // The pages column takes an eighth; the others give it up in proportion.
            for w in widths.iter_mut() {
                *w = *w * 7 / 8;
            }
            widths.push(12);
        }
        pages_of.clear();
    }
    blocks
}

/// The PDF with `/Suspects false` blanked out of its `/MarkInfo`, byte for byte in place (so
/// every offset in the cross-reference table stays right).
///
/// Which side is wrong: poppler. `Suspects` is an optional boolean (default false, which PDF/UA-1
/// requires), and krilla writes it as `false`; poppler's catalog reader (22.12) flags any
/// `Suspects` that is not `true` as "Suspects object is wrong type (boolean)". Leaving the key
/// out says the same thing to every reader and keeps pdfinfo quiet.
fn without_suspects(mut bytes: Vec<u8>) -> Vec<u8> {
    const KEY: &[u8] = b"/MarkInfo<</Marked true/Suspects false>>";
    const SUSPECTS: &[u8] = b"/Suspects false";
    if let Some(at) = bytes.windows(KEY.len()).position(|w| w == KEY) {
        let start = at + KEY.len() - 2 - SUSPECTS.len();
        bytes[start..start + SUSPECTS.len()].fill(b' ');
    }
    bytes
}

/// "Page N of M", centred at the foot of the page: an artifact, outside the structure.
fn page_number(surface: &mut Surface<'_>, fonts: &mut Pens, n: usize, total: usize) {
    surface.start_tagged(ContentTag::Artifact(Artifact::new(
        ArtifactType::PageNumber,
        None,
    )));
    let label = format!("Page {n} of {total}");
    let w = width(Face::Regular, 9.0, &label);
    let piece = Piece {
        face: Face::Regular,
        size: 9.0,
        x: 0.0,
        text: label,
    };
    draw_line(surface, fonts, &[piece], (PAGE_W - w) / 2.0, PAGE_H - 40.0);
    surface.end_tagged();
}

/// The document outline: the memo's sections, each with its screenings under it.
fn outline(marks: Vec<(u16, String, usize, f32)>) -> Outline {
    let mut outline = Outline::new();
    let mut top: Option<OutlineNode> = None;
    for (level, title, page, y) in marks {
        let node = OutlineNode::new(title, XyzDestination::new(page, Point::from_xy(MARGIN, y)));
        if level <= 2 {
            if let Some(done) = top.take() {
                outline.push_child(done);
            }
            top = Some(node);
        } else if let Some(parent) = top.as_mut() {
            parent.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = top {
        outline.push_child(done);
    }
    outline
}

/// The fonts of one document: the bundled faces, and each system font once it draws something.
struct Pens {
    bundled: [Font; 3],
    system: std::collections::HashMap<usize, Font>,
}

impl Pens {
    fn new() -> Result<Pens, String> {
        let font = |face: Face, name: &str| {
            Font::new(fonts::bundled(face).into(), 0)
                .ok_or_else(|| format!("the bundled font {name} is unreadable"))
        };
        Ok(Pens {
            bundled: [
                font(Face::Regular, "DejaVu Serif")?,
                font(Face::Bold, "DejaVu Serif Bold")?,
                font(Face::Italic, "DejaVu Serif Italic")?,
            ],
            system: std::collections::HashMap::new(),
        })
    }

    fn get(&mut self, id: FontId) -> Font {
        match id {
            FontId::Bundled(face) => self.bundled[face as usize].clone(),
            FontId::System(i) => {
                let regular = self.bundled[0].clone();
                self.system
                    .entry(i)
                    .or_insert_with(|| {
                        fonts::system_font(i)
                            .and_then(|(data, index, _)| Font::new(data.into(), index))
                            .unwrap_or(regular)
                    })
                    .clone()
            }
        }
    }
}

/// A stretch of a line drawn with one font in one direction.
struct Stretch {
    face: Face,
    size: f32,
    font: FontId,
    level: u8,
    text: String,
}

/// Draws one line's pieces from `x` (plus the first piece's offset). Each character is drawn
/// in the font that has it; right-to-left stretches (Hebrew, Arabic) are shaped right to left
/// and placed in visual order (the Unicode bidirectional algorithm, `unicode-bidi`), so a
/// viewer shows them as written and `pdftotext` reads them back in logical order.
fn draw_line(surface: &mut Surface<'_>, pens: &mut Pens, pieces: &[Piece], x: f32, baseline: f32) {
    let Some(first) = pieces.first() else {
        return;
    };
    let line: String = pieces.iter().map(|p| p.text.as_str()).collect();
    let info = unicode_bidi::BidiInfo::new(&line, Some(unicode_bidi::Level::ltr()));
    let rtl = info.has_rtl();
    let mut stretches: Vec<Stretch> = Vec::new();
    let mut offset = 0;
    for p in pieces {
        for (i, c) in p.text.char_indices() {
            let level = if rtl {
                info.levels[offset + i].number()
            } else {
                0
            };
            let font = fonts::font_for(p.face, c).unwrap_or(FontId::Bundled(p.face));
            match stretches.last_mut() {
                Some(s)
                    if s.face == p.face
                        && s.font == font
                        && s.level == level
                        && s.size.to_bits() == p.size.to_bits() =>
                {
                    s.text.push(c);
                }
                _ => stretches.push(Stretch {
                    face: p.face,
                    size: p.size,
                    font,
                    level,
                    text: c.to_string(),
                }),
            }
        }
        offset += p.text.len();
    }
    if rtl {
        reorder(&mut stretches);
    }
    let mut x = x + first.x;
    for s in &stretches {
        let direction = if s.level % 2 == 1 {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        };
        surface.draw_text(
            Point::from_xy(x, baseline),
            pens.get(s.font),
            s.size,
            &s.text,
            false,
            direction,
        );
        x += if s.level % 2 == 1 || matches!(s.font, FontId::System(_)) {
            fonts::shaped_width(s.font, &s.text, s.size, s.level % 2 == 1)
        } else {
            width(s.face, s.size, &s.text)
        };
    }
}

/// Rule L2 of the bidirectional algorithm over stretches: from the highest level down to the
/// lowest odd one, every run of stretches at that level or above is reversed.
fn reorder(stretches: &mut [Stretch]) {
    let Some(max) = stretches.iter().map(|s| s.level).max() else {
        return;
    };
    let lowest_odd = stretches
        .iter()
        .map(|s| s.level)
        .filter(|l| l % 2 == 1)
        .min()
        .unwrap_or(max + 1);
    let mut level = max;
    while level >= lowest_odd && level > 0 {
        let mut i = 0;
        while i < stretches.len() {
            if stretches[i].level >= level {
                let start = i;
                while i < stretches.len() && stretches[i].level >= level {
                    i += 1;
                }
                stretches[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

/// Builds the tag group of a block from the identifiers of its drawn lines.
fn group(shape: Shape, ids: &[(Slot, Identifier)]) -> Option<TagGroup> {
    if ids.is_empty() {
        return None;
    }
    // The identifiers by slot, in drawing order: one pass, so a table or list of thousands of
    // rows is not searched once per cell.
    let mut slots: std::collections::HashMap<Slot, Vec<Identifier>> =
        std::collections::HashMap::new();
    for (slot, id) in ids {
        slots.entry(*slot).or_default().push(*id);
    }
    let take = |slot: Slot| -> Vec<krilla::tagging::Node> {
        slots
            .get(&slot)
            .map(|v| v.iter().map(|id| (*id).into()).collect())
            .unwrap_or_default()
    };
    let part = |n: usize, _: &[(Slot, Identifier)]| take(Slot::Part(n));
    let with = |kind: TagKind, children: Vec<krilla::tagging::Node>| {
        TagGroup::with_children(kind, children)
    };
    Some(match shape {
        Shape::Heading(level, title) => with(
            Tag::Hn(
                NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN),
                Some(title),
            )
            .into(),
            part(0, ids),
        ),
        Shape::Paras(n) => {
            if n == 1 {
                with(Tag::P.into(), part(0, ids))
            } else {
                with(
                    Tag::Div.into(),
                    (0..n)
                        .map(|i| with(Tag::P.into(), part(i, ids)).into())
                        .collect(),
                )
            }
        }
        Shape::Quote => with(
            Tag::BlockQuote.into(),
            vec![
                with(Tag::P.into(), part(0, ids)).into(),
                with(Tag::P.into(), part(1, ids)).into(),
            ],
        ),
        Shape::List(items) => with(
            Tag::L(ListNumbering::Disc).into(),
            (0..items)
                .map(|i| {
                    with(
                        Tag::LI.into(),
                        vec![
                            with(Tag::Lbl.into(), part(2 * i, ids)).into(),
                            with(Tag::LBody.into(), part(2 * i + 1, ids)).into(),
                        ],
                    )
                    .into()
                })
                .collect(),
        ),
        Shape::Table(rows, cols) => with(
            Tag::Table.into(),
            (0..rows)
                .map(|r| {
                    with(
                        Tag::TR.into(),
                        (0..cols)
                            .map(|c| {
                                let cell = take(Slot::Cell(r, c));
                                let kind: TagKind = if r == 0 {
                                    Tag::TH(TableHeaderScope::Column).into()
                                } else {
                                    Tag::TD.into()
                                };
                                with(kind, cell).into()
                            })
                            .collect(),
                    )
                    .into()
                })
                .collect(),
        ),
    })
}

/// Greedy line breaking of styled spans into lines of at most `max` points.
fn wrap(spans: &[(Face, String)], size: f32, max: f32) -> Vec<Line> {
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

fn faces(spans: &[Span]) -> Vec<(Face, String)> {
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
            (face, s.text.clone())
        })
        .collect()
}

/// Turns blocks into shapes and page units.
fn flow(blocks: &[Block]) -> (Vec<Shape>, Vec<Unit>) {
    let mut shapes = Vec::new();
    let mut units = Vec::new();
    for block in blocks {
        let b = shapes.len();
        shapes.push(flow_block(block, b, &mut units));
    }
    (shapes, units)
}

/// Space between blocks.
const GAP: f32 = BODY * 0.6;

/// Adds one line per unit, the first after `first_space`.
fn push_lines(
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
        });
    }
}

/// Lays out a block of text (title, fields, heading, paragraph, quote); others go to
/// [`flow_other`]. Returns the block's structure.
fn flow_block(block: &Block, b: usize, units: &mut Vec<Unit>) -> Shape {
    let gap = GAP;
    match block {
        Block::Title(t) => {
            let size = 16.0;
            let mut lines = wrap(&[(Face::Bold, t.clone())], size, TEXT_W);
            for l in &mut lines {
                let w: f32 = l.pieces.iter().map(|p| width(p.face, size, &p.text)).sum();
                for p in &mut l.pieces {
                    p.x += (TEXT_W - w) / 2.0;
                }
            }
            push_lines(units, b, Slot::Part(0), 0.0, 0.0, lines);
            Shape::Heading(1, t.clone())
        }
        Block::Fields(fields) => {
            // Label and value on one line, in one run of text, so that text extraction
            // reads "To: A. Attorney" rather than a column of labels.
            for (i, (l, v)) in fields.iter().enumerate() {
                let spans = [(Face::Bold, format!("{l}: ")), (Face::Regular, v.clone())];
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
            let lines = wrap(&[(Face::Bold, text.clone())], size, TEXT_W);
            push_lines(units, b, Slot::Part(0), 0.0, space, lines);
            Shape::Heading(u16::from(*level) + 1, text.clone())
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
fn flow_other(block: &Block, b: usize, units: &mut Vec<Unit>) -> Shape {
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
                spans.push((Face::Regular, first.clone()));
                // Each later line of the note starts a line of its own in the item.
                parts.extend(more.iter().map(|l| vec![(Face::Regular, l.clone())]));
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
                    v.clone()
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
                    wrap(&[(Face::Regular, l.clone())], 8.5, TEXT_W),
                );
            }
            Shape::Paras(lines.len())
        }
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
fn flow_table(
    b: usize,
    units: &mut Vec<Unit>,
    header: &[String],
    rows: &[Vec<String>],
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
            let cell_lines = wrap(&[(face, cell.clone())], size, widths[c] - 6.0);
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
        });
    }
    Shape::Table(rows.len() + 1, cols)
}

/// A list item: a bullet label and a body indented after it.
fn list_item(
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
fn list_item_lines(
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
        });
    }
}

/// One unit placed on a page.
#[derive(Debug, Clone, Copy)]
struct Placed {
    unit: usize,
    /// At the top of the page: its space before is dropped.
    top: bool,
    /// A repeated table header: drawn as a pagination artifact, outside the structure.
    repeat: bool,
}

/// Splits units into pages.
fn paginate(units: &[Unit]) -> Vec<Vec<Placed>> {
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

fn is_heading_unit(u: &Unit) -> bool {
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
