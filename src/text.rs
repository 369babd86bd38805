//! Making untrusted text safe to show.
//!
//! Every string from a pack file or from the user is untrusted. Before it reaches a terminal, a
//! log, an error message or an export, it goes through one of these functions, so that no
//! control character, terminal escape sequence or bidirectional override is ever live.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for characters that must never reach an output raw: C0 and C1 controls (other than
/// newline and tab; U+0085 NEL included), DEL, the Unicode bidirectional controls that can
/// reorder what a reader sees (the "Trojan Source" characters), and invisible or format
/// characters that make two different strings look the same ([`is_invisible`]).
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) || is_invisible(c)
}

/// Invisible and format characters: zero-width spaces and joiners, the word joiner and the
/// other invisible operators, the byte-order mark, the soft hyphen, the Hangul fillers,
/// variation selectors, tag characters, interlinear annotation marks, the line and paragraph
/// separators (which some terminals treat as line breaks) and the rest of Unicode's format
/// (Cf) category. None of them belongs in an id, and in text they only hide what it says.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2028}'..='\u{2029}'
            | '\u{2060}'..='\u{2065}'
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// True when `s` shows nothing: empty, or only white space and invisible characters.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// The Unicode bidirectional formatting characters.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// For error messages and diagnostics: unsafe characters are shown escaped (`\u{1b}`), so the
/// user can see what is wrong without the terminal acting on it.
pub fn escape_for_display(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| is_unsafe_char(c) || c == '\n' || c == '\t')
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// For display and exports: unsafe characters are dropped (tabs become spaces); newlines stay.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe_char(c) || c == '\t') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\t' => Some(' '),
                c if is_unsafe_char(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// Like [`sanitize`], and newlines folded to spaces: for one-line labels and file names.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(escape_for_display("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_for_display("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape_for_display("plain"), "plain");
        assert_eq!(escape_for_display("two\nlines"), "two\\nlines");
    }

    #[test]
    fn invisible_and_format_characters_are_unsafe() {
        for c in [
            '\u{200B}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{3164}',
            '\u{0085}',
            '\u{2028}',
            '\u{E0041}',
            '\u{202E}',
            '\u{2066}',
        ] {
            assert!(is_unsafe_char(c), "{:x}", c as u32);
            assert_eq!(sanitize(&format!("a{c}b")), "ab");
            assert_eq!(
                escape_for_display(&format!("a{c}b")),
                format!("a\\u{{{:x}}}b", c as u32)
            );
        }
        for c in [
            'a', 'é', '\u{3000}', '§', '\u{2014}', '\u{201C}', '\u{4E2D}',
        ] {
            assert!(!is_unsafe_char(c), "{:x}", c as u32);
        }
        assert!(is_blank("\u{200B}"));
        assert!(is_blank(" \u{3164}\u{FEFF} "));
        assert!(!is_blank("\u{200B}x"));
    }

    #[test]
    fn sanitize_drops_unsafe_keeps_newlines() {
        assert_eq!(
            sanitize("a\u{1b}[31mb\nc\u{9b}d\u{2067}e\u{7f}"),
            "a[31mb\ncde"
        );
        assert_eq!(sanitize_line(" a\n b\tc "), "a b c");
    }
}
