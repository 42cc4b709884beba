//! Reminder rules: which open invoices call for a reminder, to whom, how, and how often.
//!
//! A rule is data (stored, exported, imported as a [`RuleSet`] file); evaluating rules against
//! the pool is [`crate::domain::reminders::evaluate`]. Rules are an ordered list: the position
//! orders the reminders, and the UI numbers rules from 1.
//!
//! Matching, for one open invoice as of a date (see [`Conditions::matches`]):
//! - days overdue lies in the rule's inclusive [`DayRange`] (negative: before the due date);
//! - every other condition that is set holds (an empty list or `None` means "any");
//! - text comparisons (grade, region, product line, tag) ignore surrounding spaces and
//!   ASCII case;
//! - amount thresholds are per currency: "above" means at least the threshold, "below"
//!   means less than it, so `above X` and `below X` split invoices without overlap. A rule with
//!   thresholds only matches invoices in a currency it names a threshold for.

mod check;
mod conditions;
mod defaults;
#[cfg(test)]
mod tests;

pub use check::{check_rules, RuleWarning, TemplatePart};
pub use conditions::{same_text, AmountBasis, Conditions, DayRange, InvoiceFacts};
pub use defaults::{default_customer_rules, default_internal_rules, default_rules};

use super::model::Role;
use super::templates::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a reminder reaches people. Building and sending is `notify`'s job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A to-do (or, at high severity, an alert) inside the app.
    InApp,
    Email,
    Sms,
    DingTalk,
    WeCom,
    Feishu,
    /// A generic webhook (JSON POST).
    Webhook,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::InApp,
        Channel::Email,
        Channel::Sms,
        Channel::DingTalk,
        Channel::WeCom,
        Channel::Feishu,
        Channel::Webhook,
    ];

    /// Whether messages on this channel have a subject line.
    /// The stable name used in files (the same as the stored JSON).
    pub fn code(self) -> &'static str {
        match self {
            Channel::InApp => "in_app",
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::DingTalk => "ding_talk",
            Channel::WeCom => "we_com",
            Channel::Feishu => "feishu",
            Channel::Webhook => "webhook",
        }
    }

    pub fn has_subject(self) -> bool {
        self == Channel::Email
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    #[default]
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// One step up (a broken promise escalates); `Critical` stays.
    pub fn escalated(self) -> Severity {
        match self {
            Severity::Info => Severity::Low,
            Severity::Low => Severity::Medium,
            Severity::Medium => Severity::High,
            Severity::High | Severity::Critical => Severity::Critical,
        }
    }
}

/// Who a rule addresses.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecipientSpec {
    /// Everyone holding the role, except: `Salesperson` is the invoice's own salesperson and
    /// `SalesManager` is that salesperson's manager (see `reminders` for the resolution).
    Role(Role),
    /// A person of the directory, by name.
    Person(String),
    /// The customer's own contact (an external reminder).
    CustomerContact,
}

/// Internal rules tell staff; customer rules write to the customer. Overlap and gap checks
/// compare rules of the same audience only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Internal,
    Customer,
}

/// One message per customer (and recipient, and currency), or one per invoice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Consolidation {
    #[default]
    PerInvoice,
    PerCustomer,
}

/// Text of a message. `channel: None` serves every channel without a template of its own.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MessageTemplate {
    #[serde(default)]
    pub channel: Option<Channel>,
    pub lang: Lang,
    /// Used on channels with a subject line (email).
    #[serde(default)]
    pub subject: Option<String>,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rule {
    /// Stable identity, kept when the rule is renamed or moved: reminder history and
    /// "handled" marks refer to it. Unique within a rule set.
    pub id: String,
    pub name: String,
    pub enabled: bool,
    pub conditions: Conditions,
    pub recipients: Vec<RecipientSpec>,
    pub channels: Vec<Channel>,
    pub templates: Vec<MessageTemplate>,
    /// The language of this rule's messages; `None`: the settings' language.
    pub language: Option<Lang>,
    /// Not again for the same invoice within this many days of the last firing
    /// (0 behaves as 1: never twice on the same day).
    pub cooldown_days: u32,
    pub consolidation: Consolidation,
    pub severity: Severity,
    /// Disputed invoices get no reminder from this rule.
    pub skip_disputed: bool,
    /// Invoices under an unexpired promise to pay get no reminder from this rule.
    pub skip_promised: bool,
}

impl Default for Rule {
    fn default() -> Rule {
        Rule {
            id: String::new(),
            name: String::new(),
            enabled: true,
            conditions: Conditions::default(),
            recipients: Vec::new(),
            channels: Vec::new(),
            templates: Vec::new(),
            language: None,
            cooldown_days: 7,
            consolidation: Consolidation::PerInvoice,
            severity: Severity::Low,
            skip_disputed: true,
            skip_promised: true,
        }
    }
}

impl Rule {
    /// `Customer` if the rule writes to the customer's contact, else `Internal`.
    pub fn audience(&self) -> Audience {
        if self.recipients.contains(&RecipientSpec::CustomerContact) {
            Audience::Customer
        } else {
            Audience::Internal
        }
    }

    /// The template for `channel` in `lang`: the channel's own, else the all-channel one,
    /// then the same in the other language. Returns its index in `templates`.
    pub fn template_for(&self, channel: Channel, lang: Lang) -> Option<usize> {
        let find = |ch: Option<Channel>, l: Lang| {
            self.templates
                .iter()
                .position(|t| t.channel == ch && t.lang == l)
        };
        find(Some(channel), lang)
            .or_else(|| find(None, lang))
            .or_else(|| find(Some(channel), lang.other()))
            .or_else(|| find(None, lang.other()))
    }

    /// Days between firings for one invoice, at least 1.
    pub fn cooldown(&self) -> i64 {
        i64::from(self.cooldown_days.max(1))
    }

    /// Whether the rule can match an invoice that is disputed / promised / broken-promised,
    /// once its skip flags are taken into account (`None`: either way).
    pub(crate) fn effective_flags(&self) -> [Option<bool>; 3] {
        let c = &self.conditions;
        let disputed = match (self.skip_disputed, c.disputed) {
            (true, None) => Some(false),
            (_, d) => d,
        };
        let promised = match (self.skip_promised, c.promised) {
            (true, None) => Some(false),
            (_, p) => p,
        };
        [disputed, promised, c.promise_broken]
    }

    /// Whether the skip flags contradict the conditions, so that the rule can never fire.
    pub fn never_fires(&self) -> bool {
        let c = &self.conditions;
        (self.skip_disputed && c.disputed == Some(true))
            || (self.skip_promised && c.promised == Some(true))
            || (c.promised == Some(true) && c.promise_broken == Some(true))
            || c.days.is_empty()
    }
}

/// A rule file: what is exported and imported, and what the store keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    pub version: u32,
    pub rules: Vec<Rule>,
}

#[derive(Debug)]
pub enum RuleSetError {
    Json(serde_json::Error),
    /// Written by a newer version of the app.
    UnsupportedVersion(u32),
}

impl fmt::Display for RuleSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleSetError::Json(e) => write!(f, "not a rule file: {e}"),
            RuleSetError::UnsupportedVersion(v) => {
                write!(
                    f,
                    "rule file version {v} is newer than this app understands"
                )
            }
        }
    }
}
impl std::error::Error for RuleSetError {}

impl RuleSet {
    pub const VERSION: u32 = 1;

    pub fn new(rules: Vec<Rule>) -> RuleSet {
        RuleSet {
            version: RuleSet::VERSION,
            rules,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("rules serialise")
    }

    /// Reads a rule file. Missing fields take their defaults; a newer version is refused.
    pub fn from_json(text: &str) -> Result<RuleSet, RuleSetError> {
        let set: RuleSet = serde_json::from_str(text).map_err(RuleSetError::Json)?;
        if set.version > RuleSet::VERSION {
            return Err(RuleSetError::UnsupportedVersion(set.version));
        }
        Ok(RuleSet {
            version: RuleSet::VERSION,
            ..set
        })
    }
}

impl Default for RuleSet {
    /// The default rules: the internal escalation matrix (enabled) and the customer-facing
    /// reminders (disabled).
    fn default() -> RuleSet {
        RuleSet::new(default_rules())
    }
}
