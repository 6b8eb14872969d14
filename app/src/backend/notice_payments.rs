//! Paying a notice: the whole amount printed on it, while its RF is accepted (open, not past
//! its date) and every debt on it is still unpaid; success marks the notice and each of its
//! debts paid in the transaction that records it, or nothing (paid twice, for a refund).

use super::debt_payments::{paid_items_text, PaidItem};
use super::debts::{afm_proved_to, log_debt_event};
use super::now_ms;
use super::payments::{DbFuture, Description, Payer, PaymentPurpose};
use crate::domain::notice::{rf_accepted, NoticeState};
use crate::domain::payment::PurposeKind;
use crate::domain::time::parse_iso_date;
use crate::domain::{Lang, Money, RfReference};
use sqlx::Connection;

/// What paying a notice paid, in both languages: its RF, the debtor and every debt.
pub(super) fn notice_description(rf: &str, afm: &str, items: &[PaidItem]) -> Description {
    let rf = RfReference::parse(rf)
        .map(|r| r.grouped())
        .unwrap_or_else(|_| rf.to_owned());
    Description::new(
        format!(
            "Ειδοποιητήριο {rf}, ΑΦΜ {afm}: {}",
            paid_items_text(items, Lang::El)
        ),
        format!(
            "Notice {rf}, VAT no. {afm}: {}",
            paid_items_text(items, Lang::En)
        ),
    )
}

/// A notice as a payment purpose: the purpose id is the notice's id.
pub struct NoticePurpose;

#[derive(sqlx::FromRow)]
struct Payable {
    state: NoticeState,
    pay_by: String,
    amount_cents: i64,
    items: i64,
    unpaid: i64,
}

impl PaymentPurpose for NoticePurpose {
    fn kind(&self) -> PurposeKind {
        PurposeKind::Notice
    }

    fn amount<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Money>> {
        Box::pin(async move {
            let notice: Option<Payable> = sqlx::query_as(
                "SELECT n.state, n.pay_by, n.amount_cents, \
                 (SELECT COUNT(*) FROM notice_items i WHERE i.notice_id = n.id) AS items, \
                 (SELECT COUNT(*) FROM notice_items i JOIN debts d ON d.id = i.debt_id \
                  WHERE i.notice_id = n.id AND d.state IN ('open', 'partly_paid') \
                  AND d.paid_by IS NULL AND d.notice_id = n.id) AS unpaid \
                 FROM notices n WHERE n.id = $1",
            )
            .bind(purpose_id)
            .fetch_optional(tx)
            .await?;
            let Some(notice) = notice else {
                return Ok(None);
            };
            let today = super::today();
            let pay_by = parse_iso_date(&notice.pay_by).unwrap_or(today);
            let accepted = rf_accepted(notice.state, pay_by, today).is_ok();
            Ok(
                (accepted && notice.items > 0 && notice.unpaid == notice.items)
                    .then(|| Money::from_cents(notice.amount_cents)),
            )
        })
    }

    /// The notice's RF and every debt on it: the receipt lists them all.
    fn describe<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Description>> {
        Box::pin(async move {
            let head: Option<(String, String)> =
                sqlx::query_as("SELECT rf, afm FROM notices WHERE id = $1")
                    .bind(purpose_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((rf, afm)) = head else {
                return Ok(None);
            };
            let items: Vec<PaidItem> = sqlx::query_as(
                "SELECT d.municipality_ref AS reference, d.description, c.name_el AS category_el, \
                 c.name_en AS category_en, i.amount_cents FROM notice_items i \
                 JOIN debts d ON d.id = i.debt_id JOIN debt_categories c ON c.code = d.category \
                 WHERE i.notice_id = $1 ORDER BY d.due_date, d.municipality_ref, d.id",
            )
            .bind(purpose_id)
            .fetch_all(&mut *tx)
            .await?;
            Ok(Some(notice_description(&rf, &afm, &items)))
        })
    }

    fn debtor<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<String>> {
        Box::pin(async move {
            sqlx::query_scalar("SELECT afm FROM notices WHERE id = $1")
                .bind(purpose_id)
                .fetch_optional(tx)
                .await
        })
    }

    /// The notice and every debt on it paid by this payment, or nothing: when the notice
    /// was paid, replaced or cancelled meanwhile, or one of its debts paid otherwise, this
    /// payment is kept as paid twice.
    fn fulfil<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        payment_id: &'a str,
    ) -> DbFuture<'a, bool> {
        Box::pin(async move {
            // A savepoint: a partial update is undone without losing the payment's record.
            let mut inner = tx.begin().await?;
            let now = now_ms();
            let notice = sqlx::query(
                "UPDATE notices SET state = 'paid', paid_by = $1, updated_at_ms = $2 \
                 WHERE id = $3 AND state = 'open' AND paid_by IS NULL",
            )
            .bind(payment_id)
            .bind(now)
            .bind(purpose_id)
            .execute(&mut *inner)
            .await?
            .rows_affected();
            let items: Vec<(String, i64)> = sqlx::query_as(
                "SELECT debt_id, amount_cents FROM notice_items WHERE notice_id = $1",
            )
            .bind(purpose_id)
            .fetch_all(&mut *inner)
            .await?;
            let debts = sqlx::query(
                "UPDATE debts SET state = 'paid', paid_by = $1, updated_at_ms = $2 \
                 WHERE id IN (SELECT debt_id FROM notice_items WHERE notice_id = $3) \
                 AND state IN ('open', 'partly_paid') AND paid_by IS NULL",
            )
            .bind(payment_id)
            .bind(now)
            .bind(purpose_id)
            .execute(&mut *inner)
            .await?
            .rows_affected();
            if notice != 1 || items.is_empty() || usize::try_from(debts).ok() != Some(items.len()) {
                inner.rollback().await?;
                return Ok(false);
            }
            for (debt_id, cents) in items {
                let detail = format!(
                    "payment {payment_id} · notice {purpose_id} · {}",
                    Money::from_cents(cents).as_decimal()
                );
                log_debt_event(&mut inner, &debt_id, "system", "paid", Some(&detail), now).await?;
            }
            inner.commit().await?;
            Ok(true)
        })
    }

    /// Someone to whom the notice's ΑΦΜ is proved (its debtor, or a business's
    /// representative); a bank transfer quoting the RF needs no account.
    fn may_pay<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        payer: Payer<'a>,
    ) -> DbFuture<'a, bool> {
        Box::pin(async move {
            let Some(payer_id) = payer.account_id() else {
                return Ok(false);
            };
            let afm: Option<String> = sqlx::query_scalar("SELECT afm FROM notices WHERE id = $1")
                .bind(purpose_id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(afm) = afm else {
                return Ok(false);
            };
            afm_proved_to(tx, &afm, payer_id).await
        })
    }
}
