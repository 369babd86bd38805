//! The walk's half of `update`: answering, going back, revising from the map or review, the
//! what-if overlay, scrolling and panel focus, and the export of a reached conclusion.

use super::super::app::{App, Confirm, Effect, Overlay, Screen};
use super::super::export_dialog::{ExportDialog, ExportFormat};
use super::super::matter::{Leave, MatterState};
use super::super::plan::{PANELS, Panel};
use crate::report::{Report, ReportContext, WhatThisDecides, render};
use crate::tui::wrap::one_line;

impl App<'_> {
    /// Starts a walk at once: free (`None`) or on the fact pattern with this id. An unknown id
    /// is an error naming the pack's fact patterns.
    pub fn start_walk(&mut self, case: Option<&str>) -> Result<(), String> {
        let index = match case {
            None => None,
            Some(id) => Some(
                self.pack
                    .cases()
                    .iter()
                    .position(|c| c.id == id)
                    .ok_or_else(|| {
                        let ids: Vec<String> =
                            self.pack.cases().iter().map(|c| one_line(&c.id)).collect();
                        format!(
                            "the pack has no fact pattern {:?}; its fact patterns are: {}",
                            one_line(id),
                            if ids.is_empty() {
                                "(none)".to_owned()
                            } else {
                                ids.join(", ")
                            }
                        )
                    })?,
            ),
        };
        self.begin(index);
        self.settle();
        Ok(())
    }

    /// Opens the what-if overlay on the first other answer at step `step` (or the nearest
    /// step before it that has one). In a fact pattern only at the conclusion: before it, the
    /// delta would show where the court's path goes.
    pub(crate) fn open_what_if(&mut self, step: usize) {
        if self.case.is_some() && !self.session.is_finished() {
            self.status =
                Some("In a fact pattern, what if opens once you reach the conclusion.".to_owned());
            return;
        }
        let choices = self.what_if_choices();
        if choices.is_empty() {
            self.status =
                Some("What if needs an answered question with another answer.".to_owned());
            return;
        }
        let selected = choices
            .iter()
            .position(|&(s, _)| s == step)
            .or_else(|| choices.iter().rposition(|&(s, _)| s < step))
            .unwrap_or(0);
        self.scroll[Panel::Overlay as usize] = 0;
        self.overlay = Some(Overlay::WhatIf { selected });
    }

    /// Applies a what-if: the answer at `step` becomes `option`, later answers kept wherever
    /// the new path passes their questions (exactly what the overlay showed).
    pub(crate) fn apply_what_if(&mut self, step: usize, option: usize) {
        if self.session.revise(step, option).is_ok() {
            self.revising = false;
            self.exported = false;
            self.overlay = None;
            self.arrive();
        }
    }
    pub(crate) fn begin(&mut self, case: Option<usize>) {
        self.case = case;
        self.revealed = false;
        self.session.restart();
        self.screen = Screen::Walk;
        self.exported = false;
        self.revising = false;
        self.status = None;
        self.overlay = None;
        self.arrive();
    }

    /// Resets per-node view state after the session moved.
    pub(crate) fn arrive(&mut self) {
        self.highlight = self
            .session
            .current_question()
            .and_then(|q| self.session.remembered(q))
            .unwrap_or(0);
        self.focus = if self.session.is_finished() {
            Panel::Conclusion
        } else {
            Panel::List
        };
        self.excerpt = 0;
        self.scroll = [0; PANELS];
        self.report = Report::build(
            &self.session,
            &ReportContext::now(env!("CARGO_PKG_VERSION")),
            self.current_case(),
        );
        self.revealed |= self.case.is_some() && self.session.is_finished();
        self.decides = self
            .session
            .current_question()
            .filter(|_| self.case.is_none() || self.revealed)
            .map(|q| WhatThisDecides::build(self.pack, q));
    }

    pub(crate) fn answer(&mut self, option: usize) {
        if self.session.answer(option).is_err() {
            return;
        }
        if self.revising {
            self.session.replay();
            self.revising = false;
        }
        self.exported = false;
        self.arrive();
    }

    pub(crate) fn back(&mut self) -> Option<Effect> {
        self.revising = false;
        if self.session.back() {
            self.exported = false;
            self.arrive();
        } else if self.matter.is_some() {
            return self.leave(Leave::Screenings);
        } else {
            self.screen = Screen::Start;
        }
        None
    }

    pub(crate) fn go_to_step(&mut self, step: usize) {
        if self.session.jump_to(step).is_ok() {
            self.revising = true;
            self.exported = false;
            self.overlay = None;
            self.arrive();
        }
    }

    pub(crate) fn request_quit(&mut self) -> Option<Effect> {
        let asking = matches!(self.overlay, Some(Overlay::Confirm(Confirm::Quit)));
        // A matter is saved at every change: quitting loses nothing (what a failed save left
        // unsaved is saved first, or the user asked).
        if self.matter.is_some() && !asking {
            return self.leave(Leave::Quit);
        }
        if asking || !self.session.is_finished() || self.exported || self.screen == Screen::Start {
            Some(Effect::Quit)
        } else {
            self.overlay = Some(Overlay::Confirm(Confirm::Quit));
            None
        }
    }

    /// Scrolls a text panel by `lines`, clamped to what it holds at this size.
    pub(crate) fn scroll_by(&mut self, panel: Panel, lines: isize) {
        let max = self.plan().max_scroll[panel as usize];
        let now = self.scroll[panel as usize].min(max);
        self.scroll[panel as usize] = now.saturating_add_signed(lines).min(max);
    }

    /// Scrolls a text panel to its top or its bottom.
    pub(crate) fn scroll_to_end(&mut self, panel: Panel, bottom: bool) {
        self.scroll[panel as usize] = if bottom {
            self.plan().max_scroll[panel as usize]
        } else {
            0
        };
    }

    /// A page of `panel`: its visible lines less one, so one line of context stays.
    pub(crate) fn page(&self, panel: Panel) -> isize {
        let rows = self.plan().viewport[panel as usize];
        isize::try_from(usize::from(rows).saturating_sub(1).max(1)).unwrap_or(1)
    }

    /// The text panel ↑/↓ and PgUp/PgDn scroll here (`None` on the answer list).
    pub(crate) fn scroll_target(&self) -> Option<Panel> {
        match (&self.overlay, self.screen, self.session.is_finished()) {
            (Some(Overlay::Help | Overlay::Fit), _, _) => Some(Panel::Overlay),
            (Some(_), _, _) | (None, Screen::Matter, _) => None,
            (None, Screen::Start, _) => Some(Panel::Intro),
            (None, Screen::Walk, true) => Some(Panel::Conclusion),
            (None, Screen::Walk, false) if self.focus == Panel::List => None,
            (None, Screen::Walk, false) => Some(self.focus),
        }
    }
    /// The panels Tab cycles through on the current question, with the excerpt each shows.
    pub(crate) fn panel_cycle(&self) -> Vec<(Panel, usize)> {
        let Some(q) = self.session.current_question() else {
            return Vec::new();
        };
        let mut cycle = vec![(Panel::List, 0), (Panel::Answer, 0), (Panel::Why, 0)];
        let excerpts = self.pack.question(q).excerpts.len();
        cycle.extend((0..excerpts.max(1)).map(|e| (Panel::Excerpt, e)));
        cycle.push((Panel::Decides, 0));
        if self.case.is_some() {
            cycle.push((Panel::Facts, 0));
        }
        cycle
    }

    /// Moves the focus forward or back through the panels (each excerpt is a stop).
    pub(crate) fn cycle_panel(&mut self, forward: bool) {
        let cycle = self.panel_cycle();
        if cycle.is_empty() {
            return;
        }
        let here = cycle
            .iter()
            .position(|&(p, e)| p == self.focus && (p != Panel::Excerpt || e == self.excerpt))
            .unwrap_or(0);
        let next = if forward {
            (here + 1) % cycle.len()
        } else {
            (here + cycle.len() - 1) % cycle.len()
        };
        self.show_panel(cycle[next].0, cycle[next].1);
    }

    pub(crate) fn show_panel(&mut self, panel: Panel, excerpt: usize) {
        if panel == Panel::Excerpt && excerpt != self.excerpt {
            self.scroll[Panel::Excerpt as usize] = 0;
            self.excerpt = excerpt;
        }
        self.focus = panel;
    }

    /// Starts an export of the reached conclusion with the dialog's current choices.
    pub(crate) fn export_effect(&mut self, force: bool) -> Option<Effect> {
        let Some(Overlay::Export(dialog)) = &mut self.overlay else {
            return None;
        };
        let Some(path) = dialog.resolved_path(&self.cwd) else {
            dialog.error = Some("type a file name to export to".to_owned());
            return None;
        };
        // The export carries the time it was written, not the time the conclusion was reached.
        let context = ReportContext::now(env!("CARGO_PKG_VERSION"));
        let format = match dialog.selected_format() {
            ExportFormat::Report(format) => format,
            ExportFormat::Memo(format) => {
                let Some(file) = self.matter.as_ref().and_then(MatterState::file) else {
                    dialog.error = Some("the matter has not been created yet".to_owned());
                    return None;
                };
                // The matter itself is never the memo's file; another matter open elsewhere
                // (locked) is refused too. Overwriting any other file is confirmed as usual.
                if let Some(matter) = self.matter.as_ref()
                    && let Err(reason) =
                        crate::matter::memo::guard_output(&matter.path, &path, true)
                {
                    dialog.error = Some(crate::text::Clean::line(&reason).into_string());
                    return None;
                }
                let memo = crate::matter::memo::Memo::build(file, self.pack, &context);
                return match memo.render_with_warning(format, crate::matter::memo::Appendix::Full) {
                    Ok((contents, warning)) => {
                        dialog.warning = warning;
                        Some(Effect::Write {
                            path,
                            contents,
                            force,
                        })
                    }
                    Err(reason) => {
                        dialog.error = Some(crate::text::Clean::line(&reason).into_string());
                        None
                    }
                };
            }
        };
        let case = self.case.and_then(|i| self.pack.cases().get(i));
        let Some(report) = Report::build(&self.session, &context, case) else {
            dialog.error = Some("there is no conclusion to export yet".to_owned());
            return None;
        };
        let contents = render(&report, format).into_bytes();
        Some(Effect::Write {
            path,
            contents,
            force,
        })
    }

    /// Opens the export dialog with a default name that says what the file is and names no
    /// existing file.
    pub(crate) fn open_export(&mut self) {
        if let Some(matter) = &self.matter {
            let date = chrono::Local::now().format("%Y-%m-%d");
            let stem = format!("{}-memo-{date}", matter.caption().replace(' ', "-"));
            self.overlay = Some(Overlay::Export(Box::new(ExportDialog::memo(
                &stem,
                self.cwd.clone(),
            ))));
            return;
        }
        let Some(report) = &self.report else {
            return;
        };
        let subject = self
            .current_case()
            .map_or_else(|| self.pack.id().to_owned(), |c| c.id.to_string());
        // The local date, as the report's own time is local.
        let date = chrono::Local::now().format("%Y-%m-%d");
        let stem = format!("{subject}-{}-{date}", report.conclusion.id);
        self.overlay = Some(Overlay::Export(Box::new(ExportDialog::new(
            &stem,
            self.cwd.clone(),
        ))));
    }
}
