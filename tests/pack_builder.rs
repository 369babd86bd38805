//! The test-pack builder makes packs the program accepts: `immunity check` finds them clean, and
//! a walk through `--pack DIR` reaches the conclusion the built fact pattern expects. Other
//! behaviour tests build their packs with it instead of leaning on the bundled legal pack.

mod support;

use support::cli::immunity;
use support::pack::{PackBuilder, two_step};

#[test]
fn a_built_pack_checks_clean_and_walks_to_its_fact_patterns_conclusion() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_step().write(dir.path(), "two-step");
    let out = immunity().arg("check").arg(&root).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains(": ok: 2 questions, 3 conclusions"), "{text}");
    // A count agrees with its noun: one fact pattern, not "1 fact patterns".
    assert!(text.trim_end().ends_with(", 1 fact pattern"), "{text}");

    let out = immunity()
        .arg("--pack")
        .arg(&root)
        .args(["walk", "--case", "walker", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["conclusion"]["id"], "left-end", "{report}");
}

#[test]
fn a_built_pack_with_a_dangling_next_is_refused_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let root = PackBuilder::new("broken")
        .question("only", "Only?", &[("a", "A", "nowhere"), ("b", "B", "end")])
        .conclusion("end", "yes", "The end")
        .write(dir.path(), "broken");
    let out = immunity().arg("check").arg(&root).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("pack.json:"), "{text}");
    assert!(text.contains("nowhere"), "{text}");
}

#[test]
fn a_built_pack_loads_through_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let pack = two_step().load(dir.path());
    assert_eq!(pack.questions().len(), 2);
    assert_eq!(pack.cases()[0].expected, "left-end");
}

#[test]
fn the_three_step_pack_loads_with_the_status_given_to_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let pack = support::pack::three_step()
        .status("caution", "its test was narrowed later")
        .load(dir.path());
    assert_eq!(pack.cases().len(), 2);
    assert_eq!(
        pack.question(pack.question_index("path").unwrap())
            .options
            .len(),
        3
    );
    assert_eq!(pack.sources()[0].status, immunity::pack::Status::Caution);
    assert_eq!(
        pack.sources()[0].history.as_deref(),
        Some("its test was narrowed later")
    );
}
