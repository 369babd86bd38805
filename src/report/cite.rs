//! The one citation formatter. Every front end and export that shows an authority or an
//! excerpt's citation gets it from here, so the TUI's excerpt panel, `walk` and every export
//! cite the same words the same way.
//!
//! The forms, in Bluebook order:
//! - an authority with its pin cite: "Mireles v. Waco, 502 U.S. 9, 12 (1991) (per curiam)";
//! - words of one authority quoted by another: the words' author leads and the quoting
//!   authority follows in a parenthetical, "Forrester v. White, 484 U.S. 219, 229 (1988)
//!   (quoted in Mireles v. Waco, 502 U.S. 9, 13 (1991) (per curiam))";
//! - the same with brackets the quoting court added: its alteration parenthetical follows the
//!   words' author, "Pierson v. Ray, 386 U.S. 547, 554 (1967) (alteration in Mireles) (quoted
//!   in Mireles v. Waco, 502 U.S. 9, 11 (1991) (per curiam))";
//! - an authority's own sentence that quotes others in fragments: it leads, and those it quotes
//!   follow, "Antoine v. Byers & Anderson, Inc., 508 U.S. 429, 436 (1993) (alteration in
//!   original) (quoting Imbler v. Pachtman, 424 U.S. 409, 423 n.20 (1976))".
//!
//! A status is shown beside a citation as a short badge ([`CitedAuthority::status_label`],
//! e.g. `REVERSED`); its long history belongs in the table of authorities, once.

use crate::pack::{AuthorityRef, Excerpt, InnerQuote, Pack};

use super::{CitedAuthority, ReportExcerpt, one_line, owned};

/// The citation of words that `quoting` quotes from `words`: "WORDS (quoted in QUOTING)".
/// Both arguments are full citations with their pin cites.
pub fn quoted_in(words: &str, quoting: &str) -> String {
    format!("{words} (quoted in {quoting})")
}

/// One authority as cited at one place, with its pin cite and status. `None` for a source id
/// the pack does not declare (the loader rejects such packs, so this only guards against an
/// unchecked tree).
pub fn cite_authority(pack: &Pack, authority: &AuthorityRef) -> Option<CitedAuthority> {
    let source = pack.source(&authority.source)?;
    Some(CitedAuthority {
        source: owned(&source.id),
        name: owned(&source.name),
        citation: owned(&pack.cite(authority)),
        pin: authority.pin.as_deref().map(owned),
        status: source.status,
        status_label: source.status.label().to_owned(),
        history: source.history.as_deref().map(owned),
    })
}

/// An excerpt of the pack with its citation, for any view: the quote (sanitised), the
/// citation in the quoted-in form when the passage quotes another authority, and both
/// authorities with their statuses. This is what the TUI's excerpt panel shows: render
/// `quote`, then `citation`, then [`excerpt_badges`].
///
/// When the passage quotes another authority (Stump quoted in Mireles), the words are that
/// authority's, so it leads the citation and its status is the excerpt's; the quoting source
/// follows with its own status. `None` when a source is not declared (see [`cite_authority`]).
pub fn cite_excerpt(pack: &Pack, excerpt: &Excerpt) -> Option<ReportExcerpt> {
    let holder = cite_authority(
        pack,
        &AuthorityRef {
            source: excerpt.source.clone(),
            pin: excerpt.pin.clone(),
        },
    )?;
    let (citation, authority, quoted_in_by) = if let Some(quoted) = &excerpt.quoting {
        let words = cite_authority(pack, quoted)?;
        let words_citation = match excerpt.alteration.as_deref() {
            Some(alteration) => format!("{} ({})", words.citation, owned(alteration)),
            None => words.citation.clone(),
        };
        (
            quoted_in(&words_citation, &holder.citation),
            words,
            Some(holder),
        )
    } else {
        let inner = inner_quotes_parenthetical(pack, excerpt)?;
        (format!("{}{inner}", holder.citation), holder, None)
    };
    let quoting = excerpt
        .inner_quotes
        .iter()
        .map(|q| cite_authority(pack, &inner_ref(q)))
        .collect::<Option<Vec<_>>>()?;
    Some(ReportExcerpt {
        quote: owned(&excerpt.quote),
        citation,
        authority,
        quoted_in: quoted_in_by,
        quoting,
    })
}

fn inner_ref(inner: &InnerQuote) -> AuthorityRef {
    AuthorityRef {
        source: inner.source.clone(),
        pin: Some(inner.pin.clone()),
    }
}

/// What follows the citation of a passage that quotes other authorities inside its own
/// sentence: its alteration parenthetical, then "(quoting A; B)", each quoted authority with
/// its pin and, for a separate opinion, the opinion's parenthetical (Bluebook rules 1.5(b) and
/// 5.2). Empty when the passage quotes no one.
fn inner_quotes_parenthetical(pack: &Pack, excerpt: &Excerpt) -> Option<String> {
    if excerpt.inner_quotes.is_empty() {
        return Some(String::new());
    }
    let mut quoted = Vec::with_capacity(excerpt.inner_quotes.len());
    for inner in &excerpt.inner_quotes {
        let cited = cite_authority(pack, &inner_ref(inner))?;
        quoted.push(match inner.opinion.as_deref() {
            Some(opinion) => format!("{} ({})", cited.citation, owned(opinion)),
            None => cited.citation,
        });
    }
    let alteration = excerpt
        .alteration
        .as_deref()
        .map(|a| format!(" ({})", owned(a)))
        .unwrap_or_default();
    Some(format!("{alteration} (quoting {})", quoted.join("; ")))
}

impl ReportExcerpt {
    /// Every authority the excerpt's citation names, each with its status: the words' author,
    /// the authority that quotes them, and those the passage quotes in fragments. Tables of
    /// authorities take their sources from here.
    pub fn cited(&self) -> impl Iterator<Item = &CitedAuthority> {
        std::iter::once(&self.authority)
            .chain(&self.quoted_in)
            .chain(&self.quoting)
    }
}

/// The short status badge(s) of an excerpt's citation, one line: "GOOD LAW" when one
/// authority is cited or all share a status; otherwise each authority by name,
/// "Stump v. Sparkman: GOOD LAW; Mireles v. Waco: CAUTION". Never the long history.
pub fn excerpt_badges(excerpt: &ReportExcerpt) -> String {
    if excerpt
        .cited()
        .all(|a| a.status == excerpt.authority.status)
    {
        return one_line(&excerpt.authority.status_label);
    }
    excerpt
        .cited()
        .map(|a| format!("{}: {}", one_line(&a.name), one_line(&a.status_label)))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::testing::court;

    #[test]
    fn quoted_in_leads_with_the_words_author() {
        assert_eq!(
            quoted_in(
                "Forrester v. White, 484 U.S. 219, 229 (1988)",
                "Mireles v. Waco, 502 U.S. 9, 13 (1991) (per curiam)"
            ),
            "Forrester v. White, 484 U.S. 219, 229 (1988) (quoted in Mireles v. Waco, 502 U.S. 9, 13 (1991) (per curiam))"
        );
    }

    #[test]
    fn every_excerpt_is_cited_in_its_own_form_and_a_quoting_one_in_the_quoted_in_form() {
        let pack = court();
        let (mut seen, mut own_only, mut quoting_inside) = (0, 0, 0);
        for question in pack.questions() {
            for excerpt in &question.excerpts {
                let cited = cite_excerpt(&pack, excerpt).expect("declared sources");
                let Some(quoting) = &excerpt.quoting else {
                    assert!(cited.quoted_in.is_none());
                    let own = pack.cite(&AuthorityRef {
                        source: excerpt.source.clone(),
                        pin: excerpt.pin.clone(),
                    });
                    if excerpt.inner_quotes.is_empty() {
                        own_only += 1;
                        assert_eq!(cited.citation, own);
                    } else {
                        quoting_inside += 1;
                        assert!(cited.citation.starts_with(&own), "{}", cited.citation);
                    }
                    continue;
                };
                seen += 1;
                let words = pack.source(&quoting.source).expect("declared");
                let holder = pack.source(&excerpt.source).expect("declared");
                assert!(
                    cited.citation.starts_with(words.name.as_str()),
                    "{}",
                    cited.citation
                );
                assert!(
                    cited
                        .citation
                        .contains(&format!("(quoted in {}", holder.name)),
                    "{}",
                    cited.citation
                );
                assert!(cited.citation.ends_with(')'));
                assert_eq!(cited.authority.source, words.id);
                assert_eq!(
                    cited.quoted_in.as_ref().map(|q| q.source.as_str()),
                    Some(holder.id.as_str())
                );
            }
        }
        assert!(
            seen > 0 && own_only > 0 && quoting_inside > 0,
            "the pack has each kind of excerpt"
        );
    }

    /// The pack's first excerpt that `wanted` accepts, in question order.
    fn first_excerpt(pack: &Pack, wanted: impl Fn(&Excerpt) -> bool) -> Option<&Excerpt> {
        pack.questions()
            .iter()
            .flat_map(|q| &q.excerpts)
            .find(|e| wanted(e))
    }

    #[test]
    fn brackets_the_quoting_court_added_are_named_in_the_citation() {
        let pack = court();
        let elder = first_excerpt(&pack, |e| {
            e.quoting.as_ref().is_some_and(|q| q.source == "elder")
        })
        .expect("Elder is quoted through Holder");
        assert_eq!(
            cite_excerpt(&pack, elder).expect("declared").citation,
            "Elder v. Bench, 5 U.S. 100, 104 (1950) (alteration in Holder) (quoted in Holder v. Court, 10 U.S. 1, 3 (2001))"
        );
    }

    /// A court's own sentences that quote others in fragments stay its own, cited with
    /// "(quoting …)" after it, a separate opinion with its parenthetical (legal audit 3, L3:
    /// Antoine quoting Imbler and Justice Scalia's Burns opinion; the bundled pack's own
    /// citations are checked in `tests/content_citations.rs`).
    #[test]
    fn fragments_a_passage_quotes_are_cited_after_it() {
        let pack = court();
        let quoting = |source: &str| {
            first_excerpt(&pack, |e| e.inner_quotes.iter().any(|q| q.source == source))
                .unwrap_or_else(|| panic!("an excerpt quoting {source}"))
        };
        let fragment = cite_excerpt(&pack, quoting("fragment")).expect("declared");
        assert_eq!(
            fragment.citation,
            "Speaker v. Words, 9 U.S. 70, 72 (1990) (alteration in original) (quoting Fragment v. Phrase, 7 U.S. 50, 55 n.3 (1970))"
        );
        assert_eq!(
            fragment.authority.source, "speaker",
            "the words are Speaker's"
        );
        assert!(fragment.quoted_in.is_none());
        let cited: Vec<&str> = fragment.cited().map(|a| a.source.as_str()).collect();
        assert_eq!(cited, ["speaker", "fragment"]);
        let separate = cite_excerpt(&pack, quoting("separate")).expect("declared");
        assert_eq!(
            separate.citation,
            "Speaker v. Words, 9 U.S. 70, 72-73 (1990) (quoting Separate v. Opinion, 8 U.S. 60, 66 (1980) (Roe, J., concurring))"
        );
        assert_eq!(excerpt_badges(&separate), "GOOD LAW");
        let mut reversed = separate.clone();
        reversed.quoting[0].status = crate::pack::Status::Reversed;
        reversed.quoting[0].status_label = "REVERSED".into();
        assert_eq!(
            excerpt_badges(&reversed),
            "Speaker v. Words: GOOD LAW; Separate v. Opinion: REVERSED"
        );
    }

    #[test]
    fn badges_name_each_authority_only_when_statuses_differ() {
        let pack = court();
        let excerpt = first_excerpt(&pack, |e| e.quoting.is_some()).expect("a quoting excerpt");
        let mut cited = cite_excerpt(&pack, excerpt).expect("declared");
        let quoted = cited.quoted_in.clone().expect("quoting");
        cited.authority.status = quoted.status;
        cited.authority.status_label = quoted.status_label.clone();
        assert_eq!(excerpt_badges(&cited), quoted.status_label);
        cited.authority.status = crate::pack::Status::Reversed;
        cited.authority.status_label = "REVERSED".into();
        let badges = excerpt_badges(&cited);
        assert!(
            badges.starts_with(&format!("{}: REVERSED; ", cited.authority.name)),
            "{badges}"
        );
        assert!(
            badges.ends_with(&format!("{}: {}", quoted.name, quoted.status_label)),
            "{badges}"
        );
        assert!(!badges.contains("rev'd"), "no history in a badge");
    }
}
