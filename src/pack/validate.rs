//! The checks a parsed pack must pass: strings, ids, the shape of the tree, sources, quotes,
//! pins, and the fact patterns.
//!
//! Every check reports through a [`Reporter`] and carries on, so one run finds every problem.
//! All work is linear in the size of the pack: ids go through hash maps, and reachability and
//! cycle detection are single iterative depth-first passes (packs may be 100,000 questions deep,
//! far beyond what recursion would survive).

use std::collections::HashMap;
use std::fmt::Write as _;

use jsonc_parser::ast::Value;

use super::position::{Lines, Reporter, Seg, json_path, quoted};
use super::quote::{self, Miss, SourceText, pages_text, parse_pin};
use super::{AuthorityRef, CasesFile, FileSet, Node, Pack, PackFile, Status, year_parenthetical};
use crate::text::{
    escape_every_invisible, escape_for_display, is_bidi_control, is_blank, is_invisible,
    is_unsafe_after, is_unsafe_char, is_variation_selector,
};

/// Fields whose text may run over several lines; anywhere else a line break is an error.
const LONG_TEXT: [&str; 11] = [
    "description",
    "disclaimer",
    "why",
    "quote",
    "note",
    "summary",
    "reasoning",
    "caveats",
    "history",
    "facts",
    "holding",
];

/// Fields whose value is an id (or names one): they may hold no variation selector, even after
/// a character it modifies, since "⚖️" and "⚖" would then be two ids that look the same.
const ID_FIELDS: [&str; 6] = ["id", "start", "next", "source", "outcome", "expected"];

/// True when the string at `path` is an id: an [`ID_FIELDS`] value, or an answer of a fact
/// pattern (`answers.QUESTION`, an option id).
fn is_id_path(path: &[Seg<'_>]) -> bool {
    match path {
        [.., Seg::Key("answers"), Seg::Key(_)] => true,
        [.., Seg::Key(field)] => ID_FIELDS.contains(field),
        _ => false,
    }
}

/// Checks every string (and key) of a file: none blank, none holding control characters,
/// escape sequences or bidirectional controls. Works on the AST, so it needs no typed value.
pub(crate) fn check_strings(rep: &mut Reporter<'_, '_>) {
    /// A step of the walk: visit a value under a path segment, or leave it.
    enum Step<'a, 't> {
        Enter(Option<Seg<'a>>, &'a Value<'t>),
        Leave,
    }
    let doc = rep.doc.get();
    // One path, pushed and popped as the walk goes: no copy per value.
    let mut path: Vec<Seg<'_>> = Vec::new();
    let mut stack = vec![Step::Enter(None, &doc.root)];
    while let Some(step) = stack.pop() {
        let Step::Enter(seg, value) = step else {
            path.pop();
            continue;
        };
        if let Some(seg) = seg {
            path.push(seg);
            stack.push(Step::Leave);
        }
        match value {
            Value::StringLit(s) => {
                let field = path.iter().rev().find_map(|s| match s {
                    Seg::Key(k) => Some(*k),
                    Seg::Index(_) => None,
                });
                let long = field.is_some_and(|f| LONG_TEXT.contains(&f));
                check_string(rep, &path, &s.value, long, false);
            }
            Value::Object(o) => {
                for prop in o.properties.iter().rev() {
                    let name = prop.name.as_str();
                    if name.chars().any(is_unsafe_char) {
                        path.push(Seg::Key(name));
                        check_string(rep, &path, name, false, true);
                        path.pop();
                    }
                    stack.push(Step::Enter(Some(Seg::Key(name)), &prop.value));
                }
            }
            Value::Array(a) => {
                for (i, element) in a.elements.iter().enumerate().rev() {
                    stack.push(Step::Enter(Some(Seg::Index(i)), element));
                }
            }
            _ => {}
        }
    }
}

fn check_string(rep: &mut Reporter<'_, '_>, path: &[Seg<'_>], s: &str, long: bool, key: bool) {
    let what = if key { "key" } else { "text" };
    if !key {
        if s.is_empty() {
            rep.error(path, "must not be empty");
            return;
        }
        if s.trim().is_empty() {
            rep.error(path, "must not be only white space");
            return;
        }
        if is_blank(s) {
            rep.error(
                path,
                &format!(
                    "shows nothing: it holds only white space and invisible characters: {}",
                    quoted(s)
                ),
            );
            return;
        }
    }
    // A key or an id may hold no variation selector at all; other text may, directly after a
    // character it modifies.
    let id = key || is_id_path(path);
    let mut prev = None;
    let Some((at, c)) = s.chars().enumerate().find(|&(_, c)| {
        let found = c == '\t'
            || (c == '\n' && !long)
            || if id {
                is_unsafe_char(c)
            } else {
                is_unsafe_after(prev, c)
            };
        prev = Some(c);
        found
    }) else {
        return;
    };
    let kind = match c {
        '\u{1b}' | '\u{9b}' => "a terminal escape sequence",
        '\t' => "a tab",
        '\n' => "a line break",
        c if is_bidi_control(c) => "a Unicode bidirectional control",
        c if is_variation_selector(c) && id => "a variation selector, which an id may not hold",
        c if is_variation_selector(c) => {
            "a variation selector that follows no character it can modify"
        }
        c if is_invisible(c) => "an invisible or format character",
        _ => "a control character",
    };
    let message = format!("{what} holds {kind}: {}", excerpt_escaped(s, at, id));
    if key {
        rep.error_key(path, &message);
    } else {
        rep.error(path, &message);
    }
}

/// The string escaped for display, cut to a window around character `at` when long; an `id`
/// with every variation selector escaped, so that the one reported shows.
fn excerpt_escaped(s: &str, at: usize, id: bool) -> String {
    let escape = if id {
        escape_every_invisible
    } else {
        escape_for_display
    };
    let count = s.chars().count();
    if count <= 80 {
        return format!("\"{}\"", escape(s));
    }
    let from = at.saturating_sub(30);
    let to = (at + 50).min(count);
    let window: String = s.chars().skip(from).take(to - from).collect();
    format!(
        "\"{}{}{}\"",
        if from > 0 { "…" } else { "" },
        escape(&window),
        if to < count { "…" } else { "" }
    )
}

/// What the pack checks found out, for building the [`Pack`] and the summary.
pub(crate) struct PackFacts {
    pub(crate) nodes: HashMap<String, Node>,
    pub(crate) sources: HashMap<String, usize>,
    pub(crate) outcomes: HashMap<String, usize>,
    /// Resolved `next` of every option, when every one resolves, the start is a question and
    /// there is no cycle: the tree can be walked.
    pub(crate) graph: Option<(Vec<Vec<Node>>, usize)>,
    pub(crate) quotes_verified: usize,
    /// Excerpt id → index of the question holding it (pack format 2.1).
    pub(crate) excerpts: HashMap<String, usize>,
    /// True when `pack.json` uses a field of pack format 2.1, which then requires them all.
    pub(crate) uses_21: bool,
}

/// Ids seen so far in one namespace, with the path of the element that first declared each.
struct Ids<'p> {
    seen: HashMap<&'p str, Vec<Seg<'static>>>,
}

impl<'p> Ids<'p> {
    fn new() -> Self {
        Self {
            seen: HashMap::new(),
        }
    }

    /// Records `id` declared by the element at `owner`; reports it when already taken.
    fn declare(&mut self, rep: &mut Reporter<'_, '_>, id: &'p str, owner: &[Seg<'static>]) {
        match self.seen.entry(id) {
            std::collections::hash_map::Entry::Occupied(first) => {
                report_duplicate(rep, id, first.get(), owner);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(owner.to_vec());
            }
        }
    }
}

/// Checks what an id may hold beyond what every string may: `--answer QUESTION=OPTION` must be
/// able to name it, so no white space at either end (the flag trims it) and no `=`. Invisible
/// and control characters are reported by [`check_strings`], as in any string.
fn check_id(rep: &mut Reporter<'_, '_>, owner: &[Seg<'_>], id: &str) {
    if is_blank(id) {
        return; // reported as blank
    }
    let problem = if id.trim() != id {
        "has white space at its start or end"
    } else if id.contains('=') {
        "holds \"=\""
    } else {
        return;
    };
    let mut at = owner.to_vec();
    at.push(Seg::Key("id"));
    rep.error(
        &at,
        &format!(
            "id {} {problem}, so `--answer QUESTION=OPTION` could not name it",
            quoted(id)
        ),
    );
}

/// Checks every id declared in `pack.json`.
fn check_ids(file: &PackFile, rep: &mut Reporter<'_, '_>) {
    for (i, o) in file.outcomes.iter().enumerate() {
        check_id(rep, &json_path!["outcomes", i], &o.id);
    }
    for (i, s) in file.sources.iter().enumerate() {
        check_id(rep, &json_path!["sources", i], &s.id);
    }
    for (qi, q) in file.questions.iter().enumerate() {
        check_id(rep, &json_path!["questions", qi], &q.id);
        for (oi, o) in q.options.iter().enumerate() {
            check_id(rep, &json_path!["questions", qi, "options", oi], &o.id);
        }
    }
    for (i, c) in file.conclusions.iter().enumerate() {
        check_id(rep, &json_path!["conclusions", i], &c.id);
    }
}

/// Path of a question or conclusion in `pack.json`.
fn node_path(node: Node) -> [Seg<'static>; 2] {
    match node {
        Node::Question(i) => json_path!["questions", i],
        Node::Conclusion(i) => json_path!["conclusions", i],
    }
}

fn report_duplicate(rep: &mut Reporter<'_, '_>, id: &str, first: &[Seg<'_>], owner: &[Seg<'_>]) {
    let mut at = owner.to_vec();
    at.push(Seg::Key("id"));
    let message = format!(
        "{} is already the id of {}",
        quoted(id),
        rep.doc.get().describe(first)
    );
    rep.error(&at, &message);
}

/// Checks `pack.json`.
pub(crate) fn check_pack(
    file: &PackFile,
    files: &FileSet,
    rep: &mut Reporter<'_, '_>,
) -> PackFacts {
    check_date(rep, &file.law_checked);
    check_ids(file, rep);

    let mut outcome_ids = Ids::new();
    for (i, o) in file.outcomes.iter().enumerate() {
        outcome_ids.declare(rep, &o.id, &json_path!["outcomes", i]);
    }
    let outcomes: HashMap<String, usize> = file
        .outcomes
        .iter()
        .enumerate()
        .rev()
        .map(|(i, o)| (o.id.to_string(), i))
        .collect();

    let texts = check_sources(file, files, rep);
    let sources: HashMap<String, usize> = file
        .sources
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (s.id.to_string(), i))
        .collect();

    // Questions and conclusions share one namespace; the first to declare an id keeps it.
    let mut nodes: HashMap<String, Node> =
        HashMap::with_capacity(file.questions.len() + file.conclusions.len());
    let declared = file
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (&q.id, Node::Question(i)))
        .chain(
            file.conclusions
                .iter()
                .enumerate()
                .map(|(i, c)| (&c.id, Node::Conclusion(i))),
        );
    for (id, node) in declared {
        match nodes.entry(id.to_string()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                report_duplicate(rep, id, &node_path(*first.get()), &node_path(node));
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(node);
            }
        }
    }

    let (edges, quotes_verified) = check_questions(file, &nodes, &sources, &texts, rep);

    check_conclusions(file, &outcomes, &sources, rep);
    let uses_21 = super::checks21::pack_uses_21(file);
    let excerpts = super::checks21::check_pack(file, &sources, uses_21, rep);

    let start = match nodes.get(file.start.as_str()) {
        Some(&Node::Question(q)) => Some(q),
        Some(Node::Conclusion(_)) => {
            rep.error(
                &json_path!["start"],
                &format!(
                    "{} names a conclusion; the start must be a question",
                    quoted(&file.start)
                ),
            );
            None
        }
        None => {
            rep.error(
                &json_path!["start"],
                &format!("{} names no question", quoted(&file.start)),
            );
            None
        }
    };
    if let Some(start) = start {
        check_reachable(rep, file, &nodes, &edges, start);
    }
    let acyclic = check_cycles(rep, file, &edges, start);
    let graph = match (start, acyclic) {
        (Some(start), true) => edges
            .into_iter()
            .map(|row| row.into_iter().collect::<Option<Vec<Node>>>())
            .collect::<Option<Vec<_>>>()
            .map(|targets| (targets, start)),
        _ => None,
    };
    PackFacts {
        nodes,
        sources,
        outcomes,
        graph,
        quotes_verified,
        excerpts,
        uses_21,
    }
}

/// Checks every question: its options, where they lead, their authorities, and its excerpts.
/// Returns where each option leads (`None` where its `next` names nothing) and how many quotes
/// were verified.
fn check_questions(
    file: &PackFile,
    nodes: &HashMap<String, Node>,
    sources: &HashMap<String, usize>,
    texts: &[Option<Prepared<'_>>],
    rep: &mut Reporter<'_, '_>,
) -> (Vec<Vec<Option<Node>>>, usize) {
    let mut quotes_verified = 0;
    let mut edges: Vec<Vec<Option<Node>>> = Vec::with_capacity(file.questions.len());
    for (qi, q) in file.questions.iter().enumerate() {
        let options_path = json_path!["questions", qi, "options"];
        match q.options.len() {
            0 => rep.error(
                &options_path,
                "has no options; a question needs at least two",
            ),
            1 => rep.error(&options_path, "has 1 option; a question needs at least two"),
            _ => {}
        }
        let mut option_ids = Ids::new();
        let mut row = Vec::with_capacity(q.options.len());
        for (oi, o) in q.options.iter().enumerate() {
            // Options are few: a scan is cheaper than a map per question (a map takes over
            // past a handful, so a hostile pack cannot make this quadratic).
            if q.options.len() > 16 {
                option_ids.declare(rep, &o.id, &json_path!["questions", qi, "options", oi]);
            } else if let Some(first) = q.options[..oi].iter().position(|p| p.id == o.id) {
                report_duplicate(
                    rep,
                    &o.id,
                    &json_path!["questions", qi, "options", first],
                    &json_path!["questions", qi, "options", oi],
                );
            }
            let target = nodes.get(o.next.as_str()).copied();
            if target.is_none() {
                rep.error(
                    &json_path!["questions", qi, "options", oi, "next"],
                    &format!("{} names no question or conclusion", quoted(&o.next)),
                );
            }
            row.push(target);
            for (ai, a) in o.authorities.iter().enumerate() {
                check_authority(
                    rep,
                    sources,
                    a,
                    &json_path!["questions", qi, "options", oi, "authorities", ai],
                );
            }
        }
        edges.push(row);
        for (ei, e) in q.excerpts.iter().enumerate() {
            let at = json_path!["questions", qi, "excerpts", ei];
            if let Some(q) = e.quoting.as_ref() {
                let mut p = at.to_vec();
                p.push(Seg::Key("quoting"));
                check_authority(rep, sources, q, &p);
                // Brackets in a quoted quotation are usually the quoting court's changes, but
                // they may be the original's own: only the author can tell, so this warns.
                if e.alteration.is_none() && quote::has_alteration(&e.quote) {
                    let mut p = at.to_vec();
                    p.push(Seg::Key("quote"));
                    rep.warning_key(
                        &p,
                        &format!(
                            "holds square brackets: if they are the alterations of {}, which quotes these words, say so in \"alteration\" (e.g. \"alteration in Mireles\")",
                            quoted(&e.source)
                        ),
                    );
                }
            } else if e.alteration.is_some() && e.inner_quotes.is_empty() {
                let mut p = at.to_vec();
                p.push(Seg::Key("alteration"));
                rep.error(&p, "needs \"quoting\" or \"inner_quotes\"");
            }
            let Some(&si) = sources.get(e.source.as_str()) else {
                rep.error(
                    &json_path!["questions", qi, "excerpts", ei, "source"],
                    &format!("{} names no source", quoted(&e.source)),
                );
                continue;
            };
            if check_excerpt(rep, file, texts, si, e, &at) {
                quotes_verified += 1;
            }
        }
    }

    (edges, quotes_verified)
}

/// Checks every conclusion's outcome and authorities.
fn check_conclusions(
    file: &PackFile,
    outcomes: &HashMap<String, usize>,
    sources: &HashMap<String, usize>,
    rep: &mut Reporter<'_, '_>,
) {
    for (ci, c) in file.conclusions.iter().enumerate() {
        if !outcomes.contains_key(c.outcome.as_str()) {
            let declared: Vec<String> = file
                .outcomes
                .iter()
                .take(10)
                .map(|o| quoted(&o.id))
                .collect();
            rep.error(
                &json_path!["conclusions", ci, "outcome"],
                &format!(
                    "{} is not one of the declared outcomes ({})",
                    quoted(&c.outcome),
                    if declared.is_empty() {
                        "none declared".to_owned()
                    } else {
                        declared.join(", ")
                    }
                ),
            );
        }
        for (ai, a) in c.authorities.iter().enumerate() {
            check_authority(
                rep,
                sources,
                a,
                &json_path!["conclusions", ci, "authorities", ai],
            );
        }
    }
}

fn check_date(rep: &mut Reporter<'_, '_>, date: &str) {
    let valid = (|| {
        let b = date.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |s: &str| -> Option<u32> {
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        let year = digits(&date[..4])?;
        let month = digits(&date[5..7])?;
        let day = digits(&date[8..])?;
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(())
    })();
    if valid.is_none() {
        rep.error(
            &json_path!["law_checked"],
            &format!("{} is not a date in YYYY-MM-DD form", quoted(date)),
        );
    }
}

/// A source's text prepared for matching, and where quoting may begin.
struct Prepared<'f> {
    file: String,
    lines: Lines<'f>,
    text: SourceText,
    quotable_from: usize,
}

/// Checks the sources; returns each one's prepared text (when it has a readable one).
fn check_sources<'f>(
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

fn check_authority(
    rep: &mut Reporter<'_, '_>,
    sources: &HashMap<String, usize>,
    authority: &AuthorityRef,
    at: &[Seg<'_>],
) {
    if !sources.contains_key(authority.source.as_str()) {
        let mut p = at.to_vec();
        p.push(Seg::Key("source"));
        rep.error(
            &p,
            &format!("{} names no source", quoted(&authority.source)),
        );
    }
    if let Some(pin) = authority.pin.as_deref()
        && parse_pin(pin).is_none()
    {
        let mut p = at.to_vec();
        p.push(Seg::Key("pin"));
        rep.error(&p, &unreadable_pin(pin));
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
fn check_excerpt(
    rep: &mut Reporter<'_, '_>,
    file: &PackFile,
    texts: &[Option<Prepared<'_>>],
    si: usize,
    excerpt: &super::Excerpt,
    at: &[Seg<'_>],
) -> bool {
    let child = |key: &'static str| {
        let mut p = at.to_vec();
        p.push(Seg::Key(key));
        p
    };
    let source = &file.sources[si];
    let Some(prepared) = texts[si].as_ref() else {
        if source.text.is_none() {
            rep.error(
                &child("source"),
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
                rep.error(&child("pin"), &unreadable_pin(p));
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
                    &child("pin"),
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
            rep.error(&child("quote"), &message);
            false
        }
    }
}

/// Why a quote was not accepted, in words, with a hint where the text's own rules explain it.
fn miss_message(
    miss: &Miss,
    source: &super::Source,
    prepared: &Prepared<'_>,
    quote: &str,
) -> String {
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

/// Reports questions and conclusions the start cannot reach: one iterative pass.
fn check_reachable(
    rep: &mut Reporter<'_, '_>,
    file: &PackFile,
    nodes: &HashMap<String, Node>,
    edges: &[Vec<Option<Node>>],
    start: usize,
) {
    let mut seen_q = vec![false; file.questions.len()];
    let mut seen_c = vec![false; file.conclusions.len()];
    let mut stack = vec![start];
    seen_q[start] = true;
    while let Some(q) = stack.pop() {
        for target in edges[q].iter().flatten() {
            match *target {
                Node::Question(n) if !seen_q[n] => {
                    seen_q[n] = true;
                    stack.push(n);
                }
                Node::Conclusion(c) => seen_c[c] = true,
                Node::Question(_) => {}
            }
        }
    }
    // A node whose id is taken by an earlier one cannot be reached by id at all; its duplicate
    // id is reported already, so it is not reported again here.
    let from = format!("is not reachable from the start ({})", quoted(&file.start));
    for (i, _) in seen_q.iter().enumerate().filter(|(_, s)| !**s) {
        if nodes.get(file.questions[i].id.as_str()) == Some(&Node::Question(i)) {
            rep.error(&json_path!["questions", i], &from);
        }
    }
    for (i, _) in seen_c.iter().enumerate().filter(|(_, s)| !**s) {
        if nodes.get(file.conclusions[i].id.as_str()) == Some(&Node::Conclusion(i)) {
            rep.error(&json_path!["conclusions", i], &from);
        }
    }
}

/// Reports every option that closes a cycle, naming the cycle's questions in order. One
/// iterative three-colour depth-first pass over all questions. True when there is no cycle.
fn check_cycles(
    rep: &mut Reporter<'_, '_>,
    file: &PackFile,
    edges: &[Vec<Option<Node>>],
    start: Option<usize>,
) -> bool {
    const UNSEEN: usize = usize::MAX;
    const DONE: usize = usize::MAX - 1;
    // state[q]: UNSEEN, DONE, or the position of q on the DFS stack (in progress).
    let mut state = vec![UNSEEN; file.questions.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut acyclic = true;
    let roots = start.into_iter().chain(0..file.questions.len());
    for root in roots {
        if state[root] != UNSEEN {
            continue;
        }
        state[root] = 0;
        stack.push((root, 0));
        while let Some(&mut (q, ref mut next)) = stack.last_mut() {
            let Some(target) = edges[q].get(*next) else {
                state[q] = DONE;
                stack.pop();
                continue;
            };
            let option = *next;
            *next += 1;
            let Some(Node::Question(child)) = *target else {
                continue;
            };
            match state[child] {
                UNSEEN => {
                    state[child] = stack.len();
                    stack.push((child, 0));
                }
                DONE => {}
                pos => {
                    acyclic = false;
                    let ids: Vec<&str> = stack[pos..]
                        .iter()
                        .map(|&(q, _)| file.questions[q].id.as_str())
                        .collect();
                    let message = format!(
                        "{} closes a cycle: {}; every path must end at a conclusion",
                        quoted(&file.questions[child].id),
                        cycle_text(&ids)
                    );
                    rep.error(
                        &json_path!["questions", q, "options", option, "next"],
                        &message,
                    );
                }
            }
        }
    }
    acyclic
}

/// `"a" -> "b" -> "a"`, shortened in the middle when long.
fn cycle_text(ids: &[&str]) -> String {
    let mut out = String::new();
    let mut push = |s: &str| {
        if !out.is_empty() {
            out.push_str(" -> ");
        }
        out.push_str(s);
    };
    if ids.len() <= 10 {
        for id in ids {
            push(&quoted(id));
        }
    } else {
        for id in &ids[..5] {
            push(&quoted(id));
        }
        push(&format!("... ({} more) ...", ids.len() - 9));
        for id in &ids[ids.len() - 4..] {
            push(&quoted(id));
        }
    }
    if let Some(first) = ids.first() {
        push(&quoted(first));
    }
    out
}

/// Checks that a case's answers name questions and their options. True when they all do.
fn check_answers(
    case: &super::Case,
    ci: usize,
    file: &PackFile,
    nodes: &HashMap<String, Node>,
    rep: &mut Reporter<'_, '_>,
) -> bool {
    let mut answers_ok = true;
    for (qid, oid) in &case.answers {
        let at = [
            Seg::Key("cases"),
            Seg::Index(ci),
            Seg::Key("answers"),
            Seg::Key(qid),
        ];
        match nodes.get(qid) {
            Some(&Node::Question(q)) => {
                let question = &file.questions[q];
                if !question.options.iter().any(|o| &o.id == oid) {
                    answers_ok = false;
                    let mut valid = String::new();
                    for (i, o) in question.options.iter().take(10).enumerate() {
                        let _ = write!(valid, "{}{}", if i > 0 { ", " } else { "" }, quoted(&o.id));
                    }
                    rep.error(
                        &at,
                        &format!(
                            "question {} has no option {}; its options are: {valid}",
                            quoted(qid),
                            quoted(oid)
                        ),
                    );
                }
            }
            Some(Node::Conclusion(_)) => {
                answers_ok = false;
                rep.error_key(
                    &at,
                    &format!("{} names a conclusion, not a question", quoted(qid)),
                );
            }
            None => {
                answers_ok = false;
                rep.error_key(&at, &format!("{} names no question", quoted(qid)));
            }
        }
    }
    answers_ok
}

/// Checks `cases.json` against the pack: ids, answers, and (when the tree can be walked) that
/// each case's answers reach its expected conclusion. Returns how many cases do.
pub(crate) fn check_cases(
    cases: &CasesFile,
    file: &PackFile,
    nodes: &HashMap<String, Node>,
    pack: Option<&Pack>,
    (excerpts, uses_21): (&HashMap<String, usize>, bool),
    rep: &mut Reporter<'_, '_>,
) -> usize {
    let mut ids = Ids::new();
    let mut reached = 0;
    for (ci, case) in cases.cases.iter().enumerate() {
        ids.declare(rep, &case.id, &json_path!["cases", ci]);
        check_id(rep, &json_path!["cases", ci], &case.id);
        let answers_ok = check_answers(case, ci, file, nodes, rep);
        let walk = match (pack, answers_ok) {
            (Some(pack), true) => super::graph::follow_ids(pack, &case.answers).ok(),
            _ => None,
        };
        let path: Option<Vec<usize>> = walk
            .as_ref()
            .map(|w| w.steps.iter().map(|s| s.question).collect());
        super::checks21::check_case(case, ci, file, excerpts, path.as_deref(), uses_21, rep);
        let expected = match nodes.get(case.expected.as_str()) {
            Some(&Node::Conclusion(c)) => Some(c),
            Some(Node::Question(_)) => {
                rep.error(
                    &json_path!["cases", ci, "expected"],
                    &format!(
                        "{} names a question, not a conclusion",
                        quoted(&case.expected)
                    ),
                );
                None
            }
            None => {
                rep.error(
                    &json_path!["cases", ci, "expected"],
                    &format!("{} names no conclusion", quoted(&case.expected)),
                );
                None
            }
        };
        let (Some(expected), Some(walk)) = (expected, walk) else {
            continue;
        };
        let answers_at = json_path!["cases", ci, "answers"];
        match walk.end {
            Node::Conclusion(c) if c == expected => reached += 1,
            Node::Conclusion(c) => rep.error(
                &answers_at,
                &format!(
                    "these answers reach conclusion {}, not the expected {}",
                    quoted(&file.conclusions[c].id),
                    quoted(&case.expected)
                ),
            ),
            Node::Question(q) => rep.error(
                &answers_at,
                &format!(
                    "these answers stop at question {}, which they do not answer; the expected conclusion is {}",
                    quoted(&file.questions[q].id),
                    quoted(&case.expected)
                ),
            ),
        }
        for qid in &walk.unused {
            let at = [
                Seg::Key("cases"),
                Seg::Index(ci),
                Seg::Key("answers"),
                Seg::Key(qid),
            ];
            rep.warning_key(
                &at,
                &format!(
                    "the path never reaches question {}; this answer is unused",
                    quoted(qid)
                ),
            );
        }
    }
    reached
}
