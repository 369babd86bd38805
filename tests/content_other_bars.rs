//! Content tests of the memo's "other bars to check" on the bundled pack: a conclusion's caveats
//! that the pack ties to answers (`caveat_paths`) reach a screening only where its path gave one
//! of them, so the clerk of the Holloway complaint gets no receiver's, guardian's, caseworker's
//! or parole board's caveat, while every path still meets each caveat that bears on it (no bar
//! that applies is dropped).

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use immunity::engine::paths;
use immunity::pack::{FileSet, Node, Pack, load};

fn pack() -> Pack {
    let files = FileSet::bundled("judicial-immunity").expect("the pack is bundled");
    load(&files).expect("the bundled pack loads").0
}

/// The caveats of `conclusion` on the path of `answers`, as text.
fn caveats(pack: &Pack, conclusion: &str, answers: &[(&str, &str)]) -> Vec<String> {
    let c = (0..pack.conclusions().len())
        .find(|&i| pack.conclusion(i).id.as_str() == conclusion)
        .expect("the conclusion exists");
    pack.conclusion(c)
        .caveats_on_path(answers)
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn has(list: &[String], words: &str) -> bool {
    list.iter().any(|c| c.contains(words))
}

#[test]
fn a_clerk_doing_what_the_judge_directed_gets_no_other_officials_caveats() {
    let pack = pack();
    let clerk = caveats(
        &pack,
        "quasi-judicial-immunity",
        &[("official-role", "staff"), ("staff-act", "directed-task")],
    );
    for other in [
        "Receivers are immune",
        "guardians ad litem",
        "A caseworker",
        "parole revocations",
    ] {
        assert!(
            !has(&clerk, other),
            "{other} in the clerk's caveats: {clerk:#?}"
        );
    }
    // What bears on every quasi-judicial official stays.
    for kept in [
        "not the manner of carrying it out",
        "official capacity for damages",
        "1996 limit on injunctions",
        "Other bars to check in a damages suit: Heck v. Humphrey",
        "Today's pleading standard",
    ] {
        assert!(has(&clerk, kept), "{kept} missing: {clerk:#?}");
    }
}

#[test]
fn each_official_gets_the_caveats_of_its_own_role() {
    let pack = pack();
    let appointee = caveats(
        &pack,
        "quasi-judicial-immunity",
        &[("staff-act", "appointee")],
    );
    assert!(has(&appointee, "guardians ad litem") && has(&appointee, "Receivers are immune"));
    let officer = caveats(
        &pack,
        "quasi-judicial-immunity",
        &[("staff-act", "carried-out-order")],
    );
    assert!(has(&officer, "Receivers are immune") && !has(&officer, "guardians ad litem"));
    let board = caveats(
        &pack,
        "quasi-judicial-immunity",
        &[("adjudicator", "comparable")],
    );
    assert!(has(&board, "parole revocations") && !has(&board, "Receivers"));
    let caseworker = caveats(
        &pack,
        "quasi-judicial-immunity",
        &[("caseworker-act", "custody-order")],
    );
    assert!(has(&caseworker, "A caseworker who decides to file"));
    let parole = caveats(
        &pack,
        "staff-qualified-immunity",
        &[("adjudicator", "parole-officer")],
    );
    assert!(has(&parole, "violation warrant") && has(&parole, "parole revocations"));
    let reporter = caveats(
        &pack,
        "staff-qualified-immunity",
        &[("reporter-fault", "deliberate")],
    );
    assert!(!has(&reporter, "violation warrant") && has(&reporter, "access-to-courts"));
    let prosecutor = caveats(
        &pack,
        "prosecutorial-immunity",
        &[("prosecutor-act", "advocate")],
    );
    assert!(!has(&prosecutor, "A caseworker who decides to file"));
    let judge = caveats(
        &pack,
        "non-damages-relief",
        &[("relief-role", "own-practice")],
    );
    assert!(!has(&judge, "quasi-judicial capacity") && has(&judge, "Pulliam"));
}

/// No caveat tied to answers is out of reach: each is met on at least one path of the pack
/// that ends at its conclusion.
#[test]
fn every_caveat_tied_to_answers_is_met_on_some_path_to_its_conclusion() {
    let pack = pack();
    let mut met: BTreeSet<(usize, String)> = BTreeSet::new();
    for path in paths(&pack) {
        let last = path.last().expect("a step");
        let Node::Conclusion(c) = pack.target(last.question, last.option) else {
            continue;
        };
        let answers: Vec<(&str, &str)> = path
            .iter()
            .map(|s| {
                let q = pack.question(s.question);
                (q.id.as_str(), q.options[s.option].id.as_str())
            })
            .collect();
        for caveat in pack.conclusion(c).caveats_on_path(&answers) {
            met.insert((c, caveat.to_string()));
        }
    }
    let mut tied = 0;
    for c in 0..pack.conclusions().len() {
        let conclusion = pack.conclusion(c);
        for p in &conclusion.caveat_paths {
            tied += 1;
            let text = conclusion.caveats[p.caveat].to_string();
            assert!(
                met.contains(&(c, text.clone())),
                "{}: caveat {} is never met: {text}",
                conclusion.id,
                p.caveat
            );
        }
    }
    assert!(tied >= 8, "{tied} caveats tied to answers");
}

#[test]
fn the_holloway_clerk_gets_only_the_bars_of_her_path() {
    let matter = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/matter/holloway.json");
    let out = Command::cargo_bin("immunity")
        .expect("built")
        .args(["memo", "--appendix", "none", "--format", "markdown"])
        .arg(&matter)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let memo = String::from_utf8(out.stdout).unwrap();
    let start = memo.find("## Other bars to check").expect("the section");
    let end = start
        + memo[start..]
            .find("## Contingencies")
            .expect("the next section");
    let bars = &memo[start..end];
    for other in [
        "Receivers",
        "guardians ad litem",
        "A caseworker",
        "Edwards v. Balisok",
    ] {
        assert!(!bars.contains(other), "{other} in:\n{bars}");
    }
    let clerk = &bars[bars.find("### Denise Kowalski").expect("the clerk's bars")..];
    assert!(
        clerk.contains("not the manner of carrying it out"),
        "{clerk}"
    );
    assert!(
        bars.contains("Other bars to check in a damages suit: Heck v. Humphrey"),
        "{bars}"
    );
}
