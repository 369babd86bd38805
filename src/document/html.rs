//! A document as one self-contained HTML page: real headings, a definition list for the memo
//! fields, block quotes with their citations, a table of authorities, bar charts (`bars`), a
//! print style sheet.
//! Every string is escaped.

use std::fmt::Write as _;

use super::Document;
use super::escape::html as esc;
use super::{Block, Span};
use crate::text::Clean;

mod bars;

/// The Content-Security-Policy of every HTML file the tool writes: no scripts, no outside
/// resources, only the inline style sheet.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'";

const STYLE: &str = "body{font-family:Georgia,'DejaVu Serif',serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.45;color:#111}
h1{text-align:center;font-size:1.6em}
h1.word{letter-spacing:.2em}
h2{border-bottom:1px solid #999;font-size:1.25em;margin-top:1.6em}
h3{font-size:1.05em}
dl.fields{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;border-bottom:2px solid #111;padding-bottom:1em}
dl.fields dt{font-weight:bold}
dl.fields dd{margin:0}
blockquote{margin:.6em 2em;font-style:italic}
blockquote footer{font-style:normal;font-size:.92em}
.note{display:block;margin-left:1.5em;color:#333}
.flag{font-weight:bold;color:#8a3b00}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}
.sig dt{font-weight:bold}
.sig dd{border-bottom:1px solid #111;min-height:1.4em;margin:0 0 1em 0;max-width:24em}
table.bars{width:100%;table-layout:fixed;margin:.6em 0 1em;border:none;break-inside:avoid}
table.bars thead th:nth-child(1){width:38%}
table.bars thead th:nth-child(2){width:40%}
table.bars caption{text-align:left;font-weight:bold;padding:.2em 0}
table.bars th,table.bars td{border:none;border-bottom:1px solid #ddd;font-weight:normal;padding:.15em .6em .15em 0}
table.bars td.count{white-space:nowrap}
table.bars svg{display:block;max-width:100%;height:auto}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
footer.provenance{border-top:1px solid #999;margin-top:2em;font-size:.85em;color:#333}
@media print{body{margin:0;max-width:none}.page-break{break-after:page}thead{display:table-header-group}}";

/// Renders the blocks as an HTML page.
pub fn render(document: &Document) -> String {
    let blocks = &document.blocks;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n<main>\n",
        esc(&document.title)
    );
    let mut in_facts = false;
    for block in blocks {
        if in_facts && !matches!(block, Block::Noted { .. }) {
            out.push_str("</ul>\n");
            in_facts = false;
        }
        match block {
            // A one-word title ("MEMORANDUM") is letter-spaced; spaced out, a long one reads
            // as separate letters.
            Block::Title(t) if !t.contains(' ') => {
                let _ = writeln!(out, "<h1 class=\"word\">{}</h1>", esc(t));
            }
            Block::Title(t) => {
                let _ = writeln!(out, "<h1>{}</h1>", esc(t));
            }
            Block::Fields(fields) => {
                out.push_str("<dl class=\"fields\">\n");
                for (l, v) in fields {
                    let _ = writeln!(out, "<dt>{}:</dt><dd>{}</dd>", esc(l), esc(v));
                }
                out.push_str("</dl>\n");
            }
            Block::Heading { level, text } => {
                let h = level + 1;
                let _ = writeln!(out, "<h{h}>{}</h{h}>", esc(text));
            }
            Block::Para(spans) => {
                let _ = writeln!(out, "<p>{}</p>", spans_html(spans));
            }
            Block::Quote { text, cite } => {
                let _ = writeln!(
                    out,
                    "<blockquote><p>“{}”</p><footer>— {}</footer></blockquote>",
                    esc(text),
                    esc(cite)
                );
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", spans_html(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Noted { text, note, flag } => {
                if !in_facts {
                    out.push_str("<ul class=\"facts\">\n");
                    in_facts = true;
                }
                let _ = write!(out, "<li>{}", spans_html(text));
                if let Some(flag) = flag {
                    let _ = write!(out, " <span class=\"flag\">{}.</span>", esc(flag));
                }
                if let Some(note) = note {
                    // Each line of the note on its own line; an empty one leaves a blank line.
                    let lines: Vec<String> = note.iter().map(|l| esc(l)).collect();
                    let _ = write!(
                        out,
                        "<span class=\"note\"><em>Note:</em> {}</span>",
                        lines.join("<br>")
                    );
                }
                out.push_str("</li>\n");
            }
            Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
            Block::Table { header, rows, .. } => table(&mut out, header, rows),
            Block::Signature(lines) => {
                out.push_str("<dl class=\"sig\">\n");
                for (l, v) in lines {
                    let _ = writeln!(out, "<dt>{}:</dt><dd>{}</dd>", esc(l), esc(v));
                }
                out.push_str("</dl>\n");
            }
            Block::Footer(lines) => {
                out.push_str("<footer class=\"provenance\">\n");
                for l in lines {
                    let _ = writeln!(out, "<p>{}</p>", esc(l));
                }
                out.push_str("</footer>\n");
            }
            Block::Bars {
                caption,
                whole,
                bars,
            } => bars::bars(&mut out, caption, *whole, bars),
        }
    }
    if in_facts {
        out.push_str("</ul>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn spans_html(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match (s.bold, s.italic) {
            (true, _) => format!("<strong>{}</strong>", esc(&s.text)),
            (false, true) => format!("<em>{}</em>", esc(&s.text)),
            (false, false) => esc(&s.text),
        })
        .collect()
}

fn table(out: &mut String, header: &[Clean], rows: &[Vec<Clean>]) {
    out.push_str("<table>\n<thead><tr>");
    for h in header {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for c in row {
            let _ = write!(out, "<td>{}</td>", esc(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
