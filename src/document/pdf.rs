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
//! `krilla` uses itself), wrapped greedily at spaces, and laid out on US Letter pages with
//! three-quarter-inch margins; a line or a table row never splits across pages. Lines are drawn
//! in reading order, each tagged as part of its block, and every page carries "Page N of M" as a
//! pagination artifact.
//!
//! Over 400 lines: drawing the pages, choosing a font per run, ordering right-to-left text and
//! building the structure tree are one pass and share its state; the layout is in `flow`.

use std::collections::{BTreeSet, HashMap};
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

use super::Block;
use super::Document;
use super::fonts::{self, Face, FontId};

mod bars;
mod flow;

use flow::{Line, MARGIN, PAGE_H, PAGE_W, Piece, Shape, Slot, flow, paginate, width};

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
                    draw_placed(&mut surface, &mut fonts, line, (*dx, *dy), y);
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
                let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                draw_placed(&mut surface, &mut fonts, line, (*dx, *dy), y);
                surface.end_tagged();
                ids[unit.block].push((*slot, id));
            }
            bars::draw(&mut surface, &unit.rects, MARGIN, y);
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
            .title(source.title.to_string())
            .language("en-US".to_owned())
            .creator(source.creator.to_string())
            .authors(source.author.iter().map(ToString::to_string).collect()),
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
        header.push(super::line("Pages"));
        // Every term of the table, once, and the pages each is found on. Each distinct text is
        // searched once (the same why-text or caveat recurs in every screening of a kind), so
        // the work grows with the distinct text, not with the memo.
        let mut terms: Vec<&str> = Vec::new();
        for t in pages_of.iter().flatten() {
            if !t.is_empty() && !terms.contains(&t.as_str()) {
                terms.push(t);
            }
        }
        let mut hits: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        let mut found: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); terms.len()];
        for (t, marks) in &text[..first] {
            let at = hits.entry(t.as_str()).or_insert_with(|| {
                let mut at = Vec::new();
                for (i, term) in terms.iter().enumerate() {
                    at.extend(t.match_indices(term).map(|(o, _)| (i, o)));
                }
                at
            });
            for &(i, o) in at.iter() {
                if let Some((_, page)) = marks.iter().rev().find(|(m, _)| *m <= o) {
                    found[i].insert(*page);
                }
            }
        }
        for (row, row_terms) in rows.iter_mut().zip(pages_of.iter()) {
            let found: BTreeSet<usize> = row_terms
                .iter()
                .filter_map(|t| terms.iter().position(|x| x == t))
                .flat_map(|i| found[i].iter().copied())
                .collect();
            // More than six pages: "passim", as a table of authorities says it.
            let list: Vec<String> = found.iter().map(ToString::to_string).collect();
            row.push(if list.len() > 6 {
                super::line("passim")
            } else {
                super::line(list.join(", "))
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

/// Draws one of a unit's lines at its offset `(dx, dy)` inside the unit, whose top is at `y`.
fn draw_placed(
    surface: &mut Surface<'_>,
    pens: &mut Pens,
    line: &Line,
    (dx, dy): (f32, f32),
    y: f32,
) {
    draw_line(surface, pens, &line.pieces, MARGIN + dx, y + dy + line.size);
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
    // Right-to-left scripts start at U+0590 (Hebrew): a line with nothing from there on is
    // left to right, and skips the bidirectional analysis (a tenth of a long memo's time).
    let info = line
        .chars()
        .any(|c| u32::from(c) >= 0x590)
        .then(|| unicode_bidi::BidiInfo::new(&line, Some(unicode_bidi::Level::ltr())));
    let rtl = info.as_ref().is_some_and(unicode_bidi::BidiInfo::has_rtl);
    let mut stretches: Vec<Stretch> = Vec::new();
    let mut offset = 0;
    for p in pieces {
        for (i, c) in p.text.char_indices() {
            let level = match &info {
                Some(info) if rtl => info.levels[offset + i].number(),
                _ => 0,
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
        Shape::Chart(rows) => with(
            Tag::Div.into(),
            vec![
                with(Tag::P.into(), part(0, ids)).into(),
                table(rows, 2, &take).into(),
            ],
        ),
        Shape::Table(rows, cols) => table(rows, cols, &take),
    })
}

/// A table's tag group: rows × columns of the cells' identifiers, the first row header cells.
fn table(rows: usize, cols: usize, take: &dyn Fn(Slot) -> Vec<krilla::tagging::Node>) -> TagGroup {
    let with = |kind: TagKind, children: Vec<krilla::tagging::Node>| {
        TagGroup::with_children(kind, children)
    };
    with(
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
    )
}
