//! Server functions of the cashier's bank files: an imported file's report and the
//! reconciliation queue. The upload itself is a plain multipart route (`/staff/bank/import`).

use crate::error::AppError;
use crate::views::bank::{BankFileView, QueuedTransfer};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need},
    crate::domain::account::Role,
};

#[cfg(feature = "ssr")]
const CASHIER: Need = Need::AnyRole(&[Role::Cashier]);

/// Most queued transfers one page lists.
#[cfg(feature = "ssr")]
const QUEUE_PAGE: i64 = 500;

/// An imported bank file's report.
#[server(endpoint = "bank_file")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn bank_file(id: String) -> Result<BankFileView, AppError> {
    require(CASHIER)?;
    if id.len() > 64 {
        return Err(AppError::NotFound);
    }
    db()?
        .bank_file(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)
}

/// The transfers waiting for the cashier, oldest first.
#[server(endpoint = "bank_queue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn bank_queue() -> Result<Vec<QueuedTransfer>, AppError> {
    require(CASHIER)?;
    db()?.bank_queue(QUEUE_PAGE).await.map_err(internal)
}
