//! The grid every reader produces: text cells with their 1-based source line numbers.

/// One row of a source file as text. `line` is the 1-based line (CSV: the physical line the
/// record starts on; XLSX: the sheet row number), the number the user sees in error reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRow {
    pub line: usize,
    pub cells: Vec<String>,
    /// Cells holding a formula the workbook never calculated, as (column, formula text;
    /// empty when the formula is shared from another cell). Their `cells` entry is empty.
    pub uncalculated: Vec<(usize, String)>,
}

impl SourceRow {
    pub fn new(line: usize, cells: Vec<String>) -> SourceRow {
        SourceRow {
            line,
            cells,
            uncalculated: Vec::new(),
        }
    }
}

/// A decoded sheet: every row of the file, title and subtotal rows included, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The sheet's name for workbooks; the file name for CSV.
    pub name: String,
    pub rows: Vec<SourceRow>,
}
