//! The reminder room's stores: the audit log and collection notes (append-only, keyed by a
//! zero-padded sequence number so key order is recording order) and the reminder history
//! (keyed by day, rule and invoice, so a day's records can be replaced when it is re-run).

use super::idb::{Db, StoreError};
use super::schema::{AUDIT, NOTES, REMINDER_HISTORY};
use crate::domain::asof::AsOf;
use crate::domain::audit::{numbered, AuditEntry};
use crate::domain::reminders::{
    CollectionNotes, HistoryRecord, NoteEntry, Reminder, ReminderHistory,
};
use std::collections::HashSet;

fn seq_key(seq: u64) -> String {
    format!("{seq:020}")
}

fn history_key(r: &HistoryRecord) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        r.fired_on, r.rule, r.invoice.customer, r.invoice.number
    )
}

pub async fn load_audit(db: &Db) -> Result<Vec<AuditEntry>, StoreError> {
    db.get_all(AUDIT).await
}

/// Appends `entries`, numbering them after `next_seq`; returns them as stored.
pub async fn append_audit(
    db: &Db,
    next_seq: u64,
    entries: Vec<AuditEntry>,
) -> Result<Vec<AuditEntry>, StoreError> {
    let numbered = numbered(entries, next_seq);
    db.write(&[AUDIT], |w| {
        for e in &numbered {
            w.put(AUDIT, &seq_key(e.seq), e)?;
        }
        Ok(())
    })
    .await?;
    Ok(numbered)
}

pub async fn load_notes(db: &Db) -> Result<CollectionNotes, StoreError> {
    let entries: Vec<NoteEntry> = db.get_all(NOTES).await?;
    let mut notes = CollectionNotes::new();
    for e in entries {
        notes.push(e.recorded, e.note);
    }
    Ok(notes)
}

/// Appends notes (numbered from `first_seq`) together with their audit entry, in one
/// transaction.
pub async fn append_notes(
    db: &Db,
    first_seq: u64,
    notes: &[NoteEntry],
    audit: &AuditEntry,
) -> Result<(), StoreError> {
    db.write(&[NOTES, AUDIT], |w| {
        for (i, note) in notes.iter().enumerate() {
            w.put(NOTES, &seq_key(first_seq + i as u64), note)?;
        }
        w.put(AUDIT, &seq_key(audit.seq), audit)
    })
    .await
}

pub async fn load_history(db: &Db) -> Result<ReminderHistory, StoreError> {
    let records: Vec<HistoryRecord> = db.get_all(REMINDER_HISTORY).await?;
    let last_run = records.iter().map(|r| r.fired_on).max();
    Ok(ReminderHistory { last_run, records })
}

/// Replaces the day's records by `reminders`' in the store and in `history`, and appends the
/// `created` audit entries, all in one transaction.
pub async fn save_day(
    db: &Db,
    history: &mut ReminderHistory,
    reminders: &[Reminder],
    as_of: AsOf,
    created: &[AuditEntry],
) -> Result<(), StoreError> {
    let old: Vec<String> = history.on_day(as_of).map(history_key).collect();
    let mut updated = history.clone();
    updated.replace_day(reminders, as_of);
    let new: Vec<&HistoryRecord> = updated.on_day(as_of).collect();
    let new_keys: HashSet<String> = new.iter().map(|r| history_key(r)).collect();
    db.write(&[REMINDER_HISTORY, AUDIT], |w| {
        for k in old.iter().filter(|k| !new_keys.contains(*k)) {
            w.delete(REMINDER_HISTORY, k);
        }
        for r in &new {
            w.put(REMINDER_HISTORY, &history_key(r), r)?;
        }
        for e in created {
            w.put(AUDIT, &seq_key(e.seq), e)?;
        }
        Ok(())
    })
    .await?;
    *history = updated;
    Ok(())
}
