//! Fuzzes everything a pack's text reaches: loading and validation, walks (every fact pattern
//! and a path chosen by the input), every report format, every map format, and TUI frames at
//! several sizes. Invariants: no panic; every diagnostic is one line with no unsafe character;
//! no output and no screen cell holds a control, format or bidirectional character (newlines
//! and, in exports, tabs aside).
//!
//! Input layout: files separated by the byte 0xFF (never part of UTF-8 text): `pack.json`,
//! then `cases.json` (skipped when empty), then the source texts in the order `pack.json`
//! names them. Parts that are not UTF-8 are read lossily.

#![no_main]

use std::collections::BTreeMap;

use immunity::engine::{self, Session};
use immunity::pack::{FileSet, Pack, load};
use immunity::report::{self, Format, Report, ReportContext};
use immunity::text::unsafe_chars;
use immunity::tui::app::{App, Message};
use immunity::tui::keymap::Action;
use immunity::tui::{Theme, view::view};
use immunity::report::map;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|data: &[u8]| run(data));

fn run(data: &[u8]) {
    let mut parts = data.split(|&b| b == 0xFF);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let Some(pack_json) = parts.next().map(text) else {
        return;
    };
    let mut files = BTreeMap::new();
    if let Some(cases) = parts.next().map(text)
        && !cases.is_empty()
    {
        files.insert("cases.json".to_owned(), cases);
    }
    for (name, contents) in source_names(&pack_json).into_iter().zip(parts) {
        files.insert(format!("sources/{name}"), text(contents));
    }
    files.insert("pack.json".to_owned(), pack_json);
    let set = FileSet::new("fuzz\u{1b}[31m", files);
    match load(&set) {
        Err(diagnostics) => {
            assert!(diagnostics.has_errors(), "a failed load must report an error");
            for d in &diagnostics.0 {
                check_diagnostic(&d.to_string());
            }
        }
        Ok((pack, _)) => {
            for d in pack.warnings() {
                check_diagnostic(&d.to_string());
            }
            exercise(&pack, data);
        }
    }
}

/// The source names `pack.json` gives, in order: every `"text": "<name>"` (a scan, so that a
/// pack that does not parse still gets its files).
fn source_names(pack_json: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = pack_json;
    while let Some(at) = rest.find("\"text\"") {
        rest = &rest[at + "\"text\"".len()..];
        let Some(body) = rest
            .trim_start()
            .strip_prefix(':')
            .and_then(|r| r.trim_start().strip_prefix('"'))
        else {
            continue;
        };
        if let Some(end) = body.find('"') {
            out.push(body[..end].to_owned());
        }
    }
    out
}

fn check_diagnostic(line: &str) {
    assert!(!line.contains('\n'), "diagnostic over two lines: {line:?}");
    check_text("diagnostic", line, false);
}

/// No unsafe character (a variation selector after a character it modifies is text); tabs only
/// where `tabs` allows them.
fn check_text(what: &str, s: &str, tabs: bool) {
    if let Some(c) = s
        .chars()
        .find(|&c| (c == '\t' && !tabs) || c == '\r')
        .or_else(|| unsafe_chars(s).next().map(|(_, c)| c))
    {
        panic!("{what} holds U+{:04X}", u32::from(c));
    }
}

fn exercise(pack: &Pack, data: &[u8]) {
    for (name, out) in [
        ("outline", map::outline(pack)),
        ("dot", map::dot(pack)),
        ("mermaid", map::mermaid(pack)),
        ("map json", map::json(pack)),
    ] {
        check_text(name, &out, false);
    }
    let context = ReportContext::now("fuzz");
    for case in pack.cases() {
        if let Ok(walk) = engine::walk(pack, &case.answers) {
            reports(&walk.session, &context, Some(case));
        }
    }
    // A path chosen by the input's bytes.
    let mut session = Session::new(pack);
    for &b in data.iter().rev().take(64) {
        let Some(q) = session.current_question() else {
            break;
        };
        let options = pack.question(q).options.len();
        if session.answer(usize::from(b) % options).is_err() {
            break;
        }
    }
    reports(&session, &context, None);
    frames(pack, data);
}

fn reports(session: &Session<'_>, context: &ReportContext, case: Option<&immunity::pack::Case>) {
    let Some(report) = Report::build(session, context, case) else {
        return;
    };
    for format in [Format::Text, Format::Markdown, Format::Html, Format::Json] {
        check_text("report", &report::render(&report, format), true);
    }
}

/// Drives the TUI with actions chosen by the input and checks every cell of frames at several
/// sizes. No action that writes files or leaves the program (export, quit, suspend).
fn frames(pack: &Pack, data: &[u8]) {
    const ACTIONS: [Action; 16] = [
        Action::Up,
        Action::Down,
        Action::Select(1),
        Action::Select(2),
        Action::Select(3),
        Action::Choose,
        Action::Back,
        Action::NextPanel,
        Action::ScrollUp,
        Action::ScrollDown,
        Action::Help,
        Action::Map,
        Action::Review,
        Action::Close,
        Action::Restart,
        Action::No,
    ];
    let mut app = App::new(pack, Theme::new(false), std::env::temp_dir());
    let sizes = [(80u16, 24u16), (60, 16), (120, 40), (20, 5)];
    for (i, &b) in data.iter().take(24).enumerate() {
        let action = ACTIONS[usize::from(b) % ACTIONS.len()];
        let _ = app.dispatch(Message::Action(action));
        if i % 6 == 0 {
            let (w, h) = sizes[(i / 6) % sizes.len()];
            screen_is_clean(&app, w, h);
        }
    }
    screen_is_clean(&app, 80, 24);
}

fn screen_is_clean(app: &App<'_>, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| view(app, frame)).expect("draw");
    let buffer = terminal.backend().buffer();
    for cell in &buffer.content {
        check_text("screen cell", cell.symbol(), false);
        assert!(!cell.symbol().contains('\n'), "a newline in a screen cell");
    }
}
