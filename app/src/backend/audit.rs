//! The audit log: who did what, when. Rows are only ever added.

use super::{now_ms, Db};

pub use crate::views::staff::AuditEntry;

/// Who acted: a signed-in user, the command line, or the system itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    User(String),
    Cli,
    System,
}

impl Actor {
    /// The user's id, when a user acted.
    pub fn id(&self) -> Option<&str> {
        match self {
            Actor::User(id) => Some(id),
            _ => None,
        }
    }

    pub fn as_text(&self) -> String {
        match self {
            Actor::User(id) => format!("user:{id}"),
            Actor::Cli => "cli".into(),
            Actor::System => "system".into(),
        }
    }
}

impl Db {
    /// Records an action. Works inside a transaction too, through `executor`.
    pub async fn audit<'e, E>(
        &self,
        executor: E,
        actor: &Actor,
        action: &str,
        subject: Option<&str>,
        detail: Option<&str>,
    ) -> Result<(), sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query(
            "INSERT INTO audit_log (at_ms, actor, action, subject, detail) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(now_ms())
        .bind(actor.as_text())
        .bind(action)
        .bind(subject)
        .bind(detail)
        .execute(executor)
        .await?;
        Ok(())
    }

    /// The newest entries first; a user who acted is shown by name and e-mail.
    pub async fn recent_audit(&self, limit: i64) -> Result<Vec<AuditEntry>, sqlx::Error> {
        sqlx::query_as::<_, AuditEntry>(
            "SELECT a.id, a.at_ms, COALESCE(u.full_name || ' <' || u.email || '>', a.actor) AS actor, \
             a.action, a.subject, a.detail FROM audit_log a \
             LEFT JOIN users u ON a.actor = 'user:' || u.id \
             ORDER BY a.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await
    }
}
