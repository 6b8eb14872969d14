//! Reusable UI pieces: the page frame and form fields.

pub mod form;
pub mod layout;
pub mod title;

pub use form::{
    filter_select, Choice, ErrorSummary, Field, FormState, Notice, PayButtons, TextArea,
};
pub use layout::{staff_areas, Footer, Header, StaffArea};
pub use title::{escape_html, push_escaped, PageDescription, PageTitle};
