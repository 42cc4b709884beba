//! The audit log: every reminder created, copied, drafted, sent, snoozed or handled, with
//! the time, rule, recipients, channel, exact text and outcome. Entries are appended and
//! never edited; the store keys them by `seq`, so the order of recording is kept.

use super::approvals::Subject;
use super::money::Money;
use super::reminders::Reminder;
use super::rules::Channel;
use crate::notify::SendOutcome;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuditAction {
    /// An evaluation created the reminder.
    Created,
    /// The text was copied to the clipboard.
    Copied,
    /// A `mailto:` draft was opened.
    EmailDraft,
    /// An `.eml` draft was downloaded.
    EmlDownload,
    /// An `sms:` link was opened.
    SmsDraft,
    /// A request left for a robot or webhook; `outcome` says what came back.
    Sent,
    Snoozed {
        until: NaiveDate,
    },
    Handled,
    Promise {
        date: NaiveDate,
        amount: Option<Money>,
    },
    Dispute {
        on: bool,
    },
    ExcludeCustomer {
        on: bool,
    },
    /// A payment-term extension or special-terms request was submitted.
    ApprovalRequested {
        request: String,
    },
    /// An approver decided one step of a request.
    ApprovalStep {
        request: String,
        approved: bool,
    },
}

impl AuditAction {
    /// A stable machine name (the CSV column and the filter value).
    pub fn code(&self) -> &'static str {
        match self {
            AuditAction::Created => "created",
            AuditAction::Copied => "copied",
            AuditAction::EmailDraft => "email_draft",
            AuditAction::EmlDownload => "eml_download",
            AuditAction::SmsDraft => "sms_draft",
            AuditAction::Sent => "sent",
            AuditAction::Snoozed { .. } => "snoozed",
            AuditAction::Handled => "handled",
            AuditAction::Promise { .. } => "promise",
            AuditAction::Dispute { .. } => "dispute",
            AuditAction::ExcludeCustomer { .. } => "exclude_customer",
            AuditAction::ApprovalRequested { .. } => "approval_requested",
            AuditAction::ApprovalStep { .. } => "approval_step",
        }
    }

    pub const CODES: [&'static str; 13] = [
        "created",
        "copied",
        "email_draft",
        "eml_download",
        "sms_draft",
        "sent",
        "snoozed",
        "handled",
        "promise",
        "dispute",
        "exclude_customer",
        "approval_requested",
        "approval_step",
    ];

    /// The action's own details, as plain text for the log and its export.
    pub fn detail(&self) -> String {
        match self {
            AuditAction::Snoozed { until } => until.to_string(),
            AuditAction::Promise { date, amount } => match amount {
                Some(a) => format!("{date} {}", a.to_display_string()),
                None => date.to_string(),
            },
            AuditAction::Dispute { on } | AuditAction::ExcludeCustomer { on } => {
                (if *on { "on" } else { "off" }).to_owned()
            }
            AuditAction::ApprovalRequested { request } => request.clone(),
            AuditAction::ApprovalStep { request, approved } => {
                format!(
                    "{request} {}",
                    if *approved { "approved" } else { "rejected" }
                )
            }
            _ => String::new(),
        }
    }
}

/// One line of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Order of recording (assigned when appended).
    pub seq: u64,
    /// Wall-clock time, milliseconds since the epoch.
    pub at_ms: u64,
    /// The as-of date the user was working on.
    pub as_of: NaiveDate,
    pub action: AuditAction,
    /// The rule's 1-based position at the time, its id and name (none for customer-wide
    /// actions).
    pub rule_no: Option<usize>,
    pub rule_id: String,
    pub rule_name: String,
    pub customer: String,
    pub invoices: Vec<String>,
    pub recipients: Vec<String>,
    pub channel: Option<Channel>,
    /// The exact text concerned (the message copied, drafted or sent).
    pub text: String,
    pub outcome: Option<SendOutcome>,
}

impl AuditEntry {
    /// An entry about `reminder` (the caller sets `seq` when appending).
    pub fn about(
        reminder: &Reminder,
        action: AuditAction,
        channel: Option<Channel>,
        text: String,
        at_ms: u64,
        as_of: NaiveDate,
    ) -> AuditEntry {
        let mut e = AuditEntry::about_customer(
            &reminder.customer,
            reminder.invoices.clone(),
            action,
            at_ms,
            as_of,
        );
        e.rule_no = Some(reminder.rule + 1);
        e.rule_id = reminder.rule_id.clone();
        e.rule_name = reminder.rule_name.clone();
        e.recipients = reminder.recipients.iter().map(|r| r.name.clone()).collect();
        e.channel = channel;
        e.text = text;
        e
    }

    /// An entry about a customer's invoices outside any reminder (a dispute flag, an
    /// exclusion).
    pub fn about_customer(
        customer: &str,
        invoices: Vec<String>,
        action: AuditAction,
        at_ms: u64,
        as_of: NaiveDate,
    ) -> AuditEntry {
        AuditEntry {
            seq: 0,
            at_ms,
            as_of,
            action,
            rule_no: None,
            rule_id: String::new(),
            rule_name: String::new(),
            customer: customer.to_owned(),
            invoices,
            recipients: Vec::new(),
            channel: None,
            text: String::new(),
            outcome: None,
        }
    }

    /// An entry for an approval request or one of its steps: `who` is the person who acted
    /// (picked from the directory; there is no login), `text` the reason or comment.
    pub fn about_approval(
        subject: &Subject,
        action: AuditAction,
        who: &str,
        text: &str,
        at_ms: u64,
        as_of: NaiveDate,
    ) -> AuditEntry {
        let mut e = AuditEntry::about_customer(
            subject.customer(),
            vec![subject.number().to_owned()],
            action,
            at_ms,
            as_of,
        );
        e.recipients = vec![who.to_owned()];
        e.text = text.to_owned();
        e
    }

    /// The identity of a created reminder: one `Created` entry per day, rule, customer,
    /// invoices and recipients, however often the day is re-evaluated.
    pub fn creation_key(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}",
            self.as_of,
            self.rule_id,
            self.customer,
            self.invoices.join(" "),
            self.recipients.join(",")
        )
    }
}

/// `entries` numbered consecutively from `first` (the store keys them by `seq`).
pub fn numbered(entries: Vec<AuditEntry>, first: u64) -> Vec<AuditEntry> {
    entries
        .into_iter()
        .zip(first..)
        .map(|(e, seq)| AuditEntry { seq, ..e })
        .collect()
}

/// What the log page shows: by action, by free text (customer, invoice, recipient, rule or
/// message), and by as-of date range. Empty fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub text: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl AuditFilter {
    pub fn matches(&self, e: &AuditEntry) -> bool {
        if self.action.as_deref().is_some_and(|a| a != e.action.code()) {
            return false;
        }
        if self.from.is_some_and(|d| e.as_of < d) || self.to.is_some_and(|d| e.as_of > d) {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        needle.is_empty()
            || [&e.customer, &e.rule_name, &e.text]
                .into_iter()
                .chain(&e.invoices)
                .chain(&e.recipients)
                .any(|s| s.to_lowercase().contains(&needle))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    fn entry(action: AuditAction, customer: &str, as_of: NaiveDate) -> AuditEntry {
        let mut e = AuditEntry::about_customer(customer, vec!["INV-1".into()], action, 0, as_of);
        e.text = "【轻度逾期提醒】".into();
        e
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn filter_by_action_text_and_dates() {
        let a = entry(AuditAction::Copied, "0001", d(3, 31));
        let b = entry(AuditAction::Handled, "0002", d(4, 2));
        let all = AuditFilter::default();
        assert!(all.matches(&a) && all.matches(&b));
        let copied = AuditFilter {
            action: Some("copied".into()),
            ..Default::default()
        };
        assert!(copied.matches(&a) && !copied.matches(&b));
        let text = AuditFilter {
            text: "0002".into(),
            ..Default::default()
        };
        assert!(!text.matches(&a) && text.matches(&b));
        let message = AuditFilter {
            text: "轻度".into(),
            ..Default::default()
        };
        assert!(message.matches(&a));
        let april = AuditFilter {
            from: Some(d(4, 1)),
            to: Some(d(4, 30)),
            ..Default::default()
        };
        assert!(!april.matches(&a) && april.matches(&b));
    }

    #[test]
    fn codes_are_listed_once_each() {
        let actions = [
            AuditAction::Created,
            AuditAction::Copied,
            AuditAction::EmailDraft,
            AuditAction::EmlDownload,
            AuditAction::SmsDraft,
            AuditAction::Sent,
            AuditAction::Snoozed { until: d(4, 1) },
            AuditAction::Handled,
            AuditAction::Promise {
                date: d(4, 1),
                amount: Some(Money::new(12_345, Currency::CNY)),
            },
            AuditAction::Dispute { on: true },
            AuditAction::ExcludeCustomer { on: false },
            AuditAction::ApprovalRequested {
                request: "R1".into(),
            },
            AuditAction::ApprovalStep {
                request: "R1".into(),
                approved: false,
            },
        ];
        let codes: Vec<&str> = actions.iter().map(AuditAction::code).collect();
        assert_eq!(codes, AuditAction::CODES);
        assert_eq!(actions[8].detail(), "2026-04-01 ¥123.45");
        let json = serde_json::to_string(&actions).unwrap();
        assert_eq!(
            serde_json::from_str::<Vec<AuditAction>>(&json).unwrap(),
            actions
        );
    }
}
