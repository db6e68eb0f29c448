//! The catalog of exact names (Luciq apps, role values) indexed for the lookups the checks make:
//! exact, case-folded, UTS #39 skeleton, and nearest by edit distance through a trigram index, so
//! checking N names against a catalog of M costs about N lookups, not N × M distance computations.

use std::cell::RefCell;
use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::chars::skeleton;

/// NFC, then lower case: the "same name except for case" key.
pub fn fold(s: &str) -> String {
    s.nfc().flat_map(char::to_lowercase).collect()
}

type Trigram = u64;

fn trigrams(chars: &[char]) -> impl Iterator<Item = Trigram> + '_ {
    // Padded with U+0002/U+0003 so short names and word edges have trigrams too.
    let padded = std::iter::once('\u{2}')
        .chain(chars.iter().copied())
        .chain(std::iter::once('\u{3}'));
    let v: Vec<char> = padded.collect();
    (0..v.len().saturating_sub(2))
        .map(move |i| ((v[i] as u64) << 42) | ((v[i + 1] as u64) << 21) | v[i + 2] as u64)
}

/// How many postings one nearest-name lookup may walk before it stops widening (rarest
/// trigrams first, so the budget goes where it discriminates).
const POSTING_BUDGET: usize = 1024;
/// How many trigram-ranked candidates get an exact edit distance.
const CANDIDATES: usize = 24;
/// Cells of edit-distance tables one lookup may fill: `CANDIDATES` distances between names of
/// 64 characters (real names are tens). Without it one 4,096-character name against a catalog
/// of alike 4,096-character entries cost 24 tables of 16.8M cells, seconds per name.
pub const DISTANCE_CELL_BUDGET: usize = CANDIDATES * 64 * 64;

/// What one nearest-name lookup cost, counted (time-free, so tests can bound it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NearestWork {
    /// Trigram postings walked: at most `POSTING_BUDGET`.
    pub postings: usize,
    /// Edit-distance table cells filled: at most `DISTANCE_CELL_BUDGET`.
    pub cells: usize,
}

impl NearestWork {
    pub const MAX_POSTINGS: usize = POSTING_BUDGET;
    pub const MAX_CELLS: usize = DISTANCE_CELL_BUDGET;
}

pub struct CatalogIndex {
    names: Vec<String>,
    exact: HashMap<String, usize>,
    folded: HashMap<String, Vec<usize>>,
    skeletons: HashMap<String, Vec<usize>>,
    /// Each entry's folded text and its length in chars.
    keys: Vec<(String, usize)>,
    grams: HashMap<Trigram, Vec<u32>>,
    longest_key: usize,
    /// Scratch for `nearest`: shared-trigram counts per entry, and the entries touched.
    scratch: RefCell<(Vec<u32>, Vec<u32>)>,
}

impl CatalogIndex {
    pub fn new(names: &[String]) -> Self {
        let mut index = CatalogIndex {
            names: names.to_vec(),
            exact: HashMap::with_capacity(names.len()),
            folded: HashMap::with_capacity(names.len()),
            skeletons: HashMap::with_capacity(names.len()),
            keys: Vec::with_capacity(names.len()),
            grams: HashMap::new(),
            longest_key: 0,
            scratch: RefCell::new((vec![0; names.len()], Vec::new())),
        };
        for (i, name) in names.iter().enumerate() {
            index.exact.entry(name.clone()).or_insert(i);
            let key = fold(name);
            index.folded.entry(key.clone()).or_default().push(i);
            index.skeletons.entry(skeleton(name)).or_default().push(i);
            let chars: Vec<char> = key.chars().collect();
            let mut seen: Vec<Trigram> = trigrams(&chars).collect();
            seen.sort_unstable();
            seen.dedup();
            for g in seen {
                index.grams.entry(g).or_default().push(i as u32);
            }
            index.longest_key = index.longest_key.max(chars.len());
            index.keys.push((key, chars.len()));
        }
        index
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn name(&self, i: usize) -> &str {
        &self.names[i]
    }

    pub fn contains(&self, s: &str) -> bool {
        self.exact.contains_key(s)
    }

    /// Catalog entries equal to `s` except for case (never `s` itself).
    pub fn same_but_case(&self, s: &str) -> Vec<usize> {
        self.others(self.folded.get(&fold(s)), s)
    }

    /// Catalog entries with the same UTS #39 skeleton as `s` (never `s` itself).
    pub fn same_skeleton(&self, s: &str) -> Vec<usize> {
        self.others(self.skeletons.get(&skeleton(s)), s)
    }

    fn others(&self, hits: Option<&Vec<usize>>, s: &str) -> Vec<usize> {
        hits.map(|v| v.iter().copied().filter(|&i| self.names[i] != s).collect())
            .unwrap_or_default()
    }

    /// Up to `limit` catalog entries near `s`, best first: small edit distance after case folding,
    /// ties in catalog order. Names too far from every entry get none.
    pub fn nearest(&self, s: &str, limit: usize) -> Vec<usize> {
        self.nearest_counted(s, limit).0
    }

    /// As `nearest`, with the work it took. The work is bounded whatever the text and the
    /// catalog: at most `POSTING_BUDGET` postings and `DISTANCE_CELL_BUDGET` distance cells
    /// (candidates past the cell budget are not scored: a name that long has no useful "nearest").
    pub fn nearest_counted(&self, s: &str, limit: usize) -> (Vec<usize>, NearestWork) {
        let mut work = NearestWork::default();
        let query_text = fold(s);
        let query: Vec<char> = query_text.chars().collect();
        if query.is_empty() || query.len() > self.longest_key * 2 + 8 {
            return (Vec::new(), work);
        }
        let mut grams: Vec<Trigram> = trigrams(&query).collect();
        grams.sort_unstable();
        grams.dedup();
        let mut lists: Vec<&Vec<u32>> = grams.iter().filter_map(|g| self.grams.get(g)).collect();
        lists.sort_by_key(|l| l.len());
        // Query trigrams the shared counts cover: those no entry has, plus the lists walked.
        let mut counted = grams.len() - lists.len();
        let mut scratch = self.scratch.borrow_mut();
        let (counts, touched) = &mut *scratch;
        let mut walked = 0;
        for list in lists {
            // A list that would blow the budget is a common trigram ("app"): it says little,
            // and walking it would cost a scan of much of the catalog.
            if !touched.is_empty() && walked + list.len() > POSTING_BUDGET {
                break;
            }
            // Even the rarest of the query's trigrams may be in every entry: then only its
            // first entries (catalog order, as ties go) are walked.
            let list = &list[..list.len().min(POSTING_BUDGET - walked)];
            walked += list.len();
            counted += 1;
            for &i in list {
                if counts[i as usize] == 0 {
                    touched.push(i);
                }
                counts[i as usize] += 1;
            }
        }
        let mut ranked: Vec<(u32, u32)> =
            touched.iter().map(|&i| (i, counts[i as usize])).collect();
        for &i in touched.iter() {
            counts[i as usize] = 0;
        }
        touched.clear();
        drop(scratch);
        let order = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > CANDIDATES {
            ranked.select_nth_unstable_by(CANDIDATES, order);
            ranked.truncate(CANDIDATES);
        }
        ranked.sort_unstable_by(order);
        work.postings = walked;
        let mut scored: Vec<(usize, usize)> = Vec::new();
        for (i, shared) in ranked {
            let (key, key_len) = &self.keys[i as usize];
            let allowed = (query.len().max(*key_len) / 3).max(2);
            // Each edit changes at most three of the query's trigrams (q-gram lemma), so
            // too few shared trigrams already rule the entry out.
            let lower_bound = (counted.saturating_sub(shared as usize)).div_ceil(3);
            if query.len().abs_diff(*key_len) > allowed || lower_bound > allowed {
                continue;
            }
            let cells = query.len().saturating_mul(*key_len);
            if work.cells.saturating_add(cells) > DISTANCE_CELL_BUDGET {
                continue;
            }
            work.cells += cells;
            // Optimal string alignment: edits plus adjacent swaps ("Andriod"), without the
            // per-call hash map of the unrestricted Damerau–Levenshtein distance.
            let d = strsim::osa_distance(&query_text, key);
            if d <= allowed {
                scored.push((d, i as usize));
            }
        }
        scored.sort_unstable();
        (
            scored.into_iter().take(limit).map(|(_, i)| i).collect(),
            work,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Vec<String> {
        [
            "Acme iOS",
            "Acme Android",
            "Acme Web",
            "Zeta Pay",
            "ACME IOS",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn lookups() {
        let names = catalog();
        let index = CatalogIndex::new(&names);
        assert!(index.contains("Acme iOS"));
        assert!(!index.contains("acme ios"));
        assert_eq!(index.same_but_case("acme ios"), vec![0, 4]);
        assert_eq!(index.same_but_case("Acme iOS"), vec![4]);
        assert_eq!(index.same_skeleton("Acme i0S"), vec![0]);
    }

    #[test]
    fn nearest_ranks_by_edit_distance() {
        let names = catalog();
        let index = CatalogIndex::new(&names);
        let got: Vec<&str> = index
            .nearest("Acme Andriod", 3)
            .into_iter()
            .map(|i| index.name(i))
            .collect();
        assert_eq!(got, ["Acme Android"]);
        let got: Vec<&str> = index
            .nearest("acme wep", 3)
            .into_iter()
            .map(|i| index.name(i))
            .collect();
        assert_eq!(got[0], "Acme Web");
        assert!(index.nearest("Completely unrelated", 3).is_empty());
        assert!(index.nearest(&"x".repeat(100_000), 3).is_empty());
    }
}
