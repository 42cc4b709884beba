use super::*;
use DayMonthOrder::{DayFirst, MonthFirst};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

#[test]
fn iso_and_chinese_forms() {
    let jan5 = d(2026, 1, 5);
    for raw in [
        "2026-01-05",
        "2026/1/5",
        "2026.1.5",
        "2026年1月5日",
        "2026年01月05号",
        "2026 年 1 月 5 日",
        "20260105",
        " 2026-01-05 ",
        "２０２６－０１－０５",
        "２０２６年１月５日",
        "2026／1／5",
    ] {
        assert_eq!(parse_date(raw, None), Ok(jan5), "{raw}");
    }
}

#[test]
fn english_month_names() {
    assert_eq!(parse_date("05-Jan-2026", None), Ok(d(2026, 1, 5)));
    assert_eq!(parse_date("5 Jan 2026", None), Ok(d(2026, 1, 5)));
    assert_eq!(parse_date("Jan 5, 2026", None), Ok(d(2026, 1, 5)));
    assert_eq!(parse_date("Jan. 5, 2026", None), Ok(d(2026, 1, 5)));
    assert_eq!(parse_date("31 March 2026", None), Ok(d(2026, 3, 31)));
    assert_eq!(parse_date("March 31st, 2026", None), Ok(d(2026, 3, 31)));
    assert_eq!(parse_date("1 SEPT 2026", None), Ok(d(2026, 9, 1)));
    assert_eq!(parse_date("2026-Dec-24", None), Ok(d(2026, 12, 24)));
    assert_eq!(parse_date("5 Janu 2026", None), Err(CellError::BadDate));
    assert_eq!(parse_date("5 Ja 2026", None), Err(CellError::BadDate));
    assert_eq!(parse_date("31 Feb 2026", None), Err(CellError::BadDate));
}

#[test]
fn year_last_uses_the_order() {
    assert_eq!(parse_date("1/5/2026", Some(DayFirst)), Ok(d(2026, 5, 1)));
    assert_eq!(parse_date("1/5/2026", Some(MonthFirst)), Ok(d(2026, 1, 5)));
    assert_eq!(parse_date("5/1/2026", Some(DayFirst)), Ok(d(2026, 1, 5)));
    assert_eq!(parse_date("1/5/2026", None), Err(CellError::AmbiguousDate));
    assert_eq!(parse_date("13/05/2026", None), Ok(d(2026, 5, 13)));
    assert_eq!(parse_date("05/13/2026", None), Ok(d(2026, 5, 13)));
    assert_eq!(parse_date("5/5/2026", None), Ok(d(2026, 5, 5)));
    assert_eq!(
        parse_date("13/05/2026", Some(MonthFirst)),
        Err(CellError::BadDate)
    );
    assert_eq!(parse_date("13.05.2026", Some(DayFirst)), Ok(d(2026, 5, 13)));
    assert_eq!(parse_date("32/13/2026", None), Err(CellError::BadDate));
    // Two-digit years are refused rather than given a guessed century.
    assert_eq!(
        parse_date("1/5/26", Some(DayFirst)),
        Err(CellError::BadDate)
    );
}

#[test]
fn excel_serials_with_the_lotus_bug() {
    assert_eq!(parse_date("45292", None), Ok(d(2024, 1, 1)));
    assert_eq!(parse_date("45292.5", None), Ok(d(2024, 1, 1)));
    assert_eq!(parse_date("1", None), Ok(d(1900, 1, 1)));
    assert_eq!(parse_date("59", None), Ok(d(1900, 2, 28)));
    assert_eq!(parse_date("60", None), Err(CellError::BadDate));
    assert_eq!(parse_date("61", None), Ok(d(1900, 3, 1)));
    assert_eq!(parse_date("0", None), Err(CellError::BadDate));
    assert_eq!(
        parse_date("2958465", None),
        Err(CellError::DateOutOfRange { year: 9999 })
    );
    assert_eq!(parse_date("2958466", None), Err(CellError::BadDate));
    assert_eq!(parse_date("123456789", None), Err(CellError::BadDate));
    assert_eq!(parse_date("-45292", None), Err(CellError::BadDate));
}

#[test]
fn times_are_dropped() {
    let jan5 = d(2026, 1, 5);
    for raw in [
        "2026-01-05 13:45:00",
        "2026-01-05T13:45:00",
        "2026-01-05T13:45:00.123Z",
        "2026/1/5 0:00",
        "2026年1月5日 08:30",
        "5 Jan 2026 10:00",
        "2026-01-05  23:59:59",
    ] {
        assert_eq!(parse_date(raw, None), Ok(jan5), "{raw}");
    }
    assert_eq!(
        parse_date("1/5/2026 1:45:00 PM", Some(MonthFirst)),
        Ok(jan5)
    );
    assert_eq!(
        parse_date("2026-01-05 25:00", None),
        Err(CellError::BadDate)
    );
    assert_eq!(parse_date("2026-01-05 13:", None), Err(CellError::BadDate));
    assert_eq!(parse_date("13:45", None), Err(CellError::BadDate));
    assert_eq!(
        parse_date("2026-01-05 13:45 foo", None),
        Err(CellError::BadDate)
    );
}

#[test]
fn impossible_and_out_of_range_dates() {
    assert_eq!(parse_date("", None), Err(CellError::Empty));
    assert_eq!(parse_date(" \u{3000} ", None), Err(CellError::Empty));
    assert_eq!(parse_date("2026-02-30", None), Err(CellError::BadDate));
    assert_eq!(parse_date("2026-13-01", None), Err(CellError::BadDate));
    assert_eq!(parse_date("2026-00-10", None), Err(CellError::BadDate));
    assert_eq!(
        parse_date("0001-01-01", None),
        Err(CellError::DateOutOfRange { year: 1 })
    );
    assert_eq!(
        parse_date("9999-12-31", None),
        Err(CellError::DateOutOfRange { year: 9999 })
    );
    assert_eq!(
        parse_date("1899-12-31", None),
        Err(CellError::DateOutOfRange { year: 1899 })
    );
    assert_eq!(parse_date("2200-12-31", None), Ok(d(2200, 12, 31)));
    assert_eq!(parse_date("2024-02-29", None), Ok(d(2024, 2, 29)));
    assert_eq!(parse_date("2025-02-29", None), Err(CellError::BadDate));
    for junk in [
        "abc",
        "2026-01",
        "2026-01-05-",
        "-2026-01-05",
        "2026-01/05",
        "2026--01--05",
        "2026-001-05",
        "n/a",
        "#N/A",
        "2026-01-05x",
        "1.2.3.4",
        "99999999999999",
        "20261305",
        "2026年13月1日",
        "年月日",
    ] {
        assert!(parse_date(junk, None).is_err(), "{junk}");
    }
}

#[test]
fn evidence_decides_the_order() {
    let decide = |v: &[&str]| decide_day_month_order(v.iter().copied());
    assert_eq!(decide(&["1/5/2026", "13/05/2026"]), Some(DayFirst));
    assert_eq!(decide(&["1/5/2026", "05/13/2026 0:00"]), Some(MonthFirst));
    assert_eq!(decide(&["1/5/2026", "2/6/2026"]), None);
    assert_eq!(decide(&["2026-01-05"]), None);
    let evidence = |v: &[&str]| day_month_evidence(v.iter().copied());
    assert_eq!(
        evidence(&["1/5/2026", "2/6/2026"]),
        DayMonthEvidence::Ambiguous
    );
    assert_eq!(
        evidence(&["2026-01-05", "", "x"]),
        DayMonthEvidence::NotNeeded
    );
    assert_eq!(evidence(&["5/5/2026"]), DayMonthEvidence::NotNeeded);
    assert_eq!(
        evidence(&["13/5/2026", "5/13/2026"]),
        DayMonthEvidence::Conflicting
    );
    // A value wrong either way does not hide the order of the others.
    assert_eq!(
        evidence(&["13/5/2026", "40/40/2026"]),
        DayMonthEvidence::Decided(DayFirst)
    );
    assert_eq!(
        evidence(&["１３．５．２０２６"]),
        DayMonthEvidence::Decided(DayFirst)
    );
    assert_eq!(DayMonthEvidence::Ambiguous.order(), None);
}
