//! `immunity walk --what-if` and `--why-not`, run as a user runs them, on the houseplant pack
//! (small enough that every expected delta can be worked out by hand). That the bundled pack's
//! fact patterns reach every conclusion by `--why-not` is a content test (`content_routes.rs`).

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::cli::immunity;

fn houseplant() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/houseplant")
}

/// Runs `immunity --pack houseplant walk ARGS`; returns (exit code, stdout, stderr).
fn walk(args: &[&str]) -> (i32, String, String) {
    let out = immunity()
        .arg("--pack")
        .arg(houseplant())
        .arg("walk")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Text with its line breaks and runs of spaces folded to single spaces (wrapping aside).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn what_if_prints_the_delta_and_names_a_question_never_answered() {
    let (code, out, err) = walk(&["--case", "fern-dry", "--what-if", "succulent=yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("What if step 2 (succulent) were answered differently?\n"),
        "{out}"
    );
    assert!(
        out.contains("Now:  Water it \u{2014} Water now (water)\n"),
        "{out}"
    );
    assert!(out.contains("Then: pending at soil-bone-dry: "), "{out}");
    assert!(out.contains("The walks part at step 2."), "{out}");
    let dropped = out.split("Steps dropped:\n").nth(1).unwrap();
    let (dropped, added) = dropped.split_once("Steps added:\n").unwrap();
    assert!(dropped.contains("2. succulent=no:") && dropped.contains("3. soil-dry=yes:"));
    assert!(added.contains("2. succulent=yes:") && !added.contains("soil-dry=yes"));
    assert!(
        out.contains("--answer soil-bone-dry=OPTION; its options:"),
        "{out}"
    );
}

#[test]
fn what_if_json_carries_the_same_delta_and_authorities_with_status() {
    let (code, out, err) = walk(&[
        "--case",
        "fern-dry",
        "--answer",
        "soil-bone-dry=no",
        "--what-if",
        "succulent=yes",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], "immunity-what-if");
    assert_eq!(v["first_difference"], 2);
    // soil-bone-dry was answered on an abandoned branch: the new walk uses that answer.
    assert_eq!(v["after"]["kind"], "conclusion");
    assert_eq!(v["after"]["id"], "wait");
    assert_eq!(v["added"].as_array().unwrap().len(), 2);
    for a in v["authorities_in"]
        .as_array()
        .unwrap()
        .iter()
        .chain(v["authorities_out"].as_array().unwrap())
    {
        assert!(a["status_label"].is_string(), "{a}");
    }
}

#[test]
fn what_if_the_same_answer_changes_nothing() {
    let (code, out, _) = walk(&["--case", "fern-dry", "--what-if", "drainage=yes"]);
    assert_eq!(code, 0);
    assert!(out.contains("nothing changes"), "{out}");
}

#[test]
fn why_not_lists_the_fewest_changes_with_why_text_and_excerpts() {
    let (code, out, err) = walk(&["--case", "fern-dry", "--why-not", "wait"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("The fewest changes that reach it: 1 (1 answer changed)"),
        "{out}"
    );
    assert!(out.contains("1. Step 3, soil-dry: "), "{out}");
    assert!(out.contains("Why asked: "), "{out}");
    assert!(
        out.contains("The walk then: drainage=yes, succulent=no, soil-dry=no"),
        "{out}"
    );

    // Holding soil-dry: the way round is through the succulent branch, whose last question
    // the fern never reached.
    let (code, out, _) = walk(&[
        "--case",
        "fern-dry",
        "--why-not",
        "wait",
        "--hold",
        "soil-dry",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("Held:    soil-dry=yes"), "{out}");
    assert!(
        flat(&out)
            .contains("2 (1 answer changed and 1 question answered that the walk never reached)"),
        "{out}"
    );
    assert!(out.contains("1. Step 2, succulent: "), "{out}");
    assert!(out.contains("2. Step 3, soil-bone-dry: "), "{out}");
    assert!(out.contains("Answer (never answered): "), "{out}");
    assert!(out.contains("Excerpt: \u{201c}"), "{out}");
    assert!(
        out.contains("[GOOD LAW]"),
        "the excerpt's status is shown: {out}"
    );

    let (code, out, _) = walk(&[
        "--case",
        "fern-dry",
        "--why-not",
        "wait",
        "--hold",
        "soil-dry",
        "--hold",
        "succulent",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("No walk that keeps the held answers reaches that conclusion."),
        "{out}"
    );

    let (code, out, _) = walk(&["--case", "fern-dry", "--why-not", "water"]);
    assert_eq!(code, 0);
    assert!(out.contains("already reach it"), "{out}");
}

#[test]
fn why_not_json_is_the_model() {
    let (code, out, _) = walk(&[
        "--case",
        "glazed-pot",
        "--why-not",
        "water",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], "immunity-why-not");
    assert_eq!(v["reachable"], true);
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes[0]["question"], "drainage");
    assert_eq!(changes[0]["from"]["id"], "no");
    assert_eq!(changes[0]["to"]["id"], "yes");
    assert!(changes[1..].iter().all(|c| c["from"].is_null()));
    assert_eq!(v["path"].as_array().unwrap().len(), changes.len());
}

#[test]
fn bad_what_if_and_why_not_input_is_named() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["--case", "glazed-pot", "--what-if", "soil-dry=yes"],
            "immunity: question \"soil-dry\" is not answered on this walk; its questions are: drainage\n",
        ),
        (
            &["--case", "glazed-pot", "--what-if", "drainage=maybe"],
            "immunity: question \"drainage\" has no option \"maybe\"; its options are: yes, no\n",
        ),
        (
            &["--case", "glazed-pot", "--why-not", "nope"],
            "immunity: unknown conclusion \"nope\"; the pack's conclusions are: water, wait, repot\n",
        ),
        (
            &[
                "--case",
                "glazed-pot",
                "--why-not",
                "water",
                "--hold",
                "soil-dry",
            ],
            "immunity: cannot hold \"soil-dry\": it has no answer (give one with --answer or --case)\n",
        ),
        (
            &[
                "--case",
                "glazed-pot",
                "--why-not",
                "water",
                "--hold",
                "zz\u{1b}[31m",
            ],
            "immunity: unknown question \"zz\\u{1b}[31m\"; the questions are: drainage, succulent, soil-dry, soil-bone-dry\n",
        ),
        (
            &[
                "--case",
                "glazed-pot",
                "--why-not",
                "water",
                "--format",
                "markdown",
            ],
            "immunity: --what-if and --why-not print text or JSON, not markdown\n",
        ),
    ];
    for (args, message) in cases {
        let (code, out, err) = walk(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(err, message, "{args:?}");
        assert!(out.is_empty());
    }
    // clap refuses the combinations that make no sense.
    let (code, _, err) = walk(&["--hold", "drainage"]);
    assert_eq!(code, 2);
    assert!(err.contains("--why-not"), "{err}");
    let (code, _, err) = walk(&["--what-if", "drainage=no", "--why-not", "water"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}
