//! Markdown rendering: the conclusion first, then the reasoning chain as a numbered list,
//! excerpts as block quotes with their citations and status badges, a table of authorities
//! with each status's history, and the provenance.
//!
//! Pack text is untrusted. Each string is sanitised, folded into paragraphs of one line (so a
//! line break in the pack can never start a heading, list, fence or table row), and every
//! character that Markdown or its common extensions (GitHub's tables and autolinks) would act on
//! is backslash-escaped, so pack text cannot make links, images, raw HTML, emphasis, code or
//! tables. The result renders as the literal text in any `CommonMark` viewer.

use std::fmt::Write as _;

use super::{
    CitedAuthority, FactPatternComparison, Report, comparison_words, excerpt_badges, paragraphs,
    provenance_fields, subtitle,
};

/// Renders the report as Markdown: the conclusion first (outcome, title, summary, the
/// fact-pattern comparison, the reasoning), then the reasoning chain, the table of authorities
/// and the provenance.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let c = &report.conclusion;
    let _ = writeln!(out, "# {}\n", esc(&c.title));
    let _ = writeln!(out, "*{}*\n", esc(&subtitle(report)));
    let _ = writeln!(out, "**Outcome: {}**\n", esc(&c.outcome_label));
    block(&mut out, "", None, &c.summary);
    if let Some(f) = &report.fact_pattern {
        fact_pattern(&mut out, f);
    }
    out.push_str("## Why\n\n");
    block(&mut out, "", None, &c.reasoning);
    if !c.caveats.is_empty() {
        out.push_str("### Caveats\n\n");
        for caveat in &c.caveats {
            let _ = writeln!(out, "- {}", esc_start(caveat));
        }
        out.push('\n');
    }
    if !c.authorities.is_empty() {
        out.push_str("### Controlling authorities\n\n");
        authorities(&mut out, "", &c.authorities);
    }
    block(&mut out, "> ", Some("**Disclaimer:** "), &report.disclaimer);

    out.push_str("## Reasoning chain\n\n");
    for step in &report.path {
        let number = format!("{}. ", step.number);
        let indent = " ".repeat(number.len());
        let _ = writeln!(out, "{number}**{}**\n", esc(&step.prompt));
        let _ = writeln!(out, "{indent}**Answer:** {}\n", esc(&step.label));
        if let Some(note) = &step.note {
            block(&mut out, &indent, Some("**Note:** "), note);
        }
        if !step.authorities.is_empty() {
            let _ = writeln!(out, "{indent}**Authorities:**\n");
            authorities(&mut out, &indent, &step.authorities);
        }
        block(
            &mut out,
            &indent,
            Some("**Why this question is asked:** "),
            &step.why,
        );
        for e in &step.excerpts {
            let quote = format!("{indent}> ");
            block_lines(&mut out, &quote, &e.quote);
            let _ = writeln!(out, "{indent}>");
            let _ = writeln!(
                out,
                "{indent}> \u{2014} {} **{}**\n",
                esc(&e.citation),
                esc(&excerpt_badges(e))
            );
        }
    }

    out.push_str("## Table of authorities\n\n");
    out.push_str("| Authority | Status | History |\n| --- | --- | --- |\n");
    for t in &report.authorities {
        let _ = writeln!(
            out,
            "| {} | **{}** | {} |",
            esc(&t.citation),
            esc(&t.status_label),
            t.history.as_deref().map(esc).unwrap_or_default()
        );
    }
    out.push_str("\n---\n\n**Provenance**\n\n");
    for (label, value) in provenance_fields(report) {
        let _ = writeln!(out, "- {label}: {}", esc(&value));
    }
    out
}

/// The fact-pattern comparison: verdict, where the path left the court's, the holding.
fn fact_pattern(out: &mut String, f: &FactPatternComparison) {
    let _ = writeln!(out, "## Fact pattern: {}\n", esc(&f.title));
    let words = comparison_words(f);
    let _ = writeln!(out, "**{}**\n", esc(&words.verdict));
    let _ = writeln!(out, "{}\n", esc_start(&words.path));
    block(out, "", Some("**What the court held:** "), &f.holding);
    match &f.authority {
        Some(a) => {
            let _ = writeln!(
                out,
                "\u{2014} {} **{}**\n",
                esc(&f.citation),
                esc(&a.status_label)
            );
        }
        None => {
            let _ = writeln!(out, "\u{2014} {}\n", esc(&f.citation));
        }
    }
    block(out, "", Some("**The facts:** "), &f.facts);
}

/// A bulleted list of authorities, each with its status badge beside it.
fn authorities(out: &mut String, indent: &str, list: &[CitedAuthority]) {
    for a in list {
        let _ = writeln!(
            out,
            "{indent}- {} **{}**",
            esc_start(&a.citation),
            esc(&a.status_label)
        );
    }
    out.push('\n');
}

/// Untrusted text as paragraphs, each line starting with `prefix`, the first paragraph led by
/// `lead` (trusted Markdown). Ends with a blank line.
fn block(out: &mut String, prefix: &str, lead: Option<&str>, text: &str) {
    let paras = paragraphs(text);
    if paras.is_empty() {
        if let Some(lead) = lead {
            let _ = writeln!(out, "{prefix}{}\n", lead.trim_end());
        }
        return;
    }
    for (i, p) in paras.iter().enumerate() {
        let lead = if i == 0 { lead.unwrap_or("") } else { "" };
        if i > 0 {
            // Inside a block quote the line between paragraphs keeps the quote marker.
            let _ = writeln!(out, "{}", prefix.trim_end());
        }
        let text = if lead.is_empty() {
            esc_start(p)
        } else {
            esc(p)
        };
        let _ = writeln!(out, "{prefix}{lead}{text}");
    }
    out.push('\n');
}

/// Like [`block`] without the closing blank line: for a quote followed by its citation.
fn block_lines(out: &mut String, prefix: &str, text: &str) {
    let paras = paragraphs(text);
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "{}", prefix.trim_end());
        }
        let _ = writeln!(out, "{prefix}{}", esc_start(p));
    }
}

/// Escapes one line of untrusted text that starts a line (or follows a list or quote marker),
/// where `-`, `+`, `=` and `1.` would start a block.
fn esc_start(s: &str) -> String {
    let escaped = esc(s);
    let starts_block = escaped.starts_with(['-', '+', '='])
        || escaped
            .find(['.', ')'])
            .is_some_and(|at| at > 0 && escaped[..at].bytes().all(|b| b.is_ascii_digit()));
    if !starts_block {
        return escaped;
    }
    let at = if escaped.starts_with(['-', '+', '=']) {
        0
    } else {
        escaped.find(['.', ')']).unwrap_or(0)
    };
    format!("{}\\{}", &escaped[..at], &escaped[at..])
}

/// Escapes one line of untrusted text so that it renders literally within a line.
pub(crate) fn esc(s: &str) -> String {
    let s = super::one_line(s);
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

#[cfg(test)]
mod tests {
    use super::{esc, esc_start};

    #[test]
    fn escapes_active_characters() {
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
