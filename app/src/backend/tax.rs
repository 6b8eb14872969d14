//! Municipal tax: rates and settings by date, declarations saved and paid in one act (the
//! `tax` payment purpose), certified debts (the `tax_debt` purpose) and warrants of a
//! business, the staff's declaration list and business file, and CSV imports.

use super::audit::Actor;
use super::fine_import::RowProblem;
use super::payments::{
    fulfil_once, open_payment_in, DbFuture, PaymentError, PaymentPurpose, Purposes,
};
use super::{now_ms, Db};
use crate::domain::payment::PaymentState;
use crate::domain::tax::{compute_tax, debt_due, DebtDue, TaxComputation, TaxPeriod, TaxRules};
use crate::domain::time::{athens_date, parse_iso_date, Date};
use crate::domain::Money;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

pub fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year, date.month, date.day)
}

/// Today in the municipality (Greece).
pub fn today() -> Date {
    athens_date(now_ms())
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_default()
}

/// The rates, fine and interest in force for a category on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RulesOn {
    pub rules: TaxRules,
    pub interest_percent_per_month: Decimal,
}

/// The rules for `category` on `date`: the rate version and settings version with the
/// latest `valid_from` not after it. `None` for an unknown category.
pub async fn rules_on(
    conn: &mut sqlx::AnyConnection,
    category: &str,
    date: Date,
) -> Result<Option<RulesOn>, sqlx::Error> {
    let day = iso(date);
    let rate: Option<String> = sqlx::query_scalar(
        "SELECT rate_percent FROM tax_rates WHERE category = $1 AND valid_from <= $2 \
         ORDER BY valid_from DESC LIMIT 1",
    )
    .bind(category)
    .bind(&day)
    .fetch_optional(&mut *conn)
    .await?;
    let settings: Option<(String, String, String)> = sqlx::query_as(
        "SELECT fine_percent_per_month, fine_cap_percent, interest_percent_per_month \
         FROM tax_settings WHERE valid_from <= $1 ORDER BY valid_from DESC LIMIT 1",
    )
    .bind(&day)
    .fetch_optional(&mut *conn)
    .await?;
    let (Some(rate), Some((fine, cap, interest))) = (rate, settings) else {
        return Ok(None);
    };
    Ok(Some(RulesOn {
        rules: TaxRules {
            rate_percent: decimal(&rate),
            fine_percent_per_month: decimal(&fine),
            fine_cap_percent: decimal(&cap),
        },
        interest_percent_per_month: decimal(&interest),
    }))
}

/// The late-payment interest of certified debts in force on `date` (percent a month).
pub async fn interest_on(
    conn: &mut sqlx::AnyConnection,
    date: Date,
) -> Result<Option<Decimal>, sqlx::Error> {
    let interest: Option<String> = sqlx::query_scalar(
        "SELECT interest_percent_per_month FROM tax_settings WHERE valid_from <= $1 \
         ORDER BY valid_from DESC LIMIT 1",
    )
    .bind(iso(date))
    .fetch_optional(conn)
    .await?;
    Ok(interest.as_deref().map(decimal))
}

/// A declaration as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Declaration {
    pub id: String,
    pub business_id: String,
    pub period_kind: String,
    pub period_number: i64,
    pub period_year: i64,
    pub revision: i64,
    pub revenue_cents: i64,
    pub vat_filed_on: String,
    pub category: String,
    pub rate_percent: String,
    pub tax_cents: i64,
    pub already_assessed_cents: i64,
    pub tax_due_cents: i64,
    pub due_date: String,
    pub declared_on: String,
    pub late_months: i64,
    pub fine_percent: String,
    pub fine_cents: i64,
    pub total_cents: i64,
    pub state: String,
    pub rejected_because: Option<String>,
    pub payment_id: Option<String>,
    pub created_at_ms: i64,
    pub receipt: Option<String>,
    pub business_name: String,
    pub business_afm: String,
    pub representative_id: String,
}

const DECLARATION_COLUMNS: &str = "d.id, d.business_id, d.period_kind, d.period_number, \
     d.period_year, d.revision, d.revenue_cents, d.vat_filed_on, d.category, d.rate_percent, \
     d.tax_cents, d.already_assessed_cents, d.tax_due_cents, d.due_date, d.declared_on, \
     d.late_months, d.fine_percent, d.fine_cents, d.total_cents, d.state, d.rejected_because, \
     d.payment_id, d.created_at_ms, r.number AS receipt, b.name AS business_name, \
     b.afm AS business_afm, b.representative_id";

const DECLARATION_FROM: &str = "tax_declarations d JOIN businesses b ON b.id = d.business_id \
     LEFT JOIN receipts r ON r.payment_id = d.payment_id";

/// What a representative asks for.
pub struct NewDeclaration<'a> {
    pub business_id: &'a str,
    pub user_id: &'a str,
    pub period: TaxPeriod,
    pub revenue: Money,
    pub vat_filed_on: Date,
    /// An explicit amendment of the accepted declaration of the period.
    pub amend: bool,
    pub today: Date,
}

#[derive(Debug)]
pub enum DeclareOutcome {
    /// Saved awaiting payment: send the user to the payment.
    ToPay {
        declaration_id: String,
        payment_id: String,
    },
    /// Nothing to pay (no revenue): accepted at once.
    Accepted { declaration_id: String },
}

#[derive(Debug, thiserror::Error)]
pub enum DeclareError {
    #[error("the business is not the user's or is not verified")]
    NotAllowed,
    #[error("the period is already declared and accepted")]
    AlreadyAccepted(String),
    #[error("a declaration of the period is awaiting payment")]
    AwaitingPayment(String),
    #[error("there is no accepted declaration to amend")]
    NothingToAmend,
    #[error("an amendment must raise the tax")]
    AmendmentNotHigher,
    #[error("no rate is set for the business's category")]
    NoRate,
    #[error("payment: {0}")]
    Payment(#[from] PaymentError),
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

/// The business a user represents, if it is verified (`None` otherwise).
pub async fn verified_business(
    conn: &mut sqlx::AnyConnection,
    business_id: &str,
    user_id: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT activity, afm FROM businesses WHERE id = $1 AND representative_id = $2 \
         AND verification = 'verified'",
    )
    .bind(business_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

impl Db {
    /// What a declaration would come to today, for the form's preview and the server's
    /// figure alike: the business's rules on the period's last day and what an accepted
    /// declaration of the period already assessed.
    pub async fn tax_rules_for(
        &self,
        category: &str,
        period_end: Date,
    ) -> Result<Option<RulesOn>, sqlx::Error> {
        let mut conn = self.pool().acquire().await?;
        rules_on(&mut conn, category, period_end).await
    }

    /// The latest accepted declaration of a period (the one an amendment builds on).
    pub async fn accepted_declaration(
        &self,
        business_id: &str,
        period: TaxPeriod,
    ) -> Result<Option<Declaration>, sqlx::Error> {
        let mut conn = self.pool().acquire().await?;
        live_declaration(&mut conn, business_id, period, "accepted").await
    }

    /// Saves a declaration awaiting payment and opens its payment, in one transaction: the
    /// declaration never exists without its payment. A period accepted or being paid is
    /// refused; two submissions at once are decided by the unique index.
    pub async fn declare_tax(
        &self,
        purposes: &Purposes,
        new: NewDeclaration<'_>,
    ) -> Result<DeclareOutcome, DeclareError> {
        let mut tx = self.begin().await?;
        let Some((category, _afm)) =
            verified_business(&mut tx, new.business_id, new.user_id).await?
        else {
            return Err(DeclareError::NotAllowed);
        };
        if let Some(waiting) =
            live_declaration(&mut tx, new.business_id, new.period, "awaiting_payment").await?
        {
            return Err(DeclareError::AwaitingPayment(waiting.id));
        }
        let accepted = live_declaration(&mut tx, new.business_id, new.period, "accepted").await?;
        let (revision, already) = match (&accepted, new.amend) {
            (Some(accepted), false) => {
                return Err(DeclareError::AlreadyAccepted(accepted.id.clone()))
            }
            (None, true) => return Err(DeclareError::NothingToAmend),
            (Some(accepted), true) => {
                (accepted.revision + 1, Money::from_cents(accepted.tax_cents))
            }
            (None, false) => (0, Money::ZERO),
        };
        let rules = rules_on(&mut tx, &category, new.period.last_day())
            .await?
            .ok_or(DeclareError::NoRate)?;
        let figure = compute_tax(new.revenue, already, &rules.rules, new.period, new.today);
        if new.amend && figure.tax_due == Money::ZERO {
            return Err(DeclareError::AmendmentNotHigher);
        }
        let id = uuid::Uuid::new_v4().to_string();
        let now = now_ms();
        let state = if figure.total == Money::ZERO {
            "accepted"
        } else {
            "awaiting_payment"
        };
        let inserted =
            insert_declaration(&mut tx, &id, &new, revision, &category, &figure, state, now).await;
        match inserted {
            Ok(()) => {}
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                drop(tx);
                // Another submission of the same period won the race: say which one.
                let mut conn = self.pool().acquire().await?;
                for state in ["accepted", "awaiting_payment"] {
                    if let Some(other) =
                        live_declaration(&mut conn, new.business_id, new.period, state).await?
                    {
                        return Err(if state == "accepted" {
                            DeclareError::AlreadyAccepted(other.id)
                        } else {
                            DeclareError::AwaitingPayment(other.id)
                        });
                    }
                }
                return Err(DeclareError::AwaitingPayment(String::new()));
            }
            Err(e) => return Err(e.into()),
        }
        let actor = Actor::User(new.user_id.into());
        if state == "accepted" {
            self.audit(
                &mut *tx,
                &actor,
                "tax.declared_nothing_due",
                Some(&id),
                None,
            )
            .await?;
            tx.commit().await?;
            return Ok(DeclareOutcome::Accepted { declaration_id: id });
        }
        let payment_id =
            open_payment_in(&mut tx, purposes, TAX_KIND, &id, Some(new.user_id)).await?;
        sqlx::query("UPDATE tax_declarations SET payment_id = $1 WHERE id = $2")
            .bind(&payment_id)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        self.audit(&mut *tx, &actor, "tax.declared", Some(&id), None)
            .await?;
        tx.commit().await?;
        Ok(DeclareOutcome::ToPay {
            declaration_id: id,
            payment_id,
        })
    }

    /// One declaration with its business (ownership is checked by the caller).
    pub async fn declaration(&self, id: &str) -> Result<Option<Declaration>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {DECLARATION_COLUMNS} FROM {DECLARATION_FROM} WHERE d.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await
    }

    /// A business's declarations, newest period first.
    pub async fn declarations_of(
        &self,
        business_id: &str,
    ) -> Result<Vec<Declaration>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {DECLARATION_COLUMNS} FROM {DECLARATION_FROM} WHERE d.business_id = $1 \
             ORDER BY d.period_year DESC, d.period_number DESC, d.revision DESC, d.created_at_ms DESC"
        ))
        .bind(business_id)
        .fetch_all(self.pool())
        .await
    }

    /// The staff's list: filters by year, period number, state, business (name or ΑΦΜ) and
    /// lateness; newest first, at most `limit` rows.
    pub async fn search_declarations(
        &self,
        filter: &DeclarationFilter,
        limit: i64,
    ) -> Result<Vec<Declaration>, sqlx::Error> {
        let mut clauses: Vec<String> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut numbers: Vec<i64> = Vec::new();
        // Placeholders are numbered in bind order: numbers first, then texts.
        if let Some(year) = filter.year {
            numbers.push(year);
            clauses.push(format!("d.period_year = ${}", numbers.len()));
        }
        if let Some(number) = filter.period_number {
            numbers.push(number);
            clauses.push(format!("d.period_number = ${}", numbers.len()));
        }
        match filter.late {
            Some(true) => clauses.push("d.late_months > 0".into()),
            Some(false) => clauses.push("d.late_months = 0".into()),
            None => {}
        }
        numbers.push(limit);
        let limit_at = numbers.len();
        if let Some(state) = &filter.state {
            texts.push(state.clone());
            clauses.push(format!("d.state = ${}", numbers.len() + texts.len()));
        }
        if let Some(business) = &filter.business {
            self.fill_business_search_keys().await?;
            texts.push(format!(
                "%{}%",
                crate::domain::submission::search_key(business)
            ));
            clauses.push(format!(
                "b.search_key LIKE ${}",
                numbers.len() + texts.len()
            ));
        }
        let filter_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let sql = format!(
            "SELECT {DECLARATION_COLUMNS} FROM {DECLARATION_FROM} {filter_sql} \
             ORDER BY d.created_at_ms DESC LIMIT ${limit_at}"
        );
        let mut query = sqlx::query_as::<_, Declaration>(&sql);
        for number in numbers {
            query = query.bind(number);
        }
        for text in texts {
            query = query.bind(text);
        }
        query.fetch_all(self.pool()).await
    }

    /// Sets the search key of businesses registered before it existed (once: afterwards
    /// every business gets its key when registered).
    async fn fill_business_search_keys(&self) -> Result<(), sqlx::Error> {
        let missing: Vec<(String, String, String)> =
            sqlx::query_as("SELECT id, name, afm FROM businesses WHERE search_key IS NULL")
                .fetch_all(self.pool())
                .await?;
        for (id, name, afm) in missing {
            sqlx::query("UPDATE businesses SET search_key = $1 WHERE id = $2")
                .bind(super::businesses::business_search_key(&name, &afm))
                .bind(id)
                .execute(self.pool())
                .await?;
        }
        Ok(())
    }

    /// A business, for staff (no ownership check: the caller checks the role).
    pub async fn business_by_id(
        &self,
        id: &str,
    ) -> Result<Option<super::businesses::Business>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, afm, name, legal_form, activity, vat_period, representative_id, \
             verification, verification_note, verification_at_ms FROM businesses WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await
    }

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

    /// The business categories: code, Greek name, English name.
    pub async fn tax_categories(&self) -> Result<Vec<(String, String, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT code, name_el, name_en FROM tax_categories ORDER BY created_at_ms, code",
        )
        .fetch_all(self.pool())
        .await
    }

    /// The categories with their rate versions, and the settings versions, for the admin.
    pub async fn tax_rate_table(&self) -> Result<RateTable, sqlx::Error> {
        let categories: Vec<(String, String, String)> =
            sqlx::query_as("SELECT code, name_el, name_en FROM tax_categories ORDER BY code")
                .fetch_all(self.pool())
                .await?;
        let rates: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT category, valid_from, rate_percent FROM tax_rates ORDER BY category, valid_from DESC",
        )
        .fetch_all(self.pool())
        .await?;
        let settings: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT valid_from, fine_percent_per_month, fine_cap_percent, interest_percent_per_month \
             FROM tax_settings ORDER BY valid_from DESC",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(RateTable {
            categories,
            rates,
            settings,
        })
    }

    /// A new rate of a category from a date; `false` when that category has one from that date.
    pub async fn add_tax_rate(
        &self,
        category: &str,
        valid_from: Date,
        rate_percent: Decimal,
        actor: &Actor,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "INSERT INTO tax_rates (id, category, valid_from, rate_percent, created_at_ms, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (category, valid_from) DO NOTHING",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(category)
        .bind(iso(valid_from))
        .bind(rate_percent.normalize().to_string())
        .bind(now_ms())
        .bind(actor.id())
        .execute(&mut *tx)
        .await?;
        let added = done.rows_affected() == 1;
        if added {
            let detail = format!(
                "{category} {} {}",
                iso(valid_from),
                rate_percent.normalize()
            );
            self.audit(&mut *tx, actor, "tax.rate_added", None, Some(&detail))
                .await?;
        }
        tx.commit().await?;
        Ok(added)
    }

    /// A new category with its first rate (from 2000-01-01, so every period finds one).
    pub async fn add_tax_category(
        &self,
        code: &str,
        name_el: &str,
        name_en: &str,
        rate_percent: Decimal,
        actor: &Actor,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "INSERT INTO tax_categories (code, name_el, name_en, created_at_ms) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(code)
        .bind(name_el)
        .bind(name_en)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO tax_rates (id, category, valid_from, rate_percent, created_at_ms, created_by) \
             VALUES ($1, $2, '2000-01-01', $3, $4, $5)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(code)
        .bind(rate_percent.normalize().to_string())
        .bind(now_ms())
        .bind(actor.id())
        .execute(&mut *tx)
        .await?;
        self.audit(&mut *tx, actor, "tax.category_added", None, Some(code))
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// New fine and interest settings from a date; `false` when a version starts that day.
    pub async fn add_tax_settings(
        &self,
        valid_from: Date,
        fine_percent_per_month: Decimal,
        fine_cap_percent: Decimal,
        interest_percent_per_month: Decimal,
        actor: &Actor,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "INSERT INTO tax_settings (id, valid_from, fine_percent_per_month, fine_cap_percent, \
             interest_percent_per_month, created_at_ms, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (valid_from) DO NOTHING",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(iso(valid_from))
        .bind(fine_percent_per_month.normalize().to_string())
        .bind(fine_cap_percent.normalize().to_string())
        .bind(interest_percent_per_month.normalize().to_string())
        .bind(now_ms())
        .bind(actor.id())
        .execute(&mut *tx)
        .await?;
        let added = done.rows_affected() == 1;
        if added {
            self.audit(
                &mut *tx,
                actor,
                "tax.settings_added",
                None,
                Some(&iso(valid_from)),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(added)
    }

    /// Imports certified debts (`kind = "debts"`) or warrants (`"warrants"`) from CSV: each
    /// bad row is reported by line and reason and left out; the good ones go in together.
    pub async fn import_tax_csv(
        &self,
        kind: ImportKind,
        csv_text: &str,
        file_name: &str,
        actor: &Actor,
    ) -> Result<TaxImportReport, sqlx::Error> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
        let header: HashMap<String, usize> = reader
            .headers()
            .map(|h| {
                h.iter()
                    .enumerate()
                    .map(|(i, name)| (name.to_lowercase(), i))
                    .collect()
            })
            .unwrap_or_default();
        let mut problems: Vec<RowProblem> = Vec::new();
        let missing: Vec<&str> = kind
            .columns()
            .iter()
            .copied()
            .filter(|c| !header.contains_key(*c) && !kind.optional(c))
            .collect();
        let today = today();
        let mut debts: Vec<(u64, NewDebt)> = Vec::new();
        let mut warrants: Vec<(u64, NewWarrant)> = Vec::new();
        if !missing.is_empty() {
            problems.push(RowProblem {
                line: 1,
                ticket_number: String::new(),
                reason: "columns".into(),
                detail: missing.join(", "),
            });
        } else {
            for record in reader.records() {
                let Ok(record) = record else {
                    problems.push(RowProblem {
                        line: 0,
                        ticket_number: String::new(),
                        reason: "columns".into(),
                        detail: String::new(),
                    });
                    continue;
                };
                let line = record.position().map(|p| p.line()).unwrap_or(0);
                let field = |name: &str| {
                    header
                        .get(name)
                        .and_then(|&i| record.get(i))
                        .unwrap_or("")
                        .to_owned()
                };
                let parsed = match kind {
                    ImportKind::Debts => NewDebt::parse(
                        &field("afm"),
                        &field("debt_number"),
                        &field("description"),
                        &field("principal_eur"),
                        &field("due_date"),
                        &field("certified_on"),
                        today,
                    )
                    .map(|debt| debts.push((line, debt))),
                    ImportKind::Warrants => NewWarrant::parse(
                        &field("afm"),
                        &field("warrant_number"),
                        &field("warrant_date"),
                        &field("description"),
                        &field("amount_eur"),
                        &field("state"),
                        &field("paid_on"),
                        today,
                    )
                    .map(|warrant| warrants.push((line, warrant))),
                };
                if let Err((reason, detail)) = parsed {
                    let key = field(if kind == ImportKind::Debts {
                        "debt_number"
                    } else {
                        "warrant_number"
                    });
                    problems.push(RowProblem {
                        line,
                        ticket_number: key,
                        reason: reason.into(),
                        detail,
                    });
                }
            }
        }
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
        Ok(TaxImportReport {
            id,
            kind,
            imported,
            problems,
        })
    }

    /// A kept import report.
    pub async fn tax_import(&self, id: &str) -> Result<Option<TaxImportReport>, sqlx::Error> {
        let row: Option<(String, String, i64, String)> =
            sqlx::query_as("SELECT id, kind, imported, report FROM tax_imports WHERE id = $1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(id, kind, imported, report)| TaxImportReport {
            id,
            kind: if kind == "debts" {
                ImportKind::Debts
            } else {
                ImportKind::Warrants
            },
            imported: imported.max(0) as u64,
            problems: serde_json::from_str(&report).unwrap_or_default(),
        }))
    }
}

fn duplicate(line: u64, number: &str) -> RowProblem {
    RowProblem {
        line,
        ticket_number: number.into(),
        reason: "duplicate".into(),
        detail: number.into(),
    }
}

async fn live_declaration(
    conn: &mut sqlx::AnyConnection,
    business_id: &str,
    period: TaxPeriod,
    state: &str,
) -> Result<Option<Declaration>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {DECLARATION_COLUMNS} FROM {DECLARATION_FROM} WHERE d.business_id = $1 \
         AND d.period_kind = $2 AND d.period_number = $3 AND d.period_year = $4 AND d.state = $5 \
         ORDER BY d.revision DESC LIMIT 1"
    ))
    .bind(business_id)
    .bind(period.kind.as_str())
    .bind(i64::from(period.number))
    .bind(period.year)
    .bind(state)
    .fetch_optional(conn)
    .await
}

#[allow(clippy::too_many_arguments)]
async fn insert_declaration(
    tx: &mut sqlx::AnyConnection,
    id: &str,
    new: &NewDeclaration<'_>,
    revision: i64,
    category: &str,
    figure: &TaxComputation,
    state: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO tax_declarations (id, business_id, period_kind, period_number, period_year, \
         revision, revenue_cents, vat_filed_on, category, rate_percent, tax_cents, \
         already_assessed_cents, tax_due_cents, due_date, declared_on, late_months, fine_percent, \
         fine_cents, total_cents, state, declared_by, created_at_ms, decided_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
         $19, $20, $21, $22, $23)",
    )
    .bind(id)
    .bind(new.business_id)
    .bind(new.period.kind.as_str())
    .bind(i64::from(new.period.number))
    .bind(new.period.year)
    .bind(revision)
    .bind(figure.revenue.cents())
    .bind(iso(new.vat_filed_on))
    .bind(category)
    .bind(figure.rate_percent.normalize().to_string())
    .bind(figure.tax.cents())
    .bind(figure.already_assessed.cents())
    .bind(figure.tax_due.cents())
    .bind(iso(figure.due_date))
    .bind(iso(new.today))
    .bind(i64::from(figure.late_months))
    .bind(figure.fine_percent.normalize().to_string())
    .bind(figure.fine.cents())
    .bind(figure.total.cents())
    .bind(state)
    .bind(new.user_id)
    .bind(now)
    .bind((state == "accepted").then_some(now))
    .execute(tx)
    .await?;
    Ok(())
}

/// A certified debt as the business and staff see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxDebt {
    pub id: String,
    pub afm: String,
    pub debt_number: String,
    pub description: String,
    pub due_date: String,
    pub certified_on: String,
    pub due: DebtDue,
    pub paid_by: Option<String>,
    pub receipt: Option<String>,
}

#[derive(sqlx::FromRow)]
struct TaxDebtRow {
    id: String,
    afm: String,
    debt_number: String,
    description: String,
    principal_cents: i64,
    due_date: String,
    certified_on: String,
    paid_by: Option<String>,
    receipt: Option<String>,
}

impl TaxDebtRow {
    fn with_interest(self, percent_per_month: Decimal, on: Date) -> TaxDebt {
        let principal = Money::from_cents(self.principal_cents);
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

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Warrant {
    pub id: String,
    pub afm: String,
    pub warrant_number: String,
    pub warrant_date: String,
    pub description: String,
    pub amount_cents: i64,
    pub state: String,
    pub paid_on: Option<String>,
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

type RowError = (&'static str, String);

fn parse_number(text: &str) -> Result<String, RowError> {
    let number = text.trim();
    if number.is_empty()
        || number.chars().count() > 40
        || !number
            .chars()
            .all(|c| c.is_alphanumeric() || "-/_.".contains(c))
    {
        return Err(("number", number.into()));
    }
    Ok(number.into())
}

fn parse_description(text: &str) -> Result<String, RowError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 300 {
        return Err(("description", text.chars().take(40).collect()));
    }
    Ok(text.into())
}

fn parse_past_date(text: &str, today: Date, reason: &'static str) -> Result<Date, RowError> {
    let date = parse_iso_date(text).ok_or(("date", text.to_owned()))?;
    if date > today {
        return Err((reason, text.into()));
    }
    Ok(date)
}

fn parse_positive(text: &str) -> Result<Money, RowError> {
    if text.trim_start().starts_with('-') {
        return Err(("negative_amount", text.into()));
    }
    match Money::parse(text) {
        Ok(money) if money.cents() > 0 => Ok(money),
        _ => Err(("amount", text.into())),
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
        let afm = crate::domain::Afm::parse(afm).map_err(|_| ("afm", afm.to_owned()))?;
        Ok(NewDebt {
            afm: afm.as_str().into(),
            number: parse_number(number)?,
            description: parse_description(description)?,
            principal: parse_positive(principal)?,
            due_date: parse_iso_date(due_date).ok_or(("date", due_date.to_owned()))?,
            certified_on: parse_past_date(certified_on, today, "future_date")?,
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
        let afm = crate::domain::Afm::parse(afm).map_err(|_| ("afm", afm.to_owned()))?;
        let paid_on = match state.trim() {
            "" | "warranted" => None,
            "paid" => Some(parse_past_date(paid_on, today, "future_date")?),
            other => return Err(("state", other.into())),
        };
        Ok(NewWarrant {
            afm: afm.as_str().into(),
            number: parse_number(number)?,
            date: parse_past_date(date, today, "future_date")?,
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

    fn optional(self, column: &str) -> bool {
        matches!((self, column), (ImportKind::Warrants, "state" | "paid_on"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxImportReport {
    pub id: String,
    pub kind: ImportKind,
    pub imported: u64,
    pub problems: Vec<RowProblem>,
}

/// The staff's declaration filters (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeclarationFilter {
    pub year: Option<i64>,
    pub period_number: Option<i64>,
    pub state: Option<String>,
    pub business: Option<String>,
    pub late: Option<bool>,
}

pub struct RateTable {
    /// code, Greek name, English name.
    pub categories: Vec<(String, String, String)>,
    /// category, valid from, rate percent; newest first per category.
    pub rates: Vec<(String, String, String)>,
    /// valid from, fine % a month, fine cap %, interest % a month; newest first.
    pub settings: Vec<(String, String, String, String)>,
}

pub const TAX_KIND: &str = "tax";
pub const TAX_DEBT_KIND: &str = "tax_debt";

/// A tax declaration as a payment purpose: its total, paid once; it lives and dies with
/// its payment.
pub struct TaxPurpose;

impl PaymentPurpose for TaxPurpose {
    fn kind(&self) -> &'static str {
        TAX_KIND
    }

    fn amount<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Money>> {
        Box::pin(async move {
            let cents: Option<i64> = sqlx::query_scalar(
                "SELECT total_cents FROM tax_declarations WHERE id = $1 AND state = 'awaiting_payment' \
                 AND total_cents > 0",
            )
            .bind(purpose_id)
            .fetch_optional(tx)
            .await?;
            Ok(cents.map(Money::from_cents))
        })
    }

    fn describe<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<String>> {
        Box::pin(async move {
            let row: Option<(String, i64, i64, i64, String, String)> = sqlx::query_as(
                "SELECT d.period_kind, d.period_number, d.period_year, d.revision, b.name, b.afm \
                 FROM tax_declarations d JOIN businesses b ON b.id = d.business_id WHERE d.id = $1",
            )
            .bind(purpose_id)
            .fetch_optional(tx)
            .await?;
            Ok(row.map(|(kind, number, year, revision, name, afm)| {
                let period = if kind == "monthly" {
                    format!("{number:02}/{year}")
                } else {
                    format!("Q{number} {year}")
                };
                let amended = if revision > 0 {
                    " (τροποποιητική / amended)"
                } else {
                    ""
                };
                format!("Δημοτικός φόρος / Municipal tax {period}{amended} · {name} · ΑΦΜ {afm}")
            }))
        })
    }

    fn fulfil<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        payment_id: &'a str,
    ) -> DbFuture<'a, ()> {
        Box::pin(async move {
            let done = sqlx::query(
                "UPDATE tax_declarations SET state = 'accepted', payment_id = $1, decided_at_ms = $2 \
                 WHERE id = $3 AND state = 'awaiting_payment'",
            )
            .bind(payment_id)
            .bind(now_ms())
            .bind(purpose_id)
            .execute(tx)
            .await?;
            // Accepting twice, or a rejected declaration, would break the one-act rule.
            if done.rows_affected() != 1 {
                return Err(sqlx::Error::RowNotFound);
            }
            Ok(())
        })
    }

    fn abandon<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        outcome: PaymentState,
    ) -> DbFuture<'a, ()> {
        Box::pin(async move {
            sqlx::query(
                "UPDATE tax_declarations SET state = 'rejected', rejected_because = $1, decided_at_ms = $2 \
                 WHERE id = $3 AND state = 'awaiting_payment'",
            )
            .bind(outcome.as_str())
            .bind(now_ms())
            .bind(purpose_id)
            .execute(tx)
            .await?;
            Ok(())
        })
    }

    fn may_pay<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        payer_id: Option<&'a str>,
    ) -> DbFuture<'a, bool> {
        Box::pin(async move {
            let Some(payer_id) = payer_id else {
                return Ok(false);
            };
            let found: Option<String> = sqlx::query_scalar(
                "SELECT d.id FROM tax_declarations d JOIN businesses b ON b.id = d.business_id \
                 WHERE d.id = $1 AND b.representative_id = $2",
            )
            .bind(purpose_id)
            .bind(payer_id)
            .fetch_optional(tx)
            .await?;
            Ok(found.is_some())
        })
    }
}

/// A certified municipal-tax debt as a payment purpose: principal and today's interest.
pub struct TaxDebtPurpose;

impl PaymentPurpose for TaxDebtPurpose {
    fn kind(&self) -> &'static str {
        TAX_DEBT_KIND
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
    ) -> DbFuture<'a, Option<String>> {
        Box::pin(async move {
            let row: Option<(String, String, String)> =
                sqlx::query_as("SELECT debt_number, description, afm FROM tax_debts WHERE id = $1")
                    .bind(purpose_id)
                    .fetch_optional(tx)
                    .await?;
            Ok(row.map(|(number, description, afm)| {
                format!("Βεβαιωμένη οφειλή / Certified debt {number} · {description} · ΑΦΜ {afm}")
            }))
        })
    }

    fn fulfil<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        payment_id: &'a str,
    ) -> DbFuture<'a, ()> {
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
        payer_id: Option<&'a str>,
    ) -> DbFuture<'a, bool> {
        Box::pin(async move {
            let Some(payer_id) = payer_id else {
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
