//! Server functions of business services: the municipal tax declaration (saved and sent to
//! the card payment in one act), a business's tax file (declarations, certified debts,
//! warrants), and the staff's list, business file, debts, warrants and rates.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::views::imports::ImportView;
use crate::views::tax::{Declaration, MyTaxView, TaxFile};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need, SessionUser},
    crate::backend::audit::Actor,
    crate::backend::payments::Purposes,
    crate::backend::tax::{today, DeclarationFilter, DeclareError, DeclareOutcome, NewDeclaration},
    crate::backend::tax_records::NewWarrant,
    crate::domain::account::{Role, VatPeriodType, Verification},
    crate::domain::import::ProblemReason,
    crate::domain::tax::{
        check_vat_filed_on, DeclarationState, TaxPeriod, TaxPeriodError, VatFiledError,
    },
    crate::domain::time::parse_date_input,
    crate::domain::{Lang, Money},
    crate::error::FormErrors,
    crate::i18n::{money_message, use_lang, Msg},
    crate::views::tax::RuleVersion,
};

#[cfg(feature = "ssr")]
const TAX_STAFF: Need = Need::AnyRole(&[Role::Clerk, Role::Cashier]);

#[cfg(feature = "ssr")]
fn purposes() -> Result<Purposes, AppError> {
    use_context::<Purposes>().ok_or(AppError::Internal)
}

/// Builds a business's tax file (the caller has checked who may see it).
#[cfg(feature = "ssr")]
async fn tax_file(business: crate::backend::businesses::Business) -> Result<TaxFile, AppError> {
    let db = db()?;
    let on = today();
    let table = db.tax_rate_table().await.map_err(internal)?;
    let rates = table
        .rates
        .into_iter()
        .filter(|version| version.category == business.activity)
        .map(|version| RuleVersion {
            valid_from: version.valid_from,
            percent: version.rate_percent,
            cap_percent: String::new(),
        })
        .collect();
    let interest_percent = table
        .settings
        .iter()
        .find(|s| s.valid_from <= crate::backend::tax::iso(on))
        .map(|s| s.interest_percent_per_month.clone())
        .unwrap_or_default();
    let fines = table
        .settings
        .into_iter()
        .map(|s| RuleVersion {
            valid_from: s.valid_from,
            percent: s.fine_percent_per_month,
            cap_percent: s.fine_cap_percent,
        })
        .collect();
    let declarations: Vec<crate::views::tax::Declaration> = db
        .declarations_of(&business.id)
        .await
        .map_err(internal)?
        .into_iter()
        .collect();
    let lang = use_lang();
    let to_declare = match VatPeriodType::parse(&business.vat_period) {
        Some(kind) => {
            let accepted: Vec<TaxPeriod> = declarations
                .iter()
                .filter(|d| d.state == crate::domain::tax::DeclarationState::Accepted)
                .filter_map(|d| {
                    TaxPeriod::new(kind, u32::try_from(d.period_number).ok()?, d.period_year)
                })
                .collect();
            let registered = crate::domain::time::local_date(business.created_at_ms);
            crate::domain::tax::periods_to_declare(kind, registered, on, &accepted)
                .into_iter()
                .map(|p| p.label(lang))
                .collect()
        }
        None => Vec::new(),
    };
    // The register's municipal-tax debts of this ΑΦΜ (all its debts are on "my debts").
    let debts = db
        .debt_lines_of(&business.afm, on)
        .await
        .map_err(internal)?
        .into_iter()
        .filter(|d| d.category.code == "municipal_tax")
        .collect();
    let warrants = db
        .warrants_of(&business.afm)
        .await
        .map_err(internal)?
        .into_iter()
        .collect();
    let lang = use_lang();
    let activity_label = table
        .categories
        .iter()
        .find(|c| c.code == business.activity)
        .map(|c| c.name(lang).to_owned())
        .unwrap_or_else(|| business.activity.clone());
    Ok(TaxFile {
        business,
        activity_label,
        rates,
        fines,
        interest_percent,
        today: crate::backend::tax::iso(on),
        declarations,
        to_declare,
        debts,
        warrants,
    })
}

/// A typed date in the form the records keep (`2026-10-23`); text that is no date is
/// passed on as it is, for the record's own check to name.
#[cfg(feature = "ssr")]
fn as_iso(typed: &str) -> String {
    parse_date_input(typed)
        .map(|date| date.iso())
        .unwrap_or_else(|| typed.to_owned())
}

/// The user's businesses and the chosen one's tax file (only once it is verified).
#[server(endpoint = "my_tax")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_tax(business_id: Option<String>) -> Result<MyTaxView, AppError> {
    let user = require(Need::SignedIn)?;
    let db = db()?;
    let businesses = db.businesses_of(&user.id).await.map_err(internal)?;
    let chosen = match business_id.filter(|id| !id.is_empty()) {
        Some(id) => Some(
            businesses
                .iter()
                .find(|b| b.id == id)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => businesses.first().cloned(),
    };
    let file = match &chosen {
        Some(business) if business.verification == Verification::Verified => {
            Some(tax_file(business.clone()).await?)
        }
        _ => None,
    };
    Ok(MyTaxView {
        businesses,
        chosen,
        file,
    })
}

#[cfg(feature = "ssr")]
fn period_message(error: TaxPeriodError, lang: Lang) -> &'static str {
    match error {
        TaxPeriodError::Period => Msg::ErrTaxPeriod.text(lang),
        TaxPeriodError::Year => Msg::ErrTaxYear.text(lang),
        TaxPeriodError::NotEnded => Msg::ErrTaxPeriodNotEnded.text(lang),
    }
}

/// The one act: checks the form, saves the declaration awaiting payment with its payment,
/// and sends the user to the bank's page. A period already accepted (or being paid) sends
/// the user to that declaration instead, which says so.
#[server(endpoint = "declare_tax")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn declare_tax(
    business_id: String,
    period: String,
    year: String,
    revenue: String,
    vat_filed_on: String,
    amend: Option<String>,
) -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let lang = use_lang();
    let db = db()?;
    let business = db
        .business_of(&user.id, &business_id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    if business.verification != Verification::Verified {
        return Err(AppError::Conflict(
            Msg::TaxNeedsVerification.text(lang).into(),
        ));
    }
    let kind = VatPeriodType::parse(&business.vat_period).ok_or(AppError::Internal)?;
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("period", &period),
        ("year", &year),
        ("revenue", &revenue),
        ("vat_filed_on", &vat_filed_on),
    ] {
        errors.keep(name, value);
    }
    let on = today();
    let parsed_period = TaxPeriod::parse(kind, &period, &year, on)
        .map_err(|e| {
            let field = if e == TaxPeriodError::Year {
                "year"
            } else {
                "period"
            };
            errors.add(field, period_message(e, lang));
        })
        .ok();
    let parsed_revenue = Money::parse(&revenue)
        .map_err(|e| errors.add("revenue", money_message(&e, lang)))
        .ok();
    let filed = check_vat_filed_on(parse_date_input(&vat_filed_on), parsed_period, on)
        .map_err(|e| {
            errors.add(
                "vat_filed_on",
                match e {
                    VatFiledError::Format => Msg::ErrDateFormat.text(lang),
                    VatFiledError::BeforePeriodEnd => Msg::ErrVatFiledBeforeEnd.text(lang),
                    VatFiledError::InFuture => Msg::ErrDateInFuture.text(lang),
                },
            )
        })
        .ok();
    let (Some(tax_period), Some(revenue), Some(filed)) = (parsed_period, parsed_revenue, filed)
    else {
        return Err(AppError::Validation(errors));
    };
    let amend = amend.is_some_and(|a| !a.is_empty());
    let outcome = db
        .declare_tax(
            &purposes()?,
            NewDeclaration {
                business_id: &business.id,
                user_id: &user.id,
                period: tax_period,
                revenue,
                vat_filed_on: filed,
                amend,
                today: on,
            },
        )
        .await;
    let page = |id: &str, note: &str| format!("/business/tax/declarations/{id}{note}");
    match outcome {
        Ok(DeclareOutcome::ToPay { payment_id, .. }) => {
            let payment = db
                .payment(&payment_id)
                .await
                .map_err(internal)?
                .ok_or(AppError::Internal)?;
            super::payments::send_to_bank(
                &payment,
                crate::backend::gateway::PayMethod::Card,
                Some(&user.email),
                Some(&user.full_name),
            )
            .await
        }
        Ok(DeclareOutcome::Accepted { declaration_id }) => {
            redirect_local(&page(&declaration_id, ""));
            Ok(())
        }
        Err(DeclareError::AlreadyAccepted(id)) => {
            redirect_local(&page(&id, "?already=1"));
            Ok(())
        }
        Err(DeclareError::AwaitingPayment(id)) if !id.is_empty() => {
            redirect_local(&page(&id, "?waiting=1"));
            Ok(())
        }
        Err(DeclareError::AwaitingPayment(_)) => {
            Err(AppError::Conflict(Msg::ErrTaxBeingPaid.text(lang).into()))
        }
        Err(DeclareError::NothingToAmend) => Err(AppError::Conflict(
            Msg::ErrTaxNothingToAmend.text(lang).into(),
        )),
        Err(DeclareError::AmendmentNotHigher) => {
            errors.add("revenue", Msg::ErrTaxAmendNotHigher.text(lang));
            Err(AppError::Validation(errors))
        }
        Err(DeclareError::NotAllowed) => Err(AppError::Conflict(
            Msg::TaxNeedsVerification.text(lang).into(),
        )),
        Err(DeclareError::Payment(crate::backend::payments::PaymentError::InProgressElsewhere)) => {
            Err(AppError::Conflict(
                Msg::ErrPaymentInProgress.text(lang).into(),
            ))
        }
        Err(error) => Err(internal(error)),
    }
}

/// One declaration, for its business's representative or for staff.
#[server(endpoint = "tax_declaration")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn tax_declaration(id: String) -> Result<Declaration, AppError> {
    let user = require(Need::SignedIn)?;
    let declaration = db()?
        .declaration(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    if declaration.representative_id != user.id && !is_tax_staff(&user) {
        return Err(AppError::NotFound);
    }
    Ok(declaration)
}

#[cfg(feature = "ssr")]
fn is_tax_staff(user: &SessionUser) -> bool {
    matches!(user.role, Role::Clerk | Role::Cashier)
}

/// The staff's declaration list. Empty filters are ignored; `late` is `yes` or `no`.
#[server(endpoint = "staff_declarations")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_declarations(
    year: Option<String>,
    period: Option<String>,
    state: Option<String>,
    business: Option<String>,
    late: Option<String>,
) -> Result<Vec<Declaration>, AppError> {
    require(TAX_STAFF)?;
    let filter = declaration_filter(year, period, state, business, late, use_lang())
        .map_err(AppError::Validation)?;
    Ok(db()?
        .search_declarations(&filter, 500)
        .await
        .map_err(internal)?
        .into_iter()
        .collect())
}

/// Parses the staff's filters (the list page and its CSV export alike); a choice that does
/// not parse is left out (shown as "all"), a search longer than staff searches take is
/// refused in words.
#[cfg(feature = "ssr")]
pub fn declaration_filter(
    year: Option<String>,
    period: Option<String>,
    state: Option<String>,
    business: Option<String>,
    late: Option<String>,
    lang: crate::domain::Lang,
) -> Result<DeclarationFilter, FormErrors> {
    let text = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let business = text(business);
    if !crate::domain::submission::search_fits(business.as_deref()) {
        let mut errors = FormErrors::default();
        errors.add("business", crate::api::cashier::search_too_long(lang));
        errors.keep("business", business.as_deref().unwrap_or_default());
        return Err(errors);
    }
    Ok(DeclarationFilter {
        year: text(year).and_then(|y| y.parse().ok()),
        period_number: text(period).and_then(|p| p.parse().ok()),
        state: text(state).and_then(|s| DeclarationState::parse(&s)),
        business,
        late: match text(late).as_deref() {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            _ => None,
        },
    })
}

/// A business's whole file, for clerks and cashiers.
#[server(endpoint = "staff_business_file")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn staff_business_file(business_id: String) -> Result<TaxFile, AppError> {
    require(TAX_STAFF)?;
    let business = db()?
        .business_by_id(&business_id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    tax_file(business).await
}

/// Which form field a row problem belongs to, and its message.
#[cfg(feature = "ssr")]
fn row_error_field(
    reason: ProblemReason,
    number_field: &'static str,
    amount_field: &'static str,
    date_field: &'static str,
) -> (&'static str, Msg) {
    match reason {
        ProblemReason::Afm => ("afm", Msg::ErrAfm),
        ProblemReason::Number => (number_field, Msg::ErrRecordNumber),
        ProblemReason::Description => ("description", Msg::ErrRequired),
        ProblemReason::Amount | ProblemReason::NegativeAmount => {
            (amount_field, Msg::ErrPositiveAmount)
        }
        ProblemReason::FutureDate => (date_field, Msg::ErrDateInFuture),
        ProblemReason::State => ("state", Msg::ErrRequired),
        _ => (date_field, Msg::ErrDateFormat),
    }
}

/// Cashiers enter one warrant.
#[server(endpoint = "add_warrant")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn add_warrant(
    warrant_afm: String,
    warrant_number: String,
    warrant_date: String,
    warrant_description: String,
    amount: String,
) -> Result<(), AppError> {
    let user = require(Need::AnyRole(&[Role::Cashier]))?;
    let lang = use_lang();
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("warrant_afm", &warrant_afm),
        ("warrant_number", &warrant_number),
        ("warrant_date", &warrant_date),
        ("warrant_description", &warrant_description),
        ("amount", &amount),
    ] {
        errors.keep(name, value);
    }
    let warrant = match NewWarrant::parse(
        &warrant_afm,
        &warrant_number,
        &as_iso(&warrant_date),
        &warrant_description,
        &amount,
        "",
        "",
        today(),
    ) {
        Ok(warrant) => warrant,
        Err((reason, _)) => {
            let (field, msg) = row_error_field(reason, "warrant_number", "amount", "warrant_date");
            // The warrant form's own names for the fields it shares with the debt form.
            let field = match field {
                "afm" => "warrant_afm",
                "description" => "warrant_description",
                other => other,
            };
            errors.add(field, msg.text(lang));
            return Err(AppError::Validation(errors));
        }
    };
    if !db()?
        .add_warrant(&warrant, &Actor::User(user.id))
        .await
        .map_err(internal)?
    {
        errors.add("warrant_number", Msg::ErrNumberTaken.text(lang));
        return Err(AppError::Validation(errors));
    }
    redirect_local("/staff/tax/records?saved=warrant");
    Ok(())
}

/// Cashiers record that the municipality has paid a warrant.
#[server(endpoint = "mark_warrant_paid")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn mark_warrant_paid(warrant_id: String, business_id: String) -> Result<(), AppError> {
    let user = require(Need::AnyRole(&[Role::Cashier]))?;
    db()?
        .mark_warrant_paid(&warrant_id, today(), &Actor::User(user.id))
        .await
        .map_err(internal)?;
    redirect_local(&format!("/staff/tax/businesses/{business_id}"));
    Ok(())
}

/// A kept import report of debts or warrants.
#[server(endpoint = "tax_import_report")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn tax_import_report(id: String) -> Result<ImportView, AppError> {
    require(TAX_STAFF)?;
    db()?
        .tax_import(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)
}
