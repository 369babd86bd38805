//! The line mode in a real pseudo-terminal (portable-pty): what a screen-reader user's terminal
//! receives. The whole session's raw bytes are scanned: not one escape sequence (no cursor
//! movement, no alternate screen, no erasing, no colour), and the transcript, read top to
//! bottom, walks the fact pattern to its conclusion. Every session runs on a built pack
//! (`--pack`).

#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};

use support::pty::Pty;

/// The pack these sessions walk: the builder's `three_step`, its one source (which is also the
/// climber's decision) under caution, written into `dir`.
fn pack_in(dir: &Path) -> PathBuf {
    support::pack::three_step()
        .status("caution", "its test was narrowed by a later case")
        .write(dir, "pack")
}

/// What a walk of the climber's fact pattern as the court answered it shows, taken from the
/// pack.
struct Climber {
    /// Per step: the heading, the prompt, the option number typed, the confirmation.
    steps: Vec<(String, String, usize, String)>,
    facts_start: String,
    outcome: String,
    conclusion_id: String,
}

fn climber(root: &Path) -> Climber {
    let files = immunity::pack::FileSet::from_dir(root).unwrap();
    let pack = immunity::pack::load(&files).unwrap().0;
    let case = pack.case("climber").unwrap();
    let walked = immunity::engine::walk(&pack, &case.answers).unwrap();
    let longest = immunity::engine::longest_remaining(&pack);
    let steps = walked
        .session
        .history()
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let q = pack.question(s.question);
            let label = &q.options[s.option].label;
            (
                format!(
                    "Question {} ({}) of at most {}:",
                    k + 1,
                    q.id,
                    k + longest[s.question]
                ),
                q.prompt.to_string(),
                s.option + 1,
                format!(
                    "You chose {}: {}.",
                    s.option + 1,
                    label.trim_end_matches('.')
                ),
            )
        })
        .collect();
    let c = pack.conclusion(walked.session.conclusion().unwrap());
    Climber {
        steps,
        facts_start: case.facts.chars().take(40).collect(),
        outcome: format!("Outcome: {}.", pack.outcome_label(&c.outcome)),
        conclusion_id: c.id.to_string(),
    }
}

/// Walks the climber's fact pattern on a terminal as the court answered it, reading the facts,
/// the why and the excerpts on the way and the chain at the end, then exporting; returns the
/// raw bytes the terminal received and what the walk shows.
fn walk_climber(args: &[&str], env: &[(&str, &str)]) -> (String, Climber) {
    let dir = tempfile::tempdir().unwrap();
    let root = pack_in(dir.path());
    let g = climber(&root);
    let root = root.display().to_string();
    let args: Vec<&str> = ["--pack", root.as_str()]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    let mut s = Pty::spawn(&args, env, dir.path(), 80, 24);
    for (k, (heading, _, number, confirm)) in g.steps.iter().enumerate() {
        s.wait_output(heading, 1);
        s.wait_output("q quit", k + 1);
        match k {
            0 => {
                s.line("f");
                s.wait_output(&g.facts_start, 1);
            }
            1 => {
                s.line("w");
                s.wait_output("Why this question is asked:", 1);
            }
            2 => {
                s.line("x");
                s.wait_output("Excerpt 1 of", 1);
            }
            _ => {}
        }
        s.line(&number.to_string());
        s.wait_output(confirm, 1);
    }
    s.wait_output(&g.outcome, 1);
    s.line("c");
    s.wait_output(&format!("Reasoning chain, {} steps:", g.steps.len()), 1);
    s.line("e");
    s.wait_output("Export format:", 1);
    s.line("");
    let name = format!("immunity-{}.md", g.conclusion_id);
    s.wait_output(&format!("File name, or press Enter for {name}"), 1);
    s.line("");
    s.wait_output("Saved the markdown export to ", 1);
    s.line("q");
    s.wait_output("Goodbye.", 1);
    assert_eq!(s.finish().exit_code(), 0);
    assert!(dir.path().join(&name).is_file(), "the export was written");
    (s.output(), g)
}

/// The transcript holds no escape sequence, and reads in order from the first question to the
/// conclusion and the export, each step once.
fn assert_plain_transcript(text: &str, g: &Climber) {
    assert!(
        !text.contains('\u{1b}'),
        "an escape sequence reached the terminal: {text:?}"
    );
    assert!(!text.contains('\u{9b}'), "a C1 control sequence introducer");
    let mut order: Vec<String> = vec![
        "Plain mode".into(),
        // The decision is cited with its status word; its history is printed on request (f).
        "Fact pattern: Test v. Rule, 1 Test 1 (2001) [CAUTION]. Type f to read the facts.".into(),
    ];
    for (k, (heading, prompt, _, confirm)) in g.steps.iter().enumerate() {
        order.push(heading.clone());
        order.push(prompt.clone());
        order.push(
            [
                &g.facts_start,
                "Why this question is asked:",
                "Excerpt 1 of",
            ]
            .get(k)
            .map_or_else(String::new, |s| (*s).to_owned()),
        );
        order.push(confirm.clone());
    }
    order.extend(
        [
            g.outcome.as_str(),
            "You reached the same result as the court",
            &format!("Reasoning chain, {} steps:", g.steps.len()),
            "Saved the markdown export to ",
            "Goodbye.",
        ]
        .map(str::to_owned),
    );
    let mut at = 0;
    for needle in &order {
        let found = text[at..]
            .find(needle.as_str())
            .unwrap_or_else(|| panic!("{needle:?} after byte {at}; transcript:\n{text}"));
        at += found + needle.len();
    }
    for (heading, ..) in &g.steps {
        assert_eq!(
            text.matches(heading.as_str()).count(),
            1,
            "each step prints once"
        );
    }
}

#[test]
fn plain_flag_on_a_terminal_emits_no_escape_sequence_and_walks_to_the_conclusion() {
    let (text, g) = walk_climber(&["--plain", "--case", "climber"], &[]);
    assert_plain_transcript(&text, &g);
    assert!(text.contains("Plain mode (--plain was given)"), "{text}");
}

#[test]
fn accessible_chooses_the_line_mode_on_a_terminal() {
    let (text, g) = walk_climber(&["--case", "climber"], &[("ACCESSIBLE", "1")]);
    assert_plain_transcript(&text, &g);
    assert!(text.contains("Plain mode (ACCESSIBLE is set)"), "{text}");
}

#[test]
fn a_dumb_terminal_chooses_the_line_mode() {
    let (text, g) = walk_climber(&["--case", "climber"], &[("TERM", "dumb")]);
    assert_plain_transcript(&text, &g);
    assert!(text.contains("Plain mode (TERM is dumb)"), "{text}");
}

#[test]
fn end_of_input_at_a_question_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let root = pack_in(dir.path()).display().to_string();
    let mut s = Pty::spawn(&["--pack", &root, "--plain"], &[], dir.path(), 80, 24);
    // At a terminal without --case, the start menu of the full screen comes first.
    s.wait_output("Your choice (1 to ", 1);
    assert!(
        s.output().contains("1. Walk the tree freely"),
        "{}",
        s.output()
    );
    assert!(s.output().contains("2. Quiz: "), "{}", s.output());
    assert!(s.output().contains("Fact pattern: Test v. Rule (climber)"));
    s.line("1");
    s.wait_output("; q quit", 1);
    // Ctrl-D on an empty line: the terminal's end of input.
    s.keys("\x04");
    s.wait_output("End of input before a conclusion.", 1);
    assert_eq!(s.finish().exit_code(), 3);
    assert!(!s.output().contains('\u{1b}'));
}

/// Whether the bytes hold an SGR sequence that sets a foreground or background colour.
fn sets_a_colour(text: &str) -> bool {
    text.split("\u{1b}[").skip(1).any(|seq| {
        let Some(end) = seq.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            return false;
        };
        if !seq[end..].starts_with('m') {
            return false;
        }
        seq[..end].split(';').any(|p| {
            p.parse::<u16>()
                .is_ok_and(|n| matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107))
        })
    })
}

/// The full screen under `env` and `args`: whether any colour was drawn.
fn full_screen_colours(args: &[&str], env: &[(&str, &str)]) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let root = pack_in(dir.path()).display().to_string();
    let args: Vec<&str> = ["--pack", root.as_str()]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    let mut s = Pty::spawn(&args, env, dir.path(), 80, 24);
    // The start screen, then the first question: both drawn, then quit. (The full screen
    // moves the cursor between words, so only phrases drawn in one run can be waited for.)
    s.wait_output("Walk the tree freely", 1);
    s.keys("\r");
    s.wait_output("Question 1", 1);
    s.keys("q");
    assert_eq!(s.finish().exit_code(), 0);
    let text = s.output();
    assert!(text.contains("\u{1b}[?1049h"), "the full screen ran");
    sets_a_colour(&text)
}

#[test]
fn the_full_screen_follows_no_color_and_the_color_flag() {
    assert!(full_screen_colours(&[], &[]), "colour by default");
    assert!(!full_screen_colours(&[], &[("NO_COLOR", "1")]));
    assert!(!full_screen_colours(&[], &[("CLICOLOR", "0")]));
    assert!(!full_screen_colours(&["--color", "never"], &[]));
    assert!(
        full_screen_colours(&["--color", "always"], &[("NO_COLOR", "1")]),
        "the flag the user typed wins"
    );
}
