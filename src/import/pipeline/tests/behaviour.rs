//! Questions, whole-file errors, saved mappings and row classes, on small inline files.

use super::*;

const SLASH_HEADER: &str = "Invoice No,Customer,Invoice Date,Amount\n";

#[test]
fn slash_dates_decided_day_first_month_first_or_asked() {
    let day_first = format!("{SLASH_HEADER}1,A,1/5/2026,10\n2,A,25/5/2026,10\n");
    let p = analyze_ok(day_first.as_bytes(), "d.csv");
    assert!(p.needs_day_month_order.is_empty());
    assert_eq!(
        p.mapping.day_month_order_of(2),
        Some(DayMonthOrder::DayFirst)
    );
    assert_eq!(p.batch.records.invoices[0].date, d(2026, 5, 1));

    let month_first = format!("{SLASH_HEADER}1,A,1/5/2026,10\n2,A,5/25/2026,10\n");
    let p = analyze_ok(month_first.as_bytes(), "m.csv");
    assert_eq!(p.batch.records.invoices[0].date, d(2026, 1, 5));

    // Every value ≤ 12 both ways: nothing is parsed until the user says.
    let ambiguous = format!("{SLASH_HEADER}1,A,1/5/2026,10\n2,A,3/4/2026,10\n");
    let p = analyze_ok(ambiguous.as_bytes(), "a.csv");
    assert_eq!(p.needs_day_month_order, vec![2]);
    assert!(!p.is_ready());
    assert_eq!(p.batch, ImportBatch::default());
    assert_eq!(
        (p.counts.data, p.counts.imported, p.counts.rejected),
        (2, 0, 0)
    );
    assert_eq!(
        p.sample[0].cells[2].text, "1/5/2026",
        "shown as written until answered"
    );
    let mut answered = p.mapping.clone();
    answered.set_day_month_order(2, DayMonthOrder::MonthFirst);
    let p = p.remap(answered);
    assert!(p.is_ready());
    assert_eq!(p.file_name, "a.csv");
    assert_eq!(p.batch.records.invoices[0].date, d(2026, 1, 5));
    assert_eq!(p.batch.records.invoices[1].date, d(2026, 3, 4));
    assert_eq!(p.sample[1].cells[2].text, "2026-03-04");
}

#[test]
fn whole_file_problems_are_errors_with_reasons() {
    let err = |bytes: &[u8], name: &str| analyze(bytes, name, None, &no_saved).err();
    assert!(matches!(
        err(b"", "x.csv"),
        Some(ImportError::Decode(DecodeError::Empty))
    ));
    assert!(matches!(
        err(b"\x89PNG\r\n\x1a\n0000", "x.png"),
        Some(ImportError::Decode(DecodeError::Binary { .. }))
    ));
    assert_eq!(
        err(b"<html><table><tr><td>1</td></tr></table></html>", "x.xls"),
        Some(ImportError::NotATable)
    );
    let no_header = err(b"foo,bar\n1,2\n", "x.csv");
    assert_eq!(no_header, Some(ImportError::NoHeader { sheets: vec![] }));
    assert!(no_header
        .map(|e| e.to_string())
        .unwrap_or_default()
        .starts_with("no header row found"));
    assert_eq!(
        err(b"Title\nInvoice No,Customer,Amount\n,,\n", "x.csv"),
        Some(ImportError::NoDataRows { header_line: 2 })
    );
}

#[test]
fn a_saved_mapping_is_reused_by_signature() {
    let text = "Ref,Client,Date,Total\nR1,A,2026-01-02,5\n";
    let fresh = analyze_ok(text.as_bytes(), "x.csv");
    assert_eq!(fresh.kind, None, "Ref is not a known header");
    assert!(fresh.needs_kind);
    let mut confirmed = fresh.mapping.clone();
    confirmed.set_column(0, Some(Field::InvoiceNo));
    confirmed.set_kind(FileKind::Invoices);
    let signature = fresh.signature.clone();
    let saved = move |s: &str| (s == signature).then(|| confirmed.clone());
    let p = analyze(text.as_bytes(), "x.csv", None, &saved).expect("analyze");
    assert!(p.mapping_reused);
    assert!(p.is_ready());
    assert_eq!(p.batch.records.invoices[0].number, "R1");
    assert_eq!(p.batch.records.invoices[0].amount, cny(500));
}

#[test]
fn missing_required_columns_are_a_question_not_rejections() {
    let p = analyze_ok(b"Invoice No,Customer,Amount\n1,A,5\n", "x.csv");
    assert_eq!(p.kind, Some(FileKind::Invoices));
    assert_eq!(p.missing_fields, vec![Field::DocDate]);
    assert_eq!((p.counts.data, p.counts.rejected), (1, 0));
    assert!(p.errors.is_empty());
}

#[test]
fn repeated_headers_notes_and_blank_rows_are_skipped() {
    let text = "Invoice No,Customer,Date,Amount\n1,A,2026-01-02,5\n,,,\nInvoice No,Customer,Date,Amount\n2,A,2026-01-03,6\nTotal,,,11\n制表人：张三,,,\n";
    let p = analyze_ok(text.as_bytes(), "x.csv");
    assert_eq!(
        p.counts,
        RowCounts {
            data: 2,
            imported: 2,
            rejected: 0,
            subtotals: 1,
            blank: 1,
            notes: 1,
            repeated_headers: 1
        }
    );
}

/// 100 000 rows map and validate in one pass (timing is checked by hand in release).

#[test]
fn a_hundred_thousand_rows() {
    let mut text = String::from("客户编码,客户名称,单据编号,业务日期,价税合计,未收金额\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "C{:04},客户{},AR{i:06},2026-01-{:02},\"1,000.00\",400.00\n",
            i % 500,
            i % 500,
            1 + i % 28
        ));
    }
    let p = analyze_ok(text.as_bytes(), "big.csv");
    assert_eq!((p.counts.imported, p.counts.rejected), (100_000, 0));
    assert_eq!(p.batch.records.invoices.len(), 100_000);
    assert_eq!(p.batch.records.payments.len(), 100_000);
    assert_eq!(p.batch.implied_customers.len(), 500);
}
