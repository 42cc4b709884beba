//! One customer: who they are, what they owe per currency, their invoices and payments.

use crate::domain::aging::AgingEdges;
use crate::domain::ledger::InvoiceStatus;
use crate::domain::ledger_query::{
    percent_encode as percent, query_pairs, select, LedgerQuery, SortKey,
};
use crate::domain::money::Totals;
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::forecast::Forecast;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::i18n_forecast::Ft;
use crate::ui::pages::forecast::risk_badge;
use crate::ui::route::Route;
use leptos::prelude::*;

#[component]
pub fn CustomerPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let forecast = expect_context::<Forecast>();
    let code = query_pairs(Route::query_of(&state.hash.get_untracked()))
        .into_iter()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v)
        .unwrap_or_default();

    let body = move || {
        let lang = state.lang.get();
        data.pool.with(|pool| {
            state.ledger.with(|ledger| {
                let customer = pool.customers.iter().find(|c| c.code == code);
                let name = customer.map_or(code.clone(), |c| c.name.clone());
                let balance = ledger.customer_balance(pool, &code);
                let q = LedgerQuery { customer: Some(code.clone()), sort: SortKey::DueDate, ..Default::default() };
                let lines = select(pool, ledger, &AgingEdges::default(), &q);
                let as_of = ledger.as_of.0;
                let invoices = forecast.predictions.with(|pr| lines.iter().map(|&i| {
                    let l = &ledger.lines[i];
                    let inv = l.invoice(pool);
                    // The late-risk badge opens the explanation of the prediction.
                    let risk = inv.zip(pr.for_invoice(l.index)).map(|(x, p)| risk_badge(p, &x.number, &x.customer, lang));
                    view! {
                        <tr data-testid="customer-invoice" class:overdue=l.status == InvoiceStatus::Overdue>
                            <td>{inv.map(|x| x.number.clone())}</td>
                            <td>{inv.map(|x| x.date.to_string())}</td>
                            <td>{l.due.to_string()}</td>
                            <td class="num">{l.amount.to_display_string()}</td>
                            <td class="num">{l.open.to_display_string()}</td>
                            <td class="num">{(l.status != InvoiceStatus::Paid).then_some(l.days_overdue.max(0))}</td>
                            <td>{l.settled_on.map(|d| d.to_string())}</td>
                            <td>{risk}</td>
                        </tr>
                    }
                }).collect_view());
                let mut payments: Vec<_> = pool.payments.iter().filter(|p| p.customer == code && p.date <= as_of).collect();
                payments.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.number.cmp(&b.number)));
                let payments = payments.into_iter().map(|p| view! {
                    <tr data-testid="customer-payment">
                        <td>{p.number.clone()}</td>
                        <td>{p.date.to_string()}</td>
                        <td class="num">{p.amount.to_display_string()}</td>
                        <td>{p.applies_to.iter().map(|a| a.invoice.clone()).collect::<Vec<_>>().join(", ")}</td>
                    </tr>
                }).collect_view();
                let facts = customer.map(|c| {
                    let parts = [
                        c.contact.name.clone(),
                        c.contact.mobile.clone(),
                        c.contact.email.clone(),
                        c.salesperson.clone().map(|s| format!("{}: {s}", Msg::ColSalesperson.text(lang))),
                        c.credit_grade.clone().map(|g| format!("{}: {g}", Msg::CreditGrade.text(lang))),
                        c.credit_limit.map(|m| format!("{}: {}", Msg::CreditLimit.text(lang), m.to_display_string())),
                        c.region.clone(),
                    ];
                    parts.into_iter().flatten().collect::<Vec<_>>().join(" · ")
                });
                view! {
                    <h1 data-testid="customer-name">{name}<span class="muted">{format!("  {code}")}</span></h1>
                    <p class="facts">{facts}</p>
                    <table class="grid narrow">
                        <tbody>
                            {totals_row(Msg::ColOutstanding, &balance.open, "customer-open", lang)}
                            {totals_row(Msg::StatusOverdue, &balance.overdue, "customer-overdue", lang)}
                            {totals_row(Msg::UnappliedCredit, &balance.unapplied, "customer-credit", lang)}
                        </tbody>
                    </table>
                    <super::credit_customer::CustomerCredit code=code.clone()/>
                    <p><a data-testid="customer-ledger-link" href=format!("#/ledger?customer={}", percent(&code))>{Msg::OpenInLedger.text(lang)}</a>
                        " · "<a data-testid="customer-statement-link" href=crate::ui::pages::statement::statement_href(&code)>{Msg::StatementLink.text(lang)}</a></p>
                    <h2>{Msg::InvoicesTitle.text(lang)}</h2>
                    <table class="grid">
                        <thead><tr>
                            <th>{Msg::ColInvoice.text(lang)}</th><th>{Msg::ColInvoiceDate.text(lang)}</th>
                            <th>{Msg::ColDueDate.text(lang)}</th><th class="num">{Msg::ColAmount.text(lang)}</th>
                            <th class="num">{Msg::ColOutstanding.text(lang)}</th><th class="num">{Msg::ColDaysOverdue.text(lang)}</th>
                            <th>{Msg::SettledOn.text(lang)}</th><th>{Ft::LateRisk.text(lang)}</th>
                        </tr></thead>
                        <tbody>{invoices}</tbody>
                    </table>
                    <h2>{Msg::PaymentsTitle.text(lang)}</h2>
                    <table class="grid">
                        <thead><tr>
                            <th>{Msg::PaymentNo.text(lang)}</th><th>{Msg::ColInvoiceDate.text(lang)}</th>
                            <th class="num">{Msg::ColAmount.text(lang)}</th><th>{Msg::AppliedTo.text(lang)}</th>
                        </tr></thead>
                        <tbody>{payments}</tbody>
                    </table>
                }
            })
        })
    };
    view! { <section class="customer" data-testid="page-customer">{body}</section> }
}

fn totals_row(label: Msg, totals: &Totals, testid: &'static str, lang: Lang) -> impl IntoView {
    let cells = totals
        .iter()
        .map(|m| view! {
            <span class="amount" data-testid=testid data-currency=m.currency.code().to_owned() data-amount=m.to_plain_string()>
                {m.to_display_string()}
            </span>
        })
        .collect_view();
    view! { <tr><th>{label.text(lang)}</th><td class="num">{cells}</td></tr> }
}
