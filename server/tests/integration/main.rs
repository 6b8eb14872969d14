//! The integration tests, one binary (one link): every module runs against SQLite and
//! PostgreSQL through `on_both_engines!`; `common` holds the test databases and clients.

// A test stops at the first surprise: panicking on it is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;

mod accounts;
mod authorization;
mod bank_files;
mod bank_queue;
mod campaigns;
mod cashier;
mod database;
mod debts;
mod debts_migration;
mod fines;
mod fuzz;
mod house;
mod http;
mod notices;
mod payment_faults;
mod payments;
mod security;
mod staff;
mod submissions;
mod tax;
mod taxisnet;
mod viva;
