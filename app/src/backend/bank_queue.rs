//! The cashier's reconciliation queue: a transfer that did not pay a notice by itself is
//! assigned to a debtor's debts (they must add up to it), recorded as part payment of one
//! debt, marked for refund, or — a debit or reversal — set aside. Each is one transaction
//! and one event with its actor and time; two cashiers at once resolve it once. Also what
//! the cashier reads: the queue, and an imported file's report.

use super::audit::Actor;
use super::bank_files::debtor_email;
use super::debt_payments::{make_debt_set, DebtPayError};
use super::payments::{record_received_payment, PaymentError, Purposes, Received};
use super::{now_ms, Db};
use crate::domain::bank::{resolutions_for, QueueReason, Resolution};
use crate::domain::payment::{PaymentMethod, PurposeKind};
use crate::domain::time::parse_iso_date;
use crate::domain::Money;
use crate::views::bank::{
    BankFileView, QueuedTransfer, TransferDetail, TransferEvent, TransferState,
};
use sqlx::Connection;

/// What the cashier chose for a queued transfer.
#[derive(Clone, Copy, Debug)]
pub enum ResolveChoice<'a> {
    /// Pay these debts of the debtor in full: what they owe on the day the bank booked the
    /// transfer adds up to its amount.
    Assign {
        afm: &'a str,
        debt_ids: &'a [String],
    },
    /// Pay part of this one debt (it owes more than the transfer).
    Part {
        afm: &'a str,
        debt_id: &'a str,
    },
    Refund,
    Dismiss,
}

impl ResolveChoice<'_> {
    pub fn resolution(&self) -> Resolution {
        match self {
            ResolveChoice::Assign { .. } => Resolution::Assigned,
            ResolveChoice::Part { .. } => Resolution::Partial,
            ResolveChoice::Refund => Resolution::Refund,
            ResolveChoice::Dismiss => Resolution::Dismissed,
        }
    }
}

/// Why a transfer was not resolved as asked; nothing was recorded.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("no such transfer")]
    NotFound,
    /// Resolved already (by another cashier a moment ago, or paid its notice).
    #[error("the transfer is resolved already")]
    Resolved,
    /// Not something this transfer allows (see [`resolutions_for`]).
    #[error("not allowed for this transfer")]
    NotAllowed,
    /// No debt chosen, too many, or several for a part payment.
    #[error("choose the debts")]
    Choice,
    /// A chosen debt is not this debtor's.
    #[error("no such debt of this debtor")]
    DebtNotFound,
    /// A chosen debt is paid, cancelled or in a settlement plan.
    #[error("a chosen debt cannot be paid")]
    NotPayable,
    /// The chosen debts owe another amount than the transfer brought.
    #[error("the debts owe {owed:?}, the transfer is {amount:?}")]
    Mismatch { owed: Money, amount: Money },
    /// A part payment that is not less than what the debt owes.
    #[error("the debt owes {owed:?}, not more than the transfer {amount:?}")]
    NotLess { owed: Money, amount: Money },
    #[error(transparent)]
    Payment(#[from] PaymentError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl ResolveError {
    fn from_set(e: DebtPayError, amount: Money) -> ResolveError {
        match e {
            DebtPayError::Choice => ResolveError::Choice,
            DebtPayError::NotFound => ResolveError::DebtNotFound,
            DebtPayError::NotPayable => ResolveError::NotPayable,
            DebtPayError::NotLess(owed) => ResolveError::NotLess { owed, amount },
            DebtPayError::Payment(e) => ResolveError::Payment(e),
            DebtPayError::Db(e) => ResolveError::Db(e),
        }
    }
}

/// A transfer as the cashier's queue lists it.
#[derive(sqlx::FromRow)]
struct QueueRow {
    id: String,
    bank_ref: String,
    amount_cents: i64,
    currency: String,
    booked_on: Option<String>,
    reference: Option<String>,
    payer: Option<String>,
    reason: Option<String>,
    notice_id: Option<String>,
}

/// A transfer as the cashier opens it: what the queue lists, and what became of it.
#[derive(sqlx::FromRow)]
struct TransferRow {
    #[sqlx(flatten)]
    listed: QueueRow,
    state: String,
    resolution: Option<String>,
    payment_id: Option<String>,
    notice_afm: Option<String>,
    receipt: Option<String>,
}

const TRANSFER: &str = "SELECT t.id, t.bank_ref, t.amount_cents, t.currency, t.booked_on, \
     t.reference, t.payer, t.reason, t.state, t.resolution, t.notice_id, t.payment_id, \
     n.afm AS notice_afm, r.number AS receipt FROM bank_transfers t \
     LEFT JOIN notices n ON n.id = t.notice_id LEFT JOIN receipts r ON r.payment_id = t.payment_id \
     WHERE t.id = $1";

impl Db {
    /// One transfer with its history, for the cashier.
    pub async fn bank_transfer(&self, id: &str) -> Result<Option<TransferDetail>, sqlx::Error> {
        let row: Option<TransferRow> = sqlx::query_as(TRANSFER)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let events: Vec<TransferEvent> = sqlx::query_as(
            "SELECT e.at_ms, COALESCE(u.full_name, e.actor) AS actor, e.action, e.detail \
             FROM bank_transfer_events e LEFT JOIN users u ON 'user:' || u.id = e.actor \
             WHERE e.transfer_id = $1 ORDER BY e.at_ms, e.id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        let reason = row.listed.reason.as_deref().and_then(QueueReason::parse);
        Ok(Some(TransferDetail {
            id: row.listed.id,
            bank_ref: row.listed.bank_ref,
            amount: Money::from_cents(row.listed.amount_cents),
            currency: row.listed.currency,
            booked_on: row.listed.booked_on,
            reference: row.listed.reference,
            payer: row.listed.payer,
            reason,
            state: match row.state.as_str() {
                "paid" => TransferState::Paid,
                "queued" => TransferState::Queued,
                _ => TransferState::Resolved,
            },
            resolution: row.resolution.as_deref().and_then(Resolution::parse),
            allowed: match (row.state.as_str(), reason) {
                ("queued", Some(reason)) => resolutions_for(reason)
                    .iter()
                    .copied()
                    .filter(|r| row.payment_id.is_none() || !r.pays_debts())
                    .collect(),
                _ => Vec::new(),
            },
            notice_id: row.listed.notice_id,
            notice_afm: row.notice_afm,
            payment_id: row.payment_id,
            receipt: row.receipt,
            events,
        }))
    }

    /// Resolves a queued transfer as the cashier chose; returns the payment it made, if
    /// any (its receipt is numbered and e-mailed to the debtor as for any payment).
    pub async fn resolve_bank_transfer(
        &self,
        purposes: &Purposes,
        transfer_id: &str,
        choice: ResolveChoice<'_>,
        actor: &Actor,
    ) -> Result<Option<String>, ResolveError> {
        let rates = self.debt_interest_rates().await?;
        let mut tx = self.begin().await?;
        let row: TransferRow = sqlx::query_as(TRANSFER)
            .bind(transfer_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(ResolveError::NotFound)?;
        if row.state != "queued" {
            return Err(ResolveError::Resolved);
        }
        let resolution = choice.resolution();
        let reason = row.listed.reason.as_deref().and_then(QueueReason::parse);
        let allowed = reason.is_some_and(|r| resolutions_for(r).contains(&resolution));
        // Money already recorded as a payment (paid twice) is refunded, not spent again.
        if !allowed || (row.payment_id.is_some() && resolution.pays_debts()) {
            return Err(ResolveError::NotAllowed);
        }
        let amount = Money::from_cents(row.listed.amount_cents);
        let (debts, part) = match choice {
            ResolveChoice::Assign { afm, debt_ids } => (Some((afm, debt_ids.to_vec())), None),
            ResolveChoice::Part { afm, debt_id } => {
                (Some((afm, vec![debt_id.to_owned()])), Some(amount))
            }
            ResolveChoice::Refund | ResolveChoice::Dismiss => (None, None),
        };
        // Claimed first: a second cashier's resolution waits here, then finds it resolved.
        let now = now_ms();
        let claimed = sqlx::query(
            "UPDATE bank_transfers SET state = 'resolved', resolution = $1, updated_at_ms = $2 \
             WHERE id = $3 AND state = 'queued'",
        )
        .bind(resolution.as_str())
        .bind(now)
        .bind(transfer_id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            return Err(ResolveError::Resolved);
        }
        let mut payment_id = None;
        let mut detail = None;
        if let Some((afm, mut ids)) = debts {
            ids.sort();
            ids.dedup();
            let chosen: Vec<&str> = ids.iter().map(String::as_str).collect();
            // The debtor paid on the day the bank booked it: the debts owe that day's amounts.
            let on = row
                .listed
                .booked_on
                .as_deref()
                .and_then(parse_iso_date)
                .unwrap_or_else(super::today);
            let mut inner = tx.begin().await?;
            let (set_id, owed) = make_debt_set(&mut inner, afm, &chosen, None, on, &rates, part)
                .await
                .map_err(|e| ResolveError::from_set(e, amount))?;
            if part.is_none() && owed != amount {
                return Err(ResolveError::Mismatch { owed, amount });
            }
            let email = debtor_email(&mut inner, afm).await?;
            let (id, fulfilled) = record_received_payment(
                &mut inner,
                purposes,
                Received {
                    kind: PurposeKind::Debts,
                    purpose_id: &set_id,
                    amount,
                    method: PaymentMethod::BankTransfer,
                    provider_ref: &row.listed.bank_ref,
                    payer_name: row.listed.payer.as_deref(),
                    payer_email: email.as_deref(),
                },
            )
            .await?;
            if !fulfilled {
                // Paid by someone else a moment ago: nothing is recorded.
                inner.rollback().await?;
                return Err(ResolveError::NotPayable);
            }
            inner.commit().await?;
            sqlx::query("UPDATE bank_transfers SET payment_id = $1 WHERE id = $2")
                .bind(&id)
                .bind(transfer_id)
                .execute(&mut *tx)
                .await?;
            detail = Some(format!("{afm} · {}", ids.join(", ")));
            payment_id = Some(id);
        }
        sqlx::query(
            "INSERT INTO bank_transfer_events (transfer_id, at_ms, actor, action, detail) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(transfer_id)
        .bind(now)
        .bind(actor.as_text())
        .bind(resolution.as_str())
        .bind(detail.as_deref())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(payment_id)
    }
}

impl Db {
    /// An imported file's report.
    pub async fn bank_file(&self, id: &str) -> Result<Option<BankFileView>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, file_name, imported_at_ms, transfers, paid, queued, known \
             FROM bank_files WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await
    }

    /// The transfers waiting for the cashier, oldest first (at most `limit`).
    pub async fn bank_queue(&self, limit: i64) -> Result<Vec<QueuedTransfer>, sqlx::Error> {
        let rows: Vec<QueueRow> = sqlx::query_as(
            "SELECT id, bank_ref, amount_cents, currency, booked_on, reference, payer, reason, \
             notice_id FROM bank_transfers WHERE state = 'queued' \
             ORDER BY created_at_ms, bank_ref LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| QueuedTransfer {
                reason: r
                    .reason
                    .as_deref()
                    .and_then(QueueReason::parse)
                    .unwrap_or(QueueReason::MalformedRf),
                id: r.id,
                bank_ref: r.bank_ref,
                amount: Money::from_cents(r.amount_cents),
                currency: r.currency,
                booked_on: r.booked_on,
                reference: r.reference,
                payer: r.payer,
                notice_id: r.notice_id,
            })
            .collect())
    }
}
