//! A bar chart in the PDF: its caption in bold, a header row, then one row per bar with the
//! answer (bold where marked), its figures in words and a drawn bar scaled to the whole (dark
//! for a marked answer, light for the rest, each in a thin frame). The words are tagged as a
//! table under the caption, so a screen reader and `pdftotext` get every figure; the bars are
//! layout artifacts, outside the structure, since they repeat what the figures say.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Rect};
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag};

use super::flow::{BODY, GAP, Line, Shape, Slot, TEXT_W, Unit, push_lines, wrap};
use crate::document::Bar;
use crate::document::fonts::Face;

/// A drawn bar: where in its unit, how long, how high, and whether it is marked.
#[derive(Debug, Clone, Copy)]
pub(super) struct Drawn {
    pub(super) dx: f32,
    pub(super) dy: f32,
    pub(super) w: f32,
    pub(super) full: f32,
    pub(super) h: f32,
    pub(super) dark: bool,
}

/// A chart up to this tall is kept on one page, caption and all (a question's few answers);
/// a taller one breaks between rows, its header row repeated.
const KEEP: f32 = 320.0;

/// Lays out a chart: the caption, the header row, one unit per bar; kept together as one unit
/// when it is short enough.
pub(super) fn flow_bars(
    b: usize,
    units: &mut Vec<Unit>,
    caption: &str,
    whole: usize,
    bars: &[Bar],
) -> Shape {
    let size = BODY - 1.0;
    let first = units.len();
    push_lines(
        units,
        b,
        Slot::Part(0),
        0.0,
        GAP,
        wrap(&[(Face::Bold, caption.to_owned())], BODY, TEXT_W),
    );
    let cols = [TEXT_W * 0.38, TEXT_W * 0.36, TEXT_W * 0.26];
    let header_unit = units.len();
    let header = ["Answer", "Count"];
    for r in 0..=bars.len() {
        let (cells, face, marked) = if r == 0 {
            (
                [header[0].to_owned(), header[1].to_owned()],
                Face::Bold,
                false,
            )
        } else {
            let bar = &bars[r - 1];
            let marked = bar.mark.is_some();
            let face = if marked { Face::Bold } else { Face::Regular };
            ([bar.label.to_string(), bar.figures(whole)], face, marked)
        };
        let mut lines: Vec<(Slot, f32, f32, Line)> = Vec::new();
        let mut x = 0.0;
        let mut height = 0.0f32;
        for (c, text) in cells.iter().enumerate() {
            let mut y = 0.0;
            for l in wrap(&[(face, text.clone())], size, cols[c] - 6.0) {
                let h = l.height;
                lines.push((Slot::Cell(r, c), x, y, l));
                y += h;
            }
            height = height.max(y);
            x += cols[c];
        }
        let mut rects = Vec::new();
        if r > 0 {
            let full = cols[2] - 6.0;
            #[allow(clippy::cast_precision_loss)] // counts of students
            let w = bars[r - 1].cells(whole, 1000) as f32 * full / 1000.0;
            rects.push(Drawn {
                dx: x,
                dy: 1.5,
                w,
                full,
                h: size * 0.95,
                dark: marked,
            });
        }
        units.push(Unit {
            block: b,
            header: (r > 0).then_some(header_unit),
            break_after: false,
            space_before: if r == 0 { 4.0 } else { 2.0 },
            height,
            lines,
            rects,
        });
    }
    keep_together(units, first);
    Shape::Chart(bars.len() + 1)
}

/// Joins the units from `first` on into one, each placed below the one before, when together
/// they are no taller than [`KEEP`].
fn keep_together(units: &mut Vec<Unit>, first: usize) {
    let parts = units.split_off(first);
    let height: f32 = parts
        .iter()
        .enumerate()
        .map(|(i, u)| if i == 0 { 0.0 } else { u.space_before } + u.height)
        .sum();
    let Some(head) = parts.first() else { return };
    if height > KEEP {
        units.extend(parts);
        return;
    }
    let mut one = Unit {
        block: head.block,
        header: None,
        break_after: false,
        space_before: head.space_before,
        height,
        lines: Vec::new(),
        rects: Vec::new(),
    };
    let mut y = 0.0;
    for (i, u) in parts.into_iter().enumerate() {
        if i > 0 {
            y += u.space_before;
        }
        one.lines.extend(
            u.lines
                .into_iter()
                .map(|(slot, dx, dy, l)| (slot, dx, y + dy, l)),
        );
        one.rects
            .extend(u.rects.into_iter().map(|r| Drawn { dy: y + r.dy, ..r }));
        y += u.height;
    }
    units.push(one);
}

/// Draws a unit's bars at (`x`, `y`), its top left corner: a layout artifact.
pub(super) fn draw(surface: &mut Surface<'_>, rects: &[Drawn], x: f32, y: f32) {
    if rects.is_empty() {
        return;
    }
    surface.start_tagged(ContentTag::Artifact(Artifact::new(
        ArtifactType::Layout,
        None,
    )));
    for r in rects {
        // The frame of a full bar, then the bar itself.
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(150, 150, 150).into(),
            width: 0.5,
            ..Stroke::default()
        }));
        if let Some(path) = rect(x + r.dx, y + r.dy, r.full, r.h) {
            surface.draw_path(&path);
        }
        let fill = if r.dark {
            rgb::Color::new(31, 78, 121)
        } else {
            rgb::Color::new(184, 196, 208)
        };
        surface.set_fill(Some(Fill {
            paint: fill.into(),
            ..Fill::default()
        }));
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(17, 17, 17).into(),
            width: 0.5,
            ..Stroke::default()
        }));
        if r.w > 0.0
            && let Some(path) = rect(x + r.dx, y + r.dy, r.w, r.h)
        {
            surface.draw_path(&path);
        }
    }
    surface.set_fill(None);
    surface.set_stroke(None);
    surface.end_tagged();
}

fn rect(left: f32, top: f32, width: f32, height: f32) -> Option<krilla::geom::Path> {
    let mut path = PathBuilder::new();
    path.push_rect(Rect::from_xywh(left, top, width, height)?);
    path.finish()
}
