//! The receivables pool's records: facts as imported, nothing derived.
//!
//! Open balances, due dates from terms, aging, reminders and grades are computed from these
//! (see `ledger`, `terms`), never stored beside them.

use super::money::Money;
use super::terms::Terms;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kinds of record a file can hold; also the first part of every natural key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Customer,
    Order,
    Shipment,
    Invoice,
    Payment,
    CreditNote,
    Person,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub mobile: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// The customer's code in the ERP; when a file has names only, the name is the code.
    pub code: String,
    pub name: String,
    pub credit_grade: Option<String>,
    pub credit_limit: Option<Money>,
    pub terms: Option<Terms>,
    pub region: Option<String>,
    pub tags: Vec<String>,
    pub contact: Contact,
    pub salesperson: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesOrder {
    pub number: String,
    pub customer: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub terms: Option<Terms>,
    pub salesperson: Option<String>,
    pub product_line: Option<String>,
    pub region: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    pub number: String,
    pub order: Option<String>,
    pub customer: Option<String>,
    pub date: NaiveDate,
    pub amount: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub number: String,
    /// Customer code (see [`Customer::code`]).
    pub customer: String,
    pub order: Option<String>,
    pub date: NaiveDate,
    pub amount: Money,
    /// An explicit due date from the file; wins over `terms`.
    pub due: Option<NaiveDate>,
    pub terms: Option<Terms>,
    /// Shipment (goods-received) date, the base of `货到N天` terms.
    pub shipped: Option<NaiveDate>,
    pub salesperson: Option<String>,
    pub product_line: Option<String>,
    pub region: Option<String>,
    pub disputed: bool,
}

impl Customer {
    /// A customer known only by code and name; everything else is unknown.
    pub fn new(code: impl Into<String>, name: impl Into<String>) -> Self {
        Customer {
            code: code.into(),
            name: name.into(),
            credit_grade: None,
            credit_limit: None,
            terms: None,
            region: None,
            tags: Vec::new(),
            contact: Contact::default(),
            salesperson: None,
        }
    }
}

impl Invoice {
    /// An invoice with only what every invoice has; the optional facts are unknown and it is not disputed.
    pub fn new(
        number: impl Into<String>,
        customer: impl Into<String>,
        date: NaiveDate,
        amount: Money,
    ) -> Self {
        Invoice {
            number: number.into(),
            customer: customer.into(),
            order: None,
            date,
            amount,
            due: None,
            terms: None,
            shipped: None,
            salesperson: None,
            product_line: None,
            region: None,
            disputed: false,
        }
    }
}

/// Part of a payment named for one invoice. `amount: None` means "as much as it needs".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub invoice: String,
    pub amount: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub number: String,
    pub customer: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub applies_to: Vec<Application>,
}

/// A credit note (红字发票 / 折让) reduces one invoice, or the customer's oldest open items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditNote {
    pub number: String,
    pub customer: String,
    pub invoice: Option<String>,
    pub date: NaiveDate,
    /// Positive: the amount credited.
    pub amount: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Salesperson,
    SalesManager,
    Finance,
    SalesDirector,
    Ceo,
    Cfo,
    Legal,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Salesperson,
        Role::SalesManager,
        Role::Finance,
        Role::SalesDirector,
        Role::Ceo,
        Role::Cfo,
        Role::Legal,
    ];
}

/// How to reach someone, channel by channel.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub dingtalk: Option<String>,
    pub wecom: Option<String>,
    pub feishu: Option<String>,
}

/// A member of staff in the directory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub roles: Vec<Role>,
    /// Stored flat (`email`, `mobile`, … beside `name`), as before `Reach` existed.
    #[serde(flatten)]
    pub reach: Reach,
    /// The name of this person's manager in the directory.
    pub manager: Option<String>,
}

/// Everything the app knows. Every figure on screen is a function of (pool, settings, as-of).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pool {
    pub customers: Vec<Customer>,
    pub orders: Vec<SalesOrder>,
    pub shipments: Vec<Shipment>,
    pub invoices: Vec<Invoice>,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<CreditNote>,
    pub staff: Vec<Person>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_is_stored_flat_as_before_reach_existed() {
        let stored = r#"{"name":"李经理","roles":["sales_manager"],"email":"li@example.com","mobile":"13800000000","dingtalk":null,"wecom":"li","feishu":null,"manager":"王总"}"#;
        let p: Person = serde_json::from_str(stored).unwrap();
        assert_eq!(p.reach.email.as_deref(), Some("li@example.com"));
        assert_eq!(p.reach.wecom.as_deref(), Some("li"));
        assert_eq!(p.manager.as_deref(), Some("王总"));
        let again: serde_json::Value = serde_json::to_value(&p).unwrap();
        assert_eq!(
            again,
            serde_json::from_str::<serde_json::Value>(stored).unwrap()
        );
    }
}
