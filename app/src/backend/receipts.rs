//! Receipts: the data a receipt shows (payment, payer, purpose, refunds), read for its page,
//! its PDF (`receipt_pdf`) and the cashier.

use super::payments::{Description, Purposes};
use super::Db;
use crate::domain::payment::{PurposeKind, RefundState};
use crate::domain::receipt_code::ReceiptCode;
use crate::domain::Money;
use crate::views::payments::ReceiptDoc;

/// A receipt's row: the receipt, its payment and payer.
#[derive(sqlx::FromRow)]
struct ReceiptRow {
    number: String,
    issued_at_ms: i64,
    payment_id: String,
    payer_id: Option<String>,
    payer_name: Option<String>,
    payer_email: Option<String>,
    purpose_kind: PurposeKind,
    purpose_id: String,
    #[sqlx(rename = "amount_cents")]
    amount: Money,
    method: crate::domain::payment::PaymentMethod,
    provider_ref: Option<String>,
    description_el: Option<String>,
    description_en: Option<String>,
    check_code: String,
}

impl Db {
    /// A receipt by its check code, as the public check page shows it (`None`: no receipt
    /// has this code).
    pub async fn receipt_by_code(
        &self,
        code: &ReceiptCode,
    ) -> Result<Option<crate::views::payments::CheckedReceipt>, sqlx::Error> {
        sqlx::query_as(
            "SELECT r.number, r.issued_at_ms, p.amount_cents, \
             CAST(COALESCE((SELECT SUM(f.amount_cents) FROM payment_refunds f \
             WHERE f.payment_id = p.id AND f.state = 'succeeded'), 0) AS BIGINT) AS refunded_cents \
             FROM receipts r JOIN payments p ON p.id = r.payment_id WHERE r.check_code = $1",
        )
        .bind(code.as_str())
        .fetch_optional(self.pool())
        .await
    }

    /// The receipt of a payment and the payer's id (for the ownership check), or `None`
    /// when the payment has no receipt (not successful, unknown).
    pub async fn receipt(
        &self,
        purposes: &Purposes,
        payment_id: &str,
    ) -> Result<Option<(ReceiptDoc, Option<String>)>, sqlx::Error> {
        let row: Option<ReceiptRow> = sqlx::query_as(
            "SELECT r.number, r.issued_at_ms, p.id AS payment_id, p.payer_id, \
             u.full_name AS payer_name, COALESCE(u.email, p.payer_email) AS payer_email, \
             p.purpose_kind, p.purpose_id, \
             p.amount_cents, p.method, p.provider_ref, p.description_el, p.description_en, r.check_code \
             FROM receipts r \
             JOIN payments p ON p.id = r.payment_id LEFT JOIN users u ON u.id = p.payer_id \
             WHERE r.payment_id = $1",
        )
        .bind(payment_id)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        // As written when the payment opened; payments older than that are described now.
        let stored = row
            .description_el
            .clone()
            .zip(row.description_en.clone())
            .map(|(el, en)| Description::new(el, en));
        let purpose = match (stored, purposes.get(row.purpose_kind)) {
            (Some(stored), _) => Some(stored),
            (None, Ok(purpose)) => {
                let mut conn = self.pool().acquire().await?;
                purpose.describe(&mut conn, &row.purpose_id).await?
            }
            (None, Err(_)) => None,
        }
        .unwrap_or_else(|| {
            let code = format!("{} {}", row.purpose_kind.as_str(), row.purpose_id);
            Description::new(code.clone(), code)
        });
        let refunds = self
            .refunds_of(&row.payment_id)
            .await?
            .into_iter()
            .filter(|r| r.state == RefundState::Succeeded)
            .collect();
        Ok(Some((
            ReceiptDoc {
                number: row.number,
                issued_at_ms: row.issued_at_ms,
                payment_id: row.payment_id,
                payer_name: row.payer_name,
                payer_email: row.payer_email,
                purpose_kind: row.purpose_kind,
                purpose,
                amount: row.amount,
                method: row.method,
                provider_ref: row.provider_ref,
                code: ReceiptCode::parse(&row.check_code)
                    .unwrap_or_else(|| ReceiptCode::from_random(0)),
                refunds,
            },
            row.payer_id,
        )))
    }
}
