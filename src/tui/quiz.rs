//! `immunity quiz`: fact patterns as a self-test, commit-then-reveal.
//!
//! Each fact pattern is shown under a neutral title ("Fact pattern 2 of 3"): the case name
//! would give the answer away, so it appears only on the end screen. At each question the
//! student picks an option and a confidence (1 a guess, 2 fairly sure, 3 certain) and commits
//! both before anything is revealed; then the court's answer, the option's note and the
//! question's excerpt appear, with the student's confidence and the points won or lost. The
//! score is a function of the first answers alone ([`crate::results::score`](mod@crate::results::score));
//! the student goes on along the court's path (practice) or their own. The end screen gives the
//! score with its maximum, confident errors first, practice apart, the case name and holding,
//! and "retry from where you left the court" (words shared with the line mode,
//! [`crate::results::words`]). After the last pattern a summary; quitting writes the results
//! file.
//!
//! The Elm Architecture, like the walkthrough: [`Quiz`] is the state, [`Msg`] the messages,
//! [`Quiz::update`] the pure update, [`view`] draws, and [`KEYS`] is the one table of keys that
//! both maps keys to messages and writes the footer.

use std::sync::mpsc::Receiver;
use std::time::Instant;

use ratatui::backend::Backend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::{Frame, Terminal};

use super::{Console, Ending, Input, Theme};
use crate::pack::Pack;
use crate::report::cite_excerpt;
use crate::report::grounds::first_excerpt;
use crate::report::teacher_key::letter;
use crate::results::score::other_ground;
use crate::results::{Along, Confidence, PatternResult, QuizRun, Reveal, score, words};
use crate::text::sanitize_line;

/// What `q` does, in the footer.
const QUIT_WORDS: &str = "save & quit";

/// Lines one PgUp/PgDn scrolls.
const PAGE: u16 = 8;

/// What the student can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// Highlight the previous option.
    Up,
    /// Highlight the next option.
    Down,
    /// Highlight option `n` (typed as its letter).
    Pick(usize),
    /// Set the confidence.
    Sure(Confidence),
    /// Commit the highlighted option and the confidence.
    Commit,
    /// After a reveal: go on along the court's path.
    Court,
    /// After a reveal: go on along one's own answer.
    Own,
    /// At the end of a pattern: back to where the student first left the court.
    Retry,
    /// At the end of a pattern: the next one, or the summary.
    Next,
    /// Scroll the body down a page.
    PageDown,
    /// Scroll the body up a page.
    PageUp,
    /// Stop (the results so far are kept and written).
    Quit,
    /// Ctrl-C: stop, and (in a quiz started from the walkthrough) leave the program too.
    Interrupt,
}

/// Where the quiz stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Answering a question.
    Asking,
    /// The answer was committed; the court's is shown.
    Revealed(Reveal),
    /// The pattern reached a conclusion.
    Ended,
    /// Every pattern is done.
    Summary,
}

/// The quiz state.
// Four independent flags (quit, interrupted, returns, follow_selection), not a state machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug)]
pub struct Quiz<'p> {
    pack: &'p Pack,
    theme: Theme,
    cases: Vec<usize>,
    /// Index into `cases` of the pattern being taken.
    at: usize,
    run: QuizRun<'p>,
    phase: Phase,
    selected: usize,
    confidence: Option<Confidence>,
    /// When the current question appeared (for the time to answer).
    shown: Instant,
    /// Patterns finished, in order.
    done: Vec<PatternResult>,
    /// A one-line message under the question (e.g. "choose a confidence first").
    hint: Option<&'static str>,
    /// Lines scrolled down in the body (long facts, notes and excerpts on a small terminal).
    scroll: u16,
    /// While asking, the body scrolls to keep the highlighted option in view, until the
    /// student scrolls by hand (PgUp/PgDn) to read the facts again.
    follow_selection: bool,
    /// Set when the student quits.
    pub quit: bool,
    /// Set when the student quit with Ctrl-C.
    pub interrupted: bool,
    /// Started from the walkthrough's start screen: `q` goes back there, so the footer says so.
    pub returns: bool,
}

/// One key binding: the keys (as shown), the message, and what it does in words.
pub struct Binding {
    /// The keys as shown in the footer.
    pub keys: &'static str,
    /// What the key does.
    pub does: &'static str,
    /// The phases in which it is shown.
    pub phases: &'static [PhaseKind],
}

/// Phases without their data, for the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseKind {
    /// Answering.
    Asking,
    /// After a reveal.
    Revealed,
    /// At the end of a pattern.
    Ended,
    /// The summary.
    Summary,
}

/// The footer's key table.
pub const KEYS: &[Binding] = &[
    Binding {
        keys: "A-Z/\u{2191}\u{2193}",
        does: "choose",
        phases: &[PhaseKind::Asking],
    },
    Binding {
        keys: "1 2 3",
        does: "confidence",
        phases: &[PhaseKind::Asking],
    },
    Binding {
        keys: "Enter",
        does: "commit",
        phases: &[PhaseKind::Asking],
    },
    Binding {
        keys: "c",
        does: "court's path (practice)",
        phases: &[PhaseKind::Revealed],
    },
    Binding {
        keys: "o/Enter",
        does: "your path",
        phases: &[PhaseKind::Revealed],
    },
    Binding {
        keys: "r",
        does: "retry where you left the court",
        phases: &[PhaseKind::Ended],
    },
    Binding {
        keys: "Enter",
        does: "next",
        phases: &[PhaseKind::Ended],
    },
    Binding {
        keys: "PgDn/PgUp",
        does: "scroll",
        phases: &[
            PhaseKind::Asking,
            PhaseKind::Revealed,
            PhaseKind::Ended,
            PhaseKind::Summary,
        ],
    },
    Binding {
        keys: "q",
        does: QUIT_WORDS,
        phases: &[
            PhaseKind::Asking,
            PhaseKind::Revealed,
            PhaseKind::Ended,
            PhaseKind::Summary,
        ],
    },
];

impl Phase {
    fn kind(self) -> PhaseKind {
        match self {
            Phase::Asking => PhaseKind::Asking,
            Phase::Revealed(_) => PhaseKind::Revealed,
            Phase::Ended => PhaseKind::Ended,
            Phase::Summary => PhaseKind::Summary,
        }
    }
}

impl<'p> Quiz<'p> {
    /// A quiz over fact patterns `cases` (indices into [`Pack::cases`]; at least one).
    pub fn new(pack: &'p Pack, cases: Vec<usize>, theme: Theme) -> Self {
        let first = cases.first().copied().unwrap_or(0);
        Self {
            pack,
            theme,
            cases,
            at: 0,
            run: QuizRun::new(pack, first),
            phase: Phase::Asking,
            selected: 0,
            confidence: None,
            shown: Instant::now(),
            done: Vec::new(),
            hint: None,
            scroll: 0,
            follow_selection: true,
            quit: false,
            interrupted: false,
            returns: false,
        }
    }

    /// Where the quiz stands.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The message for a key in the current phase.
    pub fn message(&self, key: &KeyEvent) -> Option<Msg> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return matches!(key.code, KeyCode::Char('c')).then_some(Msg::Interrupt);
        }
        match (self.phase, key.code) {
            (_, KeyCode::PageDown | KeyCode::Char(' '))
            | (Phase::Revealed(_) | Phase::Ended | Phase::Summary, KeyCode::Down) => {
                Some(Msg::PageDown)
            }
            (_, KeyCode::PageUp)
            | (Phase::Revealed(_) | Phase::Ended | Phase::Summary, KeyCode::Up) => {
                Some(Msg::PageUp)
            }
            (_, KeyCode::Char('q') | KeyCode::Esc) | (Phase::Summary, KeyCode::Enter) => {
                Some(Msg::Quit)
            }
            (Phase::Asking, KeyCode::Up) => Some(Msg::Up),
            (Phase::Asking, KeyCode::Down) => Some(Msg::Down),
            (Phase::Asking, KeyCode::Char(c @ '1'..='3')) => {
                Confidence::from_level(c as u8 - b'0').map(Msg::Sure)
            }
            (Phase::Asking, KeyCode::Char(c)) if c.is_ascii_alphabetic() => {
                Some(Msg::Pick(usize::from(c.to_ascii_uppercase() as u8 - b'A')))
            }
            (Phase::Asking, KeyCode::Enter) => Some(Msg::Commit),
            (Phase::Revealed(_), KeyCode::Char('c')) => Some(Msg::Court),
            (Phase::Revealed(_), KeyCode::Char('o') | KeyCode::Enter) => Some(Msg::Own),
            (Phase::Ended, KeyCode::Char('r')) => Some(Msg::Retry),
            (Phase::Ended, KeyCode::Enter | KeyCode::Char('n')) => Some(Msg::Next),
            _ => None,
        }
    }

    /// Applies a message.
    pub fn update(&mut self, msg: Msg) {
        self.hint = None;
        let before = self.phase;
        self.apply(msg);
        if self.phase != before {
            self.scroll = 0;
        }
    }

    fn apply(&mut self, msg: Msg) {
        let options = self
            .run
            .current_question()
            .map_or(0, |q| self.pack.question(q).options.len());
        match (self.phase, msg) {
            (_, Msg::Quit) => self.quit = true,
            (_, Msg::Interrupt) => {
                self.quit = true;
                self.interrupted = true;
            }
            (_, Msg::PageDown) => {
                self.scroll = self.scroll.saturating_add(PAGE);
                self.follow_selection = false;
            }
            (_, Msg::PageUp) => {
                self.scroll = self.scroll.saturating_sub(PAGE);
                self.follow_selection = false;
            }
            (Phase::Asking, Msg::Up) => {
                self.selected = self.selected.saturating_sub(1);
                self.follow_selection = true;
            }
            (Phase::Asking, Msg::Down) => {
                self.selected = (self.selected + 1).min(options.saturating_sub(1));
                self.follow_selection = true;
            }
            (Phase::Asking, Msg::Pick(n)) if n < options => {
                self.selected = n;
                self.follow_selection = true;
            }
            (Phase::Asking, Msg::Sure(c)) => self.confidence = Some(c),
            (Phase::Asking, Msg::Commit) => self.commit(),
            (Phase::Revealed(_), Msg::Court) => self.go_on(Along::Court),
            (Phase::Revealed(_), Msg::Own) => self.go_on(Along::Own),
            (Phase::Ended, Msg::Retry) => {
                if self.run.retry_from_departure() {
                    self.ask();
                } else {
                    self.hint = Some("you never left the court's path");
                }
            }
            (Phase::Ended, Msg::Next) => self.next_pattern(),
            _ => {}
        }
    }

    fn commit(&mut self) {
        let Some(confidence) = self.confidence else {
            self.hint = Some("choose a confidence first: 1 a guess, 2 fairly sure, 3 certain");
            return;
        };
        let millis = u64::try_from(self.shown.elapsed().as_millis()).unwrap_or(u64::MAX);
        if let Some(reveal) = self.run.commit(self.selected, confidence, millis) {
            self.phase = Phase::Revealed(reveal);
        }
    }

    fn go_on(&mut self, along: Along) {
        self.run.go_on(along);
        if self.run.session().is_finished() {
            self.phase = Phase::Ended;
        } else {
            self.ask();
        }
    }

    /// Shows the current question: the remembered answer highlighted, no confidence yet.
    fn ask(&mut self) {
        self.phase = Phase::Asking;
        self.selected = self
            .run
            .current_question()
            .and_then(|q| self.run.session().remembered(q))
            .unwrap_or(0);
        self.confidence = None;
        self.follow_selection = true;
        self.shown = Instant::now();
    }

    fn next_pattern(&mut self) {
        self.done.push(self.run.result());
        if self.at + 1 < self.cases.len() {
            self.at += 1;
            self.run = QuizRun::new(self.pack, self.cases[self.at]);
            self.ask();
        } else {
            self.phase = Phase::Summary;
        }
    }

    /// Every pattern finished, and the one under way if it has any answer: what the results
    /// file holds.
    pub fn results(&self) -> Vec<PatternResult> {
        let mut all = self.done.clone();
        if self.phase != Phase::Summary && !self.run.steps().is_empty() {
            all.push(self.run.result());
        }
        all
    }
}

/// Draws the quiz.
pub fn view(quiz: &Quiz<'_>, frame: &mut Frame<'_>) {
    let area = frame.area();
    let [body, footer] = area.layout(&Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
    ]));
    let title = match quiz.phase {
        Phase::Summary => " Quiz: summary ".to_owned(),
        _ => format!(" Fact pattern {} of {} ", quiz.at + 1, quiz.cases.len()),
    };
    let block = Block::bordered()
        .title(Span::styled(title, quiz.theme.title()))
        .border_style(quiz.theme.border());
    let inner = block.inner(body);
    frame.render_widget(block, body);
    // While asking, the confidence row and any message are pinned to the bottom of the box, so
    // on a small screen they never fall below the fold (Enter would seem dead).
    let (inner, pinned) = if quiz.phase == Phase::Asking {
        let pinned = pinned_lines(quiz);
        let rows = u16::try_from(pinned.lines.len()).unwrap_or(1);
        let [text, pin] = inner.layout(&Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(rows),
        ]));
        (text, Some((pin, pinned)))
    } else {
        (inner, None)
    };
    let text = match quiz.phase {
        Phase::Asking => asking(quiz),
        Phase::Revealed(r) => revealed(quiz, r),
        Phase::Ended => ended(quiz),
        Phase::Summary => summary(quiz),
    };
    // Clamp the scroll to the text's wrapped height, so PgDn past the end stops at the end.
    let width = usize::from(inner.width.max(1));
    let heights: Vec<usize> = text
        .lines
        .iter()
        .map(|l| {
            let s: String = l.spans.iter().map(|sp| sp.content.as_ref()).collect();
            textwrap::wrap(&s, width).len().max(1)
        })
        .collect();
    let total: usize = heights.iter().sum();
    let most = u16::try_from(total.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    let mut scroll = quiz.scroll.min(most);
    if quiz.phase == Phase::Asking && quiz.follow_selection {
        // Keep the highlighted option in view: its line is the selected-th after the prompt.
        let line = selected_line(quiz);
        let top: usize = heights.iter().take(line).sum();
        let bottom = top + heights.get(line).copied().unwrap_or(1);
        let shown = usize::from(inner.height);
        let from = usize::from(scroll);
        if bottom > from + shown {
            scroll = u16::try_from(bottom.saturating_sub(shown))
                .unwrap_or(scroll)
                .min(most);
        } else if top < from {
            scroll = u16::try_from(top).unwrap_or(scroll);
        }
    }
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
    if let Some((area, lines)) = pinned {
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
    if scroll < most {
        let note = " more below: PgDn ";
        let x = body.x
            + body
                .width
                .saturating_sub(u16::try_from(note.len()).unwrap_or(0) + 2);
        frame.render_widget(
            Paragraph::new(Span::styled(note, quiz.theme.key())),
            Rect::new(
                x,
                body.y + body.height.saturating_sub(1),
                u16::try_from(note.len()).unwrap_or(0),
                1,
            ),
        );
    }
    render_footer(quiz, frame, footer);
}

fn render_footer(quiz: &Quiz<'_>, frame: &mut Frame<'_>, area: Rect) {
    let kind = quiz.phase.kind();
    let mut spans = Vec::new();
    for b in KEYS.iter().filter(|b| b.phases.contains(&kind)) {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(b.keys, quiz.theme.key()));
        let does = if quiz.returns && b.does == QUIT_WORDS {
            "save & back"
        } else {
            b.does
        };
        spans.push(Span::raw(format!(" {does}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn facts<'a>(quiz: &Quiz<'a>, lines: &mut Vec<Line<'a>>) {
    let case = &quiz.pack.cases()[quiz.run.case()];
    lines.push(Line::styled("Facts", quiz.theme.title()));
    lines.push(Line::raw(sanitize_line(&case.facts)));
    lines.push(Line::raw(""));
}

fn asking<'a>(quiz: &Quiz<'a>) -> Text<'a> {
    let mut lines = Vec::new();
    facts(quiz, &mut lines);
    let Some(q) = quiz.run.current_question() else {
        return Text::from(lines);
    };
    let question = quiz.pack.question(q);
    lines.push(Line::styled(
        sanitize_line(&question.prompt),
        quiz.theme.title(),
    ));
    // Which option wins where two could seem to fit is part of the question, not a hint.
    if let Some(instructions) = &question.instructions {
        lines.push(Line::styled(
            format!("How to choose: {}", sanitize_line(instructions)),
            quiz.theme.text(),
        ));
    }
    for (i, o) in question.options.iter().enumerate() {
        let style = if i == quiz.selected {
            quiz.theme.selected()
        } else {
            quiz.theme.text()
        };
        lines.push(Line::styled(
            format!(" {}. {} ", letter(i), sanitize_line(&o.label)),
            style,
        ));
    }
    Text::from(lines)
}

/// The line of `asking`'s text that holds the highlighted option.
fn selected_line(quiz: &Quiz<'_>) -> usize {
    // The facts heading, the facts, a blank line, the prompt, then the options.
    4 + quiz.selected
}

/// The confidence row and the message under it (pinned under the question).
fn pinned_lines<'a>(quiz: &Quiz<'a>) -> Text<'a> {
    let mut spans = vec![Span::raw("Confidence: ")];
    for level in 1..=3u8 {
        let c = Confidence::from_level(level).expect("1 to 3");
        let style = if quiz.confidence == Some(c) {
            quiz.theme.selected()
        } else {
            quiz.theme.text()
        };
        spans.push(Span::styled(format!(" {level} {} ", c.words()), style));
        spans.push(Span::raw(" "));
    }
    let mut lines = vec![Line::from(spans)];
    if let Some(hint) = quiz.hint {
        lines.push(Line::styled(hint, quiz.theme.error()));
    }
    Text::from(lines)
}

fn revealed<'a>(quiz: &Quiz<'a>, r: Reveal) -> Text<'a> {
    let mut lines = Vec::new();
    let question = quiz.pack.question(r.question);
    let case = &quiz.pack.cases()[quiz.run.case()];
    lines.push(Line::styled(
        sanitize_line(&question.prompt),
        quiz.theme.title(),
    ));
    let option_line = |label: String, o: usize| {
        Line::from(vec![
            Span::styled(label, quiz.theme.title()),
            Span::raw(format!(
                "{}. {}",
                letter(o),
                sanitize_line(&question.options[o].label)
            )),
        ])
    };
    lines.push(option_line("You answered:  ".to_owned(), r.chosen));
    lines.push(Line::from(vec![
        Span::styled("Your answer:   ", quiz.theme.title()),
        Span::styled(words::reveal_points(&r), quiz.theme.outcome()),
    ]));
    match r.court {
        Some(court) => {
            lines.push(option_line(
                format!("{:<15}", format!("{}:", words::court_words(case))),
                court,
            ));
            let verdict = words::verdict(case, r.matched());
            lines.push(Line::styled(verdict, quiz.theme.outcome()));
            if !r.matched()
                && let Some(ground) = other_ground(quiz.pack, case, r.question, r.chosen)
            {
                lines.push(Line::raw(ground));
            }
            if let Some(note) = &question.options[court].note {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "Why the court answered so",
                    quiz.theme.title(),
                ));
                lines.push(Line::raw(sanitize_line(note)));
            }
            if !r.matched()
                && let Some(note) = &question.options[r.chosen].note
            {
                lines.push(Line::raw(""));
                lines.push(Line::styled("On your answer", quiz.theme.title()));
                lines.push(Line::raw(sanitize_line(note)));
            }
        }
        // A first answer's points line has said so already.
        None if r.first => {}
        None => lines.push(Line::styled(
            "The court's path does not ask this question.",
            quiz.theme.dim(),
        )),
    }
    // The passage that grounds the court's answer in this case first (report::grounds).
    if let Some(e) =
        first_excerpt(quiz.pack, Some(case), r.question).and_then(|e| cite_excerpt(quiz.pack, e))
    {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("\u{201c}{}\u{201d}", sanitize_line(&e.quote)),
            quiz.theme.quote(),
        ));
        lines.push(Line::from(vec![
            Span::raw(format!("\u{2014} {} ", sanitize_line(&e.citation))),
            Span::styled(
                format!("[{}]", crate::report::excerpt_badges(&e)),
                quiz.theme.status(e.authority.status),
            ),
        ]));
    }
    Text::from(lines)
}

/// Shared words ([`words::Said`]) in this screen's styles.
fn styled<'a>(quiz: &Quiz<'a>, said: Vec<words::Said>, lines: &mut Vec<Line<'a>>) {
    for s in said {
        let style = match s.tone {
            words::Tone::Heading => quiz.theme.title(),
            words::Tone::Text => quiz.theme.text(),
            words::Tone::Error => quiz.theme.error(),
            words::Tone::Dim => quiz.theme.dim(),
        };
        lines.push(Line::styled(s.text, style));
    }
}

fn ended<'a>(quiz: &Quiz<'a>) -> Text<'a> {
    let mut lines = Vec::new();
    let p = quiz.run.result();
    let s = score(quiz.pack, &p);
    let end = words::pattern_end(quiz.pack, &p, &s, quiz.run.session().conclusion());
    styled(quiz, end, &mut lines);
    if let Some(hint) = quiz.hint {
        lines.push(Line::styled(hint, quiz.theme.error()));
    }
    Text::from(lines)
}

fn summary<'a>(quiz: &Quiz<'a>) -> Text<'a> {
    let mut lines = Vec::new();
    styled(quiz, words::summary(quiz.pack, &quiz.done), &mut lines);
    lines.push(Line::styled(
        "Press Enter or q to save and leave.",
        Style::default(),
    ));
    Text::from(lines)
}

impl super::simple::Screen for Quiz<'_> {
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
}

/// Runs this screen on `terminal` with the shared loop ([`super::simple::run_loop`]), so tests
/// drive it on `TestBackend`.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    quiz: &mut Quiz<'_>,
    inputs: &Receiver<Input>,
    console: &mut dyn Console,
) -> anyhow::Result<Ending>
where
    B::Error: Send + Sync + 'static,
{
    super::simple::run_loop(terminal, quiz, inputs, console)
}

/// Runs this screen on the real terminal; the terminal is restored before this returns.
pub fn run(quiz: &mut Quiz<'_>) -> anyhow::Result<Ending> {
    super::simple::run(quiz, "the quiz needs a terminal")
}
