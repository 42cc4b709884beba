//! Training: credibility-shrunk customer habit, ridge on invoice features (backfitted),
//! and the residual distributions prediction draws on. See the parent module's docs.

use super::dist::Dist;
use super::features::{self, at_month_end, days_to_month_end, Inputs, N};
use super::fit::{
    credibility, dot, finite_or, lookup, positive_or, ridge_fit, weighted_center, weighted_means,
};
use super::predict::{CustomerStats, Model};
use super::ForecastSettings;
use crate::domain::ledger::Ledger;
use crate::domain::model::Pool;
use crate::domain::money::Currency;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Delays are winsorised to this range: one mistyped date must not drag a customer's mean.
const MIN_DELAY: f64 = -365.0;
const MAX_DELAY: f64 = 730.0;
/// Recency weights never fall below this, so ancient history still counts a little.
const MIN_RECENCY: f64 = 1e-9;

/// One settled invoice of the training history.
struct Obs {
    customer: usize,
    currency: Currency,
    delay: f64,
    weight: f64,
    log_amount: f64,
    invoice_date: NaiveDate,
    due: NaiveDate,
    disputed: bool,
    settled_at_month_end: bool,
}

/// Learns from every invoice `ledger` shows fully settled. Nothing dated after
/// `ledger.as_of` can influence it: the ledger does not see it.
pub fn train(pool: &Pool, ledger: &Ledger, settings: &ForecastSettings) -> Model {
    let as_of = ledger.as_of;
    let half_life = positive_or(settings.half_life_days, 180.0);
    let late_n = settings.late_threshold_days as f64;

    let mut customer_of: HashMap<&str, usize> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let mut obs: Vec<Obs> = Vec::new();
    let mut trained_on = Vec::new();
    for line in &ledger.lines {
        let (Some(settled), Some(invoice)) = (line.settled_on, line.invoice(pool)) else {
            continue;
        };
        if line.open.minor != 0 || line.amount.minor <= 0 {
            continue;
        }
        let customer = *customer_of
            .entry(invoice.customer.as_str())
            .or_insert_with(|| {
                names.push(invoice.customer.as_str());
                names.len() - 1
            });
        let delay =
            (settled.signed_duration_since(line.due).num_days() as f64).clamp(MIN_DELAY, MAX_DELAY);
        let age = as_of.0.signed_duration_since(settled).num_days().max(0) as f64;
        trained_on.push(line.index);
        obs.push(Obs {
            customer,
            currency: line.amount.currency,
            delay,
            weight: 0.5f64.powf(age / half_life).max(MIN_RECENCY),
            log_amount: (line.amount.minor as f64).ln(),
            invoice_date: invoice.date,
            due: line.due,
            disputed: invoice.disputed,
            settled_at_month_end: at_month_end(settled),
        });
    }
    trained_on.sort_unstable();

    // Currency means of ln(amount), then the amount tilt of each weight.
    let mut currency_log = weighted_means(obs.iter().map(|o| (o.currency, o.log_amount, o.weight)));
    let alpha = finite_or(settings.amount_weight_exponent, 0.0);
    for o in &mut obs {
        let mean = lookup(&currency_log, o.currency).unwrap_or(o.log_amount);
        let ratio = (o.log_amount - mean).exp().clamp(0.1, 10.0);
        o.weight *= ratio.powf(alpha);
    }
    // Recompute with the final weights so centring matches the features below.
    currency_log = weighted_means(obs.iter().map(|o| (o.currency, o.log_amount, o.weight)));

    let c = names.len();
    let mut weight = vec![0.0; c];
    let mut month_end = vec![0.0; c];
    let mut dtme = vec![0.0; c];
    let mut count = vec![0usize; c];
    let mut sum_delay = vec![0.0; c];
    let mut late = vec![0usize; c];
    for o in &obs {
        let i = o.customer;
        weight[i] += o.weight;
        count[i] += 1;
        sum_delay[i] += o.delay;
        if o.delay > late_n {
            late[i] += 1;
        }
        if o.settled_at_month_end {
            month_end[i] += o.weight;
        }
        dtme[i] += o.weight * days_to_month_end(o.due) as f64;
    }
    let customer_log: Vec<Vec<(Currency, f64)>> = {
        let mut per: Vec<Vec<(Currency, f64, f64)>> = vec![Vec::new(); c];
        for o in &obs {
            let list = &mut per[o.customer];
            match list.iter_mut().find(|(cur, _, _)| *cur == o.currency) {
                Some(e) => {
                    e.1 += o.weight * o.log_amount;
                    e.2 += o.weight;
                }
                None => list.push((o.currency, o.weight * o.log_amount, o.weight)),
            }
        }
        per.into_iter()
            .map(|l| l.into_iter().map(|(cur, s, w)| (cur, s / w)).collect())
            .collect()
    };

    // Round 0 credibility on raw delays: used for the month-end habit's shrinkage.
    let raw_delays: Vec<f64> = obs.iter().map(|o| o.delay).collect();
    let weights: Vec<f64> = obs.iter().map(|o| o.weight).collect();
    let group: Vec<usize> = obs.iter().map(|o| o.customer).collect();
    let raw_cred = credibility(&group, &weights, &raw_delays, c, settings.credibility_k);
    let total_weight: f64 = weight.iter().sum();
    let portfolio_month_end = if total_weight > 0.0 {
        month_end.iter().sum::<f64>() / total_weight
    } else {
        0.0
    };
    let month_end_excess: Vec<f64> = (0..c)
        .map(|i| {
            let own = month_end[i] / weight[i];
            let z = raw_cred.z[i];
            let shrunk = z * own + (1.0 - z) * portfolio_month_end;
            if portfolio_month_end < 1.0 {
                ((shrunk - portfolio_month_end) / (1.0 - portfolio_month_end)).clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect();
    let days_to_me: Vec<f64> = (0..c).map(|i| dtme[i] / weight[i]).collect();

    let xs: Vec<[f64; N]> = obs
        .iter()
        .map(|o| {
            features::raw(&Inputs {
                log_amount: o.log_amount,
                currency_log_mean: lookup(&currency_log, o.currency),
                customer_log_mean: lookup(&customer_log[o.customer], o.currency),
                invoice_date: o.invoice_date,
                due: o.due,
                disputed: o.disputed,
                month_end_excess: month_end_excess[o.customer],
                customer_days_to_month_end: days_to_me[o.customer],
            })
        })
        .collect();
    let center = weighted_center(&xs, &weights);

    // Backfitting: base on feature-adjusted delays, features on delay − base; twice.
    let ridge = finite_or(settings.ridge, 10.0).max(0.0);
    let mut beta = [0.0; N];
    let mut cred = raw_cred;
    for _ in 0..2 {
        let targets: Vec<f64> = obs
            .iter()
            .map(|o| o.delay - cred.base[o.customer])
            .collect();
        beta = ridge_fit(&xs, &targets, &weights, &center, ridge);
        let adjusted: Vec<f64> = obs
            .iter()
            .zip(&xs)
            .map(|(o, x)| o.delay - dot(&beta, x, &center))
            .collect();
        cred = credibility(&group, &weights, &adjusted, c, settings.credibility_k);
    }

    let mut per_customer: Vec<Vec<(f64, f64)>> = vec![Vec::new(); c];
    let mut all = Vec::with_capacity(obs.len());
    for (o, x) in obs.iter().zip(&xs) {
        let r = o.delay - cred.base[o.customer] - dot(&beta, x, &center);
        per_customer[o.customer].push((r, o.weight));
        all.push((r, o.weight));
    }
    let delays = Dist::new(obs.iter().map(|o| (o.delay, o.weight)).collect());
    let weighted_delay = weighted_sum_by(&obs, c, |o| o.delay);
    let customers = per_customer
        .into_iter()
        .enumerate()
        .map(|(i, residuals)| {
            let stats = CustomerStats {
                settled: count[i],
                weighted_mean_delay: weighted_delay[i] / weight[i],
                mean_delay: sum_delay[i] / count[i] as f64,
                late_rate: late[i] as f64 / count[i] as f64,
                credibility: cred.z[i],
                base: cred.base[i],
                month_end_excess: month_end_excess[i],
                days_to_month_end: days_to_me[i],
                log_amount: customer_log[i].clone(),
                residuals: Dist::new(residuals),
            };
            (names[i].to_owned(), stats)
        })
        .collect();
    let n = obs.len().max(1) as f64;
    Model {
        settings: settings.clone(),
        as_of,
        customers,
        currency_log,
        portfolio_mean: cred.mean,
        portfolio_mean_unweighted: obs.iter().map(|o| o.delay).sum::<f64>() / n,
        portfolio_late_rate: obs.iter().filter(|o| o.delay > late_n).count() as f64 / n,
        k: cred.k,
        beta,
        center,
        residuals: Dist::new(all),
        delays,
        trained_on,
    }
}

fn weighted_sum_by(obs: &[Obs], c: usize, f: impl Fn(&Obs) -> f64) -> Vec<f64> {
    let mut out = vec![0.0; c];
    for o in obs {
        out[o.customer] += o.weight * f(o);
    }
    out
}
