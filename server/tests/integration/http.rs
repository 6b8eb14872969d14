//! The HTTP surface: health, pages in both languages, security headers, cross-site refusal.

use crate::common;

use app::backend::Db;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn send(db: &Db, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = common::router(db.clone())
        .await
        .oneshot(request)
        .await
        .expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

async fn health_reports_a_live_database(db: Db) {
    let (status, headers, body) = send(&db, get("/healthz")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, r#"{"status":"ok","database":"ok"}"#);
    assert!(
        headers.contains_key("x-request-id"),
        "every response carries its request id"
    );
}

#[tokio::test]
async fn health_is_503_when_the_database_is_unreachable() {
    // Nothing listens on port 1: the pool cannot connect.
    let db = Db::connect_lazy("postgres://postgres@127.0.0.1:1/nowhere").unwrap();
    // A real installation starts without its database (demonstration mode would first
    // need the database for its sandbox bank's key).
    let router = common::router_with(db, |k| (k == "DIMOS_DEMO").then(|| "off".into())).await;
    let response = router.oneshot(get("/healthz")).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let body = String::from_utf8_lossy(&body);
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("unreachable"), "{body}");
}

async fn home_is_greek_by_default_and_english_by_cookie(db: Db) {
    let (status, headers, html) = send(&db, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(r#"<html lang="el""#),
        "Greek page: {}",
        &html[..200.min(html.len())]
    );
    assert!(
        html.contains("Δήμος Επίδειξης"),
        "municipality name in the header"
    );
    assert!(html.contains("Έρχεται σύντομα"));
    assert!(
        html.contains("/accessibility") && html.contains("/privacy"),
        "footer links"
    );
    let csp = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        csp.contains("'nonce-") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the CSP nonce"
    );
    assert_eq!(
        headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
        "nosniff"
    );
    assert_eq!(headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
    assert!(headers.contains_key(header::REFERRER_POLICY));

    let english = Request::get("/")
        .header(header::COOKIE, "lang=en")
        .body(Body::empty())
        .unwrap();
    let (_, _, html) = send(&db, english).await;
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Demo Municipality") && html.contains("Coming soon"));
}

async fn language_switch_remembers_the_choice_and_stays_on_site(db: Db) {
    let (status, headers, _) = send(&db, get("/lang/en?next=/privacy")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/privacy");
    let cookie = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    for evil in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
    ] {
        let (_, headers, _) = send(&db, get(&format!("/lang/el?next={evil}"))).await;
        assert_eq!(
            headers.get(header::LOCATION).unwrap(),
            "/",
            "no open redirect to {evil}"
        );
    }
}

async fn pages_exist_in_both_languages_and_unknown_ones_are_404(db: Db) {
    for (path, el, en) in [
        (
            "/accessibility",
            "Δήλωση προσβασιμότητας",
            "Accessibility statement",
        ),
        ("/privacy", "Πολιτική απορρήτου", "Privacy notice"),
    ] {
        let (status, _, html) = send(&db, get(path)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(&format!("<h1>{el}")), "{path}: {html}");
        let request = Request::get(path)
            .header(header::COOKIE, "lang=en")
            .body(Body::empty())
            .unwrap();
        let (_, _, html) = send(&db, request).await;
        assert!(html.contains(&format!("<h1>{en}")), "{path} in English");
    }
    let (status, _, html) = send(&db, get("/no/such/page")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Η σελίδα δεν βρέθηκε"));
}

async fn cross_site_posts_are_refused(db: Db) {
    let post = |headers: &[(&str, &str)]| {
        let mut builder = Request::post("/api/anything").header(header::HOST, "127.0.0.1:3000");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::from("x=1")).unwrap()
    };
    let (status, _, body) = send(&db, post(&[("origin", "https://evil.example")])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "foreign Origin");
    assert!(body.contains("another website"));
    let (status, _, _) = send(&db, post(&[("sec-fetch-site", "cross-site")])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "cross-site fetch metadata");
    let (status, _, _) = send(&db, post(&[("origin", "null")])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "opaque origin");

    // Same-origin browser posts and header-less clients get through (here to a 404).
    let (status, _, _) = send(
        &db,
        post(&[
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ]),
    )
    .await;
    assert_ne!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = send(&db, post(&[])).await;
    assert_ne!(status, StatusCode::FORBIDDEN);
}

async fn oversized_bodies_are_refused(db: Db) {
    let big = vec![b'a'; dimos_server::http::MAX_BODY_BYTES + 1];
    let request = Request::post("/api/anything")
        .header(header::CONTENT_LENGTH, big.len())
        .body(Body::from(big))
        .unwrap();
    let (status, _, _) = send(&db, request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

on_both_engines!(
    health_reports_a_live_database,
    home_is_greek_by_default_and_english_by_cookie,
    language_switch_remembers_the_choice_and_stays_on_site,
    pages_exist_in_both_languages_and_unknown_ones_are_404,
    cross_site_posts_are_refused,
    oversized_bodies_are_refused,
);
