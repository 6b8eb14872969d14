//! Viva's Smart Checkout as the acquirer, on both engines, against a fake Viva server in
//! this test that speaks Viva's documented wire format: client-credentials token (basic
//! auth), orders (bearer, cents), the checkout redirect, "payment created" and "failed"
//! webhooks (unsigned, as Viva's are), transaction retrieval (euros), transactions by
//! order code and refunds (basic auth with merchant id and API key), the webhook key.
//! Attacks included: forged webhooks, a real transaction of another order, a lost refund
//! answer asked again.

use crate::common;

use app::backend::gateway::{PaymentGateway, VivaGateway, VivaSettings};
use app::backend::Db;
use app::domain::account::Role;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const CLIENT_ID: &str = "client-id.apps.vivapayments.com";
const CLIENT_SECRET: &str = "client secret";
const MERCHANT_ID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const API_KEY: &str = "api key";
const SOURCE: &str = "4321";
const TOKEN: &str = "eyJ.fake.token";
const WEBHOOK_KEY: &str = "CB0567F3B4FCFC5141F72F7A5352004529941706";

#[derive(Clone, Debug)]
struct Transaction {
    order: u64,
    /// Cents; negative for a reversal (refund).
    amount: i64,
    status: &'static str,
    merchant_trns: String,
}

#[derive(Default)]
struct Fake {
    orders: Mutex<HashMap<u64, Value>>,
    transactions: Mutex<HashMap<String, Transaction>>,
    token_requests: AtomicUsize,
    refund_calls: AtomicUsize,
    /// The next refund is done but its answer is lost (a 502 after the work).
    lose_next_refund_answer: AtomicBool,
}

type Shared = Arc<Fake>;

fn basic(headers: &HeaderMap, user: &str, password: &str) -> bool {
    use base64::Engine;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    );
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == expected)
}

fn bearer(headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {TOKEN}"))
}

fn euros(cents: i64) -> Value {
    // As Viva writes amounts: a JSON number in euros.
    serde_json::from_str(&format!("{}.{:02}", cents / 100, (cents % 100).abs())).unwrap()
}

async fn token(
    State(fake): State<Shared>,
    headers: HeaderMap,
    body: String,
) -> (StatusCode, Json<Value>) {
    // OAuth 2.0 client credentials, the client's id and secret in basic auth (RFC 6749
    // encodes them as form values first; ours have no reserved characters but the space).
    use base64::Engine;
    let encoded = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            CLIENT_ID,
            CLIENT_SECRET.replace(' ', "+")
        ))
    );
    let authorised = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == encoded)
        || basic(&headers, CLIENT_ID, CLIENT_SECRET);
    if !authorised || !body.contains("grant_type=client_credentials") {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid_client"})),
        );
    }
    fake.token_requests.fetch_add(1, Ordering::SeqCst);
    (
        StatusCode::OK,
        Json(json!({
            "access_token": TOKEN,
            "expires_in": 3600,
            "token_type": "Bearer",
            "scope": "urn:viva:payments:core:api:redirectcheckout"
        })),
    )
}

async fn create_order(
    State(fake): State<Shared>,
    headers: HeaderMap,
    Json(order): Json<Value>,
) -> (StatusCode, Json<Value>) {
    if !bearer(&headers) {
        return (StatusCode::UNAUTHORIZED, Json(json!({})));
    }
    if !order["amount"].is_u64() || order["amount"].as_u64() < Some(30) {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"status": 400, "message": "Invalid amount", "eventId": 0})),
        );
    }
    let mut orders = fake.orders.lock().unwrap();
    let code = 1_272_214_778_972_600 + orders.len() as u64;
    orders.insert(code, order);
    (StatusCode::OK, Json(json!({ "orderCode": code })))
}

async fn retrieve(
    State(fake): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> (StatusCode, Json<Value>) {
    if !bearer(&headers) {
        return (StatusCode::UNAUTHORIZED, Json(json!({})));
    }
    match fake.transactions.lock().unwrap().get(&id) {
        None => (StatusCode::NOT_FOUND, Json(json!({"status": 404}))),
        Some(t) => (
            StatusCode::OK,
            Json(json!({
                "email": "payer@example.gr",
                "amount": euros(t.amount),
                "orderCode": t.order,
                "statusId": t.status,
                "fullName": "Πληρωτής",
                "insDate": "2026-12-01T10:00:00",
                "cardNumber": "414746XXXXXX0133",
                "currencyCode": 978,
                "customerTrns": "",
                "merchantTrns": t.merchant_trns,
                "transactionTypeId": 5
            })),
        ),
    }
}

#[derive(serde::Deserialize)]
struct ByOrder {
    ordercode: u64,
}

async fn by_order(
    State(fake): State<Shared>,
    headers: HeaderMap,
    Query(query): Query<ByOrder>,
) -> (StatusCode, Json<Value>) {
    if !basic(&headers, MERCHANT_ID, API_KEY) {
        return (StatusCode::UNAUTHORIZED, Json(json!({})));
    }
    let list: Vec<Value> = fake
        .transactions
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, t)| t.order == query.ordercode)
        .map(|(id, t)| {
            json!({
                "TransactionId": id,
                "StatusId": t.status,
                "Amount": euros(t.amount),
                "InsDate": "2026-12-01T10:00:00",
                "MerchantTrns": t.merchant_trns
            })
        })
        .collect();
    (
        StatusCode::OK,
        Json(json!({"Transactions": list, "ErrorCode": 0, "ErrorText": null, "Success": true})),
    )
}

#[derive(serde::Deserialize)]
struct RefundQuery {
    amount: i64,
    #[serde(rename = "sourceCode")]
    source_code: Option<String>,
}

async fn refund(
    State(fake): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<RefundQuery>,
) -> (StatusCode, Json<Value>) {
    if !basic(&headers, MERCHANT_ID, API_KEY) {
        return (StatusCode::UNAUTHORIZED, Json(json!({})));
    }
    assert_eq!(query.source_code.as_deref(), Some(SOURCE));
    fake.refund_calls.fetch_add(1, Ordering::SeqCst);
    let mut transactions = fake.transactions.lock().unwrap();
    let Some(original) = transactions.get(&id).cloned() else {
        return (
            StatusCode::OK,
            Json(json!({"ErrorCode": 404, "ErrorText": "Transaction not found", "Success": false})),
        );
    };
    let refunded: i64 = transactions
        .values()
        .filter(|t| t.order == original.order && t.amount < 0)
        .map(|t| -t.amount)
        .sum();
    if refunded + query.amount > original.amount {
        return (
            StatusCode::OK,
            Json(
                json!({"ErrorCode": 403, "ErrorText": "Amount exceeds the transaction", "Success": false}),
            ),
        );
    }
    let reversal = uuid::Uuid::new_v4().to_string();
    transactions.insert(
        reversal.clone(),
        Transaction {
            order: original.order,
            amount: -query.amount,
            status: "F",
            merchant_trns: original.merchant_trns.clone(),
        },
    );
    if fake.lose_next_refund_answer.swap(false, Ordering::SeqCst) {
        return (StatusCode::BAD_GATEWAY, Json(json!({})));
    }
    (
        StatusCode::OK,
        Json(
            json!({"TransactionId": reversal, "StatusId": "F", "ErrorCode": 0, "ErrorText": "", "Success": true}),
        ),
    )
}

async fn webhook_key(headers: HeaderMap) -> (StatusCode, Json<Value>) {
    if !basic(&headers, MERCHANT_ID, API_KEY) {
        return (StatusCode::UNAUTHORIZED, Json(json!({})));
    }
    (StatusCode::OK, Json(json!({ "Key": WEBHOOK_KEY })))
}

async fn start_fake() -> (String, Shared) {
    let fake: Shared = Arc::default();
    let router = Router::new()
        .route("/connect/token", post(token))
        .route("/checkout/v2/orders", post(create_order))
        .route("/checkout/v2/transactions/{id}", get(retrieve))
        .route("/api/transactions", get(by_order))
        .route("/api/transactions/{id}", delete(refund))
        .route("/api/messages/config/token", get(webhook_key))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    (base, fake)
}

/// The payer pays (or fails) on Viva's checkout page: Viva records the transaction.
fn pay_at_viva(fake: &Fake, order: u64, status: &'static str) -> (String, Transaction) {
    let amount = fake.orders.lock().unwrap()[&order]["amount"]
        .as_i64()
        .unwrap();
    let merchant_trns = fake.orders.lock().unwrap()[&order]["merchantTrns"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = uuid::Uuid::new_v4().to_string();
    let transaction = Transaction {
        order,
        amount,
        status,
        merchant_trns,
    };
    fake.transactions
        .lock()
        .unwrap()
        .insert(id.clone(), transaction.clone());
    (id, transaction)
}

/// The webhook Viva sends for a transaction (its envelope; not signed).
fn webhook(event: i64, id: &str, t: &Transaction) -> Value {
    json!({
        "Url": "https://portal.example/payments/callback",
        "EventData": {
            "TransactionId": id,
            "OrderCode": t.order,
            "StatusId": t.status,
            "Amount": euros(t.amount),
            "MerchantTrns": t.merchant_trns,
            "CurrencyCode": "978",
            "TransactionTypeId": 5
        },
        "Created": "2026-12-01T10:00:00.000Z",
        "CorrelationId": "21-245-DB33F8C9",
        "EventTypeId": event,
        "Delay": null,
        "MessageId": uuid::Uuid::new_v4().to_string(),
        "RecipientId": MERCHANT_ID,
        "MessageTypeId": 512
    })
}

fn settings(fake_base: &str) -> VivaSettings {
    VivaSettings {
        accounts_url: fake_base.into(),
        api_url: fake_base.into(),
        www_url: fake_base.into(),
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        merchant_id: MERCHANT_ID.into(),
        api_key: API_KEY.into(),
        source_code: SOURCE.into(),
        iris: true,
    }
}

/// A traffic ticket the user proved with its details (so they may pay it), €30.
async fn ticket(db: &Db, user_id: &str, number: &str) -> String {
    let fine = db
        .register_citizen_fine(app::backend::fines::NewCitizenFine {
            ticket_number: number,
            municipality_code: "1234",
            type_code: "P01",
            plate: "ΙΚΧ1001",
            offence_date: app::backend::today(),
            offence_time: "10:00",
            principal: app::domain::Money::from_cents(3000),
            registered_by: Some(user_id),
        })
        .await
        .unwrap();
    db.grant_fine_access(&fine.id, user_id).await.unwrap();
    fine.id
}

struct Portal {
    base: String,
    http: reqwest::Client,
}

impl Portal {
    /// `pay` as the browser's script calls it: the answer names where to go.
    async fn pay(&self, cookie: &str, fine_id: &str, method: &str) -> (StatusCode, String) {
        let response = self
            .http
            .post(format!("{}/api/pay", self.base))
            .header("cookie", cookie)
            .header("accept", "application/json")
            .form(&[
                ("kind", "fine"),
                ("purpose_id", fine_id),
                ("method", method),
            ])
            .send()
            .await
            .unwrap();
        let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
        let location = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, location)
    }

    async fn webhook(&self, message: &Value) -> u16 {
        self.http
            .post(format!("{}/payments/callback", self.base))
            .json(message)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

fn order_of(location: &str) -> u64 {
    location
        .split("ref=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no order in {location}"))
}

async fn card_payments_refunds_and_attacks_through_viva(db: Db) {
    let (fake_base, fake) = start_fake().await;
    let outbox = std::env::temp_dir().join(format!("dimos-viva-{}", uuid::Uuid::new_v4()));
    let outbox_text = outbox.display().to_string();
    let fake_for_env = fake_base.clone();
    let base = common::serve(db.clone(), move |key| {
        let value = match key {
            // A real installation: no demonstration parts at all.
            "DIMOS_DEMO" => "off".to_owned(),
            "DIMOS_PAYMENT_GATEWAY" => "viva".into(),
            "DIMOS_VIVA_ACCOUNTS_URL" | "DIMOS_VIVA_API_URL" | "DIMOS_VIVA_WWW_URL" => {
                fake_for_env.clone()
            }
            "DIMOS_VIVA_CLIENT_ID" => CLIENT_ID.into(),
            "DIMOS_VIVA_CLIENT_SECRET" => CLIENT_SECRET.into(),
            "DIMOS_VIVA_MERCHANT_ID" => MERCHANT_ID.into(),
            "DIMOS_VIVA_API_KEY" => API_KEY.into(),
            "DIMOS_VIVA_SOURCE_CODE" => SOURCE.into(),
            "DIMOS_OUTBOX_DIR" => outbox_text.clone(),
            _ => return None,
        };
        Some(value)
    })
    .await;
    let portal = Portal {
        base: base.clone(),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    };
    let (payer_id, payer) =
        common::client::user_with_session(&db, "payer@example.gr", Role::Citizen).await;
    let (_, cashier) =
        common::client::user_with_session(&db, "cashier@example.gr", Role::Cashier).await;

    // Viva checks the webhook address first: the portal answers with the merchant's key.
    let key: Value = portal
        .http
        .get(format!("{base}/payments/callback"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(key, json!({ "Key": WEBHOOK_KEY }));

    // Paying sends the payer to Viva's checkout with an order for the stored amount.
    let fine_id = ticket(&db, &payer_id, "2026000001").await;
    let (status, location) = portal.pay(&payer, &fine_id, "card").await;
    assert!(status.is_success() || status.is_redirection(), "{status}");
    assert!(
        location.starts_with(&format!("{fake_base}/web/checkout?ref=")),
        "{location}"
    );
    assert!(
        !location.contains("paymentMethod"),
        "card is Viva's default"
    );
    let order = order_of(&location);
    let sent = fake.orders.lock().unwrap()[&order].clone();
    let payment_id = sent["merchantTrns"].as_str().unwrap().to_owned();
    assert_eq!(sent["amount"], json!(3000), "cents, from the database");
    assert_eq!(sent["sourceCode"], json!(SOURCE));
    assert_eq!(sent["customer"]["email"], json!("payer@example.gr"));
    let payment = db.payment(&payment_id).await.unwrap().unwrap();
    assert_eq!(payment.provider_order, Some(order.to_string()));
    assert_eq!(payment.state.as_str(), "started");

    // Attack: a made-up webhook. Viva's webhooks carry no signature, so the portal asks
    // Viva's API about the transaction; one Viva does not know settles nothing.
    let forged = webhook(
        1796,
        "b1a3d0c5-4f1e-4c3b-9a63-2f9c6f1a2b3c",
        &Transaction {
            order,
            amount: 3000,
            status: "F",
            merchant_trns: payment_id.clone(),
        },
    );
    assert_eq!(portal.webhook(&forged).await, 400);
    assert_eq!(portal.webhook(&json!({"EventTypeId": 1796})).await, 400);
    assert_eq!(
        portal
            .http
            .post(format!("{base}/payments/callback"))
            .body("not json")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        400
    );
    // Attack: a real, paid transaction of another order, passed off as this one's.
    let other_fine = ticket(&db, &payer_id, "2026000002").await;
    let (_, other_location) = portal.pay(&payer, &other_fine, "card").await;
    let other_order = order_of(&other_location);
    let (other_id, other) = pay_at_viva(&fake, other_order, "F");
    let mut passed_off = webhook(1796, &other_id, &other);
    passed_off["EventData"]["OrderCode"] = json!(order);
    assert_eq!(portal.webhook(&passed_off).await, 400);
    assert_eq!(
        db.payment(&payment_id)
            .await
            .unwrap()
            .unwrap()
            .state
            .as_str(),
        "started"
    );

    // A declined card does not end the order: the payer tries again on Viva's page.
    let (failed_id, failed) = pay_at_viva(&fake, order, "E");
    assert_eq!(
        portal.webhook(&webhook(1798, &failed_id, &failed)).await,
        200
    );
    assert_eq!(
        db.payment(&payment_id)
            .await
            .unwrap()
            .unwrap()
            .state
            .as_str(),
        "started"
    );

    // Paid: the webhook, confirmed with Viva's API, settles it once.
    let (paid_id, paid) = pay_at_viva(&fake, order, "F");
    for _ in 0..2 {
        assert_eq!(portal.webhook(&webhook(1796, &paid_id, &paid)).await, 200);
    }
    let payment = db.payment(&payment_id).await.unwrap().unwrap();
    assert_eq!(payment.state.as_str(), "success");
    assert_eq!(payment.provider_ref.as_deref(), Some(paid_id.as_str()));
    let fine = db.fine(&fine_id).await.unwrap().unwrap();
    assert_eq!(fine.paid_by.as_deref(), Some(payment_id.as_str()));
    let receipt = db
        .receipt_of(&payment_id)
        .await
        .unwrap()
        .expect("a receipt");
    let mails: Vec<String> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(mails.len(), 1, "one receipt e-mail");
    assert!(mails[0].contains(&receipt) && mails[0].contains(&paid_id));

    // The other order was paid too, but its webhook was lost: the payer coming back
    // (Viva's success address names the order) makes the portal ask Viva, which settles it.
    let other_payment = fake.orders.lock().unwrap()[&other_order]["merchantTrns"]
        .as_str()
        .unwrap()
        .to_owned();
    let back = portal
        .http
        .get(format!(
            "{base}/payments/return?t={other_id}&s={other_order}&lang=el-GR&eventId=0&eci=1"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(back.status().as_u16(), 303);
    assert_eq!(
        back.headers()["location"].to_str().unwrap(),
        format!("/payments/{other_payment}")
    );
    assert_eq!(
        db.payment(&other_payment)
            .await
            .unwrap()
            .unwrap()
            .state
            .as_str(),
        "success"
    );

    // Refunds: part, then the rest after an answer got lost on the way back.
    let refund = |amount: &'static str| {
        let (http, base, cashier, payment_id) = (
            portal.http.clone(),
            base.clone(),
            cashier.clone(),
            payment_id.clone(),
        );
        async move {
            http.post(format!("{base}/api/refund_payment"))
                .header("cookie", cashier)
                .header("accept", "application/json")
                .form(&[
                    ("payment_id", payment_id.as_str()),
                    ("amount", amount),
                    ("reason", "Λάθος ποσό"),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(refund("10,00").await, 200);
    assert_eq!(fake.refund_calls.load(Ordering::SeqCst), 1);
    fake.lose_next_refund_answer.store(true, Ordering::SeqCst);
    assert_eq!(refund("20,00").await, 200, "asked; the answer is pending");
    let pending: String = sqlx::query_scalar(
        "SELECT id FROM payment_refunds WHERE payment_id = $1 AND state = 'pending'",
    )
    .bind(&payment_id)
    .fetch_one(db.pool())
    .await
    .unwrap();
    let gateway = VivaGateway::new(settings(&fake_base), 90).unwrap();
    db.ask_bank_for_refund(&gateway, &pending).await.unwrap();
    assert_eq!(
        fake.refund_calls.load(Ordering::SeqCst),
        2,
        "asked again, the portal found the refund done at Viva and did not repeat it"
    );
    let refunds: Vec<(String, i64)> = sqlx::query_as(
        "SELECT state, amount_cents FROM payment_refunds WHERE payment_id = $1 ORDER BY amount_cents",
    )
    .bind(&payment_id)
    .fetch_all(db.pool())
    .await
    .unwrap();
    assert_eq!(
        refunds,
        vec![
            ("succeeded".to_owned(), 1000),
            ("succeeded".to_owned(), 2000)
        ]
    );

    // IRIS, Viva's instant payments, picked on the checkout page.
    let third = ticket(&db, &payer_id, "2026000003").await;
    let (_, location) = portal.pay(&payer, &third, "iris").await;
    assert!(location.ends_with("&paymentMethod=29"), "{location}");
    // Starting again reuses the order.
    let (_, again) = portal.pay(&payer, &third, "card").await;
    assert_eq!(order_of(&again), order_of(&location));

    // The clean-up job: a paid order whose webhook and return both got lost.
    let third_order = order_of(&location);
    pay_at_viva(&fake, third_order, "F");
    let purposes = dimos_server::state::payment_purposes(false);
    let settled = db
        .settle_stale_payments(&purposes, &gateway, 0, app::backend::now_ms() + 1)
        .await
        .unwrap();
    assert_eq!(settled, 1);
    let third_payment = fake.orders.lock().unwrap()[&third_order]["merchantTrns"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        db.payment(&third_payment)
            .await
            .unwrap()
            .unwrap()
            .state
            .as_str(),
        "success"
    );
    assert_eq!(
        fake.token_requests.load(Ordering::SeqCst),
        1,
        "one token for every call of the server: reused, not asked per call"
    );
    let _ = gateway.methods();
    let _ = std::fs::remove_dir_all(outbox);
}

on_both_engines!(card_payments_refunds_and_attacks_through_viva);
