//! The register of everything owed to the municipality: debts of every kind and revenue
//! category in one table, each change an event, imported from the municipality's financial
//! system (a row whose municipality reference is known updates that debt), and what a
//! debtor owes on a day with late-payment interest from dated rates.

use super::audit::Actor;
use super::csv_import::{read_csv, Columns, Row, RowError};
use super::tax_records::{parse_description, parse_number, parse_past_date, parse_positive};
use super::{now_ms, Db};
use crate::domain::debt::{amount_due, AmountDue, DebtKind, DebtState, InterestRate};
use crate::domain::import::ProblemReason;
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::{Afm, Money};
use crate::views::debts::{DebtCategory, DebtImportView, ImportStage};
use crate::views::imports::ImportProblem;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

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

/// Columns a file may add for the debtor's record (left empty: what is known is kept).
pub const DEBTOR_COLUMNS: &[&str] = &["debtor_address", "debtor_email", "debtor_phone"];

/// Longest debtor name taken from the financial system.
const MAX_NAME_CHARS: usize = 200;

/// A debt typed by staff, field by field (the form's names).
#[derive(Clone, Debug, Default)]
pub struct DebtFields<'a> {
    pub reference: &'a str,
    pub afm: &'a str,
    pub debtor_name: &'a str,
    pub kind: &'a str,
    pub category: &'a str,
    pub description: &'a str,
    pub principal: &'a str,
    pub due_date: &'a str,
    pub certified_on: &'a str,
}

/// The SQL condition "`$afm` is proved to be `$payer`'s": their own ΑΦΜ a clerk verified,
/// or a verified business they represent.
pub(super) const PROVED_TO: &str = "(EXISTS (SELECT 1 FROM users u WHERE u.id = $2 \
     AND u.afm = $1 AND u.verification = 'verified') OR EXISTS (SELECT 1 FROM businesses b \
     WHERE b.representative_id = $2 AND b.afm = $1 AND b.verification = 'verified'))";

/// One debt as the financial system exports it (or staff type it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRegisterDebt {
    pub reference: String,
    pub afm: String,
    pub debtor_name: String,
    pub kind: DebtKind,
    pub category: String,
    pub description: String,
    pub principal: Money,
    pub due_date: Date,
    pub certified_on: Option<Date>,
    pub contact: DebtorContact,
}

/// How the financial system reaches a debtor (each optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebtorContact {
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A debt of the register as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RegisterDebt {
    pub id: String,
    pub afm: String,
    pub debtor_name: String,
    pub kind: DebtKind,
    pub category: String,
    pub description: String,
    #[sqlx(rename = "principal_cents")]
    pub principal: Money,
    pub due_date: String,
    pub certified_on: Option<String>,
    pub municipality_ref: Option<String>,
    pub state: DebtState,
}

/// A debt with what it owes on the day asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DebtToday {
    pub debt: RegisterDebt,
    pub due: AmountDue,
}

/// One change of a debt.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DebtEvent {
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub detail: Option<String>,
}

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

const SELECT_DEBT: &str = "SELECT id, afm, debtor_name, kind, category, description, \
     principal_cents, due_date, certified_on, municipality_ref, state FROM debts";

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
    /// The revenue categories' codes (the catalogue admins keep).
    pub async fn debt_category_codes(&self) -> Result<HashSet<String>, sqlx::Error> {
        let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM debt_categories")
            .fetch_all(self.pool())
            .await?;
        Ok(codes.into_iter().collect())
    }

    /// The revenue categories, by code.
    pub async fn debt_categories(&self) -> Result<Vec<DebtCategory>, sqlx::Error> {
        sqlx::query_as("SELECT code, name_el, name_en FROM debt_categories ORDER BY code")
            .fetch_all(self.pool())
            .await
    }

    /// Adds a revenue category (admins); `false` when the code is taken.
    pub async fn add_debt_category(
        &self,
        category: &DebtCategory,
        actor: &Actor,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "INSERT INTO debt_categories (code, name_el, name_en, created_at_ms) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING",
        )
        .bind(&category.code)
        .bind(&category.name_el)
        .bind(&category.name_en)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            self.audit(
                &mut *tx,
                actor,
                "debts.category_added",
                None,
                Some(&category.code),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    /// The late-payment interest rates, every version.
    pub async fn debt_interest_rates(&self) -> Result<Vec<InterestRate>, sqlx::Error> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT valid_from, percent_per_month FROM debt_interest_rates ORDER BY valid_from",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(from, percent)| {
                Some(InterestRate {
                    valid_from: parse_iso_date(&from)?,
                    percent_per_month: Decimal::from_str(&percent).ok()?,
                })
            })
            .collect())
    }

    /// Every debt of an ΑΦΜ (the caller has checked that it is proved to be the asker's),
    /// open ones first, with what each owes `on`.
    pub async fn register_debts_of(
        &self,
        afm: &str,
        on: Date,
    ) -> Result<Vec<DebtToday>, sqlx::Error> {
        let debts: Vec<RegisterDebt> = sqlx::query_as(&format!(
            "{SELECT_DEBT} WHERE afm = $1 ORDER BY (state IN ('paid', 'cancelled')), due_date, id"
        ))
        .bind(afm)
        .fetch_all(self.pool())
        .await?;
        let rates = self.debt_interest_rates().await?;
        Ok(debts
            .into_iter()
            .map(|debt| {
                let due_date = parse_iso_date(&debt.due_date).unwrap_or(on);
                let due = amount_due(debt.kind, debt.principal, due_date, on, &rates);
                DebtToday { debt, due }
            })
            .collect())
    }

    /// A debt's changes, oldest first; a debt an import added starts with that import (its
    /// actor and time).
    pub async fn debt_events(&self, debt_id: &str) -> Result<Vec<DebtEvent>, sqlx::Error> {
        let mut events: Vec<DebtEvent> = sqlx::query_as(
            "SELECT i.started_at_ms AS at_ms, i.actor, 'imported' AS action, \
             i.file_name AS detail FROM debts d JOIN debt_imports i ON i.id = d.import_id \
             WHERE d.id = $1",
        )
        .bind(debt_id)
        .fetch_all(self.pool())
        .await?;
        events.extend(
            sqlx::query_as::<_, DebtEvent>(
                "SELECT at_ms, actor, action, detail FROM debt_events WHERE debt_id = $1 \
                 ORDER BY at_ms, id",
            )
            .bind(debt_id)
            .fetch_all(self.pool())
            .await?,
        );
        Ok(events)
    }

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
        let parsed = tokio::task::spawn_blocking(move || {
            let columns = Columns {
                required: DEBT_COLUMNS,
                key: "municipality_ref",
            };
            read_csv(&csv_text, columns, |row| debt_row(row, &categories, today))
        })
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("the import's parser stopped: {e}")))?;
        let total = parsed.rows.len() as u64 + parsed.problems.len() as u64;
        sqlx::query("UPDATE debt_imports SET total_rows = $1 WHERE id = $2")
            .bind(i64::try_from(total).unwrap_or(i64::MAX))
            .bind(import_id)
            .execute(self.pool())
            .await?;
        let progress = progress_of(import_id);
        progress.store(parsed.problems.len() as u64, Ordering::Relaxed);
        let mut report = DebtImport {
            id: import_id.to_owned(),
            problems: parsed.problems,
            ..DebtImport::default()
        };
        let rows: Vec<NewRegisterDebt> = parsed.rows.into_iter().map(|(_, _, d)| d).collect();
        let mut tx = self.begin().await?;
        let now = now_ms();
        let actor_text = actor.as_text();
        for chunk in rows.chunks(CHUNK_ROWS) {
            upsert_debtors(&mut tx, chunk, now).await?;
            let known = known_debts(&mut tx, chunk).await?;
            let (new, seen): (Vec<&NewRegisterDebt>, Vec<&NewRegisterDebt>) = chunk
                .iter()
                .partition(|debt| !known.contains_key(&debt.reference));
            insert_debts(&mut tx, &new, Added::ByImport(import_id), now).await?;
            report.added += new.len() as u64;
            for debt in seen {
                let Some(before) = known.get(&debt.reference) else {
                    continue;
                };
                match update_debt(&mut tx, before, debt, &actor_text, now).await? {
                    Upsert::Updated => report.updated += 1,
                    Upsert::Unchanged => report.unchanged += 1,
                }
            }
            progress.fetch_add(chunk.len() as u64, Ordering::Relaxed);
        }
        let problems = serde_json::to_string(&report.problems).unwrap_or_else(|_| "[]".into());
        sqlx::query(
            "UPDATE debt_imports SET state = 'done', added = $1, updated = $2, unchanged = $3, \
             left_out = $4, problems = $5, finished_at_ms = $6 WHERE id = $7",
        )
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
        Ok(report)
    }
}

/// `($1, $2, …), (…)` for `rows` rows of `columns` parameters each.
pub fn placeholders(rows: usize, columns: usize) -> String {
    let mut text = String::with_capacity(rows * columns * 5);
    for row in 0..rows {
        if row > 0 {
            text.push_str(", ");
        }
        text.push('(');
        for column in 0..columns {
            if column > 0 {
                text.push_str(", ");
            }
            text.push('$');
            text.push_str(&(row * columns + column + 1).to_string());
        }
        text.push(')');
    }
    text
}

/// The chunk's debtors' records, added or brought up to the file (one row per ΑΦΜ: the
/// last in the chunk wins, as it would row by row). Contact details the file leaves empty
/// are kept.
async fn upsert_debtors(
    tx: &mut sqlx::AnyConnection,
    chunk: &[NewRegisterDebt],
    now: i64,
) -> Result<(), sqlx::Error> {
    // The last row's name, and each contact detail from the last row that has one.
    let mut by_afm: HashMap<&str, (&str, DebtorContact)> = HashMap::new();
    for debt in chunk {
        let entry = by_afm
            .entry(&debt.afm)
            .or_insert_with(|| (&debt.debtor_name, DebtorContact::default()));
        entry.0 = &debt.debtor_name;
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
    let debtors: Vec<(&str, (&str, DebtorContact))> = by_afm.into_iter().collect();
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
    for (afm, (name, contact)) in debtors {
        query = query
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(afm)
            .bind(name)
            .bind(contact.address)
            .bind(contact.email)
            .bind(contact.phone)
            .bind(debtor_search_key(name, afm))
            .bind(now)
            .bind(now);
    }
    query.execute(&mut *tx).await?;
    Ok(())
}

/// What staff search a debtor by: name (case and accents folded) and ΑΦΜ.
pub fn debtor_search_key(name: &str, afm: &str) -> String {
    crate::domain::submission::search_key(&format!("{name} {afm}"))
}

/// The debts of the chunk that are known already, by reference.
async fn known_debts(
    tx: &mut sqlx::AnyConnection,
    chunk: &[NewRegisterDebt],
) -> Result<HashMap<String, RegisterDebt>, sqlx::Error> {
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

/// Where a new debt came from: an import (named: its creation event) or staff.
#[derive(Clone, Copy)]
pub(super) enum Added<'a> {
    ByImport(&'a str),
    ByStaff,
}

/// Adds new debts in one statement; returns their ids, in order.
pub(super) async fn insert_debts(
    tx: &mut sqlx::AnyConnection,
    new: &[&NewRegisterDebt],
    added: Added<'_>,
    now: i64,
) -> Result<Vec<String>, sqlx::Error> {
    if new.is_empty() {
        return Ok(Vec::new());
    }
    let (source, import_id) = match added {
        Added::ByImport(id) => ("import", Some(id)),
        Added::ByStaff => ("staff", None),
    };
    let ids: Vec<String> = new
        .iter()
        .map(|_| uuid::Uuid::new_v4().to_string())
        .collect();
    let sql = format!(
        "INSERT INTO debts (id, afm, debtor_name, kind, category, description, principal_cents, \
         due_date, certified_on, municipality_ref, state, source, import_id, created_at_ms, \
         updated_at_ms) VALUES {}",
        placeholders(new.len(), 15)
    );
    let mut query = sqlx::query(&sql);
    for (debt, id) in new.iter().zip(&ids) {
        query = query
            .bind(id)
            .bind(&debt.afm)
            .bind(&debt.debtor_name)
            .bind(debt.kind)
            .bind(&debt.category)
            .bind(&debt.description)
            .bind(debt.principal)
            .bind(debt.due_date.iso())
            .bind(debt.certified_on.map(|d| d.iso()))
            .bind(&debt.reference)
            .bind(DebtState::Open)
            .bind(source)
            .bind(import_id)
            .bind(now)
            .bind(now);
    }
    query.execute(&mut *tx).await?;
    Ok(ids)
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
    write_debt(tx, &known.id, debt, now).await?;
    let detail = changes.join(", ");
    log_debt_event(tx, &known.id, actor, "updated", Some(&detail), now).await?;
    Ok(Upsert::Updated)
}

/// Writes a debt's fields (its state is not touched).
pub(super) async fn write_debt(
    tx: &mut sqlx::AnyConnection,
    id: &str,
    debt: &NewRegisterDebt,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE debts SET afm = $1, debtor_name = $2, kind = $3, category = $4, description = $5, \
         principal_cents = $6, due_date = $7, certified_on = $8, municipality_ref = $9, \
         updated_at_ms = $10 WHERE id = $11",
    )
    .bind(&debt.afm)
    .bind(&debt.debtor_name)
    .bind(debt.kind)
    .bind(&debt.category)
    .bind(&debt.description)
    .bind(debt.principal)
    .bind(debt.due_date.iso())
    .bind(debt.certified_on.map(|d| d.iso()))
    .bind(&debt.reference)
    .bind(now)
    .bind(id)
    .execute(tx)
    .await?;
    Ok(())
}

/// The fields the export changes, named (`principal 100.00 → 120.00`).
pub(super) fn changed_fields(known: &RegisterDebt, new: &NewRegisterDebt) -> Vec<String> {
    let mut changes = Vec::new();
    let mut compare = |name: &str, old: String, new: String| {
        if old != new {
            changes.push(format!("{name} {old} → {new}"));
        }
    };
    compare(
        "reference",
        known.municipality_ref.clone().unwrap_or_default(),
        new.reference.clone(),
    );
    compare("afm", known.afm.clone(), new.afm.clone());
    compare(
        "debtor_name",
        known.debtor_name.clone(),
        new.debtor_name.clone(),
    );
    compare("kind", known.kind.to_string(), new.kind.to_string());
    compare("category", known.category.clone(), new.category.clone());
    compare(
        "description",
        known.description.clone(),
        new.description.clone(),
    );
    compare(
        "principal",
        known.principal.as_decimal().to_string(),
        new.principal.as_decimal().to_string(),
    );
    compare("due_date", known.due_date.clone(), new.due_date.iso());
    compare(
        "certified_on",
        known.certified_on.clone().unwrap_or_default(),
        new.certified_on.map(|d| d.iso()).unwrap_or_default(),
    );
    changes
}

pub(super) async fn log_debt_event(
    tx: &mut sqlx::AnyConnection,
    debt_id: &str,
    actor: &str,
    action: &str,
    detail: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO debt_events (debt_id, at_ms, actor, action, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(debt_id)
    .bind(now)
    .bind(actor)
    .bind(action)
    .bind(detail)
    .execute(tx)
    .await?;
    Ok(())
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

/// A debt as staff type it: the error names the form's field.
pub(super) fn debt_row_fields(
    fields: &DebtFields<'_>,
    categories: &HashSet<String>,
    today: Date,
) -> Result<NewRegisterDebt, (&'static str, ProblemReason)> {
    let trimmed = DebtFields {
        reference: fields.reference.trim(),
        afm: fields.afm.trim(),
        debtor_name: fields.debtor_name.trim(),
        kind: fields.kind.trim(),
        category: fields.category.trim(),
        description: fields.description.trim(),
        principal: fields.principal.trim(),
        due_date: fields.due_date.trim(),
        certified_on: fields.certified_on.trim(),
    };
    parse_debt(&trimmed, categories, today).map_err(|(field, reason, _)| (field, reason))
}

/// One debt from its fields: the field at fault, why, and the offending value.
fn parse_debt(
    fields: &DebtFields<'_>,
    categories: &HashSet<String>,
    today: Date,
) -> Result<NewRegisterDebt, (&'static str, ProblemReason, String)> {
    let at = |field: &'static str| move |(reason, value): RowError| (field, reason, value);
    let afm =
        Afm::parse(fields.afm).map_err(|_| ("afm", ProblemReason::Afm, fields.afm.to_owned()))?;
    let name = fields.debtor_name;
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err((
            "debtor_name",
            ProblemReason::Name,
            name.chars().take(40).collect(),
        ));
    }
    let kind = DebtKind::parse(fields.kind)
        .ok_or_else(|| ("kind", ProblemReason::DebtKind, fields.kind.to_owned()))?;
    if !categories.contains(fields.category) {
        return Err((
            "category",
            ProblemReason::Category,
            fields.category.to_owned(),
        ));
    }
    let certified_on = match fields.certified_on {
        "" => None,
        text => Some(parse_past_date(text, today).map_err(at("certified_on"))?),
    };
    let due_date = fields.due_date;
    Ok(NewRegisterDebt {
        reference: parse_number(fields.reference).map_err(at("reference"))?,
        afm: afm.as_str().to_owned(),
        debtor_name: name.to_owned(),
        kind,
        category: fields.category.to_owned(),
        description: parse_description(fields.description).map_err(at("description"))?,
        principal: parse_positive(fields.principal).map_err(at("principal"))?,
        due_date: parse_iso_date(due_date).ok_or((
            "due_date",
            ProblemReason::Date,
            due_date.to_owned(),
        ))?,
        certified_on,
        contact: DebtorContact::default(),
    })
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
