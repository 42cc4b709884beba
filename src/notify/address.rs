//! E-mail addresses and mailboxes, validated once so the builders can never emit a bad one.
//!
//! The check is deliberately practical rather than the full RFC 5322 grammar: one `@`, a
//! non-empty local part of printable ASCII without specials, and a dotted domain of letters,
//! digits and hyphens. Anything that could break a header or a URL (CR, LF, `<`, `>`, `,`,
//! `;`, quotes, spaces) is refused.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an address was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressError {
    Empty,
    /// A line break or other control character: a header-injection attempt or a paste error.
    ControlCharacter,
    /// A character that would end the address inside a header or a URL (`<>,;"` space …).
    ForbiddenCharacter(char),
    /// Internationalised addresses (SMTPUTF8) are not supported.
    NonAscii,
    MissingAt,
    MoreThanOneAt,
    BadLocalPart,
    BadDomain,
    TooLong,
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddressError::Empty => f.write_str("empty address"),
            AddressError::ControlCharacter => {
                f.write_str("address contains a line break or control character")
            }
            AddressError::ForbiddenCharacter(c) => write!(f, "address contains {c:?}"),
            AddressError::NonAscii => f.write_str("address contains non-ASCII characters"),
            AddressError::MissingAt => f.write_str("address has no @"),
            AddressError::MoreThanOneAt => f.write_str("address has more than one @"),
            AddressError::BadLocalPart => f.write_str("invalid or empty part before the @"),
            AddressError::BadDomain => f.write_str("invalid domain after the @"),
            AddressError::TooLong => f.write_str("address longer than 254 characters"),
        }
    }
}
impl std::error::Error for AddressError {}

/// Checks an address (surrounding spaces are trimmed) and returns it trimmed.
pub fn validate_address(raw: &str) -> Result<String, AddressError> {
    let a = raw.trim();
    if a.is_empty() {
        return Err(AddressError::Empty);
    }
    if a.chars().any(char::is_control) {
        return Err(AddressError::ControlCharacter);
    }
    if !a.is_ascii() {
        return Err(AddressError::NonAscii);
    }
    if let Some(c) = a.chars().find(|c| {
        matches!(
            c,
            '<' | '>' | ',' | ';' | ':' | '"' | '(' | ')' | '[' | ']' | '\\' | ' '
        )
    }) {
        return Err(AddressError::ForbiddenCharacter(c));
    }
    if a.len() > 254 {
        return Err(AddressError::TooLong);
    }
    let mut parts = a.split('@');
    let (local, domain) = match (parts.next(), parts.next(), parts.next()) {
        (Some(l), Some(d), None) => (l, d),
        (Some(_), None, _) => return Err(AddressError::MissingAt),
        _ => return Err(AddressError::MoreThanOneAt),
    };
    if local.is_empty() {
        return Err(AddressError::BadLocalPart);
    }
    if local.len() > 64 || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(AddressError::BadLocalPart);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let good_domain = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !good_domain {
        return Err(AddressError::BadDomain);
    }
    Ok(a.to_owned())
}

/// A display name (optional) and a validated address. Built only through [`Mailbox::new`],
/// so every `Mailbox` in the program holds an address that is safe to emit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mailbox {
    name: Option<String>,
    address: String,
}

impl Mailbox {
    /// Validates `address`; a blank `name` counts as none. The name may hold anything: the
    /// builders make it a single line and encode it.
    pub fn new(name: Option<&str>, address: &str) -> Result<Mailbox, AddressError> {
        let address = validate_address(address)?;
        let name = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        Ok(Mailbox { name, address })
    }

    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    pub fn address(&self) -> &str {
        &self.address
    }
}

impl<'de> Deserialize<'de> for Mailbox {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            name: Option<String>,
            address: String,
        }
        let raw = Raw::deserialize(d)?;
        Mailbox::new(raw.name.as_deref(), &raw.address).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        assert_eq!(
            validate_address(" ar@example.com ").unwrap(),
            "ar@example.com"
        );
        assert!(validate_address("zhang.san+ar@sub.example.com.cn").is_ok());
        assert!(validate_address("o'brien@example.ie").is_ok());
    }

    #[test]
    fn refuses_injection_and_junk() {
        use AddressError::*;
        assert_eq!(validate_address(""), Err(Empty));
        assert_eq!(
            validate_address("a@x.com\r\nBcc: evil@x.com"),
            Err(ControlCharacter)
        );
        assert_eq!(validate_address("a@x.com\nb"), Err(ControlCharacter));
        assert_eq!(
            validate_address("a@x.com,evil@x.com"),
            Err(ForbiddenCharacter(','))
        );
        assert_eq!(validate_address("<a@x.com>"), Err(ForbiddenCharacter('<')));
        assert_eq!(validate_address("a>b@x.com"), Err(ForbiddenCharacter('>')));
        assert_eq!(validate_address("a b@x.com"), Err(ForbiddenCharacter(' ')));
        assert_eq!(validate_address("张三@例子.com"), Err(NonAscii));
        assert_eq!(validate_address("ax.com"), Err(MissingAt));
        assert_eq!(validate_address("a@b@x.com"), Err(MoreThanOneAt));
        assert_eq!(validate_address("@x.com"), Err(BadLocalPart));
        assert_eq!(validate_address("a@localhost"), Err(BadDomain));
        assert_eq!(validate_address("a@-x.com"), Err(BadDomain));
        assert_eq!(validate_address("a@x..com"), Err(BadDomain));
        let long = format!("{}@x.com", "a".repeat(260));
        assert_eq!(validate_address(&long), Err(TooLong));
    }

    #[test]
    fn mailbox_is_only_built_valid() {
        let m = Mailbox::new(Some("  "), "a@x.com").unwrap();
        assert_eq!(m.name(), None);
        assert!(Mailbox::new(Some("客户"), "a@x.com\r\nBcc: e@x.com").is_err());
        let j = serde_json::to_string(&Mailbox::new(Some("张三"), "z@x.cn").unwrap()).unwrap();
        assert_eq!(
            serde_json::from_str::<Mailbox>(&j).unwrap().address(),
            "z@x.cn"
        );
        let bad = r#"{"name":null,"address":"a@x.com>"}"#;
        assert!(serde_json::from_str::<Mailbox>(bad).is_err());
    }
}
