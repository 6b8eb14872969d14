//! Server functions of the staff back office: each role's home (what waits), verification
//! decisions (clerk), staff accounts, roles and departments, and the audit log (admin).

use crate::domain::account::{VerificationDecision, VerificationSubject};
use crate::error::AppError;
use crate::views::staff::{AuditEntry, Dashboard, Department, PendingVerification, StaffMember};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::accounts::step,
    super::context::*,
    crate::auth::{require, Need},
    crate::backend::{
        audit::Actor,
        departments::DepartmentError,
        users::{CreateUserError, NewUser, StateError},
    },
    crate::domain::account::{self as acc, Role},
    crate::domain::submission::MAX_DEPARTMENT_CHARS,
    crate::error::FormErrors,
    crate::i18n::{text_message, use_lang, Msg},
};

#[cfg(feature = "ssr")]
const CLERKS: Need = Need::AnyRole(&[Role::Clerk]);
#[cfg(feature = "ssr")]
const ADMINS: Need = Need::AnyRole(&[Role::Admin]);

/// The signed-in staff member's home: how much waits in each of their role's queues.
#[server(endpoint = "staff_dashboard")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_dashboard() -> Result<Dashboard, AppError> {
    let user = require(Need::AnyRole(&Role::STAFF))?;
    let db = db()?;
    let department = db.department_of(&user.id).await.map_err(internal)?;
    let mut work = Vec::new();
    for item in crate::domain::work::WorkItem::for_role(user.role) {
        let count = db
            .work_count(*item, department.as_ref().map(|d| d.id.as_str()))
            .await
            .map_err(internal)?;
        work.push(crate::views::staff::WorkCount { item: *item, count });
    }
    Ok(Dashboard { work, department })
}

/// The departments, for staff who route or filter submissions.
#[server(endpoint = "departments")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn departments() -> Result<Vec<Department>, AppError> {
    require(Need::AnyRole(&Role::STAFF))?;
    db()?.departments().await.map_err(internal)
}

/// The admin adds a department, named in both languages.
#[server(endpoint = "add_department")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_department(name_el: String, name_en: String) -> Result<(), AppError> {
    let admin = require(ADMINS)?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    errors.keep("name_el", &name_el);
    errors.keep("name_en", &name_en);
    let mut name = |field: &str, text: &str| {
        acc::parse_required(text, MAX_DEPARTMENT_CHARS)
            .map_err(|e| errors.add(field, crate::i18n::text_message(&e, lang)))
            .ok()
    };
    let (el, en) = (name("name_el", &name_el), name("name_en", &name_en));
    let db = db()?;
    // Said together with any other mistake, not after it is fixed.
    if let Some(el) = &el {
        let taken = db
            .departments()
            .await
            .map_err(internal)?
            .iter()
            .any(|d| d.name_el == *el);
        if taken {
            errors.add("name_el", Msg::ErrDepartmentExists.text(lang));
        }
    }
    errors.into_result()?;
    let (Some(el), Some(en)) = (el, en) else {
        return Err(AppError::Internal);
    };
    match db.add_department(&el, &en, &Actor::User(admin.id)).await {
        Ok(_) => {}
        Err(DepartmentError::NameTaken) => {
            let mut errors = FormErrors::default();
            errors.keep("name_en", &en);
            errors.keep("name_el", &el);
            errors.add("name_el", Msg::ErrDepartmentExists.text(lang));
            return Err(AppError::Validation(errors));
        }
        Err(other) => return Err(internal(other)),
    }
    redirect_local("/staff/departments?saved=1");
    Ok(())
}

/// The admin retires a department (`active` = `0`) or brings it back (`1`).
#[server(endpoint = "set_department_active")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn set_department_active(id: String, active: String) -> Result<(), AppError> {
    let admin = require(ADMINS)?;
    let active = match active.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest("active: 0 or 1".into())),
    };
    match db()?
        .set_department_active(&id, active, &Actor::User(admin.id))
        .await
    {
        Ok(()) => {}
        Err(DepartmentError::NotFound) => return Err(AppError::NotFound),
        Err(other) => return Err(internal(other)),
    }
    redirect_local("/staff/departments?saved=1");
    Ok(())
}

/// The admin puts a staff member in a department (empty: in none).
#[server(endpoint = "set_staff_department")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn set_staff_department(user_id: String, department: String) -> Result<(), AppError> {
    let admin = require(ADMINS)?;
    let department = Some(department.trim()).filter(|d| !d.is_empty());
    match db()?
        .set_staff_department(&user_id, department, &Actor::User(admin.id))
        .await
    {
        Ok(()) => {}
        Err(DepartmentError::NotFound) => return Err(AppError::NotFound),
        Err(other) => return Err(internal(other)),
    }
    redirect_local("/staff/accounts?saved=1");
    Ok(())
}

#[server(endpoint = "pending_verifications")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn pending_verifications() -> Result<Vec<PendingVerification>, AppError> {
    require(CLERKS)?;
    db()?.pending_verifications().await.map_err(internal)
}

#[server(endpoint = "decide_verification")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn decide_verification(
    kind: VerificationSubject,
    id: String,
    decision: VerificationDecision,
    note: String,
) -> Result<(), AppError> {
    let clerk = require(CLERKS)?;
    let mut errors = FormErrors::default();
    errors.keep("id", &id);
    errors.keep("note", &note);
    let note = match acc::parse_optional(&note, acc::MAX_NOTE_CHARS) {
        Ok(note) => note.unwrap_or_default(),
        Err(error) => {
            errors.add("note", text_message(&error, use_lang()));
            String::new()
        }
    };
    errors.into_result()?;
    let db = db()?;
    let actor = Actor::User(clerk.id);
    let step_kind = decision.step();
    let result = match kind {
        VerificationSubject::User => {
            db.step_user_verification(&id, step_kind, &note, &actor)
                .await
        }
        VerificationSubject::Business => {
            db.step_business_verification(&id, step_kind, &note, &actor)
                .await
        }
    };
    // A refusal names the card it belongs to, so the page shows it there.
    step(result).map_err(|error| match error {
        AppError::Validation(mut form) => {
            form.keep("id", &id);
            AppError::Validation(form)
        }
        other => other,
    })?;
    redirect_local("/staff/verifications?saved=1");
    Ok(())
}

#[server(endpoint = "staff_accounts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_accounts() -> Result<Vec<StaffMember>, AppError> {
    require(ADMINS)?;
    db()?.staff().await.map_err(internal)
}

#[server(endpoint = "create_staff")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn create_staff(
    email: String,
    full_name: String,
    role: String,
    password: String,
) -> Result<(), AppError> {
    let admin = require(ADMINS)?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    errors.keep("email", &email);
    errors.keep("full_name", &full_name);
    errors.keep("role", &role);
    let parsed_email = acc::parse_email(&email)
        .map_err(|_| errors.add("email", Msg::ErrInvalid.text(lang)))
        .ok();
    let name = acc::parse_required(&full_name, 100)
        .map_err(|_| errors.add("full_name", Msg::ErrRequired.text(lang)))
        .ok();
    let role = Role::parse(&role).filter(|r| r.is_staff());
    if role.is_none() {
        errors.add("role", Msg::ErrChooseOne.text(lang));
    }
    if password.chars().count() < acc::MIN_PASSWORD_CHARS {
        errors.add(
            "password",
            Msg::ErrPasswordShort
                .text(lang)
                .replace("{min}", &acc::MIN_PASSWORD_CHARS.to_string()),
        );
    }
    errors.into_result()?;
    let (Some(email), Some(name), Some(role)) = (parsed_email, name, role) else {
        return Err(AppError::Internal);
    };
    let new = NewUser {
        email: &email,
        full_name: &name,
        phone: None,
        password: &password,
        role,
        email_confirmed: true,
    };
    match db()?.create_user(new, &Actor::User(admin.id)).await {
        Ok(_) => {}
        Err(CreateUserError::EmailTaken) => {
            let mut errors = FormErrors::default();
            errors.keep("full_name", &name);
            errors.add("email", Msg::ErrEmailTaken.text(lang));
            return Err(AppError::Validation(errors));
        }
        Err(other) => return Err(internal(other)),
    }
    redirect_local("/staff/accounts?saved=1");
    Ok(())
}

#[server(endpoint = "set_role")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn set_role(user_id: String, role: String) -> Result<(), AppError> {
    let admin = require(ADMINS)?;
    let role = Role::parse(&role)
        .filter(|r| r.is_staff())
        .ok_or(AppError::NotFound)?;
    match db()?
        .set_staff_role(&user_id, role, &Actor::User(admin.id))
        .await
    {
        Ok(()) => {}
        Err(StateError::Conflict) => {
            return Err(AppError::Conflict(
                Msg::ErrLastAdmin.text(use_lang()).into(),
            ))
        }
        Err(other) => return step(Err(other)),
    }
    redirect_local("/staff/accounts?saved=1");
    Ok(())
}

#[server(endpoint = "audit_log")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn audit_log() -> Result<Vec<AuditEntry>, AppError> {
    require(ADMINS)?;
    db()?.recent_audit(200).await.map_err(internal)
}
