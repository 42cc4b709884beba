//! One component per area.

use super::app::AppState;
use super::route::Route;
use leptos::prelude::*;

mod approvals;
mod credit;
mod credit_alerts;
mod credit_customer;
mod customer;
mod dashboard;
pub mod forecast;
mod import;
pub mod ledger;
pub mod reminders;
mod rules;
mod settings;
pub mod statement;

/// What a page says while the pool holds nothing to show, with the way to fill it.
pub fn no_data_yet(lang: super::i18n::Lang, testid: &'static str) -> impl IntoView {
    use super::i18n::Msg;
    view! {
        <p class="planned" data-testid=testid>
            {Msg::NoDataYet.text(lang)}" "
            <a href="#/import" data-testid="go-import">{Msg::GoImport.text(lang)}</a>
        </p>
    }
}

#[component]
pub fn Page() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        // The whole hash, not just the route: a drill-down link re-opens the page with its filter.
        state.hash.track();
        match state.route.get() {
            Route::Import => view! { <import::ImportPage/> }.into_any(),
            Route::Ledger => view! { <ledger::LedgerPage/> }.into_any(),
            Route::Settings => view! { <settings::SettingsPage/> }.into_any(),
            Route::Customer => view! { <customer::CustomerPage/> }.into_any(),
            Route::Dashboard => view! { <dashboard::DashboardPage/> }.into_any(),
            Route::Reminders => view! { <reminders::RemindersPage/> }.into_any(),
            Route::Rules => view! { <rules::RulesPage/> }.into_any(),
            Route::Credit => view! { <credit::CreditPage/> }.into_any(),
            Route::Approvals => view! { <approvals::ApprovalsPage/> }.into_any(),
            Route::Forecast => view! { <forecast::ForecastPage/> }.into_any(),
            Route::Statement => view! { <statement::StatementPage/> }.into_any(),
        }
    }
}
