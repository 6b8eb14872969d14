//! The Dimos server: configuration, router, middleware, static files and CLI commands.

pub mod access;
pub mod bank;
pub mod bank_inbox;
pub mod bench;
pub mod bench_bank;
pub mod bench_campaign;
pub mod bench_pdf;
pub mod cli;
pub mod config;
pub mod demo;
pub mod downloads;
pub mod form_replies;
pub mod http;
pub mod imports;
pub mod middleware;
pub mod notice_files;
pub mod redirect;
pub mod sandbox_bank;
pub mod sandbox_taxisnet;
pub mod state;
pub mod static_files;
pub mod taxisnet;
pub mod whole_pages;

pub use config::Config;
pub use http::{build_router, serve};
pub use state::AppState;
