//! The class report as plain text for a terminal, a pipe or a projector: every line wrapped to
//! a width (the terminal's, or 80 columns in a file), bars scaled to the number of students who
//! took the pattern, the court's answer marked in words, the top misconceptions per question
//! (the wrong options most often chosen fairly sure or certain), and abandoned patterns counted
//! apart. Names appear only as the report holds them: [`super::anonymize`] replaces them unless
//! the teacher asks for names.

use std::fmt::Write as _;

use super::{ClassReport, PatternSummary, QuestionTally, confidence_words};

/// Width of a full bar, in characters.
const BAR: usize = 20;

/// How many misconceptions are listed per question.
const TOP: usize = 3;

/// Appends `text` wrapped to `width`, its first line indented by `indent` spaces and the rest
/// by two more.
fn para(out: &mut String, width: usize, indent: usize, text: &str) {
    let first = " ".repeat(indent);
    let rest = " ".repeat(indent + 2);
    let options = textwrap::Options::new(width.max(indent + 12))
        .initial_indent(&first)
        .subsequent_indent(&rest);
    for line in textwrap::wrap(text, options) {
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Plain text wrapped to `width` columns (at least 40).
pub fn text(r: &ClassReport, width: usize) -> String {
    let width = width.max(40);
    let mut out = String::new();
    para(
        &mut out,
        width,
        0,
        &format!(
            "Class report: {} ({} version {})",
            r.pack.title, r.pack.id, r.pack.version
        ),
    );
    para(
        &mut out,
        width,
        0,
        &format!(
            "{} scored, {} skipped.",
            plural(r.students.len(), "results file", "results files"),
            r.skipped.len()
        ),
    );
    for s in &r.skipped {
        para(
            &mut out,
            width,
            2,
            &format!("skipped {} ({}): {}", s.file, s.kind, s.reason),
        );
    }
    for n in &r.notes {
        para(
            &mut out,
            width,
            2,
            &format!("note on {} ({}): {}", n.file, n.kind, n.detail),
        );
    }
    for p in &r.patterns {
        pattern(&mut out, width, p);
    }
    if !r.confident_errors.is_empty() {
        out.push('\n');
        para(&mut out, width, 0, "Confident errors (certain first):");
        for e in &r.confident_errors {
            para(
                &mut out,
                width,
                2,
                &format!(
                    "{} on {} at {}: chose \"{}\" ({}) where the court answered \"{}\"",
                    e.student,
                    e.case,
                    e.question,
                    e.answer,
                    confidence_words(e.confidence),
                    e.court_answer
                ),
            );
        }
    }
    out.push('\n');
    para(&mut out, width, 0, "Students:");
    for s in &r.students {
        para(
            &mut out,
            width,
            2,
            &format!(
                "{}: {} of {} steps matched, certainty {} of {}, outcomes {} of {}, {} [{}]",
                s.student,
                s.matched,
                s.court_steps,
                crate::results::score::signed(s.certainty),
                crate::results::score::signed(s.certainty_max),
                s.outcome_points,
                s.outcome_max,
                plural(s.confident_errors, "confident error", "confident errors"),
                s.file
            ),
        );
    }
    out
}

fn pattern(out: &mut String, width: usize, p: &PatternSummary) {
    out.push('\n');
    let class = p.takers + p.abandoned;
    para(
        out,
        width,
        0,
        &format!(
            "{} ({}): {} taken to a result; the court's conclusion reached on their own \
             answers by {}, its result on another ground by {}",
            p.title, p.case, p.takers, p.outcome_matched, p.other_ground
        ),
    );
    if p.abandoned > 0 {
        para(
            out,
            width,
            2,
            &format!(
                "Abandoned (not taken to a result, counted apart): {}; their answers are in the \
                 counts below.",
                p.abandoned
            ),
        );
    }
    for q in &p.questions {
        question(out, width, q, class);
    }
    let parts: Vec<String> = p
        .departures
        .iter()
        .map(|d| format!("{} {}", d.question, d.count))
        .chain(std::iter::once(format!("never left {}", p.never_left)))
        .collect();
    para(
        out,
        width,
        2,
        &format!("First left the court's path at: {}", parts.join("; ")),
    );
}

/// One question: its counts as bars scaled to the `class` (students who took the pattern),
/// the court's answer marked in words, then the top misconceptions.
fn question(out: &mut String, width: usize, q: &QuestionTally, class: usize) {
    let court = if q.court_answer.is_some() {
        format!("{} of {} matched the court", q.matched, q.answered)
    } else {
        "not on the court's path".to_owned()
    };
    para(
        out,
        width,
        2,
        &format!("{}: {} ({court})", q.question, q.prompt),
    );
    let class = class.max(1);
    for o in &q.options {
        let bar = "#".repeat(o.count * BAR / class);
        let mark = if o.court { " (the court's answer)" } else { "" };
        para(
            out,
            width,
            4,
            &format!("{bar:<BAR$} {:>3} of {class}  {}{mark}", o.count, o.short),
        );
    }
    let mut wrong: Vec<_> = q
        .options
        .iter()
        .filter(|o| q.court_answer.is_some() && !o.court && o.confident > 0)
        .collect();
    wrong.sort_by_key(|o| std::cmp::Reverse(o.confident));
    if !wrong.is_empty() {
        para(
            out,
            width,
            4,
            "Top misconceptions (chosen fairly sure or certain):",
        );
        for o in wrong.into_iter().take(TOP) {
            para(
                out,
                width,
                6,
                &format!("{} of {class}: {}", o.confident, o.short),
            );
        }
    }
}
