//! The checks of pack format 2.1: short forms, excerpt ids and option links, per-step grounding
//! excerpts of fact patterns, distinctive phrases, and options that copy a fact pattern.
//!
//! A pack that uses any 2.1 field (question `short` or `instructions`, option `short`, excerpt
//! `id` or `option`, fact pattern `grounds`, `historical` or `distinctive`) must use them all:
//! every question and option has a `short`, every excerpt an `id`, every fact pattern `grounds`
//! for each step of its path and a `distinctive` list, and no option may teach a fact pattern's
//! facts instead of the rule. A pack that uses none of them loads as before: what is present is
//! still checked, what is missing is not required. All of it is linear in the size of the pack:
//! ids go through hash maps, and the copy check hashes each fact pattern's six-word runs once.
//! The file passes 400 lines because the checks of one format version belong together.

use std::collections::{HashMap, HashSet};

use super::position::{Reporter, json_path, quoted};
use super::{Case, CasesFile, Excerpt, PackFile, quote};

/// How many consecutive words an option may share with a fact pattern's facts before it is
/// said to copy them.
pub(crate) const SHINGLE: usize = 6;

/// The `grounds` value for a step that no bundled passage grounds.
pub(crate) const NO_GROUND: &str = "none";

/// True when `pack.json` uses any field of format 2.1.
pub(crate) fn pack_uses_21(file: &PackFile) -> bool {
    file.questions.iter().any(|q| {
        q.short.is_some()
            || q.instructions.is_some()
            || q.options.iter().any(|o| o.short.is_some())
            || q.excerpts
                .iter()
                .any(|e| e.id.is_some() || e.option.is_some())
    })
}

/// True when `cases.json` uses any field of format 2.1.
pub(crate) fn cases_use_21(cases: &CasesFile) -> bool {
    cases
        .cases
        .iter()
        .any(|c| !c.grounds.is_empty() || c.historical.is_some() || !c.distinctive.is_empty())
}

/// Checks the 2.1 fields of `pack.json`: excerpt ids unique, option links naming an option of
/// the same question, `inner_quotes`, and (when `required`) a `short` on every question and
/// option and an `id` on every excerpt. Returns excerpt id → index of the question that holds it.
pub(crate) fn check_pack(
    file: &PackFile,
    sources: &HashMap<String, usize>,
    required: bool,
    rep: &mut Reporter<'_, '_>,
) -> HashMap<String, usize> {
    let mut excerpts: HashMap<String, usize> = HashMap::new();
    let mut first_at: HashMap<&str, (usize, usize)> = HashMap::new();
    for (qi, q) in file.questions.iter().enumerate() {
        if required && q.short.is_none() {
            rep.error_key(
                &json_path!["questions", qi, "id"],
                &format!(
                    "question {} has no \"short\"; pack format 2.1 needs one on every question",
                    quoted(&q.id)
                ),
            );
        }
        for (oi, o) in q.options.iter().enumerate() {
            if required && o.short.is_none() {
                rep.error_key(
                    &json_path!["questions", qi, "options", oi, "id"],
                    &format!(
                        "option {} of question {} has no \"short\"; pack format 2.1 needs one on every option",
                        quoted(&o.id),
                        quoted(&q.id)
                    ),
                );
            }
        }
        for (ei, e) in q.excerpts.iter().enumerate() {
            match e.id.as_deref() {
                Some(id) => {
                    if let Some(&(fq, fe)) = first_at.get(id) {
                        rep.error(
                            &json_path!["questions", qi, "excerpts", ei, "id"],
                            &format!(
                                "excerpt id {} is already the id of excerpt {} of question {}",
                                quoted(id),
                                fe + 1,
                                quoted(&file.questions[fq].id)
                            ),
                        );
                    } else {
                        first_at.insert(id, (qi, ei));
                        excerpts.insert(id.to_owned(), qi);
                    }
                }
                None if required => rep.error_key(
                    &json_path!["questions", qi, "excerpts", ei, "quote"],
                    &format!(
                        "excerpt {} of question {} has no \"id\"; pack format 2.1 needs one on every excerpt",
                        ei + 1,
                        quoted(&q.id)
                    ),
                ),
                None => {}
            }
            if let Some(option) = e.option.as_deref()
                && !q.options.iter().any(|o| o.id == option)
            {
                rep.error(
                    &json_path!["questions", qi, "excerpts", ei, "option"],
                    &format!(
                        "{} is not an option of question {}; an excerpt may only support an option of its own question",
                        quoted(option),
                        quoted(&q.id)
                    ),
                );
            }
            check_inner_quotes(e, sources, qi, ei, rep);
        }
    }
    excerpts
}

/// Checks an excerpt's `inner_quotes`: each names a declared source with a readable pin (an
/// empty `opinion` is caught with every other empty string); the passage holds the quotation marks it cites them for
/// and is not also taken whole through `quoting`; brackets in it are said to be its own.
fn check_inner_quotes(
    e: &Excerpt,
    sources: &HashMap<String, usize>,
    qi: usize,
    ei: usize,
    rep: &mut Reporter<'_, '_>,
) {
    if e.inner_quotes.is_empty() {
        return;
    }
    let at = json_path!["questions", qi, "excerpts", ei, "inner_quotes"];
    if e.quoting.is_some() {
        rep.error_key(
            &at,
            "a passage is either another authority's words (\"quoting\") or its source's own words quoting fragments (\"inner_quotes\"), not both",
        );
    }
    if !e.quote.contains(['"', '\u{201c}', '\u{201d}']) {
        rep.error_key(
            &at,
            "the quote holds no quotation marks: \"inner_quotes\" cites the words a passage itself quotes",
        );
    }
    if e.alteration.is_none() && quote::has_alteration(&e.quote) {
        rep.warning_key(
            &json_path!["questions", qi, "excerpts", ei, "quote"],
            &format!(
                "holds square brackets: if they are {}'s own changes to the words it quotes, say so in \"alteration\" (\"alteration in original\")",
                quoted(&e.source)
            ),
        );
    }
    for (ii, inner) in e.inner_quotes.iter().enumerate() {
        let at = |key| json_path!["questions", qi, "excerpts", ei, "inner_quotes", ii, key];
        if !sources.contains_key(inner.source.as_str()) {
            rep.error(
                &at("source"),
                &format!("{} names no source", quoted(&inner.source)),
            );
        }
        if quote::parse_pin(&inner.pin).is_none() {
            rep.error(
                &at("pin"),
                &format!(
                    "{} is not a page or a page range such as 216, 61-62 or 423 n.20",
                    quoted(&inner.pin)
                ),
            );
        }
    }
}

/// Checks one fact pattern's 2.1 fields: every `grounds` key a question on the pattern's path
/// (`path`: the questions its answers pass, when they could be followed) and every value an
/// excerpt of that question or `none`; when `required`, a ground for every step and a
/// non-empty `distinctive` list.
pub(crate) fn check_case(
    case: &Case,
    ci: usize,
    file: &PackFile,
    excerpts: &HashMap<String, usize>,
    path: Option<&[usize]>,
    required: bool,
    rep: &mut Reporter<'_, '_>,
) {
    let on_path: Option<HashSet<&str>> =
        path.map(|p| p.iter().map(|&q| file.questions[q].id.as_str()).collect());
    for (qid, eid) in &case.grounds {
        let at = json_path!["cases", ci, "grounds", qid.as_str()];
        if let Some(on_path) = on_path.as_ref()
            && !on_path.contains(qid.as_str())
        {
            rep.error_key(
                &at,
                &format!(
                    "{} is not a question on this pattern's path; grounds name the steps the answers take",
                    quoted(qid)
                ),
            );
            continue;
        }
        if eid == NO_GROUND {
            continue;
        }
        match excerpts.get(eid) {
            Some(&q) if file.questions[q].id == *qid => {}
            Some(&q) => rep.error(
                &at,
                &format!(
                    "excerpt {} belongs to question {}, not {}",
                    quoted(eid),
                    quoted(&file.questions[q].id),
                    quoted(qid)
                ),
            ),
            None => rep.error(
                &at,
                &format!(
                    "{} names no excerpt (use \"{NO_GROUND}\" where no bundled passage grounds this step)",
                    quoted(eid)
                ),
            ),
        }
    }
    if !required {
        return;
    }
    if let Some(path) = path {
        for &q in path {
            let qid = &file.questions[q].id;
            if !case.grounds.contains_key(qid.as_str()) {
                rep.error_key(
                    &json_path!["cases", ci, "id"],
                    &format!(
                        "fact pattern {} has no ground for question {} on its path; name an excerpt id or \"{NO_GROUND}\"",
                        quoted(&case.id),
                        quoted(qid)
                    ),
                );
            }
        }
    }
    if case.distinctive.is_empty() {
        rep.error_key(
            &json_path!["cases", ci, "id"],
            &format!(
                "fact pattern {} has no \"distinctive\" phrases; pack format 2.1 needs them",
                quoted(&case.id)
            ),
        );
    }
}

/// Lower case, every run of characters that are not letters or digits one space: the form in
/// which options and facts are compared.
pub(crate) fn fold_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Flags every option label or note that holds a fact pattern's distinctive phrase, or shares a
/// run of [`SHINGLE`] consecutive words with a fact pattern's facts (case and punctuation
/// folded). Errors when `required`, warnings otherwise. Linear: the facts' runs are hashed once,
/// and each option's runs are looked up; distinctive phrases are matched as runs of their own
/// length, looked up the same way.
pub(crate) fn check_copies(
    file: &PackFile,
    cases: &CasesFile,
    required: bool,
    rep: &mut Reporter<'_, '_>,
) {
    // Runs of words, keyed by the joined words: six-word runs of the facts, and each distinctive
    // phrase whole. Phrase lengths are few, so the lookup tries each length once per position.
    let mut runs: HashMap<String, (usize, Option<&str>)> = HashMap::new();
    let mut lengths: Vec<usize> = vec![SHINGLE];
    for (ci, case) in cases.cases.iter().enumerate() {
        let words = fold_words(&case.facts);
        for w in words.windows(SHINGLE) {
            runs.entry(w.join(" ")).or_insert((ci, None));
        }
        for phrase in &case.distinctive {
            let words = fold_words(phrase);
            if words.is_empty() {
                continue;
            }
            if !lengths.contains(&words.len()) {
                lengths.push(words.len());
            }
            runs.insert(words.join(" "), (ci, Some(phrase.as_str())));
        }
    }
    if runs.is_empty() {
        return;
    }
    for (qi, q) in file.questions.iter().enumerate() {
        for (oi, o) in q.options.iter().enumerate() {
            let texts = [
                ("label", Some(o.label.as_str())),
                ("note", o.note.as_deref()),
            ];
            for (field, text) in texts {
                let Some(text) = text else { continue };
                let words = fold_words(text);
                let Some((ci, distinctive, run)) = first_copy(&words, &lengths, &runs) else {
                    continue;
                };
                let case = &cases.cases[ci].id;
                let what = if let Some(phrase) = distinctive {
                    format!(
                        "holds {}, a distinctive phrase of fact pattern {}",
                        quoted(phrase),
                        quoted(case)
                    )
                } else {
                    format!(
                        "shares the words {} with the facts of fact pattern {}",
                        quoted(&run),
                        quoted(case)
                    )
                };
                let message = format!(
                    "option {} of question {} {what}: name examples in general terms, so the option teaches the rule and not the case",
                    quoted(&o.id),
                    quoted(&q.id)
                );
                let at = json_path!["questions", qi, "options", oi, field];
                if required {
                    rep.error(&at, &message);
                } else {
                    rep.warning_key(&at, &message);
                }
            }
        }
    }
}

/// The first run of `words` (of any of `lengths`) found in `runs`: the fact pattern, the
/// distinctive phrase as written when the run is one (these win over a shared run of the
/// facts), and the run.
fn first_copy<'r>(
    words: &[String],
    lengths: &[usize],
    runs: &HashMap<String, (usize, Option<&'r str>)>,
) -> Option<(usize, Option<&'r str>, String)> {
    let mut shared = None;
    for &len in lengths {
        for w in words.windows(len) {
            let key = w.join(" ");
            match runs.get(&key) {
                Some(&(ci, Some(phrase))) => return Some((ci, Some(phrase), key)),
                Some(&(ci, None)) if len == SHINGLE && shared.is_none() => {
                    shared = Some((ci, None, key));
                }
                _ => {}
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs<'a>(entries: &[(&'a str, bool)]) -> HashMap<String, (usize, Option<&'a str>)> {
        entries
            .iter()
            .map(|&(k, d)| (k.to_owned(), (0, d.then_some(k))))
            .collect()
    }

    #[test]
    fn folds_case_and_punctuation() {
        assert_eq!(
            fold_words("Threw a Person, out-of the courtroom!"),
            ["threw", "a", "person", "out", "of", "the", "courtroom"]
        );
    }

    #[test]
    fn finds_a_shared_run_and_prefers_a_distinctive_phrase() {
        let words = fold_words("he threw a person out of the courtroom by force");
        let r = runs(&[("a person out of the courtroom", false)]);
        assert_eq!(
            first_copy(&words, &[SHINGLE], &r).map(|c| c.2),
            Some("a person out of the courtroom".to_owned())
        );
        let r = runs(&[("a person out of the courtroom", false), ("by force", true)]);
        let found = first_copy(&words, &[SHINGLE, 2], &r).unwrap();
        assert_eq!(found.1, Some("by force"));
        assert_eq!(found.2, "by force");
        // Five shared words are not a copy.
        let r = runs(&[("person out of the courtroom", false)]);
        assert_eq!(first_copy(&words, &[SHINGLE], &r), None);
    }
}
