//! Teacher id -> position in `DataSet::teachers`, without a second copy of
//! the ids.
//!
//! A province has 600,000 teachers. A `HashMap<String, usize>` keyed by
//! each id (as compared, `key`) kept every id twice: one allocation and 32
//! bytes of table per teacher, about 50 MB. This index keeps only the
//! positions and finds an id through the teachers themselves, which the
//! caller passes in.

use super::{Teacher, key};
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Positions of teachers, found by id (compared as `key`).
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    table: HashTable<usize>,
}

/// The hash of an id already in its compared form.
fn hash_key(k: &str) -> u64 {
    FxBuildHasher.hash_one(k)
}

/// Whether teacher `i`'s id is `k` as compared. Most ids are already in
/// their compared form: equal as written, without a look at `key`.
fn has_key(teachers: &[Teacher], i: usize, k: &str) -> bool {
    let id = &teachers[i].id;
    id == k || key(id) == k
}

/// The hash of teacher `i`'s id, for the table to grow.
fn hash_of(teachers: &[Teacher]) -> impl Fn(&usize) -> u64 + '_ {
    |&i| hash_key(&key(&teachers[i].id))
}

impl IdIndex {
    /// Room for `additional` more teachers without growing.
    pub fn reserve(&mut self, additional: usize, teachers: &[Teacher]) {
        self.table.reserve(additional, hash_of(teachers));
    }

    /// The position of the teacher with id `id` among `teachers` (those
    /// the index was built from).
    pub fn get(&self, teachers: &[Teacher], id: &str) -> Option<usize> {
        let k = key(id);
        self.table
            .find(hash_key(&k), |&i| has_key(teachers, i, &k))
            .copied()
    }

    /// Notes `teachers[at]` under its id; `false`, and nothing noted, when
    /// another teacher already has that id.
    pub fn insert(&mut self, teachers: &[Teacher], at: usize) -> bool {
        let k = key(&teachers[at].id);
        let same = |&i: &usize| has_key(teachers, i, &k);
        match self.table.entry(hash_key(&k), same, hash_of(teachers)) {
            Entry::Occupied(_) => false,
            Entry::Vacant(slot) => {
                slot.insert(at);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_as_compared() {
        let teachers: Vec<Teacher> = ["T1", "Ｔ２", "T 3"]
            .into_iter()
            .map(|id| Teacher {
                id: id.into(),
                ..Teacher::default()
            })
            .collect();
        let mut index = IdIndex::default();
        index.reserve(1, &teachers);
        for at in 0..teachers.len() {
            assert!(index.insert(&teachers, at));
        }
        assert_eq!(index.get(&teachers, "T1"), Some(0));
        assert_eq!(index.get(&teachers, "T2"), Some(1));
        assert_eq!(index.get(&teachers, "Ｔ3"), Some(2));
        assert_eq!(index.get(&teachers, "T4"), None);
        let mut twice = teachers.clone();
        twice.push(Teacher {
            id: "T２".into(),
            ..Teacher::default()
        });
        assert!(!index.insert(&twice, 3), "T２ is T2");
        assert_eq!(index.get(&twice, "T2"), Some(1));
    }
}
