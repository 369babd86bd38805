//! The memo of the complaint from issue 19 (tests/fixtures/matter/holloway.json: a judge's drag
//! order, his contempt jailing, his injunction, the clerk who refused a filing, the county, and
//! the judge's instruction to the clerk; six screenings against the bundled pack), rendered in
//! every format: one summary row per screening with its act, brief answers naming defendant and
//! act, what remains, a complete and alphabetical table of authorities, and the page counts.

use std::path::{Path, PathBuf};

mod support;

use serde_json::Value;
use support::cli::{immunity, stdout_of};

fn holloway() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/matter/holloway.json")
}

/// `immunity memo holloway.json --format FORMAT [extra]` on standard output.
fn memo(format: &str, extra: &[&str]) -> Vec<u8> {
    stdout_of(
        immunity()
            .arg("memo")
            .arg(holloway())
            .args(["--format", format])
            .args(extra),
    )
}

/// The matter's screenings as (defendant, act).
fn screenings() -> Vec<(String, String)> {
    let matter: Value =
        serde_json::from_str(&std::fs::read_to_string(holloway()).unwrap()).unwrap();
    matter["screenings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["defendant"].as_str().unwrap().to_owned(),
                s["act"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The Markdown between `## title` and the next `## ` heading.
fn section<'a>(md: &'a str, title: &str) -> &'a str {
    let start = md
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("no section {title}"));
    let rest = &md[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

/// Markdown's escapes undone, for comparing with plain text.
fn unescape(md: &str) -> String {
    let mut out = String::new();
    let mut chars = md.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The fixture is a matter screened with the bundled pack as it is now, as a real one would be:
/// when the pack's content changes, its `content_hash` is updated (the memo would otherwise say
/// "Pack changed" under every screening, and the page counts would measure that).
#[test]
fn the_fixture_was_saved_with_the_bundled_pack_as_it_is() {
    let md = String::from_utf8(memo("markdown", &[])).unwrap();
    assert!(
        !md.contains("Pack changed"),
        "update holloway.json's content_hash:\n{md}"
    );
    assert!(
        !md.contains("another pack"),
        "update holloway.json's content_hash:\n{md}"
    );
}

#[test]
fn the_summary_has_one_row_per_screening_with_its_act() {
    let md = unescape(&String::from_utf8(memo("markdown", &[])).unwrap());
    let summary = section(&md, "Summary");
    let rows: Vec<&str> = summary
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| #"))
        .collect();
    let expected = screenings();
    assert_eq!(rows.len(), expected.len(), "{summary}");
    for (row, (defendant, act)) in rows.iter().zip(&expected) {
        assert!(row.contains(defendant.as_str()), "{row}");
        assert!(row.contains(act.as_str()), "{row}");
    }
}

#[test]
fn every_brief_answer_names_the_defendant_and_the_act() {
    let md = unescape(&String::from_utf8(memo("markdown", &[])).unwrap());
    let brief = section(&md, "Brief answers");
    let answers: Vec<&str> = brief.lines().filter(|l| l.starts_with("**")).collect();
    let expected = screenings();
    assert_eq!(answers.len(), expected.len(), "{brief}");
    for (n, (answer, (defendant, act))) in answers.iter().zip(&expected).enumerate() {
        assert!(
            answer.starts_with(&format!("**{}. {defendant}", n + 1)),
            "{answer}"
        );
        assert!(answer.contains(act.as_str()), "{answer}");
    }
    let question = section(&md, "Question presented");
    assert!(
        question.contains(
            "Does absolute or qualified immunity bar the § 1983 claims against Judge Raymond A. Price, Denise Kowalski and Harlan County?"
        ),
        "{question}"
    );
}

#[test]
fn what_remains_names_open_claims_and_relief_not_screened() {
    let md = unescape(&String::from_utf8(memo("markdown", &[])).unwrap());
    let remains = section(&md, "What remains and what was not screened");
    assert!(
        remains.contains("5. Harlan County"),
        "the county is not immune: {remains}"
    );
    assert!(
        remains.contains("An injunction or a declaration against Denise Kowalski: not screened."),
        "{remains}"
    );
    assert!(
        remains.contains("Damages against Judge Raymond A. Price in an official capacity"),
        "{remains}"
    );
    // What the matter itself leaves unsettled: the marked answers, by screening.
    assert!(
        remains.contains("Answers marked unsure or contested:")
            && remains.contains("4 (“Staff act”, unsure)"),
        "{remains}"
    );
    // The bars come once per defendant, not once per screening: each bar once in all, under
    // the defendants it applies to.
    let bars = section(&md, "Other bars to check");
    assert_eq!(
        bars.lines()
            .filter(|l| *l == "### Judge Raymond A. Price")
            .count(),
        1,
        "{bars}"
    );
    let items: Vec<&str> = bars.lines().filter(|l| l.starts_with("- ")).collect();
    let mut distinct = items.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(items.len(), distinct.len(), "a bar printed twice: {bars}");
}

/// M4: "certain" would describe the answers, not the law; the brief answers say how the answers
/// stand, name one alternative that changes the result, and say whose law a circuit rule is.
#[test]
fn brief_answers_say_how_the_answers_stand_and_whose_law_it_is() {
    let md = unescape(&String::from_utf8(memo("markdown", &["--appendix", "none"])).unwrap());
    assert!(
        !md.to_lowercase().contains("certain on the answers"),
        "{md}"
    );
    let brief = section(&md, "Brief answers");
    let clerk = brief
        .lines()
        .find(|l| l.starts_with("**4. "))
        .expect("the clerk's brief answer");
    assert!(
        clerk.contains("“A clerk's own handling of a filing” would lead to")
            && clerk.contains("other answers also change it"),
        "{clerk}"
    );
    assert!(
        clerk.contains("circuit law (5th Cir., 7th Cir. and 9th Cir.)"),
        "{clerk}"
    );
    assert!(
        brief.contains("No answer on its path is marked unsure or contested."),
        "{brief}"
    );
}

/// Without the appendix the table lists only what the memo still names (or what a listed
/// authority's status note names), each status in a word, its history once below.
#[test]
fn without_the_appendix_the_table_lists_only_what_the_memo_names() {
    let md = unescape(&String::from_utf8(memo("markdown", &["--appendix", "none"])).unwrap());
    let toa = section(&md, "Table of authorities");
    let body = md.replace(toa, "");
    let notes = &toa[toa.find("### Status notes").expect("status notes")..];
    for (name, citation) in pack_sources() {
        if !toa.contains(&format!("| {citation} |")) {
            continue;
        }
        // Named in full, or as cited (the citation abbreviates: "Sprint Commc'ns").
        let first = name.split(" v. ").next().unwrap();
        let cited = citation.split(" v. ").next().unwrap();
        assert!(
            [first, cited]
                .iter()
                .any(|n| body.contains(n) || notes.contains(n)),
            "{name} has a row but the memo without its appendix never names it"
        );
    }
    assert!(
        !toa.contains("Antoine"),
        "named only in the appendix: {toa}"
    );
    assert!(
        toa.contains("| Conley v. Gibson, 355 U.S. 41 (1957) | CAUTION |"),
        "{toa}"
    );
    assert_eq!(
        notes.matches("Gregory v. Thompson (CAUTION)").count(),
        1,
        "{notes}"
    );
}

/// The pack's sources as (name, citation).
fn pack_sources() -> Vec<(String, String)> {
    let pack: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("questions/judicial-immunity/pack.json"),
        )
        .unwrap(),
    )
    .unwrap();
    pack["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_owned(),
                s["citation"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_table_of_authorities_is_complete_alphabetical_and_names_nothing_unnamed() {
    let md = unescape(&String::from_utf8(memo("markdown", &[])).unwrap());
    let toa = section(&md, "Table of authorities");
    // The memo outside the table and outside quoted passages (a quote's citation line, "> — …",
    // is the memo's own).
    let body: String = md
        .replace(toa, "")
        .lines()
        .filter(|l| !l.starts_with('>') || l.starts_with("> —"))
        .collect::<Vec<_>>()
        .join("\n");
    let cases = &toa[toa.find("### Cases").expect("a cases table")..];
    let cases = &cases[..cases[4..].find("### ").map_or(cases.len(), |e| e + 4)];
    let rows: Vec<&str> = cases
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Authority"))
        .collect();
    assert!(!rows.is_empty(), "{toa}");
    let names: Vec<String> = rows
        .iter()
        .map(|r| {
            r.trim_start_matches("| ")
                .split(',')
                .next()
                .unwrap()
                .to_lowercase()
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "cases in alphabetical order");
    for (name, citation) in pack_sources() {
        let has_row = toa.contains(&citation);
        let mentioned = body.contains(&name);
        if mentioned {
            assert!(has_row, "{name} is named in the memo but has no row");
        }
        if has_row {
            // Named in full, or as cited (the citation abbreviates: "Sprint Commc'ns").
            let first = name.split(" v. ").next().unwrap();
            let cited = citation.split(" v. ").next().unwrap();
            assert!(
                body.contains(first) || body.contains(cited),
                "{name} has a row but the memo never names it"
            );
        }
    }
}

#[test]
fn every_format_renders_the_summary_and_the_authorities() {
    let acts = screenings();
    for format in ["markdown", "html", "text"] {
        let out = String::from_utf8(memo(format, &[])).unwrap();
        let plain = unescape(&out.replace("&amp;", "&").replace("&#39;", "'"));
        for (_, act) in &acts {
            let act = act.replace('\'', "");
            let folded = plain
                .replace('\'', "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(folded.contains(&act), "{format}: {act}");
        }
        assert!(out.contains("Table of authorities"), "{format}");
    }
    // Text is wrapped to 80 columns, headings too.
    let text = String::from_utf8(memo("text", &[])).unwrap();
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    let json: Value = serde_json::from_slice(&memo("json", &[])).unwrap();
    assert_eq!(json["screenings"].as_array().unwrap().len(), acts.len());
    assert!(memo("docx", &[]).starts_with(b"PK"));
    assert!(memo("pdf", &[]).starts_with(b"%PDF-"));
    let none = String::from_utf8(memo("markdown", &["--appendix", "none"])).unwrap();
    assert!(!none.contains("Appendix: discussion"));
    assert!(none.contains("Table of authorities"));
}

fn pages(pdf: &Path) -> usize {
    let out = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo is missing: apt-get install poppler-utils");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count")
}

/// Page counts, the targets: 6 pages with `--appendix none`, of which the memo before
/// the table of authorities takes 4 (the table starts on page 5), and 20 with the appendix (45
/// before the rewrite).
#[test]
#[ignore = "needs poppler-utils (pdfinfo, pdftotext): apt-get install poppler-utils"]
fn the_memo_fits_its_page_counts() {
    let dir = tempfile::tempdir().unwrap();
    let none = dir.path().join("none.pdf");
    let full = dir.path().join("full.pdf");
    std::fs::write(&none, memo("pdf", &["--appendix", "none"])).unwrap();
    std::fs::write(&full, memo("pdf", &[])).unwrap();
    assert!(
        pages(&none) <= 6,
        "{} pages without the appendix",
        pages(&none)
    );
    assert!(pages(&full) <= 20, "{} pages with it", pages(&full));
    let text = std::process::Command::new("pdftotext")
        .arg(&none)
        .arg("-")
        .output()
        .expect("pdftotext is missing: apt-get install poppler-utils");
    let text = String::from_utf8_lossy(&text.stdout);
    let at = text.find("Table of authorities").expect("the table");
    let before = &text[..at];
    assert!(
        text[at..].contains("Pages"),
        "the PDF's table of authorities gives the pages"
    );
    let page = before.matches("Page ").count() + 1;
    assert!(page <= 5, "the table of authorities starts on page {page}");
}

/// What remains lists what the matter itself knows is unsettled: a screening not finished (with
/// its next question) and a note written for an earlier answer than the one given.
#[test]
fn what_remains_lists_a_pending_screening_and_a_note_written_for_an_earlier_answer() {
    let mut matter: Value =
        serde_json::from_str(&std::fs::read_to_string(holloway()).unwrap()).unwrap();
    let screenings = matter["screenings"].as_array_mut().unwrap();
    // The drag-order note was written when "directed-force" was answered "no".
    screenings[0]["answers"][5]["written_for"] = "no".into();
    let mut pending = screenings[0].clone();
    pending["act"] = "struck the plaintiff's jury demand".into();
    pending["answers"] = serde_json::json!([{"question": "defendant", "option": "judge"}]);
    screenings.push(pending);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    std::fs::write(&path, serde_json::to_string(&matter).unwrap()).unwrap();
    let stdout = stdout_of(immunity().arg("memo").arg(&path).args([
        "--format",
        "markdown",
        "--appendix",
        "none",
    ]));
    let md = unescape(&String::from_utf8(stdout).unwrap());
    let remains = section(&md, "What remains and what was not screened");
    assert!(
        remains.contains("**7. Judge Raymond A. Price — struck the plaintiff's jury demand:** not finished; the next question is “"),
        "{remains}"
    );
    assert!(
        remains.contains("**Notes written for an earlier answer:**")
            && remains.contains("screening 1 (“"),
        "{remains}"
    );
}

/// Content tests of the memo's "other bars to check" on the bundled pack: a conclusion's caveats
/// that the pack ties to answers (`caveat_paths`) reach a screening only where its path gave one
/// of them, so the clerk of the Holloway complaint gets no receiver's, guardian's, caseworker's
/// or parole board's caveat, while every path still meets each caveat that bears on it (no bar
/// that applies is dropped).
mod other_bars {
    use std::collections::BTreeSet;

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
        let memo = String::from_utf8(super::memo("markdown", &["--appendix", "none"])).unwrap();
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
}

/// A role that holds parentheses is set in brackets inside the brief answer's parentheses.
#[test]
fn a_role_with_parentheses_is_bracketed_inside_the_brief_answer() {
    let md = unescape(&String::from_utf8(memo("markdown", &[])).unwrap());
    let answers = section(&md, "Brief answers");
    assert!(
        answers.contains("Harlan County (county [employs the courtroom deputies])"),
        "{answers}"
    );
    assert!(!answers.contains("deputies))"), "{answers}");
}

/// The walk report of a screening lists the caveats its path reaches, as the memo's other bars
/// do: the clerk's walk (screening 4, quasi-judicial immunity) has no guardian's, receiver's or
/// caseworker's caveat, and the official-capacity caveat once.
#[test]
fn a_walk_report_lists_only_the_caveats_its_path_reaches() {
    let stdout = stdout_of(
        immunity()
            .args(["walk", "--answers"])
            .arg(holloway())
            .args(["--screening", "4", "--format", "json"]),
    );
    let report: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(report["conclusion"]["id"], "quasi-judicial-immunity");
    let caveats: Vec<&str> = report["conclusion"]["caveats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for other in [
        "guardians ad litem",
        "Receivers",
        "caseworker",
        "Edwards v. Balisok",
    ] {
        assert!(
            caveats.iter().all(|c| !c.contains(other)),
            "{other}: {caveats:#?}"
        );
    }
    let official = caveats
        .iter()
        .filter(|c| c.contains("Will v. Mich. Dep't of State Police"))
        .count();
    assert_eq!(official, 1, "{caveats:#?}");
}
