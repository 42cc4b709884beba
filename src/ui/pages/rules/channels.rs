//! The chat-robot and webhook addresses, whose origins the Content-Security-Policy allows.

use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::i18n::Msg;
use leptos::prelude::*;

#[component]
pub(super) fn Channels() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let lang = move || state.lang.get();
    let config = RwSignal::new(data.channels.get_untracked());
    Effect::new(move |_| config.set(data.channels.get()));
    let message: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    let needs_reload = move || {
        let wanted = data.channels.with(|c| c.origins().join(" "));
        wanted != browser::loaded_connect_origins()
    };
    let save = move |_| {
        let c = config.get_untracked();
        if let Err(e) = c.validate() {
            message.set(Some(Err(e.to_string())));
            return;
        }
        leptos::task::spawn_local(async move {
            let origins = c.origins();
            match data.save_channels(c).await {
                Ok(()) => {
                    browser::set_connect_origins(&origins);
                    message.set(Some(Ok(Msg::Saved.text(lang()).to_owned())));
                }
                Err(e) => message.set(Some(Err(format!("{e:?}")))),
            }
        });
    };
    type Get = fn(&crate::notify::dispatch::ChannelConfig) -> String;
    type Set = fn(&mut crate::notify::dispatch::ChannelConfig, String);
    let field = move |label: String, testid: &'static str, secret: bool, get: Get, set: Set| {
        view! {
            <label>{label}
                <input type=if secret { "password" } else { "text" } autocomplete="off" data-testid=testid
                    prop:value=move || config.with(get)
                    on:change=move |ev| { let v = event_target_value(&ev).trim().to_owned(); config.update(|c| set(c, v)); }/>
            </label>
        }
    };
    let url = |m: Msg| format!("{} URL", m.text(state.lang.get_untracked()));
    let secret = |m: Msg| {
        format!(
            "{} {}",
            m.text(state.lang.get_untracked()),
            Msg::Secret.text(state.lang.get_untracked())
        )
    };
    view! {
        <p class="hint">{state.t(Msg::ChannelsExplain)}</p>
        <fieldset>
            {field(url(Msg::ChannelDingTalk), "channel-dingtalk-url", false, |c| c.dingtalk.url.clone(), |c, v| c.dingtalk.url = v)}
            {field(secret(Msg::ChannelDingTalk), "channel-dingtalk-secret", true, |c| c.dingtalk.secret.clone(), |c, v| c.dingtalk.secret = v)}
            {field(url(Msg::ChannelWeCom), "channel-wecom-url", false, |c| c.wecom.url.clone(), |c, v| c.wecom.url = v)}
            {field(url(Msg::ChannelFeishu), "channel-feishu-url", false, |c| c.feishu.url.clone(), |c, v| c.feishu.url = v)}
            {field(secret(Msg::ChannelFeishu), "channel-feishu-secret", true, |c| c.feishu.secret.clone(), |c, v| c.feishu.secret = v)}
            {field(url(Msg::ChannelWebhook), "channel-webhook-url", false, |c| c.webhook.url.clone(), |c, v| c.webhook.url = v)}
            {field(secret(Msg::ChannelWebhook), "channel-webhook-secret", true, |c| c.webhook.secret.clone(), |c, v| c.webhook.secret = v)}
            {field(Msg::RelayUrl.text(state.lang.get_untracked()).to_owned(), "channel-relay-url", false, |c| c.relay.clone(), |c, v| c.relay = v)}
        </fieldset>
        <button class="primary" data-testid="channels-save" on:click=save>{state.t(Msg::Save)}</button>
        {move || message.get().map(|m| match m {
            Ok(t) => view! { <p class="status ok" data-testid="channels-status">{t}</p> }.into_any(),
            Err(e) => view! { <p class="status error" data-testid="channels-status">{e}</p> }.into_any(),
        })}
        {move || needs_reload().then(|| view! {
            <p class="banner" data-testid="channels-reload">{Msg::ReloadToAllow.text(lang())}
                <button data-testid="channels-reload-button" on:click=move |_| browser::reload()>{Msg::Reload.text(lang())}</button>
            </p>
        })}
    }
}
