//! Past imports, newest first, each with an undo button.

use super::commit_error_text;
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::{CommitError, Data};
use crate::ui::i18n::Msg;
use leptos::prelude::*;

/// Past imports, newest first, each with an undo button.
#[component]
pub(super) fn ImportHistory() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let rows = move || {
        let lang = state.lang.get();
        data.logs.with(|logs| {
            logs.iter().rev().map(|log| {
                let id = log.id;
                let when = browser::format_ms(id, lang.tag());
                let undone = log.undone_at.is_some();
                view! {
                    <tr data-testid="import-log">
                        <td>{when}</td>
                        <td>{log.files.join(", ")}</td>
                        <td class="num">{log.imported}</td>
                        <td class="num">{log.rejected}</td>
                        <td class="num">{log.changes.len()}</td>
                        <td>{if undone {
                            view! { <span>{Msg::ImportUndone.text(lang)}</span> }.into_any()
                        } else {
                            view! { <button data-testid="import-undo" on:click=move |_| {
                                leptos::task::spawn_local(async move {
                                    let lang = state.lang.get_untracked();
                                    let r = data.undo_import(id, browser::now_ms()).await;
                                    problem.set(r.err().map(|e| match e {
                                        CommitError::Conflict(c) => format!("{}: {}", Msg::ImportUndoConflict.text(lang), c.key),
                                        e => commit_error_text(&e, lang),
                                    }));
                                });
                            }>{Msg::ImportUndo.text(lang)}</button> }.into_any()
                        }}</td>
                    </tr>
                }
            }).collect_view()
        })
    };
    view! {
        <Show when=move || data.logs.with(|l| !l.is_empty())>
            <h2>{state.t(Msg::ImportHistory)}</h2>
            {move || problem.get().map(|p| view! { <p class="banner error">{p}</p> })}
            <table class="grid">
                <thead><tr>
                    <th>{state.t(Msg::ImportWhen)}</th><th>{state.t(Msg::ImportFile)}</th>
                    <th class="num">{state.t(Msg::ImportRowsOk)}</th><th class="num">{state.t(Msg::ImportRowsRefused)}</th>
                    <th class="num">{state.t(Msg::ImportRecordsChanged)}</th><th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </Show>
    }
}
