//! Sign-in with TAXISnet, the portal's side: `/auth/taxisnet` sends the browser to the
//! provider (sign-in, or linking from the account page), `/auth/taxisnet/callback` takes
//! its answer, `/auth/taxisnet/logout` signs out there too. The answer counts only in the
//! browser that began the flow (its `state` in a cookie as well as in the database), once,
//! within ten minutes.

use crate::state::AppState;
use app::auth::CurrentUser;
use app::backend::audit::Actor;
use app::backend::identity::{IdentityError, IdentityProvider, FLOW_MS, PENDING_COOKIE};
use app::domain::account::Role;
use app::domain::identity::{FlowPurpose, IdentityOutcome, Taxpayer};
use app::domain::LocalPath;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use serde::Deserialize;
use std::sync::Arc;

pub const PROVIDER: &str = "taxisnet";
/// Holds the `state` of the flow this browser began.
const FLOW_COOKIE: &str = "dimos_taxisnet_flow";
/// Longest `state`, `code` or `error` worth reading.
const MAX_PARAM_CHARS: usize = 2048;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/taxisnet", get(start_sign_in))
        .route("/auth/taxisnet/link", get(start_link))
        .route("/auth/taxisnet/callback", get(callback))
        .route("/auth/taxisnet/logout", get(logout_at_provider))
}

#[derive(Deserialize)]
struct StartQuery {
    next: Option<String>,
}

fn provider(state: &AppState) -> Option<&Arc<dyn IdentityProvider>> {
    state.identity.as_ref()
}

/// A cookie for the TAXISnet flow only: HttpOnly, Lax (it must come back with the
/// provider's top-level redirect), Secure behind TLS; `max_age_ms: None` for one that ends
/// with the browser.
fn cookie(
    state: &AppState,
    name: &str,
    value: &str,
    path: &str,
    max_age_ms: Option<i64>,
) -> String {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let max_age = max_age_ms
        .map(|ms| format!("; Max-Age={}", ms / 1000))
        .unwrap_or_default();
    format!("{name}={value}; Path={path}; HttpOnly; SameSite=Lax{max_age}{secure}")
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

fn cookie_value<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    let header = headers.get(header::COOKIE)?.to_str().ok()?;
    app::backend::sessions::cookie_value(header, name)
}

/// Sends the browser to the provider's own page, an address built from the configuration
/// (never from the request): the one redirect here that leaves the site.
fn to_provider(url: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    match HeaderValue::from_str(url) {
        Ok(location) => {
            response.headers_mut().insert(header::LOCATION, location);
            response
        }
        Err(_) => unavailable(),
    }
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "TAXISnet sign-in is unavailable / Η είσοδος με TAXISnet δεν είναι διαθέσιμη",
    )
        .into_response()
}

/// Where the person is told how it ended.
fn told(purpose: FlowPurpose, outcome: IdentityOutcome) -> Response {
    let page = match purpose {
        FlowPurpose::SignIn => "/login",
        FlowPurpose::Link => "/account",
    };
    crate::redirect::see_other(&format!("{page}?taxisnet={outcome}"))
}

async fn begin(
    state: &AppState,
    purpose: FlowPurpose,
    user_id: Option<&str>,
    next: Option<&str>,
) -> Response {
    let Some(provider) = provider(state) else {
        return crate::access::not_found(app::domain::Lang::default());
    };
    let begun = provider.authorize();
    if let Err(error) = state
        .db
        .begin_identity_flow(provider.name(), purpose, user_id, next, &begun)
        .await
    {
        tracing::error!(%error, "could not record a TAXISnet flow");
        return unavailable();
    }
    with_cookie(
        to_provider(&begun.url),
        &cookie(
            state,
            FLOW_COOKIE,
            &begun.state,
            "/auth/taxisnet",
            Some(FLOW_MS),
        ),
    )
}

/// "Sign in with TAXISnet": a plain link, so it works without JavaScript.
async fn start_sign_in(State(state): State<AppState>, Query(query): Query<StartQuery>) -> Response {
    let next = query
        .next
        .as_deref()
        .and_then(LocalPath::parse)
        .map(|p| p.as_str().to_owned());
    begin(&state, FlowPurpose::SignIn, None, next.as_deref()).await
}

/// "Link TAXISnet" on the account page: only for the signed-in person.
async fn start_link(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
) -> Response {
    match user {
        Some(user) => begin(&state, FlowPurpose::Link, Some(&user.id), None).await,
        None => crate::redirect::see_other("/login?next=/account"),
    }
}

#[derive(Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Records a failed sign-in or link with what the provider said (bounded, printable).
async fn audit_failure(state: &AppState, user: Option<&str>, what: &str) {
    let detail: String = what.chars().filter(|c| !c.is_control()).take(300).collect();
    let actor = user.map_or(Actor::System, |id| Actor::User(id.to_owned()));
    if let Err(error) = state
        .db
        .audit(
            state.db.pool(),
            &actor,
            "auth.taxisnet_failed",
            user,
            Some(&detail),
        )
        .await
    {
        tracing::error!(%error, "could not record a failed TAXISnet sign-in");
    }
}

/// The provider's answer: a code to trade for the taxpayer, or an error (cancelled).
async fn callback(
    State(state): State<AppState>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let clear_flow = cookie(&state, FLOW_COOKIE, "", "/auth/taxisnet", Some(0));
    let response = answer(&state, user.map(|u| u.id), &headers, query).await;
    with_cookie(response, &clear_flow)
}

async fn answer(
    state: &AppState,
    user_id: Option<String>,
    headers: &HeaderMap,
    query: CallbackQuery,
) -> Response {
    let Some(provider) = provider(state) else {
        return crate::access::not_found(app::domain::Lang::default());
    };
    let bounded = |v: Option<String>| v.filter(|v| !v.is_empty() && v.len() <= MAX_PARAM_CHARS);
    let sent_state = bounded(query.state);
    // The answer must come to the browser that began the flow: a `state` from elsewhere
    // (a link someone was sent) is refused before the database is asked.
    let Some(sent_state) =
        sent_state.filter(|s| cookie_value(headers, FLOW_COOKIE) == Some(s.as_str()))
    else {
        audit_failure(
            state,
            user_id.as_deref(),
            "state does not match this browser",
        )
        .await;
        return told(FlowPurpose::SignIn, IdentityOutcome::Expired);
    };
    let flow = match state.db.take_identity_flow(&sent_state).await {
        Ok(Some(flow)) if flow.provider == provider.name() => flow,
        Ok(_) => {
            audit_failure(state, user_id.as_deref(), "unknown, used or expired state").await;
            return told(FlowPurpose::SignIn, IdentityOutcome::Expired);
        }
        Err(error) => {
            tracing::error!(%error, "could not read a TAXISnet flow");
            return unavailable();
        }
    };
    if let Some(error) = bounded(query.error) {
        let code: String = error
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        audit_failure(state, user_id.as_deref(), &format!("provider said: {code}")).await;
        let outcome = if code == "access_denied" {
            IdentityOutcome::Cancelled
        } else {
            IdentityOutcome::Refused
        };
        return told(flow.purpose, outcome);
    }
    let Some(code) = bounded(query.code) else {
        audit_failure(state, user_id.as_deref(), "the answer carried no code").await;
        return told(flow.purpose, IdentityOutcome::Invalid);
    };
    let taxpayer = match provider.identify(&code, &flow.pkce_verifier).await {
        Ok(taxpayer) => taxpayer,
        Err(error) => {
            audit_failure(state, user_id.as_deref(), &error.to_string()).await;
            return told(flow.purpose, error.outcome());
        }
    };
    match flow.purpose {
        FlowPurpose::Link => link(state, user_id, flow.user_id, &taxpayer).await,
        FlowPurpose::SignIn => sign_in(state, headers, &taxpayer, flow.next_path).await,
    }
}

async fn link(
    state: &AppState,
    user_id: Option<String>,
    began_by: Option<String>,
    taxpayer: &Taxpayer,
) -> Response {
    // Linking finishes only in the session that began it.
    let Some(user_id) = user_id.filter(|id| began_by.as_deref() == Some(id)) else {
        audit_failure(
            state,
            began_by.as_deref(),
            "link finished outside the session that began it",
        )
        .await;
        return told(FlowPurpose::SignIn, IdentityOutcome::Expired);
    };
    match state.db.link_identity(&user_id, PROVIDER, taxpayer).await {
        Ok(()) => told(FlowPurpose::Link, IdentityOutcome::Linked),
        Err(IdentityError::Outcome(outcome)) => {
            audit_failure(state, Some(&user_id), &format!("link refused: {outcome}")).await;
            told(FlowPurpose::Link, outcome)
        }
        Err(error) => {
            tracing::error!(%error, "could not link TAXISnet");
            unavailable()
        }
    }
}

async fn sign_in(
    state: &AppState,
    headers: &HeaderMap,
    taxpayer: &Taxpayer,
    next: Option<String>,
) -> Response {
    let db = &state.db;
    let account = match db.account_by_identity(PROVIDER, &taxpayer.subject).await {
        Ok(account) => account,
        Err(error) => {
            tracing::error!(%error, "could not look up a TAXISnet identity");
            return unavailable();
        }
    };
    let Some(account) = account else {
        return first_sign_in(state, taxpayer).await;
    };
    // The user id found the account; the ΑΦΜ proved now must still be the one linked.
    if account.afm != taxpayer.afm.as_str() {
        audit_failure(
            state,
            Some(&account.user_id),
            "sign-in refused: TAXISnet proved another ΑΦΜ for this user id",
        )
        .await;
        return told(FlowPurpose::SignIn, IdentityOutcome::AfmDiffers);
    }
    if account.email_confirmed_at_ms.is_none() {
        return told(FlowPurpose::SignIn, IdentityOutcome::Unconfirmed);
    }
    if let Some(old) = app::backend::sessions::token_from_cookie_header(
        headers
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or(""),
    ) {
        if let Err(error) = db.delete_session(old).await {
            tracing::error!(%error, "could not end the previous session");
        }
    }
    let token = match db
        .create_session_via(&account.user_id, Some(PROVIDER))
        .await
    {
        Ok(token) => token,
        Err(error) => {
            tracing::error!(%error, "could not start a session");
            return unavailable();
        }
    };
    if let Err(error) = db
        .audit(
            db.pool(),
            &Actor::User(account.user_id.clone()),
            "auth.signed_in",
            Some(&account.user_id),
            Some(PROVIDER),
        )
        .await
    {
        tracing::error!(%error, "could not record a sign-in");
    }
    let role = Role::parse(&account.role).unwrap_or(Role::Citizen);
    let goes_to = next
        .as_deref()
        .and_then(LocalPath::parse)
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| role.start_page().into());
    let signed_in = with_cookie(
        crate::redirect::see_other(&goes_to),
        &state.sessions.cookie(&token),
    );
    with_cookie(signed_in, &cookie(state, PENDING_COOKIE, "", "/", Some(0)))
}

/// A person TAXISnet proved, without an account: held while they give an e-mail address,
/// unless their ΑΦΜ is already another account's (then they sign in there and link).
async fn first_sign_in(state: &AppState, taxpayer: &Taxpayer) -> Response {
    match state.db.afm_held_verified(&taxpayer.afm).await {
        Ok(true) => {
            audit_failure(state, None, "first sign-in: the ΑΦΜ is another account's").await;
            return told(FlowPurpose::SignIn, IdentityOutcome::AfmTaken);
        }
        Ok(false) => {}
        Err(error) => {
            tracing::error!(%error, "could not check the proved ΑΦΜ");
            return unavailable();
        }
    }
    match state.db.hold_pending_identity(PROVIDER, taxpayer).await {
        // Ends with the browser as well as after ten minutes (the database's expiry): the
        // next person at a shared computer must not find this one's name and ΑΦΜ.
        Ok(token) => with_cookie(
            crate::redirect::see_other("/taxisnet/welcome"),
            &cookie(state, PENDING_COOKIE, &token, "/", None),
        ),
        Err(error) => {
            tracing::error!(%error, "could not hold a proved person");
            unavailable()
        }
    }
}

/// After the portal's own sign-out: out of TAXISnet too, then back to the home page.
async fn logout_at_provider(State(state): State<AppState>) -> Response {
    let back = format!("{}/?signed_out=1", state.site.public_base_url);
    match provider(&state).and_then(|p| p.logout_url(&back)) {
        Some(url) => to_provider(&url),
        None => crate::redirect::see_other("/?signed_out=1"),
    }
}
