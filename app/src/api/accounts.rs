//! Server functions of accounts: registration, e-mail confirmation, sign-in and out,
//! password reset and change, profile, verification requests and business profiles.

use crate::error::AppError;
use crate::views::accounts::AccountView;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need},
    crate::backend::{
        audit::Actor,
        businesses::{BusinessError, NewBusiness},
        mailer::Email,
        users::{CreateUserError, NewUser, StateError, TokenPurpose},
    },
    crate::domain::account::{self as acc, Role, VerificationStep},
    crate::domain::Afm,
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
};

/// How long e-mail links stay valid.
#[cfg(feature = "ssr")]
const CONFIRM_LINK_MS: i64 = 48 * 60 * 60 * 1000;
#[cfg(feature = "ssr")]
const RESET_LINK_MS: i64 = 30 * 60 * 1000;

#[cfg(feature = "ssr")]
fn text_message(error: &acc::TextError) -> String {
    crate::i18n::text_message(error, use_lang())
}

#[cfg(feature = "ssr")]
fn password_message(error: &acc::PasswordError) -> String {
    let msg = match error {
        acc::PasswordError::TooShort => Msg::ErrPasswordShort,
        acc::PasswordError::TooLong => Msg::ErrPasswordLong,
        acc::PasswordError::Mismatch => Msg::ErrPasswordMismatch,
    };
    msg.text(use_lang())
        .replace("{min}", &acc::MIN_PASSWORD_CHARS.to_string())
}

/// A message in the user's language, for conflicts and general form errors.
#[cfg(feature = "ssr")]
fn say(msg: Msg) -> String {
    msg.text(use_lang()).to_owned()
}

#[cfg(feature = "ssr")]
fn link(path_and_query: &str) -> String {
    format!("{}{path_and_query}", site().public_base_url)
}

#[server(endpoint = "register")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn register(
    email: String,
    full_name: String,
    phone: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    let mut errors = FormErrors::default();
    errors.keep("email", &email);
    errors.keep("full_name", &full_name);
    errors.keep("phone", &phone);
    let parsed_email = acc::parse_email(&email)
        .map_err(|e| errors.add("email", text_message(&e)))
        .ok();
    let name = acc::parse_required(&full_name, 100)
        .map_err(|e| errors.add("full_name", text_message(&e)))
        .ok();
    let phone = acc::parse_phone(&phone)
        .map_err(|e| errors.add("phone", text_message(&e)))
        .ok()
        .flatten();
    if let Err(e) = acc::check_new_password(&password, &password_confirm) {
        errors.add("password", password_message(&e));
    }
    errors.into_result()?;
    let (Some(email), Some(name)) = (parsed_email, name) else {
        return Err(AppError::Internal);
    };
    let db = db()?;
    let new = NewUser {
        email: &email,
        full_name: &name,
        phone: phone.as_deref(),
        password: &password,
        role: Role::Citizen,
        email_confirmed: false,
    };
    match db.create_user(new, &Actor::System).await {
        Ok(user) => send_confirmation(&db, &user.id, &name, email).await?,
        // Same answer as a new registration: the page must not reveal who has an account.
        // The owner of the address learns of the attempt by e-mail instead.
        Err(CreateUserError::EmailTaken) => {
            tell_address_taken(email, Msg::MailAlreadyRegisteredBody, "/password/forgot").await;
        }
        Err(CreateUserError::Db(e)) => return Err(internal(e)),
        Err(other) => return Err(internal(other)),
    }
    redirect_local("/register/sent");
    Ok(())
}

/// Sends a new account its confirmation link (registration, a first TAXISnet sign-in).
#[cfg(feature = "ssr")]
pub(crate) async fn send_confirmation(
    db: &crate::backend::Db,
    user_id: &str,
    name: &str,
    email: String,
) -> Result<(), AppError> {
    let token = db
        .issue_email_token(user_id, TokenPurpose::ConfirmEmail, CONFIRM_LINK_MS)
        .await
        .map_err(internal)?;
    mail_confirmation(name, email, &format!("/account/confirm?token={token}")).await;
    Ok(())
}

/// The e-mail that asks a new account's owner to open `path` (its confirmation link).
#[cfg(feature = "ssr")]
pub(crate) async fn mail_confirmation(name: &str, email: String, path: &str) {
    let body = Msg::MailConfirmBody
        .text(use_lang())
        .replace("{name}", name)
        .replace("{link}", &link(path));
    send_mail(Email {
        to: email,
        subject: say(Msg::MailConfirmSubject),
        body,
        key: None,
        attachments: Vec::new(),
    })
    .await;
}

/// Tells the owner of an address that has an account of an attempt to make another with
/// it (the page answered as for a new one); `body` says what to do, at `path`.
#[cfg(feature = "ssr")]
pub(crate) async fn tell_address_taken(email: String, body: Msg, path: &str) {
    let body = body.text(use_lang()).replace("{link}", &link(path));
    send_mail(Email {
        to: email,
        subject: say(Msg::MailAlreadyRegisteredSubject),
        body,
        key: None,
        attachments: Vec::new(),
    })
    .await;
}

#[server(endpoint = "confirm_email")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    let db = db()?;
    match db
        .consume_email_token(&token, TokenPurpose::ConfirmEmail)
        .await
        .map_err(internal)?
    {
        Some(user_id) => {
            db.confirm_email(&user_id).await.map_err(internal)?;
            redirect_local("/login?confirmed=1");
            Ok(())
        }
        None => Err(AppError::Conflict(say(Msg::ErrLinkInvalid))),
    }
}

#[server(endpoint = "login")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let db = db()?;
    let mut errors = FormErrors::default();
    errors.keep("email", &email);
    if email.trim().is_empty() {
        errors.add("email", say(Msg::ErrRequired));
    }
    if password.is_empty() {
        errors.add("password", say(Msg::ErrRequired));
    }
    errors.into_result()?;
    let Some(profile) = db
        .check_password(&email, &password)
        .await
        .map_err(internal)?
    else {
        let _ = db
            .audit(
                db.pool(),
                &Actor::System,
                "auth.sign_in_failed",
                None,
                Some(email.trim()),
            )
            .await;
        let mut errors = FormErrors::default();
        errors.keep("email", &email);
        errors.add("email", say(Msg::ErrSignInFailed));
        return Err(AppError::Validation(errors));
    };
    if profile.email_confirmed_at_ms.is_none() {
        return Err(AppError::Conflict(say(Msg::ErrEmailNotConfirmed)));
    }
    if let Some(old) = session_token() {
        db.delete_session(&old).await.map_err(internal)?;
    }
    let token = db.create_session(&profile.id).await.map_err(internal)?;
    db.audit(
        db.pool(),
        &Actor::User(profile.id.clone()),
        "auth.signed_in",
        Some(&profile.id),
        None,
    )
    .await
    .map_err(internal)?;
    set_cookie(&policy().cookie(&token));
    redirect_local(&safe_next(next, profile.role));
    Ok(())
}

#[server(endpoint = "logout")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn logout() -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let db = db()?;
    let mut provider = None;
    if let Some(token) = session_token() {
        provider = db.session_provider(&token).await.map_err(internal)?;
        db.delete_session(&token).await.map_err(internal)?;
    }
    db.audit(
        db.pool(),
        &Actor::User(user.id.clone()),
        "auth.signed_out",
        Some(&user.id),
        provider.as_deref(),
    )
    .await
    .map_err(internal)?;
    set_cookie(&policy().clearing_cookie());
    set_cookie(&crate::backend::identity::clearing_pending_cookie(
        policy().secure_cookie,
    ));
    // A TAXISnet session ends at TAXISnet too, or the next person at this computer would be
    // let in there without its codes.
    redirect_local(if provider.is_some() && site().taxisnet {
        "/auth/taxisnet/logout"
    } else {
        "/?signed_out=1"
    });
    Ok(())
}

#[server(endpoint = "forgot_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let db = db()?;
    let mut errors = FormErrors::default();
    errors.keep("email", &email);
    let parsed = acc::parse_email(&email)
        .map_err(|e| errors.add("email", text_message(&e)))
        .ok();
    errors.into_result()?;
    let Some(email) = parsed else {
        return Err(AppError::Internal);
    };
    // Whatever the outcome, the same page follows: it must not reveal who has an account.
    if let Some(user) = db.find_user_by_email(&email).await.map_err(internal)? {
        let token = db
            .issue_email_token(&user.id, TokenPurpose::ResetPassword, RESET_LINK_MS)
            .await
            .map_err(internal)?;
        let body = Msg::MailResetBody
            .text(use_lang())
            .replace("{link}", &link(&format!("/password/reset?token={token}")));
        send_mail(Email {
            to: email,
            subject: say(Msg::MailResetSubject),
            body,
            key: None,
            attachments: Vec::new(),
        })
        .await;
    }
    redirect_local("/password/sent");
    Ok(())
}

#[server(endpoint = "reset_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn reset_password(
    token: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    let mut errors = FormErrors::default();
    if let Err(e) = acc::check_new_password(&password, &password_confirm) {
        errors.add("password", password_message(&e));
    }
    errors.into_result()?;
    let db = db()?;
    let Some(user_id) = db
        .consume_email_token(&token, TokenPurpose::ResetPassword)
        .await
        .map_err(internal)?
    else {
        return Err(AppError::Conflict(say(Msg::ErrLinkInvalid)));
    };
    db.set_password(&user_id, &password, &Actor::User(user_id.clone()))
        .await
        .map_err(internal)?;
    // A reset proves the mailbox: confirm it too, so the user can sign in at once.
    db.confirm_email(&user_id).await.map_err(internal)?;
    redirect_local("/login?reset=1");
    Ok(())
}

#[server(endpoint = "change_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn change_password(
    current: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let db = db()?;
    let mut errors = FormErrors::default();
    if db
        .check_password(&user.email, &current)
        .await
        .map_err(internal)?
        .is_none()
    {
        errors.add("current", say(Msg::ErrCurrentPasswordWrong));
    }
    if let Err(e) = acc::check_new_password(&password, &password_confirm) {
        errors.add("password", password_message(&e));
    }
    errors.into_result()?;
    // Ends every session, this one included; a fresh one keeps this browser signed in.
    db.set_password(&user.id, &password, &Actor::User(user.id.clone()))
        .await
        .map_err(internal)?;
    let token = db.create_session(&user.id).await.map_err(internal)?;
    set_cookie(&policy().cookie(&token));
    redirect_local("/account?saved=password");
    Ok(())
}

#[server(endpoint = "my_account")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_account() -> Result<AccountView, AppError> {
    let user = require(Need::SignedIn)?;
    let db = db()?;
    let profile = db
        .profile(&user.id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    let businesses = db.businesses_of(&user.id).await.map_err(internal)?;
    let taxisnet_linked = db
        .has_identity(&user.id, "taxisnet")
        .await
        .map_err(internal)?;
    Ok(AccountView {
        profile,
        businesses,
        taxisnet_linked,
    })
}

#[server(endpoint = "update_profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn update_profile(
    afm: String,
    address: String,
    father_name: String,
    phone: String,
) -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("afm", &afm),
        ("address", &address),
        ("father_name", &father_name),
        ("phone", &phone),
    ] {
        errors.keep(field, value);
    }
    let afm = Afm::parse(&afm)
        .map_err(|e| errors.add("afm", crate::i18n::afm_message(&e, use_lang())))
        .ok();
    let address = acc::parse_required(&address, 200)
        .map_err(|e| errors.add("address", text_message(&e)))
        .ok();
    let father = acc::parse_required(&father_name, 100)
        .map_err(|e| errors.add("father_name", text_message(&e)))
        .ok();
    let phone = acc::parse_phone(&phone)
        .map_err(|e| errors.add("phone", text_message(&e)))
        .ok()
        .flatten();
    errors.into_result()?;
    let (Some(afm), Some(address), Some(father)) = (afm, address, father) else {
        return Err(AppError::Internal);
    };
    db()?
        .update_profile(&user.id, afm.as_str(), &address, &father, phone.as_deref())
        .await
        .map_err(internal)?;
    redirect_local("/account?saved=profile");
    Ok(())
}

#[server(endpoint = "request_verification")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn request_verification() -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let db = db()?;
    let profile = db
        .profile(&user.id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    if profile.afm.is_none() || profile.address.is_none() || profile.father_name.is_none() {
        return Err(AppError::Conflict(say(Msg::ErrProfileIncomplete)));
    }
    step(
        db.step_user_verification(
            &user.id,
            VerificationStep::Request,
            "",
            &Actor::User(user.id.clone()),
        )
        .await,
    )?;
    redirect_local("/account?saved=verification");
    Ok(())
}

#[server(endpoint = "register_business")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn register_business(
    afm: String,
    name: String,
    legal_form: String,
    activity: String,
    vat_period: String,
) -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("afm", &afm),
        ("name", &name),
        ("legal_form", &legal_form),
        ("activity", &activity),
        ("vat_period", &vat_period),
    ] {
        errors.keep(field, value);
    }
    let parsed_afm = Afm::parse(&afm)
        .map_err(|e| errors.add("afm", crate::i18n::afm_message(&e, lang)))
        .ok();
    let parsed_name = acc::parse_required(&name, 150)
        .map_err(|e| errors.add("name", text_message(&e)))
        .ok();
    if !acc::LEGAL_FORMS.contains(&legal_form.as_str()) {
        errors.add("legal_form", say(Msg::ErrChooseOne));
    }
    // The categories are the municipal tax's, which the admin can add to.
    let categories = db()?.tax_categories().await.map_err(internal)?;
    if !categories.iter().any(|c| c.code == activity) {
        errors.add("activity", say(Msg::ErrChooseOne));
    }
    if acc::VatPeriodType::parse(&vat_period).is_none() {
        errors.add("vat_period", say(Msg::ErrChooseOne));
    }
    errors.into_result()?;
    let (Some(afm), Some(name)) = (parsed_afm, parsed_name) else {
        return Err(AppError::Internal);
    };
    let new = NewBusiness {
        afm: afm.as_str(),
        name: &name,
        legal_form: &legal_form,
        activity: &activity,
        vat_period: &vat_period,
    };
    match db()?.create_business(&user.id, new).await {
        Ok(_) => {}
        Err(BusinessError::AfmTaken) => {
            let mut errors = FormErrors {
                values: vec![("afm".into(), afm.to_string()), ("name".into(), name)],
                ..FormErrors::default()
            };
            errors.add("afm", say(Msg::ErrBusinessAfmTaken));
            return Err(AppError::Validation(errors));
        }
        Err(BusinessError::Db(e)) => return Err(internal(e)),
    }
    redirect_local("/business?saved=business");
    Ok(())
}

#[server(endpoint = "request_business_verification")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn request_business_verification(business_id: String) -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let db = db()?;
    // Ownership: another user's business answers "not found".
    db.business_of(&user.id, &business_id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    step(
        db.step_business_verification(
            &business_id,
            VerificationStep::Request,
            "",
            &Actor::User(user.id.clone()),
        )
        .await,
    )?;
    redirect_local("/business?saved=verification");
    Ok(())
}

/// Maps the outcome of a verification step to what the user is told.
#[cfg(feature = "ssr")]
pub(crate) fn step<T>(result: Result<T, StateError>) -> Result<T, AppError> {
    result.map_err(|error| match error {
        StateError::NotFound => AppError::NotFound,
        StateError::Transition(crate::domain::account::VerificationError::ReasonRequired) => {
            let mut errors = FormErrors::default();
            errors.add("note", say(Msg::ErrReasonRequired));
            AppError::Validation(errors)
        }
        StateError::Transition(_) | StateError::Conflict => {
            AppError::Conflict(say(Msg::ErrStateChanged))
        }
        StateError::AfmVerifiedElsewhere => AppError::Conflict(say(Msg::ErrAfmVerifiedElsewhere)),
        StateError::Db(e) => internal(e),
    })
}

/// "My town hall": the signed-in resident's open submissions, newest payments, and their
/// businesses with what each owes.
#[server(endpoint = "my_town_hall")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_town_hall() -> Result<crate::views::accounts::MyTownHall, AppError> {
    use crate::domain::submission::Status;
    let user = require(Need::SignedIn)?;
    let db = db()?;
    let open_submissions = db
        .my_submissions(&user.id)
        .await
        .map_err(internal)?
        .into_iter()
        .filter(|s| !matches!(s.status, Status::Closed | Status::Rejected))
        .collect();
    let mut recent_payments = db.payments_of(&user.id).await.map_err(internal)?;
    recent_payments.truncate(5);
    let today = crate::backend::today();
    let mut businesses = Vec::new();
    for business in db.businesses_of(&user.id).await.map_err(internal)? {
        let unpaid_debts =
            if business.verification == crate::domain::account::Verification::Verified {
                db.debt_lines_of(&business.afm, today)
                    .await
                    .map_err(internal)?
                    .iter()
                    .filter(|d| d.is_payable())
                    .count()
            } else {
                0
            };
        businesses.push(crate::views::accounts::BusinessStanding {
            business,
            unpaid_debts,
        });
    }
    Ok(crate::views::accounts::MyTownHall {
        full_name: user.full_name,
        verification: user.verification,
        open_submissions,
        recent_payments,
        businesses,
    })
}
