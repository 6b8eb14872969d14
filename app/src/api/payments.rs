//! Server functions of card payments: start a payment for a purpose (the amount comes from
//! the database), and read a payment's outcome. The test purpose's items are listed here too.

use crate::error::AppError;
use crate::views::payments::{PaymentLine, PaymentSummary, ReceiptDoc, TestItem};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{current_user, require, Need},
    crate::backend::gateway::{Checkout, GatewayError, PayMethod, PaymentGateway},
    crate::backend::guests::GuestSubject,
    crate::backend::payments::{Payer, PaymentError, Purposes, Report},
    crate::domain::payment::{PaymentEvent, PurposeKind},
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
    std::sync::Arc,
};

#[cfg(feature = "ssr")]
fn purposes() -> Result<Purposes, AppError> {
    use_context::<Purposes>().ok_or(AppError::Internal)
}

#[cfg(feature = "ssr")]
fn gateway() -> Result<Arc<dyn PaymentGateway>, AppError> {
    use_context::<Arc<dyn PaymentGateway>>().ok_or(AppError::Internal)
}

/// Creates (or reuses) the payment for a purpose and sends the payer to the bank's page.
/// `method` is `card` (default) or `iris` where the acquirer offers it. Without an account
/// a traffic ticket can be paid by whoever proved it (their guest pass), with an e-mail
/// address for the receipt.
#[server(endpoint = "pay")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn pay(
    kind: String,
    purpose_id: String,
    #[server(default)] method: Option<String>,
    #[server(default)] email: Option<String>,
) -> Result<(), AppError> {
    let user = current_user();
    let (db, purposes) = (db()?, purposes()?);
    let lang = use_lang();
    let say = |msg: Msg| AppError::Conflict(msg.text(lang).into());
    let method = PayMethod::parse(method.as_deref().unwrap_or("")).ok_or(AppError::NotFound)?;
    let kind = PurposeKind::parse(&kind).ok_or(AppError::NotFound)?;
    let pass = guest_pass();
    let guest_email = match &user {
        Some(_) => None,
        // Only tickets are paid without an account; everything else needs one.
        None if kind != PurposeKind::Fine => return Err(AppError::Unauthenticated),
        None => {
            let typed = email.unwrap_or_default();
            match crate::domain::account::parse_email(&typed) {
                Ok(address) => Some(address),
                Err(_) => {
                    let mut errors = FormErrors::default();
                    errors.keep("email", &typed);
                    errors.add("email", Msg::ErrReceiptEmail.text(lang));
                    return Err(AppError::Validation(errors));
                }
            }
        }
    };
    let payer = match (&user, &pass, &guest_email) {
        (Some(user), _, _) => Payer::Account(&user.id),
        (None, Some(pass), Some(email)) => Payer::Guest { pass, email },
        // No account and nothing proved: as for anyone, sign in first.
        _ => return Err(AppError::Unauthenticated),
    };
    let payment = match db
        .create_payment_for(&purposes, kind, &purpose_id, payer)
        .await
    {
        Ok(payment) => payment,
        Err(PaymentError::NothingToPay) => return Err(say(Msg::ErrNothingToPay)),
        Err(PaymentError::InProgressElsewhere) => return Err(say(Msg::ErrPaymentInProgress)),
        Err(PaymentError::UnknownPurpose | PaymentError::NotFound) => {
            return Err(AppError::NotFound)
        }
        Err(other) => return Err(internal(other)),
    };
    let (email, name) = match &user {
        Some(user) => (Some(user.email.as_str()), Some(user.full_name.as_str())),
        None => (guest_email.as_deref(), None),
    };
    send_to_bank(&payment, method, email, name).await
}

/// Marks a payment sent to the bank, opens it there and redirects the payer to the bank's
/// page. A bank that cannot be reached, or no bank at all, is said in words; the payment
/// stays as it was and the payer can try again.
#[cfg(feature = "ssr")]
pub(crate) async fn send_to_bank(
    payment: &crate::backend::payments::Payment,
    method: PayMethod,
    payer_email: Option<&str>,
    payer_name: Option<&str>,
) -> Result<(), AppError> {
    let (db, purposes, gateway) = (db()?, purposes()?, gateway()?);
    let lang = use_lang();
    if !gateway.methods().contains(&method) {
        return Err(AppError::Conflict(Msg::ErrPaymentsOff.text(lang).into()));
    }
    db.set_payer_language(&payment.id, lang)
        .await
        .map_err(internal)?;
    let site = site();
    let return_url = format!("{}/payments/{}", site.public_base_url, payment.id);
    let description = format!("{}-{}", payment.purpose_kind.as_str(), &payment.id[..8]);
    let started = gateway
        .start(Checkout {
            payment_id: &payment.id,
            amount: payment.amount(),
            merchant: site.municipality_name(lang),
            description: &description,
            return_url: &return_url,
            lang,
            method,
            payer_email,
            payer_name,
            existing_order: payment.provider_order.as_deref(),
        })
        .await;
    let started = match started {
        Ok(started) => started,
        Err(GatewayError::NotConfigured) => {
            return Err(AppError::Conflict(Msg::ErrPaymentsOff.text(lang).into()))
        }
        Err(error) => {
            tracing::warn!(%error, payment = %payment.id, "could not open the payment at the bank");
            return Err(AppError::Conflict(
                Msg::ErrBankUnavailable.text(lang).into(),
            ));
        }
    };
    if let Some(order) = &started.provider_order {
        db.set_provider_order(&payment.id, order)
            .await
            .map_err(internal)?;
    }
    db.record_payment_report(
        &purposes,
        &payment.id,
        Report::own(PaymentEvent::SentToBank, "user"),
    )
    .await
    .map_err(internal)?;
    redirect_to_bank(&started.redirect_url);
    Ok(())
}

#[server(endpoint = "payment_view")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn payment_view(id: String) -> Result<PaymentSummary, AppError> {
    let db = db()?;
    let payer = match current_user() {
        Some(user) => Some(user.id),
        // A guest's own payment, by their pass; without one, sign in first.
        None if guest_may(GuestSubject::Payment, &id).await? => None,
        None => return Err(AppError::Unauthenticated),
    };
    // Ownership: someone else's payment is "not found".
    db.payment_summary(&id, payer.as_deref())
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)
}

/// A receipt, for the payer or a cashier; anyone else gets "not found".
#[server(endpoint = "receipt_view")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn receipt_view(payment_id: String) -> Result<ReceiptDoc, AppError> {
    let user = current_user();
    let guest = user.is_none() && guest_may(GuestSubject::Payment, &payment_id).await?;
    if user.is_none() && !guest {
        return Err(AppError::Unauthenticated);
    }
    let (db, purposes) = (db()?, purposes()?);
    let (receipt, payer_id) = db
        .receipt(&purposes, &payment_id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    let allowed = match &user {
        Some(user) => {
            crate::domain::payment::may_see_receipt(payer_id.as_deref(), &user.id, user.role)
        }
        None => payer_id.is_none(),
    };
    if !allowed {
        return Err(AppError::NotFound);
    }
    Ok(receipt)
}

#[server(endpoint = "test_items")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn test_items() -> Result<Vec<TestItem>, AppError> {
    require(Need::SignedIn)?;
    db()?.unpaid_test_items().await.map_err(internal)
}

#[server(endpoint = "my_payments")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn my_payments() -> Result<Vec<PaymentLine>, AppError> {
    let user = require(Need::SignedIn)?;
    db()?.payments_of(&user.id).await.map_err(internal)
}

/// The public check of a receipt by its code (printed on it, in its QR code): genuine or
/// not, with number, date and amounts only. `None` when no receipt has this code.
#[server(endpoint = "check_receipt")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn check_receipt(
    code: String,
) -> Result<Option<crate::views::payments::CheckedReceipt>, AppError> {
    // Public, like the paper it checks; look-ups are rate-limited per client.
    let Some(code) = crate::domain::receipt_code::ReceiptCode::parse(&code) else {
        return Ok(None);
    };
    db()?.receipt_by_code(&code).await.map_err(internal)
}

/// The check form: a code typed by hand goes to its check page (only a well-formed code
/// reaches the address).
#[server(endpoint = "check_receipt_code")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn check_receipt_code(check_code: String) -> Result<(), AppError> {
    match crate::domain::receipt_code::ReceiptCode::parse(&check_code) {
        Some(code) => {
            redirect_local(&format!("/check/{}", code.as_str()));
            Ok(())
        }
        None => {
            let mut errors = FormErrors::default();
            errors.keep("check_code", &check_code);
            errors.add("check_code", Msg::ErrCheckCode.text(use_lang()));
            Err(AppError::Validation(errors))
        }
    }
}
