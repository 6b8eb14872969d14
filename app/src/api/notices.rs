//! Server functions of notices: "my notices", grouping chosen debts into a new notice,
//! one notice as printed (its debtor or staff), fees on request issued for oneself; for
//! staff a debtor's notices and a notice on the debtor's behalf; for admins the fee
//! catalogue. A notice is paid through `pay` (purpose `notice`).

use crate::error::AppError;
use crate::views::notices::{FeeOffer, FeeVersionRow, MyNoticesView, NoticeDoc, NoticeRow};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need, SessionUser},
    crate::backend::fees::NewFeeVersion,
    crate::backend::notices::{NoticeError, NoticeRequest, NoticeSettings, MAX_DEBTS_PER_NOTICE},
    crate::domain::account::Role,
    crate::domain::notice::NoticeSource,
    crate::domain::time::parse_date_input,
    crate::domain::Money,
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
    std::sync::Arc,
};

#[cfg(feature = "ssr")]
const NOTICE_STAFF: Need = Need::AnyRole(&[Role::Clerk, Role::Cashier]);

/// Longest id taken from a request.
#[cfg(feature = "ssr")]
const MAX_ID_CHARS: usize = 64;

#[cfg(feature = "ssr")]
fn too_long(id: &str) -> bool {
    id.len() > MAX_ID_CHARS
}

/// The notice settings, or words saying notices are not available here yet.
#[cfg(feature = "ssr")]
fn settings() -> Result<Arc<NoticeSettings>, AppError> {
    use_context::<Arc<NoticeSettings>>()
        .ok_or_else(|| AppError::Conflict(Msg::ErrNoticesOff.text(use_lang()).into()))
}

/// A notice error in words (or "not found").
#[cfg(feature = "ssr")]
fn notice_error(error: NoticeError) -> AppError {
    let lang = use_lang();
    match error {
        NoticeError::Choice => {
            let mut errors = FormErrors::default();
            errors.add("debts", Msg::ErrChooseNoticeDebts.text(lang));
            AppError::Validation(errors)
        }
        NoticeError::NotFound => AppError::NotFound,
        NoticeError::NotPayable => AppError::Conflict(Msg::ErrDebtNotPayable.text(lang).into()),
        NoticeError::Conflict => AppError::Conflict(Msg::ErrNoticeConflict.text(lang).into()),
        NoticeError::Numbering(error) => {
            tracing::error!(%error, "the RF layout holds no more notice numbers");
            AppError::Conflict(Msg::ErrNoticesOff.text(lang).into())
        }
        NoticeError::Db(error) => internal(error),
    }
}

/// "My notices": every notice of an ΑΦΜ proved to be the user's, newest first.
#[server(endpoint = "my_notices")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_notices(
    #[server(default)] business_id: Option<String>,
) -> Result<MyNoticesView, AppError> {
    let user = require(Need::SignedIn)?;
    let (debtors, chosen) = super::debts::chosen_debtor(&user, business_id).await?;
    let notices = match &chosen {
        Some(debtor) => db()?
            .notices_of(&debtor.afm, crate::backend::today())
            .await
            .map_err(internal)?,
        None => Vec::new(),
    };
    Ok(MyNoticesView {
        debtors,
        chosen,
        notices,
    })
}

/// Puts the chosen open debts of a proved debtor on a new notice (replacing any older
/// notice of theirs) and opens it.
#[server(endpoint = "create_notice")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn create_notice(
    #[server(default)] business_id: Option<String>,
    #[server(default)] debts: Vec<String>,
) -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let (_, chosen) = super::debts::chosen_debtor(&user, business_id).await?;
    let debtor = chosen.ok_or(AppError::NotFound)?;
    if debts.len() > MAX_DEBTS_PER_NOTICE || debts.iter().any(|d| too_long(d)) {
        return Err(AppError::BadRequest(
            Msg::ErrTooManyNoticeDebts.text(use_lang()).into(),
        ));
    }
    let settings = settings()?;
    let actor = format!("user:{}", user.id);
    let id = db()?
        .create_notice(
            &settings,
            NoticeRequest {
                afm: &debtor.afm,
                source: NoticeSource::Debtor,
                actor: &actor,
                on: crate::backend::today(),
            },
            &debts,
        )
        .await
        .map_err(notice_error)?;
    redirect_local(&format!("/notices/{id}?created=1"));
    Ok(())
}

/// Whether the notice's ΑΦΜ is proved to the user, or the user is staff who handle notices.
#[cfg(feature = "ssr")]
async fn may_see_notice(user: &SessionUser, id: &str) -> Result<(), AppError> {
    if too_long(id) {
        return Err(AppError::NotFound);
    }
    match db()?
        .may_see_notice(&user.id, user.role, id)
        .await
        .map_err(internal)?
    {
        Some(true) => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

/// One notice as printed: for its debtor (an ΑΦΜ proved to be theirs) or staff; anyone
/// else is told "not found".
#[server(endpoint = "notice")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn notice(id: String) -> Result<NoticeDoc, AppError> {
    let user = require(Need::SignedIn)?;
    may_see_notice(&user, &id).await?;
    let settings = settings()?;
    db()?
        .notice_doc(&settings, &id, crate::backend::today())
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)
}

/// The fees a user may issue today.
#[server(endpoint = "fee_offers")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn fee_offers() -> Result<Vec<FeeOffer>, AppError> {
    require(Need::SignedIn)?;
    db()?
        .fee_offers(crate::backend::today())
        .await
        .map_err(internal)
}

/// Issues a fee for a proved debtor of the user: a debt of kind "fee" and its notice.
#[server(endpoint = "issue_fee")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn issue_fee(
    #[server(default)] business_id: Option<String>,
    #[server(default)] code: String,
) -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let (_, chosen) = super::debts::chosen_debtor(&user, business_id).await?;
    let Some(debtor) = chosen else {
        return Err(AppError::Conflict(
            Msg::DebtsNeedVerification.text(use_lang()).into(),
        ));
    };
    if code.is_empty() || too_long(&code) {
        let mut errors = FormErrors::default();
        errors.add("code", Msg::ErrChooseFee.text(use_lang()));
        return Err(AppError::Validation(errors));
    }
    let settings = settings()?;
    let actor = format!("user:{}", user.id);
    let id = db()?
        .issue_fee(
            &settings,
            NoticeRequest {
                afm: &debtor.afm,
                source: NoticeSource::Debtor,
                actor: &actor,
                on: crate::backend::today(),
            },
            &debtor.name,
            &code,
        )
        .await
        .map_err(|e| match e {
            NoticeError::NotFound => {
                let mut errors = FormErrors::default();
                errors.add("code", Msg::ErrChooseFee.text(use_lang()));
                AppError::Validation(errors)
            }
            other => notice_error(other),
        })?;
    redirect_local(&format!("/notices/{id}?created=1"));
    Ok(())
}

/// A debtor's notices, for staff.
#[server(endpoint = "staff_notices")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_notices(debtor_id: String) -> Result<Vec<NoticeRow>, AppError> {
    require(NOTICE_STAFF)?;
    if too_long(&debtor_id) {
        return Err(AppError::NotFound);
    }
    let db = db()?;
    let record = db
        .debtor(&debtor_id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    db.notices_of(&record.afm, crate::backend::today())
        .await
        .map_err(internal)
}

/// Staff issue a notice for chosen debts on the debtor's behalf (e.g. at the counter).
#[server(endpoint = "staff_create_notice")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_create_notice(
    debtor_id: String,
    #[server(default)] debts: Vec<String>,
) -> Result<(), AppError> {
    let user = require(NOTICE_STAFF)?;
    if too_long(&debtor_id)
        || debts.len() > MAX_DEBTS_PER_NOTICE
        || debts.iter().any(|d| too_long(d))
    {
        return Err(AppError::NotFound);
    }
    let db = db()?;
    let record = db
        .debtor(&debtor_id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    let settings = settings()?;
    let actor = format!("user:{}", user.id);
    let id = db
        .create_notice(
            &settings,
            NoticeRequest {
                afm: &record.afm,
                source: NoticeSource::Staff,
                actor: &actor,
                on: crate::backend::today(),
            },
            &debts,
        )
        .await
        .map_err(notice_error)?;
    redirect_local(&format!("/notices/{id}?created=1"));
    Ok(())
}

/// Every version of every fee type, for admins.
#[server(endpoint = "fee_catalogue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn fee_catalogue() -> Result<Vec<FeeVersionRow>, AppError> {
    require(Need::AnyRole(&[Role::Admin]))?;
    db()?.fee_versions().await.map_err(internal)
}

/// Admins add a fee type, or a new version of one (amount or names from a day, or its
/// withdrawal).
#[server(endpoint = "add_fee_version")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_fee_version(
    #[server(default)] code: String,
    #[server(default)] name_el: String,
    #[server(default)] name_en: String,
    #[server(default)] amount: String,
    #[server(default)] valid_from: String,
    #[server(default)] withdrawn: Option<String>,
) -> Result<(), AppError> {
    let user = require(Need::AnyRole(&[Role::Admin]))?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("code", &code),
        ("name_el", &name_el),
        ("name_en", &name_en),
        ("amount", &amount),
        ("valid_from", &valid_from),
    ] {
        errors.keep(name, value);
    }
    let parsed_code = crate::domain::catalogue_code(&code);
    if parsed_code.is_none() {
        errors.add("code", Msg::ErrCategoryCode.text(lang));
    }
    for (field, name) in [("name_el", &name_el), ("name_en", &name_en)] {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            errors.add(field, Msg::ErrRequired.text(lang));
        }
    }
    let parsed_amount = Money::parse(&amount)
        .ok()
        .filter(|m| m.cents() > 0 && m.cents() <= 100_000_000);
    if parsed_amount.is_none() {
        errors.add("amount", Msg::ErrFeeAmount.text(lang));
    }
    let parsed_from = parse_date_input(&valid_from);
    if parsed_from.is_none() {
        errors.add("valid_from", Msg::ErrDateFormat.text(lang));
    }
    errors.clone().into_result()?;
    let (Some(code), Some(amount), Some(valid_from)) = (parsed_code, parsed_amount, parsed_from)
    else {
        return Err(AppError::Validation(errors));
    };
    let version = NewFeeVersion {
        code,
        name_el: name_el.trim().to_owned(),
        name_en: name_en.trim().to_owned(),
        amount,
        valid_from,
        active: withdrawn.is_none(),
    };
    let actor = format!("user:{}", user.id);
    if !db()?
        .add_fee_version(&version, &actor)
        .await
        .map_err(internal)?
    {
        errors.add("valid_from", Msg::ErrFeeVersionExists.text(lang));
        return Err(AppError::Validation(errors));
    }
    redirect_local("/staff/fees?saved=1");
    Ok(())
}

/// The cashier records a notice paid by card at the cash desk (POS), with the terminal's
/// authorisation code, and opens its receipt.
#[server(endpoint = "record_counter_payment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn record_counter_payment(
    notice_id: String,
    #[server(default)] auth_code: String,
) -> Result<(), AppError> {
    use crate::backend::counter_payments::CounterError;
    use crate::domain::payment::pos_approval_code;
    let user = require(Need::AnyRole(&[Role::Cashier]))?;
    let lang = use_lang();
    if too_long(&notice_id) {
        return Err(AppError::NotFound);
    }
    let Some(code) = pos_approval_code(&auth_code) else {
        let mut errors = FormErrors::default();
        errors.keep("auth_code", &auth_code.chars().take(40).collect::<String>());
        errors.add("auth_code", Msg::ErrAuthCode.text(lang));
        return Err(AppError::Validation(errors));
    };
    let purposes = use_context::<crate::backend::payments::Purposes>().ok_or(AppError::Internal)?;
    let payment_id = db()?
        .record_counter_payment(
            &purposes,
            &notice_id,
            &code,
            &crate::backend::audit::Actor::User(user.id),
        )
        .await
        .map_err(|e| match e {
            CounterError::NotFound => AppError::NotFound,
            CounterError::NotPayable => {
                AppError::Conflict(Msg::ErrNoticeNotPayable.text(lang).into())
            }
            CounterError::Payment(e) => internal(e),
            CounterError::Db(e) => internal(e),
        })?;
    redirect_local(&format!("/payments/{payment_id}/receipt"));
    Ok(())
}
