//! The backup file: the whole pool, the import history and the settings as one JSON document.
//! Pure (serialise, parse, check), so a round trip is tested natively; the store writes it.

use crate::domain::merge::ImportLog;
use crate::domain::model::Pool;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub const FORMAT: &str = "ar-sentinel-backup";
/// Bump when the document's shape changes; `parse` upgrades older versions.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    /// Milliseconds since the epoch when the backup was made.
    pub created_ms: u64,
    pub pool: Pool,
    pub import_logs: Vec<ImportLog>,
    /// Every settings entry by key, as stored (JSON values), channel secrets left out unless
    /// the user asked for them.
    pub settings: BTreeMap<String, serde_json::Value>,
    /// The audit log, reminder history and collection notes: each store's (key, value)
    /// entries as stored. Absent in backups made before reminders existed.
    #[serde(default)]
    pub logs: BTreeMap<String, Vec<(String, serde_json::Value)>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    NotJson(String),
    NotABackup,
    TooNew { version: u32 },
    Invalid(String),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::NotJson(e) => write!(f, "not a JSON file: {e}"),
            BackupError::NotABackup => write!(f, "not an AR Sentinel backup file"),
            BackupError::TooNew { version } => write!(
                f,
                "made by a newer version of AR Sentinel (backup format {version}); update the app first"
            ),
            BackupError::Invalid(e) => write!(f, "damaged backup: {e}"),
        }
    }
}

impl Backup {
    pub fn new(
        created_ms: u64,
        pool: Pool,
        import_logs: Vec<ImportLog>,
        settings: BTreeMap<String, serde_json::Value>,
    ) -> Backup {
        Backup {
            format: FORMAT.into(),
            version: VERSION,
            created_ms,
            pool,
            import_logs,
            settings,
            logs: BTreeMap::new(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a backup always serialises")
    }

    /// Reads a backup, refusing anything that is not one of ours or is from a newer app.
    /// Every record is checked by its type (currencies, dates) before anything is restored.
    pub fn parse(text: &str) -> Result<Backup, BackupError> {
        let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{FEFF}'))
            .map_err(|e| BackupError::NotJson(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(BackupError::NotABackup);
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
        if version > VERSION {
            return Err(BackupError::TooNew { version });
        }
        serde_json::from_value(value).map_err(|e| BackupError::Invalid(e.to_string()))
    }
}

/// After this many days without a backup, the app reminds the user to make one.
pub const BACKUP_REMINDER_DAYS: u64 = 7;

/// Whether to remind the user to back up: there is data to lose, and no backup in the last
/// [`BACKUP_REMINDER_DAYS`] days (times in ms since the epoch).
pub fn backup_is_due(has_data: bool, last_backup_ms: Option<u64>, now_ms: u64) -> bool {
    has_data
        && last_backup_ms
            .is_none_or(|ms| now_ms.saturating_sub(ms) > BACKUP_REMINDER_DAYS * 86_400_000)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_backup_is_due_with_data_and_nothing_in_the_last_seven_days() {
        use super::backup_is_due;
        let day = 86_400_000;
        let now = 100 * day;
        assert!(!backup_is_due(false, None, now), "nothing to lose");
        assert!(backup_is_due(true, None, now), "never backed up");
        assert!(
            !backup_is_due(true, Some(now - 7 * day), now),
            "exactly seven days"
        );
        assert!(backup_is_due(true, Some(now - 7 * day - 1), now));
        assert!(
            !backup_is_due(true, Some(now + day), now),
            "a clock set back is not overdue"
        );
    }

    use super::*;
    use crate::domain::model::{Contact, Customer, Invoice};
    use crate::domain::money::{Currency, Money};
    use chrono::NaiveDate;

    fn sample() -> Backup {
        let date = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let pool = Pool {
            customers: vec![Customer {
                credit_grade: Some("A".into()),
                credit_limit: Some(Money::new(50_000_000, Currency::CNY)),
                region: Some("华东".into()),
                tags: vec!["机械".into()],
                contact: Contact {
                    name: Some("王经理".into()),
                    email: None,
                    mobile: Some("13800000000".into()),
                },
                salesperson: Some("张三".into()),
                ..Customer::new("0001", "<script>alert(1)</script>华东")
            }],
            invoices: vec![Invoice {
                due: Some(date),
                disputed: true,
                ..Invoice::new(
                    "0000611365",
                    "0001",
                    date,
                    Money::new(-12, Currency::parse("JPY").unwrap()),
                )
            }],
            ..Pool::default()
        };
        let mut settings = BTreeMap::new();
        settings.insert("company".into(), serde_json::json!("华东精密机械有限公司"));
        Backup::new(1_775_000_000_000, pool, vec![], settings)
    }

    #[test]
    fn round_trip_loses_nothing() {
        let b = sample();
        assert_eq!(Backup::parse(&b.to_json()).unwrap(), b);
        assert_eq!(
            Backup::parse(&format!("\u{FEFF}{}", b.to_json())).unwrap(),
            b
        );
    }

    #[test]
    fn refuses_what_is_not_our_backup() {
        assert!(matches!(
            Backup::parse("not json"),
            Err(BackupError::NotJson(_))
        ));
        assert_eq!(Backup::parse("{\"a\":1}"), Err(BackupError::NotABackup));
        let mut v: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        v["version"] = serde_json::json!(VERSION + 1);
        assert_eq!(
            Backup::parse(&v.to_string()),
            Err(BackupError::TooNew {
                version: VERSION + 1
            })
        );
        v["version"] = serde_json::json!(VERSION);
        v["pool"]["invoices"][0]["amount"]["currency"] = serde_json::json!("ZZZ");
        assert!(matches!(
            Backup::parse(&v.to_string()),
            Err(BackupError::Invalid(_))
        ));
    }
}
