//! Opening the bundled pack without validating it again on every launch.
//!
//! The bundled pack is validated by the test suite (and by `immunity check`). `build.rs` embeds
//! the pack's bytes and their content hash from one read of the files, so the bytes in the
//! binary are always the bytes the hash names: the comparison is made where they are embedded,
//! not again at every start (it could not fail there). A bundled pack is known by that hash to be
//! the one that was checked, so only what a [`Pack`] needs to be walked is built, and only when
//! it is needed: at open, the header of `pack.json` (taken out by `build.rs`) and the fact
//! patterns' titles, which is what the start screen shows; on first use, the tree with its id
//! maps and where every option leads (`body`), and the fact patterns themselves (`cases`). A
//! pack from a folder never takes this path, and neither does `immunity check`.

use std::collections::HashMap;

use super::node_index::NodeIndex;
use super::rows::Rows;
use super::{Body, CasesFile, FileSet, Head, IdMaps, Node, Pack, PackFile};

mod hashes {
    include!(concat!(env!("OUT_DIR"), "/bundled_hashes.rs"));
}

/// The content hash `build.rs` computed for the bundled pack `name` ([`FileSet::content_hash`]).
pub fn embedded_hash(name: &str) -> Option<&'static str> {
    hashes::HASHES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, hash)| *hash)
}

/// The header `build.rs` took out of the bundled pack `name`'s `pack.json`, as JSON.
pub fn embedded_head(name: &str) -> Option<&'static str> {
    hashes::HEADS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, head)| *head)
}

/// Opens the bundled pack of `files` without the checks, its tree left to be built on first use;
/// its content hash is `content`, the hash `build.rs` computed over the bytes it embedded, and
/// `head` the header it took out of them ([`embedded_head`]; without it the header is read
/// from `pack.json`). `None` if the header or the fact patterns do not parse (the caller then
/// loads the files the checked way, which reports why).
pub(crate) fn load_verified(files: FileSet, content: &str, head: Option<&str>) -> Option<Pack> {
    /// What the start screen needs of a fact pattern.
    #[derive(serde::Deserialize)]
    struct Titled {
        title: crate::text::Clean,
    }
    /// `cases.json` read for the titles alone.
    #[derive(serde::Deserialize)]
    struct Titles {
        cases: Vec<Titled>,
    }
    // Every string of these bytes passed the pack checks, which refuse what `Clean` drops.
    let (head, titles) = crate::text::reading_checked_bytes(|| {
        // From `pack.json` itself, serde skips the rest of the file without building it.
        let head: Head = serde_json::from_str(head.or_else(|| files.get("pack.json"))?).ok()?;
        let titles = match files.get("cases.json") {
            Some(text) => serde_json::from_str::<Titles>(text).ok()?.cases,
            None => Vec::new(),
        };
        Some((head, titles))
    })?;
    let titles = titles.into_iter().map(|t| t.title).collect();
    Some(Pack::deferred(head, titles, files, content.to_owned()))
}

/// The fact patterns of the bundled pack of `files`, parsed without the checks, or by the
/// checked path should they not parse (as for [`body`]).
pub(crate) fn cases(files: &FileSet) -> Vec<crate::pack::Case> {
    let unchecked = crate::text::reading_checked_bytes(|| match files.get("cases.json") {
        Some(text) => serde_json::from_str::<CasesFile>(text)
            .ok()
            .map(|f| f.cases),
        None => Some(Vec::new()),
    });
    unchecked.unwrap_or_else(|| checked(files).cases().to_vec())
}

/// The checked load of a bundled pack whose bytes did not parse unchecked: they are the bytes
/// the tests validated, so a build that passed its tests never gets here, and one that gets
/// here and fails the checks is a defect of the build itself.
fn checked(files: &FileSet) -> Pack {
    match super::load(files) {
        Ok((pack, _)) => pack,
        Err(problems) => panic!(
            "the bundled pack {} does not load ({} problems; `immunity check` lists them): \
             this build did not pass its tests",
            files.display_root(),
            problems.0.len()
        ),
    }
}

/// The tree of the bundled pack of `files`, built as the checked path builds it but without the
/// checks; should the bytes not make a tree, by the checked path ([`checked`]).
pub(crate) fn body(files: &FileSet) -> Body {
    unchecked_body(files).unwrap_or_else(|| checked(files).body().clone())
}

fn unchecked_body(files: &FileSet) -> Option<Body> {
    let file: PackFile =
        crate::text::reading_checked_bytes(|| serde_json::from_str(files.get("pack.json")?).ok())?;
    // The first declaration of an id wins, as in the checked path (a checked pack has none
    // twice, so the order only matters for agreeing with it exactly).
    let first_of = |ids: &mut dyn Iterator<Item = (String, usize)>| {
        let mut map = HashMap::new();
        for (id, i) in ids {
            map.entry(id).or_insert(i);
        }
        map
    };
    let outcomes = first_of(&mut file.outcomes.iter().map(|o| o.id.to_string()).zip(0..));
    let sources = first_of(&mut file.sources.iter().map(|s| s.id.to_string()).zip(0..));
    let index = NodeIndex::build(&file, |_, _| {});
    let nodes = index.over(&file);
    let options = file.questions.iter().map(|q| q.options.len()).sum();
    let mut targets = Rows::with_capacity(file.questions.len(), options);
    for q in &file.questions {
        for o in &q.options {
            targets.push(nodes.get(o.next.as_str())?);
        }
        targets.end_row();
    }
    let Some(Node::Question(start)) = nodes.get(file.start.as_str()) else {
        return None;
    };
    let ids = IdMaps {
        nodes: index,
        sources,
        outcomes,
    };
    Some(Body::new(file, targets, ids, start))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unchecked path builds exactly what the checked one does, for every bundled pack.
    #[test]
    fn every_bundled_pack_builds_the_same_pack_either_way() {
        for name in FileSet::bundled_names() {
            let files = FileSet::bundled(name).unwrap();
            let hash = embedded_hash(name).expect("build.rs hashed every bundled pack");
            assert_eq!(hash, files.content_hash(), "{name}: the embedded hash");
            let head = embedded_head(name).expect("build.rs took out every bundled header");
            let fast =
                load_verified(files.clone(), hash, Some(head)).expect("the bundled pack loads");
            assert!(
                fast.body.get().is_none(),
                "{name}: the tree waits for first use"
            );
            assert!(
                fast.cases.get().is_none(),
                "{name}: the fact patterns wait for first use"
            );
            assert_eq!(fast.title(), checked_title(&files), "{name}: the header");
            let (checked, _) = super::super::load(&files).expect("the bundled pack is clean");
            assert_eq!(fast.id(), checked.id(), "{name}");
            assert_eq!(fast.version(), checked.version(), "{name}");
            assert_eq!(fast.law_checked(), checked.law_checked(), "{name}");
            assert_eq!(fast.description(), checked.description(), "{name}");
            assert_eq!(fast.disclaimer(), checked.disclaimer(), "{name}");
            assert_eq!(fast.content_hash, checked.content_hash, "{name}");
            assert_eq!(fast.origin, checked.origin, "{name}");
            assert_eq!(fast.case_titles(), checked.case_titles(), "{name}");
            let (quick, slow) = (fast.body(), checked.body());
            assert_eq!(quick.targets, slow.targets, "{name}");
            assert_eq!(quick.start, slow.start, "{name}");
            assert_eq!(quick.ids.sources, slow.ids.sources, "{name}");
            assert_eq!(quick.ids.outcomes, slow.ids.outcomes, "{name}");
            let ids = quick.file.questions.iter().map(|q| q.id.as_str());
            let ids = ids.chain(quick.file.conclusions.iter().map(|c| c.id.as_str()));
            for id in ids.chain(["", "no such id"]) {
                assert_eq!(fast.node(id), checked.node(id), "{name}: {id}");
            }
            assert_eq!(quick.reach, slow.reach, "{name}");
            assert_eq!(
                serde_json::to_value(fast.file()).unwrap(),
                serde_json::to_value(checked.file()).unwrap()
            );
            assert_eq!(
                serde_json::to_value(fast.cases()).unwrap(),
                serde_json::to_value(checked.cases()).unwrap()
            );
        }
    }

    /// The title as the checked loader reads it, for comparing before the fast pack's tree is
    /// built (the checked pack's accessors are not used, so nothing is forced).
    fn checked_title(files: &FileSet) -> String {
        let file: PackFile = serde_json::from_str(files.get("pack.json").unwrap()).unwrap();
        file.title.to_string()
    }
}
