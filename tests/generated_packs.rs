//! Generated packs of any size load clean, and breaking one `next` in one is reported exactly
//! once, at the right place. The 100,000-question pack checks that validation scales (no
//! recursion to overflow, nothing quadratic enough to hang); its speed is measured by the
//! benchmark, not here.

use std::collections::BTreeMap;

use immunity::pack::generate::generate_pack;
use immunity::pack::{FileSet, load};
use proptest::prelude::*;

#[test]
fn a_generated_pack_of_100_000_questions_validates() {
    let files = generate_pack(100_000);
    let (pack, summary) = load(&files).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(summary.questions, 100_000);
    assert_eq!(summary.conclusions, 3);
    assert_eq!(summary.quotes_verified, 1_000);
    assert_eq!(summary.cases, 1);
    // Fibonacci-like growth: the count saturates rather than overflowing.
    assert_eq!(summary.paths, u128::MAX);
    assert!(pack.warnings().is_empty());
}

/// The pack with option `option` of question `question` pointed at `target`.
fn with_next(files: &FileSet, question: usize, option: usize, target: &str) -> FileSet {
    let mut pack: serde_json::Value =
        serde_json::from_str(files.get("pack.json").expect("pack.json")).expect("json");
    pack["questions"][question]["options"][option]["next"] = target.into();
    let mut map: BTreeMap<String, String> = files
        .iter()
        .map(|(p, c)| (p.to_owned(), c.to_owned()))
        .collect();
    map.insert(
        "pack.json".to_owned(),
        serde_json::to_string_pretty(&pack).expect("serialise"),
    );
    FileSet::new(files.display_root(), map)
}

/// Options whose target another option also leads to: changing one leaves everything
/// reachable, so exactly one problem remains.
fn redundant_options(files: &FileSet) -> Vec<(usize, usize)> {
    let pack: serde_json::Value =
        serde_json::from_str(files.get("pack.json").expect("pack.json")).expect("json");
    let questions = pack["questions"].as_array().expect("questions");
    let mut incoming: BTreeMap<&str, usize> = BTreeMap::new();
    for q in questions {
        for o in q["options"].as_array().expect("options") {
            *incoming
                .entry(o["next"].as_str().expect("next"))
                .or_default() += 1;
        }
    }
    let mut out = Vec::new();
    for (qi, q) in questions.iter().enumerate() {
        for (oi, o) in q["options"].as_array().expect("options").iter().enumerate() {
            if incoming[o["next"].as_str().expect("next")] >= 2 {
                out.push((qi, oi));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_packs_validate_clean(n in 1usize..400) {
        let (_, summary) = load(&generate_pack(n)).map_err(|d| TestCaseError::fail(d.to_string()))?;
        prop_assert_eq!(summary.questions, n);
        prop_assert!(summary.paths >= 1);
    }

    #[test]
    fn one_dangling_next_is_one_error(n in 2usize..400, pick in any::<prop::sample::Index>()) {
        let files = generate_pack(n);
        let candidates = redundant_options(&files);
        prop_assume!(!candidates.is_empty());
        let (q, o) = candidates[pick.index(candidates.len())];
        let broken = with_next(&files, q, o, "nowhere-at-all");
        let diagnostics = load(&broken).expect_err("a dangling next must fail").0;
        prop_assert_eq!(diagnostics.len(), 1, "{:?}", diagnostics);
        let d = &diagnostics[0];
        prop_assert_eq!(
            &d.message,
            &format!("questions[{q}] (\"q{q}\").options[{o}].next: \"nowhere-at-all\" names no question or conclusion")
        );
        let text = broken.get("pack.json").expect("pack.json");
        let line = text.lines().nth(d.line - 1).expect("line");
        let at: String = line.chars().skip(d.column - 1).collect();
        prop_assert!(at.starts_with("\"nowhere-at-all\""), "points at {at:?}");
    }
}
