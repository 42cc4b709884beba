//! `.eml` drafts (RFC 5322 + MIME): a file the user double-clicks to get a ready reminder in
//! Outlook (`X-Unsent: 1` opens it as an unsent draft), Thunderbird or Apple Mail.
//!
//! Non-ASCII subjects and display names become RFC 2047 encoded-words (`=?UTF-8?B?…?=`),
//! each at most 64 characters and holding whole characters, folded onto continuation lines
//! so no line passes 76 characters (except one holding a very long address). The body is
//! UTF-8, CRLF, base64 in lines of 76. Addresses come as [`Mailbox`]es, which are validated
//! when built, and every text value is made a single line first: no data can start a new
//! header line.

use super::address::Mailbox;
use super::text::{base64, base64_lines, hex, normalize_newlines, single_line};
use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

/// Longest header line we fold to (RFC 2047 §2 asks for 76 when encoded-words are present).
const MAX_LINE: usize = 76;
/// Raw bytes per encoded-word: 39 bytes → 52 base64 chars → a 64-char word, so even
/// `Subject: ` plus one word stays within 76.
const WORD_BYTES: usize = 39;
/// Longer plain words in a display name are encoded instead, so they can be folded.
const PLAIN_WORD_MAX: usize = 40;

/// The whole `.eml` text (CRLF line ends). `date` is the draft's `Date:` (the caller reads
/// the clock); `message_id_seed` (e.g. the reminder's id) and the date make the
/// `Message-ID` deterministic. `From` is left out when `from` is `None` (the mail program
/// fills in the account), `To`/`Cc` when empty.
pub fn eml(
    from: Option<&Mailbox>,
    to: &[Mailbox],
    cc: &[Mailbox],
    subject: &str,
    body: &str,
    date: DateTime<FixedOffset>,
    message_id_seed: &str,
) -> String {
    let date = date.to_rfc2822();
    let mut out = String::new();
    out.push_str(&fold("Date", std::slice::from_ref(&date)));
    if let Some(f) = from {
        out.push_str(&fold("From", &mailbox_list_tokens(std::slice::from_ref(f))));
    }
    if !to.is_empty() {
        out.push_str(&fold("To", &mailbox_list_tokens(to)));
    }
    if !cc.is_empty() {
        out.push_str(&fold("Cc", &mailbox_list_tokens(cc)));
    }
    out.push_str(&fold("Subject", &subject_tokens(subject)));
    out.push_str(&fold("Message-ID", &[message_id(message_id_seed, &date)]));
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str("Content-Type: text/plain; charset=UTF-8\r\n");
    out.push_str("Content-Transfer-Encoding: base64\r\n");
    out.push_str("X-Unsent: 1\r\n");
    out.push_str("\r\n");
    out.push_str(&base64_lines(
        normalize_newlines(body, "\r\n").as_bytes(),
        76,
    ));
    out
}

/// A file name for the draft: the subject without characters Windows or macOS refuse,
/// at most 80 characters, ending in `.eml`.
pub fn eml_file_name(subject: &str) -> String {
    let clean: String = single_line(subject)
        .chars()
        .filter(|c| !matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .take(80)
        .collect();
    let clean = clean.trim().trim_matches('.').trim();
    if clean.is_empty() {
        "reminder.eml".to_owned()
    } else {
        format!("{clean}.eml")
    }
}

/// `<32 hex digits@ar-sentinel.local>` from the seed and the date.
fn message_id(seed: &str, date: &str) -> String {
    let digest = Sha256::digest(format!("{seed}\n{date}").as_bytes());
    format!("<{}@ar-sentinel.local>", &hex(&digest)[..32])
}

/// `name: token token…`, folded with CRLF + space before a token that would pass the line
/// limit. Tokens never contain CR or LF.
fn fold(name: &str, tokens: &[String]) -> String {
    let mut out = format!("{name}:");
    let mut line_len = out.len();
    for t in tokens {
        debug_assert!(!t.contains(['\r', '\n']));
        if line_len + 1 + t.len() > MAX_LINE && line_len > name.len() + 1 {
            out.push_str("\r\n ");
            line_len = 1;
        } else {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(t);
        line_len += t.len();
    }
    out.push_str("\r\n");
    out
}

/// `text` as encoded-words of whole characters, each at most [`WORD_BYTES`] raw bytes.
pub fn encoded_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if i + c.len_utf8() - start > WORD_BYTES {
            words.push(encode_word(&text[start..end]));
            start = i;
        }
        end = i + c.len_utf8();
    }
    if end > start {
        words.push(encode_word(&text[start..end]));
    }
    words
}

fn encode_word(chunk: &str) -> String {
    format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes()))
}

fn subject_tokens(subject: &str) -> Vec<String> {
    let s = single_line(subject);
    if s.is_empty() {
        return Vec::new();
    }
    let plain = s.bytes().all(|b| (0x20..0x7F).contains(&b))
        && !s.contains("=?")
        && "Subject: ".len() + s.len() <= MAX_LINE;
    if plain {
        vec![s]
    } else {
        encoded_words(&s)
    }
}

/// Characters a display name may show as-is (RFC 5322 atext minus `=` and `?`, so nothing
/// can look like an encoded-word), plus spaces between words.
fn plain_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || " !#$%&'*+-/^_`{|}~".contains(c)
}

fn mailbox_list_tokens(list: &[Mailbox]) -> Vec<String> {
    let mut tokens = Vec::new();
    for (i, m) in list.iter().enumerate() {
        let comma = if i + 1 < list.len() { "," } else { "" };
        let name = m.name().map(single_line).unwrap_or_default();
        if name.is_empty() {
            tokens.push(format!("{}{comma}", m.address()));
            continue;
        }
        let plain = name.chars().all(plain_name_char)
            && name.split_whitespace().all(|w| w.len() <= PLAIN_WORD_MAX);
        if plain {
            tokens.extend(name.split_whitespace().map(str::to_owned));
        } else {
            tokens.extend(encoded_words(&name));
        }
        tokens.push(format!("<{}>{comma}", m.address()));
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use proptest::prelude::*;

    fn date() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2025-03-01T09:30:00+08:00").unwrap()
    }

    fn mb(name: Option<&str>, addr: &str) -> Mailbox {
        Mailbox::new(name, addr).unwrap()
    }

    /// Header section as (name, unfolded value) pairs, and the body text.
    fn split(eml: &str) -> (Vec<(String, String)>, String) {
        let (head, body) = eml.split_once("\r\n\r\n").unwrap();
        let unfolded = head.replace("\r\n ", " ");
        let headers = unfolded
            .split("\r\n")
            .map(|l| {
                let (k, v) = l.split_once(':').unwrap();
                (k.to_owned(), v.strip_prefix(' ').unwrap_or(v).to_owned())
            })
            .collect();
        let b64: String = body.split("\r\n").collect();
        let body = String::from_utf8(STANDARD.decode(b64).unwrap()).unwrap();
        (headers, body)
    }

    /// RFC 2047 decoding of our own output: encoded-words (whitespace between adjacent words
    /// dropped), other tokens kept with their spaces.
    fn decode(value: &str) -> String {
        let mut out = String::new();
        let mut prev_encoded = false;
        for (i, tok) in value.split(' ').enumerate() {
            let word = tok
                .strip_prefix("=?UTF-8?B?")
                .and_then(|t| t.strip_suffix("?="));
            match word {
                Some(b) => {
                    if i > 0 && !prev_encoded {
                        out.push(' ');
                    }
                    let bytes = STANDARD.decode(b).unwrap();
                    // Every word holds whole characters on its own.
                    out.push_str(std::str::from_utf8(&bytes).unwrap());
                    prev_encoded = true;
                }
                None => {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(tok);
                    prev_encoded = false;
                }
            }
        }
        out
    }

    fn get<'a>(h: &'a [(String, String)], k: &str) -> Option<&'a str> {
        h.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }

    #[test]
    fn writes_a_complete_draft() {
        let e = eml(
            Some(&mb(Some("应收会计 王芳"), "ar@seller.cn")),
            &[mb(Some("Li Lei"), "li@buyer.com"), mb(None, "ap@buyer.com")],
            &[mb(Some("销售 张三"), "zhang@seller.cn")],
            "【逾期提醒】发票 INV-001 已逾期 30 天",
            "您好：\n发票 INV-001 金额 ¥12,345.67 已逾期。\n谢谢 😀",
            date(),
            "reminder-42",
        );
        let (h, body) = split(&e);
        let names: Vec<&str> = h.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "Date",
                "From",
                "To",
                "Cc",
                "Subject",
                "Message-ID",
                "MIME-Version",
                "Content-Type",
                "Content-Transfer-Encoding",
                "X-Unsent"
            ]
        );
        assert_eq!(get(&h, "Date"), Some("Sat, 1 Mar 2025 09:30:00 +0800"));
        assert_eq!(
            decode(get(&h, "From").unwrap()),
            "应收会计 王芳 <ar@seller.cn>"
        );
        assert_eq!(get(&h, "To"), Some("Li Lei <li@buyer.com>, ap@buyer.com"));
        assert_eq!(
            decode(get(&h, "Cc").unwrap()),
            "销售 张三 <zhang@seller.cn>"
        );
        assert_eq!(
            decode(get(&h, "Subject").unwrap()),
            "【逾期提醒】发票 INV-001 已逾期 30 天"
        );
        assert_eq!(get(&h, "Content-Type"), Some("text/plain; charset=UTF-8"));
        assert_eq!(get(&h, "X-Unsent"), Some("1"));
        assert_eq!(
            body,
            "您好：\r\n发票 INV-001 金额 ¥12,345.67 已逾期。\r\n谢谢 😀"
        );
        let id = get(&h, "Message-ID").unwrap();
        assert!(
            id.starts_with('<') && id.ends_with("@ar-sentinel.local>"),
            "{id}"
        );
        // Deterministic for the same seed and date, different for another seed.
        let again = eml(None, &[], &[], "s", "b", date(), "reminder-42");
        let other = eml(None, &[], &[], "s", "b", date(), "reminder-43");
        assert_eq!(get(&split(&again).0, "Message-ID"), Some(id));
        assert_ne!(get(&split(&other).0, "Message-ID"), Some(id));
    }

    #[test]
    fn ascii_subject_stays_plain_and_empty_lists_are_omitted() {
        let e = eml(None, &[], &[], "Overdue invoice INV-001", "Hi", date(), "x");
        let (h, _) = split(&e);
        assert_eq!(get(&h, "Subject"), Some("Overdue invoice INV-001"));
        assert!(get(&h, "From").is_none() && get(&h, "To").is_none() && get(&h, "Cc").is_none());
        // Something that looks like an encoded-word is encoded, not passed through.
        let e = eml(None, &[], &[], "=?UTF-8?B?5a6i?=", "", date(), "x");
        assert_eq!(
            decode(get(&split(&e).0, "Subject").unwrap()),
            "=?UTF-8?B?5a6i?="
        );
    }

    #[test]
    fn long_subjects_fold_into_short_whole_character_words() {
        let subject = "回款提醒😀".repeat(30) + "end";
        let e = eml(None, &[], &[], &subject, "", date(), "x");
        let head = e.split("\r\n\r\n").next().unwrap();
        for line in head.split("\r\n") {
            assert!(line.len() <= 76, "{line}");
        }
        let (h, _) = split(&e);
        let value = get(&h, "Subject").unwrap();
        for w in value.split(' ') {
            assert!(w.len() <= 75, "{w}");
        }
        assert_eq!(decode(value), subject);
    }

    #[test]
    fn header_injection_through_names_and_subject_is_impossible() {
        let evil = "客户\r\nBcc: evil@x.com";
        let e = eml(
            Some(&mb(Some("Boss\r\nBcc: evil@x.com"), "boss@x.com")),
            &[mb(Some(evil), "a@x.com")],
            &[],
            evil,
            "body\r\nBcc: evil@x.com",
            date(),
            "seed\r\nBcc: evil@x.com",
        );
        let head = e.split("\r\n\r\n").next().unwrap();
        for line in head.split("\r\n") {
            assert!(!line.to_ascii_lowercase().starts_with("bcc"), "{line}");
        }
        assert!(!head.to_ascii_lowercase().contains("bcc: evil"));
        let (h, body) = split(&e);
        assert!(get(&h, "Bcc").is_none());
        assert_eq!(decode(get(&h, "Subject").unwrap()), "客户 Bcc: evil@x.com");
        assert_eq!(
            decode(get(&h, "To").unwrap()),
            "客户 Bcc: evil@x.com <a@x.com>"
        );
        assert_eq!(
            decode(get(&h, "From").unwrap()),
            "Boss Bcc: evil@x.com <boss@x.com>"
        );
        // In the body it is just text (inside base64).
        assert_eq!(body, "body\r\nBcc: evil@x.com");
        // An address with a line break cannot even become a Mailbox.
        assert!(Mailbox::new(None, "a@x.com\r\nBcc: evil@x.com").is_err());
    }

    #[test]
    fn encoded_words_split_on_char_boundaries() {
        let words = encoded_words("一二三四五六七八九十一二三四"); // 14 × 3 bytes = 42
        assert_eq!(words.len(), 2);
        for w in &words {
            let b = w
                .strip_prefix("=?UTF-8?B?")
                .unwrap()
                .strip_suffix("?=")
                .unwrap();
            assert!(std::str::from_utf8(&STANDARD.decode(b).unwrap()).is_ok());
        }
        assert!(encoded_words("").is_empty());
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(eml_file_name("逾期: INV/001?"), "逾期 INV001.eml");
        assert_eq!(eml_file_name("..."), "reminder.eml");
        assert_eq!(eml_file_name("a\r\nb"), "a b.eml");
    }

    proptest! {
        #[test]
        fn no_line_break_from_data_reaches_a_header(
            name in "(\\PC|[\r\n:<>,])*",
            subject in "(\\PC|[\r\n:])*",
            seed in "(\\PC|[\r\n])*",
        ) {
            let e = eml(
                Some(&mb(Some(&name), "from@x.com")),
                &[mb(Some(&name), "a@x.com"), mb(None, "b@x.com")],
                &[mb(Some(&subject), "c@x.com")],
                &subject,
                &name,
                date(),
                &seed,
            );
            // Only CRLF pairs, never a lone CR or LF.
            prop_assert!(!e.replace("\r\n", "").contains(['\r', '\n']));
            let head = e.split("\r\n\r\n").next().unwrap();
            let allowed = ["Date:", "From:", "To:", "Cc:", "Subject:", "Message-ID:",
                "MIME-Version:", "Content-Type:", "Content-Transfer-Encoding:", "X-Unsent:"];
            let mut seen = Vec::new();
            for line in head.split("\r\n") {
                prop_assert!(line.is_ascii());
                prop_assert!(line.len() <= 76, "{}", line);
                if !line.starts_with(' ') {
                    let n = allowed.iter().find(|a| line.starts_with(*a));
                    prop_assert!(n.is_some(), "unexpected header line {:?}", line);
                    seen.push(*n.unwrap());
                }
            }
            prop_assert_eq!(seen, allowed.to_vec());
            let (h, body) = split(&e);
            prop_assert_eq!(decode(get(&h, "Subject").unwrap_or("")), single_line(&subject));
            prop_assert_eq!(body, normalize_newlines(&name, "\r\n"));
        }
    }
}
