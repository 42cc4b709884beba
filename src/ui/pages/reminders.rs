//! The reminder inbox for the as-of date (the in-app to-do), grouped by severity and
//! recipients, with every hand-over and collection action; and the audit log.

mod audit;
mod card;
mod inbox;
mod paused;

use crate::domain::rules::{Channel, Severity};
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::route::Route;
use audit::AuditLog;
use inbox::Inbox;
use leptos::prelude::*;

/// A status line under an action: what was done, or what went wrong.
type Outcome = Result<String, String>;

pub fn severity_label(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Critical => Msg::SeverityCritical,
        Severity::High => Msg::SeverityHigh,
        Severity::Medium => Msg::SeverityMedium,
        Severity::Low => Msg::SeverityLow,
        Severity::Info => Msg::SeverityInfo,
    }
    .text(lang)
}

pub fn channel_label(c: Channel, lang: Lang) -> &'static str {
    match c {
        Channel::InApp => Msg::ChannelInApp,
        Channel::Email => Msg::ChannelEmail,
        Channel::Sms => Msg::ChannelSms,
        Channel::DingTalk => Msg::ChannelDingTalk,
        Channel::WeCom => Msg::ChannelWeCom,
        Channel::Feishu => Msg::ChannelFeishu,
        Channel::Webhook => Msg::ChannelWebhook,
    }
    .text(lang)
}

#[component]
pub fn RemindersPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.hash.track();
        let query = Route::query_of(&browser::location_hash()).to_owned();
        if query.split('&').any(|p| p == "view=audit") {
            view! { <AuditLog/> }.into_any()
        } else {
            view! { <Inbox/> }.into_any()
        }
    }
}

fn tabs(state: AppState, audit: bool) -> impl IntoView {
    view! {
        <nav class="tabs">
            <a href="#/reminders" class:active=!audit data-testid="reminders-tab-inbox">{state.t(Msg::RemindersInbox)}</a>
            <a href="#/reminders?view=audit" class:active=audit data-testid="reminders-tab-audit">{state.t(Msg::AuditLog)}</a>
        </nav>
    }
}
