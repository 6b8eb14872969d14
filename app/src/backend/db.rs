//! The database: SQLite (embedded default) or PostgreSQL, chosen by the URL scheme, with
//! migrations for each engine. One query text serves both where their dialects agree.

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, AnyPool, Connection, Executor};
use std::path::Path;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn from_url(url: &str) -> Result<Engine, DbError> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else {
            Err(DbError::UnsupportedUrl)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported DATABASE_URL: use sqlite://path/to/file.db or postgres://user@host/db")]
    UnsupportedUrl,
    #[error("cannot create the database folder {path}")]
    CreateDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database error")]
    Sqlx(#[from] sqlx::Error),
    #[error("database migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("after the migrations, rows of {0} refer to rows that do not exist")]
    BrokenReference(String),
}

/// A connection pool plus the engine behind it; cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    engine: Engine,
}

/// Rows a load must write before PostgreSQL's statistics are refreshed after it.
const BULK_ROWS: u64 = 1_000;

impl Db {
    /// Connects (creating a SQLite file and its folder when missing) and checks the connection.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        install_default_drivers();
        let engine = Engine::from_url(url)?;
        let url = match engine {
            Engine::Sqlite => prepare_sqlite(url).await?,
            Engine::Postgres => url.to_owned(),
        };
        let pool = pool_options(engine).connect(&url).await?;
        Ok(Db { pool, engine })
    }

    /// A pool that connects on first use: for a server that must start (and answer
    /// `/healthz` with 503) even while the database is down.
    pub fn connect_lazy(url: &str) -> Result<Db, DbError> {
        install_default_drivers();
        let engine = Engine::from_url(url)?;
        let pool = pool_options(engine).connect_lazy(url)?;
        Ok(Db { pool, engine })
    }

    #[tracing::instrument(skip_all)]
    pub async fn migrate(&self) -> Result<(), DbError> {
        match self.engine {
            Engine::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
            Engine::Sqlite => {
                // SQLite changes a table's constraints by rebuilding it, which dropping a
                // table other tables refer to does not allow while foreign keys are
                // enforced (and the switch is ignored inside a migration's transaction).
                // The migrations run with enforcement off on one connection, and every
                // reference is checked afterwards.
                let mut conn = self.pool.acquire().await?;
                conn.execute("PRAGMA foreign_keys = OFF").await?;
                let migrated = SQLITE_MIGRATIONS.run(&mut *conn).await;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                migrated?;
                let broken: Vec<(String,)> =
                    sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                        .fetch_all(&mut *conn)
                        .await?;
                if let Some((table,)) = broken.first() {
                    return Err(DbError::BrokenReference(table.clone()));
                }
            }
        }
        Ok(())
    }

    /// A round trip to the database, for health checks.
    pub async fn ping(&self) -> Result<(), DbError> {
        let one: i64 = sqlx::query_scalar("SELECT 1").fetch_one(&self.pool).await?;
        debug_assert_eq!(one, 1);
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`, waiting out the busy timeout): a transaction that reads first and
    /// writes later would otherwise fail with "database is locked" whenever another
    /// connection wrote in between, since SQLite cannot upgrade a stale read snapshot.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.pool.begin().await,
        }
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Brings PostgreSQL's statistics of `tables` up to date after a bulk load (its advice
    /// for populating a database): until autovacuum gets to a freshly filled table, the
    /// planner guesses its size from its pages, and a bank file's joins on it were planned
    /// as scans — 9 s for one statement instead of milliseconds. A failure is only logged: the
    /// load is committed, and autovacuum analyses the table later anyway. Nothing on SQLite,
    /// whose planner needs no statistics for these lookups by key.
    pub async fn refresh_statistics(&self, tables: &[&str], rows_written: u64) {
        // A few rows leave the estimates as they were; autovacuum's threshold handles them.
        if self.engine != Engine::Postgres || tables.is_empty() || rows_written < BULK_ROWS {
            return;
        }
        if let Err(error) = sqlx::query(&format!("ANALYZE {}", tables.join(", ")))
            .execute(&self.pool)
            .await
        {
            tracing::warn!(%error, "the tables' statistics could not be refreshed");
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn pool_options(engine: Engine) -> AnyPoolOptions {
    let options = AnyPoolOptions::new()
        .acquire_timeout(Duration::from_secs(3))
        .max_connections(match engine {
            Engine::Sqlite => 4,
            Engine::Postgres => 16,
        });
    match engine {
        Engine::Postgres => options,
        // No ping before each use: an embedded database's connection cannot drop, and the
        // ping is a round trip to the connection's thread (measured: 2.5% of "my debts").
        // A page cache of 32 MiB per connection (SQLite's default is 2 MB): a large
        // import's index pages stay in memory instead of spilling to the log mid-transaction.
        Engine::Sqlite => options
            .test_before_acquire(false)
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                     PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;",
                    )
                    .await?;
                    Ok(())
                })
            }),
    }
}

/// Creates the file's folder, asks SQLite to create the file, and switches it to WAL once
/// (the mode is stored in the file; switching needs a lock a busy pool could not get).
async fn prepare_sqlite(url: &str) -> Result<String, DbError> {
    let path_part = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (path, query) = path_part.split_once('?').unwrap_or((path_part, ""));
    if let Some(parent) = Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(|source| DbError::CreateDir {
            path: parent.display().to_string(),
            source,
        })?;
    }
    let url = if query.contains("mode=") {
        url.to_owned()
    } else if query.is_empty() {
        format!("sqlite://{path}?mode=rwc")
    } else {
        format!("sqlite://{path}?{query}&mode=rwc")
    };
    let mut conn = AnyConnection::connect(&url).await?;
    conn.execute("PRAGMA journal_mode = WAL;").await?;
    conn.close().await?;
    Ok(url)
}
