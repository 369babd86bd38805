//! Building the memo's model from a matter walked through the pack: each screening's brief
//! answer, facts, pending question and contingencies, and the question presented. Every string
//! taken from the pack or the matter is cleaned here, once.

use std::collections::HashSet;

use super::{
    BriefAnswer, BriefCertainty, Fact, MemoAlternative, MemoContingency, MemoScreening,
    PendingQuestion, join_and,
};
use crate::engine::{Contingency, Followed, Session};
use crate::matter::{Answer, MatterInfo, Misfit};
use crate::pack::{Node, Pack};
use crate::report::{Report, ReportContext};
use crate::text::Clean;

/// Text as the memo stores it. Pack and matter text is already [`Clean`] (this changes
/// nothing); ids, dates and answers a matter holds that the pack does not know are plain
/// strings, and become clean here.
pub(super) fn clean(s: &str) -> String {
    Clean::new(s).into_string()
}

fn clean_opt<S: AsRef<str>>(s: Option<&S>) -> Option<String> {
    s.map(|s| clean(s.as_ref()))
}

/// The matter's details: its text fields are `Clean` already; its dates are plain strings.
pub(super) fn clean_info(info: &MatterInfo) -> MatterInfo {
    MatterInfo {
        opened: clean_opt(info.opened.as_ref()),
        updated: clean_opt(info.updated.as_ref()),
        ..info.clone()
    }
}

/// "Does absolute or qualified immunity bar the § 1983 claims against A, B and C?": one short
/// question naming each defendant once.
pub(super) fn question_presented(screenings: &[MemoScreening]) -> String {
    let mut who: Vec<String> = Vec::new();
    for s in screenings {
        let name = crate::document::line(&s.defendant).into_string();
        if !who.contains(&name) {
            who.push(name);
        }
    }
    if who.is_empty() {
        return "No defendant has been screened yet.".to_owned();
    }
    let names = match who.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    format!("Does absolute or qualified immunity bar the § 1983 claims against {names}?")
}

/// "a", "a or b", "a; b; or c".
fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        [init @ .., last] => format!("{}; or {last}", init.join("; ")),
    }
}

/// The caveats of conclusion `c` that apply on the walked path: those the pack ties to answers
/// (its `caveat_paths`) only where the path gave one of them, the rest always. A clerk's
/// screening does not get the receiver's or the caseworker's caveats of the same conclusion.
fn other_bars(pack: &Pack, c: usize, walked: &crate::engine::Followed) -> Vec<String> {
    pack.caveats_on(c, &walked.steps)
        .into_iter()
        .map(ToString::to_string)
        .collect()
}

/// One screening as the memo states it (its brief answer, facts, pending question and
/// contingencies): the model the matter screen and the conclusion screen draw as well.
pub fn screening(
    number: usize,
    s: &crate::matter::Screening,
    pack: &Pack,
    ctx: &ReportContext,
) -> MemoScreening {
    let fit = s.fit(pack);
    let walked = crate::engine::follow(pack, &fit.answers);
    let session = session_of(pack, &walked);
    let discussion = Report::from_session(&session, ctx);
    let pending = match walked.end {
        Node::Question(q) => {
            let question = pack.question(q);
            Some(PendingQuestion {
                question: clean(&question.id),
                prompt: clean(&question.prompt),
                options: question
                    .options
                    .iter()
                    .map(|o| format!("{}: {}", clean(&o.id), clean(&o.label)))
                    .collect(),
                labels: question.options.iter().map(|o| clean(&o.label)).collect(),
            })
        }
        Node::Conclusion(_) => None,
    };
    let on_path: HashSet<usize> = walked.steps.iter().map(|st| st.question).collect();
    let mut facts: Vec<Fact> = walked
        .steps
        .iter()
        .filter_map(|st| {
            let question = pack.question(st.question);
            let saved = s.answer(&question.id)?;
            Some(fact(pack, st.question, st.option, saved, true))
        })
        .collect();
    for a in &s.answers {
        if let Some(q) = pack.question_index(&a.question)
            && !on_path.contains(&q)
            && let Some(o) = pack.option_index(q, &a.option)
        {
            facts.push(fact(pack, q, o, a, false));
        }
    }
    let contingencies: Vec<MemoContingency> = s
        .contingencies(pack, &fit)
        .into_iter()
        .map(|(i, c)| contingency(pack, &s.answers[i], &c))
        .collect();
    let brief = brief(discussion.as_ref(), pending.as_ref(), &contingencies);
    let other_bars = match (walked.end, discussion.as_ref()) {
        (Node::Conclusion(c), Some(_)) => other_bars(pack, c, &walked),
        _ => Vec::new(),
    };
    MemoScreening {
        number,
        defendant: clean(&s.defendant),
        role: clean_opt(s.role.as_ref()),
        act: clean_opt(s.act.as_ref()),
        answers: s
            .answers
            .iter()
            .map(|a| Answer {
                question: clean(&a.question).into(),
                option: clean(&a.option).into(),
                note: clean_opt(a.note.as_ref()).map(Into::into),
                cites: a.cites.iter().map(|c| Clean::new(c)).collect(),
                certainty: a.certainty,
                written_for: clean_opt(a.written_for.as_ref()).map(Into::into),
            })
            .collect(),
        brief,
        facts,
        discussion,
        pending,
        contingencies,
        other_bars,
        misfits: fit
            .misfits
            .iter()
            .map(|m| Misfit {
                index: m.index,
                question: clean(&m.question),
                option: clean(&m.option),
                reason: clean(&m.reason),
            })
            .collect(),
        pack_changed: fit.pack_changed,
    }
}

/// A session standing where `walked` ends, for the report model.
fn session_of<'p>(pack: &'p Pack, walked: &Followed) -> Session<'p> {
    let mut session = Session::new(pack);
    for step in &walked.steps {
        // The steps were followed through the same pack: every option is in range.
        let _ = session.answer(step.option);
    }
    session
}

fn fact(pack: &Pack, q: usize, o: usize, saved: &Answer, on_path: bool) -> Fact {
    let question = pack.question(q);
    Fact {
        question: clean(&question.id),
        prompt: clean(&question.prompt),
        short: Some(clean(question.short_or_prompt())),
        answer: clean(&question.options[o].id),
        label: clean(&question.options[o].label),
        note: clean_opt(saved.note.as_ref()),
        cites: saved.cites.iter().map(|c| clean(c)).collect(),
        certainty: saved.certainty,
        on_path,
        for_answer: saved.is_annotated().then(|| clean(saved.written_for())),
        stale: saved.is_stale(),
        for_label: saved.is_stale().then(|| {
            pack.option_index(q, saved.written_for()).map_or_else(
                || clean(saved.written_for()),
                |o| clean(&question.options[o].label),
            )
        }),
    }
}

/// Where a path ends, as the memo names it: the conclusion's id and headline, or the prompt and
/// id of the question never answered where it stops.
type Ending = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn ending(pack: &Pack, end: Node) -> Ending {
    match end {
        Node::Conclusion(c) => {
            let c = pack.conclusion(c);
            (
                Some(clean(&c.id)),
                Some(crate::report::headline(
                    &clean(pack.outcome_label(&c.outcome)),
                    &clean(&c.title),
                )),
                None,
                None,
            )
        }
        Node::Question(q) => {
            let q = pack.question(q);
            (None, None, Some(clean(&q.prompt)), Some(clean(&q.id)))
        }
    }
}

fn contingency(pack: &Pack, saved: &Answer, c: &Contingency) -> MemoContingency {
    let question = pack.question(c.question);
    MemoContingency {
        question: clean(&question.id),
        prompt: clean(&question.prompt),
        short: Some(clean(question.short_or_prompt())),
        label: clean(&question.options[c.chosen].label),
        certainty: saved.certainty,
        on_path: c.step.is_some(),
        holds: c.holds(),
        alternatives: c
            .alternatives
            .iter()
            .map(|a| {
                let (conclusion, result, unanswered, unanswered_question) =
                    ending(pack, a.outcome.end);
                MemoAlternative {
                    answer: clean(&question.options[a.option].id),
                    label: clean(&question.options[a.option].label),
                    short: Some(clean(question.options[a.option].short_or_label())),
                    same: a.outcome.end == c.current,
                    conclusion,
                    result,
                    unanswered,
                    unanswered_question,
                }
            })
            .collect(),
    }
}

fn brief(
    report: Option<&Report>,
    pending: Option<&PendingQuestion>,
    contingencies: &[MemoContingency],
) -> BriefAnswer {
    let Some(report) = report else {
        let p = pending.map_or_else(String::new, |p| format!("“{}” ({})", p.prompt, p.question));
        return BriefAnswer {
            outcome: "Not yet screened".to_owned(),
            title: "Pending".to_owned(),
            summary: format!("The answers stop before a conclusion; the next question is {p}."),
            certainty: BriefCertainty::Pending,
            certainty_text: "none yet: the screening is not finished".to_owned(),
        };
    };
    let on_path: Vec<&MemoContingency> = contingencies.iter().filter(|c| c.on_path).collect();
    let (certainty, certainty_text) = if on_path.is_empty() {
        (
            BriefCertainty::Certain,
            // How the answers stand, not how settled the law is (audit M4).
            "no answer on the path is marked unsure or contested".to_owned(),
        )
    } else if on_path.iter().all(|c| c.holds) {
        let which: Vec<String> = on_path.iter().map(|c| format!("“{}”", c.prompt)).collect();
        (
            BriefCertainty::HoldsEitherWay,
            format!(
                "holds either way: the result is the same whichever way {} {} answered",
                join_and(&which),
                crate::words::noun(which.len(), "is", "are")
            ),
        )
    } else {
        let parts: Vec<String> = on_path
            .iter()
            .filter(|c| !c.holds)
            .map(|c| {
                // The brief answer names where the other answers lead; which answer leads
                // where is spelled out under Contingencies.
                let mut ends: Vec<String> = Vec::new();
                for a in c.alternatives.iter().filter(|a| !a.same) {
                    let end = match (&a.result, &a.unanswered) {
                        (Some(r), _) => r.clone(),
                        (None, Some(q)) => format!("a question never answered (“{q}”)"),
                        (None, None) => continue,
                    };
                    if !ends.contains(&end) {
                        ends.push(end);
                    }
                }
                format!(
                    "the {} answer to “{}”: another answer would reach {}",
                    c.certainty,
                    c.prompt,
                    join_or(&ends)
                )
            })
            .collect();
        (
            BriefCertainty::Depends,
            format!("depends on {}", join_and(&parts)),
        )
    };
    BriefAnswer {
        outcome: report.conclusion.outcome_label.clone(),
        title: report.conclusion.title.clone(),
        summary: report.conclusion.summary.clone(),
        certainty,
        certainty_text,
    }
}
