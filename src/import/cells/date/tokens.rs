//! A date cell split into number, word and separator runs, and the shapes those runs
//! may take. Fixed-size, no allocation: this runs for every date cell of a file.

use super::{ymd, DayMonthOrder};
use crate::import::cells::{is_space, CellError};
use chrono::NaiveDate;

#[derive(Clone, Copy, Debug)]
pub(super) struct Num {
    pub(super) value: u32,
    pub(super) digits: usize,
}

#[derive(Clone, Copy, Debug)]
enum Tok<'a> {
    Num(Num),
    Word(&'a str),
}

const MAX_TOKENS: usize = 8;

/// A date's tokens and the separator run before each (`""` when adjacent, as in `2026年`).
pub(super) struct Tokens<'a> {
    toks: [Option<Tok<'a>>; MAX_TOKENS],
    seps: [&'a str; MAX_TOKENS],
    len: usize,
}

impl<'a> Tokens<'a> {
    /// Splits into digit runs, letter runs (CJK included) and separator runs of
    /// ` ,-/.`; `None` on any other character, too many tokens, or a number of > 9 digits.
    pub(super) fn scan(text: &'a str) -> Option<Tokens<'a>> {
        let mut t = Tokens {
            toks: [None; MAX_TOKENS],
            seps: [""; MAX_TOKENS],
            len: 0,
        };
        let mut rest = text;
        let mut sep_start = 0;
        let mut pos = 0;
        while let Some(c) = rest.chars().next() {
            let run_len = if c.is_ascii_digit() {
                rest.find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len())
            } else if c.is_alphabetic() {
                rest.find(|c: char| !c.is_alphabetic())
                    .unwrap_or(rest.len())
            } else if matches!(c, ' ' | ',' | '-' | '/' | '.') || is_space(c) {
                let n = rest
                    .find(|c: char| !(matches!(c, ' ' | ',' | '-' | '/' | '.') || is_space(c)))
                    .unwrap_or(rest.len());
                rest = &rest[n..];
                pos += n;
                continue;
            } else {
                return None;
            };
            let (run, after) = rest.split_at(run_len);
            let sep = &text[sep_start..pos];
            let tok = if c.is_ascii_digit() {
                if run.len() > 9 {
                    return None;
                }
                Tok::Num(Num {
                    value: run.parse().ok()?,
                    digits: run.len(),
                })
            } else {
                Tok::Word(run)
            };
            // `5th`, `31st`: an ordinal suffix glued to a number is not a token of its own.
            let is_ordinal = sep.is_empty()
                && matches!(t.last(), Some(Tok::Num(_)))
                && ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(run));
            if !is_ordinal {
                if t.len == MAX_TOKENS {
                    return None;
                }
                t.toks[t.len] = Some(tok);
                t.seps[t.len] = sep;
                t.len += 1;
            }
            rest = after;
            pos += run_len;
            sep_start = pos;
        }
        // A trailing separator (`2026-01-05-`) is junk, except a dot after a word.
        let trailing = &text[sep_start..];
        let word_last = matches!(t.last(), Some(Tok::Word(_)));
        (trailing.is_empty() || (word_last && trailing == ".")).then_some(t)
    }

    fn last(&self) -> Option<Tok<'a>> {
        self.len.checked_sub(1).and_then(|i| self.toks[i])
    }

    fn get(&self, i: usize) -> Option<Tok<'a>> {
        self.toks.get(i).copied().flatten()
    }

    /// Three numbers joined by the same single `-`, `/` or `.`, nothing else.
    pub(super) fn numeric_triple(&self) -> Option<(Num, Num, Num)> {
        let sep = self.seps[1];
        let same_sep =
            ["-", "/", "."].contains(&sep) && self.seps[2] == sep && self.seps[0].is_empty();
        match (self.len, self.get(0), self.get(1), self.get(2)) {
            (3, Some(Tok::Num(a)), Some(Tok::Num(b)), Some(Tok::Num(c))) if same_sep => {
                Some((a, b, c))
            }
            _ => None,
        }
    }

    pub(super) fn to_date(&self, order: Option<DayMonthOrder>) -> Result<NaiveDate, CellError> {
        if let Some((a, b, c)) = self.numeric_triple() {
            return numeric_date(a, b, c, order);
        }
        if !self.seps[0].is_empty() {
            return Err(CellError::BadDate);
        }
        use Tok::{Num as N, Word as W};
        let four = |n: Num| n.digits == 4;
        let day = |n: Num| n.digits <= 2;
        let toks = (
            self.get(0),
            self.get(1),
            self.get(2),
            self.get(3),
            self.get(4),
            self.get(5),
        );
        match (self.len, toks) {
            // 2026年1月5日 / 2026年1月5号 / 2026年1月5
            (5 | 6, (Some(N(y)), Some(W("年")), Some(N(m)), Some(W("月")), Some(N(d)), end))
                if four(y) && day(m) && day(d) && matches!(end, None | Some(W("日" | "号"))) =>
            {
                ymd(y.value, m.value, d.value)
            }
            // 5 Jan 2026, 05-Jan-2026, 31 March 2026
            (3, (Some(N(d)), Some(W(mon)), Some(N(y)), ..)) if day(d) && four(y) => {
                ymd(y.value, month_number(mon)?, d.value)
            }
            // Jan 5, 2026 / March 31st 2026
            (3, (Some(W(mon)), Some(N(d)), Some(N(y)), ..)) if day(d) && four(y) => {
                ymd(y.value, month_number(mon)?, d.value)
            }
            // 2026-Jan-05
            (3, (Some(N(y)), Some(W(mon)), Some(N(d)), ..)) if four(y) && day(d) => {
                ymd(y.value, month_number(mon)?, d.value)
            }
            _ => Err(CellError::BadDate),
        }
    }
}

fn numeric_date(
    a: Num,
    b: Num,
    c: Num,
    order: Option<DayMonthOrder>,
) -> Result<NaiveDate, CellError> {
    let short = |n: Num| (1..=2).contains(&n.digits);
    if a.digits == 4 && short(b) && short(c) {
        return ymd(a.value, b.value, c.value);
    }
    if !(short(a) && short(b) && c.digits == 4) {
        return Err(CellError::BadDate);
    }
    let day_first = || ymd(c.value, b.value, a.value);
    let month_first = || ymd(c.value, a.value, b.value);
    match order {
        Some(DayMonthOrder::DayFirst) => day_first(),
        Some(DayMonthOrder::MonthFirst) => month_first(),
        None => match (day_first(), month_first()) {
            (Ok(x), Ok(y)) if x == y => Ok(x),
            (Ok(_), Ok(_)) => Err(CellError::AmbiguousDate),
            (Ok(x), Err(_)) | (Err(_), Ok(x)) => Ok(x),
            (Err(e), Err(_)) => Err(e),
        },
    }
}

fn month_number(word: &str) -> Result<u32, CellError> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let is_month = |i: usize, name: &str| {
        word.len() >= 3
            && name.len() >= word.len()
            && (word.len() == 3 || word.len() == name.len() || (i == 8 && word.len() == 4))
            && name[..word.len()].eq_ignore_ascii_case(word)
    };
    MONTHS
        .iter()
        .enumerate()
        .find(|(i, name)| word.is_ascii() && is_month(*i, name))
        .map(|(i, _)| i as u32 + 1)
        .ok_or(CellError::BadDate)
}
