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
use crate::views::imports::ImportProblem;
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::str::FromStr;

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

/// Longest debtor name taken from the financial system.
const MAX_NAME_CHARS: usize = 200;

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
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub problems: Vec<ImportProblem>,
}

const SELECT_DEBT: &str = "SELECT id, afm, debtor_name, kind, category, description, \
     principal_cents, due_date, certified_on, municipality_ref, state FROM debts";

impl Db {
    /// The revenue categories' codes (the catalogue admins keep).
    pub async fn debt_category_codes(&self) -> Result<HashSet<String>, sqlx::Error> {
        let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM debt_categories")
            .fetch_all(self.pool())
            .await?;
        Ok(codes.into_iter().collect())
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

    /// A debt's changes, oldest first.
    pub async fn debt_events(&self, debt_id: &str) -> Result<Vec<DebtEvent>, sqlx::Error> {
        sqlx::query_as(
            "SELECT at_ms, actor, action, detail FROM debt_events WHERE debt_id = $1 \
             ORDER BY at_ms, id",
        )
        .bind(debt_id)
        .fetch_all(self.pool())
        .await
    }

    /// Imports the financial system's export: each bad row is reported by line and reason
    /// and left out; a row whose reference is known updates that debt (unless it is paid
    /// or cancelled here), a new one is added; all in one transaction.
    #[tracing::instrument(skip_all)]
    pub async fn import_debts(
        &self,
        csv_text: &str,
        actor: &Actor,
    ) -> Result<DebtImport, sqlx::Error> {
        let categories = self.debt_category_codes().await?;
        let today = super::today();
        let columns = Columns {
            required: DEBT_COLUMNS,
            key: "municipality_ref",
        };
        let parsed = read_csv(csv_text, columns, |row| debt_row(row, &categories, today));
        let mut report = DebtImport {
            problems: parsed.problems,
            ..DebtImport::default()
        };
        let mut tx = self.begin().await?;
        let now = now_ms();
        let actor_text = actor.as_text();
        for (_, _, debt) in &parsed.rows {
            match upsert_debt(&mut tx, debt, &actor_text, now).await? {
                Upsert::Added => report.added += 1,
                Upsert::Updated => report.updated += 1,
                Upsert::Unchanged => report.unchanged += 1,
            }
        }
        self.audit(
            &mut *tx,
            actor,
            "debts.imported",
            None,
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

enum Upsert {
    Added,
    Updated,
    Unchanged,
}

/// Adds the debt, or brings the known one with its reference up to the export.
async fn upsert_debt(
    tx: &mut sqlx::AnyConnection,
    debt: &NewRegisterDebt,
    actor: &str,
    now: i64,
) -> Result<Upsert, sqlx::Error> {
    let known: Option<RegisterDebt> =
        sqlx::query_as(&format!("{SELECT_DEBT} WHERE municipality_ref = $1"))
            .bind(&debt.reference)
            .fetch_optional(&mut *tx)
            .await?;
    let certified_on = debt.certified_on.map(|d| d.iso());
    let Some(known) = known else {
        let id = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO debts (id, afm, debtor_name, kind, category, description, \
             principal_cents, due_date, certified_on, municipality_ref, state, source, \
             created_at_ms, updated_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', 'import', $11, $11)",
        )
        .bind(&id)
        .bind(&debt.afm)
        .bind(&debt.debtor_name)
        .bind(debt.kind)
        .bind(&debt.category)
        .bind(&debt.description)
        .bind(debt.principal)
        .bind(debt.due_date.iso())
        .bind(&certified_on)
        .bind(&debt.reference)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        log_debt_event(tx, &id, actor, "imported", None, now).await?;
        return Ok(Upsert::Added);
    };
    let changes = changed_fields(&known, debt);
    if changes.is_empty() {
        return Ok(Upsert::Unchanged);
    }
    if !known.state.is_payable() && known.state != DebtState::InSettlement {
        // Paid or cancelled here: the export is behind; keep what happened, say so.
        let detail = format!("not applied ({}): {}", known.state, changes.join(", "));
        log_debt_event(tx, &known.id, actor, "import_ignored", Some(&detail), now).await?;
        return Ok(Upsert::Unchanged);
    }
    sqlx::query(
        "UPDATE debts SET afm = $1, debtor_name = $2, kind = $3, category = $4, description = $5, \
         principal_cents = $6, due_date = $7, certified_on = $8, updated_at_ms = $9 WHERE id = $10",
    )
    .bind(&debt.afm)
    .bind(&debt.debtor_name)
    .bind(debt.kind)
    .bind(&debt.category)
    .bind(&debt.description)
    .bind(debt.principal)
    .bind(debt.due_date.iso())
    .bind(&certified_on)
    .bind(now)
    .bind(&known.id)
    .execute(&mut *tx)
    .await?;
    let detail = changes.join(", ");
    log_debt_event(tx, &known.id, actor, "updated", Some(&detail), now).await?;
    Ok(Upsert::Updated)
}

/// The fields the export changes, named (`principal 100.00 → 120.00`).
fn changed_fields(known: &RegisterDebt, new: &NewRegisterDebt) -> Vec<String> {
    let mut changes = Vec::new();
    let mut compare = |name: &str, old: String, new: String| {
        if old != new {
            changes.push(format!("{name} {old} → {new}"));
        }
    };
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

async fn log_debt_event(
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
fn debt_row(
    row: &Row<'_>,
    categories: &HashSet<String>,
    today: Date,
) -> Result<NewRegisterDebt, RowError> {
    let afm = row.field("afm");
    let afm = Afm::parse(afm).map_err(|_| (ProblemReason::Afm, afm.to_owned()))?;
    let name = row.field("debtor_name");
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err((ProblemReason::Name, name.chars().take(40).collect()));
    }
    let kind = row.field("kind");
    let kind = DebtKind::parse(kind).ok_or_else(|| (ProblemReason::DebtKind, kind.to_owned()))?;
    let category = row.field("category");
    if !categories.contains(category) {
        return Err((ProblemReason::Category, category.to_owned()));
    }
    let certified_on = match row.field("certified_on") {
        "" => None,
        text => Some(parse_past_date(text, today)?),
    };
    let due_date = row.field("due_date");
    Ok(NewRegisterDebt {
        reference: parse_number(row.field("municipality_ref"))?,
        afm: afm.as_str().to_owned(),
        debtor_name: name.to_owned(),
        kind,
        category: category.to_owned(),
        description: parse_description(row.field("description"))?,
        principal: parse_positive(row.field("principal_eur"))?,
        due_date: parse_iso_date(due_date).ok_or((ProblemReason::Date, due_date.to_owned()))?,
        certified_on,
    })
}
