//! The `immunity` binary: parse the command line, run the chosen command, map failures to exit
//! codes (see `cli::EXIT_CODES`). The work itself lives in the library.

mod cli;
mod manual;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _};
use immunity::conventions::{self, ColorChoice};
use immunity::engine::{self, Session};
use immunity::export::{ExportError, write_atomic};
use immunity::pack::{self, FileSet, Pack};
use immunity::report::{self, Format, Report, ReportContext};
use immunity::text::{escape_for_display, sanitize_line};
use immunity::{map, paint, plain, tui};

use cli::{Cli, Command, MapFormat, WalkArgs, WalkFormat};

/// `eprintln!` without its panic: `eprintln!` panics when standard error cannot be written
/// (a terminal that has gone away, a closed pipe), which would turn a clean exit into a crash.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("{}\n", format_args!($($arg)*)),
        );
    }};
}

/// `eprint!` without its panic; see [`say!`].
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!($($arg)*));
    }};
}

/// The pack used when `--pack` is not given.
const BUNDLED: &str = "judicial-immunity";

/// A command that did not succeed: what to tell the user and the exit code.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }
}

fn main() -> ExitCode {
    let matches = command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match run(cli) {
        Ok(code) => code,
        Err(failure) => {
            if !failure.message.is_empty() {
                say!("immunity: {}", failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}

/// The clap command, its version naming the bundled pack's version and law-checked date.
fn command() -> clap::Command {
    Cli::command().version(version())
}

/// `0.1.0 (bundled pack judicial-immunity 1.0.0, law checked 2026-11-23)`. Read from the
/// embedded `pack.json` without validating the whole pack, so `--version` stays instant.
fn version() -> String {
    #[derive(serde::Deserialize)]
    struct Header {
        id: String,
        version: String,
        law_checked: String,
    }
    let header = FileSet::bundled(BUNDLED)
        .and_then(|files| files.get("pack.json").map(str::to_owned))
        .and_then(|text| serde_json::from_str::<Header>(&text).ok());
    match header {
        Some(h) => format!(
            "{} (bundled pack {} {}, law checked {})",
            env!("CARGO_PKG_VERSION"),
            sanitize_line(&h.id),
            sanitize_line(&h.version),
            sanitize_line(&h.law_checked)
        ),
        None => env!("CARGO_PKG_VERSION").to_owned(),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let color = cli.color_choice();
    match cli.command {
        None => interactive(cli.pack.as_deref(), color, cli.plain, cli.case),
        Some(Command::Check { packs }) => check(&packs),
        Some(Command::Walk(args)) => walk(cli.pack.as_deref(), &args, color),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command(), "immunity", &mut out);
            print_stdout(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let out = manual::render(command())
                .map_err(|e| Failure::usage(format!("cannot write the manual page: {e}")))?;
            print_stdout(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Map { format }) => {
            let pack = load_pack(cli.pack.as_deref())?;
            let text = match format {
                MapFormat::Text => map::outline(&pack),
                MapFormat::Dot => map::dot(&pack),
                MapFormat::Mermaid => map::mermaid(&pack),
                MapFormat::Json => map::json(&pack),
            };
            print_stdout(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Schema { cases, report }) => {
            let schema = if report {
                report::schema()
            } else if cases {
                serde_json::to_value(schemars::schema_for!(pack::CasesFile))
                    .expect("schema serialises")
            } else {
                serde_json::to_value(schemars::schema_for!(pack::PackFile))
                    .expect("schema serialises")
            };
            let text = serde_json::to_string_pretty(&schema).expect("schema serialises");
            print_stdout(&format!("{text}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The interactive walkthrough: full screen on a terminal, or line by line (`--plain`,
/// `ACCESSIBLE`, `TERM=dumb`, or a standard stream that is not a terminal).
fn interactive(
    pack_dir: Option<&Path>,
    color: ColorChoice,
    plain_flag: bool,
    case: Option<String>,
) -> Result<ExitCode, Failure> {
    use std::io::IsTerminal as _;
    let env = |name: &str| std::env::var_os(name);
    let plain_reason = conventions::plain_mode(
        plain_flag,
        &env,
        std::io::stdin().is_terminal(),
        std::io::stdout().is_terminal(),
    );
    let pack = load_pack(pack_dir)?;
    if let Some(id) = &case
        && pack.case(id).is_none()
    {
        return Err(Failure::usage(format!(
            "unknown fact pattern {:?}; the pack's fact patterns are: {}",
            escape_for_display(id),
            case_ids(&pack)
        )));
    }
    if let Some(reason) = plain_reason {
        let cwd = std::env::current_dir()
            .map_err(|e| Failure::usage(format!("cannot read the current folder: {e}")))?;
        return match plain::run_stdio(&pack, case, Some(reason.words()), &cwd) {
            Ok(finished) => Ok(ExitCode::from(finished.exit_code())),
            // Whoever reads the output has gone (`immunity --plain | head`): nothing to say.
            Err(plain::PlainError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => Err(Failure::usage(e.to_string())),
        };
    }
    let options = tui::TuiOptions {
        no_color: !conventions::color_enabled(color, &env, true),
        case,
    };
    tui::run(&pack, &options).map_err(|e| Failure {
        code: 1,
        message: sanitize_line(&format!("{e:#}")),
    })
}

/// Loads `--pack DIR`, or the bundled pack. A broken pack prints its problems (exit 1).
fn load_pack(dir: Option<&Path>) -> Result<Pack, Failure> {
    let files = match dir {
        Some(dir) => FileSet::from_dir(dir).map_err(|e| Failure::usage(e.to_string()))?,
        None => FileSet::bundled(BUNDLED).expect("the bundled pack is embedded at build time"),
    };
    match pack::load(&files) {
        Ok((pack, _)) => {
            for warning in pack.warnings() {
                say!("{warning}");
            }
            Ok(pack)
        }
        Err(problems) => {
            say_raw!("{problems}");
            Err(Failure {
                code: 1,
                message: format!(
                    "{}: the pack has problems; run `immunity check` for details",
                    files.display_root()
                ),
            })
        }
    }
}

/// `immunity check`: every problem of every pack, then one summary line per clean pack.
fn check(dirs: &[std::path::PathBuf]) -> Result<ExitCode, Failure> {
    let sets: Vec<Result<FileSet, String>> = if dirs.is_empty() {
        FileSet::bundled_names()
            .map(|name| Ok(FileSet::bundled(name).expect("listed packs are embedded")))
            .collect()
    } else {
        dirs.iter()
            .map(|d| FileSet::from_dir(d).map_err(|e| e.to_string()))
            .collect()
    };
    let mut code = 0u8;
    let mut out = String::new();
    for set in sets {
        let files = match set {
            Ok(files) => files,
            Err(message) => {
                say!("immunity: {message}");
                code = 2;
                continue;
            }
        };
        match pack::load(&files) {
            Ok((pack, summary)) => {
                for warning in pack.warnings() {
                    let _ = writeln!(out, "{warning}");
                }
                let _ = writeln!(
                    out,
                    "{}: ok: {} questions, {} conclusions, {} distinct paths, {} quotes verified, {} fact patterns",
                    files.display_root(),
                    summary.questions,
                    summary.conclusions,
                    summary.paths,
                    summary.quotes_verified,
                    summary.cases
                );
            }
            Err(problems) => {
                out.push_str(&problems.to_string());
                let errors = problems
                    .0
                    .iter()
                    .filter(|d| d.severity == pack::Severity::Error)
                    .count();
                let _ = writeln!(
                    out,
                    "{}: {errors} error{} found",
                    files.display_root(),
                    if errors == 1 { "" } else { "s" }
                );
                code = code.max(1);
            }
        }
    }
    print_stdout(&out)?;
    Ok(ExitCode::from(code))
}

/// `immunity walk`: follow the answers; print or export the reasoning chain.
fn walk(pack_dir: Option<&Path>, args: &WalkArgs, color: ColorChoice) -> Result<ExitCode, Failure> {
    let pack = load_pack(pack_dir)?;
    let answers = gather_answers(&pack, args)?;
    let walked = engine::walk(&pack, &answers).map_err(|e| Failure::usage(e.to_string()))?;
    for qid in &walked.unused {
        say!(
            "immunity: warning: the answer for {:?} was not used: the path did not pass through that question",
            escape_for_display(qid)
        );
    }
    let session = walked.session;
    if !session.is_finished() {
        let text = match args.format {
            WalkFormat::Json => pending_json(&session),
            _ => pending_text(&session),
        };
        if matches!(args.format, WalkFormat::Markdown | WalkFormat::Html) || args.output.is_some() {
            say_raw!("{text}");
            return Err(Failure {
                code: 3,
                message: "the answers stop before a conclusion: nothing to export".into(),
            });
        }
        print_stdout(&text)?;
        return Ok(ExitCode::from(3));
    }
    let context = ReportContext::now(env!("CARGO_PKG_VERSION"));
    let report = Report::from_session(&session, &context).expect("the session is at a conclusion");
    let format = match args.format {
        WalkFormat::Text => Format::Text,
        WalkFormat::Json => Format::Json,
        WalkFormat::Markdown => Format::Markdown,
        WalkFormat::Html => Format::Html,
    };
    let rendered = report::render(&report, format);
    if let Some(path) = args.output.as_deref().filter(|p| *p != Path::new("-")) {
        write_atomic(path, &rendered, args.force).map_err(|e| match e {
            ExportError::Exists(_) => Failure {
                code: 1,
                message: e.to_string(),
            },
            ExportError::Io { .. } => Failure::usage(e.to_string()),
        })?;
        say!("immunity: wrote {}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    // Only the text format is coloured on standard output: the others are file formats.
    let colored = format == Format::Text
        && conventions::color_enabled(
            color,
            &|name| std::env::var_os(name),
            std::io::IsTerminal::is_terminal(&std::io::stdout()),
        );
    if colored {
        print_stdout(&paint::report_text(&rendered))?;
    } else {
        print_stdout(&rendered)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The answers of `--case`, then `--answers FILE`, then `--answer` flags, each overriding the
/// one before.
fn gather_answers(pack: &Pack, args: &WalkArgs) -> Result<BTreeMap<String, String>, Failure> {
    let mut answers = BTreeMap::new();
    if let Some(id) = &args.case {
        let case = pack.case(id).ok_or_else(|| {
            Failure::usage(format!(
                "unknown fact pattern {:?}; the pack's fact patterns are: {}",
                escape_for_display(id),
                case_ids(pack)
            ))
        })?;
        answers.extend(case.answers.clone());
    }
    if let Some(path) = &args.answers_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
        let from_file: BTreeMap<String, String> = serde_json::from_str(&text).map_err(|e| {
            Failure::usage(format!(
                "{}:{}:{}: expected a JSON object of question id to option id: {e}",
                path.display(),
                e.line(),
                e.column()
            ))
        })?;
        answers.extend(from_file);
    }
    answers.extend(args.answers.iter().cloned());
    Ok(answers)
}

fn case_ids(pack: &Pack) -> String {
    if pack.cases().is_empty() {
        return "(none)".into();
    }
    pack.cases()
        .iter()
        .map(|c| sanitize_line(&c.id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn pending_text(session: &Session<'_>) -> String {
    let pack = session.pack();
    let q = session
        .current_question()
        .expect("pending means at a question");
    let question = pack.question(q);
    let mut out = format!(
        "Pending question {}: {}\nAnswer with --answer {}=OPTION, where OPTION is one of:\n",
        sanitize_line(&question.id),
        sanitize_line(&question.prompt),
        sanitize_line(&question.id)
    );
    let width = question
        .options
        .iter()
        .map(|o| sanitize_line(&o.id).chars().count())
        .max()
        .unwrap_or(0);
    for option in &question.options {
        let _ = writeln!(
            out,
            "  {:width$}  {}",
            sanitize_line(&option.id),
            sanitize_line(&option.label)
        );
    }
    if !session.history().is_empty() {
        out.push_str("Answers so far:\n");
        for (i, step) in session.history().iter().enumerate() {
            let question = pack.question(step.question);
            let option = &question.options[step.option];
            let _ = writeln!(
                out,
                "  {}. {}={}  ({})",
                i + 1,
                sanitize_line(&question.id),
                sanitize_line(&option.id),
                sanitize_line(&option.label)
            );
        }
    }
    out
}

fn pending_json(session: &Session<'_>) -> String {
    let pack = session.pack();
    let q = session
        .current_question()
        .expect("pending means at a question");
    let question = pack.question(q);
    let value = serde_json::json!({
        "pending": {
            "question": question.id,
            "prompt": question.prompt,
            "options": question.options.iter().map(|o| serde_json::json!({
                "id": o.id,
                "label": o.label,
            })).collect::<Vec<_>>(),
        },
        "path": session.history().iter().map(|step| {
            let question = pack.question(step.question);
            let option = &question.options[step.option];
            serde_json::json!({
                "question": question.id,
                "prompt": question.prompt,
                "answer": option.id,
                "label": option.label,
            })
        }).collect::<Vec<_>>(),
    });
    format!(
        "{}\n",
        serde_json::to_string_pretty(&value).expect("JSON serialises")
    )
}

/// Writes to standard output; a closed pipe (`immunity map | head`) is not an error worth a
/// panic, but is reported.
fn print_stdout(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::usage(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}
