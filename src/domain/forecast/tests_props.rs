//! Invariants over arbitrary pools and settings.

use super::synth::{synthetic_history, SynthSpec};
use super::*;
use crate::domain::ledger::ledger;
use crate::domain::model::{Application, Invoice, Payment};
use crate::domain::money::Currency;
use chrono::Duration;
use proptest::prelude::*;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
}

/// (customer, USD?, amount, date offset, terms days, disputed, payment (delay, partial)).
type Row = (u8, bool, i64, i64, i64, bool, Option<(i64, bool)>);

fn row() -> impl Strategy<Value = Row> {
    (
        0u8..5,
        any::<bool>(),
        1i64..1_000_000_000,
        0i64..400,
        0i64..120,
        prop::bool::weighted(0.1),
        prop::option::weighted(0.7, (-20i64..150, prop::bool::weighted(0.2))),
    )
}

fn pool_of(rows: &[Row]) -> Pool {
    let mut pool = Pool::default();
    for (n, &(customer, usd, amount, offset, terms, disputed, payment)) in rows.iter().enumerate() {
        let currency = if usd { Currency::USD } else { Currency::CNY };
        let date = base() + Duration::days(offset);
        let due = date + Duration::days(terms);
        let number = format!("I{n}");
        let code = format!("C{customer}");
        pool.invoices.push(Invoice {
            due: Some(due),
            disputed,
            ..Invoice::new(
                number.clone(),
                code.clone(),
                date,
                Money::new(amount, currency),
            )
        });
        if let Some((delay, partial)) = payment {
            let paid = if partial { amount / 3 } else { amount };
            pool.payments.push(Payment {
                number: format!("P{n}"),
                customer: code,
                date: (due + Duration::days(delay)).max(date),
                amount: Money::new(paid, currency),
                applies_to: vec![Application {
                    invoice: number,
                    amount: None,
                }],
            });
        }
    }
    pool
}

fn settings() -> impl Strategy<Value = ForecastSettings> {
    (
        1.0f64..1000.0,
        0i64..90,
        0.0f64..1.0,
        0.0f64..100.0,
        prop::option::of(0.0f64..50.0),
        0.01f64..0.5,
        0.5f64..0.99,
        1.0f64..90.0,
        1usize..20,
    )
        .prop_map(
            |(hl, n, alpha, ridge, k, lo, hi, tail, weeks)| ForecastSettings {
                half_life_days: hl,
                late_threshold_days: n,
                amount_weight_exponent: alpha,
                ridge,
                credibility_k: k,
                low_quantile: lo,
                high_quantile: hi,
                tail_days: tail,
                weeks,
            },
        )
}

fn check(pool: &Pool, as_of: AsOf, settings: &ForecastSettings) -> Result<(), TestCaseError> {
    let l = ledger(pool, as_of);
    let out = predict_with_ledger(pool, &l, settings);
    let open = l.lines.iter().filter(|x| x.open.minor > 0).count();
    prop_assert_eq!(out.predictions.len(), open);
    let after = as_of.0 + Duration::days(1);
    for p in &out.predictions {
        prop_assert!(p.late_risk.is_finite() && (0.0..=1.0).contains(&p.late_risk));
        prop_assert!(p.expected >= after, "{:?} before {}", p.expected, after);
        prop_assert!(p.early >= after && p.early <= p.expected && p.expected <= p.late);
        prop_assert!(p.open.minor > 0);
        if p.days_late_now >= settings.late_threshold_days {
            prop_assert_eq!(p.late_risk, 1.0);
        }
        let e = &p.explanation;
        let sum = e.history.base_delay
            + e.contributions.iter().map(|c| c.days).sum::<f64>()
            + e.residual_shift_days
            + e.unpaid_shift_days;
        prop_assert!((sum - p.delay_days as f64).abs() < 1e-6 * (1.0 + sum.abs()));
        prop_assert!((0.0..=1.0).contains(&e.history.credibility));
    }
    for &i in out.model.trained_on() {
        let line = l.line_for(i).unwrap();
        prop_assert!(line.open.minor == 0 && line.settled_on.is_some());
    }

    let f = cash_forecast(&out.predictions, as_of, settings.weeks);
    let mut drilled = 0;
    for c in &f.currencies {
        prop_assert_eq!(c.weeks.len(), settings.weeks);
        let total = l.total_open.get(c.currency);
        prop_assert_eq!(c.total_open, total);
        let buckets: Vec<&Bucket> = c.weeks.iter().chain([&c.later]).collect();
        let sum = |f: fn(&Bucket) -> i64| buckets.iter().map(|b| f(b)).sum::<i64>();
        prop_assert_eq!(sum(|b| b.expected.minor), total.minor);
        prop_assert_eq!(sum(|b| b.early.minor), total.minor);
        prop_assert_eq!(sum(|b| b.late.minor), total.minor);
        for b in &buckets {
            prop_assert!(b.low.minor <= b.expected.minor && b.expected.minor <= b.high.minor);
            prop_assert!(b.low.minor <= b.early.minor && b.late.minor <= b.high.minor);
            drilled += b.invoices.len();
        }
    }
    prop_assert_eq!(drilled, out.predictions.len());
    for cur in l.total_open.currencies() {
        prop_assert!(l.total_open.get(cur).is_zero() || f.currency(cur).is_some());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn invariants_hold_on_arbitrary_pools(
        rows in prop::collection::vec(row(), 0..40),
        as_of in 0i64..600,
        settings in settings(),
    ) {
        let pool = pool_of(&rows);
        check(&pool, AsOf(base() + Duration::days(as_of)), &settings)?;
    }

    #[test]
    fn invariants_hold_on_generated_histories(
        seed in any::<u64>(),
        customers in 1usize..12,
        invoices in 1usize..15,
        as_of in 0i64..500,
        settings in settings(),
    ) {
        let pool = synthetic_history(&SynthSpec {
            seed,
            customers,
            invoices_per_customer: invoices,
            start: base(),
            days: 300,
        });
        check(&pool, AsOf(base() + Duration::days(as_of)), &settings)?;
    }

    #[test]
    fn backtest_sets_are_disjoint(
        rows in prop::collection::vec(row(), 0..40),
        cutoff in 0i64..500,
        horizon in 0i64..300,
    ) {
        let pool = pool_of(&rows);
        let cutoff = base() + Duration::days(cutoff);
        let bt = backtest(&pool, cutoff, cutoff + Duration::days(horizon), &ForecastSettings::default());
        for i in &bt.evaluated {
            prop_assert!(bt.trained_on.binary_search(i).is_err());
        }
        for s in [bt.model, bt.due_date_baseline, bt.customer_mean_baseline].into_iter().flatten() {
            prop_assert!(s.mae_days >= 0.0 && (0.0..=1.0).contains(&s.brier));
        }
        prop_assert_eq!(bt.model.is_some(), !bt.evaluated.is_empty());
    }
}
