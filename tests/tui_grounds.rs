//! The walkthrough's excerpt tabs on a fact pattern: pack order while the court's result is
//! hidden (the grounding passage would give the court's answer away), the passage that grounds
//! the court's answer in that case first once the result is revealed. On the `grounded` fixture
//! pack, whose fact pattern names as the ground of its `role` step that question's second
//! excerpt.

mod tui_support;

use std::path::Path;

use immunity::engine::{Session, resolve_answers};
use immunity::pack::{FileSet, Pack, load};
use tui_support::{app, press};

fn grounded() -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/grounded");
    load(&FileSet::from_dir(&dir).expect("the fixture is readable"))
        .expect("the fixture loads")
        .0
}

#[test]
fn once_the_result_is_revealed_the_grounding_passage_comes_first() {
    let pack = grounded();
    let case = pack
        .case("early-search")
        .expect("the fixture's fact pattern");
    let role = pack.question_index("role").expect("role");
    let grounding = immunity::report::grounds::grounding_index(&pack, case, role).unwrap();
    assert_eq!(grounding, 1, "the fact pattern names the second excerpt");
    let court = resolve_answers(&pack, &case.answers).unwrap();
    let mut a = app(&pack, std::env::temp_dir());
    a.start_walk(Some("early-search")).unwrap();
    let mut session = Session::new(&pack);
    while let Some(q) = session.current_question() {
        if q == role {
            // Before the result: pack order, so nothing gives the court's answer away.
            assert_eq!(a.excerpt_at(role, 0), 0);
        }
        let o = court[&q];
        press(&mut a, &(o + 1).to_string());
        session.answer(o).unwrap();
    }
    assert!(a.session.is_finished());
    // Back to the role after the reveal: its grounding passage is the first tab.
    press(&mut a, "b");
    assert_eq!(a.session.current_question(), Some(role));
    assert_eq!(a.excerpt_at(role, 0), grounding);
    let shown: Vec<usize> = (0..pack.question(role).excerpts.len())
        .map(|i| a.excerpt_at(role, i))
        .collect();
    assert_eq!(shown, [1, 0], "each once, the grounding one first");
}
