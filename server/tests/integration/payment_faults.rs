//! Fault injection on both engines: 1,000 payments whose bank callbacks are dropped,
//! duplicated, reordered, tampered with, and cut off by a server crash in the middle; the
//! clean-up job then asks the bank about the rest. Every callback's answer is checked
//! (genuine ones accepted, tampered ones refused), and the test counts how many payments
//! the callbacks settled and how many the clean-up job did. Afterwards every payment is
//! final, no purpose is fulfilled twice, none is paid but unfulfilled, receipt numbers run
//! 1..=n without a gap, and the outbox holds exactly one receipt e-mail per success.

use crate::common;

use app::backend::gateway::signing::{sign, MessageKind};
use app::backend::gateway::{
    BankReport, Checkout, CheckoutStarted, GatewayError, GatewayFuture, PaymentAtBank,
    PaymentGateway, RefundAnswer,
};
use app::backend::payments::{run_due_receipt_mails, Report};
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
    fn start<'a>(&'a self, _: Checkout<'a>) -> GatewayFuture<'a, CheckoutStarted> {
        Box::pin(async { Err(GatewayError::Unreachable) })
    }
    fn read_callback<'a>(&'a self, _: &'a [u8]) -> GatewayFuture<'a, Option<BankReport>> {
        Box::pin(async { Ok(None) })
    }
    fn query<'a>(&'a self, payment: PaymentAtBank<'a>) -> GatewayFuture<'a, Option<BankReport>> {
        let payment_id = payment.id;
        let answer = self.0.get(payment_id).and_then(|(cents, outcome)| {
            outcome.as_ref().map(|o| BankReport {
                payment_id: payment_id.to_owned(),
                event: o.event,
                amount: Money::from_cents(*cents),
                provider_ref: Some(format!("BANK-{payment_id}")),
                provider_order: None,
                failure_code: None,
                failure_message: None,
            })
        });
        Box::pin(async move { Ok(answer) })
    }
    fn refund<'a>(
        &'a self,
        _: PaymentAtBank<'a>,
        _: &'a str,
        _: Money,
    ) -> GatewayFuture<'a, RefundAnswer> {
        Box::pin(async { Err(GatewayError::Unreachable) })
    }
}

/// A delivery: the request, and whether it is genuine (to be accepted) or tampered with
/// (to be refused).
struct Delivery {
    request: Request<Body>,
    genuine: bool,
    payment: usize,
}

fn callback(
    secret: &[u8],
    payment_id: &str,
    cents: i64,
    status: &str,
    tamper: u64,
) -> Request<Body> {
    let mut fields = vec![
        ("payment_id".to_owned(), payment_id.to_owned()),
        ("amount_cents".to_owned(), cents.to_string()),
        ("status".to_owned(), status.to_owned()),
        ("provider_ref".to_owned(), format!("BANK-{payment_id}")),
        ("failure_code".to_owned(), String::new()),
        ("failure_message".to_owned(), String::new()),
    ];
    let kind = MessageKind::PaymentStatus;
    let signature = match tamper {
        // A forger without the secret.
        1 => sign(kind, &fields, b"not the secret"),
        // A correctly signed message about another amount.
        2 => {
            fields[1].1 = (cents + 1).to_string();
            sign(kind, &fields, secret)
        }
        _ => sign(kind, &fields, secret),
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

/// What the senders saw: per payment, genuine callbacks answered 200; wrong answers.
#[derive(Default)]
struct Answers {
    accepted: Vec<usize>,
    wrong: Vec<String>,
}

/// Delivers queued callbacks with `workers` concurrent senders until the queue is empty,
/// checking each answer: genuine ones 200, tampered ones 400.
fn spawn_senders(
    router: axum::Router,
    queue: Arc<Mutex<VecDeque<Delivery>>>,
    delivered: Arc<AtomicUsize>,
    answers: Arc<Mutex<Answers>>,
    workers: usize,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..workers)
        .map(|_| {
            let (router, queue, delivered, answers) = (
                router.clone(),
                queue.clone(),
                delivered.clone(),
                answers.clone(),
            );
            tokio::spawn(async move {
                loop {
                    let next = queue.lock().unwrap().pop_front();
                    let Some(delivery) = next else { break };
                    let status = router
                        .clone()
                        .oneshot(delivery.request)
                        .await
                        .unwrap()
                        .status();
                    let mut answers = answers.lock().unwrap();
                    match (delivery.genuine, status.as_u16()) {
                        (true, 200) => answers.accepted.push(delivery.payment),
                        (false, 400) => {}
                        (genuine, other) => answers
                            .wrong
                            .push(format!("genuine={genuine} answered {other}")),
                    }
                    drop(answers);
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
    let purposes = dimos_server::state::payment_purposes(true);
    let outbox = std::env::temp_dir().join(format!("dimos-faults-{}", uuid::Uuid::new_v4()));
    let outbox_text = outbox.display().to_string();
    let env = move |key: &str| (key == "DIMOS_OUTBOX_DIR").then(|| outbox_text.clone());
    let secret = db
        .instance_secret("sandbox_bank")
        .await
        .unwrap()
        .into_bytes();
    let (payer, _) = common::client::user_with_session(
        &db,
        "payer@example.gr",
        app::domain::account::Role::Citizen,
    )
    .await;
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
            .create_payment(
                &purposes,
                app::domain::payment::PurposeKind::Test,
                &item_id,
                Some(&payer),
            )
            .await
            .unwrap();
        // The payer paid in English: the receipt e-mail is in English only.
        db.set_payer_language(&payment.id, app::domain::Lang::En)
            .await
            .unwrap();
        if index % 3 != 0 {
            // Some reach the bank's page; others are reported on straight from `created`.
            let sent = Report::own(PaymentEvent::SentToBank, "user");
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
    for (index, (id, _, cents, outcome)) in payments.iter().enumerate() {
        let Some(outcome) = outcome else { continue };
        let copies = match rng.next(20) {
            0..=4 => 0,
            5..=12 => 1,
            13..=17 => 2,
            _ => 3,
        };
        for _ in 0..copies {
            deliveries.push(Delivery {
                request: callback(&secret, id, *cents, outcome.status, 0),
                genuine: true,
                payment: index,
            });
        }
        if rng.next(20) == 0 {
            deliveries.push(Delivery {
                request: callback(&secret, id, *cents, outcome.status, 1 + rng.next(2)),
                genuine: false,
                payment: index,
            });
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
    let answers = Arc::new(Mutex::new(Answers::default()));

    // First server: crashes half-way, dropping whatever it was doing mid-transaction.
    let router = common::router_with(db.clone(), env.clone()).await;
    let senders = spawn_senders(router, queue.clone(), delivered.clone(), answers.clone(), 8);
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
    let router = common::router_with(db.clone(), env.clone()).await;
    for sender in spawn_senders(router, queue.clone(), delivered.clone(), answers.clone(), 8) {
        sender.await.unwrap();
    }
    let answers = std::mem::take(&mut *answers.lock().unwrap());
    assert_eq!(
        answers.wrong,
        Vec::<String>::new(),
        "every callback answered right"
    );
    let mut settled_by_callbacks = 0;
    for (index, (id, ..)) in payments.iter().enumerate() {
        let state = db.payment(id).await.unwrap().unwrap().state();
        if state.is_final() {
            settled_by_callbacks += 1;
        } else {
            assert!(
                !answers.accepted.contains(&index),
                "an accepted callback left {id} open"
            );
        }
    }

    // The clean-up job asks the bank about everything still open.
    let bank = Bank(
        payments
            .iter()
            .map(|(id, _, cents, o)| (id.clone(), (*cents, o.clone())))
            .collect(),
    );
    let settled_by_cleanup = db
        .settle_stale_payments(&purposes, &bank, 0, now_ms() + 1)
        .await
        .unwrap();
    assert_eq!(
        settled_by_callbacks + settled_by_cleanup,
        PAYMENTS,
        "the clean-up job settled exactly what the callbacks left"
    );
    assert!(
        settled_by_callbacks > PAYMENTS / 2 && settled_by_cleanup > PAYMENTS / 10,
        "callbacks settled {settled_by_callbacks}, the clean-up job {settled_by_cleanup}"
    );
    let mailer: app::backend::mailer::SharedMailer = Arc::new(app::backend::mailer::FileMailer {
        dir: outbox.clone(),
        from: "Dimos <no-reply@example.gr>".parse().unwrap(),
    });
    // E-mails the crashed server had claimed wait out its one-minute lease, then go.
    run_due_receipt_mails(&db, &mailer, "http://127.0.0.1:3000", now_ms() + 61_000).await;

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
    // The e-mails themselves, as they left: one per receipt, none twice.
    let mut mailed: Vec<String> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .map(|mail| {
            // The English body's "Receipt <number>" line (the payer's language).
            mail.rsplit("Receipt ")
                .next()
                .and_then(|rest| rest.split_whitespace().next())
                .map(str::to_owned)
                .unwrap_or_else(|| panic!("a receipt e-mail without its number: {mail}"))
        })
        .collect();
    mailed.sort();
    let mut expected = numbers.clone();
    expected.sort();
    assert_eq!(mailed, expected, "exactly one receipt e-mail per success");
    assert!(
        successes > 500,
        "about six in ten payments succeed: {successes}"
    );
    eprintln!(
        "{PAYMENTS} payments, {total_deliveries} callbacks ({tampered} tampered), \
         {settled_by_callbacks} settled by callbacks, {settled_by_cleanup} by the clean-up job, \
         {successes} paid, receipts 1..={successes}, {} e-mails",
        mailed.len()
    );
    let _ = std::fs::remove_dir_all(outbox);
}

on_both_engines_with_url!(
    a_thousand_payments_survive_lost_repeated_and_reordered_callbacks_and_a_crash
);
