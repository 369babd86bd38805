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

/// How many errors, and separately how many warnings, a listing shows unless asked for every
/// one: like a compiler's error limit, enough to act on without burying the summary under
/// thousands of lines of one mistake repeated.
pub const SHOWN_BY_DEFAULT: usize = 50;

/// The first `limit` errors and the first `limit` warnings of `list`, in its order (file and
/// position), one per line; [`Listing::hidden`] counts the rest. Errors and warnings are
/// capped apart so that a flood of warnings never hides the errors after it.
pub fn listing(list: &[Diagnostic], limit: Option<usize>) -> Listing<'_> {
    Listing {
        list,
        limit: limit.unwrap_or(usize::MAX),
    }
}

/// A capped view of diagnostics: see [`listing`].
#[derive(Debug, Clone, Copy)]
pub struct Listing<'a> {
    list: &'a [Diagnostic],
    limit: usize,
}

impl Listing<'_> {
    /// How many errors and warnings the listing leaves out.
    pub fn hidden(&self) -> Hidden {
        let count = |severity| {
            self.list
                .iter()
                .filter(|d| d.severity == severity)
                .count()
                .saturating_sub(self.limit)
        };
        Hidden {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
        }
    }
}

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (mut errors, mut warnings) = (0_usize, 0_usize);
        for d in self.list {
            let seen = match d.severity {
                Severity::Error => &mut errors,
                Severity::Warning => &mut warnings,
            };
            if *seen < self.limit {
                writeln!(f, "{d}")?;
            }
            *seen += 1;
        }
        Ok(())
    }
}

/// What a [`Listing`] leaves out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hidden {
    /// Errors not shown.
    pub errors: usize,
    /// Warnings not shown.
    pub warnings: usize,
}

impl Hidden {
    /// True when the listing shows every diagnostic.
    pub fn is_empty(self) -> bool {
        self.errors == 0 && self.warnings == 0
    }
}

/// "3 more errors and 1 more warning not shown" (or only the part that applies).
impl fmt::Display for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |n: usize, one: &str, many: &str| {
            format!("{n} more {}", crate::words::noun(n, one, many))
        };
        match (self.errors, self.warnings) {
            (0, 0) => Ok(()),
            (e, 0) => write!(f, "{} not shown", part(e, "error", "errors")),
            (0, w) => write!(f, "{} not shown", part(w, "warning", "warnings")),
            (e, w) => write!(
                f,
                "{} and {} not shown",
                part(e, "error", "errors"),
                part(w, "warning", "warnings")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, severity: Severity) -> Diagnostic {
        Diagnostic::new("p.json", line, 1, severity, "m")
    }

    #[test]
    fn a_listing_caps_errors_and_warnings_apart_in_order() {
        let mut list: Vec<Diagnostic> = (1..=5).map(|l| at(l, Severity::Warning)).collect();
        list.extend((6..=9).map(|l| at(l, Severity::Error)));
        list.push(at(10, Severity::Warning));
        let shown = listing(&list, Some(2));
        assert_eq!(
            shown.to_string(),
            "p.json:1:1: warning: m\np.json:2:1: warning: m\np.json:6:1: error: m\np.json:7:1: error: m\n"
        );
        assert_eq!(
            shown.hidden(),
            Hidden {
                errors: 2,
                warnings: 4
            }
        );
        assert_eq!(
            shown.hidden().to_string(),
            "2 more errors and 4 more warnings not shown"
        );
        let all = listing(&list, None);
        assert_eq!(all.to_string(), Diagnostics(list.clone()).to_string());
        assert!(all.hidden().is_empty());
        assert_eq!(
            listing(&list, Some(4)).hidden().to_string(),
            "2 more warnings not shown"
        );
        assert_eq!(
            listing(&list[..7], Some(1)).hidden().to_string(),
            "1 more error and 4 more warnings not shown"
        );
    }
}
