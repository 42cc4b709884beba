//! From what the user typed to a request, and from the stored facts to each person's to-do.
//!
//! The form names a document by number (and, when the number repeats across customers, by
//! customer); the original due date of an extension is the invoice's due date in the ledger
//! the user sees (so a second extension starts from the first one's date).

use super::{
    pending_requests, validate_request, ApprovalConfig, ApprovalRequest, ApprovalStep, Replay,
    RequestError, RequestKind, RequestStatus, Subject,
};
use crate::domain::ledger::Ledger;
use crate::domain::model::{Person, Pool};
use crate::domain::money::{Currency, Money};
use crate::domain::rules::same_text;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// A new due date for an invoice (展期).
    #[default]
    Extension,
    /// Longer payment terms for an order.
    SpecialTerms,
}

/// The request form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    pub kind: FormKind,
    /// Invoice number (extension) or order number (special terms).
    pub number: String,
    /// Customer code; needed only when the number repeats across customers.
    pub customer: String,
    /// `YYYY-MM-DD` (an `<input type=date>`), for an extension.
    pub new_due: String,
    /// Days of terms, for special terms.
    pub days: String,
    pub reason: String,
    /// Optional; in the document's currency.
    pub promised: String,
}

/// Why the form cannot become a request. Nothing is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum FormError {
    /// No one is chosen as "who am I".
    NoRequester,
    MissingNumber,
    /// No such invoice (dated on or before the as-of date) or order.
    NoSuchDocument,
    /// The number is used by several customers: name one.
    AmbiguousNumber {
        customers: Vec<String>,
    },
    BadDate,
    BadDays,
    MissingReason,
    BadAmount,
    Request(RequestError),
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormError::NoRequester => f.write_str("choose who you are first"),
            FormError::MissingNumber => f.write_str("enter the invoice or order number"),
            FormError::NoSuchDocument => f.write_str("no such invoice or order"),
            FormError::AmbiguousNumber { customers } => {
                write!(
                    f,
                    "the number is used by {}: enter the customer code",
                    customers.join(", ")
                )
            }
            FormError::BadDate => f.write_str("the new due date is not a date"),
            FormError::BadDays => f.write_str("the terms are not a number of days"),
            FormError::MissingReason => f.write_str("give a reason"),
            FormError::BadAmount => f.write_str("the promised amount is not an amount"),
            FormError::Request(e) => e.fmt(f),
        }
    }
}

/// The parts of the context a request is built in.
pub struct FormContext<'a> {
    pub pool: &'a Pool,
    /// The ledger the user sees (with approved extensions applied).
    pub ledger: &'a Ledger,
    pub requests: &'a [ApprovalRequest],
    pub steps: &'a [ApprovalStep],
    pub config: &'a ApprovalConfig,
}

/// Builds and checks a request. `parse_amount(text, minor_digits)` reads the promised
/// amount (the importer's parser, so the same spellings are accepted).
pub fn build_request(
    form: &RequestForm,
    ctx: &FormContext,
    requested_by: Option<&str>,
    at: NaiveDateTime,
    id: String,
    parse_amount: impl Fn(&str, u32) -> Option<i64>,
) -> Result<ApprovalRequest, FormError> {
    let requested_by = requested_by
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(FormError::NoRequester)?;
    let number = form.number.trim();
    if number.is_empty() {
        return Err(FormError::MissingNumber);
    }
    let customer = form.customer.trim();
    // (customer, currency, due date for invoices) of every document with that number.
    let found: Vec<(&str, Currency, Option<NaiveDate>)> = match form.kind {
        FormKind::Extension => ctx
            .ledger
            .lines
            .iter()
            .filter_map(|l| l.invoice(ctx.pool).map(|i| (i, l.due)))
            .filter(|(i, _)| i.number == number)
            .map(|(i, due)| (i.customer.as_str(), i.amount.currency, Some(due)))
            .collect(),
        FormKind::SpecialTerms => ctx
            .pool
            .orders
            .iter()
            .filter(|o| o.number == number)
            .map(|o| (o.customer.as_str(), o.amount.currency, None))
            .collect(),
    };
    let chosen: Vec<_> = found
        .iter()
        .filter(|(c, _, _)| customer.is_empty() || *c == customer)
        .collect();
    let &&(code, currency, due) = match chosen.as_slice() {
        [] => return Err(FormError::NoSuchDocument),
        [one] => one,
        many => {
            let mut customers: Vec<String> = many.iter().map(|(c, _, _)| (*c).to_owned()).collect();
            customers.sort();
            customers.dedup();
            return Err(FormError::AmbiguousNumber { customers });
        }
    };
    let (subject, kind) = match (form.kind, due) {
        (FormKind::Extension, Some(original_due)) => {
            let new_due = NaiveDate::parse_from_str(form.new_due.trim(), "%Y-%m-%d")
                .map_err(|_| FormError::BadDate)?;
            (
                Subject::Invoice {
                    customer: code.to_owned(),
                    number: number.to_owned(),
                },
                RequestKind::TermExtension {
                    new_due,
                    original_due,
                },
            )
        }
        _ => {
            let days: u32 = form.days.trim().parse().map_err(|_| FormError::BadDays)?;
            (
                Subject::Order {
                    customer: code.to_owned(),
                    number: number.to_owned(),
                },
                RequestKind::SpecialTerms { days },
            )
        }
    };
    let reason = form.reason.trim();
    if reason.is_empty() {
        return Err(FormError::MissingReason);
    }
    let promised = form.promised.trim();
    let promised_amount = if promised.is_empty() {
        None
    } else {
        match parse_amount(promised, currency.minor_digits()) {
            Some(minor) if minor > 0 => Some(Money::new(minor, currency)),
            _ => return Err(FormError::BadAmount),
        }
    };
    let request = ApprovalRequest {
        id,
        subject,
        kind,
        reason: reason.to_owned(),
        promised_amount,
        requested_by: requested_by.to_owned(),
        requested_at: at,
    };
    validate_request(&request, ctx.pool, ctx.requests, ctx.steps, ctx.config)
        .map_err(FormError::Request)?;
    Ok(request)
}

/// The requests waiting for `person`: pending, the next role is one of theirs, and (with
/// [`ApprovalConfig::distinct_actors`]) they have not decided an earlier step of it.
pub fn todo_for<'r>(
    person: &Person,
    requests: &'r [ApprovalRequest],
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
) -> Vec<&'r ApprovalRequest> {
    pending_requests(requests, steps, config)
        .into_iter()
        .filter(|(request, status)| {
            let RequestStatus::Pending { next_role, .. } = status else {
                return false;
            };
            if !person.roles.contains(next_role) {
                return false;
            }
            !config.distinct_actors
                || !Replay::run(request, steps, config)
                    .accepted
                    .iter()
                    .any(|s| same_text(&s.actor, &person.name))
        })
        .map(|(request, _)| request)
        .collect()
}

/// The people who hold `role`, for "who decides next" and the draft message.
pub fn holders(staff: &[Person], role: crate::domain::model::Role) -> Vec<&Person> {
    staff.iter().filter(|p| p.roles.contains(&role)).collect()
}

/// A request's id from the moment it is made and how many exist (unique per browser).
pub fn new_request_id(now_ms: u64, existing: usize) -> String {
    format!("R{now_ms}-{}", existing + 1)
}

/// The next step of `request` decided by `actor`, checked against the stored steps and the
/// directory (`ctx.pool.staff`): its index and role are the ones the chain waits for.
pub fn decide(
    request: &ApprovalRequest,
    ctx: &FormContext,
    decision: super::Decision,
    actor: &str,
    comment: &str,
    at: NaiveDateTime,
) -> Result<ApprovalStep, super::StepError> {
    let (steps, config) = (ctx.steps, ctx.config);
    let status = Replay::run(request, steps, config).status;
    let RequestStatus::Pending {
        next_role,
        step_index,
    } = status
    else {
        return Err(super::StepError::Closed { status });
    };
    let step = ApprovalStep {
        request_id: request.id.clone(),
        step_index,
        role: next_role,
        actor: actor.trim().to_owned(),
        decision,
        comment: comment.trim().to_owned(),
        at,
    };
    super::validate_step(request, steps, &step, config, &ctx.pool.staff)?;
    Ok(step)
}

/// Why the chain settings are refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum ConfigProblem {
    /// This part of the chain is not a role.
    UnknownRole {
        text: String,
    },
    EmptyChain,
    BadDays,
    BadAmount,
}

/// The chain settings as typed: the chain as read by the importer's role-list parser, the
/// escalation days, and the escalation amount in `currency` (empty: no amount threshold in
/// it). Thresholds in other currencies are kept.
pub struct ConfigForm<'a> {
    pub chain: Result<Vec<crate::domain::model::Role>, String>,
    pub escalate_to: crate::domain::model::Role,
    pub days: &'a str,
    pub amount: &'a str,
    pub currency: Currency,
    pub distinct_actors: bool,
}

/// The new config, or every problem with the form; `base` is what is stored now.
pub fn config_from_form(
    base: &ApprovalConfig,
    form: &ConfigForm,
    parse_amount: impl Fn(&str, u32) -> Option<i64>,
) -> Result<ApprovalConfig, Vec<ConfigProblem>> {
    let mut problems = Vec::new();
    let chain = match &form.chain {
        Ok(roles) if roles.is_empty() => {
            problems.push(ConfigProblem::EmptyChain);
            Vec::new()
        }
        Ok(roles) => roles.clone(),
        Err(text) => {
            problems.push(ConfigProblem::UnknownRole { text: text.clone() });
            Vec::new()
        }
    };
    let days = form.days.trim().parse::<u32>().ok();
    if days.is_none() {
        problems.push(ConfigProblem::BadDays);
    }
    let mut thresholds: Vec<Money> = base
        .escalate_over_amount
        .iter()
        .filter(|m| m.currency != form.currency)
        .copied()
        .collect();
    if !form.amount.trim().is_empty() {
        match parse_amount(form.amount.trim(), form.currency.minor_digits()) {
            Some(minor) if minor >= 0 => thresholds.push(Money::new(minor, form.currency)),
            _ => problems.push(ConfigProblem::BadAmount),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ApprovalConfig {
        chain,
        escalate_to: form.escalate_to,
        escalate_over_days: i64::from(days.unwrap_or_default()),
        escalate_over_amount: thresholds,
        distinct_actors: form.distinct_actors,
    })
}
