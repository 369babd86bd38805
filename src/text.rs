//! Making untrusted text safe to show.
//!
//! Every string from a pack file or from the user is untrusted. Before it reaches a terminal, a
//! log, an error message or an export, it goes through one of these functions, so that no
//! control character, terminal escape sequence or bidirectional override is ever live.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for characters that must never reach an output raw: C0 and C1 controls (other than
/// newline and tab), DEL, and the Unicode bidirectional controls that can reorder what a reader
/// sees (the "Trojan Source" characters).
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
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
    fn sanitize_drops_unsafe_keeps_newlines() {
        assert_eq!(
            sanitize("a\u{1b}[31mb\nc\u{9b}d\u{2067}e\u{7f}"),
            "a[31mb\ncde"
        );
        assert_eq!(sanitize_line(" a\n b\tc "), "a b c");
    }
}
