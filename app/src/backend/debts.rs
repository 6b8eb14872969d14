//! The register of everything owed to the municipality: debts of every kind and revenue
//! category in one table, each change an event, the catalogue and the dated interest rates,
//! what a debtor owes on a day, and the writes staff and imports share (the import itself is
//! `super::debt_import`).

use super::audit::Actor;
use super::csv_import::RowError;
use super::tax_records::{parse_description, parse_number, parse_past_date, parse_positive};
use super::{now_ms, Db};
use crate::domain::debt::{amount_due, AmountDue, DebtKind, DebtState, InterestRate};
use crate::domain::import::ProblemReason;
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::{Afm, Money};
use crate::views::debts::DebtCategory;
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::str::FromStr;

/// The interest rates as stored (ISO day, percent as text), oldest first; a row that does
/// not parse (the admin page writes only ones that do) is left out.
pub(super) fn interest_rates(rows: Vec<(String, String)>) -> Vec<InterestRate> {
    let mut rates: Vec<InterestRate> = rows
        .into_iter()
        .filter_map(|(from, percent)| {
            Some(InterestRate {
                valid_from: parse_iso_date(&from)?,
                percent_per_month: Decimal::from_str(&percent).ok()?,
            })
        })
        .collect();
    rates.sort_by_key(|r| r.valid_from);
    rates
}

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

pub(super) const SELECT_DEBT: &str = "SELECT id, afm, debtor_name, kind, category, description, \
     principal_cents, due_date, certified_on, municipality_ref, state FROM debts";

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
        Ok(interest_rates(rows))
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
}

/// `($1, $2, …), (…)` for `rows` rows of `columns` parameters each.
pub fn placeholders(rows: usize, columns: usize) -> String {
    placeholders_with_shared(rows, columns, 0, "")
}

/// Rows of `columns` parameters each after `shared` parameters that every row repeats
/// through `tail` (SQL with `$1`…`$shared` in it, appended to each row): values common
/// to all rows are bound once instead of once a row.
pub fn placeholders_with_shared(rows: usize, columns: usize, shared: usize, tail: &str) -> String {
    let mut text = String::with_capacity(rows * (columns * 5 + tail.len() + 4));
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
            text.push_str(&(shared + row * columns + column + 1).to_string());
        }
        text.push_str(tail);
        text.push(')');
    }
    text
}

/// What staff search a debtor by: name (case and accents folded) and ΑΦΜ.
pub fn debtor_search_key(name: &str, afm: &str) -> String {
    crate::domain::submission::search_key(&format!("{name} {afm}"))
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
    // Time-ordered ids (74 random bits, still unguessable) go to the end of the primary
    // key's index; random ones touch a page anywhere in it, which a million-row import
    // pays for in cache misses.
    let ids: Vec<String> = new
        .iter()
        .map(|_| uuid::Uuid::now_v7().to_string())
        .collect();
    // Source, import and time are the same for every row: bound once, as $1 to $3.
    let sql = format!(
        "INSERT INTO debts (id, afm, debtor_name, kind, category, description, principal_cents, \
         due_date, certified_on, municipality_ref, state, source, import_id, created_at_ms, \
         updated_at_ms) VALUES {}",
        placeholders_with_shared(new.len(), 10, 3, ", 'open', $1, $2, $3, $3")
    );
    let mut query = sqlx::query(&sql).bind(source).bind(import_id).bind(now);
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
            .bind(&debt.reference);
    }
    query.execute(&mut *tx).await?;
    Ok(ids)
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

/// Whether `afm` is proved to be account `payer_id`'s (inside the payment's transaction).
pub(super) async fn afm_proved_to(
    tx: &mut sqlx::AnyConnection,
    afm: &str,
    payer_id: &str,
) -> Result<bool, sqlx::Error> {
    static QUERY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| format!("SELECT 1 WHERE {PROVED_TO}"));
    let proved: Option<i64> = sqlx::query_scalar(&QUERY)
        .bind(afm)
        .bind(payer_id)
        .fetch_optional(tx)
        .await?;
    Ok(proved.is_some())
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
pub(super) fn parse_debt(
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
