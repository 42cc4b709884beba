//! One component per area; later issues fill the placeholders.

use super::app::AppState;
use super::i18n::Msg;
use super::route::Route;
use leptos::prelude::*;

mod approvals;
mod credit;
mod credit_alerts;
mod credit_customer;
mod customer;
mod dashboard;
mod import;
pub mod ledger;
pub mod reminders;
mod rules;
mod settings;

#[component]
pub fn Page() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        // The whole hash, not just the route: a drill-down link re-opens the page with its filter.
        state.hash.track();
        let route = state.route.get();
        match route {
            Route::Import => return view! { <import::ImportPage/> }.into_any(),
            Route::Ledger => return view! { <ledger::LedgerPage/> }.into_any(),
            Route::Settings => return view! { <settings::SettingsPage/> }.into_any(),
            Route::Customer => return view! { <customer::CustomerPage/> }.into_any(),
            Route::Dashboard => return view! { <dashboard::DashboardPage/> }.into_any(),
            Route::Reminders => return view! { <reminders::RemindersPage/> }.into_any(),
            Route::Rules => return view! { <rules::RulesPage/> }.into_any(),
            Route::Credit => return view! { <credit::CreditPage/> }.into_any(),
            Route::Approvals => return view! { <approvals::ApprovalsPage/> }.into_any(),
            _ => {}
        }
        let body = match route {
            Route::Reminders => None,
            Route::Rules => None,
            Route::Dashboard => Some(Msg::PlannedDashboard),
            Route::Forecast => Some(Msg::PlannedForecast),
            Route::Import
            | Route::Ledger
            | Route::Settings
            | Route::Customer
            | Route::Credit
            | Route::Approvals => None,
        };
        view! {
            <section data-testid=format!("page-{}", route.slug())>
                <h1>{state.t(route.title())}</h1>
                {body.map(|m| view! { <p class="planned">{state.t(m)}</p> })}
            </section>
        }
        .into_any()
    }
}
