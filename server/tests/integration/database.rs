//! The repository layer on both engines: migrations, audit log, users and passwords.

use app::backend::audit::Actor;
use app::backend::users::{CreateUserError, NewUser};
use app::backend::Db;
use app::domain::account::Role;

async fn migrations_are_idempotent(db: Db) {
    db.migrate()
        .await
        .expect("second migration run changes nothing");
    db.ping().await.expect("database answers");
}

async fn audit_log_records_who_did_what_when(db: Db) {
    let before = app::backend::now_ms();
    db.audit(
        db.pool(),
        &Actor::Cli,
        "test.first",
        Some("subject-1"),
        None,
    )
    .await
    .unwrap();
    db.audit(
        db.pool(),
        &Actor::User("u-1".into()),
        "test.second",
        None,
        Some("détail ελληνικά"),
    )
    .await
    .unwrap();
    let entries = db.recent_audit(10).await.unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].action, "test.second");
    assert_eq!(entries[0].actor, "user:u-1");
    assert_eq!(entries[0].detail.as_deref(), Some("détail ελληνικά"));
    assert_eq!(entries[1].actor, "cli");
    assert_eq!(entries[1].subject.as_deref(), Some("subject-1"));
    assert!(entries.iter().all(|e| e.at_ms >= before));
}

async fn users_are_created_once_with_hashed_passwords(db: Db) {
    let new = |email, password| NewUser {
        email,
        full_name: "Μαρία Παπαδοπούλου",
        phone: None,
        password,
        role: Role::Admin,
        email_confirmed: true,
    };
    let user = db
        .create_user(
            new(" Admin@Example.GR ", "a long enough password"),
            &Actor::Cli,
        )
        .await
        .expect("create admin");
    assert_eq!(user.email, "admin@example.gr");
    assert_eq!(user.role, "admin");

    let again = db
        .create_user(
            new("admin@example.gr", "another long password"),
            &Actor::Cli,
        )
        .await;
    assert!(
        matches!(again, Err(CreateUserError::EmailTaken)),
        "{again:?}"
    );

    let short = db
        .create_user(new("x@example.gr", "short"), &Actor::Cli)
        .await;
    assert!(matches!(short, Err(CreateUserError::WeakPassword)));

    let found = db
        .check_password("ADMIN@example.gr", "a long enough password")
        .await
        .unwrap();
    assert_eq!(found.map(|u| u.id), Some(user.id.clone()));
    assert_eq!(
        db.check_password("admin@example.gr", "wrong password!!")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        db.check_password("nobody@example.gr", "a long enough password")
            .await
            .unwrap(),
        None
    );

    let audit = db.recent_audit(5).await.unwrap();
    assert_eq!(
        audit.iter().filter(|e| e.action == "user.created").count(),
        1,
        "one creation, one entry"
    );
}

async fn demo_seed_is_idempotent(db: Db) {
    let first = dimos_server::demo::seed(&db).await.unwrap();
    let second = dimos_server::demo::seed(&db).await.unwrap();
    assert_eq!(
        first.iter().filter(|l| l.contains("(created)")).count(),
        5,
        "{first:?}"
    );
    assert!(first.iter().any(|l| l.contains("verified")), "{first:?}");
    assert_eq!(
        second.iter().filter(|l| l.contains("(exists)")).count(),
        5,
        "{second:?}"
    );
    assert!(db
        .find_user_by_email("admin@demo.dimos.invalid")
        .await
        .unwrap()
        .is_some());
}

on_both_engines!(
    migrations_are_idempotent,
    audit_log_records_who_did_what_when,
    users_are_created_once_with_hashed_passwords,
    demo_seed_is_idempotent,
);

/// A schema as both engines can describe it: each table's columns with the family of their
/// type and whether they take NULL, and the indexes created by name.
#[derive(Debug, PartialEq, Eq)]
struct Schema {
    columns: std::collections::BTreeSet<(String, String, &'static str, bool)>,
    indexes: std::collections::BTreeSet<(String, String)>,
}

fn type_family(declared: &str) -> &'static str {
    let declared = declared.to_ascii_lowercase();
    if declared.contains("int") {
        "integer"
    } else if declared.contains("char") || declared.contains("text") {
        "text"
    } else if declared.contains("bool") {
        "boolean"
    } else if declared.contains("byte") || declared.contains("blob") {
        "bytes"
    } else {
        "other"
    }
}

async fn sqlite_schema(db: &Db) -> Schema {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT m.name, c.name, c.type, c.\"notnull\" + c.pk FROM sqlite_master m \
         JOIN pragma_table_info(m.name) c WHERE m.type = 'table' \
         AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    Schema {
        columns: rows
            .into_iter()
            .map(|(table, column, declared, not_null)| {
                (table, column, type_family(&declared), not_null == 0)
            })
            .collect(),
        indexes: indexes.into_iter().collect(),
    }
}

async fn postgres_schema(db: &Db) -> Schema {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = 'public' \
         AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    // Indexes that back a primary key or a UNIQUE constraint are the constraint's, which
    // SQLite names differently; those created by name must match.
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.tablename::text, i.indexname::text FROM pg_indexes i WHERE i.schemaname = 'public' \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    Schema {
        columns: rows
            .into_iter()
            .map(|(table, column, declared, nullable)| {
                (table, column, type_family(&declared), nullable == "YES")
            })
            .collect(),
        indexes: indexes.into_iter().collect(),
    }
}

/// The two engines' migrations build the same tables, columns (type family and NULL-ness)
/// and named indexes: a column added to one engine's migration only fails here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_engines_migrate_to_the_same_schema() {
    let sqlite = crate::common::TestDb::sqlite().await;
    let postgres = crate::common::TestDb::postgres().await;
    let (lite, pg) = (
        sqlite_schema(&sqlite.db).await,
        postgres_schema(&postgres.db).await,
    );
    // Both read something real (254 columns and 25 named indexes when this was written).
    assert!(
        lite.columns.len() > 200 && lite.indexes.len() > 20,
        "{lite:?}"
    );
    let only_sqlite: Vec<_> = lite.columns.difference(&pg.columns).collect();
    let only_postgres: Vec<_> = pg.columns.difference(&lite.columns).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "columns differ:\n  SQLite only: {only_sqlite:#?}\n  PostgreSQL only: {only_postgres:#?}"
    );
    let only_sqlite: Vec<_> = lite.indexes.difference(&pg.indexes).collect();
    let only_postgres: Vec<_> = pg.indexes.difference(&lite.indexes).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "indexes differ:\n  SQLite only: {only_sqlite:#?}\n  PostgreSQL only: {only_postgres:#?}"
    );
}
