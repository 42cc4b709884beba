//! `sms:` links (RFC 5724) that open the phone's messaging app with the reminder filled in,
//! and the segment count the user will be billed for.

use super::text::{normalize_newlines, percent_encode};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a mobile number was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MobileError {
    Empty,
    /// Something other than digits, a leading `+`, spaces, dashes, dots or parentheses.
    BadCharacter(char),
    /// Fewer than 5 or more than 15 digits (the E.164 maximum).
    BadLength(usize),
}

impl fmt::Display for MobileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MobileError::Empty => f.write_str("empty number"),
            MobileError::BadCharacter(c) => write!(f, "number contains {c:?}"),
            MobileError::BadLength(n) => write!(f, "number has {n} digits"),
        }
    }
}
impl std::error::Error for MobileError {}

/// A number as the phone wants it: digits with an optional leading `+`. Spaces (also
/// full-width and no-break), dashes, dots and parentheses are removed: `+86 138-0000-0000`
/// becomes `+8613800000000`.
pub fn normalize_mobile(raw: &str) -> Result<String, MobileError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(MobileError::Empty);
    }
    let mut out = String::with_capacity(t.len());
    for (i, c) in t.chars().enumerate() {
        match c {
            '0'..='9' => out.push(c),
            '+' | '＋' if i == 0 => out.push('+'),
            ' ' | '\u{3000}' | '\u{A0}' | '-' | '.' | '(' | ')' => {}
            other => return Err(MobileError::BadCharacter(other)),
        }
    }
    let digits = out.trim_start_matches('+').len();
    if !(5..=15).contains(&digits) {
        return Err(MobileError::BadLength(digits));
    }
    Ok(out)
}

/// Mobiles for chat robots' @-mentions (DingTalk `atMobiles`, WeCom
/// `mentioned_mobile_list`): normalised, without the `+86`/`0086` prefix of mainland
/// numbers (the robots match the 11-digit number the account is registered with), without
/// duplicates, in order. Invalid ones are returned apart.
pub fn mention_mobiles(list: &[String]) -> (Vec<String>, Vec<(String, MobileError)>) {
    let mut ok: Vec<String> = Vec::new();
    let mut rejected = Vec::new();
    for raw in list {
        match normalize_mobile(raw) {
            Ok(n) => {
                let local = n
                    .strip_prefix("+86")
                    .or_else(|| n.strip_prefix("0086"))
                    .filter(|d| d.len() == 11 && d.starts_with('1'))
                    .map(str::to_owned)
                    .unwrap_or(n);
                if !ok.contains(&local) {
                    ok.push(local);
                }
            }
            Err(e) => rejected.push((raw.clone(), e)),
        }
    }
    (ok, rejected)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmsLink {
    pub url: String,
    /// Numbers left out, with the reason.
    pub rejected: Vec<(String, MobileError)>,
}

/// `sms:+8613800000000,+8613900000000?body=…` with the body percent-encoded (line breaks
/// as `%0A`). Invalid numbers are left out and reported.
pub fn sms_link(numbers: &[String], body: &str) -> SmsLink {
    let mut ok = Vec::new();
    let mut rejected = Vec::new();
    for raw in numbers {
        match normalize_mobile(raw) {
            Ok(n) => ok.push(n),
            Err(e) => rejected.push((raw.clone(), e)),
        }
    }
    let mut url = format!("sms:{}", ok.join(","));
    if !body.is_empty() {
        url.push_str("?body=");
        url.push_str(&percent_encode(&normalize_newlines(body, "\n")));
    }
    SmsLink { url, rejected }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SmsEncoding {
    /// The GSM 03.38 7-bit alphabet: 160 characters, 153 per part when split.
    Gsm7,
    /// Anything else (Chinese, emoji): 70 UTF-16 units, 67 per part when split.
    Ucs2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsSegments {
    pub encoding: SmsEncoding,
    /// Septets (GSM-7, extension characters count 2) or UTF-16 units (UCS-2).
    pub units: usize,
    /// Messages the carrier will bill; 0 for an empty body.
    pub segments: usize,
}

const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION: &str = "^{}\\[~]|€\u{0C}";

/// How many SMS parts `body` takes (line breaks counted as one `\n`).
pub fn sms_segments(body: &str) -> SmsSegments {
    let body = normalize_newlines(body, "\n");
    let gsm: Option<usize> = body
        .chars()
        .map(|c| {
            if GSM7_BASIC.contains(c) {
                Some(1)
            } else if GSM7_EXTENSION.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .sum();
    let (encoding, units, single, part) = match gsm {
        Some(n) => (SmsEncoding::Gsm7, n, 160, 153),
        None => (SmsEncoding::Ucs2, body.encode_utf16().count(), 70, 67),
    };
    let segments = match units {
        0 => 0,
        n if n <= single => 1,
        n => n.div_ceil(part),
    };
    SmsSegments {
        encoding,
        units,
        segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn normalizes_numbers_loosely() {
        assert_eq!(
            normalize_mobile("+86 138-0000-0000").unwrap(),
            "+8613800000000"
        );
        assert_eq!(
            normalize_mobile(" (021) 6123.4567 ").unwrap(),
            "02161234567"
        );
        assert_eq!(
            normalize_mobile("＋86\u{3000}13900000000").unwrap(),
            "+8613900000000"
        );
        assert_eq!(normalize_mobile(""), Err(MobileError::Empty));
        assert_eq!(
            normalize_mobile("138+0000"),
            Err(MobileError::BadCharacter('+'))
        );
        assert_eq!(
            normalize_mobile("138\r\n0000"),
            Err(MobileError::BadCharacter('\r'))
        );
        assert_eq!(
            normalize_mobile("13800000000&body=x"),
            Err(MobileError::BadCharacter('&'))
        );
        assert_eq!(normalize_mobile("1234"), Err(MobileError::BadLength(4)));
        assert_eq!(
            normalize_mobile("1234567890123456"),
            Err(MobileError::BadLength(16))
        );
    }

    #[test]
    fn mention_mobiles_strip_the_mainland_prefix() {
        let (ok, bad) = mention_mobiles(&s(&[
            "+86 138 0000 0000",
            "13800000000",
            "0086-139-0000-0000",
            "+1 415 555 0100",
            "@all",
        ]));
        assert_eq!(ok, ["13800000000", "13900000000", "+14155550100"]);
        assert_eq!(
            bad,
            vec![("@all".to_owned(), MobileError::BadCharacter('@'))]
        );
    }

    #[test]
    fn builds_an_rfc_5724_link() {
        let l = sms_link(
            &s(&["+86 138 0000 0000", "139-0000-0000", "bad?body=x"]),
            "您好，发票 #1 & 2 逾期 100%+\r\n谢谢",
        );
        assert_eq!(l.rejected.len(), 1);
        assert_eq!(
            l.url,
            "sms:+8613800000000,13900000000?body=%E6%82%A8%E5%A5%BD%EF%BC%8C%E5%8F%91%E7%A5%A8%20%231%20%26%202%20%E9%80%BE%E6%9C%9F%20100%25%2B%0A%E8%B0%A2%E8%B0%A2"
        );
        assert_eq!(sms_link(&s(&["13800000000"]), "").url, "sms:13800000000");
    }

    #[test]
    fn counts_segments() {
        assert_eq!(
            sms_segments(""),
            SmsSegments {
                encoding: SmsEncoding::Gsm7,
                units: 0,
                segments: 0
            }
        );
        let a160 = "a".repeat(160);
        assert_eq!(sms_segments(&a160).segments, 1);
        assert_eq!(sms_segments(&(a160 + "a")).segments, 2);
        assert_eq!(sms_segments("€").units, 2);
        let zh70 = "款".repeat(70);
        assert_eq!(
            sms_segments(&zh70),
            SmsSegments {
                encoding: SmsEncoding::Ucs2,
                units: 70,
                segments: 1
            }
        );
        assert_eq!(sms_segments(&(zh70 + "款")).segments, 2);
        assert_eq!(sms_segments("😀").units, 2);
        assert_eq!(sms_segments("a\r\nb").units, 3);
    }
}
