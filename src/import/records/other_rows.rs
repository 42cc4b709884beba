//! Rows of receipt, customer, order, shipment and staff files.

use super::row_reader::{AmountCell, RowReader};
use super::{natural_key, Candidate, Record, RowProblem};
use crate::domain::model::{
    Application, Contact, Customer, Payment, Person, Reach, RecordKind, Role, SalesOrder, Shipment,
};
use crate::domain::money::Money;
use crate::import::cells::split_list;
use crate::import::synonyms::Field;

fn candidate(r: &RowReader, key: crate::import::records::NaturalKey, number: Field) -> Candidate {
    Candidate {
        line: r.line(),
        key,
        number_column: r.ctx().header_of(number).to_owned(),
        number_raw: r.raw(number).unwrap_or("").to_owned(),
        records: Vec::with_capacity(1),
        customer: None,
    }
}

/// A receipt (收款单) line. Its number is the receipt number column, else the document
/// number; the invoice it settles is the applied-invoice column, else (when the file has a
/// receipt number too) the invoice number column.
pub(super) fn payment(r: &mut RowReader) -> Option<Candidate> {
    let ctx = r.ctx();
    let number_field = ctx.first_of(&[Field::PaymentNo, Field::InvoiceNo])?;
    let date_field = ctx.first_of(&[Field::SettledDate, Field::DocDate])?;
    let amount_field = ctx.first_of(&[Field::ReceiptAmount, Field::Amount, Field::PaidAmount])?;
    let applied_field = if ctx.has(Field::AppliedInvoice) {
        Some(Field::AppliedInvoice)
    } else if number_field == Field::PaymentNo && ctx.has(Field::InvoiceNo) {
        Some(Field::InvoiceNo)
    } else {
        None
    };
    let customer = r.customer(true);
    let number = r.required_id(number_field);
    let date = r.required_date(date_field);
    let currency = r.currency();
    let amount = currency.and_then(|c| r.required_amount(amount_field, c));
    let (Some(customer), Some(number), Some(date), Some(currency), Some(amount)) =
        (customer, number, date, currency, amount)
    else {
        return None;
    };
    if !positive(r, amount_field, amount) {
        return None;
    }
    let money = Money::new(amount, currency);
    let applies_to = applied_field
        .and_then(|f| r.id(f))
        .map(|invoice| {
            vec![Application {
                invoice,
                amount: Some(money),
            }]
        })
        .unwrap_or_default();
    let key = natural_key(RecordKind::Payment, Some(&customer.code), &number);
    let mut out = candidate(r, key, number_field);
    out.records.push(Record::Payment(Payment {
        number,
        customer: customer.code.clone(),
        date,
        amount: money,
        applies_to,
    }));
    out.customer = Some(customer);
    Some(out)
}

/// Zero and negative amounts are refused where only a positive amount makes sense.
fn positive(r: &mut RowReader, field: Field, amount: i64) -> bool {
    let problem = match amount {
        0 => RowProblem::ZeroAmount,
        a if a < 0 => RowProblem::NegativeAmount,
        _ => return true,
    };
    r.problem(field, problem);
    false
}

pub(super) fn customer(r: &mut RowReader) -> Option<Candidate> {
    let who = r.customer(true);
    let currency = r.currency();
    let limit = match currency.map(|c| (c, r.amount(Field::CreditLimit, c))) {
        Some((c, Some(AmountCell::Value(v)))) => {
            if v < 0 {
                r.problem(Field::CreditLimit, RowProblem::NegativeAmount);
            }
            Some(Money::new(v, c))
        }
        _ => None,
    };
    let terms = r.terms(true);
    let who = who.filter(|_| r.ok())?;
    let key_field = if r.ctx().has(Field::CustomerCode) {
        Field::CustomerCode
    } else {
        Field::CustomerName
    };
    let key = natural_key(RecordKind::Customer, None, &who.code);
    let mut out = candidate(r, key, key_field);
    out.records.push(Record::Customer(Customer {
        code: who.code,
        name: who.name,
        credit_grade: r.text(Field::CreditGrade),
        credit_limit: limit,
        terms,
        region: r.text(Field::Region),
        tags: r
            .text(Field::Tags)
            .map(|t| split_list(&t))
            .unwrap_or_default(),
        contact: Contact {
            name: r.text(Field::ContactName),
            email: r.text(Field::ContactEmail),
            mobile: r.text(Field::ContactMobile),
        },
        salesperson: r.text(Field::Salesperson),
    }));
    Some(out)
}

pub(super) fn order(r: &mut RowReader) -> Option<Candidate> {
    let customer = r.customer(true);
    let number = r.required_id(Field::OrderNo);
    let date = r.required_date(Field::DocDate);
    let currency = r.currency();
    let amount = currency.and_then(|c| r.required_amount(Field::Amount, c));
    let terms = r.terms(true);
    let (Some(customer), Some(number), Some(date), Some(currency), Some(amount)) =
        (customer, number, date, currency, amount)
    else {
        return None;
    };
    if !positive(r, Field::Amount, amount) || !r.ok() {
        return None;
    }
    let key = natural_key(RecordKind::Order, Some(&customer.code), &number);
    let mut out = candidate(r, key, Field::OrderNo);
    out.records.push(Record::Order(SalesOrder {
        number,
        customer: customer.code.clone(),
        date,
        amount: Money::new(amount, currency),
        terms,
        salesperson: r.text(Field::Salesperson),
        product_line: r.text(Field::ProductLine),
        region: r.text(Field::Region),
    }));
    out.customer = Some(customer);
    Some(out)
}

pub(super) fn shipment(r: &mut RowReader) -> Option<Candidate> {
    let date_field = r.ctx().first_of(&[Field::ShipmentDate, Field::DocDate])?;
    let number = r.required_id(Field::ShipmentNo);
    let date = r.required_date(date_field);
    let customer = r.customer(false);
    let currency = r.currency();
    let amount = match currency.map(|c| (c, r.amount(Field::Amount, c))) {
        Some((c, Some(AmountCell::Value(v)))) => {
            if v < 0 {
                r.problem(Field::Amount, RowProblem::NegativeAmount);
            }
            Some(Money::new(v, c))
        }
        _ => None,
    };
    let (Some(number), Some(date)) = (number, date) else {
        return None;
    };
    if !r.ok() {
        return None;
    }
    let key = natural_key(RecordKind::Shipment, None, &number);
    let mut out = candidate(r, key, Field::ShipmentNo);
    out.records.push(Record::Shipment(Shipment {
        number,
        order: r.id(Field::OrderNo),
        customer: customer.as_ref().map(|c| c.code.clone()),
        date,
        amount,
    }));
    out.customer = customer;
    Some(out)
}

pub(super) fn person(r: &mut RowReader) -> Option<Candidate> {
    let name = r.text(Field::PersonName);
    if name.is_none() {
        r.problem(Field::PersonName, RowProblem::Missing);
    }
    let mut roles = Vec::new();
    if let Some(text) = r.text(Field::Role) {
        for part in split_list(&text) {
            match parse_role(&part) {
                Some(role) if !roles.contains(&role) => roles.push(role),
                Some(_) => {}
                None => r.problem(Field::Role, RowProblem::UnknownRole),
            }
        }
    }
    let name = name.filter(|_| r.ok())?;
    let key = natural_key(RecordKind::Person, None, &name);
    let mut out = candidate(r, key, Field::PersonName);
    out.records.push(Record::Person(Person {
        name,
        roles,
        reach: Reach {
            email: r.text(Field::ContactEmail),
            mobile: r.text(Field::ContactMobile),
            dingtalk: r.text(Field::DingTalk),
            wecom: r.text(Field::WeCom),
            feishu: r.text(Field::Feishu),
        },
        manager: r.text(Field::Manager),
    }));
    Some(out)
}

/// A list of roles as a person types it (`销售经理 → 财务`, `Sales manager, Finance`), in
/// order and without repeats; `Err` names the first part that is not a role.
pub fn parse_role_list(text: &str) -> Result<Vec<Role>, String> {
    let mut roles = Vec::new();
    for part in split_list(&text.replace(['→', '>'], ",")) {
        let role = parse_role(&part).ok_or(part)?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    Ok(roles)
}

fn parse_role(text: &str) -> Option<Role> {
    let key: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    let role = match key.as_str() {
        "销售" | "销售员" | "业务员" | "销售代表" | "salesperson" | "sales" | "salesrep" => {
            Role::Salesperson
        }
        "销售经理" | "销售主管" | "salesmanager" => Role::SalesManager,
        "财务" | "会计" | "出纳" | "应收会计" | "财务经理" | "finance" | "accountant" => {
            Role::Finance
        }
        "销售总监" | "salesdirector" => Role::SalesDirector,
        "总经理" | "总裁" | "ceo" | "generalmanager" => Role::Ceo,
        "财务总监" | "cfo" => Role::Cfo,
        "法务" | "律师" | "legal" => Role::Legal,
        _ => return None,
    };
    Some(role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_roles() {
        assert_eq!(
            split_list("制造, 出口；汽车、 电子 /x"),
            ["制造", "出口", "汽车", "电子", "x"]
        );
        assert!(split_list(" , ").is_empty());
        assert_eq!(parse_role("Sales Manager"), Some(Role::SalesManager));
        assert_eq!(parse_role("财务总监"), Some(Role::Cfo));
        assert_eq!(parse_role("业务员"), Some(Role::Salesperson));
        assert_eq!(
            parse_role_list("销售经理 → 财务 → CFO"),
            Ok(vec![Role::SalesManager, Role::Finance, Role::Cfo])
        );
        assert_eq!(
            parse_role_list("Sales Manager, finance, 财务"),
            Ok(vec![Role::SalesManager, Role::Finance])
        );
        assert_eq!(parse_role_list("销售经理 > 老板"), Err("老板".to_owned()));
        assert_eq!(parse_role_list(" "), Ok(vec![]));
        assert_eq!(parse_role("janitor"), None);
    }
}
