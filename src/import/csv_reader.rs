//! Delimited text (CSV, TSV, `;` or `|` separated) into a [`Table`].
//!
//! Three linear passes: sniff the delimiter on the first records, check the whole file
//! for an unclosed quote or absurd sizes (so a 50 MB line fails fast with a line number
//! instead of building a 50 MB cell), then split it with the `csv` crate.

mod scan;

pub use scan::{MAX_COLUMNS, MAX_FIELD_BYTES};

use super::table::{SourceRow, Table};
use scan::{LineCursor, Scanner};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// Nothing but blank lines.
    Empty,
    /// A quoted field opened on `line` never closes: it would swallow the rest of the file.
    UnclosedQuote { line: usize },
    /// The field starting on `line` is longer than `limit` bytes.
    FieldTooLong { line: usize, limit: usize },
    /// The record starting on `line` has more than `limit` fields.
    TooManyColumns { line: usize, limit: usize },
    /// A quote opened on `line` runs over the line breaks to `to`: the rows between would
    /// silently become one cell (a stray quote, not a multi-line cell).
    StrayQuote { line: usize, to: usize },
    /// The `csv` crate refused the record starting near `line`.
    Malformed { line: usize },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => f.write_str("the file has no rows"),
            CsvError::UnclosedQuote { line } => {
                write!(f, "a quote opened on line {line} is never closed")
            }
            CsvError::FieldTooLong { line, limit } => {
                write!(
                    f,
                    "the cell starting on line {line} is longer than {limit} bytes"
                )
            }
            CsvError::TooManyColumns { line, limit } => {
                write!(f, "the row on line {line} has more than {limit} columns")
            }
            CsvError::StrayQuote { line, to } => write!(
                f,
                "a quote opened on line {line} runs on to line {to} and would swallow the rows between; check the quotes on line {line}"
            ),
            CsvError::Malformed { line } => write!(f, "unreadable row near line {line}"),
        }
    }
}

impl std::error::Error for CsvError {}

/// Delimiters tried, in order of preference when two fit equally well.
const CANDIDATES: [u8; 4] = [b',', b'\t', b';', b'|'];
/// Records looked at when choosing the delimiter.
const SNIFF_RECORDS: usize = 50;

/// Reads delimited text into a table named `name`. Blank lines are skipped; rows may have
/// different lengths; `SourceRow::line` is the physical line where each record starts.
pub fn read_csv(text: &str, name: &str) -> Result<Table, CsvError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let delimiter = sniff_delimiter(text);
    let mut scanner = Scanner::new(text, delimiter);
    let mut widths = FieldCounts::default();
    while let Some(shape) = scanner.next_record() {
        widths.add(shape?.fields);
    }
    let records = widths.records();
    if records == 0 {
        return Err(CsvError::Empty);
    }
    // Only a file with multi-line cells can hide a row inside one; the rest skip the check.
    let width = if scanner.multi_line_cells {
        widths.most_common().map_or(0, |(fields, _)| fields)
    } else {
        0
    };

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = LineCursor::new(text);
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::with_capacity(records);
    loop {
        let start = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        let line = lines.record_start_line(start);
        match reader.read_record(&mut record) {
            Ok(true) => {
                if let Some(to) = swallowed_row(&record, line, width, delimiter) {
                    return Err(CsvError::StrayQuote { line, to });
                }
                rows.push(SourceRow::new(
                    line,
                    record.iter().map(str::to_owned).collect(),
                ))
            }
            Ok(false) => break,
            Err(_) => return Err(CsvError::Malformed { line }),
        }
    }
    Ok(Table {
        name: name.to_owned(),
        rows,
    })
}

/// The delimiter that gives the most records with the same field count (> 1) among the
/// first records; title lines with a single field do not vote. `,` when nothing splits.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize); // (delimiter, records agreeing, their field count)
    for delimiter in CANDIDATES {
        let (agreeing, fields) = consistency(text, delimiter);
        if (agreeing, fields) > (best.1, best.2) {
            best = (delimiter, agreeing, fields);
        }
    }
    best.0
}

/// How many of the first records share the most common field count above one, and that
/// count. A scan error ends the sample early: the records before it still count.
fn consistency(text: &str, delimiter: u8) -> (usize, usize) {
    let mut counts = FieldCounts::default();
    let mut scanner = Scanner::new(text, delimiter);
    for shape in std::iter::from_fn(|| scanner.next_record()).take(SNIFF_RECORDS) {
        let Ok(shape) = shape else { break };
        counts.add(shape.fields);
    }
    counts
        .most_common()
        .map_or((0, 0), |(fields, n)| (n, fields))
}

/// How many records have each field count.
#[derive(Default)]
struct FieldCounts(Vec<(usize, usize)>); // (field count, records)

impl FieldCounts {
    fn add(&mut self, fields: usize) {
        match self.0.iter_mut().find(|(f, _)| *f == fields) {
            Some((_, n)) => *n += 1,
            None => self.0.push((fields, 1)),
        }
    }

    fn records(&self) -> usize {
        self.0.iter().map(|(_, n)| n).sum()
    }

    /// The most common field count above one (ties: the wider), with its records.
    fn most_common(&self) -> Option<(usize, usize)> {
        self.0
            .iter()
            .filter(|(fields, _)| *fields >= 2)
            .max_by_key(|(fields, n)| (*n, *fields))
            .copied()
    }
}

/// The last line of a record whose multi-line cell holds a whole row of the table (a line
/// with as many fields as the table's rows), `None` for an ordinary record. Such a cell is a
/// stray quote that closed, by chance, at the end of a later cell.
fn swallowed_row(
    record: &csv::StringRecord,
    line: usize,
    width: usize,
    delimiter: u8,
) -> Option<usize> {
    if width < 3 {
        return None;
    }
    let holds_a_row = |cell: &str| {
        // Only lines wholly inside the cell: not the one it starts on, not the one it ends on.
        // Almost every cell has no line break and is passed over without allocating.
        let mut inside = cell.split('\n').skip(1).peekable();
        while let Some(l) = inside.next() {
            if inside.peek().is_some() && l.bytes().filter(|b| *b == delimiter).count() + 1 >= width
            {
                return true;
            }
        }
        false
    };
    record.iter().any(holds_a_row).then(|| {
        line + record
            .iter()
            .map(|c| c.bytes().filter(|b| *b == b'\n').count())
            .sum::<usize>()
    })
}

#[cfg(test)]
mod tests;
