//! The release binary side by side with its anchors, in one interleaved run, as ratios:
//!
//! - **first frame**: spawn to the start screen drawn in full (the last byte before 150 ms of
//!   quiet) in a 120×40 pseudo-terminal, against `dialog --menu` and `whiptail --menu` with the
//!   same entries; wall time and CPU (every thread's `schedstat`) to that moment;
//! - **paced key**: the CPU one key costs when each key is drawn before the next is sent
//!   (Down and Up in turn on the start screen), against the same menus;
//! - **answer at a million questions**: the CPU of answering a question and going back, keys
//!   sent to the binary on a generated pack of 1,000,000 questions, at depth 1;
//! - **`check` growth**: the CPU of `immunity check` on generated packs of 100,000 and 1,000,000
//!   questions (and `jq empty` on the same files where jq is installed), the median of five
//!   runs each on the scheduler's clock, and the check's peak memory against the size of
//!   `pack.json`.
//!
//! It prints the one-minute load average at the start and at the end: figures taken on a busy
//! machine are not comparable. An anchor that is not installed is skipped and the reason
//! printed. Run with `cargo bench --bench versus` (it builds the release binary first if it is
//! not there; about five minutes). Measurement only: nothing here asserts a time.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use immunity::pack::generate::generate_pack;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Rounds of the first-frame and paced-key comparisons (the order rotates every round).
const ROUNDS: usize = 9;
/// Keys per round in the paced comparison.
const KEYS: usize = 40;
/// The menu entries the anchors show: the bundled start screen's first entries.
const ENTRIES: usize = 19;

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not used.
    let binary = release_binary();
    println!("load average (1 min) at start: {}", load());
    let anchors = anchors(&binary);
    for (name, why) in &anchors.missing {
        println!("{name}: skipped ({why})");
    }
    let mut programs = vec![("immunity", vec![binary.display().to_string()])];
    programs.extend(anchors.found.iter().map(|(n, a)| (*n, a.clone())));
    first_frame(&programs);
    paced_key(&programs);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let million = write_pack(dir.path(), 1_000_000);
    answer_at(&binary, &million);
    let hundred_k = write_pack(dir.path(), 100_000);
    check_growth(&binary, &hundred_k, &million);
    println!("load average (1 min) at end: {}", load());
}

/// `target/release/immunity`, built if missing.
fn release_binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = root.join("target/release/immunity");
    if !binary.exists() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--release", "--bin", "immunity"])
            .current_dir(root)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the release build failed");
    }
    binary
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

struct Anchors {
    found: Vec<(&'static str, Vec<String>)>,
    missing: Vec<(&'static str, String)>,
}

/// dialog and whiptail with the start screen's own title and first entries, where installed.
fn anchors(binary: &Path) -> Anchors {
    let out = Command::new(binary)
        .arg("cases")
        .output()
        .expect("the binary runs");
    let mut entries = vec![
        "Walk the tree freely".to_owned(),
        "Quiz: every fact pattern under neutral titles, scored".to_owned(),
    ];
    entries.extend(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.split_once("  ").map(|(_, name)| name.trim().to_owned()))
            .map(|name| format!("Fact pattern: {name}")),
    );
    entries.truncate(ENTRIES);
    let text = "Immunity from § 1983 suits over what judges, court staff and prosecutors do. \
                Educational screening aid, not legal advice.";
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for name in ["dialog", "whiptail"] {
        if Command::new(name).arg("--version").output().is_err() {
            missing.push((
                name,
                format!("{name} is not installed: apt-get install {name}"),
            ));
            continue;
        }
        let mut argv = vec![
            name.to_owned(),
            "--menu".into(),
            text.into(),
            "40".into(),
            "120".into(),
            "17".into(),
        ];
        for (i, e) in entries.iter().enumerate() {
            argv.push((i + 1).to_string());
            argv.push(e.clone());
        }
        found.push((name, argv));
    }
    Anchors { found, missing }
}

/// A program in a 120×40 pseudo-terminal, its output read by a thread.
struct Proc {
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    writer: Box<dyn std::io::Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    rx: Receiver<Vec<u8>>,
    out: Vec<u8>,
    start: Instant,
    last: Instant,
}

impl Proc {
    fn spawn(argv: &[String]) -> Proc {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(&argv[0]);
        cmd.args(&argv[1..]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("LC_ALL", "C.UTF-8");
        cmd.env_remove("NO_COLOR");
        let start = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawns");
        drop(pair.slave);
        let pid = child.process_id().expect("a process id");
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = vec![0; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Proc {
            child,
            pid,
            writer,
            _master: pair.master,
            rx,
            out: Vec::new(),
            start,
            last: start,
        }
    }

    /// Reads what arrives within `timeout`; the number of bytes.
    fn drain(&mut self, timeout: Duration) -> usize {
        let end = Instant::now() + timeout;
        let mut n = 0;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(bytes) => {
                    self.last = Instant::now();
                    n += bytes.len();
                    self.out.extend_from_slice(&bytes);
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return n,
            }
        }
    }

    /// Reads until `marker` has been seen and then `quiet` passes with no output.
    fn until_quiet(&mut self, quiet: Duration, marker: &[u8]) {
        let limit = Instant::now() + Duration::from_mins(10);
        while Instant::now() < limit {
            if !contains(&self.out, marker) {
                self.drain(Duration::from_millis(20));
            } else if self.drain(quiet) == 0 {
                return;
            }
        }
        panic!(
            "no quiet frame with {:?} within ten minutes",
            String::from_utf8_lossy(marker)
        );
    }

    /// Waits for the first output after a key, then for `quiet` with none.
    fn after_key(&mut self, quiet: Duration) {
        if let Ok(bytes) = self.rx.recv_timeout(Duration::from_secs(2)) {
            self.last = Instant::now();
            self.out.extend_from_slice(&bytes);
        }
        while self.drain(quiet) > 0 {}
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("writes");
        self.writer.flush().expect("flushes");
    }

    /// CPU time of every thread so far, in nanoseconds.
    fn cpu_ns(&self) -> u64 {
        cpu_ns(self.pid)
    }

    /// Arrow keys as the terminal sends them: SS3 once the program asked for application
    /// cursor keys, CSI otherwise.
    fn arrow(&self, up: bool) -> &'static [u8] {
        match (contains(&self.out, b"\x1b[?1h"), up) {
            (true, true) => b"\x1bOA",
            (true, false) => b"\x1bOB",
            (false, true) => b"\x1b[A",
            (false, false) => b"\x1b[B",
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn cpu_ns(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        f64::midpoint(xs[n / 2 - 1], xs[n / 2])
    }
}

/// Every program in turn, the order rotated each round so none always goes first.
fn rotated<'a>(
    programs: &'a [(&'static str, Vec<String>)],
    round: usize,
) -> impl Iterator<Item = (usize, &'a (&'static str, Vec<String>))> {
    let n = programs.len();
    (0..n).map(move |k| {
        let i = (k + round) % n;
        (i, &programs[i])
    })
}

fn report(what: &str, unit: &str, programs: &[(&'static str, Vec<String>)], v: &[Vec<f64>]) {
    for (i, (name, _)) in programs.iter().enumerate() {
        println!(
            "{what}: {name:9} median {:8.2} {unit}",
            median(v[i].clone())
        );
    }
    for (i, (name, _)) in programs.iter().enumerate().skip(1) {
        let ratios: Vec<f64> = v[0].iter().zip(&v[i]).map(|(a, b)| a / b).collect();
        let (lo, hi) = ratios
            .iter()
            .fold((f64::MAX, f64::MIN), |(l, h), &r| (l.min(r), h.max(r)));
        println!(
            "{what}: immunity/{name} = {:.2}x (rounds {lo:.2}-{hi:.2})",
            median(ratios.clone())
        );
    }
}

fn first_frame(programs: &[(&'static str, Vec<String>)]) {
    let mut wall = vec![Vec::new(); programs.len()];
    let mut cpu = vec![Vec::new(); programs.len()];
    for round in 0..ROUNDS {
        for (i, (_, argv)) in rotated(programs, round) {
            let mut p = Proc::spawn(argv);
            p.until_quiet(Duration::from_millis(150), b"Walk the tree freely");
            wall[i].push((p.last - p.start).as_secs_f64() * 1e3);
            #[allow(clippy::cast_precision_loss)]
            cpu[i].push(p.cpu_ns() as f64 / 1e6);
        }
    }
    report("first frame, wall", "ms", programs, &wall);
    report("first frame, CPU", "ms", programs, &cpu);
}

fn paced_key(programs: &[(&'static str, Vec<String>)]) {
    let mut per_key = vec![Vec::new(); programs.len()];
    for round in 0..ROUNDS {
        for (i, (_, argv)) in rotated(programs, round) {
            let mut p = Proc::spawn(argv);
            p.until_quiet(Duration::from_millis(300), b"Walk the tree freely");
            let before = p.cpu_ns();
            for k in 0..KEYS {
                let key = p.arrow(k % 2 == 1);
                p.send(key);
                p.after_key(Duration::from_millis(25));
            }
            #[allow(clippy::cast_precision_loss)]
            per_key[i].push((p.cpu_ns() - before) as f64 / KEYS as f64 / 1e3);
        }
    }
    report("paced key, CPU", "µs", programs, &per_key);
}

/// Writes `generate_pack(n)` under `dir/p{n}`.
fn write_pack(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join(format!("p{n}"));
    for (rel, text) in generate_pack(n).iter() {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        std::fs::write(path, text).expect("written");
    }
    root
}

fn answer_at(binary: &Path, pack: &Path) {
    let argv = [
        binary.display().to_string(),
        "--max-input-size".into(),
        "2G".into(),
        "--pack".into(),
        pack.display().to_string(),
    ];
    let mut p = Proc::spawn(&argv);
    p.until_quiet(Duration::from_millis(500), b"Walk the tree freely");
    // Enter walks from the first question; 1 answers it, b goes back.
    p.send(b"\r");
    p.after_key(Duration::from_millis(100));
    let mut costs = Vec::new();
    for k in 0..2 * KEYS {
        let before = p.cpu_ns();
        p.send(if k % 2 == 0 { b"1" } else { b"b" });
        p.after_key(Duration::from_millis(50));
        #[allow(clippy::cast_precision_loss)]
        costs.push((p.cpu_ns() - before) as f64 / 1e6);
    }
    let worst = costs.iter().copied().fold(0.0, f64::max);
    println!(
        "answer or back at 1,000,000 questions: median {:.2} ms CPU, worst {worst:.2} ms ({} keys)",
        median(costs.clone()),
        costs.len()
    );
}

/// Runs a command to its end; (CPU seconds from /proc at its exit, peak memory in MiB, whether
/// the time is the scheduler's). The CPU time is the scheduler's, in nanoseconds, when the
/// process never ran a second thread (then its main thread's time is all of it); otherwise the
/// clock ticks of the whole process, a hundredth of a second each.
fn measure(cmd: &mut Command) -> (f64, f64, bool) {
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawns");
    let pid = child.id();
    let mut peak_kib = 0u64;
    let mut ticks = 0u64;
    let mut threads = 0u64;
    let mut ns = 0u64;
    loop {
        // A process that has exited and is not yet reaped still reports its CPU time.
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        if fields.len() > 13 {
            ticks = fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0);
        }
        if let Some(n) = fields.get(17).and_then(|n| n.parse::<u64>().ok()) {
            threads = threads.max(n);
        }
        // The time of the process's first thread, which a zombie still reports.
        if let Some(n) = std::fs::read_to_string(format!("/proc/{pid}/schedstat"))
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        {
            ns = n;
        }
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status"))
            && let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        if fields.first() == Some(&"Z") {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait().expect("reaped");
    let precise = threads == 1 && ns > 0;
    #[allow(clippy::cast_precision_loss)]
    let cpu = if precise {
        ns as f64 / 1e9
    } else {
        // USER_HZ is 100 on Linux.
        ticks as f64 / 100.0
    };
    #[allow(clippy::cast_precision_loss)]
    (cpu, peak_kib as f64 / 1024.0, precise)
}

fn check_growth(binary: &Path, small: &Path, large: &Path) {
    /// Runs of each command at each size; the median is taken.
    const RUNS: usize = 5;
    let jq = Command::new("jq").arg("--version").output().is_ok();
    if !jq {
        println!("jq: skipped (jq is not installed: apt-get install jq)");
    }
    let mut check = [Vec::new(), Vec::new()];
    let mut jq_cpu = [Vec::new(), Vec::new()];
    let mut peak = [0.0f64; 2];
    let mut precise = true;
    for _ in 0..RUNS {
        for (k, pack) in [small, large].iter().enumerate() {
            let (cpu, mib, exact) = measure(
                Command::new(binary)
                    .args(["--max-input-size", "2G", "check"])
                    .arg(pack),
            );
            check[k].push(cpu);
            peak[k] = peak[k].max(mib);
            precise &= exact;
            if jq {
                let (cpu, _, exact) =
                    measure(Command::new("jq").arg("empty").arg(pack.join("pack.json")));
                jq_cpu[k].push(cpu);
                precise &= exact;
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let file_mib = |p: &Path| {
        std::fs::metadata(p.join("pack.json")).map_or(0.0, |m| m.len() as f64 / 1_048_576.0)
    };
    let (c0, c1) = (median(check[0].clone()), median(check[1].clone()));
    let clock = if precise {
        "the scheduler's clock"
    } else {
        "clock ticks"
    };
    println!(
        "check: 100,000 questions {c0:.3} s CPU, 1,000,000 {c1:.3} s: growth {:.2}x (median of {RUNS}, {clock})",
        c1 / c0
    );
    println!(
        "check: peak memory {:.0} MiB at 1,000,000 questions, {:.2}x its pack.json ({:.0} MiB)",
        peak[1],
        peak[1] / file_mib(large),
        file_mib(large)
    );
    if jq {
        let (j0, j1) = (median(jq_cpu[0].clone()), median(jq_cpu[1].clone()));
        println!(
            "jq empty: 100,000 questions {j0:.3} s CPU, 1,000,000 {j1:.3} s: growth {:.2}x",
            j1 / j0
        );
    }
}
