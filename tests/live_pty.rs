//! The live class end to end: the real binary in a pseudo-terminal serving on 127.0.0.1,
//! 300 simulated students (threads on loopback) joining, answering with a spread, changing
//! some answers and trying to answer after the lock; the presenter's tally on screen and the
//! results files written at the end must match every accepted answer exactly.

#![cfg(unix)]

mod live_support;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use live_support::{Student, five_option_pack, split_url};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(60);
const STUDENTS: usize = 300;
const COLS: u16 = 120;
const ROWS: u16 = 40;

struct Screen(Arc<Mutex<vt100::Parser>>);

impl Screen {
    fn text(&self) -> String {
        self.0.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.text().contains(text) {
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {text:?}; screen:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// The side panel's tally: letter → count, from rows like ` A  ███   12 of 300`.
    fn tally(&self) -> HashMap<char, u32> {
        let parser = self.0.lock().unwrap();
        let mut found = HashMap::new();
        for row in parser.screen().rows(COLS - 44, 44) {
            let row = row.trim_matches(|c: char| c == '│' || c.is_whitespace());
            let mut chars = row.chars();
            let (Some(letter), Some(' ')) = (chars.next(), chars.next()) else {
                continue;
            };
            if !letter.is_ascii_uppercase() || !row.contains(" of ") {
                continue;
            }
            let before_of = row.split(" of ").next().unwrap();
            let count = before_of.split_whitespace().last().unwrap().parse().unwrap();
            found.insert(letter, count);
        }
        found
    }
}

#[test]
fn three_hundred_students_answer_and_every_accepted_answer_is_counted_once() {
    let pack = five_option_pack();
    let out = tempfile::tempdir().unwrap();
    let results = out.path().join("class");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_immunity"));
    cmd.args([
        "--pack",
        pack.path().to_str().unwrap(),
        "--present",
        "--live",
        "--case",
        "alpha-case",
        "--names",
        "--bind",
        "127.0.0.1:0",
        "--results",
        results.to_str().unwrap(),
    ]);
    cmd.cwd(out.path());
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut keys = pair.master.take_writer().unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(std::num::NonZero::new(ROWS).unwrap(), std::num::NonZero::new(COLS).unwrap(), 0)));
    let raw = Arc::new(Mutex::new(Vec::new()));
    let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
    let reading = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            r.lock().unwrap().extend_from_slice(&buf[..n]);
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    let screen = Screen(parser);
    let mut press = |k: &str| {
        keys.write_all(k.as_bytes()).unwrap();
        keys.flush().unwrap();
    };

    // The address, read off the presenter's screen.
    screen.wait_for("http://127.0.0.1:");
    let text = screen.text();
    let at = text.find("http://127.0.0.1:").unwrap();
    let url: String = text[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '│')
        .collect();
    let (addr, path) = split_url(&url);

    // Everyone joins and types a name (so each results file can be matched to its student).
    let students: Vec<Student> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..STUDENTS)
            .map(|i| {
                let path = path.clone();
                s.spawn(move || {
                    let student = Student::join(addr, &path);
                    assert_eq!(student.post(&format!("name=s{i:03}")), 303);
                    student
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    screen.wait_for(&format!("{STUDENTS} joined"));

    // Before the question opens, a vote is refused.
    assert_eq!(students[0].vote('A', 2), 409);
    press("o");
    screen.wait_for("OPEN");

    // A spread: student i answers option i mod 5 (more weight on A), every seventh changes
    // its mind to the next letter.
    let letters = ['A', 'B', 'C', 'D', 'E'];
    let first = |i: usize| letters[if i % 3 == 0 { 0 } else { i % 5 }];
    let last = |i: usize| {
        if i % 7 == 0 {
            letters[(letters.iter().position(|&l| l == first(i)).unwrap() + 1) % 5]
        } else {
            first(i)
        }
    };
    let confidence = |i: usize| u8::try_from(i % 3 + 1).unwrap();
    std::thread::scope(|s| {
        for (i, student) in students.iter().enumerate() {
            s.spawn(move || {
                assert_eq!(student.vote(first(i), confidence(i)), 303, "student {i}");
                if last(i) != first(i) {
                    assert_eq!(student.vote(last(i), confidence(i)), 303, "change {i}");
                }
            });
        }
    });
    let mut expected: HashMap<char, u32> = HashMap::new();
    for i in 0..STUDENTS {
        *expected.entry(last(i)).or_default() += 1;
    }
    screen.wait_for(&format!("{STUDENTS} of {STUDENTS} answered"));
    press("l");
    screen.wait_for("LOCKED");

    // After the lock: refused, and the page says so.
    for student in students.iter().take(30) {
        assert_eq!(student.vote('B', 3), 409);
    }
    assert!(students[1].page().body.contains("Locked. Your answer: "));
    assert_eq!(screen.tally(), expected, "screen:\n{}", screen.text());

    // Reveal, then go on with the court's answer (A, yes) to the end of the fixture's walk.
    press("r");
    screen.wait_for("court");
    press("q");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < DEADLINE, "the presenter did not end");
        std::thread::sleep(Duration::from_millis(25));
    };
    drop(pair.master);
    let _ = reading.join();
    assert!(status.success(), "exit: {status:?}");

    // The server stopped with the presenter.
    assert!(std::net::TcpStream::connect(addr).is_err(), "still serving");

    // One file per student, each with its last answer before the lock, scored once.
    let files: Vec<_> = std::fs::read_dir(&results).unwrap().collect();
    assert_eq!(files.len(), STUDENTS);
    let ids = ["yes", "no", "c", "d", "e"];
    for i in 0..STUDENTS {
        let file = results.join(format!("s{i:03}-results.json"));
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let steps = json["patterns"][0]["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 1, "{file:?}");
        let want = ids[letters.iter().position(|&l| l == last(i)).unwrap()];
        assert_eq!(steps[0]["first_answer"], want, "{file:?}");
        assert_eq!(steps[0]["confidence"], confidence(i), "{file:?}");
        assert_eq!(steps[0]["revisions"], u32::from(last(i) != first(i)), "{file:?}");
    }
    // The class summary was printed after the screen was given back.
    let printed = String::from_utf8_lossy(&raw.lock().unwrap()).into_owned();
    assert!(printed.contains(&format!("Wrote {STUDENTS} results files")), "{printed}");
}
