//! A small form of text fields (`ratatui-textarea`): the matter's caption on first open, a new
//! screening's defendant and act, a rename, and an answer's note and record cites. The form
//! holds the text being typed; what it means is decided by the app when the form is submitted.
//!
//! What is typed or pasted is untrusted: control and format characters never enter a field
//! (a note keeps its newlines, a one-line field folds them to spaces), and the values are
//! sanitised once more when read.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea};

use crate::text::{is_unsafe_char, sanitize, sanitize_line};

/// The longest text one field takes, in characters: far beyond any note, small enough that a
/// runaway paste cannot make the matter file unwieldy.
pub const MAX_FIELD_CHARS: usize = 20_000;

/// What a submitted form changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// The caption of a matter being created, with its court, docket, client, preparer and
    /// reviewer (all but the caption optional).
    Caption,
    /// The same details of the open matter, changed.
    Details,
    /// A new screening: defendant and act.
    Add,
    /// The defendant and act of screening N.
    Rename(usize),
    /// The note and record cites of screening N's answer to question `question` (an id).
    Note {
        /// Index of the screening.
        screening: usize,
        /// Id of the question answered.
        question: String,
    },
}

/// One text field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Its label.
    pub label: &'static str,
    /// The text.
    pub area: TextArea<'static>,
    /// Enter inserts a new line (the note) rather than moving on.
    pub multiline: bool,
}

impl Field {
    /// A field holding `text`, the cursor at its end.
    pub fn new(label: &'static str, text: &str, multiline: bool) -> Self {
        let lines: Vec<String> = if multiline {
            text.lines().map(str::to_owned).collect()
        } else {
            vec![sanitize_line(text)]
        };
        let mut area = TextArea::new(if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        });
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        area.set_cursor_line_style(Style::default());
        // The view draws the field with the cursor as it is (a copy without one when another
        // field has the focus).
        area.set_cursor_style(Style::default().add_modifier(ratatui::style::Modifier::REVERSED));
        // A note wraps at words inside its box, so the whole note is seen while it is written.
        if multiline {
            area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        }
        Self {
            label,
            area,
            multiline,
        }
    }

    /// The text, sanitised: a note keeps its line breaks; a one-line field is one line.
    pub fn value(&self) -> String {
        let joined = self.area.lines().join("\n");
        if self.multiline {
            sanitize(joined.trim()).into_owned()
        } else {
            sanitize_line(&joined)
        }
    }

    fn chars(&self) -> usize {
        self.area
            .lines()
            .iter()
            .map(|l| l.chars().count() + 1)
            .sum()
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Text changed or the cursor moved.
    Edited,
    /// The form should be submitted.
    Submit,
}

/// A form: its purpose, a title, its fields and which has the cursor.
#[derive(Debug, Clone)]
pub struct Form {
    /// What submitting it changes.
    pub kind: FormKind,
    /// The title of its frame.
    pub title: String,
    /// A line under the title saying what the form is for (already sanitised).
    pub intro: String,
    /// The fields, in order.
    pub fields: Vec<Field>,
    /// The field with the cursor.
    pub focus: usize,
    /// Why the last submit was refused (already sanitised).
    pub error: Option<String>,
}

impl Form {
    /// A form of `fields`.
    pub fn new(kind: FormKind, title: String, intro: String, fields: Vec<Field>) -> Self {
        Self {
            kind,
            title,
            intro,
            fields,
            focus: 0,
            error: None,
        }
    }

    /// The value of field `i` (empty when there is none).
    pub fn value(&self, i: usize) -> String {
        self.fields.get(i).map(Field::value).unwrap_or_default()
    }

    /// The value of field `i`, `None` when empty.
    pub fn optional(&self, i: usize) -> Option<String> {
        Some(self.value(i)).filter(|v| !v.is_empty())
    }

    /// Moves the cursor to the next (or previous) field, wrapping around.
    pub fn cycle(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// Enter: a new line in a note; elsewhere the next field, or submit from the last.
    pub fn enter(&mut self) -> Outcome {
        let count = self.fields.len();
        match self.fields.get_mut(self.focus) {
            Some(f) if f.multiline => {
                if f.chars() < MAX_FIELD_CHARS {
                    f.area.insert_newline();
                }
                Outcome::Edited
            }
            _ if self.focus + 1 < count => {
                self.focus += 1;
                Outcome::Edited
            }
            _ => Outcome::Submit,
        }
    }

    /// Empties the field with the cursor.
    pub fn clear(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            *f = Field::new(f.label, "", f.multiline);
        }
    }

    /// Types a key into the field with the cursor. Keys that would insert a control character
    /// (Enter, Tab, Ctrl-M, Ctrl-J) never reach the field: the app handles them.
    pub fn input(&mut self, key: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab => return,
            KeyCode::Char('m' | 'j') if ctrl => return,
            KeyCode::Char(c) if !ctrl && (is_unsafe_char(c) || c == '\t') => return,
            KeyCode::Char(_) if !ctrl && field.chars() >= MAX_FIELD_CHARS => return,
            _ => {}
        }
        field.area.input(key);
        self.error = None;
    }

    /// Inserts pasted text at the cursor: control and format characters dropped, tabs as
    /// spaces; in a one-line field, line breaks become spaces. Text beyond
    /// [`MAX_FIELD_CHARS`] is refused with a message, the field left as it was.
    pub fn paste(&mut self, text: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let clean = if field.multiline {
            sanitize(&text).into_owned()
        } else {
            sanitize(&text).replace('\n', " ")
        };
        if field.chars() + clean.chars().count() > MAX_FIELD_CHARS {
            self.error = Some(format!(
                "paste ignored: a field holds at most {MAX_FIELD_CHARS} characters"
            ));
            return;
        }
        field.area.insert_str(clean);
        self.error = None;
    }
}

/// Record cites as typed in one line ("¶¶ 12–14; Ex. B at 3") → one cite per `;`-separated part.
pub fn split_cites(line: &str) -> Vec<String> {
    line.split(';')
        .map(sanitize_line)
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn cites_split_on_semicolons() {
        assert_eq!(
            split_cites(" ¶¶ 12–14; Ex. B at 3 ;; "),
            vec!["¶¶ 12–14".to_owned(), "Ex. B at 3".to_owned()]
        );
        assert!(split_cites("  ").is_empty());
    }

    /// A form of `kind` with `fields`, without a title or a line of help.
    fn blank(kind: FormKind, fields: Vec<Field>) -> Form {
        Form::new(kind, String::new(), String::new(), fields)
    }

    #[test]
    fn enter_moves_on_then_submits_and_makes_lines_in_a_note() {
        let mut form = blank(
            FormKind::Add,
            vec![Field::new("a", "", false), Field::new("b", "", false)],
        );
        assert_eq!(form.enter(), Outcome::Edited);
        assert_eq!(form.focus, 1);
        assert_eq!(form.enter(), Outcome::Submit);
        let mut note = blank(FormKind::Caption, vec![Field::new("note", "x", true)]);
        assert_eq!(note.enter(), Outcome::Edited);
        note.input(key(KeyCode::Char('y')));
        assert_eq!(note.value(0), "x\ny");
    }

    #[test]
    fn pasted_controls_never_enter_a_field() {
        let mut form = blank(
            FormKind::Add,
            vec![Field::new("name", "", false), Field::new("note", "", true)],
        );
        form.paste("Judge\u{1b}[31m Roe\nthe second\u{202e}");
        assert_eq!(form.value(0), "Judge[31m Roe the second");
        form.focus = 1;
        form.paste("line one\r\nline\ttwo\u{7}");
        assert_eq!(form.value(1), "line one\nline two");
        form.input(key(KeyCode::Char('\u{1b}')));
        assert_eq!(form.value(1), "line one\nline two");
    }
}
