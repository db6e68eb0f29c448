//! What one character is, for the name checks, and how to name it in a message.
//!
//! Every property comes from a Unicode crate: White_Space from `char::is_whitespace`, general
//! categories and emoji properties from `unicode-properties`, scripts from `unicode-script`,
//! Default_Ignorable_Code_Point and confusable prototypes from `unicode-security` (the UTS #39
//! skeleton drops exactly the default-ignorable characters).

use crate::unicode_data::UnicodeGeneralCategory;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeEmoji};
use unicode_script::{Script, UnicodeScript};

include!(concat!(env!("OUT_DIR"), "/char_names.rs"));

/// The Unicode name of `c`, where the build kept it (see `build.rs`).
pub fn char_name(c: char) -> Option<&'static str> {
    CHAR_NAMES.get(c as u32)
}

/// "U+200B ZERO WIDTH SPACE", "\"A\" (U+0041)", "U+000A <control>", "U+E000 <private use>".
pub fn describe(c: char) -> String {
    let mut out = String::with_capacity(32);
    let label = match char_name(c) {
        Some(name) => name,
        None => match c.general_category() {
            GeneralCategory::Control => "<control>",
            GeneralCategory::Format => "<format>",
            GeneralCategory::Unassigned => "<unassigned>",
            GeneralCategory::PrivateUse => "<private use>",
            GeneralCategory::Surrogate => "<surrogate>",
            _ => {
                out.push('"');
                out.push(c);
                out.push_str("\" (");
                push_code_point(&mut out, c);
                out.push(')');
                return out;
            }
        },
    };
    push_code_point(&mut out, c);
    out.push(' ');
    out.push_str(label);
    out
}

/// "U+0041", "U+1F600": at least four upper-case hex digits (written by hand: this is on the
/// path of every message that names a character, and `format!` costs several times as much).
fn push_code_point(out: &mut String, c: char) {
    let cp = c as u32;
    let digits = ((u32::BITS - cp.leading_zeros()).div_ceil(4) as usize).max(4);
    out.push_str("U+");
    for i in (0..digits).rev() {
        out.push(char::from(
            b"0123456789ABCDEF"[(cp >> (4 * i)) as usize & 0xF],
        ));
    }
}

/// The UTS #39 skeleton of a string.
pub fn skeleton(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    skeleton_into(s, &mut out);
    out
}

/// `skeleton` of `s` in `out` (cleared first): a caller that looks many skeletons up reuses one
/// buffer.
pub fn skeleton_into(s: &str, out: &mut String) {
    out.clear();
    if !joined_skeleton_into(s, out) {
        out.clear();
        out.push_str(&crate::normalization::skeleton(s));
    }
}

/// Characters below this have what the checks ask of them in one table (`small`): Latin, the
/// combining accents, Greek, Cyrillic: the letters of nearly every name.
const SMALL_BELOW: u32 = 0x500;

/// What the checks ask of a character below `SMALL_BELOW`, looked up once for all of them.
pub(crate) struct Small {
    /// Its own skeleton.
    skeleton: Box<str>,
    /// Whether its skeleton joins others' (`joined_skeleton`): its NFD and its skeleton each
    /// begin with a starter (canonical combining class 0) or are empty.
    joins: bool,
    /// Its class whatever its neighbours; `None` for the two default-ignorable characters
    /// there (U+00AD SOFT HYPHEN, U+034F COMBINING GRAPHEME JOINER), whose class depends on them.
    class: Option<CharClass>,
    /// A letter or a mark (look-alike analysis).
    pub wordish: bool,
    /// Its script unless Common or Inherited (look-alike analysis).
    pub script: Option<Script>,
}

/// The `Small` of each code point below `SMALL_BELOW`, each made the first time it is asked
/// for: a page's first check asks of a few dozen characters, not of all 1,280 (made at once,
/// they were about 4 ms of the page's load in wasm's first, unoptimised code).
static SMALL: [std::sync::OnceLock<Small>; SMALL_BELOW as usize] =
    [const { std::sync::OnceLock::new() }; SMALL_BELOW as usize];

/// What the checks ask of `c`, when it is below `SMALL_BELOW`.
pub(crate) fn small(c: char) -> Option<&'static Small> {
    SMALL.get(c as usize).map(|cell| small_in(cell, c))
}

/// `c`'s entry, made the first time.
#[inline(always)]
fn small_in(cell: &'static std::sync::OnceLock<Small>, c: char) -> &'static Small {
    cell.get_or_init(|| small_of(c))
}

/// `small(c)`, made.
fn small_of(c: char) -> Small {
    let mut buf = [0; 4];
    let alone: &str = c.encode_utf8(&mut buf);
    let skeleton = crate::normalization::skeleton(alone);
    let nfd = crate::normalization::nfd(alone.chars());
    Small {
        joins: starts_clean(nfd.first().copied()) && starts_clean(skeleton.chars().next()),
        skeleton: skeleton.into_boxed_str(),
        class: (!is_default_ignorable(c)).then(|| classify_looked_up(None, c, None)),
        wordish: is_wordish_looked_up(c),
        script: real_script_looked_up(c),
    }
}

/// The skeletons of characters from `SMALL_BELOW` on (CJK, kana, Hangul, symbols…), each made
/// the first time it is asked for and kept: a list's names use few distinct characters, and a
/// character's skeleton costs a few hundred instructions and three allocations to make.
#[derive(Default)]
struct BigSkeletons {
    /// Each character kept (its UTF-8) to its place in `kept`. (The list's table of first
    /// occurrences: its code is in the module already, a map of its own would add 2 KB.)
    seen: super::first::FirstSeen,
    /// Per character kept: where its skeleton is in `text` (start, end), and whether it joins
    /// (as `Small::joins`).
    kept: Vec<(u32, u32, bool)>,
    text: String,
}

/// The most characters `BigSkeletons` keeps (about 1.5 MB); past them a skeleton is made each
/// time it is asked for.
const BIG_KEPT: usize = 1 << 16;

thread_local! {
    static BIG: std::cell::RefCell<BigSkeletons> = std::cell::RefCell::default();
}

impl BigSkeletons {
    /// Calls `f` with the skeleton of `c` (at or past `SMALL_BELOW`, or a default-ignorable
    /// character below it) and whether it joins.
    fn with<R>(c: char, f: impl FnOnce(&str, bool) -> R) -> R {
        BIG.with_borrow_mut(|big| {
            let mut buf = [0; 4];
            let alone: &str = c.encode_utf8(&mut buf);
            if let Some(&(start, end, joins)) = big
                .seen
                .get(alone, &[])
                .and_then(|k| big.kept.get(k as usize))
            {
                return f(&big.text[start as usize..end as usize], joins);
            }
            let skeleton = crate::normalization::skeleton(alone);
            let nfd = crate::normalization::nfd(std::iter::once(c));
            let joins = starts_clean(nfd.first().copied()) && starts_clean(skeleton.chars().next());
            let start = big.text.len();
            if big.kept.len() < BIG_KEPT {
                let end = start + skeleton.len();
                big.text.push_str(&skeleton);
                // (Far below `u32` offsets: `BIG_KEPT` skeletons of a few characters each.)
                big.seen.first_or_insert_text(alone, big.kept.len() as u32);
                big.kept.push((start as u32, end as u32, joins));
            }
            f(&skeleton, joins)
        })
    }
}

/// Whether a decomposition or a skeleton that begins with `first` begins with a starter
/// (canonical combining class 0), or is empty.
fn starts_clean(first: Option<char>) -> bool {
    first.is_none_or(|c| unicode_normalization::char::canonical_combining_class(c) == 0)
}

/// The skeleton of `c` alone, passed to `f`: from the table below `SMALL_BELOW`, else made once
/// and kept.
pub(crate) fn with_char_skeleton<R>(c: char, f: impl FnOnce(&str) -> R) -> R {
    match small(c) {
        Some(small) => f(&small.skeleton),
        None => BigSkeletons::with(c, |skeleton, _| f(skeleton)),
    }
}

/// The script of `c` when it is in one of the big blocks of letters of one script: CJK
/// ideographs, hiragana, katakana, Hangul syllables. Every character there is an assigned
/// letter of that script whatever is around it (a test checks each one), so the names of those
/// scripts need no lookup of their letters.
pub(crate) fn block_letter(c: char) -> Option<Script> {
    match c as u32 {
        0x4E00..=0x9FFF => Some(Script::Han),
        0xAC00..=0xD7A3 => Some(Script::Hangul),
        0x3041..=0x3096 => Some(Script::Hiragana),
        0x30A1..=0x30FA => Some(Script::Katakana),
        _ => None,
    }
}

/// A letter or a mark.
pub(crate) fn is_wordish_looked_up(c: char) -> bool {
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark
    )
}

/// The script of `c`, unless Common or Inherited.
pub(crate) fn real_script_looked_up(c: char) -> Option<Script> {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        s => Some(s),
    }
}

/// The skeleton as the characters' own skeletons one after another, when that is the skeleton:
/// every character joins (its skeleton from the table below `SMALL_BELOW`, else as
/// `BigSkeletons` keeps it). The skeleton is NFD, a prototype for each
/// character, NFD again; canonical reordering only ever swaps two adjacent non-starters, so
/// where each character's NFD, and each one's skeleton, begins with a starter (or is empty),
/// nothing moves across two characters and the pieces are the whole. `None` otherwise.
#[cfg(test)]
fn joined_skeleton(s: &str) -> Option<String> {
    let mut out = String::new();
    joined_skeleton_into(s, &mut out).then_some(out)
}

/// `joined_skeleton` pushed to `out`; `false` (and part of it pushed) when it is `None`.
fn joined_skeleton_into(s: &str, out: &mut String) -> bool {
    if s.is_ascii() {
        // A byte at a time: every ASCII character joins (a test checks it).
        for b in s.bytes() {
            // Indexed directly: a byte of ASCII is below `SMALL_BELOW`.
            push_skeleton(
                out,
                &small_in(&SMALL[usize::from(b)], char::from(b)).skeleton,
            );
        }
        return true;
    }
    for c in s.chars() {
        match small(c) {
            Some(small) if small.joins => push_skeleton(out, &small.skeleton),
            Some(_) => return false,
            None => {
                let joined = BigSkeletons::with(c, |skeleton, joins| {
                    if joins {
                        out.push_str(skeleton);
                    }
                    joins
                });
                if !joined {
                    return false;
                }
            }
        }
    }
    true
}

/// Pushes a character's skeleton from the small table to `out`.
#[inline(always)]
fn push_skeleton(out: &mut String, skeleton: &str) {
    match skeleton.as_bytes() {
        // Most letters' skeletons are one ASCII letter: pushed without a copy call. The guard
        // is always true (a one-byte UTF-8 text is ASCII), but it tells the compiler the push
        // is of one byte: 0.6 % fewer instructions for a 100k list than without it (callgrind).
        &[b] if b.is_ascii() => out.push(char::from(b)),
        _ => out.push_str(skeleton),
    }
}

/// Default_Ignorable_Code_Point: the skeleton removes exactly these characters.
pub fn is_default_ignorable(c: char) -> bool {
    // Outside these ranges the skeleton removes nothing (a test asks it of every character), so
    // most letters need no skeleton.
    if !maybe_default_ignorable(c) {
        return false;
    }
    // Kept as the characters past the small table are, the few below it too: the table of
    // `small` is made with this function, so it cannot be read here.
    BigSkeletons::with(c, |skeleton, _| skeleton.is_empty())
}

/// The blocks that hold the Default_Ignorable_Code_Point characters (Unicode's
/// DerivedCoreProperties.txt), taken a little wide.
fn maybe_default_ignorable(c: char) -> bool {
    matches!(
        c as u32,
        0xAD | 0x34F
            | 0x61C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// Characters that end a line.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// How the name checks see one character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CharClass {
    /// Nothing to say.
    Plain,
    /// U+0020.
    Space,
    /// Any other White_Space character that is not a line break: tab, no-break, thin, ideographic…
    UnusualSpace,
    /// C0/C1 controls and line breaks.
    Control,
    /// Default-ignorable characters outside the sequences that need them (emoji ZWJ sequences,
    /// emoji presentation selectors, ideographic variation selectors, joiners in joining scripts).
    Invisible,
    /// U+FFFD (what an unpaired surrogate becomes), noncharacters, private use, unassigned.
    Invalid,
    /// Curly quotes, dashes, ellipsis and other punctuation with an ASCII look-alike; carries the
    /// ASCII text an admin most likely meant, when there is one.
    Typographic(Option<&'static str>),
    /// `,` or `;`: reads as a list.
    ListSeparator,
}

/// Classifies `c` seen between `prev` and `next` (the neighbouring characters of the same name).
pub fn classify(prev: Option<char>, c: char, next: Option<char>) -> CharClass {
    // Below `SMALL_BELOW` the class comes from the table, but for the two default-ignorable
    // characters there: theirs depends on their neighbours.
    match small(c).and_then(|small| small.class.clone()) {
        Some(class) => class,
        None if block_letter(c).is_some() => CharClass::Plain,
        None => classify_looked_up(prev, c, next),
    }
}

fn classify_looked_up(prev: Option<char>, c: char, next: Option<char>) -> CharClass {
    if c.is_ascii() {
        return match c {
            ' ' => CharClass::Space,
            '\t' => CharClass::UnusualSpace,
            ',' | ';' => CharClass::ListSeparator,
            _ if c.is_ascii_control() => CharClass::Control,
            _ => CharClass::Plain,
        };
    }
    if c.is_whitespace() {
        return if is_line_break(c) {
            CharClass::Control
        } else {
            CharClass::UnusualSpace
        };
    }
    match c.general_category() {
        GeneralCategory::Control => return CharClass::Control,
        GeneralCategory::PrivateUse | GeneralCategory::Unassigned | GeneralCategory::Surrogate => {
            return CharClass::Invalid
        }
        _ => {}
    }
    // (Noncharacters are unassigned: general category Cn, above.)
    if c == '\u{FFFD}' {
        return CharClass::Invalid;
    }
    if is_default_ignorable(c) {
        return if invisible_is_needed(prev, c, next) {
            CharClass::Plain
        } else {
            CharClass::Invisible
        };
    }
    // The listed stand-ins whatever their category (U+2212 MINUS SIGN is a math symbol, U+02BC
    // MODIFIER LETTER APOSTROPHE a letter), then other punctuation by its prototype.
    if let Some(ascii) = typed_as(c) {
        return CharClass::Typographic(Some(ascii));
    }
    if c.general_category_group() == GeneralCategoryGroup::Punctuation {
        if let Some(ascii) = prototype_ascii(c) {
            return CharClass::Typographic(Some(ascii));
        }
        if matches!(
            c.general_category(),
            GeneralCategory::InitialPunctuation
                | GeneralCategory::FinalPunctuation
                | GeneralCategory::DashPunctuation
        ) {
            return CharClass::Typographic(None);
        }
    }
    CharClass::Plain
}

/// The ASCII text a character stands in for by a product rule: what word processors, phones
/// and keyboards substitute as people type.
fn typed_as(c: char) -> Option<&'static str> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{FF07}' => Some("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => Some("\""),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => Some("-"),
        '\u{2026}' => Some("..."),
        _ => None,
    }
}

/// The ASCII text other punctuation stands in for, by its UTS #39 prototype.
fn prototype_ascii(c: char) -> Option<&'static str> {
    let mut buf = [0u8; 4];
    let ascii = match crate::normalization::skeleton(c.encode_utf8(&mut buf)).as_str() {
        "'" => "'",
        "''" => "\"",
        "-" => "-",
        "." => ".",
        "!" => "!",
        "?" => "?",
        ":" => ":",
        "/" => "/",
        "..." => "...",
        _ => return None,
    };
    Some(ascii)
}

/// Default-ignorable characters that are part of a correct spelling: a ZWJ inside an emoji
/// sequence, VS15/VS16 after an emoji, tag characters of a subdivision flag, an ideographic
/// variation selector after a Han character, ZWJ/ZWNJ inside a word of a joining script.
fn invisible_is_needed(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let Some(p) = prev else { return false };
    match c {
        '\u{FE0E}' | '\u{FE0F}' => p.is_emoji_char(),
        '\u{200D}' if emoji_side(p) && next.is_some_and(|n| n.is_emoji_char()) => true,
        '\u{200C}' | '\u{200D}' => {
            joining_script_letter(p) && next.is_some_and(joining_script_letter)
        }
        '\u{E0020}'..='\u{E007F}' => p == '\u{1F3F4}' || ('\u{E0020}'..='\u{E007E}').contains(&p),
        '\u{E0100}'..='\u{E01EF}' => p.script() == Script::Han,
        _ => false,
    }
}

fn emoji_side(c: char) -> bool {
    c.is_emoji_char() || c == '\u{FE0F}' || ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

fn joining_script_letter(c: char) -> bool {
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark
    ) && !matches!(
        c.script(),
        Script::Latin | Script::Greek | Script::Cyrillic | Script::Common | Script::Inherited
    )
}

/// How an empty name is shown where names are listed (an empty line of a list, a role left
/// without a value): marked as `visible` marks what is not literal text.
pub const EMPTY_SHOWN: &str = "⟨empty⟩";

/// Text with its invisible and unusual characters shown as `⟨U+200B⟩` (and, with `spaces`,
/// each space as `␣`, U+2423 OPEN BOX, which common fonts draw: DejaVu has no `␠`): how a name is
/// shown wherever the exact characters matter.
pub fn visible(s: &str, spaces: bool) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c == ' ' {
            out.push(if spaces { '␣' } else { ' ' });
        } else if c.is_whitespace()
            || c.is_control()
            || is_default_ignorable(c)
            || classify(None, c, None) == CharClass::Invalid
        {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_shows_spaces_and_invisible_characters() {
        // U+2423 OPEN BOX for a space: DejaVu (Debian's default fonts) has no U+2420, and drew it
        // as an empty box.
        assert_eq!(visible("Acme iOS ", true), "Acme\u{2423}iOS\u{2423}");
        assert_eq!(visible("Acme iOS ", false), "Acme iOS ");
        assert_eq!(
            visible("a\u{200B}b\u{A0}c\td", true),
            "a\u{27E8}U+200B\u{27E9}b\u{27E8}U+00A0\u{27E9}c\u{27E8}U+0009\u{27E9}d"
        );
        assert_eq!(visible("\u{E000}é", false), "\u{27E8}U+E000\u{27E9}é");
    }

    #[test]
    fn names_come_from_the_table() {
        assert_eq!(describe('\u{200B}'), "U+200B ZERO WIDTH SPACE");
        assert_eq!(describe('\u{A0}'), "U+00A0 NO-BREAK SPACE");
        assert_eq!(describe('\u{430}'), "U+0430 CYRILLIC SMALL LETTER A");
        assert_eq!(describe(','), "U+002C COMMA");
        assert_eq!(describe('\n'), "U+000A <control>");
        assert_eq!(describe('A'), "\"A\" (U+0041)");
        assert_eq!(describe('\u{E000}'), "U+E000 <private use>");
        assert_eq!(describe('\u{10FFFF}'), "U+10FFFF <unassigned>");
        assert_eq!(describe('\u{1F600}'), "\"\u{1F600}\" (U+1F600)");
        assert_eq!(describe('\0'), "U+0000 <control>");
    }

    /// The hand-written code point against `format!`, on every character.
    #[test]
    fn every_character_is_described_as_format_would() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let cp = c as u32;
            let expected = match CHAR_NAMES.get(cp) {
                Some(name) => format!("U+{cp:04X} {name}"),
                None => match c.general_category() {
                    GeneralCategory::Control => format!("U+{cp:04X} <control>"),
                    GeneralCategory::Format => format!("U+{cp:04X} <format>"),
                    GeneralCategory::Unassigned => format!("U+{cp:04X} <unassigned>"),
                    GeneralCategory::PrivateUse => format!("U+{cp:04X} <private use>"),
                    _ => format!("\"{c}\" (U+{cp:04X})"),
                },
            };
            assert_eq!(describe(c), expected);
        }
    }

    /// Every character the skeleton removes is in `maybe_default_ignorable`'s ranges, so the
    /// shortcut in `is_default_ignorable` answers as the skeleton does (all of Unicode, ~1 s).
    #[test]
    fn default_ignorables_are_within_their_ranges() {
        let outside: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| !maybe_default_ignorable(c))
            .filter(|&c| unicode_security::skeleton(&c.to_string()).next().is_none())
            .collect();
        assert!(outside.is_empty(), "{outside:?}");
        // And the ranges are what spares most characters the skeleton: 4,174 characters.
        let inside = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| maybe_default_ignorable(c))
            .count();
        assert_eq!(inside, 4_174);
    }

    #[test]
    fn the_joined_skeleton_is_the_uts39_one() {
        let every: String = (0u8..128).map(char::from).collect();
        for s in [
            every.as_str(),
            "Acme iOS",
            "rn m l1I| 0O",
            "",
            "Vize Group Eats Huawei (QA)",
        ] {
            let want: String = unicode_security::skeleton(s).collect();
            assert_eq!(skeleton(s), want, "{s:?}");
        }
    }

    /// Every character below `SMALL_BELOW` and a little past it, alone.
    #[test]
    fn each_small_character_has_the_uts39_skeleton() {
        for c in (0..SMALL_BELOW + 0x40).filter_map(char::from_u32) {
            let want: String = unicode_security::skeleton(c.encode_utf8(&mut [0; 4])).collect();
            assert_eq!(skeleton(&c.to_string()), want, "U+{:04X}", c as u32);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        /// Strings of characters below U+0540 (letters, accents, marks of every class, Greek
        /// and Cyrillic, the soft hyphen and the grapheme joiner, both ignorable) and a few
        /// past it: the joined skeleton, when taken, is the UTS #39 one.
        #[test]
        fn the_joined_skeleton_is_the_uts39_one_on_generated_strings(
            codes in proptest::collection::vec(
                proptest::prop_oneof![
                    0x20u32..0x540,
                    0x300u32..0x370,
                    proptest::sample::select(vec![0xADu32, 0x34F, 0x200B, 0x5B0, 0x1E0B, 0x212B, 0xFF21]),
                ],
                0..10,
            )
        ) {
            let s: String = codes.into_iter().filter_map(char::from_u32).collect();
            let want: String = unicode_security::skeleton(&s).collect();
            proptest::prop_assert_eq!(skeleton(&s), want);
        }
    }

    /// The table's classes are the looked-up ones, whatever the neighbours.
    #[test]
    fn the_small_classes_are_the_looked_up_ones() {
        let around = [
            None,
            Some('a'),
            Some(' '),
            Some('\u{200D}'),
            Some('\u{645}'),
            Some('\u{1F468}'),
        ];
        for c in (0..SMALL_BELOW + 0x10).filter_map(char::from_u32) {
            for prev in around {
                for next in around {
                    assert_eq!(
                        classify(prev, c, next),
                        classify_looked_up(prev, c, next),
                        "{c:?} between {prev:?} and {next:?}"
                    );
                }
            }
        }
    }

    /// Every character of the blocks `block_letter` answers for is a plain letter of its
    /// script, whatever its neighbours, as the lookups it skips say.
    #[test]
    fn the_block_letters_are_the_looked_up_ones() {
        let around = [
            None,
            Some('a'),
            Some(' '),
            Some('\u{200D}'),
            Some('\u{3099}'),
        ];
        let mut letters = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let Some(script) = block_letter(c) else {
                continue;
            };
            letters += 1;
            assert_eq!(real_script_looked_up(c), Some(script), "{c:?}");
            assert!(is_wordish_looked_up(c), "{c:?}");
            assert_eq!(
                c.general_category_group(),
                GeneralCategoryGroup::Letter,
                "{c:?}"
            );
            for prev in around {
                for next in around {
                    assert_eq!(classify_looked_up(prev, c, next), CharClass::Plain, "{c:?}");
                    assert_eq!(classify(prev, c, next), CharClass::Plain, "{c:?}");
                }
            }
        }
        // 20,992 ideographs, 11,172 syllables, 86 hiragana, 90 katakana.
        assert_eq!(letters, 20_992 + 11_172 + 86 + 90);
    }

    /// The shortcuts are taken where they are meant to be (they give the same answers as the
    /// lookups they skip, so only this shows that they are there).
    #[test]
    fn the_small_table_covers_what_it_says() {
        assert_eq!(SMALL.len(), SMALL_BELOW as usize);
        assert!(small('\u{4FF}').is_some() && small('\u{500}').is_none());
        assert_eq!(small('\u{430}').map(|s| &*s.skeleton), Some("a"));
        assert_eq!(
            small('a').and_then(|s| s.class.clone()),
            Some(CharClass::Plain)
        );
        for ignorable in ['\u{AD}', '\u{34F}'] {
            assert!(
                small(ignorable).is_some_and(|s| s.class.is_none()),
                "{ignorable:?}"
            );
        }
        let latin_cyrillic = "Caf\u{E9} \u{41C}\u{43E}\u{441}\u{43A}\u{432}\u{430}";
        assert_eq!(
            joined_skeleton(latin_cyrillic),
            Some(unicode_security::skeleton(latin_cyrillic).collect())
        );
        assert_eq!(joined_skeleton("e\u{301}"), None, "a mark does not join");
        // ASCII a byte at a time: every character joins, and the text of all of them, each
        // character alone and in pairs, is UTS #39's skeleton.
        let mut several = 0;
        for c in (0u8..128).map(char::from) {
            let small = small(c).unwrap();
            assert!(small.joins, "{c:?}");
            several += usize::from(small.skeleton.len() != 1);
            for s in [c.to_string(), format!("{c}m{c}"), format!("rn{c}")] {
                assert_eq!(
                    joined_skeleton(&s),
                    Some(unicode_security::skeleton(&s).collect()),
                    "{s:?}"
                );
            }
        }
        assert!((1..8).contains(&several), "{several}");
        // Past the table, from the characters' kept skeletons: an ideograph, a Hangul syllable
        // (its NFD is three jamo), a compatibility ideograph (NFD: another ideograph), a
        // mathematical letter (prototype "A"); the second time from what was kept.
        for _ in 0..2 {
            for s in ["\u{65E5}", "\u{D55C}", "\u{F900}x", "\u{1D400}bc"] {
                assert_eq!(
                    joined_skeleton(s),
                    Some(unicode_security::skeleton(s).collect()),
                    "{s:?}"
                );
            }
            assert_eq!(
                joined_skeleton("a\u{591}"),
                None,
                "a Hebrew accent does not join"
            );
        }
    }

    #[test]
    fn default_ignorables() {
        for c in [
            '\u{200B}', '\u{FEFF}', '\u{AD}', '\u{202E}', '\u{2066}', '\u{180E}', '\u{3164}',
        ] {
            assert!(is_default_ignorable(c), "{c:?}");
        }
        for c in ['a', ' ', '\u{A0}', '\u{301}'] {
            assert!(!is_default_ignorable(c), "{c:?}");
        }
    }

    #[test]
    fn big_skeletons_are_made_once_and_kept() {
        // A test's thread has its own table: empty at first.
        let kept = || BIG.with_borrow(|big| big.kept.len());
        // (Making the small table keeps the default-ignorable characters below it: made first.)
        small('a');
        let chars = [
            '\u{4E2D}',
            '\u{AC00}',
            '\u{30A2}',
            '\u{1D400}',
            '\u{FB01}',
            '\u{591}',
        ];
        let start = kept();
        for round in 0..2 {
            for c in chars {
                let want: String = unicode_security::skeleton(c.encode_utf8(&mut [0; 4])).collect();
                assert_eq!(
                    with_char_skeleton(c, str::to_string),
                    want,
                    "U+{:04X}",
                    c as u32
                );
            }
            // Each character once, the first time it is asked for; the second round reads them.
            assert_eq!(kept() - start, chars.len(), "round {round}");
        }
    }

    #[test]
    fn emoji_sequences_keep_their_joiners() {
        assert_eq!(
            classify(Some('\u{2764}'), '\u{FE0F}', None),
            CharClass::Plain
        );
        assert_eq!(
            classify(Some('\u{1F468}'), '\u{200D}', Some('\u{1F469}')),
            CharClass::Plain
        );
        assert_eq!(
            classify(Some('a'), '\u{200D}', Some('b')),
            CharClass::Invisible
        );
        assert_eq!(classify(Some('a'), '\u{FE0F}', None), CharClass::Invisible);
        assert_eq!(
            classify(Some('\u{645}'), '\u{200C}', Some('\u{6CC}')),
            CharClass::Plain
        );
    }
}
