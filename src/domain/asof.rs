//! The single "today" every computation is made as of. Only the UI reads the clock.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The date figures are computed as of: a record counts once its date is on or before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AsOf(pub NaiveDate);

impl AsOf {
    /// Whether a record dated `date` has happened as of this date.
    pub fn includes(self, date: NaiveDate) -> bool {
        date <= self.0
    }
}

/// Calendar days from `due` to `as_of`: positive when overdue, zero or less when not yet due.
/// The last day of `date`'s month (`NaiveDate::MAX` in chrono's very last month).
pub fn last_day_of_month(date: NaiveDate) -> NaiveDate {
    let (year, month) = match date.month() {
        12 => (date.year() + 1, 1),
        m => (date.year(), m + 1),
    };
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

pub fn days_overdue(as_of: AsOf, due: NaiveDate) -> i64 {
    // Cannot overflow: chrono's whole date range is a few hundred million days.
    as_of.0.signed_duration_since(due).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn counts_calendar_days() {
        let as_of = AsOf(d(2024, 3, 1));
        assert_eq!(days_overdue(as_of, d(2024, 2, 1)), 29); // leap February
        assert_eq!(days_overdue(as_of, d(2024, 3, 1)), 0);
        assert_eq!(days_overdue(as_of, d(2024, 3, 31)), -30);
    }

    #[test]
    fn extreme_dates_do_not_overflow() {
        let far = days_overdue(AsOf(NaiveDate::MAX), NaiveDate::MIN);
        assert!(far > 0);
        assert_eq!(days_overdue(AsOf(NaiveDate::MIN), NaiveDate::MAX), -far);
    }

    #[test]
    fn includes_its_own_day() {
        let as_of = AsOf(d(2024, 3, 1));
        assert!(as_of.includes(d(2024, 3, 1)));
        assert!(as_of.includes(d(2024, 2, 29)));
        assert!(!as_of.includes(d(2024, 3, 2)));
    }

    #[test]
    fn orders_and_serializes_as_a_plain_date() {
        assert!(AsOf(d(2024, 1, 1)) < AsOf(d(2024, 1, 2)));
        let json = serde_json::to_string(&AsOf(d(2024, 1, 2))).unwrap();
        assert_eq!(json, r#""2024-01-02""#);
        assert_eq!(
            serde_json::from_str::<AsOf>(&json).unwrap(),
            AsOf(d(2024, 1, 2))
        );
    }
}
