use super::*;
use crate::domain::money::{Currency, Money};
use crate::domain::templates::{Template, TemplateErrorReason};

fn cny(minor: i64) -> Money {
    Money::new(minor, Currency::CNY)
}

fn facts(days: i64) -> InvoiceFacts<'static> {
    InvoiceFacts {
        days_overdue: days,
        credit_grade: None,
        region: None,
        product_line: None,
        tags: &[],
        open: cny(10000),
        customer_open: cny(100000),
        disputed: false,
        promised: false,
        promise_broken: false,
        limit_use_bp: None,
        late_risk_bp: None,
    }
}

fn rule(id: &str, days: DayRange) -> Rule {
    Rule {
        id: id.into(),
        name: id.into(),
        conditions: Conditions {
            days,
            ..Conditions::default()
        },
        recipients: vec![RecipientSpec::Role(Role::Finance)],
        channels: vec![Channel::InApp],
        templates: vec![MessageTemplate {
            channel: None,
            lang: Lang::Zh,
            subject: None,
            body: "[客户名]".into(),
        }],
        ..Rule::default()
    }
}

#[test]
fn day_ranges_are_inclusive_and_may_be_open() {
    let r = DayRange::between(8, 15);
    assert!(!r.contains(7) && r.contains(8) && r.contains(15) && !r.contains(16));
    assert!(DayRange::at_least(31).contains(i64::MAX) && !DayRange::at_least(31).contains(30));
    assert!(DayRange::new(None, Some(-1)).contains(i64::MIN));
    assert!(DayRange::default().contains(0));
    assert!(DayRange::between(3, 2).is_empty() && !DayRange::between(2, 2).is_empty());
    assert_eq!(
        DayRange::between(1, 10).intersection(&DayRange::at_least(5)),
        Some(DayRange::between(5, 10))
    );
    assert_eq!(
        DayRange::between(1, 7).intersection(&DayRange::between(8, 15)),
        None
    );
    assert_eq!(DayRange::at_least(3).to_string(), "3..");
}

#[test]
fn conditions_on_grade_region_product_and_tags() {
    let tags = ["重点".to_owned(), "export".to_owned()];
    let f = InvoiceFacts {
        credit_grade: Some(" a "),
        region: Some("华东"),
        product_line: Some("Pumps"),
        tags: &tags,
        ..facts(5)
    };
    let mut c = Conditions {
        days: DayRange::between(1, 7),
        credit_grades: vec!["A".into(), "B".into()],
        regions: vec!["华东".into()],
        product_lines: vec!["pumps".into()],
        tags: vec!["EXPORT".into()],
        ..Conditions::default()
    };
    assert!(c.matches(&f));
    c.exclude_grades = vec!["A".into()];
    assert!(!c.matches(&f));
    c.exclude_grades.clear();
    c.regions = vec!["华南".into()];
    assert!(!c.matches(&f));
    c.regions.clear();
    c.tags = vec!["其他".into()];
    assert!(!c.matches(&f));
    // An ungraded customer matches no grade set but passes an exclusion.
    let ungraded = facts(5);
    let graded_only = Conditions {
        credit_grades: vec!["A".into()],
        ..Conditions::default()
    };
    let not_a = Conditions {
        exclude_grades: vec!["A".into()],
        ..Conditions::default()
    };
    assert!(!graded_only.matches(&ungraded) && not_a.matches(&ungraded));
}

#[test]
fn amount_thresholds_are_per_currency() {
    let above = Conditions {
        outstanding_above: vec![cny(10000)],
        ..Conditions::default()
    };
    let below = Conditions {
        outstanding_below: vec![cny(10000)],
        ..Conditions::default()
    };
    let at = facts(1);
    assert!(
        above.matches(&at) && !below.matches(&at),
        "above is at least, below is less"
    );
    let less = InvoiceFacts {
        open: cny(9999),
        ..facts(1)
    };
    assert!(!above.matches(&less) && below.matches(&less));
    let usd = InvoiceFacts {
        open: Money::new(100_000_000, Currency::USD),
        ..facts(1)
    };
    assert!(
        !above.matches(&usd),
        "no USD threshold: a USD invoice is not known to be above"
    );
    let customer = Conditions {
        outstanding_above: vec![cny(50000)],
        amount_basis: AmountBasis::Customer,
        ..Conditions::default()
    };
    assert!(customer.matches(&at), "the customer owes ¥1,000");
}

#[test]
fn flag_conditions() {
    let c = Conditions {
        promise_broken: Some(true),
        disputed: Some(false),
        ..Conditions::default()
    };
    assert!(!c.matches(&facts(3)));
    let broken = InvoiceFacts {
        promise_broken: true,
        ..facts(3)
    };
    assert!(c.matches(&broken));
    let disputed = InvoiceFacts {
        disputed: true,
        ..broken
    };
    assert!(!c.matches(&disputed));
}

#[test]
fn limit_use_and_late_risk_thresholds_are_inclusive_and_unknown_values_match_none() {
    let c = Conditions {
        limit_use_at_least: Some(100),
        late_risk_at_least: Some(60),
        ..Conditions::default()
    };
    let with = |limit, risk| InvoiceFacts {
        limit_use_bp: limit,
        late_risk_bp: risk,
        ..facts(3)
    };
    assert!(
        c.matches(&with(Some(10_000), Some(6_000))),
        "exactly at both"
    );
    assert!(c.matches(&with(Some(12_500), Some(9_900))));
    assert!(
        !c.matches(&with(Some(9_999), Some(9_900))),
        "just under the limit"
    );
    assert!(
        !c.matches(&with(Some(12_500), Some(5_999))),
        "just under the risk"
    );
    assert!(
        !c.matches(&with(None, Some(9_900))),
        "no limit: not over it"
    );
    assert!(
        !c.matches(&with(Some(12_500), None)),
        "no prediction: no risk claimed"
    );
    assert!(Conditions::default().matches(&with(None, None)));
    assert!(c.uses_late_risk() && !Conditions::default().uses_late_risk());
}

#[test]
fn template_lookup_prefers_channel_then_language() {
    let mut r = rule("r", DayRange::default());
    r.templates = vec![
        MessageTemplate {
            channel: None,
            lang: Lang::Zh,
            subject: None,
            body: "zh all".into(),
        },
        MessageTemplate {
            channel: Some(Channel::Sms),
            lang: Lang::En,
            subject: None,
            body: "en sms".into(),
        },
    ];
    assert_eq!(r.template_for(Channel::Email, Lang::Zh), Some(0));
    assert_eq!(r.template_for(Channel::Sms, Lang::Zh), Some(0));
    assert_eq!(r.template_for(Channel::Sms, Lang::En), Some(1));
    assert_eq!(r.template_for(Channel::Email, Lang::En), Some(0));
    r.templates.clear();
    assert_eq!(r.template_for(Channel::Email, Lang::Zh), None);
}

#[test]
fn default_matrix_word_for_word() {
    let rules = default_internal_rules();
    let zh: Vec<&str> = rules
        .iter()
        .map(|r| {
            let t = &r.templates[r.template_for(Channel::InApp, Lang::Zh).unwrap()];
            assert_eq!(t.lang, Lang::Zh);
            t.body.as_str()
        })
        .collect();
    assert_eq!(
        zh,
        [
            "【轻度逾期提醒】客户 [客户名] 的订单 [订单号] 已逾期 [N] 天,金额 [金额],请及时跟进。",
            "【中度逾期警告】客户 [客户名] 的订单 [订单号] 已逾期 [N] 天,请销售经理督促处理,确保款项尽快回笼。",
            "【高度逾期警告】客户 [客户名] 账款已严重逾期 [N] 天,金额 [金额],请相关负责人立即启动高级别催收程序。",
            "【坏账风险预警】客户 [客户名] 账款已逾期超30天,请决策层介入,评估是否启动法律程序。",
        ]
    );
    let days: Vec<DayRange> = rules.iter().map(|r| r.conditions.days).collect();
    assert_eq!(
        days,
        [
            DayRange::between(1, 7),
            DayRange::between(8, 15),
            DayRange::between(16, 30),
            DayRange::at_least(31),
        ]
    );
    use Role::*;
    let who: Vec<Vec<RecipientSpec>> = rules.iter().map(|r| r.recipients.clone()).collect();
    let roles = |rs: &[Role]| {
        rs.iter()
            .map(|&r| RecipientSpec::Role(r))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        who,
        [
            roles(&[Salesperson]),
            roles(&[Salesperson, SalesManager]),
            roles(&[Salesperson, Finance, SalesDirector]),
            roles(&[Ceo, Cfo, Legal]),
        ]
    );
    let channels: Vec<Vec<Channel>> = rules.iter().map(|r| r.channels.clone()).collect();
    use Channel::*;
    assert_eq!(
        channels,
        [
            vec![InApp, DingTalk],
            vec![Email, InApp],
            vec![Sms, Email],
            vec![Email, InApp]
        ]
    );
    assert_eq!(rules[3].severity, Severity::Critical);
    for r in &rules {
        assert!(r.enabled && r.skip_disputed && r.skip_promised);
        assert_eq!(r.consolidation, Consolidation::PerInvoice);
        assert_eq!(r.audience(), Audience::Internal);
    }
}

#[test]
fn every_default_rule_has_valid_zh_and_en_texts() {
    for r in default_rules() {
        for lang in [Lang::Zh, Lang::En] {
            let t = r
                .templates
                .iter()
                .find(|t| t.lang == lang && t.channel.is_none())
                .unwrap_or_else(|| panic!("{} has no {lang:?} text", r.id));
            Template::parse(&t.body).unwrap();
            Template::parse(t.subject.as_deref().unwrap()).unwrap();
        }
    }
}

#[test]
fn customer_set_is_disabled_polite_and_gentler_for_grade_a() {
    let rules = default_customer_rules();
    assert!(rules
        .iter()
        .all(|r| !r.enabled && r.audience() == Audience::Customer));
    assert_eq!(rules[0].conditions.days, DayRange::between(-3, -1));
    assert!(rules[1].conditions.days.contains(0));
    let gentle = rules
        .iter()
        .filter(|r| r.conditions.credit_grades == ["A"])
        .count();
    let standard = rules
        .iter()
        .filter(|r| r.conditions.exclude_grades == ["A"])
        .count();
    assert_eq!((gentle, standard), (2, 2));
    assert!(rules
        .iter()
        .all(|r| r.consolidation == Consolidation::PerCustomer));
}

#[test]
fn the_default_set_checks_clean_even_with_the_customer_set_on() {
    let mut rules = default_rules();
    assert_eq!(check_rules(&rules), vec![]);
    rules.iter_mut().for_each(|r| r.enabled = true);
    assert_eq!(check_rules(&rules), vec![]);
}

#[test]
fn check_reports_overlaps_between_rules_of_one_audience() {
    let mut rules = vec![
        rule("a", DayRange::between(1, 10)),
        rule("b", DayRange::between(8, 15)),
        rule("c", DayRange::at_least(14)),
    ];
    let mut customer = rule("x", DayRange::between(1, 30));
    customer.recipients = vec![RecipientSpec::CustomerContact];
    rules.push(customer);
    assert_eq!(
        check_rules(&rules),
        vec![
            RuleWarning::Overlap {
                first: 0,
                second: 1,
                days: DayRange::between(8, 10)
            },
            RuleWarning::Overlap {
                first: 1,
                second: 2,
                days: DayRange::between(14, 15)
            },
        ]
    );
    // Disabled rules and rules that cannot match the same invoice do not overlap.
    rules[1].enabled = false;
    rules[2].conditions.credit_grades = vec!["A".into()];
    rules[0].conditions.exclude_grades = vec!["a".into()];
    rules[2].conditions.days = DayRange::at_least(5);
    assert_eq!(check_rules(&rules), vec![]);
    rules[0].conditions.exclude_grades.clear();
    rules[0].conditions.regions = vec!["华东".into()];
    rules[2].conditions.regions = vec!["华南".into()];
    assert_eq!(check_rules(&rules), vec![]);
    rules[2].conditions.regions = vec!["华东".into(), "华南".into()];
    assert_eq!(check_rules(&rules).len(), 1);
    rules[2].conditions.disputed = Some(true); // rule 0 skips disputed invoices
    rules[2].skip_disputed = false;
    assert_eq!(check_rules(&rules), vec![]);
}

#[test]
fn check_reports_gaps_within_a_ladder() {
    let rules = vec![
        rule("a", DayRange::between(1, 7)),
        rule("c", DayRange::at_least(16)),
        rule("b", DayRange::between(9, 12)),
    ];
    assert_eq!(
        check_rules(&rules),
        vec![
            RuleWarning::Gap {
                before: 0,
                after: 2,
                from: 8,
                to: 8
            },
            RuleWarning::Gap {
                before: 2,
                after: 1,
                from: 13,
                to: 15
            },
        ]
    );
    // Different audiences or conditions are different ladders: no gap between them.
    let mut other = rules.clone();
    other[2].conditions.tags = vec!["VIP".into()];
    other[1].recipients = vec![RecipientSpec::CustomerContact];
    assert_eq!(check_rules(&other), vec![]);
}

#[test]
fn check_reports_broken_templates_and_shapes() {
    let mut bad = rule("a", DayRange::between(1, 7));
    bad.templates[0].body = "客户 [客户] 逾期 [N 天".into();
    bad.templates[0].subject = Some("{oops}".into());
    bad.channels = vec![Channel::Email];
    let mut empty = rule("a", DayRange::between(9, 8));
    empty.recipients.clear();
    empty.channels.clear();
    let mut no_text = rule("c", DayRange::at_least(100));
    no_text.templates.clear();
    no_text.skip_disputed = true;
    no_text.conditions.disputed = Some(true);
    let warnings = check_rules(&[bad, empty, no_text]);
    assert!(matches!(
        &warnings[0],
        RuleWarning::Template { rule: 0, template: 0, part: TemplatePart::Subject, error, .. }
            if error.placeholder == "{oops}"
    ));
    assert!(matches!(
        &warnings[1],
        RuleWarning::Template { rule: 0, part: TemplatePart::Body, error, .. }
            if error.placeholder == "[客户]" && error.reason == TemplateErrorReason::Unknown
    ));
    assert_eq!(
        warnings[2..],
        [
            RuleWarning::DuplicateId { rule: 1, first: 0 },
            RuleWarning::NoRecipients { rule: 1 },
            RuleWarning::NoChannels { rule: 1 },
            RuleWarning::NeverFires { rule: 1 },
            RuleWarning::MissingTemplate {
                rule: 2,
                channel: Channel::InApp
            },
            RuleWarning::NeverFires { rule: 2 },
        ]
    );
}

#[test]
fn rule_sets_round_trip_and_refuse_newer_versions() {
    let set = RuleSet::default();
    assert_eq!(set.rules.len(), 10);
    let json = set.to_json();
    assert_eq!(RuleSet::from_json(&json).unwrap(), set);
    let newer = json.replacen("\"version\": 1", "\"version\": 2", 1);
    assert!(matches!(
        RuleSet::from_json(&newer),
        Err(RuleSetError::UnsupportedVersion(2))
    ));
    assert!(matches!(
        RuleSet::from_json("{"),
        Err(RuleSetError::Json(_))
    ));
    // Hand-written files may leave out whatever has a default.
    let minimal = r#"{"version":1,"rules":[{"id":"x","name":"x","conditions":{"days":{"from":1,"to":null}},
        "recipients":[{"role":"finance"},{"person":"王五"},"customer_contact"],"channels":["we_com"]}]}"#;
    let set = RuleSet::from_json(minimal).unwrap();
    let r = &set.rules[0];
    assert!(r.enabled && r.skip_disputed && r.skip_promised);
    assert_eq!(r.cooldown_days, 7);
    assert_eq!(r.conditions.days, DayRange::at_least(1));
    assert_eq!(r.channels, [Channel::WeCom]);
    assert_eq!(r.recipients[1], RecipientSpec::Person("王五".into()));
}

#[test]
fn severity_escalates_one_step() {
    assert_eq!(Severity::Low.escalated(), Severity::Medium);
    assert_eq!(Severity::High.escalated(), Severity::Critical);
    assert_eq!(Severity::Critical.escalated(), Severity::Critical);
}
