//! Problems found in a pack, each with the file, line and column it is at.
//!
//! Messages never carry raw text from a pack or the file system: every diagnostic is built by
//! [`Diagnostic::new`], which passes its file name and message through
//! [`crate::text::escape_for_display`] (the one escaping function), so a hostile pack cannot put
//! escape sequences on the user's terminal through an error message, nor split one diagnostic
//! over two lines (serde's "unknown field" messages copy the key as it stands, newlines
//! included). Text quoted into a message is escaped there as well; escaping twice changes nothing,
//! since an escaped string holds no character the function acts on.

use std::fmt;

use crate::text::escape_for_display;

/// How serious a problem is. Errors make `check` fail; warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The pack cannot be used.
    Error,
    /// Worth fixing; the pack still loads.
    Warning,
}

/// One problem: `path:line:col: error: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user should see it (e.g. `questions/x/pack.json`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, naming the JSON path or id involved.
    pub message: String,
}

impl Diagnostic {
    /// A problem at a position; the file name and message are escaped for display.
    pub fn new(file: &str, line: usize, column: usize, severity: Severity, message: &str) -> Self {
        Self {
            file: escape_for_display(file).into_owned(),
            line,
            column,
            severity,
            message: escape_for_display(message).into_owned(),
        }
    }

    /// An error at a position.
    pub fn error(
        file: impl AsRef<str>,
        line: usize,
        column: usize,
        message: impl AsRef<str>,
    ) -> Self {
        Self::new(
            file.as_ref(),
            line,
            column,
            Severity::Error,
            message.as_ref(),
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // The fields are public; escaping again here keeps a diagnostic built any other way on
        // one safe line too (a no-op for one built by `new`).
        write!(
            f,
            "{}:{}:{}: {}: {}",
            escape_for_display(&self.file),
            self.line,
            self.column,
            severity,
            escape_for_display(&self.message)
        )
    }
}

/// Every problem found in one load, in file and position order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
