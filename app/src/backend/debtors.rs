//! The debtors' side of the register: whose debts a user may see (ΑΦΜ proved to be
//! theirs), a debtor's debts with today's amounts, the debtor's card with every payment,
//! the staff's search, entry, correction and cancellation, and the monthly table of
//! amounts posted and collected.

use super::audit::Actor;
pub use super::debts::DebtFields;
use super::debts::{
    changed_fields, debt_row_fields, debtor_search_key, insert_debts, interest_rates,
    log_debt_event, write_debt, Added, NewRegisterDebt, RegisterDebt, PROVED_TO,
};
use super::{now_ms, Db, Engine};
use crate::domain::debt::{amount_due, DebtKind, DebtState, InterestRate};
use crate::domain::time::{local_date, local_midnight_ms, parse_iso_date, Date};
use crate::domain::Money;
use crate::views::debts::{
    CardPayment, DebtCategory, DebtEventLine, DebtLine, DebtReport, DebtReportRow, DebtorCard,
    DebtorHit, DebtorRecord, ProvedDebtor, StaffDebt,
};
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

/// Most debtors one search lists.
const MAX_HITS: i64 = 50;
/// Most payments a card lists (newest first).
const MAX_CARD_PAYMENTS: i64 = 500;

/// A debt as its lines are read: a row, or an element of the JSON array that
/// `lines_of_afm` has the engine build (same fields, same order; the last three only for a
/// paid or cancelled debt, see `json_line`).
#[derive(sqlx::FromRow, serde::Deserialize)]
struct LineRow {
    id: String,
    municipality_ref: Option<String>,
    kind: DebtKind,
    category: String,
    description: String,
    principal_cents: i64,
    due_date: String,
    state: DebtState,
    #[serde(default)]
    paid_by: Option<String>,
    #[serde(default)]
    receipt: Option<String>,
    #[serde(default)]
    cancel_reason: Option<String>,
}

impl LineRow {
    fn line(self, on: Date, rates: &[InterestRate], categories: &Categories) -> DebtLine {
        let principal = Money::from_cents(self.principal_cents);
        let due_date = parse_iso_date(&self.due_date).unwrap_or(on);
        // The list's JSON and the staff's row agree: a payment, receipt or reason for
        // cancelling only on a debt that is paid or cancelled.
        let closed = self.state.is_closed();
        DebtLine {
            id: self.id,
            reference: self.municipality_ref,
            kind: self.kind,
            category: categories.named(self.category),
            description: self.description,
            due: amount_due(self.kind, principal, due_date, on, rates),
            due_date: self.due_date,
            state: self.state,
            paid_by: self.paid_by.filter(|_| closed),
            receipt: self.receipt.filter(|_| closed),
            cancel_reason: self.cancel_reason.filter(|_| closed),
        }
    }
}

/// What every line shows, then what only a closed one does (the payment that paid it, its
/// receipt, why it was cancelled). The certification date is not shown in lists: staff read
/// it with the one debt (`staff_debt`).
const OPEN_COLUMNS: &str = "d.id, d.municipality_ref, d.kind, d.category, d.description, \
     d.principal_cents - d.paid_principal_cents AS principal_cents, d.due_date, d.state";
const CLOSED_COLUMNS: &str =
    "d.paid_by, (SELECT number FROM receipts WHERE payment_id = d.paid_by) AS receipt, \
     d.cancel_reason";
/// The states `CLOSED_COLUMNS` are read for (`DebtState::is_closed`).
const CLOSED_STATES: &str = "d.state IN ('paid', 'cancelled')";
const LINE_TABLES: &str = "FROM debts d";

/// The revenue categories by code, each shared by the lines of its debts: a page reads the
/// names once, not once a debt (a debtor may have hundreds of debts of one category).
struct Categories(BTreeMap<String, Arc<DebtCategory>>);

impl Categories {
    fn new(categories: impl IntoIterator<Item = DebtCategory>) -> Categories {
        Categories(
            categories
                .into_iter()
                .map(|c| (c.code.clone(), Arc::new(c)))
                .collect(),
        )
    }

    /// The category of `code`. A debt's category is in the catalogue (a foreign key); were
    /// one missing, its code would stand for its names.
    fn named(&self, code: String) -> Arc<DebtCategory> {
        match self.0.get(&code) {
            Some(category) => Arc::clone(category),
            None => Arc::new(DebtCategory {
                name_el: code.clone(),
                name_en: code.clone(),
                code,
            }),
        }
    }
}

/// The catalogue as a JSON array of `[code, name_el, name_en]` (see `my_debts_query`).
fn categories_json(engine: Engine) -> String {
    let (array, agg, open, close) = json_parts(engine);
    format!("SELECT {open}{agg}({array}(code, name_el, name_en)){close} FROM debt_categories")
}

/// Reads `categories_json`'s array (each element read by position into a category).
fn categories_from_json(json: &str) -> Result<Categories, sqlx::Error> {
    let categories: Vec<DebtCategory> = serde_json::from_str(json)
        .map_err(|e| sqlx::Error::Decode(format!("a debt category: {e}").into()))?;
    Ok(Categories::new(categories))
}

fn select_line() -> String {
    format!("SELECT {OPEN_COLUMNS}, {CLOSED_COLUMNS} {LINE_TABLES}")
}

/// The debtors proved to be a user (`$1`): their own ΑΦΜ once a clerk verified it, then
/// each verified business they represent (`own` orders them).
const PROVED_DEBTORS: &str = "SELECT NULL AS business_id, full_name AS name, afm, 0 AS own \
     FROM users WHERE id = $1 AND verification = 'verified' AND afm IS NOT NULL AND afm <> '' \
     UNION ALL SELECT id, name, afm, 1 FROM businesses \
     WHERE representative_id = $1 AND verification = 'verified'";
/// The order of `PROVED_DEBTORS`: the user's own first, then businesses by name.
const PROVED_ORDER: &str = "own, name, business_id";

/// A proved debtor as both queries read it: business id (none: the user), name, ΑΦΜ.
type ProvedRow = (Option<String>, String, String);

fn proved_debtor((business_id, name, afm): ProvedRow) -> ProvedDebtor {
    ProvedDebtor {
        business_id,
        name,
        afm,
    }
}

/// Everything "my debts" reads, in one row: the user's proved debtors, the debts of the
/// one chosen (`$2`, a business id, or '' for the first), the interest rates and the
/// categories — each a JSON array the engine builds. SQLite's driver hands each row and
/// each query over from its own thread with two wake-ups; for a debtor with 200 debts those
/// hand-overs cost more than the rest of the page (measured: 392 pages a second with a row a debt and five
/// queries). The debts' order is set by the reader.
fn my_debts_query(engine: Engine) -> &'static str {
    static SQLITE: LazyLock<String> = LazyLock::new(|| write_my_debts_query(Engine::Sqlite));
    static POSTGRES: LazyLock<String> = LazyLock::new(|| write_my_debts_query(Engine::Postgres));
    match engine {
        Engine::Sqlite => &SQLITE,
        Engine::Postgres => &POSTGRES,
    }
}

/// Every debt of an ΑΦΜ (`$1`) as one JSON array, and the categories, in one row (see
/// `my_debts_query`).
fn lines_of_afm(engine: Engine) -> &'static str {
    static SQLITE: LazyLock<String> = LazyLock::new(|| write_lines_query(Engine::Sqlite));
    static POSTGRES: LazyLock<String> = LazyLock::new(|| write_lines_query(Engine::Postgres));
    match engine {
        Engine::Sqlite => &SQLITE,
        Engine::Postgres => &POSTGRES,
    }
}

/// How each engine builds a JSON array of rows: the row's array, the aggregate, and what
/// wraps the aggregate (PostgreSQL's is NULL over no rows and not text).
fn json_parts(engine: Engine) -> (&'static str, &'static str, &'static str, &'static str) {
    match engine {
        Engine::Sqlite => ("json_array", "json_group_array", "", ""),
        Engine::Postgres => ("json_build_array", "json_agg", "COALESCE(", "::text, '[]')"),
    }
}

fn write_lines_query(engine: Engine) -> String {
    let line = json_line(engine);
    let (_, agg, open, close) = json_parts(engine);
    format!(
        "SELECT (SELECT {open}{agg}({line}){close} {LINE_TABLES} WHERE d.afm = $1), \
                ({})",
        categories_json(engine)
    )
}

/// A line as a JSON array (no names: it is read by position): `OPEN_COLUMNS`, and for a closed
/// debt `CLOSED_COLUMNS` after them. An open one's array stops short: for 200 open debts the
/// three, nearly always empty, and the receipt's lookup were a tenth of the engine's time
/// (measured: 129–133 against 141–155 µs a query).
fn json_line(engine: Engine) -> String {
    let (array, ..) = json_parts(engine);
    let open = OPEN_COLUMNS.replace(" AS principal_cents", "");
    let closed = CLOSED_COLUMNS.replace(" AS receipt", "");
    format!("CASE WHEN {CLOSED_STATES} THEN {array}({open}, {closed}) ELSE {array}({open}) END")
}

fn write_my_debts_query(engine: Engine) -> String {
    let line = json_line(engine);
    let (array, agg, open, close) = json_parts(engine);
    format!(
        "WITH proved AS ({PROVED_DEBTORS}), \
         chosen AS (SELECT afm FROM proved WHERE $2 = '' OR business_id = $2 \
                    ORDER BY {PROVED_ORDER} LIMIT 1) \
         SELECT (SELECT {open}{agg}({array}(business_id, name, afm) \
                   ORDER BY {PROVED_ORDER}){close} FROM proved), \
                (SELECT {open}{agg}({line}){close} {LINE_TABLES} \
                   WHERE d.afm = (SELECT afm FROM chosen)), \
                (SELECT {open}{agg}({array}(valid_from, percent_per_month)){close} \
                   FROM debt_interest_rates), \
                ({categories})",
        categories = categories_json(engine)
    )
}

/// What "my debts" reads: the proved debtors, the chosen one's debts, the interest rates.
pub struct MyDebtsRead {
    pub debtors: Vec<ProvedDebtor>,
    pub lines: Vec<DebtLine>,
    pub rates: Vec<InterestRate>,
}

/// Open debts first, then by due date; each with what it owes `on`. The rows stay where
/// they are and only their positions are sorted (a row is some 300 bytes to move).
fn lines_in_order(
    rows: Vec<LineRow>,
    on: Date,
    rates: &[InterestRate],
    categories: &Categories,
) -> Vec<DebtLine> {
    let closed = |r: &LineRow| r.state.is_closed();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    // Ids are unique, so no two keys are equal and an unstable sort is exact.
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&rows[a], &rows[b]);
        (closed(a), &a.due_date, &a.municipality_ref, &a.id).cmp(&(
            closed(b),
            &b.due_date,
            &b.municipality_ref,
            &b.id,
        ))
    });
    let mut rows: Vec<Option<LineRow>> = rows.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|at| rows[at].take())
        .map(|row| row.line(on, rates, categories))
        .collect()
}

/// Why staff's save of a debt was refused.
#[derive(Debug)]
pub enum SaveDebtError {
    /// A field is wrong: its name and the reason.
    Field(&'static str, crate::domain::import::ProblemReason),
    /// Another debt has this reference.
    ReferenceTaken,
    /// Paid or cancelled debts are not corrected.
    Closed,
    NotFound,
    Db(sqlx::Error),
}

impl From<sqlx::Error> for SaveDebtError {
    fn from(e: sqlx::Error) -> Self {
        SaveDebtError::Db(e)
    }
}

impl Db {
    /// The debtors proved to be the user's: their own ΑΦΜ once a clerk verified it, and
    /// each verified business they represent (by name). One query: it is on every debts page.
    pub async fn proved_debtors(&self, user_id: &str) -> Result<Vec<ProvedDebtor>, sqlx::Error> {
        static QUERY: LazyLock<String> = LazyLock::new(|| {
            format!("SELECT business_id, name, afm FROM ({PROVED_DEBTORS}) proved ORDER BY {PROVED_ORDER}")
        });
        let rows: Vec<ProvedRow> = sqlx::query_as(&QUERY)
            .bind(user_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().map(proved_debtor).collect())
    }

    /// Every debt of an ΑΦΜ with what it owes `on`: open ones first, by due date.
    pub async fn debt_lines_of(&self, afm: &str, on: Date) -> Result<Vec<DebtLine>, sqlx::Error> {
        let (lines, categories): (String, String) = sqlx::query_as(lines_of_afm(self.engine()))
            .bind(afm)
            .fetch_one(self.pool())
            .await?;
        let rows: Vec<LineRow> = serde_json::from_str(&lines)
            .map_err(|e| sqlx::Error::Decode(format!("a debt line: {e}").into()))?;
        let rates = self.debt_interest_rates().await?;
        Ok(lines_in_order(
            rows,
            on,
            &rates,
            &categories_from_json(&categories)?,
        ))
    }

    /// What "my debts" shows a user, in one query: the debtors proved to be theirs, the
    /// debts of the one chosen (`business_id`, or the first when `None`) with what each
    /// owes `on`, and the interest rates they were reckoned at.
    pub async fn my_debts(
        &self,
        user_id: &str,
        business_id: Option<&str>,
        on: Date,
    ) -> Result<MyDebtsRead, sqlx::Error> {
        let (debtors, lines, rates, categories): (String, String, String, String) =
            sqlx::query_as(my_debts_query(self.engine()))
                .bind(user_id)
                .bind(business_id.unwrap_or(""))
                .fetch_one(self.pool())
                .await?;
        let decode =
            |what: &str, e: serde_json::Error| sqlx::Error::Decode(format!("{what}: {e}").into());
        let debtors: Vec<ProvedRow> =
            serde_json::from_str(&debtors).map_err(|e| decode("a proved debtor", e))?;
        let rows: Vec<LineRow> =
            serde_json::from_str(&lines).map_err(|e| decode("a debt line", e))?;
        let rates: Vec<(String, String)> =
            serde_json::from_str(&rates).map_err(|e| decode("an interest rate", e))?;
        let rates = interest_rates(rates);
        Ok(MyDebtsRead {
            debtors: debtors.into_iter().map(proved_debtor).collect(),
            lines: lines_in_order(rows, on, &rates, &categories_from_json(&categories)?),
            rates,
        })
    }

    /// The debtor's card for an ΑΦΜ (the caller has checked who may see it).
    pub async fn debtor_card(
        &self,
        afm: &str,
        fallback_name: &str,
        on: Date,
    ) -> Result<DebtorCard, sqlx::Error> {
        let record: Option<DebtorRecord> = sqlx::query_as(
            "SELECT id, afm, name, address, email, phone FROM debtors WHERE afm = $1",
        )
        .bind(afm)
        .fetch_optional(self.pool())
        .await?;
        let payments: Vec<CardPayment> = sqlx::query_as(
            "SELECT p.id, p.purpose_kind, p.amount_cents, p.state, p.created_at_ms, \
             r.number AS receipt, p.description_el, p.description_en FROM payments p \
             LEFT JOIN receipts r ON r.payment_id = p.id \
             WHERE p.debtor_afm = $1 AND p.state <> 'created' \
             ORDER BY p.created_at_ms DESC, p.id LIMIT $2",
        )
        .bind(afm)
        .bind(MAX_CARD_PAYMENTS)
        .fetch_all(self.pool())
        .await?;
        Ok(DebtorCard {
            afm: afm.to_owned(),
            name: record
                .as_ref()
                .map(|r| r.name.clone())
                .unwrap_or_else(|| fallback_name.to_owned()),
            record,
            debts: self.debt_lines_of(afm, on).await?,
            payments,
            today: on.iso(),
        })
    }

    /// A debtor's record by its id (staff).
    pub async fn debtor(&self, id: &str) -> Result<Option<DebtorRecord>, sqlx::Error> {
        sqlx::query_as("SELECT id, afm, name, address, email, phone FROM debtors WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
    }

    /// Debtors found by ΑΦΜ, by name (case and accents folded, anywhere in it) or by the
    /// municipality's reference of one of their debts.
    pub async fn search_debtors(&self, query: &str) -> Result<Vec<DebtorHit>, sqlx::Error> {
        let typed = query.trim();
        if typed.is_empty() {
            return Ok(Vec::new());
        }
        sqlx::query_as(
            "SELECT d.id, d.afm, d.name, \
             CAST(COUNT(x.id) AS BIGINT) AS open_debts, \
             CAST(COALESCE(SUM(x.principal_cents - x.paid_principal_cents), 0) AS BIGINT) \
             AS open_principal_cents \
             FROM debtors d LEFT JOIN debts x ON x.afm = d.afm \
             AND x.state IN ('open', 'partly_paid', 'in_settlement') \
             WHERE d.afm = $1 OR d.search_key LIKE $2 ESCAPE '\\' \
             OR d.afm IN (SELECT afm FROM debts WHERE municipality_ref = $1) \
             GROUP BY d.id, d.afm, d.name ORDER BY d.name, d.afm LIMIT $3",
        )
        .bind(typed)
        .bind(crate::domain::submission::contains_pattern(typed))
        .bind(MAX_HITS)
        .fetch_all(self.pool())
        .await
    }

    /// One debt with its history, for staff.
    pub async fn staff_debt(&self, id: &str, on: Date) -> Result<Option<StaffDebt>, sqlx::Error> {
        let row: Option<LineRow> = sqlx::query_as(&format!("{} WHERE d.id = $1", select_line()))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let (afm, debtor_name, certified_on): (String, String, Option<String>) =
            sqlx::query_as("SELECT afm, debtor_name, certified_on FROM debts WHERE id = $1")
                .bind(id)
                .fetch_one(self.pool())
                .await?;
        let debtor_id: Option<String> = sqlx::query_scalar("SELECT id FROM debtors WHERE afm = $1")
            .bind(&afm)
            .fetch_optional(self.pool())
            .await?;
        let rates = self.debt_interest_rates().await?;
        let categories = self.debt_categories().await?;
        let events = self
            .debt_events(id)
            .await?
            .into_iter()
            .map(|e| DebtEventLine {
                at_ms: e.at_ms,
                actor: e.actor,
                action: e.action,
                detail: e.detail,
            })
            .collect();
        Ok(Some(StaffDebt {
            debt: row.line(on, &rates, &Categories::new(categories.iter().cloned())),
            certified_on,
            afm,
            debtor_name,
            debtor_id,
            events,
            categories,
        }))
    }

    /// Staff enter a debt (`id` `None`) or correct one; returns its id. Every change is an
    /// event naming what changed.
    pub async fn save_debt(
        &self,
        id: Option<&str>,
        fields: DebtFields<'_>,
        actor: &Actor,
    ) -> Result<String, SaveDebtError> {
        let categories = self.debt_category_codes().await?;
        let debt = debt_row_fields(&fields, &categories, super::today())
            .map_err(|(field, reason)| SaveDebtError::Field(field, reason))?;
        let mut tx = self.begin().await?;
        let now = now_ms();
        let actor_text = actor.as_text();
        let taken: Option<String> =
            sqlx::query_scalar("SELECT id FROM debts WHERE municipality_ref = $1")
                .bind(&debt.reference)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.as_deref().is_some_and(|t| Some(t) != id) {
            return Err(SaveDebtError::ReferenceTaken);
        }
        let id = match id {
            Some(id) => {
                let known: Option<RegisterDebt> = sqlx::query_as(
                    "SELECT id, afm, debtor_name, kind, category, description, principal_cents, \
                     due_date, certified_on, municipality_ref, state FROM debts WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                let known = known.ok_or(SaveDebtError::NotFound)?;
                if matches!(known.state, DebtState::Paid | DebtState::Cancelled) {
                    return Err(SaveDebtError::Closed);
                }
                let changes = changed_fields(&known, &debt);
                if !changes.is_empty() {
                    super::notices::withdraw_notice_of(&mut tx, id, now).await?;
                    write_debt(&mut tx, id, &debt, now).await?;
                    let detail = changes.join(", ");
                    log_debt_event(&mut tx, id, &actor_text, "corrected", Some(&detail), now)
                        .await?;
                }
                id.to_owned()
            }
            None => {
                let ids = insert_debts(&mut tx, &[&debt], Added::ByStaff, now).await?;
                let id = ids.into_iter().next().unwrap_or_default();
                log_debt_event(&mut tx, &id, &actor_text, "created", None, now).await?;
                id
            }
        };
        upsert_debtor(&mut tx, &debt, now).await?;
        self.audit(&mut *tx, actor, "debts.saved", Some(&id), None)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Staff cancel a debt with a reason; `false` when it is paid or cancelled already.
    pub async fn cancel_debt(
        &self,
        id: &str,
        reason: &str,
        actor: &Actor,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE debts SET state = 'cancelled', cancel_reason = $1, updated_at_ms = $2 \
             WHERE id = $3 AND state IN ('open', 'partly_paid', 'in_settlement')",
        )
        .bind(reason)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if done {
            super::notices::withdraw_notice_of(&mut tx, id, now).await?;
            log_debt_event(
                &mut tx,
                id,
                &actor.as_text(),
                "cancelled",
                Some(reason),
                now,
            )
            .await?;
            self.audit(&mut *tx, actor, "debts.cancelled", Some(id), None)
                .await?;
        }
        tx.commit().await?;
        Ok(done)
    }

    /// Amounts posted (certified in the month, cancelled ones left out) and collected
    /// (debt payments that succeeded in the month, municipality's time) per category.
    pub async fn debt_report(&self, year: i64) -> Result<DebtReport, sqlx::Error> {
        let categories = self.debt_categories().await?;
        let posted: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT category, SUBSTR(certified_on, 6, 2) AS month, \
             CAST(SUM(principal_cents) AS BIGINT) AS cents FROM debts \
             WHERE certified_on >= $1 AND certified_on < $2 AND state <> 'cancelled' \
             GROUP BY category, SUBSTR(certified_on, 6, 2)",
        )
        .bind(format!("{year:04}-01-01"))
        .bind(format!("{:04}-01-01", year + 1))
        .fetch_all(self.pool())
        .await?;
        let from_ms = local_midnight_ms(Date {
            year,
            month: 1,
            day: 1,
        });
        let to_ms = local_midnight_ms(Date {
            year: year + 1,
            month: 1,
            day: 1,
        });
        let collected: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT d.category, r.issued_at_ms, i.amount_cents FROM debt_payment_items i \
             JOIN debts d ON d.id = i.debt_id \
             JOIN payments p ON p.purpose_kind = 'debts' AND p.purpose_id = i.debt_payment_id \
             JOIN receipts r ON r.payment_id = p.id \
             WHERE d.paid_by = p.id AND r.issued_at_ms >= $1 AND r.issued_at_ms < $2",
        )
        .bind(from_ms)
        .bind(to_ms)
        .fetch_all(self.pool())
        .await?;
        let mut cells: BTreeMap<(String, u32), (Money, Money)> = BTreeMap::new();
        let add = |sum: Money, cents: i64| sum.checked_add(Money::from_cents(cents)).unwrap_or(sum);
        for (category, month, cents) in posted {
            let Ok(month) = month.parse::<u32>() else {
                continue;
            };
            let cell = cells.entry((category, month)).or_default();
            cell.0 = add(cell.0, cents);
        }
        for (category, at_ms, cents) in collected {
            let month = local_date(at_ms).month;
            let cell = cells.entry((category, month)).or_default();
            cell.1 = add(cell.1, cents);
        }
        let (mut total_posted, mut total_collected) = (Money::ZERO, Money::ZERO);
        let rows: Vec<DebtReportRow> = categories
            .iter()
            .flat_map(|category| {
                cells
                    .iter()
                    .filter(|((code, _), _)| *code == category.code)
                    .map(|((_, month), (posted, collected))| DebtReportRow {
                        category: category.clone(),
                        month: *month,
                        posted: *posted,
                        collected: *collected,
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        for row in &rows {
            total_posted = total_posted.checked_add(row.posted).unwrap_or(total_posted);
            total_collected = total_collected
                .checked_add(row.collected)
                .unwrap_or(total_collected);
        }
        let mut years: Vec<i64> = sqlx::query_scalar::<_, String>(
            "SELECT DISTINCT SUBSTR(certified_on, 1, 4) FROM debts WHERE certified_on IS NOT NULL",
        )
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .filter_map(|y| y.parse().ok())
        .collect();
        let this_year = super::today().year;
        years.push(this_year);
        years.push(year);
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        Ok(DebtReport {
            year,
            years,
            rows,
            posted: total_posted,
            collected: total_collected,
        })
    }

    /// Whether `afm` is proved to be the user's (their verified ΑΦΜ or a verified
    /// business they represent).
    pub async fn afm_proved_to(&self, afm: &str, user_id: &str) -> Result<bool, sqlx::Error> {
        let proved: Option<i64> = sqlx::query_scalar(&format!("SELECT 1 WHERE {PROVED_TO}"))
            .bind(afm)
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(proved.is_some())
    }
}

/// The debtor's record follows what staff typed (the name; contact details are kept).
async fn upsert_debtor(
    tx: &mut sqlx::AnyConnection,
    debt: &NewRegisterDebt,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO debtors (id, afm, name, search_key, created_at_ms, updated_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (afm) DO UPDATE SET name = excluded.name, \
         search_key = excluded.search_key, updated_at_ms = excluded.updated_at_ms \
         WHERE debtors.name <> excluded.name",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&debt.afm)
    .bind(&debt.debtor_name)
    .bind(debtor_search_key(&debt.debtor_name, &debt.afm))
    .bind(now)
    .execute(tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sql_reads_closing_fields_for_exactly_the_closed_states() {
        for state in DebtState::ALL {
            let named = CLOSED_STATES.contains(&format!("'{}'", state.as_str()));
            assert_eq!(named, state.is_closed(), "{state:?}");
        }
    }

    #[test]
    fn an_open_line_stops_short_and_a_closed_one_carries_its_payment() {
        let rows: Vec<LineRow> = serde_json::from_str(
            r#"[["a", "R-1", "certified", "tap", "x", 2150, "2025-02-28", "open"],
                ["b", null, "fee", "tap", "y", 900, "2025-03-31", "paid", "p", "Α-7", null]]"#,
        )
        .expect("both shapes read");
        let categories = Categories::new([]);
        let on = Date {
            year: 2026,
            month: 1,
            day: 10,
        };
        let lines = lines_in_order(rows, on, &[], &categories);
        assert_eq!(
            (lines[0].paid_by.as_deref(), lines[0].receipt.as_deref()),
            (None, None)
        );
        assert_eq!(lines[1].paid_by.as_deref(), Some("p"));
        assert_eq!(lines[1].receipt.as_deref(), Some("Α-7"));
        // A payment left on a debt that is open again is not shown as having paid it.
        let reopened: Vec<LineRow> = serde_json::from_str(
            r#"[["c", null, "fee", "tap", "z", 100, "2025-01-31", "partly_paid", "p", "Α-8", null]]"#,
        )
        .expect("reads");
        let line = &lines_in_order(reopened, on, &[], &categories)[0];
        assert_eq!(
            (line.paid_by.as_deref(), line.receipt.as_deref()),
            (None, None)
        );
    }
}
