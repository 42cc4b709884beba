//! Rankings of customers, salespeople, regions and product lines, each row with the
//! [`LedgerQuery`] that selects exactly the invoices it sums.
//!
//! Aggregation borrows every key from the pool (`&str`); text is copied only into the rows.

use super::{Period, Ratio};
use crate::domain::fast_hash::FastMap;
use crate::domain::ledger::{InvoiceLine, InvoiceStatus, Ledger};
use crate::domain::ledger_query::{LedgerQuery, SortKey, StatusFilter};
use crate::domain::model::{Customer, Invoice, Pool};
use crate::domain::money::{Currency, Money};
use std::cmp::{Ordering, Reverse};
use std::collections::BTreeMap;

/// Open and overdue amounts with the number of invoices behind each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amounts {
    pub open: Money,
    pub open_invoices: usize,
    pub overdue: Money,
    pub overdue_invoices: usize,
}

impl Amounts {
    fn of(acc: &Acc, currency: Currency) -> Amounts {
        Amounts {
            open: Money::new(acc.open, currency),
            open_invoices: acc.open_n,
            overdue: Money::new(acc.overdue, currency),
            overdue_invoices: acc.overdue_n,
        }
    }
}

/// A customer with something overdue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerRow {
    /// Customer code.
    pub customer: String,
    /// From the customer list; the code when the customer is not in it.
    pub name: String,
    pub credit_grade: Option<String>,
    pub currency: Currency,
    pub overdue: Money,
    pub overdue_invoices: usize,
    /// Days past due of the oldest overdue invoice.
    pub oldest_days_overdue: i64,
    /// Selects exactly the overdue invoices summed in `overdue`.
    pub query: LedgerQuery,
}

/// A salesperson (the invoice's `salesperson`) in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalespersonRow {
    pub salesperson: String,
    pub currency: Currency,
    pub amounts: Amounts,
    /// Invoices of theirs that count as of the date, paid ones included.
    pub invoices: usize,
    /// Applied to those invoices during the period (see the module documentation).
    pub collected: Money,
    /// Amounts of those invoices due in the period.
    pub fell_due: Money,
    /// `collected ÷ fell_due`; `None` when nothing of theirs fell due.
    pub collection_rate: Option<Ratio>,
    /// Selects the invoices summed in `amounts.overdue`.
    pub overdue_query: LedgerQuery,
    /// Selects the invoices summed in `amounts.open`.
    pub open_query: LedgerQuery,
    /// Selects the `invoices` behind `collected` and `fell_due`.
    pub invoices_query: LedgerQuery,
}

/// A region or product line (the invoice's own field) in one currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupRow {
    pub key: String,
    pub currency: Currency,
    pub amounts: Amounts,
    pub overdue_query: LedgerQuery,
    pub open_query: LedgerQuery,
}

/// Invoices without a salesperson, region or product line: no query can select just them,
/// so they are totalled here instead of ranked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unassigned {
    pub salesperson: Amounts,
    pub region: Amounts,
    pub product_line: Amounts,
}

impl Unassigned {
    fn empty(currency: Currency) -> Unassigned {
        let zero = Amounts::of(&Acc::default(), currency);
        Unassigned {
            salesperson: zero.clone(),
            region: zero.clone(),
            product_line: zero,
        }
    }
}

/// The per-line facts rankings need, computed once.
pub(super) struct Inputs<'a> {
    pool: &'a Pool,
    ledger: &'a Ledger,
    /// Per ledger line: applied now minus applied the day before the period.
    pub collected: Vec<i64>,
    /// Per ledger line: due date within the period.
    pub due_in_period: Vec<bool>,
}

impl<'a> Inputs<'a> {
    /// `before` is the ledger as of the day before the period starts.
    pub fn new(pool: &'a Pool, ledger: &'a Ledger, before: &Ledger, period: &Period) -> Self {
        // Both line lists are in pool order, and every earlier line is also a later one.
        let mut earlier = before.lines.iter().peekable();
        let collected = ledger
            .lines
            .iter()
            .map(|line| {
                while earlier.next_if(|e| e.index < line.index).is_some() {}
                let was = earlier
                    .next_if(|e| e.index == line.index)
                    .map_or(0, |e| e.applied.minor);
                line.applied.minor.saturating_sub(was)
            })
            .collect();
        let due_in_period = ledger
            .lines
            .iter()
            .map(|l| period.contains(l.due))
            .collect();
        Inputs {
            pool,
            ledger,
            collected,
            due_in_period,
        }
    }

    fn lines(&self) -> impl Iterator<Item = (&'a InvoiceLine, &'a Invoice, i64, bool)> + '_ {
        self.ledger
            .lines
            .iter()
            .zip(&self.collected)
            .zip(&self.due_in_period)
            .filter_map(|((line, &collected), &due)| {
                Some((line, line.invoice(self.pool)?, collected, due))
            })
    }
}

#[derive(Clone, Copy, Default)]
struct Acc {
    open: i64,
    open_n: usize,
    overdue: i64,
    overdue_n: usize,
    oldest: i64,
    lines: usize,
    collected: i64,
    fell_due: i64,
}

impl Acc {
    fn add(&mut self, line: &InvoiceLine, collected: i64, due: bool) {
        self.lines += 1;
        self.collected = self.collected.saturating_add(collected);
        if due {
            self.fell_due = self.fell_due.saturating_add(line.amount.minor);
        }
        if line.open.minor > 0 {
            self.open = self.open.saturating_add(line.open.minor);
            self.open_n += 1;
        }
        if line.status == InvoiceStatus::Overdue {
            self.overdue = self.overdue.saturating_add(line.open.minor);
            self.overdue_n += 1;
            self.oldest = self.oldest.max(line.days_overdue);
        }
    }
}

type Tally<'a> = (
    FastMap<(&'a str, Currency), Acc>,
    BTreeMap<Currency, Acc>, // lines without a key
);

fn tally<'a>(inputs: &Inputs<'a>, key: impl Fn(&'a Invoice) -> Option<&'a str>) -> Tally<'a> {
    let mut keyed: FastMap<(&'a str, Currency), Acc> = FastMap::default();
    let mut none: BTreeMap<Currency, Acc> = BTreeMap::new();
    for (line, invoice, collected, due) in inputs.lines() {
        let acc = match key(invoice) {
            Some(k) => keyed.entry((k, line.currency)).or_default(),
            None => none.entry(line.currency).or_default(),
        };
        acc.add(line, collected, due);
    }
    (keyed, none)
}

fn query(
    currency: Currency,
    status: StatusFilter,
    set: impl FnOnce(&mut LedgerQuery),
) -> LedgerQuery {
    let mut q = LedgerQuery {
        currency: Some(currency),
        status,
        sort: SortKey::DaysOverdue,
        descending: true,
        ..LedgerQuery::default()
    };
    set(&mut q);
    q
}

/// Everything ranked for one currency.
pub(super) struct Ranked {
    pub customers: Vec<CustomerRow>,
    pub salespeople_by_overdue: Vec<SalespersonRow>,
    pub salespeople_by_rate: Vec<SalespersonRow>,
    pub regions: Vec<GroupRow>,
    pub product_lines: Vec<GroupRow>,
    pub unassigned: Unassigned,
}

impl Ranked {
    pub fn empty(currency: Currency) -> Ranked {
        Ranked {
            customers: Vec::new(),
            salespeople_by_overdue: Vec::new(),
            salespeople_by_rate: Vec::new(),
            regions: Vec::new(),
            product_lines: Vec::new(),
            unassigned: Unassigned::empty(currency),
        }
    }
}

pub(super) fn rank(inputs: &Inputs<'_>, top_customers: usize) -> BTreeMap<Currency, Ranked> {
    let mut out: BTreeMap<Currency, Ranked> = BTreeMap::new();
    let pool = inputs.pool;
    fn entry(out: &mut BTreeMap<Currency, Ranked>, c: Currency) -> &mut Ranked {
        out.entry(c).or_insert_with(|| Ranked::empty(c))
    }

    // Customers by overdue amount.
    let mut directory: FastMap<&str, &Customer> = FastMap::default();
    for c in &pool.customers {
        directory.entry(c.code.as_str()).or_insert(c);
    }
    let (by_customer, _) = tally(inputs, |i| Some(i.customer.as_str()));
    let mut customers: Vec<(&(&str, Currency), &Acc)> = by_customer
        .iter()
        .filter(|(_, a)| a.overdue_n > 0)
        .collect();
    customers.sort_by_key(|((code, c), a)| (*c, Reverse(a.overdue), Reverse(a.oldest), *code));
    for ((code, c), a) in customers {
        let ranked = entry(&mut out, *c);
        if ranked.customers.len() >= top_customers {
            continue;
        }
        let known = directory.get(code);
        ranked.customers.push(CustomerRow {
            customer: (*code).to_owned(),
            name: known.map_or(*code, |k| k.name.as_str()).to_owned(),
            credit_grade: known.and_then(|k| k.credit_grade.clone()),
            currency: *c,
            overdue: Money::new(a.overdue, *c),
            overdue_invoices: a.overdue_n,
            oldest_days_overdue: a.oldest,
            query: query(*c, StatusFilter::Overdue, |q| {
                q.customer = Some((*code).to_owned())
            }),
        });
    }

    // Salespeople: every one with an invoice in the currency, two orders.
    let (by_sales, none) = tally(inputs, |i| i.salesperson.as_deref());
    for (c, acc) in &none {
        entry(&mut out, *c).unassigned.salesperson = Amounts::of(acc, *c);
    }
    for ((name, c), a) in &by_sales {
        let named = |status| query(*c, status, |q| q.salesperson = Some((*name).to_owned()));
        entry(&mut out, *c)
            .salespeople_by_overdue
            .push(SalespersonRow {
                salesperson: (*name).to_owned(),
                currency: *c,
                amounts: Amounts::of(a, *c),
                invoices: a.lines,
                collected: Money::new(a.collected, *c),
                fell_due: Money::new(a.fell_due, *c),
                collection_rate: Ratio::new(a.collected, a.fell_due),
                overdue_query: named(StatusFilter::Overdue),
                open_query: named(StatusFilter::Open),
                invoices_query: named(StatusFilter::All),
            });
    }

    // Regions and product lines: those with something open.
    type Field = fn(&Invoice) -> Option<&str>;
    let fields: [(Field, bool); 2] = [
        (|i| i.region.as_deref(), true),
        (|i| i.product_line.as_deref(), false),
    ];
    for (field, is_region) in fields {
        let (by_key, none) = tally(inputs, field);
        for (c, acc) in &none {
            let u = &mut entry(&mut out, *c).unassigned;
            let amounts = Amounts::of(acc, *c);
            if is_region {
                u.region = amounts;
            } else {
                u.product_line = amounts;
            }
        }
        for ((key, c), a) in by_key.iter().filter(|(_, a)| a.open_n > 0) {
            let set = |q: &mut LedgerQuery| {
                let k = Some((*key).to_owned());
                if is_region {
                    q.region = k;
                } else {
                    q.product_line = k;
                }
            };
            let row = GroupRow {
                key: (*key).to_owned(),
                currency: *c,
                amounts: Amounts::of(a, *c),
                overdue_query: query(*c, StatusFilter::Overdue, set),
                open_query: query(*c, StatusFilter::Open, set),
            };
            let ranked = entry(&mut out, *c);
            if is_region {
                ranked.regions.push(row);
            } else {
                ranked.product_lines.push(row);
            }
        }
    }

    for ranked in out.values_mut() {
        let by_amounts = |a: &Amounts, b: &Amounts| {
            (b.overdue.minor, b.open.minor).cmp(&(a.overdue.minor, a.open.minor))
        };
        ranked
            .regions
            .sort_by(|a, b| by_amounts(&a.amounts, &b.amounts).then_with(|| a.key.cmp(&b.key)));
        ranked
            .product_lines
            .sort_by(|a, b| by_amounts(&a.amounts, &b.amounts).then_with(|| a.key.cmp(&b.key)));
        ranked.salespeople_by_overdue.sort_by(|a, b| {
            by_amounts(&a.amounts, &b.amounts).then_with(|| a.salesperson.cmp(&b.salesperson))
        });
        let mut by_rate = ranked.salespeople_by_overdue.clone();
        by_rate.sort_by(|a, b| {
            let rate = match (&a.collection_rate, &b.collection_rate) {
                (Some(x), Some(y)) => y.cmp_exact(x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            rate.then_with(|| b.collected.minor.cmp(&a.collected.minor))
                .then_with(|| a.salesperson.cmp(&b.salesperson))
        });
        ranked.salespeople_by_rate = by_rate;
    }
    out
}
