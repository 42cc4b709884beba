//! The approval chain settings: the roles in order, who is added for long or large requests,
//! the thresholds, and the four-eyes switch. Checked whole before saving.

use crate::domain::approvals::{config_from_form, ConfigForm};
use crate::domain::model::Role;
use crate::domain::money::Currency;
use crate::import::cells::parse_amount;
use crate::import::records::parse_role_list;
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::i18n_credit::{chain_text, config_problem, role_name, C};
use leptos::prelude::*;

#[component]
pub fn ChainSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let t = move |c: C| move || c.text(state.lang.get());
    let chain = RwSignal::new(String::new());
    let escalate_to = RwSignal::new(Role::Cfo);
    let days = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let distinct = RwSignal::new(true);
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    Effect::new(move |_| {
        let lang = state.lang.get();
        data.credit.approval_config.with(|c| {
            chain.set(chain_text(&c.chain, lang));
            escalate_to.set(c.escalate_to);
            days.set(c.escalate_over_days.to_string());
            amount.set(
                c.escalate_over_amount
                    .iter()
                    .find(|m| m.currency == Currency::CNY)
                    .map(|m| m.to_plain_string())
                    .unwrap_or_default(),
            );
            distinct.set(c.distinct_actors);
        })
    });
    let save = move |_| {
        let lang = state.lang.get_untracked();
        let (typed_days, typed_amount) = (days.get_untracked(), amount.get_untracked());
        let form = ConfigForm {
            chain: parse_role_list(&chain.get_untracked()),
            escalate_to: escalate_to.get_untracked(),
            days: &typed_days,
            amount: &typed_amount,
            currency: Currency::CNY,
            distinct_actors: distinct.get_untracked(),
        };
        let checked = data.credit.approval_config.with_untracked(|base| {
            config_from_form(base, &form, |text, digits| parse_amount(text, digits).ok())
        });
        match checked {
            Err(problems) => {
                let list: Vec<String> = problems.iter().map(|p| config_problem(p, lang)).collect();
                message.set(Some((
                    false,
                    format!("{} {}", C::ConfigBad.text(lang), list.join("；")),
                )));
            }
            Ok(config) => leptos::task::spawn_local(async move {
                message.set(Some(match data.save_approval_config(config).await {
                    Ok(()) => (true, C::Saved.text(lang).to_owned()),
                    Err(_) => (false, C::SaveFailed.text(lang).to_owned()),
                }));
            }),
        }
    };
    view! {
        <h2>{t(C::ConfigTitle)}</h2>
        <div class="chain-form">
            <label class="field">{t(C::Chain)}" "
                <input type="text" size="30" data-testid="cfg-chain" prop:value=move || chain.get()
                    on:input=move |ev| chain.set(event_target_value(&ev))/>
            </label>
            <label class="field">{t(C::EscalateTo)}" "
                <select data-testid="cfg-escalate-to" on:change=move |ev| {
                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                    escalate_to.set(Role::ALL[i.min(Role::ALL.len() - 1)]);
                }>
                    {Role::ALL.iter().enumerate().map(|(i, r)| {
                        let r = *r;
                        view! { <option value=i.to_string() selected=move || escalate_to.get() == r>{move || role_name(r, state.lang.get())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">{t(C::EscalateDays)}" "
                <input type="text" size="5" data-testid="cfg-days" prop:value=move || days.get()
                    on:input=move |ev| days.set(event_target_value(&ev))/>
            </label>
            <label class="field">{t(C::EscalateAmount)}" "
                <input type="text" size="12" data-testid="cfg-amount" prop:value=move || amount.get()
                    on:input=move |ev| amount.set(event_target_value(&ev))/>
            </label>
            <label class="field">
                <input type="checkbox" data-testid="cfg-distinct" prop:checked=move || distinct.get()
                    on:change=move |ev| distinct.set(event_target_checked(&ev))/>
                " "{t(C::DistinctActors)}
            </label>
            <button data-testid="cfg-save" on:click=save>{t(C::Save)}</button>
        </div>
        {move || message.get().map(|(ok, m)| view! {
            <p class="banner" class:info=ok class:error=!ok data-testid="cfg-message" data-ok=ok.to_string()>{m}</p>
        })}
    }
}
