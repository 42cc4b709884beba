//! Statements of account (对账单), print-ready (A4): one customer's, or every customer's with
//! overdue items at once. `#/statement?code=C001&from=2026-03-01&to=2026-03-31`, or
//! `#/statement?overdue=1&…`. The period defaults to the as-of date's month.

use crate::domain::aging::AgingEdges;
use crate::domain::approvals::pool_with_due_overrides;
use crate::domain::asof::AsOf;
use crate::domain::ledger::InvoiceStatus;
use crate::domain::ledger_query::{percent_encode, query_pairs};
use crate::domain::statement::{statements, EntryKind, Statement};
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::pages::ledger::bucket_label;
use crate::ui::route::Route;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

/// What the hash asks for.
struct Ask {
    code: Option<String>,
    overdue: bool,
    from: NaiveDate,
    to: NaiveDate,
}

fn ask(hash: &str, as_of: NaiveDate) -> Ask {
    let pairs = query_pairs(Route::query_of(hash));
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let date = |k: &str| get(k).and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok());
    Ask {
        code: get("code").filter(|c| !c.is_empty()),
        overdue: get("overdue").is_some_and(|v| v == "1"),
        from: date("from").unwrap_or_else(|| as_of.with_day(1).unwrap_or(as_of)),
        to: date("to").unwrap_or(as_of),
    }
}

/// The link to a customer's statement for the as-of date's month.
pub fn statement_href(code: &str) -> String {
    format!("#/statement?code={}", percent_encode(code))
}

#[component]
pub fn StatementPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let go = move |code: Option<String>, overdue: bool, from: String, to: String| {
        let who = match code {
            Some(c) => format!("code={}", percent_encode(&c)),
            None if overdue => "overdue=1".to_owned(),
            None => String::new(),
        };
        browser::set_location_hash(&format!("#/statement?{who}&from={from}&to={to}"));
    };
    move || {
        let lang = state.lang.get();
        let hash = state.hash.get();
        let as_of = state.as_of.get();
        let a = ask(&hash, as_of);
        let company = data.company.get();
        let list: Vec<Statement> = data.pool.with(|pool| {
            let overrides = data.due_overrides(AsOf(a.to));
            let pool = pool_with_due_overrides(pool, &overrides);
            let codes: Vec<String> = match &a.code {
                Some(c) => vec![c.clone()],
                None if a.overdue => {
                    // Customers with an invoice overdue at the period's end.
                    let l = crate::domain::ledger::ledger(&pool, AsOf(a.to));
                    let mut codes: Vec<String> = l
                        .lines
                        .iter()
                        .filter(|x| x.status == InvoiceStatus::Overdue)
                        .map(|x| x.customer(&pool).to_owned())
                        .collect();
                    codes.sort();
                    codes.dedup();
                    codes
                }
                None => Vec::new(),
            };
            let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
            statements(&pool, &refs, a.from, a.to, &AgingEdges::default())
        });
        let (from, to) = (a.from.to_string(), a.to.to_string());
        let (code, overdue) = (a.code.clone(), a.overdue);
        let (code2, from2, to2) = (code.clone(), from.clone(), to.clone());
        let empty = list
            .is_empty()
            .then(|| view! { <p class="planned">{Msg::StatementNone.text(lang)}</p> });
        let pages = list
            .iter()
            .map(|s| statement_view(s, &company, lang))
            .collect_view();
        view! {
            <section data-testid="page-statement" class="statements">
                <div class="toolbar no-print">
                    <label>{Msg::FromDate.text(lang)}
                        <input type="date" data-testid="statement-from" prop:value=from.clone()
                            on:change=move |ev| go(code.clone(), overdue, event_target_value(&ev), to.clone())/>
                    </label>
                    <label>{Msg::ToDate.text(lang)}
                        <input type="date" data-testid="statement-to" prop:value=to2.clone()
                            on:change=move |ev| go(code2.clone(), overdue, from2.clone(), event_target_value(&ev))/>
                    </label>
                    <button class="primary" data-testid="statement-print" on:click=move |_| browser::print()>{Msg::Print.text(lang)}</button>
                </div>
                {empty}
                {pages}
            </section>
        }
    }
}

fn statement_view(s: &Statement, company: &str, lang: Lang) -> AnyView {
    let t = |m: Msg| m.text(lang);
    let kind = |k: EntryKind| match k {
        EntryKind::Invoice => t(Msg::StatementInvoice),
        EntryKind::Payment => t(Msg::StatementPayment),
        EntryKind::CreditNote => t(Msg::StatementCreditNote),
    };
    let currencies = s
        .currencies
        .iter()
        .map(|c| {
            let cur = c.currency.code().to_owned();
            let entries = c
                .entries
                .iter()
                .map(|e| {
                    view! {
                        <tr data-testid="statement-entry" data-number=e.number.clone() data-kind=format!("{:?}", e.kind).to_lowercase()>
                            <td>{e.date.to_string()}</td>
                            <td>{kind(e.kind)}</td>
                            <td>{e.number.clone()}</td>
                            <td>{e.due.map(|d| d.to_string()).unwrap_or_default()}</td>
                            <td class="num">{e.change.to_display_string()}</td>
                            <td class="num">{e.balance.to_display_string()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h3>{cur.clone()}</h3>
                <table class="grid statement-table">
                    <thead><tr>
                        <th>{t(Msg::ColInvoiceDate)}</th><th>{t(Msg::StatementKind)}</th><th>{t(Msg::ColInvoice)}</th>
                        <th>{t(Msg::ColDueDate)}</th><th class="num">{t(Msg::ColAmount)}</th><th class="num">{t(Msg::StatementBalance)}</th>
                    </tr></thead>
                    <tbody>
                        <tr class="opening">
                            <td colspan="5">{t(Msg::StatementOpening)}</td>
                            <td class="num" data-testid="statement-opening" data-currency=cur.clone() data-amount=c.opening.to_plain_string()>{c.opening.to_display_string()}</td>
                        </tr>
                        {entries}
                        <tr class="closing">
                            <td colspan="5">{t(Msg::StatementClosing)}</td>
                            <td class="num" data-testid="statement-closing" data-currency=cur.clone() data-amount=c.closing.to_plain_string()>{c.closing.to_display_string()}</td>
                        </tr>
                    </tbody>
                </table>
                <p class="muted">{format!("{} {} · {} {} · {} {}",
                    t(Msg::StatementInvoiced), c.invoiced.to_display_string(),
                    t(Msg::StatementPaid), c.paid.to_display_string(),
                    t(Msg::StatementCredited), c.credited.to_display_string())}</p>
            }
        })
        .collect_view();
    let aging = s
        .aging
        .iter()
        .flat_map(|b| {
            let label = bucket_label(Some((b.from, b.to)))(lang);
            b.amount
                .iter()
                .map(move |m| {
                    let label = label.clone();
                    view! {
                        <tr data-testid="statement-aging" data-currency=m.currency.code().to_owned() data-amount=m.to_plain_string()
                            data-from=b.from.map(|d| d.to_string()) data-to=b.to.map(|d| d.to_string())>
                            <td>{label}</td><td class="num">{m.to_display_string()}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect_view();
    let title = if company.trim().is_empty() {
        t(Msg::StatementTitle).to_owned()
    } else {
        format!("{company} · {}", t(Msg::StatementTitle))
    };
    view! {
        <article class="statement" data-testid="statement" data-customer=s.customer.clone()>
            <header>
                <h2>{title}</h2>
                <p><strong>{s.name.clone()}</strong>{format!("  {}", s.customer)}</p>
                <p>{format!("{} {} — {}", t(Msg::StatementPeriod), s.from, s.to)}</p>
            </header>
            {currencies}
            <h3>{t(Msg::StatementAging)}</h3>
            <table class="grid narrow"><tbody>{aging}</tbody></table>
            <p class="hint">{t(Msg::StatementFooter)}</p>
        </article>
    }
    .into_any()
}
