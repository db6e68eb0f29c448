//! Where each distinct text first occurs in a list: the table behind "repeats entry N" and
//! behind answering a repeated name from its first check, and the catalog's exact lookup.
//!
//! An open-addressing table (linear probing, at most half full) of one array: a slot holds the
//! top 32 bits of the text's 64-bit FxHash, the caller's value for the text (where its
//! findings are kept, for a list; its index, for the catalog), and where a copy of the text is
//! in the table's own buffer. A lookup in a long list is then two cache misses (the
//! slot, the copy) instead of four (a separate control byte, the entry, the list's `String`,
//! its bytes): the list is megabytes and read at random. Equal hashes with different texts
//! just probe on, so the answer is exact.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

#[derive(Clone, Copy)]
struct Slot {
    /// The top 32 bits of the text's hash: its home slot, and a cheap first comparison.
    tag: u32,
    /// The caller's value for the text; `EMPTY` for a free slot.
    value: u32,
    /// Where its copy is in `FirstSeen::text` (its length is `len`); when the buffer was past
    /// `u32` offsets `len` is `IN_LIST` and `start` the index of the text in the list.
    start: u32,
    len: u32,
}

const EMPTY: u32 = u32::MAX;
/// The most texts `get_many` looks up at once.
pub const BATCH: usize = 32;
const IN_LIST: u32 = u32::MAX;
const FREE: Slot = Slot {
    tag: 0,
    value: EMPTY,
    start: 0,
    len: 0,
};

pub(crate) struct FirstSeen {
    slots: Vec<Slot>,
    /// `32 - log2(slots.len())`: a tag's home slot is `tag >> shift`.
    shift: u32,
    used: usize,
    /// Each distinct text once, one after another.
    text: String,
}

impl Default for FirstSeen {
    fn default() -> Self {
        FirstSeen::with_capacity(0)
    }
}

/// `a == b`. On wasm32 slice equality is a call to a byte-by-byte `memcmp`, and a long list
/// compares every repeat with its first copy: there it is a loop of its own, which is as fast as
/// eight bytes at a time within the noise and 900 B smaller gzipped. Natively it is the C
/// library's `memcmp` (about 3 % fewer instructions for a 100k list than the loop).
#[cfg(target_arch = "wasm32")]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// `a == b` (see the wasm32 one).
#[cfg(not(target_arch = "wasm32"))]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a == b
}

/// 32 well-mixed bits of the text's FxHash. FxHash is a `usize`: on wasm32 its upper half is
/// zero, and its low bits are the weak ones of a multiply, so it is multiplied once more and
/// the product's upper half taken (every bit of the hash reaches those).
fn tag(s: &str) -> u32 {
    let h = FxBuildHasher.hash_one(s);
    ((h ^ (h >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
}

impl FirstSeen {
    /// Room for `n` distinct texts without growing.
    pub fn with_capacity(n: usize) -> Self {
        let size = n.saturating_mul(2).next_power_of_two().clamp(16, 1 << 31);
        FirstSeen {
            slots: vec![FREE; size],
            shift: 32 - size.trailing_zeros(),
            used: 0,
            text: String::new(),
        }
    }

    fn text_of<'a>(&'a self, slot: &Slot, texts: &'a [String]) -> &'a [u8] {
        if slot.len == IN_LIST {
            texts[slot.start as usize].as_bytes()
        } else {
            &self.text.as_bytes()[slot.start as usize..(slot.start + slot.len) as usize]
        }
    }

    /// The slot that holds `s`, or the free slot where it would go.
    fn find(&self, tag: u32, s: &str, texts: &[String]) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut at = (tag >> self.shift) as usize;
        loop {
            let slot = &self.slots[at];
            if slot.value == EMPTY {
                return Err(at);
            }
            if slot.tag == tag && same_bytes(self.text_of(slot, texts), s.as_bytes()) {
                return Ok(at);
            }
            at = (at + 1) & mask;
        }
    }

    /// `get` of each of `names` (at most `BATCH`) into `out`, in three passes instead of one
    /// lookup after another: the tags, then each text's home slot, then the copy of the text
    /// there. The loads of a pass do not wait on each other, so the memory system fetches them
    /// together (in a long list the slots and the copies are cache misses). A text not at its
    /// home slot is looked up as `get` does.
    pub fn get_many(&self, names: &[String], texts: &[String], out: &mut [Option<u32>]) {
        let n = names.len().min(BATCH).min(out.len());
        let mut tags = [0u32; BATCH];
        for (t, name) in tags.iter_mut().zip(&names[..n]) {
            *t = tag(name);
        }
        let mut home = [FREE; BATCH];
        for (h, &t) in home.iter_mut().zip(&tags[..n]) {
            *h = self.slots[(t >> self.shift) as usize];
        }
        for k in 0..n {
            let slot = &home[k];
            let s = names[k].as_bytes();
            out[k] = if slot.value == EMPTY {
                None
            } else if slot.tag == tags[k] && same_bytes(self.text_of(slot, texts), s) {
                Some(slot.value)
            } else {
                self.find(tags[k], &names[k], texts)
                    .ok()
                    .map(|at| self.slots[at].value)
            };
        }
    }

    /// The value recorded for `s` (`texts` is the list the table was filled from).
    pub fn get(&self, s: &str, texts: &[String]) -> Option<u32> {
        self.find(tag(s), s, texts)
            .ok()
            .map(|at| self.slots[at].value)
    }

    /// Records `value` for `texts[i]` unless its text was seen before; returns the value
    /// recorded then, or `None` when this is its first occurrence. `value` is not `u32::MAX`.
    pub fn first_or_insert(&mut self, i: usize, texts: &[String], value: u32) -> Option<u32> {
        self.first_or_insert_from(&texts[i], texts, Some(i), value)
    }

    /// As `first_or_insert`, for a text of no list (a key the caller made): the table keeps
    /// its only copy. A text that would put the buffer past `u32` offsets (4 GiB of distinct
    /// texts, far past every limit of the crate) is not kept and reads as new. The table is
    /// then only ever filled this way.
    pub fn first_or_insert_text(&mut self, s: &str, value: u32) -> Option<u32> {
        self.first_or_insert_from(s, &[], None, value)
    }

    /// `s`, which is `texts[i]` when `i` is given.
    fn first_or_insert_from(
        &mut self,
        s: &str,
        texts: &[String],
        i: Option<usize>,
        value: u32,
    ) -> Option<u32> {
        let tag = tag(s);
        let mut at = match self.find(tag, s, texts) {
            Ok(at) => return Some(self.slots[at].value),
            Err(at) => at,
        };
        let start = self.text.len();
        // Past `u32` offsets a text of the list is compared in the list; any other is not kept.
        let (start, len) = match (u32::try_from(start), u32::try_from(start + s.len()), i) {
            (Ok(start), Ok(end), _) if end < IN_LIST => (start, end - start),
            (_, _, Some(i)) => (i as u32, IN_LIST),
            _ => return None,
        };
        if (self.used + 1) * 2 > self.slots.len() {
            self.grow();
            // Not in the table (it was not before it grew): the free slot.
            at = match self.find(tag, s, texts) {
                Ok(at) | Err(at) => at,
            };
        }
        if len != IN_LIST {
            self.text.push_str(s);
        }
        debug_assert!(value != EMPTY && i.is_none_or(|i| i < u32::MAX as usize));
        self.slots[at] = Slot {
            tag,
            value,
            start,
            len,
        };
        self.used += 1;
        None
    }

    /// The most slots a lookup of a text in the table reads: short when the tags spread.
    pub fn longest_probe(&self) -> usize {
        let mask = self.slots.len() - 1;
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.value != EMPTY)
            .map(|(at, s)| (at.wrapping_sub((s.tag >> self.shift) as usize) & mask) + 1)
            .max()
            .unwrap_or(0)
    }

    /// Twice the slots; every text goes to its home slot again (the tag says where).
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![FREE; size]);
        self.shift -= 1;
        let mask = size - 1;
        for slot in old.into_iter().filter(|s| s.value != EMPTY) {
            let mut at = (slot.tag >> self.shift) as usize;
            while self.slots[at].value != EMPTY {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_occurrences_including_colliding_texts() {
        let texts: Vec<String> = ["a", "b", "a", "c", "b"].map(String::from).to_vec();
        let mut seen = FirstSeen::default();
        let firsts: Vec<Option<u32>> = (0..texts.len())
            .map(|i| seen.first_or_insert(i, &texts, i as u32 * 10))
            .collect();
        assert_eq!(firsts, [None, None, Some(0), None, Some(10)]);
        assert_eq!(seen.get("c", &texts), Some(30));
        assert_eq!(seen.get("d", &texts), None);
        // A forced collision: "y" finds a slot with its tag and another text, and probes on.
        let texts: Vec<String> = ["x", "y", "y"].map(String::from).to_vec();
        let mut seen = FirstSeen::default();
        let home = (tag("y") >> seen.shift) as usize;
        seen.text.push('x');
        seen.slots[home] = Slot {
            tag: tag("y"),
            value: 0,
            start: 0,
            len: 1,
        };
        seen.used = 1;
        // The batch lookup too: its home slot has the tag, not the text.
        let mut out = [None; BATCH];
        seen.get_many(&texts[1..2], &texts, &mut out);
        assert_eq!(out[0], None);
        assert_eq!(seen.first_or_insert(1, &texts, 1), None);
        assert_eq!(seen.first_or_insert(2, &texts, 2), Some(1));
        assert_eq!(seen.get("y", &texts), Some(1));
        seen.get_many(&texts[1..3], &texts, &mut out);
        assert_eq!(out[..2], [Some(1), Some(1)]);
    }

    #[test]
    fn same_bytes_is_slice_equality() {
        let texts = [
            "",
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnop",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    same_bytes(a.as_bytes(), b.as_bytes()),
                    a == b,
                    "{a:?} {b:?}"
                );
            }
        }
        // A difference in the last whole chunk, and in the rest after it.
        assert!(!same_bytes(b"abcdefgXij", b"abcdefgYij"));
        assert!(!same_bytes(b"abcdefghiX", b"abcdefghiY"));
    }

    #[test]
    fn the_table_grows_and_keeps_every_first_occurrence() {
        // 5,000 distinct texts, each three times, in a table made for 4: it grows many times.
        let texts: Vec<String> = (0..15_000).map(|i| format!("n{}", i % 5_000)).collect();
        let mut seen = FirstSeen::with_capacity(4);
        for (i, _) in texts.iter().enumerate() {
            let want = (i >= 5_000).then_some(i % 5_000);
            assert_eq!(
                seen.first_or_insert(i, &texts, i as u32),
                want.map(|j| j as u32),
                "text {i}"
            );
        }
        assert!(seen.slots.len() >= 10_000 && seen.slots.len().is_power_of_two());
        for i in 0..5_000 {
            assert_eq!(seen.get(&texts[i], &texts), Some(i as u32));
        }
        assert_eq!(seen.get("n5000", &texts), None);
    }

    #[test]
    fn texts_of_no_list() {
        let mut seen = FirstSeen::with_capacity(2);
        let keys: Vec<String> = (0..500).map(|i| format!("key {}", i % 200)).collect();
        for (i, k) in keys.iter().enumerate() {
            let want = (i >= 200).then_some((i % 200) as u32);
            assert_eq!(seen.first_or_insert_text(k, i as u32), want, "{k}");
        }
        assert_eq!(seen.get("key 7", &[]), Some(7));
        assert_eq!(seen.get("key 200", &[]), None);
    }

    #[test]
    fn a_batch_lookup_is_each_lookup() {
        // A full table (many texts away from their home slot), texts in it and not, batches
        // short and full.
        let texts: Vec<String> = (0..3_000).map(|i| format!("t{i}")).collect();
        let mut seen = FirstSeen::with_capacity(4);
        for i in 0..texts.len() {
            seen.first_or_insert(i, &texts, i as u32 * 3);
        }
        let queries: Vec<String> = (0..6_000).map(|i| format!("t{}", i * 7 % 6_000)).collect();
        for chunk in queries.chunks(BATCH - 3).chain(queries.chunks(BATCH)) {
            let mut out = [Some(u32::MAX); BATCH];
            seen.get_many(chunk, &texts, &mut out);
            for (q, got) in chunk.iter().zip(out) {
                assert_eq!(got, seen.get(q, &texts), "{q}");
            }
        }
        assert!(
            seen.longest_probe() > 1,
            "no text was away from its home slot"
        );
    }

    #[test]
    fn a_text_past_the_buffer_offsets_is_compared_in_the_list() {
        let texts: Vec<String> = ["a", "b", "a", "b"].map(String::from).to_vec();
        let mut seen = FirstSeen::default();
        assert_eq!(seen.first_or_insert(0, &texts, 0), None);
        // As if the buffer were 4 GiB long: "b" is not copied, its slot points into the list.
        let at = seen.find(tag("b"), "b", &texts).unwrap_err();
        seen.slots[at] = Slot {
            tag: tag("b"),
            value: 1,
            start: 1,
            len: IN_LIST,
        };
        seen.used += 1;
        assert_eq!(seen.first_or_insert(2, &texts, 2), Some(0));
        assert_eq!(seen.first_or_insert(3, &texts, 3), Some(1));
    }
}
