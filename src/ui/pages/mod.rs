//! One component per area; later issues fill the placeholders.

use super::app::AppState;
use super::i18n::Msg;
use super::route::Route;
use leptos::prelude::*;

#[component]
pub fn Page() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let route = state.route.get();
        let body = match route {
            Route::Reminders => Some(Msg::PlannedReminders),
            Route::Rules => Some(Msg::PlannedRules),
            Route::Dashboard => Some(Msg::PlannedDashboard),
            Route::Credit => Some(Msg::PlannedCredit),
            Route::Approvals => Some(Msg::PlannedApprovals),
            Route::Import | Route::Ledger | Route::Settings => Some(Msg::NoDataYet),
        };
        view! {
            <section data-testid=format!("page-{}", route.slug())>
                <h1>{state.t(route.title())}</h1>
                {body.map(|m| view! { <p class="planned">{state.t(m)}</p> })}
            </section>
        }
    }
}
