//! Message templates: text with placeholders, parsed once into segments, rendered many times.
//!
//! Syntax:
//! - A placeholder is a name in square brackets (the Chinese names, `[客户名]`) or in braces
//!   (the English names, `{customer}`); both forms work in templates of either language.
//!   English names and `[N]` are matched ignoring ASCII case (`{Customer}`, `[n]`).
//! - `[[` is a literal `[` and `{{` a literal `{`. Closing brackets need no escape: a lone
//!   `]` or `}` is plain text. The full-width brackets `【】` are always plain text.
//! - An opening bracket starts a placeholder that must close on the same line; an unknown
//!   name or a missing closing bracket is a [`TemplateError`], never a silent blank.
//!
//! Rendering inserts data verbatim: escaping for HTML, Markdown or JSON is the channel's job
//! (`notify`).

mod render;
#[cfg(test)]
mod tests;

pub use render::{DetailLine, MessageFields};

use serde::{Deserialize, Serialize};
use std::fmt;

/// The language of a message. Chinese is the default.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// A value a template can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placeholder {
    /// `[客户名]` / `{customer}`: the customer's name (its code when the name is unknown).
    Customer,
    /// `[订单号]` / `{order}`: the order number, else the invoice number.
    Order,
    /// `[发票号]` / `{invoice}`.
    Invoice,
    /// `[N]` / `[逾期天数]` / `{days}`: days overdue (the most of a consolidated message's
    /// invoices); zero or negative before the due date.
    Days,
    /// `[金额]` / `{amount}`: the outstanding amount of the invoice(s) in the message.
    Amount,
    /// `[未收总额]` / `{outstanding_total}`: everything the customer owes in that currency.
    OutstandingTotal,
    /// `[到期日]` / `{due_date}`: the due date (the earliest, when several), `YYYY-MM-DD`.
    DueDate,
    /// `[币别]` / `{currency}`: the ISO code, e.g. `CNY`.
    Currency,
    /// `[业务员]` / `{salesperson}`.
    Salesperson,
    /// `[公司名]` / `{company}`: our own company name, from the settings.
    Company,
    /// `[明细]` / `{details}`: one line per invoice (for consolidated messages).
    Details,
}

impl Placeholder {
    pub const ALL: [Placeholder; 11] = [
        Placeholder::Customer,
        Placeholder::Order,
        Placeholder::Invoice,
        Placeholder::Days,
        Placeholder::Amount,
        Placeholder::OutstandingTotal,
        Placeholder::DueDate,
        Placeholder::Currency,
        Placeholder::Salesperson,
        Placeholder::Company,
        Placeholder::Details,
    ];

    /// The Chinese spelling, brackets included (the one an editor inserts).
    pub fn zh(self) -> &'static str {
        match self {
            Placeholder::Customer => "[客户名]",
            Placeholder::Order => "[订单号]",
            Placeholder::Invoice => "[发票号]",
            Placeholder::Days => "[逾期天数]",
            Placeholder::Amount => "[金额]",
            Placeholder::OutstandingTotal => "[未收总额]",
            Placeholder::DueDate => "[到期日]",
            Placeholder::Currency => "[币别]",
            Placeholder::Salesperson => "[业务员]",
            Placeholder::Company => "[公司名]",
            Placeholder::Details => "[明细]",
        }
    }

    /// The English spelling, braces included.
    pub fn en(self) -> &'static str {
        match self {
            Placeholder::Customer => "{customer}",
            Placeholder::Order => "{order}",
            Placeholder::Invoice => "{invoice}",
            Placeholder::Days => "{days}",
            Placeholder::Amount => "{amount}",
            Placeholder::OutstandingTotal => "{outstanding_total}",
            Placeholder::DueDate => "{due_date}",
            Placeholder::Currency => "{currency}",
            Placeholder::Salesperson => "{salesperson}",
            Placeholder::Company => "{company}",
            Placeholder::Details => "{details}",
        }
    }

    /// The placeholder named `name` inside `[…]`.
    fn from_bracket_name(name: &str) -> Option<Placeholder> {
        if name.eq_ignore_ascii_case("n") {
            return Some(Placeholder::Days);
        }
        Placeholder::ALL
            .into_iter()
            .find(|p| p.zh().get(1..p.zh().len() - 1) == Some(name))
    }

    /// The placeholder named `name` inside `{…}`.
    fn from_brace_name(name: &str) -> Option<Placeholder> {
        Placeholder::ALL.into_iter().find(|p| {
            let en = p.en();
            en[1..en.len() - 1].eq_ignore_ascii_case(name)
        })
    }
}

/// A piece of a parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Field(Placeholder),
}

/// Why a template was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateErrorReason {
    /// A bracketed name that is not a placeholder.
    Unknown,
    /// An opening bracket with no closing one on the same line.
    Unclosed,
}

/// A template that cannot be used, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateError {
    /// Characters (Unicode scalar values, not bytes) before the opening bracket.
    pub position: usize,
    /// The offending text, brackets included (for `Unclosed`: up to the end of the line).
    pub placeholder: String,
    pub reason: TemplateErrorReason,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            TemplateErrorReason::Unknown => write!(
                f,
                "unknown placeholder {} at character {}",
                self.placeholder, self.position
            ),
            TemplateErrorReason::Unclosed => write!(
                f,
                "placeholder {} at character {} is not closed",
                self.placeholder, self.position
            ),
        }
    }
}
impl std::error::Error for TemplateError {}

/// A parsed template. Parse once (per evaluation), render per message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    segments: Vec<Segment>,
}

impl Template {
    /// Splits `text` into literal text and placeholders; see the module docs for the syntax.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut segments = Vec::new();
        let mut literal = String::new();
        // (byte offset, char offset) of every char, so errors report char positions.
        let mut chars = text.char_indices().enumerate().peekable();
        while let Some((char_pos, (byte, c))) = chars.next() {
            let close = match c {
                '[' => ']',
                '{' => '}',
                _ => {
                    literal.push(c);
                    continue;
                }
            };
            if chars.peek().is_some_and(|&(_, (_, next))| next == c) {
                chars.next();
                literal.push(c);
                continue;
            }
            let rest = &text[byte + c.len_utf8()..];
            let line_end = rest.find('\n').unwrap_or(rest.len());
            let Some(name_len) = rest[..line_end].find(close) else {
                return Err(TemplateError {
                    position: char_pos,
                    placeholder: text[byte..byte + c.len_utf8() + line_end]
                        .trim_end_matches('\r')
                        .to_owned(),
                    reason: TemplateErrorReason::Unclosed,
                });
            };
            let name = &rest[..name_len];
            let field = match c {
                '[' => Placeholder::from_bracket_name(name),
                _ => Placeholder::from_brace_name(name),
            };
            let Some(field) = field else {
                return Err(TemplateError {
                    position: char_pos,
                    placeholder: text[byte..byte + c.len_utf8() + name_len + 1].to_owned(),
                    reason: TemplateErrorReason::Unknown,
                });
            };
            if !literal.is_empty() {
                segments.push(Segment::Text(std::mem::take(&mut literal)));
            }
            segments.push(Segment::Field(field));
            // Skip the name and the closing bracket.
            let skip_to = byte + c.len_utf8() + name_len;
            while chars.next_if(|&(_, (b, _))| b <= skip_to).is_some() {}
        }
        if !literal.is_empty() {
            segments.push(Segment::Text(literal));
        }
        Ok(Template { segments })
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The placeholders used, in order of appearance (repeats included).
    pub fn placeholders(&self) -> impl Iterator<Item = Placeholder> + '_ {
        self.segments.iter().filter_map(|s| match s {
            Segment::Field(p) => Some(*p),
            Segment::Text(_) => None,
        })
    }

    /// Renders with `fields`, which writes the value of each placeholder.
    pub fn render(&self, fields: &impl FieldSource) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                Segment::Text(t) => out.push_str(t),
                Segment::Field(p) => fields.write_field(*p, &mut out),
            }
        }
        out
    }
}

/// Something that can fill in placeholders (see [`MessageFields`]).
pub trait FieldSource {
    fn write_field(&self, field: Placeholder, out: &mut String);
}
