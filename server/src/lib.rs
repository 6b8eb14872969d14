//! The Dimos server: configuration, router, middleware, static files and CLI commands.

pub mod bench;
pub mod cli;
pub mod config;
pub mod demo;
pub mod documents;
pub mod http;
pub mod sandbox_bank;
pub mod state;
pub mod static_files;

pub use config::Config;
pub use http::{build_router, serve};
pub use state::AppState;
