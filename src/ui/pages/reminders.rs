//! The reminder inbox for the as-of date (the in-app to-do), grouped by severity and
//! recipients, with every hand-over and collection action; and the audit log.

use crate::domain::asof::AsOf;
use crate::domain::audit::{AuditAction, AuditEntry, AuditFilter};
use crate::domain::money::Money;
use crate::domain::reminders::{InvoiceRef, Note, Reminder, ReminderWarning};
use crate::domain::rules::{Channel, Severity};
use crate::export::reminders::main_text;
use crate::import::cells::parse_amount;
use crate::notify::SendOutcome;
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::outbox;
use crate::ui::reminder_run::ReminderRun;
use crate::ui::route::Route;
use chrono::NaiveDate;
use leptos::prelude::*;

/// Cards rendered at first; more on request (the export always has all).
const PAGE: usize = 200;

pub fn severity_label(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Critical => Msg::SeverityCritical,
        Severity::High => Msg::SeverityHigh,
        Severity::Medium => Msg::SeverityMedium,
        Severity::Low => Msg::SeverityLow,
        Severity::Info => Msg::SeverityInfo,
    }
    .text(lang)
}

pub fn channel_label(c: Channel, lang: Lang) -> &'static str {
    match c {
        Channel::InApp => Msg::ChannelInApp,
        Channel::Email => Msg::ChannelEmail,
        Channel::Sms => Msg::ChannelSms,
        Channel::DingTalk => Msg::ChannelDingTalk,
        Channel::WeCom => Msg::ChannelWeCom,
        Channel::Feishu => Msg::ChannelFeishu,
        Channel::Webhook => Msg::ChannelWebhook,
    }
    .text(lang)
}

#[component]
pub fn RemindersPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.hash.track();
        let query = Route::query_of(&browser::location_hash()).to_owned();
        if query.split('&').any(|p| p == "view=audit") {
            view! { <AuditLog/> }.into_any()
        } else {
            view! { <Inbox/> }.into_any()
        }
    }
}

fn tabs(state: AppState, audit: bool) -> impl IntoView {
    view! {
        <nav class="tabs">
            <a href="#/reminders" class:active=!audit data-testid="reminders-tab-inbox">{state.t(Msg::RemindersInbox)}</a>
            <a href="#/reminders?view=audit" class:active=audit data-testid="reminders-tab-audit">{state.t(Msg::AuditLog)}</a>
        </nav>
    }
}

#[component]
fn Inbox() -> impl IntoView {
    let state = expect_context::<AppState>();
    let run = expect_context::<ReminderRun>();
    let shown = RwSignal::new(PAGE);
    let export = crate::ui::export_buttons::export_buttons(
        "reminders-export",
        |lang| Msg::DownloadCsv.text(lang),
        "reminders",
        move || format!("reminders-{}", state.as_of.get_untracked()),
        move || {
            run.day
                .with_untracked(|day| crate::export::reminders::table(&day.reminders))
        },
    );
    let list = move || {
        let lang = state.lang.get();
        let limit = shown.get();
        run.day.with(|day| {
            if day.reminders.is_empty() {
                return view! { <p class="planned" data-testid="reminders-empty">{Msg::NoReminders.text(lang)}</p> }.into_any();
            }
            // Most severe first; within a severity, by recipients; otherwise rule order.
            let mut order: Vec<usize> = (0..day.reminders.len()).collect();
            let who = |r: &Reminder| {
                r.recipients
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            };
            order.sort_by_cached_key(|&i| {
                let r = &day.reminders[i];
                (std::cmp::Reverse(r.severity), who(r), i)
            });
            let total = order.len();
            let mut out = Vec::new();
            let mut group: Option<(Severity, String)> = None;
            for &i in order.iter().take(limit) {
                let r = &day.reminders[i];
                let key = (r.severity, who(r));
                if group.as_ref() != Some(&key) {
                    let names = if key.1.is_empty() {
                        Msg::NoRecipient.text(lang).to_owned()
                    } else {
                        key.1.clone()
                    };
                    let sev = r.severity;
                    out.push(view! {
                        <h2 class=format!("group sev-{sev:?}").to_lowercase()>
                            {severity_label(sev, lang)}" · "{names}
                        </h2>
                    }.into_any());
                    group = Some(key);
                }
                out.push(view! { <ReminderCard reminder=r.clone()/> }.into_any());
            }
            let more = (total > limit).then(|| view! {
                <button data-testid="reminders-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                    {format!("{} ({}/{})", Msg::ShowMore.text(lang), limit, total)}
                </button>
            });
            view! { <div class="reminder-list">{out}{more}</div> }.into_any()
        })
    };
    let summary = move || {
        let lang = state.lang.get();
        let n = run.day.with(|d| d.reminders.len());
        view! {
            <span data-testid="reminders-count" data-count=n.to_string()>
                {format!("{} {n}", Msg::RemindersToday.text(lang))}
            </span>
        }
    };
    let error = move || {
        run.error.get().map(|e| view! { <p class="banner error">{Msg::StoreFailed.text(state.lang.get())}": "{e}</p> })
    };
    view! {
        <section data-testid="page-reminders">
            <h1>{state.t(Msg::NavReminders)}</h1>
            {tabs(state, false)}
            <div class="toolbar">
                {summary}
                {export}
                <button data-testid="reminders-notifications" title=move || Msg::NotificationsExplain.text(state.lang.get())
                    on:click=move |_| leptos::task::spawn_local(async move {
                        browser::notify(Msg::AppName.text(state.lang.get_untracked()), Msg::NotificationsOn.text(state.lang.get_untracked()), true).await;
                    })>{state.t(Msg::EnableNotifications)}</button>
            </div>
            {error}
            {list}
            <PausedList/>
        </section>
    }
}

/// What the collection notes hold back on the as-of date, each with a way to undo it:
/// disputes cleared, customers included again, snoozes ended; pending promises listed.
#[component]
fn PausedList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let status: RwSignal<Option<Outcome>> = RwSignal::new(None);
    let undo = move |customer: String, invoices: Vec<String>, note: Note, action: AuditAction| {
        let as_of = state.as_of.get_untracked();
        leptos::task::spawn_local(async move {
            let e =
                AuditEntry::about_customer(&customer, invoices, action, browser::now_ms(), as_of);
            let r = data.add_notes(as_of, vec![note], e).await;
            status.set(Some(
                r.map(|_| Msg::Saved.text(state.lang.get_untracked()).to_owned())
                    .map_err(|e| format!("{e:?}")),
            ));
        });
    };
    move || {
        let lang = state.lang.get();
        let as_of = AsOf(state.as_of.get());
        let p = data.notes.with(|n| n.view(as_of).paused(as_of));
        if p.disputed.is_empty()
            && p.excluded.is_empty()
            && p.snoozed.is_empty()
            && p.promised.is_empty()
        {
            return ().into_any();
        }
        let invoice_label =
            |inv: &InvoiceRef, what: String| format!("{} {} · {what}", inv.customer, inv.number);
        let mut rows: Vec<PausedRow> = Vec::new();
        rows.extend(p.disputed.into_iter().map(|inv| PausedRow {
            testid: "paused-dispute",
            label: invoice_label(&inv, Msg::DisputedCond.text(lang).to_owned()),
            customer: inv.customer.clone(),
            invoice: Some(inv.number.clone()),
            undo: Some((
                "clear-dispute",
                Msg::ClearDispute,
                Note::Dispute {
                    invoice: inv,
                    on: false,
                },
                AuditAction::Dispute { on: false },
            )),
        }));
        rows.extend(p.excluded.into_iter().map(|c| PausedRow {
            testid: "paused-customer",
            label: format!("{c} · {}", Msg::ExcludedWord.text(lang)),
            customer: c.clone(),
            invoice: None,
            undo: Some((
                "include-customer",
                Msg::IncludeAgain,
                Note::ExcludeCustomer {
                    customer: c,
                    on: false,
                },
                AuditAction::ExcludeCustomer { on: false },
            )),
        }));
        rows.extend(p.snoozed.into_iter().map(|(inv, until)| PausedRow {
            testid: "paused-snooze",
            label: invoice_label(&inv, format!("{} {until}", Msg::SnoozeUntil.text(lang))),
            customer: inv.customer.clone(),
            invoice: Some(inv.number.clone()),
            undo: Some((
                "end-snooze",
                Msg::EndSnooze,
                Note::Snooze {
                    invoice: inv,
                    until: as_of.0,
                },
                AuditAction::Snoozed { until: as_of.0 },
            )),
        }));
        rows.extend(p.promised.into_iter().map(|(inv, date, amount)| {
            let amount = amount.map(|a| a.to_display_string()).unwrap_or_default();
            PausedRow {
                testid: "paused-promise",
                label: invoice_label(
                    &inv,
                    format!("{} {date} {amount}", Msg::PromiseDate.text(lang)),
                ),
                customer: inv.customer.clone(),
                invoice: Some(inv.number.clone()),
                undo: None,
            }
        }));
        let items = rows.into_iter().map(|row| {
            let button = row.undo.map(|(testid, text, note, action)| {
                let (customer, invoices) = (row.customer.clone(), row.invoice.iter().cloned().collect::<Vec<_>>());
                view! {
                    <button data-testid=testid on:click=move |_| undo(customer.clone(), invoices.clone(), note.clone(), action.clone())>
                        {text.text(lang)}
                    </button>
                }
            });
            view! {
                <li data-testid=row.testid data-customer=row.customer data-invoice=row.invoice>
                    {row.label}
                    {button}
                </li>
            }
        }).collect_view();
        view! {
            <details class="paused" data-testid="paused">
                <summary>{Msg::PausedTitle.text(lang)}</summary>
                <ul>{items}</ul>
                {move || status.get().map(|s| match s {
                    Ok(t) => view! { <p class="status ok">{t}</p> }.into_any(),
                    Err(e) => view! { <p class="status error">{e}</p> }.into_any(),
                })}
            </details>
        }
        .into_any()
    }
}

/// One held-back item in the paused list and, where it can be undone, the button's hook, text, note and audit action.
struct PausedRow {
    testid: &'static str,
    label: String,
    customer: String,
    invoice: Option<String>,
    undo: Option<(&'static str, Msg, Note, AuditAction)>,
}

fn today_plus(days: u64) -> String {
    browser::today()
        .checked_add_days(chrono::Days::new(days))
        .unwrap_or_else(browser::today)
        .to_string()
}

#[component]
fn ReminderCard(reminder: Reminder) -> impl IntoView {
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

type Outcome = Result<String, String>;

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

#[component]
fn AuditLog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let action = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
    let filter = move || AuditFilter {
        action: Some(action.get()).filter(|a| !a.is_empty()),
        text: text.get(),
        from: date(from.get()),
        to: date(to.get()),
    };
    let export = crate::ui::export_buttons::export_buttons(
        "audit-export",
        |lang| Msg::DownloadCsv.text(lang),
        "audit",
        || "audit-log".to_owned(),
        move || {
            let f = filter();
            data.audit.with_untracked(|a| {
                let picked: Vec<AuditEntry> = a.iter().filter(|e| f.matches(e)).cloned().collect();
                crate::export::audit::table(&picked, browser::local_offset())
            })
        },
    );
    let rows = move || {
        let lang = state.lang.get();
        let f = filter();
        let offset = browser::local_offset();
        data.audit.with(|a| {
            a.iter()
                .rev()
                .filter(|e| f.matches(e))
                .take(500)
                .map(|e| {
                    let outcome = e.outcome.as_ref().map(crate::export::audit::outcome_text).unwrap_or_default();
                    let outcome_attr = outcome.clone();
                    view! {
                        <tr data-testid="audit-entry" data-action=e.action.code() data-customer=e.customer.clone() data-asof=e.as_of.to_string()
                            data-invoices=e.invoices.join(" ") data-outcome=outcome_attr>
                            <td>{crate::export::audit::local_time(e.at_ms, offset)}</td>
                            <td>{e.as_of.to_string()}</td>
                            <td>{e.action.code()}" "{e.action.detail()}</td>
                            <td>{e.rule_no.map(|n| format!("#{n} ")).unwrap_or_default()}{e.rule_name.clone()}</td>
                            <td>{e.customer.clone()}" "{e.invoices.join(" ")}</td>
                            <td>{e.recipients.join("、")}</td>
                            <td>{e.channel.map(|c| channel_label(c, lang)).unwrap_or("")}</td>
                            <td>{outcome}</td>
                            <td class="message">{e.text.clone()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section data-testid="page-reminders">
            <h1>{state.t(Msg::NavReminders)}</h1>
            {tabs(state, true)}
            <p class="hint">{state.t(Msg::AuditExplain)}</p>
            <div class="toolbar">
                <select data-testid="audit-action" on:change=move |ev| action.set(event_target_value(&ev))>
                    <option value="">{state.t(Msg::AllActions)}</option>
                    {AuditAction::CODES.iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
                </select>
                <input type="search" data-testid="audit-search" placeholder=move || Msg::LedgerSearch.text(state.lang.get())
                    on:input=move |ev| text.set(event_target_value(&ev))/>
                <label>{state.t(Msg::FromDate)}<input type="date" data-testid="audit-from" on:change=move |ev| from.set(event_target_value(&ev))/></label>
                <label>{state.t(Msg::ToDate)}<input type="date" data-testid="audit-to" on:change=move |ev| to.set(event_target_value(&ev))/></label>
                {export}
            </div>
            <table class="audit">
                <thead><tr>
                    <th>{state.t(Msg::ImportWhen)}</th><th>{state.t(Msg::AsOfDate)}</th><th>{state.t(Msg::Action)}</th>
                    <th>{state.t(Msg::Rule)}</th><th>{state.t(Msg::Customer)}</th><th>{state.t(Msg::Recipients)}</th>
                    <th>{state.t(Msg::Channel)}</th><th>{state.t(Msg::Outcome)}</th><th>{state.t(Msg::MessageText)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
