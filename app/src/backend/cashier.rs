//! The cashier's queries: payments filtered by state, purpose, date, amount and payer,
//! totals per day and per purpose, a payment's event history, and refunds through the bank.

use super::filter::Where;
use super::gateway::{PaymentAtBank, PaymentGateway, RefundAnswer};
use super::payments::{lock_payment, log_event};
use super::{now_ms, Db};
use crate::backend::audit::Actor;
use crate::domain::payment::{
    check_refund, refund_label, PaymentState, PurposeKind, RefundRefusal, RefundState,
};
use crate::domain::time::local_date;
use crate::domain::Money;
use crate::views::payments::{CashierRow, EventLine, RefundLine, Total};
use std::collections::BTreeMap;

/// How many payments one page of the cashier's list shows.
pub const PAGE_SIZE: i64 = 50;

/// A parsed filter: every field optional, all of them must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentFilter {
    /// One payment by id (its page).
    pub id: Option<String>,
    pub state: Option<PaymentState>,
    pub purpose: Option<PurposeKind>,
    /// From local midnight of the first day, inclusive.
    pub from_ms: Option<i64>,
    /// To local midnight after the last day, exclusive.
    pub to_ms: Option<i64>,
    pub min: Option<Money>,
    pub max: Option<Money>,
    /// Folded with `search_key`: part of the payer's name, e-mail or ΑΦΜ.
    pub payer: Option<String>,
    /// Only payments that need the cashier.
    pub attention: Option<Attention>,
}

/// Payments that wait for a cashier's action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attention {
    /// Paid twice (a second payer, a purpose already settled) and not refunded in full.
    PaidTwice,
    /// A refund was asked of the bank and is not confirmed yet.
    RefundPending,
}

impl Attention {
    pub fn parse(text: &str) -> Option<Attention> {
        match text {
            "paid_twice" => Some(Attention::PaidTwice),
            "refund_pending" => Some(Attention::RefundPending),
            _ => None,
        }
    }
}

/// Over `payments p`: less has been refunded than was paid.
pub const NOT_FULLY_REFUNDED: &str = "p.amount_cents > CAST(COALESCE((SELECT SUM(f.amount_cents) \
     FROM payment_refunds f WHERE f.payment_id = p.id AND f.state = 'succeeded'), 0) AS BIGINT)";

impl PaymentFilter {
    /// The conditions over `payments p`.
    fn clause(&self) -> Where {
        let mut filter = Where::new();
        if let Some(id) = &self.id {
            filter.text("p.id = ?", id.clone());
        }
        if let Some(state) = self.state {
            filter.text("p.state = ?", state.as_str());
        }
        if let Some(purpose) = self.purpose {
            filter.text("p.purpose_kind = ?", purpose.as_str());
        }
        if let Some(from) = self.from_ms {
            filter.int("p.created_at_ms >= ?", from);
        }
        if let Some(to) = self.to_ms {
            filter.int("p.created_at_ms < ?", to);
        }
        if let Some(min) = self.min {
            filter.int("p.amount_cents >= ?", min.cents());
        }
        if let Some(max) = self.max {
            filter.int("p.amount_cents <= ?", max.cents());
        }
        if let Some(payer) = &self.payer {
            filter.text(
                "p.payer_search LIKE ? ESCAPE '\\'",
                crate::domain::submission::contains_pattern(payer),
            );
        }
        match self.attention {
            Some(Attention::PaidTwice) => {
                filter.sql(&format!("p.paid_twice = 1 AND {NOT_FULLY_REFUNDED}"));
            }
            Some(Attention::RefundPending) => filter.sql(
                "EXISTS (SELECT 1 FROM payment_refunds f WHERE f.payment_id = p.id \
                 AND f.state = 'pending')",
            ),
            None => {}
        }
        filter
    }
}

const REFUNDED: &str = "CAST(COALESCE((SELECT SUM(f.amount_cents) FROM payment_refunds f \
     WHERE f.payment_id = p.id AND f.state = 'succeeded'), 0) AS BIGINT)";

/// Per-day and per-purpose totals of successful payments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub by_day: Vec<Total>,
    pub by_purpose: Vec<Total>,
    pub all: Total,
}

#[derive(Debug, thiserror::Error)]
pub enum RefundError {
    #[error("payment not found")]
    NotFound,
    #[error("refund refused: {0}")]
    Refused(RefundRefusal),
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

/// What became of a refund request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefundOutcome {
    Refunded {
        number: String,
    },
    /// The bank said no, with its reason.
    Declined {
        message: String,
    },
    /// The bank did not answer: the amount stays reserved until asked again.
    Pending,
}

impl Db {
    /// One page of payments matching `filter`, newest first, and how many match in all.
    pub async fn cashier_payments(
        &self,
        filter: &PaymentFilter,
        page: i64,
    ) -> Result<(Vec<CashierRow>, i64), sqlx::Error> {
        let rows = self.payment_rows(filter, Some(page)).await?;
        let clause = filter.clause();
        let sql = format!("SELECT COUNT(*) FROM payments p {}", clause.clause());
        let total: i64 = clause
            .bind_scalar(sqlx::query_scalar(&sql))
            .fetch_one(self.pool())
            .await?;
        Ok((rows, total))
    }

    /// Matching payments, newest first: one page, or all of them (`page: None`, for export).
    pub async fn payment_rows(
        &self,
        filter: &PaymentFilter,
        page: Option<i64>,
    ) -> Result<Vec<CashierRow>, sqlx::Error> {
        let clause = filter.clause();
        let limit = match page {
            Some(page) => format!(
                " LIMIT {PAGE_SIZE} OFFSET {}",
                page.max(0).saturating_mul(PAGE_SIZE)
            ),
            None => String::new(),
        };
        let sql = format!(
            "SELECT p.id, p.purpose_kind, p.purpose_id, p.amount_cents, p.state, p.created_at_ms, \
             u.full_name AS payer_name, u.email AS payer_email, r.number AS receipt, \
             p.provider_ref, {REFUNDED} AS refunded_cents FROM payments p \
             LEFT JOIN users u ON u.id = p.payer_id LEFT JOIN receipts r ON r.payment_id = p.id \
             WHERE {} ORDER BY p.created_at_ms DESC, p.id{limit}",
            clause.conditions()
        );
        clause
            .bind_as(sqlx::query_as(&sql))
            .fetch_all(self.pool())
            .await
    }

    /// Totals of the successful payments matching `filter` (a state filter other than
    /// success leaves them empty): count, paid, refunded, per local day and per purpose.
    pub async fn payment_totals(&self, filter: &PaymentFilter) -> Result<Totals, sqlx::Error> {
        let clause = filter.clause();
        let sql = format!(
            "SELECT p.created_at_ms, p.purpose_kind, p.amount_cents, {REFUNDED} FROM payments p \
             WHERE {} AND p.state = 'success'",
            clause.conditions()
        );
        let rows: Vec<(i64, PurposeKind, Money, Money)> = clause
            .bind_as(sqlx::query_as(&sql))
            .fetch_all(self.pool())
            .await?;
        // Days in Greece follow summer time, which SQL engines do not share: sum here.
        let mut by_day: BTreeMap<(i64, u32, u32), Total> = BTreeMap::new();
        let mut by_purpose: BTreeMap<String, Total> = BTreeMap::new();
        let mut all = Total::default();
        for (at, purpose, paid, refunded) in rows {
            let date = local_date(at);
            let day_key = date.iso();
            for total in [
                by_day
                    .entry((date.year, date.month, date.day))
                    .or_insert_with(|| Total::named(&day_key)),
                by_purpose
                    .entry(purpose.as_str().to_owned())
                    .or_insert_with(|| Total::named(purpose.as_str())),
                &mut all,
            ] {
                total.add(paid, refunded);
            }
        }
        Ok(Totals {
            by_day: by_day.into_values().rev().collect(),
            by_purpose: by_purpose.into_values().collect(),
            all,
        })
    }

    /// Every report and action on a payment, oldest first.
    pub async fn payment_history(&self, payment_id: &str) -> Result<Vec<EventLine>, sqlx::Error> {
        sqlx::query_as(
            "SELECT at_ms, source, event, outcome, detail FROM payment_events \
             WHERE payment_id = $1 ORDER BY at_ms, id",
        )
        .bind(payment_id)
        .fetch_all(self.pool())
        .await
    }

    pub async fn refunds_of(&self, payment_id: &str) -> Result<Vec<RefundLine>, sqlx::Error> {
        sqlx::query_as(
            "SELECT f.id, f.amount_cents, f.reason, f.state, f.number, f.failure_message, \
             f.created_at_ms AS at_ms, COALESCE(u.full_name, '') AS actor FROM payment_refunds f \
             LEFT JOIN users u ON u.id = f.actor_id WHERE f.payment_id = $1 \
             ORDER BY f.created_at_ms, f.id",
        )
        .bind(payment_id)
        .fetch_all(self.pool())
        .await
    }

    /// Refunds `amount` of a successful payment through the bank. The amount is reserved
    /// first (in a transaction that serialises refunds of the payment), so concurrent
    /// refunds can never return more than was paid; then the bank is asked.
    #[tracing::instrument(skip_all)]
    pub async fn refund_payment(
        &self,
        gateway: &dyn PaymentGateway,
        payment_id: &str,
        amount: Money,
        reason: &str,
        actor_id: &str,
    ) -> Result<RefundOutcome, RefundError> {
        let mut tx = self.begin().await?;
        let payment = lock_payment(&mut tx, payment_id)
            .await?
            .ok_or(RefundError::NotFound)?;
        let reserved: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM payment_refunds \
             WHERE payment_id = $1 AND state IN ('pending', 'succeeded')",
        )
        .bind(payment_id)
        .fetch_one(&mut *tx)
        .await?;
        check_refund(
            payment.state(),
            payment.amount(),
            Money::from_cents(reserved),
            amount,
        )
        .map_err(RefundError::Refused)?;
        let refund_id = uuid::Uuid::new_v4().to_string();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO payment_refunds (id, payment_id, amount_cents, reason, actor_id, state, \
             created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6)",
        )
        .bind(&refund_id)
        .bind(payment_id)
        .bind(amount.cents())
        .bind(reason)
        .bind(actor_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let detail = format!("{} · {reason}", amount.cents());
        log_event(
            &mut tx,
            payment_id,
            "cashier",
            "refund_requested",
            "pending",
            Some(&detail),
        )
        .await?;
        self.audit(
            &mut *tx,
            &Actor::User(actor_id.to_owned()),
            "payment.refund_requested",
            Some(payment_id),
            Some(&detail),
        )
        .await?;
        tx.commit().await?;
        self.ask_bank_for_refund(gateway, &refund_id).await
    }

    /// Asks the bank (again) for a pending refund and records its answer. Asking twice is
    /// safe: the bank knows the refund by its id.
    #[tracing::instrument(skip_all)]
    pub async fn ask_bank_for_refund(
        &self,
        gateway: &dyn PaymentGateway,
        refund_id: &str,
    ) -> Result<RefundOutcome, RefundError> {
        let row: Option<(String, i64, String)> = sqlx::query_as(
            "SELECT payment_id, amount_cents, actor_id FROM payment_refunds \
             WHERE id = $1 AND state = 'pending'",
        )
        .bind(refund_id)
        .fetch_optional(self.pool())
        .await?;
        let (payment_id, cents, actor_id) = row.ok_or(RefundError::NotFound)?;
        let payment = self
            .payment(&payment_id)
            .await?
            .ok_or(RefundError::NotFound)?;
        let refunded: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM payment_refunds \
             WHERE payment_id = $1 AND state = 'succeeded'",
        )
        .bind(&payment_id)
        .fetch_one(self.pool())
        .await?;
        let at_bank = PaymentAtBank {
            id: &payment.id,
            amount: payment.amount(),
            provider_order: payment.provider_order.as_deref(),
            provider_ref: payment.provider_ref.as_deref(),
            refunded: Money::from_cents(refunded),
        };
        let answer = match gateway
            .refund(at_bank, refund_id, Money::from_cents(cents))
            .await
        {
            Ok(answer) => answer,
            Err(error) => {
                tracing::warn!(%error, refund = refund_id, "refund not confirmed by the bank");
                return Ok(RefundOutcome::Pending);
            }
        };
        let mut tx = self.begin().await?;
        let now = now_ms();
        let (outcome, state, provider_ref, message) = match answer {
            RefundAnswer::Refunded { provider_ref } => {
                let year = local_date(now).year;
                let sequence =
                    super::counters::next_value(&mut tx, &format!("refund:{year}")).await?;
                let number = refund_label(sequence, year);
                (
                    RefundOutcome::Refunded {
                        number: number.clone(),
                    },
                    RefundState::Succeeded,
                    Some(provider_ref),
                    None,
                )
            }
            RefundAnswer::Refused { message } => (
                RefundOutcome::Declined {
                    message: message.clone(),
                },
                RefundState::Failed,
                None,
                Some(message),
            ),
        };
        let number = match &outcome {
            RefundOutcome::Refunded { number } => Some(number.clone()),
            _ => None,
        };
        let updated = sqlx::query(
            "UPDATE payment_refunds SET state = $1, number = $2, provider_ref = $3, \
             failure_message = $4, updated_at_ms = $5 WHERE id = $6 AND state = 'pending'",
        )
        .bind(state)
        .bind(&number)
        .bind(&provider_ref)
        .bind(&message)
        .bind(now)
        .bind(refund_id)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            // Someone else recorded the answer meanwhile; their transaction numbered it.
            return Ok(outcome);
        }
        let detail = number.clone().or(message.clone());
        log_event(
            &mut tx,
            &payment_id,
            "cashier",
            "refund",
            state.as_str(),
            detail.as_deref(),
        )
        .await?;
        self.audit(
            &mut *tx,
            &Actor::User(actor_id),
            "payment.refund",
            Some(&payment_id),
            Some(&format!("{state} {}", detail.unwrap_or_default())),
        )
        .await?;
        tx.commit().await?;
        Ok(outcome)
    }
}
