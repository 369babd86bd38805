//! `immunity matter new | add | show`: the matter file from a script, for bulk intake and tests.
//!
//! Every change goes through [`OpenMatter`], which holds the advisory lock, checks the changed
//! file as if read back, and saves it atomically; any bad input is reported before anything is
//! written, so the file is left as it was.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use immunity::engine;
use immunity::matter::memo::{Memo, MemoScreening};
use immunity::matter::{Answer, Certainty, MatterFile, MatterInfo, OpenMatter, PackRef, Screening};
use immunity::report::ReportContext;
use immunity::text::{escape_for_display, sanitize_line};

use super::{Exit, Failure, load_pack, print_stdout, read_answers_file, say};
use crate::cli::{MatterAddArgs, MatterArgs, MatterCommand, MatterNewArgs, ShowFormat};

/// Runs `immunity matter …`.
pub fn run(pack_dir: Option<&Path>, args: &MatterArgs) -> Result<Exit, Failure> {
    match &args.command {
        MatterCommand::New(a) => new(a),
        MatterCommand::Add(a) => add(pack_dir, a),
        MatterCommand::Show(a) => show(pack_dir, &a.file, a.format),
    }
}

fn new(args: &MatterNewArgs) -> Result<Exit, Failure> {
    let text = |s: &Option<String>| {
        s.as_ref()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let info = MatterInfo {
        caption: args.caption.trim().to_owned(),
        court: text(&args.court),
        docket: text(&args.docket),
        client: text(&args.client),
        prepared_by: text(&args.prepared_by),
        reviewer: text(&args.reviewer),
        opened: None,
        updated: None,
    };
    if info.caption.is_empty() {
        return Err(Failure::Usage("--caption: the caption is empty".to_owned()));
    }
    let open = OpenMatter::create(&args.file, info)?;
    say(format_args!(
        "created {}",
        escape_for_display(&open.path().display().to_string())
    ));
    Ok(Exit::Success)
}

fn add(pack_dir: Option<&Path>, args: &MatterAddArgs) -> Result<Exit, Failure> {
    // Lock and read first: a matter that is locked or does not parse is reported before the
    // pack is loaded or any answer looked at.
    let mut open = OpenMatter::open(&args.file)?;
    let pack = load_pack(pack_dir)?;
    let mut given: BTreeMap<String, String> = BTreeMap::new();
    if let Some(path) = &args.answers_file {
        given.extend(read_answers_file(path, None)?);
    }
    given.extend(args.answers.iter().cloned());
    // Unknown questions and options are errors naming the valid ones.
    let walked = engine::walk(&pack, &given)?;
    let defendant = args.defendant.trim();
    if defendant.is_empty() {
        return Err(Failure::Usage("--defendant: the name is empty".to_owned()));
    }
    // Answers in the order of the path, then the ones off it (kept: they count again if an
    // earlier answer changes).
    let mut order: Vec<String> = walked
        .session
        .history()
        .iter()
        .map(|s| pack.question(s.question).id.clone())
        .collect();
    order.extend(walked.unused.iter().cloned());
    let mut answers: Vec<Answer> = order
        .iter()
        .map(|q| Answer {
            question: q.clone(),
            option: given[q].clone(),
            note: None,
            cites: Vec::new(),
            certainty: Certainty::Sure,
        })
        .collect();
    let find = |answers: &mut Vec<Answer>, flag: &str, q: &str| -> Result<usize, Failure> {
        answers.iter().position(|a| a.question == q).ok_or_else(|| {
            Failure::Usage(format!(
                "{flag} {}: this screening has no answer to that question; answer it with --answer {}=OPTION",
                escape_for_display(q),
                escape_for_display(q)
            ))
        })
    };
    for (q, note) in &args.notes {
        let i = find(&mut answers, "--note", q)?;
        if answers[i].note.is_some() {
            return Err(Failure::Usage(format!(
                "--note {}: given twice; put the whole note in one --note",
                escape_for_display(q)
            )));
        }
        answers[i].note = Some(note.clone());
    }
    for (q, cite) in &args.cites {
        let i = find(&mut answers, "--cite", q)?;
        answers[i].cites.push(cite.clone());
    }
    for q in &args.unsure {
        let i = find(&mut answers, "--unsure", q)?;
        answers[i].certainty = Certainty::Unsure;
    }
    for q in &args.contested {
        let i = find(&mut answers, "--contested", q)?;
        if answers[i].certainty == Certainty::Unsure {
            return Err(Failure::Usage(format!(
                "--contested {}: also marked --unsure; choose one",
                escape_for_display(q)
            )));
        }
        answers[i].certainty = Certainty::Contested;
    }
    let opt = |s: &Option<String>| {
        s.as_ref()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let screening = Screening {
        defendant: defendant.to_owned(),
        role: opt(&args.role),
        act: opt(&args.act),
        pack: PackRef::of(&pack),
        answers,
    };
    open.change(|file| {
        file.screenings.push(screening);
        Ok(())
    })?;
    for qid in &walked.unused {
        say(format_args!(
            "note: the answer for {:?} is kept but not on the path: the path does not pass through that question",
            escape_for_display(qid)
        ));
    }
    let memo = Memo::build(
        &open.file,
        &pack,
        &ReportContext::now(env!("CARGO_PKG_VERSION")),
    );
    if let Some(s) = memo.screenings.last() {
        say(format_args!("added screening {}", one_line(s)));
    }
    Ok(Exit::Success)
}

/// `matter show`: each screening in a few lines, or as JSON.
fn show(pack_dir: Option<&Path>, file: &Path, format: ShowFormat) -> Result<Exit, Failure> {
    let matter = MatterFile::read(file)?;
    let pack = load_pack(pack_dir)?;
    let memo = Memo::build(
        &matter,
        &pack,
        &ReportContext::now(env!("CARGO_PKG_VERSION")),
    );
    let text = match format {
        ShowFormat::Json => {
            let value = serde_json::json!({
                "matter": memo.matter,
                "pack": memo.pack,
                "screenings": memo.screenings.iter().map(|s| serde_json::json!({
                    "number": s.number,
                    "defendant": s.defendant,
                    "role": s.role,
                    "act": s.act,
                    "conclusion": s.discussion.as_ref().map(|r| serde_json::json!({
                        "id": r.conclusion.id,
                        "outcome": r.conclusion.outcome,
                        "outcome_label": r.conclusion.outcome_label,
                        "title": r.conclusion.title,
                    })),
                    "pending": s.pending,
                    "certainty": s.brief.certainty,
                    "certainty_text": s.brief.certainty_text,
                    "contingencies": s.contingencies,
                    "misfits": s.misfits,
                    "pack_changed": s.pack_changed,
                })).collect::<Vec<_>>(),
            });
            let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
            out.push('\n');
            out
        }
        ShowFormat::Text => show_text(&memo),
    };
    print_stdout(&text)?;
    Ok(Exit::Success)
}

fn one_line(s: &MemoScreening) -> String {
    let who = match &s.role {
        Some(r) => format!("{} ({})", sanitize_line(&s.defendant), sanitize_line(r)),
        None => sanitize_line(&s.defendant),
    };
    let result = match &s.discussion {
        Some(r) => format!(
            "{}: {}",
            sanitize_line(&r.conclusion.outcome_label),
            sanitize_line(&r.conclusion.title)
        ),
        None => format!(
            "pending at {:?}",
            s.pending
                .as_ref()
                .map_or(String::new(), |p| sanitize_line(&p.question))
        ),
    };
    format!("{}. {who} — {result}", s.number)
}

fn show_text(memo: &Memo) -> String {
    let mut out = String::new();
    let m = &memo.matter;
    let _ = writeln!(out, "{}", sanitize_line(&m.caption));
    for (label, value) in [
        ("Court", &m.court),
        ("Docket", &m.docket),
        ("Client", &m.client),
        ("Prepared by", &m.prepared_by),
        ("Reviewer", &m.reviewer),
        ("Opened", &m.opened),
        ("Updated", &m.updated),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "  {label}: {}", sanitize_line(v));
        }
    }
    if memo.screenings.is_empty() {
        out.push_str("\nNo screenings yet: add one with `immunity matter add`.\n");
    }
    for s in &memo.screenings {
        let _ = writeln!(out, "\n{}", one_line(s));
        if let Some(act) = &s.act {
            let _ = writeln!(out, "   Act: {}", sanitize_line(act));
        }
        if let Some(p) = &s.pending {
            let _ = writeln!(
                out,
                "   Next question: {} ({})",
                sanitize_line(&p.prompt),
                sanitize_line(&p.question)
            );
        }
        let _ = writeln!(
            out,
            "   Certainty: {}",
            sanitize_line(&s.brief.certainty_text)
        );
        for c in &s.contingencies {
            let head = format!(
                "   If {:?} ({}) went otherwise:",
                sanitize_line(&c.question),
                c.certainty
            );
            if !c.on_path {
                let _ = writeln!(out, "{head} off the path; decides nothing");
                continue;
            }
            let _ = writeln!(out, "{head}");
            for a in &c.alternatives {
                let to = if a.same {
                    "same result".to_owned()
                } else if let Some(r) = &a.result {
                    sanitize_line(r)
                } else if let Some(q) = &a.unanswered {
                    format!("stops at a question never answered: {}", sanitize_line(q))
                } else {
                    String::new()
                };
                let _ = writeln!(out, "     {} -> {to}", sanitize_line(&a.answer));
            }
        }
        if let Some(changed) = &s.pack_changed {
            let _ = writeln!(out, "   Pack changed: {}", sanitize_line(changed));
        }
        for m in &s.misfits {
            let _ = writeln!(
                out,
                "   No longer fits the pack (kept): {}={}: {}",
                sanitize_line(&m.question),
                sanitize_line(&m.option),
                sanitize_line(&m.reason)
            );
        }
    }
    out
}
