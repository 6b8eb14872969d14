//! Who may use a route that is not a server function (downloads, uploads): the same
//! `Need` check as a server function's `require`, before anything is read, and the answers
//! a refused caller gets.

use app::auth::{Need, SessionUser};
use app::domain::account::Role;
use app::domain::Lang;
use app::i18n::{percent_encode, Msg};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

pub fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_cookie_header)
        .unwrap_or_default()
}

pub fn sign_in_first(path: &str) -> Response {
    crate::redirect::see_other(&format!("/login?next={}", percent_encode(path, true)))
}

/// Why a route refused its caller.
pub enum Refusal {
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
pub fn allow(
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

pub fn not_found(lang: Lang) -> Response {
    (StatusCode::NOT_FOUND, Msg::ErrNotFound.text(lang)).into_response()
}
