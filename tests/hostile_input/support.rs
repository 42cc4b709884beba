//! Shared by the hostile-input tests: running `analyze` and the invariants every preview
//! must keep, whatever the file.

use ar_sentinel::import::cells::{clean_text, normalize_id};
use ar_sentinel::import::mapping::{FileKind, Mapping};
use ar_sentinel::import::pipeline::{analyze, ImportError, Preview};
use ar_sentinel::import::records::{ImportBatch, RowProblem, DERIVED_PAYMENT_SUFFIX};
use ar_sentinel::import::synonyms::Field;
use ar_sentinel::import::table::SourceRow;
use std::collections::{BTreeSet, HashMap, HashSet};

pub fn no_saved(_: &str) -> Option<Mapping> {
    None
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/hostile/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `analyze` with no saved mapping; every `Ok` is checked against [`check_invariants`].
pub fn run(bytes: &[u8], name: &str) -> Result<Preview, ImportError> {
    let result = analyze(bytes, name, None, &no_saved);
    if let Ok(p) = &result {
        check_invariants(p, name);
    }
    result
}

/// The refused rows as (line, column, reason), in line order.
pub fn refused(p: &Preview) -> Vec<(usize, String, RowProblem)> {
    p.errors
        .iter()
        .map(|e| (e.line, e.column.clone(), e.reason.clone()))
        .collect()
}

/// What must hold for any preview:
/// - once no question is open, every data row is imported or refused, and each refused
///   row has at least one error (while one is open, nothing is parsed: 0 and 0);
/// - every error names a line of the file below the header (errors in line order);
/// - nothing is parsed while a question is open;
/// - no partial batch: no record in the batch comes from a refused row (checked by number:
///   a refused row's customer and number appear in the batch only when another row, not
///   refused, carries them), and an invoice file yields one document per imported row.
pub fn check_invariants(p: &Preview, name: &str) {
    let c = p.counts;
    if p.is_ready() {
        assert_eq!(c.imported + c.rejected, c.data, "{name}: {c:?}");
    }
    let refused_lines: BTreeSet<usize> = p.errors.iter().map(|e| e.line).collect();
    assert_eq!(refused_lines.len(), c.rejected, "{name}: {:?}", p.errors);
    assert!(
        p.errors.windows(2).all(|w| w[0].line <= w[1].line),
        "{name}: errors out of line order"
    );
    let below: HashMap<usize, &SourceRow> = p
        .table
        .rows
        .iter()
        .skip(p.header_row + 1)
        .map(|r| (r.line, r))
        .collect();
    for e in &p.errors {
        assert!(
            e.line > p.header_line,
            "{name}: {e} is not below the header"
        );
        assert!(below.contains_key(&e.line), "{name}: {e} names no row");
    }
    if !p.is_ready() {
        assert_eq!(p.batch, ImportBatch::default(), "{name}: parsed too early");
        assert!(p.errors.is_empty(), "{name}: parsed too early");
        assert_eq!(c.imported + c.rejected, 0, "{name}");
        return;
    }
    if p.kind == Some(FileKind::Invoices) {
        let standalone_payments = p
            .batch
            .records
            .payments
            .iter()
            .filter(|pay| !pay.number.ends_with(DERIVED_PAYMENT_SUFFIX))
            .count();
        assert_eq!(
            p.batch.records.invoices.len()
                + p.batch.records.credit_notes.len()
                + standalone_payments,
            c.imported,
            "{name}: one document per imported row"
        );
    }
    no_record_from_refused_rows(p, &refused_lines, &below, name);
}

fn no_record_from_refused_rows(
    p: &Preview,
    refused_lines: &BTreeSet<usize>,
    below: &HashMap<usize, &SourceRow>,
    name: &str,
) {
    let number_column = match p.kind {
        Some(FileKind::Invoices) => p.mapping.column_of(Field::InvoiceNo),
        Some(FileKind::Payments) => p
            .mapping
            .column_of(Field::PaymentNo)
            .or_else(|| p.mapping.column_of(Field::InvoiceNo)),
        _ => None,
    };
    let Some(number_column) = number_column else {
        return;
    };
    let key_of = |row: &SourceRow| -> (String, String) {
        let cell = |c: Option<usize>| c.and_then(|c| row.cells.get(c)).map_or("", String::as_str);
        let customer = match p.mapping.column_of(Field::CustomerCode) {
            Some(code) => normalize_id(cell(Some(code))),
            None => clean_text(cell(p.mapping.column_of(Field::CustomerName))),
        };
        (customer, normalize_id(cell(Some(number_column))))
    };
    let b = &p.batch.records;
    let mut in_batch: HashSet<(String, String)> = HashSet::new();
    in_batch.extend(
        b.invoices
            .iter()
            .map(|r| (r.customer.clone(), r.number.clone())),
    );
    in_batch.extend(
        b.credit_notes
            .iter()
            .map(|r| (r.customer.clone(), r.number.clone())),
    );
    for pay in &b.payments {
        let number = pay.number.strip_suffix(DERIVED_PAYMENT_SUFFIX);
        let number = number.unwrap_or(&pay.number);
        in_batch.insert((pay.customer.clone(), number.to_owned()));
    }
    let kept: HashSet<(String, String)> = below
        .values()
        .filter(|r| !refused_lines.contains(&r.line))
        .map(|r| key_of(r))
        .collect();
    for line in refused_lines {
        let only_duplicate = p
            .errors
            .iter()
            .filter(|e| e.line == *line)
            .all(|e| matches!(e.reason, RowProblem::Duplicate { .. }));
        if only_duplicate {
            continue; // its twin, on an earlier line, is the one imported
        }
        let key = key_of(below[line]);
        assert!(
            !in_batch.contains(&key) || kept.contains(&key),
            "{name}: line {line} was refused but {key:?} is in the batch"
        );
    }
}
