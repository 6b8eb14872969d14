//! What the cashier's bank pages show: an imported bank file's report and the transfers
//! waiting in the reconciliation queue.

use crate::domain::bank::QueueReason;
use crate::domain::Money;
use serde::{Deserialize, Serialize};

/// An imported camt.054 file and what it did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BankFileView {
    pub id: String,
    pub file_name: Option<String>,
    pub imported_at_ms: i64,
    pub transfers: i64,
    pub paid: i64,
    pub queued: i64,
    pub known: i64,
}

/// A transfer waiting for the cashier, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedTransfer {
    pub id: String,
    pub bank_ref: String,
    pub amount: Money,
    pub currency: String,
    /// ISO date.
    pub booked_on: Option<String>,
    /// The creditor reference as the bank wrote it.
    pub reference: Option<String>,
    pub payer: Option<String>,
    pub reason: QueueReason,
    /// The notice its RF names, if any.
    pub notice_id: Option<String>,
}
