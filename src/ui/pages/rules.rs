//! Rules for business users, no code: the ordered rule list with what fires on the as-of
//! date, the condition builder, recipient and channel pickers, the template editor with a
//! placeholder picker and a live preview on real data; the staff directory; the channels.

mod channels;
mod directory;
mod editor;
mod list;

use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::i18n::Msg;
use crate::ui::route::Route;
use channels::Channels;
use directory::Directory;
use leptos::prelude::*;
use list::RuleList;

#[component]
pub fn RulesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.hash.track();
        let query = Route::query_of(&browser::location_hash()).to_owned();
        let view = query
            .split('&')
            .find_map(|p| p.strip_prefix("view="))
            .unwrap_or("rules")
            .to_owned();
        let tab = |slug: &'static str, msg: Msg| {
            let href = if slug == "rules" {
                "#/rules".to_owned()
            } else {
                format!("#/rules?view={slug}")
            };
            view! { <a href=href class:active=view == slug data-testid=format!("rules-tab-{slug}")>{state.t(msg)}</a> }
        };
        let body = match view.as_str() {
            "directory" => view! { <Directory/> }.into_any(),
            "channels" => view! { <Channels/> }.into_any(),
            _ => view! { <RuleList/> }.into_any(),
        };
        view! {
            <section data-testid="page-rules">
                <h1>{state.t(Msg::NavRules)}</h1>
                <nav class="tabs">
                    {tab("rules", Msg::RulesTab)}
                    {tab("directory", Msg::DirectoryTab)}
                    {tab("channels", Msg::ChannelsTab)}
                </nav>
                {body}
            </section>
        }
    }
}
