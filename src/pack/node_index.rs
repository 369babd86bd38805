//! The questions and conclusions of a pack by id (they share one namespace).
//!
//! Hash tables of node numbers whose ids are read from the pack itself, rather than a map from
//! a copy of each id: no string and no allocation per id. The table is cut into parts of a few
//! thousand entries each, chosen by bits of the id's hash, so that resolving every option's
//! `next` at once ([`Nodes::candidates`]) can take the lookups part by part: each part is small
//! enough to stay in the processor's cache, where one table of a million entries made every
//! lookup a miss in the cache and in the address translation, and made `immunity check` grow
//! faster than the pack.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use super::{Node, PackFile};

/// Ids per part of the table, about: 4,096 entries of 16 bytes and their control bytes.
const PART: usize = 4096;

/// The first question or conclusion declaring each id, by id. The ids stay in the
/// [`PackFile`] the index was built from, so every lookup names that file ([`NodeIndex::over`]).
#[derive(Clone, Default)]
pub(crate) struct NodeIndex {
    /// Per part, (the id's hash, its node number): a question's index, or the number of
    /// questions plus a conclusion's. The hash is kept so that a batch of lookups can match
    /// by hash alone and confirm the id afterwards, in the pack's order.
    parts: Vec<HashTable<(u64, usize)>>,
    /// Keyed per process, so a hostile pack cannot choose ids that collide.
    hasher: RandomState,
}

impl std::fmt::Debug for NodeIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: usize = self.parts.iter().map(HashTable::len).sum();
        write!(f, "NodeIndex({ids} ids in {} parts)", self.parts.len())
    }
}

/// A [`NodeIndex`] with the file its ids stand in: what lookups go through.
#[derive(Clone, Copy)]
pub(crate) struct Nodes<'a> {
    index: &'a NodeIndex,
    file: &'a PackFile,
}

/// The node numbered `n`, and its id, in `file`.
fn node_of(file: &PackFile, n: usize) -> (Node, &str) {
    let questions = file.questions.len();
    if n < questions {
        (Node::Question(n), file.questions[n].id.as_str())
    } else {
        let c = n - questions;
        (Node::Conclusion(c), file.conclusions[c].id.as_str())
    }
}

impl NodeIndex {
    /// Indexes the questions of `file`, then its conclusions. Where an id is declared again,
    /// the first declaration keeps it and `again(first, later)` is called.
    pub(crate) fn build(file: &PackFile, mut again: impl FnMut(Node, Node)) -> Self {
        let hasher = RandomState::new();
        let ids = file
            .questions
            .iter()
            .map(|q| q.id.as_str())
            .chain(file.conclusions.iter().map(|c| c.id.as_str()));
        let hash_of: Vec<u64> = ids.map(|id| hasher.hash_one(id)).collect();
        let count = hash_of.len().div_ceil(PART).next_power_of_two();
        let mut sizes = vec![0usize; count];
        for &hash in &hash_of {
            sizes[part_of(hash, count)] += 1;
        }
        let mut parts: Vec<HashTable<(u64, usize)>> =
            sizes.into_iter().map(HashTable::with_capacity).collect();
        for (n, &hash) in hash_of.iter().enumerate() {
            let id = node_of(file, n).1;
            match parts[part_of(hash, count)].entry(
                hash,
                |&(h, m)| h == hash && node_of(file, m).1 == id,
                |&(h, _)| h,
            ) {
                Entry::Occupied(first) => {
                    again(node_of(file, first.get().1).0, node_of(file, n).0);
                }
                Entry::Vacant(slot) => {
                    slot.insert((hash, n));
                }
            }
        }
        Self { parts, hasher }
    }

    /// Lookups in `file`, which must be the file the index was built from.
    pub(crate) fn over<'a>(&'a self, file: &'a PackFile) -> Nodes<'a> {
        Nodes { index: self, file }
    }
}

/// The part of a table of `count` parts (a power of two) that holds `hash`: bits the table's
/// own probing does not use (it takes the lowest for the slot and the highest seven as a tag).
fn part_of(hash: u64, count: usize) -> usize {
    usize::try_from(hash >> 32).unwrap_or(usize::MAX) & (count - 1)
}

impl Nodes<'_> {
    /// The question or conclusion declaring `id` first.
    pub(crate) fn get(&self, id: &str) -> Option<Node> {
        let index = self.index;
        if index.parts.is_empty() {
            return None;
        }
        let hash = index.hasher.hash_one(id);
        index.parts[part_of(hash, index.parts.len())]
            .find(hash, |&(h, n)| h == hash && node_of(self.file, n).1 == id)
            .map(|&(_, n)| node_of(self.file, n).0)
    }

    /// For each of `ids`, in order, the node whose id has the same hash, or `None`: what
    /// [`Nodes::get`] finds, but for the rare id whose hash another id shares, so each must be
    /// confirmed with [`Nodes::confirm`]. The ids are hashed in order, the hashes sorted by
    /// part (a counting sort), looked up part by part, and the answers put back in order:
    /// every step reads and writes memory in order but the lookups, which stay in one small
    /// part at a time.
    pub(crate) fn candidates<'i>(&self, ids: impl Iterator<Item = &'i str>) -> Vec<Option<usize>> {
        let index = self.index;
        let count = index.parts.len();
        if count == 0 {
            return ids.map(|_| None).collect();
        }
        let hashes: Vec<u64> = ids.map(|id| index.hasher.hash_one(id)).collect();
        // Where each part's hashes start in the sorted list.
        let mut next = vec![0usize; count];
        for &hash in &hashes {
            next[part_of(hash, count)] += 1;
        }
        let mut start = 0;
        for slot in &mut next {
            (*slot, start) = (start, start + *slot);
        }
        let starts = next.clone();
        let mut sorted = vec![0u64; hashes.len()];
        for &hash in &hashes {
            let at = &mut next[part_of(hash, count)];
            sorted[*at] = hash;
            *at += 1;
        }
        let found: Vec<Option<usize>> = sorted
            .iter()
            .map(|&hash| {
                index.parts[part_of(hash, count)]
                    .find(hash, |&(h, _)| h == hash)
                    .map(|&(_, n)| n)
            })
            .collect();
        drop(sorted);
        let mut next = starts;
        hashes
            .iter()
            .map(|&hash| {
                let at = &mut next[part_of(hash, count)];
                *at += 1;
                found[*at - 1]
            })
            .collect()
    }

    /// The node declaring `id` first, given the candidate [`Nodes::candidates`] found for it.
    pub(crate) fn confirm(&self, candidate: Option<usize>, id: &str) -> Option<Node> {
        match candidate.map(|n| node_of(self.file, n)) {
            Some((node, found)) if found == id => Some(node),
            // No id or another id with the same hash: only a full lookup can tell.
            _ => self.get(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::generate::generate_pack;
    use crate::pack::testing;

    #[test]
    fn finds_each_id_at_its_first_declaration_and_reports_the_others() {
        let mut file = testing::court().file().clone();
        // A conclusion taking a question's id, and a question taking an earlier question's.
        let first_question = file.questions[0].id.clone();
        file.conclusions[1].id = first_question.clone();
        file.questions[2].id = file.questions[1].id.clone();
        let mut again = Vec::new();
        let index = NodeIndex::build(&file, |first, later| again.push((first, later)));
        assert_eq!(
            again,
            [
                (Node::Question(1), Node::Question(2)),
                (Node::Question(0), Node::Conclusion(1)),
            ]
        );
        let nodes = index.over(&file);
        assert_eq!(nodes.get(&first_question), Some(Node::Question(0)));
        assert_eq!(nodes.get(&file.questions[1].id), Some(Node::Question(1)));
        for (i, q) in file.questions.iter().enumerate().skip(3) {
            assert_eq!(nodes.get(&q.id), Some(Node::Question(i)), "{}", q.id);
        }
        assert_eq!(
            nodes.get(&file.conclusions[0].id),
            Some(Node::Conclusion(0))
        );
        assert_eq!(nodes.get("no such id"), None);
        assert_eq!(nodes.get(""), None);
    }

    /// A pack large enough for many parts: every option's candidate, confirmed, is what a
    /// single lookup finds, for ids that exist and ids that do not.
    #[test]
    fn candidates_confirmed_are_the_lookups_in_every_part() {
        let file: PackFile = serde_json::from_str(generate_pack(20_000).get("pack.json").unwrap())
            .expect("the generated pack parses");
        let index = NodeIndex::build(&file, |_, _| panic!("no id is declared twice"));
        assert!(index.parts.len() >= 4, "{index:?}");
        let nodes = index.over(&file);
        let mut ids: Vec<String> = file
            .questions
            .iter()
            .flat_map(|q| q.options.iter().map(|o| o.next.to_string()))
            .collect();
        ids.extend((0..100).map(|i| format!("missing {i}")));
        ids.push(String::new());
        let candidates = nodes.candidates(ids.iter().map(String::as_str));
        assert_eq!(candidates.len(), ids.len());
        for (id, candidate) in ids.iter().zip(candidates) {
            let found = nodes.get(id);
            assert_eq!(nodes.confirm(candidate, id), found, "{id}");
            if found.is_some() {
                assert!(candidate.is_some(), "{id}");
            }
        }
        // A wrong candidate (as a shared hash would give) is caught and the id looked up.
        assert_eq!(nodes.confirm(Some(5), "q7"), Some(Node::Question(7)));
        assert_eq!(nodes.confirm(Some(5), "missing"), None);
    }
}
