//! Dimos, the municipal e-services portal: shared domain rules, translations, server
//! functions, pages and components. `ssr` builds the server side, `hydrate` the browser side.

pub mod api;
mod app;
pub mod auth;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod site;
pub mod views;

#[cfg(feature = "ssr")]
pub mod backend;

pub use app::{shell, App};

/// Browser entry point: hydrates the interactive islands of a server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
