//! The live class end to end: the real binary in a pseudo-terminal serving on 127.0.0.1,
//! 300 simulated students (threads on loopback) joining, answering with a spread, changing
//! some answers and trying to answer after the lock; the presenter's tally on screen and the
//! results files written at the end must match every accepted answer exactly.

#![cfg(unix)]

mod live_support;

use std::collections::HashMap;

use live_support::{LiveClass, Student, live_class};

const STUDENTS: usize = 300;

#[test]
fn three_hundred_students_answer_and_every_accepted_answer_is_counted_once() {
    let LiveClass {
        mut presenter,
        results,
        out: _out,
        pack: _pack,
    } = live_class(&["alpha-case"], &["--names"]);
    // The address, read off the presenter's screen.
    let (addr, path) = presenter.join_address();

    // Everyone joins and types a name (so each results file can be matched to its student).
    let students: Vec<Student> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..STUDENTS)
            .map(|i| {
                let path = path.clone();
                s.spawn(move || {
                    let student = Student::join(addr, &path);
                    assert_eq!(student.post(&format!("name=s{i:03}")), 303);
                    student
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    presenter.wait_for(&format!("{STUDENTS} joined"));

    // Before the question opens, a vote is refused.
    assert_eq!(students[0].vote('A', 2), 409);
    presenter.press("o");
    presenter.wait_for("OPEN");

    // A spread: student i answers option i mod 5 (more weight on A), every seventh changes
    // its mind to the next letter.
    let letters = ['A', 'B', 'C', 'D', 'E'];
    let first = |i: usize| letters[if i.is_multiple_of(3) { 0 } else { i % 5 }];
    let last = |i: usize| {
        if i.is_multiple_of(7) {
            letters[(letters.iter().position(|&l| l == first(i)).unwrap() + 1) % 5]
        } else {
            first(i)
        }
    };
    let confidence = |i: usize| u8::try_from(i % 3 + 1).unwrap();
    std::thread::scope(|s| {
        for (i, student) in students.iter().enumerate() {
            s.spawn(move || {
                assert_eq!(student.vote(first(i), confidence(i)), 303, "student {i}");
                if last(i) != first(i) {
                    assert_eq!(student.vote(last(i), confidence(i)), 303, "change {i}");
                }
            });
        }
    });
    let mut expected: HashMap<char, u32> = HashMap::new();
    for i in 0..STUDENTS {
        *expected.entry(last(i)).or_default() += 1;
    }
    presenter.wait_for(&format!("{STUDENTS} of {STUDENTS} answered"));
    presenter.press("l");
    presenter.wait_for("LOCKED");

    // After the lock: refused, and the page says so.
    for student in students.iter().take(30) {
        assert_eq!(student.vote('B', 3), 409);
    }
    assert!(students[1].page().body.contains("Locked. Your answer: "));
    assert_eq!(presenter.tally(), expected, "screen:\n{}", presenter.text());

    presenter.press("r");
    presenter.wait_for("court");
    assert!(presenter.quit(), "the presenter did not exit cleanly");

    // The server stopped with the presenter.
    assert!(std::net::TcpStream::connect(addr).is_err(), "still serving");

    // One file per student, each with its last answer before the lock, scored once.
    let files: Vec<_> = std::fs::read_dir(&results).unwrap().collect();
    assert_eq!(files.len(), STUDENTS);
    let ids = ["yes", "no", "c", "d", "e"];
    for i in 0..STUDENTS {
        let file = results.join(format!("s{i:03}-results.json"));
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let steps = json["patterns"][0]["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 1, "{file:?}");
        let want = ids[letters.iter().position(|&l| l == last(i)).unwrap()];
        assert_eq!(steps[0]["first_answer"], want, "{file:?}");
        assert_eq!(steps[0]["confidence"], confidence(i), "{file:?}");
        assert_eq!(
            steps[0]["revisions"],
            u32::from(last(i) != first(i)),
            "{file:?}"
        );
    }
    // The class summary was printed after the screen was given back.
    let printed = presenter.printed();
    assert!(
        printed.contains(&format!("Wrote {STUDENTS} results files")),
        "{printed}"
    );
}

#[test]
fn a_terminating_signal_stops_the_server_and_still_writes_the_results() {
    let LiveClass {
        mut presenter,
        results,
        out: _out,
        pack: _pack,
    } = live_class(&["alpha-case"], &[]);
    let (addr, path) = presenter.join_address();
    let student = Student::join(addr, &path);
    presenter.press("o");
    presenter.wait_for("OPEN");
    assert_eq!(student.vote('D', 2), 303);
    presenter.wait_for("1 of 1 answered");
    // SIGTERM: the terminal is given back, the server stops, the open answer is kept.
    assert_eq!(presenter.signal(15), 128 + 15);
    assert!(std::net::TcpStream::connect(addr).is_err(), "still serving");
    let text = std::fs::read_to_string(results.join("student-001-results.json")).unwrap();
    assert!(text.contains("\"first_answer\": \"d\""), "{text}");
    assert!(
        presenter.printed().contains("\u{1b}[?1049l"),
        "the alternate screen was left"
    );
}

#[test]
fn fact_patterns_given_in_turn_give_one_pattern_each_in_the_results() {
    let LiveClass {
        mut presenter,
        results,
        out: _out,
        pack: _pack,
    } = live_class(&["alpha-case", "beta-case"], &[]);
    let (addr, path) = presenter.join_address();
    let student = Student::join(addr, &path);
    presenter.press("o");
    presenter.wait_for("OPEN");
    assert_eq!(student.vote('C', 3), 303);
    presenter.wait_for("1 of 1 answered");
    // The room goes on with B (no claim): a conclusion, then the next fact pattern.
    presenter.press("B\r");
    presenter.wait_for("the next fact pattern (1 more)");
    presenter.press("\r");
    presenter.wait_for("Question 1");
    presenter.press("o");
    presenter.wait_for("OPEN");
    assert_eq!(student.vote('A', 1), 303);
    presenter.wait_for("1 of 1 answered");
    assert!(presenter.quit());
    let text = std::fs::read_to_string(results.join("student-001-results.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let patterns = json["patterns"].as_array().unwrap();
    assert_eq!(patterns.len(), 2, "{text}");
    assert_eq!(patterns[0]["steps"][0]["first_answer"], "c");
    assert_eq!(patterns[0]["case"], "alpha-case");
    assert_eq!(patterns[0]["conclusion"], "no-claim");
    assert_eq!(patterns[1]["case"], "beta-case");
    assert_eq!(patterns[1]["steps"][0]["first_answer"], "yes");
}
