//! What the debts pages show: a debtor's debts with what each owes today, the debtor's
//! card with every payment, the staff's search, one debt with its history, the monthly
//! table of amounts posted and collected, and an import's progress and report.

use crate::domain::debt::{AmountDue, DebtKind, DebtState};
use crate::domain::payment::{PaymentState, PurposeKind};
use crate::domain::{Lang, Money};
use crate::views::imports::ImportProblem;
use serde::{Deserialize, Serialize};

/// A revenue category of the catalogue admins keep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct DebtCategory {
    pub code: String,
    pub name_el: String,
    pub name_en: String,
}

impl DebtCategory {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::El => &self.name_el,
            Lang::En => &self.name_en,
        }
    }
}

/// A debt as its debtor (or staff) sees it, with what it owes on the day shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtLine {
    pub id: String,
    /// The municipality's own reference (its id in the financial system).
    pub reference: Option<String>,
    pub kind: DebtKind,
    /// Shared by the debts of one category (read once a page, not once a debt).
    pub category: std::sync::Arc<DebtCategory>,
    pub description: String,
    /// ISO date.
    pub due_date: String,
    pub state: DebtState,
    /// What it owes today (for a paid debt: what it owed when shown, not what was paid).
    pub due: AmountDue,
    /// The payment that paid it and its receipt, or why it was cancelled: only for a debt
    /// so closed (`None` for every other).
    pub paid_by: Option<String>,
    pub receipt: Option<String>,
    pub cancel_reason: Option<String>,
}

impl DebtLine {
    pub fn is_payable(&self) -> bool {
        self.state.is_payable()
    }
}

/// A debtor whose ΑΦΜ is proved to be the signed-in user's: their own (verified by a
/// clerk) or a business they represent (verified).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvedDebtor {
    /// `None`: the user themselves; otherwise the business's id (what URLs carry).
    pub business_id: Option<String>,
    pub name: String,
    pub afm: String,
}

impl ProvedDebtor {
    /// The query string that chooses this debtor on the debts pages.
    pub fn query(&self) -> String {
        match &self.business_id {
            Some(id) => format!("?business={id}"),
            None => String::new(),
        }
    }
}

/// Why a user sees no debts: nothing proved yet (and how to prove it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NothingProved {
    /// The user's own ΑΦΜ is not verified yet, and they represent no verified business.
    NotVerified,
}

/// "My debts": whose debts can be shown, the chosen one's debts, and the day they hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDebtsView {
    pub debtors: Vec<ProvedDebtor>,
    pub chosen: Option<ProvedDebtor>,
    pub debts: Vec<DebtLine>,
    /// Today's interest rate per month, as text (`0.73`).
    pub interest_percent: String,
    /// ISO date the amounts hold on.
    pub today: String,
}

/// The municipality's record of a debtor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct DebtorRecord {
    pub id: String,
    pub afm: String,
    pub name: String,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// One payment on a debtor's card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CardPayment {
    pub id: String,
    pub purpose_kind: PurposeKind,
    #[cfg_attr(feature = "ssr", sqlx(rename = "amount_cents"))]
    pub amount: Money,
    pub state: PaymentState,
    pub created_at_ms: i64,
    pub receipt: Option<String>,
    pub description_el: Option<String>,
    pub description_en: Option<String>,
}

/// The debtor's card (καρτέλα οφειλέτη): the record, every debt, every payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtorCard {
    pub afm: String,
    pub name: String,
    /// `None` while the financial system has sent nothing for this ΑΦΜ.
    pub record: Option<DebtorRecord>,
    pub debts: Vec<DebtLine>,
    pub payments: Vec<CardPayment>,
    pub today: String,
}

/// A debtor found by the staff's search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct DebtorHit {
    pub id: String,
    pub afm: String,
    pub name: String,
    pub open_debts: i64,
    #[cfg_attr(feature = "ssr", sqlx(rename = "open_principal_cents"))]
    pub open_principal: Money,
}

/// One change of a debt, as staff read its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct DebtEventLine {
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub detail: Option<String>,
}

/// One debt for staff: the line, whose it is, every change, and the categories for the
/// correction form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDebt {
    pub debt: DebtLine,
    /// ISO date it was certified, if it was (lists do not show it; the correction form does).
    pub certified_on: Option<String>,
    pub afm: String,
    pub debtor_name: String,
    pub debtor_id: Option<String>,
    pub events: Vec<DebtEventLine>,
    pub categories: Vec<DebtCategory>,
}

/// Amounts posted (certified) and collected in one category and month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtReportRow {
    pub category: DebtCategory,
    /// 1–12.
    pub month: u32,
    pub posted: Money,
    pub collected: Money,
}

/// The year's table, per category and month (months with nothing left out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtReport {
    pub year: i64,
    /// Years with anything posted or collected, newest first (for the year links).
    pub years: Vec<i64>,
    pub rows: Vec<DebtReportRow>,
    pub posted: Money,
    pub collected: Money,
}

/// Where an import stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportStage {
    Running,
    Done,
    Failed,
}

/// An import of the financial system's export: its progress while it runs, its report at
/// the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtImportView {
    pub id: String,
    pub stage: ImportStage,
    pub file_name: Option<String>,
    /// Rows read from the file, and how many of them are done (while it runs).
    pub total_rows: u64,
    pub done_rows: u64,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub problems: Vec<ImportProblem>,
    pub started_at_ms: i64,
    pub finished_at_ms: Option<i64>,
}

impl DebtImportView {
    /// Done so far, in whole percent.
    pub fn percent(&self) -> u64 {
        match self.stage {
            ImportStage::Running if self.total_rows > 0 => {
                (self.done_rows.min(self.total_rows) * 100) / self.total_rows
            }
            ImportStage::Running => 0,
            _ => 100,
        }
    }
}

/// Open debts of one kind, with their total today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindGroup<'a> {
    pub kind: DebtKind,
    pub debts: Vec<&'a DebtLine>,
    pub total: Money,
}

/// The open debts grouped by kind (in the order of the kinds), each with its total.
pub fn open_by_kind(debts: &[DebtLine]) -> Vec<KindGroup<'_>> {
    DebtKind::ALL
        .iter()
        .filter_map(|&kind| {
            let debts: Vec<&DebtLine> = debts
                .iter()
                .filter(|d| d.kind == kind && d.is_payable())
                .collect();
            if debts.is_empty() {
                return None;
            }
            let total = debts.iter().fold(Money::ZERO, |sum, d| {
                sum.checked_add(d.due.total).unwrap_or(sum)
            });
            Some(KindGroup { kind, debts, total })
        })
        .collect()
}
