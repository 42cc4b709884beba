//! Tables out of the app: CSV that Excel opens correctly and safely, and XLSX, both written
//! from one [`table::Table`]. Pure, tested natively.
pub mod audit;
pub mod csv;
pub mod forecast;
pub mod insight;
pub mod ledger;
pub mod reminders;
pub mod table;
pub mod xlsx;
