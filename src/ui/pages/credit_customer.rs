//! A customer's grade explained (each factor, its value and weight), the policy its grade
//! suggests next to its current terms, and the history of its grade.

use crate::domain::credit::{suggestion, Grade};
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::data_credit::Ratings;
use crate::ui::i18n_credit::{advice_text, factor_name, factor_value, grade_name, terms_text, C};
use leptos::prelude::*;

#[component]
pub fn CustomerCredit(code: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let ratings = expect_context::<Ratings>().0;
    let code = StoredValue::new(code);
    let explain = move || {
        let lang = state.lang.get();
        let code = code.get_value();
        ratings.with(|all| {
            let r = all.iter().find(|r| r.customer == code)?;
            let score = r.score.map(|s| format!("{s:.1}"));
            let headline = match r.grade {
                Grade::InsufficientHistory => format!(
                    "{} — {} ({} / {})",
                    C::TooLittleHistory.text(lang),
                    C::TooLittleHistoryWhy.text(lang),
                    r.history.settled,
                    r.history.tenure_days
                ),
                g => format!(
                    "{}: {} · {}: {}",
                    C::Grade.text(lang),
                    grade_name(g, lang),
                    C::Score.text(lang),
                    score.clone().unwrap_or_default()
                ),
            };
            let factors = r
                .factors
                .iter()
                .map(|f| {
                    view! {
                        <tr data-testid="grade-factor" data-kind=f.kind.key()
                            data-value=factor_value(f.value, crate::ui::i18n::Lang::En)
                            data-weight=f.weight>
                            <td>{factor_name(f.kind, lang)}</td>
                            <td class="num">{factor_value(f.value, lang)}</td>
                            <td class="num">{format!("{:.1}", f.sub_score)}</td>
                            <td class="num">{f.weight}</td>
                            <td class="num">{format!("{:.1}", f.contribution)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let advice = data.pool.with(|pool| {
                let c = pool.customers.iter().find(|c| c.code == code)?;
                let s = data.credit.policy.with(|p| suggestion(r.grade, c, p));
                let current = s.current_terms.map_or_else(|| C::NoTerms.text(lang).to_owned(), |t| terms_text(t, lang));
                let limits = format!(
                    "{}: {} · {}: {}",
                    C::CurrentLimit.text(lang),
                    s.current_limit.map_or_else(|| C::NoLimit.text(lang).to_owned(), |m| m.to_display_string()),
                    C::SuggestedLimit.text(lang),
                    s.suggested_limit.map_or_else(|| "—".to_owned(), |m| m.to_display_string()),
                );
                Some(view! {
                    <h3>{C::SuggestionTitle.text(lang)}</h3>
                    <p data-testid="credit-suggestion" data-exceeds=s.terms_exceed_advice.to_string()>
                        {format!("{}: {} · {}: {}", C::Suggested.text(lang), advice_text(s.payment, lang), C::CurrentTerms.text(lang), current)}
                        {s.terms_exceed_advice.then(|| view! { " "<span class="tag error">{C::TermsExceedAdvice.text(lang)}</span> })}
                    </p>
                    <p>{limits}</p>
                })
            });
            Some(view! {
                <h2>{C::GradeExplainTitle.text(lang)}</h2>
                <p data-testid="customer-grade" data-grade=r.grade.key() data-score=score>{headline}</p>
                <table class="grid narrow">
                    <thead><tr>
                        <th>{C::Factor.text(lang)}</th><th class="num">{C::Value.text(lang)}</th>
                        <th class="num">{C::Score.text(lang)}</th><th class="num">{C::Weight.text(lang)}</th>
                        <th class="num">{C::Points.text(lang)}</th>
                    </tr></thead>
                    <tbody>{factors}</tbody>
                </table>
                {advice}
            })
        })
    };
    let history = move || {
        let lang = state.lang.get();
        let code = code.get_value();
        data.credit.grade_history.with(|h| {
            let mut mine: Vec<_> = h.iter().filter(|c| c.customer == code).collect();
            mine.sort_by_key(|c| c.on); // stable: same-day entries keep their order
            if mine.is_empty() {
                return view! { <p class="muted">{C::NoGradeHistory.text(lang)}</p> }.into_any();
            }
            mine.into_iter()
                .rev()
                .map(|c| {
                    let from = c.from.map_or_else(
                        || C::FirstGrade.text(lang).to_owned(),
                        |g| grade_name(g, lang),
                    );
                    view! {
                        <li data-testid="grade-history-entry" data-on=c.on.to_string()
                            data-from=c.from.map(|g| g.key()) data-to=c.to.key()>
                            {format!("{}: {from} → {}", c.on, grade_name(c.to, lang))}
                        </li>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <div class="customer-credit" data-testid="customer-credit">
            {explain}
            <h3>{move || C::GradeHistoryTitle.text(state.lang.get())}</h3>
            <ul>{history}</ul>
        </div>
    }
}
