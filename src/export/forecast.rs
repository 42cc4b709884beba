//! The payment forecast as a table (the `forecast-export` hook): one row per open invoice as
//! of the as-of date, with its expected payment date, range and late risk.

use super::ledger::customer_names;
use super::table::{Cell, Table};
use crate::domain::forecast::Predictions;
use crate::domain::model::Pool;

/// Bilingual headers, like the ledger export.
pub const HEADER: [&str; 12] = [
    "单据编号 Invoice No",
    "客户编码 Customer Code",
    "客户名称 Customer",
    "币别 Currency",
    "未收金额 Outstanding",
    "到期日 Due Date",
    "逾期天数 Days Overdue",
    "预计回款日 Expected Payment Date",
    "区间下限 Range From",
    "区间上限 Range To",
    "逾期风险 Late Risk",
    "风险阈值天数 Late Threshold Days",
];

/// The late risk as the file writes it: a probability with three decimals ("0.125");
/// empty if it is not a number (the model never gives one; the file must not say "NaN").
pub fn risk_text(risk: f64) -> String {
    if risk.is_finite() {
        // `+ 0.0` turns −0 into 0, so the file never says "-0.000".
        format!("{:.3}", risk.clamp(0.0, 1.0) + 0.0)
    } else {
        String::new()
    }
}

/// One row per prediction (every invoice open as of the predictions' date), in pool order.
pub fn rows(pool: &Pool, predictions: &Predictions) -> Vec<[Cell; 12]> {
    let names = customer_names(pool);
    let threshold = predictions.model.settings().late_threshold_days;
    predictions
        .predictions
        .iter()
        .filter_map(|p| {
            let inv = pool.invoices.get(p.index)?;
            let risk = risk_text(p.late_risk);
            Some([
                Cell::text(&inv.number),
                Cell::text(&inv.customer),
                Cell::text(names.get(inv.customer.as_str()).copied().unwrap_or("")),
                Cell::text(p.open.currency.code()),
                Cell::money(p.open),
                Cell::text(p.due.to_string()),
                Cell::int(p.days_late_now.max(0)),
                Cell::text(p.expected.to_string()),
                Cell::text(p.early.to_string()),
                Cell::text(p.late.to_string()),
                if risk.is_empty() {
                    Cell::text(risk)
                } else {
                    Cell::Number(risk)
                },
                Cell::int(threshold),
            ])
        })
        .collect()
}

/// Every prediction as one table, for CSV and XLSX alike.
pub fn table(pool: &Pool, predictions: &Predictions) -> Table {
    Table::new(&HEADER, rows(pool, predictions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::asof::AsOf;
    use crate::domain::forecast::{predict, ForecastSettings};
    use crate::domain::model::{Application, Customer, Invoice, Payment};
    use crate::domain::money::{Currency, Money};
    use chrono::{Duration, NaiveDate};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn invoice(number: &str, customer: &str, date: NaiveDate, minor: i64) -> Invoice {
        Invoice {
            due: Some(date + Duration::days(30)),
            ..Invoice::new(number, customer, date, Money::new(minor, Currency::CNY))
        }
    }

    /// Customer "0001" (named with a formula) always pays 10 days late; two invoices are open.
    fn pool() -> Pool {
        let mut pool = Pool {
            customers: vec![Customer {
                ..Customer::new("0001", "=HYPERLINK(\"http://evil\")")
            }],
            ..Pool::default()
        };
        for k in 0..30 {
            let date = d(2025, 1, 1) + Duration::days(7 * k);
            let inv = invoice(&format!("H{k:03}"), "0001", date, 100_000);
            pool.payments.push(Payment {
                number: format!("P{k:03}"),
                customer: "0001".into(),
                date: date + Duration::days(40),
                amount: inv.amount,
                applies_to: vec![Application {
                    invoice: inv.number.clone(),
                    amount: None,
                }],
            });
            pool.invoices.push(inv);
        }
        pool.invoices
            .push(invoice("OPEN-1", "0001", d(2025, 12, 1), 123_456));
        pool.invoices
            .push(invoice("OPEN-2", "0002", d(2025, 11, 1), 50_000));
        pool
    }

    #[test]
    fn one_row_per_open_invoice_with_its_prediction() {
        let pool = pool();
        let as_of = AsOf(d(2025, 12, 15));
        let p = predict(&pool, as_of, &ForecastSettings::default());
        let rows = rows(&pool, &p);
        assert_eq!(rows.len(), 2);
        // Due 2025-12-31, the customer pays 10 days late.
        assert_eq!(rows[0][0], "OPEN-1");
        assert_eq!(rows[0][4], "1234.56");
        assert_eq!(rows[0][5], "2025-12-31");
        assert_eq!(rows[0][6], "0");
        assert_eq!(rows[0][7], "2026-01-10");
        assert!(rows[0][8] <= rows[0][7] && rows[0][7] <= rows[0][9]);
        assert_eq!(rows[0][10], "0.000");
        assert_eq!(rows[0][11], "30");
        // A customer without a name or history: the portfolio (10 days late, no later).
        assert_eq!(&rows[1][..4], ["OPEN-2", "0002", "", "CNY"]);
        assert_eq!(rows[1][6], "14");
        assert!(rows[1][7].as_str() > "2025-12-15");

        let doc = Table::new(&HEADER, rows).to_csv();
        let mut lines = doc.split("\r\n");
        assert!(lines
            .next()
            .unwrap()
            .starts_with("\u{FEFF}单据编号 Invoice No,客户编码 Customer Code,客户名称 Customer,"));
        let first = lines.next().unwrap();
        assert!(
            first.starts_with("OPEN-1,0001,\"'=HYPERLINK(\"\"http://evil\"\")\",CNY,1234.56,"),
            "{first}"
        );
    }

    #[test]
    fn risk_is_written_as_a_probability() {
        assert_eq!(risk_text(0.1234), "0.123");
        assert_eq!(risk_text(1.0), "1.000");
        assert_eq!(risk_text(-0.0), "0.000");
        assert_eq!(risk_text(f64::NAN), "");
    }
}
