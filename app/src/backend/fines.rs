//! The fines registry: the versioned catalogue of ticket types, tickets looked up or
//! registered by citizens (and who proved them), the payment purpose `fine`, and staff
//! search and review. The police's CSV import is in `fine_import`.

use super::payments::{fulfil_once, DbFuture, Description, Payer, PaymentPurpose};
use super::{now_ms, Db};
use crate::domain::fine::{amount_due, AmountDue, FineDateError, Review, ReviewDecision, Source};
use crate::domain::time::Date;
use crate::domain::Money;
use serde::{Deserialize, Serialize};

pub use crate::views::fines::FineType;

/// A ticket in the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Fine {
    pub id: String,
    pub ticket_number: String,
    pub municipality_code: String,
    pub type_code: String,
    pub plate: String,
    pub offence_date: String,
    pub offence_time: String,
    pub location: Option<String>,
    pub officer: Option<String>,
    #[sqlx(rename = "principal_cents")]
    pub principal: Money,
    pub source: Source,
    pub review: Review,
    pub review_note: Option<String>,
    pub registered_by: Option<String>,
    pub paid_by: Option<String>,
    pub created_at_ms: i64,
    /// The police's record, when a citizen registered the ticket first (JSON of its row).
    pub police_record: Option<String>,
    /// Fields where the police's record differed from what the citizen typed.
    pub discrepancy: Option<String>,
}

impl Fine {
    pub fn date(&self) -> Option<Date> {
        crate::domain::time::parse_iso_date(&self.offence_date)
    }
}

const FINE_COLUMNS: &str = "id, ticket_number, municipality_code, type_code, plate, offence_date, \
     offence_time, location, officer, principal_cents, source, review, review_note, registered_by, \
     paid_by, created_at_ms, police_record, discrepancy";

const TYPE_COLUMNS: &str = "id, code, valid_from, description_el, description_en, amount_cents, \
     payable, discount_days, discount_percent, surcharge_after_days, surcharge_percent, max_age_days";

/// What a citizen typed for a ticket not yet in the registry.
pub struct NewCitizenFine<'a> {
    pub ticket_number: &'a str,
    pub municipality_code: &'a str,
    pub type_code: &'a str,
    pub plate: &'a str,
    pub offence_date: Date,
    pub offence_time: &'a str,
    pub principal: Money,
    /// The account that registered it; `None` for a visitor paying without one.
    pub registered_by: Option<&'a str>,
}

pub use super::today;

fn iso(date: Date) -> String {
    date.iso()
}

impl Db {
    /// The version of ticket type `code` in force on `date`.
    pub async fn fine_type_on(
        &self,
        code: &str,
        date: Date,
    ) -> Result<Option<FineType>, sqlx::Error> {
        fine_type_on(self.pool(), code, date).await
    }

    /// The current version of every type, payable ones only when `payable_only`.
    pub async fn current_fine_types(
        &self,
        payable_only: bool,
    ) -> Result<Vec<FineType>, sqlx::Error> {
        let today = iso(today());
        let all: Vec<FineType> = sqlx::query_as(&format!(
            "SELECT {TYPE_COLUMNS} FROM fine_types t WHERE valid_from <= $1 AND NOT EXISTS \
             (SELECT 1 FROM fine_types n WHERE n.code = t.code AND n.valid_from > t.valid_from \
             AND n.valid_from <= $1) ORDER BY code"
        ))
        .bind(today)
        .fetch_all(self.pool())
        .await?;
        Ok(all
            .into_iter()
            .filter(|t| !payable_only || t.payable.is_set())
            .collect())
    }

    /// Every version of every type, newest first within a code (the admin's view).
    pub async fn fine_type_versions(&self) -> Result<Vec<FineType>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {TYPE_COLUMNS} FROM fine_types ORDER BY code, valid_from DESC"
        ))
        .fetch_all(self.pool())
        .await
    }

    /// Adds a version of a ticket type from `version.valid_from` on (never edits one).
    pub async fn add_fine_type_version(
        &self,
        version: &FineType,
        actor_id: &str,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        sqlx::query(&format!(
            "INSERT INTO fine_types ({TYPE_COLUMNS}, created_at_ms, created_by) VALUES \
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        ))
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(&version.code)
        .bind(&version.valid_from)
        .bind(&version.description_el)
        .bind(&version.description_en)
        .bind(version.amount)
        .bind(version.payable)
        .bind(version.discount_days)
        .bind(version.discount_percent)
        .bind(version.surcharge_after_days)
        .bind(version.surcharge_percent)
        .bind(version.max_age_days)
        .bind(now_ms())
        .bind(actor_id)
        .execute(&mut *tx)
        .await?;
        self.audit(
            &mut *tx,
            &super::audit::Actor::User(actor_id.to_owned()),
            "fine_type.version_added",
            Some(&version.code),
            Some(&format!(
                "from {} amount {}",
                version.valid_from,
                version.amount.cents()
            )),
        )
        .await?;
        tx.commit().await
    }

    pub async fn fine_by_number(&self, ticket_number: &str) -> Result<Option<Fine>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {FINE_COLUMNS} FROM fines WHERE ticket_number = $1"
        ))
        .bind(ticket_number)
        .fetch_optional(self.pool())
        .await
    }

    pub async fn fine(&self, id: &str) -> Result<Option<Fine>, sqlx::Error> {
        sqlx::query_as(&format!("SELECT {FINE_COLUMNS} FROM fines WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await
    }

    /// Registers a ticket the registry does not know, from what the citizen typed; staff
    /// review it. If another request registered the same number meanwhile, that one wins.
    #[tracing::instrument(skip_all)]
    pub async fn register_citizen_fine(
        &self,
        new: NewCitizenFine<'_>,
    ) -> Result<Fine, sqlx::Error> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO fines (id, ticket_number, municipality_code, type_code, plate, offence_date, \
             offence_time, principal_cents, source, review, registered_by, created_at_ms, updated_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'citizen', 'pending', $9, $10, $10) \
             ON CONFLICT (ticket_number) DO NOTHING",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(new.ticket_number)
        .bind(new.municipality_code)
        .bind(new.type_code)
        .bind(new.plate)
        .bind(iso(new.offence_date))
        .bind(new.offence_time)
        .bind(new.principal.cents())
        .bind(new.registered_by)
        .bind(now)
        .execute(self.pool())
        .await?;
        self.fine_by_number(new.ticket_number)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }

    /// Lets `user_id` see and pay the ticket: they proved it with its full details.
    pub async fn grant_fine_access(&self, fine_id: &str, user_id: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO fine_access (fine_id, user_id, granted_at_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (fine_id, user_id) DO NOTHING",
        )
        .bind(fine_id)
        .bind(user_id)
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Whether `user_id` proved the ticket, or paid (or is paying) it.
    pub async fn may_see_fine(&self, fine_id: &str, user_id: &str) -> Result<bool, sqlx::Error> {
        may_see_fine(self.pool(), fine_id, user_id).await
    }

    /// What a ticket costs today under the rules in force on its date.
    pub async fn fine_amount_due(
        &self,
        fine: &Fine,
    ) -> Result<Result<AmountDue, FineDateError>, sqlx::Error> {
        let date = fine.date().ok_or(sqlx::Error::RowNotFound)?;
        let kind = self
            .fine_type_on(&fine.type_code, date)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        Ok(amount_due(&kind.rules(), fine.principal, date, today()))
    }

    /// The payment of a fine still going on, if any (shown as "being paid").
    pub async fn fine_payment_in_progress(&self, fine_id: &str) -> Result<bool, sqlx::Error> {
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM payments WHERE purpose_kind = 'fine' AND purpose_id = $1 \
             AND state IN ('created', 'started')",
        )
        .bind(fine_id)
        .fetch_one(self.pool())
        .await?;
        Ok(open > 0)
    }

    /// Staff search: by ticket number or plate (exact, normalised) and status, newest first.
    pub async fn search_fines(
        &self,
        number_or_plate: Option<&str>,
        status: Option<&str>,
        limit: i64,
    ) -> Result<Vec<Fine>, sqlx::Error> {
        let mut sql = format!("SELECT {FINE_COLUMNS} FROM fines WHERE 1 = 1");
        let mut args: Vec<String> = Vec::new();
        if let Some(key) = number_or_plate {
            args.push(key.to_owned());
            sql.push_str(" AND (ticket_number = $1 OR plate = $1)");
        }
        match status {
            Some("paid") => sql.push_str(" AND paid_by IS NOT NULL"),
            Some("unpaid") => sql.push_str(" AND paid_by IS NULL AND review <> 'rejected'"),
            Some("pending") => sql.push_str(" AND review = 'pending'"),
            Some("rejected") => sql.push_str(" AND review = 'rejected'"),
            _ => {}
        }
        sql.push_str(&format!(
            " ORDER BY created_at_ms DESC, ticket_number LIMIT {}",
            limit.clamp(1, 500)
        ));
        let mut query = sqlx::query_as(&sql);
        for arg in args {
            query = query.bind(arg);
        }
        query.fetch_all(self.pool()).await
    }

    /// Records a staff decision on a citizen-registered ticket: confirm, correct the
    /// principal, or reject with a reason. Only pending tickets change.
    #[tracing::instrument(skip_all)]
    pub async fn review_fine(
        &self,
        id: &str,
        decision: ReviewDecision,
        principal: Option<Money>,
        note: Option<&str>,
        actor_id: &str,
    ) -> Result<bool, sqlx::Error> {
        let review = decision.outcome();
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE fines SET review = $1, review_note = $2, principal_cents = COALESCE($3, principal_cents), \
             updated_at_ms = $4 WHERE id = $5 AND review = 'pending'",
        )
        .bind(review)
        .bind(note)
        .bind(principal.map(|p| p.cents()))
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            self.audit(
                &mut *tx,
                &super::audit::Actor::User(actor_id.to_owned()),
                &format!("fine.{review}"),
                Some(id),
                note,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }
}

async fn may_see_fine<'e, E>(executor: E, fine_id: &str, user_id: &str) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let found: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM fine_access WHERE fine_id = $1 AND user_id = $2")
            .bind(fine_id)
            .bind(user_id)
            .fetch_one(executor)
            .await?;
    Ok(found > 0)
}

async fn fine_type_on<'e, E>(
    executor: E,
    code: &str,
    date: Date,
) -> Result<Option<FineType>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(&format!(
        "SELECT {TYPE_COLUMNS} FROM fine_types WHERE code = $1 AND valid_from <= $2 \
         ORDER BY valid_from DESC LIMIT 1"
    ))
    .bind(code)
    .bind(iso(date))
    .fetch_optional(executor)
    .await
}

/// Traffic fines as a payment purpose: the whole amount due today, once.
pub struct FinePurpose;

impl PaymentPurpose for FinePurpose {
    fn kind(&self) -> crate::domain::payment::PurposeKind {
        crate::domain::payment::PurposeKind::Fine
    }

    fn amount<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Money>> {
        Box::pin(async move {
            let fine: Option<Fine> = sqlx::query_as(&format!(
                "SELECT {FINE_COLUMNS} FROM fines WHERE id = $1 AND paid_by IS NULL AND review <> 'rejected'"
            ))
            .bind(purpose_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(fine) = fine else { return Ok(None) };
            let Some(date) = fine.date() else {
                return Ok(None);
            };
            let Some(kind) = fine_type_on(&mut *tx, &fine.type_code, date).await? else {
                return Ok(None);
            };
            if !kind.payable.is_set() {
                return Ok(None);
            }
            Ok(amount_due(&kind.rules(), fine.principal, date, today())
                .ok()
                .map(|due| due.total))
        })
    }

    fn describe<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Description>> {
        Box::pin(async move {
            let row: Option<(String, String, String, String)> = sqlx::query_as(
                "SELECT ticket_number, plate, offence_date, type_code FROM fines WHERE id = $1",
            )
            .bind(purpose_id)
            .fetch_optional(tx)
            .await?;
            Ok(row.map(|(number, plate, date, code)| {
                let on = |lang| {
                    crate::domain::time::parse_iso_date(&date)
                        .map(|d| crate::domain::time::format_date(d, lang))
                        .unwrap_or_else(|| date.clone())
                };
                let plate = crate::domain::Plate::parse(&plate)
                    .map(|p| p.spaced())
                    .unwrap_or(plate);
                Description::new(
                    format!(
                        "Κλήση ΚΟΚ {number} · {plate} · {} · {code}",
                        on(crate::domain::Lang::El)
                    ),
                    format!(
                        "Traffic ticket {number} · {plate} · {} · {code}",
                        on(crate::domain::Lang::En)
                    ),
                )
            }))
        })
    }

    /// Only someone who proved the ticket with its details may pay it (ids alone are not
    /// proof).
    fn may_pay<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        payer: Payer<'a>,
    ) -> DbFuture<'a, bool> {
        Box::pin(async move {
            match payer {
                Payer::Account(user) => may_see_fine(&mut *tx, purpose_id, user).await,
                Payer::Guest { pass, .. } => {
                    let granted: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM guest_grants g \
                         JOIN guest_passes p ON p.token_hash = g.token_hash \
                         WHERE g.token_hash = $1 AND g.subject_kind = 'fine' \
                         AND g.subject_id = $2 AND p.expires_at_ms > $3",
                    )
                    .bind(&pass.hash)
                    .bind(purpose_id)
                    .bind(now_ms())
                    .fetch_one(&mut *tx)
                    .await?;
                    Ok(granted > 0)
                }
                Payer::Unnamed => Ok(false),
            }
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
            // When it was paid is the payment's time; the row keeps its last review time.
            "UPDATE fines SET paid_by = $1 WHERE id = $2 AND paid_by IS NULL",
            purpose_id,
            payment_id,
        ))
    }
}
