//! The two download buttons of every exported table: CSV and XLSX of the same
//! [`Table`](crate::export::table::Table), built once per click.

use super::app::AppState;
use super::browser;
use super::i18n::Lang;
use super::i18n_insight::It;
use crate::export::table::{Format, Table};
use leptos::prelude::*;

/// `hook` is the CSV button's `data-testid` (kept from before XLSX); the XLSX button's is
/// `{hook}-xlsx`. `stem` names the file (`ledger-2026-03-31` → `.csv` / `.xlsx`) and `sheet`
/// the workbook's tab.
pub fn export_buttons(
    hook: &'static str,
    csv_label: fn(Lang) -> &'static str,
    sheet: &'static str,
    stem: impl Fn() -> String + Copy + 'static,
    table: impl Fn() -> Table + Copy + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let save = move |format: Format| {
        let bytes = format.render(&table(), sheet);
        let name = format!("{}.{}", stem(), format.extension());
        browser::download_bytes(&name, format.mime(), &bytes);
    };
    view! {
        <button data-testid=hook on:click=move |_| save(Format::Csv)>{move || csv_label(state.lang.get())}</button>
        <button data-testid=format!("{hook}-xlsx") on:click=move |_| save(Format::Xlsx)>{move || It::DownloadXlsx.text(state.lang.get())}</button>
    }
}
