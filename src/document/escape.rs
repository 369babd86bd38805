//! Escaping for the markup languages the writers speak: HTML (element content and quoted
//! attribute values), XML attribute values (the Word writer's, which docx-rs writes as given)
//! and Markdown (so that text renders as itself in any `CommonMark` viewer, GitHub's tables and
//! autolinks included).
//!
//! Text reaches these functions already clean ([`crate::text::Clean`]: no control, bidi or
//! invisible character); they only escape for their language, once.

/// Escapes text for HTML element content and quoted attribute values (`& < > " '`).
pub(crate) fn html(s: &str) -> String {
    entities(s, "&#39;")
}

/// Escapes text for a quoted XML attribute value (`& < > " '`).
pub(crate) fn xml_attr(s: &str) -> String {
    entities(s, "&apos;")
}

/// `s` with the five characters markup acts on written as entities, the apostrophe as
/// `apostrophe` (HTML 4 has no `&apos;`; XML has).
fn entities(s: &str, apostrophe: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text so that it renders literally within a line of Markdown: folded to one line
/// (a line break in the text could start a heading, list, fence or table row), and every
/// character that Markdown or its common extensions would act on backslash-escaped.
pub(crate) fn markdown(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            // Inline syntax: escapes, code, emphasis, links and images, raw HTML and entities,
            // headings, tables, strikethrough, math, e-mail autolinks.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' | '&' | '$'
            | '@' => true,
            // A URL scheme (`javascript:`, `https://`): escaping the colon stops autolinks.
            ':' => {
                i > 0
                    && chars[i - 1].is_ascii_alphabetic()
                    && chars.get(i + 1).is_some_and(|n| !n.is_whitespace())
            }
            // `www.` starts an extended autolink.
            '.' => {
                i >= 3
                    && chars[i - 3..i]
                        .iter()
                        .collect::<String>()
                        .eq_ignore_ascii_case("www")
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`markdown`] for text that starts a line (or follows a list or quote marker), where `-`,
/// `+`, `=` and `1.` would start a block.
pub(crate) fn markdown_line_start(s: &str) -> String {
    let escaped = markdown(s);
    let at = if escaped.starts_with(['-', '+', '=']) {
        Some(0)
    } else {
        escaped
            .find(['.', ')'])
            .filter(|&at| at > 0 && escaped[..at].bytes().all(|b| b.is_ascii_digit()))
    };
    match at {
        Some(at) => format!("{}\\{}", &escaped[..at], &escaped[at..]),
        None => escaped,
    }
}

#[cfg(test)]
mod tests {
    use super::{html, markdown as esc, markdown_line_start as esc_start};

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            html("<a href='x' title=\"y\">&amp;</a>"),
            "&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn markdown_escapes_active_characters() {
        assert_eq!(
            esc("[x](javascript:alert(1))"),
            "\\[x\\](javascript\\:alert(1))"
        );
        assert_eq!(esc("<script>"), "\\<script\\>");
        assert_eq!(
            esc("# a | b *c* _d_ `e`"),
            "\\# a \\| b \\*c\\* \\_d\\_ \\`e\\`"
        );
        assert_eq!(esc("&amp;"), "\\&amp;");
        assert_eq!(esc_start("- item"), "\\- item");
        assert_eq!(esc_start("12. item"), "12\\. item");
        assert_eq!(esc_start("3) item"), "3\\) item");
        assert_eq!(esc_start("1991 was"), "1991 was");
        assert_eq!(esc("version 1.0.0 - x"), "version 1.0.0 - x");
        assert_eq!(esc("2000-01-01T00:00:00Z"), "2000-01-01T00:00:00Z");
        assert_eq!(esc("see www.example.com"), "see www\\.example.com");
        assert_eq!(esc("https://x"), "https\\://x");
        assert_eq!(esc("Note: 502 U.S. 9"), "Note: 502 U.S. 9");
        assert_eq!(esc("a\nb"), "a b");
    }
}
