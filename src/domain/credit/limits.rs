//! Credit-limit use and the suggested terms and limit for each grade.
//!
//! Utilisation compares open receivables with the limit **in the limit's currency only**:
//! the pool has no exchange rates, so open amounts in other currencies are not converted;
//! they are listed beside the figure ([`LimitUse::other_currencies`]) for the user to judge.
//! Unused credit (prepayments) is not netted off: the figure is what the customer owes.

use super::history::History;
use super::{CreditPolicy, Grade};
use crate::domain::ledger::CustomerBalance;
use crate::domain::model::Customer;
use crate::domain::money::Money;
use crate::domain::terms::{Terms, TermsBase};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitFlag {
    Within,
    /// At or above [`CreditPolicy::near_limit_percent`] of the limit, up to the limit itself.
    NearLimit,
    /// More open than the limit.
    OverLimit,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitUse {
    pub customer: String,
    pub limit: Money,
    /// Open receivables in the limit's currency.
    pub open: Money,
    /// `open ÷ limit` in basis points (10000 = 100 %), rounded down; `None` for a zero limit.
    pub utilisation_bp: Option<i64>,
    pub flag: LimitFlag,
    /// Open receivables in other currencies, not counted against the limit.
    pub other_currencies: Vec<Money>,
}

impl LimitUse {
    /// Utilisation in percent, for display and scoring.
    pub fn percent(&self) -> Option<f64> {
        self.utilisation_bp.map(|bp| bp as f64 / 100.0)
    }
}

fn limit_use_from(
    customer: &Customer,
    open: Money,
    other_currencies: Vec<Money>,
    near_limit_percent: u32,
) -> Option<LimitUse> {
    let limit = customer.credit_limit?;
    if limit.minor < 0 {
        return None;
    }
    let (o, l) = (i128::from(open.minor), i128::from(limit.minor));
    let flag = if o > l {
        LimitFlag::OverLimit
    } else if o > 0 && o * 100 >= l * i128::from(near_limit_percent) {
        LimitFlag::NearLimit
    } else {
        LimitFlag::Within
    };
    let utilisation_bp = (l > 0).then(|| i64::try_from(o * 10_000 / l).unwrap_or(i64::MAX));
    Some(LimitUse {
        customer: customer.code.clone(),
        limit,
        open,
        utilisation_bp,
        flag,
        other_currencies,
    })
}

/// A customer's limit use from its ledger balance (`Ledger::customer_balances`); `None`
/// without a limit (a negative limit counts as none; a zero limit means "no credit": any
/// open amount is over it).
pub fn limit_use(
    customer: &Customer,
    balance: &CustomerBalance,
    near_limit_percent: u32,
) -> Option<LimitUse> {
    let currency = customer.credit_limit?.currency;
    let others = balance
        .open
        .iter()
        .filter(|m| m.currency != currency && m.minor != 0)
        .collect();
    limit_use_from(
        customer,
        balance.open.get(currency),
        others,
        near_limit_percent,
    )
}

pub(super) fn limit_use_of(
    customer: &Customer,
    history: &History,
    policy: &CreditPolicy,
) -> Option<LimitUse> {
    let currency = customer.credit_limit?.currency;
    limit_use_from(
        customer,
        history.open_in(currency),
        history.open_except(currency),
        policy.near_limit_percent,
    )
}

/// What a grade allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeAdvice {
    /// Longest payment terms, in days from the invoice date; ignored with `prepayment`.
    pub max_terms_days: u32,
    /// The suggested limit as a percentage of the current one (100: keep it).
    pub limit_percent: u32,
    /// Cash before delivery (款到发货): no credit at all.
    pub prepayment: bool,
}

/// The editable table of advice per grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SuggestionPolicy {
    pub a: GradeAdvice,
    pub b: GradeAdvice,
    pub c: GradeAdvice,
    pub d: GradeAdvice,
    /// For customers too new to rate.
    pub insufficient_history: GradeAdvice,
}

impl Default for SuggestionPolicy {
    /// A: up to 60 days; B: standard 30; C: 15 days and 70 % of the limit; D: prepayment.
    /// New customers: standard terms, limit unchanged.
    fn default() -> SuggestionPolicy {
        let terms = |days, limit_percent| GradeAdvice {
            max_terms_days: days,
            limit_percent,
            prepayment: false,
        };
        SuggestionPolicy {
            a: terms(60, 100),
            b: terms(30, 100),
            c: terms(15, 70),
            d: GradeAdvice {
                max_terms_days: 0,
                limit_percent: 0,
                prepayment: true,
            },
            insufficient_history: terms(30, 100),
        }
    }
}

impl SuggestionPolicy {
    pub fn for_grade(&self, grade: Grade) -> GradeAdvice {
        match grade {
            Grade::A => self.a,
            Grade::B => self.b,
            Grade::C => self.c,
            Grade::D => self.d,
            Grade::InsufficientHistory => self.insufficient_history,
        }
    }

    pub fn for_grade_mut(&mut self, grade: Grade) -> &mut GradeAdvice {
        match grade {
            Grade::A => &mut self.a,
            Grade::B => &mut self.b,
            Grade::C => &mut self.c,
            Grade::D => &mut self.d,
            Grade::InsufficientHistory => &mut self.insufficient_history,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PaymentAdvice {
    /// Credit terms of at most this many days.
    Terms { max_days: u32 },
    /// 款到发货: payment before delivery.
    Prepayment,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub customer: String,
    pub grade: Grade,
    pub payment: PaymentAdvice,
    /// The customer's default terms today.
    pub current_terms: Option<Terms>,
    /// Whether today's terms give more credit than the advice (longer, or any credit at all
    /// under prepayment). Month-end terms (月结) count their days only, as elsewhere.
    pub terms_exceed_advice: bool,
    pub current_limit: Option<Money>,
    /// `current_limit × limit_percent / 100`, rounded down to the minor unit; `None` without
    /// a limit.
    pub suggested_limit: Option<Money>,
}

/// The advice for `grade` applied to `customer`.
pub fn suggestion(grade: Grade, customer: &Customer, policy: &CreditPolicy) -> Suggestion {
    let advice = policy.suggestions.for_grade(grade);
    let payment = if advice.prepayment {
        PaymentAdvice::Prepayment
    } else {
        PaymentAdvice::Terms {
            max_days: advice.max_terms_days,
        }
    };
    let terms_exceed_advice = customer.terms.is_some_and(|t| {
        let gives_credit = t.days > 0 || t.base == TermsBase::EndOfMonth;
        match payment {
            PaymentAdvice::Prepayment => gives_credit,
            PaymentAdvice::Terms { max_days } => t.days > max_days,
        }
    });
    let suggested_limit = customer.credit_limit.map(|limit| {
        let minor = i128::from(limit.minor) * i128::from(advice.limit_percent) / 100;
        Money::new(
            i64::try_from(minor).unwrap_or(if minor > 0 { i64::MAX } else { i64::MIN }),
            limit.currency,
        )
    });
    Suggestion {
        customer: customer.code.clone(),
        grade,
        payment,
        current_terms: customer.terms,
        terms_exceed_advice,
        current_limit: customer.credit_limit,
        suggested_limit,
    }
}
