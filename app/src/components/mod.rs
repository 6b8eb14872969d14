//! Reusable UI pieces: the page frame and form fields.

pub mod form;
pub mod layout;

pub use form::{Choice, ErrorSummary, Field, FormState, Notice, TextArea};
pub use layout::{Footer, Header};
