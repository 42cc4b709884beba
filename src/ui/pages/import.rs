//! The import screen: drop or pick files, check the preview and the mapping, commit or cancel.

use crate::export::table::{Cell, Table};
use crate::import::cells::DayMonthOrder;
use crate::import::mapping::{FileKind, Mapping};
use crate::import::pipeline::{analyze, preview_source, read_source, ImportError, Preview};
use crate::import::records::RowError;
use crate::import::synonyms::Field;
use crate::store::{mb, StoreError};
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::{CommitError, Data};
use crate::ui::export_buttons::export_buttons;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_import::{field_name, import_error, kind_name, row_problem};
use leptos::prelude::*;
use std::sync::Arc;

/// A file the user gave us, and what reading it produced.
#[derive(Clone)]
struct Loaded {
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
const ERRORS_SHOWN: usize = 500;

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
                        <span class="hint">{state.t(Msg::ImportAnswerFirst)}</span>
                    </Show>
                </div>
            </Show>
            {move || summary.get().map(|s| summary_view(s, state.lang.get()))}
            <ImportHistory/>
        </section>
    }
}

fn commit_error_text(e: &CommitError, lang: Lang) -> String {
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

/// Applies `edit` to file `i`'s mapping and re-reads it.
fn remap(files: RwSignal<Vec<Loaded>>, i: usize, edit: impl FnOnce(&mut Mapping)) {
    files.update(|f| {
        if let Some(Ok(p)) = f.get_mut(i).map(|l| &mut l.result) {
            let mut m = p.mapping.clone();
            edit(&mut m);
            *p = p.clone().remap(m);
        }
    });
}

fn file_view(
    i: usize,
    l: &Loaded,
    lang: Lang,
    files: RwSignal<Vec<Loaded>>,
    data: Data,
) -> AnyView {
    let name = l.name.clone();
    let p = match &l.result {
        Err(e) => return view! {
            <div class="import-file" data-testid="import-file">
                <h2>{name}</h2>
                <p class="banner error" data-testid="import-file-error">{import_error(e, lang)}</p>
            </div>
        }
        .into_any(),
        Ok(p) => p,
    };
    let bytes = l.bytes.clone();
    let sheet_picker = (!p.sheet_names.is_empty()).then(|| {
        let current = p.sheet.clone().unwrap_or_default();
        let options = p
            .sheet_names
            .iter()
            .map(|s| {
                view! { <option value=s.clone() selected=*s == current>{s.clone()}</option> }
            })
            .collect_view();
        view! {
            <label>{Msg::ImportSheet.text(lang)}" "
                <select data-testid="import-sheet" on:change=move |ev| {
                    let sheet = event_target_value(&ev);
                    let fname = name_for(files, i);
                    let result = data.mappings.with_untracked(|m| {
                        analyze(&bytes, &fname, Some(&sheet), &|sig: &str| m.get(sig).cloned())
                    });
                    files.update(|f| if let Some(l) = f.get_mut(i) { l.result = result; });
                }>{options}</select>
            </label>
        }
    });
    let kind = p.mapping.kind;
    let kind_options = FileKind::ALL.iter().map(|k| {
        view! { <option value=format!("{k:?}") selected=Some(*k) == kind>{kind_name(*k, lang)}</option> }
    }).collect_view();
    let header_cells = p.header.iter().enumerate().map(|(c, h)| {
        let current = p.mapping.columns.get(c).copied().flatten();
        let options = Field::ALL.iter().map(|f| {
            view! { <option value=f.id() selected=Some(*f) == current>{field_name(*f, lang)}</option> }
        }).collect_view();
        view! {
            <th>
                <div class="src-header">{h.clone()}</div>
                <select data-testid="import-map" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let field = Field::ALL.into_iter().find(|f| f.id() == v);
                    remap(files, i, |m| m.set_column(c, field));
                }>
                    <option value="" selected=current.is_none()>"—"</option>
                    {options}
                </select>
            </th>
        }
    }).collect_view();
    let questions = p.needs_day_month_order.iter().map(|&c| {
        let header = p.header.get(c).cloned().unwrap_or_default();
        view! {
            <p class="banner info">
                {format!("{} “{header}”", Msg::ImportDayMonthQuestion.text(lang))}" "
                <button data-testid="import-day-first" on:click=move |_| remap(files, i, |m| m.set_day_month_order(c, DayMonthOrder::DayFirst))>
                    {Msg::ImportDayFirst.text(lang)}
                </button>" "
                <button data-testid="import-month-first" on:click=move |_| remap(files, i, |m| m.set_day_month_order(c, DayMonthOrder::MonthFirst))>
                    {Msg::ImportMonthFirst.text(lang)}
                </button>
            </p>
        }
    }).collect_view();
    let missing = (!p.missing_fields.is_empty()).then(|| {
        let names: Vec<&str> = p.missing_fields.iter().map(|f| field_name(*f, lang)).collect();
        view! { <p class="banner error">{format!("{}: {}", Msg::ImportMissingColumns.text(lang), names.join(", "))}</p> }
    });
    let sample = p
        .sample
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .map(|c| {
                    view! { <td class:bad=!c.ok>{c.text.clone()}</td> }
                })
                .collect_view();
            view! { <tr><td class="line">{row.line}</td>{cells}</tr> }
        })
        .collect_view();
    let counts = p.counts;
    let facts = format!(
        "{}: {} · {}: {} · {}: {} · {}: {}{}",
        Msg::ImportEncoding.text(lang),
        p.encoding.or(p.sheet.as_deref()).unwrap_or("XLSX"),
        Msg::ImportHeaderLine.text(lang),
        p.header_line,
        Msg::ImportRowsOk.text(lang),
        counts.imported,
        Msg::ImportRowsRefused.text(lang),
        counts.rejected,
        p.report_date
            .map(|d| format!(" · {}: {d}", Msg::ImportReportDate.text(lang)))
            .unwrap_or_default(),
    );
    let file_name = l.name.clone();
    view! {
        <div class="import-file" data-testid="import-file">
            <h2>{l.name.clone()}</h2>
            <p class="facts">{facts}</p>
            <div class="row">
                {sheet_picker}
                <label>{Msg::ImportKind.text(lang)}" "
                    <select data-testid="import-kind" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(k) = FileKind::ALL.into_iter().find(|k| format!("{k:?}") == v) {
                            remap(files, i, |m| m.set_kind(k));
                        }
                    }>
                        <option value="" selected=kind.is_none()>"—"</option>
                        {kind_options}
                    </select>
                </label>
                {p.mapping_reused.then(|| view! { <span class="hint">{Msg::ImportMappingReused.text(lang)}</span> })}
            </div>
            {missing}
            {questions}
            <div class="table-scroll">
                <table class="grid preview">
                    <thead><tr><th class="line">"#"</th>{header_cells}</tr></thead>
                    <tbody>{sample}</tbody>
                </table>
            </div>
            {errors_view(p.errors.iter().map(|e| (file_name.clone(), e.clone())).collect(), lang)}
        </div>
    }
    .into_any()
}

fn name_for(files: RwSignal<Vec<Loaded>>, i: usize) -> String {
    files.with_untracked(|f| f.get(i).map(|l| l.name.clone()).unwrap_or_default())
}

fn errors_view(errors: Vec<(String, RowError)>, lang: Lang) -> Option<AnyView> {
    if errors.is_empty() {
        return None;
    }
    let total = errors.len();
    let rows: Vec<Vec<Cell>> = errors
        .iter()
        .map(|(f, e)| {
            vec![
                Cell::text(f.clone()),
                Cell::count(e.line),
                Cell::text(e.column.clone()),
                Cell::text(e.raw.clone()),
                Cell::text(row_problem(&e.reason, lang)),
            ]
        })
        .collect();
    let rows = StoredValue::new(rows);
    let items = errors.into_iter().take(ERRORS_SHOWN).map(|(_, e)| {
        view! {
            <li data-testid="import-error" data-row=e.line>
                {format!("{} {} · {} · “{}” · {}", Msg::ImportLine.text(lang), e.line, e.column, e.raw, row_problem(&e.reason, lang))}
            </li>
        }
    }).collect_view();
    let table = move || {
        let header = [
            Msg::ImportFile.text(lang),
            Msg::ImportLine.text(lang),
            Msg::ImportColumn.text(lang),
            Msg::ImportRawValue.text(lang),
            Msg::ImportReason.text(lang),
        ];
        rows.with_value(|rows| Table::new(&header, rows.iter().cloned()))
    };
    Some(view! {
        <div class="import-errors">
            <h3>{format!("{} ({total})", Msg::ImportRefusedRows.text(lang))}
                " " {export_buttons("import-errors-export", |l| Msg::DownloadCsv.text(l), "rejected rows", || "rejected-rows".to_owned(), table)}
            </h3>
            <ul>{items}</ul>
        </div>
    }.into_any())
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

/// Past imports, newest first, each with an undo button.
#[component]
fn ImportHistory() -> impl IntoView {
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
