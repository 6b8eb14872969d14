//! The back office's lists: people and businesses waiting for verification, staff accounts,
//! and the audit log.

use crate::domain::account::Role;
use serde::{Deserialize, Serialize};

/// Who waits for a clerk: a person or a business.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PendingVerification {
    /// `user` or `business`.
    pub kind: String,
    pub id: String,
    pub name: String,
    pub afm: Option<String>,
    pub contact: String,
    pub requested_at_ms: Option<i64>,
    /// Other accounts or businesses claiming the same ΑΦΜ (any state).
    pub other_claims: i64,
    /// Of those, verified ones (approving this claim then fails until that one is revoked).
    pub other_verified: i64,
}

/// A staff account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StaffMember {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub role: Role,
}

/// One audit entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub id: i64,
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub subject: Option<String>,
    pub detail: Option<String>,
}
