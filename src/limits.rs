//! The largest input each entry point takes, stated once. Past a limit the core refuses at once,
//! before any heavy work, with the code `too-large` and a message naming the limit and the
//! actual size, instead of running a page out of memory or time.
//!
//! Why these values: each is far above any real Luciq setup (a few dozen apps, six roles,
//! thousands of users) and low enough that the work behind it stays a few seconds and a few
//! hundred MB of wasm memory (benches/RESULTS.md: 1M names checked in about 10 s natively).

/// A name (app name, role value, title, variable name, group name): UTF-16 code units, as JS
/// counts `length`. Real names are tens of characters; 4,096 leaves room for pasted junk to be
/// shown and fixed while keeping the per-name work (NFC, skeleton, edit distance) small.
pub const MAX_NAME_LENGTH: usize = 4_096;
/// Names in one check (`checkNames`): a million, the largest list measured (benches).
pub const MAX_NAMES: usize = 1_000_000;
/// The names of one check together (and, apart, its catalog's), in bytes of UTF-8: the same as
/// the users file, whose cells take the same checks. Without it a million names of 4,096
/// characters would be 4 GB of text; with it, at most 8,192 names of the largest length.
pub const MAX_NAMES_BYTES: usize = 32 << 20;
/// Entries of a catalog or role table, rules of a mapping, users of an export.
pub const MAX_CATALOG_NAMES: usize = 100_000;
/// The users file, in bytes of UTF-8 (32 MiB: 200,000 rows of 160 bytes).
pub const MAX_CSV_BYTES: usize = 32 << 20;
/// Users (records after the header) in the users file.
pub const MAX_CSV_ROWS: usize = 200_000;
/// This tool's configuration file, in bytes (it may hold the users file, the names and the
/// catalog: their limits together, rounded up).
pub const MAX_CONFIG_BYTES: usize = 64 << 20;
/// A catalog file (`.txt`, `.csv`, `.json`), in bytes.
pub const MAX_CATALOG_FILE_BYTES: usize = 16 << 20;
/// The org's app user schema JSON given to the plan, in bytes as JSON text (Okta's are a few KB).
pub const MAX_SCHEMA_JSON_BYTES: usize = 4 << 20;

/// An input past its limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// What was too large: "The users file", "names[3]"…
    pub what: String,
    /// The name of the limit's const, e.g. `MAX_CSV_BYTES`.
    pub limit_name: &'static str,
    pub limit: usize,
    pub actual: usize,
    /// "bytes", "characters", "names"…
    pub unit: &'static str,
}

impl TooLarge {
    pub const CODE: &'static str = "too-large";

    /// "The users file is 40,000,000 bytes: the largest this tool takes is 33,554,432 bytes
    /// (MAX_CSV_BYTES)".
    pub fn message(&self) -> String {
        // "bytes or more" (a size known to be at least that) says "bytes" of the limit.
        let limit_unit = self.unit.trim_end_matches(" or more");
        format!(
            "{} is {} {}: the largest this tool takes is {} {limit_unit} ({})",
            self.what,
            grouped(self.actual),
            self.unit,
            grouped(self.limit),
            self.limit_name
        )
    }
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", Self::CODE, self.message())
    }
}

impl std::error::Error for TooLarge {}

/// 1234567 → "1,234,567".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `Err` when `actual` is past `limit`.
pub fn at_most(
    what: impl FnOnce() -> String,
    limit_name: &'static str,
    limit: usize,
    actual: usize,
    unit: &'static str,
) -> Result<(), TooLarge> {
    if actual <= limit {
        return Ok(());
    }
    Err(TooLarge {
        what: what(),
        limit_name,
        limit,
        actual,
        unit,
    })
}

/// A name's length in UTF-16 code units, counted only when its bytes could be past the limit
/// (a UTF-16 unit is at least one byte of UTF-8).
pub fn name_length_ok(what: impl FnOnce() -> String, name: &str) -> Result<(), TooLarge> {
    if name.len() <= MAX_NAME_LENGTH {
        return Ok(());
    }
    let units = name.encode_utf16().count();
    at_most(
        what,
        "MAX_NAME_LENGTH",
        MAX_NAME_LENGTH,
        units,
        "characters (UTF-16)",
    )
}

/// A list of names: how many, and each one's length.
pub fn names_ok(
    field: &str,
    names: &[String],
    limit_name: &'static str,
    limit: usize,
) -> Result<(), TooLarge> {
    at_most(
        || field.to_string(),
        limit_name,
        limit,
        names.len(),
        "names",
    )?;
    for (i, n) in names.iter().enumerate() {
        name_length_ok(|| format!("{field}[{i}]"), n)?;
    }
    Ok(())
}

/// A list of names' bytes of UTF-8 together (a sum, so it costs nothing to count).
pub fn names_bytes_ok(
    field: &str,
    names: &[String],
    limit_name: &'static str,
    limit: usize,
) -> Result<(), TooLarge> {
    let total = names
        .iter()
        .fold(0usize, |sum, n| sum.saturating_add(n.len()));
    at_most(|| field.to_string(), limit_name, limit, total, "bytes")
}

/// A text's size in bytes of UTF-8.
pub fn bytes_ok(
    what: &str,
    limit_name: &'static str,
    limit: usize,
    text: &str,
) -> Result<(), TooLarge> {
    at_most(|| what.to_string(), limit_name, limit, text.len(), "bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_limit_and_the_size() {
        let e = bytes_ok(
            "The users file",
            "MAX_CSV_BYTES",
            MAX_CSV_BYTES,
            &"x".repeat(MAX_CSV_BYTES + 1),
        )
        .unwrap_err();
        assert_eq!(
            e.message(),
            "The users file is 33,554,433 bytes: the largest this tool takes is 33,554,432 bytes (MAX_CSV_BYTES)"
        );
        assert!(bytes_ok("t", "MAX_CSV_BYTES", 3, "abc").is_ok());
        // A size known only to be at least that: "or more" is said of the size, not the limit.
        let e = at_most(
            || "The pasted schema".into(),
            "MAX_SCHEMA_JSON_BYTES",
            10,
            11,
            "bytes or more",
        )
        .unwrap_err();
        assert_eq!(
            e.message(),
            "The pasted schema is 11 bytes or more: the largest this tool takes is 10 bytes (MAX_SCHEMA_JSON_BYTES)"
        );
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(1000), "1,000");
    }

    #[test]
    fn a_name_counts_in_utf16_units() {
        // 2,048 emoji: 8,192 bytes but 4,096 UTF-16 units, the limit exactly.
        assert!(name_length_ok(String::new, &"🚀".repeat(2_048)).is_ok());
        let e = name_length_ok(|| "names[0]".into(), &"🚀".repeat(2_049)).unwrap_err();
        assert_eq!(e.actual, 4_098);
        assert!(e
            .message()
            .starts_with("names[0] is 4,098 characters (UTF-16)"));
    }
}
