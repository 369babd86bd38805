//! Snapshot tests of every export format: the two fact patterns of a built pack (the test-pack
//! builder's `three_step`, its authority under caution), a walk that departs from the court's,
//! and every path of the hostile fixture. The context is fixed (version `0.0.0-test`, exported
//! 2000-01-01), so snapshots change only when the pack or the renderers do.

mod report_support;

use immunity::report::{Format, render};
use report_support::{all_walks, built, departing, hostile, named_report, report, two_walks};

#[test]
fn built_pack_exports() {
    let pack = built();
    let walks = two_walks(&pack);
    assert_eq!(walks.len(), 2, "the built pack has two fact patterns");
    for (name, session) in &walks {
        let report = named_report(name, session);
        for format in Format::ALL {
            insta::assert_snapshot!(
                format!("built-{name}.{}", format.extension()),
                render(&report, format)
            );
        }
    }
}

/// A student's walk of the climber's fact pattern that leaves the court's path at step 3 (down
/// the hill, not up) and so reaches a different result: every format says where and how.
#[test]
fn built_fact_pattern_departure_exports() {
    let pack = built();
    let report = departing(&pack);
    let fact = report
        .fact_pattern
        .as_ref()
        .expect("a fact pattern walk is compared");
    assert!(!fact.same_result);
    assert_eq!(fact.departure.as_ref().map(|d| d.step), Some(3));
    for format in Format::ALL {
        insta::assert_snapshot!(
            format!("built-departure-climber.{}", format.extension()),
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
