//! Merging imported records into the pool by natural key, and undoing a merge.
//!
//! A merge is planned as a list of [`Change`]s (key, before, after) so that the store can write
//! exactly those in one transaction and keep them for undo; `apply` then updates the pool in
//! memory the same way. Records identical to what is stored produce no change at all.

use super::keys::{Keyed, NaturalKey, Record};
use super::model::{Customer, Pool, RecordKind};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One record's transition. `before: None` is an insert, `after: None` a removal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub key: NaturalKey,
    pub before: Option<Record>,
    pub after: Option<Record>,
}

/// One committed import: what it changed, kept so that it can be undone as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLog {
    /// Milliseconds since the epoch when committed; also orders the logs.
    pub id: u64,
    pub files: Vec<String>,
    /// Source rows committed and refused (title, blank and subtotal rows count in neither).
    pub imported: usize,
    pub rejected: usize,
    pub changes: Vec<Change>,
    /// Set when the batch was undone (the log itself is never deleted).
    pub undone_at: Option<u64>,
}

/// Where each stored record sits, by key: built once per plan, no record is cloned.
struct PoolIndex<'a> {
    pool: &'a Pool,
    at: HashMap<NaturalKey, usize>,
}

impl<'a> PoolIndex<'a> {
    fn new(pool: &'a Pool) -> Self {
        let mut at = HashMap::with_capacity(pool.invoices.len() + pool.payments.len());
        fn add<T: Keyed>(at: &mut HashMap<NaturalKey, usize>, v: &[T]) {
            for (i, r) in v.iter().enumerate() {
                at.insert(r.natural_key(), i);
            }
        }
        add(&mut at, &pool.customers);
        add(&mut at, &pool.orders);
        add(&mut at, &pool.shipments);
        add(&mut at, &pool.invoices);
        add(&mut at, &pool.payments);
        add(&mut at, &pool.credit_notes);
        add(&mut at, &pool.staff);
        PoolIndex { pool, at }
    }

    fn get(&self, key: &NaturalKey) -> Option<Record> {
        let i = *self.at.get(key)?;
        let p = self.pool;
        Some(match key.kind {
            RecordKind::Customer => Record::Customer(p.customers[i].clone()),
            RecordKind::Order => Record::Order(p.orders[i].clone()),
            RecordKind::Shipment => Record::Shipment(p.shipments[i].clone()),
            RecordKind::Invoice => Record::Invoice(p.invoices[i].clone()),
            RecordKind::Payment => Record::Payment(p.payments[i].clone()),
            RecordKind::CreditNote => Record::CreditNote(p.credit_notes[i].clone()),
            RecordKind::Person => Record::Person(p.staff[i].clone()),
        })
    }
}

/// The changes that importing `records` makes: new keys are inserted, existing keys whose record
/// differs are replaced (an updated export updates in place). `implied_customers` — customers
/// only named by documents — are added when no customer with that code exists yet, so a bare
/// reference never overwrites a customer file's limits and contacts. Within `records` the last
/// record of a key wins.
pub fn plan_import(
    pool: &Pool,
    records: Vec<Record>,
    implied_customers: Vec<Customer>,
) -> Vec<Change> {
    let index = PoolIndex::new(pool);
    let mut planned: HashMap<NaturalKey, usize> = HashMap::new();
    let mut changes: Vec<Change> = Vec::new();
    for record in records {
        let key = record.natural_key();
        let before = index.get(&key);
        if before.as_ref() == Some(&record) {
            continue;
        }
        let change = Change {
            key: key.clone(),
            before,
            after: Some(record),
        };
        match planned.get(&key) {
            Some(&i) => changes[i].after = change.after,
            None => {
                planned.insert(key, changes.len());
                changes.push(change);
            }
        }
    }
    for customer in implied_customers {
        let key = customer.natural_key();
        if index.at.contains_key(&key) || planned.contains_key(&key) {
            continue;
        }
        planned.insert(key.clone(), changes.len());
        changes.push(Change {
            key,
            before: None,
            after: Some(Record::Customer(customer)),
        });
    }
    changes
}

/// A later change touched a record this undo would restore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndoConflict {
    pub key: NaturalKey,
}

/// The changes that undo `changes`, provided every record is still as they left it;
/// otherwise the first record changed since (undo the later batch first).
pub fn plan_undo(pool: &Pool, changes: &[Change]) -> Result<Vec<Change>, UndoConflict> {
    let index = PoolIndex::new(pool);
    changes
        .iter()
        .rev()
        .map(|c| {
            if index.get(&c.key) != c.after {
                return Err(UndoConflict { key: c.key.clone() });
            }
            Ok(Change {
                key: c.key.clone(),
                before: c.after.clone(),
                after: c.before.clone(),
            })
        })
        .collect()
}

/// Applies planned changes to the in-memory pool, keeping the order of untouched records.
pub fn apply(pool: &mut Pool, changes: &[Change]) {
    let targets: HashMap<&NaturalKey, Option<&Record>> =
        changes.iter().map(|c| (&c.key, c.after.as_ref())).collect();
    macro_rules! apply_to {
        ($vec:expr, $variant:ident, $kind:ident) => {{
            let mut replaced: HashSet<NaturalKey> = HashSet::new();
            $vec.retain_mut(|r| {
                let key = r.natural_key();
                match targets.get(&key) {
                    None => true,
                    Some(None) => false,
                    Some(Some(Record::$variant(new))) => {
                        *r = new.clone();
                        replaced.insert(key);
                        true
                    }
                    Some(Some(_)) => unreachable!("a key's kind always matches its record"),
                }
            });
            for c in changes.iter().filter(|c| c.key.kind == RecordKind::$kind) {
                if let Some(Record::$variant(new)) = &c.after {
                    if !replaced.contains(&c.key) {
                        $vec.push(new.clone());
                    }
                }
            }
        }};
    }
    let kinds: HashSet<RecordKind> = changes.iter().map(|c| c.key.kind).collect();
    if kinds.contains(&RecordKind::Customer) {
        apply_to!(pool.customers, Customer, Customer);
    }
    if kinds.contains(&RecordKind::Order) {
        apply_to!(pool.orders, Order, Order);
    }
    if kinds.contains(&RecordKind::Shipment) {
        apply_to!(pool.shipments, Shipment, Shipment);
    }
    if kinds.contains(&RecordKind::Invoice) {
        apply_to!(pool.invoices, Invoice, Invoice);
    }
    if kinds.contains(&RecordKind::Payment) {
        apply_to!(pool.payments, Payment, Payment);
    }
    if kinds.contains(&RecordKind::CreditNote) {
        apply_to!(pool.credit_notes, CreditNote, CreditNote);
    }
    if kinds.contains(&RecordKind::Person) {
        apply_to!(pool.staff, Person, Person);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Invoice;
    use crate::domain::money::{Currency, Money};
    use chrono::NaiveDate;

    fn invoice(number: &str, customer: &str, cents: i64) -> Invoice {
        Invoice::new(
            number,
            customer,
            NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            Money::new(cents, Currency::CNY),
        )
    }

    fn customer(code: &str, limit: Option<i64>) -> Customer {
        Customer {
            credit_limit: limit.map(|l| Money::new(l, Currency::CNY)),
            ..Customer::new(code, format!("客户{code}"))
        }
    }

    fn import(pool: &mut Pool, records: Vec<Record>, implied: Vec<Customer>) -> Vec<Change> {
        let changes = plan_import(pool, records, implied);
        apply(pool, &changes);
        changes
    }

    #[test]
    fn inserts_then_updates_by_natural_key_and_skips_identical_records() {
        let mut pool = Pool::default();
        let first = import(
            &mut pool,
            vec![
                Record::Invoice(invoice("001", "C1", 100)),
                Record::Invoice(invoice("001", "C2", 200)),
            ],
            vec![],
        );
        assert_eq!(
            first.len(),
            2,
            "same number, different customers: two invoices"
        );
        assert_eq!(pool.invoices.len(), 2);

        let second = import(
            &mut pool,
            vec![
                Record::Invoice(invoice("001", "C1", 150)),
                Record::Invoice(invoice("001", "C2", 200)),
            ],
            vec![],
        );
        assert_eq!(second.len(), 1, "the unchanged invoice is no change");
        assert_eq!(
            second[0].before,
            Some(Record::Invoice(invoice("001", "C1", 100)))
        );
        assert_eq!(pool.invoices.len(), 2);
        assert_eq!(
            pool.invoices[0].amount.minor, 150,
            "updated in place, order kept"
        );
    }

    #[test]
    fn implied_customers_never_overwrite_real_ones() {
        let mut pool = Pool::default();
        import(
            &mut pool,
            vec![Record::Customer(customer("C1", Some(500_000)))],
            vec![],
        );
        let changes = import(
            &mut pool,
            vec![],
            vec![customer("C1", None), customer("C2", None)],
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(pool.customers.len(), 2);
        assert_eq!(
            pool.customers[0].credit_limit,
            Some(Money::new(500_000, Currency::CNY))
        );
    }

    #[test]
    fn undo_restores_exactly_and_refuses_when_a_later_batch_touched_the_record() {
        let mut pool = Pool::default();
        import(
            &mut pool,
            vec![Record::Invoice(invoice("001", "C1", 100))],
            vec![],
        );
        let original = pool.clone();
        let batch = import(
            &mut pool,
            vec![
                Record::Invoice(invoice("001", "C1", 150)),
                Record::Invoice(invoice("002", "C1", 70)),
            ],
            vec![customer("C1", None)],
        );
        let undo = plan_undo(&pool, &batch).unwrap();
        let mut undone = pool.clone();
        apply(&mut undone, &undo);
        assert_eq!(undone, original);

        import(
            &mut pool,
            vec![Record::Invoice(invoice("002", "C1", 80))],
            vec![],
        );
        let conflict = plan_undo(&pool, &batch).unwrap_err();
        assert_eq!(conflict.key, invoice("002", "C1", 0).natural_key());
    }
}
