//! `dimos bench-campaign`: a campaign of notices (PDF attached, one per debtor, each issued
//! on the way) e-mailed to the SMTP server at `DIMOS_SMTP_URL` — the time to the last
//! message, and the process's resident memory sampled through the run (it should stay flat:
//! debtors are taken a batch at a time and nothing is kept once sent).

use app::backend::audit::Actor;
use app::backend::campaign_mail::CampaignSender;
use app::backend::mailer::SharedMailer;
use app::backend::notices::NoticeSettings;
use app::backend::Db;
use app::domain::campaign::CampaignState;
use app::site::SiteInfo;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct CampaignBench {
    pub debtors: usize,
    pub sent: i64,
    pub failed: i64,
    pub seconds: f64,
    /// Resident memory (KiB) when 10 %, 50 % and 90 % of the debtors were handled, and the
    /// most seen.
    pub rss_kib: [u64; 3],
    pub rss_peak_kib: u64,
}

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// The process's resident memory in KiB (Linux), 0 where it cannot be read.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// A valid ΑΦΜ for the `n`th bench debtor.
fn afm(n: usize) -> String {
    crate::bench::afm_from(50_000_000, n)
}

pub async fn bench_campaign(
    db: &Db,
    mailer: SharedMailer,
    notices: NoticeSettings,
    debtors: usize,
    per_second: u32,
    at_once: usize,
) -> Result<CampaignBench, Failure> {
    // One category of the bench's own, so only its debtors are e-mailed.
    let category = app::views::debts::DebtCategory {
        code: "bench_campaign".into(),
        name_el: "Δοκιμή αποστολής".into(),
        name_en: "Campaign bench".into(),
    };
    db.add_debt_category(&category, &Actor::Cli).await?;
    let mut csv = String::from(
        "municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,\
         certified_on,debtor_address,debtor_email,debtor_phone\n",
    );
    for n in 0..debtors {
        csv.push_str(&format!(
            "BC-{n:06},{},Οφειλέτης {n},certified,bench_campaign,\"Τέλος {n}, ακίνητο Αριστοτέλους 5\",{}.{:02},2025-06-30,2025-09-01,,debtor{n}@example.gr,\n",
            afm(n),
            20 + n % 300,
            n % 100
        ));
    }
    let report = db.import_debts(&csv, &Actor::Cli).await?;
    if report.added as usize != debtors {
        return Err(format!("{} debts went in, not {debtors}", report.added).into());
    }
    let sender = CampaignSender {
        db: db.clone(),
        mailer,
        notices: Arc::new(notices),
        site: Arc::new(SiteInfo::default()),
        per_second,
        at_once,
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let started = Instant::now();
    let id = db
        .start_campaign(Some("bench_campaign"), &Actor::Cli)
        .await?;
    let running = tokio::spawn(sender.run(stopped));
    let mut rss = [0u64; 3];
    let mut peak = 0u64;
    let counts = loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let Some(campaign) = db.campaign(&id).await? else {
            return Err("the campaign is gone".into());
        };
        let now_rss = rss_kib();
        peak = peak.max(now_rss);
        let percent = campaign.counts.percent();
        for (slot, at) in [10, 50, 90].iter().enumerate() {
            if rss[slot] == 0 && percent >= *at {
                rss[slot] = now_rss;
            }
        }
        if campaign.state == CampaignState::Done {
            break campaign.counts;
        }
        if started.elapsed() > Duration::from_secs(1800) {
            return Err("the campaign took more than 30 minutes".into());
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let _ = stop.send(true);
    let _ = running.await;
    Ok(CampaignBench {
        debtors,
        sent: counts.sent,
        failed: counts.failed,
        seconds,
        rss_kib: rss,
        rss_peak_kib: peak,
    })
}
