//! The reminders of the as-of date, grouped by severity and recipients.

use super::card::ReminderCard;
use super::paused::PausedList;
use super::severity_label;
use super::tabs;
use crate::domain::reminders::Reminder;
use crate::domain::rules::Severity;
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::i18n::Msg;
use crate::ui::reminder_run::ReminderRun;
use leptos::prelude::*;

/// Cards rendered at first; more on request (the export always has all).
const PAGE: usize = 200;

#[component]
pub(super) fn Inbox() -> impl IntoView {
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
        let (n, as_of) = run.day.with(|d| {
            (
                d.reminders.len(),
                d.as_of.map(|a| a.0.to_string()).unwrap_or_default(),
            )
        });
        view! {
            <span data-testid="reminders-count" data-count=n.to_string() data-asof=as_of>
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
