//! Optimal string alignment (OSA) distance: insertions, deletions, substitutions and swaps of
//! neighbouring characters ("Andriod"), each counted once, no substring edited twice.
//!
//! For a pattern of up to 64 characters the distance is computed a column of the table at a time
//! in the bits of one `u64` (Hyyrö's bit-parallel method, 2003, with his transposition term):
//! about 10 word operations per character of the text instead of a row of table cells. The same
//! pattern is matched against many catalog keys, so its character masks are built once.
//! Longer patterns take the table (`strsim::osa_distance`). Both give the same numbers: a test
//! compares them on generated text.

/// The longest pattern the bit-parallel method takes: the bits of one word.
pub const MAX_PATTERN: usize = 64;

/// A pattern (the query) prepared for distances to many texts.
pub struct OsaPattern {
    /// Bit i set where the pattern's character i is this ASCII character.
    ascii: [u64; 128],
    /// The same for the pattern's other characters (few: names are mostly ASCII).
    other: Vec<(char, u64)>,
    len: usize,
}

impl OsaPattern {
    /// `None` when the pattern is longer than `MAX_PATTERN` characters.
    pub fn new(pattern: &[char]) -> Option<Self> {
        if pattern.len() > MAX_PATTERN {
            return None;
        }
        let mut p = OsaPattern {
            ascii: [0; 128],
            other: Vec::new(),
            len: pattern.len(),
        };
        for (i, &c) in pattern.iter().enumerate() {
            let bit = 1u64 << i;
            if c.is_ascii() {
                p.ascii[c as usize] |= bit;
            } else {
                match p.other.iter_mut().find(|(d, _)| *d == c) {
                    Some((_, m)) => *m |= bit,
                    None => p.other.push((c, bit)),
                }
            }
        }
        Some(p)
    }

    fn mask(&self, c: char) -> u64 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other
                .iter()
                .find(|(d, _)| *d == c)
                .map_or(0, |&(_, m)| m)
        }
    }

    /// The OSA distance from the pattern to `text`.
    pub fn distance(&self, text: &str) -> usize {
        let m = self.len;
        if m == 0 {
            return text.chars().count();
        }
        let last = 1u64 << (m - 1);
        // Vertical deltas of the current column: +1 (vp) and -1 (vn) per row; column 0 is 0..m.
        let mut vp: u64 = !0;
        let mut vn: u64 = 0;
        // Rows where the diagonal step was free (a match) in the previous column.
        let mut d0: u64 = 0;
        let mut pm_prev: u64 = 0;
        let mut score = m;
        for c in text.chars() {
            let pm = self.mask(c);
            // A swap: this character matches the pattern one row up, the previous one this row,
            // and the previous column's diagonal there was not already free.
            let tr = (((!d0) & pm) << 1) & pm_prev;
            d0 = ((((pm & vp).wrapping_add(vp)) ^ vp) | pm | vn) | tr;
            let hp = vn | !(d0 | vp);
            let hn = d0 & vp;
            if hp & last != 0 {
                score += 1;
            } else if hn & last != 0 {
                score -= 1;
            }
            let hp = (hp << 1) | 1;
            let hn = hn << 1;
            vp = hn | !(d0 | hp);
            vn = d0 & hp;
            pm_prev = pm;
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn osa(a: &str, b: &str) -> usize {
        let chars: Vec<char> = a.chars().collect();
        OsaPattern::new(&chars).unwrap().distance(b)
    }

    #[test]
    fn known_distances() {
        assert_eq!(osa("", "abc"), 3);
        assert_eq!(osa("abc", ""), 3);
        assert_eq!(osa("acme android", "acme andriod"), 1);
        assert_eq!(
            osa("ca", "abc"),
            3,
            "OSA, not unrestricted Damerau (which gives 2)"
        );
        assert_eq!(osa("kitten", "sitting"), 3);
        assert_eq!(osa("café", "cafe"), 1);
        assert_eq!(osa("日本語", "本日語"), 1);
        let long: String = "ab".repeat(32);
        assert_eq!(
            osa(&long, &"ba".repeat(32)),
            2,
            "one deletion, one insertion"
        );
        assert_eq!(
            osa(&long, &"ba".repeat(32)),
            strsim::osa_distance(&long, &"ba".repeat(32))
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod generated {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]
            /// Small alphabets (so swaps and repeats are common), lengths up to and at 64.
            #[test]
            fn equals_the_table_method(a in "[abcé ]{0,64}", b in "[abcé ]{0,70}") {
                prop_assert_eq!(osa(&a, &b), strsim::osa_distance(&a, &b));
            }

            #[test]
            fn equals_the_table_method_on_near_strings(
                a in "[a-eA]{1,64}",
                edits in proptest::collection::vec((0usize..64, 0u8..4, "[a-f]"), 0..4),
            ) {
                let mut b: Vec<char> = a.chars().collect();
                for (at, op, c) in edits {
                    let c = c.chars().next().unwrap();
                    let at = at % (b.len() + 1);
                    match op {
                        0 if at < b.len() => { b.remove(at); }
                        1 => b.insert(at, c),
                        2 if at < b.len() => b[at] = c,
                        _ if at + 1 < b.len() => b.swap(at, at + 1),
                        _ => {}
                    }
                }
                let b: String = b.into_iter().collect();
                prop_assert_eq!(osa(&a, &b), strsim::osa_distance(&a, &b));
            }
        }
    }
}
