//! A hand-built book with every figure worked out by hand in the comments.

use super::*;
use crate::domain::ledger::ledger;
use crate::domain::ledger_query::{select, LedgerQuery};
use crate::domain::model::{Application, CreditNote, Customer, Invoice, Payment};

pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
pub(crate) fn cny(yuan: i64) -> Money {
    Money::new(yuan * 100, Currency::CNY)
}
pub(crate) fn usd(dollars: i64) -> Money {
    Money::new(dollars * 100, Currency::USD)
}

#[allow(clippy::too_many_arguments)]
fn inv(
    n: &str,
    c: &str,
    date: NaiveDate,
    due: NaiveDate,
    amount: Money,
    sp: Option<&str>,
    region: Option<&str>,
    line: &str,
) -> Invoice {
    Invoice {
        due: Some(due),
        salesperson: sp.map(Into::into),
        product_line: Some(line.into()),
        region: region.map(Into::into),
        ..Invoice::new(n, c, date, amount)
    }
}

fn pay(n: &str, c: &str, date: NaiveDate, amount: Money, names: Option<&str>) -> Payment {
    Payment {
        number: n.into(),
        customer: c.into(),
        date,
        amount,
        applies_to: names
            .map(|i| Application {
                invoice: i.into(),
                amount: None,
            })
            .into_iter()
            .collect(),
    }
}

fn customer(code: &str, name: &str, grade: &str) -> Customer {
    Customer {
        credit_grade: Some(grade.into()),
        ..Customer::new(code, name)
    }
}

/// As of 2026-03-20 (period 03-01..03-20):
/// CNY  I1 C1 12-10 due 01-09 100,000 张三 华东 机械: P1 60,000 (01-20, names I1), P2 45,000
///         (03-05, oldest first) takes the last 40,000 → paid 03-05.
///      I2 C1 01-15 due 02-14  50,000 张三 华东 机械: P2's other 5,000 → open 45,000, 34 days.
///      I3 C2 02-20 due 03-10  30,000 李四 华南 电子: P3 10,000 (03-12) → open 20,000, 10 days.
///      I4 C2 03-05 due 04-04  20,000 李四 华南 电子: CN1 1,000 (03-15) → open 19,000, not due.
///      I5 C3 03-15 due 03-15   8,000 —    —    机械: P5 2,000 (02-01, a prepayment) → 6,000, 5 days.
/// USD  U1 C2 01-05 due 02-04  12,000 李四 海外 电子: P4 12,000 (02-10) → paid.
///      U2 C2 03-01 due 03-18   5,000 李四 海外 电子: P6 6,000 (03-18) → paid, 1,000 unapplied.
pub(crate) fn fixture() -> Pool {
    Pool {
        customers: vec![
            customer("C1", "华东精密", "A"),
            customer("C2", "Acme", "B"),
            customer("C3", "宁波五金", "C"),
        ],
        invoices: vec![
            inv(
                "I1",
                "C1",
                d(2025, 12, 10),
                d(2026, 1, 9),
                cny(100_000),
                Some("张三"),
                Some("华东"),
                "机械",
            ),
            inv(
                "I2",
                "C1",
                d(2026, 1, 15),
                d(2026, 2, 14),
                cny(50_000),
                Some("张三"),
                Some("华东"),
                "机械",
            ),
            inv(
                "I3",
                "C2",
                d(2026, 2, 20),
                d(2026, 3, 10),
                cny(30_000),
                Some("李四"),
                Some("华南"),
                "电子",
            ),
            inv(
                "I4",
                "C2",
                d(2026, 3, 5),
                d(2026, 4, 4),
                cny(20_000),
                Some("李四"),
                Some("华南"),
                "电子",
            ),
            inv(
                "I5",
                "C3",
                d(2026, 3, 15),
                d(2026, 3, 15),
                cny(8_000),
                None,
                None,
                "机械",
            ),
            inv(
                "U1",
                "C2",
                d(2026, 1, 5),
                d(2026, 2, 4),
                usd(12_000),
                Some("李四"),
                Some("海外"),
                "电子",
            ),
            inv(
                "U2",
                "C2",
                d(2026, 3, 1),
                d(2026, 3, 18),
                usd(5_000),
                Some("李四"),
                Some("海外"),
                "电子",
            ),
        ],
        payments: vec![
            pay("P1", "C1", d(2026, 1, 20), cny(60_000), Some("I1")),
            pay("P2", "C1", d(2026, 3, 5), cny(45_000), None),
            pay("P3", "C2", d(2026, 3, 12), cny(10_000), Some("I3")),
            pay("P4", "C2", d(2026, 2, 10), usd(12_000), Some("U1")),
            pay("P5", "C3", d(2026, 2, 1), cny(2_000), None),
            pay("P6", "C2", d(2026, 3, 18), usd(6_000), Some("U2")),
        ],
        credit_notes: vec![CreditNote {
            number: "CN1".into(),
            customer: "C2".into(),
            invoice: Some("I4".into()),
            date: d(2026, 3, 15),
            amount: cny(1_000),
        }],
        ..Pool::default()
    }
}

pub(crate) const AS_OF: AsOf = AsOf(match NaiveDate::from_ymd_opt(2026, 3, 20) {
    Some(date) => date,
    None => panic!(),
});

fn board() -> (Pool, Dashboard) {
    let p = fixture();
    let l = ledger(&p, AS_OF);
    let b = dashboard(&p, &l, &InsightSettings::default(), AS_OF);
    (p, b)
}

#[test]
fn totals_ratio_and_overdue_customers() {
    let (_, b) = board();
    assert_eq!(b.period.from, d(2026, 3, 1));
    assert_eq!(b.period.to, d(2026, 3, 20));
    let c = b.currency(Currency::CNY).unwrap();
    // Open: I2 45,000 + I3 20,000 + I4 19,000 + I5 6,000 = 90,000.
    assert_eq!((c.receivables, c.open_invoices), (cny(90_000), 4));
    // Overdue: I2 + I3 + I5 = 71,000; 71/90 = 78.888…% → 7,889 bp.
    assert_eq!((c.overdue, c.overdue_invoices), (cny(71_000), 3));
    let ratio = c.overdue_ratio.unwrap();
    assert_eq!((ratio.numerator, ratio.denominator), (7_100_000, 9_000_000));
    assert_eq!(ratio.basis_points(), 7_889);
    assert_eq!(ratio.to_percent_string(), "78.89%");
    assert_eq!(c.overdue_customers, 3);
    assert_eq!(c.unapplied, cny(0));
    let u = b.currency(Currency::USD).unwrap();
    // Both USD invoices paid; P6 leaves 1,000 unapplied.
    assert_eq!(
        (u.receivables, u.overdue, u.unapplied),
        (usd(0), usd(0), usd(1_000))
    );
    assert_eq!(u.overdue_ratio, None, "nothing open: undefined, not 0");
    assert_eq!(u.overdue_customers, 0);
    assert_eq!(b.overdue_customers, 3);
}

#[test]
fn aging_buckets_to_the_cent() {
    let (_, b) = board();
    let amounts: Vec<(i64, i64)> = b
        .aging
        .iter()
        .map(|x| {
            (
                x.amount.get(Currency::CNY).minor,
                x.amount.get(Currency::USD).minor,
            )
        })
        .collect();
    // Not due: I4 19,000. 1–30: I3 20,000 + I5 6,000. 31–60: I2 45,000.
    assert_eq!(
        amounts,
        [
            (1_900_000, 0),
            (2_600_000, 0),
            (4_500_000, 0),
            (0, 0),
            (0, 0),
            (0, 0)
        ]
    );
}

#[test]
fn dso_both_ways() {
    let (_, b) = board();
    let c = &b.currency(Currency::CNY).unwrap().dso;
    // Window (2025-12-20, 2026-03-20]: I2 + I3 + I4 + I5 = 108,000 (I1 is 12-10).
    // 90,000 ÷ 108,000 × 90 = 75 days.
    assert_eq!(c.credit_sales, cny(108_000));
    assert_eq!(c.standard, Some(Days100(7_500)));
    // Countback from 90,000: March 1–20 sales 28,000 → 20 days, 62,000 left; February
    // 30,000 → 28 days, 32,000 left; January 50,000 ≥ 32,000 → 32/50 × 31 = 19.84 days.
    assert_eq!(c.countback, Some(Days100(6_784)));
    assert_eq!(c.countback.unwrap().to_display_string(), "67.84");
    let steps: Vec<_> = c
        .countback_steps
        .iter()
        .map(|s| (s.from, s.days, s.sales, s.balance_before, s.counted))
        .collect();
    assert_eq!(
        steps,
        [
            (d(2026, 3, 1), 20, cny(28_000), cny(90_000), Days100(2_000)),
            (d(2026, 2, 1), 28, cny(30_000), cny(62_000), Days100(2_800)),
            (d(2026, 1, 1), 31, cny(50_000), cny(32_000), Days100(1_984)),
        ]
    );
    let u = &b.currency(Currency::USD).unwrap().dso;
    // Nothing open: 0 days both ways (sales 17,000 in the window).
    assert_eq!(
        (u.credit_sales, u.standard, u.countback),
        (usd(17_000), Some(Days100(0)), Some(Days100(0)))
    );
}

#[test]
fn dso_window_is_configurable_and_prorates() {
    let p = fixture();
    let l = ledger(&p, AS_OF);
    let settings = InsightSettings {
        dso_days: 30,
        ..InsightSettings::default()
    };
    let b = dashboard(&p, &l, &settings, AS_OF);
    let c = &b.currency(Currency::CNY).unwrap().dso;
    // (02-18, 03-20]: I3 + I4 + I5 = 58,000; 90,000 ÷ 58,000 × 30 = 46.551… → 46.55.
    assert_eq!(
        (c.credit_sales, c.standard),
        (cny(58_000), Some(Days100(4_655)))
    );
    assert_eq!(c.window_days, 30);
}

#[test]
fn collection_in_the_period() {
    let (_, b) = board();
    let c = &b.currency(Currency::CNY).unwrap().collection;
    // Dated 03-01..03-20: P2 45,000 + P3 10,000; CN1 1,000. Due in it: I3 30,000 + I5 8,000.
    assert_eq!(
        (c.payments, c.credit_notes, c.collected),
        (cny(55_000), cny(1_000), cny(56_000))
    );
    assert_eq!(c.fell_due, cny(38_000));
    // 56,000 ÷ 38,000 = 147.368…%.
    assert_eq!(c.rate.unwrap().to_percent_string(), "147.37%");
    let u = &b.currency(Currency::USD).unwrap().collection;
    // P6 6,000 against U2's 5,000 due 03-18.
    assert_eq!((u.collected, u.fell_due), (usd(6_000), usd(5_000)));
    assert_eq!(u.rate.unwrap().basis_points(), 12_000);
}

#[test]
fn other_periods_resolve_as_documented() {
    let as_of = AsOf(d(2026, 5, 20));
    let r = |k: CollectionPeriod| {
        let p = k.resolve(as_of);
        (p.from, p.to)
    };
    assert_eq!(
        r(CollectionPeriod::MonthToDate),
        (d(2026, 5, 1), d(2026, 5, 20))
    );
    assert_eq!(
        r(CollectionPeriod::QuarterToDate),
        (d(2026, 4, 1), d(2026, 5, 20))
    );
    assert_eq!(
        r(CollectionPeriod::YearToDate),
        (d(2026, 1, 1), d(2026, 5, 20))
    );
    assert_eq!(
        r(CollectionPeriod::TrailingDays(7)),
        (d(2026, 5, 14), d(2026, 5, 20))
    );
    assert_eq!(
        r(CollectionPeriod::TrailingDays(0)),
        (d(2026, 5, 20), d(2026, 5, 20))
    );
}

#[test]
fn customer_ranking() {
    let (_, b) = board();
    let rows: Vec<_> = b
        .currency(Currency::CNY)
        .unwrap()
        .top_customers
        .iter()
        .map(|r| {
            (
                r.customer.as_str(),
                r.name.as_str(),
                r.credit_grade.as_deref(),
                r.overdue,
                r.oldest_days_overdue,
            )
        })
        .collect();
    // I2 is 34 days past 02-14 (14 in February + 20 in March).
    assert_eq!(
        rows,
        [
            ("C1", "华东精密", Some("A"), cny(45_000), 34),
            ("C2", "Acme", Some("B"), cny(20_000), 10),
            ("C3", "宁波五金", Some("C"), cny(6_000), 5),
        ]
    );
    assert!(b.currency(Currency::USD).unwrap().top_customers.is_empty());
    let top = InsightSettings {
        top_customers: 2,
        ..InsightSettings::default()
    };
    let p = fixture();
    let b = dashboard(&p, &ledger(&p, AS_OF), &top, AS_OF);
    assert_eq!(b.currency(Currency::CNY).unwrap().top_customers.len(), 2);
}

#[test]
fn salespeople_regions_and_product_lines() {
    let (_, b) = board();
    let c = b.currency(Currency::CNY).unwrap();
    let sp = |rows: &[SalespersonRow]| {
        rows.iter()
            .map(|r| {
                (
                    r.salesperson.clone(),
                    r.amounts.overdue,
                    r.amounts.open,
                    r.collected,
                    r.fell_due,
                )
            })
            .collect::<Vec<_>>()
    };
    // 张三: I2 overdue 45,000; applied in the period: I1 40,000 + I2 5,000; nothing due.
    // 李四: I3 overdue 20,000, open I3 + I4 39,000; applied I3 10,000 + I4 1,000; I3 due.
    let zhang = (
        "张三".to_owned(),
        cny(45_000),
        cny(45_000),
        cny(45_000),
        cny(0),
    );
    let li = (
        "李四".to_owned(),
        cny(20_000),
        cny(39_000),
        cny(11_000),
        cny(30_000),
    );
    assert_eq!(sp(&c.salespeople_by_overdue), [zhang.clone(), li.clone()]);
    assert_eq!(sp(&c.salespeople_by_collection_rate), [li, zhang]);
    assert_eq!(
        c.salespeople_by_collection_rate[0]
            .collection_rate
            .unwrap()
            .to_percent_string(),
        "36.67%"
    );
    assert_eq!(c.salespeople_by_collection_rate[1].collection_rate, None);
    // I5 has no salesperson and no region.
    assert_eq!(
        (c.unassigned.salesperson.overdue, c.unassigned.region.open),
        (cny(6_000), cny(6_000))
    );
    assert_eq!(c.unassigned.product_line.open, cny(0));
    let groups = |rows: &[GroupRow]| {
        rows.iter()
            .map(|r| (r.key.clone(), r.amounts.overdue, r.amounts.open))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        groups(&c.regions),
        [
            ("华东".into(), cny(45_000), cny(45_000)),
            ("华南".into(), cny(20_000), cny(39_000))
        ]
    );
    assert_eq!(
        groups(&c.product_lines),
        [
            ("机械".into(), cny(51_000), cny(51_000)),
            ("电子".into(), cny(20_000), cny(39_000))
        ]
    );
    let u = b.currency(Currency::USD).unwrap();
    assert!(u.regions.is_empty(), "nothing open in USD");
    // 李四 USD: U2's 5,000 applied in the period, 5,000 due → 100%.
    let li_usd = &u.salespeople_by_collection_rate[0];
    assert_eq!(
        (li_usd.collected, li_usd.fell_due),
        (usd(5_000), usd(5_000))
    );
    assert_eq!(li_usd.collection_rate.unwrap().basis_points(), 10_000);
}

/// Every row's query selects exactly the invoices the row sums: same count, same sum, and
/// the rows of a ranking never share an invoice (so no other set could match both).
pub(crate) fn assert_drill_downs(pool: &Pool, l: &Ledger, b: &Dashboard) {
    let edges = AgingEdges::default();
    let pick = |q: &LedgerQuery| select(pool, l, &edges, q);
    let sum = |ids: &[usize], f: fn(&crate::domain::ledger::InvoiceLine) -> i64| -> i64 {
        ids.iter().map(|&i| f(&l.lines[i])).sum()
    };
    let open = |x: &crate::domain::ledger::InvoiceLine| x.open.minor;
    for c in &b.currencies {
        let mut seen = std::collections::HashSet::new();
        for r in &c.top_customers {
            let ids = pick(&r.query);
            assert_eq!(
                (ids.len(), sum(&ids, open)),
                (r.overdue_invoices, r.overdue.minor),
                "{r:?}"
            );
            assert!(ids.iter().all(|&i| l.lines[i].customer(pool) == r.customer));
            assert!(ids.iter().all(|&i| seen.insert(i)), "rows overlap");
        }
        let mut seen_open = std::collections::HashSet::new();
        for r in &c.salespeople_by_overdue {
            let ids = pick(&r.overdue_query);
            assert_eq!(
                (ids.len(), sum(&ids, open)),
                (r.amounts.overdue_invoices, r.amounts.overdue.minor)
            );
            let ids = pick(&r.open_query);
            assert_eq!(
                (ids.len(), sum(&ids, open)),
                (r.amounts.open_invoices, r.amounts.open.minor)
            );
            assert!(ids.iter().all(|&i| seen_open.insert(i)), "rows overlap");
            assert_eq!(pick(&r.invoices_query).len(), r.invoices);
        }
        for rows in [&c.regions, &c.product_lines] {
            let mut seen = std::collections::HashSet::new();
            for r in rows {
                let ids = pick(&r.overdue_query);
                assert_eq!(
                    (ids.len(), sum(&ids, open)),
                    (r.amounts.overdue_invoices, r.amounts.overdue.minor)
                );
                let ids = pick(&r.open_query);
                assert_eq!(
                    (ids.len(), sum(&ids, open)),
                    (r.amounts.open_invoices, r.amounts.open.minor)
                );
                assert!(ids.iter().all(|&i| seen.insert(i)), "rows overlap");
            }
        }
    }
}

#[test]
fn drill_down_queries_select_exactly_the_summed_invoices() {
    let (p, b) = board();
    let l = ledger(&p, AS_OF);
    assert_drill_downs(&p, &l, &b);
    let q = &b.currency(Currency::CNY).unwrap().top_customers[1].query;
    let numbers: Vec<&str> = select(&p, &l, &AgingEdges::default(), q)
        .iter()
        .map(|&i| l.lines[i].number(&p))
        .collect();
    assert_eq!(
        numbers,
        ["I3"],
        "C2's overdue CNY invoices only (not I4, not U1/U2)"
    );
}

#[test]
fn trend_recomputes_each_month_end() {
    let p = fixture();
    let ends = trend_month_ends(AS_OF, 12);
    assert_eq!(
        (ends.len(), ends[0], ends[11]),
        (12, d(2025, 3, 31), d(2026, 2, 28))
    );
    assert_eq!(
        trend_month_ends(AsOf(d(2026, 2, 28)), 2),
        [d(2026, 1, 31), d(2026, 2, 28)]
    );
    let t = trend(&p, AS_OF, 12);
    let at = |i: usize| {
        let x = &t[i];
        (
            x.receivables.get(Currency::CNY),
            x.overdue.get(Currency::CNY),
            x.receivables.get(Currency::USD),
        )
    };
    // 12-31: I1 100,000 not yet due (01-09).
    assert_eq!(at(9), (cny(100_000), cny(0), usd(0)));
    // 01-31: I1 40,000 overdue after P1; I2 50,000 not due; U1 12,000 not due.
    assert_eq!(at(10), (cny(90_000), cny(40_000), usd(12_000)));
    // 02-28: I1 40,000 + I2 50,000 overdue; I3 30,000 not due; U1 paid.
    assert_eq!(at(11), (cny(120_000), cny(90_000), usd(0)));
    assert!(t[..9].iter().all(|x| x.receivables.is_empty()));
}

#[test]
fn a_month_on_the_trend_reuses_eleven_points() {
    let p = fixture();
    let march = trend(&p, AS_OF, 12);
    let april_ends = trend_month_ends(AsOf(d(2026, 4, 15)), 12);
    assert_eq!(april_ends[10..], [d(2026, 2, 28), d(2026, 3, 31)]);
    assert_eq!(
        trend_reusing(&p, &april_ends, &march),
        trend_at(&p, &april_ends)
    );
    // What is known is taken as it is, not recomputed (so it must come from the same pool).
    let mut known = march.clone();
    known[11].receivables = crate::domain::money::Totals::new();
    let reused = trend_reusing(&p, &april_ends, &known);
    assert!(
        reused[10].receivables.is_empty(),
        "02-28 was taken from `known`"
    );
    assert_eq!(
        reused[11],
        trend_at(&p, &[d(2026, 3, 31)])[0],
        "03-31 computed"
    );
}

#[test]
fn a_kept_baseline_gives_the_same_dashboard() {
    let p = fixture();
    let l = ledger(&p, AS_OF);
    let s = InsightSettings::default();
    let baseline = period_baseline(&p, s.period.resolve(AS_OF));
    assert_eq!(baseline.as_of, AsOf(d(2026, 2, 28)));
    let b = dashboard_with_baseline(&p, &l, &baseline, &s, AS_OF);
    assert_eq!(b, dashboard(&p, &l, &s, AS_OF));
}
