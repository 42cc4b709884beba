//! The values a reminder message is rendered with.

use super::{FieldSource, Lang, Placeholder};
use crate::domain::money::{Currency, Money};
use chrono::NaiveDate;
use std::fmt::Write;

/// Shown for a value the data does not have (no salesperson, no company name set).
pub const MISSING: &str = "—";

/// One invoice of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailLine<'a> {
    pub invoice: &'a str,
    pub order: Option<&'a str>,
    pub due: NaiveDate,
    pub days_overdue: i64,
    /// Outstanding amount, in the message's currency.
    pub open: Money,
    pub salesperson: Option<&'a str>,
}

/// Everything a reminder message can show. One currency per message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageFields<'a> {
    /// The language of the surrounding words (lists, the details table).
    pub lang: Lang,
    pub customer: &'a str,
    pub company: &'a str,
    pub currency: Currency,
    /// Everything the customer owes in `currency` (disputed and promised invoices included).
    pub outstanding_total: Money,
    /// The invoices of the message, in the order they are listed.
    pub lines: &'a [DetailLine<'a>],
}

impl MessageFields<'_> {
    /// Days overdue of the most overdue invoice (0 with no invoices).
    pub fn days_overdue(&self) -> i64 {
        self.lines.iter().map(|l| l.days_overdue).max().unwrap_or(0)
    }

    /// The outstanding amounts added up (saturating: pool amounts are far below the limit).
    pub fn amount(&self) -> Money {
        let minor = self
            .lines
            .iter()
            .fold(0i64, |sum, l| sum.saturating_add(l.open.minor));
        Money::new(minor, self.currency)
    }

    fn separator(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        }
    }

    /// Distinct values in order of first appearance, joined; `MISSING` if there are none.
    fn write_list<'v>(&self, out: &mut String, values: impl Iterator<Item = &'v str>) {
        let mut seen: Vec<&str> = Vec::new();
        for v in values {
            if v.is_empty() || seen.contains(&v) {
                continue;
            }
            if !seen.is_empty() {
                out.push_str(self.separator());
            }
            out.push_str(v);
            seen.push(v);
        }
        if seen.is_empty() {
            out.push_str(MISSING);
        }
    }

    fn write_details(&self, out: &mut String) {
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let due = line.due.format("%Y-%m-%d");
            let open = line.open.to_display_string();
            let order = line.order.filter(|o| !o.is_empty());
            // Writing to a String cannot fail.
            let _ = match (self.lang, order) {
                (Lang::Zh, Some(o)) => {
                    write!(out, "- 发票 {}（订单 {o}），到期日 {due}，", line.invoice)
                }
                (Lang::Zh, None) => write!(out, "- 发票 {}，到期日 {due}，", line.invoice),
                (Lang::En, Some(o)) => {
                    write!(out, "- Invoice {} (order {o}), due {due}, ", line.invoice)
                }
                (Lang::En, None) => write!(out, "- Invoice {}, due {due}, ", line.invoice),
            };
            let _ = match (self.lang, line.days_overdue) {
                (Lang::Zh, d) if d > 0 => write!(out, "逾期 {d} 天，未收 {open}"),
                (Lang::Zh, 0) => write!(out, "今日到期，未收 {open}"),
                (Lang::Zh, d) => write!(out, "{} 天后到期，未收 {open}", d.unsigned_abs()),
                (Lang::En, 1) => write!(out, "1 day overdue, outstanding {open}"),
                (Lang::En, d) if d > 0 => write!(out, "{d} days overdue, outstanding {open}"),
                (Lang::En, 0) => write!(out, "due today, outstanding {open}"),
                (Lang::En, -1) => write!(out, "due in 1 day, outstanding {open}"),
                (Lang::En, d) => {
                    write!(out, "due in {} days, outstanding {open}", d.unsigned_abs())
                }
            };
        }
    }
}

impl FieldSource for MessageFields<'_> {
    fn write_field(&self, field: Placeholder, out: &mut String) {
        match field {
            Placeholder::Customer => out.push_str(if self.customer.is_empty() {
                MISSING
            } else {
                self.customer
            }),
            Placeholder::Order => self.write_list(
                out,
                self.lines
                    .iter()
                    .map(|l| l.order.filter(|o| !o.is_empty()).unwrap_or(l.invoice)),
            ),
            Placeholder::Invoice => self.write_list(out, self.lines.iter().map(|l| l.invoice)),
            Placeholder::Days => {
                let _ = write!(out, "{}", self.days_overdue());
            }
            Placeholder::Amount => out.push_str(&self.amount().to_display_string()),
            Placeholder::OutstandingTotal => {
                out.push_str(&self.outstanding_total.to_display_string())
            }
            Placeholder::DueDate => match self.lines.iter().map(|l| l.due).min() {
                Some(due) => {
                    let _ = write!(out, "{}", due.format("%Y-%m-%d"));
                }
                None => out.push_str(MISSING),
            },
            Placeholder::Currency => out.push_str(self.currency.code()),
            Placeholder::Salesperson => {
                self.write_list(out, self.lines.iter().filter_map(|l| l.salesperson))
            }
            Placeholder::Company => out.push_str(if self.company.is_empty() {
                MISSING
            } else {
                self.company
            }),
            Placeholder::Details => self.write_details(out),
        }
    }
}
