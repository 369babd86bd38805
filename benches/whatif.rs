//! What-if, why-not and "what this decides" on generated packs of 1,000 and 100,000 questions,
//! with every question answered: the time per question should stay flat (linear searches),
//! however many paths the pack has (they grow like the Fibonacci numbers).
//!
//! The `decides ratio` group sets "what this decides" against the why-not search in the same
//! run, on 100,000 questions, and at a question whose 200 options share the whole pack below,
//! and times the walkthrough's answer-and-back on that pack (the model is built on arrival);
//! a search per option, the shape `decides` had before, is measured beside it for reference.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use immunity::engine::{Answers, decides, what_if, why_not};
use immunity::pack::{Node, generate::generate_pack, load};
use immunity::report::WhatThisDecides;
use immunity::tui::Theme;
use immunity::tui::app::{App, Message};
use immunity::tui::keymap::Action;

fn searches(c: &mut Criterion) {
    for (name, which) in [("why-not", 0), ("what-if", 1), ("decides", 2)] {
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        for n in [1_000usize, 100_000] {
            let (pack, _) = load(&generate_pack(n)).expect("clean");
            // Option a everywhere: the walk asks every question, end to end.
            let given: Answers = (0..n).map(|q| (q, 0)).collect();
            let Some(Node::Conclusion(target)) = pack.node("c1") else {
                panic!("generated packs have conclusion c1");
            };
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &pack, |b, pack| {
                b.iter(|| match which {
                    0 => drop(black_box(why_not(pack, &given, target, &Answers::new()))),
                    1 => drop(black_box(what_if(pack, &given, 0, 1))),
                    _ => drop(black_box(decides(pack, 0))),
                });
            });
        }
        group.finish();
    }
}

/// The generated pack of `n` questions with its first question widened to `options` options,
/// all but its own three leading into the rest of the pack through the second question: every
/// option shares one subtree of `n - 1` questions.
fn widened(n: usize, options: usize) -> immunity::pack::Pack {
    let files = generate_pack(n);
    let mut pack: serde_json::Value =
        serde_json::from_str(files.get("pack.json").expect("pack.json")).expect("JSON");
    let first = pack["questions"][0]["options"]
        .as_array_mut()
        .expect("options");
    for o in first.len()..options {
        first.push(serde_json::json!({
            "id": format!("w{o}"), "label": format!("Wide {o}"), "next": "q1",
        }));
    }
    let mut all: std::collections::BTreeMap<String, String> = files
        .iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    all.insert("pack.json".to_owned(), pack.to_string());
    load(&immunity::pack::FileSet::new("widened", all))
        .expect("clean")
        .0
}

/// The conclusions reachable through each option, one depth-first search per option: the
/// shape `decides` had before, kept here only to show in the same run what a shared subtree
/// costs it.
fn per_option(pack: &immunity::pack::Pack, question: usize) -> Vec<Vec<usize>> {
    (0..pack.question(question).options.len())
        .map(|o| {
            let mut seen = vec![false; pack.questions().len()];
            let mut found = std::collections::BTreeSet::new();
            let mut stack = vec![pack.target(question, o)];
            while let Some(node) = stack.pop() {
                match node {
                    Node::Conclusion(c) => {
                        found.insert(c);
                    }
                    Node::Question(q) if !std::mem::replace(&mut seen[q], true) => {
                        stack
                            .extend((0..pack.question(q).options.len()).map(|o| pack.target(q, o)));
                    }
                    Node::Question(_) => {}
                }
            }
            found.into_iter().collect()
        })
        .collect()
}

/// "What this decides" on 100,000 questions against the why-not search on the same pack in
/// the same run (both one pass over the tree: the ratio should stay near 1, whatever the
/// machine), and at a question of 200 options that all share the pack below it (one pass
/// still: a search per option would be 200 passes, a ratio near 200).
fn decides_ratio(c: &mut Criterion) {
    let n = 100_000;
    let (pack, _) = load(&generate_pack(n)).expect("clean");
    let wide = widened(n, 200);
    let given: Answers = (0..n).map(|q| (q, 0)).collect();
    let Some(Node::Conclusion(target)) = pack.node("c1") else {
        panic!("generated packs have conclusion c1");
    };
    assert_eq!(wide.question(0).options.len(), 200);
    let mut group = c.benchmark_group("decides ratio");
    group.sample_size(10);
    group.bench_function("baseline: why-not, 100000 questions", |b| {
        b.iter(|| drop(black_box(why_not(&pack, &given, target, &Answers::new()))));
    });
    group.bench_function("decides, 100000 questions", |b| {
        b.iter(|| drop(black_box(decides(&pack, 0))));
    });
    group.bench_function("decides, 100000 questions, 200 options sharing them", |b| {
        b.iter(|| drop(black_box(decides(&wide, 0))));
    });
    group.bench_function(
        "reference: a search per option, 100000 questions, 200 options sharing them",
        |b| b.iter(|| drop(black_box(per_option(&wide, 0)))),
    );
    group.bench_function("what-this-decides model, 100000 questions", |b| {
        b.iter(|| drop(black_box(WhatThisDecides::build(&pack, 0))));
    });
    // The walkthrough computes the model on arriving at each question: an answer and a step
    // back, each with its update (the model included) and the layout update consults.
    let mut app = App::new(&pack, Theme::new(true), std::env::temp_dir());
    let _ = app.dispatch(Message::Action(Action::Choose));
    assert!(app.decides.is_some(), "the first question's model is built");
    group.bench_function("walkthrough: answer then back, 100000 questions", |b| {
        b.iter(|| {
            let _ = app.dispatch(Message::Action(Action::Select(1)));
            let _ = app.dispatch(Message::Action(Action::Back));
            black_box(app.decides.as_ref().map(|d| d.reachable.len()));
        });
    });
    group.finish();
}

criterion_group!(benches, searches, decides_ratio);
criterion_main!(benches);
