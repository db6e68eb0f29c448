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
    match c.general_category_group() {
        GeneralCategoryGroup::Separator | GeneralCategoryGroup::Punctuation => true,
        GeneralCategoryGroup::Other => c.general_category() == GeneralCategory::Format,
        GeneralCategoryGroup::Mark => ('\u{300}'..='\u{36F}').contains(&c),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number => {
            skeleton.is_ascii() || unicode_security::is_potential_mixed_script_confusable_char(c)
        }
        GeneralCategoryGroup::Symbol => skeleton.is_ascii(),
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut out = String::from("static CHAR_NAMES: &[(u32, &str)] = &[\n");
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        if !worth_naming(c) {
            continue;
        }
        if let Some(name) = unicode_names2::name(c) {
            writeln!(out, "    (0x{:04X}, {:?}),", c as u32, name.to_string()).unwrap();
        }
    }
    out.push_str("];\n");
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("char_names.rs");
    std::fs::write(path, out).unwrap();
}
