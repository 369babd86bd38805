//! The matter at office scale, as ratios printed in one run (`cargo bench --bench matter`).
//!
//! A matter of 10,000 screenings (the bundled pack's fact patterns, round and round) is opened
//! in the matter screen at 120×40 on `TestBackend`. For each action (move, open and back from
//! a walk, duplicate, delete) the CPU time of the key, its save and the redraw is measured, and
//! the save alone (`OpenMatter::change` of the same matter, which serialises, writes and
//! fsyncs); the screen's own work is the difference, against the 16 ms frame budget (goal
//! below 1). Then `immunity matter add` and `matter answer` on the same file, against
//! `jq . FILE > /dev/null` (goal at most 2), CPU time of the child processes.
//!
//! CPU time is read from `/proc` (the process's own, and its waited-for children's), so the
//! figures hold on a loaded machine; ticks are 10 ms, so each figure is a mean over many runs.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use immunity::matter::screening::{self, apply_answers, new_screening};
use immunity::matter::{MatterFile, MatterInfo, OpenMatter};
use immunity::pack::{FileSet, Pack, load};
use immunity::tui::app::App;
use immunity::tui::matter::MatterState;
use immunity::tui::{Theme, handle, view::view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const SCREENINGS: usize = 10_000;
const BUDGET_MS: f64 = 16.0;

fn bundled() -> Pack {
    load(&FileSet::bundled("judicial-immunity").expect("bundled pack"))
        .expect("valid pack")
        .0
}

/// CPU seconds of this process and of its children waited for: (self, children).
fn cpu() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')').expect("stat") + 2..];
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // utime, stime, cutime, cstime are fields 14..17 (1-based), 11..14 after the name and state.
    let tick = 100.0;
    ((f[11] + f[12]) / tick, (f[13] + f[14]) / tick)
}

/// A matter of `n` screenings walked through the pack's fact patterns, written at `path`.
fn big_matter(pack: &Pack, path: &Path, n: usize) {
    let mut file = MatterFile::new(MatterInfo {
        caption: "Bench v. Mark".into(),
        court: None,
        docket: None,
        client: None,
        prepared_by: None,
        reviewer: None,
        opened: Some("2026-12-06".into()),
        updated: None,
    });
    let cases = pack.cases();
    for i in 0..n {
        let case = &cases[i % cases.len()];
        let blank = new_screening(&format!("Defendant {i}"), None, Some(&case.title), pack)
            .expect("a name");
        let mut s = apply_answers(&blank, pack, &case.answers)
            .expect("a fact pattern's answers")
            .screening;
        if let Some(first) = s.answers.first().map(|a| a.question.clone()) {
            let _ = screening::annotate(
                &mut s,
                &first,
                screening::Mark::Note(Some(format!("note {i}"))),
            );
        }
        screening::add(&mut file, s);
    }
    std::fs::write(path, file.to_json()).expect("write the matter");
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Mean CPU milliseconds of `runs` runs of `f` (this process).
fn mean_self(runs: u32, mut f: impl FnMut()) -> f64 {
    let (start, _) = cpu();
    for _ in 0..runs {
        f();
    }
    (cpu().0 - start) * 1000.0 / f64::from(runs)
}

/// Mean CPU milliseconds of `runs` runs of a child process made by `command`.
fn mean_child(runs: u32, mut command: impl FnMut() -> Command) -> f64 {
    let (_, start) = cpu();
    for _ in 0..runs {
        let status = command()
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("the command runs");
        assert!(status.code().is_some(), "the command ends");
    }
    (cpu().1 - start) * 1000.0 / f64::from(runs)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    let pack = bundled();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.json");
    big_matter(&pack, &path, SCREENINGS);
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!("matter of {SCREENINGS} screenings, {bytes} bytes");

    // The matter screen.
    let mut app = {
        let open = OpenMatter::open(&path).expect("the matter opens");
        let state = MatterState::opened(open, &pack);
        App::with_matter(&pack, Theme::new(true), dir.path().into(), state)
    };
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let _ = handle(&mut app, Event::Resize(120, 40));
    let mut act = |app: &mut App<'_>, events: &[Event]| {
        for e in events {
            let _ = handle(app, e.clone());
        }
        terminal.draw(|f| view(app, f)).expect("draw");
    };
    act(&mut app, &[]);
    // Into the middle of the list.
    for _ in 0..SCREENINGS / 2 {
        let _ = handle(&mut app, key(KeyCode::Down));
    }
    let down_up = [key(KeyCode::Down), key(KeyCode::Up)];
    let move_ms = mean_self(400, || act(&mut app, &down_up[..1])) / 1.0;
    let _ = mean_self(1, || act(&mut app, &down_up[1..]));
    let open_back = [key(KeyCode::Enter), key(KeyCode::Esc)];
    let open_ms = mean_self(40, || act(&mut app, &open_back));
    let dup = [key(KeyCode::Char('c'))];
    let dup_ms = mean_self(20, || act(&mut app, &dup));
    let del = [key(KeyCode::Char('d')), key(KeyCode::Char('y'))];
    let del_ms = mean_self(20, || act(&mut app, &del));
    // The save alone (check, serialise, write, fsync), on a matter of the same size: a copy
    // and its save, less the copy.
    let save_ms = {
        let state = app.matter.as_mut().expect("the matter");
        let open = state.open.as_mut().expect("open");
        let copy_ms = mean_self(20, || drop(std::hint::black_box(open.file.clone())));
        let both = mean_self(20, || {
            let next = open.file.clone();
            let _ = open.replace(next).expect("saves");
        });
        both - copy_ms
    };
    println!("\nmatter screen, CPU per action (mean), the save alone {save_ms:.1} ms:");
    println!(
        "{:<28} {:>10} {:>16} {:>18}",
        "action", "total ms", "screen's own ms", "ratio to 16 ms"
    );
    for (name, total, saves) in [
        ("move the highlight", move_ms, 0.0),
        ("open and back from a walk", open_ms, 0.0),
        ("duplicate", dup_ms, 1.0),
        ("delete", del_ms, 1.0),
    ] {
        let own = (total - saves * save_ms).max(0.0);
        println!(
            "{name:<28} {total:>10.2} {own:>16.2} {:>18.2}",
            own / BUDGET_MS
        );
    }
    drop(app);

    // The command line against jq on the same file.
    if Command::new("jq").arg("--version").output().is_err() {
        println!("\njq is not installed (apt-get install jq): the command-line ratios need it");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_immunity");
    let runs = 10;
    let jq_ms = mean_child(runs, || {
        let mut c = Command::new("jq");
        c.arg(".").arg(&path);
        c
    });
    let case = &pack.cases()[0];
    let first: BTreeMap<&String, &String> = case.answers.iter().take(2).collect();
    let add_ms = mean_child(runs, || {
        let mut c = Command::new(bin);
        c.args(["matter", "add"])
            .arg(&path)
            .args(["--defendant", "Added"]);
        for (q, o) in &first {
            c.arg("--answer").arg(format!("{q}={o}"));
        }
        c
    });
    let answer_ms = mean_child(runs, || {
        let mut c = Command::new(bin);
        c.args(["matter", "answer"]).arg(&path).arg("1");
        for (q, o) in &case.answers {
            c.arg("--answer").arg(format!("{q}={o}"));
        }
        c
    });
    println!("\ncommand line, CPU per run (mean of {runs}), against `jq . FILE`:");
    println!("{:<28} {:>10} {:>12}", "command", "ms", "ratio to jq");
    for (name, ms) in [
        ("jq . FILE", jq_ms),
        ("matter add", add_ms),
        ("matter answer", answer_ms),
    ] {
        println!("{name:<28} {ms:>10.1} {:>12.2}", ms / jq_ms.max(0.001));
    }
}
