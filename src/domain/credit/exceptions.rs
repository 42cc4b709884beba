//! The order-terms policy: terms longer than the standard need the CFO's special approval
//! (an approved [`SpecialTerms`](crate::domain::approvals::RequestKind::SpecialTerms)
//! request for the order).
//!
//! An order's agreed terms are its own terms, else its customer's default terms; an order
//! with neither is on the customer's (absent) terms and is not flagged. Terms are compared
//! by their day count, as the issue says: month-end terms (月结30天) count 30 although they
//! can give up to a month more.

use crate::domain::approvals::{
    approved_special_terms, pending_requests, ApprovalConfig, ApprovalRequest, ApprovalStep,
    RequestKind, Subject,
};
use crate::domain::model::Pool;
use crate::domain::money::Money;
use crate::domain::terms::Terms;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderPolicy {
    /// Orders with longer terms need special approval.
    pub standard_terms_days: u32,
}

impl Default for OrderPolicy {
    fn default() -> OrderPolicy {
        OrderPolicy {
            standard_terms_days: 30,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermsSource {
    Order,
    Customer,
}

/// An order whose terms exceed the standard with no approved request covering them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyException {
    pub customer: String,
    pub order: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub terms: Terms,
    pub source: TermsSource,
    pub standard_days: u32,
    /// A special-terms request for the order still in the approval chain.
    pub pending_request: Option<String>,
    /// The longest terms approved so far for the order, if shorter than its terms.
    pub approved_days: Option<u32>,
}

/// Orders (in pool order) whose terms exceed `settings.standard_terms_days` and that no
/// approved special-terms request covers (a request covers an order when it names the
/// order and its customer and grants at least the order's days).
pub fn policy_exceptions(
    pool: &Pool,
    requests: &[ApprovalRequest],
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
    settings: &OrderPolicy,
) -> Vec<PolicyException> {
    let customer_terms: HashMap<&str, Terms> = pool
        .customers
        .iter()
        .filter_map(|c| c.terms.map(|t| (c.code.as_str(), t)))
        .collect();
    let approved = approved_special_terms(requests, steps, config);
    let pending: HashMap<(&str, &str), &str> = pending_requests(requests, steps, config)
        .into_iter()
        .filter_map(|(request, _)| match (&request.subject, &request.kind) {
            (Subject::Order { customer, number }, RequestKind::SpecialTerms { .. }) => {
                Some(((customer.as_str(), number.as_str()), request.id.as_str()))
            }
            _ => None,
        })
        .collect();
    pool.orders
        .iter()
        .filter_map(|order| {
            let (terms, source) = match order.terms {
                Some(t) => (t, TermsSource::Order),
                None => (
                    *customer_terms.get(order.customer.as_str())?,
                    TermsSource::Customer,
                ),
            };
            if terms.days <= settings.standard_terms_days {
                return None;
            }
            let key = (order.customer.clone(), order.number.clone());
            let approved_days = approved.get(&key).copied();
            if approved_days.is_some_and(|d| d >= terms.days) {
                return None;
            }
            Some(PolicyException {
                customer: order.customer.clone(),
                order: order.number.clone(),
                date: order.date,
                amount: order.amount,
                terms,
                source,
                standard_days: settings.standard_terms_days,
                pending_request: pending
                    .get(&(order.customer.as_str(), order.number.as_str()))
                    .map(|id| (*id).to_owned()),
                approved_days,
            })
        })
        .collect()
}
