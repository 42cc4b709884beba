//! The fixtures under tests/fixtures/import/, end to end. The figures in each test's
//! comment are computed by hand from the fixture; browser end-to-end tests reuse them.

use super::*;

const KINGDEE: &[u8] =
    include_bytes!("../../../../tests/fixtures/import/kingdee_open_items_gbk.csv");
const REGISTER: &[u8] = include_bytes!("../../../../tests/fixtures/import/register_settled_en.csv");
const MULTI: &[u8] = include_bytes!("../../../../tests/fixtures/import/multi_currency.csv");
const BROKEN: &[u8] = include_bytes!("../../../../tests/fixtures/import/broken_rows.csv");
const RECEIPTS: &[u8] = include_bytes!("../../../../tests/fixtures/import/payments_receipts.csv");

/// kingdee_open_items_gbk.csv — GBK, CRLF; lines 1-3 title / `日期：2026-03-31` / blank,
/// header on line 4; 7 data rows, 3 小计 rows (lines 7, 11, 14) and the 合计 row (line 15).
/// Expected: imported 7, rejected 0, subtotals 4; report date 2026-03-31.
/// Invoices 6 = 1,234.50 + 10,000.00 + 58,000.00 + 2,600.00 + 7,890.12 + 3,000.00
///   = ¥82,724.62; credit note AR2026-0015 ¥600.00 (its -600.00 row);
/// payments 4 dated 2026-03-31: AR2026-0007-paid 4,000.00, AR2026-0003-paid 8,000.00,
///   AR2026-0005-paid 7,890.12, AR2026-0009-paid 1,000.00 = ¥20,890.12;
/// open = 82,724.62 − 20,890.12 − 600.00 = ¥61,234.50 = the file's 合计 未收金额.
/// Implied customers 3: 0001 华东机电有限公司, 0002 深圳精密科技有限公司, 0010 北方重工集团.
#[test]
fn kingdee_open_items_gbk() {
    let p = analyze_ok(KINGDEE, "kingdee_open_items_gbk.csv");
    assert_eq!(p.encoding, Some("GB18030"));
    assert_eq!((p.header_row, p.header_line), (3, 4));
    assert_eq!(p.kind, Some(FileKind::Invoices));
    assert!(p.is_ready());
    assert_eq!(p.report_date, Some(d(2026, 3, 31)));
    assert_eq!(
        p.counts,
        RowCounts {
            data: 7,
            imported: 7,
            rejected: 0,
            subtotals: 4,
            blank: 0,
            notes: 0,
            repeated_headers: 0
        }
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let b = &p.batch.records;
    assert_eq!(b.invoices.len(), 6);
    assert_eq!(sum(b.invoices.iter().map(|i| i.amount)), 8_272_462);
    assert!(b
        .invoices
        .iter()
        .all(|i| i.amount.currency == Currency::CNY));
    assert_eq!(b.invoices[0].number, "AR2026-0001");
    assert_eq!(b.invoices[0].customer, "0001");
    assert_eq!(b.invoices[0].amount, cny(123_450));
    assert_eq!(b.invoices[0].due, Some(d(2026, 2, 4)));
    assert_eq!(b.invoices[0].salesperson.as_deref(), Some("张三"));
    assert_eq!(b.credit_notes.len(), 1);
    assert_eq!(
        (b.credit_notes[0].number.as_str(), b.credit_notes[0].amount),
        ("AR2026-0015", cny(60_000))
    );
    let payments: Vec<(&str, i64)> = b
        .payments
        .iter()
        .map(|p| (p.number.as_str(), p.amount.minor))
        .collect();
    assert_eq!(
        payments,
        vec![
            ("AR2026-0007-paid", 400_000),
            ("AR2026-0003-paid", 800_000),
            ("AR2026-0005-paid", 789_012),
            ("AR2026-0009-paid", 100_000),
        ]
    );
    assert!(b.payments.iter().all(|p| p.date == d(2026, 3, 31)));
    let open = sum(b.invoices.iter().map(|i| i.amount))
        - sum(b.payments.iter().map(|p| p.amount))
        - sum(b.credit_notes.iter().map(|c| c.amount));
    assert_eq!(open, 6_123_450);
    let customers: Vec<(&str, &str)> = p
        .batch
        .implied_customers
        .iter()
        .map(|c| (c.code.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(
        customers,
        vec![
            ("0001", "华东机电有限公司"),
            ("0002", "深圳精密科技有限公司"),
            ("0010", "北方重工集团")
        ]
    );
    // The preview shows values as they will be read.
    let first: Vec<&str> = p.sample[0].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        first,
        vec![
            "0001",
            "华东机电有限公司",
            "AR2026-0001",
            "2026-01-05",
            "2026-02-04",
            "CNY",
            "1234.50",
            "0.00",
            "1234.50",
            "张三"
        ]
    );
    assert_eq!(p.sample.len(), 7);
    assert_eq!(p.sample[0].line, 5);
}

/// register_settled_en.csv — 6 USD invoices, 3 settled (Date Paid).
/// Expected: imported 6, rejected 0. Invoices $20,470.75 (1,500.00 + 980.50 + 12,000.00 +
/// 2,250.00 + 640.00 + 3,100.25). Payments 3 = $14,140.00: INV-1001-paid 1,500.00 on
/// 2026-02-01, INV-1003-paid 12,000.00 on 2026-03-05, INV-1005-paid 640.00 on 2026-03-10.
/// Open $6,330.75 (INV-1002, INV-1004, INV-1006). Implied customers 3 (code = name).
#[test]
fn register_settled_en() {
    let p = analyze_ok(REGISTER, "register_settled_en.csv");
    assert_eq!(p.kind, Some(FileKind::Invoices));
    assert_eq!(
        (p.counts.imported, p.counts.rejected),
        (6, 0),
        "{:?}",
        p.errors
    );
    let b = &p.batch.records;
    assert_eq!(sum(b.invoices.iter().map(|i| i.amount)), 2_047_075);
    assert!(b
        .invoices
        .iter()
        .all(|i| i.amount.currency == Currency::USD));
    let usd = |m| Money::new(m, Currency::USD);
    let paid: Vec<(&str, Money, NaiveDate)> = b
        .payments
        .iter()
        .map(|p| (p.number.as_str(), p.amount, p.date))
        .collect();
    assert_eq!(
        paid,
        vec![
            ("INV-1001-paid", usd(150_000), d(2026, 2, 1)),
            ("INV-1003-paid", usd(1_200_000), d(2026, 3, 5)),
            ("INV-1005-paid", usd(64_000), d(2026, 3, 10)),
        ]
    );
    assert_eq!(
        b.payments[2].applies_to,
        vec![Application {
            invoice: "INV-1005".into(),
            amount: Some(usd(64_000))
        }]
    );
    assert_eq!(b.invoices[4].customer, "Cedar & Pine, Inc.");
    assert_eq!(b.invoices[4].salesperson.as_deref(), Some("Alice Wang"));
    assert_eq!(p.batch.implied_customers.len(), 3);
    assert_eq!(p.report_date, None);
}

/// multi_currency.csv — UTF-8 with BOM. Expected: imported 5, rejected 0. Totals per
/// currency: CNY ¥50,000.00; USD $10,000.00 (8,800.00 + 1,200.00 via 美元); EUR €12,345.67;
/// JPY ¥1,250,000 (0 minor digits: 1,250,000 minor units).
#[test]
fn multi_currency() {
    let p = analyze_ok(MULTI, "multi_currency.csv");
    assert_eq!(
        (p.counts.imported, p.counts.rejected),
        (5, 0),
        "{:?}",
        p.errors
    );
    let mut totals = crate::domain::money::Totals::new();
    for i in &p.batch.records.invoices {
        totals.add(i.amount);
    }
    let jpy = Currency::parse("JPY").expect("JPY");
    assert_eq!(totals.get(Currency::CNY).minor, 5_000_000);
    assert_eq!(totals.get(Currency::USD).minor, 1_000_000);
    assert_eq!(totals.get(Currency::EUR).minor, 1_234_567);
    assert_eq!(totals.get(jpy).minor, 1_250_000);
    assert_eq!(
        p.batch.records.invoices[4].amount.to_plain_string(),
        "1250000"
    );
}

/// broken_rows.csv — 7 rows, 2 good. Expected: imported 2 (B-001 $100.00, B-007 $1,000.00),
/// rejected 5: line 3 Invoice Date "2026-13-45" bad date; line 4 Amount "12O.00" bad
/// amount; line 5 Currency "XYZ" unknown; line 6 Customer "" missing; line 7 Invoice Date
/// "2026-02-30" bad date (Feb 30th).
#[test]
fn broken_rows() {
    let p = analyze_ok(BROKEN, "broken_rows.csv");
    assert_eq!((p.counts.imported, p.counts.rejected), (2, 5));
    assert_eq!(
        sum(p.batch.records.invoices.iter().map(|i| i.amount)),
        110_000
    );
    let errors: Vec<(usize, &str, &str, RowProblem)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.raw.as_str(), e.reason.clone()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (
                3,
                "Invoice Date",
                "2026-13-45",
                RowProblem::Cell(CellError::BadDate)
            ),
            (
                4,
                "Amount",
                "12O.00",
                RowProblem::Cell(CellError::BadAmount)
            ),
            (5, "Currency", "XYZ", RowProblem::UnknownCurrency),
            (6, "Customer", "", RowProblem::Missing),
            (
                7,
                "Invoice Date",
                "2026-02-30",
                RowProblem::Cell(CellError::BadDate)
            ),
        ]
    );
    assert!(!p.sample[1].cells[2].ok, "the preview flags the bad date");
}

/// payments_receipts.csv (收款单) — 5 lines. Expected: imported 4, rejected 1 (line 6,
/// 收款金额 "-100.00": negative). Payments 3 = ¥38,834.50: SK2026-0001 1,234.50 → AR2026-0001;
/// SK2026-0002 32,600.00 merged from lines 3-4 → AR2026-0003 30,000.00 + AR2026-0012
/// 2,600.00; SK2026-0003 5,000.00 unapplied. Customers by name (no code column).
#[test]
fn payments_receipts() {
    let p = analyze_ok(RECEIPTS, "payments_receipts.csv");
    assert_eq!(p.kind, Some(FileKind::Payments));
    assert_eq!((p.counts.imported, p.counts.rejected), (4, 1));
    let b = &p.batch.records;
    assert_eq!(b.payments.len(), 3);
    assert_eq!(sum(b.payments.iter().map(|p| p.amount)), 3_883_450);
    assert_eq!(b.payments[1].number, "SK2026-0002");
    assert_eq!(b.payments[1].date, d(2026, 3, 10));
    assert_eq!(
        b.payments[1].applies_to,
        vec![
            Application {
                invoice: "AR2026-0003".into(),
                amount: Some(cny(3_000_000))
            },
            Application {
                invoice: "AR2026-0012".into(),
                amount: Some(cny(260_000))
            },
        ]
    );
    assert!(b.payments[2].applies_to.is_empty());
    assert_eq!(b.payments[0].customer, "华东机电有限公司");
    assert_eq!(p.errors.len(), 1);
    assert_eq!(
        (
            p.errors[0].line,
            p.errors[0].column.as_str(),
            p.errors[0].reason.clone()
        ),
        (6, "收款金额", RowProblem::NegativeAmount)
    );
    assert!(b.invoices.is_empty());
}

const QUICKBOOKS: &[u8] =
    include_bytes!("../../../../tests/fixtures/import/quickbooks_open_invoices_us.csv");

/// quickbooks_open_invoices_us.csv — QuickBooks "Open Invoices": title lines with
/// `As of March 31, 2026`, header on line 5 with an unnamed first column, customer group
/// headings (lines 6, 10), `Total for …` rows (9, 13) and `TOTAL` (14); US dates
/// (01/15/2026 decides month-first). No currency column: the user sets USD.
/// Expected: data 4, imported 4, rejected 0, subtotals 3, notes 2. Invoices 3 = $5,630.00
/// (1001 1,200.00; 1007 3,450.00; 1012 980.00); payment 1007-paid $2,000.00 dated
/// 2026-03-31; credit note 1015 $150.00. Open = 5,630 − 2,000 − 150 = $3,480.00 (= TOTAL).
#[test]
fn quickbooks_open_invoices_us() {
    let p = analyze_ok(QUICKBOOKS, "quickbooks_open_invoices_us.csv");
    assert_eq!(p.kind, Some(FileKind::Invoices));
    assert_eq!(p.header_line, 5);
    assert_eq!(p.report_date, Some(d(2026, 3, 31)));
    assert_eq!(
        p.mapping.day_month_order_of(1),
        Some(DayMonthOrder::MonthFirst)
    );
    assert_eq!(
        p.batch.records.invoices[0].amount.currency,
        Currency::CNY,
        "CNY until told"
    );
    let mut usd = p.mapping.clone();
    usd.default_currency = Currency::USD;
    let p = p.remap(usd);
    assert_eq!(
        p.counts,
        RowCounts {
            data: 4,
            imported: 4,
            rejected: 0,
            subtotals: 3,
            blank: 0,
            notes: 2,
            repeated_headers: 0
        }
    );
    let b = &p.batch.records;
    assert_eq!(sum(b.invoices.iter().map(|i| i.amount)), 563_000);
    assert_eq!(b.invoices[0].date, d(2026, 1, 15));
    assert_eq!(b.invoices[0].due, Some(d(2026, 2, 14)));
    assert_eq!(b.payments.len(), 1);
    assert_eq!(
        (b.payments[0].number.as_str(), b.payments[0].amount.minor),
        ("1007-paid", 200_000)
    );
    assert_eq!(b.payments[0].date, d(2026, 3, 31));
    assert_eq!(b.credit_notes[0].amount, Money::new(15_000, Currency::USD));
    assert_eq!(p.batch.implied_customers.len(), 2);
}

const TWO_SHEETS: &[u8] =
    include_bytes!("../../../../tests/fixtures/import/kingdee_open_items_two_sheets.xlsx");

/// kingdee_open_items_two_sheets.xlsx — sheet `说明` (notes only) then `应收款明细`: title,
/// `截止日期：2026-03-31`, blank, header on row 4, 3 data rows (real date cells, numeric
/// amounts, codes stored as text with leading zeros), 合计 on row 8.
/// Expected: sheet `应收款明细` chosen; imported 3, subtotals 1. Invoices ¥62,234.50
/// (1,234.50 + 58,000.00 + 3,000.00); payments dated 2026-03-31: AR2026-0003-paid 8,000.00,
/// AR2026-0009-paid 1,000.00 = ¥9,000.00; open ¥53,234.50 (= 合计 未收金额).
#[test]
fn workbook_picks_the_sheet_with_a_header() {
    let p = analyze_ok(TWO_SHEETS, "kingdee_open_items_two_sheets.xlsx");
    assert_eq!(p.sheet_names, vec!["说明", "应收款明细"]);
    assert_eq!(p.sheet.as_deref(), Some("应收款明细"));
    assert_eq!(p.encoding, None);
    assert_eq!(p.header_line, 4);
    assert_eq!(p.report_date, Some(d(2026, 3, 31)));
    assert_eq!(
        (p.counts.imported, p.counts.rejected, p.counts.subtotals),
        (3, 0, 1),
        "{:?}",
        p.errors
    );
    let b = &p.batch.records;
    assert_eq!(sum(b.invoices.iter().map(|i| i.amount)), 6_223_450);
    assert_eq!(b.invoices[0].customer, "0001");
    assert_eq!(b.invoices[0].date, d(2026, 1, 5));
    assert_eq!(sum(b.payments.iter().map(|p| p.amount)), 900_000);
    assert!(b.payments.iter().all(|p| p.date == d(2026, 3, 31)));

    let notes = analyze(TWO_SHEETS, "x.xlsx", Some("说明"), &no_saved).err();
    assert_eq!(
        notes,
        Some(ImportError::NoHeader {
            sheets: vec!["说明".into()]
        })
    );
    let missing = analyze(TWO_SHEETS, "x.xlsx", Some("Sheet9"), &no_saved).err();
    assert!(matches!(
        missing,
        Some(ImportError::Workbook(XlsxError::SheetNotFound { .. }))
    ));
}
