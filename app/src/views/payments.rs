//! Payments as their pages show them: a payment's outcome, "my payments", a receipt, and the
//! cashier's list, totals and dossier.

use crate::domain::payment::{PaymentState, PurposeKind, RefundState};
use crate::domain::Money;
use serde::{Deserialize, Serialize};

/// A payment's outcome, for its payer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PaymentSummary {
    pub id: String,
    pub purpose_kind: PurposeKind,
    pub purpose_id: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "amount_cents"))]
    pub amount: Money,
    pub state: PaymentState,
    pub failure_message: Option<String>,
    pub receipt: Option<String>,
}

/// What a payment is for, in words, in both languages (`Τέλος ακίνητης περιουσίας …`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description {
    pub el: String,
    pub en: String,
}

impl Description {
    pub fn new(el: impl Into<String>, en: impl Into<String>) -> Description {
        Description {
            el: el.into(),
            en: en.into(),
        }
    }

    pub fn text(&self, lang: crate::domain::Lang) -> &str {
        match lang {
            crate::domain::Lang::El => &self.el,
            crate::domain::Lang::En => &self.en,
        }
    }
}

/// One line of "my payments".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PaymentLine {
    pub id: String,
    pub purpose_kind: PurposeKind,
    #[cfg_attr(feature = "ssr", sqlx(rename = "amount_cents"))]
    pub amount: Money,
    pub state: PaymentState,
    pub receipt: Option<String>,
    pub created_at_ms: i64,
    /// What was paid, as written when the payment opened (older payments have none).
    pub description_el: Option<String>,
    pub description_en: Option<String>,
}

impl PaymentLine {
    pub fn description(&self, lang: crate::domain::Lang) -> Option<&str> {
        match lang {
            crate::domain::Lang::El => self.description_el.as_deref(),
            crate::domain::Lang::En => self.description_en.as_deref(),
        }
    }
}

/// A receipt as printed: on its page, in its PDF, and for the cashier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptDoc {
    pub number: String,
    pub issued_at_ms: i64,
    pub payment_id: String,
    pub payer_name: Option<String>,
    pub payer_email: Option<String>,
    pub purpose_kind: PurposeKind,
    /// What was paid, in both languages.
    pub purpose: Description,
    pub amount: Money,
    /// How it was paid (receipts written before methods were recorded: card).
    #[serde(default = "card")]
    pub method: crate::domain::payment::PaymentMethod,
    pub provider_ref: Option<String>,
    /// What anyone can check the receipt by, on the public check page.
    pub code: crate::domain::receipt_code::ReceiptCode,
    /// The refund notes issued against this receipt (confirmed refunds only).
    pub refunds: Vec<RefundLine>,
}

impl ReceiptDoc {
    pub fn refunded(&self) -> Money {
        self.refunds.iter().fold(Money::ZERO, |sum, r| {
            sum.checked_add(r.amount).unwrap_or(sum)
        })
    }

    /// What the payer keeps paid: the amount less the refunds.
    pub fn net(&self) -> Money {
        self.amount
            .checked_sub(self.refunded())
            .unwrap_or(Money::ZERO)
    }
}

/// A test fee (demonstration mode).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TestItem {
    pub id: String,
    pub description: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "amount_cents"))]
    pub amount: Money,
}

/// One payment in the cashier's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CashierRow {
    pub id: String,
    pub purpose_kind: PurposeKind,
    pub purpose_id: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "amount_cents"))]
    pub amount: Money,
    pub state: PaymentState,
    pub created_at_ms: i64,
    pub payer_name: Option<String>,
    pub payer_email: Option<String>,
    pub receipt: Option<String>,
    pub provider_ref: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(rename = "refunded_cents"))]
    pub refunded: Money,
}

/// Successful payments summed under a label (a day `2026-11-22`, a purpose, or all).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    pub label: String,
    pub count: i64,
    pub paid: Money,
    pub refunded: Money,
}

impl Total {
    pub fn named(label: &str) -> Total {
        Total {
            label: label.to_owned(),
            count: 0,
            paid: Money::ZERO,
            refunded: Money::ZERO,
        }
    }

    /// Adds one payment of `paid`, of which `refunded` went back.
    pub fn add(&mut self, paid: Money, refunded: Money) {
        self.count += 1;
        self.paid = self.paid.checked_add(paid).unwrap_or(self.paid);
        self.refunded = self.refunded.checked_add(refunded).unwrap_or(self.refunded);
    }
}

impl Default for Total {
    fn default() -> Self {
        Total::named("")
    }
}

/// One report or action in a payment's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventLine {
    pub at_ms: i64,
    pub source: String,
    pub event: String,
    pub outcome: String,
    pub detail: Option<String>,
}

/// A refund of a payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RefundLine {
    pub id: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "amount_cents"))]
    pub amount: Money,
    pub reason: String,
    pub state: RefundState,
    /// The refund note's number once the bank confirmed.
    pub number: Option<String>,
    pub failure_message: Option<String>,
    pub at_ms: i64,
    /// Who asked for it.
    pub actor: String,
}

/// One page of the cashier's list, with the totals of the whole filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashierPage {
    pub rows: Vec<CashierRow>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub by_day: Vec<Total>,
    pub by_purpose: Vec<Total>,
    pub all: Total,
}

/// Everything about one payment, for the cashier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentDossier {
    pub payment: CashierRow,
    pub failure_message: Option<String>,
    pub events: Vec<EventLine>,
    pub refunds: Vec<RefundLine>,
    /// What can still be refunded (paid minus refunded or being refunded).
    pub refundable: Money,
}

/// What the public check page says of a receipt: that it is genuine, and its number, date
/// and amounts — nothing about who paid or what for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CheckedReceipt {
    pub number: String,
    pub issued_at_ms: i64,
    #[cfg_attr(feature = "ssr", sqlx(rename = "amount_cents"))]
    pub amount: Money,
    #[cfg_attr(feature = "ssr", sqlx(rename = "refunded_cents"))]
    pub refunded: Money,
}

fn card() -> crate::domain::payment::PaymentMethod {
    crate::domain::payment::PaymentMethod::Card
}
