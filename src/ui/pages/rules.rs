//! Rules for business users, no code: the ordered rule list with what fires on the as-of
//! date, the condition builder, recipient and channel pickers, the template editor with a
//! placeholder picker and a live preview on real data; the staff directory; the channels.

use crate::domain::asof::AsOf;
use crate::domain::model::{Person, Reach, Role};
use crate::domain::reminders::{evaluate, preview_counts};
use crate::domain::rules::{
    check_rules, default_rules, Channel, Consolidation, DayRange, MessageTemplate, RecipientSpec,
    Rule, RuleSet, RuleWarning, Severity,
};
use crate::domain::templates::{Lang as TLang, Placeholder, Template};
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::i18n::{role_name, Lang, Msg};
use crate::ui::pages::reminders::{channel_label, severity_label};
use crate::ui::reminder_run::{with_input, ReminderRun};
use crate::ui::route::Route;
use crate::ui::rule_form::{
    format_list, format_percent, format_thresholds, parse_day, parse_list, parse_percent,
    parse_thresholds,
};
use leptos::prelude::*;

#[component]
pub fn RulesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.hash.track();
        let query = Route::query_of(&browser::location_hash()).to_owned();
        let view = query
            .split('&')
            .find_map(|p| p.strip_prefix("view="))
            .unwrap_or("rules")
            .to_owned();
        let tab = |slug: &'static str, msg: Msg| {
            let href = if slug == "rules" {
                "#/rules".to_owned()
            } else {
                format!("#/rules?view={slug}")
            };
            view! { <a href=href class:active=view == slug data-testid=format!("rules-tab-{slug}")>{state.t(msg)}</a> }
        };
        let body = match view.as_str() {
            "directory" => view! { <Directory/> }.into_any(),
            "channels" => view! { <Channels/> }.into_any(),
            _ => view! { <RuleList/> }.into_any(),
        };
        view! {
            <section data-testid="page-rules">
                <h1>{state.t(Msg::NavRules)}</h1>
                <nav class="tabs">
                    {tab("rules", Msg::RulesTab)}
                    {tab("directory", Msg::DirectoryTab)}
                    {tab("channels", Msg::ChannelsTab)}
                </nav>
                {body}
            </section>
        }
    }
}

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
fn RuleList() -> impl IntoView {
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

/// Edits `draft[index]` in place.
#[component]
fn RuleEditor(index: usize, draft: RwSignal<Vec<Rule>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let lang = state.lang.get_untracked();
    let rule = draft.with_untracked(|d| d[index].clone());
    let update = move |f: &mut dyn FnMut(&mut Rule)| {
        draft.update(|d| {
            if let Some(r) = d.get_mut(index) {
                f(r)
            }
        })
    };
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let text_field = move |label: Msg,
                           value: String,
                           testid: &'static str,
                           apply: fn(&mut Rule, &str) -> Result<(), String>| {
        view! {
            <label>{label.text(lang)}
                <input type="text" data-testid=testid prop:value=value on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let mut result = Ok(());
                    update(&mut |r| result = apply(r, &v));
                    error.set(result.err());
                }/>
            </label>
        }
    };
    let c = &rule.conditions;
    let role_boxes = Role::ALL
        .iter()
        .map(|&role| {
            let on = rule.recipients.contains(&RecipientSpec::Role(role));
            view! {
                <label class="check"><input type="checkbox" data-testid="rule-role" data-role=format!("{role:?}") prop:checked=on
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(&mut |r| {
                            r.recipients.retain(|s| s != &RecipientSpec::Role(role));
                            if on { r.recipients.push(RecipientSpec::Role(role)); }
                        });
                    }/>{role_name(role, lang)}</label>
            }
        })
        .collect_view();
    let customer_on = rule.recipients.contains(&RecipientSpec::CustomerContact);
    let people: Vec<String> = rule
        .recipients
        .iter()
        .filter_map(|s| match s {
            RecipientSpec::Person(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    let channel_boxes = Channel::ALL
        .iter()
        .map(|&ch| {
            let on = rule.channels.contains(&ch);
            view! {
                <label class="check"><input type="checkbox" data-testid="rule-channel" data-channel=ch.code() prop:checked=on
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(&mut |r| {
                            r.channels.retain(|c| *c != ch);
                            if on { r.channels.push(ch); }
                        });
                    }/>{channel_label(ch, lang)}</label>
            }
        })
        .collect_view();
    let severities = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];
    let flag_select = move |label: Msg,
                            value: Option<bool>,
                            testid: &'static str,
                            set: fn(&mut Rule, Option<bool>)| {
        let v = match value {
            None => "",
            Some(true) => "yes",
            Some(false) => "no",
        };
        view! {
            <label>{label.text(lang)}
                <select data-testid=testid prop:value=v on:change=move |ev| {
                    let v = match event_target_value(&ev).as_str() { "yes" => Some(true), "no" => Some(false), _ => None };
                    update(&mut |r| set(r, v));
                }>
                    <option value="">{Msg::Either.text(lang)}</option>
                    <option value="yes">{Msg::Yes.text(lang)}</option>
                    <option value="no">{Msg::No.text(lang)}</option>
                </select>
            </label>
        }
    };

    let templates = move || {
        let count = draft.with(|d| d.get(index).map_or(0, |r| r.templates.len()));
        (0..count)
            .map(|t| view! { <TemplateEditor rule=index template=t draft=draft/> })
            .collect_view()
    };
    let add_template = move |_| {
        update(&mut |r| {
            let lang = if r.templates.iter().any(|t| t.lang == TLang::Zh) {
                TLang::En
            } else {
                TLang::Zh
            };
            r.templates.push(MessageTemplate {
                channel: None,
                lang,
                subject: None,
                body: String::new(),
            });
        })
    };
    let _ = data;
    view! {
        <div class="rule-editor" data-testid="rule-editor">
            <h2>{format!("#{} ", index + 1)}{rule.name.clone()}</h2>
            {move || error.get().map(|e| view! { <p class="status error" data-testid="rule-error">{e}</p> })}
            <fieldset><legend>{Msg::RuleBasics.text(lang)}</legend>
                {text_field(Msg::RuleName, rule.name.clone(), "rule-name", |r, v| { r.name = v.trim().to_owned(); Ok(()) })}
                {text_field(Msg::DaysFrom, c.days.from.map(|d| d.to_string()).unwrap_or_default(), "rule-days-from", |r, v| { r.conditions.days.from = parse_day(v)?; Ok(()) })}
                {text_field(Msg::DaysTo, c.days.to.map(|d| d.to_string()).unwrap_or_default(), "rule-days-to", |r, v| { r.conditions.days.to = parse_day(v)?; Ok(()) })}
                {text_field(Msg::CooldownDays, rule.cooldown_days.to_string(), "rule-cooldown", |r, v| {
                    r.cooldown_days = v.trim().parse::<u32>().ok().filter(|d| (1..=3650).contains(d)).ok_or_else(|| format!("1–3650: {v}"))?;
                    Ok(())
                })}
                <label>{Msg::Severity.text(lang)}
                    <select data-testid="rule-severity" prop:value=format!("{:?}", rule.severity) on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(s) = severities.iter().find(|s| format!("{s:?}") == v) { let s = *s; update(&mut |r| r.severity = s); }
                    }>
                        {severities.iter().map(|s| view! { <option value=format!("{s:?}")>{severity_label(*s, lang)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{Msg::Consolidation.text(lang)}
                    <select data-testid="rule-consolidation" prop:value=if rule.consolidation == Consolidation::PerCustomer { "customer" } else { "invoice" }
                        on:change=move |ev| {
                            let per_customer = event_target_value(&ev) == "customer";
                            update(&mut |r| r.consolidation = if per_customer { Consolidation::PerCustomer } else { Consolidation::PerInvoice });
                        }>
                        <option value="invoice">{Msg::PerInvoice.text(lang)}</option>
                        <option value="customer">{Msg::PerCustomer.text(lang)}</option>
                    </select>
                </label>
            </fieldset>
            <fieldset><legend>{Msg::Conditions.text(lang)}</legend>
                {text_field(Msg::GradesIn, format_list(&c.credit_grades), "rule-grades", |r, v| { r.conditions.credit_grades = parse_list(v); Ok(()) })}
                {text_field(Msg::GradesNotIn, format_list(&c.exclude_grades), "rule-exclude-grades", |r, v| { r.conditions.exclude_grades = parse_list(v); Ok(()) })}
                {text_field(Msg::OutstandingAbove, format_thresholds(&c.outstanding_above), "rule-above", |r, v| { r.conditions.outstanding_above = parse_thresholds(v)?; Ok(()) })}
                {text_field(Msg::OutstandingBelow, format_thresholds(&c.outstanding_below), "rule-below", |r, v| { r.conditions.outstanding_below = parse_thresholds(v)?; Ok(()) })}
                {text_field(Msg::Regions, format_list(&c.regions), "rule-regions", |r, v| { r.conditions.regions = parse_list(v); Ok(()) })}
                {text_field(Msg::ProductLines, format_list(&c.product_lines), "rule-product-lines", |r, v| { r.conditions.product_lines = parse_list(v); Ok(()) })}
                {text_field(Msg::Tags, format_list(&c.tags), "rule-tags", |r, v| { r.conditions.tags = parse_list(v); Ok(()) })}
                {text_field(Msg::LimitUseAtLeast, format_percent(c.limit_use_at_least), "rule-limit-use", |r, v| { r.conditions.limit_use_at_least = parse_percent(v, 1000)?; Ok(()) })}
                {text_field(Msg::LateRiskAtLeast, format_percent(c.late_risk_at_least), "rule-late-risk", |r, v| { r.conditions.late_risk_at_least = parse_percent(v, 100)?; Ok(()) })}
                {flag_select(Msg::DisputedCond, c.disputed, "rule-disputed", |r, v| r.conditions.disputed = v)}
                {flag_select(Msg::PromisedCond, c.promised, "rule-promised", |r, v| r.conditions.promised = v)}
                {flag_select(Msg::PromiseBrokenCond, c.promise_broken, "rule-promise-broken", |r, v| r.conditions.promise_broken = v)}
                <label class="check"><input type="checkbox" data-testid="rule-skip-disputed" prop:checked=rule.skip_disputed
                    on:change=move |ev| { let on = event_target_checked(&ev); update(&mut |r| r.skip_disputed = on); }/>{Msg::SkipDisputed.text(lang)}</label>
                <label class="check"><input type="checkbox" data-testid="rule-skip-promised" prop:checked=rule.skip_promised
                    on:change=move |ev| { let on = event_target_checked(&ev); update(&mut |r| r.skip_promised = on); }/>{Msg::SkipPromised.text(lang)}</label>
            </fieldset>
            <fieldset><legend>{Msg::Recipients.text(lang)}</legend>
                {role_boxes}
                <label class="check"><input type="checkbox" data-testid="rule-customer-contact" prop:checked=customer_on
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(&mut |r| {
                            r.recipients.retain(|s| s != &RecipientSpec::CustomerContact);
                            if on { r.recipients.push(RecipientSpec::CustomerContact); }
                        });
                    }/>{Msg::CustomerContact.text(lang)}</label>
                <label>{Msg::NamedPeople.text(lang)}
                    <input type="text" data-testid="rule-people" prop:value=format_list(&people) on:change=move |ev| {
                        let names = parse_list(&event_target_value(&ev));
                        update(&mut |r| {
                            r.recipients.retain(|s| !matches!(s, RecipientSpec::Person(_)));
                            r.recipients.extend(names.iter().cloned().map(RecipientSpec::Person));
                        });
                    }/>
                </label>
            </fieldset>
            <fieldset><legend>{Msg::Channel.text(lang)}</legend>{channel_boxes}</fieldset>
            <fieldset><legend>{Msg::Templates.text(lang)}</legend>
                {templates}
                <button data-testid="template-add" on:click=add_template>{Msg::AddTemplate.text(lang)}</button>
            </fieldset>
        </div>
    }
}

/// One template: channel and language, subject and body with a placeholder picker, the parse
/// error, and the message it gives on the first invoice the rule fires for today.
#[component]
fn TemplateEditor(rule: usize, template: usize, draft: RwSignal<Vec<Rule>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let run = expect_context::<ReminderRun>();
    let lang = state.lang.get_untracked();
    let current =
        move || draft.with(|d| d.get(rule).and_then(|r| r.templates.get(template).cloned()));
    let Some(t) = current() else {
        return ().into_any();
    };
    let body = RwSignal::new(t.body.clone());
    let subject = RwSignal::new(t.subject.clone().unwrap_or_default());
    let update = move |f: &mut dyn FnMut(&mut MessageTemplate)| {
        draft.update(|d| {
            if let Some(t) = d.get_mut(rule).and_then(|r| r.templates.get_mut(template)) {
                f(t)
            }
        })
    };
    // Typing writes through to the draft (only real changes, so nothing loops).
    Effect::new(move |_| {
        let b = body.get();
        let s = subject.get();
        let s = (!s.trim().is_empty()).then_some(s);
        let same = draft.with_untracked(|d| {
            d.get(rule)
                .and_then(|r| r.templates.get(template))
                .is_none_or(|t| t.body == b && t.subject == s)
        });
        if !same {
            update(&mut |t| {
                t.body = b.clone();
                t.subject = s.clone();
            });
        }
    });
    let parse_error = move || {
        let b = body.get();
        let s = subject.get();
        Template::parse(&b)
            .err()
            .or_else(|| Template::parse(&s).err())
            .map(|e| e.to_string())
    };
    // The live preview: this rule alone, this template's language and channel, real data.
    let preview = Memo::new(move |_| {
        let (Some(r), Some(t)) = (draft.with(|d| d.get(rule).cloned()), current()) else {
            return None;
        };
        let channel = t
            .channel
            .or(r.channels.first().copied())
            .unwrap_or(Channel::InApp);
        let probe = Rule {
            enabled: true,
            language: Some(t.lang),
            channels: vec![channel],
            ..r
        };
        let as_of = AsOf(state.as_of.get());
        let empty = Default::default();
        with_input(
            state,
            data,
            run.computed,
            std::slice::from_ref(&probe),
            &empty,
            as_of,
            evaluate,
        )
        .into_iter()
        .next()
        .and_then(|rem| rem.messages.into_iter().next())
        .map(|m| (m.subject.unwrap_or_default(), m.body))
    });
    let placeholders = Placeholder::ALL
        .iter()
        .map(|p| {
            let p = *p;
            let token = move || if current().is_some_and(|t| t.lang == TLang::En) { p.en() } else { p.zh() };
            view! {
                <button class="chip" data-testid="placeholder" data-placeholder=p.en() on:click=move |_| body.update(|b| b.push_str(token()))>{token}</button>
            }
        })
        .collect_view();
    let channel_value = t.channel.map(|c| c.code().to_owned()).unwrap_or_default();
    view! {
        <div class="template" data-testid="template">
            <label>{Msg::Channel.text(lang)}
                <select data-testid="template-channel" prop:value=channel_value on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let ch = Channel::ALL.into_iter().find(|c| c.code() == v);
                    update(&mut |t| t.channel = ch);
                }>
                    <option value="">{Msg::AllChannels.text(lang)}</option>
                    {Channel::ALL.iter().map(|c| view! { <option value=c.code()>{channel_label(*c, lang)}</option> }).collect_view()}
                </select>
            </label>
            <label>{Msg::Language.text(lang)}
                <select data-testid="template-lang" prop:value=if t.lang == TLang::En { "en" } else { "zh" } on:change=move |ev| {
                    let en = event_target_value(&ev) == "en";
                    update(&mut |t| t.lang = if en { TLang::En } else { TLang::Zh });
                }>
                    <option value="zh">"中文"</option>
                    <option value="en">"English"</option>
                </select>
            </label>
            <button data-testid="template-delete" on:click=move |_| draft.update(|d| { if let Some(r) = d.get_mut(rule) { if template < r.templates.len() { r.templates.remove(template); } } })>{Msg::Delete.text(lang)}</button>
            <label>{Msg::Subject.text(lang)}
                <input type="text" data-testid="template-subject" prop:value=subject on:input=move |ev| subject.set(event_target_value(&ev))/>
            </label>
            <div class="placeholders">{placeholders}</div>
            <textarea rows="3" data-testid="template-body" prop:value=body on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            {move || parse_error().map(|e| view! { <p class="status error" data-testid="template-error">{e}</p> })}
            <div class="preview" data-testid="template-preview">
                {move || match preview.get() {
                    Some((s, b)) => view! { <p><strong>{s}</strong></p><pre class="message">{b}</pre> }.into_any(),
                    None => view! { <p class="hint">{Msg::NoPreview.text(lang)}</p> }.into_any(),
                }}
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn Directory() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let lang = move || state.lang.get();
    let editing: RwSignal<Option<Person>> = RwSignal::new(None);
    let message: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    let save = move |_| {
        let Some(p) = editing.get_untracked() else {
            return;
        };
        if p.name.trim().is_empty() {
            message.set(Some(Err(Msg::NameRequired.text(lang()).to_owned())));
            return;
        }
        let person = Person {
            name: p.name.trim().to_owned(),
            ..p
        };
        leptos::task::spawn_local(async move {
            let r = data
                .commit_import(
                    vec![Msg::DirectoryEdit.text(lang()).to_owned()],
                    vec![crate::domain::keys::Record::Person(person)],
                    Vec::new(),
                    (1, 0),
                    browser::now_ms(),
                    &|_, _| {},
                )
                .await;
            match r {
                Ok(_) => {
                    editing.set(None);
                    message.set(Some(Ok(Msg::Saved.text(lang()).to_owned())));
                }
                Err(e) => message.set(Some(Err(format!("{e:?}")))),
            }
        });
    };
    let rows = move || {
        let lang = lang();
        data.pool.with(|p| {
            p.staff
                .iter()
                .map(|person| {
                    let pc = person.clone();
                    let roles = person.roles.iter().map(|r| role_name(*r, lang)).collect::<Vec<_>>().join("、");
                    let reach = &person.reach;
                    view! {
                        <tr data-testid="staff-row" data-name=person.name.clone()>
                            <td>{person.name.clone()}</td>
                            <td>{roles}</td>
                            <td>{reach.email.clone().unwrap_or_default()}</td>
                            <td>{reach.mobile.clone().unwrap_or_default()}</td>
                            <td>{reach.dingtalk.clone().unwrap_or_default()}</td>
                            <td>{reach.wecom.clone().unwrap_or_default()}</td>
                            <td>{reach.feishu.clone().unwrap_or_default()}</td>
                            <td>{person.manager.clone().unwrap_or_default()}</td>
                            <td><button data-testid="staff-edit" on:click=move |_| editing.set(Some(pc.clone()))>{Msg::Edit.text(lang)}</button></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let field = move |label: Msg,
                      testid: &'static str,
                      get: fn(&Person) -> String,
                      set: fn(&mut Person, String)| {
        view! {
            <label>{label.text(lang())}
                <input type="text" data-testid=testid prop:value=move || editing.with(|p| p.as_ref().map(get).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); editing.update(|p| if let Some(p) = p { set(p, v) }); }/>
            </label>
        }
    };
    let opt = |v: String| (!v.trim().is_empty()).then(|| v.trim().to_owned());
    let _ = opt;
    let form = move || {
        editing.get().map(|p| {
            let lang = lang();
            let role_boxes = Role::ALL.iter().map(|&role| {
                let on = p.roles.contains(&role);
                view! {
                    <label class="check"><input type="checkbox" data-testid="staff-role" data-role=format!("{role:?}") prop:checked=on
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            editing.update(|p| if let Some(p) = p { p.roles.retain(|r| *r != role); if on { p.roles.push(role); } });
                        }/>{role_name(role, lang)}</label>
                }
            }).collect_view();
            view! {
                <div class="staff-editor" data-testid="staff-editor">
                    {field(Msg::PersonName, "staff-name", |p| p.name.clone(), |p, v| p.name = v)}
                    {role_boxes}
                    {field(Msg::Email, "staff-email", |p| p.reach.email.clone().unwrap_or_default(), |p, v| p.reach.email = non_empty(v))}
                    {field(Msg::Mobile, "staff-mobile", |p| p.reach.mobile.clone().unwrap_or_default(), |p, v| p.reach.mobile = non_empty(v))}
                    {field(Msg::ChannelDingTalk, "staff-dingtalk", |p| p.reach.dingtalk.clone().unwrap_or_default(), |p, v| p.reach.dingtalk = non_empty(v))}
                    {field(Msg::ChannelWeCom, "staff-wecom", |p| p.reach.wecom.clone().unwrap_or_default(), |p, v| p.reach.wecom = non_empty(v))}
                    {field(Msg::ChannelFeishu, "staff-feishu", |p| p.reach.feishu.clone().unwrap_or_default(), |p, v| p.reach.feishu = non_empty(v))}
                    {field(Msg::Manager, "staff-manager", |p| p.manager.clone().unwrap_or_default(), |p, v| p.manager = non_empty(v))}
                    <button class="primary" data-testid="staff-save" on:click=save>{Msg::Save.text(lang)}</button>
                    <button on:click=move |_| editing.set(None)>{Msg::Cancel.text(lang)}</button>
                </div>
            }
        })
    };
    view! {
        <p class="hint">{state.t(Msg::DirectoryExplain)}</p>
        <div class="toolbar">
            <button data-testid="staff-add" on:click=move |_| editing.set(Some(Person { reach: Reach::default(), ..Person::default() }))>{state.t(Msg::AddPerson)}</button>
            <a href="#/import">{state.t(Msg::ImportStaffCsv)}</a>
        </div>
        {move || message.get().map(|m| match m {
            Ok(t) => view! { <p class="status ok" data-testid="staff-status">{t}</p> }.into_any(),
            Err(e) => view! { <p class="status error" data-testid="staff-status">{e}</p> }.into_any(),
        })}
        {form}
        <table class="staff">
            <thead><tr>
                <th>{state.t(Msg::PersonName)}</th><th>{state.t(Msg::Roles)}</th><th>{state.t(Msg::Email)}</th><th>{state.t(Msg::Mobile)}</th>
                <th>{state.t(Msg::ChannelDingTalk)}</th><th>{state.t(Msg::ChannelWeCom)}</th><th>{state.t(Msg::ChannelFeishu)}</th>
                <th>{state.t(Msg::Manager)}</th><th></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn non_empty(v: String) -> Option<String> {
    let t = v.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[component]
fn Channels() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Data>();
    let lang = move || state.lang.get();
    let config = RwSignal::new(data.channels.get_untracked());
    Effect::new(move |_| config.set(data.channels.get()));
    let message: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    let needs_reload = move || {
        let wanted = data.channels.with(|c| c.origins().join(" "));
        wanted != browser::loaded_connect_origins()
    };
    let save = move |_| {
        let c = config.get_untracked();
        if let Err(e) = c.validate() {
            message.set(Some(Err(e.to_string())));
            return;
        }
        leptos::task::spawn_local(async move {
            let origins = c.origins();
            match data.save_channels(c).await {
                Ok(()) => {
                    browser::set_connect_origins(&origins);
                    message.set(Some(Ok(Msg::Saved.text(lang()).to_owned())));
                }
                Err(e) => message.set(Some(Err(format!("{e:?}")))),
            }
        });
    };
    type Get = fn(&crate::notify::dispatch::ChannelConfig) -> String;
    type Set = fn(&mut crate::notify::dispatch::ChannelConfig, String);
    let field = move |label: String, testid: &'static str, secret: bool, get: Get, set: Set| {
        view! {
            <label>{label}
                <input type=if secret { "password" } else { "text" } autocomplete="off" data-testid=testid
                    prop:value=move || config.with(get)
                    on:change=move |ev| { let v = event_target_value(&ev).trim().to_owned(); config.update(|c| set(c, v)); }/>
            </label>
        }
    };
    let url = |m: Msg| format!("{} URL", m.text(state.lang.get_untracked()));
    let secret = |m: Msg| {
        format!(
            "{} {}",
            m.text(state.lang.get_untracked()),
            Msg::Secret.text(state.lang.get_untracked())
        )
    };
    view! {
        <p class="hint">{state.t(Msg::ChannelsExplain)}</p>
        <fieldset>
            {field(url(Msg::ChannelDingTalk), "channel-dingtalk-url", false, |c| c.dingtalk.url.clone(), |c, v| c.dingtalk.url = v)}
            {field(secret(Msg::ChannelDingTalk), "channel-dingtalk-secret", true, |c| c.dingtalk.secret.clone(), |c, v| c.dingtalk.secret = v)}
            {field(url(Msg::ChannelWeCom), "channel-wecom-url", false, |c| c.wecom.url.clone(), |c, v| c.wecom.url = v)}
            {field(url(Msg::ChannelFeishu), "channel-feishu-url", false, |c| c.feishu.url.clone(), |c, v| c.feishu.url = v)}
            {field(secret(Msg::ChannelFeishu), "channel-feishu-secret", true, |c| c.feishu.secret.clone(), |c, v| c.feishu.secret = v)}
            {field(url(Msg::ChannelWebhook), "channel-webhook-url", false, |c| c.webhook.url.clone(), |c, v| c.webhook.url = v)}
            {field(secret(Msg::ChannelWebhook), "channel-webhook-secret", true, |c| c.webhook.secret.clone(), |c, v| c.webhook.secret = v)}
            {field(Msg::RelayUrl.text(state.lang.get_untracked()).to_owned(), "channel-relay-url", false, |c| c.relay.clone(), |c, v| c.relay = v)}
        </fieldset>
        <button class="primary" data-testid="channels-save" on:click=save>{state.t(Msg::Save)}</button>
        {move || message.get().map(|m| match m {
            Ok(t) => view! { <p class="status ok" data-testid="channels-status">{t}</p> }.into_any(),
            Err(e) => view! { <p class="status error" data-testid="channels-status">{e}</p> }.into_any(),
        })}
        {move || needs_reload().then(|| view! {
            <p class="banner" data-testid="channels-reload">{Msg::ReloadToAllow.text(lang())}
                <button data-testid="channels-reload-button" on:click=move |_| browser::reload()>{Msg::Reload.text(lang())}</button>
            </p>
        })}
    }
}
