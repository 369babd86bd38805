//! `immunity walk --what-if QUESTION=OPTION` and `--why-not CONCLUSION`: the delta of one
//! changed answer, or the fewest changes that reach a conclusion, from the engine's exact
//! searches, rendered from the report's models (the TUI shows the same).

use std::collections::BTreeMap;

use immunity::engine::{self, Answers, EngineError, follow};
use immunity::pack::graph::IdError;
use immunity::pack::{Node, Pack};
use immunity::report::what_if::{self, WhatIfReport, WhyNotReport};

use super::{Exit, Failure, print_stdout};
use crate::cli::{WalkArgs, WalkFormat};

/// Prints the what-if or why-not `args` asks for, from the answers gathered by `walk`.
pub fn run(
    pack: &Pack,
    answers: &BTreeMap<String, String>,
    args: &WalkArgs,
) -> Result<Exit, Failure> {
    let json = match args.chosen_format() {
        WalkFormat::Text => false,
        WalkFormat::Json => true,
        WalkFormat::Markdown => return Err(Failure::DeltaFormat("markdown")),
        WalkFormat::Html => return Err(Failure::DeltaFormat("html")),
    };
    let given = engine::resolve_answers(pack, answers)?;
    let text = if let Some((qid, oid)) = &args.what_if {
        let change = engine::resolve_answers(pack, &BTreeMap::from([(qid.clone(), oid.clone())]))?;
        let (&question, &option) = change.iter().next().expect("one answer was resolved");
        let walk = follow(pack, &given);
        if walk.position(question).is_none() {
            return Err(Failure::NotOnPath {
                question: qid.clone(),
                path: ids(walk
                    .steps
                    .iter()
                    .map(|s| pack.question(s.question).id.as_str())),
            });
        }
        let found = engine::what_if(pack, &given, question, option)?;
        let report = WhatIfReport::new(pack, &found);
        if json {
            what_if::to_json(&report)
        } else {
            what_if::what_if_text(&report)
        }
    } else if let Some(cid) = &args.why_not {
        let Some(Node::Conclusion(target)) = pack.node(cid) else {
            return Err(Failure::UnknownConclusion {
                id: cid.clone(),
                valid: ids(pack.conclusions().iter().map(|c| c.id.as_str())),
            });
        };
        let held = held(pack, &given, &args.hold)?;
        let found = engine::why_not(pack, &given, target, &held);
        let report = WhyNotReport::new(pack, &given, &held, target, found.as_ref());
        if json {
            what_if::to_json(&report)
        } else {
            what_if::why_not_text(&report)
        }
    } else {
        unreachable!("walk calls this only with --what-if or --why-not");
    };
    print_stdout(&text)?;
    Ok(Exit::Success)
}

/// The answers of the `--hold` questions, which must have one.
fn held(pack: &Pack, given: &Answers, questions: &[String]) -> Result<Answers, Failure> {
    let mut held = Answers::new();
    for qid in questions {
        let q = pack.question_index(qid).ok_or_else(|| {
            EngineError::Id(IdError::UnknownQuestion {
                id: qid.clone(),
                valid: pack.questions().iter().map(|q| q.id.to_string()).collect(),
            })
        })?;
        let &o = given
            .get(&q)
            .ok_or_else(|| Failure::HoldUnanswered(qid.clone()))?;
        held.insert(q, o);
    }
    Ok(held)
}

/// Pack ids (clean since the pack was read) for a message, comma-separated; "(none)" for none.
fn ids<'a>(list: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = list.collect();
    if all.is_empty() {
        "(none)".to_owned()
    } else {
        all.join(", ")
    }
}
