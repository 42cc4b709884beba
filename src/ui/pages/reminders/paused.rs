//! What a note holds back from the inbox — snoozed, promised, disputed, excluded — with undo.

use super::Outcome;
use crate::domain::asof::AsOf;
use crate::domain::audit::{AuditAction, AuditEntry};
use crate::domain::reminders::{InvoiceRef, Note};
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::i18n::Msg;
use leptos::prelude::*;

/// What the collection notes hold back on the as-of date, each with a way to undo it:
/// disputes cleared, customers included again, snoozes ended; pending promises listed.
#[component]
pub(super) fn PausedList() -> impl IntoView {
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
