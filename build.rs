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
}
