use super::*;
use Field::*;

#[test]
fn synonyms_that_normalise_alike_agree() {
    // Spellings listed verbatim from the issue (`invoiceNumber`) may repeat another
    // entry after normalising; they must then agree on field and rank.
    let mut seen: HashMap<String, (&str, Field, Rank)> = HashMap::new();
    for &(header, field, rank) in SYNONYMS {
        let key = normalize_header(header);
        assert!(!key.is_empty(), "{header}");
        if let Some((first, f, r)) = seen.insert(key.clone(), (header, field, rank)) {
            assert_eq!((f, r), (field, rank), "{header:?} vs {first:?} ({key:?})");
        }
    }
}

#[test]
fn every_field_has_a_synonym() {
    for field in Field::ALL {
        assert!(SYNONYMS.iter().any(|s| s.1 == field), "{field}");
    }
}

#[test]
fn issue_synonym_lists_map_as_specified() {
    let lists: &[(&[&str], &[Field])] = &[
        (
            &[
                "客户",
                "客户名称",
                "往来单位",
                "Customer",
                "Party",
                "Customer Name",
            ],
            &[CustomerName],
        ),
        (&["customerID"], &[CustomerCode]),
        (
            &["单据编号", "发票号", "应收单号", "Invoice No", "Voucher No"],
            &[InvoiceNo],
        ),
        (&["Document Number", "invoiceNumber"], &[InvoiceNo]),
        (
            &[
                "业务日期",
                "单据日期",
                "开票日期",
                "Invoice Date",
                "Posting Date",
            ],
            &[DocDate],
        ),
        (&["Document Date"], &[DocDate]),
        (
            &["到期日", "应收日期", "Due Date", "Net due date"],
            &[DueDate],
        ),
        (
            &[
                "价税合计",
                "应收金额",
                "原币金额",
                "Amount",
                "Invoiced Amount",
                "Total",
            ],
            &[Amount],
        ),
        (&["Contract amount", "合同金额"], &[Amount]),
        (&["已收金额", "核销金额", "Paid Amount"], &[PaidAmount]),
        (
            &[
                "未收金额",
                "尚未收款金额",
                "余额",
                "Outstanding Amount",
                "Open Balance",
            ],
            &[Outstanding],
        ),
        (&["Residual", "Amount Due"], &[Outstanding]),
        (
            &[
                "销售员",
                "业务员",
                "Sales Person",
                "Salesperson",
                "Sales Rep",
            ],
            &[Salesperson],
        ),
        (&["币别", "币种", "Currency"], &[Currency]),
        (
            &["付款条件", "收款条件", "Terms", "Payment Terms"],
            &[Terms],
        ),
        (
            &[
                "结清日期",
                "收款日期",
                "Settled Date",
                "Payment Date",
                "Clearing date",
            ],
            &[SettledDate],
        ),
        (&["Date Paid"], &[SettledDate]),
        (&["争议", "Disputed"], &[Disputed]),
        (&["产品线", "Product Line"], &[ProductLine]),
        (&["区域", "地区", "Region"], &[Region]),
        (&["发货日期", "出库日期", "Delivery Date"], &[ShipmentDate]),
        (&["信用额度", "Credit Limit"], &[CreditLimit]),
        (&["信用等级", "Credit Rating"], &[CreditGrade]),
        (&["行业", "Industry", "Tags"], &[Tags]),
        (&["联系人", "Contact"], &[ContactName]),
        (&["邮箱", "Email"], &[ContactEmail]),
        (&["手机", "Mobile", "Phone"], &[ContactMobile]),
        (
            &[
                "核销单号",
                "源单编号",
                "Invoice Reference",
                "Against Invoice",
            ],
            &[AppliedInvoice],
        ),
        (&["单据类型", "Type"], &[DocType]),
    ];
    for (headers, want) in lists {
        for h in *headers {
            assert_eq!(field_for_header(h), Some(want[0]), "{h}");
        }
    }
}

#[test]
fn erp_exports_map_fully() {
    let sap = [
        "Customer",
        "Document Number",
        "Document Date",
        "Net due date",
        "Amount in local currency",
        "Local Currency",
        "Clearing date",
    ];
    let erpnext = [
        "Posting Date",
        "Party",
        "Due Date",
        "Invoiced Amount",
        "Paid Amount",
        "Outstanding Amount",
        "Currency",
        "Territory",
    ];
    let quickbooks = [
        "Date",
        "Num",
        "Customer",
        "Due Date",
        "Amount",
        "Open Balance",
    ];
    let xero = [
        "Invoice Number",
        "Contact",
        "Invoice Date",
        "Due Date",
        "Total",
        "Amount Due",
    ];
    let odoo = [
        "Number",
        "Partner",
        "Invoice/Bill Date",
        "Due Date",
        "Total Signed",
        "Amount Due",
    ];
    for h in sap
        .iter()
        .chain(&erpnext)
        .chain(&quickbooks)
        .chain(&xero)
        .chain(&odoo)
    {
        assert!(field_for_header(h).is_some(), "{h}");
    }
    assert_eq!(field_for_header("Num"), Some(InvoiceNo));
    assert_eq!(field_for_header("Amount in doc. curr."), Some(Amount));
}

#[test]
fn matching_is_loose_about_form_not_words() {
    assert_eq!(field_for_header("  应收金额（本位币） "), Some(Amount));
    assert_eq!(field_for_header("Amount (CNY)"), Some(Amount));
    assert_eq!(field_for_header("金额(元)"), Some(Amount));
    assert_eq!(field_for_header("INVOICE_NO"), Some(InvoiceNo));
    assert_eq!(field_for_header("invoice-no."), Some(InvoiceNo));
    assert_eq!(field_for_header("ｉｎｖｏｉｃｅ　ｎｏ"), Some(InvoiceNo));
    assert_eq!(field_for_header("due date:"), Some(DueDate));
    assert_eq!(field_for_header("*客户编码"), Some(CustomerCode));
    assert_eq!(
        field_for_header("【到期日】"),
        None,
        "a bracket alone is not a unit"
    );
    assert_eq!(field_for_header("\u{FEFF}Customer"), Some(CustomerName));
    assert_eq!(field_for_header("Amount (CNY) (含税)"), Some(Amount));
    assert_eq!(field_for_header("Invoice Amountish"), None);
    assert_eq!(field_for_header(""), None);
    assert_eq!(field_for_header("()"), None);
    assert_eq!(field_for_header("日期：2026-03-31"), None);
}

#[test]
fn ranks_prefer_specific_headers() {
    let rank = |h| ranked_field_for_header(h).map(|r| r.1);
    assert!(rank("开票日期") < rank("Posting Date"));
    assert!(rank("Amount in doc. curr.") < rank("Amount in local currency"));
    assert_eq!(rank("Customer"), Some(GENERIC_RANK));
}
