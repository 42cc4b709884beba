//! Turning one cell's text into a typed value: dates, exact amounts, ids, yes/no flags.
//!
//! Every parser here takes the raw text exactly as the reader produced it and either returns
//! the value or a [`CellError`] saying why not. Nothing guesses silently: an ambiguous date
//! is `AmbiguousDate`, an amount with more precision than the currency has is `BadAmount`.
//! No floating point is used anywhere.

mod amount;
mod date;

pub use amount::parse_amount;
pub use date::{
    day_month_evidence, decide_day_month_order, parse_date, DayMonthEvidence, DayMonthOrder,
    MAX_YEAR, MIN_YEAR,
};

use std::borrow::Cow;
use std::fmt;

/// Why a cell could not be read as the value its column needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellError {
    /// The cell is blank (or holds only a placeholder dash, for amounts).
    Empty,
    /// Not a date in any accepted form, or an impossible one (Feb 30, serial 60).
    BadDate,
    /// `1/5/2026` style date where both day-first and month-first readings are valid and
    /// differ, and the column's order is not known.
    AmbiguousDate,
    /// A real calendar date whose year lies outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    DateOutOfRange { year: i32 },
    /// Not a number, or more decimals than the currency allows (`12.345` for CNY).
    BadAmount,
    /// A number too large to hold as an amount (beyond i64 minor units).
    AmountTooLarge,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellError::Empty => f.write_str("empty cell"),
            CellError::BadDate => f.write_str("not a valid date"),
            CellError::AmbiguousDate => {
                f.write_str("ambiguous date: day and month could be either way round")
            }
            CellError::DateOutOfRange { year } => write!(
                f,
                "year {year:04} is outside the accepted range {MIN_YEAR}-{MAX_YEAR}"
            ),
            CellError::BadAmount => f.write_str("not a valid amount"),
            CellError::AmountTooLarge => f.write_str("amount too large"),
        }
    }
}

impl std::error::Error for CellError {}

/// Characters that are invisible and carry no meaning in a cell: zero-width space/joiners,
/// word joiner, BOM, soft hyphen; and the directional marks, embeddings, overrides and
/// isolates, which only steer display. Kept, an override in a customer's name would reverse
/// the rest of every reminder sentence it is put into, and `AR-1` with an isolate around it
/// would be a different invoice that looks the same.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Whitespace including NBSP, the ideographic (full-width) space and the narrow spaces
/// that locales use as digit separators. `char::is_whitespace` covers all of them.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// True if the cell holds nothing but whitespace and invisible characters.
/// A cell holding a list (`华东，华南; 华北`): split on ASCII and Chinese separators.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', '，', ';', '；', '、', '/', '|', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| is_space(c) || is_invisible(c))
}

/// Trims whitespace (any kind) at both ends and removes invisible characters everywhere;
/// the text between stays exactly as it was.
pub fn clean_text(raw: &str) -> String {
    let trimmed = raw.trim_matches(|c: char| is_space(c) || is_invisible(c));
    if !trimmed.chars().any(is_invisible) {
        return trimmed.to_owned();
    }
    let without: String = trimmed.chars().filter(|c| !is_invisible(*c)).collect();
    // Removing an invisible char can expose whitespace that was inside it at the ends.
    let again = without.trim_matches(is_space);
    if again.len() == without.len() {
        without
    } else {
        again.to_owned()
    }
}

/// Maps full-width ASCII variants (`０-９`, `Ａ-Ｚ`, `．`, `，`, `：`, `／`, `（`...) to ASCII,
/// the ideographic space to a space, `￥` to `¥` and the Unicode minus to `-`; drops
/// invisible characters. Borrows when nothing needs changing (the common, all-ASCII case).
pub(crate) fn to_half_width(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let needs_change = s.chars().any(|c| half_width_char(c) != Some(c));
    if !needs_change {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter_map(half_width_char).collect())
}

/// One char's half-width form; `None` for a char to drop.
pub(crate) fn half_width_char(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        '\u{FFE5}' => Some('¥'),
        '\u{FFE1}' => Some('£'),
        '\u{2212}' | '\u{2012}' | '\u{2013}' | '\u{FE63}' => Some('-'),
        c if is_invisible(c) => None,
        c => Some(c),
    }
}

/// An identifier (invoice number, customer code) as text to match on.
///
/// Trims, removes invisible characters, turns full-width letters and digits into ASCII,
/// strips Excel's text markers (a leading `'`, a `="0012"` wrapper), and turns a
/// float-looking integer (`1930571429.0`, `1930571429.00`) back into the integer it was.
/// Leading zeros are kept: `0000611365` stays as it is. Inner spaces are kept.
pub fn normalize_id(raw: &str) -> String {
    let half = to_half_width(raw);
    let mut s = half.trim_matches(is_space);
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        s = inner.trim_matches(is_space);
    }
    if let Some(rest) = s.strip_prefix('\'') {
        s = rest.trim_matches(is_space);
    }
    if let Some((int, frac)) = s.split_once('.') {
        let float_looking = !int.is_empty()
            && !frac.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b == b'0');
        if float_looking {
            s = int;
        }
    }
    s.to_owned()
}

/// Reads a yes/no flag such as a dispute column.
///
/// Yes: `是 Y Yes True 1 X ✓ ✔ √ 争议 有争议 有 T`. No: `否 N No False 0 无 没有 无争议 ✗ × F`.
/// Case-insensitive, full-width tolerant. A blank cell is `Some(false)`: such columns are
/// marked by exception, the unmarked rows are the normal ones. Anything else is `None`,
/// which the caller reports rather than guesses.
pub fn parse_bool_flag(raw: &str) -> Option<bool> {
    let half = to_half_width(raw);
    let s = half.trim_matches(is_space);
    if s.is_empty() {
        return Some(false);
    }
    const YES: &[&str] = &[
        "是",
        "y",
        "yes",
        "true",
        "t",
        "1",
        "x",
        "✓",
        "✔",
        "√",
        "争议",
        "有争议",
        "有",
        "已争议",
    ];
    const NO: &[&str] = &[
        "否",
        "n",
        "no",
        "false",
        "f",
        "0",
        "无",
        "没有",
        "无争议",
        "✗",
        "✘",
        "×",
        "不",
    ];
    if YES.iter().any(|w| w.eq_ignore_ascii_case(s)) {
        Some(true)
    } else if NO.iter().any(|w| w.eq_ignore_ascii_case(s)) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_clean_text() {
        assert!(is_blank(""));
        assert!(is_blank(" \u{00A0}\u{3000}\t\u{200B}\u{FEFF}"));
        assert!(!is_blank(" a "));
        assert_eq!(clean_text("  客户 A  "), "客户 A");
        assert_eq!(clean_text("\u{FEFF}ABC\u{200B}D\u{3000}"), "ABCD");
        assert_eq!(clean_text("\u{00A0}a  b\u{00A0}"), "a  b");
        assert_eq!(clean_text(" \u{200B} x \u{200B} "), "x");
        assert_eq!(clean_text(""), "");
    }

    #[test]
    fn half_width_borrows_ascii_and_maps_full_width() {
        assert!(matches!(to_half_width("abc 1.5"), Cow::Borrowed(_)));
        assert!(matches!(to_half_width("客户"), Cow::Borrowed(_)));
        assert_eq!(to_half_width("１２３．５０"), "123.50");
        assert_eq!(to_half_width("（１，２３４）"), "(1,234)");
        assert_eq!(to_half_width("￥\u{3000}５"), "¥ 5");
        assert_eq!(to_half_width("\u{2212}5\u{200B}"), "-5");
    }

    #[test]
    fn ids_keep_leading_zeros_and_drop_float_tails() {
        assert_eq!(normalize_id(" 0000611365 "), "0000611365");
        assert_eq!(normalize_id("1930571429.0"), "1930571429");
        assert_eq!(normalize_id("1930571429.00"), "1930571429");
        assert_eq!(normalize_id("'0012"), "0012");
        assert_eq!(normalize_id("=\"0012\""), "0012");
        assert_eq!(normalize_id("INV\u{200B}-001"), "INV-001");
        assert_eq!(normalize_id("ＩＮＶ００１"), "INV001");
        assert_eq!(normalize_id("12.50"), "12.50");
        assert_eq!(normalize_id("AR 2026.0"), "AR 2026.0");
        assert_eq!(normalize_id(".0"), ".0");
        assert_eq!(normalize_id("5."), "5.");
        assert_eq!(normalize_id("SO-1 / 2"), "SO-1 / 2");
        assert_eq!(normalize_id(""), "");
    }

    #[test]
    fn flags() {
        for yes in [
            "是",
            "Y",
            "yes",
            "TRUE",
            "1",
            "x",
            "✓",
            "√",
            "争议",
            "有争议",
            "Ｙ",
        ] {
            assert_eq!(parse_bool_flag(yes), Some(true), "{yes}");
        }
        for no in ["否", "n", "No", "false", "0", "无", "无争议", "×"] {
            assert_eq!(parse_bool_flag(no), Some(false), "{no}");
        }
        assert_eq!(parse_bool_flag("  "), Some(false));
        assert_eq!(parse_bool_flag("maybe"), None);
        assert_eq!(parse_bool_flag("2"), None);
    }

    #[test]
    fn errors_display_short_reasons() {
        assert_eq!(CellError::Empty.to_string(), "empty cell");
        assert_eq!(
            CellError::DateOutOfRange { year: 1 }.to_string(),
            "year 0001 is outside the accepted range 1900-2200"
        );
        assert_eq!(CellError::AmountTooLarge.to_string(), "amount too large");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
