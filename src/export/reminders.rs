//! The reminders of a day as a table (`reminders-export`): one row per reminder.

use super::table::{Cell, Table};
use crate::domain::reminders::Reminder;
use crate::domain::rules::Channel;

pub const HEADER: [&str; 12] = [
    "规则序号 Rule No",
    "规则 Rule",
    "级别 Severity",
    "客户编码 Customer Code",
    "客户名称 Customer",
    "单据编号 Invoice Nos",
    "逾期天数 Days Overdue",
    "金额 Amount",
    "币别 Currency",
    "接收人 Recipients",
    "渠道 Channels",
    "消息 Message",
];

/// The text a reminder is shown and copied with: its in-app message, else its first one.
pub fn main_text(r: &Reminder) -> String {
    r.message(Channel::InApp)
        .or(r.messages.first())
        .map(|m| m.body.clone())
        .unwrap_or_default()
}

pub fn rows(reminders: &[Reminder]) -> Vec<[Cell; 12]> {
    reminders
        .iter()
        .map(|r| {
            [
                Cell::count(r.rule + 1),
                Cell::text(&r.rule_name),
                Cell::text(format!("{:?}", r.severity).to_lowercase()),
                Cell::text(&r.customer),
                Cell::text(&r.customer_name),
                Cell::text(r.invoices.join(" ")),
                Cell::int(r.days_overdue),
                Cell::money(r.amount),
                Cell::text(r.amount.currency.code()),
                Cell::text(
                    r.recipients
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                Cell::text(
                    r.channels
                        .iter()
                        .map(|c| c.code())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                Cell::text(main_text(r)),
            ]
        })
        .collect()
}

/// The day's reminders as one table, for CSV and XLSX alike.
pub fn table(reminders: &[Reminder]) -> Table {
    Table::new(&HEADER, rows(reminders))
}
