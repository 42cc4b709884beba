//! The first data rows as the import will read them, for the mapping screen.

use crate::domain::money::{Currency, Money};
use crate::import::cells::{clean_text, is_blank, normalize_id, parse_amount, parse_date};
use crate::import::mapping::Mapping;
use crate::import::synonyms::Field;
use crate::import::table::SourceRow;

/// How many data rows the preview shows.
pub const SAMPLE_ROWS: usize = 20;

/// One cell as it will be read: a date as `2026-01-05`, an amount as `1234.50`, an id with
/// its leading zeros. `ok: false` when the cell cannot be read (the raw text is shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewCell {
    pub text: String,
    pub ok: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewRow {
    pub line: usize,
    pub cells: Vec<PreviewCell>,
}

/// `dates_settled`: day/month orders are resolved; otherwise dates show as written.
pub(super) fn sample_rows(
    rows: &[&SourceRow],
    mapping: &Mapping,
    dates_settled: bool,
) -> Vec<PreviewRow> {
    let currency_column = mapping.column_of(Field::Currency);
    rows.iter()
        .take(SAMPLE_ROWS)
        .map(|row| {
            let currency = currency_column
                .and_then(|c| row.cells.get(c))
                .filter(|raw| !is_blank(raw))
                .map_or(Ok(mapping.default_currency), |raw| Currency::parse(raw));
            let width = mapping.columns.len().max(row.cells.len());
            let cells = (0..width)
                .map(|column| {
                    let raw = row.cells.get(column).map_or("", String::as_str);
                    let field = mapping.columns.get(column).copied().flatten();
                    cell(
                        raw,
                        field,
                        mapping,
                        column,
                        currency.as_ref().ok().copied(),
                        dates_settled,
                    )
                })
                .collect();
            PreviewRow {
                line: row.line,
                cells,
            }
        })
        .collect()
}

fn cell(
    raw: &str,
    field: Option<Field>,
    mapping: &Mapping,
    column: usize,
    currency: Option<Currency>,
    dates_settled: bool,
) -> PreviewCell {
    let shown = |text: String| PreviewCell { text, ok: true };
    let unread = || PreviewCell {
        text: clean_text(raw),
        ok: false,
    };
    let Some(field) = field.filter(|_| !is_blank(raw)) else {
        return shown(clean_text(raw));
    };
    if field.is_date() {
        if !dates_settled {
            return shown(clean_text(raw));
        }
        return parse_date(raw, mapping.day_month_order_of(column))
            .map_or_else(|_| unread(), |d| shown(d.format("%Y-%m-%d").to_string()));
    }
    if field.is_amount() {
        let Some(currency) = currency else {
            return unread();
        };
        return match parse_amount(raw, currency.minor_digits()) {
            Ok(minor) => shown(Money::new(minor, currency).to_plain_string()),
            Err(crate::import::cells::CellError::Empty) => shown("0".into()),
            Err(_) => unread(),
        };
    }
    if field == Field::Currency {
        return Currency::parse(raw).map_or_else(|_| unread(), |c| shown(c.code().to_owned()));
    }
    if field.is_identifier() {
        return shown(normalize_id(raw));
    }
    shown(clean_text(raw))
}
