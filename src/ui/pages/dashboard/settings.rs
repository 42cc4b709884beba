//! The dashboard settings form: aging edges and the collection period, checked by
//! `domain::insight::form` before anything is saved; a refused form says why and saves
//! nothing. The ledger's bucket filter reads the same settings.

use crate::domain::insight::form::{self, edges_text, period_kind};
use crate::domain::insight::CollectionPeriod;
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::i18n::Msg;
use crate::ui::i18n_insight::{form_error, It};
use crate::ui::insight::InsightConfig;
use leptos::prelude::*;

#[component]
pub fn InsightSettingsForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let insight = expect_context::<InsightConfig>();
    let edges = RwSignal::new(String::new());
    let kind = RwSignal::new("month".to_owned());
    let days = RwSignal::new("30".to_owned());
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    // The fields show the settings in force (the saved ones once loaded).
    Effect::new(move |_| {
        insight.settings.with(|s| {
            edges.set(edges_text(&s.aging_edges));
            kind.set(period_kind(s.period).to_owned());
            if let CollectionPeriod::TrailingDays(n) = s.period {
                days.set(n.to_string());
            }
        })
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang.get_untracked();
        let current = insight.settings.get_untracked();
        match form::apply(
            &current,
            &edges.get_untracked(),
            &kind.get_untracked(),
            &days.get_untracked(),
        ) {
            Err(e) => message.set(Some((false, form_error(&e, lang)))),
            Ok(s) => leptos::task::spawn_local(async move {
                message.set(Some(match insight.save(data, s).await {
                    Ok(()) => (true, Msg::Saved.text(lang).to_owned()),
                    Err(()) => (
                        false,
                        format!(
                            "{} — {}",
                            It::SaveFailed.text(lang),
                            It::NothingSaved.text(lang)
                        ),
                    ),
                }));
            }),
        }
    };
    let t = move |x: It| move || x.text(state.lang.get());
    let option = move |value: &'static str, label: It| {
        view! { <option value=value selected=move || kind.with(|k| k == value)>{t(label)}</option> }
    };
    view! {
        <details class="insight-settings no-print" data-testid="insight-settings">
            <summary>{t(It::SettingsTitle)}</summary>
            <form class="filters" on:submit=save>
                <label>{t(It::EdgesLabel)}
                    <input data-testid="aging-edges" prop:value=move || edges.get()
                        on:input=move |ev| edges.set(event_target_value(&ev))/>
                </label>
                <label>{t(It::PeriodLabel)}
                    <select data-testid="collection-period" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {option("month", It::PeriodMonth)}
                        {option("quarter", It::PeriodQuarter)}
                        {option("year", It::PeriodYear)}
                        {option("trailing", It::PeriodTrailing)}
                    </select>
                </label>
                <label>{t(It::TrailingDays)}
                    <input type="number" min="1" max="3660" data-testid="collection-days"
                        disabled=move || kind.with(|k| k != "trailing")
                        prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="primary" data-testid="insight-settings-save">{move || Msg::Save.text(state.lang.get())}</button>
            </form>
            {move || message.get().map(|(ok, text)| view! {
                <p class="banner" class:info=ok class:error=!ok data-testid="insight-settings-message">{text}</p>
            })}
        </details>
    }
}
