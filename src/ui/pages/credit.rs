//! Credit control: every customer's grade as of the date, its limit use and the policy its
//! grade suggests next to its current terms; and the editable rating policy.

use crate::domain::credit::{
    apply_form, policy_fields, read_field, suggestion, CreditRating, Grade, LimitFlag, PolicyField,
    PolicyProblem,
};
use crate::domain::ledger_query::percent_encode as percent;
use crate::domain::model::Customer;
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::data_credit::Ratings;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_credit::{
    advice_text, field_label, grade_name, limit_flag, policy_problem, terms_text, C,
};
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub fn CreditPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let ratings = expect_context::<Ratings>().0;
    let rows = move || {
        let lang = state.lang.get();
        data.credit.policy.with(|policy| {
            data.pool.with(|pool| {
                let customers: HashMap<&str, &Customer> = pool
                    .customers
                    .iter()
                    .map(|c| (c.code.as_str(), c))
                    .collect();
                ratings.with(|all| {
                    all.iter()
                        .map(|r| {
                            rating_row(r, customers.get(r.customer.as_str()).copied(), policy, lang)
                        })
                        .collect_view()
                })
            })
        })
    };
    view! {
        <section class="credit" data-testid="page-credit">
            <h1>{state.t(Msg::NavCredit)}</h1>
            <Show when=move || data.pool.with(|p| p.invoices.is_empty())>
                {move || super::no_data_yet(state.lang.get(), "no-data")}
            </Show>
            <table class="grid">
                <thead><tr>
                    <th>{state.t(Msg::Customer)}</th>
                    <th>{move || C::Grade.text(state.lang.get())}</th>
                    <th class="num">{move || C::Score.text(state.lang.get())}</th>
                    <th class="num">{move || C::LimitUse.text(state.lang.get())}</th>
                    <th>{move || C::CurrentTerms.text(state.lang.get())}</th>
                    <th>{move || C::Suggested.text(state.lang.get())}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <PolicyEditor/>
        </section>
    }
}

fn rating_row(
    r: &CreditRating,
    customer: Option<&Customer>,
    policy: &crate::domain::credit::CreditPolicy,
    lang: Lang,
) -> impl IntoView {
    let href = format!("#/customer?code={}", percent(&r.customer));
    let name = customer.map_or_else(|| r.customer.clone(), |c| c.name.clone());
    let code = r.customer.clone();
    let grade = match r.grade {
        Grade::InsufficientHistory => view! {
            <span class="muted" title=C::TooLittleHistoryWhy.text(lang)>{C::TooLittleHistory.text(lang)}</span>
        }
        .into_any(),
        g => view! { <strong>{grade_name(g, lang)}</strong> }.into_any(),
    };
    let limit = r.limit.as_ref().map(|u| {
        let pct = u.percent().map_or("—".to_owned(), |p| format!("{p:.1}%"));
        let flag = (u.flag != LimitFlag::Within).then(|| {
            view! {
                <span class="tag" class:error=u.flag == LimitFlag::OverLimit data-testid="limit-flag"
                    data-customer=u.customer.clone() data-flag=match u.flag {
                        LimitFlag::OverLimit => "over_limit", LimitFlag::NearLimit => "near_limit", LimitFlag::Within => "within",
                    }>{limit_flag(u.flag, lang)}</span>
            }
        });
        view! { {format!("{pct} ({} / {}) ", u.open.to_display_string(), u.limit.to_display_string())}{flag} }
    });
    let terms = customer
        .and_then(|c| c.terms)
        .map_or_else(|| C::NoTerms.text(lang).to_owned(), |t| terms_text(t, lang));
    let advice = customer.map(|c| {
        let s = suggestion(r.grade, c, policy);
        let limit = s.suggested_limit.map(|m| format!(" · {} {}", C::SuggestedLimit.text(lang), m.to_display_string()));
        let warn = s.terms_exceed_advice.then(|| view! { <span class="tag error">{C::TermsExceedAdvice.text(lang)}</span> });
        view! { <span data-testid="credit-advice" data-customer=c.code.clone()>{advice_text(s.payment, lang)}{limit}</span>" "{warn} }
    });
    view! {
        <tr data-testid="credit-row" data-customer=code.clone() data-grade=r.grade.key()
            data-score=r.score.map(|s| format!("{s:.1}"))>
            <td><a href=href>{name}</a><span class="muted">{format!(" {code}")}</span></td>
            <td>{grade}</td>
            <td class="num">{r.score.map(|s| format!("{s:.1}"))}</td>
            <td class="num">{limit}</td>
            <td>{terms}</td>
            <td>{advice}</td>
        </tr>
    }
}

/// The weights, cutoffs, thresholds and suggestions, edited as text and checked as a whole
/// before anything is saved.
#[component]
fn PolicyEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let form: Vec<(PolicyField, RwSignal<String>)> = policy_fields()
        .into_iter()
        .map(|f| (f, RwSignal::new(String::new())))
        .collect();
    let form = StoredValue::new(form);
    // Show the stored policy (again after each save).
    Effect::new(move |_| {
        data.credit.policy.with(|p| {
            data.credit.orders.with(|o| {
                form.with_value(|fields| {
                    for (field, text) in fields {
                        text.set(read_field(p, o, *field));
                    }
                })
            })
        })
    });
    let outcome: RwSignal<Option<Result<(), Vec<PolicyProblem>>>> = RwSignal::new(None);
    let failed = RwSignal::new(false);
    let save = move |_| {
        let typed: Vec<(PolicyField, String)> =
            form.with_value(|f| f.iter().map(|(k, t)| (*k, t.get_untracked())).collect());
        let checked = data.credit.policy.with_untracked(|p| {
            data.credit
                .orders
                .with_untracked(|o| apply_form(p, o, &typed))
        });
        failed.set(false);
        match checked {
            Err(problems) => outcome.set(Some(Err(problems))),
            Ok((policy, orders)) => leptos::task::spawn_local(async move {
                let ok = data.save_credit_policy(policy, orders).await.is_ok();
                failed.set(!ok);
                outcome.set(Some(Ok(())).filter(|_| ok));
            }),
        }
    };
    let inputs = move || {
        let lang = state.lang.get();
        form.with_value(|fields| {
            fields
                .iter()
                .map(|(field, text)| {
                    let text = *text;
                    let key = field.key();
                    let label = field_label(*field, lang);
                    let input = match field {
                        PolicyField::Prepayment(_) => view! {
                            <input type="checkbox" data-testid="policy-field" data-field=key
                                prop:checked=move || text.get() == "true"
                                on:change=move |ev| text.set(event_target_checked(&ev).to_string())/>
                        }
                        .into_any(),
                        _ => view! {
                            <input type="text" inputmode="decimal" size="6" data-testid="policy-field" data-field=key
                                prop:value=move || text.get()
                                on:input=move |ev| text.set(event_target_value(&ev))/>
                        }
                        .into_any(),
                    };
                    view! { <label class="field">{label}" "{input}</label> }
                })
                .collect_view()
        })
    };
    view! {
        <h2>{move || C::PolicyTitle.text(state.lang.get())}</h2>
        <p class="hint">{move || C::PolicyHint.text(state.lang.get())}</p>
        <div class="policy-form">{inputs}</div>
        <div class="actions">
            <button class="primary" data-testid="policy-save" on:click=save>{move || C::Save.text(state.lang.get())}</button>
        </div>
        {move || {
            let lang = state.lang.get();
            match outcome.get() {
                Some(Ok(())) => view! { <p class="banner info" data-testid="policy-saved">{C::Saved.text(lang)}</p> }.into_any(),
                Some(Err(problems)) => view! {
                    <div class="banner error" data-testid="policy-refused">
                        <p>{C::SaveRefused.text(lang)}</p>
                        <ul>{problems.iter().map(|p| view! { <li data-testid="policy-problem">{policy_problem(p, lang)}</li> }).collect_view()}</ul>
                    </div>
                }.into_any(),
                None => ().into_any(),
            }
        }}
        <Show when=move || failed.get()>
            <p class="banner error" data-testid="policy-refused">{move || C::SaveFailed.text(state.lang.get())}</p>
        </Show>
    }
}
