//! The protocol (πρωτόκολλο): the official register of incoming documents. Two registries
//! behind one trait: the built-in yearly numbering, and an HTTP client for a municipality's
//! external protocol system. Registration runs as a job, so an outage loses nothing.

use super::jobs::Job;
use super::mailer::{Email, SharedMailer};
use super::{now_ms, Db};
use crate::domain::submission::protocol_label;
use crate::domain::time::local_date;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

pub const JOB_KIND: &str = "protocol";

/// What is sent for registration. `reference` is the portal's id of the document: the
/// external system must answer the same number when asked twice for one reference.
#[derive(Clone, Debug, Serialize)]
pub struct ProtocolRequest {
    pub reference: String,
    pub kind: String,
    pub subject: String,
}

/// The external system's answer: `{"number": "1234/21-11-2026"}`.
#[derive(Clone, Debug, Deserialize)]
pub struct ProtocolAnswer {
    pub number: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    #[error("protocol service unreachable or failing: {0}")]
    Unavailable(String),
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

pub type ProtocolFuture<'a> =
    Pin<Box<dyn Future<Output = Result<String, ProtocolError>> + Send + 'a>>;

pub trait ProtocolRegistry: Send + Sync {
    /// Registers a document and returns its printed number. `tx` is the transaction that
    /// will record the number, so a built-in number is never lost nor given twice.
    fn register<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        request: &'a ProtocolRequest,
    ) -> ProtocolFuture<'a>;
}

pub type SharedRegistry = Arc<dyn ProtocolRegistry>;

/// Numbers per year (`N/dd-mm-yyyy`, local date), no gaps, no duplicates across instances.
pub struct BuiltInRegistry;

impl ProtocolRegistry for BuiltInRegistry {
    fn register<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        _request: &'a ProtocolRequest,
    ) -> ProtocolFuture<'a> {
        Box::pin(async move {
            let date = local_date(now_ms());
            let number =
                super::counters::next_value(tx, &format!("protocol:{}", date.year)).await?;
            Ok(protocol_label(number, date))
        })
    }
}

/// A municipality's protocol service: `POST url` with a bearer token and a JSON
/// [`ProtocolRequest`]; it answers 2xx with a [`ProtocolAnswer`].
pub struct HttpRegistry {
    client: reqwest::Client,
    url: String,
    token: String,
}

impl HttpRegistry {
    pub fn new(url: &str, token: &str, timeout: Duration) -> Result<HttpRegistry, ProtocolError> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(|e| ProtocolError::Unavailable(e.to_string()))?;
        Ok(HttpRegistry {
            client,
            url: url.to_owned(),
            token: token.to_owned(),
        })
    }
}

impl ProtocolRegistry for HttpRegistry {
    fn register<'a>(
        &'a self,
        _tx: &'a mut sqlx::AnyConnection,
        request: &'a ProtocolRequest,
    ) -> ProtocolFuture<'a> {
        Box::pin(async move {
            let unavailable = |e: reqwest::Error| ProtocolError::Unavailable(e.to_string());
            let answer: ProtocolAnswer = self
                .client
                .post(&self.url)
                .bearer_auth(&self.token)
                .json(request)
                .send()
                .await
                .map_err(unavailable)?
                .error_for_status()
                .map_err(unavailable)?
                .json()
                .await
                .map_err(unavailable)?;
            Ok(answer.number)
        })
    }
}

/// Runs one claimed protocol job: registers the submission and records the number, the
/// event and the job's end in one transaction; on failure schedules a retry.
/// Returns the number when it was registered now.
#[tracing::instrument(skip_all)]
pub async fn run_job(
    db: &Db,
    registry: &dyn ProtocolRegistry,
    mailer: Option<&SharedMailer>,
    job: &Job,
    now: i64,
) -> Result<Option<String>, ProtocolError> {
    #[derive(sqlx::FromRow)]
    struct Awaiting {
        kind: String,
        subject: String,
        email: Option<String>,
    }
    let row: Option<Awaiting> = sqlx::query_as(
        "SELECT s.kind, s.subject, u.email FROM submissions s \
         LEFT JOIN users u ON u.id = s.user_id \
         WHERE s.id = $1 AND s.protocol_state = 'awaiting'",
    )
    .bind(&job.subject_id)
    .fetch_optional(db.pool())
    .await?;
    let mut tx = db.begin().await?;
    let Some(Awaiting {
        kind,
        subject,
        email,
    }) = row
    else {
        // Nothing to do (already registered, or gone): close the job.
        db.finish_job(&mut tx, job.id).await?;
        tx.commit().await?;
        return Ok(None);
    };
    let request = ProtocolRequest {
        reference: job.subject_id.clone(),
        kind,
        subject,
    };
    match registry.register(&mut tx, &request).await {
        Ok(number) => {
            sqlx::query(
                "UPDATE submissions SET protocol_state = 'registered', protocol_number = $1, \
                 protocol_at_ms = $2, updated_at_ms = $2 WHERE id = $3 AND protocol_state = 'awaiting'",
            )
            .bind(&number)
            .bind(now)
            .bind(&job.subject_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO submission_events (submission_id, at_ms, actor, action, note) \
                 VALUES ($1, $2, 'system', 'protocol_registered', $3)",
            )
            .bind(&job.subject_id)
            .bind(now)
            .bind(&number)
            .execute(&mut *tx)
            .await?;
            db.finish_job(&mut tx, job.id).await?;
            tx.commit().await?;
            if let (Some(mailer), Some(to)) = (mailer, email) {
                use crate::i18n::{in_both_languages, Msg};
                let fill = |text: &str, _| {
                    text.replace("{subject}", &request.subject)
                        .replace("{number}", &number)
                };
                let email = Email {
                    to,
                    subject: in_both_languages(Msg::MailProtocolSubject, " / ", fill),
                    body: in_both_languages(Msg::MailProtocolBody, "\n\n", fill) + "\n",
                    key: Some(format!("protocol-{}", job.subject_id)),
                    attachments: Vec::new(),
                };
                if let Err(error) = mailer.send(&email).await {
                    tracing::error!(%error, "protocol e-mail not sent");
                }
            }
            Ok(Some(number))
        }
        Err(error) => {
            drop(tx);
            tracing::warn!(%error, attempts = job.attempts, submission = %job.subject_id, "protocol registration failed; will retry");
            db.retry_job(job, &error.to_string(), now).await?;
            Err(error)
        }
    }
}

/// Works through every due protocol job once; the server calls this on a timer.
#[tracing::instrument(skip_all)]
pub async fn run_due_jobs(
    db: &Db,
    registry: &dyn ProtocolRegistry,
    mailer: Option<&SharedMailer>,
    now: i64,
) -> usize {
    let mut done = 0;
    loop {
        match db.claim_job(JOB_KIND, now).await {
            Ok(Some(job)) => {
                if let Ok(Some(_)) = run_job(db, registry, mailer, &job, now).await {
                    done += 1;
                }
            }
            Ok(None) => return done,
            Err(error) => {
                tracing::error!(%error, "could not claim protocol jobs");
                return done;
            }
        }
    }
}
