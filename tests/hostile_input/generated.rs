//! Inputs too large to commit, built in memory: 10 000 columns, a 50 MB single line, and
//! thousands of rows sharing one number. Each must fail fast with a line number or finish
//! in linear time (they used to take seconds and, for shared numbers, n² memory).

use super::support::run;
use ar_sentinel::import::csv_reader::{CsvError, MAX_COLUMNS, MAX_FIELD_BYTES};
use ar_sentinel::import::pipeline::ImportError;
use ar_sentinel::import::records::{RowProblem, MAX_OTHER_LINES};

const HEADER: &str = "客户编码,客户名称,单据编号,业务日期,到期日,币别,价税合计,业务员\r\n";
const FIFTY_MB: usize = 50 * 1024 * 1024;

fn csv_error(bytes: &[u8]) -> CsvError {
    match run(bytes, "generated.csv") {
        Err(ImportError::Csv(e)) => e,
        other => panic!("want a CSV error, got {:?}", other.map(|p| p.counts)),
    }
}

#[test]
fn ten_thousand_columns_in_the_header() {
    let mut text = String::from("客户名称,单据编号,价税合计");
    for i in 0..9_997 {
        text.push_str(&format!(",备注{i}"));
    }
    text.push_str("\r\n华东机电有限公司,AR-1,100\r\n");
    assert_eq!(
        csv_error(text.as_bytes()),
        CsvError::TooManyColumns {
            line: 1,
            limit: MAX_COLUMNS
        }
    );
}

#[test]
fn ten_thousand_columns_in_a_data_row() {
    let mut text = String::from(HEADER);
    text.push_str("0001,华东机电有限公司,AR-1,2026-01-05,2026-02-04,人民币,100.00,张三\r\n");
    text.push_str("0002,深圳精密科技有限公司,AR-2,2026-01-05,2026-02-04,人民币,100.00");
    text.push_str(&",".repeat(9_993));
    text.push_str("\r\n");
    let err = csv_error(text.as_bytes());
    assert_eq!(
        err,
        CsvError::TooManyColumns {
            line: 3,
            limit: MAX_COLUMNS
        }
    );
    assert_eq!(
        err.to_string(),
        "the row on line 3 has more than 2000 columns"
    );
}

#[test]
fn fifty_megabyte_cell_on_one_line() {
    let mut text = String::with_capacity(HEADER.len() + FIFTY_MB);
    text.push_str(HEADER);
    text.push_str(&"x".repeat(FIFTY_MB));
    assert_eq!(
        csv_error(text.as_bytes()),
        CsvError::FieldTooLong {
            line: 2,
            limit: MAX_FIELD_BYTES
        }
    );
}

#[test]
fn fifty_megabyte_file_that_is_one_line_of_short_fields() {
    let text = "1,".repeat(FIFTY_MB / 2);
    assert_eq!(
        csv_error(text.as_bytes()),
        CsvError::TooManyColumns {
            line: 1,
            limit: MAX_COLUMNS
        }
    );
}

#[test]
fn fifty_megabyte_file_with_no_line_break_or_delimiter() {
    let text = "客".repeat(FIFTY_MB / 3);
    assert_eq!(
        csv_error(text.as_bytes()),
        CsvError::FieldTooLong {
            line: 1,
            limit: MAX_FIELD_BYTES
        }
    );
}

/// An opening quote followed by 50 MB: too long, found after 1 MB (the scan used to read
/// to the end of the file five times before answering).
#[test]
fn fifty_megabyte_quoted_cell_never_closed() {
    let mut text = String::with_capacity(HEADER.len() + FIFTY_MB + 64);
    text.push_str(HEADER);
    text.push_str("0001,\"");
    text.push_str(&"华东,\n".repeat(FIFTY_MB / 8));
    assert_eq!(
        csv_error(text.as_bytes()),
        CsvError::FieldTooLong {
            line: 2,
            limit: MAX_FIELD_BYTES
        }
    );
}

/// 5 000 rows with one number and different amounts: all refused, each naming at most
/// MAX_OTHER_LINES other lines (naming all of them took n² memory: 200 MB here, 20 GB
/// for 50 000 rows).
#[test]
fn thousands_of_rows_sharing_one_number_are_refused_in_linear_time() {
    let rows = 5_000;
    let mut text = String::from(HEADER);
    for i in 0..rows {
        text.push_str(&format!(
            "0001,华东机电有限公司,AR-1,2026-01-05,2026-02-04,人民币,{}.00,张三\r\n",
            i + 1
        ));
    }
    let p = run(text.as_bytes(), "same_number.csv").expect("preview");
    assert_eq!((p.counts.imported, p.counts.rejected), (0, rows));
    assert_eq!(p.batch.record_count(), 0);
    let first = &p.errors[0];
    assert_eq!(first.line, 2);
    assert_eq!(
        first.reason,
        RowProblem::ConflictingDuplicate {
            other_lines: (3..3 + MAX_OTHER_LINES).collect()
        }
    );
    let last = p.errors.last().expect("errors");
    assert_eq!(last.line, rows + 1);
    assert_eq!(
        last.reason,
        RowProblem::ConflictingDuplicate {
            other_lines: (2..2 + MAX_OTHER_LINES).collect()
        }
    );
}

/// Identical rows in bulk: the first imports, every other one is a duplicate of it.
#[test]
fn thousands_of_identical_rows_keep_the_first() {
    let rows = 5_000;
    let mut text = String::from(HEADER);
    for _ in 0..rows {
        text.push_str("0001,华东机电有限公司,AR-1,2026-01-05,2026-02-04,人民币,100.00,张三\r\n");
    }
    let p = run(text.as_bytes(), "identical.csv").expect("preview");
    assert_eq!((p.counts.imported, p.counts.rejected), (1, rows - 1));
    assert_eq!(p.batch.records.invoices.len(), 1);
    assert!(p
        .errors
        .iter()
        .all(|e| e.reason == RowProblem::Duplicate { first_line: 2 }));
}

/// One receipt split over 5 000 lines, one invoice each: merged in linear time (checking
/// each line's invoice against all the merged ones was quadratic).
#[test]
fn a_receipt_over_thousands_of_lines_merges_in_linear_time() {
    let rows = 5_000;
    let mut text = String::from("收款单号,客户名称,收款日期,收款金额,应收单号\r\n");
    for i in 0..rows {
        text.push_str(&format!("SK-1,华东机电有限公司,2026-01-05,1.00,AR-{i}\r\n"));
    }
    let p = run(text.as_bytes(), "receipt.csv").expect("preview");
    assert_eq!((p.counts.imported, p.counts.rejected), (rows, 0));
    assert_eq!(p.batch.records.payments.len(), 1);
    let receipt = &p.batch.records.payments[0];
    assert_eq!(receipt.amount.minor, 100 * rows as i64);
    assert_eq!(receipt.applies_to.len(), rows);
}
