//! The staff directory: people, their roles, reach and managers; imported from CSV or edited.

use crate::domain::model::{Person, Reach, Role};
use crate::ui::app::AppState;
use crate::ui::browser;
use crate::ui::data::Data;
use crate::ui::i18n::{role_name, Msg};
use leptos::prelude::*;

#[component]
pub(super) fn Directory() -> impl IntoView {
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
