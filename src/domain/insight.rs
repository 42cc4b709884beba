//! The dashboard (看板): receivables, overdue, DSO, collection and rankings as of a date.
//!
//! Every figure is per currency — CNY is never added to USD — and a pure function of
//! (pool, ledger, settings, as-of). Rules where the issue leaves room:
//! - **Receivables** are the ledger's open amounts (gross: unapplied credit is shown beside
//!   them, not netted). **Overdue** is the open amount of lines past due.
//! - **Credit sales** are the amounts of invoices that count as of the date (invoice date on
//!   or before it, amount ≥ 0 — a negative invoice is a credit note, as in the ledger).
//! - **Collected** in the period: payments and credit notes (negative invoices included)
//!   *dated* in the period, signed, so a refund lowers it. The period always ends on the
//!   as-of date; it starts per [`CollectionPeriod`] (default: the 1st of the as-of month).
//! - **Fell due** in the period: the amounts of invoices whose due date is in the period.
//!   **Collection rate** = collected ÷ fell due; it can pass 100 % when old debts are paid.
//! - Salespeople, regions and product lines are the invoice's own fields (the ones a
//!   [`LedgerQuery`](crate::domain::ledger_query::LedgerQuery) filters on), so a drill-down lands on exactly the invoices of a row;
//!   invoices without one are totalled in [`Unassigned`] rather than ranked.
//! - A salesperson's **collected** is what was applied to their invoices during the period:
//!   applied as of the as-of date minus applied as of the day before the period starts.
//!   Money left unapplied belongs to no invoice and so to no salesperson.

mod dso;
pub mod form;
mod rankings;
mod trend;

#[cfg(test)]
mod props;
#[cfg(test)]
pub(crate) mod tests;

pub use dso::{CountbackStep, Days100, Dso, COUNTBACK_DSO_FORMULA, STANDARD_DSO_FORMULA};
pub use rankings::{Amounts, CustomerRow, GroupRow, SalespersonRow, Unassigned};
pub use trend::{trend, trend_at, trend_month_ends, trend_reusing, trend_reusing_with, TrendPoint};

use super::aging::{aging, AgingBucket, AgingEdges};
use super::asof::AsOf;
use super::fast_hash::FastSet;
use super::ledger::{ledger, InvoiceStatus, Ledger};
use super::model::Pool;
use super::money::{Currency, Money};
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Where the collection period starts; it always ends on the as-of date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollectionPeriod {
    /// From the 1st of the as-of date's month (本月至今).
    #[default]
    MonthToDate,
    /// From the 1st of the as-of date's calendar quarter.
    QuarterToDate,
    /// From 1 January of the as-of date's year.
    YearToDate,
    /// The last N days including the as-of date (0 is read as 1).
    TrailingDays(u32),
}

/// An inclusive date range `[from, to]`, and the rule that produced it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub kind: CollectionPeriod,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

impl CollectionPeriod {
    /// The concrete dates for `as_of`.
    pub fn resolve(self, as_of: AsOf) -> Period {
        let to = as_of.0;
        let first_of = |month: u32| to.with_day(1).and_then(|d| d.with_month(month));
        let from = match self {
            CollectionPeriod::MonthToDate => to.with_day(1),
            CollectionPeriod::QuarterToDate => first_of((to.month0() / 3) * 3 + 1),
            CollectionPeriod::YearToDate => first_of(1),
            CollectionPeriod::TrailingDays(n) => {
                to.checked_sub_days(Days::new(u64::from(n.max(1) - 1)))
            }
        };
        Period {
            kind: self,
            from: from.unwrap_or(NaiveDate::MIN),
            to,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InsightSettings {
    /// N of the standard DSO: credit sales of the last N days (default 90).
    pub dso_days: u32,
    pub period: CollectionPeriod,
    /// Customers ranked per currency (default 20).
    pub top_customers: usize,
    pub aging_edges: AgingEdges,
}

impl Default for InsightSettings {
    fn default() -> InsightSettings {
        InsightSettings {
            dso_days: 90,
            period: CollectionPeriod::MonthToDate,
            top_customers: 20,
            aging_edges: AgingEdges::default(),
        }
    }
}

/// An exact fraction `numerator / denominator` with `denominator > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratio {
    pub numerator: i64,
    pub denominator: i64,
}

impl Ratio {
    /// `None` when the denominator is zero or negative (the ratio is undefined: show "—").
    pub fn new(numerator: i64, denominator: i64) -> Option<Ratio> {
        (denominator > 0).then_some(Ratio {
            numerator,
            denominator,
        })
    }

    /// Rounded to the nearest basis point (1 bp = 0.01 %), halves away from zero.
    pub fn basis_points(&self) -> i64 {
        let bp = div_round(
            i128::from(self.numerator) * 10_000,
            i128::from(self.denominator),
        );
        bp.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }

    /// `12.34%`, `-0.50%`, `150.00%`.
    pub fn to_percent_string(&self) -> String {
        let bp = self.basis_points();
        let sign = if bp < 0 { "-" } else { "" };
        let abs = bp.unsigned_abs();
        format!("{sign}{}.{:02}%", abs / 100, abs % 100)
    }

    /// Exact comparison (cross-multiplied, no rounding).
    pub fn cmp_exact(&self, other: &Ratio) -> Ordering {
        (i128::from(self.numerator) * i128::from(other.denominator))
            .cmp(&(i128::from(other.numerator) * i128::from(self.denominator)))
    }
}

/// `num / den` rounded to the nearest integer, halves away from zero; `den > 0`.
pub(crate) fn div_round(num: i128, den: i128) -> i128 {
    let q = num.abs().saturating_add(den / 2) / den;
    if num < 0 {
        -q
    } else {
        q
    }
}

/// Money collected against money falling due in the period, in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collection {
    /// Payments dated in the period (refunds negative).
    pub payments: Money,
    /// Credit notes and negative invoices dated in the period.
    pub credit_notes: Money,
    /// `payments + credit_notes`.
    pub collected: Money,
    /// Amounts of invoices due in the period.
    pub fell_due: Money,
    /// `collected ÷ fell_due`; `None` when nothing fell due.
    pub rate: Option<Ratio>,
}

/// Everything the dashboard shows for one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyDashboard {
    pub currency: Currency,
    /// Open amounts (应收余额).
    pub receivables: Money,
    pub open_invoices: usize,
    pub overdue: Money,
    pub overdue_invoices: usize,
    /// `overdue ÷ receivables`; `None` when nothing is open.
    pub overdue_ratio: Option<Ratio>,
    /// Customers with something overdue in this currency.
    pub overdue_customers: usize,
    /// Received but not absorbed by any invoice (shown beside receivables, not netted).
    pub unapplied: Money,
    pub dso: Dso,
    pub collection: Collection,
    /// By overdue amount, largest first; at most `settings.top_customers`.
    pub top_customers: Vec<CustomerRow>,
    pub salespeople_by_overdue: Vec<SalespersonRow>,
    /// Highest rate first; salespeople with nothing due in the period last.
    pub salespeople_by_collection_rate: Vec<SalespersonRow>,
    /// By overdue, then open amount, largest first; only those with something open.
    pub regions: Vec<GroupRow>,
    pub product_lines: Vec<GroupRow>,
    pub unassigned: Unassigned,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dashboard {
    pub as_of: AsOf,
    /// The collection period actually used.
    pub period: Period,
    /// In currency-code order.
    pub currencies: Vec<CurrencyDashboard>,
    /// Customers with something overdue in any currency (each counted once).
    pub overdue_customers: usize,
    /// [`aging`] of the ledger with `settings.aging_edges`.
    pub aging: Vec<AgingBucket>,
}

impl Dashboard {
    pub fn currency(&self, currency: Currency) -> Option<&CurrencyDashboard> {
        self.currencies.iter().find(|c| c.currency == currency)
    }
}

/// The dashboard as of `as_of`. `ledger` must be `ledger(pool, as_of)` (the UI already has
/// it); one more ledger, [`period_baseline`], attributes collections to salespeople.
/// O(n log n) in invoices plus settlements; no per-invoice allocation of text.
pub fn dashboard(
    pool: &Pool,
    ledger_now: &Ledger,
    settings: &InsightSettings,
    as_of: AsOf,
) -> Dashboard {
    let baseline = period_baseline(pool, settings.period.resolve(as_of));
    dashboard_with_baseline(pool, ledger_now, &baseline, settings, as_of)
}

/// The ledger as of the day before `period` starts (empty if it starts at the dawn of
/// time). It changes only when the period's start does — for month-to-date, when the
/// as-of date enters another month — so the UI can keep it in its own memo.
pub fn period_baseline(pool: &Pool, period: Period) -> Ledger {
    baseline_before(pool, period.from)
}

/// The ledger as of the day before `start` (see [`period_baseline`]); keyed on the start
/// alone, which is what a memo of it should depend on.
pub fn baseline_before(pool: &Pool, start: NaiveDate) -> Ledger {
    match start.pred_opt() {
        Some(day) => ledger(pool, AsOf(day)),
        None => ledger(&Pool::default(), AsOf(start)),
    }
}

/// [`dashboard`] with the period baseline already computed (see [`period_baseline`]).
pub fn dashboard_with_baseline(
    pool: &Pool,
    ledger_now: &Ledger,
    baseline: &Ledger,
    settings: &InsightSettings,
    as_of: AsOf,
) -> Dashboard {
    debug_assert_eq!(ledger_now.as_of, as_of, "the ledger must be as of `as_of`");
    let period = settings.period.resolve(as_of);
    let before = baseline;
    let collected = collected_in(pool, &period);
    let dso = dso::compute(pool, ledger_now, settings.dso_days, as_of);
    let inputs = rankings::Inputs::new(pool, ledger_now, before, &period);
    let mut ranked = rankings::rank(&inputs, settings.top_customers);

    let mut currencies: BTreeSet<Currency> = ledger_now.lines.iter().map(|l| l.currency).collect();
    currencies.extend(ledger_now.unapplied.iter().map(|c| c.amount.currency));
    currencies.extend(collected.keys().copied());

    let mut overdue_customers_any: FastSet<&str> = FastSet::default();
    let mut per_currency: BTreeMap<Currency, (usize, usize, FastSet<&str>, i64)> = BTreeMap::new();
    for (line, &fell_due) in ledger_now.lines.iter().zip(&inputs.due_in_period) {
        let e = per_currency.entry(line.currency).or_default();
        if line.open.minor > 0 {
            e.0 += 1;
        }
        if line.status == InvoiceStatus::Overdue {
            e.1 += 1;
            let customer = line.customer(pool);
            e.2.insert(customer);
            overdue_customers_any.insert(customer);
        }
        if fell_due {
            e.3 = e.3.saturating_add(line.amount.minor);
        }
    }

    let currencies = currencies
        .into_iter()
        .map(|currency| {
            let (open_invoices, overdue_invoices, customers, fell_due) =
                per_currency.remove(&currency).unwrap_or_default();
            let receivables = ledger_now.total_open.get(currency);
            let overdue = ledger_now.total_overdue.get(currency);
            let (payments, credit_notes) = collected.get(&currency).copied().unwrap_or((0, 0));
            let collected = payments.saturating_add(credit_notes);
            let r = ranked
                .remove(&currency)
                .unwrap_or_else(|| rankings::Ranked::empty(currency));
            CurrencyDashboard {
                currency,
                receivables,
                open_invoices,
                overdue,
                overdue_invoices,
                overdue_ratio: Ratio::new(overdue.minor, receivables.minor),
                overdue_customers: customers.len(),
                unapplied: ledger_now.total_unapplied.get(currency),
                dso: dso
                    .get(&currency)
                    .cloned()
                    .unwrap_or_else(|| Dso::empty(currency, settings.dso_days)),
                collection: Collection {
                    payments: Money::new(payments, currency),
                    credit_notes: Money::new(credit_notes, currency),
                    collected: Money::new(collected, currency),
                    fell_due: Money::new(fell_due, currency),
                    rate: Ratio::new(collected, fell_due),
                },
                top_customers: r.customers,
                salespeople_by_overdue: r.salespeople_by_overdue,
                salespeople_by_collection_rate: r.salespeople_by_rate,
                regions: r.regions,
                product_lines: r.product_lines,
                unassigned: r.unassigned,
            }
        })
        .collect();

    Dashboard {
        as_of,
        period,
        currencies,
        overdue_customers: overdue_customers_any.len(),
        aging: aging(ledger_now, &settings.aging_edges),
    }
}

/// (payments, credit notes incl. negative invoices) dated in the period, per currency.
fn collected_in(pool: &Pool, period: &Period) -> BTreeMap<Currency, (i64, i64)> {
    let mut out: BTreeMap<Currency, (i64, i64)> = BTreeMap::new();
    for p in pool.payments.iter().filter(|p| period.contains(p.date)) {
        let e = out.entry(p.amount.currency).or_default();
        e.0 = e.0.saturating_add(p.amount.minor);
    }
    for c in pool.credit_notes.iter().filter(|c| period.contains(c.date)) {
        let e = out.entry(c.amount.currency).or_default();
        e.1 = e.1.saturating_add(c.amount.minor);
    }
    let negative = pool.invoices.iter().filter(|i| i.amount.minor < 0);
    for i in negative.filter(|i| period.contains(i.date)) {
        let e = out.entry(i.amount.currency).or_default();
        e.1 = e.1.saturating_add(i.amount.minor.saturating_neg());
    }
    out
}
