//! The class report's formats: the one table the command line and its help read, and the
//! document writer each uses (the CSV gradebook and the JSON model are not documents).

use std::fmt;

use crate::document::Writer;

/// Formats of `immunity class`: the one table the command line and the help read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ClassFormat {
    /// Plain text wrapped to the terminal's width (80 columns in a file or a pipe).
    Text,
    /// Markdown, with each question's counts as a table with a text bar.
    Markdown,
    /// A self-contained HTML page with a bar chart per question (no scripts).
    Html,
    /// A Word document with a table and a text bar per question.
    Docx,
    /// A tagged PDF with drawn bar charts.
    Pdf,
    /// A CSV gradebook, one row per student.
    Csv,
    /// JSON: the collated counts, confident errors and gradebook (`format` immunity-class).
    Json,
}

impl ClassFormat {
    /// Every format, in the order offered.
    pub const ALL: [ClassFormat; 7] = [
        ClassFormat::Text,
        ClassFormat::Markdown,
        ClassFormat::Html,
        ClassFormat::Docx,
        ClassFormat::Pdf,
        ClassFormat::Csv,
        ClassFormat::Json,
    ];

    /// The name used on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            ClassFormat::Text => "text",
            ClassFormat::Markdown => "markdown",
            ClassFormat::Html => "html",
            ClassFormat::Docx => "docx",
            ClassFormat::Pdf => "pdf",
            ClassFormat::Csv => "csv",
            ClassFormat::Json => "json",
        }
    }

    /// The usual file extension.
    pub const fn extension(self) -> &'static str {
        match self {
            ClassFormat::Text => "txt",
            ClassFormat::Markdown => "md",
            ClassFormat::Html => "html",
            ClassFormat::Docx => "docx",
            ClassFormat::Pdf => "pdf",
            ClassFormat::Csv => "csv",
            ClassFormat::Json => "json",
        }
    }

    /// True for formats that are bytes, not text (never written to a terminal).
    pub const fn is_binary(self) -> bool {
        matches!(self, ClassFormat::Docx | ClassFormat::Pdf)
    }

    /// The document writer, or `None` for the CSV gradebook and the JSON model.
    pub const fn writer(self) -> Option<Writer> {
        match self {
            ClassFormat::Text => Some(Writer::Text),
            ClassFormat::Markdown => Some(Writer::Markdown),
            ClassFormat::Html => Some(Writer::Html),
            ClassFormat::Docx => Some(Writer::Docx),
            ClassFormat::Pdf => Some(Writer::Pdf),
            ClassFormat::Csv | ClassFormat::Json => None,
        }
    }
}

impl fmt::Display for ClassFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
