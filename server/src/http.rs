//! The axum router: Leptos pages and server functions, health check, language switch,
//! static files, and the middleware every request passes through.

use crate::config::Config;
use crate::static_files;
use app::auth::CurrentUser;
use app::backend::gateway::{PaymentGateway, SandboxGateway};
use app::backend::mailer::{FileMailer, SharedMailer, SmtpMailer};
use app::backend::payments::{
    run_receipt_job, PaymentError, Purposes, Report, TestItemPurpose, RECEIPT_MAIL_JOB,
};
use app::backend::protocol::{BuiltInRegistry, HttpRegistry, ProtocolError, SharedRegistry};
use app::backend::sessions::{token_from_cookie_header, SessionPolicy};
use app::backend::{now_ms, Db};
use app::domain::Lang;
use app::error::AppError;
use app::i18n::Msg;
use app::site::SiteInfo;
use app::{shell, App};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::extract::{FromRef, Path, Query, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota, RateLimiter};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use serde::Deserialize;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Largest request body accepted (forms and server-function calls).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub site: SiteInfo,
    /// Origins whose browser POSTs are accepted (the public base URL's).
    pub public_origin: Arc<str>,
    pub secure_cookies: bool,
    pub mailer: SharedMailer,
    pub sessions: SessionPolicy,
    /// Per-client limit on sign-in, registration and password-reset posts.
    pub auth_limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    pub client_ip_header: Option<Arc<str>>,
    pub protocol: SharedRegistry,
    pub gateway: Arc<dyn PaymentGateway>,
    pub purposes: Purposes,
    pub bank_secret: Arc<[u8]>,
    /// The built-in sandbox bank's pages are served (local runs and demos).
    pub sandbox_bank: bool,
}

/// Server functions that guess or spray credentials: rate-limited per client.
const RATE_LIMITED_PATHS: [&str; 4] = [
    "/api/login",
    "/api/register",
    "/api/forgot_password",
    "/api/reset_password",
];

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("DIMOS_MAIL_FROM is not an address like Name <name@example.gr>")]
    MailFrom,
    #[error("DIMOS_SMTP_URL is not usable")]
    Smtp(#[from] app::backend::mailer::MailError),
    #[error("DIMOS_PROTOCOL_URL is not usable")]
    Protocol(#[from] ProtocolError),
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(config: &Config, db: Db) -> Result<AppState, StateError> {
        let leptos_options = LeptosOptions::builder()
            .output_name("dimos")
            .site_root(config.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(config.listen)
            .build();
        let from = config.mail_from.parse().map_err(|_| StateError::MailFrom)?;
        let mailer: SharedMailer = match &config.smtp_url {
            Some(url) => Arc::new(SmtpMailer::new(url, from)?),
            None => Arc::new(FileMailer {
                dir: config.outbox_dir.clone(),
                from,
            }),
        };
        let per_minute =
            NonZeroU32::new(config.auth_attempts_per_minute).unwrap_or(NonZeroU32::MIN);
        let protocol: SharedRegistry = match &config.protocol_url {
            Some(url) => Arc::new(HttpRegistry::new(
                url,
                &config.protocol_token,
                Duration::from_secs(config.protocol_timeout_secs.unsigned_abs()),
            )?),
            None => Arc::new(BuiltInRegistry),
        };
        Ok(AppState {
            leptos_options,
            db,
            site: config.site.clone(),
            public_origin: config.public_origin().into(),
            secure_cookies: config.is_https(),
            mailer,
            sessions: SessionPolicy {
                idle_ms: config.session_idle_minutes * 60 * 1000,
                absolute_ms: config.session_max_hours * 60 * 60 * 1000,
                secure_cookie: config.is_https(),
            },
            auth_limiter: Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute))),
            client_ip_header: config.client_ip_header.as_deref().map(Arc::from),
            protocol,
            gateway: Arc::new(SandboxGateway {
                secret: config.bank_secret.as_bytes().to_vec(),
                base_url: config.site.public_base_url.clone(),
            }),
            sandbox_bank: config.sandbox_bank,
            purposes: Purposes::default()
                .with(Arc::new(TestItemPurpose))
                .with(Arc::new(app::backend::fines::FinePurpose))
                .with(Arc::new(app::backend::tax::TaxPurpose))
                .with(Arc::new(app::backend::tax::TaxDebtPurpose)),
            bank_secret: Arc::from(config.bank_secret.as_bytes()),
        })
    }
}

pub fn build_router(state: AppState) -> Router {
    let context = {
        let db = state.db.clone();
        let site = state.site.clone();
        let mailer = state.mailer.clone();
        let sessions = state.sessions;
        let protocol = state.protocol.clone();
        let gateway = state.gateway.clone();
        let purposes = state.purposes.clone();
        move || {
            provide_context(protocol.clone());
            provide_context(gateway.clone());
            provide_context(purposes.clone());
            provide_context(db.clone());
            provide_context(site.clone());
            provide_context(mailer.clone());
            provide_context(sessions);
        }
    };
    let pkg_dir = std::path::Path::new(&*state.leptos_options.site_root).join("pkg");
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();

    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/lang/{code}", get(switch_language))
        .route("/payments/callback", axum::routing::post(payment_callback))
        .merge(crate::documents::routes())
        .merge(if state.sandbox_bank {
            crate::sandbox_bank::routes()
        } else {
            Router::new()
        })
        .nest_service("/pkg", static_files::service(pkg_dir))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // Ticket imports are larger than forms: their own limit, merged after the general one.
        .merge(crate::documents::import_routes())
        .layer(middleware::from_fn(status_of_server_fn_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            resolve_session,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            limit_auth_attempts,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refuse_cross_site_writes,
        ))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest));
    with_security_headers(router)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<Body>| {
                    let id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!(
                        "request",
                        request_id = %id,
                        method = %request.method(),
                        path = %request.uri().path(),
                    )
                })
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Headers for every response. Rendered pages set their own CSP with a script nonce; the
/// fallback here covers files and plain responses.
fn with_security_headers(router: Router<AppState>) -> Router<AppState> {
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
                 frame-ancestors 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
}

/// Leptos does no CSRF checking of its own: browser writes (server functions, forms) from
/// another origin are refused. Requests without these headers come from non-browser
/// clients (bank callbacks, scripts) and rely on their own authentication.
async fn refuse_cross_site_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    if let Some(site) = headers.get(HeaderName::from_static("sec-fetch-site")) {
        if !matches!(site.to_str(), Ok("same-origin") | Ok("none")) {
            tracing::warn!(sec_fetch_site = ?site, "cross-site write refused");
            return forbidden();
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        let same_host = !host.is_empty()
            && (origin == format!("http://{host}") || origin == format!("https://{host}"));
        if origin != &*state.public_origin && !same_host {
            tracing::warn!(%origin, "cross-origin write refused");
            return forbidden();
        }
    }
    next.run(request).await
}

/// server_fn answers every error with 500. A validation error or a refusal is not a
/// server fault: give each `AppError` its HTTP status (the body stays the same, and the
/// client reads the error from it whatever the status).
async fn status_of_server_fn_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = match error {
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Puts the signed-in user (or nobody) into the request for pages and server functions.
async fn resolve_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let skip = path.starts_with("/pkg/") || path == "/healthz";
    let token = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(token_from_cookie_header)
        .map(str::to_owned);
    let user = match token {
        Some(token) if !skip => match state
            .db
            .session_user(&token, &state.sessions, now_ms())
            .await
        {
            Ok(user) => user,
            Err(error) => {
                tracing::error!(%error, "session lookup failed");
                None
            }
        },
        _ => None,
    };
    request.extensions_mut().insert(CurrentUser(user));
    next.run(request).await
}

/// Refuses the client's credential posts beyond the per-minute allowance with a readable
/// 429 page. The message is the same whether or not the account exists.
async fn limit_auth_attempts(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST || !RATE_LIMITED_PATHS.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let ip = client_ip(&request, state.client_ip_header.as_deref());
    match state.auth_limiter.check_key(&ip) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(governor::clock::DefaultClock::default().now());
            // No address in the log: it would tie a person to an anonymous comment attempt.
            tracing::warn!(path = request.uri().path(), "rate limit reached");
            too_many_attempts(&request, wait.as_secs().max(1))
        }
    }
}

fn client_ip(request: &Request, header_name: Option<&str>) -> IpAddr {
    let from_header = header_name
        .and_then(|name| request.headers().get(name))
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .and_then(|v| v.trim().parse().ok());
    from_header
        .or_else(|| {
            request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip())
        })
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

fn too_many_attempts(request: &Request, retry_after_secs: u64) -> Response {
    let lang = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_cookie_header)
        .unwrap_or_default();
    let title = Msg::TooManyTitle.text(lang);
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/dimos.css\"></head>\
         <body><main id=\"main\"><h1>{title}</h1><p>{}</p><p><a href=\"/\">{}</a></p></main></body></html>",
        lang.code(),
        Msg::ErrRateLimited.text(lang),
        Msg::NotFoundBack.text(lang),
    );
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Η αίτηση απορρίφθηκε: στάλθηκε από άλλο ιστότοπο.\n\
         Request refused: it was sent from another website.\n",
    )
        .into_response()
}

/// The bank's server-to-server callback: refused unless signed with the shared secret and
/// for the stored amount; repeated or late callbacks change nothing.
async fn payment_callback(
    State(state): State<AppState>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Response {
    let report = match state.gateway.read_report(&fields) {
        Ok(Some(report)) => report,
        Ok(None) => return StatusCode::OK.into_response(),
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
            Report {
                event: report.event,
                amount: Some(report.amount),
                provider_ref: report.provider_ref.as_deref(),
                failure_code: report.failure_code.as_deref(),
                failure_message: report.failure_message.as_deref(),
                source: "callback",
            },
        )
        .await;
    match applied {
        Ok(_) => {
            // The receipt goes out at once; if mail fails, the job stays queued for retry.
            let now = now_ms();
            if let Ok(Some(job)) = state
                .db
                .claim_job_for(RECEIPT_MAIL_JOB, &report.payment_id, now)
                .await
            {
                let _ = run_receipt_job(&state.db, &state.mailer, &job, now).await;
            }
            (StatusCode::OK, "ok").into_response()
        }
        Err(PaymentError::NotFound) => (StatusCode::NOT_FOUND, "unknown payment").into_response(),
        Err(PaymentError::AmountMismatch) => (StatusCode::BAD_REQUEST, "refused").into_response(),
        Err(error) => {
            tracing::error!(%error, "payment callback failed");
            (StatusCode::SERVICE_UNAVAILABLE, "retry").into_response()
        }
    }
}

/// 200 when the database answers within 3 s, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    let database_ok = matches!(
        tokio::time::timeout(Duration::from_secs(3), state.db.ping()).await,
        Ok(Ok(()))
    );
    let (status, body) = if database_ok {
        (StatusCode::OK, r#"{"status":"ok","database":"ok"}"#)
    } else {
        tracing::warn!("health check: database unreachable");
        (
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"status":"unavailable","database":"unreachable"}"#,
        )
    };
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

#[derive(Deserialize)]
struct SwitchQuery {
    next: Option<String>,
}

/// Remembers the chosen language in a cookie and goes back to the page the user was on.
async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<SwitchQuery>,
) -> Response {
    let lang = Lang::from_code(&code).unwrap_or_default();
    // Only a local path: never an open redirect to another site.
    let next = query
        .next
        .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or_else(|| "/".into());
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        Lang::COOKIE,
        lang.code()
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let (Ok(cookie), Ok(location)) =
        (HeaderValue::from_str(&cookie), HeaderValue::from_str(&next))
    {
        headers.insert(header::SET_COOKIE, cookie);
        headers.insert(header::LOCATION, location);
    } else {
        headers.insert(header::LOCATION, HeaderValue::from_static("/"));
    }
    response
}
