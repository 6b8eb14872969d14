//! HTTP helpers for tests that drive the router as a browser or a form would.

use app::backend::audit::Actor;
use app::backend::users::NewUser;
use app::backend::Db;
use app::domain::account::Role;
use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

pub struct Reply {
    pub status: StatusCode,
    pub set_cookie: Vec<String>,
    /// Where a server function sent the browser (its redirect), if anywhere.
    pub location: Option<String>,
    pub body: String,
}

pub async fn post(
    router: &Router,
    path: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> Reply {
    let body = form
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::from(body)).unwrap()).await
}

pub async fn get(router: &Router, path: &str, cookie: Option<&str>) -> Reply {
    let mut request = Request::get(path);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::empty()).unwrap()).await
}

pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let set_cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        set_cookie,
        location,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The error a server function answered with.
pub fn app_error(reply: &Reply) -> AppError {
    serde_json::from_str(&reply.body)
        .unwrap_or_else(|_| panic!("not an AppError: {} {}", reply.status, reply.body))
}

pub fn session_cookie(reply: &Reply) -> Option<String> {
    reply
        .set_cookie
        .iter()
        .find(|c| c.starts_with("dimos_session=") && !c.starts_with("dimos_session=;"))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

pub async fn user_with_session(db: &Db, email: &str, role: Role) -> (String, String) {
    let new = NewUser {
        email,
        full_name: "Test User",
        phone: None,
        password: "a long password",
        role,
        email_confirmed: true,
    };
    let user = db.create_user(new, &Actor::Cli).await.unwrap();
    let token = db.create_session(&user.id).await.unwrap();
    (user.id, format!("dimos_session={token}"))
}

/// The link starting with `path` in the e-mails the file mailer wrote to `outbox`.
pub fn outbox_link(outbox: &std::path::Path, path: &str) -> String {
    let mut found = None;
    for entry in std::fs::read_dir(outbox).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        // Quoted-printable may fold long lines: undo soft breaks before searching.
        let text = text.replace("=\r\n", "").replace("=3D", "=");
        if let Some(start) = text.find(path) {
            let link: String = text[start..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .collect();
            found = Some(link);
        }
    }
    found.unwrap_or_else(|| panic!("no e-mail with {path}"))
}
