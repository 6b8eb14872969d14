//! What can be paid for: the `PaymentPurpose` trait each capability implements (what is
//! owed, who may pay, what paying does), and the list of purposes the server knows.

use crate::domain::payment::{PaymentState, PurposeKind};
use crate::domain::Money;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::PaymentError;
use crate::backend::guests::GuestPass;
pub use crate::views::payments::Description;

/// Who pays: an account holder, a guest who proved what they pay (no account), or nobody
/// named (benchmarks and tests).
#[derive(Clone, Copy, Debug)]
pub enum Payer<'a> {
    Account(&'a str),
    Guest {
        pass: &'a GuestPass,
        /// Where the receipt goes.
        email: &'a str,
    },
    Unnamed,
}

impl<'a> Payer<'a> {
    pub fn account(id: Option<&'a str>) -> Payer<'a> {
        id.map(Payer::Account).unwrap_or(Payer::Unnamed)
    }

    pub fn account_id(&self) -> Option<&'a str> {
        match self {
            Payer::Account(id) => Some(id),
            _ => None,
        }
    }
}

pub type DbFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, sqlx::Error>> + Send + 'a>>;

/// Something that can be paid for (a fine, a tax declaration, a notice…).
pub trait PaymentPurpose: Send + Sync {
    fn kind(&self) -> PurposeKind;
    /// What is owed now, from the database; `None` when nothing is (already paid, unknown).
    fn amount<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Money>>;
    /// What is paid, in words in both languages, for "my payments" and the receipt
    /// (`None` when the purpose is unknown).
    fn describe<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Description>>;
    /// Marks the purpose paid, inside the transaction that records the success. `false`:
    /// another payment had already paid it (two payers at once); this one is then kept as
    /// paid twice, for the cashier to refund.
    fn fulfil<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        payment_id: &'a str,
    ) -> DbFuture<'a, bool>;
    /// Called inside the transaction that records a payment's final failure (declined,
    /// cancelled, expired, error): a purpose that lives only with its payment (a tax
    /// declaration) ends here. Most purposes stay payable and do nothing.
    fn abandon<'a>(
        &'a self,
        _tx: &'a mut sqlx::AnyConnection,
        _purpose_id: &'a str,
        _outcome: PaymentState,
    ) -> DbFuture<'a, ()> {
        Box::pin(async { Ok(()) })
    }
    /// The debtor (ΑΦΜ) the payment is for, for the debtor's card; `None`: the payer's own
    /// verified ΑΦΜ, if any.
    fn debtor<'a>(
        &'a self,
        _tx: &'a mut sqlx::AnyConnection,
        _purpose_id: &'a str,
    ) -> DbFuture<'a, Option<String>> {
        Box::pin(async { Ok(None) })
    }
    /// Whether `payer` may pay this purpose (its owner, for a business's own debts).
    /// Whoever proved a traffic ticket's details may pay it, with or without an account.
    fn may_pay<'a>(
        &'a self,
        _tx: &'a mut sqlx::AnyConnection,
        _purpose_id: &'a str,
        _payer: Payer<'a>,
    ) -> DbFuture<'a, bool> {
        Box::pin(async { Ok(true) })
    }
}

/// Fulfils a purpose once: `update` sets its payment (`$1`) on the row `$2` only while none
/// is set. `false` when another payment had set it already (the purpose was paid twice).
pub async fn fulfil_once(
    tx: &mut sqlx::AnyConnection,
    update: &str,
    purpose_id: &str,
    payment_id: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(update)
        .bind(payment_id)
        .bind(purpose_id)
        .execute(tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The purposes the portal knows, by kind.
#[derive(Clone, Default)]
pub struct Purposes(HashMap<PurposeKind, Arc<dyn PaymentPurpose>>);

impl Purposes {
    pub fn with(mut self, purpose: Arc<dyn PaymentPurpose>) -> Purposes {
        self.0.insert(purpose.kind(), purpose);
        self
    }

    /// The kinds known, for filters.
    pub fn kinds(&self) -> Vec<PurposeKind> {
        let mut kinds: Vec<PurposeKind> = self.0.keys().copied().collect();
        kinds.sort_unstable_by_key(|k| k.as_str());
        kinds
    }

    pub fn get(&self, kind: PurposeKind) -> Result<&Arc<dyn PaymentPurpose>, PaymentError> {
        self.0.get(&kind).ok_or(PaymentError::UnknownPurpose)
    }
}
