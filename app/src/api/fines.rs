//! Server functions of traffic fines: the payable ticket types, the two-step lookup (or
//! registration) of a ticket, a ticket's page, and the staff registry, review and imports.
//! Payment goes through `/api/pay` with the purpose `fine`.

use crate::error::AppError;
use crate::views::fines::{TicketTypeLine, TicketView};
use crate::views::imports::ImportView;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{current_user, require, Need},
    crate::backend::fines::{today, NewCitizenFine},
    crate::backend::guests::GuestSubject,
    crate::domain::account::{parse_optional, Role, MAX_NOTE_CHARS},
    crate::domain::fine::{
        check_offence_date, FineDateError, Review, ReviewDecision, Source, TicketNumber, TimeOfDay,
    },
    crate::domain::time::parse_date_input,
    crate::domain::{Lang, Money, MunicipalityCode, Plate},
    crate::error::FormErrors,
    crate::i18n::{text_message, use_lang, Msg},
};

#[cfg(feature = "ssr")]
const FINE_STAFF: Need = Need::AnyRole(&[Role::Clerk, Role::Cashier]);

#[server(endpoint = "ticket_types")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn ticket_types() -> Result<Vec<TicketTypeLine>, AppError> {
    // Public: tickets are paid without an account too.
    let lang = use_lang();
    Ok(db()?
        .current_fine_types(true)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|t| TicketTypeLine {
            description: t.description(lang).to_owned(),
            code: t.code,
            amount: t.amount,
        })
        .collect())
}

/// Step 1's checks: the code is this municipality's and the type is payable here.
#[cfg(feature = "ssr")]
async fn check_step_one(
    municipality_code: &str,
    ticket_type: &str,
    lang: Lang,
    errors: &mut FormErrors,
) -> Result<Option<crate::backend::fines::FineType>, AppError> {
    errors.keep("municipality_code", municipality_code);
    errors.keep("ticket_type", ticket_type);
    let site = site();
    let own = &site.municipality_code;
    match MunicipalityCode::parse(municipality_code) {
        Ok(code) if code.as_str() == own => {}
        Ok(code) => errors.add(
            "municipality_code",
            Msg::ErrWrongMunicipality
                .text(lang)
                .replace("{code}", code.as_str())
                .replace("{own}", own),
        ),
        Err(_) => errors.add("municipality_code", Msg::ErrRequired.text(lang)),
    }
    let kind = db()?
        .current_fine_types(true)
        .await
        .map_err(internal)?
        .into_iter()
        .find(|t| t.code == ticket_type.trim().to_uppercase());
    if kind.is_none() {
        errors.add("ticket_type", Msg::ErrTicketType.text(lang));
    }
    Ok(kind)
}

/// Step 1: returns the type and its amount, or says what is wrong.
#[server(endpoint = "fine_step_one")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn fine_step_one(
    municipality_code: String,
    ticket_type: String,
) -> Result<TicketTypeLine, AppError> {
    // Public: tickets are paid without an account too (look-ups are rate-limited).
    let lang = use_lang();
    let mut errors = FormErrors::default();
    let kind = check_step_one(&municipality_code, &ticket_type, lang, &mut errors).await?;
    errors.clone().into_result()?;
    let kind = kind.ok_or(AppError::Validation(errors))?;
    Ok(TicketTypeLine {
        description: kind.description(lang).to_owned(),
        code: kind.code,
        amount: kind.amount,
    })
}

/// Step 2: finds the ticket in the registry (every detail must match) or registers it from
/// what was typed, then sends the citizen to its page.
#[server(endpoint = "find_fine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn find_fine(
    municipality_code: String,
    ticket_type: String,
    ticket_number: String,
    plate: String,
    date: String,
    time: String,
) -> Result<(), AppError> {
    // With or without an account; look-ups are rate-limited per client by the server.
    let user = current_user();
    let lang = use_lang();
    let mut errors = FormErrors::default();
    let kind = check_step_one(&municipality_code, &ticket_type, lang, &mut errors).await?;
    for (name, value) in [
        ("ticket_number", &ticket_number),
        ("plate", &plate),
        ("date", &date),
        ("time", &time),
    ] {
        errors.keep(name, value);
    }
    let number = TicketNumber::parse(&ticket_number)
        .map_err(|_| errors.add("ticket_number", Msg::ErrTicketNumber.text(lang)))
        .ok();
    let plate = Plate::parse(&plate)
        .map_err(|_| errors.add("plate", Msg::ErrPlate.text(lang)))
        .ok();
    let date = parse_date_input(&date).or_else(|| {
        errors.add("date", Msg::ErrDateFormat.text(lang));
        None
    });
    let time = TimeOfDay::parse(&time).or_else(|| {
        errors.add("time", Msg::ErrTime.text(lang));
        None
    });
    let (Some(kind), Some(number), Some(plate), Some(date), Some(time)) =
        (kind, number, plate, date, time)
    else {
        return Err(AppError::Validation(errors));
    };
    errors.clone().into_result()?;
    let db = db()?;
    let date_problem = |error: FineDateError| match error {
        FineDateError::InFuture => Msg::ErrOffenceFuture.text(lang).to_owned(),
        FineDateError::TooOld { max_days } => Msg::ErrOffenceTooOld
            .text(lang)
            .replace("{days}", &max_days.to_string()),
    };
    let fine = match db.fine_by_number(number.as_str()).await.map_err(internal)? {
        Some(found) => {
            // Never match silently: every detail the citizen typed must be the ticket's.
            let iso_date = date.iso();
            for (field, same) in [
                ("ticket_type", found.type_code == kind.code),
                ("plate", found.plate == plate.as_str()),
                ("date", found.offence_date == iso_date),
                ("time", found.offence_time == time.hh_mm()),
            ] {
                if !same {
                    errors.add(field, Msg::ErrFineMismatch.text(lang));
                }
            }
            errors.clone().into_result()?;
            found
        }
        None => {
            let rules = db
                .fine_type_on(&kind.code, date)
                .await
                .map_err(internal)?
                .unwrap_or(kind.clone());
            if let Err(error) = check_offence_date(&rules.rules(), date, today()) {
                errors.add("date", date_problem(error));
                return Err(AppError::Validation(errors));
            }
            db.register_citizen_fine(NewCitizenFine {
                ticket_number: number.as_str(),
                municipality_code: &site().municipality_code,
                type_code: &kind.code,
                plate: plate.as_str(),
                offence_date: date,
                offence_time: &time.hh_mm(),
                principal: rules.amount,
                registered_by: user.as_ref().map(|u| u.id.as_str()),
            })
            .await
            .map_err(internal)?
        }
    };
    // Proving the ticket is what lets this user (or this visitor's guest pass) see and
    // pay it.
    match &user {
        Some(user) => db
            .grant_fine_access(&fine.id, &user.id)
            .await
            .map_err(internal)?,
        None => grant_guest(GuestSubject::Fine, &fine.id).await?,
    }
    redirect_local(&format!("/fines/{}", fine.id));
    Ok(())
}

/// A ticket, for whoever proved it with its details, its payer, and fine staff; anyone
/// else is told "not found" (the registry holds plates, places and times).
#[server(endpoint = "fine_view")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn fine_view(id: String) -> Result<TicketView, AppError> {
    let Some(user) = current_user() else {
        // A visitor who proved it without an account; anyone else signs in first.
        if guest_may(GuestSubject::Fine, &id).await? {
            return fine_view_of(&id, false).await;
        }
        return Err(AppError::Unauthenticated);
    };
    let staff = FINE_STAFF.check(Some(&user)).is_ok();
    if !staff && !db()?.may_see_fine(&id, &user.id).await.map_err(internal)? {
        return Err(AppError::NotFound);
    }
    fine_view_of(&id, staff).await
}

#[cfg(feature = "ssr")]
/// The ticket's page; `for_staff` adds what only the registry knows (where, the police's
/// record, the review): a citizen sees what their look-up proved and what is owed.
async fn fine_view_of(id: &str, for_staff: bool) -> Result<TicketView, AppError> {
    let lang = use_lang();
    let db = db()?;
    let fine = db
        .fine(id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    let due = db.fine_amount_due(&fine).await.map_err(internal)?.ok();
    let kind = match fine.date() {
        Some(date) => db
            .fine_type_on(&fine.type_code, date)
            .await
            .map_err(internal)?,
        None => None,
    };
    let receipt = match &fine.paid_by {
        Some(payment) => db.receipt_of(payment).await.map_err(internal)?,
        None => None,
    };
    let in_progress = fine.paid_by.is_none()
        && db
            .fine_payment_in_progress(&fine.id)
            .await
            .map_err(internal)?;
    let status = crate::domain::fine::TicketStatus::of(
        fine.paid_by.is_some(),
        fine.review == Review::Rejected,
        in_progress,
    );
    Ok(TicketView {
        id: fine.id,
        ticket_number: fine.ticket_number,
        type_description: kind
            .as_ref()
            .map(|k| k.description(lang).to_owned())
            .unwrap_or(fine.type_code),
        plate: Plate::parse(&fine.plate)
            .map(|p| p.spaced())
            .unwrap_or(fine.plate),
        offence_date: fine.offence_date,
        offence_time: fine.offence_time,
        location: fine.location.filter(|l| !l.is_empty() && for_staff),
        principal: fine.principal,
        adjustment: due.map(|d| d.adjustment),
        payable_days: kind.as_ref().map(|k| k.max_age_days).unwrap_or(0),
        total: due.map(|d| d.total),
        status,
        receipt,
        paid_by: fine.paid_by,
        registered_by_citizen: fine.source == Source::Citizen,
        review: fine.review,
        review_note: fine.review_note,
        police_amount: fine
            .police_record
            .as_deref()
            .and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok())
            .and_then(|r| r.get("principal_cents").and_then(serde_json::Value::as_i64))
            .map(Money::from_cents)
            .filter(|&police| police != fine.principal && for_staff),
        discrepancy: fine
            .discrepancy
            .filter(|_| for_staff)
            .map(|d| d.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
    })
}

/// The staff registry: search by ticket number or plate, and status.
#[server(endpoint = "staff_fines")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_fines(
    q: Option<String>,
    status: Option<String>,
) -> Result<Vec<TicketView>, AppError> {
    require(FINE_STAFF)?;
    let key = q
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| {
            Plate::parse(k)
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|_| k.replace(' ', ""))
        });
    let fines = db()?
        .search_fines(
            key.as_deref(),
            status.as_deref().filter(|s| !s.is_empty()),
            100,
        )
        .await
        .map_err(internal)?;
    let mut views = Vec::with_capacity(fines.len());
    for fine in fines {
        views.push(fine_view_of(&fine.id, true).await?);
    }
    Ok(views)
}

#[server(endpoint = "review_fine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn review_fine(
    id: String,
    decision: String,
    amount: String,
    note: String,
) -> Result<(), AppError> {
    let staff = require(FINE_STAFF)?;
    let lang = use_lang();
    // Anything but a known decision is refused (never taken as "confirm").
    let decision = ReviewDecision::parse(&decision)
        .ok_or_else(|| AppError::BadRequest("decision must be confirm or reject".into()))?;
    let mut errors = FormErrors::default();
    let principal = if amount.trim().is_empty() {
        None
    } else {
        match Money::parse(&amount) {
            Ok(money) if money.cents() > 0 => Some(money),
            Ok(_) => {
                errors.add("amount", Msg::ErrRefundZero.text(lang));
                None
            }
            Err(error) => {
                errors.add("amount", crate::i18n::money_message(&error, lang));
                None
            }
        }
    };
    let note = match parse_optional(&note, MAX_NOTE_CHARS) {
        Ok(note) => note,
        Err(error) => {
            errors.add("note", text_message(&error, lang));
            None
        }
    };
    if decision == ReviewDecision::Reject && note.is_none() && errors.error_for("note").is_none() {
        errors.add("note", Msg::ErrReasonRequired.text(lang));
    }
    errors.keep("id", &id);
    errors.keep("amount", &amount);
    errors.keep("note", note.as_deref().unwrap_or_default());
    errors.into_result()?;
    let done = db()?
        .review_fine(&id, decision, principal, note.as_deref(), &staff.id)
        .await
        .map_err(internal)?;
    if !done {
        return Err(AppError::Conflict(Msg::ErrStateChanged.text(lang).into()));
    }
    redirect_local("/staff/fines?status=pending&reviewed=1");
    Ok(())
}

#[server(endpoint = "fine_import_report")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn fine_import_report(id: String) -> Result<ImportView, AppError> {
    require(FINE_STAFF)?;
    db()?
        .fine_import(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)
}
