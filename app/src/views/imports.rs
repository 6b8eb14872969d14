//! The report of an import of the municipality's files, as staff read it.

use crate::domain::import::ProblemReason;
use serde::{Deserialize, Serialize};

/// One row left out (or, for reconciled rows, what was done with it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// The row's key: a ticket, debt or warrant number.
    #[serde(alias = "ticket_number")]
    pub key: String,
    pub reason: ProblemReason,
    /// The offending value where one helps.
    pub detail: String,
}

/// An import's outcome: how many rows went in and every row left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    pub id: String,
    pub imported: u64,
    pub problems: Vec<ImportProblem>,
    /// Rows matched to records already there (tickets a citizen registered first).
    pub reconciled: Vec<ImportProblem>,
}
