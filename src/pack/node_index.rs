//! The questions and conclusions of a pack by id (they share one namespace).
//!
//! A hash table of node numbers whose ids are read from the pack itself, rather than a map
//! from a copy of each id: one machine word per entry instead of a string and an allocation.
//! At a million questions the copies cost more than the rest of the table, and their scattered
//! allocations made every lookup a miss in the cache and the address translation, which is
//! what made `immunity check` grow faster than the pack.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use super::{Node, PackFile};

/// The first question or conclusion declaring each id, by id. The ids stay in the
/// [`PackFile`] the index was built from, so every lookup names that file ([`NodeIndex::over`]).
#[derive(Clone, Default)]
pub(crate) struct NodeIndex {
    /// Node numbers: a question's index, or the number of questions plus a conclusion's.
    table: HashTable<usize>,
    /// Keyed per process, so a hostile pack cannot choose ids that collide.
    hasher: RandomState,
}

impl std::fmt::Debug for NodeIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NodeIndex({} ids)", self.table.len())
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
        // Hashing every id first keeps the insertion loop short, so the processor can have
        // several of its (cache-missing) probes under way at once.
        let hash_of: Vec<u64> = ids.map(|id| hasher.hash_one(id)).collect();
        let mut table = HashTable::with_capacity(hash_of.len());
        for (n, &hash) in hash_of.iter().enumerate() {
            let id = node_of(file, n).1;
            match table.entry(
                hash,
                |&m| node_of(file, m).1 == id,
                |&m| hasher.hash_one(node_of(file, m).1),
            ) {
                Entry::Occupied(first) => again(node_of(file, *first.get()).0, node_of(file, n).0),
                Entry::Vacant(slot) => {
                    slot.insert(n);
                }
            }
        }
        Self { table, hasher }
    }

    /// Lookups in `file`, which must be the file the index was built from.
    pub(crate) fn over<'a>(&'a self, file: &'a PackFile) -> Nodes<'a> {
        Nodes { index: self, file }
    }
}

impl Nodes<'_> {
    /// The question or conclusion declaring `id` first.
    pub(crate) fn get(&self, id: &str) -> Option<Node> {
        let hash = self.index.hasher.hash_one(id);
        self.index
            .table
            .find(hash, |&n| node_of(self.file, n).1 == id)
            .map(|&n| node_of(self.file, n).0)
    }

    /// [`Nodes::get`] of each id, in order.
    pub(crate) fn get_all<'i>(
        &self,
        ids: impl Iterator<Item = &'i str> + Clone,
    ) -> Vec<Option<Node>> {
        // As in `build`: the hashes first, then the probes, in two short loops.
        let hash_of: Vec<u64> = ids
            .clone()
            .map(|id| self.index.hasher.hash_one(id))
            .collect();
        ids.zip(hash_of)
            .map(|(id, hash)| {
                self.index
                    .table
                    .find(hash, |&n| node_of(self.file, n).1 == id)
                    .map(|&n| node_of(self.file, n).0)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let some = [
            "no such id",
            first_question.as_str(),
            &file.conclusions[0].id,
        ];
        assert_eq!(
            nodes.get_all(some.into_iter()),
            [None, Some(Node::Question(0)), Some(Node::Conclusion(0))]
        );
    }
}
