//! The debts register on both engines: the financial system's export imported (good rows,
//! bad rows by line and reason, a second import of the same references updating instead of
//! duplicating, in chunks, with progress), every change an event, what a debtor owes today
//! with interest; who sees what (only an ΑΦΜ proved to be the user's), several debts paid in
//! one payment with a receipt that lists them, two payments of one debt at once, the
//! debtor's card, the staff's search, entry, correction, cancellation and monthly table.

use crate::common;
use app::backend::audit::Actor;
use app::backend::businesses::NewBusiness;
use app::backend::debt_payments::DebtPayError;
use app::backend::debtors::{DebtFields, SaveDebtError};
use app::backend::payments::{Purposes, Report};
use app::backend::Db;
use app::domain::account::{Role, VerificationStep};
use app::domain::debt::amount_due;
use app::domain::debt::{DebtKind, DebtState};
use app::domain::import::ProblemReason;
use app::domain::payment::{PaymentEvent, PaymentState};
use app::domain::time::Date;
use app::domain::Money;
use app::error::AppError;
use common::client::*;

const HEADER: &str =
    "municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on\n";

pub(crate) fn csv(rows: &[&str]) -> String {
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

pub(crate) fn purposes() -> Purposes {
    dimos_server::state::payment_purposes(true)
}

pub(crate) fn approved(amount: Money) -> Report<'static> {
    Report {
        event: PaymentEvent::Approved,
        amount: Some(amount),
        provider_ref: Some("BANK-1"),
        provider_order: None,
        failure_code: None,
        failure_message: None,
        source: "callback",
    }
}

/// A citizen whose own ΑΦΜ a clerk verified.
pub(crate) async fn verified_citizen(db: &Db, email: &str, afm: &str) -> (String, String) {
    let (id, cookie) = user_with_session(db, email, Role::Citizen).await;
    db.update_profile(&id, afm, "Οδός 1", "Πατέρας", None)
        .await
        .unwrap();
    for step in [VerificationStep::Request, VerificationStep::Approve] {
        db.step_user_verification(&id, step, "", &Actor::Cli)
            .await
            .unwrap();
    }
    (id, cookie)
}

pub(crate) const CITIZEN_AFM: &str = "094014201";

pub(crate) fn citizen_debts() -> String {
    csv(&[
        "ΤΑΠ-1,094014201,Ελένη Κωστάκη,certified,tap,ΤΑΠ 2025,100.00,2025-06-30,2025-09-01",
        "ΚΦ-2,094014201,Ελένη Κωστάκη,uncertified,cleaning_lighting,Καθαριότητα 2026,40.00,2026-12-31,",
        "ΥΔ-3,094014201,Ελένη Κωστάκη,certified,water,Ύδρευση 2025,20.00,2025-10-31,2025-11-15",
    ])
}

/// Debts are seen only for an ΑΦΜ proved to be the user's; several are paid in one
/// payment at the amounts of the day, each marked paid with it, and the receipt lists them.
async fn proved_debtors_pay_several_debts_at_once(db: Db) {
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    // Typing someone's ΑΦΜ proves nothing: an unverified account with the same ΑΦΜ.
    let (typed, _) = user_with_session(&db, "typed@example.gr", Role::Citizen).await;
    db.update_profile(&typed, CITIZEN_AFM, "Α", "Β", None)
        .await
        .unwrap();
    assert!(db.proved_debtors(&typed).await.unwrap().is_empty());
    let proved = db.proved_debtors(&citizen).await.unwrap();
    assert_eq!(proved.len(), 1);
    assert_eq!(proved[0].afm, CITIZEN_AFM);

    let today = app::backend::today();
    let lines = db.debt_lines_of(CITIZEN_AFM, today).await.unwrap();
    assert_eq!(lines.len(), 3);
    let tap = lines
        .iter()
        .find(|d| d.reference.as_deref() == Some("ΤΑΠ-1"))
        .unwrap();
    let water = lines
        .iter()
        .find(|d| d.reference.as_deref() == Some("ΥΔ-3"))
        .unwrap();
    let rates = db.debt_interest_rates().await.unwrap();
    let expected_tap = amount_due(
        DebtKind::Certified,
        Money::from_cents(10_000),
        app::domain::time::parse_iso_date("2025-06-30").unwrap(),
        today,
        &rates,
    );
    assert_eq!(tap.due, expected_tap);
    assert!(tap.due.interest > Money::ZERO, "interest to today");
    let purposes = purposes();
    // Someone whose ΑΦΜ it is not cannot open a payment for these debts.
    let ids = vec![tap.id.clone(), water.id.clone()];
    assert!(matches!(
        db.pay_debts(&purposes, CITIZEN_AFM, &ids, &typed, today)
            .await,
        Err(DebtPayError::Payment(_))
    ));
    // Nothing chosen, or a debt of another ΑΦΜ, is refused.
    assert!(matches!(
        db.pay_debts(&purposes, CITIZEN_AFM, &[], &citizen, today)
            .await,
        Err(DebtPayError::Choice)
    ));
    assert!(matches!(
        db.pay_debts(&purposes, "090000045", &ids, &citizen, today)
            .await,
        Err(DebtPayError::NotFound)
    ));
    let payment_id = db
        .pay_debts(&purposes, CITIZEN_AFM, &ids, &citizen, today)
        .await
        .unwrap();
    let payment = db.payment(&payment_id).await.unwrap().unwrap();
    let sum = tap.due.total.checked_add(water.due.total).unwrap();
    assert_eq!(payment.amount(), sum, "the amount of the day, fixed now");
    db.record_payment_report(&purposes, &payment_id, approved(sum))
        .await
        .unwrap();
    let after = db.debt_lines_of(CITIZEN_AFM, today).await.unwrap();
    for reference in ["ΤΑΠ-1", "ΥΔ-3"] {
        let debt = after
            .iter()
            .find(|d| d.reference.as_deref() == Some(reference))
            .unwrap();
        assert_eq!(debt.state, DebtState::Paid, "{reference}");
        assert_eq!(debt.paid_by.as_deref(), Some(payment_id.as_str()));
        assert!(debt.receipt.is_some());
    }
    let open = after
        .iter()
        .find(|d| d.reference.as_deref() == Some("ΚΦ-2"))
        .unwrap();
    assert_eq!(open.state, DebtState::Open);
    // The receipt lists every debt it paid.
    let (receipt, payer) = db.receipt(&purposes, &payment_id).await.unwrap().unwrap();
    assert_eq!(payer.as_deref(), Some(citizen.as_str()));
    for reference in ["ΤΑΠ-1", "ΥΔ-3"] {
        assert!(
            receipt.purpose.el.contains(reference),
            "{}",
            receipt.purpose.el
        );
        assert!(
            receipt.purpose.en.contains(reference),
            "{}",
            receipt.purpose.en
        );
    }
    // The debtor's card has the payment, with its receipt.
    let card = db.debtor_card(CITIZEN_AFM, "", today).await.unwrap();
    assert_eq!(card.name, "Ελένη Κωστάκη");
    assert_eq!(card.payments.len(), 1);
    assert_eq!(card.payments[0].state, PaymentState::Success);
    assert!(card.payments[0].receipt.is_some());
    // Paid debts are not paid again.
    assert!(matches!(
        db.pay_debts(&purposes, CITIZEN_AFM, &ids, &citizen, today)
            .await,
        Err(DebtPayError::NotPayable)
    ));
    // Every change is an event: the import, then the payment.
    let events = db.debt_events(&tap.id).await.unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["imported", "paid"]);
}

/// Two payments of one debt at once (two tabs): one pays it, the other marks nothing and
/// is kept as paid twice for the cashier to refund.
async fn two_payments_of_one_debt_at_once(db: Db) {
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let today = app::backend::today();
    let lines = db.debt_lines_of(CITIZEN_AFM, today).await.unwrap();
    let id = |r: &str| {
        lines
            .iter()
            .find(|d| d.reference.as_deref() == Some(r))
            .unwrap()
            .id
            .clone()
    };
    let purposes = purposes();
    // The first pays ΤΑΠ-1 and ΚΦ-2, the second ΤΑΠ-1 and ΥΔ-3: they share ΤΑΠ-1.
    let first = db
        .pay_debts(
            &purposes,
            CITIZEN_AFM,
            &[id("ΤΑΠ-1"), id("ΚΦ-2")],
            &citizen,
            today,
        )
        .await
        .unwrap();
    let second = db
        .pay_debts(
            &purposes,
            CITIZEN_AFM,
            &[id("ΤΑΠ-1"), id("ΥΔ-3")],
            &citizen,
            today,
        )
        .await
        .unwrap();
    let amount = |p: &str| {
        let db = db.clone();
        let p = p.to_owned();
        async move { db.payment(&p).await.unwrap().unwrap().amount() }
    };
    let (a1, a2) = (amount(&first).await, amount(&second).await);
    let (r1, r2) = tokio::join!(
        db.record_payment_report(&purposes, &first, approved(a1)),
        db.record_payment_report(&purposes, &second, approved(a2)),
    );
    r1.unwrap();
    r2.unwrap();
    let after = db.debt_lines_of(CITIZEN_AFM, today).await.unwrap();
    let paid_by = |r: &str| {
        after
            .iter()
            .find(|d| d.reference.as_deref() == Some(r))
            .unwrap()
            .paid_by
            .clone()
    };
    let winner = paid_by("ΤΑΠ-1").expect("one payment paid the shared debt");
    let (won_other, lost_other) = if winner == first {
        ("ΚΦ-2", "ΥΔ-3")
    } else {
        ("ΥΔ-3", "ΚΦ-2")
    };
    assert_eq!(paid_by(won_other).as_deref(), Some(winner.as_str()));
    assert_eq!(
        paid_by(lost_other),
        None,
        "the losing payment marked nothing"
    );
    let paid: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM debts WHERE state = 'paid'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(paid, 2);
    // Both payments succeeded at the bank: the loser is the cashier's to refund.
    for payment in [&first, &second] {
        let state = db.payment(payment).await.unwrap().unwrap().state();
        assert_eq!(state, PaymentState::Success);
    }
}

/// Staff enter a debt, correct it (an event names what changed), cancel it with a reason;
/// a paid or cancelled debt does not change; debtors are found by ΑΦΜ, by name without
/// accents and by a debt's reference; the monthly table sums what was posted.
async fn staff_keep_the_register(db: Db) {
    let (clerk, _) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let actor = Actor::User(clerk);
    let fields = DebtFields {
        reference: "ΚΧ-2026-9",
        afm: "090000045",
        debtor_name: "Καφέ Πλατεία Ο.Ε.",
        kind: "certified",
        category: "public_space",
        description: "Τραπεζοκαθίσματα 2026",
        principal: "300,00",
        due_date: "2026-03-31",
        certified_on: "2026-04-15",
    };
    let id = db.save_debt(None, fields.clone(), &actor).await.unwrap();
    // The same reference again is refused, with the field named.
    assert!(matches!(
        db.save_debt(None, fields.clone(), &actor).await,
        Err(SaveDebtError::ReferenceTaken)
    ));
    assert!(matches!(
        db.save_debt(
            None,
            DebtFields {
                afm: "123456789",
                reference: "X-1",
                ..fields.clone()
            },
            &actor
        )
        .await,
        Err(SaveDebtError::Field("afm", ProblemReason::Afm))
    ));
    assert!(matches!(
        db.save_debt(
            None,
            DebtFields {
                category: "parking",
                reference: "X-2",
                ..fields.clone()
            },
            &actor
        )
        .await,
        Err(SaveDebtError::Field("category", ProblemReason::Category))
    ));
    let corrected = db
        .save_debt(
            Some(&id),
            DebtFields {
                principal: "320.00",
                ..fields.clone()
            },
            &actor,
        )
        .await
        .unwrap();
    assert_eq!(corrected, id);
    let debt = db
        .staff_debt(&id, app::backend::today())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(debt.debt.due.principal, Money::from_cents(32_000));
    let actions: Vec<(String, Option<String>)> = debt
        .events
        .iter()
        .map(|e| (e.action.clone(), e.detail.clone()))
        .collect();
    assert_eq!(actions[0].0, "created");
    assert_eq!(
        actions[1],
        ("corrected".into(), Some("principal 300.00 → 320.00".into()))
    );

    // Found by ΑΦΜ, by a name typed without accents in lower case, by the reference.
    for typed in ["090000045", "καφε πλατεια", "ΚΧ-2026-9"] {
        let hits = db.search_debtors(typed).await.unwrap();
        assert_eq!(hits.len(), 1, "{typed}");
        assert_eq!(hits[0].open_debts, 1);
        assert_eq!(hits[0].open_principal, Money::from_cents(32_000));
    }
    // Wildcards typed are only themselves.
    assert!(db.search_debtors("%").await.unwrap().is_empty());

    // Posted in April 2026, public-space category.
    let report = db.debt_report(2026).await.unwrap();
    let april = report
        .rows
        .iter()
        .find(|r| r.category.code == "public_space" && r.month == 4)
        .unwrap();
    assert_eq!(april.posted, Money::from_cents(32_000));
    assert_eq!(april.collected, Money::ZERO);

    assert!(db.cancel_debt(&id, "Διπλοεγγραφή", &actor).await.unwrap());
    assert!(!db.cancel_debt(&id, "Ξανά", &actor).await.unwrap(), "once");
    assert!(matches!(
        db.save_debt(Some(&id), fields.clone(), &actor).await,
        Err(SaveDebtError::Closed)
    ));
    let debt = db
        .staff_debt(&id, app::backend::today())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(debt.debt.state, DebtState::Cancelled);
    assert_eq!(debt.debt.cancel_reason.as_deref(), Some("Διπλοεγγραφή"));
    assert_eq!(
        debt.events.last().map(|e| e.action.as_str()),
        Some("cancelled")
    );
    // Cancelled debts are not counted as posted.
    let report = db.debt_report(2026).await.unwrap();
    assert!(report
        .rows
        .iter()
        .all(|r| r.category.code != "public_space"));
}

/// An import bigger than one chunk: every row in, the debtors' records follow the file,
/// the import's record holds the counts, and a second run of the same file changes nothing.
async fn a_large_import_goes_in_whole_by_chunks(db: Db) {
    let mut rows = Vec::new();
    for i in 0..1_234u32 {
        // 7 debts per debtor; a valid ΑΦΜ for each (the check digit is computed).
        let debtor = i / 7;
        let afm = afm_for(100_000 + debtor);
        // Only a debtor's first row has the address: the record keeps it.
        let address = if i % 7 == 0 {
            format!("Οδός {debtor}")
        } else {
            String::new()
        };
        rows.push(format!(
            "R-{i:05},{afm},Οφειλέτης {debtor},certified,tap,ΤΑΠ {i},{}.50,2025-06-30,2025-09-01,{address},d{debtor}@example.gr,",
            10 + i % 90
        ));
    }
    let mut text = String::from("municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on,debtor_address,debtor_email,debtor_phone\n");
    for row in &rows {
        text.push_str(row);
        text.push('\n');
    }
    let report = db.import_debts(&text, &Actor::Cli).await.unwrap();
    assert!(
        report.problems.is_empty(),
        "{:?}",
        &report.problems[..report.problems.len().min(3)]
    );
    assert_eq!(report.added, 1_234);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM debts").await, 1_234);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM debtors").await, 177);
    let record = db.debt_import(&report.id).await.unwrap().unwrap();
    assert_eq!(record.stage, app::views::debts::ImportStage::Done);
    assert_eq!(
        (record.added, record.total_rows, record.percent()),
        (1_234, 1_234, 100)
    );
    let card = db
        .debtor_card(&afm_for(100_003), "", app::backend::today())
        .await
        .unwrap();
    let contact = card.record.unwrap();
    assert_eq!(contact.address.as_deref(), Some("Οδός 3"));
    assert_eq!(card.debts.len(), 7);
    let again = db.import_debts(&text, &Actor::Cli).await.unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 1_234));
}

/// A valid ΑΦΜ from eight digits (the ninth is the check digit).
pub(crate) fn afm_for(n: u32) -> String {
    let digits = format!("{n:08}");
    let sum: u32 = digits
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() << (8 - i))
        .sum();
    format!("{digits}{}", (sum % 11) % 10)
}

/// Over HTTP: "my debts" shows nothing to a user with nothing proved, and another user's
/// business named in the request is "not found"; the form's chosen debts (`debts[]`) reach
/// the payment.
async fn my_debts_over_http(db: Db) {
    let router = common::router(db.clone()).await;
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (_, owner) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let (other_id, other) = user_with_session(&db, "other@example.gr", Role::Citizen).await;
    let business = db
        .create_business(
            &other_id,
            NewBusiness {
                afm: "090000045",
                name: "Άλλη",
                legal_form: "oe",
                activity: "catering",
                vat_period: "monthly",
            },
        )
        .await
        .unwrap()
        .id;
    let reply = post(&router, "/api/my_debts", &[], Some(&other)).await;
    assert!(reply.status.is_success(), "{}", reply.body);
    assert!(!reply.body.contains("ΤΑΠ-1"));
    let reply = post(
        &router,
        "/api/my_debts",
        &[("business_id", &business)],
        Some(&owner),
    )
    .await;
    assert_eq!(app_error(&reply), AppError::NotFound);
    let overlong = "b".repeat(65);
    let reply = post(
        &router,
        "/api/my_debts",
        &[("business_id", &overlong)],
        Some(&owner),
    )
    .await;
    assert_eq!(app_error(&reply), AppError::NotFound);
    let reply = post(&router, "/api/my_debts", &[], Some(&owner)).await;
    assert!(reply.body.contains("ΤΑΠ-1"), "{}", reply.body);
    let view: app::views::debts::MyDebtsView = serde_json::from_str(&reply.body).unwrap();
    let ids: Vec<String> = view.debts.iter().take(2).map(|d| d.id.clone()).collect();
    let reply = post(
        &router,
        "/api/pay_debts",
        &[
            ("debts[]", &ids[0]),
            ("debts[]", &ids[1]),
            ("method", "card"),
        ],
        Some(&owner),
    )
    .await;
    assert!(
        reply.status.as_u16() < 500,
        "{}: {}",
        reply.status,
        reply.body
    );
    let items: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM debt_payment_items")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(items, 2, "both chosen debts are in the payment");
    // No debt ticked: said in words.
    let reply = post(
        &router,
        "/api/pay_debts",
        &[("method", "card")],
        Some(&owner),
    )
    .await;
    assert!(
        matches!(app_error(&reply), AppError::Validation(_)),
        "{}",
        reply.body
    );
}

on_both_engines!(
    proved_debtors_pay_several_debts_at_once,
    two_payments_of_one_debt_at_once,
    staff_keep_the_register,
    a_large_import_goes_in_whole_by_chunks,
    my_debts_over_http,
    the_shipped_sample_imports_cleanly,
    the_register_imports_and_updates_by_reference,
    a_file_without_the_columns_imports_nothing
);
