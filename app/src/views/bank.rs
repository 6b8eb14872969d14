//! What the cashier's bank pages show: an imported bank file's report and the transfers
//! waiting in the reconciliation queue.

use crate::domain::bank::{QueueReason, Resolution};
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

/// Where a transfer stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TransferState {
    /// It paid its notice by itself.
    Paid,
    /// Waiting for the cashier.
    Queued,
    /// The cashier resolved it.
    Resolved,
}

/// One transfer as the cashier resolves it: what the bank said, why it waits, what may be
/// done with it, and its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferDetail {
    pub id: String,
    pub bank_ref: String,
    pub amount: Money,
    pub currency: String,
    pub booked_on: Option<String>,
    pub reference: Option<String>,
    pub payer: Option<String>,
    pub reason: Option<QueueReason>,
    pub state: TransferState,
    pub resolution: Option<Resolution>,
    /// What the cashier may still do (none once resolved).
    pub allowed: Vec<Resolution>,
    pub notice_id: Option<String>,
    /// The debtor of the notice its RF names: the first guess of whose debts it pays.
    pub notice_afm: Option<String>,
    pub payment_id: Option<String>,
    pub receipt: Option<String>,
    pub events: Vec<TransferEvent>,
}

/// Something done with a transfer, by whom and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TransferEvent {
    pub at_ms: i64,
    /// The staff member's name (or `cli`, `system`).
    pub actor: String,
    pub action: String,
    pub detail: Option<String>,
}

/// The transfer page: the transfer, and when the cashier named a debtor, that debtor's
/// debts that can be paid, each at what it owed on the day the bank booked the transfer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferPage {
    pub transfer: TransferDetail,
    /// The ΑΦΜ whose debts are shown (typed, or the notice's debtor).
    pub afm: Option<String>,
    pub debts: Vec<crate::views::debts::DebtLine>,
}
