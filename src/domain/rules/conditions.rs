//! Conditions: when a rule applies to one open invoice.

use crate::domain::money::Money;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Days overdue, both ends inclusive; `None` is open-ended. `-3..=-1` is "1 to 3 days
/// before the due date", `0..=0` the due date itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DayRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

impl DayRange {
    pub fn new(from: Option<i64>, to: Option<i64>) -> DayRange {
        DayRange { from, to }
    }
    /// `from..=to`.
    pub fn between(from: i64, to: i64) -> DayRange {
        DayRange::new(Some(from), Some(to))
    }
    /// `from..`.
    pub fn at_least(from: i64) -> DayRange {
        DayRange::new(Some(from), None)
    }
    pub fn contains(&self, days: i64) -> bool {
        self.from.is_none_or(|f| days >= f) && self.to.is_none_or(|t| days <= t)
    }
    /// No day at all (`from > to`).
    pub fn is_empty(&self) -> bool {
        matches!((self.from, self.to), (Some(f), Some(t)) if f > t)
    }
    /// The days both ranges contain, if any.
    pub fn intersection(&self, other: &DayRange) -> Option<DayRange> {
        let from = match (self.from, other.from) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let to = match (self.to, other.to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let range = DayRange { from, to };
        (!range.is_empty()).then_some(range)
    }
}

impl fmt::Display for DayRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) => write!(f, "{a}..={b}"),
            (Some(a), None) => write!(f, "{a}.."),
            (None, Some(b)) => write!(f, "..={b}"),
            (None, None) => f.write_str(".."),
        }
    }
}

/// What the amount thresholds compare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountBasis {
    /// The invoice's outstanding amount.
    #[default]
    Invoice,
    /// Everything the customer owes in the invoice's currency.
    Customer,
}

/// When a rule applies. Unset parts match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Conditions {
    pub days: DayRange,
    /// The customer's credit grade is one of these (an ungraded customer matches none).
    pub credit_grades: Vec<String>,
    /// The customer's credit grade is none of these (an ungraded customer passes).
    pub exclude_grades: Vec<String>,
    /// At least this much outstanding, per currency.
    pub outstanding_above: Vec<Money>,
    /// Less than this much outstanding, per currency.
    pub outstanding_below: Vec<Money>,
    pub amount_basis: AmountBasis,
    /// The invoice's region (else the customer's, else the order's) is one of these.
    pub regions: Vec<String>,
    /// The invoice's product line (else the order's) is one of these.
    pub product_lines: Vec<String>,
    /// The customer has at least one of these tags.
    pub tags: Vec<String>,
    /// Disputed (`Some(true)`) or not (`Some(false)`).
    pub disputed: Option<bool>,
    /// Under a promise to pay that has not expired.
    pub promised: Option<bool>,
    /// A promise to pay whose date has passed while the invoice is still open.
    pub promise_broken: Option<bool>,
    /// The customer uses at least this percentage of its credit limit (100: at or over the
    /// limit). A customer without a limit matches none.
    pub limit_use_at_least: Option<u32>,
    /// The predicted risk that the invoice is paid late (see the forecast's threshold) is at
    /// least this percentage. An invoice without a prediction matches none.
    pub late_risk_at_least: Option<u32>,
}

/// What conditions are checked against: one open invoice as of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvoiceFacts<'a> {
    pub days_overdue: i64,
    pub credit_grade: Option<&'a str>,
    pub region: Option<&'a str>,
    pub product_line: Option<&'a str>,
    pub tags: &'a [String],
    /// The invoice's outstanding amount.
    pub open: Money,
    /// The customer's outstanding total in the invoice's currency.
    pub customer_open: Money,
    pub disputed: bool,
    pub promised: bool,
    pub promise_broken: bool,
    /// The customer's credit-limit use in basis points (10 000 = 100 %), if it has a limit.
    pub limit_use_bp: Option<i64>,
    /// The invoice's predicted late risk in basis points, if it was predicted.
    pub late_risk_bp: Option<i64>,
}

/// Text equality for data values: surrounding spaces and ASCII case do not count.
pub fn same_text(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// No threshold, or a known value (basis points) at or above it (percent).
fn at_least_percent(threshold: Option<u32>, value_bp: Option<i64>) -> bool {
    threshold.is_none_or(|t| value_bp.is_some_and(|v| v >= i64::from(t) * 100))
}

fn one_of(value: Option<&str>, set: &[String]) -> bool {
    set.is_empty() || value.is_some_and(|v| set.iter().any(|s| same_text(s, v)))
}

impl Conditions {
    /// Whether an invoice with these facts satisfies every condition.
    pub fn matches(&self, f: &InvoiceFacts) -> bool {
        self.days.contains(f.days_overdue)
            && one_of(f.credit_grade, &self.credit_grades)
            && !f
                .credit_grade
                .is_some_and(|g| self.exclude_grades.iter().any(|x| same_text(x, g)))
            && self.amount_ok(f)
            && one_of(f.region, &self.regions)
            && one_of(f.product_line, &self.product_lines)
            && (self.tags.is_empty()
                || f.tags
                    .iter()
                    .any(|t| self.tags.iter().any(|s| same_text(s, t))))
            && self.disputed.is_none_or(|d| d == f.disputed)
            && self.promised.is_none_or(|p| p == f.promised)
            && self.promise_broken.is_none_or(|b| b == f.promise_broken)
            && at_least_percent(self.limit_use_at_least, f.limit_use_bp)
            && at_least_percent(self.late_risk_at_least, f.late_risk_bp)
    }

    /// Whether these conditions read the late-risk prediction (worth training the model for).
    pub fn uses_late_risk(&self) -> bool {
        self.late_risk_at_least.is_some()
    }

    fn amount_ok(&self, f: &InvoiceFacts) -> bool {
        let amount = match self.amount_basis {
            AmountBasis::Invoice => f.open,
            AmountBasis::Customer => f.customer_open,
        };
        fn threshold(list: &[Money], amount: Money) -> Option<&Money> {
            list.iter().find(|m| m.currency == amount.currency)
        }
        let above_ok = self.outstanding_above.is_empty()
            || threshold(&self.outstanding_above, amount).is_some_and(|t| amount.minor >= t.minor);
        let below_ok = self.outstanding_below.is_empty()
            || threshold(&self.outstanding_below, amount).is_some_and(|t| amount.minor < t.minor);
        above_ok && below_ok
    }

    /// The same conditions apart from the day range (rules that differ only in days are
    /// tiers of one ladder; see [`super::check_rules`]).
    pub fn without_days(&self) -> Conditions {
        Conditions {
            days: DayRange::default(),
            ..self.clone()
        }
    }
}
