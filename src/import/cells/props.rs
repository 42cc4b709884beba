//! Property tests: no input panics the cell parsers, and every supported way of writing
//! an amount or a date reads back as what was written.

use super::*;
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9０-９.,，．()（）¥$€ +\\-eE元RMBCNYUSD年月日/:T ]{0,24}",
        "[0-9]{1,12}([./-][0-9]{1,4}){0,3}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?",
        "[A-Za-z]{0,9} ?[0-9]{0,4},? ?[0-9]{0,5}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_cell_parser_panics(raw in any_text(), digits in 0u32..=4) {
        let _ = parse_date(&raw, None);
        let _ = parse_date(&raw, Some(DayMonthOrder::DayFirst));
        let _ = parse_date(&raw, Some(DayMonthOrder::MonthFirst));
        let _ = parse_amount(&raw, digits);
        let _ = normalize_id(&raw);
        let _ = parse_bool_flag(&raw);
        let _ = decide_day_month_order([raw.as_str(), "1/2/2026"]);
        let cleaned = clean_text(&raw);
        prop_assert_eq!(clean_text(&cleaned), cleaned.clone());
        prop_assert_eq!(is_blank(&raw), cleaned.is_empty());
    }

    #[test]
    fn ids_of_digits_are_kept_verbatim(id in "[0-9]{1,20}") {
        prop_assert_eq!(normalize_id(&id), id.clone());
        prop_assert_eq!(normalize_id(&format!(" '{id} ")), id.clone());
        prop_assert_eq!(normalize_id(&format!("{id}.00")), id);
    }

    #[test]
    fn amounts_round_trip(
        minor in any::<i64>(),
        digits in 0u32..=3,
        extra_zeros in 0usize..3,
        sign_style in 0u8..3,
        grouping in prop::sample::select(vec!["", ",", "，", " "]),
        marker in prop::sample::select(vec!["", "¥", "￥", "$", "€", "RMB ", "CNY"]),
        suffix in prop::sample::select(vec!["", "元", " USD"]),
        full_width in any::<bool>(),
    ) {
        let written = write_amount(minor, digits, extra_zeros, sign_style, grouping, marker, suffix, full_width);
        prop_assert_eq!(parse_amount(&written, digits), Ok(minor), "{}", written);
    }

    #[test]
    fn dates_round_trip(days in 0i64..109_572, style in 0usize..16, secs in 0u32..86_400) {
        let date = NaiveDate::from_ymd_opt(1900, 1, 1).and_then(|d| d.checked_add_signed(chrono::Duration::days(days)));
        let Some(date) = date else { return Err(TestCaseError::fail("bad range")) };
        let (written, order) = write_date(date, style, secs);
        prop_assert_eq!(parse_date(&written, order), Ok(date), "{}", written);
    }
}

#[allow(clippy::too_many_arguments)]
fn write_amount(
    minor: i64,
    digits: u32,
    extra_zeros: usize,
    sign_style: u8,
    grouping: &str,
    marker: &str,
    suffix: &str,
    full_width: bool,
) -> String {
    let abs = i128::from(minor).unsigned_abs();
    let scale = 10u128.pow(digits);
    let int = (abs / scale).to_string();
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push_str(grouping);
        }
        grouped.push(c);
    }
    let mut body = grouped;
    if digits > 0 {
        body.push_str(&format!(".{:0w$}", abs % scale, w = digits as usize));
        body.push_str(&"0".repeat(extra_zeros));
    }
    let body = format!("{marker}{body}{suffix}");
    let signed = match (minor < 0, sign_style) {
        (false, _) => body,
        (true, 0) => format!("-{body}"),
        (true, 1) => format!("({body})"),
        (true, _) => format!("{body}-"),
    };
    if full_width {
        signed.chars().map(to_full_width).collect()
    } else {
        signed
    }
}

fn to_full_width(c: char) -> char {
    match c {
        '0'..='9' | '.' | ',' | '(' | ')' | '-' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn excel_serial(date: NaiveDate) -> i64 {
    let lotus_cutoff = NaiveDate::from_ymd_opt(1900, 3, 1).unwrap_or(date);
    let epoch = if date < lotus_cutoff {
        (1899, 12, 31)
    } else {
        (1899, 12, 30)
    };
    let epoch = NaiveDate::from_ymd_opt(epoch.0, epoch.1, epoch.2).unwrap_or(date);
    (date - epoch).num_days()
}

fn write_date(date: NaiveDate, style: usize, secs: u32) -> (String, Option<DayMonthOrder>) {
    let (y, m, d) = (date.year(), date.month(), date.day());
    let (h, mi, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let written = match style {
        0 => date.format("%Y-%m-%d").to_string(),
        1 => format!("{y}/{m}/{d}"),
        2 => format!("{y}.{m}.{d}"),
        3 => format!("{y}年{m}月{d}日"),
        4 => date.format("%Y%m%d").to_string(),
        5 => date.format("%d-%b-%Y").to_string(),
        6 => format!("{d} {}", date.format("%b %Y")),
        7 => format!("{} {d}, {y}", date.format("%b")),
        8 => format!("{d} {}", date.format("%B %Y")),
        9 => return (format!("{d}/{m}/{y}"), Some(DayMonthOrder::DayFirst)),
        10 => {
            return (
                date.format("%m/%d/%Y").to_string(),
                Some(DayMonthOrder::MonthFirst),
            )
        }
        11 => format!("{} {h}:{mi:02}:{s:02}", date.format("%Y-%m-%d")),
        12 => format!("{}T{h:02}:{mi:02}:{s:02}", date.format("%Y-%m-%d")),
        13 => format!("{}.{:05}", excel_serial(date), secs),
        14 => excel_serial(date).to_string(),
        _ => date
            .format("%Y-%m-%d")
            .to_string()
            .chars()
            .map(to_full_width)
            .collect(),
    };
    (written, None)
}
