//! Reusable UI pieces: the page frame (header, footer, language switch).

pub mod layout;

pub use layout::{Footer, Header};
