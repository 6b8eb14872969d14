//! The import of the municipality's financial system's export into the debts register: the
//! file parsed off the async threads, every bad row reported by line and reason, a row whose
//! municipality reference is known updating that debt, the debtors' records following the
//! file, all in one transaction written in small statements, with progress while it runs.

use super::audit::Actor;
use super::csv_import::{read_csv_each, Columns, Row, RowError};
pub use super::debts::placeholders;
use super::debts::{
    changed_fields, debtor_search_key, insert_debts, log_debt_event, parse_debt, write_debt, Added,
    DebtFields, DebtorContact, NewRegisterDebt, RegisterDebt, SELECT_DEBT,
};
use super::{now_ms, Db};
use crate::domain::debt::DebtState;
use crate::domain::import::ProblemReason;
use crate::domain::time::Date;
use crate::views::debts::{DebtImportView, ImportStage};
use crate::views::imports::ImportProblem;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Columns of the register's CSV export (header row required, any order): `certified_on`
/// may be empty (a debt not certified yet).
pub const DEBT_COLUMNS: &[&str] = &[
    "municipality_ref",
    "afm",
    "debtor_name",
    "kind",
    "category",
    "description",
    "principal_eur",
    "due_date",
    "certified_on",
];

/// What an import did: rows added, rows that updated a known debt, rows that changed
/// nothing, and every row left out with its line and reason.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebtImport {
    pub id: String,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub problems: Vec<ImportProblem>,
}

/// Rows read, checked and written per statement. sqlx's cost per statement grows faster
/// than its placeholders (measured for the tickets' import: 40 rows a statement beat 100,
/// 400 and 3,000), so statements stay small; see BENCHMARKS.md.
pub const CHUNK_ROWS: usize = 50;

/// How far each running import has got (rows done), for its progress bar. The import's
/// own transaction holds the rows until its end, so progress cannot be read from the
/// database (and SQLite's one writer would wait on it); each server instance shows the
/// imports it runs, and every instance the report at the end.
static PROGRESS: std::sync::LazyLock<std::sync::Mutex<HashMap<String, Arc<AtomicU64>>>> =
    std::sync::LazyLock::new(Default::default);

fn progress_of(import_id: &str) -> Arc<AtomicU64> {
    let mut board = PROGRESS.lock().unwrap_or_else(|e| e.into_inner());
    board.entry(import_id.to_owned()).or_default().clone()
}

fn forget_progress(import_id: &str) {
    PROGRESS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(import_id);
}

/// Rows done so far by a running import of this instance.
pub fn import_progress(import_id: &str) -> Option<u64> {
    PROGRESS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(import_id)
        .map(|done| done.load(Ordering::Relaxed))
}

/// Where an import's time went, logged at its end (what to tune next).
#[derive(Default)]
struct Spent {
    debtors: Duration,
    lookup: Duration,
    insert: Duration,
    update: Duration,
}

#[derive(sqlx::FromRow)]
struct ImportRow {
    id: String,
    state: String,
    file_name: Option<String>,
    total_rows: i64,
    added: i64,
    updated: i64,
    unchanged: i64,
    problems: String,
    started_at_ms: i64,
    finished_at_ms: Option<i64>,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Db {
    /// Records an import that is about to run (its progress and report live there).
    pub async fn start_debt_import(
        &self,
        actor: &Actor,
        file_name: Option<&str>,
    ) -> Result<String, sqlx::Error> {
        let id = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO debt_imports (id, actor, file_name, state, started_at_ms) \
             VALUES ($1, $2, $3, 'running', $4)",
        )
        .bind(&id)
        .bind(actor.as_text())
        .bind(file_name)
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        progress_of(&id);
        Ok(id)
    }

    /// Imports that were running when the server stopped: their transaction never
    /// committed, so nothing of them was applied; they are marked failed for staff to run
    /// again. Called at start-up.
    pub async fn fail_interrupted_debt_imports(&self) -> Result<u64, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE debt_imports SET state = 'failed', failure = 'interrupted', \
             finished_at_ms = $1 WHERE state = 'running'",
        )
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }

    /// An import's progress or report.
    pub async fn debt_import(&self, id: &str) -> Result<Option<DebtImportView>, sqlx::Error> {
        let row: Option<ImportRow> = sqlx::query_as(
            "SELECT id, state, file_name, total_rows, added, updated, unchanged, problems, \
             started_at_ms, finished_at_ms FROM debt_imports WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|row| {
            let stage = match row.state.as_str() {
                "running" => ImportStage::Running,
                "done" => ImportStage::Done,
                _ => ImportStage::Failed,
            };
            let done_rows = match stage {
                ImportStage::Running => import_progress(&row.id).unwrap_or(0),
                _ => count(row.total_rows),
            };
            DebtImportView {
                stage,
                file_name: row.file_name,
                total_rows: count(row.total_rows),
                done_rows,
                added: count(row.added),
                updated: count(row.updated),
                unchanged: count(row.unchanged),
                problems: serde_json::from_str(&row.problems).unwrap_or_default(),
                started_at_ms: row.started_at_ms,
                finished_at_ms: row.finished_at_ms,
                id: row.id,
            }
        }))
    }

    /// Imports the financial system's export at once (the command line, tests).
    pub async fn import_debts(
        &self,
        csv_text: &str,
        actor: &Actor,
    ) -> Result<DebtImport, sqlx::Error> {
        let id = self.start_debt_import(actor, None).await?;
        self.run_debt_import(&id, csv_text.to_owned(), actor).await
    }

    /// Runs a started import: the file is parsed off the async threads; each bad row is
    /// reported by line and reason and left out; a row whose reference is known updates
    /// that debt (unless it is paid or cancelled here), a new one is added; the debtors'
    /// records follow the file; all in one transaction. The outcome (or the failure) is
    /// written to the import's record.
    #[tracing::instrument(skip_all)]
    pub async fn run_debt_import(
        &self,
        import_id: &str,
        csv_text: String,
        actor: &Actor,
    ) -> Result<DebtImport, sqlx::Error> {
        let outcome = self.apply_debt_import(import_id, csv_text, actor).await;
        forget_progress(import_id);
        match outcome {
            Ok(report) => Ok(report),
            Err(error) => {
                sqlx::query(
                    "UPDATE debt_imports SET state = 'failed', failure = $1, finished_at_ms = $2 \
                     WHERE id = $3",
                )
                .bind(error.to_string().chars().take(300).collect::<String>())
                .bind(now_ms())
                .bind(import_id)
                .execute(self.pool())
                .await?;
                Err(error)
            }
        }
    }

    async fn apply_debt_import(
        &self,
        import_id: &str,
        csv_text: String,
        actor: &Actor,
    ) -> Result<DebtImport, sqlx::Error> {
        let categories = self.debt_category_codes().await?;
        let today = super::today();
        let started = Instant::now();
        // The progress bar's whole until the parser has counted: the file's lines (a
        // quoted field may hold a line break, so this can only be too many), counted off
        // the async threads (a file may be 256 MB).
        let csv_text = Arc::new(csv_text);
        let counted = Arc::clone(&csv_text);
        let lines = tokio::task::spawn_blocking(move || {
            counted.bytes().filter(|&b| b == b'\n').count() as u64
        })
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("the import's line count stopped: {e}")))?;
        sqlx::query("UPDATE debt_imports SET total_rows = $1 WHERE id = $2")
            .bind(i64::try_from(lines.saturating_sub(1)).unwrap_or(i64::MAX))
            .bind(import_id)
            .execute(self.pool())
            .await?;
        let progress = progress_of(import_id);
        let mut tx = self.begin().await?;
        let now = now_ms();
        let actor_text = actor.as_text();
        let mut spent = Spent::default();
        // One read of the register's references up front: a chunk none of whose rows is
        // known (every row of a first import) goes straight to the insert.
        let step = Instant::now();
        let known_references = known_references(&mut tx).await?;
        spent.lookup += step.elapsed();

        // The file is parsed on a blocking thread while the rows already read are written:
        // chunks travel through a short queue, so neither side waits for the whole file.
        let (chunks, mut incoming) = tokio::sync::mpsc::channel::<Vec<NewRegisterDebt>>(16);
        let parser = tokio::task::spawn_blocking(move || {
            let columns = Columns {
                required: DEBT_COLUMNS,
                key: "municipality_ref",
            };
            let mut chunk = Vec::with_capacity(CHUNK_ROWS);
            let mut writer_gone = false;
            let problems = read_csv_each(
                &csv_text,
                columns,
                |row| debt_row(row, &categories, today),
                |_, _, debt| {
                    chunk.push(debt);
                    if chunk.len() < CHUNK_ROWS {
                        return true;
                    }
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_ROWS));
                    writer_gone = chunks.blocking_send(full).is_err();
                    !writer_gone
                },
            );
            if !chunk.is_empty() && !writer_gone {
                // The writer has stopped on an error of its own when this fails.
                let _ = chunks.blocking_send(chunk);
            }
            problems
        });

        let mut report = DebtImport {
            id: import_id.to_owned(),
            ..DebtImport::default()
        };
        let mut debtors = DebtorRecords::default();
        let mut written = 0_usize;
        while let Some(chunk) = incoming.recv().await {
            debtors.merge(&chunk);
            written += chunk.len();
            let step = Instant::now();
            let in_register: Vec<&NewRegisterDebt> = chunk
                .iter()
                .filter(|debt| known_references.contains(&debt.reference))
                .collect();
            let known = known_debts(&mut tx, &in_register).await?;
            spent.lookup += step.elapsed();
            let step = Instant::now();
            let (new, seen): (Vec<&NewRegisterDebt>, Vec<&NewRegisterDebt>) = chunk
                .iter()
                .partition(|debt| !known.contains_key(&debt.reference));
            insert_debts(&mut tx, &new, Added::ByImport(import_id), now).await?;
            report.added += new.len() as u64;
            spent.insert += step.elapsed();
            let step = Instant::now();
            for debt in seen {
                let Some(before) = known.get(&debt.reference) else {
                    continue;
                };
                match update_debt(&mut tx, before, debt, &actor_text, now).await? {
                    Upsert::Updated => report.updated += 1,
                    Upsert::Unchanged => report.unchanged += 1,
                }
            }
            spent.update += step.elapsed();
            progress.fetch_add(chunk.len() as u64, Ordering::Relaxed);
        }
        report.problems = parser
            .await
            .map_err(|e| sqlx::Error::Protocol(format!("the import's parser stopped: {e}")))?;
        let parsed_in = started.elapsed();
        // Each debtor's record once, merged from all its rows in the file, in ΑΦΜ order
        // (neighbours in the index are written together).
        let step = Instant::now();
        let mut records: Vec<_> = debtors.by_afm.iter().collect();
        records.sort_unstable_by_key(|(afm, _)| *afm);
        for batch in records.chunks(CHUNK_ROWS) {
            upsert_debtors(&mut tx, batch, now).await?;
        }
        spent.debtors += step.elapsed();
        let total = written as u64 + report.problems.len() as u64;
        let problems = serde_json::to_string(&report.problems).unwrap_or_else(|_| "[]".into());
        sqlx::query(
            "UPDATE debt_imports SET state = 'done', total_rows = $1, added = $2, updated = $3, \
             unchanged = $4, left_out = $5, problems = $6, finished_at_ms = $7 WHERE id = $8",
        )
        .bind(i64::try_from(total).unwrap_or(i64::MAX))
        .bind(i64::try_from(report.added).unwrap_or(i64::MAX))
        .bind(i64::try_from(report.updated).unwrap_or(i64::MAX))
        .bind(i64::try_from(report.unchanged).unwrap_or(i64::MAX))
        .bind(i64::try_from(report.problems.len()).unwrap_or(i64::MAX))
        .bind(problems)
        .bind(now_ms())
        .bind(import_id)
        .execute(&mut *tx)
        .await?;
        self.audit(
            &mut *tx,
            actor,
            "debts.imported",
            Some(import_id),
            Some(&format!(
                "added {}, updated {}, unchanged {}, left out {}",
                report.added,
                report.updated,
                report.unchanged,
                report.problems.len()
            )),
        )
        .await?;
        tx.commit().await?;
        self.refresh_statistics(&["debts", "debtors"], report.added + report.updated)
            .await;
        tracing::info!(
            rows = written,
            parsed_and_written_ms = parsed_in.as_millis() as u64,
            debtors_ms = spent.debtors.as_millis() as u64,
            lookup_ms = spent.lookup.as_millis() as u64,
            insert_ms = spent.insert.as_millis() as u64,
            update_ms = spent.update.as_millis() as u64,
            total_ms = started.elapsed().as_millis() as u64,
            "debts import done"
        );
        Ok(report)
    }
}

/// Each debtor's record as the whole file has it: the name of its last row, and each
/// contact detail from the last row that has one (as row by row would leave it).
#[derive(Default)]
struct DebtorRecords {
    by_afm: HashMap<String, (String, DebtorContact)>,
}

impl DebtorRecords {
    fn merge(&mut self, rows: &[NewRegisterDebt]) {
        for debt in rows {
            let entry = match self.by_afm.get_mut(&debt.afm) {
                Some(entry) => entry,
                None => self
                    .by_afm
                    .entry(debt.afm.clone())
                    .or_insert_with(|| (String::new(), DebtorContact::default())),
            };
            entry.0.clone_from(&debt.debtor_name);
            let contact = &debt.contact;
            for (kept, new) in [
                (&mut entry.1.address, &contact.address),
                (&mut entry.1.email, &contact.email),
                (&mut entry.1.phone, &contact.phone),
            ] {
                if new.is_some() {
                    kept.clone_from(new);
                }
            }
        }
    }
}

/// These debtors' records added, or brought up to the file where it differs; contact
/// details the file leaves empty are kept.
async fn upsert_debtors(
    tx: &mut sqlx::AnyConnection,
    debtors: &[(&String, &(String, DebtorContact))],
    now: i64,
) -> Result<(), sqlx::Error> {
    if debtors.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO debtors (id, afm, name, address, email, phone, search_key, created_at_ms, \
         updated_at_ms) VALUES {} ON CONFLICT (afm) DO UPDATE SET name = excluded.name, \
         address = COALESCE(excluded.address, debtors.address), \
         email = COALESCE(excluded.email, debtors.email), \
         phone = COALESCE(excluded.phone, debtors.phone), search_key = excluded.search_key, \
         updated_at_ms = excluded.updated_at_ms \
         WHERE debtors.name <> excluded.name \
         OR (excluded.address IS NOT NULL AND excluded.address IS DISTINCT FROM debtors.address) \
         OR (excluded.email IS NOT NULL AND excluded.email IS DISTINCT FROM debtors.email) \
         OR (excluded.phone IS NOT NULL AND excluded.phone IS DISTINCT FROM debtors.phone)",
        placeholders(debtors.len(), 9)
    );
    let mut query = sqlx::query(&sql);
    for &(afm, (name, contact)) in debtors {
        query = query
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(afm.as_str())
            .bind(name.as_str())
            .bind(contact.address.as_deref())
            .bind(contact.email.as_deref())
            .bind(contact.phone.as_deref())
            .bind(debtor_search_key(name, afm))
            .bind(now)
            .bind(now);
    }
    query.execute(&mut *tx).await?;
    Ok(())
}

/// Every municipality reference the register holds.
async fn known_references(tx: &mut sqlx::AnyConnection) -> Result<HashSet<String>, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, String>(
        "SELECT municipality_ref FROM debts WHERE municipality_ref IS NOT NULL",
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .collect())
}

/// These debts as the register has them, by reference.
async fn known_debts(
    tx: &mut sqlx::AnyConnection,
    chunk: &[&NewRegisterDebt],
) -> Result<HashMap<String, RegisterDebt>, sqlx::Error> {
    if chunk.is_empty() {
        return Ok(HashMap::new());
    }
    let list: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "{SELECT_DEBT} WHERE municipality_ref IN ({})",
        list.join(", ")
    );
    let mut query = sqlx::query_as::<_, RegisterDebt>(&sql);
    for debt in chunk {
        query = query.bind(&debt.reference);
    }
    Ok(query
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .filter_map(|debt| Some((debt.municipality_ref.clone()?, debt)))
        .collect())
}

enum Upsert {
    Updated,
    Unchanged,
}

/// Brings a known debt up to the export; a debt paid or cancelled here keeps what
/// happened, and the event says what the export would have changed.
async fn update_debt(
    tx: &mut sqlx::AnyConnection,
    known: &RegisterDebt,
    debt: &NewRegisterDebt,
    actor: &str,
    now: i64,
) -> Result<Upsert, sqlx::Error> {
    let changes = changed_fields(known, debt);
    if changes.is_empty() {
        return Ok(Upsert::Unchanged);
    }
    if !known.state.is_payable() && known.state != DebtState::InSettlement {
        let detail = format!("not applied ({}): {}", known.state, changes.join(", "));
        log_debt_event(tx, &known.id, actor, "import_ignored", Some(&detail), now).await?;
        return Ok(Upsert::Unchanged);
    }
    super::notices::withdraw_notice_of(tx, &known.id, now).await?;
    write_debt(tx, &known.id, debt, now).await?;
    let detail = changes.join(", ");
    log_debt_event(tx, &known.id, actor, "updated", Some(&detail), now).await?;
    Ok(Upsert::Updated)
}

/// A row of the register's export.
pub(super) fn debt_row(
    row: &Row<'_>,
    categories: &HashSet<String>,
    today: Date,
) -> Result<NewRegisterDebt, RowError> {
    let fields = DebtFields {
        reference: row.field("municipality_ref"),
        afm: row.field("afm"),
        debtor_name: row.field("debtor_name"),
        kind: row.field("kind"),
        category: row.field("category"),
        description: row.field("description"),
        principal: row.field("principal_eur"),
        due_date: row.field("due_date"),
        certified_on: row.field("certified_on"),
    };
    let mut debt =
        parse_debt(&fields, categories, today).map_err(|(_, reason, value)| (reason, value))?;
    debt.contact = DebtorContact {
        address: optional_text(row.field("debtor_address"), 200)?,
        email: optional_text(row.field("debtor_email"), 254)?,
        phone: optional_text(row.field("debtor_phone"), 30)?,
    };
    Ok(debt)
}

/// An optional text field of at most `max` characters, without control characters.
fn optional_text(text: &str, max: usize) -> Result<Option<String>, RowError> {
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > max || text.chars().any(char::is_control) {
        return Err((ProblemReason::Description, text.chars().take(40).collect()));
    }
    Ok(Some(text.to_owned()))
}
