//! The import screen: drop or pick files, check the preview and the mapping, commit or cancel.
mod file;
mod history;

use crate::import::pipeline::{preview_source, read_source, ImportError, Preview};
use crate::import::records::RowError;
use crate::store::{mb, StoreError};
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::{CommitError, Data};
use crate::ui::i18n::{Lang, Msg};
use file::{errors_view, file_view};
use history::ImportHistory;
use leptos::prelude::*;
use std::sync::Arc;

/// A file the user gave us, and what reading it produced.
#[derive(Clone)]
pub(super) struct Loaded {
    name: String,
    bytes: Arc<Vec<u8>>,
    result: Result<Preview, ImportError>,
}

/// What the last commit did, kept on screen with its refused rows.
#[derive(Clone)]
struct Summary {
    imported: usize,
    rejected: usize,
    changed: usize,
    errors: Vec<(String, RowError)>,
}

/// How many refused rows are listed on screen; the CSV download has all of them.
pub(super) const ERRORS_SHOWN: usize = 500;

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let files: RwSignal<Vec<Loaded>> = RwSignal::new(Vec::new());
    let summary: RwSignal<Option<Summary>> = RwSignal::new(None);
    let failure: RwSignal<Option<String>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    // What the import is doing and how far it is (percent), for the progress bar.
    let progress: RwSignal<Option<(Msg, u32)>> = RwSignal::new(None);

    let take_files = move |list: Vec<web_sys::File>| {
        if list.is_empty() {
            return;
        }
        busy.set(true);
        summary.set(None);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let count = list.len() as u32;
            for (n, file) in list.into_iter().enumerate() {
                let name = file.name();
                let base = n as u32 * 100 / count;
                let step = |stage: Msg, part: u32| progress.set(Some((stage, base + part / count)));
                step(Msg::ImportReading, 0);
                let bytes = match browser::read_file(&file).await {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        failure.set(Some(e));
                        continue;
                    }
                };
                // Each stage yields to the page first, so the progress bar paints.
                step(Msg::ImportParsing, 20);
                browser::next_frame().await;
                let result = match read_source(&bytes, &name, None) {
                    Ok(source) => {
                        step(Msg::ImportChecking, 50);
                        browser::next_frame().await;
                        data.mappings.with_untracked(|m| {
                            preview_source(source, &name, &|sig: &str| m.get(sig).cloned())
                        })
                    }
                    Err(e) => Err(e),
                };
                files.update(|f| {
                    f.push(Loaded {
                        name,
                        bytes: Arc::new(bytes),
                        result,
                    })
                });
            }
            progress.set(None);
            busy.set(false);
        });
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        take_files(browser::files_of(input.files()));
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        take_files(browser::files_of(
            ev.data_transfer().and_then(|d| d.files()),
        ));
    };

    let ready = move || {
        files
            .with(|f| !f.is_empty() && f.iter().all(|l| matches!(&l.result, Ok(p) if p.is_ready())))
    };

    let cancel = move |_| {
        files.set(Vec::new());
        failure.set(None);
    };

    let commit = move |_| {
        if !ready() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        let loaded = files.get_untracked();
        leptos::task::spawn_local(async move {
            let mut records = Vec::new();
            let mut implied = Vec::new();
            let mut names = Vec::new();
            let mut errors = Vec::new();
            let mut mappings = Vec::new();
            let (mut imported, mut rejected) = (0, 0);
            for l in &loaded {
                let Ok(p) = &l.result else { continue };
                let (r, c) = p.batch.clone().into_records();
                records.extend(r);
                implied.extend(c);
                names.push(l.name.clone());
                imported += p.counts.imported;
                rejected += p.counts.rejected;
                errors.extend(p.errors.iter().map(|e| (l.name.clone(), e.clone())));
                mappings.push((p.signature.clone(), p.mapping.clone()));
            }
            let now = browser::now_ms();
            progress.set(Some((Msg::ImportSaving, 0)));
            browser::next_frame().await;
            let report = move |done: usize, total: usize| {
                progress.set(Some((
                    Msg::ImportSaving,
                    (done * 100 / total.max(1)) as u32,
                )));
            };
            let result = data
                .commit_import(names, records, implied, (imported, rejected), now, &report)
                .await;
            progress.set(None);
            match result {
                Ok(log) => {
                    // The data is in; remembering the mapping is a convenience.
                    let _ = data.save_mappings(mappings).await;
                    files.set(Vec::new());
                    summary.set(Some(Summary {
                        imported,
                        rejected,
                        changed: log.changes.len(),
                        errors,
                    }));
                }
                Err(e) => failure.set(Some(commit_error_text(&e, state.lang.get_untracked()))),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="import" data-testid="page-import"
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=on_drop>
            <h1>{state.t(Msg::NavImport)}</h1>
            <label class="dropzone">
                <span>{state.t(Msg::ImportDropHint)}</span>
                <input type="file" multiple data-testid="import-input"
                    accept=".csv,.txt,.tsv,.xlsx,.xls,text/csv"
                    on:change=on_pick/>
            </label>
            {move || progress.get().map(|(stage, pct)| view! {
                <div class="progress" data-testid="import-progress" data-stage=format!("{stage:?}")>
                    <span>{move || stage.text(state.lang.get())}</span>
                    <progress max="100" value=pct.min(100)></progress>
                    <span>{format!("{}%", pct.min(100))}</span>
                </div>
            })}
            {move || failure.get().map(|f| view! { <p class="banner error" data-testid="import-failure">{f}</p> })}
            {move || {
                let lang = state.lang.get();
                files.with(|f| {
                    f.iter()
                        .enumerate()
                        .map(|(i, l)| file_view(i, l, lang, files, data))
                        .collect_view()
                })
            }}
            <Show when=move || files.with(|f| !f.is_empty())>
                <div class="actions">
                    <button class="primary" data-testid="import-commit"
                        prop:disabled=move || !ready() || busy.get() on:click=commit>
                        {state.t(Msg::ImportCommit)}
                    </button>
                    <button data-testid="import-cancel" on:click=cancel>{state.t(Msg::ImportCancel)}</button>
                    <Show when=move || !ready()>
                        <span class="hint" data-testid="import-blocked">{move || {
                            let unreadable = files.with(|f| f.iter().any(|l| l.result.is_err()));
                            state.t(if unreadable { Msg::ImportRemoveUnreadable } else { Msg::ImportAnswerFirst })
                        }}</span>
                    </Show>
                </div>
            </Show>
            {move || summary.get().map(|s| summary_view(s, state.lang.get()))}
            <ImportHistory/>
        </section>
    }
}

pub(super) fn commit_error_text(e: &CommitError, lang: Lang) -> String {
    let head = Msg::ImportCommitFailed.text(lang);
    match e {
        CommitError::NotReady => format!("{head}: {}", Msg::DatabaseNotReady.text(lang)),
        CommitError::Store(StoreError::Full { needed, free }) => format!(
            "{head}: {} ({} {:.1} MB, {} {:.1} MB)",
            Msg::StorageFull.text(lang),
            Msg::StorageNeeded.text(lang),
            mb(*needed),
            Msg::StorageFree.text(lang),
            mb(*free)
        ),
        CommitError::Store(s) => format!("{head}: {s}"),
        CommitError::Conflict(c) => format!("{head}: {}", c.key),
    }
}

fn summary_view(s: Summary, lang: Lang) -> impl IntoView {
    view! {
        <div class="banner info" data-testid="import-summary" data-imported=s.imported data-rejected=s.rejected>
            {format!(
                "{}: {} {} · {} {} · {} {}",
                Msg::ImportDone.text(lang),
                Msg::ImportRowsOk.text(lang), s.imported,
                Msg::ImportRowsRefused.text(lang), s.rejected,
                Msg::ImportRecordsChanged.text(lang), s.changed,
            )}
        </div>
        {errors_view(s.errors, lang)}
    }
}
