//! The reminders of a day as a table (`reminders-export`): one row per reminder.

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

pub fn rows(reminders: &[Reminder]) -> Vec<[String; 12]> {
    reminders
        .iter()
        .map(|r| {
            [
                (r.rule + 1).to_string(),
                r.rule_name.clone(),
                format!("{:?}", r.severity).to_lowercase(),
                r.customer.clone(),
                r.customer_name.clone(),
                r.invoices.join(" "),
                r.days_overdue.to_string(),
                r.amount.to_plain_string(),
                r.amount.currency.code().to_owned(),
                r.recipients
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                r.channels
                    .iter()
                    .map(|c| c.code())
                    .collect::<Vec<_>>()
                    .join(" "),
                main_text(r),
            ]
        })
        .collect()
}

pub fn csv(reminders: &[Reminder]) -> String {
    super::csv::document(&HEADER, rows(reminders))
}
