//! `immunity --matter FILE`: a matter file's screenings, full screen on a terminal. The file
//! is opened (or created, with `--caption` or a caption asked for on screen) and locked before
//! the terminal is taken, so a file that does not parse, one another program holds, or a
//! folder that does not exist is reported as a plain error, the file untouched.
//!
//! Full screen or line by line is decided exactly as for the walkthrough
//! ([`conventions::plain_mode`]); the line mode is [`plain`].

use std::path::Path;

use immunity::conventions::{self, ColorChoice, PlainReason};
use immunity::matter::{MatterError, MatterInfo, OpenMatter};
use immunity::pack::Pack;
use immunity::text::is_blank;
use immunity::tui::{self, matter::MatterState};

use super::{Exit, Failure, load_pack, screen_ended};

/// Opens the matter at `path` in the full-screen UI, or the line mode when the conventions
/// ask for it.
pub fn run(
    pack_dir: Option<&Path>,
    color: ColorChoice,
    plain_flag: bool,
    path: &Path,
    caption: Option<String>,
) -> Result<Exit, Failure> {
    let plain_reason = conventions::plain_mode_here(plain_flag);
    let pack = load_pack(pack_dir)?;
    if let Some(caption) = &caption
        && is_blank(caption)
    {
        return Err(Failure::Usage("--caption: the caption is empty".to_owned()));
    }
    // A file that does not parse is reported, located, before anything else, in either mode.
    if path.symlink_metadata().is_ok() {
        immunity::matter::MatterFile::read(path)?;
    }
    if let Some(reason) = plain_reason {
        return plain(&pack, path, caption, reason);
    }
    let state = open(&pack, path, caption)?;
    let options = tui::TuiOptions {
        no_color: !conventions::color_enabled(color, &|name| std::env::var_os(name), true),
        case: None,
    };
    screen_ended(tui::run_matter(&pack, &options, state))
}

/// The matter opened and locked: read when it exists, created when `caption` is given, else
/// left to be created once the screen has asked for its caption.
fn open(pack: &Pack, path: &Path, caption: Option<String>) -> Result<MatterState, Failure> {
    if path.symlink_metadata().is_ok() {
        return Ok(MatterState::opened(OpenMatter::open(path)?, pack));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(Failure::Matter(MatterError::Io {
            path: path.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the folder {} does not exist", folder.display()),
            ),
        }));
    }
    match caption {
        Some(caption) => {
            let info = MatterInfo::captioned(caption);
            Ok(MatterState::opened(OpenMatter::create(path, info)?, pack))
        }
        None => Ok(MatterState::creating(path)),
    }
}

/// The line mode for `--matter` (`--plain`, `ACCESSIBLE`, `TERM=dumb`, or no terminal).
fn plain(
    pack: &Pack,
    path: &Path,
    caption: Option<String>,
    reason: PlainReason,
) -> Result<Exit, Failure> {
    super::interactive::plain_matter(pack, path, caption, Some(reason.words()))
}
