//! Comments, requests, complaints and proposals as their pages show them.

use crate::domain::account::Verification;
use crate::domain::submission::{Kind, ProtocolState, Status};
use crate::domain::Flag;
use crate::views::staff::Department;
use serde::{Deserialize, Serialize};

/// A submission as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Submission {
    pub id: String,
    pub seq: i64,
    pub kind: Kind,
    pub user_id: Option<String>,
    pub subject: String,
    pub body: String,
    pub desired_action: Option<String>,
    pub status: Status,
    pub response: Option<String>,
    /// The department's id (see [`SubmissionView::routed_to`] for its name).
    pub department: Option<String>,
    pub spam: Flag,
    /// `none`, `awaiting` or `registered`.
    pub protocol_state: ProtocolState,
    pub protocol_number: Option<String>,
    pub protocol_at_ms: Option<i64>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// What lists show: no texts, so a long list stays cheap to read and render.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Summary {
    pub id: String,
    pub seq: i64,
    pub kind: Kind,
    pub subject: String,
    pub status: Status,
    pub spam: Flag,
    pub protocol_state: ProtocolState,
    pub protocol_number: Option<String>,
    pub created_at_ms: i64,
}

/// One event of a submission's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventView {
    pub at_ms: i64,
    /// Staff identities stay internal: citizens see "municipality", staff see the actor.
    pub actor: String,
    pub action: String,
    pub status: Option<Status>,
    pub note: Option<String>,
}

/// Who wrote a named submission, for the clerk who answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Author {
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub verification: Verification,
}

/// A submission with its history, as its author or a clerk sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionView {
    #[serde(flatten)]
    pub submission: Submission,
    pub history: Vec<EventView>,
    /// The department it is routed to (named apart from `department`, its id, which the
    /// flattened submission carries).
    pub routed_to: Option<Department>,
    /// Its author's name and contact: for the clerk only (`None` for the author's own view
    /// and for anonymous comments).
    pub author: Option<Author>,
}

impl std::ops::Deref for SubmissionView {
    type Target = Submission;

    fn deref(&self) -> &Submission {
        &self.submission
    }
}

/// One page of the clerk's inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxPage {
    pub rows: Vec<Summary>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// How many submissions of a kind are in a status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CountRow {
    pub kind: Kind,
    pub status: Status,
    pub count: i64,
}
