//! The page shown (with status 404) for an address the portal does not have.

use crate::components::PageTitle;
use crate::i18n::{t, Msg};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageTitle text=t(Msg::NotFoundTitle) />
        <h1>{t(Msg::NotFoundTitle)}</h1>
        <p>{t(Msg::NotFoundText)}</p>
        <p>
            <a href="/">{t(Msg::NotFoundBack)}</a>
        </p>
    }
}
