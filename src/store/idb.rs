use super::schema::{self, Schema, META};
use rexie::{ObjectStore, Rexie, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use std::fmt;
use wasm_bindgen::JsValue;

#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// The browser refused to open the database (private mode, blocked by another tab, quota).
    Open(String),
    /// A read or write failed; the transaction was rolled back.
    Transaction(String),
    /// A stored value could not be read back as the type we expected.
    Corrupt { store: String, key: String },
    /// The browser's storage for this site has no room for a write, so nothing of it was
    /// written. Sizes in bytes, as `navigator.storage.estimate()` reports them (approximate).
    Full { needed: u64, free: u64 },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Open(e) => write!(f, "cannot open the local database: {e}"),
            StoreError::Transaction(e) => write!(f, "the local database refused a change: {e}"),
            StoreError::Corrupt { store, key } => write!(f, "unreadable value {key:?} in {store}"),
            StoreError::Full { needed, free } => write!(
                f,
                "not enough storage: the change needs about {:.1} MB, {:.1} MB are free",
                mb(*needed),
                mb(*free)
            ),
        }
    }
}

pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// Bytes used and available to this site (`navigator.storage.estimate()`), if the browser says.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let promise = web_sys::window()?.navigator().storage().estimate().ok()?;
    let est = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let get = |k: &str| {
        js_sys::Reflect::get(&est, &JsValue::from_str(k))
            .ok()?
            .as_f64()
    };
    Some((get("usage")?, get("quota")?))
}

/// Free bytes by the browser's estimate; `None` when it does not say.
async fn free_bytes() -> Option<u64> {
    let (usage, quota) = storage_estimate().await?;
    Some((quota - usage).max(0.0) as u64)
}

/// Writes below this size skip the free-space check before writing (settings, notes).
const CHECK_ROOM_ABOVE: u64 = 1 << 20;

fn tx_err(e: impl fmt::Debug) -> StoreError {
    StoreError::Transaction(format!("{e:?}"))
}

/// The key under which `META` keeps the data-migration version.
const SCHEMA_VERSION_KEY: &str = "schema_version";

pub struct Db {
    rexie: Rexie,
}

impl Db {
    /// Opens the app's database at the current schema, upgrading and migrating older ones.
    pub async fn open() -> Result<Db, StoreError> {
        Db::open_with(schema::DB_NAME, schema::current()).await
    }

    /// Opens `name` at exactly `schema` (tests use this to build older databases).
    pub async fn open_with(name: &str, schema: &Schema) -> Result<Db, StoreError> {
        let mut builder = Rexie::builder(name).version(schema.version);
        for store in schema.stores {
            builder = builder.add_object_store(ObjectStore::new(store));
        }
        let rexie = builder
            .build()
            .await
            .map_err(|e| StoreError::Open(format!("{e:?}")))?;
        let db = Db { rexie };
        db.migrate(schema.version).await?;
        Ok(db)
    }

    /// Data migrations between schema versions. v1→v2 only added stores: nothing to move.
    async fn migrate(&self, to: u32) -> Result<(), StoreError> {
        let from: u32 = self.get(META, SCHEMA_VERSION_KEY).await?.unwrap_or(0);
        if from < to {
            self.put(META, SCHEMA_VERSION_KEY, &to).await?;
        }
        Ok(())
    }

    pub fn close(self) {
        self.rexie.close();
    }

    pub async fn delete(name: &str) -> Result<(), StoreError> {
        Rexie::delete(name)
            .await
            .map_err(|e| StoreError::Open(format!("{e:?}")))
    }

    pub fn store_names(&self) -> Vec<String> {
        self.rexie.store_names()
    }

    pub async fn get<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &str,
    ) -> Result<Option<T>, StoreError> {
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(tx_err)?;
        let value = tx
            .store(store)
            .map_err(tx_err)?
            .get(JsValue::from_str(key))
            .await
            .map_err(tx_err)?;
        value.map(|v| decode(store, key, &v)).transpose()
    }

    pub async fn put<T: Serialize>(
        &self,
        store: &str,
        key: &str,
        value: &T,
    ) -> Result<(), StoreError> {
        self.write(&[store], |w| w.put(store, key, value)).await
    }

    /// Every value of a store, decoded, in key order.
    pub async fn get_all<T: DeserializeOwned>(&self, store: &str) -> Result<Vec<T>, StoreError> {
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(tx_err)?;
        let values = tx
            .store(store)
            .map_err(tx_err)?
            .get_all(None, None)
            .await
            .map_err(tx_err)?;
        values.iter().map(|v| decode(store, "?", v)).collect()
    }

    /// Every (key, value) of a key-value store, in key order.
    pub async fn entries<T: DeserializeOwned>(
        &self,
        store: &str,
    ) -> Result<Vec<(String, T)>, StoreError> {
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(tx_err)?;
        let pairs = tx
            .store(store)
            .map_err(tx_err)?
            .scan(None, None, None, None)
            .await
            .map_err(tx_err)?;
        pairs
            .iter()
            .map(|(k, v)| {
                let key = k.as_string().unwrap_or_default();
                decode(store, &key, v).map(|value| (key, value))
            })
            .collect()
    }

    /// Runs `fill` to queue writes, then commits them in ONE transaction over `stores`:
    /// either every write lands or none does (also when the tab dies half-way).
    pub async fn write(
        &self,
        stores: &[&str],
        fill: impl FnOnce(&mut WriteSet) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.write_with_progress(stores, fill, &|_, _| {}).await
    }

    /// [`Db::write`], reporting (written, total) after each chunk of puts. Waiting for each
    /// chunk returns to the event loop, so the page can paint a progress bar; the transaction
    /// stays open because the next chunk is issued from the previous chunk's completion.
    pub async fn write_with_progress(
        &self,
        stores: &[&str],
        fill: impl FnOnce(&mut WriteSet) -> Result<(), StoreError>,
        progress: &dyn Fn(usize, usize),
    ) -> Result<(), StoreError> {
        let mut set = WriteSet::default();
        fill(&mut set)?;
        let needed = set.bytes;
        if needed > CHECK_ROOM_ABOVE {
            if let Some(free) = free_bytes().await.filter(|free| *free < needed) {
                return Err(StoreError::Full { needed, free });
            }
        }
        match self.write_set(stores, set, progress).await {
            Ok(()) => Ok(()),
            // Chromium aborts the whole transaction when the quota runs out at commit; an
            // aborted write that did not fit is reported as such, not as a bare "aborted".
            Err(e) => Err(match free_bytes().await.filter(|free| *free < needed) {
                Some(free) => StoreError::Full { needed, free },
                None => e,
            }),
        }
    }

    async fn write_set(
        &self,
        stores: &[&str],
        set: WriteSet,
        progress: &dyn Fn(usize, usize),
    ) -> Result<(), StoreError> {
        const CHUNK: usize = 5_000;
        let total = set.puts.len() + set.deletes.len();
        let mut written = 0;
        let tx = self
            .rexie
            .transaction(stores, TransactionMode::ReadWrite)
            .map_err(tx_err)?;
        for store in stores {
            let os = tx.store(store).map_err(tx_err)?;
            if set.clears.iter().any(|c| c == store) {
                os.clear().await.map_err(tx_err)?;
            }
            let puts: Vec<&Put> = set.puts.iter().filter(|p| p.store == *store).collect();
            for chunk in puts.chunks(CHUNK) {
                os.put_all(
                    chunk
                        .iter()
                        .map(|p| (p.value.clone(), Some(JsValue::from_str(&p.key)))),
                )
                .await
                .map_err(tx_err)?;
                written += chunk.len();
                progress(written, total);
            }
            for d in set.deletes.iter().filter(|d| d.0 == *store) {
                os.delete(JsValue::from_str(&d.1)).await.map_err(tx_err)?;
                written += 1;
            }
        }
        progress(total, total);
        let done = tx.done().await.map_err(tx_err)?;
        if done.is_committed() {
            Ok(())
        } else {
            Err(StoreError::Transaction("aborted".into()))
        }
    }
}

struct Put {
    store: String,
    key: String,
    value: JsValue,
}

/// Writes queued for one atomic transaction.
#[derive(Default)]
pub struct WriteSet {
    clears: Vec<String>,
    puts: Vec<Put>,
    deletes: Vec<(String, String)>,
    /// The JSON text queued, in bytes: what the write will need in storage, roughly.
    bytes: u64,
}

impl WriteSet {
    pub fn put<T: Serialize>(
        &mut self,
        store: &str,
        key: &str,
        value: &T,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(value).map_err(tx_err)?;
        self.put_json(store, key, json);
        Ok(())
    }
    /// Queues a value that is already JSON text.
    pub fn put_json(&mut self, store: &str, key: &str, json: String) {
        self.bytes += (key.len() + json.len()) as u64;
        self.puts.push(Put {
            store: store.into(),
            key: key.into(),
            value: JsValue::from_str(&json),
        });
    }
    /// Empties `store` before this set's puts into it.
    pub fn clear(&mut self, store: &str) {
        self.clears.push(store.into());
    }
    pub fn delete(&mut self, store: &str, key: &str) {
        self.deletes.push((store.into(), key.into()));
    }
}

fn decode<T: DeserializeOwned>(store: &str, key: &str, v: &JsValue) -> Result<T, StoreError> {
    let corrupt = || StoreError::Corrupt {
        store: store.into(),
        key: key.into(),
    };
    let text = v.as_string().ok_or_else(corrupt)?;
    serde_json::from_str(&text).map_err(|_| corrupt())
}
