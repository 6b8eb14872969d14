//! `dimos`: the portal's single binary. See `dimos --help`.

use anyhow_free::Fail;
use app::backend::audit::Actor;
use app::backend::users::NewUser;
use app::backend::Db;
use app::domain::account::Role;
use clap::Parser;
use dimos_server::cli::{Cli, Command};
use dimos_server::{build_router, demo, static_files, AppState, Config};
use std::io::BufRead;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

/// glibc's malloc showed as a fifth of the CPU under load (many threads, small
/// allocations while rendering); mimalloc handles that pattern better.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Errors end the process with a readable message instead of a panic.
mod anyhow_free {
    pub struct Fail(pub String);

    impl<E: std::error::Error> From<E> for Fail {
        fn from(error: E) -> Self {
            let mut text = error.to_string();
            let mut source = error.source();
            while let Some(inner) = source {
                text.push_str(": ");
                text.push_str(&inner.to_string());
                source = inner.source();
            }
            Fail(text)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref(), cli.allow_demo) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("dimos: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    init_logging(config.log_json);
    // Before any date is computed: the municipality's days and printed times follow it.
    if let Err(error) = app::domain::time::set_local_time_zone(config.time_zone.clone()) {
        eprintln!("dimos: configuration error: DIMOS_TIME_ZONE: {error}");
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("dimos: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let command = cli.command.unwrap_or(Command::Serve { seed_demo: false });
    match runtime.block_on(run(command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(message)) => {
            tracing::error!(%message, "dimos stopped with an error");
            eprintln!("dimos: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(json: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if json {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .init();
    } else {
        builder.init();
    }
}

async fn run(command: Command, config: Config) -> Result<(), Fail> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    match command {
        Command::Migrate => {
            println!("Database migrated: {}", redact(&config.database_url));
            Ok(())
        }
        Command::SeedDemo => {
            demo_only(&config, "seed-demo")?;
            print_demo(&db).await
        }
        Command::CreateAdmin { email, name } => create_admin(&db, &email, &name).await,
        Command::ImportFines { file } => {
            let text = std::fs::read_to_string(&file)?;
            let name = file.display().to_string();
            let started = std::time::Instant::now();
            let report = db
                .import_fines(&text, &config.site.municipality_code, &name, None)
                .await?;
            println!(
                "{} tickets imported, {} rows rejected, in {:.2} s",
                report.imported,
                report.problems.len(),
                started.elapsed().as_secs_f64()
            );
            print_problems(&report.problems);
            Ok(())
        }
        Command::ImportDebts { file } => {
            let text = std::fs::read_to_string(&file)?;
            let started = std::time::Instant::now();
            let report = db
                .import_debts(&text, &app::backend::audit::Actor::Cli)
                .await?;
            println!(
                "{} debts added, {} updated, {} unchanged, {} rows rejected, in {:.2} s",
                report.added,
                report.updated,
                report.unchanged,
                report.problems.len(),
                started.elapsed().as_secs_f64()
            );
            print_problems(&report.problems);
            Ok(())
        }
        Command::SandboxCamt054 { transfers } => {
            demo_only(&config, "sandbox-camt054")?;
            let today = app::backend::today();
            let parsed = transfers
                .iter()
                .enumerate()
                .map(|(i, pair)| {
                    let (rf, amount) = pair.split_once('=').ok_or_else(|| {
                        Fail(format!(
                            "{pair:?}: write RF=AMOUNT, e.g. RF18539007547034=12.34"
                        ))
                    })?;
                    let amount = app::domain::bank::xml_amount(amount)
                        .ok_or_else(|| Fail(format!("{amount:?}: write the amount as 12.34")))?;
                    Ok(app::backend::camt054::SandboxTransfer {
                        bank_ref: format!("SBX-{}-{}", app::backend::now_ms(), i + 1),
                        amount,
                        rf: rf.trim().to_owned(),
                        booked_on: today,
                        payer: "Sandbox payer".into(),
                    })
                })
                .collect::<Result<Vec<_>, Fail>>()?;
            print!(
                "{}",
                app::backend::camt054::sandbox_camt054(
                    &format!("SBX-{}", app::backend::now_ms()),
                    &parsed
                )
            );
            Ok(())
        }
        Command::ImportNotices { file } => {
            let text = std::fs::read_to_string(&file)?;
            let report = db
                .import_notices(&text, &app::backend::audit::Actor::Cli)
                .await?;
            println!(
                "{} notices added, {} already imported, {} rows rejected",
                report.added,
                report.unchanged,
                report.problems.len()
            );
            print_problems(&report.problems);
            Ok(())
        }
        Command::BenchImportDebts { file } => {
            demo_only(&config, "bench-import-debts")?;
            let text = std::fs::read_to_string(&file)?;
            let bench = dimos_server::bench::bench_import_debts(&db, text)
                .await
                .map_err(|error| Fail(error.to_string()))?;
            println!(
                "{} rows: raw bulk insert into a bare table {:.2} s, into the register's \
                 shape {:.2} s; import {:.2} s ({} added, {} left out); the same file again \
                 {:.2} s ({} unchanged); register-shape raw ÷ import {:.2}, bare raw ÷ import \
                 {:.2}",
                bench.rows,
                bench.bare_seconds,
                bench.register_seconds,
                bench.import_seconds,
                bench.added,
                bench.left_out,
                bench.reimport_seconds,
                bench.unchanged_again,
                bench.register_seconds / bench.import_seconds,
                bench.bare_seconds / bench.import_seconds
            );
            Ok(())
        }
        Command::BenchReconcile { entries } => {
            demo_only(&config, "bench-reconcile")?;
            let purposes = dimos_server::state::payment_purposes(config.demo);
            let bench = dimos_server::bench_bank::bench_reconcile(&db, &purposes, entries.max(1))
                .await
                .map_err(|error| Fail(error.to_string()))?;
            println!(
                "{} transfers ({:.1} MB camt.054): read alone {:.2} s; imported and reconciled \
                 {:.2} s ({} notices paid, {:.0} a second); the same file again {:.2} s",
                bench.entries,
                bench.file_bytes as f64 / 1e6,
                bench.read_seconds,
                bench.import_seconds,
                bench.paid,
                bench.entries as f64 / bench.import_seconds,
                bench.again_seconds,
            );
            Ok(())
        }
        Command::BenchCampaign {
            debtors,
            per_second,
            at_once,
        } => {
            demo_only(&config, "bench-campaign")?;
            let Some(url) = &config.smtp_url else {
                return Err(Fail(
                    "bench-campaign e-mails through an SMTP server: set DIMOS_SMTP_URL".into(),
                ));
            };
            let from = config
                .mail_from
                .parse()
                .map_err(|_| Fail("DIMOS_MAIL_FROM is not an address".into()))?;
            let mailer = std::sync::Arc::new(
                app::backend::mailer::SmtpMailer::new(url, from)
                    .map_err(|error| Fail(error.to_string()))?,
            );
            let notices = config.notices.clone().ok_or_else(|| {
                Fail("notices are not configured (demonstration mode has them)".into())
            })?;
            let bench = dimos_server::bench_campaign::bench_campaign(
                &db,
                mailer,
                notices,
                debtors.max(1),
                per_second.max(1),
                at_once.max(1),
            )
            .await
            .map_err(|error| Fail(error.to_string()))?;
            let mib = |kib: u64| kib as f64 / 1024.0;
            println!(
                "{} debtors: {} notices e-mailed with their PDF ({} failed) in {:.1} s, {:.0} a \
                 second; resident memory at 10/50/90 %: {:.0}/{:.0}/{:.0} MiB, peak {:.0} MiB",
                bench.debtors,
                bench.sent,
                bench.failed,
                bench.seconds,
                bench.sent as f64 / bench.seconds,
                mib(bench.rss_kib[0]),
                mib(bench.rss_kib[1]),
                mib(bench.rss_kib[2]),
                mib(bench.rss_peak_kib),
            );
            Ok(())
        }
        Command::BenchNoticePdf { count } => {
            let bench = dimos_server::bench_pdf::bench_notice_pdf(count.max(1))
                .map_err(|error| Fail(error.to_string()))?;
            let sizes: Vec<String> = bench
                .sizes
                .iter()
                .map(|(debts, bytes)| format!("{debts} debts {:.1} KB", *bytes as f64 / 1000.0))
                .collect();
            println!(
                "{} notice PDFs (5 debts, EPC code) on one core: {:.1} per second; receipt PDFs \
                 (the reference, same run): {:.1} per second; notice ÷ receipt {:.2}; sizes: {}",
                bench.count,
                bench.notices_per_second,
                bench.receipts_per_second,
                bench.notices_per_second / bench.receipts_per_second,
                sizes.join(", ")
            );
            Ok(())
        }
        Command::BenchPayments { count, concurrency } => {
            demo_only(&config, "bench-payments")?;
            let bench = dimos_server::bench::bench_payments(&config, db, count, concurrency)
                .await
                .map_err(|error| Fail(error.to_string()))?;
            println!(
                "{} payments created and completed in {:.2} s: {:.1} per second \
                 ({} payers at once; median {:.1} ms from \"pay\" to the bank's answer)",
                bench.count,
                bench.seconds,
                bench.per_second(),
                bench.concurrency,
                bench.median_ms
            );
            Ok(())
        }
        Command::BenchTax { count, concurrency } => {
            demo_only(&config, "bench-tax")?;
            let bench = dimos_server::bench::bench_tax(&config, db, count, concurrency)
                .await
                .map_err(|error| Fail(error.to_string()))?;
            println!(
                "{} declarations submitted and paid in {:.2} s: {:.1} per second \
                 ({} representatives' requests at once; median {:.1} ms from \"submit\" to the bank's answer)",
                bench.count,
                bench.seconds,
                bench.per_second(),
                bench.concurrency,
                bench.median_ms
            );
            Ok(())
        }
        Command::ImportTaxRecords { kind, file } => {
            let kind = app::backend::tax_records::ImportKind::parse(&kind).ok_or_else(|| {
                Fail("the kind is `warrants` (debts: `dimos import-debts FILE.csv`)".into())
            })?;
            let text = std::fs::read_to_string(&file)
                .map_err(|error| Fail(format!("{}: {error}", file.display())))?;
            let name = file.display().to_string();
            let report = db
                .import_tax_csv(kind, &text, &name, &app::backend::audit::Actor::Cli)
                .await
                .map_err(|error| Fail(error.to_string()))?;
            println!(
                "{} records imported, {} rows rejected",
                report.imported,
                report.problems.len()
            );
            print_problems(&report.problems);
            Ok(())
        }
        Command::Serve { seed_demo } => {
            if seed_demo {
                demo_only(&config, "--seed-demo")?;
                print_demo(&db).await?;
            }
            serve(config, db).await
        }
    }
}

/// Demo data and benchmarks write made-up records: only in demonstration mode.
fn demo_only(config: &Config, what: &str) -> Result<(), Fail> {
    if config.demo {
        Ok(())
    } else {
        Err(Fail(format!(
            "{what} adds made-up records and runs only in demonstration mode (DIMOS_DEMO=on), \
             never on a real installation"
        )))
    }
}

async fn print_demo(db: &Db) -> Result<(), Fail> {
    let lines = demo::seed(db).await?;
    println!("Demo accounts (for local demonstrations only; never on a real installation):");
    for line in lines {
        println!("{line}");
    }
    Ok(())
}

async fn create_admin(db: &Db, email: &str, name: &str) -> Result<(), Fail> {
    let password = match std::env::var("DIMOS_ADMIN_PASSWORD") {
        Ok(password) if !password.is_empty() => password,
        _ => {
            eprintln!("Password for {email} (one line on standard input):");
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let new = NewUser {
        email,
        full_name: name,
        phone: None,
        password: &password,
        role: Role::Admin,
        email_confirmed: true,
    };
    let user = db.create_user(new, &Actor::Cli).await?;
    println!("Administrator created: {} ({})", user.email, user.id);
    Ok(())
}

async fn serve(config: Config, db: Db) -> Result<(), Fail> {
    // The state names the built files by their content first; then every copy is
    // compressed once.
    let state = AppState::new(&config, db.clone()).await?;
    // An import that was running when the server stopped never committed: say so.
    let interrupted = db.fail_interrupted_debt_imports().await?;
    if interrupted > 0 {
        tracing::warn!(
            imports = interrupted,
            "debt imports interrupted by the restart"
        );
    }
    let pkg = config.site_root.join("pkg");
    let compressed = tokio::task::spawn_blocking(move || static_files::precompress(&pkg)).await??;
    if compressed > 0 {
        tracing::info!(files = compressed, "precompressed static files");
    }
    if matches!(config.gateway, dimos_server::config::GatewayChoice::None) {
        tracing::warn!(
            "no card acquirer configured (DIMOS_PAYMENT_GATEWAY): card payments are off"
        );
    }
    if config.demo {
        tracing::warn!(
            "demonstration mode: the sandbox bank approves test cards; never for real use"
        );
    }
    let cleaner = tokio::spawn(payment_cleanup(
        state.clone(),
        config.payment_expiry_minutes * 60_000,
        config.payment_cleanup_seconds,
    ));
    let worker = tokio::spawn(due_jobs_and_housekeeping(state.clone()));
    // The campaign sender stops gracefully: messages under way finish, none is cut short.
    let (stop_campaigns, campaigns_stop) = tokio::sync::watch::channel(false);
    let campaigns = state.notices.clone().map(|notices| {
        let sender = app::backend::campaign_mail::CampaignSender {
            db: state.db.clone(),
            mailer: state.mailer.clone(),
            notices,
            site: state.site.clone(),
            per_second: config.campaign_per_second,
            at_once: 4,
        };
        tokio::spawn(sender.run(campaigns_stop))
    });
    let inbox = config.bank_inbox_dir.clone().map(|dir| {
        tracing::info!(folder = %dir.display(), "bank files are picked up from a folder");
        tokio::spawn(bank_inbox(state.clone(), dir))
    });
    let router = build_router(state);
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    tracing::info!(
        address = %config.listen,
        database = %redact(&config.database_url),
        "Dimos is serving on http://{}",
        config.listen
    );
    dimos_server::serve(listener, router, shutdown_signal()).await?;
    // Jobs are leased: one cut short here is taken up again after its lease.
    worker.abort();
    cleaner.abort();
    if let Some(inbox) = inbox {
        inbox.abort();
    }
    let _ = stop_campaigns.send(true);
    if let Some(campaigns) = campaigns {
        if tokio::time::timeout(std::time::Duration::from_secs(20), campaigns)
            .await
            .is_err()
        {
            tracing::warn!(
                "campaign messages still under way at shutdown are reported as interrupted"
            );
        }
    }
    db.close().await;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// The background jobs, every few seconds: receipt e-mails and protocol registrations that
/// are due (a job that failed waits for its backoff; jobs are leased, so instances do not
/// collide), then housekeeping: form replies nobody came back for, expired guest passes,
/// and the rate limiters' memory of clients whose allowance is full again.
async fn due_jobs_and_housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3));
    loop {
        tick.tick().await;
        let now = app::backend::now_ms();
        app::backend::payments::run_due_receipt_mails(
            &state.db,
            &state.mailer,
            &state.site.public_base_url,
            now,
        )
        .await;
        let done = app::backend::protocol::run_due_jobs(
            &state.db,
            state.protocol.as_ref(),
            Some(&state.mailer),
            now,
        )
        .await;
        if done > 0 {
            tracing::info!(done, "protocol registrations completed");
        }
        if let Err(error) = state.db.purge_form_replies(now).await {
            tracing::warn!(%error, "could not purge form replies");
        }
        if let Err(error) = state.db.purge_guest_passes(now).await {
            tracing::warn!(%error, "could not purge expired guest passes");
        }
        state.limits.shrink();
    }
}

/// Picks up the bank's files from its folder every 15 seconds (see `bank_inbox`).
async fn bank_inbox(state: AppState, dir: std::path::PathBuf) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(15));
    loop {
        tick.tick().await;
        if let Err(error) =
            dimos_server::bank_inbox::pick_up(&state.db, &state.purposes, &dir).await
        {
            tracing::warn!(%error, folder = %dir.display(), "could not read the bank files' folder");
        }
    }
}

/// Settles card payments left unfinished past their expiry: asks the bank, then expires
/// what it cannot confirm. Every minute by default; idempotent, so instances may overlap.
async fn payment_cleanup(state: AppState, max_age_ms: i64, every_seconds: i64) {
    let every = std::time::Duration::from_secs(u64::try_from(every_seconds).unwrap_or(60));
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match state
            .db
            .settle_stale_payments(
                &state.purposes,
                state.gateway.as_ref(),
                max_age_ms,
                app::backend::now_ms(),
            )
            .await
        {
            Ok(0) => {}
            Ok(settled) => tracing::info!(settled, "stale payments settled"),
            Err(error) => tracing::error!(%error, "payment clean-up failed"),
        }
    }
}

/// Resolves on SIGTERM or Ctrl-C; in-flight requests then finish before the process ends.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing requests");
}

/// Hides a password in a database URL before it reaches a log.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The first rows an import left out, by line, reason and value.
fn print_problems(problems: &[app::views::imports::ImportProblem]) {
    for problem in problems.iter().take(50) {
        println!(
            "  line {}: {} {}",
            problem.line, problem.reason, problem.detail
        );
    }
}
