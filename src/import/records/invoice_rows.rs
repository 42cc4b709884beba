//! Rows of an invoice file: registers and open-items reports alike.
//!
//! The amounts a row carries decide what it becomes:
//! - amount only: the invoice; with a settled date also a payment of the full amount;
//! - amount + outstanding (and/or paid): the invoice plus its paid part as a payment, dated
//!   the settled date, else the report date, else the invoice date — so the open balance
//!   the pool computes equals the file's outstanding column;
//! - outstanding only: the invoice for what is open.
//!
//! Negative amounts (and rows typed 红字/贷项/Credit Note) become credit notes; rows typed
//! as receipts become payments.

use super::row_reader::{AmountCell, RowReader};
use super::{natural_key, Candidate, CustomerRef, Record, RowProblem};
use crate::domain::model::{Application, CreditNote, Invoice, Payment, RecordKind};
use crate::domain::money::{Currency, Money};
use crate::import::cells::CellError;
use crate::import::synonyms::Field;
use chrono::NaiveDate;

/// Suffix of the payment derived from an invoice row's paid part. One suffix for settled
/// and partly paid alike, so a later report of the same invoice replaces it (by natural
/// key) instead of adding a second payment.
pub const DERIVED_PAYMENT_SUFFIX: &str = "-paid";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DocKind {
    Invoice,
    CreditNote,
    Payment,
}

/// What a document-type cell says. Credit words are checked first (`红字发票` is a credit
/// note), then invoice words (`应收款单` is not a receipt); anything else is an invoice.
fn doc_kind(text: Option<&str>) -> DocKind {
    let Some(text) = text else {
        return DocKind::Invoice;
    };
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["红字", "贷项", "红冲", "冲销", "退货", "折让", "credit"]) {
        DocKind::CreditNote
    } else if has(&["应收", "发票", "invoice", "bill"]) {
        DocKind::Invoice
    } else if has(&["收款", "回款", "payment", "receipt"]) {
        DocKind::Payment
    } else {
        DocKind::Invoice
    }
}

/// The row's amounts, as the columns present give them.
struct Amounts {
    /// The document's amount (sign as in the file).
    gross: i64,
    /// Outstanding, when the file states it.
    outstanding: Option<i64>,
    /// Received so far (derived or stated), when the file says anything about it.
    paid: Option<i64>,
}

pub(super) fn read(r: &mut RowReader) -> Option<Candidate> {
    let customer = r.customer(true);
    let number = r.required_id(Field::InvoiceNo);
    let currency = r.currency();
    let date = r.required_date(Field::DocDate);
    let due = r.date(Field::DueDate);
    let shipped = r.date(Field::ShipmentDate);
    let settled = r.date(Field::SettledDate);
    let terms = r.terms(due.is_none());
    let disputed = r.flag(Field::Disputed);
    let kind = doc_kind(r.text(Field::DocType).as_deref());
    let amounts = currency.and_then(|c| amounts(r, c));
    let (customer, number, currency, date, amounts) =
        match (customer, number, currency, date, amounts) {
            (Some(a), Some(b), Some(c), Some(d), Some(e)) if r.ok() => (a, b, c, d, e),
            _ => return None,
        };
    let money = |minor: i64| Money::new(minor, currency);
    let applied = r.id(Field::AppliedInvoice);
    let mut out = Candidate {
        line: r.line(),
        key: natural_key(RecordKind::Invoice, Some(&customer.code), &number),
        number_column: r.ctx().header_of(Field::InvoiceNo).to_owned(),
        number_raw: r.raw(Field::InvoiceNo).unwrap_or("").to_owned(),
        records: Vec::with_capacity(2),
        customer: None,
    };

    if kind == DocKind::Payment || kind == DocKind::CreditNote || amounts.gross < 0 {
        let open = open_part(r, &amounts)?;
        let record = if kind == DocKind::Payment {
            out.key = natural_key(RecordKind::Payment, Some(&customer.code), &number);
            Record::Payment(Payment {
                number,
                customer: customer.code.clone(),
                date: settled.unwrap_or(date),
                amount: money(open),
                applies_to: applied
                    .map(|invoice| {
                        vec![Application {
                            invoice,
                            amount: Some(money(open)),
                        }]
                    })
                    .unwrap_or_default(),
            })
        } else {
            out.key = natural_key(RecordKind::CreditNote, Some(&customer.code), &number);
            Record::CreditNote(CreditNote {
                number,
                customer: customer.code.clone(),
                invoice: applied,
                date,
                amount: money(open),
            })
        };
        out.records.push(record);
        out.customer = Some(customer);
        return Some(out);
    }

    if amounts.gross == 0 {
        let field = amount_field(r);
        r.problem(field, RowProblem::ZeroAmount);
        return None;
    }
    let paid = paid_part(r, &amounts, settled, currency)?;
    out.records.push(Record::Invoice(Invoice {
        number: number.clone(),
        customer: customer.code.clone(),
        order: r.id(Field::OrderNo),
        date,
        amount: money(amounts.gross),
        due,
        terms,
        shipped,
        salesperson: r.text(Field::Salesperson),
        product_line: r.text(Field::ProductLine),
        region: r.text(Field::Region),
        disputed,
    }));
    if paid > 0 {
        let pay_date = settled.or(r.ctx().report_date).unwrap_or(date);
        out.records.push(Record::Payment(derived_payment(
            &number,
            &customer,
            pay_date,
            money(paid),
        )));
    }
    out.customer = Some(customer);
    Some(out)
}

fn derived_payment(
    invoice: &str,
    customer: &CustomerRef,
    date: NaiveDate,
    amount: Money,
) -> Payment {
    Payment {
        number: format!("{invoice}{DERIVED_PAYMENT_SUFFIX}"),
        customer: customer.code.clone(),
        date,
        amount,
        applies_to: vec![Application {
            invoice: invoice.to_owned(),
            amount: Some(amount),
        }],
    }
}

/// The column the document amount came from.
fn amount_field(r: &RowReader) -> Field {
    r.ctx()
        .first_of(&[Field::Amount, Field::Outstanding])
        .unwrap_or(Field::Amount)
}

/// Reads amount / paid / outstanding as present. Blank amount or outstanding cells are a
/// problem; a blank paid cell means nothing was paid (such columns are filled by exception).
fn amounts(r: &mut RowReader, currency: Currency) -> Option<Amounts> {
    let ctx = r.ctx();
    let amount = if ctx.has(Field::Amount) {
        Some(r.required_amount(Field::Amount, currency))
    } else {
        None
    };
    let outstanding = if ctx.has(Field::Outstanding) {
        Some(r.required_amount(Field::Outstanding, currency))
    } else {
        None
    };
    let paid = match r.amount(Field::PaidAmount, currency) {
        None if ctx.has(Field::PaidAmount) => return None,
        None => None,
        Some(AmountCell::Blank) => Some(0),
        Some(AmountCell::Value(v)) => Some(v),
    };
    let amount = amount.map(|a| a.ok_or(())).transpose().ok()?;
    let outstanding = outstanding.map(|o| o.ok_or(())).transpose().ok()?;
    let gross = match (amount, outstanding, paid) {
        (Some(a), _, _) => a,
        (None, Some(o), Some(p)) => match o.checked_add(p) {
            Some(g) => g,
            None => {
                r.problem(
                    Field::Outstanding,
                    RowProblem::Cell(CellError::AmountTooLarge),
                );
                return None;
            }
        },
        (None, Some(o), None) => o,
        // missing_fields() keeps a file without either column from getting here.
        (None, None, _) => {
            r.problem(Field::Amount, RowProblem::Missing);
            return None;
        }
    };
    Some(Amounts {
        gross,
        outstanding,
        paid,
    })
}

/// What an invoice row has received: derived from outstanding (checked against a paid
/// column when both exist), or the paid column, or the full amount when only a settled
/// date is given. `None` after recording a problem.
fn paid_part(
    r: &mut RowReader,
    a: &Amounts,
    settled: Option<NaiveDate>,
    currency: Currency,
) -> Option<i64> {
    let paid = match (a.outstanding, a.paid) {
        (Some(out), stated) if r.ctx().has(Field::Amount) => {
            let derived = a.gross.checked_sub(out).filter(|_| out <= a.gross);
            let Some(derived) = derived else {
                r.problem(Field::Outstanding, RowProblem::OutstandingExceedsAmount);
                return None;
            };
            // A paid column smaller than amount − outstanding is fine: credit notes or
            // write-offs (ERPNext's Credit Note column) reduce it too, and the outstanding
            // is the truth. More paid than that means the figures contradict each other.
            if let Some(p) = stated.filter(|p| *p > derived) {
                r.problem(
                    Field::Outstanding,
                    RowProblem::AmountsDisagree {
                        amount: Money::new(a.gross, currency),
                        paid: Money::new(p, currency),
                        outstanding: Money::new(out, currency),
                    },
                );
                return None;
            }
            derived
        }
        (_, Some(p)) => {
            if p < 0 {
                r.problem(Field::PaidAmount, RowProblem::NegativeAmount);
                return None;
            }
            p
        }
        (_, None) => return Some(if settled.is_some() { a.gross } else { 0 }),
    };
    if settled.is_some() && paid == 0 {
        r.problem(Field::SettledDate, RowProblem::SettledButUnpaid);
        return None;
    }
    Some(paid)
}

/// What is left to apply on a credit note or receipt line: the outstanding part when the
/// report states it (the applied part already shows in the invoices' balances), else the
/// full amount. Sizes only; the sign is the file's convention.
fn open_part(r: &mut RowReader, a: &Amounts) -> Option<i64> {
    let open = match a.outstanding {
        Some(out) => {
            let same_side = out == 0 || (out < 0) == (a.gross < 0);
            if !same_side || out.unsigned_abs() > a.gross.unsigned_abs() {
                r.problem(Field::Outstanding, RowProblem::OutstandingExceedsAmount);
                return None;
            }
            out.unsigned_abs()
        }
        None => a.gross.unsigned_abs(),
    };
    let Ok(open) = i64::try_from(open) else {
        let field = amount_field(r);
        r.problem(field, RowProblem::Cell(CellError::AmountTooLarge));
        return None;
    };
    if open == 0 {
        let field = if a.outstanding.is_some() {
            Field::Outstanding
        } else {
            amount_field(r)
        };
        let reason = if a.gross == 0 {
            RowProblem::ZeroAmount
        } else {
            RowProblem::NothingOpen
        };
        r.problem(field, reason);
        return None;
    }
    Some(open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_types() {
        assert_eq!(doc_kind(None), DocKind::Invoice);
        assert_eq!(doc_kind(Some("红字发票")), DocKind::CreditNote);
        assert_eq!(doc_kind(Some("贷项通知单")), DocKind::CreditNote);
        assert_eq!(doc_kind(Some("Credit Note")), DocKind::CreditNote);
        assert_eq!(doc_kind(Some("ACCRECCREDIT")), DocKind::CreditNote);
        assert_eq!(doc_kind(Some("标准应收单")), DocKind::Invoice);
        assert_eq!(doc_kind(Some("其他应收款单")), DocKind::Invoice);
        assert_eq!(doc_kind(Some("Sales Invoice")), DocKind::Invoice);
        assert_eq!(doc_kind(Some("收款单")), DocKind::Payment);
        assert_eq!(doc_kind(Some("Payment Entry")), DocKind::Payment);
        assert_eq!(doc_kind(Some("Journal Entry")), DocKind::Invoice);
    }
}
