//! The bank behind card payments: the `PaymentGateway` trait, HMAC-SHA256 signing of the
//! fields exchanged with it, and the built-in sandbox bank's client side.
//!
//! A real acquirer (e.g. a Greek bank's redirect protocol) plugs in as another
//! implementation: `start` builds the redirect to its hosted page, `verify_callback` checks
//! its signature scheme, `query` calls its status endpoint, `refund` its refund call. The
//! portal never trusts the browser's return: only `read_report` on a callback and `query`
//! decide an outcome, so an acquirer that offers only one of the two still fits.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The canonical text signed: `name=value` lines sorted by name, the signature excluded.
fn canonical(fields: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> =
        fields.iter().filter(|(k, _)| k != "signature").collect();
    sorted.sort();
    sorted
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn mac(secret: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length, so this cannot fail.
    <HmacSha256 as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
}

/// Lower-case hex HMAC-SHA256 of the fields.
pub fn sign(fields: &[(String, String)], secret: &[u8]) -> String {
    let mut m = mac(secret);
    m.update(canonical(fields).as_bytes());
    m.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// True when `signature` is the fields' HMAC; the comparison takes constant time.
pub fn verify(fields: &[(String, String)], signature: &str, secret: &[u8]) -> bool {
    let Some(bytes) = decode_hex(signature) else {
        return false;
    };
    let mut m = mac(secret);
    m.update(canonical(fields).as_bytes());
    m.verify_slice(&bytes).is_ok()
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Documented test cards of the sandbox bank.
pub mod test_cards {
    pub const APPROVE: &str = "4111111111111111";
    pub const DECLINE: &str = "4000000000000002";
    pub const CHALLENGE: &str = "4000000000003220";
    pub const PROVIDER_ERROR: &str = "4000000000000119";
    /// The one-time code that passes the sandbox's "3-D Secure" challenge.
    pub const CHALLENGE_CODE: &str = "1234";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<(String, String)> {
        vec![
            ("payment_id".into(), "p-1".into()),
            ("amount_cents".into(), "3000".into()),
            ("status".into(), "approved".into()),
        ]
    }

    #[test]
    fn signatures_verify_and_any_change_breaks_them() {
        let secret = b"shared secret";
        let signature = sign(&fields(), secret);
        assert_eq!(signature.len(), 64);
        assert!(verify(&fields(), &signature, secret));
        let mut reordered = fields();
        reordered.reverse();
        assert!(
            verify(&reordered, &signature, secret),
            "order of fields does not matter"
        );
        let mut changed = fields();
        changed[1].1 = "1".into();
        assert!(
            !verify(&changed, &signature, secret),
            "a changed amount is caught"
        );
        assert!(!verify(&fields(), &signature, b"other secret"));
        assert!(!verify(&fields(), "zz", secret));
        assert!(!verify(&fields(), "", secret));
    }
}

/// What a verified bank message says about a payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankReport {
    pub payment_id: String,
    pub event: crate::domain::payment::PaymentEvent,
    pub amount: crate::domain::Money,
    pub provider_ref: Option<String>,
    pub failure_code: Option<String>,
    pub failure_message: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GatewayError {
    #[error("the signature does not match")]
    BadSignature,
    #[error("a field is missing or malformed: {0}")]
    Malformed(&'static str),
    #[error("the bank did not answer")]
    Unreachable,
}

/// A card acquirer with a hosted payment page.
pub trait PaymentGateway: Send + Sync {
    /// Where to send the payer's browser, with the payment's details signed.
    fn start_url(
        &self,
        payment_id: &str,
        amount: crate::domain::Money,
        merchant: &str,
        reference: &str,
        return_url: &str,
    ) -> String;
    /// Checks a callback's (or status answer's) signature and reads it.
    fn read_report(&self, fields: &[(String, String)]) -> Result<Option<BankReport>, GatewayError>;
    /// Asks the bank what became of a payment; `Ok(None)`: no outcome (still pending or
    /// never reached the bank).
    fn query<'a>(&'a self, payment_id: &'a str) -> QueryFuture<'a>;
    /// Returns `amount` of a successful payment to the card. `refund_id` makes the request
    /// idempotent: asking again with the same id never refunds twice.
    fn refund<'a>(
        &'a self,
        payment_id: &'a str,
        refund_id: &'a str,
        amount: crate::domain::Money,
    ) -> RefundFuture<'a>;
}

/// The bank's answer to a refund request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefundAnswer {
    Refunded { provider_ref: String },
    Refused { message: String },
}

pub type RefundFuture<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<RefundAnswer, GatewayError>> + Send + 'a>,
>;

/// `name=value` lines, the sandbox bank's answer format.
fn parse_lines(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// Signs `fields` and appends the signature.
pub fn signed(mut fields: Vec<(String, String)>, secret: &[u8]) -> Vec<(String, String)> {
    let signature = sign(&fields, secret);
    fields.push(("signature".to_owned(), signature));
    fields
}

pub type QueryFuture<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Option<BankReport>, GatewayError>> + Send + 'a>,
>;

/// The built-in sandbox bank (`/sandbox-bank/…` on this server), signing with a shared secret.
pub struct SandboxGateway {
    pub secret: Vec<u8>,
    /// Where the bank answers status queries: this server's public base URL.
    pub base_url: String,
}

impl PaymentGateway for SandboxGateway {
    fn start_url(
        &self,
        payment_id: &str,
        amount: crate::domain::Money,
        merchant: &str,
        reference: &str,
        return_url: &str,
    ) -> String {
        let mut fields = vec![
            ("payment_id".to_owned(), payment_id.to_owned()),
            ("amount_cents".to_owned(), amount.cents().to_string()),
            ("merchant".to_owned(), merchant.to_owned()),
            ("reference".to_owned(), reference.to_owned()),
            ("return_url".to_owned(), return_url.to_owned()),
        ];
        let signature = sign(&fields, &self.secret);
        fields.push(("signature".to_owned(), signature));
        let query = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::i18n::percent_encode(v, false)))
            .collect::<Vec<_>>()
            .join("&");
        format!("/sandbox-bank/pay?{query}")
    }

    fn query<'a>(&'a self, payment_id: &'a str) -> QueryFuture<'a> {
        Box::pin(async move {
            let url = format!(
                "{}/sandbox-bank/status/{}",
                self.base_url,
                crate::i18n::percent_encode(payment_id, false)
            );
            let response = reqwest::Client::new()
                .get(url)
                .timeout(std::time::Duration::from_secs(10))
                .send()
                .await
                .map_err(|_| GatewayError::Unreachable)?;
            if response.status() == reqwest::StatusCode::NOT_FOUND {
                return Ok(None);
            }
            let text = response
                .error_for_status()
                .map_err(|_| GatewayError::Unreachable)?
                .text()
                .await
                .map_err(|_| GatewayError::Unreachable)?;
            self.read_report(&parse_lines(&text))
        })
    }

    fn refund<'a>(
        &'a self,
        payment_id: &'a str,
        refund_id: &'a str,
        amount: crate::domain::Money,
    ) -> RefundFuture<'a> {
        Box::pin(async move {
            let request = signed(
                vec![
                    ("payment_id".to_owned(), payment_id.to_owned()),
                    ("refund_id".to_owned(), refund_id.to_owned()),
                    ("amount_cents".to_owned(), amount.cents().to_string()),
                ],
                &self.secret,
            );
            let text = reqwest::Client::new()
                .post(format!("{}/sandbox-bank/refund", self.base_url))
                .form(&request)
                .timeout(std::time::Duration::from_secs(10))
                .send()
                .await
                .and_then(|r| r.error_for_status())
                .map_err(|_| GatewayError::Unreachable)?
                .text()
                .await
                .map_err(|_| GatewayError::Unreachable)?;
            let fields = parse_lines(&text);
            let get = |name: &'static str| {
                fields
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .ok_or(GatewayError::Malformed(name))
            };
            if !verify(&fields, &get("signature")?, &self.secret) {
                return Err(GatewayError::BadSignature);
            }
            if get("refund_id")? != refund_id {
                return Err(GatewayError::Malformed("refund_id"));
            }
            match get("status")?.as_str() {
                "refunded" => Ok(RefundAnswer::Refunded {
                    provider_ref: get("provider_ref")?,
                }),
                "refused" => Ok(RefundAnswer::Refused {
                    message: get("message").unwrap_or_default(),
                }),
                _ => Err(GatewayError::Malformed("status")),
            }
        })
    }

    /// `Ok(None)`: the bank has no outcome yet (still pending).
    fn read_report(&self, fields: &[(String, String)]) -> Result<Option<BankReport>, GatewayError> {
        use crate::domain::payment::PaymentEvent;
        let get = |name: &'static str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let signature = get("signature").ok_or(GatewayError::Malformed("signature"))?;
        if !verify(fields, &signature, &self.secret) {
            return Err(GatewayError::BadSignature);
        }
        let event = match get("status").as_deref() {
            Some("approved") => PaymentEvent::Approved,
            Some("declined") => PaymentEvent::Declined,
            Some("cancelled") => PaymentEvent::CancelledByPayer,
            Some("error") => PaymentEvent::ProviderError,
            Some("pending") => return Ok(None),
            _ => return Err(GatewayError::Malformed("status")),
        };
        let cents: i64 = get("amount_cents")
            .and_then(|a| a.parse().ok())
            .ok_or(GatewayError::Malformed("amount_cents"))?;
        let non_empty = |v: Option<String>| v.filter(|s| !s.is_empty());
        Ok(Some(BankReport {
            payment_id: get("payment_id").ok_or(GatewayError::Malformed("payment_id"))?,
            event,
            amount: crate::domain::Money::from_cents(cents),
            provider_ref: non_empty(get("provider_ref")),
            failure_code: non_empty(get("failure_code")),
            failure_message: non_empty(get("failure_message")),
        }))
    }
}
