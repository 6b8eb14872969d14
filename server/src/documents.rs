//! Files people download: a receipt's PDF (for its payer or a cashier) and the cashier's
//! CSV export of the payments a filter selects. Each checks who asks, like a server function.

use crate::http::AppState;
use app::api::cashier::PaymentQuery;
use app::auth::{CurrentUser, SessionUser};
use app::backend::receipts::receipt_pdf;
use app::domain::account::Role;
use app::domain::time::format_local;
use app::domain::{Lang, Money};
use app::i18n::{percent_encode, Msg};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/payments/{id}/receipt.pdf", get(receipt_as_pdf))
        .route("/staff/payments-export.csv", get(payments_as_csv))
}

fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_cookie_header)
        .unwrap_or_default()
}

fn sign_in_first(path: &str) -> Response {
    Redirect::to(&format!("/login?next={}", percent_encode(path, true))).into_response()
}

fn not_found(lang: Lang) -> Response {
    (StatusCode::NOT_FOUND, Msg::ErrNotFound.text(lang)).into_response()
}

async fn receipt_as_pdf(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Path(payment_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    let Some(user) = user else {
        return sign_in_first(&format!("/payments/{payment_id}/receipt"));
    };
    let (receipt, payer_id) = match state.db.receipt(&state.purposes, &payment_id).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(lang),
        Err(error) => {
            tracing::error!(%error, "receipt lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    // Someone else's receipt is "not found", as on the receipt page.
    if payer_id.as_deref() != Some(user.id.as_str()) && user.role != Role::Cashier {
        return not_found(lang);
    }
    let issuer = format!(
        "{} · {}",
        state.site.municipality_name_el, state.site.municipality_name_en
    );
    // Typesetting is CPU work: keep it off the async workers.
    let pdf = tokio::task::spawn_blocking(move || receipt_pdf(&receipt, &issuer)).await;
    match pdf {
        Ok(Ok(bytes)) => {
            let filename = format!("receipt-{}.pdf", payment_id.replace(['/', '"'], "-"));
            (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("inline; filename=\"{filename}\""),
                    ),
                    (header::CACHE_CONTROL, "private, no-store".to_owned()),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(Err(error)) => {
            tracing::error!(%error, "receipt PDF failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(error) => {
            tracing::error!(%error, "receipt PDF task failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn is_cashier(user: &SessionUser) -> bool {
    user.role == Role::Cashier
}

async fn payments_as_csv(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Query(query): Query<PaymentQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    let Some(user) = user else {
        return sign_in_first("/staff/payments");
    };
    if !is_cashier(&user) {
        return (StatusCode::FORBIDDEN, Msg::ErrForbidden.text(lang)).into_response();
    }
    let filter = match query.parse(lang) {
        Ok(filter) => filter,
        Err(errors) => {
            let text = errors
                .fields
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("\n");
            return (StatusCode::BAD_REQUEST, text).into_response();
        }
    };
    let rows = match state.db.payment_rows(&filter, None).await {
        Ok(rows) => rows,
        Err(error) => {
            tracing::error!(%error, "payments export failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    match payments_csv(&rows) {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"payments.csv\"",
                ),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "payments CSV failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The CSV text: a byte-order mark (spreadsheets then read Greek right), a header row, and
/// amounts as plain decimals with a dot (`30.50`) so every spreadsheet reads them as numbers.
pub fn payments_csv(rows: &[app::api::cashier::CashierRow]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record([
        "payment_id",
        "created_local",
        "state",
        "purpose",
        "purpose_id",
        "amount_eur",
        "refunded_eur",
        "receipt",
        "bank_reference",
        "payer_name",
        "payer_email",
    ])?;
    let euros = |cents: i64| Money::from_cents(cents).as_decimal().to_string();
    for row in rows {
        out.write_record([
            row.id.as_str(),
            &format_local(row.created_at_ms, Lang::El),
            &row.state,
            &row.purpose_kind,
            &row.purpose_id,
            &euros(row.amount_cents),
            &euros(row.refunded_cents),
            row.receipt.as_deref().unwrap_or(""),
            row.provider_ref.as_deref().unwrap_or(""),
            row.payer_name.as_deref().unwrap_or(""),
            row.payer_email.as_deref().unwrap_or(""),
        ])?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

/// Largest CSV of issued tickets accepted (100,000 tickets are about 8 MiB).
pub const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;

/// The staff's upload of issued tickets (multipart, field `file`). The report, with every
/// bad row's line and reason, is kept and shown at `/staff/fines/imports/{id}`.
pub fn import_routes() -> Router<AppState> {
    Router::new()
        .route("/staff/fines/import", axum::routing::post(import_fines))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_IMPORT_BYTES))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_IMPORT_BYTES,
        ))
}

async fn import_fines(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    headers: HeaderMap,
    mut form: axum::extract::Multipart,
) -> Response {
    let lang = lang_of(&headers);
    let Some(user) = user else {
        return sign_in_first("/staff/fines");
    };
    if !matches!(user.role, Role::Clerk | Role::Cashier) {
        return (StatusCode::FORBIDDEN, Msg::ErrForbidden.text(lang)).into_response();
    }
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("tickets.csv").to_owned();
            match field.bytes().await {
                Ok(bytes) => file = Some((name, bytes.to_vec())),
                Err(_) => return (StatusCode::PAYLOAD_TOO_LARGE, "file too large").into_response(),
            }
        }
    }
    let Some((name, bytes)) = file else {
        return (StatusCode::BAD_REQUEST, Msg::ErrRequired.text(lang)).into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    match state
        .db
        .import_fines(&text, &state.site.municipality_code, &name, Some(&user.id))
        .await
    {
        Ok(report) => Redirect::to(&format!("/staff/fines/imports/{}", report.id)).into_response(),
        Err(error) => {
            tracing::error!(%error, "fines import failed");
            (StatusCode::SERVICE_UNAVAILABLE, Msg::ErrInternal.text(lang)).into_response()
        }
    }
}
