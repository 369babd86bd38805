//! The checks of a pack's sources and of what cites them: each source's status, citation and
//! text file, every authority's source and pin, and every excerpt's quote and pin found in its
//! source's text (with a message saying why a quote was not found).

use std::collections::HashMap;

use super::Ids;
use crate::pack::position::{Lines, Reporter, Seg, field, json_path, quoted};
use crate::pack::quote::{self, Miss, SourceText, pages_text, parse_pin};
use crate::pack::{AuthorityRef, Excerpt, FileSet, PackFile, Source, Status, year_parenthetical};
use crate::text::escape_for_display;

/// A source's text prepared for matching, and where quoting may begin.
pub(super) struct Prepared<'f> {
    file: String,
    lines: Lines<'f>,
    text: SourceText,
    quotable_from: usize,
}

/// Checks the sources; returns each one's prepared text (when it has a readable one).
pub(super) fn check_sources<'f>(
    file: &PackFile,
    files: &'f FileSet,
    rep: &mut Reporter<'_, '_>,
) -> Vec<Option<Prepared<'f>>> {
    let mut ids = Ids::new();
    let mut texts = Vec::with_capacity(file.sources.len());
    for (si, s) in file.sources.iter().enumerate() {
        ids.declare(rep, &s.id, &json_path!["sources", si]);
        if s.status != Status::GoodLaw && s.history.is_none() {
            rep.error(
                &json_path!["sources", si, "status"],
                &format!(
                    "\"{}\" needs a \"history\" saying why (e.g. the decision that reversed it)",
                    s.status.id()
                ),
            );
        }
        if year_parenthetical(&s.citation, s.year).is_none() {
            rep.error(
                &json_path!["sources", si, "citation"],
                &format!(
                    "has no parenthetical holding the year {} (a pin cite is inserted before it)",
                    s.year
                ),
            );
        }
        let prepared = s.text.as_ref().and_then(|name| {
            let rel = format!("sources/{name}");
            let Some(content) = files.get(&rel).filter(|_| !name.contains(['/', '\\'])) else {
                let message = match files.unreadable(&rel) {
                    Some(why) => format!("{} cannot be read: {why}", quoted(name)),
                    None => format!("{} is not in the pack's sources/ folder", quoted(name)),
                };
                rep.error(&json_path!["sources", si, "text"], &message);
                return None;
            };
            let text = SourceText::new(content);
            let quotable_from = match s.quotable_from.as_deref() {
                None => 0,
                Some(marker) => {
                    if let Some(at) = text.find_marker(marker) {
                        at
                    } else {
                        rep.error(
                            &json_path!["sources", si, "quotable_from"],
                            &format!("{} is not in {}", quoted(marker), escape_for_display(&rel)),
                        );
                        0
                    }
                }
            };
            Some(Prepared {
                file: escape_for_display(&rel).into_owned(),
                lines: Lines::new(content),
                text,
                quotable_from,
            })
        });
        texts.push(prepared);
    }
    texts
}

pub(super) fn check_authority(
    rep: &mut Reporter<'_, '_>,
    sources: &HashMap<String, usize>,
    authority: &AuthorityRef,
    at: &[Seg<'_>],
) {
    if !sources.contains_key(authority.source.as_str()) {
        rep.error(
            &field(at, "source"),
            &format!("{} names no source", quoted(&authority.source)),
        );
    }
    if let Some(pin) = authority.pin.as_deref()
        && parse_pin(pin).is_none()
    {
        rep.error(&field(at, "pin"), &unreadable_pin(pin));
    }
}

fn unreadable_pin(pin: &str) -> String {
    format!(
        "{} is not a page or a page range such as 216 or 61-62",
        quoted(pin)
    )
}

/// Checks one excerpt's quote and pin against its source's text. True when the quote was
/// verified.
pub(super) fn check_excerpt(
    rep: &mut Reporter<'_, '_>,
    file: &PackFile,
    texts: &[Option<Prepared<'_>>],
    si: usize,
    excerpt: &Excerpt,
    at: &[Seg<'_>],
) -> bool {
    let source = &file.sources[si];
    let Some(prepared) = texts[si].as_ref() else {
        if source.text.is_none() {
            rep.error(
                &field(at, "source"),
                &format!(
                    "source {} has no \"text\" to check the quote against",
                    quoted(&source.id)
                ),
            );
        }
        // A missing text file is reported at the source.
        return false;
    };
    let pin = match excerpt.pin.as_deref() {
        None => None,
        Some(p) => {
            let parsed = parse_pin(p);
            if parsed.is_none() {
                rep.error(&field(at, "pin"), &unreadable_pin(p));
            }
            parsed
        }
    };
    let text = &prepared.text;
    let spans = |found: quote::Found| -> Option<(u32, u32)> {
        Some((text.page_at(found.start)?, text.page_at(found.last)?))
    };
    let agrees = |found: quote::Found| match (pin, spans(found)) {
        (Some(pin), Some((first, last))) => pin.first == first && last <= pin.last,
        _ => true,
    };
    match text.find_preferring(
        &excerpt.quote,
        prepared.quotable_from,
        pin.map(|p| p.first),
        agrees,
    ) {
        Ok(found) => {
            if let (Some(_), Some((first, last))) = (pin, spans(found))
                && !agrees(found)
            {
                let (line, column) = prepared.lines.line_col(text.original_offset(found.start));
                rep.error(
                    &field(at, "pin"),
                    &format!(
                        "{} does not match the quote, which stands on {} (at {}:{line}:{column})",
                        quoted(excerpt.pin.as_deref().unwrap_or_default()),
                        pages_text(first, last),
                        prepared.file
                    ),
                );
            }
            true
        }
        Err(miss) => {
            let message = miss_message(&miss, source, prepared, &excerpt.quote);
            rep.error(&field(at, "quote"), &message);
            false
        }
    }
}

/// Why a quote was not accepted, in words, with a hint where the text's own rules explain it.
fn miss_message(miss: &Miss, source: &Source, prepared: &Prepared<'_>, quote: &str) -> String {
    let mut message = match miss {
        Miss::Empty => "holds no words to check once ellipses and [sic] are removed".to_owned(),
        Miss::BeforeMarker => format!(
            "quote stands in the part of the text before {}, which may not be quoted",
            quoted(source.quotable_from.as_deref().unwrap_or_default())
        ),
        Miss::NotFound { count: 1, .. } => format!("not found in {}", prepared.file),
        Miss::NotFound {
            index,
            count,
            fragment,
        } => {
            let mut m = format!(
                "fragment {} of {count} ({}) not found in {}",
                index + 1,
                quoted(fragment),
                prepared.file
            );
            if *index > 0 {
                m.push_str(" after the fragments before it");
            }
            m
        }
    };
    if let Miss::NotFound { fragment, .. } = miss
        && prepared.text.is_slip()
        && fragment.contains('-')
    {
        message.push_str(
            "; in a slip text a line-end hyphen is dropped and the word joined, so quote around a hyphenated word that the text splits at a line end",
        );
    }
    if matches!(miss, Miss::NotFound { .. }) && quote::has_alteration(quote) {
        message.push_str(
            "; square-bracket alterations other than [sic] are not supported: quote the text as it stands",
        );
    }
    message
}
