//! src/normalization.rs gives what unicode-normalization and unicode-security give: NFD, NFC,
//! `is_nfc` and the UTS #39 skeleton, on every character and on generated strings full of
//! combining marks, Hangul, compatibility characters, look-alikes and default-ignorables.
#![cfg(not(target_arch = "wasm32"))]

use luciq_scim::normalization::{is_nfc, nfd, skeleton, Nfc};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn theirs_nfc(s: &str) -> String {
    UnicodeNormalization::nfc(s).collect()
}

#[test]
fn every_character_alone() {
    let mut buf = [0u8; 4];
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let s: &str = c.encode_utf8(&mut buf);
        let want_nfd: Vec<char> = UnicodeNormalization::nfd(s).collect();
        assert_eq!(nfd(s.chars()), want_nfd, "NFD of U+{:04X}", c as u32);
        assert_eq!(
            Nfc::nfc(s).collect::<String>(),
            theirs_nfc(s),
            "NFC of U+{:04X}",
            c as u32
        );
        assert_eq!(
            is_nfc(s),
            unicode_normalization::is_nfc(s),
            "is_nfc U+{:04X}",
            c as u32
        );
        let want: String = unicode_security::skeleton(s).collect();
        assert_eq!(skeleton(s), want, "skeleton of U+{:04X}", c as u32);
        // The names check's skeleton: joined from each character's kept skeleton (the small
        // table below U+0500, the kept ones past it) wherever that is the whole.
        assert_eq!(
            luciq_scim::names::chars::skeleton(s),
            want,
            "the names check's skeleton of U+{:04X}",
            c as u32
        );
    }
}

/// Characters whose order and composition matter: starters that compose, marks of several
/// classes (and of the same class), Hangul jamo and syllables, singletons and compatibility
/// characters, look-alikes and default-ignorables.
const POOL: &[char] = &[
    'a',
    'A',
    'e',
    'o',
    'u',
    'l',
    'I',
    '1',
    '0',
    'O',
    'c',
    'C',
    'n',
    'r',
    'm',
    ' ',
    '\'',
    '\u{300}',
    '\u{301}',
    '\u{302}',
    '\u{303}',
    '\u{308}',
    '\u{30A}',
    '\u{323}',
    '\u{327}',
    '\u{328}',
    '\u{316}',
    '\u{31B}',
    '\u{345}',
    '\u{334}',
    '\u{338}',
    '\u{5B0}',
    '\u{5B9}',
    '\u{93C}',
    '\u{94D}',
    '\u{3099}',
    '\u{309A}',
    '\u{1DCE}',
    '\u{E0}',
    '\u{E9}',
    '\u{C5}',
    '\u{212B}',
    '\u{2126}',
    '\u{1E0B}',
    '\u{1E0D}',
    '\u{1E9B}',
    '\u{1EC7}',
    '\u{FB01}',
    '\u{2474}',
    '\u{FF21}',
    '\u{1100}',
    '\u{1161}',
    '\u{11A8}',
    '\u{AC00}',
    '\u{AC01}',
    '\u{D7A3}',
    '\u{304B}',
    '\u{304C}',
    '\u{0915}',
    '\u{0958}',
    '\u{430}',
    '\u{435}',
    '\u{3BF}',
    '\u{200B}',
    '\u{200D}',
    '\u{AD}',
    '\u{FEFF}',
    '\u{2060}',
    '\u{FE0F}',
    '\u{A0}',
    '\u{2010}',
    '\u{1D400}',
    '\u{1F600}',
    '\u{F900}',
    '\u{2F800}',
    '\u{0F73}',
    '\u{0F75}',
    '\u{0F81}',
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(POOL), 0..12)
        .prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn generated_strings(s in text()) {
        let want_nfd: Vec<char> = UnicodeNormalization::nfd(s.as_str()).collect();
        prop_assert_eq!(nfd(s.chars()), want_nfd);
        prop_assert_eq!(Nfc::nfc(s.as_str()).collect::<String>(), theirs_nfc(&s));
        prop_assert_eq!(is_nfc(&s), unicode_normalization::is_nfc(&s));
        let want: String = unicode_security::skeleton(&s).collect();
        prop_assert_eq!(skeleton(&s), want.clone());
        prop_assert_eq!(luciq_scim::names::chars::skeleton(&s), want);
    }
}

#[test]
fn the_packed_general_category_of_every_character() {
    use luciq_scim::unicode_data::UnicodeGeneralCategory as Packed;
    use unicode_properties::UnicodeGeneralCategory as Theirs;
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        assert_eq!(
            Packed::general_category(c),
            Theirs::general_category(c),
            "U+{:04X}",
            c as u32
        );
        assert_eq!(
            Packed::general_category_group(c),
            Theirs::general_category_group(c)
        );
    }
}

/// The packed table of character names gives each kept character its Unicode name, and keeps
/// the ones the messages print (spaces, invisible and look-alike characters).
#[test]
fn the_packed_character_names() {
    use luciq_scim::names::chars::char_name;
    let mut kept = 0;
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        if let Some(name) = char_name(c) {
            let want = unicode_names2::name(c).map(|n| n.to_string());
            assert_eq!(Some(name.to_string()), want, "U+{:04X}", c as u32);
            kept += 1;
        }
    }
    assert!(kept > 1_500, "{kept} names kept");
    for (c, name) in [
        ('\u{200B}', "ZERO WIDTH SPACE"),
        ('\u{A0}', "NO-BREAK SPACE"),
        ('\u{430}', "CYRILLIC SMALL LETTER A"),
        (' ', "SPACE"),
    ] {
        assert_eq!(char_name(c), Some(name));
    }
}
