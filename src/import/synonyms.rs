//! Column headers to the fields they mean, across the ERPs our users export from.
//!
//! Matching is loose on purpose (case, spaces, underscores, full-width punctuation and a
//! trailing unit such as `（本位币）` or `(CNY)` are ignored) but only ever exact against this
//! table: an unknown header maps to nothing rather than to a near miss.

use super::cells::half_width_char;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// Every column the import understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    CustomerCode,
    CustomerName,
    InvoiceNo,
    OrderNo,
    ShipmentNo,
    PaymentNo,
    DocDate,
    DueDate,
    Amount,
    /// Already received against an invoice (已收金额): part of an invoice row.
    PaidAmount,
    /// A receipt's own amount (收款金额): the amount of a payment row.
    ReceiptAmount,
    Outstanding,
    Salesperson,
    Currency,
    Terms,
    SettledDate,
    Disputed,
    ProductLine,
    Region,
    ShipmentDate,
    CreditLimit,
    CreditGrade,
    Tags,
    ContactName,
    ContactEmail,
    ContactMobile,
    AppliedInvoice,
    DocType,
    PersonName,
    Role,
    Manager,
    DingTalk,
    WeCom,
    Feishu,
}

impl Field {
    pub const ALL: [Field; 34] = [
        Field::CustomerCode,
        Field::CustomerName,
        Field::InvoiceNo,
        Field::OrderNo,
        Field::ShipmentNo,
        Field::PaymentNo,
        Field::DocDate,
        Field::DueDate,
        Field::Amount,
        Field::PaidAmount,
        Field::ReceiptAmount,
        Field::Outstanding,
        Field::Salesperson,
        Field::Currency,
        Field::Terms,
        Field::SettledDate,
        Field::Disputed,
        Field::ProductLine,
        Field::Region,
        Field::ShipmentDate,
        Field::CreditLimit,
        Field::CreditGrade,
        Field::Tags,
        Field::ContactName,
        Field::ContactEmail,
        Field::ContactMobile,
        Field::AppliedInvoice,
        Field::DocType,
        Field::PersonName,
        Field::Role,
        Field::Manager,
        Field::DingTalk,
        Field::WeCom,
        Field::Feishu,
    ];

    /// Fields that identify a record; a header row must contain at least one.
    pub fn is_key(self) -> bool {
        matches!(
            self,
            Field::CustomerCode
                | Field::CustomerName
                | Field::InvoiceNo
                | Field::OrderNo
                | Field::ShipmentNo
                | Field::PaymentNo
                | Field::PersonName
        )
    }

    pub fn is_date(self) -> bool {
        matches!(
            self,
            Field::DocDate | Field::DueDate | Field::SettledDate | Field::ShipmentDate
        )
    }

    pub fn is_amount(self) -> bool {
        matches!(
            self,
            Field::Amount
                | Field::PaidAmount
                | Field::ReceiptAmount
                | Field::Outstanding
                | Field::CreditLimit
        )
    }

    pub fn is_identifier(self) -> bool {
        matches!(
            self,
            Field::CustomerCode
                | Field::InvoiceNo
                | Field::OrderNo
                | Field::ShipmentNo
                | Field::PaymentNo
                | Field::AppliedInvoice
        )
    }

    /// Stable snake_case id (the serde name), for i18n keys and saved mappings.
    pub fn id(self) -> &'static str {
        match self {
            Field::CustomerCode => "customer_code",
            Field::CustomerName => "customer_name",
            Field::InvoiceNo => "invoice_no",
            Field::OrderNo => "order_no",
            Field::ShipmentNo => "shipment_no",
            Field::PaymentNo => "payment_no",
            Field::DocDate => "doc_date",
            Field::DueDate => "due_date",
            Field::Amount => "amount",
            Field::PaidAmount => "paid_amount",
            Field::ReceiptAmount => "receipt_amount",
            Field::Outstanding => "outstanding",
            Field::Salesperson => "salesperson",
            Field::Currency => "currency",
            Field::Terms => "terms",
            Field::SettledDate => "settled_date",
            Field::Disputed => "disputed",
            Field::ProductLine => "product_line",
            Field::Region => "region",
            Field::ShipmentDate => "shipment_date",
            Field::CreditLimit => "credit_limit",
            Field::CreditGrade => "credit_grade",
            Field::Tags => "tags",
            Field::ContactName => "contact_name",
            Field::ContactEmail => "contact_email",
            Field::ContactMobile => "contact_mobile",
            Field::AppliedInvoice => "applied_invoice",
            Field::DocType => "doc_type",
            Field::PersonName => "person_name",
            Field::Role => "role",
            Field::Manager => "manager",
            Field::DingTalk => "dingtalk",
            Field::WeCom => "wecom",
            Field::Feishu => "feishu",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How sure a header is: when two columns claim the same field, the lower rank keeps it
/// (`开票日期` beats `Posting Date`; a document-currency amount beats the local one).
pub type Rank = u8;

/// A generic customer header (`Customer`, `客户`, `Party`). When a more specific name column
/// also exists, the generic one holds the code (SAP FBL5N, ERPNext).
pub const GENERIC_RANK: Rank = 5;

mod table;
mod traditional;
use table::SYNONYMS;

fn table() -> &'static HashMap<String, (Field, Rank)> {
    static TABLE: OnceLock<HashMap<String, (Field, Rank)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::with_capacity(SYNONYMS.len());
        for &(header, field, rank) in SYNONYMS {
            // First entry wins; the table test guarantees no two entries collide.
            map.entry(normalize_header(header)).or_insert((field, rank));
        }
        map
    })
}

/// The field a header names, if any.
pub fn field_for_header(header: &str) -> Option<Field> {
    ranked_field_for_header(header).map(|(field, _)| field)
}

/// The field a header names and how sure the match is (lower is surer).
pub fn ranked_field_for_header(header: &str) -> Option<(Field, Rank)> {
    let key = normalize_header(header);
    if key.is_empty() {
        return None;
    }
    table().get(&key).copied()
}

/// The loose form headers are compared in: half-width, simplified, lower case, without separators or a
/// trailing bracketed unit (`应收金额（本位币）` → `应收金额`, `Amount (CNY)` → `amount`).
pub fn normalize_header(header: &str) -> String {
    let mut s: String = header
        .chars()
        .filter_map(half_width)
        .flat_map(char::to_lowercase)
        .collect();
    loop {
        let trimmed = s.trim_end().trim_end_matches(['*', ':']).trim_end();
        let without_unit = strip_trailing_bracket(trimmed);
        let next = without_unit.unwrap_or(trimmed);
        if next.len() == s.len() {
            break;
        }
        s = next.to_owned();
    }
    s.retain(|c| !is_separator(c));
    s
}

/// `abc(xyz)` → `abc`; `None` when there is no trailing bracket group or nothing before it.
fn strip_trailing_bracket(s: &str) -> Option<&str> {
    let open = match s.chars().last()? {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let start = s.rfind(open)?;
    let head = s[..start].trim_end();
    (!head.is_empty()).then_some(head)
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '_' | '-' | '.' | '/' | '*' | ':' | '·' | '\'' | '"')
}

/// A header character's comparable form: half-width, simplified, with the lenticular
/// brackets of Chinese headers as `[` `]`.
fn half_width(c: char) -> Option<char> {
    match c {
        '【' => Some('['),
        '】' => Some(']'),
        c => half_width_char(traditional::simplified(c)),
    }
}

#[cfg(test)]
mod tests;
