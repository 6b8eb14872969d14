//! The middleware every request passes through: security headers, the cross-site write
//! check, the session, and per-client rate limits.

use crate::state::AppState;
use app::auth::CurrentUser;
use app::backend::now_ms;
use app::backend::sessions::token_from_cookie_header;
use app::domain::Lang;
use app::i18n::Msg;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use governor::{clock::Clock, DefaultKeyedRateLimiter};
use std::hash::Hash;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;
use tower_http::set_header::SetResponseHeaderLayer;

/// Server functions that guess or spray credentials: rate-limited per client address.
const CREDENTIAL_PATHS: [&str; 6] = [
    "/api/login",
    "/api/register",
    "/api/forgot_password",
    "/api/reset_password",
    "/api/finish_taxisnet_sign_up",
    "/api/confirm_taxisnet_email",
];

/// The TAXISnet sign-in's own addresses: each start writes a flow and each answer costs a
/// round trip to the provider, so they share the credential allowance. Signing out at the
/// provider is never held back (a refused one would leave the TAXISnet session open).
const TAXISNET_PREFIX: &str = "/auth/taxisnet";
const TAXISNET_LOGOUT: &str = "/auth/taxisnet/logout";

/// Headers for every response. Rendered pages set their own CSP with a script nonce; the
/// fallback here covers files and plain responses. Over https, browsers are told to use
/// nothing else for a year (HSTS).
pub fn with_security_headers(router: Router<AppState>, https: bool) -> Router<AppState> {
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
pub async fn refuse_cross_site_writes(
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
pub async fn resolve_session(
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
    // What is personal (pages, server function answers, exports, receipts) is never kept;
    // the site's own files (icons, scripts, styles) are the same for everyone.
    let personal = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|kind| {
            !(kind.starts_with("image/")
                || kind.starts_with("text/css")
                || kind.starts_with("text/javascript")
                || kind.starts_with("application/javascript")
                || kind.starts_with("application/wasm"))
        });
    if signed_in && personal {
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
pub async fn limit_attempts(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // Posts, and the one page that looks something up from its address: a receipt's check
    // page (`/check/<code>`, what the receipt's QR code opens).
    let limited = request.method() == Method::POST
        || (request.method() == Method::GET
            && (request.uri().path().starts_with("/check/")
                || (request.uri().path().starts_with(TAXISNET_PREFIX)
                    && request.uri().path() != TAXISNET_LOGOUT)));
    if !limited {
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
    if CREDENTIAL_PATHS.contains(&path) || path.starts_with(TAXISNET_PREFIX) {
        check(&limits.auth, ip())
    } else if path == "/api/send_comment" {
        check(&limits.comments, ip())
    } else if matches!(
        path,
        "/api/find_fine" | "/api/check_receipt" | "/api/check_receipt_code"
    ) || path.starts_with("/check/")
    {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: [u8; 4], forwarded: &[&str]) -> Request {
        let mut builder = Request::get("/");
        for value in forwarded {
            builder = builder.header("x-forwarded-for", *value);
        }
        let mut request = builder.body(axum::body::Body::empty()).unwrap();
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
