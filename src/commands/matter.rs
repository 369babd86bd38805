//! `immunity matter new | add | answer | note | rm | show`: the matter file from a script, for
//! bulk intake and tests. Every rule of changing a screening is the library's
//! ([`immunity::matter::screening`]), the same the full screen and the line mode use; a command
//! that leaves a screening pending prints its question as `walk` does and exits 3.
//!
//! Every change goes through [`OpenMatter`], which holds the advisory lock, checks the changed
//! file as if read back, and saves it atomically; any bad input is reported before anything is
//! written, so the file is left as it was.
//!
//! Over 400 lines because it is one command's six subcommands, each a short script over the
//! library's rules, sharing one open-change-check-save path ([`OpenMatter`], `commit`) that
//! splitting them would scatter.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use immunity::matter::memo::{self, Memo, MemoScreening};
use immunity::matter::screening::{self, Mark};
use immunity::matter::{Answer, Certainty, MatterFile, MatterInfo, OpenMatter, Screening};
use immunity::report::{self, Format, Pending, ReportContext};
use immunity::text::one_line as fold;

use super::{Exit, Failure, load_pack, print_stdout, read_answers_file, say};
use crate::cli::{
    MatterAddArgs, MatterAnswerArgs, MatterArgs, MatterCommand, MatterNewArgs, MatterNoteArgs,
    MatterRmArgs, ShowFormat,
};

/// Runs `immunity matter …`.
pub fn run(pack_dir: Option<&Path>, args: &MatterArgs) -> Result<Exit, Failure> {
    match &args.command {
        MatterCommand::New(a) => new(a),
        MatterCommand::Add(a) => add(pack_dir, a),
        MatterCommand::Show(a) => show(pack_dir, &a.file, a.format),
        MatterCommand::Answer(a) => answer(pack_dir, a),
        MatterCommand::Note(a) => note(pack_dir, a),
        MatterCommand::Rm(a) => rm(a),
    }
}

fn new(args: &MatterNewArgs) -> Result<Exit, Failure> {
    let text = |s: &Option<String>| {
        s.as_ref()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let info = MatterInfo {
        caption: args.caption.trim().into(),
        court: text(&args.court).map(Into::into),
        docket: text(&args.docket).map(Into::into),
        client: text(&args.client).map(Into::into),
        prepared_by: text(&args.prepared_by).map(Into::into),
        reviewer: text(&args.reviewer).map(Into::into),
        opened: None,
        updated: None,
    };
    if info.caption.is_empty() {
        return Err(Failure::Usage("--caption: the caption is empty".to_owned()));
    }
    let open = OpenMatter::create(&args.file, info)?;
    say(format_args!("created {}", open.path().display()));
    Ok(Exit::Success)
}

fn add(pack_dir: Option<&Path>, args: &MatterAddArgs) -> Result<Exit, Failure> {
    // Lock and read first: a matter that is locked or does not parse is reported before the
    // pack is loaded or any answer looked at.
    let mut open = OpenMatter::open(&args.file)?;
    let pack = load_pack(pack_dir)?;
    let given = gather(args.answers_file.as_deref(), &args.answers)?;
    let blank = screening::new_screening(
        &args.defendant,
        args.role.as_deref(),
        args.act.as_deref(),
        &pack,
    )
    .map_err(|e| Failure::Usage(format!("--defendant: {e}")))?;
    // Unknown questions and options are errors naming the valid ones.
    let applied = screening::apply_answers(&blank, &pack, &given)?;
    let mut next = applied.screening;
    let find = |next: &Screening, flag: &str, q: &str| -> Result<(), Failure> {
        next.answer(q).map(|_| ()).ok_or_else(|| {
            Failure::Usage(format!(
                "{flag} {q}: this screening has no answer to that question; answer it with --answer {q}=OPTION"
            ))
        })
    };
    let mut noted = std::collections::HashSet::new();
    for (q, note) in &args.notes {
        find(&next, "--note", q)?;
        if !noted.insert(q) {
            return Err(Failure::Usage(format!(
                "--note {q}: given twice; put the whole note in one --note"
            )));
        }
        mark(&mut next, q, Mark::Note(Some(note.clone())))?;
    }
    for (q, cite) in &args.cites {
        find(&next, "--cite", q)?;
        mark(&mut next, q, Mark::Cite(cite.clone()))?;
    }
    for q in &args.unsure {
        find(&next, "--unsure", q)?;
        mark(&mut next, q, Mark::Certainty(Certainty::Unsure))?;
    }
    for q in &args.contested {
        find(&next, "--contested", q)?;
        if args.unsure.contains(q) {
            return Err(Failure::Usage(format!(
                "--contested {q}: also marked --unsure; choose one"
            )));
        }
        mark(&mut next, q, Mark::Certainty(Certainty::Contested))?;
    }
    let mut index = 0;
    commit(&mut open, |file| {
        index = screening::add(file, next);
    })?;
    for qid in &applied.off_path {
        say(format_args!(
            "note: the answer for {qid:?} is kept but not on the path: the path does not pass through that question"
        ));
    }
    report_screening(&open, &pack, index, "added")
}

/// `matter answer FILE N --answer Q=O…`: continues or changes screening N.
fn answer(pack_dir: Option<&Path>, args: &MatterAnswerArgs) -> Result<Exit, Failure> {
    let mut open = OpenMatter::open(&args.file)?;
    let index = screening_index(&open, args.number)?;
    let pack = load_pack(pack_dir)?;
    let given = gather(args.answers_file.as_deref(), &args.answers)?;
    let saved = &open.file.screenings[index];
    let applied = screening::apply_answers(saved, &pack, &given)?;
    let changed = applied.screening != *saved;
    if changed {
        let next = applied.screening.clone();
        commit(&mut open, |file| {
            file.screenings[index] = next;
        })?;
    }
    for qid in &applied.off_path {
        let flagged = applied
            .screening
            .answer(qid)
            .is_some_and(Answer::is_annotated);
        say(format_args!(
            "note: the answer for {:?} is kept off the path (the path no longer asks it){}",
            qid,
            if flagged {
                ", with its note, cites and mark"
            } else {
                ""
            }
        ));
    }
    for qid in &applied.flagged {
        say(format_args!(
            "note: the answer for {qid:?} changed: its note, cites and mark are kept, flagged as written for the earlier answer (`matter note ... --keep` or --drop)"
        ));
    }
    report_screening(
        &open,
        &pack,
        index,
        if changed { "changed" } else { "unchanged" },
    )
}

/// `matter note FILE N QUESTION …`: a note, cites and certainty on one answer.
fn note(pack_dir: Option<&Path>, args: &MatterNoteArgs) -> Result<Exit, Failure> {
    let mut open = OpenMatter::open(&args.file)?;
    let index = screening_index(&open, args.number)?;
    let pack = load_pack(pack_dir)?;
    let mut next = open.file.screenings[index].clone();
    if next.answer(&args.question).is_none() {
        return Err(Failure::Usage(format!(
            "{}: screening {} has no answer to that question; answer it with `immunity matter answer {} {} --answer {}=OPTION`",
            &args.question,
            args.number,
            args.file.display(),
            args.number,
            &args.question
        )));
    }
    let mut marks = Vec::new();
    if args.drop {
        marks.push(Mark::Drop);
    }
    if args.keep {
        marks.push(Mark::Keep);
    }
    if let Some(note) = &args.note {
        marks.push(Mark::Note(Some(note.clone())));
    }
    marks.extend(args.cites.iter().cloned().map(Mark::Cite));
    for (flag, certainty) in [
        (args.unsure, Certainty::Unsure),
        (args.contested, Certainty::Contested),
        (args.sure, Certainty::Sure),
    ] {
        if flag {
            marks.push(Mark::Certainty(certainty));
        }
    }
    if marks.is_empty() {
        return Err(Failure::Usage(
            "nothing to write: give --note, --cite, --unsure, --contested, --sure, --keep or --drop"
                .to_owned(),
        ));
    }
    for m in marks {
        mark(&mut next, &args.question, m)?;
    }
    commit(&mut open, |file| {
        file.screenings[index] = next;
    })?;
    report_screening(&open, &pack, index, "noted")
}

/// `matter rm FILE N`.
fn rm(args: &MatterRmArgs) -> Result<Exit, Failure> {
    let mut open = OpenMatter::open(&args.file)?;
    let index = screening_index(&open, args.number)?;
    let mut removed = None;
    commit(&mut open, |file| {
        removed = screening::delete(file, index).ok();
    })?;
    let name = removed.map_or_else(String::new, |s| fold(&s.defendant));
    say(format_args!(
        "deleted screening {} ({name}); {} left",
        args.number,
        open.file.screenings.len()
    ));
    Ok(Exit::Success)
}

/// Applies `change` to the matter and saves it, serialising and writing once: the matter is
/// moved out and back, never copied (a command changes one screening of what may be
/// thousands). A save that fails is the command's error; nothing was written.
fn commit(open: &mut OpenMatter, change: impl FnOnce(&mut MatterFile)) -> Result<(), Failure> {
    let placeholder = MatterFile::new(open.file.matter.clone());
    let mut next = std::mem::replace(&mut open.file, placeholder);
    change(&mut next);
    match open.replace(next) {
        Ok(_) => Ok(()),
        Err((e, _)) => Err(e.into()),
    }
}

/// The answers of `--answers FILE` and `--answer` flags (the flags win).
fn gather(
    file: Option<&Path>,
    flags: &[(String, String)],
) -> Result<BTreeMap<String, String>, Failure> {
    let mut given = BTreeMap::new();
    if let Some(path) = file {
        given.extend(read_answers_file(path, None)?);
    }
    given.extend(flags.iter().cloned());
    Ok(given)
}

fn mark(next: &mut Screening, question: &str, mark: Mark) -> Result<(), Failure> {
    screening::annotate(next, question, mark).map_err(|e| Failure::Usage(e.to_string()))
}

/// The 0-based index of screening `number` (1-based), or a usage error naming how many.
fn screening_index(open: &OpenMatter, number: usize) -> Result<usize, Failure> {
    let count = open.file.screenings.len();
    if number == 0 || number > count {
        return Err(Failure::Usage(format!(
            "there is no screening {number}; {} has {count} (numbered from 1, as `matter show` lists them)",
            open.path().display()
        )));
    }
    Ok(number - 1)
}

/// Says what became of screening `index` in one line (its own summary only, never the whole
/// memo's); a screening left pending prints its question as `walk` does and exits 3.
fn report_screening(
    open: &OpenMatter,
    pack: &immunity::pack::Pack,
    index: usize,
    verb: &str,
) -> Result<Exit, Failure> {
    let s = &open.file.screenings[index];
    let summary = memo::screening(
        index + 1,
        s,
        pack,
        &ReportContext::now(env!("CARGO_PKG_VERSION")),
    );
    say(format_args!("{verb} screening {}", one_line(&summary)));
    let session = screening::open(s, pack);
    if let Some(pending) = Pending::from_session(&session) {
        print_stdout(&report::render_pending(&pending, Format::Text))?;
        return Ok(Exit::Pending);
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
                    "stale_notes": s.facts.iter().filter(|f| f.stale).map(|f| &f.question).collect::<Vec<_>>(),
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
        Some(r) => format!("{} ({})", fold(&s.defendant), fold(r)),
        None => fold(&s.defendant),
    };
    let result = match &s.discussion {
        Some(r) => format!(
            "{}: {}",
            fold(&r.conclusion.outcome_label),
            fold(&r.conclusion.title)
        ),
        None => format!(
            "pending at {:?}",
            s.pending
                .as_ref()
                .map_or(String::new(), |p| fold(&p.question))
        ),
    };
    format!("{}. {who} — {result}", s.number)
}

fn show_text(memo: &Memo) -> String {
    let mut out = String::new();
    let m = &memo.matter;
    let _ = writeln!(out, "{}", fold(&m.caption));
    for (label, value) in [
        ("Court", m.court.as_deref()),
        ("Docket", m.docket.as_deref()),
        ("Client", m.client.as_deref()),
        ("Prepared by", m.prepared_by.as_deref()),
        ("Reviewer", m.reviewer.as_deref()),
        ("Opened", m.opened.as_deref()),
        ("Updated", m.updated.as_deref()),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "  {label}: {}", fold(v));
        }
    }
    if memo.screenings.is_empty() {
        out.push_str("\nNo screenings yet: add one with `immunity matter add`.\n");
    }
    for s in &memo.screenings {
        let _ = writeln!(out, "\n{}", one_line(s));
        if let Some(act) = &s.act {
            let _ = writeln!(out, "   Act: {}", fold(act));
        }
        if let Some(p) = &s.pending {
            let _ = writeln!(
                out,
                "   Next question: {} ({})",
                fold(&p.prompt),
                fold(&p.question)
            );
        }
        let _ = writeln!(out, "   Certainty: {}", fold(&s.brief.certainty_text));
        for c in &s.contingencies {
            let head = format!(
                "   If {:?} ({}) went otherwise:",
                fold(&c.question),
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
                    fold(r)
                } else if let Some(q) = &a.unanswered {
                    format!("stops at a question never answered: {}", fold(q))
                } else {
                    String::new()
                };
                let _ = writeln!(out, "     {} -> {to}", fold(&a.answer));
            }
        }
        for f in s.facts.iter().filter(|f| f.stale) {
            let _ = writeln!(
                out,
                "   Note on {:?} written for the earlier answer \u{201c}{}\u{201d} (matter note ... --keep or --drop)",
                fold(&f.question),
                fold(f.for_label.as_deref().unwrap_or_default())
            );
        }
        if let Some(changed) = &s.pack_changed {
            let _ = writeln!(out, "   Pack changed: {}", fold(changed));
        }
        for m in &s.misfits {
            let _ = writeln!(
                out,
                "   No longer fits the pack (kept): {}={}: {}",
                fold(&m.question),
                fold(&m.option),
                fold(&m.reason)
            );
        }
    }
    out
}
