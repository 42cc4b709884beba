//! WeCom (企业微信) group robot: markdown and text payloads. No signing: the `key` in the
//! webhook URL is the credential (keep it out of logs, see [`super::redact`]).
//!
//! Limits from WeCom's robot documentation: markdown `content` at most 4 096 bytes, text
//! `content` at most 2 048 bytes (UTF-8). Longer text is cut at a glyph boundary with a note.
//! Markdown cannot @-mention by mobile; the text message can (`mentioned_mobile_list`,
//! `"@all"` for everyone). 20 messages a minute per robot.

use super::sms::mention_mobiles;
use super::text::{fit_with_note, normalize_newlines};
use super::{robot_truncation_note, Lang, RobotMessage};
use serde::Serialize;

pub const WECOM_MAX_MARKDOWN_BYTES: usize = 4096;
pub const WECOM_MAX_TEXT_BYTES: usize = 2048;

/// `{"msgtype":"markdown","markdown":{"content":…}}`, content at most 4 096 bytes.
pub fn wecom_markdown(content: &str, lang: Lang) -> RobotMessage {
    let (content, truncated) = fit(content, WECOM_MAX_MARKDOWN_BYTES, lang);
    RobotMessage {
        body: to_json(&Body {
            msgtype: "markdown",
            markdown: Some(Markdown { content }),
            text: None,
        }),
        truncated,
        rejected_mobiles: Vec::new(),
    }
}

/// `{"msgtype":"text","text":{"content":…,"mentioned_mobile_list":[…]}}`, content at most
/// 2 048 bytes; `at_all` adds `"@all"` to the list.
pub fn wecom_text(
    content: &str,
    mentioned_mobiles: &[String],
    at_all: bool,
    lang: Lang,
) -> RobotMessage {
    let (content, truncated) = fit(content, WECOM_MAX_TEXT_BYTES, lang);
    let (mut mobiles, rejected_mobiles) = mention_mobiles(mentioned_mobiles);
    if at_all {
        mobiles.push("@all".to_owned());
    }
    let body = Body {
        msgtype: "text",
        markdown: None,
        text: Some(Text {
            content,
            mentioned_mobile_list: mobiles,
        }),
    };
    RobotMessage {
        body: to_json(&body),
        truncated,
        rejected_mobiles,
    }
}

#[derive(Serialize)]
struct Body {
    msgtype: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<Markdown>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Text>,
}

#[derive(Serialize)]
struct Markdown {
    content: String,
}

#[derive(Serialize)]
struct Text {
    content: String,
    mentioned_mobile_list: Vec<String>,
}

fn to_json(body: &Body) -> String {
    serde_json::to_string(body).expect("plain structs serialize")
}

fn fit(content: &str, max_bytes: usize, lang: Lang) -> (String, bool) {
    let content = normalize_newlines(content, "\n");
    fit_with_note(
        &content,
        max_bytes,
        robot_truncation_note(lang),
        char::len_utf8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn content(m: &RobotMessage, kind: &str) -> String {
        let v: Value = serde_json::from_str(&m.body).unwrap();
        assert_eq!(v["msgtype"], kind);
        v[kind]["content"].as_str().unwrap().to_owned()
    }

    #[test]
    fn markdown_payload() {
        let m = wecom_markdown(
            "**逾期提醒**\r\n> 客户A：<font color=\"warning\">¥12,345.67</font>",
            Lang::Zh,
        );
        assert!(!m.truncated);
        assert!(m
            .body
            .starts_with(r#"{"msgtype":"markdown","markdown":{"content":"#));
        assert_eq!(
            content(&m, "markdown"),
            "**逾期提醒**\n> 客户A：<font color=\"warning\">¥12,345.67</font>"
        );
    }

    #[test]
    fn text_payload_with_mentions() {
        let mobiles = vec!["+86 138 0000 0000".to_owned(), "x".to_owned()];
        let m = wecom_text("请跟进", &mobiles, true, Lang::Zh);
        let v: Value = serde_json::from_str(&m.body).unwrap();
        assert_eq!(
            v["text"]["mentioned_mobile_list"],
            serde_json::json!(["13800000000", "@all"])
        );
        assert_eq!(m.rejected_mobiles.len(), 1);
    }

    #[test]
    fn content_is_cut_to_4096_bytes_on_a_char_boundary() {
        // 3-byte characters and a 4-byte emoji so the limit falls inside a character.
        let long = "款😀".repeat(1_000);
        let m = wecom_markdown(&long, Lang::En);
        assert!(m.truncated);
        let c = content(&m, "markdown");
        assert!(c.len() <= WECOM_MAX_MARKDOWN_BYTES, "{}", c.len());
        assert!(c.len() > WECOM_MAX_MARKDOWN_BYTES - 8);
        assert!(c.ends_with(robot_truncation_note(Lang::En)));
        assert!(long.starts_with(c.strip_suffix(robot_truncation_note(Lang::En)).unwrap()));

        let t = wecom_text(&long, &[], false, Lang::Zh);
        assert!(t.truncated);
        assert!(content(&t, "text").len() <= WECOM_MAX_TEXT_BYTES);

        let exact = "a".repeat(WECOM_MAX_MARKDOWN_BYTES);
        assert!(!wecom_markdown(&exact, Lang::Zh).truncated);
    }
}
