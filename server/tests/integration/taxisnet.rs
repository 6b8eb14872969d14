//! Sign-in with TAXISnet on both engines, against a fake GSIS server in this test that
//! speaks GSIS's wire format (form-encoded `oauth/token` with the client's keys in the body,
//! JSON token, `userinfo?format=xml` with a bearer token, `<userinfo>` attributes), and
//! against the built-in stand-in over real HTTP. Attacks and failures included: a `state`
//! from another browser, a replayed `state`, an expired code, a token endpoint that fails
//! or stalls, userinfo with an invalid ΑΦΜ or missing fields, linking another's ΑΦΜ.

use crate::common;
use crate::common::client::{get, outbox_link, post, session_cookie, user_with_session, Reply};

use app::backend::Db;
use app::domain::account::Role;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get as route_get, post as route_post};
use axum::Router;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const CLIENT_ID: &str = "dimos-municipality";
const CLIENT_SECRET: &str = "gsis client secret";
const CODE: &str = "code-from-gsis";
const ACCESS: &str = "access-token-from-gsis";

/// What the fake GSIS answers next.
#[derive(Clone)]
enum Mode {
    /// A token, then this userinfo body.
    Answer(String),
    /// The token endpoint refuses the code (used or expired): `invalid_grant`.
    ExpiredCode,
    /// The token endpoint fails.
    TokenFails,
    /// The token endpoint answers after longer than the portal waits.
    Stalls,
}

struct Fake {
    mode: Mutex<Mode>,
    /// The token requests' form fields, as received.
    token_requests: Mutex<Vec<HashMap<String, String>>>,
}

type Shared = Arc<Fake>;

fn userinfo(userid: &str, taxid: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><root><userinfo userid=\"{userid}\" \
         taxid=\"{taxid}\" lastname=\"ΠΑΠΑΔΟΠΟΥΛΟΥ\" firstname=\"ΜΑΡΙΑ\" fathername=\"ΓΕΩΡΓΙΟΣ\" \
         mothername=\"ΕΛΕΝΗ\" birthyear=\"1980\"/></root>"
    )
}

async fn token(State(fake): State<Shared>, body: String) -> (StatusCode, HeaderMap, String) {
    let fields: HashMap<String, String> = form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    fake.token_requests.lock().unwrap().push(fields.clone());
    let mut json = HeaderMap::new();
    json.insert("content-type", "application/json".parse().unwrap());
    let mode = fake.mode.lock().unwrap().clone();
    match mode {
        Mode::TokenFails => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                HeaderMap::new(),
                "<html>Error 500</html>".into(),
            )
        }
        Mode::Stalls => tokio::time::sleep(std::time::Duration::from_secs(3)).await,
        Mode::ExpiredCode => {
            return (
                StatusCode::BAD_REQUEST,
                json,
                r#"{"error":"invalid_grant","error_description":"Invalid authorization code"}"#
                    .into(),
            )
        }
        Mode::Answer(_) => {}
    }
    let keys_ok = fields.get("client_id").map(String::as_str) == Some(CLIENT_ID)
        && fields.get("client_secret").map(String::as_str) == Some(CLIENT_SECRET);
    if !keys_ok {
        return (
            StatusCode::UNAUTHORIZED,
            json,
            r#"{"error":"invalid_client"}"#.into(),
        );
    }
    if fields.get("grant_type").map(String::as_str) != Some("authorization_code")
        || fields.get("code").map(String::as_str) != Some(CODE)
    {
        return (
            StatusCode::BAD_REQUEST,
            json,
            r#"{"error":"invalid_grant"}"#.into(),
        );
    }
    (
        StatusCode::OK,
        json,
        format!(
            r#"{{"access_token":"{ACCESS}","token_type":"bearer","refresh_token":"r","expires_in":43199,"scope":"read"}}"#
        ),
    )
}

async fn userinfo_endpoint(State(fake): State<Shared>, headers: HeaderMap) -> (StatusCode, String) {
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {ACCESS}"));
    if !bearer {
        return (StatusCode::UNAUTHORIZED, String::new());
    }
    match fake.mode.lock().unwrap().clone() {
        Mode::Answer(body) => (StatusCode::OK, body),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, String::new()),
    }
}

/// The fake GSIS on a local port; its base address.
async fn fake_gsis(fake: Shared) -> String {
    let router = Router::new()
        .route("/oauth2server/oauth/token", route_post(token))
        .route("/oauth2server/userinfo", route_get(userinfo_endpoint))
        .with_state(fake);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/oauth2server", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

struct Portal {
    router: Router,
    fake: Shared,
    /// Where the portal's file mailer writes.
    outbox: std::path::PathBuf,
}

async fn portal(db: Db) -> Portal {
    let fake: Shared = Arc::new(Fake {
        mode: Mutex::new(Mode::Answer(userinfo("User064", "100000015"))),
        token_requests: Mutex::new(Vec::new()),
    });
    let base = fake_gsis(fake.clone()).await;
    let outbox = std::env::temp_dir().join(format!("dimos-outbox-{}", uuid::Uuid::new_v4()));
    let outbox_text = outbox.display().to_string();
    let router = common::router_with(db.clone(), move |key| match key {
        "DIMOS_OUTBOX_DIR" => Some(outbox_text.clone()),
        "DIMOS_TAXISNET" => Some("gsis".into()),
        "DIMOS_GSIS_BASE_URL" => Some(base.clone()),
        "DIMOS_GSIS_CLIENT_ID" => Some(CLIENT_ID.into()),
        "DIMOS_GSIS_CLIENT_SECRET" => Some(CLIENT_SECRET.into()),
        "DIMOS_GSIS_TIMEOUT_SECS" => Some("1".into()),
        "DIMOS_AUTH_ATTEMPTS_PER_MINUTE" => Some("1000".into()),
        _ => None,
    })
    .await;
    Portal {
        router,
        fake,
        outbox,
    }
}

/// The cookie pair `name=value` a reply set, if any.
fn cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .set_cookie
        .iter()
        .find(|c| c.starts_with(&format!("{name}=")) && !c.starts_with(&format!("{name}=;")))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

/// Begins a flow as a browser: the flow cookie, and the `state` sent to GSIS.
async fn begin(portal: &Portal, path: &str, session: Option<&str>) -> (String, String) {
    let reply = get(&portal.router, path, session).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let location = reply.location.clone().unwrap();
    assert!(
        location.contains("/oauth2server/oauth/authorize?"),
        "{location}"
    );
    let url = url::Url::parse(&location).unwrap();
    let query: HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(query["client_id"], CLIENT_ID);
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["scope"], "read");
    assert!(query["redirect_uri"].ends_with("/auth/taxisnet/callback"));
    (
        cookie(&reply, "dimos_taxisnet_flow").expect("flow cookie"),
        query["state"].clone(),
    )
}

/// The provider's answer arriving at the callback in the browser holding `cookies`.
async fn answer(portal: &Portal, query: &str, cookies: &str) -> Reply {
    get(
        &portal.router,
        &format!("/auth/taxisnet/callback?{query}"),
        Some(cookies),
    )
    .await
}

async fn counts(db: &Db) -> (i64, i64, i64) {
    let one = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(db.pool())
            .await
            .unwrap()
    };
    (
        one("SELECT COUNT(*) FROM users").await,
        one("SELECT COUNT(*) FROM user_identities").await,
        one("SELECT COUNT(*) FROM pending_identities").await,
    )
}

async fn failures_logged(db: &Db) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'auth.taxisnet_failed' ORDER BY at_ms, id",
    )
    .fetch_all(db.pool())
    .await
    .unwrap()
}

/// First sign-in: asked for an e-mail address; the account (the proved ΑΦΜ verified) is
/// created only when the link sent there is opened; later sign-ins find it by the
/// provider's user id.
async fn first_sign_in_creates_a_proved_account_from_the_emailed_link(db: Db) {
    let portal = portal(db.clone()).await;
    let (flow, state) = begin(&portal, "/auth/taxisnet?next=/debts", None).await;
    let reply = answer(&portal, &format!("code={CODE}&state={state}"), &flow).await;
    assert_eq!(reply.location.as_deref(), Some("/taxisnet/welcome"));
    let pending = cookie(&reply, "dimos_taxisnet_pending").expect("pending cookie");
    let set = reply
        .set_cookie
        .iter()
        .find(|c| c.starts_with("dimos_taxisnet_pending="))
        .unwrap();
    assert!(!set.contains("Max-Age"), "ends with the browser: {set}");
    assert!(
        session_cookie(&reply).is_none(),
        "no session before an e-mail address"
    );
    assert_eq!(counts(&db).await, (0, 0, 1), "nothing created yet");
    let sent = portal.fake.token_requests.lock().unwrap()[0].clone();
    assert!(sent["redirect_uri"].ends_with("/auth/taxisnet/callback"));
    assert_eq!(sent["grant_type"], "authorization_code");

    let page = get(&portal.router, "/taxisnet/welcome", Some(&pending)).await;
    assert!(page.body.contains("ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ") && page.body.contains("100000015"));

    let bad = post(
        &portal.router,
        "/api/finish_taxisnet_sign_up",
        &[("email", "maria@")],
        Some(&pending),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let done = post(
        &portal.router,
        "/api/finish_taxisnet_sign_up",
        &[("email", "Maria@Example.gr")],
        Some(&pending),
    )
    .await;
    assert_eq!(
        done.location.as_deref(),
        Some("/register/sent"),
        "{}",
        done.body
    );
    assert_eq!(
        counts(&db).await,
        (0, 0, 1),
        "no account before the mailbox is proved"
    );
    // The browser's pending cookie is spent: the next person at the computer sees nothing.
    let page = get(&portal.router, "/taxisnet/welcome", Some(&pending)).await;
    assert!(!page.body.contains("100000015"));
    let again = post(
        &portal.router,
        "/api/finish_taxisnet_sign_up",
        &[("email", "other@example.gr")],
        Some(&pending),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    let link = outbox_link(&portal.outbox, "/taxisnet/confirm?token=");
    let token = link.split_once("token=").unwrap().1.to_owned();
    let wrong = post(
        &portal.router,
        "/api/confirm_taxisnet_email",
        &[("token", "made-up")],
        None,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::CONFLICT);
    let confirmed = post(
        &portal.router,
        "/api/confirm_taxisnet_email",
        &[("token", &token)],
        None,
    )
    .await;
    assert_eq!(
        confirmed.location.as_deref(),
        Some("/login?confirmed=1"),
        "{}",
        confirmed.body
    );
    assert_eq!(counts(&db).await, (1, 1, 0));
    let replayed = post(
        &portal.router,
        "/api/confirm_taxisnet_email",
        &[("token", &token)],
        None,
    )
    .await;
    assert_eq!(replayed.status, StatusCode::CONFLICT, "the link works once");
    let user = db
        .find_user_by_email("maria@example.gr")
        .await
        .unwrap()
        .expect("created");
    let profile = db.profile(&user.id).await.unwrap().unwrap();
    assert_eq!(profile.afm.as_deref(), Some("100000015"));
    assert_eq!(
        profile.verification,
        app::domain::account::Verification::Verified
    );
    assert!(profile.email_confirmed_at_ms.is_some());
    assert_eq!(profile.full_name, "ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ");
    assert_eq!(profile.father_name.as_deref(), Some("ΓΕΩΡΓΙΟΣ"));
    // No password: a password sign-in never succeeds (and takes a hash's time).
    assert!(db
        .check_password("maria@example.gr", "!")
        .await
        .unwrap()
        .is_none());

    let (flow, state) = begin(&portal, "/auth/taxisnet?next=/debts", None).await;
    let reply = answer(&portal, &format!("code={CODE}&state={state}"), &flow).await;
    assert_eq!(reply.location.as_deref(), Some("/debts"));
    let session = session_cookie(&reply).expect("signed in");
    assert_eq!(
        counts(&db).await,
        (1, 1, 0),
        "found by the provider's user id"
    );
    let me = post(&portal.router, "/api/my_account", &[], Some(&session)).await;
    assert!(
        me.body.contains("\"verification\":\"verified\""),
        "{}",
        me.body
    );

    // The same user id with another ΑΦΜ is not let in.
    *portal.fake.mode.lock().unwrap() = Mode::Answer(userinfo("User064", "100000027"));
    let (flow, state) = begin(&portal, "/auth/taxisnet", None).await;
    let reply = answer(&portal, &format!("code={CODE}&state={state}"), &flow).await;
    assert_eq!(
        reply.location.as_deref(),
        Some("/login?taxisnet=afm_differs")
    );
    assert!(session_cookie(&reply).is_none());

    // Signing out ends the TAXISnet session there too.
    let out = post(&portal.router, "/api/logout", &[], Some(&session)).await;
    assert_eq!(out.location.as_deref(), Some("/auth/taxisnet/logout"));
    let there = get(&portal.router, "/auth/taxisnet/logout", None).await;
    let there = there.location.unwrap();
    assert!(
        there.contains(&format!("/oauth2server/logout/{CLIENT_ID}/?url=http")),
        "{there}"
    );

    // An address that has an account: the same page, and its owner is told by e-mail.
    let _ = user_with_session(&db, "taken@example.gr", Role::Citizen).await;
    *portal.fake.mode.lock().unwrap() = Mode::Answer(userinfo("User100", "100000039"));
    let (flow, state) = begin(&portal, "/auth/taxisnet", None).await;
    let reply = answer(&portal, &format!("code={CODE}&state={state}"), &flow).await;
    let pending = cookie(&reply, "dimos_taxisnet_pending").expect("pending cookie");
    let done = post(
        &portal.router,
        "/api/finish_taxisnet_sign_up",
        &[("email", "taken@example.gr")],
        Some(&pending),
    )
    .await;
    assert_eq!(done.location.as_deref(), Some("/register/sent"));
    assert_eq!(
        counts(&db).await,
        (2, 1, 0),
        "nothing created, the pending person gone"
    );
    let told = std::fs::read_dir(&portal.outbox)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|text| text.contains("taken@example.gr"))
        .count();
    assert_eq!(told, 1, "the owner of the address is told");
    let _ = std::fs::remove_dir_all(&portal.outbox);
}

/// Every way the answer can go wrong: a clear outcome, and no account created or changed.
async fn failures_create_or_change_nothing(db: Db) {
    let portal = portal(db.clone()).await;
    let set = |mode: Mode| *portal.fake.mode.lock().unwrap() = mode;
    let outcome = |reply: &Reply| reply.location.clone().unwrap_or_default();

    // A `state` that is not this browser's (a link someone was sent, a forged answer).
    let (flow, state) = begin(&portal, "/auth/taxisnet", None).await;
    let (other_flow, _) = begin(&portal, "/auth/taxisnet", None).await;
    let reply = answer(&portal, &format!("code={CODE}&state={state}"), &other_flow).await;
    assert_eq!(outcome(&reply), "/login?taxisnet=expired");
    let reply = answer(&portal, &format!("code={CODE}&state={state}"), "").await;
    assert_eq!(outcome(&reply), "/login?taxisnet=expired");
    assert!(
        portal.fake.token_requests.lock().unwrap().is_empty(),
        "GSIS never asked"
    );
    // The right browser, once; the same answer replayed is refused.
    set(Mode::ExpiredCode);
    let reply = answer(&portal, &format!("code={CODE}&state={state}"), &flow).await;
    assert_eq!(outcome(&reply), "/login?taxisnet=refused", "expired code");
    let reply = answer(&portal, &format!("code={CODE}&state={state}"), &flow).await;
    assert_eq!(outcome(&reply), "/login?taxisnet=expired", "replayed state");

    let cases: Vec<(Mode, &str)> = vec![
        (Mode::TokenFails, "unavailable"),
        (Mode::Stalls, "unavailable"),
        (Mode::Answer(userinfo("User064", "123456789")), "invalid"),
        (
            Mode::Answer(
                "<root><userinfo userid=\"User064\" lastname=\"Α\" firstname=\"Β\"/></root>".into(),
            ),
            "invalid",
        ),
        (
            Mode::Answer(
                "<root><userinfo taxid=\"100000015\" lastname=\"Α\" firstname=\"Β\"/></root>"
                    .into(),
            ),
            "invalid",
        ),
        (
            Mode::Answer("<html><body>Σφάλμα</body></html>".into()),
            "invalid",
        ),
        (
            Mode::Answer("<root><userinfo userid=\"u\"".into()),
            "invalid",
        ),
    ];
    for (mode, expected) in cases {
        set(mode);
        let (flow, state) = begin(&portal, "/auth/taxisnet", None).await;
        let reply = answer(&portal, &format!("code={CODE}&state={state}"), &flow).await;
        assert_eq!(outcome(&reply), format!("/login?taxisnet={expected}"));
        assert!(session_cookie(&reply).is_none());
        assert!(cookie(&reply, "dimos_taxisnet_pending").is_none());
    }
    // Cancelled at the provider.
    let (flow, state) = begin(&portal, "/auth/taxisnet", None).await;
    let reply = answer(
        &portal,
        &format!("error=access_denied&state={state}"),
        &flow,
    )
    .await;
    assert_eq!(outcome(&reply), "/login?taxisnet=cancelled");
    assert_eq!(counts(&db).await, (0, 0, 0), "nothing created");

    let logged = failures_logged(&db).await;
    for needle in ["state", "invalid_grant", "token", "taxid", "access_denied"] {
        assert!(
            logged.iter().any(|d| d.contains(needle)),
            "the audit log names {needle}: {logged:?}"
        );
    }
    // The sign-in page says each in words, in both languages.
    for code in ["cancelled", "unavailable", "invalid", "refused", "expired"] {
        let page = get(&portal.router, &format!("/login?taxisnet={code}"), None).await;
        assert!(page.body.contains("role=\"alert\""), "{code}");
        assert!(page.body.contains("TAXISnet"), "{code}");
    }

    // Extra fields and elements are no trouble.
    set(Mode::Answer(
        "<root><meta x=\"1\"/><userinfo userid=\"User1\" taxid=\"100000027\" lastname=\"Ν\" \
         firstname=\"Γ\" newfield=\"x\" birthyear=\"19x\"/><more/></root>"
            .into(),
    ));
    let (flow, state) = begin(&portal, "/auth/taxisnet", None).await;
    let reply = answer(&portal, &format!("code={CODE}&state={state}"), &flow).await;
    assert_eq!(outcome(&reply), "/taxisnet/welcome");
}

/// A local account links TAXISnet and its ΑΦΜ becomes proved; another account cannot take
/// the same ΑΦΜ or the same TAXISnet user, and a clerk-verified ΑΦΜ is not overwritten.
async fn linking_proves_the_afm_and_refuses_another_accounts(db: Db) {
    let portal = portal(db.clone()).await;
    let set = |mode: Mode| *portal.fake.mode.lock().unwrap() = mode;
    let (first_id, first) = user_with_session(&db, "first@example.gr", Role::Citizen).await;
    let (second_id, second) = user_with_session(&db, "second@example.gr", Role::Citizen).await;

    let anonymous = get(&portal.router, "/auth/taxisnet/link", None).await;
    assert_eq!(anonymous.location.as_deref(), Some("/login?next=/account"));

    let link = |session: String, mode: Mode| {
        set(mode);
        let portal = &portal;
        async move {
            let (flow, state) = begin(portal, "/auth/taxisnet/link", Some(&session)).await;
            let cookies = format!("{session}; {flow}");
            answer(portal, &format!("code={CODE}&state={state}"), &cookies)
                .await
                .location
                .unwrap_or_default()
        }
    };
    assert_eq!(
        link(
            first.clone(),
            Mode::Answer(userinfo("User064", "100000015"))
        )
        .await,
        "/account?taxisnet=linked"
    );
    let profile = db.profile(&first_id).await.unwrap().unwrap();
    assert_eq!(profile.afm.as_deref(), Some("100000015"));
    assert_eq!(
        profile.verification,
        app::domain::account::Verification::Verified
    );
    let page = get(&portal.router, "/account", Some(&first)).await;
    assert!(
        !page.body.contains("/auth/taxisnet/link"),
        "linked: no link button"
    );

    // The same ΑΦΜ through another TAXISnet user, and the same TAXISnet user.
    assert_eq!(
        link(
            second.clone(),
            Mode::Answer(userinfo("User999", "100000015"))
        )
        .await,
        "/account?taxisnet=afm_taken"
    );
    assert_eq!(
        link(
            second.clone(),
            Mode::Answer(userinfo("User064", "100000015"))
        )
        .await,
        "/account?taxisnet=linked_elsewhere"
    );
    let untouched = db.profile(&second_id).await.unwrap().unwrap();
    assert_eq!(untouched.afm, None);
    assert_eq!(
        untouched.verification,
        app::domain::account::Verification::Unverified
    );
    assert!(!db.has_identity(&second_id, "taxisnet").await.unwrap());
    let page = get(&portal.router, "/account?taxisnet=afm_taken", Some(&second)).await;
    assert!(page.body.contains("role=\"alert\""));

    // A first sign-in with an ΑΦΜ another account holds proved: told to link from there.
    set(Mode::Answer(userinfo("User777", "100000015")));
    let (flow, state) = begin(&portal, "/auth/taxisnet", None).await;
    let reply = answer(&portal, &format!("code={CODE}&state={state}"), &flow).await;
    assert_eq!(reply.location.as_deref(), Some("/login?taxisnet=afm_taken"));

    // A link begun in one session cannot be finished in another.
    set(Mode::Answer(userinfo("User555", "100000027")));
    let (flow, state) = begin(&portal, "/auth/taxisnet/link", Some(&second)).await;
    let reply = answer(
        &portal,
        &format!("code={CODE}&state={state}"),
        &format!("{first}; {flow}"),
    )
    .await;
    assert_eq!(reply.location.as_deref(), Some("/login?taxisnet=expired"));
    let stray: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM user_identities WHERE subject = 'User555'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(stray, 0, "nobody linked");

    // A clerk verified another ΑΦΜ on this account: TAXISnet does not overwrite it.
    sqlx::query("UPDATE users SET afm = '100000039', verification = 'verified' WHERE id = $1")
        .bind(&second_id)
        .execute(db.pool())
        .await
        .unwrap();
    assert_eq!(
        link(
            second.clone(),
            Mode::Answer(userinfo("User555", "100000027"))
        )
        .await,
        "/account?taxisnet=afm_differs"
    );
    assert_eq!(
        db.profile(&second_id)
            .await
            .unwrap()
            .unwrap()
            .afm
            .as_deref(),
        Some("100000039")
    );

    // A sole trader's business (the person's own proved ΑΦΜ) needs no clerk; another does.
    let categories = db.tax_categories().await.unwrap();
    let activity = categories[0].code.clone();
    for (afm, verified) in [("100000015", true), ("090000045", false)] {
        let reply = post(
            &portal.router,
            "/api/register_business",
            &[
                ("afm", afm),
                ("name", "Ατομική επιχείρηση"),
                ("legal_form", "sole"),
                ("activity", &activity),
                ("vat_period", "quarterly"),
            ],
            Some(&first),
        )
        .await;
        assert_eq!(
            reply.location.as_deref(),
            Some("/business?saved=business"),
            "{}",
            reply.body
        );
        let businesses = db.businesses_of(&first_id).await.unwrap();
        let business = businesses.iter().find(|b| b.afm == afm).unwrap();
        assert_eq!(
            business.verification == app::domain::account::Verification::Verified,
            verified,
            "{afm}"
        );
    }
}

/// The built-in stand-in over real HTTP, with the portal's real client: the test taxpayer
/// page, codes that work once, PKCE and the client's keys checked.
async fn the_stand_in_plays_gsis_end_to_end(db: Db) {
    let base = common::serve(db.clone(), |key| {
        (key == "DIMOS_AUTH_ATTEMPTS_PER_MINUTE").then(|| "1000".into())
    })
    .await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let started = http
        .get(format!("{base}/auth/taxisnet"))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let flow = started
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("dimos_taxisnet_flow="))
        .unwrap();
    let authorize = started.headers()["location"].to_str().unwrap().to_owned();
    assert!(authorize.starts_with(&format!(
        "{base}/sandbox-taxisnet/oauth2server/oauth/authorize?"
    )));
    assert!(authorize.contains("code_challenge_method=S256"));
    let page = http
        .get(&authorize)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ") && page.contains("100000015"));

    let url = url::Url::parse(&authorize).unwrap();
    let query: HashMap<String, String> = url.query_pairs().into_owned().collect();
    let mut form: Vec<(&str, &str)> = [
        "client_id",
        "redirect_uri",
        "state",
        "code_challenge",
        "code_challenge_method",
    ]
    .iter()
    .map(|k| (*k, query[*k].as_str()))
    .collect();
    form.push(("taxpayer", "test-giorgos"));
    let chosen = http
        .post(format!(
            "{base}/sandbox-taxisnet/oauth2server/oauth/authorize"
        ))
        .form(&form)
        .send()
        .await
        .unwrap();
    let callback = chosen.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        callback.starts_with("/auth/taxisnet/callback?code="),
        "{callback}"
    );
    let code: String = url::Url::parse(&format!("{base}{callback}"))
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();

    // The code is worth nothing without the client's secret and PKCE verifier.
    let redirect_uri = query["redirect_uri"].clone();
    let stolen = http
        .post(format!("{base}/sandbox-taxisnet/oauth2server/oauth/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", redirect_uri.as_str()),
            ("client_id", "dimos-sandbox"),
            ("client_secret", "guess"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(stolen.status(), StatusCode::UNAUTHORIZED);
    let no_token = http
        .get(format!(
            "{base}/sandbox-taxisnet/oauth2server/userinfo?format=xml"
        ))
        .bearer_auth("made-up")
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), StatusCode::UNAUTHORIZED);

    let done = http
        .get(format!("{base}{callback}"))
        .header("cookie", &flow)
        .send()
        .await
        .unwrap();
    assert_eq!(done.headers()["location"], "/taxisnet/welcome");
    // The same code again (a replayed answer) is refused.
    let replay = http
        .get(format!("{base}{callback}"))
        .header("cookie", &flow)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.headers()["location"], "/login?taxisnet=expired");
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pending_identities WHERE afm = '100000027'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(pending, 1);

    // Cancel at the stand-in: back to the sign-in page with the reason.
    let started = http
        .get(format!("{base}/auth/taxisnet"))
        .send()
        .await
        .unwrap();
    let authorize = started.headers()["location"].to_str().unwrap().to_owned();
    let query: HashMap<String, String> = url::Url::parse(&authorize)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect();
    let cancelled = http
        .post(format!(
            "{base}/sandbox-taxisnet/oauth2server/oauth/authorize"
        ))
        .form(&[
            ("client_id", query["client_id"].as_str()),
            ("redirect_uri", query["redirect_uri"].as_str()),
            ("state", query["state"].as_str()),
            ("cancel", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert!(cancelled.headers()["location"]
        .to_str()
        .unwrap()
        .contains("error=access_denied"));
    // A request for another portal's address is not served.
    let foreign = http
        .get(format!(
            "{base}/sandbox-taxisnet/oauth2server/oauth/authorize?client_id=dimos-sandbox&response_type=code&state=x&redirect_uri=https%3A%2F%2Fevil.example%2Fcb"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), StatusCode::BAD_REQUEST);
}

on_both_engines!(
    first_sign_in_creates_a_proved_account_from_the_emailed_link,
    failures_create_or_change_nothing,
    linking_proves_the_afm_and_refuses_another_accounts,
    the_stand_in_plays_gsis_end_to_end,
);
