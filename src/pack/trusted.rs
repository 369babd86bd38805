//! Opening the bundled pack without validating it again on every launch.
//!
//! The bundled pack is validated by the test suite (and by `immunity check`). `build.rs` embeds
//! the pack's bytes and their content hash from one read of the files, so the bytes in the
//! binary are always the bytes the hash names: the comparison is made where they are embedded,
//! not again at every start (it could not fail there). A bundled pack is known by that hash to be
//! the one that was checked, so only what a [`Pack`] needs to be walked is built: the id maps and
//! where every option leads. A pack from a folder never takes this path, and neither does
//! `immunity check`.

use std::collections::HashMap;

use super::{CasesFile, FileSet, Node, Pack, PackFile};

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

/// Builds the bundled pack of `files` without the checks; its content hash is `content`, the
/// hash `build.rs` computed over the bytes it embedded. `None` if the files do not parse (the
/// caller then loads them the checked way, which reports why).
pub(crate) fn load_verified(files: &FileSet, content: &str) -> Option<Pack> {
    let hash = content.to_owned();
    // Every string of these bytes passed the pack checks, which refuse what `Clean` drops.
    let (file, cases) = crate::text::reading_checked_bytes(|| {
        let file: PackFile = serde_json::from_str(files.get("pack.json")?).ok()?;
        let cases = match files.get("cases.json") {
            Some(text) => serde_json::from_str::<CasesFile>(text).ok()?.cases,
            None => Vec::new(),
        };
        Some((file, cases))
    })?;
    // The first declaration of an id wins, as in the checked path (a checked pack has none
    // twice, so the order only matters for agreeing with it exactly).
    let index = |ids: &mut dyn Iterator<Item = (String, usize)>| {
        let mut map = HashMap::new();
        for (id, i) in ids {
            map.entry(id).or_insert(i);
        }
        map
    };
    let outcomes = index(&mut file.outcomes.iter().map(|o| o.id.to_string()).zip(0..));
    let sources = index(&mut file.sources.iter().map(|s| s.id.to_string()).zip(0..));
    let mut nodes: HashMap<String, Node> =
        HashMap::with_capacity(file.questions.len() + file.conclusions.len());
    for (i, q) in file.questions.iter().enumerate() {
        nodes.entry(q.id.to_string()).or_insert(Node::Question(i));
    }
    for (i, c) in file.conclusions.iter().enumerate() {
        nodes.entry(c.id.to_string()).or_insert(Node::Conclusion(i));
    }
    let targets = file
        .questions
        .iter()
        .map(|q| {
            q.options
                .iter()
                .map(|o| nodes.get(o.next.as_str()).copied())
                .collect::<Option<Vec<_>>>()
        })
        .collect::<Option<Vec<_>>>()?;
    let Some(&Node::Question(start)) = nodes.get(file.start.as_str()) else {
        return None;
    };
    let mut pack = Pack {
        file,
        cases,
        targets,
        nodes,
        sources,
        outcomes,
        start,
        content_hash: hash,
        origin: files.display_root().to_owned(),
        warnings: Vec::new(),
        reach: None,
    };
    pack.reach = super::reach::Reach::build(&pack);
    Some(pack)
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
            let fast = load_verified(&files, hash).expect("the bundled pack loads unchecked");
            let (checked, _) = super::super::load(&files).expect("the bundled pack is clean");
            assert_eq!(fast.targets, checked.targets, "{name}");
            assert_eq!(fast.start, checked.start, "{name}");
            assert_eq!(fast.nodes, checked.nodes, "{name}");
            assert_eq!(fast.sources, checked.sources, "{name}");
            assert_eq!(fast.outcomes, checked.outcomes, "{name}");
            assert_eq!(fast.content_hash, checked.content_hash, "{name}");
            assert_eq!(fast.origin, checked.origin, "{name}");
            assert_eq!(fast.reach, checked.reach, "{name}");
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
}
