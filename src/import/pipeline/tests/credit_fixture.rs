//! tests/fixtures/credit/: customers with limits and terms, a year of invoices with settled
//! dates, orders and a staff list. The grades below are computed by hand (as of 2026-06-30,
//! default policy); tests/e2e/credit.test.mjs finds the same figures in the browser.
//!
//! C001 华东机电: decided 4 (all settled); on time 101, 103, 104 → by count 75 %, by amount
//!   30,000 / 50,000 = 60 %; AR2025-102 10 days late → average 200,000 / 50,000 = 4.0 days
//!   (sub 93.33), worst 10 days (sub 91.67); open AR2026-105 ¥50,000 not yet due → overdue
//!   0 % (100); no disputes (100); tenure 2025-07-10 → 2026-06-30 = 355 days (48.63);
//!   limit use 50,000 / 100,000 = 50 % (100).
//!   Score = (20·75 + 20·60 + 15·93.33 + 10·91.67 + 15·100 + 5·100 + 5·48.63 + 10·100) / 100
//!   = 82.598… → 82.6, grade A.
//! C002 深圳精密: decided 4 — 201 60 days late, 202 30 late, 203 on time, 204 open and 51 days
//!   overdue; by count 25 %, by amount 40,000 / 135,000 = 29.63 %; average (30,000·60 +
//!   20,000·30 + 45,000·51) / 135,000 = 34.78 days (42.04); worst 60 (50); overdue 45,000 /
//!   60,000 = 75 % (25); tenure 319 days (43.70); limit use 60,000 / 50,000 = 120 % (0),
//!   over limit. Score = 33.16… → 33.2, grade D.
//! C003 北方重工: one open invoice, nothing settled → too little history.
//! Orders: SO2026-031 (C001) 60天 exceeds the standard 30 days; the others do not.

use super::*;
use crate::domain::asof::AsOf;
use crate::domain::credit::{rate_all, CreditPolicy, FactorKind, FactorValue, Grade, LimitFlag};
use crate::domain::ledger::ledger;
use crate::domain::model::{Pool, Role};

const FILES: [(&[u8], &str); 4] = [
    (
        include_bytes!("../../../../tests/fixtures/credit/customers.csv"),
        "customers.csv",
    ),
    (
        include_bytes!("../../../../tests/fixtures/credit/history.csv"),
        "history.csv",
    ),
    (
        include_bytes!("../../../../tests/fixtures/credit/orders.csv"),
        "orders.csv",
    ),
    (
        include_bytes!("../../../../tests/fixtures/credit/staff.csv"),
        "staff.csv",
    ),
];

fn credit_pool() -> Pool {
    let mut pool = Pool::default();
    for (bytes, name) in FILES {
        let p = analyze_ok(bytes, name);
        assert!(
            p.is_ready() && p.errors.is_empty(),
            "{name}: {:?}",
            p.errors
        );
        let r = p.batch.records;
        pool.customers.extend(r.customers);
        pool.orders.extend(r.orders);
        pool.invoices.extend(r.invoices);
        pool.payments.extend(r.payments);
        pool.staff.extend(r.staff);
    }
    pool
}

#[test]
fn the_credit_fixture_rates_as_computed_by_hand() {
    let pool = credit_pool();
    assert_eq!(
        (
            pool.customers.len(),
            pool.invoices.len(),
            pool.payments.len()
        ),
        (3, 11, 7)
    );
    assert_eq!((pool.orders.len(), pool.staff.len()), (3, 4));
    assert_eq!(pool.staff[1].roles, vec![Role::SalesManager]);
    assert_eq!(pool.orders[0].terms.map(|t| t.days), Some(60));
    let as_of = AsOf(d(2026, 6, 30));
    let ratings = rate_all(
        &pool,
        &ledger(&pool, as_of),
        &CreditPolicy::default(),
        as_of,
    );
    let grades: Vec<(&str, Grade, Option<f64>)> = ratings
        .iter()
        .map(|r| (r.customer.as_str(), r.grade, r.score))
        .collect();
    assert_eq!(
        grades,
        vec![
            ("C001", Grade::A, Some(82.6)),
            ("C002", Grade::D, Some(33.2)),
            ("C003", Grade::InsufficientHistory, None),
        ]
    );
    let value = |i: usize, k: FactorKind| {
        ratings[i]
            .factors
            .iter()
            .find(|f| f.kind == k)
            .map(|f| f.value)
    };
    assert_eq!(
        value(0, FactorKind::OnTimeByCount),
        Some(FactorValue::Percent(75.0))
    );
    assert_eq!(
        value(0, FactorKind::AverageDaysLate),
        Some(FactorValue::Days(4.0))
    );
    assert_eq!(value(0, FactorKind::Tenure), Some(FactorValue::Days(355.0)));
    assert_eq!(
        value(1, FactorKind::WorstDaysLate),
        Some(FactorValue::Days(60.0))
    );
    assert_eq!(
        value(1, FactorKind::LimitUse),
        Some(FactorValue::Percent(120.0))
    );
    assert_eq!(
        ratings[1].limit.as_ref().map(|u| u.flag),
        Some(LimitFlag::OverLimit)
    );
    assert_eq!(
        ratings[0].limit.as_ref().map(|u| u.flag),
        Some(LimitFlag::Within)
    );
}
