//! Hostile text: pack strings holding markup, links, entities, Markdown syntax, terminal escape
//! sequences and bidirectional overrides must never be live in any export.
//!
//! The fixture pack `tests/fixtures/hostile/` holds what a valid pack may hold (markup, links,
//! entities, Markdown control characters). Control characters and bidi overrides are rejected
//! by the pack validator, so those are planted in a `Report` value directly.

mod report_support;

use immunity::report::{
    ChosenAnswer, CitedAuthority, ConclusionRef, Departure, FactPatternComparison, Format, Report,
    render,
};
use immunity::text::is_unsafe_char;
use report_support::{all_walks, check_html, hostile, report};
use serde_json::Value;

/// Reports of every path of the hostile pack, and one of them with a hostile fact-pattern
/// comparison planted (the fixture has no fact patterns; its markup is what a valid pack may
/// hold).
fn reports() -> Vec<Report> {
    let pack = hostile();
    let mut reports: Vec<Report> = all_walks(&pack).iter().map(report).collect();
    let mut compared = reports[0].clone();
    let authority = compared.authorities.first().map(|t| CitedAuthority {
        source: t.source.clone(),
        name: t.name.clone(),
        citation: t.citation.clone(),
        pin: None,
        status: t.status,
        status_label: t.status_label.clone(),
        history: t.history.clone(),
    });
    compared.fact_pattern = Some(FactPatternComparison {
        case: "evil-case".into(),
        title: "Evil <b>v.</b> [Corp](javascript:alert(10))".into(),
        citation: "Evil <i>v.</i> Corp, 1 U.S. 1 (1999) | # not a cell".into(),
        authority,
        facts: "- not a bullet <script>alert(11)</script> & *facts*".into(),
        same_result: false,
        court_conclusion: ConclusionRef {
            id: "other".into(),
            title: "Other <img src=x onerror=alert(12)>".into(),
            outcome: "o".into(),
            outcome_label: "Outcome `code` \\ ~~x~~".into(),
        },
        departure: Some(Departure {
            step: 1,
            chosen: ChosenAnswer {
                question: "first".into(),
                prompt: "# Is it <b>judicial</b>? | yes | no |".into(),
                answer: "yes".into(),
                label: "Yes <a href=\"javascript:alert(13)\">click</a>".into(),
            },
            court_answer: Some("no".into()),
            court_label: Some("No [x](https://evil.example) www.evil.example".into()),
        }),
        holding: "1. not a list\n\n```\nfence\n``` held <style>body{display:none}</style>".into(),
    });
    reports.push(compared);
    reports
}

#[test]
fn html_escapes_everything_and_shows_it_as_text() {
    for report in reports() {
        let html = render(&report, Format::Html);
        let text = check_html(&html).unwrap_or_else(|e| panic!("{e}\n{html}"));
        let lower = html.to_ascii_lowercase();
        for live in [
            "<script", "<img", "<a ", "<iframe", "<svg", "<link", "<b ", "<i>", "<div",
        ] {
            assert!(!lower.contains(live), "{live} is live in the HTML");
        }
        // The hostile strings are there, as text a reader can see.
        assert!(text.contains("Hostile <script>alert(1)</script> & [pack](javascript:alert(1))"));
        assert!(text.contains(
            "Educational aid, not legal advice. <img src=x onerror=alert(1)> &amp; &lt;b&gt;"
        ));
        assert!(
            html.contains("&amp;amp; &amp;lt;b&amp;gt;"),
            "entities are shown, not decoded"
        );
        assert!(text.contains(&report.conclusion.title));
    }
}

#[test]
fn markdown_escapes_every_active_character() {
    for report in reports() {
        let md = render(&report, Format::Markdown);
        let chars: Vec<char> = md.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            // The template itself uses none of these; every one comes from the pack and must be
            // escaped.
            if matches!(c, '<' | '[' | ']' | '`' | '&' | '!' | '_' | '~' | '$' | '@') {
                assert!(
                    i > 0 && chars[i - 1] == '\\',
                    "unescaped {c:?} at {i}:\n{md}"
                );
            }
        }
        assert!(
            !md.to_ascii_lowercase().contains("javascript:"),
            "a live javascript: scheme"
        );
        assert!(
            !md.contains("https://") && !md.contains("http://"),
            "an autolink"
        );
        assert!(!md.contains("www.evil"), "an autolink");
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
        let expected_headings = 4
            + usize::from(report.fact_pattern.is_some())
            + usize::from(!report.conclusion.caveats.is_empty())
            + usize::from(!report.conclusion.authorities.is_empty());
        assert_eq!(headings.len(), expected_headings, "{headings:#?}");
        for h in &headings {
            assert!(
                [
                    "# ",
                    "## Fact pattern: ",
                    "## Why",
                    "## Reasoning chain",
                    "### Caveats",
                    "### Controlling authorities",
                    "## Table of authorities"
                ]
                .iter()
                .any(|p| h.starts_with(p)),
                "unexpected heading {h:?}"
            );
        }
        let rows = md.lines().filter(|l| l.starts_with('|')).count();
        assert_eq!(
            rows,
            report.authorities.len() + 2,
            "pack text made table rows"
        );
        for line in md.lines() {
            let body = line.trim_start();
            assert!(
                !body.starts_with("```") && !body.starts_with('<') && !body.starts_with("==="),
                "a block started by pack text: {line:?}"
            );
            // Unescaped pipes appear only in the table.
            if !line.starts_with('|') {
                let cs: Vec<char> = line.chars().collect();
                for (i, &c) in cs.iter().enumerate() {
                    assert!(
                        c != '|' || (i > 0 && cs[i - 1] == '\\'),
                        "unescaped | in {line:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn json_and_text_keep_the_strings_verbatim() {
    for report in reports() {
        let json = render(&report, Format::Json);
        let back: Report = serde_json::from_str(&json).expect("the JSON export parses");
        assert_eq!(back, report, "the JSON export is the model, verbatim");
        let text = render(&report, Format::Text);
        assert!(
            text.contains("<script>alert(1)</script>")
                || text.contains("<SCRIPT>ALERT(1)</SCRIPT>")
        );
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    }
}

/// Every unsafe character the sanitiser must drop: escape, CSI, BEL, NUL, DEL, bidi overrides
/// and isolates.
const POISON: &str =
    "\u{1b}\u{9b}\u{7}\u{0}\u{7f}\u{202e}\u{202d}\u{2066}\u{2069}\u{200f}\u{61c}\u{8}\r";

/// Inserts `poison` at the start, middle and end of every string of a report (except the
/// status ids, which are an enum).
fn poisoned(report: &Report, poison: &str) -> Report {
    fn walk(v: &mut Value, key: Option<&str>, poison: &str) {
        match v {
            Value::String(s) if key != Some("status") => {
                let mid = s
                    .char_indices()
                    .nth(s.chars().count() / 2)
                    .map_or(0, |(i, _)| i);
                *s = format!("{poison}{}{poison}{}{poison}", &s[..mid], &s[mid..]);
            }
            Value::Array(items) => items.iter_mut().for_each(|i| walk(i, None, poison)),
            Value::Object(map) => map.iter_mut().for_each(|(k, i)| walk(i, Some(k), poison)),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(report).unwrap();
    walk(&mut value, None, poison);
    serde_json::from_value(value).unwrap()
}

#[test]
fn control_characters_and_bidi_overrides_never_reach_an_export() {
    for report in reports() {
        let bad = poisoned(&report, POISON);
        assert_ne!(bad, report);
        for format in Format::ALL {
            let out = render(&bad, format);
            let found: Vec<String> = out
                .chars()
                .filter(|&c| is_unsafe_char(c) || c == '\r')
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            assert!(found.is_empty(), "{format}: {found:?} survived");
            assert!(
                !out.contains("\\u001b") && !out.contains("\\u0007"),
                "{format}: escaped control"
            );
            // With the unsafe characters gone, the export is exactly the clean one.
            assert_eq!(out, render(&report, format), "{format}");
        }
    }
}

/// A variation selector with nothing to modify (after an invisible or bidi character, another
/// selector, or at the start) never reaches an export; after the character it modifies ("⚖️")
/// it is text and stays, in every format.
#[test]
fn lone_variation_selectors_are_dropped_and_attached_ones_kept() {
    let lone = "\u{200b}\u{fe0f}\u{fe0f}\u{2066}\u{fe0f}\u{e0100}";
    let scales = "\u{2696}\u{fe0f}";
    for report in reports() {
        let bad = poisoned(&report, lone);
        let kept = poisoned(&report, scales);
        for format in Format::ALL {
            let out = render(&bad, format);
            assert_eq!(out, render(&report, format), "{format}");
            let out = render(&kept, format);
            assert!(out.contains(scales), "{format}: {out}");
            let found: Vec<(usize, char)> = immunity::text::unsafe_chars(&out).collect();
            assert!(found.is_empty(), "{format}: {found:?}");
        }
    }
}

#[test]
fn terminal_escape_sequences_are_inert() {
    let sequences =
        "\u{1b}[2J\u{1b}]8;;https://evil.example\u{7}link\u{1b}]8;;\u{7}\u{1b}[31m\u{9b}1m";
    for report in reports() {
        let bad = poisoned(&report, sequences);
        for format in Format::ALL {
            let out = render(&bad, format);
            assert!(
                !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{7}'),
                "{format}: an escape sequence is live"
            );
        }
        check_html(&render(&bad, Format::Html)).expect("still well-formed");
    }
}
