//! Collection notes: facts recorded in the app about invoices and customers — promises to
//! pay, snoozes, handled reminders, disputes, excluded customers. Append-only: a correction is
//! a new entry, and for each subject (invoice, customer, reminder key) the latest entry of a
//! kind wins. "Latest" is the order of the list (the order they were recorded in).

use crate::domain::asof::AsOf;
use crate::domain::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// An invoice by its natural key (numbers may repeat across customers).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct InvoiceRef {
    /// Customer code.
    pub customer: String,
    pub number: String,
}

impl InvoiceRef {
    pub fn new(customer: impl Into<String>, number: impl Into<String>) -> InvoiceRef {
        InvoiceRef {
            customer: customer.into(),
            number: number.into(),
        }
    }
}

/// One rule's reminders for one invoice.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReminderKey {
    /// The rule's id ([`crate::domain::rules::Rule::id`]).
    pub rule: String,
    pub invoice: InvoiceRef,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// The customer promised to pay by `date` (inclusive). Until then rules with
    /// `skip_promised` leave the invoice alone; from the day after, if the invoice is still
    /// open, the promise is broken.
    Promise {
        invoice: InvoiceRef,
        date: NaiveDate,
        amount: Option<Money>,
    },
    /// No reminders at all for the invoice before `until` (they resume on that day).
    Snooze {
        invoice: InvoiceRef,
        until: NaiveDate,
    },
    /// This rule's reminders for this invoice are dealt with: the rule does not fire for it
    /// again (other rules still do) until an entry with `on: false`.
    Handled { key: ReminderKey, on: bool },
    /// Overrides the imported `disputed` flag.
    Dispute { invoice: InvoiceRef, on: bool },
    /// No reminders for any of the customer's invoices (still in every total).
    ExcludeCustomer { customer: String, on: bool },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteEntry {
    /// When it was recorded; an evaluation as of an earlier date ignores it.
    pub recorded: NaiveDate,
    pub note: Note,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionNotes {
    pub entries: Vec<NoteEntry>,
}

impl CollectionNotes {
    pub fn new() -> CollectionNotes {
        CollectionNotes::default()
    }

    pub fn push(&mut self, recorded: NaiveDate, note: Note) {
        self.entries.push(NoteEntry { recorded, note });
    }

    /// The state the notes add up to as of `as_of`: entries recorded after it are ignored.
    pub fn view(&self, as_of: AsOf) -> NotesView<'_> {
        let mut v = NotesView::default();
        for entry in self.entries.iter().filter(|e| as_of.includes(e.recorded)) {
            match &entry.note {
                Note::Promise {
                    invoice,
                    date,
                    amount,
                } => {
                    v.promises.insert(key(invoice), (*date, *amount));
                }
                Note::Snooze { invoice, until } => {
                    v.snoozes.insert(key(invoice), *until);
                }
                Note::Handled { key: k, on } => {
                    let k = (
                        k.rule.as_str(),
                        k.invoice.customer.as_str(),
                        k.invoice.number.as_str(),
                    );
                    if *on {
                        v.handled.insert(k);
                    } else {
                        v.handled.remove(&k);
                    }
                }
                Note::Dispute { invoice, on } => {
                    v.disputes.insert(key(invoice), *on);
                }
                Note::ExcludeCustomer { customer, on } => {
                    if *on {
                        v.excluded.insert(customer.as_str());
                    } else {
                        v.excluded.remove(customer.as_str());
                    }
                }
            }
        }
        v
    }
}

fn key(invoice: &InvoiceRef) -> (&str, &str) {
    (invoice.customer.as_str(), invoice.number.as_str())
}

fn own((customer, number): (&str, &str)) -> InvoiceRef {
    InvoiceRef::new(customer, number)
}

/// See [`NotesView::paused`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paused {
    pub disputed: Vec<InvoiceRef>,
    pub excluded: Vec<String>,
    pub snoozed: Vec<(InvoiceRef, NaiveDate)>,
    pub promised: Vec<(InvoiceRef, NaiveDate, Option<Money>)>,
}

/// Where a promise to pay stands as of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseState {
    /// Promised for this date, which has not passed.
    Pending(NaiveDate),
    /// Promised for this date, which has passed with the invoice still open.
    Broken(NaiveDate),
}

/// Folded notes: one lookup per question, no allocation per lookup.
#[derive(Clone, Debug, Default)]
pub struct NotesView<'a> {
    promises: HashMap<(&'a str, &'a str), (NaiveDate, Option<Money>)>,
    snoozes: HashMap<(&'a str, &'a str), NaiveDate>,
    handled: HashSet<(&'a str, &'a str, &'a str)>,
    disputes: HashMap<(&'a str, &'a str), bool>,
    excluded: HashSet<&'a str>,
}

impl NotesView<'_> {
    /// The latest promise for the invoice: pending through its date, broken after it.
    /// (Whether the invoice is still open is the caller's business: only open invoices are
    /// evaluated.)
    pub fn promise(&self, customer: &str, number: &str, as_of: AsOf) -> Option<PromiseState> {
        let (date, _) = self.promises.get(&(customer, number))?;
        Some(if as_of.0 <= *date {
            PromiseState::Pending(*date)
        } else {
            PromiseState::Broken(*date)
        })
    }

    pub fn promised_amount(&self, customer: &str, number: &str) -> Option<Money> {
        self.promises.get(&(customer, number)).and_then(|p| p.1)
    }

    /// The day reminders resume, if the invoice is snoozed beyond `as_of`.
    pub fn snoozed_until(&self, customer: &str, number: &str, as_of: AsOf) -> Option<NaiveDate> {
        self.snoozes
            .get(&(customer, number))
            .copied()
            .filter(|until| *until > as_of.0)
    }

    /// The latest snooze's end, expired or not.
    pub fn snooze(&self, customer: &str, number: &str) -> Option<NaiveDate> {
        self.snoozes.get(&(customer, number)).copied()
    }

    pub fn is_handled(&self, rule: &str, customer: &str, number: &str) -> bool {
        self.handled.contains(&(rule, customer, number))
    }

    /// The dispute flag set in the app, if any (it overrides the imported one).
    pub fn dispute(&self, customer: &str, number: &str) -> Option<bool> {
        self.disputes.get(&(customer, number)).copied()
    }

    /// What the notes hold back as of `as_of`, sorted, for the inbox's "paused" list:
    /// invoices flagged disputed, customers excluded, active snoozes and pending promises.
    pub fn paused(&self, as_of: AsOf) -> Paused {
        let mut p = Paused {
            disputed: self
                .disputes
                .iter()
                .filter(|(_, on)| **on)
                .map(|(k, _)| own(*k))
                .collect(),
            excluded: self.excluded.iter().map(|c| (*c).to_owned()).collect(),
            snoozed: self
                .snoozes
                .iter()
                .filter(|(_, until)| **until > as_of.0)
                .map(|(k, until)| (own(*k), *until))
                .collect(),
            promised: self
                .promises
                .iter()
                .filter(|(_, (date, _))| *date >= as_of.0)
                .map(|(k, (date, amount))| (own(*k), *date, *amount))
                .collect(),
        };
        p.disputed.sort();
        p.excluded.sort();
        p.snoozed.sort();
        p.promised.sort_by(|a, b| a.0.cmp(&b.0));
        p
    }

    pub fn is_excluded(&self, customer: &str) -> bool {
        self.excluded.contains(customer)
    }
}
