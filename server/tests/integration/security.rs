//! The attacks found when the portal was tried as an attacker would (issue 12), each kept
//! here so it stays fixed, on both engines: the fines registry read by counting, markup in
//! titles, one rate-limit bucket for everybody, open redirects, formulas in CSV exports,
//! police records lost to citizen registrations, ΑΦΜ squatting, comment floods, typed
//! values in addresses, 500s for bad input, and the smaller ones (password guessing from a
//! stolen session, old reset links, imports read before the role check, a changed ΑΦΜ
//! staying verified, HSTS, caching of personal pages, paragraphs refused).

use crate::common;

use app::backend::audit::Actor;
use app::backend::Db;
use app::domain::account::{Role, VerificationStep};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use common::client::*;
use http_body_util::BodyExt;
use tower::ServiceExt;

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

async fn answer(router: &axum::Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// A plain HTML form post, as a browser without JavaScript sends it.
fn browser_post(
    path: &str,
    pairs: &[(&str, &str)],
    referer: &str,
    cookie: Option<&str>,
) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
        .header(header::REFERER, referer);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(form(pairs))).unwrap()
}

fn browser_get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).unwrap()
}

fn step_two<'a>(
    number: &'a str,
    plate: &'a str,
    date: &'a str,
    time: &'a str,
) -> Vec<(&'a str, &'a str)> {
    typed_step_two("P01", number, plate, date, time)
}

fn typed_step_two<'a>(
    kind: &'a str,
    number: &'a str,
    plate: &'a str,
    date: &'a str,
    time: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("municipality_code", "1234"),
        ("ticket_type", kind),
        ("ticket_number", number),
        ("plate", plate),
        ("date", date),
        ("time", time),
    ]
}

const SAMPLE: &str = include_str!("../../fixtures/fines-issued-sample.csv");

/// Item 4: imported tickets are not readable by counting, and a ticket is shown only to
/// whoever proved it (number, plate, date, time), its payer and staff. Another payer's
/// payment does not lock the owner out; if both pay, the second is flagged for a refund.
async fn the_fines_registry_is_not_readable_by_any_account(db: Db) {
    let router = common::router(db.clone()).await;
    let (clerk_id, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    db.import_fines(SAMPLE, "1234", "sample.csv", Some(&clerk_id))
        .await
        .unwrap();
    let (_, snoop) = user_with_session(&db, "snoop@example.gr", Role::Citizen).await;
    let (owner_id, owner) = user_with_session(&db, "owner@example.gr", Role::Citizen).await;
    let first = SAMPLE.lines().nth(1).unwrap();
    let columns: Vec<&str> = first.split(',').collect();
    let (number, kind, plate, date, time) =
        (columns[0], columns[2], columns[3], columns[4], columns[5]);
    let fine = db.fine_by_number(number).await.unwrap().unwrap();
    assert!(
        !fine.id.contains(number),
        "the id says nothing of the ticket: {}",
        fine.id
    );
    assert_eq!(
        uuid::Uuid::parse_str(&fine.id).map(|u| u.get_version_num()),
        Ok(7)
    );
    // The old guessable form of the id finds nothing, and the real id is not enough.
    for id in [format!("t-{number}"), fine.id.clone()] {
        let reply = post(&router, "/api/fine_view", &[("id", &id)], Some(&snoop)).await;
        assert_eq!(app_error(&reply), app::error::AppError::NotFound, "{id}");
    }
    let page = get(&router, &format!("/fines/{}", fine.id), Some(&snoop)).await;
    assert!(
        !page.body.contains(plate),
        "no plate on the page for someone else"
    );
    // Proving it with every detail opens it.
    let found = post(
        &router,
        "/api/find_fine",
        &typed_step_two(kind, number, plate, date, time),
        Some(&owner),
    )
    .await;
    assert!(found.status.is_success(), "{} {}", found.status, found.body);
    let seen = post(&router, "/api/fine_view", &[("id", &fine.id)], Some(&owner)).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    assert_eq!(
        post(&router, "/api/fine_view", &[("id", &fine.id)], Some(&clerk))
            .await
            .status,
        StatusCode::OK,
        "staff see it"
    );
    // Without proof, nobody can start paying it.
    let purposes = dimos_server::state::payment_purposes(true);
    let (snoop_id, _) = (
        db.find_user_by_email("snoop@example.gr")
            .await
            .unwrap()
            .unwrap()
            .id,
        (),
    );
    assert!(db
        .create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Fine,
            &fine.id,
            Some(&snoop_id)
        )
        .await
        .is_err());
    // Someone else who knows the details starts a payment and walks away: the owner can
    // still pay at once.
    let (other_id, other) = user_with_session(&db, "other@example.gr", Role::Citizen).await;
    let proved = post(
        &router,
        "/api/find_fine",
        &typed_step_two(kind, number, plate, date, time),
        Some(&other),
    )
    .await;
    assert!(proved.status.is_success());
    let theirs = db
        .create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Fine,
            &fine.id,
            Some(&other_id),
        )
        .await
        .unwrap();
    let mine = db
        .create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Fine,
            &fine.id,
            Some(&owner_id),
        )
        .await
        .expect("the owner is not locked out");
    // Both pay: the first pays the ticket, the second is kept and flagged for a refund.
    let approved = || {
        app::backend::payments::Report::own(
            app::domain::payment::PaymentEvent::Approved,
            "callback",
        )
    };
    db.record_payment_report(&purposes, &mine.id, approved())
        .await
        .unwrap();
    db.record_payment_report(&purposes, &theirs.id, approved())
        .await
        .unwrap();
    assert_eq!(
        db.fine(&fine.id).await.unwrap().unwrap().paid_by.as_deref(),
        Some(mine.id.as_str())
    );
    let twice: i64 = sqlx::query_scalar("SELECT paid_twice FROM payments WHERE id = $1")
        .bind(&theirs.id)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(twice, 1, "the second payment is flagged for a refund");
    let _ = other;
}

/// Item 5: a business name with markup stays text in every page title that shows it.
async fn markup_in_titles_stays_text(db: Db) {
    let router = common::router(db.clone()).await;
    let (rep_id, _) = user_with_session(&db, "rep@example.gr", Role::Citizen).await;
    let (_, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let name =
        r#"Καφέ</title><meta http-equiv="refresh" content="0;url=https://evil.example/"><title>"#;
    let business = db
        .create_business(
            &rep_id,
            app::backend::businesses::NewBusiness {
                afm: "090000045",
                name,
                legal_form: "oe",
                activity: "catering",
                vat_period: "monthly",
            },
        )
        .await
        .unwrap();
    let page = answer(
        &router,
        browser_get(
            &format!("/staff/tax/businesses/{}", business.id),
            Some(&clerk),
        ),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("<meta http-equiv=\"refresh\""),
        "no markup injected"
    );
    let title = page
        .body
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(title.starts_with("Καφέ&lt;/title&gt;&lt;meta"), "{title}");
    assert_eq!(page.body.matches("<title>").count(), 1);
}

/// Item 7: one check for every redirect; tricks and control characters never leave the site
/// nor crash the answer.
async fn redirects_stay_on_this_site(db: Db) {
    let router = common::router(db.clone()).await;
    for next in [
        "/%09/evil.example",
        "//evil.example",
        "/%5Cevil.example",
        "https://evil.example",
        "/%0d%0aSet-Cookie:%20x=1",
        "%2F%2Fevil.example",
    ] {
        let reply = answer(&router, browser_get(&format!("/lang/en?next={next}"), None)).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(reply.location(), "/", "{next}");
    }
    let ok = answer(&router, browser_get("/lang/en?next=/fines%3Fa%3D1", None)).await;
    assert_eq!(ok.location(), "/fines?a=1");
    // Sign-in's `next`, with control characters the framework's redirect would panic on.
    user_with_session(&db, "a@example.gr", Role::Citizen).await;
    for next in ["/\t/evil.example", "/\r\n/x", "//evil.example", "/ok\u{0}"] {
        let reply = answer(
            &router,
            browser_post(
                "/api/login",
                &[
                    ("email", "a@example.gr"),
                    ("password", "a long password"),
                    ("next", next),
                ],
                "http://127.0.0.1:3000/login",
                None,
            ),
        )
        .await;
        assert!(reply.status.is_redirection(), "{next:?}: {}", reply.status);
        // Anything but a local path sends a resident to their own start page.
        assert_eq!(reply.location(), "/my", "{next:?}");
    }
}

/// Item 8: formulas typed as names are written as text in every CSV export.
async fn csv_exports_neutralise_formulas(db: Db) {
    let base = common::serve(db.clone(), |_| None).await;
    let router = common::router_with(db.clone(), |k| {
        (k == "DIMOS_PUBLIC_BASE_URL").then(|| base.clone())
    })
    .await;
    let payer = app::backend::users::NewUser {
        email: "formula@example.gr",
        full_name: "=HYPERLINK(\"https://evil.example\",\"Κλικ\")",
        phone: None,
        password: "a long password",
        role: Role::Citizen,
        email_confirmed: true,
    };
    let payer = db.create_user(payer, &Actor::Cli).await.unwrap();
    let item = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO payment_test_items (id, description, amount_cents) VALUES ($1, 'x', 500)",
    )
    .bind(&item)
    .execute(db.pool())
    .await
    .unwrap();
    let purposes = dimos_server::state::payment_purposes(true);
    db.create_payment(
        &purposes,
        app::domain::payment::PurposeKind::Test,
        &item,
        Some(&payer.id),
    )
    .await
    .unwrap();
    let (_, cashier) = user_with_session(&db, "cashier@example.gr", Role::Cashier).await;
    let csv = get(&router, "/staff/payments-export.csv", Some(&cashier)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains("\"'=HYPERLINK("), "{}", csv.body);
    assert!(!csv.body.contains(",=HYPERLINK") && !csv.body.contains(",\"=HYPERLINK"));

    let business = db
        .create_business(
            &payer.id,
            app::backend::businesses::NewBusiness {
                afm: "090000045",
                name: "+cmd|' /C calc'!A0",
                legal_form: "oe",
                activity: "catering",
                vat_period: "monthly",
            },
        )
        .await
        .unwrap();
    sqlx::query("UPDATE businesses SET verification = 'verified' WHERE id = $1")
        .bind(&business.id)
        .execute(db.pool())
        .await
        .unwrap();
    let declared = post(
        &router,
        "/api/declare_tax",
        &[
            ("business_id", &business.id),
            ("period", "1"),
            ("year", "2025"),
            ("revenue", "1000"),
            ("vat_filed_on", "2025-02-10"),
        ],
        Some(&format!(
            "dimos_session={}",
            db.create_session(&payer.id).await.unwrap()
        )),
    )
    .await;
    assert!(
        declared.status.is_success() || declared.status.is_redirection(),
        "{}",
        declared.body
    );
    let csv = get(&router, "/staff/tax/declarations.csv", Some(&cashier)).await;
    assert!(csv.body.contains("'+cmd|"), "{}", csv.body);
    assert!(!csv.body.contains(",+cmd|") && !csv.body.contains(",\"+cmd|"));
}

/// Item 9: the police's record of a ticket a citizen registered first is kept on that ticket
/// (not refused as a duplicate); an amount that differs is flagged for staff.
async fn police_records_reconcile_with_citizen_registrations(db: Db) {
    let router = common::router(db.clone()).await;
    let (_, citizen) = user_with_session(&db, "citizen@example.gr", Role::Citizen).await;
    let (clerk_id, _) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let today = app::backend::today().iso();
    let registered = post(
        &router,
        "/api/find_fine",
        &step_two("2026555001", "ΙΚΧ 1001", &today, "08:05"),
        Some(&citizen),
    )
    .await;
    assert!(registered.status.is_success());
    let same = post(
        &router,
        "/api/find_fine",
        &step_two("2026555002", "ΙΚΧ 1002", &today, "09:00"),
        Some(&citizen),
    )
    .await;
    assert!(same.status.is_success());
    let police = format!(
        "ticket_number,municipality_code,ticket_type,plate,date,time,location,officer,amount_eur\n\
         2026555001,1234,P02,IKX1001,{today},08:05,Πλατεία Αγοράς 3,ΔΑ-17,150.00\n\
         2026555002,1234,P01,IKX1002,{today},09:00,Οδός Ερμού 10,ΔΑ-18,30.00\n"
    );
    let report = db
        .import_fines(&police, "1234", "police.csv", Some(&clerk_id))
        .await
        .unwrap();
    assert_eq!(report.problems, vec![], "no duplicate refused");
    assert_eq!(report.imported, 2);
    let reasons: Vec<(&str, &str)> = report
        .reconciled
        .iter()
        .map(|r| (r.reason.as_str(), r.detail.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![("differs", "type, amount"), ("reconciled", "")]
    );
    let differing = db.fine_by_number("2026555001").await.unwrap().unwrap();
    assert_eq!(differing.source.as_str(), "import");
    assert_eq!(differing.review.as_str(), "pending", "flagged for staff");
    assert_eq!(differing.discrepancy.as_deref(), Some("type,amount"));
    assert_eq!(
        differing.principal.cents(),
        15000,
        "the police's amount for an unpaid ticket"
    );
    assert_eq!(differing.location.as_deref(), Some("Πλατεία Αγοράς 3"));
    assert!(
        differing.police_record.unwrap().contains("ΔΑ-17"),
        "the police record kept whole"
    );
    let matching = db.fine_by_number("2026555002").await.unwrap().unwrap();
    assert_eq!(
        matching.review.as_str(),
        "confirmed",
        "the police's record confirms it"
    );
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM fines WHERE ticket_number LIKE '2026555%'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(count, 2, "one ticket each, never two");
}

/// Item 10: a claim to a business ΑΦΜ, even a rejected one, does not block the real
/// business; the clerk sees the competing claims, and only one can be verified.
async fn a_claimed_afm_does_not_block_the_real_business(db: Db) {
    let router = common::router(db.clone()).await;
    let (squatter_id, _) = user_with_session(&db, "squatter@example.gr", Role::Citizen).await;
    let (real_id, real) = user_with_session(&db, "real@example.gr", Role::Citizen).await;
    let (_, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let business = |name: &'static str| app::backend::businesses::NewBusiness {
        afm: "090000045",
        name,
        legal_form: "oe",
        activity: "catering",
        vat_period: "monthly",
    };
    let squat = db
        .create_business(&squatter_id, business("Ψεύτικη"))
        .await
        .unwrap();
    for step in [VerificationStep::Request, VerificationStep::Reject] {
        db.step_business_verification(&squat.id, step, "no documents", &Actor::Cli)
            .await
            .unwrap();
    }
    let claimed = post(
        &router,
        "/api/register_business",
        &[
            ("afm", "090000045"),
            ("name", "Καφέ Πλατεία"),
            ("legal_form", "oe"),
            ("activity", "catering"),
            ("vat_period", "monthly"),
        ],
        Some(&real),
    )
    .await;
    assert!(
        claimed.status.is_success() || claimed.status.is_redirection(),
        "{}",
        claimed.body
    );
    let real_business = db.businesses_of(&real_id).await.unwrap().remove(0);
    db.step_business_verification(
        &real_business.id,
        VerificationStep::Request,
        "",
        &Actor::Cli,
    )
    .await
    .unwrap();
    // The squatter asks again: the clerk sees both, with the counts.
    db.step_business_verification(&squat.id, VerificationStep::Request, "", &Actor::Cli)
        .await
        .unwrap();
    let pending: Vec<app::views::staff::PendingVerification> = serde_json::from_str(
        &post(&router, "/api/pending_verifications", &[], Some(&clerk))
            .await
            .body,
    )
    .unwrap();
    let real_row = pending.iter().find(|p| p.id == real_business.id).unwrap();
    assert_eq!((real_row.other_claims, real_row.other_verified), (1, 0));
    let approve = |id: String| {
        let (router, clerk) = (router.clone(), clerk.clone());
        async move {
            post(
                &router,
                "/api/decide_verification",
                &[
                    ("kind", "business"),
                    ("id", &id),
                    ("decision", "approve"),
                    ("note", ""),
                ],
                Some(&clerk),
            )
            .await
        }
    };
    let approved = approve(real_business.id.clone()).await;
    assert!(
        approved.status.is_success() || approved.status.is_redirection(),
        "{}",
        approved.body
    );
    // Approving the other claim now is refused in words: one verified claim per ΑΦΜ.
    let second = approve(squat.id.clone()).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(matches!(app_error(&second), app::error::AppError::Conflict(m) if m.contains("ΑΦΜ")));
}

/// Item 11: anonymous comments are limited per client, in memory: the fourth of three
/// allowed is refused, and nothing about the sender is stored.
async fn anonymous_comments_are_rate_limited(db: Db) {
    let router = common::router_with(db.clone(), |k| {
        (k == "DIMOS_COMMENTS_PER_HOUR").then(|| "3".into())
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let subject = format!("Σχόλιο {i}");
        let reply = post(
            &router,
            "/api/send_comment",
            &[
                ("subject", &subject),
                ("text", "Κείμενο"),
                ("desired_action", ""),
                ("website", ""),
            ],
            None,
        )
        .await;
        statuses.push(reply.status.as_u16());
    }
    assert_eq!(statuses, vec![200, 200, 200, 429, 429]);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(stored, 3);
}

/// Ticket look-ups (with or without an account) and receipt checks share a per-client
/// allowance: three times the sign-in allowance a minute, then 429 in words — typed in the
/// form, or opened from a receipt's QR code.
async fn lookups_are_rate_limited(db: Db) {
    let router = common::router_with(db.clone(), |k| {
        (k == "DIMOS_AUTH_ATTEMPTS_PER_MINUTE").then(|| "2".into())
    })
    .await;
    let mut statuses = Vec::new();
    for i in 0..8 {
        let reply = if i % 2 == 0 {
            post(
                &router,
                "/api/find_fine",
                &[
                    ("municipality_code", "1234"),
                    ("ticket_type", "P01"),
                    ("ticket_number", "2026000001"),
                    ("plate", "ΝΑΒ1234"),
                    ("date", "2026-10-01"),
                    ("time", "10:00"),
                    ("email", ""),
                ],
                None,
            )
            .await
        } else {
            get(&router, "/check/ABCDE-12345", None).await
        };
        statuses.push(reply.status.as_u16());
    }
    // Six allowed (three times two), then refused, whichever of the two is asked.
    assert!(statuses[..6].iter().all(|s| *s != 429), "{statuses:?}");
    assert_eq!(&statuses[6..], &[429, 429], "{statuses:?}");
}

/// Item 12: a failed form without JavaScript comes back with its errors and values, but the
/// address carries only a short token; failing again does not make it grow; passwords are
/// never kept.
async fn typed_values_never_go_into_the_address(db: Db) {
    let router = common::router(db.clone()).await;
    let long_text = "Λακκούβα στην οδό Ερμού. ".repeat(200);
    let first = answer(
        &router,
        browser_post(
            "/api/send_comment",
            &[
                ("subject", ""),
                ("text", &long_text),
                ("desired_action", ""),
                ("website", ""),
            ],
            "http://127.0.0.1:3000/comment",
            None,
        ),
    )
    .await;
    assert_eq!(first.status, StatusCode::FOUND);
    let location = first.location().to_owned();
    assert!(location.starts_with("/comment?__form="), "{location}");
    assert!(location.len() < 80, "no values in the address: {location}");
    assert!(!location.contains("__err") && !location.contains("Ερμού"));
    // The page shows the errors and what was typed.
    let page = answer(&router, browser_get(&location, None)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Λακκούβα στην οδό Ερμού."),
        "the text is kept"
    );
    assert!(page.body.contains("error-summary"));
    // Failing again from that page: still one short token.
    let again = answer(
        &router,
        browser_post(
            "/api/send_comment",
            &[
                ("subject", ""),
                ("text", &long_text),
                ("desired_action", ""),
                ("website", ""),
            ],
            &format!("http://127.0.0.1:3000{location}"),
            None,
        ),
    )
    .await;
    assert_eq!(
        again.location().matches("__form=").count(),
        1,
        "{}",
        again.location()
    );
    assert!(again.location().len() < 80);
    // The reply is read once; after that the address holds nothing.
    let reread = answer(&router, browser_get(&location, None)).await;
    assert!(!reread.body.contains("Λακκούβα"));
    // A failed sign-in keeps the e-mail address, never the password.
    let login = answer(
        &router,
        browser_post(
            "/api/login",
            &[
                ("email", "nobody@example.gr"),
                ("password", "the secret password"),
            ],
            "http://127.0.0.1:3000/login",
            None,
        ),
    )
    .await;
    let kept: Vec<String> = sqlx::query_scalar("SELECT payload FROM form_replies")
        .fetch_all(db.pool())
        .await
        .unwrap();
    assert!(!login.location().contains("secret"));
    for payload in kept {
        use base64::Engine;
        let decoded = base64::engine::general_purpose::URL_SAFE
            .decode(payload.as_bytes())
            .unwrap_or_default();
        assert!(!String::from_utf8_lossy(&decoded).contains("the secret password"));
    }
}

/// Item 13: bad input is a client error in words, never a 500.
async fn bad_input_is_a_client_error(db: Db) {
    let router = common::router(db.clone()).await;
    let (_, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    // A malformed argument.
    let reply = post(&router, "/api/inbox", &[("page", "many")], Some(&clerk)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(matches!(
        app_error(&reply),
        app::error::AppError::BadRequest(_)
    ));
    // A validation reply longer than 64 KiB (the text typed comes back with it).
    let huge = "α".repeat(60_000);
    let reply = post(
        &router,
        "/api/send_comment",
        &[
            ("subject", "S"),
            ("text", &huge),
            ("desired_action", ""),
            ("website", ""),
        ],
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.len() > 64 * 1024);
    // A staff search as long as a page.
    let long = "%_".repeat(5_000);
    let reply = post(&router, "/api/inbox", &[("q", &long)], Some(&clerk)).await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    // `%` and `_` typed in a search are themselves, not wildcards.
    let reply = post(&router, "/api/inbox", &[("q", "%")], Some(&clerk)).await;
    assert_eq!(reply.status, StatusCode::OK);
    // The same long search in an export's address: refused in words, not a failed query.
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("business", &long)
        .finish();
    let reply = get(
        &router,
        &format!("/staff/tax/declarations.csv?{query}"),
        Some(&clerk),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(reply.body.starts_with("business: "), "{}", reply.body);
}

/// Item 14: password changes from one session are limited.
async fn password_changes_are_rate_limited(db: Db) {
    let router = common::router(db.clone()).await;
    let (_, session) = user_with_session(&db, "victim@example.gr", Role::Citizen).await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let reply = post(
            &router,
            "/api/change_password",
            &[
                ("current", "a wrong guess here"),
                ("password", "a new long password"),
                ("password_confirm", "a new long password"),
            ],
            Some(&session),
        )
        .await;
        statuses.push(reply.status.as_u16());
    }
    assert_eq!(statuses, vec![422, 422, 422, 422, 422, 429, 429]);
}

/// Item 14: only the newest reset link works; using one ends the others.
async fn only_the_newest_reset_link_works(db: Db) {
    use app::backend::users::TokenPurpose;
    let (user_id, _) = user_with_session(&db, "forgetful@example.gr", Role::Citizen).await;
    let hour = 3_600_000;
    let older = db
        .issue_email_token(&user_id, TokenPurpose::ResetPassword, hour)
        .await
        .unwrap();
    let newer = db
        .issue_email_token(&user_id, TokenPurpose::ResetPassword, hour)
        .await
        .unwrap();
    assert_eq!(
        db.consume_email_token(&older, TokenPurpose::ResetPassword)
            .await
            .unwrap(),
        None
    );
    let a = db
        .issue_email_token(&user_id, TokenPurpose::ConfirmEmail, hour)
        .await
        .unwrap();
    assert_eq!(
        db.consume_email_token(&newer, TokenPurpose::ResetPassword)
            .await
            .unwrap(),
        Some(user_id.clone())
    );
    assert_eq!(
        db.consume_email_token(&a, TokenPurpose::ConfirmEmail)
            .await
            .unwrap(),
        Some(user_id),
        "a link of another kind is not touched"
    );
}

/// Item 14: an import upload is refused before it is read when the caller may not import.
async fn imports_check_the_role_before_reading(db: Db) {
    let router = common::router(db.clone()).await;
    let (_, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let (_, citizen) = user_with_session(&db, "citizen@example.gr", Role::Citizen).await;
    let boundary = "XyZ";
    let start = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nwarrants\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"w.csv\"\r\n\
         Content-Type: text/csv\r\n\r\nafm,warrant_number\r\n"
    );
    for (path, cookie) in [
        ("/staff/tax/import", &clerk),
        ("/staff/fines/import", &citizen),
    ] {
        // The upload never ends: a server that read it before checking would never answer.
        let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(1);
        sender.send(Ok(start.clone().into_bytes())).await.unwrap();
        let stream = tokio_stream_from(receiver);
        let request = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::COOKIE, cookie.as_str())
            .body(Body::from_stream(stream))
            .unwrap();
        let reply =
            tokio::time::timeout(std::time::Duration::from_secs(5), answer(&router, request))
                .await
                .unwrap_or_else(|_| panic!("{path} read the upload before refusing"));
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
        drop(sender);
    }
}

fn tokio_stream_from(
    mut receiver: tokio::sync::mpsc::Receiver<Result<Vec<u8>, std::io::Error>>,
) -> impl futures_like::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    futures_like::poll_fn_stream(move |cx| receiver.poll_recv(cx))
}

/// A stream from a poll function, without another dependency.
mod futures_like {
    pub use futures_core::Stream;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub struct PollFn<F>(F);

    impl<T, F: FnMut(&mut Context<'_>) -> Poll<Option<T>> + Unpin> Stream for PollFn<F> {
        type Item = T;
        fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
            (self.0)(cx)
        }
    }

    pub fn poll_fn_stream<T, F: FnMut(&mut Context<'_>) -> Poll<Option<T>> + Unpin>(
        f: F,
    ) -> PollFn<F> {
        PollFn(f)
    }
}

/// Item 14: a verified person who changes their ΑΦΜ is no longer verified.
async fn a_changed_afm_ends_the_verification(db: Db) {
    let router = common::router(db.clone()).await;
    let (user_id, session) = user_with_session(&db, "verified@example.gr", Role::Citizen).await;
    let profile = |afm: &'static str| {
        let (router, session) = (router.clone(), session.clone());
        async move {
            post(
                &router,
                "/api/update_profile",
                &[
                    ("afm", afm),
                    ("address", "Οδός 1"),
                    ("father_name", "Γιώργος"),
                    ("phone", ""),
                ],
                Some(&session),
            )
            .await
        }
    };
    assert!(profile("090000045").await.status.is_success());
    for step in [VerificationStep::Request, VerificationStep::Approve] {
        db.step_user_verification(&user_id, step, "", &Actor::Cli)
            .await
            .unwrap();
    }
    assert!(
        profile("090000045").await.status.is_success(),
        "the same ΑΦΜ again"
    );
    assert_eq!(
        db.profile(&user_id)
            .await
            .unwrap()
            .unwrap()
            .verification
            .as_str(),
        "verified"
    );
    assert!(profile("123456783").await.status.is_success());
    let after = db.profile(&user_id).await.unwrap().unwrap();
    assert_eq!(
        (after.afm.as_deref(), after.verification.as_str()),
        (Some("123456783"), "unverified")
    );
}

/// Item 14: HSTS over https; personal pages never cached.
async fn personal_pages_are_not_cached_and_https_is_strict(db: Db) {
    let router = common::router_with(db.clone(), |k| match k {
        "DIMOS_PUBLIC_BASE_URL" => Some("https://e.dimos.example".into()),
        "DIMOS_DEMO" => Some("off".into()),
        _ => None,
    })
    .await;
    let (_, session) = user_with_session(&db, "me@example.gr", Role::Citizen).await;
    let signed_in = answer(&router, browser_get("/account", Some(&session))).await;
    assert_eq!(signed_in.status, StatusCode::OK);
    assert_eq!(
        signed_in.headers[header::CACHE_CONTROL],
        "no-store, private"
    );
    assert!(signed_in.headers[header::STRICT_TRANSPORT_SECURITY]
        .to_str()
        .unwrap()
        .starts_with("max-age=31536000"));
    let plain = common::router(db.clone()).await;
    let home = answer(&plain, browser_get("/", None)).await;
    assert!(
        home.headers
            .get(header::STRICT_TRANSPORT_SECURITY)
            .is_none(),
        "not over http"
    );
}

/// Item 15: comments and complaints of several paragraphs are accepted, and shown so.
async fn paragraphs_are_accepted(db: Db) {
    let router = common::router(db.clone()).await;
    let (_, session) = user_with_session(&db, "writer@example.gr", Role::Citizen).await;
    let text = "Πρώτη παράγραφος.\r\n\r\nΔεύτερη παράγραφος.";
    let reply = post(
        &router,
        "/api/submit",
        &[
            ("kind", "complaint"),
            ("subject", "Θόρυβος"),
            ("text", text),
            ("desired_action", ""),
        ],
        Some(&session),
    )
    .await;
    assert!(reply.status.is_success(), "{} {}", reply.status, reply.body);
    let body: String = sqlx::query_scalar("SELECT body FROM submissions")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(body, "Πρώτη παράγραφος.\n\nΔεύτερη παράγραφος.");
    let tab = post(
        &router,
        "/api/submit",
        &[
            ("kind", "complaint"),
            ("subject", "Θόρυβος"),
            ("text", "a\u{7}b"),
            ("desired_action", ""),
        ],
        Some(&session),
    )
    .await;
    assert_eq!(
        tab.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "other control characters refused"
    );
}

on_both_engines!(
    the_fines_registry_is_not_readable_by_any_account,
    markup_in_titles_stays_text,
    redirects_stay_on_this_site,
    csv_exports_neutralise_formulas,
    police_records_reconcile_with_citizen_registrations,
    a_claimed_afm_does_not_block_the_real_business,
    anonymous_comments_are_rate_limited,
    lookups_are_rate_limited,
    typed_values_never_go_into_the_address,
    bad_input_is_a_client_error,
    password_changes_are_rate_limited,
    only_the_newest_reset_link_works,
    imports_check_the_role_before_reading,
    a_changed_afm_ends_the_verification,
    personal_pages_are_not_cached_and_https_is_strict,
    paragraphs_are_accepted,
);

/// Item 6: through the real `serve` path, each client has its own allowance: ten failed
/// sign-ins from one address do not lock out another. (Loopback answers on all of
/// 127.0.0.0/8, so two clients can have two addresses.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_client_has_its_own_sign_in_allowance() {
    let test_db = common::TestDb::sqlite().await;
    let base = common::serve(test_db.db.clone(), |k| {
        (k == "DIMOS_AUTH_ATTEMPTS_PER_MINUTE").then(|| "3".into())
    })
    .await;
    let client_from = |ip: [u8; 4]| {
        reqwest::Client::builder()
            .local_address(std::net::IpAddr::from(ip))
            .build()
            .unwrap()
    };
    let attempt = |client: reqwest::Client| {
        let base = base.clone();
        async move {
            client
                .post(format!("{base}/api/login"))
                .header("accept", "application/json")
                .form(&[("email", "x@example.gr"), ("password", "wrong password")])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let (a, b) = (client_from([127, 0, 0, 2]), client_from([127, 0, 0, 3]));
    let mut first = Vec::new();
    for _ in 0..4 {
        first.push(attempt(a.clone()).await);
    }
    assert_eq!(
        first,
        vec![422, 422, 422, 429],
        "the first client uses up its allowance"
    );
    assert_eq!(attempt(b).await, 422, "the second client is not locked out");
}
