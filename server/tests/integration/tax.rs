//! Municipal tax on both engines: a declaration and its payment are one act (accepted only
//! with a successful payment, rejected when the payment fails, is cancelled or expires —
//! also under shuffled, duplicated and concurrent reports), a period is declared once (two
//! submissions at once cannot both win), amendments pay only the difference, certified
//! debts are paid with today's interest by their business only, warrants and imports, and
//! the form over HTTP with its errors.

use crate::common;

use app::backend::audit::Actor;
use app::backend::businesses::NewBusiness;
use app::backend::payments::{PaymentError, Purposes, Report};
use app::backend::tax::{today, DeclarationFilter, DeclareError, DeclareOutcome, NewDeclaration};
use app::backend::tax_records::ImportKind;
use app::backend::Db;
use app::domain::account::{Role, VatPeriodType, VerificationStep};
use app::domain::payment::{PaymentEvent, PaymentState};
use app::domain::tax::{compute_tax, TaxPeriod, TaxRules};
use app::domain::Money;
use app::error::AppError;
use common::client::*;
use rust_decimal::Decimal;

fn purposes() -> Purposes {
    // The server's own list (test fees included, as in demonstration mode).
    dimos_server::state::payment_purposes(true)
}

async fn business(db: &Db, user_id: &str, afm: &str, vat_period: &str, verified: bool) -> String {
    let business = db
        .create_business(
            user_id,
            NewBusiness {
                afm,
                name: "Καφέ Δοκιμή",
                legal_form: "oe",
                activity: "catering",
                vat_period,
            },
        )
        .await
        .unwrap();
    if verified {
        for step in [VerificationStep::Request, VerificationStep::Approve] {
            db.step_business_verification(&business.id, step, "", &Actor::Cli)
                .await
                .unwrap();
        }
    }
    business.id
}

fn month(number: u32) -> TaxPeriod {
    TaxPeriod::new(VatPeriodType::Monthly, number, today().year).unwrap()
}

fn declaration<'a>(
    business_id: &'a str,
    user_id: &'a str,
    period: TaxPeriod,
    revenue: &str,
) -> NewDeclaration<'a> {
    NewDeclaration {
        business_id,
        user_id,
        period,
        revenue: Money::parse(revenue).unwrap(),
        vat_filed_on: app::domain::time::civil_from_days(
            app::domain::time::days_from_civil(period.last_day()) + 5,
        ),
        amend: false,
        today: today(),
    }
}

fn report(event: PaymentEvent, amount: Money) -> Report<'static> {
    Report {
        event,
        amount: Some(amount),
        provider_ref: Some("BANK-1"),
        provider_order: None,
        failure_code: None,
        failure_message: None,
        source: "callback",
    }
}

async fn declaration_state(db: &Db, id: &str) -> (String, Option<String>) {
    let d = db.declaration(id).await.unwrap().unwrap();
    (
        d.state.as_str().to_owned(),
        d.rejected_because.map(|r| r.as_str().to_owned()),
    )
}

fn to_pay(outcome: DeclareOutcome) -> (String, String) {
    match outcome {
        DeclareOutcome::ToPay {
            declaration_id,
            payment_id,
        } => (declaration_id, payment_id),
        other => panic!("expected a payment, got {other:?}"),
    }
}

async fn declaration_and_payment_are_one_act(db: Db) {
    let (user, _) = user_with_session(&db, "rep@example.gr", Role::Citizen).await;
    let biz = business(&db, &user, "090000045", "monthly", true).await;
    let purposes = purposes();

    // Approved: accepted, with the server's figure, a receipt, and the period closed.
    let (first, payment) = to_pay(
        db.declare_tax(&purposes, declaration(&biz, &user, month(3), "12.345,67"))
            .await
            .unwrap(),
    );
    assert_eq!(declaration_state(&db, &first).await.0, "awaiting_payment");
    let paid = db.payment(&payment).await.unwrap().unwrap();
    let rules = TaxRules::default_for(Decimal::new(5, 1));
    let expected = compute_tax(
        Money::parse("12345.67").unwrap(),
        Money::ZERO,
        &rules,
        month(3),
        today(),
    );
    assert_eq!(
        paid.amount(),
        expected.total,
        "the payment is the server's figure"
    );
    assert_eq!(expected.tax, Money::parse("61.73").unwrap());
    let state = db
        .record_payment_report(
            &purposes,
            &payment,
            report(PaymentEvent::Approved, paid.amount()),
        )
        .await
        .unwrap();
    assert_eq!(state, PaymentState::Success);
    assert_eq!(declaration_state(&db, &first).await.0, "accepted");
    assert!(
        db.declaration(&first)
            .await
            .unwrap()
            .unwrap()
            .receipt
            .is_some(),
        "receipt issued"
    );
    match db
        .declare_tax(&purposes, declaration(&biz, &user, month(3), "100"))
        .await
    {
        Err(DeclareError::AlreadyAccepted(id)) => assert_eq!(id, first, "names the accepted one"),
        other => panic!("a second declaration of an accepted period: {other:?}"),
    }

    // Declined: rejected, with why; submitted again it can be accepted.
    let (declined, payment) = to_pay(
        db.declare_tax(&purposes, declaration(&biz, &user, month(4), "1000"))
            .await
            .unwrap(),
    );
    let amount = db.payment(&payment).await.unwrap().unwrap().amount();
    db.record_payment_report(&purposes, &payment, report(PaymentEvent::Declined, amount))
        .await
        .unwrap();
    assert_eq!(
        declaration_state(&db, &declined).await,
        ("rejected".into(), Some("failed".into()))
    );
    // A late approval cannot revive it: the payment is final.
    db.record_payment_report(&purposes, &payment, report(PaymentEvent::Approved, amount))
        .await
        .unwrap();
    assert_eq!(declaration_state(&db, &declined).await.0, "rejected");
    let (again, payment) = to_pay(
        db.declare_tax(&purposes, declaration(&biz, &user, month(4), "1000"))
            .await
            .unwrap(),
    );
    assert_ne!(again, declined);
    db.record_payment_report(&purposes, &payment, report(PaymentEvent::Approved, amount))
        .await
        .unwrap();
    assert_eq!(declaration_state(&db, &again).await.0, "accepted");

    // Cancelled and expired reject too.
    for (number, event, why) in [
        (5, PaymentEvent::CancelledByPayer, "cancelled"),
        (6, PaymentEvent::TimedOut, "expired"),
    ] {
        let (id, payment) = to_pay(
            db.declare_tax(&purposes, declaration(&biz, &user, month(number), "500"))
                .await
                .unwrap(),
        );
        let amount = db.payment(&payment).await.unwrap().unwrap().amount();
        db.record_payment_report(&purposes, &payment, report(event, amount))
            .await
            .unwrap();
        assert_eq!(
            declaration_state(&db, &id).await,
            ("rejected".into(), Some(why.into()))
        );
    }

    // While one is being paid, the period cannot be declared again: it names the open one.
    let (open, _) = to_pay(
        db.declare_tax(&purposes, declaration(&biz, &user, month(7), "500"))
            .await
            .unwrap(),
    );
    match db
        .declare_tax(&purposes, declaration(&biz, &user, month(7), "600"))
        .await
    {
        Err(DeclareError::AwaitingPayment(id)) => assert_eq!(id, open),
        other => panic!("{other:?}"),
    }

    // An amendment pays only the difference (and its own late fine).
    let mut amend = declaration(&biz, &user, month(3), "20.000,00");
    amend.amend = true;
    let (amended, payment) = to_pay(db.declare_tax(&purposes, amend).await.unwrap());
    let expected = compute_tax(
        Money::parse("20000").unwrap(),
        Money::parse("61.73").unwrap(),
        &rules,
        month(3),
        today(),
    );
    assert_eq!(expected.tax_due, Money::parse("38.27").unwrap());
    let amount = db.payment(&payment).await.unwrap().unwrap().amount();
    assert_eq!(amount, expected.total);
    db.record_payment_report(&purposes, &payment, report(PaymentEvent::Approved, amount))
        .await
        .unwrap();
    let row = db.declaration(&amended).await.unwrap().unwrap();
    assert_eq!(
        (
            row.state.as_str(),
            row.revision,
            row.already_assessed.cents()
        ),
        ("accepted", 1, 6173)
    );
    let mut lower = declaration(&biz, &user, month(3), "19000");
    lower.amend = true;
    assert!(matches!(
        db.declare_tax(&purposes, lower).await,
        Err(DeclareError::AmendmentNotHigher)
    ));
    let mut nothing = declaration(&biz, &user, month(8), "19000");
    nothing.amend = true;
    assert!(matches!(
        db.declare_tax(&purposes, nothing).await,
        Err(DeclareError::NothingToAmend)
    ));

    // No revenue, nothing to pay: accepted at once, with no payment.
    match db
        .declare_tax(&purposes, declaration(&biz, &user, month(9), "0"))
        .await
        .unwrap()
    {
        DeclareOutcome::Accepted { declaration_id } => {
            let row = db.declaration(&declaration_id).await.unwrap().unwrap();
            assert_eq!(
                (row.state.as_str(), row.total.cents(), row.payment_id),
                ("accepted", 0, None)
            );
        }
        other => panic!("{other:?}"),
    }

    // An unverified business, or someone else's, cannot declare.
    let (stranger, _) = user_with_session(&db, "stranger@example.gr", Role::Citizen).await;
    assert!(matches!(
        db.declare_tax(&purposes, declaration(&biz, &stranger, month(10), "1"))
            .await,
        Err(DeclareError::NotAllowed)
    ));
    let unverified = business(&db, &stranger, "123456783", "monthly", false).await;
    assert!(matches!(
        db.declare_tax(
            &purposes,
            declaration(&unverified, &stranger, month(10), "1")
        )
        .await,
        Err(DeclareError::NotAllowed)
    ));
    // Nor pay another business's declaration.
    assert!(matches!(
        db.create_payment(
            &purposes,
            app::domain::payment::PurposeKind::Tax,
            &open,
            Some(&stranger)
        )
        .await,
        Err(PaymentError::NotFound)
    ));

    let history = db.declarations_of(&biz).await.unwrap();
    assert_eq!(
        history.len(),
        8,
        "every declaration is kept, rejected ones too"
    );
    let late_only = db
        .search_declarations(
            &DeclarationFilter {
                late: Some(true),
                ..Default::default()
            },
            100,
        )
        .await
        .unwrap();
    assert!(late_only.iter().all(|d| d.late_months > 0) && !late_only.is_empty());
    let rejected = db
        .search_declarations(
            &DeclarationFilter {
                state: Some(app::domain::tax::DeclarationState::Rejected),
                business: Some("δοκιμή".into()),
                ..Default::default()
            },
            100,
        )
        .await
        .unwrap();
    assert_eq!(rejected.len(), 3);
    let march = db
        .search_declarations(
            &DeclarationFilter {
                year: Some(today().year),
                period_number: Some(3),
                business: Some("090000".into()),
                ..Default::default()
            },
            100,
        )
        .await
        .unwrap();
    assert_eq!(march.len(), 2, "the declaration and its amendment");
}

/// Many declarations with their reports delivered in any order, twice, concurrently; then
/// the clean-up expires what is left. Every declaration ends accepted exactly when its
/// payment succeeded, and rejected otherwise.
/// 40 declarations awaiting payment. 32 get 5 bank reports each (160: duplicated,
/// contradictory, shuffled, from 4 concurrent senders); the other 8 are never reported and
/// are left to the clean-up job, whose status query finds 4 paid (callback lost) and 4 that
/// never happened. Each declaration has its expected end, and every answer is checked.
async fn one_act_rule_under_faults(db: Db) {
    let (user, _) = user_with_session(&db, "rep@example.gr", Role::Citizen).await;
    let purposes = purposes();
    let mut businesses = Vec::new();
    for afm in ["090000045", "123456783", "123456795", "094019245"] {
        businesses.push(business(&db, &user, afm, "monthly", true).await);
    }
    let mut payments = Vec::new();
    for (i, biz) in businesses.iter().enumerate() {
        for number in 1..=10u32 {
            let revenue = format!("{}", 1000 + i * 100 + number as usize);
            let (_, payment) = to_pay(
                db.declare_tax(&purposes, declaration(biz, &user, month(number), &revenue))
                    .await
                    .unwrap(),
            );
            let amount = db.payment(&payment).await.unwrap().unwrap().amount();
            payments.push((payment, amount));
        }
    }
    let events = [
        PaymentEvent::Approved,
        PaymentEvent::Declined,
        PaymentEvent::CancelledByPayer,
        PaymentEvent::ProviderError,
    ];
    let final_state = |event: PaymentEvent| match PaymentState::Created.apply(event) {
        Ok(app::domain::payment::Transition::To(state)) => state,
        other => panic!("{event:?} from created: {other:?}"),
    };
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut shuffle = |items: &mut Vec<PaymentEvent>| {
        for i in (1..items.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            items.swap(i, (seed % (i as u64 + 1)) as usize);
        }
    };
    // What the bank says of each payment, in the order it arrives; a payment's reports
    // go through one sender (a bank retries in order), payments interleave across senders.
    let mut senders: Vec<Vec<(String, Money, PaymentEvent)>> = vec![Vec::new(); 4];
    let mut expected = std::collections::HashMap::new();
    let mut bank_knows = std::collections::HashMap::new();
    for (i, (payment, amount)) in payments.iter().enumerate() {
        if i % 5 == 4 {
            // Never reported: the clean-up asks the bank.
            let paid = i % 10 == 4;
            let report = paid.then(|| app::backend::gateway::BankReport {
                payment_id: payment.clone(),
                event: PaymentEvent::Approved,
                amount: *amount,
                provider_ref: Some("BANK-LATE".into()),
                provider_order: None,
                failure_code: None,
                failure_message: None,
            });
            bank_knows.insert(payment.clone(), report);
            let end = if paid {
                PaymentState::Success
            } else {
                PaymentState::Expired
            };
            expected.insert(payment.clone(), end);
            continue;
        }
        let first = events[i % events.len()];
        let second = events[(i / 3) % events.len()];
        let mut reports = vec![first, first, second, first, second];
        shuffle(&mut reports);
        // The first final report decides; later ones change nothing.
        expected.insert(payment.clone(), final_state(reports[0]));
        for event in reports {
            senders[i % 4].push((payment.clone(), *amount, event));
        }
    }
    let delivered: usize = senders.iter().map(Vec::len).sum();
    assert_eq!(delivered, 160, "reports the bank sends");
    let tasks: Vec<_> = senders
        .into_iter()
        .map(|reports| {
            let (db, purposes, expected) = (db.clone(), purposes.clone(), expected.clone());
            tokio::spawn(async move {
                for (payment, amount, event) in reports {
                    let answer = loop {
                        match db
                            .record_payment_report(&purposes, &payment, report(event, amount))
                            .await
                        {
                            Ok(state) => break state,
                            // SQLite may report a busy database under this load: the bank retries.
                            Err(PaymentError::Db(_)) => {
                                tokio::time::sleep(std::time::Duration::from_millis(5)).await
                            }
                            Err(other) => panic!("{other}"),
                        }
                    };
                    // Every answer is the payment's state after the first final report.
                    assert_eq!(answer, expected[&payment], "answer to {event:?}");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let open: Vec<&String> = payments
        .iter()
        .map(|(payment, _)| payment)
        .filter(|payment| bank_knows.contains_key(*payment))
        .collect();
    for payment in &open {
        assert_eq!(
            db.payment(payment).await.unwrap().unwrap().state(),
            PaymentState::Created,
            "unreported payments wait for the clean-up"
        );
    }
    // The clean-up job, as the server runs it, once they are past their expiry.
    let bank = common::FakeBank(bank_knows);
    let later = app::backend::now_ms() + 91 * 60_000;
    let settled = db
        .settle_stale_payments(&purposes, &bank, 90 * 60_000, later)
        .await
        .unwrap();
    assert_eq!(settled, 8, "the clean-up settles the 8 unreported payments");

    let (mut accepted, mut rejected) = (0, 0);
    for (payment, _) in &payments {
        let p = db.payment(payment).await.unwrap().unwrap();
        let d = db.declaration(&p.purpose_id).await.unwrap().unwrap();
        assert_eq!(p.state(), expected[payment], "payment {payment}");
        if expected[payment] == PaymentState::Success {
            assert_eq!(d.state.as_str(), "accepted", "paid ⇒ accepted");
            assert!(d.receipt.is_some(), "and receipted");
            accepted += 1;
        } else {
            assert_eq!(d.state.as_str(), "rejected", "not paid ⇒ rejected");
            assert_eq!(d.rejected_because, Some(expected[payment]), "and says why");
            assert!(d.receipt.is_none());
            rejected += 1;
        }
    }
    let expected_accepted = expected
        .values()
        .filter(|s| **s == PaymentState::Success)
        .count();
    assert_eq!(
        (accepted, rejected),
        (expected_accepted, 40 - expected_accepted)
    );
    assert!(
        accepted >= 8 && rejected >= 8,
        "both ends are exercised: {accepted} accepted, {rejected} rejected"
    );
    let awaiting: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM tax_declarations WHERE state = 'awaiting_payment'",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(awaiting, 0);
    let (paid_tax, receipts): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM payments WHERE purpose_kind = 'tax' AND state = 'success'), \
         (SELECT COUNT(*) FROM receipts)",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(
        (paid_tax, receipts),
        (expected_accepted as i64, expected_accepted as i64),
        "one receipt per success, never a success without an accepted declaration"
    );
}

async fn two_submissions_of_one_period_at_once(db: Db) {
    let (user, _) = user_with_session(&db, "rep@example.gr", Role::Citizen).await;
    let biz = business(&db, &user, "090000045", "quarterly", true).await;
    let purposes = purposes();
    let period = TaxPeriod::new(VatPeriodType::Quarterly, 2, today().year).unwrap();
    let attempts: Vec<_> = (0..6)
        .map(|i| {
            let (db, purposes, biz, user) =
                (db.clone(), purposes.clone(), biz.clone(), user.clone());
            tokio::spawn(async move {
                let revenue = format!("{}", 5000 + i);
                db.declare_tax(&purposes, declaration(&biz, &user, period, &revenue))
                    .await
            })
        })
        .collect();
    let (mut won, mut refused) = (0, 0);
    for attempt in attempts {
        match attempt.await.unwrap() {
            Ok(DeclareOutcome::ToPay { .. }) => won += 1,
            Err(DeclareError::AwaitingPayment(_) | DeclareError::AlreadyAccepted(_)) => {
                refused += 1
            }
            // SQLite: a writer that found the database locked gives up; the user is told
            // to try again, and nothing is saved.
            Err(DeclareError::Db(_)) => refused += 1,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!((won, refused), (1, 5));
    let live: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM tax_declarations WHERE state <> 'rejected'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    let payments: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE purpose_kind = 'tax'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!((live, payments), (1, 1), "one declaration, one payment");
}

async fn warrants_are_listed_and_marked_paid(db: Db) {
    let (cashier, _) = user_with_session(&db, "cashier@example.gr", Role::Cashier).await;
    let csv = "afm,warrant_number,warrant_date,description,amount_eur,state,paid_on
090000045,W-1,2026-09-14,Catering,620.00,warranted,
090000045,W-2,2026-05-20,Coffee,148.80,paid,2026-06-18
090000045,W-3,2026-05-20,Bad state,1,lost,
";
    let actor = Actor::User(cashier);
    let report_ = db
        .import_tax_csv(ImportKind::Warrants, csv, "w.csv", &actor)
        .await
        .unwrap();
    assert_eq!(report_.imported, 2);
    assert_eq!(report_.problems[0].reason.as_str(), "state");
    let warrants = db.warrants_of("090000045").await.unwrap();
    assert_eq!(
        warrants
            .iter()
            .map(|w| (w.warrant_number.as_str(), w.state.as_str()))
            .collect::<Vec<_>>(),
        vec![("W-1", "warranted"), ("W-2", "paid")]
    );
    assert!(db
        .mark_warrant_paid(&warrants[0].id, today(), &actor)
        .await
        .unwrap());
    assert!(
        !db.mark_warrant_paid(&warrants[0].id, today(), &actor)
            .await
            .unwrap(),
        "once"
    );
    assert!(db
        .warrants_of("090000045")
        .await
        .unwrap()
        .iter()
        .all(|w| w.state.as_str() == "paid"));
}

/// The form over HTTP: verification first, errors per field in words, the period
/// accepted once, and the payment started at the bank.
async fn the_declaration_form_over_http(db: Db) {
    let router = common::router(db.clone()).await;
    let (user, cookie) = user_with_session(&db, "rep@example.gr", Role::Citizen).await;
    let unverified = business(&db, &user, "123456783", "monthly", false).await;
    let verified = business(&db, &user, "090000045", "monthly", true).await;
    let year = today().year.to_string();
    let post_form = |biz: String, period: String, revenue: String, filed: String| {
        let (router, cookie, year) = (router.clone(), cookie.clone(), year.clone());
        async move {
            post(
                &router,
                "/api/declare_tax",
                &[
                    ("business_id", &biz),
                    ("period", &period),
                    ("year", &year),
                    ("revenue", &revenue),
                    ("vat_filed_on", &filed),
                ],
                Some(&cookie),
            )
            .await
        }
    };
    let refused = post_form(
        unverified.clone(),
        "1".into(),
        "100".into(),
        format!("{year}-02-10"),
    )
    .await;
    assert!(
        matches!(app_error(&refused), AppError::Conflict(_)),
        "{}",
        refused.body
    );

    let bad = post_form(
        verified.clone(),
        "12".into(),
        "12,345.678".into(),
        format!("{year}-01-10"),
    )
    .await;
    let AppError::Validation(errors) = app_error(&bad) else {
        panic!("{}", bad.body)
    };
    assert!(
        errors.error_for("period").is_some(),
        "December has not ended"
    );
    assert!(errors.error_for("revenue").is_some(), "three decimals");
    assert_eq!(
        errors.value_of("revenue").as_deref(),
        Some("12,345.678"),
        "the typed value is kept"
    );
    let early = post_form(
        verified.clone(),
        "2".into(),
        "100".into(),
        format!("{year}-02-10"),
    )
    .await;
    let AppError::Validation(errors) = app_error(&early) else {
        panic!("{}", early.body)
    };
    assert!(
        errors.error_for("vat_filed_on").is_some(),
        "filed before February ended"
    );

    let good = post_form(
        verified.clone(),
        "2".into(),
        "12.345,67".into(),
        format!("{year}-03-10"),
    )
    .await;
    assert!(
        good.status.is_success() || good.status.is_redirection(),
        "{} {}",
        good.status,
        good.body
    );
    let row: (String, String, i64) = sqlx::query_as(
        "SELECT d.state, p.state, p.amount_cents FROM tax_declarations d JOIN payments p ON p.id = d.payment_id",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    let expected = compute_tax(
        Money::parse("12345.67").unwrap(),
        Money::ZERO,
        &TaxRules::default_for(Decimal::new(5, 1)),
        month(2),
        today(),
    );
    assert_eq!(
        row,
        (
            "awaiting_payment".into(),
            "started".into(),
            expected.total.cents()
        ),
        "sent to the bank"
    );

    // The same period again goes to the open declaration, not to a second payment.
    let again = post_form(
        verified.clone(),
        "2".into(),
        "1".into(),
        format!("{year}-03-10"),
    )
    .await;
    assert!(
        again.status.is_success() || again.status.is_redirection(),
        "{}",
        again.body
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tax_declarations")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(count, 1);

    // Someone else's business and declaration are "not found".
    let (_, other) = user_with_session(&db, "other@example.gr", Role::Citizen).await;
    let theirs = post(
        &router,
        "/api/declare_tax",
        &[
            ("business_id", &verified),
            ("period", "3"),
            ("year", &year),
            ("revenue", "1"),
            ("vat_filed_on", &format!("{year}-04-10")),
        ],
        Some(&other),
    )
    .await;
    assert_eq!(app_error(&theirs), AppError::NotFound);
    let id: String = sqlx::query_scalar("SELECT id FROM tax_declarations")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let view = post(
        &router,
        "/api/tax_declaration",
        &[("id", &id)],
        Some(&other),
    )
    .await;
    assert_eq!(app_error(&view), AppError::NotFound);
    let mine = post(
        &router,
        "/api/tax_declaration",
        &[("id", &id)],
        Some(&cookie),
    )
    .await;
    assert!(mine.status.is_success(), "{}", mine.body);

    // The staff's CSV export carries it.
    let (_, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let csv = get(
        &router,
        &format!("/staff/tax/declarations.csv?year={year}&state=awaiting_payment"),
        Some(&clerk),
    )
    .await;
    assert!(csv.status.is_success(), "{}", csv.status);
    assert!(
        csv.body.contains("090000045") && csv.body.contains("awaiting_payment"),
        "{}",
        csv.body
    );
    let citizen_csv = get(&router, "/staff/tax/declarations.csv", Some(&cookie)).await;
    assert_eq!(citizen_csv.status, axum::http::StatusCode::FORBIDDEN);
}

async fn rates_are_versioned_by_date(db: Db) {
    let (admin, _) = user_with_session(&db, "admin@example.gr", Role::Admin).await;
    let (user, _) = user_with_session(&db, "rep@example.gr", Role::Citizen).await;
    let biz = business(&db, &user, "090000045", "monthly", true).await;
    let actor = Actor::User(admin);
    let year = today().year;
    // From March on, catering pays 1 % (for the test); January keeps 0.5 %.
    let from = app::domain::time::Date {
        year,
        month: 3,
        day: 1,
    };
    assert!(db
        .add_tax_rate("catering", from, Decimal::new(1, 0), &actor)
        .await
        .unwrap());
    assert!(
        !db.add_tax_rate("catering", from, Decimal::new(2, 0), &actor)
            .await
            .unwrap(),
        "one version a day"
    );
    let purposes = purposes();
    let (_, january) = to_pay(
        db.declare_tax(&purposes, declaration(&biz, &user, month(1), "1000"))
            .await
            .unwrap(),
    );
    let (_, march) = to_pay(
        db.declare_tax(&purposes, declaration(&biz, &user, month(3), "1000"))
            .await
            .unwrap(),
    );
    let january = db.payment(&january).await.unwrap().unwrap();
    let march = db.payment(&march).await.unwrap().unwrap();
    let rules = |rate| TaxRules::default_for(rate);
    assert_eq!(
        january.amount(),
        compute_tax(
            Money::parse("1000").unwrap(),
            Money::ZERO,
            &rules(Decimal::new(5, 1)),
            month(1),
            today()
        )
        .total
    );
    assert_eq!(
        march.amount(),
        compute_tax(
            Money::parse("1000").unwrap(),
            Money::ZERO,
            &rules(Decimal::new(1, 0)),
            month(3),
            today()
        )
        .total
    );
    // No late fine from a settings version without one.
    let settings_from = app::domain::time::Date {
        year: year - 1,
        month: 1,
        day: 1,
    };
    assert!(db
        .add_tax_settings(
            settings_from,
            Decimal::ZERO,
            Decimal::ONE_HUNDRED,
            Decimal::new(73, 2),
            &actor
        )
        .await
        .unwrap());
    let (id, _) = to_pay(
        db.declare_tax(&purposes, declaration(&biz, &user, month(5), "1000"))
            .await
            .unwrap(),
    );
    assert_eq!(db.declaration(&id).await.unwrap().unwrap().fine.cents(), 0);
    let table = db.tax_rate_table().await.unwrap();
    assert_eq!(
        table
            .rates
            .iter()
            .filter(|r| r.category == "catering")
            .count(),
        2
    );
}

/// Categories are data: the admin adds one with its rate, and businesses register under it.
async fn the_admin_adds_a_category_businesses_can_choose(db: Db) {
    let router = common::router(db.clone()).await;
    let (_, admin) = user_with_session(&db, "admin@example.gr", Role::Admin).await;
    let (_, citizen) = user_with_session(&db, "rep@example.gr", Role::Citizen).await;
    let bad = post(
        &router,
        "/api/add_tax_category",
        &[
            ("code", "Καντίνα"),
            ("name_el", ""),
            ("name_en", "Canteen"),
            ("category_rate", "0,5"),
        ],
        Some(&admin),
    )
    .await;
    let AppError::Validation(errors) = app_error(&bad) else {
        panic!("{}", bad.body)
    };
    assert!(errors.error_for("code").is_some() && errors.error_for("name_el").is_some());
    let good = post(
        &router,
        "/api/add_tax_category",
        &[
            ("code", "canteen"),
            ("name_el", "Καντίνα"),
            ("name_en", "Canteen"),
            ("category_rate", "0,8"),
        ],
        Some(&admin),
    )
    .await;
    assert!(
        good.status.is_success() || good.status.is_redirection(),
        "{}",
        good.body
    );
    let again = post(
        &router,
        "/api/add_tax_category",
        &[
            ("code", "canteen"),
            ("name_el", "Κ"),
            ("name_en", "C"),
            ("category_rate", "1"),
        ],
        Some(&admin),
    )
    .await;
    assert!(
        matches!(app_error(&again), AppError::Validation(_)),
        "a code is added once"
    );
    let register = |activity: &'static str, afm: &'static str| {
        let (router, citizen) = (router.clone(), citizen.clone());
        async move {
            post(
                &router,
                "/api/register_business",
                &[
                    ("afm", afm),
                    ("name", "Καντίνα Παραλίας"),
                    ("legal_form", "sole"),
                    ("activity", activity),
                    ("vat_period", "monthly"),
                ],
                Some(&citizen),
            )
            .await
        }
    };
    let unknown = register("casino", "090000045").await;
    let AppError::Validation(errors) = app_error(&unknown) else {
        panic!("{}", unknown.body)
    };
    assert!(errors.error_for("activity").is_some());
    let ok = register("canteen", "090000045").await;
    assert!(
        ok.status.is_success() || ok.status.is_redirection(),
        "{}",
        ok.body
    );
    let rules = db
        .tax_rules_for(
            "canteen",
            app::domain::time::Date {
                year: 2026,
                month: 1,
                day: 31,
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rules.rules.rate_percent, Decimal::new(8, 1));
}

on_both_engines!(
    the_admin_adds_a_category_businesses_can_choose,
    declaration_and_payment_are_one_act,
    one_act_rule_under_faults,
    two_submissions_of_one_period_at_once,
    warrants_are_listed_and_marked_paid,
    the_declaration_form_over_http,
    rates_are_versioned_by_date
);
