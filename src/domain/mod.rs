//! The receivables model and every business rule. Pure: no browser, no clock.
pub mod aging;
pub mod approvals;
pub mod asof;
pub mod credit;
pub mod forecast;
pub mod insight;
pub mod keys;
pub mod ledger;
pub mod ledger_query;
pub mod merge;
pub mod model;
pub mod money;
pub mod reminders;
pub mod rules;
pub mod statement;
pub mod templates;
pub mod terms;
