//! Look-alike letters from another script inside a name (UTS #39 mixed-script confusables).
//!
//! A Cyrillic "а" in "Acmе" or a whole Cyrillic "Асме" next to the Latin "iOS" looks right and
//! is not. A name written wholly in one script ("Приложение", "日本語アプリ") and a name that
//! mixes whole words of different scripts ("Приложение iOS") are left alone.

use unicode_script::Script;
use unicode_security::MixedScript;

use super::chars::{
    block_letter, is_wordish_looked_up, real_script_looked_up, small, with_char_skeleton,
};

/// One letter that looks like a letter of the script around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookalike {
    /// Index into the name's chars.
    pub index: usize,
    pub script: Script,
    /// The script the letter pretends to be.
    pub expected: Script,
    /// The letter it stands in for, when that is a Latin letter.
    pub replacement: Option<String>,
}

const LATIN_ONLY_BELOW: u32 = 0x250;

fn is_wordish(c: char) -> bool {
    match small(c) {
        Some(small) => small.wordish,
        None => block_letter(c).is_some() || is_wordish_looked_up(c),
    }
}

fn real_script(c: char) -> Option<Script> {
    match small(c) {
        Some(small) => small.script,
        None => block_letter(c).or_else(|| real_script_looked_up(c)),
    }
}

/// Whether every character of `word` is of `script`: then the word is of a single script (each
/// character's Script_Extensions holds its Script, a test checks it of every character), and
/// UTS #39's resolved script set need not be built.
fn one_real_script(word: &[char], script: Script) -> bool {
    word.iter().all(|&c| real_script(c) == Some(script))
}

/// Letters per script, in the order the scripts first come: the first `FEW` on the stack (a
/// name has one or two scripts, a word one), any more on the heap.
struct Counts {
    few: [(Script, usize); FEW],
    len: usize,
    more: Vec<(Script, usize)>,
}

const FEW: usize = 4;

impl Counts {
    fn new() -> Self {
        Counts {
            few: [(Script::Unknown, 0); FEW],
            len: 0,
            more: Vec::new(),
        }
    }

    fn add(&mut self, s: Script) {
        let (few, more) = (&mut self.few[..self.len], &mut self.more);
        match few.iter_mut().chain(more.iter_mut()).find(|(t, _)| *t == s) {
            Some((_, n)) => *n += 1,
            None if self.len < FEW => {
                self.few[self.len] = (s, 1);
                self.len += 1;
            }
            None => self.more.push((s, 1)),
        }
    }

    fn iter(&self) -> impl Iterator<Item = &(Script, usize)> + '_ {
        self.few[..self.len].iter().chain(&self.more)
    }

    fn len(&self) -> usize {
        self.len + self.more.len()
    }

    /// The script, when there is exactly one.
    fn only(&self) -> Option<Script> {
        (self.len() == 1).then_some(self.few[0].0)
    }
}

fn majority(counts: &Counts, tie_break: Script) -> Option<Script> {
    let best = counts.iter().map(|&(_, n)| n).max()?;
    let mut winners = counts.iter().filter(|&&(_, n)| n == best).map(|&(s, _)| s);
    let first = winners.next()?;
    Some(if first == tie_break || winners.any(|s| s == tie_break) {
        tie_break
    } else {
        first
    })
}

/// The Latin letters or digits `c` stands in for: its UTS #39 prototype (from the table below
/// U+0500, else as `chars` keeps it), when that is ASCII letters and digits.
fn latin_replacement(c: char) -> Option<String> {
    with_char_skeleton(c, |proto| latin_of(c, proto))
}

/// `latin_replacement` of `c`, whose skeleton is `proto`.
fn latin_of(c: char, proto: &str) -> Option<String> {
    if proto.is_empty() || !proto.chars().all(|p| p.is_ascii_alphanumeric()) {
        return None;
    }
    // UTS #39 folds "I" onto the prototype "l"; an upper-case look-alike means "I".
    if proto == "l" && c.is_uppercase() {
        return Some("I".into());
    }
    Some(proto.into())
}

/// The look-alike letters in `chars`, in order.
pub fn find_lookalikes(chars: &[char]) -> Vec<Lookalike> {
    analyse(chars, true)
}

/// `find_lookalikes` without its shortcuts: the reference they are tested against.
#[cfg(test)]
fn find_lookalikes_full(chars: &[char]) -> Vec<Lookalike> {
    analyse(chars, false)
}

fn analyse(chars: &[char], fast: bool) -> Vec<Lookalike> {
    if chars.iter().all(char::is_ascii) {
        return Vec::new();
    }
    // Below U+0250 (Latin-1, Latin Extended-A and -B) every letter is Latin (a test checks it):
    // one script, so no look-alike, without looking scripts up.
    if fast && chars.iter().all(|&c| (c as u32) < LATIN_ONLY_BELOW) {
        return Vec::new();
    }
    let mut name_counts = Counts::new();
    for &c in chars {
        if let Some(s) = real_script(c).filter(|_| is_wordish(c)) {
            name_counts.add(s);
        }
    }
    // A look-alike is a letter of another script than its word's, or a word of another script
    // than the name's Latin: with the letters of one script only (a Latin name with accents, a
    // Japanese one) there is none, and no letter needs its UTS #39 prototype.
    if fast && name_counts.len() < 2 {
        return Vec::new();
    }
    let Some(name_majority) = majority(&name_counts, Script::Latin) else {
        return Vec::new();
    };
    let has_latin = name_counts.iter().any(|&(s, _)| s == Script::Latin);

    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_wordish(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_wordish(chars[i]) {
            i += 1;
        }
        let word = &chars[start..i];
        // A word of Latin letters only ("Notes" beside "さくら") is the Latin it looks like.
        if fast && word.iter().all(|&c| (c as u32) < LATIN_ONLY_BELOW) {
            continue;
        }
        let mut counts = Counts::new();
        for &c in word {
            if let Some(s) = real_script(c) {
                counts.add(s);
            }
        }
        let Some(word_majority) = majority(&counts, name_majority) else {
            continue;
        };
        let single = match counts.only() {
            Some(script) if fast && one_real_script(word, script) => true,
            _ => word.iter().collect::<String>().as_str().is_single_script(),
        };
        if single {
            // A whole word of look-alikes ("Асме") beside Latin words.
            // Each letter's prototype is looked up only when the word could be a look-alike.
            let all_lookalike = || {
                word.iter()
                    .filter(|c| real_script(**c).is_some())
                    .all(|&c| latin_replacement(c).is_some())
            };
            let eager = (!fast).then(all_lookalike);
            if word_majority != Script::Latin && has_latin && eager.unwrap_or_else(all_lookalike) {
                for (k, &c) in word.iter().enumerate() {
                    if let Some(s) = real_script(c) {
                        found.push(Lookalike {
                            index: start + k,
                            script: s,
                            expected: Script::Latin,
                            replacement: latin_replacement(c),
                        });
                    }
                }
            }
            continue;
        }
        for (k, &c) in word.iter().enumerate() {
            let Some(s) = real_script(c) else { continue };
            if s == word_majority {
                continue;
            }
            let replacement = if word_majority == Script::Latin {
                latin_replacement(c)
            } else {
                None
            };
            if replacement.is_some()
                || unicode_security::is_potential_mixed_script_confusable_char(c)
            {
                found.push(Lookalike {
                    index: start + k,
                    script: s,
                    expected: word_majority,
                    replacement,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_script::UnicodeScript;

    fn found(s: &str) -> Vec<(usize, Option<String>)> {
        let chars: Vec<char> = s.chars().collect();
        find_lookalikes(&chars)
            .into_iter()
            .map(|l| (l.index, l.replacement))
            .collect()
    }

    #[test]
    fn flags_a_cyrillic_letter_in_a_latin_word() {
        assert_eq!(found("Acm\u{435} iOS"), vec![(3, Some("e".into()))]);
        assert_eq!(found("\u{406}nstabug"), vec![(0, Some("I".into()))]);
    }

    #[test]
    fn flags_a_whole_lookalike_word_beside_latin() {
        // "Асе": every letter Cyrillic, every one a Latin look-alike.
        assert_eq!(found("\u{410}\u{441}\u{435} iOS").len(), 3);
        // "Асме": "м" has no Latin look-alike, so the word reads as Cyrillic.
        assert!(found("\u{410}\u{441}\u{43C}\u{435} iOS").is_empty());
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Names from Latin, accented Latin, Cyrillic and Greek look-alikes, Han and Kana letters,
        /// marks (U+30FC is a letter of Common script whose extensions are Hiragana and Katakana
        /// only: a word of one script with it is not single-script) and separators: the
        /// shortcuts find what the full analysis finds.
        #[test]
        fn the_shortcuts_find_the_same(
            name in "[aceopAIOlß éüаеорсІΑΟο日本カナ\u{301}\u{30FC}'\\-]{0,24}"
        ) {
            let chars: Vec<char> = name.chars().collect();
            proptest::prop_assert_eq!(find_lookalikes(&chars), find_lookalikes_full(&chars));
        }
    }

    #[test]
    fn below_u0250_every_script_is_latin_or_none() {
        for c in (0..LATIN_ONLY_BELOW).filter_map(char::from_u32) {
            assert!(
                matches!(real_script(c), None | Some(Script::Latin)),
                "{c:?}"
            );
        }
    }

    /// The single-script shortcut's premise: a character of a script of its own has that script among
    /// its Script_Extensions.
    #[test]
    fn every_script_is_among_its_extensions() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if let Some(s) = real_script_looked_up(c) {
                assert!(c.script_extension().contains_script(s), "{c:?}");
            }
        }
    }

    #[test]
    fn the_small_table_is_the_lookup() {
        for c in (0..0x510).filter_map(char::from_u32) {
            assert_eq!(is_wordish(c), is_wordish_looked_up(c), "{c:?}");
            assert_eq!(real_script(c), real_script_looked_up(c), "{c:?}");
        }
    }

    /// `Counts` of `pairs`, each script added as many times as it says, in turn.
    fn counts_of(pairs: &[(Script, usize)]) -> Counts {
        let mut counts = Counts::new();
        for &(s, n) in pairs {
            (0..n).for_each(|_| counts.add(s));
        }
        counts
    }

    #[test]
    fn the_majority_prefers_the_tie_break_among_equals_only() {
        use Script::{Cyrillic, Greek, Latin};
        let majority = |pairs: &[(Script, usize)], tie| majority(&counts_of(pairs), tie);
        assert_eq!(majority(&[(Cyrillic, 2), (Latin, 2)], Latin), Some(Latin));
        assert_eq!(majority(&[(Latin, 2), (Cyrillic, 2)], Latin), Some(Latin));
        assert_eq!(
            majority(&[(Cyrillic, 2), (Greek, 2)], Latin),
            Some(Cyrillic)
        );
        assert_eq!(
            majority(&[(Cyrillic, 3), (Latin, 2)], Latin),
            Some(Cyrillic)
        );
        assert_eq!(majority(&[], Latin), None);
        // Past the scripts kept on the stack: the first of the most still wins ties.
        let many = [
            (Script::Han, 1),
            (Greek, 1),
            (Script::Arabic, 2),
            (Script::Hebrew, 1),
            (Script::Thai, 2),
            (Cyrillic, 1),
        ];
        assert_eq!(majority(&many, Latin), Some(Script::Arabic));
        assert_eq!(majority(&many[..4], Latin), Some(Script::Arabic));
    }

    /// Scripts counted in the order they first come, the same whether they are kept on the
    /// stack or past it, and a script seen again counted where it was first put.
    #[test]
    fn counts_keep_order_and_tally_past_the_stack() {
        use Script::{Arabic, Cyrillic, Greek, Han, Hebrew, Latin, Thai};
        let mut counts = Counts::new();
        for s in [
            Latin, Greek, Han, Latin, Arabic, Hebrew, Thai, Hebrew, Cyrillic, Thai, Latin,
        ] {
            counts.add(s);
        }
        let got: Vec<(Script, usize)> = counts.iter().copied().collect();
        assert_eq!(
            got,
            [
                (Latin, 3),
                (Greek, 1),
                (Han, 1),
                (Arabic, 1),
                (Hebrew, 2),
                (Thai, 2),
                (Cyrillic, 1)
            ]
        );
        assert_eq!(counts.len(), 7);
        assert_eq!(counts.only(), None);
        assert_eq!(counts_of(&[(Greek, 3)]).only(), Some(Greek));
        assert_eq!(Counts::new().only(), None);
    }

    /// A word of Cyrillic look-alikes with U+30FC, beside a Latin word: not one script (U+30FC
    /// belongs to Hiragana and Katakana only), so not a whole look-alike word.
    #[test]
    fn a_common_letter_of_other_scripts_breaks_the_single_script_word() {
        assert!(found("\u{410}\u{441}\u{435}\u{30FC} iOS").is_empty());
        assert_eq!(found("\u{410}\u{441}\u{435} iOS").len(), 3);
        assert!(one_real_script(&['\u{41C}', '\u{43E}'], Script::Cyrillic));
        assert!(!one_real_script(&['\u{41C}', '\u{30FC}'], Script::Cyrillic));
    }

    #[test]
    fn leaves_single_script_words_alone() {
        assert!(found("Приложение iOS").is_empty());
        assert!(found("日本語アプリ").is_empty());
        assert!(found("Café Ünïcode").is_empty());
        assert!(found("Αθήνα").is_empty());
    }
}
