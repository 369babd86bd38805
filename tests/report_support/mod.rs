//! Shared helpers for the report and export tests: loading packs, walking them to conclusions,
//! a fixed report context, and a strict checker for the HTML export.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use immunity::engine::{self, Session};
use immunity::pack::{FileSet, Pack, load};
use immunity::report::{Report, ReportContext};

/// A fixed context, so snapshots do not change with the clock or the crate version.
pub fn context() -> ReportContext {
    ReportContext {
        tool_version: "0.0.0-test".to_owned(),
        exported_at: "2000-01-01T00:00:00Z".to_owned(),
    }
}

#[path = "../support/pack.rs"]
pub mod pack;

#[path = "../support/cli.rs"]
pub mod cli;

/// The test-pack builder's `three_step` pack, its one authority under caution with a history:
/// fact patterns `climber` (three steps, to `at-top`) and `stroller`.
pub fn built() -> Pack {
    let dir = tempfile::tempdir().expect("a temporary folder");
    pack::three_step()
        .status(
            "caution",
            "its test was narrowed by Later v. Case, 2 Test 2 (2010)",
        )
        .load(dir.path())
}

/// The climber's fact pattern walked as a student who answers its last step, `hill`, the other
/// way (down, not up) and so reaches a different result from the court's.
pub fn departing(pack: &Pack) -> Report {
    let session = walk(
        pack,
        &[("gate", "open"), ("path", "left"), ("hill", "down")],
    );
    case_report(&session, "climber")
}

/// The hostile fixture pack.
pub fn hostile() -> Pack {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let files = FileSet::from_dir(&dir).expect("the hostile fixture is readable");
    match load(&files) {
        Ok((pack, _)) => pack,
        Err(d) => panic!("the hostile fixture must be a valid pack: {d:?}"),
    }
}

/// Two walks of `pack` to a conclusion, with a name for each: the pack's first two fact
/// patterns when it has them, else the first two paths in option order.
pub fn two_walks(pack: &Pack) -> Vec<(String, Session<'_>)> {
    if pack.cases().len() >= 2 {
        return pack
            .cases()
            .iter()
            .take(2)
            .map(|case| {
                let walk = engine::walk(pack, &case.answers).expect("case answers are valid");
                assert!(
                    walk.session.is_finished(),
                    "case {} reaches a conclusion",
                    case.id
                );
                (format!("case-{}", case.id), walk.session)
            })
            .collect();
    }
    engine::paths(pack)
        .take(2)
        .enumerate()
        .map(|(i, steps)| {
            let mut session = Session::new(pack);
            for step in steps {
                session
                    .answer(step.option)
                    .expect("a path's options are valid");
            }
            (format!("path-{}", i + 1), session)
        })
        .collect()
}

/// Every path of a small pack, walked to its conclusion.
pub fn all_walks(pack: &Pack) -> Vec<Session<'_>> {
    engine::paths(pack)
        .map(|steps| {
            let mut session = Session::new(pack);
            for step in steps {
                session
                    .answer(step.option)
                    .expect("a path's options are valid");
            }
            session
        })
        .collect()
}

/// Follows answers by id (question id, option id).
pub fn walk<'p>(pack: &'p Pack, answers: &[(&str, &str)]) -> Session<'p> {
    let answers: BTreeMap<String, String> = answers
        .iter()
        .map(|(q, o)| ((*q).to_owned(), (*o).to_owned()))
        .collect();
    engine::walk(pack, &answers)
        .expect("answers are valid")
        .session
}

/// The report of a finished session with the fixed context.
pub fn report(session: &Session<'_>) -> Report {
    Report::from_session(session, &context()).expect("the session stands at a conclusion")
}

/// The report of a finished walk of one of the pack's fact patterns, with the comparison.
pub fn case_report(session: &Session<'_>, case: &str) -> Report {
    let case = session
        .pack()
        .case(case)
        .expect("the pack has this fact pattern");
    Report::for_case(session, &context(), case).expect("the session stands at a conclusion")
}

/// The report of one of [`two_walks`]: with the fact-pattern comparison when the walk is a
/// fact pattern (named `case-ID`).
pub fn named_report(name: &str, session: &Session<'_>) -> Report {
    match name.strip_prefix("case-") {
        Some(id) => case_report(session, id),
        None => report(session),
    }
}

/// HTML void elements: they have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements the export may use; anything else (script, iframe, img, a, object, svg...) is a
/// failure.
const ALLOWED: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "main",
    "footer",
    "section",
    "aside",
    "h1",
    "h2",
    "h3",
    "p",
    "dl",
    "dt",
    "dd",
    "code",
    "strong",
    "ol",
    "ul",
    "li",
    "figure",
    "blockquote",
    "figcaption",
    "cite",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    // The document writer's note on an item, its line breaks and its page break.
    "em",
    "br",
    "div",
];

/// Checks that `html` is a well-formed HTML5 document of the shape the exporter writes: a
/// doctype, balanced tags from an allow-list, quoted attributes with no event handlers or URLs,
/// no character references but the five the escaper writes, and nothing that loads or runs
/// anything. Returns the text content (outside `<style>` and `<head>`), entities decoded.
pub fn check_html(html: &str) -> Result<String, String> {
    let rest = html
        .strip_prefix("<!DOCTYPE html>\n")
        .ok_or("the document does not start with <!DOCTYPE html>")?;
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut chars = rest.char_indices().peekable();
    let bytes = rest;
    let mut in_head = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '<' => {
                let end = bytes[i..]
                    .find('>')
                    .map(|e| i + e)
                    .ok_or_else(|| format!("unclosed tag at byte {i}"))?;
                let tag = &bytes[i + 1..end];
                while chars.peek().is_some_and(|&(j, _)| j <= end) {
                    chars.next();
                }
                if let Some(name) = tag.strip_prefix('/') {
                    let open = stack.pop().ok_or_else(|| format!("stray </{name}>"))?;
                    if open != name {
                        return Err(format!("</{name}> closes <{open}>"));
                    }
                    if name == "head" {
                        in_head = false;
                    }
                    continue;
                }
                let (name, attrs) = tag.split_once(' ').unwrap_or((tag, ""));
                if !ALLOWED.contains(&name) {
                    return Err(format!("element <{name}> is not allowed"));
                }
                check_attributes(name, attrs)?;
                if name == "head" {
                    in_head = true;
                }
                if name == "style" {
                    let close = bytes[end..].find("</style>").ok_or("unclosed <style>")?;
                    let css = &bytes[end + 1..end + close];
                    check_css(css)?;
                    while chars.peek().is_some_and(|&(j, _)| j < end + close) {
                        chars.next();
                    }
                    stack.push(name.to_owned());
                    continue;
                }
                if !VOID.contains(&name) {
                    stack.push(name.to_owned());
                }
            }
            '>' => return Err(format!("a raw > in text at byte {i}")),
            '&' => {
                let end = bytes[i..]
                    .find(';')
                    .ok_or("an & that starts no reference")?;
                let entity = &bytes[i..=i + end];
                let decoded = match entity {
                    "&amp;" => '&',
                    "&lt;" => '<',
                    "&gt;" => '>',
                    "&quot;" => '"',
                    "&#39;" => '\'',
                    other => return Err(format!("unexpected character reference {other}")),
                };
                while chars.peek().is_some_and(|&(j, _)| j < i + end + 1) {
                    chars.next();
                }
                if !in_head {
                    text.push(decoded);
                }
            }
            c => {
                if (c.is_control() && c != '\n') || immunity::text::is_bidi_control(c) {
                    return Err(format!(
                        "unsafe character U+{:04X} in the document",
                        c as u32
                    ));
                }
                if !in_head && !stack.is_empty() {
                    text.push(c);
                }
            }
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements: {stack:?}"));
    }
    Ok(text)
}

/// Attributes: `name="value"` pairs, no event handlers, nothing that names a URL.
fn check_attributes(element: &str, attrs: &str) -> Result<(), String> {
    let mut rest = attrs.trim();
    while !rest.is_empty() {
        let (name, after) = rest
            .split_once("=\"")
            .ok_or_else(|| format!("<{element}>: unquoted attribute in {attrs:?}"))?;
        let name = name.trim();
        let (value, after) = after
            .split_once('"')
            .ok_or_else(|| format!("<{element}>: unterminated attribute in {attrs:?}"))?;
        if name.starts_with("on") {
            return Err(format!("<{element}>: event handler attribute {name}"));
        }
        if matches!(
            name,
            "href" | "src" | "srcset" | "action" | "formaction" | "data" | "style"
        ) {
            return Err(format!("<{element}>: attribute {name} is not allowed"));
        }
        if value.to_ascii_lowercase().contains("javascript:") {
            return Err(format!("<{element}>: javascript: URL in {name}"));
        }
        rest = after.trim_start();
    }
    Ok(())
}

/// The stylesheet loads nothing: no `url(`, no `@import`, no `expression(`.
fn check_css(css: &str) -> Result<(), String> {
    let lower = css.to_ascii_lowercase();
    for bad in ["url(", "@import", "expression(", "javascript:", "</"] {
        if lower.contains(bad) {
            return Err(format!("the stylesheet holds {bad}"));
        }
    }
    Ok(())
}

/// Asserts that `value` conforms to `schema` (the subset of JSON Schema draft 2020-12 that
/// schemars writes for this crate's models): `$ref` into `$defs`, `anyOf`, `type` (one or a
/// list), `properties` with `required`, `items`, `enum`, `const`, `minimum`. Also asserts that
/// every key of `value` is declared: the models are closed, and an undeclared key is a field
/// the schema forgot. Panics with the JSON path of the first mismatch.
pub fn assert_conforms(value: &serde_json::Value, schema: &serde_json::Value) {
    if let Err(e) = conforms(value, schema, schema, "$") {
        panic!("the JSON does not conform to its schema: {e}");
    }
}

fn conforms(
    value: &serde_json::Value,
    schema: &serde_json::Value,
    root: &serde_json::Value,
    at: &str,
) -> Result<(), String> {
    use serde_json::Value;
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r
            .strip_prefix("#/$defs/")
            .ok_or_else(|| format!("{at}: unsupported $ref {r}"))?;
        let target = root["$defs"]
            .get(name)
            .ok_or_else(|| format!("{at}: $ref to a missing definition {r}"))?;
        conforms(value, target, root, at)?;
    }
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let errors: Vec<String> = any
            .iter()
            .filter_map(|s| conforms(value, s, root, at).err())
            .collect();
        if errors.len() == any.len() {
            return Err(format!(
                "{at}: matches no branch of anyOf: {}",
                errors.join("; ")
            ));
        }
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => return Err(format!("{at}: bad type {t}")),
        };
        let ok = types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            "null" => value.is_null(),
            _ => false,
        });
        if !ok {
            return Err(format!("{at}: {value} is not of type {t}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array)
        && !e.contains(value)
    {
        return Err(format!("{at}: {value} is not one of {e:?}"));
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        return Err(format!("{at}: {value} is not {c}"));
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) && n < min
    {
        return Err(format!("{at}: {n} is below the minimum {min}"));
    }
    if let Value::Object(map) = value {
        let props = schema.get("properties").and_then(Value::as_object);
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !map.contains_key(name) {
                return Err(format!("{at}: the required key {name:?} is missing"));
            }
        }
        if let Some(props) = props {
            for (k, v) in map {
                let sub = props
                    .get(k)
                    .ok_or_else(|| format!("{at}.{k} is not declared in the schema"))?;
                conforms(v, sub, root, &format!("{at}.{k}"))?;
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        for (i, v) in items.iter().enumerate() {
            conforms(v, item_schema, root, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}
