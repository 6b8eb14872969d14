//! `dimos bench-payments` and `dimos bench-tax`: card payments (or municipal tax
//! declarations, each saved and paid in one act) completed per second through the sandbox
//! bank, end to end over HTTP against this server's code and database (start, open the
//! bank's page, pay with the approving card, await the signed callback).

use crate::http::build_router;
use crate::state::AppState;
use crate::Config;
use app::backend::audit::Actor;
use app::backend::users::NewUser;
use app::backend::Db;
use app::domain::account::Role;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct PaymentBench {
    pub count: usize,
    pub concurrency: usize,
    pub seconds: f64,
    /// Median time from "pay" to the bank's answer page (three requests), milliseconds.
    pub median_ms: f64,
}

impl PaymentBench {
    pub fn per_second(&self) -> f64 {
        self.count as f64 / self.seconds
    }
}

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// Runs `count` payments with `concurrency` payers at once on a server started in this
/// process on a free local port (so the bank's callbacks reach it).
pub async fn bench_payments(
    config: &Config,
    db: Db,
    count: usize,
    concurrency: usize,
) -> Result<PaymentBench, Failure> {
    run_bench(config, db, count, concurrency, Kind::TestFees).await
}

/// Runs `count` tax declarations (each saved and paid in one act) with `concurrency`
/// representatives' sessions at once.
pub async fn bench_tax(
    config: &Config,
    db: Db,
    count: usize,
    concurrency: usize,
) -> Result<PaymentBench, Failure> {
    run_bench(config, db, count, concurrency, Kind::TaxDeclarations).await
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    TestFees,
    TaxDeclarations,
}

/// One thing to pay: a test fee, or a declaration of a business's month.
enum Job {
    Fee(String),
    Declaration {
        business_id: String,
        month: u32,
        year: i64,
    },
}

async fn run_bench(
    config: &Config,
    db: Db,
    count: usize,
    concurrency: usize,
    kind: Kind,
) -> Result<PaymentBench, Failure> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let mut config = config.clone();
    config.site.public_base_url = base.clone();
    let router = build_router(AppState::new(&config, db.clone()).await?);
    tokio::spawn(crate::http::serve(listener, router, std::future::pending()));

    let email = format!("bench-{}@example.gr", uuid::Uuid::new_v4().simple());
    let payer = NewUser {
        email: &email,
        full_name: "Bench Payer",
        phone: None,
        password: "bench password, not used to sign in",
        role: Role::Citizen,
        email_confirmed: true,
    };
    let payer = db.create_user(payer, &Actor::Cli).await?;
    let cookie = format!("dimos_session={}", db.create_session(&payer.id).await?);
    let mut items = Vec::with_capacity(count);
    match kind {
        Kind::TestFees => {
            for i in 0..count {
                let id = uuid::Uuid::new_v4().to_string();
                sqlx::query(
                    "INSERT INTO payment_test_items (id, description, amount_cents) VALUES ($1, $2, $3)",
                )
                .bind(&id)
                .bind(format!("Bench fee {i}"))
                .bind(1000 + i64::try_from(i % 5000)?)
                .execute(db.pool())
                .await?;
                items.push(Job::Fee(id));
            }
        }
        Kind::TaxDeclarations => {
            // Every month of the years before this one, for as many verified businesses as
            // it takes.
            let this_year = app::backend::tax::today().year;
            let months: Vec<(u32, i64)> = (2000..this_year)
                .flat_map(|year| (1..=12).map(move |month| (month, year)))
                .collect();
            let mut n = 0;
            while items.len() < count {
                let afm = bench_afm(n);
                n += 1;
                let business = db
                    .create_business(
                        &payer.id,
                        app::backend::businesses::NewBusiness {
                            afm: &afm,
                            name: "Bench catering",
                            legal_form: "oe",
                            activity: "catering",
                            vat_period: "monthly",
                        },
                    )
                    .await?;
                sqlx::query("UPDATE businesses SET verification = 'verified' WHERE id = $1")
                    .bind(&business.id)
                    .execute(db.pool())
                    .await?;
                for &(month, year) in months.iter().take(count - items.len()) {
                    items.push(Job::Declaration {
                        business_id: business.id.clone(),
                        month,
                        year,
                    });
                }
            }
        }
    }
    // Mixed, so concurrent declarations touch different businesses.
    items.reverse();

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let queue = Arc::new(std::sync::Mutex::new(items));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, queue, base, cookie) =
                (client.clone(), queue.clone(), base.clone(), cookie.clone());
            tokio::spawn(async move {
                let mut timings = Vec::new();
                loop {
                    let next = queue.lock().map_err(|_| "queue poisoned")?.pop();
                    let Some(job) = next else { break };
                    let begun = Instant::now();
                    pay_one(&client, &base, &cookie, &job).await?;
                    timings.push(begun.elapsed().as_secs_f64() * 1000.0);
                }
                Ok::<_, Failure>(timings)
            })
        })
        .collect();
    let mut timings = Vec::new();
    for worker in workers {
        timings.extend(worker.await??);
    }
    // The bank's callbacks land on their own: wait until every payment is final.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM payments WHERE payer_id = $1 AND state <> 'success'",
        )
        .bind(&payer.id)
        .fetch_one(db.pool())
        .await?;
        let done: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM payments WHERE payer_id = $1 AND state = 'success'",
        )
        .bind(&payer.id)
        .fetch_one(db.pool())
        .await?;
        let accepted: i64 = if kind == Kind::TaxDeclarations {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM tax_declarations WHERE declared_by = $1 AND state = 'accepted'",
            )
            .bind(&payer.id)
            .fetch_one(db.pool())
            .await?
        } else {
            done
        };
        if open == 0 && done == i64::try_from(count)? && accepted == done {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!("{done} of {count} payments completed in time").into());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let seconds = started.elapsed().as_secs_f64();
    timings.sort_by(f64::total_cmp);
    Ok(PaymentBench {
        count,
        concurrency,
        seconds,
        median_ms: timings.get(timings.len() / 2).copied().unwrap_or(0.0),
    })
}

/// A valid ΑΦΜ for the `n`th bench business (the 9th digit is the check digit).
fn bench_afm(n: usize) -> String {
    afm_from(70_000_000, n)
}

/// A valid ΑΦΜ whose first eight digits are `base + n` (modulo ten million): each bench
/// takes its own `base`, so their made-up debtors never meet.
pub fn afm_from(base: usize, n: usize) -> String {
    let body = format!("{:08}", base + n % 10_000_000);
    let sum: u32 = body
        .chars()
        .zip((1..=8).rev())
        .map(|(digit, power)| digit.to_digit(10).unwrap_or(0) << power)
        .sum();
    format!("{body}{}", (sum % 11) % 10)
}

/// One payer's three steps: start (pay, or declare), the bank's hosted page, the approving card.
async fn pay_one(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    job: &Job,
) -> Result<(), Failure> {
    let request = match job {
        Job::Fee(item) => client
            .post(format!("{base}/api/pay"))
            .form(&[("kind", "test"), ("purpose_id", item.as_str())]),
        Job::Declaration {
            business_id,
            month,
            year,
        } => {
            let filed = format!(
                "{}-{:02}-10",
                if *month == 12 { year + 1 } else { *year },
                month % 12 + 1
            );
            client.post(format!("{base}/api/declare_tax")).form(&[
                ("business_id", business_id.as_str()),
                ("period", &month.to_string()),
                ("year", &year.to_string()),
                ("revenue", "12.345,67"),
                ("vat_filed_on", &filed),
            ])
        }
    };
    let start = request
        .header(reqwest::header::COOKIE, cookie)
        .header(reqwest::header::ACCEPT, "text/html")
        .send()
        .await?;
    let location = start
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| format!("pay answered {} without a redirect", start.status()))?
        .to_owned();
    let payment_id = location
        .split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("payment_id="))
        .ok_or_else(|| format!("no payment id in the redirect to {location}"))?
        .to_owned();
    client
        .get(format!("{base}{location}"))
        .send()
        .await?
        .error_for_status()?;
    let paid = client
        .post(format!("{base}/sandbox-bank/pay"))
        .form(&[
            ("payment_id", payment_id.as_str()),
            ("card_number", app::backend::gateway::test_cards::APPROVE),
            ("action", "pay"),
        ])
        .send()
        .await?;
    if !paid.status().is_redirection() {
        return Err(format!("the bank answered {}", paid.status()).into());
    }
    Ok(())
}

/// `dimos bench-import-debts FILE`: the register's import of `FILE` against raw bulk
/// inserts of the same rows into scratch tables of the same database in the same run (same
/// statement size, one transaction, no checks, no lookups, no debtors): once into a bare
/// table (what writing the text costs), once into a copy of the register's own table
/// (its columns, checks, indexes and foreign keys: what storing the rows costs at the
/// least). The second is the reference the import's own work is judged against.
pub struct DebtImportBench {
    pub rows: usize,
    pub bare_seconds: f64,
    pub register_seconds: f64,
    pub import_seconds: f64,
    pub reimport_seconds: f64,
    pub added: u64,
    pub unchanged_again: u64,
    pub left_out: usize,
}

/// The register's table as the migrations leave it, under another name.
const REGISTER_COPY: [&str; 3] = [
    "CREATE TABLE bench_register_debts (id TEXT PRIMARY KEY, afm TEXT NOT NULL, \
     debtor_name TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('certified', 'settlement', \
     'uncertified', 'assessment_note', 'fee')), category TEXT NOT NULL REFERENCES \
     debt_categories (code), description TEXT NOT NULL, principal_cents BIGINT NOT NULL \
     CHECK (principal_cents > 0), due_date TEXT NOT NULL, certified_on TEXT, \
     municipality_ref TEXT UNIQUE, state TEXT NOT NULL CHECK (state IN ('open', \
     'partly_paid', 'paid', 'in_settlement', 'cancelled')), paid_by TEXT REFERENCES \
     payments (id), source TEXT NOT NULL CHECK (source IN ('import', 'staff')), \
     created_at_ms BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL, import_id TEXT \
     REFERENCES debt_imports (id), cancel_reason TEXT)",
    "CREATE INDEX bench_register_debts_afm ON bench_register_debts (afm, state)",
    "CREATE INDEX bench_register_debts_category ON bench_register_debts \
     (category, certified_on)",
];

pub async fn bench_import_debts(db: &Db, csv_text: String) -> Result<DebtImportBench, Failure> {
    use app::backend::debt_import::{placeholders, CHUNK_ROWS, DEBT_COLUMNS};
    let raw_text = csv_text.clone();
    let rows: Vec<Vec<String>> = tokio::task::spawn_blocking(move || {
        let mut reader = csv::Reader::from_reader(raw_text.as_bytes());
        reader
            .records()
            .filter_map(Result::ok)
            .map(|r| {
                r.iter()
                    .take(DEBT_COLUMNS.len())
                    .map(str::to_owned)
                    .collect()
            })
            .collect()
    })
    .await?;
    let field = |row: &Vec<String>, i: usize| row.get(i).cloned().unwrap_or_default();

    sqlx::query("DROP TABLE IF EXISTS bench_raw_debts")
        .execute(db.pool())
        .await?;
    sqlx::query(
        "CREATE TABLE bench_raw_debts (id TEXT PRIMARY KEY, municipality_ref TEXT, afm TEXT, \
         debtor_name TEXT, kind TEXT, category TEXT, description TEXT, principal TEXT, \
         due_date TEXT, certified_on TEXT)",
    )
    .execute(db.pool())
    .await?;
    let started = Instant::now();
    let mut tx = db.begin().await?;
    for chunk in rows.chunks(CHUNK_ROWS) {
        let sql = format!(
            "INSERT INTO bench_raw_debts (id, municipality_ref, afm, debtor_name, kind, \
             category, description, principal, due_date, certified_on) VALUES {}",
            placeholders(chunk.len(), 10)
        );
        let mut query = sqlx::query(&sql);
        for row in chunk {
            query = query.bind(uuid::Uuid::now_v7().to_string());
            for i in 0..DEBT_COLUMNS.len() {
                query = query.bind(field(row, i));
            }
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let bare_seconds = started.elapsed().as_secs_f64();
    sqlx::query("DROP TABLE bench_raw_debts")
        .execute(db.pool())
        .await?;

    // The rows as the register stores them (amount in cents, no date left empty), made
    // before the clock starts: the reference writes, it does not parse.
    let typed: Vec<(Vec<String>, i64, Option<String>)> = rows
        .iter()
        .map(|row| {
            let cents = app::domain::Money::parse(&field(row, 6)).map_or(1, |m| m.cents());
            let certified = Some(field(row, 8)).filter(|d| !d.is_empty());
            (row.clone(), cents.max(1), certified)
        })
        .collect();
    sqlx::query("DROP TABLE IF EXISTS bench_register_debts")
        .execute(db.pool())
        .await?;
    for statement in REGISTER_COPY {
        sqlx::query(statement).execute(db.pool()).await?;
    }
    sqlx::query(
        "INSERT INTO debt_imports (id, actor, state, started_at_ms) \
         VALUES ('bench-reference', 'cli', 'done', 0)",
    )
    .execute(db.pool())
    .await?;
    let started = Instant::now();
    let mut tx = db.begin().await?;
    let now = app::backend::now_ms();
    for chunk in typed.chunks(CHUNK_ROWS) {
        let sql = format!(
            "INSERT INTO bench_register_debts (id, afm, debtor_name, kind, category, description, \
             principal_cents, due_date, certified_on, municipality_ref, state, source, \
             import_id, created_at_ms, updated_at_ms) VALUES {}",
            app::backend::debts::placeholders_with_shared(
                chunk.len(),
                10,
                1,
                ", 'open', 'import', 'bench-reference', $1, $1"
            )
        );
        let mut query = sqlx::query(&sql).bind(now);
        for (row, cents, certified) in chunk {
            query = query
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(field(row, 1))
                .bind(field(row, 2))
                .bind(field(row, 3))
                .bind(field(row, 4))
                .bind(field(row, 5))
                .bind(*cents)
                .bind(field(row, 7))
                .bind(certified.clone())
                .bind(field(row, 0));
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let register_seconds = started.elapsed().as_secs_f64();
    sqlx::query("DROP TABLE bench_register_debts")
        .execute(db.pool())
        .await?;
    sqlx::query("DELETE FROM debt_imports WHERE id = 'bench-reference'")
        .execute(db.pool())
        .await?;

    let started = Instant::now();
    let report = db.import_debts(&csv_text, &Actor::Cli).await?;
    let import_seconds = started.elapsed().as_secs_f64();
    // The night after: the same export again, every row known and unchanged.
    let started = Instant::now();
    let again = db.import_debts(&csv_text, &Actor::Cli).await?;
    Ok(DebtImportBench {
        rows: rows.len(),
        bare_seconds,
        register_seconds,
        import_seconds,
        reimport_seconds: started.elapsed().as_secs_f64(),
        added: report.added,
        unchanged_again: again.unchanged,
        left_out: report.problems.len(),
    })
}
