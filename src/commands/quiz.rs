//! `immunity quiz`: the pack's fact patterns as a self-test, full screen or line by line
//! (`--plain`, `ACCESSIBLE`, `TERM=dumb`, or a standard stream that is not a terminal); writes a
//! results file for `immunity class` when the student quits (also after a terminating signal,
//! the end of the input, or a script error in the line mode).

use std::path::Path;

use immunity::conventions;
use immunity::plain::{self, quiz::QuizEnding};

use immunity::export::ExportError;
use immunity::results::save;
use immunity::tui::{self, Theme, quiz};

use super::{Exit, Failure, find_case, load_pack, say, screen_ended};
use crate::cli::QuizArgs;

/// Checks everything before the screen is taken, runs the quiz (line by line when the
/// conventions ask for it, `plain_flag` being the top-level `--plain`), then writes the results.
pub fn run(
    pack_dir: Option<&Path>,
    args: &QuizArgs,
    no_color: bool,
    plain_flag: bool,
) -> Result<Exit, Failure> {
    let plain_reason = conventions::plain_mode_here(args.plain || plain_flag);
    let pack = load_pack(pack_dir)?;
    let cases: Vec<usize> = if args.cases.is_empty() {
        (0..pack.cases().len()).collect()
    } else {
        let mut list = Vec::new();
        for id in &args.cases {
            let case = find_case(&pack, id)?;
            list.push(
                pack.cases()
                    .iter()
                    .position(|c| c.id == case.id)
                    .unwrap_or(0),
            );
        }
        list
    };
    if cases.is_empty() {
        return Err(Failure::NoFactPatterns);
    }
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| save::default_student(&|v| std::env::var(v).ok()));
    let path = match &args.results {
        Some(path) if path.exists() && !args.force => {
            return Err(Failure::Export(ExportError::Exists(path.clone())));
        }
        Some(path) => path.clone(),
        None => save::free_name(Path::new(""), &name),
    };
    if let Some(reason) = plain_reason {
        let (patterns, ending) = plain::quiz::run_stdio(&pack, cases, Some(reason.words()));
        write_results(&pack, &name, &path, args.force, patterns)?;
        return match ending {
            Ok(QuizEnding::Done | QuizEnding::Quit) => Ok(Exit::Success),
            Ok(QuizEnding::InputEnded) => Ok(Exit::Pending),
            // Whoever reads the output has gone (`immunity quiz --plain | head`).
            Err(plain::PlainError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                Ok(Exit::Success)
            }
            Err(e) => Err(e.into()),
        };
    }
    if !tui::is_interactive() {
        return Err(Failure::NoTerminal("the full-screen quiz"));
    }
    // `no_color` is the resolved choice: `--color`/`--no-color` weighed against `NO_COLOR`,
    // `CLICOLOR` and `CLICOLOR_FORCE` (see `immunity::conventions`).
    let color = !no_color;
    // crossterm drops every colour under `NO_COLOR` by itself; the resolved choice wins.
    ratatui::crossterm::style::force_color_output(color);
    let mut session = quiz::Quiz::new(&pack, cases, Theme::new(color));
    let outcome = quiz::run(&mut session);
    write_results(&pack, &name, &path, args.force, session.results())?;
    // A terminating signal exits as the walkthrough does, after the results are written.
    screen_ended(outcome)
}

/// Writes the results file (when any answer was recorded) and says so on standard error.
fn write_results(
    pack: &immunity::pack::Pack,
    name: &str,
    path: &Path,
    force: bool,
    patterns: Vec<immunity::results::PatternResult>,
) -> Result<(), Failure> {
    if save::write(pack, name, path, force, patterns)? {
        say(format_args!("wrote {}", path.display()));
    }
    Ok(())
}
