//! Rows naming the same record within one file.
//!
//! Identical rows: the first imports, the others are refused as duplicates. Rows that
//! share a number (and customer) but differ: none can be trusted, all are refused. The one
//! legitimate repeat is a receipt split over several lines, one per invoice it settles
//! (Kingdee 收款单 entries): those merge into one payment.
//!
//! Linear in the number of rows even when thousands share one number (a constant column
//! mapped as the number): exact repeats are found by hashing, and each conflict names at
//! most [`MAX_OTHER_LINES`] other lines.

use super::{Candidate, NaturalKey, Record, RowError, RowProblem};
use crate::domain::model::Payment;
use std::collections::{HashMap, HashSet};

/// Other lines a [`RowProblem::ConflictingDuplicate`] names: the first ones in line order.
/// Naming every other line of a group of n rows would cost n² memory.
pub const MAX_OTHER_LINES: usize = 20;

pub(super) struct Reconciled {
    /// Candidates that import, in line order (merged receipts at their first line).
    pub kept: Vec<Candidate>,
    pub errors: Vec<RowError>,
    /// Source rows behind `kept` (a merged receipt counts each of its lines).
    pub imported_rows: usize,
}

pub(super) fn reconcile(candidates: Vec<Candidate>, merge_payments: bool) -> Reconciled {
    let mut groups: HashMap<NaturalKey, Vec<usize>> = HashMap::with_capacity(candidates.len());
    for (index, c) in candidates.iter().enumerate() {
        groups.entry(c.key.clone()).or_default().push(index);
    }
    let mut slots: Vec<Option<Candidate>> = candidates.into_iter().map(Some).collect();
    let mut out = Reconciled {
        kept: Vec::with_capacity(slots.len()),
        errors: Vec::new(),
        imported_rows: 0,
    };
    for index in 0..slots.len() {
        let Some(first) = slots[index].take() else {
            continue; // already settled as part of an earlier group
        };
        let members = groups.get(&first.key).map_or(&[][..], Vec::as_slice);
        if members.len() == 1 {
            out.imported_rows += 1;
            out.kept.push(first);
            continue;
        }
        let rest: Vec<Candidate> = members[1..]
            .iter()
            .filter_map(|&i| slots[i].take())
            .collect();
        settle_group(first, rest, merge_payments, &mut out);
    }
    out
}

fn settle_group(first: Candidate, rest: Vec<Candidate>, merge: bool, out: &mut Reconciled) {
    // Exact repeats of an earlier member are duplicates whatever else happens. Members are
    // bucketed by the text of their records so a large group is not compared pairwise.
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    let mut distinct: Vec<Candidate> = Vec::new();
    let mut duplicates: Vec<(Candidate, usize)> = Vec::new();
    for c in std::iter::once(first).chain(rest) {
        let bucket = buckets.entry(format!("{:?}", c.records)).or_default();
        match bucket.iter().find(|&&d| distinct[d].records == c.records) {
            Some(&d) => {
                let first_line = distinct[d].line;
                duplicates.push((c, first_line));
            }
            None => {
                bucket.push(distinct.len());
                distinct.push(c);
            }
        }
    }
    let rows = distinct.len();
    let merged = if rows == 1 {
        distinct.pop()
    } else if merge {
        merge_receipt_lines(&distinct)
    } else {
        None
    };
    match merged {
        Some(kept) => {
            out.imported_rows += rows;
            out.kept.push(kept);
            for (dup, first_line) in duplicates {
                out.errors
                    .push(error(&dup, RowProblem::Duplicate { first_line }));
            }
        }
        None => {
            let all: Vec<&Candidate> = distinct
                .iter()
                .chain(duplicates.iter().map(|(d, _)| d))
                .collect();
            let mut lines: Vec<usize> = all.iter().map(|c| c.line).collect();
            lines.sort_unstable();
            for c in &all {
                let other_lines = lines
                    .iter()
                    .copied()
                    .filter(|l| *l != c.line)
                    .take(MAX_OTHER_LINES)
                    .collect();
                out.errors
                    .push(error(c, RowProblem::ConflictingDuplicate { other_lines }));
            }
        }
    }
}

/// Lines of one receipt: same customer, date and currency, each settling a different
/// invoice. `None` when they are not that.
fn merge_receipt_lines(lines: &[Candidate]) -> Option<Candidate> {
    let payments: Vec<&Payment> = lines
        .iter()
        .map(|c| match c.records.as_slice() {
            [Record::Payment(p)] if p.applies_to.len() == 1 => Some(p),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let head = payments.first()?;
    let mut merged = (*head).clone();
    let mut settled: HashSet<&str> = head.applies_to.iter().map(|a| a.invoice.as_str()).collect();
    for p in &payments[1..] {
        let same_receipt = p.date == head.date && p.amount.currency == head.amount.currency;
        // Each line applies to exactly one invoice (checked above).
        let new_invoice = p
            .applies_to
            .iter()
            .all(|a| settled.insert(a.invoice.as_str()));
        if !same_receipt || !new_invoice {
            return None;
        }
        merged.amount = merged.amount.checked_add(p.amount).ok()?;
        merged.applies_to.extend(p.applies_to.iter().cloned());
    }
    let mut kept = lines.first()?.clone();
    kept.records = vec![Record::Payment(merged)];
    Some(kept)
}

fn error(c: &Candidate, reason: RowProblem) -> RowError {
    RowError {
        line: c.line,
        column: c.number_column.clone(),
        raw: c.number_raw.clone(),
        reason,
    }
}
