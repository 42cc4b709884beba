//! Statement of account (对账单): one customer's movements over `[from, to]`, per currency.
//!
//! - **Balance** = open invoices minus unapplied credit (what the customer owes net), from
//!   the ledger: opening as of `from − 1`, closing as of `to`.
//! - **Entries** are the invoices, payments and credit notes *dated* in the period, in date
//!   order (same date: invoices, then credit notes, then payments, each by number), with a
//!   running balance per currency. A negative invoice (红字发票) is an invoice entry with a
//!   negative amount; a negative payment (a refund) a payment entry with a negative amount.
//! - Opening + invoices − payments − credit notes = closing, exactly: as of any date, the
//!   ledger's open minus unapplied equals every invoice minus every payment and credit note
//!   dated up to then, because allocation only moves money between invoices and credit.

use super::aging::{aging, AgingBucket, AgingEdges};
use super::asof::AsOf;
use super::ledger::{ledger, InvoiceLine, InvoiceStatus, Ledger};
use super::model::Pool;
use super::money::{Currency, Money, Totals};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[cfg(test)]
mod tests;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryKind {
    Invoice,
    CreditNote,
    Payment,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementEntry {
    pub date: NaiveDate,
    pub kind: EntryKind,
    pub number: String,
    /// An invoice's explicit due date, if the file gave one.
    pub due: Option<NaiveDate>,
    /// The invoice(s) a credit note or payment names, comma-separated.
    pub reference: Option<String>,
    /// As recorded.
    pub amount: Money,
    /// Effect on the balance: `+amount` for an invoice, `−amount` otherwise.
    pub change: Money,
    /// Running balance in this currency after the entry.
    pub balance: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrencyStatement {
    pub currency: Currency,
    /// Open minus unapplied credit as of the day before `from`.
    pub opening: Money,
    pub invoiced: Money,
    pub paid: Money,
    pub credited: Money,
    /// Open minus unapplied credit as of `to`.
    pub closing: Money,
    pub closing_open: Money,
    pub closing_unapplied: Money,
    pub entries: Vec<StatementEntry>,
}

impl CurrencyStatement {
    /// Whether opening + invoiced − paid − credited = closing (always, barring overflow).
    pub fn is_balanced(&self) -> bool {
        i128::from(self.opening.minor) + i128::from(self.invoiced.minor)
            - i128::from(self.paid.minor)
            - i128::from(self.credited.minor)
            == i128::from(self.closing.minor)
    }
}

/// An invoice still open as of `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenItem {
    pub number: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub amount: Money,
    pub open: Money,
    pub days_overdue: i64,
    pub status: InvoiceStatus,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub customer: String,
    /// From the customer list; the code when the customer is not in it.
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// In currency-code order; a currency appears if it has a balance or an entry.
    pub currencies: Vec<CurrencyStatement>,
    /// As of `to`, most overdue first.
    pub open_items: Vec<OpenItem>,
    /// [`aging`] of the open items as of `to`.
    pub aging: Vec<AgingBucket>,
}

impl Statement {
    pub fn currency(&self, currency: Currency) -> Option<&CurrencyStatement> {
        self.currencies.iter().find(|c| c.currency == currency)
    }
}

/// One customer's statement for `[from, to]` (swapped if given backwards).
pub fn statement(
    pool: &Pool,
    customer: &str,
    from: NaiveDate,
    to: NaiveDate,
    edges: &AgingEdges,
) -> Statement {
    let mut all = statements(pool, &[customer], from, to, edges);
    all.pop().expect("one statement per customer asked for")
}

/// Statements for many customers (in the order given), computing the two ledgers once:
/// O(n log n) however many customers are printed.
pub fn statements(
    pool: &Pool,
    customers: &[&str],
    from: NaiveDate,
    to: NaiveDate,
    edges: &AgingEdges,
) -> Vec<Statement> {
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    let position: HashMap<&str, usize> = customers
        .iter()
        .enumerate()
        .rev()
        .map(|(i, &c)| (c, i))
        .collect();
    let names: HashMap<&str, &str> = pool
        .customers
        .iter()
        .rev()
        .map(|c| (c.code.as_str(), c.name.as_str()))
        .collect();
    let opening_ledger = from.pred_opt().map(|day| ledger(pool, AsOf(day)));
    let closing_ledger = ledger(pool, AsOf(to));

    let mut books: Vec<Book> = customers.iter().map(|_| Book::default()).collect();
    if let Some(l) = &opening_ledger {
        balances(pool, l, &position, &mut books, |b| &mut b.opening);
    }
    balances(pool, &closing_ledger, &position, &mut books, |b| {
        &mut b.closing
    });
    collect_entries(pool, from, to, &position, &mut books);
    for line in closing_ledger.lines.iter().filter(|l| l.open.minor > 0) {
        if let Some(&i) = position.get(line.customer(pool)) {
            books[i].open_lines.push(line);
        }
    }

    customers
        .iter()
        .zip(books)
        .map(|(&customer, book)| {
            book.into_statement(
                pool,
                customer,
                names.get(customer).copied(),
                (from, to),
                &closing_ledger,
                edges,
            )
        })
        .collect()
}

/// Customer codes with at least one overdue invoice in `ledger`, sorted.
pub fn customers_with_overdue(ledger: &Ledger, pool: &Pool) -> Vec<String> {
    let codes: BTreeSet<&str> = ledger
        .lines
        .iter()
        .filter(|l| l.status == InvoiceStatus::Overdue)
        .map(|l| l.customer(pool))
        .collect();
    codes.into_iter().map(str::to_owned).collect()
}

/// (open, unapplied) per currency.
type Balances = BTreeMap<Currency, (i64, i64)>;

#[derive(Default)]
struct Book<'a> {
    opening: Balances,
    closing: Balances,
    entries: Vec<StatementEntry>,
    open_lines: Vec<&'a InvoiceLine>,
}

fn balances<'a>(
    pool: &Pool,
    l: &Ledger,
    position: &HashMap<&str, usize>,
    books: &mut [Book<'a>],
    field: for<'b> fn(&'b mut Book<'a>) -> &'b mut Balances,
) {
    for line in l.lines.iter().filter(|l| l.open.minor != 0) {
        if let Some(&i) = position.get(line.customer(pool)) {
            let e = field(&mut books[i]).entry(line.currency).or_default();
            e.0 = e.0.saturating_add(line.open.minor);
        }
    }
    for credit in &l.unapplied {
        if let Some(&i) = position.get(credit.customer.as_str()) {
            let e = field(&mut books[i])
                .entry(credit.amount.currency)
                .or_default();
            e.1 = e.1.saturating_add(credit.amount.minor);
        }
    }
}

fn collect_entries(
    pool: &Pool,
    from: NaiveDate,
    to: NaiveDate,
    position: &HashMap<&str, usize>,
    books: &mut [Book<'_>],
) {
    let in_period = |d: NaiveDate| from <= d && d <= to;
    let mut push = |customer: &str, entry: StatementEntry| {
        if let Some(&i) = position.get(customer) {
            books[i].entries.push(entry);
        }
    };
    let entry = |date, kind, number: &str, amount: Money, due, reference| StatementEntry {
        date,
        kind,
        number: number.to_owned(),
        due,
        reference,
        amount,
        change: match kind {
            EntryKind::Invoice => amount,
            _ => Money::new(amount.minor.saturating_neg(), amount.currency),
        },
        balance: amount,
    };
    for i in pool.invoices.iter().filter(|i| in_period(i.date)) {
        if position.contains_key(i.customer.as_str()) {
            push(
                &i.customer,
                entry(i.date, EntryKind::Invoice, &i.number, i.amount, i.due, None),
            );
        }
    }
    for c in pool.credit_notes.iter().filter(|c| in_period(c.date)) {
        if position.contains_key(c.customer.as_str()) {
            let e = entry(
                c.date,
                EntryKind::CreditNote,
                &c.number,
                c.amount,
                None,
                c.invoice.clone(),
            );
            push(&c.customer, e);
        }
    }
    for p in pool.payments.iter().filter(|p| in_period(p.date)) {
        if position.contains_key(p.customer.as_str()) {
            let named: Vec<&str> = p.applies_to.iter().map(|a| a.invoice.as_str()).collect();
            let reference = (!named.is_empty()).then(|| named.join(", "));
            let e = entry(
                p.date,
                EntryKind::Payment,
                &p.number,
                p.amount,
                None,
                reference,
            );
            push(&p.customer, e);
        }
    }
}

impl<'a> Book<'a> {
    fn into_statement(
        mut self,
        pool: &Pool,
        customer: &str,
        name: Option<&str>,
        (from, to): (NaiveDate, NaiveDate),
        closing_ledger: &Ledger,
        edges: &AgingEdges,
    ) -> Statement {
        self.entries
            .sort_by(|a, b| (a.date, a.kind, &a.number).cmp(&(b.date, b.kind, &b.number)));
        let mut currencies: BTreeSet<Currency> = self.opening.keys().copied().collect();
        currencies.extend(self.closing.keys().copied());
        currencies.extend(self.entries.iter().map(|e| e.amount.currency));
        let net = |b: &Balances, c: Currency| {
            let (open, credit) = b.get(&c).copied().unwrap_or((0, 0));
            (open, credit, open.saturating_sub(credit))
        };
        let currencies = currencies
            .into_iter()
            .map(|c| {
                let (_, _, opening) = net(&self.opening, c);
                let (open, credit, closing) = net(&self.closing, c);
                let (mut running, mut invoiced, mut paid, mut credited) =
                    (opening, 0i64, 0i64, 0i64);
                let entries: Vec<StatementEntry> = self
                    .entries
                    .iter()
                    .filter(|e| e.amount.currency == c)
                    .map(|e| {
                        let total = match e.kind {
                            EntryKind::Invoice => &mut invoiced,
                            EntryKind::CreditNote => &mut credited,
                            EntryKind::Payment => &mut paid,
                        };
                        *total = total.saturating_add(e.amount.minor);
                        running = running.saturating_add(e.change.minor);
                        StatementEntry {
                            balance: Money::new(running, c),
                            ..e.clone()
                        }
                    })
                    .collect();
                CurrencyStatement {
                    currency: c,
                    opening: Money::new(opening, c),
                    invoiced: Money::new(invoiced, c),
                    paid: Money::new(paid, c),
                    credited: Money::new(credited, c),
                    closing: Money::new(closing, c),
                    closing_open: Money::new(open, c),
                    closing_unapplied: Money::new(credit, c),
                    entries,
                }
            })
            .collect();

        let mut open_lines = self.open_lines;
        open_lines.sort_by(|a, b| {
            b.days_overdue
                .cmp(&a.days_overdue)
                .then_with(|| a.number(pool).cmp(b.number(pool)))
        });
        let mut sub = Ledger {
            as_of: closing_ledger.as_of,
            lines: open_lines.iter().map(|&l| l.clone()).collect(),
            unapplied: Vec::new(),
            total_open: Totals::new(),
            total_overdue: Totals::new(),
            total_unapplied: Totals::new(),
        };
        for l in &sub.lines {
            sub.total_open.add(l.open);
            if l.status == InvoiceStatus::Overdue {
                sub.total_overdue.add(l.open);
            }
        }
        let open_items = open_lines
            .iter()
            .filter_map(|l| {
                let inv = l.invoice(pool)?;
                Some(OpenItem {
                    number: inv.number.clone(),
                    date: inv.date,
                    due: l.due,
                    amount: l.amount,
                    open: l.open,
                    days_overdue: l.days_overdue,
                    status: l.status,
                })
            })
            .collect();
        Statement {
            customer: customer.to_owned(),
            name: name.unwrap_or(customer).to_owned(),
            from,
            to,
            currencies,
            open_items,
            aging: aging(&sub, edges),
        }
    }
}
