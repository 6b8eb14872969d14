//! The payments the municipality has warranted to suppliers, as staff enter or import
//! them from CSV (certified municipal-tax debts are debts of the register, `super::debts`),
//! and the field parsers the register's import shares. Re-exported by [`super::tax`].

use super::audit::Actor;
use super::csv_import::{read_csv, Columns, Row, RowError};
use super::tax::{iso, today};
use super::{now_ms, Db};
use crate::domain::import::ProblemReason;
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::Money;
use crate::views::imports::{ImportProblem, ImportView};

impl Db {
    /// Warrants of a business (by ΑΦΜ), newest first.
    pub async fn warrants_of(&self, afm: &str) -> Result<Vec<Warrant>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, afm, warrant_number, warrant_date, description, amount_cents, state, paid_on \
             FROM warrants WHERE afm = $1 ORDER BY warrant_date DESC, warrant_number DESC",
        )
        .bind(afm)
        .fetch_all(self.pool())
        .await
    }

    /// Adds one warrant; `false` when its number is already known.
    pub async fn add_warrant(
        &self,
        warrant: &NewWarrant,
        actor: &Actor,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let added = insert_warrant(&mut tx, warrant, actor).await?;
        if added {
            self.audit(
                &mut *tx,
                actor,
                "tax.warrant_added",
                Some(&warrant.number),
                None,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(added)
    }

    /// Marks a warrant paid on a date (the municipality has paid the supplier).
    pub async fn mark_warrant_paid(
        &self,
        id: &str,
        paid_on: Date,
        actor: &Actor,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE warrants SET state = 'paid', paid_on = $1 WHERE id = $2 AND state = 'warranted'",
        )
        .bind(iso(paid_on))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let changed = done.rows_affected() == 1;
        if changed {
            self.audit(&mut *tx, actor, "tax.warrant_paid", Some(id), None)
                .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// Imports warrants from CSV: each bad row is reported by line and reason and left
    /// out; the good ones go in together.
    #[tracing::instrument(skip_all)]
    pub async fn import_tax_csv(
        &self,
        kind: ImportKind,
        csv_text: &str,
        file_name: &str,
        actor: &Actor,
    ) -> Result<ImportView, sqlx::Error> {
        let today = today();
        let columns = Columns {
            required: kind.required_columns(),
            key: "warrant_number",
        };
        let parsed = read_csv(csv_text, columns, |row| warrant_of(row, today));
        let warrants: Vec<(u64, NewWarrant)> =
            parsed.rows.into_iter().map(|(l, _, w)| (l, w)).collect();
        let mut problems = parsed.problems;
        let mut tx = self.begin().await?;
        let mut imported = 0u64;
        for (line, warrant) in &warrants {
            if insert_warrant(&mut tx, warrant, actor).await? {
                imported += 1;
            } else {
                problems.push(duplicate(*line, &warrant.number));
            }
        }
        problems.sort_by_key(|p| p.line);
        let id = uuid::Uuid::new_v4().to_string();
        let report = serde_json::to_string(&problems).unwrap_or_else(|_| "[]".into());
        sqlx::query(
            "INSERT INTO tax_imports (id, kind, actor_id, at_ms, file_name, imported, rejected, report) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&id)
        .bind(kind.as_str())
        .bind(actor.id())
        .bind(now_ms())
        .bind(file_name)
        .bind(imported as i64)
        .bind(problems.len() as i64)
        .bind(report)
        .execute(&mut *tx)
        .await?;
        self.audit(
            &mut *tx,
            actor,
            "tax.imported",
            Some(&id),
            Some(kind.as_str()),
        )
        .await?;
        tx.commit().await?;
        Ok(ImportView {
            id,
            imported,
            problems,
            reconciled: Vec::new(),
        })
    }

    /// A kept import report.
    pub async fn tax_import(&self, id: &str) -> Result<Option<ImportView>, sqlx::Error> {
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT imported, report FROM tax_imports WHERE id = $1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(imported, report)| ImportView {
            id: id.to_owned(),
            imported: u64::try_from(imported).unwrap_or(0),
            problems: serde_json::from_str(&report).unwrap_or_default(),
            reconciled: Vec::new(),
        }))
    }
}

fn duplicate(line: u64, number: &str) -> ImportProblem {
    ImportProblem {
        line,
        key: number.into(),
        reason: ProblemReason::Duplicate,
        detail: number.into(),
    }
}

/// A row of a warrants file.
fn warrant_of(row: &Row<'_>, today: Date) -> Result<NewWarrant, RowError> {
    NewWarrant::parse(
        row.field("afm"),
        row.field("warrant_number"),
        row.field("warrant_date"),
        row.field("description"),
        row.field("amount_eur"),
        row.field("state"),
        row.field("paid_on"),
        today,
    )
}

pub use crate::views::tax::Warrant;

pub(super) fn parse_number(text: &str) -> Result<String, RowError> {
    let number = text.trim();
    if number.is_empty()
        || number.chars().count() > 40
        || !number
            .chars()
            .all(|c| c.is_alphanumeric() || "-/_.".contains(c))
    {
        return Err((ProblemReason::Number, number.into()));
    }
    Ok(number.into())
}

pub(super) fn parse_description(text: &str) -> Result<String, RowError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 300 {
        return Err((ProblemReason::Description, text.chars().take(40).collect()));
    }
    Ok(text.into())
}

pub(super) fn parse_past_date(text: &str, today: Date) -> Result<Date, RowError> {
    let date = parse_iso_date(text).ok_or((ProblemReason::Date, text.to_owned()))?;
    if date > today {
        return Err((ProblemReason::FutureDate, text.into()));
    }
    Ok(date)
}

pub(super) fn parse_positive(text: &str) -> Result<Money, RowError> {
    if text.trim_start().starts_with('-') {
        return Err((ProblemReason::NegativeAmount, text.into()));
    }
    match Money::parse(text) {
        Ok(money) if money.cents() > 0 => Ok(money),
        _ => Err((ProblemReason::Amount, text.into())),
    }
}

/// A warrant to add, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewWarrant {
    pub afm: String,
    pub number: String,
    pub date: Date,
    pub description: String,
    pub amount: Money,
    pub paid_on: Option<Date>,
}

impl NewWarrant {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        afm: &str,
        number: &str,
        date: &str,
        description: &str,
        amount: &str,
        state: &str,
        paid_on: &str,
        today: Date,
    ) -> Result<NewWarrant, RowError> {
        let afm =
            crate::domain::Afm::parse(afm).map_err(|_| (ProblemReason::Afm, afm.to_owned()))?;
        let paid_on = match state.trim() {
            "" | "warranted" => None,
            "paid" => Some(parse_past_date(paid_on, today)?),
            other => return Err((ProblemReason::State, other.into())),
        };
        Ok(NewWarrant {
            afm: afm.as_str().into(),
            number: parse_number(number)?,
            date: parse_past_date(date, today)?,
            description: parse_description(description)?,
            amount: parse_positive(amount)?,
            paid_on,
        })
    }
}

async fn insert_warrant(
    tx: &mut sqlx::AnyConnection,
    warrant: &NewWarrant,
    actor: &Actor,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO warrants (id, afm, warrant_number, warrant_date, description, amount_cents, \
         state, paid_on, created_at_ms, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (warrant_number) DO NOTHING",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&warrant.afm)
    .bind(&warrant.number)
    .bind(iso(warrant.date))
    .bind(&warrant.description)
    .bind(warrant.amount.cents())
    .bind(if warrant.paid_on.is_some() { "paid" } else { "warranted" })
    .bind(warrant.paid_on.map(iso))
    .bind(now_ms())
    .bind(actor.id())
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ImportKind {
    Warrants,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Warrants => "warrants",
        }
    }

    pub fn parse(text: &str) -> Option<ImportKind> {
        match text {
            "warrants" => Some(ImportKind::Warrants),
            _ => None,
        }
    }

    /// The documented columns, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ImportKind::Warrants => &[
                "afm",
                "warrant_number",
                "warrant_date",
                "description",
                "amount_eur",
                "state",
                "paid_on",
            ],
        }
    }

    /// The columns a file must have (a warrant's `state` and `paid_on` may be left out).
    pub fn required_columns(self) -> &'static [&'static str] {
        match self {
            ImportKind::Warrants => &self.columns()[..5],
        }
    }
}
