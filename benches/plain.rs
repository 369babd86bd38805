//! The line mode on large packs: the longest-remaining-path pass (one linear pass, so 100,000
//! questions cost about 100 times 1,000), and a session that starts, answers 100 questions and
//! reaches the end of its input, on packs of 1,000 and 100,000 questions; and the matter line
//! mode creating a matter, adding a screening, answering 100 questions (each answer saved to
//! the file) and listing the matter again. Compare the ratios within one run.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use immunity::engine::longest_remaining;
use immunity::pack::{generate::generate_pack, load};
use immunity::plain::{PlainOptions, Walkthrough};

fn plain(c: &mut Criterion) {
    let packs: Vec<_> = [1_000usize, 100_000]
        .into_iter()
        .map(|n| (n, load(&generate_pack(n)).expect("clean").0))
        .collect();

    let mut group = c.benchmark_group("longest remaining path");
    for (n, pack) in &packs {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), pack, |b, pack| {
            b.iter(|| longest_remaining(black_box(pack)));
        });
    }
    group.finish();

    let script = "1\n".repeat(100);
    let dir = std::env::temp_dir();
    let mut group = c.benchmark_group("line mode: start and answer 100 questions");
    group.sample_size(20);
    for (n, pack) in &packs {
        group.bench_with_input(BenchmarkId::from_parameter(n), pack, |b, pack| {
            b.iter(|| {
                let options = PlainOptions {
                    case: None,
                    echo: true,
                    strict: true,
                    cwd: dir.clone(),
                    tool_version: "bench".into(),
                    reason: None,
                };
                let mut out = Vec::new();
                Walkthrough::new(pack, options, script.as_bytes(), &mut out)
                    .and_then(Walkthrough::run)
                    .expect("the script runs");
                out
            });
        });
    }
    group.finish();

    // Each iteration creates a new matter: every answer is written and synced to disk, so the
    // absolute time is mostly the disk's; the ratio between the packs is the line mode's.
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut made = 0usize;
    let script = format!("add\nJudge\n\n{}menu\nq\n", "1\n".repeat(100));
    let mut group = c.benchmark_group("matter line mode: add a screening, answer and save 100");
    group.sample_size(10);
    for (n, pack) in &packs {
        group.bench_with_input(BenchmarkId::from_parameter(n), pack, |b, pack| {
            b.iter(|| {
                made += 1;
                let file = folder.path().join(format!("m{made}.json"));
                let options = PlainOptions {
                    case: None,
                    echo: true,
                    strict: true,
                    cwd: folder.path().to_owned(),
                    tool_version: "bench".into(),
                    reason: None,
                };
                let mut out = Vec::new();
                immunity::plain::matter::run(
                    &file,
                    pack,
                    Some("Bench v. Mark".into()),
                    options,
                    script.as_bytes(),
                    &mut out,
                )
                .expect("the script runs");
                out
            });
        });
    }
    group.finish();
}

criterion_group!(benches, plain);
criterion_main!(benches);
