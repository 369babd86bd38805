//! HTML rendering: one self-contained HTML5 file, readable on screen and on paper.
//!
//! The file carries its CSS inline and nothing else: no scripts, no external resources (a
//! Content-Security-Policy forbids both, as a second line of defence). Status is shown in words
//! beside every citation, with colour only as an aid. A print stylesheet starts each section on
//! a new page and drops backgrounds. Every string from the pack is sanitised and then escaped
//! (`& < > " '`), so pack text is never markup.

use std::fmt::Write as _;

use super::{CitedAuthority, Report, header_fields, paragraphs};
use crate::pack::Status;

/// The stylesheet: screen first, then print.
const CSS: &str = r"
:root { color-scheme: light; }
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.5; color: #1a1a1a;
  background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.35rem; border-bottom: 1px solid #999; padding-bottom: 0.2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.5rem; }
.subtitle { margin-top: 0; color: #444; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; font-size: 0.9rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.disclaimer { border: 2px solid #555; padding: 0.5rem 1rem; margin: 1.5rem 0; }
ol.chain > li { margin-bottom: 1.8rem; padding-left: 0.3rem; }
figure.excerpt { margin: 0.8rem 0 0.8rem 1rem; }
blockquote { margin: 0; padding-left: 1rem; border-left: 4px solid #999; font-style: italic; }
figcaption { font-size: 0.9rem; margin-top: 0.3rem; padding-left: 1rem; }
cite { font-style: normal; }
.status { font-family: 'Helvetica Neue', Arial, sans-serif; font-size: 0.8rem; font-weight: bold;
  letter-spacing: 0.03em; border: 1px solid currentColor; border-radius: 3px; padding: 0 0.3rem;
  white-space: nowrap; }
.status-good-law { color: #155724; }
.status-reversed { color: #8b0000; border-width: 2px; }
.status-overruled-in-part, .status-superseded-in-part { color: #7a3e00; }
.status-caution { color: #665200; }
.history { font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; color: #000; background: #fff; }
  * { background: transparent !important; box-shadow: none !important; }
  section { break-before: page; }
  header + main > section:first-child { break-before: auto; }
  h2, h3 { break-after: avoid; }
  li, figure, tr, .disclaimer { break-inside: avoid; }
  .status { color: #000 !important; }
}
";

/// Renders the report as one HTML5 document.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let c = &report.conclusion;
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n",
    );
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"{} {}\">",
        esc(&report.tool.name),
        esc(&report.tool.version)
    );
    let _ = writeln!(
        out,
        "<title>{} \u{2014} {}</title>",
        esc(&c.title),
        esc(&report.pack.title)
    );
    let _ = writeln!(out, "<style>{CSS}</style>\n</head>\n<body>\n<header>");
    let _ = writeln!(out, "<h1>{}</h1>", esc(&report.pack.title));
    out.push_str("<p class=\"subtitle\">Reasoning chain and conclusion</p>\n<dl class=\"meta\">\n");
    for (label, value) in header_fields(report) {
        let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", esc(&value));
    }
    out.push_str("</dl>\n<aside class=\"disclaimer\">\n");
    paras(&mut out, Some("Disclaimer:"), &report.disclaimer);
    out.push_str("</aside>\n</header>\n<main>\n");
    chain(&mut out, report);
    conclusion(&mut out, report);
    table(&mut out, report);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The reasoning chain: an ordered list of the steps.
fn chain(out: &mut String, report: &Report) {
    out.push_str("<section id=\"chain\">\n<h2>Reasoning chain</h2>\n<ol class=\"chain\">\n");
    for step in &report.path {
        let _ = writeln!(out, "<li value=\"{}\">", step.number);
        let _ = writeln!(out, "<h3>{}</h3>", esc(&step.prompt));
        let _ = writeln!(out, "<p><strong>Answer:</strong> {}</p>", esc(&step.label));
        if let Some(note) = &step.note {
            paras(out, Some("Note:"), note);
        }
        if !step.authorities.is_empty() {
            out.push_str("<p><strong>Authorities:</strong></p>\n");
            authorities(out, &step.authorities);
        }
        paras(out, Some("Why this question is asked:"), &step.why);
        for e in &step.excerpts {
            out.push_str("<figure class=\"excerpt\">\n<blockquote>\n");
            paras(out, None, &e.quote);
            let _ = write!(
                out,
                "</blockquote>\n<figcaption>\u{2014} <cite>{}</cite> {}",
                esc(&e.citation),
                status(&e.authority)
            );
            if let Some(q) = &e.quoted_in {
                let _ = write!(out, " (quoted in {}: {})", esc(&q.name), status(q));
            }
            out.push_str("</figcaption>\n</figure>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

/// The conclusion with its reasoning, caveats and controlling authorities.
fn conclusion(out: &mut String, report: &Report) {
    let c = &report.conclusion;
    out.push_str("<section id=\"conclusion\">\n");
    let _ = writeln!(out, "<h2>Conclusion: {}</h2>", esc(&c.title));
    let _ = writeln!(
        out,
        "<p class=\"outcome\"><strong>Outcome:</strong> {} (<code>{}</code>)</p>",
        esc(&c.outcome_label),
        esc(&c.outcome)
    );
    let _ = writeln!(
        out,
        "<p><strong>Conclusion id:</strong> <code>{}</code></p>",
        esc(&c.id)
    );
    paras(out, None, &c.summary);
    out.push_str("<h3>Reasoning</h3>\n");
    paras(out, None, &c.reasoning);
    if !c.caveats.is_empty() {
        out.push_str("<h3>Caveats</h3>\n<ul>\n");
        for caveat in &c.caveats {
            let _ = writeln!(out, "<li>{}</li>", esc(caveat));
        }
        out.push_str("</ul>\n");
    }
    if !c.authorities.is_empty() {
        out.push_str("<h3>Controlling authorities</h3>\n");
        authorities(out, &c.authorities);
    }
    out.push_str("</section>\n");
}

/// The table of authorities.
fn table(out: &mut String, report: &Report) {
    out.push_str(
        "<section id=\"authorities\">\n<h2>Table of authorities</h2>\n<table>\n<thead>\n\
         <tr><th scope=\"col\">Authority</th><th scope=\"col\">Status</th><th scope=\"col\">History</th></tr>\n\
         </thead>\n<tbody>\n",
    );
    for t in &report.authorities {
        let _ = writeln!(
            out,
            "<tr><td><cite>{}</cite></td><td>{}</td><td>{}</td></tr>",
            esc(&t.citation),
            badge(t.status, &t.status_label),
            t.history.as_deref().map(esc).unwrap_or_default()
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// A list of authorities, each with its status in words.
fn authorities(out: &mut String, list: &[CitedAuthority]) {
    out.push_str("<ul class=\"authorities\">\n");
    for a in list {
        let _ = writeln!(
            out,
            "<li><cite>{}</cite> {}</li>",
            esc(&a.citation),
            status(a)
        );
    }
    out.push_str("</ul>\n");
}

/// The status badge and the history line.
fn status(a: &CitedAuthority) -> String {
    let badge = badge(a.status, &a.status_label);
    match &a.history {
        Some(h) => format!("{badge} <span class=\"history\">{}</span>", esc(h)),
        None => badge,
    }
}

/// The status in words; the class (from the fixed list of status ids) only adds colour.
fn badge(status: Status, label: &str) -> String {
    format!(
        "<strong class=\"status status-{}\">{}</strong>",
        status.id(),
        esc(label)
    )
}

/// Untrusted text as `<p>` paragraphs, the first led by a bold `lead` (trusted).
fn paras(out: &mut String, lead: Option<&str>, text: &str) {
    let list = paragraphs(text);
    if let (true, Some(lead)) = (list.is_empty(), lead) {
        let _ = writeln!(out, "<p><strong>{lead}</strong></p>");
    }
    for (i, p) in list.iter().enumerate() {
        match lead {
            Some(lead) if i == 0 => {
                let _ = writeln!(out, "<p><strong>{lead}</strong> {}</p>", esc(p));
            }
            _ => {
                let _ = writeln!(out, "<p>{}</p>", esc(p));
            }
        }
    }
}

/// Escapes untrusted text for HTML element content and quoted attribute values.
pub(crate) fn esc(s: &str) -> String {
    let s = crate::text::sanitize(s);
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(
            esc("<a href='x' title=\"y\">&amp;</a>\u{1b}[2J\u{202e}"),
            "&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;amp;&lt;/a&gt;[2J"
        );
    }
}
