//! Files people download: a receipt's PDF (for its payer or a cashier) and the cashier's
//! CSV export of the payments a filter selects. Each checks who asks, like a server function.

use crate::state::AppState;
use app::api::cashier::PaymentQuery;
use app::auth::{CurrentUser, Need, SessionUser};
use app::backend::csv_export::{Cell, CsvExport};
use app::backend::receipts::receipt_pdf;
use app::domain::account::Role;
use app::domain::payment::may_see_receipt;
use app::domain::time::format_local;
use app::domain::{Lang, Money};
use app::i18n::{percent_encode, Msg};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/payments/{id}/receipt.pdf", get(receipt_as_pdf))
        .route("/staff/payments-export.csv", get(payments_as_csv))
        .route("/staff/tax/declarations.csv", get(declarations_as_csv))
}

fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_cookie_header)
        .unwrap_or_default()
}

fn sign_in_first(path: &str) -> Response {
    crate::http::see_other(&format!("/login?next={}", percent_encode(path, true)))
}

/// Why a route refused its caller.
enum Refusal {
    /// Nobody signed in: to the sign-in page, then back to this path.
    SignIn(String),
    Forbidden(Lang),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::SignIn(path) => sign_in_first(&path),
            Refusal::Forbidden(lang) => {
                (StatusCode::FORBIDDEN, Msg::ErrForbidden.text(lang)).into_response()
            }
        }
    }
}

/// The same check as a server function's `require`: the signed-in user who meets `need`,
/// else the refusal (sign in first, or 403 in words). Runs before any body is read.
fn allow(
    user: Option<SessionUser>,
    need: Need,
    lang: Lang,
    sign_in_then: &str,
) -> Result<SessionUser, Refusal> {
    match (need.check(user.as_ref()), user) {
        (Ok(()), Some(user)) => Ok(user),
        (Err(app::error::AppError::Forbidden), _) => Err(Refusal::Forbidden(lang)),
        _ => Err(Refusal::SignIn(sign_in_then.to_owned())),
    }
}

/// Who may use each route of this module (listed in the authorization matrix too).
pub const CASHIERS: Need = Need::AnyRole(&[Role::Cashier]);
pub const FILE_STAFF: Need = Need::AnyRole(&[Role::Clerk, Role::Cashier]);

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
    let user = match allow(
        user,
        Need::SignedIn,
        lang,
        &format!("/payments/{payment_id}/receipt"),
    ) {
        Ok(user) => user,
        Err(refusal) => return refusal.into_response(),
    };
    let (receipt, payer_id) = match state.db.receipt(&state.purposes, &payment_id).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(lang),
        Err(error) => {
            tracing::error!(%error, "receipt lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    // Someone else's receipt is "not found", as on the receipt page (one rule for both).
    if !may_see_receipt(payer_id.as_deref(), &user.id, user.role) {
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

async fn payments_as_csv(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Query(query): Query<PaymentQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    if let Err(refusal) = allow(user, CASHIERS, lang, "/staff/payments") {
        return refusal.into_response();
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
    csv_download(payments_csv(&rows), "payments.csv")
}

/// A CSV file to download (never cached), or a 500 with the cause logged.
fn csv_download(body: Result<Vec<u8>, csv::Error>, filename: &'static str) -> Response {
    match body {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{filename}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, filename, "CSV export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The payments as CSV: amounts as plain decimals with a dot (`30.50`) so every
/// spreadsheet reads them as numbers; people's text neutralised (`CsvExport`).
pub fn payments_csv(rows: &[app::api::cashier::CashierRow]) -> Result<Vec<u8>, csv::Error> {
    let mut out = CsvExport::new(&[
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
    for row in rows {
        out.row(&[
            Cell::Text(&row.id),
            Cell::Text(&format_local(row.created_at_ms, Lang::El)),
            Cell::Text(&row.state),
            Cell::Text(&row.purpose_kind),
            Cell::Text(&row.purpose_id),
            euros(row.amount_cents),
            euros(row.refunded_cents),
            Cell::Text(row.receipt.as_deref().unwrap_or("")),
            Cell::Text(row.provider_ref.as_deref().unwrap_or("")),
            Cell::Text(row.payer_name.as_deref().unwrap_or("")),
            Cell::Text(row.payer_email.as_deref().unwrap_or("")),
        ])?;
    }
    out.finish()
}

fn euros(cents: i64) -> Cell<'static> {
    Cell::Number(Money::from_cents(cents).as_decimal().to_string())
}

/// Largest CSV of issued tickets accepted (100,000 tickets are about 8 MiB).
pub const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;

/// The staff's upload of issued tickets (multipart, field `file`). The report, with every
/// bad row's line and reason, is kept and shown at `/staff/fines/imports/{id}`.
pub fn import_routes() -> Router<AppState> {
    Router::new()
        .route("/staff/fines/import", axum::routing::post(import_fines))
        .route("/staff/tax/import", axum::routing::post(import_tax_records))
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
    let user = match allow(user, FILE_STAFF, lang, "/staff/fines") {
        Ok(user) => user,
        Err(refusal) => return refusal.into_response(),
    };
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
        Ok(report) => crate::http::see_other(&format!("/staff/fines/imports/{}", report.id)),
        Err(error) => {
            tracing::error!(%error, "fines import failed");
            (StatusCode::SERVICE_UNAVAILABLE, Msg::ErrInternal.text(lang)).into_response()
        }
    }
}

/// The staff's declaration filters, as the list page puts them in the query string.
#[derive(Debug, Default, serde::Deserialize)]
pub struct DeclarationQuery {
    pub year: Option<String>,
    pub period: Option<String>,
    pub state: Option<String>,
    pub business: Option<String>,
    pub late: Option<String>,
}

/// The declarations list as CSV, with the list page's filters (clerks and cashiers).
async fn declarations_as_csv(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Query(query): Query<DeclarationQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    if let Err(refusal) = allow(user, FILE_STAFF, lang, "/staff/tax") {
        return refusal.into_response();
    }
    let filter = app::api::tax::declaration_filter(
        query.year,
        query.period,
        query.state,
        query.business,
        query.late,
    );
    let rows = match state.db.search_declarations(&filter, 1_000_000).await {
        Ok(rows) => rows,
        Err(error) => {
            tracing::error!(%error, "declarations export failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    csv_download(declarations_csv(&rows), "tax-declarations.csv")
}

/// Declarations as CSV: amounts as plain decimals, percentages as typed.
pub fn declarations_csv(rows: &[app::backend::tax::Declaration]) -> Result<Vec<u8>, csv::Error> {
    let mut out = CsvExport::new(&[
        "declaration_id",
        "business_afm",
        "business_name",
        "period_kind",
        "period",
        "year",
        "revision",
        "revenue_eur",
        "rate_percent",
        "tax_eur",
        "already_assessed_eur",
        "tax_due_eur",
        "due_date",
        "declared_on",
        "vat_filed_on",
        "late_months",
        "fine_percent",
        "fine_eur",
        "total_eur",
        "state",
        "receipt",
    ])?;
    for d in rows {
        out.row(&[
            Cell::Text(&d.id),
            Cell::Text(&d.business_afm),
            Cell::Text(&d.business_name),
            Cell::Text(&d.period_kind),
            Cell::Number(d.period_number.to_string()),
            Cell::Number(d.period_year.to_string()),
            Cell::Number(d.revision.to_string()),
            euros(d.revenue_cents),
            Cell::Number(d.rate_percent.clone()),
            euros(d.tax_cents),
            euros(d.already_assessed_cents),
            euros(d.tax_due_cents),
            Cell::Text(&d.due_date),
            Cell::Text(&d.declared_on),
            Cell::Text(&d.vat_filed_on),
            Cell::Number(d.late_months.to_string()),
            Cell::Number(d.fine_percent.clone()),
            euros(d.fine_cents),
            euros(d.total_cents),
            Cell::Text(&d.state),
            Cell::Text(d.receipt.as_deref().unwrap_or("")),
        ])?;
    }
    out.finish()
}

/// The staff's upload of certified debts (clerks, cashiers) or warrants (cashiers):
/// multipart with fields `kind` (`debts` or `warrants`) and `file`.
async fn import_tax_records(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    headers: HeaderMap,
    mut form: axum::extract::Multipart,
) -> Response {
    use app::backend::tax::ImportKind;
    let lang = lang_of(&headers);
    // Both kinds need clerk or cashier: refused before a byte of the upload is read.
    let user = match allow(user, FILE_STAFF, lang, "/staff/tax/records") {
        Ok(user) => user,
        Err(refusal) => return refusal.into_response(),
    };
    let may_import = |kind: Option<ImportKind>| match kind {
        Some(ImportKind::Warrants) => user.role == Role::Cashier,
        _ => true,
    };
    let mut kind: Option<ImportKind> = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Ok(Some(field)) = form.next_field().await {
        match field.name() {
            Some("kind") => {
                kind = field
                    .text()
                    .await
                    .ok()
                    .as_deref()
                    .and_then(ImportKind::parse);
                // The form sends the kind before the file: a warrant import by a clerk
                // stops here, unread.
                if !may_import(kind) {
                    return (StatusCode::FORBIDDEN, Msg::ErrForbidden.text(lang)).into_response();
                }
            }
            Some("file") => {
                let name = field.file_name().unwrap_or("records.csv").to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(_) => {
                        return (StatusCode::PAYLOAD_TOO_LARGE, "file too large").into_response()
                    }
                }
            }
            _ => {}
        }
    }
    if !may_import(kind) {
        return (StatusCode::FORBIDDEN, Msg::ErrForbidden.text(lang)).into_response();
    }
    let (Some(kind), Some((name, bytes))) = (kind, file) else {
        return (StatusCode::BAD_REQUEST, Msg::ErrRequired.text(lang)).into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    let actor = app::backend::audit::Actor::User(user.id.clone());
    match state.db.import_tax_csv(kind, &text, &name, &actor).await {
        Ok(report) => crate::http::see_other(&format!("/staff/tax/imports/{}", report.id)),
        Err(error) => {
            tracing::error!(%error, "tax records import failed");
            (StatusCode::SERVICE_UNAVAILABLE, Msg::ErrInternal.text(lang)).into_response()
        }
    }
}
