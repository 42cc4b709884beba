//! The backtest panel: choose a cut-off, train on what was known then, score the invoices
//! open then against what was paid up to the as-of date — the model and both baselines.

use crate::domain::forecast::{backtest, Backtest, Scores};
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::forecast::{settings, Forecast};
use crate::ui::i18n::Lang;
use crate::ui::i18n_forecast::Ft;
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;

/// What the panel shows below the button.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Running,
    Problem(Ft),
    Done(Box<Backtest>),
}

/// The cut-off as typed, checked against the as-of date (the end of the scoring horizon).
fn parse_cutoff(raw: &str, as_of: NaiveDate) -> Result<NaiveDate, Ft> {
    let cutoff =
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| Ft::CutoffInvalid)?;
    if cutoff >= as_of {
        return Err(Ft::CutoffNotBeforeAsOf);
    }
    Ok(cutoff)
}

#[component]
pub fn BacktestPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let fc = expect_context::<Forecast>();
    let default_cutoff = state.as_of.get_untracked() - Duration::days(91);
    let cutoff = RwSignal::new(default_cutoff.format("%Y-%m-%d").to_string());
    let outcome = RwSignal::new(None::<Outcome>);

    let run = move |_| {
        let horizon = state.as_of.get_untracked();
        let cut = match parse_cutoff(&cutoff.get_untracked(), horizon) {
            Ok(c) => c,
            Err(e) => return outcome.set(Some(Outcome::Problem(e))),
        };
        outcome.set(Some(Outcome::Running));
        let settings = settings(fc.threshold.get_untracked());
        leptos::task::spawn_local(async move {
            // Let "running…" paint before the work.
            browser::next_frame().await;
            let bt = data
                .pool
                .with_untracked(|p| backtest(p, cut, horizon, &settings));
            outcome.set(Some(if bt.model.is_none() {
                Outcome::Problem(Ft::NothingScored)
            } else {
                Outcome::Done(Box::new(bt))
            }));
        });
    };

    let result = move || {
        let lang = state.lang.get();
        outcome.with(|o| match o {
            None => ().into_any(),
            Some(Outcome::Running) => {
                view! { <p data-testid="backtest-running">{Ft::Running.text(lang)}</p> }.into_any()
            }
            Some(Outcome::Problem(e)) => {
                view! { <p class="banner error" data-testid="backtest-error">{e.text(lang)}</p> }
                    .into_any()
            }
            Some(Outcome::Done(bt)) => view_result(bt, lang).into_any(),
        })
    };

    view! {
        <h2>{move || Ft::BacktestTitle.text(state.lang.get())}</h2>
        <p class="muted">{move || Ft::BacktestHelp.text(state.lang.get())}</p>
        <div class="filters">
            <label>{move || Ft::Cutoff.text(state.lang.get())}" "
                <input type="date" data-testid="backtest-cutoff" prop:value=move || cutoff.get()
                    on:change=move |ev| cutoff.set(event_target_value(&ev))/>
            </label>
            <button data-testid="backtest-run" on:click=run
                disabled=move || matches!(outcome.get(), Some(Outcome::Running))>
                {move || Ft::Run.text(state.lang.get())}
            </button>
        </div>
        {result}
    }
}

fn view_result(bt: &Backtest, lang: Lang) -> impl IntoView {
    let t = |f: Ft| f.text(lang);
    let rows = [
        (Ft::Model, "model", bt.model),
        (Ft::BaselineDue, "due", bt.due_date_baseline),
        (Ft::BaselineMean, "mean", bt.customer_mean_baseline),
    ];
    let best = |f: fn(&Scores) -> f64| {
        rows.iter()
            .filter_map(|r| r.2.as_ref().map(f))
            .fold(f64::INFINITY, f64::min)
    };
    let (best_mae, best_brier) = (best(|s| s.mae_days), best(|s| s.brier));
    let body = rows
        .into_iter()
        .filter_map(|(label, key, scores)| {
            let s = scores?;
            Some(view! {
                <tr>
                    <th>{t(label)}</th>
                    <td class="num" class:best=s.mae_days <= best_mae data-testid=format!("backtest-mae-{key}")
                        data-value=format!("{:.4}", s.mae_days)>{format!("{:.1}", s.mae_days)}</td>
                    <td class="num" class:best=s.brier <= best_brier data-testid=format!("backtest-brier-{key}")
                        data-value=format!("{:.4}", s.brier)>{format!("{:.3}", s.brier)}</td>
                </tr>
            })
        })
        .collect_view();
    let (trained, open, scored) = (bt.trained_on.len(), bt.open_at_cutoff, bt.evaluated.len());
    view! {
        <div data-testid="backtest-result" data-cutoff=bt.cutoff.to_string() data-horizon=bt.horizon_end.to_string()>
            <dl class="facts-grid">
                <dt>{t(Ft::Cutoff)}</dt><dd>{format!("{} → {}", bt.cutoff, bt.horizon_end)}</dd>
                <dt>{t(Ft::TrainedOn)}</dt><dd data-testid="backtest-trained" data-value=trained>{trained}</dd>
                <dt>{t(Ft::OpenAtCutoff)}</dt><dd data-testid="backtest-open" data-value=open>{open}</dd>
                <dt>{t(Ft::Scored)}</dt><dd data-testid="backtest-evaluated" data-value=scored>{scored}</dd>
            </dl>
            <table class="grid narrow">
                <thead><tr><th>{t(Ft::Method)}</th><th class="num">{t(Ft::Mae)}</th><th class="num">{t(Ft::Brier)}</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
            <p class="muted">{t(Ft::LowerIsBetter)}</p>
        </div>
    }
}
