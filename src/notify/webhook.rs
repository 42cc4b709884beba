//! The generic JSON webhook: one documented payload for any system (n8n, Zapier, an
//! in-house service) to act on a reminder.
//!
//! ```json
//! {
//!   "source": "ar-sentinel",
//!   "version": 1,
//!   "sent_at": "2025-03-01T09:30:00+08:00",
//!   "rule": "overdue-30",
//!   "customer": { "code": "C001", "name": "华东贸易有限公司" },
//!   "invoices": [
//!     { "number": "INV-001", "due": "2025-01-31", "days_overdue": 29,
//!       "amount": "12345.67", "currency": "CNY" }
//!   ],
//!   "days_overdue": 29,
//!   "amount": "12345.67",
//!   "currency": "CNY",
//!   "recipients": ["ap@buyer.com"],
//!   "channel": "email",
//!   "message": "…the rendered reminder text…"
//! }
//! ```
//!
//! `channel` is the rule's channel as stored (`email`, `sms`, `ding_talk`, `we_com`,
//! `feishu`, `webhook`, `in_app`).
//!
//! Amounts are plain decimal strings in the currency's minor digits (`"1200"` for JPY),
//! never JSON numbers, so no receiver parses them into floats by accident. `days_overdue`
//! at the top is the largest of the invoices'. With a secret configured, the request also
//! carries [`WEBHOOK_SIGNATURE_HEADER`]: the lowercase hex HMAC-SHA256 of the exact body
//! bytes under the secret (receivers should compare in constant time and check `sent_at`).

use super::text::{hex, hmac_sha256};
use super::Channel;
use crate::domain::money::Money;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

pub const WEBHOOK_SOURCE: &str = "ar-sentinel";
pub const WEBHOOK_VERSION: u32 = 1;
/// The header carrying [`webhook_signature`].
pub const WEBHOOK_SIGNATURE_HEADER: &str = "X-AR-Sentinel-Signature";

/// What the caller knows about the reminder being sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookEvent {
    /// When the caller sends it (the caller reads the clock).
    pub sent_at: DateTime<FixedOffset>,
    /// The rule's id or name.
    pub rule: String,
    pub customer_code: String,
    pub customer_name: String,
    pub invoices: Vec<WebhookInvoice>,
    /// The open total the reminder is about.
    pub amount: Money,
    pub recipients: Vec<String>,
    pub channel: Channel,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookInvoice {
    pub number: String,
    pub due: Option<NaiveDate>,
    pub days_overdue: i32,
    /// The invoice's open amount.
    pub open: Money,
}

#[derive(Serialize)]
struct Payload<'a> {
    source: &'static str,
    version: u32,
    sent_at: String,
    rule: &'a str,
    customer: Customer<'a>,
    invoices: Vec<Invoice<'a>>,
    days_overdue: i32,
    amount: String,
    currency: &'a str,
    recipients: &'a [String],
    channel: Channel,
    message: &'a str,
}

#[derive(Serialize)]
struct Customer<'a> {
    code: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Invoice<'a> {
    number: &'a str,
    due: Option<NaiveDate>,
    days_overdue: i32,
    amount: String,
    currency: &'a str,
}

/// The JSON body (compact, fields in the documented order).
pub fn webhook_payload(event: &WebhookEvent) -> String {
    let payload = Payload {
        source: WEBHOOK_SOURCE,
        version: WEBHOOK_VERSION,
        sent_at: event.sent_at.to_rfc3339(),
        rule: &event.rule,
        customer: Customer {
            code: &event.customer_code,
            name: &event.customer_name,
        },
        invoices: event
            .invoices
            .iter()
            .map(|i| Invoice {
                number: &i.number,
                due: i.due,
                days_overdue: i.days_overdue,
                amount: i.open.to_plain_string(),
                currency: i.open.currency.code(),
            })
            .collect(),
        days_overdue: event
            .invoices
            .iter()
            .map(|i| i.days_overdue)
            .max()
            .unwrap_or(0),
        amount: event.amount.to_plain_string(),
        currency: event.amount.currency.code(),
        recipients: &event.recipients,
        channel: event.channel,
        message: &event.message,
    };
    serde_json::to_string(&payload).expect("plain structs serialize")
}

/// Lowercase hex HMAC-SHA256 of `body` under `secret`: the value of
/// [`WEBHOOK_SIGNATURE_HEADER`]. `None` when no secret is configured (blank counts as none).
pub fn webhook_signature(secret: Option<&str>, body: &str) -> Option<String> {
    secret
        .filter(|s| !s.is_empty())
        .map(|s| hex(&hmac_sha256(s.as_bytes(), body.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use serde_json::Value;

    fn event() -> WebhookEvent {
        WebhookEvent {
            sent_at: DateTime::parse_from_rfc3339("2025-03-01T09:30:00+08:00").unwrap(),
            rule: "overdue-30".into(),
            customer_code: "C001".into(),
            customer_name: "华东贸易有限公司".into(),
            invoices: vec![
                WebhookInvoice {
                    number: "INV-001".into(),
                    due: NaiveDate::from_ymd_opt(2025, 1, 31),
                    days_overdue: 29,
                    open: Money::new(1_000_000, Currency::CNY),
                },
                WebhookInvoice {
                    number: "INV-002".into(),
                    due: None,
                    days_overdue: 5,
                    open: Money::new(234_567, Currency::CNY),
                },
            ],
            amount: Money::new(1_234_567, Currency::CNY),
            recipients: vec!["ap@buyer.com".into()],
            channel: Channel::Email,
            message: "请付款 \"INV-001\"\n谢谢".into(),
        }
    }

    #[test]
    fn payload_has_the_documented_shape() {
        let body = webhook_payload(&event());
        assert!(body.starts_with(r#"{"source":"ar-sentinel","version":1,"sent_at":"2025-03-01T09:30:00+08:00","rule":"overdue-30","#));
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["customer"]["name"], "华东贸易有限公司");
        assert_eq!(v["amount"], "12345.67");
        assert_eq!(v["currency"], "CNY");
        assert_eq!(v["days_overdue"], 29);
        assert_eq!(v["channel"], "email");
        assert_eq!(v["recipients"][0], "ap@buyer.com");
        assert_eq!(v["message"], "请付款 \"INV-001\"\n谢谢");
        assert_eq!(v["invoices"][0]["amount"], "10000.00");
        assert_eq!(v["invoices"][0]["due"], "2025-01-31");
        assert_eq!(v["invoices"][1]["due"], Value::Null);
        assert_eq!(v["invoices"][1]["amount"], "2345.67");
        // Amounts are strings, never JSON numbers.
        assert!(v["amount"].is_string() && v["invoices"][0]["amount"].is_string());
    }

    #[test]
    fn zero_decimal_currencies_and_no_invoices() {
        let mut e = event();
        let jpy = Currency::parse("JPY").unwrap();
        e.amount = Money::new(1200, jpy);
        e.invoices.clear();
        let v: Value = serde_json::from_str(&webhook_payload(&e)).unwrap();
        assert_eq!(v["amount"], "1200");
        assert_eq!(v["currency"], "JPY");
        assert_eq!(v["days_overdue"], 0);
        assert_eq!(v["invoices"], serde_json::json!([]));
    }

    #[test]
    fn signature_is_hex_hmac_of_the_exact_body() {
        // RFC 4231 test case 2, as a check that the body bytes are signed unchanged.
        assert_eq!(
            webhook_signature(Some("Jefe"), "what do ya want for nothing?").unwrap(),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let body = webhook_payload(&event());
        let sig = webhook_signature(Some("s3cret"), &body).unwrap();
        assert_eq!(sig.len(), 64);
        assert_ne!(
            webhook_signature(Some("s3cret"), &(body + " ")).unwrap(),
            sig
        );
        assert_eq!(webhook_signature(None, "x"), None);
        assert_eq!(webhook_signature(Some(""), "x"), None);
    }
}
