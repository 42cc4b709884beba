//! Days sales outstanding (应收账款周转天数), two ways, per currency, in exact arithmetic.

use super::div_round;
use crate::domain::asof::AsOf;
use crate::domain::ledger::Ledger;
use crate::domain::model::Pool;
use crate::domain::money::{Currency, Money};
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Shown beside the standard DSO.
pub const STANDARD_DSO_FORMULA: &str = "标准 DSO = 应收余额 ÷ 近 N 天赊销额 × N。\
Standard DSO = receivables ÷ credit sales of the last N days × N. Receivables: the open \
amount as of the date. Credit sales: the amounts of invoices dated after (as-of − N days) \
and on or before the as-of date. Undefined when there were no such sales.";

/// Shown beside the countback DSO.
pub const COUNTBACK_DSO_FORMULA: &str = "倒推法 DSO：从截止日所在月份起逐月向前，用应收余额\
依次减去当月赊销额，余额仍大于当月赊销额则计入当月全部天数，否则按 余额 ÷ 当月赊销额 × 当月天数 \
计入部分天数后停止。Countback DSO: walk back month by month from the as-of date (its own \
month counts from the 1st to the as-of date, earlier months are whole calendar months); \
while the receivables left exceed a month's credit sales, add all of the month's days and \
subtract its sales; in the month where they do not, add (receivables left ÷ that month's \
sales) × its days, and stop.";

/// A number of days in hundredths (`4525` = 45.25 days), rounded half away from zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Days100(pub i64);

impl Days100 {
    /// `45.25`.
    pub fn to_display_string(&self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl fmt::Display for Days100 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_display_string())
    }
}

/// One month of the countback walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountbackStep {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Calendar days in `[from, to]`.
    pub days: i64,
    pub sales: Money,
    /// Receivables not yet matched to a later month's sales when this month is reached.
    pub balance_before: Money,
    /// Days this month contributes: all of them, or the prorated part in the last step.
    pub counted: Days100,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dso {
    pub currency: Currency,
    /// N of the standard DSO.
    pub window_days: u32,
    pub receivables: Money,
    /// Credit sales of the last N days.
    pub credit_sales: Money,
    /// See [`STANDARD_DSO_FORMULA`]; `None` when there were no credit sales in the window.
    pub standard: Option<Days100>,
    /// See [`COUNTBACK_DSO_FORMULA`]; `None` only if the receivables outlast every month
    /// with sales (impossible when the ledger is of the same pool).
    pub countback: Option<Days100>,
    /// The months walked, latest first.
    pub countback_steps: Vec<CountbackStep>,
}

impl Dso {
    pub(super) fn empty(currency: Currency, window_days: u32) -> Dso {
        Dso {
            currency,
            window_days,
            receivables: Money::zero(currency),
            credit_sales: Money::zero(currency),
            standard: None,
            countback: Some(Days100(0)),
            countback_steps: Vec::new(),
        }
    }
}

/// Both DSOs for every currency with receivables or sales as of `as_of`.
pub(super) fn compute(
    pool: &Pool,
    ledger: &Ledger,
    window_days: u32,
    as_of: AsOf,
) -> BTreeMap<Currency, Dso> {
    // Sales (s > start) in the window; None = the window reaches before chrono's range.
    let start = as_of.0.checked_sub_days(Days::new(u64::from(window_days)));
    let mut window: BTreeMap<Currency, i64> = BTreeMap::new();
    let mut monthly: HashMap<(Currency, i32, u32), i64> = HashMap::new();
    let mut earliest: HashMap<Currency, (i32, u32)> = HashMap::new();
    for line in &ledger.lines {
        let Some(invoice) = line.invoice(pool) else {
            continue;
        };
        let c = line.currency;
        let ym = (invoice.date.year(), invoice.date.month());
        let m = monthly.entry((c, ym.0, ym.1)).or_default();
        *m = m.saturating_add(line.amount.minor);
        let e = earliest.entry(c).or_insert(ym);
        *e = (*e).min(ym);
        let w = window.entry(c).or_default();
        if start.is_none_or(|s| invoice.date > s) {
            *w = w.saturating_add(line.amount.minor);
        }
    }
    let mut currencies: Vec<Currency> = window.keys().copied().collect();
    currencies.extend(ledger.total_open.currencies());
    currencies.sort();
    currencies.dedup();
    currencies
        .into_iter()
        .map(|c| {
            let receivables = ledger.total_open.get(c).minor;
            let sales = window.get(&c).copied().unwrap_or(0);
            let standard = (sales > 0).then(|| {
                let r = i128::from(receivables) * i128::from(window_days) * 100;
                Days100(div_round(r, i128::from(sales)) as i64)
            });
            let (countback, countback_steps) =
                countback(c, receivables, as_of.0, &monthly, earliest.get(&c).copied());
            let dso = Dso {
                currency: c,
                window_days,
                receivables: Money::new(receivables, c),
                credit_sales: Money::new(sales, c),
                standard,
                countback,
                countback_steps,
            };
            (c, dso)
        })
        .collect()
}

fn countback(
    c: Currency,
    receivables: i64,
    as_of: NaiveDate,
    monthly: &HashMap<(Currency, i32, u32), i64>,
    earliest: Option<(i32, u32)>,
) -> (Option<Days100>, Vec<CountbackStep>) {
    let mut left = i128::from(receivables);
    let mut total: i128 = 0;
    let mut steps = Vec::new();
    let mut to = as_of;
    while left > 0 {
        let from = to.with_day(1).unwrap_or(to);
        let ym = (from.year(), from.month());
        if earliest.is_none_or(|e| ym < e) {
            return (None, steps);
        }
        let days = to.signed_duration_since(from).num_days() + 1;
        let sales = monthly.get(&(c, ym.0, ym.1)).copied().unwrap_or(0);
        let counted = if i128::from(sales) >= left {
            div_round(left * i128::from(days) * 100, i128::from(sales))
        } else {
            i128::from(days) * 100
        };
        steps.push(CountbackStep {
            from,
            to,
            days,
            sales: Money::new(sales, c),
            balance_before: Money::new(left as i64, c),
            counted: Days100(counted as i64),
        });
        total += counted;
        left -= i128::from(sales);
        match from.pred_opt() {
            Some(day) => to = day,
            None if left > 0 => return (None, steps),
            None => break,
        }
    }
    (Some(Days100(total as i64)), steps)
}
