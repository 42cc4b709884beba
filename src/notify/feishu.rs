//! Feishu / Lark (飞书) custom bot: text payload with the optional signature.
//!
//! With "签名校验" on, the body carries `timestamp` (seconds, as a string) and
//! `sign = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = ""))` — note the
//! key/message order is the reverse of DingTalk's. Feishu refuses request bodies over
//! 20 KB, so the text is cut below that. 100 a minute / 5 a second per bot; we use the
//! same 20-a-minute limiter as the others.

use super::text::{base64, fit_with_note, hmac_sha256, normalize_newlines};
use super::{robot_truncation_note, Lang, RobotMessage};
use serde::Serialize;

/// Budget for the JSON-escaped text, leaving room for the envelope under 20 KB.
pub const FEISHU_MAX_TEXT_JSON_BYTES: usize = 19_000;

/// The signature for `timestamp_s` (seconds since the epoch).
pub fn feishu_sign(timestamp_s: u64, secret: &str) -> String {
    let key = format!("{timestamp_s}\n{secret}");
    base64(&hmac_sha256(key.as_bytes(), b""))
}

/// `{"timestamp":"…","sign":"…","msg_type":"text","content":{"text":…}}`; `timestamp` and
/// `sign` only when `signing = Some((timestamp_s, secret))`. `at_all` starts the text with
/// Feishu's `<at user_id="all">` tag.
pub fn feishu_text(
    text: &str,
    at_all: bool,
    signing: Option<(u64, &str)>,
    lang: Lang,
) -> RobotMessage {
    let mut text = normalize_newlines(text, "\n");
    if at_all {
        let everyone = match lang {
            Lang::Zh => "所有人",
            Lang::En => "Everyone",
        };
        text = format!("<at user_id=\"all\">{everyone}</at> {text}");
    }
    let (text, truncated) = fit_with_note(
        &text,
        FEISHU_MAX_TEXT_JSON_BYTES,
        robot_truncation_note(lang),
        json_escaped_len,
    );
    let (timestamp, sign) = match signing {
        Some((ts, secret)) => (Some(ts.to_string()), Some(feishu_sign(ts, secret))),
        None => (None, None),
    };
    let body = Body {
        timestamp,
        sign,
        msg_type: "text",
        content: TextContent { text },
    };
    RobotMessage {
        body: serde_json::to_string(&body).expect("plain structs serialize"),
        truncated,
        rejected_mobiles: Vec::new(),
    }
}

/// The body in the order of Feishu's documentation.
#[derive(Serialize)]
struct Body {
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sign: Option<String>,
    msg_type: &'static str,
    content: TextContent,
}

#[derive(Serialize)]
struct TextContent {
    text: String,
}

/// Bytes `c` takes inside a JSON string as serde_json writes it.
fn json_escaped_len(c: char) -> usize {
    match c {
        '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
        c if (c as u32) < 0x20 => 6,
        c => c.len_utf8(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn known_signing_vector() {
        assert_eq!(
            feishu_sign(1_599_360_473, "demo"),
            "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8="
        );
    }

    #[test]
    fn signed_text_payload() {
        let m = feishu_text(
            "逾期提醒：客户A\r\n\"¥12,345.67\"",
            false,
            Some((1_599_360_473, "demo")),
            Lang::Zh,
        );
        let v: Value = serde_json::from_str(&m.body).unwrap();
        assert_eq!(v["timestamp"], "1599360473");
        assert_eq!(v["sign"], "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=");
        assert_eq!(v["msg_type"], "text");
        assert_eq!(v["content"]["text"], "逾期提醒：客户A\n\"¥12,345.67\"");
        // Field order as in Feishu's documentation.
        assert!(m.body.starts_with(r#"{"timestamp":"1599360473","sign":"#));
    }

    #[test]
    fn unsigned_payload_and_at_all() {
        let m = feishu_text("hi", true, None, Lang::En);
        let v: Value = serde_json::from_str(&m.body).unwrap();
        assert!(v.get("timestamp").is_none() && v.get("sign").is_none());
        assert_eq!(v["content"]["text"], "<at user_id=\"all\">Everyone</at> hi");
    }

    #[test]
    fn body_stays_under_20_kb() {
        let long = "\"引号\"与\\反斜杠\n".repeat(3_000);
        let m = feishu_text(&long, false, Some((1, "s")), Lang::Zh);
        assert!(m.truncated);
        assert!(m.body.len() <= 20 * 1024, "{}", m.body.len());
        let v: Value = serde_json::from_str(&m.body).unwrap();
        let text = v["content"]["text"].as_str().unwrap();
        assert!(text.ends_with(robot_truncation_note(Lang::Zh)));
        let escaped = serde_json::to_string(text).unwrap();
        assert_eq!(
            escaped.len() - 2,
            text.chars().map(json_escaped_len).sum::<usize>()
        );
    }
}
