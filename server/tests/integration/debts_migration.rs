//! Migration 15 on both engines: the municipal-tax debts that lived in their own table
//! move into the debts register with their payments and receipts, and the table is gone.

use crate::common;
use app::backend::Db;
use app::domain::account::Role;
use app::domain::debt::{DebtKind, DebtState};
use common::client::user_with_session;

/// Migration 15 on a database that had municipal-tax debts in their own table: each becomes
/// a certified municipal-tax debt of the register, its paid payment pays a one-debt set of
/// purpose `debts` with its receipt kept, and the old table is gone.
async fn tax_debts_move_into_the_register(url: &str, sqlite: bool) {
    let folder = if sqlite { "sqlite" } else { "postgres" };
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../migrations")
        .join(folder);
    let before = std::env::temp_dir().join(format!("dimos-migrations-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&before).unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.as_str() < "20261203000015" {
            std::fs::copy(&path, before.join(&name)).unwrap();
        }
    }
    let db = Db::connect(url).await.unwrap();
    {
        use sqlx::Executor;
        let mut conn = db.pool().acquire().await.unwrap();
        if sqlite {
            conn.execute("PRAGMA foreign_keys = OFF").await.unwrap();
        }
        let migrator = sqlx::migrate::Migrator::new(before.as_path())
            .await
            .unwrap();
        migrator.run(&mut *conn).await.unwrap();
    }
    std::fs::remove_dir_all(&before).unwrap();
    let (user, _) = user_with_session(&db, "rep@example.gr", Role::Citizen).await;
    for sql in [
        "INSERT INTO businesses (id, afm, name, legal_form, activity, vat_period, representative_id, \
         verification, created_at_ms) VALUES ('b1', '090000045', 'Καφέ Πλατεία Ο.Ε.', 'oe', 'catering', \
         'monthly', $1, 'verified', 1)",
        "INSERT INTO tax_debts (id, afm, debt_number, description, principal_cents, due_date, \
         certified_on, source, paid_by, created_at_ms) VALUES ('t1', '090000045', 'ΒΕΒ-1', 'Φόρος', \
         18420, '2025-10-31', '2026-01-15', 'import', NULL, 5)",
        "INSERT INTO tax_debts (id, afm, debt_number, description, principal_cents, due_date, \
         certified_on, source, paid_by, created_at_ms) VALUES ('t2', '090000045', 'ΒΕΒ-2', 'Πρόστιμο', \
         1240, '2026-04-30', '2026-06-10', 'staff', NULL, 6)",
        "INSERT INTO payments (id, purpose_kind, purpose_id, payer_id, amount_cents, state, \
         created_at_ms, updated_at_ms) VALUES ('p1', 'tax_debt', 't2', $1, 1300, 'success', 7, 8)",
        "UPDATE tax_debts SET paid_by = 'p1' WHERE id = 't2'",
        "INSERT INTO receipts (payment_id, number, issued_at_ms, check_code) VALUES ('p1', '1/2026', 8, 'ABCDEFGHJKMN')",
    ] {
        let query = sqlx::query(sql);
        let query = if sql.contains("$1") { query.bind(&user) } else { query };
        query.execute(db.pool()).await.unwrap();
    }
    db.migrate().await.unwrap();
    let lines = db
        .debt_lines_of("090000045", app::backend::today())
        .await
        .unwrap();
    assert_eq!(lines.len(), 2);
    let open = lines
        .iter()
        .find(|d| d.reference.as_deref() == Some("ΒΕΒ-1"))
        .unwrap();
    assert_eq!(
        (open.kind, open.state),
        (DebtKind::Certified, DebtState::Open)
    );
    assert_eq!(open.category.code, "municipal_tax");
    let paid = lines
        .iter()
        .find(|d| d.reference.as_deref() == Some("ΒΕΒ-2"))
        .unwrap();
    assert_eq!(paid.state, DebtState::Paid);
    assert_eq!(paid.paid_by.as_deref(), Some("p1"));
    assert_eq!(paid.receipt.as_deref(), Some("1/2026"));
    let (kind, set): (String, String) =
        sqlx::query_as("SELECT purpose_kind, purpose_id FROM payments WHERE id = 'p1'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!((kind.as_str(), set.as_str()), ("debts", "p1"));
    let card = db
        .debtor_card("090000045", "", app::backend::today())
        .await
        .unwrap();
    assert_eq!(card.name, "Καφέ Πλατεία Ο.Ε.");
    assert_eq!(
        card.payments.len(),
        1,
        "the old payment is on the debtor's card"
    );
    let gone = sqlx::query("SELECT COUNT(*) FROM tax_debts")
        .fetch_one(db.pool())
        .await;
    assert!(gone.is_err(), "the parallel table is dropped");
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tax_debts_move_into_the_register_on_sqlite() {
    let path = std::env::temp_dir().join(format!("dimos-test-{}.db", uuid::Uuid::new_v4()));
    tax_debts_move_into_the_register(&format!("sqlite://{}", path.display()), true).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tax_debts_move_into_the_register_on_postgres() {
    use sqlx::{Connection, Executor};
    let admin_url = common::postgres_admin_url();
    let name = format!("dimos_test_{}", uuid::Uuid::new_v4().simple());
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(&admin_url).await.unwrap();
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin_url);
    tax_debts_move_into_the_register(&format!("{base}/{name}"), false).await;
    admin
        .execute(format!("DROP DATABASE {name} WITH (FORCE)").as_str())
        .await
        .unwrap();
}
