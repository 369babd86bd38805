//! The class report as one self-contained HTML page: a bar chart per question as inline SVG
//! (no scripts), bars scaled to the number of students who took the pattern, the court's answer
//! drawn dark, its label in bold and marked "the court's answer" in words after its count (not
//! under the bar, where Chromium clipped it), the top misconceptions per question, and abandoned
//! patterns counted apart.

use std::fmt::Write as _;

use super::{ClassReport, PatternSummary, QuestionTally, confidence_words};

/// One self-contained HTML page; bar charts are inline SVG; no scripts.
pub fn html(r: &ClassReport) -> String {
    let esc = crate::document::escape::html;
    let mut out = String::new();
    // The one Content-Security-Policy of every HTML file the tool writes.
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        crate::document::html::CSP
    );
    let _ = writeln!(
        out,
        "<title>Class report \u{2014} {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>Class report: {}</h1>",
        esc(&r.pack.title),
        esc(&r.pack.title)
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\">Pack {} version {}, content hash <code>{}</code>. {} results file{} scored, {} skipped.</p>",
        esc(&r.pack.id),
        esc(&r.pack.version),
        esc(&r.pack.content_hash),
        r.students.len(),
        if r.students.len() == 1 { "" } else { "s" },
        r.skipped.len()
    );
    if !r.skipped.is_empty() {
        out.push_str("<h2>Files not scored</h2>\n<ul>\n");
        for s in &r.skipped {
            let _ = writeln!(
                out,
                "<li><code>{}</code> ({}): {}</li>",
                esc(&s.file),
                esc(&s.kind),
                esc(&s.reason)
            );
        }
        out.push_str("</ul>\n");
    }
    if !r.notes.is_empty() {
        out.push_str("<h2>Notes on files scored</h2>\n<ul>\n");
        for n in &r.notes {
            let _ = writeln!(
                out,
                "<li><code>{}</code> ({}): {}</li>",
                esc(&n.file),
                esc(&n.kind),
                esc(&n.detail)
            );
        }
        out.push_str("</ul>\n");
    }
    for p in &r.patterns {
        html_pattern(&mut out, p);
    }
    if !r.confident_errors.is_empty() {
        out.push_str("<h2>Confident errors</h2>\n<table>\n<tr><th>Student</th><th>Fact pattern</th><th>Question</th><th>Chose</th><th>Court</th><th>Confidence</th></tr>\n");
        for e in &r.confident_errors {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{} ({})</td></tr>",
                esc(&e.student),
                esc(&e.case),
                esc(&e.question),
                esc(&e.answer),
                esc(&e.court_answer),
                e.confidence,
                confidence_words(e.confidence)
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("<h2>Students</h2>\n<table>\n<tr><th>Student</th><th>Steps matched</th><th>Certainty</th><th>Outcome points</th><th>Confident errors</th><th>File</th></tr>\n");
    for s in &r.students {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{} of {}</td><td>{} of {}</td><td>{} of {}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&s.student),
            s.matched,
            s.court_steps,
            crate::results::score::signed(s.certainty),
            crate::results::score::signed(s.certainty_max),
            s.outcome_points,
            s.outcome_max,
            s.confident_errors,
            esc(&s.file)
        );
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}

const CSS: &str = r"
body { font-family: 'Helvetica Neue', Arial, sans-serif; color: #111; background: #fff;
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
h2 { border-bottom: 1px solid #888; margin-top: 2rem; }
.meta { color: #333; overflow-wrap: anywhere; }
section.pattern { break-inside: avoid-page; }
figure { margin: 0.8rem 0 1.2rem; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 0.3rem; }
svg { max-width: 100%; height: auto; }
svg text { font-family: 'Helvetica Neue', Arial, sans-serif; font-size: 13px; fill: #111; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #999; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
";

/// One fact pattern: a bar chart per question with its top misconceptions, then where
/// students left the path.
fn html_pattern(out: &mut String, p: &PatternSummary) {
    let esc = crate::document::escape::html;
    let class = p.takers + p.abandoned;
    let _ = writeln!(
        out,
        "<section class=\"pattern\" id=\"case-{}\">\n<h2>{} <code>{}</code></h2>\n<p>Taken to a result {} time{}; the court's conclusion reached on their own answers by {}, its result on another ground by {}.</p>",
        esc(&p.case),
        esc(&p.title),
        esc(&p.case),
        p.takers,
        if p.takers == 1 { "" } else { "s" },
        p.outcome_matched,
        p.other_ground
    );
    if p.abandoned > 0 {
        let _ = writeln!(
            out,
            "<p class=\"abandoned\">Abandoned (not taken to a result, counted apart): {}; their answers are in the charts.</p>",
            p.abandoned
        );
    }
    for q in &p.questions {
        let caption = match &q.court_answer {
            Some(_) => format!("{} of {} matched the court", q.matched, q.answered),
            None => "not on the court's path".to_owned(),
        };
        let _ = writeln!(
            out,
            "<figure>\n<figcaption>{} <code>{}</code> \u{2014} {}</figcaption>",
            esc(&q.prompt),
            esc(&q.question),
            esc(&caption)
        );
        out.push_str(&bar_chart(q, class));
        out.push_str(&misconceptions(q, class));
        out.push_str("</figure>\n");
    }
    out.push_str("<p><strong>First left the court's path at:</strong> ");
    let parts: Vec<String> = p
        .departures
        .iter()
        .map(|d| format!("<code>{}</code> {}", esc(&d.question), d.count))
        .chain(std::iter::once(format!("never left {}", p.never_left)))
        .collect();
    let _ = writeln!(out, "{}</p>\n</section>", parts.join("; "));
}

/// The wrong options most often chosen fairly sure or certain (at most three).
fn misconceptions(q: &QuestionTally, class: usize) -> String {
    let esc = crate::document::escape::html;
    let mut wrong: Vec<_> = q
        .options
        .iter()
        .filter(|o| q.court_answer.is_some() && !o.court && o.confident > 0)
        .collect();
    if wrong.is_empty() {
        return String::new();
    }
    wrong.sort_by_key(|o| std::cmp::Reverse(o.confident));
    let items: Vec<String> = wrong
        .into_iter()
        .take(3)
        .map(|o| format!("{} ({} of {class})", esc(&o.short), o.confident))
        .collect();
    format!(
        "<p class=\"misconceptions\"><strong>Top misconceptions</strong> (chosen fairly sure or certain): {}</p>\n",
        items.join("; ")
    )
}

/// A horizontal bar chart of one question's counts as inline SVG: one bar per option, scaled
/// to the `class` (the students who took the pattern). The court's answer is drawn dark, its
/// label bold, and "the court's answer" is written after its count, where nothing clips it.
fn bar_chart(q: &QuestionTally, class: usize) -> String {
    const ROW: usize = 26;
    const LABEL: usize = 290;
    const BAR: usize = 200;
    const COUNT: usize = 230;
    const CHARS: usize = 33;
    let esc = crate::document::escape::html;
    let class = class.max(1);
    let height = ROW * q.options.len() + 4;
    let width = LABEL + BAR + COUNT;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n<title>{}</title>\n",
        esc(&format!(
            "{}: {}",
            q.prompt,
            q.options
                .iter()
                .map(|o| format!(
                    "{} {} of {class}{}",
                    o.label,
                    o.count,
                    if o.court { " (the court's answer)" } else { "" }
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    );
    for (i, o) in q.options.iter().enumerate() {
        let y = i * ROW + 2;
        let w = o.count.min(class) * BAR / class;
        let label: String = o.short.chars().take(CHARS).collect();
        let ellipsis = if o.short.chars().count() > CHARS {
            "\u{2026}"
        } else {
            ""
        };
        let weight = if o.court { " font-weight=\"bold\"" } else { "" };
        let _ = writeln!(
            svg,
            "<text x=\"0\" y=\"{}\"{weight}>{}{}</text>\n<rect x=\"{LABEL}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"{}\" stroke=\"#111\"/>\n<text x=\"{}\" y=\"{}\"{weight}>{} of {class}{}</text>",
            y + 17,
            esc(&label),
            ellipsis,
            y + 3,
            ROW - 8,
            if o.court { "#1f4e79" } else { "#b8c4d0" },
            LABEL + w + 6,
            y + 17,
            o.count,
            if o.court {
                " \u{2014} the court's answer"
            } else {
                ""
            }
        );
    }
    svg.push_str("</svg>\n");
    svg
}
