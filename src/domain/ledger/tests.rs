use super::*;
use crate::domain::model::{Application, CreditNote, Customer, Payment};
use crate::domain::terms::{Terms, TermsBase};
use proptest::prelude::*;
use std::collections::HashMap;

fn d(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, month, day).unwrap()
}
fn cny(minor: i64) -> Money {
    Money::new(minor, Currency::CNY)
}
fn usd(minor: i64) -> Money {
    Money::new(minor, Currency::USD)
}

fn inv(number: &str, customer: &str, date: NaiveDate, amount: Money) -> Invoice {
    Invoice::new(number, customer, date, amount)
}
fn due_on(mut invoice: Invoice, due: NaiveDate) -> Invoice {
    invoice.due = Some(due);
    invoice
}
fn pay(number: &str, customer: &str, date: NaiveDate, amount: Money) -> Payment {
    Payment {
        number: number.into(),
        customer: customer.into(),
        date,
        amount,
        applies_to: vec![],
    }
}
fn naming(mut payment: Payment, invoice: &str, amount: Option<Money>) -> Payment {
    payment.applies_to.push(Application {
        invoice: invoice.into(),
        amount,
    });
    payment
}
fn credit(
    number: &str,
    customer: &str,
    date: NaiveDate,
    amount: Money,
    invoice: Option<&str>,
) -> CreditNote {
    CreditNote {
        number: number.into(),
        customer: customer.into(),
        invoice: invoice.map(Into::into),
        date,
        amount,
    }
}
fn pool(invoices: Vec<Invoice>, payments: Vec<Payment>, credit_notes: Vec<CreditNote>) -> Pool {
    Pool {
        invoices,
        payments,
        credit_notes,
        ..Pool::default()
    }
}
fn line<'l>(ledger: &'l Ledger, pool: &Pool, number: &str) -> &'l InvoiceLine {
    ledger
        .lines
        .iter()
        .find(|l| l.number(pool) == number)
        .expect("line for invoice")
}
fn open(ledger: &Ledger, pool: &Pool, number: &str) -> i64 {
    line(ledger, pool, number).open.minor
}
fn credits(ledger: &Ledger) -> Vec<(&str, Money)> {
    ledger
        .unapplied
        .iter()
        .map(|c| (c.customer.as_str(), c.amount))
        .collect()
}

#[test]
fn unpaid_invoice_is_open_then_overdue() {
    let p = pool(
        vec![due_on(inv("I1", "A", d(1, 1), cny(100)), d(2, 1))],
        vec![],
        vec![],
    );
    let before = ledger(&p, AsOf(d(1, 31)));
    let l = line(&before, &p, "I1");
    assert_eq!(
        (l.status, l.days_overdue, l.open),
        (InvoiceStatus::Open, -1, cny(100))
    );
    assert_eq!(before.total_open.get(Currency::CNY), cny(100));
    assert!(before.total_overdue.is_empty());

    let after = ledger(&p, AsOf(d(2, 2)));
    let l = line(&after, &p, "I1");
    assert_eq!((l.status, l.days_overdue), (InvoiceStatus::Overdue, 1));
    assert_eq!(after.total_overdue.get(Currency::CNY), cny(100));
}

#[test]
fn records_after_the_as_of_date_do_not_count() {
    let p = pool(
        vec![
            inv("I1", "A", d(1, 1), cny(100)),
            inv("I2", "A", d(3, 1), cny(100)),
        ],
        vec![pay("P1", "A", d(2, 1), cny(100))],
        vec![credit("C1", "A", d(2, 1), cny(30), Some("I1"))],
    );
    let jan = ledger(&p, AsOf(d(1, 31)));
    assert_eq!(jan.lines.len(), 1);
    assert_eq!(open(&jan, &p, "I1"), 100);

    let feb = ledger(&p, AsOf(d(2, 1)));
    assert_eq!(open(&feb, &p, "I1"), 0);
    assert_eq!(credits(&feb), vec![("A", cny(30))]);

    let mar = ledger(&p, AsOf(d(3, 1)));
    assert_eq!(open(&mar, &p, "I2"), 70);
    assert!(mar.unapplied.is_empty());
}

#[test]
fn named_invoices_are_paid_in_the_order_listed() {
    let p = pool(
        vec![
            inv("I1", "A", d(1, 1), cny(100)),
            inv("I2", "A", d(1, 2), cny(100)),
        ],
        vec![naming(
            naming(pay("P1", "A", d(1, 5), cny(150)), "I2", None),
            "I1",
            None,
        )],
        vec![],
    );
    let l = ledger(&p, AsOf(d(1, 5)));
    assert_eq!((open(&l, &p, "I1"), open(&l, &p, "I2")), (50, 0));
    assert_eq!(line(&l, &p, "I2").settled_on, Some(d(1, 5)));
    assert_eq!(line(&l, &p, "I1").applied, cny(50));
}

#[test]
fn explicit_amount_is_honoured_and_the_rest_goes_oldest_first() {
    let p = pool(
        vec![
            inv("I1", "A", d(1, 1), cny(100)),
            inv("I2", "A", d(1, 2), cny(100)),
        ],
        vec![naming(
            pay("P1", "A", d(1, 5), cny(100)),
            "I2",
            Some(cny(30)),
        )],
        vec![],
    );
    let l = ledger(&p, AsOf(d(1, 5)));
    assert_eq!((open(&l, &p, "I1"), open(&l, &p, "I2")), (30, 70));
}

#[test]
fn explicit_amounts_are_capped_by_the_payment_and_the_invoice() {
    let p = pool(
        vec![
            inv("I1", "A", d(1, 1), cny(100)),
            inv("I2", "A", d(1, 2), cny(100)),
        ],
        vec![
            naming(pay("P1", "A", d(1, 5), cny(50)), "I2", Some(cny(80))),
            naming(pay("P2", "A", d(1, 6), cny(200)), "I2", Some(cny(500))),
        ],
        vec![],
    );
    let l = ledger(&p, AsOf(d(1, 6)));
    // P1 gives I2 its 50; P2 closes I2 with 50, then I1 with 100; 50 left over.
    assert_eq!((open(&l, &p, "I1"), open(&l, &p, "I2")), (0, 0));
    assert_eq!(credits(&l), vec![("A", cny(50))]);
}

#[test]
fn oldest_first_is_by_due_date_then_invoice_date_then_number() {
    let p = pool(
        vec![
            due_on(inv("I-late-due", "A", d(1, 1), cny(100)), d(3, 1)),
            due_on(inv("I-b", "A", d(1, 5), cny(100)), d(2, 1)),
            due_on(inv("I-a", "A", d(1, 5), cny(100)), d(2, 1)),
            due_on(inv("I-early", "A", d(1, 3), cny(100)), d(2, 1)),
        ],
        vec![pay("P1", "A", d(1, 10), cny(250))],
        vec![],
    );
    let l = ledger(&p, AsOf(d(1, 10)));
    assert_eq!(open(&l, &p, "I-early"), 0);
    assert_eq!(open(&l, &p, "I-a"), 0);
    assert_eq!(open(&l, &p, "I-b"), 50);
    assert_eq!(open(&l, &p, "I-late-due"), 100);
}

#[test]
fn overpayment_stays_as_credit_per_customer_and_currency() {
    let p = pool(
        vec![inv("I1", "A", d(1, 1), cny(100))],
        vec![
            pay("P1", "A", d(1, 5), cny(130)),
            pay("P2", "B", d(1, 5), usd(7)),
        ],
        vec![],
    );
    let l = ledger(&p, AsOf(d(1, 5)));
    assert_eq!(open(&l, &p, "I1"), 0);
    assert_eq!(credits(&l), vec![("A", cny(30)), ("B", usd(7))]);
    assert_eq!(l.total_unapplied.get(Currency::CNY), cny(30));
    assert!(l.total_open.is_empty());
}

#[test]
fn currencies_never_mix() {
    let p = pool(
        vec![inv("I1", "A", d(1, 1), cny(100))],
        vec![
            naming(pay("P1", "A", d(1, 5), usd(40)), "I1", None),
            naming(pay("P2", "A", d(1, 5), cny(40)), "I1", Some(usd(40))),
        ],
        vec![],
    );
    let l = ledger(&p, AsOf(d(1, 5)));
    // The USD payment stays credit; P2's USD-tagged share falls through to oldest-first.
    assert_eq!(open(&l, &p, "I1"), 60);
    assert_eq!(credits(&l), vec![("A", usd(40))]);
}

#[test]
fn unknown_or_foreign_invoices_fall_through_to_oldest_first() {
    let p = pool(
        vec![
            inv("I1", "A", d(1, 1), cny(100)),
            inv("I2", "A", d(1, 2), cny(100)),
            inv("X1", "B", d(1, 1), cny(100)),
        ],
        vec![
            naming(pay("P1", "A", d(1, 5), cny(30)), "NOPE", None),
            naming(pay("P2", "A", d(1, 5), cny(30)), "X1", None),
            naming(pay("P3", "A", d(1, 5), cny(30)), "I3-future", None),
        ],
        vec![],
    );
    let l = ledger(&p, AsOf(d(1, 5)));
    assert_eq!((open(&l, &p, "I1"), open(&l, &p, "I2")), (10, 100));
    assert_eq!(
        open(&l, &p, "X1"),
        100,
        "another customer's invoice is never touched"
    );
}

#[test]
fn credit_notes_reduce_the_named_invoice_or_the_oldest() {
    let p = pool(
        vec![
            inv("I1", "A", d(1, 1), cny(100)),
            inv("I2", "A", d(1, 2), cny(100)),
        ],
        vec![],
        vec![
            credit("C1", "A", d(1, 3), cny(120), Some("I2")),
            credit("C2", "A", d(1, 4), cny(10), None),
        ],
    );
    let l = ledger(&p, AsOf(d(1, 4)));
    // C1 closes I2 and its remaining 20 goes to I1; C2 takes 10 more from I1.
    assert_eq!((open(&l, &p, "I1"), open(&l, &p, "I2")), (70, 0));
    assert_eq!(line(&l, &p, "I2").settled_on, Some(d(1, 3)));
}

#[test]
fn settled_on_is_the_closing_date_and_never_before_the_invoice() {
    let p = pool(
        vec![
            inv("I1", "A", d(1, 1), cny(100)),
            inv("I2", "A", d(2, 1), cny(50)),
        ],
        vec![
            pay("P1", "A", d(1, 10), cny(60)),
            pay("P2", "A", d(1, 20), cny(90)),
        ],
        vec![],
    );
    let l = ledger(&p, AsOf(d(2, 1)));
    assert_eq!(line(&l, &p, "I1").settled_on, Some(d(1, 20)));
    // P2's surplus was credit until I2 was issued: settled the day it was issued.
    assert_eq!(line(&l, &p, "I2").settled_on, Some(d(2, 1)));
    assert_eq!(line(&l, &p, "I2").status, InvoiceStatus::Paid);
    assert!(l.unapplied.is_empty());
    assert_eq!(ledger(&p, AsOf(d(1, 31))).unapplied.len(), 1);
}

#[test]
fn negative_invoice_acts_as_an_unnamed_credit_note() {
    let p = pool(
        vec![
            inv("I1", "A", d(1, 1), cny(100)),
            inv("R1", "A", d(1, 3), cny(-40)),
        ],
        vec![],
        vec![],
    );
    let l = ledger(&p, AsOf(d(1, 3)));
    assert_eq!(
        l.lines.len(),
        1,
        "a negative invoice has no line of its own"
    );
    assert_eq!(open(&l, &p, "I1"), 60);
    assert_eq!(ledger(&p, AsOf(d(1, 2))).lines[0].open, cny(100));
}

#[test]
fn refunds_lower_credit_and_touch_no_invoice() {
    let p = pool(
        vec![inv("I1", "A", d(1, 1), cny(100))],
        vec![
            pay("P1", "A", d(1, 2), cny(150)),
            pay("P2", "A", d(1, 3), cny(-50)),
            pay("P3", "B", d(1, 3), cny(-5)),
        ],
        vec![credit("C1", "A", d(1, 4), cny(0), Some("I1"))],
    );
    let l = ledger(&p, AsOf(d(1, 4)));
    assert_eq!(open(&l, &p, "I1"), 0);
    assert_eq!(credits(&l), vec![("B", cny(-5))]);
}

#[test]
fn zero_invoice_is_paid_on_its_own_date() {
    let p = pool(vec![inv("I0", "A", d(1, 1), cny(0))], vec![], vec![]);
    let l = ledger(&p, AsOf(d(5, 1)));
    let zero = line(&l, &p, "I0");
    assert_eq!(
        (zero.status, zero.settled_on),
        (InvoiceStatus::Paid, Some(d(1, 1)))
    );
    assert!(l.total_open.is_empty());
}

#[test]
fn due_dates_come_from_the_invoice_then_the_customer_terms() {
    let mut p = pool(
        vec![
            inv("I1", "A", d(1, 10), cny(100)),
            inv("I2", "B", d(1, 10), cny(100)),
        ],
        vec![],
        vec![],
    );
    p.customers.push(Customer {
        terms: Some(Terms::new(TermsBase::EndOfMonth, 30)),
        ..Customer::new("A", "Alpha")
    });
    let l = ledger(&p, AsOf(d(3, 15)));
    assert_eq!(line(&l, &p, "I1").due, d(3, 1));
    assert_eq!(line(&l, &p, "I1").days_overdue, 14);
    assert_eq!(line(&l, &p, "I2").due, d(1, 10), "no terms: due on receipt");
}

#[test]
fn payments_apply_in_date_then_number_order_whatever_the_vector_order() {
    let invoices = vec![
        inv("I1", "A", d(1, 1), cny(100)),
        inv("I2", "A", d(1, 2), cny(100)),
    ];
    let early = pay("P9", "A", d(1, 5), cny(100));
    let named = naming(pay("P1", "A", d(1, 6), cny(100)), "I1", None);
    let same_day = pay("P0", "A", d(1, 6), cny(10));
    let a = pool(
        invoices.clone(),
        vec![named.clone(), same_day.clone(), early.clone()],
        vec![],
    );
    let b = pool(invoices, vec![early, named, same_day], vec![]);
    let (la, lb) = (ledger(&a, AsOf(d(1, 6))), ledger(&b, AsOf(d(1, 6))));
    assert_eq!(la, lb);
    // P9 (Jan 5) closed I1; P0 then took 10 of I2; P1 found I1 closed and paid I2's 90.
    assert_eq!((open(&la, &a, "I1"), open(&la, &a, "I2")), (0, 0));
    assert_eq!(credits(&la), vec![("A", cny(10))]);
}

#[test]
fn duplicate_invoice_numbers_name_the_first_in_pool_order() {
    let p = pool(
        vec![
            inv("I1", "A", d(1, 2), cny(100)),
            inv("I1", "A", d(1, 1), cny(100)),
        ],
        vec![naming(pay("P1", "A", d(1, 5), cny(100)), "I1", None)],
        vec![],
    );
    let l = ledger(&p, AsOf(d(1, 5)));
    assert_eq!((l.lines[0].open.minor, l.lines[1].open.minor), (0, 100));
}

#[test]
fn customer_balances_and_line_lookup() {
    let p = pool(
        vec![
            due_on(inv("I1", "A", d(1, 1), cny(100)), d(1, 15)),
            inv("I2", "A", d(2, 1), usd(300)),
            inv("I3", "B", d(1, 1), cny(500)),
            inv("I4", "B", d(9, 1), cny(500)),
        ],
        vec![
            pay("P1", "B", d(1, 5), cny(600)),
            pay("P2", "C", d(1, 5), cny(1)),
        ],
        vec![],
    );
    let l = ledger(&p, AsOf(d(2, 1)));
    let all = l.customer_balances(&p);
    assert_eq!(all.keys().copied().collect::<Vec<_>>(), vec!["A", "B", "C"]);
    let a = &all["A"];
    assert_eq!((a.open_count, a.overdue_count), (2, 1));
    assert_eq!(a.overdue.get(Currency::CNY), cny(100));
    assert_eq!(a.open.get(Currency::USD), usd(300));
    let b = l.customer_balance(&p, "B");
    assert_eq!(b, all["B"]);
    assert_eq!(b.net().get(Currency::CNY), cny(-100));
    assert_eq!(l.customer_balance(&p, "nobody"), CustomerBalance::default());

    assert_eq!(l.line_for(1).map(|x| x.open), Some(usd(300)));
    assert!(l.line_for(3).is_none(), "I4 is dated after the as-of date");
    assert!(l.line_for(99).is_none());
    assert_eq!(
        l.lines[0].number(&Pool::default()),
        "",
        "wrong pool: no panic"
    );
}

/// Per (customer, currency): open − unapplied == invoices − payments − credit notes, as of D.
fn assert_conserved(pool: &Pool, l: &Ledger) -> Result<(), TestCaseError> {
    let mut expected: HashMap<(&str, Currency), i64> = HashMap::new();
    let mut entry = |customer, m: Money, sign: i64, date: NaiveDate| {
        if l.as_of.includes(date) {
            *expected.entry((customer, m.currency)).or_default() += sign * m.minor;
        }
    };
    for i in &pool.invoices {
        entry(i.customer.as_str(), i.amount, 1, i.date);
    }
    for p in &pool.payments {
        entry(p.customer.as_str(), p.amount, -1, p.date);
    }
    for c in &pool.credit_notes {
        entry(c.customer.as_str(), c.amount, -1, c.date);
    }
    let mut actual: HashMap<(&str, Currency), i64> = HashMap::new();
    for line in &l.lines {
        prop_assert!(line.open.minor >= 0 && line.open.minor <= line.amount.minor);
        prop_assert_eq!(line.applied.minor + line.open.minor, line.amount.minor);
        prop_assert_eq!(line.status == InvoiceStatus::Paid, line.open.is_zero());
        prop_assert_eq!(line.settled_on.is_some(), line.open.is_zero());
        *actual
            .entry((line.customer(pool), line.currency))
            .or_default() += line.open.minor;
    }
    for c in &l.unapplied {
        *actual
            .entry((c.customer.as_str(), c.amount.currency))
            .or_default() -= c.amount.minor;
    }
    expected.retain(|_, v| *v != 0);
    actual.retain(|_, v| *v != 0);
    prop_assert_eq!(expected, actual);
    Ok(())
}

const CUSTOMERS: [&str; 3] = ["A", "B", "C"];
const CURRENCIES: [Currency; 2] = [Currency::CNY, Currency::USD];

fn day(offset: i64) -> NaiveDate {
    d(1, 1) + chrono::Duration::days(offset)
}
fn arb_money(range: std::ops::Range<i64>) -> impl Strategy<Value = Money> {
    (0..2usize, range).prop_map(|(c, minor)| Money::new(minor, CURRENCIES[c]))
}
fn arb_invoice() -> impl Strategy<Value = Invoice> {
    (
        0..3usize,
        0..12u32,
        0..60i64,
        arb_money(-2_000..10_000),
        proptest::option::of(0..90i64),
    )
        .prop_map(|(c, n, date, amount, due)| {
            let mut i = inv(&format!("I{n}"), CUSTOMERS[c], day(date), amount);
            i.due = due.map(day);
            i
        })
}
fn arb_payment() -> impl Strategy<Value = Payment> {
    let application =
        (0..14u32, proptest::option::of(arb_money(-100..6_000))).prop_map(|(n, amount)| {
            Application {
                invoice: format!("I{n}"),
                amount,
            }
        });
    (
        0..3usize,
        0..8u32,
        0..60i64,
        arb_money(-1_000..15_000),
        proptest::collection::vec(application, 0..3),
    )
        .prop_map(|(c, n, date, amount, applies_to)| Payment {
            number: format!("P{n}"),
            customer: CUSTOMERS[c].into(),
            date: day(date),
            amount,
            applies_to,
        })
}
fn arb_credit_note() -> impl Strategy<Value = CreditNote> {
    (
        0..3usize,
        0..5u32,
        0..60i64,
        arb_money(-500..3_000),
        proptest::option::of(0..14u32),
    )
        .prop_map(|(c, n, date, amount, target)| {
            credit(
                &format!("C{n}"),
                CUSTOMERS[c],
                day(date),
                amount,
                target.map(|t| format!("I{t}")).as_deref(),
            )
        })
}
pub(crate) fn arb_pool() -> impl Strategy<Value = Pool> {
    (
        proptest::collection::vec(arb_invoice(), 0..25),
        proptest::collection::vec(arb_payment(), 0..15),
        proptest::collection::vec(arb_credit_note(), 0..8),
    )
        .prop_map(|(i, p, c)| pool(i, p, c))
}

proptest! {
    #[test]
    fn balances_are_conserved(p in arb_pool(), as_of in -5..70i64) {
        assert_conserved(&p, &ledger(&p, AsOf(day(as_of))))?;
    }

    #[test]
    fn credit_is_only_left_where_nothing_is_open(p in arb_pool(), as_of in 0..70i64) {
        let l = ledger(&p, AsOf(day(as_of)));
        for c in l.unapplied.iter().filter(|c| c.amount.minor > 0) {
            let owed = l.customer_balance(&p, &c.customer).open.get(c.amount.currency);
            prop_assert_eq!(owed.minor, 0);
        }
    }

    #[test]
    fn totals_match_the_lines(p in arb_pool(), as_of in 0..70i64) {
        let l = ledger(&p, AsOf(day(as_of)));
        let (mut open, mut overdue, mut unapplied) = (Totals::new(), Totals::new(), Totals::new());
        for line in l.lines.iter().filter(|l| l.open.minor > 0) {
            open.add(line.open);
            if line.days_overdue > 0 {
                overdue.add(line.open);
            }
        }
        for c in &l.unapplied {
            unapplied.add(c.amount);
        }
        prop_assert_eq!((open, overdue, unapplied), (l.total_open.clone(), l.total_overdue.clone(), l.total_unapplied.clone()));
    }

    #[test]
    fn vector_order_does_not_matter(
        (p, payment_order, credit_order) in arb_pool().prop_flat_map(|p| {
            let payments: Vec<usize> = (0..p.payments.len()).collect();
            let credits: Vec<usize> = (0..p.credit_notes.len()).collect();
            (Just(p), Just(payments).prop_shuffle(), Just(credits).prop_shuffle())
        }),
        as_of in 0..70i64,
    ) {
        let mut shuffled = p.clone();
        shuffled.payments = payment_order.iter().map(|&i| p.payments[i].clone()).collect();
        shuffled.credit_notes = credit_order.iter().map(|&i| p.credit_notes[i].clone()).collect();
        let as_of = AsOf(day(as_of));
        prop_assert_eq!(ledger(&p, as_of), ledger(&shuffled, as_of));
    }

    #[test]
    fn before_every_record_the_ledger_is_empty(p in arb_pool()) {
        let l = ledger(&p, AsOf(day(-1)));
        prop_assert!(l.lines.is_empty() && l.unapplied.is_empty());
        prop_assert!(l.total_open.is_empty() && l.total_overdue.is_empty() && l.total_unapplied.is_empty());
    }
}

#[test]
fn a_hundred_thousand_invoices_and_payments() {
    const N: usize = 100_000;
    let customers: Vec<String> = (0..2_000).map(|c| format!("C{c:04}")).collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |bound: u64| {
        // xorshift: reproducible without a dependency.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % bound
    };
    let mut invoices = Vec::with_capacity(N);
    for n in 0..N {
        let customer = &customers[next(customers.len() as u64) as usize];
        let currency = CURRENCIES[next(2) as usize];
        let mut i = inv(
            &format!("INV{n:06}"),
            customer,
            day(next(700) as i64),
            Money::new(next(1_000_000) as i64, currency),
        );
        i.terms = Some(Terms::new(TermsBase::InvoiceDate, next(90) as u32));
        invoices.push(i);
    }
    let mut payments = Vec::with_capacity(N);
    for n in 0..N {
        let target = &invoices[next(N as u64) as usize];
        let mut p = pay(
            &format!("PAY{n:06}"),
            &target.customer,
            day(next(720) as i64),
            target.amount,
        );
        if n % 2 == 0 {
            p = naming(p, &target.number, None);
        }
        payments.push(p);
    }
    let p = pool(invoices, payments, vec![]);
    let l = ledger(&p, AsOf(day(400)));
    assert!(l.lines.len() > N / 2 && l.lines.len() < N);
    assert!(l.lines.windows(2).all(|w| w[0].index < w[1].index));
    assert!(l.lines.iter().any(|x| x.status == InvoiceStatus::Paid));
    assert!(l.lines.iter().any(|x| x.status == InvoiceStatus::Overdue));
    assert_conserved(&p, &l).unwrap();
    let everything = ledger(&p, AsOf(day(800)));
    assert_eq!(everything.lines.len(), N);
    assert_conserved(&p, &everything).unwrap();
}
