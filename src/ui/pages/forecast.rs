//! The forecast page for the as-of date: the late-risk threshold, the 13-week cash forecast
//! per currency (chart and table, each week drilling down to its invoices), the export, the
//! explanation of one prediction (`#/forecast?invoice=…&customer=…`) and the backtest.

mod backtest;
mod chart;
mod explain;

use crate::domain::forecast::{cash_forecast, Bucket, CashForecast, Prediction};
use crate::domain::ledger_query::{percent_encode as percent, query_pairs};
use crate::domain::money::Currency;
use crate::export::forecast as forecast_export;
use crate::export::ledger::customer_names;
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::forecast::{Forecast, THRESHOLD_RANGE};
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_forecast::{percent as pct, Ft, RiskBand};
use crate::ui::route::Route;
use leptos::prelude::*;

/// The link to the explanation of an invoice's prediction.
pub fn explain_href(number: &str, customer: &str) -> String {
    format!(
        "#/forecast?invoice={}&customer={}",
        percent(number),
        percent(customer)
    )
}

/// The late-risk badge (`late-risk` hook, `data-value` the probability), linking to the
/// explanation of the prediction.
pub fn risk_badge(p: &Prediction, number: &str, customer: &str, lang: Lang) -> impl IntoView {
    let band = RiskBand::of(p.late_risk);
    let title = format!("{}: {}", Ft::LateRisk.text(lang), band.label().text(lang));
    view! {
        <a class=band.class() data-testid="late-risk" data-value=forecast_export::risk_text(p.late_risk)
            href=explain_href(number, customer) title=title>{pct(p.late_risk)}</a>
    }
}

#[component]
pub fn ForecastPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let fc = expect_context::<Forecast>();
    let params = query_pairs(Route::query_of(&state.hash.get_untracked()));
    let param = |k: &str| params.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let explained = param("invoice").map(|number| {
        view! { <explain::Explanation number=number customer=param("customer")/> }
    });
    let cash = Memo::new(move |_| {
        fc.predictions.with(|p| {
            let weeks = p.model.settings().weeks;
            cash_forecast(&p.predictions, p.as_of, weeks)
        })
    });
    // The week whose invoices are listed: (currency, week index; `weeks.len()` is "later").
    let selected = RwSignal::new(None::<(Currency, usize)>);

    let export = crate::ui::export_buttons::export_buttons(
        "forecast-export",
        |lang| Ft::Export.text(lang),
        "forecast",
        move || format!("forecast-{}", state.as_of.get_untracked()),
        move || {
            data.pool.with_untracked(|pool| {
                fc.predictions
                    .with_untracked(|p| forecast_export::table(pool, p))
            })
        },
    );

    let summary = move || {
        let lang = state.lang.get();
        let t = |f: Ft| f.text(lang);
        fc.predictions.with(|p| {
            let trained = p.model.trained_on().len();
            let open = p.predictions.len();
            let high = p
                .predictions
                .iter()
                .filter(|x| RiskBand::of(x.late_risk) == RiskBand::High)
                .count();
            view! {
                <dl class="facts-grid">
                    <dt>{t(Ft::TrainedOn)}</dt><dd data-testid="forecast-trained" data-value=trained>{trained}</dd>
                    <dt>{t(Ft::OpenPredicted)}</dt><dd data-testid="forecast-open" data-value=open>{open}</dd>
                    <dt>{t(Ft::HighRiskCount)}</dt><dd data-testid="forecast-high-risk" data-value=high>{high}</dd>
                </dl>
                {(open == 0).then(|| super::no_data_yet(lang, "forecast-empty"))}
                {(trained == 0 && open > 0).then(|| view! { <p class="banner info" data-testid="forecast-no-history">{t(Ft::NoHistory)}</p> })}
            }
        })
    };

    let currencies = move || {
        let lang = state.lang.get();
        cash.with(|c| view_cash(c, lang, selected))
    };
    let week_list = move || {
        let (cur, week) = selected.get()?;
        let lang = state.lang.get();
        Some(cash.with(|c| {
            let cf = c.currency(cur)?;
            let bucket = cf.weeks.get(week).unwrap_or(&cf.later);
            Some(view_week_invoices(bucket, cur, week, lang, data, fc))
        }))
    };

    view! {
        <section class="forecast" data-testid="page-forecast">
            <h1>{state.t(Msg::NavForecast)}</h1>
            <p class="muted">{move || Ft::Intro.text(state.lang.get())}</p>
            {explained}
            <div class="filters">
                <ThresholdField/>
                {export}
            </div>
            {summary}
            {currencies}
            {week_list}
            <backtest::BacktestPanel/>
        </section>
    }
}

#[component]
fn ThresholdField() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let fc = expect_context::<Forecast>();
    let error = RwSignal::new(None::<Ft>);
    let on_change = move |ev| {
        let raw = event_target_value(&ev);
        match raw.trim().parse::<i64>() {
            Ok(n) if THRESHOLD_RANGE.contains(&n) => {
                error.set(None);
                leptos::task::spawn_local(async move {
                    if fc.set_threshold(data, n).await.is_err() {
                        error.set(Some(Ft::ThresholdSaveFailed));
                    }
                });
            }
            _ => error.set(Some(Ft::ThresholdInvalid)),
        }
    };
    view! {
        <label title=move || Ft::ThresholdHelp.text(state.lang.get())>
            {move || Ft::Threshold.text(state.lang.get())}" "
            <input type="number" min="0" max="365" step="1" data-testid="late-threshold"
                prop:value=move || fc.threshold.get().to_string() on:change=on_change/>
        </label>
        {move || error.get().map(|e| view! { <span class="banner error" data-testid="late-threshold-error">{e.text(state.lang.get())}</span> })}
    }
}

fn week_label(week: usize, weeks: usize, lang: Lang) -> String {
    if week < weeks {
        format!("{} {}", Ft::Week.text(lang), week + 1)
    } else {
        Ft::Later.text(lang).to_owned()
    }
}

fn view_cash(
    c: &CashForecast,
    lang: Lang,
    selected: RwSignal<Option<(Currency, usize)>>,
) -> AnyView {
    let t = |f: Ft| f.text(lang);
    c.currencies
        .iter()
        .map(|cf| {
            let cur = cf.currency;
            let code = cur.code().to_owned();
            let n = cf.weeks.len();
            let rows = cf
                .weeks
                .iter()
                .chain(std::iter::once(&cf.later))
                .enumerate()
                .map(|(w, b)| {
                    let dates = match b.end {
                        Some(end) => format!("{} – {}", b.start.format("%m-%d"), end.format("%m-%d")),
                        None => format!("≥ {}", b.start),
                    };
                    let is_selected = move || selected.get() == Some((cur, w));
                    view! {
                        <tr data-testid="forecast-week" data-currency=code.clone()
                            data-week=if w < n { (w + 1).to_string() } else { "later".to_owned() }
                            data-start=b.start.to_string() data-end=b.end.map(|e| e.to_string())
                            data-expected=b.expected.to_plain_string() data-low=b.low.to_plain_string()
                            data-high=b.high.to_plain_string() data-count=b.invoices.len()
                            class:selected=is_selected>
                            <th>{week_label(w, n, lang)}</th>
                            <td>{dates}</td>
                            <td class="num">{b.expected.to_display_string()}</td>
                            <td class="num">{b.low.to_display_string()}</td>
                            <td class="num">{b.high.to_display_string()}</td>
                            <td class="num">
                                <button data-testid="forecast-week-show" disabled=b.invoices.is_empty()
                                    on:click=move |_| selected.set(Some((cur, w)))>
                                    {format!("{} · {}", b.invoices.len(), t(Ft::ShowInvoices))}
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h2>{format!("{} · {code} · {}: {}", t(Ft::CashTitle), t(Ft::Total), cf.total_open.to_display_string())}</h2>
                {chart::chart(cf, lang)}
                <p class="muted">{t(Ft::ChartLegend)}</p>
                <table class="grid narrow">
                    <thead><tr>
                        <th>{t(Ft::Week)}</th><th>{t(Ft::WeekDates)}</th><th class="num">{t(Ft::Expected)}</th>
                        <th class="num">{t(Ft::Low)}</th><th class="num">{t(Ft::High)}</th><th class="num">{t(Ft::Invoices)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
        .collect_view()
        .into_any()
}

fn view_week_invoices(
    bucket: &Bucket,
    cur: Currency,
    week: usize,
    lang: Lang,
    data: Data,
    fc: Forecast,
) -> impl IntoView {
    let t = |f: Ft| f.text(lang);
    let weeks = fc.predictions.with(|p| p.model.settings().weeks);
    let rows = data.pool.with(|pool| {
        let names = customer_names(pool);
        fc.predictions.with(|pr| {
            bucket
                .invoices
                .iter()
                .filter_map(|&i| {
                    let inv = pool.invoices.get(i)?;
                    let p = pr.for_invoice(i)?;
                    let name = names.get(inv.customer.as_str()).copied().unwrap_or("").to_owned();
                    let customer = inv.customer.clone();
                    Some(view! {
                        <tr data-testid="forecast-week-invoice" data-invoice=inv.number.clone()>
                            <td>{inv.number.clone()}</td>
                            <td><a href=format!("#/customer?code={}", percent(&customer))>{name}</a><span class="muted">{format!(" {customer}")}</span></td>
                            <td>{p.due.to_string()}</td>
                            <td data-testid="forecast-expected" data-value=p.expected.to_string()>{p.expected.to_string()}</td>
                            <td>{format!("{} – {}", p.early, p.late)}</td>
                            <td class="num">{p.open.to_display_string()}</td>
                            <td>{risk_badge(p, &inv.number, &inv.customer, lang)}</td>
                        </tr>
                    })
                })
                .collect_view()
        })
    });
    view! {
        <h2 data-testid="forecast-week-invoices" data-currency=cur.code().to_owned()>
            {format!("{} · {} · {}", t(Ft::WeekInvoicesTitle), cur.code(), week_label(week, weeks, lang))}
        </h2>
        <table class="grid">
            <thead><tr>
                <th>{Msg::ColInvoice.text(lang)}</th><th>{Msg::Customer.text(lang)}</th>
                <th>{Msg::ColDueDate.text(lang)}</th><th>{t(Ft::ExpectedDate)}</th>
                <th>{t(Ft::Range)}</th><th class="num">{Msg::ColOutstanding.text(lang)}</th>
                <th>{t(Ft::LateRisk)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
