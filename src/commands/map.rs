//! `immunity map`: the whole tree of a pack as an outline, a Graphviz or Mermaid diagram, or JSON;
//! and `immunity cases`: its fact patterns, the ids `--case` takes with the cases' names.

use std::path::Path;

use immunity::report::map;

use super::{Exit, Failure, load_pack, print_stdout};
use crate::cli::MapFormat;

/// Prints the pack's tree in `format`.
pub fn run(pack_dir: Option<&Path>, format: MapFormat) -> Result<Exit, Failure> {
    let pack = load_pack(pack_dir)?;
    let text = match format {
        MapFormat::Text => map::outline(&pack),
        MapFormat::Dot => map::dot(&pack),
        MapFormat::Mermaid => map::mermaid(&pack),
        MapFormat::Json => map::json(&pack),
    };
    print_stdout(&text)?;
    Ok(Exit::Success)
}

/// Prints one line per fact pattern: its id, then the case's name.
pub fn cases(pack_dir: Option<&Path>) -> Result<Exit, Failure> {
    let pack = load_pack(pack_dir)?;
    print_stdout(&map::cases(&pack))?;
    Ok(Exit::Success)
}
