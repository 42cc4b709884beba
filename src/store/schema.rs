//! The IndexedDB schema, every released version of it.
//!
//! rexie's builder deletes any object store it is not told about, and cannot move data, so each
//! version lists *all* its stores, and data migrations run after opening, guarded by the
//! version stored in `meta`. Never edit a released entry of `SCHEMAS`: add a new one.

/// Key-value store for settings (language-independent app settings, mappings, rules…).
pub const SETTINGS: &str = "settings";
/// Key-value store for bookkeeping: the data schema version, the last backup date.
pub const META: &str = "meta";
/// One store per record kind, keyed by the record's natural key.
pub const CUSTOMERS: &str = "customers";
pub const ORDERS: &str = "orders";
pub const SHIPMENTS: &str = "shipments";
pub const INVOICES: &str = "invoices";
pub const PAYMENTS: &str = "payments";
pub const CREDIT_NOTES: &str = "credit_notes";
pub const STAFF: &str = "staff";
/// Import batches with what each changed, so a whole batch can be undone.
pub const BATCHES: &str = "batches";
/// The audit log, keyed by its zero-padded sequence number (append-only).
pub const AUDIT: &str = "audit";
/// Reminder history: which rule fired for which invoice on which day.
pub const REMINDER_HISTORY: &str = "reminder_history";
/// Collection notes (promises, snoozes, handled marks, disputes, exclusions), append-only.
pub const NOTES: &str = "notes";
/// The stores a backup carries as raw entries besides the pool and the settings.
pub const LOG_STORES: [&str; 3] = [AUDIT, REMINDER_HISTORY, NOTES];

pub struct Schema {
    pub version: u32,
    pub stores: &'static [&'static str],
}

pub const SCHEMAS: &[Schema] = &[
    // v1 — the foundation: settings only.
    Schema {
        version: 1,
        stores: &[META, SETTINGS],
    },
    // v2 — the receivables pool.
    Schema {
        version: 2,
        stores: &[
            META,
            SETTINGS,
            CUSTOMERS,
            ORDERS,
            SHIPMENTS,
            INVOICES,
            PAYMENTS,
            CREDIT_NOTES,
            STAFF,
            BATCHES,
        ],
    },
    // v3 — reminders: the audit log, the reminder history, collection notes.
    Schema {
        version: 3,
        stores: &[
            META,
            SETTINGS,
            CUSTOMERS,
            ORDERS,
            SHIPMENTS,
            INVOICES,
            PAYMENTS,
            CREDIT_NOTES,
            STAFF,
            BATCHES,
            AUDIT,
            REMINDER_HISTORY,
            NOTES,
        ],
    },
];

pub fn current() -> &'static Schema {
    SCHEMAS.last().expect("at least one schema")
}

pub const DB_NAME: &str = "ar-sentinel";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_increase_and_no_store_is_ever_dropped() {
        for pair in SCHEMAS.windows(2) {
            assert!(pair[1].version > pair[0].version);
            for s in pair[0].stores {
                assert!(pair[1].stores.contains(s), "v{} drops {s}", pair[1].version);
            }
        }
    }
}
