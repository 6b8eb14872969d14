//! The acquirer behind card payments: the `PaymentGateway` trait and its implementations —
//! the built-in sandbox bank (demonstrations and tests), Viva's Smart Checkout (cards and
//! IRIS), and none (card payments switched off).
//!
//! The portal never trusts the browser's return: only a verified server-to-server message
//! (`read_callback`) or a status query (`query`) decides an outcome, so an acquirer that
//! offers only one of the two still fits.

pub mod sandbox;
pub mod signing;
pub mod viva;

use crate::domain::payment::PaymentEvent;
use crate::domain::{Lang, Money};
use std::future::Future;
use std::pin::Pin;

pub use sandbox::SandboxGateway;
pub use viva::{VivaGateway, VivaSettings};

/// What a verified bank message says about a payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankReport {
    pub payment_id: String,
    pub event: PaymentEvent,
    pub amount: Money,
    /// The bank's reference of the transaction (shown on the receipt).
    pub provider_ref: Option<String>,
    /// The bank's order the transaction belongs to, when the bank has orders.
    pub provider_order: Option<String>,
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
    #[error("the bank refused the request: {0}")]
    Refused(String),
    #[error("no card acquirer is configured")]
    NotConfigured,
}

/// How the payer pays at the acquirer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayMethod {
    Card,
    /// IRIS, the Greek instant account-to-account payment.
    Iris,
}

impl PayMethod {
    pub fn parse(text: &str) -> Option<PayMethod> {
        match text {
            "" | "card" => Some(PayMethod::Card),
            "iris" => Some(PayMethod::Iris),
            _ => None,
        }
    }
}

/// A payment about to be sent to the bank's hosted page.
pub struct Checkout<'a> {
    pub payment_id: &'a str,
    pub amount: Money,
    pub merchant: &'a str,
    /// What is paid, as the bank shows it to the payer.
    pub description: &'a str,
    /// Where the bank sends the payer back (banks that take one per payment).
    pub return_url: &'a str,
    pub lang: Lang,
    pub method: PayMethod,
    pub payer_email: Option<&'a str>,
    pub payer_name: Option<&'a str>,
    /// The order opened at the bank for this payment before (the payer starting again).
    pub existing_order: Option<&'a str>,
}

/// Where to send the payer, and the bank's order for the payment when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckoutStarted {
    pub redirect_url: String,
    pub provider_order: Option<String>,
}

/// A payment as the bank knows it, for status queries and refunds.
#[derive(Clone, Copy, Debug)]
pub struct PaymentAtBank<'a> {
    pub id: &'a str,
    pub amount: Money,
    pub provider_order: Option<&'a str>,
    pub provider_ref: Option<&'a str>,
    /// Refunds of this payment the portal has recorded as done.
    pub refunded: Money,
}

/// The bank's answer to a refund request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefundAnswer {
    Refunded { provider_ref: String },
    Refused { message: String },
}

pub type GatewayFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, GatewayError>> + Send + 'a>>;

/// A card acquirer with a hosted payment page.
pub trait PaymentGateway: Send + Sync {
    /// The ways of paying it offers.
    fn methods(&self) -> &'static [PayMethod] {
        &[PayMethod::Card]
    }
    /// Opens the payment at the bank (or reuses its order) and says where the payer goes.
    fn start<'a>(&'a self, checkout: Checkout<'a>) -> GatewayFuture<'a, CheckoutStarted>;
    /// Verifies and reads a server-to-server message from the bank (callback, webhook).
    /// `Ok(None)`: a genuine message that settles nothing.
    fn read_callback<'a>(&'a self, body: &'a [u8]) -> GatewayFuture<'a, Option<BankReport>>;
    /// What to answer the bank's check of the callback address (Viva's webhook key);
    /// `None`: the bank makes no such check.
    fn callback_check(&self) -> GatewayFuture<'_, Option<String>> {
        Box::pin(async { Ok(None) })
    }
    /// The bank order a payer came back from, read off the return address (untrusted:
    /// it only says which payment to ask the bank about).
    fn returned_order(&self, _query: &[(String, String)]) -> Option<String> {
        None
    }
    /// Asks the bank what became of a payment; `Ok(None)`: no outcome (still pending or
    /// never reached the bank).
    fn query<'a>(&'a self, payment: PaymentAtBank<'a>) -> GatewayFuture<'a, Option<BankReport>>;
    /// Returns `amount` of a successful payment. `refund_id` identifies the request:
    /// asking again with the same id never refunds twice.
    fn refund<'a>(
        &'a self,
        payment: PaymentAtBank<'a>,
        refund_id: &'a str,
        amount: Money,
    ) -> GatewayFuture<'a, RefundAnswer>;
}

/// No acquirer configured: card payments are off, and nothing from outside is believed.
pub struct NoGateway;

impl PaymentGateway for NoGateway {
    fn methods(&self) -> &'static [PayMethod] {
        &[]
    }

    fn start<'a>(&'a self, _checkout: Checkout<'a>) -> GatewayFuture<'a, CheckoutStarted> {
        Box::pin(async { Err(GatewayError::NotConfigured) })
    }

    fn read_callback<'a>(&'a self, _body: &'a [u8]) -> GatewayFuture<'a, Option<BankReport>> {
        Box::pin(async { Err(GatewayError::NotConfigured) })
    }

    fn query<'a>(&'a self, _payment: PaymentAtBank<'a>) -> GatewayFuture<'a, Option<BankReport>> {
        Box::pin(async { Ok(None) })
    }

    fn refund<'a>(
        &'a self,
        _payment: PaymentAtBank<'a>,
        _refund_id: &'a str,
        _amount: Money,
    ) -> GatewayFuture<'a, RefundAnswer> {
        Box::pin(async { Err(GatewayError::NotConfigured) })
    }
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
