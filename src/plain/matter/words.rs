//! The matter line mode's sentences: a screening at the menu, its certainty, its fit with the
//! pack, an answer's note, cites and mark, and a contingency.

use std::fmt::Write as _;

use crate::engine::Session;
use crate::matter::memo::{BriefCertainty, MemoContingency, MemoScreening};
use crate::matter::screening::words::short;
use crate::matter::{Answer, Certainty};
use crate::pack::Pack;
use crate::plain::input::one_line;
use crate::words::{count, noun};

/// How a confirmation names an answer: "question 4 (“Deciding or managing a case: ruling, …”)",
/// numbered as the walk numbers its questions.
pub(super) fn answer_name(session: &Session<'_>, q: usize, option: usize) -> String {
    let pack = session.pack();
    let label = short(&pack.question(q).options[option].label);
    let number = session
        .history()
        .iter()
        .position(|s| s.question == q)
        .map_or(session.history().len() + 1, |i| i + 1);
    format!("question {number} (\u{201c}{label}\u{201d})")
}

/// A saved answer's note, record cites and certainty, one line each that has something.
pub(super) fn annotation_lines(a: &Answer, pack: &Pack) -> Vec<String> {
    let mut lines = Vec::new();
    if a.is_stale() {
        let earlier = pack
            .question_index(&a.question)
            .and_then(|q| {
                let o = pack.option_index(q, a.written_for())?;
                Some(pack.question(q).options[o].label.clone())
            })
            .unwrap_or_else(|| a.written_for().into());
        lines.push(format!(
            "Written for the earlier answer \u{201c}{}\u{201d}: keep makes the note, cites and mark this answer's; drop removes them.",
            short(&earlier)
        ));
    }
    if let Some(note) = &a.note {
        lines.push(format!("Note: {}", one_line(note)));
    }
    if !a.cites.is_empty() {
        let cites: Vec<String> = a.cites.iter().map(|c| one_line(c)).collect();
        lines.push(format!("Record cites: {}.", cites.join("; ")));
    }
    if a.certainty.is_uncertain() {
        lines.push(format!("Marked {}.", a.certainty.id()));
    }
    lines
}

/// One contingency in words: whether the conclusion holds whichever way the answer goes, or
/// where each other answer leads.
pub(super) fn contingency_text(c: &MemoContingency, step: Option<usize>) -> Vec<String> {
    let head = match step {
        Some(n) => format!(
            "Your {} answer to question {n} (\u{201c}{}\u{201d})",
            c.certainty.id(),
            short(&c.label)
        ),
        None => format!(
            "Your {} answer to \u{201c}{}\u{201d} (\u{201c}{}\u{201d})",
            c.certainty.id(),
            short(&c.prompt),
            short(&c.label)
        ),
    };
    if !c.on_path {
        return vec![format!("{head} is off this path: it decides nothing here.")];
    }
    if c.holds {
        return vec![format!(
            "{head}: the conclusion holds whichever way it goes."
        )];
    }
    let mut lines = vec![format!("{head}: the conclusion depends on it.")];
    for a in &c.alternatives {
        let label = one_line(&a.label);
        let label = label.trim_end_matches('.');
        lines.push(if a.same {
            format!("- If the answer were \u{201c}{label}\u{201d}: the same conclusion.")
        } else if let Some(r) = &a.result {
            format!(
                "- If the answer were \u{201c}{label}\u{201d}: {}.",
                one_line(r).trim_end_matches('.')
            )
        } else if let Some(q) = &a.unanswered {
            let prompt = one_line(q);
            format!(
                "- If the answer were \u{201c}{label}\u{201d}: the walk stops at a question never answered: \u{201c}{}\u{201d}",
                prompt.trim_end_matches('.')
            )
        } else {
            format!("- If the answer were \u{201c}{label}\u{201d}: no conclusion.")
        });
    }
    lines
}

/// For a screening saved with another pack or version, or with answers the pack does not
/// have: what changed and each such answer (kept).
pub(super) fn fit_lines(
    number: usize,
    defendant: &str,
    screening: &crate::matter::Screening,
    pack: &Pack,
) -> Vec<String> {
    let fit = screening.fit(pack);
    let mut lines = Vec::new();
    if let Some(changed) = &fit.pack_changed {
        lines.push(format!(
            "Screening {number}, {defendant}: {}.",
            one_line(changed)
        ));
    }
    if !fit.misfits.is_empty() {
        lines.push(format!(
            "Screening {number}, {defendant}: {} no longer {} the pack; kept in the file, not used in the walk:",
            count(fit.misfits.len(), "saved answer", "saved answers"),
            noun(fit.misfits.len(), "fits", "fit")
        ));
        for m in &fit.misfits {
            lines.push(format!(
                "- {} = {}: {}.",
                one_line(&m.question),
                one_line(&m.option),
                one_line(&m.reason)
            ));
        }
    }
    lines
}

/// One screening at the menu: number, defendant, act, conclusion or pending question,
/// certainty.
pub(super) fn menu_line(s: &MemoScreening) -> String {
    let mut line = format!("{}. {}", s.number, one_line(&s.defendant));
    if let Some(role) = &s.role {
        let _ = write!(line, " ({})", one_line(role));
    }
    if let Some(act) = &s.act {
        let _ = write!(line, ", act: {}", one_line(act).trim_end_matches('.'));
    }
    line.push_str(". ");
    let result = match (&s.discussion, &s.pending) {
        (Some(r), _) => format!(
            "{}: {}. Certainty: {}.",
            one_line(&r.conclusion.outcome_label),
            one_line(&r.conclusion.title).trim_end_matches('.'),
            certainty_words(s)
        ),
        (None, Some(p)) if s.answers.is_empty() => format!(
            "Not started: first question \u{201c}{}\u{201d}",
            one_line(&p.prompt)
        ),
        (None, Some(p)) => format!("Pending at \u{201c}{}\u{201d}", one_line(&p.prompt)),
        (None, None) => "Pending".to_owned(),
    };
    line.push_str(&result);
    if s.pack_changed.is_some() || !s.misfits.is_empty() {
        line.push_str(" (saved with another pack version: see the report above)");
    }
    if !line.ends_with('.') && !line.ends_with('?') {
        line.push('.');
    }
    line
}

/// "holds either way" or "depends on 1 unsure answer" (the answers that would change it).
pub(super) fn certainty_words(s: &MemoScreening) -> String {
    match s.brief.certainty {
        BriefCertainty::Certain => {
            "sure: no answer on the path is marked unsure or contested".into()
        }
        BriefCertainty::HoldsEitherWay => "holds either way".into(),
        BriefCertainty::Pending => "none yet".into(),
        BriefCertainty::Depends => {
            let deciding = s.contingencies.iter().filter(|c| c.on_path && !c.holds);
            let (mut unsure, mut contested) = (0, 0);
            for c in deciding {
                match c.certainty {
                    Certainty::Contested => contested += 1,
                    _ => unsure += 1,
                }
            }
            let mut parts = Vec::new();
            if unsure > 0 {
                parts.push(count(unsure, "unsure answer", "unsure answers"));
            }
            if contested > 0 {
                parts.push(count(contested, "contested answer", "contested answers"));
            }
            format!("depends on {}", parts.join(" and "))
        }
    }
}

pub(super) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
