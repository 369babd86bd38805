//! Presenter mode's live classroom (`--present --live`): the room's state as the presenter
//! sees it (join address, QR code, joined and answered counts, the live tally) and the panel
//! that draws it. The server lives in [`crate::live`]; this side only hears its news
//! ([`Live::hear`]) and publishes what the presenter shows through a callback, so a key never
//! waits on the network.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use crate::live::{Event, Phase, Stage};
use crate::report::teacher_key::letter;

/// The room as the presenter sees it.
pub struct Live {
    /// The join address shown (`http://HOST:PORT/j/CODE`).
    pub address: String,
    /// Other addresses the server answers on (other interfaces), shown smaller.
    pub others: Vec<String>,
    qr: Vec<String>,
    publish: Box<dyn FnMut(Stage)>,
    /// Devices joined.
    pub joined: usize,
    /// The current round (one opening of a question); 0 before the first.
    pub round: u64,
    /// Where the question stands.
    pub phase: Phase,
    /// Each device's vote in the current round.
    votes: HashMap<usize, usize>,
    /// Votes per option in the current round.
    pub counts: Vec<u32>,
    /// Show the QR code (on until the first question opens; `j` toggles).
    pub show_join: bool,
    last: Option<Stage>,
    seq: u64,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live")
            .field("address", &self.address)
            .field("joined", &self.joined)
            .field("round", &self.round)
            .field("phase", &self.phase)
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

impl Live {
    /// The room at `address` (others: further addresses), publishing through `publish`.
    pub fn new(address: String, others: Vec<String>, publish: Box<dyn FnMut(Stage)>) -> Self {
        Live {
            qr: crate::live::net::qr_lines(&address),
            address,
            others,
            publish,
            joined: 0,
            round: 0,
            phase: Phase::Waiting,
            votes: HashMap::new(),
            counts: Vec::new(),
            show_join: true,
            last: None,
            seq: 0,
        }
    }

    /// A new question is shown: nothing open, an empty tally of `options` rows.
    pub fn arrive(&mut self, options: usize) {
        self.phase = Phase::Waiting;
        self.votes.clear();
        self.counts = vec![0; options];
    }

    /// Opens the question for answers: a new round with an empty tally.
    pub fn open(&mut self) {
        if self.phase != Phase::Open {
            self.round += 1;
            self.phase = Phase::Open;
            self.votes.clear();
            self.counts.iter_mut().for_each(|c| *c = 0);
            self.show_join = false;
        }
    }

    /// Locks the question: answers are final.
    pub fn lock(&mut self) {
        if self.phase == Phase::Open {
            self.phase = Phase::Locked;
        }
    }

    /// Devices that answered in this round.
    pub fn answered(&self) -> usize {
        self.votes.len()
    }

    /// Takes the server's news.
    pub fn hear(&mut self, event: Event) {
        match event {
            Event::Joined(n) => self.joined = self.joined.max(n),
            Event::Vote(v) if v.round == self.round && v.option < self.counts.len() => {
                if let Some(before) = self.votes.insert(v.device, v.option) {
                    self.counts[before] = self.counts[before].saturating_sub(1);
                }
                self.counts[v.option] += 1;
            }
            Event::Vote(_) => {}
        }
    }

    /// Publishes `stage` if it differs from the last one published.
    pub fn publish(&mut self, mut stage: Stage) {
        stage.round = self.round;
        stage.phase = self.phase;
        if self.last.as_ref().is_some_and(|l| {
            Stage {
                seq: l.seq,
                ..stage.clone()
            } == *l
        }) {
            return;
        }
        self.seq += 1;
        stage.seq = self.seq;
        self.last = Some(stage.clone());
        (self.publish)(stage);
    }

    /// The one-line status: phase and counts.
    pub fn status(&self) -> String {
        let phase = match self.phase {
            Phase::Waiting => "not open (o opens)",
            Phase::Open => "OPEN (l locks)",
            Phase::Locked => "LOCKED (r reveals)",
            Phase::Revealed => "REVEALED",
        };
        format!(
            "{} of {} answered \u{b7} {phase}",
            self.answered(),
            self.joined
        )
    }
}

/// Tally rows: every option's count and a bar scaled to the number who answered, the court's
/// option marked in words once revealed. `bar` is the bar's width in cells.
pub fn tally_lines(
    counts: &[u32],
    court: Option<usize>,
    revealed: bool,
    bar: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let total: u32 = counts.iter().sum();
    counts
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let width = if total == 0 {
                0
            } else {
                usize::try_from(u64::from(c) * bar as u64 / u64::from(total)).unwrap_or(bar)
            };
            let mark = if revealed && court == Some(i) {
                "  \u{25c0} court"
            } else {
                ""
            };
            Line::from(vec![
                Span::styled(format!(" {} ", letter(i)), theme.key()),
                Span::raw(format!(
                    " {}{} {c:>3} of {total}{mark}",
                    "\u{2588}".repeat(width),
                    " ".repeat(bar - width.min(bar)),
                )),
            ])
        })
        .collect()
}

/// The side panel: the join address, the QR code while wanted, the counts and the tally.
pub fn panel(
    live: &Live,
    frame: &mut Frame<'_>,
    area: Rect,
    court: Option<usize>,
    revealed: bool,
    theme: &Theme,
) {
    let inner = theme.framed(frame, area, " Live class ");
    let mut lines: Vec<Line<'static>> = vec![
        Line::styled("Join:", theme.dim()),
        Line::styled(live.address.clone(), theme.title()),
    ];
    for other in &live.others {
        lines.push(Line::styled(format!("also {other}"), theme.dim()));
    }
    let qr_width = live.qr.first().map_or(0, |l| l.chars().count());
    let fits = usize::from(inner.width) >= qr_width
        && usize::from(inner.height) >= live.qr.len() + lines.len() + 4 + live.counts.len();
    if live.show_join && fits {
        lines.extend(
            live.qr
                .iter()
                .map(|l| Line::styled(l.clone(), Style::default())),
        );
    }
    lines.push(Line::raw(format!("{} joined", live.joined)));
    lines.push(Line::styled(live.status(), theme.title()));
    lines.push(Line::raw(""));
    let bar = usize::from(inner.width)
        .saturating_sub(16 + usize::from(revealed) * 9)
        .max(4);
    lines.extend(tally_lines(&live.counts, court, revealed, bar, theme));
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        inner,
    );
}
