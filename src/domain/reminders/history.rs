//! Reminder history: the reminders already created, kept so that a rule does not fire again
//! within its cooldown, and the date of the last run, so that missed days are caught up.

use super::notes::InvoiceRef;
use super::Reminder;
use crate::domain::asof::AsOf;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One rule fired for one invoice (a consolidated reminder leaves one record per invoice).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRecord {
    /// The rule's id.
    pub rule: String,
    pub invoice: InvoiceRef,
    /// The day the reminder was created.
    pub fired_on: NaiveDate,
    /// The day it first became due (earlier than `fired_on` when caught up).
    pub due_on: NaiveDate,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderHistory {
    /// The as-of date of the last evaluation whose reminders were recorded.
    pub last_run: Option<NaiveDate>,
    /// Append-only, except that re-running a day replaces that day's records
    /// ([`ReminderHistory::replace_day`]).
    pub records: Vec<HistoryRecord>,
}

impl ReminderHistory {
    pub fn new() -> ReminderHistory {
        ReminderHistory::default()
    }

    /// The records for `reminders` created on `as_of` (what the store appends).
    pub fn records_for(reminders: &[Reminder], as_of: AsOf) -> Vec<HistoryRecord> {
        reminders
            .iter()
            .flat_map(|r| {
                r.invoices.iter().map(move |number| HistoryRecord {
                    rule: r.rule_id.clone(),
                    invoice: InvoiceRef::new(r.customer.clone(), number.clone()),
                    fired_on: as_of.0,
                    due_on: r.due_on,
                })
            })
            .collect()
    }

    /// Records `reminders` as created on `as_of` and moves `last_run` to it (never back).
    pub fn record_run(&mut self, reminders: &[Reminder], as_of: AsOf) {
        self.records
            .extend(ReminderHistory::records_for(reminders, as_of));
        self.last_run = Some(self.last_run.map_or(as_of.0, |d| d.max(as_of.0)));
    }

    /// The history as it stood before the day `as_of` was first run. The app evaluates a day
    /// against this, so re-running the day (after an import, a rule change, the hourly tick)
    /// gives that day's reminders again rather than nothing, and moving the as-of date back
    /// ignores what later days created. `last_run` becomes the latest earlier day that
    /// created a reminder, or the stored `last_run` if that is earlier than `as_of`.
    pub fn before(&self, as_of: AsOf) -> ReminderHistory {
        let records: Vec<HistoryRecord> = self
            .records
            .iter()
            .filter(|r| r.fired_on < as_of.0)
            .cloned()
            .collect();
        let latest_record = records.iter().map(|r| r.fired_on).max();
        let stored = self.last_run.filter(|d| *d < as_of.0);
        ReminderHistory {
            last_run: latest_record.max(stored),
            records,
        }
    }

    /// The records created on `as_of`.
    pub fn on_day(&self, as_of: AsOf) -> impl Iterator<Item = &HistoryRecord> {
        self.records.iter().filter(move |r| r.fired_on == as_of.0)
    }

    /// Replaces the records of the day `as_of` by those of `reminders` (a re-run of the day
    /// evaluated against [`ReminderHistory::before`]) and moves `last_run` forward.
    pub fn replace_day(&mut self, reminders: &[Reminder], as_of: AsOf) {
        self.records.retain(|r| r.fired_on != as_of.0);
        self.record_run(reminders, as_of);
    }

    /// The last firing of each (rule id, customer, invoice number) on or before `as_of`.
    pub(crate) fn last_fired(&self, as_of: AsOf) -> HashMap<(&str, &str, &str), NaiveDate> {
        let mut map: HashMap<(&str, &str, &str), NaiveDate> = HashMap::new();
        for r in self.records.iter().filter(|r| as_of.includes(r.fired_on)) {
            let k = (
                r.rule.as_str(),
                r.invoice.customer.as_str(),
                r.invoice.number.as_str(),
            );
            let e = map.entry(k).or_insert(r.fired_on);
            *e = (*e).max(r.fired_on);
        }
        map
    }
}
