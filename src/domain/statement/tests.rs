//! Statements of the insight fixture (see `insight::tests::fixture` for the book), by hand.

use super::*;
use crate::domain::insight::tests::{cny, d, fixture, usd, AS_OF};

fn rows(c: &CurrencyStatement) -> Vec<(NaiveDate, EntryKind, &str, Money, Money)> {
    c.entries
        .iter()
        .map(|e| (e.date, e.kind, e.number.as_str(), e.change, e.balance))
        .collect()
}

#[test]
fn payment_for_an_older_invoice_and_a_partial_payment() {
    let p = fixture();
    let s = statement(&p, "C1", d(2026, 1, 1), AS_OF.0, &AgingEdges::default());
    assert_eq!((s.name.as_str(), s.currencies.len()), ("华东精密", 1));
    let c = s.currency(Currency::CNY).unwrap();
    // Opening (12-31): I1 100,000 unpaid.
    assert_eq!(c.opening, cny(100_000));
    assert_eq!(
        rows(c),
        [
            (
                d(2026, 1, 15),
                EntryKind::Invoice,
                "I2",
                cny(50_000),
                cny(150_000)
            ),
            // P1 pays part of I1, which is dated before the period.
            (
                d(2026, 1, 20),
                EntryKind::Payment,
                "P1",
                cny(-60_000),
                cny(90_000)
            ),
            (
                d(2026, 3, 5),
                EntryKind::Payment,
                "P2",
                cny(-45_000),
                cny(45_000)
            ),
        ]
    );
    // 100,000 + 50,000 − 105,000 − 0 = 45,000 = I2's open amount.
    assert_eq!(
        (c.invoiced, c.paid, c.credited),
        (cny(50_000), cny(105_000), cny(0))
    );
    assert_eq!(
        (c.closing, c.closing_open, c.closing_unapplied),
        (cny(45_000), cny(45_000), cny(0))
    );
    assert!(c.is_balanced());
    assert_eq!(s.entries_reference("P1"), Some("I1"));
    let items: Vec<_> = s
        .open_items
        .iter()
        .map(|i| (i.number.as_str(), i.open, i.days_overdue))
        .collect();
    assert_eq!(items, [("I2", cny(45_000), 34)]);
    // 34 days: the 31–60 bucket.
    assert_eq!(s.aging[2].amount.get(Currency::CNY), cny(45_000));
    assert_eq!(s.aging.iter().map(|b| b.total_count()).sum::<usize>(), 1);
}

#[test]
fn credit_note_overpayment_and_two_currencies() {
    let p = fixture();
    let s = statement(&p, "C2", d(2026, 3, 1), AS_OF.0, &AgingEdges::default());
    let c = s.currency(Currency::CNY).unwrap();
    // Opening (02-28): I3 30,000.
    assert_eq!(c.opening, cny(30_000));
    assert_eq!(
        rows(c),
        [
            (
                d(2026, 3, 5),
                EntryKind::Invoice,
                "I4",
                cny(20_000),
                cny(50_000)
            ),
            (
                d(2026, 3, 12),
                EntryKind::Payment,
                "P3",
                cny(-10_000),
                cny(40_000)
            ),
            (
                d(2026, 3, 15),
                EntryKind::CreditNote,
                "CN1",
                cny(-1_000),
                cny(39_000)
            ),
        ]
    );
    // 30,000 + 20,000 − 10,000 − 1,000 = 39,000 = I3 20,000 + I4 19,000.
    assert_eq!((c.closing, c.credited), (cny(39_000), cny(1_000)));
    assert!(c.is_balanced());
    let u = s.currency(Currency::USD).unwrap();
    // USD: U1 paid before the period; U2 5,000, then P6 6,000 → 1,000 owed to the customer.
    assert_eq!(u.opening, usd(0));
    assert_eq!(
        rows(u),
        [
            (
                d(2026, 3, 1),
                EntryKind::Invoice,
                "U2",
                usd(5_000),
                usd(5_000)
            ),
            (
                d(2026, 3, 18),
                EntryKind::Payment,
                "P6",
                usd(-6_000),
                usd(-1_000)
            ),
        ]
    );
    assert_eq!(
        (u.closing, u.closing_open, u.closing_unapplied),
        (usd(-1_000), usd(0), usd(1_000))
    );
    assert!(u.is_balanced());
    // Aging as of 03-20: I4 19,000 not yet due, I3 20,000 10 days over.
    assert_eq!(s.aging[0].amount.get(Currency::CNY), cny(19_000));
    assert_eq!(s.aging[1].amount.get(Currency::CNY), cny(20_000));
    assert!(s
        .aging
        .iter()
        .all(|b| b.amount.get(Currency::USD).is_zero()));
    assert_eq!(s.open_items[0].number, "I3", "most overdue first");
}

#[test]
fn prepayment_carries_into_the_next_period() {
    let p = fixture();
    let edges = AgingEdges::default();
    let feb = statement(&p, "C3", d(2026, 2, 1), d(2026, 2, 28), &edges);
    let c = feb.currency(Currency::CNY).unwrap();
    // P5 2,000 with nothing to pay: the customer is 2,000 in credit.
    assert_eq!(
        (c.opening, c.closing, c.closing_unapplied),
        (cny(0), cny(-2_000), cny(2_000))
    );
    let mar = statement(&p, "C3", d(2026, 3, 1), AS_OF.0, &edges);
    let c = mar.currency(Currency::CNY).unwrap();
    // −2,000 + I5 8,000 = 6,000, now all of it open on I5.
    assert_eq!(
        rows(c),
        [(
            d(2026, 3, 15),
            EntryKind::Invoice,
            "I5",
            cny(8_000),
            cny(6_000)
        )]
    );
    assert_eq!(
        (c.opening, c.closing, c.closing_open),
        (cny(-2_000), cny(6_000), cny(6_000))
    );
}

#[test]
fn many_at_once_backwards_dates_and_strangers() {
    let p = fixture();
    let edges = AgingEdges::default();
    let all = statements(&p, &["C2", "X9", "C1"], AS_OF.0, d(2026, 1, 1), &edges);
    assert_eq!(
        all.iter()
            .map(|s| (s.customer.as_str(), s.from))
            .collect::<Vec<_>>(),
        [
            ("C2", d(2026, 1, 1)),
            ("X9", d(2026, 1, 1)),
            ("C1", d(2026, 1, 1))
        ]
    );
    assert_eq!(all[2], statement(&p, "C1", d(2026, 1, 1), AS_OF.0, &edges));
    assert!(all[1].currencies.is_empty() && all[1].open_items.is_empty());
    assert_eq!(all[1].name, "X9");
}

#[test]
fn customers_with_overdue_items() {
    let p = fixture();
    let l = ledger(&p, AS_OF);
    assert_eq!(customers_with_overdue(&l, &p), ["C1", "C2", "C3"]);
    // 02-28: only C1 (I1 and I2); I3 is due 03-10 and U1 is paid.
    let feb = ledger(&p, AsOf(d(2026, 2, 28)));
    assert_eq!(customers_with_overdue(&feb, &p), ["C1"]);
}

impl Statement {
    fn entries_reference(&self, number: &str) -> Option<&str> {
        self.currencies
            .iter()
            .flat_map(|c| &c.entries)
            .find(|e| e.number == number)
            .and_then(|e| e.reference.as_deref())
    }
}
