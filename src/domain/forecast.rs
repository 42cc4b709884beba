//! Payment prediction: when each open invoice will be paid, how likely it is to be paid late,
//! the 13-week cash forecast built from that, and an honest backtest.
//!
//! # The model (see `train.rs`, `fit.rs` and `predict.rs`)
//! Learned from the pool's settled history as of the as-of date: every invoice the ledger
//! shows fully settled, with `delay = settled_on − due` in days (winsorised to
//! [−365, 730]). Each settled invoice is weighted by recency, `0.5^(age / half_life)` with
//! `age = as_of − settled_on`, times a mild amount tilt `(amount / currency geometric mean)^α`
//! (ratio clamped to [0.1, 10]; α = `amount_weight_exponent`), so recent and larger invoices
//! say more about a customer's habit.
//!
//! 1. **Customer habit, shrunk to the portfolio** (Bühlmann–Straub credibility, the
//!    empirical-Bayes estimator of a customer's mean): `base = Z·m_c + (1−Z)·m`, where `m_c`
//!    is the customer's weighted mean delay, `m` the portfolio's, `Z = W_c / (W_c + k)`, `W_c`
//!    the customer's total weight and `k = σ² / τ²` (expected within-customer variance over the
//!    variance of true customer means), both estimated from the history itself
//!    (`credibility_k` overrides). A new customer has `Z = 0`: the portfolio.
//! 2. **Invoice features**, a ridge regression (standardised features, penalty `ridge`) on the
//!    residuals `delay − base`, refitted once with the base recomputed on feature-adjusted
//!    delays (backfitting): log amount (vs. the currency's mean), log amount vs. the
//!    customer's own typical invoice, terms length, dispute flag, due in the last three days of
//!    a month, and the month-end payer effect (the customer's shrunk excess share of
//!    settlements in the last three days of a month × days from due to that month's end).
//!    Features are centred, so each contribution reads "days later than an average invoice".
//! 3. **Conditional on still being unpaid.** The predictive distribution of the delay is
//!    `μ + R`, `μ` = base + contributions, `R` a mixture of the customer's own weighted
//!    residuals (share `Z`) and the portfolio's (share `1−Z`). An invoice open at the as-of
//!    date is paid at the earliest the day after, so its delay is at least
//!    `L + 1`, `L = as_of − due`: the distribution is cut below `L + 1` and renormalised. The
//!    point prediction is the conditional **median** (it minimises the absolute error the
//!    backtest measures); the range is the conditional `low_quantile`/`high_quantile`; the
//!    late risk is `P(delay > N | delay ≥ L + 1)`. When no residual mass lies beyond `L`, the
//!    portfolio's raw delays beyond `L` are used; with none either (or no history at all), a
//!    "no evidence" prior: the delay is `s0` plus an exponential with mean `tail_days`, where
//!    `s0` is the due date or the day after as-of, whichever is later.
//!
//! Money never goes through floating point: each invoice's open amount goes wholly to the
//! week of its predicted date (see [`weeks`]).

mod backtest;
mod dist;
mod features;
mod fit;
mod history;
mod predict;
pub mod synth;
mod train;
mod weeks;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_props;

pub use backtest::{backtest, Backtest, Scores};
pub use history::{settled_history, SettledInvoice};
pub use predict::Model;
pub use train::train;
pub use weeks::{cash_forecast, Bucket, CashForecast, CurrencyForecast};

use super::asof::AsOf;
use super::ledger::{ledger, Ledger};
use super::model::Pool;
use super::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Knobs of the model; the defaults are what the app uses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForecastSettings {
    /// A settled invoice this many days old counts half as much as one settled today.
    pub half_life_days: f64,
    /// Late risk is the probability of being paid more than this many days after due.
    pub late_threshold_days: i64,
    /// α in the amount tilt of the training weights; 0 turns it off.
    pub amount_weight_exponent: f64,
    /// Ridge penalty, in (weighted) invoices, on each standardised feature coefficient.
    pub ridge: f64,
    /// Fixed credibility constant `k` (invoices of history worth half the customer's own
    /// mean); `None` estimates it from the history (Bühlmann–Straub).
    pub credibility_k: Option<f64>,
    /// Quantiles of the payment date shown as the range (defaults: 20th and 80th percentile).
    pub low_quantile: f64,
    pub high_quantile: f64,
    /// Mean extra days of the "no evidence" tail (see the module docs).
    pub tail_days: f64,
    /// Weeks in the cash forecast.
    pub weeks: usize,
}

impl Default for ForecastSettings {
    fn default() -> Self {
        ForecastSettings {
            half_life_days: 180.0,
            late_threshold_days: 30,
            amount_weight_exponent: 0.2,
            ridge: 10.0,
            credibility_k: None,
            low_quantile: 0.2,
            high_quantile: 0.8,
            tail_days: 30.0,
            weeks: 13,
        }
    }
}

/// The invoice features the model uses beyond the customer's habit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// ln(amount) against the mean for its currency.
    LogAmount,
    /// ln(amount) against the customer's own typical invoice in that currency.
    AmountVsCustomer,
    /// Days from invoice date to due date, in months of 30 days.
    TermsLength,
    Disputed,
    /// Due in the last three days of a month.
    DueAtMonthEnd,
    /// The customer's (shrunk) excess habit of paying at month-end × days from due to
    /// the end of its month.
    MonthEndPayer,
}

impl Feature {
    pub const ALL: [Feature; 6] = [
        Feature::LogAmount,
        Feature::AmountVsCustomer,
        Feature::TermsLength,
        Feature::Disputed,
        Feature::DueAtMonthEnd,
        Feature::MonthEndPayer,
    ];
}

/// One feature's part in a prediction.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub feature: Feature,
    /// The feature's value for this invoice (before centring).
    pub value: f64,
    /// Days it moves the prediction against an average invoice (positive = later).
    pub days: f64,
}

/// The customer's history behind a prediction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerHistory {
    /// Settled invoices of this customer in the training history.
    pub settled: usize,
    /// Their recency- and amount-weighted mean delay (days after due); `None` without history.
    pub weighted_mean_delay: Option<f64>,
    /// Credibility `Z` in [0, 1): how much the customer's own mean counts against the
    /// portfolio's.
    pub credibility: f64,
    /// The portfolio's weighted mean delay.
    pub portfolio_mean_delay: f64,
    /// `Z·customer + (1−Z)·portfolio`, on feature-adjusted delays: where the prediction starts.
    pub base_delay: f64,
}

/// Why a prediction says what it says: `base_delay + Σ contributions + residual_shift +
/// unpaid_shift = delay_days`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub history: CustomerHistory,
    pub contributions: Vec<Contribution>,
    /// From the mean to the median of the (customer + portfolio) residual distribution.
    pub residual_shift_days: f64,
    /// From the unconditional median to the median given "still unpaid at as-of".
    pub unpaid_shift_days: f64,
}

/// The prediction for one open invoice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// Index into `pool.invoices`.
    pub index: usize,
    /// Still owed as of the as-of date.
    pub open: Money,
    pub due: NaiveDate,
    /// `as_of − due`: positive when already overdue.
    pub days_late_now: i64,
    /// Predicted delay after due, in days (the conditional median).
    pub delay_days: i64,
    /// The predicted payment date; always after the as-of date.
    pub expected: NaiveDate,
    /// The `low_quantile` and `high_quantile` payment dates.
    pub early: NaiveDate,
    pub late: NaiveDate,
    /// P(paid more than `late_threshold_days` after due | unpaid at as-of), in [0, 1].
    pub late_risk: f64,
    pub explanation: Explanation,
}

/// Predictions for every open invoice, with the model that made them.
#[derive(Clone, Debug)]
pub struct Predictions {
    pub as_of: AsOf,
    pub model: Model,
    /// One per ledger line with something still owed, in pool order.
    pub predictions: Vec<Prediction>,
}

impl Predictions {
    /// The prediction for invoice `index` (into `pool.invoices`), if it is open.
    pub fn for_invoice(&self, index: usize) -> Option<&Prediction> {
        let pos = self
            .predictions
            .binary_search_by_key(&index, |p| p.index)
            .ok()?;
        self.predictions.get(pos)
    }
}

/// Trains on the history settled as of `as_of` and predicts every invoice open then.
pub fn predict(pool: &Pool, as_of: AsOf, settings: &ForecastSettings) -> Predictions {
    predict_with_ledger(pool, &ledger(pool, as_of), settings)
}

/// [`predict`] for a caller that already holds the ledger as of the date.
pub fn predict_with_ledger(
    pool: &Pool,
    ledger: &Ledger,
    settings: &ForecastSettings,
) -> Predictions {
    let model = train(pool, ledger, settings);
    let predictions = ledger
        .lines
        .iter()
        .filter(|l| l.open.minor > 0)
        .filter_map(|l| model.predict_line(pool, l, ledger.as_of))
        .collect();
    Predictions {
        as_of: ledger.as_of,
        model,
        predictions,
    }
}
