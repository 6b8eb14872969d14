//! The axum router: Leptos pages and server functions, the health check, the language
//! switch, the bank's routes, downloads, uploads and static files, behind the middleware of
//! `middleware` and `form_replies`.

use crate::middleware::{
    limit_attempts, refuse_cross_site_writes, resolve_session, with_security_headers,
};
use crate::state::AppState;
use crate::static_files;
use app::domain::Lang;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use leptos_router::SsrMode;
use serde::Deserialize;
use std::net::SocketAddr;
use std::time::Duration;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Largest request body accepted (forms and server-function calls).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Serves the router until `shutdown` resolves, with each connection's peer address known
/// to the handlers (without it every client is 0.0.0.0 and shares one rate-limit bucket).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    // Small responses written in two parts (headers, then a file body) would otherwise wait
    // for a delayed ACK under Nagle's algorithm: ~40 ms per static file.
    let listener = listener.tap_io(|tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::warn!(%error, "could not set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

pub fn build_router(state: AppState) -> Router {
    let context = {
        let db = state.db.clone();
        let site = state.site.clone();
        let mailer = state.mailer.clone();
        let sessions = state.sessions;
        let assets = state.assets.clone();
        let protocol = state.protocol.clone();
        let gateway = state.gateway.clone();
        let purposes = state.purposes.clone();
        let notices = state.notices.clone();
        move || {
            if let Some(notices) = &notices {
                provide_context(notices.clone());
            }
            provide_context(protocol.clone());
            provide_context(gateway.clone());
            provide_context(purposes.clone());
            provide_context(db.clone());
            provide_context(site.clone());
            provide_context(mailer.clone());
            provide_context(sessions);
            provide_context(assets.clone());
        }
    };
    let pkg_dir = std::path::Path::new(&*state.leptos_options.site_root).join("pkg");
    // Pages that load data render whole before sending (`whole_pages`); the rest stream.
    let (whole_pages, streamed): (Vec<_>, Vec<_>) = generate_route_list(App)
        .into_iter()
        .partition(|route| matches!(route.mode(), SsrMode::Async));
    let options = state.leptos_options.clone();
    let secure = state.secure_cookies;

    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/lang/{code}", get(switch_language))
        .route(
            "/payments/callback",
            get(crate::bank::callback_check).post(crate::bank::callback),
        )
        .route("/payments/return", get(crate::bank::payer_returned))
        .merge(crate::downloads::routes())
        .merge(crate::notice_files::routes())
        .merge(if state.sandbox_secret.is_some() {
            crate::sandbox_bank::routes()
        } else {
            Router::new()
        })
        .merge(if state.identity.is_some() {
            crate::taxisnet::routes()
        } else {
            Router::new()
        })
        .merge(if state.sandbox_taxisnet.is_some() {
            crate::sandbox_taxisnet::routes()
        } else {
            Router::new()
        })
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(middleware::from_fn(static_files::cache_by_name))
                .service(static_files::service(pkg_dir)),
        )
        .leptos_routes_with_context(&state, streamed, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .leptos_routes_with_handler(
            whole_pages,
            crate::whole_pages::handler(context.clone(), move || shell(options.clone())),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // Imports are larger than forms: their own limit, merged after the general one.
        .merge(crate::imports::routes())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::form_replies::keep_form_values_off_the_url,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            resolve_session,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            limit_attempts,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refuse_cross_site_writes,
        ))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest));
    with_security_headers(router, secure)
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<Body>| {
                    let id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    // The path only: a query string may carry what a person typed.
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
    let mut response = crate::redirect::see_other(query.next.as_deref().unwrap_or("/"));
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        Lang::COOKIE,
        lang.code()
    );
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}
