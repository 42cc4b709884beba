//! Natural keys: what makes two records "the same record" across imports.

use super::model::{
    CreditNote, Customer, Invoice, Payment, Person, Pool, RecordKind, SalesOrder, Shipment,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Kind + number, plus the customer for documents whose numbers may repeat across
/// customers (hand-kept sheets number each customer's invoices from 1). Customers are keyed
/// by code, staff by name, shipments by number alone (their customer is optional).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NaturalKey {
    pub kind: RecordKind,
    pub customer: Option<String>,
    pub number: String,
}

/// The natural key of a record of `kind` numbered `number` for `customer`. The customer is
/// dropped for kinds keyed without one, so callers may always pass it.
pub fn natural_key(kind: RecordKind, customer: Option<&str>, number: &str) -> NaturalKey {
    let customer = match kind {
        RecordKind::Invoice | RecordKind::Payment | RecordKind::CreditNote | RecordKind::Order => {
            customer.map(str::to_owned)
        }
        RecordKind::Customer | RecordKind::Shipment | RecordKind::Person => None,
    };
    NaturalKey {
        kind,
        customer,
        number: number.to_owned(),
    }
}

impl fmt::Display for NaturalKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            RecordKind::Customer => "customer",
            RecordKind::Order => "order",
            RecordKind::Shipment => "shipment",
            RecordKind::Invoice => "invoice",
            RecordKind::Payment => "payment",
            RecordKind::CreditNote => "credit_note",
            RecordKind::Person => "person",
        };
        match &self.customer {
            Some(c) => write!(f, "{kind}:{c}/{}", self.number),
            None => write!(f, "{kind}:{}", self.number),
        }
    }
}

/// Records that know their natural key (the store merges batches by it).
pub trait Keyed {
    fn natural_key(&self) -> NaturalKey;
}

impl Keyed for Customer {
    fn natural_key(&self) -> NaturalKey {
        natural_key(RecordKind::Customer, None, &self.code)
    }
}
impl Keyed for SalesOrder {
    fn natural_key(&self) -> NaturalKey {
        natural_key(RecordKind::Order, Some(&self.customer), &self.number)
    }
}
impl Keyed for Shipment {
    fn natural_key(&self) -> NaturalKey {
        natural_key(RecordKind::Shipment, None, &self.number)
    }
}
impl Keyed for Invoice {
    fn natural_key(&self) -> NaturalKey {
        natural_key(RecordKind::Invoice, Some(&self.customer), &self.number)
    }
}
impl Keyed for Payment {
    fn natural_key(&self) -> NaturalKey {
        natural_key(RecordKind::Payment, Some(&self.customer), &self.number)
    }
}
impl Keyed for CreditNote {
    fn natural_key(&self) -> NaturalKey {
        natural_key(RecordKind::CreditNote, Some(&self.customer), &self.number)
    }
}
impl Keyed for Person {
    fn natural_key(&self) -> NaturalKey {
        natural_key(RecordKind::Person, None, &self.name)
    }
}

impl NaturalKey {
    /// The IndexedDB key: unambiguous whatever characters the customer or number holds
    /// (the `Display` form is for people and could collide: `A/B`+`1` vs `A`+`B/1`).
    pub fn storage_key(&self) -> String {
        serde_json::to_string(&(&self.customer, &self.number)).expect("strings serialise")
    }
}

/// Any record of the pool, for code that handles all kinds alike (merging, storing, undo).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
pub enum Record {
    Customer(Customer),
    Order(SalesOrder),
    Shipment(Shipment),
    Invoice(Invoice),
    Payment(Payment),
    CreditNote(CreditNote),
    Person(Person),
}

impl Record {
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Customer(_) => RecordKind::Customer,
            Record::Order(_) => RecordKind::Order,
            Record::Shipment(_) => RecordKind::Shipment,
            Record::Invoice(_) => RecordKind::Invoice,
            Record::Payment(_) => RecordKind::Payment,
            Record::CreditNote(_) => RecordKind::CreditNote,
            Record::Person(_) => RecordKind::Person,
        }
    }
}

impl Pool {
    /// Adds a record to the vector of its kind.
    pub fn push(&mut self, record: Record) {
        match record {
            Record::Customer(r) => self.customers.push(r),
            Record::Order(r) => self.orders.push(r),
            Record::Shipment(r) => self.shipments.push(r),
            Record::Invoice(r) => self.invoices.push(r),
            Record::Payment(r) => self.payments.push(r),
            Record::CreditNote(r) => self.credit_notes.push(r),
            Record::Person(r) => self.staff.push(r),
        }
    }

    /// Every record of the pool, customers first, as [`Record`]s.
    pub fn records(&self) -> impl Iterator<Item = Record> + '_ {
        let p = self;
        p.customers
            .iter()
            .cloned()
            .map(Record::Customer)
            .chain(p.orders.iter().cloned().map(Record::Order))
            .chain(p.shipments.iter().cloned().map(Record::Shipment))
            .chain(p.invoices.iter().cloned().map(Record::Invoice))
            .chain(p.payments.iter().cloned().map(Record::Payment))
            .chain(p.credit_notes.iter().cloned().map(Record::CreditNote))
            .chain(p.staff.iter().cloned().map(Record::Person))
    }
}

impl Keyed for Record {
    fn natural_key(&self) -> NaturalKey {
        match self {
            Record::Customer(r) => r.natural_key(),
            Record::Order(r) => r.natural_key(),
            Record::Shipment(r) => r.natural_key(),
            Record::Invoice(r) => r.natural_key(),
            Record::Payment(r) => r.natural_key(),
            Record::CreditNote(r) => r.natural_key(),
            Record::Person(r) => r.natural_key(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_carry_the_customer_and_masters_do_not() {
        let k = natural_key(RecordKind::Invoice, Some("C01"), "001");
        assert_eq!(k.to_string(), "invoice:C01/001");
        assert_ne!(k, natural_key(RecordKind::Invoice, Some("C02"), "001"));
        assert_ne!(k, natural_key(RecordKind::CreditNote, Some("C01"), "001"));
        let c = natural_key(RecordKind::Customer, Some("ignored"), "C01");
        assert_eq!(c.to_string(), "customer:C01");
        assert_eq!(
            natural_key(RecordKind::Shipment, Some("C1"), "DN1").customer,
            None
        );
    }

    #[test]
    fn storage_keys_never_collide_on_separators() {
        let a = natural_key(RecordKind::Invoice, Some("A/B"), "1");
        let b = natural_key(RecordKind::Invoice, Some("A"), "B/1");
        assert_eq!(a.to_string(), b.to_string());
        assert_ne!(a.storage_key(), b.storage_key());
    }
}
