//! The report's sentences, shared by every view of it: the provenance, the subtitle, dates in
//! words, the fact-pattern comparison, a conclusion's headline, and text folded to paragraphs or
//! one line. Each writer escapes them for its own language.

use super::{FactPatternComparison, Report};

/// A conclusion named with its outcome in one line, "Not immune: Administrative act", for
/// prose that gives both. A title that already opens with the outcome's words ("Circuits divide:
/// a clerk's own ministerial act" under "Circuits divide") stands alone, so that no reader sees
/// "Circuits divide: Circuits divide: ...".
pub fn headline(outcome_label: &str, title: &str) -> String {
    let opens_with_label = title
        .get(..outcome_label.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(outcome_label));
    if opens_with_label {
        title.to_owned()
    } else {
        format!("{outcome_label}: {title}")
    }
}

/// The provenance every format shows in its footer, in order, as (label, value): one list, so
/// the formats cannot drift apart. Values are sanitised to one line; each renderer escapes them
/// for its language.
pub(crate) fn provenance_fields(report: &Report) -> [(&'static str, String); 5] {
    [
        (
            "Pack",
            format!(
                "{}, version {} ({})",
                one_line(&report.pack.title),
                one_line(&report.pack.version),
                one_line(&report.pack.id)
            ),
        ),
        ("Law checked to", law_date(&report.pack.law_checked)),
        ("Content hash", one_line(&report.pack.content_hash)),
        (
            "Written by",
            format!(
                "{} {}",
                one_line(&report.tool.name),
                one_line(&report.tool.version)
            ),
        ),
        ("Exported", local_date_time(&report.exported_at)),
    ]
}

/// The line under the title: the pack, the date the law was checked to, and the export time.
pub(crate) fn subtitle(report: &Report) -> String {
    format!(
        "{} \u{b7} law checked to {} \u{b7} exported {}",
        one_line(&report.pack.title),
        law_date(&report.pack.law_checked),
        local_date_time(&report.exported_at)
    )
}

/// An RFC 3339 stamp in words, in the zone it was written in: "24 November 2026, 10:15
/// UTC+00:00". A stamp that does not parse (a hand-made report) is shown as it is.
fn local_date_time(stamp: &str) -> String {
    let stamp = one_line(stamp);
    match chrono::DateTime::parse_from_rfc3339(stamp.trim()) {
        Ok(t) => t.format("%-d %B %Y, %H:%M UTC%:z").to_string(),
        Err(_) => stamp,
    }
}

/// A `YYYY-MM-DD` date in words: "23 November 2026"; anything else as it is.
fn law_date(date: &str) -> String {
    let date = one_line(date);
    match chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
        Ok(d) => d.format("%-d %B %Y").to_string(),
        Err(_) => date,
    }
}

/// The fact-pattern comparison in sentences, shared by the text, Markdown and HTML renderers
/// (each escapes them for its language): the verdict, where the path left the court's, and
/// the holding's attribution. One line each, sanitised.
pub(crate) struct ComparisonWords {
    /// "You reached the same result as the court: TITLE (OUTCOME)." or the different-result
    /// sentence.
    pub verdict: String,
    /// "Your path left the court's at step N: PROMPT You answered “…”; the court answered
    /// “…”." or "Your path followed the court's at every step."
    pub path: String,
}

pub(crate) fn comparison_words(f: &FactPatternComparison) -> ComparisonWords {
    let court = &f.court_conclusion;
    let court_result = if court.outcome_label.is_empty() {
        one_line(&court.title)
    } else {
        format!(
            "{} ({})",
            one_line(&court.title),
            one_line(&court.outcome_label)
        )
    };
    let verdict = if f.same_result {
        format!("You reached the same result as the court: {court_result}.")
    } else {
        format!(
            "You reached a different result from the court's. The court's answers lead to: {court_result}."
        )
    };
    let path = match &f.departure {
        None => "Your path followed the court's at every step.".to_owned(),
        Some(d) => {
            let court = match &d.court_label {
                Some(label) => format!("the court's answer is \u{201c}{}\u{201d}", one_line(label)),
                None => "the court's path does not ask this question".to_owned(),
            };
            format!(
                "Your path left the court's at step {}: {} You answered \u{201c}{}\u{201d}; {court}.",
                d.step,
                one_line(&d.chosen.prompt),
                one_line(&d.chosen.label)
            )
        }
    };
    ComparisonWords { verdict, path }
}

/// Splits text into paragraphs (separated by blank lines), each folded to one line.
/// Renderers lay paragraphs out themselves, so a pack's line breaks can never start a block
/// (a heading, list or table) in the output.
pub(crate) fn paragraphs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in s.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.extend(line.split_whitespace());
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// Folds clean text to one line: the one [`crate::text::one_line`].
pub(crate) use crate::text::one_line;

/// Text for a field of a document block, folded to one line: the block's own text type is
/// built from it (generic, so that block builders need not name that type).
pub(crate) fn line<T: From<String>>(s: &str) -> T {
    T::from(one_line(s))
}

/// An authority where a document cites it, with its short status badge: "Citation [STATUS]"
/// (the history belongs in a table of authorities).
pub(crate) fn cited_with_badge(a: &super::CitedAuthority) -> String {
    format!("{} [{}]", one_line(&a.citation), one_line(&a.status_label))
}

/// The status of an authority and its history, in words: "REVERSED: rev'd sub nom. ...".
pub(crate) fn status_words(label: &str, history: Option<&str>) -> String {
    match history {
        Some(h) if !h.trim().is_empty() => format!("{}: {}", one_line(label), one_line(h)),
        _ => one_line(label),
    }
}

#[cfg(test)]
mod headline_tests {
    use super::headline;

    #[test]
    fn a_title_that_opens_with_its_outcome_is_not_repeated() {
        assert_eq!(
            headline("Not immune", "No absolute immunity: an administrative act"),
            "Not immune: No absolute immunity: an administrative act"
        );
        assert_eq!(
            headline(
                "Circuits divide",
                "Circuits divide: a clerk's own ministerial act"
            ),
            "Circuits divide: a clerk's own ministerial act"
        );
        assert_eq!(
            headline(
                "No § 1983 claim",
                "No § 1983 claim against a federal official"
            ),
            "No § 1983 claim against a federal official"
        );
        // Case aside, and a label longer than the title or ending inside a character.
        assert_eq!(
            headline("immune", "Immune for testimony"),
            "Immune for testimony"
        );
        assert_eq!(
            headline("Relief limited", "Relief"),
            "Relief limited: Relief"
        );
        assert_eq!(headline("§", "é"), "§: é");
    }
}
