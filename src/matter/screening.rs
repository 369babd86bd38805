//! The one set of rules for changing a screening, used by every front end: the full screen
//! (`tui::matter`), the line mode (`plain::matter`) and the command line (`immunity matter`).
//! None of them re-implements a rule here; each only asks and says.
//!
//! - **Add, duplicate, delete, rename, set role and act** change the matter's list.
//! - **Open** turns a screening's saved answers into a walk ([`open`]); the walk is moved by
//!   the walkthrough's own session (answer, go back, go to a step), and [`restart`] means one
//!   thing everywhere: back to the first question with every answer kept (nothing is cleared;
//!   answering differently changes an answer, and its notes are flagged, never lost).
//! - **Save** writes the walk back into the screening ([`synced`]): the answers on the path in
//!   order, then the answers the path no longer asks (kept: they count again if an earlier
//!   answer changes), then the saved answers the pack does not know (kept as they were).
//! - **Answer from the command line** ([`apply_answers`]) changes or adds answers by id and
//!   follows the remembered answers forward as far as the path still passes through them.
//! - **Note, cite, mark** ([`annotate`]) edit what an answer rests on. A note, its cites and its
//!   mark belong to the answer they were written for: [`Answer::written_for`] records that
//!   option. When the answer changes they are kept and flagged ([`Answer::is_stale`]); keeping
//!   re-attaches them to the answer now given, editing re-attaches what is edited, dropping
//!   removes them.
//!
//! Over 400 lines because it is the one place every rule of changing a screening stands, which is
//! its point, with its tests beside them; the words the front ends show stand in
//! `screening/words.rs`.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Answer, Certainty, MatterFile, PackRef, Screening};
use crate::engine::{self, EngineError, Session};
use crate::pack::Pack;

pub mod words;

/// A screening asked for that the matter does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScreeningError {
    /// No screening with this 0-based index.
    #[error("there is no screening {}; the matter has {count}", .index + 1)]
    NoScreening {
        /// The 0-based index asked for.
        index: usize,
        /// How many the matter has.
        count: usize,
    },
    /// The screening has no answer to this question.
    #[error("this screening has no answer to question {0:?}; answer it first")]
    NoAnswer(String),
    /// The defendant's name is empty.
    #[error("the defendant's name is empty")]
    EmptyName,
    /// A cite number out of range.
    #[error("there is no record cite {number}; the answer has {count}")]
    NoCite {
        /// 1-based number asked for.
        number: usize,
        /// How many cites the answer has.
        count: usize,
    },
}

/// A change to what an answer rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// Sets (`Some`) or removes (`None`) the note. Re-attaches the rest to the answer given.
    Note(Option<String>),
    /// Adds a record cite.
    Cite(String),
    /// Replaces every record cite.
    Cites(Vec<String>),
    /// Removes record cite N (1-based).
    Uncite(usize),
    /// Sure, unsure or contested.
    Certainty(Certainty),
    /// Keeps a flagged note, cites and mark: they now belong to the answer given.
    Keep,
    /// Drops a flagged (or any) note, cites and mark.
    Drop,
}

impl Answer {
    /// An answer with nothing written on it.
    pub fn new(question: impl Into<String>, option: impl Into<String>) -> Self {
        Self {
            question: question.into().into(),
            option: option.into().into(),
            note: None,
            cites: Vec::new(),
            certainty: Certainty::Sure,
            written_for: None,
        }
    }

    /// True when a note, a cite or an unsure or contested mark is written on the answer.
    pub fn is_annotated(&self) -> bool {
        self.note.is_some() || !self.cites.is_empty() || self.certainty.is_uncertain()
    }

    /// The option the note, cites and mark were written for: the one recorded, or (a matter
    /// written before this was recorded) the answer they sit under.
    pub fn written_for(&self) -> &str {
        self.written_for.as_deref().unwrap_or(&self.option)
    }

    /// True when the note, cites or mark were written for an earlier answer than this one.
    pub fn is_stale(&self) -> bool {
        self.is_annotated() && self.written_for() != self.option
    }

    /// Records the answer given as the one the annotations are for (none without any).
    fn attach(&mut self) {
        self.written_for = self.is_annotated().then(|| self.option.clone());
    }

    /// Changes the option; annotations written for another answer stay, flagged.
    fn change_option(&mut self, option: &str) {
        if self.option == option {
            return;
        }
        if self.is_annotated() && self.written_for.is_none() {
            self.written_for = Some(self.option.clone());
        }
        self.option = option.into();
    }
}

/// A change to a matter's screenings or details, as a value: what the full screen hands its
/// run loop to save ([`apply`]), so a change to one screening of thousands never copies them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Adds a screening at the end.
    Add(Box<Screening>),
    /// Puts a screening at N (what undoes a delete).
    Insert(usize, Box<Screening>),
    /// Copies screening N right after it, named "NAME (copy)".
    Duplicate(usize),
    /// Deletes screening N.
    Delete(usize),
    /// Screening N becomes this (a walk saved, a note, a mark, a rename).
    Replace(usize, Box<Screening>),
    /// The matter's caption, court, docket, people.
    Details(Box<super::MatterInfo>),
}

/// Applies `change` to `file`; returns the change that undoes it (for a save that fails).
pub fn apply(file: &mut MatterFile, change: Change) -> Result<Change, ScreeningError> {
    Ok(match change {
        Change::Add(s) => Change::Delete(add(file, *s)),
        Change::Insert(i, s) => {
            if i > file.screenings.len() {
                return Err(ScreeningError::NoScreening {
                    index: i,
                    count: file.screenings.len(),
                });
            }
            file.screenings.insert(i, *s);
            Change::Delete(i)
        }
        Change::Duplicate(i) => Change::Delete(duplicate(file, i, None)?),
        Change::Delete(i) => Change::Insert(i, Box::new(delete(file, i)?)),
        Change::Replace(i, s) => {
            check(file, i)?;
            Change::Replace(i, Box::new(std::mem::replace(&mut file.screenings[i], *s)))
        }
        Change::Details(info) => {
            // `updated` is the save's to stamp.
            let updated = file.matter.updated.take();
            let old = std::mem::replace(&mut file.matter, *info);
            file.matter.updated = updated;
            Change::Details(Box::new(old))
        }
    })
}

/// A new screening of `defendant` for `act` (and `role`), against `pack`, with no answers.
/// Text is trimmed; an empty act or role is none.
pub fn new_screening(
    defendant: &str,
    role: Option<&str>,
    act: Option<&str>,
    pack: &Pack,
) -> Result<Screening, ScreeningError> {
    let defendant = defendant.trim();
    if defendant.is_empty() {
        return Err(ScreeningError::EmptyName);
    }
    Ok(Screening {
        defendant: defendant.into(),
        role: optional(role).map(Into::into),
        act: optional(act).map(Into::into),
        pack: PackRef::of(pack),
        answers: Vec::new(),
    })
}

fn optional(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

fn check(file: &MatterFile, index: usize) -> Result<(), ScreeningError> {
    if index < file.screenings.len() {
        Ok(())
    } else {
        Err(ScreeningError::NoScreening {
            index,
            count: file.screenings.len(),
        })
    }
}

/// Adds `screening` at the end; its index.
pub fn add(file: &mut MatterFile, screening: Screening) -> usize {
    file.screenings.push(screening);
    file.screenings.len() - 1
}

/// Copies screening `index` (answers, notes, cites and marks with it) right after it, named
/// `name` or "NAME (copy)"; the copy's index.
pub fn duplicate(
    file: &mut MatterFile,
    index: usize,
    name: Option<&str>,
) -> Result<usize, ScreeningError> {
    check(file, index)?;
    let mut copy = file.screenings[index].clone();
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => copy.defendant = name.into(),
        None => copy.defendant = format!("{} (copy)", copy.defendant).into(),
    }
    file.screenings.insert(index + 1, copy);
    Ok(index + 1)
}

/// Deletes screening `index`; returns it.
pub fn delete(file: &mut MatterFile, index: usize) -> Result<Screening, ScreeningError> {
    check(file, index)?;
    Ok(file.screenings.remove(index))
}

/// Renames screening `index`: the defendant, and the role and act (`None` leaves one as it is,
/// `Some("")` removes it).
pub fn rename(
    file: &mut MatterFile,
    index: usize,
    defendant: &str,
    role: Option<&str>,
    act: Option<&str>,
) -> Result<(), ScreeningError> {
    check(file, index)?;
    rename_screening(&mut file.screenings[index], defendant, role, act)
}

/// [`rename`] on the screening itself.
pub fn rename_screening(
    s: &mut Screening,
    defendant: &str,
    role: Option<&str>,
    act: Option<&str>,
) -> Result<(), ScreeningError> {
    let defendant = defendant.trim();
    if defendant.is_empty() {
        return Err(ScreeningError::EmptyName);
    }
    s.defendant = defendant.into();
    if role.is_some() {
        s.role = optional(role).map(Into::into);
    }
    if act.is_some() {
        s.act = optional(act).map(Into::into);
    }
    Ok(())
}

/// The walk a screening's saved answers lead to: every answer that fits the pack remembered,
/// followed from the start as far as they go.
pub fn open<'p>(screening: &Screening, pack: &'p Pack) -> Session<'p> {
    Session::resume(pack, screening.fit(pack).answers)
}

/// Restart, as every front end means it: back to the first question, every answer kept.
pub fn restart(session: &mut Session<'_>) {
    if !session.history().is_empty() {
        // Step 0 exists when the path is not empty.
        let _ = session.jump_to(0);
    }
}

/// `saved` with its answers made what `session` remembers (see the module's order). A note,
/// its cites and mark stay with their question; when the option changes they are flagged as
/// written for the earlier answer. The pack reference becomes this pack's once the answers
/// change.
pub fn synced(saved: &Screening, session: &Session<'_>, pack: &Pack) -> Screening {
    let remembered = session.answers();
    let old: HashMap<&str, &Answer> = saved
        .answers
        .iter()
        .map(|a| (a.question.as_str(), a))
        .collect();
    let make = |q: usize, o: usize| {
        let question = pack.question(q);
        let option = &question.options[o].id;
        match old.get(question.id.as_str()) {
            Some(a) => {
                let mut a = (*a).clone();
                a.change_option(option);
                a
            }
            None => Answer::new(question.id.clone(), option.clone()),
        }
    };
    let mut done: HashSet<usize> = HashSet::new();
    let mut out = Vec::with_capacity(remembered.len());
    for step in session.history() {
        if done.insert(step.question) {
            out.push(make(step.question, step.option));
        }
    }
    let mut misfits = Vec::new();
    for a in &saved.answers {
        match pack.question_index(&a.question) {
            Some(q) if done.contains(&q) => {}
            Some(q) => match remembered.get(&q) {
                Some(&o) => {
                    done.insert(q);
                    out.push(make(q, o));
                }
                // Saved, but not an option the pack has: kept as it was. (One the session
                // forgot and the pack knows cannot happen: restart keeps every answer.)
                None => misfits.push(a.clone()),
            },
            None => misfits.push(a.clone()),
        }
    }
    let mut rest: Vec<(usize, usize)> = remembered
        .iter()
        .filter(|(q, _)| !done.contains(q))
        .map(|(&q, &o)| (q, o))
        .collect();
    rest.sort_unstable();
    out.extend(rest.into_iter().map(|(q, o)| make(q, o)));
    out.extend(misfits);
    let mut next = saved.clone();
    if next.answers != out {
        next.answers = out;
        next.pack = PackRef::of(pack);
    }
    next
}

/// What [`apply_answers`] did.
#[derive(Debug, Clone)]
pub struct Applied<'p> {
    /// The screening with the answers applied.
    pub screening: Screening,
    /// The walk they lead to.
    pub session: Session<'p>,
    /// Question ids answered but not on the path (kept off it), in the screening's order.
    pub off_path: Vec<String>,
    /// Question ids whose answer changed while a note, cite or mark was on it (now flagged).
    pub flagged: Vec<String>,
}

/// Continues or changes a screening from the command line: each `given` answer (question id →
/// option id) replaces or adds to the saved ones, and the walk follows the remembered answers
/// from the start as far as the path passes through them. Unknown ids are errors naming the
/// valid ones; nothing is changed then.
pub fn apply_answers<'p>(
    saved: &Screening,
    pack: &'p Pack,
    given: &BTreeMap<String, String>,
) -> Result<Applied<'p>, EngineError> {
    let resolved = engine::resolve_answers(pack, given)?;
    let mut answers = saved.fit(pack).answers;
    answers.extend(resolved);
    let session = Session::resume(pack, answers);
    let screening = synced(saved, &session, pack);
    let on_path: HashSet<usize> = session.history().iter().map(|s| s.question).collect();
    let off_path = screening
        .answers
        .iter()
        .filter(|a| {
            pack.question_index(&a.question)
                .is_some_and(|q| !on_path.contains(&q) && session.remembered(q).is_some())
        })
        .map(|a| a.question.to_string())
        .collect();
    let flagged = screening
        .answers
        .iter()
        .filter(|a| {
            a.is_stale()
                && saved
                    .answer(&a.question)
                    .is_some_and(|b| b.option != a.option)
        })
        .map(|a| a.question.to_string())
        .collect();
    Ok(Applied {
        screening,
        session,
        off_path,
        flagged,
    })
}

/// Applies `mark` to the answer to question id `question`. Editing a note, a cite or a mark
/// re-attaches them all to the answer now given (the person has looked at them again).
pub fn annotate(
    screening: &mut Screening,
    question: &str,
    mark: Mark,
) -> Result<(), ScreeningError> {
    let a = screening
        .answers
        .iter_mut()
        .find(|a| a.question == question)
        .ok_or_else(|| ScreeningError::NoAnswer(question.to_owned()))?;
    match mark {
        Mark::Note(note) => a.note = note.filter(|n| !n.trim().is_empty()).map(Into::into),
        Mark::Cite(cite) => a.cites.push(cite.into()),
        Mark::Cites(cites) => a.cites = cites.into_iter().map(Into::into).collect(),
        Mark::Uncite(n) => {
            if n == 0 || n > a.cites.len() {
                return Err(ScreeningError::NoCite {
                    number: n,
                    count: a.cites.len(),
                });
            }
            a.cites.remove(n - 1);
        }
        Mark::Certainty(c) => a.certainty = c,
        Mark::Keep => {}
        Mark::Drop => {
            a.note = None;
            a.cites.clear();
            a.certainty = Certainty::Sure;
        }
    }
    a.attach();
    Ok(())
}

/// The next certainty in the cycle sure → unsure → contested → sure.
pub fn next_certainty(c: Certainty) -> Certainty {
    match c {
        Certainty::Sure => Certainty::Unsure,
        Certainty::Unsure => Certainty::Contested,
        Certainty::Contested => Certainty::Sure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matter::MatterInfo;
    use crate::pack::testing::{answer_ids, court};

    fn file() -> MatterFile {
        MatterFile::new(MatterInfo::captioned("Doe v. Roe"))
    }

    #[test]
    fn a_note_stays_flagged_when_its_answer_changes_and_keep_clears_the_flag() {
        let pack = court();
        let first = &pack.question(pack.start());
        let (q, yes, no) = (
            first.id.clone(),
            first.options[0].id.clone(),
            first.options[1].id.clone(),
        );
        let (a, b) = (&yes, &no);
        let blank = new_screening("Judge", None, None, &pack).unwrap();
        let mut s = apply_answers(&blank, &pack, &answer_ids(&[(&q, a)]))
            .unwrap()
            .screening;
        annotate(&mut s, &q, Mark::Note(Some("why".into()))).unwrap();
        assert_eq!(
            s.answer(&q).unwrap().written_for.as_deref(),
            Some(a.as_str())
        );
        let applied = apply_answers(&s, &pack, &answer_ids(&[(&q, b)])).unwrap();
        let changed = applied.screening.answer(&q).unwrap();
        assert_eq!(changed.note.as_deref(), Some("why"));
        assert!(changed.is_stale());
        assert_eq!(changed.written_for(), a);
        assert_eq!(applied.flagged, vec![q.clone()]);
        // Changing back makes it current again, without a keep.
        let back = apply_answers(&applied.screening, &pack, &answer_ids(&[(&q, a)])).unwrap();
        assert!(!back.screening.answer(&q).unwrap().is_stale());
        let mut kept = applied.screening.clone();
        annotate(&mut kept, &q, Mark::Keep).unwrap();
        assert!(!kept.answer(&q).unwrap().is_stale());
        let mut dropped = applied.screening;
        annotate(&mut dropped, &q, Mark::Drop).unwrap();
        let gone = dropped.answer(&q).unwrap();
        assert!(gone.note.is_none() && gone.written_for.is_none() && !gone.is_stale());
    }

    #[test]
    fn a_note_from_an_old_matter_belongs_to_the_answer_it_sits_under() {
        let mut a = Answer::new("q", "yes");
        a.note = Some("old".into());
        assert!(!a.is_stale());
        assert_eq!(a.written_for(), "yes");
        a.change_option("no");
        assert!(a.is_stale());
        assert_eq!(a.written_for(), "yes");
    }

    #[test]
    fn restart_keeps_every_answer_and_duplicate_delete_rename_say_what_is_missing() {
        let pack = court();
        let first = pack.question(pack.start());
        let s = new_screening("Judge", Some(" "), Some("act"), &pack).unwrap();
        assert_eq!(s.role, None);
        let applied =
            apply_answers(&s, &pack, &answer_ids(&[(&first.id, &first.options[0].id)])).unwrap();
        let mut session = applied.session.clone();
        restart(&mut session);
        assert!(session.history().is_empty());
        assert_eq!(
            synced(&applied.screening, &session, &pack),
            applied.screening
        );
        let mut f = file();
        add(&mut f, applied.screening);
        assert_eq!(duplicate(&mut f, 0, None), Ok(1));
        assert_eq!(f.screenings[1].defendant, "Judge (copy)");
        assert_eq!(
            duplicate(&mut f, 5, None),
            Err(ScreeningError::NoScreening { index: 5, count: 2 })
        );
        rename(&mut f, 1, "Clerk", Some("court clerk"), None).unwrap();
        assert_eq!(f.screenings[1].role.as_deref(), Some("court clerk"));
        assert_eq!(f.screenings[1].act.as_deref(), Some("act"));
        assert_eq!(delete(&mut f, 0).unwrap().defendant, "Judge");
        assert_eq!(f.screenings.len(), 1);
        // Every change as a value undoes to the matter it was applied to.
        let before = f.clone();
        let renamed = {
            let mut s = f.screenings[0].clone();
            rename_screening(&mut s, "Renamed", None, Some("")).unwrap();
            s
        };
        for change in [
            Change::Duplicate(0),
            Change::Delete(0),
            Change::Add(Box::new(renamed.clone())),
            Change::Insert(1, Box::new(renamed.clone())),
            Change::Replace(0, Box::new(renamed)),
        ] {
            let undo = apply(&mut f, change.clone()).unwrap();
            assert_ne!(f, before, "{change:?}");
            apply(&mut f, undo).unwrap();
            assert_eq!(f, before, "{change:?} undone");
        }
        assert!(apply(&mut f, Change::Delete(7)).is_err());
        assert_eq!(f, before);
    }
}
