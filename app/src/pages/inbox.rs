//! The clerk's inbox: filters, search and paging over comments and named submissions, and
//! one submission's page with every action a clerk may take.

use super::guard::{query, with_role};
use super::submissions::{SubmissionBody, SubmissionHistory, SubmissionTableHead};
use crate::api::staff::departments;
use crate::api::submissions::*;
use crate::components::PageTitle;
use crate::components::{filter_select, ErrorSummary, Field, FormState, Notice, TextArea};
use crate::domain::account::Role;
use crate::domain::submission::{Kind, ProtocolState, Status};
use crate::domain::time::format_local;
use crate::i18n::labels::{submission_kind_label, submission_status_label, verification_label};
use crate::i18n::{percent_encode, t, use_lang, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

const KINDS: [(&str, Msg); 4] = [
    ("comment", Msg::KindComment),
    ("request", Msg::KindRequest),
    ("complaint", Msg::KindComplaint),
    ("proposal", Msg::KindProposal),
];

#[component]
pub fn InboxPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Clerk]) {
        return page;
    }
    let (kind, status, from, to, q) = (
        query("kind"),
        query("status"),
        query("from"),
        query("to"),
        query("q"),
    );
    // `awaiting=1` (older links) means protocol=awaiting.
    let protocol = query("protocol").or_else(|| query("awaiting").map(|_| "awaiting".to_owned()));
    let department = query("department");
    let page: i64 = query("page").and_then(|p| p.parse().ok()).unwrap_or(0);
    let statuses: Vec<(&'static str, Msg)> = Status::ALL
        .iter()
        .map(|s| (s.as_str(), submission_status_label(*s)))
        .collect();
    let filters = [
        ("kind", kind.clone()),
        ("status", status.clone()),
        ("from", from.clone()),
        ("to", to.clone()),
        ("q", q.clone()),
        ("protocol", protocol.clone()),
        ("department", department.clone()),
    ];
    view! {
        <PageTitle text=t(Msg::InboxTitle) />
        <h1>{t(Msg::InboxTitle)}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let value = |name: &str| filters.iter().find(|(n, _)| *n == name).and_then(|(_, v)| v.clone());
                let lang = use_lang();
                let department_choice = value("department");
                let department_options = departments()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| {
                        let selected = department_choice.as_deref() == Some(d.id.as_str());
                        view! { <option value=d.id.clone() selected=selected>{d.name(lang).to_owned()}</option> }
                    })
                    .collect_view();
                let chosen = |code: &str| department_choice.as_deref() == Some(code);
                let form = view! {
                    <form method="get" action="/staff/inbox" class="filters">
                        {filter_select("kind", Msg::FieldKind, KINDS.to_vec(), value("kind"))}
                        {filter_select("status", Msg::ColumnStatus, statuses.clone(), value("status"))}
                        {filter_select(
                            "protocol",
                            Msg::InboxProtocolFilter,
                            vec![("none", Msg::InboxProtocolNone), ("awaiting", Msg::InboxProtocolAwaiting)],
                            value("protocol"),
                        )}
                        <div class="field">
                            <label for="department">{t(Msg::FieldDepartment)}</label>
                            <select id="department" name="department">
                                <option value="">{t(Msg::InboxAny)}</option>
                                <option value="mine" selected=chosen("mine")>{t(Msg::DepartmentMine)}</option>
                                <option value="none" selected=chosen("none")>{t(Msg::DepartmentUnassigned)}</option>
                                {department_options}
                            </select>
                        </div>
                        <Field name="from" label=Msg::InboxFrom kind="date" autocomplete="off" value=value("from") />
                        <Field name="to" label=Msg::InboxTo kind="date" autocomplete="off" value=value("to") />
                        <Field name="q" label=Msg::InboxSearch kind="search" maxlength=crate::domain::submission::MAX_SEARCH_CHARS autocomplete="off" value=value("q") />
                        <button type="submit" class="button button--secondary">{t(Msg::InboxFilterButton)}</button>
                    </form>
                };
                let result = inbox(
                    value("kind"),
                    value("status"),
                    value("from"),
                    value("to"),
                    None,
                    value("q"),
                    Some(page),
                    value("protocol"),
                    value("department"),
                )
                .await;
                let Ok(found) = result else {
                    return view! { {form} <p>{t(Msg::ErrInternal)}</p> }.into_any();
                };
                if found.rows.is_empty() {
                    return view! { {form} <p>{t(Msg::InboxEmpty)}</p> }.into_any();
                }
                let pages = (found.total + found.page_size - 1) / found.page_size;
                let link_to = move |p: i64| {
                    let mut params = vec![format!("page={p}")];
                    for (name, value) in &filters {
                        if let Some(v) = value.as_ref().filter(|v| !v.is_empty()) {
                            params.push(format!("{name}={}", percent_encode(v, false)));
                        }
                    }
                    format!("/staff/inbox?{}", params.join("&"))
                };
                let rows = found
                    .rows
                    .into_iter()
                    .map(|s| {
                        let href = format!("/staff/inbox/{}", s.id);
                        let awaiting = (s.protocol_state == ProtocolState::Awaiting).then(|| view! { " " <span class="tag">{t(Msg::EventProtocolRequested)}</span> });
                        view! {
                            <tr>
                                <td>{s.seq}</td>
                                <td>{t(submission_kind_label(s.kind))}</td>
                                <td><a href=href>{s.subject}</a>{s.spam.is_set().then(|| view! { " " <span class="tag">{t(Msg::SpamTag)}</span> })}</td>
                                <td class="nowrap">{format_local(s.created_at_ms, use_lang())}</td>
                                <td>{t(submission_status_label(s.status))}{awaiting}</td>
                                <td>{s.protocol_number.unwrap_or_default()}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let previous = (page > 0).then(|| view! { <a href=link_to(page - 1) rel="prev">{t(Msg::PreviousPage)}</a> });
                let next = (page + 1 < pages).then(|| view! { <a href=link_to(page + 1) rel="next">{t(Msg::NextPage)}</a> });
                view! {
                    {form}
                    <p>{found.total} " " {t(Msg::InboxResults)}</p>
                    <div class="table-wrap">
                        <table>
                            <SubmissionTableHead />
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <nav class="pager" aria-label=t(Msg::InboxResults)>{previous} " " {next}</nav>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn StaffSubmissionPage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Clerk]) {
        return page;
    }
    let id = use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default();
    let status_action = ServerAction::<ChangeSubmissionStatus>::new();
    let respond_action = ServerAction::<RespondSubmission>::new();
    let assign_action = ServerAction::<AssignSubmission>::new();
    let protocol_action = ServerAction::<RegisterProtocol>::new();
    let spam_action = ServerAction::<MarkCommentSpam>::new();
    let mut state = FormState::default();
    for result in [
        FormState::from_result(status_action.value().get_untracked()),
        FormState::from_result(respond_action.value().get_untracked()),
        FormState::from_result(assign_action.value().get_untracked()),
        FormState::from_result(protocol_action.value().get_untracked()),
        FormState::from_result(spam_action.value().get_untracked()),
    ] {
        if result.has_errors() {
            state = result;
        }
    }
    view! {
        {query("saved").map(|_| view! { <Notice msg=Msg::InboxSaved /> })}
        <ErrorSummary state=state.clone() />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let s = match staff_submission(id.clone()).await {
                    Ok(s) => s,
                    Err(_) => return view! { <super::NotFound /> }.into_any(),
                };
                let current = s.status;
                let next = current
                    .next()
                    .iter()
                    .map(|to| view! { <option value=to.as_str()>{t(submission_status_label(*to))}</option> })
                    .collect_view();
                let can_move = !current.next().is_empty();
                let can_protocol = s.kind != Kind::Comment && s.protocol_state == ProtocolState::None;
                let can_spam = s.kind == Kind::Comment && !s.spam.is_set();
                let is_named = s.kind != Kind::Comment;
                let (id_status, id_respond, id_assign, id_protocol, id_spam) =
                    (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
                let (response_error, response_value) = (state.error("response"), state.value("response").or(s.response.clone()));
                let department_error = state.error("department");
                let current_department = state.value("department").or(s.submission.department.clone());
                let lang = use_lang();
                let department_options = departments()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|d| d.active.is_set() || current_department.as_deref() == Some(d.id.as_str()))
                    .map(|d| view! {
                        <option value=d.id.clone() selected=current_department.as_deref() == Some(d.id.as_str())>
                            {d.name(lang).to_owned()}
                        </option>
                    })
                    .collect_view();
                let author = s.author.clone().map(|a| view! {
                    <section aria-labelledby="author-heading">
                        <h2 id="author-heading">{t(Msg::AuthorHeading)}</h2>
                        <dl class="summary">
                            <dt>{t(Msg::ColumnName)}</dt><dd>{a.full_name.clone()}</dd>
                            <dt>{t(Msg::FieldEmail)}</dt><dd><a href=format!("mailto:{}", a.email)>{a.email.clone()}</a></dd>
                            {a.phone.clone().filter(|p| !p.is_empty()).map(|p| view! {
                                <dt>{t(Msg::FieldPhoneShort)}</dt><dd><a href=format!("tel:{p}")>{p.clone()}</a></dd>
                            })}
                            <dt>{t(Msg::VerificationHeading)}</dt><dd>{t(verification_label(a.verification))}</dd>
                        </dl>
                    </section>
                });
                let department_select_error = department_error.clone();
                view! {
                    // Never user text in <title>: leptos_meta writes it unescaped.
                    <PageTitle text=format!("{} {}", t(Msg::SubmissionNumber), s.seq) />
                    <h1 class="user-text">{s.subject.clone()}</h1>
                    // What the citizen wrote first, then who they are, then what to do.
                    <SubmissionBody submission=s.clone() />
                    {author}
                    <section aria-labelledby="actions-heading" class="actions">
                        <h2 id="actions-heading">{t(Msg::ActionsHeading)}</h2>
                        {can_move.then(move || view! {
                            <ActionForm action=status_action attr:class="inline-form">
                                <input type="hidden" name="id" value=id_status />
                                <label for="status">{t(Msg::ColumnStatus)}</label>
                                <select id="status" name="status">{next}</select>
                                <button type="submit" class="button button--secondary">{t(Msg::ChangeStatusButton)}</button>
                            </ActionForm>
                        })}
                        {is_named.then(move || view! {
                            <ActionForm action=respond_action>
                                <input type="hidden" name="id" value=id_respond />
                                <TextArea name="response" label=Msg::FieldResponse rows=5 max=crate::domain::submission::MAX_TEXT_CHARS
                                    error=response_error value=response_value />
                                <button type="submit" class="button">{t(Msg::SaveResponseButton)}</button>
                            </ActionForm>
                            <ActionForm action=assign_action attr:class="inline-form">
                                <input type="hidden" name="id" value=id_assign />
                                <div class="field" class:field--error=department_select_error.is_some()>
                                    <label for="department">{t(Msg::FieldDepartment)}</label>
                                    {department_error.map(|e| view! { <p class="field-error" id="department-error">{e}</p> })}
                                    <select id="department" name="department"
                                        aria-describedby=department_select_error.as_ref().map(|_| "department-error")>
                                        <option value="">{t(Msg::DepartmentNoneOption)}</option>
                                        {department_options}
                                    </select>
                                </div>
                                <button type="submit" class="button button--secondary">{t(Msg::AssignButton)}</button>
                            </ActionForm>
                        })}
                        {can_protocol.then(move || view! {
                            <ActionForm action=protocol_action>
                                <input type="hidden" name="id" value=id_protocol />
                                <button type="submit" class="button">{t(Msg::RegisterProtocolButton)}</button>
                            </ActionForm>
                        })}
                        {can_spam.then(move || view! {
                            <ActionForm action=spam_action>
                                <input type="hidden" name="id" value=id_spam />
                                <button type="submit" class="button button--warning">{t(Msg::MarkSpamButton)}</button>
                            </ActionForm>
                        })}
                    </section>
                    <SubmissionHistory submission=s for_staff=true />
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

/// Submissions this month by kind and status, for the clerk's home.
#[component]
pub fn SubmissionCounts() -> impl IntoView {
    view! {
        <h2>{t(Msg::CountsHeading)}</h2>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let counts = submission_counts().await.unwrap_or_default();
                if counts.is_empty() {
                    return view! { <p>{t(Msg::CountsNone)}</p> }.into_any();
                }
                let rows = counts
                    .into_iter()
                    .map(|c| view! {
                        <tr><td>{t(submission_kind_label(c.kind))}</td><td>{t(submission_status_label(c.status))}</td><td>{c.count}</td></tr>
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">{t(Msg::FieldKind)}</th>
                                <th scope="col">{t(Msg::ColumnStatus)}</th>
                                <th scope="col">"#"</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
}
