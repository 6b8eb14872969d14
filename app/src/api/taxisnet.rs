//! Server functions of TAXISnet sign-in: who the provider proved (for the page that asks
//! their e-mail address), keeping the address they give, and creating their account when
//! they open the link sent there. The redirects to
//! and from the provider are the server's routes (`/auth/taxisnet…`).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::backend::identity::{clearing_pending_cookie, IdentityError, PENDING_COOKIE},
    crate::domain::account as acc,
    crate::domain::identity::IdentityOutcome,
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
};

/// A person TAXISnet proved, as the e-mail page greets them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvedPerson {
    pub full_name: String,
    pub afm: String,
}

/// The pending token the browser holds, if any.
#[cfg(feature = "ssr")]
fn pending_token() -> Option<String> {
    use_context::<http::request::Parts>().and_then(|parts| {
        let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
        crate::backend::sessions::cookie_value(header, PENDING_COOKIE)
            .filter(|value| value.len() <= 64)
            .map(str::to_owned)
    })
}

#[cfg(feature = "ssr")]
fn clear_pending() {
    set_cookie(&clearing_pending_cookie(policy().secure_cookie));
}

#[cfg(feature = "ssr")]
fn say(msg: Msg) -> String {
    msg.text(use_lang()).to_owned()
}

/// Who this browser's TAXISnet sign-in proved; `None` when there is none (or it expired).
#[server(endpoint = "taxisnet_pending")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn taxisnet_pending() -> Result<Option<ProvedPerson>, AppError> {
    let Some(token) = pending_token() else {
        return Ok(None);
    };
    let person = db()?.pending_identity(&token).await.map_err(internal)?;
    Ok(person.map(|p| ProvedPerson {
        full_name: p.full_name(),
        afm: p.afm.to_string(),
    }))
}

/// Keeps the e-mail address the person TAXISnet proved gives, and sends the link that
/// creates their account when opened (the mailbox proved). An address that has an account
/// already gets a message telling its owner to sign in and link TAXISnet; the page says
/// the same in both cases.
#[server(endpoint = "finish_taxisnet_sign_up")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn finish_taxisnet_sign_up(email: String) -> Result<(), AppError> {
    let mut errors = FormErrors::default();
    errors.keep("email", &email);
    let parsed = acc::parse_email(&email)
        .map_err(|e| errors.add("email", crate::i18n::text_message(&e, use_lang())))
        .ok();
    errors.into_result()?;
    let Some(email) = parsed else {
        return Err(AppError::Internal);
    };
    let Some(token) = pending_token() else {
        return Err(AppError::Conflict(say(Msg::ErrTaxisnetPendingGone)));
    };
    let outcome = db()?.await_confirmation(&token, &email).await;
    clear_pending();
    match outcome {
        Ok((confirm, name)) => {
            let path = format!("/taxisnet/confirm?token={confirm}");
            super::accounts::mail_confirmation(&name, email, &path).await;
        }
        Err(IdentityError::EmailTaken) => {
            super::accounts::tell_address_taken(email, Msg::MailTaxisnetEmailTakenBody, "/account")
                .await;
        }
        Err(IdentityError::PendingGone) => {
            return Err(AppError::Conflict(say(Msg::ErrTaxisnetPendingGone)));
        }
        Err(IdentityError::Outcome(_)) => return Err(AppError::Internal),
        Err(IdentityError::Db(e)) => return Err(internal(e)),
    }
    redirect_local("/register/sent");
    Ok(())
}

/// The link from the e-mail: creates the account of the person TAXISnet proved, with the
/// address confirmed, then on to sign in (with TAXISnet).
#[server(endpoint = "confirm_taxisnet_email")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn confirm_taxisnet_email(token: String) -> Result<(), AppError> {
    if token.len() > 64 {
        return Err(AppError::Conflict(say(Msg::ErrLinkInvalid)));
    }
    match db()?.create_identity_user(&token).await {
        Ok(_) => {
            redirect_local("/login?confirmed=1");
            Ok(())
        }
        Err(IdentityError::PendingGone) => Err(AppError::Conflict(say(Msg::ErrLinkInvalid))),
        Err(IdentityError::EmailTaken) => {
            Err(AppError::Conflict(say(Msg::ErrTaxisnetEmailTakenMeanwhile)))
        }
        Err(IdentityError::Outcome(IdentityOutcome::AfmTaken)) => {
            Err(AppError::Conflict(say(Msg::TaxisnetAfmTaken)))
        }
        Err(IdentityError::Outcome(_)) => {
            Err(AppError::Conflict(say(Msg::TaxisnetLinkedElsewhere)))
        }
        Err(IdentityError::Db(e)) => Err(internal(e)),
    }
}
