//! The receivables pool in IndexedDB: one store per record kind, keyed by natural key.

use super::backup::Backup;
use super::idb::{Db, StoreError, WriteSet};
use super::schema::{
    BATCHES, CREDIT_NOTES, CUSTOMERS, INVOICES, LOG_STORES, META, ORDERS, PAYMENTS, SETTINGS,
    SHIPMENTS, STAFF,
};
use crate::domain::keys::Keyed;
use crate::domain::keys::{NaturalKey, Record};
use crate::domain::merge::{Change, ImportLog};
use crate::domain::model::{Pool, RecordKind};
use crate::notify::dispatch::ChannelConfig;

const RECORD_STORES: [&str; 7] = [
    CUSTOMERS,
    ORDERS,
    SHIPMENTS,
    INVOICES,
    PAYMENTS,
    CREDIT_NOTES,
    STAFF,
];

fn store_of(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Customer => CUSTOMERS,
        RecordKind::Order => ORDERS,
        RecordKind::Shipment => SHIPMENTS,
        RecordKind::Invoice => INVOICES,
        RecordKind::Payment => PAYMENTS,
        RecordKind::CreditNote => CREDIT_NOTES,
        RecordKind::Person => STAFF,
    }
}

/// Reads the whole pool.
pub async fn load_pool(db: &Db) -> Result<Pool, StoreError> {
    Ok(Pool {
        customers: db.get_all(CUSTOMERS).await?,
        orders: db.get_all(ORDERS).await?,
        shipments: db.get_all(SHIPMENTS).await?,
        invoices: db.get_all(INVOICES).await?,
        payments: db.get_all(PAYMENTS).await?,
        credit_notes: db.get_all(CREDIT_NOTES).await?,
        staff: db.get_all(STAFF).await?,
    })
}

/// All import logs, oldest first.
pub async fn load_import_logs(db: &Db) -> Result<Vec<ImportLog>, StoreError> {
    db.get_all(BATCHES).await
}

fn log_key(id: u64) -> String {
    format!("{id:020}")
}

fn queue_changes(w: &mut WriteSet, changes: &[Change]) -> Result<(), StoreError> {
    for c in changes {
        queue_change(w, &c.key, c.after.as_ref())?;
    }
    Ok(())
}

fn queue_change(
    w: &mut WriteSet,
    key: &NaturalKey,
    after: Option<&Record>,
) -> Result<(), StoreError> {
    let k = key.storage_key();
    match after {
        None => w.delete(store_of(key.kind), &k),
        Some(record) => {
            let (store, json) = record_value(record)?;
            w.put_json(store, &k, json)
        }
    }
    Ok(())
}

/// The object store and the stored JSON of a record (the record itself, without a kind tag).
pub fn record_value(record: &Record) -> Result<(&'static str, String), StoreError> {
    let json = match record {
        Record::Customer(r) => serde_json::to_string(r),
        Record::Order(r) => serde_json::to_string(r),
        Record::Shipment(r) => serde_json::to_string(r),
        Record::Invoice(r) => serde_json::to_string(r),
        Record::Payment(r) => serde_json::to_string(r),
        Record::CreditNote(r) => serde_json::to_string(r),
        Record::Person(r) => serde_json::to_string(r),
    };
    let json = json.map_err(|e| StoreError::Transaction(e.to_string()))?;
    Ok((store_of(record.kind()), json))
}

fn all_stores() -> Vec<&'static str> {
    let mut stores = RECORD_STORES.to_vec();
    stores.push(BATCHES);
    stores
}

/// Writes an import's changes and its log in one transaction: all of it lands or none.
/// `progress` hears (written, total) as the writes go in.
pub async fn commit_import(
    db: &Db,
    log: &ImportLog,
    progress: &dyn Fn(usize, usize),
) -> Result<(), StoreError> {
    db.write_with_progress(
        &all_stores(),
        |w| {
            queue_changes(w, &log.changes)?;
            w.put(BATCHES, &log_key(log.id), log)
        },
        progress,
    )
    .await
}

/// Writes the changes that undo `log` and marks it undone, in one transaction.
pub async fn commit_undo(db: &Db, log: &ImportLog, undo: &[Change]) -> Result<(), StoreError> {
    db.write(&all_stores(), |w| {
        queue_changes(w, undo)?;
        w.put(BATCHES, &log_key(log.id), log)
    })
    .await
}

const LAST_BACKUP_KEY: &str = "last_backup_ms";

/// The settings key of the robots' and webhook's addresses and secrets.
pub const CHANNELS_KEY: &str = "channels";

/// Everything, as one backup document. Webhook tokens and signing secrets stay in this
/// browser unless `include_secrets`.
pub async fn make_backup(
    db: &Db,
    pool: Pool,
    logs: Vec<ImportLog>,
    now_ms: u64,
    include_secrets: bool,
) -> Result<Backup, StoreError> {
    let mut settings: std::collections::BTreeMap<String, serde_json::Value> =
        db.entries(SETTINGS).await?.into_iter().collect();
    if !include_secrets {
        if let Some(v) = settings.get_mut(CHANNELS_KEY) {
            let config: ChannelConfig = serde_json::from_value(v.clone()).unwrap_or_default();
            *v = serde_json::to_value(config.without_secrets()).expect("plain struct");
        }
    }
    let mut backup = Backup::new(now_ms, pool, logs, settings);
    for store in LOG_STORES {
        backup
            .logs
            .insert(store.to_owned(), db.entries(store).await?);
    }
    Ok(backup)
}

pub async fn mark_backed_up(db: &Db, now_ms: u64) -> Result<(), StoreError> {
    db.put(META, LAST_BACKUP_KEY, &now_ms).await
}

pub async fn last_backup(db: &Db) -> Result<Option<u64>, StoreError> {
    db.get(META, LAST_BACKUP_KEY).await
}

/// Replaces the whole pool, history and settings with the backup's, in one transaction.
pub async fn restore_replace(db: &Db, backup: &Backup) -> Result<(), StoreError> {
    let mut stores = all_stores();
    stores.push(SETTINGS);
    stores.extend(LOG_STORES);
    db.write(&stores, |w| {
        for s in &stores {
            w.clear(s);
        }
        for r in backup.pool.records() {
            queue_change(w, &r.natural_key(), Some(&r))?;
        }
        for log in &backup.import_logs {
            w.put(BATCHES, &log_key(log.id), log)?;
        }
        for (k, v) in &backup.settings {
            w.put(SETTINGS, k, v)?;
        }
        for (store, entries) in &backup.logs {
            let Some(store) = LOG_STORES.iter().find(|s| **s == store.as_str()) else {
                continue;
            };
            for (k, v) in entries {
                w.put(store, k, v)?;
            }
        }
        Ok(())
    })
    .await
}
