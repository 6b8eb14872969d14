//! Comments, requests, complaints and proposals: storage, the citizen's own list, the staff
//! inbox with filters, and every staff action recorded as an event.

use super::audit::Actor;
use super::counters::next_value;
use super::filter::Where;
use super::{jobs, now_ms, protocol, Db, Engine};
use crate::domain::submission::{search_key, Kind, Status};

pub use crate::views::submissions::{Submission, Summary};

const LIST_FIELDS: [&str; 9] = [
    "id",
    "seq",
    "kind",
    "subject",
    "status",
    "spam",
    "protocol_state",
    "protocol_number",
    "created_at_ms",
];

/// A list query that returns its rows as one JSON array in one row. sqlx's SQLite driver
/// hands every row to the async side through a channel and a thread wake-up; one message
/// instead of fifty doubled the throughput of a 50-row page. The one place where the two
/// dialects differ in spelling.
fn rows_as_json(engine: Engine, where_clause: &str, limit: &str) -> String {
    let (array, object, cast) = match engine {
        Engine::Sqlite => ("json_group_array", "json_object", ""),
        Engine::Postgres => ("json_agg", "json_build_object", "::text"),
    };
    let pairs = LIST_FIELDS
        .iter()
        .map(|f| format!("'{f}', {f}"))
        .collect::<Vec<_>>()
        .join(", ");
    let columns = LIST_FIELDS.join(", ");
    format!(
        "SELECT COALESCE({array}({object}({pairs}) ORDER BY created_at_ms DESC, seq DESC), '[]'){cast} \
         FROM (SELECT {columns} FROM submissions {where_clause} \
               ORDER BY created_at_ms DESC, seq DESC {limit}) AS page"
    )
}

fn parse_rows(json: &str) -> Result<Vec<Summary>, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

pub use crate::views::submissions::EventView as Event;

pub struct NewSubmission<'a> {
    pub kind: Kind,
    /// `None` for an anonymous comment: nothing about the sender is stored.
    pub user_id: Option<&'a str>,
    pub subject: &'a str,
    pub body: &'a str,
    pub desired_action: Option<&'a str>,
}

/// Staff inbox filters; `None` means "any".
#[derive(Clone, Debug, Default)]
pub struct InboxFilter {
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    /// Only named submissions in this protocol state (`none`: to register; `awaiting`:
    /// sent to the protocol service, no number yet).
    pub protocol: Option<ProtocolFilter>,
    pub department: Option<DepartmentFilter>,
    pub search: Option<String>,
    pub page: i64,
}

pub const PAGE_SIZE: i64 = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtocolFilter {
    /// Named, open, no protocol number asked for yet.
    ToRegister,
    /// Asked of the protocol service, no number back yet.
    Awaiting,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DepartmentFilter {
    /// Routed to this department.
    Is(String),
    /// Routed nowhere yet.
    Unassigned,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmissionError {
    #[error("not found")]
    NotFound,
    #[error("this step is not allowed from the current status")]
    NotAllowed,
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

const COLUMNS: &str =
    "id, seq, kind, user_id, subject, body, desired_action, status, response, department, \
     spam, protocol_state, protocol_number, protocol_at_ms, created_at_ms, updated_at_ms";

fn actor_text(actor: &Actor) -> String {
    match actor {
        Actor::User(id) => format!("user:{id}"),
        Actor::Cli => "cli".into(),
        Actor::System => "system".into(),
    }
}

async fn record(
    tx: &mut sqlx::AnyConnection,
    id: &str,
    actor: &str,
    action: &str,
    status: Option<&str>,
    note: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO submission_events (submission_id, at_ms, actor, action, status, note) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(now_ms())
    .bind(actor)
    .bind(action)
    .bind(status)
    .bind(note)
    .execute(tx)
    .await?;
    Ok(())
}

impl Db {
    /// Stores a submission and returns its id and number (A/A), given at once.
    pub async fn create_submission(
        &self,
        new: NewSubmission<'_>,
    ) -> Result<(String, i64), sqlx::Error> {
        let id = uuid::Uuid::new_v4().to_string();
        let now = now_ms();
        let mut tx = self.begin().await?;
        let seq = next_value(&mut tx, "submission").await?;
        sqlx::query(
            "INSERT INTO submissions (id, seq, kind, user_id, subject, body, desired_action, status, \
             created_at_ms, updated_at_ms, search_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, $8, $9)",
        )
        .bind(&id)
        .bind(seq)
        .bind(new.kind.as_str())
        .bind(new.user_id)
        .bind(new.subject)
        .bind(new.body)
        .bind(new.desired_action)
        .bind(now)
        .bind(search_key(&format!("{}\n{}", new.subject, new.body)))
        .execute(&mut *tx)
        .await?;
        let actor = new
            .user_id
            .map(|u| format!("user:{u}"))
            .unwrap_or_else(|| "anonymous".into());
        record(&mut tx, &id, &actor, "submitted", Some("submitted"), None).await?;
        tx.commit().await?;
        Ok((id, seq))
    }

    pub async fn my_submissions(&self, user_id: &str) -> Result<Vec<Summary>, sqlx::Error> {
        let json: String =
            sqlx::query_scalar(&rows_as_json(self.engine(), "WHERE user_id = $1", ""))
                .bind(user_id)
                .fetch_one(self.pool())
                .await?;
        parse_rows(&json)
    }

    /// A submission its owner may see; anyone else's answers `None` ("not found").
    pub async fn my_submission(
        &self,
        user_id: &str,
        id: &str,
    ) -> Result<Option<Submission>, sqlx::Error> {
        sqlx::query_as::<_, Submission>(&format!(
            "SELECT {COLUMNS} FROM submissions WHERE id = $1 AND user_id = $2"
        ))
        .bind(id)
        .bind(user_id)
        .fetch_optional(self.pool())
        .await
    }

    pub async fn submission(&self, id: &str) -> Result<Option<Submission>, sqlx::Error> {
        sqlx::query_as::<_, Submission>(&format!("SELECT {COLUMNS} FROM submissions WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await
    }

    pub async fn submission_events(&self, id: &str) -> Result<Vec<Event>, sqlx::Error> {
        // People by name: a user who acted shows as their name, not their id.
        sqlx::query_as::<_, Event>(
            "SELECT e.at_ms, COALESCE(u.full_name, e.actor) AS actor, e.action, e.status, e.note \
             FROM submission_events e LEFT JOIN users u ON e.actor = 'user:' || u.id \
             WHERE e.submission_id = $1 ORDER BY e.at_ms, e.id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await
    }

    /// One page of the inbox, newest first, and the number of matching rows.
    pub async fn inbox(&self, filter: &InboxFilter) -> Result<(Vec<Summary>, i64), sqlx::Error> {
        let mut filter_sql = Where::new();
        if let Some(kind) = filter.kind {
            filter_sql.text("kind = ?", kind.as_str());
        }
        if let Some(status) = filter.status {
            filter_sql.text("status = ?", status.as_str());
        }
        if let Some(search) = filter.search.as_ref().filter(|s| !s.trim().is_empty()) {
            filter_sql.text(
                "search_text LIKE ? ESCAPE '\\'",
                crate::domain::submission::contains_pattern(search),
            );
        }
        match filter.protocol {
            Some(ProtocolFilter::ToRegister) => filter_sql.sql(
                "kind <> 'comment' AND protocol_state = 'none' \
                 AND status NOT IN ('answered', 'closed', 'rejected')",
            ),
            Some(ProtocolFilter::Awaiting) => filter_sql.sql("protocol_state = 'awaiting'"),
            None => {}
        }
        match &filter.department {
            Some(DepartmentFilter::Is(id)) => filter_sql.text("department = ?", id.clone()),
            Some(DepartmentFilter::Unassigned) => filter_sql.sql("department IS NULL"),
            None => {}
        }
        if let Some(from) = filter.from_ms {
            filter_sql.int("created_at_ms >= ?", from);
        }
        if let Some(to) = filter.to_ms {
            filter_sql.int("created_at_ms < ?", to);
        }
        let where_clause = filter_sql.clause();
        let limit_at = filter_sql.next_placeholder();
        let offset_at = format!("${}", limit_at[1..].parse::<usize>().unwrap_or(1) + 1);
        let limit = format!("LIMIT {limit_at} OFFSET {offset_at}");
        let list_sql = rows_as_json(self.engine(), &where_clause, &limit);
        let count_sql = format!("SELECT COUNT(*) FROM submissions {where_clause}");
        let list = filter_sql.bind_scalar(sqlx::query_scalar::<_, String>(&list_sql));
        let count = filter_sql.bind_scalar(sqlx::query_scalar::<_, i64>(&count_sql));
        let json = list
            .bind(PAGE_SIZE)
            .bind(filter.page.max(0).saturating_mul(PAGE_SIZE))
            .fetch_one(self.pool())
            .await?;
        let total = count.fetch_one(self.pool()).await?;
        Ok((parse_rows(&json)?, total))
    }

    /// Moves a submission along the state machine; illegal steps are refused.
    pub async fn change_status(
        &self,
        id: &str,
        to: Status,
        actor: &Actor,
    ) -> Result<Submission, SubmissionError> {
        let mut tx = self.begin().await?;
        let current: Option<String> =
            sqlx::query_scalar("SELECT status FROM submissions WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let from = current
            .as_deref()
            .and_then(Status::parse)
            .ok_or(SubmissionError::NotFound)?;
        if !from.can_become(to) {
            return Err(SubmissionError::NotAllowed);
        }
        let changed = sqlx::query(
            "UPDATE submissions SET status = $1, updated_at_ms = $2 WHERE id = $3 AND status = $4",
        )
        .bind(to.as_str())
        .bind(now_ms())
        .bind(id)
        .bind(from.as_str())
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return Err(SubmissionError::NotAllowed);
        }
        record(
            &mut tx,
            id,
            &actor_text(actor),
            "status_changed",
            Some(to.as_str()),
            None,
        )
        .await?;
        tx.commit().await?;
        self.submission(id).await?.ok_or(SubmissionError::NotFound)
    }

    /// The municipality's answer, shown to the citizen.
    pub async fn set_response(
        &self,
        id: &str,
        response: &str,
        actor: &Actor,
    ) -> Result<(), SubmissionError> {
        self.update_field(id, "response", response, "responded", actor)
            .await
    }

    /// The author of a named submission, as the clerk needs them to answer.
    pub async fn submission_author(
        &self,
        user_id: &str,
    ) -> Result<Option<crate::views::submissions::Author>, sqlx::Error> {
        sqlx::query_as("SELECT full_name, email, phone, verification FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(self.pool())
            .await
    }

    pub async fn assign_department(
        &self,
        id: &str,
        department: &str,
        actor: &Actor,
    ) -> Result<(), SubmissionError> {
        self.update_field(id, "department", department, "assigned", actor)
            .await
    }

    async fn update_field(
        &self,
        id: &str,
        column: &'static str,
        value: &str,
        action: &str,
        actor: &Actor,
    ) -> Result<(), SubmissionError> {
        let mut tx = self.begin().await?;
        let changed = sqlx::query(&format!(
            "UPDATE submissions SET {column} = $1, updated_at_ms = $2 WHERE id = $3"
        ))
        .bind(value)
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return Err(SubmissionError::NotFound);
        }
        record(&mut tx, id, &actor_text(actor), action, None, Some(value)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks an anonymous comment as spam (named submissions have an author to answer).
    pub async fn mark_spam(&self, id: &str, actor: &Actor) -> Result<(), SubmissionError> {
        let mut tx = self.begin().await?;
        let changed = sqlx::query(
            "UPDATE submissions SET spam = 1, status = 'rejected', updated_at_ms = $1 \
             WHERE id = $2 AND kind = 'comment' AND spam = 0",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return Err(SubmissionError::NotAllowed);
        }
        record(
            &mut tx,
            id,
            &actor_text(actor),
            "marked_spam",
            Some("rejected"),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Queues registration in the protocol (once): the submission waits as "awaiting
    /// protocol" until the registry answers.
    pub async fn request_protocol(&self, id: &str, actor: &Actor) -> Result<(), SubmissionError> {
        let mut tx = self.begin().await?;
        let changed = sqlx::query(
            "UPDATE submissions SET protocol_state = 'awaiting', updated_at_ms = $1 \
             WHERE id = $2 AND protocol_state = 'none' AND kind <> 'comment'",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return Err(SubmissionError::NotAllowed);
        }
        jobs::enqueue(&mut tx, protocol::JOB_KIND, id).await?;
        record(
            &mut tx,
            id,
            &actor_text(actor),
            "protocol_requested",
            None,
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Submissions per (kind, status) created since a time: the staff home's counts.
    pub async fn submission_counts(
        &self,
        since_ms: i64,
    ) -> Result<Vec<crate::views::submissions::CountRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT kind, status, COUNT(*) AS count FROM submissions WHERE created_at_ms >= $1 \
             GROUP BY kind, status ORDER BY kind, status",
        )
        .bind(since_ms)
        .fetch_all(self.pool())
        .await
    }
}
