//! Word wrapping of styled text into lines of a known width.
//!
//! The TUI wraps text itself (rather than letting `Paragraph` wrap) so that it knows how many
//! lines a panel holds: that is what clamps scrolling and sizes the scrollbar. Every segment is
//! sanitised here, so no pack text reaches a cell without passing through `crate::text`.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::sanitize;

/// One run of text in one style.
pub type Segment = (String, Style);

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Display width of one character (control characters, already filtered, count as 0).
fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// A word: adjacent runs with no white space between them, so "REVERSED," stays whole.
type Unit = Vec<(String, Style)>;

enum Token {
    Unit(Unit),
    Space,
    Break,
}

fn tokenize(segments: &[Segment]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut unit: Unit = Vec::new();
    let flush = |unit: &mut Unit, tokens: &mut Vec<Token>| {
        if !unit.is_empty() {
            tokens.push(Token::Unit(std::mem::take(unit)));
        }
    };
    for (text, style) in segments {
        let text = sanitize(text);
        let mut word = String::new();
        for c in text.chars() {
            if c == '\n' || c.is_whitespace() {
                if !word.is_empty() {
                    unit.push((std::mem::take(&mut word), *style));
                }
                flush(&mut unit, &mut tokens);
                tokens.push(if c == '\n' {
                    Token::Break
                } else {
                    Token::Space
                });
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            unit.push((word, *style));
        }
    }
    flush(&mut unit, &mut tokens);
    tokens
}

/// Wraps styled text to `max` cells per line, each line starting with `indent` spaces (the
/// first line included). Newlines in the text are hard breaks; runs of spaces fold to one.
pub fn wrap(segments: &[Segment], max: usize, indent: usize) -> Vec<Line<'static>> {
    let max = max.max(indent + 1);
    let pad = " ".repeat(indent);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut spans: Vec<Span<'static>> = vec![Span::raw(pad.clone())];
    let mut used = indent;
    let mut empty = true;
    let mut pending_space = false;
    let new_line = |spans: &mut Vec<Span<'static>>,
                    lines: &mut Vec<Line<'static>>,
                    used: &mut usize,
                    empty: &mut bool| {
        lines.push(Line::from(std::mem::replace(
            spans,
            vec![Span::raw(pad.clone())],
        )));
        *used = indent;
        *empty = true;
    };
    for token in tokenize(segments) {
        match token {
            Token::Space => pending_space = !empty,
            Token::Break => {
                new_line(&mut spans, &mut lines, &mut used, &mut empty);
                pending_space = false;
            }
            Token::Unit(unit) => {
                let w: usize = unit.iter().map(|(t, _)| width(t)).sum();
                let gap = usize::from(pending_space);
                if !empty && used + gap + w > max {
                    new_line(&mut spans, &mut lines, &mut used, &mut empty);
                } else if gap == 1 {
                    spans.push(Span::raw(" "));
                    used += 1;
                }
                pending_space = false;
                for (text, style) in unit {
                    if used + width(&text) <= max {
                        used += width(&text);
                        spans.push(Span::styled(text, style));
                        empty = false;
                        continue;
                    }
                    // A word longer than the line is cut into pieces that fit (widths summed
                    // as it goes: linear in the word's length).
                    let mut piece = String::new();
                    let mut piece_width = 0;
                    for c in text.chars() {
                        let cw = char_width(c);
                        if used + piece_width + cw > max && (!piece.is_empty() || !empty) {
                            if !piece.is_empty() {
                                spans.push(Span::styled(std::mem::take(&mut piece), style));
                            }
                            new_line(&mut spans, &mut lines, &mut used, &mut empty);
                            piece_width = 0;
                        }
                        piece.push(c);
                        piece_width += cw;
                    }
                    if !piece.is_empty() {
                        used += piece_width;
                        spans.push(Span::styled(piece, style));
                        empty = false;
                    }
                }
            }
        }
    }
    if !empty || lines.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
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
    fn drops_control_and_bidi_characters() {
        let lines = wrap(
            &[("a\u{1b}[31mb \u{202e}c".into(), Style::default())],
            20,
            0,
        );
        assert_eq!(plain(&lines), ["a[31mb c"]);
    }
}
