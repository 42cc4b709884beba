//! Which field each column holds and what kind of file it is: guessed from the header,
//! confirmed or corrected by the user, saved under the header's signature for next time.

use super::cells::DayMonthOrder;
use super::synonyms::{normalize_header, ranked_field_for_header, Field, Rank, GENERIC_RANK};
use crate::domain::money::Currency;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What one file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// An invoice register or an open-items (未收款明细) report.
    Invoices,
    /// Receipts (收款单).
    Payments,
    Customers,
    Orders,
    Shipments,
    Staff,
}

impl FileKind {
    pub const ALL: [FileKind; 6] = [
        FileKind::Invoices,
        FileKind::Payments,
        FileKind::Customers,
        FileKind::Orders,
        FileKind::Shipments,
        FileKind::Staff,
    ];
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Invoices => "invoices",
            FileKind::Payments => "payments",
            FileKind::Customers => "customers",
            FileKind::Orders => "orders",
            FileKind::Shipments => "shipments",
            FileKind::Staff => "staff",
        })
    }
}

/// How to read a file: saved per header signature once the user confirms it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// `None` until detected or chosen: nothing is imported without a kind.
    pub kind: Option<FileKind>,
    /// The field of each header column (`None`: ignored). At most one column per field.
    pub columns: Vec<Option<Field>>,
    /// Per column: the day/month order of its `1/5/2026`-style dates, when the data decided
    /// it or the user answered.
    #[serde(default, with = "order_serde")]
    pub day_month_order: Vec<Option<DayMonthOrder>>,
    /// The currency of rows without a currency column (or with a blank one).
    #[serde(default = "default_currency")]
    pub default_currency: Currency,
}

fn default_currency() -> Currency {
    Currency::CNY
}

impl Mapping {
    /// The best guess from the header alone.
    pub fn auto(header: &[String]) -> Mapping {
        let width = header_width(header);
        let mut ranked: Vec<Option<(Field, Rank)>> = header[..width]
            .iter()
            .map(|h| ranked_field_for_header(h))
            .collect();
        generic_customer_holds_code(&mut ranked);
        let mut columns = best_column_per_field(&ranked);
        let kind = detect_kind(&columns);
        reinterpret_for_kind(kind, &mut columns);
        Mapping {
            kind,
            columns,
            day_month_order: vec![None; width],
            default_currency: Currency::CNY,
        }
    }

    /// A saved mapping applies only to a header of the same width.
    pub fn fits(&self, header: &[String]) -> bool {
        self.columns.len() == header_width(header)
    }

    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(field))
    }

    pub fn has(&self, field: Field) -> bool {
        self.column_of(field).is_some()
    }

    /// User override: `column` now holds `field` (or nothing). Any other column that held
    /// `field` is cleared, so each field keeps one source.
    pub fn set_column(&mut self, column: usize, field: Option<Field>) {
        if column >= self.columns.len() {
            return;
        }
        if let Some(f) = field {
            for c in self.columns.iter_mut().filter(|c| **c == Some(f)) {
                *c = None;
            }
        }
        self.columns[column] = field;
    }

    pub fn set_kind(&mut self, kind: FileKind) {
        self.kind = Some(kind);
    }

    /// The user's answer for a date column the data could not decide.
    pub fn set_day_month_order(&mut self, column: usize, order: DayMonthOrder) {
        if self.day_month_order.len() < self.columns.len() {
            self.day_month_order.resize(self.columns.len(), None);
        }
        if let Some(slot) = self.day_month_order.get_mut(column) {
            *slot = Some(order);
        }
    }

    pub fn day_month_order_of(&self, column: usize) -> Option<DayMonthOrder> {
        self.day_month_order.get(column).copied().flatten()
    }

    /// Fields the kind needs but no column holds. `(a, b)` alternatives are reported by the
    /// first (e.g. an invoice file needs an amount or an outstanding column: `Amount`).
    pub fn missing_fields(&self) -> Vec<Field> {
        use Field::*;
        let needs: &[&[Field]] = match self.kind {
            None => &[],
            Some(FileKind::Invoices) => &[
                &[CustomerName, CustomerCode],
                &[InvoiceNo],
                &[DocDate],
                &[Amount, Outstanding],
            ],
            Some(FileKind::Payments) => &[
                &[CustomerName, CustomerCode],
                &[PaymentNo, InvoiceNo],
                &[SettledDate, DocDate],
                &[ReceiptAmount, Amount, PaidAmount],
            ],
            Some(FileKind::Customers) => &[&[CustomerName, CustomerCode]],
            Some(FileKind::Orders) => &[
                &[CustomerName, CustomerCode],
                &[OrderNo],
                &[DocDate],
                &[Amount],
            ],
            Some(FileKind::Shipments) => &[&[ShipmentNo], &[ShipmentDate, DocDate]],
            Some(FileKind::Staff) => &[&[PersonName]],
        };
        needs
            .iter()
            .filter(|any_of| !any_of.iter().any(|f| self.has(*f)))
            .map(|any_of| any_of[0])
            .collect()
    }
}

/// Header cells up to the last non-blank one (trailing empty columns carry nothing).
fn header_width(header: &[String]) -> usize {
    header
        .iter()
        .rposition(|h| !super::cells::is_blank(h))
        .map_or(0, |i| i + 1)
}

/// SAP FBL5N and ERPNext put the account code under `Customer` / `Party` next to a name
/// column: when a specific name column exists and no code column does, the generic
/// header is the code.
fn generic_customer_holds_code(ranked: &mut [Option<(Field, Rank)>]) {
    let has_code = ranked
        .iter()
        .flatten()
        .any(|(f, _)| *f == Field::CustomerCode);
    let specific_name = ranked
        .iter()
        .flatten()
        .any(|(f, r)| *f == Field::CustomerName && *r < GENERIC_RANK);
    if has_code || !specific_name {
        return;
    }
    if let Some(slot) = ranked
        .iter_mut()
        .find(|s| matches!(s, Some((Field::CustomerName, GENERIC_RANK))))
    {
        *slot = Some((Field::CustomerCode, 0));
    }
}

/// Each field goes to its best-ranked column (the first on a tie); the others are ignored.
fn best_column_per_field(ranked: &[Option<(Field, Rank)>]) -> Vec<Option<Field>> {
    let mut best: [Option<(usize, Rank)>; Field::ALL.len()] = [None; Field::ALL.len()];
    for (column, entry) in ranked.iter().enumerate() {
        if let Some((field, rank)) = *entry {
            let slot = &mut best[field as usize];
            if slot.is_none_or(|(_, r)| rank < r) {
                *slot = Some((column, rank));
            }
        }
    }
    ranked
        .iter()
        .enumerate()
        .map(|(column, entry)| {
            entry.and_then(|(field, _)| {
                (best[field as usize].map(|(c, _)| c) == Some(column)).then_some(field)
            })
        })
        .collect()
}

/// What the mapped columns say the file is; `None` when they do not say (the UI asks).
pub fn detect_kind(columns: &[Option<Field>]) -> Option<FileKind> {
    use Field::*;
    let has = |f: Field| columns.contains(&Some(f));
    let any = |fs: &[Field]| fs.iter().any(|f| has(*f));
    let documents = any(&[InvoiceNo, OrderNo, ShipmentNo, PaymentNo]);
    let money = any(&[Amount, PaidAmount, ReceiptAmount, Outstanding]);
    let customer = any(&[CustomerCode, CustomerName]);
    let staff_signal = any(&[PersonName, Role, Manager, DingTalk, WeCom, Feishu]);

    if staff_signal && !documents && !money && !has(CustomerCode) && !has(CreditLimit) {
        return Some(FileKind::Staff);
    }
    if has(PaymentNo) || has(ReceiptAmount) {
        return Some(FileKind::Payments);
    }
    if has(InvoiceNo) && has(AppliedInvoice) && has(PaidAmount) && !any(&[Amount, Outstanding]) {
        // Kingdee 收款单: its own number, the invoice it settles, the amount settled.
        return Some(FileKind::Payments);
    }
    if has(InvoiceNo) && any(&[Amount, Outstanding, PaidAmount]) {
        return Some(FileKind::Invoices);
    }
    if has(OrderNo) && has(Amount) && !has(InvoiceNo) {
        return Some(FileKind::Orders);
    }
    if has(ShipmentNo) && !has(InvoiceNo) {
        return Some(FileKind::Shipments);
    }
    if customer && !documents && !money {
        return Some(FileKind::Customers);
    }
    None
}

/// Headers whose meaning depends on the kind: Xero's `Contact` is the customer of an
/// invoice; a staff list's bare `Name` is the person.
fn reinterpret_for_kind(kind: Option<FileKind>, columns: &mut [Option<Field>]) {
    let has = |columns: &[Option<Field>], f: Field| columns.contains(&Some(f));
    let swap = |columns: &mut [Option<Field>], from: Field, to: Field| {
        if let Some(c) = columns.iter_mut().find(|c| **c == Some(from)) {
            *c = Some(to);
        }
    };
    match kind {
        Some(FileKind::Invoices | FileKind::Payments | FileKind::Orders)
            if !has(columns, Field::CustomerName) && !has(columns, Field::CustomerCode) =>
        {
            swap(columns, Field::ContactName, Field::CustomerName)
        }
        Some(FileKind::Staff) if !has(columns, Field::PersonName) => {
            swap(columns, Field::CustomerName, Field::PersonName)
        }
        _ => {}
    }
}

/// A stable text naming the header's columns in the loose form they are matched in, so a
/// mapping the user confirmed is found again for the next export of the same report.
pub fn header_signature(header: &[String]) -> String {
    let width = header_width(header);
    let mut signature = String::from("v1");
    for cell in &header[..width] {
        signature.push('|');
        signature.push_str(&normalize_header(cell));
    }
    signature
}

/// `DayMonthOrder` (owned by `cells`) has no serde; saved mappings store it as text.
mod order_serde {
    use super::DayMonthOrder;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Saved {
        DayFirst,
        MonthFirst,
    }

    pub fn serialize<S: Serializer>(v: &[Option<DayMonthOrder>], s: S) -> Result<S::Ok, S::Error> {
        let saved: Vec<Option<Saved>> = v
            .iter()
            .map(|o| {
                o.map(|o| match o {
                    DayMonthOrder::DayFirst => Saved::DayFirst,
                    DayMonthOrder::MonthFirst => Saved::MonthFirst,
                })
            })
            .collect();
        saved.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Option<DayMonthOrder>>, D::Error> {
        let saved: Vec<Option<Saved>> = Vec::deserialize(d)?;
        Ok(saved
            .into_iter()
            .map(|o| {
                o.map(|o| match o {
                    Saved::DayFirst => DayMonthOrder::DayFirst,
                    Saved::MonthFirst => DayMonthOrder::MonthFirst,
                })
            })
            .collect())
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
