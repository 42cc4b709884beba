//! Checking a new request before it is stored.

use super::{
    pending_requests, ApprovalConfig, ApprovalRequest, ApprovalStep, RequestKind, Subject,
};
use crate::domain::model::Pool;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a new request is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum RequestError {
    MissingId,
    DuplicateId,
    /// Extensions are for invoices, special terms for orders.
    KindDoesNotFitSubject,
    UnknownSubject,
    /// The new due date is not after the original one.
    NotAnExtension,
    /// Another request for the same subject is still in the chain.
    AlreadyPending {
        request_id: String,
    },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::MissingId => f.write_str("the request has no id"),
            RequestError::DuplicateId => f.write_str("a request with this id exists"),
            RequestError::KindDoesNotFitSubject => {
                f.write_str("extensions are for invoices, special terms for orders")
            }
            RequestError::UnknownSubject => f.write_str("no such invoice or order"),
            RequestError::NotAnExtension => {
                f.write_str("the new due date is not after the original one")
            }
            RequestError::AlreadyPending { request_id } => {
                write!(f, "request {request_id} for the same document is pending")
            }
        }
    }
}
impl std::error::Error for RequestError {}

/// Whether `request` may be submitted, given the stored requests and steps.
pub fn validate_request(
    request: &ApprovalRequest,
    pool: &Pool,
    requests: &[ApprovalRequest],
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
) -> Result<(), RequestError> {
    if request.id.trim().is_empty() {
        return Err(RequestError::MissingId);
    }
    if requests.iter().any(|r| r.id == request.id) {
        return Err(RequestError::DuplicateId);
    }
    let known = match (&request.subject, &request.kind) {
        (Subject::Invoice { customer, number }, RequestKind::TermExtension { .. }) => pool
            .invoices
            .iter()
            .any(|i| &i.customer == customer && &i.number == number),
        (Subject::Order { customer, number }, RequestKind::SpecialTerms { .. }) => pool
            .orders
            .iter()
            .any(|o| &o.customer == customer && &o.number == number),
        _ => return Err(RequestError::KindDoesNotFitSubject),
    };
    if !known {
        return Err(RequestError::UnknownSubject);
    }
    if matches!(request.kind, RequestKind::TermExtension { .. }) && request.kind.days() <= 0 {
        return Err(RequestError::NotAnExtension);
    }
    if let Some((other, _)) = pending_requests(requests, steps, config)
        .into_iter()
        .find(|(r, _)| r.subject == request.subject)
    {
        return Err(RequestError::AlreadyPending {
            request_id: other.id.clone(),
        });
    }
    Ok(())
}
