//! Why a row was refused: data, not text. Display gives the English sentence; the UI
//! translates by [`RowProblem::id`].

use crate::domain::money::Money;
use crate::import::cells::CellError;
use std::fmt;

/// One reason one source row was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// 1-based source line (CSV line / sheet row) as the user sees it.
    pub line: usize,
    /// The header text of the column at fault ("" when the row as a whole is at fault).
    pub column: String,
    /// The cell as it was in the file.
    pub raw: String,
    pub reason: RowProblem,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if !self.column.is_empty() {
            write!(f, ", column {:?}", self.column)?;
        }
        if !self.raw.is_empty() {
            write!(f, " ({:?})", self.raw)?;
        }
        write!(f, ": {}", self.reason)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// The cell could not be read as a date / amount.
    Cell(CellError),
    /// A value the record needs is blank.
    Missing,
    UnknownCurrency,
    /// Terms text that is not a recognised form, on a row with no due date.
    UnknownTerms,
    /// Not a yes/no value.
    UnknownFlag,
    /// A staff role that is not one of the known roles.
    UnknownRole,
    ZeroAmount,
    /// Negative where only positive makes sense (a receipt, an order, a credit limit).
    NegativeAmount,
    /// More outstanding than the document's amount.
    OutstandingExceedsAmount,
    /// More paid than amount − outstanding: the row's figures contradict each other.
    AmountsDisagree {
        amount: Money,
        paid: Money,
        outstanding: Money,
    },
    /// A settled/paid date on a row where nothing was paid.
    SettledButUnpaid,
    /// The cell holds a formula the workbook never calculated (no stored result, as some
    /// report generators write them). Read as blank it would pass for an empty cell — a
    /// received amount of nothing — so the row is refused instead.
    UncalculatedFormula,
    /// A credit note or payment line in an open-items report with nothing left open.
    NothingOpen,
    /// The same record again, identical to the one on `first_line` (which was imported).
    Duplicate {
        first_line: usize,
    },
    /// The same number (and customer) with different contents on `other_lines` (the first
    /// [`MAX_OTHER_LINES`](super::MAX_OTHER_LINES) of them, in line order): none of them
    /// can be trusted, all are refused.
    ConflictingDuplicate {
        other_lines: Vec<usize>,
    },
}

impl RowProblem {
    /// Stable id for the i18n catalogue.
    pub fn id(&self) -> &'static str {
        match self {
            RowProblem::Cell(CellError::Empty) => "missing",
            RowProblem::Cell(CellError::BadDate) => "bad_date",
            RowProblem::Cell(CellError::AmbiguousDate) => "ambiguous_date",
            RowProblem::Cell(CellError::DateOutOfRange { .. }) => "date_out_of_range",
            RowProblem::Cell(CellError::BadAmount) => "bad_amount",
            RowProblem::Cell(CellError::AmountTooLarge) => "amount_too_large",
            RowProblem::Missing => "missing",
            RowProblem::UnknownCurrency => "unknown_currency",
            RowProblem::UnknownTerms => "unknown_terms",
            RowProblem::UnknownFlag => "unknown_flag",
            RowProblem::UnknownRole => "unknown_role",
            RowProblem::ZeroAmount => "zero_amount",
            RowProblem::NegativeAmount => "negative_amount",
            RowProblem::OutstandingExceedsAmount => "outstanding_exceeds_amount",
            RowProblem::AmountsDisagree { .. } => "amounts_disagree",
            RowProblem::SettledButUnpaid => "settled_but_unpaid",
            RowProblem::UncalculatedFormula => "uncalculated_formula",
            RowProblem::NothingOpen => "nothing_open",
            RowProblem::Duplicate { .. } => "duplicate",
            RowProblem::ConflictingDuplicate { .. } => "conflicting_duplicate",
        }
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowProblem::Cell(e) => write!(f, "{e}"),
            RowProblem::Missing => f.write_str("required value is missing"),
            RowProblem::UnknownCurrency => f.write_str("unknown currency"),
            RowProblem::UnknownTerms => f.write_str("payment terms not understood"),
            RowProblem::UnknownFlag => f.write_str("not a yes/no value"),
            RowProblem::UnknownRole => f.write_str("unknown role"),
            RowProblem::ZeroAmount => f.write_str("amount is zero"),
            RowProblem::NegativeAmount => f.write_str("amount is negative"),
            RowProblem::OutstandingExceedsAmount => {
                f.write_str("outstanding amount is larger than the document amount")
            }
            RowProblem::AmountsDisagree {
                amount,
                paid,
                outstanding,
            } => write!(
                f,
                "paid {} is more than amount {} minus outstanding {}",
                paid.to_plain_string(),
                amount.to_plain_string(),
                outstanding.to_plain_string()
            ),
            RowProblem::SettledButUnpaid => f.write_str("settled date given but nothing paid"),
            RowProblem::UncalculatedFormula => f.write_str(
                "a formula with no calculated result: open the workbook in Excel or WPS, save it, and import it again",
            ),
            RowProblem::NothingOpen => f.write_str("nothing left open on this line"),
            RowProblem::Duplicate { first_line } => {
                write!(f, "duplicate of line {first_line}")
            }
            RowProblem::ConflictingDuplicate { other_lines } => {
                let lines: Vec<String> = other_lines.iter().map(|l| l.to_string()).collect();
                write!(
                    f,
                    "same number with different contents on line {}",
                    lines.join(", ")
                )
            }
        }
    }
}
