//! Disputes, promises to pay, snoozes, handled marks and excluded customers.

use super::*;
use crate::domain::rules::{Channel, Conditions, DayRange, Severity};

fn inv_ref(number: &str) -> InvoiceRef {
    InvoiceRef::new("C001", number)
}

#[test]
fn disputed_invoices_are_skipped_but_stay_in_totals() {
    let mut w = World::new();
    let mut disputed = invoice("INV-1", "C001", days_ago(10), cny(50000));
    disputed.disputed = true;
    w.add(disputed);
    w.add(invoice("INV-2", "C001", days_ago(10), cny(10000)));
    w.rules[1].templates[0].body = "[发票号] [金额] [未收总额]".into();
    let out = w.run(today());
    assert_eq!(shape(&out), [(1, vec!["INV-2"])]);
    assert_eq!(out[0].messages[0].body, "INV-2 ¥100.00 ¥600.00");
    // A dispute set in the app overrides the imported flag; the latest entry wins.
    w.note(
        today(),
        Note::Dispute {
            invoice: inv_ref("INV-1"),
            on: false,
        },
    );
    assert_eq!(w.run(today()).len(), 2);
    w.note(
        today(),
        Note::Dispute {
            invoice: inv_ref("INV-2"),
            on: true,
        },
    );
    assert_eq!(shape(&w.run(today())), [(1, vec!["INV-1"])]);
    // A rule that does not skip disputes can target them.
    w.rules[0] = Rule {
        id: "disputes".into(),
        conditions: Conditions {
            disputed: Some(true),
            ..Conditions::default()
        },
        skip_disputed: false,
        ..w.rules[0].clone()
    };
    assert_eq!(
        shape(&w.run(today())),
        [(0, vec!["INV-2"]), (1, vec!["INV-1"])]
    );
}

#[test]
fn a_pending_promise_pauses_and_a_broken_one_escalates() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(10), cny(100)));
    let promised = plus(today(), 3);
    w.note(
        today(),
        Note::Promise {
            invoice: inv_ref("INV-1"),
            date: promised,
            amount: Some(cny(100)),
        },
    );
    for d in 0..=3 {
        assert!(
            w.run(plus(today(), d)).is_empty(),
            "paused through the promised day"
        );
    }
    let broken_day = plus(today(), 4);
    let out = w.run(broken_day);
    assert_eq!(out.len(), 1);
    let r = &out[0];
    assert_eq!((r.rule, r.days_overdue), (1, 14));
    assert_eq!(r.severity, Severity::High, "medium, one step up");
    assert_eq!(
        r.broken_promises,
        [BrokenPromise {
            invoice: "INV-1".into(),
            promised
        }]
    );
    assert_eq!(r.due_on, broken_day);
    assert!(r
        .message(Channel::Email)
        .unwrap()
        .body
        .ends_with("确保款项尽快回笼。\n注意：发票 INV-1 的付款承诺（2026-03-23）已到期未兑现。"));
}

#[test]
fn a_broken_promise_waives_the_cooldown_once() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(8), cny(100)));
    assert_eq!(w.run_and_record(today()).len(), 1); // 8–15 fires on day 8
    w.note(
        plus(today(), 1),
        Note::Promise {
            invoice: inv_ref("INV-1"),
            date: plus(today(), 2),
            amount: None,
        },
    );
    assert!(w.run_and_record(plus(today(), 2)).is_empty());
    let out = w.run_and_record(plus(today(), 3)); // day 11: within 8–15's cooldown
    assert_eq!(shape(&out), [(1, vec!["INV-1"])]);
    assert_eq!(out[0].broken_promises.len(), 1);
    assert!(w.run_and_record(plus(today(), 4)).is_empty(), "only once");
}

#[test]
fn promise_conditions_select_promised_or_broken_invoices() {
    let mut w = World::new();
    w.rules = vec![Rule {
        id: "broken".into(),
        conditions: Conditions {
            promise_broken: Some(true),
            ..Conditions::default()
        },
        ..w.rules[3].clone()
    }];
    w.add(invoice("INV-1", "C001", days_ago(2), cny(100)));
    w.add(invoice("INV-2", "C001", days_ago(2), cny(100)));
    w.note(
        days_ago(5),
        Note::Promise {
            invoice: inv_ref("INV-1"),
            date: days_ago(1),
            amount: None,
        },
    );
    let out = w.run(today());
    assert_eq!(shape(&out), [(0, vec!["INV-1"])]);
    assert_eq!(out[0].due_on, today());
    // A later promise replaces the broken one.
    w.note(
        today(),
        Note::Promise {
            invoice: inv_ref("INV-1"),
            date: plus(today(), 7),
            amount: None,
        },
    );
    assert!(w.run(today()).is_empty());
}

#[test]
fn notes_recorded_after_the_as_of_date_do_not_count() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(3), cny(100)));
    w.note(
        plus(today(), 1),
        Note::Dispute {
            invoice: inv_ref("INV-1"),
            on: true,
        },
    );
    assert_eq!(w.run(today()).len(), 1);
    assert!(w.run(plus(today(), 1)).is_empty());
}

#[test]
fn snooze_silences_every_rule_until_its_day() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(3), cny(100)));
    w.note(
        today(),
        Note::Snooze {
            invoice: inv_ref("INV-1"),
            until: plus(today(), 2),
        },
    );
    assert!(w.run(today()).is_empty());
    assert!(w.run(plus(today(), 1)).is_empty());
    let out = w.run(plus(today(), 2));
    assert_eq!(shape(&out), [(0, vec!["INV-1"])]);
    assert_eq!(out[0].due_on, plus(today(), 2));
}

#[test]
fn handled_stops_one_rule_for_one_invoice() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(40), cny(100)));
    w.add(invoice("INV-2", "C001", days_ago(40), cny(100)));
    let key = |number: &str| ReminderKey {
        rule: "overdue-31-plus".into(),
        invoice: inv_ref(number),
    };
    w.note(
        today(),
        Note::Handled {
            key: key("INV-1"),
            on: true,
        },
    );
    assert_eq!(shape(&w.run(today())), [(3, vec!["INV-2"])]);
    w.note(
        today(),
        Note::Handled {
            key: key("INV-1"),
            on: false,
        },
    );
    assert_eq!(w.run(today()).len(), 2);
    // Handled at 1–7 does not stop the next tier.
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(1), cny(100)));
    let first = w.run_and_record(today());
    for k in first[0].keys() {
        w.note(today(), Note::Handled { key: k, on: true });
    }
    assert_eq!(shape(&w.run(plus(today(), 7))), [(1, vec!["INV-1"])]);
}

#[test]
fn excluded_customers_get_nothing_until_included_again() {
    let mut w = World::new();
    w.pool
        .customers
        .push(customer("C002", "华南电子", Some("A"), "李四"));
    w.add(invoice("INV-1", "C001", days_ago(3), cny(100)));
    w.add(invoice("INV-2", "C002", days_ago(3), cny(100)));
    let exclude = |on| Note::ExcludeCustomer {
        customer: "C002".into(),
        on,
    };
    w.note(today(), exclude(true));
    assert_eq!(shape(&w.run(today())), [(0, vec!["INV-1"])]);
    assert_eq!(w.preview(today())[0], (0, 1));
    w.note(today(), exclude(false));
    assert_eq!(w.run(today()).len(), 2);
}

#[test]
fn broken_templates_leave_a_warning_not_a_blank() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(10), cny(100)));
    w.rules[1].templates[0].body = "客户 [客户] 逾期".into();
    w.rules[1].templates[0].subject = Some("{subjet}".into());
    let out = w.run(today());
    assert_eq!(out.len(), 1, "who and what is still decided");
    // Chinese is broken: no message; English is not used as a fallback for a broken text.
    assert!(out[0].messages.is_empty());
    assert_eq!(out[0].warnings.len(), 2);
    assert!(matches!(
        &out[0].warnings[0],
        ReminderWarning::Template { channel: Channel::Email, part: crate::domain::rules::TemplatePart::Body, error }
            if error.placeholder == "[客户]"
    ));
    // No template at all for a channel.
    w.rules[1].templates.clear();
    let out = w.run(today());
    assert_eq!(
        out[0].warnings,
        [
            ReminderWarning::NoTemplate {
                channel: Channel::Email
            },
            ReminderWarning::NoTemplate {
                channel: Channel::InApp
            },
        ]
    );
    // A broken subject alone keeps the body.
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(10), cny(100)));
    w.rules[1].templates[0].subject = Some("{subjet}".into());
    let out = w.run(today());
    let email = out[0].message(Channel::Email).unwrap();
    assert_eq!(email.subject, None);
    assert!(email.body.starts_with("【中度逾期警告】"));
    assert_eq!(out[0].warnings.len(), 1);
}

#[test]
fn day_ranges_before_the_due_date_work() {
    let mut w = World::new();
    w.rules = vec![Rule {
        id: "soon".into(),
        conditions: Conditions {
            days: DayRange::between(-3, -1),
            ..Conditions::default()
        },
        ..w.rules[0].clone()
    }];
    w.add(invoice("INV-1", "C001", plus(today(), 2), cny(100)));
    w.add(invoice("INV-2", "C001", plus(today(), 4), cny(100)));
    let out = w.run(today());
    assert_eq!(shape(&out), [(0, vec!["INV-1"])]);
    assert_eq!(out[0].days_overdue, -2);
}

#[test]
fn paused_lists_what_the_notes_hold_back_and_forgets_what_was_cleared() {
    let mut w = World::new();
    let d = today();
    let inv = |n: &str| InvoiceRef::new("C001", n);
    w.note(
        d,
        Note::Dispute {
            invoice: inv("B"),
            on: true,
        },
    )
    .note(
        d,
        Note::Dispute {
            invoice: inv("A"),
            on: true,
        },
    )
    .note(
        d,
        Note::Dispute {
            invoice: inv("A"),
            on: false,
        },
    )
    .note(
        d,
        Note::ExcludeCustomer {
            customer: "C009".into(),
            on: true,
        },
    )
    .note(
        d,
        Note::Snooze {
            invoice: inv("S"),
            until: plus(d, 3),
        },
    )
    .note(
        d,
        Note::Snooze {
            invoice: inv("T"),
            until: d,
        },
    )
    .note(
        d,
        Note::Promise {
            invoice: inv("P"),
            date: plus(d, 5),
            amount: None,
        },
    )
    .note(
        d,
        Note::Promise {
            invoice: inv("Q"),
            date: plus(d, -1),
            amount: None,
        },
    );
    let p = w.notes.view(AsOf(d)).paused(AsOf(d));
    assert_eq!(p.disputed, [inv("B")]);
    assert_eq!(p.excluded, ["C009"]);
    assert_eq!(
        p.snoozed,
        [(inv("S"), plus(d, 3))],
        "an ended snooze is not paused"
    );
    assert_eq!(
        p.promised,
        [(inv("P"), plus(d, 5), None)],
        "a broken promise is not paused"
    );
}
