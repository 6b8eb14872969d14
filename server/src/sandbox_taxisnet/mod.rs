//! The built-in stand-in for TAXISnet, under `/sandbox-taxisnet/oauth2server/…`
//! (demonstration mode only): a login page with documented test taxpayers (or any valid
//! ΑΦΜ), and `oauth/token`, `userinfo?format=xml` and `logout` speaking GSIS's wire format,
//! so the portal's real OAuth 2.0 client runs the whole flow in demonstrations and tests.
//! Codes live one minute and tokens five, in memory: the stand-in keeps nothing.

use crate::state::AppState;
use app::backend::identity::gsis::{pkce_s256, userinfo_xml};
use app::backend::tokens::new_token;
use app::domain::identity::TaxpayerFields;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use std::collections::BTreeMap;
use std::time::Instant;

pub mod store;

use store::{hold, Grant, SandboxTaxisnet, CLIENT_ID, CODE_LIFE, TEST_TAXPAYERS, TOKEN_LIFE};

pub fn routes() -> Router<AppState> {
    // Written out (not built from `BASE_PATH`): the authorization matrix reads them here.
    Router::new()
        .route(
            "/sandbox-taxisnet/oauth2server/oauth/authorize",
            get(login_page).post(login_submitted),
        )
        .route(
            "/sandbox-taxisnet/oauth2server/oauth/token",
            axum::routing::post(token),
        )
        .route("/sandbox-taxisnet/oauth2server/userinfo", get(userinfo))
        .route("/sandbox-taxisnet/oauth2server/logout/{id}/", get(logout))
}

fn stand_in(state: &AppState) -> Option<&SandboxTaxisnet> {
    state.sandbox_taxisnet.as_deref()
}

fn escape(text: &str) -> String {
    app::components::escape_html(text)
}

fn bad_request(text: &str) -> Response {
    (StatusCode::BAD_REQUEST, text.to_owned()).into_response()
}

/// The portal's callback, the only place the stand-in sends anyone.
fn callback(state: &AppState) -> String {
    crate::config::callback_url(&state.site.public_base_url)
}

/// Back to the portal's callback with `pairs` (a path on this site, checked).
fn back_to_portal(pairs: &[(&str, &str)]) -> Response {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        query.append_pair(key, value);
    }
    crate::redirect::see_other(&format!("/auth/taxisnet/callback?{}", query.finish()))
}

/// The authorization request's fields, checked: our client, a code flow, our callback.
/// `Err`: why the request is refused (a 400 in words).
fn request_of(
    state: &AppState,
    fields: &BTreeMap<String, String>,
) -> Result<Request, &'static str> {
    let get = |key: &str| fields.get(key).map(String::as_str).unwrap_or("");
    if get("client_id") != CLIENT_ID {
        return Err("Unknown client / Άγνωστος πελάτης");
    }
    if get("redirect_uri") != callback(state) {
        return Err("Unregistered redirect_uri / Μη δηλωμένη διεύθυνση επιστροφής");
    }
    if fields.contains_key("response_type") && get("response_type") != "code" {
        return Err("Only response_type=code");
    }
    let state_value = get("state");
    if state_value.is_empty() || state_value.len() > 512 {
        return Err("Missing state");
    }
    let challenge = Some(get("code_challenge"))
        .filter(|c| !c.is_empty() && c.len() <= 128)
        .map(str::to_owned);
    if challenge.is_some() && get("code_challenge_method") != "S256" {
        return Err("Only code_challenge_method=S256");
    }
    Ok(Request {
        state: state_value.to_owned(),
        redirect_uri: get("redirect_uri").to_owned(),
        code_challenge: challenge,
    })
}

struct Request {
    state: String,
    redirect_uri: String,
    code_challenge: Option<String>,
}

fn page(title: &str, body: &str) -> Response {
    crate::sandbox_bank::stand_in_page("Stand-in TAXISnet · Δοκιμαστικό TAXISnet", title, body)
}

fn login_form(request: &Request, error: Option<&str>) -> Response {
    let hidden = format!(
        "<input type=\"hidden\" name=\"client_id\" value=\"{CLIENT_ID}\">\
         <input type=\"hidden\" name=\"redirect_uri\" value=\"{}\">\
         <input type=\"hidden\" name=\"state\" value=\"{}\">{}",
        escape(&request.redirect_uri),
        escape(&request.state),
        request
            .code_challenge
            .as_deref()
            .map(|c| format!(
                "<input type=\"hidden\" name=\"code_challenge\" value=\"{}\">\
                 <input type=\"hidden\" name=\"code_challenge_method\" value=\"S256\">",
                escape(c)
            ))
            .unwrap_or_default()
    );
    let people: String = TEST_TAXPAYERS
        .iter()
        .map(|(user, afm, first, last, _)| {
            format!(
                "<li><button type=\"submit\" class=\"button button--secondary\" name=\"taxpayer\" \
                 value=\"{user}\">Είσοδος ως · Sign in as {first} {last} (ΑΦΜ {afm})</button></li>"
            )
        })
        .collect();
    let error = crate::sandbox_bank::stand_in_error(error);
    page(
        "Είσοδος με κωδικούς TAXISnet · Sign in with TAXISnet codes",
        &format!(
            "<p>Αυτή η σελίδα παίζει τον ρόλο της ΑΑΔΕ σε επίδειξη: δεν ζητά κωδικούς. · This page \
             plays the tax authority in a demonstration: it asks for no password.</p>{error}\
             <form method=\"post\"><h2>Δοκιμαστικοί φορολογούμενοι · Test taxpayers</h2>{hidden}\
             <ul class=\"plain\">{people}</ul></form>\
             <form method=\"post\"><h2>Άλλος φορολογούμενος · Another taxpayer</h2>{hidden}\
             <input type=\"hidden\" name=\"taxpayer\" value=\"other\">\
             <div class=\"field\"><label for=\"afm\">ΑΦΜ · Tax number</label>\
             <input id=\"afm\" name=\"afm\" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"20\"></div>\
             <div class=\"field\"><label for=\"firstname\">Όνομα · First name</label>\
             <input id=\"firstname\" name=\"firstname\" autocomplete=\"off\" maxlength=\"100\"></div>\
             <div class=\"field\"><label for=\"lastname\">Επώνυμο · Last name</label>\
             <input id=\"lastname\" name=\"lastname\" autocomplete=\"off\" maxlength=\"100\"></div>\
             <button type=\"submit\" class=\"button\">Είσοδος · Sign in</button></form>\
             <form method=\"post\">{hidden}<input type=\"hidden\" name=\"cancel\" value=\"1\">\
             <button type=\"submit\" class=\"button button--secondary\">Ακύρωση · Cancel</button></form>"
        ),
    )
}

/// GSIS's `oauth/authorize`: the login page.
async fn login_page(
    State(state): State<AppState>,
    Query(fields): Query<BTreeMap<String, String>>,
) -> Response {
    if stand_in(&state).is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    match request_of(&state, &fields) {
        Ok(request) => login_form(&request, None),
        Err(refusal) => bad_request(refusal),
    }
}

/// The person chose a test taxpayer (or cancelled): back to the portal with a code.
async fn login_submitted(
    State(state): State<AppState>,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Response {
    let Some(stand_in) = stand_in(&state) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let request = match request_of(&state, &fields) {
        Ok(request) => request,
        Err(refusal) => return bad_request(refusal),
    };
    if fields.contains_key("cancel") {
        return back_to_portal(&[("error", "access_denied"), ("state", &request.state)]);
    }
    let chosen = fields.get("taxpayer").map(String::as_str).unwrap_or("");
    let parsed = match TEST_TAXPAYERS.iter().find(|(user, ..)| *user == chosen) {
        Some((user, afm, first, last, father)) => TaxpayerFields {
            subject: Some((*user).into()),
            afm: Some((*afm).into()),
            first_name: Some((*first).into()),
            last_name: Some((*last).into()),
            father_name: Some((*father).into()),
            ..TaxpayerFields::default()
        }
        .parse(),
        None => {
            let field = |key: &str| fields.get(key).cloned();
            let afm = field("afm").unwrap_or_default();
            TaxpayerFields {
                subject: Some(format!("test-{}", afm.trim())),
                afm: Some(afm),
                first_name: field("firstname"),
                last_name: field("lastname"),
                ..TaxpayerFields::default()
            }
            .parse()
        }
    };
    let taxpayer = match parsed {
        Ok(taxpayer) => taxpayer,
        Err(error) => {
            let message = format!(
                "Συμπληρώστε έγκυρο ΑΦΜ (9 ψηφία), όνομα και επώνυμο. · Fill in a valid tax \
                 number (9 digits), first and last name. ({error})"
            );
            return login_form(&request, Some(&message));
        }
    };
    let code = new_token();
    hold(
        &stand_in.codes,
        code.clone(),
        Grant {
            taxpayer,
            redirect_uri: request.redirect_uri,
            code_challenge: request.code_challenge,
            until: Instant::now() + CODE_LIFE,
        },
        |g| g.until > Instant::now(),
        |g| g.until,
    );
    back_to_portal(&[("code", &code), ("state", &request.state)])
}

fn json(status: StatusCode, value: serde_json::Value) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        value.to_string(),
    )
        .into_response()
}

fn oauth_error(status: StatusCode, error: &str) -> Response {
    json(status, serde_json::json!({ "error": error }))
}

/// The client's id and secret, from HTTP basic authentication or the form body.
fn client_of(headers: &HeaderMap, fields: &BTreeMap<String, String>) -> (String, String) {
    use base64::Engine;
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|pair| {
            let (id, secret) = pair.split_once(':')?;
            let decode = |s: &str| {
                form_urlencoded::parse(format!("v={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            };
            Some((decode(id), decode(secret)))
        });
    basic.unwrap_or_else(|| {
        (
            fields.get("client_id").cloned().unwrap_or_default(),
            fields.get("client_secret").cloned().unwrap_or_default(),
        )
    })
}

/// GSIS's `oauth/token`: a code (with its PKCE verifier) for an access token.
async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Response {
    let Some(stand_in) = stand_in(&state) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (client_id, client_secret) = client_of(&headers, &fields);
    if client_id != CLIENT_ID || client_secret != stand_in.client_secret {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    }
    if fields.get("grant_type").map(String::as_str) != Some("authorization_code") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type");
    }
    let code = fields.get("code").cloned().unwrap_or_default();
    let grant = stand_in.codes.lock().ok().and_then(|mut c| c.remove(&code));
    let Some(grant) = grant.filter(|g| g.until > Instant::now()) else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    };
    if fields.get("redirect_uri") != Some(&grant.redirect_uri) {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    }
    if let Some(challenge) = &grant.code_challenge {
        let verifier = fields
            .get("code_verifier")
            .map(String::as_str)
            .unwrap_or("");
        if pkce_s256(verifier) != *challenge {
            return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
        }
    }
    let access_token = new_token();
    hold(
        &stand_in.tokens,
        access_token.clone(),
        (grant.taxpayer, Instant::now() + TOKEN_LIFE),
        |(_, until)| *until > Instant::now(),
        |(_, until)| *until,
    );
    json(
        StatusCode::OK,
        serde_json::json!({
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": TOKEN_LIFE.as_secs(),
            "scope": "read",
        }),
    )
}

/// GSIS's `userinfo?format=xml` for a bearer token.
async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(stand_in) = stand_in(&state) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let found = stand_in
        .tokens
        .lock()
        .ok()
        .and_then(|t| t.get(token).cloned())
        .filter(|(_, until)| *until > Instant::now());
    match found {
        Some((taxpayer, _)) => (
            [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
            userinfo_xml(&taxpayer),
        )
            .into_response(),
        None => oauth_error(StatusCode::UNAUTHORIZED, "invalid_token"),
    }
}

#[derive(serde::Deserialize)]
struct LogoutQuery {
    url: Option<String>,
}

/// GSIS's `logout/{client_id}/?url=…`: back to the portal's own page.
async fn logout(
    State(state): State<AppState>,
    Path(_client): Path<String>,
    Query(query): Query<LogoutQuery>,
) -> Response {
    let path = query
        .url
        .as_deref()
        .and_then(|url| url.strip_prefix(state.site.public_base_url.as_str()))
        .unwrap_or("/?signed_out=1");
    crate::redirect::see_other(path)
}
