//! The forms' half of `update`: a new matter's caption, the matter's details, a screening's
//! defendant and act, a note with its record cites; what Ctrl-S or Enter in the last field
//! saves, and the matter screen an app opens on (`--matter`).

use std::path::PathBuf;

use super::open;
use crate::matter::MatterInfo;
use crate::matter::screening::{self, Change, Mark};
use crate::pack::Pack;
use crate::text::Clean;
use crate::tui::app::{App, Confirm, Effect, MatterOp, Overlay, Screen};
use crate::tui::form::{Field, Form, FormKind, Outcome, split_cites};
use crate::tui::keymap::Action;
use crate::tui::matter::MatterState;
use crate::tui::matter::{answer_name, question_number};
use crate::tui::theme::Theme;
use crate::tui::wrap::one_line;

/// The form asking for a new matter's caption (and, optionally, its other details).
pub fn caption_form(path: Option<&std::path::Path>) -> Form {
    let name = path.map_or_else(String::new, |p| {
        crate::text::Clean::line(&p.display().to_string()).into_string()
    });
    Form::new(
        FormKind::Caption,
        "New matter".to_owned(),
        format!(
            "{name} is new: give its caption, e.g. Doe v. Roe (the rest may wait). Esc leaves, writing nothing."
        ),
        detail_fields(None),
    )
}

/// The matter's details as fields: caption, court, docket, client, prepared by, reviewer.
pub(super) fn detail_fields(info: Option<&MatterInfo>) -> Vec<Field> {
    let get = |f: fn(&MatterInfo) -> Option<&Clean>| {
        info.and_then(f)
            .map_or_else(String::new, ToString::to_string)
    };
    vec![
        Field::new("Caption", info.map_or("", |i| i.caption.as_str()), false),
        Field::new("Court", &get(|i| i.court.as_ref()), false),
        Field::new("Docket number", &get(|i| i.docket.as_ref()), false),
        Field::new("Client", &get(|i| i.client.as_ref()), false),
        Field::new("Prepared by", &get(|i| i.prepared_by.as_ref()), false),
        Field::new("Reviewer", &get(|i| i.reviewer.as_ref()), false),
    ]
}

/// `info` with the details the form holds (the dates are kept).
fn with_details(form: &Form, info: &MatterInfo) -> MatterInfo {
    MatterInfo {
        caption: form.value(0).into(),
        court: form.optional(1).map(Into::into),
        docket: form.optional(2).map(Into::into),
        client: form.optional(3).map(Into::into),
        prepared_by: form.optional(4).map(Into::into),
        reviewer: form.optional(5).map(Into::into),
        opened: info.opened.clone(),
        updated: info.updated.clone(),
    }
}

impl<'p> App<'p> {
    /// An app on the matter screen of `matter`. A matter still to be created opens on the
    /// form asking for its caption; one whose saved answers do not all fit this pack opens
    /// with the report of which do not.
    pub fn with_matter(pack: &'p Pack, theme: Theme, cwd: PathBuf, matter: MatterState) -> App<'p> {
        let mut app = App::new(pack, theme, cwd);
        let creating = matter.open.is_none();
        let misfits = !matter.fit_report.is_empty();
        app.matter = Some(matter);
        app.screen = Screen::Matter;
        if creating {
            app.overlay = Some(Overlay::Form(Box::new(caption_form(
                app.matter.as_ref().map(|m| m.path.as_path()),
            ))));
        } else if misfits {
            app.overlay = Some(Overlay::Fit);
        }
        app
    }
}

impl App<'_> {
    pub(super) fn on_form(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return None;
        };
        match action {
            Action::NextPanel => form.cycle(true),
            Action::PrevPanel => form.cycle(false),
            Action::ClearField => form.clear(),
            Action::Close if form.kind == FormKind::Caption => return Some(Effect::Quit),
            Action::Close => self.overlay = None,
            // Enter acts on the form (a new line, the next field) and submits from the last.
            Action::Choose if form.enter() == Outcome::Submit => return self.submit(),
            Action::Submit => return self.submit(),
            _ => {}
        }
        None
    }

    /// Turns the open form into the change it asks for. A form with a required field empty
    /// stays open and says so.
    pub(super) fn submit(&mut self) -> Option<Effect> {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return None;
        };
        let first = form.value(0);
        let second = form.value(1);
        let needs_first = matches!(
            form.kind,
            FormKind::Caption | FormKind::Details | FormKind::Add | FormKind::Rename(_)
        );
        if needs_first && first.is_empty() {
            form.error = Some(format!("{} cannot be empty", form.fields[0].label));
            form.focus = 0;
            return None;
        }
        match form.kind.clone() {
            FormKind::Caption => {
                let blank = MatterInfo::captioned(String::new());
                Some(Effect::Matter(MatterOp::Create {
                    info: Box::new(with_details(form, &blank)),
                }))
            }
            FormKind::Details => {
                let form = form.clone();
                let info = with_details(&form, &self.matter.as_ref()?.file()?.matter);
                Self::save(
                    Some(Change::Details(Box::new(info))),
                    "the matter's details".to_owned(),
                )
            }
            FormKind::Add => {
                // The role is set with rename (r), where the defendant's details are edited.
                let Ok(screening) =
                    screening::new_screening(&first, None, Some(&second), self.pack)
                else {
                    return None;
                };
                let n = self.matter.as_ref().map_or(0, MatterState::len) + 1;
                if let Some(m) = &mut self.matter {
                    m.selected = n - 1;
                }
                Self::save(
                    Some(Change::Add(Box::new(screening))),
                    format!("added screening {n}: {first}"),
                )
            }
            FormKind::Rename(i) => {
                let role = form.value(2);
                let next = self.edited(i, |s| {
                    let _ = screening::rename_screening(s, &first, Some(&role), Some(&second));
                });
                Self::save(next, format!("renamed screening {}: {first}", i + 1))
            }
            FormKind::Note {
                screening,
                question,
            } => {
                let stale = self
                    .matter
                    .as_ref()
                    .and_then(|m| m.screening(screening))
                    .and_then(|s| s.answer(&question))
                    .is_some_and(crate::matter::Answer::is_stale);
                let cites = split_cites(&second);
                // On a flagged answer, both fields cleared drops the note, cites and mark;
                // saved as they are keeps them for this answer; edited, they are re-attached.
                let dropped = stale && first.is_empty() && cites.is_empty();
                let next = self.edited(screening, |s| {
                    if dropped {
                        let _ = screening::annotate(s, &question, Mark::Drop);
                    } else {
                        let _ = screening::annotate(
                            s,
                            &question,
                            Mark::Note((!first.is_empty()).then(|| first.clone())),
                        );
                        let _ = screening::annotate(s, &question, Mark::Cites(cites));
                    }
                });
                let which = answer_name(&self.session, &question);
                let done = match (stale, dropped) {
                    (true, true) => "dropped the earlier answer's note, cites and mark",
                    (true, false) => "kept the note and cites for",
                    _ => "note and cites on",
                };
                if dropped {
                    Self::save(next, format!("{done} on {which}"))
                } else {
                    Self::save(next, format!("{done} {which}"))
                }
            }
        }
    }

    /// Opens the note and cites of the answer [`App::note_target`] names.
    pub(super) fn open_note(&mut self) {
        let here_unanswered = self.session.current_question().is_some_and(|q| {
            self.note_target()
                .is_none_or(|(_, id)| id != self.pack.question(q).id)
        });
        if here_unanswered {
            if self.last_answer_target().is_some() {
                open(self, Overlay::Confirm(Confirm::NoteOnLast));
            } else {
                self.status = Some(
                    "Answer the question first: a note and record cites belong to an answer."
                        .to_owned(),
                );
            }
            return;
        }
        self.open_note_on(self.note_target());
    }

    /// Opens the note and cites of screening `target.0`'s answer to question `target.1`.
    pub(super) fn open_note_on(&mut self, target: Option<(usize, String)>) {
        let Some((i, question)) = target else {
            self.status = Some(
                "Answer the question first: a note and record cites belong to an answer."
                    .to_owned(),
            );
            return;
        };
        let Some(answer) = self.saved_answer(i, &question) else {
            return;
        };
        let prompt = self
            .pack
            .question_index(&question)
            .map(|qi| {
                let q = self.pack.question(qi);
                let label = self
                    .pack
                    .option_index(qi, &answer.option)
                    .map(|o| q.options[o].label.clone())
                    .unwrap_or_default();
                format!("{} — answered: {label}", q.prompt)
            })
            .unwrap_or_default();
        let earlier = answer.is_stale().then(|| {
            self.pack
                .question_index(&question)
                .and_then(|qi| {
                    let o = self.pack.option_index(qi, answer.written_for())?;
                    Some(self.pack.question(qi).options[o].label.clone())
                })
                .unwrap_or_else(|| answer.written_for().into())
        });
        // The flag first: on a small screen the intro is what is cut.
        let prompt = match earlier {
            Some(label) => format!(
                "WRITTEN FOR THE EARLIER ANSWER \u{201c}{label}\u{201d}: Ctrl-S as it is keeps it for this answer; edit it, or clear both fields (Ctrl-U) and Ctrl-S to drop it with its mark. {prompt}"
            ),
            None => prompt,
        };
        let form = Form::new(
            FormKind::Note {
                screening: i,
                question: question.clone(),
            },
            // The prompt itself is the form's first line.
            self.pack.question_index(&question).map_or_else(
                || "Note on the answer".to_owned(),
                |q| format!("Note on answer {}", question_number(&self.session, q)),
            ),
            one_line(&prompt),
            vec![
                Field::new(
                    "Note (Enter: a new line)",
                    answer.note.as_deref().unwrap_or(""),
                    true,
                ),
                Field::new("Record cites (; between)", &answer.cites.join("; "), false),
            ],
        );
        open(self, Overlay::Form(Box::new(form)));
    }
}
