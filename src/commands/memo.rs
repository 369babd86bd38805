//! `immunity memo FILE`: the screening memo of a matter file (or a JSON memo read back), in
//! Markdown, HTML, text, JSON, DOCX or PDF, to standard output or a file written atomically.

use std::path::Path;

use immunity::export::write_atomic_bytes;
use immunity::matter::MatterFile;
use immunity::matter::memo::{self, Memo};
use immunity::report::ReportContext;

use super::{Exit, Failure, load_pack, say};
use crate::cli::MemoArgs;

/// Runs `immunity memo`.
pub fn run(pack_dir: Option<&Path>, args: &MemoArgs) -> Result<Exit, Failure> {
    let format = args.format;
    super::stdout_unless_terminal(
        args.output.as_deref(),
        format.is_binary(),
        &format!("a {} memo", format.name()),
        format.extension(),
    )?;
    let memo = read(pack_dir, &args.file)?;
    let (bytes, warning) = memo
        .into_rendered(format, args.appendix)
        .map_err(Failure::Usage)?;
    if let Some(warning) = warning {
        say(format_args!("warning: {warning}"));
    }
    match args.output.as_deref() {
        Some(path) if path != Path::new("-") => {
            // Held until the memo is written: no other program saves a matter there meanwhile.
            let _lock = memo::guard_output(&args.file, path, args.force).map_err(Failure::Usage)?;
            write_atomic_bytes(path, &bytes, args.force)?;
            say(format_args!("wrote {}", path.display()));
        }
        _ => super::print_stdout_bytes(&bytes)?,
    }
    Ok(Exit::Success)
}

/// The memo of a matter file walked through the pack, or a JSON memo as written.
fn read(pack_dir: Option<&Path>, path: &Path) -> Result<Memo, Failure> {
    let text = immunity::matter::read_text(path)?;
    let kind = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("format").and_then(|f| f.as_str().map(str::to_owned)));
    if kind.as_deref() == Some(memo::FORMAT_NAME) {
        return Memo::from_json(&text)
            .map_err(|e| Failure::Usage(format!("{}:{e}", path.display())));
    }
    let matter = MatterFile::parse(path, &text)?;
    let pack = load_pack(pack_dir)?;
    Ok(Memo::build(
        &matter,
        &pack,
        &ReportContext::now(env!("CARGO_PKG_VERSION")),
    ))
}
