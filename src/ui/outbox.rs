//! Handing a reminder over: copy, `mailto:`, `.eml`, `sms:`, robots and the webhook. The
//! messages are built by `notify` (pure); this adapter talks to the browser and records every
//! hand-over in the audit log with its honest outcome.

use super::browser;
use super::data::Data;
use crate::domain::audit::{AuditAction, AuditEntry};
use crate::domain::ledger::Ledger;
use crate::domain::model::Pool;
use crate::domain::reminders::{Message, RecipientKind, Reminder};
use crate::domain::rules::Channel;
use crate::notify::dispatch::{outgoing, ChannelConfig, MessageContext, Outgoing};
use crate::notify::eml::eml_file_name;
use crate::notify::webhook::{WebhookEvent, WebhookInvoice};
use crate::notify::{
    eml, interpret_dingtalk_response, interpret_feishu_response, interpret_webhook_response,
    interpret_wecom_response, mailto, redact, sms_link, Mailbox, MailtoLink, RateLimiters,
    SendOutcome,
};
use chrono::NaiveDate;
use leptos::prelude::*;

thread_local! {
    /// Sends per robot and webhook in the last minute, for this page's lifetime.
    static LIMITS: std::cell::RefCell<RateLimiters> = std::cell::RefCell::new(RateLimiters::new());
}

/// What happened, for the status line under the reminder.
pub type Outcome = Result<String, String>;

fn emails(r: &Reminder) -> Vec<String> {
    r.recipients
        .iter()
        .filter_map(|p| p.reach.email.clone())
        .collect()
}

fn mobiles(r: &Reminder) -> Vec<String> {
    r.recipients
        .iter()
        .filter_map(|p| p.reach.mobile.clone())
        .collect()
}

async fn log(data: Data, r: &Reminder, action: AuditAction, m: &Message, as_of: NaiveDate) {
    log_with(data, r, action, m, as_of, None).await;
}

async fn log_with(
    data: Data,
    r: &Reminder,
    action: AuditAction,
    m: &Message,
    as_of: NaiveDate,
    outcome: Option<SendOutcome>,
) {
    let mut e = AuditEntry::about(
        r,
        action,
        Some(m.channel),
        m.body.clone(),
        browser::now_ms(),
        as_of,
    );
    e.outcome = outcome;
    // The log is the record of what happened; if it cannot be written the user hears of it
    // through the store error on the page, and the hand-over itself already happened.
    let _ = data.log(vec![e]).await;
}

pub async fn copy(data: Data, r: &Reminder, m: &Message, as_of: NaiveDate) -> Outcome {
    browser::copy_text(&m.body).await?;
    log(data, r, AuditAction::Copied, m, as_of).await;
    Ok("copied".into())
}

/// The `mailto:` draft link (shortened when too long for mail programs).
pub fn email_link(r: &Reminder, m: &Message) -> MailtoLink {
    let subject = m.subject.clone().unwrap_or_else(|| r.rule_name.clone());
    mailto(&emails(r), &[], &subject, &m.body, m.lang)
}

/// The draft link was followed: when it had to be shortened the full text is copied too.
pub async fn email_drafted(
    data: Data,
    r: &Reminder,
    m: &Message,
    as_of: NaiveDate,
    truncated: bool,
) -> Outcome {
    if truncated {
        browser::copy_text(&m.body).await?;
    }
    log(data, r, AuditAction::EmailDraft, m, as_of).await;
    Ok(if truncated {
        "shortened".into()
    } else {
        "opened".into()
    })
}

/// The `.eml` draft text and its file name.
pub fn eml_draft(r: &Reminder, m: &Message) -> (String, String) {
    let subject = m.subject.clone().unwrap_or_else(|| r.rule_name.clone());
    let to: Vec<Mailbox> = r
        .recipients
        .iter()
        .filter_map(|p| {
            let address = p.reach.email.as_deref()?;
            Mailbox::new(Some(&p.name), address).ok()
        })
        .collect();
    let seed = format!("{}|{}|{}", r.rule_id, r.customer, r.invoices.join(" "));
    let text = eml(
        None,
        &to,
        &[],
        &subject,
        &m.body,
        browser::now_local(),
        &seed,
    );
    (eml_file_name(&subject), text)
}

pub async fn download_eml(data: Data, r: &Reminder, m: &Message, as_of: NaiveDate) -> Outcome {
    let (name, text) = eml_draft(r, m);
    browser::download(&name, "message/rfc822", &text);
    log(data, r, AuditAction::EmlDownload, m, as_of).await;
    Ok(name)
}

/// The `sms:` link to the recipients' mobiles.
pub fn sms_href(r: &Reminder, m: &Message) -> String {
    sms_link(&mobiles(r), &m.body).url
}

/// The SMS link was followed; phones differ in how much of an `sms:` body they take, so the
/// text is copied as well.
pub async fn sms_drafted(data: Data, r: &Reminder, m: &Message, as_of: NaiveDate) -> Outcome {
    let _ = browser::copy_text(&m.body).await;
    log(data, r, AuditAction::SmsDraft, m, as_of).await;
    Ok("opened".into())
}

/// The request for a robot or webhook channel, built now (robots sign with the time).
pub fn request(
    r: &Reminder,
    m: &Message,
    pool: &Pool,
    ledger: &Ledger,
    config: &ChannelConfig,
) -> Result<Outgoing, String> {
    let now = browser::now_local();
    let invoices = r
        .invoices
        .iter()
        .filter_map(|n| {
            let line = ledger
                .lines
                .iter()
                .find(|l| l.customer(pool) == r.customer && l.number(pool) == n)?;
            Some(WebhookInvoice {
                number: n.clone(),
                due: Some(line.due),
                days_overdue: line.days_overdue.clamp(i32::MIN as i64, i32::MAX as i64) as i32,
                open: line.open,
            })
        })
        .collect();
    let event = WebhookEvent {
        sent_at: now,
        rule: r.rule_id.clone(),
        customer_code: r.customer.clone(),
        customer_name: r.customer_name.clone(),
        invoices,
        amount: r.amount,
        recipients: r
            .recipients
            .iter()
            .map(|p| match p.kind {
                RecipientKind::Staff => p.name.clone(),
                RecipientKind::Customer => p.reach.email.clone().unwrap_or_else(|| p.name.clone()),
            })
            .collect(),
        channel: m.channel,
        message: m.body.clone(),
    };
    let mobiles = mobiles(r);
    let title = m.subject.clone().unwrap_or_else(|| r.rule_name.clone());
    let ctx = MessageContext {
        title: &title,
        text: &m.body,
        mobiles: &mobiles,
        lang: m.lang,
        event: &event,
    };
    outgoing(m.channel, &ctx, config, browser::now_ms()).map_err(|e| e.to_string())
}

fn interpret(channel: Channel, status: u16, body: &str) -> SendOutcome {
    match channel {
        Channel::DingTalk => interpret_dingtalk_response(status, body),
        Channel::WeCom => interpret_wecom_response(status, body),
        Channel::Feishu => interpret_feishu_response(status, body),
        _ => interpret_webhook_response(status, body),
    }
}

/// Sends through the relay when there is one, directly otherwise, and records the outcome:
/// confirmed, sent without confirmation (a robot's opaque answer), or failed with the reason.
pub async fn send(
    data: Data,
    r: &Reminder,
    m: &Message,
    out: &Outgoing,
    as_of: NaiveDate,
) -> SendOutcome {
    // 20 a minute per robot (DingTalk mutes a robot for 10 minutes past that).
    let limited = LIMITS.with(|l| l.borrow_mut().try_acquire(&out.url, browser::now_ms()));
    if let Err(wait_ms) = limited {
        let outcome = SendOutcome::Failed {
            reason: format!(
                "rate limit: 20 messages a minute; try again in {} s",
                wait_ms.div_ceil(1000)
            ),
        };
        log_with(data, r, AuditAction::Sent, m, as_of, Some(outcome.clone())).await;
        return outcome;
    }
    let (url, headers, body, readable) = match &out.relay {
        Some((relay, envelope)) => (relay.clone(), Vec::new(), envelope.clone(), true),
        None => (
            out.url.clone(),
            out.headers.clone(),
            out.body.clone(),
            out.answer_readable(),
        ),
    };
    let outcome = match browser::post(&url, &headers, &body, readable).await {
        Ok(answer) if !readable => {
            let _ = answer;
            SendOutcome::SentUnconfirmed
        }
        Ok(answer) => interpret(m.channel, answer.status, &answer.body),
        Err(reason) => SendOutcome::Failed {
            reason: format!(
                "{reason} (blocked or unreachable: check the address, the page's allowed origins, or use the curl command)"
            ),
        },
    };
    let secrets = data.channels.with_untracked(|c| {
        c.secrets()
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    });
    let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let outcome = match outcome {
        SendOutcome::Failed { reason } => SendOutcome::Failed {
            reason: redact(&reason, &refs),
        },
        o => o,
    };
    log_with(data, r, AuditAction::Sent, m, as_of, Some(outcome.clone())).await;
    outcome
}
