//! The run loop on `TestBackend`, fed through its input channel as the real terminal feeds it:
//! key events, pastes and signals. Counts frames to show that a burst costs one redraw, and
//! records what the loop asks of the console on a stop or a continue.

mod tui_support;

use std::sync::mpsc::{Sender, channel};

use immunity::tui::app::Overlay;
use immunity::tui::export_dialog::MAX_PASTE;
use immunity::tui::{Console, Ending, Input, Signal, run_loop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_support::{app, fixture_pack};

/// Records the console calls instead of stopping the test process.
#[derive(Default)]
struct Recorder(Vec<&'static str>);

impl Console for Recorder {
    fn stop(&mut self) -> std::io::Result<()> {
        self.0.push("stop");
        Ok(())
    }
    fn resume(&mut self) -> std::io::Result<()> {
        self.0.push("resume");
        Ok(())
    }
}

fn key(code: KeyCode) -> Input {
    Input::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(c: char) -> Input {
    Input::Event(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
}

/// Sends the keys that walk the fixture pack to a conclusion and open the export dialog.
fn to_export_dialog(sender: &Sender<Input>) {
    for code in [
        KeyCode::Enter,
        KeyCode::Char('1'),
        KeyCode::Char('1'),
        KeyCode::Char('1'),
        KeyCode::Char('e'),
    ] {
        sender.send(key(code)).unwrap();
    }
}

fn frames(terminal: &mut Terminal<TestBackend>) -> usize {
    terminal.get_frame().count()
}

fn path_field(a: &immunity::tui::App<'_>) -> String {
    match &a.overlay {
        Some(Overlay::Export(dialog)) => dialog.path_text(),
        other => panic!("the export dialog is not open: {other:?}"),
    }
}

#[test]
fn a_burst_of_4096_keys_is_applied_whole_before_one_redraw() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let (sender, inputs) = channel();
    to_export_dialog(&sender);
    for _ in 0..4096 {
        sender.send(key(KeyCode::Char('x'))).unwrap();
    }
    // No more input: the loop draws what the burst did, then ends because the input ended.
    drop(sender);
    let outcome = run_loop(&mut terminal, &mut a, &inputs, &mut Recorder::default());
    assert!(
        outcome
            .unwrap_err()
            .to_string()
            .contains("the terminal's input ended")
    );
    assert!(path_field(&a).ends_with(&"x".repeat(4096)));
    // The first frame, then one for the whole burst.
    assert_eq!(frames(&mut terminal), 2);
}

#[test]
fn a_100_kb_paste_is_one_message_and_never_keys() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&pack, dir.path().to_owned());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let (sender, inputs) = channel();
    to_export_dialog(&sender);
    // What would quit, confirm and export if it were typed.
    let big = "q\ry\r\u{3}".repeat(100 * 1024 / 5);
    sender.send(Input::Event(Event::Paste(big))).unwrap();
    drop(sender);
    let _ = run_loop(&mut terminal, &mut a, &inputs, &mut Recorder::default());
    let Some(Overlay::Export(dialog)) = &a.overlay else {
        panic!("the paste closed the export dialog")
    };
    assert_eq!(
        dialog.path_text(),
        dialog.default_name(),
        "the field is unchanged"
    );
    let error = dialog.error.as_deref().unwrap_or_default();
    assert!(
        error.contains("too long") && error.contains(&MAX_PASTE.to_string()),
        "{error}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    assert_eq!(frames(&mut terminal), 2);
}

#[test]
fn a_pasted_path_is_inserted_without_its_newline_and_without_exporting() {
    let pack = fixture_pack();
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(&pack, dir.path().to_owned());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let (sender, inputs) = channel();
    to_export_dialog(&sender);
    // Empty the field (Backspace is the path field's, not a key binding, here).
    for _ in 0..200 {
        sender.send(key(KeyCode::Backspace)).unwrap();
    }
    sender
        .send(Input::Event(Event::Paste("memo for ann.md\r\n".into())))
        .unwrap();
    drop(sender);
    let _ = run_loop(&mut terminal, &mut a, &inputs, &mut Recorder::default());
    assert_eq!(path_field(&a), "memo for ann.md");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_paste_with_several_lines_or_control_characters_is_refused() {
    let pack = fixture_pack();
    for (paste, reason) in [
        ("zq9.md\nb.md", "several lines"),
        ("zq9\u{1b}]0;x\u{7}.md", "control characters"),
        ("zq9\u{202e}dm.txt", "control characters"),
    ] {
        let mut a = app(&pack, std::env::temp_dir());
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let (sender, inputs) = channel();
        to_export_dialog(&sender);
        sender
            .send(Input::Event(Event::Paste(paste.into())))
            .unwrap();
        drop(sender);
        let _ = run_loop(&mut terminal, &mut a, &inputs, &mut Recorder::default());
        let Some(Overlay::Export(dialog)) = &a.overlay else {
            panic!("dialog closed by {paste:?}")
        };
        assert!(
            !dialog.path_text().contains("zq9"),
            "{paste:?} was inserted"
        );
        assert!(
            dialog.error.as_deref().unwrap_or_default().contains(reason),
            "{paste:?}: {:?}",
            dialog.error
        );
    }
}

#[test]
fn a_paste_outside_the_export_dialog_is_ignored_with_a_notice() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let (sender, inputs) = channel();
    // "1" typed would start a walk; pasted, it does nothing.
    sender
        .send(Input::Event(Event::Paste("1\r".into())))
        .unwrap();
    drop(sender);
    let _ = run_loop(&mut terminal, &mut a, &inputs, &mut Recorder::default());
    assert_eq!(a.screen, immunity::tui::app::Screen::Start);
    assert_eq!(a.status.as_deref(), Some(immunity::tui::app::PASTE_IGNORED));
}

#[test]
fn a_terminating_signal_ends_the_loop_with_its_number_even_behind_keys() {
    let pack = fixture_pack();
    for number in [1, 2, 3, 10, 12, 15] {
        let mut a = app(&pack, std::env::temp_dir());
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let (sender, inputs) = channel();
        sender.send(key(KeyCode::Down)).unwrap();
        sender
            .send(Input::Signal(Signal::Terminate(number)))
            .unwrap();
        // Keys after the signal are not acted on.
        sender.send(key(KeyCode::Enter)).unwrap();
        let ending = run_loop(&mut terminal, &mut a, &inputs, &mut Recorder::default());
        assert_eq!(ending.unwrap(), Ending::Signal(number));
        assert_eq!(a.screen, immunity::tui::app::Screen::Start);
    }
}

#[test]
fn stop_and_ctrl_z_give_the_terminal_back_and_continue_takes_it_again() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let (sender, inputs) = channel();
    sender.send(Input::Signal(Signal::Stop)).unwrap();
    sender.send(Input::Signal(Signal::Continue)).unwrap();
    sender.send(ctrl('z')).unwrap();
    sender.send(Input::Signal(Signal::Continue)).unwrap();
    sender.send(ctrl('c')).unwrap();
    let mut console = Recorder::default();
    let ending = run_loop(&mut terminal, &mut a, &inputs, &mut console);
    assert_eq!(ending.unwrap(), Ending::Quit);
    assert_eq!(
        console.0,
        ["stop", "resume", "resume", "stop", "resume", "resume"]
    );
}

#[test]
fn a_failed_read_ends_the_loop_with_the_error() {
    let pack = fixture_pack();
    let mut a = app(&pack, std::env::temp_dir());
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let (sender, inputs) = channel();
    sender
        .send(Input::ReadFailed(std::io::Error::other("gone")))
        .unwrap();
    let error = run_loop(&mut terminal, &mut a, &inputs, &mut Recorder::default()).unwrap_err();
    assert_eq!(format!("{error:#}"), "cannot read the terminal: gone");
}
