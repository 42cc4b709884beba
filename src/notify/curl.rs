//! For robots the browser cannot reach (DingTalk, WeCom and Feishu send no CORS headers):
//! a ready `curl` command the user can paste into a terminal, and the envelope for a
//! user-run relay.
//!
//! Relay protocol (documented for whoever runs the relay): the app POSTs
//! `Content-Type: application/json` to the relay URL with
//!
//! ```json
//! { "target": "https://oapi.dingtalk.com/robot/send?access_token=…&timestamp=…&sign=…",
//!   "headers": { "X-AR-Sentinel-Signature": "…" },
//!   "body": "{\"msgtype\":\"markdown\",…}" }
//! ```
//!
//! The relay POSTs the `body` string, byte for byte, to `target` with `Content-Type:
//! application/json` plus `headers` (left out when empty), and answers with the target's
//! status and body, with CORS headers for the app's origin. `body` is a string rather than
//! a nested object so that re-serialising cannot change the bytes a signature covers.
//! Only `https` targets of the robots the user configured should be allowed, so the relay
//! is not an open proxy.

use super::text::single_line;
use serde::Serialize;
use std::collections::BTreeMap;

/// `s` as one POSIX shell word: in single quotes, each `'` written as `'\''`.
pub fn shell_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// `curl -sS -X POST '<url>' -H 'Content-Type: application/json' --data-raw '<body>'`, on
/// one line, for bash, zsh, Git Bash and WSL.
pub fn curl_command(url: &str, body_json: &str) -> String {
    curl_command_with_headers(url, &[], body_json)
}

/// [`curl_command`] with extra headers (for instance the webhook signature). Header names
/// and values are made single lines.
pub fn curl_command_with_headers(url: &str, headers: &[(&str, &str)], body_json: &str) -> String {
    let mut cmd = format!(
        "curl -sS -X POST {} -H {}",
        shell_quote(url.trim()),
        shell_quote("Content-Type: application/json")
    );
    for (name, value) in headers {
        let header = format!("{}: {}", single_line(name), single_line(value));
        cmd.push_str(" -H ");
        cmd.push_str(&shell_quote(&header));
    }
    cmd.push_str(" --data-raw ");
    cmd.push_str(&shell_quote(body_json));
    cmd
}

#[derive(Serialize)]
struct Envelope<'a> {
    target: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<String, String>,
    body: &'a str,
}

/// `(relay_url, envelope_json)`: what to POST to the relay so it forwards `body` to
/// `target_url` (see the module documentation for the envelope).
pub fn relay_request(relay_url: &str, target_url: &str, body: &str) -> (String, String) {
    relay_request_with_headers(relay_url, target_url, &[], body)
}

/// [`relay_request`] with headers for the relay to add to the forwarded request.
pub fn relay_request_with_headers(
    relay_url: &str,
    target_url: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (String, String) {
    let envelope = Envelope {
        target: target_url.trim(),
        headers: headers
            .iter()
            .map(|(k, v)| (single_line(k), single_line(v)))
            .collect(),
        body,
    };
    (
        relay_url.trim().to_owned(),
        serde_json::to_string(&envelope).expect("plain structs serialize"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn quotes_single_quotes() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(
            shell_quote("$(rm -rf ~) `x` \"y\" \\"),
            r#"'$(rm -rf ~) `x` "y" \'"#
        );
        assert_eq!(shell_quote("''"), r"''\'''\'''");
    }

    #[test]
    fn builds_the_curl_command() {
        let body = r#"{"msgtype":"text","text":{"content":"O'Brien 的发票 $100 & #1"}}"#;
        let cmd = curl_command(
            "https://oapi.dingtalk.com/robot/send?access_token=x&timestamp=1&sign=a%2B",
            body,
        );
        assert_eq!(
            cmd,
            r#"curl -sS -X POST 'https://oapi.dingtalk.com/robot/send?access_token=x&timestamp=1&sign=a%2B' -H 'Content-Type: application/json' --data-raw '{"msgtype":"text","text":{"content":"O'\''Brien 的发票 $100 & #1"}}'"#
        );
        let cmd =
            curl_command_with_headers("https://x.com/h", &[("X-Sig", "ab\r\nX-Evil: 1")], "{}");
        assert!(cmd.contains(" -H 'X-Sig: ab X-Evil: 1' "));
    }

    /// The quoting survives a real shell: `printf %s <quoted>` gives back the original.
    #[test]
    fn quoting_round_trips_through_sh() {
        let nasty = "a'b\"c$(echo no)`x`\\n\n中文😀 ''' end";
        let Ok(out) = Command::new("sh")
            .arg("-c")
            .arg(format!("printf %s {}", shell_quote(nasty)))
            .output()
        else {
            return; // no shell on this machine
        };
        assert_eq!(String::from_utf8(out.stdout).unwrap(), nasty);
    }

    #[test]
    fn relay_envelope_wraps_the_payload() {
        let (url, body) = relay_request(
            " https://relay.example.com/forward ",
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K",
            r#"{"msgtype":"markdown","markdown":{"content":"hi"}}"#,
        );
        assert_eq!(url, "https://relay.example.com/forward");
        assert_eq!(
            body,
            r#"{"target":"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K","body":"{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"hi\"}}"}"#
        );
        // The relay gets back exactly the bytes that were signed.
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            v["body"],
            r#"{"msgtype":"markdown","markdown":{"content":"hi"}}"#
        );
        let (_, body) =
            relay_request_with_headers("r", "t", &[("X-AR-Sentinel-Signature", "ab")], "x");
        assert_eq!(
            body,
            r#"{"target":"t","headers":{"X-AR-Sentinel-Signature":"ab"},"body":"x"}"#
        );
    }
}
