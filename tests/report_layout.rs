//! What a supervising attorney reads: every export opens with the conclusion (outcome in
//! words, title, summary, the fact-pattern comparison when there is one) before the reasoning
//! chain; a status's long history is given once, in the table of authorities, with a short
//! badge beside each citation; the hash and the tool's version sit in a provenance footer;
//! dates are in words with their zone; no internal ids in the prose. Checked on a built pack
//! (the test-pack builder's `three_step`, its authority under caution) and the hostile fixture.

mod report_support;

use immunity::report::{Format, Report, render};
use report_support::{all_walks, built, case_report, departing, hostile, report};

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The readable formats, rendered, with each format's escapes undone (Markdown's backslashes,
/// the HTML's markup, by the strict checker) so the words can be searched for as a reader sees them.
fn prose(report: &Report) -> Vec<(Format, String)> {
    [Format::Text, Format::Markdown, Format::Html]
        .into_iter()
        .map(|f| (f, unescape(f, &render(report, f))))
        .collect()
}

fn unescape(format: Format, out: &str) -> String {
    match format {
        Format::Markdown => {
            let mut s = String::with_capacity(out.len());
            let mut chars = out.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
                    continue;
                }
                s.push(c);
            }
            s
        }
        Format::Html => report_support::check_html(out).expect("well-formed HTML"),
        Format::Json | Format::Text => out.to_owned(),
    }
}

fn position(haystack: &str, needle: &str, what: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{what}: {needle:?} is missing"))
}

#[test]
fn the_conclusion_and_the_comparison_come_before_the_reasoning_chain() {
    let pack = built();
    let case = pack.case("climber").expect("climber");
    let walked = immunity::engine::walk(&pack, &case.answers).expect("valid");
    for report in [case_report(&walked.session, "climber"), departing(&pack)] {
        let c = &report.conclusion;
        for (format, out) in prose(&report) {
            let what = format!("{format}");
            let text = flat(&out);
            let title = position(&text, &flat(&c.title), &what);
            let outcome = text
                .find(&format!("OUTCOME: {}", c.outcome_label.to_uppercase()))
                .or_else(|| text.find(&format!("Outcome: {}", c.outcome_label)))
                .unwrap_or_else(|| panic!("{what}: no outcome in words"));
            let summary = position(&text, &flat(&c.summary), &what);
            let fact = text
                .find("Fact pattern: Test v. Rule")
                .or_else(|| text.find("FACT PATTERN: Test v. Rule"))
                .unwrap_or_else(|| panic!("{what}: no fact pattern section"));
            let holding = position(&text, &flat(&case.holding), &what);
            let chain = text
                .find("Reasoning chain")
                .or_else(|| text.find("REASONING CHAIN"))
                .unwrap_or_else(|| panic!("{what}: no reasoning chain"));
            let hash = position(&text, &report.pack.content_hash, &what);
            let table = text
                .find("Table of authorities")
                .or_else(|| text.find("TABLE OF AUTHORITIES"))
                .expect("a table of authorities");
            assert!(
                title < chain && outcome < chain && summary < chain,
                "{what}: conclusion after the chain"
            );
            assert!(
                fact < chain && holding < chain,
                "{what}: comparison after the chain"
            );
            assert!(
                hash > table && hash > chain,
                "{what}: the hash is not in the footer"
            );
        }
    }
}

#[test]
fn every_export_says_where_the_path_left_the_court_and_what_the_court_held() {
    let pack = built();
    let report = departing(&pack);
    let case = pack.case("climber").expect("climber");
    for (format, out) in prose(&report) {
        let text = flat(&out);
        assert!(
            text.contains("You reached a different result from the court"),
            "{format}"
        );
        assert!(
            text.contains("Your path left the court's at step 3"),
            "{format}: {text}"
        );
        assert!(
            text.contains("You answered “Down”; the court's answer is “Up”"),
            "{format}: the court's answer"
        );
        assert!(
            text.contains(&flat(&case.holding).replace('$', "\\$"))
                || text.contains(&flat(&case.holding)),
            "{format}: the holding"
        );
        assert!(
            text.contains(case.citation.as_str()),
            "{format}: the citation"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&render(&report, Format::Json)).expect("JSON");
    assert_eq!(json["fact_pattern"]["same_result"], false);
    assert_eq!(json["fact_pattern"]["departure"]["step"], 3);
    assert_eq!(json["fact_pattern"]["departure"]["court_answer"], "up");
    assert_eq!(json["fact_pattern"]["court_conclusion"]["id"], "at-top");
}

#[test]
fn a_statuss_history_is_given_once_in_the_table_of_authorities() {
    let pack = built();
    let mut reports = vec![departing(&pack)];
    for case in pack.cases() {
        let walked = immunity::engine::walk(&pack, &case.answers).expect("valid");
        reports.push(case_report(&walked.session, &case.id));
    }
    let hostile = hostile();
    reports.extend(all_walks(&hostile).iter().map(report));
    let mut histories = 0;
    for report in &reports {
        for (format, out) in prose(report) {
            let text = flat(&out);
            for entry in &report.authorities {
                let Some(history) = &entry.history else {
                    continue;
                };
                histories += 1;
                // Its opening words, as each format escapes them.
                let words: String = history
                    .split_whitespace()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join(" ");
                let escaped = words;
                assert_eq!(
                    text.matches(&escaped).count(),
                    1,
                    "{format}: {:?} is not given exactly once",
                    entry.name
                );
            }
        }
    }
    assert!(histories > 0, "the packs have authorities with a history");
}

#[test]
fn no_internal_ids_in_the_prose_and_dates_in_words_with_their_zone() {
    let pack = built();
    let mut reports = vec![departing(&pack)];
    for case in pack.cases() {
        let walked = immunity::engine::walk(&pack, &case.answers).expect("valid");
        reports.push(case_report(&walked.session, &case.id));
    }
    for report in &reports {
        let c = &report.conclusion;
        for (format, out) in prose(report) {
            let text = flat(&out);
            assert!(!text.contains("Conclusion id"), "{format}");
            assert!(
                !text.contains(&format!("({})", c.outcome)),
                "{format}: the outcome id {:?}",
                c.outcome
            );
            assert!(
                !text.contains(&format!(" {} ", c.id)) || c.id.contains(' '),
                "{format}: the conclusion id {:?}",
                c.id
            );
            assert!(
                text.contains("1 January 2000, 00:00 UTC+00:00"),
                "{format}: the export date in words"
            );
            assert!(!text.contains("2000-01-01T00:00:00Z"), "{format}");
            assert!(text.contains("law checked to "), "{format}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&render(report, Format::Json)).expect("JSON");
        assert_eq!(json["exported_at"], "2000-01-01T00:00:00Z");
    }
}

/// The walk report and the teacher's key are drawn by the one HTML writer, so each carries its
/// one Content-Security-Policy (no scripts, nothing loaded from outside) and its referrer policy.
#[test]
fn every_html_page_carries_the_one_content_security_policy() {
    let pack = hostile();
    let csp = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        immunity::document::html::CSP
    );
    let key = immunity::report::teacher_key::Key::from_pack(&pack);
    let mut pages = vec![immunity::report::teacher_key::html(&key)];
    pages.extend(
        all_walks(&pack)
            .iter()
            .map(|s| render(&report(s), Format::Html)),
    );
    for page in pages {
        assert_eq!(page.matches(&csp).count(), 1, "{page}");
        assert!(page.contains("<meta name=\"referrer\" content=\"no-referrer\">"));
        report_support::check_html(&page).expect("well-formed, with only allowed elements");
    }
}
