//! Which pack a front end opens: a pack bundled in the binary, chosen by name, or a pack folder.
//!
//! Every front end (the walkthrough, the line mode, the commands, the live class's server) opens
//! its pack through [`open`], so the rule for reading `--pack NAME|DIR`, the input-size limit and
//! the validation are the same everywhere. The rule: a bare name (no path separator) that names
//! a bundled pack is that pack; an argument with a path separator, or a bare name that is no
//! bundled pack, is a folder.

use crate::text::Clean;
use std::path::{Path, PathBuf};

use super::{Diagnostic, FileSet, Head, Pack, load};

/// The pack used when none is chosen.
pub const DEFAULT: &str = "judicial-immunity";

/// What `immunity packs` lists of a bundled pack: read from its `pack.json` header without
/// validating the whole pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundledPack {
    /// The name `--pack` takes (the pack's folder under `questions/`).
    pub name: &'static str,
    /// The pack's own id.
    pub id: Clean,
    /// The pack's title.
    pub title: Clean,
    /// The version of its content.
    pub version: Clean,
    /// The date to which its law was last checked.
    pub law_checked: Clean,
}

/// Every pack embedded in the binary, in name order. A pack whose header does not parse (never
/// so for a build that passed its tests) is listed with empty fields rather than hidden.
pub fn bundled() -> Vec<BundledPack> {
    FileSet::bundled_names()
        .map(|name| {
            let header = FileSet::bundled(name)
                .and_then(|files| files.get("pack.json").map(str::to_owned))
                .and_then(|text| serde_json::from_str::<Head>(&text).ok())
                .unwrap_or_default();
            BundledPack {
                name,
                id: header.id,
                title: header.title,
                version: header.version,
                law_checked: header.law_checked,
            }
        })
        .collect()
}

/// Where a `--pack` argument points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// A bundled pack, by name.
    Bundled(&'static str),
    /// A pack folder.
    Folder(PathBuf),
}

impl Choice {
    /// Reads a `--pack` argument: a bare bundled name wins; anything with a path separator, or
    /// a bare name that no bundled pack has, is a folder (whether it exists is [`open`]'s
    /// question, so that its error can name both readings).
    pub fn parse(arg: &Path) -> Choice {
        if is_bare(arg)
            && let Some(name) = FileSet::bundled_names().find(|name| Path::new(name) == arg)
        {
            return Choice::Bundled(name);
        }
        Choice::Folder(arg.to_owned())
    }
}

/// A bare name: one component, no path separator of any platform.
fn is_bare(arg: &Path) -> bool {
    arg.components().count() == 1 && !arg.as_os_str().to_string_lossy().contains(['/', '\\'])
}

/// Why a pack could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// A bare name that is neither a bundled pack nor a folder.
    #[error(
        "{}: no bundled pack has this name and there is no such folder; the bundled packs are: {bundled} (`immunity packs` lists them)",
        crate::text::escape_for_display(&.given.display().to_string())
    )]
    Unknown {
        /// The argument as given.
        given: PathBuf,
        /// The bundled packs' names, comma-separated.
        bundled: String,
    },
    /// The folder or one of its files cannot be read (the message names it).
    #[error("{0}")]
    Unreadable(std::io::Error),
    /// The pack loaded with errors.
    #[error("{root}: the pack has problems; run `immunity check` for details")]
    Broken {
        /// How the pack is named to the user.
        root: String,
        /// Every problem found, in file and position order.
        problems: Vec<Diagnostic>,
    },
}

/// Reads the files of the pack `arg` names (the default pack when `None`), each file at most
/// `limit` bytes, without validating them.
pub fn files(arg: Option<&Path>, limit: u64) -> Result<FileSet, OpenError> {
    files_of(&arg.map_or(Choice::Bundled(DEFAULT), Choice::parse), limit)
}

fn files_of(choice: &Choice, limit: u64) -> Result<FileSet, OpenError> {
    match choice {
        Choice::Bundled(name) => Ok(FileSet::bundled(name).expect("bundled names are embedded")),
        Choice::Folder(dir) => {
            if is_bare(dir) && !dir.exists() {
                return Err(OpenError::Unknown {
                    given: dir.clone(),
                    bundled: FileSet::bundled_names().collect::<Vec<_>>().join(", "),
                });
            }
            FileSet::from_dir_limited(dir, limit).map_err(OpenError::Unreadable)
        }
    }
}

/// Opens and validates the pack `arg` names (the default pack when `None`). The pack's
/// warnings are in [`Pack::warnings`]; its display root in [`Pack::origin`]. A bundled pack
/// whose bytes hash to the value `build.rs` embedded is the pack the tests validated, and is
/// built without validating it again ([`super::trusted`]); a folder is always validated.
pub fn open(arg: Option<&Path>, limit: u64) -> Result<Pack, OpenError> {
    let choice = arg.map_or(Choice::Bundled(DEFAULT), Choice::parse);
    let files = files_of(&choice, limit)?;
    if let Choice::Bundled(name) = choice
        && let Some(hash) = super::trusted::embedded_hash(name)
        && let Some(pack) =
            super::trusted::load_verified(files.clone(), hash, super::trusted::embedded_head(name))
    {
        return Ok(pack);
    }
    load(&files)
        .map(|(pack, _)| pack)
        .map_err(|problems| OpenError::Broken {
            root: files.display_root().to_owned(),
            problems: problems.0,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_bundled_name_is_the_bundled_pack() {
        assert_eq!(
            Choice::parse(Path::new(DEFAULT)),
            Choice::Bundled("judicial-immunity")
        );
    }

    #[test]
    fn a_path_separator_makes_a_folder_even_with_a_bundled_name() {
        let arg = Path::new("./judicial-immunity");
        assert_eq!(Choice::parse(arg), Choice::Folder(arg.to_owned()));
        let arg = Path::new("questions/judicial-immunity");
        assert_eq!(Choice::parse(arg), Choice::Folder(arg.to_owned()));
    }

    #[test]
    fn a_bare_name_that_is_no_bundled_pack_is_a_folder() {
        assert_eq!(
            Choice::parse(Path::new("my-pack")),
            Choice::Folder(PathBuf::from("my-pack"))
        );
    }

    #[test]
    fn an_unknown_bare_name_that_is_no_folder_names_both_readings() {
        let error = files(Some(Path::new("no-such-pack-anywhere")), u64::MAX).unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, OpenError::Unknown { .. }), "{message}");
        assert!(
            message.contains("no bundled pack has this name"),
            "{message}"
        );
        assert!(message.contains("judicial-immunity"), "{message}");
    }

    #[test]
    fn every_bundled_pack_is_listed_with_its_header() {
        let list = bundled();
        let default = list
            .iter()
            .find(|p| p.name == DEFAULT)
            .expect("default is bundled");
        assert!(!default.version.is_empty() && !default.law_checked.is_empty());
        assert!(!default.title.is_empty());
    }

    /// Only the bytes in the binary are trusted: a folder holding the bundled pack with one
    /// broken id is validated, and the break reported.
    #[test]
    fn a_folder_copy_of_the_bundled_pack_is_validated() {
        let files = FileSet::bundled(DEFAULT).unwrap();
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files.iter() {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let text = if rel == "pack.json" {
                text.replacen("\"next\": \"", "\"next\": \"no-such-node-", 1)
            } else {
                text.to_owned()
            };
            std::fs::write(path, text).unwrap();
        }
        match open(Some(dir.path()), u64::MAX) {
            Err(OpenError::Broken { problems, .. }) => {
                assert!(!problems.is_empty());
            }
            other => panic!("a broken folder copy opened: {:?}", other.map(|p| p.origin)),
        }
        assert!(
            open(None, u64::MAX).is_ok(),
            "the bundled pack itself opens"
        );
    }
}
