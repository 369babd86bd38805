//! How the bundled pack's quotations are cited in a walk's every format: a court's own sentence
//! that quotes others in fragments leads, and those it quotes follow "(quoting …)" (legal audit 3,
//! L3: Antoine's sentences quoting Imbler and Justice Scalia's opinion in Burns); and the
//! passage that grounds a fact pattern's step shown first (Buckley's "advocate": the passage
//! that a prosecutor is no advocate before he has probable cause), in the quiz's reveal and in
//! the walkthrough's excerpt tabs once the result is revealed; and the library's citation
//! formatter on the pack's quotations through Mireles and Antoine. Names the bundled pack, so it
//! is a content test.

mod tui_support;

mod support;

use immunity::engine::{Session, resolve_answers};
use immunity::pack::{FileSet, Pack, load};
use immunity::report::{cite_excerpt, excerpt_badges};
use support::cli::{immunity, stdout_of};
use tui_support::{app, press};

fn bundled() -> Pack {
    load(&FileSet::bundled("judicial-immunity").expect("the bundled pack"))
        .expect("the bundled pack loads")
        .0
}

/// The walk of the Cleavinger fact pattern (its adjudicator step quotes Antoine at 435-436 and
/// 436) in `format`, with runs of white space folded so that wrapped text reads as one line.
fn walk(format: &str) -> String {
    let stdout = stdout_of(immunity().args(["walk", "--case", "cleavinger", "--format", format]));
    String::from_utf8(stdout)
        .expect("UTF-8")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const IMBLER: &str = "Antoine v. Byers &amp; Anderson, Inc., 508 U.S. 429, 436 (1993) (alteration in original) (quoting Imbler v. Pachtman, 424 U.S. 409, 423 n.20 (1976))";
const BURNS: &str = "Antoine v. Byers &amp; Anderson, Inc., 508 U.S. 429, 435-436 (1993) (quoting Burns v. Reed, 500 U.S. 478, 500 (1991) (Scalia, J., concurring in the judgment in part and dissenting in part))";

#[test]
fn antoines_fragments_of_imbler_and_burns_are_cited_quoting_them_in_every_format() {
    // Each writer escapes the ampersand for its own format.
    for (format, ampersand) in [("text", "&"), ("markdown", "\\&"), ("json", "&")] {
        let out = walk(format);
        for citation in [IMBLER, BURNS] {
            let plain = citation.replace("&amp;", ampersand);
            assert!(out.contains(&plain), "{format}: no {plain:?} in\n{out}");
        }
        assert!(
            !out.contains("Imbler v. Pachtman, 424 U.S. 409, 423 n.20 (1976) (quoted in"),
            "{format}: Antoine's words are not Imbler's"
        );
    }
    let html = walk("html");
    for citation in [IMBLER, BURNS] {
        assert!(html.contains(citation), "html: no {citation:?}");
    }
}

/// The bundled pack's quotations cited by the library's formatter: every passage quoted through
/// another court leads with the words' author and names the quoting court after "(quoted in";
/// Pierson's bracketed words quoted in Mireles say whose alteration they are; Antoine's
/// sentences that quote Imbler and Burns in fragments stay Antoine's, cited in that order, with
/// one badge while every authority is good law. (The formatter's own rules are unit tests on a
/// purpose-made pack in src/report/cite.rs.)
#[test]
fn the_formatter_cites_pierson_through_mireles_and_antoines_fragments_in_full() {
    let pack = bundled();
    let excerpts = || pack.questions().iter().flat_map(|q| &q.excerpts);
    let mut through = 0;
    for excerpt in excerpts() {
        let Some(quoting) = &excerpt.quoting else {
            continue;
        };
        through += 1;
        let cited = cite_excerpt(&pack, excerpt).expect("declared sources");
        let words = pack.source(&quoting.source).expect("declared");
        let holder = pack.source(&excerpt.source).expect("declared");
        assert!(
            cited.citation.starts_with(words.name.as_str()),
            "{}",
            cited.citation
        );
        let quoted_in = format!("(quoted in {}", holder.name);
        assert!(cited.citation.contains(&quoted_in), "{}", cited.citation);
    }
    assert!(through > 0, "the bundled pack quotes through Mireles");
    let pierson = excerpts()
        .find(|e| e.quoting.as_ref().is_some_and(|q| q.source == "pierson"))
        .expect("Pierson is quoted through Mireles");
    assert_eq!(
        cite_excerpt(&pack, pierson).expect("declared").citation,
        "Pierson v. Ray, 386 U.S. 547, 554 (1967) (alteration in Mireles) (quoted in Mireles v. Waco, 502 U.S. 9, 11 (1991) (per curiam))"
    );
    let by_id = |id: &str| {
        let excerpt = excerpts()
            .find(|e| e.id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("excerpt {id}"));
        cite_excerpt(&pack, excerpt).expect("declared")
    };
    let imbler = by_id("official-role-antoine-436");
    assert_eq!(imbler.citation, IMBLER.replace("&amp;", "&"));
    let cited: Vec<&str> = imbler.cited().map(|a| a.source.as_str()).collect();
    assert_eq!(cited, ["antoine", "imbler"], "the words are Antoine's");
    let burns = by_id("staff-act-antoine-435-436");
    assert_eq!(burns.citation, BURNS.replace("&amp;", "&"));
    assert_eq!(excerpt_badges(&burns), "GOOD LAW");
}

#[test]
fn once_buckley_is_revealed_the_probable_cause_passage_comes_first() {
    let pack = bundled();
    let case = pack.case("buckley").expect("the pack has Buckley");
    let act = pack
        .question_index("prosecutor-act")
        .expect("prosecutor-act");
    let grounding = immunity::report::grounds::grounding_index(&pack, case, act).unwrap();
    assert!(
        pack.question(act).excerpts[grounding]
            .quote
            .contains("an advocate before he has probable cause to have anyone arrested")
    );
    let court = resolve_answers(&pack, &case.answers).unwrap();
    let mut a = app(&pack, std::env::temp_dir());
    a.start_walk(Some("buckley")).unwrap();
    let mut session = Session::new(&pack);
    while let Some(q) = session.current_question() {
        if q == act {
            // Before the result: pack order, so nothing gives the court's answer away.
            assert_eq!(a.excerpt_at(act, 0), 0);
        }
        let o = court[&q];
        press(&mut a, &(o + 1).to_string());
        session.answer(o).unwrap();
    }
    assert!(a.session.is_finished());
    // Back to the prosecutor's act after the reveal: its grounding passage is the first tab.
    press(&mut a, "b");
    assert_eq!(a.session.current_question(), Some(act));
    assert_eq!(a.excerpt_at(act, 0), grounding);
    let shown: Vec<usize> = (0..pack.question(act).excerpts.len())
        .map(|i| a.excerpt_at(act, i))
        .collect();
    let mut sorted = shown.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        (0..shown.len()).collect::<Vec<_>>(),
        "each once: {shown:?}"
    );
}

#[test]
fn buckley_answered_advocate_shows_the_probable_cause_passage() {
    let pack = bundled();
    let case = pack.case("buckley").expect("the pack has Buckley");
    let act = pack
        .question_index("prosecutor-act")
        .expect("prosecutor-act");
    let advocate = pack.option_index(act, "advocate").expect("advocate");
    let script = support::quiz::departing_at(&pack, case, act, advocate);
    let (words, citation) = support::quiz::revealed(immunity(), "buckley", script);
    assert!(
        words.contains("an advocate before he has probable cause to have anyone arrested"),
        "{words}"
    );
    assert!(
        citation.contains("Buckley v. Fitzsimmons, 509 U.S. 259, 274"),
        "{citation}"
    );
    assert!(
        citation.contains("[GOOD LAW"),
        "with its status: {citation}"
    );
    // Presenter mode and the walkthrough order the passages with the same function.
    let first = immunity::report::grounds::first_excerpt(&pack, Some(case), act).unwrap();
    assert!(
        first
            .quote
            .contains("advocate before he has probable cause")
    );
}
