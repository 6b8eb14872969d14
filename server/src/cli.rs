//! The command line: `serve` (default), `migrate`, `seed-demo`, `create-admin`,
//! `import-fines`, `import-tax-records`, `import-debts`, `import-notices`, `bench-payments`,
//! `bench-tax`, `bench-import-debts`, `bench-notice-pdf`, `bench-campaign`, `sandbox-camt054`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "dimos", version, about = "Dimos municipal e-services portal")]
pub struct Cli {
    /// Optional TOML configuration file; environment variables override it.
    #[arg(long, global = true, env = "DIMOS_CONFIG")]
    pub config: Option<PathBuf>,

    /// Allow demonstration mode (DIMOS_DEMO=on) on an https public address: only for a
    /// deliberate public demonstration (same as DIMOS_ALLOW_DEMO=on).
    #[arg(long, global = true)]
    pub allow_demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the portal (the default).
    Serve {
        /// Load the demo data before serving (local demonstrations only).
        #[arg(long)]
        seed_demo: bool,
    },
    /// Apply the database migrations and exit.
    Migrate,
    /// Load the demo accounts (idempotent) and print their logins.
    SeedDemo,
    /// Create an administrator. The password is read from DIMOS_ADMIN_PASSWORD or, if that
    /// is unset, from the first line of standard input; never from an argument.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Import issued traffic tickets from the municipal police's CSV export (see README for
    /// the columns); prints how many went in and every bad row by line and reason.
    ImportFines {
        /// The CSV file.
        file: PathBuf,
    },
    /// Import the municipality's register of debts from its financial system's CSV export
    /// (see README for the columns): a row whose municipality reference is known updates
    /// that debt; prints what was added, updated or unchanged and every bad row.
    ImportDebts {
        /// The CSV file.
        file: PathBuf,
    },
    /// Import notices the financial system issued, each with its own reference and RF (see
    /// README for the columns): their debts go on them, an older notice of those debts is
    /// replaced; a notice already imported is left as it is.
    ImportNotices {
        /// The CSV file.
        file: PathBuf,
    },
    /// Write a sandbox bank's camt.054 file to standard output (demonstration mode only): one
    /// credit transfer per `RF=AMOUNT` (amount as `12.34`), booked today, for the cashier to
    /// import at /staff/bank.
    SandboxCamt054 {
        /// `RF=AMOUNT` pairs, e.g. `RF18539007547034=12.34`.
        #[arg(required = true)]
        transfers: Vec<String>,
    },
    /// Measure the debts import of FILE against a raw bulk insert of the same rows into the
    /// same database (a scratch table, dropped after): never on a real one.
    BenchImportDebts {
        /// The CSV file (the register's columns).
        file: PathBuf,
    },
    /// Measure card payments created and completed per second through the sandbox bank on
    /// the configured database (adds test fees and a bench payer to it: never on a real one).
    BenchPayments {
        #[arg(long, default_value_t = 500)]
        count: usize,
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
    },
    /// Measure municipal tax declarations submitted and paid (one act) per second through
    /// the sandbox bank (adds a bench representative and businesses: never on a real one).
    BenchTax {
        #[arg(long, default_value_t = 500)]
        count: usize,
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
    },
    /// Measure notice PDFs typeset per second on one core (receipt PDFs in the same run
    /// as the reference) and a notice's size by its number of debts.
    BenchNoticePdf {
        #[arg(long, default_value_t = 300)]
        count: usize,
    },
    /// Measure an e-mail campaign: `debtors` notices issued and e-mailed with their PDF to
    /// the SMTP server at DIMOS_SMTP_URL, and the memory through the run (adds debts to
    /// the configured database: never on a real one).
    /// Measure the reconciliation of a camt.054 of `entries` exact transfers, each paying a
    /// live notice (adds debts and notices to the configured database: never on a real
    /// one).
    BenchReconcile {
        #[arg(long, default_value_t = 100_000)]
        entries: usize,
    },
    BenchCampaign {
        #[arg(long, default_value_t = 13_000)]
        debtors: usize,
        #[arg(long, default_value_t = 1000)]
        per_second: u32,
        #[arg(long, default_value_t = 8)]
        at_once: usize,
    },
    /// Import warrants (`warrants`) from CSV (see README for the columns); prints how many
    /// went in and every bad row. Debts go into the register: `import-debts`.
    ImportTaxRecords {
        /// `warrants`.
        kind: String,
        /// The CSV file.
        file: PathBuf,
    },
}
