//! Dates as ERP exports and hand-kept sheets write them, parsed without regex or allocation.

mod tokens;

use super::{is_space, to_half_width, CellError};
use chrono::{Duration, NaiveDate};
use tokens::Tokens;

/// Years accepted for any date in a receivables file; anything outside is a typo or a
/// placeholder (`0001-01-01`, `9999-12-31`) and is refused with the year named.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

/// Largest Excel serial (9999-12-31); larger numbers are not dates.
const MAX_EXCEL_SERIAL: u32 = 2_958_465;

/// How to read a `a/b/yyyy` date whose year comes last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayMonthOrder {
    /// `13/05/2026` is 13 May (most of the world).
    DayFirst,
    /// `05/13/2026` is 13 May (US exports: QuickBooks, US-locale Excel).
    MonthFirst,
}

/// What a column's year-last dates say about their day/month order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayMonthEvidence {
    /// No year-last date where the order matters (none at all, or only `5/5/2026` kinds).
    NotNeeded,
    /// Exactly one order makes every such value a valid date.
    Decided(DayMonthOrder),
    /// Both orders make every value valid: only the user can say which is meant.
    Ambiguous,
    /// Neither order fits every value: the column mixes conventions.
    Conflicting,
}

impl DayMonthEvidence {
    /// The order to pass to [`parse_date`]; `None` unless it was `Decided`.
    pub fn order(self) -> Option<DayMonthOrder> {
        match self {
            DayMonthEvidence::Decided(order) => Some(order),
            _ => None,
        }
    }
}

/// Looks at every year-last numeric date of a column (`1/5/2026`, `13.05.2026`,
/// `05-13-2026`) and says which day/month order they follow. Values invalid under both
/// readings are ignored (they will fail on their own); other values are not dates of that
/// form and are ignored too.
pub fn day_month_evidence<'a>(values: impl IntoIterator<Item = &'a str>) -> DayMonthEvidence {
    let (mut informative, mut day_first_fits, mut month_first_fits) = (false, true, true);
    for value in values {
        let Some((a, b, year)) = year_last_parts(value) else {
            continue;
        };
        let day_first = NaiveDate::from_ymd_opt(year, b, a).is_some();
        let month_first = NaiveDate::from_ymd_opt(year, a, b).is_some();
        if a == b || !(day_first || month_first) {
            continue;
        }
        informative = true;
        day_first_fits &= day_first;
        month_first_fits &= month_first;
    }
    match (informative, day_first_fits, month_first_fits) {
        (false, _, _) => DayMonthEvidence::NotNeeded,
        (true, true, true) => DayMonthEvidence::Ambiguous,
        (true, true, false) => DayMonthEvidence::Decided(DayMonthOrder::DayFirst),
        (true, false, true) => DayMonthEvidence::Decided(DayMonthOrder::MonthFirst),
        (true, false, false) => DayMonthEvidence::Conflicting,
    }
}

/// The order a column's year-last dates follow, ready to pass to [`parse_date`].
///
/// `Some(order)` when exactly one order makes every informative value valid. `None`
/// otherwise, which is always safe to pass on: with `None`, [`parse_date`] accepts a
/// value only when its reading is unique (`13/05/2026`, `5/5/2026`) and reports
/// [`CellError::AmbiguousDate`] for the rest. Call [`day_month_evidence`] to tell "no such
/// values" from "ask the user" (`Ambiguous`) and "mixed column" (`Conflicting`).
pub fn decide_day_month_order<'a>(
    values: impl IntoIterator<Item = &'a str>,
) -> Option<DayMonthOrder> {
    day_month_evidence(values).order()
}

/// Parses a date cell. Accepts `2026-01-05`, `2026/1/5`, `2026.1.5`, `2026年1月5日`,
/// `20260105`, `1/5/2026` (by `order`), `05-Jan-2026`, `5 Jan 2026`, `Jan 5, 2026`,
/// `31 March 2026`, Excel serials (`45292`, `45292.5`) and any of these followed by a
/// time (`2026-01-05 13:45:00`, `2026-01-05T13:45:00`, `2026/1/5 0:00`), whose time is
/// dropped. Full-width digits and punctuation are accepted. Years must have four digits.
pub fn parse_date(raw: &str, order: Option<DayMonthOrder>) -> Result<NaiveDate, CellError> {
    let half = to_half_width(raw);
    let text = half.trim_matches(is_space);
    if text.is_empty() {
        return Err(CellError::Empty);
    }
    let date_part = strip_time(text).ok_or(CellError::BadDate)?;
    if let Some(result) = parse_all_digit(date_part) {
        return result;
    }
    let tokens = Tokens::scan(date_part).ok_or(CellError::BadDate)?;
    tokens.to_date(order)
}

/// Day of an Excel 1900-system serial. Serial 60 is Lotus's phantom 1900-02-29: refused.
pub(crate) fn excel_serial_date(serial: u32) -> Result<NaiveDate, CellError> {
    let base = match serial {
        1..=59 => NaiveDate::from_ymd_opt(1899, 12, 31),
        61..=MAX_EXCEL_SERIAL => NaiveDate::from_ymd_opt(1899, 12, 30),
        _ => None,
    };
    let date = base
        .and_then(|b| b.checked_add_signed(Duration::days(i64::from(serial))))
        .ok_or(CellError::BadDate)?;
    in_year_range(date)
}

fn in_year_range(date: NaiveDate) -> Result<NaiveDate, CellError> {
    use chrono::Datelike;
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(CellError::DateOutOfRange { year: date.year() })
    }
}

fn ymd(year: u32, month: u32, day: u32) -> Result<NaiveDate, CellError> {
    let year = i32::try_from(year).map_err(|_| CellError::BadDate)?;
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(CellError::BadDate)?;
    in_year_range(date)
}

/// Removes a trailing time of day (`13:45`, `13:45:00.000`, `1:45 PM`) separated from the
/// date by a space or `T`. `None` if a time is present but malformed.
fn strip_time(text: &str) -> Option<&str> {
    let Some(colon) = text.find(':') else {
        return Some(text);
    };
    let split = text[..colon].rfind([' ', 'T'])?;
    let time = text[split + 1..].trim_matches(is_space);
    is_time_of_day(time).then(|| text[..split].trim_end_matches(is_space))
}

fn is_time_of_day(time: &str) -> bool {
    let suffix_at = time
        .len()
        .checked_sub(2)
        .filter(|i| time.is_char_boundary(*i));
    let (clock, twelve_hour) = match suffix_at.map(|i| time.split_at(i)) {
        Some((clock, suffix))
            if suffix.eq_ignore_ascii_case("am") || suffix.eq_ignore_ascii_case("pm") =>
        {
            (clock.trim_end_matches(is_space), true)
        }
        _ => (time, false),
    };
    let clock = clock.strip_suffix('Z').unwrap_or(clock);
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
    if fraction.is_empty() || fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let max_hour = if twelve_hour { 12 } else { 23 };
    let limits = [max_hour, 59, 59];
    let mut fields = 0;
    for (i, part) in hms.split(':').enumerate() {
        let ok = i < 3
            && (1..=2).contains(&part.len())
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u32>().is_ok_and(|v| v <= limits[i]);
        if !ok {
            return false;
        }
        fields += 1;
    }
    fields >= 2
}

/// `20260105` and Excel serials (`45292`, `45292.5`); `None` if the text is not all digits.
fn parse_all_digit(text: &str) -> Option<Result<NaiveDate, CellError>> {
    let (int, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(fraction) {
        return None;
    }
    let result = if int.len() == 8 && fraction.bytes().all(|b| b == b'0') {
        let n = |r: std::ops::Range<usize>| int[r].parse::<u32>().unwrap_or(0);
        ymd(n(0..4), n(4..6), n(6..8))
    } else if int.len() <= 7 {
        int.parse::<u32>()
            .map_err(|_| CellError::BadDate)
            .and_then(excel_serial_date)
    } else {
        Err(CellError::BadDate)
    };
    Some(result)
}

/// `(a, b, year)` of a numeric `a/b/yyyy` date (separator `/`, `.` or `-`), time allowed.
fn year_last_parts(raw: &str) -> Option<(u32, u32, i32)> {
    let half = to_half_width(raw);
    let tokens = Tokens::scan(strip_time(half.trim_matches(is_space))?)?;
    match tokens.numeric_triple()? {
        (a, b, year) if a.digits <= 2 && b.digits <= 2 && year.digits == 4 => {
            Some((a.value, b.value, i32::try_from(year.value).ok()?))
        }
        _ => None,
    }
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
