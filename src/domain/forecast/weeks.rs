//! The cash forecast: expected receipts per week, per currency, with a range.
//!
//! - Week 1 starts the day after the as-of date and every week is 7 days (not Monday-aligned):
//!   every open invoice is predicted after the as-of date, so none falls before week 1, and
//!   "the next 7 days" reads the same whatever weekday the as-of date is.
//! - Each invoice's open amount goes wholly to the week of its predicted date (`expected`),
//!   or to `later` beyond the last week; money is never split, so per currency
//!   `Σ weeks + later = total open`, exactly.
//! - The range is a scenario envelope: `early` sums each invoice in the week of its
//!   low-quantile date (everyone pays as early as plausible), `late` in the week of its
//!   high-quantile date; `low`/`high` are the least and greatest of expected, early and late.
//!   Each scenario also adds up to the total open.

use super::predict::add_days;
use super::Prediction;
use crate::domain::asof::AsOf;
use crate::domain::money::{Currency, Money};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One week (or the open-ended "later" bucket) of one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    pub start: NaiveDate,
    /// Last day, inclusive; `None` for "later".
    pub end: Option<NaiveDate>,
    /// Open amounts of the invoices predicted in this bucket.
    pub expected: Money,
    /// What the bucket would receive if every invoice paid on its low / high quantile date.
    pub early: Money,
    pub late: Money,
    /// min and max of expected, early and late.
    pub low: Money,
    pub high: Money,
    /// Indices into `pool.invoices` of the invoices behind `expected`, in prediction order.
    pub invoices: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyForecast {
    pub currency: Currency,
    pub weeks: Vec<Bucket>,
    pub later: Bucket,
    pub total_open: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashForecast {
    pub as_of: AsOf,
    /// In currency-code order.
    pub currencies: Vec<CurrencyForecast>,
}

impl CashForecast {
    pub fn currency(&self, currency: Currency) -> Option<&CurrencyForecast> {
        self.currencies.iter().find(|c| c.currency == currency)
    }
}

fn empty_bucket(start: NaiveDate, end: Option<NaiveDate>, currency: Currency) -> Bucket {
    let zero = Money::zero(currency);
    Bucket {
        start,
        end,
        expected: zero,
        early: zero,
        late: zero,
        low: zero,
        high: zero,
        invoices: Vec::new(),
    }
}

/// Buckets `predictions` (as made as of `as_of`) into `weeks` weeks and "later".
pub fn cash_forecast(predictions: &[Prediction], as_of: AsOf, weeks: usize) -> CashForecast {
    let first = as_of.0.succ_opt().unwrap_or(as_of.0);
    let week_of = |date: NaiveDate| -> usize {
        let days = date.signed_duration_since(first).num_days().max(0);
        usize::try_from(days / 7).unwrap_or(usize::MAX).min(weeks)
    };
    let mut currencies: Vec<Currency> = predictions.iter().map(|p| p.open.currency).collect();
    currencies.sort();
    currencies.dedup();
    let forecasts = currencies
        .into_iter()
        .map(|currency| {
            // weeks[0..weeks] are the weeks, weeks[weeks] is "later".
            let mut buckets: Vec<Bucket> = (0..=weeks)
                .map(|w| {
                    let start = add_days(first, 7 * w as i64);
                    let end = (w < weeks).then(|| add_days(start, 6));
                    empty_bucket(start, end, currency)
                })
                .collect();
            let mut total = 0i64;
            for p in predictions.iter().filter(|p| p.open.currency == currency) {
                let amount = p.open.minor;
                total = total.saturating_add(amount);
                let b = &mut buckets[week_of(p.expected)];
                b.expected.minor = b.expected.minor.saturating_add(amount);
                b.invoices.push(p.index);
                let b = &mut buckets[week_of(p.early)];
                b.early.minor = b.early.minor.saturating_add(amount);
                let b = &mut buckets[week_of(p.late)];
                b.late.minor = b.late.minor.saturating_add(amount);
            }
            for b in &mut buckets {
                let (e, x, l) = (b.expected.minor, b.early.minor, b.late.minor);
                b.low.minor = e.min(x).min(l);
                b.high.minor = e.max(x).max(l);
            }
            let later = buckets.pop().expect("weeks + 1 buckets");
            CurrencyForecast {
                currency,
                weeks: buckets,
                later,
                total_open: Money::new(total, currency),
            }
        })
        .collect();
    CashForecast {
        as_of,
        currencies: forecasts,
    }
}
