//! The one table model every export writes from: a bilingual header and rows of cells, each
//! cell text or a number. CSV ([`super::csv`]) and XLSX ([`super::xlsx`]) are two renderings
//! of the same rows, so a column never differs between the two files.

use crate::domain::money::Money;
use std::fmt;

/// One cell. Numbers are kept as their exact decimal text (`1234.56`, `-0.50`, `30`): CSV
/// writes the text, XLSX writes it as a numeric cell — no float ever holds an amount here.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cell {
    Text(String),
    Number(String),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// An amount as a number in its currency's minor digits (`Money::to_plain_string`).
    pub fn money(m: Money) -> Cell {
        Cell::Number(m.to_plain_string())
    }

    /// A count or a number of days.
    pub fn int(n: impl Into<i64>) -> Cell {
        Cell::Number(n.into().to_string())
    }

    /// `usize` counts (invoices); saturates rather than wraps.
    pub fn count(n: usize) -> Cell {
        Cell::int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Cell::Text(s) | Cell::Number(s) => s,
        }
    }
}

impl AsRef<str> for Cell {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Cell {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Cell {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A header and its rows, written as CSV or XLSX.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new<R>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Table
    where
        R: IntoIterator<Item = Cell>,
    {
        Table {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows.into_iter().map(|r| r.into_iter().collect()).collect(),
        }
    }

    /// UTF-8 with BOM, CRLF, formula cells neutralised (see [`super::csv`]).
    pub fn to_csv(&self) -> String {
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        super::csv::document(&header, &self.rows)
    }

    /// A one-sheet workbook named `sheet` (see [`super::xlsx`]).
    pub fn to_xlsx(&self, sheet: &str) -> Vec<u8> {
        super::xlsx::workbook(sheet, self)
    }
}

/// What a download button offers: the same table as CSV or XLSX.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The file's bytes: `stem.csv` or `stem.xlsx` (the sheet is named after the stem).
    pub fn render(self, table: &Table, sheet: &str) -> Vec<u8> {
        match self {
            Format::Csv => table.to_csv().into_bytes(),
            Format::Xlsx => table.to_xlsx(sheet),
        }
    }
}
