//! Tests of the quiz recorder, scoring and loading, on the houseplant pack; the class
//! report's collation is tested in `tests/class.rs`.

mod class;

use std::path::Path;

use super::*;
use crate::pack::{FileSet, load as load_pack};

fn houseplant() -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant");
    load_pack(&FileSet::from_dir(&dir).unwrap()).unwrap().0
}

fn case(pack: &Pack, id: &str) -> usize {
    pack.cases().iter().position(|c| c.id == id).unwrap()
}

/// Houseplant in pack format 2.1 (short forms, excerpt ids, grounds `none` on every step,
/// distinctive phrases), after `edit` changes its pack.json and cases.json as JSON values: the
/// 2.1 fields a test needs (grounds, `historical`) make a pack 2.1, which needs them all.
pub(crate) fn houseplant_21(
    edit: impl FnOnce(&mut serde_json::Value, &mut serde_json::Value),
) -> Pack {
    use serde_json::{Value, json};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant");
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).unwrap();
    let mut pack: Value = serde_json::from_str(&read("pack.json")).unwrap();
    let mut cases: Value = serde_json::from_str(&read("cases.json")).unwrap();
    for q in pack["questions"].as_array_mut().unwrap() {
        q["short"] = json!(format!("{}?", q["id"].as_str().unwrap()));
        let qid = q["id"].as_str().unwrap().to_owned();
        for o in q["options"].as_array_mut().unwrap() {
            o["short"] = o["label"].clone();
        }
        if let Some(excerpts) = q.get_mut("excerpts").and_then(Value::as_array_mut) {
            for (i, e) in excerpts.iter_mut().enumerate() {
                e["id"] = json!(format!("{qid}-{i}"));
            }
        }
    }
    for (i, c) in cases["cases"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        let grounds: serde_json::Map<String, Value> = c["answers"]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| (k.clone(), json!("none")))
            .collect();
        c["grounds"] = Value::Object(grounds);
        c["distinctive"] = json!([format!("zzyzx marker {i}")]);
    }
    edit(&mut pack, &mut cases);
    let files = [
        ("pack.json".to_owned(), pack.to_string()),
        ("cases.json".to_owned(), cases.to_string()),
        (
            "sources/watering-guide.txt".to_owned(),
            read("sources/watering-guide.txt"),
        ),
    ];
    load_pack(&FileSet::new("houseplant-2.1", files.into_iter().collect()))
        .unwrap()
        .0
}

fn option(pack: &Pack, run: &QuizRun<'_>, id: &str) -> usize {
    let q = run.current_question().expect("a question awaits");
    pack.option_index(q, id).unwrap()
}

/// Takes fact pattern `case_id`, answering each question in `answers` (option id, confidence)
/// and going on as `along` says.
fn take(pack: &Pack, case_id: &str, answers: &[(&str, u8, Along)]) -> PatternResult {
    let mut run = QuizRun::new(pack, case(pack, case_id));
    for (i, &(id, c, along)) in answers.iter().enumerate() {
        let o = option(pack, &run, id);
        run.commit(o, Confidence::from_level(c).unwrap(), 1000 * (i as u64 + 1))
            .unwrap();
        run.go_on(along).unwrap();
    }
    run.result()
}

/// Takes fact pattern `case_id` as [`take`] does, going on along the student's own path after
/// every answer.
fn take_own(pack: &Pack, case_id: &str, answers: &[(&str, u8)]) -> PatternResult {
    let answers: Vec<_> = answers.iter().map(|&(id, c)| (id, c, Along::Own)).collect();
    take(pack, case_id, &answers)
}

#[test]
fn all_right_scores_every_step_the_outcome_and_certainty_by_confidence() {
    let pack = houseplant();
    // fern-dry: drainage=yes, succulent=no, soil-dry=yes -> water.
    let p = take_own(&pack, "fern-dry", &[("yes", 1), ("no", 2), ("yes", 3)]);
    let s = score(&pack, &p);
    assert_eq!((s.matched, s.scored, s.court_steps), (3, 3, 3));
    assert_eq!(s.outcome, OutcomeCredit::Court);
    assert_eq!((s.certainty, s.certainty_max), (1 + 2 + 3, 9));
    assert_eq!(
        s.line(),
        "Score: 3 of 3 steps matched the court; certainty +6 of +9; outcome 2 of 2: your own \
         answers reach the court's conclusion."
    );
    assert_eq!(p.score.as_ref().map(|r| r.line.clone()), Some(s.line()));
    assert!(s.confident_errors.is_empty());
    assert_eq!(s.first_departure, None);
    assert_eq!(p.conclusion.as_deref(), Some("water"));
    assert_eq!(p.first_departure, None);
    assert_eq!(p.steps[2].millis, 3000);
}

#[test]
fn a_certain_error_costs_six_and_leads_the_confident_errors() {
    let pack = houseplant();
    // Wrong at succulent (certain), then on along their own path: soil-bone-dry is not on the
    // court's path, so it is not scored.
    let p = take_own(&pack, "fern-dry", &[("yes", 2), ("yes", 3), ("no", 3)]);
    let s = score(&pack, &p);
    assert_eq!((s.matched, s.scored), (1, 2));
    assert_eq!(s.certainty, 2 - 6);
    assert_eq!(s.confident_errors, [1]);
    assert_eq!(s.first_departure, Some(1));
    assert_eq!(p.first_departure.as_deref(), Some("succulent"));
    assert_eq!(p.steps[2].court_answer, None);
    assert_eq!(s.steps[2], StepCount::OffCourt);
    assert_eq!(p.steps[2].counts.as_deref(), Some("off-court"));
    assert_eq!(p.steps[1].points, Some(-6));
    assert_eq!(
        s.outcome,
        OutcomeCredit::Different,
        "wait is not the court's outcome"
    );
}

#[test]
fn after_a_departure_the_courts_path_is_practice_and_the_outcome_is_the_students_own() {
    let pack = houseplant();
    let p = take(
        &pack,
        "fern-dry",
        &[
            ("yes", 3, Along::Own),
            ("yes", 1, Along::Court),
            ("yes", 2, Along::Own),
        ],
    );
    assert_eq!(p.conclusion.as_deref(), Some("water"));
    assert!(p.followed_court);
    let s = score(&pack, &p);
    // Right and certain +3, then wrong as a guess 0: the departure, scored; soil-dry, answered
    // along the court's path after it, is practice.
    assert_eq!((s.matched, s.scored), (1, 2));
    assert_eq!(s.certainty, 3);
    assert_eq!(s.practice(), [2]);
    assert!(
        s.confident_errors.is_empty(),
        "a wrong guess is not a confident error"
    );
    // Their own answers (a succulent) stop at soil-bone-dry, which they never answered: the
    // walk's "water" along the court's path is not theirs.
    assert_eq!(s.outcome, OutcomeCredit::NotReached);
    assert_eq!(s.own_conclusion, None);
}

/// Houseplant with the "repot" conclusion given the outcome "water": a pot without a hole then
/// reaches the fern's result (water) on another ground.
fn houseplant_two_grounds() -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant");
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).unwrap();
    let pack = read("pack.json").replace(
        "\"id\": \"repot\",\n      \"outcome\": \"fix\"",
        "\"id\": \"repot\",\n      \"outcome\": \"water\"",
    );
    assert!(
        pack.contains("\"id\": \"repot\",\n      \"outcome\": \"water\""),
        "the fixture changed"
    );
    let files = [
        ("pack.json".to_owned(), pack),
        ("cases.json".to_owned(), read("cases.json")),
        (
            "sources/watering-guide.txt".to_owned(),
            read("sources/watering-guide.txt"),
        ),
    ];
    load_pack(&FileSet::new("two-grounds", files.into_iter().collect()))
        .unwrap()
        .0
}

#[test]
fn the_courts_result_on_another_ground_earns_part_of_the_outcome() {
    let pack = houseplant_two_grounds();
    let case = pack.case("fern-dry").unwrap();
    let own = take_own(&pack, "fern-dry", &[("no", 3)]);
    let s = score(&pack, &own);
    assert_eq!(s.outcome, OutcomeCredit::OtherGround);
    assert_eq!(s.outcome_points(), 1);
    assert_eq!((s.matched, s.scored, s.certainty), (0, 1, -6));
    let q = pack.question_index("drainage").unwrap();
    let no = pack.option_index(q, "no").unwrap();
    let words = score::other_ground(&pack, case, q, no).unwrap();
    assert!(words.contains("on another ground: Repot first"), "{words}");
    assert!(words.contains("on this ground: Water it"), "{words}");
    // The same first answer, then the court's path to the end, or a retry: the same score.
    let court = take(
        &pack,
        "fern-dry",
        &[
            ("no", 3, Along::Court),
            ("no", 2, Along::Own),
            ("yes", 2, Along::Own),
        ],
    );
    assert_eq!(score(&pack, &court).line(), s.line());
    let mut run = QuizRun::new(
        &pack,
        pack.cases()
            .iter()
            .position(|c| c.id == "fern-dry")
            .unwrap(),
    );
    run.commit(no, Confidence::Certain, 5).unwrap();
    run.go_on(Along::Own).unwrap();
    assert!(run.retry_from_departure());
    let yes = pack.option_index(q, "yes").unwrap();
    let r = run.commit(yes, Confidence::Certain, 5).unwrap();
    assert!(!r.first);
    run.go_on(Along::Own).unwrap();
    assert_eq!(score(&pack, &run.result()).line(), s.line());
    assert_eq!(run.result().score, own.score);
}

#[test]
fn only_the_first_answer_counts_and_later_changes_are_revisions() {
    let pack = houseplant();
    let mut run = QuizRun::new(&pack, case(&pack, "fern-dry"));
    let yes = option(&pack, &run, "yes");
    let r = run.commit(yes, Confidence::Certain, 10).unwrap();
    assert!(r.first && r.matched());
    assert_eq!(
        run.current_question(),
        None,
        "nothing to answer until going on"
    );
    run.go_on(Along::Own).unwrap();
    let wrong = option(&pack, &run, "yes");
    let r = run.commit(wrong, Confidence::FairlySure, 20).unwrap();
    assert!(!r.matched());
    assert_eq!(r.court, pack.option_index(r.question, "no"));
    run.go_on(Along::Own).unwrap();
    // Retry from where they left the court: succulent again, answered right this time.
    assert!(run.retry_from_departure());
    let right = option(&pack, &run, "no");
    let r = run.commit(right, Confidence::Certain, 30).unwrap();
    assert!(!r.first && r.matched());
    run.go_on(Along::Own).unwrap();
    let p = run.result();
    assert_eq!(
        p.steps[1].first_answer, "yes",
        "the first answer stays the scored one"
    );
    assert_eq!(p.steps[1].revisions, 1);
    assert_eq!(p.steps[1].confidence, 2);
    assert_eq!(score(&pack, &p).matched, 1);
    assert_eq!(p.first_departure.as_deref(), Some("succulent"));
}

#[test]
fn results_round_trip_and_bad_files_are_named() {
    let pack = houseplant();
    let mut results = Results::new(&pack, "Ada\u{1b}[31m", "0.1.0", "2026-11-24T10:00:00Z");
    assert_eq!(
        results.student, "Ada[31m",
        "control characters never reach the file"
    );
    results
        .patterns
        .push(take_own(&pack, "glazed-pot", &[("no", 3)]));
    let text = results.to_json();
    assert_eq!(load(&pack, &text).unwrap(), results);

    let other = text.replace(pack.content_hash(), "0000");
    assert!(matches!(
        load(&pack, &other),
        Err(LoadError::OtherPack { .. })
    ));
    let err = load(&pack, "{\n  \"format\": 3\n}").unwrap_err();
    assert!(matches!(err, LoadError::Malformed { line: 2, .. }), "{err}");
    let err = load(
        &pack,
        &text.replace("\"first_answer\": \"no\"", "\"first_answer\": \"maybe\""),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "patterns[0].steps[0]: question \"drainage\" has no option \"maybe\""
    );
    let err = load(
        &pack,
        &text.replace("\"confidence\": 3", "\"confidence\": 4"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "patterns[0].steps[0]: confidence 4 is not 1, 2 or 3"
    );
    let err = load(&pack, &text.replace("immunity-results", "immunity-report")).unwrap_err();
    assert!(err.to_string().starts_with("not a results file"), "{err}");
}

#[test]
fn a_historical_pattern_shows_what_the_court_then_held_and_todays_law() {
    let pack = houseplant_21(|_, cases| {
        let fern = &mut cases["cases"][0];
        assert_eq!(fern["id"], "fern-dry", "the fixture changed");
        fern["holding"] = "Watered daily, as the almanac said.".into();
        fern["historical"] = serde_json::json!({ "today": "Water only when the soil is dry." });
    });
    let p = take_own(&pack, "fern-dry", &[("yes", 3), ("no", 3), ("yes", 3)]);
    let s = score(&pack, &p);
    assert_eq!(s.outcome, OutcomeCredit::Court, "scored on today's law");
    assert!(
        s.line()
            .starts_with("Score: 3 of 3 steps matched today's law;"),
        "{}",
        s.line()
    );
    let end: Vec<String> = words::pattern_end(&pack, &p, &s, None)
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(
        end.contains(&"What the court then held: Watered daily, as the almanac said.".to_owned()),
        "{end:?}"
    );
    assert!(
        end.contains(
            &"The law today (what you were scored on): Water only when the soil is dry.".to_owned()
        ),
        "{end:?}"
    );
    assert!(!end.iter().any(|l| l.starts_with("Holding:")));
    assert_eq!(
        words::court_words(pack.case("fern-dry").unwrap()),
        "Today's law"
    );
}

#[test]
fn a_question_is_placed_on_the_courts_path_after_leaving_it_or_off_it() {
    use crate::engine::Step;
    use score::{PathPlace, path_place};
    let pack = houseplant();
    let fern = pack.case("fern-dry").unwrap();
    let q = |id: &str| pack.question_index(id).unwrap();
    let o = |question: &str, id: &str| pack.option_index(q(question), id).unwrap();
    let step = |question: &str, id: &str| Step {
        question: q(question),
        option: o(question, id),
    };
    assert_eq!(
        path_place(&pack, fern, &[], q("drainage")),
        PathPlace::OnCourt
    );
    let wrong = [step("drainage", "yes"), step("succulent", "yes")];
    assert_eq!(
        path_place(&pack, fern, &wrong, q("soil-bone-dry")),
        PathPlace::OffCourt { left_at: Some(2) }
    );
    assert_eq!(
        path_place(&pack, fern, &wrong, q("soil-dry")),
        PathPlace::AfterLeaving { left_at: 2 }
    );
}
