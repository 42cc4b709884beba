//! Aging (账龄): open invoices grouped by how many days past due they are.

use super::ledger::Ledger;
use super::money::{Currency, Totals};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The upper day of each overdue bucket, e.g. `[30, 60, 90, 180]` gives: not yet due (≤ 0),
/// 1–30, 31–60, 61–90, 91–180, over 180. Always strictly increasing and positive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<i64>", into = "Vec<i64>")]
pub struct AgingEdges(Vec<i64>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgingEdgesError {
    /// Edges count overdue days, so each must be at least 1.
    NotPositive { position: usize, value: i64 },
    NotIncreasing {
        position: usize,
        value: i64,
        previous: i64,
    },
}

impl fmt::Display for AgingEdgesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AgingEdgesError::NotPositive { position, value } => {
                write!(
                    f,
                    "aging edge #{} is {value}; edges must be 1 day or more",
                    position + 1
                )
            }
            AgingEdgesError::NotIncreasing {
                position,
                value,
                previous,
            } => write!(
                f,
                "aging edge #{} is {value}, not after the previous edge {previous}",
                position + 1
            ),
        }
    }
}
impl std::error::Error for AgingEdgesError {}

impl AgingEdges {
    /// No edges is allowed: then there are two buckets, not yet due and overdue.
    pub fn new(edges: Vec<i64>) -> Result<AgingEdges, AgingEdgesError> {
        let mut previous = 0;
        for (position, &value) in edges.iter().enumerate() {
            if value <= 0 {
                return Err(AgingEdgesError::NotPositive { position, value });
            }
            if value <= previous {
                return Err(AgingEdgesError::NotIncreasing {
                    position,
                    value,
                    previous,
                });
            }
            previous = value;
        }
        Ok(AgingEdges(edges))
    }

    pub fn edges(&self) -> &[i64] {
        &self.0
    }

    /// Not yet due, one bucket per edge, and the open-ended last one.
    pub fn bucket_count(&self) -> usize {
        self.0.len() + 2
    }

    /// The (from, to) days of bucket `i`, both inclusive: `(None, Some(0))` for not yet due,
    /// `(Some(last + 1), None)` for the open-ended one. `None` past the last bucket.
    pub fn range(&self, bucket: usize) -> Option<(Option<i64>, Option<i64>)> {
        if bucket == 0 {
            return Some((None, Some(0)));
        }
        let from = match bucket {
            1 => 1,
            _ => self.0.get(bucket - 2)?.saturating_add(1),
        };
        match self.0.get(bucket - 1) {
            Some(&to) => Some((Some(from), Some(to))),
            None if bucket == self.0.len() + 1 => Some((Some(from), None)),
            None => None,
        }
    }
}

impl Default for AgingEdges {
    fn default() -> AgingEdges {
        AgingEdges(vec![30, 60, 90, 180])
    }
}

impl TryFrom<Vec<i64>> for AgingEdges {
    type Error = AgingEdgesError;
    fn try_from(edges: Vec<i64>) -> Result<Self, Self::Error> {
        AgingEdges::new(edges)
    }
}
impl From<AgingEdges> for Vec<i64> {
    fn from(edges: AgingEdges) -> Vec<i64> {
        edges.0
    }
}

/// The bucket `days` overdue falls in: 0 for not yet due, then one per edge, then the last.
pub fn bucket_of(days: i64, edges: &AgingEdges) -> usize {
    if days <= 0 {
        return 0;
    }
    1 + edges.0.partition_point(|&edge| edge < days)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgingBucket {
    /// First overdue day in the bucket; `None` for not yet due.
    pub from: Option<i64>,
    /// Last overdue day in the bucket; `Some(0)` for not yet due, `None` if open-ended.
    pub to: Option<i64>,
    /// Open amounts, per currency.
    pub amount: Totals,
    /// Open invoices, per currency.
    pub count: BTreeMap<Currency, usize>,
}

impl AgingBucket {
    /// Open invoices in the bucket, all currencies together.
    pub fn total_count(&self) -> usize {
        self.count.values().sum()
    }
}

/// Every open invoice (open > 0) in exactly one bucket; paid ones in none.
pub fn aging(ledger: &Ledger, edges: &AgingEdges) -> Vec<AgingBucket> {
    let mut buckets: Vec<AgingBucket> = (0..edges.bucket_count())
        .filter_map(|i| edges.range(i))
        .map(|(from, to)| AgingBucket {
            from,
            to,
            amount: Totals::new(),
            count: BTreeMap::new(),
        })
        .collect();
    for line in ledger.lines.iter().filter(|l| l.open.minor > 0) {
        // bucket_of is always below bucket_count, so this never skips a line.
        if let Some(bucket) = buckets.get_mut(bucket_of(line.days_overdue, edges)) {
            bucket.amount.add(line.open);
            *bucket.count.entry(line.currency).or_default() += 1;
        }
    }
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::asof::AsOf;
    use crate::domain::ledger::{InvoiceLine, InvoiceStatus};
    use crate::domain::money::Money;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn edges(v: &[i64]) -> AgingEdges {
        AgingEdges::new(v.to_vec()).unwrap()
    }

    fn ledger_of(lines: &[(i64, Money)]) -> Ledger {
        let due = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let lines = lines
            .iter()
            .enumerate()
            .map(|(index, &(days, open))| InvoiceLine {
                index,
                currency: open.currency,
                amount: open,
                applied: Money::zero(open.currency),
                open,
                due,
                days_overdue: days,
                settled_on: None,
                status: if open.is_zero() {
                    InvoiceStatus::Paid
                } else {
                    InvoiceStatus::Open
                },
            })
            .collect::<Vec<_>>();
        let mut total_open = Totals::new();
        lines
            .iter()
            .filter(|l| l.open.minor > 0)
            .for_each(|l| total_open.add(l.open));
        Ledger {
            as_of: AsOf(due),
            lines,
            unapplied: vec![],
            total_open,
            total_overdue: Totals::new(),
            total_unapplied: Totals::new(),
        }
    }

    #[test]
    fn default_buckets() {
        let e = AgingEdges::default();
        assert_eq!(e.bucket_count(), 6);
        let ranges: Vec<_> = (0..6).map(|i| e.range(i).unwrap()).collect();
        assert_eq!(
            ranges,
            vec![
                (None, Some(0)),
                (Some(1), Some(30)),
                (Some(31), Some(60)),
                (Some(61), Some(90)),
                (Some(91), Some(180)),
                (Some(181), None),
            ]
        );
        assert_eq!(e.range(6), None);
    }

    #[test]
    fn bucket_of_respects_inclusive_edges() {
        let e = AgingEdges::default();
        let cases = [
            (i64::MIN, 0),
            (-5, 0),
            (0, 0),
            (1, 1),
            (30, 1),
            (31, 2),
            (60, 2),
            (61, 3),
            (90, 3),
            (91, 4),
            (180, 4),
            (181, 5),
            (i64::MAX, 5),
        ];
        for (days, bucket) in cases {
            assert_eq!(bucket_of(days, &e), bucket, "{days} days");
        }
    }

    #[test]
    fn no_edges_means_due_and_overdue() {
        let e = edges(&[]);
        assert_eq!(e.bucket_count(), 2);
        assert_eq!(e.range(1), Some((Some(1), None)));
        assert_eq!(
            (bucket_of(0, &e), bucket_of(1, &e), bucket_of(9999, &e)),
            (0, 1, 1)
        );
    }

    #[test]
    fn rejects_bad_edges() {
        assert_eq!(
            AgingEdges::new(vec![0, 30]),
            Err(AgingEdgesError::NotPositive {
                position: 0,
                value: 0
            })
        );
        assert_eq!(
            AgingEdges::new(vec![30, -1]),
            Err(AgingEdgesError::NotPositive {
                position: 1,
                value: -1
            })
        );
        assert_eq!(
            AgingEdges::new(vec![30, 30]),
            Err(AgingEdgesError::NotIncreasing {
                position: 1,
                value: 30,
                previous: 30
            })
        );
        assert!(AgingEdges::new(vec![60, 30]).is_err());
        assert!(AgingEdges::new(vec![1, 2, 3, i64::MAX]).is_ok());
        assert!(!AgingEdgesError::NotPositive {
            position: 0,
            value: 0
        }
        .to_string()
        .is_empty());
    }

    #[test]
    fn serde_validates() {
        let json = serde_json::to_string(&AgingEdges::default()).unwrap();
        assert_eq!(json, "[30,60,90,180]");
        assert_eq!(
            serde_json::from_str::<AgingEdges>(&json).unwrap(),
            AgingEdges::default()
        );
        assert!(serde_json::from_str::<AgingEdges>("[60,30]").is_err());
    }

    #[test]
    fn largest_edge_range_does_not_overflow() {
        let e = edges(&[i64::MAX]);
        assert_eq!(e.range(1), Some((Some(1), Some(i64::MAX))));
        // The open-ended bucket after i64::MAX can never be reached; it must not panic.
        let _ = e.range(2);
        assert_eq!(bucket_of(i64::MAX, &e), 1);
    }

    #[test]
    fn sums_open_invoices_per_currency_and_skips_paid_ones() {
        let cny = |m| Money::new(m, Currency::CNY);
        let usd = |m| Money::new(m, Currency::USD);
        let l = ledger_of(&[
            (-3, cny(100)),
            (0, usd(5)),
            (15, cny(200)),
            (30, cny(1)),
            (400, usd(9)),
            (45, cny(0)),
        ]);
        let b = aging(&l, &AgingEdges::default());
        assert_eq!(b.len(), 6);
        assert_eq!(
            (
                b[0].amount.get(Currency::CNY),
                b[0].amount.get(Currency::USD)
            ),
            (cny(100), usd(5))
        );
        assert_eq!(b[0].total_count(), 2);
        assert_eq!(b[1].amount.get(Currency::CNY), cny(201));
        assert_eq!(b[1].count[&Currency::CNY], 2);
        assert!(b[2].amount.is_empty(), "a paid invoice is in no bucket");
        assert_eq!(b[5].amount.get(Currency::USD), usd(9));
    }

    fn arb_edges() -> impl Strategy<Value = AgingEdges> {
        proptest::collection::btree_set(1..400i64, 0..7)
            .prop_map(|s| edges(&s.into_iter().collect::<Vec<_>>()))
    }

    proptest! {
        #[test]
        fn buckets_add_up_to_the_ledger(
            lines in proptest::collection::vec((-100..600i64, 0..2usize, 0..100_000i64), 0..40),
            e in arb_edges(),
        ) {
            let currencies = [Currency::CNY, Currency::USD];
            let lines: Vec<_> = lines.into_iter().map(|(d, c, m)| (d, Money::new(m, currencies[c]))).collect();
            let l = ledger_of(&lines);
            let buckets = aging(&l, &e);
            prop_assert_eq!(buckets.len(), e.bucket_count());
            let mut sum = Totals::new();
            let mut count = 0;
            for b in &buckets {
                b.amount.iter().for_each(|m| sum.add(m));
                count += b.total_count();
            }
            prop_assert_eq!(sum, l.total_open.clone());
            prop_assert_eq!(count, l.lines.iter().filter(|x| x.open.minor > 0).count());
        }

        #[test]
        fn buckets_add_up_for_real_ledgers(p in crate::domain::ledger::tests::arb_pool(), as_of in 0..70i64, e in arb_edges()) {
            let as_of = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(as_of);
            let l = crate::domain::ledger::ledger(&p, AsOf(as_of));
            let mut sum = Totals::new();
            aging(&l, &e).iter().for_each(|b| b.amount.iter().for_each(|m| sum.add(m)));
            prop_assert_eq!(sum, l.total_open);
        }

        #[test]
        fn each_day_lands_inside_its_bucket_range(days in any::<i64>(), e in arb_edges()) {
            let bucket = bucket_of(days, &e);
            prop_assert!(bucket < e.bucket_count());
            let (from, to) = e.range(bucket).unwrap();
            prop_assert!(from.is_none_or(|f| days >= f));
            prop_assert!(to.is_none_or(|t| days <= t));
        }

        #[test]
        fn increasing_positive_edges_are_accepted_and_others_refused(v in proptest::collection::vec(-5..50i64, 0..6)) {
            let valid = v.iter().all(|&x| x > 0) && v.windows(2).all(|w| w[0] < w[1]);
            prop_assert_eq!(AgingEdges::new(v).is_ok(), valid);
        }
    }
}
