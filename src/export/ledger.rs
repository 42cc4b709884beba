//! The ledger as a table: the same columns on screen, in CSV and XLSX.

use super::table::{Cell, Table};
use crate::domain::ledger::{InvoiceStatus, Ledger};
use crate::domain::model::Pool;
use std::collections::HashMap;

/// Bilingual headers, so the file reads in either language and tools can find the columns.
pub const HEADER: [&str; 13] = [
    "单据编号 Invoice No",
    "客户编码 Customer Code",
    "客户名称 Customer",
    "订单号 Order No",
    "业务日期 Invoice Date",
    "到期日 Due Date",
    "币别 Currency",
    "金额 Amount",
    "已收 Paid",
    "未收金额 Outstanding",
    "逾期天数 Days Overdue",
    "状态 Status",
    "业务员 Salesperson",
];

pub fn status_text(s: InvoiceStatus) -> &'static str {
    match s {
        InvoiceStatus::Open => "未到期 open",
        InvoiceStatus::Overdue => "逾期 overdue",
        InvoiceStatus::Paid => "已结清 paid",
    }
}

/// Customer names by code.
pub fn customer_names(pool: &Pool) -> HashMap<&str, &str> {
    pool.customers
        .iter()
        .map(|c| (c.code.as_str(), c.name.as_str()))
        .collect()
}

/// One row per selected line (`picked`: indices into `ledger.lines`), amounts as numbers.
pub fn rows(pool: &Pool, ledger: &Ledger, picked: &[usize]) -> Vec<[Cell; 13]> {
    let names = customer_names(pool);
    picked
        .iter()
        .filter_map(|&i| {
            let line = ledger.lines.get(i)?;
            let inv = line.invoice(pool)?;
            Some([
                Cell::text(&inv.number),
                Cell::text(&inv.customer),
                Cell::text(names.get(inv.customer.as_str()).copied().unwrap_or("")),
                Cell::text(inv.order.clone().unwrap_or_default()),
                Cell::text(inv.date.to_string()),
                Cell::text(line.due.to_string()),
                Cell::text(line.currency.code()),
                Cell::money(line.amount),
                Cell::money(line.applied),
                Cell::money(line.open),
                Cell::int(line.days_overdue.max(0)),
                Cell::text(status_text(line.status)),
                Cell::text(inv.salesperson.clone().unwrap_or_default()),
            ])
        })
        .collect()
}

/// The selected lines as one table, for CSV and XLSX alike.
pub fn table(pool: &Pool, ledger: &Ledger, picked: &[usize]) -> Table {
    Table::new(&HEADER, rows(pool, ledger, picked))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::asof::AsOf;
    use crate::domain::ledger::ledger;
    use crate::domain::model::{Customer, Invoice};
    use crate::domain::money::{Currency, Money};
    use chrono::NaiveDate;

    #[test]
    fn a_hostile_customer_name_is_neutralised_in_the_csv() {
        let date = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let pool = Pool {
            customers: vec![Customer {
                ..Customer::new("0001", "=HYPERLINK(\"http://evil\",\"点我\")")
            }],
            invoices: vec![Invoice {
                due: Some(date),
                ..Invoice::new(
                    "0000611365",
                    "0001",
                    date,
                    Money::new(123_456, Currency::CNY),
                )
            }],
            ..Pool::default()
        };
        let l = ledger(&pool, AsOf(NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()));
        let doc = table(&pool, &l, &[0]).to_csv();
        let line = doc.lines().nth(1).unwrap();
        assert!(line.starts_with("0000611365,0001,\"'=HYPERLINK("), "{line}");
        assert!(
            line.contains(",CNY,1234.56,0.00,1234.56,10,逾期 overdue,"),
            "{line}"
        );
    }
}
