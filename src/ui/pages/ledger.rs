//! The ledger: every invoice as of the as-of date, filtered and sorted, virtualised so that
//! 100 000 rows scroll smoothly (only the rows in view are in the DOM).

use crate::domain::ledger::InvoiceStatus;
use crate::domain::ledger_query::{
    percent_encode as percent, query_pairs, select, LedgerQuery, SortKey, StatusFilter,
};
use crate::domain::money::Currency;
use crate::export::ledger as ledger_export;
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::export_buttons::export_buttons;
use crate::ui::forecast::Forecast;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_forecast::Ft;
pub use crate::ui::i18n_insight::bucket_label;
use crate::ui::i18n_insight::{drill_down_label, It};
use crate::ui::insight::InsightConfig;
use crate::ui::pages::forecast::risk_badge;
use crate::ui::route::Route;
use leptos::prelude::*;

const ROW_HEIGHT: f64 = 30.0;
const VIEWPORT_ROWS: usize = 30;
const OVERSCAN: usize = 10;

#[component]
pub fn LedgerPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let forecast = expect_context::<Forecast>();
    let insight = expect_context::<InsightConfig>();
    let hash = state.hash.get_untracked();
    let initial = LedgerQuery::from_query_string(Route::query_of(&hash));
    // Opened from a dashboard figure (`from=dashboard`): the breadcrumb names that figure.
    let drilled = query_pairs(Route::query_of(&hash))
        .iter()
        .any(|(k, v)| k == "from" && v == "dashboard")
        .then(|| initial.clone());
    let query = RwSignal::new(initial);
    // The dashboard's edges, so bucket `b` here is bucket `b` there.
    let edges = Memo::new(move |_| insight.settings.with(|s| s.aging_edges.clone()));
    let scroll_top = RwSignal::new(0.0_f64);

    let picked = Memo::new(move |_| {
        let q = query.get();
        edges.with(|e| {
            data.pool
                .with(|p| state.ledger.with(|l| select(p, l, e, &q)))
        })
    });

    let export = export_buttons(
        "ledger-export",
        |lang| Msg::DownloadCsv.text(lang),
        "ledger",
        move || format!("ledger-{}", state.as_of.get_untracked()),
        move || {
            data.pool.with_untracked(|p| {
                state
                    .ledger
                    .with_untracked(|l| picked.with_untracked(|ix| ledger_export::table(p, l, ix)))
            })
        },
    );
    let breadcrumb = drilled.map(|q| {
        let name = q.customer.as_ref().and_then(|code| {
            data.pool.with_untracked(|p| {
                p.customers
                    .iter()
                    .find(|c| &c.code == code)
                    .map(|c| c.name.clone())
            })
        });
        view! {
            <nav class="breadcrumb" data-testid="breadcrumb">
                <a href="#/dashboard" data-testid="breadcrumb-dashboard">{move || It::Dashboard.text(state.lang.get())}</a>
                " › "
                <span>{move || edges.with(|e| drill_down_label(&q, e, name.as_deref(), state.lang.get()))}</span>
            </nav>
        }
    });

    // Customer names by code, built once per pool change rather than on every scroll.
    let names = Memo::new(move |_| {
        data.pool.with(|p| {
            p.customers
                .iter()
                .map(|c| (c.code.clone(), c.name.clone()))
                .collect::<std::collections::HashMap<String, String>>()
        })
    });
    let salespeople = Memo::new(move |_| {
        data.pool.with(|p| {
            let mut v: Vec<String> = p
                .invoices
                .iter()
                .filter_map(|i| i.salesperson.clone())
                .collect();
            v.sort();
            v.dedup();
            v
        })
    });
    let currencies = Memo::new(move |_| {
        state.ledger.with(|l| {
            let mut v: Vec<Currency> = l.lines.iter().map(|x| x.currency).collect();
            v.sort();
            v.dedup();
            v
        })
    });

    let set = move |f: Box<dyn FnOnce(&mut LedgerQuery)>| {
        query.update(|q| f(q));
        scroll_top.set(0.0);
    };
    let sort_by = move |key: SortKey| {
        query.update(|q| {
            if q.sort == key {
                q.descending = !q.descending;
            } else {
                q.sort = key;
                q.descending = true;
            }
        })
    };
    let header_cell = move |key: SortKey, msg: Msg, numeric: bool| {
        view! {
            <th class:num=numeric on:click=move |_| sort_by(key)>
                {state.t(msg)}
                {move || query.with(|q| if q.sort == key { if q.descending { " ▼" } else { " ▲" } } else { "" })}
            </th>
        }
    };

    // Extended and pending due dates (approvals), marked beside each due date.
    let due_marks =
        Memo::new(move |_| data.extension_marks(crate::domain::asof::AsOf(state.as_of.get())));
    let rows = move || {
        let lang = state.lang.get();
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        picked.with(|ix| {
            let last = (first + VIEWPORT_ROWS + 2 * OVERSCAN).min(ix.len());
            let first = first.min(last);
            data.pool.with(|p| {
                names.with(|names| state.ledger.with(|l| forecast.predictions.with(|pr| {
                    let top = first as f64 * ROW_HEIGHT;
                    let bottom = (ix.len() - last) as f64 * ROW_HEIGHT;
                    let body = ix[first..last]
                        .iter()
                        .map(|&i| {
                            let line = &l.lines[i];
                            let inv = line.invoice(p);
                            let number = inv.map(|x| x.number.clone()).unwrap_or_default();
                            let customer = inv.map(|x| x.customer.clone()).unwrap_or_default();
                            let status = status_label(line.status, lang);
                            let href = format!("#/customer?code={}", percent(&customer));
                            let customer_name = names.get(&customer).cloned().unwrap_or_default();
                            let (number_attr, customer_attr) = (number.clone(), customer.clone());
                            let due_badge = due_marks.with(|m| m.badge(inv, lang));
                            // Predictions are trained once per pool / as-of change, not per row.
                            let risk = pr.for_invoice(line.index).map(|p| risk_badge(p, &number, &customer, lang));
                            view! {
                                <tr data-testid="ledger-row" data-invoice=number_attr data-customer=customer_attr
                                    class:overdue=line.status == InvoiceStatus::Overdue>
                                    <td>{number}</td>
                                    <td><a href=href>{customer_name}</a><span class="muted">{format!(" {customer}")}</span></td>
                                    <td>{inv.map(|x| x.date.to_string())}</td>
                                    <td><span data-testid="ledger-due">{line.due.to_string()}</span>{due_badge}</td>
                                    <td class="num">{line.amount.to_display_string()}</td>
                                    <td class="num" data-testid="ledger-open" data-amount=line.open.to_plain_string()>{line.open.to_display_string()}</td>
                                    <td class="num">{(line.status != InvoiceStatus::Paid).then_some(line.days_overdue.max(0))}</td>
                                    <td>{status}{inv.filter(|x| x.disputed).map(|_| view! { <span class="tag">{Msg::Disputed.text(lang)}</span> })}</td>
                                    <td>{inv.and_then(|x| x.salesperson.clone())}</td>
                                    <td>{risk}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr class="spacer" style:height=format!("{top}px")></tr>
                        {body}
                        <tr class="spacer" style:height=format!("{bottom}px")></tr>
                    }
                })))
            })
        })
    };

    view! {
        <section class="ledger" data-testid="page-ledger">
            {breadcrumb}
            <h1>{state.t(Msg::NavLedger)}</h1>
            <div class="filters">
                <input type="search" data-testid="ledger-search" placeholder=move || state.t(Msg::LedgerSearch)()
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |q| q.text = v)) }/>
                <select data-testid="ledger-status" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(Box::new(move |q| q.status = match v.as_str() {
                        "open" => StatusFilter::Open, "overdue" => StatusFilter::Overdue,
                        "paid" => StatusFilter::Paid, _ => StatusFilter::All,
                    }))
                }>
                    <option value="all" selected=move || query.with(|q| q.status == StatusFilter::All)>{state.t(Msg::StatusAll)}</option>
                    <option value="open" selected=move || query.with(|q| q.status == StatusFilter::Open)>{state.t(Msg::StatusOpen)}</option>
                    <option value="overdue" selected=move || query.with(|q| q.status == StatusFilter::Overdue)>{state.t(Msg::StatusOverdue)}</option>
                    <option value="paid" selected=move || query.with(|q| q.status == StatusFilter::Paid)>{state.t(Msg::StatusPaid)}</option>
                </select>
                <select data-testid="ledger-bucket" on:change=move |ev| {
                    let v = event_target_value(&ev).parse().ok();
                    set(Box::new(move |q| q.bucket = v))
                }>
                    <option value="" selected=move || query.with(|q| q.bucket.is_none())>{state.t(Msg::AllBuckets)}</option>
                    {move || edges.with(|e| (0..e.bucket_count()).map(|b| {
                        let label = bucket_label(e.range(b));
                        view! { <option value=b.to_string() selected=move || query.with(|q| q.bucket == Some(b))>{move || label(state.lang.get())}</option> }
                    }).collect_view())}
                </select>
                <select data-testid="ledger-salesperson" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(Box::new(move |q| q.salesperson = (!v.is_empty()).then_some(v)))
                }>
                    <option value="">{state.t(Msg::AllSalespeople)}</option>
                    {move || salespeople.get().into_iter().map(|s| {
                        let sel = query.with_untracked(|q| q.salesperson.as_deref() == Some(s.as_str()));
                        view! { <option value=s.clone() selected=sel>{s.clone()}</option> }
                    }).collect_view()}
                </select>
                <select data-testid="ledger-currency" on:change=move |ev| {
                    let v = Currency::parse(&event_target_value(&ev)).ok();
                    set(Box::new(move |q| q.currency = v))
                }>
                    <option value="">{state.t(Msg::AllCurrencies)}</option>
                    {move || currencies.get().into_iter().map(|c| {
                        view! { <option value=c.code().to_owned()>{c.code().to_owned()}</option> }
                    }).collect_view()}
                </select>
                {move || query.with(|q| q.customer.clone()).map(|c| view! {
                    <span class="chip" data-testid="ledger-customer-filter">{format!("{}: {c}", state.t(Msg::Customer)())}
                        <button on:click=move |_| set(Box::new(|q| q.customer = None))>"×"</button>
                    </span>
                })}
                <span class="count" data-testid="ledger-count" data-count=move || picked.with(|p| p.len())>
                    {move || format!("{} {}", picked.with(|p| p.len()), state.t(Msg::InvoicesWord)())}
                </span>
                {export}
            </div>
            <Show when=move || data.pool.with(|p| p.invoices.is_empty())>
                {move || super::no_data_yet(state.lang.get(), "no-data")}
            </Show>
            <div class="ledger-scroll" on:scroll=move |ev| {
                let el: web_sys::Element = event_target(&ev);
                scroll_top.set(el.scroll_top() as f64);
            }>
                <table class="grid ledger-table">
                    <thead><tr>
                        {header_cell(SortKey::Number, Msg::ColInvoice, false)}
                        {header_cell(SortKey::Customer, Msg::Customer, false)}
                        {header_cell(SortKey::InvoiceDate, Msg::ColInvoiceDate, false)}
                        {header_cell(SortKey::DueDate, Msg::ColDueDate, false)}
                        {header_cell(SortKey::Amount, Msg::ColAmount, true)}
                        {header_cell(SortKey::Outstanding, Msg::ColOutstanding, true)}
                        {header_cell(SortKey::DaysOverdue, Msg::ColDaysOverdue, true)}
                        <th>{state.t(Msg::ColStatus)}</th>
                        <th>{state.t(Msg::ColSalesperson)}</th>
                        <th>{move || Ft::LateRisk.text(state.lang.get())}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

fn status_label(s: InvoiceStatus, lang: Lang) -> &'static str {
    match s {
        InvoiceStatus::Open => Msg::StatusOpen.text(lang),
        InvoiceStatus::Overdue => Msg::StatusOverdue.text(lang),
        InvoiceStatus::Paid => Msg::StatusPaid.text(lang),
    }
}
