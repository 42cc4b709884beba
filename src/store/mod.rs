//! IndexedDB through rexie: open (and upgrade) the database, read and write records and
//! settings. Values are JSON text of the domain types; no business decisions here.

pub mod backup;
pub mod schema;

#[cfg(target_arch = "wasm32")]
mod idb;
#[cfg(target_arch = "wasm32")]
mod pool;
#[cfg(target_arch = "wasm32")]
mod reminders;
#[cfg(target_arch = "wasm32")]
pub use idb::*;
#[cfg(target_arch = "wasm32")]
pub use pool::*;
#[cfg(target_arch = "wasm32")]
pub use reminders::*;
