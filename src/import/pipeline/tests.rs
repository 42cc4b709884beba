//! Pipeline tests: shared helpers.

use super::*;
use crate::domain::model::Application;
use crate::domain::money::{Currency, Money};
use crate::import::cells::{CellError, DayMonthOrder};
use crate::import::records::RowProblem;

fn no_saved(_: &str) -> Option<Mapping> {
    None
}

fn analyze_ok(bytes: &[u8], name: &str) -> Preview {
    match analyze(bytes, name, None, &no_saved) {
        Ok(p) => p,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test date")
}

fn cny(minor: i64) -> Money {
    Money::new(minor, Currency::CNY)
}

fn sum(amounts: impl Iterator<Item = Money>) -> i64 {
    amounts.map(|m| m.minor).sum()
}

mod behaviour;
mod credit_fixture;
mod fixtures;
