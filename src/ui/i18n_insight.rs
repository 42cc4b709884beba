//! Catalogue entries for the dashboard's charts, trend, settings form, exports and the
//! ledger's drill-down breadcrumb, in both languages; and the pure text builders they use.

use super::i18n::{catalogue, Lang, Msg};
use crate::domain::aging::{AgingEdges, AgingEdgesError};
use crate::domain::insight::form::FormError;
use crate::domain::ledger_query::{LedgerQuery, StatusFilter};

catalogue! {
    /// A text of the dashboard's insight sections.
    It;
    Dashboard => "看板", "Dashboard";
    AgingChart => "账龄分布图", "Aging chart";
    CustomersChart => "逾期金额最大的客户（图）", "Customers by overdue amount (chart)";
    TrendTitle => "趋势：近 12 个月末的应收与逾期", "Trend: receivables and overdue at the last 12 month-ends";
    TrendNote => "每个月末按当时的到期日和截至当日的收款重新计算。", "Each month-end is recomputed from the due dates and payments as of that day.";
    MonthEnd => "月末", "Month end";
    Receivables => "应收余额", "Receivables";
    Overdue => "逾期金额", "Overdue";
    Currency => "币别", "Currency";
    DownloadXlsx => "下载 XLSX", "Download XLSX";
    Export => "导出", "Export";
    SettingsTitle => "看板设置", "Dashboard settings";
    EdgesLabel => "账龄分段（逾期天数，逗号分隔；0 为到期日）", "Aging edges (days overdue, comma-separated; 0 is the due date)";
    PeriodLabel => "回款统计期间", "Collection period";
    PeriodMonth => "本月至今", "Month to date";
    PeriodQuarter => "本季至今", "Quarter to date";
    PeriodYear => "本年至今", "Year to date";
    PeriodTrailing => "最近 N 天", "Last N days";
    TrailingDays => "天数 N", "Days N";
    Edge => "分段", "Edge";
    NotANumber => "不是整数天数", "is not a whole number of days";
    NotPositive => "必须至少为 1 天", "must be 1 day or more";
    NotIncreasing => "必须大于前一个分段", "must be greater than the previous edge";
    DaysRange => "天数必须是 1 到 3660 之间的整数", "Days must be a whole number from 1 to 3660";
    UnknownPeriod => "未知的统计期间", "Unknown period";
    NothingSaved => "未保存任何更改", "nothing was saved";
    SaveFailed => "保存失败", "Saving failed";
    AgingBucket => "账龄", "Aging";
}

/// "未到期" / "1–30 天" / "≥181 天" for a bucket's range.
pub fn bucket_label(range: Option<(Option<i64>, Option<i64>)>) -> impl Fn(Lang) -> String + Copy {
    move |lang| match range {
        Some((None, _)) => Msg::NotYetDue.text(lang).to_owned(),
        Some((Some(from), Some(to))) => format!("{from}–{to} {}", Msg::DaysWord.text(lang)),
        Some((Some(from), None)) => format!("≥{from} {}", Msg::DaysWord.text(lang)),
        None => String::new(),
    }
}

/// Why the settings form was refused, ending in "nothing was saved".
pub fn form_error(e: &FormError, lang: Lang) -> String {
    let t = |x: It| x.text(lang);
    let edge = |position: usize| format!("{} #{}", t(It::Edge), position + 1);
    let reason = match e {
        FormError::EdgeNotANumber { position, text } => {
            format!("{}「{text}」{}", edge(*position), t(It::NotANumber))
        }
        FormError::Edges(AgingEdgesError::NotPositive { position, value }) => {
            format!("{}「{value}」{}", edge(*position), t(It::NotPositive))
        }
        FormError::Edges(AgingEdgesError::NotIncreasing {
            position,
            value,
            previous,
        }) => format!(
            "{}「{value}」{}（{previous}）",
            edge(*position),
            t(It::NotIncreasing)
        ),
        FormError::TrailingDays { text } => format!("{}「{text}」", t(It::DaysRange)),
        FormError::UnknownPeriod { kind } => format!("{}「{kind}」", t(It::UnknownPeriod)),
    };
    format!("{reason} — {}", t(It::NothingSaved))
}

/// What a dashboard figure selected, for the ledger's breadcrumb: `账龄 1–30 天 · CNY`,
/// `客户 华东精密 (0001) · 逾期应收`. `customer_name` is the name of `q.customer`, if known.
pub fn drill_down_label(
    q: &LedgerQuery,
    edges: &AgingEdges,
    customer_name: Option<&str>,
    lang: Lang,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(b) = q.bucket {
        let label = bucket_label(edges.range(b))(lang);
        parts.push(format!("{} {label}", It::AgingBucket.text(lang)));
    }
    if let Some(code) = &q.customer {
        let who = match customer_name.filter(|n| !n.is_empty() && *n != code) {
            Some(name) => format!("{name} ({code})"),
            None => code.clone(),
        };
        parts.push(format!("{} {who}", Msg::Customer.text(lang)));
    }
    let fields = [
        (Msg::ColSalesperson, &q.salesperson),
        (Msg::Regions, &q.region),
        (Msg::ProductLines, &q.product_line),
    ];
    for (msg, value) in fields {
        if let Some(v) = value {
            parts.push(format!("{} {v}", msg.text(lang)));
        }
    }
    match q.status {
        StatusFilter::Open => parts.push(Msg::TotalReceivables.text(lang).to_owned()),
        StatusFilter::Overdue => parts.push(Msg::OverdueReceivables.text(lang).to_owned()),
        StatusFilter::Paid => parts.push(Msg::StatusPaid.text(lang).to_owned()),
        StatusFilter::All => {}
    }
    if let Some(c) = q.currency {
        parts.push(c.code().to_owned());
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::insight::form::{parse_edges, parse_period};
    use crate::domain::money::Currency;

    #[test]
    fn the_days_message_names_the_limit() {
        let limit = crate::domain::insight::form::MAX_TRAILING_DAYS.to_string();
        assert!(It::DaysRange.text(Lang::Zh).contains(&limit));
        assert!(It::DaysRange.text(Lang::En).contains(&limit));
    }

    #[test]
    fn every_text_has_both_languages() {
        for t in It::ALL {
            let (zh, en) = (t.text(Lang::Zh), t.text(Lang::En));
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{t:?}");
            assert_ne!(zh, en, "{t:?}");
        }
    }

    #[test]
    fn bucket_labels() {
        let e = AgingEdges::default();
        assert_eq!(bucket_label(e.range(0))(Lang::Zh), "未到期");
        assert_eq!(bucket_label(e.range(1))(Lang::En), "1–30 days");
        assert_eq!(bucket_label(e.range(5))(Lang::Zh), "≥181 天");
        assert_eq!(bucket_label(None)(Lang::Zh), "");
    }

    #[test]
    fn form_errors_say_which_edge_and_that_nothing_was_saved() {
        let e = parse_edges("30, 30").unwrap_err();
        assert_eq!(
            form_error(&e, Lang::Zh),
            "分段 #2「30」必须大于前一个分段（30） — 未保存任何更改"
        );
        assert_eq!(
            form_error(&parse_edges("30, x").unwrap_err(), Lang::En),
            "Edge #2「x」is not a whole number of days — nothing was saved"
        );
        assert_eq!(
            form_error(&parse_edges("0").unwrap_err(), Lang::En),
            "Edge #1「0」must be 1 day or more — nothing was saved"
        );
        assert!(
            form_error(&parse_period("trailing", "0").unwrap_err(), Lang::Zh)
                .starts_with("天数必须是 1 到 3660 之间的整数「0」")
        );
    }

    #[test]
    fn breadcrumbs_name_what_was_clicked() {
        let e = AgingEdges::default();
        let q = LedgerQuery::from_query_string("bucket=1&currency=CNY&from=dashboard");
        assert_eq!(
            drill_down_label(&q, &e, None, Lang::Zh),
            "账龄 1–30 天 · CNY"
        );
        let q = LedgerQuery::from_query_string("customer=0001&status=overdue&currency=USD");
        assert_eq!(
            drill_down_label(&q, &e, Some("华东精密"), Lang::En),
            "Customer 华东精密 (0001) · Overdue receivables · USD"
        );
        let q = LedgerQuery {
            salesperson: Some("张伟".into()),
            region: Some("华东".into()),
            product_line: Some("轴承".into()),
            status: StatusFilter::Open,
            currency: Some(Currency::CNY),
            ..LedgerQuery::default()
        };
        assert_eq!(
            drill_down_label(&q, &e, None, Lang::Zh),
            "业务员 张伟 · 区域 华东 · 产品线 轴承 · 应收总额 · CNY"
        );
    }
}
