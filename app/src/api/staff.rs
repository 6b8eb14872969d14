//! Server functions of the staff back office: verification decisions (clerk), staff
//! accounts and roles, and the audit log (admin).

use crate::error::AppError;
use crate::views::staff::{AuditEntry, PendingVerification, StaffMember};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::accounts::step,
    super::context::*,
    crate::auth::{require, Need},
    crate::backend::{
        audit::Actor,
        users::{CreateUserError, NewUser, StateError},
    },
    crate::domain::account::{self as acc, Role, VerificationStep},
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
};

#[cfg(feature = "ssr")]
const CLERKS: Need = Need::AnyRole(&[Role::Clerk]);
#[cfg(feature = "ssr")]
const ADMINS: Need = Need::AnyRole(&[Role::Admin]);

#[server(endpoint = "pending_verifications")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn pending_verifications() -> Result<Vec<PendingVerification>, AppError> {
    require(CLERKS)?;
    db()?.pending_verifications().await.map_err(internal)
}

#[server(endpoint = "decide_verification")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn decide_verification(
    kind: String,
    id: String,
    decision: String,
    note: String,
) -> Result<(), AppError> {
    let clerk = require(CLERKS)?;
    let step_kind = match decision.as_str() {
        "approve" => VerificationStep::Approve,
        "reject" => VerificationStep::Reject,
        _ => return Err(AppError::NotFound),
    };
    let db = db()?;
    let actor = Actor::User(clerk.id);
    let note = note.chars().take(500).collect::<String>();
    match kind.as_str() {
        "user" => step(
            db.step_user_verification(&id, step_kind, &note, &actor)
                .await,
        )?,
        "business" => step(
            db.step_business_verification(&id, step_kind, &note, &actor)
                .await,
        )?,
        _ => return Err(AppError::NotFound),
    };
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
