//! A list of items of varying height (the map, the review) drawn from a first item down, so
//! a frame builds and wraps only the items it shows: moving through a 100,000-question map
//! costs what one screen of it costs.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::common::{Canvas, scrollbar, text_width};

/// Draws items from `top` into `inner`, first moving `top` just enough that `selected` shows
/// whole (when it fits at all). `item(i, width)` wraps item `i`. Records the first item drawn
/// and the page size in the plan. Returns each item drawn with its first row and row count.
pub fn render<F>(
    c: &mut Canvas<'_>,
    inner: Rect,
    count: usize,
    selected: usize,
    top: usize,
    item: F,
) -> Vec<(usize, usize, usize)>
where
    F: Fn(usize, usize) -> Vec<Line<'static>>,
{
    let mut drawn = Vec::new();
    if count == 0 || inner.width < 3 || inner.height == 0 {
        return drawn;
    }
    let max = text_width(inner);
    let height = usize::from(inner.height);
    let selected = selected.min(count - 1);
    let mut top = top.min(selected);
    // Walk back from the selection while the items still fit: the earliest first item that
    // keeps the selection in view. Bounded by one screen of items.
    let mut used = item(selected, max).len();
    let mut earliest = selected;
    while earliest > top {
        let h = item(earliest - 1, max).len();
        if used + h > height {
            break;
        }
        used += h;
        earliest -= 1;
    }
    top = top.max(earliest);
    let mut lines: Vec<Line<'static>> = Vec::with_capacity(height);
    let mut whole = 0;
    let mut i = top;
    while i < count && lines.len() < height {
        let item_lines = item(i, max);
        if lines.len() + item_lines.len() <= height {
            whole += 1;
        }
        drawn.push((i, lines.len(), item_lines.len().min(height - lines.len())));
        lines.extend(item_lines);
        i += 1;
    }
    lines.truncate(height);
    c.plan.list_top = top;
    c.plan.list_page = whole.max(1);
    c.draw(Paragraph::new(lines), inner);
    if count > 1 && (top > 0 || i < count) {
        scrollbar(c, inner, count, top, whole.max(1));
    }
    drawn
}
