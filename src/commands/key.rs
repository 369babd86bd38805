//! `immunity key`: the teacher's key of a pack, as Markdown or a printable HTML page.

use std::path::Path;

use immunity::report::teacher_key::{self, Key};

use super::{Exit, Failure, load_pack, write_or_print};
use crate::cli::{KeyArgs, KeyFormat};

/// Prints or writes the key of the pack.
pub fn run(pack_dir: Option<&Path>, args: &KeyArgs) -> Result<Exit, Failure> {
    let pack = load_pack(pack_dir)?;
    let model = Key::from_pack(&pack);
    let text = match args.format {
        KeyFormat::Markdown => teacher_key::markdown(&model),
        KeyFormat::Html => teacher_key::html(&model),
    };
    write_or_print(args.output.as_deref(), &text, args.force)?;
    Ok(Exit::Success)
}
