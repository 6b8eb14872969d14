//! Test databases: each test gets its own fresh SQLite file or PostgreSQL database,
//! migrated, and removed afterwards. Nothing depends on leftovers.

pub mod client;
pub mod matrix;
pub mod smtp_sink;

use app::backend::Db;
use dimos_server::{build_router, AppState, Config};

pub struct TestDb {
    pub db: Db,
    /// How to open the same database again (a "restarted server").
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(std::path::PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

pub fn postgres_admin_url() -> String {
    std::env::var("DIMOS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let path = std::env::temp_dir().join(format!("dimos-test-{}.db", uuid::Uuid::new_v4()));
        let url = format!("sqlite://{}", path.display());
        let db = Db::connect(&url)
            .await
            .expect("open a SQLite test database");
        db.migrate().await.expect("migrate SQLite");
        TestDb {
            db,
            url,
            cleanup: Cleanup::SqliteFile(path),
        }
    }

    pub async fn postgres() -> TestDb {
        use sqlx::{Connection, Executor};
        let admin_url = postgres_admin_url();
        let name = format!("dimos_test_{}", uuid::Uuid::new_v4().simple());
        sqlx::any::install_default_drivers();
        let mut admin = sqlx::AnyConnection::connect(&admin_url)
            .await
            .expect("PostgreSQL must run on 127.0.0.1:5432 (see README: running on PostgreSQL)");
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create a PostgreSQL test database");
        let _ = admin.close().await;
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b)
            .unwrap_or(&admin_url);
        let url = format!("{base}/{name}");
        let db = Db::connect(&url)
            .await
            .expect("connect to the test database");
        db.migrate().await.expect("migrate PostgreSQL");
        TestDb {
            db,
            url,
            cleanup: Cleanup::PostgresDatabase { admin_url, name },
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.as_os_str().to_owned();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let pool = self.db.pool().clone();
                // Async work cannot run in `drop`; a short-lived thread with its own runtime can.
                let _ = std::thread::spawn(move || {
                    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    rt.block_on(async move {
                        use sqlx::{Connection, Executor};
                        pool.close().await;
                        if let Ok(mut admin) = sqlx::AnyConnection::connect(&admin_url).await {
                            let _ = admin
                                .execute(
                                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                                )
                                .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// Runs one async test body against SQLite and against PostgreSQL, as two named tests.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let test_db = $crate::common::TestDb::sqlite().await;
                    super::$name(test_db.db.clone()).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let test_db = $crate::common::TestDb::postgres().await;
                    super::$name(test_db.db.clone()).await;
                }
            }
        )*
    };
}

/// Runs one async test body taking the whole [`TestDb`] (to reopen it) on both engines.
#[macro_export]
macro_rules! on_both_engines_with_url {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let test_db = $crate::common::TestDb::sqlite().await;
                    super::$name(&test_db).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let test_db = $crate::common::TestDb::postgres().await;
                    super::$name(&test_db).await;
                }
            }
        )*
    };
}

/// Serves the router on a free local port through `dimos serve`'s own path (peer addresses
/// known; the sandbox bank's callbacks, status queries and refunds go over real HTTP).
/// Returns the base URL.
pub async fn serve(db: Db, env: impl Fn(&str) -> Option<String>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let base_for_config = base.clone();
    let router = router_with(db, move |key| {
        env(key).or_else(|| (key == "DIMOS_PUBLIC_BASE_URL").then(|| base_for_config.clone()))
    })
    .await;
    tokio::spawn(dimos_server::serve(
        listener,
        router,
        std::future::pending(),
    ));
    base
}

/// The router as `dimos serve --seed-demo` builds it (demonstration mode: the sandbox bank
/// takes payments), over the given database.
pub async fn router(db: Db) -> axum::Router {
    router_with(db, |_| None).await
}

/// The configuration the tests run with: demonstration mode unless `env` says otherwise,
/// and an outbox of their own.
pub fn config_with(env: impl Fn(&str) -> Option<String>) -> Config {
    let outbox = std::env::temp_dir().join(format!("dimos-outbox-{}", uuid::Uuid::new_v4()));
    let outbox = outbox.display().to_string();
    Config::from_sources(Default::default(), |key| {
        env(key).or_else(|| match key {
            "DIMOS_OUTBOX_DIR" => Some(outbox.clone()),
            "DIMOS_DEMO" => Some("on".into()),
            _ => None,
        })
    })
    .expect("config")
}

/// The router with some configuration variables set (e.g. a low rate limit).
pub async fn router_with(db: Db, env: impl Fn(&str) -> Option<String>) -> axum::Router {
    let config = config_with(env);
    build_router(AppState::new(&config, db).await.expect("state"))
}

/// A bank whose answers to status queries the test sets: a payment it knows answers with
/// its report (or `None`: nothing happened at the bank), one it does not know is unreachable.
pub struct FakeBank(
    pub std::collections::HashMap<String, Option<app::backend::gateway::BankReport>>,
);

impl app::backend::gateway::PaymentGateway for FakeBank {
    fn start<'a>(
        &'a self,
        _: app::backend::gateway::Checkout<'a>,
    ) -> app::backend::gateway::GatewayFuture<'a, app::backend::gateway::CheckoutStarted> {
        Box::pin(async { Err(app::backend::gateway::GatewayError::Unreachable) })
    }
    fn read_callback<'a>(
        &'a self,
        _: &'a [u8],
    ) -> app::backend::gateway::GatewayFuture<'a, Option<app::backend::gateway::BankReport>> {
        Box::pin(async { Ok(None) })
    }
    fn query<'a>(
        &'a self,
        payment: app::backend::gateway::PaymentAtBank<'a>,
    ) -> app::backend::gateway::GatewayFuture<'a, Option<app::backend::gateway::BankReport>> {
        let answer = self.0.get(payment.id).cloned();
        Box::pin(async move { answer.ok_or(app::backend::gateway::GatewayError::Unreachable) })
    }
    fn refund<'a>(
        &'a self,
        _: app::backend::gateway::PaymentAtBank<'a>,
        _: &'a str,
        _: app::domain::Money,
    ) -> app::backend::gateway::GatewayFuture<'a, app::backend::gateway::RefundAnswer> {
        Box::pin(async { Err(app::backend::gateway::GatewayError::Unreachable) })
    }
}
