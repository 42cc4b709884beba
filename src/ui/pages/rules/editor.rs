//! One rule's form: the condition builder, recipient and channel pickers, and the template
//! editor with a placeholder picker and a live preview on real data.

use crate::domain::asof::AsOf;
use crate::domain::model::Role;
use crate::domain::reminders::evaluate;
use crate::domain::rules::{
    Channel, Consolidation, MessageTemplate, RecipientSpec, Rule, Severity,
};
use crate::domain::templates::{Lang as TLang, Placeholder, Template};
use crate::ui::app::AppState;
use crate::ui::data::Data;
use crate::ui::i18n::{role_name, Msg};
use crate::ui::pages::reminders::{channel_label, severity_label};
use crate::ui::reminder_run::{with_input, ReminderRun};
use crate::ui::rule_form::{
    format_list, format_percent, format_thresholds, parse_day, parse_list, parse_percent,
    parse_thresholds,
};
use leptos::prelude::*;

#[component]
pub(super) fn RuleEditor(index: usize, draft: RwSignal<Vec<Rule>>) -> impl IntoView {
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
