//! Presenter mode, `immunity --present`: the walkthrough for a projector.
//!
//! One question fills the screen: no side panels, options lettered (drawn as big letters when
//! the terminal is large enough to read from the back of a room), high contrast that reads the
//! same under `NO_COLOR` (reverse video and bold, never colour alone). Everything that would
//! give the answer away stays hidden until the presenter reveals it: the court's answer (with
//! `--case`), the option's note and the excerpts. The presenter can type the room's count for
//! each option (digits are masked as they are typed); the bar chart appears only when revealed.
//! `m` shows the map with the current path lit, `?` every key.
//!
//! With `--live` ([`Present::with_live`]) the room answers from its own browsers: `o` opens the
//! question, `l` locks it, `r` reveals, Enter or `n` goes on, and the tally fills in from the
//! students' votes in a side panel ([`super::present_live`]). Letters choose options whatever
//! their case; a letter that is a command key never chooses (its option is reached with the
//! arrows), and back is Backspace or the left arrow, never a letter.
//!
//! The Elm Architecture, like the quiz: [`Present`] is the state, [`Msg`] the messages,
//! [`Present::update`] the update, [`view`] draws, and [`KEYS`] is the one key table.

use std::collections::HashMap;
use std::sync::mpsc::Receiver;

use ratatui::backend::Backend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::{Frame, Terminal};
use tui_big_text::{BigText, PixelSize};

use super::present_keys::{self, is_command};
pub use super::present_keys::{Binding, KEYS};
use super::present_live::{Live, panel, tally_lines};
use super::{Console, Ending, Input, Theme};
use crate::engine::{Answers, Session, resolve_answers};
use crate::pack::{Node, Pack};
use crate::report::grounds::first_excerpt;
use crate::report::teacher_key::letter;
use crate::report::{cite_excerpt, excerpt_badges};
use crate::results::score::{PathPlace, path_place};
use crate::text::sanitize_line;

/// What the presenter can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// Highlight the previous option (or, while typing the tally, the previous count).
    Up,
    /// Highlight the next option (or the next count).
    Down,
    /// Highlight option `n`.
    Pick(usize),
    /// Answer with the highlighted option and go on.
    Go,
    /// Back one question.
    Back,
    /// Reveal or hide the court's answer, the notes and the excerpts.
    Reveal,
    /// Start or stop typing the room's counts.
    Tally,
    /// A digit of the count being typed.
    Digit(u8),
    /// Delete the last digit of the count being typed.
    Erase,
    /// Show or hide the bar chart of the counts.
    Chart,
    /// Show or hide the map.
    Map,
    /// Scroll down a page (when the question does not fit).
    PageDown,
    /// Scroll up a page.
    PageUp,
    /// Leave.
    Quit,
    /// Live: open the question for answers.
    Open,
    /// Live: lock it.
    Lock,
    /// Live: show or hide the join QR code.
    Join,
    /// Show or hide every key.
    Help,
}

/// The presenter's state.
#[derive(Debug)]
#[allow(clippy::struct_excessive_bools)] // independent toggles the presenter flips
pub struct Present<'p> {
    pack: &'p Pack,
    theme: Theme,
    case: Option<usize>,
    court: Answers,
    session: Session<'p>,
    selected: usize,
    revealed: bool,
    tally: Vec<u32>,
    /// The option whose count is being typed.
    typing: Option<usize>,
    chart: bool,
    map: bool,
    /// Lines scrolled down when the question does not fit the screen.
    scroll: u16,
    /// Set when the presenter leaves.
    pub quit: bool,
    /// The live classroom, with `--live`.
    pub live: Option<Live>,
    /// The room's counts per question, as last tallied (live or typed): the conclusion says
    /// where the room's majority left the court's path.
    room_counts: HashMap<usize, Vec<u32>>,
    help: bool,
    /// Fact patterns still to present, in order (`--case` given more than once).
    queue: Vec<usize>,
    /// Fact patterns presented and left: (fact pattern, conclusion reached, the path).
    finished: Vec<Presented>,
}

/// A fact pattern as the room walked it: the fact pattern, the conclusion reached (if any) and
/// the path, each question with the option the room went on with.
pub type Presented = (usize, Option<usize>, Vec<(usize, usize)>);

impl<'p> Present<'p> {
    /// Presenter mode over `pack`, on fact pattern `case` (an index) if given.
    pub fn new(pack: &'p Pack, case: Option<usize>, theme: Theme) -> Self {
        let court = case
            .and_then(|c| resolve_answers(pack, &pack.cases()[c].answers).ok())
            .unwrap_or_default();
        let mut p = Self {
            pack,
            theme,
            case,
            court,
            session: Session::new(pack),
            selected: 0,
            revealed: false,
            tally: Vec::new(),
            typing: None,
            chart: false,
            map: false,
            scroll: 0,
            quit: false,
            live: None,
            room_counts: HashMap::new(),
            queue: Vec::new(),
            finished: Vec::new(),
            help: false,
        };
        p.arrive();
        p
    }

    /// Presents `cases` after the first, one after another: at a conclusion, Enter or `n`
    /// goes on to the next fact pattern.
    #[must_use]
    pub fn with_cases(mut self, cases: Vec<usize>) -> Self {
        self.queue = cases;
        self
    }

    /// Every fact pattern presented so far, the current one last.
    pub fn presented(&self) -> Vec<Presented> {
        let mut all = self.finished.clone();
        if let Some(case) = self.case {
            all.push((case, self.session.conclusion(), self.path()));
        }
        all
    }

    fn path(&self) -> Vec<(usize, usize)> {
        self.session
            .history()
            .iter()
            .map(|s| (s.question, s.option))
            .collect()
    }

    /// Leaves a finished fact pattern for the next one in the queue.
    fn next_case(&mut self) -> bool {
        if self.queue.is_empty() || self.session.conclusion().is_none() {
            return false;
        }
        let next = self.queue.remove(0);
        if let Some(case) = self.case {
            self.finished
                .push((case, self.session.conclusion(), self.path()));
        }
        self.case = Some(next);
        self.court =
            resolve_answers(self.pack, &self.pack.cases()[next].answers).unwrap_or_default();
        self.session = Session::new(self.pack);
        self.room_counts.clear();
        self.map = false;
        true
    }

    /// Presenter mode with the room answering live.
    #[must_use]
    pub fn with_live(mut self, live: Live) -> Self {
        self.live = Some(live);
        self.arrive();
        self.sync();
        self
    }

    /// The court's answers on the fact pattern (empty without one).
    pub fn court(&self) -> &Answers {
        &self.court
    }

    /// The session walked.
    pub fn session(&self) -> &Session<'p> {
        &self.session
    }

    /// The counts shown for the current question: the live tally, else the typed one.
    fn counts(&self) -> &[u32] {
        self.live.as_ref().map_or(&self.tally, |l| &l.counts)
    }

    /// Keeps the room's counts for the conclusion and publishes the stage to the students.
    fn sync(&mut self) {
        if let Some(q) = self.session.current_question() {
            let counts = self.counts().to_vec();
            if counts.iter().any(|&c| c > 0) {
                self.room_counts.insert(q, counts);
            }
        }
        let stage = crate::live::Stage {
            case: self.case,
            question: self.session.current_question(),
            step: self.session.history().len() + 1,
            conclusion: self.session.conclusion(),
            path: self
                .session
                .history()
                .iter()
                .map(|s| (s.question, s.option))
                .collect(),
            ..crate::live::Stage::default()
        };
        if let Some(live) = &mut self.live {
            if self.revealed
                && (live.phase != crate::live::Phase::Waiting
                    || self.session.conclusion().is_some())
            {
                live.phase = crate::live::Phase::Revealed;
            } else if !self.revealed && live.phase == crate::live::Phase::Revealed {
                live.phase = crate::live::Phase::Locked;
            }
            live.publish(stage);
        }
    }

    /// The first question on the walk where the room's majority answer (as tallied) was not
    /// the court's: (step number, the room's option, the court's option).
    pub fn majority_departure(&self) -> Option<(usize, usize, usize)> {
        self.session
            .history()
            .iter()
            .enumerate()
            .find_map(|(n, s)| {
                let court = *self.court.get(&s.question)?;
                let counts = self.room_counts.get(&s.question)?;
                let most = *counts.iter().max()?;
                let top: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] == most).collect();
                (most > 0 && !top.contains(&court)).then(|| (n + 1, top[0], court))
            })
    }

    /// Resets what belongs to one question when a question (or the conclusion) is shown.
    fn arrive(&mut self) {
        let options = self.options();
        self.selected = self
            .session
            .current_question()
            .and_then(|q| self.session.remembered(q))
            .unwrap_or(0);
        self.revealed = false;
        self.tally = vec![0; options];
        if let Some(live) = &mut self.live {
            live.arrive(options);
        }
        self.typing = None;
        self.chart = false;
        self.scroll = 0;
    }

    fn options(&self) -> usize {
        self.session
            .current_question()
            .map_or(0, |q| self.pack.question(q).options.len())
    }

    /// The message for a key.
    pub fn message(&self, key: &KeyEvent) -> Option<Msg> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return matches!(key.code, KeyCode::Char('c')).then_some(Msg::Quit);
        }
        if self.typing.is_some() {
            return match key.code {
                KeyCode::Char(c @ '0'..='9') => Some(Msg::Digit(c as u8 - b'0')),
                KeyCode::Backspace => Some(Msg::Erase),
                KeyCode::Up | KeyCode::BackTab => Some(Msg::Up),
                KeyCode::Down | KeyCode::Tab => Some(Msg::Down),
                KeyCode::Enter | KeyCode::Esc | KeyCode::Char('t') => Some(Msg::Tally),
                _ => None,
            };
        }
        let live = self.live.is_some();
        match key.code {
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Msg::PageDown),
            KeyCode::PageUp => Some(Msg::PageUp),
            KeyCode::Esc => Some(Msg::Quit),
            KeyCode::Up => Some(Msg::Up),
            KeyCode::Down => Some(Msg::Down),
            KeyCode::Enter => Some(Msg::Go),
            KeyCode::Backspace | KeyCode::Left => Some(Msg::Back),
            KeyCode::Char('?') => Some(Msg::Help),
            // A letter means one thing whatever its case: a command if it is one, else the
            // option with that letter.
            KeyCode::Char(c) if c.is_ascii_alphabetic() => match c.to_ascii_lowercase() {
                'q' => Some(Msg::Quit),
                'n' => Some(Msg::Go),
                'r' => Some(Msg::Reveal),
                't' if !live => Some(Msg::Tally),
                'v' => Some(Msg::Chart),
                'm' => Some(Msg::Map),
                'o' if live => Some(Msg::Open),
                'l' if live => Some(Msg::Lock),
                'j' if live => Some(Msg::Join),
                c if is_command(c) => None,
                c => Some(Msg::Pick(usize::from(c as u8 - b'a'))),
            },
            _ => None,
        }
    }

    /// Applies a message, then tells the room what is shown.
    pub fn update(&mut self, msg: Msg) {
        self.apply(msg);
        self.sync();
    }

    fn apply(&mut self, msg: Msg) {
        let options = self.options();
        match (self.typing, msg) {
            (_, Msg::Quit) => self.quit = true,
            (Some(at), Msg::Digit(d)) => {
                let count = &mut self.tally[at];
                *count = count
                    .saturating_mul(10)
                    .saturating_add(u32::from(d))
                    .min(99_999);
            }
            (Some(at), Msg::Erase) => self.tally[at] /= 10,
            (Some(at), Msg::Up) => self.typing = Some(at.saturating_sub(1)),
            (Some(at), Msg::Down) => self.typing = Some((at + 1) % options.max(1)),
            (Some(_), Msg::Tally) => self.typing = None,
            (None, Msg::Up) => self.selected = self.selected.saturating_sub(1),
            (None, Msg::Down) => self.selected = (self.selected + 1).min(options.saturating_sub(1)),
            (None, Msg::Pick(n)) if n < options => self.selected = n,
            (None, Msg::Go) if options == 0 && self.next_case() => self.arrive(),
            (None, Msg::Go) if options > 0 && self.session.answer(self.selected).is_ok() => {
                self.arrive();
            }
            (None, Msg::Back) if self.session.back() => self.arrive(),
            (None, Msg::Reveal) => {
                self.revealed = !self.revealed;
                if let Some(live) = &mut self.live {
                    live.lock();
                }
            }
            (None, Msg::Open) if options > 0 => {
                if let Some(live) = &mut self.live {
                    live.open();
                }
                self.revealed = false;
            }
            (None, Msg::Lock) => {
                if let Some(live) = &mut self.live {
                    live.lock();
                }
            }
            (None, Msg::Join) => {
                if let Some(live) = &mut self.live {
                    live.show_join = !live.show_join;
                }
            }
            (_, Msg::Help) => self.help = !self.help,
            (None, Msg::Tally) if options > 0 => self.typing = Some(0),
            (None, Msg::Chart) => self.chart = !self.chart,
            (None, Msg::Map) => self.map = !self.map,
            (None, Msg::PageDown) => self.scroll = self.scroll.saturating_add(8),
            (None, Msg::PageUp) => self.scroll = self.scroll.saturating_sub(8),
            _ => {}
        }
    }
}

/// The side panel's width in live mode, when the screen is wide enough for one.
const PANEL: u16 = 44;

/// Draws presenter mode.
pub fn view(p: &Present<'_>, frame: &mut Frame<'_>) {
    let [body, footer] = frame.area().layout(&Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
    ]));
    let body = match &p.live {
        Some(live) if body.width >= 100 => {
            let [main, side] = body.layout(&Layout::horizontal([
                Constraint::Min(1),
                Constraint::Length(PANEL),
            ]));
            let court = p
                .session
                .current_question()
                .and_then(|q| p.court.get(&q).copied());
            panel(live, frame, side, court, p.revealed, &p.theme);
            main
        }
        Some(live) => {
            // Too narrow for a panel: the address and the counts on one line above.
            let [top, main] = body.layout(&Layout::vertical([
                Constraint::Length(1),
                Constraint::Min(1),
            ]));
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(live.address.clone(), p.theme.title()),
                    Span::raw(format!("  {}", live.status())),
                ])),
                top,
            );
            main
        }
        None => body,
    };
    if p.help {
        present_keys::help(frame, body, &p.theme, p.live.is_some());
    } else if p.map {
        map(p, frame, body);
    } else {
        match p.session.current() {
            Node::Question(q) => question(p, frame, body, q),
            Node::Conclusion(c) => conclusion(p, frame, body, c),
        }
    }
    present_keys::footer(
        frame,
        footer,
        &p.theme,
        p.typing.is_some(),
        matches!(p.session.current(), Node::Question(_)),
        p.live.is_some(),
    );
}

/// Big letters only where they can be read and still leave room for the labels.
fn big(area: Rect, options: usize) -> bool {
    area.width >= 100 && usize::from(area.height) >= 16 + 5 * options
}

/// Rows `text` takes when wrapped to `width` columns (at least one).
fn rows(text: &str, width: u16) -> u16 {
    let lines = textwrap::wrap(text, usize::from(width.max(1))).len().max(1);
    u16::try_from(lines).unwrap_or(u16::MAX)
}

fn question(p: &Present<'_>, frame: &mut Frame<'_>, area: Rect, q: usize) {
    let question = p.pack.question(q);
    let step = p.session.history().len() + 1;
    let block = Block::bordered()
        .title(Span::styled(format!(" Question {step} "), p.theme.title()))
        .border_style(p.theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let court = p.court.get(&q).copied();
    let facts = p
        .case
        .map(|i| sanitize_line(&p.pack.cases()[i].facts))
        .unwrap_or_default();
    let prompt = sanitize_line(&question.prompt);
    // Which option wins where two could seem to fit: the room reads it with the question.
    let how = how_to_choose(question);
    let option_count = question.options.len();
    let large = big(inner, option_count);
    let labels: Vec<String> = question
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mark = if p.revealed && court == Some(i) {
                "  \u{25c0} the court"
            } else {
                ""
            };
            format!("{}{mark}", sanitize_line(&o.label))
        })
        .collect();
    let label_width = inner.width.saturating_sub(if large { 6 } else { 4 });
    let heights: Vec<u16> = labels
        .iter()
        .map(|label| {
            let height = rows(label, label_width);
            if large { height.max(4) + 1 } else { height }
        })
        .collect();
    let facts_rows = if facts.is_empty() {
        0
    } else {
        rows(&facts, inner.width) + 1
    };
    let how_rows = how.as_deref().map_or(0, |how| rows(how, inner.width));
    let prompt_rows = rows(&prompt, inner.width) + how_rows + 1;
    let mut constraints = vec![
        Constraint::Length(facts_rows),
        Constraint::Length(prompt_rows),
    ];
    constraints.extend(heights.iter().map(|&h| Constraint::Length(h)));
    constraints.push(Constraint::Min(0));
    let needed: u16 = facts_rows + prompt_rows + heights.iter().sum::<u16>();
    if needed > inner.height || p.scroll > 0 {
        // Too much for one screen: one scrolling column instead of a layout that would cut
        // the facts or the last options.
        scrolled(p, frame, area, inner, q, court, &labels);
        return;
    }
    let areas = inner.layout_vec(&Layout::vertical(constraints));
    if !facts.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(facts, p.theme.dim())).wrap(Wrap { trim: true }),
            areas[0],
        );
    }
    let mut prompt_lines = vec![Line::styled(
        prompt,
        p.theme.title().add_modifier(Modifier::UNDERLINED),
    )];
    if let Some(how) = how {
        prompt_lines.push(Line::styled(how, p.theme.text()));
    }
    frame.render_widget(
        Paragraph::new(Text::from(prompt_lines)).wrap(Wrap { trim: true }),
        areas[1],
    );
    for (i, label) in labels.iter().enumerate() {
        option_row(p, frame, areas[2 + i], i, label, large);
    }
    if p.revealed || p.chart || p.typing.is_some() || p.tally.iter().any(|&c| c > 0) {
        let detail = areas[2 + option_count];
        let text = details(p, q, court);
        let width = detail.width.max(1);
        let needed: u16 = text
            .lines
            .iter()
            .map(|l| {
                let t: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                rows(&t, width)
            })
            .fold(0, u16::saturating_add);
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), detail);
        if needed > detail.height && detail.height > 0 {
            // Never a silently cut tally: say what is below and how to see it.
            let note = format!(
                " {} more rows below: PgDn {:w$}",
                needed - detail.height + 1,
                "",
                w = usize::from(detail.width)
            );
            let last = Rect::new(detail.x, detail.y + detail.height - 1, detail.width, 1);
            frame.render_widget(Paragraph::new(Span::styled(note, p.theme.key())), last);
        }
    }
}

/// "How to choose: …" when the question says which option wins where two could seem to fit.
fn how_to_choose(question: &crate::pack::Question) -> Option<String> {
    question
        .instructions
        .as_deref()
        .map(|i| format!("How to choose: {}", sanitize_line(i)))
}

/// The question screen as one scrolling column (PgDn/PgUp), for when it does not fit.
fn scrolled(
    p: &Present<'_>,
    frame: &mut Frame<'_>,
    area: Rect,
    inner: Rect,
    q: usize,
    court: Option<usize>,
    labels: &[String],
) {
    let question = p.pack.question(q);
    let mut lines: Vec<Line<'_>> = Vec::new();
    if let Some(i) = p.case {
        lines.push(Line::styled(
            sanitize_line(&p.pack.cases()[i].facts),
            p.theme.dim(),
        ));
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        sanitize_line(&question.prompt),
        p.theme.title().add_modifier(Modifier::UNDERLINED),
    ));
    if let Some(how) = how_to_choose(question) {
        lines.push(Line::styled(how, p.theme.text()));
    }
    lines.push(Line::raw(""));
    for (i, label) in labels.iter().enumerate() {
        let style = if i == p.selected {
            p.theme.selected()
        } else {
            p.theme.text()
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {} ", letter(i)),
                style.add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!(" {label}"), style),
        ]));
    }
    lines.push(Line::raw(""));
    lines.extend(details(p, q, court).lines);
    let width = inner.width.max(1);
    let total: u16 = lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            rows(&text, width)
        })
        .fold(0, u16::saturating_add);
    let most = total.saturating_sub(inner.height);
    let scroll = p.scroll.min(most);
    frame.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0)),
        inner,
    );
    if scroll < most {
        let note = " more below: PgDn ";
        let width = u16::try_from(note.len()).unwrap_or(0);
        let x = area.x + area.width.saturating_sub(width + 2);
        frame.render_widget(
            Paragraph::new(Span::styled(note, p.theme.key())),
            Rect::new(x, area.y + area.height.saturating_sub(1), width, 1),
        );
    }
}

/// One option: its letter (big when `large`) and its label, highlighted when chosen.
fn option_row(
    p: &Present<'_>,
    frame: &mut Frame<'_>,
    row: Rect,
    i: usize,
    label: &str,
    large: bool,
) {
    let style = if i == p.selected {
        p.theme.selected()
    } else {
        p.theme.text()
    };
    if large {
        let [letter_area, text_area] = row.layout(&Layout::horizontal([
            Constraint::Length(6),
            Constraint::Min(1),
        ]));
        frame.render_widget(
            BigText::builder()
                .pixel_size(PixelSize::Quadrant)
                .style(style)
                .lines(vec![Line::raw(letter(i))])
                .build(),
            letter_area,
        );
        frame.render_widget(
            Paragraph::new(Span::styled(label.to_owned(), style)).wrap(Wrap { trim: true }),
            text_area,
        );
    } else {
        let [letter_area, text_area] = row.layout(&Layout::horizontal([
            Constraint::Length(4),
            Constraint::Min(1),
        ]));
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" {} ", letter(i)),
                style.add_modifier(Modifier::BOLD),
            )),
            letter_area,
        );
        frame.render_widget(
            Paragraph::new(Span::styled(label.to_owned(), style)).wrap(Wrap { trim: true }),
            text_area,
        );
    }
}

/// What sits under the options once asked for: the tally being typed (masked), the chart,
/// the court's answer with the notes and the excerpt.
fn details<'a>(p: &Present<'a>, q: usize, court: Option<usize>) -> Text<'a> {
    let question = p.pack.question(q);
    let mut lines = Vec::new();
    if let Some(at) = p.typing {
        let cells: Vec<Span<'_>> = p
            .tally
            .iter()
            .enumerate()
            .flat_map(|(i, &c)| {
                let masked = "\u{2022}".repeat(c.to_string().len().max(usize::from(c > 0)));
                let style = if i == at {
                    p.theme.selected()
                } else {
                    p.theme.text()
                };
                [
                    Span::styled(format!(" {}: {masked} ", letter(i)), style),
                    Span::raw(" "),
                ]
            })
            .collect();
        lines.push(Line::from(cells));
    } else if p.chart {
        lines.extend(tally_lines(p.counts(), court, p.revealed, 30, &p.theme));
    } else if p.live.is_none() && p.tally.iter().any(|&c| c > 0) {
        lines.push(Line::styled(
            " The room's answers are in (v shows them).",
            p.theme.dim(),
        ));
    }
    if p.revealed {
        let case = p.case.map(|i| &p.pack.cases()[i]);
        // Off the court's path the reveal says so, rather than show an answer as the court's.
        match case.map(|c| path_place(p.pack, c, p.session.history(), q)) {
            Some(PathPlace::AfterLeaving { left_at }) => lines.push(Line::styled(
                format!(
                    " The room left the court's path at question {left_at}; the court's path \
                     asks this question too."
                ),
                p.theme.dim(),
            )),
            Some(PathPlace::OffCourt { left_at }) => lines.push(Line::styled(
                match left_at {
                    Some(n) => format!(
                        " The court's path does not ask this question: the room left it at \
                         question {n}."
                    ),
                    None => " The court's path does not ask this question.".to_owned(),
                },
                p.theme.dim(),
            )),
            Some(PathPlace::OnCourt) | None => {}
        }
        let shown = court.unwrap_or(p.selected);
        if let Some(c) = court {
            lines.push(Line::styled(
                format!(
                    " The court: {}. {}",
                    letter(c),
                    sanitize_line(&question.options[c].label)
                ),
                p.theme.outcome(),
            ));
        } else if p.case.is_some() {
            lines.push(Line::styled(
                " The court never reached this question: the room has left the court's path.",
                p.theme.outcome(),
            ));
        }
        if let Some(note) = &question.options[shown].note {
            lines.push(Line::raw(format!(" {}", sanitize_line(note))));
        }
        // The passage that grounds the court's answer in this case first (report::grounds).
        if let Some(e) = first_excerpt(p.pack, case, q).and_then(|e| cite_excerpt(p.pack, e)) {
            // The citation and its status first: on a small screen the quote may be cut, the
            // status never.
            lines.push(Line::raw(format!(
                " {} [{}]:",
                sanitize_line(&e.citation),
                excerpt_badges(&e)
            )));
            lines.push(Line::styled(
                format!(" \u{201c}{}\u{201d}", sanitize_line(&e.quote)),
                p.theme.quote(),
            ));
        }
    }
    Text::from(lines)
}

fn conclusion(p: &Present<'_>, frame: &mut Frame<'_>, area: Rect, c: usize) {
    let c = p.pack.conclusion(c);
    let block = Block::bordered()
        .title(Span::styled(" Conclusion ", p.theme.title()))
        .border_style(p.theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let outcome = sanitize_line(p.pack.outcome_label(&c.outcome));
    let large = inner.width >= 100 && inner.height >= 20;
    let [head, rest] = inner.layout(&Layout::vertical([
        Constraint::Length(if large { 5 } else { 2 }),
        Constraint::Min(1),
    ]));
    if large {
        frame.render_widget(
            BigText::builder()
                .pixel_size(PixelSize::Quadrant)
                .style(p.theme.title())
                .lines(vec![Line::raw(outcome.to_uppercase())])
                .build(),
            head,
        );
    } else {
        frame.render_widget(
            Paragraph::new(Line::styled(outcome.to_uppercase(), p.theme.selected())),
            head,
        );
    }
    let mut lines = vec![
        Line::styled(sanitize_line(&c.title), p.theme.title()),
        Line::raw(sanitize_line(&c.summary)),
        Line::raw(""),
    ];
    if !p.queue.is_empty() {
        lines.push(Line::styled(
            format!(
                "Enter or n: the next fact pattern ({} more).",
                p.queue.len()
            ),
            p.theme.key(),
        ));
        lines.push(Line::raw(""));
    }
    if let Some(case) = p.case.map(|i| &p.pack.cases()[i]) {
        if p.revealed {
            lines.push(Line::styled(
                format!("The court: {}", sanitize_line(&case.citation)),
                p.theme.title(),
            ));
            lines.push(Line::raw(sanitize_line(&case.holding)));
            lines.push(Line::raw(""));
            lines.push(Line::raw(match p.majority_departure() {
                Some((step, room, court)) => format!(
                    "The room's result differs from the court's at question {step}: most of \
                     the room answered {}, the court {}.",
                    letter(room),
                    letter(court)
                ),
                None if p.room_counts.is_empty() => "No room answers were tallied.".to_owned(),
                None => "The room's majority stayed on the court's path at every question \
                         tallied."
                    .to_owned(),
            }));
        } else {
            lines.push(Line::styled(
                "The court's holding is hidden (r reveals it).",
                p.theme.dim(),
            ));
        }
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: true }),
        rest,
    );
}

/// The map: every question in file order, the ones on the current path lit (reverse video and
/// a marker, so it reads without colour), each with the answer given.
fn map(p: &Present<'_>, frame: &mut Frame<'_>, area: Rect) {
    let block = Block::bordered()
        .title(Span::styled(
            " Map: the path so far is lit ",
            p.theme.title(),
        ))
        .border_style(p.theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let current = p.session.current_question();
    let mut lines = Vec::new();
    for (i, q) in p.pack.questions().iter().enumerate() {
        let step = p.session.history().iter().position(|s| s.question == i);
        let (marker, style, answer) = match step {
            Some(n) => {
                let o = p.session.history()[n].option;
                (
                    format!("{:>2} \u{25b6}", n + 1),
                    p.theme.selected(),
                    format!(
                        " \u{2192} {}. {}",
                        letter(o),
                        sanitize_line(&q.options[o].label)
                    ),
                )
            }
            None if current == Some(i) => (
                "   \u{25b7}".to_owned(),
                p.theme.title(),
                " (now)".to_owned(),
            ),
            None => ("    ".to_owned(), p.theme.dim(), String::new()),
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{marker} ")),
            Span::styled(format!("{}{answer}", sanitize_line(&q.prompt)), style),
        ]));
    }
    if let Some(c) = p.session.conclusion() {
        lines.push(Line::styled(
            format!(
                "     \u{21d2} {}",
                sanitize_line(&p.pack.conclusion(c).title)
            ),
            p.theme.selected(),
        ));
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: true }),
        inner,
    );
}

impl super::simple::Screen for Present<'_> {
    fn draw(&self, frame: &mut Frame<'_>) {
        view(self, frame);
    }
    fn key(&mut self, key: &KeyEvent) {
        if let Some(msg) = self.message(key) {
            self.update(msg);
        }
    }
    fn done(&self) -> bool {
        self.quit
    }
    fn live(&mut self, event: crate::live::Event) {
        if let Some(live) = &mut self.live {
            live.hear(event);
        }
        if let Some(q) = self.session.current_question() {
            let counts = self.counts().to_vec();
            if counts.iter().any(|&c| c > 0) {
                self.room_counts.insert(q, counts);
            }
        }
    }
}

/// Runs this screen on `terminal` with the shared loop ([`super::simple::run_loop`]), so tests
/// drive it on `TestBackend`.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    p: &mut Present<'_>,
    inputs: &Receiver<Input>,
    console: &mut dyn Console,
) -> anyhow::Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    super::simple::run_loop(terminal, p, inputs, console)
}

/// Runs this screen on the real terminal; the terminal is restored before this returns.
pub fn run(p: &mut Present<'_>) -> anyhow::Result<Ending> {
    super::simple::run(p, super::NOT_A_TERMINAL)
}
