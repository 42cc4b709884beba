//! The committed corpus, file by file: the whole-file error, or exactly which rows are
//! imported and which are refused, on which line, in which column, for what.

use super::support::{fixture, refused, run};
use ar_sentinel::import::cells::CellError;
use ar_sentinel::import::csv_reader::CsvError;
use ar_sentinel::import::decode::{BinaryKind, DecodeError};
use ar_sentinel::import::pipeline::ImportError;
use ar_sentinel::import::records::RowProblem;
use ar_sentinel::import::xlsx_reader::XlsxError;

enum Expect {
    /// The whole file is refused; the message contains the given text.
    Fails(ImportError, &'static str),
    /// Imported and refused rows: `refused` lists every error as (line, column, reason).
    Rows {
        encoding: Option<&'static str>,
        imported: usize,
        refused: Vec<(usize, &'static str, RowProblem)>,
    },
}
use Expect::*;

fn decode(e: DecodeError) -> ImportError {
    ImportError::Decode(e)
}

fn binary(kind: BinaryKind) -> ImportError {
    decode(DecodeError::Binary { kind })
}

fn cell(e: CellError) -> RowProblem {
    RowProblem::Cell(e)
}

fn year(y: i32) -> RowProblem {
    cell(CellError::DateOutOfRange { year: y })
}

const UTF8: Option<&str> = Some("UTF-8");
const GB: Option<&str> = Some("GB18030");

fn corpus() -> Vec<(&'static str, Expect)> {
    use CellError::{AmountTooLarge, BadAmount, BadDate};
    use RowProblem::*;
    let date = "业务日期";
    let due = "到期日";
    let amount = "价税合计";
    let currency = "币别";
    vec![
        // Empty and near-empty.
        ("empty.csv", Fails(decode(DecodeError::Empty), "empty")),
        ("bom_only.csv", Fails(decode(DecodeError::Empty), "empty")),
        (
            "whitespace_only.csv",
            Fails(decode(DecodeError::Empty), "empty"),
        ),
        (
            "header_only.csv",
            Fails(ImportError::NoDataRows { header_line: 1 }, "line 1"),
        ),
        (
            // Title, report date, blank line, header on line 4 and a 合计 row: no data.
            "header_only_with_title_gbk.csv",
            Fails(ImportError::NoDataRows { header_line: 4 }, "line 4"),
        ),
        (
            "no_header.csv",
            Fails(ImportError::NoHeader { sheets: vec![] }, "no header row"),
        ),
        (
            // 60 title lines push the header past the 50 rows searched.
            "header_below_row_50.csv",
            Fails(ImportError::NoHeader { sheets: vec![] }, "first 50 rows"),
        ),
        // Not text at all.
        ("png_renamed.csv", Fails(binary(BinaryKind::Png), "PNG")),
        ("jpeg_renamed.xlsx", Fails(binary(BinaryKind::Jpeg), "JPEG")),
        ("pdf_renamed.csv", Fails(binary(BinaryKind::Pdf), "PDF")),
        ("gzip_renamed.csv", Fails(binary(BinaryKind::Gzip), "gzip")),
        (
            "binary_junk.csv",
            Fails(binary(BinaryKind::Other), "binary"),
        ),
        (
            // Random bytes ≥ 0x80 and no NUL: neither UTF-8 nor GB18030.
            "binary_junk_high_bytes.csv",
            Fails(
                decode(DecodeError::Undecodable {
                    encoding: "GB18030",
                    line: 1,
                    byte_offset: 78,
                }),
                "line 1",
            ),
        ),
        // Not a table.
        (
            "html_renamed.xls",
            Fails(ImportError::NotATable, "not a table"),
        ),
        (
            "xml_spreadsheet.xls",
            Fails(ImportError::NotATable, "not a table"),
        ),
        // Broken workbooks.
        (
            "truncated.xlsx",
            Fails(
                ImportError::Workbook(XlsxError::Damaged {
                    detail: "Zip error: invalid Zip archive: Could not find EOCD".into(),
                }),
                "damaged",
            ),
        ),
        (
            "zip_not_workbook.xlsx",
            Fails(
                ImportError::Workbook(XlsxError::Damaged {
                    detail: "File not found '_rels/.rels'".into(),
                }),
                "damaged",
            ),
        ),
        (
            "ole_truncated.xls",
            Fails(
                ImportError::Workbook(XlsxError::Damaged {
                    detail: "file shorter than its header".into(),
                }),
                "damaged",
            ),
        ),
        (
            "empty_sheet.xlsx",
            Fails(
                ImportError::NoHeader {
                    sheets: vec!["Sheet1".into()],
                },
                "Sheet1",
            ),
        ),
        (
            // A stray value in column 10 000 of row 3.
            "wide_sheet.xlsx",
            Fails(
                ImportError::Workbook(XlsxError::TooManyColumns {
                    line: 3,
                    limit: 2000,
                }),
                "row 3",
            ),
        ),
        // Encodings.
        (
            // Latin-1 `é` followed by a space is no GB18030 pair.
            "wrong_encoding_latin1.csv",
            Fails(
                decode(DecodeError::Undecodable {
                    encoding: "GB18030",
                    line: 3,
                    byte_offset: 112,
                }),
                "line 3",
            ),
        ),
        (
            // Big5 bytes are valid GB18030 pairs too; their second bytes tell them apart, and
            // the traditional header maps like a simplified one.
            "big5_traditional.csv",
            Rows {
                encoding: Some("Big5"),
                imported: 1,
                refused: vec![],
            },
        ),
        (
            "utf16le_no_bom.csv",
            Fails(binary(BinaryKind::Other), "binary"),
        ),
        (
            "utf16le_unpaired_surrogate.csv",
            Fails(
                decode(DecodeError::Undecodable {
                    encoding: "UTF-16LE",
                    line: 2,
                    byte_offset: 24,
                }),
                "says UTF-16LE",
            ),
        ),
        (
            "utf8_bom_then_gbk.csv",
            Fails(
                decode(DecodeError::Undecodable {
                    encoding: "UTF-8",
                    line: 3,
                    byte_offset: 188,
                }),
                "line 3 is not valid UTF-8",
            ),
        ),
        (
            // UTF-8 header and rows, then two GBK rows.
            "mixed_encodings.csv",
            Fails(
                decode(DecodeError::MixedEncodings {
                    utf8_line: 1,
                    other_line: 4,
                }),
                "mixed text encodings",
            ),
        ),
        (
            // English header, a GBK row, then a UTF-8 row (used to import as mojibake).
            "mixed_encodings_gbk_first.csv",
            Fails(
                decode(DecodeError::MixedEncodings {
                    utf8_line: 3,
                    other_line: 2,
                }),
                "line 3 is UTF-8 but line 2 is not",
            ),
        ),
        // Structure.
        (
            // Rows 2 and 3 are fine, but the quote opened on line 4 eats the rest.
            "unbalanced_quotes.csv",
            Fails(
                ImportError::Csv(CsvError::UnclosedQuote { line: 4 }),
                "line 4",
            ),
        ),
        (
            // A GBK export whose name cell on line 4 opens a quote that a stray quote on
            // line 6 closes: read as CSV, lines 4-6 would be one row and two invoices gone.
            "stray_quote_gbk.csv",
            Fails(
                ImportError::Csv(CsvError::StrayQuote { line: 4, to: 6 }),
                "check the quotes on line 4",
            ),
        ),
        (
            "quote_inside_cell.csv",
            Rows {
                encoding: UTF8,
                imported: 2,
                refused: vec![],
            },
        ),
        (
            // A quoted name spans lines 2-3: the next row is line 4.
            "multiline_cell.csv",
            Rows {
                encoding: UTF8,
                imported: 2,
                refused: vec![(4, date, cell(BadDate))],
            },
        ),
        (
            // Lone CR line ends (classic Mac), GBK.
            "classic_mac_cr.csv",
            Rows {
                encoding: GB,
                imported: 2,
                refused: vec![(3, date, cell(BadDate))],
            },
        ),
        (
            "rows_bottom_up.xlsx",
            Rows {
                encoding: None,
                imported: 2,
                refused: vec![(3, date, cell(BadDate)), (5, amount, ZeroAmount)],
            },
        ),
        // Rows.
        (
            // AR2026-0001 of customer 0001 on lines 2, 4 (another amount) and 8 (= line 2):
            // none can be trusted. Line 6 repeats line 3 exactly. Customer 0002's
            // AR2026-0001 is another invoice.
            "duplicate_invoice_numbers.csv",
            Rows {
                encoding: GB,
                imported: 3,
                refused: vec![
                    (
                        2,
                        "单据编号",
                        ConflictingDuplicate {
                            other_lines: vec![4, 8],
                        },
                    ),
                    (
                        4,
                        "单据编号",
                        ConflictingDuplicate {
                            other_lines: vec![2, 8],
                        },
                    ),
                    (6, "单据编号", Duplicate { first_line: 3 }),
                    (
                        8,
                        "单据编号",
                        ConflictingDuplicate {
                            other_lines: vec![2, 4],
                        },
                    ),
                ],
            },
        ),
        (
            // Negative amounts (-500.00, (300.00), 1,000.00-) are credit notes.
            "negative_and_zero_amounts.csv",
            Rows {
                encoding: UTF8,
                imported: 4,
                refused: vec![
                    (3, amount, ZeroAmount),
                    (6, amount, ZeroAmount),
                    (7, amount, Missing),
                    (8, "已收金额", NegativeAmount),
                    (9, amount, ZeroAmount),
                    (10, amount, ZeroAmount),
                    (12, amount, cell(BadAmount)),
                ],
            },
        ),
        (
            "dates_year_0001_and_9999.csv",
            Rows {
                encoding: GB,
                imported: 3,
                refused: vec![
                    (3, date, year(1)),
                    (4, date, year(9999)),
                    (5, due, year(9999)),
                    (6, date, year(1)),
                    (7, date, year(1899)),
                    (8, date, year(2201)),
                    (11, date, year(1)),
                    (12, date, year(9999)),
                    (13, date, cell(BadDate)),
                    (14, date, year(0)),
                ],
            },
        ),
        (
            "february_30.csv",
            Rows {
                encoding: UTF8,
                imported: 1,
                refused: vec![
                    (2, date, cell(BadDate)),
                    (3, date, cell(BadDate)),
                    (5, date, cell(BadDate)),
                    (6, date, cell(BadDate)),
                    (7, date, cell(BadDate)),
                    (8, due, cell(BadDate)),
                    (9, date, cell(BadDate)),
                    (10, date, cell(BadDate)),
                    (11, date, cell(BadDate)),
                ],
            },
        ),
        (
            "huge_amounts.csv",
            Rows {
                encoding: UTF8,
                imported: 2,
                refused: vec![
                    (2, amount, cell(AmountTooLarge)),
                    (3, amount, cell(AmountTooLarge)),
                    (4, amount, cell(AmountTooLarge)),
                    (6, amount, cell(AmountTooLarge)),
                    (7, amount, cell(AmountTooLarge)),
                    (8, amount, cell(AmountTooLarge)),
                    (9, amount, cell(BadAmount)),
                    (11, amount, cell(BadAmount)),
                    (12, amount, cell(AmountTooLarge)),
                    (13, amount, cell(AmountTooLarge)),
                ],
            },
        ),
        (
            "unknown_currencies.csv",
            Rows {
                encoding: UTF8,
                imported: 5,
                refused: vec![
                    (2, currency, UnknownCurrency),
                    (3, currency, UnknownCurrency),
                    (6, currency, UnknownCurrency),
                    (8, currency, UnknownCurrency),
                    (10, currency, UnknownCurrency),
                    (11, currency, UnknownCurrency),
                    (12, amount, cell(BadAmount)),
                ],
            },
        ),
        (
            "formulas.csv",
            Rows {
                encoding: UTF8,
                imported: 4,
                refused: vec![
                    (4, amount, cell(BadAmount)),
                    (5, date, cell(BadDate)),
                    (8, currency, UnknownCurrency),
                ],
            },
        ),
        (
            "html_and_script.csv",
            Rows {
                encoding: UTF8,
                imported: 2,
                refused: vec![(4, date, cell(BadDate)), (5, amount, cell(BadAmount))],
            },
        ),
        (
            "rtl_and_zero_width.csv",
            Rows {
                encoding: UTF8,
                imported: 4,
                refused: vec![(5, "客户编码", Missing), (6, "单据编号", Missing)],
            },
        ),
        (
            "control_characters.csv",
            Rows {
                encoding: UTF8,
                imported: 2,
                refused: vec![(4, amount, cell(BadAmount))],
            },
        ),
        (
            // Formulas a report generator wrote without results: the received amount on
            // line 3 (read as blank it would be "nothing received"), a shared total on
            // lines 4-5. Line 6's formulas were calculated and import as their values.
            "formulas_uncalculated.xlsx",
            Rows {
                encoding: None,
                imported: 2,
                refused: vec![
                    (3, "已收金额", UncalculatedFormula),
                    (4, amount, UncalculatedFormula),
                    (5, amount, UncalculatedFormula),
                ],
            },
        ),
        (
            "hostile_cells.xlsx",
            Rows {
                encoding: None,
                imported: 3,
                refused: vec![
                    // A formula with no cached value: refused as what it is, not as blank.
                    (5, amount, UncalculatedFormula),
                    (6, date, year(9999)),
                    (6, due, year(9999)),
                    (7, amount, cell(AmountTooLarge)),
                    (8, currency, UnknownCurrency),
                    (8, date, cell(BadDate)),
                ],
            },
        ),
    ]
}

/// Every file of the corpus is in the table, and the table names no missing file.
#[test]
fn corpus_table_covers_every_fixture() {
    let dir = format!("{}/tests/fixtures/hostile", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = corpus().iter().map(|(f, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    assert!(listed.len() >= 30, "{} files", listed.len());
}

#[test]
fn every_fixture_gets_its_exact_outcome() {
    let mut failures = Vec::new();
    for (file, expect) in corpus() {
        let bytes = fixture(file);
        let result = run(&bytes, file);
        match (expect, result) {
            (Fails(want, text), Err(got)) => {
                let message = got.to_string();
                if got != want || !message.contains(text) {
                    failures.push(format!(
                        "{file}: want {want:?} ({text:?}), got {got:?}: {message}"
                    ));
                }
            }
            (
                Rows {
                    encoding,
                    imported,
                    refused: want,
                },
                Ok(p),
            ) => {
                let got = refused(&p);
                let want: Vec<(usize, String, RowProblem)> = want
                    .into_iter()
                    .map(|(l, c, r)| (l, c.to_owned(), r))
                    .collect();
                let lines: std::collections::BTreeSet<usize> =
                    want.iter().map(|(l, _, _)| *l).collect();
                if got != want
                    || p.counts.imported != imported
                    || p.counts.rejected != lines.len()
                    || p.encoding != encoding
                    || !p.is_ready()
                {
                    failures.push(format!(
                        "{file}: want imported {imported}, refused {want:?}, encoding \
                         {encoding:?}; got {:?}, {got:?}, {:?}, ready {}",
                        p.counts,
                        p.encoding,
                        p.is_ready()
                    ));
                }
                // Every refusal says where and why in one sentence.
                for e in &p.errors {
                    let text = e.to_string();
                    assert!(text.starts_with(&format!("line {}", e.line)), "{text}");
                }
            }
            (Fails(want, _), Ok(p)) => failures.push(format!(
                "{file}: want {want:?}, got a preview with {:?}",
                p.counts
            )),
            (Rows { .. }, Err(e)) => failures.push(format!("{file}: want rows, got {e:?}: {e}")),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A whole-file error returns no preview at all, even when rows before the fault were good.
#[test]
fn a_file_error_returns_nothing_not_the_rows_before_it() {
    for file in [
        "unbalanced_quotes.csv",
        "stray_quote_gbk.csv",
        "truncated.xlsx",
        "mixed_encodings.csv",
    ] {
        let result = run(&fixture(file), file);
        assert!(result.is_err(), "{file}: {result:?}");
    }
}
