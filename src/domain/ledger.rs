//! Open balances as of a date: which payments and credit notes settled which invoices.
//!
//! Rules:
//! - As of D, an invoice, payment or credit note counts once its date is on or before D.
//! - Payments and credit notes are applied in (date, number) order, so the result does not
//!   depend on the order of the pool's vectors.
//! - A payment first goes to the invoices it names, in the order listed (`amount: None` =
//!   as much as the invoice still needs); a credit note first goes to the invoice it names.
//!   What is left goes to the same customer's open invoices in the same currency, oldest
//!   first (due date, then invoice date, then number); what is still left is unapplied credit.
//! - Amounts never cross currencies, and never cross customers: a named invoice that is
//!   unknown, not yet dated, in another currency or of another customer is skipped and its
//!   share falls through to oldest-first.
//!
//! Choices where the issue is silent:
//! - A negative invoice (红字发票) is treated as an un-named credit note of the same size on
//!   its own date; it gets no line of its own.
//! - A negative or zero payment or credit note (a refund, a reversal) touches no invoice: it
//!   only lowers that customer's unapplied credit, which may then go below zero.
//! - Credit (a prepayment) also settles invoices dated after it, as long as both count as of
//!   D; such an invoice is `settled_on` its own date, not the earlier payment's.
//! - Same date: the lower number goes first, payments and credit notes alike.
//! - Disputed invoices are allocated like any other; showing or hiding them is a filter's job.
//! - `days_overdue` is filled in for paid lines too (as of D); `status` says they are paid.
//! - Lines carry the invoice's index, not copies of its number and customer: read those
//!   through [`InvoiceLine::invoice`] and friends.

mod allocation;

use super::asof::{days_overdue, AsOf};
use super::model::{Invoice, Pool};
use super::money::{Currency, Money, Totals};
use allocation::{allocate, Allocation, Slot};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Something still owed, not yet past due.
    Open,
    /// Something still owed, past due.
    Overdue,
    /// Nothing owed.
    Paid,
}

/// One invoice as of the ledger's date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLine {
    /// Index into `pool.invoices`.
    pub index: usize,
    pub currency: Currency,
    pub amount: Money,
    /// Payments and credit notes applied so far.
    pub applied: Money,
    /// Still owed: `amount - applied`, never negative.
    pub open: Money,
    pub due: NaiveDate,
    /// As of the ledger's date; zero or less means not yet due.
    pub days_overdue: i64,
    /// When the balance reached zero (the date of the payment or credit that closed it).
    pub settled_on: Option<NaiveDate>,
    pub status: InvoiceStatus,
}

impl InvoiceLine {
    /// The invoice this line is about; `None` only if `pool` is not the ledger's pool.
    pub fn invoice<'p>(&self, pool: &'p Pool) -> Option<&'p Invoice> {
        pool.invoices.get(self.index)
    }
    pub fn number<'p>(&self, pool: &'p Pool) -> &'p str {
        self.invoice(pool).map_or("", |i| i.number.as_str())
    }
    pub fn customer<'p>(&self, pool: &'p Pool) -> &'p str {
        self.invoice(pool).map_or("", |i| i.customer.as_str())
    }
}

/// Money received that no invoice has absorbed (or, below zero, refunded beyond it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnappliedCredit {
    pub customer: String,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    pub as_of: AsOf,
    /// Every invoice that counts as of the date (negative ones excepted), in pool order.
    pub lines: Vec<InvoiceLine>,
    /// Non-zero credits, by customer then currency.
    pub unapplied: Vec<UnappliedCredit>,
    pub total_open: Totals,
    pub total_overdue: Totals,
    pub total_unapplied: Totals,
}

/// One customer's position: what is owed, what of it is overdue, what credit is unused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerBalance {
    pub open: Totals,
    pub overdue: Totals,
    pub unapplied: Totals,
    pub open_count: usize,
    pub overdue_count: usize,
}

impl CustomerBalance {
    /// Owed minus unused credit, per currency.
    pub fn net(&self) -> Totals {
        let mut net = self.open.clone();
        for credit in self.unapplied.iter() {
            net.add(Money::new(credit.minor.saturating_neg(), credit.currency));
        }
        net
    }

    fn add_line(&mut self, line: &InvoiceLine) {
        if line.open.minor > 0 {
            self.open.add(line.open);
            self.open_count += 1;
        }
        if line.status == InvoiceStatus::Overdue {
            self.overdue.add(line.open);
            self.overdue_count += 1;
        }
    }
}

impl Ledger {
    /// The line for `pool.invoices[index]`, if that invoice counts as of the date.
    pub fn line_for(&self, index: usize) -> Option<&InvoiceLine> {
        let pos = self.lines.binary_search_by_key(&index, |l| l.index).ok()?;
        self.lines.get(pos)
    }

    /// Every customer that has a line or a credit, keyed by customer code.
    pub fn customer_balances<'a>(&'a self, pool: &'a Pool) -> BTreeMap<&'a str, CustomerBalance> {
        let mut out: BTreeMap<&str, CustomerBalance> = BTreeMap::new();
        for line in &self.lines {
            out.entry(line.customer(pool)).or_default().add_line(line);
        }
        for credit in &self.unapplied {
            out.entry(credit.customer.as_str())
                .or_default()
                .unapplied
                .add(credit.amount);
        }
        out
    }

    /// One customer's position (a scan; use [`Ledger::customer_balances`] for many).
    pub fn customer_balance(&self, pool: &Pool, customer: &str) -> CustomerBalance {
        let mut out = CustomerBalance::default();
        for line in self.lines.iter().filter(|l| l.customer(pool) == customer) {
            out.add_line(line);
        }
        for credit in self.unapplied.iter().filter(|c| c.customer == customer) {
            out.unapplied.add(credit.amount);
        }
        out
    }
}

/// Allocates every payment and credit note that counts as of `as_of`. O(n log n).
pub fn ledger(pool: &Pool, as_of: AsOf) -> Ledger {
    let Allocation { slots, credits } = allocate(pool, as_of);
    let mut total_open = Totals::new();
    let mut total_overdue = Totals::new();
    let lines = slots
        .into_iter()
        .map(|slot| {
            let line = line_of(slot, as_of);
            if line.open.minor != 0 {
                total_open.add(line.open);
            }
            if line.status == InvoiceStatus::Overdue {
                total_overdue.add(line.open);
            }
            line
        })
        .collect();
    let mut total_unapplied = Totals::new();
    let unapplied = credits
        .into_iter()
        .map(|credit| {
            total_unapplied.add(credit.amount);
            UnappliedCredit {
                customer: credit.customer.to_owned(),
                amount: credit.amount,
            }
        })
        .collect();
    Ledger {
        as_of,
        lines,
        unapplied,
        total_open,
        total_overdue,
        total_unapplied,
    }
}

fn line_of(slot: Slot, as_of: AsOf) -> InvoiceLine {
    let currency = slot.amount.currency;
    let days = days_overdue(as_of, slot.due);
    let status = match (slot.open, days) {
        (0, _) => InvoiceStatus::Paid,
        (_, d) if d > 0 => InvoiceStatus::Overdue,
        _ => InvoiceStatus::Open,
    };
    InvoiceLine {
        index: slot.index,
        currency,
        amount: slot.amount,
        applied: Money::new(slot.amount.minor - slot.open, currency),
        open: Money::new(slot.open, currency),
        due: slot.due,
        days_overdue: days,
        settled_on: slot.settled_on,
        status,
    }
}

#[cfg(test)]
pub(crate) mod tests;
