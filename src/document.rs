//! One document model for every file the tool writes, and one writer per format.
//!
//! A document is a title, its metadata and a list of [`Block`]s in reading order: headings,
//! paragraphs of [`Span`]s with emphasis, lists, tables with a header row, block quotes with
//! their citation and status, items with a note and a mark, page breaks, the label lines of a
//! title block, signature lines and a provenance footer. The core builds blocks; the writers
//! ([`markdown`], [`html`], [`text`], [`docx`], [`pdf`]) draw them and decide nothing. Text
//! arrives folded to one line and cleaned of control and bidi characters ([`Span::plain`] and
//! the builders use `sanitize_line`); each writer escapes once, for its own language.

pub mod docx;
pub(crate) mod escape;
mod fonts;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod text;

use crate::text::sanitize_line;

/// A document: what the writers need besides the blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The title a viewer shows (the HTML `<title>`, the PDF's title).
    pub title: String,
    /// Who wrote it (the PDF's author, the DOCX comments' author).
    pub author: Option<String>,
    /// Its date, YYYY-MM-DD.
    pub date: String,
    /// The program that made it, e.g. "immunity 0.1.0".
    pub creator: String,
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

/// A run of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text (one line, safe).
    pub text: String,
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

/// `sanitize_line`, keeping one space at either edge where the text had one, so that spans
/// join with the spaces their writer meant.
fn keep_edges(s: &str) -> String {
    let core = sanitize_line(s);
    if core.is_empty() {
        return if s.is_empty() {
            String::new()
        } else {
            " ".to_owned()
        };
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
    format!("{lead}{core}{trail}")
}

/// One block of the memo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The memo's title ("MEMORANDUM").
    Title(String),
    /// Label and value lines: To, From, Date, Re.
    Fields(Vec<(String, String)>),
    /// A heading, level 1 to 3.
    Heading {
        /// 1 to 3.
        level: u8,
        /// The heading.
        text: String,
    },
    /// A paragraph.
    Para(Vec<Span>),
    /// A verbatim passage and its citation with status.
    Quote {
        /// The passage.
        text: String,
        /// "— citation — STATUS".
        cite: String,
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
        note: Option<Vec<String>>,
        /// "Marked unsure" / "Marked contested".
        flag: Option<String>,
    },
    /// A table with a header row (repeated at the top of each PDF page it runs onto).
    Table {
        /// Column headings.
        header: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
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
    Signature(Vec<(String, String)>),
    /// The provenance footer, in small print.
    Footer(Vec<String>),
}

impl Block {
    /// The block with `f` applied to every piece of text it holds (a renderer's last pass, e.g.
    /// the PDF's replacement of characters no font has).
    #[must_use]
    pub fn map_text(&self, f: &mut impl FnMut(&str) -> String) -> Block {
        let spans = |spans: &[Span], f: &mut dyn FnMut(&str) -> String| -> Vec<Span> {
            spans
                .iter()
                .map(|s| Span {
                    text: f(&s.text),
                    ..s.clone()
                })
                .collect()
        };
        let pairs = |pairs: &[(String, String)], f: &mut dyn FnMut(&str) -> String| {
            pairs.iter().map(|(a, b)| (f(a), f(b))).collect()
        };
        match self {
            Block::Title(t) => Block::Title(f(t)),
            Block::Fields(p) => Block::Fields(pairs(p, f)),
            Block::Heading { level, text } => Block::Heading {
                level: *level,
                text: f(text),
            },
            Block::Para(s) => Block::Para(spans(s, f)),
            Block::Quote { text, cite } => Block::Quote {
                text: f(text),
                cite: f(cite),
            },
            Block::Bullets(items) => Block::Bullets(items.iter().map(|i| spans(i, f)).collect()),
            Block::Noted { text, note, flag } => Block::Noted {
                text: spans(text, f),
                note: note.as_ref().map(|n| n.iter().map(|l| f(l)).collect()),
                flag: flag.as_ref().map(|x| f(x)),
            },
            Block::Table {
                header,
                rows,
                widths,
                pages_of,
            } => Block::Table {
                header: header.iter().map(|h| f(h)).collect(),
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|c| f(c)).collect())
                    .collect(),
                widths: widths.clone(),
                pages_of: pages_of.clone(),
            },
            Block::PageBreak => Block::PageBreak,
            Block::Signature(p) => Block::Signature(pairs(p, f)),
            Block::Footer(lines) => Block::Footer(lines.iter().map(|l| f(l)).collect()),
        }
    }
}

/// A note's lines as typed, each sanitised: its line breaks and paragraphs survive (runs of
/// empty lines become one, none at either end).
pub fn note_lines(note: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in note.split('\n') {
        let line = sanitize_line(line).trim().to_owned();
        if line.is_empty() && lines.last().is_none_or(String::is_empty) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}
