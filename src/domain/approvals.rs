//! Approvals: term extensions for invoices and special terms for orders, decided by a chain
//! of roles. A pure state machine over append-only facts.
//!
//! The facts are the [`ApprovalRequest`]s and the [`ApprovalStep`]s taken on them; both are
//! stored by the app and never edited (a mistaken approval is answered by a new request,
//! not by changing a step). Everything else — where a request stands, which invoices are
//! waiting, which due dates changed — is derived here from (requests, steps, config).
//!
//! **There is no login.** A step's `actor` is a name the user picks from the staff
//! directory ([`Person`](crate::domain::model::Person)); [`validate_step`] checks that the
//! person exists and holds the step's role, but nothing proves that the person at the
//! keyboard is that person. The chain records who was *said* to decide, which is what a
//! shared browser tool can honestly offer.
//!
//! # The chain
//! [`chain_for`]: the configured chain (default sales manager → finance), plus the
//! escalation role (default CFO) at the end when
//! - a term extension moves the due date by more than [`ApprovalConfig::escalate_over_days`]
//!   days (default 30), or special terms are longer than that; or
//! - the request's `promised_amount` exceeds the threshold configured for its currency
//!   (default ¥100,000; a currency without a threshold never escalates on amount).
//!
//! The chain is recomputed from the config in force; a change of config re-reads requests
//! still in flight (and could reopen an approved one if it lengthens its chain), so the app
//! should keep the config it approved under with the request if that matters to it.
//!
//! # Steps
//! Steps are replayed in stored order. A step is accepted when it is for this request,
//! the request is still pending, its `step_index` is the next one, its role is the chain's
//! role at that index, it is not dated before the request or the previous step, a
//! rejection carries a comment, and (with [`ApprovalConfig::distinct_actors`]) its actor
//! has not decided an earlier step of the request. A step that does not fit is ignored by
//! [`status`] and refused, with its reason, by [`validate_step`] (which also checks the
//! directory). One rejection ends the request; approval by the last role approves it.
//!
//! # Effects
//! On final approval an extension's new due date replaces the invoice's due date
//! ([`effective_due_overrides`]; the original is kept on the request). To let the ledger
//! and reminders see it without changing them, run them on
//! [`pool_with_due_overrides`]`(pool, &overrides)`, which sets `Invoice::due` (an explicit
//! due date wins over terms). [`pending_invoices`] marks invoices with a request in flight.

mod effects;
mod form;
mod steps;
mod submit;
#[cfg(test)]
mod tests;

pub use effects::{
    approved_extensions, approved_special_terms, effective_due_overrides, pending_invoices,
    pending_requests, pool_with_due_overrides, statuses, ApprovedExtension, InvoiceKey,
    PendingMark,
};
pub use form::{
    build_request, config_from_form, decide, holders, new_request_id, todo_for, ConfigForm,
    ConfigProblem, FormContext, FormError, FormKind, RequestForm,
};
pub(crate) use steps::Replay;
pub use steps::{status, validate_step, StepError};
pub use submit::{validate_request, RequestError};

use super::model::Role;
use super::money::{Currency, Money};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// What a request is about. Numbers are keyed with their customer (numbers may repeat
/// across customers).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Subject {
    Invoice { customer: String, number: String },
    Order { customer: String, number: String },
}

impl Subject {
    pub fn customer(&self) -> &str {
        match self {
            Subject::Invoice { customer, .. } | Subject::Order { customer, .. } => customer,
        }
    }
    pub fn number(&self) -> &str {
        match self {
            Subject::Invoice { number, .. } | Subject::Order { number, .. } => number,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum RequestKind {
    /// Move an invoice's due date (展期). `original_due` is the due date when asked, kept
    /// and shown after the change.
    TermExtension {
        new_due: NaiveDate,
        original_due: NaiveDate,
    },
    /// Payment terms longer than the standard for an order.
    SpecialTerms { days: u32 },
}

impl RequestKind {
    /// Days of extra credit asked for: the shift of the due date, or the terms' days.
    pub fn days(&self) -> i64 {
        match self {
            RequestKind::TermExtension {
                new_due,
                original_due,
            } => new_due.signed_duration_since(*original_due).num_days(),
            RequestKind::SpecialTerms { days } => i64::from(*days),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalRequest {
    /// Unique among requests (the app makes it, e.g. a timestamp plus a counter).
    pub id: String,
    pub subject: Subject,
    pub kind: RequestKind,
    pub reason: String,
    /// What the customer promises to pay (by the new due date); also the amount the
    /// escalation threshold is compared with.
    pub promised_amount: Option<Money>,
    /// A name from the directory.
    pub requested_by: String,
    pub requested_at: NaiveDateTime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
}

/// One decision. Never edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalStep {
    pub request_id: String,
    /// 0 for the chain's first role.
    pub step_index: u32,
    pub role: Role,
    /// A name picked from the directory (there is no login).
    pub actor: String,
    pub decision: Decision,
    pub comment: String,
    pub at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApprovalConfig {
    /// The roles every request passes, in order.
    pub chain: Vec<Role>,
    /// Added at the end of the chain for large requests (unless already in it).
    pub escalate_to: Role,
    /// More days than this escalate.
    pub escalate_over_days: i64,
    /// More than this (per currency) escalates.
    pub escalate_over_amount: Vec<Money>,
    /// One person may not decide two steps of the same request (four-eyes principle).
    pub distinct_actors: bool,
}

impl Default for ApprovalConfig {
    fn default() -> ApprovalConfig {
        ApprovalConfig {
            chain: vec![Role::SalesManager, Role::Finance],
            escalate_to: Role::Cfo,
            escalate_over_days: 30,
            escalate_over_amount: vec![Money::new(10_000_000, Currency::CNY)],
            distinct_actors: true,
        }
    }
}

impl ApprovalConfig {
    fn escalates(&self, request: &ApprovalRequest) -> bool {
        let by_days = request.kind.days() > self.escalate_over_days;
        let by_amount = request.promised_amount.is_some_and(|amount| {
            self.escalate_over_amount
                .iter()
                .any(|t| t.currency == amount.currency && amount.minor > t.minor)
        });
        by_days || by_amount
    }
}

/// The roles that must approve `request`, in order.
pub fn chain_for(request: &ApprovalRequest, config: &ApprovalConfig) -> Vec<Role> {
    let mut chain = config.chain.clone();
    if config.escalates(request) && !chain.contains(&config.escalate_to) {
        chain.push(config.escalate_to);
    }
    chain
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum RequestStatus {
    /// Waiting for `next_role` to take step `step_index`.
    Pending { next_role: Role, step_index: u32 },
    /// The last role approved at `at` (an empty chain approves at submission).
    Approved { at: NaiveDateTime },
    Rejected {
        at: NaiveDateTime,
        by: String,
        comment: String,
    },
}

impl RequestStatus {
    pub fn is_pending(&self) -> bool {
        matches!(self, RequestStatus::Pending { .. })
    }
    pub fn is_approved(&self) -> bool {
        matches!(self, RequestStatus::Approved { .. })
    }
}
