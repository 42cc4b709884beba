//! The default matrix: boundaries, exact texts, recipients.

use super::*;
use crate::domain::rules::{Channel, RecipientSpec, Rule, Severity};

fn fired_rules(days: i64) -> Vec<usize> {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(days), cny(100)));
    w.run(today())
        .iter()
        .filter(|r| r.audience == Audience::Internal)
        .map(|r| r.rule)
        .collect()
}

#[test]
fn tier_boundaries() {
    let cases: [(i64, &[usize]); 11] = [
        (-5, &[]),
        (0, &[]),
        (1, &[0]),
        (7, &[0]),
        (8, &[1]),
        (15, &[1]),
        (16, &[2]),
        (30, &[2]),
        (31, &[3]),
        (365, &[3]),
        (10_000, &[3]),
    ];
    for (days, rules) in cases {
        assert_eq!(fired_rules(days), rules, "{days} days overdue");
    }
}

/// 华东精密, order SO-001, ¥12,345.67, `days` overdue: the reminder of its tier.
fn known(days: i64, lang: Lang) -> Reminder {
    let mut w = World::new();
    w.settings.language = lang;
    w.add(with_order(
        invoice("INV-001", "C001", days_ago(days), cny(1234567)),
        "SO-001",
    ));
    let mut out = w.run(today());
    assert_eq!(out.len(), 1);
    out.remove(0)
}

fn body(r: &Reminder, channel: Channel) -> &str {
    &r.message(channel).unwrap().body
}

#[test]
fn exact_default_texts_in_chinese() {
    let r = known(10, Lang::Zh);
    assert_eq!(
        body(&r, Channel::Email),
        "【中度逾期警告】客户 华东精密 的订单 SO-001 已逾期 10 天,请销售经理督促处理,确保款项尽快回笼。"
    );
    assert_eq!(
        r.message(Channel::Email).unwrap().subject.as_deref(),
        Some("【中度逾期警告】客户 华东精密 订单 SO-001 已逾期 10 天")
    );
    assert_eq!(r.message(Channel::InApp).unwrap().subject, None);
    assert_eq!(body(&r, Channel::InApp), body(&r, Channel::Email));
    assert_eq!(
        body(&known(5, Lang::Zh), Channel::DingTalk),
        "【轻度逾期提醒】客户 华东精密 的订单 SO-001 已逾期 5 天,金额 ¥12,345.67,请及时跟进。"
    );
    assert_eq!(
        body(&known(20, Lang::Zh), Channel::Sms),
        "【高度逾期警告】客户 华东精密 账款已严重逾期 20 天,金额 ¥12,345.67,请相关负责人立即启动高级别催收程序。"
    );
    assert_eq!(
        body(&known(45, Lang::Zh), Channel::Email),
        "【坏账风险预警】客户 华东精密 账款已逾期超30天,请决策层介入,评估是否启动法律程序。"
    );
}

#[test]
fn exact_default_texts_in_english() {
    let r = known(5, Lang::En);
    assert_eq!(r.message(Channel::InApp).unwrap().lang, Lang::En);
    assert_eq!(
        body(&r, Channel::InApp),
        "Overdue reminder (mild): customer 华东精密's order SO-001 is 5 days overdue, amount \
         ¥12,345.67. Please follow up promptly."
    );
    assert_eq!(
        body(&known(10, Lang::En), Channel::Email),
        "Overdue warning (moderate): customer 华东精密's order SO-001 is 10 days overdue. Sales \
         manager, please see that it is dealt with so that the payment comes in as soon as \
         possible."
    );
}

#[test]
fn reminder_fields_for_the_known_invoice() {
    let r = known(10, Lang::Zh);
    assert_eq!(
        (r.rule, r.rule_id.as_str(), r.severity, r.audience),
        (1, "overdue-8-15", Severity::Medium, Audience::Internal)
    );
    assert_eq!(
        (r.customer.as_str(), r.customer_name.as_str()),
        ("C001", "华东精密")
    );
    assert_eq!(
        (r.invoices.clone(), r.days_overdue),
        (vec!["INV-001".into()], 10)
    );
    assert_eq!(r.amount, cny(1234567));
    assert_eq!(r.channels, [Channel::Email, Channel::InApp]);
    assert!(r.warnings.is_empty() && r.unresolved_roles.is_empty());
    assert!(r.broken_promises.is_empty());
}

#[test]
fn order_number_falls_back_to_the_invoice_number() {
    let mut w = World::new();
    w.add(invoice("INV-777", "C001", days_ago(3), cny(100)));
    let out = w.run(today());
    assert_eq!(
        out[0].message(Channel::InApp).unwrap().body,
        "【轻度逾期提醒】客户 华东精密 的订单 INV-777 已逾期 3 天,金额 ¥1.00,请及时跟进。"
    );
}

#[test]
fn amount_is_the_outstanding_part() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(3), cny(100000)));
    w.pool.payments.push(crate::domain::model::Payment {
        number: "P1".into(),
        customer: "C001".into(),
        date: days_ago(10),
        amount: cny(40000),
        applies_to: vec![],
    });
    let out = w.run(today());
    assert_eq!(out[0].amount, cny(60000));
    assert!(out[0].messages[0].body.contains("金额 ¥600.00"));
}

#[test]
fn recipients_follow_the_matrix() {
    let recipients = |days| names(&known(days, Lang::Zh)).join(",");
    assert_eq!(recipients(3), "张三");
    assert_eq!(
        recipients(10),
        "张三,李经理",
        "the salesperson's own manager"
    );
    assert_eq!(recipients(20), "张三,王财务,赵总监");
    assert_eq!(recipients(40), "钱总,孙财总,周法务");
    let r = known(10, Lang::Zh);
    let manager = &r.recipients[1];
    assert_eq!(manager.kind, RecipientKind::Staff);
    assert_eq!(manager.roles, [Role::SalesManager]);
    assert_eq!(manager.reach.email.as_deref(), Some("李经理@example.com"));
    assert_eq!(manager.reach.dingtalk.as_deref(), Some("dt-李经理"));
}

#[test]
fn invoice_salesperson_wins_and_managers_fall_back_to_the_role() {
    let mut w = World::new();
    let mut inv = invoice("INV-1", "C001", days_ago(10), cny(100));
    inv.salesperson = Some(" 李四 ".into()); // 李四 has no manager on file
    w.add(inv);
    let out = w.run(today());
    assert_eq!(names(&out[0]), ["李四", "李经理", "吴经理"]);
}

#[test]
fn unresolved_roles_are_reported_not_dropped() {
    let mut w = World::new();
    w.pool.staff.retain(|p| p.name != "周法务");
    w.pool.customers[0].salesperson = Some("离职员工".into());
    w.add(invoice("INV-1", "C001", days_ago(40), cny(100)));
    w.add(invoice("INV-2", "C001", days_ago(20), cny(100)));
    let out = w.run(today());
    assert_eq!(shape(&out), [(2, vec!["INV-2"]), (3, vec!["INV-1"])]);
    assert_eq!(names(&out[0]), ["王财务", "赵总监"]);
    assert_eq!(out[0].unresolved_roles, [Role::Salesperson]);
    assert_eq!(out[1].unresolved_roles, [Role::Legal]);
    // Nobody at all: still a reminder, with every role listed.
    w.pool.staff.clear();
    let out = w.run(today());
    assert_eq!(out.len(), 2);
    assert!(out[1].recipients.is_empty());
    assert_eq!(out[1].unresolved_roles, [Role::Ceo, Role::Cfo, Role::Legal]);
    // A person named in a rule but missing from the directory is a warning.
    w.rules[3].recipients = vec![RecipientSpec::Person("陈顾问".into())];
    let out = w.run(today());
    assert_eq!(
        out[1].warnings,
        [ReminderWarning::UnknownPerson {
            name: "陈顾问".into()
        }]
    );
}

#[test]
fn a_person_with_two_roles_is_told_once() {
    let mut w = World::new();
    w.pool.staff[4].roles.push(Role::SalesDirector); // 王财务 also directs sales
    w.pool.staff.retain(|p| p.name != "赵总监");
    w.add(invoice("INV-1", "C001", days_ago(20), cny(100)));
    let out = w.run(today());
    assert_eq!(names(&out[0]), ["张三", "王财务"]);
    assert_eq!(
        out[0].recipients[1].roles,
        [Role::Finance, Role::SalesDirector]
    );
}

#[test]
fn paid_and_not_yet_counted_invoices_get_nothing() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(10), cny(100)));
    w.pool.payments.push(crate::domain::model::Payment {
        number: "P1".into(),
        customer: "C001".into(),
        date: days_ago(1),
        amount: cny(100),
        applies_to: vec![],
    });
    let mut future = invoice("INV-2", "C001", days_ago(10), cny(100));
    future.date = plus(today(), 1); // dated after the as-of date: not in the ledger
    w.add(future);
    assert!(w.run(today()).is_empty());
}

#[test]
fn a_ledger_of_another_day_is_shifted_to_the_as_of_date() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(8), cny(100)));
    let stale = ledger(&w.pool, AsOf(days_ago(2)));
    let out = evaluate(&EvalInput {
        pool: &w.pool,
        ledger: &stale,
        rules: &w.rules,
        directory: &w.pool.staff,
        as_of: AsOf(today()),
        history: &w.history,
        notes: &w.notes,
        settings: &w.settings,
        credit: &w.credit,
        late_risk: None,
    });
    assert_eq!((out[0].rule, out[0].days_overdue), (1, 8));
}

#[test]
fn a_computed_credit_grade_overrides_the_imported_one_in_conditions() {
    let mut w = World::new();
    w.rules = vec![Rule {
        id: "grade-d".into(),
        conditions: crate::domain::rules::Conditions {
            days: crate::domain::rules::DayRange::at_least(1),
            credit_grades: vec!["D".into()],
            ..Default::default()
        },
        ..w.rules[0].clone()
    }];
    w.add(invoice("INV-1", "C001", days_ago(3), cny(100)));
    assert!(w.run(today()).is_empty(), "imported grade B");
    w.credit.insert(
        "C001".into(),
        CreditFacts {
            grade: Some("D".into()),
            limit_use_bp: None,
        },
    );
    assert_eq!(shape(&w.run(today())), [(0, vec!["INV-1"])]);
}

#[test]
fn a_rule_on_credit_limit_use_fires_for_customers_at_or_over_it() {
    let mut w = World::new();
    w.rules = vec![Rule {
        id: "over-limit".into(),
        conditions: crate::domain::rules::Conditions {
            limit_use_at_least: Some(100),
            ..Default::default()
        },
        ..w.rules[0].clone()
    }];
    w.add(invoice("INV-1", "C001", days_ago(3), cny(100)));
    assert!(w.run(today()).is_empty(), "no limit known");
    let at = |bp| CreditFacts {
        grade: None,
        limit_use_bp: Some(bp),
    };
    w.credit.insert("C001".into(), at(9_999));
    assert!(w.run(today()).is_empty(), "just under the limit");
    w.credit.insert("C001".into(), at(10_000));
    assert_eq!(shape(&w.run(today())), [(0, vec!["INV-1"])]);
}

#[test]
fn a_rule_on_late_risk_warns_of_a_habitually_late_payer_before_the_due_date() {
    let mut w = World::new();
    w.pool
        .customers
        .push(customer("C002", "准时客户", Some("A"), "张三"));
    // Twelve months of history: C001 always pays 45 days after due, C002 on the due date.
    for m in 0..12i64 {
        for (code, delay) in [("C001", 45), ("C002", 0)] {
            let due = days_ago(400 - 30 * m);
            let number = format!("{code}-H{m}");
            w.add(invoice(&number, code, due, cny(10_000)));
            w.pool.payments.push(crate::domain::model::Payment {
                number: format!("{number}-P"),
                customer: code.into(),
                date: plus(due, delay),
                amount: cny(10_000),
                applies_to: vec![crate::domain::model::Application {
                    invoice: number,
                    amount: None,
                }],
            });
        }
    }
    // Both due in five days: a heads-up for the one likely to go bad, none for the other.
    w.add(invoice("LATE-1", "C001", days_ago(-5), cny(50_000)));
    w.add(invoice("ONTIME-1", "C002", days_ago(-5), cny(50_000)));
    w.rules = vec![Rule {
        id: "risky".into(),
        conditions: crate::domain::rules::Conditions {
            days: crate::domain::rules::DayRange::between(-7, 29),
            late_risk_at_least: Some(50),
            ..Default::default()
        },
        ..w.rules[0].clone()
    }];
    assert!(
        w.run(today()).is_empty(),
        "without predictions, no risk is claimed"
    );
    w.predict = true;

    assert_eq!(shape(&w.run(today())), [(0, vec!["LATE-1"])]);
}
