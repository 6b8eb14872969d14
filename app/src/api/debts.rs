//! Server functions of the debts register: "my debts" and the debtor's card for an ΑΦΜ
//! proved to be the user's, paying several debts in one card payment; for staff the
//! debtor search and card, one debt with its history, entry, correction and cancellation,
//! the monthly table, an import's progress; for admins the revenue categories.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::views::debts::{
    DebtCategory, DebtImportView, DebtReport, DebtorCard, DebtorHit, MyDebtsView, StaffDebt,
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need, SessionUser},
    crate::backend::audit::Actor,
    crate::backend::debt_payments::{DebtPayError, MAX_DEBTS_PER_PAYMENT},
    crate::backend::debtors::{DebtFields, SaveDebtError},
    crate::backend::gateway::PayMethod,
    crate::backend::payments::{PaymentError, Purposes},
    crate::domain::account::Role,
    crate::domain::import::ProblemReason,
    crate::domain::time::parse_date_input,
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
    crate::views::debts::ProvedDebtor,
};

#[cfg(feature = "ssr")]
const DEBT_STAFF: Need = Need::AnyRole(&[Role::Clerk, Role::Cashier]);

/// Longest id or short text taken from a request.
#[cfg(feature = "ssr")]
const MAX_ID_CHARS: usize = 64;

/// The debtor a user asks for: a verified business of theirs by id, or (no id) the first
/// one proved to be theirs, their own ΑΦΜ first. Anyone else's is "not found".
#[cfg(feature = "ssr")]
pub(super) async fn chosen_debtor(
    user: &SessionUser,
    business_id: Option<String>,
) -> Result<(Vec<ProvedDebtor>, Option<ProvedDebtor>), AppError> {
    let debtors = db()?.proved_debtors(&user.id).await.map_err(internal)?;
    let chosen = choose_debtor(&debtors, business_id.as_deref())?;
    Ok((debtors, chosen))
}

/// Of the user's proved debtors, the one asked for (a business id) or the first.
#[cfg(feature = "ssr")]
fn choose_debtor(
    debtors: &[ProvedDebtor],
    business_id: Option<&str>,
) -> Result<Option<ProvedDebtor>, AppError> {
    match business_id.filter(|id| !id.is_empty()) {
        Some(id) => Ok(Some(
            debtors
                .iter()
                .find(|d| d.business_id.as_deref() == Some(id))
                .cloned()
                .ok_or(AppError::NotFound)?,
        )),
        None => Ok(debtors.first().cloned()),
    }
}

/// "My debts": the debts of an ΑΦΜ proved to be the user's, with what each owes today.
/// Nothing proved: no debts, and the page says how to get verified.
#[server(endpoint = "my_debts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_debts(
    #[server(default)] business_id: Option<String>,
) -> Result<MyDebtsView, AppError> {
    let user = require(Need::SignedIn)?;
    if business_id
        .as_ref()
        .is_some_and(|id| id.len() > MAX_ID_CHARS)
    {
        return Err(AppError::NotFound);
    }
    let on = crate::backend::today();
    // One query: whose debts may be shown, the chosen one's debts, the rates.
    let read = db()?
        .my_debts(&user.id, business_id.as_deref(), on)
        .await
        .map_err(internal)?;
    let chosen = choose_debtor(&read.debtors, business_id.as_deref())?;
    let (debtors, debts, rates) = (read.debtors, read.lines, read.rates);
    let interest_percent = rates
        .iter()
        .filter(|r| r.valid_from <= on)
        .max_by_key(|r| r.valid_from)
        .map(|r| r.percent_per_month.normalize().to_string())
        .unwrap_or_else(|| "0".into());
    Ok(MyDebtsView {
        debtors,
        chosen,
        debts,
        interest_percent,
        today: on.iso(),
    })
}

/// Pays the chosen debts of a proved debtor in one card payment (the amount is fixed now)
/// and sends the payer to the bank's page.
#[server(endpoint = "pay_debts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn pay_debts(
    #[server(default)] business_id: Option<String>,
    #[server(default)] debts: Vec<String>,
    #[server(default)] method: Option<String>,
) -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let lang = use_lang();
    let (_, chosen) = chosen_debtor(&user, business_id).await?;
    let debtor = chosen.ok_or(AppError::NotFound)?;
    let method = PayMethod::parse(method.as_deref().unwrap_or("")).ok_or(AppError::NotFound)?;
    if debts.len() > MAX_DEBTS_PER_PAYMENT || debts.iter().any(|d| d.len() > MAX_ID_CHARS) {
        return Err(AppError::BadRequest(Msg::ErrTooManyDebts.text(lang).into()));
    }
    let purposes = use_context::<Purposes>().ok_or(AppError::Internal)?;
    let db = db()?;
    let payment_id = match db
        .pay_debts(
            &purposes,
            &debtor.afm,
            &debts,
            &user.id,
            crate::backend::today(),
        )
        .await
    {
        Ok(id) => id,
        Err(DebtPayError::Choice | DebtPayError::NotLess(_)) => {
            let mut errors = FormErrors::default();
            errors.add("debts", Msg::ErrChooseDebts.text(lang));
            return Err(AppError::Validation(errors));
        }
        Err(DebtPayError::NotFound) => return Err(AppError::NotFound),
        Err(DebtPayError::NotPayable | DebtPayError::Payment(PaymentError::NothingToPay)) => {
            return Err(AppError::Conflict(Msg::ErrDebtNotPayable.text(lang).into()))
        }
        Err(DebtPayError::Payment(PaymentError::InProgressElsewhere)) => {
            return Err(AppError::Conflict(
                Msg::ErrPaymentInProgress.text(lang).into(),
            ))
        }
        Err(DebtPayError::Payment(other)) => return Err(internal(other)),
        Err(DebtPayError::Db(e)) => return Err(internal(e)),
    };
    let payment = db
        .payment(&payment_id)
        .await
        .map_err(internal)?
        .ok_or(AppError::Internal)?;
    super::payments::send_to_bank(&payment, method, Some(&user.email), Some(&user.full_name)).await
}

/// The debtor's card of an ΑΦΜ proved to be the user's: the municipality's record, every
/// debt and every payment.
#[server(endpoint = "my_debtor_card")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_debtor_card(
    #[server(default)] business_id: Option<String>,
) -> Result<Option<DebtorCard>, AppError> {
    let user = require(Need::SignedIn)?;
    let (_, chosen) = chosen_debtor(&user, business_id).await?;
    let Some(debtor) = chosen else {
        return Ok(None);
    };
    let card = db()?
        .debtor_card(&debtor.afm, &debtor.name, crate::backend::today())
        .await
        .map_err(internal)?;
    Ok(Some(card))
}

/// Staff find debtors by ΑΦΜ, name (any case, with or without accents) or a debt's
/// reference.
#[server(endpoint = "search_debtors")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn search_debtors(query: String) -> Result<Vec<DebtorHit>, AppError> {
    require(DEBT_STAFF)?;
    if !crate::domain::submission::search_fits(Some(&query)) {
        let max = crate::domain::submission::MAX_SEARCH_CHARS.to_string();
        return Err(AppError::BadRequest(
            Msg::ErrSearchTooLong
                .text(use_lang())
                .replace("{max}", &max),
        ));
    }
    db()?.search_debtors(&query).await.map_err(internal)
}

/// A debtor's card as staff see it.
#[server(endpoint = "staff_debtor_card")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_debtor_card(debtor_id: String) -> Result<DebtorCard, AppError> {
    require(DEBT_STAFF)?;
    let db = db()?;
    let record = db
        .debtor(&debtor_id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    db.debtor_card(&record.afm, &record.name, crate::backend::today())
        .await
        .map_err(internal)
}

/// One debt with its history and the categories, for the correction form.
#[server(endpoint = "debt_for_staff")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn debt_for_staff(debt_id: String) -> Result<StaffDebt, AppError> {
    require(DEBT_STAFF)?;
    db()?
        .staff_debt(&debt_id, crate::backend::today())
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)
}

/// The revenue categories (the staff's forms and the admins' catalogue).
#[server(endpoint = "debt_categories")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn debt_categories() -> Result<Vec<DebtCategory>, AppError> {
    require(Need::AnyRole(&[Role::Clerk, Role::Cashier, Role::Admin]))?;
    db()?.debt_categories().await.map_err(internal)
}

/// A typed date in the form the register keeps; anything else passed on for its check.
#[cfg(feature = "ssr")]
fn as_iso(typed: &str) -> String {
    parse_date_input(typed)
        .map(|date| date.iso())
        .unwrap_or_else(|| typed.trim().to_owned())
}

/// The message for a field the register refused.
#[cfg(feature = "ssr")]
fn field_message(reason: ProblemReason) -> Msg {
    match reason {
        ProblemReason::Afm => Msg::ErrAfm,
        ProblemReason::Number => Msg::ErrRecordNumber,
        ProblemReason::Name | ProblemReason::Description => Msg::ErrRequired,
        ProblemReason::DebtKind => Msg::ErrDebtKind,
        ProblemReason::Category => Msg::ErrDebtCategory,
        ProblemReason::Amount | ProblemReason::NegativeAmount => Msg::ErrPositiveAmount,
        ProblemReason::FutureDate => Msg::ErrDateInFuture,
        _ => Msg::ErrDateFormat,
    }
}

/// Staff enter a debt (no `debt_id`) or correct one; every change is an event.
#[server(endpoint = "save_debt")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn save_debt(
    #[server(default)] debt_id: Option<String>,
    reference: String,
    afm: String,
    debtor_name: String,
    kind: String,
    category: String,
    description: String,
    principal: String,
    due_date: String,
    #[server(default)] certified_on: String,
) -> Result<(), AppError> {
    let user = require(DEBT_STAFF)?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("reference", &reference),
        ("afm", &afm),
        ("debtor_name", &debtor_name),
        ("kind", &kind),
        ("category", &category),
        ("description", &description),
        ("principal", &principal),
        ("due_date", &due_date),
        ("certified_on", &certified_on),
    ] {
        errors.keep(name, value);
    }
    let (due_iso, certified_iso) = (as_iso(&due_date), as_iso(&certified_on));
    let fields = DebtFields {
        reference: &reference,
        afm: &afm,
        debtor_name: &debtor_name,
        kind: &kind,
        category: &category,
        description: &description,
        principal: &principal,
        due_date: &due_iso,
        certified_on: &certified_iso,
    };
    let id = debt_id.filter(|id| !id.is_empty());
    match db()?
        .save_debt(id.as_deref(), fields, &Actor::User(user.id))
        .await
    {
        Ok(saved) => {
            redirect_local(&format!("/staff/debt/{saved}?saved=1"));
            Ok(())
        }
        Err(SaveDebtError::Field(field, reason)) => {
            errors.add(field, field_message(reason).text(lang));
            Err(AppError::Validation(errors))
        }
        Err(SaveDebtError::ReferenceTaken) => {
            errors.add("reference", Msg::ErrNumberTaken.text(lang));
            Err(AppError::Validation(errors))
        }
        Err(SaveDebtError::Closed) => Err(AppError::Conflict(Msg::ErrDebtClosed.text(lang).into())),
        Err(SaveDebtError::NotFound) => Err(AppError::NotFound),
        Err(SaveDebtError::Db(e)) => Err(internal(e)),
    }
}

/// Staff cancel a debt, with the reason.
#[server(endpoint = "cancel_debt")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn cancel_debt(debt_id: String, cancel_reason: String) -> Result<(), AppError> {
    let user = require(DEBT_STAFF)?;
    let lang = use_lang();
    let reason = cancel_reason.trim().to_owned();
    if reason.is_empty() || reason.chars().count() > 500 {
        let mut errors = FormErrors::default();
        errors.keep("cancel_reason", &reason);
        errors.add("cancel_reason", Msg::ErrCancelReason.text(lang));
        return Err(AppError::Validation(errors));
    }
    let db = db()?;
    if db
        .staff_debt(&debt_id, crate::backend::today())
        .await
        .map_err(internal)?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    if !db
        .cancel_debt(&debt_id, &reason, &Actor::User(user.id))
        .await
        .map_err(internal)?
    {
        return Err(AppError::Conflict(Msg::ErrDebtClosed.text(lang).into()));
    }
    redirect_local(&format!("/staff/debt/{debt_id}?saved=cancelled"));
    Ok(())
}

/// Amounts posted and collected per category and month of a year (this year by default).
#[server(endpoint = "posted_and_collected")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn posted_and_collected(
    #[server(default)] year: Option<i64>,
) -> Result<DebtReport, AppError> {
    require(DEBT_STAFF)?;
    let this_year = crate::backend::today().year;
    let year = year
        .filter(|y| (2000..=this_year + 1).contains(y))
        .unwrap_or(this_year);
    db()?.debt_report(year).await.map_err(internal)
}

/// An import's progress while it runs, its report at the end.
#[server(endpoint = "debt_import_status")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn debt_import_status(import_id: String) -> Result<DebtImportView, AppError> {
    require(DEBT_STAFF)?;
    db()?
        .debt_import(&import_id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)
}

/// Admins add a revenue category to the catalogue.
#[server(endpoint = "add_debt_category")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_debt_category(
    code: String,
    name_el: String,
    name_en: String,
) -> Result<(), AppError> {
    let user = require(Need::AnyRole(&[Role::Admin]))?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("code", &code),
        ("name_el", &name_el),
        ("name_en", &name_en),
    ] {
        errors.keep(name, value);
    }
    let parsed_code = crate::domain::catalogue_code(&code);
    if parsed_code.is_none() {
        errors.add("code", Msg::ErrCategoryCode.text(lang));
    }
    let code = parsed_code.unwrap_or_default();
    for (field, name) in [("name_el", &name_el), ("name_en", &name_en)] {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            errors.add(field, Msg::ErrRequired.text(lang));
        }
    }
    errors.clone().into_result()?;
    let category = DebtCategory {
        code,
        name_el: name_el.trim().to_owned(),
        name_en: name_en.trim().to_owned(),
    };
    if !db()?
        .add_debt_category(&category, &Actor::User(user.id))
        .await
        .map_err(internal)?
    {
        errors.add("code", Msg::ErrCategoryExists.text(lang));
        return Err(AppError::Validation(errors));
    }
    redirect_local("/staff/debt-categories?saved=1");
    Ok(())
}
