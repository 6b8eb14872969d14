//! A form sent back with errors after a plain-HTML post: the framework would put the errors,
//! and every value the user typed, into the address (browser history, proxy logs). They are
//! kept here instead, briefly, under a random token; the address carries only the token.
//! The first page view that shows them removes them.

use super::tokens::{hash_token, new_token};
use super::{now_ms, Db};

/// How long a reply waits for its page view.
pub const KEEP_MS: i64 = 10 * 60 * 1000;

impl Db {
    /// Keeps the error of the server function at `path` and returns the token to carry.
    pub async fn keep_form_reply(&self, path: &str, payload: &str) -> Result<String, sqlx::Error> {
        let token = new_token();
        sqlx::query(
            "INSERT INTO form_replies (token, path, payload, expires_at_ms) VALUES ($1, $2, $3, $4)",
        )
        .bind(hash_token(&token))
        .bind(path)
        .bind(payload)
        .bind(now_ms() + KEEP_MS)
        .execute(self.pool())
        .await?;
        Ok(token)
    }

    /// The reply kept under `token` (server function path, error), removed as it is read.
    pub async fn take_form_reply(
        &self,
        token: &str,
    ) -> Result<Option<(String, String)>, sqlx::Error> {
        sqlx::query_as(
            "DELETE FROM form_replies WHERE token = $1 AND expires_at_ms > $2 RETURNING path, payload",
        )
        .bind(hash_token(token))
        .bind(now_ms())
        .fetch_optional(self.pool())
        .await
    }

    /// Removes replies nobody came back for.
    pub async fn purge_form_replies(&self, now: i64) -> Result<u64, sqlx::Error> {
        Ok(
            sqlx::query("DELETE FROM form_replies WHERE expires_at_ms <= $1")
                .bind(now)
                .execute(self.pool())
                .await?
                .rows_affected(),
        )
    }
}
