//! Writes the table of character names the diagnostics print ("U+200B ZERO WIDTH SPACE").
//!
//! The names come from `unicode_names2`; only the characters a check can point at are kept
//! (spaces, format and default-ignorable characters, punctuation and symbols, letters that look
//! like other letters, combining marks), which keeps the WebAssembly small. A character outside
//! the table is still named by its code point and general category.
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
    let mut names: Vec<(u32, String)> = Vec::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        if let Some(name) = unicode_names2::name(c).filter(|_| worth_naming(c)) {
            names.push((c as u32, name.to_string()));
        }
    }
    write_out("char_names.rs", &packed_strings("CHAR_NAMES", &names));
    write_skeletons();
    write_general_categories();
}

/// LEB128: 7 bits a byte, the high bit set on every byte but the last.
fn push_leb(out: &mut Vec<u8>, mut n: u32) {
    loop {
        let byte = (n & 0x7F) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The general category of every character, as runs: in blocks of `GC_BLOCK` runs (each
/// block's first code point and offset into the steps), each run as the step from the run
/// before (LEB128) and its category (an index into `GC_VALUES`). `src/unicode_data.rs` looks it
/// up; unicode-properties' own table (`(char, char, GeneralCategory)`, 12 bytes a range) is about
/// four times the size in the wasm.
fn write_general_categories() {
    const BLOCK: usize = 32;
    let mut values: Vec<GeneralCategory> = Vec::new();
    let mut runs: Vec<(u32, u8)> = Vec::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let gc = c.general_category();
        let index = match values.iter().position(|v| *v == gc) {
            Some(i) => i,
            None => {
                values.push(gc);
                values.len() - 1
            }
        };
        let index = u8::try_from(index).unwrap();
        if runs.last().is_none_or(|&(_, last)| last != index) {
            runs.push((c as u32, index));
        }
    }
    let (mut firsts, mut step_at, mut steps, mut cats) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, &(start, cat)) in runs.iter().enumerate() {
        if i % BLOCK == 0 {
            firsts.push(start);
            step_at.push(u16::try_from(steps.len()).expect("steps fit in 64 KiB"));
        } else {
            push_leb(&mut steps, start - runs[i - 1].0);
        }
        cats.push(cat);
    }
    // Latin-1 (most of what app names are made of) straight from a table, without the runs.
    let latin1: Vec<u8> = (0..256u32)
        .map(|code| runs[runs.partition_point(|&(start, _)| start <= code) - 1].1)
        .collect();
    let values: Vec<String> = values
        .iter()
        .map(|v| format!("GeneralCategory::{v:?}"))
        .collect();
    let out = format!(
        "const GC_BLOCK: usize = {BLOCK};\n\
         static GC_VALUES: [GeneralCategory; {}] = [{}];\n\
         static GC_FIRSTS: [u32; {}] = {firsts:?};\n\
         static GC_STEP_AT: [u16; {}] = {step_at:?};\n\
         static GC_STEPS: [u8; {}] = {steps:?};\n\
         static GC_CATS: [u8; {}] = {cats:?};\n\
         static GC_LATIN1: [u8; 256] = {latin1:?};\n",
        values.len(),
        values.join(", "),
        firsts.len(),
        step_at.len(),
        steps.len(),
        cats.len(),
    );
    let path =
        std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("general_categories.rs");
    std::fs::write(path, out).unwrap();
}

/// The UTS #39 skeleton of each character that NFD leaves alone, where it is not the character
/// itself, and the ranges of characters it drops (the default-ignorable ones: 4,174 characters in
/// 17 ranges). `src/normalization.rs` makes a string's skeleton from these. unicode-security's
/// own table (character → prototype, as `(char, &[char])`) is about four times the size in the
/// wasm.
fn write_skeletons() {
    use unicode_normalization::UnicodeNormalization;
    let mut entries: Vec<(u32, String)> = Vec::new();
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
            entries.push((c as u32, skeleton));
        }
    }
    let out = format!(
        "{}static SKELETON_DROPPED: [(u32, u32); {}] = {dropped:?};\n",
        packed_strings("SKELETONS", &entries),
        dropped.len(),
    );
    write_out("skeletons.rs", &out);
}

fn write_out(file: &str, text: &str) {
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join(file);
    std::fs::write(path, text).unwrap();
}

/// A `PackedStrings` (src/unicode_data.rs) named `name`, of `entries` sorted by code point: in
/// blocks of 32 (each block's first code point, text offset and offset into the steps), each
/// entry as the step from the one before (LEB128) and its text's length, the texts as one string.
/// A table of `(u32, &str)` would spend 12 bytes of pointers per entry, `(char, &[char])` more.
fn packed_strings(name: &str, entries: &[(u32, String)]) -> String {
    const BLOCK: usize = 32;
    let (mut firsts, mut texts, mut step_at) = (Vec::new(), Vec::new(), Vec::new());
    let (mut steps, mut lens, mut text) = (Vec::<u8>::new(), Vec::<u8>::new(), String::new());
    for (i, (code, entry)) in entries.iter().enumerate() {
        if i % BLOCK == 0 {
            firsts.push(*code);
            texts.push(u16::try_from(text.len()).expect("the texts fit in 64 KiB"));
            step_at.push(u16::try_from(steps.len()).expect("the steps fit in 64 KiB"));
        } else {
            push_leb(&mut steps, code - entries[i - 1].0);
        }
        lens.push(u8::try_from(entry.len()).expect("each text under 256 bytes"));
        text.push_str(entry);
    }
    format!(
        "static {name}: crate::unicode_data::PackedStrings = crate::unicode_data::PackedStrings {{\n\
         block: {BLOCK},\n\
         firsts: &{firsts:?},\n\
         text_at: &{texts:?},\n\
         step_at: &{step_at:?},\n\
         steps: &{steps:?},\n\
         lens: &{lens:?},\n\
         text: {text:?},\n\
         }};\n"
    )
}
