use super::*;

fn cents(raw: &str) -> Result<i64, CellError> {
    parse_amount(raw, 2)
}

#[test]
fn plain_and_grouped() {
    assert_eq!(cents("1234.5"), Ok(123_450));
    assert_eq!(cents("1,234.50"), Ok(123_450));
    assert_eq!(cents("1,234,567.89"), Ok(123_456_789));
    assert_eq!(cents("0"), Ok(0));
    assert_eq!(cents("0.01"), Ok(1));
    assert_eq!(cents(".5"), Ok(50));
    assert_eq!(cents("5."), Ok(500));
    assert_eq!(cents("007"), Ok(700));
    assert_eq!(parse_amount("1200", 0), Ok(1200));
    assert_eq!(parse_amount("1.234", 3), Ok(1234));
}

#[test]
fn currency_markers_and_spaces() {
    for raw in [
        "¥1,234.50",
        "￥1,234.50",
        "$1,234.50",
        "€ 1234.50",
        "£1234.5",
        "1234.50元",
        "RMB 1,234.50",
        "1,234.50 CNY",
        "usd1234.5",
        "US$1,234.50",
        "1\u{00A0}234.50",
        "1 234.50",
        "\u{3000}1234.50\u{3000}",
        "１，２３４．５０",
        "1，234.50",
        "+1234.50",
        "'1234.50",
        "1234.50\u{200B}",
    ] {
        assert_eq!(cents(raw), Ok(123_450), "{raw}");
    }
}

#[test]
fn negatives() {
    for raw in [
        "-1234.50",
        "(1,234.50)",
        "1234.50-",
        "-¥1,234.50",
        "¥-1,234.50",
        "(¥1,234.50)",
        "1,234.50元-",
        "－１２３４．５０",
        "\u{2212}1234.50",
        "（1,234.50）",
        "- 1234.50",
    ] {
        assert_eq!(cents(raw), Ok(-123_450), "{raw}");
    }
    assert_eq!(cents("-0"), Ok(0));
    for raw in ["--5", "-5-", "(-5)", "+-5", "(5", "5)"] {
        assert_eq!(cents(raw), Err(CellError::BadAmount), "{raw}");
    }
}

#[test]
fn precision_is_exact_never_rounded() {
    assert_eq!(cents("12.300"), Ok(1230));
    assert_eq!(cents("12.345"), Err(CellError::BadAmount));
    assert_eq!(cents("0.001"), Err(CellError::BadAmount));
    assert_eq!(cents("0.000"), Ok(0));
    assert_eq!(parse_amount("1200.00", 0), Ok(1200));
    assert_eq!(parse_amount("1200.5", 0), Err(CellError::BadAmount));
}

#[test]
fn scientific_notation_only_when_exact() {
    assert_eq!(cents("1.5E+3"), Ok(150_000));
    assert_eq!(cents("1.5e3"), Ok(150_000));
    assert_eq!(cents("12345E-2"), Ok(12_345));
    assert_eq!(cents("1.2345E+2"), Ok(12_345));
    assert_eq!(cents("1.23456E+2"), Err(CellError::BadAmount));
    assert_eq!(cents("1E-3"), Err(CellError::BadAmount));
    assert_eq!(cents("0E+9999"), Ok(0));
    assert_eq!(cents("1E+9999"), Err(CellError::AmountTooLarge));
    assert_eq!(cents("1E+99999"), Err(CellError::BadAmount));
    assert_eq!(cents("1E"), Err(CellError::BadAmount));
    assert_eq!(cents("E5"), Err(CellError::BadAmount));
    assert_eq!(cents("1,234E2"), Err(CellError::BadAmount));
}

#[test]
fn overflow_and_limits() {
    assert_eq!(
        cents("100000000000000000000"),
        Err(CellError::AmountTooLarge)
    );
    assert_eq!(cents("92233720368547758.07"), Ok(i64::MAX));
    assert_eq!(cents("-92233720368547758.08"), Ok(i64::MIN));
    assert_eq!(
        cents("92233720368547758.08"),
        Err(CellError::AmountTooLarge)
    );
    let long = "9".repeat(100_000);
    assert_eq!(cents(&long), Err(CellError::AmountTooLarge));
    let zeros = format!("{}1.00", "0".repeat(100_000));
    assert_eq!(cents(&zeros), Ok(100));
}

#[test]
fn empty_placeholders_and_junk() {
    for raw in ["", "  ", "\u{3000}", "-", "—", "¥"] {
        let r = cents(raw);
        assert!(
            matches!(r, Err(CellError::Empty | CellError::BadAmount)),
            "{raw}: {r:?}"
        );
    }
    assert_eq!(cents(""), Err(CellError::Empty));
    assert_eq!(cents("-"), Err(CellError::Empty));
    for raw in [
        "abc", "12,5", "1.234,56", "1,23,456", "12.3.4", "1,2345", ",123", "12%", "1 2 3x", "$",
        ".", "()", "EUR", "0x10", "NaN", "inf", "1_000",
    ] {
        assert!(cents(raw).is_err(), "{raw}");
    }
}
