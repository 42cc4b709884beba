//! The layout: header with the as-of date and language switch, navigation, the page.

use super::app::AppState;
use super::browser;
use super::data::Data;
use super::i18n::Msg;
use super::pages::Page;
use super::route::Route;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn Shell() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let on_date = move |ev| {
        // An emptied or half-typed date leaves the as-of date as it was.
        if let Ok(d) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
            state.as_of.set(d);
        }
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="brand-name">{state.t(Msg::AppName)}</span>
                <span class="brand-tagline">{state.t(Msg::AppTagline)}</span>
            </div>
            <label class="asof">
                <span>{state.t(Msg::AsOfDate)}</span>
                <input type="date" data-testid="asof-date"
                    prop:value=move || state.as_of.get().format("%Y-%m-%d").to_string()
                    on:change=on_date/>
            </label>
            <button class="lang-switch" data-testid="lang-switch"
                on:click=move |_| state.lang.update(|l| *l = l.other())>
                {state.t(Msg::SwitchLanguage)}
            </button>
        </header>
        <nav class="sidenav">
            {Route::NAV.into_iter().map(|r| view! {
                <a href=r.href() data-testid=format!("nav-{}", r.slug())
                    class:active=move || state.route.get() == r>
                    {state.t(r.title())}
                </a>
            }).collect_view()}
        </nav>
        // `data-ready`: the stored data is loaded (tests wait for it after a reload).
        <main class="page" data-ready=move || matches!(data.ready.get(), Some(Ok(()))).to_string()>
            {move || data.stale.get().then(|| view! {
                <p class="banner error" data-testid="stale-banner">{state.t(Msg::StaleTab)}
                    <button data-testid="stale-reload" on:click=move |_| browser::reload()>{state.t(Msg::Reload)}</button>
                </p>
            })}
            // The browser may evict local data (persistence refused) and there is no recent
            // backup: say so on every page, not only in the settings.
            {move || (state.persisted.get() == Some(false) && data.backup_is_due(browser::now_ms())).then(|| view! {
                <p class="banner warn" data-testid="storage-warning">{state.t(Msg::StorageNotPersisted)}
                    " " <a href=Route::Settings.href()>{state.t(Msg::BackupDownload)}</a>
                </p>
            })}
            {move || data.waiting.get().then(|| view! {
                <p class="banner info" data-testid="db-waiting">{state.t(Msg::WaitingForTabs)}</p>
            })}
            {move || match data.ready.get() {
                Some(Err(e)) => Some(view! { <p class="banner error" data-testid="db-error">{state.t(Msg::DbFailed)}": "{e}</p> }),
                _ => None,
            }}
            <Page/>
        </main>
    }
}
