use super::*;
use crate::domain::asof::AsOf;
use crate::domain::ledger::{ledger, InvoiceStatus};
use crate::domain::model::{Invoice, Person, Pool, SalesOrder};
use proptest::prelude::*;
use std::borrow::Cow;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, day).unwrap()
}
fn t(m: u32, day: u32, hour: u32) -> NaiveDateTime {
    d(m, day).and_hms_opt(hour, 0, 0).unwrap()
}
fn cny(yuan: i64) -> Money {
    Money::new(yuan * 100, Currency::CNY)
}
fn person(name: &str, roles: &[Role]) -> Person {
    Person {
        name: name.into(),
        roles: roles.to_vec(),
        ..Person::default()
    }
}
fn staff() -> Vec<Person> {
    vec![
        person("张三", &[Role::Salesperson]),
        person("李经理", &[Role::SalesManager]),
        person("王会计", &[Role::Finance]),
        person("赵总", &[Role::Cfo]),
        person("全能", &[Role::SalesManager, Role::Finance]),
    ]
}
fn pool() -> Pool {
    Pool {
        invoices: vec![Invoice {
            due: Some(d(5, 31)),
            salesperson: Some("张三".into()),
            ..Invoice::new("INV-9", "C1", d(5, 1), cny(50_000))
        }],
        orders: vec![SalesOrder {
            number: "SO-1".into(),
            customer: "C1".into(),
            date: d(4, 1),
            amount: cny(50_000),
            terms: None,
            salesperson: None,
            product_line: None,
            region: None,
        }],
        staff: staff(),
        ..Pool::default()
    }
}
fn extension(id: &str, new_due: NaiveDate, promised: Option<Money>) -> ApprovalRequest {
    ApprovalRequest {
        id: id.into(),
        subject: Subject::Invoice {
            customer: "C1".into(),
            number: "INV-9".into(),
        },
        kind: RequestKind::TermExtension {
            new_due,
            original_due: d(5, 31),
        },
        reason: "客户资金周转，承诺6月20日前付清".into(),
        promised_amount: promised,
        requested_by: "张三".into(),
        requested_at: t(6, 1, 9),
    }
}
fn step(id: &str, index: u32, role: Role, actor: &str, decision: Decision) -> ApprovalStep {
    ApprovalStep {
        request_id: id.into(),
        step_index: index,
        role,
        actor: actor.into(),
        decision,
        comment: match decision {
            Decision::Approve => "同意".into(),
            Decision::Reject => "已多次逾期，不同意".into(),
        },
        at: t(6, 2, 9 + index),
    }
}
fn key() -> InvoiceKey {
    ("C1".into(), "INV-9".into())
}

#[test]
fn a_full_extension_changes_the_due_date_and_keeps_the_original() {
    let pool = pool();
    let config = ApprovalConfig::default();
    let request = extension("R1", d(6, 20), Some(cny(50_000)));
    // Submit.
    assert_eq!(validate_request(&request, &pool, &[], &[], &config), Ok(()));
    assert_eq!(
        chain_for(&request, &config),
        [Role::SalesManager, Role::Finance]
    );
    let requests = vec![request.clone()];
    let mut steps: Vec<ApprovalStep> = Vec::new();
    let as_of = AsOf(d(6, 10));
    assert_eq!(
        status(&request, &steps, &config),
        RequestStatus::Pending {
            next_role: Role::SalesManager,
            step_index: 0
        }
    );
    let marks = pending_invoices(&requests, &steps, &config, as_of);
    assert_eq!(
        marks[&key()],
        PendingMark {
            request_id: "R1".into(),
            next_role: Role::SalesManager,
            step_index: 0,
            new_due: Some(d(6, 20)),
        }
    );
    assert!(effective_due_overrides(&requests, &steps, &config, as_of).is_empty());
    // A second request for the same invoice waits for this one.
    assert_eq!(
        validate_request(
            &extension("R2", d(6, 30), None),
            &pool,
            &requests,
            &steps,
            &config
        ),
        Err(RequestError::AlreadyPending {
            request_id: "R1".into()
        })
    );

    // Approve: sales manager, then finance.
    let first = step("R1", 0, Role::SalesManager, "李经理", Decision::Approve);
    assert_eq!(
        validate_step(&request, &steps, &first, &config, &pool.staff),
        Ok(())
    );
    steps.push(first);
    assert_eq!(
        status(&request, &steps, &config),
        RequestStatus::Pending {
            next_role: Role::Finance,
            step_index: 1
        }
    );
    assert_eq!(
        pending_invoices(&requests, &steps, &config, as_of)[&key()].next_role,
        Role::Finance
    );
    let second = step("R1", 1, Role::Finance, "王会计", Decision::Approve);
    assert_eq!(
        validate_step(&request, &steps, &second, &config, &pool.staff),
        Ok(())
    );
    steps.push(second);
    assert_eq!(
        status(&request, &steps, &config),
        RequestStatus::Approved { at: t(6, 2, 10) }
    );

    // The due date changed; the original stays on the request.
    let overrides = effective_due_overrides(&requests, &steps, &config, as_of);
    assert_eq!(overrides.len(), 1);
    assert_eq!(overrides[&key()], d(6, 20));
    assert!(pending_invoices(&requests, &steps, &config, as_of).is_empty());
    assert!(matches!(
        requests[0].kind,
        RequestKind::TermExtension { original_due, .. } if original_due == d(5, 31)
    ));
    let before = ledger(&pool, as_of);
    assert_eq!(before.lines[0].days_overdue, 10);
    assert_eq!(before.lines[0].status, InvoiceStatus::Overdue);
    let extended = pool_with_due_overrides(&pool, &overrides);
    assert!(matches!(extended, Cow::Owned(_)));
    let after = ledger(&extended, as_of);
    assert_eq!(after.lines[0].due, d(6, 20));
    assert_eq!(after.lines[0].days_overdue, -10);
    assert_eq!(after.lines[0].status, InvoiceStatus::Open);
    assert_eq!(
        pool.invoices[0].due,
        Some(d(5, 31)),
        "the pool is untouched"
    );

    // As of a day before the approval, nothing had changed yet.
    let earlier = AsOf(d(6, 1));
    assert!(effective_due_overrides(&requests, &steps, &config, earlier).is_empty());
    assert_eq!(
        pending_invoices(&requests, &steps, &config, earlier)[&key()].step_index,
        0
    );
    // And before the request, there was nothing to mark.
    assert!(pending_invoices(&requests, &steps, &config, AsOf(d(5, 31))).is_empty());

    // Closed: no more steps.
    let late = step("R1", 2, Role::Cfo, "赵总", Decision::Approve);
    assert!(matches!(
        validate_step(&request, &steps, &late, &config, &pool.staff),
        Err(StepError::Closed {
            status: RequestStatus::Approved { .. }
        })
    ));
}

#[test]
fn the_cfo_signs_long_or_large_extensions() {
    let config = ApprovalConfig::default();
    let base = [Role::SalesManager, Role::Finance];
    let with_cfo = [Role::SalesManager, Role::Finance, Role::Cfo];
    // 05-31 → 06-30 is exactly 30 days: no CFO. 07-01 is 31: CFO.
    assert_eq!(chain_for(&extension("a", d(6, 30), None), &config), base);
    assert_eq!(chain_for(&extension("b", d(7, 1), None), &config), with_cfo);
    // ¥100,000 is not more than ¥100,000; one fen more is.
    assert_eq!(
        chain_for(&extension("c", d(6, 10), Some(cny(100_000))), &config),
        base
    );
    let over = Money::new(10_000_001, Currency::CNY);
    assert_eq!(
        chain_for(&extension("d", d(6, 10), Some(over)), &config),
        with_cfo
    );
    // No threshold for USD: amount never escalates in it.
    let usd = Money::new(1_000_000_000, Currency::USD);
    assert_eq!(
        chain_for(&extension("e", d(6, 10), Some(usd)), &config),
        base
    );

    // The full 45-day flow needs three approvals.
    let request = extension("R", d(7, 15), None);
    let mut steps = vec![
        step("R", 0, Role::SalesManager, "李经理", Decision::Approve),
        step("R", 1, Role::Finance, "王会计", Decision::Approve),
    ];
    assert_eq!(
        status(&request, &steps, &config),
        RequestStatus::Pending {
            next_role: Role::Cfo,
            step_index: 2
        }
    );
    let cfo = step("R", 2, Role::Cfo, "赵总", Decision::Approve);
    assert_eq!(
        validate_step(&request, &steps, &cfo, &config, &staff()),
        Ok(())
    );
    steps.push(cfo);
    assert!(status(&request, &steps, &config).is_approved());

    // A configured chain that already holds the CFO does not repeat it.
    let custom = ApprovalConfig {
        chain: vec![Role::Finance, Role::Cfo],
        ..ApprovalConfig::default()
    };
    assert_eq!(chain_for(&request, &custom), [Role::Finance, Role::Cfo]);
    // Special terms: the days are the terms.
    let special = ApprovalRequest {
        subject: Subject::Order {
            customer: "C1".into(),
            number: "SO-1".into(),
        },
        kind: RequestKind::SpecialTerms { days: 31 },
        ..request
    };
    assert_eq!(chain_for(&special, &config), with_cfo);
}

#[test]
fn a_rejection_leaves_everything_as_it_was() {
    let pool = pool();
    let config = ApprovalConfig::default();
    let request = extension("R1", d(6, 20), None);
    let requests = vec![request.clone()];
    let steps = vec![
        step("R1", 0, Role::SalesManager, "李经理", Decision::Approve),
        step("R1", 1, Role::Finance, "王会计", Decision::Reject),
    ];
    assert_eq!(
        status(&request, &steps, &config),
        RequestStatus::Rejected {
            at: t(6, 2, 10),
            by: "王会计".into(),
            comment: "已多次逾期，不同意".into(),
        }
    );
    let as_of = AsOf(d(6, 10));
    let overrides = effective_due_overrides(&requests, &steps, &config, as_of);
    assert!(overrides.is_empty());
    assert!(pending_invoices(&requests, &steps, &config, as_of).is_empty());
    assert!(matches!(
        pool_with_due_overrides(&pool, &overrides),
        Cow::Borrowed(_)
    ));
    assert_eq!(ledger(&pool, as_of).lines[0].due, d(5, 31));
    // Nothing more can happen to it; a fresh request may be made.
    let more = step("R1", 2, Role::Cfo, "赵总", Decision::Approve);
    assert!(matches!(
        validate_step(&request, &steps, &more, &config, &pool.staff),
        Err(StepError::Closed {
            status: RequestStatus::Rejected { .. }
        })
    ));
    assert_eq!(
        validate_request(
            &extension("R2", d(6, 15), None),
            &pool,
            &requests,
            &steps,
            &config
        ),
        Ok(())
    );
    // A rejection at the first step ends it too.
    let early = vec![step(
        "R1",
        0,
        Role::SalesManager,
        "李经理",
        Decision::Reject,
    )];
    assert!(matches!(
        status(&request, &early, &config),
        RequestStatus::Rejected { .. }
    ));
}

#[test]
fn invalid_steps_are_refused_with_reasons() {
    let config = ApprovalConfig::default();
    let people = staff();
    let request = extension("R1", d(6, 20), None);
    let none: Vec<ApprovalStep> = Vec::new();
    let check = |steps: &[ApprovalStep], s: &ApprovalStep| {
        validate_step(&request, steps, s, &config, &people)
    };

    let wrong_id = step("R9", 0, Role::SalesManager, "李经理", Decision::Approve);
    assert_eq!(
        check(&none, &wrong_id),
        Err(StepError::WrongRequest {
            expected: "R1".into(),
            got: "R9".into()
        })
    );
    let skip = step("R1", 1, Role::Finance, "王会计", Decision::Approve);
    assert_eq!(
        check(&none, &skip),
        Err(StepError::OutOfOrder {
            expected: 0,
            got: 1
        })
    );
    let wrong_role = step("R1", 0, Role::Finance, "王会计", Decision::Approve);
    assert_eq!(
        check(&none, &wrong_role),
        Err(StepError::WrongRole {
            expected: Role::SalesManager,
            got: Role::Finance
        })
    );
    let mut early = step("R1", 0, Role::SalesManager, "李经理", Decision::Approve);
    early.at = t(5, 30, 9);
    assert_eq!(check(&none, &early), Err(StepError::BeforeRequest));
    let mut nobody = step("R1", 0, Role::SalesManager, " ", Decision::Approve);
    nobody.actor = "  ".into();
    assert_eq!(check(&none, &nobody), Err(StepError::MissingActor));
    let mut silent = step("R1", 0, Role::SalesManager, "李经理", Decision::Reject);
    silent.comment = " ".into();
    assert_eq!(check(&none, &silent), Err(StepError::RejectionNeedsComment));
    let stranger = step("R1", 0, Role::SalesManager, "路人", Decision::Approve);
    assert_eq!(
        check(&none, &stranger),
        Err(StepError::UnknownActor {
            actor: "路人".into()
        })
    );
    let sales = step("R1", 0, Role::SalesManager, "张三", Decision::Approve);
    assert_eq!(
        check(&none, &sales),
        Err(StepError::ActorLacksRole {
            actor: "张三".into(),
            role: Role::SalesManager
        })
    );

    // After the first step.
    let done = vec![step("R1", 0, Role::SalesManager, "全能", Decision::Approve)];
    let again = step("R1", 0, Role::SalesManager, "李经理", Decision::Approve);
    assert_eq!(
        check(&done, &again),
        Err(StepError::OutOfOrder {
            expected: 1,
            got: 0
        })
    );
    let twice = step("R1", 1, Role::Finance, "全能", Decision::Approve);
    assert_eq!(
        check(&done, &twice),
        Err(StepError::SameActor {
            actor: "全能".into(),
            step_index: 0
        })
    );
    let lax = ApprovalConfig {
        distinct_actors: false,
        ..ApprovalConfig::default()
    };
    assert_eq!(
        validate_step(&request, &done, &twice, &lax, &people),
        Ok(())
    );
    let mut backdated = step("R1", 1, Role::Finance, "王会计", Decision::Approve);
    backdated.at = t(6, 2, 8);
    assert_eq!(check(&done, &backdated), Err(StepError::BeforePreviousStep));
    assert_eq!(
        StepError::OutOfOrder {
            expected: 1,
            got: 0
        }
        .to_string(),
        "step 0 given, but step 1 is next"
    );

    // Stored steps that do not fit are ignored by the status.
    let messy = vec![
        skip.clone(),
        wrong_role,
        step("R1", 0, Role::SalesManager, "李经理", Decision::Approve),
        step("R1", 0, Role::SalesManager, "全能", Decision::Reject),
        step("R1", 1, Role::Finance, "李经理", Decision::Approve), // lacks role, but...
    ];
    // ...the directory is not consulted on replay (people leave); distinct actors is.
    assert_eq!(
        status(&request, &messy, &config),
        RequestStatus::Pending {
            next_role: Role::Finance,
            step_index: 1
        }
    );
}

#[test]
fn requests_are_checked_before_submission() {
    let pool = pool();
    let config = ApprovalConfig::default();
    let ok = extension("R1", d(6, 20), None);
    let check = |r: &ApprovalRequest| validate_request(r, &pool, &[], &[], &config);
    let mut r = ok.clone();
    r.id = " ".into();
    assert_eq!(check(&r), Err(RequestError::MissingId));
    assert_eq!(
        validate_request(&ok, &pool, std::slice::from_ref(&ok), &[], &config),
        Err(RequestError::DuplicateId)
    );
    let mut r = ok.clone();
    r.kind = RequestKind::SpecialTerms { days: 60 };
    assert_eq!(check(&r), Err(RequestError::KindDoesNotFitSubject));
    assert_eq!(
        check(&extension("R1", d(5, 31), None)),
        Err(RequestError::NotAnExtension)
    );
    let mut r = ok.clone();
    r.subject = Subject::Invoice {
        customer: "C2".into(),
        number: "INV-9".into(),
    };
    assert_eq!(check(&r), Err(RequestError::UnknownSubject));
    let special = ApprovalRequest {
        subject: Subject::Order {
            customer: "C1".into(),
            number: "SO-1".into(),
        },
        kind: RequestKind::SpecialTerms { days: 60 },
        ..ok
    };
    assert_eq!(check(&special), Ok(()));
}

#[test]
fn an_empty_chain_approves_on_submission() {
    let config = ApprovalConfig {
        chain: vec![],
        escalate_over_days: 365,
        ..ApprovalConfig::default()
    };
    let request = extension("R1", d(6, 20), None);
    assert_eq!(
        status(&request, &[], &config),
        RequestStatus::Approved { at: t(6, 1, 9) }
    );
    let overrides = effective_due_overrides(&[request], &[], &config, AsOf(d(6, 1)));
    assert_eq!(overrides[&key()], d(6, 20));
}

#[test]
fn the_latest_approved_extension_wins_and_statuses_batch() {
    let config = ApprovalConfig::default();
    let r1 = extension("R1", d(6, 20), None);
    let mut r2 = extension("R2", d(6, 25), None);
    r2.requested_at = t(6, 3, 9);
    let approve = |id: &str, day: u32| {
        let mut a = step(id, 0, Role::SalesManager, "李经理", Decision::Approve);
        let mut b = step(id, 1, Role::Finance, "王会计", Decision::Approve);
        a.at = t(6, day, 10);
        b.at = t(6, day, 11);
        [a, b]
    };
    // R2 approved on the 4th, R1 (stored first) on the 5th: R1's date wins.
    let mut steps = approve("R2", 4).to_vec();
    steps.extend(approve("R1", 5));
    let requests = vec![r1.clone(), r2.clone()];
    let overrides = effective_due_overrides(&requests, &steps, &config, AsOf(d(6, 30)));
    assert_eq!(overrides[&key()], d(6, 20));
    // As of the 4th only R2 had been approved.
    let overrides = effective_due_overrides(&requests, &steps, &config, AsOf(d(6, 4)));
    assert_eq!(overrides[&key()], d(6, 25));
    let all = statuses(&requests, &steps, &config);
    assert_eq!(
        all,
        vec![status(&r1, &steps, &config), status(&r2, &steps, &config)]
    );
    let special = ApprovalRequest {
        id: "S".into(),
        subject: Subject::Order {
            customer: "C1".into(),
            number: "SO-1".into(),
        },
        kind: RequestKind::SpecialTerms { days: 20 },
        ..r1
    };
    let mut steps = approve("S", 4).to_vec();
    steps[0].at = t(6, 4, 10);
    let approved = approved_special_terms(&[special], &steps, &config);
    assert_eq!(approved[&("C1".to_owned(), "SO-1".to_owned())], 20);
}

#[test]
fn serde_shapes() {
    let request = extension("R1", d(6, 20), Some(cny(1)));
    let json = serde_json::to_string(&request).unwrap();
    assert!(json.contains(r#""subject":{"type":"invoice","customer":"C1","number":"INV-9"}"#));
    assert!(json.contains(r#""type":"term_extension""#));
    assert_eq!(
        serde_json::from_str::<ApprovalRequest>(&json).unwrap(),
        request
    );
    let s = step("R1", 0, Role::SalesManager, "李经理", Decision::Approve);
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains(r#""role":"sales_manager""#) && json.contains(r#""decision":"approve""#));
    let config: ApprovalConfig = serde_json::from_str(r#"{"escalate_over_days": 60}"#).unwrap();
    assert_eq!(config.chain, [Role::SalesManager, Role::Finance]);
    assert_eq!(config.escalate_over_days, 60);
}

fn any_step() -> impl Strategy<Value = ApprovalStep> {
    let roles = prop_oneof![
        Just(Role::SalesManager),
        Just(Role::Finance),
        Just(Role::Cfo),
        Just(Role::Salesperson)
    ];
    let actors = prop_oneof![Just("李经理"), Just("王会计"), Just("赵总"), Just("全能")];
    (
        prop_oneof![Just("R1"), Just("R2")],
        0u32..4,
        roles,
        actors,
        any::<bool>(),
        0u32..72,
    )
        .prop_map(|(id, index, role, actor, approve, hours)| ApprovalStep {
            request_id: id.into(),
            step_index: index,
            role,
            actor: actor.into(),
            decision: if approve {
                Decision::Approve
            } else {
                Decision::Reject
            },
            comment: "x".into(),
            at: t(6, 1, 0) + chrono::Duration::hours(i64::from(hours)),
        })
}

proptest! {
    /// A step refused by `validate_step` (directory aside) never changes the status, and an
    /// approved request has exactly one accepted approval per role of its chain.
    #[test]
    fn refused_steps_change_nothing(
        steps in prop::collection::vec(any_step(), 0..12),
        long in any::<bool>(),
    ) {
        let config = ApprovalConfig::default();
        let request = extension("R1", if long { d(7, 15) } else { d(6, 20) }, None);
        let chain = chain_for(&request, &config);
        let mut stored: Vec<ApprovalStep> = Vec::new();
        for s in steps {
            let before = status(&request, &stored, &config);
            let ok = Replay::run(&request, &stored, &config).check(&request, &s, &config).is_ok();
            stored.push(s);
            let after = status(&request, &stored, &config);
            if !ok {
                prop_assert_eq!(&before, &after);
            } else {
                prop_assert!(before.is_pending());
            }
        }
        let replay = Replay::run(&request, &stored, &config);
        if replay.status.is_approved() {
            let roles: Vec<Role> = replay.accepted.iter().map(|s| s.role).collect();
            prop_assert_eq!(roles, chain);
            prop_assert!(replay.accepted.iter().all(|s| s.decision == Decision::Approve));
        }
    }
}

fn amount(text: &str, _digits: u32) -> Option<i64> {
    text.replace(',', "").parse::<i64>().ok().map(|y| y * 100)
}

#[test]
fn the_form_becomes_a_request_from_the_ledger_due_date_or_says_why_not() {
    let mut pool = pool();
    // The same number at another customer, dated later.
    let mut twin = pool.invoices[0].clone();
    twin.customer = "C2".into();
    pool.invoices.push(twin);
    let config = ApprovalConfig::default();
    let lg = ledger(&pool, AsOf(d(6, 10)));
    let ctx = FormContext {
        pool: &pool,
        ledger: &lg,
        requests: &[],
        steps: &[],
        config: &config,
    };
    let form = RequestForm {
        number: " INV-9 ".into(),
        customer: "C1".into(),
        new_due: "2024-06-20".into(),
        reason: "客户资金周转，承诺6月20日前付清".into(),
        promised: "50,000".into(),
        ..RequestForm::default()
    };
    let build = |f: &RequestForm, who: Option<&str>| {
        build_request(f, &ctx, who, t(6, 1, 9), "R1".into(), amount)
    };
    let request = build(&form, Some("张三")).unwrap();
    assert_eq!(request, extension("R1", d(6, 20), Some(cny(50_000))));
    assert_eq!(build(&form, None), Err(FormError::NoRequester));
    let with = |change: &dyn Fn(&mut RequestForm)| {
        let mut f = form.clone();
        change(&mut f);
        build(&f, Some("张三"))
    };
    assert_eq!(
        with(&|f| f.customer.clear()),
        Err(FormError::AmbiguousNumber {
            customers: vec!["C1".into(), "C2".into()]
        })
    );
    assert_eq!(
        with(&|f| f.number = "NOPE".into()),
        Err(FormError::NoSuchDocument)
    );
    assert_eq!(with(&|f| f.number.clear()), Err(FormError::MissingNumber));
    assert_eq!(
        with(&|f| f.new_due = "20/06".into()),
        Err(FormError::BadDate)
    );
    assert_eq!(
        with(&|f| f.reason = "  ".into()),
        Err(FormError::MissingReason)
    );
    assert_eq!(
        with(&|f| f.promised = "五万".into()),
        Err(FormError::BadAmount)
    );
    assert_eq!(
        with(&|f| f.new_due = "2024-05-30".into()),
        Err(FormError::Request(RequestError::NotAnExtension))
    );
    // Special terms for an order.
    let terms = with(&|f| {
        f.kind = FormKind::SpecialTerms;
        f.number = "SO-1".into();
        f.days = "60".into();
        f.promised.clear();
    })
    .unwrap();
    assert_eq!(terms.kind, RequestKind::SpecialTerms { days: 60 });
    assert_eq!(
        with(&|f| {
            f.kind = FormKind::SpecialTerms;
            f.number = "SO-1".into();
            f.days = "sixty".into();
        }),
        Err(FormError::BadDays)
    );
}

#[test]
fn decisions_fill_in_the_waiting_step_and_the_todo_follows_the_chain() {
    let pool = pool();
    let config = ApprovalConfig::default();
    let requests = vec![extension("R1", d(6, 20), None)];
    let mut steps = Vec::new();
    let [zhang, li, wang, _, both] = [0, 1, 2, 3, 4].map(|i| pool.staff[i].clone());
    let lg = ledger(&pool, AsOf(d(6, 10)));
    let decide_as = |steps: &[ApprovalStep], decision, who: &str, comment: &str, hour| {
        let ctx = FormContext {
            pool: &pool,
            ledger: &lg,
            requests: &requests,
            steps,
            config: &config,
        };
        decide(&requests[0], &ctx, decision, who, comment, t(6, 2, hour))
    };
    assert!(todo_for(&zhang, &requests, &steps, &config).is_empty());
    assert_eq!(todo_for(&li, &requests, &steps, &config).len(), 1);
    assert!(todo_for(&wang, &requests, &steps, &config).is_empty());
    assert_eq!(holders(&pool.staff, Role::SalesManager).len(), 2);
    // The wrong person is refused with the reason; nothing is stored.
    assert_eq!(
        decide_as(&steps, Decision::Approve, "王会计", "", 9),
        Err(StepError::ActorLacksRole {
            actor: "王会计".into(),
            role: Role::SalesManager
        })
    );
    let first = decide_as(&steps, Decision::Approve, "全能", " 同意 ", 9).unwrap();
    assert_eq!(
        (first.step_index, first.role, first.comment.as_str()),
        (0, Role::SalesManager, "同意")
    );
    steps.push(first);
    // Four eyes: the one who approved the first step does not see the second.
    assert!(todo_for(&both, &requests, &steps, &config).is_empty());
    assert_eq!(todo_for(&wang, &requests, &steps, &config).len(), 1);
    assert_eq!(
        decide_as(&steps, Decision::Reject, "王会计", "", 10),
        Err(StepError::RejectionNeedsComment)
    );
    let second = decide_as(&steps, Decision::Approve, "王会计", "", 10).unwrap();
    steps.push(second);
    assert!(todo_for(&wang, &requests, &steps, &config).is_empty());
    assert!(matches!(
        decide_as(&steps, Decision::Approve, "赵总", "", 11),
        Err(StepError::Closed { .. })
    ));
    let ext = approved_extensions(&requests, &steps, &config, AsOf(d(6, 10)));
    assert_eq!(
        ext[&key()],
        ApprovedExtension {
            original_due: d(5, 31),
            due: d(6, 20),
            request_id: "R1".into()
        }
    );
}

#[test]
fn a_second_extension_keeps_the_first_original_due_date() {
    let config = ApprovalConfig::default();
    let mut second = extension("R2", d(7, 10), None);
    second.requested_at = t(6, 3, 9);
    if let RequestKind::TermExtension { original_due, .. } = &mut second.kind {
        *original_due = d(6, 20);
    }
    let requests = vec![extension("R1", d(6, 20), None), second];
    let mut steps = vec![
        step("R1", 0, Role::SalesManager, "李经理", Decision::Approve),
        step("R1", 1, Role::Finance, "王会计", Decision::Approve),
    ];
    for (i, role, who) in [
        (0, Role::SalesManager, "李经理"),
        (1, Role::Finance, "王会计"),
    ] {
        let mut s = step("R2", i, role, who, Decision::Approve);
        s.at = t(6, 4, 9 + i);
        steps.push(s);
    }
    let ext = approved_extensions(&requests, &steps, &config, AsOf(d(6, 10)));
    assert_eq!(
        (ext[&key()].original_due, ext[&key()].due),
        (d(5, 31), d(7, 10))
    );
    assert_eq!(ext[&key()].request_id, "R2");
    // As of a date before the second approval, only the first counts.
    let early = approved_extensions(&requests, &steps, &config, AsOf(d(6, 3)));
    assert_eq!(
        (early[&key()].original_due, early[&key()].due),
        (d(5, 31), d(6, 20))
    );
}

#[test]
fn chain_settings_are_read_whole_or_refused_with_every_problem() {
    let base = ApprovalConfig {
        escalate_over_amount: vec![cny(100_000), Money::new(2_000_000, Currency::USD)],
        ..ApprovalConfig::default()
    };
    let form = ConfigForm {
        chain: Ok(vec![Role::SalesManager, Role::Finance]),
        escalate_to: Role::Ceo,
        days: " 45 ",
        amount: "200000",
        currency: Currency::CNY,
        distinct_actors: false,
    };
    let config = config_from_form(&base, &form, amount).unwrap();
    assert_eq!(config.escalate_over_days, 45);
    assert_eq!(config.escalate_to, Role::Ceo);
    assert_eq!(
        config.escalate_over_amount,
        vec![Money::new(2_000_000, Currency::USD), cny(200_000)]
    );
    assert!(!config.distinct_actors);
    let bad = ConfigForm {
        chain: Err("老板".into()),
        days: "-1",
        amount: "很多",
        ..form
    };
    assert_eq!(
        config_from_form(&base, &bad, amount),
        Err(vec![
            ConfigProblem::UnknownRole {
                text: "老板".into()
            },
            ConfigProblem::BadDays,
            ConfigProblem::BadAmount
        ])
    );
    let empty = ConfigForm {
        chain: Ok(vec![]),
        amount: "",
        days: "30",
        ..bad
    };
    assert_eq!(
        config_from_form(&base, &empty, amount),
        Err(vec![ConfigProblem::EmptyChain])
    );
}
