//! A question's `instructions` (which option wins where two could seem to fit) reach the person
//! answering it in every place a question is answered: the full screen, the line mode and
//! `walk`'s pending question, text and JSON. They never reach a memo. Uses the bundled pack,
//! whose questions carry such instructions, so it is a content test.

mod tui_support;

use assert_cmd::Command;
use tui_support::{app, press, screen, words};

/// The bundled pack, loaded as the binary loads it.
fn bundled_pack() -> immunity::pack::Pack {
    let files = immunity::pack::FileSet::bundled("judicial-immunity").expect("bundled pack");
    immunity::pack::load(&files).expect("bundled pack valid").0
}

/// The first words of the `official-role` question's instructions.
fn opening(pack: &immunity::pack::Pack) -> String {
    let q = pack
        .questions()
        .iter()
        .find(|q| q.id == "official-role")
        .expect("the pack asks which kind of official");
    let text = q
        .instructions
        .as_deref()
        .expect("official-role says how to choose");
    text.split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_full_screen_shows_how_to_choose_under_the_prompt() {
    let pack = bundled_pack();
    let want = opening(&pack);
    let official = pack
        .question(pack.start())
        .options
        .iter()
        .position(|o| o.id == "official");
    let number = official.expect("the first question has an official option") + 1;
    let mut a = app(&pack, std::env::temp_dir());
    press(&mut a, &format!("Enter {number}"));
    let shown = words(&screen(&mut a, 120, 40));
    assert!(shown.contains(&want), "{want:?} not on screen:\n{shown}");
}

#[test]
fn walk_and_the_line_mode_say_how_to_choose() {
    let pack = bundled_pack();
    let want = opening(&pack);
    let out = Command::cargo_bin("immunity")
        .unwrap()
        .args(["walk", "--answer", "defendant=official"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        words(&text).contains(&format!("How to choose: {want}")),
        "{text}"
    );

    let out = Command::cargo_bin("immunity")
        .unwrap()
        .args(["walk", "--answer", "defendant=official", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let instructions = json["pending"]["instructions"].as_str().unwrap_or_default();
    assert!(instructions.starts_with(&want), "{json}");
}
