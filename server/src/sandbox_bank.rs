//! The built-in sandbox bank, under `/sandbox-bank/…` (demonstration mode only): a hosted
//! payment page with a card form (documented test cards), a "3-D Secure" challenge, cancel,
//! a signed server-to-server callback to the portal, and status queries and refunds that
//! answer only signed requests. It stands in for an acquirer so the portal can be shown
//! working; it keeps its own records, as a real bank would. Every message is signed as its
//! own kind: a signature seen in the payer's address bar is good for nothing else.

use crate::state::AppState;
use app::backend::gateway::sandbox::parse_form;
use app::backend::gateway::signing::{field, signed, verify, MessageKind, SIGNATURE};
use app::backend::gateway::test_cards;
use app::backend::now_ms;
use app::domain::{Lang, Money};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sandbox-bank/pay", get(hosted_page).post(card_submitted))
        .route("/sandbox-bank/status", axum::routing::post(status))
        .route("/sandbox-bank/refund", axum::routing::post(refund))
}

/// Status queries older than this are refused (a replayed query tells nothing new, but
/// a bank answers fresh requests only).
const QUERY_MAX_AGE_MS: i64 = 5 * 60 * 1000;

fn secret(state: &AppState) -> &[u8] {
    state.sandbox_secret.as_deref().unwrap_or_default()
}

fn escape(text: &str) -> String {
    app::components::escape_html(text)
}

/// A signed request of `kind`, or why not.
fn verified(state: &AppState, kind: MessageKind, fields: &[(String, String)]) -> bool {
    let secret = secret(state);
    !secret.is_empty()
        && field(fields, SIGNATURE).is_some_and(|signature| verify(kind, fields, signature, secret))
}

/// Where the bank sends the payer back: only this portal's own pages.
fn back_to_portal(state: &AppState, return_url: &str) -> Response {
    let path = return_url
        .strip_prefix(state.site.public_base_url.as_str())
        .unwrap_or("/payments");
    crate::redirect::see_other(path)
}

fn page(title: &str, body: &str) -> Response {
    stand_in_page("Sandbox Bank · Δοκιμαστική τράπεζα", title, body)
}

/// The box a stand-in's form shows above it when the input was refused (escaped here).
pub(crate) fn stand_in_error(error: Option<&str>) -> String {
    error
        .map(|e| {
            format!(
                "<div class=\"error-summary\" role=\"alert\"><p>{}</p></div>",
                escape(e)
            )
        })
        .unwrap_or_default()
}

/// A bare page of a stand-in for an outside party (this bank, the stand-in TAXISnet): the
/// portal's stylesheet, a tag saying whose page it plays, a title. `title` and `body` are
/// HTML the caller escaped.
pub(crate) fn stand_in_page(tag: &str, title: &str, body: &str) -> Response {
    Html(format!(
        "<!DOCTYPE html><html lang=\"el\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/dimos.css\">\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"></head>\
         <body><main id=\"main\" class=\"narrow\"><p class=\"tag\">{tag}</p>\
         <h1>{title}</h1>{body}</main></body></html>"
    ))
    .into_response()
}

/// Step 1: the portal sends the payer here with signed payment details.
async fn hosted_page(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    if !verified(&state, MessageKind::PayRequest, &pairs) {
        return (
            StatusCode::BAD_REQUEST,
            "Invalid payment request / Μη έγκυρο αίτημα πληρωμής",
        )
            .into_response();
    }
    let query: BTreeMap<String, String> = pairs.into_iter().collect();
    let (Some(payment_id), Some(amount), Some(return_url)) = (
        query.get("payment_id"),
        query
            .get("amount_cents")
            .and_then(|a| a.parse::<i64>().ok()),
        query.get("return_url"),
    ) else {
        return (StatusCode::BAD_REQUEST, "Missing fields").into_response();
    };
    let now = now_ms();
    let stored = sqlx::query(
        "INSERT INTO sandbox_bank_transactions (payment_id, amount_cents, status, provider_ref, return_url, \
         created_at_ms, updated_at_ms) VALUES ($1, $2, 'pending', $3, $4, $5, $5) \
         ON CONFLICT (payment_id) DO NOTHING",
    )
    .bind(payment_id)
    .bind(amount)
    .bind(format!("SBX-{}", &uuid::Uuid::new_v4().simple().to_string()[..12]))
    .bind(return_url)
    .bind(now)
    .execute(state.db.pool())
    .await;
    if let Err(error) = stored {
        tracing::error!(%error, "sandbox bank could not store the transaction");
        return (StatusCode::SERVICE_UNAVAILABLE, "Bank unavailable").into_response();
    }
    card_form(
        payment_id,
        amount,
        query.get("merchant").map(String::as_str).unwrap_or(""),
        query.get("reference").map(String::as_str).unwrap_or(""),
        None,
    )
}

fn card_form(
    payment_id: &str,
    amount_cents: i64,
    merchant: &str,
    reference: &str,
    error: Option<&str>,
) -> Response {
    let amount = Money::from_cents(amount_cents).format(Lang::El);
    let error = stand_in_error(error);
    page(
        "Πληρωμή με κάρτα · Card payment",
        &format!(
            "{error}<dl class=\"summary\"><dt>Έμπορος · Merchant</dt><dd>{merchant}</dd>\
             <dt>Ποσό · Amount</dt><dd><strong>{amount}</strong></dd>\
             <dt>Αναφορά · Reference</dt><dd>{reference}</dd></dl>\
             <form method=\"post\" action=\"/sandbox-bank/pay\">\
             <input type=\"hidden\" name=\"payment_id\" value=\"{payment_id}\">\
             <input type=\"hidden\" name=\"merchant\" value=\"{merchant}\">\
             <input type=\"hidden\" name=\"reference\" value=\"{reference}\">\
             <div class=\"field\"><label for=\"card_number\">Αριθμός κάρτας · Card number</label>\
             <p class=\"hint\" id=\"card-hint\">Δοκιμαστικές κάρτες · Test cards: 4111111111111111 (έγκριση · approve), \
             4000000000000002 (απόρριψη · decline), 4000000000003220 (3-D Secure), 4000000000000119 (σφάλμα · error)</p>\
             <input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\" autocomplete=\"cc-number\" aria-describedby=\"card-hint\"></div>\
             <div class=\"button-group\"><button class=\"button\" type=\"submit\" name=\"action\" value=\"pay\">Πληρωμή · Pay</button>\
             <button class=\"button button--secondary\" type=\"submit\" name=\"action\" value=\"cancel\">Ακύρωση · Cancel</button></div>\
             </form>",
            merchant = escape(merchant),
            reference = escape(reference),
            payment_id = escape(payment_id),
        ),
    )
}

#[derive(Deserialize)]
struct CardForm {
    payment_id: String,
    card_number: Option<String>,
    action: Option<String>,
    challenge_code: Option<String>,
    merchant: Option<String>,
    reference: Option<String>,
}

/// Step 2: the card (or the 3-D Secure code, or cancel) decides; the bank records the
/// outcome, calls the portal back (signed) and returns the payer to the portal.
async fn card_submitted(State(state): State<AppState>, Form(form): Form<CardForm>) -> Response {
    let row: Option<(i64, String, String)> = match sqlx::query_as(
        "SELECT amount_cents, return_url, status FROM sandbox_bank_transactions WHERE payment_id = $1",
    )
    .bind(&form.payment_id)
    .fetch_optional(state.db.pool())
    .await
    {
        Ok(row) => row,
        Err(error) => {
            tracing::error!(%error, "sandbox bank lookup failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "Bank unavailable").into_response();
        }
    };
    let Some((amount, return_url, status)) = row else {
        return (StatusCode::NOT_FOUND, "Unknown payment").into_response();
    };
    if status != "pending" {
        return back_to_portal(&state, &return_url);
    }
    let card: String = form
        .card_number
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let outcome = match (form.action.as_deref(), card.as_str(), form.challenge_code.as_deref()) {
        (Some("cancel"), _, _) => ("cancelled", None, None),
        (_, test_cards::CHALLENGE, None) => {
            return page(
                "3-D Secure",
                &format!(
                    "<p>Η τράπεζά σας ζητά τον κωδικό μίας χρήσης (δοκιμαστικός: 1234). \
                     Your bank asks for the one-time code (test: 1234).</p>\
                     <form method=\"post\" action=\"/sandbox-bank/pay\">\
                     <input type=\"hidden\" name=\"payment_id\" value=\"{}\">\
                     <input type=\"hidden\" name=\"card_number\" value=\"{card}\">\
                     <div class=\"field\"><label for=\"challenge_code\">Κωδικός · Code</label>\
                     <input id=\"challenge_code\" name=\"challenge_code\" inputmode=\"numeric\" autocomplete=\"one-time-code\"></div>\
                     <button class=\"button\" type=\"submit\" name=\"action\" value=\"pay\">Επιβεβαίωση · Confirm</button></form>",
                    escape(&form.payment_id)
                ),
            )
        }
        (_, test_cards::CHALLENGE, Some(code)) if code.trim() == test_cards::CHALLENGE_CODE => ("approved", None, None),
        (_, test_cards::CHALLENGE, Some(_)) => ("declined", Some("3DS"), Some("3-D Secure authentication failed")),
        (_, test_cards::APPROVE, _) => ("approved", None, None),
        (_, test_cards::DECLINE, _) => ("declined", Some("05"), Some("Do not honour")),
        (_, test_cards::PROVIDER_ERROR, _) => ("error", Some("96"), Some("System malfunction")),
        _ => {
            return card_form(
                &form.payment_id,
                amount,
                form.merchant.as_deref().unwrap_or(""),
                form.reference.as_deref().unwrap_or(""),
                Some("Χρησιμοποιήστε μία από τις δοκιμαστικές κάρτες. Use one of the test cards."),
            )
        }
    };
    let (status, code, message) = outcome;
    let updated = sqlx::query(
        "UPDATE sandbox_bank_transactions SET status = $1, failure_code = $2, failure_message = $3, \
         updated_at_ms = $4 WHERE payment_id = $5 AND status = 'pending'",
    )
    .bind(status)
    .bind(code)
    .bind(message)
    .bind(now_ms())
    .bind(&form.payment_id)
    .execute(state.db.pool())
    .await;
    if let Err(error) = updated {
        tracing::error!(%error, "sandbox bank could not record the outcome");
        return (StatusCode::SERVICE_UNAVAILABLE, "Bank unavailable").into_response();
    }
    // The server-to-server callback goes out on its own: the payer is not kept waiting, and
    // the portal's result page shows "still processing" until it (or a status query) lands.
    if let Ok(Some(fields)) = signed_status(&state, &form.payment_id).await {
        let callback = format!("{}/payments/callback", state.site.public_base_url);
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            if let Err(error) = client.post(&callback).form(&fields).send().await {
                tracing::warn!(%error, "sandbox bank callback failed; the status query will settle it");
            }
        });
    }
    back_to_portal(&state, &return_url)
}

/// amount, status, provider reference, failure code, failure message.
type BankRow = (i64, String, String, Option<String>, Option<String>);

/// The bank's record of a payment as signed fields.
pub async fn signed_status(
    state: &AppState,
    payment_id: &str,
) -> Result<Option<Vec<(String, String)>>, sqlx::Error> {
    let row: Option<BankRow> = sqlx::query_as(
        "SELECT amount_cents, status, provider_ref, failure_code, failure_message \
         FROM sandbox_bank_transactions WHERE payment_id = $1",
    )
    .bind(payment_id)
    .fetch_optional(state.db.pool())
    .await?;
    Ok(row.map(|(amount, status, provider_ref, code, message)| {
        let fields = vec![
            ("payment_id".to_owned(), payment_id.to_owned()),
            ("amount_cents".to_owned(), amount.to_string()),
            ("status".to_owned(), status),
            ("provider_ref".to_owned(), provider_ref),
            ("failure_code".to_owned(), code.unwrap_or_default()),
            ("failure_message".to_owned(), message.unwrap_or_default()),
        ];
        signed(MessageKind::PaymentStatus, fields, secret(state))
    }))
}

/// Answers the portal's signed status query (and nobody else) with the signed status.
async fn status(State(state): State<AppState>, body: axum::body::Bytes) -> Response {
    let asked = parse_form(&body);
    let fresh = field(&asked, "at_ms")
        .and_then(|at| at.parse::<i64>().ok())
        .is_some_and(|at| (now_ms() - at).abs() < QUERY_MAX_AGE_MS);
    if !verified(&state, MessageKind::StatusQuery, &asked) || !fresh {
        return (StatusCode::FORBIDDEN, "Bad signature").into_response();
    }
    let payment_id = field(&asked, "payment_id").unwrap_or_default();
    match signed_status(&state, payment_id).await {
        Ok(Some(fields)) => form_answer(fields),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "sandbox bank status failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Signed fields as a form-encoded body, the bank's answer format.
fn form_answer(fields: Vec<(String, String)>) -> Response {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&fields)
        .finish();
    (
        [(header::CONTENT_TYPE, "application/x-www-form-urlencoded")],
        body,
    )
        .into_response()
}

/// A merchant's signed refund request. Idempotent by `refund_id`; refuses to return more
/// than was approved in total.
async fn refund(State(state): State<AppState>, body: axum::body::Bytes) -> Response {
    let form = parse_form(&body);
    let get = |name: &str| field(&form, name).unwrap_or_default().to_owned();
    if !verified(&state, MessageKind::RefundRequest, &form) {
        return (StatusCode::BAD_REQUEST, "Bad signature").into_response();
    }
    let (payment_id, refund_id) = (get("payment_id"), get("refund_id"));
    let Ok(amount) = get("amount_cents").parse::<i64>() else {
        return (StatusCode::BAD_REQUEST, "Bad amount").into_response();
    };
    let answer = |status: &str, provider_ref: &str, message: &str| {
        form_answer(signed(
            MessageKind::RefundAnswer,
            vec![
                ("refund_id".to_owned(), refund_id.clone()),
                ("status".to_owned(), status.to_owned()),
                ("provider_ref".to_owned(), provider_ref.to_owned()),
                ("message".to_owned(), message.to_owned()),
            ],
            secret(&state),
        ))
    };
    let outcome: Result<Result<String, &str>, sqlx::Error> = async {
        let mut tx = state.db.begin().await?;
        // Serialises refunds of one payment (PostgreSQL row lock; SQLite's write lock).
        sqlx::query(
            "UPDATE sandbox_bank_transactions SET updated_at_ms = updated_at_ms WHERE payment_id = $1",
        )
        .bind(&payment_id)
        .execute(&mut *tx)
        .await?;
        let done: Option<String> = sqlx::query_scalar(
            "SELECT provider_ref FROM sandbox_bank_refunds WHERE refund_id = $1",
        )
        .bind(&refund_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(provider_ref) = done {
            return Ok(Ok(provider_ref));
        }
        let paid: Option<(i64, String)> = sqlx::query_as(
            "SELECT amount_cents, status FROM sandbox_bank_transactions WHERE payment_id = $1",
        )
        .bind(&payment_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((paid, status)) = paid else {
            return Ok(Err("Unknown payment"));
        };
        if status != "approved" {
            return Ok(Err("Payment not approved"));
        }
        let refunded: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM sandbox_bank_refunds WHERE payment_id = $1",
        )
        .bind(&payment_id)
        .fetch_one(&mut *tx)
        .await?;
        if amount <= 0 || refunded + amount > paid {
            return Ok(Err("Amount exceeds the approved total"));
        }
        let provider_ref = format!("SBR-{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
        sqlx::query(
            "INSERT INTO sandbox_bank_refunds (refund_id, payment_id, amount_cents, provider_ref, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&refund_id)
        .bind(&payment_id)
        .bind(amount)
        .bind(&provider_ref)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(provider_ref))
    }
    .await;
    match outcome {
        Ok(Ok(provider_ref)) => answer("refunded", &provider_ref, ""),
        Ok(Err(message)) => answer("refused", "", message),
        Err(error) => {
            tracing::error!(%error, "sandbox bank refund failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
