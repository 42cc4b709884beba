//! Invariants on generated pools, small (proptest) and large (100 000 invoices and payments).

use super::tests::assert_drill_downs;
use super::*;
use crate::domain::ledger::ledger;
use crate::domain::model::{Application, Invoice, Payment};
use crate::domain::statement::{customers_with_overdue, statements};
use proptest::prelude::*;

const PEOPLE: [Option<&str>; 3] = [Some("甲"), Some("乙"), None];
const REGIONS: [Option<&str>; 3] = [Some("华东"), None, Some("华南")];
const LINES: [Option<&str>; 3] = [None, Some("机械"), Some("电子")];

fn label(pool: &mut Pool, tags: &[(usize, usize, usize)]) {
    for (i, (s, r, l)) in pool.invoices.iter_mut().zip(tags) {
        i.salesperson = PEOPLE[*s].map(Into::into);
        i.region = REGIONS[*r].map(Into::into);
        i.product_line = LINES[*l].map(Into::into);
    }
}

fn arb_labelled_pool() -> impl Strategy<Value = Pool> {
    (
        crate::domain::ledger::tests::arb_pool(),
        proptest::collection::vec((0..3usize, 0..3usize, 0..3usize), 25),
    )
        .prop_map(|(mut p, tags)| {
            label(&mut p, &tags);
            p
        })
}

fn arb_period() -> impl Strategy<Value = CollectionPeriod> {
    prop_oneof![
        Just(CollectionPeriod::MonthToDate),
        Just(CollectionPeriod::QuarterToDate),
        Just(CollectionPeriod::YearToDate),
        (0..40u32).prop_map(CollectionPeriod::TrailingDays),
    ]
}

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(offset)
}

/// Rankings partition the ledger: per currency, rows plus unassigned = the totals.
fn check_partitions(l: &Ledger, b: &Dashboard) {
    for c in &b.currencies {
        let cur = c.currency;
        let overdue: i64 = c.top_customers.iter().map(|r| r.overdue.minor).sum();
        let n: usize = c.top_customers.iter().map(|r| r.overdue_invoices).sum();
        assert_eq!(
            overdue,
            l.total_overdue.get(cur).minor,
            "customers' overdue = total"
        );
        assert_eq!(
            (n, c.overdue_customers),
            (c.overdue_invoices, c.top_customers.len())
        );
        let (mut open, mut overdue) = (
            c.unassigned.salesperson.open.minor,
            c.unassigned.salesperson.overdue.minor,
        );
        for r in &c.salespeople_by_overdue {
            open += r.amounts.open.minor;
            overdue += r.amounts.overdue.minor;
        }
        assert_eq!((open, overdue), (c.receivables.minor, c.overdue.minor));
        for (rows, none) in [
            (&c.regions, &c.unassigned.region),
            (&c.product_lines, &c.unassigned.product_line),
        ] {
            let open: i64 =
                rows.iter().map(|r| r.amounts.open.minor).sum::<i64>() + none.open.minor;
            let overdue: i64 =
                rows.iter().map(|r| r.amounts.overdue.minor).sum::<i64>() + none.overdue.minor;
            assert_eq!((open, overdue), (c.receivables.minor, c.overdue.minor));
        }
        if let Some(r) = c.overdue_ratio {
            assert!((0..=10_000).contains(&r.basis_points()));
        }
        assert_eq!(
            c.collection.collected.minor,
            c.collection.payments.minor + c.collection.credit_notes.minor
        );
        let steps: i64 = c.dso.countback_steps.iter().map(|s| s.counted.0).sum();
        assert_eq!(
            c.dso.countback,
            Some(Days100(steps)),
            "countback always completes"
        );
    }
}

fn check_statements(pool: &Pool, from: NaiveDate, to: NaiveDate) {
    let mut codes: Vec<&str> = pool.invoices.iter().map(|i| i.customer.as_str()).collect();
    codes.extend(pool.payments.iter().map(|p| p.customer.as_str()));
    codes.extend(pool.credit_notes.iter().map(|c| c.customer.as_str()));
    codes.sort_unstable();
    codes.dedup();
    let edges = AgingEdges::default();
    let now = statements(pool, &codes, from, to, &edges);
    let next = to.succ_opt().unwrap();
    let later = statements(pool, &codes, next, next + chrono::Duration::days(9), &edges);
    for (s, after) in now.iter().zip(&later) {
        for c in &s.currencies {
            assert!(c.is_balanced(), "{c:?}");
            let last = c.entries.last().map_or(c.opening, |e| e.balance);
            assert_eq!(
                last, c.closing,
                "running balance ends at the closing balance"
            );
            assert_eq!(
                c.closing.minor,
                c.closing_open.minor - c.closing_unapplied.minor
            );
            let opening_after = after.currency(c.currency).map_or(0, |x| x.opening.minor);
            assert_eq!(
                opening_after, c.closing.minor,
                "closing = next period's opening"
            );
        }
        let aged: i64 = s
            .aging
            .iter()
            .map(|b| b.amount.iter().map(|m| m.minor).sum::<i64>())
            .sum();
        let open: i64 = s.currencies.iter().map(|c| c.closing_open.minor).sum();
        assert_eq!(aged, open, "aging of the closing open items");
    }
}

proptest! {
    #[test]
    fn dashboards_add_up_and_drill_down_exactly(
        p in arb_labelled_pool(), as_of in 0..70i64, period in arb_period(), n in 1..60u32,
    ) {
        let as_of = AsOf(day(as_of));
        let l = ledger(&p, as_of);
        let settings = InsightSettings { dso_days: n, period, top_customers: usize::MAX, ..InsightSettings::default() };
        let b = dashboard(&p, &l, &settings, as_of);
        check_partitions(&l, &b);
        assert_drill_downs(&p, &l, &b);
        let overdue_anywhere = customers_with_overdue(&l, &p);
        prop_assert_eq!(overdue_anywhere.len(), b.overdue_customers);
    }

    #[test]
    fn statements_balance(p in arb_labelled_pool(), from in -3..70i64, len in 0..40i64) {
        check_statements(&p, day(from), day(from + len));
    }
}

#[test]
fn a_hundred_thousand_invoices_and_payments() {
    const N: usize = 100_000;
    let customers: Vec<String> = (0..2_000).map(|c| format!("C{c:04}")).collect();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |bound: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % bound
    };
    let currencies = [Currency::CNY, Currency::USD];
    let invoices: Vec<Invoice> = (0..N)
        .map(|n| {
            let date = day(next(700) as i64);
            Invoice {
                due: Some(date + chrono::Duration::days(next(90) as i64)),
                salesperson: PEOPLE[next(3) as usize].map(Into::into),
                product_line: LINES[next(3) as usize].map(Into::into),
                region: REGIONS[next(3) as usize].map(Into::into),
                ..Invoice::new(
                    format!("INV{n:06}"),
                    customers[next(2_000) as usize].clone(),
                    date,
                    Money::new(next(1_000_000) as i64, currencies[next(2) as usize]),
                )
            }
        })
        .collect();
    let payments: Vec<Payment> = (0..N)
        .map(|n| {
            let target = &invoices[next(N as u64) as usize];
            Payment {
                number: format!("PAY{n:06}"),
                customer: target.customer.clone(),
                date: day(next(720) as i64),
                amount: target.amount,
                applies_to: n
                    .is_multiple_of(2)
                    .then(|| Application {
                        invoice: target.number.clone(),
                        amount: None,
                    })
                    .into_iter()
                    .collect(),
            }
        })
        .collect();
    let p = Pool {
        invoices,
        payments,
        ..Pool::default()
    };
    let as_of = AsOf(day(400));
    let l = ledger(&p, as_of);
    let settings = InsightSettings {
        top_customers: usize::MAX,
        ..InsightSettings::default()
    };
    let started = std::time::Instant::now();
    let b = dashboard(&p, &l, &settings, as_of);
    eprintln!(
        "dashboard over 100k invoices + 100k payments: {:?}",
        started.elapsed()
    );
    assert_eq!(b.currencies.len(), 2);
    check_partitions(&l, &b);
    for c in &b.currencies {
        assert!(c.overdue.minor > 0 && c.overdue.minor < c.receivables.minor);
        assert!(c.dso.standard.is_some() && c.collection.rate.is_some());
        assert_eq!(c.salespeople_by_overdue.len(), 2);
    }
    let started = std::time::Instant::now();
    let t = trend(&p, as_of, 12);
    eprintln!("12-month trend: {:?}", started.elapsed());
    assert_eq!(
        t.last().map(|x| x.month_end),
        NaiveDate::from_ymd_opt(2025, 1, 31)
    );
    let overdue = customers_with_overdue(&l, &p);
    assert!(overdue.len() > 1_000);
    let started = std::time::Instant::now();
    check_statements(&p, day(300), day(400));
    eprintln!(
        "statements for every customer, twice: {:?}",
        started.elapsed()
    );
}
