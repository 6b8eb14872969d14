//! E-mail campaigns of notices: staff start one for every debtor with open debts (of one
//! revenue category, or all); each debtor becomes one row, and `campaign_mail` sends.
//! One campaign runs at a time; it can be stopped and resumed; the debtors it could not
//! e-mail are listed with why.

use super::audit::Actor;
use super::{now_ms, Db};
use crate::domain::campaign::{CampaignCounts, CampaignState, RecipientState};
use crate::views::campaigns::{CampaignFailure, CampaignView};

/// How long a sender holds a debtor it took; one still held after that was cut short
/// (a crash, a kill) and is reported, not sent again.
pub const LEASE_MS: i64 = 120_000;

/// What `campaign_failures` says of a message cut short while under way.
pub const INTERRUPTED: &str = "interrupted while being sent (the server stopped); not sent \
     again so that nobody gets it twice";

#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    /// Another campaign is running or stopping: one at a time.
    #[error("a campaign is running")]
    Running,
    #[error("no such revenue category")]
    Category,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A debtor taken by a sender.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Recipient {
    pub afm: String,
    pub email: Option<String>,
    pub lang: String,
    pub attempts: i64,
}

/// The campaign a sender works on.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ActiveCampaign {
    pub id: String,
    pub category: Option<String>,
    pub state: CampaignState,
    pub actor: String,
}

#[derive(sqlx::FromRow)]
struct CampaignRow {
    id: String,
    category: Option<String>,
    category_el: Option<String>,
    category_en: Option<String>,
    state: CampaignState,
    created_at_ms: i64,
    finished_at_ms: Option<i64>,
}

const CAMPAIGN_COLUMNS: &str = "SELECT k.id, k.category, c.name_el AS category_el, \
     c.name_en AS category_en, k.state, k.created_at_ms, k.finished_at_ms FROM campaigns k \
     LEFT JOIN debt_categories c ON c.code = k.category";

/// Each debtor's address: the municipality's record of the debtor, else the account to
/// which the ΑΦΜ is proved; and language: the one they last paid in, else Greek.
const RECIPIENT_FACTS: &str = "SELECT d.afm, \
     COALESCE((SELECT r.email FROM debtors r WHERE r.afm = d.afm AND r.email <> ''), \
              (SELECT u.email FROM users u WHERE u.afm = d.afm AND u.verification = 'verified' \
               ORDER BY u.created_at_ms LIMIT 1)) AS email, \
     COALESCE((SELECT p.payer_lang FROM payments p WHERE p.debtor_afm = d.afm \
               ORDER BY p.created_at_ms DESC LIMIT 1), 'el') AS lang";

impl Db {
    /// Starts a campaign for every debtor with open debts of `category` (or of any);
    /// returns its id.
    pub async fn start_campaign(
        &self,
        category: Option<&str>,
        actor: &Actor,
    ) -> Result<String, CampaignError> {
        let mut tx = self.begin().await?;
        let running: Option<String> = sqlx::query_scalar(
            "SELECT id FROM campaigns WHERE state IN ('running', 'stopping') LIMIT 1",
        )
        .fetch_optional(&mut *tx)
        .await?;
        if running.is_some() {
            return Err(CampaignError::Running);
        }
        if let Some(code) = category {
            let known: Option<String> =
                sqlx::query_scalar("SELECT code FROM debt_categories WHERE code = $1")
                    .bind(code)
                    .fetch_optional(&mut *tx)
                    .await?;
            if known.is_none() {
                return Err(CampaignError::Category);
            }
        }
        let id = uuid::Uuid::new_v4().to_string();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO campaigns (id, category, state, actor, created_at_ms) \
             VALUES ($1, $2, 'running', $3, $4)",
        )
        .bind(&id)
        .bind(category)
        .bind(actor.as_text())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // PostgreSQL cannot type a parameter only compared with NULL: two statements.
        let debtors = match category {
            Some(_) => {
                "SELECT DISTINCT afm FROM debts \
                        WHERE state IN ('open', 'partly_paid') AND category = $3"
            }
            None => "SELECT DISTINCT afm FROM debts WHERE state IN ('open', 'partly_paid')",
        };
        let sql = format!(
            "INSERT INTO campaign_recipients (campaign_id, afm, email, lang, state, next_at_ms, \
             done_at_ms) \
             SELECT $1, x.afm, x.email, x.lang, \
                    CASE WHEN x.email IS NULL THEN 'no_email' ELSE 'queued' END, $2, \
                    CASE WHEN x.email IS NULL THEN $2 END \
             FROM ({RECIPIENT_FACTS} FROM ({debtors}) d) x"
        );
        let mut insert = sqlx::query(&sql).bind(&id).bind(now);
        if let Some(code) = category {
            insert = insert.bind(code);
        }
        let recipients = insert.execute(&mut *tx).await?.rows_affected();
        self.audit(
            &mut *tx,
            actor,
            "campaigns.start",
            Some(&id),
            Some(category.unwrap_or("all")),
        )
        .await?;
        tx.commit().await?;
        // Thousands of debtors at once: PostgreSQL must know, or it plans each batch's claim
        // as if the queue held one row (measured: 0.2 to 0.4 s a claim at 13,000).
        self.refresh_statistics(&["campaign_recipients"], recipients)
            .await;
        Ok(id)
    }

    /// Asks a running campaign to stop; `false` when it was not running.
    pub async fn stop_campaign(&self, id: &str, actor: &Actor) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE campaigns SET state = 'stopping' WHERE id = $1 AND state = 'running'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let stopped = done.rows_affected() == 1;
        if stopped {
            self.audit(&mut *tx, actor, "campaigns.stop", Some(id), None)
                .await?;
        }
        tx.commit().await?;
        Ok(stopped)
    }

    /// Resumes a stopped campaign (while no other runs); `false` when it could not.
    pub async fn resume_campaign(&self, id: &str, actor: &Actor) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE campaigns SET state = 'running', finished_at_ms = NULL \
             WHERE id = $1 AND state = 'stopped' AND NOT EXISTS \
             (SELECT 1 FROM campaigns o WHERE o.state IN ('running', 'stopping'))",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let resumed = done.rows_affected() == 1;
        if resumed {
            self.audit(&mut *tx, actor, "campaigns.resume", Some(id), None)
                .await?;
        }
        tx.commit().await?;
        Ok(resumed)
    }

    /// One campaign with its counts.
    pub async fn campaign(&self, id: &str) -> Result<Option<CampaignView>, sqlx::Error> {
        let row: Option<CampaignRow> =
            sqlx::query_as(&format!("{CAMPAIGN_COLUMNS} WHERE k.id = $1"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        match row {
            Some(row) => Ok(Some(self.with_counts(row).await?)),
            None => Ok(None),
        }
    }

    /// The newest campaigns first (at most `limit`).
    pub async fn campaigns(&self, limit: i64) -> Result<Vec<CampaignView>, sqlx::Error> {
        let rows: Vec<CampaignRow> = sqlx::query_as(&format!(
            "{CAMPAIGN_COLUMNS} ORDER BY k.created_at_ms DESC, k.id LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut views = Vec::with_capacity(rows.len());
        for row in rows {
            views.push(self.with_counts(row).await?);
        }
        Ok(views)
    }

    async fn with_counts(&self, row: CampaignRow) -> Result<CampaignView, sqlx::Error> {
        let counts = self.campaign_counts(&row.id).await?;
        Ok(CampaignView {
            id: row.id,
            category: row.category,
            category_el: row.category_el,
            category_en: row.category_en,
            state: row.state,
            created_at_ms: row.created_at_ms,
            finished_at_ms: row.finished_at_ms,
            counts,
        })
    }

    /// A campaign's debtors by where they stand.
    pub async fn campaign_counts(&self, id: &str) -> Result<CampaignCounts, sqlx::Error> {
        let rows: Vec<(RecipientState, i64)> = sqlx::query_as(
            "SELECT state, CAST(COUNT(*) AS BIGINT) FROM campaign_recipients \
             WHERE campaign_id = $1 GROUP BY state",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        let mut counts = CampaignCounts::default();
        for (state, n) in rows {
            counts.add(state, n);
        }
        Ok(counts)
    }

    /// The debtors a campaign could not e-mail, or had no address for, by ΑΦΜ.
    pub async fn campaign_failures(&self, id: &str) -> Result<Vec<CampaignFailure>, sqlx::Error> {
        sqlx::query_as(
            "SELECT r.afm, COALESCE((SELECT d.name FROM debtors d WHERE d.afm = r.afm), \
             (SELECT MIN(x.debtor_name) FROM debts x WHERE x.afm = r.afm), r.afm) AS name, \
             r.email, r.state, r.error, r.attempts FROM campaign_recipients r \
             WHERE r.campaign_id = $1 AND r.state IN ('failed', 'no_email') ORDER BY r.afm",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await
    }

    /// The campaign a sender should work on: the one running or stopping, if any.
    pub async fn active_campaign(&self) -> Result<Option<ActiveCampaign>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, category, state, actor FROM campaigns \
             WHERE state IN ('running', 'stopping') ORDER BY created_at_ms LIMIT 1",
        )
        .fetch_optional(self.pool())
        .await
    }

    pub async fn campaign_state(&self, id: &str) -> Result<Option<CampaignState>, sqlx::Error> {
        sqlx::query_scalar("SELECT state FROM campaigns WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
    }

    /// Takes up to `limit` due debtors of a campaign for a sender (leased): a debtor taken
    /// by one sender is not taken by another.
    pub async fn claim_recipients(
        &self,
        campaign_id: &str,
        now: i64,
        limit: i64,
    ) -> Result<Vec<Recipient>, sqlx::Error> {
        // The chosen rows joined by their key: each found through the primary key, however
        // the planner guesses the queue's size.
        sqlx::query_as(
            "UPDATE campaign_recipients SET state = 'sending', lease_until_ms = $1 \
             FROM (SELECT afm FROM campaign_recipients WHERE campaign_id = $2 \
                   AND state = 'queued' AND next_at_ms <= $3 ORDER BY next_at_ms, afm LIMIT $4) \
                  AS due \
             WHERE campaign_recipients.campaign_id = $2 AND campaign_recipients.afm = due.afm \
             AND campaign_recipients.state = 'queued' \
             RETURNING campaign_recipients.afm, campaign_recipients.email, \
             campaign_recipients.lang, campaign_recipients.attempts",
        )
        .bind(now + LEASE_MS)
        .bind(campaign_id)
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await
    }

    /// Gives back debtors taken but not started (the campaign stopped, the server is
    /// shutting down): they wait for their turn again.
    pub async fn release_recipients(
        &self,
        campaign_id: &str,
        afms: &[String],
    ) -> Result<(), sqlx::Error> {
        for chunk in afms.chunks(200) {
            let list: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
            let sql = format!(
                "UPDATE campaign_recipients SET state = 'queued', lease_until_ms = NULL \
                 WHERE campaign_id = $1 AND state = 'sending' AND afm IN ({})",
                list.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(campaign_id);
            for afm in chunk {
                query = query.bind(afm);
            }
            query.execute(self.pool()).await?;
        }
        Ok(())
    }

    /// Records what became of a debtor's message: sent (with the notice sent), failed for
    /// good, or back in the queue to be tried at `retry_at`.
    pub async fn recipient_outcome(
        &self,
        campaign_id: &str,
        afm: &str,
        outcome: RecipientOutcome<'_>,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let query = match outcome {
            RecipientOutcome::Sent { notice_id } => sqlx::query(
                "UPDATE campaign_recipients SET state = 'sent', notice_id = $1, \
                 attempts = attempts + 1, lease_until_ms = NULL, error = NULL, done_at_ms = $2 \
                 WHERE campaign_id = $3 AND afm = $4 AND state = 'sending'",
            )
            .bind(notice_id)
            .bind(now),
            RecipientOutcome::Failed { error } => sqlx::query(
                "UPDATE campaign_recipients SET state = 'failed', error = $1, \
                 attempts = attempts + 1, lease_until_ms = NULL, done_at_ms = $2 \
                 WHERE campaign_id = $3 AND afm = $4 AND state = 'sending'",
            )
            .bind(clip(error))
            .bind(now),
            RecipientOutcome::Retry { error, at_ms } => sqlx::query(
                "UPDATE campaign_recipients SET state = 'queued', error = $1, \
                 attempts = attempts + 1, lease_until_ms = NULL, next_at_ms = $2 \
                 WHERE campaign_id = $3 AND afm = $4 AND state = 'sending'",
            )
            .bind(clip(error))
            .bind(at_ms),
        };
        query
            .bind(campaign_id)
            .bind(afm)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Debtors still held past their lease were cut short mid-message: whether it left is
    /// unknown, so they are reported rather than e-mailed a second time.
    pub async fn report_interrupted(
        &self,
        campaign_id: &str,
        now: i64,
    ) -> Result<u64, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE campaign_recipients SET state = 'failed', error = $1, lease_until_ms = NULL, \
             done_at_ms = $2 WHERE campaign_id = $3 AND state = 'sending' AND lease_until_ms < $2",
        )
        .bind(INTERRUPTED)
        .bind(now)
        .bind(campaign_id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }

    /// Ends a campaign with nothing left to do: a running one whose debtors are all
    /// handled is done; a stopping one with no message under way is stopped. `true` when
    /// it ended.
    pub async fn settle_campaign(&self, id: &str, now: i64) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE campaigns SET finished_at_ms = $1, \
             state = CASE WHEN state = 'stopping' THEN 'stopped' ELSE 'done' END \
             WHERE id = $2 AND ((state = 'running' AND NOT EXISTS \
                 (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = $2 \
                  AND r.state IN ('queued', 'sending'))) \
               OR (state = 'stopping' AND NOT EXISTS \
                 (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = $2 \
                  AND r.state = 'sending')))",
        )
        .bind(now)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

/// What became of one debtor's message.
#[derive(Clone, Copy, Debug)]
pub enum RecipientOutcome<'a> {
    Sent { notice_id: &'a str },
    Failed { error: &'a str },
    Retry { error: &'a str, at_ms: i64 },
}

fn clip(text: &str) -> String {
    text.chars().take(500).collect()
}
