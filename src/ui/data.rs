//! The app's data: the pool and the import history, loaded from IndexedDB at start and
//! written back through the store. Components read the signals and call these functions.

use crate::domain::asof::AsOf;
use crate::domain::audit::{numbered, AuditEntry};
use crate::domain::keys::Record;
use crate::domain::merge::{self, ImportLog, UndoConflict};
use crate::domain::model::{Customer, Pool};
use crate::domain::reminders::{CollectionNotes, Note, NoteEntry, Reminder, ReminderHistory};
use crate::domain::rules::RuleSet;
use crate::import::mapping::Mapping;
use crate::notify::dispatch::ChannelConfig;
use crate::store::backup::Backup;
use crate::store::{self, schema, Db, StoreError};
use crate::ui::data_credit::CreditData;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;

const MAPPINGS_KEY: &str = "import_mappings";
const RULES_KEY: &str = "rules";
pub const COMPANY_KEY: &str = "company";

#[derive(Clone, Copy)]
pub struct Data {
    db: StoredValue<Option<Rc<Db>>, LocalStorage>,
    /// Every record. Large: read it with `.with`, never `.get`.
    pub pool: RwSignal<Pool>,
    pub logs: RwSignal<Vec<ImportLog>>,
    /// Confirmed column mappings by header signature.
    pub mappings: RwSignal<HashMap<String, Mapping>>,
    /// `None` while loading; then whether the database opened.
    pub ready: RwSignal<Option<Result<(), String>>>,
    /// The reminder rules (the default set until the user saves their own).
    pub rules: RwSignal<RuleSet>,
    /// Promises, snoozes, handled marks, disputes and exclusions.
    pub notes: RwSignal<CollectionNotes>,
    /// Which rule fired for which invoice on which day.
    pub history: RwSignal<ReminderHistory>,
    /// The audit log, in recording order.
    pub audit: RwSignal<Vec<AuditEntry>>,
    /// Robot and webhook addresses and secrets.
    pub channels: RwSignal<ChannelConfig>,
    /// Our company's name, for messages and statements.
    pub company: RwSignal<String>,
    /// When the last backup was downloaded (ms since the epoch), if ever.
    pub last_backup: RwSignal<Option<u64>>,
    /// Another tab opened the database with a newer app version: this tab must reload.
    pub stale: RwSignal<bool>,
    /// The database has not opened after a while (another tab holds an older version open).
    pub waiting: RwSignal<bool>,
    /// The next audit sequence number, reserved synchronously so concurrent writers never
    /// share one.
    audit_seq: StoredValue<u64>,
    /// Credit policies, grade history and approvals (see `data_credit`).
    pub credit: CreditData,
}

#[derive(Debug)]
pub enum CommitError {
    NotReady,
    Store(StoreError),
    Conflict(UndoConflict),
}

impl Data {
    pub fn new() -> Data {
        Data {
            db: StoredValue::new_local(None),
            pool: RwSignal::new(Pool::default()),
            logs: RwSignal::new(Vec::new()),
            mappings: RwSignal::new(HashMap::new()),
            ready: RwSignal::new(None),
            rules: RwSignal::new(RuleSet::default()),
            notes: RwSignal::new(CollectionNotes::new()),
            history: RwSignal::new(ReminderHistory::new()),
            audit: RwSignal::new(Vec::new()),
            channels: RwSignal::new(ChannelConfig::default()),
            company: RwSignal::new(String::new()),
            audit_seq: StoredValue::new(0),
            last_backup: RwSignal::new(None),
            stale: RwSignal::new(false),
            waiting: RwSignal::new(false),
            credit: CreditData::new(),
        }
    }

    /// Opens the database and loads everything; call once at start.
    pub async fn load(self) {
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(3_000).await;
            if self.ready.get_untracked().is_none() {
                self.waiting.set(true);
            }
        });
        let result = async {
            let db = Db::open().await?;
            self.waiting.set(false);
            super::browser::watch_for_upgrade(schema::DB_NAME, move || self.stale.set(true));
            self.load_all(&db).await?;
            Ok::<_, StoreError>(db)
        }
        .await;
        match result {
            Ok(db) => {
                self.db.set_value(Some(Rc::new(db)));
                self.load_credit().await;
                self.ready.set(Some(Ok(())));
            }
            Err(e) => self.ready.set(Some(Err(e.to_string()))),
        }
    }

    /// Reads everything again (another tab changed the stored data).
    pub async fn reload(self) {
        if let Ok(db) = self.db() {
            if let Err(e) = self.load_all(&db).await {
                self.ready.set(Some(Err(e.to_string())));
            }
            self.load_credit().await;
        }
    }

    async fn load_all(self, db: &Db) -> Result<(), StoreError> {
        let pool = store::load_pool(db).await?;
        let logs = store::load_import_logs(db).await?;
        let mappings = db
            .get(schema::SETTINGS, MAPPINGS_KEY)
            .await?
            .unwrap_or_default();
        let last_backup = store::last_backup(db).await?;
        self.load_reminders(db).await?;
        self.last_backup.set(last_backup);
        self.pool.set(pool);
        self.logs.set(logs);
        self.mappings.set(mappings);
        Ok(())
    }

    /// Says so to the other tabs after a write the user made (not after derived writes such
    /// as the day's reminder history, which every tab makes for itself).
    fn changed(self) {
        super::browser::broadcast_changed();
    }

    async fn load_reminders(self, db: &Db) -> Result<(), StoreError> {
        if let Some(rules) = db.get::<RuleSet>(schema::SETTINGS, RULES_KEY).await? {
            self.rules.set(rules);
        }
        if let Some(c) = db
            .get::<ChannelConfig>(schema::SETTINGS, store::CHANNELS_KEY)
            .await?
        {
            // Keep the page's connect-src in step (it applies from the next load).
            super::browser::set_connect_origins(&c.origins());
            self.channels.set(c);
        }
        self.company.set(
            db.get::<String>(schema::SETTINGS, COMPANY_KEY)
                .await?
                .unwrap_or_default(),
        );
        self.notes.set(store::load_notes(db).await?);
        self.history.set(store::load_history(db).await?);
        let audit = store::load_audit(db).await?;
        self.audit_seq
            .set_value(audit.last().map_or(0, |e| e.seq + 1));
        self.audit.set(audit);
        Ok(())
    }

    fn db(self) -> Result<Rc<Db>, CommitError> {
        self.db.get_value().ok_or(CommitError::NotReady)
    }

    /// Merges the records into the pool in one transaction and records the import for undo.
    /// Returns the log; on any error nothing was written and the pool is unchanged.
    pub async fn commit_import(
        self,
        files: Vec<String>,
        records: Vec<Record>,
        implied_customers: Vec<Customer>,
        counts: (usize, usize),
        now_ms: u64,
        progress: &dyn Fn(usize, usize),
    ) -> Result<ImportLog, CommitError> {
        let db = self.db()?;
        let changes = self
            .pool
            .with_untracked(|p| merge::plan_import(p, records, implied_customers));
        let log = ImportLog {
            id: now_ms,
            files,
            imported: counts.0,
            rejected: counts.1,
            changes,
            undone_at: None,
        };
        store::commit_import(&db, &log, progress)
            .await
            .map_err(CommitError::Store)?;
        self.pool.update(|p| merge::apply(p, &log.changes));
        self.logs.update(|l| l.push(log.clone()));
        self.changed();
        Ok(log)
    }

    /// Undoes a whole import, provided no later import changed the same records.
    pub async fn undo_import(self, id: u64, now_ms: u64) -> Result<(), CommitError> {
        let db = self.db()?;
        let Some(mut log) = self
            .logs
            .with_untracked(|l| l.iter().find(|x| x.id == id).cloned())
        else {
            return Ok(());
        };
        let undo = self
            .pool
            .with_untracked(|p| merge::plan_undo(p, &log.changes))
            .map_err(CommitError::Conflict)?;
        log.undone_at = Some(now_ms);
        store::commit_undo(&db, &log, &undo)
            .await
            .map_err(CommitError::Store)?;
        self.pool.update(|p| merge::apply(p, &undo));
        self.logs.update(|l| {
            if let Some(x) = l.iter_mut().find(|x| x.id == id) {
                *x = log;
            }
        });
        self.changed();
        Ok(())
    }

    /// The whole pool, history and settings as a backup document; remembers the date.
    pub async fn backup(self, now_ms: u64, include_secrets: bool) -> Result<Backup, CommitError> {
        let db = self.db()?;
        let backup = store::make_backup(
            &db,
            self.pool.get_untracked(),
            self.logs.get_untracked(),
            now_ms,
            include_secrets,
        )
        .await
        .map_err(CommitError::Store)?;
        store::mark_backed_up(&db, now_ms)
            .await
            .map_err(CommitError::Store)?;
        self.last_backup.set(Some(now_ms));
        Ok(backup)
    }

    /// Whether to remind the user to back up ([`store::backup::backup_is_due`]); tracked.
    pub fn backup_is_due(self, now_ms: u64) -> bool {
        let has_data = self
            .pool
            .with(|p| !p.invoices.is_empty() || !p.payments.is_empty());
        store::backup::backup_is_due(has_data, self.last_backup.get(), now_ms)
    }

    /// Replaces everything with the backup (one transaction), then reloads.
    pub async fn restore_replace(self, backup: Backup) -> Result<(), CommitError> {
        let db = self.db()?;
        store::restore_replace(&db, &backup)
            .await
            .map_err(CommitError::Store)?;
        let mappings = db
            .get(schema::SETTINGS, MAPPINGS_KEY)
            .await
            .map_err(CommitError::Store)?;
        self.pool.set(backup.pool);
        self.logs.set(backup.import_logs);
        self.mappings.set(mappings.unwrap_or_default());
        self.load_reminders(&db).await.map_err(CommitError::Store)?;
        self.load_credit().await;
        self.changed();
        Ok(())
    }

    /// Merges the backup's records into the pool like an import (undoable as one batch).
    pub async fn restore_merge(
        self,
        backup: Backup,
        file: String,
        now_ms: u64,
    ) -> Result<ImportLog, CommitError> {
        let records: Vec<Record> = backup.pool.records().collect();
        let n = records.len();
        self.commit_import(vec![file], records, Vec::new(), (n, 0), now_ms, &|_, _| {})
            .await
    }

    pub async fn setting<T: serde::de::DeserializeOwned>(self, key: &str) -> Option<T> {
        let db = self.db().ok()?;
        db.get(schema::SETTINGS, key).await.ok().flatten()
    }

    pub async fn set_setting<T: serde::Serialize>(
        self,
        key: &str,
        value: &T,
    ) -> Result<(), CommitError> {
        let db = self.db()?;
        db.put(schema::SETTINGS, key, value)
            .await
            .map_err(CommitError::Store)?;
        self.changed();
        Ok(())
    }

    /// Remembers confirmed mappings so the same export is recognised next time.
    pub async fn save_mappings(self, confirmed: Vec<(String, Mapping)>) -> Result<(), CommitError> {
        let db = self.db()?;
        let mut all = self.mappings.get_untracked();
        all.extend(confirmed);
        db.put(schema::SETTINGS, MAPPINGS_KEY, &all)
            .await
            .map_err(CommitError::Store)?;
        self.mappings.set(all);
        self.changed();
        Ok(())
    }
}

/// The reminder room: rules, notes, the day's history and the audit log.
impl Data {
    pub async fn save_rules(self, rules: RuleSet) -> Result<(), CommitError> {
        self.set_setting(RULES_KEY, &rules).await?;
        self.rules.set(rules);
        Ok(())
    }

    pub async fn save_channels(self, config: ChannelConfig) -> Result<(), CommitError> {
        self.set_setting(store::CHANNELS_KEY, &config).await?;
        self.channels.set(config);
        Ok(())
    }

    /// Adds stored entries to the signal, keeping sequence order (writers may finish out of
    /// order).
    fn push_audit(self, entries: Vec<AuditEntry>) {
        self.audit.update(|a| {
            let in_order = a
                .last()
                .zip(entries.first())
                .is_none_or(|(l, f)| l.seq < f.seq);
            a.extend(entries);
            if !in_order {
                a.sort_by_key(|e| e.seq);
            }
        });
    }

    /// Reserves `n` consecutive audit sequence numbers; returns the first.
    fn reserve_audit_seqs(self, n: usize) -> u64 {
        let first = self.audit_seq.get_value();
        self.audit_seq.set_value(first + n as u64);
        first
    }

    /// Appends entries to the audit log (never edited afterwards).
    pub async fn log(self, entries: Vec<AuditEntry>) -> Result<(), CommitError> {
        if entries.is_empty() {
            return Ok(());
        }
        let db = self.db()?;
        let first = self.reserve_audit_seqs(entries.len());
        let stored = store::append_audit(&db, first, entries)
            .await
            .map_err(CommitError::Store)?;
        self.push_audit(stored);
        Ok(())
    }

    /// Records collection notes (one action, possibly over several invoices) and the action's
    /// audit entry together.
    pub async fn add_notes(
        self,
        recorded: NaiveDate,
        notes: Vec<Note>,
        audit: AuditEntry,
    ) -> Result<(), CommitError> {
        let db = self.db()?;
        let seq = self.notes.with_untracked(|n| n.entries.len() as u64);
        let entries: Vec<NoteEntry> = notes
            .into_iter()
            .map(|note| NoteEntry { recorded, note })
            .collect();
        let audit = AuditEntry {
            seq: self.reserve_audit_seqs(1),
            ..audit
        };
        store::append_notes(&db, seq, &entries, &audit)
            .await
            .map_err(CommitError::Store)?;
        self.notes.update(|n| {
            for e in entries {
                n.push(e.recorded, e.note);
            }
        });
        self.push_audit(vec![audit]);
        self.changed();
        Ok(())
    }

    /// Records the day's reminders (replacing an earlier run of the same day) and logs the
    /// ones not created before.
    pub async fn save_day(
        self,
        reminders: &[Reminder],
        as_of: AsOf,
        created: Vec<AuditEntry>,
    ) -> Result<(), CommitError> {
        let db = self.db()?;
        let first = self.reserve_audit_seqs(created.len());
        let created = numbered(created, first);
        let mut history = self.history.get_untracked();
        store::save_day(&db, &mut history, reminders, as_of, &created)
            .await
            .map_err(CommitError::Store)?;
        self.history.set(history);
        self.push_audit(created);
        Ok(())
    }
}
