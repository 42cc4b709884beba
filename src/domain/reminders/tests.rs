//! Shared fixtures for the evaluation tests.

mod bench;
mod catch_up;
mod consolidation;
mod notes_and_flags;
mod props;
mod tiers;

use super::*;
use crate::domain::ledger::ledger;
use crate::domain::model::{Contact, Customer, Invoice, Reach};
use crate::domain::money::Currency;
use crate::domain::rules::default_rules;

pub(super) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(super) fn cny(minor: i64) -> Money {
    Money::new(minor, Currency::CNY)
}

/// The reference date most tests run on.
pub(super) fn today() -> NaiveDate {
    day(2026, 3, 20)
}

/// `n` days before `today()`: an invoice due then is `n` days overdue today.
pub(super) fn days_ago(n: i64) -> NaiveDate {
    plus(today(), -n)
}

pub(super) fn person(name: &str, roles: &[Role], manager: Option<&str>) -> Person {
    Person {
        name: name.into(),
        roles: roles.to_vec(),
        reach: Reach {
            email: Some(format!("{name}@example.com")),
            mobile: Some("13800000000".into()),
            dingtalk: Some(format!("dt-{name}")),
            ..Reach::default()
        },
        manager: manager.map(Into::into),
    }
}

pub(super) fn staff() -> Vec<Person> {
    use Role::*;
    vec![
        person("张三", &[Salesperson], Some("李经理")),
        person("李四", &[Salesperson], None),
        person("李经理", &[SalesManager], Some("赵总监")),
        person("吴经理", &[SalesManager], None),
        person("王财务", &[Finance], None),
        person("赵总监", &[SalesDirector], None),
        person("钱总", &[Ceo], None),
        person("孙财总", &[Cfo], None),
        person("周法务", &[Legal], None),
    ]
}

pub(super) fn customer(code: &str, name: &str, grade: Option<&str>, sales: &str) -> Customer {
    Customer {
        credit_grade: grade.map(Into::into),
        contact: Contact {
            name: Some(format!("{name}财务部")),
            email: Some(format!("ap@{code}.example.com")),
            mobile: None,
        },
        salesperson: Some(sales.into()),
        ..Customer::new(code, name)
    }
}

pub(super) fn invoice(number: &str, customer: &str, due: NaiveDate, amount: Money) -> Invoice {
    Invoice {
        due: Some(due),
        ..Invoice::new(number, customer, plus(due, -30), amount)
    }
}

pub(super) fn with_order(mut invoice: Invoice, order: &str) -> Invoice {
    invoice.order = Some(order.into());
    invoice
}

/// A pool, rules and the app's stored state: what `evaluate` is called with.
#[derive(Clone)]
pub(super) struct World {
    pub pool: Pool,
    pub rules: Vec<Rule>,
    pub history: ReminderHistory,
    pub notes: CollectionNotes,
    pub settings: ReminderSettings,
    /// Computed credit facts (empty: the imported grades hold, no limit use is known).
    pub credit: HashMap<String, CreditFacts>,
    /// Train the payment model and give its late risks to the rules.
    pub predict: bool,
}

impl World {
    /// The default rules, the staff above, customer C001 华东精密 (grade B, 张三).
    pub fn new() -> World {
        World {
            pool: Pool {
                customers: vec![customer("C001", "华东精密", Some("B"), "张三")],
                staff: staff(),
                ..Pool::default()
            },
            rules: default_rules(),
            history: ReminderHistory::new(),
            notes: CollectionNotes::new(),
            settings: ReminderSettings {
                company: "星河贸易".into(),
                language: Lang::Zh,
            },
            credit: HashMap::new(),
            predict: false,
        }
    }

    pub fn add(&mut self, invoice: Invoice) -> &mut World {
        self.pool.invoices.push(invoice);
        self
    }

    pub fn run(&self, as_of: NaiveDate) -> Vec<Reminder> {
        self.with_input(as_of, evaluate)
    }

    pub fn preview(&self, as_of: NaiveDate) -> Vec<(usize, usize)> {
        self.with_input(as_of, preview_counts)
    }

    fn with_input<R>(&self, as_of: NaiveDate, f: impl FnOnce(&EvalInput) -> R) -> R {
        let ledger = ledger(&self.pool, AsOf(as_of));
        let predictions = self.predict.then(|| {
            crate::domain::forecast::predict_with_ledger(&self.pool, &ledger, &Default::default())
        });
        f(&EvalInput {
            pool: &self.pool,
            ledger: &ledger,
            rules: &self.rules,
            directory: &self.pool.staff,
            as_of: AsOf(as_of),
            history: &self.history,
            notes: &self.notes,
            settings: &self.settings,
            credit: &self.credit,
            late_risk: predictions.as_ref(),
        })
    }

    /// Runs and records the run, as the app does.
    pub fn run_and_record(&mut self, as_of: NaiveDate) -> Vec<Reminder> {
        let out = self.run(as_of);
        self.history.record_run(&out, AsOf(as_of));
        out
    }

    pub fn note(&mut self, recorded: NaiveDate, note: Note) -> &mut World {
        self.notes.push(recorded, note);
        self
    }
}

/// (rule index, invoice numbers) of each reminder: the shape most tests compare.
pub(super) fn shape(reminders: &[Reminder]) -> Vec<(usize, Vec<&str>)> {
    reminders
        .iter()
        .map(|r| (r.rule, r.invoices.iter().map(String::as_str).collect()))
        .collect()
}

pub(super) fn names(r: &Reminder) -> Vec<&str> {
    r.recipients.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn history_records_one_entry_per_invoice_and_moves_last_run_forward() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(3), cny(100)));
    let out = w.run_and_record(today());
    assert_eq!(out.len(), 1);
    assert_eq!(w.history.last_run, Some(today()));
    assert_eq!(
        w.history.records,
        vec![HistoryRecord {
            rule: "overdue-1-7".into(),
            invoice: InvoiceRef::new("C001", "INV-1"),
            fired_on: today(),
            due_on: today(),
        }]
    );
    w.history.record_run(&[], AsOf(day(2026, 1, 1)));
    assert_eq!(w.history.last_run, Some(today()), "never moves back");
    let json = serde_json::to_string(&w.history).unwrap();
    assert_eq!(
        serde_json::from_str::<ReminderHistory>(&json).unwrap(),
        w.history
    );
    assert_eq!(
        out[0].keys(),
        vec![ReminderKey {
            rule: "overdue-1-7".into(),
            invoice: InvoiceRef::new("C001", "INV-1")
        }]
    );
}

#[test]
fn notes_serialise_with_a_kind_tag() {
    let mut notes = CollectionNotes::new();
    notes.push(
        today(),
        Note::Promise {
            invoice: InvoiceRef::new("C001", "INV-1"),
            date: day(2026, 3, 25),
            amount: Some(cny(100)),
        },
    );
    notes.push(
        today(),
        Note::ExcludeCustomer {
            customer: "C002".into(),
            on: true,
        },
    );
    let json = serde_json::to_string(&notes).unwrap();
    assert!(json.contains(r#""kind":"promise""#), "{json}");
    assert_eq!(
        serde_json::from_str::<CollectionNotes>(&json).unwrap(),
        notes
    );
    let settings = ReminderSettings::default();
    assert_eq!(settings.language, Lang::Zh);
}
