//! The catalog of exact names (Luciq apps, role values) indexed for the lookups the checks make:
//! exact, case-folded, UTS #39 skeleton, and nearest by edit distance through a single-deletion
//! index (names one edit away) and a trigram index (farther ones), so checking N names against a
//! catalog of M costs about N lookups, not N × M distance computations.
//!
//! Only the exact lookup is built with the index; the others are built the first time a name
//! needs them, so a list of exact names never pays for them.

use std::cell::{OnceCell, RefCell};

use crate::normalization::{is_nfc_quick, IsNormalized, Nfc as _};
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::chars::{skeleton, skeleton_into};
use super::distance::{OsaPattern, MAX_PATTERN};
use super::first::FirstSeen;

/// NFC, then lower case: the "same name except for case" key.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// `fold(s)` in `out` (cleared first), so that a caller reuses one buffer.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    // ASCII is its own NFC, and its lower case is ASCII's.
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    let mut lower = |c: char| {
        // An ASCII letter's lower case without the table search `to_lowercase` does.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    };
    if surely_nfc(s) {
        s.chars().for_each(&mut lower);
    } else {
        s.nfc().for_each(&mut lower);
    }
}

/// Text the NFC quick check (a table lookup per character) finds normalized: NFC leaves it as it
/// is, so it need not be decomposed and composed again. `false` means "maybe not".
pub(crate) fn surely_nfc(s: &str) -> bool {
    // Below U+0300 every character is NFC_QC=Yes with combining class 0 (a test checks it), and
    // text of those is UTF-8 with every byte below 0xCC (U+0300 is CC 80).
    s.bytes().all(|b| b < 0xCC) || is_nfc_quick(s.chars()) == IsNormalized::Yes
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

/// How many postings one nearest-name lookup may walk, deletion rows and trigram postings
/// together (rarest trigrams first, so the budget goes where it discriminates).
const POSTING_BUDGET: usize = 1024;
/// How many trigram-ranked candidates get an exact edit distance.
const CANDIDATES: usize = 24;
/// Cells of edit-distance tables one lookup may fill: `CANDIDATES` distances between names of
/// 64 characters (real names are tens). Without it one 4,096-character name against a catalog
/// of alike 4,096-character entries cost 24 tables of 16.8M cells, seconds per name.
pub const DISTANCE_CELL_BUDGET: usize = CANDIDATES * 64 * 64;
/// Keys (folded catalog names) of at most this many characters are in the deletion index, so
/// a query of fewer finds every key one edit away there.
const DELETION_KEY_MAX: usize = MAX_PATTERN;

/// What one nearest-name lookup cost, counted (time-free, so tests can bound it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NearestWork {
    /// Deletion-index rows and trigram postings walked: at most `POSTING_BUDGET`.
    pub postings: usize,
    /// Edit-distance table cells filled (query × key characters per distance, whichever way it
    /// is computed): at most `DISTANCE_CELL_BUDGET`.
    pub cells: usize,
}

impl NearestWork {
    pub const MAX_POSTINGS: usize = POSTING_BUDGET;
    pub const MAX_CELLS: usize = DISTANCE_CELL_BUDGET;
}

/// The case-folded lookup, and each entry's folded text with its length in chars.
struct Folded {
    map: FxHashMap<String, Vec<usize>>,
    keys: Vec<(String, usize)>,
    longest_key: usize,
}

impl Folded {
    fn with_capacity(n: usize) -> Self {
        Folded {
            map: FxHashMap::with_capacity_and_hasher(n, FxBuildHasher),
            keys: Vec::with_capacity(n),
            longest_key: 0,
        }
    }

    fn add(&mut self, i: usize, name: &str) {
        let key = fold(name);
        let len = key.chars().count();
        self.map.entry(key.clone()).or_default().push(i);
        self.longest_key = self.longest_key.max(len);
        self.keys.push((key, len));
    }
}

fn add_skeleton(map: &mut FxHashMap<String, Vec<usize>>, i: usize, name: &str) {
    map.entry(skeleton(name)).or_default().push(i);
}

fn add_grams(
    grams: &mut FxHashMap<Trigram, Vec<u32>>,
    chars: &mut Vec<char>,
    seen: &mut Vec<Trigram>,
    i: usize,
    key: &str,
) {
    chars.clear();
    chars.extend(key.chars());
    seen.clear();
    seen.extend(trigrams(chars));
    seen.sort_unstable();
    seen.dedup();
    for &g in seen.iter() {
        grams.entry(g).or_default().push(i as u32);
    }
}

/// The lazy tables part built by `CatalogIndex::warm`: the stage (0 folded, 1 skeletons,
/// 2 trigrams, 3 deletions counted, 4 deletions placed, 5 done), the next entry, and the
/// stage's table so far.
#[derive(Default)]
struct Warming {
    stage: u8,
    at: usize,
    folded: Option<Folded>,
    skeletons: FxHashMap<String, Vec<usize>>,
    grams: FxHashMap<Trigram, Vec<u32>>,
    deletions: Option<DeletionsBuild>,
    chars: Vec<char>,
    seen: Vec<Trigram>,
}

impl Warming {
    fn next(&mut self) {
        self.stage += 1;
        self.at = 0;
    }
}

/// Every key (of at most `DELETION_KEY_MAX` chars) and every text made by deleting one of its
/// characters, as 32-bit hashes with the entry, grouped by the hash's first bits: `dir[b]` is
/// where the rows whose hash starts with the bits `b` begin. A query one edit from a key shares one of these texts
/// with it (a swap of neighbours too: delete the same character from both).
struct Deletions {
    rows: Vec<(u32, u32)>,
    dir: Vec<u32>,
    shift: u32,
}

const HASH_BASE: u64 = 0x9E37_79B9_7F4A_7C15;

fn finish_hash(h: u64, len: usize) -> u32 {
    ((h ^ (len as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93)).wrapping_mul(0xFF51_AFD7_ED55_8CCD)
        >> 32) as u32
}

/// The hash of `chars` and of `chars` with each one character deleted, in order: a polynomial
/// hash from prefix and suffix sums, so all of them cost O(len).
fn deletion_hashes(chars: &[char], mut each: impl FnMut(u32)) {
    let n = chars.len();
    // Keys and queries past `DELETION_KEY_MAX` are not in the index (`add`, `nearest_folded`),
    // so the prefixes fit on the stack.
    debug_assert!(n <= DELETION_KEY_MAX);
    if n > DELETION_KEY_MAX {
        return;
    }
    let mut pre = [0u64; DELETION_KEY_MAX + 1];
    let mut h = 0u64;
    for (i, &c) in chars.iter().enumerate() {
        h = h.wrapping_mul(HASH_BASE).wrapping_add(c as u64);
        pre[i + 1] = h;
    }
    each(finish_hash(h, n));
    // suf = sum over j > i of chars[j] * BASE^(n-1-j); pow = BASE^(n-1-i).
    let mut suf = 0u64;
    let mut pow = 1u64;
    for i in (0..n).rev() {
        each(finish_hash(
            pre[i].wrapping_mul(pow).wrapping_add(suf),
            n - 1,
        ));
        suf = suf.wrapping_add((chars[i] as u64).wrapping_mul(pow));
        pow = pow.wrapping_mul(HASH_BASE);
    }
}

impl Deletions {
    fn new(keys: &[(String, usize)]) -> Self {
        let mut build = DeletionsBuild::new(keys);
        for key in keys {
            build.count(key);
        }
        build.counted();
        for (i, key) in keys.iter().enumerate() {
            build.place(i, key);
        }
        build.finish()
    }

    /// Where in `rows` the bucket `h` falls in starts and ends (the caller compares the hash).
    fn range(&self, h: u32) -> (u32, u32) {
        let b = (h >> self.shift) as usize;
        (self.dir[b], self.dir[b + 1])
    }
}

/// `Deletions` built in two passes over the keys, each of which may be taken a few keys at a
/// time (`CatalogIndex::warm`): each key's hashes computed and the rows per bucket counted, then
/// each row put in its place (a counting sort; within a bucket rows are in entry order). The
/// number of rows, and so of buckets, is known from the keys' lengths at the start.
struct DeletionsBuild {
    dir: Vec<u32>,
    /// Where the next row of each bucket goes (from `counted` on).
    next: Vec<u32>,
    /// Each key's hashes, in entry order (`count`), then read again (`place`, up to `placed`).
    hashes: Vec<u32>,
    placed: usize,
    rows: Vec<(u32, u32)>,
    shift: u32,
    chars: Vec<char>,
}

impl DeletionsBuild {
    fn new(keys: &[(String, usize)]) -> Self {
        // A key of n characters (at most `DELETION_KEY_MAX`) has n + 1 rows: itself and each
        // deletion.
        let rows: usize = keys
            .iter()
            .filter(|k| k.1 <= DELETION_KEY_MAX)
            .map(|k| k.1 + 1)
            .sum();
        let bits = (usize::BITS - rows.leading_zeros()).clamp(4, 24);
        DeletionsBuild {
            dir: vec![0; (1 << bits) + 1],
            next: Vec::new(),
            hashes: Vec::with_capacity(rows),
            placed: 0,
            rows: Vec::new(),
            shift: 32 - bits,
            chars: Vec::new(),
        }
    }

    /// The first pass, a key at a time, in entry order.
    fn count(&mut self, key: &(String, usize)) {
        if key.1 > DELETION_KEY_MAX {
            return;
        }
        self.chars.clear();
        self.chars.extend(key.0.chars());
        let (dir, hashes, shift) = (&mut self.dir, &mut self.hashes, self.shift);
        deletion_hashes(&self.chars, |h| {
            hashes.push(h);
            dir[(h >> shift) as usize + 1] += 1;
        });
    }

    /// Between the passes: where each bucket starts.
    fn counted(&mut self) {
        for b in 1..self.dir.len() {
            self.dir[b] += self.dir[b - 1];
        }
        self.next = self.dir.clone();
        self.rows = vec![(0, 0); self.hashes.len()];
    }

    /// The second pass, entry `i` at a time, in entry order.
    fn place(&mut self, i: usize, key: &(String, usize)) {
        if key.1 > DELETION_KEY_MAX {
            return;
        }
        let from = self.placed;
        self.placed += key.1 + 1;
        for &h in &self.hashes[from..self.placed] {
            let at = &mut self.next[(h >> self.shift) as usize];
            self.rows[*at as usize] = (h, i as u32);
            *at += 1;
        }
    }

    fn finish(self) -> Deletions {
        Deletions {
            rows: self.rows,
            dir: self.dir,
            shift: self.shift,
        }
    }
}

/// The OSA distance from `query` to `key` when it is 0 or 1, else 2 (for "more than one"): with
/// their common beginning and end taken off, one edit leaves one character against one, or
/// none, or two swapped. No table and no pattern: a linear pass from each end.
fn one_edit_distance(query: &[char], key: &str) -> usize {
    let head = query
        .iter()
        .zip(key.chars())
        .take_while(|(a, b)| *a == b)
        .count();
    let key_len = key.chars().count();
    if head == query.len() && head == key_len {
        return 0;
    }
    let room = query.len().min(key_len) - head;
    let tail = query[head..]
        .iter()
        .rev()
        .zip(key.chars().rev())
        .take(room)
        .take_while(|(a, b)| *a == b)
        .count();
    let a = &query[head..query.len() - tail];
    let mut b = key.chars().skip(head).take(key_len - head - tail);
    match (a, b.next(), b.next(), b.next()) {
        ([_], Some(_), None, _) | ([], Some(_), None, _) | ([_], None, _, _) => 1,
        ([x, y], Some(p), Some(q), None) if *x == q && *y == p => 1,
        _ => 2,
    }
}

/// The distance from the query to `key` when it is at most `allowed`. Keys whose length alone
/// rules them out cost nothing; a distance that would take the cells past the budget is not
/// computed.
fn within(
    query_len: usize,
    key: &str,
    key_len: usize,
    allowed: usize,
    distance: &dyn Fn(&str) -> usize,
    work: &mut NearestWork,
) -> Option<usize> {
    if query_len.abs_diff(key_len) > allowed {
        return None;
    }
    let cells = query_len.saturating_mul(key_len);
    if work.cells.saturating_add(cells) > DISTANCE_CELL_BUDGET {
        return None;
    }
    work.cells += cells;
    Some(distance(key)).filter(|&d| d <= allowed)
}

pub struct CatalogIndex {
    names: Vec<String>,
    exact: FirstSeen,
    folded: OnceCell<Folded>,
    skeletons: OnceCell<FxHashMap<String, Vec<usize>>>,
    grams: OnceCell<FxHashMap<Trigram, Vec<u32>>>,
    deletions: OnceCell<Deletions>,
    /// The tables above built a slice at a time (`warm`), before they are set.
    warming: RefCell<Warming>,
    /// Scratch for `nearest`: shared-trigram counts per entry, the entries touched, and the
    /// entries one edit away (`one_edit`).
    scratch: RefCell<(Vec<u32>, Vec<u32>, Vec<u32>)>,
    /// Scratch for `same_skeleton`: the text's skeleton.
    skeleton_buffer: RefCell<String>,
}

impl CatalogIndex {
    pub fn new(names: &[String]) -> Self {
        let names = names.to_vec();
        let mut exact = FirstSeen::with_capacity(names.len());
        for i in 0..names.len() {
            exact.first_or_insert(i, &names, i as u32);
        }
        CatalogIndex {
            names,
            exact,
            folded: OnceCell::new(),
            skeletons: OnceCell::new(),
            grams: OnceCell::new(),
            deletions: OnceCell::new(),
            warming: RefCell::new(Warming::default()),
            scratch: RefCell::new((Vec::new(), Vec::new(), Vec::new())),
            skeleton_buffer: RefCell::default(),
        }
    }

    /// Builds the tables a name not in the catalog needs (folded, skeletons, trigrams,
    /// deletions) for up to `budget` entries more; `true` once all are built. A check taken in
    /// slices calls it so that no slice builds a whole table of a large catalog (100 ms and more
    /// in wasm for 10,000 entries). The tables are the ones the lookups would build on first use.
    pub fn warm(&self, budget: usize) -> bool {
        let mut w = self.warming.borrow_mut();
        let mut left = budget.max(1);
        let n = self.names.len();
        loop {
            match w.stage {
                0 if self.folded.get().is_some() => w.next(),
                0 => {
                    let (at, end) = (w.at, (w.at + left).min(n));
                    let f = w.folded.get_or_insert_with(|| Folded::with_capacity(n));
                    for i in at..end {
                        f.add(i, &self.names[i]);
                    }
                    left -= end - w.at;
                    w.at = end;
                    if end == n {
                        let f = w.folded.take().unwrap_or_else(|| Folded::with_capacity(0));
                        let _ = self.folded.set(f);
                        w.next();
                    }
                }
                1 if self.skeletons.get().is_some() => w.next(),
                1 => {
                    let end = (w.at + left).min(n);
                    for i in w.at..end {
                        add_skeleton(&mut w.skeletons, i, &self.names[i]);
                    }
                    left -= end - w.at;
                    w.at = end;
                    if end == n {
                        let _ = self.skeletons.set(std::mem::take(&mut w.skeletons));
                        w.next();
                    }
                }
                2 if self.grams.get().is_some() => w.next(),
                2 => {
                    let keys = &self.folded().keys;
                    let (at, end) = (w.at, (w.at + left).min(n));
                    let Warming {
                        grams, chars, seen, ..
                    } = &mut *w;
                    for (i, key) in keys.iter().enumerate().take(end).skip(at) {
                        add_grams(grams, chars, seen, i, &key.0);
                    }
                    left -= end - w.at;
                    w.at = end;
                    if end == n {
                        let _ = self.grams.set(std::mem::take(&mut w.grams));
                        w.next();
                    }
                }
                3 | 4 if self.deletions.get().is_some() => {
                    w.deletions = None;
                    w.stage = 4;
                    w.next();
                }
                3 | 4 => {
                    let keys = &self.folded().keys;
                    let (at, end) = (w.at, (w.at + left).min(n));
                    left -= end - at;
                    w.at = end;
                    let counting = w.stage == 3;
                    let build = w.deletions.get_or_insert_with(|| DeletionsBuild::new(keys));
                    for (i, key) in keys.iter().enumerate().take(end).skip(at) {
                        if counting {
                            build.count(key);
                        } else {
                            build.place(i, key);
                        }
                    }
                    if end == n {
                        if counting {
                            build.counted();
                        } else if let Some(build) = w.deletions.take() {
                            let _ = self.deletions.set(build.finish());
                        }
                        w.next();
                    }
                }
                _ => return true,
            }
            if left == 0 {
                return w.stage > 4;
            }
        }
    }

    /// The entries whose tables for names not in the catalog are still to be built: none once
    /// `warm_done`, all of them before.
    pub fn cold_entries(&self) -> usize {
        if self.warm_done() {
            0
        } else {
            self.names.len()
        }
    }

    /// Every table `warm` builds is built.
    pub fn warm_done(&self) -> bool {
        self.warming.borrow().stage > 4
            || (self.folded.get().is_some()
                && self.skeletons.get().is_some()
                && self.grams.get().is_some()
                && self.deletions.get().is_some())
    }

    fn folded(&self) -> &Folded {
        self.folded.get_or_init(|| {
            let mut f = Folded::with_capacity(self.names.len());
            for (i, name) in self.names.iter().enumerate() {
                f.add(i, name);
            }
            f
        })
    }

    fn skeletons(&self) -> &FxHashMap<String, Vec<usize>> {
        self.skeletons.get_or_init(|| {
            let mut map = FxHashMap::with_capacity_and_hasher(self.names.len(), FxBuildHasher);
            for (i, name) in self.names.iter().enumerate() {
                add_skeleton(&mut map, i, name);
            }
            map
        })
    }

    fn grams(&self) -> &FxHashMap<Trigram, Vec<u32>> {
        self.grams.get_or_init(|| {
            let mut grams: FxHashMap<Trigram, Vec<u32>> = FxHashMap::default();
            let mut chars: Vec<char> = Vec::new();
            let mut seen: Vec<Trigram> = Vec::new();
            for (i, (key, _)) in self.folded().keys.iter().enumerate() {
                add_grams(&mut grams, &mut chars, &mut seen, i, key);
            }
            grams
        })
    }

    fn deletions(&self) -> &Deletions {
        self.deletions
            .get_or_init(|| Deletions::new(&self.folded().keys))
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn name(&self, i: usize) -> &str {
        &self.names[i]
    }

    pub fn contains(&self, s: &str) -> bool {
        self.exact.get(s, &self.names).is_some()
    }

    /// Catalog entries equal to `s` except for case (never `s` itself).
    pub fn same_but_case(&self, s: &str) -> Vec<usize> {
        self.same_but_case_folded(&fold(s), s)
    }

    /// `same_but_case` of `s` whose `fold` is `key`, folded before.
    pub fn same_but_case_folded(&self, key: &str, s: &str) -> Vec<usize> {
        self.others(self.folded().map.get(key), s)
    }

    /// Catalog entries with the same UTS #39 skeleton as `s` (never `s` itself).
    pub fn same_skeleton(&self, s: &str) -> Vec<usize> {
        let skeletons = self.skeletons();
        let mut buffer = self.skeleton_buffer.borrow_mut();
        skeleton_into(s, &mut buffer);
        self.others(skeletons.get(buffer.as_str()), s)
    }

    fn others(&self, hits: Option<&Vec<usize>>, s: &str) -> Vec<usize> {
        hits.map(|v| v.iter().copied().filter(|&i| self.names[i] != s).collect())
            .unwrap_or_default()
    }

    /// Up to `limit` catalog entries near `s`, best first. The entries one edit (after case
    /// folding) from `s`, in catalog order, when there are any; else those at the smallest edit
    /// distance among the entries that share the most trigrams with `s`, ties in catalog order.
    /// Names too far from every entry get none.
    pub fn nearest(&self, s: &str, limit: usize) -> Vec<usize> {
        self.nearest_counted(s, limit).0
    }

    /// As `nearest`, with the work it took. The work is bounded whatever the text and the
    /// catalog: at most `POSTING_BUDGET` postings and `DISTANCE_CELL_BUDGET` distance cells
    /// (candidates past the cell budget are not scored: a name that long has no useful "nearest").
    pub fn nearest_counted(&self, s: &str, limit: usize) -> (Vec<usize>, NearestWork) {
        self.nearest_folded(&fold(s), limit)
    }

    /// `nearest_counted` of a text whose `fold` is `query_text`, folded before.
    pub fn nearest_folded(&self, query_text: &str, limit: usize) -> (Vec<usize>, NearestWork) {
        let mut work = NearestWork::default();
        let folded = self.folded();
        // The query's characters on the stack (names are tens of characters), on the heap past
        // `2 × MAX_PATTERN`.
        let mut stack = ['\0'; 2 * MAX_PATTERN];
        let mut on_stack = 0;
        let mut heap: Vec<char> = Vec::new();
        for c in query_text.chars() {
            if on_stack < stack.len() {
                stack[on_stack] = c;
                on_stack += 1;
            } else {
                if heap.is_empty() {
                    heap.extend_from_slice(&stack);
                }
                heap.push(c);
            }
        }
        let query: &[char] = if heap.is_empty() {
            &stack[..on_stack]
        } else {
            &heap
        };
        if query.is_empty() || query.len() > folded.longest_key * 2 + 8 {
            return (Vec::new(), work);
        }
        if query.len() < DELETION_KEY_MAX {
            let near = self.one_edit(
                query,
                &|key| one_edit_distance(query, key),
                &mut work,
                limit,
            );
            if !near.is_empty() {
                return (near, work);
            }
        }
        let pattern = OsaPattern::new(query);
        let distance = |key: &str| match &pattern {
            Some(p) => p.distance(key),
            None => strsim::osa_distance(query_text, key),
        };
        let mut grams: Vec<Trigram> = trigrams(query).collect();
        grams.sort_unstable();
        grams.dedup();
        let index = self.grams();
        let lists: Vec<&Vec<u32>> = grams.iter().filter_map(|g| index.get(g)).collect();
        // Shortest first, ties in trigram order: (length, position) pairs sorted, which is the
        // stable sort by length with the sort code the pairs below use already.
        let mut by_length: Vec<(usize, usize)> = lists
            .iter()
            .enumerate()
            .map(|(k, l)| (l.len(), k))
            .collect();
        by_length.sort_unstable();
        // Query trigrams the shared counts cover: those no entry has, plus the lists walked.
        let mut counted = grams.len() - lists.len();
        let mut scratch = self.scratch.borrow_mut();
        let (counts, touched, _) = &mut *scratch;
        if counts.len() != self.names.len() {
            *counts = vec![0; self.names.len()];
        }
        let budget = POSTING_BUDGET - work.postings;
        let mut walked = 0;
        for list in by_length.iter().map(|&(_, k)| lists[k]) {
            // A list that would blow the budget is a common trigram ("app"): it says little,
            // and walking it would cost a scan of much of the catalog.
            if !touched.is_empty() && walked + list.len() > budget {
                break;
            }
            // Even the rarest of the query's trigrams may be in every entry: then only its
            // first entries (catalog order, as ties go) are walked.
            let list = &list[..list.len().min(budget - walked)];
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
        work.postings += walked;
        let mut scored: Vec<(usize, usize)> = Vec::new();
        for (i, shared) in ranked {
            let (key, key_len) = &folded.keys[i as usize];
            let allowed = (query.len().max(*key_len) / 3).max(2);
            // Each edit changes at most three of the query's trigrams (q-gram lemma), so
            // too few shared trigrams already rule the entry out.
            let lower_bound = (counted.saturating_sub(shared as usize)).div_ceil(3);
            if lower_bound > allowed {
                continue;
            }
            if let Some(d) = within(query.len(), key, *key_len, allowed, &distance, &mut work) {
                scored.push((d, i as usize));
            }
        }
        scored.sort_unstable();
        (
            scored.into_iter().take(limit).map(|(_, i)| i).collect(),
            work,
        )
    }

    /// The first `limit` of the entries at most one edit from `query` (folded), by distance
    /// then catalog order: every one of them unless the posting or cell budget ran out first.
    fn one_edit(
        &self,
        query: &[char],
        distance: &dyn Fn(&str) -> usize,
        work: &mut NearestWork,
        limit: usize,
    ) -> Vec<usize> {
        let deletions = self.deletions();
        // In three passes, not one probe after another: the hashes, then where each bucket
        // starts and ends, then the rows. The loads of a pass do not wait on each other, so
        // the memory system fetches them together (the directory and the rows are megabytes
        // for a large catalog: each probe's two loads are cache misses).
        let mut hashes = [0u32; DELETION_KEY_MAX + 1];
        let mut n = 0;
        deletion_hashes(query, |h| {
            hashes[n] = h;
            n += 1;
        });
        let hashes = &hashes[..n];
        let mut ranges = [(0u32, 0u32); DELETION_KEY_MAX + 1];
        for (range, &h) in ranges.iter_mut().zip(hashes) {
            *range = deletions.range(h);
        }
        let mut scratch = self.scratch.borrow_mut();
        let candidates = &mut scratch.2;
        candidates.clear();
        for (&(from, to), &h) in ranges.iter().zip(hashes) {
            let room = POSTING_BUDGET - work.postings;
            let bucket = &deletions.rows[from as usize..to as usize];
            let bucket = &bucket[..bucket.len().min(room)];
            work.postings += bucket.len();
            candidates.extend(bucket.iter().filter(|r| r.0 == h).map(|r| r.1));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let keys = &self.folded().keys;
        let mut near = Vec::new();
        for &i in candidates.iter() {
            let (key, key_len) = &keys[i as usize];
            if let Some(d) = within(query.len(), key, *key_len, 1, distance, work) {
                near.push((d, i as usize));
            }
        }
        near.sort_unstable();
        near.truncate(limit);
        // Collected in place: the list's own allocation.
        near.into_iter().map(|(_, i)| i).collect()
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod one_edit_tests {
    use super::*;
    use proptest::prelude::*;

    fn clipped_osa(a: &str, b: &str) -> usize {
        strsim::osa_distance(a, b).min(2)
    }

    /// Every pair of texts over two letters up to five long: every kind of single edit at every
    /// place, repeats of a letter beside it included.
    #[test]
    fn one_edit_distance_is_osa_up_to_one_on_every_short_pair() {
        let texts: Vec<String> = (0..=5u32)
            .flat_map(|n| {
                (0..1u32 << n).map(move |bits| {
                    (0..n)
                        .map(|i| if bits >> i & 1 == 1 { 'b' } else { 'a' })
                        .collect()
                })
            })
            .collect();
        for a in &texts {
            let q: Vec<char> = a.chars().collect();
            for b in &texts {
                assert_eq!(one_edit_distance(&q, b), clipped_osa(a, b), "{a:?} {b:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn one_edit_distance_is_osa_up_to_one(a in "[abé ]{0,10}", b in "[abé ]{0,11}") {
            let q: Vec<char> = a.chars().collect();
            prop_assert_eq!(one_edit_distance(&q, &b), clipped_osa(&a, &b));
        }
    }
}

#[cfg(test)]
mod warm_tests {
    use super::*;

    /// Tables built a slice at a time answer as the tables built on first use, whatever the
    /// slices (and a lookup in the middle of warming takes over the table being built).
    #[test]
    fn warmed_tables_equal_the_lazy_ones() {
        let catalog: Vec<String> = (0..300)
            .map(|i| match i % 5 {
                0 => format!("Acme {i} iOS"),
                1 => format!("acme {i} IOS"),
                2 => format!("Zeta Pay {}", i / 7),
                3 => format!("Müller {i} Café"),
                _ => format!("Аcme {i} iOS"),
            })
            .collect();
        let queries: Vec<String> = (0..300)
            .flat_map(|i| {
                [
                    format!("acme {i} ios"),
                    format!("Acme {i} iOs"),
                    format!("Zeta Pya {}", i / 7),
                    format!("Muller {i} Cafe"),
                    format!("Acme {i} iOS"),
                ]
            })
            .collect();
        let lazy = CatalogIndex::new(&catalog);
        let answers = |index: &CatalogIndex| -> Vec<(Vec<usize>, Vec<usize>, Vec<usize>)> {
            queries
                .iter()
                .map(|q| {
                    (
                        index.same_but_case(q),
                        index.same_skeleton(q),
                        index.nearest(q, 3),
                    )
                })
                .collect()
        };
        let want = answers(&lazy);
        for budget in [1, 7, 64, 299, 300, 5000] {
            let warm = CatalogIndex::new(&catalog);
            let mut calls = 0;
            while !warm.warm(budget) {
                calls += 1;
                assert!(calls < 10_000);
            }
            assert!(warm.warm_done());
            assert_eq!(answers(&warm), want, "budget {budget}");
        }
        // A lookup midway: the stage's table is built whole by the lookup, warming goes on.
        let mid = CatalogIndex::new(&catalog);
        mid.warm(450);
        assert!(!mid.warm_done());
        assert_eq!(
            mid.same_but_case("acme 5 ios"),
            lazy.same_but_case("acme 5 ios")
        );
        while !mid.warm(100) {}
        assert_eq!(answers(&mid), want);
        // The deletions built by a lookup while warming counts them (entries 900 to 1,200 of
        // the warming) or places them (1,200 to 1,500).
        for at in [1_000, 1_350] {
            let mid = CatalogIndex::new(&catalog);
            mid.warm(at);
            assert!(!mid.warm_done());
            assert_eq!(mid.nearest("acme 7 iox", 3), lazy.nearest("acme 7 iox", 3));
            assert!(mid.warm(1), "every table built");
            assert_eq!(answers(&mid), want, "{at}");
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fold_tests {
    use super::*;

    #[test]
    fn surely_nfc_answers_without_doubt_for_nfc_text() {
        for nfc in ["Caf\u{E9} Pay", "\u{65E5}\u{672C}", "", "\u{2FF}"] {
            assert!(surely_nfc(nfc), "{nfc:?}");
        }
        assert!(!surely_nfc("e\u{301}"), "a mark that composes");
    }

    #[test]
    fn below_u0300_text_is_surely_nfc() {
        for c in (0..0x300u32).filter_map(char::from_u32) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
            assert!(c.encode_utf8(&mut [0; 4]).bytes().all(|b| b < 0xCC));
        }
        assert!(!'\u{300}'.encode_utf8(&mut [0; 4]).bytes().all(|b| b < 0xCC));
    }

    proptest::proptest! {
        /// `fold` is NFC then `char::to_lowercase`, its ASCII shortcuts aside.
        #[test]
        fn fold_is_nfc_then_lower_case(s in "[aZ é\u{301}\u{130}\u{3A3}ΣÅ\u{212B}İßẞ\u{1E9E}Ǆǅ]{0,12}") {
            let want: String = s.as_str().nfc().flat_map(char::to_lowercase).collect();
            proptest::prop_assert_eq!(fold(&s), want);
        }
    }
}
