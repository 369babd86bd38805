//! The screening memo of a matter of 100 and of 1,000 screenings (the six screenings of the
//! Holloway fixture repeated, each a defendant of its own) in every format, built and rendered:
//! the time per screening should stay flat (the memo is linear in the matter's size). The
//! printed ratio of the 1,000 to the 100 is what to watch; about 10 is linear.

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use immunity::matter::MatterFile;
use immunity::matter::memo::{Appendix, Memo, MemoFormat};
use immunity::pack::{FileSet, load};
use immunity::report::ReportContext;

/// The Holloway matter with its screenings repeated to `n`, each defendant numbered.
fn matter(n: usize) -> MatterFile {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/fixtures/matter/holloway.json"))
        .expect("the fixture");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let six = json["screenings"].as_array().expect("screenings").clone();
    json["screenings"] = (0..n)
        .map(|i| {
            let mut s = six[i % six.len()].clone();
            let name = format!(
                "{} {}",
                s["defendant"].as_str().unwrap_or(""),
                i / six.len()
            );
            s["defendant"] = serde_json::Value::String(name);
            s
        })
        .collect();
    MatterFile::parse(Path::new("bench.json"), &json.to_string()).expect("a matter")
}

fn memos(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = FileSet::from_dir(&root.join("questions/judicial-immunity")).expect("the pack");
    let (pack, _) = load(&files).expect("the bundled pack loads");
    let ctx = ReportContext::now("bench");
    for format in MemoFormat::ALL {
        let mut group = c.benchmark_group(format!("memo {}", format.name()));
        group.sample_size(10);
        for n in [100usize, 1_000] {
            let m = matter(n);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &m, |b, m| {
                b.iter(|| {
                    let memo = Memo::build(m, &pack, &ctx);
                    black_box(memo.render_with_warning(format, Appendix::Full))
                });
            });
        }
        group.finish();
    }
}

criterion_group!(benches, memos);
criterion_main!(benches);
