//! The back office's lists: what waits for each role, people and businesses waiting for
//! verification, staff accounts, departments, and the audit log.

use crate::domain::account::Role;
use crate::domain::work::WorkItem;
use crate::domain::{Flag, Lang};
use serde::{Deserialize, Serialize};

/// How much of one kind of work waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCount {
    pub item: WorkItem,
    pub count: i64,
}

/// A staff member's home: the work waiting for their role (and department).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub work: Vec<WorkCount>,
    /// The clerk's department, if they belong to one.
    pub department: Option<Department>,
}

/// A department submissions are routed to (the admin keeps the list).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Department {
    pub id: String,
    pub name_el: String,
    pub name_en: String,
    /// Retired departments stay on old submissions but are not offered any more.
    pub active: Flag,
}

impl Department {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::El => &self.name_el,
            Lang::En => &self.name_en,
        }
    }
}

/// Who waits for a clerk: a person or a business.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PendingVerification {
    pub kind: crate::domain::account::VerificationSubject,
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
    pub department_id: Option<String>,
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
