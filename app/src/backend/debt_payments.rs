//! Paying debts of the register: one payment pays one or several debts of one debtor, each
//! at the amount it owed when the payment was created; success marks every one of them
//! paid in the transaction that records it, or none (another payment got there first).

use super::debts::{afm_proved_to, log_debt_event};
use super::payments::{open_payment_in, DbFuture, Description, Payer, PaymentPurpose, Purposes};
use super::{now_ms, Db};
use crate::domain::debt::{amount_due, split_part_payment, DebtKind, DebtState, InterestRate};
use crate::domain::payment::PurposeKind;
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::Money;
use sqlx::Connection;

/// Most debts one payment pays (the receipt lists each).
pub const MAX_DEBTS_PER_PAYMENT: usize = 100;

/// Why a set of debts cannot be paid.
#[derive(Debug)]
pub enum DebtPayError {
    /// None chosen, or more than [`MAX_DEBTS_PER_PAYMENT`].
    Choice,
    /// A debt that is not this debtor's (or not there at all): "not found".
    NotFound,
    /// A chosen debt is paid, cancelled or in a settlement plan already.
    NotPayable,
    /// A part payment that is not less than what the debt owes (given).
    NotLess(Money),
    Payment(super::payments::PaymentError),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for DebtPayError {
    fn from(e: sqlx::Error) -> Self {
        DebtPayError::Db(e)
    }
}

impl From<super::payments::PaymentError> for DebtPayError {
    fn from(e: super::payments::PaymentError) -> Self {
        DebtPayError::Payment(e)
    }
}

#[derive(sqlx::FromRow)]
struct Chosen {
    id: String,
    kind: DebtKind,
    principal_cents: i64,
    due_date: String,
    state: DebtState,
}

impl Db {
    /// Opens one payment for the chosen debts of `afm` (which the caller has checked is
    /// proved to be the payer's), each at what it owes `on`; returns the payment's id.
    pub async fn pay_debts(
        &self,
        purposes: &Purposes,
        afm: &str,
        debt_ids: &[String],
        payer_id: &str,
        on: Date,
    ) -> Result<String, DebtPayError> {
        let mut ids: Vec<&String> = debt_ids.iter().collect();
        ids.sort();
        ids.dedup();
        if ids.is_empty() || ids.len() > MAX_DEBTS_PER_PAYMENT {
            return Err(DebtPayError::Choice);
        }
        let mut tx = self.begin().await?;
        let rates = self.debt_interest_rates().await?;
        let chosen: Vec<&str> = ids.iter().map(|id| id.as_str()).collect();
        let (set_id, _) =
            make_debt_set(&mut tx, afm, &chosen, Some(payer_id), on, &rates, None).await?;
        let payment_id = open_payment_in(
            &mut tx,
            purposes,
            PurposeKind::Debts,
            &set_id,
            Payer::Account(payer_id),
        )
        .await?;
        tx.commit().await?;
        Ok(payment_id)
    }
}

/// Records a set of `afm`'s chosen debts (`ids`, distinct, at most
/// [`MAX_DEBTS_PER_PAYMENT`]), each at what it owes `on`, as what one payment pays; returns
/// the set's id and its total. With `part` (one debt only), the set pays that much of it:
/// less than it owes, divided between principal and interest by [`split_part_payment`].
pub(super) async fn make_debt_set(
    tx: &mut sqlx::AnyConnection,
    afm: &str,
    ids: &[&str],
    payer_id: Option<&str>,
    on: Date,
    rates: &[InterestRate],
    part: Option<Money>,
) -> Result<(String, Money), DebtPayError> {
    if ids.is_empty() || ids.len() > MAX_DEBTS_PER_PAYMENT || (part.is_some() && ids.len() != 1) {
        return Err(DebtPayError::Choice);
    }
    let list: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT id, kind, principal_cents - paid_principal_cents AS principal_cents, due_date, \
         state FROM debts WHERE afm = $1 AND id IN ({})",
        list.join(", ")
    );
    let mut query = sqlx::query_as::<_, Chosen>(&sql).bind(afm);
    for id in ids {
        query = query.bind(*id);
    }
    let chosen = query.fetch_all(&mut *tx).await?;
    if chosen.len() != ids.len() {
        return Err(DebtPayError::NotFound);
    }
    if chosen.iter().any(|d| !d.state.is_payable()) {
        return Err(DebtPayError::NotPayable);
    }
    let set_id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO debt_payments (id, afm, payer_id, created_at_ms) VALUES ($1, $2, $3, $4)",
    )
    .bind(&set_id)
    .bind(afm)
    .bind(payer_id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    let mut total = Money::ZERO;
    for debt in &chosen {
        let due_date = parse_iso_date(&debt.due_date).unwrap_or(on);
        let remaining = Money::from_cents(debt.principal_cents);
        let due = amount_due(debt.kind, remaining, due_date, on, rates);
        let (principal, interest, amount, settles) = match part {
            None => (due.principal, due.interest, due.total, true),
            Some(paid) => {
                let split =
                    split_part_payment(paid, &due).ok_or(DebtPayError::NotLess(due.total))?;
                (split.principal, split.interest, paid, false)
            }
        };
        total = total.checked_add(amount).ok_or(DebtPayError::Choice)?;
        sqlx::query(
            "INSERT INTO debt_payment_items (debt_payment_id, debt_id, principal_cents, \
             interest_cents, amount_cents, settles, remaining_cents) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&set_id)
        .bind(&debt.id)
        .bind(principal.cents())
        .bind(interest.cents())
        .bind(amount.cents())
        .bind(i64::from(settles))
        .bind(remaining.cents())
        .execute(&mut *tx)
        .await?;
    }
    Ok((set_id, total))
}

/// Debts of the register as a payment purpose: the purpose id names a set of debts.
pub struct DebtsPurpose;

/// One debt of a set as paying it reads it.
#[derive(sqlx::FromRow)]
struct SetItem {
    debt_id: String,
    principal_cents: i64,
    amount_cents: i64,
    settles: i64,
    remaining_cents: i64,
}

/// A debt as a receipt lists it: reference, category, description, amount paid.
#[derive(sqlx::FromRow)]
pub(super) struct PaidItem {
    pub reference: Option<String>,
    pub description: String,
    pub category_el: String,
    pub category_en: String,
    pub amount_cents: i64,
}

/// The debts a payment paid, as one line of the receipt in `lang`.
pub(super) fn paid_items_text(items: &[PaidItem], lang: crate::domain::Lang) -> String {
    items
        .iter()
        .map(|item| {
            let category = match lang {
                crate::domain::Lang::El => &item.category_el,
                crate::domain::Lang::En => &item.category_en,
            };
            format!(
                "{} · {category} · {} · {}",
                item.reference.as_deref().unwrap_or("—"),
                item.description,
                Money::from_cents(item.amount_cents).format(lang)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl PaymentPurpose for DebtsPurpose {
    fn kind(&self) -> PurposeKind {
        PurposeKind::Debts
    }

    /// The amounts fixed when the set was made, while every debt in it is still payable.
    fn amount<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Money>> {
        Box::pin(async move {
            let (items, payable, cents): (i64, i64, Option<i64>) = sqlx::query_as(
                "SELECT COUNT(*), \
                 CAST(COALESCE(SUM(CASE WHEN d.state IN ('open', 'partly_paid') \
                      AND d.paid_by IS NULL AND d.principal_cents - d.paid_principal_cents = \
                      COALESCE(i.remaining_cents, i.principal_cents) THEN 1 ELSE 0 END), 0) \
                      AS BIGINT), \
                 CAST(SUM(i.amount_cents) AS BIGINT) \
                 FROM debt_payment_items i JOIN debts d ON d.id = i.debt_id \
                 WHERE i.debt_payment_id = $1",
            )
            .bind(purpose_id)
            .fetch_one(tx)
            .await?;
            Ok(match cents {
                Some(cents) if items > 0 && payable == items && cents > 0 => {
                    Some(Money::from_cents(cents))
                }
                _ => None,
            })
        })
    }

    /// Every debt paid, with its reference, category, description and amount: the
    /// receipt lists them all.
    fn describe<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Description>> {
        Box::pin(async move {
            let afm: Option<String> =
                sqlx::query_scalar("SELECT afm FROM debt_payments WHERE id = $1")
                    .bind(purpose_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(afm) = afm else {
                return Ok(None);
            };
            let items: Vec<PaidItem> = sqlx::query_as(
                "SELECT d.municipality_ref AS reference, d.description, c.name_el AS category_el, \
                 c.name_en AS category_en, i.amount_cents FROM debt_payment_items i \
                 JOIN debts d ON d.id = i.debt_id JOIN debt_categories c ON c.code = d.category \
                 WHERE i.debt_payment_id = $1 ORDER BY d.due_date, d.municipality_ref",
            )
            .bind(purpose_id)
            .fetch_all(&mut *tx)
            .await?;
            Ok(Some(Description::new(
                format!(
                    "Οφειλές ΑΦΜ {afm}: {}",
                    paid_items_text(&items, crate::domain::Lang::El)
                ),
                format!(
                    "Debts of VAT no. {afm}: {}",
                    paid_items_text(&items, crate::domain::Lang::En)
                ),
            )))
        })
    }

    fn debtor<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<String>> {
        Box::pin(async move {
            sqlx::query_scalar("SELECT afm FROM debt_payments WHERE id = $1")
                .bind(purpose_id)
                .fetch_optional(tx)
                .await
        })
    }

    /// Every debt of the set paid by this payment, or none: when another payment paid one
    /// of them first, nothing is marked and this payment is kept as paid twice.
    fn fulfil<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        payment_id: &'a str,
    ) -> DbFuture<'a, bool> {
        Box::pin(async move {
            let items: Vec<SetItem> = sqlx::query_as(
                "SELECT debt_id, principal_cents, amount_cents, settles, \
                 COALESCE(remaining_cents, principal_cents) AS remaining_cents \
                 FROM debt_payment_items WHERE debt_payment_id = $1",
            )
            .bind(purpose_id)
            .fetch_all(&mut *tx)
            .await?;
            // A savepoint: a partial update is undone without losing the payment's record.
            let mut inner = tx.begin().await?;
            let now = now_ms();
            for item in &items {
                // Each debt only while it still has the principal left that the item was
                // reckoned on: another payment (in full or in part) got there first otherwise.
                let marked = if item.settles != 0 {
                    sqlx::query(
                        "UPDATE debts SET state = 'paid', paid_by = $1, updated_at_ms = $2 \
                         WHERE id = $3 AND state IN ('open', 'partly_paid') AND paid_by IS NULL \
                         AND principal_cents - paid_principal_cents = $4",
                    )
                    .bind(payment_id)
                    .bind(now)
                    .bind(&item.debt_id)
                    .bind(item.remaining_cents)
                    .execute(&mut *inner)
                    .await?
                } else {
                    sqlx::query(
                        "UPDATE debts SET state = 'partly_paid', updated_at_ms = $1, \
                         paid_principal_cents = paid_principal_cents + $2 \
                         WHERE id = $3 AND state IN ('open', 'partly_paid') AND paid_by IS NULL \
                         AND principal_cents - paid_principal_cents = $4",
                    )
                    .bind(now)
                    .bind(item.principal_cents)
                    .bind(&item.debt_id)
                    .bind(item.remaining_cents)
                    .execute(&mut *inner)
                    .await?
                }
                .rows_affected();
                if marked != 1 {
                    inner.rollback().await?;
                    return Ok(false);
                }
                let detail = format!(
                    "payment {payment_id} · {}",
                    Money::from_cents(item.amount_cents).as_decimal()
                );
                let action = if item.settles != 0 {
                    "paid"
                } else {
                    "partly_paid"
                };
                log_debt_event(
                    &mut inner,
                    &item.debt_id,
                    "system",
                    action,
                    Some(&detail),
                    now,
                )
                .await?;
                super::notices::withdraw_notice_of(&mut inner, &item.debt_id, now).await?;
            }
            if items.is_empty() {
                inner.rollback().await?;
                return Ok(false);
            }
            inner.commit().await?;
            Ok(true)
        })
    }

    /// Only the account that made the set, while the debtor is still proved to be theirs.
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
            let afm: Option<String> =
                sqlx::query_scalar("SELECT afm FROM debt_payments WHERE id = $1 AND payer_id = $2")
                    .bind(purpose_id)
                    .bind(payer_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(afm) = afm else {
                return Ok(false);
            };
            afm_proved_to(tx, &afm, payer_id).await
        })
    }
}
