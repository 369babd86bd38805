//! The matter screen and a walk in a matter (`immunity --matter FILE`), driven by keys through
//! the keymap and the run loop's effect handling on `TestBackend`: every change is in the file
//! once the screen says "Saved"; a failed save says so; snapshots of the matter screen and the
//! note editor.

mod tui_support;

use std::path::{Path, PathBuf};

use immunity::matter::{Certainty, MatterFile, MatterInfo, OpenMatter};
use immunity::pack::Pack;
use immunity::tui::Theme;
use immunity::tui::app::{App, Screen};
use immunity::tui::matter::MatterState;
use tui_support::{fixture_pack, press, resize, screen, type_text};

fn info(caption: &str) -> MatterInfo {
    MatterInfo {
        caption: caption.into(),
        court: Some("D. Or.".into()),
        docket: Some("3:26-cv-01234".into()),
        client: None,
        prepared_by: None,
        reviewer: None,
        opened: None,
        updated: None,
    }
}

/// An app on the matter at `path` (opened and locked), 80×24, no colour.
fn open_app<'p>(pack: &'p Pack, path: &Path) -> App<'p> {
    // A process another test thread starts (insta runs cargo) briefly holds a copy of every
    // open descriptor between its fork and its exec, so a lock just released may still be
    // held for that moment: try again a few times before calling it locked.
    let mut tries = 0;
    let open = loop {
        match OpenMatter::open(path) {
            Err(immunity::matter::MatterError::Locked { .. }) if tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.expect("matter opens"),
        }
    };
    let state = MatterState::opened(open, pack);
    let mut a = App::with_matter(
        pack,
        Theme::new(false),
        path.parent().unwrap().into(),
        state,
    );
    resize(&mut a, 80, 24);
    a
}

/// A new matter, "Doe v. Roe" with no screenings, at `m.json` in `dir`, opened in an app.
fn doe_v_roe<'p>(pack: &'p Pack, dir: &Path) -> (PathBuf, App<'p>) {
    let path = dir.join("m.json");
    drop(OpenMatter::create(&path, info("Doe v. Roe")).unwrap());
    let a = open_app(pack, &path);
    (path, a)
}

/// Types `text` into the field with the cursor.
fn typed(a: &mut App<'_>, text: &str) {
    type_text(a, text);
}

fn status(a: &App<'_>) -> String {
    a.status.clone().unwrap_or_default()
}

/// Adds a screening through the keys.
fn add(a: &mut App<'_>, defendant: &str, act: &str) {
    press(a, "a");
    typed(a, defendant);
    press(a, "Enter");
    typed(a, act);
    press(a, "Enter");
    assert!(status(a).starts_with("Saved "), "{}", status(a));
}

fn read(path: &Path) -> MatterFile {
    MatterFile::read(path).expect("the file reads back")
}

/// A matter with three screenings, notes, cites and an unsure answer, made through keys:
/// after each change the screen says "Saved" and the file holds the change.
#[test]
fn three_screenings_with_notes_cites_and_unsure_answers_are_saved_as_made() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doe.json");
    drop(OpenMatter::create(&path, info("Doe v. Roe")).unwrap());
    let mut a = open_app(&pack, &path);
    assert_eq!(a.screen, Screen::Matter);

    add(&mut a, "Judge A. Roe", "ordered the plaintiff jailed");
    add(&mut a, "Clerk B. Poe", "refused a filing");
    add(&mut a, "Private C. Doe", "conspired");
    assert_eq!(read(&path).screenings.len(), 3);

    // Screening 1: answer, note and cites on it, then the next answer marked unsure.
    press(&mut a, "Home Enter 1");
    let s = status(&a);
    assert!(s.contains("answer 1: Yes, a state judge (\u{201c}"), "{s}");
    assert_eq!(read(&path).screenings[0].answers.len(), 1);
    // Question 2 is on screen, unanswered: n asks whether the note is for answer 1.
    press(&mut a, "n");
    assert!(screen(&mut a, 80, 24).contains("Which answer is the note for?"));
    press(&mut a, "y");
    typed(&mut a, "Compl. names her as the presiding judge");
    press(&mut a, "Enter");
    typed(&mut a, "second line");
    press(&mut a, "Tab");
    typed(&mut a, "¶¶ 12–14; Ex. B at 3");
    press(&mut a, "C-s");
    let s = status(&a);
    assert!(s.contains("note and cites on answer 1 (\u{201c}Was"), "{s}");
    let saved = read(&path);
    let first = &saved.screenings[0].answers[0];
    assert_eq!(
        first.note.as_deref(),
        Some("Compl. names her as the presiding judge\nsecond line")
    );
    assert_eq!(first.cites, ["¶¶ 12–14", "Ex. B at 3"]);
    press(&mut a, "1 u");
    let s = status(&a);
    assert!(s.contains("marked unsure: answer 2 ("), "{s}");
    assert_eq!(
        read(&path).screenings[0].answers[1].certainty,
        Certainty::Unsure
    );
    press(&mut a, "u u");
    assert_eq!(
        read(&path).screenings[0].answers[1].certainty,
        Certainty::Sure,
        "u cycles sure → unsure → contested → sure"
    );
    press(&mut a, "u 1");
    assert!(a.session.is_finished());
    let text = screen(&mut a, 120, 40);
    assert!(
        text.contains("Doe v. Roe — Judge A. Roe · Conclusion"),
        "{text}"
    );
    assert!(text.contains("Contingencies"), "{text}");

    // Back to the list; the second screening concludes at once, the third depends.
    press(&mut a, "Esc");
    assert_eq!(a.screen, Screen::Matter);
    press(&mut a, "Down Enter 2 Esc Down Enter 1 1 1 u");
    assert!(status(&a).contains("marked unsure"), "{}", status(&a));
    press(&mut a, "Esc");
    let text = screen(&mut a, 120, 40);
    assert!(
        text.contains("holds either way (1 unsure or contested answer)"),
        "{text}"
    );
    assert!(
        text.contains("depends on 1 unsure or contested answer"),
        "{text}"
    );
    assert!(text.contains("No § 1983 claim"), "{text}");

    // Reopened from the file: everything is there.
    drop(a);
    let saved = read(&path);
    let defendants: Vec<&str> = saved
        .screenings
        .iter()
        .map(|s| s.defendant.as_str())
        .collect();
    assert_eq!(
        defendants,
        ["Judge A. Roe", "Clerk B. Poe", "Private C. Doe"]
    );
    assert_eq!(saved.screenings[1].answers.len(), 1);
    assert_eq!(saved.screenings[2].answers.len(), 3);
    assert_eq!(saved.screenings[2].answers[2].certainty, Certainty::Unsure);
    let mut b = open_app(&pack, &path);
    let text = screen(&mut b, 120, 40);
    assert!(
        text.contains("depends on 1 unsure or contested answer"),
        "{text}"
    );
    // The first screening resumes at its conclusion; going back shows the note and cites.
    press(&mut b, "Home Enter");
    assert!(b.session.is_finished());
    press(&mut b, "b b");
    let text = screen(&mut b, 120, 40);
    assert!(text.contains("Your answer here: unsure"), "{text}");
    press(&mut b, "b");
    let text = screen(&mut b, 120, 40);
    assert!(
        text.contains("Note: Compl. names her as the presiding judge"),
        "{text}"
    );
    assert!(text.contains("Cites: ¶¶ 12–14; Ex. B at 3"), "{text}");
}

/// Rename, duplicate and delete (Enter on the question means no).
#[test]
fn rename_duplicate_and_delete_with_confirmation() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let (path, mut a) = doe_v_roe(&pack, dir.path());
    add(&mut a, "Judge Roe", "jailed");
    press(&mut a, "Enter 1 n");
    typed(&mut a, "kept through a copy");
    press(&mut a, "C-s Esc r C-u");
    typed(&mut a, "Judge A. Roe");
    press(&mut a, "Enter Enter");
    // The rename form's last field is the role: the screen sets it too.
    typed(&mut a, "state trial judge");
    press(&mut a, "Enter");
    assert_eq!(read(&path).screenings[0].defendant, "Judge A. Roe");
    assert_eq!(read(&path).screenings[0].act.as_deref(), Some("jailed"));
    assert_eq!(
        read(&path).screenings[0].role.as_deref(),
        Some("state trial judge")
    );
    press(&mut a, "c");
    let saved = read(&path);
    assert_eq!(saved.screenings.len(), 2);
    assert_eq!(saved.screenings[1].defendant, "Judge A. Roe (copy)");
    assert_eq!(saved.screenings[1].answers, saved.screenings[0].answers);
    press(&mut a, "d Enter");
    assert_eq!(read(&path).screenings.len(), 2, "Enter keeps it");
    press(&mut a, "d y");
    let saved = read(&path);
    assert_eq!(saved.screenings.len(), 1);
    assert!(status(&a).contains("deleted screening 2"), "{}", status(&a));
    // An empty defendant is refused in the form, nothing written.
    press(&mut a, "a Enter Enter");
    assert_eq!(read(&path).screenings.len(), 1);
    let text = screen(&mut a, 80, 24);
    assert!(text.contains("cannot be empty"), "{text}");
}

/// A save that fails is shown as not saved, and the screen never says "Saved" for it.
#[test]
fn a_failed_save_is_shown_and_not_reported_saved() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let (path, mut a) = doe_v_roe(&pack, dir.path());
    add(&mut a, "Judge Roe", "jailed");
    // The file is replaced by a folder behind the program's back: no save can succeed.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    press(&mut a, "Enter 1");
    assert!(status(&a).starts_with("NOT SAVED"), "{}", status(&a));
    let text = screen(&mut a, 120, 40);
    assert!(text.contains("NOT SAVED"), "{text}");
    assert!(!text.contains("Saved "), "{text}");
    assert!(path.is_dir());
}

/// The caption form of a new matter: nothing is written until the caption is given.
#[test]
fn a_new_matter_asks_for_its_caption_and_writes_nothing_before() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.json");
    let mut a = App::with_matter(
        &pack,
        Theme::new(false),
        dir.path().into(),
        MatterState::creating(&path),
    );
    resize(&mut a, 80, 24);
    press(&mut a, "C-s");
    assert!(!path.exists(), "an empty caption creates nothing");
    let text = screen(&mut a, 80, 24);
    assert!(text.contains("Caption cannot be empty"), "{text}");
    typed(&mut a, "In re Smith");
    // Enter moves through the details; from the last one it creates the matter.
    press(&mut a, "Enter");
    typed(&mut a, "D. Or.");
    press(&mut a, "Enter Enter Enter");
    typed(&mut a, "P. Legal");
    press(&mut a, "Enter");
    assert!(!path.exists());
    typed(&mut a, "A. Attorney");
    press(&mut a, "Enter");
    assert!(status(&a).contains("created"), "{}", status(&a));
    let info = read(&path).matter;
    assert_eq!(info.caption, "In re Smith");
    assert_eq!(info.court.as_deref(), Some("D. Or."));
    assert_eq!(info.docket, None);
    assert_eq!(info.prepared_by.as_deref(), Some("P. Legal"));
    assert_eq!(info.reviewer.as_deref(), Some("A. Attorney"));
    // i changes them later; the memo's heading follows.
    press(&mut a, "i Tab Tab");
    typed(&mut a, "3:26-cv-01234");
    press(&mut a, "C-s");
    assert!(
        status(&a).contains("the matter's details"),
        "{}",
        status(&a)
    );
    let saved = read(&path);
    assert_eq!(saved.matter.docket.as_deref(), Some("3:26-cv-01234"));
    assert_eq!(saved.matter.opened, info.opened, "the opening date is kept");
    let memo = immunity::matter::memo::Memo::build(
        &saved,
        &pack,
        &immunity::report::ReportContext::now("test"),
    );
    let text = String::from_utf8(
        memo.render(immunity::matter::memo::MemoFormat::Text)
            .unwrap(),
    )
    .unwrap();
    assert!(text.contains("A. Attorney"), "{text}");
    assert!(text.contains("3:26-cv-01234"), "{text}");
}

fn snapshot_matter(dir: &Path) -> PathBuf {
    let pack = fixture_pack();
    let path = dir.join("doe.json");
    let mut open = OpenMatter::create(&path, info("Doe v. Roe")).unwrap();
    let a = |q: &str, o: &str, note: Option<&str>, cites: &[&str], certainty| {
        immunity::matter::Answer {
            question: q.into(),
            option: o.into(),
            note: note.map(str::to_owned).map(Into::into),
            cites: cites.iter().map(|&c| c.into()).collect(),
            certainty,
            written_for: None,
        }
    };
    let screening = |d: &str, act: &str, answers| immunity::matter::Screening {
        defendant: d.into(),
        role: None,
        act: Some(act.into()),
        pack: immunity::matter::PackRef::of(&pack),
        answers,
    };
    open.change(|f| {
        f.screenings = vec![
            screening(
                "Judge A. Roe",
                "ordered the plaintiff jailed (¶ 14)",
                vec![
                    a(
                        "acting",
                        "yes",
                        Some("The complaint names her as the presiding judge."),
                        &["Compl. ¶¶ 12–14", "Ex. B at 3"],
                        Certainty::Sure,
                    ),
                    a("function", "yes", None, &[], Certainty::Unsure),
                    a("force", "yes", None, &[], Certainty::Sure),
                ],
            ),
            screening(
                "Clerk B. Poe",
                "refused to file the petition",
                vec![a("acting", "yes", None, &[], Certainty::Sure)],
            ),
            screening(
                "C. Doe",
                "conspired with the judge",
                vec![a("acting", "no", None, &[], Certainty::Contested)],
            ),
        ];
        Ok(())
    })
    .unwrap();
    path
}

fn snap(name: &str, keys: &str) {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_matter(dir.path());
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = open_app(&pack, &path);
        // The header names the file as the user gave it: a relative name, the same every run.
        if let Some(m) = &mut a.matter {
            m.path = PathBuf::from("doe.json");
        }
        press(&mut a, keys);
        let text = screen(&mut a, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

#[test]
fn matter_screen_snapshots() {
    snap("matter", "");
}

#[test]
fn note_editor_snapshots() {
    snap("note_editor", "Enter b b b n");
}

#[test]
fn matter_screen_works_at_the_smallest_size() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_matter(dir.path());
    let mut a = open_app(&pack, &path);
    let text = screen(&mut a, 60, 16);
    assert!(text.contains("1. Judge A. Roe"), "{text}");
    assert!(text.contains("Enter open"), "{text}");
    press(&mut a, "End");
    let text = screen(&mut a, 60, 16);
    assert!(text.contains("3. C. Doe"), "{text}");
    press(&mut a, "?");
    let text = screen(&mut a, 60, 16);
    assert!(text.contains("Keys on this screen (matter)"), "{text}");
    press(&mut a, "Esc Home Enter b b b n");
    let text = screen(&mut a, 60, 16);
    assert!(text.contains("Note on answer 1"), "{text}");
    assert!(text.contains("Ex. B at 3"), "{text}");
    assert!(text.contains("Record cites"), "{text}");
}

/// The matter's keys do nothing in a walk without a matter, and its footer does not list them.
#[test]
fn the_matter_keys_are_only_the_matters() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let mut a = tui_support::app(&pack, dir.path().into());
    press(&mut a, "Enter");
    let before = screen(&mut a, 120, 40);
    assert!(!before.contains("n note"), "{before}");
    assert!(!before.contains("Esc screenings"), "{before}");
    press(&mut a, "n u Esc");
    assert!(a.overlay.is_none());
    assert_eq!(a.screen, Screen::Walk);
    assert_eq!(screen(&mut a, 120, 40), before);
}

/// On the conclusion screen of a matter, the export is the screening memo, written as
/// `immunity memo` writes it (here a Word file).
#[test]
fn the_conclusion_in_a_matter_exports_the_memo() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_matter(dir.path());
    let mut a = open_app(&pack, &path);
    press(&mut a, "Home Enter");
    assert!(a.session.is_finished());
    press(&mut a, "e");
    let text = screen(&mut a, 80, 24);
    assert!(text.contains("Export the screening memo"), "{text}");
    assert!(text.contains("Word (DOCX)"), "{text}");
    press(&mut a, "Down Down Down Down C-u");
    typed(&mut a, "memo.docx");
    press(&mut a, "Enter");
    assert!(
        status(&a).contains("Exported the Word (DOCX) memo"),
        "{}",
        status(&a)
    );
    let bytes = std::fs::read(dir.path().join("memo.docx")).unwrap();
    assert!(bytes.starts_with(b"PK"), "a DOCX is a zip archive");
    // The same file again asks first; Enter keeps it.
    press(&mut a, "e Down Down Down Down C-u");
    typed(&mut a, "memo.docx");
    press(&mut a, "Enter Enter");
    assert_eq!(std::fs::read(dir.path().join("memo.docx")).unwrap(), bytes);
}

/// Names and notes from a hand-written file reach the screen without control or bidi
/// characters; so does text pasted into a form.
#[test]
fn untrusted_text_never_reaches_the_screen_with_controls() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_matter(dir.path());
    let mut text = std::fs::read_to_string(&path).unwrap();
    text = text.replace("Judge A. Roe", "Judge\\u001b[31m A.\\u202e Roe");
    text = text.replace(
        "The complaint names her",
        "The\\u0007 complaint\\u001b]0;x\\u0007 names her",
    );
    std::fs::write(&path, text).unwrap();
    let mut a = open_app(&pack, &path);
    let bad = |s: &str| {
        s.chars()
            .any(|c| c.is_control() && c != '\n' || c == '\u{202e}')
    };
    let shown = screen(&mut a, 120, 40);
    assert!(!bad(&shown), "{shown:?}");
    assert!(shown.contains("Judge[31m A. Roe"), "{shown}");
    press(&mut a, "Home Enter b b b");
    let shown = screen(&mut a, 120, 40);
    assert!(!bad(&shown), "{shown:?}");
    press(&mut a, "n");
    assert!(matches!(
        a.overlay,
        Some(immunity::tui::app::Overlay::Form(_))
    ));
    immunity::tui::handle(
        &mut a,
        ratatui::crossterm::event::Event::Paste("x\u{1b}[2J\u{202e}y".to_owned()),
    );
    let shown = screen(&mut a, 120, 40);
    assert!(!bad(&shown), "{shown:?}");
}

/// A click highlights a screening, a second click opens it; the wheel moves through the list.
#[test]
fn screenings_by_mouse() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_matter(dir.path());
    let mut a = open_app(&pack, &path);
    let third = tui_support::hit_rect(&a, immunity::tui::app::Hit::Screening(2)).expect("drawn");
    tui_support::click(&mut a, third.x + 2, third.y);
    assert_eq!(a.matter.as_ref().unwrap().selected, 2);
    assert_eq!(a.screen, Screen::Matter);
    tui_support::wheel(&mut a, third.x + 2, third.y, false);
    assert_eq!(a.matter.as_ref().unwrap().selected, 1);
    let second = tui_support::hit_rect(&a, immunity::tui::app::Hit::Screening(1)).expect("drawn");
    tui_support::click(&mut a, second.x + 2, second.y);
    assert_eq!(a.screen, Screen::Walk);
    let text = screen(&mut a, 80, 24);
    assert!(text.contains("Doe v. Roe — Clerk B. Poe"), "{text}");
}

/// Restart in a matter clears the screening's answers (after asking) and saves that.
#[test]
fn restart_in_a_matter_goes_back_to_the_first_question_keeping_every_answer() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_matter(dir.path());
    let before = read(&path).screenings[0].clone();
    let mut a = open_app(&pack, &path);
    press(&mut a, "Home Enter r");
    let text = screen(&mut a, 80, 24);
    assert!(text.contains("Back to the first question?"), "{text}");
    press(&mut a, "n");
    assert_eq!(read(&path).screenings[0].answers.len(), 3);
    press(&mut a, "r y");
    assert_eq!(a.screen, Screen::Walk);
    assert_eq!(a.session.history().len(), 0);
    // Restart means the same in every front end: nothing is cleared.
    assert_eq!(read(&path).screenings[0], before);
    assert_eq!(a.highlight, a.session.remembered(pack.start()).unwrap());
}

/// A matter saved with another version of the pack opens with the report of the answers that
/// no longer fit; they stay in the file, listed on the matter screen, through later saves.
#[test]
fn answers_that_no_longer_fit_are_reported_kept_and_listed() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_matter(dir.path());
    let mut file = read(&path);
    file.screenings[1].pack.version = "0.9.0".into();
    file.screenings[1].answers.push(immunity::matter::Answer {
        question: "retired-question".into(),
        option: "yes".into(),
        note: Some("from the old pack".into()),
        cites: Vec::new(),
        certainty: Certainty::Sure,
        written_for: None,
    });
    std::fs::write(&path, file.to_json()).unwrap();
    let mut a = open_app(&pack, &path);
    let text = screen(&mut a, 120, 40);
    assert!(
        text.contains("Saved answers that no longer fit this pack"),
        "{text}"
    );
    assert!(text.contains("version 0.9.0"), "{text}");
    assert!(text.contains("retired-question"), "{text}");
    press(&mut a, "Enter");
    let text = screen(&mut a, 120, 40);
    assert!(
        text.contains("1 saved answer no longer fits the pack (kept)"),
        "{text}"
    );
    // Walking that screening saves it again: the answer that does not fit is still there.
    press(&mut a, "Down Enter 1 1");
    assert!(status(&a).starts_with("Saved "), "{}", status(&a));
    let saved = read(&path);
    assert!(saved.screenings[1].answers.iter().any(
        |x| x.question == "retired-question" && x.note.as_deref() == Some("from the old pack")
    ));
    assert_eq!(saved.screenings[1].pack.version, "1.0.0");
}

/// After a failed save in a walk, leaving saves again first: when that succeeds the answers are
/// in the file; when it fails the screen asks (Enter stays) and says what would be lost.
#[test]
fn leaving_a_walk_after_a_failed_save_saves_again_or_asks() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let (path, mut a) = doe_v_roe(&pack, dir.path());
    add(&mut a, "Judge Roe", "jailed");
    let good = std::fs::read(&path).unwrap();
    // The file is replaced by a folder behind the program's back: no save can succeed.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    press(&mut a, "Enter 1");
    assert!(status(&a).starts_with("NOT SAVED"), "{}", status(&a));

    // Still failing: Esc asks, naming the unsaved answer; Enter stays in the walk.
    press(&mut a, "Esc");
    assert_eq!(a.screen, Screen::Walk);
    let text = screen(&mut a, 80, 24);
    assert!(text.contains("Not saved"), "{text}");
    assert!(text.contains("losing: answer 1: Yes, a state"), "{text}");
    assert!(
        !text.contains("answer to acting"),
        "ids are internal: {text}"
    );
    press(&mut a, "Enter");
    assert_eq!(a.screen, Screen::Walk);
    assert_eq!(a.session.history().len(), 1, "the answer is still there");
    // q asks the same way.
    assert!(
        press(&mut a, "q").is_none(),
        "q does not quit over unsaved answers"
    );
    assert!(screen(&mut a, 80, 24).contains("Not saved"));
    press(&mut a, "n");

    // The file is back: Esc saves the answer, then leaves.
    std::fs::remove_dir(&path).unwrap();
    std::fs::write(&path, &good).unwrap();
    press(&mut a, "Esc");
    assert_eq!(a.screen, Screen::Matter);
    assert!(status(&a).starts_with("Saved "), "{}", status(&a));
    assert_eq!(read(&path).screenings[0].answers.len(), 1);

    // Failing again, y leaves without saving (said first), and the file is as it was.
    press(&mut a, "Enter");
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    press(&mut a, "1");
    assert!(status(&a).starts_with("NOT SAVED"), "{}", status(&a));
    press(&mut a, "Esc y");
    assert_eq!(a.screen, Screen::Matter);
    assert!(path.is_dir());
}

/// In a matter `q` quits at once (every change is saved); the help says so, and outside a
/// matter it still says it asks about an export.
#[test]
fn the_help_says_what_q_does_in_a_matter_and_outside() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let (_, mut a) = doe_v_roe(&pack, dir.path());
    add(&mut a, "Judge Roe", "jailed");
    press(&mut a, "Enter 1 ?");
    let text = screen(&mut a, 120, 40);
    assert!(!text.contains("asks first if the conclusion"), "{text}");
    assert!(
        text.contains("quit (every change is already saved"),
        "{text}"
    );
    press(&mut a, "Esc 1 1");
    assert!(a.session.is_finished());
    press(&mut a, "?");
    let text = screen(&mut a, 120, 40);
    assert!(!text.contains("asks first if the conclusion"), "{text}");
    press(&mut a, "Esc");
    assert!(
        matches!(press(&mut a, "q"), Some(immunity::tui::app::Effect::Quit)),
        "q quits at once at an unexported conclusion in a matter"
    );

    let mut b = App::new(&pack, Theme::new(false), dir.path().into());
    resize(&mut b, 120, 40);
    press(&mut b, "Enter ?");
    let text = screen(&mut b, 120, 40);
    assert!(text.contains("asks first if the conclusion"), "{text}");
}

/// A status line longer than the screen is cut at a word and ends in "…", never mid-word.
#[test]
fn a_long_status_line_is_cut_with_an_ellipsis() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let (_, mut a) = doe_v_roe(&pack, dir.path());
    add(
        &mut a,
        "Judge Roe of the Circuit Court for the Western District",
        "jailed",
    );
    let text = screen(&mut a, 60, 16);
    let status = text
        .lines()
        .find(|l| l.contains("Saved "))
        .expect("the status line");
    assert!(status.trim_end().ends_with('…'), "{text}");
    let shown = status.trim().trim_end_matches('…');
    let full = a.status.clone().unwrap();
    assert!(
        full.starts_with(shown),
        "{shown:?} is the start of {full:?}"
    );
    let rest = &full[shown.len()..];
    assert!(rest.starts_with(' '), "cut at a word: {shown:?} | {rest:?}");
}
