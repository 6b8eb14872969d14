//! The axum router: Leptos pages and server functions, health check, language switch,
//! the bank's callback and return, static files, and the middleware every request passes
//! through.

use crate::state::AppState;
use crate::static_files;
use app::auth::CurrentUser;
use app::backend::payments::{run_receipt_job, PaymentError, Report, RECEIPT_MAIL_JOB};
use app::backend::sessions::token_from_cookie_header;
use app::backend::{now_ms, Db};
use app::domain::{Lang, LocalPath};
use app::i18n::Msg;
use app::{shell, App};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use governor::{clock::Clock, DefaultKeyedRateLimiter};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use serde::Deserialize;
use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Largest request body accepted (forms and server-function calls).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Server functions that guess or spray credentials: rate-limited per client address.
const CREDENTIAL_PATHS: [&str; 4] = [
    "/api/login",
    "/api/register",
    "/api/forgot_password",
    "/api/reset_password",
];

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
    let secure = state.secure_cookies;

    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/lang/{code}", get(switch_language))
        .route(
            "/payments/callback",
            get(payment_callback_check).post(payment_callback),
        )
        .route("/payments/return", get(payment_return))
        .merge(crate::downloads::routes())
        .merge(if state.sandbox_secret.is_some() {
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
        // Imports are larger than forms: their own limit, merged after the general one.
        .merge(crate::imports::routes())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            keep_form_values_off_the_url,
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

/// Headers for every response. Rendered pages set their own CSP with a script nonce; the
/// fallback here covers files and plain responses. Over https, browsers are told to use
/// nothing else for a year (HSTS).
fn with_security_headers(router: Router<AppState>, https: bool) -> Router<AppState> {
    let router = router
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
        ));
    if https {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ))
    } else {
        router
    }
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
            tracing::warn!("cross-origin write refused");
            return forbidden();
        }
    }
    next.run(request).await
}

/// Puts the signed-in user (or nobody) into the request for pages and server functions.
/// What a signed-in user is shown is theirs: never kept by the browser's or a proxy's cache.
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
    let signed_in = user.is_some();
    request.extensions_mut().insert(CurrentUser(user));
    let mut response = next.run(request).await;
    if signed_in {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store, private"),
        );
    }
    response
}

/// The client's address. Without a proxy: the connection's peer. Behind `trusted`
/// reverse proxies that each append the address they received the connection from to
/// `header` (e.g. `x-forwarded-for`), the client is the `trusted`-th address from the right:
/// everything left of it was written by the client and proves nothing.
pub fn client_ip(request: &Request, header_name: Option<&str>, trusted: usize) -> IpAddr {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let Some(name) = header_name else {
        return peer;
    };
    let hops: Vec<&str> = request
        .headers()
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    if trusted == 0 || hops.len() < trusted {
        // The proxies did not add their hops: a misconfiguration; the peer cannot be faked.
        return peer;
    }
    let chosen = hops[hops.len() - trusted];
    chosen
        .parse::<IpAddr>()
        .ok()
        .or_else(|| chosen.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .unwrap_or(peer)
}

/// Refuses a client's posts beyond its allowance with a readable 429 page: credential
/// posts and ticket look-ups per address, anonymous comments per address, password
/// changes per session. The message is the same whether or not an account exists.
async fn limit_attempts(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    match allowance(&state, &request) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            // No address in the log: it would tie a person to an anonymous comment attempt.
            tracing::warn!(path = request.uri().path(), "rate limit reached");
            too_many_attempts(&request, wait.as_secs().max(1))
        }
    }
}

/// Takes one attempt from the client's allowance for this path; `Err`: how long to wait.
fn allowance(state: &AppState, request: &Request) -> Result<(), Duration> {
    let path = request.uri().path();
    let ip = || {
        client_ip(
            request,
            state.client_ip_header.as_deref(),
            state.trusted_proxies,
        )
    };
    let limits = &state.limits;
    if CREDENTIAL_PATHS.contains(&path) {
        check(&limits.auth, ip())
    } else if path == "/api/send_comment" {
        check(&limits.comments, ip())
    } else if path == "/api/find_fine" {
        check(&limits.lookups, ip())
    } else if path == "/api/change_password" {
        let session = request
            .headers()
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(token_from_cookie_header)
            .map(app::backend::tokens::hash_token)
            .unwrap_or_default();
        check(&limits.password_changes, session)
    } else {
        Ok(())
    }
}

fn check<K: Clone + Hash + Eq>(
    limiter: &DefaultKeyedRateLimiter<K>,
    key: K,
) -> Result<(), Duration> {
    limiter.check_key(&key).map_err(|not_until| {
        not_until.wait_time_from(governor::clock::DefaultClock::default().now())
    })
}

fn lang_of_request(request: &Request) -> Lang {
    request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_cookie_header)
        .unwrap_or_default()
}

fn too_many_attempts(request: &Request, retry_after_secs: u64) -> Response {
    let lang = lang_of_request(request);
    let title = Msg::TooManyTitle.text(lang);
    let body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/dimos.css\">\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"></head>\
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

/// The query key that carries a kept form reply's token.
const FORM_TOKEN: &str = "__form";

/// A plain-HTML form post that fails comes back to its page with the errors and what the
/// user typed: server_fn would put all of it into the address. Here the reply is kept in
/// the database and the address carries a token (`__form`); when the page is asked for
/// with it, the request is given the reply back on its way in. Earlier tokens and replies
/// are dropped from the address, so repeated failures do not make it grow.
async fn keep_form_values_off_the_url(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET {
        restore_form_reply(&state.db, &mut request).await;
        return next.run(request).await;
    }
    let form_post = request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    let mut response = next.run(request).await;
    if !form_post {
        return response;
    }
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        return response;
    };
    let Some(rewritten) = rewrite_location(&state.db, &location).await else {
        return response;
    };
    match HeaderValue::from_str(&rewritten) {
        Ok(value) => {
            response.headers_mut().insert(header::LOCATION, value);
        }
        Err(_) => {
            response
                .headers_mut()
                .insert(header::LOCATION, HeaderValue::from_static("/"));
        }
    }
    response
}

/// The local path to send the browser to instead of `location`: the same page, its own
/// query kept, the framework's error fields replaced by a token. `None`: leave as is.
async fn rewrite_location(db: &Db, location: &str) -> Option<String> {
    let url = url::Url::parse(location)
        .or_else(|_| url::Url::parse("http://local").and_then(|base| base.join(location)))
        .ok()?;
    let mut kept = Vec::new();
    let (mut path, mut error) = (None, None);
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "__path" => path = Some(value.into_owned()),
            "__err" => error = Some(value.into_owned()),
            FORM_TOKEN => {}
            _ => kept.push((key.into_owned(), value.into_owned())),
        }
    }
    let had_extras = url
        .query_pairs()
        .any(|(k, _)| matches!(k.as_ref(), "__path" | "__err" | FORM_TOKEN));
    if !had_extras {
        return None;
    }
    if let (Some(path), Some(error)) = (path, error) {
        match db.keep_form_reply(&path, &error).await {
            Ok(token) => kept.push((FORM_TOKEN.to_owned(), token)),
            Err(error) => tracing::error!(%error, "could not keep a form reply"),
        }
    }
    let mut target = url.path().to_owned();
    if !kept.is_empty() {
        target.push('?');
        target.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&kept)
                .finish(),
        );
    }
    Some(LocalPath::or(&target, "/").to_string())
}

/// A page asked for with a form reply's token gets the reply back, inside the server only.
async fn restore_form_reply(db: &Db, request: &mut Request) {
    let Some(query) = request.uri().query() else {
        return;
    };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let Some(token) = pairs
        .iter()
        .find(|(k, _)| k == FORM_TOKEN)
        .map(|(_, v)| v.clone())
    else {
        return;
    };
    let reply = match db.take_form_reply(&token).await {
        Ok(reply) => reply,
        Err(error) => {
            tracing::error!(%error, "could not read a form reply");
            None
        }
    };
    let mut rest: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| !matches!(k.as_str(), FORM_TOKEN | "__path" | "__err"))
        .collect();
    if let Some((path, error)) = reply {
        rest.push(("__path".into(), path));
        rest.push(("__err".into(), error));
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&rest)
        .finish();
    let path_and_query = if query.is_empty() {
        request.uri().path().to_owned()
    } else {
        format!("{}?{query}", request.uri().path())
    };
    if let Ok(uri) = path_and_query.parse() {
        *request.uri_mut() = uri;
    }
}

/// A "see other" redirect to a path on this site: every redirect the server makes itself
/// goes through here (a bad path goes home, never to another site).
pub fn see_other(path: &str) -> Response {
    let path = LocalPath::or(path, "/");
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(path.as_str()) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The bank checks the callback address (Viva asks for its webhook key).
async fn payment_callback_check(State(state): State<AppState>) -> Response {
    match state.gateway.callback_check().await {
        Ok(Some(key)) => axum::Json(serde_json::json!({ "Key": key })).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::warn!(%error, "bank's callback check not answered");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The bank's server-to-server message: believed only as the gateway verifies it (a
/// signature, or the bank's own API), and only for the stored amount and order; repeated
/// or late messages change nothing.
async fn payment_callback(State(state): State<AppState>, body: Bytes) -> Response {
    let report = match state.gateway.read_callback(&body).await {
        Ok(Some(report)) => report,
        Ok(None) => return StatusCode::OK.into_response(),
        Err(app::backend::gateway::GatewayError::Unreachable) => {
            // Could not ask the bank to confirm: let it send the message again.
            return (StatusCode::SERVICE_UNAVAILABLE, "retry").into_response();
        }
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
            Report::from_bank(&report, "callback"),
        )
        .await;
    match applied {
        Ok(_) => {
            send_receipt_now(&state, &report.payment_id).await;
            (StatusCode::OK, "ok").into_response()
        }
        Err(PaymentError::NotFound) => (StatusCode::NOT_FOUND, "unknown payment").into_response(),
        Err(PaymentError::AmountMismatch | PaymentError::OrderMismatch) => {
            (StatusCode::BAD_REQUEST, "refused").into_response()
        }
        Err(error) => {
            tracing::error!(%error, "payment callback failed");
            (StatusCode::SERVICE_UNAVAILABLE, "retry").into_response()
        }
    }
}

/// The receipt goes out at once; if mail fails, the job stays queued for retry.
async fn send_receipt_now(state: &AppState, payment_id: &str) {
    let now = now_ms();
    if let Ok(Some(job)) = state
        .db
        .claim_job_for(RECEIPT_MAIL_JOB, payment_id, now)
        .await
    {
        let _ = run_receipt_job(&state.db, &state.mailer, &job, now).await;
    }
}

/// The payer back from a bank that returns to one address for every payment (Viva): the
/// address names the bank's order, which only says whom to ask; the bank's answer to a
/// status query decides, and the payer sees the payment's page.
async fn payment_return(
    State(state): State<AppState>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let Some(order) = state.gateway.returned_order(&query) else {
        return see_other("/payments");
    };
    let payment = match state.db.payment_by_order(&order).await {
        Ok(Some(payment)) => payment,
        Ok(None) => return see_other("/payments"),
        Err(error) => {
            tracing::error!(%error, "payment lookup on return failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    if let Ok(Some(_)) = state
        .db
        .settle_payment(&state.purposes, state.gateway.as_ref(), &payment.id, false)
        .await
    {
        send_receipt_now(&state, &payment.id).await;
    }
    see_other(&format!("/payments/{}", payment.id))
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
    let mut response = see_other(query.next.as_deref().unwrap_or("/"));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: [u8; 4], forwarded: &[&str]) -> Request {
        let mut builder = Request::get("/");
        for value in forwarded {
            builder = builder.header("x-forwarded-for", *value);
        }
        let mut request = builder.body(Body::empty()).unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((peer, 40000))));
        request
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn the_peer_decides_without_a_proxy() {
        let spoofed = request([203, 0, 113, 9], &["1.2.3.4"]);
        assert_eq!(client_ip(&spoofed, None, 1), ip("203.0.113.9"));
    }

    #[test]
    fn behind_proxies_the_rightmost_untrusted_address_decides() {
        // The client wrote "1.2.3.4"; the one proxy appended the address it saw.
        let one = request([10, 0, 0, 1], &["1.2.3.4, 198.51.100.7"]);
        assert_eq!(
            client_ip(&one, Some("x-forwarded-for"), 1),
            ip("198.51.100.7")
        );
        // Two proxies: the outer one's peer is the client.
        let two = request([10, 0, 0, 1], &["1.2.3.4, 198.51.100.7", "10.0.0.2"]);
        assert_eq!(
            client_ip(&two, Some("x-forwarded-for"), 2),
            ip("198.51.100.7")
        );
        // Fewer hops than proxies: the proxies are misconfigured; the peer, not the client's text.
        let short = request([10, 0, 0, 1], &["1.2.3.4"]);
        assert_eq!(
            client_ip(&short, Some("x-forwarded-for"), 2),
            ip("10.0.0.1")
        );
        // Garbage or a port are not trusted blindly.
        let junk = request([10, 0, 0, 1], &["not-an-address"]);
        assert_eq!(client_ip(&junk, Some("x-forwarded-for"), 1), ip("10.0.0.1"));
        let port = request([10, 0, 0, 1], &["198.51.100.7:5555"]);
        assert_eq!(
            client_ip(&port, Some("x-forwarded-for"), 1),
            ip("198.51.100.7")
        );
    }
}
