//! Server functions of the cashier's bank files: an imported file's report and the
//! reconciliation queue. The upload itself is a plain multipart route (`/staff/bank/import`).

use crate::error::AppError;
use crate::views::bank::{BankFileView, QueuedTransfer, TransferPage};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need},
    crate::backend::bank_queue::{ResolveChoice, ResolveError},
    crate::domain::account::Role,
    crate::domain::afm::Afm,
    crate::domain::bank::Resolution,
    crate::domain::time::parse_iso_date,
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
};

#[cfg(feature = "ssr")]
const CASHIER: Need = Need::AnyRole(&[Role::Cashier]);

/// Longest id taken from a request.
#[cfg(feature = "ssr")]
const MAX_ID_CHARS: usize = 64;

/// Most debts one resolution pays (as one payment).
#[cfg(feature = "ssr")]
const MAX_DEBTS: usize = crate::backend::debt_payments::MAX_DEBTS_PER_PAYMENT;

/// Most queued transfers one page lists.
#[cfg(feature = "ssr")]
const QUEUE_PAGE: i64 = 500;

/// An imported bank file's report.
#[server(endpoint = "bank_file")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn bank_file(id: String) -> Result<BankFileView, AppError> {
    require(CASHIER)?;
    if id.len() > 64 {
        return Err(AppError::NotFound);
    }
    db()?
        .bank_file(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)
}

/// The transfers waiting for the cashier, oldest first.
#[server(endpoint = "bank_queue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn bank_queue() -> Result<Vec<QueuedTransfer>, AppError> {
    require(CASHIER)?;
    db()?.bank_queue(QUEUE_PAGE).await.map_err(internal)
}

/// One transfer for the cashier; with `afm` (or the debtor of the notice its RF names),
/// that debtor's payable debts at what each owed on the day the bank booked the transfer.
#[server(endpoint = "bank_transfer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn bank_transfer(id: String, afm: Option<String>) -> Result<TransferPage, AppError> {
    require(CASHIER)?;
    if id.len() > MAX_ID_CHARS {
        return Err(AppError::NotFound);
    }
    let db = db()?;
    let transfer = db
        .bank_transfer(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    let typed = afm.filter(|a| !a.trim().is_empty());
    let afm = match typed {
        Some(typed) => {
            let Ok(afm) = Afm::parse(&typed) else {
                let mut errors = FormErrors::default();
                errors.keep("afm", &typed.chars().take(20).collect::<String>());
                errors.add("afm", Msg::ErrAfm.text(use_lang()));
                return Err(AppError::Validation(errors));
            };
            Some(afm.as_str().to_owned())
        }
        None => transfer.notice_afm.clone(),
    };
    let debts = match (&afm, transfer.allowed.iter().any(|r| r.pays_debts())) {
        (Some(afm), true) => {
            let on = transfer
                .booked_on
                .as_deref()
                .and_then(parse_iso_date)
                .unwrap_or_else(crate::backend::today);
            let mut lines = db.debt_lines_of(afm, on).await.map_err(internal)?;
            lines.retain(|l| l.is_payable());
            lines
        }
        _ => Vec::new(),
    };
    Ok(TransferPage {
        transfer,
        afm,
        debts,
    })
}

/// The cashier resolves a queued transfer: `resolution` is `assigned` (pay the chosen
/// `debts` of `afm` in full), `partial` (part payment of the one chosen debt), `refund` or
/// `dismissed`.
#[server(endpoint = "resolve_bank_transfer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn resolve_bank_transfer(
    transfer_id: String,
    #[server(default)] resolution: String,
    #[server(default)] afm: String,
    #[server(default)] debts: Vec<String>,
) -> Result<(), AppError> {
    let user = require(CASHIER)?;
    let lang = use_lang();
    if transfer_id.len() > MAX_ID_CHARS
        || afm.len() > MAX_ID_CHARS
        || debts.len() > MAX_DEBTS
        || debts.iter().any(|d| d.len() > MAX_ID_CHARS)
    {
        return Err(AppError::NotFound);
    }
    let Some(resolution) = Resolution::parse(&resolution) else {
        return Err(AppError::BadRequest(
            Msg::ErrBankNotAllowed.text(lang).into(),
        ));
    };
    let choose = |msg: Msg| {
        let mut errors = FormErrors::default();
        errors.add("debts", msg.text(lang));
        AppError::Validation(errors)
    };
    let afm = afm.trim();
    let choice = match resolution {
        Resolution::Assigned if debts.is_empty() => return Err(choose(Msg::ErrChooseDebts)),
        Resolution::Assigned => ResolveChoice::Assign {
            afm,
            debt_ids: &debts,
        },
        Resolution::Partial => match debts.as_slice() {
            [one] => ResolveChoice::Part { afm, debt_id: one },
            _ => return Err(choose(Msg::ErrChooseOneDebt)),
        },
        Resolution::Refund => ResolveChoice::Refund,
        Resolution::Dismissed => ResolveChoice::Dismiss,
    };
    let purposes = use_context::<crate::backend::payments::Purposes>().ok_or(AppError::Internal)?;
    let money = |m: crate::domain::Money| m.format(lang);
    let payment = db()?
        .resolve_bank_transfer(
            &purposes,
            &transfer_id,
            choice,
            &crate::backend::audit::Actor::User(user.id),
        )
        .await
        .map_err(|e| match e {
            ResolveError::NotFound | ResolveError::DebtNotFound => AppError::NotFound,
            ResolveError::Resolved => AppError::Conflict(Msg::ErrBankResolved.text(lang).into()),
            ResolveError::NotAllowed => {
                AppError::Conflict(Msg::ErrBankNotAllowed.text(lang).into())
            }
            ResolveError::Choice => choose(Msg::ErrChooseOneDebt),
            ResolveError::NotPayable => {
                AppError::Conflict(Msg::ErrDebtNotPayable.text(lang).into())
            }
            ResolveError::Mismatch { owed, amount } => choose_text(
                Msg::ErrBankMismatch
                    .text(lang)
                    .replace("{owed}", &money(owed))
                    .replace("{amount}", &money(amount)),
            ),
            ResolveError::NotLess { owed, amount } => choose_text(
                Msg::ErrBankNotLess
                    .text(lang)
                    .replace("{owed}", &money(owed))
                    .replace("{amount}", &money(amount)),
            ),
            ResolveError::Payment(e) => internal(e),
            ResolveError::Db(e) => internal(e),
        })?;
    match payment {
        Some(payment_id) => redirect_local(&format!("/payments/{payment_id}/receipt")),
        None => redirect_local(&format!("/staff/bank/transfers/{transfer_id}")),
    }
    Ok(())
}

/// A form error on the chosen debts, in the words given.
#[cfg(feature = "ssr")]
fn choose_text(text: String) -> AppError {
    let mut errors = FormErrors::default();
    errors.add("debts", &text);
    AppError::Validation(errors)
}
