//! One file in the import: its preview, the column mapping and kind to correct, the date
//! order to decide, and the rows it refuses.

use super::{Loaded, ERRORS_SHOWN};
use crate::export::table::{Cell, Table};
use crate::import::cells::DayMonthOrder;
use crate::import::mapping::{FileKind, Mapping};
use crate::import::pipeline::analyze;
use crate::import::records::RowError;
use crate::import::synonyms::Field;
use crate::ui::data::Data;
use crate::ui::export_buttons::export_buttons;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_import::{field_name, import_error, kind_name, row_problem};
use leptos::prelude::*;

/// Applies `edit` to file `i`'s mapping and re-reads it.
pub(super) fn remap(files: RwSignal<Vec<Loaded>>, i: usize, edit: impl FnOnce(&mut Mapping)) {
    files.update(|f| {
        if let Some(Ok(p)) = f.get_mut(i).map(|l| &mut l.result) {
            let mut m = p.mapping.clone();
            edit(&mut m);
            *p = p.clone().remap(m);
        }
    });
}

/// Takes file `i` out of this import; the others stay as they are.
fn remove_button(i: usize, lang: Lang, files: RwSignal<Vec<Loaded>>) -> impl IntoView {
    view! {
        <button class="remove" data-testid="import-remove" title=Msg::ImportRemoveFile.text(lang)
            on:click=move |_| files.update(|f| {
                if i < f.len() {
                    f.remove(i);
                }
            })>"✕ "{Msg::ImportRemoveFile.text(lang)}</button>
    }
}

pub(super) fn file_view(
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
                <h2>{name}{remove_button(i, lang, files)}</h2>
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
            <h2>{l.name.clone()}{remove_button(i, lang, files)}</h2>
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

pub(super) fn name_for(files: RwSignal<Vec<Loaded>>, i: usize) -> String {
    files.with_untracked(|f| f.get(i).map(|l| l.name.clone()).unwrap_or_default())
}

pub(super) fn errors_view(errors: Vec<(String, RowError)>, lang: Lang) -> Option<AnyView> {
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
