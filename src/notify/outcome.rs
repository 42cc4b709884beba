//! What happened to a message, for the audit log, and keeping secrets out of it.
//!
//! A browser `fetch` in `no-cors` mode gets an opaque response (status 0, no body): the
//! request left, but nobody can tell whether the robot accepted it — that is
//! [`SendOutcome::SentUnconfirmed`], never reported as success. Robots answer HTTP 200
//! even for errors, so the body decides: DingTalk and WeCom `{"errcode":0,"errmsg":"ok"}`,
//! Feishu `{"code":0,"msg":"success"}` (older bots `{"StatusCode":0,…}`).

use super::text::percent_encode;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SendOutcome {
    /// The receiver said it accepted the message.
    Confirmed,
    /// The request was sent but the answer could not be read (opaque `no-cors` response,
    /// or a 2xx answer we do not recognise).
    SentUnconfirmed,
    /// The receiver refused it, or the request failed. `reason` holds no secrets.
    Failed { reason: String },
}

/// Longest server text kept in a reason.
const MAX_REASON_CHARS: usize = 300;

/// DingTalk robot answer → outcome.
pub fn interpret_dingtalk_response(status: u16, body: &str) -> SendOutcome {
    interpret_robot(status, body, &["errcode"], &["errmsg"])
}

/// WeCom robot answer → outcome (same shape as DingTalk's).
pub fn interpret_wecom_response(status: u16, body: &str) -> SendOutcome {
    interpret_robot(status, body, &["errcode"], &["errmsg"])
}

/// Feishu bot answer → outcome: `code` (current) or `StatusCode` (older bots).
pub fn interpret_feishu_response(status: u16, body: &str) -> SendOutcome {
    interpret_robot(
        status,
        body,
        &["code", "StatusCode"],
        &["msg", "StatusMessage"],
    )
}

/// Generic webhook answer: any 2xx is confirmed; the body is only quoted on failure.
pub fn interpret_webhook_response(status: u16, body: &str) -> SendOutcome {
    match status {
        0 => SendOutcome::SentUnconfirmed,
        200..=299 => SendOutcome::Confirmed,
        _ => failed(format!("HTTP {status}{}", snippet(body))),
    }
}

fn interpret_robot(status: u16, body: &str, code_keys: &[&str], msg_keys: &[&str]) -> SendOutcome {
    if status == 0 {
        return SendOutcome::SentUnconfirmed;
    }
    let json = serde_json::from_str::<Value>(body).ok();
    let code = json
        .as_ref()
        .and_then(|v| code_keys.iter().find_map(|k| v.get(*k)))
        .and_then(|c| {
            c.as_i64()
                .or_else(|| c.as_str().and_then(|s| s.trim().parse().ok()))
        });
    let msg = json
        .as_ref()
        .and_then(|v| msg_keys.iter().find_map(|k| v.get(*k)))
        .and_then(Value::as_str)
        .unwrap_or("");
    let ok_status = (200..=299).contains(&status);
    match code {
        Some(0) if ok_status => SendOutcome::Confirmed,
        Some(0) => failed(format!("HTTP {status}")),
        Some(c) => {
            let http = if ok_status {
                String::new()
            } else {
                format!(" (HTTP {status})")
            };
            failed(format!("error {c}: {msg}{http}"))
        }
        None if ok_status => SendOutcome::SentUnconfirmed,
        None => failed(format!("HTTP {status}{}", snippet(body))),
    }
}

fn snippet(body: &str) -> String {
    let t = body.trim();
    if t.is_empty() {
        String::new()
    } else {
        format!(": {t}")
    }
}

/// A failure whose reason is one line, bounded, and masked (see [`redact`]).
fn failed(reason: String) -> SendOutcome {
    let one_line: String = reason
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut reason = redact(&one_line, &[]);
    if reason.chars().count() > MAX_REASON_CHARS {
        reason = reason.chars().take(MAX_REASON_CHARS).collect::<String>() + "…";
    }
    SendOutcome::Failed { reason }
}

/// Parameter and field names whose values are credentials.
const SECRET_NAMES: &[&str] = &["access_token", "key", "sign", "secret", "token"];

/// `text` with every non-empty secret (as written and percent-encoded) replaced by `***`,
/// and the values of `access_token=`, `key=`, `sign=`, `secret=`, `token=` (query
/// parameters or JSON fields) and Feishu's `/hook/<token>` masked too. Use it on every URL,
/// body or error text before it is logged or shown.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut secrets: Vec<&str> = secrets.iter().copied().filter(|s| !s.is_empty()).collect();
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut out = text.to_owned();
    for s in secrets {
        out = out.replace(s, "***");
        let encoded = percent_encode(s);
        if encoded != s {
            out = out.replace(&encoded, "***");
        }
    }
    mask_named_values(&out)
}

/// Where a masked value starts (and the bytes that end it) if a credential marker begins
/// at byte `i` of `lower` (the text, ASCII-lowercased; markers are ASCII).
fn value_start(lower: &[u8], i: usize) -> Option<(usize, &'static [u8])> {
    const QUERY_STOP: &[u8] = b"&#\"' \t\r\n<>;,";
    let rest = &lower[i..];
    let at_word_start = i == 0 || {
        let p = lower[i - 1];
        !(p.is_ascii_alphanumeric() || p == b'_')
    };
    if rest.starts_with(b"/hook/") {
        return Some((i + b"/hook/".len(), b"/?#\"' \t\r\n<>;,"));
    }
    for name in SECRET_NAMES {
        let name = name.as_bytes();
        if at_word_start && rest.starts_with(name) && rest[name.len()..].starts_with(b"=") {
            return Some((i + name.len() + 1, QUERY_STOP));
        }
        // JSON: "name" : "value"
        if rest.starts_with(b"\"")
            && rest[1..].starts_with(name)
            && rest[1 + name.len()..].starts_with(b"\"")
        {
            let mut j = i + name.len() + 2;
            while lower.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            if lower.get(j) != Some(&b':') {
                continue;
            }
            j += 1;
            while lower.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            if lower.get(j) == Some(&b'"') {
                return Some((j + 1, b"\""));
            }
        }
    }
    None
}

fn mask_named_values(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some((start, stops)) = value_start(lower.as_bytes(), i) {
            let end = bytes[start..]
                .iter()
                .position(|b| stops.contains(b))
                .map_or(bytes.len(), |p| start + p);
            if end > start {
                out.push_str(&text[copied..start]);
                out.push_str("***");
                copied = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed_reason(o: SendOutcome) -> String {
        match o {
            SendOutcome::Failed { reason } => reason,
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn dingtalk_answers() {
        assert_eq!(
            interpret_dingtalk_response(200, r#"{"errcode":0,"errmsg":"ok"}"#),
            SendOutcome::Confirmed
        );
        let r = failed_reason(interpret_dingtalk_response(
            200,
            r#"{"errcode":310000,"errmsg":"sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]"}"#,
        ));
        assert!(r.starts_with("error 310000: sign not match"), "{r}");
        let r = failed_reason(interpret_dingtalk_response(
            200,
            r#"{"errcode":130101,"errmsg":"send too fast"}"#,
        ));
        assert_eq!(r, "error 130101: send too fast");
        assert_eq!(
            interpret_dingtalk_response(0, ""),
            SendOutcome::SentUnconfirmed
        );
        assert_eq!(
            interpret_dingtalk_response(200, ""),
            SendOutcome::SentUnconfirmed
        );
        assert_eq!(
            failed_reason(interpret_dingtalk_response(502, "Bad Gateway\n")),
            "HTTP 502: Bad Gateway"
        );
        assert_eq!(
            failed_reason(interpret_dingtalk_response(
                400,
                r#"{"errcode":40035,"errmsg":"bad param"}"#
            )),
            "error 40035: bad param (HTTP 400)"
        );
    }

    #[test]
    fn wecom_answers() {
        assert_eq!(
            interpret_wecom_response(200, r#"{"errcode":0,"errmsg":"ok"}"#),
            SendOutcome::Confirmed
        );
        let r = failed_reason(interpret_wecom_response(
            200,
            r#"{"errcode":93000,"errmsg":"invalid webhook url, hint: [1] key=abcdef-1234"}"#,
        ));
        assert_eq!(r, "error 93000: invalid webhook url, hint: [1] key=***");
    }

    #[test]
    fn feishu_answers() {
        assert_eq!(
            interpret_feishu_response(200, r#"{"code":0,"data":{},"msg":"success"}"#),
            SendOutcome::Confirmed
        );
        assert_eq!(
            interpret_feishu_response(
                200,
                r#"{"Extra":null,"StatusCode":0,"StatusMessage":"success"}"#
            ),
            SendOutcome::Confirmed
        );
        let r = failed_reason(interpret_feishu_response(
            200,
            r#"{"code":19021,"data":{},"msg":"sign match fail or timestamp is not within one hour from current time"}"#,
        ));
        assert!(r.starts_with("error 19021: sign match fail"));
        assert_eq!(
            interpret_feishu_response(0, ""),
            SendOutcome::SentUnconfirmed
        );
    }

    #[test]
    fn webhook_answers() {
        assert_eq!(interpret_webhook_response(204, ""), SendOutcome::Confirmed);
        assert_eq!(
            interpret_webhook_response(0, ""),
            SendOutcome::SentUnconfirmed
        );
        assert_eq!(
            failed_reason(interpret_webhook_response(401, "bad signature")),
            "HTTP 401: bad signature"
        );
        let long = "x".repeat(1_000);
        assert!(
            failed_reason(interpret_webhook_response(500, &long))
                .chars()
                .count()
                <= MAX_REASON_CHARS + 1
        );
    }

    #[test]
    fn outcomes_serialize_for_the_audit_log() {
        let j = serde_json::to_string(&SendOutcome::Failed { reason: "x".into() }).unwrap();
        assert_eq!(j, r#"{"kind":"failed","reason":"x"}"#);
        assert_eq!(
            serde_json::to_string(&SendOutcome::SentUnconfirmed).unwrap(),
            r#"{"kind":"sent_unconfirmed"}"#
        );
        assert_eq!(
            serde_json::from_str::<SendOutcome>(&j).unwrap(),
            SendOutcome::Failed { reason: "x".into() }
        );
    }

    #[test]
    fn redacts_tokens_keys_signs_and_secrets() {
        let url = "https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1577836800000&sign=drlI%2Bmh%3D";
        assert_eq!(
            redact(url, &[]),
            "https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=1577836800000&sign=***"
        );
        assert_eq!(
            redact(
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?KEY=693a91f6-7xxx",
                &[]
            ),
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?KEY=***"
        );
        assert_eq!(
            redact(
                "https://open.feishu.cn/open-apis/bot/v2/hook/0b8e7c1a-uuid?x=1",
                &[]
            ),
            "https://open.feishu.cn/open-apis/bot/v2/hook/***?x=1"
        );
        // Named secrets anywhere, also percent-encoded; "monkey=" is not "key=".
        let text = "secret SECabc+/= leaked, encoded SECabc%2B%2F%3D, monkey=banana";
        assert_eq!(
            redact(text, &["SECabc+/=", ""]),
            "secret *** leaked, encoded ***, monkey=banana"
        );
        // JSON fields.
        assert_eq!(
            redact(r#"{"timestamp":"1","sign":"l1N0gA=","secret" : "s"}"#, &[]),
            r#"{"timestamp":"1","sign":"***","secret" : "***"}"#
        );
        // Non-ASCII text around markers is kept intact.
        assert_eq!(redact("错误：key=秘密 结束", &[]), "错误：key=*** 结束");
        assert_eq!(redact("key=", &[]), "key=");
    }

    proptest::proptest! {
        #[test]
        fn a_named_secret_never_survives_redaction(
            secret in "[A-Za-z0-9+/=_-]{4,40}",
            before in "\\PC{0,40}",
            after in "\\PC{0,40}",
            encoded in proptest::bool::ANY,
        ) {
            let shown = if encoded { percent_encode(&secret) } else { secret.clone() };
            let text = format!("{before}{shown}{after}?sign={shown}&access_token={shown}");
            let out = redact(&text, &[&secret]);
            proptest::prop_assert!(!out.contains(&secret), "{}", out);
            proptest::prop_assert!(!out.contains(&percent_encode(&secret)), "{}", out);
        }
    }

    #[test]
    fn reasons_never_contain_the_secret() {
        let token = "abcdef0123456789";
        let body =
            format!(r#"{{"errcode":300001,"errmsg":"token is not exist: access_token={token}"}}"#);
        let r = failed_reason(interpret_dingtalk_response(200, &body));
        assert!(!r.contains(token), "{r}");
    }
}
