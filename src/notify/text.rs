//! Small text tools shared by the builders: percent-encoding, line-break normalisation,
//! cutting text to a budget without splitting a character (or an emoji sequence), HMAC.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// RFC 3986 unreserved characters: the only bytes never percent-encoded in values.
pub fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes every byte of `s` (as UTF-8) except those `keep` accepts. Uppercase hex,
/// space as `%20` (never `+`).
pub fn percent_encode_with(s: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if keep(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(hex_digit(b >> 4));
            out.push(hex_digit(b & 0xF));
        }
    }
    out
}

/// Percent-encodes a URL component: everything but the unreserved characters.
pub fn percent_encode(s: &str) -> String {
    percent_encode_with(s, is_unreserved)
}

/// How many characters `c` takes once percent-encoded as a URL component.
pub fn percent_encoded_len(c: char) -> usize {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf)
        .bytes()
        .map(|b| if is_unreserved(b) { 1 } else { 3 })
        .sum()
}

fn hex_digit(n: u8) -> char {
    char::from(b"0123456789ABCDEF"[usize::from(n & 0xF)])
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(b & 0xF)]));
    }
    out
}

/// Every line break (`\r\n`, lone `\r`, lone `\n`) replaced by `eol`.
pub fn normalize_newlines(s: &str, eol: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str(eol);
            }
            '\n' => out.push_str(eol),
            _ => out.push(c),
        }
    }
    out
}

/// One line of text: every run of control characters (CR, LF, tab, NUL, U+2028…) becomes a
/// single space, and the ends are trimmed. Used for subjects, titles and display names.
pub fn single_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// Characters that belong to the character before them: cutting before one would split a
/// glyph (combining marks, variation selectors, ZWJ, skin tones, emoji tag characters).
fn extends_previous(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{200D}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Byte offsets in `s` where a cut keeps every glyph whole (0 and `s.len()` included),
/// each with the cost of the prefix before it.
fn safe_cuts(s: &str, cost: &impl Fn(char) -> usize) -> Vec<(usize, usize)> {
    let mut cuts = vec![(0, 0)];
    let mut total = 0usize;
    let mut ri_run = 0usize;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        total += cost(c);
        ri_run = if is_regional_indicator(c) {
            ri_run + 1
        } else {
            0
        };
        let end = i + c.len_utf8();
        let splits_glyph = match chars.peek() {
            None => false,
            Some(&(_, n)) => {
                extends_previous(n)
                    || c == '\u{200D}'
                    || (is_regional_indicator(n) && ri_run % 2 == 1)
                    || (c == '\r' && n == '\n')
            }
        };
        if !splits_glyph {
            cuts.push((end, total));
        }
    }
    cuts
}

/// Fits `text` into `budget` cost units, where `cost` prices each character (bytes,
/// percent-encoded length, …). Text that fits is returned unchanged with `false`. Otherwise
/// it is cut — at a line break if one lies in the last third of what fits, else at a glyph
/// boundary — and `note` is appended (its cost counted), with `true`. If not even the note
/// fits, as much of the note as fits is returned.
pub fn fit_with_note(
    text: &str,
    budget: usize,
    note: &str,
    cost: impl Fn(char) -> usize,
) -> (String, bool) {
    let total: usize = text.chars().map(&cost).sum();
    if total <= budget {
        return (text.to_owned(), false);
    }
    let note_cost: usize = note.chars().map(&cost).sum();
    if note_cost > budget {
        let cuts = safe_cuts(note, &cost);
        let end = cuts
            .iter()
            .rev()
            .find(|&&(_, c)| c <= budget)
            .map_or(0, |&(e, _)| e);
        return (note[..end].to_owned(), true);
    }
    let room = budget - note_cost;
    let cuts = safe_cuts(text, &cost);
    let (mut end, used) = cuts
        .iter()
        .rev()
        .find(|&&(_, c)| c <= room)
        .copied()
        .unwrap_or((0, 0));
    // Prefer ending on a whole line when that loses at most a third of what fits.
    if let Some(nl) = text[..end].rfind('\n') {
        let line_end = nl + 1;
        let line_cost: usize = text[..line_end].chars().map(&cost).sum();
        if line_cost * 3 >= used * 2 {
            end = line_end;
        }
    }
    let mut out = String::with_capacity(end + note.len());
    out.push_str(&text[..end]);
    out.push_str(note);
    (out, true)
}

/// The longest prefix of `s` of at most `max_bytes` UTF-8 bytes that keeps glyphs whole.
pub fn cut_to_bytes(s: &str, max_bytes: usize) -> &str {
    if s.len() <= max_bytes {
        return s;
    }
    let cuts = safe_cuts(s, &|c: char| c.len_utf8());
    let end = cuts
        .iter()
        .rev()
        .find(|&&(e, _)| e <= max_bytes)
        .map_or(0, |&(e, _)| e);
    &s[..end]
}

/// `url` without the query parameters named in `names` (fragment kept). Used to re-sign a
/// webhook URL that already carries an old `timestamp`/`sign`, and to key rate limits.
pub fn strip_query_params(url: &str, names: &[&str]) -> String {
    let (main, fragment) = match url.split_once('#') {
        Some((m, f)) => (m, Some(f)),
        None => (url, None),
    };
    let mut out = match main.split_once('?') {
        None => main.to_owned(),
        Some((base, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|p| {
                    let key = p.split('=').next().unwrap_or("");
                    !p.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(key))
                })
                .collect();
            if kept.is_empty() {
                base.to_owned()
            } else {
                format!("{base}?{}", kept.join("&"))
            }
        }
    };
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Appends `key=value` (both already encoded) with `?` or `&` as needed, before any
/// fragment.
pub fn append_query_param(url: &str, key: &str, value: &str) -> String {
    let (main, fragment) = match url.split_once('#') {
        Some((m, f)) => (m, Some(f)),
        None => (url, None),
    };
    let sep = if !main.contains('?') {
        "?"
    } else if main.ends_with('?') || main.ends_with('&') {
        ""
    } else {
        "&"
    };
    let mut out = format!("{main}{sep}{key}={value}");
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Standard base64 (with padding).
pub fn base64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Standard base64 split into lines of at most `width` characters, each ended by CRLF.
pub fn base64_lines(bytes: &[u8], width: usize) -> String {
    let encoded = base64(bytes);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / width * 2 + 2);
    for chunk in encoded.as_bytes().chunks(width.max(4)) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        out.push_str("\r\n");
    }
    out
}

/// HMAC-SHA256 of `msg` under `key`.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encodes_reserved_and_unicode() {
        assert_eq!(
            percent_encode("a b+c&d=e?f#g%h"),
            "a%20b%2Bc%26d%3De%3Ff%23g%25h"
        );
        assert_eq!(percent_encode("回款"), "%E5%9B%9E%E6%AC%BE");
        assert_eq!(percent_encode("😀"), "%F0%9F%98%80");
        assert_eq!(percent_encode("\r\n"), "%0D%0A");
        assert_eq!(percent_encode("A-z_0.9~"), "A-z_0.9~");
        for c in ['a', ' ', '回', '😀', '%'] {
            assert_eq!(percent_encoded_len(c), percent_encode(&c.to_string()).len());
        }
    }

    #[test]
    fn normalizes_every_kind_of_line_break() {
        assert_eq!(
            normalize_newlines("a\nb\r\nc\rd\r\r\n", "\r\n"),
            "a\r\nb\r\nc\r\nd\r\n\r\n"
        );
        assert_eq!(normalize_newlines("a\r\nb", "\n"), "a\nb");
    }

    #[test]
    fn single_line_collapses_controls() {
        assert_eq!(single_line(" 客户\r\nBcc: x "), "客户 Bcc: x");
        assert_eq!(single_line("a\t\u{0}\u{2028}b"), "a b");
        assert_eq!(single_line("\r\n"), "");
    }

    #[test]
    fn cuts_keep_glyphs_whole() {
        assert_eq!(cut_to_bytes("回款", 5), "回");
        assert_eq!(cut_to_bytes("ab", 5), "ab");
        // Family emoji: man ZWJ woman ZWJ girl — never split inside.
        let family = "a👨\u{200D}👩\u{200D}👧";
        assert_eq!(cut_to_bytes(family, 12), "a");
        assert_eq!(cut_to_bytes(family, family.len()), family);
        // Thumbs up + skin tone.
        assert_eq!(cut_to_bytes("👍🏽", 4), "");
        // Flag of China is two regional indicators.
        assert_eq!(cut_to_bytes("🇨🇳🇺🇸", 12), "🇨🇳");
        // é as e + combining acute.
        assert_eq!(cut_to_bytes("ae\u{301}", 2), "a");
    }

    #[test]
    fn fit_with_note_prefers_line_breaks() {
        let text = "line one\nline two\nline three is long";
        let (out, cut) = fit_with_note(text, 24, "…", |c| c.len_utf8());
        assert!(cut);
        assert_eq!(out, "line one\nline two\n…");
        let (same, cut) = fit_with_note("short", 24, "…", |c| c.len_utf8());
        assert_eq!((same.as_str(), cut), ("short", false));
        // No line break near the end: cut mid-line.
        let (out, _) = fit_with_note("ab\ncdefghijklmnop", 12, "…", |c| c.len_utf8());
        assert_eq!(out, "ab\ncdefgh…");
        // The note alone does not fit: as much note as fits.
        let (out, cut) = fit_with_note("abcdef", 2, "xyz", |c| c.len_utf8());
        assert_eq!((out.as_str(), cut), ("xy", true));
    }

    #[test]
    fn query_params_are_stripped_and_appended() {
        let u = "https://x.com/send?access_token=T&timestamp=1&sign=abc#f";
        assert_eq!(
            strip_query_params(u, &["timestamp", "SIGN"]),
            "https://x.com/send?access_token=T#f"
        );
        assert_eq!(
            strip_query_params("https://x.com/a?sign=1", &["sign"]),
            "https://x.com/a"
        );
        assert_eq!(
            strip_query_params("https://x.com/a", &["sign"]),
            "https://x.com/a"
        );
        assert_eq!(
            append_query_param("https://x.com/a", "k", "v"),
            "https://x.com/a?k=v"
        );
        assert_eq!(
            append_query_param("https://x.com/a?t=1#f", "k", "v"),
            "https://x.com/a?t=1&k=v#f"
        );
        assert_eq!(
            append_query_param("https://x.com/a?", "k", "v"),
            "https://x.com/a?k=v"
        );
    }

    #[test]
    fn base64_lines_are_76_wide_with_crlf() {
        let data = vec![0xABu8; 200];
        let lines = base64_lines(&data, 76);
        for line in lines.split_terminator("\r\n") {
            assert!(line.len() <= 76);
        }
        assert!(lines.ends_with("\r\n"));
        let joined: String = lines.split("\r\n").collect();
        assert_eq!(STANDARD.decode(joined).unwrap(), data);
    }

    proptest::proptest! {
        #[test]
        fn fit_with_note_respects_the_budget(
            text in "(\\PC|[\r\n])*",
            budget in 0usize..200,
        ) {
            let note = "……（全文）";
            let cost = |c: char| percent_encoded_len(c);
            let (out, cut) = fit_with_note(&text, budget, note, cost);
            let out_cost: usize = out.chars().map(cost).sum();
            proptest::prop_assert!(out_cost <= budget);
            if cut {
                let note_cost: usize = note.chars().map(cost).sum();
                if note_cost <= budget {
                    let kept = out.strip_suffix(note).unwrap();
                    proptest::prop_assert!(text.starts_with(kept));
                }
            } else {
                proptest::prop_assert_eq!(out, text);
            }
        }
    }

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
