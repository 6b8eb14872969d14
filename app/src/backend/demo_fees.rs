//! Test fees: a payment purpose that exists to demonstrate the payment path, registered
//! only in demonstration mode (`payment_purposes(demo)` in the server's state).

use super::payments::{fulfil_once, DbFuture, Description, PaymentPurpose};
use crate::domain::payment::PurposeKind;
use crate::domain::Money;

/// The test purpose: an item with a price, paid once.
pub struct TestItemPurpose;

impl PaymentPurpose for TestItemPurpose {
    fn kind(&self) -> PurposeKind {
        PurposeKind::Test
    }

    fn amount<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Money>> {
        Box::pin(async move {
            let cents: Option<i64> = sqlx::query_scalar(
                "SELECT amount_cents FROM payment_test_items WHERE id = $1 AND paid_by IS NULL",
            )
            .bind(purpose_id)
            .fetch_optional(tx)
            .await?;
            Ok(cents.map(Money::from_cents))
        })
    }

    fn describe<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
    ) -> DbFuture<'a, Option<Description>> {
        Box::pin(async move {
            let text: Option<String> =
                sqlx::query_scalar("SELECT description FROM payment_test_items WHERE id = $1")
                    .bind(purpose_id)
                    .fetch_optional(tx)
                    .await?;
            // Demo fees are named "Greek / English".
            Ok(text.map(|text| match text.split_once(" / ") {
                Some((el, en)) => Description::new(el.trim(), en.trim()),
                None => Description::new(text.clone(), text),
            }))
        })
    }

    fn fulfil<'a>(
        &'a self,
        tx: &'a mut sqlx::AnyConnection,
        purpose_id: &'a str,
        payment_id: &'a str,
    ) -> DbFuture<'a, bool> {
        Box::pin(fulfil_once(
            tx,
            "UPDATE payment_test_items SET paid_by = $1 WHERE id = $2 AND paid_by IS NULL",
            purpose_id,
            payment_id,
        ))
    }
}
