use super::*;
use Field::*;

fn header(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn auto(cells: &[&str]) -> Mapping {
    Mapping::auto(&header(cells))
}

#[test]
fn kingdee_open_items_are_invoices() {
    let m = auto(&[
        "客户编码",
        "客户名称",
        "单据编号",
        "业务日期",
        "到期日",
        "币别",
        "价税合计",
        "已收金额",
        "未收金额",
        "业务员",
    ]);
    assert_eq!(m.kind, Some(FileKind::Invoices));
    assert_eq!(
        m.columns,
        vec![
            Some(CustomerCode),
            Some(CustomerName),
            Some(InvoiceNo),
            Some(DocDate),
            Some(DueDate),
            Some(Currency),
            Some(Amount),
            Some(PaidAmount),
            Some(Outstanding),
            Some(Salesperson),
        ]
    );
    assert!(m.missing_fields().is_empty());
    assert_eq!(m.default_currency, crate::domain::money::Currency::CNY);
}

#[test]
fn sap_generic_customer_becomes_the_code_next_to_a_name() {
    let m = auto(&[
        "Customer",
        "Name 1",
        "Document Number",
        "Document Date",
        "Posting Date",
        "Net due date",
        "Amount in local currency",
        "Local Currency",
        "Amount in doc. curr.",
        "Document currency",
        "Clearing date",
    ]);
    assert_eq!(m.kind, Some(FileKind::Invoices));
    assert_eq!(m.column_of(CustomerCode), Some(0));
    assert_eq!(m.column_of(CustomerName), Some(1));
    assert_eq!(
        m.column_of(DocDate),
        Some(3),
        "document date outranks posting date"
    );
    assert_eq!(m.columns[4], None);
    assert_eq!(
        m.column_of(Amount),
        Some(8),
        "document currency amount preferred"
    );
    assert_eq!(m.column_of(Currency), Some(9));
    assert_eq!(m.column_of(SettledDate), Some(10));
}

#[test]
fn generic_customer_alone_is_the_name() {
    let m = auto(&[
        "Date",
        "Num",
        "Customer",
        "Due Date",
        "Amount",
        "Open Balance",
    ]);
    assert_eq!(m.kind, Some(FileKind::Invoices));
    assert_eq!(m.column_of(CustomerName), Some(2));
    assert_eq!(m.column_of(CustomerCode), None);
    assert_eq!(m.column_of(Outstanding), Some(5));
}

#[test]
fn xero_contact_is_the_customer_of_an_invoice() {
    let m = auto(&[
        "Invoice Number",
        "Contact",
        "Invoice Date",
        "Due Date",
        "Total",
        "Amount Due",
    ]);
    assert_eq!(m.kind, Some(FileKind::Invoices));
    assert_eq!(m.column_of(CustomerName), Some(1));
    assert_eq!(m.column_of(ContactName), None);
}

#[test]
fn erpnext_party_with_outstanding() {
    let m = auto(&[
        "Posting Date",
        "Party",
        "Voucher No",
        "Due Date",
        "Invoiced Amount",
        "Paid Amount",
        "Outstanding Amount",
        "Currency",
    ]);
    assert_eq!(m.kind, Some(FileKind::Invoices));
    assert_eq!(m.column_of(CustomerName), Some(1));
}

#[test]
fn receipts_are_payments() {
    let m = auto(&["收款单号", "客户", "收款日期", "收款金额", "核销单号"]);
    assert_eq!(m.kind, Some(FileKind::Payments));
    assert_eq!(
        m.columns,
        vec![
            Some(PaymentNo),
            Some(CustomerName),
            Some(SettledDate),
            Some(ReceiptAmount),
            Some(AppliedInvoice)
        ]
    );
    assert!(m.missing_fields().is_empty());
    let kingdee = auto(&["单据编号", "往来单位", "业务日期", "核销金额", "源单编号"]);
    assert_eq!(kingdee.kind, Some(FileKind::Payments));
}

#[test]
fn customers_orders_shipments_staff() {
    let c = auto(&["客户编码", "客户名称", "信用额度", "联系人", "邮箱", "行业"]);
    assert_eq!(c.kind, Some(FileKind::Customers));
    assert_eq!(
        auto(&["Customer Name", "Region"]).kind,
        Some(FileKind::Customers)
    );
    let o = auto(&["合同编号", "客户名称", "签订日期", "合同金额", "付款条件"]);
    assert_eq!(o.kind, Some(FileKind::Orders));
    let s = auto(&["发货单号", "订单号", "客户", "发货日期"]);
    assert_eq!(s.kind, Some(FileKind::Shipments));
    let p = auto(&["姓名", "角色", "邮箱", "手机", "上级"]);
    assert_eq!(p.kind, Some(FileKind::Staff));
    let named = auto(&["Name", "Role", "Email"]);
    assert_eq!(named.kind, Some(FileKind::Staff));
    assert_eq!(named.column_of(PersonName), Some(0));
}

#[test]
fn unknown_shapes_leave_the_kind_open() {
    let m = auto(&["Customer", "Amount"]);
    assert_eq!(m.kind, None);
    assert!(
        m.missing_fields().is_empty(),
        "nothing is required before a kind is chosen"
    );
    let mut m = m;
    m.set_kind(FileKind::Invoices);
    assert_eq!(m.missing_fields(), vec![InvoiceNo, DocDate]);
}

#[test]
fn overrides_keep_one_column_per_field() {
    let mut m = auto(&["Invoice No", "Customer", "Date", "Amount", "Memo"]);
    m.set_column(4, Some(Amount));
    assert_eq!(m.column_of(Amount), Some(4));
    assert_eq!(m.columns[3], None);
    m.set_column(1, None);
    assert_eq!(m.column_of(CustomerName), None);
    m.set_column(99, Some(Region)); // out of range: ignored
    assert_eq!(m.columns.len(), 5);
    m.set_day_month_order(2, DayMonthOrder::MonthFirst);
    assert_eq!(m.day_month_order_of(2), Some(DayMonthOrder::MonthFirst));
    assert_eq!(m.day_month_order_of(3), None);
}

#[test]
fn duplicate_headers_keep_the_first() {
    let m = auto(&["Invoice No", "Customer", "Date", "Amount", "Amount"]);
    assert_eq!(m.columns[3], Some(Amount));
    assert_eq!(m.columns[4], None);
}

#[test]
fn signature_is_stable_across_cosmetic_changes() {
    let a = header_signature(&header(&[
        "客户编码",
        "Invoice No",
        "应收金额（本位币）",
        "",
        "",
    ]));
    let b = header_signature(&header(&[" 客户编码", "INVOICE_NO", "应收金额(本位币)"]));
    assert_eq!(a, b);
    assert_eq!(a, "v1|客户编码|invoiceno|应收金额");
    let c = header_signature(&header(&["客户编码", "Invoice No", "未收金额"]));
    assert_ne!(a, c);
}

#[test]
fn trailing_blank_columns_are_not_part_of_the_mapping() {
    let m = auto(&["Invoice No", "Customer", "", "Amount", "", " "]);
    assert_eq!(m.columns.len(), 4);
    assert!(m.fits(&header(&["Invoice No", "Customer", "", "Amount"])));
    assert!(!m.fits(&header(&["Invoice No", "Customer", "Amount"])));
}

#[test]
fn serde_round_trip_keeps_everything() {
    let mut m = auto(&[
        "Invoice No",
        "Customer",
        "Invoice Date",
        "Amount",
        "Currency",
    ]);
    m.set_day_month_order(2, DayMonthOrder::DayFirst);
    m.default_currency = crate::domain::money::Currency::USD;
    let json = serde_json::to_string(&m).expect("serialise");
    assert!(json.contains("\"day_first\""), "{json}");
    assert!(json.contains("\"invoice_no\""), "{json}");
    let back: Mapping = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, m);
    // Older saves without the optional parts still load.
    let minimal = r#"{"kind":"payments","columns":["payment_no",null]}"#;
    let m: Mapping = serde_json::from_str(minimal).expect("minimal");
    assert_eq!(m.kind, Some(FileKind::Payments));
    assert_eq!(m.default_currency, crate::domain::money::Currency::CNY);
    assert!(m.day_month_order.is_empty());
    assert_eq!(m.day_month_order_of(0), None);
}
