//! One component per area; later issues fill the placeholders.

use super::app::AppState;
use super::i18n::Msg;
use super::route::Route;
use leptos::prelude::*;

mod customer;
mod dashboard;
pub mod forecast;
mod import;
pub mod ledger;
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
            Route::Forecast => return view! { <forecast::ForecastPage/> }.into_any(),
            _ => {}
        }
        let body = match route {
            Route::Reminders => Some(Msg::PlannedReminders),
            Route::Rules => Some(Msg::PlannedRules),
            Route::Dashboard => Some(Msg::PlannedDashboard),
            Route::Credit => Some(Msg::PlannedCredit),
            Route::Approvals => Some(Msg::PlannedApprovals),
            Route::Import | Route::Ledger | Route::Settings | Route::Customer | Route::Forecast => {
                None
            }
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
