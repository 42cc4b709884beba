//! Credit control: a grade per customer from its payment history as of a date, credit-limit
//! use, suggested terms per grade, and the order-terms policy check.
//!
//! Everything here is derived (see ARCHITECTURE.md, "Derived, not stored"): a rating is a
//! function of (pool, ledger, policy, as-of). Only the grade *history* is stored by the app,
//! as the append-only [`GradeChange`]s that [`grade_changes`] produces.
//!
//! # The factors
//! For one customer, over the invoices that count as of the date (`ledger(pool, as_of)`;
//! zero-amount invoices carry no information and are skipped):
//!
//! | factor | value | sub-score (0–100, monotone) |
//! |---|---|---|
//! | [`FactorKind::OnTimeByCount`] | share of *decided* invoices paid on time | `100 × rate` |
//! | [`FactorKind::OnTimeByAmount`] | the same, weighted by invoice amount | `100 × rate` |
//! | [`FactorKind::AverageDaysLate`] | amount-weighted mean of days late over decided invoices (on-time ones count as 0) | `100 × (1 − days / 60)`, floored at 0 |
//! | [`FactorKind::WorstDaysLate`] | the most days late in the last 12 months | `100 × (1 − days / 120)`, floored at 0 |
//! | [`FactorKind::OverdueRatio`] | overdue open ÷ all open, today | `100 × (1 − ratio)` (nothing open: 100) |
//! | [`FactorKind::Disputes`] | number of disputed invoices | `100 − 25 × n`, floored at 0 |
//! | [`FactorKind::Tenure`] | days since the first invoice | `100 × days / 730`, capped at 100 |
//! | [`FactorKind::LimitUse`] | open ÷ credit limit (limit's currency) | 100 up to 50 %, then straight down to 0 at 100 % and above |
//!
//! Definitions:
//! - An invoice is **on time** if it was settled (ledger `settled_on`) on or before its due
//!   date plus [`CreditPolicy::grace_days`]; **days late** is `settled_on − due`, at least 0.
//! - An invoice is **decided** once it is settled, or still open but already past due plus
//!   grace (it can no longer be on time; its days late so far are its days overdue). Open
//!   invoices not yet past due plus grace are left out of the rates: their outcome is unknown.
//! - "The last 12 months" are the 365 days ending on the as-of date: a settled invoice counts
//!   if it was settled in them, an open overdue invoice always counts.
//! - Amount-weighted figures (by-amount rate, average days late, overdue ratio) never mix
//!   currencies: they are measured in the customer's **main currency**, the one most of its
//!   invoices are in (ties: the lower currency code), shown as [`CreditRating::currency`].
//!   Invoices in other currencies still count in the by-count rate, worst days late,
//!   disputes and tenure.
//! - Overdue means the ledger's `Overdue` status (past due, grace not applied), so the
//!   ratio matches the overdue figures shown elsewhere.
//! - Disputes are the pool's `disputed` flag on invoices, settled ones included.
//! - Limit use compares the open amount in the limit's currency with the limit; open amounts
//!   in other currencies are not converted (there is no exchange rate in the pool) and are
//!   listed in [`LimitUse::other_currencies`]. Without a positive limit the factor does not
//!   apply.
//!
//! # The score
//! `score = Σ weightᵢ × subᵢ / Σ weightᵢ` over the factors that apply; the weight of a factor
//! that does not apply is shared out in proportion to the others (each [`Factor::share`]
//! says what part of the score it carries, and [`Factor::contribution`] how many points it
//! adds). If every applicable weight is 0 the factors count equally. The score is rounded to
//! one decimal, and the grade read from it with [`GradeCutoffs`] (default A ≥ 80, B ≥ 60,
//! C ≥ 40, else D).
//!
//! A customer with fewer than [`MinHistory::settled_invoices`] settled invoices or less than
//! [`MinHistory::tenure_days`] of tenure is [`Grade::InsufficientHistory`]: its factors are
//! still listed (so the UI can say why) but no score is given.

mod edit;
mod exceptions;
mod history;
mod limits;
mod policy;
mod score;
#[cfg(test)]
mod tests;

pub use edit::{
    apply_form, policy_fields, read_field, validate_policy, write_field, PolicyField, PolicyProblem,
};
pub use exceptions::{policy_exceptions, OrderPolicy, PolicyException, TermsSource};
pub use limits::{
    limit_use, suggestion, GradeAdvice, LimitFlag, LimitUse, PaymentAdvice, Suggestion,
    SuggestionPolicy,
};
pub use policy::{CreditPolicy, GradeCutoffs, MinHistory, Weights};
pub use score::sub_score;

use super::asof::AsOf;
use super::ledger::Ledger;
use super::model::{Customer, Pool};
use super::money::Currency;
use chrono::NaiveDate;
use history::History;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// A credit grade. Ordered best first: `A < B < C < D < InsufficientHistory`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    #[serde(rename = "A")]
    A,
    #[serde(rename = "B")]
    B,
    #[serde(rename = "C")]
    C,
    #[serde(rename = "D")]
    D,
    /// Too little history to rate: marked as such rather than guessed.
    #[serde(rename = "insufficient_history")]
    InsufficientHistory,
}

impl Grade {
    /// The stable name stored and used in page hooks: the letter, or `insufficient_history`.
    pub fn key(self) -> &'static str {
        self.letter().unwrap_or("insufficient_history")
    }

    pub const RATED: [Grade; 4] = [Grade::A, Grade::B, Grade::C, Grade::D];

    /// The letter reminder rules match against (`Conditions::credit_grades`); `None` for
    /// [`Grade::InsufficientHistory`], which rules treat as ungraded.
    pub fn letter(self) -> Option<&'static str> {
        match self {
            Grade::A => Some("A"),
            Grade::B => Some("B"),
            Grade::C => Some("C"),
            Grade::D => Some("D"),
            Grade::InsufficientHistory => None,
        }
    }

    /// The grade for `score` (0–100): the first of A, B, C whose cutoff the score reaches,
    /// else D. Monotone: a higher score never gets a worse grade, whatever the cutoffs.
    pub fn from_score(score: f64, cutoffs: &GradeCutoffs) -> Grade {
        if score >= cutoffs.a {
            Grade::A
        } else if score >= cutoffs.b {
            Grade::B
        } else if score >= cutoffs.c {
            Grade::C
        } else {
            Grade::D
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.letter().unwrap_or("—"))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    OnTimeByCount,
    OnTimeByAmount,
    AverageDaysLate,
    WorstDaysLate,
    OverdueRatio,
    Disputes,
    Tenure,
    LimitUse,
}

impl FactorKind {
    /// The stable name stored and used in page hooks (`on_time_by_count`, …).
    pub fn key(self) -> &'static str {
        match self {
            FactorKind::OnTimeByCount => "on_time_by_count",
            FactorKind::OnTimeByAmount => "on_time_by_amount",
            FactorKind::AverageDaysLate => "average_days_late",
            FactorKind::WorstDaysLate => "worst_days_late",
            FactorKind::OverdueRatio => "overdue_ratio",
            FactorKind::Disputes => "disputes",
            FactorKind::Tenure => "tenure",
            FactorKind::LimitUse => "limit_use",
        }
    }

    /// In the order the UI lists them.
    pub const ALL: [FactorKind; 8] = [
        FactorKind::OnTimeByCount,
        FactorKind::OnTimeByAmount,
        FactorKind::AverageDaysLate,
        FactorKind::WorstDaysLate,
        FactorKind::OverdueRatio,
        FactorKind::Disputes,
        FactorKind::Tenure,
        FactorKind::LimitUse,
    ];
}

/// A factor's measured value, typed so the UI can format it in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "unit", content = "value")]
pub enum FactorValue {
    /// 0–100 (and above 100 for limit use).
    Percent(f64),
    Days(f64),
    Count(u32),
    /// No data for this factor (no decided invoice, no credit limit): its weight is shared
    /// out among the others.
    NotApplicable,
}

impl fmt::Display for FactorValue {
    /// Language-neutral: `83.3%`, `12.5 d`, `2`, `n/a`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactorValue::Percent(p) => write!(f, "{p:.1}%"),
            FactorValue::Days(d) => write!(f, "{d:.1} d"),
            FactorValue::Count(n) => write!(f, "{n}"),
            FactorValue::NotApplicable => f.write_str("n/a"),
        }
    }
}

/// One line of a rating's explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    pub kind: FactorKind,
    pub value: FactorValue,
    /// 0–100 (0 when the factor does not apply).
    pub sub_score: f64,
    /// The policy's weight in points.
    pub weight: u32,
    /// The part of the score this factor carries after redistribution, 0–1 (0 if it does
    /// not apply).
    pub share: f64,
    /// Points it adds to the score: `sub_score × share`. The contributions add up to the
    /// unrounded score.
    pub contribution: f64,
}

/// What the minimum-history check looked at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistorySummary {
    pub invoices: u32,
    pub settled: u32,
    pub tenure_days: i64,
    pub first_invoice: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreditRating {
    pub customer: String,
    pub grade: Grade,
    /// 0–100, one decimal; `None` for [`Grade::InsufficientHistory`].
    pub score: Option<f64>,
    pub factors: Vec<Factor>,
    /// The currency amount-weighted factors are measured in; `None` without invoices.
    pub currency: Option<Currency>,
    pub history: HistorySummary,
    /// Credit-limit use, when the customer has a limit.
    pub limit: Option<LimitUse>,
}

/// A grade that differs from the last stored one (`from: None`: the first grade stored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeChange {
    pub customer: String,
    pub from: Option<Grade>,
    pub to: Grade,
    pub on: NaiveDate,
}

/// Rates one customer (a scan of the ledger; use [`rate_all`] for many). `ledger` should be
/// `ledger(pool, as_of)`. A customer code absent from `pool.customers` is rated without a
/// limit.
pub fn rate(
    pool: &Pool,
    ledger: &Ledger,
    customer: &str,
    policy: &CreditPolicy,
    as_of: AsOf,
) -> CreditRating {
    let mut history = History::default();
    for line in &ledger.lines {
        if let Some(invoice) = line.invoice(pool).filter(|i| i.customer == customer) {
            history.add(line, invoice, policy.grace_days, as_of);
        }
    }
    let record = pool.customers.iter().find(|c| c.code == customer);
    score::rating(customer, record, &history, policy, as_of)
}

/// Rates every customer: those of `pool.customers` in pool order, then customer codes that
/// only appear on invoices, in code order. One pass over the ledger: O(lines + customers).
pub fn rate_all(
    pool: &Pool,
    ledger: &Ledger,
    policy: &CreditPolicy,
    as_of: AsOf,
) -> Vec<CreditRating> {
    let mut histories: HashMap<&str, History> = HashMap::with_capacity(pool.customers.len());
    for line in &ledger.lines {
        if let Some(invoice) = line.invoice(pool) {
            histories.entry(invoice.customer.as_str()).or_default().add(
                line,
                invoice,
                policy.grace_days,
                as_of,
            );
        }
    }
    let empty = History::default();
    let mut out = Vec::with_capacity(pool.customers.len());
    let mut known: HashMap<&str, ()> = HashMap::with_capacity(pool.customers.len());
    for customer in &pool.customers {
        if known.insert(customer.code.as_str(), ()).is_some() {
            continue; // a duplicate code: rated once
        }
        let history = histories.get(customer.code.as_str()).unwrap_or(&empty);
        out.push(score::rating(
            &customer.code,
            Some(customer),
            history,
            policy,
            as_of,
        ));
    }
    let mut orphans: Vec<(&str, &History)> = histories
        .iter()
        .filter(|(code, _)| !known.contains_key(*code))
        .map(|(code, h)| (*code, h))
        .collect();
    orphans.sort_unstable_by_key(|(code, _)| *code);
    for (code, history) in orphans {
        out.push(score::rating(
            code,
            None::<&Customer>,
            history,
            policy,
            as_of,
        ));
    }
    out
}

/// The grades that differ from the last stored grade of each customer, dated `on`, in the
/// order of `now`. A customer without a stored grade gets `from: None`. Customers missing
/// from `now` produce nothing (their last grade stands).
pub fn grade_changes(
    previous: &BTreeMap<String, Grade>,
    now: &[CreditRating],
    on: NaiveDate,
) -> Vec<GradeChange> {
    now.iter()
        .filter_map(|rating| {
            let from = previous.get(&rating.customer).copied();
            (from != Some(rating.grade)).then(|| GradeChange {
                customer: rating.customer.clone(),
                from,
                to: rating.grade,
                on,
            })
        })
        .collect()
}

/// The last grade of each customer from an append-only history (later entries win; entries
/// of the same day keep their stored order).
pub fn latest_grades(history: &[GradeChange]) -> BTreeMap<String, Grade> {
    let mut out = BTreeMap::new();
    let mut order: Vec<&GradeChange> = history.iter().collect();
    order.sort_by_key(|c| c.on); // stable
    for change in order {
        out.insert(change.customer.clone(), change.to);
    }
    out
}

/// The grade changes to append to the stored `history` for ratings made as of `on`: each
/// rating is compared with the customer's last grade *on or before* `on`, so recomputing
/// for the same date again adds nothing, and looking at an earlier date does not fight the
/// grades stored for later ones.
pub fn record_grades(
    history: &[GradeChange],
    now: &[CreditRating],
    on: NaiveDate,
) -> Vec<GradeChange> {
    let known: Vec<GradeChange> = history.iter().filter(|c| c.on <= on).cloned().collect();
    grade_changes(&latest_grades(&known), now, on)
}
