//! One test per fixture under `tests/fixtures/invalid/`: each small pack holds one kind of
//! problem, and the test asserts every line `immunity check` prints for it, exactly (file, line,
//! column, severity and message). Also: the houseplant pack (an unrelated subject) loads clean,
//! which shows the engine is driven by the data alone.

use std::path::Path;

use immunity::pack::{FileSet, Severity, load};

/// Every diagnostic for a fixture, as the user sees it.
fn check(name: &str) -> Vec<String> {
    let dir = Path::new("tests/fixtures/invalid").join(name);
    let files = FileSet::from_dir(&dir).expect("fixture folder");
    match load(&files) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => {
            assert!(diagnostics.has_errors(), "{name}: failed without an error");
            diagnostics.0.iter().map(ToString::to_string).collect()
        }
    }
}

macro_rules! fixture {
    ($test:ident, $dir:literal, [$($line:literal),* $(,)?]) => {
        #[test]
        fn $test() {
            let expected: Vec<&str> = vec![$($line),*];
            assert_eq!(check($dir), expected);
        }
    };
}

#[test]
fn every_fixture_has_a_test() {
    let source = include_str!("check_fixtures.rs");
    for entry in std::fs::read_dir("tests/fixtures/invalid").expect("fixtures") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(
            source.contains(&format!("\"{name}\",")),
            "tests/fixtures/invalid/{name} has no test"
        );
    }
}

#[test]
fn houseplant_pack_loads_clean() {
    let files = FileSet::from_dir(Path::new("tests/fixtures/packs/houseplant")).expect("pack");
    let (pack, summary) = load(&files).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(pack.id(), "houseplant");
    assert_eq!(summary.questions, 4);
    assert_eq!(summary.conclusions, 3);
    // drainage: no -> repot; yes -> succulent: yes -> bone-dry (2), no -> soil-dry (2).
    assert_eq!(summary.paths, 5);
    assert_eq!(summary.quotes_verified, 4);
    assert_eq!(summary.cases, 3);
    assert!(pack.warnings().is_empty());
}

#[test]
fn unused_answers_are_warnings_and_the_pack_still_loads() {
    let clean = FileSet::from_dir(Path::new("tests/fixtures/packs/houseplant")).expect("pack");
    let files: std::collections::BTreeMap<String, String> = clean
        .iter()
        .map(|(path, text)| {
            let text = if path == "cases.json" {
                text.replace(
                    r#"{ "drainage": "no" }"#,
                    r#"{ "drainage": "no", "succulent": "yes" }"#,
                )
            } else {
                text.to_owned()
            };
            (path.to_owned(), text)
        })
        .collect();
    let files = FileSet::new("plants", files);
    let (pack, summary) = load(&files).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(summary.cases, 3);
    let warnings: Vec<String> = pack.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        vec![
            r#"plants/cases.json:26:38: warning: cases[2] ("glazed-pot").answers.succulent: the path never reaches question "succulent"; this answer is unused"#
        ]
    );
    assert_eq!(pack.warnings()[0].severity, Severity::Warning);
}

#[test]
fn missing_pack_json_is_reported() {
    let files = FileSet::new("empty", std::collections::BTreeMap::new());
    let diagnostics = load(&files).expect_err("no pack.json");
    assert_eq!(
        diagnostics.to_string(),
        "empty/pack.json:1:1: error: missing pack.json: a pack is a folder holding pack.json\n"
    );
}

fixture!(
    bad_date,
    "bad-date",
    [
        r#"tests/fixtures/invalid/bad-date/pack.json:5:18: error: law_checked: "2023-02-29" is not a date in YYYY-MM-DD form"#,
    ]
);

fixture!(
    bad_start,
    "bad-start",
    [
        r#"tests/fixtures/invalid/bad-start/pack.json:8:12: error: start: "immune" names a conclusion; the start must be a question"#,
    ]
);

fixture!(
    bad_start_unknown,
    "bad-start-unknown",
    [
        r#"tests/fixtures/invalid/bad-start-unknown/pack.json:8:12: error: start: "begin" names no question"#,
    ]
);

fixture!(
    case_unknown_ids,
    "case-unknown-ids",
    [
        r#"tests/fixtures/invalid/case-unknown-ids/cases.json:8:29: error: cases[0] ("plain").answers.first: question "first" has no option "maybe"; its options are: "yes", "no""#,
        r#"tests/fixtures/invalid/case-unknown-ids/cases.json:8:38: error: cases[0] ("plain").answers.third: "third" names no question"#,
        r#"tests/fixtures/invalid/case-unknown-ids/cases.json:8:53: error: cases[0] ("plain").answers.immune: "immune" names a conclusion, not a question"#,
        r#"tests/fixtures/invalid/case-unknown-ids/cases.json:9:19: error: cases[0] ("plain").expected: "nowhere" names no conclusion"#,
        r#"tests/fixtures/invalid/case-unknown-ids/cases.json:12:108: error: cases[1] ("ask").expected: "second" names a question, not a conclusion"#,
    ]
);

fixture!(
    case_wrong_conclusion,
    "case-wrong-conclusion",
    [
        r#"tests/fixtures/invalid/case-wrong-conclusion/cases.json:8:18: error: cases[0] ("plain").answers: these answers reach conclusion "immune", not the expected "not-immune""#,
        r#"tests/fixtures/invalid/case-wrong-conclusion/cases.json:12:79: error: cases[1] ("stops").answers: these answers stop at question "second", which they do not answer; the expected conclusion is "immune""#,
        r#"tests/fixtures/invalid/case-wrong-conclusion/cases.json:13:96: warning: cases[2] ("extra").answers.second: the path never reaches question "second"; this answer is unused"#,
    ]
);

fixture!(
    cases_shape,
    "cases-shape",
    [
        r#"tests/fixtures/invalid/cases-shape/cases.json:10:7: error: cases[0] ("plain").verdict: unknown field `verdict`, expected one of `id`, `title`, `citation`, `facts`, `answers`, `expected`, `holding`, `grounds`, `historical`, `distinctive`"#,
        r#"tests/fixtures/invalid/cases-shape/cases.json:13:5: error: cases[1] ("short"): missing field `facts`"#,
    ]
);

fixture!(
    cases_syntax_error,
    "cases-syntax-error",
    [
        r"tests/fixtures/invalid/cases-syntax-error/cases.json:1:26: error: invalid JSON: expected `,` or `}`",
    ]
);

fixture!(
    citation_without_year,
    "citation-without-year",
    [
        r#"tests/fixtures/invalid/citation-without-year/pack.json:17:19: error: sources[0] ("opinion").citation: has no parenthetical holding the year 1990 (a pin cite is inserted before it)"#,
    ]
);

fixture!(
    cycle,
    "cycle",
    [
        r#"tests/fixtures/invalid/cycle/pack.json:43:46: error: questions[1] ("second").options[1].next: "first" closes a cycle: "first" -> "second" -> "first"; every path must end at a conclusion"#,
        r#"tests/fixtures/invalid/cycle/pack.json:49:5: error: conclusions[1] ("not-immune"): is not reachable from the start ("first")"#,
    ]
);

fixture!(
    dangling_next,
    "dangling-next",
    [
        r#"tests/fixtures/invalid/dangling-next/pack.json:43:46: error: questions[1] ("second").options[1].next: "nowhere" names no question or conclusion"#,
        r#"tests/fixtures/invalid/dangling-next/pack.json:49:5: error: conclusions[1] ("not-immune"): is not reachable from the start ("first")"#,
    ]
);

fixture!(
    duplicate_ids,
    "duplicate-ids",
    [
        r#"tests/fixtures/invalid/duplicate-ids/cases.json:5:13: error: cases[1] ("plain").id: "plain" is already the id of cases[0] ("plain")"#,
        r#"tests/fixtures/invalid/duplicate-ids/pack.json:11:13: error: outcomes[1] ("yes").id: "yes" is already the id of outcomes[0] ("yes")"#,
        r#"tests/fixtures/invalid/duplicate-ids/pack.json:23:13: error: sources[1] ("opinion").id: "opinion" is already the id of sources[0] ("opinion")"#,
        r#"tests/fixtures/invalid/duplicate-ids/pack.json:35:17: error: questions[0] ("first").options[1].id: "yes" is already the id of questions[0] ("first").options[0]"#,
        r#"tests/fixtures/invalid/duplicate-ids/pack.json:51:13: error: conclusions[2] ("second").id: "second" is already the id of questions[1] ("second")"#,
    ]
);

fixture!(
    empty_string,
    "empty-string",
    [
        r#"tests/fixtures/invalid/empty-string/pack.json:27:17: error: questions[0] ("first").prompt: must not be empty"#,
        r#"tests/fixtures/invalid/empty-string/pack.json:43:32: error: questions[1] ("second").options[1].label: must not be only white space"#,
    ]
);

fixture!(
    missing_field,
    "missing-field",
    [
        r"tests/fixtures/invalid/missing-field/pack.json:1:1: error: (top level): missing field `start`",
        r#"tests/fixtures/invalid/missing-field/pack.json:36:5: error: questions[1] ("second"): missing field `prompt`"#,
    ]
);

fixture!(
    one_option,
    "one-option",
    [
        r#"tests/fixtures/invalid/one-option/pack.json:32:18: error: questions[0] ("first").options: has 1 option; a question needs at least two"#,
        r#"tests/fixtures/invalid/one-option/pack.json:36:5: error: questions[1] ("second"): is not reachable from the start ("first")"#,
        r#"tests/fixtures/invalid/one-option/pack.json:48:5: error: conclusions[1] ("not-immune"): is not reachable from the start ("first")"#,
    ]
);

fixture!(
    pin_mismatch,
    "pin-mismatch",
    [
        r#"tests/fixtures/invalid/pin-mismatch/pack.json:31:72: error: questions[0] ("first").excerpts[0].pin: "1" does not match the quote, which stands on page 2 (at sources/opinion.txt:6:8)"#,
        r#"tests/fixtures/invalid/pin-mismatch/pack.json:32:96: error: questions[0] ("first").excerpts[1].pin: "2" does not match the quote, which stands on pages 2-3 (at sources/opinion.txt:6:61)"#,
        r#"tests/fixtures/invalid/pin-mismatch/pack.json:34:71: error: questions[0] ("first").excerpts[3].pin: "1 n.x" is not a page or a page range such as 216 or 61-62"#,
        r#"tests/fixtures/invalid/pin-mismatch/pack.json:35:80: error: questions[0] ("first").excerpts[4].pin: "62" does not match the quote, which stands on page 61 (at sources/gregory.txt:1:1)"#,
        r#"tests/fixtures/invalid/pin-mismatch/pack.json:36:82: error: questions[0] ("first").excerpts[5].pin: "63" does not match the quote, which stands on pages 62-63 (at sources/gregory.txt:1:97)"#,
        r#"tests/fixtures/invalid/pin-mismatch/pack.json:37:80: error: questions[0] ("first").excerpts[6].pin: "61-62" does not match the quote, which stands on page 62 (at sources/gregory.txt:1:48)"#,
        r#"tests/fixtures/invalid/pin-mismatch/pack.json:55:142: error: conclusions[0] ("immune").authorities[0].pin: "at 1" is not a page or a page range such as 216 or 61-62"#,
    ]
);

// Quotes read through the marks that are not the court's words: a page marker inside a word
// between copy marks, braces, slip-page markers and line-end hyphens (a real hyphen split at a
// line end cannot be quoted); brackets in a passage taken through `quoting` draw a warning
// unless "alteration" says whose they are, and "alteration" needs `quoting` or `inner_quotes`.
fixture!(
    marked_sources,
    "marked-sources",
    [
        r#"tests/fixtures/invalid/marked-sources/pack.json:25:69: error: questions[0] ("first").excerpts[1].pin: "10" does not match the quote, which stands on page 11 (at sources/scan.txt:3:63)"#,
        r#"tests/fixtures/invalid/marked-sources/pack.json:28:38: error: questions[0] ("first").excerpts[4].quote: not found in sources/slip.txt; in a slip text a line-end hyphen is dropped and the word joined, so quote around a hyphenated word that the text splits at a line end"#,
        r#"tests/fixtures/invalid/marked-sources/pack.json:41:29: warning: questions[1] ("second").excerpts[0].quote: holds square brackets: if they are the alterations of "scan", which quotes these words, say so in "alteration" (e.g. "alteration in Mireles")"#,
        r#"tests/fixtures/invalid/marked-sources/pack.json:42:89: error: questions[1] ("second").excerpts[1].alteration: needs "quoting" or "inner_quotes""#,
    ]
);

// A passage in its source's own words that quotes others in fragments cites them in
// "inner_quotes" ("(quoting …)"): each a declared source with a readable pin; the passage must
// hold the quotation marks, must not also be taken whole through "quoting", and brackets in it
// draw a warning unless "alteration" says they are the source's own.
fixture!(
    inner_quotes,
    "inner-quotes",
    [
        r#"tests/fixtures/invalid/inner-quotes/pack.json:24:32: warning: questions[0] ("first").excerpts[1].quote: holds square brackets: if they are "opinion"'s own changes to the words it quotes, say so in "alteration" ("alteration in original")"#,
        r#"tests/fixtures/invalid/inner-quotes/pack.json:25:94: error: questions[0] ("first").excerpts[2].inner_quotes: the quote holds no quotation marks: "inner_quotes" cites the words a passage itself quotes"#,
        r#"tests/fixtures/invalid/inner-quotes/pack.json:25:123: error: questions[0] ("first").excerpts[2].inner_quotes[0].source: "missing" names no source"#,
        r#"tests/fixtures/invalid/inner-quotes/pack.json:25:141: error: questions[0] ("first").excerpts[2].inner_quotes[0].pin: "page 4" is not a page or a page range such as 216, 61-62 or 423 n.20"#,
        r#"tests/fixtures/invalid/inner-quotes/pack.json:25:162: error: questions[0] ("first").excerpts[2].inner_quotes[0].opinion: must not be only white space"#,
        r#"tests/fixtures/invalid/inner-quotes/pack.json:26:164: error: questions[0] ("first").excerpts[3].inner_quotes: a passage is either another authority's words ("quoting") or its source's own words quoting fragments ("inner_quotes"), not both"#,
    ]
);

fixture!(
    quotable_from_missing,
    "quotable-from-missing",
    [
        r#"tests/fixtures/invalid/quotable-from-missing/pack.json:22:24: error: sources[0] ("opinion").quotable_from: "PER CURIAM." is not in sources/opinion.txt"#,
    ]
);

fixture!(
    quote_before_marker,
    "quote-before-marker",
    [
        r#"tests/fixtures/invalid/quote-before-marker/pack.json:31:41: error: questions[0] ("first").excerpts[0].quote: quote stands in the part of the text before "OPINION.", which may not be quoted"#,
    ]
);

fixture!(
    quote_not_found,
    "quote-not-found",
    [
        r#"tests/fixtures/invalid/quote-not-found/pack.json:30:41: error: questions[0] ("first").excerpts[0].quote: not found in sources/opinion.txt"#,
        r#"tests/fixtures/invalid/quote-not-found/pack.json:31:41: error: questions[0] ("first").excerpts[1].quote: fragment 2 of 2 ("We hold that he is.") not found in sources/opinion.txt after the fragments before it"#,
        r#"tests/fixtures/invalid/quote-not-found/pack.json:32:41: error: questions[0] ("first").excerpts[2].quote: not found in sources/opinion.txt; square-bracket alterations other than [sic] are not supported: quote the text as it stands"#,
        r#"tests/fixtures/invalid/quote-not-found/pack.json:35:41: error: questions[0] ("first").excerpts[5].quote: holds no words to check once ellipses and [sic] are removed"#,
    ]
);

fixture!(
    source_without_text,
    "source-without-text",
    [
        r#"tests/fixtures/invalid/source-without-text/pack.json:24:167: error: sources[2] ("lost").text: "lost.txt" is not in the pack's sources/ folder"#,
        r#"tests/fixtures/invalid/source-without-text/pack.json:32:21: error: questions[0] ("first").excerpts[0].source: source "fisher" has no "text" to check the quote against"#,
    ]
);

fixture!(
    status_without_history,
    "status-without-history",
    [
        r#"tests/fixtures/invalid/status-without-history/pack.json:20:17: error: sources[0] ("opinion").status: "reversed" needs a "history" saying why (e.g. the decision that reversed it)"#,
    ]
);

fixture!(
    syntax_error,
    "syntax-error",
    [
        r"tests/fixtures/invalid/syntax-error/pack.json:3:19: error: invalid JSON: key must be a string",
    ]
);

fixture!(
    trailing_comma,
    "trailing-comma",
    [r"tests/fixtures/invalid/trailing-comma/pack.json:12:3: error: invalid JSON: trailing comma",]
);

fixture!(
    undeclared_outcome,
    "undeclared-outcome",
    [
        r#"tests/fixtures/invalid/undeclared-outcome/pack.json:49:38: error: conclusions[1] ("not-immune").outcome: "maybe" is not one of the declared outcomes ("yes", "no")"#,
    ]
);

fixture!(
    unknown_field,
    "unknown-field",
    [
        r"tests/fixtures/invalid/unknown-field/pack.json:4:3: error: colour: unknown field `colour`, expected one of `$schema`, `id`, `title`, `version`, `law_checked`, `description`, `disclaimer`, `start`, `outcomes`, `sources`, `questions`, `conclusions`",
        r#"tests/fixtures/invalid/unknown-field/pack.json:43:40: error: questions[1] ("second").options[0].nxt: unknown field `nxt`, expected one of `id`, `label`, `short`, `next`, `note`, `authorities`"#,
    ]
);

fixture!(
    unknown_source,
    "unknown-source",
    [
        r#"tests/fixtures/invalid/unknown-source/pack.json:30:21: error: questions[0] ("first").excerpts[0].source: "opinon" names no source"#,
        r#"tests/fixtures/invalid/unknown-source/pack.json:31:100: error: questions[0] ("first").excerpts[1].quoting.source: "sparkman" names no source"#,
        r#"tests/fixtures/invalid/unknown-source/pack.json:49:124: error: conclusions[0] ("immune").authorities[0].source: "nobody" names no source"#,
    ]
);

fixture!(
    unreachable,
    "unreachable",
    [
        r#"tests/fixtures/invalid/unreachable/pack.json:37:5: error: questions[1] ("second"): is not reachable from the start ("first")"#,
        r#"tests/fixtures/invalid/unreachable/pack.json:49:5: error: conclusions[1] ("not-immune"): is not reachable from the start ("first")"#,
    ]
);

fixture!(
    unsafe_characters,
    "unsafe-characters",
    [
        r#"tests/fixtures/invalid/unsafe-characters/cases.json:8:36: error: cases[0] ("plain").answers["second\u{9b}"]: key holds a terminal escape sequence: "second\u{9b}""#,
        r#"tests/fixtures/invalid/unsafe-characters/cases.json:8:36: error: cases[0] ("plain").answers["second\u{9b}"]: "second\u{9b}" names no question"#,
        r#"tests/fixtures/invalid/unsafe-characters/pack.json:3:12: error: title: text holds a terminal escape sequence: "Mini \u{1b}[31mred\u{1b}[0m""#,
        r#"tests/fixtures/invalid/unsafe-characters/pack.json:27:17: error: questions[0] ("first").prompt: text holds a Unicode bidirectional control: "First\u{202e}?""#,
        r#"tests/fixtures/invalid/unsafe-characters/pack.json:42:33: error: questions[1] ("second").options[0].label: text holds a line break: "Two\nlines""#,
        r#"tests/fixtures/invalid/unsafe-characters/pack.json:43:32: error: questions[1] ("second").options[1].label: text holds a tab: "N\to""#,
        r#"tests/fixtures/invalid/unsafe-characters/pack.json:49:78: error: conclusions[1] ("not-immune").summary: text holds a control character: "S.\u{7}""#,
    ]
);

// A variation selector is text after a character it modifies (the title's "⚖️", a keycap, the
// fact pattern's title: no error); alone, after white space or a letter, in a run, or anywhere in
// an id, it is reported, the id's own selector shown escaped.
fixture!(
    variation_selectors,
    "variation-selectors",
    [
        r#"tests/fixtures/invalid/variation-selectors/pack.json:6:18: error: description: text holds a variation selector that follows no character it can modify: "\u{fe0f}A minimal pack.""#,
        r#"tests/fixtures/invalid/variation-selectors/pack.json:27:17: error: questions[0] ("first").prompt: text holds a variation selector that follows no character it can modify: "First \u{fe0f}?""#,
        "tests/fixtures/invalid/variation-selectors/pack.json:33:17: error: questions[0] (\"first\").options[0].id: text holds a variation selector, which an id may not hold: \"yes\u{2714}\\u{fe0f}\"",
        "tests/fixtures/invalid/variation-selectors/pack.json:33:45: error: questions[0] (\"first\").options[0].label: text holds a variation selector that follows no character it can modify: \"Yes \u{2714}\u{fe0f}\\u{fe0f}\"",
        r#"tests/fixtures/invalid/variation-selectors/pack.json:40:78: error: conclusions[1] ("not-immune").summary: text holds a variation selector that follows no character it can modify: "S. x\u{fe0f}""#,
    ]
);

fixture!(
    wrong_type,
    "wrong-type",
    [
        r#"tests/fixtures/invalid/wrong-type/pack.json:19:15: error: sources[0] ("opinion").year: invalid type: string "1990", expected u16"#,
        r#"tests/fixtures/invalid/wrong-type/pack.json:40:14: error: questions[1] ("second").why: invalid type: integer `7`, expected a string"#,
    ]
);

fixture!(
    option_copies_case,
    "option-copies-case",
    [
        r#"tests/fixtures/invalid/option-copies-case/pack.json:34:35: error: questions[0] ("first").options[0].label: option "ruled" of question "first" holds "baker's apprentice", a distinctive phrase of fact pattern "baker": name examples in general terms, so the option teaches the rule and not the case"#,
        r#"tests/fixtures/invalid/option-copies-case/pack.json:35:102: error: questions[0] ("first").options[1].note: option "acted" of question "first" shares the words "locked the courthouse doors at noon" with the facts of fact pattern "doors": name examples in general terms, so the option teaches the rule and not the case"#,
    ]
);

fixture!(
    pack21_grounds,
    "pack21-grounds",
    [
        r#"tests/fixtures/invalid/pack21-grounds/cases.json:4:7: error: cases[0] ("missing").id: fact pattern "missing" has no ground for question "second" on its path; name an excerpt id or "none""#,
        r#"tests/fixtures/invalid/pack21-grounds/cases.json:4:7: error: cases[0] ("missing").id: fact pattern "missing" has no "distinctive" phrases; pack format 2.1 needs them"#,
        r#"tests/fixtures/invalid/pack21-grounds/cases.json:21:29: error: cases[1] ("wrong").grounds.first: excerpt "second-rule" belongs to question "second", not "first""#,
        r#"tests/fixtures/invalid/pack21-grounds/cases.json:21:44: error: cases[1] ("wrong").grounds.second: "second" is not a question on this pattern's path; grounds name the steps the answers take"#,
        r#"tests/fixtures/invalid/pack21-grounds/cases.json:32:29: error: cases[2] ("unknown").grounds.first: "nowhere" names no excerpt (use "none" where no bundled passage grounds this step)"#,
        r#"tests/fixtures/invalid/pack21-grounds/pack.json:31:35: error: questions[0] ("first").excerpts[0].option: "maybe" is not an option of question "first"; an excerpt may only support an option of its own question"#,
        r#"tests/fixtures/invalid/pack21-grounds/pack.json:32:17: error: questions[0] ("first").excerpts[1].id: excerpt id "rule" is already the id of excerpt 1 of question "first""#,
        r#"tests/fixtures/invalid/pack21-grounds/pack.json:33:32: error: questions[0] ("first").excerpts[2].quote: excerpt 3 of question "first" has no "id"; pack format 2.1 needs one on every excerpt"#,
        r#"tests/fixtures/invalid/pack21-grounds/pack.json:37:11: error: questions[0] ("first").options[1].id: option "no" of question "first" has no "short"; pack format 2.1 needs one on every option"#,
        r#"tests/fixtures/invalid/pack21-grounds/pack.json:41:7: error: questions[1] ("second").id: question "second" has no "short"; pack format 2.1 needs one on every question"#,
    ]
);

/// A pack that uses no field of format 2.1 still loads when an option copies a fact pattern's
/// facts: the copy is a warning, not an error (older packs and test packs keep working).
#[test]
fn copies_are_warnings_in_a_pack_without_2_1_fields() {
    let clean = FileSet::from_dir(Path::new("tests/fixtures/packs/houseplant")).expect("pack");
    let facts = {
        let cases = clean.get("cases.json").expect("cases.json");
        let value: serde_json::Value = serde_json::from_str(cases).expect("json");
        value["cases"][0]["facts"]
            .as_str()
            .expect("facts")
            .to_owned()
    };
    let copied: String = facts
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    let files: std::collections::BTreeMap<String, String> = clean
        .iter()
        .map(|(path, text)| {
            let text = if path == "pack.json" {
                let mut value: serde_json::Value = serde_json::from_str(text).expect("json");
                value["questions"][0]["options"][0]["note"] =
                    serde_json::Value::from(copied.clone());
                value.to_string()
            } else {
                text.to_owned()
            };
            (path.to_owned(), text)
        })
        .collect();
    let (pack, _) = load(&FileSet::new("plants", files)).unwrap_or_else(|d| panic!("{d}"));
    let warnings: Vec<String> = pack.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("shares the words"), "{warnings:?}");
    assert_eq!(pack.warnings()[0].severity, Severity::Warning);
}
