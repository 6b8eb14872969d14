//! The payments core on both engines: amounts from the database, reuse of an unfinished
//! payment, idempotent and out-of-order reports, refused amounts, fulfilment and receipt in
//! the transaction of success, consecutive receipt numbers under concurrency.

mod common;

use app::backend::payments::{PaymentError, Purposes, Report, TestItemPurpose};
use app::backend::Db;
use app::domain::payment::{PaymentEvent, PaymentState};
use app::domain::Money;
use std::sync::Arc;

fn purposes() -> Purposes {
    Purposes::default().with(Arc::new(TestItemPurpose))
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
    let payment = db
        .create_payment(&purposes, "test", &item_id, None)
        .await
        .unwrap();
    assert_eq!(
        payment.amount(),
        Money::from_cents(3000),
        "amount from the database"
    );
    let again = db
        .create_payment(&purposes, "test", &item_id, None)
        .await
        .unwrap();
    assert_eq!(again.id, payment.id, "an unfinished payment is reused");

    let tampered = db
        .record_payment_report(
            &purposes,
            &payment.id,
            report(PaymentEvent::Approved, Some(Money::from_cents(1))),
        )
        .await;
    assert!(matches!(tampered, Err(PaymentError::AmountMismatch)));
    assert_eq!(
        db.payment(&payment.id).await.unwrap().unwrap().state,
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
        db.create_payment(&purposes, "test", &item_id, None).await,
        Err(PaymentError::NothingToPay)
    ));
}

async fn a_declined_payment_leaves_the_purpose_unpaid(db: Db) {
    let purposes = purposes();
    let item_id = item(&db, 1500).await;
    let first = db
        .create_payment(&purposes, "test", &item_id, None)
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
        .create_payment(&purposes, "test", &item_id, None)
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
            db.create_payment(&purposes, "test", &item_id, None)
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

on_both_engines!(
    a_payment_is_fulfilled_and_receipted_once,
    a_declined_payment_leaves_the_purpose_unpaid,
    receipts_stay_consecutive_under_concurrency,
);
