//! Server functions, one module per capability. Each is thin: session → authorize → parse →
//! backend → map errors. Endpoints are fixed (`/api/<name>`) so forms and tests can name them.

pub mod accounts;
pub mod bank;
pub mod campaigns;
pub mod cashier;
pub mod debts;
pub mod fine_catalogue;
pub mod fines;
pub mod notices;
pub mod payments;
pub mod staff;
pub mod submissions;
pub mod tax;
pub mod tax_rates;
pub mod taxisnet;

#[cfg(feature = "ssr")]
pub(crate) mod context {
    //! What server functions take from the server's context.

    use crate::backend::mailer::{Email, SharedMailer};
    use crate::backend::sessions::SessionPolicy;
    use crate::backend::Db;
    use crate::domain::LocalPath;
    use crate::error::AppError;
    use crate::site::SiteInfo;
    use leptos::prelude::use_context;

    pub fn db() -> Result<Db, AppError> {
        use_context::<Db>().ok_or(AppError::Internal)
    }

    pub fn policy() -> SessionPolicy {
        use_context::<SessionPolicy>().unwrap_or_default()
    }

    pub fn site() -> std::sync::Arc<SiteInfo> {
        SiteInfo::current()
    }

    /// Sends an e-mail; a failure is logged and does not undo what the user did.
    pub async fn send_mail(email: Email) {
        let Some(mailer) = use_context::<SharedMailer>() else {
            tracing::error!("no mailer configured; e-mail dropped");
            return;
        };
        if let Err(error) = mailer.send(&email).await {
            AppError::internal(&error);
        }
    }

    /// Maps a database error to the opaque internal error, logging the cause.
    pub fn internal(error: impl std::error::Error + 'static) -> AppError {
        AppError::internal(&error)
    }

    pub fn set_cookie(value: &str) {
        use http::{header::SET_COOKIE, HeaderValue};
        if let (Some(response), Ok(value)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            HeaderValue::from_str(value),
        ) {
            response.append_header(SET_COOKIE, value);
        }
    }

    /// The guest pass the browser holds, if any (a visitor without an account who proved
    /// a ticket).
    pub fn guest_pass() -> Option<crate::backend::guests::GuestPass> {
        use_context::<http::request::Parts>().and_then(|parts| {
            parts
                .headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .and_then(crate::backend::guests::GuestPass::from_cookie_header)
        })
    }

    /// Whether the browser's guest pass opens `subject`.
    pub async fn guest_may(
        subject: crate::backend::guests::GuestSubject,
        id: &str,
    ) -> Result<bool, AppError> {
        db()?
            .guest_may(guest_pass().as_ref(), subject, id)
            .await
            .map_err(internal)
    }

    /// Grants the visitor's guest pass (a new one, set as a cookie, if they hold none that
    /// is valid) the right to open `subject`.
    pub async fn grant_guest(
        subject: crate::backend::guests::GuestSubject,
        id: &str,
    ) -> Result<(), AppError> {
        let db = db()?;
        let (pass, new_token) = db
            .guest_pass(guest_pass().as_ref())
            .await
            .map_err(internal)?;
        if let Some(token) = new_token {
            set_cookie(&crate::backend::guests::guest_cookie(
                &token,
                policy().secure_cookie,
            ));
        }
        db.grant_guest(&pass, subject, id).await.map_err(internal)
    }

    /// The session token the browser sent, if any.
    pub fn session_token() -> Option<String> {
        use_context::<http::request::Parts>().and_then(|parts| {
            parts
                .headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .and_then(crate::backend::sessions::token_from_cookie_header)
                .map(str::to_owned)
        })
    }

    /// A local path to go to after sign-in; without one, the person's own start page
    /// ("my town hall" for residents, the staff home for staff).
    pub fn safe_next(next: Option<String>, role: crate::domain::account::Role) -> String {
        next.as_deref()
            .and_then(LocalPath::parse)
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| role.start_page().into())
    }

    /// Sends the browser to a path on this site once the server function returns. The one
    /// way server functions redirect: the path is checked (a bad one goes home) and the
    /// framework's redirect, which panics on a header-unsafe value, never sees anything else.
    pub fn redirect_local(path: &str) {
        leptos_axum::redirect(LocalPath::or(path, "/").as_str());
    }

    /// Sends the payer's browser to the bank's hosted page: the only redirect that leaves
    /// the site, to an address the payment gateway built (never one from the request).
    pub fn redirect_to_bank(url: &str) {
        match http::HeaderValue::from_str(url) {
            Ok(_) => leptos_axum::redirect(url),
            Err(_) => tracing::error!("the gateway built an address that is not a header value"),
        }
    }
}
