//! `mailto:` links (RFC 6068) that open a ready reminder in the user's mail program.
//!
//! Every value is UTF-8 percent-encoded (space is `%20`, never `+`; `&?#%=+` are encoded),
//! body line breaks are CRLF (`%0D%0A`), the subject is one line (CR/LF become spaces), and
//! recipients are validated addresses separated by commas. Mail programs and browsers drop
//! or cut long links, so past [`MAILTO_MAX_LEN`] characters the body is shortened (at a line
//! break or a glyph boundary) with a note, and [`MailtoLink::truncated`] tells the caller to
//! put the full text on the clipboard.

use super::address::{validate_address, AddressError};
use super::text::{fit_with_note, normalize_newlines, percent_encode, percent_encode_with};
use super::text::{is_unreserved, percent_encoded_len, single_line};
use super::{truncation_note, Lang};

/// The longest link we hand to the browser: safe for Outlook, Windows' shell and the
/// common webmail handlers (which start failing around 2 000 characters).
pub const MAILTO_MAX_LEN: usize = 1800;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailtoLink {
    pub url: String,
    /// The body (or subject) was shortened: copy the full text to the clipboard.
    pub truncated: bool,
    /// Recipients left out because their address is invalid, with the reason.
    pub rejected: Vec<(String, AddressError)>,
}

/// A `mailto:` link for `to`/`cc`, `subject` and `body`, at most [`MAILTO_MAX_LEN`] long
/// (unless the recipients alone are longer).
pub fn mailto(to: &[String], cc: &[String], subject: &str, body: &str, lang: Lang) -> MailtoLink {
    mailto_with_limit(to, cc, subject, body, lang, MAILTO_MAX_LEN)
}

/// [`mailto`] with an explicit length limit.
pub fn mailto_with_limit(
    to: &[String],
    cc: &[String],
    subject: &str,
    body: &str,
    lang: Lang,
    max_len: usize,
) -> MailtoLink {
    let mut rejected = Vec::new();
    let to = encode_recipients(to, &mut rejected);
    let cc = encode_recipients(cc, &mut rejected);

    let mut head = format!("mailto:{to}");
    let mut sep = '?';
    if !cc.is_empty() {
        head.push(sep);
        head.push_str("cc=");
        head.push_str(&cc);
        sep = '&';
    }
    let subject = single_line(subject);
    let body = normalize_newlines(body, "\r\n");

    let subject_param = |s: &str, sep: char| {
        if s.is_empty() {
            String::new()
        } else {
            format!("{sep}subject={}", percent_encode(s))
        }
    };
    let full_subject = subject_param(&subject, sep);
    let body_sep = if full_subject.is_empty() { sep } else { '&' };
    let full_body = if body.is_empty() {
        String::new()
    } else {
        format!("{body_sep}body={}", percent_encode(&body))
    };
    if head.len() + full_subject.len() + full_body.len() <= max_len {
        return MailtoLink {
            url: head + &full_subject + &full_body,
            truncated: false,
            rejected,
        };
    }

    // Too long. The subject keeps at most half of the room (and always leaves room for the
    // note in the body); the body gets the rest.
    let note = truncation_note(lang);
    let note_cost: usize = note.chars().map(percent_encoded_len).sum();
    const BODY_KEY: usize = "&body=".len();
    let room = max_len.saturating_sub(head.len() + BODY_KEY);
    let subject_max = (room / 2)
        .max(room.saturating_sub(body_cost(&body)))
        .min(room.saturating_sub(note_cost));
    let subject_part = if full_subject.len() <= subject_max {
        full_subject
    } else {
        let key = "&subject=".len();
        let (short, _) = fit_with_note(
            &subject,
            subject_max.saturating_sub(key),
            "…",
            percent_encoded_len,
        );
        subject_param(&short, sep)
    };
    let body_sep = if subject_part.is_empty() { sep } else { '&' };
    let room = max_len.saturating_sub(head.len() + subject_part.len() + BODY_KEY);
    let (short_body, _) = fit_with_note(&body, room, note, percent_encoded_len);
    let mut url = head + &subject_part;
    if !short_body.is_empty() {
        url.push(body_sep);
        url.push_str("body=");
        url.push_str(&percent_encode(&short_body));
    }
    MailtoLink {
        url,
        truncated: true,
        rejected,
    }
}

fn body_cost(body: &str) -> usize {
    body.chars().map(percent_encoded_len).sum()
}

/// Valid addresses percent-encoded (`@` kept) and joined with commas; invalid ones go to
/// `rejected`.
fn encode_recipients(list: &[String], rejected: &mut Vec<(String, AddressError)>) -> String {
    let mut out = Vec::new();
    for raw in list {
        match validate_address(raw) {
            Ok(a) => out.push(percent_encode_with(&a, |b| is_unreserved(b) || b == b'@')),
            Err(e) => rejected.push((raw.clone(), e)),
        }
    }
    out.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn percent_decode(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    /// (to-part, [(key, decoded value)])
    fn parse(url: &str) -> (String, Vec<(String, String)>) {
        let rest = url.strip_prefix("mailto:").unwrap();
        let (to, query) = rest.split_once('?').unwrap_or((rest, ""));
        let params = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_owned(), percent_decode(v))
            })
            .collect();
        (percent_decode(to), params)
    }

    #[test]
    fn builds_an_encoded_link() {
        let l = mailto(
            &s(&["a@x.com", "b+ar@y.cn"]),
            &s(&["boss@x.com"]),
            "逾期提醒 #12 & 100% = ok?",
            "您好：\n请付款 ¥12,345.67 😀\r\n谢谢",
            Lang::Zh,
        );
        assert!(!l.truncated);
        assert!(l.rejected.is_empty());
        assert!(l
            .url
            .starts_with("mailto:a@x.com,b%2Bar@y.cn?cc=boss@x.com&subject="));
        assert!(l.url.contains("%20%2312%20%26%20100%25%20%3D%20ok%3F"));
        assert!(l.url.contains("%0D%0A"));
        assert!(!l.url.contains('+'));
        assert!(!l.url.contains(' '));
        let (to, params) = parse(&l.url);
        assert_eq!(to, "a@x.com,b+ar@y.cn");
        assert_eq!(
            params[1],
            ("subject".into(), "逾期提醒 #12 & 100% = ok?".into())
        );
        assert_eq!(params[2].1, "您好：\r\n请付款 ¥12,345.67 😀\r\n谢谢");
    }

    #[test]
    fn subject_cannot_inject_headers_and_bad_recipients_are_rejected() {
        let l = mailto(
            &s(&[
                "a@x.com\r\nBcc: evil@x.com",
                "ok@x.com",
                "a@x.com&bcc=evil@x.com",
            ]),
            &[],
            "客户\r\nBcc: evil@x.com",
            "",
            Lang::En,
        );
        assert_eq!(l.rejected.len(), 2);
        assert_eq!(l.rejected[0].1, AddressError::ControlCharacter);
        assert!(!l.url.to_lowercase().contains("bcc="));
        assert!(!l.url.contains("%0D") && !l.url.contains("%0A"));
        let (to, params) = parse(&l.url);
        assert_eq!(to, "ok@x.com");
        assert_eq!(
            params,
            vec![("subject".into(), "客户 Bcc: evil@x.com".into())]
        );
    }

    #[test]
    fn empty_parts_are_left_out() {
        assert_eq!(mailto(&[], &[], "", "", Lang::Zh).url, "mailto:");
        assert_eq!(
            mailto(&[], &[], "", "hi there", Lang::Zh).url,
            "mailto:?body=hi%20there"
        );
    }

    #[test]
    fn long_body_is_cut_under_1800_with_a_note() {
        let line = "发票 INV-0001 金额 ¥12,345.67 已逾期 30 天，请尽快安排付款。\n";
        let body = line.repeat(40);
        let l = mailto(&s(&["a@x.com"]), &[], "逾期提醒", &body, Lang::Zh);
        assert!(l.truncated);
        assert!(l.url.len() <= MAILTO_MAX_LEN, "{}", l.url.len());
        let (_, params) = parse(&l.url);
        let got = &params[1].1;
        assert!(got.ends_with(truncation_note(Lang::Zh)));
        // Cut at a line boundary: the kept text is whole lines.
        let kept = got.strip_suffix(truncation_note(Lang::Zh)).unwrap();
        assert!(kept.ends_with("\r\n"));
        assert!(normalize_newlines(&body, "\r\n").starts_with(kept));
        let en = mailto(&s(&["a@x.com"]), &[], "x", &body, Lang::En);
        assert!(parse(&en.url).1[1]
            .1
            .ends_with("(full text copied to the clipboard)"));
    }

    #[test]
    fn long_subject_is_shortened_too() {
        let subject = "很长的主题".repeat(200);
        let l = mailto(&s(&["a@x.com"]), &[], &subject, "正文", Lang::Zh);
        assert!(l.truncated);
        assert!(l.url.len() <= MAILTO_MAX_LEN);
        let (_, params) = parse(&l.url);
        assert!(params[0].1.ends_with('…'));
        assert!(subject.starts_with(params[0].1.trim_end_matches('…')));
        // The short body still fits whole once the subject is shortened.
        assert_eq!(params[1].1, "正文");
        // No body at all: only the subject is shortened, no empty `body=`.
        let l = mailto(&[], &[], &subject, "", Lang::Zh);
        assert!(l.truncated && !l.url.contains("body="));
        // Both too long: both shortened, each to about half, the body with the note.
        let l = mailto(&s(&["a@x.com"]), &[], &subject, &subject, Lang::Zh);
        assert!(l.url.len() <= MAILTO_MAX_LEN);
        let (_, params) = parse(&l.url);
        assert!(params[1].1.ends_with(truncation_note(Lang::Zh)));
        let half = MAILTO_MAX_LEN / 2;
        assert!(percent_encode(&params[0].1).len() <= half);
        assert!(percent_encode(&params[1].1).len() > half - 100);
    }

    #[test]
    fn a_link_exactly_at_the_limit_is_not_cut() {
        let head = "mailto:?body=".len();
        let body = "a".repeat(MAILTO_MAX_LEN - head);
        let l = mailto(&[], &[], "", &body, Lang::En);
        assert!(!l.truncated);
        assert_eq!(l.url.len(), MAILTO_MAX_LEN);
        let l = mailto(&[], &[], "", &(body + "b"), Lang::En);
        assert!(l.truncated);
        assert!(l.url.len() <= MAILTO_MAX_LEN);
    }

    proptest! {
        #[test]
        fn url_is_ascii_without_line_breaks_and_within_limit(
            subject in "\\PC{0,300}|[\r\n a-z&#%=+?]{0,300}",
            body in "(\\PC|[\r\n]){0,1500}",
            n_to in 0usize..4,
            limit in 200usize..2500,
        ) {
            let to: Vec<String> = (0..n_to).map(|i| format!("user{i}@example.com")).collect();
            let l = mailto_with_limit(&to, &[], &subject, &body, Lang::Zh, limit);
            prop_assert!(l.url.is_ascii());
            prop_assert!(!l.url.contains('\r') && !l.url.contains('\n') && !l.url.contains(' '));
            prop_assert!(l.url.len() <= limit, "len {} > {}", l.url.len(), limit);
            let (_, params) = parse(&l.url);
            for (k, v) in &params {
                if k == "subject" {
                    prop_assert!(!v.contains('\r') && !v.contains('\n'));
                }
                if k == "body" && !l.truncated {
                    prop_assert_eq!(v, &normalize_newlines(&body, "\r\n"));
                }
            }
        }
    }
}
