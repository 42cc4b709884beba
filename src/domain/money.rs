//! Exact money: integer minor units tagged with their currency. Never floating point.
//!
//! Amounts in different currencies cannot be added by accident: `checked_add` refuses a mix,
//! and [`Totals`] keeps one sum per currency.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// An ISO 4217 currency code from the table below (unknown codes are rejected at import).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

/// (code, digits after the decimal point). The currencies Chinese exporters and their
/// customers actually invoice in; extend the table rather than guessing.
#[rustfmt::skip]
const CURRENCIES: &[(&str, u32)] = &[
    ("CNY", 2), ("USD", 2), ("EUR", 2), ("HKD", 2), ("JPY", 0), ("GBP", 2), ("KRW", 0),
    ("TWD", 2), ("SGD", 2), ("AUD", 2), ("CAD", 2), ("CHF", 2), ("MOP", 2), ("THB", 2),
    ("MYR", 2), ("IDR", 2), ("VND", 0), ("PHP", 2), ("INR", 2), ("RUB", 2), ("AED", 2),
    ("SAR", 2), ("BRL", 2), ("MXN", 2), ("ZAR", 2), ("NZD", 2), ("SEK", 2), ("NOK", 2),
    ("DKK", 2), ("PLN", 2), ("TRY", 2), ("CZK", 2), ("HUF", 2), ("ILS", 2), ("PKR", 2),
    ("BDT", 2), ("LKR", 2), ("EGP", 2), ("NGN", 2), ("KZT", 2), ("UAH", 2), ("CLP", 0),
    ("COP", 2), ("PEN", 2), ("ARS", 2), ("KWD", 3), ("BHD", 3), ("OMR", 3), ("QAR", 2),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    UnknownCurrency(String),
    CurrencyMismatch(Currency, Currency),
    Overflow,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::UnknownCurrency(c) => write!(f, "unknown currency code {c:?}"),
            MoneyError::CurrencyMismatch(a, b) => write!(f, "cannot combine {a} with {b}"),
            MoneyError::Overflow => write!(f, "amount too large"),
        }
    }
}
impl std::error::Error for MoneyError {}

impl Currency {
    pub const CNY: Currency = Currency(*b"CNY");
    pub const USD: Currency = Currency(*b"USD");
    pub const EUR: Currency = Currency(*b"EUR");

    /// Accepts ISO codes in any case and the common Chinese names and symbols.
    pub fn parse(raw: &str) -> Result<Currency, MoneyError> {
        let t = raw.trim();
        let alias = match t {
            // Simplified names, then the traditional ones of Taiwan and Hong Kong exports.
            "人民币" | "RMB" | "rmb" | "¥" | "￥" | "元" | "本位币" => Some("CNY"),
            "人民幣" | "本位幣" => Some("CNY"),
            "美元" | "US$" | "$" | "美金" => Some("USD"),
            "欧元" | "€" | "歐元" => Some("EUR"),
            "港币" | "港元" | "HK$" | "港幣" => Some("HKD"),
            "日元" | "円" | "日圓" | "日幣" => Some("JPY"),
            "英镑" | "£" | "英鎊" => Some("GBP"),
            "韩元" | "韓元" => Some("KRW"),
            "新台币" | "新台幣" | "新臺幣" | "台幣" | "臺幣" | "NT$" => Some("TWD"),
            _ => None,
        };
        let code = alias
            .map(str::to_owned)
            .unwrap_or_else(|| t.to_ascii_uppercase());
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(c, _)| Currency(c.as_bytes().try_into().expect("3-letter table entry")))
            .ok_or_else(|| MoneyError::UnknownCurrency(raw.to_owned()))
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).expect("currency codes are ASCII")
    }

    /// Digits after the decimal point (2 for CNY, 0 for JPY, 3 for KWD).
    pub fn minor_digits(&self) -> u32 {
        CURRENCIES
            .iter()
            .find(|(c, _)| c.as_bytes() == self.0)
            .map(|(_, d)| *d)
            .expect("a Currency is only built from the table")
    }

    /// The symbol shown before an amount, or the code followed by a space.
    pub fn symbol(&self) -> &str {
        match self.code() {
            "CNY" => "¥",
            "USD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            "JPY" => "JP¥",
            "HKD" => "HK$",
            _ => self.code(),
        }
    }
}

impl TryFrom<String> for Currency {
    type Error = MoneyError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Currency::parse(&s)
    }
}
impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.code().to_owned()
    }
}
impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An exact amount: `minor` units (cents, fen) of `currency`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }
    pub fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }
    pub fn is_zero(&self) -> bool {
        self.minor == 0
    }
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self
            .minor
            .checked_add(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money {
            minor,
            currency: self.currency,
        })
    }
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self
            .minor
            .checked_sub(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money {
            minor,
            currency: self.currency,
        })
    }
    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency, other.currency))
        }
    }

    /// Plain decimal string, no grouping: `12345.67`, `-0.50`, `1200` (JPY).
    pub fn to_plain_string(&self) -> String {
        self.format(false)
    }

    /// For people: symbol, thousands separators: `¥12,345.67`, `-$0.50`.
    pub fn to_display_string(&self) -> String {
        let body = self.format(true);
        let (sign, digits) = match body.strip_prefix('-') {
            Some(d) => ("-", d.to_owned()),
            None => ("", body),
        };
        let sym = self.currency.symbol();
        if sym.len() == 3 && sym.chars().all(|c| c.is_ascii_uppercase()) {
            format!("{sign}{sym} {digits}")
        } else {
            format!("{sign}{sym}{digits}")
        }
    }

    fn format(&self, group: bool) -> String {
        let digits = self.currency.minor_digits();
        let scale = 10u128.pow(digits);
        let abs = (self.minor as i128).unsigned_abs();
        let (int, frac) = (abs / scale, abs % scale);
        let mut int_s = int.to_string();
        if group {
            int_s = group_thousands(&int_s);
        }
        let sign = if self.minor < 0 { "-" } else { "" };
        if digits == 0 {
            format!("{sign}{int_s}")
        } else {
            format!("{sign}{int_s}.{frac:0width$}", width = digits as usize)
        }
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_plain_string(), self.currency)
    }
}
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_display_string())
    }
}

/// One running sum per currency; iteration is in currency-code order (deterministic).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals(BTreeMap<Currency, i64>);

impl Totals {
    pub fn new() -> Totals {
        Totals::default()
    }
    /// Adds `m` to its currency's sum. Saturates rather than wrapping: pool amounts are
    /// bounded at import far below i64::MAX, so saturation would only show a corrupt pool.
    pub fn add(&mut self, m: Money) {
        let e = self.0.entry(m.currency).or_insert(0);
        *e = e.saturating_add(m.minor);
    }
    pub fn get(&self, c: Currency) -> Money {
        Money::new(self.0.get(&c).copied().unwrap_or(0), c)
    }
    pub fn iter(&self) -> impl Iterator<Item = Money> + '_ {
        self.0.iter().map(|(c, m)| Money::new(*m, *c))
    }
    pub fn currencies(&self) -> impl Iterator<Item = Currency> + '_ {
        self.0.keys().copied()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_chinese_names() {
        assert_eq!(Currency::parse("cny").unwrap(), Currency::CNY);
        assert_eq!(Currency::parse(" 人民币 ").unwrap(), Currency::CNY);
        assert_eq!(Currency::parse("美元").unwrap(), Currency::USD);
        // Taiwan and Hong Kong exports.
        assert_eq!(Currency::parse("美金").unwrap(), Currency::USD);
        assert_eq!(Currency::parse("人民幣").unwrap(), Currency::CNY);
        assert_eq!(Currency::parse("新臺幣").unwrap().code(), "TWD");
        assert_eq!(Currency::parse("港幣").unwrap().code(), "HKD");
        assert_eq!(Currency::parse("JPY").unwrap().minor_digits(), 0);
        assert!(matches!(
            Currency::parse("XYZ"),
            Err(MoneyError::UnknownCurrency(_))
        ));
    }

    #[test]
    fn formats_plain_and_grouped() {
        let m = Money::new(1_234_567, Currency::CNY);
        assert_eq!(m.to_plain_string(), "12345.67");
        assert_eq!(m.to_display_string(), "¥12,345.67");
        assert_eq!(Money::new(-50, Currency::USD).to_display_string(), "-$0.50");
        assert_eq!(Money::new(-50, Currency::USD).to_plain_string(), "-0.50");
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(Money::new(1_200_000, jpy).to_plain_string(), "1200000");
        let krw = Currency::parse("KRW").unwrap();
        assert_eq!(Money::new(-1_000, krw).to_display_string(), "-KRW 1,000");
        assert_eq!(
            Money::new(i64::MIN, Currency::CNY).to_plain_string(),
            "-92233720368547758.08"
        );
    }

    #[test]
    fn refuses_mixed_currencies_and_overflow() {
        let a = Money::new(100, Currency::CNY);
        let b = Money::new(100, Currency::USD);
        assert!(matches!(
            a.checked_add(b),
            Err(MoneyError::CurrencyMismatch(..))
        ));
        assert_eq!(
            Money::new(i64::MAX, Currency::CNY).checked_add(a),
            Err(MoneyError::Overflow)
        );
        assert_eq!(a.checked_sub(a).unwrap(), Money::zero(Currency::CNY));
    }

    #[test]
    fn totals_keep_currencies_apart() {
        let mut t = Totals::new();
        t.add(Money::new(100, Currency::USD));
        t.add(Money::new(250, Currency::CNY));
        t.add(Money::new(-50, Currency::USD));
        assert_eq!(t.get(Currency::USD).minor, 50);
        assert_eq!(t.get(Currency::CNY).minor, 250);
        assert_eq!(
            t.currencies().collect::<Vec<_>>(),
            vec![Currency::CNY, Currency::USD]
        );
    }

    #[test]
    fn serde_round_trip() {
        let m = Money::new(-12345, Currency::EUR);
        let j = serde_json::to_string(&m).unwrap();
        assert_eq!(j, r#"{"minor":-12345,"currency":"EUR"}"#);
        assert_eq!(serde_json::from_str::<Money>(&j).unwrap(), m);
        assert!(serde_json::from_str::<Money>(r#"{"minor":1,"currency":"ZZZ"}"#).is_err());
    }
}
