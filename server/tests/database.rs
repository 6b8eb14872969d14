//! The repository layer on both engines: migrations, audit log, users and passwords.

mod common;

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
