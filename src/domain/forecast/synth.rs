//! A deterministic synthetic payment history with customers of known habits, for the
//! model's tests and for benchmarks. Same spec, same pool, on every platform.

use super::features::days_to_month_end;
use crate::domain::model::{Application, Customer, Invoice, Payment, Pool};
use crate::domain::money::{Currency, Money};
use crate::domain::terms::{effective_due, Terms, TermsBase};
use chrono::{Duration, NaiveDate};

/// How a synthetic customer pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Habit {
    /// Exactly 10 days after due, every time.
    LateTen,
    /// On the due date (one time in five a day early).
    OnTime,
    /// On the last day of the month the invoice falls due in.
    MonthEnd,
    /// 5 days early to months late: −5 + an exponential with mean 25 days.
    Erratic,
    /// Around a customer-specific mean (0–35 days) ± 4, later for larger invoices.
    Typical,
    /// On time in the first half of the history, about 25 days late in the second.
    Drifting,
}

const CYCLE: [Habit; 8] = [
    Habit::LateTen,
    Habit::OnTime,
    Habit::MonthEnd,
    Habit::Erratic,
    Habit::Typical,
    Habit::Typical,
    Habit::Typical,
    Habit::Drifting,
];

/// The habit of customer number `i` (customers cycle through the habits).
pub fn habit_of(i: usize) -> Habit {
    CYCLE[i % CYCLE.len()]
}

/// The code of customer number `i`.
pub fn customer_code(i: usize) -> String {
    format!("C{i:05}")
}

#[derive(Clone, Debug)]
pub struct SynthSpec {
    pub seed: u64,
    pub customers: usize,
    /// Invoices per customer; every tenth customer (i % 10 == 9) has only two.
    pub invoices_per_customer: usize,
    /// Invoices are dated uniformly in `start .. start + days`.
    pub start: NaiveDate,
    pub days: u32,
}

/// SplitMix64: tiny, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// Every invoice of the history is paid (some in two instalments), by payments that name
/// it; payments may be dated after any as-of date a test uses, which the ledger then ignores.
pub fn synthetic_history(spec: &SynthSpec) -> Pool {
    let mut rng = Rng(spec.seed);
    let mut pool = Pool::default();
    let mid = spec.start + Duration::days(i64::from(spec.days / 2));
    let terms_cycle = [
        Terms::new(TermsBase::InvoiceDate, 30),
        Terms::new(TermsBase::InvoiceDate, 45),
        Terms::new(TermsBase::InvoiceDate, 60),
        Terms::new(TermsBase::EndOfMonth, 30),
    ];
    let mut number = 0usize;
    for i in 0..spec.customers {
        let habit = habit_of(i);
        let code = customer_code(i);
        let currency = if i % 6 == 5 {
            Currency::USD
        } else {
            Currency::CNY
        };
        let terms = terms_cycle[i % terms_cycle.len()];
        pool.customers.push(Customer {
            terms: Some(terms),
            ..Customer::new(code.clone(), format!("Customer {i}"))
        });
        let typical = (4.0 + 3.0 * rng.unit()) * std::f64::consts::LN_10;
        let own_mean = 35.0 * rng.unit();
        let count = if i % 10 == 9 {
            2
        } else {
            spec.invoices_per_customer
        };
        for _ in 0..count {
            number += 1;
            let date = spec.start + Duration::days(rng.below(u64::from(spec.days.max(1))) as i64);
            let log_ratio = 0.8 * rng.normal();
            let amount = (typical + log_ratio).exp().round().max(100.0) as i64;
            let noisy = matches!(habit, Habit::Erratic | Habit::Typical | Habit::Drifting);
            let disputed = noisy && rng.unit() < 0.05;
            let invoice = Invoice {
                number: format!("INV{number:07}"),
                customer: code.clone(),
                order: None,
                date,
                amount: Money::new(amount, currency),
                due: None,
                // Every fifth invoice carries its own, shorter terms.
                terms: number
                    .is_multiple_of(5)
                    .then(|| Terms::new(TermsBase::InvoiceDate, 15)),
                shipped: None,
                salesperson: None,
                product_line: None,
                region: None,
                disputed,
            };
            let due = effective_due(&invoice, Some(terms));
            let mut delay = match habit {
                Habit::LateTen => 10,
                Habit::OnTime => -i64::from(rng.unit() < 0.2),
                Habit::MonthEnd => days_to_month_end(due),
                Habit::Erratic => -5 + (-25.0 * (1.0 - rng.unit()).ln()).floor() as i64,
                Habit::Typical => (own_mean + 4.0 * rng.normal() + 3.0 * log_ratio).round() as i64,
                Habit::Drifting if date < mid => (2.0 + 2.0 * rng.normal()).round() as i64,
                Habit::Drifting => (25.0 + 3.0 * rng.normal()).round() as i64,
            };
            if disputed {
                delay += 25;
            }
            let settle = (due + Duration::days(delay)).max(date);
            let pay = |suffix: &str, date: NaiveDate, minor: i64, named: Option<Money>| Payment {
                number: format!("PAY{number:07}{suffix}"),
                customer: code.clone(),
                date,
                amount: Money::new(minor, currency),
                applies_to: vec![Application {
                    invoice: invoice.number.clone(),
                    amount: named,
                }],
            };
            if rng.unit() < 0.1 {
                let half = amount / 2;
                let first =
                    date + Duration::days(settle.signed_duration_since(date).num_days() / 2);
                pool.payments
                    .push(pay("a", first, half, Some(Money::new(half, currency))));
                pool.payments.push(pay("b", settle, amount - half, None));
            } else {
                pool.payments.push(pay("", settle, amount, None));
            }
            pool.invoices.push(invoice);
        }
    }
    pool
}
