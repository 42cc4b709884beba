//! The dashboard for the as-of date, per currency: totals, DSO, collection, aging, rankings,
//! charts of aging and of the customers most overdue, and the 12-month trend. Every figure
//! links to the ledger filtered to exactly the invoices behind it (`from=dashboard` makes the
//! ledger show a breadcrumb back here). Each chart has its table; the tables export as CSV
//! and XLSX.

mod charts;
mod settings;
mod trend;

use crate::domain::aging::AgingBucket;
use crate::domain::asof::AsOf;
use crate::domain::insight::{
    baseline_before, dashboard_with_baseline, Dashboard, COUNTBACK_DSO_FORMULA,
    STANDARD_DSO_FORMULA,
};
use crate::domain::ledger_query::{LedgerQuery, StatusFilter};
use crate::domain::money::{Currency, Money};
use crate::export::insight::{aging_table, rankings_table};
use crate::export::table::Table;
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::export_buttons::export_buttons;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_insight::bucket_label;
use crate::ui::insight::InsightConfig;
use leptos::prelude::*;

/// A drill-down link; `from=dashboard` (ignored by the filter) asks for the breadcrumb.
fn ledger_link(q: &LedgerQuery) -> String {
    format!("#/ledger?{}&from=dashboard", q.to_query_string())
}

/// Selects exactly the open invoices of aging bucket `b` in `cur`.
fn bucket_query(b: usize, cur: Currency) -> LedgerQuery {
    LedgerQuery {
        bucket: Some(b),
        currency: Some(cur),
        ..Default::default()
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let insight = expect_context::<InsightConfig>();
    // The ledger the day before the collection period starts changes only when the start
    // does (for month-to-date, when the as-of date enters another month): its own memo, so
    // moving the date within the period costs one ledger (the app's), not two.
    let period_start = Memo::new(move |_| {
        let as_of = AsOf(state.as_of.get());
        insight.settings.with(|s| s.period.resolve(as_of).from)
    });
    let baseline = Memo::new(move |_| {
        let from = period_start.get();
        data.pool.with(|p| baseline_before(p, from))
    });
    let board = Memo::new(move |_| {
        let as_of = AsOf(state.as_of.get());
        insight.settings.with(|settings| {
            data.pool.with(|p| {
                state
                    .ledger
                    .with(|l| baseline.with(|b| dashboard_with_baseline(p, l, b, settings, as_of)))
            })
        })
    });
    // `{what}-export` (CSV) and `{what}-export-xlsx`, saved as `{what}-<as-of>.csv/.xlsx`.
    let board_export =
        move |hook: &'static str, what: &'static str, table: fn(&Dashboard) -> Table| {
            export_buttons(
                hook,
                |lang| Msg::DownloadCsv.text(lang),
                what,
                move || format!("{what}-{}", state.as_of.get_untracked()),
                move || board.with_untracked(table),
            )
        };
    view! {
        {move || {
            let lang = state.lang.get();
            board.with(|d| view_board(d, lang))
        }}
        // With nothing to show, the page is its invitation to import, not empty tables.
        <Show when=move || board.with(|d| !d.currencies.is_empty())>
            <div class="toolbar no-print" data-testid="dashboard-exports">
                <span>{move || Msg::AgingTitle.text(state.lang.get())}</span>{board_export("aging-export", "aging", aging_table)}
                <span>{move || Msg::TopCustomers.text(state.lang.get())}</span>{board_export("rankings-export", "rankings", rankings_table)}
            </div>
            <trend::TrendSection/>
            <settings::InsightSettingsForm/>
            <super::credit_alerts::CreditAlerts/>
        </Show>
    }
}

fn view_board(d: &Dashboard, lang: Lang) -> AnyView {
    let t = |m: Msg| m.text(lang);
    if d.currencies.is_empty() {
        return view! {
            <section data-testid="page-dashboard"><h1>{t(Msg::NavDashboard)}</h1>{super::no_data_yet(lang, "no-data")}</section>
        }
        .into_any();
    }
    let currencies: Vec<Currency> = d.currencies.iter().map(|c| c.currency).collect();
    let cards = d.currencies.iter().map(|c| {
        let cur = c.currency;
        let open_q = LedgerQuery { currency: Some(cur), status: StatusFilter::Open, ..Default::default() };
        let overdue_q = LedgerQuery { currency: Some(cur), status: StatusFilter::Overdue, ..Default::default() };
        let dso = |v: Option<crate::domain::insight::Days100>| v.map_or("—".to_owned(), |d| d.to_display_string());
        view! {
            <div class="card">
                <h2>{cur.code().to_owned()}</h2>
                <dl>
                    <dt>{t(Msg::TotalReceivables)}</dt>
                    <dd><a href=ledger_link(&open_q) data-testid="total-ar" data-currency=cur.code().to_owned() data-amount=c.receivables.to_plain_string()>{c.receivables.to_display_string()}</a></dd>
                    <dt>{t(Msg::OverdueReceivables)}</dt>
                    <dd><a href=ledger_link(&overdue_q) data-testid="overdue-ar" data-currency=cur.code().to_owned() data-amount=c.overdue.to_plain_string()>{c.overdue.to_display_string()}</a></dd>
                    <dt>{t(Msg::OverdueRatio)}</dt>
                    <dd data-testid="overdue-ratio">{c.overdue_ratio.map_or("—".to_owned(), |r| r.to_percent_string())}</dd>
                    <dt>{t(Msg::OverdueCustomers)}</dt>
                    <dd>{c.overdue_customers}</dd>
                    <dt>{t(Msg::DsoStandard)}</dt>
                    <dd data-testid="dso-standard" data-currency=cur.code().to_owned()>{dso(c.dso.standard)}</dd>
                    <dt>{t(Msg::DsoCountback)}</dt>
                    <dd data-testid="dso-countback" data-currency=cur.code().to_owned()>{dso(c.dso.countback)}</dd>
                    <dt>{t(Msg::Collected)}</dt>
                    <dd>{c.collection.collected.to_display_string()}</dd>
                    <dt>{t(Msg::CollectionRate)}</dt>
                    <dd>{c.collection.rate.map_or("—".to_owned(), |r| r.to_percent_string())}</dd>
                </dl>
            </div>
        }
    }).collect_view();
    let aging_rows = d
        .aging
        .iter()
        .enumerate()
        .map(|(b, bucket)| {
            let label = bucket_label(Some((bucket.from, bucket.to)))(lang);
            let cells = currencies
                .iter()
                .map(|&cur| aging_cell(b, bucket, cur))
                .collect_view();
            view! { <tr><th>{label}</th>{cells}</tr> }
        })
        .collect_view();
    let aging_charts = currencies
        .iter()
        .map(|&cur| charts::aging_chart(d, cur, ledger_link, lang))
        .collect_view();
    let customer_charts = d
        .currencies
        .iter()
        .map(|c| charts::customers_chart(c, ledger_link, lang))
        .collect_view();
    let currency_heads = currencies
        .iter()
        .map(|c| view! { <th class="num">{c.code().to_owned()}</th> })
        .collect_view();
    let top = d
        .currencies
        .iter()
        .flat_map(|c| c.top_customers.iter())
        .map(|r| {
            view! {
                <tr data-testid="rank-customer" data-customer=r.customer.clone()>
                    <td><a href=ledger_link(&r.query)>{r.name.clone()}</a></td>
                    <td>{r.credit_grade.clone()}</td>
                    <td class="num">{r.overdue.to_display_string()}</td>
                    <td class="num">{r.overdue_invoices}</td>
                    <td class="num">{r.oldest_days_overdue}</td>
                </tr>
            }
        })
        .collect_view();
    let sales = d.currencies.iter().flat_map(|c| c.salespeople_by_overdue.iter()).map(|r| view! {
        <tr data-testid="rank-salesperson">
            <td><a href=ledger_link(&r.overdue_query)>{r.salesperson.clone()}</a></td>
            <td class="num">{r.amounts.open.to_display_string()}</td>
            <td class="num">{r.amounts.overdue.to_display_string()}</td>
            <td class="num">{r.collection_rate.map_or("—".to_owned(), |x| x.to_percent_string())}</td>
        </tr>
    }).collect_view();
    let groups = |rows: &[crate::domain::insight::GroupRow]| {
        rows.iter().map(|r| view! {
        <tr>
            <td><a href=ledger_link(&r.open_query)>{r.key.clone()}</a></td>
            <td class="num">{r.amounts.open.to_display_string()}</td>
            <td class="num"><a href=ledger_link(&r.overdue_query)>{r.amounts.overdue.to_display_string()}</a></td>
        </tr>
    }).collect_view()
    };
    let regions = groups(
        &d.currencies
            .iter()
            .flat_map(|c| c.regions.clone())
            .collect::<Vec<_>>(),
    );
    let lines = groups(
        &d.currencies
            .iter()
            .flat_map(|c| c.product_lines.clone())
            .collect::<Vec<_>>(),
    );
    view! {
        <section class="dashboard" data-testid="page-dashboard">
            <h1>{t(Msg::NavDashboard)}</h1>
            <p><a data-testid="statements-overdue" href="#/statement?overdue=1">{t(Msg::StatementsOverdue)}</a></p>
            <div class="cards">{cards}</div>
            <details class="formula"><summary>{t(Msg::DsoFormulas)}</summary>
                <p>{STANDARD_DSO_FORMULA}</p><p>{COUNTBACK_DSO_FORMULA}</p>
                <p>{format!("{}: {} – {}", t(Msg::CollectionPeriod), d.period.from, d.period.to)}</p>
            </details>
            <h2>{t(Msg::AgingTitle)}</h2>
            <div class="charts">{aging_charts}</div>
            <table class="grid narrow"><thead><tr><th></th>{currency_heads}</tr></thead><tbody>{aging_rows}</tbody></table>
            <h2>{t(Msg::TopCustomers)}</h2>
            <div class="charts">{customer_charts}</div>
            <table class="grid"><thead><tr>
                <th>{t(Msg::Customer)}</th><th>{t(Msg::CreditGrade)}</th><th class="num">{t(Msg::StatusOverdue)}</th>
                <th class="num">{t(Msg::InvoicesTitle)}</th><th class="num">{t(Msg::OldestDaysOverdue)}</th>
            </tr></thead><tbody>{top}</tbody></table>
            <h2>{t(Msg::SalespeopleTitle)}</h2>
            <table class="grid"><thead><tr>
                <th>{t(Msg::ColSalesperson)}</th><th class="num">{t(Msg::ColOutstanding)}</th>
                <th class="num">{t(Msg::StatusOverdue)}</th><th class="num">{t(Msg::CollectionRate)}</th>
            </tr></thead><tbody>{sales}</tbody></table>
            <h2>{t(Msg::RegionsTitle)}</h2>
            <table class="grid narrow"><tbody>{regions}</tbody></table>
            <h2>{t(Msg::ProductLinesTitle)}</h2>
            <table class="grid narrow"><tbody>{lines}</tbody></table>
        </section>
    }
    .into_any()
}

fn aging_cell(b: usize, bucket: &AgingBucket, cur: Currency) -> impl IntoView {
    let amount: Money = bucket.amount.get(cur);
    let count = bucket.count.get(&cur).copied().unwrap_or(0);
    let q = bucket_query(b, cur);
    view! {
        <td class="num">
            <a href=ledger_link(&q) data-testid="aging-bucket"
                data-from=bucket.from.map(|f| f.to_string())
                data-to=bucket.to.map(|x| x.to_string())
                data-currency=cur.code().to_owned()
                data-amount=amount.to_plain_string()
                data-count=count>
                {amount.to_display_string()}<span class="muted">{format!(" ({count})")}</span>
            </a>
        </td>
    }
}
