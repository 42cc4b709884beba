//! The dashboard's credit alerts: customers over or near their limit, and orders whose
//! terms exceed the standard without an approval, each with a one-click approval request.

use crate::domain::approvals::{FormKind, RequestForm};
use crate::domain::credit::{policy_exceptions, LimitFlag, PolicyException};
use crate::domain::ledger_query::percent_encode as percent;
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::data_credit::{check_request, Ratings};
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_credit::{form_error, limit_flag, terms_text, C};
use leptos::prelude::*;

#[component]
pub fn CreditAlerts() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let ratings = expect_context::<Ratings>().0;
    let exceptions = Memo::new(move |_| {
        let c = data.credit;
        data.pool.with(|pool| {
            c.approvals.with(|b| {
                c.approval_config.with(|config| {
                    c.orders
                        .with(|o| policy_exceptions(pool, &b.requests, &b.steps, config, o))
                })
            })
        })
    });
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    let request = move |e: PolicyException| {
        let lang = state.lang.get_untracked();
        let form = RequestForm {
            kind: FormKind::SpecialTerms,
            number: e.order.clone(),
            customer: e.customer.clone(),
            days: e.terms.days.to_string(),
            reason: match lang {
                Lang::Zh => format!(
                    "订单账期 {} 超过标准 {} 天，申请特殊审批",
                    terms_text(e.terms, lang),
                    e.standard_days
                ),
                Lang::En => format!(
                    "Order terms {} exceed the standard {} days; special approval requested",
                    terms_text(e.terms, lang),
                    e.standard_days
                ),
            },
            ..RequestForm::default()
        };
        match check_request(data, state, &form) {
            Err(err) => message.set(Some((false, form_error(&err, lang)))),
            Ok(r) => leptos::task::spawn_local(async move {
                let done = data.submit_request(r).await;
                message.set(Some(match done {
                    Ok(()) => (true, C::RequestCreated.text(lang).to_owned()),
                    Err(_) => (false, C::SaveFailed.text(lang).to_owned()),
                }));
            }),
        }
    };
    let over = move || {
        let lang = state.lang.get();
        let rows = ratings.with(|all| {
            all.iter()
                .filter_map(|r| r.limit.as_ref().filter(|u| u.flag != LimitFlag::Within))
                .map(|u| {
                    let href = format!("#/customer?code={}", percent(&u.customer));
                    view! {
                        <li data-testid="over-limit" data-customer=u.customer.clone()
                            data-flag=if u.flag == LimitFlag::OverLimit { "over_limit" } else { "near_limit" }>
                            <a href=href>{u.customer.clone()}</a>
                            {format!(" {} / {} ", u.open.to_display_string(), u.limit.to_display_string())}
                            <span class="tag" class:error=u.flag == LimitFlag::OverLimit>{limit_flag(u.flag, lang)}</span>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        });
        if rows.is_empty() {
            view! { <p class="muted">{C::NoneOverLimit.text(lang)}</p> }.into_any()
        } else {
            view! { <ul>{rows}</ul> }.into_any()
        }
    };
    let exception_rows = move || {
        let lang = state.lang.get();
        exceptions.with(|all| {
            if all.is_empty() {
                return view! { <p class="muted">{C::NoExceptions.text(lang)}</p> }.into_any();
            }
            let rows = all
                .iter()
                .map(|e| {
                    let action = match &e.pending_request {
                        Some(id) => view! { <span class="tag" data-testid="exception-pending" data-request=id.clone()>{C::RequestPending.text(lang)}</span> }.into_any(),
                        None => {
                            let e2 = e.clone();
                            view! { <button data-testid="request-approval" data-order=e.order.clone() on:click=move |_| request(e2.clone())>{C::RequestApproval.text(lang)}</button> }.into_any()
                        }
                    };
                    view! {
                        <tr data-testid="policy-exception" data-order=e.order.clone() data-customer=e.customer.clone() data-days=e.terms.days>
                            <td>{e.order.clone()}</td>
                            <td>{e.customer.clone()}</td>
                            <td>{e.date.to_string()}</td>
                            <td class="num">{e.amount.to_display_string()}</td>
                            <td>{terms_text(e.terms, lang)}</td>
                            <td>{format!("{} {}", e.standard_days, Msg::DaysWord.text(lang))}</td>
                            <td>{action}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="grid"><thead><tr>
                    <th>{C::Order.text(lang)}</th><th>{Msg::Customer.text(lang)}</th><th>{Msg::ColInvoiceDate.text(lang)}</th>
                    <th class="num">{Msg::ColAmount.text(lang)}</th><th>{C::Terms.text(lang)}</th><th>{C::Standard.text(lang)}</th><th></th>
                </tr></thead><tbody>{rows}</tbody></table>
            }
            .into_any()
        })
    };
    view! {
        <div class="credit-alerts" data-testid="credit-alerts">
            <h2>{move || C::OverLimitTitle.text(state.lang.get())}</h2>
            {over}
            <h2>{move || C::ExceptionsTitle.text(state.lang.get())}</h2>
            {exception_rows}
            {move || message.get().map(|(ok, m)| view! {
                <p class="banner" class:info=ok class:error=!ok data-testid="credit-message" data-ok=ok.to_string()>{m}</p>
            })}
        </div>
    }
}
