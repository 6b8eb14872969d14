//! E-mail campaigns of notices on both engines, against a real SMTP server (aiosmtpd):
//! every debtor with an address gets one message with their notice's PDF — also when the
//! sender is stopped half-way and started again (a restart), or killed mid-message (what
//! was under way is reported, never sent twice); a mail server that is down means another
//! try later; a second campaign sends the live notices again instead of issuing new ones.

use crate::bank_files::{count, settings};
use crate::common::smtp_sink::SmtpSink;
use crate::debts::afm_for;
use app::backend::audit::Actor;
use app::backend::campaign_mail::CampaignSender;
use app::backend::campaigns::LEASE_MS;
use app::backend::mailer::{SharedMailer, SmtpMailer};
use app::backend::Db;
use app::domain::campaign::{CampaignCounts, CampaignState};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// `with_email` debtors with an address and `without` with none, each with one or two
/// open debts.
async fn debtors(db: &Db, with_email: u32, without: u32) -> Vec<String> {
    let mut text = String::from(
        "municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,\
         certified_on,debtor_address,debtor_email,debtor_phone\n",
    );
    let mut afms = Vec::new();
    for i in 0..with_email + without {
        let afm = afm_for(41_000_000 + i);
        let email = if i < with_email {
            format!("debtor{i}@example.gr")
        } else {
            String::new()
        };
        text.push_str(&format!(
            "C-{i}-1,{afm},Οφειλέτης {i},certified,tap,ΤΑΠ 2025,{}.00,2026-01-31,2026-02-01,,{email},\n",
            10 + i
        ));
        if i % 2 == 0 {
            text.push_str(&format!(
                "C-{i}-2,{afm},Οφειλέτης {i},certified,water,Ύδρευση 2025,5.50,2025-11-30,2025-12-15,,{email},\n"
            ));
        }
        afms.push(afm);
    }
    let report = db.import_debts(&text, &Actor::Cli).await.unwrap();
    assert_eq!(
        report.added as u32,
        with_email + without + (with_email + without).div_ceil(2)
    );
    afms
}

fn sender(db: &Db, mailer: SharedMailer, per_second: u32, at_once: usize) -> CampaignSender {
    CampaignSender {
        db: db.clone(),
        mailer,
        notices: Arc::new(settings()),
        site: Arc::new(app::site::SiteInfo::default()),
        per_second,
        at_once,
    }
}

fn smtp(url: &str) -> SharedMailer {
    Arc::new(SmtpMailer::new(url, "Dimos <no-reply@example.gr>".parse().unwrap()).unwrap())
}

/// Waits (at most 60 s) until `done` holds of the campaign's counts and state.
async fn wait_for(db: &Db, id: &str, done: impl Fn(&CampaignCounts, CampaignState) -> bool) {
    for _ in 0..1200 {
        let campaign = db.campaign(id).await.unwrap().unwrap();
        if done(&campaign.counts, campaign.state) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let campaign = db.campaign(id).await.unwrap().unwrap();
    panic!("the campaign did not get there: {campaign:?}");
}

/// Messages per recipient address.
fn per_recipient(messages: &[String]) -> HashMap<String, usize> {
    let mut seen = HashMap::new();
    for message in messages {
        let to = message
            .lines()
            .find_map(|l| l.strip_prefix("To: "))
            .unwrap_or_default()
            .trim()
            .to_owned();
        *seen.entry(to).or_insert(0) += 1;
    }
    seen
}

async fn a_campaign_emails_each_debtor_once_across_a_restart(db: Db) {
    let afms = debtors(&db, 12, 2).await;
    let sink = SmtpSink::start().await;
    let id = db.start_campaign(None, &Actor::Cli).await.unwrap();
    let counts = db.campaign_counts(&id).await.unwrap();
    assert_eq!(
        (counts.queued, counts.no_email, counts.total()),
        (12, 2, 14)
    );
    // One campaign at a time.
    assert!(db.start_campaign(None, &Actor::Cli).await.is_err());

    let sender = sender(&db, smtp(&sink.url()), 4, 2);
    let (stop, stopped) = watch::channel(false);
    let running = tokio::spawn(sender.clone().run(stopped));
    wait_for(&db, &id, |c, _| c.sent >= 3).await;
    // The server shuts down: what is under way finishes, the rest waits.
    stop.send(true).unwrap();
    running.await.unwrap();
    let half = db.campaign_counts(&id).await.unwrap();
    assert!(half.sent >= 3 && half.sent < 12, "{half:?}");
    assert_eq!(half.queued, 12 - half.sent);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM campaign_recipients WHERE state = 'sending'"
        )
        .await,
        0
    );
    assert_eq!(sink.messages().len() as i64, half.sent);

    // Started again: it carries on to the end.
    let (stop, stopped) = watch::channel(false);
    let running = tokio::spawn(sender.clone().run(stopped));
    wait_for(&db, &id, |_, state| state == CampaignState::Done).await;
    stop.send(true).unwrap();
    running.await.unwrap();
    let done = db.campaign_counts(&id).await.unwrap();
    assert_eq!(
        (done.sent, done.failed, done.no_email, done.queued),
        (12, 0, 2, 0)
    );

    let messages = sink.messages();
    let seen = per_recipient(&messages);
    assert_eq!(seen.len(), 12, "{seen:?}");
    assert!(seen.values().all(|n| *n == 1), "{seen:?}");
    for message in &messages {
        assert!(
            message.contains("Content-Type: application/pdf"),
            "{message}"
        );
        assert!(message.contains(&format!("<campaign-{id}-")), "{message}");
    }
    // Each debtor got a notice of all their open debts.
    assert_eq!(count(&db, "SELECT COUNT(*) FROM notices").await, 12);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM notice_items").await,
        12 + 6
    );
    // The ones without an address are in the failures' list, with their name.
    let failures = db.campaign_failures(&id).await.unwrap();
    assert_eq!(failures.len(), 2);
    assert!(failures
        .iter()
        .all(|f| f.state == "no_email" && afms.contains(&f.afm)));
    assert!(failures[0].name.starts_with("Οφειλέτης"));

    // A second campaign (one category) sends the live notices again: none is issued.
    let again = db.start_campaign(Some("water"), &Actor::Cli).await.unwrap();
    let counts = db.campaign_counts(&again).await.unwrap();
    assert_eq!(counts.total(), 7);
    let (stop, stopped) = watch::channel(false);
    let running = tokio::spawn(sender.clone().run(stopped));
    wait_for(&db, &again, |_, state| state == CampaignState::Done).await;
    stop.send(true).unwrap();
    running.await.unwrap();
    assert_eq!(sink.messages().len(), 12 + 6);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM notices").await, 12);
}

async fn a_campaign_tries_again_later_and_never_twice_after_a_crash(db: Db) {
    debtors(&db, 6, 0).await;
    let id = db.start_campaign(None, &Actor::Cli).await.unwrap();
    // The mail server is down: every message waits for another try, with the reason.
    let down = sender(&db, smtp("smtp://127.0.0.1:9"), 50, 4);
    let (_stop, stopped) = watch::channel(false);
    assert!(down.round(&stopped).await.unwrap());
    let waiting: Vec<(String, i64, Option<String>, i64)> = sqlx::query_as(
        "SELECT state, attempts, error, next_at_ms FROM campaign_recipients WHERE campaign_id = $1",
    )
    .bind(&id)
    .fetch_all(db.pool())
    .await
    .unwrap();
    let now = app::backend::now_ms();
    assert_eq!(waiting.len(), 6);
    for (state, attempts, error, next) in &waiting {
        assert_eq!((state.as_str(), *attempts), ("queued", 1));
        assert!(error.is_some());
        assert!(*next > now, "tried again only after a wait");
    }
    // Nothing is due yet: the round does nothing.
    assert!(!down.round(&stopped).await.unwrap());

    // The server is back (the test brings the next try forward instead of waiting).
    sqlx::query("UPDATE campaign_recipients SET next_at_ms = 0")
        .execute(db.pool())
        .await
        .unwrap();
    let sink = SmtpSink::start().await;
    let slow = sender(&db, smtp(&sink.url()), 3, 1);
    let (_stop, stopped) = watch::channel(false);
    let running = tokio::spawn(slow.clone().run(stopped));
    wait_for(&db, &id, |c, _| c.sent >= 2).await;
    // A crash: the task is killed wherever it is.
    running.abort();
    let _ = running.await;
    // After the lease, a message that was under way is reported, not sent again.
    db.report_interrupted(&id, app::backend::now_ms() + LEASE_MS + 1)
        .await
        .unwrap();
    let (stop, stopped) = watch::channel(false);
    let running = tokio::spawn(slow.run(stopped));
    wait_for(&db, &id, |_, state| state == CampaignState::Done).await;
    stop.send(true).unwrap();
    running.await.unwrap();
    let done = db.campaign_counts(&id).await.unwrap();
    assert_eq!(done.sent + done.failed, 6, "{done:?}");
    let seen = per_recipient(&sink.messages());
    assert!(seen.values().all(|n| *n == 1), "nobody twice: {seen:?}");
    assert!(seen.len() as i64 >= done.sent);
    for failure in db.campaign_failures(&id).await.unwrap() {
        assert!(
            failure
                .error
                .as_deref()
                .is_some_and(|e| e.contains("interrupted")),
            "{failure:?}"
        );
    }
}

/// Staff stop a running campaign: it stops with the rest queued, and resumes.
async fn staff_stop_and_resume_a_campaign(db: Db) {
    debtors(&db, 8, 0).await;
    let sink = SmtpSink::start().await;
    let id = db.start_campaign(None, &Actor::Cli).await.unwrap();
    // One a second: batches of four, so the stop comes while the second batch is already
    // taken (prepared while the first is sent) and must go back to the queue.
    let sender = sender(&db, smtp(&sink.url()), 1, 1);
    let (stop, stopped) = watch::channel(false);
    let running = tokio::spawn(sender.clone().run(stopped));
    wait_for(&db, &id, |c, _| c.sent >= 1).await;
    assert!(db.stop_campaign(&id, &Actor::Cli).await.unwrap());
    wait_for(&db, &id, |_, state| state == CampaignState::Stopped).await;
    let stopped_at = db.campaign_counts(&id).await.unwrap();
    assert!(stopped_at.queued > 0, "{stopped_at:?}");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        db.campaign_counts(&id).await.unwrap(),
        stopped_at,
        "nothing sent once stopped"
    );
    assert!(db.resume_campaign(&id, &Actor::Cli).await.unwrap());
    wait_for(&db, &id, |_, state| state == CampaignState::Done).await;
    stop.send(true).unwrap();
    running.await.unwrap();
    assert_eq!(db.campaign_counts(&id).await.unwrap().sent, 8);
    assert_eq!(sink.messages().len(), 8);
}

on_both_engines!(
    a_campaign_emails_each_debtor_once_across_a_restart,
    a_campaign_tries_again_later_and_never_twice_after_a_crash,
    staff_stop_and_resume_a_campaign
);
