//! Criterion benchmark of the presenter's key cost in a live class: a key press (its message,
//! the update, publishing the stage, and the redraw at 120×40, as the run loop does them)
//! with no student connected against 300 students joined to a real server on 127.0.0.1, each
//! with an open event stream (so every publish wakes 300 streams on the server's thread) and a
//! vote counted in the tally. The goal: the ratio stays near 1, since the presenter never
//! waits on the network.
//!
//! Two keys: an arrow (no publish) and lock-then-open (each publishes a new stage).

use std::hint::black_box;
use std::io::Write as _;
use std::net::TcpStream;

use criterion::{Criterion, criterion_group, criterion_main};
use immunity::live::{Config, Event, Server, Vote};
use immunity::pack::{FileSet, Pack, load};
use immunity::tui::Theme;
use immunity::tui::present::{Present, view};
use immunity::tui::present_live::Live;
use immunity::tui::screen_loop::Screen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const STUDENTS: usize = 300;

fn bundled() -> &'static Pack {
    let pack = load(&FileSet::bundled("judicial-immunity").expect("bundled pack"))
        .expect("valid pack")
        .0;
    Box::leak(Box::new(pack))
}

/// One GET on a fresh connection; returns the device cookie.
fn join(addr: std::net::SocketAddr, path: &str) -> String {
    use std::io::Read as _;
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    let _ = s.read_to_string(&mut reply);
    let at = reply.find("immunity_device=").expect("a cookie");
    reply[at..at + "immunity_device=".len() + 32].to_owned()
}

fn press(p: &mut Present<'_>, terminal: &mut Terminal<TestBackend>, c: KeyCode) {
    if let Some(msg) = p.message(&KeyEvent::new(c, KeyModifiers::NONE)) {
        p.update(msg);
    }
    terminal.draw(|f| view(black_box(p), f)).expect("draw");
}

fn room(c: &mut Criterion, pack: &'static Pack, students: usize) {
    let code = "BENCH".to_owned();
    let config = Config {
        bind: Some("127.0.0.1:0".parse().unwrap()),
        code: code.clone(),
        names: false,
    };
    let server = Server::start(pack, &config, Box::new(|_| {})).expect("server");
    let addr = server.addr();
    let path = format!("/j/{code}");
    let publisher = server.publisher();
    let live = Live::new(
        format!("http://{addr}{path}"),
        Vec::new(),
        Box::new(move |s| publisher.publish(s)),
    );
    let mut p = Present::new(pack, Some(0), Theme::new(true)).with_live(live);
    p.update(immunity::tui::present::Msg::Open);
    // Each student joins and keeps an event stream open.
    let mut streams = Vec::new();
    for device in 1..=students {
        let cookie = join(addr, &path);
        let mut s = TcpStream::connect(addr).expect("connect");
        write!(
            s,
            "GET {path}/events HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n\r\n"
        )
        .unwrap();
        streams.push(s);
        Screen::live(&mut p, Event::Joined(device));
        Screen::live(
            &mut p,
            Event::Vote(Vote {
                round: 1,
                device,
                option: device % 5,
                before: None,
            }),
        );
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    c.bench_function(&format!("presenter arrow key, {students} students"), |b| {
        b.iter(|| {
            press(&mut p, &mut terminal, KeyCode::Down);
            press(&mut p, &mut terminal, KeyCode::Up);
        });
    });
    c.bench_function(
        &format!("presenter lock and open (publishes), {students} students"),
        |b| {
            b.iter(|| {
                press(&mut p, &mut terminal, KeyCode::Char('l'));
                press(&mut p, &mut terminal, KeyCode::Char('o'));
            });
        },
    );
    drop(streams);
    drop(server);
}

fn benches(c: &mut Criterion) {
    let pack = bundled();
    room(c, pack, 0);
    room(c, pack, STUDENTS);
}

criterion_group!(live, benches);
criterion_main!(live);
