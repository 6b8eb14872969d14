//! Comments, requests, complaints and proposals: the anonymous comment form, the citizen's
//! submissions, and the clerk's inbox with its actions. Plain HTML forms throughout.

use super::guard::{query, signed_in};
use crate::api::submissions::*;
use crate::components::PageTitle;
use crate::components::{Choice, ErrorSummary, Field, FormState, TextArea};
use crate::domain::submission::{
    ProtocolState, MAX_ACTION_CHARS, MAX_SUBJECT_CHARS, MAX_TEXT_CHARS,
};
use crate::domain::time::format_local;
use crate::i18n::labels::{submission_kind_label, submission_status_label};
use crate::i18n::{t, use_lang, Msg};
use crate::views::submissions::SubmissionView;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub const KIND_OPTIONS: [(&str, Msg); 3] = [
    ("request", Msg::KindRequest),
    ("complaint", Msg::KindComplaint),
    ("proposal", Msg::KindProposal),
];

fn event_label(action: &str) -> Msg {
    match action {
        "status_changed" => Msg::EventStatusChanged,
        "responded" => Msg::EventResponded,
        "assigned" => Msg::EventAssigned,
        "protocol_requested" => Msg::EventProtocolRequested,
        "protocol_registered" => Msg::EventProtocolRegistered,
        "marked_spam" => Msg::EventMarkedSpam,
        _ => Msg::EventSubmitted,
    }
}

#[component]
pub fn CommentPage() -> impl IntoView {
    let action = ServerAction::<SendComment>::new();
    let state = FormState::from_result(action.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::CommentTitle) />
        <crate::components::PageDescription text=Msg::MetaComment />
        <div class="narrow">
            <h1>{t(Msg::CommentTitle)}</h1>
            <p>{t(Msg::CommentIntro)}</p>
            <p><a href="/submissions/new">{t(Msg::CommentNamedHint)}</a></p>
            <ErrorSummary state=state.clone() />
            <ActionForm action=action>
                <Field name="subject" label=Msg::FieldSubject hint=Msg::FieldSubjectHint autocomplete="off" maxlength=MAX_SUBJECT_CHARS
                    error=state.error("subject") value=state.value("subject") />
                <TextArea name="text" label=Msg::FieldText hint=Msg::FieldTextHint rows=8 max=MAX_TEXT_CHARS
                    error=state.error("text") value=state.value("text") />
                <TextArea name="desired_action" label=Msg::FieldDesiredAction rows=3 max=MAX_ACTION_CHARS
                    error=state.error("desired_action") value=state.value("desired_action") />
                // A trap for bots: hidden from people and assistive technology.
                <div class="trap" aria-hidden="true">
                    <label for="website">{t(Msg::FieldWebsite)}</label>
                    <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
                </div>
                <button type="submit" class="button">{t(Msg::CommentButton)}</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn CommentSentPage() -> impl IntoView {
    view! {
        <PageTitle text=t(Msg::CommentSentTitle) />
        <div class="narrow">
            <h1>{t(Msg::CommentSentTitle)}</h1>
            <p>{t(Msg::CommentSentText)}</p>
            <p><a href="/submissions/new">{t(Msg::SubmissionsNewLink)}</a></p>
        </div>
    }
}

#[component]
pub fn SubmitPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let action = ServerAction::<Submit>::new();
    let state = FormState::from_result(action.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::SubmitTitle) />
        <div class="narrow">
            <h1>{t(Msg::SubmitTitle)}</h1>
            <ErrorSummary state=state.clone() />
            <ActionForm action=action>
                <Choice name="kind" label=Msg::FieldKind options=KIND_OPTIONS.to_vec()
                    error=state.error("kind") value=state.value("kind") />
                <Field name="subject" label=Msg::FieldSubject hint=Msg::FieldSubjectHint autocomplete="off" maxlength=MAX_SUBJECT_CHARS
                    error=state.error("subject") value=state.value("subject") />
                <TextArea name="text" label=Msg::FieldText hint=Msg::FieldTextHint rows=8 max=MAX_TEXT_CHARS
                    error=state.error("text") value=state.value("text") />
                <TextArea name="desired_action" label=Msg::FieldDesiredAction rows=3 max=MAX_ACTION_CHARS
                    error=state.error("desired_action") value=state.value("desired_action") />
                <button type="submit" class="button">{t(Msg::SubmitButton)}</button>
            </ActionForm>
        </div>
    }
    .into_any()
}

#[component]
pub fn MySubmissionsPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    view! {
        <PageTitle text=t(Msg::SubmissionsTitle) />
        <h1>{t(Msg::SubmissionsTitle)}</h1>
        <p><a href="/submissions/new" class="button">{t(Msg::SubmissionsNewLink)}</a></p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let rows = my_submissions().await.unwrap_or_default();
                if rows.is_empty() {
                    return view! { <p>{t(Msg::SubmissionsNone)}</p> }.into_any();
                }
                let rows = rows
                    .into_iter()
                    .map(|s| {
                        let href = format!("/submissions/{}", s.id);
                        view! {
                            <tr>
                                <td>{s.seq}</td>
                                <td>{t(submission_kind_label(s.kind))}</td>
                                <td><a href=href>{s.subject}</a></td>
                                <td class="nowrap">{format_local(s.created_at_ms, use_lang())}</td>
                                <td>{t(submission_status_label(s.status))}</td>
                                <td>{s.protocol_number.unwrap_or_default()}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table>
                            <SubmissionTableHead />
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

/// The header row of every list of submissions.
#[component]
pub fn SubmissionTableHead() -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">{t(Msg::SubmissionNumber)}</th>
                <th scope="col">{t(Msg::FieldKind)}</th>
                <th scope="col">{t(Msg::FieldSubject)}</th>
                <th scope="col">{t(Msg::ColumnDate)}</th>
                <th scope="col">{t(Msg::ColumnStatus)}</th>
                <th scope="col">{t(Msg::ColumnProtocol)}</th>
            </tr>
        </thead>
    }
}

/// Number, state, dates, text, desired action and answer: shared by citizen and clerk views.
#[component]
pub fn SubmissionBody(submission: SubmissionView) -> impl IntoView {
    let lang = use_lang();
    let protocol = match (
        submission.protocol_state,
        submission.protocol_number.clone(),
    ) {
        (ProtocolState::Registered, Some(number)) => view! { <strong>{number}</strong> }.into_any(),
        (ProtocolState::Awaiting, _) => {
            view! { <span>{t(Msg::ProtocolAwaiting)}</span> }.into_any()
        }
        _ => view! { <span>{t(Msg::ProtocolNone)}</span> }.into_any(),
    };
    let department = submission
        .routed_to
        .as_ref()
        .map(|d| d.name(lang).to_owned());
    view! {
        <dl class="summary">
            <dt>{t(Msg::SubmissionNumber)}</dt><dd>{submission.seq}</dd>
            <dt>{t(Msg::FieldKind)}</dt><dd>{t(submission_kind_label(submission.kind))}</dd>
            <dt>{t(Msg::ColumnStatus)}</dt>
            <dd>
                {t(submission_status_label(submission.status))}
                {submission.spam.is_set().then(|| view! { " " <span class="tag">{t(Msg::SpamTag)}</span> })}
            </dd>
            <dt>{t(Msg::ColumnDate)}</dt><dd>{format_local(submission.created_at_ms, lang)}</dd>
            <dt>{t(Msg::ColumnProtocol)}</dt><dd>{protocol}</dd>
            {department.map(|d| view! { <dt>{t(Msg::FieldDepartment)}</dt><dd>{d}</dd> })}
        </dl>
        <h2>{t(Msg::FieldText)}</h2>
        <p class="user-text">{submission.body.clone()}</p>
        {submission.desired_action.clone().map(|a| view! {
            <h2>{t(Msg::FieldDesiredAction)}</h2>
            <p class="user-text">{a}</p>
        })}
        <h2>{t(Msg::FieldResponse)}</h2>
        {match submission.response.clone() {
            Some(r) => view! { <p class="user-text response">{r}</p> }.into_any(),
            None => view! { <p>{t(Msg::NoResponseYet)}</p> }.into_any(),
        }}
    }
}

/// The history, oldest first. Citizens get no names (the server sends none); staff see who
/// acted, by name.
#[component]
pub fn SubmissionHistory(submission: SubmissionView, for_staff: bool) -> impl IntoView {
    let lang = use_lang();
    let history = submission
        .history
        .iter()
        .map(|e| {
            let who = match e.actor.as_str() {
                _ if !for_staff => String::new(),
                "anonymous" => t(Msg::EventAnonymous).to_owned(),
                "system" | "cli" => t(Msg::EventSystem).to_owned(),
                name => name.to_owned(),
            };
            let status = e
                .status
                .map(|s| format!(" — {}", t(submission_status_label(s))));
            let note = e.note.clone().map(|n| format!(": {n}"));
            view! {
                <li>
                    <span class="nowrap">{format_local(e.at_ms, lang)}</span> " · "
                    {t(event_label(&e.action))}{status}{note}
                    {(!who.is_empty()).then(|| view! { " (" {who.clone()} ")" })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{t(Msg::HistoryHeading)}</h2>
        <ol class="history">{history}</ol>
    }
}

fn route_id() -> String {
    use_params_map()
        .get_untracked()
        .get("id")
        .unwrap_or_default()
}

#[component]
pub fn SubmissionPage() -> impl IntoView {
    if signed_in().is_none() {
        return ().into_any();
    }
    let id = route_id();
    let refresh = format!("/submissions/{id}");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match my_submission(id).await {
                    Ok(s) => {
                        let created = query("new").map(|_| view! {
                            <div class="notice" role="status">
                                <p>{t(Msg::SubmissionCreated)} " " <strong>{s.seq}</strong></p>
                            </div>
                        });
                        view! {
                            // Never user text in <title>: leptos_meta writes it unescaped.
                            <PageTitle text=format!("{} {}", t(Msg::SubmissionNumber), s.seq) />
                            {created}
                            <h1 class="user-text">{s.subject.clone()}</h1>
                            <p><a href=refresh class="button button--secondary">{t(Msg::RefreshButton)}</a></p>
                            <SubmissionBody submission=s.clone() />
                            <SubmissionHistory submission=s for_staff=false />
                        }
                        .into_any()
                    }
                    Err(_) => view! { <super::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}
