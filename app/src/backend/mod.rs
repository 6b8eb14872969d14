//! Server-only code: the database and the queries of each capability, integrations (payment
//! gateways, protocol registers, e-mail), jobs, sessions and secrets. It fills the shapes of
//! `views` and uses the rules of `domain`; it never imports `api` or `pages`.

pub mod audit;
pub mod bank_files;
pub mod bank_pay;
pub mod bank_queue;
pub mod businesses;
pub mod campaign_mail;
pub mod campaign_notices;
pub mod campaigns;
pub mod camt054;
pub mod cashier;
pub mod counter_payments;
pub mod counters;
pub mod csv_export;
pub mod csv_import;
pub mod dashboard;
pub mod db;
pub mod debt_import;
pub mod debt_payments;
pub mod debtors;
pub mod debts;
pub mod demo_fees;
pub mod departments;
pub mod fees;
pub mod filter;
pub mod fine_import;
pub mod fines;
pub mod form_replies;
pub mod gateway;
pub mod guests;
pub mod identity;
pub mod jobs;
pub mod json_rows;
pub mod mailer;
pub mod notice_import;
pub mod notice_payments;
pub mod notice_pdf;
pub mod notices;
pub mod password;
pub mod payments;
pub mod pdf;
pub mod protocol;
pub mod qr;
pub mod receipt_pdf;
pub mod receipts;
pub mod secrets;
pub mod sessions;
pub mod smtp;
pub mod sql_types;
pub mod submissions;
pub mod tax;
pub mod tax_records;
pub mod tokens;
pub mod users;
pub mod xml;

pub use db::{Db, DbError, Engine};

/// Today in the municipality (its configured time zone).
pub fn today() -> crate::domain::time::Date {
    crate::domain::time::local_date(now_ms())
}

/// Milliseconds since the Unix epoch, the time format of every table.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
