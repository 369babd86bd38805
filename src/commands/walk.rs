//! `immunity walk`: follows answers from the start of a pack, then prints or exports the
//! reasoning chain, or reports the question the answers stop at (exit 3).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use immunity::engine::{self, Session};
use immunity::export::write_atomic;
use immunity::pack::Pack;
use immunity::report::{self, Format, Report, ReportContext};
use immunity::text::{escape_for_display, sanitize_line};

use super::{Exit, Failure, find_case, load_pack, print_stdout, say, say_raw};
use crate::cli::{WalkArgs, WalkFormat};

/// Walks the answers of `args` through the pack and prints or writes the result.
pub fn run(pack_dir: Option<&Path>, args: &WalkArgs) -> Result<Exit, Failure> {
    let pack = load_pack(pack_dir)?;
    let answers = gather_answers(&pack, args)?;
    let walked = engine::walk(&pack, &answers)?;
    for qid in &walked.unused {
        say(format_args!(
            "warning: the answer for {:?} was not used: the path did not pass through that question",
            escape_for_display(qid)
        ));
    }
    let session = walked.session;
    if !session.is_finished() {
        let text = match args.format {
            WalkFormat::Json => pending_json(&session),
            _ => pending_text(&session),
        };
        if matches!(args.format, WalkFormat::Markdown | WalkFormat::Html) || args.output.is_some() {
            say_raw(&text);
            return Err(Failure::NothingToExport);
        }
        print_stdout(&text)?;
        return Ok(Exit::Pending);
    }
    let context = ReportContext::now(env!("CARGO_PKG_VERSION"));
    let case = match &args.case {
        Some(id) => Some(find_case(&pack, id)?),
        None => None,
    };
    let report = Report::build(&session, &context, case).expect("the session is at a conclusion");
    let format = match args.format {
        WalkFormat::Text => Format::Text,
        WalkFormat::Json => Format::Json,
        WalkFormat::Markdown => Format::Markdown,
        WalkFormat::Html => Format::Html,
    };
    let rendered = report::render(&report, format);
    match args.output.as_deref() {
        None => print_stdout(&rendered)?,
        Some(path) if path == Path::new("-") => print_stdout(&rendered)?,
        Some(path) => {
            write_atomic(path, &rendered, args.force)?;
            say(format_args!(
                "wrote {}",
                escape_for_display(&path.display().to_string())
            ));
        }
    }
    Ok(Exit::Success)
}

/// The answers of `--case`, then `--answers FILE`, then `--answer` flags, each overriding the
/// one before.
fn gather_answers(pack: &Pack, args: &WalkArgs) -> Result<BTreeMap<String, String>, Failure> {
    let mut answers = BTreeMap::new();
    if let Some(id) = &args.case {
        answers.extend(find_case(pack, id)?.answers.clone());
    }
    if let Some(path) = &args.answers_file {
        answers.extend(super::read_answers_file(path, args.screening)?);
    }
    answers.extend(args.answers.iter().cloned());
    Ok(answers)
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
