//! Data rows + a confirmed mapping → domain records, and a report of every refused row.
//!
//! A row either imports completely or is refused with every reason found in it; nothing
//! is defaulted silently. Rows are read independently (`invoice_rows`, `other_rows`), then
//! rows naming the same record are reconciled (`dedupe`).

mod dedupe;
mod invoice_rows;
mod other_rows;
mod problems;
mod row_reader;

pub use dedupe::MAX_OTHER_LINES;
pub use invoice_rows::DERIVED_PAYMENT_SUFFIX;
pub use other_rows::parse_role_list;
// Keys and the any-record enum live in the domain (the store merges by them).
pub use crate::domain::keys::{natural_key, Keyed, NaturalKey, Record};
pub use problems::{RowError, RowProblem};

use super::cells::{day_month_evidence, DayMonthEvidence, DayMonthOrder};
use super::mapping::{FileKind, Mapping};
use super::table::SourceRow;
use crate::domain::model::{Customer, Pool};
use chrono::NaiveDate;
use row_reader::{Ctx, RowReader};

/// Everything one file yields, ready for the store to merge by natural key.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportBatch {
    /// The file's records. Customers here come from a customer file: complete records,
    /// they replace what is stored.
    pub records: Pool,
    /// Customers that invoices, payments, orders or shipments name (code and name only):
    /// to be added only when no customer with that code is stored yet, so a bare reference
    /// never overwrites a customer file's credit limit or contacts.
    pub implied_customers: Vec<Customer>,
}

impl ImportBatch {
    /// The batch as the merge takes it (`domain::merge::plan_import`): every record, and
    /// the implied customers apart.
    pub fn into_records(self) -> (Vec<Record>, Vec<Customer>) {
        (self.records.records().collect(), self.implied_customers)
    }

    /// Number of records of every kind (implied customers included).
    pub fn record_count(&self) -> usize {
        let p = &self.records;
        p.customers.len()
            + self.implied_customers.len()
            + p.orders.len()
            + p.shipments.len()
            + p.invoices.len()
            + p.payments.len()
            + p.credit_notes.len()
            + p.staff.len()
    }
}

/// The result of reading the data rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordsOutcome {
    pub batch: ImportBatch,
    /// In line order; a refused row may have several.
    pub errors: Vec<RowError>,
    /// Source rows that became records.
    pub imported: usize,
    /// Source rows refused (each has at least one entry in `errors`).
    pub rejected: usize,
}

/// The customer a row refers to: its code (the name when the file has no codes) and name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CustomerRef {
    pub code: String,
    pub name: String,
}

/// A row that read cleanly, before rows naming the same record are reconciled.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub line: usize,
    pub key: NaturalKey,
    /// Header text and raw cell of the row's number, for duplicate reports.
    pub number_column: String,
    pub number_raw: String,
    pub records: Vec<Record>,
    pub customer: Option<CustomerRef>,
}

/// Day/month order per column after looking at the data, and the date columns whose
/// `1/5/2026`-style values only the user can read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateOrders {
    pub per_column: Vec<Option<DayMonthOrder>>,
    pub undecided: Vec<usize>,
}

/// Decides each date column's day/month order from all its values. A decision from the
/// data wins over a saved answer (the data proves it); a saved or user answer settles a
/// column the data cannot decide; otherwise the column is `undecided`.
pub fn resolve_day_month_orders(rows: &[&SourceRow], mapping: &Mapping) -> DateOrders {
    let mut out = DateOrders {
        per_column: vec![None; mapping.columns.len()],
        undecided: Vec::new(),
    };
    for (column, field) in mapping.columns.iter().enumerate() {
        if !field.is_some_and(|f| f.is_date()) {
            continue;
        }
        let values = rows
            .iter()
            .filter_map(|r| r.cells.get(column))
            .map(String::as_str);
        let answered = mapping.day_month_order_of(column);
        out.per_column[column] = match day_month_evidence(values) {
            DayMonthEvidence::Decided(order) => Some(order),
            DayMonthEvidence::Ambiguous if answered.is_none() => {
                out.undecided.push(column);
                None
            }
            _ => answered,
        };
    }
    out
}

/// Reads every data row with `mapping` (whose `day_month_order` must already hold the
/// resolved orders, see [`resolve_day_month_orders`]). `report_date` dates the paid part
/// of open items. Returns an empty outcome while the kind is unknown.
pub fn build_records(
    rows: &[&SourceRow],
    header: &[String],
    mapping: &Mapping,
    report_date: Option<NaiveDate>,
) -> RecordsOutcome {
    let Some(kind) = mapping.kind else {
        return RecordsOutcome::default();
    };
    let ctx = Ctx::new(header, mapping, report_date);
    let mut candidates = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for row in rows {
        let mut reader = RowReader::new(&ctx, row);
        let candidate = match kind {
            FileKind::Invoices => invoice_rows::read(&mut reader),
            FileKind::Payments => other_rows::payment(&mut reader),
            FileKind::Customers => other_rows::customer(&mut reader),
            FileKind::Orders => other_rows::order(&mut reader),
            FileKind::Shipments => other_rows::shipment(&mut reader),
            FileKind::Staff => other_rows::person(&mut reader),
        };
        let line = reader.line();
        let row_errors = reader.into_errors();
        match candidate {
            Some(c) if row_errors.is_empty() => candidates.push(c),
            None if row_errors.is_empty() => {
                // Every refusal records its reason; never let a row vanish if one did not.
                debug_assert!(false, "row {line} refused without a reason");
                errors.push(RowError {
                    line,
                    column: String::new(),
                    raw: String::new(),
                    reason: RowProblem::Missing,
                });
            }
            _ => errors.extend(row_errors),
        }
    }
    let merge_payments = kind == FileKind::Payments;
    let reconciled = dedupe::reconcile(candidates, merge_payments);
    errors.extend(reconciled.errors);
    errors.sort_by_key(|e| e.line);
    let rejected = count_lines(&errors);
    let batch = assemble(reconciled.kept, kind);
    RecordsOutcome {
        batch,
        errors,
        imported: reconciled.imported_rows,
        rejected,
    }
}

/// Distinct lines in `errors` (sorted by line).
fn count_lines(errors: &[RowError]) -> usize {
    let mut count = 0;
    let mut last = None;
    for e in errors {
        if last != Some(e.line) {
            count += 1;
            last = Some(e.line);
        }
    }
    count
}

fn assemble(kept: Vec<Candidate>, kind: FileKind) -> ImportBatch {
    let mut batch = ImportBatch::default();
    let mut implied = std::collections::HashMap::new();
    for candidate in kept {
        if kind != FileKind::Customers {
            if let Some(c) = candidate.customer {
                implied.entry(c.code.clone()).or_insert_with(|| {
                    batch.implied_customers.push(bare_customer(c));
                });
            }
        }
        for record in candidate.records {
            batch.records.push(record);
        }
    }
    batch
}

fn bare_customer(c: CustomerRef) -> Customer {
    Customer::new(c.code, c.name)
}

#[cfg(test)]
mod tests;
