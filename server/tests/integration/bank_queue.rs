//! The cashier resolves queued bank transfers on both engines: a short transfer as part
//! payment of a debt (receipt, debt partly paid, its notice withdrawn, the rest still owed),
//! another assigned to debts that add up to it, an unknown one marked for refund; amounts
//! that do not add up are refused with nothing recorded; two cashiers at once resolve it
//! once; every resolution is an event with its actor.

use crate::bank_files::{count, five_transfers, notices, Notices};
use crate::common;
use crate::debts::{citizen_debts, purposes, verified_citizen, CITIZEN_AFM};
use app::backend::audit::Actor;
use app::backend::bank_queue::{ResolveChoice, ResolveError};
use app::backend::payments::Purposes;
use app::backend::Db;
use app::domain::bank::Resolution;
use app::domain::debt::DebtState;
use app::domain::time::parse_iso_date;
use app::domain::Money;
use app::views::bank::TransferState;

async fn transfer_id(db: &Db, bank_ref: &str) -> String {
    sqlx::query_scalar("SELECT id FROM bank_transfers WHERE bank_ref = $1")
        .bind(format!("{bank_ref}/T1"))
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn debt_id(db: &Db, reference: &str) -> String {
    sqlx::query_scalar("SELECT id FROM debts WHERE municipality_ref = $1")
        .bind(reference)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

/// The citizen's notices, and the bank file of five transfers for them imported.
async fn five_transfers_imported(db: &Db) -> (Notices, Purposes) {
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(db, "eleni@example.gr", CITIZEN_AFM).await;
    let n = notices(db, &citizen).await;
    let purposes = purposes();
    db.import_bank_file(&purposes, five_transfers(&n), None, &Actor::Cli)
        .await
        .unwrap();
    (n, purposes)
}

async fn the_cashier_resolves_queued_transfers(db: Db) {
    let (n, purposes) = five_transfers_imported(&db).await;
    let (cashier, _) = common::client::user_with_session(
        &db,
        "cashier@example.gr",
        app::domain::account::Role::Cashier,
    )
    .await;
    let cashier = Actor::User(cashier);

    // The short one (a cent less than its notice) as part payment of the water debt.
    let short = transfer_id(&db, "B-3").await;
    let water = debt_id(&db, "ΥΔ-3").await;
    let booked = parse_iso_date("2026-12-05").unwrap();
    let before = db.debt_lines_of(CITIZEN_AFM, booked).await.unwrap();
    let owed_before = before.iter().find(|d| d.id == water).unwrap().due.total;
    let paid = n.short.2.checked_sub(Money::from_cents(1)).unwrap();
    // Paying it "in full" is refused in words: the debt owes more than the transfer.
    let refused = db
        .resolve_bank_transfer(
            &purposes,
            &short,
            ResolveChoice::Assign {
                afm: CITIZEN_AFM,
                debt_ids: std::slice::from_ref(&water),
            },
            &cashier,
        )
        .await;
    assert!(
        matches!(refused, Err(ResolveError::Mismatch { owed, amount }) if owed == owed_before && amount == paid),
        "{refused:?}"
    );
    let payments = count(&db, "SELECT COUNT(*) FROM payments").await;
    let payment = db
        .resolve_bank_transfer(
            &purposes,
            &short,
            ResolveChoice::Part {
                afm: CITIZEN_AFM,
                debt_id: &water,
            },
            &cashier,
        )
        .await
        .unwrap()
        .expect("a part payment is a payment");
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM payments").await,
        payments + 1
    );
    let (method, amount, email): (String, i64, Option<String>) =
        sqlx::query_as("SELECT method, amount_cents, payer_email FROM payments WHERE id = $1")
            .bind(&payment)
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!((method.as_str(), amount), ("bank_transfer", paid.cents()));
    assert_eq!(email.as_deref(), Some("eleni@example.gr"));
    let receipt_mail = count(
        &db,
        &format!(
            "SELECT COUNT(*) FROM jobs WHERE kind = 'receipt_mail' AND subject_id = '{payment}'"
        ),
    )
    .await;
    assert_eq!(receipt_mail, 1);
    // The debt is partly paid and owes the rest (to the cent of rounding); its notice,
    // whose amount no longer holds, is withdrawn.
    let after = db.debt_lines_of(CITIZEN_AFM, booked).await.unwrap();
    let water_after = after.iter().find(|d| d.id == water).unwrap();
    assert_eq!(water_after.state, DebtState::PartlyPaid);
    let rest = owed_before.checked_sub(paid).unwrap().cents();
    assert!(
        (water_after.due.total.cents() - rest).abs() <= 1,
        "{} owed, {rest} expected",
        water_after.due.total.cents()
    );
    let notice_state: String = sqlx::query_scalar("SELECT state FROM notices WHERE id = $1")
        .bind(&n.short.0)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(notice_state, "cancelled");
    let detail = db.bank_transfer(&short).await.unwrap().unwrap();
    assert_eq!(detail.state, TransferState::Resolved);
    assert_eq!(detail.resolution, Some(Resolution::Partial));
    assert_eq!(detail.payment_id.as_deref(), Some(payment.as_str()));
    assert!(detail.receipt.is_some());
    assert!(detail.allowed.is_empty());
    assert_eq!(detail.events.len(), 1);
    assert_eq!(detail.events[0].action, "partial");
    assert_eq!(detail.events[0].actor, "Test User");
    // Again: resolved already, nothing more recorded.
    let again = db
        .resolve_bank_transfer(&purposes, &short, ResolveChoice::Refund, &cashier)
        .await;
    assert!(matches!(again, Err(ResolveError::Resolved)), "{again:?}");

    // The expired notice's transfer pays its fee in full: the amounts add up.
    let expired = transfer_id(&db, "B-5").await;
    let fee: String = sqlx::query_scalar("SELECT debt_id FROM notice_items WHERE notice_id = $1")
        .bind(&n.expired.0)
        .fetch_one(db.pool())
        .await
        .unwrap();
    db.resolve_bank_transfer(
        &purposes,
        &expired,
        ResolveChoice::Assign {
            afm: CITIZEN_AFM,
            debt_ids: std::slice::from_ref(&fee),
        },
        &cashier,
    )
    .await
    .unwrap()
    .expect("a payment");
    let fee_state: String = sqlx::query_scalar("SELECT state FROM debts WHERE id = $1")
        .bind(&fee)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(fee_state, "paid");

    // The unknown RF goes back to the payer; a debit-only action is not offered for it.
    let unknown = transfer_id(&db, "B-4").await;
    let dismissed = db
        .resolve_bank_transfer(&purposes, &unknown, ResolveChoice::Dismiss, &cashier)
        .await;
    assert!(
        matches!(dismissed, Err(ResolveError::NotAllowed)),
        "{dismissed:?}"
    );
    // Another debtor's debt is "not found", not paid.
    let elsewhere = db
        .resolve_bank_transfer(
            &purposes,
            &unknown,
            ResolveChoice::Part {
                afm: "090000045",
                debt_id: &water,
            },
            &cashier,
        )
        .await;
    assert!(
        matches!(elsewhere, Err(ResolveError::DebtNotFound)),
        "{elsewhere:?}"
    );
    let payments = count(&db, "SELECT COUNT(*) FROM payments").await;
    assert_eq!(
        db.resolve_bank_transfer(&purposes, &unknown, ResolveChoice::Refund, &cashier)
            .await
            .unwrap(),
        None
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM payments").await, payments);
    let refund = db.bank_transfer(&unknown).await.unwrap().unwrap();
    assert_eq!(refund.resolution, Some(Resolution::Refund));
    assert_eq!(
        db.bank_queue(100).await.unwrap().len(),
        1,
        "the double payment waits"
    );
}

/// Two cashiers resolve one transfer at once: one wins, the other is told it is resolved;
/// one event.
async fn two_cashiers_resolve_a_transfer_once(db: Db) {
    let (_, purposes) = five_transfers_imported(&db).await;
    let short = transfer_id(&db, "B-3").await;
    let water = debt_id(&db, "ΥΔ-3").await;
    let part = ResolveChoice::Part {
        afm: CITIZEN_AFM,
        debt_id: &water,
    };
    let (a, b) = tokio::join!(
        db.resolve_bank_transfer(&purposes, &short, part, &Actor::Cli),
        db.resolve_bank_transfer(&purposes, &short, part, &Actor::Cli),
    );
    let won = [&a, &b].iter().filter(|r| r.is_ok()).count();
    assert_eq!(won, 1, "{a:?} {b:?}");
    assert!(
        [&a, &b]
            .iter()
            .any(|r| matches!(r, Err(ResolveError::Resolved))),
        "{a:?} {b:?}"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM bank_transfer_events").await,
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM payments p JOIN bank_transfers t ON t.bank_ref = p.provider_ref \
             WHERE t.bank_ref = 'B-3/T1'"
        )
        .await,
        1
    );
}

on_both_engines!(
    the_cashier_resolves_queued_transfers,
    two_cashiers_resolve_a_transfer_once
);
