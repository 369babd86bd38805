//! Loading and validating packs: the bundled pack, and generated packs of 1,000, 10,000 and
//! 100,000 questions, to show validation grows linearly (the time per question stays flat) and
//! that a 100,000-question pack loads in well under a second.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use immunity::engine::count_paths;
use immunity::pack::{FileSet, generate::generate_pack, load};

fn bundled(c: &mut Criterion) {
    let files = FileSet::bundled("judicial-immunity").expect("bundled pack");
    c.bench_function("load+validate bundled judicial-immunity", |b| {
        b.iter(|| load(black_box(&files)).expect("clean"));
    });
}

fn generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("load+validate generated");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let files = generate_pack(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &files, |b, files| {
            b.iter(|| load(black_box(files)).expect("clean"));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("count paths");
    for n in [1_000usize, 100_000] {
        let (pack, _) = load(&generate_pack(n)).expect("clean");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &pack, |b, pack| {
            b.iter(|| count_paths(black_box(pack)));
        });
    }
    group.finish();
}

criterion_group!(benches, bundled, generated);
criterion_main!(benches);
