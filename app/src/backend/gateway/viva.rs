//! Viva's Smart Checkout, the first real acquirer (cards, and IRIS instant payments).
//!
//! Wire format (developer.viva.com): an OAuth 2.0 client-credentials token from the accounts
//! host; `POST /checkout/v2/orders` (amount in cents, our payment id as `merchantTrns`) gives
//! an order code; the payer goes to `/web/checkout?ref=<order>` (`&paymentMethod=29` picks
//! IRIS). Viva's webhooks are not signed, so nothing in one is believed: a "payment created"
//! webhook only names a transaction, which is then retrieved with the token
//! (`GET /checkout/v2/transactions/{id}`, amounts in euros) and must belong to the payment's
//! order. Status queries list the order's transactions (`GET /api/transactions?ordercode=`,
//! basic auth with the merchant id and API key); refunds are
//! `DELETE /api/transactions/{id}?amount=<cents>`. A failed transaction does not end the
//! payment: the payer may try again on the same order; the order's timeout and the
//! clean-up job end it.

use super::{
    BankReport, Checkout, CheckoutStarted, GatewayError, GatewayFuture, PayMethod, PaymentAtBank,
    PaymentGateway, RefundAnswer,
};
use crate::domain::payment::PaymentEvent;
use crate::domain::{Lang, Money};
use oauth2::basic::BasicClient;
use oauth2::{ClientId, ClientSecret, EndpointNotSet, EndpointSet, TokenResponse, TokenUrl};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;
use std::time::{Duration, Instant};

/// Viva's "Transaction Payment Created" webhook event.
pub const EVENT_PAYMENT_CREATED: i64 = 1796;
/// Viva's payment method id of IRIS on the checkout page.
pub const IRIS_METHOD_ID: u32 = 29;

/// Where Viva is and the merchant's credentials (Settings › API Access in Viva's portal).
#[derive(Clone, PartialEq, Eq)]
pub struct VivaSettings {
    pub accounts_url: String,
    pub api_url: String,
    /// The checkout pages and the basic-auth API (`www.` in production, `demo.` in test).
    pub www_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub merchant_id: String,
    pub api_key: String,
    /// The payment source whose success/failure addresses point back to the portal.
    pub source_code: String,
    /// Offer IRIS beside cards.
    pub iris: bool,
}

impl std::fmt::Debug for VivaSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VivaSettings")
            .field("accounts_url", &self.accounts_url)
            .field("api_url", &self.api_url)
            .field("www_url", &self.www_url)
            .field("source_code", &self.source_code)
            .field("iris", &self.iris)
            .finish_non_exhaustive()
    }
}

impl VivaSettings {
    /// The hosts of Viva's `production` or `demo` environment, credentials empty.
    pub fn preset(environment: &str) -> Option<VivaSettings> {
        let (accounts, api, www) = match environment.trim() {
            "production" => (
                "https://accounts.vivapayments.com",
                "https://api.vivapayments.com",
                "https://www.vivapayments.com",
            ),
            "demo" => (
                "https://demo-accounts.vivapayments.com",
                "https://demo-api.vivapayments.com",
                "https://demo.vivapayments.com",
            ),
            _ => return None,
        };
        Some(VivaSettings {
            accounts_url: accounts.into(),
            api_url: api.into(),
            www_url: www.into(),
            client_id: String::new(),
            client_secret: String::new(),
            merchant_id: String::new(),
            api_key: String::new(),
            source_code: String::new(),
            iris: true,
        })
    }
}

type TokenClient =
    BasicClient<EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

struct CachedToken {
    value: String,
    renew_at: Instant,
}

pub struct VivaGateway {
    settings: VivaSettings,
    http: reqwest::Client,
    oauth: TokenClient,
    token: tokio::sync::Mutex<Option<CachedToken>>,
    webhook_key: tokio::sync::Mutex<Option<String>>,
    /// How long an order stays payable at Viva (seconds): shorter than the portal's
    /// expiry, so nothing is paid at Viva after the clean-up job gave the payment up.
    order_timeout_secs: i64,
}

/// Bank references that go into a URL path: Viva's transaction ids are UUIDs.
fn is_reference(text: &str) -> bool {
    !text.is_empty() && text.len() <= 64 && text.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// Order codes are 16-digit numbers; kept as text, never as floating point.
fn order_code(value: &Value) -> Option<String> {
    let text = match value {
        Value::Number(n) => n.as_u64()?.to_string(),
        Value::String(s) => s.trim().to_owned(),
        _ => return None,
    };
    (!text.is_empty() && text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit()))
        .then_some(text)
}

/// An amount Viva states in euros (`10`, `30.5`), exactly: JSON numbers are read back from
/// their shortest decimal form, and more than two decimals is not an amount.
fn euros(value: &Value) -> Option<Money> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_owned(),
        _ => return None,
    };
    let amount = Decimal::from_str(&text).ok()?;
    if amount.normalize().scale() > 2 {
        return None;
    }
    let cents = amount * Decimal::from(100);
    i64::try_from(cents.trunc()).ok().map(Money::from_cents)
}

fn text_of(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

impl VivaGateway {
    pub fn new(settings: VivaSettings, payment_expiry_minutes: i64) -> Result<Self, GatewayError> {
        let token_url = TokenUrl::new(format!("{}/connect/token", settings.accounts_url))
            .map_err(|_| GatewayError::Malformed("accounts_url"))?;
        let oauth = BasicClient::new(ClientId::new(settings.client_id.clone()))
            .set_client_secret(ClientSecret::new(settings.client_secret.clone()))
            .set_token_uri(token_url);
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            // A token endpoint must never send the credentials on elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| GatewayError::Unreachable)?;
        Ok(VivaGateway {
            settings,
            http,
            oauth,
            token: tokio::sync::Mutex::new(None),
            webhook_key: tokio::sync::Mutex::new(None),
            order_timeout_secs: ((payment_expiry_minutes - 30) * 60).clamp(300, 65_535),
        })
    }

    /// A bearer token for the `api.` host, renewed a minute before it runs out.
    async fn bearer(&self) -> Result<String, GatewayError> {
        let mut cached = self.token.lock().await;
        if let Some(token) = cached.as_ref().filter(|t| Instant::now() < t.renew_at) {
            return Ok(token.value.clone());
        }
        let answer = self
            .oauth
            .exchange_client_credentials()
            .request_async(&self.http)
            .await
            .map_err(|error| {
                tracing::warn!(%error, "Viva token request failed");
                GatewayError::Unreachable
            })?;
        let lifetime = answer.expires_in().unwrap_or(Duration::from_secs(300));
        let value = answer.access_token().secret().clone();
        *cached = Some(CachedToken {
            value: value.clone(),
            renew_at: Instant::now() + lifetime.saturating_sub(Duration::from_secs(60)),
        });
        Ok(value)
    }

    async fn forget_token(&self) {
        *self.token.lock().await = None;
    }

    /// A JSON call to the `api.` host with the bearer token; one retry with a fresh token
    /// when Viva says the token is no longer good.
    async fn api(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(reqwest::StatusCode, Value), GatewayError> {
        for attempt in 0..2 {
            let token = self.bearer().await?;
            let mut request = self
                .http
                .request(method.clone(), format!("{}{path}", self.settings.api_url))
                .bearer_auth(token);
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = request
                .send()
                .await
                .map_err(|_| GatewayError::Unreachable)?;
            let status = response.status();
            if status == reqwest::StatusCode::UNAUTHORIZED && attempt == 0 {
                self.forget_token().await;
                continue;
            }
            let value = response.json::<Value>().await.unwrap_or(Value::Null);
            return Ok((status, value));
        }
        Err(GatewayError::Unreachable)
    }

    /// A call to the `www.` host's API with basic auth (merchant id and API key).
    async fn merchant_api(
        &self,
        method: reqwest::Method,
        path: &str,
    ) -> Result<(reqwest::StatusCode, Value), GatewayError> {
        let response = self
            .http
            .request(method, format!("{}{path}", self.settings.www_url))
            .basic_auth(&self.settings.merchant_id, Some(&self.settings.api_key))
            .send()
            .await
            .map_err(|_| GatewayError::Unreachable)?;
        let status = response.status();
        Ok((
            status,
            response.json::<Value>().await.unwrap_or(Value::Null),
        ))
    }

    fn checkout_url(&self, order: &str, method: PayMethod) -> String {
        let mut url = format!("{}/web/checkout?ref={order}", self.settings.www_url);
        if method == PayMethod::Iris && self.settings.iris {
            url.push_str(&format!("&paymentMethod={IRIS_METHOD_ID}"));
        }
        url
    }

    /// The transaction as Viva's API states it (never as a webhook claims it).
    async fn transaction(&self, transaction_id: &str) -> Result<Option<Value>, GatewayError> {
        if !is_reference(transaction_id) {
            return Err(GatewayError::Malformed("TransactionId"));
        }
        let (status, body) = self
            .api(
                reqwest::Method::GET,
                &format!("/checkout/v2/transactions/{transaction_id}"),
                None,
            )
            .await?;
        match status {
            s if s.is_success() => Ok(Some(body)),
            reqwest::StatusCode::NOT_FOUND => Ok(None),
            _ => Err(GatewayError::Unreachable),
        }
    }

    /// Every transaction of an order, newest information from Viva.
    async fn order_transactions(&self, order: &str) -> Result<Vec<Value>, GatewayError> {
        let (status, body) = self
            .merchant_api(
                reqwest::Method::GET,
                &format!("/api/transactions?ordercode={order}"),
            )
            .await?;
        if status == reqwest::StatusCode::NOT_FOUND {
            return Ok(Vec::new());
        }
        if !status.is_success() {
            return Err(GatewayError::Unreachable);
        }
        Ok(body
            .get("Transactions")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default())
    }
}

/// The Greek or English checkout page.
fn request_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::El => "el-GR",
        Lang::En => "en-GB",
    }
}

/// Texts Viva shows or stores, kept short (its limits are not documented).
fn short(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

impl PaymentGateway for VivaGateway {
    fn methods(&self) -> &'static [PayMethod] {
        if self.settings.iris {
            &[PayMethod::Card, PayMethod::Iris]
        } else {
            &[PayMethod::Card]
        }
    }

    fn start<'a>(&'a self, checkout: Checkout<'a>) -> GatewayFuture<'a, CheckoutStarted> {
        Box::pin(async move {
            if let Some(order) = checkout.existing_order {
                return Ok(CheckoutStarted {
                    redirect_url: self.checkout_url(order, checkout.method),
                    provider_order: Some(order.to_owned()),
                });
            }
            let mut customer = json!({ "requestLang": request_lang(checkout.lang) });
            if let Some(email) = checkout.payer_email {
                customer["email"] = json!(short(email, 250));
            }
            if let Some(name) = checkout.payer_name {
                customer["fullName"] = json!(short(name, 100));
            }
            let order = json!({
                "amount": checkout.amount.cents(),
                "customerTrns": short(checkout.description, 255),
                "customer": customer,
                "paymentTimeout": self.order_timeout_secs,
                "merchantTrns": checkout.payment_id,
                "sourceCode": self.settings.source_code,
                "disableCash": true,
                "tags": ["dimos"],
            });
            let (status, body) = self
                .api(reqwest::Method::POST, "/checkout/v2/orders", Some(&order))
                .await?;
            if !status.is_success() {
                let message = text_of(&body, "message")
                    .or_else(|| text_of(&body, "ErrorText"))
                    .unwrap_or_else(|| status.to_string());
                tracing::warn!(%status, %message, "Viva refused the payment order");
                return Err(GatewayError::Refused(message));
            }
            let order = body
                .get("orderCode")
                .and_then(order_code)
                .ok_or(GatewayError::Malformed("orderCode"))?;
            Ok(CheckoutStarted {
                redirect_url: self.checkout_url(&order, checkout.method),
                provider_order: Some(order),
            })
        })
    }

    fn read_callback<'a>(&'a self, body: &'a [u8]) -> GatewayFuture<'a, Option<BankReport>> {
        Box::pin(async move {
            let message: Value =
                serde_json::from_slice(body).map_err(|_| GatewayError::Malformed("body"))?;
            if message.get("EventTypeId").and_then(Value::as_i64) != Some(EVENT_PAYMENT_CREATED) {
                // Failures do not end an order (the payer may try again), and reversals
                // are the portal's own refunds: nothing to settle.
                return Ok(None);
            }
            let data = message
                .get("EventData")
                .ok_or(GatewayError::Malformed("EventData"))?;
            let transaction_id =
                text_of(data, "TransactionId").ok_or(GatewayError::Malformed("TransactionId"))?;
            let claimed_order = data.get("OrderCode").and_then(order_code);
            // Believe Viva's API, not the message.
            let transaction = self
                .transaction(&transaction_id)
                .await?
                .ok_or(GatewayError::BadSignature)?;
            let order = transaction
                .get("orderCode")
                .and_then(order_code)
                .ok_or(GatewayError::Malformed("orderCode"))?;
            if claimed_order
                .as_deref()
                .is_some_and(|claimed| claimed != order)
            {
                return Err(GatewayError::BadSignature);
            }
            if text_of(&transaction, "statusId").as_deref() != Some("F") {
                return Ok(None);
            }
            let payment_id = text_of(&transaction, "merchantTrns")
                .filter(|id| !id.is_empty())
                .ok_or(GatewayError::Malformed("merchantTrns"))?;
            let amount = transaction
                .get("amount")
                .and_then(euros)
                .ok_or(GatewayError::Malformed("amount"))?;
            Ok(Some(BankReport {
                payment_id,
                event: PaymentEvent::Approved,
                amount,
                provider_ref: Some(transaction_id),
                provider_order: Some(order),
                failure_code: None,
                failure_message: None,
            }))
        })
    }

    fn callback_check(&self) -> GatewayFuture<'_, Option<String>> {
        Box::pin(async move {
            let mut cached = self.webhook_key.lock().await;
            if let Some(key) = cached.as_ref() {
                return Ok(Some(key.clone()));
            }
            let (status, body) = self
                .merchant_api(reqwest::Method::GET, "/api/messages/config/token")
                .await?;
            if !status.is_success() {
                return Err(GatewayError::Unreachable);
            }
            let key = text_of(&body, "Key").ok_or(GatewayError::Malformed("Key"))?;
            *cached = Some(key.clone());
            Ok(Some(key))
        })
    }

    fn returned_order(&self, query: &[(String, String)]) -> Option<String> {
        query
            .iter()
            .find(|(k, _)| k == "s")
            .and_then(|(_, v)| order_code(&Value::String(v.clone())))
    }

    fn query<'a>(&'a self, payment: PaymentAtBank<'a>) -> GatewayFuture<'a, Option<BankReport>> {
        Box::pin(async move {
            let Some(order) = payment.provider_order else {
                // The order was never opened at Viva: nothing can have been paid.
                return Ok(None);
            };
            let transactions = self.order_transactions(order).await?;
            let paid = transactions.iter().find(|t| {
                text_of(t, "StatusId").as_deref() == Some("F")
                    && t.get("Amount")
                        .and_then(euros)
                        .is_some_and(|a| !a.is_negative())
            });
            let Some(paid) = paid else {
                return Ok(None);
            };
            Ok(Some(BankReport {
                payment_id: payment.id.to_owned(),
                event: PaymentEvent::Approved,
                amount: paid
                    .get("Amount")
                    .and_then(euros)
                    .ok_or(GatewayError::Malformed("Amount"))?,
                provider_ref: text_of(paid, "TransactionId"),
                provider_order: Some(order.to_owned()),
                failure_code: None,
                failure_message: None,
            }))
        })
    }

    fn refund<'a>(
        &'a self,
        payment: PaymentAtBank<'a>,
        _refund_id: &'a str,
        amount: Money,
    ) -> GatewayFuture<'a, RefundAnswer> {
        Box::pin(async move {
            let transaction_id = payment
                .provider_ref
                .filter(|r| is_reference(r))
                .ok_or(GatewayError::Malformed("provider_ref"))?;
            // Viva's refund call takes no idempotency key. Before asking, look at the
            // order: reversals there beyond the refunds the portal recorded mean an earlier
            // request of this refund went through and only its answer was lost.
            if let Some(order) = payment.provider_order {
                let reversals: Vec<(Money, Option<String>)> = self
                    .order_transactions(order)
                    .await?
                    .iter()
                    .filter(|t| text_of(t, "StatusId").as_deref() == Some("F"))
                    .filter_map(|t| {
                        let a = t.get("Amount").and_then(euros)?;
                        a.is_negative().then(|| {
                            (
                                Money::ZERO.checked_sub(a).unwrap_or(a),
                                text_of(t, "TransactionId"),
                            )
                        })
                    })
                    .collect();
                let total = reversals
                    .iter()
                    .try_fold(Money::ZERO, |sum, (a, _)| sum.checked_add(*a))
                    .unwrap_or(Money::ZERO);
                let unrecorded = total.checked_sub(payment.refunded).unwrap_or(Money::ZERO);
                if unrecorded.cents() >= amount.cents() {
                    let done = reversals
                        .iter()
                        .find(|(a, _)| *a == amount)
                        .or(reversals.last());
                    if let Some((_, Some(reference))) = done {
                        return Ok(RefundAnswer::Refunded {
                            provider_ref: reference.clone(),
                        });
                    }
                }
            }
            let (status, body) = self
                .merchant_api(
                    reqwest::Method::DELETE,
                    &format!(
                        "/api/transactions/{transaction_id}?amount={}&sourceCode={}",
                        amount.cents(),
                        crate::i18n::percent_encode(&self.settings.source_code, false)
                    ),
                )
                .await?;
            let error_code = body.get("ErrorCode").and_then(Value::as_i64).unwrap_or(0);
            if status.is_success() && error_code == 0 {
                let reference = text_of(&body, "TransactionId")
                    .ok_or(GatewayError::Malformed("TransactionId"))?;
                return Ok(RefundAnswer::Refunded {
                    provider_ref: reference,
                });
            }
            if status.is_server_error() {
                return Err(GatewayError::Unreachable);
            }
            Ok(RefundAnswer::Refused {
                message: text_of(&body, "ErrorText")
                    .or_else(|| text_of(&body, "message"))
                    .unwrap_or_else(|| status.to_string()),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_euros_are_read_exactly() {
        assert_eq!(euros(&json!(10)), Some(Money::from_cents(1000)));
        assert_eq!(euros(&json!(30.5)), Some(Money::from_cents(3050)));
        assert_eq!(euros(&json!(0.1)), Some(Money::from_cents(10)));
        assert_eq!(
            euros(&json!(1234567.89)),
            Some(Money::from_cents(123456789))
        );
        assert_eq!(euros(&json!(-10.25)), Some(Money::from_cents(-1025)));
        assert_eq!(euros(&json!("12.30")), Some(Money::from_cents(1230)));
        assert_eq!(
            euros(&json!(1.005)),
            None,
            "more than cents is not an amount"
        );
        assert_eq!(euros(&json!(null)), None);
    }

    #[test]
    fn order_codes_stay_exact_text() {
        assert_eq!(
            order_code(&json!(1272214778972604u64)).as_deref(),
            Some("1272214778972604")
        );
        assert_eq!(order_code(&json!("9876")).as_deref(), Some("9876"));
        assert_eq!(order_code(&json!("12/../x")), None);
        assert_eq!(order_code(&json!(1.5)), None);
    }

    #[test]
    fn only_references_go_into_paths() {
        assert!(is_reference("b1a3d0c5-4f1e-4c3b-9a63-2f9c6f1a2b3c"));
        assert!(!is_reference("../../api/x"));
        assert!(!is_reference(""));
    }
}
