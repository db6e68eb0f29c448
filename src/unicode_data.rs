//! Unicode character data the name checks look up per character, packed by `build.rs`: the
//! general category (the same values as unicode-properties', whose table is about four times
//! the size in the wasm; tests/normalization.rs compares them on every character), and the
//! tables of a text per character (character names, skeletons) as `PackedStrings`.

use unicode_properties::{GeneralCategory, GeneralCategoryGroup};

include!(concat!(env!("OUT_DIR"), "/general_categories.rs"));

/// Reads one LEB128 number (7 bits a byte, the high bit set on every byte but the last).
pub(crate) fn read_leb(bytes: &mut std::slice::Iter<'_, u8>) -> u32 {
    let (mut n, mut shift) = (0u32, 0);
    for &byte in bytes {
        n |= u32::from(byte & 0x7F) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            break;
        }
    }
    n
}

/// Texts by code point, sorted, as `build.rs`'s `packed_strings` writes them: in blocks of
/// `block` entries (each block's first code point, text offset and offset into the steps), each
/// entry as the step from the one before (LEB128) and its text's length, the texts in one string.
pub struct PackedStrings {
    pub block: usize,
    pub firsts: &'static [u32],
    pub text_at: &'static [u16],
    pub step_at: &'static [u16],
    pub steps: &'static [u8],
    pub lens: &'static [u8],
    pub text: &'static str,
}

impl PackedStrings {
    /// The text of `code`, if it has one. (Each call reads the packed blocks: a few hundred
    /// instructions. The checks ask it of a character below U+0500 once, for the table of
    /// `names::chars::small`, and for a character's name when a message is worded.)
    pub fn get(&self, code: u32) -> Option<&'static str> {
        let block = self
            .firsts
            .partition_point(|&first| first <= code)
            .checked_sub(1)?;
        let (mut at, mut text) = (block * self.block, self.text_at[block] as usize);
        let end = self.lens.len().min(at + self.block);
        let mut steps = self.steps[self.step_at[block] as usize..].iter();
        let mut here = self.firsts[block];
        loop {
            let len = self.lens[at] as usize;
            if here == code {
                return self.text.get(text..text + len);
            }
            at += 1;
            if here > code || at == end {
                return None;
            }
            text += len;
            here += read_leb(&mut steps);
        }
    }
}

/// The general category of `c`, from the packed runs.
pub fn general_category(c: char) -> GeneralCategory {
    let code = c as u32;
    if let Some(&cat) = GC_LATIN1.get(code as usize) {
        return GC_VALUES[cat as usize];
    }
    // Every character is in a run: the first starts at U+0000.
    let block = GC_FIRSTS.partition_point(|&first| first <= code) - 1;
    let mut at = block * GC_BLOCK;
    let end = GC_CATS.len().min(at + GC_BLOCK);
    let mut steps = GC_STEPS[GC_STEP_AT[block] as usize..].iter();
    let mut next = GC_FIRSTS[block];
    // The block's last run ends where the next block begins (or at the end of Unicode).
    while at + 1 < end {
        next += read_leb(&mut steps);
        if code < next {
            break;
        }
        at += 1;
    }
    GC_VALUES[GC_CATS[at] as usize]
}

/// `c.general_category()` and `c.general_category_group()` as unicode-properties has them,
/// from the packed table.
pub trait UnicodeGeneralCategory {
    fn general_category(self) -> GeneralCategory;
    fn general_category_group(self) -> GeneralCategoryGroup;
}

/// A character whose category comes from the packed table, for unicode-properties' own mapping
/// from a category to its group.
struct Packed(char);

impl unicode_properties::UnicodeGeneralCategory for Packed {
    fn general_category(self) -> GeneralCategory {
        general_category(self.0)
    }
}

impl UnicodeGeneralCategory for char {
    fn general_category(self) -> GeneralCategory {
        general_category(self)
    }
    fn general_category_group(self) -> GeneralCategoryGroup {
        unicode_properties::UnicodeGeneralCategory::general_category_group(Packed(self))
    }
}
