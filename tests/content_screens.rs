//! The bundled judicial-immunity pack on screen: every one of its questions, reached through a
//! matter screening, shows its first words (and at 80×24 two options) at 80×24 and 60×16. Names
//! the bundled pack, so it is a content test: its long prompts are what it checks. And on
//! `TestBackend` (driven by keys): every answer of every question readable with the highlight
//! in view at 60×16, 80×24 and 120×40, and a walk to a conclusion whose long text scrolls to
//! its law-checked date.

#![cfg(unix)]

mod support;
mod tui_support;

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use immunity::pack::{FileSet, Node, Pack, load};
use support::pty::Pty as Session;
use tui_support::{app, assert_options_readable, press, resize, screen};

/// The sizes the full screen is checked at.
const SIZES: [(u16, u16); 3] = [(60, 16), (80, 24), (120, 40)];

/// The bundled pack, loaded as the binary loads it.
fn bundled_pack() -> Pack {
    let files = FileSet::bundled("judicial-immunity").expect("bundled pack present");
    load(&files).expect("bundled pack valid").0
}

/// Runs `immunity ARGS…` in `dir` on the bundled pack; (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("immunity").expect("the binary is built");
    cmd.env_remove("NO_COLOR");
    let out = cmd.current_dir(dir).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// For each question of `pack`, the answers that lead to it from the start (breadth first).
fn paths_to_every_question(pack: &Pack) -> Vec<(usize, BTreeMap<String, String>)> {
    let mut seen = HashSet::new();
    let mut queue = VecDeque::from([(pack.start(), BTreeMap::new())]);
    let mut out = Vec::new();
    while let Some((q, answers)) = queue.pop_front() {
        if !seen.insert(q) {
            continue;
        }
        out.push((q, answers.clone()));
        let question = pack.question(q);
        for (o, option) in question.options.iter().enumerate() {
            if let Node::Question(next) = pack.target(q, o) {
                let mut more = answers.clone();
                more.insert(question.id.to_string(), option.id.to_string());
                queue.push_back((next, more));
            }
        }
    }
    out
}

/// The screen's words, borders and scrollbars left out, as one line.
fn words(screen: &str) -> String {
    screen
        .split(|c: char| c.is_whitespace() || "│┌┐└┘─▲▼█║▶▸".contains(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_question_of_the_bundled_pack_shows_its_first_words_at_80x24_and_60x16() {
    let pack = load(&FileSet::bundled("judicial-immunity").expect("bundled"))
        .expect("valid")
        .0;
    let paths = paths_to_every_question(&pack);
    assert_eq!(
        paths.len(),
        pack.questions().len(),
        "every question is reachable"
    );
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file: PathBuf = d.join("m.json");
    assert_eq!(
        run_in(d, &["matter", "new", "m.json", "--caption", "All"]).0,
        0
    );
    for (q, answers) in &paths {
        let mut args = vec!["matter".to_owned(), "add".into(), "m.json".into()];
        args.extend(["--defendant".into(), pack.question(*q).id.to_string()]);
        for (k, v) in answers {
            args.extend(["--answer".into(), format!("{k}={v}")]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(run_in(d, &args).0, 3, "pending at {}", pack.question(*q).id);
    }
    assert!(file.exists());
    for (cols, rows) in [(80, 24), (60, 16)] {
        let mut s = Session::start(&["--matter", "m.json"], d, cols, rows);
        s.wait_for("Screenings");
        for (i, (q, _)) in paths.iter().enumerate() {
            let prompt = &pack.question(*q).prompt;
            let first: Vec<&str> = prompt.split_whitespace().take(4).collect();
            let first = first.join(" ");
            // Open screening i + 1 (Home, then down i times), then back to the list.
            s.keys("g");
            for _ in 0..i {
                s.keys("j");
            }
            // The walk's footer says "Enter choose" (the list's says "Enter open"), and the
            // footer is the last row a frame draws; the list names every pending question's
            // prompt, so the words alone would not tell the screens apart.
            s.step("\r", "Enter choose");
            // A frame may be read half drawn: wait for the whole of what is looked for.
            let two =
                |shown: &str| rows != 24 || (shown.contains("▶ 1. ") && shown.contains("   2. "));
            let start = std::time::Instant::now();
            while !(words(&s.screen()).contains(&first) && two(&s.screen())) {
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "{cols}x{rows}: question {} does not show {first:?} (and at 80x24 two options):\n{}",
                    pack.question(*q).id,
                    s.screen()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
            s.keys("\x1b");
            let start = std::time::Instant::now();
            while !s.screen().contains("Enter open") {
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "Esc leaves the walk"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        s.keys("q");
        assert!(s.finish().success());
    }
}

/// Every question of the bundled pack, every answer highlighted in turn, at every size: the
/// highlighted answer is on screen and whole, the others only in whole words.
#[test]
fn bundled_pack_every_answer_is_readable_at_every_size() {
    let pack = bundled_pack();
    for (w, h) in SIZES {
        for q in 0..pack.questions().len() {
            // Reach question q by its path from the start (breadth first over answers).
            let Some(path) = path_to(&pack, q) else {
                continue;
            };
            let mut a = app(&pack, std::env::temp_dir());
            resize(&mut a, w, h);
            press(&mut a, "Enter");
            for option in path {
                press(&mut a, &(option + 1).to_string());
            }
            assert_eq!(a.session.current_question(), Some(q));
            for _ in 0..pack.question(q).options.len() {
                assert_options_readable(&a);
                press(&mut a, "Down");
            }
        }
    }
}

/// The answers (0-based) that lead from the start to question `target`, if it is reachable.
fn path_to(pack: &immunity::pack::Pack, target: usize) -> Option<Vec<usize>> {
    use immunity::pack::Node;
    let mut from: Vec<Option<(usize, usize)>> = vec![None; pack.questions().len()];
    let mut seen = vec![false; pack.questions().len()];
    let mut queue = std::collections::VecDeque::from([pack.start()]);
    seen[pack.start()] = true;
    while let Some(q) = queue.pop_front() {
        if q == target {
            let mut path = Vec::new();
            let mut at = q;
            while let Some((prev, option)) = from[at] {
                path.push(option);
                at = prev;
            }
            path.reverse();
            return Some(path);
        }
        for o in 0..pack.question(q).options.len() {
            if let Node::Question(next) = pack.target(q, o)
                && !seen[next]
            {
                seen[next] = true;
                from[next] = Some((q, o));
                queue.push_back(next);
            }
        }
    }
    None
}

#[test]
fn bundled_pack_walks_to_a_conclusion_on_screen() {
    let pack = bundled_pack();
    let mut a = app(&pack, std::env::temp_dir());
    resize(&mut a, 120, 40);
    press(&mut a, "Enter");
    // Always take the first answer until a conclusion is reached (bounded by the pack size).
    for _ in 0..=pack.questions().len() {
        if a.session.is_finished() {
            break;
        }
        press(&mut a, "1");
    }
    assert!(a.session.is_finished());
    let c = a.session.conclusion().unwrap();
    let label = pack
        .outcome_label(&pack.conclusion(c).outcome)
        .to_uppercase();
    let text = screen(&mut a, 120, 40);
    assert!(
        text.contains(&label),
        "outcome label {label:?} shown:\n{text}"
    );
    // The date closes the body: End scrolls to it.
    press(&mut a, "End");
    let text = screen(&mut a, 120, 40);
    assert!(text.contains(pack.law_checked()), "{text}");
    press(&mut a, "Home");
    assert!(screen(&mut a, 120, 40).contains(&label));
}
