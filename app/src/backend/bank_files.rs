//! The bank's camt.054 files: every transfer recorded once (by the bank's reference), an
//! exact, timely transfer quoting a live notice's RF paying it at once (payment of method
//! `bank_transfer`, receipt numbered and e-mailed to the debtor), every other transfer
//! queued for the cashier with its reason. A file that does not read is refused whole.

use super::audit::Actor;
use super::camt054::{read_camt054, CamtError};
use super::payments::{record_received_payment, PaymentError, Purposes, Received};
use super::{now_ms, Db};
use crate::domain::bank::{reconcile, BankEntry, Decision, NoticeFacts, QueueReason};
use crate::domain::notice::NoticeState;
use crate::domain::payment::{PaymentMethod, PurposeKind};
use crate::domain::time::parse_iso_date;
use crate::domain::{Money, RfReference};
use crate::views::bank::{BankFileView, QueuedTransfer};

/// What importing a file did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BankFileReport {
    pub file_id: String,
    pub transfers: u64,
    /// Notices paid by their exact transfer.
    pub paid: u64,
    /// Transfers waiting for the cashier.
    pub queued: u64,
    /// Transfers recorded already (by an earlier or overlapping file): left as they were.
    pub known: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum BankFileError {
    /// The file does not read as a camt.054: nothing of it was recorded.
    #[error("the bank file was refused: {0}")]
    Refused(CamtError),
    #[error(transparent)]
    Payment(#[from] PaymentError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct NoticeRow {
    id: String,
    afm: String,
    state: NoticeState,
    pay_by: String,
    amount_cents: i64,
}

impl Db {
    /// Reads `bytes` (parsing on a blocking thread), then records every transfer and pays
    /// or queues each, in one transaction.
    pub async fn import_bank_file(
        &self,
        purposes: &Purposes,
        bytes: Vec<u8>,
        file_name: Option<&str>,
        actor: &Actor,
    ) -> Result<BankFileReport, BankFileError> {
        let entries = tokio::task::spawn_blocking(move || {
            let mut entries = Vec::new();
            read_camt054(bytes.as_slice(), |entry| entries.push(entry)).map(|_| entries)
        })
        .await
        .map_err(|e| BankFileError::Db(sqlx::Error::Protocol(e.to_string())))?
        .map_err(BankFileError::Refused)?;
        let today = super::today();
        let now = now_ms();
        let mut report = BankFileReport {
            file_id: uuid::Uuid::new_v4().to_string(),
            transfers: entries.len() as u64,
            ..BankFileReport::default()
        };
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO bank_files (id, actor, file_name, imported_at_ms) VALUES ($1, $2, $3, $4)",
        )
        .bind(&report.file_id)
        .bind(actor.as_text())
        .bind(file_name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        for entry in &entries {
            let transfer_id = uuid::Uuid::new_v4().to_string();
            if !record_transfer(&mut tx, &transfer_id, &report.file_id, entry, now).await? {
                report.known += 1;
                continue;
            }
            let rf = entry
                .reference
                .as_deref()
                .and_then(|r| RfReference::parse(r).ok());
            let notice: Option<NoticeRow> =
                match &rf {
                    Some(rf) => sqlx::query_as(
                        "SELECT id, afm, state, pay_by, amount_cents FROM notices WHERE rf = $1",
                    )
                    .bind(rf.as_str())
                    .fetch_optional(&mut *tx)
                    .await?,
                    None => None,
                };
            let facts = notice.as_ref().map(|n| NoticeFacts {
                state: n.state,
                pay_by: parse_iso_date(&n.pay_by).unwrap_or(today),
                amount: Money::from_cents(n.amount_cents),
            });
            let decision = reconcile(entry, rf.is_some(), facts.as_ref(), today);
            let notice_id = notice.as_ref().map(|n| n.id.as_str());
            let outcome = match (decision, &notice) {
                (Decision::Pay, Some(notice)) => {
                    let email = debtor_email(&mut tx, &notice.afm).await?;
                    let (payment_id, fulfilled) = record_received_payment(
                        &mut tx,
                        purposes,
                        Received {
                            kind: PurposeKind::Notice,
                            purpose_id: &notice.id,
                            amount: entry.amount,
                            method: PaymentMethod::BankTransfer,
                            provider_ref: &entry.bank_ref,
                            payer_name: entry.payer.as_deref(),
                            payer_email: email.as_deref(),
                        },
                    )
                    .await?;
                    if fulfilled {
                        ("paid", None, Some(payment_id))
                    } else {
                        ("queued", Some(QueueReason::AlreadyPaid), Some(payment_id))
                    }
                }
                (Decision::Pay, None) => ("queued", Some(QueueReason::UnknownRf), None),
                (Decision::Queue(reason), _) => ("queued", Some(reason), None),
            };
            let (state, reason, payment_id) = outcome;
            if state == "paid" {
                report.paid += 1;
            } else {
                report.queued += 1;
            }
            sqlx::query(
                "UPDATE bank_transfers SET state = $1, reason = $2, notice_id = $3, \
                 payment_id = $4 WHERE id = $5",
            )
            .bind(state)
            .bind(reason.map(|r| r.as_str()))
            .bind(notice_id)
            .bind(payment_id)
            .bind(&transfer_id)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE bank_files SET transfers = $1, paid = $2, queued = $3, known = $4 WHERE id = $5",
        )
        .bind(report.transfers as i64)
        .bind(report.paid as i64)
        .bind(report.queued as i64)
        .bind(report.known as i64)
        .bind(&report.file_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(report)
    }
}

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

/// Records a transfer once: `false` when its bank reference is known already (an earlier
/// or overlapping file, or another cashier's import of the same file a moment ago).
async fn record_transfer(
    tx: &mut sqlx::AnyConnection,
    id: &str,
    file_id: &str,
    entry: &BankEntry,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO bank_transfers (id, bank_ref, file_id, amount_cents, currency, credit, \
         reversal, booked_on, reference, payer, state, created_at_ms, updated_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', $11, $11) \
         ON CONFLICT (bank_ref) DO NOTHING",
    )
    .bind(id)
    .bind(&entry.bank_ref)
    .bind(file_id)
    .bind(entry.amount.cents())
    .bind(&entry.currency)
    .bind(i64::from(entry.credit))
    .bind(i64::from(entry.reversal))
    .bind(entry.booked_on.map(|d| d.iso()))
    .bind(entry.reference.as_deref())
    .bind(entry.payer.as_deref())
    .bind(now)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Where the debtor's receipt goes: the municipality's record of the debtor, else the
/// account to which the ΑΦΜ is proved.
pub(super) async fn debtor_email(
    tx: &mut sqlx::AnyConnection,
    afm: &str,
) -> Result<Option<String>, sqlx::Error> {
    let recorded: Option<Option<String>> =
        sqlx::query_scalar("SELECT email FROM debtors WHERE afm = $1")
            .bind(afm)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(Some(email)) = recorded {
        return Ok(Some(email));
    }
    sqlx::query_scalar(
        "SELECT email FROM users WHERE afm = $1 AND verification = 'verified' \
         ORDER BY created_at_ms LIMIT 1",
    )
    .bind(afm)
    .fetch_optional(tx)
    .await
}
