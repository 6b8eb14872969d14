//! The bank's camt.054 files on both engines: an exact transfer pays its notice (payment of
//! method bank_transfer, receipt numbered, its e-mail queued), every other transfer waits with
//! its reason; the same file again, or two cashiers importing it at once, records nothing
//! twice; a malformed file is refused whole.

use crate::common;
use crate::debts::{approved, citizen_debts, purposes, verified_citizen, CITIZEN_AFM};
use crate::notices::request;
use app::backend::audit::Actor;
use app::backend::bank_files::BankFileError;
use app::backend::camt054::{sandbox_camt054, SandboxTransfer};
use app::backend::notices::NoticeSettings;
use app::backend::payments::Payer;
use app::backend::Db;
use app::domain::debt::DebtState;
use app::domain::payment::PurposeKind;
use app::domain::{Money, RfReference};
use std::collections::HashMap;

pub(crate) fn settings() -> NoticeSettings {
    NoticeSettings::demo("Δήμος Επίδειξης")
}

/// A camt.054.001.08 file of credit transfers: (bank reference, amount, RF, booking day).
fn camt(transfers: &[(&str, Money, &str, &str)]) -> Vec<u8> {
    let entries: String = transfers
        .iter()
        .map(|(reference, amount, rf, booked)| {
            let amount = amount.as_decimal();
            format!(
                "<Ntry><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>\
                 <BookgDt><Dt>{booked}</Dt></BookgDt><AcctSvcrRef>{reference}</AcctSvcrRef>\
                 <NtryDtls><TxDtls><Refs><TxId>T1</TxId></Refs>\
                 <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>\
                 <Ref>{rf}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\">\
         <BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>M1</MsgId></GrpHdr><Ntfctn><Id>N1</Id>\
         {entries}</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>"
    )
    .into_bytes()
}

pub(crate) async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

/// Three notices of the citizen: one to pay exactly, one paid by card already, one to pay
/// short; and one past its date.
pub(crate) struct Notices {
    pub exact: (String, String, Money),
    pub paid: (String, String, Money),
    pub short: (String, String, Money),
    pub expired: (String, String, Money),
}

pub(crate) async fn notices(db: &Db, citizen: &str) -> Notices {
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
    let settings = settings();
    let make = |debt: String| {
        let (db, settings) = (db.clone(), settings.clone());
        async move {
            let notice = db
                .create_notice(&settings, request(CITIZEN_AFM, today), &[debt])
                .await
                .unwrap();
            let doc = db
                .notice_doc(&settings, &notice, today)
                .await
                .unwrap()
                .unwrap();
            (notice, doc.row.rf.replace(' ', ""), doc.row.amount)
        }
    };
    let exact = make(id("ΤΑΠ-1")).await;
    let paid = make(id("ΚΦ-2")).await;
    let short = make(id("ΥΔ-3")).await;
    // The paid one, by card.
    let purposes = purposes();
    let payment = db
        .create_payment_for(
            &purposes,
            PurposeKind::Notice,
            &paid.0,
            Payer::Account(citizen),
        )
        .await
        .unwrap();
    db.record_payment_report(&purposes, &payment.id, approved(paid.2))
        .await
        .unwrap();
    // One past its date: a fee's notice, made to have expired.
    let expired_notice = db
        .issue_fee(
            &settings,
            request(CITIZEN_AFM, today),
            "Ελένη Κωστάκη",
            "registry_certificate",
        )
        .await
        .unwrap();
    sqlx::query("UPDATE notices SET pay_by = '2026-01-31' WHERE id = $1")
        .bind(&expired_notice)
        .execute(db.pool())
        .await
        .unwrap();
    let doc = db
        .notice_doc(&settings, &expired_notice, today)
        .await
        .unwrap()
        .unwrap();
    let expired = (expired_notice, doc.row.rf.replace(' ', ""), doc.row.amount);
    Notices {
        exact,
        paid,
        short,
        expired,
    }
}

pub(crate) fn five_transfers(n: &Notices) -> Vec<u8> {
    let unknown = RfReference::create("99991000999999").unwrap();
    let cent = Money::from_cents(1);
    camt(&[
        ("B-1", n.exact.2, &n.exact.1, "2026-12-05"),
        ("B-2", n.paid.2, &n.paid.1, "2026-12-05"),
        (
            "B-3",
            n.short.2.checked_sub(cent).unwrap(),
            &n.short.1,
            "2026-12-05",
        ),
        (
            "B-4",
            Money::from_cents(1000),
            unknown.as_str(),
            "2026-12-05",
        ),
        ("B-5", n.expired.2, &n.expired.1, "2026-02-02"),
    ])
}

async fn an_exact_transfer_pays_its_notice_and_the_rest_wait_with_reasons(db: Db) {
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let n = notices(&db, &citizen).await;
    let purposes = purposes();
    let report = db
        .import_bank_file(&purposes, five_transfers(&n), Some("camt.xml"), &Actor::Cli)
        .await
        .unwrap();
    assert_eq!(
        (report.transfers, report.paid, report.queued, report.known),
        (5, 1, 4, 0)
    );
    let reasons: HashMap<String, Option<String>> =
        sqlx::query_as("SELECT bank_ref, reason FROM bank_transfers")
            .fetch_all(db.pool())
            .await
            .unwrap()
            .into_iter()
            .collect();
    let reason = |r: &str| reasons[&format!("{r}/T1")].clone();
    assert_eq!(reason("B-1"), None);
    assert_eq!(reason("B-2").as_deref(), Some("already_paid"));
    assert_eq!(reason("B-3").as_deref(), Some("short"));
    assert_eq!(reason("B-4").as_deref(), Some("unknown_rf"));
    assert_eq!(reason("B-5").as_deref(), Some("expired"));

    // The exact one: the notice and its debt paid, by a bank transfer with a receipt whose
    // e-mail is queued for the debtor.
    let (state, method, email): (String, String, Option<String>) = sqlx::query_as(
        "SELECT p.state, p.method, p.payer_email FROM payments p \
         JOIN bank_transfers t ON t.payment_id = p.id WHERE t.bank_ref = 'B-1/T1'",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(
        (state.as_str(), method.as_str()),
        ("success", "bank_transfer")
    );
    assert_eq!(email.as_deref(), Some("eleni@example.gr"));
    let receipts = count(
        &db,
        "SELECT COUNT(*) FROM receipts r JOIN bank_transfers t ON t.payment_id = r.payment_id",
    )
    .await;
    assert_eq!(receipts, 1);
    let mails = count(
        &db,
        "SELECT COUNT(*) FROM jobs j JOIN bank_transfers t ON t.payment_id = j.subject_id \
         WHERE j.kind = 'receipt_mail'",
    )
    .await;
    assert_eq!(mails, 1);
    let notice_state: String = sqlx::query_scalar("SELECT state FROM notices WHERE id = $1")
        .bind(&n.exact.0)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(notice_state, "paid");
    let lines = db
        .debt_lines_of(CITIZEN_AFM, app::backend::today())
        .await
        .unwrap();
    let tap = lines
        .iter()
        .find(|d| d.reference.as_deref() == Some("ΤΑΠ-1"))
        .unwrap();
    assert_eq!(tap.state, DebtState::Paid);
    // It is on the debtor's card.
    let card = db
        .debtor_card(CITIZEN_AFM, "", app::backend::today())
        .await
        .unwrap();
    assert!(card.payments.iter().any(|p| p.receipt.is_some()
        && p.amount == n.exact.2
        && p.description_el
            .as_deref()
            .is_some_and(|d| d.contains("Ειδοποιητήριο"))));

    // The same file again changes nothing.
    let payments = count(&db, "SELECT COUNT(*) FROM payments").await;
    let again = db
        .import_bank_file(&purposes, five_transfers(&n), Some("camt.xml"), &Actor::Cli)
        .await
        .unwrap();
    assert_eq!((again.paid, again.queued, again.known), (0, 0, 5));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM payments").await, payments);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM bank_transfers").await, 5);
    foreign_keys_hold(&db).await;
}

/// Every connection the pool hands out still refuses a row naming one that does not exist:
/// the bank file's import turns SQLite's checks off only on a connection of its own.
async fn foreign_keys_hold(db: &Db) {
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut conn = db.pool().acquire().await.unwrap();
        let orphan = sqlx::query(
            "INSERT INTO payment_events (payment_id, at_ms, source, event, outcome) \
             VALUES ('no-such-payment', 0, 'bank_transfer', 'received', 'success')",
        )
        .execute(&mut *conn)
        .await;
        assert!(orphan.is_err(), "a pooled connection took an orphan row");
        held.push(conn);
    }
}

/// Two cashiers import the same file at once: each transfer is recorded, and the notice
/// paid, once.
async fn two_imports_of_one_file_at_once_record_each_transfer_once(db: Db) {
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let n = notices(&db, &citizen).await;
    let purposes = purposes();
    let payments = count(&db, "SELECT COUNT(*) FROM payments").await;
    let (a, b) = tokio::join!(
        db.import_bank_file(&purposes, five_transfers(&n), None, &Actor::Cli),
        db.import_bank_file(&purposes, five_transfers(&n), None, &Actor::Cli),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.paid + b.paid, 1);
    assert_eq!(a.known + b.known, 5);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM bank_transfers").await, 5);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM payments").await,
        payments + 1
    );
}

/// A file that does not read (cut short, another message, an entry without an amount) is
/// refused whole: nothing recorded, nothing paid.
async fn a_malformed_file_is_refused_whole(db: Db) {
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let n = notices(&db, &citizen).await;
    let purposes = purposes();
    let good = String::from_utf8(five_transfers(&n)).unwrap();
    let amount = format!(
        "<Amt Ccy=\"EUR\">{}</Amt>",
        n.short
            .2
            .checked_sub(Money::from_cents(1))
            .unwrap()
            .as_decimal()
    );
    for bad in [
        good[..good.len() - 30].to_owned(),
        good.replace("camt.054.001.08", "camt.052.001.08"),
        good.replacen(&amount, "", 1),
        good.replace("<Ntfctn>", "<Ntfctn><Ntry>"),
    ] {
        let result = db
            .import_bank_file(&purposes, bad.into_bytes(), None, &Actor::Cli)
            .await;
        assert!(
            matches!(result, Err(BankFileError::Refused(_))),
            "{result:?}"
        );
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM bank_transfers").await, 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM bank_files").await, 0);
    let state: String = sqlx::query_scalar("SELECT state FROM notices WHERE id = $1")
        .bind(&n.exact.0)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(state, "open");
    foreign_keys_hold(&db).await;
}

/// Over HTTP: the cashier uploads the file and is sent to its report; a file that does not
/// read comes back as 422 in words; a clerk may not upload.
async fn the_cashier_uploads_the_bank_file(db: Db) {
    use app::domain::account::Role;
    use axum::http::StatusCode;
    use common::client::*;
    let router = common::router(db.clone()).await;
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let n = notices(&db, &citizen).await;
    let (_, cashier) = user_with_session(&db, "cashier@example.gr", Role::Cashier).await;
    let (_, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let upload = |cookie: &str, body: Vec<u8>| {
        let boundary = "dimosboundary";
        let mut form = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
             filename=\"camt.xml\"\r\nContent-Type: application/xml\r\n\r\n"
        )
        .into_bytes();
        form.extend(body);
        form.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
        axum::http::Request::post("/staff/bank/import")
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("cookie", cookie)
            .header("accept-language", "el")
            .body(axum::body::Body::from(form))
            .unwrap()
    };
    let reply = send(&router, upload(&clerk, five_transfers(&n))).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM bank_transfers").await, 0);
    let mut cut = five_transfers(&n);
    cut.truncate(cut.len() - 30);
    let reply = send(&router, upload(&cashier, cut)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.body.contains("δεν καταχωρίστηκε τίποτα"),
        "{}",
        reply.body
    );
    let reply = send(&router, upload(&cashier, five_transfers(&n))).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let location = reply.location.expect("to the file's report");
    let file_id = location
        .strip_prefix("/staff/bank/files/")
        .unwrap()
        .to_owned();
    let reply = post(
        &router,
        "/api/bank_file",
        &[("id", &file_id)],
        Some(&cashier),
    )
    .await;
    let file: app::views::bank::BankFileView = serde_json::from_str(&reply.body).unwrap();
    assert_eq!((file.paid, file.queued), (1, 4));
    let reply = post(&router, "/api/bank_queue", &[], Some(&cashier)).await;
    let queue: Vec<app::views::bank::QueuedTransfer> = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(queue.len(), 4);
}

/// A card payment at the cash desk: the cashier records a notice paid on the POS terminal
/// with its approval code; the notice and its debt are paid, the receipt says so and is
/// e-mailed; a notice paid already, or a malformed code, is refused in words.
async fn the_cashier_records_a_card_payment_at_the_counter(db: Db) {
    use app::domain::account::Role;
    use app::domain::payment::PaymentMethod;
    use app::error::AppError;
    use common::client::*;
    let router = common::router(db.clone()).await;
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let n = notices(&db, &citizen).await;
    let (_, cashier) = user_with_session(&db, "cashier@example.gr", Role::Cashier).await;
    let reply = post(
        &router,
        "/api/record_counter_payment",
        &[("notice_id", &n.exact.0), ("auth_code", "12")],
        Some(&cashier),
    )
    .await;
    assert!(
        matches!(app_error(&reply), AppError::Validation(_)),
        "{}",
        reply.body
    );
    let reply = post(
        &router,
        "/api/record_counter_payment",
        &[("notice_id", &n.exact.0), ("auth_code", "a1b2c3")],
        Some(&cashier),
    )
    .await;
    let location = reply.location.clone().expect("to the receipt");
    let payment_id = location
        .strip_prefix("/payments/")
        .and_then(|rest| rest.strip_suffix("/receipt"))
        .unwrap()
        .to_owned();
    let (receipt, _) = db.receipt(&purposes(), &payment_id).await.unwrap().unwrap();
    assert_eq!(receipt.method, PaymentMethod::Pos);
    assert_eq!(receipt.provider_ref.as_deref(), Some("A1B2C3"));
    assert_eq!(receipt.amount, n.exact.2);
    let state: String = sqlx::query_scalar("SELECT state FROM notices WHERE id = $1")
        .bind(&n.exact.0)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(state, "paid");
    let mails = count(
        &db,
        "SELECT COUNT(*) FROM jobs WHERE kind = 'receipt_mail' AND subject_id IN \
         (SELECT id FROM payments WHERE method = 'pos')",
    )
    .await;
    assert_eq!(mails, 1);
    // Again: the notice takes no payment now.
    let reply = post(
        &router,
        "/api/record_counter_payment",
        &[("notice_id", &n.exact.0), ("auth_code", "ZZ9999")],
        Some(&cashier),
    )
    .await;
    assert!(
        matches!(app_error(&reply), AppError::Conflict(_)),
        "{}",
        reply.body
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM payments WHERE method = 'pos'").await,
        1
    );
}

/// The bank delivers its files to a folder: each settled `.xml` is imported and moved to
/// `imported/`, a malformed one to `refused/` with the reason beside it; other files and
/// one still being written are left alone.
async fn bank_files_are_picked_up_from_a_folder(db: Db) {
    use dimos_server::bank_inbox::{pick_up, PickedUp};
    db.import_debts(&citizen_debts(), &Actor::Cli)
        .await
        .unwrap();
    let (citizen, _) = verified_citizen(&db, "eleni@example.gr", CITIZEN_AFM).await;
    let n = notices(&db, &citizen).await;
    let dir = std::env::temp_dir().join(format!("dimos-inbox-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let settled = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(60))
            .unwrap();
    };
    settled("2026-12-05.xml", &five_transfers(&n));
    let whole = five_transfers(&n);
    settled("cut.XML", &whole[..whole.len() - 30]);
    settled("notes.txt", b"not a bank file");
    // Still arriving: written just now.
    std::fs::write(dir.join("arriving.xml"), b"<?xml").unwrap();

    let purposes = purposes();
    let done = pick_up(&db, &purposes, &dir).await.unwrap();
    assert_eq!(done.len(), 2, "{done:?}");
    match &done[0] {
        (name, PickedUp::Imported(report)) => {
            assert_eq!(name, "2026-12-05.xml");
            assert_eq!((report.paid, report.queued), (1, 4));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(&done[1], (name, PickedUp::Refused(reason))
            if name == "cut.XML" && reason.contains("nothing was recorded")),
        "{done:?}"
    );
    assert!(dir.join("imported/2026-12-05.xml").exists());
    assert!(dir.join("refused/cut.XML").exists());
    let reason = std::fs::read_to_string(dir.join("refused/cut.txt")).unwrap();
    assert!(reason.contains("nothing was recorded"), "{reason}");
    assert!(dir.join("notes.txt").exists() && dir.join("arriving.xml").exists());
    // Nothing left to do: the next round changes nothing.
    assert!(pick_up(&db, &purposes, &dir).await.unwrap().is_empty());
    assert_eq!(count(&db, "SELECT COUNT(*) FROM bank_files").await, 1);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A valid ΑΦΜ for the `n`th debtor of a long file.
fn afm(n: usize) -> String {
    let body = format!("{:08}", 40_000_000 + n);
    let sum: u32 = body
        .chars()
        .zip((1..=8).rev())
        .map(|(digit, power)| digit.to_digit(10).unwrap() << power)
        .sum();
    format!("{body}{}", (sum % 11) % 10)
}

/// A file longer than one round of reconciliation: every notice paid once, a second
/// transfer for a notice paid rounds earlier queued as paid twice, and a bank reference
/// repeated far apart recorded once. The same file cut short at its end is refused whole
/// although rounds were written before the reader found the fault.
async fn a_long_file_is_reconciled_across_rounds(db: Db) {
    const NOTICES: usize = 2_300;
    let today = app::backend::today();
    let pay_by = app::domain::time::civil_from_days(app::domain::time::days_from_civil(today) + 30);
    let mut debts = String::from(
        "municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on\n",
    );
    let mut notices = String::from("notice_ref,afm,rf,issued_on,pay_by,amount_eur,debt_refs\n");
    let mut transfers = Vec::new();
    for n in 0..NOTICES {
        let cents = 1_000 + n as i64;
        let rf = RfReference::create(&format!("55{n:07}")).unwrap();
        debts.push_str(&format!(
            "LR-{n},{},Οφειλέτης {n},uncertified,tap,Τέλος {n},{}.{:02},{},\n",
            afm(n),
            cents / 100,
            cents % 100,
            pay_by.iso()
        ));
        notices.push_str(&format!(
            "LN-{n},{},{},{},{},{}.{:02},LR-{n}\n",
            afm(n),
            rf.as_str(),
            today.iso(),
            pay_by.iso(),
            cents / 100,
            cents % 100
        ));
        transfers.push(SandboxTransfer {
            bank_ref: format!("L-{n}"),
            amount: Money::from_cents(cents),
            rf: rf.as_str().to_owned(),
            booked_on: today,
            payer: format!("Οφειλέτης {n}"),
        });
    }
    // Late in the file: notice 3 paid again, and notice 4's transfer a second time.
    let again = SandboxTransfer {
        bank_ref: "L-again-3".into(),
        ..transfers[3].clone()
    };
    let repeated = transfers[4].clone();
    transfers.push(again);
    transfers.push(repeated);
    assert_eq!(
        db.import_debts(&debts, &Actor::Cli).await.unwrap().added as usize,
        NOTICES
    );
    assert!(db
        .import_notices(&notices, &Actor::Cli)
        .await
        .unwrap()
        .problems
        .is_empty());
    let file = sandbox_camt054("LONG", &transfers);
    let purposes = purposes();

    let cut = file[..file.len() - 40].to_owned();
    let refused = db
        .import_bank_file(&purposes, cut.into_bytes(), None, &Actor::Cli)
        .await;
    assert!(
        matches!(refused, Err(BankFileError::Refused(_))),
        "{refused:?}"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM bank_transfers").await, 0);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM payments").await, 0);

    let report = db
        .import_bank_file(&purposes, file.into_bytes(), None, &Actor::Cli)
        .await
        .unwrap();
    assert_eq!(report.transfers as usize, NOTICES + 2);
    assert_eq!(report.paid as usize, NOTICES);
    assert_eq!(report.queued, 1);
    assert_eq!(report.known, 1);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM notices WHERE state = 'paid'").await as usize,
        NOTICES
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM debts WHERE state = 'paid'").await as usize,
        NOTICES
    );
    assert_eq!(
        count(&db, "SELECT COUNT(DISTINCT number) FROM receipts").await as usize,
        NOTICES
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM jobs WHERE kind = 'receipt_mail'").await as usize,
        NOTICES
    );
    let reason: String =
        sqlx::query_scalar("SELECT reason FROM bank_transfers WHERE bank_ref = 'L-again-3/1'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(reason, "already_paid");
}

on_both_engines!(
    a_long_file_is_reconciled_across_rounds,
    bank_files_are_picked_up_from_a_folder,
    the_cashier_records_a_card_payment_at_the_counter,
    the_cashier_uploads_the_bank_file,
    an_exact_transfer_pays_its_notice_and_the_rest_wait_with_reasons,
    two_imports_of_one_file_at_once_record_each_transfer_once,
    a_malformed_file_is_refused_whole
);
