//! Secrets this installation makes for itself when demonstration mode needs one and none is
//! configured. Nothing here is ever used outside demonstration mode.

use super::tokens::new_token;
use super::{now_ms, Db};

impl Db {
    /// A random secret of this database, made on first use (demonstration mode's sandbox
    /// bank key: never one shipped in the source).
    pub async fn instance_secret(&self, name: &str) -> Result<String, sqlx::Error> {
        sqlx::query(
            "INSERT INTO instance_secrets (name, value, created_at_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(new_token())
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        sqlx::query_scalar("SELECT value FROM instance_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(self.pool())
            .await
    }
}
