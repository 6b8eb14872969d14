//! Municipal tax: rates, categories and settings by date, declarations saved and paid in
//! one act (the `tax` payment purpose), and the staff's declaration list and business file.
//! Certified debts, warrants and their imports live in [`super::tax_records`].

use super::audit::Actor;
use super::filter::Where;
use super::payments::{
    open_payment_in, DbFuture, Description, Payer, PaymentError, PaymentPurpose, Purposes,
};
use super::{now_ms, Db};
use crate::domain::payment::PaymentState;
use crate::domain::payment::PurposeKind;
use crate::domain::tax::{compute_tax, DeclarationState, TaxComputation, TaxPeriod, TaxRules};
use crate::domain::time::Date;
use crate::domain::Money;
use crate::views::tax::{RateTable, RateVersion, SettingsVersion, TaxCategory};
use rust_decimal::Decimal;
use std::str::FromStr;

pub use super::today;

pub fn iso(date: Date) -> String {
    date.iso()
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

pub use crate::views::tax::Declaration;

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
        live_declaration(&mut conn, business_id, period, DeclarationState::Accepted).await
    }

    /// Saves a declaration awaiting payment and opens its payment, in one transaction: the
    /// declaration never exists without its payment. A period accepted or being paid is
    /// refused; two submissions at once are decided by the unique index.
    #[tracing::instrument(skip_all)]
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
        if let Some(waiting) = live_declaration(
            &mut tx,
            new.business_id,
            new.period,
            DeclarationState::AwaitingPayment,
        )
        .await?
        {
            return Err(DeclareError::AwaitingPayment(waiting.id));
        }
        let accepted = live_declaration(
            &mut tx,
            new.business_id,
            new.period,
            DeclarationState::Accepted,
        )
        .await?;
        let (revision, already) = match (&accepted, new.amend) {
            (Some(accepted), false) => {
                return Err(DeclareError::AlreadyAccepted(accepted.id.clone()))
            }
            (None, true) => return Err(DeclareError::NothingToAmend),
            (Some(accepted), true) => (accepted.revision + 1, accepted.tax),
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
            DeclarationState::Accepted
        } else {
            DeclarationState::AwaitingPayment
        };
        let inserted =
            insert_declaration(&mut tx, &id, &new, revision, &category, &figure, state, now).await;
        match inserted {
            Ok(()) => {}
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                drop(tx);
                // Another submission of the same period won the race: say which one.
                let mut conn = self.pool().acquire().await?;
                for state in [
                    DeclarationState::Accepted,
                    DeclarationState::AwaitingPayment,
                ] {
                    if let Some(other) =
                        live_declaration(&mut conn, new.business_id, new.period, state).await?
                    {
                        return Err(if state == DeclarationState::Accepted {
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
        if state == DeclarationState::Accepted {
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
        let payment_id = open_payment_in(
            &mut tx,
            purposes,
            PurposeKind::Tax,
            &id,
            Payer::Account(new.user_id),
        )
        .await?;
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
        let mut filter_sql = Where::new();
        if let Some(year) = filter.year {
            filter_sql.int("d.period_year = ?", year);
        }
        if let Some(number) = filter.period_number {
            filter_sql.int("d.period_number = ?", number);
        }
        match filter.late {
            Some(true) => filter_sql.sql("d.late_months > 0"),
            Some(false) => filter_sql.sql("d.late_months = 0"),
            None => {}
        }
        if let Some(state) = filter.state {
            filter_sql.text("d.state = ?", state.as_str());
        }
        if let Some(business) = &filter.business {
            self.fill_business_search_keys().await?;
            filter_sql.text(
                "b.search_key LIKE ? ESCAPE '\\'",
                crate::domain::submission::contains_pattern(business),
            );
        }
        let sql = format!(
            "SELECT {DECLARATION_COLUMNS} FROM {DECLARATION_FROM} {} \
             ORDER BY d.created_at_ms DESC LIMIT {}",
            filter_sql.clause(),
            filter_sql.next_placeholder()
        );
        filter_sql
            .bind_as(sqlx::query_as::<_, Declaration>(&sql))
            .bind(limit)
            .fetch_all(self.pool())
            .await
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
             verification, verification_note, verification_at_ms, created_at_ms \
             FROM businesses WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await
    }

    /// The business categories: code, Greek name, English name.
    pub async fn tax_categories(&self) -> Result<Vec<TaxCategory>, sqlx::Error> {
        sqlx::query_as(
            "SELECT code, name_el, name_en FROM tax_categories ORDER BY created_at_ms, code",
        )
        .fetch_all(self.pool())
        .await
    }

    /// The categories with their rate versions, and the settings versions, for the admin.
    pub async fn tax_rate_table(&self) -> Result<RateTable, sqlx::Error> {
        let categories: Vec<TaxCategory> =
            sqlx::query_as("SELECT code, name_el, name_en FROM tax_categories ORDER BY code")
                .fetch_all(self.pool())
                .await?;
        let rates: Vec<RateVersion> = sqlx::query_as(
            "SELECT category, valid_from, rate_percent FROM tax_rates ORDER BY category, valid_from DESC",
        )
        .fetch_all(self.pool())
        .await?;
        let settings: Vec<SettingsVersion> = sqlx::query_as(
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
}
async fn live_declaration(
    conn: &mut sqlx::AnyConnection,
    business_id: &str,
    period: TaxPeriod,
    state: DeclarationState,
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
    state: DeclarationState,
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
    .bind((state == DeclarationState::Accepted).then_some(now))
    .execute(tx)
    .await?;
    Ok(())
}
/// The staff's declaration filters (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeclarationFilter {
    pub year: Option<i64>,
    pub period_number: Option<i64>,
    pub state: Option<DeclarationState>,
    pub business: Option<String>,
    pub late: Option<bool>,
}

/// A tax declaration as a payment purpose: its total, paid once; it lives and dies with
/// its payment.
pub struct TaxPurpose;

impl PaymentPurpose for TaxPurpose {
    fn kind(&self) -> PurposeKind {
        PurposeKind::Tax
    }

    fn debtor<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<String>> {
        Box::pin(async move {
            sqlx::query_scalar(
                "SELECT b.afm FROM tax_declarations d JOIN businesses b ON b.id = d.business_id \
                 WHERE d.id = $1",
            )
            .bind(purpose_id)
            .fetch_optional(tx)
            .await
        })
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
    ) -> DbFuture<'a, Option<Description>> {
        Box::pin(async move {
            #[derive(sqlx::FromRow)]
            struct Described {
                period_kind: String,
                period_number: i64,
                period_year: i64,
                revision: i64,
                name: String,
                afm: String,
            }
            let row: Option<Described> = sqlx::query_as(
                "SELECT d.period_kind, d.period_number, d.period_year, d.revision, b.name, b.afm \
                 FROM tax_declarations d JOIN businesses b ON b.id = d.business_id WHERE d.id = $1",
            )
            .bind(purpose_id)
            .fetch_optional(tx)
            .await?;
            Ok(row.map(|d| {
                let (number, year, name, afm) = (d.period_number, d.period_year, d.name, d.afm);
                let (period_el, period_en) = if d.period_kind == "monthly" {
                    (format!("{number:02}/{year}"), format!("{number:02}/{year}"))
                } else {
                    (
                        format!("{number}ο τρίμηνο {year}"),
                        format!("Q{number} {year}"),
                    )
                };
                let (amended_el, amended_en) = if d.revision > 0 {
                    (" (τροποποιητική)", " (amended)")
                } else {
                    ("", "")
                };
                Description::new(
                    format!("Δημοτικός φόρος {period_el}{amended_el} · {name} · ΑΦΜ {afm}"),
                    format!("Municipal tax {period_en}{amended_en} · {name} · VAT no. {afm}"),
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
            // Accepting twice, or a rejected declaration, would break the one-act rule: the
            // money is then kept as paid twice, for a refund.
            Ok(done.rows_affected() == 1)
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
        payer: Payer<'a>,
    ) -> DbFuture<'a, bool> {
        Box::pin(async move {
            let Some(payer_id) = payer.account_id() else {
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
