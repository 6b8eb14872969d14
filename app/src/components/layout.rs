//! The frame around every page: skip link, header with navigation and language switch, footer.

use crate::api::accounts::Logout;
use crate::auth::current_user;
use crate::i18n::{percent_encode, t, use_lang, Msg};
use crate::site::SiteInfo;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let site = SiteInfo::current();
    let name = site.municipality_name(lang).to_owned();
    let location = use_location();
    let here = location.pathname.get_untracked();
    let other = lang.other();
    // A plain link to a server route: works without JavaScript and sets the cookie there.
    let switch_href = format!(
        "/lang/{}?next={}",
        other.code(),
        percent_encode(&here, true)
    );
    view! {
        <a class="skip-link" href="#main">{t(Msg::SkipToContent)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-header__brand" href="/">
                    <span class="site-header__name">{name}</span>
                    <span class="site-header__tagline">{t(Msg::SiteTagline)}</span>
                </a>
                <a
                    class="site-header__lang"
                    href=switch_href
                    rel="external"
                    hreflang=other.code()
                    lang=other.code()
                    aria-label=t(Msg::SwitchLanguageLabel)
                >
                    {t(Msg::SwitchLanguage)}
                </a>
            </div>
            <nav class="site-nav" aria-label=t(Msg::MainNavigation)>
                <ul>
                    <li>
                        <a href="/" aria-current=(here == "/").then_some("page")>
                            {t(Msg::NavHome)}
                        </a>
                    </li>
                    <li>
                        <a href="/#services">{t(Msg::NavServices)}</a>
                    </li>
                    <li>
                        <a href="/comment" aria-current=(here == "/comment").then_some("page")>
                            {t(Msg::NavComment)}
                        </a>
                    </li>
                    {account_links(&here)}
                </ul>
            </nav>
        </header>
    }
}

/// Sign-in link, or the signed-in user's pages and a sign-out button. Links to areas the
/// user may not enter are left out; the server refuses them anyway.
fn account_links(here: &str) -> impl IntoView {
    let current =
        |path: &str| (here == path || here.starts_with(&format!("{path}/"))).then_some("page");
    match current_user() {
        None => view! {
            <li>
                <a href="/login" aria-current=current("/login")>{t(Msg::NavSignIn)}</a>
            </li>
        }
        .into_any(),
        Some(user) => {
            let staff = user.role.is_staff().then(|| {
                view! { <li><a href="/staff" aria-current=current("/staff")>{t(Msg::NavStaff)}</a></li> }
            });
            let business = (!user.role.is_staff()).then(|| {
                view! { <li><a href="/business" aria-current=current("/business")>{t(Msg::NavBusiness)}</a></li> }
            });
            let logout = ServerAction::<Logout>::new();
            let submissions = (!user.role.is_staff()).then(|| {
                view! { <li><a href="/submissions" aria-current=current("/submissions")>{t(Msg::NavSubmissions)}</a></li> }
            });
            view! {
                {submissions}
                <li><a href="/account" aria-current=current("/account")>{t(Msg::NavAccount)}</a></li>
                {business}
                {staff}
                <li>
                    <ActionForm action=logout>
                        <button type="submit" class="link-button">{t(Msg::SignOut)}</button>
                    </ActionForm>
                </li>
            }
            .into_any()
        }
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let lang = use_lang();
    let site = SiteInfo::current();
    let name = site.municipality_name(lang).to_owned();
    view! {
        <footer class="site-footer">
            <nav aria-label=t(Msg::FooterLinks)>
                <ul>
                    <li>
                        <a href="/accessibility">{t(Msg::FooterAccessibility)}</a>
                    </li>
                    <li>
                        <a href="/privacy">{t(Msg::FooterPrivacy)}</a>
                    </li>
                </ul>
            </nav>
            <p>{name}</p>
            <p class="site-footer__small">{t(Msg::FooterPoweredBy)}</p>
        </footer>
    }
}
