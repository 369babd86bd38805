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
//!   in Mireles v. Waco, 502 U.S. 9, 11 (1991) (per curiam))".
//!
//! A status is shown beside a citation as a short badge ([`CitedAuthority::status_label`],
//! e.g. `REVERSED`); its long history belongs in the table of authorities, once.

use crate::pack::{AuthorityRef, Excerpt, Pack};

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
    let (citation, authority, quoted_in_by) = match &excerpt.quoting {
        Some(quoted) => {
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
        }
        None => (holder.citation.clone(), holder, None),
    };
    Some(ReportExcerpt {
        quote: owned(&excerpt.quote),
        citation,
        authority,
        quoted_in: quoted_in_by,
    })
}

/// The short status badge(s) of an excerpt's citation, one line: "GOOD LAW" when one
/// authority is cited or both share a status; otherwise each authority by name,
/// "Stump v. Sparkman: GOOD LAW; Mireles v. Waco: CAUTION". Never the long history.
pub fn excerpt_badges(excerpt: &ReportExcerpt) -> String {
    match &excerpt.quoted_in {
        Some(q) if q.status != excerpt.authority.status => format!(
            "{}: {}; {}: {}",
            one_line(&excerpt.authority.name),
            one_line(&excerpt.authority.status_label),
            one_line(&q.name),
            one_line(&q.status_label)
        ),
        _ => one_line(&excerpt.authority.status_label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{FileSet, load};

    fn bundled() -> Pack {
        let files = FileSet::bundled("judicial-immunity").expect("bundled");
        load(&files).expect("valid").0
    }

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
    fn every_quoting_excerpt_of_the_bundled_pack_is_cited_in_the_quoted_in_form() {
        let pack = bundled();
        let mut seen = 0;
        for question in pack.questions() {
            for excerpt in &question.excerpts {
                let cited = cite_excerpt(&pack, excerpt).expect("declared sources");
                let Some(quoting) = &excerpt.quoting else {
                    assert!(cited.quoted_in.is_none());
                    assert_eq!(
                        cited.citation,
                        pack.cite(&AuthorityRef {
                            source: excerpt.source.clone(),
                            pin: excerpt.pin.clone()
                        })
                    );
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
        assert!(seen > 0, "the bundled pack quotes through Mireles");
    }

    #[test]
    fn brackets_the_quoting_court_added_are_named_in_the_citation() {
        let pack = bundled();
        let pierson = pack
            .questions()
            .iter()
            .flat_map(|q| &q.excerpts)
            .find(|e| e.quoting.as_ref().is_some_and(|q| q.source == "pierson"))
            .expect("Pierson is quoted through Mireles");
        assert_eq!(
            cite_excerpt(&pack, pierson).expect("declared").citation,
            "Pierson v. Ray, 386 U.S. 547, 554 (1967) (alteration in Mireles) (quoted in Mireles v. Waco, 502 U.S. 9, 11 (1991) (per curiam))"
        );
    }

    #[test]
    fn badges_name_each_authority_only_when_statuses_differ() {
        let pack = bundled();
        let excerpt = pack
            .questions()
            .iter()
            .flat_map(|q| &q.excerpts)
            .find(|e| e.quoting.is_some())
            .expect("a quoting excerpt");
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
