//! The bank's routes: its server-to-server callback (and the check of that address), and
//! the payer's return from banks that come back to one address for every payment.

use crate::redirect::see_other;
use crate::state::AppState;
use app::backend::now_ms;
use app::backend::payments::{run_receipt_job, PaymentError, Report, RECEIPT_MAIL_JOB};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// The bank checks the callback address (Viva asks for its webhook key).
pub async fn callback_check(State(state): State<AppState>) -> Response {
    match state.gateway.callback_check().await {
        Ok(Some(key)) => axum::Json(serde_json::json!({ "Key": key })).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::warn!(%error, "bank's callback check not answered");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The bank's server-to-server message: believed only as the gateway verifies it (a
/// signature, or the bank's own API), and only for the stored amount and order; repeated
/// or late messages change nothing.
pub async fn callback(State(state): State<AppState>, body: Bytes) -> Response {
    let report = match state.gateway.read_callback(&body).await {
        Ok(Some(report)) => report,
        Ok(None) => return StatusCode::OK.into_response(),
        Err(app::backend::gateway::GatewayError::Unreachable) => {
            // Could not ask the bank to confirm: let it send the message again.
            return (StatusCode::SERVICE_UNAVAILABLE, "retry").into_response();
        }
        Err(error) => {
            tracing::warn!(%error, "payment callback refused");
            return (StatusCode::BAD_REQUEST, "refused").into_response();
        }
    };
    let applied = state
        .db
        .record_payment_report(
            &state.purposes,
            &report.payment_id,
            Report::from_bank(&report, "callback"),
        )
        .await;
    match applied {
        Ok(_) => {
            send_receipt_now(&state, &report.payment_id).await;
            (StatusCode::OK, "ok").into_response()
        }
        Err(PaymentError::NotFound) => (StatusCode::NOT_FOUND, "unknown payment").into_response(),
        Err(PaymentError::AmountMismatch | PaymentError::OrderMismatch) => {
            (StatusCode::BAD_REQUEST, "refused").into_response()
        }
        Err(error) => {
            tracing::error!(%error, "payment callback failed");
            (StatusCode::SERVICE_UNAVAILABLE, "retry").into_response()
        }
    }
}

/// The receipt goes out at once; if mail fails, the job stays queued for retry.
async fn send_receipt_now(state: &AppState, payment_id: &str) {
    let now = now_ms();
    if let Ok(Some(job)) = state
        .db
        .claim_job_for(RECEIPT_MAIL_JOB, payment_id, now)
        .await
    {
        let _ = run_receipt_job(
            &state.db,
            &state.mailer,
            &state.site.public_base_url,
            &job,
            now,
        )
        .await;
    }
}

/// The payer back from a bank that returns to one address for every payment (Viva): the
/// address names the bank's order, which only says whom to ask; the bank's answer to a
/// status query decides, and the payer sees the payment's page.
pub async fn payer_returned(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let Some(order) = state.gateway.returned_order(&query) else {
        return see_other("/payments");
    };
    let payment = match state.db.payment_by_order(&order).await {
        Ok(Some(payment)) => payment,
        Ok(None) => return see_other("/payments"),
        Err(error) => {
            tracing::error!(%error, "payment lookup on return failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    if let Ok(Some(_)) = state
        .db
        .settle_payment(&state.purposes, state.gateway.as_ref(), &payment.id, false)
        .await
    {
        send_receipt_now(&state, &payment.id).await;
    }
    see_other(&format!("/payments/{}", payment.id))
}
