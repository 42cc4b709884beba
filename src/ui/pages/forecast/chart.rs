//! The cash forecast of one currency as an inline SVG bar chart: a bar per week for the
//! expected receipts, a whisker from the low to the high end of the range, "later" last.
//! Amounts become pixels here only (display scaling); the figures themselves stay exact.

use crate::domain::forecast::CurrencyForecast;
use crate::ui::i18n::Lang;
use crate::ui::i18n_forecast::Ft;
use leptos::prelude::*;

const SLOT: f64 = 36.0;
const BAR: f64 = 22.0;
const HEIGHT: f64 = 160.0;
const PAD: f64 = 8.0;

pub fn chart(cf: &CurrencyForecast, lang: Lang) -> impl IntoView {
    let buckets: Vec<_> = cf.weeks.iter().chain(std::iter::once(&cf.later)).collect();
    let max = buckets
        .iter()
        .map(|b| b.high.minor.max(b.expected.minor))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let y = |minor: i64| PAD + HEIGHT * (1.0 - minor.max(0) as f64 / max);
    let width = PAD * 2.0 + SLOT * buckets.len() as f64;
    let n = cf.weeks.len();
    let marks = buckets
        .iter()
        .enumerate()
        .map(|(w, b)| {
            let x = PAD + SLOT * w as f64 + (SLOT - BAR) / 2.0;
            let mid = x + BAR / 2.0;
            let top = y(b.expected.minor);
            let (lo, hi) = (y(b.low.minor), y(b.high.minor));
            view! {
                <rect class=if w < n { "bar" } else { "bar later" } x=x y=top width=BAR height=(PAD + HEIGHT - top).max(0.0)
                    data-testid="forecast-bar" data-value=b.expected.to_plain_string()/>
                <line class="whisker" x1=mid x2=mid y1=lo y2=hi/>
                <line class="whisker" x1=mid - 5.0 x2=mid + 5.0 y1=lo y2=lo/>
                <line class="whisker" x1=mid - 5.0 x2=mid + 5.0 y1=hi y2=hi/>
            }
        })
        .collect_view();
    let label = format!("{} {}", cf.currency.code(), Ft::CashTitle.text(lang));
    view! {
        <svg class="forecast-chart" data-testid="forecast-chart" data-currency=cf.currency.code().to_owned()
            role="img" aria-label=label viewBox=format!("0 0 {width} {}", HEIGHT + 2.0 * PAD)
            width=width height=HEIGHT + 2.0 * PAD>
            <line class="axis" x1=PAD x2=width - PAD y1=PAD + HEIGHT y2=PAD + HEIGHT/>
            {marks}
        </svg>
    }
}
