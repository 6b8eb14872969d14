//! Payments as stored: created with the amount the purpose owes (from the database), moved
//! only by [`PaymentState::apply`], fulfilled and receipted in the transaction that records
//! success. Reports are idempotent: duplicates and late ones are kept as events and change
//! nothing.

use super::purpose::{Payer, Purposes};
use super::receipt_mail::RECEIPT_MAIL_JOB;
use crate::backend::counters::next_value;
use crate::backend::{jobs, now_ms, Db};
use crate::domain::payment::{receipt_label, PaymentEvent, PaymentState, PurposeKind, Transition};
use crate::domain::receipt_code::ReceiptCode;
use crate::domain::time::local_date;
use crate::domain::Money;

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Payment {
    pub id: String,
    pub purpose_kind: PurposeKind,
    pub purpose_id: String,
    pub payer_id: Option<String>,
    #[sqlx(rename = "amount_cents")]
    pub amount: Money,
    pub state: PaymentState,
    pub failure_code: Option<String>,
    pub failure_message: Option<String>,
    pub provider_ref: Option<String>,
    /// The bank's order for this payment (acquirers with orders, e.g. Viva).
    pub provider_order: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

impl Payment {
    pub fn amount(&self) -> Money {
        self.amount
    }

    pub fn state(&self) -> PaymentState {
        self.state
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    #[error("unknown payment purpose")]
    UnknownPurpose,
    #[error("nothing is owed for this purpose")]
    NothingToPay,
    #[error("another payment for this purpose is in progress")]
    InProgressElsewhere,
    #[error("payment not found")]
    NotFound,
    #[error("the reported amount differs from the payment's")]
    AmountMismatch,
    #[error("the report is about another order at the bank")]
    OrderMismatch,
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

/// A report about a payment from the bank, its status endpoint or the clean-up job.
pub struct Report<'a> {
    pub event: PaymentEvent,
    /// The amount the report states, checked against the stored one when present.
    pub amount: Option<Money>,
    pub provider_ref: Option<&'a str>,
    /// The bank order the report is about, checked against the stored one when both exist.
    pub provider_order: Option<&'a str>,
    pub failure_code: Option<&'a str>,
    pub failure_message: Option<&'a str>,
    /// `callback`, `status_query`, `cleanup`, `return`.
    pub source: &'a str,
}

impl<'a> Report<'a> {
    /// A report of what the bank said, from a verified message or a status query.
    pub fn from_bank(bank: &'a crate::backend::gateway::BankReport, source: &'a str) -> Report<'a> {
        Report {
            event: bank.event,
            amount: Some(bank.amount),
            provider_ref: bank.provider_ref.as_deref(),
            provider_order: bank.provider_order.as_deref(),
            failure_code: bank.failure_code.as_deref(),
            failure_message: bank.failure_message.as_deref(),
            source,
        }
    }

    /// A report the portal makes itself (sent to the bank, timed out).
    pub fn own(event: PaymentEvent, source: &'a str) -> Report<'a> {
        Report {
            event,
            amount: None,
            provider_ref: None,
            provider_order: None,
            failure_code: None,
            failure_message: None,
            source,
        }
    }
}

const COLUMNS: &str = "id, purpose_kind, purpose_id, payer_id, amount_cents, state, failure_code, \
     failure_message, provider_ref, provider_order, created_at_ms, updated_at_ms";

fn event_name(event: PaymentEvent) -> &'static str {
    match event {
        PaymentEvent::SentToBank => "sent_to_bank",
        PaymentEvent::Approved => "approved",
        PaymentEvent::Declined => "declined",
        PaymentEvent::CancelledByPayer => "cancelled_by_payer",
        PaymentEvent::TimedOut => "timed_out",
        PaymentEvent::ProviderError => "provider_error",
    }
}

pub(crate) async fn log_event(
    tx: &mut sqlx::AnyConnection,
    payment_id: &str,
    source: &str,
    event: &str,
    outcome: &str,
    detail: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO payment_events (payment_id, at_ms, source, event, outcome, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(payment_id)
    .bind(now_ms())
    .bind(source)
    .bind(event)
    .bind(outcome)
    .bind(detail)
    .execute(tx)
    .await?;
    Ok(())
}

/// Reads a payment inside `tx` after taking its row for writing: concurrent changes to one
/// payment (reports, refunds) queue here on PostgreSQL; on SQLite the write takes the
/// database lock.
pub(crate) async fn lock_payment(
    tx: &mut sqlx::AnyConnection,
    payment_id: &str,
) -> Result<Option<Payment>, sqlx::Error> {
    sqlx::query("UPDATE payments SET updated_at_ms = updated_at_ms WHERE id = $1")
        .bind(payment_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM payments WHERE id = $1"))
        .bind(payment_id)
        .fetch_optional(&mut *tx)
        .await
}

/// Opens a payment inside `tx` (so a purpose created in the same transaction, like a tax
/// declaration, exists exactly when its payment does); returns its id. The payer's
/// unfinished payment for the same purpose is reused. Another payer's unfinished payment
/// does not block this one: whoever first learns a ticket's details must not lock its owner
/// out until the payment expires; if both pay, the second is kept as paid twice for the
/// cashier to refund.
pub async fn open_payment_in(
    tx: &mut sqlx::AnyConnection,
    purposes: &Purposes,
    kind: PurposeKind,
    purpose_id: &str,
    payer: Payer<'_>,
) -> Result<String, PaymentError> {
    let purpose = purposes.get(kind)?;
    if !purpose.may_pay(&mut *tx, purpose_id, payer).await? {
        return Err(PaymentError::NotFound);
    }
    // The payer's own unfinished payment is taken up again.
    let open: Option<String> = match payer {
        Payer::Account(payer_id) => {
            sqlx::query_scalar(
                "SELECT id FROM payments WHERE purpose_kind = $1 AND purpose_id = $2 \
                 AND payer_id = $3 AND state IN ('created', 'started')",
            )
            .bind(kind)
            .bind(purpose_id)
            .bind(payer_id)
            .fetch_optional(&mut *tx)
            .await?
        }
        Payer::Guest { pass, .. } => {
            sqlx::query_scalar(
                "SELECT p.id FROM payments p JOIN guest_grants g \
                 ON g.subject_kind = 'payment' AND g.subject_id = p.id \
                 WHERE p.purpose_kind = $1 AND p.purpose_id = $2 AND g.token_hash = $3 \
                 AND p.payer_id IS NULL AND p.state IN ('created', 'started')",
            )
            .bind(kind)
            .bind(purpose_id)
            .bind(&pass.hash)
            .fetch_optional(&mut *tx)
            .await?
        }
        Payer::Unnamed => None,
    };
    if let Some(open) = open {
        return Ok(open);
    }
    let amount = purpose
        .amount(&mut *tx, purpose_id)
        .await?
        .ok_or(PaymentError::NothingToPay)?;
    let id = uuid::Uuid::new_v4().to_string();
    let now = now_ms();
    let account: Option<(String, String, Option<String>)> = match payer {
        Payer::Account(payer_id) => {
            sqlx::query_as("SELECT full_name, email, afm FROM users WHERE id = $1")
                .bind(payer_id)
                .fetch_optional(&mut *tx)
                .await?
        }
        _ => None,
    };
    let guest_email = match payer {
        Payer::Guest { email, .. } => Some(email),
        _ => None,
    };
    let payer_search = match (account, guest_email) {
        (Some((name, email, afm)), _) => {
            Some(format!("{name} {email} {}", afm.unwrap_or_default()))
        }
        (None, Some(email)) => Some(email.to_owned()),
        (None, None) => None,
    }
    .map(|text| crate::domain::submission::search_key(&text));
    let description = purpose.describe(&mut *tx, purpose_id).await?;
    let debtor = match purpose.debtor(&mut *tx, purpose_id).await? {
        Some(afm) => Some(afm),
        None => match payer {
            Payer::Account(payer_id) => sqlx::query_scalar(
                "SELECT afm FROM users WHERE id = $1 AND verification = 'verified'",
            )
            .bind(payer_id)
            .fetch_optional(&mut *tx)
            .await?
            .flatten(),
            _ => None,
        },
    };
    let inserted = sqlx::query(
        "INSERT INTO payments (id, purpose_kind, purpose_id, payer_id, amount_cents, state, \
             created_at_ms, updated_at_ms, payer_search, payer_email, description_el, \
             description_en, debtor_afm) \
             VALUES ($1, $2, $3, $4, $5, 'created', $6, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(kind)
    .bind(purpose_id)
    .bind(payer.account_id())
    .bind(amount.cents())
    .bind(now)
    .bind(payer_search)
    .bind(guest_email)
    .bind(description.as_ref().map(|d| d.el.as_str()))
    .bind(description.as_ref().map(|d| d.en.as_str()))
    .bind(debtor)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        // Another request opened one at the same moment: the unique index decided.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(PaymentError::InProgressElsewhere)
        }
        Err(e) => return Err(e.into()),
    }
    log_event(&mut *tx, &id, "user", "created", "created", None).await?;
    if let Payer::Guest { pass, .. } = payer {
        // The guest may come back to this payment (its outcome, its receipt) with the pass.
        sqlx::query(
            "INSERT INTO guest_grants (token_hash, subject_kind, subject_id, granted_at_ms) \
             VALUES ($1, 'payment', $2, $3)",
        )
        .bind(&pass.hash)
        .bind(&id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    Ok(id)
}

/// Numbers the receipt of a payment that just succeeded and queues its e-mail, inside the
/// transaction that records the success: never lost, never twice.
async fn issue_receipt(
    tx: &mut sqlx::AnyConnection,
    payment_id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let year = local_date(now).year;
    let sequence = next_value(&mut *tx, &format!("receipt:{year}")).await?;
    sqlx::query(
        "INSERT INTO receipts (number, payment_id, issued_at_ms, check_code) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(receipt_label(sequence, year))
    .bind(payment_id)
    .bind(now)
    // 50 random bits: a code nobody guesses (the check page is rate-limited too).
    .bind(
        ReceiptCode::from_random(rand::random::<u64>())
            .as_str()
            .to_owned(),
    )
    .execute(&mut *tx)
    .await?;
    jobs::enqueue(tx, RECEIPT_MAIL_JOB, payment_id).await?;
    Ok(())
}

/// Money received other than through the card gateway (a bank transfer quoting a notice's
/// RF): recorded as a payment that succeeded at once, its purpose fulfilled, receipted and
/// its receipt e-mailed to `payer_email`, all in the caller's transaction. Returns the
/// payment's id and whether it fulfilled the purpose (`false`: paid twice, kept for a
/// refund, as for cards).
pub async fn record_received_payment(
    tx: &mut sqlx::AnyConnection,
    purposes: &Purposes,
    received: Received<'_>,
) -> Result<(String, bool), PaymentError> {
    let purpose = purposes.get(received.kind)?;
    let id = uuid::Uuid::new_v4().to_string();
    let now = now_ms();
    let description = purpose.describe(&mut *tx, received.purpose_id).await?;
    let debtor = purpose.debtor(&mut *tx, received.purpose_id).await?;
    sqlx::query(
        "INSERT INTO payments (id, purpose_kind, purpose_id, amount_cents, state, method, \
         provider_ref, created_at_ms, updated_at_ms, payer_search, payer_email, description_el, \
         description_en, debtor_afm) \
         VALUES ($1, $2, $3, $4, 'success', $5, $6, $7, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&id)
    .bind(received.kind)
    .bind(received.purpose_id)
    .bind(received.amount.cents())
    .bind(received.method)
    .bind(received.provider_ref)
    .bind(now)
    .bind(
        received
            .payer_name
            .map(crate::domain::submission::search_key),
    )
    .bind(received.payer_email)
    .bind(description.as_ref().map(|d| d.el.as_str()))
    .bind(description.as_ref().map(|d| d.en.as_str()))
    .bind(debtor)
    .execute(&mut *tx)
    .await?;
    let fulfilled = purpose.fulfil(&mut *tx, received.purpose_id, &id).await?;
    if !fulfilled {
        sqlx::query("UPDATE payments SET paid_twice = 1 WHERE id = $1")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
    }
    issue_receipt(&mut *tx, &id, now).await?;
    log_event(
        &mut *tx,
        &id,
        received.method.as_str(),
        "received",
        "success",
        None,
    )
    .await?;
    Ok((id, fulfilled))
}

/// A payment received by other means than the card gateway.
#[derive(Clone, Copy, Debug)]
pub struct Received<'a> {
    pub kind: PurposeKind,
    pub purpose_id: &'a str,
    pub amount: Money,
    pub method: crate::domain::payment::PaymentMethod,
    /// The bank's reference for the money, or the POS terminal's authorisation code.
    pub provider_ref: &'a str,
    pub payer_name: Option<&'a str>,
    pub payer_email: Option<&'a str>,
}

impl Db {
    /// Creates a payment for what the purpose owes now, or returns the payer's unfinished
    /// one for the same purpose: starting again reuses it instead of paying twice.
    #[tracing::instrument(skip_all)]
    pub async fn create_payment(
        &self,
        purposes: &Purposes,
        kind: PurposeKind,
        purpose_id: &str,
        payer_id: Option<&str>,
    ) -> Result<Payment, PaymentError> {
        self.create_payment_for(purposes, kind, purpose_id, Payer::account(payer_id))
            .await
    }

    /// As [`Db::create_payment`], for any kind of payer (a guest too).
    pub async fn create_payment_for(
        &self,
        purposes: &Purposes,
        kind: PurposeKind,
        purpose_id: &str,
        payer: Payer<'_>,
    ) -> Result<Payment, PaymentError> {
        let mut tx = self.begin().await?;
        let id = open_payment_in(&mut tx, purposes, kind, purpose_id, payer).await?;
        tx.commit().await?;
        self.payment(&id).await?.ok_or(PaymentError::NotFound)
    }

    pub async fn payment(&self, id: &str) -> Result<Option<Payment>, sqlx::Error> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM payments WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await
    }

    /// Applies a report. Success fulfils the purpose and issues the receipt in the same
    /// transaction; a duplicate or late report is logged and changes nothing; a report whose
    /// amount differs from the stored one is refused.
    #[tracing::instrument(skip_all)]
    pub async fn record_payment_report(
        &self,
        purposes: &Purposes,
        payment_id: &str,
        report: Report<'_>,
    ) -> Result<PaymentState, PaymentError> {
        let mut tx = self.begin().await?;
        let payment = lock_payment(&mut tx, payment_id)
            .await?
            .ok_or(PaymentError::NotFound)?;
        let event = event_name(report.event);
        if let (Some(reported), Some(stored)) = (report.provider_order, &payment.provider_order) {
            if reported != stored {
                drop(tx);
                tracing::warn!(
                    payment = payment_id,
                    "payment report refused: another order"
                );
                return Err(PaymentError::OrderMismatch);
            }
        }
        if report
            .amount
            .is_some_and(|amount| amount != payment.amount())
        {
            drop(tx);
            tracing::warn!(
                payment = payment_id,
                "payment report refused: amount differs"
            );
            return Err(PaymentError::AmountMismatch);
        }
        let current = payment.state();
        let next = match current.apply(report.event) {
            Ok(Transition::To(next)) => next,
            Ok(Transition::Unchanged) | Err(_) => {
                log_event(&mut tx, payment_id, report.source, event, "ignored", None).await?;
                tx.commit().await?;
                return Ok(current);
            }
        };
        let now = now_ms();
        sqlx::query(
            "UPDATE payments SET state = $1, provider_ref = COALESCE($2, provider_ref), \
             failure_code = $3, failure_message = $4, updated_at_ms = $5 WHERE id = $6 AND state = $7",
        )
        .bind(next.as_str())
        .bind(report.provider_ref)
        .bind(report.failure_code)
        .bind(report.failure_message)
        .bind(now)
        .bind(payment_id)
        .bind(current.as_str())
        .execute(&mut *tx)
        .await?;
        if next == PaymentState::Success {
            let fulfilled = purposes
                .get(payment.purpose_kind)?
                .fulfil(&mut tx, &payment.purpose_id, payment_id)
                .await?;
            if !fulfilled {
                // The money came in all the same: receipted, and flagged for a refund.
                sqlx::query("UPDATE payments SET paid_twice = 1 WHERE id = $1")
                    .bind(payment_id)
                    .execute(&mut *tx)
                    .await?;
                log_event(
                    &mut tx,
                    payment_id,
                    report.source,
                    "paid_twice",
                    "success",
                    None,
                )
                .await?;
                tracing::warn!(payment = payment_id, "purpose already paid: refund needed");
            }
            issue_receipt(&mut tx, payment_id, now).await?;
        } else if next.is_final() {
            purposes
                .get(payment.purpose_kind)?
                .abandon(&mut tx, &payment.purpose_id, next)
                .await?;
        }
        log_event(
            &mut tx,
            payment_id,
            report.source,
            event,
            next.as_str(),
            report.failure_code,
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Settles payments left unfinished for longer than `max_age_ms`: the bank's answer to a
    /// status query decides; with none, the payment expires. Returns how many were settled.
    /// Safe with several instances: reports are idempotent and serialised per payment.
    #[tracing::instrument(skip_all)]
    pub async fn settle_stale_payments(
        &self,
        purposes: &Purposes,
        gateway: &dyn crate::backend::gateway::PaymentGateway,
        max_age_ms: i64,
        now: i64,
    ) -> Result<usize, sqlx::Error> {
        let stale: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM payments WHERE state IN ('created', 'started') AND created_at_ms < $1",
        )
        .bind(now - max_age_ms)
        .fetch_all(self.pool())
        .await?;
        let mut settled = 0;
        for id in stale {
            match self.settle_payment(purposes, gateway, &id, true).await {
                Ok(Some(_)) => settled += 1,
                Ok(None) => {}
                Err(PaymentError::Db(e)) => return Err(e),
                Err(error) => tracing::warn!(%error, payment = %id, "stale payment not settled"),
            }
        }
        Ok(settled)
    }

    /// Asks the bank about one payment and records its answer. With no outcome at the bank,
    /// `expire` ends the payment as timed out; otherwise it stays as it is. Returns the new
    /// state when something was recorded (`None`: the bank could not say, or had no news).
    pub async fn settle_payment(
        &self,
        purposes: &Purposes,
        gateway: &dyn crate::backend::gateway::PaymentGateway,
        payment_id: &str,
        expire: bool,
    ) -> Result<Option<PaymentState>, PaymentError> {
        let payment = self
            .payment(payment_id)
            .await?
            .ok_or(PaymentError::NotFound)?;
        let refunded = Money::ZERO;
        let at_bank = crate::backend::gateway::PaymentAtBank {
            id: &payment.id,
            amount: payment.amount(),
            provider_order: payment.provider_order.as_deref(),
            provider_ref: payment.provider_ref.as_deref(),
            refunded,
        };
        let answer = match gateway.query(at_bank).await {
            Ok(answer) => answer,
            Err(error) => {
                // The bank cannot say: leave it for the next round rather than expire a
                // payment that may have gone through.
                tracing::warn!(%error, payment = %payment.id, "status query failed");
                return Ok(None);
            }
        };
        let report = match &answer {
            Some(bank) => Report::from_bank(bank, "status_query"),
            None if expire => Report {
                amount: Some(payment.amount()),
                ..Report::own(PaymentEvent::TimedOut, "cleanup")
            },
            None => return Ok(None),
        };
        self.record_payment_report(purposes, &payment.id, report)
            .await
            .map(Some)
    }

    /// Remembers the language the payer pays in (their receipt e-mail is written in it).
    pub async fn set_payer_language(
        &self,
        payment_id: &str,
        lang: crate::domain::Lang,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE payments SET payer_lang = $1 WHERE id = $2")
            .bind(lang.code())
            .bind(payment_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Remembers the bank's order for a payment sent there.
    pub async fn set_provider_order(
        &self,
        payment_id: &str,
        order: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE payments SET provider_order = $1 WHERE id = $2")
            .bind(order)
            .bind(payment_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The payment the bank knows by `order`.
    pub async fn payment_by_order(&self, order: &str) -> Result<Option<Payment>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM payments WHERE provider_order = $1"
        ))
        .bind(order)
        .fetch_optional(self.pool())
        .await
    }

    /// A payment's outcome for its payer (an account holder, or a guest — `None` — whose
    /// pass the caller has checked); `None` for anyone else's.
    pub async fn payment_summary(
        &self,
        payment_id: &str,
        payer_id: Option<&str>,
    ) -> Result<Option<crate::views::payments::PaymentSummary>, sqlx::Error> {
        const SELECT: &str = "SELECT p.id, p.purpose_kind, p.purpose_id, p.amount_cents, \
             p.state, p.failure_message, r.number AS receipt FROM payments p \
             LEFT JOIN receipts r ON r.payment_id = p.id WHERE p.id = $1";
        match payer_id {
            Some(payer_id) => {
                sqlx::query_as(&format!("{SELECT} AND p.payer_id = $2"))
                    .bind(payment_id)
                    .bind(payer_id)
                    .fetch_optional(self.pool())
                    .await
            }
            None => {
                sqlx::query_as(&format!("{SELECT} AND p.payer_id IS NULL"))
                    .bind(payment_id)
                    .fetch_optional(self.pool())
                    .await
            }
        }
    }

    /// "My payments": the payer's payments, newest first.
    pub async fn payments_of(
        &self,
        payer_id: &str,
    ) -> Result<Vec<crate::views::payments::PaymentLine>, sqlx::Error> {
        sqlx::query_as(
            "SELECT p.id, p.purpose_kind, p.amount_cents, p.state, r.number AS receipt, \
             p.created_at_ms, p.description_el, p.description_en FROM payments p \
             LEFT JOIN receipts r ON r.payment_id = p.id \
             WHERE p.payer_id = $1 ORDER BY p.created_at_ms DESC LIMIT 200",
        )
        .bind(payer_id)
        .fetch_all(self.pool())
        .await
    }

    /// Test fees not yet paid (demonstration mode).
    pub async fn unpaid_test_items(
        &self,
    ) -> Result<Vec<crate::views::payments::TestItem>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, description, amount_cents FROM payment_test_items WHERE paid_by IS NULL \
             ORDER BY description",
        )
        .fetch_all(self.pool())
        .await
    }

    pub async fn receipt_of(&self, payment_id: &str) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT number FROM receipts WHERE payment_id = $1")
            .bind(payment_id)
            .fetch_optional(self.pool())
            .await
    }
}
