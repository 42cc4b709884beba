//! Workbooks (`.xlsx`, legacy `.xls`) into a [`Table`], entirely in memory.
//!
//! `cells[i]` of every row is sheet column `i` (A = 0); empty cells are `""` and trailing
//! empty cells are left off, so rows are ragged like CSV rows. Rows with no value at all
//! are skipped (as blank CSV lines are). `SourceRow::line` is the sheet's row number.

mod cell_text;
mod cfb_check;

use super::csv_reader::MAX_COLUMNS;
use super::decode::{sniff_format, FileFormat};
use super::table::{SourceRow, Table};
use calamine::{
    Reader, SheetType, Xls, XlsError, Xlsx, XlsxError as CalamineXlsxError, XlsxFormulaMetadata,
};
use std::fmt;
use std::io::Cursor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XlsxError {
    /// The bytes are neither an XLSX (ZIP) nor an XLS (OLE) workbook.
    NotAWorkbook,
    /// The workbook is encrypted; it must be saved without a password first.
    PasswordProtected,
    /// The workbook is truncated or corrupt; `detail` is the underlying reader's message,
    /// for diagnostics only.
    Damaged {
        detail: String,
    },
    /// The workbook has no worksheet (only charts, or nothing).
    NoSheets,
    SheetNotFound {
        name: String,
    },
    /// A value sits beyond column `limit` on sheet row `line`.
    TooManyColumns {
        line: usize,
        limit: usize,
    },
}

impl fmt::Display for XlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XlsxError::NotAWorkbook => f.write_str("not an Excel workbook"),
            XlsxError::PasswordProtected => {
                f.write_str("the workbook is password protected; save a copy without a password")
            }
            XlsxError::Damaged { detail } => {
                write!(f, "the workbook is damaged or incomplete ({detail})")
            }
            XlsxError::NoSheets => f.write_str("the workbook has no worksheet"),
            XlsxError::SheetNotFound { name } => write!(f, "no sheet named {name:?}"),
            XlsxError::TooManyColumns { line, limit } => {
                write!(f, "row {line} has a value beyond column {limit}")
            }
        }
    }
}

impl std::error::Error for XlsxError {}

impl From<CalamineXlsxError> for XlsxError {
    fn from(e: CalamineXlsxError) -> XlsxError {
        match e {
            CalamineXlsxError::Password => XlsxError::PasswordProtected,
            CalamineXlsxError::WorksheetNotFound(name) => XlsxError::SheetNotFound { name },
            other => XlsxError::Damaged {
                detail: other.to_string(),
            },
        }
    }
}

impl From<XlsError> for XlsxError {
    fn from(e: XlsError) -> XlsxError {
        match e {
            XlsError::Password => XlsxError::PasswordProtected,
            XlsError::WorksheetNotFound(name) => XlsxError::SheetNotFound { name },
            other => XlsxError::Damaged {
                detail: other.to_string(),
            },
        }
    }
}

enum Workbook<'a> {
    Xlsx(Xlsx<Cursor<&'a [u8]>>),
    Xls(Xls<Cursor<&'a [u8]>>),
}

/// Opens by magic bytes, not by name: a renamed file still opens as what it is.
fn open(bytes: &[u8]) -> Result<Workbook<'_>, XlsxError> {
    match sniff_format(bytes, "") {
        FileFormat::Xlsx => Ok(Workbook::Xlsx(Xlsx::new(Cursor::new(bytes))?)),
        FileFormat::Xls => {
            cfb_check::check(bytes).map_err(|reason| XlsxError::Damaged {
                detail: reason.to_owned(),
            })?;
            Ok(Workbook::Xls(Xls::new(Cursor::new(bytes))?))
        }
        FileFormat::Csv | FileFormat::Unknown => Err(XlsxError::NotAWorkbook),
    }
}

/// The workbook's worksheets in tab order (chart and macro sheets left out).
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, XlsxError> {
    let sheets = match &open(bytes)? {
        Workbook::Xlsx(w) => worksheet_names(w.sheets_metadata()),
        Workbook::Xls(w) => worksheet_names(w.sheets_metadata()),
    };
    if sheets.is_empty() {
        Err(XlsxError::NoSheets)
    } else {
        Ok(sheets)
    }
}

fn worksheet_names(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// Reads one worksheet into a table named after it.
pub fn read_sheet(bytes: &[u8], sheet: &str) -> Result<Table, XlsxError> {
    let mut rows = RowBuilder::default();
    match open(bytes)? {
        // Streamed cell by cell: a sheet with one value at A1 and one at XFD1048576 must
        // not become a dense grid of 17 billion cells.
        Workbook::Xlsx(mut w) => {
            let mut cells = w.worksheet_cells_reader(sheet)?;
            while let Some(cell) = cells.next_cell_with_formula_metadata()? {
                let (row, col) = cell.pos;
                match (&cell.value, cell.formula) {
                    (calamine::DataRef::Empty, None) => {}
                    // Written by a generator that left the calculating to Excel: there is
                    // no result to read, and blank would be a wrong one.
                    (calamine::DataRef::Empty, Some(formula)) => {
                        rows.set_uncalculated(row, col, formula_text(formula))?;
                    }
                    (value, _) => rows.set(row, col, cell_text::data_ref_text(value))?,
                }
            }
        }
        // XLS sheets are at most 65 536 × 256, and calamine has already loaded them.
        Workbook::Xls(mut w) => {
            let range = w.worksheet_range(sheet)?;
            let (start_row, start_col) = range.start().unwrap_or((0, 0));
            for (row, col, value) in range.used_cells() {
                let (row, col) = (to_u32(row), to_u32(col));
                let text = cell_text::data_text(value);
                if !text.is_empty() {
                    rows.set(
                        start_row.saturating_add(row),
                        start_col.saturating_add(col),
                        text,
                    )?;
                }
            }
        }
    }
    Ok(Table {
        name: sheet.to_owned(),
        rows: rows.into_rows(),
    })
}

/// The formula as the user would type it; shared formulas name only their group.
fn formula_text(formula: XlsxFormulaMetadata) -> String {
    match formula {
        XlsxFormulaMetadata::Normal { formula } | XlsxFormulaMetadata::Shared { formula, .. } => {
            format!("={formula}")
        }
        _ => String::new(),
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Collects cells into rows ordered by sheet row, tolerating out-of-order cells.
#[derive(Default)]
struct RowBuilder {
    rows: Vec<SourceRow>,
    /// A cell arrived for a row above an earlier one: [`RowBuilder::into_rows`] sorts.
    out_of_order: bool,
}

impl RowBuilder {
    /// Places `text` at 0-based (`row`, `col`).
    fn set(&mut self, row: u32, col: u32, text: String) -> Result<(), XlsxError> {
        let (at, col) = self.row_of(row, col)?;
        put(&mut at.cells, col, text);
        Ok(())
    }

    /// Marks 0-based (`row`, `col`) as a formula with no calculated result.
    fn set_uncalculated(&mut self, row: u32, col: u32, formula: String) -> Result<(), XlsxError> {
        let (at, col) = self.row_of(row, col)?;
        at.uncalculated.push((col, formula));
        Ok(())
    }

    /// The entry a cell at 0-based (`row`, `col`) goes into, and its column.
    fn row_of(&mut self, row: u32, col: u32) -> Result<(&mut SourceRow, usize), XlsxError> {
        let line = usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1);
        let col = usize::try_from(col).unwrap_or(usize::MAX);
        if col >= MAX_COLUMNS {
            return Err(XlsxError::TooManyColumns {
                line,
                limit: MAX_COLUMNS,
            });
        }
        // Cells arrive in row order from every real writer. A cell for another row starts
        // a new entry even when that row came before; `into_rows` sorts and merges once,
        // so a sheet written bottom-up costs n log n, not an insertion per row.
        let index = match self.rows.last() {
            Some(last) if last.line == line => self.rows.len() - 1,
            last => {
                self.out_of_order |= last.is_some_and(|l| l.line > line);
                self.rows.push(SourceRow::new(line, Vec::new()));
                self.rows.len() - 1
            }
        };
        Ok((&mut self.rows[index], col))
    }

    /// The rows in sheet order, one per sheet row; a later cell at the same place wins.
    fn into_rows(self) -> Vec<SourceRow> {
        let mut rows = self.rows;
        if !self.out_of_order {
            return rows;
        }
        // Stable: the pieces of one row keep the order their cells arrived in.
        rows.sort_by_key(|r| r.line);
        let mut merged: Vec<SourceRow> = Vec::with_capacity(rows.len());
        for row in rows {
            match merged.last_mut() {
                Some(last) if last.line == row.line => {
                    for (col, text) in row.cells.into_iter().enumerate() {
                        if !text.is_empty() {
                            put(&mut last.cells, col, text);
                        }
                    }
                    last.uncalculated.extend(row.uncalculated);
                }
                _ => merged.push(row),
            }
        }
        merged
    }
}

fn put(cells: &mut Vec<String>, col: usize, text: String) {
    if col >= cells.len() {
        cells.resize_with(col, String::new);
        cells.push(text);
    } else {
        cells[col] = text;
    }
}

#[cfg(test)]
mod tests;
