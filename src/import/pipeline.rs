//! The one entry point the UI calls: bytes in, a preview out (records, refused rows and any
//! question the user must answer before the import can be committed).

mod sample;

pub use sample::{PreviewCell, PreviewRow, SAMPLE_ROWS};

use super::csv_reader::{read_csv, CsvError};
use super::decode::{decode_text, sniff_format, DecodeError, FileFormat};
use super::header_detect::{find_header_row, RowClass, RowClassifier, MAX_HEADER_SCAN};
use super::mapping::{header_signature, FileKind, Mapping};
use super::records::{build_records, resolve_day_month_orders, ImportBatch, RowError};
use super::report_date::find_report_date;
use super::synonyms::Field;
use super::table::{SourceRow, Table};
use super::xlsx_reader::{read_sheet, sheet_names, XlsxError};
use chrono::NaiveDate;
use std::fmt;

/// A problem with the whole file: nothing in it can be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Empty, binary, or not decodable as text.
    Decode(DecodeError),
    Csv(CsvError),
    Workbook(XlsxError),
    /// An HTML page, XML or another format that is not a table export.
    NotATable,
    /// No row in the first [`MAX_HEADER_SCAN`] rows (of any sheet) names two known columns.
    NoHeader {
        sheets: Vec<String>,
    },
    /// A header, but no data row below it.
    NoDataRows {
        header_line: usize,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Decode(e) => write!(f, "{e}"),
            ImportError::Csv(e) => write!(f, "{e}"),
            ImportError::Workbook(e) => write!(f, "{e}"),
            ImportError::NotATable => {
                f.write_str("not a table export: save it from the ERP or Excel as CSV or XLSX")
            }
            ImportError::NoHeader { sheets } => {
                write!(
                    f,
                    "no header row found in the first {MAX_HEADER_SCAN} rows: expected at least \
                     two known column names, one of them a customer or document number \
                     (客户/Customer, 单据编号/Invoice No, 价税合计/Amount…)"
                )?;
                if !sheets.is_empty() {
                    write!(f, "; sheets searched: {}", sheets.join(", "))?;
                }
                Ok(())
            }
            ImportError::NoDataRows { header_line } => {
                write!(
                    f,
                    "the header on line {header_line} has no data rows below it"
                )
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// How the rows below the header were counted. `imported + rejected` are data rows;
/// the rest are neither.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RowCounts {
    pub data: usize,
    pub imported: usize,
    pub rejected: usize,
    pub subtotals: usize,
    pub blank: usize,
    pub notes: usize,
    pub repeated_headers: usize,
}

/// Everything the import screen shows, and the batch to commit once no question is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub file_name: String,
    /// Worksheets of a workbook (empty for CSV); `sheet` is the one read.
    pub sheet_names: Vec<String>,
    pub sheet: Option<String>,
    /// The text encoding of a CSV (`UTF-8`, `GB18030`, …).
    pub encoding: Option<&'static str>,
    /// The grid as read; keep it to re-run with an edited mapping ([`Preview::remap`]).
    pub table: Table,
    /// Index into `table.rows` of the header, and its source line.
    pub header_row: usize,
    pub header_line: usize,
    pub header: Vec<String>,
    /// Key to save the confirmed mapping under.
    pub signature: String,
    pub mapping: Mapping,
    /// True when `mapping` came from a saved one.
    pub mapping_reused: bool,
    pub kind: Option<FileKind>,
    /// Questions: until all are empty, nothing is parsed and `batch` is empty.
    pub needs_kind: bool,
    pub missing_fields: Vec<Field>,
    /// Date columns whose `1/5/2026`-style values could be either day or month first.
    pub needs_day_month_order: Vec<usize>,
    /// The date the report is "as of" (`日期：2026-03-31` above the header), if stated.
    pub report_date: Option<NaiveDate>,
    /// The first [`SAMPLE_ROWS`] data rows as parsed values.
    pub sample: Vec<PreviewRow>,
    pub batch: ImportBatch,
    pub errors: Vec<RowError>,
    pub counts: RowCounts,
}

impl Preview {
    /// Nothing left to ask: the batch is what will be imported.
    pub fn is_ready(&self) -> bool {
        !self.needs_kind && self.missing_fields.is_empty() && self.needs_day_month_order.is_empty()
    }

    /// Re-runs with an edited mapping, keeping the file's details.
    pub fn remap(self, mapping: Mapping) -> Preview {
        let Preview {
            file_name,
            sheet_names,
            sheet,
            encoding,
            table,
            header_row,
            ..
        } = self;
        Preview {
            file_name,
            sheet_names,
            sheet,
            encoding,
            ..apply_mapping(table, header_row, mapping)
        }
    }
}

/// A file read into a grid, before any header or mapping: the first, cheaper half of
/// [`analyze`], so a caller can show progress (and yield to the page) between the halves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceTable {
    pub table: Table,
    pub sheet_names: Vec<String>,
    pub sheet: Option<String>,
    pub encoding: Option<&'static str>,
}

/// Decodes a CSV or opens a workbook (`sheet`, or the first sheet that has a header).
pub fn read_source(
    bytes: &[u8],
    file_name: &str,
    sheet: Option<&str>,
) -> Result<SourceTable, ImportError> {
    match sniff_format(bytes, file_name) {
        FileFormat::Xlsx | FileFormat::Xls => {
            let (table, sheet_names, chosen) = read_workbook(bytes, sheet)?;
            Ok(SourceTable {
                table,
                sheet_names,
                sheet: Some(chosen),
                encoding: None,
            })
        }
        FileFormat::Csv | FileFormat::Unknown => {
            let (text, encoding) = decode_text(bytes).map_err(ImportError::Decode)?;
            if text.trim_start().starts_with('<') {
                return Err(ImportError::NotATable);
            }
            let table = read_csv(&text, file_name).map_err(ImportError::Csv)?;
            Ok(SourceTable {
                table,
                sheet_names: Vec::new(),
                sheet: None,
                encoding: Some(encoding),
            })
        }
    }
}

/// The second half of [`analyze`]: find the header, map it (reusing a saved mapping for this
/// header's signature when `saved_mappings` has one that fits) and build the records.
pub fn preview_source(
    source: SourceTable,
    file_name: &str,
    saved_mappings: &impl Fn(&str) -> Option<Mapping>,
) -> Result<Preview, ImportError> {
    let SourceTable {
        table,
        sheet_names,
        sheet,
        encoding,
    } = source;
    let header_row = find_header_row(&table.rows).ok_or_else(|| ImportError::NoHeader {
        sheets: sheet.iter().cloned().collect(),
    })?;
    let header = &table.rows[header_row].cells;
    let signature = header_signature(header);
    let saved = saved_mappings(&signature).filter(|m| m.fits(header));
    let reused = saved.is_some();
    let mapping = saved.unwrap_or_else(|| Mapping::auto(header));
    let mut preview = apply_mapping(table, header_row, mapping);
    if preview.counts.data == 0 {
        return Err(ImportError::NoDataRows {
            header_line: preview.header_line,
        });
    }
    preview.mapping_reused = reused;
    preview.file_name = file_name.to_owned();
    preview.sheet_names = sheet_names;
    preview.sheet = sheet;
    preview.encoding = encoding;
    Ok(preview)
}

/// Reads a dropped file: decode or open the workbook, find the header, map it, and build the
/// records ([`read_source`] then [`preview_source`]). `sheet` picks a worksheet; by default
/// the first with a header.
pub fn analyze(
    bytes: &[u8],
    file_name: &str,
    sheet: Option<&str>,
    saved_mappings: &impl Fn(&str) -> Option<Mapping>,
) -> Result<Preview, ImportError> {
    preview_source(
        read_source(bytes, file_name, sheet)?,
        file_name,
        saved_mappings,
    )
}

/// The chosen sheet, or the first sheet that has a header.
fn read_workbook(
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(Table, Vec<String>, String), ImportError> {
    let sheets = sheet_names(bytes).map_err(ImportError::Workbook)?;
    if let Some(name) = sheet {
        let table = read_sheet(bytes, name).map_err(ImportError::Workbook)?;
        return Ok((table, sheets, name.to_owned()));
    }
    for name in &sheets {
        let table = read_sheet(bytes, name).map_err(ImportError::Workbook)?;
        if find_header_row(&table.rows).is_some() {
            return Ok((table, sheets.clone(), name.clone()));
        }
    }
    Err(ImportError::NoHeader { sheets })
}

/// Builds the preview of `table` read with `mapping` below the header at `header_row`
/// (an index into `table.rows`). Used by [`analyze`] and for re-runs after the user edits
/// the mapping, answers a date question or picks the kind.
pub fn apply_mapping(table: Table, header_row: usize, mut mapping: Mapping) -> Preview {
    let header: Vec<String> = table
        .rows
        .get(header_row)
        .map(|r| r.cells.clone())
        .unwrap_or_default();
    let header_line = table.rows.get(header_row).map_or(0, |r| r.line);
    let above = &table.rows[..header_row.min(table.rows.len())];
    let report_date = find_report_date(above);
    let classifier = RowClassifier::new(&header, &mapping.columns);
    let mut counts = RowCounts::default();
    let mut data: Vec<&SourceRow> = Vec::new();
    for row in table.rows.iter().skip(header_row + 1) {
        match classifier.classify(&row.cells) {
            RowClass::Data => data.push(row),
            RowClass::Blank => counts.blank += 1,
            RowClass::Subtotal => counts.subtotals += 1,
            RowClass::Note => counts.notes += 1,
            RowClass::RepeatedHeader => counts.repeated_headers += 1,
        }
    }
    counts.data = data.len();
    let orders = resolve_day_month_orders(&data, &mapping);
    mapping.day_month_order = orders.per_column;
    let needs_kind = mapping.kind.is_none();
    let missing_fields = mapping.missing_fields();
    let ready = !needs_kind && missing_fields.is_empty() && orders.undecided.is_empty();
    let sample = sample::sample_rows(&data, &mapping, ready);
    let outcome = if ready {
        build_records(&data, &header, &mapping, report_date)
    } else {
        Default::default()
    };
    counts.imported = outcome.imported;
    counts.rejected = outcome.rejected;
    drop(data);
    Preview {
        file_name: table.name.clone(),
        sheet_names: Vec::new(),
        sheet: None,
        encoding: None,
        signature: header_signature(&header),
        header_row,
        header_line,
        header,
        kind: mapping.kind,
        mapping,
        mapping_reused: false,
        needs_kind,
        missing_fields,
        needs_day_month_order: orders.undecided,
        report_date,
        sample,
        batch: outcome.batch,
        errors: outcome.errors,
        counts,
        table,
    }
}

#[cfg(test)]
mod tests;
