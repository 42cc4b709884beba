//! Receivables and overdue at month-ends, recomputed from history.
//!
//! Each point is the ledger as of that month-end, so a payment recorded late (dated in March,
//! imported in May) moves March's point: the trend shows what was true on each date given
//! everything known now. One ledger per month-end (O(n log n) each). The points depend only
//! on the pool and [`trend_month_ends`], which changes only when the as-of date crosses a
//! month-end — so the UI keys its memo on that list, not on the as-of date.

use crate::domain::asof::AsOf;
use crate::domain::ledger::{ledger, Ledger};
use crate::domain::model::Pool;
use crate::domain::money::Totals;
use chrono::{Datelike, NaiveDate};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrendPoint {
    pub month_end: NaiveDate,
    /// Open amounts as of the month-end, per currency.
    pub receivables: Totals,
    /// Overdue open amounts as of the month-end, per currency.
    pub overdue: Totals,
}

/// The last `months` month-ends on or before `as_of`, oldest first. The as-of date itself
/// is one when it is the last day of its month.
pub fn trend_month_ends(as_of: AsOf, months: usize) -> Vec<NaiveDate> {
    let mut out = Vec::with_capacity(months);
    let next_day_is_new_month = as_of.0.succ_opt().is_none_or(|d| d.day() == 1);
    let mut end = if next_day_is_new_month {
        Some(as_of.0)
    } else {
        as_of.0.with_day(1).and_then(|d| d.pred_opt())
    };
    while out.len() < months {
        let Some(e) = end else { break };
        out.push(e);
        end = e.with_day(1).and_then(|d| d.pred_opt());
    }
    out.reverse();
    out
}

/// One point per date in `month_ends` (any dates work; month-ends are the intent).
pub fn trend_at(pool: &Pool, month_ends: &[NaiveDate]) -> Vec<TrendPoint> {
    trend_reusing(pool, month_ends, &[])
}

/// [`trend_at`], taking the points of `known` — computed earlier from the same pool — at the
/// dates still wanted: when the as-of date moves into the next month, one new ledger rather
/// than twelve.
pub fn trend_reusing(
    pool: &Pool,
    month_ends: &[NaiveDate],
    known: &[TrendPoint],
) -> Vec<TrendPoint> {
    trend_reusing_with(month_ends, known, |day| ledger(pool, AsOf(day)))
}

/// [`trend_reusing`] with the ledger of each new month-end built by `ledger_at` — the app's
/// own, with approved payment-term extensions in force as of that day.
pub fn trend_reusing_with(
    month_ends: &[NaiveDate],
    known: &[TrendPoint],
    mut ledger_at: impl FnMut(NaiveDate) -> Ledger,
) -> Vec<TrendPoint> {
    month_ends
        .iter()
        .map(|&month_end| {
            if let Some(p) = known.iter().find(|p| p.month_end == month_end) {
                return p.clone();
            }
            let l = ledger_at(month_end);
            TrendPoint {
                month_end,
                receivables: l.total_open,
                overdue: l.total_overdue,
            }
        })
        .collect()
}

/// The last `months` (usually 12) month-end points on or before `as_of`, oldest first.
pub fn trend(pool: &Pool, as_of: AsOf, months: usize) -> Vec<TrendPoint> {
    trend_at(pool, &trend_month_ends(as_of, months))
}
