//! Consolidated reminders, customer-facing rules and output order.

use super::*;
use crate::domain::rules::{
    Channel, Conditions, Consolidation, DayRange, MessageTemplate, RecipientSpec,
};

fn usd(minor: i64) -> Money {
    Money::new(minor, Currency::USD)
}

fn consolidated_rule() -> Rule {
    Rule {
        id: "digest".into(),
        name: "客户汇总".into(),
        conditions: Conditions {
            days: DayRange::at_least(1),
            ..Conditions::default()
        },
        recipients: vec![
            RecipientSpec::Role(Role::Salesperson),
            RecipientSpec::Role(Role::Finance),
        ],
        channels: vec![Channel::Email],
        templates: vec![MessageTemplate {
            channel: None,
            lang: Lang::Zh,
            subject: Some("[客户名]：[发票号]".into()),
            body: "[N] [金额] [未收总额]\n[明细]".into(),
        }],
        consolidation: Consolidation::PerCustomer,
        ..Rule::default()
    }
}

#[test]
fn one_reminder_per_customer_currency_and_recipient() {
    let mut w = World::new();
    w.rules = vec![consolidated_rule()];
    w.pool
        .customers
        .push(customer("C002", "华南电子", Some("A"), "李四"));
    w.add(with_order(
        invoice("INV-1", "C001", days_ago(10), cny(10000)),
        "SO-1",
    ));
    let mut by_li = invoice("INV-2", "C001", days_ago(5), cny(25000));
    by_li.salesperson = Some("李四".into());
    w.add(by_li);
    w.add(invoice("INV-3", "C001", days_ago(3), usd(4000)));
    w.add(invoice("INV-4", "C002", days_ago(1), cny(100)));
    w.add(invoice("INV-5", "C001", plus(today(), 5), cny(700))); // not due: only in totals
    let out = w.run(today());
    let got: Vec<(&str, &str, Vec<&str>)> = out
        .iter()
        .map(|r| {
            (
                r.customer.as_str(),
                r.recipients[0].name.as_str(),
                r.invoices.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("C001", "张三", vec!["INV-1"]),
            ("C001", "王财务", vec!["INV-1", "INV-2"]),
            ("C001", "李四", vec!["INV-2"]),
            ("C001", "张三", vec!["INV-3"]),
            ("C001", "王财务", vec!["INV-3"]),
            ("C002", "李四", vec!["INV-4"]),
            ("C002", "王财务", vec!["INV-4"]),
        ]
    );
    assert!(out.iter().all(|r| r.recipients.len() == 1));
    let finance = &out[1];
    assert_eq!((finance.days_overdue, finance.amount), (10, cny(35000)));
    let email = finance.message(Channel::Email).unwrap();
    assert_eq!(email.subject.as_deref(), Some("华东精密：INV-1、INV-2"));
    assert_eq!(
        email.body,
        "10 ¥350.00 ¥357.00\n\
         - 发票 INV-1（订单 SO-1），到期日 2026-03-10，逾期 10 天，未收 ¥100.00\n\
         - 发票 INV-2，到期日 2026-03-15，逾期 5 天，未收 ¥250.00"
    );
    assert_eq!(out[3].amount, usd(4000));
    assert_eq!(out[1].recipients[0].roles, [Role::Finance]);
}

#[test]
fn consolidated_invoices_nobody_can_receive_are_gathered() {
    let mut w = World::new();
    w.rules = vec![consolidated_rule()];
    w.pool.staff.retain(|p| p.name != "王财务");
    w.pool.customers[0].salesperson = None;
    w.add(invoice("INV-1", "C001", days_ago(10), cny(100)));
    w.add(invoice("INV-2", "C001", days_ago(4), cny(100)));
    let mut known = invoice("INV-3", "C001", days_ago(2), cny(100));
    known.salesperson = Some("张三".into());
    w.add(known);
    let out = w.run(today());
    assert_eq!(
        shape(&out),
        [(0, vec!["INV-1", "INV-2"]), (0, vec!["INV-3"])]
    );
    assert!(out[0].recipients.is_empty());
    assert_eq!(out[0].unresolved_roles, [Role::Salesperson, Role::Finance]);
    assert_eq!(names(&out[1]), ["张三"]);
    assert_eq!(out[1].unresolved_roles, [Role::Finance]);
    assert_eq!(out[0].due_on, today());
}

#[test]
fn per_invoice_rules_give_one_reminder_per_invoice() {
    let mut w = World::new();
    for n in 1..=3 {
        w.add(invoice(&format!("INV-{n}"), "C001", days_ago(3), cny(100)));
    }
    assert_eq!(
        shape(&w.run(today())),
        [(0, vec!["INV-1"]), (0, vec!["INV-2"]), (0, vec!["INV-3"])]
    );
}

#[test]
fn output_is_ordered_by_rule_customer_and_invoice_whatever_the_pool_order() {
    let mut w = World::new();
    w.pool
        .customers
        .push(customer("B900", "北方机械", None, "李四"));
    w.add(invoice("INV-9", "C001", days_ago(20), cny(100)));
    w.add(invoice("INV-2", "C001", days_ago(3), cny(100)));
    w.add(invoice("INV-1", "C001", days_ago(4), cny(100)));
    w.add(invoice("X-1", "B900", days_ago(2), cny(100)));
    w.add(invoice("INV-10", "C001", days_ago(25), cny(100)));
    let out = w.run(today());
    let order: Vec<(usize, &str, &str)> = out
        .iter()
        .map(|r| (r.rule, r.customer.as_str(), r.invoices[0].as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (0, "B900", "X-1"),
            (0, "C001", "INV-1"),
            (0, "C001", "INV-2"),
            (2, "C001", "INV-10"),
            (2, "C001", "INV-9"),
        ]
    );
    w.pool.invoices.reverse();
    assert_eq!(w.run(today()), out);
}

#[test]
fn customer_facing_rules_write_to_the_contact_and_are_gentler_for_grade_a() {
    let mut w = World::new();
    w.rules
        .iter_mut()
        .for_each(|r| r.enabled = r.audience() == Audience::Customer);
    w.pool
        .customers
        .push(customer("C002", "华南电子", Some("A"), "李四"));
    w.add(invoice("INV-1", "C001", days_ago(10), cny(10000)));
    w.add(invoice("INV-2", "C001", days_ago(12), cny(20000)));
    w.add(invoice("INV-3", "C002", days_ago(10), cny(30000)));
    w.add(invoice("INV-4", "C002", plus(today(), 2), cny(40000)));
    let out = w.run(today());
    let ids: Vec<(&str, &str, usize)> = out
        .iter()
        .map(|r| (r.rule_id.as_str(), r.customer.as_str(), r.invoices.len()))
        .collect();
    assert_eq!(
        ids,
        [
            ("customer-before-due", "C002", 1),
            ("customer-7-gentle", "C002", 1),
            ("customer-7", "C001", 2),
        ]
    );
    let firm = &out[2];
    assert_eq!(firm.audience, Audience::Customer);
    let contact = &firm.recipients[0];
    assert_eq!(contact.kind, RecipientKind::Customer);
    assert_eq!(contact.name, "华东精密财务部");
    assert_eq!(contact.reach.email.as_deref(), Some("ap@C001.example.com"));
    let body = &firm.message(Channel::Email).unwrap().body;
    assert!(
        body.starts_with("尊敬的 华东精密：\n您好！以下款项已逾期 12 天"),
        "{body}"
    );
    assert!(
        body.contains("合计 ¥300.00。") && body.ends_with("\n星河贸易"),
        "{body}"
    );
    let gentle = &out[1].message(Channel::Email).unwrap().body;
    assert!(gentle.contains("感谢贵司一直以来的支持与合作"), "{gentle}");
    // No way to reach the customer: a warning.
    w.pool.customers[0].contact.email = None;
    let out = w.run(today());
    assert_eq!(out[2].warnings, [ReminderWarning::NoCustomerContact]);
}

#[test]
fn customer_messages_use_english_when_asked() {
    let mut w = World::new();
    w.rules
        .iter_mut()
        .for_each(|r| r.enabled = r.audience() == Audience::Customer);
    w.settings.language = Lang::En;
    w.add(invoice("INV-1", "C001", plus(today(), 3), cny(10000)));
    let out = w.run(today());
    let email = out[0].message(Channel::Email).unwrap();
    assert_eq!(
        email.subject.as_deref(),
        Some("Payment reminder: 星河贸易 invoice due on 2026-03-23")
    );
    assert!(email
        .body
        .starts_with("Dear 华东精密,\nA friendly reminder"));
    assert!(email
        .body
        .contains("- Invoice INV-1, due 2026-03-23, due in 3 days, outstanding ¥100.00"));
}
