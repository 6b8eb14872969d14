//! Traffic fines on both engines: step 1's checks, lookup of an imported ticket (with
//! mismatches named, never matched silently), registration of an unknown one, the import
//! of the police's CSV (100 good rows, every kind of bad row reported by line), payment of
//! a ticket once, and two citizens paying the same ticket at once.

use crate::common;

use app::backend::payments::{PaymentError, Purposes};
use app::backend::Db;
use app::domain::account::Role;
use app::error::AppError;
use axum::http::StatusCode;
use common::client::*;

const SAMPLE: &str = include_str!("../../fixtures/fines-issued-sample.csv");
const MIXED: &str = include_str!("../../fixtures/fines-issued-mixed.csv");

fn purposes() -> Purposes {
    // The server's own list (test fees included, as in demonstration mode).
    dimos_server::state::payment_purposes(true)
}

fn step_two<'a>(
    number: &'a str,
    plate: &'a str,
    date: &'a str,
    time: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("municipality_code", "1234"),
        ("ticket_type", "P01"),
        ("ticket_number", number),
        ("plate", plate),
        ("date", date),
        ("time", time),
    ]
}

/// The ticket a lookup sent the citizen to (its redirect to the ticket's page).
fn fine_id_of(reply: &Reply) -> String {
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    reply
        .location
        .as_deref()
        .and_then(|l| l.strip_prefix("/fines/"))
        .unwrap_or_else(|| panic!("no ticket page in {:?}", reply.location))
        .to_owned()
}

async fn import_reports_every_bad_row_and_imports_the_rest(db: Db) {
    let (clerk_id, _) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let first = db
        .import_fines(SAMPLE, "1234", "sample.csv", Some(&clerk_id))
        .await
        .unwrap();
    assert_eq!(
        (first.imported, first.problems.len()),
        (100, 0),
        "{:?}",
        first.problems
    );
    let mixed = db
        .import_fines(MIXED, "1234", "mixed.csv", Some(&clerk_id))
        .await
        .unwrap();
    assert_eq!(
        mixed.imported, 2,
        "the two valid rows: {:?}",
        mixed.problems
    );
    let reasons: Vec<(u64, &str)> = mixed
        .problems
        .iter()
        .map(|p| (p.line, p.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (2, "duplicate"),
            (3, "municipality"),
            (4, "type"),
            (5, "plate"),
            (6, "future_date"),
            (7, "date"),
            (8, "time"),
            (9, "plate"),
            (10, "negative_amount"),
        ]
    );
    // The valid rows: a Latin-letter plate normalised, a quoted comma kept.
    let latin = db.fine_by_number("2026900009").await.unwrap().unwrap();
    assert_eq!(latin.plate, "ΝΑΒ1241");
    let quoted = db.fine_by_number("2026900010").await.unwrap().unwrap();
    assert_eq!(
        (quoted.plate.as_str(), quoted.location.as_deref()),
        ("ΚΖΧ7788", Some("Τσιμισκή 5, έναντι"))
    );
    // Nothing half-imported: the bad rows are not in the registry at all.
    for number in ["2026900001", "2026900002", "2026900008"] {
        assert!(
            db.fine_by_number(number).await.unwrap().is_none(),
            "{number}"
        );
    }
    // Importing the same file again adds nothing.
    let again = db
        .import_fines(SAMPLE, "1234", "sample.csv", Some(&clerk_id))
        .await
        .unwrap();
    assert_eq!((again.imported, again.problems.len()), (0, 100));
    // A file without the needed columns is refused as a whole.
    let wrong = db
        .import_fines("a,b\n1,2\n", "1234", "x.csv", Some(&clerk_id))
        .await
        .unwrap();
    assert_eq!(
        (wrong.imported, wrong.problems[0].reason.as_str()),
        (0, "columns")
    );
}

async fn lookup_registration_and_payment(db: Db) {
    let router = common::router(db.clone()).await;
    let (clerk_id, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let (citizen_id, citizen) = user_with_session(&db, "citizen@example.gr", Role::Citizen).await;
    db.import_fines(SAMPLE, "1234", "sample.csv", Some(&clerk_id))
        .await
        .unwrap();

    // Step 1: another municipality's code and a type not payable here are refused, by name.
    let wrong = post(
        &router,
        "/api/fine_step_one",
        &[("municipality_code", "5678"), ("ticket_type", "P01")],
        Some(&citizen),
    )
    .await;
    let AppError::Validation(errors) = app_error(&wrong) else {
        panic!("{}", wrong.body)
    };
    assert!(errors
        .error_for("municipality_code")
        .unwrap()
        .contains("5678"));
    let state_type = post(
        &router,
        "/api/fine_step_one",
        &[("municipality_code", "1234"), ("ticket_type", "K01")],
        Some(&citizen),
    )
    .await;
    let AppError::Validation(errors) = app_error(&state_type) else {
        panic!("{}", state_type.body)
    };
    assert!(errors.error_for("ticket_type").is_some());
    let ok = post(
        &router,
        "/api/fine_step_one",
        &[("municipality_code", "1234"), ("ticket_type", "P01")],
        Some(&citizen),
    )
    .await;
    assert!(
        ok.body.contains(r#""amount":"30.00""#),
        "the controlled-parking amount: {}",
        ok.body
    );

    // A known ticket (2026000002, P01, ΝΖΑ2408, 2026-10-23 13:18), typed in Latin letters.
    let found = post(
        &router,
        "/api/find_fine",
        &step_two("2026000002", "nza 2408", "2026-10-23", "13:18"),
        Some(&citizen),
    )
    .await;
    let found_id = fine_id_of(&found);
    let fine = db.fine_by_number("2026000002").await.unwrap().unwrap();
    assert_eq!(found_id, fine.id, "to the ticket's own page");
    assert_eq!(fine.source.as_str(), "import");
    // The same number with another plate is not matched silently: the plate is named.
    let mismatch = post(
        &router,
        "/api/find_fine",
        &step_two("2026000002", "ΝΖΑ2409", "2026-10-23", "13:18"),
        Some(&citizen),
    )
    .await;
    let AppError::Validation(errors) = app_error(&mismatch) else {
        panic!("{}", mismatch.body)
    };
    assert!(errors.error_for("plate").is_some() && errors.error_for("date").is_none());
    // Bad input: each field says how to fix it.
    let bad = post(
        &router,
        "/api/find_fine",
        &step_two("12", "ΝΑΒ12", "2026-02-30", "25:00"),
        Some(&citizen),
    )
    .await;
    let AppError::Validation(errors) = app_error(&bad) else {
        panic!("{}", bad.body)
    };
    for field in ["ticket_number", "plate", "date", "time"] {
        assert!(errors.error_for(field).is_some(), "{field}: {errors:?}");
    }
    let future = post(
        &router,
        "/api/find_fine",
        &step_two("2026555555", "ΝΑΒ1234", "2099-01-01", "10:00"),
        Some(&citizen),
    )
    .await;
    let AppError::Validation(errors) = app_error(&future) else {
        panic!("{}", future.body)
    };
    assert!(errors.error_for("date").is_some());

    // An unknown ticket is registered from what was typed, for staff review.
    let today = app::backend::fines::today();
    let today_text = format!("{:04}-{:02}-{:02}", today.year, today.month, today.day);
    let registered = post(
        &router,
        "/api/find_fine",
        &step_two("2026777777", "ΙΚΧ 1001", &today_text, "08:05"),
        Some(&citizen),
    )
    .await;
    let registered_id = fine_id_of(&registered);
    let new = db.fine_by_number("2026777777").await.unwrap().unwrap();
    assert_eq!(registered_id, new.id);
    assert_eq!(
        (
            new.source.as_str(),
            new.review.as_str(),
            new.principal.cents()
        ),
        ("citizen", "pending", 3000)
    );

    // Paying: the amount comes from the catalogue and the date; a paid ticket cannot be paid again.
    let purposes = purposes();
    assert!(
        db.create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Fine,
            &fine.id,
            None
        )
        .await
        .is_err(),
        "only someone who proved the ticket pays it"
    );
    let payment = db
        .create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Fine,
            &fine.id,
            Some(&citizen_id),
        )
        .await
        .unwrap();
    assert_eq!(payment.amount.cents(), 3000);
    let approved = app::backend::payments::Report {
        event: app::domain::payment::PaymentEvent::Approved,
        amount: None,
        provider_ref: Some("BANK"),
        provider_order: None,
        failure_code: None,
        failure_message: None,
        source: "callback",
    };
    db.record_payment_report(&purposes, &payment.id, approved)
        .await
        .unwrap();
    assert_eq!(
        db.fine(&fine.id).await.unwrap().unwrap().paid_by.as_deref(),
        Some(payment.id.as_str())
    );
    assert!(matches!(
        db.create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Fine,
            &fine.id,
            Some(&citizen_id)
        )
        .await,
        Err(PaymentError::NothingToPay)
    ));
    let view: app::views::fines::TicketView = serde_json::from_str(
        &post(
            &router,
            "/api/fine_view",
            &[("id", &fine.id)],
            Some(&citizen),
        )
        .await
        .body,
    )
    .unwrap();
    assert_eq!(view.status.as_str(), "paid");
    assert!(view.receipt.is_some());

    // Staff: search by plate (typed any way), review the citizen's ticket.
    let found: Vec<app::views::fines::TicketView> = serde_json::from_str(
        &post(
            &router,
            "/api/staff_fines",
            &[("q", "ikx1001"), ("status", "")],
            Some(&clerk),
        )
        .await
        .body,
    )
    .unwrap();
    assert_eq!(found.len(), 1);
    let reject_without_reason = post(
        &router,
        "/api/review_fine",
        &[
            ("id", &new.id),
            ("decision", "reject"),
            ("amount", ""),
            ("note", ""),
        ],
        Some(&clerk),
    )
    .await;
    assert!(matches!(
        app_error(&reject_without_reason),
        AppError::Validation(_)
    ));
    post(
        &router,
        "/api/review_fine",
        &[
            ("id", &new.id),
            ("decision", "reject"),
            ("amount", ""),
            ("note", "Δεν εκδόθηκε τέτοια κλήση"),
        ],
        Some(&clerk),
    )
    .await;
    let rejected = db.fine(&new.id).await.unwrap().unwrap();
    assert_eq!(
        (rejected.review.as_str(), rejected.review_note.as_deref()),
        ("rejected", Some("Δεν εκδόθηκε τέτοια κλήση"))
    );
    assert!(matches!(
        db.create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Fine,
            &new.id,
            Some(&citizen_id)
        )
        .await,
        Err(PaymentError::NothingToPay)
    ));
    let view: app::views::fines::TicketView = serde_json::from_str(
        &post(
            &router,
            "/api/fine_view",
            &[("id", &new.id)],
            Some(&citizen),
        )
        .await
        .body,
    )
    .unwrap();
    assert_eq!(
        view.status.as_str(),
        "rejected",
        "the citizen sees the outcome"
    );

    // The import over HTTP: multipart upload, report page.
    let boundary = "dimosboundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mixed.csv\"\r\nContent-Type: text/csv\r\n\r\n{MIXED}\r\n--{boundary}--\r\n"
    );
    let request = axum::http::Request::post("/staff/fines/import")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("cookie", &clerk)
        .body(axum::body::Body::from(body))
        .unwrap();
    let reply = send(&router, request).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(
        send(
            &router,
            axum::http::Request::post("/staff/fines/import")
                .header("cookie", &citizen)
                .header("content-type", "multipart/form-data; boundary=x")
                .body(axum::body::Body::from("--x--\r\n"))
                .unwrap()
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

/// Two citizens who both proved one ticket pay it at once: neither is locked out of paying
/// by the other's unfinished payment; the ticket is paid once, and the second payment is
/// kept (the money came in) and flagged for the cashier to refund.
async fn two_citizens_paying_one_ticket_at_once(db: Db) {
    let (clerk_id, _) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let (a, _) = user_with_session(&db, "a@example.gr", Role::Citizen).await;
    let (b, _) = user_with_session(&db, "b@example.gr", Role::Citizen).await;
    db.import_fines(SAMPLE, "1234", "sample.csv", Some(&clerk_id))
        .await
        .unwrap();
    let fine = db.fine_by_number("2026000003").await.unwrap().unwrap();
    for payer in [&a, &b] {
        db.grant_fine_access(&fine.id, payer).await.unwrap();
    }
    let purposes = purposes();
    // Both start paying (neither is locked out by the other), then both banks approve at once.
    let mut started = Vec::new();
    for payer in [&a, &b] {
        let payment = db
            .create_payment(
                &purposes,
                app::domain::payment::PurposeKind::Fine,
                &fine.id,
                Some(payer),
            )
            .await
            .expect("each payer can start");
        started.push(payment.id);
    }
    let approvals: Vec<_> = started
        .iter()
        .map(|id| {
            let (db, purposes, id) = (db.clone(), purposes.clone(), id.clone());
            tokio::spawn(async move {
                let approved = app::backend::payments::Report::own(
                    app::domain::payment::PaymentEvent::Approved,
                    "callback",
                );
                db.record_payment_report(&purposes, &id, approved).await
            })
        })
        .collect();
    for approval in approvals {
        approval
            .await
            .unwrap()
            .expect("both approvals are recorded");
    }
    let paid = started;
    let ticket = db.fine(&fine.id).await.unwrap().unwrap();
    let first = ticket.paid_by.expect("the ticket is paid");
    assert!(paid.contains(&first));
    let twice: Vec<String> =
        sqlx::query_scalar("SELECT id FROM payments WHERE purpose_id = $1 AND paid_twice = 1")
            .bind(&fine.id)
            .fetch_all(db.pool())
            .await
            .unwrap();
    assert_eq!(twice.len(), 1, "the other payment is flagged for a refund");
    assert_ne!(twice[0], first);
}

/// A new catalogue version applies to tickets from its date on; older tickets keep theirs.
async fn catalogue_versions_apply_by_ticket_date(db: Db) {
    let router = common::router(db.clone()).await;
    let (_, admin) = user_with_session(&db, "admin@example.gr", Role::Admin).await;
    let form = |from: &'static str, amount: &'static str| {
        vec![
            ("code", "p01"),
            ("valid_from", from),
            ("description_el", "Ελεγχόμενη στάθμευση"),
            ("description_en", "Controlled parking"),
            ("amount", amount),
            ("payable", "1"),
            ("discount_days", "10"),
            ("discount_percent", "50"),
            ("surcharge_after_days", "0"),
            ("surcharge_percent", "0"),
            ("max_age_days", "365"),
        ]
    };
    let reply = post(
        &router,
        "/api/add_fine_type",
        &form("2026-11-01", "50"),
        Some(&admin),
    )
    .await;
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    let again = post(
        &router,
        "/api/add_fine_type",
        &form("2026-11-01", "60"),
        Some(&admin),
    )
    .await;
    let AppError::Validation(errors) = app_error(&again) else {
        panic!("{}", again.body)
    };
    assert!(errors.error_for("valid_from").is_some());
    let bad = post(
        &router,
        "/api/add_fine_type",
        &form("soon", "-1"),
        Some(&admin),
    )
    .await;
    let AppError::Validation(errors) = app_error(&bad) else {
        panic!("{}", bad.body)
    };
    assert!(errors.error_for("valid_from").is_some() && errors.error_for("amount").is_some());
    let date = |d: u32, m: u32| app::domain::time::Date {
        year: 2026,
        month: m,
        day: d,
    };
    let before = db.fine_type_on("P01", date(31, 10)).await.unwrap().unwrap();
    let after = db.fine_type_on("P01", date(1, 11)).await.unwrap().unwrap();
    assert_eq!((before.amount.cents(), after.amount.cents()), (3000, 5000));
    assert_eq!(after.discount_percent, 50);
    let old = db.fine_type_on("P01", date(1, 1)).await.unwrap().unwrap();
    assert_eq!(
        old.amount.cents(),
        3000,
        "2026-01-01 is after the 2025 reform"
    );
    let audit = db.recent_audit(10).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "fine_type.version_added"));
}

on_both_engines!(
    catalogue_versions_apply_by_ticket_date,
    import_reports_every_bad_row_and_imports_the_rest,
    lookup_registration_and_payment,
    two_citizens_paying_one_ticket_at_once
);

/// The pass cookie a reply handed out (`dimos_guest=…`), as a browser would send it back.
fn guest_cookie_of(reply: &Reply) -> String {
    reply
        .set_cookie
        .iter()
        .find(|c| c.starts_with("dimos_guest="))
        .map(|c| c.split(';').next().unwrap().to_owned())
        .unwrap_or_else(|| panic!("no guest pass in {:?}", reply.set_cookie))
}

/// GOV.UK Pay's practice: a ticket is paid without an account. The visitor who proved it
/// gets a pass (a cookie) for that ticket and the payment they start, gives an e-mail for
/// the receipt, and sees only what their look-up proved; no pass, no ticket.
async fn a_ticket_is_paid_without_an_account(db: Db) {
    let router = common::router(db.clone()).await;
    let (clerk_id, _) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    db.import_fines(SAMPLE, "1234", "sample.csv", Some(&clerk_id))
        .await
        .unwrap();
    // Anyone may look a ticket up (the server rate-limits look-ups per client).
    let types = post(&router, "/api/ticket_types", &[], None).await;
    assert!(types.status.is_success(), "{}", types.body);
    let found = post(
        &router,
        "/api/find_fine",
        &step_two("2026000002", "ΝΖΑ2408", "2026-10-23", "13:18"),
        None,
    )
    .await;
    let fine_id = fine_id_of(&found);
    let pass = guest_cookie_of(&found);
    assert!(
        found
            .set_cookie
            .iter()
            .any(|c| c.contains("HttpOnly") && c.contains("SameSite=Lax")),
        "{:?}",
        found.set_cookie
    );

    // The pass opens the ticket, showing what the look-up proved (not where it was issued).
    let view = post(&router, "/api/fine_view", &[("id", &fine_id)], Some(&pass)).await;
    let view: app::views::fines::TicketView = serde_json::from_str(&view.body).unwrap();
    assert_eq!(view.ticket_number, "2026000002");
    assert_eq!(view.location, None, "the location was not proved");
    // Without it, or with another visitor's pass, the ticket stays closed.
    assert_eq!(
        app_error(&post(&router, "/api/fine_view", &[("id", &fine_id)], None).await),
        AppError::Unauthenticated
    );
    let other = post(
        &router,
        "/api/find_fine",
        &step_two("2026000013", "ΜΙΕ2918", "2026-10-29", "07:29"),
        None,
    )
    .await;
    let other_pass = guest_cookie_of(&other);
    assert_ne!(other_pass, pass, "each visitor has their own pass");
    assert_eq!(
        app_error(
            &post(
                &router,
                "/api/fine_view",
                &[("id", &fine_id)],
                Some(&other_pass)
            )
            .await
        ),
        AppError::Unauthenticated
    );

    // Paying needs an e-mail address for the receipt, said in words when missing.
    let pay = |email: &'static str| {
        let (router, fine_id, pass) = (router.clone(), fine_id.clone(), pass.clone());
        async move {
            post(
                &router,
                "/api/pay",
                &[("kind", "fine"), ("purpose_id", &fine_id), ("email", email)],
                Some(&pass),
            )
            .await
        }
    };
    let AppError::Validation(errors) = app_error(&pay("not an address").await) else {
        panic!("an address is needed")
    };
    assert!(errors.error_for("email").unwrap().contains("e-mail"));
    let started = pay("driver@example.gr").await;
    assert!(
        started.status.is_redirection() || started.status.is_success(),
        "{} {}",
        started.status,
        started.body
    );
    let payment: String = sqlx::query_scalar(
        "SELECT id FROM payments WHERE purpose_id = $1 AND payer_id IS NULL AND payer_email = $2",
    )
    .bind(&fine_id)
    .bind("driver@example.gr")
    .fetch_one(db.pool())
    .await
    .unwrap();
    // Starting again takes up the same payment rather than a second one.
    pay("driver@example.gr").await;
    let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE purpose_id = $1")
        .bind(&fine_id)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(open, 1);
    // The pass opens the payment's page; nothing else does.
    let outcome = post(
        &router,
        "/api/payment_view",
        &[("id", &payment)],
        Some(&pass),
    )
    .await;
    assert!(outcome.status.is_success(), "{}", outcome.body);
    assert_eq!(
        app_error(&post(&router, "/api/payment_view", &[("id", &payment)], None).await),
        AppError::Unauthenticated
    );
    // Only tickets are paid without an account.
    assert_eq!(
        app_error(
            &post(
                &router,
                "/api/pay",
                &[
                    ("kind", "tax"),
                    ("purpose_id", &fine_id),
                    ("email", "a@b.gr")
                ],
                Some(&pass),
            )
            .await
        ),
        AppError::Unauthenticated
    );

    // The bank approves: the receipt goes to the guest's address, and the pass opens it.
    let approved = app::backend::payments::Report {
        event: app::domain::payment::PaymentEvent::Approved,
        amount: None,
        provider_ref: Some("BANK"),
        provider_order: None,
        failure_code: None,
        failure_message: None,
        source: "callback",
    };
    db.record_payment_report(&purposes(), &payment, approved)
        .await
        .unwrap();
    let receipt = post(
        &router,
        "/api/receipt_view",
        &[("payment_id", &payment)],
        Some(&pass),
    )
    .await;
    let receipt: app::views::payments::ReceiptDoc = serde_json::from_str(&receipt.body).unwrap();
    assert_eq!(receipt.payer_email.as_deref(), Some("driver@example.gr"));
    let pdf = get(
        &router,
        &format!("/payments/{payment}/receipt.pdf"),
        Some(&pass),
    )
    .await;
    assert_eq!(pdf.status, StatusCode::OK);
    let pdf = get(&router, &format!("/payments/{payment}/receipt.pdf"), None).await;
    assert_eq!(pdf.status, StatusCode::SEE_OTHER, "no pass: sign in first");
    // An account holder who pays tickets sees them in "my payments" as before (tested above);
    // the guest's payment belongs to no account.
    let owner: Option<String> = sqlx::query_scalar("SELECT payer_id FROM payments WHERE id = $1")
        .bind(&payment)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(owner, None);
    // Passes expire: the clean-up forgets them and what they opened.
    let later = app::backend::now_ms() + app::backend::guests::GUEST_PASS_MS + 1;
    assert!(db.purge_guest_passes(later).await.unwrap() >= 1);
    assert_eq!(
        app_error(&post(&router, "/api/fine_view", &[("id", &fine_id)], Some(&pass)).await),
        AppError::Unauthenticated
    );
}

on_both_engines!(a_ticket_is_paid_without_an_account);
