//! The axum router: Leptos pages and server functions, health check, language switch,
//! static files, and the middleware every request passes through.

use crate::config::Config;
use crate::static_files;
use app::backend::Db;
use app::domain::Lang;
use app::site::SiteInfo;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{FromRef, Path, Query, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use serde::Deserialize;
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
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(config: &Config, db: Db) -> AppState {
        let leptos_options = LeptosOptions::builder()
            .output_name("dimos")
            .site_root(config.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(config.listen)
            .build();
        AppState {
            leptos_options,
            db,
            site: config.site.clone(),
            public_origin: config.public_origin().into(),
            secure_cookies: config.is_https(),
        }
    }
}

pub fn build_router(state: AppState) -> Router {
    let context = {
        let db = state.db.clone();
        let site = state.site.clone();
        move || {
            provide_context(db.clone());
            provide_context(site.clone());
        }
    };
    let pkg_dir = std::path::Path::new(&*state.leptos_options.site_root).join("pkg");
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();

    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/lang/{code}", get(switch_language))
        .nest_service("/pkg", static_files::service(pkg_dir))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
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

fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Η αίτηση απορρίφθηκε: στάλθηκε από άλλο ιστότοπο.\n\
         Request refused: it was sent from another website.\n",
    )
        .into_response()
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
