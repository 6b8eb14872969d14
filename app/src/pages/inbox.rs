//! The clerk's inbox: filters, search and paging over comments and named submissions, and
//! one submission's page with every action a clerk may take.

use super::guard::{query, with_role};
use super::submissions::{SubmissionDetailsForStaff, SubmissionTableHead};
use crate::api::submissions::*;
use crate::components::PageTitle;
use crate::components::{filter_select, ErrorSummary, Field, FormState, Notice, TextArea};
use crate::domain::account::Role;
use crate::domain::submission::{Kind, Status};
use crate::domain::time::format_local;
use crate::i18n::labels::{submission_kind_label, submission_status_label};
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
    let (kind, status, from, to, awaiting, q) = (
        query("kind"),
        query("status"),
        query("from"),
        query("to"),
        query("awaiting"),
        query("q"),
    );
    let page: i64 = query("page").and_then(|p| p.parse().ok()).unwrap_or(0);
    let statuses: Vec<(&'static str, Msg)> = Status::ALL
        .iter()
        .map(|s| (s.as_str(), submission_status_label(*s)))
        .collect();
    let args = (
        kind.clone(),
        status.clone(),
        from.clone(),
        to.clone(),
        awaiting.clone(),
        q.clone(),
    );
    view! {
        <PageTitle text=t(Msg::InboxTitle) />
        <h1>{t(Msg::InboxTitle)}</h1>
        <form method="get" action="/staff/inbox" class="filters">
            {filter_select("kind", Msg::FieldKind, KINDS.to_vec(), kind.clone())}
            {filter_select("status", Msg::ColumnStatus, statuses, status.clone())}
            <Field name="from" label=Msg::InboxFrom autocomplete="off" value=from.clone() />
            <Field name="to" label=Msg::InboxTo autocomplete="off" value=to.clone() />
            <Field name="q" label=Msg::InboxSearch kind="search" maxlength=crate::domain::submission::MAX_SEARCH_CHARS autocomplete="off" value=q.clone() />
            <div class="field checkbox">
                <input id="awaiting" name="awaiting" type="checkbox" value="1" checked=awaiting.is_some() />
                <label for="awaiting">{t(Msg::InboxAwaiting)}</label>
            </div>
            <button type="submit" class="button button--secondary">{t(Msg::InboxFilterButton)}</button>
        </form>
        <Suspense fallback=|| ()>
            {move || {
                let (kind, status, from, to, awaiting, q) = args.clone();
                Suspend::new(async move {
                let result = inbox(kind.clone(), status.clone(), from.clone(), to.clone(), awaiting.clone(), q.clone(), Some(page)).await;
                let Ok(found) = result else {
                    return view! { <p>{t(Msg::ErrInternal)}</p> }.into_any();
                };
                if found.rows.is_empty() {
                    return view! { <p>{t(Msg::InboxEmpty)}</p> }.into_any();
                }
                let pages = (found.total + found.page_size - 1) / found.page_size;
                let link_to = move |p: i64| {
                    let mut params = vec![format!("page={p}")];
                    for (name, value) in [("kind", &kind), ("status", &status), ("from", &from), ("to", &to), ("awaiting", &awaiting), ("q", &q)] {
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
                        let awaiting = (s.protocol_state == "awaiting").then(|| view! { " " <span class="tag">{t(Msg::EventProtocolRequested)}</span> });
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
            })}}
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
            {move || {
                let id = id.clone();
                let state = state.clone();
                Suspend::new(async move {
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
                let can_protocol = s.kind != Kind::Comment && s.protocol_state == "none";
                let can_spam = s.kind == Kind::Comment && !s.spam.is_set();
                let is_named = s.kind != Kind::Comment;
                let (id_status, id_respond, id_assign, id_protocol, id_spam) =
                    (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
                let (response_error, response_value) = (state.error("response"), state.value("response").or(s.response.clone()));
                let (department_error, department_value) =
                    (state.error("department"), state.value("department").or(s.department.clone()));
                view! {
                    // Never user text in <title>: leptos_meta writes it unescaped.
                            <PageTitle text=format!("{} {}", t(Msg::SubmissionNumber), s.seq) />
                    <h1 class="user-text">{s.subject.clone()}</h1>
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
                                <Field name="department" label=Msg::FieldDepartment autocomplete="off"
                                    error=department_error value=department_value />
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
                    <SubmissionDetailsForStaff submission=s />
                }
                .into_any()
            })}}
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
            {move || Suspend::new(async move {
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
