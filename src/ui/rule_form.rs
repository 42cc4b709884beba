//! The rule editor's text fields ↔ rule values: lists, day bounds and per-currency amount
//! thresholds. Pure and tested natively; the editor only binds inputs to these.

use crate::domain::money::{Currency, Money};
use crate::import::cells::parse_amount;

/// `华东, 华南；华北` → `["华东", "华南", "华北"]`, as list cells are read on import.
pub use crate::import::cells::split_list as parse_list;

pub fn format_list(items: &[String]) -> String {
    items.join(", ")
}

/// A day bound: empty is open-ended; otherwise a whole number (negative before due).
pub fn parse_day(text: &str) -> Result<Option<i64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<i64>()
        .ok()
        .filter(|d| d.abs() <= 36_500)
        .map(Some)
        .ok_or_else(|| format!("not a whole number of days: {t}"))
}

/// A percentage threshold: empty is "no condition"; otherwise a whole number up to `max`
/// (`%` allowed after it).
pub fn parse_percent(text: &str, max: u32) -> Result<Option<u32>, String> {
    let t = text.trim().trim_end_matches(['%', '％']).trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>()
        .ok()
        .filter(|p| *p <= max)
        .map(Some)
        .ok_or_else(|| format!("a whole percentage from 0 to {max}: {}", text.trim()))
}

pub fn format_percent(p: Option<u32>) -> String {
    p.map(|p| p.to_string()).unwrap_or_default()
}

/// `CNY 100000, USD 20000.50` → one threshold per currency.
pub fn parse_thresholds(text: &str) -> Result<Vec<Money>, String> {
    let mut out: Vec<Money> = Vec::new();
    for item in parse_list(text) {
        let (code, amount) = item.split_once(char::is_whitespace).ok_or_else(|| {
            format!("write the currency then the amount, e.g. CNY 100000: {item}")
        })?;
        let currency = Currency::parse(code.trim()).map_err(|e| format!("{item}: {e}"))?;
        let minor = parse_amount(amount.trim(), currency.minor_digits())
            .map_err(|e| format!("{item}: {e:?}"))?;
        if minor < 0 {
            return Err(format!("{item}: a threshold cannot be negative"));
        }
        if out.iter().any(|m| m.currency == currency) {
            return Err(format!("{item}: {} appears twice", currency.code()));
        }
        out.push(Money::new(minor, currency));
    }
    Ok(out)
}

pub fn format_thresholds(items: &[Money]) -> String {
    items
        .iter()
        .map(|m| format!("{} {}", m.currency.code(), m.to_plain_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_on_chinese_and_ascii_separators() {
        assert_eq!(
            parse_list(" 华东，华南; 华北、\n"),
            ["华东", "华南", "华北"]
        );
        assert!(parse_list("  ").is_empty());
    }

    #[test]
    fn percentages() {
        assert_eq!(parse_percent(" ", 100), Ok(None));
        assert_eq!(parse_percent("80", 100), Ok(Some(80)));
        assert_eq!(parse_percent("100 %", 100), Ok(Some(100)));
        assert_eq!(parse_percent("120％", 1000), Ok(Some(120)));
        assert!(parse_percent("101", 100).is_err());
        assert!(parse_percent("-5", 100).is_err());
        assert!(parse_percent("0.5", 100).is_err());
        assert_eq!(format_percent(parse_percent("75", 100).unwrap()), "75");
        assert_eq!(format_percent(None), "");
    }

    #[test]
    fn day_bounds() {
        assert_eq!(parse_day(""), Ok(None));
        assert_eq!(parse_day("-3"), Ok(Some(-3)));
        assert!(parse_day("7.5").is_err());
        assert!(parse_day("99999999").is_err());
    }

    #[test]
    fn thresholds_round_trip_and_refuse_nonsense() {
        let t = parse_thresholds("CNY 100,000.00, USD 20000.5").unwrap_err();
        assert!(t.contains("USD") || t.contains("000"), "{t}");
        let t = parse_thresholds("CNY 100000；USD 20000.5").unwrap();
        assert_eq!(format_thresholds(&t), "CNY 100000.00, USD 20000.50");
        assert_eq!(parse_thresholds(&format_thresholds(&t)).unwrap(), t);
        assert!(parse_thresholds("XYZ 1").is_err());
        assert!(parse_thresholds("100").is_err());
        assert!(parse_thresholds("CNY 1; CNY 2").is_err());
        assert!(parse_thresholds("CNY -1").is_err());
    }
}
