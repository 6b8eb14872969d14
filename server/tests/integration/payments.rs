//! The payments core on both engines: amounts from the database, reuse of an unfinished
//! payment, idempotent and out-of-order reports, refused amounts, fulfilment and receipt in
//! the transaction of success, consecutive receipt numbers under concurrency.

use crate::common;
use common::FakeBank;

use app::backend::payments::{PaymentError, Purposes, Report};
use app::backend::Db;
use app::domain::payment::{PaymentEvent, PaymentState};
use app::domain::Money;

fn purposes() -> Purposes {
    // The server's own list (test fees included, as in demonstration mode).
    dimos_server::state::payment_purposes(true)
}

async fn item(db: &Db, cents: i64) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO payment_test_items (id, description, amount_cents) VALUES ($1, 'Δοκιμή', $2)",
    )
    .bind(&id)
    .bind(cents)
    .execute(db.pool())
    .await
    .unwrap();
    id
}

fn report(event: PaymentEvent, amount: Option<Money>) -> Report<'static> {
    Report {
        event,
        amount,
        provider_ref: Some("BANK-1"),
        provider_order: None,
        failure_code: None,
        failure_message: None,
        source: "callback",
    }
}

async fn paid_by(db: &Db, item_id: &str) -> Option<String> {
    sqlx::query_scalar("SELECT paid_by FROM payment_test_items WHERE id = $1")
        .bind(item_id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn a_payment_is_fulfilled_and_receipted_once(db: Db) {
    let purposes = purposes();
    let item_id = item(&db, 3000).await;
    let (payer, _) = common::client::user_with_session(
        &db,
        "payer@example.gr",
        app::domain::account::Role::Citizen,
    )
    .await;
    let payment = db
        .create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Test,
            &item_id,
            Some(&payer),
        )
        .await
        .unwrap();
    assert_eq!(
        payment.amount(),
        Money::from_cents(3000),
        "amount from the database"
    );
    let again = db
        .create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Test,
            &item_id,
            Some(&payer),
        )
        .await
        .unwrap();
    assert_eq!(
        again.id, payment.id,
        "the payer's unfinished payment is reused"
    );

    let tampered = db
        .record_payment_report(
            &purposes,
            &payment.id,
            report(PaymentEvent::Approved, Some(Money::from_cents(1))),
        )
        .await;
    assert!(matches!(tampered, Err(PaymentError::AmountMismatch)));
    assert_eq!(
        db.payment(&payment.id)
            .await
            .unwrap()
            .unwrap()
            .state
            .as_str(),
        "created",
        "no change"
    );

    let ok = report(PaymentEvent::Approved, Some(Money::from_cents(3000)));
    assert_eq!(
        db.record_payment_report(&purposes, &payment.id, ok)
            .await
            .unwrap(),
        PaymentState::Success
    );
    let duplicate = report(PaymentEvent::Approved, Some(Money::from_cents(3000)));
    assert_eq!(
        db.record_payment_report(&purposes, &payment.id, duplicate)
            .await
            .unwrap(),
        PaymentState::Success
    );
    let late_decline = report(PaymentEvent::Declined, None);
    assert_eq!(
        db.record_payment_report(&purposes, &payment.id, late_decline)
            .await
            .unwrap(),
        PaymentState::Success
    );

    assert_eq!(paid_by(&db, &item_id).await, Some(payment.id.clone()));
    let receipts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM receipts")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(receipts, 1, "one receipt however many reports");
    assert!(db
        .receipt_of(&payment.id)
        .await
        .unwrap()
        .unwrap()
        .starts_with("1/"));
    let ignored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM payment_events WHERE outcome = 'ignored'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(ignored, 2, "duplicates are kept as events");
    assert!(matches!(
        db.create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Test,
            &item_id,
            None
        )
        .await,
        Err(PaymentError::NothingToPay)
    ));
}

async fn a_declined_payment_leaves_the_purpose_unpaid(db: Db) {
    let purposes = purposes();
    let item_id = item(&db, 1500).await;
    let first = db
        .create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Test,
            &item_id,
            None,
        )
        .await
        .unwrap();
    let declined = Report {
        failure_code: Some("05"),
        failure_message: Some("Do not honour"),
        ..report(PaymentEvent::Declined, None)
    };
    assert_eq!(
        db.record_payment_report(&purposes, &first.id, declined)
            .await
            .unwrap(),
        PaymentState::Failed
    );
    let stored = db.payment(&first.id).await.unwrap().unwrap();
    assert_eq!(
        (
            stored.failure_code.as_deref(),
            stored.failure_message.as_deref()
        ),
        (Some("05"), Some("Do not honour"))
    );
    assert_eq!(paid_by(&db, &item_id).await, None);
    let second = db
        .create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Test,
            &item_id,
            None,
        )
        .await
        .unwrap();
    assert_ne!(second.id, first.id, "a new attempt after a final state");
}

async fn receipts_stay_consecutive_under_concurrency(db: Db) {
    let purposes = purposes();
    let mut payments = Vec::new();
    for _ in 0..50 {
        let item_id = item(&db, 1000).await;
        payments.push(
            db.create_payment(
                &purposes,
                app::domain::payment::PurposeKind::Test,
                &item_id,
                None,
            )
            .await
            .unwrap()
            .id,
        );
    }
    let tasks: Vec<_> = payments
        .iter()
        .cloned()
        .flat_map(|id| {
            // Each payment approved twice at once: a duplicated callback.
            [id.clone(), id]
        })
        .map(|id| {
            let (db, purposes) = (db.clone(), purposes.clone());
            tokio::spawn(async move {
                db.record_payment_report(
                    &purposes,
                    &id,
                    report(PaymentEvent::Approved, Some(Money::from_cents(1000))),
                )
                .await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().expect("report applied or ignored");
    }
    let numbers: Vec<String> = sqlx::query_scalar("SELECT number FROM receipts")
        .fetch_all(db.pool())
        .await
        .unwrap();
    let mut sequence: Vec<i64> = numbers
        .iter()
        .map(|n| n.split('/').next().unwrap().parse().unwrap())
        .collect();
    sequence.sort();
    assert_eq!(
        sequence,
        (1..=50).collect::<Vec<_>>(),
        "no gaps, no duplicates"
    );
    let fulfilled: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM payment_test_items WHERE paid_by IS NOT NULL")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(fulfilled, 50, "every success fulfilled, none twice");
}

/// Payers starting payments while the bank's callbacks land for others: every start and
/// every report goes through (on SQLite, a read-then-write transaction must not fail with
/// "database is locked" because another connection wrote in between).
async fn payments_start_while_others_complete(db: Db) {
    let purposes = purposes();
    let mut tasks = Vec::new();
    for _ in 0..24 {
        let (db, purposes) = (db.clone(), purposes.clone());
        let item_id = item(&db, 1200).await;
        tasks.push(tokio::spawn(async move {
            let payment = db
                .create_payment(
                    &purposes,
                    app::domain::payment::PurposeKind::Test,
                    &item_id,
                    None,
                )
                .await?;
            db.record_payment_report(&purposes, &payment.id, report(PaymentEvent::Approved, None))
                .await
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), PaymentState::Success);
    }
}

on_both_engines!(
    a_payment_is_fulfilled_and_receipted_once,
    a_declined_payment_leaves_the_purpose_unpaid,
    receipts_stay_consecutive_under_concurrency,
    payments_start_while_others_complete,
);

mod through_http {
    //! The sandbox bank and the signed callback, through the router.

    use super::*;
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    async fn call(
        router: &axum::Router,
        request: Request<Body>,
    ) -> (StatusCode, String, Option<String>) {
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let location = response
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            String::from_utf8_lossy(&bytes).into_owned(),
            location,
        )
    }

    fn form(path: &str, body: String) -> Request<Body> {
        Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    }

    fn encode(fields: &[(String, String)]) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish()
    }

    pub async fn card_payment_through_the_sandbox_bank(db: Db) {
        use app::backend::gateway::sandbox::parse_form;
        use app::backend::gateway::signing::{sign, signed, MessageKind};
        use app::backend::gateway::{Checkout, PayMethod, PaymentGateway, SandboxGateway};
        let outbox = std::env::temp_dir().join(format!("dimos-outbox-{}", uuid::Uuid::new_v4()));
        let outbox_text = outbox.display().to_string();
        let router = common::router_with(db.clone(), |key| {
            (key == "DIMOS_OUTBOX_DIR").then(|| outbox_text.clone())
        })
        .await;
        // Demonstration mode made this database a key of its own: no shipped default.
        let secret = db.instance_secret("sandbox_bank").await.unwrap();
        assert!(secret.len() >= 32, "a random key");
        let secret = secret.into_bytes();
        let payer = app::backend::users::NewUser {
            email: "payer@example.gr",
            full_name: "Πληρωτής",
            phone: None,
            password: "a long password",
            role: app::domain::account::Role::Citizen,
            email_confirmed: true,
        };
        let payer = db
            .create_user(payer, &app::backend::audit::Actor::Cli)
            .await
            .unwrap();
        let item_id = item(&db, 3000).await;
        let payment = db
            .create_payment(
                &purposes(),
                app::domain::payment::PurposeKind::Test,
                &item_id,
                Some(&payer.id),
            )
            .await
            .unwrap();
        let gateway = SandboxGateway::new(secret.clone(), "http://127.0.0.1:1".into());
        let url = gateway
            .start(Checkout {
                payment_id: &payment.id,
                amount: payment.amount(),
                merchant: "Δήμος",
                description: "ref-1",
                return_url: "http://127.0.0.1:3000/payments/x",
                lang: app::domain::Lang::El,
                method: PayMethod::Card,
                payer_email: None,
                payer_name: None,
                existing_order: None,
            })
            .await
            .unwrap()
            .redirect_url;

        let (status, page, _) =
            call(&router, Request::get(&url).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("30,00") && page.contains("Δήμος") && page.contains("ref-1"),
            "merchant, amount, reference"
        );
        let forged = url.replace("amount_cents=3000", "amount_cents=1");
        let (status, _, _) =
            call(&router, Request::get(&forged).body(Body::empty()).unwrap()).await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "a changed amount breaks the signature"
        );

        // Attack: the signed pay request the payer sees in the address bar, replayed as a
        // refund request, is not one.
        let page_fields = parse_form(url.split_once('?').unwrap().1.as_bytes());
        let (status, _, _) =
            call(&router, form("/sandbox-bank/refund", encode(&page_fields))).await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "a page signature is no refund"
        );

        let body = format!(
            "payment_id={}&card_number=4111+1111+1111+1111&action=pay",
            payment.id
        );
        let (status, _, location) = call(&router, form("/sandbox-bank/pay", body)).await;
        assert!(status.is_redirection());
        assert_eq!(
            location.as_deref(),
            Some("/payments/x"),
            "back to the portal"
        );

        // Attack: the bank's status is not for anyone to read.
        let (status, _, _) = call(
            &router,
            form("/sandbox-bank/status", format!("payment_id={}", payment.id)),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "an unsigned status query");
        let stale = signed(
            MessageKind::StatusQuery,
            vec![
                ("payment_id".into(), payment.id.clone()),
                ("at_ms".into(), "0".into()),
            ],
            &secret,
        );
        let (status, _, _) = call(&router, form("/sandbox-bank/status", encode(&stale))).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "an old status query");

        // The bank's signed status, as its callback carries it.
        let query = signed(
            MessageKind::StatusQuery,
            vec![
                ("payment_id".into(), payment.id.clone()),
                ("at_ms".into(), app::backend::now_ms().to_string()),
            ],
            &secret,
        );
        let (status, status_text, _) =
            call(&router, form("/sandbox-bank/status", encode(&query))).await;
        assert_eq!(status, StatusCode::OK);
        let fields = parse_form(status_text.as_bytes());

        let mut tampered = fields.clone();
        for (k, v) in tampered.iter_mut() {
            if k == "status" {
                *v = "declined".into();
            }
        }
        let (status, _, _) = call(&router, form("/payments/callback", encode(&tampered))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "bad signature refused");
        // Attack: the status query the portal signed is not a payment status.
        let (status, _, _) = call(&router, form("/payments/callback", encode(&query))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a query is no status");
        assert_eq!(
            db.payment(&payment.id)
                .await
                .unwrap()
                .unwrap()
                .state
                .as_str(),
            "created",
            "no change"
        );

        let mut unknown = fields.clone();
        for (k, v) in unknown.iter_mut() {
            if k == "payment_id" {
                *v = "no-such-payment".into();
            }
        }
        let signature = sign(MessageKind::PaymentStatus, &unknown, &secret);
        for (k, v) in unknown.iter_mut() {
            if k == "signature" {
                *v = signature.clone();
            }
        }
        let (status, _, _) = call(&router, form("/payments/callback", encode(&unknown))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "unknown id refused");

        for _ in 0..2 {
            let (status, _, _) = call(&router, form("/payments/callback", encode(&fields))).await;
            assert_eq!(status, StatusCode::OK, "the callback, twice");
        }
        assert_eq!(
            db.payment(&payment.id)
                .await
                .unwrap()
                .unwrap()
                .state
                .as_str(),
            "success"
        );
        assert_eq!(paid_by(&db, &item_id).await, Some(payment.id.clone()));
        let receipt = db.receipt_of(&payment.id).await.unwrap().expect("receipt");
        let mails: Vec<String> = std::fs::read_dir(&outbox)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert_eq!(mails.len(), 1, "one receipt e-mail for two callbacks");
        assert!(
            mails[0].contains("To: payer@example.gr") && mails[0].contains(&receipt),
            "{}",
            mails[0]
        );
        let _ = std::fs::remove_dir_all(outbox);
    }

    /// With the sandbox bank's key of a demonstration database known (or the key every
    /// installation once shipped with), nothing settles a payment on a server that is not
    /// in demonstration mode: there is no sandbox bank, and no key to forge with.
    pub async fn outside_demo_mode_no_signature_settles_a_payment(db: Db) {
        use app::backend::gateway::signing::{signed, MessageKind};
        let router = common::router_with(db.clone(), |key| {
            (key == "DIMOS_DEMO").then(|| "off".into())
        })
        .await;
        let item_id = item(&db, 3000).await;
        let payment = db
            .create_payment(
                &purposes(),
                app::domain::payment::PurposeKind::Test,
                &item_id,
                None,
            )
            .await
            .unwrap();
        for key in [
            b"sandbox-bank-secret-for-local-runs".to_vec(),
            db.instance_secret("sandbox_bank")
                .await
                .unwrap()
                .into_bytes(),
        ] {
            let forged = signed(
                MessageKind::PaymentStatus,
                vec![
                    ("payment_id".into(), payment.id.clone()),
                    ("amount_cents".into(), "3000".into()),
                    ("status".into(), "approved".into()),
                ],
                &key,
            );
            let (status, _, _) = call(&router, form("/payments/callback", encode(&forged))).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "forged approval refused");
        }
        let (status, _, _) = call(
            &router,
            Request::get("/sandbox-bank/pay")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "no sandbox bank");
        assert_eq!(
            db.payment(&payment.id)
                .await
                .unwrap()
                .unwrap()
                .state
                .as_str(),
            "created"
        );
        assert_eq!(paid_by(&db, &item_id).await, None);
    }
}

use through_http::outside_demo_mode_no_signature_settles_a_payment;
on_both_engines!(outside_demo_mode_no_signature_settles_a_payment);
use through_http::card_payment_through_the_sandbox_bank;
on_both_engines!(card_payment_through_the_sandbox_bank);

async fn stale_payments_are_settled_by_asking_the_bank(db: Db) {
    let purposes = purposes();
    let mut ids = Vec::new();
    for _ in 0..4 {
        let item_id = item(&db, 2000).await;
        ids.push((
            db.create_payment(
                &purposes,
                app::domain::payment::PurposeKind::Test,
                &item_id,
                None,
            )
            .await
            .unwrap()
            .id,
            item_id,
        ));
    }
    let approved = app::backend::gateway::BankReport {
        payment_id: ids[0].0.clone(),
        event: PaymentEvent::Approved,
        amount: Money::from_cents(2000),
        provider_ref: Some("SBX-1".into()),
        provider_order: None,
        failure_code: None,
        failure_message: None,
    };
    let bank = FakeBank(
        [
            (ids[0].0.clone(), Some(approved)), // paid at the bank, callback lost
            (ids[1].0.clone(), None),           // the payer abandoned the bank's page
            // ids[2]: the bank does not answer: left for the next round
            (ids[3].0.clone(), None),
        ]
        .into_iter()
        .collect(),
    );
    let now = app::backend::now_ms();
    assert_eq!(
        db.settle_stale_payments(&purposes, &bank, 90 * 60_000, now)
            .await
            .unwrap(),
        0,
        "nothing is 90 minutes old yet"
    );
    let later = now + 91 * 60_000;
    assert_eq!(
        db.settle_stale_payments(&purposes, &bank, 90 * 60_000, later)
            .await
            .unwrap(),
        3
    );
    let state = |i: usize| {
        let db = db.clone();
        let id = ids[i].0.clone();
        async move { db.payment(&id).await.unwrap().unwrap().state.as_str() }
    };
    assert_eq!(
        state(0).await,
        "success",
        "the status query found the lost success"
    );
    assert_eq!(
        paid_by(&db, &ids[0].1).await,
        Some(ids[0].0.clone()),
        "and fulfilled it"
    );
    assert!(db.receipt_of(&ids[0].0).await.unwrap().is_some());
    assert_eq!(state(1).await, "expired");
    assert_eq!(
        state(2).await,
        "created",
        "an unanswered query expires nothing"
    );
    assert_eq!(state(3).await, "expired");
    // A second instance running the same round changes nothing more.
    db.settle_stale_payments(&purposes, &bank, 90 * 60_000, later)
        .await
        .unwrap();
    let receipts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM receipts")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(receipts, 1);
}

on_both_engines!(stale_payments_are_settled_by_asking_the_bank);

/// Anyone holding a receipt can check it by its code (as printed, any case, with the dash):
/// genuine or not, with number, date and amount — nothing about who paid or what for. The
/// PDF comes in the reader's language.
async fn receipts_are_checked_by_their_code(db: Db) {
    let router = common::router(db.clone()).await;
    let purposes = purposes();
    let item_id = item(&db, 4250).await;
    let (payer, cookie) = common::client::user_with_session(
        &db,
        "payer@example.gr",
        app::domain::account::Role::Citizen,
    )
    .await;
    let payment = db
        .create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Test,
            &item_id,
            Some(&payer),
        )
        .await
        .unwrap();
    db.record_payment_report(
        &purposes,
        &payment.id,
        report(PaymentEvent::Approved, Some(Money::from_cents(4250))),
    )
    .await
    .unwrap();
    let code: String = sqlx::query_scalar("SELECT check_code FROM receipts WHERE payment_id = $1")
        .bind(&payment.id)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(code.len(), 10);
    let printed = format!("{}-{}", &code[..5], &code[5..]).to_lowercase();
    // The form sends a typed code to its page; a malformed one is explained.
    let typed = common::client::post(
        &router,
        "/api/check_receipt_code",
        &[("check_code", &printed)],
        None,
    )
    .await;
    assert_eq!(
        typed.location.as_deref(),
        Some(format!("/check/{code}").as_str())
    );
    let bad = common::client::post(
        &router,
        "/api/check_receipt_code",
        &[("check_code", "12345")],
        None,
    )
    .await;
    assert!(matches!(
        common::client::app_error(&bad),
        app::error::AppError::Validation(_)
    ));
    let checked =
        common::client::post(&router, "/api/check_receipt", &[("code", &code)], None).await;
    let checked: Option<app::views::payments::CheckedReceipt> =
        serde_json::from_str(&checked.body).unwrap();
    let checked = checked.expect("a genuine receipt");
    assert_eq!(checked.amount, Money::from_cents(4250));
    assert!(checked
        .number
        .ends_with(&format!("/{}", app::backend::today().year)));
    let json = serde_json::to_string(&checked).unwrap();
    assert!(
        !json.contains("payer@example.gr") && !json.contains("Δοκιμή"),
        "{json}"
    );
    let forged = common::client::post(
        &router,
        "/api/check_receipt",
        &[("code", "0000000000")],
        None,
    )
    .await;
    assert_eq!(forged.body, "null", "no receipt has that code");
    // The PDF in the reader's language, tagged.
    for (lang, marker) in [("el", "/Lang(el)"), ("en", "/Lang(en)")] {
        let pdf = common::client::get(
            &router,
            &format!("/payments/{}/receipt.pdf", payment.id),
            Some(&format!("{cookie}; lang={lang}")),
        )
        .await;
        assert_eq!(pdf.status, axum::http::StatusCode::OK);
        assert!(pdf.body.contains(marker), "{lang}");
        assert!(pdf.body.contains("/StructTreeRoot"));
    }
}

on_both_engines!(receipts_are_checked_by_their_code);
