//! Server functions of TAXISnet sign-in: who the provider proved (for the page that asks
//! their e-mail address) and creating their account once they give it. The redirects to
//! and from the provider are the server's routes (`/auth/taxisnet…`).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::backend::identity::{IdentityError, PENDING_COOKIE},
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
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.split_once('='))
            .find(|(name, _)| name.trim() == PENDING_COOKIE)
            .map(|(_, value)| value.trim().to_owned())
            .filter(|value| !value.is_empty() && value.len() <= 64)
    })
}

#[cfg(feature = "ssr")]
fn clear_pending() {
    let secure = if policy().secure_cookie {
        "; Secure"
    } else {
        ""
    };
    set_cookie(&format!(
        "{PENDING_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
    ));
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

/// Creates the account of the person TAXISnet proved, with the e-mail address they give,
/// and sends the confirmation link. An address that has an account already gets a message
/// telling its owner to sign in and link TAXISnet; the page says the same in both cases.
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
    let db = db()?;
    match db.create_identity_user(&token, &email).await {
        Ok(user) => {
            super::accounts::send_confirmation(&db, &user.user_id, &user.full_name, email).await?
        }
        Err(IdentityError::EmailTaken) => {
            super::accounts::tell_address_taken(email, Msg::MailTaxisnetEmailTakenBody, "/account")
                .await;
        }
        Err(IdentityError::PendingGone) => {
            clear_pending();
            return Err(AppError::Conflict(say(Msg::ErrTaxisnetPendingGone)));
        }
        Err(IdentityError::Outcome(outcome)) => {
            clear_pending();
            let msg = match outcome {
                IdentityOutcome::AfmTaken => Msg::TaxisnetAfmTaken,
                _ => Msg::TaxisnetLinkedElsewhere,
            };
            return Err(AppError::Conflict(say(msg)));
        }
        Err(IdentityError::Db(e)) => return Err(internal(e)),
    }
    clear_pending();
    redirect_local("/register/sent");
    Ok(())
}
