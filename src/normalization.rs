//! Canonical normalization (NFD, NFC) and the UTS #39 skeleton, with only the tables they need.
//!
//! The same results as `unicode-normalization`'s `nfd()`/`nfc()`/`is_nfc` and
//! `unicode-security`'s `skeleton` (tests/normalization.rs compares them on every character and
//! on generated strings), built from those crates' per-character functions: their iterators
//! choose canonical or compatibility decomposition at run time, which keeps the compatibility
//! tables in the wasm although no check uses them, and the confusables table is kept here in a
//! packed form made by `build.rs` (each character's skeleton, as one string).

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
pub use unicode_normalization::{is_nfc_quick, IsNormalized};

include!(concat!(env!("OUT_DIR"), "/skeletons.rs"));

/// The canonical decomposition of `chars`, in canonical order (NFD).
pub fn nfd(chars: impl Iterator<Item = char>) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.size_hint().0);
    nfd_into(chars, &mut out);
    out
}

/// `nfd` into `out` (cleared first), so that a caller reuses one buffer and sizes it.
fn nfd_into(chars: impl Iterator<Item = char>, out: &mut Vec<char>) {
    out.clear();
    // Where the run of non-starters being ordered begins.
    let mut run = 0;
    for c in chars {
        decompose_canonical(c, |d| {
            let class = canonical_combining_class(d);
            if class == 0 {
                out.push(d);
                run = out.len();
            } else {
                // Stable: after every mark of a lower or the same class.
                let mut at = out.len();
                while at > run && canonical_combining_class(out[at - 1]) > class {
                    at -= 1;
                }
                out.insert(at, d);
            }
        });
    }
}

/// The canonical composition of NFD text (`nfd`'s output): NFC.
fn compose_nfd(decomposed: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(decomposed.len());
    // The starter being composed, the marks kept after it, and the class of the last kept one.
    let mut composee: Option<char> = None;
    let mut kept: Vec<char> = Vec::new();
    let mut last_class: Option<u8> = None;
    for &c in decomposed {
        let class = canonical_combining_class(c);
        let Some(k) = composee else {
            if class == 0 {
                composee = Some(c);
            } else {
                out.push(c);
            }
            continue;
        };
        // A mark after a kept mark of the same or a higher class is blocked.
        let blocked = last_class.is_some_and(|last| last >= class);
        if !blocked {
            if let Some(r) = compose(k, c) {
                composee = Some(r);
                continue;
            }
        }
        if class == 0 {
            out.push(k);
            out.append(&mut kept);
            composee = Some(c);
            last_class = None;
        } else {
            kept.push(c);
            last_class = Some(class);
        }
    }
    out.extend(composee);
    out.append(&mut kept);
    out
}

/// `.nfc()` on text, as `unicode_normalization::UnicodeNormalization` has it.
pub trait Nfc {
    fn nfc(self) -> std::vec::IntoIter<char>;
}

impl Nfc for &str {
    fn nfc(self) -> std::vec::IntoIter<char> {
        compose_nfd(&nfd(self.chars())).into_iter()
    }
}

/// Whether `s` is in NFC (the quick check first, then a comparison with its NFC).
pub fn is_nfc(s: &str) -> bool {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => s.chars().eq(s.nfc()),
    }
}

/// The skeleton of a character that NFD leaves alone, where it is not the character itself
/// (an empty one for a default-ignorable character). The table's layout: see `build.rs`.
fn char_skeleton(c: char) -> Option<&'static str> {
    let code = c as u32;
    let d = SKELETON_DROPPED.partition_point(|&(first, _)| first <= code);
    if d > 0 && code <= SKELETON_DROPPED[d - 1].1 {
        return Some("");
    }
    SKELETONS.get(code)
}

/// The UTS #39 skeleton of `s`: NFD, each character's prototype (default-ignorable characters
/// dropped), NFD again. The table holds each character's skeleton, which is the NFD of its
/// prototype; NFD of the pieces' NFDs is the NFD of the pieces.
pub fn skeleton(s: &str) -> String {
    // Each buffer sized once: a name's NFD and skeleton are about as many characters as it has
    // bytes or fewer (a character's UTF-8 is one to four bytes).
    let mut decomposed: Vec<char> = Vec::with_capacity(s.len());
    nfd_into(s.chars(), &mut decomposed);
    let mut mapped: Vec<char> = Vec::with_capacity(decomposed.len() + 4);
    for &c in &decomposed {
        match char_skeleton(c) {
            Some(p) => mapped.extend(p.chars()),
            None => mapped.push(c),
        }
    }
    nfd_into(mapped.iter().copied(), &mut decomposed);
    let mut out = String::with_capacity(s.len());
    out.extend(decomposed.iter());
    out
}
