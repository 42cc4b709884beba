//! Evaluating reminder rules: which reminders to create now, for whom, with what text.
//!
//! [`evaluate`] is a pure function of the pool, its ledger, the rules, the staff directory,
//! the as-of date, the reminder history, the collection notes and the settings. The app runs
//! it when it opens, when data or rules change, and every hour, shows the result, and
//! appends it to the history ([`ReminderHistory::record_run`]) — which is what keeps the next
//! run from creating the same reminders again.
//!
//! # When a rule fires for an invoice
//! Rules are checked for every open invoice (open > 0) whose customer is not excluded. Rule
//! `r` fires for invoice `i` as of day `D` when all of these hold:
//! 1. `r` is enabled and its conditions hold for `i` **as of `D`** (days overdue from the
//!    ledger line; disputes, promises and the other facts as they stand on `D`);
//! 2. `i` is not disputed, if `r.skip_disputed`; not under a pending promise to pay (`D` on
//!    or before the promised date), if `r.skip_promised`;
//! 3. `i` is not snoozed (`D` before the snooze's `until`);
//! 4. `(r, i)` is not marked handled;
//! 5. **cooldown**: `r` has not fired for `i` within `r.cooldown()` days, i.e. there is no
//!    history record with `D < fired_on + cooldown`. Only records on or before `D` count.
//!    Exception: a promise broken after the last firing (promised date on or after it)
//!    waives the cooldown once, so the break is reported at once.
//!
//! # Catch-up after days closed
//! Whether a rule fires depends on the state as of `D` and on the history, not on which
//! days the app happened to run. So when the laptop was closed from the last run `L` to
//! `D`, every (rule, invoice) that should have fired on some missed day is created once, now,
//! and only at the tier that applies as of `D`: an invoice that went through 1–7 and 8–15
//! while closed and is now 19 days overdue gets one reminder, from the 16–30 rule. Tiers it
//! passed are not created late (their condition no longer holds), and a rule whose cooldown
//! ran out several times while closed fires once, not once per period.
//!
//! `due_on` says since when the reminder has been due: the first day in the catch-up window
//! `(L, D]` on which its rule would have fired for the invoice — the latest of
//! - the day after the last run (`D` itself when there was no run before, or `L ≥ D`),
//! - the day the invoice entered the rule's day range (`due + from`),
//! - the end of the cooldown after the last firing (`fired_on + cooldown`),
//! - the end of an expired snooze, and the day after a broken promise's date (for rules that
//!   skip promised invoices or ask for broken promises).
//!
//! Other conditions are taken to have held through the window as they hold on `D` (only the
//! days move). A consolidated reminder is due on the earliest `due_on` of its invoices.
//!
//! A second run on the same day creates nothing new unless data, rules or notes changed:
//! every cooldown is at least one day.
//!
//! # Broken promises
//! A promise whose date has passed while the invoice is still open is broken. The reminder
//! lists it in `broken_promises`, its severity goes up one step, internal messages get a
//! note line, and the condition `promise_broken` lets a rule ask for it.
//!
//! # Order and consolidation
//! Reminders come in rule order, then customer code, then invoice number (a consolidated
//! reminder sorts by its first invoice, then currency, then recipient). `PerInvoice` rules
//! give one reminder per invoice with all its recipients; `PerCustomer` rules give one per
//! customer, currency and recipient, listing that recipient's invoices (invoices whose
//! recipients all fail to resolve are gathered in one reminder with no recipients).

mod build;
mod context;
mod history;
mod notes;
#[cfg(test)]
mod tests;

pub use history::{HistoryRecord, ReminderHistory};
pub use notes::{
    CollectionNotes, InvoiceRef, Note, NoteEntry, NotesView, Paused, PromiseState, ReminderKey,
};

use super::asof::AsOf;
use super::forecast::Predictions;
use super::ledger::Ledger;
use super::model::{Person, Pool, Reach, Role};
use super::money::Money;
use super::rules::{Audience, Channel, Consolidation, Rule, Severity, TemplatePart};
use super::templates::{Lang, TemplateError};
use build::{Builder, Fire};
use chrono::{Days, NaiveDate};
use context::{prepare, Directory, Facts};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Settings the messages need.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderSettings {
    /// Our company's name, for `[公司名]` / `{company}`.
    pub company: String,
    /// The language of messages of rules without their own.
    pub language: Lang,
}

/// Everything evaluation reads. The ledger should be made as of `as_of` (if it is not, its
/// days overdue are shifted to `as_of`).
#[derive(Clone, Copy, Debug)]
pub struct EvalInput<'a> {
    pub pool: &'a Pool,
    pub ledger: &'a Ledger,
    pub rules: &'a [Rule],
    /// The staff directory (normally `pool.staff`).
    pub directory: &'a [Person],
    pub as_of: AsOf,
    pub history: &'a ReminderHistory,
    pub notes: &'a CollectionNotes,
    pub settings: &'a ReminderSettings,
    /// What credit control computed, by customer code.
    pub credit: &'a HashMap<String, CreditFacts>,
    /// The payment predictions as of the date; `None` when no rule asks for late risk
    /// (training is skipped), and then the late-risk condition matches nothing.
    pub late_risk: Option<&'a Predictions>,
}

/// One customer's computed credit facts that rules may test.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreditFacts {
    /// The grade from payment history; `None` (too little history) keeps the imported grade.
    pub grade: Option<String>,
    /// Credit-limit use in basis points, when the customer has a limit.
    pub limit_use_bp: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecipientKind {
    Staff,
    /// The customer's own contact.
    Customer,
}

/// A person to tell, and how to reach them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub kind: RecipientKind,
    pub name: String,
    /// The roles through which a staff member was included (empty when named directly).
    pub roles: Vec<Role>,
    #[serde(flatten)]
    pub reach: Reach,
}

/// A rendered message for one channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub channel: Channel,
    /// The language of the template used (the other one if the rule lacks the wanted one).
    pub lang: Lang,
    /// For channels with a subject line (email).
    pub subject: Option<String>,
    pub body: String,
}

/// Something wrong with a reminder that the user should see (besides `unresolved_roles`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReminderWarning {
    /// A person named by the rule is not in the directory.
    UnknownPerson { name: String },
    /// The rule writes to the customer, who has no email or mobile number on file.
    NoCustomerContact,
    /// The rule has no template for a channel: no message for it.
    NoTemplate { channel: Channel },
    /// The channel's template does not parse: no message (body) or no subject.
    Template {
        channel: Channel,
        part: TemplatePart,
        error: TemplateError,
    },
}

/// A promise to pay that was not kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokenPromise {
    pub invoice: String,
    pub promised: NaiveDate,
}

/// A reminder to create now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Position of the rule in the list (0-based; the UI shows it 1-based).
    pub rule: usize,
    pub rule_id: String,
    pub rule_name: String,
    /// The rule's severity, one step higher with a broken promise.
    pub severity: Severity,
    pub audience: Audience,
    /// Customer code, and the name to show.
    pub customer: String,
    pub customer_name: String,
    /// Invoice numbers, in number order.
    pub invoices: Vec<String>,
    /// The most of its invoices' days overdue.
    pub days_overdue: i64,
    /// Its invoices' outstanding amounts added up (one currency).
    pub amount: Money,
    pub recipients: Vec<Recipient>,
    /// Roles the rule names that nobody fills for these invoices.
    pub unresolved_roles: Vec<Role>,
    pub channels: Vec<Channel>,
    /// One per channel that has a usable template, in the rule's channel order.
    pub messages: Vec<Message>,
    /// The first day it should have fired (see the module docs).
    pub due_on: NaiveDate,
    pub broken_promises: Vec<BrokenPromise>,
    pub warnings: Vec<ReminderWarning>,
}

impl Reminder {
    /// The (rule, invoice) keys this reminder covers, e.g. to mark them handled.
    pub fn keys(&self) -> Vec<ReminderKey> {
        self.invoices
            .iter()
            .map(|n| ReminderKey {
                rule: self.rule_id.clone(),
                invoice: InvoiceRef::new(self.customer.clone(), n.clone()),
            })
            .collect()
    }

    pub fn message(&self, channel: Channel) -> Option<&Message> {
        self.messages.iter().find(|m| m.channel == channel)
    }
}

/// The state shared by `evaluate` and `preview_counts`.
struct Checker<'a> {
    as_of: AsOf,
    window_start: NaiveDate,
    last_fired: HashMap<(&'a str, &'a str, &'a str), NaiveDate>,
    notes: NotesView<'a>,
}

fn plus(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

impl<'a> Checker<'a> {
    /// The checker and the open invoices' facts, as both `evaluate` and `preview_counts`
    /// need them.
    fn prepared(input: &EvalInput<'a>) -> (Checker<'a>, Vec<Facts<'a>>) {
        let checker = Checker::new(input);
        let facts = prepare(
            input.pool,
            input.ledger,
            &checker.notes,
            input.credit,
            input.late_risk,
            input.as_of,
        );
        (checker, facts)
    }

    fn new(input: &EvalInput<'a>) -> Checker<'a> {
        let as_of = input.as_of;
        let window_start = input
            .history
            .last_run
            .map(|last| plus(last, 1))
            .filter(|start| *start <= as_of.0)
            .unwrap_or(as_of.0);
        Checker {
            as_of,
            window_start,
            last_fired: input.history.last_fired(as_of),
            notes: input.notes.view(as_of),
        }
    }

    /// Whether `rule` fires for the invoice now, and since when it has been due.
    fn fires(&self, rule: &Rule, f: &Facts<'_>) -> Option<Fire> {
        let broken = match f.promise {
            Some(PromiseState::Broken(date)) => Some(date),
            _ => None,
        };
        let pending = matches!(f.promise, Some(PromiseState::Pending(_)));
        if (rule.skip_disputed && f.disputed) || (rule.skip_promised && pending) {
            return None;
        }
        if f.snooze.is_some_and(|until| until > self.as_of.0) {
            return None;
        }
        if !rule.conditions.matches(&f.as_invoice_facts()) {
            return None;
        }
        let (customer, number) = (f.customer_code(), f.number());
        if self.notes.is_handled(&rule.id, customer, number) {
            return None;
        }
        let last = self
            .last_fired
            .get(&(rule.id.as_str(), customer, number))
            .copied();
        let waived = matches!((broken, last), (Some(promised), Some(l)) if l <= promised);
        let mut due_on = self.window_start;
        if let (Some(l), false) = (last, waived) {
            let cooled = plus(l, rule.cooldown());
            if self.as_of.0 < cooled {
                return None;
            }
            due_on = due_on.max(cooled);
        }
        if let Some(from) = rule.conditions.days.from {
            due_on = due_on.max(plus(f.line.due, from));
        }
        if let Some(until) = f.snooze {
            due_on = due_on.max(until);
        }
        if let Some(promised) = broken {
            if waived || rule.skip_promised || rule.conditions.promise_broken == Some(true) {
                due_on = due_on.max(plus(promised, 1));
            }
        }
        Some(Fire {
            due_on: due_on.min(self.as_of.0),
            broken,
        })
    }
}

/// The reminders to create as of `input.as_of` (see the module docs for the semantics).
/// O(n log n + n·rules) for n open invoices.
pub fn evaluate(input: &EvalInput<'_>) -> Vec<Reminder> {
    let (checker, facts) = Checker::prepared(input);
    let directory = Directory::new(input.directory);
    let mut out = Vec::new();
    for (r, rule) in input.rules.iter().enumerate() {
        if !rule.enabled {
            continue;
        }
        let builder = Builder::new(r, rule, &directory, input.settings);
        let mut start = 0;
        while start < facts.len() {
            // One customer's invoices at a time (they are sorted by customer).
            let code = facts[start].customer_code();
            let end = facts[start..]
                .iter()
                .position(|f| f.customer_code() != code)
                .map_or(facts.len(), |n| start + n);
            let fired: Vec<(&Facts<'_>, Fire)> = facts[start..end]
                .iter()
                .filter_map(|f| checker.fires(rule, f).map(|fire| (f, fire)))
                .collect();
            match rule.consolidation {
                Consolidation::PerInvoice => {
                    for item in &fired {
                        out.push(builder.per_invoice(item));
                    }
                }
                Consolidation::PerCustomer if !fired.is_empty() => {
                    builder.per_customer(&fired, &mut out);
                }
                Consolidation::PerCustomer => {}
            }
            start = end;
        }
    }
    out
}

/// For the rule editor: how many invoices each rule (enabled or not) fires for as of
/// `input.as_of`, with the history and notes applied exactly as [`evaluate`] applies them
/// (pass an empty history to count every match). One entry per rule, in rule order.
pub fn preview_counts(input: &EvalInput<'_>) -> Vec<(usize, usize)> {
    let (checker, facts) = Checker::prepared(input);
    input
        .rules
        .iter()
        .enumerate()
        .map(|(r, rule)| {
            let count = facts
                .iter()
                .filter(|f| checker.fires(rule, f).is_some())
                .count();
            (r, count)
        })
        .collect()
}
