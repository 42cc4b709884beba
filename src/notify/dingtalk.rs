//! DingTalk (钉钉) custom group robot: markdown and text payloads, and the "加签" signature.
//!
//! Request: `POST {webhook}&timestamp={ms}&sign={sign}` with a JSON body. The signature is
//! `urlencode(base64(HMAC-SHA256(key = secret, msg = timestamp + "\n" + secret)))`, the
//! timestamp in milliseconds and within an hour of DingTalk's clock. To @-mention someone
//! the mobile goes in `at.atMobiles` *and* `@mobile` must appear in the text, otherwise
//! DingTalk shows no mention: the builders add the missing ones at the end.
//! Robots accept 20 messages a minute (see [`super::rate_limit`]).

use super::sms::mention_mobiles;
use super::text::{
    append_query_param, base64, fit_with_note, hmac_sha256, normalize_newlines, percent_encode,
    single_line, strip_query_params,
};
use super::{robot_truncation_note, Lang, RobotMessage};
use serde::Serialize;

/// DingTalk documents no exact size limit; messages past ~20 000 bytes are refused in
/// practice, so text is cut below that.
pub const DINGTALK_MAX_TEXT_BYTES: usize = 18_000;

/// The URL-encoded signature for `timestamp_ms` (milliseconds since the epoch).
pub fn dingtalk_sign(timestamp_ms: u64, secret: &str) -> String {
    let string_to_sign = format!("{timestamp_ms}\n{secret}");
    let mac = hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes());
    percent_encode(&base64(&mac))
}

/// `webhook` with `timestamp` and `sign` appended (any old ones removed first).
pub fn dingtalk_signed_url(webhook: &str, timestamp_ms: u64, secret: &str) -> String {
    let base = strip_query_params(webhook.trim(), &["timestamp", "sign"]);
    let with_ts = append_query_param(&base, "timestamp", &timestamp_ms.to_string());
    append_query_param(&with_ts, "sign", &dingtalk_sign(timestamp_ms, secret))
}

/// `{"msgtype":"markdown","markdown":{"title","text"},"at":{"atMobiles","isAtAll"}}`.
/// `title` is the one-line preview shown in the chat list (it must contain the robot's
/// keyword if the robot uses keyword security).
pub fn dingtalk_markdown(
    title: &str,
    text: &str,
    at_mobiles: &[String],
    at_all: bool,
    lang: Lang,
) -> RobotMessage {
    let (mobiles, rejected_mobiles) = mention_mobiles(at_mobiles);
    let (text, truncated) = text_with_mentions(text, &mobiles, lang);
    let body = Body {
        msgtype: "markdown",
        markdown: Some(Markdown {
            title: single_line(title),
            text,
        }),
        text: None,
        at: At {
            at_mobiles: mobiles,
            is_at_all: at_all,
        },
    };
    RobotMessage {
        body: serde_json::to_string(&body).expect("plain structs serialize"),
        truncated,
        rejected_mobiles,
    }
}

/// `{"msgtype":"text","text":{"content"},"at":{…}}`: plain text, for robots or clients
/// that render markdown poorly.
pub fn dingtalk_text(
    content: &str,
    at_mobiles: &[String],
    at_all: bool,
    lang: Lang,
) -> RobotMessage {
    let (mobiles, rejected_mobiles) = mention_mobiles(at_mobiles);
    let (text, truncated) = text_with_mentions(content, &mobiles, lang);
    let body = Body {
        msgtype: "text",
        markdown: None,
        text: Some(Text { content: text }),
        at: At {
            at_mobiles: mobiles,
            is_at_all: at_all,
        },
    };
    RobotMessage {
        body: serde_json::to_string(&body).expect("plain structs serialize"),
        truncated,
        rejected_mobiles,
    }
}

/// The body in the order of DingTalk's documentation.
#[derive(Serialize)]
struct Body {
    msgtype: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<Markdown>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Text>,
    at: At,
}

#[derive(Serialize)]
struct Markdown {
    title: String,
    text: String,
}

#[derive(Serialize)]
struct Text {
    content: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct At {
    at_mobiles: Vec<String>,
    is_at_all: bool,
}

/// The text (LF line ends), cut to the size limit, followed by `@mobile` for each mention
/// it does not already contain.
fn text_with_mentions(text: &str, mobiles: &[String], lang: Lang) -> (String, bool) {
    let text = normalize_newlines(text, "\n");
    let missing: Vec<String> = mobiles
        .iter()
        .filter(|m| !text.contains(&format!("@{m}")))
        .map(|m| format!("@{m}"))
        .collect();
    let tail = if missing.is_empty() {
        String::new()
    } else {
        format!("\n\n{}", missing.join(" "))
    };
    let room = DINGTALK_MAX_TEXT_BYTES.saturating_sub(tail.len());
    let (cut, truncated) = fit_with_note(&text, room, robot_truncation_note(lang), char::len_utf8);
    (cut + &tail, truncated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn known_signing_vector() {
        assert_eq!(
            dingtalk_sign(1_577_836_800_000, "SECtest"),
            "drlICLmsjUfpSZSa7%2BmhIyTLZHQVqxb4vc20sB3aqQU%3D"
        );
    }

    #[test]
    fn signed_url_appends_timestamp_and_sign() {
        let hook = "https://oapi.dingtalk.com/robot/send?access_token=abc123";
        assert_eq!(
            dingtalk_signed_url(hook, 1_577_836_800_000, "SECtest"),
            "https://oapi.dingtalk.com/robot/send?access_token=abc123\
             &timestamp=1577836800000&sign=drlICLmsjUfpSZSa7%2BmhIyTLZHQVqxb4vc20sB3aqQU%3D"
        );
        // Re-signing replaces an old signature instead of adding a second one.
        let old = format!("{hook}&timestamp=1&sign=old");
        let url = dingtalk_signed_url(&old, 1_577_836_800_000, "SECtest");
        assert_eq!(url.matches("sign=").count(), 1);
        assert_eq!(url.matches("timestamp=").count(), 1);
    }

    #[test]
    fn markdown_payload_mentions_every_mobile_in_the_text() {
        let m = dingtalk_markdown(
            "逾期提醒\n客户A",
            "### 客户A 逾期 30 天\n请 @13800000000 跟进 \"¥12,345.67\"",
            &s(&["+86 138-0000-0000", "13900000000", "not a phone"]),
            false,
            Lang::Zh,
        );
        assert!(!m.truncated);
        assert_eq!(m.rejected_mobiles.len(), 1);
        let v: Value = serde_json::from_str(&m.body).unwrap();
        assert!(m
            .body
            .starts_with(r#"{"msgtype":"markdown","markdown":{"title":"#));
        assert_eq!(v["msgtype"], "markdown");
        assert_eq!(v["markdown"]["title"], "逾期提醒 客户A");
        let text = v["markdown"]["text"].as_str().unwrap();
        assert_eq!(
            text,
            "### 客户A 逾期 30 天\n请 @13800000000 跟进 \"¥12,345.67\"\n\n@13900000000"
        );
        assert_eq!(
            v["at"]["atMobiles"],
            serde_json::json!(["13800000000", "13900000000"])
        );
        assert_eq!(v["at"]["isAtAll"], false);
        for mobile in v["at"]["atMobiles"].as_array().unwrap() {
            assert!(text.contains(&format!("@{}", mobile.as_str().unwrap())));
        }
    }

    #[test]
    fn text_payload_and_at_all() {
        let m = dingtalk_text("全员注意\r\n本周回款", &[], true, Lang::En);
        let v: Value = serde_json::from_str(&m.body).unwrap();
        assert_eq!(v["msgtype"], "text");
        assert_eq!(v["text"]["content"], "全员注意\n本周回款");
        assert_eq!(v["at"]["isAtAll"], true);
        assert_eq!(v["at"]["atMobiles"], serde_json::json!([]));
    }

    #[test]
    fn long_text_is_cut_but_mentions_survive() {
        let long = "逾期发票明细一行\n".repeat(2_000);
        let m = dingtalk_markdown("t", &long, &s(&["13800000000"]), false, Lang::Zh);
        assert!(m.truncated);
        let v: Value = serde_json::from_str(&m.body).unwrap();
        let text = v["markdown"]["text"].as_str().unwrap();
        assert!(text.len() <= DINGTALK_MAX_TEXT_BYTES);
        assert!(text.contains(robot_truncation_note(Lang::Zh)));
        assert!(text.ends_with("@13800000000"));
    }
}
