//! The start screen's choice of pack, driven by keys: with more than one pack it lists the
//! others and Enter opens the walkthrough afresh on the one chosen; with one it is the start
//! screen as it always was. The packs are built here (tests/support/pack.rs) and handed to the
//! seam the run loop fills from the library's catalog of bundled packs; no test pack is bundled.

mod support;
mod tui_support;

use immunity::tui::app::Screen;
use immunity::tui::start_menu::StartEntry;
use support::pack::{PackBuilder, two_step};
use tui_support::{app, press, screen};

fn other() -> PackBuilder {
    PackBuilder::new("other-pack")
        .question(
            "door",
            "Is the door locked?",
            &[("locked", "Locked", "shut"), ("open", "Open", "in")],
        )
        .conclusion("shut", "no", "Kept out")
        .conclusion("in", "yes", "Let in")
}

#[test]
fn with_two_packs_the_start_screen_offers_the_other_and_enter_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let first = two_step().load(dir.path());
    let second = other().load(dir.path());
    let mut a = app(&first, dir.path().to_path_buf()).offer_packs(vec![&first, &second]);
    assert_eq!(
        a.start_entries(),
        [
            StartEntry::Free,
            StartEntry::QuizAll,
            StartEntry::Case(0),
            StartEntry::Pack(1)
        ]
    );
    let shown = screen(&mut a, 80, 24);
    assert!(shown.contains("Another pack:"), "{shown}");
    // End highlights the last entry, the other pack; Enter opens it on its start screen.
    press(&mut a, "End Enter");
    assert_eq!(a.pack.id(), "other-pack");
    assert_eq!(a.screen, Screen::Start);
    assert!(
        a.status
            .as_deref()
            .is_some_and(|s| s.contains("Opened the pack"))
    );
    // Its start screen offers the first pack back, and walking it walks its own questions.
    assert_eq!(a.start_entries(), [StartEntry::Free, StartEntry::Pack(0)]);
    press(&mut a, "Enter");
    assert_eq!(a.screen, Screen::Walk);
    assert!(screen(&mut a, 80, 24).contains("Is the door locked?"));
}

#[test]
fn with_one_pack_the_start_screen_is_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let only = two_step().load(dir.path());
    let mut plain = app(&only, dir.path().to_path_buf());
    let mut offered = app(&only, dir.path().to_path_buf()).offer_packs(vec![&only]);
    assert_eq!(offered.start_entries(), plain.start_entries());
    assert_eq!(screen(&mut offered, 80, 24), screen(&mut plain, 80, 24));
}
