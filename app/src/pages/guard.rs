//! Page-level access: send anonymous visitors to sign in, show "no access" to wrong roles.
//! Cosmetic only: every server function checks again.

use crate::auth::{current_user, SessionUser};
use crate::components::PageTitle;
use crate::domain::account::Role;
use crate::i18n::{t, Msg};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

/// The signed-in user, or a redirect to the sign-in page that comes back here.
pub fn signed_in() -> Option<SessionUser> {
    let user = current_user();
    if user.is_none() {
        send_to_sign_in();
    }
    user
}

/// Answers this page with a redirect to the sign-in page, which comes back here after.
pub fn send_to_sign_in() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        // A page request, whatever its Accept header: always a real redirect.
        let here = use_location().pathname.get_untracked();
        let login = format!("/login?next={}", crate::i18n::percent_encode(&here, true));
        if let Ok(location) = http::HeaderValue::from_str(&login) {
            response.insert_header(http::header::LOCATION, location);
            response.set_status(http::StatusCode::FOUND);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = use_location;
}

/// The signed-in user if they hold one of `roles`; `Err` holds the page to show instead.
pub fn with_role(roles: &[Role]) -> Result<SessionUser, AnyView> {
    let Some(user) = signed_in() else {
        return Err(().into_any());
    };
    if roles.contains(&user.role) {
        Ok(user)
    } else {
        Err(view! { <Forbidden /> }.into_any())
    }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    view! {
        <PageTitle text=t(Msg::ForbiddenTitle) />
        <h1>{t(Msg::ForbiddenTitle)}</h1>
        <p>{t(Msg::ForbiddenText)}</p>
    }
}

/// One query-string value of the current page.
pub fn query(name: &str) -> Option<String> {
    use_query_map().get_untracked().get(name)
}
