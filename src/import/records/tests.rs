use super::*;
use crate::domain::model::{Application, Payment, RecordKind, Role};
use crate::domain::money::{Currency, Money};
use crate::domain::terms::{Terms, TermsBase};
use crate::import::cells::CellError;
use crate::import::synonyms::Field;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test date")
}

fn cny(minor: i64) -> Money {
    Money::new(minor, Currency::CNY)
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Data rows numbered from line 2 (the header is line 1).
fn source_rows(data: &[&[&str]]) -> Vec<SourceRow> {
    data.iter()
        .enumerate()
        .map(|(i, cells)| SourceRow::new(i + 2, strings(cells)))
        .collect()
}

fn run_with(
    mut mapping: Mapping,
    header: &[&str],
    data: &[&[&str]],
    report: Option<NaiveDate>,
) -> RecordsOutcome {
    let rows = source_rows(data);
    let refs: Vec<&SourceRow> = rows.iter().collect();
    let orders = resolve_day_month_orders(&refs, &mapping);
    assert!(
        orders.undecided.is_empty(),
        "undecided {:?}",
        orders.undecided
    );
    mapping.day_month_order = orders.per_column;
    assert!(
        mapping.missing_fields().is_empty(),
        "{:?}",
        mapping.missing_fields()
    );
    build_records(&refs, &strings(header), &mapping, report)
}

fn run(header: &[&str], data: &[&[&str]], report: Option<NaiveDate>) -> RecordsOutcome {
    run_with(Mapping::auto(&strings(header)), header, data, report)
}

fn reasons(out: &RecordsOutcome) -> Vec<(usize, &str, RowProblem)> {
    out.errors
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.reason.clone()))
        .collect()
}

const REGISTER: &[&str] = &[
    "Invoice No",
    "Customer",
    "Invoice Date",
    "Due Date",
    "Amount",
    "Date Paid",
];

const OPEN_ITEMS: &[&str] = &[
    "客户编码",
    "客户名称",
    "单据编号",
    "业务日期",
    "价税合计",
    "未收金额",
];

mod invoices;
mod others;
mod props;
