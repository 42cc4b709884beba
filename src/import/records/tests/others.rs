//! Receipts, customers, orders, shipments, staff; date orders; keys.

use super::*;

#[test]
fn receipts_merge_lines_of_one_receipt() {
    let header = &["收款单号", "客户", "收款日期", "收款金额", "核销单号"];
    let out = run(
        header,
        &[
            &["SK-1", "甲", "2026-03-01", "100", "A1"],
            &["SK-1", "甲", "2026-03-01", "50", "A2"],
            &["SK-2", "甲", "2026-03-02", "-5", ""],
            &["SK-3", "甲", "2026-03-02", "70", ""],
            &["SK-1", "甲", "2026-03-01", "50", "A2"],
        ],
        None,
    );
    assert_eq!((out.imported, out.rejected), (3, 2));
    let p = &out.batch.records.payments;
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].amount, cny(15_000));
    assert_eq!(
        p[0].applies_to,
        vec![
            Application {
                invoice: "A1".into(),
                amount: Some(cny(10_000))
            },
            Application {
                invoice: "A2".into(),
                amount: Some(cny(5_000))
            },
        ]
    );
    assert!(p[1].applies_to.is_empty());
    assert_eq!(
        reasons(&out),
        vec![
            (4, "收款金额", RowProblem::NegativeAmount),
            (6, "收款单号", RowProblem::Duplicate { first_line: 3 }),
        ]
    );
    // Same receipt number on two dates: not one receipt.
    let clash = run(
        header,
        &[
            &["SK-9", "甲", "2026-03-01", "1", "A1"],
            &["SK-9", "甲", "2026-03-02", "1", "A2"],
        ],
        None,
    );
    assert_eq!((clash.imported, clash.rejected), (0, 2));
}

#[test]
fn customer_files_keep_every_detail() {
    let header = &[
        "客户编码",
        "客户名称",
        "信用额度",
        "信用等级",
        "付款条件",
        "区域",
        "行业",
        "联系人",
        "邮箱",
        "手机",
        "业务员",
    ];
    let out = run(
        header,
        &[
            &[
                "C01",
                "甲公司",
                "500,000",
                "A",
                "货到30天",
                "华东",
                "汽车、电子",
                "王经理",
                "w@x.cn",
                "13800000000",
                "张三",
            ],
            &["C02", "乙公司", "", "", "", "", "", "", "", "", ""],
            &["C03", "丙公司", "-1", "", "随便", "", "", "", "", "", ""],
        ],
        None,
    );
    assert_eq!((out.imported, out.rejected), (2, 1));
    let c = &out.batch.records.customers[0];
    assert_eq!(c.credit_limit, Some(cny(50_000_000)));
    assert_eq!(c.terms, Some(Terms::new(TermsBase::Delivery, 30)));
    assert_eq!(c.tags, vec!["汽车", "电子"]);
    assert_eq!(c.contact.email.as_deref(), Some("w@x.cn"));
    assert_eq!(c.salesperson.as_deref(), Some("张三"));
    assert_eq!(out.batch.records.customers[1].credit_limit, None);
    assert!(out.batch.implied_customers.is_empty());
    assert_eq!(
        reasons(&out),
        vec![
            (4, "信用额度", RowProblem::NegativeAmount),
            (4, "付款条件", RowProblem::UnknownTerms),
        ]
    );
}

#[test]
fn orders_shipments_and_staff() {
    let orders = run(
        &[
            "合同编号",
            "客户名称",
            "签订日期",
            "合同金额",
            "付款条件",
            "产品线",
        ],
        &[
            &["HT-1", "甲", "2026-01-01", "80,000", "30天", "电机"],
            &["HT-2", "甲", "2026-01-01", "0", "", ""],
        ],
        None,
    );
    assert_eq!(orders.batch.records.orders[0].amount, cny(8_000_000));
    assert_eq!(
        orders.batch.records.orders[0].product_line.as_deref(),
        Some("电机")
    );
    assert_eq!(
        reasons(&orders),
        vec![(3, "合同金额", RowProblem::ZeroAmount)]
    );

    let ships = run(
        &["发货单号", "订单号", "客户", "发货日期"],
        &[
            &["DN-1", "HT-1", "甲", "2026-01-03"],
            &["DN-2", "", "", "2026-01-04"],
        ],
        None,
    );
    assert_eq!(
        ships.batch.records.shipments[0].order.as_deref(),
        Some("HT-1")
    );
    assert_eq!(ships.batch.records.shipments[1].customer, None);
    assert_eq!(ships.batch.implied_customers.len(), 1);

    let staff = run(
        &["姓名", "角色", "邮箱", "上级", "钉钉"],
        &[
            &["张三", "销售员", "z@x.cn", "李四", "ding123"],
            &["李四", "销售经理、销售员", "", "", ""],
            &["王五", "保安", "", "", ""],
        ],
        None,
    );
    assert_eq!(
        staff.batch.records.staff[0].manager.as_deref(),
        Some("李四")
    );
    assert_eq!(
        staff.batch.records.staff[1].roles,
        vec![Role::SalesManager, Role::Salesperson]
    );
    assert_eq!(reasons(&staff), vec![(4, "角色", RowProblem::UnknownRole)]);
}

#[test]
fn day_month_order_is_decided_per_column_or_asked() {
    let header = strings(&[
        "Invoice No",
        "Customer",
        "Invoice Date",
        "Due Date",
        "Amount",
    ]);
    let m = Mapping::auto(&header);
    let rows = source_rows(&[
        &["1", "A", "1/5/2026", "13/5/2026", "1"],
        &["2", "A", "2/5/2026", "1/6/2026", "1"],
    ]);
    let refs: Vec<&SourceRow> = rows.iter().collect();
    let orders = resolve_day_month_orders(&refs, &m);
    assert_eq!(orders.undecided, vec![2]);
    assert_eq!(orders.per_column[3], Some(DayMonthOrder::DayFirst));

    // The user answers for column 2; the data still decides column 3.
    let mut answered = m.clone();
    answered.set_day_month_order(2, DayMonthOrder::MonthFirst);
    answered.set_day_month_order(3, DayMonthOrder::MonthFirst);
    let orders = resolve_day_month_orders(&refs, &answered);
    assert!(orders.undecided.is_empty());
    assert_eq!(orders.per_column[2], Some(DayMonthOrder::MonthFirst));
    assert_eq!(
        orders.per_column[3],
        Some(DayMonthOrder::DayFirst),
        "data wins over an answer"
    );
    answered.day_month_order = orders.per_column;
    let out = build_records(&refs, &header, &answered, None);
    assert_eq!(out.batch.records.invoices[0].date, d(2026, 1, 5));
    assert_eq!(out.batch.records.invoices[0].due, Some(d(2026, 5, 13)));
    assert_eq!(out.batch.records.invoices[1].due, Some(d(2026, 6, 1)));

    let us = source_rows(&[
        &["1", "A", "1/5/2026", "", "1"],
        &["2", "A", "12/25/2026", "", "1"],
    ]);
    let refs: Vec<&SourceRow> = us.iter().collect();
    assert_eq!(
        resolve_day_month_orders(&refs, &m).per_column[2],
        Some(DayMonthOrder::MonthFirst)
    );
}

#[test]
fn nothing_is_built_without_a_kind() {
    let header = strings(&["Customer", "Amount"]);
    let rows = source_rows(&[&["A", "1"]]);
    let refs: Vec<&SourceRow> = rows.iter().collect();
    let out = build_records(&refs, &header, &Mapping::auto(&header), None);
    assert_eq!(out, RecordsOutcome::default());
}

#[test]
fn natural_keys_of_built_records() {
    let out = run(
        REGISTER,
        &[&["INV-1", "Acme", "2026-01-05", "", "100", "2026-01-09"]],
        None,
    );
    assert_eq!(
        out.batch.records.invoices[0].natural_key(),
        natural_key(RecordKind::Invoice, Some("Acme"), "INV-1")
    );
    assert_eq!(
        out.batch.records.payments[0].natural_key().to_string(),
        "payment:Acme/INV-1-paid"
    );
    assert_eq!(
        out.batch.implied_customers[0].natural_key().to_string(),
        "customer:Acme"
    );
    let (records, implied) = out.batch.into_records();
    let kinds: Vec<RecordKind> = records.iter().map(Record::kind).collect();
    assert_eq!(kinds, vec![RecordKind::Invoice, RecordKind::Payment]);
    assert_eq!(implied.len(), 1);
}

#[test]
fn settled_date_on_an_unpaid_row_is_refused() {
    let header = &[
        "Invoice No",
        "Customer",
        "Date",
        "Amount",
        "Paid Amount",
        "Date Paid",
    ];
    let out = run(
        header,
        &[
            &["1", "A", "2026-01-01", "10", "0", "2026-01-09"],
            &["2", "A", "2026-01-01", "10", "4", "2026-01-09"],
        ],
        None,
    );
    assert_eq!(
        reasons(&out),
        vec![(2, "Date Paid", RowProblem::SettledButUnpaid)]
    );
    assert_eq!(
        (
            out.batch.records.payments[0].amount,
            out.batch.records.payments[0].date
        ),
        (cny(400), d(2026, 1, 9))
    );
}

#[test]
fn field_column_lookup_uses_the_mapping() {
    let mut m = Mapping::auto(&strings(REGISTER));
    m.set_column(5, None);
    let out = run_with(
        m,
        REGISTER,
        &[&["1", "A", "2026-01-01", "", "10", "2026-01-09"]],
        None,
    );
    assert!(
        out.batch.records.payments.is_empty(),
        "an ignored column is ignored"
    );
    let mut m = Mapping::auto(&strings(REGISTER));
    m.set_column(3, Some(Field::ShipmentDate));
    let out = run_with(
        m,
        REGISTER,
        &[&["1", "A", "2026-01-01", "2026-01-03", "10", ""]],
        None,
    );
    assert_eq!(out.batch.records.invoices[0].shipped, Some(d(2026, 1, 3)));
    assert_eq!(out.batch.records.invoices[0].due, None);
}
