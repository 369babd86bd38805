//! The class report as a document ([`crate::document`]), built once and drawn by every writer
//! (text, Markdown, HTML, DOCX, PDF): the pack and the files counted, the files skipped and the
//! notes on files, then per fact pattern a bar chart per question (each answer's count out of
//! the students who took the pattern, the court's answer marked in words), the top
//! misconceptions and where students first left the court's path; then the confident errors and
//! the gradebook. Names appear only as the report holds them: [`super::anonymize`] replaces them
//! unless the teacher asks for names, so a projected report shames no one. Text arrives clean
//! (the loader cleaned it); the writers escape it for their format.

use super::{ClassReport, PatternSummary, QuestionTally, confidence_words};
use crate::document::{Bar, Block, Document, Span, line};
use crate::results::score::signed;
use crate::words::count;

/// How many misconceptions are listed per question.
const TOP: usize = 3;

/// The class report as a document dated `date` (YYYY-MM-DD).
pub fn document(r: &ClassReport, date: &str) -> Document {
    let mut b = vec![
        Block::Title(line(format!("Class report: {}", r.pack.title))),
        para(format!(
            "Pack {} version {}, content hash {}.",
            r.pack.id, r.pack.version, r.pack.content_hash,
        )),
        para(format!(
            "{} scored, {} skipped.",
            count(r.students.len(), "results file", "results files"),
            r.skipped.len()
        )),
    ];
    let skipped = r.skipped.iter().map(|s| [&s.file, &s.kind, &s.reason]);
    files(&mut b, "Files not scored", skipped);
    let notes = r.notes.iter().map(|n| [&n.file, &n.kind, &n.detail]);
    files(&mut b, "Notes on files scored", notes);
    for p in &r.patterns {
        pattern(&mut b, p);
    }
    if !r.confident_errors.is_empty() {
        b.push(heading(1, "Confident errors (certain first)"));
        b.push(Block::plain_bullets(r.confident_errors.iter().map(|e| {
            format!(
                "{} on {} at {}: chose “{}” ({}) where the court answered “{}”",
                e.student,
                e.case,
                e.question,
                e.answer,
                confidence_words(e.confidence),
                e.court_answer
            )
        })));
    }
    b.push(heading(1, "Students"));
    b.push(students(r));
    Document {
        title: line(format!("Class report \u{2014} {}", r.pack.title)),
        author: None,
        date: line(date),
        creator: line(concat!("immunity ", env!("CARGO_PKG_VERSION"))),
        blocks: b,
    }
}

/// A section of files, one bullet "file (kind): what" each; nothing when there are none.
fn files<'a>(b: &mut Vec<Block>, title: &str, rows: impl Iterator<Item = [&'a String; 3]>) {
    let bullets: Vec<String> = rows
        .map(|[file, kind, what]| format!("{file} ({kind}): {what}"))
        .collect();
    if !bullets.is_empty() {
        b.push(heading(1, title));
        b.push(Block::plain_bullets(bullets));
    }
}

/// The gradebook: one row per student.
fn students(r: &ClassReport) -> Block {
    Block::Table {
        header: [
            "Student",
            "Steps matched",
            "Certainty",
            "Outcome points",
            "Confident errors",
            "File",
        ]
        .iter()
        .map(line)
        .collect(),
        rows: r
            .students
            .iter()
            .map(|s| {
                vec![
                    line(&s.student),
                    line(format!("{} of {}", s.matched, s.court_steps)),
                    line(format!(
                        "{} of {}",
                        signed(s.certainty),
                        signed(s.certainty_max)
                    )),
                    line(format!("{} of {}", s.outcome_points, s.outcome_max)),
                    line(s.confident_errors.to_string()),
                    line(&s.file),
                ]
            })
            .collect(),
        // "Confident" must fit its column in Word, whose cells keep a margin each side.
        widths: vec![20, 15, 15, 15, 16, 19],
        pages_of: Vec::new(),
    }
}

fn para(text: impl AsRef<str>) -> Block {
    Block::Para(vec![Span::plain(text)])
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        text: line(text),
    }
}

/// One fact pattern: what became of it, a chart per question with its misconceptions, and
/// where students first left the court's path.
fn pattern(b: &mut Vec<Block>, p: &PatternSummary) {
    let class = p.takers + p.abandoned;
    b.push(heading(1, &format!("{} ({})", p.title, p.case)));
    b.push(para(format!(
        "Taken to a result {}; the court's conclusion reached on their own answers by {}, its \
         result on another ground by {}.",
        count(p.takers, "time", "times"),
        p.outcome_matched,
        p.other_ground
    )));
    if p.abandoned > 0 {
        b.push(para(format!(
            "Abandoned (not taken to a result, counted apart): {}; their answers are in the \
             counts below.",
            p.abandoned
        )));
    }
    for q in &p.questions {
        question(b, q, class);
    }
    let parts: Vec<String> = p
        .departures
        .iter()
        .map(|d| format!("{} {}", d.question, d.count))
        .chain(std::iter::once(format!("never left {}", p.never_left)))
        .collect();
    b.push(para(format!(
        "First left the court's path at: {}",
        parts.join("; ")
    )));
}

/// One question: its counts as a chart out of the `class` (students who took the pattern),
/// the court's answer marked in words, then the wrong answers most often chosen fairly sure
/// or certain.
fn question(b: &mut Vec<Block>, q: &QuestionTally, class: usize) {
    let court = if q.court_answer.is_some() {
        format!("{} of {} matched the court", q.matched, q.answered)
    } else {
        "not on the court's path".to_owned()
    };
    b.push(Block::Bars {
        caption: line(format!("{}: {} ({court})", q.question, q.prompt)),
        whole: class.max(1),
        bars: q
            .options
            .iter()
            .map(|o| Bar {
                label: line(&o.short),
                count: o.count,
                mark: o.court.then(|| line("the court's answer")),
            })
            .collect(),
    });
    let mut wrong: Vec<_> = q
        .options
        .iter()
        .filter(|o| q.court_answer.is_some() && !o.court && o.confident > 0)
        .collect();
    wrong.sort_by_key(|o| std::cmp::Reverse(o.confident));
    if !wrong.is_empty() {
        let items: Vec<String> = wrong
            .into_iter()
            .take(TOP)
            .map(|o| format!("{} ({} of {class})", o.short, o.confident))
            .collect();
        b.push(Block::Para(vec![
            Span::bold("Top misconceptions (chosen fairly sure or certain): "),
            Span::plain(items.join("; ")),
        ]));
    }
}

/// The short summary printed when a live class ends: the report's head, each fact pattern with
/// each question the room answered and how many matched the court, and where the room left
/// the court's path (the charts and the gradebook are in the full report).
pub fn summary(r: &ClassReport) -> Vec<Block> {
    let mut b = vec![para(format!(
        "Class report: {} ({} scored, {} skipped)",
        r.pack.title,
        count(r.students.len(), "results file", "results files"),
        r.skipped.len()
    ))];
    for p in &r.patterns {
        b.push(para(format!(
            "{} ({}): {} taken to a result; the court's conclusion reached on their own \
             answers by {}.",
            p.title, p.case, p.takers, p.outcome_matched
        )));
        let items: Vec<Vec<Span>> = p
            .questions
            .iter()
            .filter(|q| q.court_answer.is_some() && q.answered > 0)
            .map(|q| {
                vec![Span::plain(format!(
                    "{}: {} of {} matched the court",
                    q.question, q.matched, q.answered
                ))]
            })
            .chain(std::iter::once(vec![Span::plain(format!(
                "First left the court's path at: {}",
                p.departures
                    .iter()
                    .map(|d| format!("{} {}", d.question, d.count))
                    .chain(std::iter::once(format!("never left {}", p.never_left)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ))]))
            .collect();
        b.push(Block::Bullets(items));
    }
    b
}
