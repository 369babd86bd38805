//! `immunity walk`: follows answers from the start of a pack, then prints or exports the
//! reasoning chain, or reports the question the answers stop at (exit 3).

use std::collections::BTreeMap;
use std::path::Path;

use immunity::conventions::{self, ColorChoice};
use immunity::engine;
use immunity::export::write_atomic;
use immunity::pack::Pack;
use immunity::report::{self, Format, Pending, Report, ReportContext};

use super::{Exit, Failure, find_case, load_pack, print_stdout, say, say_raw};
use crate::cli::{WalkArgs, WalkFormat};

/// Walks the answers of `args` through the pack and prints or writes the result.
pub fn run(pack_dir: Option<&Path>, args: &WalkArgs, color: ColorChoice) -> Result<Exit, Failure> {
    let pack = load_pack(pack_dir)?;
    let answers = gather_answers(&pack, args)?;
    if args.what_if.is_some() || args.why_not.is_some() {
        return super::whatif::run(&pack, &answers, args);
    }
    let walked = engine::walk(&pack, &answers)?;
    for qid in &walked.unused {
        say(format_args!(
            "warning: the answer for {qid:?} was not used: the path did not pass through that question"
        ));
    }
    let session = walked.session;
    let format = match args.chosen_format() {
        WalkFormat::Text => Format::Text,
        WalkFormat::Json => Format::Json,
        WalkFormat::Markdown => Format::Markdown,
        WalkFormat::Html => Format::Html,
    };
    if let Some(pending) = Pending::from_session(&session) {
        let text = report::render_pending(&pending, format);
        if matches!(format, Format::Markdown | Format::Html) || args.output.is_some() {
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
    let rendered = report::render(&report, format);
    match args.output.as_deref() {
        None => print_report(&rendered, format, color)?,
        Some(path) if path == Path::new("-") => print_report(&rendered, format, color)?,
        Some(path) => {
            // A kill while writing must not leave the temporary file behind. Failing to install
            // the handler only loses that tidying (stale files are removed by the next export).
            let _ = immunity::export::remove_temp_files_on_signals();
            write_atomic(path, &rendered, args.force)?;
            say(format_args!("wrote {}", immunity::export::shown(path)));
        }
    }
    Ok(Exit::Success)
}

impl WalkArgs {
    /// `--format`, else the format the `--output` file's extension names, else text: without
    /// this, `walk --output memo.html` wrote plain text into a file every browser shows as one
    /// unformatted block.
    pub fn chosen_format(&self) -> WalkFormat {
        if let Some(format) = self.format {
            return format;
        }
        let extension = self
            .output
            .as_deref()
            .and_then(Path::extension)
            .and_then(std::ffi::OsStr::to_str)
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("html" | "htm") => WalkFormat::Html,
            Some("md" | "markdown") => WalkFormat::Markdown,
            Some("json") => WalkFormat::Json,
            _ => WalkFormat::Text,
        }
    }
}

/// Prints a report on standard output. Only the text format is coloured, and only when the
/// colour conventions say so (a terminal, or `CLICOLOR_FORCE`): the other formats are file
/// formats, and colour never carries meaning the words do not.
fn print_report(rendered: &str, format: Format, color: ColorChoice) -> Result<(), Failure> {
    use std::io::IsTerminal as _;
    let colored = format == Format::Text
        && conventions::color_enabled(
            color,
            &|name| std::env::var_os(name),
            std::io::stdout().is_terminal(),
        );
    if colored {
        print_stdout(&immunity::report::paint::report_text(rendered))
    } else {
        print_stdout(rendered)
    }
}

/// The answers of `--case`, then `--answers FILE`, then `--answer` flags, each overriding the
/// one before.
fn gather_answers(pack: &Pack, args: &WalkArgs) -> Result<BTreeMap<String, String>, Failure> {
    if let Some(id) = &args.case {
        // For the message that lists the pack's fact patterns.
        find_case(pack, id)?;
    }
    let sources = immunity::answers::Sources {
        case: args.case.as_deref(),
        file: args
            .answers_file
            .as_deref()
            .map(|path| (path, args.screening)),
        answers: &args.answers,
    };
    Ok(immunity::answers::gather(
        pack,
        sources,
        super::input_limit(),
    )?)
}
