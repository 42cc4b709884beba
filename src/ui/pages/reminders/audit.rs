//! The audit log: filtered by action, date range and text, exported as CSV or XLSX.

use super::channel_label;
use super::tabs;
use crate::domain::audit::{AuditAction, AuditEntry, AuditFilter};
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::i18n::Msg;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub(super) fn AuditLog() -> impl IntoView {
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
