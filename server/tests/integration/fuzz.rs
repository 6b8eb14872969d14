//! Fuzzing every server function, on both engines: random and boundary values for every
//! argument (missing ones, huge ones, control characters, numbers past 64 bits, SQL and
//! markup, dates that do not exist), sent as the browser's script and as a plain form
//! post, each as a caller the authorization matrix allows; and the same values in the
//! query of every route and page that reads one (exports, filters, the language switch,
//! the return from the bank). A malformed request is a client error answered in words: not
//! one response may be a 5xx.

use crate::common;

use app::backend::Db;
use app::domain::account::Role;
use axum::body::Body;
use axum::http::{header, Request};
use common::client::*;
use common::matrix::{plausible_args, Access, MATRIX};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Requests per server function and engine.
const ROUNDS: usize = 60;

/// A small deterministic generator: the same inputs on every run, so a failure repeats.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

fn boundary_values() -> Vec<String> {
    let mut values: Vec<String> = [
        "",
        " ",
        "0",
        "-1",
        "1",
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "0,001",
        "12.345,67",
        "-0,01",
        "%",
        "_",
        "%_%\\",
        "\\",
        "'; DROP TABLE users; --",
        "\" OR 1=1 --",
        "<script>alert(1)</script>",
        "</title><meta http-equiv=\"refresh\" content=\"0;url=//evil.example\">",
        "\u{0}",
        "\t\r\n",
        "a\r\nSet-Cookie: x=1",
        "/%09/evil.example",
        "//evil.example",
        "https://evil.example",
        "../../etc/passwd",
        "2026-02-30",
        "9999-12-31",
        "0000-00-00",
        "2026-13-01",
        "24:00",
        "12:60",
        "null",
        "true",
        "[]",
        "{}",
        "090000045",
        "000000000",
        "RF712348231",
        "ΝΑΒ1234",
        "=HYPERLINK(\"http://evil.example\")",
        "\u{202e}gnp.exe",
        "𝔸𝔹ℂ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    values.push("α".repeat(5_000));
    values.push("%".repeat(3_000));
    values.push("x".repeat(60_000));
    values
}

fn random_text(rng: &mut Lcg) -> String {
    let alphabet: Vec<char> = "aZ09 -_.,:/%\\'\"<>&;=+@#ΑΒΓαβγάέ€\t\n\u{1}\u{7f}"
        .chars()
        .collect();
    let len = rng.next(40);
    (0..len)
        .map(|_| alphabet[rng.next(alphabet.len())])
        .collect()
}

fn form_body(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

async fn send(
    router: &axum::Router,
    path: &str,
    body: String,
    cookie: Option<&str>,
    as_form: bool,
) -> u16 {
    let mut request =
        Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    request = if as_form {
        request
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, "http://127.0.0.1:3000/comment")
    } else {
        request.header(header::ACCEPT, "application/json")
    };
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status().as_u16();
    // The whole answer must arrive, too.
    let _ = response.into_body().collect().await.unwrap();
    status
}

async fn no_server_function_answers_a_5xx(db: Db) {
    // Generous limits: refusals by rate limit are fine, but they would hide the rest.
    let router = common::router_with(db.clone(), |key| match key {
        "DIMOS_AUTH_ATTEMPTS_PER_MINUTE" | "DIMOS_COMMENTS_PER_HOUR" => Some("10000".into()),
        _ => None,
    })
    .await;
    let (owner_id, _) = user_with_session(&db, "owner@example.gr", Role::Citizen).await;
    let business = db
        .create_business(
            &owner_id,
            app::backend::businesses::NewBusiness {
                afm: "090000045",
                name: "Owner's",
                legal_form: "oe",
                activity: "catering",
                vat_period: "monthly",
            },
        )
        .await
        .unwrap();
    let mut staff = std::collections::HashMap::new();
    for role in [Role::Citizen, Role::Clerk, Role::Cashier, Role::Admin] {
        let (id, _) =
            user_with_session(&db, &format!("{}@fuzz.example.gr", role.as_str()), role).await;
        staff.insert(role, id);
    }
    let plausible = plausible_args(&business.id, "none", &owner_id);
    let boundary = boundary_values();
    let mut rng = Lcg(20261201);
    let (mut sent, mut by_status) = (0, std::collections::BTreeMap::<u16, usize>::new());
    let mut failures = Vec::new();
    for (path, access) in MATRIX {
        let callers: Vec<Option<&str>> = match access {
            Access::Public | Access::Signed => vec![None, Some(owner_id.as_str())],
            Access::SignedIn | Access::Owner => vec![Some(owner_id.as_str())],
            Access::Roles(roles) => roles
                .iter()
                .map(|r| staff.get(r).map(String::as_str))
                .collect(),
        };
        for round in 0..ROUNDS {
            // A fresh session each time: a fuzzed sign-out or password change ends sessions.
            let caller = match callers[round % callers.len()] {
                Some(user) => Some(format!(
                    "dimos_session={}",
                    db.create_session(user).await.unwrap()
                )),
                None => None,
            };
            let caller = caller.as_deref();
            let as_form = round % 4 == 3;
            let body = match round % 10 {
                // Nothing, or not a form at all.
                0 => String::new(),
                1 => "%%%&&&==\u{0}".to_owned(),
                // Every argument plausible but one, which gets a boundary value.
                2..=5 => {
                    let mut pairs: Vec<(String, String)> = plausible
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect();
                    let i = rng.next(pairs.len());
                    pairs[i].1 = boundary[rng.next(boundary.len())].clone();
                    form_body(&pairs)
                }
                // Every argument random or boundary; some left out, some twice.
                _ => {
                    let mut pairs = Vec::new();
                    for (name, _) in &plausible {
                        match rng.next(6) {
                            0 => {}
                            1 => {
                                pairs.push((name.to_string(), random_text(&mut rng)));
                                pairs.push((name.to_string(), random_text(&mut rng)));
                            }
                            2 => {
                                let value = boundary[rng.next(boundary.len() - 1)].clone();
                                pairs.push((name.to_string(), value));
                            }
                            _ => pairs.push((name.to_string(), random_text(&mut rng))),
                        }
                    }
                    form_body(&pairs)
                }
            };
            let status = send(&router, path, body.clone(), caller, as_form).await;
            sent += 1;
            *by_status.entry(status).or_default() += 1;
            if status >= 500 {
                let shown: String = body.chars().take(300).collect();
                failures.push(format!("{path} → {status} (form: {as_form}) for {shown}"));
            }
        }
    }
    eprintln!(
        "fuzz: {sent} requests to {} server functions, statuses {by_status:?}",
        MATRIX.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {sent} answered 5xx:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The plain routes and pages that read a query (exports, filters, language switch, the
/// return from the bank, the receipt check): who may open each, and the names it reads.
const QUERY_ROUTES: &[(&str, Option<Role>, &[&str])] = &[
    (
        "/staff/payments-export.csv",
        Some(Role::Cashier),
        &["state", "purpose", "from", "to", "min", "max", "payer"],
    ),
    (
        "/staff/payments",
        Some(Role::Cashier),
        &["state", "purpose", "from", "to", "min", "max", "payer"],
    ),
    (
        "/staff/tax/declarations.csv",
        Some(Role::Clerk),
        &["year", "period", "state", "business", "late"],
    ),
    (
        "/staff/tax",
        Some(Role::Cashier),
        &["year", "period", "state", "business", "late"],
    ),
    (
        "/staff/inbox",
        Some(Role::Clerk),
        &[
            "kind",
            "status",
            "from",
            "to",
            "protocol",
            "department",
            "q",
            "page",
        ],
    ),
    ("/staff/fines", Some(Role::Clerk), &["q", "status"]),
    ("/lang/en", None, &["next"]),
    (
        "/payments/return",
        None,
        &["s", "t", "eventId", "eci", "lang"],
    ),
    ("/fines", None, &["municipality_code", "ticket_type"]),
    ("/check", None, &["code"]),
    ("/login", None, &["next"]),
];

async fn no_query_answers_a_5xx(db: Db) {
    let router = common::router(db.clone()).await;
    let boundary = boundary_values();
    let mut rng = Lcg(20261203);
    let mut sessions = std::collections::HashMap::new();
    for role in [Role::Clerk, Role::Cashier] {
        let (_, cookie) =
            user_with_session(&db, &format!("{}@query.example.gr", role.as_str()), role).await;
        sessions.insert(role, cookie);
    }
    let (mut sent, mut failures) = (0, Vec::new());
    let mut by_status = std::collections::BTreeMap::<u16, usize>::new();
    for (path, role, names) in QUERY_ROUTES {
        let cookie = role.and_then(|r| sessions.get(&r)).map(String::as_str);
        for round in 0..ROUNDS {
            let mut pairs = Vec::new();
            for name in *names {
                match rng.next(4) {
                    0 => {}
                    1 => pairs.push((name.to_string(), random_text(&mut rng))),
                    _ => pairs.push((name.to_string(), boundary[rng.next(boundary.len())].clone())),
                }
            }
            // An address stays under 64 KiB (no client sends more, and `http` refuses it):
            // long values one at a time, the longest left out.
            pairs.retain(|(_, v)| v.len() < 6_000);
            if round % 10 != 0 {
                pairs.retain(|(_, v)| v.len() < 1_000);
            }
            let uri = format!("{path}?{}", form_body(&pairs));
            let reply = get(&router, &uri, cookie).await;
            sent += 1;
            *by_status.entry(reply.status.as_u16()).or_default() += 1;
            if reply.status.is_server_error() {
                let shown: String = uri.chars().take(300).collect();
                failures.push(format!("GET {shown} → {}", reply.status));
            }
        }
    }
    eprintln!(
        "fuzz: {sent} queries to {} routes, statuses {by_status:?}",
        QUERY_ROUTES.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {sent} answered 5xx:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

on_both_engines!(no_server_function_answers_a_5xx, no_query_answers_a_5xx);
