//! The app's data: the pool and the import history, loaded from IndexedDB at start and
//! written back through the store. Components read the signals and call these functions.

use crate::domain::keys::Record;
use crate::domain::merge::{self, ImportLog, UndoConflict};
use crate::domain::model::{Customer, Pool};
use crate::import::mapping::Mapping;
use crate::store::backup::Backup;
use crate::store::{self, schema, Db, StoreError};
use crate::ui::data_credit::CreditData;
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;

const MAPPINGS_KEY: &str = "import_mappings";

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
            credit: CreditData::new(),
        }
    }

    /// Opens the database and loads everything; call once at start.
    pub async fn load(self) {
        let result = async {
            let db = Db::open().await?;
            let pool = store::load_pool(&db).await?;
            let logs = store::load_import_logs(&db).await?;
            let mappings = db
                .get(schema::SETTINGS, MAPPINGS_KEY)
                .await?
                .unwrap_or_default();
            Ok::<_, StoreError>((db, pool, logs, mappings))
        }
        .await;
        match result {
            Ok((db, pool, logs, mappings)) => {
                self.db.set_value(Some(Rc::new(db)));
                self.pool.set(pool);
                self.logs.set(logs);
                self.mappings.set(mappings);
                self.load_credit().await;
                self.ready.set(Some(Ok(())));
            }
            Err(e) => self.ready.set(Some(Err(e.to_string()))),
        }
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
        Ok(())
    }

    /// The whole pool, history and settings as a backup document; remembers the date.
    pub async fn backup(self, now_ms: u64) -> Result<Backup, CommitError> {
        let db = self.db()?;
        let backup = store::make_backup(
            &db,
            self.pool.get_untracked(),
            self.logs.get_untracked(),
            now_ms,
        )
        .await
        .map_err(CommitError::Store)?;
        store::mark_backed_up(&db, now_ms)
            .await
            .map_err(CommitError::Store)?;
        Ok(backup)
    }

    pub async fn last_backup(self) -> Option<u64> {
        let db = self.db().ok()?;
        store::last_backup(&db).await.ok().flatten()
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
        self.load_credit().await;
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
            .map_err(CommitError::Store)
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
        Ok(())
    }
}
