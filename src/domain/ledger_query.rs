//! Which ledger lines a filtered, sorted view shows: the ledger page, its CSV export and every
//! drill-down use this one function, so "the invoices behind a figure" are always the same.

use super::aging::{bucket_of, AgingEdges};
use super::ledger::{InvoiceLine, InvoiceStatus, Ledger};
use super::model::Pool;
use super::money::Currency;
use std::cmp::Ordering;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    All,
    /// Not fully paid (due or not yet due).
    Open,
    Overdue,
    Paid,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    DaysOverdue,
    DueDate,
    InvoiceDate,
    Number,
    Customer,
    Amount,
    Outstanding,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LedgerQuery {
    /// Customer code, exact.
    pub customer: Option<String>,
    pub salesperson: Option<String>,
    pub region: Option<String>,
    pub product_line: Option<String>,
    pub status: StatusFilter,
    /// Aging bucket index (see [`bucket_of`]); only open lines fall in a bucket.
    pub bucket: Option<usize>,
    pub currency: Option<Currency>,
    /// Case-insensitive text found in the number, order, customer code or name, or salesperson.
    pub text: String,
    pub sort: SortKey,
    pub descending: bool,
}

impl LedgerQuery {
    /// Reads drill-down parameters (`customer=C001&bucket=2&status=overdue`) from a URL query.
    pub fn from_query_string(query: &str) -> LedgerQuery {
        let mut q = LedgerQuery {
            descending: true,
            ..LedgerQuery::default()
        };
        for pair in query.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = percent_decode(v);
            match k {
                "customer" if !v.is_empty() => q.customer = Some(v),
                "salesperson" if !v.is_empty() => q.salesperson = Some(v),
                "region" if !v.is_empty() => q.region = Some(v),
                "product_line" if !v.is_empty() => q.product_line = Some(v),
                "currency" => q.currency = Currency::parse(&v).ok(),
                "bucket" => q.bucket = v.parse().ok(),
                "q" => q.text = v,
                "status" => {
                    q.status = match v.as_str() {
                        "open" => StatusFilter::Open,
                        "overdue" => StatusFilter::Overdue,
                        "paid" => StatusFilter::Paid,
                        _ => StatusFilter::All,
                    }
                }
                _ => {}
            }
        }
        q
    }
}

impl LedgerQuery {
    /// The filter as a URL query (`customer=…&status=overdue`), for drill-down links;
    /// [`LedgerQuery::from_query_string`] reads it back. Sorting is not part of a link.
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut add = |k: &str, v: &str| parts.push(format!("{k}={}", percent_encode(v)));
        for (k, v) in [
            ("customer", &self.customer),
            ("salesperson", &self.salesperson),
            ("region", &self.region),
            ("product_line", &self.product_line),
        ] {
            if let Some(v) = v {
                add(k, v);
            }
        }
        if let Some(c) = self.currency {
            add("currency", c.code());
        }
        if let Some(b) = self.bucket {
            add("bucket", &b.to_string());
        }
        match self.status {
            StatusFilter::All => {}
            StatusFilter::Open => add("status", "open"),
            StatusFilter::Overdue => add("status", "overdue"),
            StatusFilter::Paid => add("status", "paid"),
        }
        if !self.text.is_empty() {
            add("q", &self.text);
        }
        parts.join("&")
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986), as UTF-8.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The decoded `key=value` pairs of a URL query (drill-down links carry their filters so).
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Decodes `%XX` escapes (UTF-8) and `+`; malformed escapes are kept as written.
fn percent_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| Some(hex(bytes[i + 1])? * 16 + hex(bytes[i + 2])?))
            .flatten();
        match (escaped, bytes[i]) {
            (Some(b), _) => {
                out.push(b);
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Indices into `ledger.lines` of the lines `q` selects, in `q`'s order (ties by number).
pub fn select(pool: &Pool, ledger: &Ledger, edges: &AgingEdges, q: &LedgerQuery) -> Vec<usize> {
    let names: HashMap<&str, &str> = pool
        .customers
        .iter()
        .map(|c| (c.code.as_str(), c.name.as_str()))
        .collect();
    let needle = q.text.trim().to_lowercase();
    let matches = |line: &InvoiceLine| -> bool {
        let Some(inv) = line.invoice(pool) else {
            return false;
        };
        let status_ok = match q.status {
            StatusFilter::All => true,
            StatusFilter::Open => line.status != InvoiceStatus::Paid,
            StatusFilter::Overdue => line.status == InvoiceStatus::Overdue,
            StatusFilter::Paid => line.status == InvoiceStatus::Paid,
        };
        let field_ok = |want: &Option<String>, have: &Option<String>| {
            want.as_ref()
                .is_none_or(|w| have.as_deref() == Some(w.as_str()))
        };
        status_ok
            && q.customer.as_ref().is_none_or(|c| inv.customer == *c)
            && field_ok(&q.salesperson, &inv.salesperson)
            && field_ok(&q.region, &inv.region)
            && field_ok(&q.product_line, &inv.product_line)
            && q.currency.is_none_or(|c| line.currency == c)
            && q.bucket.is_none_or(|b| {
                line.status != InvoiceStatus::Paid && bucket_of(line.days_overdue, edges) == b
            })
            && (needle.is_empty() || {
                let name = names.get(inv.customer.as_str()).copied().unwrap_or("");
                [
                    Some(inv.number.as_str()),
                    Some(inv.customer.as_str()),
                    Some(name),
                    inv.order.as_deref(),
                    inv.salesperson.as_deref(),
                ]
                .into_iter()
                .flatten()
                .any(|s| s.to_lowercase().contains(&needle))
            })
    };
    let mut picked: Vec<usize> = ledger
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| matches(l))
        .map(|(i, _)| i)
        .collect();
    let key = |i: &usize| &ledger.lines[*i];
    let number = |l: &InvoiceLine| l.number(pool);
    picked.sort_by(|a, b| {
        let (x, y) = (key(a), key(b));
        let primary = match q.sort {
            SortKey::DaysOverdue => x.days_overdue.cmp(&y.days_overdue),
            SortKey::DueDate => x.due.cmp(&y.due),
            SortKey::InvoiceDate => x
                .invoice(pool)
                .map(|i| i.date)
                .cmp(&y.invoice(pool).map(|i| i.date)),
            SortKey::Number => Ordering::Equal,
            SortKey::Customer => x.customer(pool).cmp(y.customer(pool)),
            SortKey::Amount => (x.currency, x.amount.minor).cmp(&(y.currency, y.amount.minor)),
            SortKey::Outstanding => (x.currency, x.open.minor).cmp(&(y.currency, y.open.minor)),
        };
        let primary = if q.descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(|| number(x).cmp(number(y)))
    });
    picked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::asof::AsOf;
    use crate::domain::ledger::ledger;
    use crate::domain::model::{Invoice, Payment};
    use crate::domain::money::Money;
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn inv(n: &str, c: &str, due: NaiveDate, cents: i64, cur: Currency, sp: &str) -> Invoice {
        Invoice {
            due: Some(due),
            salesperson: Some(sp.into()),
            ..Invoice::new(n, c, d(1, 1), Money::new(cents, cur))
        }
    }

    fn pool() -> Pool {
        Pool {
            invoices: vec![
                inv("A1", "C1", d(3, 1), 10_000, Currency::CNY, "张三"), // 30 days overdue at 3-31
                inv("A2", "C1", d(1, 15), 5_000, Currency::CNY, "张三"), // paid
                inv("B1", "C2", d(4, 30), 7_000, Currency::USD, "李四"), // not yet due
                inv("B2", "C2", d(1, 1), 2_000, Currency::CNY, "李四"),  // 89 days
            ],
            payments: vec![Payment {
                number: "P1".into(),
                customer: "C1".into(),
                date: d(1, 10),
                amount: Money::new(5_000, Currency::CNY),
                applies_to: vec![],
            }],
            ..Pool::default()
        }
    }

    fn numbers(p: &Pool, l: &Ledger, q: &LedgerQuery) -> Vec<String> {
        select(p, l, &AgingEdges::default(), q)
            .iter()
            .map(|&i| l.lines[i].number(p).to_owned())
            .collect()
    }

    #[test]
    fn filters_by_status_bucket_currency_salesperson_and_text() {
        let p = pool();
        let l = ledger(&p, AsOf(d(3, 31)));
        let q = |f: fn(&mut LedgerQuery)| {
            let mut q = LedgerQuery {
                sort: SortKey::Number,
                ..Default::default()
            };
            f(&mut q);
            numbers(&p, &l, &q)
        };
        assert_eq!(q(|_| {}), ["A1", "A2", "B1", "B2"]);
        assert_eq!(q(|q| q.status = StatusFilter::Overdue), ["A1", "B2"]);
        assert_eq!(q(|q| q.status = StatusFilter::Open), ["A1", "B1", "B2"]);
        assert_eq!(q(|q| q.status = StatusFilter::Paid), ["A2"]);
        assert_eq!(q(|q| q.bucket = Some(0)), ["B1"], "not yet due");
        assert_eq!(q(|q| q.bucket = Some(1)), ["A1"], "1–30");
        assert_eq!(q(|q| q.bucket = Some(3)), ["B2"], "61–90");
        assert_eq!(q(|q| q.currency = Some(Currency::USD)), ["B1"]);
        assert_eq!(q(|q| q.salesperson = Some("李四".into())), ["B1", "B2"]);
        assert_eq!(q(|q| q.text = "a".into()), ["A1", "A2"]);
        assert_eq!(q(|q| q.customer = Some("C2".into())), ["B1", "B2"]);
    }

    #[test]
    fn sorts_with_ties_broken_by_number() {
        let p = pool();
        let l = ledger(&p, AsOf(d(3, 31)));
        let q = LedgerQuery {
            sort: SortKey::DaysOverdue,
            descending: true,
            ..Default::default()
        };
        assert_eq!(numbers(&p, &l, &q), ["B2", "A2", "A1", "B1"]);
    }

    #[test]
    fn drill_down_links_round_trip() {
        let q = LedgerQuery {
            customer: Some("华东&A=B".into()),
            salesperson: Some("张 三".into()),
            region: Some("华东".into()),
            product_line: Some("a+b%".into()),
            status: StatusFilter::Overdue,
            bucket: Some(3),
            currency: Some(Currency::EUR),
            text: "x y".into(),
            sort: SortKey::DaysOverdue,
            descending: true,
        };
        assert_eq!(LedgerQuery::from_query_string(&q.to_query_string()), q);
        assert_eq!(LedgerQuery::default().to_query_string(), "");
    }

    #[test]
    fn reads_drill_down_links() {
        let q = LedgerQuery::from_query_string(
            "customer=%E5%8D%8E%E4%B8%9C&bucket=2&status=overdue&currency=usd&q=a+b",
        );
        assert_eq!(q.customer.as_deref(), Some("华东"));
        assert_eq!(q.bucket, Some(2));
        assert_eq!(q.status, StatusFilter::Overdue);
        assert_eq!(q.currency, Some(Currency::USD));
        assert_eq!(q.text, "a b");
        assert_eq!(LedgerQuery::from_query_string("bucket=x&%zz").bucket, None);
        assert_eq!(
            LedgerQuery::from_query_string("q=%a\u{e9}%").text,
            "%a\u{e9}%"
        );
    }
}
