//! One workbook cell as the text the rest of the import reads, the way Excel shows it.

use calamine::{Data, DataRef, ExcelDateTime};
use chrono::NaiveDate;

/// Excel keeps 15 significant digits; beyond that a float is binary noise
/// (`1234.5600000000002` from `=A1*1.13` is shown, and exported, as `1234.56`).
const EXCEL_SIGNIFICANT_DIGITS: usize = 15;
/// One past the last serial Excel can display (9999-12-31).
const SERIAL_END: f64 = 2_958_466.0;

pub fn data_ref_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::DateTimeIso(s) => iso_datetime_text(s),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(b) => bool_text(*b),
        DataRef::DateTime(dt) => datetime_text(dt),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

pub fn data_text(value: &Data) -> String {
    match value {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTimeIso(s) => iso_datetime_text(s),
        Data::Bool(b) => bool_text(*b),
        Data::DateTime(dt) => datetime_text(dt),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_owned()
}

/// Shortest decimal that reads back as the same float, never in exponent form
/// (`1930571429.0` → `1930571429`, `1234.5` → `1234.5`); rounded to Excel's 15
/// significant digits when the shortest form has more.
pub fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let shortest = f.to_string();
    let significant = shortest
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|b| *b == b'0')
        .count();
    if significant <= EXCEL_SIGNIFICANT_DIGITS {
        return shortest;
    }
    // `{:.14e}` rounds the exact binary value correctly to 15 significant digits.
    let sci = format!("{:.*e}", EXCEL_SIGNIFICANT_DIGITS - 1, f);
    plain_from_scientific(&sci).unwrap_or(shortest)
}

/// `-1.23450000000000e3` → `-1234.5`.
fn plain_from_scientific(sci: &str) -> Option<String> {
    let (mantissa, exponent) = sci.split_once('e')?;
    let exponent: i64 = exponent.parse().ok()?;
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    // Decimal point sits after the first digit, moved by the exponent.
    let point = 1 + exponent;
    let mut out = String::from(sign);
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', usize::try_from(-point).ok()?));
        out.push_str(&digits);
    } else {
        let point = usize::try_from(point).ok()?;
        if point >= digits.len() {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', point - digits.len()));
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    if out.contains('.') {
        let trimmed = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(trimmed);
    }
    Some(out)
}

/// `YYYY-MM-DD`, plus ` HH:MM:SS` when the time is not midnight. Durations become total
/// `H:MM:SS`. Serials Excel cannot show as a date (negative, beyond 9999, and the phantom
/// 1900-02-29) stay numbers, so the date parser refuses them with a reason.
fn datetime_text(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if dt.is_duration() {
        return duration_text(serial);
    }
    if !(0.0..SERIAL_END).contains(&serial) {
        return number_text(serial);
    }
    let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    let time = if (h, mi, s, ms) == (0, 0, 0, 0) {
        String::new()
    } else {
        format!(" {h:02}:{mi:02}:{s:02}")
    };
    if serial < 1.0 && y < 1904 {
        // A time of day with no date (1900 system; in the 1904 system 0 is 1904-01-01).
        return format!("{h:02}:{mi:02}:{s:02}");
    }
    match NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d)) {
        Some(date) => format!("{}{time}", date.format("%Y-%m-%d")),
        None => number_text(serial),
    }
}

fn duration_text(days: f64) -> String {
    if !days.is_finite() || days.abs() > 1e9 {
        return number_text(days);
    }
    // Seconds, rounded: durations are display-only, so rounding here is harmless.
    let total = (days * 86_400.0).round() as i64;
    let sign = if total < 0 { "-" } else { "" };
    let total = total.unsigned_abs();
    format!(
        "{sign}{}:{:02}:{:02}",
        total / 3600,
        total / 60 % 60,
        total % 60
    )
}

/// `2026-01-05T00:00:00` → `2026-01-05`; `2026-01-05T13:45:00.5` → `2026-01-05 13:45:00`.
fn iso_datetime_text(s: &str) -> String {
    let Some((date, time)) = s.split_once('T') else {
        return s.to_owned();
    };
    let hms = time.split(['.', 'Z', '+']).next().unwrap_or(time);
    let midnight = time.bytes().all(|b| matches!(b, b'0' | b':' | b'.' | b'Z'));
    if midnight {
        date.to_owned()
    } else {
        format!("{date} {hms}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn dt(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn numbers_as_excel_shows_them() {
        assert_eq!(number_text(1234.5), "1234.5");
        assert_eq!(number_text(1_930_571_429.0), "1930571429");
        assert_eq!(number_text(-0.5), "-0.5");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(1234.56 * 1.13), "1395.0528");
        assert_eq!(number_text(1e21), "1000000000000000000000");
        assert_eq!(number_text(1e-7), "0.0000001");
        assert_eq!(number_text(123_456_789_012_345.0), "123456789012345");
        assert_eq!(
            number_text(1_234_567_890_123_456_789.0),
            "1234567890123460000"
        );
        assert_eq!(
            number_text(0.000_123_456_789_012_345_67),
            "0.000123456789012346"
        );
        assert_eq!(number_text(f64::NAN), "NaN");
        assert_eq!(data_text(&Data::Int(42)), "42");
    }

    #[test]
    fn dates_and_times() {
        assert_eq!(data_text(&dt(45292.0)), "2024-01-01");
        assert_eq!(data_text(&dt(45292.5)), "2024-01-01 12:00:00");
        assert_eq!(data_text(&dt(61.0)), "1900-03-01");
        assert_eq!(data_text(&dt(60.0)), "60"); // Lotus's 1900-02-29
        assert_eq!(data_text(&dt(-3.0)), "-3");
        assert_eq!(data_text(&dt(3e7)), "30000000");
        assert_eq!(data_text(&dt(0.75)), "18:00:00");
        let d1904 = Data::DateTime(ExcelDateTime::new(0.0, ExcelDateTimeType::DateTime, true));
        assert_eq!(data_text(&d1904), "1904-01-01");
        let span = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(data_text(&span), "36:00:00");
        assert_eq!(
            data_text(&Data::DateTimeIso("2026-01-05T00:00:00".into())),
            "2026-01-05"
        );
        assert_eq!(
            data_text(&Data::DateTimeIso("2026-01-05T13:45:00.250".into())),
            "2026-01-05 13:45:00"
        );
        assert_eq!(
            data_text(&Data::DateTimeIso("2026-01-05".into())),
            "2026-01-05"
        );
        assert_eq!(data_text(&Data::DurationIso("PT1H".into())), "PT1H");
    }

    #[test]
    fn strings_bools_errors() {
        assert_eq!(data_text(&Data::String("0012".into())), "0012");
        assert_eq!(data_text(&Data::Bool(true)), "TRUE");
        assert_eq!(data_text(&Data::Bool(false)), "FALSE");
        assert_eq!(data_text(&Data::Error(CellErrorType::NA)), "#N/A");
        assert_eq!(data_text(&Data::Empty), "");
        assert_eq!(data_ref_text(&DataRef::SharedString("客户")), "客户");
        assert_eq!(data_ref_text(&DataRef::String("x".into())), "x");
        assert_eq!(
            data_ref_text(&DataRef::DateTimeIso("2026-01-05T00:00".into())),
            "2026-01-05"
        );
        assert_eq!(data_ref_text(&DataRef::Float(2.5)), "2.5");
    }
}
