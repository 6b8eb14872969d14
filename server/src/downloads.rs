//! Files people download: a receipt's PDF (for its payer or a cashier) and the staff's CSV
//! exports (payments, tax declarations). Each checks who asks, like a server function.

use crate::access::{allow, lang_of, not_found, CASHIERS, FILE_STAFF};
use crate::state::AppState;
use app::api::cashier::PaymentQuery;
use app::auth::{CurrentUser, Need};
use app::backend::csv_export::{Cell, CsvExport};
use app::backend::guests::{GuestPass, GuestSubject};
use app::backend::receipt_pdf::{receipt_pdf, Issuer};
use app::domain::payment::may_see_receipt;
use app::domain::time::format_local;
use app::domain::{Lang, Money};
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
        .route("/staff/debts/report.csv", get(debt_report_as_csv))
        .route(
            "/staff/campaigns/{id}/failures.csv",
            get(campaign_failures_as_csv),
        )
}

/// Longest id in a URL worth looking up.
const MAX_ID_CHARS: usize = 64;

/// The debtors a campaign could not e-mail (or had no address for), with why, as CSV.
async fn campaign_failures_as_csv(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    if let Err(refusal) = allow(user, FILE_STAFF, lang, "/staff/campaigns") {
        return refusal.into_response();
    }
    if id.len() > MAX_ID_CHARS {
        return not_found(lang);
    }
    match state.db.campaign(&id).await {
        Ok(Some(_)) => {}
        Ok(None) => return not_found(lang),
        Err(error) => {
            tracing::error!(%error, "campaign lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    match state.db.campaign_failures(&id).await {
        Ok(failures) => csv_download(campaign_failures_csv(&failures), "campaign-failures.csv"),
        Err(error) => {
            tracing::error!(%error, "campaign failures export failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// One row per debtor not e-mailed: ΑΦΜ, name, address, outcome, reason, tries.
pub fn campaign_failures_csv(
    failures: &[app::views::campaigns::CampaignFailure],
) -> Result<Vec<u8>, csv::Error> {
    let mut out = CsvExport::new(&["afm", "name", "email", "outcome", "reason", "attempts"])?;
    for failure in failures {
        out.row(&[
            Cell::Text(&failure.afm),
            Cell::Text(&failure.name),
            Cell::Text(failure.email.as_deref().unwrap_or("")),
            Cell::Text(&failure.state),
            Cell::Text(failure.error.as_deref().unwrap_or("")),
            Cell::Number(failure.attempts.to_string()),
        ])?;
    }
    out.finish()
}

#[derive(serde::Deserialize)]
struct YearQuery {
    year: Option<String>,
}

/// The monthly table of amounts posted and collected, per category, as CSV.
async fn debt_report_as_csv(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Query(query): Query<YearQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    if let Err(refusal) = allow(user, FILE_STAFF, lang, "/staff/debts/report") {
        return refusal.into_response();
    }
    let this_year = app::backend::today().year;
    let year = match query.year.as_deref().map(str::trim) {
        None | Some("") => this_year,
        Some(text) => match text.parse::<i64>() {
            Ok(year) if (2000..=this_year + 1).contains(&year) => year,
            _ => {
                let message = app::i18n::Msg::ErrTaxYear.text(lang);
                return (StatusCode::UNPROCESSABLE_ENTITY, message).into_response();
            }
        },
    };
    let report = match state.db.debt_report(year).await {
        Ok(report) => report,
        Err(error) => {
            tracing::error!(%error, "debts report export failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    csv_download(debt_report_csv(&report), "debts-report.csv")
}

/// The debts table as CSV: one row per category and month, amounts as plain decimals.
pub fn debt_report_csv(report: &app::views::debts::DebtReport) -> Result<Vec<u8>, csv::Error> {
    let mut out = CsvExport::new(&[
        "year",
        "month",
        "category",
        "category_name",
        "posted_eur",
        "collected_eur",
    ])?;
    for row in &report.rows {
        out.row(&[
            Cell::Number(report.year.to_string()),
            Cell::Number(row.month.to_string()),
            Cell::Text(&row.category.code),
            Cell::Text(&row.category.name_el),
            euros(row.posted),
            euros(row.collected),
        ])?;
    }
    out.finish()
}

async fn receipt_as_pdf(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Path(payment_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    // A guest who paid without an account opens it with their pass; no one else unsigned.
    let pass = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(GuestPass::from_cookie_header);
    let guest = match (&user, pass) {
        (None, Some(pass)) => state
            .db
            .guest_may(Some(&pass), GuestSubject::Payment, &payment_id)
            .await
            .unwrap_or(false),
        _ => false,
    };
    let user = if guest {
        None
    } else {
        match allow(
            user,
            Need::SignedIn,
            lang,
            &format!("/payments/{payment_id}/receipt"),
        ) {
            Ok(user) => Some(user),
            Err(refusal) => return refusal.into_response(),
        }
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
    let allowed = match &user {
        Some(user) => may_see_receipt(payer_id.as_deref(), &user.id, user.role),
        None => payer_id.is_none(),
    };
    if !allowed {
        return not_found(lang);
    }
    let site = state.site.clone();
    let filename = format!("receipt-{}.pdf", receipt.number.replace(['/', '"'], "-"));
    // Typesetting is CPU work: keep it off the async workers. In the reader's language.
    let pdf = tokio::task::spawn_blocking(move || {
        let check_url = site.check_url(&receipt.code);
        let issuer = Issuer {
            name: site.municipality_name(lang),
            afm: &site.municipality_afm,
            address: &site.municipality_address,
            check_url: &check_url,
        };
        receipt_pdf(&receipt, &issuer, lang)
    })
    .await;
    match pdf {
        Ok(Ok(bytes)) => (
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
            .into_response(),
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
        Err(errors) => return refused_filter(&errors),
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

/// An export's filter that does not parse: 400, each problem in words by its field.
fn refused_filter(errors: &app::error::FormErrors) -> Response {
    let text = errors
        .fields
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("\n");
    (StatusCode::BAD_REQUEST, text).into_response()
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
pub fn payments_csv(rows: &[app::views::payments::CashierRow]) -> Result<Vec<u8>, csv::Error> {
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
            Cell::Text(row.state.as_str()),
            Cell::Text(row.purpose_kind.as_str()),
            Cell::Text(&row.purpose_id),
            euros(row.amount),
            euros(row.refunded),
            Cell::Text(row.receipt.as_deref().unwrap_or("")),
            Cell::Text(row.provider_ref.as_deref().unwrap_or("")),
            Cell::Text(row.payer_name.as_deref().unwrap_or("")),
            Cell::Text(row.payer_email.as_deref().unwrap_or("")),
        ])?;
    }
    out.finish()
}

/// Amounts as plain decimals with a dot (`30.50`), which every spreadsheet reads.
fn euros(amount: Money) -> Cell<'static> {
    Cell::Number(amount.as_decimal().to_string())
}

/// Largest CSV of issued tickets accepted (100,000 tickets are about 8 MiB).
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
    let filter = match app::api::tax::declaration_filter(
        query.year,
        query.period,
        query.state,
        query.business,
        query.late,
        lang,
    ) {
        Ok(filter) => filter,
        Err(errors) => return refused_filter(&errors),
    };
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
            euros(d.revenue),
            Cell::Number(d.rate_percent.clone()),
            euros(d.tax),
            euros(d.already_assessed),
            euros(d.tax_due),
            Cell::Text(&d.due_date),
            Cell::Text(&d.declared_on),
            Cell::Text(&d.vat_filed_on),
            Cell::Number(d.late_months.to_string()),
            Cell::Number(d.fine_percent.clone()),
            euros(d.fine),
            euros(d.total),
            Cell::Text(d.state.as_str()),
            Cell::Text(d.receipt.as_deref().unwrap_or("")),
        ])?;
    }
    out.finish()
}
