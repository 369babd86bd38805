//! Big letters for presenter mode, readable from the back of a room: a 5-row pixel font (3
//! pixels wide, 5 for M and W) drawn with half blocks, each pixel two columns wide, so a letter
//! is 6 columns by 3 rows (10 for M and W). It does
//! what the `tui-big-text` crate did here for a few dozen lines, without its ten crates.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Columns between two letters.
const GAP: u16 = 2;

/// The font: each character's five rows of three pixels, the high bit on the left (M and W,
/// which three pixels cannot tell from H and U, are in [`WIDE`]).
const FONT: &[(char, [u8; 5])] = &[
    ('A', [0b010, 0b101, 0b111, 0b101, 0b101]),
    ('B', [0b110, 0b101, 0b110, 0b101, 0b110]),
    ('C', [0b011, 0b100, 0b100, 0b100, 0b011]),
    ('D', [0b110, 0b101, 0b101, 0b101, 0b110]),
    ('E', [0b111, 0b100, 0b110, 0b100, 0b111]),
    ('F', [0b111, 0b100, 0b110, 0b100, 0b100]),
    ('G', [0b011, 0b100, 0b101, 0b101, 0b011]),
    ('H', [0b101, 0b101, 0b111, 0b101, 0b101]),
    ('I', [0b111, 0b010, 0b010, 0b010, 0b111]),
    ('J', [0b001, 0b001, 0b001, 0b101, 0b010]),
    ('K', [0b101, 0b101, 0b110, 0b101, 0b101]),
    ('L', [0b100, 0b100, 0b100, 0b100, 0b111]),
    ('N', [0b110, 0b101, 0b101, 0b101, 0b101]),
    ('O', [0b010, 0b101, 0b101, 0b101, 0b010]),
    ('P', [0b110, 0b101, 0b110, 0b100, 0b100]),
    ('Q', [0b010, 0b101, 0b101, 0b110, 0b011]),
    ('R', [0b110, 0b101, 0b110, 0b101, 0b101]),
    ('S', [0b011, 0b100, 0b010, 0b001, 0b110]),
    ('T', [0b111, 0b010, 0b010, 0b010, 0b010]),
    ('U', [0b101, 0b101, 0b101, 0b101, 0b111]),
    ('V', [0b101, 0b101, 0b101, 0b101, 0b010]),
    ('X', [0b101, 0b101, 0b010, 0b101, 0b101]),
    ('Y', [0b101, 0b101, 0b010, 0b010, 0b010]),
    ('Z', [0b111, 0b001, 0b010, 0b100, 0b111]),
    ('0', [0b111, 0b101, 0b101, 0b101, 0b111]),
    ('1', [0b010, 0b110, 0b010, 0b010, 0b111]),
    ('2', [0b110, 0b001, 0b010, 0b100, 0b111]),
    ('3', [0b110, 0b001, 0b010, 0b001, 0b110]),
    ('4', [0b101, 0b101, 0b111, 0b001, 0b001]),
    ('5', [0b111, 0b100, 0b110, 0b001, 0b110]),
    ('6', [0b011, 0b100, 0b110, 0b101, 0b010]),
    ('7', [0b111, 0b001, 0b010, 0b010, 0b010]),
    ('8', [0b010, 0b101, 0b010, 0b101, 0b010]),
    ('9', [0b010, 0b101, 0b011, 0b001, 0b110]),
    (' ', [0, 0, 0, 0, 0]),
    ('-', [0, 0, 0b111, 0, 0]),
    ('.', [0, 0, 0, 0, 0b010]),
    (',', [0, 0, 0, 0b010, 0b100]),
    (':', [0, 0b010, 0, 0b010, 0]),
    ('\'', [0b010, 0b010, 0, 0, 0]),
    ('/', [0b001, 0b001, 0b010, 0b100, 0b100]),
    ('(', [0b010, 0b100, 0b100, 0b100, 0b010]),
    (')', [0b010, 0b001, 0b001, 0b001, 0b010]),
    ('&', [0b010, 0b101, 0b010, 0b101, 0b011]),
    ('?', [0b110, 0b001, 0b010, 0, 0b010]),
];

/// The letters five pixels wide.
const WIDE: &[(char, [u8; 5])] = &[
    ('M', [0b10001, 0b11011, 0b10101, 0b10001, 0b10001]),
    ('W', [0b10001, 0b10001, 0b10101, 0b11011, 0b10001]),
];

/// One line of big letters (upper-cased; a character the font lacks is drawn as `?`).
#[derive(Debug, Clone)]
pub struct BigText<'a> {
    text: &'a str,
    style: Style,
}

impl<'a> BigText<'a> {
    /// `text` in big letters, in `style`.
    pub fn new(text: &'a str, style: Style) -> Self {
        Self { text, style }
    }
}

/// The pixels of `c` and how many there are in a row.
fn glyph(c: char) -> ([u8; 5], u16) {
    let c = c.to_ascii_uppercase();
    if let Some((_, rows)) = WIDE.iter().find(|(k, _)| *k == c) {
        return (*rows, 5);
    }
    let rows = FONT
        .iter()
        .find(|(k, _)| *k == c)
        .or_else(|| FONT.iter().find(|(k, _)| *k == '?'))
        .map_or([0; 5], |(_, rows)| *rows);
    (rows, 3)
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut x = area.x;
        for c in self.text.chars() {
            let (rows, pixels) = glyph(c);
            // Five pixel rows in three terminal rows: each cell shows an upper and a lower pixel.
            for (line, pair) in [(0, 1), (2, 3), (4, 5)].into_iter().enumerate() {
                let y = area.y + u16::try_from(line).unwrap_or(0);
                if y >= area.bottom() {
                    break;
                }
                let top = rows[pair.0];
                let bottom = rows.get(pair.1).copied().unwrap_or(0);
                for bit in 0..pixels {
                    let mask = 1 << (pixels - 1 - bit);
                    let symbol = match (top & mask != 0, bottom & mask != 0) {
                        (true, true) => "█",
                        (true, false) => "▀",
                        (false, true) => "▄",
                        (false, false) => " ",
                    };
                    for half in 0..2 {
                        let cx = x + bit * 2 + half;
                        if cx < area.right() {
                            buf[(cx, y)].set_symbol(symbol).set_style(self.style);
                        }
                    }
                }
            }
            x = x.saturating_add(pixels * 2 + GAP);
            if x >= area.right() {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: u16) -> Vec<String> {
        let area = Rect::new(0, 0, width, 3);
        let mut buf = Buffer::empty(area);
        BigText::new(text, Style::default()).render(area, &mut buf);
        (0..3)
            .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn letters_are_three_rows_of_half_blocks_and_m_is_wide() {
        // A is 6 columns, then a gap of 2, then M's 10.
        assert_eq!(
            rows("am", 18),
            [
                "▄▄▀▀▄▄  ██▄▄  ▄▄██",
                "██▀▀██  ██  ▀▀  ██",
                "▀▀  ▀▀  ▀▀      ▀▀",
            ]
        );
    }

    #[test]
    fn a_character_the_font_lacks_is_a_question_mark_and_the_area_clips() {
        assert_eq!(rows("§", 6), rows("?", 6));
        assert_eq!(rows("ABCDEFGH", 10)[0].chars().count(), 10);
    }
}
