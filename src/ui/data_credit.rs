//! Credit control and approvals data: the policies, the grade history and the approval
//! requests and steps, kept as settings entries (each written whole, in one IndexedDB
//! transaction, before the signal changes, so a failed write leaves everything as it was).
//!
//! What the rest of the app needs from here is on [`Data`]: [`Data::due_overrides`] (feed it
//! to `pool_with_due_overrides` for reminders), [`Data::effective_ledger`] (the ledger with
//! approved extensions applied, which `AppState::ledger` is), and [`Data::extension_marks`].

use super::app::AppState;
use super::browser;
use super::data::{CommitError, Data};
use crate::domain::approvals::{
    approved_extensions, build_request, effective_due_overrides, new_request_id, pending_invoices,
    pool_with_due_overrides, ApprovalConfig, ApprovalRequest, ApprovalStep, ApprovedExtension,
    Decision, FormContext, FormError, InvoiceKey, PendingMark, RequestForm,
};
use crate::domain::asof::AsOf;
use crate::domain::audit::{AuditAction, AuditEntry};
use crate::domain::credit::{
    rate_all, record_grades, CreditPolicy, CreditRating, GradeChange, OrderPolicy,
};
use crate::domain::ledger::{ledger, Ledger};
use crate::domain::model::Invoice;
use crate::import::cells::parse_amount;
use crate::ui::i18n::Lang;
use crate::ui::i18n_credit::C;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const CREDIT_POLICY_KEY: &str = "credit_policy";
pub const ORDER_POLICY_KEY: &str = "order_policy";
pub const GRADE_HISTORY_KEY: &str = "credit_grade_history";
pub const APPROVALS_KEY: &str = "approvals";
pub const APPROVAL_CONFIG_KEY: &str = "approval_config";
pub const ME_KEY: &str = "approvals_me";

/// Every approval fact: requests and the steps taken on them, both append-only.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApprovalBook {
    pub requests: Vec<ApprovalRequest>,
    pub steps: Vec<ApprovalStep>,
}

#[derive(Clone, Copy)]
pub struct CreditData {
    pub policy: RwSignal<CreditPolicy>,
    pub orders: RwSignal<OrderPolicy>,
    /// Append-only grade changes (see `domain::credit::record_grades`).
    pub grade_history: RwSignal<Vec<GradeChange>>,
    pub approvals: RwSignal<ApprovalBook>,
    pub approval_config: RwSignal<ApprovalConfig>,
    /// The name the person at the keyboard chose from the directory. Not a login.
    pub me: RwSignal<Option<String>>,
    /// Whether the stored values have been read (grades are recorded only after).
    pub loaded: RwSignal<bool>,
}

impl CreditData {
    pub fn new() -> CreditData {
        CreditData {
            policy: RwSignal::new(CreditPolicy::default()),
            orders: RwSignal::new(OrderPolicy::default()),
            grade_history: RwSignal::new(Vec::new()),
            approvals: RwSignal::new(ApprovalBook::default()),
            approval_config: RwSignal::new(ApprovalConfig::default()),
            me: RwSignal::new(None),
            loaded: RwSignal::new(false),
        }
    }
}

/// Invoices whose due date moved, and invoices waiting for a decision, as of a date.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DueMarks {
    pub extended: HashMap<InvoiceKey, ApprovedExtension>,
    pub pending: HashMap<InvoiceKey, PendingMark>,
}

impl DueMarks {
    /// The original due date (hook `due-original`) and the pending mark (hook
    /// `extension-pending`) to show beside an invoice's due date.
    pub fn badge(&self, invoice: Option<&Invoice>, lang: Lang) -> AnyView {
        let Some(inv) = invoice else {
            return ().into_any();
        };
        let key = (inv.customer.clone(), inv.number.clone());
        let extended = self.extended.get(&key).map(|e| {
            let text = format!(" ({} {})", C::OriginalDue.text(lang), e.original_due);
            view! { <span class="muted" data-testid="due-original" data-date=e.original_due.to_string()>{text}</span> }
        });
        let pending = self.pending.get(&key).map(|p| {
            let to = p.new_due.map(|d| format!(" → {d}")).unwrap_or_default();
            let text = format!("{}{to}", C::ExtensionPending.text(lang));
            view! { <span class="tag" data-testid="extension-pending" data-request=p.request_id.clone()>{text}</span> }
        });
        view! { {extended}{pending} }.into_any()
    }
}

impl Data {
    /// Reads the credit and approval settings; call once the database is open.
    pub async fn load_credit(self) {
        let c = self.credit;
        // No grade is recorded against the history being replaced (a restore).
        c.loaded.set(false);
        c.policy
            .set(self.setting(CREDIT_POLICY_KEY).await.unwrap_or_default());
        c.orders
            .set(self.setting(ORDER_POLICY_KEY).await.unwrap_or_default());
        c.grade_history
            .set(self.setting(GRADE_HISTORY_KEY).await.unwrap_or_default());
        c.approvals
            .set(self.setting(APPROVALS_KEY).await.unwrap_or_default());
        c.approval_config
            .set(self.setting(APPROVAL_CONFIG_KEY).await.unwrap_or_default());
        c.me.set(self.setting(ME_KEY).await.flatten());
        c.loaded.set(true);
    }

    /// The approved due dates in force as of `as_of`, by (customer, invoice number).
    pub fn due_overrides(self, as_of: AsOf) -> HashMap<InvoiceKey, NaiveDate> {
        let c = self.credit;
        c.approval_config.with(|config| {
            c.approvals
                .with(|b| effective_due_overrides(&b.requests, &b.steps, config, as_of))
        })
    }

    /// The ledger as of `as_of` with approved extensions' due dates in force.
    pub fn effective_ledger(self, as_of: AsOf) -> Ledger {
        let overrides = self.due_overrides(as_of);
        self.pool
            .with(|p| ledger(&pool_with_due_overrides(p, &overrides), as_of))
    }

    pub fn extension_marks(self, as_of: AsOf) -> DueMarks {
        let c = self.credit;
        c.approval_config.with(|config| {
            c.approvals.with(|b| DueMarks {
                extended: approved_extensions(&b.requests, &b.steps, config, as_of),
                pending: pending_invoices(&b.requests, &b.steps, config, as_of),
            })
        })
    }

    /// Stores `book` whole, then shows it.
    async fn save_book(self, book: ApprovalBook) -> Result<(), CommitError> {
        self.set_setting(APPROVALS_KEY, &book).await?;
        self.credit.approvals.set(book);
        Ok(())
    }

    /// Appends a checked request (see `domain::approvals::build_request`).
    pub async fn submit_request(self, request: ApprovalRequest) -> Result<(), CommitError> {
        let mut book = self.credit.approvals.get_untracked();
        let entry = AuditEntry::about_approval(
            &request.subject,
            AuditAction::ApprovalRequested {
                request: request.id.clone(),
            },
            &request.requested_by,
            &request.reason,
            browser::now_ms(),
            request.requested_at.date(),
        );
        book.requests.push(request);
        self.save_book(book).await?;
        self.log(vec![entry]).await
    }

    /// Appends a checked step (see `domain::approvals::decide`).
    pub async fn record_step(self, step: ApprovalStep) -> Result<(), CommitError> {
        let mut book = self.credit.approvals.get_untracked();
        let subject = book
            .requests
            .iter()
            .find(|r| r.id == step.request_id)
            .map(|r| r.subject.clone());
        let entry = subject.map(|subject| {
            AuditEntry::about_approval(
                &subject,
                AuditAction::ApprovalStep {
                    request: step.request_id.clone(),
                    approved: step.decision == Decision::Approve,
                },
                &step.actor,
                &step.comment,
                browser::now_ms(),
                step.at.date(),
            )
        });
        book.steps.push(step);
        self.save_book(book).await?;
        self.log(entry.into_iter().collect()).await
    }

    pub async fn save_credit_policy(
        self,
        policy: CreditPolicy,
        orders: OrderPolicy,
    ) -> Result<(), CommitError> {
        self.set_setting(CREDIT_POLICY_KEY, &policy).await?;
        self.set_setting(ORDER_POLICY_KEY, &orders).await?;
        self.credit.policy.set(policy);
        self.credit.orders.set(orders);
        Ok(())
    }

    pub async fn save_approval_config(self, config: ApprovalConfig) -> Result<(), CommitError> {
        self.set_setting(APPROVAL_CONFIG_KEY, &config).await?;
        self.credit.approval_config.set(config);
        Ok(())
    }

    pub async fn set_me(self, name: Option<String>) -> Result<(), CommitError> {
        self.set_setting(ME_KEY, &name).await?;
        self.credit.me.set(name);
        Ok(())
    }
}

/// Every customer's rating as of the app's date, shared by the credit, customer and
/// dashboard pages.
#[derive(Clone, Copy)]
pub struct Ratings(pub Memo<Vec<CreditRating>>);

/// Provides [`Ratings`] and keeps the grade history: whenever a recomputation (an import,
/// a new as-of date, a new policy) gives a customer a grade other than its last one on or
/// before that date, the change is appended and stored.
pub fn provide_ratings(data: Data, state: AppState) {
    let ratings = Memo::new(move |_| {
        let as_of = AsOf(state.as_of.get());
        data.credit.policy.with(|policy| {
            data.pool
                .with(|p| state.ledger.with(|l| rate_all(p, l, policy, as_of)))
        })
    });
    provide_context(Ratings(ratings));
    Effect::new(move |_| {
        if !data.credit.loaded.get() {
            return;
        }
        let on = state.as_of.get();
        let changes = ratings.with(|r| {
            data.credit
                .grade_history
                .with_untracked(|h| record_grades(h, r, on))
        });
        if changes.is_empty() {
            return;
        }
        data.credit.grade_history.update(|h| h.extend(changes));
        let all = data.credit.grade_history.get_untracked();
        leptos::task::spawn_local(async move {
            // The history is derived from facts: if this write fails, the next
            // recomputation after a reload records the same changes again.
            let _ = data.set_setting(GRADE_HISTORY_KEY, &all).await;
        });
    });
}

/// Runs `f` with the facts a request or a step is checked against (untracked reads).
pub fn with_form_context<R>(data: Data, state: AppState, f: impl FnOnce(&FormContext) -> R) -> R {
    let c = data.credit;
    data.pool.with_untracked(|pool| {
        state.ledger.with_untracked(|ledger| {
            c.approvals.with_untracked(|b| {
                c.approval_config.with_untracked(|config| {
                    f(&FormContext {
                        pool,
                        ledger,
                        requests: &b.requests,
                        steps: &b.steps,
                        config,
                    })
                })
            })
        })
    })
}

/// The request the form describes, made by whoever is chosen as "who am I", stamped at
/// the as-of date; or why not. Nothing is stored.
pub fn check_request(
    data: Data,
    state: AppState,
    form: &RequestForm,
) -> Result<ApprovalRequest, FormError> {
    let at = browser::moment_on(state.as_of.get_untracked());
    let me = data.credit.me.get_untracked();
    with_form_context(data, state, |ctx| {
        let id = new_request_id(browser::now_ms(), ctx.requests.len());
        build_request(form, ctx, me.as_deref(), at, id, |text, digits| {
            parse_amount(text, digits).ok()
        })
    })
}
