//! A quote-aware pass over delimited text that only measures: where records start, how
//! many fields they have, whether a quote is left open, whether a field or a row is
//! absurdly large. Linear, no allocation. Its quoting rules are the `csv` crate's: a `"`
//! opens a quoted field only at the start of a field, `""` inside is a literal quote.

use super::CsvError;

/// Beyond this many columns a "row" is not a receivables table (or the delimiter is wrong).
pub const MAX_COLUMNS: usize = 2000;
/// Beyond this many bytes a single cell is not a receivables value (usually a stray quote
/// that swallowed the rest of the file, or a binary file).
pub const MAX_FIELD_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub line: usize,
    pub fields: usize,
}

pub struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    delimiter: u8,
    /// Whether some quoted field ran over a line break.
    pub multi_line_cells: bool,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str, delimiter: u8) -> Scanner<'a> {
        Scanner {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            delimiter,
            multi_line_cells: false,
        }
    }

    /// Consumes one line break at `pos` (`\r\n`, `\n` or `\r`) if there is one.
    fn eat_line_break(&mut self) -> bool {
        match self.bytes.get(self.pos) {
            Some(b'\r') => {
                self.pos += 1;
                if self.bytes.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
            }
            Some(b'\n') => self.pos += 1,
            _ => return false,
        }
        self.line += 1;
        true
    }

    /// The shape of the next non-blank record, `None` at the end.
    pub fn next_record(&mut self) -> Option<Result<Shape, CsvError>> {
        while self.eat_line_break() {}
        if self.pos >= self.bytes.len() {
            return None;
        }
        let mut shape = Shape {
            line: self.line,
            fields: 0,
        };
        loop {
            match self.next_field(&mut shape) {
                Ok(true) => continue,
                Ok(false) => return Some(Ok(shape)),
                Err(e) => {
                    self.pos = self.bytes.len(); // stop: later calls return None
                    return Some(Err(e));
                }
            }
        }
    }

    /// Scans one field; `Ok(true)` if a delimiter follows (more fields in this record).
    fn next_field(&mut self, shape: &mut Shape) -> Result<bool, CsvError> {
        shape.fields += 1;
        if shape.fields > MAX_COLUMNS {
            return Err(CsvError::TooManyColumns {
                line: shape.line,
                limit: MAX_COLUMNS,
            });
        }
        let (start, start_line) = (self.pos, self.line);
        let too_long = |pos: usize| pos - start > MAX_FIELD_BYTES;
        let field_error = CsvError::FieldTooLong {
            line: start_line,
            limit: MAX_FIELD_BYTES,
        };
        if self.bytes.get(self.pos) == Some(&b'"') {
            self.pos += 1;
            self.skip_quoted(start_line, start)?;
        }
        // Unquoted part (or what follows a closing quote, which `csv` keeps as data). Looked
        // for only up to the size limit: a 50 MB line fails after 1 MB, not after 50.
        let limit = self.field_limit(start);
        let rest = &self.bytes[self.pos..limit];
        let delimiter = self.delimiter;
        let end = rest
            .iter()
            .position(|b| *b == delimiter || *b == b'\n' || *b == b'\r')
            .unwrap_or(rest.len());
        self.pos += end;
        if too_long(self.pos) {
            return Err(field_error);
        }
        if self.bytes.get(self.pos) == Some(&delimiter) {
            self.pos += 1;
            Ok(true)
        } else {
            self.eat_line_break();
            Ok(false)
        }
    }

    /// One past the last byte a field starting at `start` may reach before it is too long
    /// (never before `pos`, never past the end).
    fn field_limit(&self, start: usize) -> usize {
        start
            .saturating_add(MAX_FIELD_BYTES + 1)
            .min(self.bytes.len())
            .max(self.pos)
    }

    /// Moves past the closing quote of a quoted field, counting the lines inside it.
    fn skip_quoted(&mut self, open_line: usize, start: usize) -> Result<(), CsvError> {
        loop {
            let limit = self.field_limit(start);
            let rest = &self.bytes[self.pos..limit];
            let Some(i) = rest.iter().position(|b| matches!(b, b'"' | b'\n' | b'\r')) else {
                // The search stops at the size limit: the quote may close later, but the
                // field is too long either way.
                return Err(if limit < self.bytes.len() {
                    CsvError::FieldTooLong {
                        line: open_line,
                        limit: MAX_FIELD_BYTES,
                    }
                } else {
                    CsvError::UnclosedQuote { line: open_line }
                });
            };
            self.pos += i;
            if self.pos - start > MAX_FIELD_BYTES {
                return Err(CsvError::FieldTooLong {
                    line: open_line,
                    limit: MAX_FIELD_BYTES,
                });
            }
            if self.eat_line_break() {
                self.multi_line_cells = true;
                continue;
            }
            // A quote: doubled is a literal, single closes the field.
            self.pos += 1;
            match self.bytes.get(self.pos) {
                Some(b'"') => self.pos += 1,
                // A field that ran over lines and "closes" mid-cell was never a quoted
                // field: a stray quote opened it and swallowed the rows in between.
                Some(b)
                    if self.line > open_line
                        && !matches!(b, b'\n' | b'\r')
                        && *b != self.delimiter =>
                {
                    return Err(CsvError::StrayQuote {
                        line: open_line,
                        to: self.line,
                    });
                }
                _ => return Ok(()),
            }
        }
    }
}

/// The 1-based line of byte `offset`, counted incrementally from a previous cursor so that
/// numbering every record of a file stays linear. Breaks are `\r\n`, `\n` or a lone `\r`.
pub struct LineCursor<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCursor<'a> {
    pub fn new(text: &'a str) -> LineCursor<'a> {
        LineCursor {
            bytes: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// Line of the first byte at or after `from` that is not a line break: where a record
    /// read from `from` really starts, blank lines skipped.
    pub fn record_start_line(&mut self, from: usize) -> usize {
        let from = from.clamp(self.offset, self.bytes.len());
        let skip = self.bytes[from..]
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(self.bytes.len() - from);
        let target = from + skip;
        for i in self.offset..target {
            let lone_cr = self.bytes[i] == b'\r' && self.bytes.get(i + 1) != Some(&b'\n');
            if self.bytes[i] == b'\n' || lone_cr {
                self.line += 1;
            }
        }
        self.offset = target;
        self.line
    }
}
