//! The audit log as a table: one row per entry, in recording order.

use super::table::{Cell, Table};
use crate::domain::audit::AuditEntry;
use crate::notify::SendOutcome;
use chrono::{DateTime, FixedOffset};

pub const HEADER: [&str; 12] = [
    "时间 Time",
    "截止日期 As Of",
    "动作 Action",
    "详情 Detail",
    "规则序号 Rule No",
    "规则 Rule",
    "客户编码 Customer Code",
    "单据编号 Invoice Nos",
    "接收人 Recipients",
    "渠道 Channel",
    "结果 Outcome",
    "内容 Text",
];

pub fn outcome_text(o: &SendOutcome) -> String {
    match o {
        SendOutcome::Confirmed => "confirmed".to_owned(),
        SendOutcome::SentUnconfirmed => "sent_unconfirmed".to_owned(),
        SendOutcome::Failed { reason } => format!("failed: {reason}"),
    }
}

/// The entry's time in the user's time zone (`offset`), to the second.
pub fn local_time(at_ms: u64, offset: FixedOffset) -> String {
    DateTime::from_timestamp_millis(at_ms as i64)
        .map(|t| {
            t.with_timezone(&offset)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

pub fn rows(entries: &[AuditEntry], offset: FixedOffset) -> Vec<[Cell; 12]> {
    entries
        .iter()
        .map(|e| {
            [
                Cell::text(local_time(e.at_ms, offset)),
                Cell::text(e.as_of.to_string()),
                Cell::text(e.action.code()),
                Cell::text(e.action.detail()),
                e.rule_no.map_or(Cell::text(""), Cell::count),
                Cell::text(&e.rule_name),
                Cell::text(&e.customer),
                Cell::text(e.invoices.join(" ")),
                Cell::text(e.recipients.join(" ")),
                Cell::text(e.channel.map(|c| c.code().to_owned()).unwrap_or_default()),
                Cell::text(e.outcome.as_ref().map(outcome_text).unwrap_or_default()),
                Cell::text(&e.text),
            ]
        })
        .collect()
}

/// The entries as one table, for CSV and XLSX alike.
pub fn table(entries: &[AuditEntry], offset: FixedOffset) -> Table {
    Table::new(&HEADER, rows(entries, offset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::AuditAction;
    use chrono::NaiveDate;

    #[test]
    fn rows_carry_time_outcome_and_the_exact_text() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let mut e = AuditEntry::about_customer(
            "0001",
            vec!["A".into(), "B".into()],
            AuditAction::Sent,
            1_774_915_200_000,
            day,
        );
        e.text = "=cmd|' /C calc'!A0".into();
        e.outcome = Some(SendOutcome::Failed {
            reason: "HTTP 500".into(),
        });
        let csv = table(&[e], FixedOffset::east_opt(8 * 3600).unwrap()).to_csv();
        let line = csv.lines().nth(1).unwrap();
        assert!(
            line.starts_with("2026-03-31 08:00:00,2026-03-31,sent,,,,0001,A B,,,failed: HTTP 500,"),
            "{line}"
        );
        assert!(
            line.ends_with(",'=cmd|' /C calc'!A0"),
            "formula neutralised: {line}"
        );
    }
}
