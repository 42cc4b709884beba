//! Exact decimal amounts to integer minor units. No floating point anywhere.

use super::{is_invisible, is_space, to_half_width, CellError};

/// Currency markers stripped from either end of an amount. The column (or a currency
/// column) says which currency it is; the marker itself is decoration here.
const CURRENCY_WORDS: &[&str] = &[
    "US$", "HK$", "RMB", "CNY", "USD", "EUR", "HKD", "GBP", "JPY", "¥", "$", "€", "£", "元",
];

/// Parses an amount cell to integer minor units (`minor_digits` = 2 for cents/fen).
///
/// Accepts currency markers (`¥ $ € ￥ £ 元 RMB CNY USD`...) before or after, ASCII and
/// full-width digits, `,`/`，` thousands separators in groups of three, any spaces
/// (NBSP, full-width), negatives as `-1`, `1-` (trailing minus) or `(1)`, a leading `+`,
/// and Excel's scientific notation (`1.5E+3`).
///
/// Exactness: digits beyond the currency's precision must be zeros (`12.300` is 1230 for
/// two digits) — `12.345` is `BadAmount`, never rounded. Likewise `1.23456E+2`. A comma
/// group that is not three digits (`12,5`, European decimal comma) is `BadAmount`, not 125.
/// A blank cell or a lone dash placeholder (`-`, `—`) is `Empty`; the caller decides
/// whether an empty amount means zero. Values beyond i64 minor units are `AmountTooLarge`.
pub fn parse_amount(raw: &str, minor_digits: u32) -> Result<i64, CellError> {
    let half = to_half_width(raw);
    let compact = Compact::new(&half);
    let mut s = compact.as_str();
    if s.is_empty() || matches!(s, "-" | "—" | "--" | "——") {
        return Err(CellError::Empty);
    }
    s = s.strip_prefix('\'').unwrap_or(s);
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner;
    }
    // Signs and currency markers may come in either order at either end: `-¥5`, `¥-5`, `5元-`.
    let mut signs = u8::from(negative);
    loop {
        let before = s.len();
        if let Some(r) = s.strip_prefix('-') {
            (s, negative, signs) = (r, true, signs + 1);
        } else if let Some(r) = s.strip_prefix('+') {
            (s, signs) = (r, signs + 1);
        }
        if let Some(r) = s.strip_suffix('-') {
            (s, negative, signs) = (r, true, signs + 1);
        }
        s = strip_currency(s);
        if s.len() == before || signs > 1 {
            break;
        }
    }
    if signs > 1 {
        return Err(CellError::BadAmount);
    }
    let minor = Decimal::parse(s)?.to_minor(minor_digits)?;
    let signed = if negative { -minor } else { minor };
    i64::try_from(signed).map_err(|_| CellError::AmountTooLarge)
}

fn strip_currency(s: &str) -> &str {
    for word in CURRENCY_WORDS {
        if let Some(r) = strip_prefix_ignore_case(s, word) {
            return r;
        }
        if let Some(r) = strip_suffix_ignore_case(s, word) {
            return r;
        }
    }
    s
}

fn strip_prefix_ignore_case<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| &s[word.len()..])
}

fn strip_suffix_ignore_case<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(word.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(word).then(|| &s[..cut])
}

/// The amount text without any spaces or invisible characters; borrows when there are none.
struct Compact<'a>(std::borrow::Cow<'a, str>);

impl<'a> Compact<'a> {
    fn new(s: &'a str) -> Compact<'a> {
        let drop = |c: char| is_space(c) || is_invisible(c);
        let trimmed = s.trim_matches(drop);
        if trimmed.contains(drop) {
            Compact(
                trimmed
                    .chars()
                    .filter(|c| !drop(*c))
                    .collect::<String>()
                    .into(),
            )
        } else {
            Compact(trimmed.into())
        }
    }
    fn as_str(&self) -> &str {
        &self.0
    }
}

/// An unsigned decimal as written: integer digits (commas allowed), fraction digits and
/// a power-of-ten exponent. Borrowed slices only.
struct Decimal<'a> {
    int: &'a str,
    frac: &'a str,
    exponent: i32,
}

impl<'a> Decimal<'a> {
    fn parse(s: &'a str) -> Result<Decimal<'a>, CellError> {
        let (mantissa, exponent) = match s.find(['e', 'E']) {
            Some(i) => (&s[..i], parse_exponent(&s[i + 1..])?),
            None => (s, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !digits(frac) || !valid_grouping(int) {
            return Err(CellError::BadAmount);
        }
        if exponent != 0 && int.contains(',') {
            return Err(CellError::BadAmount);
        }
        Ok(Decimal {
            int,
            frac,
            exponent,
        })
    }

    /// The value in minor units, exactly, or an error if that needs rounding.
    fn to_minor(&self, minor_digits: u32) -> Result<i128, CellError> {
        let int_digits = self.int.bytes().filter(|b| *b != b',');
        let all_digits = int_digits.chain(self.frac.bytes()).map(|b| b - b'0');
        let digit_count = self.int.bytes().filter(|b| *b != b',').count() + self.frac.len();
        // value = digits × 10^shift minor units; a negative shift drops trailing digits,
        // which must all be zero for the amount to be exact.
        let frac_len = i64::try_from(self.frac.len()).map_err(|_| CellError::BadAmount)?;
        let shift = i64::from(minor_digits) + i64::from(self.exponent) - frac_len;
        let keep = if shift >= 0 {
            digit_count
        } else {
            digit_count.saturating_sub(usize::try_from(-shift).unwrap_or(usize::MAX))
        };
        let mut value: i128 = 0;
        for (i, d) in all_digits.enumerate() {
            if i >= keep {
                if d != 0 {
                    return Err(CellError::BadAmount);
                }
                continue;
            }
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(i128::from(d)))
                .ok_or(CellError::AmountTooLarge)?;
        }
        if shift > 0 && value != 0 {
            let factor = u32::try_from(shift)
                .ok()
                .and_then(|s| 10i128.checked_pow(s))
                .ok_or(CellError::AmountTooLarge)?;
            value = value.checked_mul(factor).ok_or(CellError::AmountTooLarge)?;
        }
        Ok(value)
    }
}

fn parse_exponent(s: &str) -> Result<i32, CellError> {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    if unsigned.is_empty() || unsigned.len() > 4 || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CellError::BadAmount);
    }
    s.parse::<i32>().map_err(|_| CellError::BadAmount)
}

/// Digits, optionally grouped by commas as `1,234,567`: first group 1–3 digits, the rest 3.
fn valid_grouping(int: &str) -> bool {
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    let is_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    if !int.contains(',') {
        return is_digits(int);
    }
    (1..=3).contains(&first.len())
        && is_digits(first)
        && groups.all(|g| g.len() == 3 && is_digits(g))
}

#[cfg(test)]
#[path = "amount_tests.rs"]
mod tests;
