//! The debts register on both engines: the financial system's export imported (good rows,
//! bad rows by line and reason, a second import of the same references updating instead of
//! duplicating), every change an event, and what a debtor owes today with interest.

use app::backend::audit::Actor;
use app::backend::Db;
use app::domain::debt::{DebtKind, DebtState};
use app::domain::import::ProblemReason;
use app::domain::time::Date;
use app::domain::Money;

const HEADER: &str =
    "municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on\n";

fn csv(rows: &[&str]) -> String {
    let mut text = HEADER.to_owned();
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

async fn the_register_imports_and_updates_by_reference(db: Db) {
    let first = csv(&[
        "ΤΑΠ-2025-001,090000045,Μαρία Παπαδοπούλου,certified,tap,ΤΑΠ 2025 Α εξάμηνο,120.50,2025-06-30,2025-09-01",
        "ΚΦ-2025-002,090000045,Μαρία Παπαδοπούλου,uncertified,cleaning_lighting,Τέλη καθαριότητας 2025,45.00,2026-12-31,",
        // Bad rows: each reported by line and reason, none imported.
        "ΧΧ-1,123456789,Λάθος ΑΦΜ,certified,tap,Κάτι,10.00,2025-01-01,2025-02-01",
        "ΧΧ-2,090000045,Άγνωστο είδος,overdue,tap,Κάτι,10.00,2025-01-01,",
        "ΧΧ-3,090000045,Άγνωστη κατηγορία,certified,parking,Κάτι,10.00,2025-01-01,2025-02-01",
        "ΧΧ-4,090000045,Αρνητικό,certified,tap,Κάτι,-5.00,2025-01-01,2025-02-01",
        "ΧΧ-5,090000045,Κακή ημερομηνία,certified,tap,Κάτι,5.00,31/02/2025,2025-02-01",
        "ΧΧ-6,090000045,,certified,tap,Κάτι,5.00,2025-01-01,2025-02-01",
        // The same reference twice in one file: the second is a duplicate.
        "ΚΦ-2025-002,090000045,Μαρία Παπαδοπούλου,uncertified,cleaning_lighting,Ξανά,45.00,2026-12-31,",
    ]);
    let report = db.import_debts(&first, &Actor::Cli).await.unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (2, 0, 0));
    let reasons: Vec<(u64, ProblemReason)> =
        report.problems.iter().map(|p| (p.line, p.reason)).collect();
    assert_eq!(
        reasons,
        vec![
            (4, ProblemReason::Afm),
            (5, ProblemReason::DebtKind),
            (6, ProblemReason::Category),
            (7, ProblemReason::NegativeAmount),
            (8, ProblemReason::Date),
            (9, ProblemReason::Name),
            (10, ProblemReason::Duplicate),
        ]
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM debts").await, 2);

    // Tomorrow's export: the same register, one principal corrected, one debt new.
    let second = csv(&[
        "ΤΑΠ-2025-001,090000045,Μαρία Παπαδοπούλου,certified,tap,ΤΑΠ 2025 Α εξάμηνο,130.50,2025-06-30,2025-09-01",
        "ΚΦ-2025-002,090000045,Μαρία Παπαδοπούλου,uncertified,cleaning_lighting,Τέλη καθαριότητας 2025,45.00,2026-12-31,",
        "ΥΔ-2025-003,090000045,Μαρία Παπαδοπούλου,certified,water,Ύδρευση 2025,20.00,2025-10-31,2025-11-15",
    ]);
    let report = db.import_debts(&second, &Actor::Cli).await.unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (1, 1, 1));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM debts").await,
        3,
        "no duplicates"
    );

    let on = Date {
        year: 2026,
        month: 1,
        day: 1,
    };
    let debts = db.register_debts_of("090000045", on).await.unwrap();
    assert_eq!(debts.len(), 3);
    let tap = debts
        .iter()
        .find(|d| d.debt.municipality_ref.as_deref() == Some("ΤΑΠ-2025-001"))
        .unwrap();
    assert_eq!(tap.debt.kind, DebtKind::Certified);
    assert_eq!(tap.debt.state, DebtState::Open);
    assert_eq!(tap.debt.principal, Money::from_cents(13_050));
    // Due 30/06/2025, on 01/01/2026: seven months started × 0.73 % of 130.50 = 6.67.
    assert_eq!(tap.due.months, 7);
    assert_eq!(tap.due.interest, Money::from_cents(667));
    assert_eq!(tap.due.total, Money::from_cents(13_717));
    // An uncertified debt bears no interest.
    let cleaning = debts
        .iter()
        .find(|d| d.debt.category == "cleaning_lighting")
        .unwrap();
    assert_eq!(cleaning.due.total, Money::from_cents(4_500));
    // Nobody else's debts.
    assert!(db
        .register_debts_of("094014201", on)
        .await
        .unwrap()
        .is_empty());

    // Every change is an event: imported, then updated with what changed.
    let events = db.debt_events(&tap.debt.id).await.unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["imported", "updated"]);
    assert_eq!(
        events[1].detail.as_deref(),
        Some("principal 120.50 → 130.50")
    );
    assert_eq!(events[1].actor, "cli");

    // A debt paid here is not reopened or changed by an export that is behind.
    sqlx::query("UPDATE debts SET state = 'paid' WHERE id = $1")
        .bind(&tap.debt.id)
        .execute(db.pool())
        .await
        .unwrap();
    let behind = csv(&[
        "ΤΑΠ-2025-001,090000045,Μαρία Παπαδοπούλου,certified,tap,ΤΑΠ 2025 Α εξάμηνο,120.50,2025-06-30,2025-09-01",
    ]);
    let report = db.import_debts(&behind, &Actor::Cli).await.unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (0, 0, 1));
    let after = db.register_debts_of("090000045", on).await.unwrap();
    let tap = after
        .iter()
        .find(|d| d.debt.municipality_ref.as_deref() == Some("ΤΑΠ-2025-001"))
        .unwrap();
    assert_eq!(tap.debt.state, DebtState::Paid);
    assert_eq!(tap.debt.principal, Money::from_cents(13_050));
    let last = db.debt_events(&tap.debt.id).await.unwrap();
    assert_eq!(
        last.last().map(|e| e.action.as_str()),
        Some("import_ignored")
    );
}

async fn a_file_without_the_columns_imports_nothing(db: Db) {
    let report = db
        .import_debts("afm,amount\n090000045,10\n", &Actor::Cli)
        .await
        .unwrap();
    assert_eq!(report.added, 0);
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].reason, ProblemReason::Columns);
    assert!(report.problems[0].detail.contains("municipality_ref"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM debts").await, 0);
}

/// The sample shipped for demonstrations and the README imports whole, twice over.
async fn the_shipped_sample_imports_cleanly(db: Db) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/debts-sample.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let first = db.import_debts(&text, &Actor::Cli).await.unwrap();
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    assert_eq!(first.added, 5);
    let again = db.import_debts(&text, &Actor::Cli).await.unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 5));
}

on_both_engines!(
    the_shipped_sample_imports_cleanly,
    the_register_imports_and_updates_by_reference,
    a_file_without_the_columns_imports_nothing
);
