use super::render::MISSING;
use super::*;
use crate::domain::money::{Currency, Money};
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn cny(minor: i64) -> Money {
    Money::new(minor, Currency::CNY)
}

fn line<'a>(invoice: &'a str, order: Option<&'a str>, days: i64, open: Money) -> DetailLine<'a> {
    DetailLine {
        invoice,
        order,
        due: d(2026, 3, 1),
        days_overdue: days,
        open,
        salesperson: Some("张三"),
    }
}

fn fields<'a>(lang: Lang, lines: &'a [DetailLine<'a>]) -> MessageFields<'a> {
    MessageFields {
        lang,
        customer: "华东精密",
        company: "星河贸易",
        currency: Currency::CNY,
        outstanding_total: cny(5000000),
        lines,
    }
}

fn render(text: &str, fields: &MessageFields) -> String {
    Template::parse(text).unwrap().render(fields)
}

#[test]
fn parses_text_and_both_placeholder_forms() {
    let t = Template::parse("客户 [客户名] owes {amount}.").unwrap();
    assert_eq!(
        t.segments(),
        &[
            Segment::Text("客户 ".into()),
            Segment::Field(Placeholder::Customer),
            Segment::Text(" owes ".into()),
            Segment::Field(Placeholder::Amount),
            Segment::Text(".".into()),
        ]
    );
    assert_eq!(Template::parse("").unwrap().segments(), &[]);
}

#[test]
fn every_placeholder_has_working_spellings() {
    for p in Placeholder::ALL {
        for text in [p.zh(), p.en()] {
            let t = Template::parse(text).unwrap();
            assert_eq!(t.segments(), &[Segment::Field(p)], "{text}");
        }
    }
    for alias in ["[N]", "[n]", "[逾期天数]", "{days}", "{DAYS}"] {
        assert_eq!(
            Template::parse(alias)
                .unwrap()
                .placeholders()
                .collect::<Vec<_>>(),
            vec![Placeholder::Days],
            "{alias}"
        );
    }
    assert_eq!(
        Template::parse("{Customer}").unwrap().placeholders().next(),
        Some(Placeholder::Customer)
    );
}

#[test]
fn unknown_placeholder_is_an_error_with_its_position() {
    let err = Template::parse("客户 [客户] 已逾期").unwrap_err();
    assert_eq!(
        err,
        TemplateError {
            position: 3,
            placeholder: "[客户]".into(),
            reason: TemplateErrorReason::Unknown,
        }
    );
    let err = Template::parse("Dear {customer}, pay {amout}").unwrap_err();
    assert_eq!((err.position, err.placeholder.as_str()), (21, "{amout}"));
    assert_eq!(Template::parse("[]").unwrap_err().placeholder, "[]");
    assert_eq!(
        Template::parse("{ customer }").unwrap_err().reason,
        TemplateErrorReason::Unknown
    );
    assert!(err.to_string().contains("{amout}"));
}

#[test]
fn unclosed_placeholder_is_an_error() {
    let err = Template::parse("金额 [金额\n下一行]").unwrap_err();
    assert_eq!(
        err,
        TemplateError {
            position: 3,
            placeholder: "[金额".into(),
            reason: TemplateErrorReason::Unclosed,
        }
    );
    assert_eq!(
        Template::parse("total {amount").unwrap_err().reason,
        TemplateErrorReason::Unclosed
    );
}

#[test]
fn doubled_openers_are_literal_and_closers_need_no_escape() {
    let lines = [line("INV-1", None, 3, cny(100))];
    let f = fields(Lang::En, &lines);
    assert_eq!(
        render("[[URGENT] {{x} ] } {customer}", &f),
        "[URGENT] {x} ] } 华东精密"
    );
    assert_eq!(render("【提醒】[[N]", &f), "【提醒】[N]");
}

#[test]
fn renders_single_invoice_values() {
    let lines = [line("INV-1", Some("SO-001"), 10, cny(1234567))];
    let f = fields(Lang::Zh, &lines);
    assert_eq!(
        render(
            "[客户名]|[订单号]|[发票号]|[N]|[金额]|[未收总额]|[到期日]|[币别]|[业务员]|[公司名]",
            &f
        ),
        "华东精密|SO-001|INV-1|10|¥12,345.67|¥50,000.00|2026-03-01|CNY|张三|星河贸易"
    );
}

#[test]
fn order_number_falls_back_to_the_invoice_number() {
    let lines = [line("INV-9", None, 2, cny(100))];
    assert_eq!(render("[订单号]", &fields(Lang::Zh, &lines)), "INV-9");
    let blank = [line("INV-9", Some(""), 2, cny(100))];
    assert_eq!(render("{order}", &fields(Lang::En, &blank)), "INV-9");
}

#[test]
fn consolidated_values_list_sum_and_take_extremes() {
    let mut lines = vec![
        line("INV-1", Some("SO-1"), 10, cny(10000)),
        line("INV-2", Some("SO-1"), 25, cny(200000)),
        line("INV-3", None, 3, cny(50)),
    ];
    lines[2].due = d(2026, 2, 1);
    let f = fields(Lang::Zh, &lines);
    assert_eq!(render("[订单号]", &f), "SO-1、INV-3");
    assert_eq!(render("[发票号]", &f), "INV-1、INV-2、INV-3");
    assert_eq!(render("[N] [金额] [到期日]", &f), "25 ¥2,100.50 2026-02-01");
    assert_eq!(
        render("{invoice}", &fields(Lang::En, &lines)),
        "INV-1, INV-2, INV-3"
    );
    assert_eq!(render("[业务员]", &f), "张三");
}

#[test]
fn details_table_in_both_languages() {
    let lines = [
        line("INV-1", Some("SO-1"), 10, cny(1234567)),
        line("INV-2", None, 0, cny(100)),
        line("INV-3", None, -3, cny(100)),
        line("INV-4", None, 1, cny(100)),
    ];
    assert_eq!(
        render("[明细]", &fields(Lang::Zh, &lines)),
        "- 发票 INV-1（订单 SO-1），到期日 2026-03-01，逾期 10 天，未收 ¥12,345.67\n\
         - 发票 INV-2，到期日 2026-03-01，今日到期，未收 ¥1.00\n\
         - 发票 INV-3，到期日 2026-03-01，3 天后到期，未收 ¥1.00\n\
         - 发票 INV-4，到期日 2026-03-01，逾期 1 天，未收 ¥1.00"
    );
    assert_eq!(
        render("{details}", &fields(Lang::En, &lines)),
        "- Invoice INV-1 (order SO-1), due 2026-03-01, 10 days overdue, outstanding ¥12,345.67\n\
         - Invoice INV-2, due 2026-03-01, due today, outstanding ¥1.00\n\
         - Invoice INV-3, due 2026-03-01, due in 3 days, outstanding ¥1.00\n\
         - Invoice INV-4, due 2026-03-01, 1 day overdue, outstanding ¥1.00"
    );
}

#[test]
fn missing_values_show_a_dash_not_a_blank() {
    let mut lines = [line("INV-1", None, 1, cny(1))];
    lines[0].salesperson = None;
    let f = MessageFields {
        company: "",
        customer: "",
        ..fields(Lang::Zh, &lines)
    };
    assert_eq!(
        render("[业务员]/[公司名]/[客户名]", &f),
        format!("{MISSING}/{MISSING}/{MISSING}")
    );
    let none = MessageFields {
        lines: &[],
        ..fields(Lang::Zh, &lines)
    };
    assert_eq!(
        render("[到期日] [N] [金额]", &none),
        format!("{MISSING} 0 ¥0.00")
    );
}

#[test]
fn data_is_inserted_verbatim() {
    let lines = [line("<b>&1</b>", Some("{order}"), 1, cny(1))];
    let f = MessageFields {
        customer: "[客户名] & <script>",
        ..fields(Lang::Zh, &lines)
    };
    assert_eq!(
        render("[客户名]|[订单号]|[发票号]", &f),
        "[客户名] & <script>|{order}|<b>&1</b>"
    );
}

fn arb_money() -> impl Strategy<Value = Money> {
    let currencies = ["CNY", "USD", "JPY", "KWD", "KRW"];
    (any::<i64>(), 0..currencies.len())
        .prop_map(move |(m, c)| Money::new(m, Currency::parse(currencies[c]).unwrap()))
}

proptest! {
    #[test]
    fn parse_never_panics(text in "\\PC{0,60}") {
        let _ = Template::parse(&text);
    }

    #[test]
    fn parse_errors_point_at_an_opening_bracket(text in "[a-z\\[\\]{}客户名N \n]{0,30}") {
        if let Err(e) = Template::parse(&text) {
            let at = text.chars().nth(e.position);
            prop_assert!(matches!(at, Some('[' | '{')), "error at {:?}", at);
            prop_assert!(text.chars().skip(e.position).collect::<String>().starts_with(&e.placeholder));
        }
    }

    #[test]
    fn plain_text_round_trips(text in "[^\\[{]{0,60}") {
        let t = Template::parse(&text).unwrap();
        let lines: [DetailLine; 0] = [];
        prop_assert_eq!(t.render(&fields(Lang::Zh, &lines)), text);
    }

    #[test]
    fn rendering_never_panics_on_arbitrary_data(
        customer in "\\PC{0,20}",
        invoice in "\\PC{0,12}",
        order in proptest::option::of("\\PC{0,12}"),
        days in any::<i64>(),
        open in arb_money(),
        total in arb_money(),
        count in 0usize..4,
        lang in prop_oneof![Just(Lang::Zh), Just(Lang::En)],
        day in 0i32..3_000_000,
    ) {
        let due = NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN);
        let lines: Vec<DetailLine> = (0..count)
            .map(|_| DetailLine { invoice: &invoice, order: order.as_deref(), due, days_overdue: days, open, salesperson: None })
            .collect();
        let f = MessageFields {
            lang,
            customer: &customer,
            company: "",
            currency: open.currency,
            outstanding_total: total,
            lines: &lines,
        };
        let all: String = Placeholder::ALL.iter().map(|p| p.zh()).collect();
        let out = Template::parse(&all).unwrap().render(&f);
        prop_assert!(out.contains(&customer));
    }
}
