//! The staff's uploads: issued traffic tickets (clerks, cashiers) and certified debts
//! (clerks, cashiers) or warrants (cashiers). The role is checked before a byte of the upload
//! is read; the report of every bad row is kept and shown on its own page.

use crate::access::{allow, lang_of, FILE_STAFF};
use crate::state::AppState;
use app::auth::CurrentUser;
use app::domain::account::Role;
use app::i18n::Msg;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};

pub const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;
/// The financial system's export of the whole register: a million debts is about 130 MB.
pub const MAX_DEBT_IMPORT_BYTES: usize = 256 * 1024 * 1024;
/// A bank's camt.054 of a busy day: 100,000 transfers are about 80 MB of XML.
pub const MAX_BANK_FILE_BYTES: usize = 160 * 1024 * 1024;

/// The staff's upload of issued tickets (multipart, field `file`). The report, with every
/// bad row's line and reason, is kept and shown at `/staff/fines/imports/{id}`.
pub fn routes() -> Router<AppState> {
    let debts = Router::new()
        .route("/staff/debts/import", axum::routing::post(import_debts))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_DEBT_IMPORT_BYTES))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_DEBT_IMPORT_BYTES,
        ));
    let bank = Router::new()
        .route("/staff/bank/import", axum::routing::post(import_bank_file))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BANK_FILE_BYTES))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_BANK_FILE_BYTES,
        ));
    Router::new()
        .route("/staff/fines/import", axum::routing::post(import_fines))
        .route("/staff/tax/import", axum::routing::post(import_tax_records))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_IMPORT_BYTES))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_IMPORT_BYTES,
        ))
        .merge(debts)
        .merge(bank)
}

/// The staff's upload of the register's export (multipart, field `file`): the import runs
/// in the background (parsing on the blocking threads) and the browser goes at once to its
/// page, which shows a progress bar and, at the end, the report.
async fn import_debts(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    headers: HeaderMap,
    mut form: axum::extract::Multipart,
) -> Response {
    let lang = lang_of(&headers);
    let user = match allow(user, FILE_STAFF, lang, "/staff/debts/import") {
        Ok(user) => user,
        Err(refusal) => return refusal.into_response(),
    };
    let (name, bytes) = match uploaded_file(&mut form, "debts.csv", lang).await {
        Ok(file) => file,
        Err(refusal) => return refusal,
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, Msg::ErrNotUtf8.text(lang)).into_response();
    };
    let actor = app::backend::audit::Actor::User(user.id.clone());
    let id = match state.db.start_debt_import(&actor, Some(&name)).await {
        Ok(id) => id,
        Err(error) => {
            tracing::error!(%error, "debts import could not start");
            return (StatusCode::SERVICE_UNAVAILABLE, Msg::ErrInternal.text(lang)).into_response();
        }
    };
    let (db, import_id) = (state.db.clone(), id.clone());
    tokio::spawn(async move {
        if let Err(error) = db.run_debt_import(&import_id, text, &actor).await {
            tracing::error!(%error, "debts import failed");
        }
    });
    crate::redirect::see_other(&format!("/staff/debts/imports/{id}"))
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
        Ok(report) => crate::redirect::see_other(&format!("/staff/fines/imports/{}", report.id)),
        Err(error) => {
            tracing::error!(%error, "fines import failed");
            (StatusCode::SERVICE_UNAVAILABLE, Msg::ErrInternal.text(lang)).into_response()
        }
    }
}

/// The cashier's upload of the bank's camt.054 file (multipart, field `file`): the
/// transfers are recorded and reconciled, and the browser goes to the file's report; a file
/// that does not read is refused whole, in words (422).
async fn import_bank_file(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    headers: HeaderMap,
    mut form: axum::extract::Multipart,
) -> Response {
    use app::backend::bank_files::BankFileError;
    let lang = lang_of(&headers);
    let user = match allow(user, crate::access::CASHIERS, lang, "/staff/bank") {
        Ok(user) => user,
        Err(refusal) => return refusal.into_response(),
    };
    let (name, bytes) = match uploaded_file(&mut form, "camt054.xml", lang).await {
        Ok(file) => file,
        Err(refusal) => return refusal,
    };
    let actor = app::backend::audit::Actor::User(user.id.clone());
    match state
        .db
        .import_bank_file(&state.purposes, bytes, Some(&name), &actor)
        .await
    {
        Ok(report) => {
            // The receipts go out now, not at the worker's next round.
            if report.paid > 0 {
                let state = state.clone();
                tokio::spawn(async move {
                    app::backend::payments::run_due_receipt_mails(
                        &state.db,
                        &state.mailer,
                        &state.site.public_base_url,
                        app::backend::now_ms(),
                    )
                    .await;
                });
            }
            crate::redirect::see_other(&format!("/staff/bank/files/{}", report.file_id))
        }
        Err(BankFileError::Refused(error)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            camt_error_text(&error, lang),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "bank file import failed");
            (StatusCode::SERVICE_UNAVAILABLE, Msg::ErrInternal.text(lang)).into_response()
        }
    }
}

/// The upload's `file` field: its name (control characters dropped, 120 characters at most)
/// and bytes; a missing file is 400 and one over the size limit 413, in words.
async fn uploaded_file(
    form: &mut axum::extract::Multipart,
    default_name: &str,
    lang: app::domain::Lang,
) -> Result<(String, Vec<u8>), Response> {
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("file") {
            let name: String = field
                .file_name()
                .unwrap_or(default_name)
                .chars()
                .filter(|c| !c.is_control())
                .take(120)
                .collect();
            match field.bytes().await {
                Ok(bytes) => file = Some((name, bytes.to_vec())),
                Err(_) => {
                    return Err((StatusCode::PAYLOAD_TOO_LARGE, "file too large").into_response())
                }
            }
        }
    }
    file.ok_or_else(|| (StatusCode::BAD_REQUEST, Msg::ErrRequired.text(lang)).into_response())
}

/// Why a bank file was refused, in words that say what to do.
pub fn camt_error_text(
    error: &app::backend::camt054::CamtError,
    lang: app::domain::Lang,
) -> String {
    use app::backend::camt054::CamtError;
    match error {
        CamtError::Xml { position, .. } => Msg::ErrBankFileXml
            .text(lang)
            .replace("{position}", &position.to_string()),
        CamtError::Truncated => Msg::ErrBankFileTruncated.text(lang).to_owned(),
        CamtError::NotCamt054 { .. } => Msg::ErrBankFileNotCamt.text(lang).to_owned(),
        CamtError::MissingAmount { entry }
        | CamtError::BadAmount { entry, .. }
        | CamtError::MissingIndicator { entry }
        | CamtError::MissingReference { entry } => Msg::ErrBankFileEntry
            .text(lang)
            .replace("{entry}", &entry.to_string()),
    }
}

/// The staff's declaration filters, as the list page puts them in the query string.
/// The staff's upload of certified debts (clerks, cashiers) or warrants (cashiers):
/// multipart with fields `kind` (`debts` or `warrants`) and `file`.
async fn import_tax_records(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    headers: HeaderMap,
    mut form: axum::extract::Multipart,
) -> Response {
    use app::backend::tax_records::ImportKind;
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
        Ok(report) => crate::redirect::see_other(&format!("/staff/tax/imports/{}", report.id)),
        Err(error) => {
            tracing::error!(%error, "tax records import failed");
            (StatusCode::SERVICE_UNAVAILABLE, Msg::ErrInternal.text(lang)).into_response()
        }
    }
}
