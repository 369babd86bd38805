//! The matter's half of `update`: the matter screen's keys (open, add, rename, duplicate,
//! delete, export the memo), the forms, the note and certainty keys of a walk, and the save
//! that follows every change of a walk's answers. Saving itself is an [`Effect::Matter`] the
//! run loop performs ([`App::perform_matter`]); the screen says "Saved" only on its answer.

use super::forms::detail_fields;
use super::{moved, open};
use crate::matter::screening::{self, Change, Mark};
use crate::matter::{Certainty, Screening};
use crate::tui::app::{App, Confirm, Effect, MatterOp, Message, Overlay, Panel, Screen};
use crate::tui::form::{Field, Form, FormKind};
use crate::tui::keymap::Action;
use crate::tui::matter::MatterState;
use crate::tui::matter::{
    Leave, answer_name, describe_change, describe_changes, next_certainty, session_for, synced,
};

impl App<'_> {
    /// The saved answer the note and certainty keys act on, as (screening, question id): the
    /// current question's answer when it has one, else the last answer given.
    pub fn note_target(&self) -> Option<(usize, String)> {
        let matter = self.matter.as_ref()?;
        let i = matter.walking?;
        let screening = matter.screening(i)?;
        if let Some(q) = self.session.current_question() {
            let id = &self.pack.question(q).id;
            if screening.answer(id).is_some() {
                return Some((i, id.to_string()));
            }
        }
        self.last_answer_target()
    }

    /// The last answer on the path, as a note target: what `n` offers (after asking) when the
    /// question on screen is not answered yet.
    pub fn last_answer_target(&self) -> Option<(usize, String)> {
        let matter = self.matter.as_ref()?;
        let i = matter.walking?;
        let screening = matter.screening(i)?;
        let last = self.session.history().last()?;
        let id = &self.pack.question(last.question).id;
        screening.answer(id).map(|_| (i, id.to_string()))
    }

    /// Leaves the walk for `to`. Answers a failed save left unsaved are saved first (the
    /// screen moves on only once that save succeeds); if it fails again, the user is asked
    /// before they are discarded.
    pub(super) fn leave(&mut self, to: Leave) -> Option<Effect> {
        if let Some(effect) = self.walk_save() {
            if let Some(m) = &mut self.matter {
                m.leaving = Some(to);
            }
            return Some(effect);
        }
        self.left(to)
    }

    pub(super) fn left(&mut self, to: Leave) -> Option<Effect> {
        match to {
            Leave::Screenings => {
                self.show_screenings();
                None
            }
            Leave::Quit => Some(Effect::Quit),
        }
    }

    /// What leaving the walk now would lose: each walk answer the file does not hold.
    pub fn unsaved_changes(&self) -> Vec<String> {
        let Some(matter) = self.matter.as_ref() else {
            return Vec::new();
        };
        let Some(saved) = matter.walking.and_then(|i| matter.screening(i)) else {
            return Vec::new();
        };
        let next = synced(saved, &self.session, self.pack);
        describe_changes(saved, &next, &self.session)
    }

    /// The answer to the question "leave without saving?": yes leaves, anything else stays
    /// in the walk (where the next key tries the save again).
    pub(super) fn on_discard(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Confirm(Confirm::Discard(to))) = self.overlay else {
            return None;
        };
        self.overlay = None;
        if action == Action::Yes {
            return self.left(to);
        }
        None
    }

    /// Back to the matter screen, the screening just walked highlighted.
    pub(super) fn show_screenings(&mut self) {
        if let Some(matter) = &mut self.matter {
            if let Some(i) = matter.walking.take() {
                matter.selected = i;
            }
            self.screen = Screen::Matter;
            self.overlay = None;
            self.scroll[Panel::List as usize] = 0;
        }
    }

    /// A click highlights a screening; a click on the highlighted one opens it.
    pub(super) fn click_screening(&mut self, i: usize) {
        let Some(matter) = &mut self.matter else {
            return;
        };
        if matter.selected == i {
            self.open_screening(i);
        } else {
            matter.selected = i;
        }
    }

    /// Walks screening `i` from its saved answers.
    pub(super) fn open_screening(&mut self, i: usize) {
        let Some(matter) = &mut self.matter else {
            return;
        };
        let Some(screening) = matter.screening(i) else {
            return;
        };
        self.session = session_for(screening, self.pack);
        matter.walking = Some(i);
        self.case = None;
        self.screen = Screen::Walk;
        self.revising = false;
        self.exported = false;
        self.overlay = None;
        self.arrive();
    }

    /// Screening `i` with `edit` applied (a copy of that one screening), as the change that
    /// saves it.
    pub(super) fn edited(&self, i: usize, edit: impl FnOnce(&mut Screening)) -> Option<Change> {
        let mut s = self.matter.as_ref()?.screening(i)?.clone();
        edit(&mut s);
        Some(Change::Replace(i, Box::new(s)))
    }

    pub(super) fn save(change: Option<Change>, what: String) -> Option<Effect> {
        change.map(|change| Effect::Matter(MatterOp::Save { change, what }))
    }

    /// In a walk, saves the answers when they differ from the saved ones.
    pub(super) fn walk_save(&self) -> Option<Effect> {
        let matter = self.matter.as_ref()?;
        if self.screen != Screen::Walk {
            return None;
        }
        let i = matter.walking?;
        let saved = matter.screening(i)?;
        let next = synced(saved, &self.session, self.pack);
        if next == *saved {
            return None;
        }
        let what = describe_change(saved, &next, &self.session);
        Self::save(Some(Change::Replace(i, Box::new(next))), what)
    }

    /// Performs a matter effect (the run loop calls this) and answers with what happened.
    pub fn perform_matter(&mut self, op: MatterOp) -> Message {
        let pack = self.pack;
        let Some(matter) = self.matter.as_mut() else {
            return Message::SaveFailed("no matter is open".to_owned());
        };
        let (result, what) = match op {
            MatterOp::Save { change, what } => (matter.save(change, pack), what),
            MatterOp::Create { info } => (
                matter.create(*info, pack),
                format!(
                    "created {}",
                    crate::text::Clean::line(&matter.path.display().to_string()).into_string()
                ),
            ),
        };
        match result {
            Ok(at) => Message::Saved { what, at },
            Err(reason) => Message::SaveFailed(reason),
        }
    }

    /// The matter was saved: the status line says when and what; a form that asked for the
    /// change closes.
    pub(super) fn on_saved(&mut self, what: &str, at: &str) -> Option<Effect> {
        self.status = Some(format!("Saved {at} · {what}"));
        if let Some(Overlay::Form(_)) = &self.overlay {
            self.overlay = None;
        }
        let leaving = self.matter.as_mut().and_then(|m| m.leaving.take());
        leaving.and_then(|to| self.left(to))
    }

    /// The save failed: said where the user is looking, never reported saved.
    pub(super) fn on_save_failed(&mut self, reason: &str) -> Option<Effect> {
        let text = format!(
            "NOT SAVED: {}",
            crate::text::Clean::line(reason).into_string()
        );
        // Leaving waited for this save: ask before what it held is lost.
        if let Some(to) = self.matter.as_mut().and_then(|m| m.leaving.take()) {
            self.status = Some(text);
            self.overlay = Some(Overlay::Confirm(Confirm::Discard(to)));
            return None;
        }
        match &mut self.overlay {
            // The form stays open with what was typed, so nothing is lost.
            Some(Overlay::Form(form)) => form.error = Some(text),
            _ => self.status = Some(text),
        }
        None
    }

    pub(super) fn on_matter(&mut self, action: Action) -> Option<Effect> {
        let count = self.matter.as_ref().map_or(0, MatterState::len);
        let selected = self.matter.as_ref().map_or(0, |m| m.selected);
        match action {
            Action::Up
            | Action::Down
            | Action::First
            | Action::Last
            | Action::ScrollUp
            | Action::ScrollDown => {
                let page = usize::from(self.size.height / 3).max(1);
                if let Some(m) = &mut self.matter {
                    m.selected = moved(selected, count, page, action);
                }
            }
            Action::Choose if count == 0 => {
                self.status = Some("No screenings yet: a adds the first.".to_owned());
            }
            Action::Choose => self.open_screening(selected),
            Action::Add => open(
                self,
                Overlay::Form(Box::new(Form::new(
                    FormKind::Add,
                    "Add a screening".to_owned(),
                    "One defendant and the act complained of (r sets the role later).".to_owned(),
                    vec![
                        Field::new("Defendant (e.g. Judge A. Roe)", "", false),
                        Field::new("Act (e.g. ordered the plaintiff jailed, ¶ 14)", "", false),
                    ],
                ))),
            ),
            Action::Rename if count > 0 => {
                let s = self.matter.as_ref()?.screening(selected)?;
                let form = Form::new(
                    FormKind::Rename(selected),
                    format!("Rename screening {}", selected + 1),
                    "The answers, notes and cites stay as they are. Ctrl-U clears a field."
                        .to_owned(),
                    vec![
                        Field::new("Defendant", &s.defendant, false),
                        Field::new("Act", s.act.as_deref().unwrap_or(""), false),
                        Field::new("Role", s.role.as_deref().unwrap_or(""), false),
                    ],
                );
                open(self, Overlay::Form(Box::new(form)));
            }
            Action::Duplicate if count > 0 => {
                if let Some(m) = &mut self.matter {
                    m.selected = selected + 1;
                }
                return Self::save(
                    Some(Change::Duplicate(selected)),
                    format!("duplicated screening {}", selected + 1),
                );
            }
            Action::Delete if count > 0 => open(self, Overlay::Confirm(Confirm::Delete(selected))),
            Action::Rename | Action::Duplicate | Action::Delete => {
                self.status = Some("No screenings yet: a adds the first.".to_owned());
            }
            Action::Export => self.open_export(),
            Action::Details => {
                let info = self.matter.as_ref()?.file()?.matter.clone();
                let form = Form::new(
                    FormKind::Details,
                    "The matter".to_owned(),
                    "The memo's heading: prepared by is its From, the reviewer its To.".to_owned(),
                    detail_fields(Some(&info)),
                );
                open(self, Overlay::Form(Box::new(form)));
            }
            Action::Help => open(self, Overlay::Help),
            _ => {}
        }
        None
    }

    pub(super) fn on_delete(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Confirm(Confirm::Delete(i))) = self.overlay else {
            return None;
        };
        self.overlay = None;
        if action != Action::Yes {
            return None;
        }
        let name = self.screening_name(i);
        Self::save(
            Some(Change::Delete(i)),
            format!("deleted screening {} ({name})", i + 1),
        )
    }

    /// Sure → unsure → contested → sure, for the answer [`App::note_target`] names.
    pub(super) fn cycle_certainty(&mut self) -> Option<Effect> {
        let Some((i, question)) = self.note_target() else {
            self.status =
                Some("Answer the question first: certainty belongs to an answer.".to_owned());
            return None;
        };
        let mut now = Certainty::Sure;
        let next = self.edited(i, |s| {
            if let Some(a) = s.answer(&question) {
                now = next_certainty(a.certainty);
                let _ = screening::annotate(s, &question, Mark::Certainty(now));
            }
        });
        let which = answer_name(&self.session, &question);
        Self::save(next, format!("marked {now}: {which}"))
    }
}
