//! How good would the model have been? Train on what was known at a cut-off, predict the
//! invoices open then, score on those that settled by the horizon.
//!
//! - Training sees the ledger as of the cut-off only: invoices and settlements dated later
//!   do not exist for it, so no settlement fact after the cut-off can leak in.
//! - Evaluated: the invoices the cut-off ledger shows with something owed (so never in the
//!   training set, which is the cut-off ledger's fully settled invoices) that the ledger as of
//!   `horizon_end` shows settled after the cut-off. The two sets are disjoint by construction,
//!   and that is asserted. No figure is ever measured on the training set.
//! - Invoices still open at the horizon cannot be scored; `evaluated` says how many were.
//!   Being scored only on what settled biases every method alike toward the early side.
//! - Baselines get the bookkeeping the model gets for free: a predicted date is never before
//!   the day after the cut-off, and an invoice already more than N days late at the cut-off is
//!   late with probability 1. "Due date" then predicts the due date and the portfolio's late
//!   rate; "customer mean" the customer's unweighted mean delay and late rate (the
//!   portfolio's for a customer without history).

use super::predict::add_days;
use super::train::train;
use super::ForecastSettings;
use crate::domain::asof::{days_overdue, AsOf};
use crate::domain::ledger::ledger;
use crate::domain::model::Pool;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Mean absolute error of the predicted payment date, and Brier score of the late risk.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub mae_days: f64,
    pub brier: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    pub cutoff: NaiveDate,
    pub horizon_end: NaiveDate,
    pub late_threshold_days: i64,
    /// Indices into `pool.invoices` the model was trained on (settled by the cut-off).
    pub trained_on: Vec<usize>,
    /// Invoices with something owed at the cut-off.
    pub open_at_cutoff: usize,
    /// Indices of the invoices scored (open at the cut-off, settled by the horizon).
    pub evaluated: Vec<usize>,
    /// `None` when nothing could be scored.
    pub model: Option<Scores>,
    pub due_date_baseline: Option<Scores>,
    pub customer_mean_baseline: Option<Scores>,
}

#[derive(Default)]
struct Acc {
    abs: f64,
    sq: f64,
}

impl Acc {
    fn add(&mut self, predicted: NaiveDate, actual: NaiveDate, risk: f64, late: bool) {
        self.abs += predicted.signed_duration_since(actual).num_days().abs() as f64;
        self.sq += (risk - if late { 1.0 } else { 0.0 }).powi(2);
    }
    fn scores(&self, n: usize) -> Option<Scores> {
        (n > 0).then(|| Scores {
            mae_days: self.abs / n as f64,
            brier: self.sq / n as f64,
        })
    }
}

/// Trains on what was known at `cutoff` and scores the invoices open then that settled by
/// `horizon_end`.
pub fn backtest(
    pool: &Pool,
    cutoff: NaiveDate,
    horizon_end: NaiveDate,
    settings: &ForecastSettings,
) -> Backtest {
    let as_of = AsOf(cutoff);
    let known = ledger(pool, as_of);
    let model = train(pool, &known, settings);
    let truth = ledger(pool, AsOf(horizon_end));
    let n = settings.late_threshold_days;
    let after_cutoff = cutoff.succ_opt().unwrap_or(cutoff);

    let mut in_training = vec![false; pool.invoices.len()];
    for &i in model.trained_on() {
        in_training[i] = true;
    }
    let (mut m, mut due, mut cust) = (Acc::default(), Acc::default(), Acc::default());
    let mut open_at_cutoff = 0;
    let mut evaluated = Vec::new();
    for line in known.lines.iter().filter(|l| l.open.minor > 0) {
        open_at_cutoff += 1;
        let settled = truth
            .line_for(line.index)
            .filter(|t| t.open.minor == 0)
            .and_then(|t| t.settled_on)
            .filter(|&s| s > cutoff && s <= horizon_end);
        let Some(actual) = settled else { continue };
        let Some(p) = model.predict_line(pool, line, as_of) else {
            continue;
        };
        assert!(
            !in_training[line.index],
            "backtest: invoice {} is in both the training and the evaluation set",
            line.index
        );
        evaluated.push(line.index);
        let late = actual.signed_duration_since(line.due).num_days() > n;
        let already_late = days_overdue(as_of, line.due) >= n;
        m.add(p.expected, actual, p.late_risk, late);

        let (mean, rate) = model.baseline(line.customer(pool));
        let certain = |r: f64| if already_late { 1.0 } else { r };
        let due_date = line.due.max(after_cutoff);
        due.add(due_date, actual, certain(model.portfolio_late_rate()), late);
        let mean_date = add_days(line.due, mean.round() as i64).max(after_cutoff);
        cust.add(mean_date, actual, certain(rate), late);
    }
    let count = evaluated.len();
    Backtest {
        cutoff,
        horizon_end,
        late_threshold_days: n,
        trained_on: model.trained_on().to_vec(),
        open_at_cutoff,
        evaluated,
        model: m.scores(count),
        due_date_baseline: due.scores(count),
        customer_mean_baseline: cust.scores(count),
    }
}
