//! Criterion benchmarks of the TUI, each read as a ratio within one run:
//!
//! - one full frame of the question and conclusion screens at 120×40, and start-up;
//! - redraw at walk depth 0 against depth 3,200 (a generated pack): drawing must not grow
//!   with the depth of the walk (the goal: within 2×);
//! - one move in the map overlay of a 100,000-question pack (the goal: under 16 ms);
//! - one key press (update, settle, draw) against a baseline: a plain ratatui `Paragraph`
//!   frame of the same screen text (the goal: within 2×).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use immunity::pack::{FileSet, Pack, generate::generate_pack, load};
use immunity::tui::app::{App, Message};
use immunity::tui::keymap::Action;
use immunity::tui::{Theme, handle, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

fn bundled() -> Pack {
    load(&FileSet::bundled("judicial-immunity").expect("bundled pack"))
        .expect("valid pack")
        .0
}

fn generated(questions: usize) -> Pack {
    load(&generate_pack(questions)).expect("valid pack").0
}

fn app(pack: &Pack) -> App<'_> {
    let mut app = App::new(pack, Theme::new(true), std::env::temp_dir());
    let _ = app.dispatch(Message::Resize {
        width: 120,
        height: 40,
    });
    app
}

fn press(app: &mut App<'_>, code: KeyCode) {
    let _ = handle(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
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

/// The screen's text as lines.
fn screen_lines(terminal: &Terminal<TestBackend>) -> Vec<Line<'static>> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            Line::raw(
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>(),
            )
        })
        .collect()
}

fn screens(c: &mut Criterion) {
    let pack = bundled();
    let mut app = app(&pack);
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

fn depth(c: &mut Criterion) {
    let pack = generated(4_000);
    let mut shallow = app(&pack);
    press(&mut shallow, KeyCode::Enter);
    let mut deep = app(&pack);
    press(&mut deep, KeyCode::Enter);
    for _ in 0..3_200 {
        press(&mut deep, KeyCode::Char('1'));
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
                press(app, KeyCode::Down);
                terminal.draw(|f| view(app, f)).expect("draw");
            });
        });
    }
    group.finish();
}

fn map(c: &mut Criterion) {
    let pack = generated(100_000);
    let mut app = app(&pack);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('m'));
    // Somewhere in the middle of the outline.
    for _ in 0..3 {
        press(&mut app, KeyCode::PageDown);
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut group = c.benchmark_group("map overlay, 100k questions");
    group.bench_function("one move (key, update, frame)", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Down);
            terminal.draw(|f| view(&app, f)).expect("draw");
        });
    });
    group.bench_function("jump to the end and back", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::End);
            terminal.draw(|f| view(&app, f)).expect("draw");
            press(&mut app, KeyCode::Home);
            terminal.draw(|f| view(&app, f)).expect("draw");
        });
    });
    group.finish();
}

fn key_vs_baseline(c: &mut Criterion) {
    let pack = bundled();
    let mut app = app(&pack);
    press(&mut app, KeyCode::Enter);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    // The two screens a Down press alternates between (the first question has two answers
    // or more; Down from the last wraps to the first).
    let options = pack.question(pack.start()).options.len();
    let mut texts = Vec::new();
    for _ in 0..options {
        terminal.draw(|f| view(&app, f)).expect("draw");
        texts.push(screen_lines(&terminal));
        press(&mut app, KeyCode::Down);
    }
    let mut group = c.benchmark_group("key press vs plain frame, 120x40");
    group.bench_function("Down on the first question", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Down);
            terminal.draw(|f| view(&app, f)).expect("draw");
        });
    });
    // Where a key press's time goes: the layout update consults, and the frame.
    group.bench_function("part: layout only (App::plan)", |b| {
        b.iter(|| black_box(app.plan()));
    });
    group.bench_function("part: frame only", |b| {
        b.iter(|| {
            terminal.clear().expect("clear");
            terminal.draw(|f| view(&app, f)).expect("draw");
        });
    });
    let mut plain = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut i = 0;
    group.bench_function("baseline: Paragraph of the same text", |b| {
        b.iter(|| {
            i = (i + 1) % texts.len();
            let text = texts[i].clone();
            plain
                .draw(|f| {
                    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), f.area());
                })
                .expect("draw");
        });
    });
    group.finish();
}

criterion_group!(tui, screens, depth, map, key_vs_baseline);
criterion_main!(tui);
