//! The dashboard's bar charts as inline SVG: aging per currency and the customers with the
//! most overdue. Every bar is a link to the ledger filtered exactly like the table cell
//! beside it, and carries its amount as text, so the chart reads without colour (each
//! bucket also has its own fill pattern) and prints in black and white. Geometry comes from
//! the pure [`crate::ui::chart`].

use crate::domain::insight::CurrencyDashboard;
use crate::domain::ledger_query::LedgerQuery;
use crate::domain::money::{Currency, Money};
use crate::ui::chart::{tick_label, Axis};
use crate::ui::i18n::Lang;
use crate::ui::i18n_insight::{bucket_label, It};
use leptos::prelude::*;

const LABEL_W: f64 = 160.0;
const BAR_MAX: f64 = 340.0;
const VALUE_W: f64 = 190.0;
const ROW: f64 = 26.0;
const BAR_H: f64 = 16.0;
const AXIS_H: f64 = 22.0;
const TICKS: usize = 4;
/// Fill patterns, one per bucket (cycled): readable in greyscale and on paper.
const PATTERNS: usize = 5;
/// Customers drawn; the table beneath lists them all.
const TOP_BARS: usize = 10;

/// One horizontal bar.
pub struct HBar {
    pub label: String,
    pub value: Money,
    /// Shown after the amount: the number of invoices behind it.
    pub count: usize,
    pub href: String,
    /// `data-from` / `data-to` of an aging bar (days overdue).
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// `data-customer` of a customer bar.
    pub customer: Option<String>,
}

/// The pattern definitions of one chart (ids prefixed with `id`).
pub fn patterns(id: &str) -> impl IntoView {
    let p = |k: usize| format!("{id}-p{k}");
    view! {
        <defs>
            <pattern id=p(0) width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" class="pat-bg"/>
            </pattern>
            <pattern id=p(1) width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" class="pat-bg"/><line x1="0" y1="0" x2="0" y2="6" class="pat-ink"/>
            </pattern>
            <pattern id=p(2) width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" class="pat-bg"/><circle cx="3" cy="3" r="1.4" class="pat-dot"/>
            </pattern>
            <pattern id=p(3) width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" class="pat-bg"/><line x1="0" y1="0" x2="0" y2="6" class="pat-ink"/><line x1="0" y1="0" x2="6" y2="0" class="pat-ink"/>
            </pattern>
            <pattern id=p(4) width="6" height="6" patternUnits="userSpaceOnUse">
                <rect width="6" height="6" class="pat-solid"/>
            </pattern>
        </defs>
    }
}

/// A horizontal bar chart of `bars` in `currency`: `chart_hook` on the `<svg>`, `bar_hook`
/// on each bar's link.
pub fn hbar_chart(
    chart_hook: &'static str,
    bar_hook: &'static str,
    currency: Currency,
    title: String,
    bars: Vec<HBar>,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value.minor).max().unwrap_or(0);
    let axis = Axis::new(max, TICKS);
    let id = format!("{chart_hook}-{}", currency.code());
    let height = ROW * bars.len() as f64 + AXIS_H;
    let width = LABEL_W + BAR_MAX + VALUE_W;
    let base = ROW * bars.len() as f64;
    let grid = axis
        .ticks
        .iter()
        .map(|&t| {
            let x = LABEL_W + axis.pixels(t, BAR_MAX);
            view! {
                <g>
                    <line class="grid-line" x1=x x2=x y1=0.0 y2=base/>
                    <text class="tick" x=x y=base + 15.0 text-anchor="middle">{tick_label(Money::new(t, currency))}</text>
                </g>
            }
        })
        .collect_view();
    let marks = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let y = ROW * i as f64;
            let w = axis.pixels(b.value.minor, BAR_MAX);
            let fill = format!("url(#{id}-p{})", i % PATTERNS);
            let value = format!("{} ({})", b.value.to_display_string(), b.count);
            let tip = format!("{}: {value}", b.label);
            view! {
                <g>
                    <a href=b.href data-testid=bar_hook data-from=b.from.map(|f| f.to_string())
                        data-to=b.to.map(|t| t.to_string()) data-customer=b.customer
                        data-currency=currency.code().to_owned() data-amount=b.value.to_plain_string()>
                        <title>{tip}</title>
                        <text class="label" x=LABEL_W - 8.0 y=y + ROW / 2.0 + 4.0 text-anchor="end">{short(&b.label, 12)}</text>
                        <rect class="hbar" x=LABEL_W y=y + (ROW - BAR_H) / 2.0 width=w.max(1.0) height=BAR_H fill=fill/>
                        <text class="value" x=LABEL_W + w + 6.0 y=y + ROW / 2.0 + 4.0>{value}</text>
                    </a>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            // Not role="img": the bars are links, and must stay reachable by keyboard and
            // screen readers.
            <svg class="bar-chart" data-testid=chart_hook data-currency=currency.code().to_owned()
                aria-label=title viewBox=format!("0 0 {width} {height}")
                width=width height=height>
                {patterns(&id)}
                {grid}
                <line class="axis" x1=LABEL_W x2=LABEL_W y1=0.0 y2=base/>
                {marks}
            </svg>
        </figure>
    }
}

/// One chart per currency: a bar per aging bucket, linked like the aging table's cells.
pub fn aging_chart(
    d: &crate::domain::insight::Dashboard,
    cur: Currency,
    link: impl Fn(&LedgerQuery) -> String,
    lang: Lang,
) -> impl IntoView {
    let bars = d
        .aging
        .iter()
        .enumerate()
        .map(|(b, bucket)| HBar {
            label: bucket_label(Some((bucket.from, bucket.to)))(lang),
            value: bucket.amount.get(cur),
            count: bucket.count.get(&cur).copied().unwrap_or(0),
            href: link(&super::bucket_query(b, cur)),
            from: bucket.from,
            to: bucket.to,
            customer: None,
        })
        .collect();
    let title = format!("{} {}", cur.code(), It::AgingChart.text(lang));
    hbar_chart("aging-chart", "aging-bar", cur, title, bars)
}

/// The customers with the most overdue in one currency (at most ten bars).
pub fn customers_chart(
    c: &CurrencyDashboard,
    link: impl Fn(&LedgerQuery) -> String,
    lang: Lang,
) -> impl IntoView {
    let bars: Vec<HBar> = c
        .top_customers
        .iter()
        .take(TOP_BARS)
        .map(|r| HBar {
            label: r.name.clone(),
            value: r.overdue,
            count: r.overdue_invoices,
            href: link(&r.query),
            from: None,
            to: None,
            customer: Some(r.customer.clone()),
        })
        .collect();
    let title = format!("{} {}", c.currency.code(), It::CustomersChart.text(lang));
    (!bars.is_empty())
        .then(|| hbar_chart("customers-chart", "customer-bar", c.currency, title, bars))
}

/// At most `n` characters, with "…" when cut (the full name is in the table and tooltip).
pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).chain(std::iter::once('…')).collect()
    }
}
