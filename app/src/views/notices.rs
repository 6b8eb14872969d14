//! What the notices pages show: a debtor's notices, one notice as printed (its debts, RF,
//! the municipality's account and the EPC code to scan), and the fees on request.

use crate::domain::notice::{NoticeKind, NoticeShown};
use crate::domain::{Lang, Money};
use crate::views::debts::ProvedDebtor;
use serde::{Deserialize, Serialize};

/// A notice in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeRow {
    pub id: String,
    /// The portal's number; `None` for a notice imported with the financial system's own.
    pub number: Option<i64>,
    pub kind: NoticeKind,
    /// Printed in groups of four.
    pub rf: String,
    /// ISO dates.
    pub issued_on: String,
    pub pay_by: String,
    pub amount: Money,
    pub shown: NoticeShown,
    /// The payment that paid it and its receipt's number.
    pub paid_by: Option<String>,
    pub receipt: Option<String>,
}

/// One debt on a notice, at what it owed on the notice's issue date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeLine {
    pub reference: Option<String>,
    pub category_el: String,
    pub category_en: String,
    pub description: String,
    pub due_date: String,
    pub principal: Money,
    pub interest: Money,
    pub amount: Money,
}

impl NoticeLine {
    pub fn category(&self, lang: Lang) -> &str {
        match lang {
            Lang::El => &self.category_el,
            Lang::En => &self.category_en,
        }
    }
}

/// Where to pay a notice by bank transfer, as printed on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayeeAccount {
    pub beneficiary: String,
    /// In groups of four.
    pub iban: String,
    pub bic: String,
}

/// The EPC code a banking app scans, drawn as a square of `size` modules plus a quiet zone
/// of four on each side; `path` holds the dark modules (SVG path data, one unit a module).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrDrawing {
    pub size: i32,
    pub path: String,
}

/// A notice as printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeDoc {
    pub row: NoticeRow,
    pub debtor_name: String,
    pub afm: String,
    pub lines: Vec<NoticeLine>,
    pub payee: PayeeAccount,
    /// `None` when the notice takes no payment (paid, replaced, expired, cancelled): a
    /// code that pays it must not be printed.
    pub qr: Option<QrDrawing>,
}

/// "My notices": whose (the user's proved debtors) and theirs, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyNoticesView {
    pub debtors: Vec<ProvedDebtor>,
    pub chosen: Option<ProvedDebtor>,
    pub notices: Vec<NoticeRow>,
}

/// A fee on request as offered today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeOffer {
    pub code: String,
    pub name_el: String,
    pub name_en: String,
    pub amount: Money,
}

impl FeeOffer {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::El => &self.name_el,
            Lang::En => &self.name_en,
        }
    }
}

/// One version of a fee type, as admins see the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeVersionRow {
    pub code: String,
    pub valid_from: String,
    pub name_el: String,
    pub name_en: String,
    pub amount: Money,
    pub active: bool,
    pub created_by: Option<String>,
}
