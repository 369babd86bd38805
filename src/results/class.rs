//! A class's results collated: the model behind `immunity class`, and its renderings.
//!
//! [`collate`] takes each file's name and text (or why it could not be read) and builds one
//! [`ClassReport`]: per fact pattern and question, how many students chose each option against
//! the court's answer; where students first left the court's path; the confident errors
//! (certain first); and one gradebook row per student. Files made with another pack are
//! reported, never scored against this one; a malformed file is named with what is wrong and
//! skipped, never fatal to the rest. Renderers: text, CSV (a gradebook: one row per student),
//! JSON (the model), HTML with bar charts drawn as inline SVG (no scripts).

use std::collections::HashMap;
use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{LoadError, Results, load, score};
use crate::engine::{follow, resolve_answers};
use crate::pack::Pack;
use crate::report::PackInfo;
use crate::text::sanitize_line;

/// The `format` field of the JSON class report.
pub const FORMAT_NAME: &str = "immunity-class";
/// Its version.
pub const FORMAT_VERSION: u32 = 1;

/// One input file: its name as shown to the user, and its text or why it could not be read.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file's name as the user gave it.
    pub name: String,
    /// Its text, or the reason it could not be read.
    pub text: Result<String, String>,
}

/// The collated class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClassReport {
    /// Always `immunity-class`.
    pub format: String,
    /// Version of this shape.
    pub format_version: u32,
    /// The pack the class was scored against.
    pub pack: PackInfo,
    /// One gradebook row per results file scored, in the order given.
    pub students: Vec<StudentRow>,
    /// Files not scored, with why.
    pub skipped: Vec<Skipped>,
    /// One summary per fact pattern taken, in pack order.
    pub patterns: Vec<PatternSummary>,
    /// Every wrong first answer given fairly sure or certain: certain first, then by student.
    pub confident_errors: Vec<ConfidentError>,
}

/// One student's totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StudentRow {
    /// The student's name.
    pub student: String,
    /// The results file.
    pub file: String,
    /// Fact patterns taken.
    pub patterns: usize,
    /// First answers that matched the court's.
    pub matched: usize,
    /// Steps scored (on the court's path).
    pub scored: usize,
    /// Fact patterns whose outcome the student reached on their own answers.
    pub outcomes_matched: usize,
    /// Certainty-based marks (see [`super::Score::certainty`]).
    pub certainty: i64,
    /// Wrong first answers given fairly sure or certain.
    pub confident_errors: usize,
    /// Total time to first answers, in seconds.
    pub seconds: f64,
}

/// A file that was not scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Skipped {
    /// The file.
    pub file: String,
    /// `other-pack`, `malformed` or `unreadable`.
    pub kind: String,
    /// What is wrong, in words.
    pub reason: String,
}

/// One fact pattern across the class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PatternSummary {
    /// Fact pattern id.
    pub case: String,
    /// Its case name.
    pub title: String,
    /// How many times it was taken.
    pub takers: usize,
    /// How many reached the court's outcome on their own answers.
    pub outcome_matched: usize,
    /// The questions asked: the court's path first, then others students met.
    pub questions: Vec<QuestionTally>,
    /// Where students first left the court's path, by question, in path order.
    pub departures: Vec<DepartureCount>,
    /// How many never left it.
    pub never_left: usize,
}

/// The first answers to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct QuestionTally {
    /// Question id.
    pub question: String,
    /// The question as asked.
    pub prompt: String,
    /// The court's answer, when its path asks this question.
    pub court_answer: Option<String>,
    /// How many answered it.
    pub answered: usize,
    /// How many matched the court.
    pub matched: usize,
    /// Every option with its count.
    pub options: Vec<OptionTally>,
}

/// One option's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OptionTally {
    /// Option id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// How many chose it first.
    pub count: usize,
    /// True for the court's answer.
    pub court: bool,
}

/// How many first left the court's path at one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DepartureCount {
    /// Question id.
    pub question: String,
    /// The question as asked.
    pub prompt: String,
    /// How many.
    pub count: usize,
}

/// A wrong first answer given with confidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ConfidentError {
    /// The student.
    pub student: String,
    /// Fact pattern id.
    pub case: String,
    /// Question id.
    pub question: String,
    /// The student's answer (label).
    pub answer: String,
    /// The court's answer (label).
    pub court_answer: String,
    /// 2 fairly sure or 3 certain.
    pub confidence: u8,
}

/// Collates `inputs` against `pack`.
pub fn collate(pack: &Pack, inputs: &[Input]) -> ClassReport {
    let mut students = Vec::new();
    let mut skipped = Vec::new();
    let mut loaded: Vec<(String, Results)> = Vec::new();
    for input in inputs {
        let file = sanitize_line(&input.name);
        let text = match &input.text {
            Ok(text) => text,
            Err(why) => {
                skipped.push(Skipped {
                    file,
                    kind: "unreadable".into(),
                    reason: sanitize_line(why),
                });
                continue;
            }
        };
        match load(pack, text) {
            Ok(r) => loaded.push((file, r)),
            Err(e) => skipped.push(Skipped {
                file,
                kind: match e {
                    LoadError::OtherPack { .. } => "other-pack",
                    _ => "malformed",
                }
                .into(),
                reason: sanitize_line(&e.to_string()),
            }),
        }
    }
    let mut errors: Vec<ConfidentError> = Vec::new();
    let mut by_case: HashMap<&str, Vec<&super::PatternResult>> = HashMap::new();
    for (file, r) in &loaded {
        let mut row = StudentRow {
            student: sanitize_line(&r.student),
            file: file.clone(),
            patterns: r.patterns.len(),
            matched: 0,
            scored: 0,
            outcomes_matched: 0,
            certainty: 0,
            confident_errors: 0,
            seconds: 0.0,
        };
        for p in &r.patterns {
            let s = score(pack, p);
            row.matched += s.matched;
            row.scored += s.scored;
            row.outcomes_matched += usize::from(s.outcome == super::OutcomeCredit::Court);
            row.certainty += s.certainty;
            row.confident_errors += s.confident_errors.len();
            #[allow(clippy::cast_precision_loss)] // milliseconds of a quiz fit f64 exactly
            let secs: f64 = p.steps.iter().map(|x| x.millis as f64 / 1000.0).sum();
            row.seconds += secs;
            for &i in &s.confident_errors {
                let step = &p.steps[i];
                errors.push(ConfidentError {
                    student: row.student.clone(),
                    case: sanitize_line(&p.case),
                    question: sanitize_line(&step.question),
                    answer: option_label(pack, &step.question, &step.first_answer),
                    court_answer: step
                        .court_answer
                        .as_deref()
                        .map_or_else(String::new, |c| option_label(pack, &step.question, c)),
                    confidence: step.confidence,
                });
            }
            by_case.entry(p.case.as_str()).or_default().push(p);
        }
        students.push(row);
    }
    errors.sort_by_key(|e| std::cmp::Reverse(e.confidence));
    let patterns = pack
        .cases()
        .iter()
        .filter_map(|case| {
            by_case
                .get(case.id.as_str())
                .map(|taken| summarise(pack, case, taken))
        })
        .collect();
    ClassReport {
        format: FORMAT_NAME.to_owned(),
        format_version: FORMAT_VERSION,
        pack: PackInfo {
            id: sanitize_line(pack.id()),
            title: sanitize_line(pack.title()),
            version: sanitize_line(pack.version()),
            content_hash: sanitize_line(pack.content_hash()),
            law_checked: sanitize_line(pack.law_checked()),
        },
        students,
        skipped,
        patterns,
        confident_errors: errors,
    }
}

/// The label of option `option` of question `question` (ids checked by the loader).
fn option_label(pack: &Pack, question: &str, option: &str) -> String {
    pack.question_index(question)
        .and_then(|q| {
            let o = pack.option_index(q, option)?;
            Some(sanitize_line(&pack.question(q).options[o].label))
        })
        .unwrap_or_else(|| sanitize_line(option))
}

fn summarise(
    pack: &Pack,
    case: &crate::pack::Case,
    taken: &[&super::PatternResult],
) -> PatternSummary {
    let court = resolve_answers(pack, &case.answers).unwrap_or_default();
    let court_path: Vec<usize> = follow(pack, &court)
        .steps
        .iter()
        .map(|s| s.question)
        .collect();
    // counts[question][option]
    let mut counts: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut departures: HashMap<usize, usize> = HashMap::new();
    let mut never_left = 0;
    let mut outcome_matched = 0;
    for p in taken {
        let s = score(pack, p);
        outcome_matched += usize::from(s.outcome == super::OutcomeCredit::Court);
        for step in &p.steps {
            let Some(q) = pack.question_index(&step.question) else {
                continue;
            };
            let Some(o) = pack.option_index(q, &step.first_answer) else {
                continue;
            };
            counts
                .entry(q)
                .or_insert_with(|| vec![0; pack.question(q).options.len()])[o] += 1;
        }
        match s
            .first_departure
            .and_then(|i| pack.question_index(&p.steps[i].question))
        {
            Some(q) => *departures.entry(q).or_default() += 1,
            None => never_left += 1,
        }
    }
    let mut order = court_path.clone();
    let mut others: Vec<usize> = counts
        .keys()
        .copied()
        .filter(|q| !court_path.contains(q))
        .collect();
    others.sort_unstable();
    order.extend(others);
    let questions = order
        .iter()
        .map(|&q| {
            let question = pack.question(q);
            let row = counts
                .get(&q)
                .cloned()
                .unwrap_or_else(|| vec![0; question.options.len()]);
            let court_option = court.get(&q).copied().filter(|_| court_path.contains(&q));
            QuestionTally {
                question: sanitize_line(&question.id),
                prompt: sanitize_line(&question.prompt),
                court_answer: court_option.map(|o| sanitize_line(&question.options[o].id)),
                answered: row.iter().sum(),
                matched: court_option.map_or(0, |o| row[o]),
                options: question
                    .options
                    .iter()
                    .enumerate()
                    .map(|(o, opt)| OptionTally {
                        id: sanitize_line(&opt.id),
                        label: sanitize_line(&opt.label),
                        count: row[o],
                        court: court_option == Some(o),
                    })
                    .collect(),
            }
        })
        .collect();
    let departures = order
        .iter()
        .filter_map(|q| {
            departures.get(q).map(|&count| DepartureCount {
                question: sanitize_line(&pack.question(*q).id),
                prompt: sanitize_line(&pack.question(*q).prompt),
                count,
            })
        })
        .collect();
    PatternSummary {
        case: sanitize_line(&case.id),
        title: sanitize_line(&case.title),
        takers: taken.len(),
        outcome_matched,
        questions,
        departures,
        never_left,
    }
}

/// Plain text, for a terminal or a pipe.
pub fn text(r: &ClassReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Class report: {} ({} version {})",
        r.pack.title, r.pack.id, r.pack.version
    );
    let _ = writeln!(
        out,
        "{} results file{} scored, {} skipped.",
        r.students.len(),
        if r.students.len() == 1 { "" } else { "s" },
        r.skipped.len()
    );
    for s in &r.skipped {
        let _ = writeln!(out, "  skipped {} ({}): {}", s.file, s.kind, s.reason);
    }
    for p in &r.patterns {
        let _ = writeln!(
            out,
            "\n{} ({}): taken {} time{}, court's outcome reached on their own answers by {}",
            p.title,
            p.case,
            p.takers,
            if p.takers == 1 { "" } else { "s" },
            p.outcome_matched
        );
        for q in &p.questions {
            let court = if q.court_answer.is_some() {
                format!("{} of {} matched the court", q.matched, q.answered)
            } else {
                "not on the court's path".to_owned()
            };
            let _ = writeln!(out, "  {}: {} ({court})", q.question, q.prompt);
            let max = q.options.iter().map(|o| o.count).max().unwrap_or(0).max(1);
            for o in &q.options {
                let bar = "#".repeat(o.count * 20 / max);
                let _ = writeln!(
                    out,
                    "    {} {:<20} {:>3}  {}",
                    if o.court { "court>" } else { "      " },
                    bar,
                    o.count,
                    o.label
                );
            }
        }
        let _ = write!(out, "  First left the court's path at: ");
        let parts: Vec<String> = p
            .departures
            .iter()
            .map(|d| format!("{} {}", d.question, d.count))
            .chain(std::iter::once(format!("never left {}", p.never_left)))
            .collect();
        let _ = writeln!(out, "{}", parts.join("; "));
    }
    if !r.confident_errors.is_empty() {
        let _ = writeln!(out, "\nConfident errors (certain first):");
        for e in &r.confident_errors {
            let _ = writeln!(
                out,
                "  {} on {} at {}: chose \"{}\" ({}) where the court answered \"{}\"",
                e.student,
                e.case,
                e.question,
                e.answer,
                confidence_words(e.confidence),
                e.court_answer
            );
        }
    }
    let _ = writeln!(out, "\nStudents:");
    for s in &r.students {
        let _ = writeln!(
            out,
            "  {}: {}/{} steps matched, {} of {} outcomes, certainty {:+}, {} confident error{}  [{}]",
            s.student,
            s.matched,
            s.scored,
            s.outcomes_matched,
            s.patterns,
            s.certainty,
            s.confident_errors,
            if s.confident_errors == 1 { "" } else { "s" },
            s.file
        );
    }
    out
}

fn confidence_words(level: u8) -> &'static str {
    super::Confidence::from_level(level).map_or("?", super::Confidence::words)
}

/// A CSV gradebook: one row per student. Cells that a spreadsheet would read as a formula
/// (starting `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with `'`.
pub fn csv(r: &ClassReport) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "student",
        "file",
        "patterns",
        "steps_matched",
        "steps_scored",
        "percent",
        "outcomes_matched",
        "certainty",
        "confident_errors",
        "seconds",
    ]);
    for s in &r.students {
        #[allow(clippy::cast_precision_loss)] // counts of quiz steps
        let percent = if s.scored == 0 {
            String::new()
        } else {
            format!("{:.1}", s.matched as f64 * 100.0 / s.scored as f64)
        };
        let _ = w.write_record([
            safe_cell(&s.student),
            safe_cell(&s.file),
            s.patterns.to_string(),
            s.matched.to_string(),
            s.scored.to_string(),
            percent,
            s.outcomes_matched.to_string(),
            s.certainty.to_string(),
            s.confident_errors.to_string(),
            format!("{:.1}", s.seconds),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A cell that no spreadsheet will run as a formula.
fn safe_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// The model as pretty JSON.
pub fn json(r: &ClassReport) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(r).expect("the class report serialises")
    )
}

/// One self-contained HTML page; bar charts are inline SVG; no scripts.
pub fn html(r: &ClassReport) -> String {
    let esc = crate::report::html_escape;
    let mut out = String::new();
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
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
    out.push_str("<h2>Students</h2>\n<table>\n<tr><th>Student</th><th>Steps matched</th><th>Outcomes</th><th>Certainty</th><th>Confident errors</th><th>File</th></tr>\n");
    for s in &r.students {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{} of {}</td><td>{} of {}</td><td>{:+}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&s.student),
            s.matched,
            s.scored,
            s.outcomes_matched,
            s.patterns,
            s.certainty,
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

/// One fact pattern: a bar chart per question, then where students left the path.
fn html_pattern(out: &mut String, p: &PatternSummary) {
    let esc = crate::report::html_escape;
    let _ = writeln!(
        out,
        "<section class=\"pattern\" id=\"case-{}\">\n<h2>{} <code>{}</code></h2>\n<p>Taken {} time{}; the court's outcome reached on their own answers by {}.</p>",
        esc(&p.case),
        esc(&p.title),
        esc(&p.case),
        p.takers,
        if p.takers == 1 { "" } else { "s" },
        p.outcome_matched
    );
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
        out.push_str(&bar_chart(q));
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

/// A horizontal bar chart of one question's counts as inline SVG: one bar per option, the
/// court's answer drawn dark and marked "(court)" in words, so it reads without colour.
fn bar_chart(q: &QuestionTally) -> String {
    const ROW: usize = 26;
    const LABEL: usize = 300;
    const BAR: usize = 320;
    let esc = crate::report::html_escape;
    let max = q.options.iter().map(|o| o.count).max().unwrap_or(0).max(1);
    let height = ROW * q.options.len() + 4;
    let width = LABEL + BAR + 60;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n<title>{}</title>\n",
        esc(&format!(
            "{}: {}",
            q.prompt,
            q.options
                .iter()
                .map(|o| format!("{} {}", o.label, o.count))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    );
    for (i, o) in q.options.iter().enumerate() {
        let y = i * ROW + 2;
        let w = o.count * BAR / max;
        let label: String = o.label.chars().take(40).collect();
        let ellipsis = if o.label.chars().count() > 40 {
            "\u{2026}"
        } else {
            ""
        };
        let _ = writeln!(
            svg,
            "<text x=\"0\" y=\"{}\">{}{}{}</text>\n<rect x=\"{LABEL}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"{}\" stroke=\"#111\"/>\n<text x=\"{}\" y=\"{}\">{}</text>",
            y + 17,
            esc(&label),
            ellipsis,
            if o.court { " (court)" } else { "" },
            y + 3,
            ROW - 8,
            if o.court { "#1f4e79" } else { "#b8c4d0" },
            LABEL + w + 6,
            y + 17,
            o.count
        );
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(safe_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@cmd"), "'@cmd");
        assert_eq!(safe_cell("Ada"), "Ada");
    }
}
