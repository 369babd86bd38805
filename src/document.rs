//! One document model for every file the tool writes, and one writer per format.
//!
//! A document is a title, its metadata and a list of [`Block`]s in reading order: headings,
//! paragraphs of [`Span`]s with emphasis, lists, tables with a header row, block quotes with
//! their citation and status, items with a note and a mark, page breaks, the label lines of a
//! title block, signature lines, a provenance footer and bar charts whose figures are also
//! written as text. The core builds blocks; the writers
//! ([`markdown`], [`html`], [`text`], [`docx`], [`pdf`]) draw them and decide nothing. Every
//! piece of text a block holds is [`Clean`]: cleaned of control, bidi and invisible characters
//! where it was read (pack, matter, results), so nothing here cleans it again; [`line()`] and
//! [`Span::plain`] fold it to one line, and a string the program writes itself becomes `Clean`
//! through the same type, so no block can hold text that is not. Each writer escapes once, for
//! its own language.

pub mod docx;
pub(crate) mod escape;
mod fonts;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod text;

use crate::text::Clean;

/// The one of the formats `all` that `word` names, by its name or its file extension (`words`
/// gives both), in any case: how every format table is read from the command line, so the
/// words accepted are the table's own.
pub fn format_named<F: Copy>(
    all: &[F],
    word: &str,
    words: impl Fn(F) -> [&'static str; 2],
) -> Option<F> {
    all.iter()
        .copied()
        .find(|&f| words(f).iter().any(|w| word.eq_ignore_ascii_case(w)))
}

/// A document: what the writers need besides the blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The title a viewer shows (the HTML `<title>`, the PDF's title).
    pub title: Clean,
    /// Who wrote it (the PDF's author, the DOCX comments' author).
    pub author: Option<Clean>,
    /// Its date, YYYY-MM-DD.
    pub date: Clean,
    /// The program that made it, e.g. "immunity 0.1.0".
    pub creator: Clean,
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
}

/// The formats a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Writer {
    /// Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// Plain text wrapped to 80 columns.
    Text,
    /// A Word document.
    Docx,
    /// A tagged PDF.
    Pdf,
}

/// A written document, with a warning for the user when it was written but not quite as asked
/// (a PDF with characters no installed font has).
pub struct Written {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The warning, in one line.
    pub warning: Option<String>,
}

impl Document {
    /// The document in `writer`'s format.
    pub fn write(&self, writer: Writer) -> Result<Written, String> {
        let plain = |bytes: Vec<u8>| Written {
            bytes,
            warning: None,
        };
        Ok(match writer {
            Writer::Markdown => plain(markdown::render(&self.blocks).into_bytes()),
            Writer::Html => plain(html::render(self).into_bytes()),
            Writer::Text => plain(text::render(&self.blocks).into_bytes()),
            Writer::Docx => plain(docx::render(self)?),
            Writer::Pdf => {
                let (bytes, warning) = pdf::render(self)?;
                Written { bytes, warning }
            }
        })
    }
}

impl Document {
    /// The document in `writer`'s format, given up to the writer: a writer that builds its own
    /// tree (DOCX) drops each block once it is in it.
    pub fn into_written(self, writer: Writer) -> Result<Written, String> {
        if writer == Writer::Docx {
            return Ok(Written {
                bytes: docx::render_owned(self)?,
                warning: None,
            });
        }
        self.write(writer)
    }
}

/// A run of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text (one line, clean).
    pub text: Clean,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

impl Span {
    /// Plain text.
    pub fn plain(text: impl AsRef<str>) -> Self {
        Self {
            text: keep_edges(text.as_ref()),
            bold: false,
            italic: false,
        }
    }

    /// Bold text.
    pub fn bold(text: impl AsRef<str>) -> Self {
        Self {
            bold: true,
            ..Self::plain(text)
        }
    }

    /// Italic text.
    pub fn italic(text: impl AsRef<str>) -> Self {
        Self {
            italic: true,
            ..Self::plain(text)
        }
    }
}

/// `text` as one line of clean text: runs of white space (line breaks too) folded to one
/// space, none at either end.
pub fn line(text: impl AsRef<str>) -> Clean {
    Clean::from_string(fold(text.as_ref()))
}

use crate::text::one_line as fold;

/// One line, keeping one space at either edge where the text had one, so that spans join
/// with the spaces their writer meant.
fn keep_edges(s: &str) -> Clean {
    let core = fold(s);
    if core.is_empty() {
        return Clean::from_string(if s.is_empty() {
            String::new()
        } else {
            " ".to_owned()
        });
    }
    let lead = if s.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if s.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    Clean::from_string(format!("{lead}{core}{trail}"))
}

/// One block of the memo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The memo's title ("MEMORANDUM").
    Title(Clean),
    /// Label and value lines: To, From, Date, Re.
    Fields(Vec<(Clean, Clean)>),
    /// A heading, level 1 to 3.
    Heading {
        /// 1 to 3.
        level: u8,
        /// The heading.
        text: Clean,
    },
    /// A paragraph.
    Para(Vec<Span>),
    /// A verbatim passage and its citation with status.
    Quote {
        /// The passage.
        text: Clean,
        /// "— citation — STATUS".
        cite: Clean,
    },
    /// A bulleted list.
    Bullets(Vec<Vec<Span>>),
    /// An item with a note and a mark (an answer with the preparer's note, "Marked unsure"):
    /// printed as a bullet with the mark and the note on a line under it; the DOCX also puts
    /// them in a Word comment on the item.
    Noted {
        /// The item as one paragraph.
        text: Vec<Span>,
        /// The preparer's note, line by line as typed (an empty line between paragraphs),
        /// each line sanitised.
        note: Option<Vec<Clean>>,
        /// "Marked unsure" / "Marked contested".
        flag: Option<Clean>,
    },
    /// A table with a header row (repeated at the top of each PDF page it runs onto).
    Table {
        /// Column headings.
        header: Vec<Clean>,
        /// Rows of cells.
        rows: Vec<Vec<Clean>>,
        /// Each column's share of the width, in percent (empty: equal shares).
        widths: Vec<u16>,
        /// Per row, the terms whose pages a paged format lists in an added last column
        /// ("Pages", as a table of authorities has); empty: no such column. Looked for in the
        /// blocks before the table.
        pages_of: Vec<Vec<String>>,
    },
    /// A new page (in paged formats; a rule in HTML print, nothing in text formats).
    PageBreak,
    /// Lines to sign: (label, value or empty for a line to fill in).
    Signature(Vec<(Clean, Clean)>),
    /// The provenance footer, in small print.
    Footer(Vec<Clean>),
    /// A bar chart: one bar per row, each a count out of the same whole, its figures always
    /// written out beside it as text (so no writer shows a bar that is not also a number).
    /// HTML draws inline SVG, the PDF drawn bars, DOCX a table with a text bar, Markdown a
    /// table with a text bar, plain text a line per bar with a text bar.
    Bars {
        /// What the chart shows (its caption, and its accessible name).
        caption: Clean,
        /// The whole each count is out of: a full bar (at least 1 when drawn).
        whole: usize,
        /// The bars, in order.
        bars: Vec<Bar>,
    },
}

/// One bar of a [`Block::Bars`] chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// What the bar counts (an answer).
    pub label: Clean,
    /// How many.
    pub count: usize,
    /// Said in words after the figures ("the court's answer"); a marked bar is also drawn
    /// dark and its label bold, but never marked by colour alone.
    pub mark: Option<Clean>,
}

impl Bar {
    /// The figures in words: "2 of 3", then the mark after a dash where there is one.
    pub fn figures(&self, whole: usize) -> String {
        match &self.mark {
            Some(m) => format!("{} of {whole} \u{2014} {m}", self.count),
            None => format!("{} of {whole}", self.count),
        }
    }

    /// The length of this bar in `cells` cells: its share of `whole`, rounded down.
    pub fn cells(&self, whole: usize, cells: usize) -> usize {
        self.count.min(whole.max(1)) * cells / whole.max(1)
    }
}

impl Block {
    /// A bulleted list with one plain-text item per element of `items`.
    pub fn plain_bullets<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Block {
        Block::Bullets(items.into_iter().map(|i| vec![Span::plain(i)]).collect())
    }

    /// The block with `f` applied to every piece of text it holds (a renderer's last pass, e.g.
    /// the PDF's replacement of characters no font has).
    #[must_use]
    pub fn map_text(&self, f: &mut impl FnMut(&str) -> String) -> Block {
        let mut g = |s: &str| Clean::from_string(f(s));
        let spans = |spans: &[Span], g: &mut dyn FnMut(&str) -> Clean| -> Vec<Span> {
            spans
                .iter()
                .map(|s| Span {
                    text: g(&s.text),
                    ..s.clone()
                })
                .collect()
        };
        let pairs = |pairs: &[(Clean, Clean)], g: &mut dyn FnMut(&str) -> Clean| {
            pairs.iter().map(|(a, b)| (g(a), g(b))).collect()
        };
        match self {
            Block::Title(t) => Block::Title(g(t)),
            Block::Fields(p) => Block::Fields(pairs(p, &mut g)),
            Block::Heading { level, text } => Block::Heading {
                level: *level,
                text: g(text),
            },
            Block::Para(s) => Block::Para(spans(s, &mut g)),
            Block::Quote { text, cite } => Block::Quote {
                text: g(text),
                cite: g(cite),
            },
            Block::Bullets(items) => {
                Block::Bullets(items.iter().map(|i| spans(i, &mut g)).collect())
            }
            Block::Noted { text, note, flag } => Block::Noted {
                text: spans(text, &mut g),
                note: note.as_ref().map(|n| n.iter().map(|l| g(l)).collect()),
                flag: flag.as_ref().map(|x| g(x)),
            },
            Block::Table {
                header,
                rows,
                widths,
                pages_of,
            } => Block::Table {
                header: header.iter().map(|h| g(h)).collect(),
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|c| g(c)).collect())
                    .collect(),
                widths: widths.clone(),
                pages_of: pages_of.clone(),
            },
            Block::PageBreak => Block::PageBreak,
            Block::Signature(p) => Block::Signature(pairs(p, &mut g)),
            Block::Footer(lines) => Block::Footer(lines.iter().map(|l| g(l)).collect()),
            Block::Bars {
                caption,
                whole,
                bars,
            } => Block::Bars {
                caption: g(caption),
                whole: *whole,
                bars: bars
                    .iter()
                    .map(|b| Bar {
                        label: g(&b.label),
                        count: b.count,
                        mark: b.mark.as_ref().map(|m| g(m)),
                    })
                    .collect(),
            },
        }
    }
}

/// A note's lines as typed (already clean): its line breaks and paragraphs survive (runs of
/// empty lines become one, none at either end), each line folded and trimmed.
pub fn note_lines(note: &str) -> Vec<Clean> {
    let mut lines: Vec<Clean> = Vec::new();
    for l in note.split('\n') {
        let l = line(l);
        if l.is_empty() && lines.last().is_none_or(|x| x.is_empty()) {
            continue;
        }
        lines.push(l);
    }
    while lines.last().is_some_and(|x| x.is_empty()) {
        lines.pop();
    }
    lines
}
