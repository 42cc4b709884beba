//! The customer's settled invoices a model learned from: the history behind a prediction,
//! as a table for people (most recent first).

use super::predict::Model;
use crate::domain::ledger::Ledger;
use crate::domain::model::Pool;
use crate::domain::money::Money;
use chrono::NaiveDate;

/// One settled invoice of the training history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettledInvoice {
    /// Index into `pool.invoices`.
    pub index: usize,
    pub amount: Money,
    pub due: NaiveDate,
    pub settled: NaiveDate,
    /// `settled − due` in days (before the model's winsorising).
    pub delay_days: i64,
}

/// The invoices of `customer` that `model` was trained on, most recently settled first;
/// `ledger` must be the ledger the model was trained from (same as-of date).
pub fn settled_history(
    pool: &Pool,
    ledger: &Ledger,
    model: &Model,
    customer: &str,
) -> Vec<SettledInvoice> {
    let mut out: Vec<SettledInvoice> = model
        .trained_on()
        .iter()
        .filter_map(|&i| {
            let line = ledger.line_for(i)?;
            if line.customer(pool) != customer {
                return None;
            }
            let settled = line.settled_on?;
            Some(SettledInvoice {
                index: i,
                amount: line.amount,
                due: line.due,
                settled,
                delay_days: settled.signed_duration_since(line.due).num_days(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.settled.cmp(&a.settled).then(a.index.cmp(&b.index)));
    out
}
