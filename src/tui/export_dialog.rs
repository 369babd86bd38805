//! The export dialog's state: the format, the editable path (a one-line `ratatui-textarea`), and
//! what happened on the last attempt. It exports the reached conclusion, or in a matter the
//! screening memo (the same writer as `immunity memo`).

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea};

use crate::matter::memo::MemoFormat;
use crate::report::Format;
use crate::text::is_bidi_control;

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The reached conclusion's report.
    Report(Format),
    /// The matter's screening memo.
    Memo(MemoFormat),
}

/// The report's formats, in the order shown: (format, name, extension).
pub const FORMATS: [(ExportFormat, &str, &str); 4] = [
    (ExportFormat::Report(Format::Markdown), "Markdown", "md"),
    (ExportFormat::Report(Format::Html), "HTML", "html"),
    (ExportFormat::Report(Format::Json), "JSON", "json"),
    (ExportFormat::Report(Format::Text), "Plain text", "txt"),
];

/// The memo's formats, in the order shown: [`MemoFormat::ALL`] with its labels.
pub const MEMO_FORMATS: [(ExportFormat, &str, &str); 6] = {
    const fn row(f: MemoFormat) -> (ExportFormat, &'static str, &'static str) {
        (ExportFormat::Memo(f), f.label(), f.extension())
    }
    [
        row(MemoFormat::ALL[0]),
        row(MemoFormat::ALL[1]),
        row(MemoFormat::ALL[2]),
        row(MemoFormat::ALL[3]),
        row(MemoFormat::ALL[4]),
        row(MemoFormat::ALL[5]),
    ]
};

/// The longest paste the path field takes, in bytes: Linux's `PATH_MAX`, beyond which no
/// file can be opened by that path anyway.
pub const MAX_PASTE: usize = 4096;

/// Where the dialog stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Choosing a format and editing the path.
    Editing,
    /// The file exists: waiting for yes/no to overwrite it.
    ConfirmOverwrite(PathBuf),
}

/// The export dialog.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    /// The formats offered: [`FORMATS`] or [`MEMO_FORMATS`].
    pub formats: &'static [(ExportFormat, &'static str, &'static str)],
    /// Index into `formats`.
    pub format: usize,
    /// The path being edited.
    pub path: TextArea<'static>,
    /// The stem of the default file name, e.g. `gregory-absolute-immunity-2026-11-24`.
    stem: String,
    /// The folder the default name must be free in.
    dir: PathBuf,
    /// Editing or confirming an overwrite.
    pub stage: Stage,
    /// The last error, in words (already sanitised).
    pub error: Option<String>,
    /// A warning about the file being written (a PDF memo's characters no font has), shown
    /// with the message that it was written.
    pub warning: Option<String>,
}

/// Keeps the characters that are safe in a file name on every system.
fn safe_stem(stem: &str) -> String {
    let safe: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    if safe.is_empty() {
        "immunity-report".to_owned()
    } else {
        safe
    }
}

/// `stem.ext` in `dir`, or `stem-2.ext`, `stem-3.ext` … : the first that does not exist.
pub fn unused_name(dir: &Path, stem: &str, ext: &str) -> String {
    let first = format!("{stem}.{ext}");
    if !dir.join(&first).exists() {
        return first;
    }
    // A folder holds far fewer files than this.
    (2..u32::MAX)
        .map(|n| format!("{stem}-{n}.{ext}"))
        .find(|name| !dir.join(name).exists())
        .unwrap_or(first)
}

impl ExportDialog {
    /// A dialog defaulting to Markdown, named `stem` (reduced to safe characters) in `dir`,
    /// with `-2`, `-3` … added when that name is taken.
    pub fn new(stem: &str, dir: PathBuf) -> Self {
        Self::offering(&FORMATS, stem, dir)
    }

    /// The memo's dialog: [`MEMO_FORMATS`], otherwise as [`ExportDialog::new`].
    pub fn memo(stem: &str, dir: PathBuf) -> Self {
        Self::offering(&MEMO_FORMATS, stem, dir)
    }

    /// True when the dialog exports the memo.
    pub fn is_memo(&self) -> bool {
        matches!(self.selected_format(), ExportFormat::Memo(_))
    }

    fn offering(
        formats: &'static [(ExportFormat, &'static str, &'static str)],
        stem: &str,
        dir: PathBuf,
    ) -> Self {
        let mut dialog = Self {
            formats,
            format: 0,
            path: TextArea::default(),
            stem: safe_stem(stem),
            dir,
            stage: Stage::Editing,
            error: None,
            warning: None,
        };
        dialog.set_path(&dialog.default_name());
        dialog
    }

    /// The default file name for the current format: one that does not exist yet.
    pub fn default_name(&self) -> String {
        unused_name(&self.dir, &self.stem, self.formats[self.format].2)
    }

    /// The chosen format.
    pub fn selected_format(&self) -> ExportFormat {
        self.formats[self.format].0
    }

    /// The chosen format's name, for messages.
    pub fn format_name(&self) -> &'static str {
        self.formats[self.format].1
    }

    /// The path as typed.
    pub fn path_text(&self) -> String {
        self.path.lines().first().cloned().unwrap_or_default()
    }

    fn set_path(&mut self, text: &str) {
        let mut area = TextArea::new(vec![text.to_owned()]);
        area.move_cursor(CursorMove::End);
        area.set_cursor_line_style(ratatui::style::Style::default());
        self.path = area;
    }

    /// Empties the path field (Ctrl-U).
    pub fn clear(&mut self) {
        self.set_path("");
        self.error = None;
    }

    /// Moves to the next (or previous) format. The default name is replaced by the new
    /// format's default; a typed path ending in the old format's extension gets the new one.
    pub fn cycle_format(&mut self, forward: bool) {
        let n = self.formats.len();
        let old_ext = self.formats[self.format].2;
        let old_default = self.default_name();
        self.format = if forward {
            (self.format + 1) % n
        } else {
            (self.format + n - 1) % n
        };
        let new_ext = self.formats[self.format].2;
        let text = self.path_text();
        let suffix = format!(".{old_ext}");
        if text == old_default {
            self.set_path(&self.default_name());
        } else if let Some(base) = text.strip_suffix(&suffix) {
            self.set_path(&format!("{base}.{new_ext}"));
        }
        self.error = None;
    }

    /// Types a key into the path field. Enter and newlines never reach it: the field is one line.
    pub fn input(&mut self, key: KeyEvent) {
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        if key.code == KeyCode::Enter
            || (key.code == KeyCode::Char('m') && key.modifiers.contains(KeyModifiers::CONTROL))
        {
            return;
        }
        self.path.input(key);
        self.error = None;
    }

    /// Inserts pasted text at the cursor. Surrounding white space goes (a copied path often
    /// ends in a newline); what is left must be one line of at most [`MAX_PASTE`] bytes without
    /// control characters, otherwise the field is left as it was and the error says why. A
    /// newline is never Enter here: nothing is exported until Enter is pressed.
    pub fn paste(&mut self, text: &str) {
        let text = text.trim();
        self.error = if text.len() > MAX_PASTE {
            Some(format!(
                "paste ignored: {} bytes is too long for a path (at most {MAX_PASTE})",
                text.len()
            ))
        } else if text.contains(['\n', '\r']) {
            Some("paste ignored: it holds several lines; paste one path".to_owned())
        } else if text.chars().any(|c| c.is_control() || is_bidi_control(c)) {
            Some("paste ignored: it holds control characters".to_owned())
        } else {
            self.path.insert_str(text);
            None
        };
    }

    /// The path to write: the typed text, resolved against `cwd` when relative. `None` when empty.
    pub fn resolved_path(&self, cwd: &Path) -> Option<PathBuf> {
        let text = self.path_text();
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let path = Path::new(text);
        Some(if path.is_absolute() {
            path.to_owned()
        } else {
            cwd.join(path)
        })
    }
}
