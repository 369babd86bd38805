//! What-if, why-not and "what this decides" on generated packs of 1,000 and 100,000 questions,
//! with every question answered: the time per question should stay flat (linear searches),
//! however many paths the pack has (they grow like the Fibonacci numbers).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use immunity::engine::{Answers, decides, what_if, why_not};
use immunity::pack::{Node, generate::generate_pack, load};

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

criterion_group!(benches, searches);
criterion_main!(benches);
