//! The raw (uncentred) feature vector of an invoice, the same for training and prediction.

use super::Feature;
use crate::domain::asof::last_day_of_month;
use chrono::NaiveDate;

/// Number of features; `Feature::ALL` gives their order.
pub(super) const N: usize = Feature::ALL.len();

/// Terms longer than a year are read as a year (a typo should not dominate the fit).
const MAX_TERMS_DAYS: i64 = 365;

/// Days from `date` to the last day of its month: 0 on the last day, at most 30.
pub(super) fn days_to_month_end(date: NaiveDate) -> i64 {
    last_day_of_month(date)
        .signed_duration_since(date)
        .num_days()
}

/// In the last three days of its month (the month-end payment run).
pub(super) fn at_month_end(date: NaiveDate) -> bool {
    days_to_month_end(date) <= 2
}

/// What the features of one invoice are computed from.
pub(super) struct Inputs {
    /// ln(amount in minor units); amounts are positive.
    pub log_amount: f64,
    /// Mean ln(amount) of the invoice's currency in the history, if it has any.
    pub currency_log_mean: Option<f64>,
    /// The customer's mean ln(amount) in that currency, if it has any history there.
    pub customer_log_mean: Option<f64>,
    pub invoice_date: NaiveDate,
    pub due: NaiveDate,
    pub disputed: bool,
    /// The customer's excess month-end habit in [0, 1] (0 without history).
    pub month_end_excess: f64,
    /// The customer's mean days from due to month-end.
    pub customer_days_to_month_end: f64,
}

pub(super) fn raw(i: &Inputs) -> [f64; N] {
    let terms = i
        .due
        .signed_duration_since(i.invoice_date)
        .num_days()
        .clamp(0, MAX_TERMS_DAYS);
    [
        i.currency_log_mean.map_or(0.0, |m| i.log_amount - m),
        i.customer_log_mean.map_or(0.0, |m| i.log_amount - m),
        terms as f64 / 30.0,
        if i.disputed { 1.0 } else { 0.0 },
        if at_month_end(i.due) { 1.0 } else { 0.0 },
        i.month_end_excess * (days_to_month_end(i.due) as f64 - i.customer_days_to_month_end),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_end_arithmetic() {
        assert_eq!(days_to_month_end(d(2024, 2, 29)), 0);
        assert_eq!(days_to_month_end(d(2024, 2, 1)), 28);
        assert_eq!(days_to_month_end(d(2023, 12, 25)), 6);
        assert!(at_month_end(d(2024, 4, 28)));
        assert!(!at_month_end(d(2024, 4, 27)));
        assert_eq!(days_to_month_end(NaiveDate::MAX), 0);
    }

    #[test]
    fn raw_features() {
        let x = raw(&Inputs {
            log_amount: 10.0,
            currency_log_mean: Some(9.0),
            customer_log_mean: None,
            invoice_date: d(2024, 1, 1),
            due: d(2024, 1, 31),
            disputed: true,
            month_end_excess: 0.5,
            customer_days_to_month_end: 10.0,
        });
        assert_eq!(x, [1.0, 0.0, 1.0, 1.0, 1.0, -5.0]);
    }
}
