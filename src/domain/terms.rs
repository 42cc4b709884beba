//! Payment terms (付款条件): a base date plus N days, parsed from the text ERPs export.
//!
//! Parsing is deliberately strict about *shape* and loose about *spelling*: full-width
//! characters, spaces and case are ignored, but anything not in the recognised forms is
//! `None` — a wrong due date is worse than a missing one, because the user would trust it.

use super::asof::last_day_of_month;
use super::model::Invoice;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// What the N days count from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermsBase {
    /// `30天`, `Net 30`, a bare `30`.
    InvoiceDate,
    /// `货到30天`: from the shipment / goods-received date (falls back to the invoice date).
    Delivery,
    /// `月结60天`, `EOM 30`: from the last day of the invoice's month.
    EndOfMonth,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Terms {
    pub base: TermsBase,
    pub days: u32,
}

/// Ten years. Longer "terms" are a typo or a date pasted into the wrong column.
pub const MAX_TERMS_DAYS: u32 = 3650;

impl Terms {
    pub fn new(base: TermsBase, days: u32) -> Terms {
        Terms { base, days }
    }

    /// Reads terms text such as `30天`, `月结 60 天`, `货到30天`, `货到付款`, `款到发货`,
    /// `Net 30`, `N30`, `EOM 30`, `30 EOM`, `Due on receipt`, or a bare `45` / `45.0`.
    /// Also accepts the unambiguous `账期30天` and `Net 30 days` / `30 days`.
    ///
    /// `COD` is read as due on the invoice date (as specified), not the delivery date.
    /// Returns `None` for anything else, and for more than [`MAX_TERMS_DAYS`] days.
    pub fn parse(text: &str) -> Option<Terms> {
        let s = normalize(text);
        if let Some(terms) = fixed_phrase(&s) {
            return Some(terms);
        }
        let (prefix, rest) = split_prefix(&s);
        let (days, suffix) = split_days(rest)?;
        let base = base_for(prefix, suffix)?;
        Some(Terms { base, days })
    }

    /// The due date for an invoice dated `invoice_date`, shipped on `shipped` (if known).
    /// Never panics: a date past chrono's range saturates to `NaiveDate::MAX`.
    pub fn due_date(&self, invoice_date: NaiveDate, shipped: Option<NaiveDate>) -> NaiveDate {
        let start = match self.base {
            TermsBase::InvoiceDate => invoice_date,
            TermsBase::Delivery => shipped.unwrap_or(invoice_date),
            TermsBase::EndOfMonth => last_day_of_month(invoice_date),
        };
        start
            .checked_add_days(Days::new(u64::from(self.days)))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// When an invoice falls due: an explicit `invoice.due` wins; else the invoice's own terms;
/// else the customer's default terms; else the invoice date (due on receipt).
pub fn effective_due(invoice: &Invoice, customer_terms: Option<Terms>) -> NaiveDate {
    if let Some(due) = invoice.due {
        return due;
    }
    match invoice.terms.or(customer_terms) {
        Some(terms) => terms.due_date(invoice.date, invoice.shipped),
        None => invoice.date,
    }
}

/// Full-width ASCII to half-width, lowercase, and spaces removed, so that `Ｎｅｔ　３０`,
/// `net30` and `NET 30` all read the same. A space between two digits is kept (and then
/// refused by the parser): `30 30` must not become 3030 days.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space_pending = false;
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() {
            space_pending = true;
            continue;
        }
        if space_pending && c.is_ascii_digit() && out.ends_with(|p: char| p.is_ascii_digit()) {
            out.push(' ');
        }
        space_pending = false;
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Whole phrases that carry no number.
fn fixed_phrase(s: &str) -> Option<Terms> {
    let base = match s {
        "款到发货" | "先款后货" | "预付" | "预付款" | "现款" | "现金" | "cash" | "dueonreceipt"
        | "cod" => TermsBase::InvoiceDate,
        "货到付款" => TermsBase::Delivery,
        "eom" => TermsBase::EndOfMonth,
        _ => return None,
    };
    Some(Terms { base, days: 0 })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prefix {
    None,
    Monthly,  // 月结
    Delivery, // 货到
    Period,   // 账期
    Net,      // net
    N,        // n (N30)
    Eom,      // eom
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Suffix {
    None,
    Tian, // 天
    Days, // days / day
    Eom,  // eom
}

fn split_prefix(s: &str) -> (Prefix, &str) {
    // `net` before `n`: the longer spelling must win.
    const PREFIXES: &[(&str, Prefix)] = &[
        ("月结", Prefix::Monthly),
        ("货到", Prefix::Delivery),
        ("账期", Prefix::Period),
        ("net", Prefix::Net),
        ("eom", Prefix::Eom),
        ("n", Prefix::N),
    ];
    PREFIXES
        .iter()
        .find_map(|(text, prefix)| s.strip_prefix(text).map(|rest| (*prefix, rest)))
        .unwrap_or((Prefix::None, s))
}

/// `45`, `45.0`, `45.00` followed by a known suffix. Fractions of a day are refused.
fn split_days(s: &str) -> Option<(u32, Suffix)> {
    let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, mut rest) = s.split_at(digits_end);
    if digits.is_empty() {
        return None;
    }
    if let Some(fraction) = rest.strip_prefix('.') {
        let zeros_end = fraction.find(|c: char| c != '0').unwrap_or(fraction.len());
        if zeros_end == 0 {
            return None;
        }
        rest = &fraction[zeros_end..];
    }
    // Leading zeros are harmless; the length check keeps the parse from overflowing.
    let significant = digits.trim_start_matches('0');
    if significant.len() > 4 {
        return None;
    }
    let days: u32 = if significant.is_empty() {
        0
    } else {
        significant.parse().ok()?
    };
    if days > MAX_TERMS_DAYS {
        return None;
    }
    let suffix = match rest {
        "" => Suffix::None,
        "天" => Suffix::Tian,
        "days" | "day" => Suffix::Days,
        "eom" => Suffix::Eom,
        _ => return None,
    };
    Some((days, suffix))
}

/// Which prefix/suffix pairs make sense; mixtures like `月结30days` or `N30天` are refused.
fn base_for(prefix: Prefix, suffix: Suffix) -> Option<TermsBase> {
    use Suffix as S;
    match (prefix, suffix) {
        (Prefix::None, S::None | S::Tian | S::Days) => Some(TermsBase::InvoiceDate),
        (Prefix::None, S::Eom) => Some(TermsBase::EndOfMonth),
        (Prefix::Net, S::None | S::Days) => Some(TermsBase::InvoiceDate),
        (Prefix::Net, S::Eom) => Some(TermsBase::EndOfMonth),
        (Prefix::N, S::None) => Some(TermsBase::InvoiceDate),
        (Prefix::Eom, S::None | S::Days) => Some(TermsBase::EndOfMonth),
        (Prefix::Monthly, S::None | S::Tian) => Some(TermsBase::EndOfMonth),
        (Prefix::Delivery, S::None | S::Tian) => Some(TermsBase::Delivery),
        (Prefix::Period, S::None | S::Tian) => Some(TermsBase::InvoiceDate),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{Currency, Money};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(base: TermsBase, days: u32) -> Option<Terms> {
        Some(Terms::new(base, days))
    }
    use TermsBase::{Delivery, EndOfMonth, InvoiceDate};

    #[test]
    fn parses_chinese_forms() {
        assert_eq!(Terms::parse("30天"), t(InvoiceDate, 30));
        assert_eq!(Terms::parse("30 天"), t(InvoiceDate, 30));
        assert_eq!(Terms::parse(" ３０天 "), t(InvoiceDate, 30));
        assert_eq!(Terms::parse("月结60天"), t(EndOfMonth, 60));
        assert_eq!(Terms::parse("月结 60 天"), t(EndOfMonth, 60));
        assert_eq!(Terms::parse("月结　６０　天"), t(EndOfMonth, 60));
        assert_eq!(Terms::parse("月结60"), t(EndOfMonth, 60));
        assert_eq!(Terms::parse("货到30天"), t(Delivery, 30));
        assert_eq!(Terms::parse("货到 30"), t(Delivery, 30));
        assert_eq!(Terms::parse("账期45天"), t(InvoiceDate, 45));
    }

    #[test]
    fn parses_zero_day_phrases() {
        assert_eq!(Terms::parse("货到付款"), t(Delivery, 0));
        for phrase in [
            "款到发货",
            "预付",
            "预付款",
            "现款",
            "Cash",
            "CASH",
            "Due on receipt",
            "COD",
        ] {
            assert_eq!(Terms::parse(phrase), t(InvoiceDate, 0), "{phrase}");
        }
        assert_eq!(Terms::parse("EOM"), t(EndOfMonth, 0));
        assert_eq!(Terms::parse("ｅｏｍ"), t(EndOfMonth, 0));
    }

    #[test]
    fn parses_english_forms() {
        for text in [
            "Net 30",
            "NET30",
            "net 30",
            "N30",
            "n 30",
            "Net 30 days",
            "30 days",
            "Ｎｅｔ３０",
        ] {
            assert_eq!(Terms::parse(text), t(InvoiceDate, 30), "{text}");
        }
        for text in ["EOM 30", "30 EOM", "Net 30 EOM", "eom30", "EOM 30 days"] {
            assert_eq!(Terms::parse(text), t(EndOfMonth, 30), "{text}");
        }
    }

    #[test]
    fn parses_bare_numbers() {
        assert_eq!(Terms::parse("45"), t(InvoiceDate, 45));
        assert_eq!(Terms::parse("45.0"), t(InvoiceDate, 45));
        assert_eq!(Terms::parse("45.00"), t(InvoiceDate, 45));
        assert_eq!(Terms::parse("0"), t(InvoiceDate, 0));
        assert_eq!(Terms::parse("0045"), t(InvoiceDate, 45));
        assert_eq!(Terms::parse("3650"), t(InvoiceDate, 3650));
    }

    #[test]
    fn refuses_everything_else() {
        for text in [
            "",
            "  ",
            "天",
            "月结",
            "货到",
            "net",
            "n",
            "abc",
            "45.5",
            "45.",
            ".5",
            "-30",
            "+30",
            "30天以内",
            "3651",
            "99999999999999999999999",
            "月结30days",
            "N30天",
            "货到30eom",
            "30 30",
            "3 0天",
            "net net 30",
            "30 eom eom",
            "eom eom",
            "月结eom",
            "2024-01-31",
            "1e3",
            "三十天",
            "30日",
        ] {
            assert_eq!(Terms::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn due_from_invoice_date() {
        let terms = Terms::new(InvoiceDate, 30);
        assert_eq!(
            terms.due_date(d(2024, 1, 15), Some(d(2024, 1, 20))),
            d(2024, 2, 14)
        );
        assert_eq!(
            Terms::new(InvoiceDate, 0).due_date(d(2024, 1, 15), None),
            d(2024, 1, 15)
        );
    }

    #[test]
    fn due_from_delivery_falls_back_to_invoice_date() {
        let terms = Terms::new(Delivery, 30);
        assert_eq!(
            terms.due_date(d(2024, 1, 15), Some(d(2024, 1, 20))),
            d(2024, 2, 19)
        );
        assert_eq!(terms.due_date(d(2024, 1, 15), None), d(2024, 2, 14));
    }

    #[test]
    fn due_from_end_of_month() {
        let terms = Terms::new(EndOfMonth, 30);
        assert_eq!(terms.due_date(d(2024, 1, 15), None), d(2024, 3, 1)); // Jan 31 + 30, leap
        assert_eq!(terms.due_date(d(2023, 1, 15), None), d(2023, 3, 2));
        assert_eq!(
            Terms::new(EndOfMonth, 0).due_date(d(2024, 2, 1), None),
            d(2024, 2, 29)
        );
        assert_eq!(
            Terms::new(EndOfMonth, 0).due_date(d(2024, 12, 5), None),
            d(2024, 12, 31)
        );
        assert_eq!(
            Terms::new(EndOfMonth, 60).due_date(d(2024, 12, 31), None),
            d(2025, 3, 1)
        );
    }

    #[test]
    fn due_saturates_at_the_end_of_time() {
        let huge = Terms::new(InvoiceDate, u32::MAX);
        assert_eq!(huge.due_date(d(2024, 1, 1), None), NaiveDate::MAX);
        assert_eq!(
            Terms::new(EndOfMonth, 0).due_date(NaiveDate::MAX, None),
            NaiveDate::MAX
        );
        assert_eq!(
            Terms::new(EndOfMonth, 1).due_date(NaiveDate::MAX, None),
            NaiveDate::MAX
        );
    }

    fn invoice(due: Option<NaiveDate>, terms: Option<Terms>) -> Invoice {
        Invoice {
            due,
            terms,
            shipped: Some(d(2024, 3, 12)),
            ..Invoice::new(
                "INV-1",
                "C1",
                d(2024, 3, 10),
                Money::new(100, Currency::CNY),
            )
        }
    }

    #[test]
    fn effective_due_precedence() {
        let own = Some(Terms::new(Delivery, 10));
        let customer = Some(Terms::new(InvoiceDate, 30));
        let explicit = Some(d(2024, 5, 1));
        assert_eq!(
            effective_due(&invoice(explicit, own), customer),
            d(2024, 5, 1)
        );
        assert_eq!(effective_due(&invoice(None, own), customer), d(2024, 3, 22));
        assert_eq!(effective_due(&invoice(None, None), customer), d(2024, 4, 9));
        assert_eq!(effective_due(&invoice(None, None), None), d(2024, 3, 10));
    }

    #[test]
    fn serde_shape_is_stable() {
        let terms = Terms::new(EndOfMonth, 60);
        let json = serde_json::to_string(&terms).unwrap();
        assert_eq!(json, r#"{"base":"end_of_month","days":60}"#);
        assert_eq!(serde_json::from_str::<Terms>(&json).unwrap(), terms);
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in ".{0,40}") {
            let _ = Terms::parse(&text);
        }

        #[test]
        fn parsed_days_are_capped(text in "[0-9 .天月结货到netomNETOM]{0,12}") {
            if let Some(terms) = Terms::parse(&text) {
                prop_assert!(terms.days <= MAX_TERMS_DAYS);
            }
        }

        #[test]
        fn every_day_count_round_trips(days in 0u32..=MAX_TERMS_DAYS) {
            prop_assert_eq!(Terms::parse(&format!("{days}天")), t(InvoiceDate, days));
            prop_assert_eq!(Terms::parse(&format!("Net {days}")), t(InvoiceDate, days));
            prop_assert_eq!(Terms::parse(&format!("月结{days}天")), t(EndOfMonth, days));
            prop_assert_eq!(Terms::parse(&format!("货到{days}天")), t(Delivery, days));
        }

        #[test]
        fn due_is_never_before_its_base(
            days in any::<u32>(),
            ordinal in 0i32..200_000,
            base in prop_oneof![Just(InvoiceDate), Just(Delivery), Just(EndOfMonth)],
        ) {
            let date = d(1900, 1, 1).checked_add_days(Days::new(ordinal as u64)).unwrap();
            let due = Terms::new(base, days).due_date(date, None);
            prop_assert!(due >= date);
        }
    }
}
