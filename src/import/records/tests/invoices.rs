//! Invoice files: registers, open items, credit notes, duplicates, currencies.

use super::*;

#[test]
fn register_rows_become_invoices_and_settled_ones_a_payment() {
    let out = run(
        REGISTER,
        &[
            &[
                "INV-001",
                "Acme",
                "2026-01-05",
                "2026-02-04",
                "1,000.00",
                "",
            ],
            &["INV-002", "Acme", "2026-01-06", "", "250.5", "2026-02-01"],
        ],
        None,
    );
    assert_eq!((out.imported, out.rejected), (2, 0), "{:?}", out.errors);
    let b = &out.batch.records;
    assert_eq!(b.invoices.len(), 2);
    assert_eq!(b.invoices[0].amount, cny(100_000));
    assert_eq!(b.invoices[0].due, Some(d(2026, 2, 4)));
    assert_eq!(b.invoices[1].due, None);
    assert_eq!(
        b.payments,
        vec![Payment {
            number: "INV-002-paid".into(),
            customer: "Acme".into(),
            date: d(2026, 2, 1),
            amount: cny(25_050),
            applies_to: vec![Application {
                invoice: "INV-002".into(),
                amount: Some(cny(25_050))
            }],
        }]
    );
    assert_eq!(out.batch.implied_customers.len(), 1);
    assert_eq!(
        (
            out.batch.implied_customers[0].code.as_str(),
            out.batch.implied_customers[0].name.as_str()
        ),
        ("Acme", "Acme")
    );
    assert!(b.customers.is_empty());
}

#[test]
fn open_items_import_the_paid_part_dated_the_report_date() {
    let data: &[&[&str]] = &[
        &["001", "甲公司", "AR-1", "2026-01-10", "1,000.00", "400.00"],
        &["001", "甲公司", "AR-2", "2026-02-10", "500.00", "500.00"],
        &["002", "乙公司", "AR-3", "2026-02-11", "300.00", "0"],
    ];
    let out = run(OPEN_ITEMS, data, Some(d(2026, 3, 31)));
    assert_eq!((out.imported, out.rejected), (3, 0), "{:?}", out.errors);
    let p = &out.batch.records.payments;
    assert_eq!(p.len(), 2, "nothing paid on AR-2: no payment");
    assert_eq!(
        (p[0].number.as_str(), p[0].amount, p[0].date),
        ("AR-1-paid", cny(60_000), d(2026, 3, 31))
    );
    assert_eq!(
        (p[1].number.as_str(), p[1].amount),
        ("AR-3-paid", cny(30_000))
    );
    assert_eq!(out.batch.implied_customers.len(), 2);
    assert_eq!(out.batch.implied_customers[0].name, "甲公司");
    // Without a report date the paid part is dated the invoice date.
    let out = run(OPEN_ITEMS, data, None);
    assert_eq!(out.batch.records.payments[0].date, d(2026, 1, 10));
}

#[test]
fn paid_cannot_exceed_amount_minus_outstanding() {
    let header = &[
        "单据编号",
        "客户",
        "业务日期",
        "价税合计",
        "已收金额",
        "未收金额",
    ];
    let out = run(
        header,
        &[
            &["A1", "甲", "2026-01-01", "100", "30", "70"],
            &["A2", "甲", "2026-01-01", "100", "50", "60"],
            &["A3", "甲", "2026-01-01", "100", "", "120"],
            &["A4", "甲", "2026-01-01", "100", "", ""],
            // Paid 30 + a credit of 10 elsewhere: outstanding 60 is the truth, 40 received.
            &["A5", "甲", "2026-01-01", "100", "30", "60"],
        ],
        None,
    );
    assert_eq!((out.imported, out.rejected), (2, 3));
    assert_eq!(out.batch.records.payments[0].amount, cny(3_000));
    assert_eq!(out.batch.records.payments[1].amount, cny(4_000));
    assert_eq!(
        reasons(&out),
        vec![
            (
                3,
                "未收金额",
                RowProblem::AmountsDisagree {
                    amount: cny(10_000),
                    paid: cny(5_000),
                    outstanding: cny(6_000)
                }
            ),
            (4, "未收金额", RowProblem::OutstandingExceedsAmount),
            (5, "未收金额", RowProblem::Missing),
        ]
    );
    assert_eq!(out.errors[0].to_string(), "line 3, column \"未收金额\" (\"60\"): paid 50.00 is more than amount 100.00 minus outstanding 60.00");
}

#[test]
fn paid_column_alone_and_outstanding_alone() {
    let paid = run(
        &["Invoice No", "Customer", "Date", "Amount", "Paid Amount"],
        &[
            &["I1", "A", "2026-01-01", "100", "40"],
            &["I2", "A", "2026-01-01", "100", ""],
            &["I3", "A", "2026-01-01", "100", "-1"],
        ],
        Some(d(2026, 2, 28)),
    );
    assert_eq!((paid.imported, paid.rejected), (2, 1));
    assert_eq!(paid.batch.records.payments.len(), 1);
    assert_eq!(
        (
            paid.batch.records.payments[0].amount,
            paid.batch.records.payments[0].date
        ),
        (cny(4_000), d(2026, 2, 28))
    );
    assert_eq!(
        reasons(&paid),
        vec![(4, "Paid Amount", RowProblem::NegativeAmount)]
    );

    let open = run(
        &["Num", "Customer", "Date", "Open Balance"],
        &[&["9", "B", "2026-01-01", "75.00"]],
        None,
    );
    assert_eq!(open.batch.records.invoices[0].amount, cny(7_500));
    assert!(open.batch.records.payments.is_empty());
}

#[test]
fn negative_amounts_and_typed_rows_become_credit_notes_and_zero_is_refused() {
    let header = &[
        "单据编号",
        "客户",
        "业务日期",
        "单据类型",
        "价税合计",
        "源单编号",
    ];
    let out = run(
        header,
        &[
            &["R1", "甲", "2026-01-05", "标准应收单", "-200.00", "A1"],
            &["R2", "甲", "2026-01-06", "红字应收单", "50", ""],
            &["Z1", "甲", "2026-01-07", "", "0.00", ""],
            &["P1", "甲", "2026-01-08", "收款单", "80", "A1"],
        ],
        None,
    );
    assert_eq!((out.imported, out.rejected), (3, 1));
    let cn = &out.batch.records.credit_notes;
    assert_eq!(
        (
            cn[0].number.as_str(),
            cn[0].amount,
            cn[0].invoice.as_deref()
        ),
        ("R1", cny(20_000), Some("A1"))
    );
    assert_eq!(
        (
            cn[1].number.as_str(),
            cn[1].amount,
            cn[1].invoice.as_deref()
        ),
        ("R2", cny(5_000), None)
    );
    assert!(out.batch.records.invoices.is_empty());
    assert_eq!(out.batch.records.payments[0].applies_to[0].invoice, "A1");
    assert_eq!(reasons(&out), vec![(4, "价税合计", RowProblem::ZeroAmount)]);
}

#[test]
fn open_items_credit_notes_import_only_what_is_still_open() {
    let out = run(
        OPEN_ITEMS,
        &[
            &["001", "甲", "CN-1", "2026-01-10", "-100.00", "-30.00"],
            &["001", "甲", "CN-2", "2026-01-10", "-100.00", "0"],
            &["001", "甲", "CN-3", "2026-01-10", "-100.00", "30.00"],
        ],
        None,
    );
    assert_eq!(out.batch.records.credit_notes[0].amount, cny(3_000));
    assert_eq!(
        reasons(&out),
        vec![
            (3, "未收金额", RowProblem::NothingOpen),
            (4, "未收金额", RowProblem::OutstandingExceedsAmount),
        ]
    );
}

#[test]
fn duplicates_exact_and_conflicting() {
    let out = run(
        REGISTER,
        &[
            &["INV-1", "Acme", "2026-01-05", "", "100", ""],
            &["INV-1", "Acme", "2026-01-05", "", "100.00", ""],
            &["INV-2", "Acme", "2026-01-05", "", "100", ""],
            &["INV-2", "Acme", "2026-01-05", "", "120", ""],
            &["INV-1", "Beta", "2026-01-05", "", "999", ""],
        ],
        None,
    );
    assert_eq!((out.imported, out.rejected), (2, 3));
    assert_eq!(
        out.batch
            .records
            .invoices
            .iter()
            .map(|i| (i.customer.as_str(), i.number.as_str()))
            .collect::<Vec<_>>(),
        vec![("Acme", "INV-1"), ("Beta", "INV-1")]
    );
    assert_eq!(
        reasons(&out),
        vec![
            (3, "Invoice No", RowProblem::Duplicate { first_line: 2 }),
            (
                4,
                "Invoice No",
                RowProblem::ConflictingDuplicate {
                    other_lines: vec![5]
                }
            ),
            (
                5,
                "Invoice No",
                RowProblem::ConflictingDuplicate {
                    other_lines: vec![4]
                }
            ),
        ]
    );
    assert_eq!(
        out.errors[2].to_string(),
        "line 5, column \"Invoice No\" (\"INV-2\"): same number with different contents on line 4"
    );
}

/// A large group sharing one number: every row refused, each naming at most
/// MAX_OTHER_LINES others (naming all took n² memory), exact repeats still found.
#[test]
fn a_large_conflicting_group_names_a_bounded_number_of_lines() {
    let rows: Vec<[String; 6]> = (0..60)
        .map(|i| {
            let amount = if i == 59 {
                "1".to_owned()
            } else {
                (i + 1).to_string()
            };
            ["INV-1", "Acme", "2026-01-05", "", amount.as_str(), ""].map(str::to_owned)
        })
        .collect();
    let data: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let data: Vec<&[&str]> = data.iter().map(Vec::as_slice).collect();
    let out = run(REGISTER, &data, None);
    assert_eq!((out.imported, out.rejected), (0, 60));
    assert_eq!(
        out.errors[0].reason,
        RowProblem::ConflictingDuplicate {
            other_lines: (3..3 + MAX_OTHER_LINES).collect()
        }
    );
    // Line 61 repeats line 2 exactly; the group conflicts, so it is refused as such too.
    assert_eq!(
        out.errors[59].reason,
        RowProblem::ConflictingDuplicate {
            other_lines: (2..2 + MAX_OTHER_LINES).collect()
        }
    );
}

#[test]
fn currencies_digits_and_unknown_codes() {
    let header = &["Invoice No", "Customer", "Date", "Currency", "Amount"];
    let out = run(
        header,
        &[
            &["1", "A", "2026-01-01", "USD", "$1,234.56"],
            &["2", "A", "2026-01-01", "JPY", "120000"],
            &["3", "A", "2026-01-01", "", "¥10"],
            &["4", "A", "2026-01-01", "XYZ", "10"],
            &["5", "A", "2026-01-01", "JPY", "10.5"],
            &["6", "A", "2026-01-01", "欧元", "€2,000.00"],
        ],
        None,
    );
    let inv = &out.batch.records.invoices;
    assert_eq!(inv[0].amount, Money::new(123_456, Currency::USD));
    assert_eq!(
        inv[1].amount,
        Money::new(120_000, Currency::parse("JPY").unwrap())
    );
    assert_eq!(inv[2].amount, cny(1_000));
    assert_eq!(inv[3].amount, Money::new(200_000, Currency::EUR));
    assert_eq!(
        reasons(&out),
        vec![
            (5, "Currency", RowProblem::UnknownCurrency),
            (6, "Amount", RowProblem::Cell(CellError::BadAmount)),
        ]
    );
    let mut m = Mapping::auto(&strings(&REGISTER[..5]));
    m.default_currency = Currency::USD;
    let usd = run_with(
        m,
        &REGISTER[..5],
        &[&["1", "A", "2026-01-01", "", "5"]],
        None,
    );
    assert_eq!(
        usd.batch.records.invoices[0].amount,
        Money::new(500, Currency::USD)
    );
}

#[test]
fn terms_are_kept_and_unreadable_terms_refused_only_when_needed() {
    let header = &[
        "Invoice No",
        "Customer",
        "Date",
        "Due Date",
        "Terms",
        "Amount",
    ];
    let out = run(
        header,
        &[
            &["1", "A", "2026-01-01", "", "月结60天", "10"],
            &["2", "A", "2026-01-01", "", "看心情", "10"],
            &["3", "A", "2026-01-01", "2026-03-01", "看心情", "10"],
            &["4", "A", "2026-01-01", "", "", "10"],
        ],
        None,
    );
    assert_eq!(
        out.batch.records.invoices[0].terms,
        Some(Terms::new(TermsBase::EndOfMonth, 60))
    );
    assert_eq!(out.batch.records.invoices[1].terms, None);
    assert_eq!(out.batch.records.invoices[1].due, Some(d(2026, 3, 1)));
    assert_eq!(reasons(&out), vec![(3, "Terms", RowProblem::UnknownTerms)]);
    assert_eq!(out.imported, 3);
}

#[test]
fn ids_keep_leading_zeros_and_text_keeps_markup() {
    let header = &[
        "客户编码",
        "客户名称",
        "单据编号",
        "业务日期",
        "价税合计",
        "业务员",
    ];
    let out = run(
        header,
        &[&[
            "'000123",
            "<b>甲</b>",
            "0000611365",
            "2026/1/5",
            "1",
            "<script>x</script>",
        ]],
        None,
    );
    let inv = &out.batch.records.invoices[0];
    assert_eq!(
        (inv.customer.as_str(), inv.number.as_str()),
        ("000123", "0000611365")
    );
    assert_eq!(inv.salesperson.as_deref(), Some("<script>x</script>"));
    assert_eq!(out.batch.implied_customers[0].name, "<b>甲</b>");
}

#[test]
fn missing_values_and_bad_cells_name_line_and_column() {
    let header = &[
        "客户编码",
        "客户名称",
        "单据编号",
        "业务日期",
        "价税合计",
        "争议",
    ];
    let out = run(
        header,
        &[
            &["", "甲", "A1", "2026-01-01", "1", ""],
            &["001", "甲", "", "2026-02-30", "abc", "maybe"],
            &["001", "甲", "A3", "", "5", "是"],
        ],
        None,
    );
    assert_eq!((out.imported, out.rejected), (0, 3));
    assert_eq!(
        reasons(&out),
        vec![
            (2, "客户编码", RowProblem::Missing),
            (3, "单据编号", RowProblem::Missing),
            (3, "业务日期", RowProblem::Cell(CellError::BadDate)),
            (3, "争议", RowProblem::UnknownFlag),
            (3, "价税合计", RowProblem::Cell(CellError::BadAmount)),
            (4, "业务日期", RowProblem::Missing),
        ]
    );
    assert_eq!(out.errors[2].raw, "2026-02-30");
}
