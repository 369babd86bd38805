//! The live class's server refuses what it should, in-process on 127.0.0.1: no code, a wrong
//! code, a 64 KiB body, an unknown option, a closed question, a flood from one device, no
//! cookie. Each gets its 4xx, carries the Content-Security-Policy, and changes nothing: no
//! vote reaches the presenter and no device's answer moves.

mod live_support;

use std::sync::{Arc, Mutex};

use immunity::live::{Config, Event, Phase, Server, Stage};
use immunity::pack::{FileSet, Pack, load};
use live_support::{Student, five_option_pack, request};

struct Room {
    server: Server,
    events: Arc<Mutex<Vec<Event>>>,
    path: String,
    _pack: tempfile::TempDir,
}

fn votes(events: &Arc<Mutex<Vec<Event>>>) -> usize {
    events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| matches!(e, Event::Vote(_)))
        .count()
}

fn start(names: bool) -> Room {
    let dir = five_option_pack();
    let files = FileSet::from_dir(dir.path()).unwrap();
    let (pack, _) = load(&files).unwrap_or_else(|_| panic!("the test pack loads"));
    let pack: &'static Pack = Box::leak(Box::new(pack));
    let events = Arc::new(Mutex::new(Vec::new()));
    let heard = Arc::clone(&events);
    let config = Config {
        bind: Some("127.0.0.1:0".parse().unwrap()),
        code: "K7QMX".into(),
        names,
    };
    let server = Server::start(
        pack,
        &config,
        Box::new(move |e| heard.lock().unwrap().push(e)),
    )
    .unwrap();
    Room {
        server,
        events,
        path: "/j/K7QMX".into(),
        _pack: dir,
    }
}

fn open(room: &Room, round: u64) {
    room.server.publish(Stage {
        seq: round,
        case: Some(0),
        question: Some(0),
        step: 1,
        round,
        phase: Phase::Open,
        ..Stage::default()
    });
}

#[test]
fn every_bad_request_gets_its_4xx_and_changes_nothing() {
    let room = start(false);
    let addr = room.server.addr();
    let student = Student::join(addr, &room.path);
    open(&room, 1);
    assert_eq!(student.vote('B', 2), 303);
    assert_eq!(votes(&room.events), 1);

    let csp = |r: &live_support::Reply| {
        assert!(
            r.header("content-security-policy")
                .is_some_and(|c| c.contains("default-src 'none'")),
            "{r:?}"
        );
    };
    // No code, a wrong code, a look-alike code: 404, nothing served.
    for path in [
        "/",
        "/j/",
        "/j/K7QMY",
        "/j/k7qmx",
        "/j/K7QMX/../x",
        "/j/K7QMXX",
    ] {
        let r = request(addr, "GET", path, Some(&student.cookie), None);
        assert_eq!(r.status, 404, "{path}");
        csp(&r);
    }
    let wrong = request(
        addr,
        "POST",
        "/j/AAAAA",
        Some(&student.cookie),
        Some(b"option=C&confidence=2"),
    );
    assert_eq!(wrong.status, 404);
    // A 64 KiB body: 413, and the client reads the status.
    let big = format!("option=C&confidence=2&pad={}", "x".repeat(64 * 1024));
    let r = request(
        addr,
        "POST",
        &room.path,
        Some(&student.cookie),
        Some(big.as_bytes()),
    );
    assert_eq!(r.status, 413);
    csp(&r);
    // Unknown option, bad confidence, two options at once, garbage: 4xx.
    assert_eq!(student.post("option=F&confidence=2"), 422);
    assert_eq!(student.post("option=C&confidence=9"), 422);
    assert_eq!(student.post("option=C&option=D&confidence=2"), 400);
    assert_eq!(student.post("option=%ZZ"), 400);
    assert_eq!(student.post("confidence=2"), 400);
    // No cookie, a made-up cookie: 403.
    let r = request(
        addr,
        "POST",
        &room.path,
        None,
        Some(b"option=C&confidence=2"),
    );
    assert_eq!(r.status, 403);
    let forged = "immunity_device=0123456789abcdef0123456789abcdef";
    let r = request(
        addr,
        "POST",
        &room.path,
        Some(forged),
        Some(b"option=C&confidence=2"),
    );
    assert_eq!(r.status, 403);
    // A closed question: 409.
    room.server.publish(Stage {
        seq: 2,
        case: Some(0),
        question: Some(0),
        step: 1,
        round: 1,
        phase: Phase::Locked,
        ..Stage::default()
    });
    let r = request(
        addr,
        "POST",
        &room.path,
        Some(&student.cookie),
        Some(b"option=C&confidence=2"),
    );
    assert_eq!(r.status, 409);
    csp(&r);

    assert_eq!(
        votes(&room.events),
        1,
        "a refused request reached the tally"
    );
    let devices = room.server.devices();
    assert_eq!(devices.len(), 1);
    let answer = devices[0].answer(Some(0), 0).unwrap();
    assert_eq!(
        (answer.option, answer.confidence, answer.revisions),
        (1, 2, 0)
    );
}

#[test]
fn a_flood_from_one_device_is_limited_without_limiting_the_room() {
    let room = start(false);
    let addr = room.server.addr();
    let flooder = Student::join(addr, &room.path);
    let neighbour = Student::join(addr, &room.path);
    open(&room, 1);
    assert_eq!(flooder.vote('A', 1), 303);
    // 1,000 requests in a burst from one device, all the same vote: most refused with 429.
    let statuses: Vec<u16> = (0..1000).map(|_| flooder.vote('A', 1)).collect();
    let limited = statuses.iter().filter(|&&s| s == 429).count();
    assert!(limited >= 900, "only {limited} of 1000 limited");
    assert!(statuses.iter().all(|&s| s == 429 || s == 303));
    // The same address, another device: not limited (never per IP).
    assert_eq!(neighbour.vote('C', 3), 303);
    let devices = room.server.devices();
    assert_eq!(devices[0].answer(Some(0), 0).unwrap().option, 0);
    assert_eq!(devices[0].answer(Some(0), 0).unwrap().revisions, 0);
    assert_eq!(devices[1].answer(Some(0), 0).unwrap().option, 2);
}

#[test]
fn the_page_escapes_pack_text_and_sets_a_strict_cookie() {
    let room = start(true);
    let addr = room.server.addr();
    open(&room, 1);
    let r = request(addr, "GET", &room.path, None, None);
    assert_eq!(r.status, 200);
    let cookie = r.header("set-cookie").unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    assert!(!cookie.contains("Secure"));
    assert!(
        r.body
            .contains("Option C &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
    );
    assert!(!r.body.contains("<script>alert"));
    // The case name is never on the page while hidden.
    assert!(!r.body.contains("Alpha v. Beta"), "{}", r.body);
    // Every control labelled: one label per radio.
    assert_eq!(r.body.matches("type=\"radio\"").count(), 8);
    assert_eq!(r.body.matches("<label for=").count(), 9);
    // A typed name is escaped too.
    let student = live_support::Student {
        addr,
        path: room.path.clone(),
        cookie: r.cookie().unwrap(),
    };
    assert_eq!(student.post("name=%3Cb%3EEve%3C%2Fb%3E"), 303);
    let page = student.page().body;
    assert!(page.contains("You are &lt;b&gt;Eve&lt;/b&gt;"), "{page}");
}

#[test]
fn the_five_hundred_and_first_device_is_turned_away() {
    let room = start(false);
    let addr = room.server.addr();
    for _ in 0..immunity::live::MAX_DEVICES {
        Student::join(addr, &room.path);
    }
    let r = request(addr, "GET", &room.path, None, None);
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.header("set-cookie").is_none());
    assert_eq!(room.server.devices().len(), immunity::live::MAX_DEVICES);
}
