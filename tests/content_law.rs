//! Content tests for the bundled judicial-immunity pack: the law it teaches, not the loader.
//!
//! The loader proves a pack is well formed; these tests prove this pack keeps the promises of
//! `doctrine.md`: the conclusion-id contract, a good-law authority at the end of every path,
//! reversed law never shown as current law, fact patterns that reach the conclusions the courts
//! reached, and neutral facts. Each test fails if the content drifts from that contract.

use std::collections::{BTreeMap, BTreeSet};

use immunity::engine::{self, Session, paths, walk};
use immunity::pack::{FileSet, Node, Pack, Source, Status, load, pinned_citation};
use immunity::report::{Report, ReportContext};

const PACK: &str = "judicial-immunity";

/// The conclusion ids and outcomes that front ends, exports and tests rely on (doctrine.md v2,
/// and the seven conclusions its "Version 2.1" added).
const CONTRACT: [(&str, &str); 29] = [
    ("absolute-immunity", "immune"),
    ("personal-executive-act", "not-immune"),
    ("administrative-act", "not-immune"),
    ("nonjudicial-act", "not-immune"),
    ("absence-of-jurisdiction", "not-immune"),
    ("legislative-immunity", "immune"),
    ("official-capacity-damages", "no-claim"),
    ("non-damages-relief", "relief-limited"),
    ("judge-not-adverse", "no-claim"),
    ("prospective-relief-available", "relief-available"),
    ("private-coconspirator", "not-immune"),
    ("no-1983-claim", "no-claim"),
    ("federal-official", "no-claim"),
    ("state-entity", "no-claim"),
    ("no-local-policy", "no-claim"),
    ("local-government", "not-immune"),
    ("quasi-judicial-immunity", "immune"),
    ("clerk-ministerial-act", "circuit-split"),
    ("staff-qualified-immunity", "not-immune"),
    ("witness-immunity", "immune"),
    ("prosecutorial-immunity", "immune"),
    ("prosecutor-qualified-immunity", "not-immune"),
    ("legislator-immunity", "immune"),
    ("outside-pack", "not-screened"),
    ("private-state-actor", "not-immune"),
    ("caseworker-qualified-immunity", "not-immune"),
    ("negligence-only", "no-claim"),
    ("fees-limited", "relief-limited"),
    ("state-judgment-review", "no-claim"),
];

/// Conclusions that deny absolute immunity to a defendant who may still claim qualified
/// immunity (a local government cannot, Owen; a private conspirator is not an official).
const QUALIFIED_IMMUNITY_MAY_APPLY: [&str; 8] = [
    "personal-executive-act",
    "administrative-act",
    "nonjudicial-act",
    "absence-of-jurisdiction",
    "clerk-ministerial-act",
    "staff-qualified-immunity",
    "prosecutor-qualified-immunity",
    "caseworker-qualified-immunity",
];

/// Sources whose bundled text carries reporter page markers: every excerpt from them is pinned.
const PAGE_MARKED: [&str; 7] = [
    "mireles", "waco", "gregory", "antoine", "buckley", "kalina", "hafer",
];

fn pack() -> Pack {
    let files = FileSet::bundled(PACK).expect("the judicial-immunity pack is bundled");
    match load(&files) {
        Ok((pack, _)) => pack,
        Err(problems) => panic!("bundled pack does not load:\n{problems:?}"),
    }
}

fn conclusion_id(pack: &Pack, node: Node) -> Option<&str> {
    match node {
        Node::Conclusion(c) => Some(pack.conclusion(c).id.as_str()),
        Node::Question(_) => None,
    }
}

/// Every piece of free text in the pack and its fact patterns, labelled by where it stands.
fn free_text(pack: &Pack) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = vec![
        ("title".into(), pack.title()),
        ("description".into(), pack.description()),
        ("disclaimer".into(), pack.disclaimer()),
    ];
    for s in pack.sources() {
        if let Some(h) = &s.history {
            out.push((format!("source {} history", s.id), h));
        }
    }
    for q in pack.questions() {
        out.push((format!("question {} prompt", q.id), &q.prompt));
        out.push((format!("question {} why", q.id), &q.why));
        for o in &q.options {
            out.push((format!("question {} option {} label", q.id, o.id), &o.label));
            if let Some(n) = &o.note {
                out.push((format!("question {} option {} note", q.id, o.id), n));
            }
        }
    }
    for c in pack.conclusions() {
        out.push((format!("conclusion {} title", c.id), &c.title));
        out.push((format!("conclusion {} summary", c.id), &c.summary));
        out.push((format!("conclusion {} reasoning", c.id), &c.reasoning));
        for (i, caveat) in c.caveats.iter().enumerate() {
            out.push((format!("conclusion {} caveat {i}", c.id), caveat));
        }
    }
    for case in pack.cases() {
        out.push((format!("case {} facts", case.id), &case.facts));
        out.push((format!("case {} holding", case.id), &case.holding));
    }
    out
}

/// The ways free text can name a source: its full name, and each party name that no other
/// source's name contains (so "Baltad" names Waco v. Baltad, but "Waco" alone does not, being
/// also half of Mireles v. Waco).
fn names_of<'a>(source: &'a Source, all: &'a [Source]) -> Vec<&'a str> {
    let mut names = vec![source.name.as_str()];
    for party in source.name.split(" v. ") {
        let distinctive = all
            .iter()
            .filter(|other| other.id != source.id)
            .all(|other| !other.name.contains(party));
        if distinctive && party != source.name {
            names.push(party);
        }
    }
    names
}

fn says_reversed(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("reversed") || lower.contains("rev'd")
}

/// Counts sentences: a `.`, `?` or `!` followed by the end of the text or by a space and a
/// capital letter, unless the word before it is an abbreviation ("v.", "U.S.", "Corp.").
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut count = 0;
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let at_end = i + 1 == chars.len();
        let before_capital = chars.get(i + 1) == Some(&' ')
            && chars
                .get(i + 2)
                .is_some_and(|n| n.is_uppercase() || *n == '"');
        if !(at_end || before_capital) {
            continue;
        }
        let word: String = chars[..i]
            .iter()
            .rev()
            .take_while(|ch| !ch.is_whitespace())
            .collect::<String>()
            .chars()
            .rev()
            .collect();
        let abbreviation = word == "v"
            || word.contains('.')
            || matches!(
                word.as_str(),
                "Corp" | "Atl" | "Cir" | "No" | "Stat" | "Pub" | "L"
            );
        if at_end || !abbreviation {
            count += 1;
        }
    }
    count
}

#[test]
fn bundled_pack_loads_clean() {
    let files = FileSet::bundled(PACK).expect("bundled");
    let (pack, summary) = load(&files).expect("loads without problems");
    assert_eq!(summary.conclusions, 29);
    assert!(summary.cases >= 24, "{} fact patterns", summary.cases);
    assert!(
        summary.quotes_verified >= 30,
        "{} verified quotes",
        summary.quotes_verified
    );
    assert_eq!(pack.id(), PACK);
    assert_eq!(pack.version(), "2.1.0");
    let description = pack.description();
    assert!(
        description.contains("one defendant and one act") && description.contains("several walks"),
        "the description must say a walk screens one defendant and one act: {description}"
    );
    let disclaimer = pack.disclaimer().to_lowercase();
    assert!(disclaimer.contains("educational"), "{disclaimer}");
    assert!(disclaimer.contains("not legal advice"), "{disclaimer}");
}

#[test]
fn question_and_conclusion_ids_are_distinct() {
    // An option's `next` names either; a shared id would make one of them unreachable.
    let pack = pack();
    let questions: BTreeSet<&str> = pack.questions().iter().map(|q| q.id.as_str()).collect();
    let conclusions: BTreeSet<&str> = pack.conclusions().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        questions.len(),
        pack.questions().len(),
        "duplicate question id"
    );
    assert_eq!(
        conclusions.len(),
        pack.conclusions().len(),
        "duplicate conclusion id"
    );
    let shared: Vec<_> = questions.intersection(&conclusions).collect();
    assert!(
        shared.is_empty(),
        "ids used for both a question and a conclusion: {shared:?}"
    );
}

#[test]
fn contract_conclusions_exist_with_contract_outcomes() {
    let pack = pack();
    let found: BTreeMap<&str, &str> = pack
        .conclusions()
        .iter()
        .map(|c| (c.id.as_str(), c.outcome.as_str()))
        .collect();
    let expected: BTreeMap<&str, &str> = CONTRACT.into_iter().collect();
    assert_eq!(found, expected);
    let labels: BTreeMap<&str, &str> = pack
        .outcomes()
        .iter()
        .map(|o| (o.id.as_str(), o.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        BTreeMap::from([
            ("immune", "Immune"),
            ("not-immune", "Not immune"),
            ("circuit-split", "Circuits divide"),
            ("no-claim", "No § 1983 claim"),
            ("not-screened", "Not screened"),
            ("relief-limited", "Relief limited"),
            ("relief-available", "Relief available"),
        ])
    );
}

#[test]
fn every_contract_conclusion_is_reachable() {
    let pack = pack();
    let reached: BTreeSet<&str> = paths(&pack)
        .filter_map(|path| {
            let last = path.last()?;
            conclusion_id(&pack, pack.target(last.question, last.option))
        })
        .collect();
    let contract: BTreeSet<&str> = CONTRACT.iter().map(|(id, _)| *id).collect();
    assert_eq!(reached, contract);
}

#[test]
fn every_path_ends_at_a_conclusion_citing_good_law() {
    let pack = pack();
    let mut count = 0u128;
    for path in paths(&pack) {
        count += 1;
        let last = path.last().expect("a path has at least one step");
        let Node::Conclusion(c) = pack.target(last.question, last.option) else {
            panic!("path {path:?} does not end at a conclusion");
        };
        let conclusion = pack.conclusion(c);
        let good = conclusion.authorities.iter().any(|a| {
            pack.source(&a.source)
                .is_some_and(|s| s.status == Status::GoodLaw)
        });
        assert!(
            good,
            "conclusion {} cites no good-law authority",
            conclusion.id
        );
        assert!(path.len() <= pack.questions().len());
    }
    assert_eq!(count, engine::count_paths(&pack));
    assert!(
        count >= 22,
        "every conclusion needs a path; found {count} paths"
    );
}

#[test]
fn every_fact_pattern_reaches_its_expected_conclusion() {
    let pack = pack();
    let expected = BTreeMap::from([
        ("gregory", "personal-executive-act"),
        ("mireles", "absolute-immunity"),
        ("stump", "absolute-immunity"),
        ("forrester", "administrative-act"),
        ("bradley", "absolute-immunity"),
        ("dennis", "private-coconspirator"),
        ("gibson-goldston", "personal-executive-act"),
        ("antoine", "staff-qualified-immunity"),
        ("consumers-union-rules", "legislative-immunity"),
        (
            "consumers-union-enforcement",
            "prospective-relief-available",
        ),
        ("whole-womans-health", "judge-not-adverse"),
        ("imbler", "prosecutorial-immunity"),
        ("buckley", "prosecutor-qualified-immunity"),
        ("mullis", "federal-official"),
        ("engebretson", "quasi-judicial-immunity"),
        ("briscoe", "witness-immunity"),
        ("cleavinger", "staff-qualified-immunity"),
        ("bogan", "legislator-immunity"),
        ("scheuer", "outside-pack"),
        ("lugar", "private-state-actor"),
        ("beltran", "caseworker-qualified-immunity"),
        ("pulliam", "fees-limited"),
        ("feldman", "state-judgment-review"),
        ("maness", "clerk-ministerial-act"),
        ("messerschmidt", "staff-qualified-immunity"),
        ("wagshal", "quasi-judicial-immunity"),
        ("wilhelm", "negligence-only"),
        ("montero", "quasi-judicial-immunity"),
    ]);
    let ids: BTreeSet<&str> = pack.cases().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, expected.keys().copied().collect());
    for case in pack.cases() {
        assert_eq!(
            case.expected,
            expected[case.id.as_str()],
            "case {}",
            case.id
        );
        let walked = walk(&pack, &case.answers).unwrap_or_else(|e| panic!("case {}: {e}", case.id));
        let reached = walked
            .session
            .conclusion()
            .map(|c| pack.conclusion(c).id.as_str());
        assert_eq!(reached, Some(case.expected.as_str()), "case {}", case.id);
        assert!(
            walked.unused.is_empty(),
            "case {} answers unused questions {:?}",
            case.id,
            walked.unused
        );
        assert!(
            !case.holding.trim().is_empty(),
            "case {} has no holding",
            case.id
        );
    }
}

#[test]
fn reversed_authorities_carry_their_history_wherever_named() {
    let pack = pack();
    let reversed: Vec<&Source> = pack
        .sources()
        .iter()
        .filter(|s| s.status == Status::Reversed)
        .collect();
    assert!(
        reversed.iter().any(|s| s.id == "waco"),
        "Waco v. Baltad must be marked reversed"
    );
    let texts = free_text(&pack);
    for source in reversed {
        let history = source.history.as_deref().unwrap_or_default();
        assert!(
            says_reversed(history),
            "reversed source {} needs a history line saying so, has {history:?}",
            source.id
        );
        for name in names_of(source, pack.sources()) {
            for (place, text) in &texts {
                if text.contains(name) {
                    assert!(
                        says_reversed(text),
                        "{place} names {name} without saying it was reversed: {text}"
                    );
                }
            }
        }
    }
}

#[test]
fn reversed_authority_never_stands_alone() {
    let pack = pack();
    let status = |id: &str| pack.source(id).map(|s| s.status);
    for q in pack.questions() {
        let excerpt_statuses: Vec<_> = q.excerpts.iter().map(|e| status(&e.source)).collect();
        if excerpt_statuses.contains(&Some(Status::Reversed)) {
            assert!(
                excerpt_statuses.contains(&Some(Status::GoodLaw)),
                "question {} quotes reversed law without the law that reversed it",
                q.id
            );
        }
        for o in &q.options {
            let cited: Vec<_> = o.authorities.iter().map(|a| status(&a.source)).collect();
            if cited.contains(&Some(Status::Reversed)) {
                assert!(
                    cited.contains(&Some(Status::GoodLaw)),
                    "question {} option {} cites reversed law alone",
                    q.id,
                    o.id
                );
                assert!(
                    o.note.as_deref().is_some_and(says_reversed),
                    "question {} option {} cites reversed law without saying so",
                    q.id,
                    o.id
                );
            }
        }
    }
    for c in pack.conclusions() {
        for a in &c.authorities {
            assert_ne!(
                status(&a.source),
                Some(Status::Reversed),
                "conclusion {} rests on reversed law ({})",
                c.id,
                a.source
            );
        }
    }
}

#[test]
fn every_non_good_law_source_has_a_history_line() {
    let pack = pack();
    for s in pack.sources() {
        if s.status != Status::GoodLaw {
            assert!(
                s.history.as_deref().is_some_and(|h| !h.trim().is_empty()),
                "source {} is {} but has no history line",
                s.id,
                s.status.id()
            );
        }
    }
}

#[test]
fn sources_match_doctrine_statuses() {
    let pack = pack();
    let expected = [
        ("waco", Status::Reversed),
        ("mireles", Status::GoodLaw),
        ("gregory", Status::Caution),
        ("gibson-goldston", Status::GoodLaw),
        ("stump", Status::GoodLaw),
        ("forrester", Status::GoodLaw),
        ("bradley", Status::GoodLaw),
        ("pierson", Status::Caution),
        ("ashelman", Status::GoodLaw),
        ("dennis", Status::GoodLaw),
        ("duvall", Status::GoodLaw),
        ("consumers-union", Status::GoodLaw),
        ("antoine", Status::GoodLaw),
        ("mullis", Status::GoodLaw),
        ("briscoe", Status::GoodLaw),
        ("rehberg", Status::GoodLaw),
        ("harlow", Status::GoodLaw),
        ("scheuer", Status::Caution),
        ("imbler", Status::GoodLaw),
        ("buckley", Status::GoodLaw),
        ("kalina", Status::GoodLaw),
        ("usc-1983", Status::GoodLaw),
        ("usc-1988b", Status::GoodLaw),
        ("pulliam", Status::SupersededInPart),
        ("whole-womans-health", Status::GoodLaw),
        ("will", Status::GoodLaw),
        ("monell", Status::GoodLaw),
        ("monroe", Status::OverruledInPart),
        ("bivens", Status::Caution),
        ("egbert", Status::GoodLaw),
        ("conley", Status::Caution),
    ];
    for (id, status) in expected {
        let source = pack
            .source(id)
            .unwrap_or_else(|| panic!("source {id} missing"));
        assert_eq!(source.status, status, "status of {id}");
    }
    let history = |id: &str| {
        pack.source(id)
            .and_then(|s| s.history.clone())
            .unwrap_or_default()
    };
    assert!(
        history("pulliam").contains("1988(b)") && history("pulliam").contains("1983"),
        "Pulliam's history names both 1996 amendments: {}",
        history("pulliam")
    );
    assert!(
        history("gregory").contains("footnote 6")
            && history("gregory").contains("did not survive Mireles"),
        "Gregory's footnote 6 dictum is marked as rejected: {}",
        history("gregory")
    );
    assert!(
        history("bivens").contains("Egbert"),
        "{}",
        history("bivens")
    );
    let mireles = pack.source("mireles").expect("mireles");
    assert_eq!(
        mireles.quotable_from.as_deref(),
        Some("PER CURIAM."),
        "the Mireles syllabus is not the Court's words and must never be quotable"
    );
}

#[test]
fn citations_are_bluebook_with_a_year_parenthetical() {
    let pack = pack();
    for s in pack.sources() {
        let year = s.year.to_string();
        let has_parenthetical = s.citation.split(" (").skip(1).any(|rest| {
            rest.split(')')
                .next()
                .is_some_and(|inside| inside.contains(&year))
        });
        assert!(
            has_parenthetical,
            "citation of {} lacks a ({year}) parenthetical: {}",
            s.id, s.citation
        );
        let pinned = pinned_citation(s, Some("999"));
        assert!(
            pinned.contains(", 999 ("),
            "a pin cite for {} would not go before the year: {pinned}",
            s.id
        );
    }
}

#[test]
fn every_source_is_cited_somewhere() {
    let pack = pack();
    let mut cited = BTreeSet::new();
    for q in pack.questions() {
        for e in &q.excerpts {
            cited.insert(e.source.as_str());
            if let Some(quoting) = &e.quoting {
                cited.insert(quoting.source.as_str());
            }
        }
        for o in &q.options {
            cited.extend(o.authorities.iter().map(|a| a.source.as_str()));
        }
    }
    for c in pack.conclusions() {
        cited.extend(c.authorities.iter().map(|a| a.source.as_str()));
    }
    for s in pack.sources() {
        assert!(
            cited.contains(s.id.as_str()),
            "source {} is never cited",
            s.id
        );
    }
}

#[test]
fn every_question_teaches_the_rule_with_the_words_of_a_court() {
    let pack = pack();
    for q in pack.questions() {
        let n = sentences(&q.why);
        assert!(
            (2..=4).contains(&n),
            "question {} why has {n} sentences",
            q.id
        );
        assert!(!q.excerpts.is_empty(), "question {} has no excerpt", q.id);
        for e in &q.excerpts {
            let source = pack.source(&e.source).expect("excerpt source exists");
            assert!(
                source.text.is_some(),
                "question {} quotes {}, which has no text",
                q.id,
                e.source
            );
            if PAGE_MARKED.contains(&source.id.as_str()) {
                assert!(
                    e.pin.is_some(),
                    "question {} excerpt from {} lacks a pin",
                    q.id,
                    e.source
                );
            } else {
                assert!(
                    e.pin.is_none(),
                    "question {} pins {}, whose bundled text has no reporter pages",
                    q.id,
                    e.source
                );
            }
        }
        assert!(
            (2..=9).contains(&q.options.len()),
            "question {} has {} options; the keys are 1-9",
            q.id,
            q.options.len()
        );
        for o in &q.options {
            assert!(
                o.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
                "question {} option {} has no note",
                q.id,
                o.id
            );
            assert!(
                !o.authorities.is_empty(),
                "question {} option {} cites nothing",
                q.id,
                o.id
            );
        }
    }
}

#[test]
fn every_conclusion_explains_itself_and_states_its_limits() {
    let pack = pack();
    for c in pack.conclusions() {
        let n = sentences(&c.reasoning);
        assert!(
            (2..=5).contains(&n),
            "conclusion {} reasoning has {n} sentences",
            c.id
        );
        assert!(!c.summary.trim().is_empty() && !c.title.trim().is_empty());
        assert!(!c.caveats.is_empty(), "conclusion {} has no caveats", c.id);
        let caveats = c.caveats.join(" ");
        if matches!(c.outcome.as_str(), "immune" | "not-immune") {
            assert!(
                caveats.contains("Twombly") && caveats.contains("Iqbal"),
                "conclusion {} does not state today's pleading standard",
                c.id
            );
        }
    }
    let caveats = |id: &str| {
        let node = pack.node(id).expect("contract conclusion");
        let Node::Conclusion(c) = node else {
            panic!("{id} is not a conclusion")
        };
        pack.conclusion(c).caveats.join(" ")
    };
    for id in QUALIFIED_IMMUNITY_MAY_APPLY
        .iter()
        .copied()
        .chain(["absolute-immunity"])
    {
        let text = caveats(id);
        assert!(
            text.to_lowercase().contains("qualified immunity"),
            "{id} omits qualified immunity"
        );
        assert!(
            text.contains("Harlow"),
            "{id} omits Harlow's objective test"
        );
    }
    assert!(
        !caveats("local-government")
            .to_lowercase()
            .contains("qualified immunity may"),
        "a local government has no qualified immunity (Owen)"
    );
    assert!(
        caveats("absolute-immunity").contains("Officers who carried out"),
        "the immunity conclusion must say officers are judged separately"
    );
}

#[test]
fn directed_force_question_shows_both_views_and_says_which_is_law() {
    let pack = pack();
    let q = pack.question(pack.question_index("directed-force").expect("question"));
    let quoted: BTreeSet<&str> = q.excerpts.iter().map(|e| e.source.as_str()).collect();
    assert!(
        quoted.contains("waco") && quoted.contains("mireles"),
        "{quoted:?}"
    );
    let waco = q
        .excerpts
        .iter()
        .find(|e| e.source == "waco")
        .expect("waco excerpt");
    assert_eq!(waco.pin.as_deref(), Some("216"));
    assert!(
        q.excerpts
            .iter()
            .any(|e| e.source == "mireles" && e.pin.as_deref() == Some("12-13"))
    );
    let nexts: BTreeSet<&str> = q.options.iter().map(|o| o.next.as_str()).collect();
    assert_eq!(nexts, BTreeSet::from(["before-judge"]));
    let yes = q
        .options
        .iter()
        .find(|o| o.id == "yes")
        .expect("yes option");
    let note = yes.note.as_deref().unwrap_or_default();
    assert!(
        says_reversed(note) && note.contains("Supreme Court") && note.contains("is the law"),
        "{note}"
    );
}

#[test]
fn malice_question_teaches_that_motive_does_not_matter() {
    let pack = pack();
    let q = pack.question(pack.question_index("motive").expect("question"));
    for o in &q.options {
        assert_eq!(o.next, "absolute-immunity", "option {}", o.id);
    }
    let yes = q
        .options
        .iter()
        .find(|o| o.id == "yes")
        .expect("yes option");
    assert!(
        yes.note
            .as_deref()
            .is_some_and(|n| n.contains("Motive does not matter"))
    );
    let cited: BTreeSet<&str> = yes.authorities.iter().map(|a| a.source.as_str()).collect();
    for id in ["mireles", "pierson", "bradley", "ashelman"] {
        assert!(cited.contains(id), "the motive note must cite {id}");
    }
}

/// Every damages walk against a judge that ends at a conclusion lists the other bars to check.
#[test]
fn judge_damages_walks_end_with_the_other_bars_to_check() {
    let pack = pack();
    let mut checked = 0;
    for path in paths(&pack) {
        let answered = |qid: &str, oid: &str| {
            path.iter().any(|step| {
                let q = pack.question(step.question);
                q.id == qid && q.options[step.option].id == oid
            })
        };
        if !(answered("defendant", "judge") && answered("relief", "damages")) {
            continue;
        }
        let last = path.last().expect("a path has steps");
        let Node::Conclusion(c) = pack.target(last.question, last.option) else {
            panic!("path does not end at a conclusion");
        };
        let c = pack.conclusion(c);
        let caveats = c.caveats.join(" ");
        assert!(
            caveats.contains("Heck v. Humphrey") && caveats.contains("Rooker-Feldman"),
            "conclusion {} ends a damages walk against a judge without the other bars",
            c.id
        );
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} judge damages paths");
}

/// Brackets in words taken through Mireles are Mireles's alterations: the pack says so, and so
/// does every citation a report prints for them.
#[test]
fn quotations_through_mireles_with_brackets_say_alteration_in_mireles() {
    let pack = pack();
    let mut bracketed = 0;
    for q in pack.questions() {
        for e in &q.excerpts {
            if e.source == "mireles" && e.quoting.is_some() && e.quote.contains('[') {
                bracketed += 1;
                assert_eq!(
                    e.alteration.as_deref(),
                    Some("alteration in Mireles"),
                    "question {}: {}",
                    q.id,
                    e.quote
                );
            }
        }
    }
    assert!(
        bracketed >= 3,
        "relate[s], inform[s] and [I]mmunity are quoted through Mireles"
    );
    let ctx = ReportContext {
        tool_version: "test".to_owned(),
        exported_at: "2000-01-01T00:00:00Z".to_owned(),
    };
    let mut cited = 0;
    for path in paths(&pack) {
        let mut session = Session::new(&pack);
        for step in path {
            session
                .answer(step.option)
                .expect("a path's options are valid");
        }
        let report = Report::from_session(&session, &ctx).expect("a finished walk");
        for step in &report.path {
            for e in &step.excerpts {
                let through_mireles = e.quoted_in.as_ref().is_some_and(|q| q.source == "mireles");
                if through_mireles && e.quote.contains('[') {
                    cited += 1;
                    assert!(
                        e.citation.contains("(alteration in Mireles)"),
                        "{}",
                        e.citation
                    );
                }
            }
        }
    }
    assert!(
        cited > 0,
        "no report showed a bracketed quotation through Mireles"
    );
}

/// The first question asks only who the defendant is: "acting as a judge" and the like belong
/// to later questions, and each kind of defendant names its common examples.
#[test]
fn the_first_question_asks_only_who_the_defendant_is() {
    let pack = pack();
    let start = pack.question(pack.question_index("defendant").expect("start question"));
    assert_eq!(
        pack.start(),
        pack.question_index("defendant").expect("start")
    );
    // Guidance to the screener stands apart from the prompt (pack 2.1), and is never in a memo.
    let instructions = start.instructions.as_deref().unwrap_or_default();
    assert!(
        instructions.contains("one defendant and one act"),
        "{instructions}"
    );
    for o in &start.options {
        let label = o.label.to_lowercase();
        for mixed in [
            "acting as a judge",
            "judicial capacity",
            "damages",
            "injunction",
        ] {
            assert!(!label.contains(mixed), "option {} mixes in {mixed:?}", o.id);
        }
    }
    let labels = start
        .options
        .iter()
        .map(|o| o.label.to_lowercase())
        .collect::<Vec<_>>()
        .join(" | ");
    for example in [
        "clerk",
        "court reporter",
        "bailiff",
        "prosecutor",
        "public defender",
        "witness",
        "state court",
        "county",
        "federal",
        "private",
        "administrative law judge",
    ] {
        assert!(
            labels.contains(example),
            "no first option names {example:?}"
        );
    }
}

/// Ashelman is authority for conspiracy, Dennis for bribery: the motive note cites both.
#[test]
fn ashelman_is_cited_for_conspiracy_and_dennis_for_bribery() {
    let pack = pack();
    let q = pack.question(pack.question_index("motive").expect("question"));
    let yes = q.options.iter().find(|o| o.id == "yes").expect("yes");
    let note = yes.note.as_deref().unwrap_or_default();
    assert!(
        note.contains("conspiracy") && note.contains("(Ashelman v. Pope)"),
        "{note}"
    );
    assert!(
        note.contains("bribed") && note.contains("(Dennis v. Sparks)"),
        "{note}"
    );
    for c in pack.conclusions() {
        for caveat in &c.caveats {
            if caveat.contains("Ashelman") {
                assert!(!caveat.to_lowercase().contains("brib"), "{caveat}");
            }
        }
    }
}

#[test]
fn facts_contain_no_outcome_words() {
    let pack = pack();
    let outcome_words = [
        "immun",
        "liable",
        "liability",
        "verdict",
        "affirm",
        "revers",
        "rev'd",
        "held",
        "holding",
        "dismiss",
        "absolute",
        "qualified",
        "prevail",
    ];
    for case in pack.cases() {
        let facts = case.facts.to_lowercase();
        for word in outcome_words {
            assert!(
                !facts.contains(word),
                "case {} facts contain the outcome word {word:?}",
                case.id
            );
        }
    }
}

#[test]
fn sentence_counter_counts_sentences_not_abbreviations() {
    assert_eq!(sentences("One. Two."), 2);
    assert_eq!(
        sentences("In Mireles v. Waco the Court reversed. It held so."),
        2
    );
    assert_eq!(
        sentences("See Bell Atl. Corp. v. Twombly, 550 U.S. 544 (2007). Next."),
        2
    );
    assert_eq!(sentences("No end"), 0);
}
