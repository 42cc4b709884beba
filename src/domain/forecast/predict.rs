//! A trained model and the prediction for one open invoice: the customer- and
//! portfolio-residual mixture around the point estimate, cut below the day after as-of.

use super::dist::{Dist, Mixture};
use super::features::{self, Inputs, N};
use super::fit::{lookup, positive_or};
use super::{Contribution, CustomerHistory, Explanation, Feature, ForecastSettings, Prediction};
use crate::domain::asof::{days_overdue, AsOf};
use crate::domain::ledger::InvoiceLine;
use crate::domain::model::{Invoice, Pool};
use crate::domain::money::Currency;
use chrono::{Duration, NaiveDate};
use std::collections::HashMap;

/// What the model learned about one customer.
#[derive(Clone, Debug)]
pub(super) struct CustomerStats {
    pub(super) settled: usize,
    pub(super) weighted_mean_delay: f64,
    /// Unweighted, for the "customer's mean delay" baseline.
    pub(super) mean_delay: f64,
    /// Share of settled invoices paid more than the late threshold after due (baseline).
    pub(super) late_rate: f64,
    pub(super) credibility: f64,
    pub(super) base: f64,
    pub(super) month_end_excess: f64,
    pub(super) days_to_month_end: f64,
    /// Weighted mean ln(amount) per currency.
    pub(super) log_amount: Vec<(Currency, f64)>,
    pub(super) residuals: Dist,
}

/// A trained payment-date model. Cheap to query; holds no reference to the pool.
#[derive(Clone, Debug)]
pub struct Model {
    pub(super) settings: ForecastSettings,
    pub(super) as_of: AsOf,
    pub(super) customers: HashMap<String, CustomerStats>,
    pub(super) currency_log: Vec<(Currency, f64)>,
    pub(super) portfolio_mean: f64,
    pub(super) portfolio_mean_unweighted: f64,
    pub(super) portfolio_late_rate: f64,
    pub(super) k: f64,
    pub(super) beta: [f64; N],
    pub(super) center: [f64; N],
    pub(super) residuals: Dist,
    pub(super) delays: Dist,
    /// Sorted indices into `pool.invoices` of the settled invoices trained on.
    pub(super) trained_on: Vec<usize>,
}

impl Model {
    /// The as-of date of the history it learned from.
    pub fn as_of(&self) -> AsOf {
        self.as_of
    }

    /// The settings it was trained with.
    pub fn settings(&self) -> &ForecastSettings {
        &self.settings
    }

    /// Indices into `pool.invoices` of the settled invoices it learned from, ascending.
    pub fn trained_on(&self) -> &[usize] {
        &self.trained_on
    }

    /// The credibility constant `k` used (estimated or from the settings).
    pub fn credibility_k(&self) -> f64 {
        self.k
    }

    /// Days per unit of each (uncentred) feature.
    pub fn coefficients(&self) -> Vec<(Feature, f64)> {
        Feature::ALL.iter().copied().zip(self.beta).collect()
    }

    /// The portfolio's weighted mean delay.
    pub fn portfolio_mean_delay(&self) -> f64 {
        self.portfolio_mean
    }

    /// Baselines: (unweighted mean delay, share paid later than the threshold) of the
    /// customer's history, or of the portfolio for a customer without history.
    pub fn baseline(&self, customer: &str) -> (f64, f64) {
        match self.customers.get(customer) {
            Some(s) => (s.mean_delay, s.late_rate),
            None => (self.portfolio_mean_unweighted, self.portfolio_late_rate),
        }
    }

    /// The portfolio's share of settled invoices paid later than the threshold.
    pub fn portfolio_late_rate(&self) -> f64 {
        self.portfolio_late_rate
    }

    /// Predicts an open ledger line (`None` if nothing is owed or it is not in `pool`).
    pub fn predict_line(&self, pool: &Pool, line: &InvoiceLine, as_of: AsOf) -> Option<Prediction> {
        if line.open.minor <= 0 {
            return None;
        }
        let invoice = line.invoice(pool)?;
        Some(self.predict_invoice(invoice, line, as_of))
    }

    fn predict_invoice(&self, invoice: &Invoice, line: &InvoiceLine, as_of: AsOf) -> Prediction {
        let customer = self.customers.get(invoice.customer.as_str());
        let currency = line.amount.currency;
        let x = features::raw(&Inputs {
            log_amount: (line.amount.minor.max(1) as f64).ln(),
            currency_log_mean: lookup(&self.currency_log, currency),
            customer_log_mean: customer.and_then(|c| lookup(&c.log_amount, currency)),
            invoice_date: invoice.date,
            due: line.due,
            disputed: invoice.disputed,
            month_end_excess: customer.map_or(0.0, |c| c.month_end_excess),
            customer_days_to_month_end: customer.map_or(0.0, |c| c.days_to_month_end),
        });
        let contributions: Vec<Contribution> = Feature::ALL
            .iter()
            .enumerate()
            .map(|(k, &feature)| Contribution {
                feature,
                value: x[k],
                days: self.beta[k] * (x[k] - self.center[k]),
            })
            .collect();
        let z = customer.map_or(0.0, |c| c.credibility);
        let base = customer.map_or(self.portfolio_mean, |c| c.base);
        let mu = base + contributions.iter().map(|c| c.days).sum::<f64>();

        let late_now = days_overdue(as_of, line.due);
        let from = late_now.saturating_add(1);
        let no_residuals = Dist::default();
        let own = customer.map_or(&no_residuals, |c| &c.residuals);
        let mix = Mixture::new(&[(own, z), (&self.residuals, 1.0 - z)], mu);
        let unconditional = mix.quantile_from(None, 0.5);
        let (delay, low, high, late_risk) = self
            .conditional(&mix, from, late_now)
            .or_else(|| {
                self.conditional(&Mixture::new(&[(&self.delays, 1.0)], 0.0), from, late_now)
            })
            .unwrap_or_else(|| self.prior(from, late_now));

        let residual_shift = unconditional.map_or(0.0, |m| m as f64 - mu);
        let history = CustomerHistory {
            settled: customer.map_or(0, |c| c.settled),
            weighted_mean_delay: customer.map(|c| c.weighted_mean_delay),
            credibility: z,
            portfolio_mean_delay: self.portfolio_mean,
            base_delay: base,
        };
        let after_as_of = as_of.0.succ_opt().unwrap_or(as_of.0);
        let date = |d: i64| add_days(line.due, d).max(after_as_of);
        Prediction {
            index: line.index,
            open: line.open,
            due: line.due,
            days_late_now: late_now,
            delay_days: delay,
            expected: date(delay),
            early: date(low),
            late: date(high),
            late_risk,
            explanation: Explanation {
                history,
                contributions,
                residual_shift_days: residual_shift,
                unpaid_shift_days: delay as f64 - mu - residual_shift,
            },
        }
    }

    /// (median, low, high, late risk) of the delay given `delay ≥ from`, if any mass is there.
    fn conditional(&self, mix: &Mixture, from: i64, late_now: i64) -> Option<(i64, i64, i64, f64)> {
        let s = &self.settings;
        let median = mix.quantile_from(Some(from), 0.5)?;
        let low = mix.quantile_from(Some(from), s.low_quantile)?.min(median);
        let high = mix.quantile_from(Some(from), s.high_quantile)?.max(median);
        let n = s.late_threshold_days;
        let risk = if late_now >= n {
            1.0
        } else {
            let mass = mix.at_least(from);
            if mass > 0.0 {
                (mix.at_least(n.saturating_add(1)) / mass).clamp(0.0, 1.0)
            } else {
                1.0
            }
        };
        Some((median, low, high, risk))
    }

    /// No evidence beyond `from`: `delay − s0` exponential with mean `tail_days`, where
    /// `s0 = max(from, 0)` (the due date, or the day after as-of if that is later).
    fn prior(&self, from: i64, late_now: i64) -> (i64, i64, i64, f64) {
        let s = &self.settings;
        let tail = positive_or(s.tail_days, 30.0);
        let s0 = from.max(0);
        let q =
            |q: f64| s0.saturating_add((-tail * (1.0 - q.clamp(0.0, 0.999)).ln()).floor() as i64);
        let (median, low, high) = (q(0.5), q(s.low_quantile), q(s.high_quantile));
        let n = s.late_threshold_days;
        let risk = if late_now >= n {
            1.0
        } else {
            let gap = n.saturating_add(1).saturating_sub(s0).max(0) as f64;
            (-gap / tail).exp().clamp(0.0, 1.0)
        };
        (median, low.min(median), high.max(median), risk)
    }
}

/// `date + days`, saturating at chrono's ends.
pub(super) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    Duration::try_days(days)
        .and_then(|d| date.checked_add_signed(d))
        .unwrap_or(if days > 0 {
            NaiveDate::MAX
        } else {
            NaiveDate::MIN
        })
}
