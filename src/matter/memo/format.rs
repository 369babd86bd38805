//! The memo's formats: the one table the command line, the export dialog, the line mode and
//! the help read, and the document writer each format uses.

use std::fmt;
use std::str::FromStr;

use crate::document::Writer;

/// Formats of `immunity memo`: the one table the command line, the export dialog, the line
/// mode and the help read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum MemoFormat {
    /// Markdown.
    Markdown,
    /// A self-contained HTML page.
    Html,
    /// Plain text wrapped to 80 columns.
    Text,
    /// JSON (reads back: `immunity memo` and `walk --answers` accept it).
    Json,
    /// A Word document.
    Docx,
    /// A tagged PDF with embedded fonts.
    Pdf,
}

impl MemoFormat {
    /// Every format, in the order offered.
    pub const ALL: [MemoFormat; 6] = [
        MemoFormat::Markdown,
        MemoFormat::Html,
        MemoFormat::Text,
        MemoFormat::Json,
        MemoFormat::Docx,
        MemoFormat::Pdf,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            MemoFormat::Markdown => "markdown",
            MemoFormat::Html => "html",
            MemoFormat::Text => "text",
            MemoFormat::Json => "json",
            MemoFormat::Docx => "docx",
            MemoFormat::Pdf => "pdf",
        }
    }

    /// The name shown in a menu.
    pub const fn label(self) -> &'static str {
        match self {
            MemoFormat::Markdown => "Markdown",
            MemoFormat::Html => "HTML",
            MemoFormat::Text => "Plain text",
            MemoFormat::Json => "JSON (reads back)",
            MemoFormat::Docx => "Word (DOCX)",
            MemoFormat::Pdf => "PDF",
        }
    }

    /// The usual file extension.
    pub const fn extension(self) -> &'static str {
        match self {
            MemoFormat::Markdown => "md",
            MemoFormat::Html => "html",
            MemoFormat::Text => "txt",
            MemoFormat::Json => "json",
            MemoFormat::Docx => "docx",
            MemoFormat::Pdf => "pdf",
        }
    }

    /// True for formats that are bytes, not text (never written to a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, MemoFormat::Docx | MemoFormat::Pdf)
    }

    /// The document writer, or `None` for the JSON memo (the model itself).
    pub fn writer(self) -> Option<Writer> {
        match self {
            MemoFormat::Markdown => Some(Writer::Markdown),
            MemoFormat::Html => Some(Writer::Html),
            MemoFormat::Text => Some(Writer::Text),
            MemoFormat::Json => None,
            MemoFormat::Docx => Some(Writer::Docx),
            MemoFormat::Pdf => Some(Writer::Pdf),
        }
    }
}

impl fmt::Display for MemoFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for MemoFormat {
    type Err = String;

    /// Accepts the names of [`MemoFormat::name`] and the extensions, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::document::format_named(&MemoFormat::ALL, s, |f| [f.name(), f.extension()])
            .ok_or_else(|| {
                format!(
                    "unknown memo format {:?}; the formats are: markdown, html, text, json, docx, pdf",
                    crate::text::Clean::line(s)
                )
            })
    }
}
