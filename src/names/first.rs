//! Where each distinct text first occurs in a list: the table behind "repeats entry N" and
//! behind answering a repeated name from its first check, and the catalog's exact lookup.
//!
//! Keyed by a 64-bit FxHash of the text and checked against the text itself, so the table holds
//! no copy of the list's strings; texts whose hashes collide go to a small exact map.

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

#[derive(Default)]
pub(crate) struct FirstSeen {
    by_hash: FxHashMap<u64, u32>,
    collided: FxHashMap<String, u32>,
}

fn hash(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

impl FirstSeen {
    pub fn with_capacity(n: usize) -> Self {
        FirstSeen {
            by_hash: FxHashMap::with_capacity_and_hasher(n, FxBuildHasher),
            collided: FxHashMap::default(),
        }
    }

    /// Where `s` first occurs in `texts` (the list the table was filled from).
    pub fn get(&self, s: &str, texts: &[String]) -> Option<usize> {
        let &j = self.by_hash.get(&hash(s))?;
        if texts[j as usize] == s {
            Some(j as usize)
        } else {
            self.collided.get(s).map(|&j| j as usize)
        }
    }

    /// Records `texts[i]` as seen at `i` unless it was seen before; returns where it was first
    /// seen, or `None` when this is its first occurrence.
    pub fn first_or_insert(&mut self, i: usize, texts: &[String]) -> Option<usize> {
        let s = texts[i].as_str();
        let j = *self.by_hash.entry(hash(s)).or_insert(i as u32) as usize;
        if j == i || texts[j] == s {
            return (j != i).then_some(j);
        }
        let j = *self.collided.entry(s.to_string()).or_insert(i as u32) as usize;
        (j != i).then_some(j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_occurrences_including_colliding_texts() {
        let texts: Vec<String> = ["a", "b", "a", "c", "b"].map(String::from).to_vec();
        let mut seen = FirstSeen::default();
        let firsts: Vec<Option<usize>> = (0..texts.len())
            .map(|i| seen.first_or_insert(i, &texts))
            .collect();
        assert_eq!(firsts, [None, None, Some(0), None, Some(1)]);
        assert_eq!(seen.get("c", &texts), Some(3));
        assert_eq!(seen.get("d", &texts), None);
        // A forced collision: "y" lands on the slot "x" holds.
        let texts: Vec<String> = ["x", "y", "y"].map(String::from).to_vec();
        let mut seen = FirstSeen::default();
        seen.by_hash.insert(hash("y"), 0);
        assert_eq!(seen.first_or_insert(1, &texts), None);
        assert_eq!(seen.first_or_insert(2, &texts), Some(1));
        assert_eq!(seen.get("y", &texts), Some(1));
    }
}
