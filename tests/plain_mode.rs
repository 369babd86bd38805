//! The line-by-line walkthrough driven through its reader and writer: scripts in, transcripts
//! out, on the bundled pack. What a screen-reader user or a script sees, line by line.

use std::path::Path;

use immunity::pack::{self, FileSet, Pack};
use immunity::plain::{Finished, PlainError, PlainOptions, Walkthrough};

fn bundled() -> Pack {
    let files = FileSet::bundled("judicial-immunity").expect("bundled pack");
    pack::load(&files).expect("the bundled pack is clean").0
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
    run_with(&bundled(), options(case, true, dir.path()), script)
}

/// Mireles: the Supreme Court's answers, one per line.
const MIRELES: &str = "1\n1\n1\n2\n1\n1\n1\n1\n";

#[test]
fn a_script_walks_a_fact_pattern_to_its_conclusion_each_step_once() {
    let (result, out) = run(Some("mireles"), MIRELES);
    let finished = result.unwrap();
    assert_eq!(
        finished,
        Finished {
            quit: false,
            at_conclusion: true
        }
    );
    assert_eq!(finished.exit_code(), 0);
    // Each question is announced once, in order, with the longest remaining path.
    let mut at = 0;
    for n in 1..=8 {
        let heading = format!("Question {n} of at most 8:\n");
        assert_eq!(out.matches(&heading).count(), 1, "{heading}\n{out}");
        let found = out[at..].find(&heading).expect("in order") + at;
        at = found;
    }
    // The first step: the prompt, numbered options, then the keys that apply.
    assert!(
        out.contains(
            "Question 1 of at most 8:\nWho is being sued, and in what role did they act?\n1. A state or local judge"
        ),
        "{out}"
    );
    assert!(
        out.contains("\n1–3 to choose; w why; x excerpts; f facts; m map; ? help; q quit\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "\n1–2 to choose; w why; x excerpts; f facts; b back; m map; v review; ? help; q quit\n"
        ),
        "{out}"
    );
    // A choice is confirmed once, in words.
    assert_eq!(
        out.matches("You chose 2: No: the judge only gave orders; any force came from others.\n")
            .count(),
        1
    );
    // The outcome in words comes first at the conclusion, then the summary, then the verdict.
    let outcome = out
        .find("\nOutcome: Immune. Conclusion after 8 questions: ")
        .unwrap();
    let summary = out
        .find("The judge is absolutely immune from this claim")
        .unwrap();
    let verdict = out
        .find("You reached the same result as the court: ")
        .unwrap();
    assert!(outcome > at && outcome < summary && summary < verdict);
    assert!(out.ends_with("End of input.\n"), "{out}");
}

#[test]
fn long_texts_print_only_when_asked() {
    let pack = bundled();
    let why = &pack.question(pack.start()).why;
    let facts = &pack.case("mireles").unwrap().facts;
    let holding = &pack.case("mireles").unwrap().holding;
    let (_, out) = run(Some("mireles"), MIRELES);
    for text in [why, facts, holding] {
        assert!(!out.contains(text.as_str()), "printed unasked: {text}");
    }
    assert!(!out.contains("Excerpt 1 of"));
    assert!(!out.contains("Reasoning chain"));

    let (_, out) = run(Some("mireles"), &format!("w\nx\nf\n{MIRELES}c\nf\n"));
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
    assert!(out.contains("Excerpt 1 of 2: “"), "{out}");
    assert!(
        out.contains("\nCitation: Gregory v. Thompson, 500 F.2d 59, 62 (9th Cir. 1974) [CAUTION: ")
    );
    // The chain from the report model: every step, its answer, authorities with status, and
    // reversed law marked as such.
    assert!(out.contains("Reasoning chain, 8 steps:\n1. Who is being sued"));
    assert!(out.contains(
        "Authority: Waco v. Baltad, 934 F.2d 214, 216 (9th Cir. 1991) (per curiam) [REVERSED: rev'd sub nom. Mireles v. Waco"
    ));
    // Asking for a text does not repeat the question: only the keys line follows.
    let after_why = out.split("Why this question is asked:\n").nth(1).unwrap();
    let lines: Vec<&str> = after_why.lines().take(3).collect();
    assert!(lines[1].starts_with("1–3 to choose;"), "{lines:?}");
}

#[test]
fn back_review_goto_and_restart() {
    let (result, out) = run(None, "1\n1\nb\nv\n1\n1\nv\ng 1\n3\nr\nq\n");
    assert_eq!(
        result.unwrap(),
        Finished {
            quit: true,
            at_conclusion: false
        }
    );
    assert!(
        out.contains("> b\nBack one question.\nQuestion 2 of at most 8:\n"),
        "{out}"
    );
    assert!(out.contains("Your earlier answer here was 1.\n"));
    assert!(
        out.contains("Your answers so far (1):\n1. Who is being sued"),
        "{out}"
    );
    assert!(out.contains("Your answers so far (3):\n"));
    assert!(out.contains("> g 1\nBack to question 1.\nQuestion 1 of at most 8:\n"));
    // The third option of the first question ends the walk at once.
    assert!(out.contains("> 3\nYou chose 3: Neither"));
    assert!(
        out.contains("Outcome: No § 1983 claim. Conclusion after 1 question: "),
        "{out}"
    );
    assert!(out.contains("> r\nStarting again from the first question.\nQuestion 1 of at most 8:"));
    assert!(out.ends_with("> q\nGoodbye.\n"));
}

#[test]
fn option_ids_choose_too() {
    let (result, out) = run(None, "state-judge\ndamages\njudicial-function\nyes\n");
    assert!(result.unwrap().at_conclusion);
    assert!(out.contains("Outcome: Not immune."), "{out}");
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
    assert!(out.contains("Question 1 of at most 8:"));
}

#[test]
fn a_script_error_names_its_line_and_stops() {
    for (script, line, message) in [
        (
            "1\n# a comment\nzz\n",
            3,
            "unknown command \"zz\"; type ? for the commands",
        ),
        ("1\n7\n", 2, "there is no option 7; choose 1 to 2"),
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
            "3\n1\n",
            2,
            "there is no question to answer: the walk is at a conclusion",
        ),
    ] {
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
    let (result, out) = run_with(
        &bundled(),
        options(None, false, dir.path()),
        "zz\n9\n1\nq\n",
    );
    assert!(result.unwrap().quit);
    assert!(
        out.contains("> zz\nUnknown command \"zz\"; type ? for the commands.\n1–3 to choose;"),
        "{out}"
    );
    assert!(out.contains("> 9\nThere is no option 9; choose 1 to 3.\n"));
    assert!(out.contains("> 1\nYou chose 1: "));
}

#[test]
fn export_asks_format_and_name_and_never_overwrites_without_yes() {
    let dir = tempfile::tempdir().unwrap();
    let pack = bundled();
    let script = format!("{MIRELES}e\n\n\ne\n3\nout.json\ne\nmd\n\nno\ne\n1\n\ny\n");
    let (result, out) = run_with(&pack, options(Some("mireles"), true, dir.path()), &script);
    assert!(result.unwrap().at_conclusion, "{out}");
    let md = dir.path().join("immunity-absolute-immunity.md");
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
    assert!(text.contains("Absolute judicial immunity"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_eq!(json["conclusion"]["id"], "absolute-immunity");
    assert_eq!(json["path"].as_array().unwrap().len(), 8);
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
    let (result, _) = run_with(&bundled(), options(None, true, dir.path()), "3\ne\npdf\n");
    match result {
        Err(PlainError::Script { line: 3, message }) => {
            assert!(message.starts_with("unknown format \"pdf\""), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let (result, _) = run_with(&bundled(), options(None, true, dir.path()), "3\ne\n1\n");
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
        &bundled(),
        options(None, true, dir.path()),
        "3\ne\n1\nno-such-folder/x.md\n",
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
        &bundled(),
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
            "unknown fact pattern \"nobody\"; the pack's fact patterns are: gregory, "
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
        out.contains(&format!("Question 1 of at most {}:", longest[pack.start()])),
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
    assert!(out.contains(&format!("Question 1 of at most {first}:\n")));
    assert!(
        out.contains("Question 501 of at most "),
        "each answer moves one question on"
    );
}

#[test]
fn a_restored_session_resumes_where_it_stood() {
    let pack = bundled();
    let mut session = immunity::engine::Session::new(&pack);
    session.answer(0).unwrap();
    session.answer(0).unwrap();
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
    assert!(out.contains("Question 3 of at most 8:"), "{out}");
    assert!(!out.contains("Question 1 of"), "{out}");
    assert!(out.contains("Your answers so far (2):"), "{out}");
}
