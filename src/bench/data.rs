//! Deterministic, realistic receivables exports for benchmarks and large-volume tests:
//! a Kingdee-style open-items report (title lines, Chinese headers, GBK bytes, leading-zero
//! codes, `¥1,234.50` amounts, subtotal rows per customer).

use chrono::{Duration, NaiveDate};

/// A small deterministic generator (xorshift), so every run imports the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SALES: [&str; 6] = ["张伟", "王芳", "李娜", "刘洋", "陈静", "赵磊"];
const CITIES: [&str; 8] = [
    "苏州", "宁波", "东莞", "佛山", "无锡", "温州", "青岛", "成都",
];
const TRADES: [&str; 5] = ["精密机械", "电子科技", "五金制品", "塑胶模具", "纺织印染"];

fn grouped(cents: u64) -> String {
    let int = (cents / 100).to_string();
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{out}.{:02}", cents % 100)
}

/// `invoices` open items, 20 per customer, as UTF-8 text.
/// Every invoice row is valid; the open total is the sum of the 未收金额 column.
pub fn kingdee_open_items(invoices: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let customers = invoices.div_ceil(20).max(1);
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date");
    let mut out = String::with_capacity(invoices * 110 + 256);
    out.push_str("华东精密机械有限公司 应收款明细表\r\n日期：2026-03-31\r\n\r\n");
    out.push_str(
        "客户编码,客户名称,单据编号,业务日期,到期日,币别,价税合计,已收金额,未收金额,业务员\r\n",
    );
    let per_customer = invoices.div_ceil(customers);
    let mut written = 0;
    for c in 0..customers {
        let code = format!("{:06}", c + 1);
        let name = format!(
            "{}{}{}有限公司",
            CITIES[c % CITIES.len()],
            TRADES[(c / CITIES.len()) % TRADES.len()],
            c + 1
        );
        let sales = SALES[c % SALES.len()];
        let mut subtotal = 0u64;
        for _ in 0..per_customer {
            if written == invoices {
                break;
            }
            written += 1;
            let date = start + Duration::days(rng.below(450) as i64);
            let due = date + Duration::days([30, 45, 60, 90][rng.below(4) as usize]);
            let amount = 10_000 + rng.below(50_000_000);
            let paid = match rng.below(4) {
                0 => amount / 2,
                1 => amount / 10 * 3,
                _ => 0,
            };
            let open = amount - paid;
            subtotal += open;
            out.push_str(&format!(
                "{code},{name},AR{written:07},{date},{due},人民币,\"￥{}\",\"{}\",\"{}\",{sales}\r\n",
                grouped(amount),
                grouped(paid),
                grouped(open)
            ));
        }
        out.push_str(&format!(
            ",{name}(小计),,,,,,,\"{}\",\r\n",
            grouped(subtotal)
        ));
    }
    out.push_str(",合计,,,,,,,,\r\n");
    out
}

/// The same report as GBK (GB18030) bytes, as Chinese ERPs write it.
pub fn kingdee_open_items_gbk(invoices: usize) -> Vec<u8> {
    let text = kingdee_open_items(invoices);
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    debug_assert!(!unmappable);
    bytes.into_owned()
}

/// A pool of `invoices` open invoices for 1 000 customers as of `as_of`, days overdue cycling
/// through -5..=44 (every tier of the default rules), every 97th disputed, with a staff
/// directory that fills every role: what the reminder benchmark evaluates.
pub fn open_invoices_pool(invoices: usize, as_of: NaiveDate) -> crate::domain::model::Pool {
    use crate::domain::model::{Customer, Invoice, Person, Pool, Reach, Role};
    use crate::domain::money::{Currency, Money};
    let person = |name: &str, role: Role, manager: Option<&str>| Person {
        name: name.to_owned(),
        roles: vec![role],
        reach: Reach {
            email: Some(format!("{name}@example.com")),
            ..Reach::default()
        },
        manager: manager.map(str::to_owned),
    };
    let staff = vec![
        person("张三", Role::Salesperson, Some("赵经理")),
        person("李四", Role::Salesperson, Some("赵经理")),
        person("赵经理", Role::SalesManager, None),
        person("钱会计", Role::Finance, None),
        person("孙总监", Role::SalesDirector, None),
        person("周总", Role::Ceo, None),
        person("吴总监", Role::Cfo, None),
        person("郑律师", Role::Legal, None),
    ];
    let customers = (0..1_000)
        .map(|c| Customer {
            salesperson: Some(if c % 2 == 0 { "张三" } else { "李四" }.to_owned()),
            ..Customer::new(format!("C{c:04}"), format!("客户{c}有限公司"))
        })
        .collect();
    let invoices = (0..invoices)
        .map(|i| {
            let due = as_of - Duration::days((i % 50) as i64 - 5);
            Invoice {
                order: Some(format!("SO-{i:06}")),
                due: Some(due),
                disputed: i % 97 == 0,
                ..Invoice::new(
                    format!("INV-{i:06}"),
                    format!("C{:04}", i % 1_000),
                    due - Duration::days(30),
                    Money::new(100_000 + i as i64, Currency::CNY),
                )
            }
        })
        .collect();
    Pool {
        customers,
        invoices,
        staff,
        ..Pool::default()
    }
}

/// A receivables history for the dashboard benchmark, deterministic: `invoices` invoices over
/// the two years before `as_of` (2 000 customers, 6 salespeople, 8 regions, 5 product lines,
/// one in ten in USD, terms of 30, 60 or 90 days) and `payments` payments, each paying part or
/// all of one invoice on a day between its date and 120 days after its due date (one in
/// twenty unapplied, left to the oldest-first allocation).
pub fn dashboard_pool(
    invoices: usize,
    payments: usize,
    as_of: NaiveDate,
) -> crate::domain::model::Pool {
    use crate::domain::model::{Application, Customer, Invoice, Payment, Pool};
    use crate::domain::money::{Currency, Money};
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let customers: Vec<Customer> = (0..2_000)
        .map(|c| {
            Customer::new(
                format!("C{c:05}"),
                format!("{}客户{c}有限公司", CITIES[c % 8]),
            )
        })
        .collect();
    let start = as_of - Duration::days(730);
    let invoices: Vec<Invoice> = (0..invoices)
        .map(|i| {
            let date = start + Duration::days(rng.below(731) as i64);
            let currency = if i % 10 == 0 {
                Currency::USD
            } else {
                Currency::CNY
            };
            Invoice {
                due: Some(date + Duration::days(30 * (1 + rng.below(3) as i64))),
                salesperson: Some(SALES[i % SALES.len()].to_owned()),
                region: Some(CITIES[(i / 7) % CITIES.len()].to_owned()),
                product_line: Some(TRADES[(i / 3) % TRADES.len()].to_owned()),
                ..Invoice::new(
                    format!("INV-{i:06}"),
                    format!("C{:05}", rng.below(2_000)),
                    date,
                    Money::new(10_000 + rng.below(5_000_000) as i64, currency),
                )
            }
        })
        .collect();
    let payments = (0..payments)
        .filter_map(|k| {
            let inv = invoices.get(rng.below(invoices.len().max(1) as u64) as usize)?;
            let due = inv.due.unwrap_or(inv.date);
            let span = (due - inv.date).num_days() + 120;
            let date = inv.date + Duration::days(rng.below(span as u64 + 1) as i64);
            let part = if rng.below(4) == 0 { 2 } else { 1 };
            let amount = Money::new(inv.amount.minor / part, inv.amount.currency);
            let applies_to = if k % 20 == 0 {
                Vec::new()
            } else {
                vec![Application {
                    invoice: inv.number.clone(),
                    amount: None,
                }]
            };
            Some(Payment {
                number: format!("PAY-{k:06}"),
                customer: inv.customer.clone(),
                date,
                amount,
                applies_to,
            })
        })
        .collect();
    Pool {
        customers,
        invoices,
        payments,
        ..Pool::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pipeline::analyze;

    #[test]
    fn the_generated_report_imports_completely() {
        let bytes = kingdee_open_items_gbk(2_000);
        let p = analyze(&bytes, "bench.csv", None, &|_| None).expect("imports");
        assert_eq!(p.encoding, Some("GB18030"));
        assert_eq!(p.counts.imported, 2_000);
        assert_eq!(p.counts.rejected, 0);
        assert_eq!(
            p.counts.subtotals, 101,
            "one 小计 per customer and the 合计"
        );
        assert_eq!(p.batch.records.invoices.len(), 2_000);
        assert_eq!(p.report_date, NaiveDate::from_ymd_opt(2026, 3, 31));
    }

    #[test]
    fn the_dashboard_pool_is_deterministic_and_has_open_and_overdue_money() {
        let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let p = dashboard_pool(2_000, 2_000, as_of);
        assert_eq!((p.invoices.len(), p.payments.len()), (2_000, 2_000));
        assert_eq!(p, dashboard_pool(2_000, 2_000, as_of));
        let l = crate::domain::ledger::ledger(&p, crate::domain::asof::AsOf(as_of));
        let cny = crate::domain::money::Currency::CNY;
        assert!(l.total_overdue.get(cny).minor > 0);
        assert!(l.total_open.get(cny).minor > l.total_overdue.get(cny).minor);
        assert!(
            l.lines.iter().any(|x| x.settled_on.is_some()),
            "some are paid"
        );
    }

    #[test]
    fn amounts_are_grouped_like_an_erp_writes_them() {
        assert_eq!(grouped(123_456_789), "1,234,567.89");
        assert_eq!(grouped(5), "0.05");
    }
}
