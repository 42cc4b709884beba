//! The dashboard's tables as files: aging per bucket and currency, the rankings, and the
//! month-end trend — the same rows the dashboard shows, amounts as numbers.

use super::table::{Cell, Table};
use crate::domain::insight::{Dashboard, Ratio, TrendPoint};
use crate::domain::money::{Currency, Money};

pub const AGING_HEADER: [&str; 6] = [
    "账龄 Bucket",
    "起始逾期天数 From Days",
    "截止逾期天数 To Days",
    "币别 Currency",
    "未收金额 Outstanding",
    "张数 Invoices",
];

/// "未到期 not yet due", "1–30 天 days", "≥181 天 days".
pub fn bucket_text(from: Option<i64>, to: Option<i64>) -> String {
    match (from, to) {
        (None, _) => "未到期 not yet due".to_owned(),
        (Some(f), Some(t)) => format!("{f}–{t} 天 days"),
        (Some(f), None) => format!("≥{f} 天 days"),
    }
}

fn optional_int(n: Option<i64>) -> Cell {
    n.map_or(Cell::text(""), Cell::int)
}

/// One row per bucket and currency, buckets in order, currencies in code order.
pub fn aging_table(d: &Dashboard) -> Table {
    let rows = d.aging.iter().flat_map(|b| {
        d.currencies.iter().map(move |c| {
            let cur = c.currency;
            vec![
                Cell::text(bucket_text(b.from, b.to)),
                optional_int(b.from),
                optional_int(b.to),
                Cell::text(cur.code()),
                Cell::money(b.amount.get(cur)),
                Cell::count(b.count.get(&cur).copied().unwrap_or(0)),
            ]
        })
    });
    Table::new(&AGING_HEADER, rows)
}

pub const RANKINGS_HEADER: [&str; 10] = [
    "排名 Ranking",
    "序号 Rank",
    "名称 Name",
    "编码 Code",
    "币别 Currency",
    "未收金额 Outstanding",
    "逾期金额 Overdue",
    "逾期张数 Overdue Invoices",
    "最长逾期天数 Oldest Days Overdue",
    "回款率 Collection Rate",
];

/// A ratio as a decimal fraction to four places (`0.1234` for 12.34 %), from basis points.
pub fn ratio_cell(r: Option<Ratio>) -> Cell {
    match r {
        None => Cell::text(""),
        Some(r) => {
            let bp = r.basis_points();
            let sign = if bp < 0 { "-" } else { "" };
            let abs = bp.unsigned_abs();
            Cell::Number(format!("{sign}{}.{:04}", abs / 10_000, abs % 10_000))
        }
    }
}

struct RankRow<'a> {
    ranking: &'static str,
    rank: usize,
    name: &'a str,
    code: &'a str,
    open: Option<Money>,
    overdue: Money,
    overdue_invoices: usize,
    oldest: Option<i64>,
    rate: Option<Ratio>,
}

impl RankRow<'_> {
    fn cells(self) -> Vec<Cell> {
        vec![
            Cell::text(self.ranking),
            Cell::count(self.rank),
            Cell::text(self.name),
            Cell::text(self.code),
            Cell::text(self.overdue.currency.code()),
            self.open.map_or(Cell::text(""), Cell::money),
            Cell::money(self.overdue),
            Cell::count(self.overdue_invoices),
            optional_int(self.oldest),
            ratio_cell(self.rate),
        ]
    }
}

/// Customers by overdue, salespeople by overdue, regions and product lines, per currency,
/// each in the dashboard's order.
pub fn rankings_table(d: &Dashboard) -> Table {
    let mut rows = Vec::new();
    for c in &d.currencies {
        for (i, r) in c.top_customers.iter().enumerate() {
            rows.push(RankRow {
                ranking: "客户 customer",
                rank: i + 1,
                name: &r.name,
                code: &r.customer,
                open: None,
                overdue: r.overdue,
                overdue_invoices: r.overdue_invoices,
                oldest: Some(r.oldest_days_overdue),
                rate: None,
            });
        }
        for (i, r) in c.salespeople_by_overdue.iter().enumerate() {
            rows.push(RankRow {
                ranking: "业务员 salesperson",
                rank: i + 1,
                name: &r.salesperson,
                code: "",
                open: Some(r.amounts.open),
                overdue: r.amounts.overdue,
                overdue_invoices: r.amounts.overdue_invoices,
                oldest: None,
                rate: r.collection_rate,
            });
        }
        let groups = [
            ("区域 region", &c.regions),
            ("产品线 product line", &c.product_lines),
        ];
        for (ranking, list) in groups {
            for (i, r) in list.iter().enumerate() {
                rows.push(RankRow {
                    ranking,
                    rank: i + 1,
                    name: &r.key,
                    code: "",
                    open: Some(r.amounts.open),
                    overdue: r.amounts.overdue,
                    overdue_invoices: r.amounts.overdue_invoices,
                    oldest: None,
                    rate: None,
                });
            }
        }
    }
    Table::new(&RANKINGS_HEADER, rows.into_iter().map(RankRow::cells))
}

pub const TREND_HEADER: [&str; 4] = [
    "月末 Month End",
    "币别 Currency",
    "应收余额 Receivables",
    "逾期金额 Overdue",
];

/// Every currency with something at any month-end, in code order.
pub fn trend_currencies(points: &[TrendPoint]) -> Vec<Currency> {
    let mut currencies: Vec<Currency> = points
        .iter()
        .flat_map(|p| p.receivables.currencies().chain(p.overdue.currencies()))
        .collect();
    currencies.sort();
    currencies.dedup();
    currencies
}

/// One row per month-end and currency (every currency that appears at any point).
pub fn trend_rows(points: &[TrendPoint]) -> Vec<[Cell; 4]> {
    let currencies = trend_currencies(points);
    points
        .iter()
        .flat_map(|p| {
            currencies.iter().map(move |&cur| {
                [
                    Cell::text(p.month_end.to_string()),
                    Cell::text(cur.code()),
                    Cell::money(p.receivables.get(cur)),
                    Cell::money(p.overdue.get(cur)),
                ]
            })
        })
        .collect()
}

pub fn trend_table(points: &[TrendPoint]) -> Table {
    Table::new(&TREND_HEADER, trend_rows(points))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::asof::AsOf;
    use crate::domain::insight::{dashboard, trend, InsightSettings};
    use crate::domain::ledger::ledger;
    use crate::domain::model::{Customer, Invoice, Pool};
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    /// 0001 owes ¥1,000.00 due 01-31 (59 days overdue on 03-31) and $20.00 due 04-10;
    /// 0002 owes ¥250.50 due 03-21 (10 days), salesperson 王芳, region 华东.
    fn pool() -> Pool {
        let inv = |n: &str, c: &str, due: NaiveDate, minor: i64, cur: Currency| Invoice {
            due: Some(due),
            ..Invoice::new(n, c, d(1, 1), Money::new(minor, cur))
        };
        Pool {
            customers: vec![Customer::new("0001", "=华东精密")],
            invoices: vec![
                inv("A1", "0001", d(1, 31), 100_000, Currency::CNY),
                inv("A2", "0001", d(4, 10), 2_000, Currency::USD),
                Invoice {
                    salesperson: Some("王芳".into()),
                    region: Some("华东".into()),
                    ..inv("B1", "0002", d(3, 21), 25_050, Currency::CNY)
                },
            ],
            ..Pool::default()
        }
    }

    fn board() -> Dashboard {
        let p = pool();
        let as_of = AsOf(d(3, 31));
        dashboard(&p, &ledger(&p, as_of), &InsightSettings::default(), as_of)
    }

    #[test]
    fn aging_rows_are_per_bucket_and_currency_with_numbers() {
        let t = aging_table(&board());
        assert_eq!(t.rows.len(), 6 * 2);
        assert_eq!(
            t.rows[0],
            ["未到期 not yet due", "", "0", "CNY", "0.00", "0"]
        );
        assert_eq!(
            t.rows[1],
            ["未到期 not yet due", "", "0", "USD", "20.00", "1"]
        );
        assert_eq!(t.rows[2], ["1–30 天 days", "1", "30", "CNY", "250.50", "1"]);
        assert_eq!(
            t.rows[4],
            ["31–60 天 days", "31", "60", "CNY", "1000.00", "1"]
        );
        assert_eq!(t.rows[10], ["≥181 天 days", "181", "", "CNY", "0.00", "0"]);
        assert_eq!(t.rows[4][4], Cell::Number("1000.00".into()));
    }

    #[test]
    fn rankings_list_customers_salespeople_and_groups() {
        let t = rankings_table(&board());
        let kinds: Vec<_> = t
            .rows
            .iter()
            .map(|r| (r[0].as_str(), r[2].as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("客户 customer", "=华东精密"),
                ("客户 customer", "0002"),
                ("业务员 salesperson", "王芳"),
                ("区域 region", "华东"),
            ]
        );
        assert_eq!(
            t.rows[0],
            [
                "客户 customer",
                "1",
                "=华东精密",
                "0001",
                "CNY",
                "",
                "1000.00",
                "1",
                "59",
                ""
            ]
        );
        assert_eq!(t.rows[2][5], "250.50");
        let csv = t.to_csv();
        assert!(
            csv.contains(",'=华东精密,0001,"),
            "the CSV neutralises: {csv}"
        );
    }

    #[test]
    fn ratios_are_fractions_and_trend_rows_cover_every_currency() {
        assert_eq!(ratio_cell(Ratio::new(1234, 10_000)), "0.1234");
        assert_eq!(ratio_cell(Ratio::new(-3, 2)), "-1.5000");
        assert_eq!(ratio_cell(None), "");
        let points = trend(&pool(), AsOf(d(3, 31)), 2);
        let rows = trend_rows(&points);
        assert_eq!(
            rows.to_vec(),
            vec![
                ["2026-02-28", "CNY", "1250.50", "1000.00"].map(Cell::text),
                ["2026-02-28", "USD", "20.00", "0.00"].map(Cell::text),
                ["2026-03-31", "CNY", "1250.50", "1250.50"].map(Cell::text),
                ["2026-03-31", "USD", "20.00", "0.00"].map(Cell::text),
            ]
            .into_iter()
            .map(|r| r.map(|c| match c {
                Cell::Text(s) if s.contains('.') => Cell::Number(s),
                c => c,
            }))
            .collect::<Vec<_>>()
        );
    }
}
