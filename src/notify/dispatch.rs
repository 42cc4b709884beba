//! From a rendered message to the HTTP request a channel needs: the configured robots and
//! webhook (with their signing), the `curl` command to copy, and the relay envelope.
//!
//! Pure: the caller passes the clock. The browser adapter only `fetch`es what this returns.

use super::curl::{curl_command_with_headers, relay_request_with_headers};
use super::dingtalk::{dingtalk_markdown, dingtalk_signed_url};
use super::feishu::feishu_text;
use super::webhook::{webhook_payload, webhook_signature, WebhookEvent, WEBHOOK_SIGNATURE_HEADER};
use super::wecom::wecom_text;
use super::{Channel, Lang, RobotMessage};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One robot or webhook: where it is, and its signing secret (empty: unsigned).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Endpoint {
    pub url: String,
    pub secret: String,
}

/// Where messages for the robot and webhook channels go. Secrets stay in this browser:
/// backups carry [`ChannelConfig::without_secrets`] unless the user asks otherwise.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChannelConfig {
    pub dingtalk: Endpoint,
    pub wecom: Endpoint,
    pub feishu: Endpoint,
    pub webhook: Endpoint,
    /// The user's own forwarder for robots that do not answer browsers (see [`super::curl`]).
    pub relay: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DispatchError {
    /// The channel has no URL configured.
    NotConfigured(Channel),
    /// The configured URL is not an `http(s)` URL.
    BadUrl(String),
    /// The channel is not sent over HTTP (email, SMS, in-app).
    NotHttp(Channel),
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DispatchError::NotConfigured(c) => write!(f, "no address configured for {}", c.code()),
            DispatchError::BadUrl(u) => write!(f, "not an http(s) address: {u}"),
            DispatchError::NotHttp(c) => write!(f, "{} is not sent over HTTP", c.code()),
        }
    }
}

/// A request ready to send, plus what the user can copy instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub channel: Channel,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The same request as a one-line `curl` command.
    pub curl: String,
    /// `(relay URL, envelope)` when a relay is configured and the channel is a robot.
    pub relay: Option<(String, String)>,
    /// The text was shortened to fit the channel.
    pub truncated: bool,
    /// Mobiles left out of @-mentions because they are not phone numbers.
    pub rejected_mobiles: Vec<String>,
}

impl Outgoing {
    /// Robots (DingTalk, WeCom, Feishu) send no CORS headers: a browser cannot read their
    /// answer, so without a relay a send can only be "sent, unconfirmed".
    pub fn answer_readable(&self) -> bool {
        self.channel == Channel::Webhook || self.relay.is_some()
    }
}

/// `scheme://host[:port]` of an `http(s)` URL, or `None`.
pub fn origin_of(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let valid = !host_port.is_empty()
        && host_port
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    valid.then(|| format!("{scheme}://{}", host_port.to_ascii_lowercase()))
}

impl ChannelConfig {
    pub fn endpoint(&self, channel: Channel) -> Option<&Endpoint> {
        match channel {
            Channel::DingTalk => Some(&self.dingtalk),
            Channel::WeCom => Some(&self.wecom),
            Channel::Feishu => Some(&self.feishu),
            Channel::Webhook => Some(&self.webhook),
            Channel::InApp | Channel::Email | Channel::Sms => None,
        }
    }

    pub fn is_configured(&self, channel: Channel) -> bool {
        self.endpoint(channel)
            .is_some_and(|e| !e.url.trim().is_empty())
    }

    /// The secrets, to redact from anything shown or logged.
    pub fn secrets(&self) -> Vec<&str> {
        [&self.dingtalk, &self.wecom, &self.feishu, &self.webhook]
            .into_iter()
            .map(|e| e.secret.as_str())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The copy that may leave this browser in a backup.
    pub fn without_secrets(&self) -> ChannelConfig {
        let strip = |e: &Endpoint| Endpoint {
            url: e.url.clone(),
            secret: String::new(),
        };
        ChannelConfig {
            dingtalk: strip(&self.dingtalk),
            wecom: strip(&self.wecom),
            feishu: strip(&self.feishu),
            webhook: strip(&self.webhook),
            relay: self.relay.clone(),
        }
    }

    /// Every address the app may `fetch`: the page's Content-Security-Policy allows exactly
    /// these origins besides its own. Robots are reached through the relay when there is
    /// one, otherwise directly.
    pub fn origins(&self) -> Vec<String> {
        let mut out: Vec<String> = [
            &self.dingtalk.url,
            &self.wecom.url,
            &self.feishu.url,
            &self.webhook.url,
            &self.relay,
        ]
        .into_iter()
        .filter_map(|u| origin_of(u))
        .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Checks every non-empty address; the first bad one is the error.
    pub fn validate(&self) -> Result<(), DispatchError> {
        for url in [
            &self.dingtalk.url,
            &self.wecom.url,
            &self.feishu.url,
            &self.webhook.url,
            &self.relay,
        ] {
            if !url.trim().is_empty() && origin_of(url).is_none() {
                return Err(DispatchError::BadUrl(url.trim().to_owned()));
            }
        }
        Ok(())
    }
}

/// What the message is about, for the robots' titles and the webhook's payload.
pub struct MessageContext<'a> {
    pub title: &'a str,
    pub text: &'a str,
    /// Mobiles to @-mention on robots.
    pub mobiles: &'a [String],
    pub lang: Lang,
    /// The generic webhook's event (its `message` is `text`).
    pub event: &'a WebhookEvent,
}

/// The request for `channel` at `now_ms` (robots sign with it).
pub fn outgoing(
    channel: Channel,
    msg: &MessageContext<'_>,
    config: &ChannelConfig,
    now_ms: u64,
) -> Result<Outgoing, DispatchError> {
    let endpoint = config
        .endpoint(channel)
        .ok_or(DispatchError::NotHttp(channel))?;
    let url = endpoint.url.trim();
    if url.is_empty() {
        return Err(DispatchError::NotConfigured(channel));
    }
    if origin_of(url).is_none() {
        return Err(DispatchError::BadUrl(url.to_owned()));
    }
    let secret = endpoint.secret.trim();
    let mut headers: Vec<(String, String)> = Vec::new();
    let (url, robot): (String, RobotMessage) = match channel {
        Channel::DingTalk => {
            let signed = if secret.is_empty() {
                url.to_owned()
            } else {
                dingtalk_signed_url(url, now_ms, secret)
            };
            let m = dingtalk_markdown(msg.title, msg.text, msg.mobiles, false, msg.lang);
            (signed, m)
        }
        Channel::WeCom => (
            url.to_owned(),
            wecom_text(msg.text, msg.mobiles, false, msg.lang),
        ),
        Channel::Feishu => {
            let signing = (!secret.is_empty()).then_some((now_ms / 1000, secret));
            (
                url.to_owned(),
                feishu_text(msg.text, false, signing, msg.lang),
            )
        }
        _ => {
            let body = webhook_payload(msg.event);
            let secret = (!secret.is_empty()).then_some(secret);
            if let Some(signature) = webhook_signature(secret, &body) {
                headers.push((WEBHOOK_SIGNATURE_HEADER.to_owned(), signature));
            }
            let m = RobotMessage {
                body,
                truncated: false,
                rejected_mobiles: Vec::new(),
            };
            (url.to_owned(), m)
        }
    };
    let header_refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let relay = (channel != Channel::Webhook && !config.relay.trim().is_empty())
        .then(|| relay_request_with_headers(&config.relay, &url, &header_refs, &robot.body));
    Ok(Outgoing {
        channel,
        curl: curl_command_with_headers(&url, &header_refs, &robot.body),
        url,
        headers,
        body: robot.body,
        relay,
        truncated: robot.truncated,
        rejected_mobiles: robot.rejected_mobiles.into_iter().map(|(m, _)| m).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{Currency, Money};
    use chrono::DateTime;

    fn event() -> WebhookEvent {
        WebhookEvent {
            sent_at: DateTime::parse_from_rfc3339("2026-03-31T09:00:00+08:00").unwrap(),
            rule: "overdue-1-7".into(),
            customer_code: "0001".into(),
            customer_name: "华东机电".into(),
            invoices: Vec::new(),
            amount: Money::new(123_450, Currency::CNY),
            recipients: vec!["张三".into()],
            channel: Channel::Webhook,
            message: "msg".into(),
        }
    }

    fn ctx(e: &WebhookEvent) -> MessageContext<'_> {
        MessageContext {
            title: "【轻度逾期提醒】",
            text: "客户 华东机电 已逾期 3 天",
            mobiles: &[],
            lang: Lang::Zh,
            event: e,
        }
    }

    fn config() -> ChannelConfig {
        ChannelConfig {
            dingtalk: Endpoint {
                url: "https://oapi.dingtalk.com/robot/send?access_token=abc".into(),
                secret: "SECtest".into(),
            },
            feishu: Endpoint {
                url: "https://open.feishu.cn/open-apis/bot/v2/hook/xyz".into(),
                secret: "demo".into(),
            },
            webhook: Endpoint {
                url: "http://127.0.0.1:9000/hook".into(),
                secret: "s3cret".into(),
            },
            ..Default::default()
        }
    }

    #[test]
    fn dingtalk_is_signed_with_the_known_vector() {
        let e = event();
        let out = outgoing(Channel::DingTalk, &ctx(&e), &config(), 1_577_836_800_000).unwrap();
        assert!(out.url.ends_with(
            "&timestamp=1577836800000&sign=drlICLmsjUfpSZSa7%2BmhIyTLZHQVqxb4vc20sB3aqQU%3D"
        ));
        assert!(!out.answer_readable());
        assert!(out.curl.contains(&out.url));
    }

    #[test]
    fn feishu_is_signed_with_the_known_vector() {
        let e = event();
        let out = outgoing(Channel::Feishu, &ctx(&e), &config(), 1_599_360_473_000).unwrap();
        let body: serde_json::Value = serde_json::from_str(&out.body).unwrap();
        assert_eq!(body["timestamp"], "1599360473");
        assert_eq!(body["sign"], "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=");
    }

    #[test]
    fn webhook_carries_its_signature_and_relays_only_robots() {
        let e = event();
        let mut cfg = config();
        cfg.relay = "https://relay.example.com/forward".into();
        let out = outgoing(Channel::Webhook, &ctx(&e), &cfg, 0).unwrap();
        assert_eq!(out.headers[0].0, WEBHOOK_SIGNATURE_HEADER);
        assert_eq!(
            out.headers[0].1,
            webhook_signature(Some("s3cret"), &out.body).unwrap()
        );
        assert!(out.relay.is_none() && out.answer_readable());
        let robot = outgoing(Channel::DingTalk, &ctx(&e), &cfg, 0).unwrap();
        let (relay, envelope) = robot.relay.clone().unwrap();
        assert_eq!(relay, "https://relay.example.com/forward");
        assert!(envelope.contains("oapi.dingtalk.com") && robot.answer_readable());
    }

    #[test]
    fn unconfigured_and_bad_addresses_are_errors() {
        let e = event();
        assert_eq!(
            outgoing(Channel::WeCom, &ctx(&e), &config(), 0),
            Err(DispatchError::NotConfigured(Channel::WeCom))
        );
        assert_eq!(
            outgoing(Channel::Email, &ctx(&e), &config(), 0),
            Err(DispatchError::NotHttp(Channel::Email))
        );
        let mut cfg = config();
        cfg.wecom.url = "javascript:alert(1)".into();
        assert_eq!(
            cfg.validate(),
            Err(DispatchError::BadUrl("javascript:alert(1)".into()))
        );
    }

    #[test]
    fn origins_and_secrets() {
        let cfg = config();
        assert_eq!(
            cfg.origins(),
            [
                "http://127.0.0.1:9000",
                "https://oapi.dingtalk.com",
                "https://open.feishu.cn"
            ]
        );
        assert_eq!(cfg.secrets(), ["SECtest", "demo", "s3cret"]);
        assert!(cfg.without_secrets().secrets().is_empty());
        assert_eq!(origin_of("https://x.com; script-src *"), None);
        assert_eq!(origin_of("ftp://x.com"), None);
        assert_eq!(
            origin_of("HTTPS://User@Host.COM:8443/p"),
            Some("https://host.com:8443".into())
        );
    }
}
