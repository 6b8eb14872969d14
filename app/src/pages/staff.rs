//! Staff back office: home by role, verification decisions (clerk), staff accounts and the
//! audit log (admin).

use super::guard::{query, with_role};
use crate::api::staff::*;
use crate::components::form::row_field_id;
use crate::components::staff_areas;
use crate::components::PageTitle;
use crate::components::{Choice, ErrorSummary, Field, FormState, Notice};
use crate::domain::account::{Role, MAX_NOTE_CHARS};
use crate::domain::account::{Verification, VerificationSubject};
use crate::domain::submission::MAX_DEPARTMENT_CHARS;
use crate::domain::time::format_local;
use crate::i18n::labels::{verification_label, work_label};
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;

pub const STAFF_ROLE_OPTIONS: [(&str, Msg); 3] = [
    ("clerk", Msg::RoleClerk),
    ("cashier", Msg::RoleCashier),
    ("admin", Msg::RoleAdmin),
];

fn role_label(code: &str) -> &'static str {
    match Role::parse(code) {
        Some(Role::Clerk) => t(Msg::RoleClerk),
        Some(Role::Cashier) => t(Msg::RoleCashier),
        Some(Role::Admin) => t(Msg::RoleAdmin),
        _ => t(Msg::RoleCitizen),
    }
}

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let user = match with_role(&Role::STAFF) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let areas = staff_areas(user.role)
        .iter()
        .map(|a| view! { <li><a href=a.href>{t(a.title)}</a></li> })
        .collect_view();
    let role = user.role;
    view! {
        <PageTitle text=t(Msg::StaffTitle) />
        <h1>{t(Msg::StaffTitle)}</h1>
        <p>{user.full_name.clone()} " — " {role_label(user.role.as_str())}</p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(dashboard) = staff_dashboard().await else {
                    return view! { <p>{t(Msg::ErrInternal)}</p> }.into_any();
                };
                let lang = use_lang();
                let department = dashboard.department.clone().map(|d| view! {
                    <p>{t(Msg::StaffYourDepartment)} " " <strong>{d.name(lang).to_owned()}</strong></p>
                });
                let waiting: Vec<_> = dashboard
                    .work
                    .iter()
                    .filter(|w| w.count > 0)
                    .map(|w| view! {
                        <li>
                            <a href=w.item.href()>
                                <span class="work__count">{w.count}</span>
                                " "
                                <span class="work__label">{t(work_label(w.item))}</span>
                            </a>
                        </li>
                    })
                    .collect();
                let work = if waiting.is_empty() {
                    view! { <p>{t(Msg::StaffWorkNone)}</p> }.into_any()
                } else {
                    view! { <ul class="work">{waiting}</ul> }.into_any()
                };
                let has_queues = !dashboard.work.is_empty();
                view! {
                    {department}
                    {has_queues.then(|| view! { <h2>{t(Msg::StaffWorkHeading)}</h2> {work} })}
                }
                .into_any()
            })}
        </Suspense>
        <h2>{t(Msg::StaffAreasHeading)}</h2>
        <ul class="link-list">{areas}</ul>
        {(role == Role::Clerk).then(|| view! { <super::SubmissionCounts /> })}
    }
    .into_any()
}

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Admin]) {
        return page;
    }
    let add = ServerAction::<AddDepartment>::new();
    let toggle = ServerAction::<SetDepartmentActive>::new();
    let state = FormState::from_result(add.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::DepartmentsTitle) />
        {query("saved").map(|_| view! { <Notice msg=Msg::DepartmentsSaved /> })}
        <h1>{t(Msg::DepartmentsTitle)}</h1>
        <p>{t(Msg::DepartmentsIntro)}</p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let list = departments().await.unwrap_or_default();
                if list.is_empty() {
                    return view! { <p>{t(Msg::DepartmentsNone)}</p> }.into_any();
                }
                let rows = list
                    .into_iter()
                    .map(|d| {
                        let active = d.active.is_set();
                        let (state_label, button, next) = if active {
                            (Msg::DepartmentActive, Msg::DepartmentRetireButton, "0")
                        } else {
                            (Msg::DepartmentRetired, Msg::DepartmentRestoreButton, "1")
                        };
                        view! {
                            <tr>
                                <td lang="el">{d.name_el.clone()}</td>
                                <td lang="en">{d.name_en.clone()}</td>
                                <td>{t(state_label)}</td>
                                <td>
                                    <ActionForm action=toggle>
                                        <input type="hidden" name="id" value=d.id.clone() />
                                        <input type="hidden" name="active" value=next />
                                        <button type="submit" class="button button--secondary">
                                            {t(button)}
                                            <span class="visually-hidden">" " {d.name_el.clone()}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">{t(Msg::DepartmentNameEl)}</th>
                                <th scope="col">{t(Msg::DepartmentNameEn)}</th>
                                <th scope="col">{t(Msg::ColumnStatus)}</th>
                                <th scope="col"><span class="visually-hidden">{t(Msg::ActionsHeading)}</span></th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
        </Suspense>
        <h2>{t(Msg::DepartmentsAddHeading)}</h2>
        <ErrorSummary state=state.clone() />
        <ActionForm action=add>
            <Field name="name_el" label=Msg::DepartmentNameEl autocomplete="off" maxlength=MAX_DEPARTMENT_CHARS
                error=state.error("name_el") value=state.value("name_el") />
            <Field name="name_en" label=Msg::DepartmentNameEn autocomplete="off" maxlength=MAX_DEPARTMENT_CHARS
                error=state.error("name_en") value=state.value("name_en") />
            <button type="submit" class="button">{t(Msg::DepartmentAddButton)}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
pub fn VerificationsPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Clerk]) {
        return page;
    }
    let action = ServerAction::<DecideVerification>::new();
    let state = FormState::from_result(action.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::VerificationsTitle) />
        {query("saved").map(|_| view! { <Notice msg=Msg::VerificationsSaved /> })}
        <h1>{t(Msg::VerificationsTitle)}</h1>
        <ErrorSummary state=state.clone() row=state.value("id") />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let pending = pending_verifications().await.unwrap_or_default();
                if pending.is_empty() {
                    return view! { <p>{t(Msg::VerificationsNone)}</p> }.into_any();
                }
                pending
                    .into_iter()
                    .map(|p| {
                        let kind = match p.kind {
                            VerificationSubject::Business => Msg::KindBusiness,
                            VerificationSubject::User => Msg::KindUser,
                        };
                        let heading_id = format!("pending-{}", p.id);
                        let section_label = heading_id.clone();
                        let note_id = row_field_id("note", &p.id);
                        // The note typed and its error belong to the card that failed only.
                        let failed = state.value("id").as_deref() == Some(p.id.as_str());
                        let note_error = failed.then(|| state.error("note")).flatten();
                        let typed_note = failed.then(|| state.value("note")).flatten();
                        let note_error_id = format!("{note_id}-error");
                        view! {
                            <section class="card" aria-labelledby=section_label>
                                <h2 id=heading_id class="card__title">{p.name.clone()}</h2>
                                <dl class="summary">
                                    <dt>{t(Msg::ColumnKind)}</dt><dd>{t(kind)}</dd>
                                    <dt>{t(Msg::FieldAfm)}</dt><dd>{p.afm.clone().unwrap_or_default()}</dd>
                                    <dt>{t(Msg::ColumnContact)}</dt><dd>{p.contact.clone()}</dd>
                                    <dt>{t(Msg::VerificationHeading)}</dt><dd>{t(verification_label(Verification::Pending))}</dd>
                                    {(p.other_claims > 0).then(|| view! {
                                        <dt>{t(Msg::OtherClaims)}</dt>
                                        <dd class="warning-text">
                                            {t(Msg::OtherClaimsText)
                                                .replace("{count}", &p.other_claims.to_string())
                                                .replace("{verified}", &p.other_verified.to_string())}
                                        </dd>
                                    })}
                                </dl>
                                <ActionForm action=action>
                                    <input type="hidden" name="kind" value=p.kind.as_str() />
                                    <input type="hidden" name="id" value=p.id.clone() />
                                    <div class="field">
                                        <label for=note_id.clone()>{t(Msg::FieldNote)}</label>
                                        {note_error.clone().map(|e| view! { <p class="field-error" id=note_error_id.clone()>{e}</p> })}
                                        <input id=note_id name="note" type="text" maxlength=MAX_NOTE_CHARS value=typed_note
                                            aria-invalid=note_error.is_some().then_some("true")
                                            aria-describedby=note_error.is_some().then_some(note_error_id.clone()) />
                                    </div>
                                    <div class="button-group">
                                        <button type="submit" name="decision" value="approve" class="button">{t(Msg::ApproveButton)}</button>
                                        <button type="submit" name="decision" value="reject" class="button button--warning">{t(Msg::RejectButton)}</button>
                                    </div>
                                </ActionForm>
                            </section>
                        }
                    })
                    .collect_view()
                    .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn StaffAccountsPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Admin]) {
        return page;
    }
    let create = ServerAction::<CreateStaff>::new();
    let set_role = ServerAction::<SetRole>::new();
    let set_department = ServerAction::<SetStaffDepartment>::new();
    let state = FormState::from_result(create.value().get_untracked());
    let role_state = FormState::from_result(set_role.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::AccountsTitle) />
        {query("saved").map(|_| view! { <Notice msg=Msg::AccountsSaved /> })}
        <h1>{t(Msg::AccountsTitle)}</h1>
        <ErrorSummary state=role_state />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let staff = staff_accounts().await.unwrap_or_default();
                let all_departments = departments().await.unwrap_or_default();
                let lang = use_lang();
                let rows = staff
                    .into_iter()
                    .map(|s| {
                        let department_id = format!("department-{}", s.id);
                        let department_options = all_departments
                            .iter()
                            .filter(|d| d.active.is_set() || s.department_id.as_deref() == Some(d.id.as_str()))
                            .map(|d| view! {
                                <option value=d.id.clone() selected=s.department_id.as_deref() == Some(d.id.as_str())>
                                    {d.name(lang).to_owned()}
                                </option>
                            })
                            .collect_view();
                        let select_id = format!("role-{}", s.id);
                        let (user_id, email) = (s.id.clone(), s.email.clone());
                        let options = STAFF_ROLE_OPTIONS
                            .iter()
                            .map(|(code, msg)| view! { <option value=*code selected=s.role.as_str() == *code>{t(*msg)}</option> })
                            .collect_view();
                        view! {
                            <tr>
                                <td>{s.full_name.clone()}</td>
                                <td>{s.email.clone()}</td>
                                <td>
                                    <ActionForm action=set_role attr:class="inline-form">
                                        <input type="hidden" name="user_id" value=s.id.clone() />
                                        <label class="visually-hidden" for=select_id.clone()>{t(Msg::FieldRole)} " " {s.email.clone()}</label>
                                        <select id=select_id name="role">{options}</select>
                                        <button type="submit" class="button button--secondary">{t(Msg::ChangeRoleButton)}</button>
                                    </ActionForm>
                                </td>
                                <td>
                                    <ActionForm action=set_department attr:class="inline-form">
                                        <input type="hidden" name="user_id" value=user_id />
                                        <label class="visually-hidden" for=department_id.clone()>{t(Msg::FieldDepartment)} " " {email}</label>
                                        <select id=department_id name="department">
                                            <option value="" selected=s.department_id.is_none()>{t(Msg::DepartmentNoneOption)}</option>
                                            {department_options}
                                        </select>
                                        <button type="submit" class="button button--secondary">{t(Msg::DepartmentSetButton)}</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead><tr><th scope="col">{t(Msg::ColumnName)}</th><th scope="col">{t(Msg::FieldEmail)}</th><th scope="col">{t(Msg::FieldRole)}</th><th scope="col">{t(Msg::FieldDepartment)}</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
        </Suspense>
        <h2>{t(Msg::AccountsCreateHeading)}</h2>
        <ErrorSummary state=state.clone() />
        <ActionForm action=create>
            <Field name="email" label=Msg::FieldEmail kind="email" autocomplete="off" error=state.error("email") value=state.value("email") />
            <Field name="full_name" label=Msg::FieldFullName autocomplete="off" error=state.error("full_name") value=state.value("full_name") />
            <Choice name="role" label=Msg::FieldRole options=STAFF_ROLE_OPTIONS.to_vec() error=state.error("role") value=state.value("role") />
            <Field name="password" label=Msg::AccountsInitialPassword kind="password" autocomplete="new-password"
                hint=Msg::FieldPasswordHint error=state.error("password") />
            <button type="submit" class="button">{t(Msg::AccountsCreateButton)}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Admin]) {
        return page;
    }
    view! {
        <PageTitle text=t(Msg::AuditTitle) />
        <h1>{t(Msg::AuditTitle)}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let rows = audit_log()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| view! {
                        <tr>
                            <td class="nowrap">{format_local(e.at_ms, use_lang())}</td>
                            <td>{e.actor}</td>
                            <td>{e.action}</td>
                            <td>{e.subject.unwrap_or_default()}</td>
                            <td>{e.detail.unwrap_or_default()}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">{t(Msg::ColumnTime)}</th><th scope="col">{t(Msg::ColumnActor)}</th>
                                <th scope="col">{t(Msg::ColumnAction)}</th><th scope="col">{t(Msg::ColumnSubject)}</th>
                                <th scope="col">{t(Msg::ColumnDetail)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })}
        </Suspense>
    }
    .into_any()
}
