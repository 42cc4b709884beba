//! Settings: the company's name, storage health, backup and restore.

use crate::store::backup::Backup;
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::{CommitError, Data, COMPANY_KEY};
use crate::ui::i18n::Msg;
use leptos::prelude::*;

/// After this long without a backup the page reminds the user to make one.

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let company = data.company;
    let estimate: RwSignal<Option<(f64, f64)>> = RwSignal::new(None);
    let last_backup = data.last_backup;
    let pending: RwSignal<Option<(String, Backup)>> = RwSignal::new(None);
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);

    leptos::task::spawn_local(async move {
        estimate.set(crate::store::storage_estimate().await);
    });

    let save_company = move |ev| {
        let v = event_target_value(&ev).trim().to_owned();
        company.set(v.clone());
        leptos::task::spawn_local(async move {
            let _ = data.set_setting(COMPANY_KEY, &v).await;
        });
    };
    let report = move |r: Result<String, CommitError>| {
        message.set(Some(match r {
            Ok(ok) => (true, ok),
            Err(e) => (
                false,
                format!(
                    "{}: {e:?}",
                    Msg::RestoreFailed.text(state.lang.get_untracked())
                ),
            ),
        }));
    };
    let include_secrets = RwSignal::new(false);
    let backup = move |_| {
        leptos::task::spawn_local(async move {
            let now = browser::now_ms();
            match data.backup(now, include_secrets.get_untracked()).await {
                Ok(b) => {
                    let day = state.as_of.get_untracked();
                    browser::download(
                        &format!("ar-sentinel-backup-{day}.json"),
                        "application/json",
                        &b.to_json(),
                    );
                }
                Err(e) => report(Err(e)),
            }
        });
    };
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = browser::files_of(input.files()).into_iter().next() else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let lang = state.lang.get_untracked();
            let parsed = browser::read_file(&file)
                .await
                .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8 text".to_owned()))
                .and_then(|t| Backup::parse(&t).map_err(|e| e.to_string()));
            match parsed {
                Ok(b) => pending.set(Some((file.name(), b))),
                Err(e) => message.set(Some((
                    false,
                    format!("{}: {e}", Msg::RestoreFailed.text(lang)),
                ))),
            }
        });
    };
    let restore = move |replace: bool| {
        let Some((name, b)) = pending.get_untracked() else {
            return;
        };
        pending.set(None);
        leptos::task::spawn_local(async move {
            let lang = state.lang.get_untracked();
            let r = if replace {
                data.restore_replace(b)
                    .await
                    .map(|_| Msg::RestoreReplaced.text(lang).to_owned())
            } else {
                data.restore_merge(b, name, browser::now_ms())
                    .await
                    .map(|log| format!("{}: {}", Msg::RestoreMerged.text(lang), log.changes.len()))
            };
            report(r);
        });
    };

    let backup_line = move || {
        let lang = state.lang.get();
        match last_backup.get() {
            Some(ms) => {
                let old = data.backup_is_due(browser::now_ms());
                view! {
                    <p class:banner=old class:error=old data-testid="last-backup">
                        {format!("{}: {}", Msg::LastBackup.text(lang), browser::format_ms(ms, lang.tag()))}
                        {old.then(|| format!(" — {}", Msg::BackupIsOld.text(lang)))}
                    </p>
                }
                .into_any()
            }
            None => view! {
                <p class="banner error" data-testid="last-backup">{Msg::NeverBackedUp.text(lang)}</p>
            }
            .into_any(),
        }
    };

    view! {
        <section data-testid="page-settings">
            <h1>{state.t(Msg::NavSettings)}</h1>
            <h2>{state.t(Msg::CompanyName)}</h2>
            <input type="text" data-testid="setting-company" size="40"
                prop:value=move || company.get() on:change=save_company/>
            <h2>{state.t(Msg::Storage)}</h2>
            <p data-testid="storage-persisted">{move || match state.persisted.get() {
                Some(true) => state.t(Msg::StoragePersisted)(),
                Some(false) => state.t(Msg::StorageNotPersisted)(),
                None => "…",
            }}</p>
            <p data-testid="storage-usage">{move || estimate.get().map(|(used, quota)| format!(
                "{}: {:.1} MB / {:.0} MB", state.t(Msg::StorageUsed)(), used / 1e6, quota / 1e6
            ))}</p>
            <h2>{state.t(Msg::Backup)}</h2>
            <p class="hint">{state.t(Msg::BackupExplain)}</p>
            {backup_line}
            <div class="actions">
                <button class="primary" data-testid="backup-download" on:click=backup>{state.t(Msg::BackupDownload)}</button>
                <label class="check">
                    <input type="checkbox" data-testid="backup-include-secrets" prop:checked=include_secrets
                        on:change=move |ev| include_secrets.set(event_target_checked(&ev))/>
                    {state.t(Msg::BackupIncludeSecrets)}
                </label>
                <label>{state.t(Msg::RestorePick)}" "
                    <input type="file" accept=".json,application/json" data-testid="restore-input" on:change=pick/>
                </label>
            </div>
            {move || pending.get().map(|(name, b)| {
                let lang = state.lang.get();
                view! {
                    <div class="banner info" data-testid="restore-preview">
                        {format!("{name}: {} {}, {} {}, {} {} — {}",
                            b.pool.invoices.len(), Msg::InvoicesWord.text(lang),
                            b.pool.payments.len(), Msg::PaymentsWord.text(lang),
                            b.pool.customers.len(), Msg::CustomersWord.text(lang),
                            browser::format_ms(b.created_ms, lang.tag()))}
                        <div class="actions">
                            <button data-testid="restore-merge" on:click=move |_| restore(false)>{Msg::RestoreMerge.text(lang)}</button>
                            <button data-testid="restore-replace" on:click=move |_| restore(true)>{Msg::RestoreReplace.text(lang)}</button>
                            <button on:click=move |_| pending.set(None)>{Msg::ImportCancel.text(lang)}</button>
                        </div>
                    </div>
                }
            })}
            {move || message.get().map(|(ok, m)| view! {
                <p class="banner" class:info=ok class:error=!ok data-testid="restore-result">{m}</p>
            })}
        </section>
    }
}
