//! The memo's sections after the brief answers: what remains and what was not screened, the
//! other bars to check (each once, under the defendants it applies to) and the contingencies
//! (each marked answer's alternatives grouped by the result they reach).

use super::layout::{alternative_name, by_defendant, end_of, heading, join_list, sentence, short};
use super::{Memo, MemoContingency, MemoScreening};
use crate::document::{Block, Span};
use crate::report::headline;

/// "3. Judge A. Roe — enjoin his courtroom practice" (no role: the brief answers gave it).
fn number_and_act(s: &MemoScreening) -> String {
    match s.act.as_deref().map(String::from) {
        Some(act) if !act.is_empty() => {
            format!("{}. {} — {act}", s.number, String::from(&s.defendant))
        }
        _ => format!("{}. {}", s.number, String::from(&s.defendant)),
    }
}

fn answered<'m>(s: &'m MemoScreening, question: &str) -> Option<&'m str> {
    s.facts
        .iter()
        .find(|f| f.on_path && f.question == question)
        .map(|f| f.answer.as_str())
}

/// Claims the screenings leave open; screenings not finished; relief and capacities not
/// walked; answers marked unsure or contested, notes written for an earlier answer and answers
/// that no longer fit the pack (what the screening itself has not settled); who else to screen.
pub fn remains(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "What remains and what was not screened");
    let mut items: Vec<Vec<Span>> = Vec::new();
    for s in &memo.screenings {
        match (&s.discussion, &s.pending) {
            (Some(r), _) if r.conclusion.outcome != "immune" => items.push(vec![
                Span::bold(format!("{}: ", number_and_act(s))),
                Span::plain(sentence(&headline(
                    &r.conclusion.outcome_label,
                    &r.conclusion.title,
                ))),
            ]),
            (None, pending) => items.push(vec![
                Span::bold(format!("{}: ", number_and_act(s))),
                Span::plain(match pending {
                    Some(p) => format!(
                        "not finished; the next question is “{}”.",
                        String::from(&p.prompt)
                    ),
                    None => "not finished.".to_owned(),
                }),
            ]),
            (Some(_), _) => {}
        }
    }
    not_walked(&mut items, memo);
    unsettled(&mut items, memo);
    items.push(vec![Span::plain(
        "Anyone else the complaint names (an officer who carried out an order, for instance) needs a screening of their own.",
    )]);
    out.push(Block::Bullets(items));
}

/// Relief and capacities no walk of a judge or official covered.
fn not_walked(items: &mut Vec<Vec<Span>>, memo: &Memo) {
    for (name, list) in by_defendant(memo) {
        let kind = list.iter().find_map(|s| answered(s, "defendant"));
        if !matches!(kind, Some("judge" | "official")) {
            continue;
        }
        // The relief question: `relief` for a judge, `staff-relief` and the like for others.
        let relief: Vec<&str> = list
            .iter()
            .flat_map(|s| {
                s.facts
                    .iter()
                    .filter(|f| f.on_path && f.question.ends_with("relief"))
                    .map(|f| f.answer.as_str())
            })
            .collect();
        if !relief.contains(&"injunction-or-declaration") {
            items.push(vec![Span::plain(format!(
                "An injunction or a declaration against {name}: not screened."
            ))]);
        }
        if kind == Some("judge") && !relief.contains(&"damages") {
            items.push(vec![Span::plain(format!(
                "Damages against {name}: not screened."
            ))]);
        }
        if list
            .iter()
            .any(|s| answered(s, "capacity") == Some("personal"))
        {
            items.push(vec![Span::plain(format!(
                "Damages against {name} in an official capacity, if the complaint also sues in that capacity: not screened (the walk treats both capacities as personal)."
            ))]);
        }
    }
}

/// Marked answers, notes written for an earlier answer, answers that no longer fit the pack
/// and screenings walked with another pack: one line each, by screening number.
fn unsettled(items: &mut Vec<Vec<Span>>, memo: &Memo) {
    let mut marked: Vec<String> = Vec::new();
    let mut stale: Vec<String> = Vec::new();
    let mut misfit: Vec<String> = Vec::new();
    let mut changed: Vec<String> = Vec::new();
    for s in &memo.screenings {
        for c in s.contingencies.iter().filter(|c| c.on_path) {
            let holds = if c.holds { "; holds either way" } else { "" };
            marked.push(format!(
                "{} (“{}”, {}{holds})",
                s.number,
                short(c),
                c.certainty
            ));
        }
        for f in s.facts.iter().filter(|f| f.stale) {
            let q = String::from(f.short.as_deref().unwrap_or(&f.prompt));
            stale.push(match &f.for_label {
                Some(l) => format!("{} (“{q}”, written for “{}”)", s.number, String::from(l)),
                None => format!("{} (“{q}”)", s.number),
            });
        }
        if !s.misfits.is_empty() {
            misfit.push(format!("{} ({})", s.number, s.misfits.len()));
        }
        if s.pack_changed.is_some() {
            changed.push(s.number.to_string());
        }
    }
    for (list, what, lead) in [
        (
            marked,
            "Answers marked unsure or contested",
            "weighed under Contingencies: screening ",
        ),
        (
            stale,
            "Notes written for an earlier answer",
            "to check against the answer given: screening ",
        ),
        (
            misfit,
            "Saved answers that no longer fit the pack",
            "kept in the matter, deciding nothing: screening ",
        ),
        (
            changed,
            "Saved with another pack or version",
            "walked again with this one: screening ",
        ),
    ] {
        if !list.is_empty() {
            items.push(vec![
                Span::bold(format!("{what}: ")),
                Span::plain(format!("{lead}{}.", join_list(&list))),
            ]);
        }
    }
}

/// The conclusions' caveats, each once, under the defendants it applies to: those every
/// defendant shares first, then those several share, then each defendant's own.
pub fn other_bars(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Other bars to check");
    let defendants = by_defendant(memo);
    // Each distinct bar in order of first appearance, with the defendants it applies to.
    let mut bars: Vec<(String, Vec<usize>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (d, (_, list)) in defendants.iter().enumerate() {
        for b in list.iter().flat_map(|s| s.other_bars.iter()) {
            let b = String::from(b);
            if let Some(&i) = index.get(&b) {
                if !bars[i].1.contains(&d) {
                    bars[i].1.push(d);
                }
            } else {
                index.insert(b.clone(), bars.len());
                bars.push((b, vec![d]));
            }
        }
    }
    if bars.is_empty() {
        out.push(Block::Para(vec![Span::plain(
            "None recorded by the pack for the conclusions reached.",
        )]));
        return;
    }
    // Groups by the set of defendants, the largest sets first, then in order of appearance.
    let mut groups: Vec<(Vec<usize>, Vec<String>)> = Vec::new();
    for (bar, who) in bars {
        match groups.iter_mut().find(|(w, _)| *w == who) {
            Some((_, list)) => list.push(bar),
            None => groups.push((who, vec![bar])),
        }
    }
    groups.sort_by_key(|(who, _)| std::cmp::Reverse(who.len()));
    let single = defendants.len() == 1;
    for (who, list) in groups {
        if !single {
            let title = if who.len() == defendants.len() {
                "Every defendant".to_owned()
            } else {
                let names: Vec<String> = who.iter().map(|&d| defendants[d].0.clone()).collect();
                join_list(&names)
            };
            heading(out, 2, &title);
        }
        out.push(Block::plain_bullets(list.iter()));
    }
}

/// Per screening, each marked answer's alternatives grouped by the result they reach, in one
/// paragraph: "“Staff act” is marked unsure. Answered “a” or “b”: Not immune: …; answered
/// “c”: a further question (…)."
pub fn contingencies(out: &mut Vec<Block>, memo: &Memo) {
    heading(out, 1, "Contingencies");
    let mut any = false;
    for s in &memo.screenings {
        for c in s.contingencies.iter().filter(|c| c.on_path) {
            any = true;
            let mut spans = vec![
                Span::bold(format!("{}: ", number_and_act(s))),
                Span::plain(format!("“{}” is marked {}", short(c), c.certainty)),
            ];
            if c.holds {
                spans.push(Span::plain("; every other answer reaches the same result."));
            } else {
                spans.push(Span::plain(". "));
                let groups = groups(c);
                let last = groups.len().saturating_sub(1);
                for (i, (end, names)) in groups.into_iter().enumerate() {
                    let lead = if i == 0 { "Answered" } else { " answered" };
                    let stop = if i == last { "." } else { ";" };
                    spans.push(Span::plain(format!(
                        "{lead} {}: {end}{stop}",
                        or_list(&names)
                    )));
                }
            }
            out.push(Block::Para(spans));
        }
    }
    if !any {
        out.push(Block::Para(vec![Span::plain(
            "No answer on a path is marked unsure or contested.",
        )]));
    }
}

/// The results other answers reach, each with the answers that reach it.
fn groups(c: &MemoContingency) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for a in c.alternatives.iter().filter(|a| !a.same) {
        let Some(end) = end_of(a) else {
            continue;
        };
        match groups.iter_mut().find(|(e, _)| *e == end) {
            Some((_, names)) => names.push(alternative_name(a)),
            None => groups.push((end, vec![alternative_name(a)])),
        }
    }
    groups
}

/// "a", "a or b", "a, b or c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
