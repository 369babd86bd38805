//! Where things are in a JSON file: JSON paths, their line and column, and how they read in a
//! message.
//!
//! serde gives the loader typed values but no positions for them, so each file is parsed a
//! second time with `jsonc-parser` (in strict JSON mode) into an AST with byte ranges. A
//! diagnostic names a JSON path (`questions[2].options[1].next`); this module finds the value or
//! key at that path and turns its byte offset into a 1-based line and a 1-based column counted in
//! characters, which is what editors show.
//!
//! Over 400 lines because finding a path in the parsed document, turning an offset into a line and
//! column, and naming a path in words are one job over one AST (with its tests beside it), which
//! every diagnostic needs whole.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::fmt::Write as _;

use jsonc_parser::ast::{Object, ObjectProp, ObjectPropName, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

use super::Diagnostic;
use super::diagnostic::Severity;
use crate::text::escape_for_display;

/// One step of a JSON path: an object key or an array index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg<'s> {
    /// A property of an object.
    Key(&'s str),
    /// An element of an array.
    Index(usize),
}

/// Shorthand for building paths: `json_path!["questions", 2, "options"]`.
macro_rules! json_path {
    ($($seg:expr),* $(,)?) => {
        [$($crate::pack::position::IntoSeg::into_seg($seg)),*]
    };
}
pub(crate) use json_path;

/// Conversion used by [`json_path!`].
pub(crate) trait IntoSeg<'s> {
    fn into_seg(self) -> Seg<'s>;
}
impl<'s> IntoSeg<'s> for &'s str {
    fn into_seg(self) -> Seg<'s> {
        Seg::Key(self)
    }
}
impl<'s> IntoSeg<'s> for usize {
    fn into_seg(self) -> Seg<'s> {
        Seg::Index(self)
    }
}
impl<'s> IntoSeg<'s> for Seg<'s> {
    fn into_seg(self) -> Seg<'s> {
        self
    }
}

/// The path of field `key` of the value at `path`.
pub(crate) fn field<'s>(path: &[Seg<'s>], key: &'s str) -> Vec<Seg<'s>> {
    let mut p = path.to_vec();
    p.push(Seg::Key(key));
    p
}

/// Quotes a string from a pack for a message: escaped, in double quotes.
pub(crate) fn quoted(s: &str) -> String {
    format!("\"{}\"", escape_for_display(s))
}

/// Byte offsets of line starts, for turning offsets into line and column.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
    /// Characters before each block of [`BLOCK`] bytes (its start moved back to a character
    /// boundary): a column is counted from the nearest block, not from the line's start, so
    /// reporting many positions on one long line (a minified file) stays linear.
    chars_before: Vec<usize>,
}

/// Bytes per block of [`Lines::chars_before`].
const BLOCK: usize = 1024;

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut chars_before = Vec::with_capacity(text.len() / BLOCK + 1);
        let (mut at, mut count) = (0, 0);
        for block in 0..=text.len() / BLOCK {
            let start = floor_char_boundary(text, block * BLOCK);
            count += text[at..start].chars().count();
            chars_before.push(count);
            at = start;
        }
        Self {
            text,
            starts,
            chars_before,
        }
    }

    /// Characters before byte `offset` (a character boundary).
    fn char_index(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let start = floor_char_boundary(self.text, block * BLOCK);
        self.chars_before[block] + self.text[start..offset].chars().count()
    }

    /// 1-based line and 1-based column in characters of the character at byte `offset`.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = if offset - start <= BLOCK {
            self.text[start..offset].chars().count()
        } else {
            self.char_index(offset) - self.char_index(start)
        };
        (line, column + 1)
    }

    /// Byte offset of `serde_json`'s (line, column): serde counts the column in bytes, as the
    /// number of bytes of the line consumed when the error was raised.
    pub(crate) fn serde_offset(&self, line: usize, column: usize) -> usize {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        (start + column).min(self.text.len())
    }
}

/// `offset` moved back to the nearest character boundary of `text`.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A parsed JSON file with positions.
pub(crate) struct JsonDoc<'t> {
    pub(crate) text: &'t str,
    pub(crate) root: Value<'t>,
    pub(crate) lines: Lines<'t>,
    /// Property index of each wide object looked into, by the object's start offset: looking a
    /// key up by scanning would make reporting on every key of a wide object (40,000 answers in
    /// one fact pattern) quadratic.
    wide: RefCell<HashMap<usize, HashMap<String, usize>>>,
}

/// Objects with more properties than this get an index when a key is looked up in them.
const WIDE: usize = 16;

/// What to point at: the value at a path, or the key that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    Value,
    Key,
}

impl<'t> JsonDoc<'t> {
    /// Parses strictly (no comments, no trailing commas, nothing beyond JSON). On failure, the
    /// byte offset and message of the syntax error.
    pub(crate) fn parse(text: &'t str) -> Result<Self, (usize, String)> {
        let options = ParseOptions {
            allow_comments: false,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_non_finite_numbers: false,
            allow_extended_string_escapes: false,
        };
        let parsed = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &options)
            .map_err(|e| (e.range().start, e.kind().to_string()))?;
        let root = parsed
            .value
            .ok_or_else(|| (text.len(), "the file holds no JSON value".to_owned()))?;
        Ok(Self {
            text,
            root,
            lines: Lines::new(text),
            wide: RefCell::default(),
        })
    }

    /// The first property of `object` named `name` (as serde and `Object::get` take it): a scan
    /// for a narrow object, an index (built once) for a wide one.
    fn prop<'a>(&self, object: &'a Object<'t>, name: &str) -> Option<&'a ObjectProp<'t>> {
        if object.properties.len() <= WIDE {
            return object.get(name);
        }
        let mut wide = self.wide.borrow_mut();
        let index = wide.entry(object.range.start).or_insert_with(|| {
            let mut index = HashMap::with_capacity(object.properties.len());
            for (i, p) in object.properties.iter().enumerate() {
                index.entry(p.name.as_str().to_owned()).or_insert(i);
            }
            index
        });
        index.get(name).map(|&i| &object.properties[i])
    }

    fn child<'a>(&self, value: &'a Value<'t>, seg: Seg<'_>) -> Option<&'a Value<'t>> {
        match (value, seg) {
            (Value::Object(o), Seg::Key(k)) => self.prop(o, k).map(|p| &p.value),
            (Value::Array(a), Seg::Index(i)) => a.elements.get(i),
            _ => None,
        }
    }

    /// The value at `path`, if it exists.
    pub(crate) fn get(&self, path: &[Seg<'_>]) -> Option<&Value<'t>> {
        let mut value = &self.root;
        for seg in path {
            value = self.child(value, *seg)?;
        }
        Some(value)
    }

    /// Byte offset of the value (or key) at `path`; where the path does not exist (a missing
    /// field), the deepest value on the path that does.
    pub(crate) fn offset(&self, path: &[Seg<'_>], at: At) -> usize {
        let mut value = &self.root;
        for (i, seg) in path.iter().enumerate() {
            if at == At::Key
                && i + 1 == path.len()
                && let (Value::Object(object), Seg::Key(name)) = (value, seg)
                && let Some(prop) = self.prop(object, name)
            {
                return prop.name.range().start;
            }
            match self.child(value, *seg) {
                Some(next) => value = next,
                None => break,
            }
        }
        value.range().start
    }

    /// Line and column of the value (or key) at `path`.
    pub(crate) fn line_col(&self, path: &[Seg<'_>], at: At) -> (usize, usize) {
        self.lines.line_col(self.offset(path, at))
    }

    /// How `path` reads in a message: `questions[2] ("judicial-act").options[1].next`. Elements
    /// of the top-level lists are named by their id as well as their index.
    pub(crate) fn describe(&self, path: &[Seg<'_>]) -> String {
        let mut out = String::new();
        let mut value = Some(&self.root);
        for (depth, seg) in path.iter().enumerate() {
            value = value.and_then(|v| self.child(v, *seg));
            match seg {
                Seg::Key(k) if is_plain_key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Key(k) => {
                    out.push('[');
                    out.push_str(&quoted(k));
                    out.push(']');
                }
                Seg::Index(i) => {
                    let _ = write!(out, "[{i}]");
                    if depth == 1
                        && let Some(Value::Object(o)) = value
                        && let Some(id) = o.get_string("id")
                    {
                        let _ = write!(out, " ({})", quoted(&id.value));
                    }
                }
            }
        }
        if out.is_empty() {
            out.push_str("(top level)");
        }
        out
    }

    /// The deepest path holding byte `offset`, and whether the offset falls on a key of the
    /// object at that path (then the key's name). Used to place serde's errors, which carry only
    /// an offset.
    pub(crate) fn path_at(&self, offset: usize) -> (Vec<Seg<'_>>, Option<&str>) {
        let mut path = Vec::new();
        let mut value = &self.root;
        loop {
            match value {
                Value::Object(object) => {
                    let Some((_, prop)) = holding(&object.properties, offset) else {
                        return (path, None);
                    };
                    let name = match &prop.name {
                        ObjectPropName::String(s) => s.value.as_ref(),
                        ObjectPropName::Word(w) => w.value,
                    };
                    if !contains(prop.value.range(), offset) {
                        return (path, Some(name));
                    }
                    path.push(Seg::Key(name));
                    value = &prop.value;
                }
                Value::Array(array) => {
                    let Some((i, element)) = holding(&array.elements, offset) else {
                        return (path, None);
                    };
                    path.push(Seg::Index(i));
                    value = element;
                }
                _ => return (path, None),
            }
        }
    }

    /// A diagnostic at `path`, its message prefixed with the path.
    pub(crate) fn diagnostic(
        &self,
        file: &str,
        severity: Severity,
        path: &[Seg<'_>],
        at: At,
        message: &str,
    ) -> Diagnostic {
        let (line, column) = self.line_col(path, at);
        Diagnostic::new(
            file,
            line,
            column,
            severity,
            &format!("{}: {message}", self.describe(path)),
        )
    }
}

/// The item of `items` (properties or elements, which stand in text order) whose range holds
/// `offset`, with its index. A binary search keeps placing one error per element of a long list
/// linear overall.
fn holding<T: Ranged>(items: &[T], offset: usize) -> Option<(usize, &T)> {
    let i = items.partition_point(|x| x.range().end < offset);
    items
        .get(i)
        .filter(|x| contains(x.range(), offset))
        .map(|x| (i, x))
}

fn contains(range: jsonc_parser::common::Range, offset: usize) -> bool {
    range.start <= offset && offset <= range.end
}

/// Keys shown bare in a path (`options`); anything else is shown quoted (`answers["x y"]`).
fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A file's positions, parsed only when first needed: a clean file whose strings need no
/// second look is never parsed for positions at all, which keeps loading a large pack fast.
pub(crate) struct LazyDoc<'t> {
    text: &'t str,
    doc: OnceCell<JsonDoc<'t>>,
}

impl<'t> LazyDoc<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Self {
            text,
            doc: OnceCell::new(),
        }
    }

    /// Parses now; the syntax error if the text is not strict JSON.
    pub(crate) fn force(&self) -> Result<&JsonDoc<'t>, (usize, String)> {
        if let Some(doc) = self.doc.get() {
            return Ok(doc);
        }
        let doc = JsonDoc::parse(self.text)?;
        Ok(self.doc.get_or_init(|| doc))
    }

    /// The document. Only files that parsed as JSON reach the checks, so the fallback (every
    /// position at the start of the file) is never expected to be used.
    pub(crate) fn get(&self) -> &JsonDoc<'t> {
        self.doc.get_or_init(|| {
            JsonDoc::parse(self.text).unwrap_or_else(|_| JsonDoc {
                text: self.text,
                root: Value::NullKeyword(jsonc_parser::ast::NullKeyword {
                    range: jsonc_parser::common::Range::new(0, 0),
                }),
                lines: Lines::new(self.text),
                wide: RefCell::default(),
            })
        })
    }

    /// True unless the text certainly holds no blank string and no string that decodes to a
    /// control, escape or bidirectional character: then its strings need the walk of
    /// `check_strings`. Such strings can only come from a raw unsafe character, an escape
    /// (`\u`, `\t`, `\n`, `\r`, `\b`, `\f`), or quotes around nothing but white space.
    pub(crate) fn strings_need_check(&self) -> bool {
        let mut chars = self.text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if matches!(chars.next(), Some('u' | 't' | 'n' | 'r' | 'b' | 'f')) {
                        return true;
                    }
                }
                '"' => {
                    // White space only: an unsafe character that is also white space (U+0085
                    // NEL) must still be seen by the arm below.
                    while chars
                        .next_if(|&c| c.is_whitespace() && !crate::text::is_unsafe_char(c))
                        .is_some()
                    {}
                    if chars.peek() == Some(&'"') {
                        return true;
                    }
                }
                c if crate::text::is_unsafe_char(c) => return true,
                _ => {}
            }
        }
        false
    }
}

/// Collects diagnostics for one file.
pub(crate) struct Reporter<'d, 't> {
    pub(crate) doc: &'d LazyDoc<'t>,
    pub(crate) file: String,
    pub(crate) out: Vec<Diagnostic>,
}

impl<'d, 't> Reporter<'d, 't> {
    pub(crate) fn new(doc: &'d LazyDoc<'t>, file: String) -> Self {
        Self {
            doc,
            file,
            out: Vec::new(),
        }
    }

    /// An error at the value at `path`.
    pub(crate) fn error(&mut self, path: &[Seg<'_>], message: &str) {
        self.report(Severity::Error, path, At::Value, message);
    }

    /// An error at the key naming the value at `path`.
    pub(crate) fn error_key(&mut self, path: &[Seg<'_>], message: &str) {
        self.report(Severity::Error, path, At::Key, message);
    }

    /// A warning at the key naming the value at `path`.
    pub(crate) fn warning_key(&mut self, path: &[Seg<'_>], message: &str) {
        self.report(Severity::Warning, path, At::Key, message);
    }

    fn report(&mut self, severity: Severity, path: &[Seg<'_>], at: At, message: &str) {
        let d = self
            .doc
            .get()
            .diagnostic(&self.file, severity, path, at, message);
        self.out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let lines = Lines::new("{\n  \"é\": \"ü\", \"x\": 1\n}");
        // `"x"` is at byte 15 of line 2 (é and ü are two bytes each) but character 13.
        let offset = "{\n  \"é\": \"ü\", ".len();
        assert_eq!(lines.line_col(offset), (2, 13));
        assert_eq!(lines.line_col(0), (1, 1));
    }

    #[test]
    fn columns_on_a_long_line_count_characters() {
        let text = format!("{}\n{}x", "é".repeat(3000), "ü".repeat(2500));
        let lines = Lines::new(&text);
        let x = text.len() - 1;
        assert_eq!(lines.line_col(x), (2, 2501));
        assert_eq!(lines.line_col(3000 * 2 - 2), (1, 3000));
        // Inside a character: the character's start.
        assert_eq!(lines.line_col(3001), (1, 1501));
    }

    #[test]
    fn describes_paths_with_ids() {
        let doc = JsonDoc::parse(
            r#"{"questions": [{"id": "a", "options": [{"next": "b"}]}], "cases": [{"answers": {"x y": "1"}}]}"#,
        )
        .unwrap();
        assert_eq!(
            doc.describe(&json_path!["questions", 0, "options", 0, "next"]),
            r#"questions[0] ("a").options[0].next"#
        );
        assert_eq!(
            doc.describe(&json_path!["cases", 0, "answers", "x y"]),
            r#"cases[0].answers["x y"]"#
        );
        assert_eq!(
            doc.line_col(&json_path!["questions", 0, "options", 0, "next"], At::Key),
            (1, 41)
        );
    }

    #[test]
    fn only_suspicious_text_needs_the_string_walk() {
        let needs = |t: &str| LazyDoc::new(t).strings_need_check();
        assert!(!needs(r#"{"a": "plain \"quoted\" text", "b": ["x", "y"]}"#));
        assert!(needs(r#"{"a": ""}"#));
        assert!(needs("{\"a\": \" \u{3000} \"}"));
        assert!(needs(r#"{"a": "line\nbreak"}"#));
        assert!(needs(r#"{"a": "\u001b[31m"}"#));
        assert!(needs("{\"a\": \"x\u{202e}y\"}"));
        assert!(needs("{\"a\": \"\u{85}starts with NEL\"}"));
        assert!(needs("{\"a\": \"\u{200b}\"}"));
    }

    #[test]
    fn rejects_comments_and_trailing_commas() {
        assert!(JsonDoc::parse("{\"a\": 1,}").is_err());
        assert!(JsonDoc::parse("{\"a\": 1 // c\n}").is_err());
    }
}
