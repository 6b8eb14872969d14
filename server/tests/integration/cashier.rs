//! The cashier's view on both engines: refunds whole and part through the sandbox bank
//! (never more than paid, even at once), filters and totals, CSV export, and the receipt's
//! page data and PDF for its payer only.

use crate::common;

use app::backend::payments::Purposes;
use app::backend::Db;
use app::domain::account::Role;
use app::domain::payment::PaymentState;
use app::error::AppError;
use app::views::payments::{CashierPage, PaymentDossier};
use axum::http::StatusCode;
use common::client::*;

fn purposes() -> Purposes {
    // The server's own list (test fees included, as in demonstration mode).
    dimos_server::state::payment_purposes(true)
}

async fn item(db: &Db, cents: i64, description: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO payment_test_items (id, description, amount_cents) VALUES ($1, $2, $3)",
    )
    .bind(&id)
    .bind(description)
    .bind(cents)
    .execute(db.pool())
    .await
    .unwrap();
    id
}

/// Pays an item through the sandbox bank as a browser would (hosted page, card form) and
/// waits for the bank's signed callback to land. Returns the payment id.
async fn pay_by_card(
    router: &axum::Router,
    db: &Db,
    payer_id: &str,
    cents: i64,
    card: &str,
) -> String {
    use app::backend::gateway::{Checkout, PayMethod, PaymentGateway, SandboxGateway};
    let item_id = item(db, cents, "Τέλος χρήσης πεζοδρομίου").await;
    let payment = db
        .create_payment(
            &purposes(),
            app::domain::payment::PurposeKind::Test,
            &item_id,
            Some(payer_id),
        )
        .await
        .unwrap();
    let secret = db.instance_secret("sandbox_bank").await.unwrap();
    let gateway = SandboxGateway::new(secret.into_bytes(), String::new());
    let url = gateway
        .start(Checkout {
            payment_id: &payment.id,
            amount: payment.amount(),
            merchant: "Δήμος",
            description: "ref",
            return_url: "http://localhost/payments/x",
            lang: app::domain::Lang::El,
            method: PayMethod::Card,
            payer_email: None,
            payer_name: None,
            existing_order: None,
        })
        .await
        .unwrap()
        .redirect_url;
    assert_eq!(get(router, &url, None).await.status, StatusCode::OK);
    let reply = post(
        router,
        "/sandbox-bank/pay",
        &[
            ("payment_id", &payment.id),
            ("card_number", card),
            ("action", "pay"),
        ],
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    for _ in 0..200 {
        let state = db.payment(&payment.id).await.unwrap().unwrap().state();
        if state.is_final() {
            return payment.id;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the bank's callback never arrived");
}

fn dossier(reply: &Reply) -> PaymentDossier {
    serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("{} {}", reply.status, reply.body))
}

async fn refunds_whole_and_part_through_the_bank(db: Db) {
    let base = common::serve(db.clone(), |_| None).await;
    let router = common::router_with(db.clone(), |k| {
        (k == "DIMOS_PUBLIC_BASE_URL").then(|| base.clone())
    })
    .await;
    let (payer_id, payer) = user_with_session(&db, "payer@example.gr", Role::Citizen).await;
    let (_, other) = user_with_session(&db, "other@example.gr", Role::Citizen).await;
    let (_, cashier) = user_with_session(&db, "cashier@example.gr", Role::Cashier).await;
    let payment_id = pay_by_card(&router, &db, &payer_id, 3000, "4111111111111111").await;
    assert_eq!(
        db.payment(&payment_id).await.unwrap().unwrap().state(),
        PaymentState::Success
    );

    let refund = |amount: &'static str, reason: &'static str| {
        let (router, cashier, payment_id) = (router.clone(), cashier.clone(), payment_id.clone());
        async move {
            post(
                &router,
                "/api/refund_payment",
                &[
                    ("payment_id", &payment_id),
                    ("amount", amount),
                    ("reason", reason),
                ],
                Some(&cashier),
            )
            .await
        }
    };
    // Part: 10,00 of 30,00, typed the Greek way.
    let reply = refund("10,00", "Διπλή χρέωση τέλους").await;
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    // More than is left is refused, saying how much is left.
    let too_much = refund("25", "Λάθος ποσό").await;
    let AppError::Validation(errors) = app_error(&too_much) else {
        panic!("{}", too_much.body)
    };
    assert!(
        errors.error_for("amount").unwrap().contains("20,00"),
        "{errors:?}"
    );
    // Bad input names the field and keeps what was typed.
    let bad = refund("δέκα", "").await;
    let AppError::Validation(errors) = app_error(&bad) else {
        panic!("{}", bad.body)
    };
    assert!(errors.error_for("amount").is_some() && errors.error_for("reason").is_some());
    assert_eq!(errors.value_of("amount").as_deref(), Some("δέκα"));
    // The rest: the whole amount is now refunded.
    refund("20.00", "Ακύρωση άδειας").await;
    let nothing_left = refund("0,01", "Ακόμη μία").await;
    assert!(matches!(app_error(&nothing_left), AppError::Validation(_)));

    let seen = dossier(
        &post(
            &router,
            "/api/cashier_payment",
            &[("id", &payment_id)],
            Some(&cashier),
        )
        .await,
    );
    assert_eq!(seen.refundable, app::domain::Money::from_cents(0));
    assert_eq!(seen.payment.refunded, app::domain::Money::from_cents(3000));
    let numbers: Vec<String> = seen
        .refunds
        .iter()
        .filter_map(|r| r.number.clone())
        .collect();
    let year = app::domain::time::local_date(app::backend::now_ms()).year;
    assert_eq!(numbers, vec![format!("R-1/{year}"), format!("R-2/{year}")]);
    assert!(
        seen.refunds
            .iter()
            .all(|r| r.state == app::domain::payment::RefundState::Succeeded
                && r.actor == "Test User")
    );
    let events: Vec<(&str, &str)> = seen
        .events
        .iter()
        .map(|e| (e.event.as_str(), e.outcome.as_str()))
        .collect();
    assert!(
        events.contains(&("refund_requested", "pending"))
            && events.contains(&("refund", "succeeded")),
        "{events:?}"
    );
    let audit = db.recent_audit(50).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "payment.refund"
                && a.subject.as_deref() == Some(payment_id.as_str()))
    );
    // The bank agrees: two refunds adding up to the payment.
    let bank_total: i64 = sqlx::query_scalar(
        "SELECT CAST(SUM(amount_cents) AS BIGINT) FROM sandbox_bank_refunds WHERE payment_id = $1",
    )
    .bind(&payment_id)
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(bank_total, 3000);

    // The receipt trail shows the refunds; its page data and PDF are the payer's only.
    let receipt = post(
        &router,
        "/api/receipt_view",
        &[("payment_id", &payment_id)],
        Some(&payer),
    )
    .await;
    let receipt: app::views::payments::ReceiptDoc = serde_json::from_str(&receipt.body).unwrap();
    assert_eq!(receipt.refunds.len(), 2);
    assert_eq!(receipt.purpose.el, "Τέλος χρήσης πεζοδρομίου");
    assert_eq!(receipt.refunded(), app::domain::Money::from_cents(3000));
    let theirs = post(
        &router,
        "/api/receipt_view",
        &[("payment_id", &payment_id)],
        Some(&other),
    )
    .await;
    assert_eq!(app_error(&theirs), AppError::NotFound);
    let pdf_path = format!("/payments/{payment_id}/receipt.pdf");
    let pdf = get(&router, &pdf_path, Some(&payer)).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with("%PDF-"));
    assert_eq!(
        get(&router, &pdf_path, Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&router, &pdf_path, Some(&cashier)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        get(&router, &pdf_path, None).await.status,
        StatusCode::SEE_OTHER
    );

    // A declined payment cannot be refunded.
    let declined = pay_by_card(&router, &db, &payer_id, 1500, "4000000000000002").await;
    let reply = post(
        &router,
        "/api/refund_payment",
        &[("payment_id", &declined), ("amount", "1"), ("reason", "x")],
        Some(&cashier),
    )
    .await;
    let AppError::Validation(errors) = app_error(&reply) else {
        panic!("{}", reply.body)
    };
    assert!(errors.error_for("amount").is_some());
}

async fn concurrent_refunds_never_return_more_than_was_paid(db: Db) {
    let base = common::serve(db.clone(), |_| None).await;
    let router = common::router_with(db.clone(), |k| {
        (k == "DIMOS_PUBLIC_BASE_URL").then(|| base.clone())
    })
    .await;
    let (payer_id, _) = user_with_session(&db, "payer@example.gr", Role::Citizen).await;
    let (_, cashier) = user_with_session(&db, "cashier@example.gr", Role::Cashier).await;
    let payment_id = pay_by_card(&router, &db, &payer_id, 3000, "4111111111111111").await;
    let attempts = (0..6).map(|_| {
        let (router, cashier, payment_id) = (router.clone(), cashier.clone(), payment_id.clone());
        tokio::spawn(async move {
            post(
                &router,
                "/api/refund_payment",
                &[
                    ("payment_id", &payment_id),
                    ("amount", "10"),
                    ("reason", "Ταυτόχρονα"),
                ],
                Some(&cashier),
            )
            .await
        })
    });
    for attempt in attempts {
        attempt.await.unwrap();
    }
    let refunded: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM payment_refunds WHERE payment_id = $1 AND state = 'succeeded'",
    )
    .bind(&payment_id)
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(
        refunded, 3000,
        "three of six refunds of 10 € go through, no more"
    );
}

async fn filters_totals_and_export(db: Db) {
    let base = common::serve(db.clone(), |_| None).await;
    let router = common::router_with(db.clone(), |k| {
        (k == "DIMOS_PUBLIC_BASE_URL").then(|| base.clone())
    })
    .await;
    let maria = db
        .create_user(
            app::backend::users::NewUser {
                email: "maria@example.gr",
                full_name: "Μαρία Παπαδοπούλου",
                phone: None,
                password: "a long password",
                role: Role::Citizen,
                email_confirmed: true,
            },
            &app::backend::audit::Actor::Cli,
        )
        .await
        .unwrap();
    let (nikos, _) = user_with_session(&db, "nikos@example.gr", Role::Citizen).await;
    let (_, cashier) = user_with_session(&db, "cashier@example.gr", Role::Cashier).await;
    let (_, citizen) = user_with_session(&db, "citizen@example.gr", Role::Citizen).await;
    pay_by_card(&router, &db, &maria.id, 1000, "4111111111111111").await;
    pay_by_card(&router, &db, &maria.id, 2550, "4111111111111111").await;
    pay_by_card(&router, &db, &nikos, 4000, "4111111111111111").await;
    pay_by_card(&router, &db, &nikos, 999, "4000000000000002").await;

    let list = |pairs: Vec<(&'static str, String)>| {
        let (router, cashier) = (router.clone(), cashier.clone());
        async move {
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(&router, "/api/cashier_payments", &pairs, Some(&cashier)).await
        }
    };
    let page = |reply: Reply| -> CashierPage {
        serde_json::from_str(&reply.body)
            .unwrap_or_else(|_| panic!("{} {}", reply.status, reply.body))
    };
    let all = page(list(vec![]).await);
    assert_eq!(all.total, 4);
    assert_eq!(all.all.count, 3, "totals count completed payments only");
    assert_eq!(all.all.paid, app::domain::Money::from_cents(7550));
    assert_eq!(all.by_purpose.len(), 1);
    assert_eq!(all.by_purpose[0].label, "test");
    assert_eq!(all.by_day.len(), 1);
    let today = app::domain::time::local_date(app::backend::now_ms());
    let today = format!("{:04}-{:02}-{:02}", today.year, today.month, today.day);
    assert_eq!(all.by_day[0].label, today);

    let declined = page(list(vec![("state", "failed".into())]).await);
    assert_eq!(declined.total, 1);
    assert_eq!(declined.rows[0].amount, app::domain::Money::from_cents(999));
    // A payer found by part of the name, without accents or capitals.
    let by_name = page(list(vec![("payer", "παπαδοπουλ".into())]).await);
    assert_eq!(by_name.total, 2);
    let by_amount = page(list(vec![("min", "20".into()), ("max", "30,00".into())]).await);
    assert_eq!(by_amount.total, 1);
    assert_eq!(
        by_amount.rows[0].amount,
        app::domain::Money::from_cents(2550)
    );
    let by_day = page(list(vec![("from", today.clone()), ("to", today.clone())]).await);
    assert_eq!(by_day.total, 4);
    let none = page(
        list(vec![
            ("from", "2020-01-01".into()),
            ("to", "2020-01-31".into()),
        ])
        .await,
    );
    assert_eq!(none.total, 0);
    assert_eq!(none.all.count, 0);

    let bad = list(vec![
        // 31 February: no such day, whichever way it is written.
        ("from", "31/02/2026".into()),
        ("min", "abc".into()),
        ("max", "".into()),
    ])
    .await;
    let AppError::Validation(errors) = app_error(&bad) else {
        panic!("{}", bad.body)
    };
    assert!(errors
        .error_for("from")
        .unwrap()
        .contains("ημέρα/μήνας/έτος"));
    assert!(errors.error_for("min").is_some());
    assert_eq!(errors.value_of("from").as_deref(), Some("31/02/2026"));
    let reversed = list(vec![("min", "50".into()), ("max", "10".into())]).await;
    assert!(matches!(app_error(&reversed), AppError::Validation(_)));

    let csv = get(
        &router,
        "/staff/payments-export.csv?payer=%CE%BC%CE%B1%CF%81%CE%B9%CE%B1",
        Some(&cashier),
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheets"
    );
    let lines: Vec<&str> = csv.body.trim_end().lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(lines[0].contains("payment_id") && lines[0].contains("amount_eur"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("25.50") && l.contains("Μαρία Παπαδοπούλου")),
        "{}",
        csv.body
    );
    assert_eq!(
        get(&router, "/staff/payments-export.csv", Some(&citizen))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&router, "/staff/payments-export.csv?from=x", Some(&cashier))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    // The pages render for the cashier and refuse a citizen.
    let listing = get(&router, "/staff/payments?state=success", Some(&cashier)).await;
    assert_eq!(listing.status, StatusCode::OK);
    assert!(listing.body.contains("25,50"), "amounts in the list");
    assert_eq!(
        get(&router, "/staff/payments", Some(&citizen)).await.status,
        StatusCode::FORBIDDEN
    );
}

on_both_engines!(
    refunds_whole_and_part_through_the_bank,
    concurrent_refunds_never_return_more_than_was_paid,
    filters_totals_and_export
);
