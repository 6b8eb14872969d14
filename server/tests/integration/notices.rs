//! Notices with an RF on both engines: debts grouped into a notice at the amounts of the
//! day, an older notice of one of them replaced and its RF refused, the notice paid by card
//! (every debt paid, the receipt lists each and the RF), refused once paid or past its
//! date, two notices for one debt at once, fees issued as a debt and a notice, and who may
//! see a notice and its PDF.

use crate::common;
use crate::debts::{approved, citizen_debts, purposes, verified_citizen, CITIZEN_AFM};
use app::backend::audit::Actor;
use app::backend::fees::NewFeeVersion;
use app::backend::notices::{NoticeError, NoticeRequest, NoticeSettings};
use app::backend::payments::{Payer, PaymentError};
use app::backend::Db;
use app::domain::account::Role;
use app::domain::debt::DebtState;
use app::domain::import::ProblemReason;
use app::domain::notice::{NoticeKind, NoticeShown, NoticeSource};
use app::domain::payment::PurposeKind;
use app::domain::time::Date;
use app::domain::{Money, RfReference};
use app::error::AppError;
use common::client::*;

fn settings() -> NoticeSettings {
    NoticeSettings::demo("Δήμος Επίδειξης")
}

pub(crate) fn request(afm: &str, on: Date) -> NoticeRequest<'_> {
    NoticeRequest {
        afm,
        source: NoticeSource::Debtor,
        actor: "user:test",
        on,
    }
}

/// The ids of the citizen's debts by reference.
async fn debt_ids(db: &Db) -> impl Fn(&str) -> String {
    let lines = db
        .debt_lines_of(CITIZEN_AFM, app::backend::today())
        .await
        .unwrap();
    move |reference: &str| {
        lines
            .iter()
            .find(|d| d.reference.as_deref() == Some(reference))
            .unwrap()
            .id
            .clone()
    }
}

async fn notice_of_debt(db: &Db, debt_id: &str) -> Option<String> {
    sqlx::query_scalar("SELECT notice_id FROM debts WHERE id = $1")
        .bind(debt_id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn grouped_debts_make_a_notice_that_replaces_older_ones(db: Db) {
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let (stranger, _) = user_with_session(&db, "stranger@example.gr", Role::Citizen).await;
    let id = debt_ids(&db).await;
    let today = app::backend::today();
    let settings = settings();
    let purposes = purposes();

    // Nothing chosen, another ΑΦΜ's debt: refused.
    assert!(matches!(
        db.create_notice(&settings, request(CITIZEN_AFM, today), &[])
            .await,
        Err(NoticeError::Choice)
    ));
    assert!(matches!(
        db.create_notice(&settings, request("090000045", today), &[id("ΤΑΠ-1")])
            .await,
        Err(NoticeError::NotFound)
    ));

    let first = db
        .create_notice(&settings, request(CITIZEN_AFM, today), &[id("ΤΑΠ-1")])
        .await
        .unwrap();
    let second = db
        .create_notice(
            &settings,
            request(CITIZEN_AFM, today),
            &[id("ΤΑΠ-1"), id("ΥΔ-3")],
        )
        .await
        .unwrap();
    assert_eq!(
        notice_of_debt(&db, &id("ΤΑΠ-1")).await.as_deref(),
        Some(second.as_str())
    );

    // The older notice is replaced: shown so, with no code to pay it, and its RF refused.
    let old = db
        .notice_doc(&settings, &first, today)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(old.row.shown, NoticeShown::Replaced);
    assert!(old.qr.is_none());
    assert!(matches!(
        db.create_payment_for(
            &purposes,
            PurposeKind::Notice,
            &first,
            Payer::Account(&citizen)
        )
        .await,
        Err(PaymentError::NothingToPay)
    ));

    // The new one: both debts at what they owe today, its RF valid and naming it.
    let doc = db
        .notice_doc(&settings, &second, today)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(doc.row.shown, NoticeShown::Open);
    assert_eq!(doc.row.kind, NoticeKind::Debts);
    assert!(doc.qr.is_some());
    let lines = db.debt_lines_of(CITIZEN_AFM, today).await.unwrap();
    let owed = |r: &str| {
        lines
            .iter()
            .find(|d| d.reference.as_deref() == Some(r))
            .unwrap()
            .due
            .total
    };
    let total = owed("ΤΑΠ-1").checked_add(owed("ΥΔ-3")).unwrap();
    assert_eq!(doc.row.amount, total);
    assert_eq!(doc.lines.len(), 2);
    let rf = RfReference::parse(&doc.row.rf).expect("a valid RF");
    assert_eq!(
        settings.layout.notice_of(&rf),
        Some((NoticeKind::Debts, doc.row.number.unwrap() as u64))
    );
    assert_eq!(doc.payee.iban, "GR16 0110 1250 0000 0001 2300 695");

    // Someone to whom the ΑΦΜ is not proved cannot pay it.
    assert!(matches!(
        db.create_payment_for(
            &purposes,
            PurposeKind::Notice,
            &second,
            Payer::Account(&stranger)
        )
        .await,
        Err(PaymentError::NotFound)
    ));
    let payment = db
        .create_payment_for(
            &purposes,
            PurposeKind::Notice,
            &second,
            Payer::Account(&citizen),
        )
        .await
        .unwrap();
    assert_eq!(payment.amount(), total, "the notice's whole amount");
    db.record_payment_report(&purposes, &payment.id, approved(total))
        .await
        .unwrap();
    let after = db.debt_lines_of(CITIZEN_AFM, today).await.unwrap();
    for reference in ["ΤΑΠ-1", "ΥΔ-3"] {
        let debt = after
            .iter()
            .find(|d| d.reference.as_deref() == Some(reference))
            .unwrap();
        assert_eq!(debt.state, DebtState::Paid, "{reference}");
        assert_eq!(debt.paid_by.as_deref(), Some(payment.id.as_str()));
    }
    let paid = db
        .notice_doc(&settings, &second, today)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(paid.row.shown, NoticeShown::Paid);
    assert!(paid.row.receipt.is_some());
    // The receipt names the RF and every debt.
    let (receipt, _) = db.receipt(&purposes, &payment.id).await.unwrap().unwrap();
    for text in [doc.row.rf.as_str(), "ΤΑΠ-1", "ΥΔ-3"] {
        assert!(receipt.purpose.el.contains(text), "{}", receipt.purpose.el);
        assert!(receipt.purpose.en.contains(text), "{}", receipt.purpose.en);
    }
    // A paid notice's RF is refused, and its debts go on no new notice.
    assert!(matches!(
        db.create_payment_for(
            &purposes,
            PurposeKind::Notice,
            &second,
            Payer::Account(&citizen)
        )
        .await,
        Err(PaymentError::NothingToPay)
    ));
    assert!(matches!(
        db.create_notice(&settings, request(CITIZEN_AFM, today), &[id("ΤΑΠ-1")])
            .await,
        Err(NoticeError::NotPayable)
    ));
    // The debtor's card has the notice's payment.
    let card = db.debtor_card(CITIZEN_AFM, "", today).await.unwrap();
    assert_eq!(card.payments.len(), 1);

    // Past its date a notice is expired: no code, its RF refused.
    let late = db
        .create_notice(&settings, request(CITIZEN_AFM, today), &[id("ΚΦ-2")])
        .await
        .unwrap();
    sqlx::query("UPDATE notices SET pay_by = '2000-01-01' WHERE id = $1")
        .bind(&late)
        .execute(db.pool())
        .await
        .unwrap();
    let doc = db
        .notice_doc(&settings, &late, today)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(doc.row.shown, NoticeShown::Expired);
    assert!(doc.qr.is_none());
    assert!(matches!(
        db.create_payment_for(
            &purposes,
            PurposeKind::Notice,
            &late,
            Payer::Account(&citizen)
        )
        .await,
        Err(PaymentError::NothingToPay)
    ));
    // Every notice of the ΑΦΜ, newest first.
    let all = db.notices_of(CITIZEN_AFM, today).await.unwrap();
    let shown: Vec<NoticeShown> = all.iter().map(|n| n.shown).collect();
    assert_eq!(
        shown,
        vec![
            NoticeShown::Expired,
            NoticeShown::Paid,
            NoticeShown::Replaced
        ]
    );
    // Each put on a notice is an event of the debt.
    let events = db.debt_events(&id("ΤΑΠ-1")).await.unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["imported", "on_notice", "on_notice", "paid"]);
}

/// A debt on a live notice that is paid otherwise, cancelled or corrected withdraws the
/// notice: its amount no longer stands, so its RF takes no payment.
async fn a_notice_whose_debt_changes_is_withdrawn(db: Db) {
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let id = debt_ids(&db).await;
    let today = app::backend::today();
    let settings = settings();
    let purposes = purposes();
    let shown = |notice: String| {
        let (db, settings) = (db.clone(), settings.clone());
        async move {
            db.notice_doc(&settings, &notice, today)
                .await
                .unwrap()
                .unwrap()
                .row
                .shown
        }
    };
    // Paid on its own, by a payment of debts.
    let notice = db
        .create_notice(
            &settings,
            request(CITIZEN_AFM, today),
            &[id("ΤΑΠ-1"), id("ΚΦ-2")],
        )
        .await
        .unwrap();
    let payment = db
        .pay_debts(&purposes, CITIZEN_AFM, &[id("ΤΑΠ-1")], &citizen, today)
        .await
        .unwrap();
    let amount = db.payment(&payment).await.unwrap().unwrap().amount();
    db.record_payment_report(&purposes, &payment, approved(amount))
        .await
        .unwrap();
    assert_eq!(shown(notice.clone()).await, NoticeShown::Cancelled);
    assert!(matches!(
        db.create_payment_for(
            &purposes,
            PurposeKind::Notice,
            &notice,
            Payer::Account(&citizen)
        )
        .await,
        Err(PaymentError::NothingToPay)
    ));
    // Cancelled by staff.
    let notice = db
        .create_notice(&settings, request(CITIZEN_AFM, today), &[id("ΚΦ-2")])
        .await
        .unwrap();
    assert!(db
        .cancel_debt(&id("ΚΦ-2"), "λάθος", &Actor::Cli)
        .await
        .unwrap());
    assert_eq!(shown(notice).await, NoticeShown::Cancelled);
    // Corrected by the next export.
    let notice = db
        .create_notice(&settings, request(CITIZEN_AFM, today), &[id("ΥΔ-3")])
        .await
        .unwrap();
    let corrected = citizen_debts().replace("Ύδρευση 2025,20.00", "Ύδρευση 2025,25.00");
    db.import_debts(&corrected, &Actor::Cli).await.unwrap();
    assert_eq!(shown(notice).await, NoticeShown::Cancelled);
}

/// Two notices for one debt at once (two tabs, or the debtor and a clerk): the debt ends on
/// exactly one live notice, and a notice that lost it is not left open.
async fn two_notices_for_one_debt_at_once(db: Db) {
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let id = debt_ids(&db).await;
    let today = app::backend::today();
    let settings = settings();
    let (tap, water) = (id("ΤΑΠ-1"), id("ΥΔ-3"));
    let first_choice = [tap.clone()];
    let second_choice = [tap.clone(), water.clone()];
    let (a, b) = tokio::join!(
        db.create_notice(&settings, request(CITIZEN_AFM, today), &first_choice),
        db.create_notice(&settings, request(CITIZEN_AFM, today), &second_choice),
    );
    let made: Vec<String> = [a, b]
        .into_iter()
        .filter_map(|r| match r {
            Ok(id) => Some(id),
            Err(NoticeError::Conflict) => None,
            Err(other) => panic!("{other:?}"),
        })
        .collect();
    assert!(!made.is_empty(), "one of the two is made");
    let open: Vec<String> = sqlx::query_scalar(
        "SELECT n.id FROM notices n JOIN notice_items i ON i.notice_id = n.id \
         WHERE i.debt_id = $1 AND n.state = 'open'",
    )
    .bind(&tap)
    .fetch_all(db.pool())
    .await
    .unwrap();
    assert_eq!(open.len(), 1, "exactly one live notice holds the debt");
    assert_eq!(notice_of_debt(&db, &tap).await, Some(open[0].clone()));
}

async fn fees_are_issued_as_a_debt_and_a_notice(db: Db) {
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let today = app::backend::today();
    let settings = settings();
    let offers = db.fee_offers(today).await.unwrap();
    let certificate = offers
        .iter()
        .find(|f| f.code == "registry_certificate")
        .expect("the shipped catalogue");
    assert_eq!(certificate.amount, Money::from_cents(200));

    // A new amount from today: offered from today; the same day twice is refused.
    let version = NewFeeVersion {
        code: "registry_certificate".into(),
        name_el: "Πιστοποιητικό δημοτολογίου".into(),
        name_en: "Registry certificate".into(),
        amount: Money::from_cents(350),
        valid_from: today,
        active: true,
    };
    assert!(db.add_fee_version(&version, "user:admin").await.unwrap());
    assert!(!db.add_fee_version(&version, "user:admin").await.unwrap());
    let offers = db.fee_offers(today).await.unwrap();
    let certificate = offers
        .iter()
        .find(|f| f.code == "registry_certificate")
        .unwrap();
    assert_eq!(certificate.amount, Money::from_cents(350));

    let notice = db
        .issue_fee(
            &settings,
            request(CITIZEN_AFM, today),
            "Ελένη Κωστάκη",
            "registry_certificate",
        )
        .await
        .unwrap();
    let doc = db
        .notice_doc(&settings, &notice, today)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(doc.row.kind, NoticeKind::Fee);
    assert_eq!(doc.row.amount, Money::from_cents(350));
    let rf = RfReference::parse(&doc.row.rf).unwrap();
    assert_eq!(
        settings.layout.notice_of(&rf).map(|(kind, _)| kind),
        Some(NoticeKind::Fee)
    );
    let (kind, source): (String, String) =
        sqlx::query_as("SELECT kind, source FROM debts WHERE notice_id = $1")
            .bind(&notice)
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!((kind.as_str(), source.as_str()), ("fee", "debtor"));
    // It is paid like any notice.
    let purposes = purposes();
    let payment = db
        .create_payment_for(
            &purposes,
            PurposeKind::Notice,
            &notice,
            Payer::Account(&citizen),
        )
        .await
        .unwrap();
    db.record_payment_report(&purposes, &payment.id, approved(Money::from_cents(350)))
        .await
        .unwrap();
    let doc = db
        .notice_doc(&settings, &notice, today)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(doc.row.shown, NoticeShown::Paid);

    // A fee withdrawn from tomorrow is not issued from then on, nor one never offered.
    let tomorrow =
        app::domain::time::civil_from_days(app::domain::time::days_from_civil(today) + 1);
    let withdrawn = NewFeeVersion {
        active: false,
        valid_from: tomorrow,
        ..version
    };
    assert!(db.add_fee_version(&withdrawn, "user:admin").await.unwrap());
    assert!(db
        .fee_offers(tomorrow)
        .await
        .unwrap()
        .iter()
        .all(|f| f.code != "registry_certificate"));
    for code in ["registry_certificate", "no_such_fee"] {
        assert!(matches!(
            db.issue_fee(&settings, request(CITIZEN_AFM, tomorrow), "Ε", code)
                .await,
            Err(NoticeError::NotFound)
        ));
    }
}

/// Over HTTP: the debtor makes a notice from the form and opens its page and PDF; another
/// user, by any URL, finds nothing; staff see it; malformed requests are refused in words.
async fn notices_over_http(db: Db) {
    let router = common::router(db.clone()).await;
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (_, owner) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let (_, other) = user_with_session(&db, "other@example.gr", Role::Citizen).await;
    let (_, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let id = debt_ids(&db).await;
    let (tap, water) = (id("ΤΑΠ-1"), id("ΥΔ-3"));

    let reply = post(&router, "/api/create_notice", &[], Some(&owner)).await;
    assert!(
        matches!(app_error(&reply), AppError::Validation(_)),
        "{}",
        reply.body
    );
    // Another user cannot put these debts on a notice: not theirs, "not found".
    let reply = post(
        &router,
        "/api/create_notice",
        &[("debts[]", &tap)],
        Some(&other),
    )
    .await;
    assert_eq!(app_error(&reply), AppError::NotFound);
    let reply = post(
        &router,
        "/api/create_notice",
        &[("debts[]", &tap), ("debts[]", &water), ("method", "card")],
        Some(&owner),
    )
    .await;
    let location = reply.location.clone().expect("sent to the new notice");
    let notice = location
        .strip_prefix("/notices/")
        .and_then(|rest| rest.strip_suffix("?created=1"))
        .expect("the notice's page")
        .to_owned();

    let reply = post(&router, "/api/notice", &[("id", &notice)], Some(&owner)).await;
    assert!(reply.status.is_success(), "{}", reply.body);
    let doc: app::views::notices::NoticeDoc = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(doc.lines.len(), 2);
    let reply = get(&router, &format!("/notices/{notice}/pdf"), Some(&owner)).await;
    assert_eq!(reply.status.as_u16(), 200);
    assert!(reply.body.starts_with("%PDF-"));

    // Anyone else: "not found", for the page, the function and the PDF alike.
    let reply = post(&router, "/api/notice", &[("id", &notice)], Some(&other)).await;
    assert_eq!(app_error(&reply), AppError::NotFound);
    let reply = get(&router, &format!("/notices/{notice}/pdf"), Some(&other)).await;
    assert_eq!(reply.status.as_u16(), 404);
    let reply = get(&router, &format!("/notices/{notice}/pdf"), None).await;
    assert_ne!(reply.status.as_u16(), 200);
    let reply = post(&router, "/api/my_notices", &[], Some(&other)).await;
    assert!(!reply.body.contains(&notice));
    // Staff who handle notices see it.
    let reply = get(&router, &format!("/notices/{notice}/pdf"), Some(&clerk)).await;
    assert_eq!(reply.status.as_u16(), 200);
    // Over-long or unknown ids are "not found", never an error.
    let long = "n".repeat(65);
    for id in [long.as_str(), "00000000-0000-4000-8000-000000000000"] {
        let reply = post(&router, "/api/notice", &[("id", id)], Some(&owner)).await;
        assert_eq!(app_error(&reply), AppError::NotFound);
        let reply = get(&router, &format!("/notices/{id}/pdf"), Some(&owner)).await;
        assert_eq!(reply.status.as_u16(), 404);
    }
    // The owner's list has it.
    let reply = post(&router, "/api/my_notices", &[], Some(&owner)).await;
    assert!(reply.body.contains(&notice), "{}", reply.body);
    // A fee that is not offered is said in words.
    let reply = post(
        &router,
        "/api/issue_fee",
        &[("code", "no_such_fee")],
        Some(&owner),
    )
    .await;
    assert!(
        matches!(app_error(&reply), AppError::Validation(_)),
        "{}",
        reply.body
    );
}

/// The financial system's notices, with their own references and RFs: good rows go in (their
/// debts on them, an older notice replaced), bad ones are reported by line and reason, the
/// same file again changes nothing, and an imported RF is paid like any other.
async fn the_financial_systems_notices_import(db: Db) {
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let id = debt_ids(&db).await;
    let today = app::backend::today();
    let settings = settings();
    let ours = db
        .create_notice(&settings, request(CITIZEN_AFM, today), &[id("ΤΑΠ-1")])
        .await
        .unwrap();
    let rf = RfReference::create("5301900000123").unwrap();
    let taken = db
        .notice_doc(&settings, &ours, today)
        .await
        .unwrap()
        .unwrap()
        .row
        .rf;
    let file = format!(
        "notice_ref,afm,rf,issued_on,pay_by,amount_eur,debt_refs\n\
         ΕΙΔ-1,{CITIZEN_AFM},{rf},2026-12-01,2099-12-31,\"131,00\",ΤΑΠ-1; ΥΔ-3\n\
         ΕΙΔ-2,{CITIZEN_AFM},RF00 1234,2026-12-01,2099-12-31,10.00,ΚΦ-2\n\
         ΕΙΔ-3,{CITIZEN_AFM},RF18 539 007 547 034,2026-12-01,2099-12-31,10.00,ΧΧ-9\n\
         ΕΙΔ-4,{CITIZEN_AFM},{taken},2026-12-01,2099-12-31,10.00,ΚΦ-2\n\
         ΕΙΔ-5,{CITIZEN_AFM},RF18 539 007 547 034,2026-12-01,2026-11-01,10.00,ΚΦ-2\n\
         ΕΙΔ-1,{CITIZEN_AFM},{rf},2026-12-01,2099-12-31,131.00,ΤΑΠ-1\n",
        rf = rf.grouped()
    );
    let report = db.import_notices(&file, &Actor::Cli).await.unwrap();
    assert_eq!((report.added, report.unchanged), (1, 0));
    let reasons: Vec<(u64, ProblemReason)> =
        report.problems.iter().map(|p| (p.line, p.reason)).collect();
    assert_eq!(
        reasons,
        vec![
            (3, ProblemReason::Rf),
            (4, ProblemReason::UnknownDebt),
            (5, ProblemReason::RfTaken),
            (6, ProblemReason::Date),
            (7, ProblemReason::Duplicate),
        ]
    );
    // Our notice of ΤΑΠ-1 is replaced by the imported one, which holds both its debts.
    let old = db
        .notice_doc(&settings, &ours, today)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(old.row.shown, NoticeShown::Replaced);
    let imported = notice_of_debt(&db, &id("ΥΔ-3")).await.unwrap();
    assert_eq!(
        notice_of_debt(&db, &id("ΤΑΠ-1")).await,
        Some(imported.clone())
    );
    let doc = db
        .notice_doc(&settings, &imported, today)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(doc.row.number, None);
    assert_eq!(doc.row.rf, rf.grouped());
    assert_eq!(
        doc.row.amount,
        Money::from_cents(13_100),
        "the printed amount"
    );
    assert_eq!(doc.lines.len(), 2);
    // Tomorrow's file again: nothing changes.
    let again = db.import_notices(&file, &Actor::Cli).await.unwrap();
    assert_eq!((again.added, again.unchanged), (0, 1));
    assert_eq!(
        db.notices_of(CITIZEN_AFM, today).await.unwrap().len(),
        2,
        "no duplicates"
    );
    // Its RF is paid like any other.
    let purposes = purposes();
    let payment = db
        .create_payment_for(
            &purposes,
            PurposeKind::Notice,
            &imported,
            Payer::Account(&citizen),
        )
        .await
        .unwrap();
    assert_eq!(payment.amount(), Money::from_cents(13_100));
}

/// The sample shipped for the README imports whole over the debts sample, and again changes
/// nothing.
async fn the_shipped_notices_sample_imports_cleanly(db: Db) {
    let read = |name: &str| {
        std::fs::read_to_string(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    };
    db.import_debts(&read("debts-sample.csv"), &Actor::Cli)
        .await
        .unwrap();
    let text = read("notices-sample.csv");
    let first = db.import_notices(&text, &Actor::Cli).await.unwrap();
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    assert_eq!(first.added, 2);
    let again = db.import_notices(&text, &Actor::Cli).await.unwrap();
    assert_eq!((again.added, again.unchanged), (0, 2));
}

on_both_engines!(
    the_shipped_notices_sample_imports_cleanly,
    a_notice_whose_debt_changes_is_withdrawn,
    grouped_debts_make_a_notice_that_replaces_older_ones,
    two_notices_for_one_debt_at_once,
    fees_are_issued_as_a_debt_and_a_notice,
    notices_over_http,
    the_financial_systems_notices_import
);
