//! Making untrusted text safe to show.
//!
//! Every string from a pack file or from the user is untrusted. Before it reaches a terminal, a
//! log, an error message or an export, it goes through one of these functions, so that no
//! control character, terminal escape sequence or bidirectional override is ever live.
//! [`Clean`] is the checked type for such text once cleaned: made where the text enters, then
//! shown anywhere without cleaning again.
//!
//! One kind of invisible character is judged by what stands before it: a variation selector
//! (U+FE0F in "⚖️" asks for the emoji form of the scales) is legitimate text directly after a
//! character it can modify, and is dropped or escaped like any invisible character when it
//! stands alone, follows another selector or follows white space ([`unsafe_chars`]).
//!
//! Over 400 lines because the character rules, the cleaning functions and the [`Clean`] type they
//! guard must agree exactly, and their tests stand beside them; the code alone is about 370 lines.

use std::borrow::Cow;
use std::fmt::Write as _;

use compact_str::CompactString;

/// True for characters that must never reach an output raw: C0 and C1 controls (other than
/// newline and tab; U+0085 NEL included), DEL, the Unicode bidirectional controls that can
/// reorder what a reader sees (the "Trojan Source" characters), and invisible or format
/// characters that make two different strings look the same ([`is_invisible`]). This judges a
/// character alone; in text, [`is_unsafe_after`] lets a variation selector through after a
/// character it modifies.
pub fn is_unsafe_char(c: char) -> bool {
    // Most text is ASCII, where only the controls are unsafe: every pack string is checked
    // when it is read, so this is on the start-up path.
    if c.is_ascii() {
        return c.is_ascii_control() && c != '\n' && c != '\t';
    }
    c.is_control() || is_bidi_control(c) || is_invisible(c)
}

/// Invisible and format characters: zero-width spaces and joiners, the word joiner and the
/// other invisible operators, the byte-order mark, the soft hyphen, the Hangul fillers,
/// variation selectors, tag characters, interlinear annotation marks, the line and paragraph
/// separators (which some terminals treat as line breaks) and the rest of Unicode's format
/// (Cf) category. None of them belongs in an id, and in text they only hide what it says, except
/// a variation selector directly after a character it modifies ([`is_unsafe_after`]).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2028}'..='\u{2029}'
            | '\u{2060}'..='\u{2065}'
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// The variation selectors: VS1–VS16 (U+FE00–U+FE0F), VS17–VS256 (U+E0100–U+E01EF) and the
/// Mongolian free variation selectors (U+180B–U+180D, U+180F). Each asks for a variant of the
/// character before it and shows nothing by itself.
pub fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// True when a variation selector directly after `base` is legitimate text: `base` is a visible
/// character that has variants. In ASCII only the digits, `#` and `*` do (keycaps such as
/// "1️⃣", and the slashed zero); a selector after a letter changes nothing a reader can see, so
/// it could only make two strings that look the same differ.
fn takes_variation_selector(base: char) -> bool {
    if base.is_ascii() {
        return base.is_ascii_digit() || base == '#' || base == '*';
    }
    !base.is_whitespace() && !is_unsafe_char(base)
}

/// True when character `c`, standing after `prev` (`None` at the start of the text), must not
/// reach an output raw: [`is_unsafe_char`], except a variation selector directly after a
/// character it can modify.
pub fn is_unsafe_after(prev: Option<char>, c: char) -> bool {
    is_unsafe_char(c) && !(is_variation_selector(c) && prev.is_some_and(takes_variation_selector))
}

/// The characters of `s` that must not reach an output raw ([`is_unsafe_after`]), with their
/// position in characters.
pub fn unsafe_chars(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut prev = None;
    s.chars().enumerate().filter(move |&(_, c)| {
        let unsafe_here = is_unsafe_after(prev, c);
        prev = Some(c);
        unsafe_here
    })
}

/// True when `s` shows nothing: empty, or only white space and invisible characters.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// The Unicode bidirectional formatting characters.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// For error messages and diagnostics: unsafe characters ([`is_unsafe_after`]) are shown
/// escaped (`\u{1b}`), so the user can see what is wrong without the terminal acting on it.
/// A variation selector after a character it modifies stays: it is text ("⚖️").
pub fn escape_for_display(s: &str) -> Cow<'_, str> {
    escape_where(s, is_unsafe_after)
}

/// Like [`escape_for_display`], and every variation selector escaped as well: for showing an id
/// or a key, which may hold none, so that the message shows the one it is about.
pub fn escape_every_invisible(s: &str) -> Cow<'_, str> {
    escape_where(s, |_, c| is_unsafe_char(c))
}

/// `s` with `\n`, `\t` and every character `unsafe_at(previous, c)` calls unsafe escaped.
/// Whether a character is unsafe is judged on the input, and an escape is plain ASCII, so
/// escaping twice changes nothing.
fn escape_where(s: &str, unsafe_at: impl Fn(Option<char>, char) -> bool) -> Cow<'_, str> {
    let mut prev = None;
    let needed = s.chars().any(|c| {
        let needed = c == '\n' || c == '\t' || unsafe_at(prev, c);
        prev = Some(c);
        needed
    });
    if !needed {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev = None;
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if unsafe_at(prev, c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// For display and exports: unsafe characters ([`is_unsafe_after`]) are dropped (tabs become
/// spaces); newlines stay, and so does a variation selector after a character it modifies.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    // The common case first: printable ASCII and line breaks hold nothing to drop.
    if s.bytes().all(|b| matches!(b, b' '..=b'~' | b'\n'))
        || (!s.contains('\t') && unsafe_chars(s).next().is_none())
    {
        return Cow::Borrowed(s);
    }
    let mut prev = None;
    Cow::Owned(
        s.chars()
            .filter_map(|c| {
                let keep = match c {
                    '\t' => Some(' '),
                    c if is_unsafe_after(prev, c) => None,
                    c => Some(c),
                };
                prev = Some(c);
                keep
            })
            .collect(),
    )
}

/// Like [`sanitize`], and newlines folded to spaces: for one-line labels and file names.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` on one line: every run of white space (line breaks included) one space, none at either
/// end. Not a cleaning: for text already clean, shown where a line break would break a layout.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text that has been cleaned for output: it holds no character [`is_unsafe_after`] rejects
/// (controls, bidirectional overrides, invisible characters) and no tab. It can only be made by
/// cleaning, so code that holds a `Clean` can show it on a terminal, in a document or on a web
/// page without cleaning it again; writers still escape it once for their format (HTML, XML,
/// Markdown), since `<`, `&` and `*` are clean text. Loaders make it where untrusted text enters
/// (pack, matter and results files, the file system, the network); deserialising cleans too.
/// Text of 24 bytes or fewer is held inline (a `CompactString`), so the ids, labels and `next`
/// fields of a large pack cost no allocation each.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Clean(CompactString);

/// Debug-formats as the text itself (`{:?}` quotes it), so messages read the same whether a
/// value is a `Clean` or a `str`.
impl std::fmt::Debug for Clean {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

impl Clean {
    /// Cleans `s` ([`sanitize`]): newlines stay.
    pub fn new(s: &str) -> Self {
        Clean(sanitize(s).into())
    }

    /// Cleans `s` to one line ([`sanitize_line`]): for labels, names and file names.
    pub fn line(s: &str) -> Self {
        Clean(sanitize_line(s).into())
    }

    /// Cleans an owned string, reusing it when it is already clean.
    pub fn from_string(s: String) -> Self {
        match sanitize(&s) {
            Cow::Borrowed(_) => Clean(s.into()),
            Cow::Owned(clean) => Clean(clean.into()),
        }
    }

    /// The clean text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text on one line: every run of white space (line breaks included) one space, and
    /// none at either end. Folding keeps text clean, so the result is `Clean` too.
    #[must_use]
    pub fn one_line(&self) -> Clean {
        Clean(one_line(&self.0).into())
    }

    /// The clean text, owned.
    pub fn into_string(self) -> String {
        self.0.into_string()
    }
}

impl std::ops::Deref for Clean {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Clean {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Clean {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Clean {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Clean {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Clean {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Clean {
    fn eq(&self, other: &String) -> bool {
        self.0 == other
    }
}

impl PartialEq<Clean> for str {
    fn eq(&self, other: &Clean) -> bool {
        self == other.0
    }
}

impl PartialEq<Clean> for &str {
    fn eq(&self, other: &Clean) -> bool {
        *self == other.0
    }
}

impl PartialEq<Clean> for String {
    fn eq(&self, other: &Clean) -> bool {
        *self == other.0
    }
}

impl From<Clean> for String {
    fn from(c: Clean) -> Self {
        c.0.into_string()
    }
}

impl From<&str> for Clean {
    fn from(s: &str) -> Self {
        Clean::new(s)
    }
}

impl From<String> for Clean {
    fn from(s: String) -> Self {
        Clean::from_string(s)
    }
}

impl<'de> serde::Deserialize<'de> for Clean {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(CleanVisitor)
    }
}

impl serde::Serialize for Clean {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Builds a [`Clean`] from a borrowed string without an intermediate `String`: a short one
/// (24 bytes or fewer, as most ids, labels and `next` fields are) is stored inline.
struct CleanVisitor;

impl serde::de::Visitor<'_> for CleanVisitor {
    type Value = Clean;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Clean, E> {
        if CHECKED_ALREADY.get() {
            return Ok(Clean(CompactString::new(s)));
        }
        Ok(Clean(match sanitize(s) {
            Cow::Borrowed(s) => CompactString::new(s),
            Cow::Owned(clean) => clean.into(),
        }))
    }
    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Clean, E> {
        if CHECKED_ALREADY.get() {
            return Ok(Clean(s.into()));
        }
        Ok(Clean::from_string(s))
    }
}

thread_local! {
    /// Set while [`reading_checked_bytes`] reads bytes whose every string is known clean.
    static CHECKED_ALREADY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `read`, in which deserialised [`Clean`] values are taken as they are rather than
/// checked again. Only for bytes whose every string was checked and found clean: the bundled
/// pack when its content hash is the one its tests validated (`pack::trusted`), since the
/// pack checks refuse any string holding a character [`Clean`] would drop. It saves a scan
/// of every string on every start.
pub(crate) fn reading_checked_bytes<R>(read: impl FnOnce() -> R) -> R {
    /// Clears the flag however `read` ends, a panic included.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            CHECKED_ALREADY.set(false);
        }
    }
    CHECKED_ALREADY.set(true);
    let _reset = Reset;
    read()
}

impl schemars::JsonSchema for Clean {
    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(escape_for_display("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_for_display("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape_for_display("plain"), "plain");
        assert_eq!(escape_for_display("two\nlines"), "two\\nlines");
    }

    #[test]
    fn invisible_and_format_characters_are_unsafe() {
        for c in [
            '\u{200B}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{3164}',
            '\u{0085}',
            '\u{2028}',
            '\u{E0041}',
            '\u{202E}',
            '\u{2066}',
        ] {
            assert!(is_unsafe_char(c), "{:x}", c as u32);
            assert_eq!(sanitize(&format!("a{c}b")), "ab");
            assert_eq!(
                escape_for_display(&format!("a{c}b")),
                format!("a\\u{{{:x}}}b", c as u32)
            );
        }
        for c in [
            'a', 'é', '\u{3000}', '§', '\u{2014}', '\u{201C}', '\u{4E2D}',
        ] {
            assert!(!is_unsafe_char(c), "{:x}", c as u32);
        }
        assert!(is_blank("\u{200B}"));
        assert!(is_blank(" \u{3164}\u{FEFF} "));
        assert!(!is_blank("\u{200B}x"));
    }

    #[test]
    fn a_variation_selector_is_text_only_after_a_character_it_modifies() {
        // Kept: the emoji scales, a keycap, a text-style heart, a CJK ideographic variant.
        for s in [
            "Balance \u{2696}\u{FE0F}",
            "1\u{FE0F}\u{20E3}",
            "\u{2764}\u{FE0E}",
            "\u{845B}\u{E0100}",
            "\u{00A9}\u{FE0F} 2026",
        ] {
            assert_eq!(unsafe_chars(s).next(), None, "{s:?}");
            assert_eq!(sanitize(s), s);
            assert_eq!(escape_for_display(s), s);
            assert!(!is_blank(s));
        }
        // Dropped: alone, at the start, after white space, in a run, after a letter, after
        // another invisible character, after a control.
        for (s, clean, escaped) in [
            ("\u{FE0F}", "", "\\u{fe0f}"),
            ("\u{FE0F}a", "a", "\\u{fe0f}a"),
            ("a \u{FE0F}b", "a b", "a \\u{fe0f}b"),
            (
                "\u{2696}\u{FE0F}\u{FE0F}",
                "\u{2696}\u{FE0F}",
                "\u{2696}\u{FE0F}\\u{fe0f}",
            ),
            ("a\u{FE0F}", "a", "a\\u{fe0f}"),
            ("\u{200B}\u{FE0F}", "", "\\u{200b}\\u{fe0f}"),
            ("\u{1b}\u{FE0F}[2J", "[2J", "\\u{1b}\\u{fe0f}[2J"),
            ("\u{202E}\u{E0100}x", "x", "\\u{202e}\\u{e0100}x"),
        ] {
            assert_eq!(sanitize(s), clean, "{s:?}");
            assert_eq!(escape_for_display(s), escaped, "{s:?}");
            assert_eq!(escape_for_display(&escape_for_display(s)), escaped);
            assert_eq!(sanitize(&sanitize(s)), clean);
        }
        assert_eq!(
            unsafe_chars("x\u{FE0F}\u{2696}\u{FE0F}\u{FE0F}").collect::<Vec<_>>(),
            [(1, '\u{FE0F}'), (4, '\u{FE0F}')]
        );
        assert!(is_blank(" \u{FE0F} "));
        // An id or key shows every selector.
        assert_eq!(
            escape_every_invisible("scales\u{2696}\u{FE0F}"),
            "scales\u{2696}\\u{fe0f}"
        );
    }

    #[test]
    fn clean_text_holds_nothing_unsafe_however_it_is_made() {
        let hostile = "a\u{1b}[31mb\tc\u{202e}d\nline two\u{200b}";
        let made = [
            Clean::new(hostile),
            Clean::from_string(hostile.to_owned()),
            Clean::from(hostile),
            serde_json::from_value::<Clean>(serde_json::Value::from(hostile)).unwrap(),
        ];
        for clean in &made {
            assert_eq!(clean.as_str(), "a[31mb cd\nline two");
            assert_eq!(unsafe_chars(clean).next(), None);
            assert_eq!(
                Clean::new(clean).as_str(),
                clean.as_str(),
                "cleaning twice changes nothing"
            );
        }
        assert_eq!(Clean::line(hostile).as_str(), "a[31mb cd line two");
        assert_eq!(
            serde_json::to_string(&Clean::new("x\u{7}y")).unwrap(),
            "\"xy\""
        );
    }

    #[test]
    fn sanitize_drops_unsafe_keeps_newlines() {
        assert_eq!(
            sanitize("a\u{1b}[31mb\nc\u{9b}d\u{2067}e\u{7f}"),
            "a[31mb\ncde"
        );
        assert_eq!(sanitize_line(" a\n b\tc "), "a b c");
    }
}
