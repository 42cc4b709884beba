use super::*;
use crate::domain::approvals::{
    ApprovalConfig, ApprovalRequest, ApprovalStep, Decision, RequestKind, Subject,
};
use crate::domain::ledger::ledger;
use crate::domain::model::{Application, Customer, Invoice, Payment, Pool, Role, SalesOrder};
use crate::domain::money::{Currency, Money};
use crate::domain::terms::{Terms, TermsBase};
use chrono::NaiveDateTime;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn cny(yuan: i64) -> Money {
    Money::new(yuan * 100, Currency::CNY)
}
fn usd(dollars: i64) -> Money {
    Money::new(dollars * 100, Currency::USD)
}
fn customer(code: &str, limit: Option<Money>, terms: Option<Terms>) -> Customer {
    Customer {
        credit_limit: limit,
        terms,
        ..Customer::new(code, format!("{code} 有限公司"))
    }
}
fn inv(number: &str, cust: &str, date: NaiveDate, amount: Money, due: NaiveDate) -> Invoice {
    Invoice {
        due: Some(due),
        ..Invoice::new(number, cust, date, amount)
    }
}
/// Pays `invoice` in full on `date` (`amount` must be its amount).
fn pay(number: &str, cust: &str, date: NaiveDate, amount: Money, invoice: &str) -> Payment {
    Payment {
        number: number.into(),
        customer: cust.into(),
        date,
        amount,
        applies_to: vec![Application {
            invoice: invoice.into(),
            amount: None,
        }],
    }
}
fn factor(rating: &CreditRating, kind: FactorKind) -> &Factor {
    rating.factors.iter().find(|f| f.kind == kind).unwrap()
}
fn value(rating: &CreditRating, kind: FactorKind) -> f64 {
    match factor(rating, kind).value {
        FactorValue::Percent(x) | FactorValue::Days(x) => x,
        FactorValue::Count(n) => f64::from(n),
        FactorValue::NotApplicable => f64::NAN,
    }
}
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-3
}

/// Customer C1, limit ¥100,000, as of 2024-12-31:
///
/// | inv | date  | amount  | due   | settled | days late | note |
/// |-----|-------|---------|-------|---------|-----------|------|
/// | I1  | 01-10 | ¥10,000 | 02-09 | 02-05   | −4 → 0    | on time |
/// | I2  | 03-01 | ¥20,000 | 03-31 | 04-10   | 10        | late |
/// | I3  | 05-01 | ¥30,000 | 05-31 | 05-31   | 0         | on time (on the due date) |
/// | I4  | 07-01 | ¥40,000 | 07-31 | 09-14   | 45        | late, disputed |
/// | I5  | 11-01 | ¥50,000 | 12-01 | open    | 30 so far | decided: already late |
/// | I6  | 12-15 | ¥30,000 | 01-14 | open    | —         | not yet due: undecided |
/// | I7  | 06-01 | $1,000  | 07-01 | 07-01   | 0         | on time, USD |
fn history_pool() -> Pool {
    let mut i4 = inv("I4", "C1", d(2024, 7, 1), cny(40_000), d(2024, 7, 31));
    i4.disputed = true;
    Pool {
        customers: vec![customer("C1", Some(cny(100_000)), None)],
        invoices: vec![
            inv("I1", "C1", d(2024, 1, 10), cny(10_000), d(2024, 2, 9)),
            inv("I2", "C1", d(2024, 3, 1), cny(20_000), d(2024, 3, 31)),
            inv("I3", "C1", d(2024, 5, 1), cny(30_000), d(2024, 5, 31)),
            i4,
            inv("I5", "C1", d(2024, 11, 1), cny(50_000), d(2024, 12, 1)),
            inv("I6", "C1", d(2024, 12, 15), cny(30_000), d(2025, 1, 14)),
            inv("I7", "C1", d(2024, 6, 1), usd(1_000), d(2024, 7, 1)),
        ],
        payments: vec![
            pay("P1", "C1", d(2024, 2, 5), cny(10_000), "I1"),
            pay("P2", "C1", d(2024, 4, 10), cny(20_000), "I2"),
            pay("P3", "C1", d(2024, 5, 31), cny(30_000), "I3"),
            pay("P4", "C1", d(2024, 9, 14), cny(40_000), "I4"),
            pay("P7", "C1", d(2024, 7, 1), usd(1_000), "I7"),
        ],
        ..Pool::default()
    }
}

#[test]
fn grade_from_a_hand_built_history() {
    let pool = history_pool();
    let as_of = AsOf(d(2024, 12, 31));
    let lg = ledger(&pool, as_of);
    let r = rate(&pool, &lg, "C1", &CreditPolicy::default(), as_of);

    // Decided: I1 I2 I3 I4 I5 I7 (6); on time: I1 I3 I7 (3) → 50 %.
    assert!(close(value(&r, FactorKind::OnTimeByCount), 50.0));
    // CNY (main currency: 6 of 7 invoices). Decided ¥150,000, on time ¥40,000 → 26.667 %.
    assert_eq!(r.currency, Some(Currency::CNY));
    assert!(close(value(&r, FactorKind::OnTimeByAmount), 400.0 / 15.0));
    // (20k×10 + 40k×45 + 50k×30) / 150k = 3,500k / 150k = 23.333 days.
    assert!(close(value(&r, FactorKind::AverageDaysLate), 70.0 / 3.0));
    // I4 settled 45 days late on 09-14, within 12 months; I5 is 30 days late so far.
    assert!(close(value(&r, FactorKind::WorstDaysLate), 45.0));
    // Open ¥80,000 (I5 + I6), overdue ¥50,000 (I5) → 62.5 %.
    assert!(close(value(&r, FactorKind::OverdueRatio), 62.5));
    assert_eq!(
        factor(&r, FactorKind::Disputes).value,
        FactorValue::Count(1)
    );
    // 2024-01-10 → 2024-12-31 (leap year): 356 days.
    assert!(close(value(&r, FactorKind::Tenure), 356.0));
    // ¥80,000 / ¥100,000 → 80 %.
    assert!(close(value(&r, FactorKind::LimitUse), 80.0));

    // Sub-scores: 50, 26.667, 100×(1−23.333/60)=61.111, 100×(1−45/120)=62.5, 37.5,
    // 100−25=75, 100×356/730=48.767, 100×(100−80)/50=40.
    let subs: Vec<f64> = r.factors.iter().map(|f| f.sub_score).collect();
    let expected = [
        50.0,
        400.0 / 15.0,
        100.0 * (1.0 - 70.0 / 180.0),
        62.5,
        37.5,
        75.0,
        100.0 * 356.0 / 730.0,
        40.0,
    ];
    for (got, want) in subs.iter().zip(expected) {
        assert!(close(*got, want), "{got} != {want}");
    }
    // Default weights 20 20 15 10 15 5 5 10 (sum 100):
    // (1000 + 533.333 + 916.667 + 625 + 562.5 + 375 + 243.836 + 400) / 100 = 46.563 → 46.6.
    assert_eq!(r.score, Some(46.6));
    assert_eq!(r.grade, Grade::C);
    let total: f64 = r.factors.iter().map(|f| f.contribution).sum();
    assert!(close(total, 46.563_36));
    assert!(close(
        factor(&r, FactorKind::OnTimeByCount).contribution,
        10.0
    ));
    assert_eq!(factor(&r, FactorKind::OnTimeByCount).weight, 20);
    assert!(close(factor(&r, FactorKind::OnTimeByCount).share, 0.2));

    assert_eq!(
        r.history,
        HistorySummary {
            invoices: 7,
            settled: 5,
            tenure_days: 356,
            first_invoice: Some(d(2024, 1, 10)),
        }
    );
    let limit = r.limit.as_ref().unwrap();
    assert_eq!(limit.utilisation_bp, Some(8000));
    assert_eq!(limit.flag, LimitFlag::Within);
    assert!(limit.other_currencies.is_empty());
}

#[test]
fn grace_days_make_a_slightly_late_payment_on_time() {
    let pool = history_pool();
    let as_of = AsOf(d(2024, 12, 31));
    let lg = ledger(&pool, as_of);
    let policy = CreditPolicy {
        grace_days: 10,
        ..CreditPolicy::default()
    };
    let r = rate(&pool, &lg, "C1", &policy, as_of);
    // I2 (10 days late) is now on time: 4 of 6; I5 is 30 > 10 days late, still decided.
    assert!(close(value(&r, FactorKind::OnTimeByCount), 400.0 / 6.0));
    // ¥60,000 of ¥150,000 on time; days late are still measured from the due date.
    assert!(close(value(&r, FactorKind::OnTimeByAmount), 40.0));
    assert!(close(value(&r, FactorKind::AverageDaysLate), 70.0 / 3.0));
}

#[test]
fn worst_days_late_only_looks_back_twelve_months() {
    let pool = history_pool();
    // 2025-09-20: I4 settled 2024-09-14, 371 days ago: out of the window. I1–I3 and I7 too.
    // I5 and I6 are still open and overdue: I5 due 2024-12-01 → 293 days.
    let as_of = AsOf(d(2025, 9, 20));
    let r = rate(
        &pool,
        &ledger(&pool, as_of),
        "C1",
        &CreditPolicy::default(),
        as_of,
    );
    assert!(close(value(&r, FactorKind::WorstDaysLate), 293.0));
    assert_eq!(factor(&r, FactorKind::WorstDaysLate).sub_score, 0.0);
}

#[test]
fn weights_of_missing_factors_are_shared_out() {
    let mut pool = history_pool();
    pool.customers[0].credit_limit = None;
    let as_of = AsOf(d(2024, 12, 31));
    let r = rate(
        &pool,
        &ledger(&pool, as_of),
        "C1",
        &CreditPolicy::default(),
        as_of,
    );
    let limit = factor(&r, FactorKind::LimitUse);
    assert_eq!(limit.value, FactorValue::NotApplicable);
    assert_eq!((limit.share, limit.contribution), (0.0, 0.0));
    assert!(r.limit.is_none());
    // The other 90 points carry the score: 4256.336 / 90 = 47.293 → 47.3.
    assert_eq!(r.score, Some(47.3));
    assert!(close(
        factor(&r, FactorKind::OnTimeByCount).share,
        20.0 / 90.0
    ));
    let shares: f64 = r.factors.iter().map(|f| f.share).sum();
    assert!(close(shares, 1.0));

    // All weights zero: the applicable factors count equally.
    let flat = CreditPolicy {
        weights: Weights {
            on_time_by_count: 0,
            on_time_by_amount: 0,
            average_days_late: 0,
            worst_days_late: 0,
            overdue_ratio: 0,
            disputes: 0,
            tenure: 0,
            limit_use: 0,
        },
        ..CreditPolicy::default()
    };
    let r = rate(&pool, &ledger(&pool, as_of), "C1", &flat, as_of);
    assert!(close(factor(&r, FactorKind::Tenure).share, 1.0 / 7.0));
}

#[test]
fn insufficient_history_is_marked_not_guessed() {
    let as_of = AsOf(d(2024, 12, 31));
    let policy = CreditPolicy::default();
    // Two settled invoices over a long tenure: too few.
    let pool = Pool {
        customers: vec![customer("N1", None, None), customer("N2", None, None)],
        invoices: vec![
            inv("A1", "N1", d(2024, 1, 1), cny(100), d(2024, 1, 31)),
            inv("A2", "N1", d(2024, 2, 1), cny(100), d(2024, 3, 2)),
            // Three settled, but the first invoice is only 60 days old.
            inv("B1", "N2", d(2024, 11, 1), cny(100), d(2024, 11, 5)),
            inv("B2", "N2", d(2024, 11, 2), cny(100), d(2024, 11, 6)),
            inv("B3", "N2", d(2024, 11, 3), cny(100), d(2024, 11, 7)),
        ],
        payments: vec![
            pay("PA1", "N1", d(2024, 1, 20), cny(100), "A1"),
            pay("PA2", "N1", d(2024, 2, 20), cny(100), "A2"),
            pay("PB1", "N2", d(2024, 11, 5), cny(100), "B1"),
            pay("PB2", "N2", d(2024, 11, 5), cny(100), "B2"),
            pay("PB3", "N2", d(2024, 11, 5), cny(100), "B3"),
        ],
        ..Pool::default()
    };
    let lg = ledger(&pool, as_of);
    let all = rate_all(&pool, &lg, &policy, as_of);
    assert_eq!(all.len(), 2);
    for r in &all {
        assert_eq!(r.grade, Grade::InsufficientHistory, "{}", r.customer);
        assert_eq!(r.score, None);
        assert_eq!(r.factors.len(), 8, "factors are still explained");
    }
    assert_eq!(all[0].history.settled, 2);
    assert_eq!(all[1].history.settled, 3);
    assert_eq!(all[1].history.tenure_days, 60);
    assert_eq!(Grade::InsufficientHistory.letter(), None);

    // A lower bar rates both.
    let lenient = CreditPolicy {
        min_history: MinHistory {
            settled_invoices: 2,
            tenure_days: 30,
        },
        ..policy
    };
    for r in rate_all(&pool, &lg, &lenient, as_of) {
        assert_eq!(r.grade, Grade::A, "{}", r.customer);
    }

    // No invoices at all.
    let empty = Pool {
        customers: vec![customer("Z", Some(cny(1)), None)],
        ..Pool::default()
    };
    let r = rate(
        &empty,
        &ledger(&empty, as_of),
        "Z",
        &CreditPolicy::default(),
        as_of,
    );
    assert_eq!(r.grade, Grade::InsufficientHistory);
    assert_eq!(r.currency, None);
    assert_eq!(r.limit.as_ref().unwrap().flag, LimitFlag::Within);
}

#[test]
fn over_and_near_limit_flags() {
    let as_of = AsOf(d(2024, 6, 30));
    let mk = |code: &str, open_yuan: i64| {
        (
            customer(code, Some(cny(10_000)), None),
            Invoice {
                amount: Money::new(open_yuan, Currency::CNY),
                ..inv(
                    &format!("{code}-1"),
                    code,
                    d(2024, 6, 1),
                    cny(0),
                    d(2024, 7, 1),
                )
            },
        )
    };
    // Amounts in fen: 8,999.99 / 9,000.00 / 10,000.00 / 10,000.01.
    let cases = [
        mk("W", 899_999),
        mk("N", 900_000),
        mk("E", 1_000_000),
        mk("O", 1_000_001),
    ];
    let mut pool = Pool::default();
    for (c, i) in cases {
        pool.customers.push(c);
        pool.invoices.push(i);
    }
    // A USD invoice for O: not converted, listed beside the figure.
    pool.invoices
        .push(inv("O-2", "O", d(2024, 6, 2), usd(5), d(2024, 7, 2)));
    let lg = ledger(&pool, as_of);
    let policy = CreditPolicy::default();
    let flags: Vec<(LimitFlag, Option<i64>)> = rate_all(&pool, &lg, &policy, as_of)
        .iter()
        .map(|r| {
            let l = r.limit.as_ref().unwrap();
            (l.flag, l.utilisation_bp)
        })
        .collect();
    assert_eq!(
        flags,
        vec![
            (LimitFlag::Within, Some(8999)),
            (LimitFlag::NearLimit, Some(9000)),
            (LimitFlag::NearLimit, Some(10000)),
            (LimitFlag::OverLimit, Some(10000)),
        ]
    );
    // The same from ledger balances, with a stricter threshold.
    let balances = lg.customer_balances(&pool);
    let o = limit_use(&pool.customers[3], &balances["O"], 90).unwrap();
    assert_eq!(o.flag, LimitFlag::OverLimit);
    assert_eq!(o.open, Money::new(1_000_001, Currency::CNY));
    assert_eq!(o.other_currencies, vec![usd(5)]);
    let w = limit_use(&pool.customers[0], &balances["W"], 80).unwrap();
    assert_eq!(w.flag, LimitFlag::NearLimit);
    // No limit: nothing; a zero limit: any open amount is over it.
    let mut none = pool.customers[0].clone();
    none.credit_limit = None;
    assert!(limit_use(&none, &balances["W"], 90).is_none());
    let mut zero = pool.customers[0].clone();
    zero.credit_limit = Some(cny(0));
    let z = limit_use(&zero, &balances["W"], 90).unwrap();
    assert_eq!((z.flag, z.utilisation_bp), (LimitFlag::OverLimit, None));
}

#[test]
fn suggestions_per_grade() {
    let policy = CreditPolicy::default();
    let c = customer(
        "C1",
        Some(cny(100_000)),
        Some(Terms::new(TermsBase::InvoiceDate, 30)),
    );
    let a = suggestion(Grade::A, &c, &policy);
    assert_eq!(a.payment, PaymentAdvice::Terms { max_days: 60 });
    assert!(!a.terms_exceed_advice);
    assert_eq!(a.suggested_limit, Some(cny(100_000)));
    let b = suggestion(Grade::B, &c, &policy);
    assert_eq!(b.payment, PaymentAdvice::Terms { max_days: 30 });
    assert!(!b.terms_exceed_advice);
    let s = suggestion(Grade::C, &c, &policy);
    assert_eq!(s.payment, PaymentAdvice::Terms { max_days: 15 });
    assert!(s.terms_exceed_advice);
    assert_eq!(s.suggested_limit, Some(cny(70_000)));
    assert_eq!(s.current_limit, Some(cny(100_000)));
    let dd = suggestion(Grade::D, &c, &policy);
    assert_eq!(dd.payment, PaymentAdvice::Prepayment);
    assert!(dd.terms_exceed_advice);
    let new = suggestion(Grade::InsufficientHistory, &c, &policy);
    assert_eq!(new.payment, PaymentAdvice::Terms { max_days: 30 });
    // Editable: C keeps 80 % and 20 days.
    let mut edited = policy.clone();
    edited.suggestions.c = GradeAdvice {
        max_terms_days: 20,
        limit_percent: 80,
        prepayment: false,
    };
    let s = suggestion(Grade::C, &c, &edited);
    assert_eq!(s.payment, PaymentAdvice::Terms { max_days: 20 });
    assert_eq!(s.suggested_limit, Some(cny(80_000)));
    // Rounded down to the fen: 70 % of ¥0.05 is 3.5 fen → 3 fen.
    let tiny = customer("T", Some(Money::new(5, Currency::CNY)), None);
    let s = suggestion(Grade::C, &tiny, &policy);
    assert_eq!(s.suggested_limit, Some(Money::new(3, Currency::CNY)));
    assert!(!s.terms_exceed_advice);
}

#[test]
fn grade_changes_against_the_last_stored_grade() {
    let as_of = AsOf(d(2024, 12, 31));
    let pool = history_pool();
    let lg = ledger(&pool, as_of);
    let now = rate_all(&pool, &lg, &CreditPolicy::default(), as_of);
    let on = d(2024, 12, 31);
    // First run: the first grade is stored.
    let first = grade_changes(&BTreeMap::new(), &now, on);
    assert_eq!(
        first,
        vec![GradeChange {
            customer: "C1".into(),
            from: None,
            to: Grade::C,
            on,
        }]
    );
    // Same grade again: nothing.
    assert!(grade_changes(&latest_grades(&first), &now, on).is_empty());
    // Was B: a change B → C.
    let previous = BTreeMap::from([("C1".to_owned(), Grade::B), ("GONE".to_owned(), Grade::A)]);
    let changes = grade_changes(&previous, &now, d(2025, 1, 1));
    assert_eq!(changes.len(), 1);
    assert_eq!((changes[0].from, changes[0].to), (Some(Grade::B), Grade::C));
    // The history's latest entry wins.
    let history = vec![
        GradeChange {
            customer: "X".into(),
            from: None,
            to: Grade::A,
            on: d(2024, 1, 1),
        },
        GradeChange {
            customer: "X".into(),
            from: Some(Grade::A),
            to: Grade::D,
            on: d(2024, 6, 1),
        },
    ];
    let mut reversed = history.clone();
    reversed.reverse();
    assert_eq!(latest_grades(&reversed)["X"], Grade::D);
}

#[test]
fn record_grades_is_stable_when_recomputed_and_when_looking_back() {
    let change = |to, on| GradeChange {
        customer: "X".into(),
        from: None,
        to,
        on,
    };
    let rating = |grade| CreditRating {
        customer: "X".into(),
        grade,
        score: None,
        factors: vec![],
        currency: None,
        history: HistorySummary::default(),
        limit: None,
    };
    let mut history = vec![change(Grade::A, d(2026, 6, 30))];
    // Same grade, same day: nothing new.
    assert!(record_grades(&history, &[rating(Grade::A)], d(2026, 6, 30)).is_empty());
    // Looking back to March, the customer was B: one entry dated March, from nothing
    // known before it.
    let back = record_grades(&history, &[rating(Grade::B)], d(2026, 3, 31));
    assert_eq!(back, vec![change(Grade::B, d(2026, 3, 31))]);
    history.extend(back);
    // Recomputing either date again adds nothing: each compares with its own past.
    assert!(record_grades(&history, &[rating(Grade::B)], d(2026, 3, 31)).is_empty());
    assert!(record_grades(&history, &[rating(Grade::A)], d(2026, 6, 30)).is_empty());
    // A real change later is recorded from the last grade before it.
    let later = record_grades(&history, &[rating(Grade::C)], d(2026, 7, 31));
    assert_eq!((later[0].from, later[0].to), (Some(Grade::A), Grade::C));
}

#[test]
fn rate_all_matches_rate_and_covers_unknown_customers() {
    let mut pool = history_pool();
    pool.customers.push(customer("C2", None, None));
    pool.invoices
        .push(inv("X1", "GHOST", d(2024, 3, 1), cny(5), d(2024, 3, 2)));
    pool.invoices
        .push(inv("Y1", "C2", d(2024, 3, 1), cny(5), d(2024, 3, 2)));
    let as_of = AsOf(d(2024, 12, 31));
    let lg = ledger(&pool, as_of);
    let policy = CreditPolicy::default();
    let all = rate_all(&pool, &lg, &policy, as_of);
    let codes: Vec<&str> = all.iter().map(|r| r.customer.as_str()).collect();
    assert_eq!(codes, ["C1", "C2", "GHOST"]);
    for r in &all {
        assert_eq!(*r, rate(&pool, &lg, &r.customer, &policy, as_of));
    }
}

#[test]
fn rate_all_handles_ten_thousand_customers() {
    let as_of = AsOf(d(2024, 12, 31));
    let mut pool = Pool::default();
    for c in 0..10_000 {
        let code = format!("C{c:05}");
        pool.customers
            .push(customer(&code, Some(cny(50_000)), None));
        for k in 0..10u32 {
            let date = d(2024, 1 + k, 1 + (c as u32 % 28));
            let due = date + chrono::Days::new(30);
            let number = format!("{code}-{k}");
            pool.invoices
                .push(inv(&number, &code, date, cny(1_000), due));
            if k < 7 {
                let paid = due + chrono::Days::new(u64::from(k * (c as u32 % 5)));
                pool.payments
                    .push(pay(&format!("P{number}"), &code, paid, cny(1_000), &number));
            }
        }
    }
    let lg = ledger(&pool, as_of);
    let start = std::time::Instant::now();
    let all = rate_all(&pool, &lg, &CreditPolicy::default(), as_of);
    let took = start.elapsed();
    assert_eq!(all.len(), 10_000);
    assert!(all.iter().all(|r| r.grade != Grade::InsufficientHistory));
    // Generous even for a debug build on a shared machine; a quadratic scan takes minutes.
    assert!(took.as_secs() < 20, "{took:?}");
}

fn order(number: &str, cust: &str, terms: Option<Terms>) -> SalesOrder {
    SalesOrder {
        number: number.into(),
        customer: cust.into(),
        date: d(2024, 5, 1),
        amount: cny(80_000),
        terms,
        salesperson: None,
        product_line: None,
        region: None,
    }
}
fn at(day: u32, hour: u32) -> NaiveDateTime {
    d(2024, 5, day).and_hms_opt(hour, 0, 0).unwrap()
}
fn step(id: &str, index: u32, role: Role, actor: &str, decision: Decision) -> ApprovalStep {
    ApprovalStep {
        request_id: id.into(),
        step_index: index,
        role,
        actor: actor.into(),
        decision,
        comment: if decision == Decision::Reject {
            "风险太高".into()
        } else {
            String::new()
        },
        at: at(3, 9 + index),
    }
}

#[test]
fn a_sixty_day_order_is_an_exception_until_approved() {
    let days = |n| Some(Terms::new(TermsBase::InvoiceDate, n));
    let pool = Pool {
        customers: vec![
            customer("C1", None, days(30)),
            customer("C2", None, Some(Terms::new(TermsBase::EndOfMonth, 45))),
        ],
        orders: vec![
            order("SO-1", "C1", days(60)),
            order("SO-2", "C1", days(30)), // the standard: fine
            order("SO-3", "C1", None),     // customer's 30 days: fine
            order("SO-4", "C2", None),     // customer's 月结45天: flagged
        ],
        ..Pool::default()
    };
    let config = ApprovalConfig::default();
    let settings = OrderPolicy::default();
    let flagged = policy_exceptions(&pool, &[], &[], &config, &settings);
    let ids: Vec<(&str, TermsSource)> = flagged
        .iter()
        .map(|e| (e.order.as_str(), e.source))
        .collect();
    assert_eq!(
        ids,
        [
            ("SO-1", TermsSource::Order),
            ("SO-4", TermsSource::Customer)
        ]
    );
    assert_eq!(flagged[0].terms.days, 60);
    assert_eq!(flagged[0].standard_days, 30);

    let request = ApprovalRequest {
        id: "R1".into(),
        subject: Subject::Order {
            customer: "C1".into(),
            number: "SO-1".into(),
        },
        kind: RequestKind::SpecialTerms { days: 60 },
        reason: "大客户年度框架".into(),
        promised_amount: Some(cny(80_000)),
        requested_by: "张三".into(),
        requested_at: at(2, 10),
    };
    // 60 > 30 days: the CFO signs too.
    assert_eq!(
        crate::domain::approvals::chain_for(&request, &config),
        [Role::SalesManager, Role::Finance, Role::Cfo]
    );
    let requests = vec![request];
    let mut steps = vec![
        step("R1", 0, Role::SalesManager, "李经理", Decision::Approve),
        step("R1", 1, Role::Finance, "王会计", Decision::Approve),
    ];
    // Pending: still flagged, with the request shown.
    let flagged = policy_exceptions(&pool, &requests, &steps, &config, &settings);
    assert_eq!(flagged[0].pending_request.as_deref(), Some("R1"));
    assert_eq!(flagged.len(), 2);
    steps.push(step("R1", 2, Role::Cfo, "赵总", Decision::Approve));
    let flagged = policy_exceptions(&pool, &requests, &steps, &config, &settings);
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].order, "SO-4");

    // Approval for fewer days than the order's does not clear it.
    let mut short = requests.clone();
    short[0].kind = RequestKind::SpecialTerms { days: 45 };
    let flagged = policy_exceptions(&pool, &short, &steps, &config, &settings);
    assert_eq!(flagged.len(), 2);
    assert_eq!(flagged[0].approved_days, Some(45));

    // A rejected request leaves the exception as it was.
    let rejected = vec![
        step("R1", 0, Role::SalesManager, "李经理", Decision::Approve),
        step("R1", 1, Role::Finance, "王会计", Decision::Reject),
    ];
    let flagged = policy_exceptions(&pool, &requests, &rejected, &config, &settings);
    assert_eq!(flagged.len(), 2);
    assert_eq!(flagged[0].pending_request, None);
}

#[test]
fn serde_shapes() {
    let policy = CreditPolicy::default();
    let json = serde_json::to_string(&policy).unwrap();
    assert_eq!(serde_json::from_str::<CreditPolicy>(&json).unwrap(), policy);
    // Missing fields take their defaults.
    let partial: CreditPolicy = serde_json::from_str(r#"{"grace_days": 5}"#).unwrap();
    assert_eq!(partial.grace_days, 5);
    assert_eq!(partial.weights, Weights::default());
    assert_eq!(serde_json::to_string(&Grade::A).unwrap(), r#""A""#);
    assert_eq!(
        serde_json::to_string(&Grade::InsufficientHistory).unwrap(),
        r#""insufficient_history""#
    );
    assert_eq!(
        serde_json::to_string(&FactorValue::Percent(50.0)).unwrap(),
        r#"{"unit":"percent","value":50.0}"#
    );
    assert_eq!(FactorValue::Percent(26.666).to_string(), "26.7%");
    assert_eq!(FactorValue::Days(23.333).to_string(), "23.3 d");
}

fn grade_rank(g: Grade) -> u8 {
    g as u8
}

proptest! {
    #[test]
    fn grade_is_monotone_in_score(
        s1 in 0.0f64..=100.0,
        s2 in 0.0f64..=100.0,
        a in 0.0f64..=100.0,
        b in 0.0f64..=100.0,
        c in 0.0f64..=100.0,
    ) {
        for cutoffs in [GradeCutoffs::default(), GradeCutoffs { a, b, c }] {
            let (lo, hi) = if s1 <= s2 { (s1, s2) } else { (s2, s1) };
            prop_assert!(
                grade_rank(Grade::from_score(hi, &cutoffs))
                    <= grade_rank(Grade::from_score(lo, &cutoffs))
            );
        }
    }

    #[test]
    fn sub_scores_are_bounded_and_monotone(x in 0.0f64..1000.0, y in 0.0f64..1000.0) {
        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
        for kind in FactorKind::ALL {
            let (s_lo, s_hi) = (
                sub_score(kind, FactorValue::Days(lo)),
                sub_score(kind, FactorValue::Days(hi)),
            );
            prop_assert!((0.0..=100.0).contains(&s_lo) && (0.0..=100.0).contains(&s_hi));
            let rising = matches!(
                kind,
                FactorKind::OnTimeByCount | FactorKind::OnTimeByAmount | FactorKind::Tenure
            );
            if rising {
                prop_assert!(s_hi >= s_lo);
            } else {
                prop_assert!(s_hi <= s_lo);
            }
        }
    }

    #[test]
    fn score_stays_within_bounds(
        invoices in prop::collection::vec(
            (
                0u32..700,
                1i64..5_000_000,
                0u32..90,
                prop::option::of(0i64..200),
                any::<bool>(),
                any::<bool>(),
            ),
            0..15,
        ),
        limit in prop::option::of(0i64..20_000_000),
        grace in 0u32..15,
        as_of_offset in 0u64..800,
    ) {
        let base = d(2023, 1, 1);
        let mut pool = Pool {
            customers: vec![customer("P", limit.map(|m| Money::new(m, Currency::CNY)), None)],
            ..Pool::default()
        };
        for (k, invoice) in invoices.into_iter().enumerate() {
            let (offset, amount, terms, paid_after, disputed, in_usd) = invoice;
            let date = base + chrono::Days::new(u64::from(offset));
            let due = date + chrono::Days::new(u64::from(terms));
            let money = Money::new(amount, if in_usd { Currency::USD } else { Currency::CNY });
            let mut invoice = inv(&format!("I{k}"), "P", date, money, due);
            invoice.disputed = disputed;
            pool.invoices.push(invoice);
            if let Some(after) = paid_after {
                let paid = date + chrono::Days::new(after as u64);
                pool.payments.push(pay(&format!("Q{k}"), "P", paid, money, &format!("I{k}")));
            }
        }
        let as_of = AsOf(base + chrono::Days::new(as_of_offset));
        let policy = CreditPolicy { grace_days: grace, ..CreditPolicy::default() };
        let lenient = CreditPolicy {
            min_history: MinHistory { settled_invoices: 0, tenure_days: 0 },
            ..policy.clone()
        };
        let lg = ledger(&pool, as_of);
        for p in [&policy, &lenient] {
            let r = rate(&pool, &lg, "P", p, as_of);
            if let Some(score) = r.score {
                prop_assert!((0.0..=100.0).contains(&score));
                prop_assert_eq!(r.grade, Grade::from_score(score, &p.grade_cutoffs));
                let sum: f64 = r.factors.iter().map(|f| f.contribution).sum();
                prop_assert!((sum - score).abs() <= 0.05 + 1e-9);
            } else {
                prop_assert_eq!(r.grade, Grade::InsufficientHistory);
            }
            for f in &r.factors {
                prop_assert!((0.0..=100.0).contains(&f.sub_score));
            }
        }
        prop_assert!(rate(&pool, &lg, "P", &lenient, as_of).score.is_some());
    }
}
