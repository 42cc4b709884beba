//! One reminder: its text and recipients, every hand-over channel, and the collection actions.

use super::channel_label;
use super::Outcome;
use crate::domain::audit::{AuditAction, AuditEntry};
use crate::domain::money::Money;
use crate::domain::reminders::{Note, Reminder, ReminderWarning};
use crate::domain::rules::Channel;
use crate::export::reminders::main_text;
use crate::import::cells::parse_amount;
use crate::notify::SendOutcome;
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::outbox;
use chrono::NaiveDate;
use leptos::prelude::*;

fn today_plus(days: u64) -> String {
    browser::today()
        .checked_add_days(chrono::Days::new(days))
        .unwrap_or_else(browser::today)
        .to_string()
}

#[component]
pub(super) fn ReminderCard(reminder: Reminder) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let status: RwSignal<Option<Outcome>> = RwSignal::new(None);
    let r = StoredValue::new(reminder);
    let lang = state.lang.get_untracked();
    let rv = r.get_value();
    let main = rv.message(Channel::InApp).or(rv.messages.first()).cloned();
    let text = main_text(&rv);
    let as_of = move || state.as_of.get_untracked();

    let on_copy = {
        let main = main.clone();
        move |_| {
            let Some(m) = main.clone() else { return };
            leptos::task::spawn_local(async move {
                let res = outbox::copy(data, &r.get_value(), &m, as_of()).await;
                status.set(Some(res.map(|_| Msg::Copied.text(lang).to_owned())));
            });
        }
    };

    // One row of buttons per channel with a message.
    let channel_rows = rv
        .messages
        .iter()
        .map(|m| {
            let m = StoredValue::new(m.clone());
            let ch = m.get_value().channel;
            let label = channel_label(ch, lang);
            let actions = match ch {
                Channel::InApp => None,
                Channel::Email => {
                    let link = outbox::email_link(&r.get_value(), &m.get_value());
                    let truncated = link.truncated;
                    Some(view! {
                        <a class="button" href=link.url data-testid="reminder-mailto" data-truncated=truncated.to_string() on:click=move |_| {
                            leptos::task::spawn_local(async move {
                                let res = outbox::email_drafted(data, &r.get_value(), &m.get_value(), as_of(), truncated).await;
                                status.set(Some(res.map(|_| Msg::DraftOpened.text(lang).to_owned())));
                            });
                        }>{Msg::EmailDraft.text(lang)}</a>
                        <button data-testid="reminder-eml" on:click=move |_| {
                            leptos::task::spawn_local(async move {
                                let res = outbox::download_eml(data, &r.get_value(), &m.get_value(), as_of()).await;
                                status.set(Some(res));
                            });
                        }>{Msg::EmlDownload.text(lang)}</button>
                    }.into_any())
                }
                Channel::Sms => {
                    let href = outbox::sms_href(&r.get_value(), &m.get_value());
                    Some(view! {
                        <a class="button" href=href data-testid="reminder-sms" on:click=move |_| {
                            leptos::task::spawn_local(async move {
                                let res = outbox::sms_drafted(data, &r.get_value(), &m.get_value(), as_of()).await;
                                status.set(Some(res.map(|_| Msg::DraftOpened.text(lang).to_owned())));
                            });
                        }>{Msg::SmsDraft.text(lang)}</a>
                    }.into_any())
                }
                _ => Some(view! { <RobotActions reminder=r message=m status=status/> }.into_any()),
            };
            let body = m.get_value().body;
            view! {
                <div class="channel" data-channel=ch.code()>
                    <span class="chip">{label}</span>
                    {actions}
                    {(ch != Channel::InApp).then(|| view! {
                        <details><summary>{Msg::ShowText.text(lang)}</summary><pre class="message">{body}</pre></details>
                    })}
                </div>
            }
        })
        .collect_view();

    let recipients = rv
        .recipients
        .iter()
        .map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join("、");
    let warnings: Vec<String> = rv
        .unresolved_roles
        .iter()
        .map(|role| {
            format!(
                "{}: {}",
                Msg::UnresolvedRole.text(lang),
                crate::ui::i18n::role_name(*role, lang)
            )
        })
        .chain(rv.warnings.iter().map(|w| warning_text(w, lang)))
        .collect();
    let broken = (!rv.broken_promises.is_empty()).then(|| {
        let list = rv
            .broken_promises
            .iter()
            .map(|b| format!("{} ({})", b.invoice, b.promised))
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p class="banner error" data-testid="broken-promise">{Msg::PromiseBroken.text(lang)}": "{list}</p> }
    });

    // Collection notes: handled, snooze, promise, dispute, exclude.
    let snooze_until = RwSignal::new(today_plus(7));
    let promise_date = RwSignal::new(today_plus(7));
    let promise_amount = RwSignal::new(String::new());
    let note = move |notes: Vec<Note>, action: AuditAction| {
        let rem = r.get_value();
        leptos::task::spawn_local(async move {
            let e = AuditEntry::about(
                &rem,
                action,
                None,
                main_text(&rem),
                browser::now_ms(),
                as_of(),
            );
            let result = data.add_notes(as_of(), notes, e).await;
            status.set(Some(
                result
                    .map(|_| Msg::Saved.text(lang).to_owned())
                    .map_err(|e| format!("{e:?}")),
            ));
        });
    };
    let invoice_refs = move || {
        r.get_value()
            .keys()
            .into_iter()
            .map(|k| k.invoice)
            .collect::<Vec<_>>()
    };
    let on_handled = move |_| {
        note(
            r.get_value()
                .keys()
                .into_iter()
                .map(|key| Note::Handled { key, on: true })
                .collect(),
            AuditAction::Handled,
        )
    };
    let on_snooze = move |_| {
        let Ok(until) = NaiveDate::parse_from_str(&snooze_until.get_untracked(), "%Y-%m-%d") else {
            status.set(Some(Err(Msg::BadDate.text(lang).to_owned())));
            return;
        };
        note(
            invoice_refs()
                .into_iter()
                .map(|invoice| Note::Snooze { invoice, until })
                .collect(),
            AuditAction::Snoozed { until },
        )
    };
    let on_promise = move |_| {
        let Ok(date) = NaiveDate::parse_from_str(&promise_date.get_untracked(), "%Y-%m-%d") else {
            status.set(Some(Err(Msg::BadDate.text(lang).to_owned())));
            return;
        };
        let currency = r.get_value().amount.currency;
        let raw = promise_amount.get_untracked();
        let amount = if raw.trim().is_empty() {
            None
        } else {
            match parse_amount(&raw, currency.minor_digits()) {
                Ok(minor) if minor > 0 => Some(Money::new(minor, currency)),
                _ => {
                    status.set(Some(Err(Msg::BadAmount.text(lang).to_owned())));
                    return;
                }
            }
        };
        note(
            invoice_refs()
                .into_iter()
                .map(|invoice| Note::Promise {
                    invoice,
                    date,
                    amount,
                })
                .collect(),
            AuditAction::Promise { date, amount },
        )
    };
    let on_dispute = move |_| {
        note(
            invoice_refs()
                .into_iter()
                .map(|invoice| Note::Dispute { invoice, on: true })
                .collect(),
            AuditAction::Dispute { on: true },
        )
    };
    let on_exclude = move |_| {
        note(
            vec![Note::ExcludeCustomer {
                customer: r.get_value().customer,
                on: true,
            }],
            AuditAction::ExcludeCustomer { on: true },
        )
    };

    let status_line = move || {
        status.get().map(|s| match s {
            Ok(t) => {
                view! { <p class="status ok" data-testid="reminder-status">{t}</p> }.into_any()
            }
            Err(e) => {
                view! { <p class="status error" data-testid="reminder-status">{e}</p> }.into_any()
            }
        })
    };
    let customer_href = format!(
        "#/customer?code={}",
        crate::domain::ledger_query::percent_encode(&rv.customer)
    );
    let sev = format!("{:?}", rv.severity).to_lowercase();
    view! {
        <article class=format!("reminder sev-{sev}") data-testid="reminder"
            data-rule=(rv.rule + 1).to_string()
            data-customer=rv.customer.clone()
            data-invoices=rv.invoices.join(" ")
            data-days=rv.days_overdue.to_string()
            data-severity=sev.clone()>
            <header>
                <strong>{format!("#{} {}", rv.rule + 1, rv.rule_name)}</strong>
                <a href=customer_href>{rv.customer_name.clone()}</a>
                <span>{rv.invoices.join(" ")}</span>
                <span class="amount">{rv.amount.to_display_string()}</span>
                <span>{format!("{} {}", rv.days_overdue, Msg::DaysWord.text(lang))}</span>
            </header>
            <pre class="message" data-testid="reminder-text">{text}</pre>
            <p class="recipients">{Msg::Recipients.text(lang)}": "{recipients}</p>
            {warnings.into_iter().map(|w| view! { <p class="warning" data-testid="reminder-warning">{w}</p> }).collect_view()}
            {broken}
            <div class="actions">
                <button data-testid="copy-reminder" on:click=on_copy>{Msg::Copy.text(lang)}</button>
                <button data-testid="reminder-handled" on:click=on_handled>{Msg::MarkHandled.text(lang)}</button>
                <button data-testid="reminder-dispute" on:click=on_dispute>{Msg::FlagDispute.text(lang)}</button>
                <button data-testid="reminder-exclude" on:click=on_exclude>{Msg::ExcludeCustomer.text(lang)}</button>
            </div>
            {channel_rows}
            <details class="notes">
                <summary>{Msg::SnoozeOrPromise.text(lang)}</summary>
                <label>{Msg::SnoozeUntil.text(lang)}
                    <input type="date" data-testid="snooze-date" prop:value=snooze_until on:change=move |ev| snooze_until.set(event_target_value(&ev))/>
                </label>
                <button data-testid="reminder-snooze" on:click=on_snooze>{Msg::Snooze.text(lang)}</button>
                <label>{Msg::PromiseDate.text(lang)}
                    <input type="date" data-testid="promise-date" prop:value=promise_date on:change=move |ev| promise_date.set(event_target_value(&ev))/>
                </label>
                <label>{Msg::PromiseAmount.text(lang)}
                    <input type="text" inputmode="decimal" data-testid="promise-amount" prop:value=promise_amount on:change=move |ev| promise_amount.set(event_target_value(&ev))/>
                </label>
                <button data-testid="reminder-promise" on:click=on_promise>{Msg::RecordPromise.text(lang)}</button>
            </details>
            {status_line}
        </article>
    }
}

/// Send, plus the exact payload and a `curl` command for robots browsers cannot reach.
#[component]
fn RobotActions(
    reminder: StoredValue<Reminder>,
    message: StoredValue<crate::domain::reminders::Message>,
    status: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let lang = state.lang.get_untracked();
    let built = move || {
        data.pool.with_untracked(|pool| {
            state.ledger.with_untracked(|ledger| {
                data.channels.with(|c| {
                    outbox::request(&reminder.get_value(), &message.get_value(), pool, ledger, c)
                })
            })
        })
    };
    let on_send = move |_| {
        let out = match built() {
            Ok(o) => o,
            Err(e) => {
                status.set(Some(Err(e)));
                return;
            }
        };
        let as_of = state.as_of.get_untracked();
        leptos::task::spawn_local(async move {
            let outcome = outbox::send(
                data,
                &reminder.get_value(),
                &message.get_value(),
                &out,
                as_of,
            )
            .await;
            status.set(Some(match outcome {
                SendOutcome::Confirmed => Ok(Msg::SendConfirmed.text(lang).to_owned()),
                SendOutcome::SentUnconfirmed => Ok(Msg::SendUnconfirmed.text(lang).to_owned()),
                SendOutcome::Failed { reason } => {
                    Err(format!("{}: {reason}", Msg::SendFailed.text(lang)))
                }
            }));
        });
    };
    let details = move || {
        match built() {
        Ok(o) => {
            let (body, curl) = (o.body.clone(), o.curl.clone());
            let (b2, c2) = (body.clone(), curl.clone());
            view! {
                <details>
                    <summary>{Msg::PayloadAndCurl.text(lang)}</summary>
                    <pre class="message" data-testid="reminder-payload">{body}</pre>
                    <button data-testid="copy-payload" on:click=move |_| { let b = b2.clone(); leptos::task::spawn_local(async move { let _ = browser::copy_text(&b).await; }); }>{Msg::Copy.text(lang)}</button>
                    <pre class="message" data-testid="reminder-curl">{curl}</pre>
                    <button data-testid="copy-curl" on:click=move |_| { let c = c2.clone(); leptos::task::spawn_local(async move { let _ = browser::copy_text(&c).await; }); }>{Msg::Copy.text(lang)}</button>
                </details>
            }
            .into_any()
        }
        Err(e) => view! { <span class="hint">{e}" — "<a href="#/rules?view=channels">{Msg::ConfigureChannels.text(lang)}</a></span> }.into_any(),
    }
    };
    let ch = message.get_value().channel.code();
    view! {
        <button data-testid="reminder-send" data-channel=ch on:click=on_send>{Msg::Send.text(lang)}</button>
        {details}
    }
}

fn warning_text(w: &ReminderWarning, lang: Lang) -> String {
    match w {
        ReminderWarning::UnknownPerson { name } => {
            format!("{}: {name}", Msg::UnknownPerson.text(lang))
        }
        ReminderWarning::NoCustomerContact => Msg::NoCustomerContact.text(lang).to_owned(),
        ReminderWarning::NoTemplate { channel } => {
            format!(
                "{}: {}",
                Msg::NoTemplate.text(lang),
                channel_label(*channel, lang)
            )
        }
        ReminderWarning::Template { channel, error, .. } => {
            format!(
                "{} ({}): {error}",
                Msg::TemplateError.text(lang),
                channel_label(*channel, lang)
            )
        }
    }
}
