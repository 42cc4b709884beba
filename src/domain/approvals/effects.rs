//! What approvals change: due-date overrides, pending marks, approved special terms.
//!
//! Every function here replays all requests at once: steps are grouped by request id in one
//! pass, so the cost is O(requests + steps).

use super::{
    ApprovalConfig, ApprovalRequest, ApprovalStep, Replay, RequestKind, RequestStatus, Subject,
};
use crate::domain::asof::AsOf;
use crate::domain::model::{Pool, Role};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// (customer code, invoice number).
pub type InvoiceKey = (String, String);

fn by_request(steps: &[ApprovalStep]) -> HashMap<&str, Vec<&ApprovalStep>> {
    let mut out: HashMap<&str, Vec<&ApprovalStep>> = HashMap::new();
    for step in steps {
        out.entry(step.request_id.as_str()).or_default().push(step);
    }
    out
}

/// The status of each request, in the order of `requests`. With `as_of`, only requests and
/// steps dated on or before it count (requests after it get `None`).
fn replay_all<'r>(
    requests: &'r [ApprovalRequest],
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
    as_of: Option<AsOf>,
) -> Vec<(&'r ApprovalRequest, RequestStatus)> {
    let grouped = by_request(steps);
    let counts = |date: NaiveDate| as_of.is_none_or(|d| d.includes(date));
    requests
        .iter()
        .filter(|r| counts(r.requested_at.date()))
        .map(|request| {
            let own = grouped.get(request.id.as_str()).into_iter().flatten();
            let replay = Replay::run(
                request,
                own.copied().filter(|s| counts(s.at.date())),
                config,
            );
            (request, replay.status)
        })
        .collect()
}

/// Every request's status, in the order of `requests`.
pub fn statuses(
    requests: &[ApprovalRequest],
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
) -> Vec<RequestStatus> {
    replay_all(requests, steps, config, None)
        .into_iter()
        .map(|(_, s)| s)
        .collect()
}

/// The requests still in the chain, with their status, in the order of `requests`.
pub fn pending_requests<'r>(
    requests: &'r [ApprovalRequest],
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
) -> Vec<(&'r ApprovalRequest, RequestStatus)> {
    replay_all(requests, steps, config, None)
        .into_iter()
        .filter(|(_, s)| s.is_pending())
        .collect()
}

/// An invoice whose due date moved by approved extensions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovedExtension {
    /// The due date before the first approved extension: kept and shown.
    pub original_due: NaiveDate,
    /// The due date in force: the one approved last.
    pub due: NaiveDate,
    /// The request that set `due`.
    pub request_id: String,
}

/// Every invoice with an approved extension as of `as_of` (requests and steps dated later
/// do not count yet). Several approved extensions of one invoice: the one approved last
/// sets the due date (same moment: the later request in `requests`), the one approved
/// first keeps the original.
pub fn approved_extensions(
    requests: &[ApprovalRequest],
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
    as_of: AsOf,
) -> HashMap<InvoiceKey, ApprovedExtension> {
    /// When the first and the last approval were given, and what each said.
    struct Span<'r> {
        first: (chrono::NaiveDateTime, NaiveDate),
        last: (chrono::NaiveDateTime, NaiveDate, &'r str),
    }
    let mut spans: HashMap<InvoiceKey, Span> = HashMap::new();
    for (request, status) in replay_all(requests, steps, config, Some(as_of)) {
        let (
            Subject::Invoice { customer, number },
            RequestKind::TermExtension {
                new_due,
                original_due,
            },
            RequestStatus::Approved { at },
        ) = (&request.subject, &request.kind, status)
        else {
            continue;
        };
        let entry = spans
            .entry((customer.clone(), number.clone()))
            .or_insert(Span {
                first: (at, *original_due),
                last: (at, *new_due, request.id.as_str()),
            });
        if at < entry.first.0 {
            entry.first = (at, *original_due);
        }
        if at >= entry.last.0 {
            entry.last = (at, *new_due, request.id.as_str());
        }
    }
    spans
        .into_iter()
        .map(|(key, span)| {
            (
                key,
                ApprovedExtension {
                    original_due: span.first.1,
                    due: span.last.1,
                    request_id: span.last.2.to_owned(),
                },
            )
        })
        .collect()
}

/// The due date of each invoice with an approved extension as of `as_of` (see
/// [`approved_extensions`]).
pub fn effective_due_overrides(
    requests: &[ApprovalRequest],
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
    as_of: AsOf,
) -> HashMap<InvoiceKey, NaiveDate> {
    approved_extensions(requests, steps, config, as_of)
        .into_iter()
        .map(|(key, e)| (key, e.due))
        .collect()
}

/// An invoice waiting for a decision: collectors see it marked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingMark {
    pub request_id: String,
    pub next_role: Role,
    pub step_index: u32,
    /// The due date asked for, for an extension.
    pub new_due: Option<NaiveDate>,
}

/// Invoices with a request in the chain as of `as_of` (the latest request, if several).
pub fn pending_invoices(
    requests: &[ApprovalRequest],
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
    as_of: AsOf,
) -> HashMap<InvoiceKey, PendingMark> {
    let mut out = HashMap::new();
    for (request, status) in replay_all(requests, steps, config, Some(as_of)) {
        let (
            Subject::Invoice { customer, number },
            RequestStatus::Pending {
                next_role,
                step_index,
            },
        ) = (&request.subject, status)
        else {
            continue;
        };
        let new_due = match request.kind {
            RequestKind::TermExtension { new_due, .. } => Some(new_due),
            RequestKind::SpecialTerms { .. } => None,
        };
        out.insert(
            (customer.clone(), number.clone()),
            PendingMark {
                request_id: request.id.clone(),
                next_role,
                step_index,
                new_due,
            },
        );
    }
    out
}

/// The longest special terms approved for each (customer, order).
pub fn approved_special_terms(
    requests: &[ApprovalRequest],
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
) -> HashMap<(String, String), u32> {
    let mut out: HashMap<(String, String), u32> = HashMap::new();
    for (request, status) in replay_all(requests, steps, config, None) {
        if let (
            Subject::Order { customer, number },
            RequestKind::SpecialTerms { days },
            RequestStatus::Approved { .. },
        ) = (&request.subject, &request.kind, status)
        {
            let entry = out.entry((customer.clone(), number.clone())).or_insert(0);
            *entry = (*entry).max(*days);
        }
    }
    out
}

/// The pool with each overridden invoice's `due` set to its approved date, for the ledger,
/// aging and reminders to consume unchanged: `ledger(&pool_with_due_overrides(&pool, &o),
/// as_of)`. Borrowed when there is nothing to change.
pub fn pool_with_due_overrides<'p>(
    pool: &'p Pool,
    overrides: &HashMap<InvoiceKey, NaiveDate>,
) -> Cow<'p, Pool> {
    let borrowed: HashMap<(&str, &str), NaiveDate> = overrides
        .iter()
        .map(|((customer, number), due)| ((customer.as_str(), number.as_str()), *due))
        .collect();
    let touched = |i: &crate::domain::model::Invoice| {
        borrowed
            .get(&(i.customer.as_str(), i.number.as_str()))
            .copied()
    };
    if overrides.is_empty() || !pool.invoices.iter().any(|i| touched(i).is_some()) {
        return Cow::Borrowed(pool);
    }
    let mut owned = pool.clone();
    for invoice in &mut owned.invoices {
        if let Some(due) = touched(invoice) {
            invoice.due = Some(due);
        }
    }
    Cow::Owned(owned)
}
