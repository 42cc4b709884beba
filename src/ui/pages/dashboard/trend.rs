//! Receivables and overdue at each of the last 12 month-ends, per currency: a chart and the
//! table beneath it (`trend-row`), recomputed only when the list of month-ends changes —
//! that is, when the as-of date crosses a month-end — or the pool does.

use super::charts::{patterns, short};
use crate::domain::asof::AsOf;
use crate::domain::insight::{trend_month_ends, trend_reusing_with, TrendPoint};
use crate::domain::money::{Currency, Money};
use crate::export::insight::{trend_currencies, trend_table};
use crate::ui::app::AppState;
use crate::ui::chart::{tick_label, Axis};
use crate::ui::data::Data;
use crate::ui::export_buttons::export_buttons;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_insight::It;
use leptos::prelude::*;

pub const MONTHS: usize = 12;
const LEFT: f64 = 96.0;
const SLOT: f64 = 58.0;
const BAR: f64 = 20.0;
const HEIGHT: f64 = 170.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 24.0;

#[component]
pub fn TrendSection() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    // Memoised on the month-end list, not the as-of date (see domain::insight::trend).
    let month_ends = Memo::new(move |_| trend_month_ends(AsOf(state.as_of.get()), MONTHS));
    // A new number on every change of the pool or of the approvals (approved extensions move
    // due dates), so points computed from older data are not reused.
    let pool_generation = Memo::new(move |previous: Option<&u64>| {
        data.pool.track();
        data.credit.approvals.track();
        data.credit.approval_config.track();
        previous.map_or(0, |g| g.wrapping_add(1))
    });
    // Moving into the next month keeps eleven points and computes one.
    let computed = Memo::new(move |previous: Option<&(u64, Vec<TrendPoint>)>| {
        let generation = pool_generation.get();
        let known = previous
            .filter(|(g, _)| *g == generation)
            .map_or(&[][..], |(_, v)| v.as_slice());
        // Each month-end's ledger as the app builds it: approved extensions as of that day.
        let points = month_ends
            .with(|ends| trend_reusing_with(ends, known, |day| data.effective_ledger(AsOf(day))));
        (generation, points)
    });
    let points = Memo::new(move |_| computed.with(|(_, p)| p.clone()));
    let export = export_buttons(
        "trend-export",
        |lang| Msg::DownloadCsv.text(lang),
        "trend",
        move || format!("trend-{}", state.as_of.get_untracked()),
        move || points.with_untracked(|p| trend_table(p)),
    );
    let body = move || {
        let lang = state.lang.get();
        points.with(|pts| {
            let currencies = trend_currencies(pts);
            let charts = currencies
                .iter()
                .map(|&c| trend_chart(pts, c, lang))
                .collect_view();
            let rows = pts
                .iter()
                .flat_map(|p| currencies.iter().map(move |&c| trend_row(p, c)))
                .collect_view();
            view! {
                <div class="charts">{charts}</div>
                <table class="grid narrow" data-testid="trend-table"><thead><tr>
                    <th>{It::MonthEnd.text(lang)}</th><th>{It::Currency.text(lang)}</th>
                    <th class="num">{It::Receivables.text(lang)}</th><th class="num">{It::Overdue.text(lang)}</th>
                </tr></thead><tbody>{rows}</tbody></table>
            }
        })
    };
    view! {
        <section class="trend">
            <h2>{move || It::TrendTitle.text(state.lang.get())}</h2>
            <p class="muted">{move || It::TrendNote.text(state.lang.get())}</p>
            {body}
            <div class="toolbar no-print">{export}</div>
        </section>
    }
}

fn trend_row(p: &TrendPoint, c: Currency) -> impl IntoView {
    let (r, o) = (p.receivables.get(c), p.overdue.get(c));
    view! {
        <tr data-testid="trend-row" data-month-end=p.month_end.to_string() data-currency=c.code().to_owned()
            data-receivables=r.to_plain_string() data-overdue=o.to_plain_string()>
            <td>{p.month_end.to_string()}</td><td>{c.code().to_owned()}</td>
            <td class="num">{r.to_display_string()}</td><td class="num">{o.to_display_string()}</td>
        </tr>
    }
}

/// Two bars a month: receivables (hatched) and overdue (solid), with a legend in words.
fn trend_chart(points: &[TrendPoint], c: Currency, lang: Lang) -> impl IntoView {
    let max = points
        .iter()
        .map(|p| p.receivables.get(c).minor.max(p.overdue.get(c).minor))
        .max()
        .unwrap_or(0);
    let axis = Axis::new(max, 4);
    let id = format!("trend-{}", c.code());
    let width = LEFT + SLOT * points.len() as f64 + 8.0;
    let base = TOP + HEIGHT;
    let y = |minor: i64| base - axis.pixels(minor, HEIGHT);
    let grid = axis
        .ticks
        .iter()
        .map(|&t| {
            view! {
                <g>
                    <line class="grid-line" x1=LEFT x2=width - 8.0 y1=y(t) y2=y(t)/>
                    <text class="tick" x=LEFT - 6.0 y=y(t) + 4.0 text-anchor="end">{tick_label(Money::new(t, c))}</text>
                </g>
            }
        })
        .collect_view();
    let (rec_name, over_name) = (It::Receivables.text(lang), It::Overdue.text(lang));
    let bars = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = LEFT + SLOT * i as f64 + (SLOT - 2.0 * BAR) / 2.0;
            let (r, o) = (p.receivables.get(c), p.overdue.get(c));
            let month = p.month_end.format("%Y-%m").to_string();
            view! {
                <g data-month-end=p.month_end.to_string()>
                    <rect class="vbar" x=x y=y(r.minor) width=BAR height=base - y(r.minor) fill=format!("url(#{id}-p1)")>
                        <title>{format!("{month} {rec_name}: {}", r.to_display_string())}</title>
                    </rect>
                    <rect class="vbar" x=x + BAR y=y(o.minor) width=BAR height=base - y(o.minor) fill=format!("url(#{id}-p4)")>
                        <title>{format!("{month} {over_name}: {}", o.to_display_string())}</title>
                    </rect>
                    <text class="tick" x=x + BAR y=base + 15.0 text-anchor="middle">{month}</text>
                </g>
            }
        })
        .collect_view();
    let title = format!("{} {}", c.code(), It::TrendTitle.text(lang));
    let last = points.last().map(|p| {
        format!(
            "{}: {} {}, {} {}",
            p.month_end,
            rec_name,
            p.receivables.get(c).to_display_string(),
            over_name,
            p.overdue.get(c).to_display_string()
        )
    });
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            <svg class="bar-chart" data-testid="trend-chart" data-currency=c.code().to_owned() role="img"
                aria-label=title viewBox=format!("0 0 {width} {}", base + BOTTOM) width=width height=base + BOTTOM>
                {patterns(&id)}
                <g class="legend">
                    <rect x=LEFT y=4.0 width=14.0 height=12.0 fill=format!("url(#{id}-p1)") class="hbar"/>
                    <text x=LEFT + 18.0 y=14.0>{short(rec_name, 20)}</text>
                    <rect x=LEFT + 130.0 y=4.0 width=14.0 height=12.0 fill=format!("url(#{id}-p4)") class="hbar"/>
                    <text x=LEFT + 148.0 y=14.0>{short(over_name, 20)}</text>
                </g>
                {grid}
                <line class="axis" x1=LEFT x2=width - 8.0 y1=base y2=base/>
                {bars}
            </svg>
            <figcaption class="muted">{last}</figcaption>
        </figure>
    }
}
