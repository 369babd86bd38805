//! Criterion benchmarks of the TUI: one full frame of the question screen and of the conclusion
//! screen at 120×40 on `TestBackend`, and start-up (load the bundled pack, build the app, draw
//! the first frame).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use immunity::pack::{FileSet, Pack, load};
use immunity::tui::app::{App, Message};
use immunity::tui::keymap::Action;
use immunity::tui::{Theme, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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

criterion_group!(tui, benches);
criterion_main!(tui);
