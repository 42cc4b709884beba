//! Why one invoice is predicted as it is: the customer's settled history the model learned
//! from, and the invoice features that moved the prediction (the core's `Explanation`).

use crate::domain::forecast::{settled_history, Prediction};
use crate::domain::ledger::Ledger;
use crate::domain::model::Pool;
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::forecast::Forecast;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_forecast::{feature_name, percent, signed_days, Ft};
use crate::ui::pages::forecast::risk_badge;
use leptos::prelude::*;

/// Rows of the customer's history shown (most recent first).
const HISTORY_ROWS: usize = 24;

#[component]
pub fn Explanation(number: String, customer: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let fc = expect_context::<Forecast>();
    move || {
        let lang = state.lang.get();
        fc.predictions.with(|pr| {
            data.pool.with(|pool| {
                state.ledger.with(|ledger| {
                    let found = pool
                        .invoices
                        .iter()
                        .enumerate()
                        .filter(|(_, i)| {
                            i.number == number && customer.as_ref().is_none_or(|c| &i.customer == c)
                        })
                        .find_map(|(i, _)| pr.for_invoice(i));
                    match found {
                        Some(p) => view_explanation(p, pool, ledger, pr, lang).into_any(),
                        None => view! {
                            <section class="explain" data-testid="forecast-explain-missing">
                                <h2>{format!("{} · {number}", Ft::ExplainTitle.text(lang))}</h2>
                                <p class="banner error">{Ft::ExplainNotFound.text(lang)}</p>
                            </section>
                        }
                        .into_any(),
                    }
                })
            })
        })
    }
}

fn view_explanation(
    p: &Prediction,
    pool: &Pool,
    ledger: &Ledger,
    pr: &crate::domain::forecast::Predictions,
    lang: Lang,
) -> impl IntoView {
    let t = |f: Ft| f.text(lang);
    let inv = &pool.invoices[p.index];
    let x = &p.explanation;
    let h = &x.history;
    let name = pool
        .customers
        .iter()
        .find(|c| c.code == inv.customer)
        .map_or(inv.customer.clone(), |c| c.name.clone());
    let mut contributions = x.contributions.clone();
    contributions.sort_by(|a, b| b.days.abs().total_cmp(&a.days.abs()));
    let features = contributions
        .iter()
        .map(|c| {
            view! {
                <tr data-testid="explain-feature" data-feature=format!("{:?}", c.feature) data-days=format!("{:.2}", c.days)>
                    <td>{feature_name(c.feature, lang)}</td>
                    <td class="num">{format!("{:.2}", c.value)}</td>
                    <td class="num">{signed_days(c.days)}</td>
                </tr>
            }
        })
        .collect_view();
    let history = settled_history(pool, ledger, &pr.model, &inv.customer);
    let shown = history
        .iter()
        .take(HISTORY_ROWS)
        .map(|s| {
            view! {
                <tr data-testid="explain-history-row">
                    <td>{pool.invoices.get(s.index).map(|i| i.number.clone())}</td>
                    <td class="num">{s.amount.to_display_string()}</td>
                    <td>{s.due.to_string()}</td>
                    <td>{s.settled.to_string()}</td>
                    <td class="num">{s.delay_days}</td>
                </tr>
            }
        })
        .collect_view();
    let more = history.len().saturating_sub(HISTORY_ROWS);
    let mean = h
        .weighted_mean_delay
        .map_or("—".to_owned(), |d| format!("{d:.1}"));
    view! {
        <section class="explain" data-testid="forecast-explain" data-invoice=inv.number.clone()>
            <h2>{format!("{} · {} · {name}", t(Ft::ExplainTitle), inv.number)}</h2>
            <dl class="facts-grid">
                <dt>{Msg::ColDueDate.text(lang)}</dt><dd>{p.due.to_string()}</dd>
                <dt>{t(Ft::ExpectedDate)}</dt><dd data-testid="explain-expected" data-value=p.expected.to_string()>{p.expected.to_string()}</dd>
                <dt>{t(Ft::Range)}</dt><dd>{format!("{} – {}", p.early, p.late)}</dd>
                <dt>{t(Ft::PredictedDelay)}</dt><dd data-testid="explain-delay" data-value=p.delay_days>{p.delay_days}</dd>
                <dt>{t(Ft::LateRisk)}</dt><dd>{risk_badge(p, &inv.number, &inv.customer, lang)}</dd>
            </dl>
            <h3>{t(Ft::HistoryTitle)}</h3>
            {(h.settled == 0).then(|| view! { <p class="muted">{t(Ft::NoCustomerHistory)}</p> })}
            <dl class="facts-grid">
                <dt>{t(Ft::SettledCount)}</dt><dd data-testid="explain-settled" data-value=h.settled>{h.settled}</dd>
                <dt>{t(Ft::CustomerMeanDelay)}</dt><dd>{mean}</dd>
                <dt>{t(Ft::Credibility)}</dt><dd data-testid="explain-credibility" data-value=format!("{:.3}", h.credibility)>{percent(h.credibility)}</dd>
                <dt>{t(Ft::PortfolioMeanDelay)}</dt><dd>{format!("{:.1}", h.portfolio_mean_delay)}</dd>
                <dt>{t(Ft::BaseDelay)}</dt><dd>{format!("{:.1}", h.base_delay)}</dd>
            </dl>
            <h3>{t(Ft::FeaturesTitle)}</h3>
            <table class="grid narrow">
                <thead><tr><th>{t(Ft::Feature)}</th><th class="num">{t(Ft::Value)}</th><th class="num">{t(Ft::Days)}</th></tr></thead>
                <tbody>
                    {features}
                    <tr><td>{t(Ft::ResidualShift)}</td><td></td><td class="num">{signed_days(x.residual_shift_days)}</td></tr>
                    <tr><td>{t(Ft::UnpaidShift)}</td><td></td><td class="num">{signed_days(x.unpaid_shift_days)}</td></tr>
                </tbody>
            </table>
            {(h.settled > 0).then(|| view! {
                <table class="grid">
                    <thead><tr>
                        <th>{Msg::ColInvoice.text(lang)}</th><th class="num">{Msg::ColAmount.text(lang)}</th>
                        <th>{Msg::ColDueDate.text(lang)}</th><th>{t(Ft::SettledOn)}</th><th class="num">{t(Ft::Delay)}</th>
                    </tr></thead>
                    <tbody>{shown}</tbody>
                </table>
                {(more > 0).then(|| view! { <p class="muted">{format!("… +{more}")}</p> })}
            })}
        </section>
    }
}
