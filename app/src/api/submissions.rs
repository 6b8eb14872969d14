//! Server functions of comments, requests, complaints and proposals: the citizen's side
//! (anonymous comment, named submission, own list and detail) and the clerk's inbox.

// Filters arrive as one argument each (the inbox's GET form).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::views::submissions::{CountRow, InboxPage, SubmissionView, Summary};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need},
    crate::backend::{
        audit::Actor,
        mailer::Email,
        now_ms,
        protocol::{self, SharedRegistry},
        submissions::{
            DepartmentFilter, InboxFilter, NewSubmission, ProtocolFilter, Submission,
            SubmissionError,
        },
    },
    crate::domain::account::{parse_multiline, parse_required, Role, TextError},
    crate::domain::submission::{
        Kind, Status, MAX_ACTION_CHARS, MAX_SUBJECT_CHARS, MAX_TEXT_CHARS,
    },
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
    crate::views::submissions::EventView,
};

#[cfg(feature = "ssr")]
const CLERKS: Need = Need::AnyRole(&[Role::Clerk]);

#[cfg(feature = "ssr")]
fn text_error(field: &str, error: TextError, errors: &mut FormErrors) {
    errors.add(field, crate::i18n::text_message(&error, use_lang()));
}

/// Subject, text and optional desired action, checked against the limits.
#[cfg(feature = "ssr")]
fn parse_texts(
    subject: &str,
    text: &str,
    desired_action: &str,
    errors: &mut FormErrors,
) -> Option<(String, String, Option<String>)> {
    errors.keep("subject", subject);
    errors.keep("text", text);
    errors.keep("desired_action", desired_action);
    let subject = parse_required(subject, MAX_SUBJECT_CHARS)
        .map_err(|e| text_error("subject", e, errors))
        .ok();
    let text = parse_multiline(text, MAX_TEXT_CHARS)
        .map_err(|e| text_error("text", e, errors))
        .ok();
    let action = if desired_action.trim().is_empty() {
        Some(None)
    } else {
        parse_multiline(desired_action, MAX_ACTION_CHARS)
            .map(Some)
            .map_err(|e| text_error("desired_action", e, errors))
            .ok()
    };
    Some((subject?, text?, action?))
}

#[cfg(feature = "ssr")]
fn submission_error(error: SubmissionError) -> AppError {
    match error {
        SubmissionError::NotFound => AppError::NotFound,
        SubmissionError::NotAllowed => {
            AppError::Conflict(Msg::ErrStateChanged.text(use_lang()).into())
        }
        SubmissionError::Db(e) => internal(e),
    }
}

/// An anonymous comment. Nothing about the sender is stored: no account, address or agent.
/// `website` is a honeypot people never see; bots that fill it get the same answer and
/// nothing is kept.
#[server(endpoint = "send_comment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn send_comment(
    subject: String,
    text: String,
    desired_action: String,
    website: String,
) -> Result<(), AppError> {
    let mut errors = FormErrors::default();
    let parsed = parse_texts(&subject, &text, &desired_action, &mut errors);
    errors.into_result()?;
    let Some((subject, text, action)) = parsed else {
        return Err(AppError::Internal);
    };
    if website.trim().is_empty() {
        let new = NewSubmission {
            kind: Kind::Comment,
            user_id: None,
            subject: &subject,
            body: &text,
            desired_action: action.as_deref(),
        };
        db()?.create_submission(new).await.map_err(internal)?;
    }
    redirect_local("/comment/sent");
    Ok(())
}

#[server(endpoint = "submit")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn submit(
    kind: String,
    subject: String,
    text: String,
    desired_action: String,
) -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let mut errors = FormErrors::default();
    errors.keep("kind", &kind);
    let kind = Kind::parse(&kind).filter(|k| Kind::NAMED.contains(k));
    if kind.is_none() {
        errors.add("kind", Msg::ErrChooseOne.text(use_lang()));
    }
    let parsed = parse_texts(&subject, &text, &desired_action, &mut errors);
    errors.into_result()?;
    let (Some(kind), Some((subject, text, action))) = (kind, parsed) else {
        return Err(AppError::Internal);
    };
    let new = NewSubmission {
        kind,
        user_id: Some(&user.id),
        subject: &subject,
        body: &text,
        desired_action: action.as_deref(),
    };
    let (id, _) = db()?.create_submission(new).await.map_err(internal)?;
    redirect_local(&format!("/submissions/{id}?new=1"));
    Ok(())
}

#[server(endpoint = "my_submissions")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_submissions() -> Result<Vec<Summary>, AppError> {
    let user = require(Need::SignedIn)?;
    let rows = db()?.my_submissions(&user.id).await.map_err(internal)?;
    Ok(rows)
}

/// Events as the citizen sees them: who at the municipality acted stays internal. A
/// department is named, not given by its id.
#[cfg(feature = "ssr")]
fn history(
    events: Vec<crate::backend::submissions::Event>,
    departments: &[crate::views::staff::Department],
    for_staff: bool,
) -> Vec<EventView> {
    let lang = use_lang();
    events
        .into_iter()
        .map(|e| {
            let show_note = for_staff || e.action == "protocol_registered";
            let note = match e.action.as_str() {
                "assigned" => e.note.map(|id| {
                    departments
                        .iter()
                        .find(|d| d.id == id)
                        .map(|d| d.name(lang).to_owned())
                        .unwrap_or(id)
                }),
                _ => e.note,
            };
            EventView {
                at_ms: e.at_ms,
                actor: if for_staff { e.actor } else { String::new() },
                action: e.action,
                status: e.status,
                note: if show_note { note } else { None },
            }
        })
        .collect()
}

/// The submission with its history and department, and, for the clerk, its author.
#[cfg(feature = "ssr")]
async fn submission_view(
    submission: Submission,
    for_staff: bool,
) -> Result<SubmissionView, AppError> {
    let db = db()?;
    let events = db
        .submission_events(&submission.id)
        .await
        .map_err(internal)?;
    let departments = db.departments().await.map_err(internal)?;
    let author = match (&submission.user_id, for_staff) {
        (Some(user_id), true) => db.submission_author(user_id).await.map_err(internal)?,
        _ => None,
    };
    let department = submission
        .department
        .as_ref()
        .and_then(|id| departments.iter().find(|d| &d.id == id).cloned());
    Ok(SubmissionView {
        history: history(events, &departments, for_staff),
        submission,
        routed_to: department,
        author,
    })
}

#[server(endpoint = "my_submission")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_submission(id: String) -> Result<SubmissionView, AppError> {
    let user = require(Need::SignedIn)?;
    let db = db()?;
    // Ownership: another user's submission answers "not found".
    let submission = db
        .my_submission(&user.id, &id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    submission_view(submission, false).await
}

#[server(endpoint = "inbox")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn inbox(
    kind: Option<String>,
    status: Option<String>,
    from: Option<String>,
    to: Option<String>,
    awaiting: Option<String>,
    q: Option<String>,
    page: Option<i64>,
    #[server(default)] protocol: Option<String>,
    #[server(default)] department: Option<String>,
) -> Result<InboxPage, AppError> {
    let clerk = require(CLERKS)?;
    if !crate::domain::submission::search_fits(q.as_deref()) {
        let mut errors = FormErrors::default();
        errors.add("q", crate::api::cashier::search_too_long(use_lang()));
        return Err(AppError::Validation(errors));
    }
    // From local midnight of the first day to local midnight after the last.
    let day = |text: Option<String>, end: bool| -> Option<i64> {
        let date = crate::domain::time::parse_date_input(&text?)?;
        let days = crate::domain::time::days_from_civil(date) + i64::from(end);
        Some(crate::domain::time::local_midnight_ms(
            crate::domain::time::civil_from_days(days),
        ))
    };
    let filter = InboxFilter {
        kind: kind.as_deref().and_then(Kind::parse),
        status: status.as_deref().and_then(Status::parse),
        from_ms: day(from, false),
        to_ms: day(to, true),
        // `awaiting=1` is the older form of `protocol=awaiting`.
        protocol: match protocol.as_deref() {
            Some("none") => Some(ProtocolFilter::ToRegister),
            Some("awaiting") => Some(ProtocolFilter::Awaiting),
            _ if awaiting.is_some_and(|a| !a.is_empty()) => Some(ProtocolFilter::Awaiting),
            _ => None,
        },
        department: match department.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("none") => Some(DepartmentFilter::Unassigned),
            // The clerk's own department; one who has none sees the unassigned ones.
            Some("mine") => Some(
                db()?
                    .department_of(&clerk.id)
                    .await
                    .map_err(internal)?
                    .map(|d| DepartmentFilter::Is(d.id))
                    .unwrap_or(DepartmentFilter::Unassigned),
            ),
            Some(id) => Some(DepartmentFilter::Is(id.to_owned())),
        },
        search: q,
        page: page.unwrap_or(0).max(0),
    };
    let (rows, total) = db()?.inbox(&filter).await.map_err(internal)?;
    Ok(InboxPage {
        rows,
        total,
        page: filter.page,
        page_size: crate::backend::submissions::PAGE_SIZE,
    })
}

#[server(endpoint = "staff_submission")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_submission(id: String) -> Result<SubmissionView, AppError> {
    require(CLERKS)?;
    let db = db()?;
    let submission = db
        .submission(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    submission_view(submission, true).await
}

/// Tells a named submission's author about a change they care about.
#[cfg(feature = "ssr")]
async fn notify_author(submission: &Submission, subject: &str, body: String) {
    let (Some(user_id), Ok(db)) = (&submission.user_id, db()) else {
        return;
    };
    let Ok(Some(profile)) = db.profile(user_id).await else {
        return;
    };
    let link = format!("{}/submissions/{}", site().public_base_url, submission.id);
    send_mail(Email {
        to: profile.email,
        subject: subject.into(),
        body: format!("{body}\n\n{link}\n"),
        key: None,
        attachments: Vec::new(),
    })
    .await;
}

#[server(endpoint = "change_submission_status")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn change_submission_status(id: String, status: String) -> Result<(), AppError> {
    let clerk = require(CLERKS)?;
    let to = Status::parse(&status).ok_or(AppError::NotFound)?;
    let updated = db()?
        .change_status(&id, to, &Actor::User(clerk.id))
        .await
        .map_err(submission_error)?;
    let lang = use_lang();
    match to {
        Status::Answered => {
            let body = Msg::MailAnsweredBody
                .text(lang)
                .replace("{subject}", &updated.subject);
            notify_author(&updated, Msg::MailAnsweredSubject.text(lang), body).await;
        }
        Status::Closed => {
            let body = Msg::MailClosedBody
                .text(lang)
                .replace("{subject}", &updated.subject);
            notify_author(&updated, Msg::MailClosedSubject.text(lang), body).await;
        }
        _ => {}
    }
    redirect_local(&format!("/staff/inbox/{id}?saved=1"));
    Ok(())
}

#[server(endpoint = "respond_submission")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn respond_submission(id: String, response: String) -> Result<(), AppError> {
    let clerk = require(CLERKS)?;
    let mut errors = FormErrors::default();
    errors.keep("response", &response);
    let response = parse_multiline(&response, MAX_TEXT_CHARS)
        .map_err(|e| text_error("response", e, &mut errors))
        .ok();
    errors.into_result()?;
    let Some(response) = response else {
        return Err(AppError::Internal);
    };
    db()?
        .set_response(&id, &response, &Actor::User(clerk.id))
        .await
        .map_err(submission_error)?;
    redirect_local(&format!("/staff/inbox/{id}?saved=1"));
    Ok(())
}

#[server(endpoint = "assign_submission")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn assign_submission(id: String, department: String) -> Result<(), AppError> {
    let clerk = require(CLERKS)?;
    let db = db()?;
    // One of the admin's list, still in use.
    let known = db
        .department(department.trim())
        .await
        .map_err(internal)?
        .filter(|d| d.active.is_set());
    let Some(department) = known else {
        let mut errors = FormErrors::default();
        errors.add("department", Msg::ErrChooseDepartment.text(use_lang()));
        return Err(AppError::Validation(errors));
    };
    db.assign_department(&id, &department.id, &Actor::User(clerk.id))
        .await
        .map_err(submission_error)?;
    redirect_local(&format!("/staff/inbox/{id}?saved=1"));
    Ok(())
}

#[server(endpoint = "mark_comment_spam")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn mark_comment_spam(id: String) -> Result<(), AppError> {
    let clerk = require(CLERKS)?;
    db()?
        .mark_spam(&id, &Actor::User(clerk.id))
        .await
        .map_err(submission_error)?;
    redirect_local(&format!("/staff/inbox/{id}?saved=1"));
    Ok(())
}

/// Queues the submission for the protocol and tries at once; if the protocol system is
/// down the job stays queued and is retried with backoff.
#[server(endpoint = "register_protocol")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn register_protocol(id: String) -> Result<(), AppError> {
    let clerk = require(CLERKS)?;
    let db = db()?;
    db.request_protocol(&id, &Actor::User(clerk.id))
        .await
        .map_err(submission_error)?;
    if let (Some(registry), Ok(Some(job))) = (
        use_context::<SharedRegistry>(),
        db.claim_job_for(protocol::JOB_KIND, &id, now_ms()).await,
    ) {
        let mailer = use_context::<crate::backend::mailer::SharedMailer>();
        // A failure here is not the clerk's error: the job is already scheduled again.
        let _ = protocol::run_job(&db, registry.as_ref(), mailer.as_ref(), &job, now_ms()).await;
    }
    redirect_local(&format!("/staff/inbox/{id}?saved=1"));
    Ok(())
}

#[server(endpoint = "submission_counts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn submission_counts() -> Result<Vec<CountRow>, AppError> {
    require(CLERKS)?;
    let today = crate::domain::time::local_date(now_ms());
    let since =
        crate::domain::time::local_midnight_ms(crate::domain::time::Date { day: 1, ..today });
    db()?.submission_counts(since).await.map_err(internal)
}
