//! Tests of the class report's collation ([`collate`]): counts, departures, confident errors,
//! and files that claim what the pack does not say.

use super::super::class::{self, ClassReport, Input, collate};
use super::*;

/// Three students' files, a malformed one, an unreadable one and one from another pack.
fn class_inputs(pack: &Pack) -> Vec<Input> {
    let file = |name: &str, patterns: Vec<PatternResult>| {
        let mut r = Results::new(pack, name, "0.1.0", "2026-11-24T10:00:00Z");
        r.patterns = patterns;
        Input {
            name: format!("{name}.json"),
            text: Ok(r.to_json()),
        }
    };
    let inputs = vec![
        file(
            "Ada",
            vec![take_own(
                pack,
                "fern-dry",
                &[("yes", 3), ("no", 3), ("yes", 3)],
            )],
        ),
        file(
            "Ben",
            vec![take_own(
                pack,
                "fern-dry",
                &[("yes", 2), ("yes", 3), ("no", 1)],
            )],
        ),
        file("Cy", vec![take_own(pack, "fern-dry", &[("no", 2)])]),
        Input {
            name: "broken.json".into(),
            text: Ok("{ not json".into()),
        },
        Input {
            name: "gone.json".into(),
            text: Err("No such file or directory".into()),
        },
    ];
    let mut other = Results::new(pack, "Dee", "0.1.0", "2026-11-24T10:00:00Z");
    other.pack.content_hash = "feed".into();
    let mut inputs = inputs;
    inputs.push(Input {
        name: "dee.json".into(),
        text: Ok(other.to_json()),
    });
    inputs
}

/// The pair `f` picks from each of `items`, to compare with a list written out.
fn pairs<'a, T, A, B>(items: &'a [T], f: impl Fn(&'a T) -> (A, B)) -> Vec<(A, B)> {
    items.iter().map(f).collect()
}

/// Each skipped file of `r` as (file, kind).
fn skipped(r: &ClassReport) -> Vec<(&str, &str)> {
    pairs(&r.skipped, |s| (s.file.as_str(), s.kind.as_str()))
}

#[test]
fn class_collates_counts_departures_and_confident_errors() {
    let pack = houseplant();
    let inputs = class_inputs(&pack);
    let r = collate(&pack, &inputs);
    assert_eq!(r.students.len(), 3);
    assert_eq!(
        skipped(&r),
        [
            ("broken.json", "malformed"),
            ("gone.json", "unreadable"),
            ("dee.json", "other-pack")
        ]
    );
    let fern = &r.patterns[0];
    assert_eq!(fern.takers, 3);
    assert_eq!(fern.outcome_matched, 1);
    let drainage = &fern.questions[0];
    assert_eq!(drainage.question, "drainage");
    assert_eq!((drainage.answered, drainage.matched), (3, 2));
    assert_eq!(
        pairs(&drainage.options, |o| (o.count, o.court)),
        [(2, true), (1, false)]
    );
    // The court's path first (drainage, succulent, soil-dry), then soil-bone-dry, which only
    // Ben met.
    let order: Vec<&str> = fern.questions.iter().map(|q| q.question.as_str()).collect();
    assert_eq!(
        order,
        ["drainage", "succulent", "soil-dry", "soil-bone-dry"]
    );
    assert_eq!(fern.questions[3].court_answer, None);
    let departures = pairs(&fern.departures, |d| (d.question.as_str(), d.count));
    assert_eq!(departures, [("drainage", 1), ("succulent", 1)]);
    assert_eq!(fern.never_left, 1);
    // Ben's certain error comes before Cy's fairly-sure one.
    let errors = pairs(&r.confident_errors, |e| (e.student.as_str(), e.confidence));
    assert_eq!(errors, [("Ben", 3), ("Cy", 2)]);
    let csv = class::csv(&r);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("student,file,patterns,steps_matched")
    );
    assert_eq!(
        lines.next().unwrap(),
        "Ada,Ada.json,1,3,3,100.0,1,9,0,6.0,3,9,2,2"
    );
    let written = |format| {
        String::from_utf8(class::render(&r, format, 80, "2026-11-24").unwrap().bytes).unwrap()
    };
    let html = written(class::ClassFormat::Html);
    assert!(html.contains("<svg") && !html.contains("<script"));
    assert!(
        html.contains("2 of 3 \u{2014} the court&#39;s answer"),
        "{html}"
    );
    assert!(
        html.contains(&format!("content=\"{}\"", crate::document::html::CSP)),
        "the one Content-Security-Policy of every HTML export"
    );
    let text = written(class::ClassFormat::Text);
    assert!(
        text.contains("Files not scored\n================\n\n  - broken.json (malformed):"),
        "{text}"
    );
    assert!(
        text.contains("  - dee.json (other-pack): made with another pack"),
        "{text}"
    );
}

#[test]
fn class_grades_against_the_pack_and_reports_what_a_file_claims_otherwise() {
    let pack = houseplant();
    let file = |name: &str, student: &str, patterns: Vec<PatternResult>| {
        let mut r = Results::new(&pack, student, "0.1.0", "2026-11-24T10:00:00Z");
        r.patterns = patterns;
        Input {
            name: name.into(),
            text: Ok(r.to_json()),
        }
    };
    // Ben answered succulent "yes" (the court: "no"), then edited his file to say the court
    // answered "yes" too, and the court's conclusion to be where he ended.
    let ben = take_own(&pack, "fern-dry", &[("yes", 3), ("yes", 3), ("yes", 3)]);
    let honest = file("ben.json", "Ben", vec![ben.clone()]);
    let Ok(text) = &honest.text else { panic!() };
    let edited = text
        .replace(
            "\"first_answer\": \"yes\",\n          \"court_answer\": \"no\"",
            "\"first_answer\": \"yes\",\n          \"court_answer\": \"yes\"",
        )
        .replace("Ben", "Ben E.");
    assert_ne!(&edited, text, "the edit applies");
    let edited = Input {
        name: "ben-edited.json".into(),
        text: Ok(edited),
    };
    let r = collate(&pack, std::slice::from_ref(&edited));
    let row = &r.students[0];
    assert_eq!((row.matched, row.scored, row.certainty), (1, 2, 3 - 6));
    assert_eq!(r.confident_errors.len(), 1);
    assert_eq!(r.confident_errors[0].court_answer, "No");
    assert_eq!(r.notes.len(), 1, "{:?}", r.notes);
    assert_eq!(r.notes[0].kind, "disagrees-with-pack");
    assert!(
        r.notes[0]
            .detail
            .contains("succulent: recorded yes, the pack's no"),
        "{}",
        r.notes[0].detail
    );
    let text = class::render(&r, class::ClassFormat::Text, 80, "2026-11-24").unwrap();
    let note = "Notes on files scored\n=====================\n\n  - ben-edited.json (disagrees";
    assert!(String::from_utf8(text.bytes).unwrap().contains(note));

    // The same file twice, the same content under another name, the same student twice, a
    // file without steps, a repeated pattern: each reported, counted once or not at all.
    let mut twice = ben.clone();
    twice.steps.push(ben.steps[0].clone());
    let cy = take_own(&pack, "glazed-pot", &[("no", 2)]);
    let mut empty = cy.clone();
    empty.steps.clear();
    let inputs = vec![
        honest.clone(),
        honest.clone(),
        Input {
            name: "copy-of-ben.json".into(),
            text: honest.text.clone(),
        },
        file("ben-again.json", "ben", vec![cy.clone()]),
        file("dee.json", "Dee", vec![empty.clone()]),
        file(
            "eve.json",
            "Eve",
            vec![cy.clone(), cy.clone(), empty, twice],
        ),
    ];
    let r = collate(&pack, &inputs);
    assert_eq!(
        skipped(&r),
        [
            ("ben.json", "same-file"),
            ("copy-of-ben.json", "same-file"),
            ("ben-again.json", "same-student"),
            ("dee.json", "no-steps"),
        ]
    );
    let students = pairs(&r.students, |s| (s.student.as_str(), s.patterns));
    assert_eq!(students, [("Ben", 1), ("Eve", 2)]);
    let kinds: Vec<&str> = r
        .notes
        .iter()
        .filter(|n| n.file == "eve.json")
        .map(|n| n.kind.as_str())
        .collect();
    assert_eq!(kinds, ["repeated-pattern", "no-steps", "repeated-step"]);
    // Eve's repeated drainage answer is tallied once: fern-dry drainage has Ben's and Eve's.
    let fern = r.patterns.iter().find(|p| p.case == "fern-dry").unwrap();
    assert_eq!(fern.questions[0].answered, 2);
    let glazed = r.patterns.iter().find(|p| p.case == "glazed-pot").unwrap();
    assert_eq!(glazed.takers, 1, "Eve's second glazed-pot is not counted");
}

#[test]
fn the_live_class_summary_gives_each_question_the_room_answered_and_where_it_left_the_path() {
    let pack = houseplant();
    let r = collate(&pack, &class_inputs(&pack));
    let text = crate::document::text::render_width(&class::summary(&r), 80);
    assert!(
        text.replace('\n', " ").starts_with(
            "Class report: Should I water this houseplant? (3 results files scored, 3 skipped) "
        ),
        "{text}"
    );
    assert!(
        text.contains("  - drainage: 2 of 3 matched the court\n"),
        "{text}"
    );
    assert!(
        text.contains("  - First left the court's path at: drainage 1; succulent 1; never left 1"),
        "{text}"
    );
    assert!(
        !text.contains("soil-bone-dry"),
        "off the court's path: {text}"
    );
}
