//! The fact-pattern comparison: how a walk of one of the pack's fact patterns compares with
//! the court's own path through the same questions. Built once here; the TUI's conclusion
//! screen, `walk --case` and every export render it.

use crate::engine::{Session, divergence};
use crate::pack::{AuthorityRef, Case, Node, Pack};

use super::{
    ChosenAnswer, CitedAuthority, ConclusionRef, Departure, FactPatternComparison, cite_authority,
    owned,
};

/// Compares a session standing at a conclusion with `case`: whether it reached the court's
/// result, the first step where its answers left the court's, and what the court held.
/// `None` when the session has not reached a conclusion.
pub fn compare(session: &Session<'_>, case: &Case) -> Option<FactPatternComparison> {
    let pack = session.pack();
    let reached = session.conclusion()?;
    let expected = match pack.node(&case.expected) {
        Some(Node::Conclusion(c)) => Some(c),
        _ => None,
    };
    let departure = divergence(session, case).map(|index| {
        let step = session.history()[index];
        let question = pack.question(step.question);
        let court = case
            .answers
            .get(question.id.as_str())
            .and_then(|id| question.options.iter().find(|o| &o.id == id));
        Departure {
            step: index + 1,
            chosen: ChosenAnswer::of(pack, step),
            court_answer: court.map(|o| owned(&o.id)),
            court_label: court.map(|o| owned(&o.label)),
        }
    });
    Some(FactPatternComparison {
        case: owned(&case.id),
        title: owned(&case.title),
        citation: owned(&case.citation),
        authority: case_authority(pack, case),
        facts: owned(&case.facts),
        same_result: expected == Some(reached),
        court_conclusion: expected.map_or_else(
            || ConclusionRef {
                id: owned(&case.expected),
                title: owned(&case.expected),
                outcome: String::new(),
                outcome_label: String::new(),
            },
            |c| ConclusionRef::of(pack, pack.conclusion(c)),
        ),
        departure,
        holding: owned(&case.holding),
    })
}

/// The pack's source for the fact pattern's own decision (same citation), so the holding is
/// shown with the decision's status.
/// The fact pattern's decision as an authority of the pack, with its status, when the pack
/// holds it (matched by citation).
pub fn case_authority(pack: &Pack, case: &Case) -> Option<CitedAuthority> {
    let source = pack
        .sources()
        .iter()
        .find(|s| s.citation == case.citation)?;
    cite_authority(
        pack,
        &AuthorityRef {
            source: source.id.clone(),
            pin: None,
        },
    )
}
