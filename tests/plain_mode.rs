//! The line-by-line walkthrough driven through its reader and writer: scripts in, transcripts
//! out, on the test-pack builder's `three_step` pack with its one authority reversed. What a
//! screen-reader user or a script sees, line by line.

mod support;

use std::path::Path;

use immunity::pack::{self, FileSet, Pack};
use immunity::plain::{Finished, PlainError, PlainOptions, Walkthrough};

/// Three questions (the middle one with three options), two fact patterns (`climber` walks
/// all three), and reversed law on every step.
fn built() -> Pack {
    let dir = tempfile::tempdir().unwrap();
    support::pack::three_step()
        .status("reversed", "rev'd by a later test case")
        .load(dir.path())
}

fn options(case: Option<&str>, strict: bool, cwd: &Path) -> PlainOptions {
    PlainOptions {
        case: case.map(str::to_owned),
        echo: true,
        strict,
        cwd: cwd.to_owned(),
        tool_version: "test".into(),
        reason: None,
    }
}

/// Runs `script` and returns the result and the transcript.
fn run_with(
    pack: &Pack,
    options: PlainOptions,
    script: &str,
) -> (Result<Finished, PlainError>, String) {
    let mut out = Vec::new();
    let result =
        Walkthrough::new(pack, options, script.as_bytes(), &mut out).and_then(Walkthrough::run);
    (
        result,
        String::from_utf8(out).expect("the transcript is UTF-8"),
    )
}

fn run(case: Option<&str>, script: &str) -> (Result<Finished, PlainError>, String) {
    let dir = tempfile::tempdir().unwrap();
    run_with(&built(), options(case, true, dir.path()), script)
}

/// A fact pattern walked as the court walked it: the option numbers (1-based) typed at each
/// step, the questions asked, and the session at its conclusion.
struct CourtWalk<'p> {
    script: String,
    numbers: Vec<usize>,
    questions: Vec<usize>,
    session: immunity::engine::Session<'p>,
}

fn court_walk<'p>(pack: &'p Pack, case: &str) -> CourtWalk<'p> {
    let answers = pack.case(case).expect("fact pattern").answers.clone();
    let walked = immunity::engine::walk(pack, &answers).expect("the court's answers walk");
    assert!(walked.session.is_finished(), "{case} reaches a conclusion");
    let numbers: Vec<usize> = walked
        .session
        .history()
        .iter()
        .map(|s| s.option + 1)
        .collect();
    let questions = walked
        .session
        .history()
        .iter()
        .map(|s| s.question)
        .collect();
    let script = numbers
        .iter()
        .map(|n| format!("{n}\n"))
        .collect::<Vec<_>>()
        .concat();
    CourtWalk {
        script,
        numbers,
        questions,
        session: walked.session,
    }
}

/// The keys line a question shows, as the walkthrough builds it.
fn keys_line(pack: &Pack, q: usize, case: bool, answered: bool) -> String {
    let question = pack.question(q);
    let mut keys = vec![
        format!("1–{} to choose", question.options.len()),
        "w why".into(),
    ];
    if !question.excerpts.is_empty() {
        keys.push("x excerpts".into());
    }
    // In a fact pattern, what this decides waits for the conclusion (these walks are before it).
    if !case {
        keys.push("d what this decides".into());
    }
    if case {
        keys.push("f facts".into());
    }
    if answered {
        keys.push("b back".into());
    }
    keys.push("m map".into());
    if answered {
        keys.push("v review".into());
    }
    keys.push("? help".into());
    keys.push("q quit".into());
    keys.join("; ")
}

/// The first option of the start question that ends the walk at once, 1-based.
fn ending_option(pack: &Pack) -> usize {
    (0..pack.question(pack.start()).options.len())
        .find(|&o| {
            matches!(
                pack.target(pack.start(), o),
                immunity::pack::Node::Conclusion(_)
            )
        })
        .expect("the start question has an option that ends the walk")
        + 1
}

#[test]
fn a_script_walks_a_fact_pattern_to_its_conclusion_each_step_once() {
    let pack = built();
    let walk = court_walk(&pack, "climber");
    let longest = immunity::engine::longest_remaining(&pack);
    let (result, out) = run(Some("climber"), &walk.script);
    let finished = result.unwrap();
    assert_eq!(
        finished,
        Finished {
            quit: false,
            at_conclusion: true
        }
    );
    assert_eq!(finished.exit_code(), 0);
    // Each question is announced once, in order, with the longest path still possible.
    let mut at = 0;
    for (k, &q) in walk.questions.iter().enumerate() {
        let heading = format!(
            "Question {} ({}) of at most {}:\n",
            k + 1,
            pack.question(q).id,
            k + longest[q]
        );
        assert_eq!(out.matches(&heading).count(), 1, "{heading}\n{out}");
        at = out[at..].find(&heading).expect("in order") + at;
        // The prompt, how to choose (where the pack says), the numbered options, then the keys
        // that apply.
        let question = pack.question(q);
        let mut block = format!("{heading}{}\n", question.prompt);
        if let Some(instructions) = &question.instructions {
            block.push_str("How to choose: ");
            block.push_str(instructions);
            block.push('\n');
        }
        for (i, o) in question.options.iter().enumerate() {
            block.push_str(&(i + 1).to_string());
            block.push_str(". ");
            block.push_str(&o.label);
            block.push('\n');
        }
        block.push_str(&keys_line(&pack, q, true, k > 0));
        assert!(out.contains(&block), "{block}\n---\n{out}");
        // The choice is confirmed once, in words.
        let n = walk.numbers[k];
        let confirm = format!(
            "You chose {n}: {}.\n",
            question.options[n - 1].label.trim_end_matches('.')
        );
        assert!(out.contains(&confirm), "{confirm}");
    }
    // The outcome in words comes first at the conclusion, then the summary, then the verdict.
    let c = pack.conclusion(walk.session.conclusion().unwrap());
    let outcome = out
        .find(&format!(
            "\nOutcome: {}. Conclusion after {} questions: {}.\n",
            pack.outcome_label(&c.outcome),
            walk.numbers.len(),
            c.title
        ))
        .expect("the outcome line");
    let summary = out
        .find(c.summary.split_whitespace().next().unwrap())
        .unwrap();
    let verdict = out
        .find("You reached the same result as the court: ")
        .unwrap();
    assert!(outcome > at && outcome < verdict && summary < verdict);
    assert!(out.contains("Your path followed the court's at every step.\n"));
    assert!(out.ends_with("End of input.\n"), "{out}");
}

#[test]
fn long_texts_print_only_when_asked() {
    let pack = built();
    let walk = court_walk(&pack, "climber");
    let why = &pack.question(pack.start()).why;
    let facts = &pack.case("climber").unwrap().facts;
    let holding = &pack.case("climber").unwrap().holding;
    let (_, out) = run(Some("climber"), &walk.script);
    for text in [why, facts, holding] {
        assert!(!out.contains(text.as_str()), "printed unasked: {text}");
    }
    assert!(!out.contains("Excerpt 1 of"));
    assert!(!out.contains("Reasoning chain"));

    let (_, out) = run(Some("climber"), &format!("w\nx\nf\n{}c\nf\n", walk.script));
    assert_eq!(out.matches(why.as_str()).count(), 1);
    assert_eq!(
        out.matches(facts.as_str()).count(),
        2,
        "f at a question and at the end"
    );
    assert_eq!(
        out.matches(holding.as_str()).count(),
        1,
        "the holding at the end"
    );
    // Excerpts with their citation and status.
    let excerpts = immunity::report::question_excerpts(&pack, pack.start());
    assert!(!excerpts.is_empty());
    assert!(
        out.contains(&format!(
            "Excerpt 1 of {}: “{}”\nCitation: {} [{}",
            excerpts.len(),
            excerpts[0].quote,
            excerpts[0].citation,
            excerpts[0].authority.status_label
        )),
        "{out}"
    );
    // The chain from the report model: every step and its answer, authorities with their
    // status, reversed law marked as such.
    let report = immunity::report::Report::from_session(
        &walk.session,
        &immunity::report::ReportContext::now("test"),
    )
    .unwrap();
    assert!(out.contains(&format!(
        "Reasoning chain, {} steps:\n1. {}\nAnswer: ",
        report.path.len(),
        report.path[0].prompt
    )));
    let reversed: Vec<_> = report
        .path
        .iter()
        .flat_map(|s| &s.authorities)
        .filter(|a| a.status == immunity::pack::Status::Reversed)
        .collect();
    assert!(
        !reversed.is_empty(),
        "the climber's chain cites reversed law"
    );
    for a in reversed {
        assert!(
            out.contains(&format!("Authority: {} [REVERSED: ", a.citation)),
            "{}",
            a.citation
        );
    }
    // Asking for a text does not repeat the question: only the keys line follows.
    let after_why = out.split("Why this question is asked:\n").nth(1).unwrap();
    let lines: Vec<&str> = after_why.lines().collect();
    let keys_at = lines.iter().position(|l| l.contains("to choose;")).unwrap();
    assert!(
        lines[..keys_at].iter().all(|l| !l.starts_with("Question ")),
        "{lines:?}"
    );
}

#[test]
fn back_review_goto_and_restart() {
    let pack = built();
    let end = ending_option(&pack);
    let longest = immunity::engine::longest_remaining(&pack);
    let (result, out) = run(None, &format!("1\n1\nb\nv\n1\n1\nv\ng 1\n{end}\nr\nq\n"));
    assert_eq!(
        result.unwrap(),
        Finished {
            quit: true,
            at_conclusion: false
        }
    );
    let second = match pack.target(pack.start(), 0) {
        immunity::pack::Node::Question(q) => q,
        immunity::pack::Node::Conclusion(_) => panic!("option 1 leads to a question"),
    };
    let first_heading = format!(
        "Question 1 ({}) of at most {}:\n",
        pack.question(pack.start()).id,
        longest[pack.start()]
    );
    assert!(
        out.contains(&format!(
            "> b\nBack one question.\nQuestion 2 ({}) of at most {}:\n",
            pack.question(second).id,
            1 + longest[second]
        )),
        "{out}"
    );
    assert!(out.contains("Your earlier answer here was 1.\n"));
    assert!(
        out.contains(&format!(
            "Your answers so far (1):\n1. {} Answer: ",
            pack.question(pack.start()).prompt
        )),
        "{out}"
    );
    assert!(out.contains("Your answers so far (3):\n"));
    assert!(out.contains(&format!("> g 1\nBack to question 1.\n{first_heading}")));
    let option = &pack.question(pack.start()).options[end - 1];
    let c = match pack.target(pack.start(), end - 1) {
        immunity::pack::Node::Conclusion(c) => pack.conclusion(c),
        immunity::pack::Node::Question(_) => unreachable!(),
    };
    assert!(out.contains(&format!("> {end}\nYou chose {end}: {}", option.label)));
    assert!(
        out.contains(&format!(
            "Outcome: {}. Conclusion after 1 question: {}.",
            pack.outcome_label(&c.outcome),
            c.title
        )),
        "{out}"
    );
    assert!(out.contains(&format!(
        "> r\nStarting again from the first question.\n{first_heading}"
    )));
    assert!(out.ends_with("> q\nGoodbye.\n"));
}

#[test]
fn option_ids_choose_too() {
    let pack = built();
    let walk = court_walk(&pack, "stroller");
    let script: String = walk
        .session
        .history()
        .iter()
        .map(|s| format!("{}\n", pack.question(s.question).options[s.option].id))
        .collect::<Vec<_>>()
        .concat();
    let (result, out) = run(None, &script);
    assert!(result.unwrap().at_conclusion);
    let c = pack.conclusion(walk.session.conclusion().unwrap());
    assert!(
        out.contains(&format!("Outcome: {}.", pack.outcome_label(&c.outcome))),
        "{out}"
    );
}

#[test]
fn the_input_ending_before_a_conclusion_exits_3() {
    let (result, out) = run(None, "1\n");
    let finished = result.unwrap();
    assert!(!finished.at_conclusion && !finished.quit);
    assert_eq!(finished.exit_code(), 3);
    assert!(out.ends_with("End of input before a conclusion.\n"));
    // An empty input: the first question, then the end.
    let (result, out) = run(None, "");
    assert_eq!(result.unwrap().exit_code(), 3);
    assert!(out.contains("Question 1 (gate) of at most "));
}

#[test]
fn a_script_error_names_its_line_and_stops() {
    for (script, line, message) in [
        (
            "1\n# a comment\nzz\n",
            3,
            "unknown command \"zz\"; type ? for the commands",
        ),
        ("1\n7\n", 2, "there is no option 7; choose 1 to 3"),
        (
            "b\n",
            1,
            "this is the first question; there is nothing to go back to",
        ),
        (
            "e\n",
            1,
            "nothing to export yet: the walk has not reached a conclusion",
        ),
        ("g 4\n", 1, "there are no answers to go back to yet"),
        (
            "c\n",
            1,
            "the reasoning chain is shown at a conclusion; v reviews the answers so far",
        ),
        (
            "f\n",
            1,
            "no fact pattern is open; start with --case and one of: ",
        ),
        (
            "END\n1\n",
            2,
            "there is no question to answer: the walk is at a conclusion",
        ),
    ] {
        let script = &script.replace("END", &ending_option(&built()).to_string());
        let (result, _) = run(None, script);
        match result {
            Err(PlainError::Script {
                line: l,
                message: m,
            }) => {
                assert_eq!(l, line, "{script:?}");
                assert!(m.starts_with(message), "{script:?}: {m}");
            }
            other => panic!("{script:?}: expected a script error, got {other:?}"),
        }
    }
}

#[test]
fn typed_at_a_terminal_a_mistake_is_explained_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (result, out) = run_with(&built(), options(None, false, dir.path()), "zz\n9\n1\nq\n");
    assert!(result.unwrap().quit);
    let count = built().question(built().start()).options.len();
    assert!(
        out.contains(&format!(
            "> zz\nUnknown command \"zz\"; type ? for the commands.\n1–{count} to choose;"
        )),
        "{out}"
    );
    assert!(out.contains(&format!(
        "> 9\nThere is no option 9; choose 1 to {count}.\n"
    )));
    assert!(out.contains("> 1\nYou chose 1: "));
}

#[test]
fn export_asks_format_and_name_and_never_overwrites_without_yes() {
    let dir = tempfile::tempdir().unwrap();
    let pack = built();
    let walk = court_walk(&pack, "climber");
    let steps = walk.numbers.len();
    let script = format!(
        "{}e\n\n\ne\n3\nout.json\ne\nmd\n\nno\ne\n1\n\ny\n",
        walk.script
    );
    let (result, out) = run_with(&pack, options(Some("climber"), true, dir.path()), &script);
    assert!(result.unwrap().at_conclusion, "{out}");
    let expected = &pack.case("climber").unwrap().expected;
    let md = dir.path().join(format!("immunity-{expected}.md"));
    let shown = md.display().to_string();
    assert!(
        out.contains(&format!("> \nSaved the markdown export to {shown}.\n")),
        "{out}"
    );
    assert!(out.contains(&format!("{shown} already exists. Overwrite it?")));
    assert!(out.contains(&format!("> no\nKept {shown}; nothing was saved.\n")));
    assert_eq!(
        out.matches("Saved the markdown export").count(),
        2,
        "saved, kept, overwritten"
    );
    let text = std::fs::read_to_string(&md).unwrap();
    let title = &pack.conclusion(walk.session.conclusion().unwrap()).title;
    assert!(text.contains(title.as_str()), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_eq!(json["conclusion"]["id"], expected.as_str());
    assert_eq!(json["path"].as_array().unwrap().len(), steps);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_bad_export_answer_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let end = ending_option(&built());
    let (result, _) = run_with(
        &built(),
        options(None, true, dir.path()),
        &format!("{end}\ne\npdf\n"),
    );
    match result {
        Err(PlainError::Script { line: 3, message }) => {
            assert!(message.starts_with("unknown format \"pdf\""), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let (result, _) = run_with(
        &built(),
        options(None, true, dir.path()),
        &format!("{end}\ne\n1\n"),
    );
    match result {
        Err(PlainError::Script { message, .. }) => {
            assert!(
                message.contains("the input ended during the export"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    let (result, _) = run_with(
        &built(),
        options(None, true, dir.path()),
        &format!("{end}\ne\n1\nno-such-folder/x.md\n"),
    );
    match result {
        Err(PlainError::Script { line: 4, message }) => {
            assert!(message.starts_with("cannot write "), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn nothing_typed_reaches_the_output_raw_and_long_lines_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (result, out) = run_with(
        &built(),
        options(None, false, dir.path()),
        "\u{1b}[2J\u{1b}]0;title\u{7}\u{202e}x\n",
    );
    assert!(result.is_ok());
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\n' || immunity::text::is_bidi_control(c)),
        "{out:?}"
    );
    let long = format!("{}\n1\n", "x".repeat(immunity::plain::MAX_LINE + 1));
    let (result, _) = run(None, &long);
    match result {
        Err(PlainError::Script { line: 1, message }) => {
            assert!(
                message.starts_with("the line is longer than 4096 bytes"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_unknown_fact_pattern_is_refused_naming_the_choices() {
    let (result, _) = run(Some("nobody"), "");
    let err = result.unwrap_err();
    assert!(matches!(err, PlainError::UnknownCase { .. }));
    assert!(
        err.to_string().starts_with(
            "unknown fact pattern \"nobody\"; the pack's fact patterns are: climber, "
        ),
        "{err}"
    );
}

#[test]
fn the_longest_remaining_path_shrinks_with_the_walk() {
    // The houseplant pack's tree is short; "at most" is counted from where the walk stands.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant");
    let pack = pack::load(&FileSet::from_dir(&dir).unwrap()).unwrap().0;
    let longest = immunity::engine::longest_remaining(&pack);
    let tmp = tempfile::tempdir().unwrap();
    let (_, out) = run_with(&pack, options(None, true, tmp.path()), "");
    assert!(
        out.contains(&format!(
            "Question 1 ({}) of at most {}:",
            pack.question(pack.start()).id,
            longest[pack.start()]
        )),
        "{out}"
    );
}

#[test]
fn a_pack_of_100_000_questions_walks_line_by_line() {
    // Scale, not speed (benches/plain.rs measures that): the longest-path pass is iterative,
    // so a deep pack neither overflows the stack nor makes a step wait on the whole tree.
    let pack = pack::load(&immunity::pack::generate::generate_pack(100_000))
        .unwrap()
        .0;
    let longest = immunity::engine::longest_remaining(&pack);
    let tmp = tempfile::tempdir().unwrap();
    let (result, out) = run_with(&pack, options(None, true, tmp.path()), &"1\n".repeat(500));
    let finished = result.unwrap();
    assert!(
        !finished.at_conclusion,
        "500 answers do not reach the end of this pack"
    );
    let first = longest[pack.start()];
    assert!(first > 500, "{first}");
    let id = &pack.question(pack.start()).id;
    assert!(out.contains(&format!("Question 1 ({id}) of at most {first}:\n")));
    assert!(
        out.contains("Question 501 ("),
        "each answer moves one question on"
    );
}

#[test]
fn a_restored_session_resumes_where_it_stood() {
    let pack = built();
    let mut session = immunity::engine::Session::new(&pack);
    session.answer(0).unwrap();
    session.answer(0).unwrap();
    let session_question = |_: &Pack| session.current_question().unwrap();
    let q = session_question(&pack);
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    let finished = Walkthrough::new(
        &pack,
        options(None, true, dir.path()),
        "v\n".as_bytes(),
        &mut out,
    )
    .unwrap()
    .resume(session)
    .run()
    .unwrap();
    assert!(!finished.at_conclusion);
    let out = String::from_utf8(out).unwrap();
    let longest = immunity::engine::longest_remaining(&pack);
    assert!(
        out.contains(&format!(
            "Question 3 ({}) of at most {}:",
            pack.question(q).id,
            2 + longest[q]
        )),
        "{out}"
    );
    assert!(!out.contains("Question 1 of"), "{out}");
    assert!(out.contains("Your answers so far (2):"), "{out}");
}

/// `d` prints what the question decides from the one model `walk` prints; in a fact pattern it
/// is refused until the walk has reached its conclusion, then given at every question.
#[test]
fn d_says_what_the_question_decides_and_waits_for_the_conclusion_in_a_fact_pattern() {
    let pack = built();
    let (result, text) = run(None, "1\nd\n");
    assert!(result.is_ok(), "{text}");
    let path = pack.question_index("path").expect("the path question");
    let model = immunity::report::WhatThisDecides::build(&pack, path);
    let lines: Vec<String> = model.lines(true).into_iter().map(|(_, l)| l).collect();
    assert!(
        lines[0].starts_with("What this question decides: 4 conclusions"),
        "{lines:?}"
    );
    for line in &lines {
        assert!(
            text.contains(&format!("{line}\n")),
            "{line} missing from:\n{text}"
        );
    }
    assert!(text.contains("1. Left: keeps 2 of 4 open"), "{text}");

    // A fact pattern: refused at the first question (a script stops, naming the line).
    let (result, text) = run(Some("climber"), "d\n");
    let Err(PlainError::Script { line, message }) = result else {
        panic!("refused: {text}");
    };
    assert_eq!(line, 1);
    assert!(
        message.contains("once you have reached the conclusion"),
        "{message}"
    );
    assert!(!text.contains("What this question decides"), "{text}");

    // Walked to the court's conclusion, back one question: now it is given.
    let walk = court_walk(&pack, "climber");
    let (result, text) = run(Some("climber"), &format!("{}b\nd\n", walk.script));
    assert!(result.is_ok(), "{text}");
    let last = *walk.questions.last().expect("a step");
    let model = immunity::report::WhatThisDecides::build(&pack, last);
    assert!(text.contains(&model.lines(true)[0].1), "{text}");
    assert!(text.contains("d what this decides"), "{text}");
}
