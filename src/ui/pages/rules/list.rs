//! The ordered rule list: what each rule fires on the as-of date, the ladder's warnings,
//! save / discard / reset, and sharing the rules as a JSON file.

use super::editor::RuleEditor;
use crate::domain::asof::AsOf;
use crate::domain::model::Role;
use crate::domain::reminders::preview_counts;
use crate::domain::rules::{
    check_rules, default_rules, Channel, DayRange, MessageTemplate, RecipientSpec, Rule, RuleSet,
    RuleWarning,
};
use crate::domain::templates::Lang as TLang;
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::i18n::{role_name, Lang, Msg};
use crate::ui::pages::reminders::{channel_label, severity_label};
use crate::ui::reminder_run::{with_input, ReminderRun};
use leptos::prelude::*;

fn warning_text(w: &RuleWarning, lang: Lang) -> String {
    let n = |i: &usize| format!("#{}", i + 1);
    match w {
        RuleWarning::Template { rule, error, .. } => {
            format!("{} {}: {error}", n(rule), Msg::TemplateError.text(lang))
        }
        RuleWarning::MissingTemplate { rule, channel } => {
            format!(
                "{} {}: {}",
                n(rule),
                Msg::NoTemplate.text(lang),
                channel_label(*channel, lang)
            )
        }
        RuleWarning::DuplicateId { rule, first } => format!(
            "{} = {}: {}",
            n(rule),
            n(first),
            Msg::RuleDuplicateId.text(lang)
        ),
        RuleWarning::NoRecipients { rule } => {
            format!("{}: {}", n(rule), Msg::RuleNoRecipients.text(lang))
        }
        RuleWarning::NoChannels { rule } => {
            format!("{}: {}", n(rule), Msg::RuleNoChannels.text(lang))
        }
        RuleWarning::NeverFires { rule } => {
            format!("{}: {}", n(rule), Msg::RuleNeverFires.text(lang))
        }
        RuleWarning::Overlap {
            first,
            second,
            days,
        } => {
            format!(
                "{} / {}: {} {}",
                n(first),
                n(second),
                Msg::RuleOverlap.text(lang),
                range_text(days, lang)
            )
        }
        RuleWarning::Gap {
            before,
            after,
            from,
            to,
        } => {
            format!(
                "{} → {}: {} {from}–{to} {}",
                n(before),
                n(after),
                Msg::RuleGap.text(lang),
                Msg::DaysWord.text(lang)
            )
        }
    }
}

fn range_text(d: &DayRange, lang: Lang) -> String {
    let days = Msg::DaysWord.text(lang);
    match (d.from, d.to) {
        (Some(a), Some(b)) => format!("{a}–{b} {days}"),
        (Some(a), None) => format!("≥ {a} {days}"),
        (None, Some(b)) => format!("≤ {b} {days}"),
        (None, None) => Msg::AnyDays.text(lang).to_owned(),
    }
}

fn recipients_text(specs: &[RecipientSpec], lang: Lang) -> String {
    specs
        .iter()
        .map(|s| match s {
            RecipientSpec::Role(r) => role_name(*r, lang).to_owned(),
            RecipientSpec::Person(p) => p.clone(),
            RecipientSpec::CustomerContact => Msg::CustomerContact.text(lang).to_owned(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn new_rule_id(rules: &[Rule], base: &str) -> String {
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| rules.iter().all(|r| &r.id != id))
        .expect("an unused id")
}

#[component]
pub(super) fn RuleList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let run = expect_context::<ReminderRun>();
    // Edits happen on a draft; "save" stores it and the reminders re-run.
    let draft: RwSignal<Vec<Rule>> = RwSignal::new(data.rules.get_untracked().rules);
    let selected: RwSignal<Option<usize>> = RwSignal::new(None);
    let message: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    Effect::new(move |_| {
        // The stored rules arrive after the page when it is opened first.
        let stored = data.rules.get().rules;
        draft.set(stored);
    });
    let dirty = move || draft.with(|d| data.rules.with(|s| d != &s.rules));
    let warnings = Memo::new(move |_| draft.with(|d| check_rules(d)));
    let counts = Memo::new(move |_| {
        let as_of = AsOf(state.as_of.get());
        let history = data.history.with_untracked(|h| h.before(as_of));
        draft.with(|rules| {
            with_input(
                state,
                data,
                run.computed,
                rules,
                &history,
                as_of,
                preview_counts,
            )
        })
    });
    let lang = move || state.lang.get();
    let save = move |_| {
        let rules = RuleSet::new(draft.get_untracked());
        leptos::task::spawn_local(async move {
            let r = data.save_rules(rules).await;
            message.set(Some(
                r.map(|_| Msg::Saved.text(lang()).to_owned())
                    .map_err(|e| format!("{e:?}")),
            ));
        });
    };
    let discard = move |_| draft.set(data.rules.get_untracked().rules);
    let reset = move |_| {
        draft.set(default_rules());
        selected.set(None);
    };
    let add = move |_| {
        draft.update(|d| {
            let id = new_rule_id(d, "rule");
            d.push(Rule {
                id,
                name: Msg::NewRule.text(state.lang.get_untracked()).to_owned(),
                conditions: crate::domain::rules::Conditions {
                    days: DayRange::between(1, 7),
                    ..Default::default()
                },
                recipients: vec![RecipientSpec::Role(Role::Salesperson)],
                channels: vec![Channel::InApp],
                templates: vec![MessageTemplate {
                    channel: None,
                    lang: TLang::Zh,
                    subject: None,
                    body: "客户 [客户名] 的单据 [发票号] 已逾期 [逾期天数] 天，金额 [金额]。"
                        .into(),
                }],
                ..Rule::default()
            });
            selected.set(Some(d.len() - 1));
        });
    };
    let export = move |_| {
        let json = RuleSet::new(draft.get_untracked()).to_json();
        browser::download("ar-sentinel-rules.json", "application/json", &json);
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let files = browser::files_of(input.files());
        let Some(file) = files.into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let text = browser::read_file(&file)
                .await
                .and_then(|b| String::from_utf8(b).map_err(|e| e.to_string()));
            match text
                .map_err(|e| e.to_string())
                .and_then(|t| RuleSet::from_json(&t).map_err(|e| e.to_string()))
            {
                Ok(set) => {
                    draft.set(set.rules);
                    selected.set(None);
                    message.set(Some(Ok(Msg::RulesImported.text(lang()).to_owned())));
                }
                Err(e) => message.set(Some(Err(format!(
                    "{}: {e}",
                    Msg::RulesImportFailed.text(lang())
                )))),
            }
        });
    };

    let rows = move || {
        let lang = lang();
        let counts = counts.get();
        draft.with(|rules| {
            rules
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let count = counts.get(i).map_or(0, |c| c.1);
                    let channels = r.channels.iter().map(|c| channel_label(*c, lang)).collect::<Vec<_>>().join("、");
                    let n = rules.len();
                    view! {
                        <tr data-testid="rule-row" data-index=(i + 1).to_string() data-id=r.id.clone()
                            class:disabled=!r.enabled class:selected=move || selected.get() == Some(i)>
                            <td>{i + 1}</td>
                            <td><input type="checkbox" data-testid="rule-enabled" prop:checked=r.enabled
                                on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| d[i].enabled = on); }/></td>
                            <td><a href="javascript:void(0)" data-testid="rule-edit" on:click=move |_| selected.set(Some(i))>{r.name.clone()}</a></td>
                            <td>{range_text(&r.conditions.days, lang)}</td>
                            <td>{recipients_text(&r.recipients, lang)}</td>
                            <td>{channels}</td>
                            <td>{severity_label(r.severity, lang)}</td>
                            <td data-testid="rule-count" data-count=count.to_string()>{count}</td>
                            <td class="row-actions">
                                <button title="↑" data-testid="rule-up" disabled=i == 0
                                    on:click=move |_| { draft.update(|d| d.swap(i, i - 1)); selected.set(Some(i - 1)); }>"↑"</button>
                                <button title="↓" data-testid="rule-down" disabled=i + 1 == n
                                    on:click=move |_| { draft.update(|d| d.swap(i, i + 1)); selected.set(Some(i + 1)); }>"↓"</button>
                                <button data-testid="rule-copy" on:click=move |_| draft.update(|d| {
                                    let mut copy = d[i].clone();
                                    copy.id = new_rule_id(d, &copy.id);
                                    copy.name = format!("{} ({})", copy.name, Msg::CopyWord.text(state.lang.get_untracked()));
                                    d.insert(i + 1, copy);
                                })>{Msg::Copy.text(lang)}</button>
                                <button data-testid="rule-delete" on:click=move |_| { draft.update(|d| { d.remove(i); }); selected.set(None); }>{Msg::Delete.text(lang)}</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let warning_list = move || {
        let lang = lang();
        warnings.with(|ws| {
            ws.iter()
                .map(|w| view! { <li data-testid="rule-warning">{warning_text(w, lang)}</li> })
                .collect_view()
        })
    };
    let status = move || {
        message.get().map(|m| match m {
            Ok(t) => view! { <p class="status ok" data-testid="rules-status">{t}</p> }.into_any(),
            Err(e) => {
                view! { <p class="status error" data-testid="rules-status">{e}</p> }.into_any()
            }
        })
    };
    view! {
        <p class="hint">{state.t(Msg::RulesExplain)}</p>
        <div class="toolbar">
            <button class="primary" data-testid="rules-save" disabled=move || !dirty() on:click=save>{state.t(Msg::SaveRules)}</button>
            <button data-testid="rules-discard" disabled=move || !dirty() on:click=discard>{state.t(Msg::DiscardChanges)}</button>
            <button data-testid="rule-add" on:click=add>{state.t(Msg::AddRule)}</button>
            <button data-testid="rules-reset" on:click=reset>{state.t(Msg::ResetRules)}</button>
            <button data-testid="rules-export" on:click=export>{state.t(Msg::ExportRules)}</button>
            <label class="file-button">{state.t(Msg::ImportRules)}
                <input type="file" accept=".json,application/json" data-testid="rules-import" on:change=import/>
            </label>
        </div>
        {status}
        <ul class="warnings">{warning_list}</ul>
        <table class="rules">
            <thead><tr>
                <th>"#"</th><th>{state.t(Msg::Enabled)}</th><th>{state.t(Msg::Rule)}</th><th>{state.t(Msg::DaysOverdue)}</th>
                <th>{state.t(Msg::Recipients)}</th><th>{state.t(Msg::Channel)}</th><th>{state.t(Msg::Severity)}</th>
                <th>{state.t(Msg::FiresOnAsOf)}</th><th></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        // Untracked: the editor edits the draft itself and must not be rebuilt on every keystroke.
        {move || selected.get().filter(|i| *i < draft.with_untracked(Vec::len)).map(|i| view! { <RuleEditor index=i draft=draft/> })}
    }
}
