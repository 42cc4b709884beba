//! Tables out of the app: CSV that Excel opens correctly and safely. Pure, tested natively.
pub mod audit;
pub mod csv;
pub mod forecast;
pub mod ledger;
pub mod reminders;
