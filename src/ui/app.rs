//! App state wiring: one signal per piece of state, shared by context.

use super::browser;
use super::data::Data;
use super::i18n::{Lang, Msg};
use super::route::Route;
use super::shell::Shell;
use crate::domain::asof::AsOf;
use crate::domain::ledger::Ledger;
use chrono::NaiveDate;
use leptos::prelude::*;

const LANG_KEY: &str = "ar-sentinel.lang";

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    /// The as-of date every figure is computed for; defaults to today.
    pub as_of: RwSignal<NaiveDate>,
    pub route: RwSignal<Route>,
    /// The whole `#/…?…` hash: pages read drill-down parameters from it.
    pub hash: RwSignal<String>,
    /// The ledger as of `as_of`: every open balance, recomputed when the pool or date changes.
    pub ledger: Memo<Ledger>,
    /// Whether the browser promised to keep our data (None until it answers).
    pub persisted: RwSignal<Option<bool>>,
}

impl AppState {
    /// A reactive translator for views: `t(Msg::X)` re-renders when the language changes.
    pub fn t(self, msg: Msg) -> impl Fn() -> &'static str + Copy + 'static {
        move || msg.text(self.lang.get())
    }
}

pub fn start() {
    console_error_panic_hook_set();
    browser::register_service_worker();
    leptos::mount::mount_to_body(App);
}

fn console_error_panic_hook_set() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("AR Sentinel crashed: {info}").into());
    }));
}

#[component]
fn App() -> impl IntoView {
    let lang = browser::local_get(LANG_KEY)
        .and_then(|t| Lang::from_tag(&t))
        .unwrap_or_default();
    let data = Data::new();
    provide_context(data);
    let as_of = RwSignal::new(browser::today());
    // Approved extensions' due dates are in force everywhere the ledger is read.
    let ledger = Memo::new(move |_| data.effective_ledger(AsOf(as_of.get())));
    let state = AppState {
        lang: RwSignal::new(lang),
        as_of,
        ledger,
        route: RwSignal::new(Route::from_hash(&browser::location_hash())),
        hash: RwSignal::new(browser::location_hash()),
        persisted: RwSignal::new(None),
    };
    provide_context(state);
    // Ratings and predictions first: the reminder rules read grades, limit use and late risk.
    super::data_credit::provide_ratings(data, state);
    provide_context(super::forecast::Forecast::new(data, state));
    provide_context(super::reminder_run::provide(state, data));
    provide_context(super::insight::InsightConfig::new(data));
    leptos::task::spawn_local(data.load());
    // Another tab changed the stored data: read it again, so both tabs show the same pool.
    browser::on_other_tab_change(move || leptos::task::spawn_local(data.reload()));

    // Sync with the outside world: the language choice and <html lang>, the URL hash.
    Effect::new(move |_| {
        let l = state.lang.get();
        browser::local_set(LANG_KEY, l.tag());
        browser::set_document_lang(l.tag());
    });
    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = browser::location_hash();
        state.route.set(Route::from_hash(&hash));
        state.hash.set(hash);
    });
    on_cleanup(move || hash_listener.remove());
    leptos::task::spawn_local(async move {
        state
            .persisted
            .set(browser::request_persistent_storage().await);
    });

    view! { <Shell/> }
}
