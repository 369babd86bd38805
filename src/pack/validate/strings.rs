//! The checks every string of a pack file must pass, key or value: none blank, none holding
//! control characters, escape sequences, bidirectional controls or invisible characters, and no
//! variation selector in an id. They walk the JSON tree itself, so they need no typed value.

use jsonc_parser::ast::Value;

use crate::pack::position::{Reporter, Seg, quoted};
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
