//! Card payments at the cash desk: the cashier takes a notice's amount on the POS terminal
//! and records it with the terminal's authorisation code; the notice and its debts are paid,
//! a receipt is numbered (same series) and e-mailed, and it shows on the debtor's card. The
//! cash desk takes no cash, so there is no cash method.

use super::audit::Actor;
use super::bank_files::debtor_email;
use super::payments::{record_received_payment, PaymentError, Purposes, Received};
use super::Db;
use crate::domain::payment::{PaymentMethod, PurposeKind};
use sqlx::Connection;

/// Why a counter payment was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum CounterError {
    /// No such notice.
    #[error("no such notice")]
    NotFound,
    /// The notice takes no payment (paid, replaced, cancelled, past its date).
    #[error("the notice takes no payment")]
    NotPayable,
    #[error(transparent)]
    Payment(#[from] PaymentError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl Db {
    /// Records a notice paid by card at the cash desk; returns the payment's id.
    pub async fn record_counter_payment(
        &self,
        purposes: &Purposes,
        notice_id: &str,
        auth_code: &str,
        actor: &Actor,
    ) -> Result<String, CounterError> {
        let mut tx = self.begin().await?;
        let afm: Option<String> = sqlx::query_scalar("SELECT afm FROM notices WHERE id = $1")
            .bind(notice_id)
            .fetch_optional(&mut *tx)
            .await?;
        let afm = afm.ok_or(CounterError::NotFound)?;
        let amount = purposes
            .get(PurposeKind::Notice)?
            .amount(&mut tx, notice_id)
            .await?
            .ok_or(CounterError::NotPayable)?;
        let email = debtor_email(&mut tx, &afm).await?;
        let mut inner = tx.begin().await?;
        let (payment_id, fulfilled) = record_received_payment(
            &mut inner,
            purposes,
            Received {
                kind: PurposeKind::Notice,
                purpose_id: notice_id,
                amount,
                method: PaymentMethod::Pos,
                provider_ref: auth_code,
                payer_name: None,
                payer_email: email.as_deref(),
            },
        )
        .await?;
        if !fulfilled {
            // Paid by someone else a moment ago: nothing is recorded, the cashier is told.
            inner.rollback().await?;
            return Err(CounterError::NotPayable);
        }
        inner.commit().await?;
        self.audit(&mut *tx, actor, "payments.counter", Some(&payment_id), None)
            .await?;
        tx.commit().await?;
        Ok(payment_id)
    }
}
