//! Server functions of card payments: start a payment for a purpose (the amount comes from
//! the database), and read a payment's outcome. The test purpose's items are listed here too.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need},
    crate::backend::gateway::{Checkout, GatewayError, PayMethod, PaymentGateway},
    crate::backend::payments::{PaymentError, Purposes, Report},
    crate::domain::payment::PaymentEvent,
    crate::i18n::{use_lang, Msg},
    std::sync::Arc,
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentSummary {
    pub id: String,
    pub purpose_kind: String,
    pub purpose_id: String,
    pub amount_cents: i64,
    pub state: String,
    pub failure_message: Option<String>,
    pub receipt: Option<String>,
}

/// One line of "my payments".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentLine {
    pub id: String,
    pub purpose_kind: String,
    pub amount_cents: i64,
    pub state: String,
    pub receipt: Option<String>,
    pub created_at_ms: i64,
}

/// A receipt as printed: on its page, in its PDF, and for the cashier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptDoc {
    pub number: String,
    pub issued_at_ms: i64,
    pub payment_id: String,
    pub payer_name: Option<String>,
    pub payer_email: Option<String>,
    pub purpose_kind: String,
    /// What was paid, in words (the purpose's description).
    pub purpose_text: String,
    pub amount_cents: i64,
    pub provider_ref: Option<String>,
    /// The refund notes issued against this receipt (confirmed refunds only).
    pub refunds: Vec<crate::api::cashier::RefundLine>,
}

impl ReceiptDoc {
    pub fn refunded_cents(&self) -> i64 {
        self.refunds.iter().map(|r| r.amount_cents).sum()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestItem {
    pub id: String,
    pub description: String,
    pub amount_cents: i64,
}

#[cfg(feature = "ssr")]
fn purposes() -> Result<Purposes, AppError> {
    use_context::<Purposes>().ok_or(AppError::Internal)
}

#[cfg(feature = "ssr")]
fn gateway() -> Result<Arc<dyn PaymentGateway>, AppError> {
    use_context::<Arc<dyn PaymentGateway>>().ok_or(AppError::Internal)
}

/// Creates (or reuses) the payment for a purpose and sends the payer to the bank's page.
/// `method` is `card` (default) or `iris` where the acquirer offers it.
#[server(endpoint = "pay")]
pub async fn pay(
    kind: String,
    purpose_id: String,
    #[server(default)] method: Option<String>,
) -> Result<(), AppError> {
    let user = require(Need::SignedIn)?;
    let (db, purposes) = (db()?, purposes()?);
    let say = |msg: Msg| AppError::Conflict(msg.text(use_lang()).into());
    let method = PayMethod::parse(method.as_deref().unwrap_or("")).ok_or(AppError::NotFound)?;
    let payment = match db
        .create_payment(&purposes, &kind, &purpose_id, Some(&user.id))
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
    send_to_bank(&payment, method, Some(&user)).await
}

/// Marks a payment sent to the bank, opens it there and redirects the payer to the bank's
/// page. A bank that cannot be reached, or no bank at all, is said in words; the payment
/// stays as it was and the payer can try again.
#[cfg(feature = "ssr")]
pub(crate) async fn send_to_bank(
    payment: &crate::backend::payments::Payment,
    method: PayMethod,
    payer: Option<&crate::auth::SessionUser>,
) -> Result<(), AppError> {
    let (db, purposes, gateway) = (db()?, purposes()?, gateway()?);
    let lang = use_lang();
    if !gateway.methods().contains(&method) {
        return Err(AppError::Conflict(Msg::ErrPaymentsOff.text(lang).into()));
    }
    let site = site();
    let return_url = format!("{}/payments/{}", site.public_base_url, payment.id);
    let description = format!("{}-{}", payment.purpose_kind, &payment.id[..8]);
    let started = gateway
        .start(Checkout {
            payment_id: &payment.id,
            amount: payment.amount(),
            merchant: site.municipality_name(lang),
            description: &description,
            return_url: &return_url,
            lang,
            method,
            payer_email: payer.map(|p| p.email.as_str()),
            payer_name: payer.map(|p| p.full_name.as_str()),
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
pub async fn payment_view(id: String) -> Result<PaymentSummary, AppError> {
    let user = require(Need::SignedIn)?;
    let db = db()?;
    let payment = db.payment(&id).await.map_err(internal)?;
    // Ownership: someone else's payment is "not found".
    let payment = payment
        .filter(|p| p.payer_id.as_deref() == Some(user.id.as_str()))
        .ok_or(AppError::NotFound)?;
    let receipt = db.receipt_of(&id).await.map_err(internal)?;
    Ok(PaymentSummary {
        id: payment.id,
        purpose_kind: payment.purpose_kind,
        purpose_id: payment.purpose_id,
        amount_cents: payment.amount_cents,
        state: payment.state,
        failure_message: payment.failure_message,
        receipt,
    })
}

/// A receipt, for the payer or a cashier; anyone else gets "not found".
#[server(endpoint = "receipt_view")]
pub async fn receipt_view(payment_id: String) -> Result<ReceiptDoc, AppError> {
    let user = require(Need::SignedIn)?;
    let (db, purposes) = (db()?, purposes()?);
    let (receipt, payer_id) = db
        .receipt(&purposes, &payment_id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    if !crate::domain::payment::may_see_receipt(payer_id.as_deref(), &user.id, user.role) {
        return Err(AppError::NotFound);
    }
    Ok(receipt)
}

#[server(endpoint = "test_items")]
pub async fn test_items() -> Result<Vec<TestItem>, AppError> {
    require(Need::SignedIn)?;
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT id, description, amount_cents FROM payment_test_items WHERE paid_by IS NULL ORDER BY description",
    )
    .fetch_all(db()?.pool())
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|(id, description, amount_cents)| TestItem {
            id,
            description,
            amount_cents,
        })
        .collect())
}

#[server(endpoint = "my_payments")]
pub async fn my_payments() -> Result<Vec<PaymentLine>, AppError> {
    let user = require(Need::SignedIn)?;
    let rows: Vec<(String, String, i64, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT p.id, p.purpose_kind, p.amount_cents, p.state, r.number, p.created_at_ms \
         FROM payments p LEFT JOIN receipts r ON r.payment_id = p.id \
         WHERE p.payer_id = $1 ORDER BY p.created_at_ms DESC LIMIT 200",
    )
    .bind(&user.id)
    .fetch_all(db()?.pool())
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, purpose_kind, amount_cents, state, receipt, created_at_ms)| PaymentLine {
                id,
                purpose_kind,
                amount_cents,
                state,
                receipt,
                created_at_ms,
            },
        )
        .collect())
}
