//! `immunity --present [--case CASE]`: presenter mode for a projector; with `--live`, a live
//! class whose students answer from their own browsers (see [`immunity::live`]).

use std::path::{Path, PathBuf};

use immunity::engine::resolve_answers;
use immunity::live::{self, Config, Server, net};
use immunity::pack::Pack;
use immunity::results::class::{self, Input};
use immunity::results::save;
use immunity::tui::present::Presented;
use immunity::tui::present_live::Live;
use immunity::tui::{self, Theme, present};

use super::{Exit, Failure, find_case, load_pack, say, say_raw, screen_ended};

/// What `--live` adds.
#[derive(Debug, Clone)]
pub struct LiveArgs {
    /// `--bind`.
    pub bind: Option<std::net::SocketAddr>,
    /// `--names`.
    pub names: bool,
    /// `--results`.
    pub results: Option<PathBuf>,
}

/// Checks the terminal and the fact pattern before the screen is taken, then presents.
pub fn run(
    pack_dir: Option<&Path>,
    no_color: bool,
    cases: &[String],
    live: Option<LiveArgs>,
) -> Result<Exit, Failure> {
    if !tui::is_interactive() {
        return Err(Failure::NoTerminal("presenter mode"));
    }
    let pack = load_pack(pack_dir)?;
    let mut found = Vec::new();
    for id in cases {
        let case = find_case(&pack, id)?;
        found.extend(pack.cases().iter().position(|c| c.id == case.id));
    }
    let case = found.first().copied();
    let rest = found.get(1..).unwrap_or_default().to_vec();
    let color = !no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if let Some(args) = live {
        // The server's thread borrows the pack for as long as it runs; the process ends soon
        // after, so the pack simply lives until then.
        let pack: &'static Pack = Box::leak(Box::new(pack));
        return run_live(pack, case, rest, Theme::new(color), &args);
    }
    let mut state = present::Present::new(&pack, case, Theme::new(color)).with_cases(rest);
    screen_ended(present::run(&mut state))
}

fn run_live(
    pack: &'static Pack,
    case: Option<usize>,
    rest: Vec<usize>,
    theme: Theme,
    args: &LiveArgs,
) -> Result<Exit, Failure> {
    let failed = |what: &str, e: std::io::Error| Failure::Interactive(format!("{what}: {e}"));
    let code = net::join_code(5).map_err(|e| failed("cannot make a join code", e))?;
    let (sender, inputs) = tui::terminal::inputs_and_sender()
        .map_err(|e| failed("cannot listen for input and signals", e))?;
    let notify = Box::new(move |event: live::Event| {
        // The loop may have ended already; a lost message then matters to no one.
        let _ = sender.send(tui::Input::Live(event));
    });
    let config = Config {
        bind: args.bind,
        code: code.clone(),
        names: args.names,
    };
    let mut server = Server::start(pack, &config, notify).map_err(|e| {
        failed(
            &format!(
                "cannot serve the live class on {}",
                args.bind
                    .map_or_else(|| "a port near 8733".to_owned(), |b| b.to_string())
            ),
            e,
        )
    })?;
    let urls: Vec<String> = net::room_addresses(server.addr())
        .into_iter()
        .map(|a| net::join_url(a, &code))
        .collect();
    say(format_args!("Live class: students join at {}", urls[0]));
    for other in &urls[1..] {
        say(format_args!("  (also {other})"));
    }
    let publisher = server.publisher();
    let room = Live::new(
        urls[0].clone(),
        urls[1..].to_vec(),
        Box::new(move |stage| publisher.publish(stage)),
    );
    let mut state = present::Present::new(pack, case, theme)
        .with_cases(rest)
        .with_live(room);
    let ending = tui::screen_loop::run_on(&mut state, &inputs);
    server.publisher().close();
    let devices = server.devices();
    let presented = state.presented();
    server.stop();
    say(format_args!("Live class ended: {} joined.", devices.len()));
    if presented.is_empty() {
        say("No fact pattern was chosen (--case), so no results files are written.");
    } else {
        write_results(pack, &presented, &devices, args)?;
    }
    screen_ended(ending)
}

/// One results file per device that answered, each fact pattern presented one pattern in it,
/// then the class report's summary.
fn write_results(
    pack: &Pack,
    presented: &[Presented],
    devices: &[live::room::Device],
    args: &LiveArgs,
) -> Result<(), Failure> {
    let answered: Vec<_> = devices
        .iter()
        .filter(|d| d.answers.iter().any(|a| a.settled))
        .collect();
    if answered.is_empty() {
        say("No student answered, so no results files are written.");
        return Ok(());
    }
    let dir = args.results.clone().unwrap_or_else(default_dir);
    std::fs::create_dir_all(&dir).map_err(|e| {
        Failure::Usage(format!(
            "cannot create the results folder {}: {e}",
            dir.display()
        ))
    })?;
    let mut inputs = Vec::new();
    for device in answered {
        let patterns: Vec<_> = presented
            .iter()
            .map(|(case, conclusion, path)| {
                let court = resolve_answers(pack, &pack.cases()[*case].answers).unwrap_or_default();
                live::room::pattern(pack, device, *case, &court, *conclusion, path)
            })
            .filter(|p| !p.steps.is_empty())
            .collect();
        let label = if args.names {
            device.label()
        } else {
            format!("student-{:03}", device.number)
        };
        let file = save::free_name(&dir, &label);
        if save::write(pack, &label, &file, false, patterns)? {
            inputs.push(Input {
                name: file.display().to_string(),
                text: std::fs::read_to_string(&file).map_err(|e| e.to_string()),
            });
        }
    }
    say(format_args!(
        "Wrote {} results files to {} (immunity class {} gives the full report).",
        inputs.len(),
        dir.display(),
        dir.display()
    ));
    let report = class::collate(pack, &inputs);
    // The summary: the report's head, each fact pattern with each question the room answered
    // and how many matched the court, and where the room left the court's path (the charts
    // and the questions nobody reached are in the full report).
    let text = immunity::document::text::render_width(
        &class::summary(&report),
        super::class::text_width(None),
    );
    // Every field of the report is clean text (the loader cleaned it), so it goes out as is.
    say_raw(&text);
    Ok(())
}

/// A new `class-YYYYMMDD-HHMM` folder here (`-2`, `-3` … when taken).
fn default_dir() -> PathBuf {
    let stem = chrono::Local::now().format("class-%Y%m%d-%H%M").to_string();
    let mut n = 1;
    loop {
        let dir = if n == 1 {
            PathBuf::from(&stem)
        } else {
            PathBuf::from(format!("{stem}-{n}"))
        };
        if !dir.exists() {
            return dir;
        }
        n += 1;
    }
}
