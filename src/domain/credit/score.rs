//! From a history to factors, a score and a grade (the functions are tabled in `credit`).

use super::history::History;
use super::limits::limit_use_of;
use super::{CreditPolicy, CreditRating, Factor, FactorKind, FactorValue, Grade, HistorySummary};
use crate::domain::asof::AsOf;
use crate::domain::model::Customer;

/// Average days late at which the sub-score reaches 0.
const AVERAGE_LATE_ZERO: f64 = 60.0;
/// Worst days late at which the sub-score reaches 0.
const WORST_LATE_ZERO: f64 = 120.0;
/// Points lost per disputed invoice.
const POINTS_PER_DISPUTE: f64 = 25.0;
/// Tenure at which the sub-score reaches 100 (two years).
const TENURE_FULL: f64 = 730.0;
/// Limit use (percent) up to which the sub-score is 100, and at which it reaches 0.
const LIMIT_USE_FREE: f64 = 50.0;
const LIMIT_USE_ZERO: f64 = 100.0;

/// The documented 0–100 map of a factor's value. Rates and ratios are percentages (0–100),
/// day figures are days, counts are counts. Monotone: better values never score lower
/// (`OnTime*` and `Tenure` non-decreasing, the others non-increasing). `NotApplicable`: 0.
pub fn sub_score(kind: FactorKind, value: FactorValue) -> f64 {
    let x = match value {
        FactorValue::Percent(x) | FactorValue::Days(x) => x,
        FactorValue::Count(n) => f64::from(n),
        FactorValue::NotApplicable => return 0.0,
    };
    let s = match kind {
        FactorKind::OnTimeByCount | FactorKind::OnTimeByAmount => x,
        FactorKind::AverageDaysLate => 100.0 * (1.0 - x / AVERAGE_LATE_ZERO),
        FactorKind::WorstDaysLate => 100.0 * (1.0 - x / WORST_LATE_ZERO),
        FactorKind::OverdueRatio => 100.0 - x,
        FactorKind::Disputes => 100.0 - POINTS_PER_DISPUTE * x,
        FactorKind::Tenure => 100.0 * x / TENURE_FULL,
        FactorKind::LimitUse => {
            100.0 * (LIMIT_USE_ZERO - x.max(LIMIT_USE_FREE)) / (LIMIT_USE_ZERO - LIMIT_USE_FREE)
        }
    };
    if s.is_nan() {
        0.0
    } else {
        s.clamp(0.0, 100.0)
    }
}

fn percent(part: i128, whole: i128) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

/// The measured values, in [`FactorKind::ALL`] order.
fn values(
    history: &History,
    customer: Option<&Customer>,
    policy: &CreditPolicy,
    as_of: AsOf,
) -> [FactorValue; 8] {
    let or_na = |v: Option<f64>, f: fn(f64) -> FactorValue| v.map_or(FactorValue::NotApplicable, f);
    let main = history.main_currency().map(|(_, h)| h);
    let by_count = percent(history.on_time.into(), history.decided.into());
    let by_amount = main.and_then(|h| percent(h.on_time_amount, h.decided_amount));
    let average_late = main.and_then(|h| {
        (h.decided_amount > 0).then(|| h.amount_days_late as f64 / h.decided_amount as f64)
    });
    let overdue = main.map(|h| percent(h.overdue.into(), h.open.into()).unwrap_or(0.0));
    let limit = customer
        .and_then(|c| limit_use_of(c, history, policy))
        .and_then(|u| u.percent());
    [
        or_na(by_count, FactorValue::Percent),
        or_na(by_amount, FactorValue::Percent),
        or_na(average_late, FactorValue::Days),
        if history.invoices > 0 {
            FactorValue::Days(history.worst_days_late.max(0) as f64)
        } else {
            FactorValue::NotApplicable
        },
        or_na(overdue, FactorValue::Percent),
        FactorValue::Count(history.disputes),
        FactorValue::Days(history.tenure_days(as_of) as f64),
        or_na(limit, FactorValue::Percent),
    ]
}

/// Weighted mean of the sub-scores with the shares of non-applicable factors redistributed.
fn factors(values: [FactorValue; 8], policy: &CreditPolicy) -> (Vec<Factor>, f64) {
    let applies = |v: &FactorValue| *v != FactorValue::NotApplicable;
    let weights: Vec<f64> = FactorKind::ALL
        .iter()
        .zip(&values)
        .map(|(k, v)| {
            if applies(v) {
                f64::from(policy.weights.get(*k))
            } else {
                0.0
            }
        })
        .collect();
    let total: f64 = weights.iter().sum();
    let applicable = values.iter().filter(|v| applies(v)).count() as f64;
    let mut score = 0.0;
    let factors = FactorKind::ALL
        .iter()
        .zip(values)
        .zip(weights)
        .map(|((kind, value), w)| {
            let share = match (applies(&value), total > 0.0) {
                (false, _) => 0.0,
                (true, true) => w / total,
                (true, false) => 1.0 / applicable,
            };
            let sub = sub_score(*kind, value);
            let contribution = sub * share;
            score += contribution;
            Factor {
                kind: *kind,
                value,
                sub_score: sub,
                weight: policy.weights.get(*kind),
                share,
                contribution,
            }
        })
        .collect();
    (factors, score)
}

pub(super) fn rating(
    code: &str,
    customer: Option<&Customer>,
    history: &History,
    policy: &CreditPolicy,
    as_of: AsOf,
) -> CreditRating {
    let (factors, raw) = factors(values(history, customer, policy, as_of), policy);
    let summary = HistorySummary {
        invoices: history.invoices,
        settled: history.settled,
        tenure_days: history.tenure_days(as_of),
        first_invoice: history.first_invoice,
    };
    let min = &policy.min_history;
    let enough = summary.settled >= min.settled_invoices && summary.tenure_days >= min.tenure_days;
    let score = (raw * 10.0).round().clamp(0.0, 1000.0) / 10.0;
    let (grade, score) = if enough {
        (Grade::from_score(score, &policy.grade_cutoffs), Some(score))
    } else {
        (Grade::InsufficientHistory, None)
    };
    CreditRating {
        customer: code.to_owned(),
        grade,
        score,
        factors,
        currency: history.main_currency().map(|(c, _)| c),
        history: summary,
        limit: customer.and_then(|c| limit_use_of(c, history, policy)),
    }
}
