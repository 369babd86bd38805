//! The walkthrough's excerpt tabs on a fact pattern: pack order while the court's result is
//! hidden (the grounding passage would give the court's answer away), the passage that grounds
//! the court's answer in that case first once the result is revealed.

mod tui_support;

use immunity::engine::{Session, resolve_answers};
use tui_support::{app, bundled_pack, press};

#[test]
fn once_buckley_is_revealed_the_probable_cause_passage_comes_first() {
    let pack = bundled_pack();
    let case = pack.case("buckley").expect("the pack has Buckley");
    let act = pack
        .question_index("prosecutor-act")
        .expect("prosecutor-act");
    let grounding = immunity::report::grounds::grounding_index(&pack, case, act).unwrap();
    assert!(
        pack.question(act).excerpts[grounding]
            .quote
            .contains("an advocate before he has probable cause to have anyone arrested")
    );
    let court = resolve_answers(&pack, &case.answers).unwrap();
    let mut a = app(&pack, std::env::temp_dir());
    a.start_walk(Some("buckley")).unwrap();
    let mut session = Session::new(&pack);
    while let Some(q) = session.current_question() {
        if q == act {
            // Before the result: pack order, so nothing gives the court's answer away.
            assert_eq!(a.excerpt_at(act, 0), 0);
        }
        let o = court[&q];
        press(&mut a, &(o + 1).to_string());
        session.answer(o).unwrap();
    }
    assert!(a.session.is_finished());
    // Back to the prosecutor's act after the reveal: its grounding passage is the first tab.
    press(&mut a, "b");
    assert_eq!(a.session.current_question(), Some(act));
    assert_eq!(a.excerpt_at(act, 0), grounding);
    let shown: Vec<usize> = (0..pack.question(act).excerpts.len())
        .map(|i| a.excerpt_at(act, i))
        .collect();
    let mut sorted = shown.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        (0..shown.len()).collect::<Vec<_>>(),
        "each once: {shown:?}"
    );
}
