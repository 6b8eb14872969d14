//! The bank's camt.054 files: every transfer recorded once (by the bank's reference), an
//! exact, timely transfer quoting a live notice's RF paying it at once (payment of method
//! `bank_transfer`, receipt numbered and e-mailed to the debtor), every other transfer
//! queued for the cashier with its reason. A file that does not read is refused whole.

use super::audit::Actor;
use super::bank_pay::{pay_notices, Stale, ToPay};
use super::camt054::{read_camt054, CamtError};
use super::db::Engine;
use super::debt_payments::PaidItem;
use super::json_rows::{json_agg, json_table, json_texts, to_json, Col};
use super::payments::{record_received_payment, PaymentError, Purposes, Received};
use super::{now_ms, Db};
use crate::domain::bank::{reconcile, BankEntry, Decision, NoticeFacts, QueueReason};
use crate::domain::notice::NoticeState;
use crate::domain::payment::{PaymentMethod, PurposeKind};
use crate::domain::time::parse_iso_date;
use crate::domain::{Money, RfReference};
use sqlx::Connection;
use std::collections::{HashMap, HashSet};

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

/// A notice an RF names, with the debts it holds (for the receipt's description).
struct NoticeRow {
    id: String,
    afm: String,
    rf: String,
    state: NoticeState,
    pay_by: String,
    amount_cents: i64,
    items: Vec<PaidItem>,
    /// Of its debts, those still unpaid and on it.
    unpaid: usize,
}

/// Transfers read, recorded and reconciled a round at a time: few statements a file, each
/// of a JSON parameter a few hundred kilobytes long.
const TRANSFERS_PER_ROUND: usize = 1_000;

/// The page cache an import's SQLite connection works with (MiB; the pool's is 32).
const BULK_CACHE_MIB: i64 = 256;

impl Db {
    /// Reads `bytes` (parsing on a blocking thread while the rounds already read are
    /// written), records every transfer and pays or queues each, in one transaction: a file
    /// found malformed part-way is refused whole, nothing of it kept.
    pub async fn import_bank_file(
        &self,
        purposes: &Purposes,
        bytes: Vec<u8>,
        file_name: Option<&str>,
        actor: &Actor,
    ) -> Result<BankFileReport, BankFileError> {
        let (rounds, received) = tokio::sync::mpsc::channel::<Vec<BankEntry>>(4);
        let reader = tokio::task::spawn_blocking(move || {
            let mut round = Vec::with_capacity(TRANSFERS_PER_ROUND);
            let read = read_camt054(bytes.as_slice(), |entry| {
                round.push(entry);
                if round.len() == TRANSFERS_PER_ROUND {
                    let full =
                        std::mem::replace(&mut round, Vec::with_capacity(TRANSFERS_PER_ROUND));
                    // The receiver is gone only when the import failed: nothing to keep.
                    let _ = rounds.blocking_send(full);
                }
            });
            if read.is_ok() && !round.is_empty() {
                let _ = rounds.blocking_send(round);
            }
            read
        });
        match self.engine() {
            Engine::Sqlite => {
                // A connection of the import's own, taken out of the pool and closed after:
                // no other work ever runs with its settings. Foreign keys unchecked: every
                // id the import writes it read or made itself in this transaction, under
                // the write lock (PostgreSQL checks them all the same: the tests run on
                // both), and the checks were a tenth of the time. No checkpoint on commit:
                // the log's pages go into the database file after the cashier has the
                // report. A large page cache: a hundred thousand notices paid in one
                // transaction would otherwise spill pages to the log and read them back.
                let mut conn = self.pool().acquire().await?.detach();
                for pragma in [
                    "PRAGMA foreign_keys = OFF".to_owned(),
                    "PRAGMA wal_autocheckpoint = 0".to_owned(),
                    format!("PRAGMA cache_size = -{}", BULK_CACHE_MIB * 1024),
                ] {
                    sqlx::query(&pragma).execute(&mut conn).await?;
                }
                let report = self
                    .import_on(&mut conn, reader, purposes, received, file_name, actor)
                    .await;
                tokio::spawn(async move {
                    let started = std::time::Instant::now();
                    if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                        .execute(&mut conn)
                        .await
                    {
                        tracing::warn!(%error, "the bank file's checkpoint failed; SQLite's next one does it");
                    }
                    tracing::debug!(elapsed = ?started.elapsed(), "bank file checkpointed");
                    let _ = conn.close().await;
                });
                report
            }
            Engine::Postgres => {
                let mut conn = self.pool().acquire().await?;
                self.import_on(&mut conn, reader, purposes, received, file_name, actor)
                    .await
            }
        }
    }

    /// The import's transaction on `conn`: every round the reader sends recorded, committed
    /// only once the whole file has read well.
    async fn import_on(
        &self,
        conn: &mut sqlx::AnyConnection,
        reader: tokio::task::JoinHandle<Result<usize, CamtError>>,
        purposes: &Purposes,
        received: tokio::sync::mpsc::Receiver<Vec<BankEntry>>,
        file_name: Option<&str>,
        actor: &Actor,
    ) -> Result<BankFileReport, BankFileError> {
        // SQLite takes the write lock at once (as `Db::begin`).
        let mut tx = match self.engine() {
            Engine::Sqlite => conn.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => conn.begin().await?,
        };
        let report = self
            .record_file(&mut tx, purposes, received, file_name, actor)
            .await?;
        reader
            .await
            .map_err(|e| BankFileError::Db(sqlx::Error::Protocol(e.to_string())))?
            .map_err(BankFileError::Refused)?;
        tx.commit().await?;
        Ok(report)
    }

    /// The file's record and every round the reader sends, inside `tx`.
    async fn record_file(
        &self,
        tx: &mut sqlx::AnyConnection,
        purposes: &Purposes,
        mut received: tokio::sync::mpsc::Receiver<Vec<BankEntry>>,
        file_name: Option<&str>,
        actor: &Actor,
    ) -> Result<BankFileReport, BankFileError> {
        let today = super::today();
        let now = now_ms();
        let file_id = uuid::Uuid::new_v4().to_string();
        let mut report = BankFileReport {
            file_id: file_id.clone(),
            ..BankFileReport::default()
        };
        sqlx::query(
            "INSERT INTO bank_files (id, actor, file_name, imported_at_ms) VALUES ($1, $2, $3, $4)",
        )
        .bind(&report.file_id)
        .bind(actor.as_text())
        .bind(file_name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // Notices paid by this file so far: a second transfer for one is a double payment.
        let mut paid_here: HashSet<String> = HashSet::new();
        while let Some(round) = received.recv().await {
            report.transfers += round.len() as u64;
            let entries = Round {
                purposes,
                file_id: &file_id,
                entries: &round,
                now,
                today,
            };
            self.reconcile_round(tx, entries, &mut paid_here, &mut report)
                .await?;
        }
        // The totals are written once the reader has finished: a file refused part-way is
        // rolled back by the caller.
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
        Ok(report)
    }

    /// Records one round of transfers and pays or queues each new one. Each transfer is
    /// written once, with what became of it, after its notice is paid: should another import
    /// have recorded one of them meanwhile (the bank's reference is unique), the round is
    /// undone and done again, so those count as known and nothing is paid twice.
    async fn reconcile_round(
        &self,
        tx: &mut sqlx::AnyConnection,
        round: Round<'_>,
        paid_here: &mut HashSet<String>,
        report: &mut BankFileReport,
    ) -> Result<(), BankFileError> {
        loop {
            let mut attempt = tx.begin().await?;
            match self.try_round(&mut attempt, &round, paid_here).await? {
                Some(counts) => {
                    attempt.commit().await?;
                    report.known += counts.known;
                    report.paid += counts.paid;
                    report.queued += counts.queued;
                    paid_here.extend(counts.notices_paid);
                    return Ok(());
                }
                None => {
                    attempt.rollback().await?;
                    tracing::info!(
                        "transfers of this file were recorded by another import; round done again"
                    );
                }
            }
        }
    }

    /// One attempt at a round; `None` when another import recorded some of its transfers
    /// first (the caller undoes it).
    async fn try_round(
        &self,
        tx: &mut sqlx::AnyConnection,
        &Round {
            purposes,
            file_id,
            entries: round,
            now,
            today,
        }: &Round<'_>,
        paid_here: &HashSet<String>,
    ) -> Result<Option<RoundCounts>, BankFileError> {
        let engine = self.engine();
        let fresh = new_transfers(tx, engine, round).await?;
        let known = (round.len() - fresh.len()) as u64;
        let rfs: Vec<Option<RfReference>> = fresh
            .iter()
            .map(|(entry, _)| {
                entry
                    .reference
                    .as_deref()
                    .and_then(|r| RfReference::parse(r).ok())
            })
            .collect();
        let notices = notices_by_rf(tx, engine, &rfs).await?;
        let mut queued: Vec<(&str, QueueReason, Option<&str>, Option<String>)> = Vec::new();
        let mut to_pay: Vec<(&str, ToPay<'_>)> = Vec::new();
        let mut one_by_one: Vec<(&str, &BankEntry, &NoticeRow)> = Vec::new();
        // Notices this round pays: a second transfer for one is a double payment.
        let mut paid_now: HashSet<&str> = HashSet::new();
        for ((entry, transfer_id), rf) in fresh.iter().zip(&rfs) {
            let notice = rf.as_ref().and_then(|rf| notices.get(rf.as_str()));
            let facts = notice.map(|n| NoticeFacts {
                state: if paid_here.contains(&n.id) || paid_now.contains(n.id.as_str()) {
                    NoticeState::Paid
                } else {
                    n.state
                },
                pay_by: parse_iso_date(&n.pay_by).unwrap_or(today),
                amount: Money::from_cents(n.amount_cents),
            });
            match (
                reconcile(entry, rf.is_some(), facts.as_ref(), today),
                notice,
            ) {
                (Decision::Pay, Some(n)) => {
                    paid_now.insert(&n.id);
                    if !n.items.is_empty() && n.unpaid == n.items.len() {
                        to_pay.push((
                            transfer_id.as_str(),
                            ToPay {
                                entry,
                                notice_id: &n.id,
                                afm: &n.afm,
                                rf: &n.rf,
                                items: &n.items,
                            },
                        ));
                    } else {
                        // A debt on it was paid otherwise: recorded and kept as paid
                        // twice, as the card path does.
                        one_by_one.push((transfer_id, entry, n));
                    }
                }
                (Decision::Pay, None) => {
                    queued.push((transfer_id, QueueReason::UnknownRf, None, None))
                }
                (Decision::Queue(reason), n) => {
                    queued.push((transfer_id, reason, n.map(|n| n.id.as_str()), None))
                }
            }
        }
        // The round's exact transfers at once; should a notice have been paid meanwhile
        // (another payment), the round's are undone and paid one by one instead.
        let mut paid: Vec<(&str, &str, String)> = Vec::new();
        if !to_pay.is_empty() {
            let mut savepoint = tx.begin().await?;
            let rows: Vec<ToPay<'_>> = to_pay
                .iter()
                .map(|(_, p)| ToPay {
                    entry: p.entry,
                    notice_id: p.notice_id,
                    afm: p.afm,
                    rf: p.rf,
                    items: p.items,
                })
                .collect();
            match pay_notices(&mut savepoint, engine, &rows, now).await? {
                Ok(ids) => {
                    savepoint.commit().await?;
                    for ((transfer_id, p), id) in to_pay.iter().zip(ids) {
                        paid.push((transfer_id, p.notice_id, id));
                    }
                }
                Err(Stale) => {
                    savepoint.rollback().await?;
                    let by_id: HashMap<&str, &NoticeRow> =
                        notices.values().map(|n| (n.id.as_str(), n)).collect();
                    for (transfer_id, p) in &to_pay {
                        if let Some(n) = by_id.get(p.notice_id) {
                            one_by_one.push((transfer_id, p.entry, n));
                        }
                    }
                }
            }
        }
        for (transfer_id, entry, notice) in one_by_one {
            let email = debtor_email(tx, &notice.afm).await?;
            let (payment_id, fulfilled) = record_received_payment(
                tx,
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
                paid.push((transfer_id, &notice.id, payment_id));
            } else {
                queued.push((
                    transfer_id,
                    QueueReason::AlreadyPaid,
                    Some(&notice.id),
                    Some(payment_id),
                ));
            }
        }
        let outcomes: HashMap<&str, Outcome<'_>> = paid
            .iter()
            .map(|(transfer, notice, payment)| {
                (
                    *transfer,
                    Outcome {
                        state: "paid",
                        reason: None,
                        notice_id: Some(*notice),
                        payment_id: Some(payment.as_str()),
                    },
                )
            })
            .chain(queued.iter().map(|(transfer, reason, notice, payment)| {
                (
                    *transfer,
                    Outcome {
                        state: "queued",
                        reason: Some(reason.as_str()),
                        notice_id: *notice,
                        payment_id: payment.as_deref(),
                    },
                )
            }))
            .collect();
        let written = write_transfers(tx, engine, file_id, &fresh, &outcomes, now).await?;
        if written != fresh.len() as u64 {
            return Ok(None);
        }
        Ok(Some(RoundCounts {
            known,
            paid: paid.len() as u64,
            queued: queued.len() as u64,
            notices_paid: paid_now.into_iter().map(str::to_owned).collect(),
        }))
    }
}

/// A round of a file's transfers, with what its work needs.
struct Round<'a> {
    purposes: &'a Purposes,
    file_id: &'a str,
    entries: &'a [BankEntry],
    now: i64,
    today: crate::domain::time::Date,
}

/// What a round did, added to the file's report once it stands.
struct RoundCounts {
    known: u64,
    paid: u64,
    queued: u64,
    /// Notices paid (or taken as paid) by the round's transfers.
    notices_paid: Vec<String>,
}

/// What became of a transfer, written with it.
struct Outcome<'a> {
    state: &'static str,
    reason: Option<&'static str>,
    notice_id: Option<&'a str>,
    payment_id: Option<&'a str>,
}

/// The round's transfers not recorded yet (by an earlier or overlapping file, or an earlier
/// round of this one), each with a new id; a reference that comes twice counts once.
async fn new_transfers<'e>(
    tx: &mut sqlx::AnyConnection,
    engine: Engine,
    entries: &'e [BankEntry],
) -> Result<Vec<(&'e BankEntry, String)>, sqlx::Error> {
    let refs: Vec<&str> = entries.iter().map(|e| e.bank_ref.as_str()).collect();
    let sql = format!(
        "SELECT bank_ref FROM bank_transfers WHERE bank_ref IN ({})",
        json_texts(engine, 1)
    );
    let mut seen: HashSet<String> = sqlx::query_scalar::<_, String>(&sql)
        .bind(to_json(&refs))
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
    // Time-ordered ids (74 random bits each): the transfers' key grows at its end.
    Ok(entries
        .iter()
        .filter(|entry| seen.insert(entry.bank_ref.clone()))
        .map(|entry| (entry, uuid::Uuid::now_v7().to_string()))
        .collect())
}

/// Writes the round's new transfers with what became of each (paid, with the notice and
/// payment; or queued, with the reason). A reference recorded meanwhile by another import
/// is left as that import wrote it; the count written tells the caller.
async fn write_transfers(
    tx: &mut sqlx::AnyConnection,
    engine: Engine,
    file_id: &str,
    fresh: &[(&BankEntry, String)],
    outcomes: &HashMap<&str, Outcome<'_>>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    if fresh.is_empty() {
        return Ok(0);
    }
    let queued = Outcome {
        state: "queued",
        reason: None,
        notice_id: None,
        payment_id: None,
    };
    let rows: Vec<_> = fresh
        .iter()
        .map(|(entry, id)| {
            let outcome = outcomes.get(id.as_str()).unwrap_or(&queued);
            (
                id.as_str(),
                entry.bank_ref.as_str(),
                entry.amount.cents(),
                entry.currency.as_str(),
                i64::from(entry.credit),
                i64::from(entry.reversal),
                entry.booked_on.map(|d| d.iso()),
                entry.reference.as_deref(),
                entry.payer.as_deref(),
                outcome.state,
                outcome.reason,
                outcome.notice_id,
                outcome.payment_id,
            )
        })
        .collect();
    // `WHERE true`: SQLite needs it to tell the upsert from a join's ON.
    let sql = format!(
        "INSERT INTO bank_transfers (id, bank_ref, file_id, amount_cents, currency, credit, \
         reversal, booked_on, reference, payer, state, reason, notice_id, payment_id, \
         created_at_ms, updated_at_ms) \
         SELECT v.id, v.bank_ref, $2, v.amount_cents, v.currency, v.credit, v.reversal, \
         v.booked_on, v.reference, v.payer, v.state, v.reason, v.notice_id, v.payment_id, \
         {now}, {now} FROM ({}) AS v WHERE true \
         ON CONFLICT (bank_ref) DO NOTHING",
        json_table(
            engine,
            1,
            &[
                Col::Text("id"),
                Col::Text("bank_ref"),
                Col::Int("amount_cents"),
                Col::Text("currency"),
                Col::Int("credit"),
                Col::Int("reversal"),
                Col::Text("booked_on"),
                Col::Text("reference"),
                Col::Text("payer"),
                Col::Text("state"),
                Col::Text("reason"),
                Col::Text("notice_id"),
                Col::Text("payment_id"),
            ]
        )
    );
    Ok(sqlx::query(&sql)
        .bind(to_json(&rows))
        .bind(file_id)
        .execute(&mut *tx)
        .await?
        .rows_affected())
}

/// The notices the RFs name, by RF, each with the debts it holds and how many of those are
/// still unpaid and on it (all of them, for a notice a transfer may pay). One row of JSON
/// the database builds: reading a hundred thousand rows cell by cell took longer.
async fn notices_by_rf(
    tx: &mut sqlx::AnyConnection,
    engine: Engine,
    rfs: &[Option<RfReference>],
) -> Result<HashMap<String, NoticeRow>, sqlx::Error> {
    let mut wanted: Vec<&str> = rfs.iter().flatten().map(|r| r.as_str()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT {} FROM notices n LEFT JOIN notice_items i ON i.notice_id = n.id \
         LEFT JOIN debts d ON d.id = i.debt_id LEFT JOIN debt_categories c ON c.code = d.category \
         WHERE n.rf IN ({})",
        json_agg(
            engine,
            "n.id, n.afm, n.rf, n.state, n.pay_by, n.amount_cents, i.debt_id, \
             CASE WHEN d.state IN ('open', 'partly_paid') AND d.paid_by IS NULL \
             AND d.notice_id = n.id THEN 1 ELSE 0 END, \
             d.municipality_ref, d.description, c.name_el, c.name_en, i.amount_cents",
            "n.id, d.due_date, d.municipality_ref, d.id"
        ),
        json_texts(engine, 1)
    );
    let json: String = sqlx::query_scalar(&sql)
        .bind(to_json(&wanted))
        .fetch_one(&mut *tx)
        .await?;
    type Cells = (
        String,
        String,
        String,
        NoticeState,
        String,
        i64,
        Option<String>,
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<i64>,
    );
    let rows: Vec<Cells> =
        serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let mut notices: HashMap<String, NoticeRow> = HashMap::new();
    for (
        id,
        afm,
        rf,
        state,
        pay_by,
        amount_cents,
        debt,
        unpaid,
        reference,
        description,
        el,
        en,
        cents,
    ) in rows
    {
        let notice = notices.entry(rf.clone()).or_insert_with(|| NoticeRow {
            id,
            afm,
            rf,
            state,
            pay_by,
            amount_cents,
            items: Vec::new(),
            unpaid: 0,
        });
        if debt.is_some() {
            notice.unpaid += usize::from(unpaid == 1);
            notice.items.push(PaidItem {
                reference,
                description: description.unwrap_or_default(),
                category_el: el.unwrap_or_default(),
                category_en: en.unwrap_or_default(),
                amount_cents: cents.unwrap_or_default(),
            });
        }
    }
    Ok(notices)
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
