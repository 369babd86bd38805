//! Which passage to show first at a step of a fact pattern: the one that grounds the court's
//! answer in that case. The quiz's reveal, presenter mode's reveal and the walkthrough (once a
//! fact pattern's result is revealed) all order a question's excerpts with this, so a student
//! who answers Buckley's "advocate" reads the passage that decides the case (that a prosecutor
//! is no advocate before he has probable cause) rather than the question's first excerpt.
//!
//! The order: the fact pattern's `grounds` entry for the question (an excerpt id; `none` says no
//! bundled passage grounds that step), else the question's excerpt linked by `option` to the
//! court's answer, else the question's first excerpt; the question's other excerpts follow in
//! pack order.

use crate::pack::{Case, Excerpt, Pack};

/// The value of a `grounds` entry that says no bundled passage grounds the step.
pub const NO_GROUND: &str = "none";

/// The index (into the question's excerpts) of the excerpt that grounds the court's answer at
/// `question` in `case`, by the order above. `None` when the question has no excerpt.
pub fn grounding_index(pack: &Pack, case: &Case, question: usize) -> Option<usize> {
    let q = pack.question(question);
    if q.excerpts.is_empty() {
        return None;
    }
    let named = case
        .grounds
        .get(q.id.as_str())
        .filter(|id| id.as_str() != NO_GROUND)
        .and_then(|id| {
            q.excerpts
                .iter()
                .position(|e| e.id.as_deref() == Some(id.as_str()))
        });
    let linked = || {
        let court = case.answers.get(q.id.as_str())?;
        q.excerpts
            .iter()
            .position(|e| e.option.as_deref() == Some(court.as_str()))
    };
    Some(named.or_else(linked).unwrap_or(0))
}

/// The question's excerpts (indices) in the order to show them: for a fact pattern, the
/// grounding one first; otherwise pack order.
pub fn excerpt_order(pack: &Pack, case: Option<&Case>, question: usize) -> Vec<usize> {
    let count = pack.question(question).excerpts.len();
    let first = case.and_then(|c| grounding_index(pack, c, question));
    first
        .into_iter()
        .chain((0..count).filter(|&i| Some(i) != first))
        .collect()
}

/// The excerpt to show first at `question` for `case` (or the question's first without one).
pub fn first_excerpt<'p>(
    pack: &'p Pack,
    case: Option<&Case>,
    question: usize,
) -> Option<&'p Excerpt> {
    let i = *excerpt_order(pack, case, question).first()?;
    pack.question(question).excerpts.get(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Houseplant 2.1 with soil-dry's two excerpts linked to its options ("yes" and "no").
    fn pack() -> Pack {
        crate::results::tests::houseplant_21(|pack, _| {
            let q = pack["questions"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|q| q["id"] == "soil-dry")
                .expect("soil-dry");
            let excerpts = q["excerpts"].as_array_mut().unwrap();
            excerpts[0]["id"] = "finger".into();
            excerpts[0]["option"] = "yes".into();
            excerpts[1]["id"] = "damp".into();
            excerpts[1]["option"] = "no".into();
        })
    }

    #[test]
    fn grounds_first_then_the_excerpt_linked_to_the_courts_answer_then_the_first() {
        // The cactus pattern never asks soil-dry: the test gives it an answer and a ground there.
        let with = pack();
        let q = with.question_index("soil-dry").unwrap();
        let mut case = with.case("cactus-damp").unwrap().clone();
        case.answers.insert("soil-dry".into(), "yes".into());
        case.grounds.insert("soil-dry".into(), "damp".into());
        assert_eq!(grounding_index(&with, &case, q), Some(1), "grounds win");
        assert_eq!(excerpt_order(&with, Some(&case), q), [1, 0]);
        case.grounds.clear();
        assert_eq!(grounding_index(&with, &case, q), Some(0), "linked to 'yes'");
        case.answers.insert("soil-dry".into(), "no".into());
        assert_eq!(
            excerpt_order(&with, Some(&case), q),
            [1, 0],
            "linked to 'no'"
        );
        case.grounds.insert("soil-dry".into(), NO_GROUND.into());
        assert_eq!(grounding_index(&with, &case, q), Some(1), "none falls back");
        case.answers.clear();
        assert_eq!(grounding_index(&with, &case, q), Some(0), "the first");
        assert_eq!(excerpt_order(&with, None, q), [0, 1]);
        let glazed = with.case("glazed-pot").unwrap();
        let bone = with.question_index("soil-bone-dry").unwrap();
        assert_eq!(grounding_index(&with, glazed, bone), None, "no excerpt");
        assert!(first_excerpt(&with, Some(glazed), bone).is_none());
    }
}
