//! Word wrapping of styled text into lines of a known width.
//!
//! The TUI wraps text itself (rather than letting `Paragraph` wrap) so that it knows how many
//! lines a panel holds: that is what clamps scrolling and sizes the scrollbar. Every segment is
//! sanitised here, so no pack text reaches a cell without passing through `crate::text`.
//!
//! Wrapping is the largest part of drawing a frame (grapheme walks, sanitising, measuring), and
//! most of what a frame wraps is the same as the frame before (the pack's title, a prompt, a
//! why-text, an excerpt). So [`wrap`] keeps the lines it made, per text, style, width and indent,
//! in a small per-thread cache: a key press redraws from it, and a resize or a new text wraps
//! afresh. The cache is emptied when it grows past [`CACHE_ENTRIES`], so memory stays bounded.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// One run of text in one style.
pub type Segment = (String, Style);

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// A word: adjacent runs with no white space between them, so "REVERSED," stays whole.
type Unit = Vec<(String, Style)>;

/// Lays words out into lines as they come. Memory stays a small multiple of the text: words are
/// placed one at a time (no token list of the whole text), and a word in the same style as the
/// run before it is appended to that run's span, so a line of plain prose is one span rather
/// than a span per word and per space. (A 20 MB pack description on the start screen took 1.3
/// GB with a span per word.)
struct Layout {
    max: usize,
    indent: usize,
    lines: Vec<Line<'static>>,
    spans: Vec<Span<'static>>,
    used: usize,
    empty: bool,
    pending_space: bool,
}

impl Layout {
    fn new(max: usize, indent: usize) -> Self {
        Self {
            max,
            indent,
            lines: Vec::new(),
            spans: vec![Span::raw(" ".repeat(indent))],
            used: indent,
            empty: true,
            pending_space: false,
        }
    }

    fn new_line(&mut self) {
        let next = vec![Span::raw(" ".repeat(self.indent))];
        self.lines
            .push(Line::from(std::mem::replace(&mut self.spans, next)));
        self.used = self.indent;
        self.empty = true;
    }

    fn space(&mut self) {
        self.pending_space = !self.empty;
    }

    fn hard_break(&mut self) {
        self.new_line();
        self.pending_space = false;
    }

    /// Appends `text` in `style`: to the last span when it has that style (and is not the
    /// indent), else as a new span.
    fn push(&mut self, text: &str, style: Style) {
        let after_indent = self.spans.len() > 1;
        match self.spans.last_mut() {
            Some(last) if after_indent && last.style == style => {
                last.content.to_mut().push_str(text);
            }
            _ => self.spans.push(Span::styled(text.to_owned(), style)),
        }
    }

    fn unit(&mut self, unit: &Unit) {
        let w: usize = unit.iter().map(|(t, _)| width(t)).sum();
        let gap = usize::from(self.pending_space);
        if !self.empty && self.used + gap + w > self.max {
            self.new_line();
        } else if gap == 1 {
            // The space takes the style of the word after it when that continues the run.
            let style = match (self.spans.last(), unit.first()) {
                (Some(last), Some((_, next))) if last.style == *next => *next,
                _ => Style::default(),
            };
            self.push(" ", style);
            self.used += 1;
        }
        self.pending_space = false;
        for (text, style) in unit {
            // A word longer than the line is cut into pieces that fit.
            let mut piece = String::new();
            let mut piece_width = 0;
            for c in text.chars() {
                let cw = width(c.encode_utf8(&mut [0; 4]));
                if self.used + piece_width + cw > self.max && (!piece.is_empty() || !self.empty) {
                    if !piece.is_empty() {
                        self.push(&piece, *style);
                        piece.clear();
                        piece_width = 0;
                    }
                    self.new_line();
                }
                piece.push(c);
                piece_width += cw;
            }
            if !piece.is_empty() {
                self.used += piece_width;
                self.push(&piece, *style);
                self.empty = false;
            }
        }
    }

    fn finish(mut self) -> Vec<Line<'static>> {
        if !self.empty || self.lines.is_empty() {
            self.lines.push(Line::from(self.spans));
        }
        self.lines
    }
}

/// How many wrapped texts the cache keeps before it starts again: a few screens' worth.
pub const CACHE_ENTRIES: usize = 512;

/// A wrapped text: what it was made from (compared in full on a hit, so two texts with one
/// hash never share lines) and the lines.
struct Wrapped {
    segments: Vec<Segment>,
    max: usize,
    indent: usize,
    lines: Vec<Line<'static>>,
}

thread_local! {
    static CACHE: RefCell<HashMap<u64, Wrapped>> = RefCell::new(HashMap::new());
}

/// Wraps styled text to `max` cells per line, each line starting with `indent` spaces (the
/// first line included). Newlines in the text are hard breaks; runs of spaces fold to one.
/// Remembers the result ([`CACHE_ENTRIES`]): wrapping the same text at the same width again is
/// a copy of the lines.
pub fn wrap(segments: &[Segment], max: usize, indent: usize) -> Vec<Line<'static>> {
    let mut hasher = DefaultHasher::new();
    segments.hash(&mut hasher);
    max.hash(&mut hasher);
    indent.hash(&mut hasher);
    let key = hasher.finish();
    let hit = CACHE.with_borrow(|cache| {
        cache
            .get(&key)
            .filter(|w| w.max == max && w.indent == indent && w.segments == segments)
            .map(|w| w.lines.clone())
    });
    if let Some(lines) = hit {
        return lines;
    }
    let lines = wrap_afresh(segments, max, indent);
    CACHE.with_borrow_mut(|cache| {
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(
            key,
            Wrapped {
                segments: segments.to_vec(),
                max,
                indent,
                lines: lines.clone(),
            },
        );
    });
    lines
}

/// [`wrap`] without the cache.
fn wrap_afresh(segments: &[Segment], max: usize, indent: usize) -> Vec<Line<'static>> {
    let mut layout = Layout::new(max.max(indent + 1), indent);
    let mut unit: Unit = Vec::new();
    for (text, style) in segments {
        let mut word = String::new();
        for c in text.chars() {
            if c == '\n' || c.is_whitespace() {
                if !word.is_empty() {
                    unit.push((std::mem::take(&mut word), *style));
                }
                if !unit.is_empty() {
                    layout.unit(&unit);
                    unit.clear();
                }
                if c == '\n' {
                    layout.hard_break();
                } else {
                    layout.space();
                }
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            unit.push((word, *style));
        }
    }
    if !unit.is_empty() {
        layout.unit(&unit);
    }
    layout.finish()
}

/// Wraps with a hanging indent as wide as `prefix`, which starts the first line: list markers
/// ("▶ 1. ", "• ") stay clear of the wrapped text below them.
pub fn prefixed(prefix: Segment, segments: &[Segment], max: usize) -> Vec<Line<'static>> {
    let indent = width(&prefix.0);
    let mut lines = wrap(segments, max, indent);
    if let Some(pad) = lines.first_mut().and_then(|first| first.spans.first_mut()) {
        *pad = Span::styled(prefix.0, prefix.1);
    }
    lines
}

/// Folds clean text to one line: the one [`crate::text::one_line`].
pub use crate::text::one_line;

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn the_cache_gives_the_same_lines_as_wrapping_afresh_and_tells_texts_apart() {
        let style = Style::default();
        let text = "The same words wrapped twice at one width, then at another.";
        for max in [10, 24, 10, 7] {
            let segments = [(text.to_owned(), style)];
            assert_eq!(wrap(&segments, max, 2), wrap_afresh(&segments, max, 2));
            assert_eq!(wrap(&segments, max, 2), wrap_afresh(&segments, max, 2));
        }
        // Another text, style or indent is another entry.
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        assert_eq!(
            wrap(&[(text.to_owned(), bold)], 10, 0),
            wrap_afresh(&[(text.to_owned(), bold)], 10, 0)
        );
        assert_ne!(
            plain(&wrap(&[("one two".into(), style)], 10, 0)),
            plain(&wrap(&[("one two".into(), style)], 10, 3))
        );
        // Past the bound the cache starts again, and still answers right.
        for i in 0..=CACHE_ENTRIES {
            let _ = wrap(&[(format!("text {i}"), style)], 20, 0);
        }
        assert!(CACHE.with_borrow(HashMap::len) <= CACHE_ENTRIES);
        assert_eq!(plain(&wrap(&[("text 3".into(), style)], 20, 0)), ["text 3"]);
    }

    #[test]
    fn wraps_at_word_boundaries_with_indent() {
        let lines = wrap(&[("one two three four".into(), Style::default())], 10, 2);
        assert_eq!(plain(&lines), ["  one two", "  three", "  four"]);
    }

    #[test]
    fn breaks_long_words_and_honours_newlines() {
        let lines = wrap(&[("abcdefghij\nxy".into(), Style::default())], 4, 0);
        assert_eq!(plain(&lines), ["abcd", "efgh", "ij", "xy"]);
    }

    #[test]
    fn clean_text_is_laid_out_as_it_is() {
        // Wrapping does not clean: text reaches it as text::Clean, made where it was read.
        let clean = crate::text::Clean::new("a\u{1b}[31mb \u{202e}c");
        let lines = wrap(&[(clean.into_string(), Style::default())], 20, 0);
        assert_eq!(plain(&lines), ["a[31mb c"]);
    }

    #[test]
    fn a_run_in_one_style_is_one_span_per_line() {
        let text = "lorem ipsum dolor ".repeat(2_000);
        let style = Style::default().fg(ratatui::style::Color::Green);
        let lines = wrap(&[(text, style)], 40, 2);
        assert!(lines.len() > 100);
        for line in &lines {
            // The indent, then the text.
            assert_eq!(line.spans.len(), 2, "{line:?}");
            assert_eq!(line.spans[1].style, style);
        }
    }

    #[test]
    fn style_changes_start_new_spans_and_spaces_between_styles_stay_plain() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap(
            &[
                ("one two ".into(), Style::default()),
                ("three four".into(), bold),
            ],
            80,
            0,
        );
        let spans: Vec<(&str, Style)> = lines[0]
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style))
            .collect();
        assert_eq!(
            spans,
            [
                ("", Style::default()),
                ("one two ", Style::default()),
                ("three four", bold)
            ]
        );
    }
}
