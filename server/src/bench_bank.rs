//! `dimos bench-reconcile`: a camt.054 of `entries` transfers, each the exact amount of a
//! live notice, imported and reconciled (every notice paid, a payment and a numbered
//! receipt each, its e-mail queued). The references in the same run: reading the file
//! alone (streaming XML), and importing it again (every transfer known already).

use app::backend::audit::Actor;
use app::backend::camt054::{read_camt054, sandbox_camt054, SandboxTransfer};
use app::backend::payments::Purposes;
use app::backend::Db;
use app::domain::{Money, RfReference};
use std::time::Instant;

pub struct ReconcileBench {
    pub entries: usize,
    pub file_bytes: usize,
    pub read_seconds: f64,
    pub import_seconds: f64,
    pub paid: u64,
    pub again_seconds: f64,
}

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// A valid ΑΦΜ for the `n`th bench debtor.
fn afm(n: usize) -> String {
    crate::bench::afm_from(30_000_000, n)
}

pub async fn bench_reconcile(
    db: &Db,
    purposes: &Purposes,
    entries: usize,
) -> Result<ReconcileBench, Failure> {
    let today = app::backend::today();
    let pay_by = app::domain::time::civil_from_days(app::domain::time::days_from_civil(today) + 30);
    // Setup (not timed): a debt and its notice (the financial system's, with its RF) per
    // debtor.
    let mut debts = String::from(
        "municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on\n",
    );
    let mut notices = String::from("notice_ref,afm,rf,issued_on,pay_by,amount_eur,debt_refs\n");
    let mut transfers = Vec::with_capacity(entries);
    for n in 0..entries {
        let cents = 2_000 + (n % 30_000) as i64;
        let amount = Money::from_cents(cents);
        let rf = RfReference::create(&format!("77{n:09}"))?;
        debts.push_str(&format!(
            "RB-{n:07},{},Οφειλέτης {n},uncertified,tap,Τέλος {n},{}.{:02},{},\n",
            afm(n),
            cents / 100,
            cents % 100,
            pay_by.iso()
        ));
        notices.push_str(&format!(
            "NB-{n:07},{},{},{},{},{}.{:02},RB-{n:07}\n",
            afm(n),
            rf.as_str(),
            today.iso(),
            pay_by.iso(),
            cents / 100,
            cents % 100
        ));
        transfers.push(SandboxTransfer {
            bank_ref: format!("BANK-{n:08}"),
            amount,
            rf: rf.as_str().to_owned(),
            booked_on: today,
            payer: format!("Οφειλέτης {n}"),
        });
    }
    let added = db.import_debts(&debts, &Actor::Cli).await?;
    if added.added as usize != entries {
        return Err(format!("{} debts went in, not {entries}", added.added).into());
    }
    let imported = db.import_notices(&notices, &Actor::Cli).await?;
    if !imported.problems.is_empty() {
        return Err(format!("notices refused: {:?}", imported.problems.first()).into());
    }
    let file = sandbox_camt054("BENCH", &transfers).into_bytes();
    drop(transfers);

    // Reference: the file read alone.
    let started = Instant::now();
    let read = read_camt054(file.as_slice(), |_| {})?;
    let read_seconds = started.elapsed().as_secs_f64();
    if read != entries {
        return Err(format!("{read} entries read, not {entries}").into());
    }
    let started = Instant::now();
    let report = db
        .import_bank_file(purposes, file.clone(), Some("bench.xml"), &Actor::Cli)
        .await?;
    let import_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let again = db
        .import_bank_file(purposes, file.clone(), Some("bench.xml"), &Actor::Cli)
        .await?;
    let again_seconds = started.elapsed().as_secs_f64();
    if again.known as usize != entries {
        return Err(format!("the second import knew {} of {entries}", again.known).into());
    }
    Ok(ReconcileBench {
        entries,
        file_bytes: file.len(),
        read_seconds,
        import_seconds,
        paid: report.paid,
        again_seconds,
    })
}
