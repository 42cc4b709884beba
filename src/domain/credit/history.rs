//! One customer's payment history as of a date, gathered line by line in one pass.

use crate::domain::asof::AsOf;
use crate::domain::ledger::{InvoiceLine, InvoiceStatus};
use crate::domain::model::Invoice;
use crate::domain::money::{Currency, Money};
use chrono::NaiveDate;

/// "The last 12 months": settlements on the as-of date or in the 364 days before it.
pub(super) const WINDOW_DAYS: i64 = 365;

/// Amount-weighted sums in one currency (minor units; i128 so products cannot overflow).
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct CurrencyHistory {
    pub invoices: u32,
    /// Σ amount of decided invoices.
    pub decided_amount: i128,
    /// Σ amount of decided invoices paid on time.
    pub on_time_amount: i128,
    /// Σ amount × days late over decided invoices.
    pub amount_days_late: i128,
    /// Open and overdue-open amounts today.
    pub open: i64,
    pub overdue: i64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct History {
    pub invoices: u32,
    pub first_invoice: Option<NaiveDate>,
    pub settled: u32,
    pub decided: u32,
    pub on_time: u32,
    /// Most days late in the last 12 months (0 if none).
    pub worst_days_late: i64,
    pub disputes: u32,
    /// Few customers invoice in more than one or two currencies: a short list beats a map.
    pub currencies: Vec<(Currency, CurrencyHistory)>,
}

impl History {
    pub fn add(&mut self, line: &InvoiceLine, invoice: &Invoice, grace_days: u32, as_of: AsOf) {
        if line.amount.minor <= 0 {
            return;
        }
        self.invoices += 1;
        self.first_invoice = Some(
            self.first_invoice
                .map_or(invoice.date, |d| d.min(invoice.date)),
        );
        if invoice.disputed {
            self.disputes += 1;
        }
        let grace = i64::from(grace_days);
        // (days late, whether it is known now) for settled and hopelessly late invoices.
        let decided = match (line.status, line.settled_on) {
            (InvoiceStatus::Paid, Some(settled)) => {
                self.settled += 1;
                let late = settled.signed_duration_since(line.due).num_days();
                if as_of.0.signed_duration_since(settled).num_days() < WINDOW_DAYS {
                    self.worst_days_late = self.worst_days_late.max(late);
                }
                Some(late)
            }
            (InvoiceStatus::Overdue, _) => {
                self.worst_days_late = self.worst_days_late.max(line.days_overdue);
                (line.days_overdue > grace).then_some(line.days_overdue)
            }
            _ => None,
        };
        let entry = self.currency_mut(line.currency);
        entry.invoices += 1;
        entry.open += line.open.minor;
        if line.status == InvoiceStatus::Overdue {
            entry.overdue += line.open.minor;
        }
        if let Some(late) = decided {
            let on_time = line.status == InvoiceStatus::Paid && late <= grace;
            let amount = i128::from(line.amount.minor);
            entry.decided_amount += amount;
            entry.amount_days_late += amount * i128::from(late.max(0));
            if on_time {
                entry.on_time_amount += amount;
            }
            self.decided += 1;
            if on_time {
                self.on_time += 1;
            }
        }
    }

    fn currency_mut(&mut self, currency: Currency) -> &mut CurrencyHistory {
        let pos = match self.currencies.iter().position(|(c, _)| *c == currency) {
            Some(pos) => pos,
            None => {
                self.currencies.push((currency, CurrencyHistory::default()));
                self.currencies.len() - 1
            }
        };
        &mut self.currencies[pos].1
    }

    /// The currency most invoices are in (ties: the lower code).
    pub fn main_currency(&self) -> Option<(Currency, &CurrencyHistory)> {
        self.currencies
            .iter()
            .max_by(|(ca, a), (cb, b)| a.invoices.cmp(&b.invoices).then(cb.cmp(ca)))
            .map(|(c, h)| (*c, h))
    }

    /// Open receivables in `currency`.
    pub fn open_in(&self, currency: Currency) -> Money {
        let minor = self
            .currencies
            .iter()
            .find(|(c, _)| *c == currency)
            .map_or(0, |(_, h)| h.open);
        Money::new(minor, currency)
    }

    /// Open receivables in every currency but `currency`, in code order.
    pub fn open_except(&self, currency: Currency) -> Vec<Money> {
        let mut out: Vec<Money> = self
            .currencies
            .iter()
            .filter(|(c, h)| *c != currency && h.open != 0)
            .map(|(c, h)| Money::new(h.open, *c))
            .collect();
        out.sort_by_key(|m| m.currency);
        out
    }

    pub fn tenure_days(&self, as_of: AsOf) -> i64 {
        self.first_invoice.map_or(0, |first| {
            as_of.0.signed_duration_since(first).num_days().max(0)
        })
    }
}
