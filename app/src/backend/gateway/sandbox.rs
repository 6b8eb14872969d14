//! The portal's side of the built-in sandbox bank (served under `/sandbox-bank/…` in
//! demonstration mode): signed pay requests through the payer's browser, signed callbacks,
//! and signed status queries and refunds over HTTP. Every message is form-encoded and
//! signed as its own kind (`signing`).

use super::signing::{field, signed, verify, MessageKind, SIGNATURE};
use super::{
    BankReport, Checkout, CheckoutStarted, GatewayError, GatewayFuture, PaymentAtBank,
    PaymentGateway, RefundAnswer,
};
use crate::domain::payment::PaymentEvent;
use crate::domain::Money;
use std::time::Duration;

/// The built-in sandbox bank, signing with a shared secret.
pub struct SandboxGateway {
    pub secret: Vec<u8>,
    /// Where the bank answers status queries and refunds: this server's public base URL.
    pub base_url: String,
    pub http: reqwest::Client,
}

impl SandboxGateway {
    pub fn new(secret: Vec<u8>, base_url: String) -> SandboxGateway {
        SandboxGateway {
            secret,
            base_url,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
        }
    }

    /// Sends a signed request to the bank and returns its form-encoded answer.
    async fn ask(
        &self,
        path: &str,
        kind: MessageKind,
        fields: Vec<(String, String)>,
    ) -> Result<Option<Vec<(String, String)>>, GatewayError> {
        let response = self
            .http
            .post(format!("{}{path}", self.base_url))
            .form(&signed(kind, fields, &self.secret))
            .send()
            .await
            .map_err(|_| GatewayError::Unreachable)?;
        if response.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        let body = response
            .error_for_status()
            .map_err(|_| GatewayError::Unreachable)?
            .bytes()
            .await
            .map_err(|_| GatewayError::Unreachable)?;
        Ok(Some(parse_form(&body)))
    }

    /// A signed payment status: the callback's body, or a status query's answer.
    fn read_status(&self, fields: &[(String, String)]) -> Result<Option<BankReport>, GatewayError> {
        let signature = field(fields, SIGNATURE).ok_or(GatewayError::Malformed("signature"))?;
        if !verify(MessageKind::PaymentStatus, fields, signature, &self.secret) {
            return Err(GatewayError::BadSignature);
        }
        let event = match field(fields, "status") {
            Some("approved") => PaymentEvent::Approved,
            Some("declined") => PaymentEvent::Declined,
            Some("cancelled") => PaymentEvent::CancelledByPayer,
            Some("error") => PaymentEvent::ProviderError,
            Some("pending") => return Ok(None),
            _ => return Err(GatewayError::Malformed("status")),
        };
        let cents: i64 = field(fields, "amount_cents")
            .and_then(|a| a.parse().ok())
            .ok_or(GatewayError::Malformed("amount_cents"))?;
        let text = |name: &str| {
            field(fields, name)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Ok(Some(BankReport {
            payment_id: text("payment_id").ok_or(GatewayError::Malformed("payment_id"))?,
            event,
            amount: Money::from_cents(cents),
            provider_ref: text("provider_ref"),
            provider_order: None,
            failure_code: text("failure_code"),
            failure_message: text("failure_message"),
        }))
    }
}

/// `application/x-www-form-urlencoded` pairs.
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn pair(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_owned(), value.into())
}

impl PaymentGateway for SandboxGateway {
    fn start<'a>(&'a self, checkout: Checkout<'a>) -> GatewayFuture<'a, CheckoutStarted> {
        let fields = signed(
            MessageKind::PayRequest,
            vec![
                pair("payment_id", checkout.payment_id),
                pair("amount_cents", checkout.amount.cents().to_string()),
                pair("merchant", checkout.merchant),
                pair("reference", checkout.description),
                pair("return_url", checkout.return_url),
            ],
            &self.secret,
        );
        let query: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&fields)
            .finish();
        Box::pin(async move {
            Ok(CheckoutStarted {
                redirect_url: format!("/sandbox-bank/pay?{query}"),
                provider_order: None,
            })
        })
    }

    fn read_callback<'a>(&'a self, body: &'a [u8]) -> GatewayFuture<'a, Option<BankReport>> {
        Box::pin(async move { self.read_status(&parse_form(body)) })
    }

    fn query<'a>(&'a self, payment: PaymentAtBank<'a>) -> GatewayFuture<'a, Option<BankReport>> {
        Box::pin(async move {
            let asked = vec![
                pair("payment_id", payment.id),
                pair("at_ms", crate::backend::now_ms().to_string()),
            ];
            match self
                .ask("/sandbox-bank/status", MessageKind::StatusQuery, asked)
                .await?
            {
                None => Ok(None),
                Some(fields) => {
                    let report = self.read_status(&fields)?;
                    if report.as_ref().is_some_and(|r| r.payment_id != payment.id) {
                        return Err(GatewayError::Malformed("payment_id"));
                    }
                    Ok(report)
                }
            }
        })
    }

    fn refund<'a>(
        &'a self,
        payment: PaymentAtBank<'a>,
        refund_id: &'a str,
        amount: Money,
    ) -> GatewayFuture<'a, RefundAnswer> {
        Box::pin(async move {
            let request = vec![
                pair("payment_id", payment.id),
                pair("refund_id", refund_id),
                pair("amount_cents", amount.cents().to_string()),
            ];
            let fields = self
                .ask("/sandbox-bank/refund", MessageKind::RefundRequest, request)
                .await?
                .ok_or(GatewayError::Unreachable)?;
            let signature =
                field(&fields, SIGNATURE).ok_or(GatewayError::Malformed("signature"))?;
            if !verify(MessageKind::RefundAnswer, &fields, signature, &self.secret) {
                return Err(GatewayError::BadSignature);
            }
            if field(&fields, "refund_id") != Some(refund_id) {
                return Err(GatewayError::Malformed("refund_id"));
            }
            let text = |name: &'static str| {
                field(&fields, name)
                    .map(str::to_owned)
                    .ok_or(GatewayError::Malformed(name))
            };
            match field(&fields, "status") {
                Some("refunded") => Ok(RefundAnswer::Refunded {
                    provider_ref: text("provider_ref")?,
                }),
                Some("refused") => Ok(RefundAnswer::Refused {
                    message: text("message").unwrap_or_default(),
                }),
                _ => Err(GatewayError::Malformed("status")),
            }
        })
    }
}
