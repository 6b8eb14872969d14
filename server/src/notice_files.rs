//! A notice's PDF, for its debtor (an ΑΦΜ proved to be theirs) or staff: the same rule as
//! the notice's page, and "not found" for anyone else.

use crate::access::{allow, lang_of, not_found};
use crate::state::AppState;
use app::auth::{CurrentUser, Need};
use app::backend::notice_pdf::{notice_pdf, NoticeIssuer};
use app::backend::notices::notice_code;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};

pub fn routes() -> Router<AppState> {
    Router::new().route("/notices/{id}/pdf", get(notice_as_pdf))
}

/// Longest id in a URL worth looking up.
const MAX_ID_CHARS: usize = 64;

async fn notice_as_pdf(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(&headers);
    let user = match allow(user, Need::SignedIn, lang, "/notices") {
        Ok(user) => user,
        Err(refusal) => return refusal.into_response(),
    };
    let Some(settings) = state.notices.clone() else {
        return not_found(lang);
    };
    if id.len() > MAX_ID_CHARS {
        return not_found(lang);
    }
    match state.db.may_see_notice(&user.id, user.role, &id).await {
        Ok(Some(true)) => {}
        Ok(_) => return not_found(lang),
        Err(error) => {
            tracing::error!(%error, "notice lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    let doc = match state
        .db
        .notice_doc(&settings, &id, app::backend::today())
        .await
    {
        Ok(Some(doc)) => doc,
        Ok(None) => return not_found(lang),
        Err(error) => {
            tracing::error!(%error, "notice lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let site = state.site.clone();
    let filename = match doc.row.number {
        Some(number) => format!("notice-{number}.pdf"),
        None => "notice.pdf".to_owned(),
    };
    // Typesetting is CPU work: off the async workers.
    let pdf = tokio::task::spawn_blocking(move || {
        let code = notice_code(&settings, &doc);
        let issuer = NoticeIssuer {
            name: site.municipality_name(lang),
            address: &site.municipality_address,
        };
        notice_pdf(&doc, &issuer, code.as_ref(), lang)
    })
    .await;
    match pdf {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{filename}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(error)) => {
            tracing::error!(%error, "notice PDF failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(error) => {
            tracing::error!(%error, "notice PDF task failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
