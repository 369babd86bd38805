//! Snapshot tests of every export format: two walks of the bundled pack (its first two fact
//! patterns, or its first two paths when it has none) and every path of the hostile fixture.
//! The context is fixed (version `0.0.0-test`, exported 2000-01-01), so snapshots change only
//! when the pack or the renderers do.

mod report_support;

use immunity::report::{Format, render};
use report_support::{
    all_walks, bundled, case_report, hostile, named_report, report, two_walks, walk,
};

#[test]
fn bundled_pack_exports() {
    let pack = bundled();
    let walks = two_walks(&pack);
    assert_eq!(walks.len(), 2, "the bundled pack has at least two walks");
    for (name, session) in &walks {
        let report = named_report(name, session);
        for format in Format::ALL {
            insta::assert_snapshot!(
                format!("bundled-{name}.{}", format.extension()),
                render(&report, format)
            );
        }
    }
}

/// A student's walk of the Gregory fact pattern that leaves the court's path at step 5 (the
/// judge's own force) and so reaches a different result: every format says where and how.
#[test]
fn bundled_fact_pattern_departure_exports() {
    let pack = bundled();
    let session = walk(
        &pack,
        &[
            ("defendant", "judge"),
            ("relief", "damages"),
            ("capacity", "personal"),
            ("act-kind", "case-work"),
            ("own-act", "no"),
            ("directed-force", "no"),
            ("before-judge", "no"),
        ],
    );
    let report = case_report(&session, "gregory");
    let fact = report
        .fact_pattern
        .as_ref()
        .expect("a fact pattern walk is compared");
    assert!(!fact.same_result);
    assert_eq!(fact.departure.as_ref().map(|d| d.step), Some(5));
    for format in Format::ALL {
        insta::assert_snapshot!(
            format!("bundled-departure-gregory.{}", format.extension()),
            render(&report, format)
        );
    }
}

#[test]
fn hostile_pack_exports() {
    let pack = hostile();
    let walks = all_walks(&pack);
    assert_eq!(walks.len(), 3, "the hostile fixture has three paths");
    for (i, session) in walks.iter().enumerate() {
        let report = report(session);
        for format in Format::ALL {
            insta::assert_snapshot!(
                format!("hostile-path-{}.{}", i + 1, format.extension()),
                render(&report, format)
            );
        }
    }
}
