//! Bytes to validated domain records, with a report of every row refused. No browser APIs.
pub mod table;
