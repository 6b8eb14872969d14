//! The database-backed job queue: jobs are written in the same transaction as the change
//! that needs them, claimed with a lease (safe with several server instances), retried with
//! exponential backoff.

use super::{now_ms, Db};

/// How long a claimed job is reserved for its worker before another may take it over.
const LEASE_MS: i64 = 60_000;
/// Backoff: 2 s, 4 s, 8 s … capped at 10 minutes.
const FIRST_RETRY_MS: i64 = 2_000;
const MAX_RETRY_MS: i64 = 600_000;

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub subject_id: String,
    pub attempts: i64,
}

pub fn backoff_ms(attempts: i64) -> i64 {
    let exponent = attempts.clamp(1, 20) - 1;
    (FIRST_RETRY_MS << exponent).min(MAX_RETRY_MS)
}

/// Adds a job inside an open transaction.
pub async fn enqueue(
    tx: &mut sqlx::AnyConnection,
    kind: &str,
    subject_id: &str,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO jobs (kind, subject_id, run_at_ms, created_at_ms) VALUES ($1, $2, $3, $3)",
    )
    .bind(kind)
    .bind(subject_id)
    .bind(now)
    .execute(tx)
    .await?;
    Ok(())
}

impl Db {
    /// Claims the oldest due job of `kind`, if any. The lease condition is checked again by
    /// the UPDATE itself, so two instances racing for one job cannot both win.
    pub async fn claim_job(&self, kind: &str, now: i64) -> Result<Option<Job>, sqlx::Error> {
        sqlx::query_as::<_, Job>(
            "UPDATE jobs SET locked_until_ms = $1, attempts = attempts + 1 \
             WHERE id = (SELECT id FROM jobs WHERE kind = $2 AND done_at_ms IS NULL \
                         AND run_at_ms <= $3 AND (locked_until_ms IS NULL OR locked_until_ms < $3) \
                         ORDER BY run_at_ms, id LIMIT 1) \
               AND done_at_ms IS NULL AND (locked_until_ms IS NULL OR locked_until_ms < $3) \
             RETURNING id, kind, subject_id, attempts",
        )
        .bind(now + LEASE_MS)
        .bind(kind)
        .bind(now)
        .fetch_optional(self.pool())
        .await
    }

    /// Claims one specific job (to run it at once after the request that made it).
    pub async fn claim_job_for(
        &self,
        kind: &str,
        subject_id: &str,
        now: i64,
    ) -> Result<Option<Job>, sqlx::Error> {
        sqlx::query_as::<_, Job>(
            "UPDATE jobs SET locked_until_ms = $1, attempts = attempts + 1 \
             WHERE kind = $2 AND subject_id = $3 AND done_at_ms IS NULL \
               AND (locked_until_ms IS NULL OR locked_until_ms < $4) \
             RETURNING id, kind, subject_id, attempts",
        )
        .bind(now + LEASE_MS)
        .bind(kind)
        .bind(subject_id)
        .bind(now)
        .fetch_optional(self.pool())
        .await
    }

    /// Marks a job done inside the transaction that applied its result.
    pub async fn finish_job(
        &self,
        tx: &mut sqlx::AnyConnection,
        id: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE jobs SET done_at_ms = $1, locked_until_ms = NULL WHERE id = $2")
            .bind(now_ms())
            .bind(id)
            .execute(tx)
            .await?;
        Ok(())
    }

    /// Records a failed attempt and schedules the next one.
    pub async fn retry_job(&self, job: &Job, error: &str, now: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE jobs SET locked_until_ms = NULL, last_error = $1, run_at_ms = $2 WHERE id = $3",
        )
        .bind(error.chars().take(500).collect::<String>())
        .bind(now + backoff_ms(job.attempts))
        .bind(job.id)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_doubles_up_to_a_cap() {
        use super::backoff_ms;
        assert_eq!(backoff_ms(1), 2_000);
        assert_eq!(backoff_ms(2), 4_000);
        assert_eq!(backoff_ms(5), 32_000);
        assert_eq!(backoff_ms(30), 600_000);
    }
}
