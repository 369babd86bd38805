//! An idle full screen does nothing: once the first screen is drawn, the program's threads
//! sleep until a key, a resize or a signal comes, so over five idle seconds they are woken
//! not once (no timer, no polling loop). Counted from the kernel's context-switch tallies of
//! every thread (Linux's /proc), so this is a count, not a timing.

#![cfg(target_os = "linux")]

mod support;

use std::time::Duration;

use support::pty::Pty;

/// Voluntary plus involuntary context switches of every thread of process `pid`.
fn switches(pid: u32) -> u64 {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).expect("the process is running") {
        let status =
            std::fs::read_to_string(task.unwrap().path().join("status")).unwrap_or_default();
        for line in status.lines() {
            if let Some(n) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                total += n.trim().parse::<u64>().expect("a count");
            }
        }
    }
    total
}

#[test]
fn the_idle_start_screen_wakes_no_thread_in_five_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let pack = support::pack::fixture_dir();
    let mut s = Pty::start(
        &["--pack", &pack.display().to_string()],
        dir.path(),
        120,
        40,
    );
    s.wait_for("Walk the tree freely");
    // Let the first frame's writes and the reader threads settle.
    std::thread::sleep(Duration::from_secs(1));
    let before = switches(s.pid());
    std::thread::sleep(Duration::from_secs(5));
    let after = switches(s.pid());
    assert_eq!(
        after - before,
        0,
        "the idle program's threads were woken {} times in 5 s",
        after - before
    );
    s.keys("q");
    s.finish();
}
