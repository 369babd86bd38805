//! One fact pattern across a class: the tallies of first answers per question (each student's
//! first answer to a question once), where students first left the court's path, and how many
//! reached the court's conclusion, its result on another ground, or abandoned the pattern.

use std::collections::HashMap;

use super::{DepartureCount, OptionTally, PatternSummary, QuestionTally};
use crate::engine::{follow, resolve_answers};
use crate::pack::{Case, Pack};
use crate::report::one_line;
use crate::results::{OutcomeCredit, PatternResult, StepCount, score};

/// One fact pattern across the class, from the patterns counted.
pub(super) fn summarise(pack: &Pack, case: &Case, taken: &[&PatternResult]) -> PatternSummary {
    let court = resolve_answers(pack, &case.answers).unwrap_or_default();
    let court_path: Vec<usize> = follow(pack, &court)
        .steps
        .iter()
        .map(|s| s.question)
        .collect();
    // counts[question][option]: (chosen, chosen fairly sure or certain), each student's first
    // answer to a question once.
    let mut counts: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    let mut departures: HashMap<usize, usize> = HashMap::new();
    let (mut never_left, mut outcome_matched, mut other_ground) = (0, 0, 0);
    let (mut takers, mut abandoned) = (0, 0);
    for p in taken {
        let s = score(pack, p);
        match s.outcome {
            OutcomeCredit::Court => outcome_matched += 1,
            OutcomeCredit::OtherGround => other_ground += 1,
            OutcomeCredit::Different | OutcomeCredit::NotReached => {}
        }
        if s.own_conclusion.is_some() {
            takers += 1;
        } else {
            abandoned += 1;
        }
        for (step, count) in p.steps.iter().zip(&s.steps) {
            if *count == StepCount::Repeat {
                continue;
            }
            let Some(q) = pack.question_index(&step.question) else {
                continue;
            };
            let Some(o) = pack.option_index(q, &step.first_answer) else {
                continue;
            };
            let cell = &mut counts
                .entry(q)
                .or_insert_with(|| vec![(0, 0); pack.question(q).options.len()])[o];
            cell.0 += 1;
            cell.1 += usize::from(step.confidence >= 2);
        }
        match s
            .first_departure
            .and_then(|i| pack.question_index(&p.steps[i].question))
        {
            Some(q) => *departures.entry(q).or_default() += 1,
            None if s.own_conclusion.is_some() => never_left += 1,
            None => {}
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
            let court_option = court.get(&q).copied().filter(|_| court_path.contains(&q));
            tally(pack, q, court_option, counts.get(&q))
        })
        .collect();
    let departures = order
        .iter()
        .filter_map(|q| {
            departures.get(q).map(|&count| DepartureCount {
                question: one_line(&pack.question(*q).id),
                prompt: one_line(&pack.question(*q).prompt),
                count,
            })
        })
        .collect();
    PatternSummary {
        case: one_line(&case.id),
        title: one_line(&case.title),
        takers,
        abandoned,
        outcome_matched,
        other_ground,
        questions,
        departures,
        never_left,
    }
}

/// The first answers to question `q`; `court_option` is the court's answer where its path asks
/// the question.
fn tally(
    pack: &Pack,
    q: usize,
    court_option: Option<usize>,
    counts: Option<&Vec<(usize, usize)>>,
) -> QuestionTally {
    let question = pack.question(q);
    let row = counts
        .cloned()
        .unwrap_or_else(|| vec![(0, 0); question.options.len()]);
    QuestionTally {
        question: one_line(&question.id),
        prompt: one_line(&question.prompt),
        short: one_line(question.short_or_prompt()),
        court_answer: court_option.map(|o| one_line(&question.options[o].id)),
        answered: row.iter().map(|c| c.0).sum(),
        matched: court_option.map_or(0, |o| row[o].0),
        options: question
            .options
            .iter()
            .enumerate()
            .map(|(o, opt)| OptionTally {
                id: one_line(&opt.id),
                label: one_line(&opt.label),
                short: one_line(opt.short_or_label()),
                count: row[o].0,
                confident: row[o].1,
                court: court_option == Some(o),
            })
            .collect(),
    }
}
