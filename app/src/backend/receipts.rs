//! Receipts: the data a receipt shows (payment, payer, purpose, refunds), read for its page,
//! its PDF (`receipt_pdf`) and the cashier.

use super::payments::Purposes;
use super::Db;
use crate::domain::payment::{PurposeKind, RefundState};
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
    provider_ref: Option<String>,
}

impl Db {
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
             p.amount_cents, p.provider_ref FROM receipts r \
             JOIN payments p ON p.id = r.payment_id LEFT JOIN users u ON u.id = p.payer_id \
             WHERE r.payment_id = $1",
        )
        .bind(payment_id)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let purpose_text = match purposes.get(row.purpose_kind) {
            Ok(purpose) => {
                let mut conn = self.pool().acquire().await?;
                purpose.describe(&mut conn, &row.purpose_id).await?
            }
            Err(_) => None,
        }
        .unwrap_or_else(|| format!("{} {}", row.purpose_kind.as_str(), row.purpose_id));
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
                purpose_text,
                amount: row.amount,
                provider_ref: row.provider_ref,
                refunds,
            },
            row.payer_id,
        )))
    }
}
