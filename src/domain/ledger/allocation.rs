//! The allocation engine behind [`super::ledger`]: which settlement closes which invoice.
//!
//! O(n log n): invoices are sorted once per (customer, currency) group, settlements once by
//! date; each group keeps a cursor past its closed invoices, and invoices never reopen, so
//! oldest-first allocation is amortised O(1) per step. Strings are borrowed from the pool.

use crate::domain::asof::AsOf;
use crate::domain::fast_hash::{fast_map, FastMap};
use crate::domain::model::{Application, Pool};
use crate::domain::money::{Currency, Money};
use crate::domain::terms::{effective_due, Terms};
use chrono::NaiveDate;
use std::cmp::Ordering;

/// An invoice's balance: `open` runs down from `amount` as settlements are applied.
pub(super) struct Slot {
    /// Index into `pool.invoices`.
    pub index: usize,
    pub due: NaiveDate,
    pub date: NaiveDate,
    pub amount: Money,
    pub open: i64,
    pub settled_on: Option<NaiveDate>,
}

/// A customer's non-zero unused credit in one currency.
pub(super) struct Credit<'p> {
    pub customer: &'p str,
    pub amount: Money,
}

/// Invoices that count as of the date, in pool order, and credits by customer then currency.
pub(super) struct Allocation<'p> {
    pub slots: Vec<Slot>,
    pub credits: Vec<Credit<'p>>,
}

/// Applies every settlement that counts as of `as_of`, in (date, number) order.
pub(super) fn allocate(pool: &Pool, as_of: AsOf) -> Allocation<'_> {
    let mut book = Book::open_invoices(pool, as_of);
    let mut settlements = settlements(pool, as_of);
    settlements.sort_by(settlement_order);
    for settlement in &settlements {
        book.settle(settlement);
    }
    book.finish()
}

/// One customer's invoices in one currency, oldest first, and their unused credit.
struct Group<'p> {
    customer: &'p str,
    currency: Currency,
    oldest_first: Vec<usize>,
    /// Everything before it is closed; invoices never reopen, so it only moves forward.
    cursor: usize,
    unapplied: i64,
}

struct Book<'p> {
    slots: Vec<Slot>,
    groups: Vec<Group<'p>>,
    group_of: FastMap<(&'p str, Currency), usize>,
    /// (customer, number, currency) to slot; the first such invoice in pool order wins.
    named: FastMap<(&'p str, &'p str, Currency), usize>,
}

impl<'p> Book<'p> {
    fn open_invoices(pool: &'p Pool, as_of: AsOf) -> Book<'p> {
        let mut customer_terms: FastMap<&str, Option<Terms>> = fast_map(pool.customers.len());
        for customer in &pool.customers {
            customer_terms
                .entry(customer.code.as_str())
                .or_insert(customer.terms);
        }
        let mut book = Book {
            slots: Vec::with_capacity(pool.invoices.len()),
            groups: Vec::new(),
            group_of: fast_map(pool.customers.len()),
            named: fast_map(pool.invoices.len()),
        };
        for (index, invoice) in pool.invoices.iter().enumerate() {
            if !as_of.includes(invoice.date) || invoice.amount.minor < 0 {
                continue;
            }
            let terms = customer_terms
                .get(invoice.customer.as_str())
                .copied()
                .flatten();
            let slot = book.slots.len();
            book.slots.push(Slot {
                index,
                due: effective_due(invoice, terms),
                date: invoice.date,
                amount: invoice.amount,
                open: invoice.amount.minor,
                settled_on: (invoice.amount.minor == 0).then_some(invoice.date),
            });
            let currency = invoice.amount.currency;
            let group = book.group(&invoice.customer, currency);
            book.groups[group].oldest_first.push(slot);
            let key = (invoice.customer.as_str(), invoice.number.as_str(), currency);
            book.named.entry(key).or_insert(slot);
        }
        for group in &mut book.groups {
            let slots = &book.slots;
            group.oldest_first.sort_by(|&a, &b| {
                let (a, b) = (&slots[a], &slots[b]);
                let number = |s: &Slot| pool.invoices[s.index].number.as_str();
                (a.due, a.date, number(a), a.index).cmp(&(b.due, b.date, number(b), b.index))
            });
        }
        book
    }

    fn group(&mut self, customer: &'p str, currency: Currency) -> usize {
        *self
            .group_of
            .entry((customer, currency))
            .or_insert_with(|| {
                self.groups.push(Group {
                    customer,
                    currency,
                    oldest_first: Vec::new(),
                    cursor: 0,
                    unapplied: 0,
                });
                self.groups.len() - 1
            })
    }

    fn settle(&mut self, s: &Settlement<'p>) {
        let currency = s.amount.currency;
        let group = self.group(s.customer, currency);
        if s.amount.minor <= 0 {
            let credit = &mut self.groups[group].unapplied;
            *credit = credit.saturating_add(s.amount.minor);
            return;
        }
        let mut left = s.amount.minor;
        for (number, wanted) in s.targets() {
            let Some(&slot) = self.named.get(&(s.customer, number, currency)) else {
                continue;
            };
            let wanted = match wanted {
                None => left,
                Some(m) if m.currency == currency => m.minor.clamp(0, left),
                Some(_) => 0,
            };
            left -= apply(&mut self.slots[slot], wanted, s.date);
        }
        let group = &mut self.groups[group];
        while left > 0 && group.cursor < group.oldest_first.len() {
            let slot = &mut self.slots[group.oldest_first[group.cursor]];
            if slot.open == 0 {
                group.cursor += 1;
            } else {
                left -= apply(slot, left, s.date);
            }
        }
        group.unapplied = group.unapplied.saturating_add(left);
    }

    fn finish(self) -> Allocation<'p> {
        let mut credits: Vec<Credit<'p>> = self
            .groups
            .iter()
            .filter(|g| g.unapplied != 0)
            .map(|g| Credit {
                customer: g.customer,
                amount: Money::new(g.unapplied, g.currency),
            })
            .collect();
        credits.sort_by_key(|c| (c.customer, c.amount.currency));
        Allocation {
            slots: self.slots,
            credits,
        }
    }
}

/// Takes up to `wanted` (≥ 0) off the slot; returns what it took.
fn apply(slot: &mut Slot, wanted: i64, date: NaiveDate) -> i64 {
    let taken = wanted.min(slot.open).max(0);
    slot.open -= taken;
    if taken > 0 && slot.open == 0 {
        slot.settled_on = Some(date.max(slot.date));
    }
    taken
}

/// What a settlement names first.
#[derive(Clone, Copy)]
enum Targets<'p> {
    Listed(&'p [Application]),
    One(Option<&'p str>),
}

/// Ranked for tie-breaking only: same date and number is rare but must still be stable.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    CreditNote,
    NegativeInvoice,
    Payment,
}

/// A payment, a credit note, or a negative invoice, reduced to what allocation needs.
struct Settlement<'p> {
    date: NaiveDate,
    number: &'p str,
    kind: Kind,
    customer: &'p str,
    amount: Money,
    targets: Targets<'p>,
}

impl<'p> Settlement<'p> {
    /// (invoice number, explicit amount) pairs, in the order named.
    fn targets(&self) -> impl Iterator<Item = (&'p str, Option<Money>)> {
        let (listed, one): (&'p [Application], Option<&'p str>) = match self.targets {
            Targets::Listed(apps) => (apps, None),
            Targets::One(number) => (&[], number),
        };
        listed
            .iter()
            .map(|a| (a.invoice.as_str(), a.amount))
            .chain(one.map(|n| (n, None)))
    }
}

fn settlements(pool: &Pool, as_of: AsOf) -> Vec<Settlement<'_>> {
    let payments = pool.payments.iter().map(|p| Settlement {
        date: p.date,
        number: &p.number,
        kind: Kind::Payment,
        customer: &p.customer,
        amount: p.amount,
        targets: Targets::Listed(&p.applies_to),
    });
    let credit_notes = pool.credit_notes.iter().map(|c| Settlement {
        date: c.date,
        number: &c.number,
        kind: Kind::CreditNote,
        customer: &c.customer,
        amount: c.amount,
        targets: Targets::One(c.invoice.as_deref()),
    });
    let negative_invoices = pool
        .invoices
        .iter()
        .filter(|i| i.amount.minor < 0)
        .map(|i| Settlement {
            date: i.date,
            number: &i.number,
            kind: Kind::NegativeInvoice,
            customer: &i.customer,
            amount: Money::new(i.amount.minor.saturating_neg(), i.amount.currency),
            targets: Targets::One(None),
        });
    payments
        .chain(credit_notes)
        .chain(negative_invoices)
        .filter(|s| as_of.includes(s.date))
        .collect()
}

/// Date, then number; the rest only so that exact duplicates sort the same every time.
fn settlement_order<'p>(a: &Settlement<'p>, b: &Settlement<'p>) -> Ordering {
    fn key<'p>(s: &Settlement<'p>) -> (NaiveDate, &'p str, Kind, &'p str, Currency, i64) {
        (
            s.date,
            s.number,
            s.kind,
            s.customer,
            s.amount.currency,
            s.amount.minor,
        )
    }
    fn named<'p>(s: &Settlement<'p>) -> impl Iterator<Item = (&'p str, Option<(Currency, i64)>)> {
        s.targets()
            .map(|(n, m)| (n, m.map(|m| (m.currency, m.minor))))
    }
    key(a).cmp(&key(b)).then_with(|| named(a).cmp(named(b)))
}
