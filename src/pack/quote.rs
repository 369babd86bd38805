//! Verifying quotes against source texts, and pin cites against the texts' page markers.
//!
//! The quote rule (doctrine.md): a quote must stand verbatim in its source after folding white
//! space runs to one space and curly quotes to straight ones; `...` or `…` joins fragments that
//! must each be found, in order, without overlapping; `[sic]` in a quote is ignored. Nothing else
//! is forgiven: square-bracket alterations are not supported.
//!
//! Before matching, a source text is cleared of marks that are not the court's words
//! (doctrine.md): page markers `[p. N]` and `*N` (recorded, for pins), slip-page markers
//! `[slip op. p. N]` (dropped: slip pages are not reporter pages, so they never support a pin),
//! the copy marks « » and ‹ › and the braces `{ }` around a sentence seen only as quoted
//! elsewhere (the marks dropped, the text between them kept). In a slip text (one that holds a
//! slip-page marker) a word split by a line-end hyphen is joined: `ac-` at the end of a line and
//! `tion` on the next (perhaps after a slip-page marker) read as `action`. A compound whose own
//! hyphen falls at a line end (`common-` / `law`) is joined the same way, so quote around it.
//!
//! Each source text is folded once ([`SourceText::new`]), keeping a map from folded offsets
//! back to original ones and the folded offsets of page markers, so matching an excerpt is one
//! substring search per fragment and finding its pages is a binary search.
//!
//! Over 400 lines because folding a source text and matching quotes and pins against it are one
//! algorithm over one offset map, with its tests beside it; the code alone is about 450 lines.

/// A source text prepared for matching.
#[derive(Debug, Clone)]
pub(crate) struct SourceText {
    /// The folded text, with page markers removed.
    folded: String,
    /// Original byte offset of every folded byte.
    origin: Vec<usize>,
    /// (folded offset, page) of every page marker, in text order.
    pages: Vec<(usize, u32)>,
    /// Folded offset of each page's first marker.
    page_starts: std::collections::HashMap<u32, usize>,
    /// Whether this is a slip text, whose line-end hyphens were dropped.
    slip: bool,
}

/// Where a quote was found: folded byte offsets of its first and last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) last: usize,
}

/// Why a quote was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Miss {
    /// The quote has no words once ellipses and `[sic]` are removed.
    Empty,
    /// Fragment `index` (0-based, of `count`) was not found after the previous fragments.
    NotFound {
        index: usize,
        count: usize,
        fragment: String,
    },
    /// The quote stands only in the part of the text before the `quotable_from` marker.
    BeforeMarker,
}

/// Folds a character for matching: curly quotes and primes to straight ones.
fn fold_char(c: char) -> char {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{2033}' | '\u{201E}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{2032}' | '\u{201A}' => '\'',
        c => c,
    }
}

/// If a page marker starts at byte `i` of `text` (where `at_word_start` says whether the
/// character before is white space or the start), its page and length in bytes. Star paging is
/// `*62`; bracket paging is `[p. 12]`.
fn page_marker(text: &str, i: usize, at_word_start: bool) -> Option<(u32, usize)> {
    let rest = &text[i..];
    if let Some(after) = rest.strip_prefix('*') {
        if !at_word_start {
            return None;
        }
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 6 {
            return None;
        }
        let page = after[..digits].parse().ok()?;
        return Some((page, 1 + digits));
    }
    let after = rest.strip_prefix("[p. ")?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 || after.as_bytes().get(digits) != Some(&b']') {
        return None;
    }
    let page = after[..digits].parse().ok()?;
    Some((page, 4 + digits + 1))
}

/// The prefix of a slip-page marker, `[slip op. p. 3]`.
const SLIP_MARKER: &str = "[slip op. p. ";

/// If a slip-page marker `[slip op. p. N]` starts at byte `i` of `text`, its length in bytes.
fn slip_marker(text: &str, i: usize) -> Option<usize> {
    let after = text[i..].strip_prefix(SLIP_MARKER)?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 6 || after.as_bytes().get(digits) != Some(&b']') {
        return None;
    }
    Some(SLIP_MARKER.len() + digits + 1)
}

/// Marks that only say which copy of a text a passage came from, or that a sentence was seen
/// only as quoted elsewhere: dropped, with the text between them kept.
fn is_copy_mark(c: char) -> bool {
    matches!(c, '«' | '»' | '‹' | '›' | '{' | '}')
}

/// If the `-` at byte `i` of a slip text ends a line inside a word (a letter before it, a
/// lower-case letter starting the next line, perhaps after a slip-page marker), the byte offset
/// where the word goes on. Scans only the white space and markers it then lets the caller skip.
fn line_end_hyphen(text: &str, i: usize) -> Option<usize> {
    if !text[..i].chars().next_back()?.is_alphabetic() {
        return None;
    }
    let bytes = text.as_bytes();
    let mut j = i + 1;
    while matches!(bytes.get(j), Some(b' ' | b'\t' | b'\r')) {
        j += 1;
    }
    if bytes.get(j) != Some(&b'\n') {
        return None;
    }
    loop {
        while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        match slip_marker(text, j) {
            Some(len) => j += len,
            None => break,
        }
    }
    text[j..]
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
        .then_some(j)
}

impl SourceText {
    /// Folds `text`, drops the marks that are not the court's words and finds its page markers.
    pub(crate) fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        let mut pages = Vec::new();
        let slip = text.contains(SLIP_MARKER);
        let mut in_space = true; // leading white space is dropped
        let mut i = 0;
        while i < text.len() {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let at_word_start = i == 0 || text[..i].ends_with(char::is_whitespace);
            if (c == '*' || c == '[')
                && let Some((page, len)) = page_marker(text, i, at_word_start)
            {
                pages.push((folded.len(), page));
                i += len;
                continue;
            }
            if c == '['
                && let Some(len) = slip_marker(text, i)
            {
                i += len;
                continue;
            }
            if is_copy_mark(c) {
                i += c.len_utf8();
                continue;
            }
            if slip
                && c == '-'
                && let Some(next) = line_end_hyphen(text, i)
            {
                i = next;
                continue;
            }
            if c.is_whitespace() {
                if !in_space {
                    folded.push(' ');
                    origin.push(i);
                    in_space = true;
                }
            } else {
                let f = fold_char(c);
                for _ in 0..f.len_utf8() {
                    origin.push(i);
                }
                folded.push(f);
                in_space = false;
            }
            i += c.len_utf8();
        }
        // A marker recorded just before a folded space points at that space; the words after it
        // are what the marker pages, so move it past the space.
        for (offset, _) in &mut pages {
            if folded.as_bytes().get(*offset) == Some(&b' ') {
                *offset += 1;
            }
        }
        let mut page_starts = std::collections::HashMap::with_capacity(pages.len());
        for &(at, page) in &pages {
            page_starts.entry(page).or_insert(at);
        }
        Self {
            folded,
            origin,
            pages,
            page_starts,
            slip,
        }
    }

    /// True for a slip text (one with slip-page markers), whose line-end hyphens are dropped.
    pub(crate) fn is_slip(&self) -> bool {
        self.slip
    }

    /// The page the folded byte `offset` stands on; text before the first marker is on the page
    /// before it.
    pub(crate) fn page_at(&self, offset: usize) -> Option<u32> {
        let first = self.pages.first()?;
        let n = self.pages.partition_point(|&(at, _)| at <= offset);
        Some(if n == 0 {
            first.1.saturating_sub(1)
        } else {
            self.pages[n - 1].1
        })
    }

    /// Original byte offset of a folded offset.
    pub(crate) fn original_offset(&self, folded: usize) -> usize {
        self.origin.get(folded).copied().unwrap_or(usize::MAX)
    }

    /// Folded offset where `marker` begins, if the text holds it.
    pub(crate) fn find_marker(&self, marker: &str) -> Option<usize> {
        let marker = fold_plain(marker);
        if marker.is_empty() {
            return None;
        }
        self.folded.find(&marker)
    }

    /// The leftmost match of `fragments` in order, the first starting at or after folded offset
    /// `from`, each later fragment found leftmost after the one before (which finds an in-order
    /// match whenever one exists). The index of the first fragment not found otherwise. One
    /// forward scan per fragment: linear in the text.
    fn match_from(&self, fragments: &[String], from: usize) -> Result<Found, usize> {
        let mut end = from;
        let mut start = None;
        for (k, fragment) in fragments.iter().enumerate() {
            let rel = self
                .folded
                .get(end..)
                .and_then(|t| t.find(fragment.as_str()))
                .ok_or(k)?;
            start.get_or_insert(end + rel);
            end += rel + fragment.len();
        }
        let start = start.unwrap_or(from);
        let last = self.folded[..end]
            .char_indices()
            .next_back()
            .map_or(start, |(i, _)| i);
        Ok(Found { start, last })
    }

    /// Folded offset where `page` begins: its first marker, or the start of the text for the
    /// page before the first marker.
    fn page_start(&self, page: u32) -> Option<usize> {
        let first = self.pages.first()?;
        if page == first.1.saturating_sub(1) {
            return Some(0);
        }
        self.page_starts.get(&page).copied()
    }

    /// Finds `quote` at or after folded offset `from`; the first match, or the first one
    /// `accept` takes. See [`SourceText::find_preferring`].
    #[cfg(test)]
    pub(crate) fn find(
        &self,
        quote: &str,
        from: usize,
        accept: impl Fn(Found) -> bool,
    ) -> Result<Found, Miss> {
        self.find_preferring(quote, from, None, accept)
    }

    /// Finds `quote` at or after folded offset `from`. A pin cite prefers a match starting on
    /// its first page (`page`) that `accept` takes; the first match is returned when there is
    /// none.
    ///
    /// Linear in the text, however often the quote's words recur: at most three leftmost
    /// matches are tried (from `from`, from where `page` begins, and from the start to tell a
    /// quote before `quotable_from` from a missing one). The leftmost match from where the page
    /// begins ends no later than any other match starting on that page, so if any match starting
    /// there is accepted, it is.
    pub(crate) fn find_preferring(
        &self,
        quote: &str,
        from: usize,
        page: Option<u32>,
        accept: impl Fn(Found) -> bool,
    ) -> Result<Found, Miss> {
        let fragments = fragments(quote);
        if fragments.is_empty() {
            return Err(Miss::Empty);
        }
        let first = match self.match_from(&fragments, from) {
            Ok(found) => found,
            Err(index) => {
                if from > 0 && self.match_from(&fragments, 0).is_ok() {
                    return Err(Miss::BeforeMarker);
                }
                return Err(Miss::NotFound {
                    index,
                    count: fragments.len(),
                    fragment: fragments[index].clone(),
                });
            }
        };
        if accept(first) {
            return Ok(first);
        }
        if let Some(at) = page.and_then(|p| self.page_start(p))
            && at > first.start
            && let Ok(found) = self.match_from(&fragments, at)
            && accept(found)
        {
            return Ok(found);
        }
        Ok(first)
    }
}

/// Folds white space runs and curly quotes (no marker handling): for quotes and markers.
fn fold_plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
                in_space = true;
            }
        } else {
            out.push(fold_char(c));
            in_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The fragments of a quote: `[sic]` removed, folded, split at `...` and `…`, empty fragments
/// (from a leading or trailing ellipsis) dropped.
pub(crate) fn fragments(quote: &str) -> Vec<String> {
    let mut without_sic = String::with_capacity(quote.len());
    let mut rest = quote;
    while let Some(at) = find_ascii_ci(rest, "[sic]") {
        without_sic.push_str(&rest[..at]);
        rest = &rest[at + "[sic]".len()..];
    }
    without_sic.push_str(rest);
    without_sic
        .replace('…', "...")
        .split("...")
        .map(fold_plain)
        .filter(|f| !f.is_empty())
        .collect()
}

/// True when a quote holds square brackets other than `[sic]`: an alteration the quote rule
/// does not support.
pub(crate) fn has_alteration(quote: &str) -> bool {
    let mut rest = quote;
    while let Some(at) = find_ascii_ci(rest, "[sic]") {
        if rest[..at].contains(['[', ']']) {
            return true;
        }
        rest = &rest[at + "[sic]".len()..];
    }
    rest.contains(['[', ']'])
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A pin cite read as a page range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pin {
    pub(crate) first: u32,
    pub(crate) last: u32,
}

/// Reads `216`, `61-62`, `356-57` (the last page abbreviated) or `12–13`, each optionally with a
/// footnote after it (`433 n.5`, or `24 n.*` for a starred one). `None` for anything else.
pub(crate) fn parse_pin(pin: &str) -> Option<Pin> {
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let mut pin = pin.trim();
    // A footnote after the page (`433 n.5`, `1303-04 & n.6`) names where on the page the
    // passage stands; the page or range before it is what is checked.
    if let Some((page, note)) = pin.split_once(" n.") {
        // A starred footnote (`24 n.*`) has no number.
        if note.is_empty() || note.bytes().any(|b| b != b'*') {
            number(note)?;
        }
        pin = page.trim_end().trim_end_matches('&').trim_end();
    }
    let Some((a, b)) = pin.split_once(['-', '–']) else {
        let page = number(pin)?;
        return Some(Pin {
            first: page,
            last: page,
        });
    };
    let first = number(a)?;
    let mut last = number(b)?;
    if last < first && b.len() < a.len() {
        // `356-57`: the last page keeps the first page's leading digits.
        last = number(&format!("{}{b}", &a[..a.len() - b.len()]))?;
    }
    (last > first).then_some(Pin { first, last })
}

/// Pages as they read in a message: `page 12` or `pages 12-13`.
pub(crate) fn pages_text(first: u32, last: u32) -> String {
    if first == last {
        format!("page {first}")
    } else {
        format!("pages {first}-{last}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_may_name_a_footnote() {
        assert_eq!(
            parse_pin("433 n.5"),
            Some(Pin {
                first: 433,
                last: 433
            })
        );
        assert_eq!(
            parse_pin("1303-04 & n.6"),
            Some(Pin {
                first: 1303,
                last: 1304
            })
        );
        assert_eq!(
            parse_pin("24 n.*"),
            Some(Pin {
                first: 24,
                last: 24
            })
        );
        assert_eq!(parse_pin("433 n."), None);
        assert_eq!(parse_pin("433 n.x"), None);
    }

    #[test]
    fn folds_space_quotes_and_markers() {
        let t = SourceText::new("  A  “quoted”\n word’s *62We hold [p. 9] it [p. 10] means");
        assert_eq!(t.folded, "A \"quoted\" word's We hold it means");
        assert_eq!(t.page_at(0), Some(61));
        let we = t.folded.find("We").unwrap();
        assert_eq!(t.page_at(we), Some(62));
        assert_eq!(t.page_at(t.folded.find("it").unwrap()), Some(9));
        assert_eq!(t.page_at(t.folded.find("means").unwrap()), Some(10));
        assert_eq!(t.original_offset(0), 2);
    }

    #[test]
    fn drops_copy_marks_and_braces_keeping_their_text() {
        let t = SourceText::new("‹Justice Stevens› said «immu»[p. 128]«nity» {First, a judge.}");
        assert_eq!(t.folded, "Justice Stevens said immunity First, a judge.");
        assert_eq!(t.page_at(t.folded.find("immunity").unwrap()), Some(127));
        assert!(t.find("said immunity First, a judge.", 0, |_| true).is_ok());
    }

    #[test]
    fn joins_line_end_hyphens_in_slip_texts_only() {
        let slip = "[slip op. p. 1]\n  a certified public account-\nant, sent the in-\n  dictment wit-\n[slip op. p. 2]\nness and pre-\nTrial matters";
        let t = SourceText::new(slip);
        assert_eq!(
            t.folded,
            "a certified public accountant, sent the indictment witness and pre- Trial matters"
        );
        // Slip pages are not reporter pages: they give no pin.
        assert_eq!(t.page_at(0), None);
        assert!(
            t.find("public accountant, sent the indictment", 0, |_| true)
                .is_ok()
        );
        // The original offset of a joined word's second half is where it stands.
        let ant = t.folded.find("ant,").unwrap();
        assert_eq!(&slip[t.original_offset(ant)..][..4], "ant,");
        // Outside a slip text a line-end hyphen is kept: it may be a real one.
        let plain = SourceText::new("a well-\nknown rule");
        assert_eq!(plain.folded, "a well- known rule");
    }

    #[test]
    fn a_lone_hyphen_or_bracket_is_text() {
        let t = SourceText::new("[slip op. p. 1] x -\ny [slip op. p. x] z-");
        assert_eq!(t.folded, "x - y [slip op. p. x] z-");
    }

    #[test]
    fn finds_fragments_in_order() {
        let t = SourceText::new("one two three four five");
        let ok = t.find("two ... four", 0, |_| true).unwrap();
        assert_eq!((ok.start, ok.last), (4, 17));
        assert!(t.find("…three…", 0, |_| true).is_ok());
        assert_eq!(
            t.find("four ... two", 0, |_| true),
            Err(Miss::NotFound {
                index: 1,
                count: 2,
                fragment: "two".into()
            })
        );
        assert_eq!(t.find("two", 8, |_| true), Err(Miss::BeforeMarker));
        assert_eq!(t.find(" ... ", 0, |_| true), Err(Miss::Empty));
    }

    #[test]
    fn sic_is_ignored_and_brackets_are_alterations() {
        assert_eq!(fragments("the.peace [sic] was"), vec!["the.peace was"]);
        assert!(!has_alteration("the.peace [sic] was"));
        assert!(has_alteration("[i]f Judge"));
    }

    #[test]
    fn reads_pins() {
        assert_eq!(
            parse_pin("216"),
            Some(Pin {
                first: 216,
                last: 216
            })
        );
        assert_eq!(
            parse_pin("61-62"),
            Some(Pin {
                first: 61,
                last: 62
            })
        );
        assert_eq!(
            parse_pin("356-57"),
            Some(Pin {
                first: 356,
                last: 357
            })
        );
        // A footnote is read as its page (pack 2.1: "433 n.5").
        assert_eq!(
            parse_pin("64 n.6"),
            Some(Pin {
                first: 64,
                last: 64
            })
        );
        assert_eq!(parse_pin("13-12"), None);
    }
}
