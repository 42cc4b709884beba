//! Reading one row's cells by field, collecting every problem instead of stopping at the first.

use super::{CustomerRef, RowError, RowProblem};
use crate::domain::money::Currency;
use crate::domain::terms::Terms;
use crate::import::cells::{
    clean_text, is_blank, normalize_id, parse_amount, parse_bool_flag, parse_date, CellError,
    DayMonthOrder,
};
use crate::import::mapping::Mapping;
use crate::import::synonyms::Field;
use crate::import::table::SourceRow;
use chrono::NaiveDate;

/// What every row of one table shares: where each field is, how its dates read.
pub(crate) struct Ctx {
    column_of: [Option<usize>; Field::ALL.len()],
    header: Vec<String>,
    orders: Vec<Option<DayMonthOrder>>,
    pub default_currency: Currency,
    pub report_date: Option<NaiveDate>,
}

impl Ctx {
    pub fn new(header: &[String], mapping: &Mapping, report_date: Option<NaiveDate>) -> Ctx {
        let mut column_of = [None; Field::ALL.len()];
        for (column, field) in mapping.columns.iter().enumerate() {
            if let Some(f) = field {
                column_of[*f as usize].get_or_insert(column);
            }
        }
        Ctx {
            column_of,
            header: header.iter().map(|h| clean_text(h)).collect(),
            orders: mapping.day_month_order.clone(),
            default_currency: mapping.default_currency,
            report_date,
        }
    }

    pub fn column(&self, field: Field) -> Option<usize> {
        self.column_of[field as usize]
    }

    /// The field read from `column`, if any.
    pub fn field_at(&self, column: usize) -> Option<Field> {
        Field::ALL
            .iter()
            .copied()
            .find(|f| self.column(*f) == Some(column))
    }

    pub fn has(&self, field: Field) -> bool {
        self.column(field).is_some()
    }

    /// The first of `fields` that has a column.
    pub fn first_of(&self, fields: &[Field]) -> Option<Field> {
        fields.iter().copied().find(|f| self.has(*f))
    }

    pub fn header_of(&self, field: Field) -> &str {
        self.column(field)
            .and_then(|c| self.header.get(c))
            .map_or("", String::as_str)
    }
}

/// An amount cell: blank, or a number of minor units. A lone dash (accounting format's
/// zero) reads as 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AmountCell {
    Blank,
    Value(i64),
}

pub(crate) struct RowReader<'a> {
    ctx: &'a Ctx,
    row: &'a SourceRow,
    errors: Vec<RowError>,
}

impl<'a> RowReader<'a> {
    /// A reader of `row`; a mapped cell holding a formula with no result is a problem at once.
    pub fn new(ctx: &'a Ctx, row: &'a SourceRow) -> RowReader<'a> {
        let mut reader = RowReader {
            ctx,
            row,
            errors: Vec::new(),
        };
        for (column, formula) in &row.uncalculated {
            if let Some(field) = ctx.field_at(*column) {
                reader.errors.push(RowError {
                    line: row.line,
                    column: ctx.header_of(field).to_owned(),
                    raw: formula.clone(),
                    reason: RowProblem::UncalculatedFormula,
                });
            }
        }
        reader
    }

    pub fn ctx(&self) -> &'a Ctx {
        self.ctx
    }

    pub fn line(&self) -> usize {
        self.row.line
    }

    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn into_errors(self) -> Vec<RowError> {
        self.errors
    }

    /// The cell under `field`'s column; `None` when no column holds the field.
    pub fn raw(&self, field: Field) -> Option<&'a str> {
        let column = self.ctx.column(field)?;
        Some(self.row.cells.get(column).map_or("", String::as_str))
    }

    /// Records why `field` cannot be read; a cell already found wanting keeps its first reason.
    pub fn problem(&mut self, field: Field, reason: RowProblem) {
        let column = self.ctx.header_of(field);
        if !column.is_empty() && self.errors.iter().any(|e| e.column == column) {
            return;
        }
        self.errors.push(RowError {
            line: self.row.line,
            column: column.to_owned(),
            raw: self.raw(field).unwrap_or("").to_owned(),
            reason,
        });
    }

    /// Trimmed text, `None` when blank or unmapped. Markup is kept as text.
    pub fn text(&self, field: Field) -> Option<String> {
        let text = clean_text(self.raw(field)?);
        (!text.is_empty()).then_some(text)
    }

    pub fn id(&self, field: Field) -> Option<String> {
        let id = normalize_id(self.raw(field)?);
        (!id.is_empty()).then_some(id)
    }

    /// An identifier the record cannot do without: blank is a problem.
    pub fn required_id(&mut self, field: Field) -> Option<String> {
        let id = self.id(field);
        if id.is_none() {
            self.problem(field, RowProblem::Missing);
        }
        id
    }

    /// A date, `None` when blank; an unreadable one is a problem.
    pub fn date(&mut self, field: Field) -> Option<NaiveDate> {
        let raw = self.raw(field)?;
        if is_blank(raw) {
            return None;
        }
        let order = self
            .ctx
            .column(field)
            .and_then(|c| self.ctx.orders.get(c).copied().flatten());
        match parse_date(raw, order) {
            Ok(date) => Some(date),
            Err(e) => {
                self.problem(field, RowProblem::Cell(e));
                None
            }
        }
    }

    pub fn required_date(&mut self, field: Field) -> Option<NaiveDate> {
        let blank = self.raw(field).is_none_or(is_blank);
        if blank {
            self.problem(field, RowProblem::Missing);
            return None;
        }
        self.date(field)
    }

    /// The row's currency: its currency cell, else the file default.
    pub fn currency(&mut self) -> Option<Currency> {
        let Some(text) = self.text(Field::Currency) else {
            return Some(self.ctx.default_currency);
        };
        match Currency::parse(&text) {
            Ok(c) => Some(c),
            Err(_) => {
                self.problem(Field::Currency, RowProblem::UnknownCurrency);
                None
            }
        }
    }

    /// `None` when unmapped or unreadable (the problem is recorded).
    pub fn amount(&mut self, field: Field, currency: Currency) -> Option<AmountCell> {
        let raw = self.raw(field)?;
        if is_blank(raw) {
            return Some(AmountCell::Blank);
        }
        match parse_amount(raw, currency.minor_digits()) {
            Ok(v) => Some(AmountCell::Value(v)),
            Err(CellError::Empty) => Some(AmountCell::Value(0)),
            Err(e) => {
                self.problem(field, RowProblem::Cell(e));
                None
            }
        }
    }

    /// An amount the record needs: blank is a problem.
    pub fn required_amount(&mut self, field: Field, currency: Currency) -> Option<i64> {
        match self.amount(field, currency)? {
            AmountCell::Value(v) => Some(v),
            AmountCell::Blank => {
                self.problem(field, RowProblem::Missing);
                None
            }
        }
    }

    pub fn flag(&mut self, field: Field) -> bool {
        let Some(raw) = self.raw(field) else {
            return false;
        };
        parse_bool_flag(raw).unwrap_or_else(|| {
            self.problem(field, RowProblem::UnknownFlag);
            false
        })
    }

    /// Terms text → terms. Unreadable text is a problem when the row depends on it
    /// (`needed`); otherwise (an explicit due date wins) it is left out.
    pub fn terms(&mut self, needed: bool) -> Option<Terms> {
        let text = self.text(Field::Terms)?;
        let terms = Terms::parse(&text);
        if terms.is_none() && needed {
            self.problem(Field::Terms, RowProblem::UnknownTerms);
        }
        terms
    }

    /// The customer the row names: code (or the name when the file has no code column)
    /// and name (or the code). A code column with a blank cell is a problem even if a
    /// name is there: mixing keys would split one customer in two.
    pub fn customer(&mut self, required: bool) -> Option<CustomerRef> {
        let code = self.id(Field::CustomerCode);
        let name = self.text(Field::CustomerName);
        let code_column = self.ctx.has(Field::CustomerCode);
        let found = match (code, name) {
            (Some(code), name) => Some(CustomerRef {
                name: name.unwrap_or_else(|| code.clone()),
                code,
            }),
            (None, Some(name)) if !code_column => Some(CustomerRef {
                code: name.clone(),
                name,
            }),
            _ => None,
        };
        if found.is_none() && required {
            let field = if code_column {
                Field::CustomerCode
            } else {
                Field::CustomerName
            };
            self.problem(field, RowProblem::Missing);
        }
        found
    }
}
