//! Inputs shaped to make quadratic work (issue 10), each at two sizes four times apart: a
//! linear algorithm takes about four times as long on the larger, a quadratic one sixteen. Quote
//! search over a source where the quote's first words recur everywhere; the map outline of a
//! tree that branches at every level; plain-text wrapping of one very long word; checking a fact
//! pattern with tens of thousands of answer keys.

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use immunity::engine::walk;
use immunity::pack::{FileSet, Pack, load};
use immunity::report::{self, Format, Report, ReportContext};
use serde_json::{Value, json};

/// A one-question pack; `edit` changes it.
fn pack_json(edit: impl FnOnce(&mut Value)) -> String {
    let mut p = json!({
        "id": "bench", "title": "Bench", "version": "1.0.0", "law_checked": "2025-01-01",
        "description": "D.", "disclaimer": "Not advice.", "start": "first",
        "outcomes": [{ "id": "yes", "label": "Yes" }, { "id": "no", "label": "No" }],
        "sources": [{
            "id": "guide", "name": "The Guide", "citation": "The Guide (2019)", "court": "Press",
            "year": 2019, "status": "good-law", "text": "guide.txt"
        }],
        "questions": [{
            "id": "first", "prompt": "Is it?", "why": "Because.",
            "excerpts": [{ "source": "guide", "quote": "It is so.", "pin": "1" }],
            "options": [
                { "id": "yes", "label": "Yes", "next": "end-yes" },
                { "id": "no", "label": "No", "next": "end-no" }
            ]
        }],
        "conclusions": [
            { "id": "end-yes", "outcome": "yes", "title": "Yes", "summary": "S.", "reasoning": "R.", "authorities": [] },
            { "id": "end-no", "outcome": "no", "title": "No", "summary": "S.", "reasoning": "R.", "authorities": [] }
        ]
    });
    edit(&mut p);
    p.to_string()
}

fn files(pack: String, guide: String, cases: Option<String>) -> FileSet {
    let mut map = BTreeMap::from([
        ("pack.json".to_owned(), pack),
        ("sources/guide.txt".to_owned(), guide),
    ]);
    if let Some(cases) = cases {
        map.insert("cases.json".to_owned(), cases);
    }
    FileSet::new("bench", map)
}

fn quote_search(c: &mut Criterion) {
    let mut group = c.benchmark_group("quote search, recurring words");
    group.sample_size(10);
    for bytes in [250_000usize, 1_000_000] {
        let unit = "the soil is wet and ";
        let guide = format!("*1 It is so. {}THE END.", unit.repeat(bytes / unit.len()));
        let pack = pack_json(|p| {
            p["questions"][0]["excerpts"][0] =
                json!({ "source": "guide", "quote": "the soil is wet ... THE END.", "pin": "2" });
        });
        let set = files(pack, guide, None);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(bytes), &set, |b, set| {
            b.iter(|| load(black_box(set)).expect_err("the pin does not match"));
        });
    }
    group.finish();
}

fn deep_pack(levels: usize) -> Pack {
    let pack = pack_json(|p| {
        let mut qs = Vec::new();
        for i in 0..levels {
            let next = if i + 1 < levels {
                format!("q{}", i + 1)
            } else {
                "end-yes".into()
            };
            qs.push(
                json!({ "id": format!("q{i}"), "prompt": "Q?", "why": "W.", "options": [
                { "id": "a", "label": "A", "next": next },
                { "id": "b", "label": "B", "next": format!("r{i}") } ] }),
            );
            qs.push(
                json!({ "id": format!("r{i}"), "prompt": "R?", "why": "W.", "options": [
                { "id": "a", "label": "A", "next": "end-yes" },
                { "id": "b", "label": "B", "next": "end-no" } ] }),
            );
        }
        p["questions"] = qs.into();
        p["start"] = "q0".into();
    });
    load(&files(pack, "*1 It is so.".into(), None))
        .expect("clean")
        .0
}

fn map_outline(c: &mut Criterion) {
    let mut group = c.benchmark_group("map outline, branching at every level");
    group.sample_size(10);
    for levels in [2_000usize, 8_000] {
        let pack = deep_pack(levels);
        group.throughput(Throughput::Elements(levels as u64));
        group.bench_with_input(BenchmarkId::from_parameter(levels), &pack, |b, pack| {
            b.iter(|| immunity::report::map::outline(black_box(pack)));
        });
    }
    group.finish();
}

fn long_word(c: &mut Criterion) {
    let mut group = c.benchmark_group("plain text, one long word");
    group.sample_size(10);
    let context = ReportContext {
        tool_version: "bench".into(),
        exported_at: "2025-01-01T00:00:00Z".into(),
    };
    for bytes in [1_000_000usize, 4_000_000] {
        let pack = pack_json(|p| p["conclusions"][0]["summary"] = "x".repeat(bytes).into());
        let (pack, _) = load(&files(pack, "*1 It is so.".into(), None)).expect("clean");
        let answers = BTreeMap::from([("first".to_owned(), "yes".to_owned())]);
        let session = walk(&pack, &answers).expect("walks").session;
        let report = Report::build(&session, &context, None).expect("at a conclusion");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(bytes), &report, |b, report| {
            b.iter(|| report::render(black_box(report), Format::Text));
        });
    }
    group.finish();
}

fn answer_keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("case check, answer keys");
    group.sample_size(10);
    for keys in [10_000usize, 40_000] {
        let mut answers = serde_json::Map::new();
        answers.insert("first".into(), "yes".into());
        for i in 0..keys {
            answers.insert(format!("nope-{i}"), "yes".into());
        }
        let cases = json!({ "cases": [{ "id": "c", "title": "C", "citation": "C", "facts": "F.",
            "answers": answers, "expected": "end-yes", "holding": "H." }] });
        let set = files(
            pack_json(|_| {}),
            "*1 It is so.".into(),
            Some(cases.to_string()),
        );
        group.throughput(Throughput::Elements(keys as u64));
        group.bench_with_input(BenchmarkId::from_parameter(keys), &set, |b, set| {
            b.iter(|| load(black_box(set)).expect_err("unknown questions"));
        });
    }
    group.finish();
}

criterion_group!(benches, quote_search, map_outline, long_word, answer_keys);
criterion_main!(benches);
