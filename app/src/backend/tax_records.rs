//! Certified municipal-tax debts (the `tax_debt` payment purpose: principal and today's
//! interest) and the payments the municipality has warranted to suppliers, as staff enter
//! or import them from CSV. Re-exported by [`super::tax`].

use super::audit::Actor;
use super::csv_import::{read_csv, Columns, Row, RowError};
use super::payments::{fulfil_once, DbFuture, Description, Payer, PaymentPurpose};
use super::tax::{interest_on, iso, today};
use super::{now_ms, Db};
use crate::domain::import::ProblemReason;
use crate::domain::tax::{debt_due, DebtDue};
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::Money;
use crate::views::imports::{ImportProblem, ImportView};
use rust_decimal::Decimal;

impl Db {
    /// Certified debts of a business (by ΑΦΜ), unpaid first, with what each owes `on`.
    pub async fn tax_debts_of(&self, afm: &str, on: Date) -> Result<Vec<TaxDebt>, sqlx::Error> {
        let rows: Vec<TaxDebtRow> = sqlx::query_as(
            "SELECT t.id, t.afm, t.debt_number, t.description, t.principal_cents, t.due_date, \
             t.certified_on, t.paid_by, r.number AS receipt FROM tax_debts t \
             LEFT JOIN receipts r ON r.payment_id = t.paid_by \
             WHERE t.afm = $1 ORDER BY (t.paid_by IS NOT NULL), t.due_date, t.debt_number",
        )
        .bind(afm)
        .fetch_all(self.pool())
        .await?;
        let mut conn = self.pool().acquire().await?;
        let interest = interest_on(&mut conn, on).await?.unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(|row| row.with_interest(interest, on))
            .collect())
    }

    /// One certified debt, with what it owes `on`.
    pub async fn tax_debt(&self, id: &str, on: Date) -> Result<Option<TaxDebt>, sqlx::Error> {
        let row: Option<TaxDebtRow> = sqlx::query_as(
            "SELECT t.id, t.afm, t.debt_number, t.description, t.principal_cents, t.due_date, \
             t.certified_on, t.paid_by, r.number AS receipt FROM tax_debts t \
             LEFT JOIN receipts r ON r.payment_id = t.paid_by WHERE t.id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        let mut conn = self.pool().acquire().await?;
        let interest = interest_on(&mut conn, on).await?.unwrap_or_default();
        Ok(row.map(|row| row.with_interest(interest, on)))
    }

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

    /// Adds one certified debt; `false` when its number is already known.
    pub async fn add_tax_debt(
        &self,
        debt: &NewDebt,
        source: &str,
        actor: &Actor,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let added = insert_debt(&mut tx, debt, source, actor).await?;
        if added {
            self.audit(&mut *tx, actor, "tax.debt_added", Some(&debt.number), None)
                .await?;
        }
        tx.commit().await?;
        Ok(added)
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

    /// Imports certified debts (`kind = "debts"`) or warrants (`"warrants"`) from CSV: each
    /// bad row is reported by line and reason and left out; the good ones go in together.
    #[tracing::instrument(skip_all)]
    pub async fn import_tax_csv(
        &self,
        kind: ImportKind,
        csv_text: &str,
        file_name: &str,
        actor: &Actor,
    ) -> Result<ImportView, sqlx::Error> {
        let today = today();
        let mut debts: Vec<(u64, NewDebt)> = Vec::new();
        let mut warrants: Vec<(u64, NewWarrant)> = Vec::new();
        let mut problems = match kind {
            ImportKind::Debts => {
                let columns = Columns {
                    required: kind.required_columns(),
                    key: "debt_number",
                };
                let parsed = read_csv(csv_text, columns, |row| debt_of(row, today));
                debts = parsed.rows.into_iter().map(|(l, _, d)| (l, d)).collect();
                parsed.problems
            }
            ImportKind::Warrants => {
                let columns = Columns {
                    required: kind.required_columns(),
                    key: "warrant_number",
                };
                let parsed = read_csv(csv_text, columns, |row| warrant_of(row, today));
                warrants = parsed.rows.into_iter().map(|(l, _, w)| (l, w)).collect();
                parsed.problems
            }
        };
        let mut tx = self.begin().await?;
        let mut imported = 0u64;
        for (line, debt) in &debts {
            if insert_debt(&mut tx, debt, "import", actor).await? {
                imported += 1;
            } else {
                problems.push(duplicate(*line, &debt.number));
            }
        }
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

/// A row of a debts file.
fn debt_of(row: &Row<'_>, today: Date) -> Result<NewDebt, RowError> {
    NewDebt::parse(
        row.field("afm"),
        row.field("debt_number"),
        row.field("description"),
        row.field("principal_eur"),
        row.field("due_date"),
        row.field("certified_on"),
        today,
    )
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

pub use crate::views::tax::{TaxDebt, Warrant};

#[derive(sqlx::FromRow)]
struct TaxDebtRow {
    id: String,
    afm: String,
    debt_number: String,
    description: String,
    #[sqlx(rename = "principal_cents")]
    principal: Money,
    due_date: String,
    certified_on: String,
    paid_by: Option<String>,
    receipt: Option<String>,
}

impl TaxDebtRow {
    fn with_interest(self, percent_per_month: Decimal, on: Date) -> TaxDebt {
        let principal = self.principal;
        let due = parse_iso_date(&self.due_date)
            .map(|due_date| debt_due(principal, percent_per_month, due_date, on))
            .unwrap_or(DebtDue {
                principal,
                months: 0,
                interest: Money::ZERO,
                total: principal,
            });
        TaxDebt {
            id: self.id,
            afm: self.afm,
            debt_number: self.debt_number,
            description: self.description,
            due_date: self.due_date,
            certified_on: self.certified_on,
            due,
            paid_by: self.paid_by,
            receipt: self.receipt,
        }
    }
}

/// A debt to add, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDebt {
    pub afm: String,
    pub number: String,
    pub description: String,
    pub principal: Money,
    pub due_date: Date,
    pub certified_on: Date,
}

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

impl NewDebt {
    /// One debt as staff type it or a CSV row holds it; the error names the field.
    pub fn parse(
        afm: &str,
        number: &str,
        description: &str,
        principal: &str,
        due_date: &str,
        certified_on: &str,
        today: Date,
    ) -> Result<NewDebt, RowError> {
        let afm =
            crate::domain::Afm::parse(afm).map_err(|_| (ProblemReason::Afm, afm.to_owned()))?;
        Ok(NewDebt {
            afm: afm.as_str().into(),
            number: parse_number(number)?,
            description: parse_description(description)?,
            principal: parse_positive(principal)?,
            due_date: parse_iso_date(due_date).ok_or((ProblemReason::Date, due_date.to_owned()))?,
            certified_on: parse_past_date(certified_on, today)?,
        })
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

async fn insert_debt(
    tx: &mut sqlx::AnyConnection,
    debt: &NewDebt,
    source: &str,
    actor: &Actor,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO tax_debts (id, afm, debt_number, description, principal_cents, due_date, \
         certified_on, source, created_at_ms, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (debt_number) DO NOTHING",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(&debt.afm)
    .bind(&debt.number)
    .bind(&debt.description)
    .bind(debt.principal.cents())
    .bind(iso(debt.due_date))
    .bind(iso(debt.certified_on))
    .bind(source)
    .bind(now_ms())
    .bind(actor.id())
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
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
    Debts,
    Warrants,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Debts => "debts",
            ImportKind::Warrants => "warrants",
        }
    }

    pub fn parse(text: &str) -> Option<ImportKind> {
        match text {
            "debts" => Some(ImportKind::Debts),
            "warrants" => Some(ImportKind::Warrants),
            _ => None,
        }
    }

    /// The documented columns, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ImportKind::Debts => &[
                "afm",
                "debt_number",
                "description",
                "principal_eur",
                "due_date",
                "certified_on",
            ],
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
            ImportKind::Debts => self.columns(),
            ImportKind::Warrants => &self.columns()[..5],
        }
    }
}

/// A certified municipal-tax debt as a payment purpose: principal and today's interest.
pub struct TaxDebtPurpose;

impl PaymentPurpose for TaxDebtPurpose {
    fn kind(&self) -> crate::domain::payment::PurposeKind {
        crate::domain::payment::PurposeKind::TaxDebt
    }

    fn amount<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Money>> {
        Box::pin(async move {
            let row: Option<(i64, String)> = sqlx::query_as(
                "SELECT principal_cents, due_date FROM tax_debts WHERE id = $1 AND paid_by IS NULL",
            )
            .bind(purpose_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((cents, due_date)) = row else {
                return Ok(None);
            };
            let Some(due_date) = parse_iso_date(&due_date) else {
                return Ok(None);
            };
            let on = today();
            let Some(interest) = interest_on(&mut *tx, on).await? else {
                return Ok(None);
            };
            Ok(Some(
                debt_due(Money::from_cents(cents), interest, due_date, on).total,
            ))
        })
    }

    fn describe<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Description>> {
        Box::pin(async move {
            let row: Option<(String, String, String)> =
                sqlx::query_as("SELECT debt_number, description, afm FROM tax_debts WHERE id = $1")
                    .bind(purpose_id)
                    .fetch_optional(tx)
                    .await?;
            // The debt's own description is the municipality's, in Greek.
            Ok(row.map(|(number, description, afm)| {
                Description::new(
                    format!("Βεβαιωμένη οφειλή {number} · {description} · ΑΦΜ {afm}"),
                    format!("Certified debt {number} · {description} · VAT no. {afm}"),
                )
            }))
        })
    }

    fn fulfil<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        payment_id: &'a str,
    ) -> DbFuture<'a, bool> {
        Box::pin(fulfil_once(
            tx,
            "UPDATE tax_debts SET paid_by = $1 WHERE id = $2 AND paid_by IS NULL",
            purpose_id,
            payment_id,
        ))
    }

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
            // Debts are visible, and payable online, only to their business's verified
            // representative.
            let found: Option<String> = sqlx::query_scalar(
                "SELECT t.id FROM tax_debts t JOIN businesses b ON b.afm = t.afm \
                 WHERE t.id = $1 AND b.representative_id = $2 AND b.verification = 'verified'",
            )
            .bind(purpose_id)
            .bind(payer_id)
            .fetch_optional(tx)
            .await?;
            Ok(found.is_some())
        })
    }
}
