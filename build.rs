//! Writes the table of character names the diagnostics print ("U+200B ZERO WIDTH SPACE").
//!
//! The names come from `unicode_names2`; only the characters a check can point at are kept
//! (spaces, format and default-ignorable characters, punctuation and symbols, letters that look
//! like other letters, combining marks), which keeps the WebAssembly small. A character outside
//! the table is still named by its code point and general category.
use std::fmt::Write as _;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

fn worth_naming(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_alphanumeric() && !c.is_ascii_control();
    }
    let skeleton: String = unicode_security::skeleton(&c.to_string()).collect();
    if skeleton.is_empty() {
        return true; // default-ignorable
    }
    match c.general_category() {
        // Dashes and quotes are reported as typographic punctuation even without an ASCII prototype.
        GeneralCategory::DashPunctuation
        | GeneralCategory::InitialPunctuation
        | GeneralCategory::FinalPunctuation
        | GeneralCategory::Format => true,
        // Combining marks that NFD accents are made of.
        GeneralCategory::NonspacingMark => ('\u{300}'..='\u{36F}').contains(&c),
        _ => match c.general_category_group() {
            GeneralCategoryGroup::Separator => true,
            // Look-alikes of ASCII letters, digits and punctuation.
            // (Only in the Basic Multilingual Plane: the mathematical alphanumerics alone would
            // add a thousand names nobody types into Okta.)
            GeneralCategoryGroup::Letter
            | GeneralCategoryGroup::Number
            | GeneralCategoryGroup::Punctuation
            | GeneralCategoryGroup::Symbol => skeleton.is_ascii() && (c as u32) < 0x10000,
            _ => false,
        },
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Packed as code points, end offsets and one string: a table of (u32, &str) would spend
    // 12 bytes of pointers per name.
    let mut codes = Vec::new();
    let mut ends = Vec::new();
    let mut text = String::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        if let Some(name) = unicode_names2::name(c).filter(|_| worth_naming(c)) {
            codes.push(c as u32);
            text.push_str(&name.to_string());
            ends.push(u16::try_from(text.len()).expect("names fit in 64 KiB"));
        }
    }
    let mut out = String::new();
    writeln!(
        out,
        "static CHAR_NAME_CODES: [u32; {}] = {:?};",
        codes.len(),
        codes
    )
    .unwrap();
    writeln!(
        out,
        "static CHAR_NAME_ENDS: [u16; {}] = {:?};",
        ends.len(),
        ends
    )
    .unwrap();
    writeln!(out, "static CHAR_NAME_TEXT: &str = {:?};", text).unwrap();
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("char_names.rs");
    std::fs::write(path, out).unwrap();
    write_skeletons();
}

/// The UTS #39 skeleton of each character that NFD leaves alone, where it is not the character
/// itself, as code points, end offsets and one string, and the ranges of characters it drops
/// (the default-ignorable ones: 4,174 characters in 17 ranges):
/// `src/normalization.rs` makes a string's skeleton from these. unicode-security's own table
/// (character → prototype, as `(char, &[char])`) is about twice the size in the wasm.
fn write_skeletons() {
    use unicode_normalization::UnicodeNormalization;
    let mut codes = Vec::new();
    let mut ends = Vec::new();
    let mut text = String::new();
    let mut dropped: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let one = c.to_string();
        if !one.nfd().eq(std::iter::once(c)) {
            continue; // NFD never leaves it in a string: the skeleton never looks it up
        }
        let skeleton: String = unicode_security::skeleton(&one).collect();
        if skeleton.is_empty() {
            match dropped.last_mut() {
                Some((_, last)) if *last + 1 == c as u32 => *last = c as u32,
                _ => dropped.push((c as u32, c as u32)),
            }
        } else if skeleton != one {
            codes.push(c as u32);
            text.push_str(&skeleton);
            ends.push(u16::try_from(text.len()).expect("skeletons fit in 64 KiB"));
        }
    }
    let out = format!(
        "static SKELETON_CODES: [u32; {}] = {:?};\nstatic SKELETON_ENDS: [u16; {}] = {:?};\nstatic SKELETON_TEXT: &str = {:?};\nstatic SKELETON_DROPPED: [(u32, u32); {}] = {:?};\n",
        codes.len(),
        codes,
        ends.len(),
        ends,
        text,
        dropped.len(),
        dropped
    );
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("skeletons.rs");
    std::fs::write(path, out).unwrap();
}
