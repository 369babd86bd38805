//! What one answer costs in the full screen as the pack grows: on generated packs of 10,000,
//! 100,000 and 1,000,000 questions, the app on its first question answers (the update, with
//! what the new question decides, and the redraw at 120×40) and goes back, so every iteration
//! answers at the same depth. The goal is that the cost does not grow with the pack (every
//! action under 16 ms of CPU at a million questions); compare the three figures as ratios.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use immunity::pack::{Pack, generate::generate_pack, load};
use immunity::tui::Theme;
use immunity::tui::app::{App, Message};
use immunity::tui::keymap::Action;
use immunity::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn pack_of(questions: usize) -> Pack {
    load(&generate_pack(questions))
        .expect("generated packs are valid")
        .0
}

fn answer_cost(c: &mut Criterion) {
    let mut group = c.benchmark_group("answer cost");
    group.sample_size(20);
    for size in [10_000, 100_000, 1_000_000] {
        let pack = pack_of(size);
        let mut app = App::new(&pack, Theme::new(true), std::env::temp_dir());
        let _ = app.dispatch(Message::Action(Action::Choose));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        group.bench_function(format!("answer, draw, back, draw: {size} questions"), |b| {
            b.iter(|| {
                let _ = app.dispatch(Message::Action(Action::Select(1)));
                terminal.draw(|f| view(black_box(&app), f)).expect("draw");
                let _ = app.dispatch(Message::Action(Action::Back));
                terminal.draw(|f| view(black_box(&app), f)).expect("draw");
            });
        });
    }
    group.finish();
}

criterion_group!(benches, answer_cost);
criterion_main!(benches);
