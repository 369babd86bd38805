//! HTML rendering: one self-contained HTML5 file, readable on screen and on paper.
//!
//! The file carries its CSS inline and nothing else: no scripts, no external resources (a
//! Content-Security-Policy forbids both, as a second line of defence). Status is shown in words
//! beside every citation as a short badge, with colour only as an aid; a status's history is
//! given once, in the table of authorities. The print stylesheet keeps short blocks whole and
//! never forces a page break (so no page is left blank), and drops backgrounds. Every string
//! from the pack is sanitised and then escaped (`& < > " '`), so pack text is never markup.

use std::fmt::Write as _;

use super::{
    CitedAuthority, FactPatternComparison, Report, ReportExcerpt, comparison_words, excerpt_badges,
    paragraphs, provenance_fields, subtitle,
};
use crate::pack::Status;

/// The stylesheet: screen first, then print. The print rules keep a short block (an excerpt,
/// a table row, a heading with what follows) on one page, and never force a page break, so no
/// page is left blank.
const CSS: &str = r"
:root { color-scheme: light; }
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.5; color: #1a1a1a;
  background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.7rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #999; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.5rem; }
.subtitle { margin: 0; color: #444; font-size: 0.9rem; }
.outcome { font-family: 'Helvetica Neue', Arial, sans-serif; font-size: 1.2rem; margin: 0.4rem 0; }
.outcome strong { border: 2px solid currentColor; border-radius: 4px; padding: 0.05rem 0.5rem; }
.summary { font-size: 1.05rem; }
.verdict { font-weight: bold; }
.disclaimer { border: 2px solid #555; padding: 0.3rem 1rem; margin: 1.5rem 0; font-size: 0.9rem; }
ol.chain > li { margin-bottom: 1.5rem; padding-left: 0.3rem; }
ol.chain h3 { margin-top: 0; }
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
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
th:nth-child(1) { width: 32%; }
th:nth-child(2) { width: 10rem; }
footer { margin-top: 2.5rem; border-top: 1px solid #999; font-size: 0.8rem; color: #444; }
footer h2 { font-size: 0.95rem; border: 0; margin: 0.8rem 0 0.3rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
@media print {
  @page { margin: 18mm 16mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; color: #000; background: #fff; }
  * { background: transparent !important; box-shadow: none !important; }
  h1, h2, h3 { break-after: avoid; }
  figure, tr, .disclaimer, .outcome, dl.meta { break-inside: avoid; }
  p { orphans: 3; widows: 3; }
  .status { color: #000 !important; }
}
";

/// Renders the report as one HTML5 document: the conclusion first (outcome, title, summary, the
/// fact-pattern comparison, the reasoning), then the reasoning chain, the table of authorities
/// and a provenance footer.
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
    let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", esc(&subtitle(report)));
    let _ = writeln!(out, "<h1>{}</h1>", esc(&c.title));
    let _ = writeln!(
        out,
        "<p class=\"outcome\">Outcome: <strong>{}</strong></p>",
        esc(&c.outcome_label)
    );
    for p in paragraphs(&c.summary) {
        let _ = writeln!(out, "<p class=\"summary\">{}</p>", esc(&p));
    }
    out.push_str("</header>\n<main>\n");
    if let Some(f) = &report.fact_pattern {
        fact_pattern(&mut out, f);
    }
    conclusion(&mut out, report);
    out.push_str("<aside class=\"disclaimer\">\n");
    paras(&mut out, Some("Disclaimer:"), &report.disclaimer);
    out.push_str("</aside>\n");
    chain(&mut out, report);
    table(&mut out, report);
    out.push_str("</main>\n<footer>\n<h2>Provenance</h2>\n<dl class=\"meta\">\n");
    for (label, value) in provenance_fields(report) {
        let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", esc(&value));
    }
    out.push_str("</dl>\n</footer>\n</body>\n</html>\n");
    out
}

/// The fact-pattern comparison: verdict, where the path left the court's, the holding.
fn fact_pattern(out: &mut String, f: &FactPatternComparison) {
    out.push_str("<section id=\"fact-pattern\">\n");
    let _ = writeln!(out, "<h2>Fact pattern: {}</h2>", esc(&f.title));
    let words = comparison_words(f);
    let _ = writeln!(out, "<p class=\"verdict\">{}</p>", esc(&words.verdict));
    let _ = writeln!(out, "<p>{}</p>", esc(&words.path));
    paras(out, Some("What the court held:"), &f.holding);
    let _ = write!(out, "<p>\u{2014} <cite>{}</cite>", esc(&f.citation));
    if let Some(a) = &f.authority {
        let _ = write!(out, " {}", badge(a.status, &a.status_label));
    }
    out.push_str("</p>\n");
    paras(out, Some("The facts:"), &f.facts);
    out.push_str("</section>\n");
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
            let _ = writeln!(
                out,
                "</blockquote>\n<figcaption>\u{2014} <cite>{}</cite> {}</figcaption>\n</figure>",
                esc(&e.citation),
                excerpt_badge(e)
            );
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

/// Why the law reaches the conclusion: its reasoning, caveats and controlling authorities.
fn conclusion(out: &mut String, report: &Report) {
    let c = &report.conclusion;
    out.push_str("<section id=\"why\">\n<h2>Why</h2>\n");
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

/// The table of authorities: the one place a status's history is given.
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

/// A list of authorities, each with its status badge.
fn authorities(out: &mut String, list: &[CitedAuthority]) {
    out.push_str("<ul class=\"authorities\">\n");
    for a in list {
        let _ = writeln!(
            out,
            "<li><cite>{}</cite> {}</li>",
            esc(&a.citation),
            badge(a.status, &a.status_label)
        );
    }
    out.push_str("</ul>\n");
}

/// An excerpt's badge: coloured by the status of the words' author; when the quoting authority
/// has another status, the badge names both (see [`excerpt_badges`]).
fn excerpt_badge(e: &ReportExcerpt) -> String {
    format!(
        "<strong class=\"status status-{}\">{}</strong>",
        e.authority.status.id(),
        esc(&excerpt_badges(e))
    )
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
