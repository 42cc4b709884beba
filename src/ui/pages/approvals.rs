//! Approvals: who is at the keyboard (chosen, not proven), new requests, each request with
//! its chain, its append-only trail and the decision buttons, the chosen person's to-do, a
//! draft message to the next approver, and the chain settings.

use crate::domain::approvals::{
    chain_for, decide, holders, status, todo_for, ApprovalRequest, Decision, FormKind, RequestForm,
    RequestStatus,
};
use crate::domain::model::Role;
use crate::notify::mailto::mailto;
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::data_credit::{check_request, with_form_context};
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_credit::{
    chain_text, draft_message, form_error, request_summary, role_name, status_text, step_error, C,
};
use leptos::prelude::*;

mod config;

fn status_key(s: &RequestStatus) -> &'static str {
    match s {
        RequestStatus::Pending { .. } => "pending",
        RequestStatus::Approved { .. } => "approved",
        RequestStatus::Rejected { .. } => "rejected",
    }
}

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let t = move |c: C| move || c.text(state.lang.get());
    let pick_me = move |ev| {
        let v = event_target_value(&ev);
        let name = (!v.is_empty()).then_some(v);
        leptos::task::spawn_local(async move {
            let _ = data.set_me(name).await;
        });
    };
    let who = move || {
        let lang = state.lang.get();
        let me = data.credit.me.get();
        data.pool.with(|p| {
            if p.staff.is_empty() {
                return view! { <p class="banner error" data-testid="directory-empty">{C::DirectoryEmpty.text(lang)}</p> }.into_any();
            }
            let options = p
                .staff
                .iter()
                .map(|person| {
                    let roles: Vec<&str> = person.roles.iter().map(|r| role_name(*r, lang)).collect();
                    let selected = me.as_deref() == Some(person.name.as_str());
                    view! { <option value=person.name.clone() selected=selected>{format!("{} ({})", person.name, roles.join("、"))}</option> }
                })
                .collect_view();
            view! {
                <label>{C::WhoAmI.text(lang)}" "
                    <select data-testid="whoami" on:change=pick_me>
                        <option value="" selected=me.is_none()>{C::NobodyChosen.text(lang)}</option>
                        {options}
                    </select>
                </label>
            }
            .into_any()
        })
    };
    let todo = move || {
        let lang = state.lang.get();
        let me = data.credit.me.get();
        let ids: Vec<String> = data.pool.with(|p| {
            let Some(person) = me.and_then(|m| p.staff.iter().find(|s| s.name == m)) else {
                return Vec::new();
            };
            let c = data.credit;
            c.approvals.with(|b| {
                c.approval_config.with(|config| {
                    todo_for(person, &b.requests, &b.steps, config)
                        .into_iter()
                        .map(|r| r.id.clone())
                        .collect()
                })
            })
        });
        if ids.is_empty() {
            return view! { <p class="muted" data-testid="todo-empty">{C::NothingToDo.text(lang)}</p> }.into_any();
        }
        ids.into_iter()
            .map(|id| view! { <RequestCard id=id todo=true/> })
            .collect_view()
            .into_any()
    };
    let all = move || {
        let lang = state.lang.get();
        let ids: Vec<String> = data
            .credit
            .approvals
            .with(|b| b.requests.iter().rev().map(|r| r.id.clone()).collect());
        if ids.is_empty() {
            return view! { <p class="muted">{C::NoRequests.text(lang)}</p> }.into_any();
        }
        ids.into_iter()
            .map(|id| view! { <RequestCard id=id todo=false/> })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="approvals" data-testid="page-approvals">
            <h1>{state.t(Msg::NavApprovals)}</h1>
            <p class="banner info" data-testid="no-login-note">{t(C::NoLogin)}</p>
            {who}
            <h2>{t(C::TodoTitle)}</h2>
            <div data-testid="todo">{todo}</div>
            <NewRequest/>
            <h2>{t(C::RequestsTitle)}</h2>
            <div data-testid="requests">{all}</div>
            <config::ChainSettings/>
        </section>
    }
}

#[component]
fn NewRequest() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let form = RwSignal::new(RequestForm::default());
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    let t = move |c: C| move || c.text(state.lang.get());
    let submit = move |_| {
        let lang = state.lang.get_untracked();
        let typed = form.get_untracked();
        match check_request(data, state, &typed) {
            Err(e) => message.set(Some((false, form_error(&e, lang)))),
            Ok(request) => leptos::task::spawn_local(async move {
                match data.submit_request(request).await {
                    Ok(()) => {
                        form.set(RequestForm {
                            kind: typed.kind,
                            ..RequestForm::default()
                        });
                        message.set(Some((true, C::Submitted.text(lang).to_owned())));
                    }
                    Err(_) => message.set(Some((false, C::SaveFailed.text(lang).to_owned()))),
                }
            }),
        }
    };
    let field = move |testid: &'static str,
                      label: C,
                      kind: &'static str,
                      get: fn(&RequestForm) -> String,
                      set: fn(&mut RequestForm, String)| {
        view! {
            <label class="field">{t(label)}" "
                <input type=kind data-testid=testid prop:value=move || form.with(get)
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)) }/>
            </label>
        }
    };
    let extension = move || form.with(|f| f.kind == FormKind::Extension);
    view! {
        <h2>{t(C::NewRequestTitle)}</h2>
        <div class="request-form">
            <select data-testid="req-kind" on:change=move |ev| {
                let kind = if event_target_value(&ev) == "special_terms" { FormKind::SpecialTerms } else { FormKind::Extension };
                form.update(|f| f.kind = kind);
            }>
                <option value="extension" selected=extension>{t(C::KindExtension)}</option>
                <option value="special_terms" selected=move || !extension()>{t(C::KindSpecialTerms)}</option>
            </select>
            {field("req-number", C::Number, "text", |f| f.number.clone(), |f, v| f.number = v)}
            {field("req-customer", C::CustomerCode, "text", |f| f.customer.clone(), |f, v| f.customer = v)}
            <Show when=extension fallback=move || field("req-days", C::TermsDays, "text", |f| f.days.clone(), |f, v| f.days = v)>
                {field("req-new-due", C::NewDue, "date", |f| f.new_due.clone(), |f, v| f.new_due = v)}
            </Show>
            {field("req-reason", C::Reason, "text", |f| f.reason.clone(), |f, v| f.reason = v)}
            {field("req-promised", C::Promised, "text", |f| f.promised.clone(), |f, v| f.promised = v)}
            <button class="primary" data-testid="req-submit" on:click=submit>{t(C::Submit)}</button>
        </div>
        {move || message.get().map(|(ok, m)| view! {
            <p class="banner" class:info=ok class:error=!ok data-testid="req-message" data-ok=ok.to_string()>{m}</p>
        })}
    }
}

/// One request: what it asks, where it stands, its trail, and (for whoever the chain waits
/// for) the decision buttons and a draft message to the next approver.
#[component]
fn RequestCard(id: String, todo: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let comment = RwSignal::new(String::new());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let copied = RwSignal::new(false);
    let id = StoredValue::new(id);
    let act = move |decision: Decision| {
        let lang = state.lang.get_untracked();
        let me = data.credit.me.get_untracked().unwrap_or_default();
        let note = comment.get_untracked();
        let at = browser::moment_on(state.as_of.get_untracked());
        let id = id.get_value();
        let step = with_form_context(data, state, |ctx| {
            let request = ctx.requests.iter().find(|r| r.id == id)?;
            Some(decide(request, ctx, decision, &me, &note, at))
        });
        match step {
            None => {}
            Some(Err(e)) => error.set(Some(step_error(&e, lang))),
            Some(Ok(step)) => leptos::task::spawn_local(async move {
                match data.record_step(step).await {
                    Ok(()) => error.set(None),
                    Err(_) => error.set(Some(C::SaveFailed.text(lang).to_owned())),
                }
            }),
        }
    };
    move || {
        let lang = state.lang.get();
        let id = id.get_value();
        let c = data.credit;
        c.approvals.with(|b| {
            c.approval_config.with(|config| {
                let index = b.requests.iter().position(|r| r.id == id)?;
                let request = &b.requests[index];
                let status = status(request, &b.steps, config);
                let chain = chain_for(request, config);
                let steps: Vec<_> = b.steps.iter().filter(|s| s.request_id == id).collect();
                let mut trail = vec![view! {
                    <li data-testid="trail-entry" data-action="submit" data-actor=request.requested_by.clone()>
                        {format!("{} · {} {} · {}", request.requested_at.format("%Y-%m-%d %H:%M"), request.requested_by, C::SubmittedBy.text(lang), request.reason)}
                    </li>
                }
                .into_any()];
                trail.extend(steps.iter().map(|s| {
                    let (action, word) = match s.decision {
                        Decision::Approve => ("approve", C::ApprovedBy),
                        Decision::Reject => ("reject", C::RejectedBy),
                    };
                    view! {
                        <li data-testid="trail-entry" data-action=action data-actor=s.actor.clone() data-role=role_name(s.role, Lang::En)>
                            {format!("{} · {} ({}) {}{}", s.at.format("%Y-%m-%d %H:%M"), s.actor, role_name(s.role, lang), word.text(lang),
                                if s.comment.is_empty() { String::new() } else { format!(" · {}", s.comment) })}
                        </li>
                    }
                    .into_any()
                }));
                let pending = match status {
                    RequestStatus::Pending { next_role, .. } => Some(next_role),
                    _ => None,
                };
                let actions = pending.map(|next_role| {
                    let draft = next_draft(data, request, config, next_role, lang);
                    view! {
                        <div class="decide">
                            <textarea data-testid="step-comment" rows="2" placeholder=C::Comment.text(lang)
                                prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                            <button class="primary" data-testid="approve" on:click=move |_| act(Decision::Approve)>{C::Approve.text(lang)}</button>
                            <button data-testid="reject" on:click=move |_| act(Decision::Reject)>{C::Reject.text(lang)}</button>
                        </div>
                        {draft.map(|(text, mail)| {
                            let to_copy = text.clone();
                            view! {
                                <details class="draft"><summary>{C::DraftTitle.text(lang)}</summary>
                                    <textarea readonly rows="7" data-testid="draft-message" prop:value=text></textarea>
                                    <div class="actions">
                                        <button data-testid="copy-draft" on:click=move |_| {
                                            let text = to_copy.clone();
                                            leptos::task::spawn_local(async move { copied.set(browser::copy_text(&text).await.is_ok()) });
                                        }>{move || if copied.get() { C::Copied.text(lang) } else { C::Copy.text(lang) }}</button>
                                        {mail.map(|url| view! { <a href=url data-testid="draft-email">{C::Email.text(lang)}</a> })}
                                    </div>
                                </details>
                            }
                        })}
                    }
                });
                let (number, customer) = (request.subject.number().to_owned(), request.subject.customer().to_owned());
                Some(view! {
                    <div class="card request" data-testid=if todo { "todo-item" } else { "request" } data-request=id.clone()
                        data-status=status_key(&status) data-number=number data-customer=customer>
                        <p><strong>{request_summary(request, lang)}</strong></p>
                        <p>{format!("{}: {} · {}: {}", C::Requester.text(lang), request.requested_by, C::Promised.text(lang),
                            request.promised_amount.map_or_else(|| "—".to_owned(), |m| m.to_display_string()))}</p>
                        <p data-testid="request-status">{format!("{} · {}", status_text(&status, lang), chain_text(&chain, lang))}</p>
                        <h4>{C::TrailTitle.text(lang)}</h4>
                        <ol class="trail">{trail}</ol>
                        {actions}
                        {move || error.get().map(|e| view! { <p class="banner error" data-testid="step-error">{e}</p> })}
                    </div>
                })
            })
        })
    }
}

/// The draft to whoever holds the next role, and a `mailto:` link when they have addresses.
fn next_draft(
    data: Data,
    request: &ApprovalRequest,
    config: &crate::domain::approvals::ApprovalConfig,
    next_role: Role,
    lang: Lang,
) -> Option<(String, Option<String>)> {
    data.pool.with(|p| {
        let people = holders(&p.staff, next_role);
        let names: Vec<String> = people.iter().map(|p| p.name.clone()).collect();
        let emails: Vec<String> = people
            .iter()
            .filter_map(|p| p.reach.email.clone())
            .collect();
        let text = draft_message(request, config, next_role, &names, lang);
        let subject = request_summary(request, lang);
        let notify_lang = match lang {
            Lang::Zh => crate::notify::Lang::Zh,
            Lang::En => crate::notify::Lang::En,
        };
        let mail =
            (!emails.is_empty()).then(|| mailto(&emails, &[], &subject, &text, notify_lang).url);
        Some((text, mail))
    })
}
