//! Criterion benchmarks of the TUI: one full frame of the question screen and of the conclusion
//! screen at 120×40 on `TestBackend`, and start-up (load the bundled pack, build the app, draw
//! the first frame).
//!
//! The `view scaling` groups: redraw and a key press at walk depth 0 against depth 3,200 (a
//! generated pack; drawing must not grow with the depth of the walk, goal within 2×), and one
//! move in the map overlay of a 100,000-question pack (goal under 16 ms), with the layout
//! `update` consults measured on its own.
//!
//! The `run loop` group measures input handling: a key press (the key's message, the update
//! and the redraw, as the run loop does them) against a baseline, a plain ratatui `Paragraph`
//! of the same two screens' text drawn alternately (so both sides repaint the same cells); 4 KiB
//! bursts of keys (arrows on the question screen; letters typed into the export path, where
//! `ratatui-textarea` finds the cursor's byte offset by counting characters, so typing into a
//! long line costs its length) and pastes through `run_loop` itself.

use std::hint::black_box;
use std::sync::mpsc::channel;

use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, Criterion, criterion_group, criterion_main};
use immunity::pack::{FileSet, Pack, generate::generate_pack, load};
use immunity::tui::app::{App, Message};
use immunity::tui::keymap::Action;
use immunity::tui::{Console, Input, Theme, handle, message_for, run_loop, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Text;
use ratatui::widgets::Paragraph;

fn bundled() -> Pack {
    load(&FileSet::bundled("judicial-immunity").expect("bundled pack"))
        .expect("valid pack")
        .0
}

fn frame(c: &mut Criterion, name: &str, app: &App<'_>) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    c.bench_function(name, |b| {
        b.iter(|| {
            // A fresh buffer each time: a full frame, not an unchanged diff.
            terminal.clear().expect("clear");
            terminal.draw(|f| view(black_box(app), f)).expect("draw");
        });
    });
}

fn benches(c: &mut Criterion) {
    let pack = bundled();
    let mut app = App::new(&pack, Theme::new(true), std::env::temp_dir());
    let _ = app.dispatch(Message::Action(Action::Choose));
    frame(c, "question screen 120x40", &app);
    for _ in 0..=pack.questions().len() {
        if app.session.is_finished() {
            break;
        }
        let _ = app.dispatch(Message::Action(Action::Select(1)));
    }
    frame(c, "conclusion screen 120x40", &app);

    c.bench_function("start-up to first frame", |b| {
        b.iter(|| {
            let pack = bundled();
            let app = App::new(&pack, Theme::new(true), std::env::temp_dir());
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            terminal.draw(|f| view(&app, f)).expect("draw");
            black_box(terminal.backend().buffer().area);
        });
    });
}

/// The screen's text, one string per row.
fn screen_text(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// One key press as the run loop handles it: the keymap's message, the update, the redraw.
fn press(terminal: &mut Terminal<TestBackend>, app: &mut App<'_>, code: KeyCode) {
    let message = message_for(app, Event::Key(key(code))).expect("the key is bound");
    black_box(app.dispatch(message));
    terminal.draw(|f| view(app, f)).expect("draw");
}

fn key_press_vs_plain_frame(c: &mut Criterion) {
    let pack = bundled();
    let mut group = c.benchmark_group("run loop");
    let mut app = App::new(&pack, Theme::new(true), std::env::temp_dir());
    let _ = app.dispatch(Message::Resize {
        width: 120,
        height: 40,
    });
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    press(&mut terminal, &mut app, KeyCode::Enter);
    let before = screen_text(&terminal);
    press(&mut terminal, &mut app, KeyCode::Down);
    let after = screen_text(&terminal);
    assert_ne!(before, after, "the key changes the screen");

    // Down then Up: the screen alternates between `after` and `before`.
    let mut down = false;
    group.bench_function("key press (question screen, 120x40)", |b| {
        b.iter(|| {
            let code = if down { KeyCode::Down } else { KeyCode::Up };
            down = !down;
            press(&mut terminal, &mut app, code);
        });
    });

    let texts = [Text::from(before.join("\n")), Text::from(after.join("\n"))];
    let mut plain = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut which = 0;
    group.bench_function("baseline: plain paragraph of the same text (120x40)", |b| {
        b.iter(|| {
            which = 1 - which;
            let text = texts[which].clone();
            plain
                .draw(|f| f.render_widget(Paragraph::new(text), f.area()))
                .expect("draw");
        });
    });

    group.finish();
}

/// An app on the bundled pack: on its first question, or (`export_dialog`) walked to a
/// conclusion with the export dialog open.
fn app_at(pack: &Pack, export_dialog: bool) -> (App<'_>, Terminal<TestBackend>) {
    let mut app = App::new(pack, Theme::new(true), std::env::temp_dir());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut keys = vec![KeyCode::Enter];
    if export_dialog {
        // Always the first answer, until a conclusion (bounded by the pack's size).
        keys.extend(std::iter::repeat_n(
            KeyCode::Char('1'),
            pack.questions().len(),
        ));
    }
    let (sender, inputs) = channel();
    for code in keys {
        sender
            .send(Input::Event(Event::Key(key(code))))
            .expect("send");
    }
    drop(sender);
    let _ = run_loop(&mut terminal, &mut app, &inputs, &mut NoConsole);
    if export_dialog {
        let _ = app.dispatch(Message::Action(Action::Export));
        assert!(app.overlay.is_some(), "the export dialog is open");
    }
    (app, terminal)
}

/// One pass of `run_loop` over the `input` queued on a channel that then closes: the loop
/// applies it all, draws once, and returns.
fn loop_pass(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    pack: &Pack,
    export_dialog: bool,
    input: &dyn Fn() -> Vec<Input>,
) {
    group.bench_function(name, |b| {
        b.iter_batched(
            || {
                let (app, terminal) = app_at(pack, export_dialog);
                let (sender, inputs) = channel();
                for i in input() {
                    sender.send(i).expect("send");
                }
                drop(sender);
                (app, terminal, inputs)
            },
            |(mut app, mut terminal, inputs)| {
                black_box(run_loop(&mut terminal, &mut app, &inputs, &mut NoConsole)).ok();
            },
            BatchSize::LargeInput,
        );
    });
}

fn loop_passes(c: &mut Criterion) {
    let pack = bundled();
    let mut group = c.benchmark_group("run loop");
    let keys = |codes: &mut dyn Iterator<Item = KeyCode>| -> Vec<Input> {
        codes
            .map(|code| Input::Event(Event::Key(key(code))))
            .collect()
    };
    loop_pass(
        &mut group,
        "4 KiB burst of ↓/↑ on the question screen, one loop pass",
        &pack,
        false,
        &|| keys(&mut [KeyCode::Down, KeyCode::Up].into_iter().cycle().take(4096)),
    );
    loop_pass(
        &mut group,
        "4 KiB burst of keys into the export path, one loop pass",
        &pack,
        true,
        &|| keys(&mut std::iter::repeat_n(KeyCode::Char('x'), 4096)),
    );
    for (name, size) in [
        (
            "100 KB paste (refused: too long for a path), one loop pass",
            100 * 1024,
        ),
        ("4,000-byte paste (inserted), one loop pass", 4000),
    ] {
        let paste = "x".repeat(size);
        loop_pass(&mut group, name, &pack, true, &|| {
            vec![Input::Event(Event::Paste(paste.clone()))]
        });
    }
    group.finish();
}

/// Benchmarks never stop the process.
struct NoConsole;

impl Console for NoConsole {
    fn stop(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn resume(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

criterion_group!(tui, benches);
criterion_group!(loop_benches, key_press_vs_plain_frame, loop_passes);
fn generated(questions: usize) -> Pack {
    load(&generate_pack(questions)).expect("valid pack").0
}

fn sized_app(pack: &Pack) -> App<'_> {
    let mut app = App::new(pack, Theme::new(true), std::env::temp_dir());
    let _ = app.dispatch(Message::Resize {
        width: 120,
        height: 40,
    });
    app
}

fn key_in(app: &mut App<'_>, code: KeyCode) {
    let _ = handle(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn depth(c: &mut Criterion) {
    let pack = generated(4_000);
    let mut shallow = sized_app(&pack);
    key_in(&mut shallow, KeyCode::Enter);
    let mut deep = sized_app(&pack);
    key_in(&mut deep, KeyCode::Enter);
    for _ in 0..3_200 {
        key_in(&mut deep, KeyCode::Char('1'));
    }
    assert_eq!(deep.session.history().len(), 3_200);
    let mut group = c.benchmark_group("redraw by walk depth");
    for (name, app) in [("depth 0", &shallow), ("depth 3200", &deep)] {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        group.bench_function(name, |b| {
            b.iter(|| {
                terminal.clear().expect("clear");
                terminal.draw(|f| view(black_box(app), f)).expect("draw");
            });
        });
    }
    group.finish();
    let mut group = c.benchmark_group("key press by walk depth");
    for (name, app) in [("depth 0", &mut shallow), ("depth 3200", &mut deep)] {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        group.bench_function(name, |b| {
            b.iter(|| {
                key_in(app, KeyCode::Down);
                terminal.draw(|f| view(app, f)).expect("draw");
            });
        });
    }
    group.finish();
}

fn map(c: &mut Criterion) {
    let pack = generated(100_000);
    let mut app = sized_app(&pack);
    key_in(&mut app, KeyCode::Enter);
    key_in(&mut app, KeyCode::Char('m'));
    // Somewhere in the middle of the outline.
    for _ in 0..3 {
        key_in(&mut app, KeyCode::PageDown);
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut group = c.benchmark_group("map overlay, 100k questions");
    group.bench_function("one move (key, update, frame)", |b| {
        b.iter(|| {
            key_in(&mut app, KeyCode::Down);
            terminal.draw(|f| view(&app, f)).expect("draw");
        });
    });
    group.bench_function("part: layout only (App::plan)", |b| {
        b.iter(|| black_box(app.plan()));
    });
    group.bench_function("jump to the end and back", |b| {
        b.iter(|| {
            key_in(&mut app, KeyCode::End);
            terminal.draw(|f| view(&app, f)).expect("draw");
            key_in(&mut app, KeyCode::Home);
            terminal.draw(|f| view(&app, f)).expect("draw");
        });
    });
    group.finish();
}

criterion_group!(view_scaling, depth, map);
criterion_main!(tui, loop_benches, view_scaling);
