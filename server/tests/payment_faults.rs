//! Fault injection on both engines: 1,000 payments whose bank callbacks are dropped,
//! duplicated, reordered, tampered with, and cut off by a server crash in the middle; the
//! clean-up job then asks the bank about the rest. Afterwards every payment is final, no
//! purpose is fulfilled twice, none is paid but unfulfilled, receipt numbers run 1..=n
//! without a gap, and every receipt e-mail is sent.

mod common;

use app::backend::gateway::{
    sign, BankReport, GatewayError, PaymentGateway, QueryFuture, RefundFuture,
};
use app::backend::payments::{run_due_receipt_mails, Purposes, Report, TestItemPurpose};
use app::backend::{now_ms, Db};
use app::domain::payment::{PaymentEvent, PaymentState};
use app::domain::Money;
use axum::body::Body;
use axum::http::{header, Request};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

const PAYMENTS: usize = 1_000;
const SECRET: &[u8] = b"sandbox-bank-secret-for-local-runs";

/// A small deterministic generator: the same faults on every run and engine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// What the bank decided for a payment (`None`: the payer walked away before paying).
#[derive(Clone)]
struct Outcome {
    status: &'static str,
    event: PaymentEvent,
}

fn outcome_of(index: usize) -> Option<Outcome> {
    let (status, event) = match index % 10 {
        0..=5 => ("approved", PaymentEvent::Approved),
        6 => ("declined", PaymentEvent::Declined),
        7 => ("cancelled", PaymentEvent::CancelledByPayer),
        8 => ("error", PaymentEvent::ProviderError),
        _ => return None,
    };
    Some(Outcome { status, event })
}

fn expected_state(outcome: &Option<Outcome>) -> PaymentState {
    match outcome.as_ref().map(|o| o.event) {
        Some(PaymentEvent::Approved) => PaymentState::Success,
        Some(PaymentEvent::Declined) => PaymentState::Failed,
        Some(PaymentEvent::CancelledByPayer) => PaymentState::Cancelled,
        Some(_) => PaymentState::Error,
        None => PaymentState::Expired,
    }
}

/// The bank's status endpoint for the clean-up job: it knows every outcome.
struct Bank(HashMap<String, (i64, Option<Outcome>)>);

impl PaymentGateway for Bank {
    fn start_url(&self, _: &str, _: Money, _: &str, _: &str, _: &str) -> String {
        String::new()
    }
    fn read_report(&self, _: &[(String, String)]) -> Result<Option<BankReport>, GatewayError> {
        Ok(None)
    }
    fn query<'a>(&'a self, payment_id: &'a str) -> QueryFuture<'a> {
        let answer = self.0.get(payment_id).and_then(|(cents, outcome)| {
            outcome.as_ref().map(|o| BankReport {
                payment_id: payment_id.to_owned(),
                event: o.event,
                amount: Money::from_cents(*cents),
                provider_ref: Some(format!("BANK-{payment_id}")),
                failure_code: None,
                failure_message: None,
            })
        });
        Box::pin(async move { Ok(answer) })
    }
    fn refund<'a>(&'a self, _: &'a str, _: &'a str, _: Money) -> RefundFuture<'a> {
        Box::pin(async { Err(GatewayError::Unreachable) })
    }
}

fn callback(payment_id: &str, cents: i64, status: &str, tamper: u64) -> Request<Body> {
    let mut fields = vec![
        ("payment_id".to_owned(), payment_id.to_owned()),
        ("amount_cents".to_owned(), cents.to_string()),
        ("status".to_owned(), status.to_owned()),
        ("provider_ref".to_owned(), format!("BANK-{payment_id}")),
        ("failure_code".to_owned(), String::new()),
        ("failure_message".to_owned(), String::new()),
    ];
    let signature = match tamper {
        // A forger without the secret.
        1 => sign(&fields, b"not the secret"),
        // A correctly signed message about another amount.
        2 => {
            fields[1].1 = (cents + 1).to_string();
            sign(&fields, SECRET)
        }
        _ => sign(&fields, SECRET),
    };
    fields.push(("signature".to_owned(), signature));
    let body = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", app::i18n::percent_encode(v, false)))
        .collect::<Vec<_>>()
        .join("&");
    Request::post("/payments/callback")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

/// Delivers queued callbacks with `workers` concurrent senders until the queue is empty.
fn spawn_senders(
    router: axum::Router,
    queue: Arc<Mutex<VecDeque<Request<Body>>>>,
    delivered: Arc<AtomicUsize>,
    workers: usize,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..workers)
        .map(|_| {
            let (router, queue, delivered) = (router.clone(), queue.clone(), delivered.clone());
            tokio::spawn(async move {
                loop {
                    let next = queue.lock().unwrap().pop_front();
                    let Some(request) = next else { break };
                    let _ = router.clone().oneshot(request).await;
                    delivered.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect()
}

async fn a_thousand_payments_survive_lost_repeated_and_reordered_callbacks_and_a_crash(
    test_db: &common::TestDb,
) {
    let db = test_db.db.clone();
    let purposes = Purposes::default().with(Arc::new(TestItemPurpose));
    let mut rng = Lcg(20261122);
    let mut payments = Vec::with_capacity(PAYMENTS);
    for index in 0..PAYMENTS {
        let cents = 100 + rng.next(100_000) as i64;
        let item_id = uuid::Uuid::new_v4().to_string();
        sqlx::query("INSERT INTO payment_test_items (id, description, amount_cents) VALUES ($1, 'Τέλος', $2)")
            .bind(&item_id)
            .bind(cents)
            .execute(db.pool())
            .await
            .unwrap();
        let payment = db
            .create_payment(&purposes, "test", &item_id, None)
            .await
            .unwrap();
        if index % 3 != 0 {
            // Some reach the bank's page; others are reported on straight from `created`.
            let sent = Report {
                event: PaymentEvent::SentToBank,
                amount: None,
                provider_ref: None,
                failure_code: None,
                failure_message: None,
                source: "user",
            };
            db.record_payment_report(&purposes, &payment.id, sent)
                .await
                .unwrap();
        }
        payments.push((payment.id, item_id, cents, outcome_of(index)));
    }

    // Callbacks: a quarter dropped, many sent twice or three times, some tampered with,
    // then all shuffled so they arrive out of order.
    let mut deliveries = Vec::new();
    let mut tampered = 0;
    for (id, _, cents, outcome) in &payments {
        let Some(outcome) = outcome else { continue };
        let copies = match rng.next(20) {
            0..=4 => 0,
            5..=12 => 1,
            13..=17 => 2,
            _ => 3,
        };
        for _ in 0..copies {
            deliveries.push(callback(id, *cents, outcome.status, 0));
        }
        if rng.next(20) == 0 {
            deliveries.push(callback(id, *cents, outcome.status, 1 + rng.next(2)));
            tampered += 1;
        }
    }
    for i in (1..deliveries.len()).rev() {
        deliveries.swap(i, rng.next(i as u64 + 1) as usize);
    }
    let total_deliveries = deliveries.len();
    assert!(tampered > 10 && total_deliveries > PAYMENTS / 2);
    let queue = Arc::new(Mutex::new(VecDeque::from(deliveries)));
    let delivered = Arc::new(AtomicUsize::new(0));

    // First server: crashes half-way, dropping whatever it was doing mid-transaction.
    let router = common::router(db.clone());
    let senders = spawn_senders(router, queue.clone(), delivered.clone(), 8);
    while delivered.load(Ordering::SeqCst) < total_deliveries / 2 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    for sender in &senders {
        sender.abort();
    }
    for sender in senders {
        let _ = sender.await;
    }
    db.close().await;

    // Second server on the same database delivers the rest.
    let db = Db::connect(&test_db.url).await.unwrap();
    let router = common::router(db.clone());
    for sender in spawn_senders(router, queue.clone(), delivered.clone(), 8) {
        sender.await.unwrap();
    }

    // The clean-up job asks the bank about everything still open.
    let bank = Bank(
        payments
            .iter()
            .map(|(id, _, cents, o)| (id.clone(), (*cents, o.clone())))
            .collect(),
    );
    db.settle_stale_payments(&purposes, &bank, 0, now_ms() + 1)
        .await
        .unwrap();
    let outbox = std::env::temp_dir().join(format!("dimos-faults-{}", uuid::Uuid::new_v4()));
    let mailer: app::backend::mailer::SharedMailer = Arc::new(app::backend::mailer::FileMailer {
        dir: outbox.clone(),
        from: "Dimos <no-reply@example.gr>".parse().unwrap(),
    });
    // E-mails the crashed server had claimed wait out its one-minute lease, then go.
    run_due_receipt_mails(&db, &mailer, now_ms() + 61_000).await;

    let mut successes = 0;
    for (id, item_id, _, outcome) in &payments {
        let payment = db.payment(id).await.unwrap().unwrap();
        assert!(
            payment.state().is_final(),
            "{id} is still {}",
            payment.state
        );
        assert_eq!(payment.state(), expected_state(outcome), "{id}");
        let paid_by: Option<String> =
            sqlx::query_scalar("SELECT paid_by FROM payment_test_items WHERE id = $1")
                .bind(item_id)
                .fetch_one(db.pool())
                .await
                .unwrap();
        if payment.state() == PaymentState::Success {
            successes += 1;
            assert_eq!(
                paid_by.as_deref(),
                Some(id.as_str()),
                "paid but unfulfilled: {id}"
            );
        } else {
            assert_eq!(paid_by, None, "fulfilled without payment: {id}");
        }
    }
    let fulfilled: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM payment_test_items WHERE paid_by IS NOT NULL")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(fulfilled, successes, "no purpose fulfilled twice");
    let numbers: Vec<String> = sqlx::query_scalar("SELECT number FROM receipts")
        .fetch_all(db.pool())
        .await
        .unwrap();
    let mut sequence: Vec<i64> = numbers
        .iter()
        .map(|n| n.split('/').next().unwrap().parse().unwrap())
        .collect();
    sequence.sort_unstable();
    assert_eq!(
        sequence,
        (1..=successes).collect::<Vec<i64>>(),
        "receipts consecutive, no gap, no duplicate"
    );
    let unsent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'receipt_mail' AND done_at_ms IS NULL",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(unsent, 0, "every receipt e-mail sent");
    let jobs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'receipt_mail'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(jobs, successes, "one receipt e-mail per success");
    assert!(
        successes > 500,
        "about six in ten payments succeed: {successes}"
    );
    eprintln!(
        "{PAYMENTS} payments, {total_deliveries} callbacks ({tampered} tampered), {successes} paid, receipts 1..={successes}"
    );
    let _ = std::fs::remove_dir_all(outbox);
}

on_both_engines_with_url!(
    a_thousand_payments_survive_lost_repeated_and_reordered_callbacks_and_a_crash
);
