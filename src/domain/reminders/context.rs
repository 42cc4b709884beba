//! What evaluation precomputes once: per-invoice facts (looked up once, not once per rule),
//! the staff directory by name and by role, and per-customer totals.

use super::notes::{NotesView, PromiseState};
use super::CreditFacts;
use super::ReminderWarning;
use crate::domain::asof::AsOf;
use crate::domain::forecast::Predictions;
use crate::domain::ledger::{InvoiceLine, Ledger};
use crate::domain::model::{Customer, Invoice, Person, Pool, Role, SalesOrder};
use crate::domain::money::{Currency, Money};
use crate::domain::rules::{InvoiceFacts, RecipientSpec};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One open invoice as of the evaluation date, with everything the rules look at.
pub(super) struct Facts<'a> {
    pub line: &'a InvoiceLine,
    pub invoice: &'a Invoice,
    pub customer: Option<&'a Customer>,
    /// The computed credit grade, else the imported one.
    pub grade: Option<&'a str>,
    /// Days overdue as of the evaluation date.
    pub days: i64,
    pub region: Option<&'a str>,
    pub product_line: Option<&'a str>,
    pub salesperson: Option<&'a str>,
    pub disputed: bool,
    pub promise: Option<PromiseState>,
    /// The latest snooze's end, expired or not.
    pub snooze: Option<NaiveDate>,
    /// The customer's outstanding total in the invoice's currency.
    pub customer_open: Money,
    /// The customer's credit-limit use, basis points.
    pub limit_use_bp: Option<i64>,
    /// The invoice's predicted late risk, basis points.
    pub late_risk_bp: Option<i64>,
}

impl<'a> Facts<'a> {
    pub fn as_invoice_facts(&self) -> InvoiceFacts<'a> {
        InvoiceFacts {
            days_overdue: self.days,
            credit_grade: self.grade,
            region: self.region,
            product_line: self.product_line,
            tags: self.customer.map_or(&[][..], |c| c.tags.as_slice()),
            open: self.line.open,
            customer_open: self.customer_open,
            disputed: self.disputed,
            promised: matches!(self.promise, Some(PromiseState::Pending(_))),
            promise_broken: matches!(self.promise, Some(PromiseState::Broken(_))),
            limit_use_bp: self.limit_use_bp,
            late_risk_bp: self.late_risk_bp,
        }
    }

    pub fn customer_code(&self) -> &'a str {
        self.invoice.customer.as_str()
    }

    pub fn number(&self) -> &'a str {
        self.invoice.number.as_str()
    }

    pub fn customer_name(&self) -> &'a str {
        self.customer
            .map(|c| c.name.as_str())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(self.customer_code())
    }

    pub fn order_number(&self) -> Option<&'a str> {
        self.invoice
            .order
            .as_deref()
            .filter(|o| !o.trim().is_empty())
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The open invoices (open > 0) of customers not excluded, sorted by (customer code,
/// invoice number), with their facts. O(n log n).
pub(super) fn prepare<'a>(
    pool: &'a Pool,
    ledger: &'a Ledger,
    notes: &NotesView<'_>,
    credit: &'a HashMap<String, CreditFacts>,
    late_risk: Option<&Predictions>,
    as_of: AsOf,
) -> Vec<Facts<'a>> {
    let customers: HashMap<&str, &Customer> = pool
        .customers
        .iter()
        .map(|c| (c.code.as_str(), c))
        .collect();
    let orders: HashMap<(&str, &str), &SalesOrder> = pool
        .orders
        .iter()
        .map(|o| ((o.customer.as_str(), o.number.as_str()), o))
        .collect();
    // Lines may come from a ledger made as of another day: shift their days to `as_of`.
    let shift = as_of.0.signed_duration_since(ledger.as_of.0).num_days();
    let mut customer_open: HashMap<(&str, Currency), i64> = HashMap::new();
    let mut facts = Vec::new();
    for line in ledger.lines.iter().filter(|l| l.open.minor > 0) {
        let Some(invoice) = pool.invoices.get(line.index) else {
            continue;
        };
        let code = invoice.customer.as_str();
        let sum = customer_open.entry((code, line.currency)).or_insert(0);
        *sum = sum.saturating_add(line.open.minor);
        if notes.is_excluded(code) {
            continue;
        }
        let customer = customers.get(code).copied();
        let order = invoice
            .order
            .as_deref()
            .and_then(|o| orders.get(&(code, o)).copied());
        let number = invoice.number.as_str();
        let computed = credit.get(code);
        facts.push(Facts {
            line,
            invoice,
            customer,
            grade: computed
                .and_then(|c| c.grade.as_deref())
                .or_else(|| customer.and_then(|c| c.credit_grade.as_deref())),
            limit_use_bp: computed.and_then(|c| c.limit_use_bp),
            late_risk_bp: late_risk
                .and_then(|p| p.for_invoice(line.index))
                .map(|p| (p.late_risk * 10_000.0).round() as i64),
            days: line.days_overdue.saturating_add(shift),
            region: non_empty(&invoice.region)
                .or_else(|| customer.and_then(|c| non_empty(&c.region)))
                .or_else(|| order.and_then(|o| non_empty(&o.region))),
            product_line: non_empty(&invoice.product_line)
                .or_else(|| order.and_then(|o| non_empty(&o.product_line))),
            salesperson: non_empty(&invoice.salesperson)
                .or_else(|| customer.and_then(|c| non_empty(&c.salesperson))),
            disputed: notes.dispute(code, number).unwrap_or(invoice.disputed),
            promise: notes.promise(code, number, as_of),
            snooze: notes.snooze(code, number),
            customer_open: Money::zero(line.currency),
        });
    }
    for f in &mut facts {
        let total = customer_open
            .get(&(f.customer_code(), f.line.currency))
            .copied()
            .unwrap_or(0);
        f.customer_open = Money::new(total, f.line.currency);
    }
    facts.sort_by(|a, b| {
        (a.customer_code(), a.number(), a.line.index).cmp(&(
            b.customer_code(),
            b.number(),
            b.line.index,
        ))
    });
    facts
}

const ROLES: usize = 7;

fn role_slot(role: Role) -> usize {
    match role {
        Role::Salesperson => 0,
        Role::SalesManager => 1,
        Role::Finance => 2,
        Role::SalesDirector => 3,
        Role::Ceo => 4,
        Role::Cfo => 5,
        Role::Legal => 6,
    }
}

/// The staff directory, by name (trimmed; the first entry of a name wins) and by role.
pub(super) struct Directory<'a> {
    pub people: &'a [Person],
    by_name: HashMap<&'a str, usize>,
    by_role: [Vec<usize>; ROLES],
}

/// Who one invoice's reminder goes to under one rule.
#[derive(Default)]
pub(super) struct Resolution<'a> {
    /// Directory indices, in the order the rule names them, each once, with the roles
    /// through which they were included (empty when named directly).
    pub staff: Vec<(usize, Vec<Role>)>,
    pub customer: bool,
    pub unresolved_roles: Vec<Role>,
    pub unknown_people: Vec<&'a str>,
}

impl<'a> Resolution<'a> {
    pub fn add(&mut self, person: usize, role: Option<Role>) {
        let at = match self.staff.iter().position(|(p, _)| *p == person) {
            Some(at) => at,
            None => {
                self.staff.push((person, Vec::new()));
                self.staff.len() - 1
            }
        };
        if let Some(role) = role {
            if !self.staff[at].1.contains(&role) {
                self.staff[at].1.push(role);
            }
        }
    }

    pub fn unresolved(&mut self, role: Role) {
        if !self.unresolved_roles.contains(&role) {
            self.unresolved_roles.push(role);
        }
    }

    /// Warnings for this resolution that are not unresolved roles.
    pub fn unknown(&mut self, name: &'a str) {
        if !self.unknown_people.contains(&name) {
            self.unknown_people.push(name);
        }
    }

    pub fn warnings(&self, customer: Option<&Customer>) -> Vec<ReminderWarning> {
        let mut out: Vec<ReminderWarning> = self
            .unknown_people
            .iter()
            .map(|p| ReminderWarning::UnknownPerson {
                name: (*p).to_owned(),
            })
            .collect();
        let reachable = customer.is_some_and(|c| {
            non_empty(&c.contact.email).is_some() || non_empty(&c.contact.mobile).is_some()
        });
        if self.customer && !reachable {
            out.push(ReminderWarning::NoCustomerContact);
        }
        out
    }
}

impl<'a> Directory<'a> {
    pub fn new(people: &'a [Person]) -> Directory<'a> {
        let mut by_name = HashMap::with_capacity(people.len());
        let mut by_role: [Vec<usize>; ROLES] = Default::default();
        for (i, p) in people.iter().enumerate() {
            by_name.entry(p.name.trim()).or_insert(i);
            for &role in &p.roles {
                let holders = &mut by_role[role_slot(role)];
                if !holders.contains(&i) {
                    holders.push(i);
                }
            }
        }
        Directory {
            people,
            by_name,
            by_role,
        }
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(name.trim()).copied()
    }

    /// Resolves `specs` for an invoice whose salesperson is `salesperson`:
    /// - `Role(Salesperson)`: that person, matched by name;
    /// - `Role(SalesManager)`: the salesperson's `manager`, else everyone with the role;
    /// - any other role: everyone with it;
    /// - `Person(name)`: that person;
    /// - `CustomerContact`: the customer.
    ///
    /// A role that yields nobody is listed in `unresolved_roles`, a name not in the
    /// directory in `unknown_people`; nothing is dropped silently.
    pub fn resolve<'s>(
        &self,
        specs: &'s [RecipientSpec],
        salesperson: Option<&str>,
        out: &mut Resolution<'s>,
    ) {
        let seller = salesperson.and_then(|s| self.find(s));
        for spec in specs {
            match spec {
                RecipientSpec::Role(Role::Salesperson) => match seller {
                    Some(p) => out.add(p, Some(Role::Salesperson)),
                    None => out.unresolved(Role::Salesperson),
                },
                RecipientSpec::Role(Role::SalesManager) => {
                    let manager = seller
                        .and_then(|p| self.people[p].manager.as_deref())
                        .and_then(|m| self.find(m));
                    match manager {
                        Some(m) => out.add(m, Some(Role::SalesManager)),
                        None => self.add_role(Role::SalesManager, out),
                    }
                }
                RecipientSpec::Role(role) => self.add_role(*role, out),
                RecipientSpec::Person(name) => match self.find(name) {
                    Some(p) => out.add(p, None),
                    None => out.unknown(name),
                },
                RecipientSpec::CustomerContact => out.customer = true,
            }
        }
    }

    fn add_role(&self, role: Role, out: &mut Resolution<'_>) {
        let holders = &self.by_role[role_slot(role)];
        if holders.is_empty() {
            out.unresolved(role);
        }
        for &p in holders {
            out.add(p, Some(role));
        }
    }
}
