//! The frame around every page: skip link, header with navigation and language switch, footer.

use crate::api::accounts::Logout;
use crate::auth::current_user;
use crate::domain::account::Role;
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
            // Phones get the menu behind one button (a disclosure: no script needed); wider
            // screens get it as a row. Only one of the two is displayed.
            <details class="site-nav site-nav--compact">
                <summary>{t(Msg::MenuButton)}</summary>
                <nav aria-label=t(Msg::MainNavigation)>{nav_links(&here)}</nav>
            </details>
            <nav class="site-nav site-nav--wide" aria-label=t(Msg::MainNavigation)>
                {nav_links(&here)}
            </nav>
        </header>
    }
}

/// A staff area: where it is, its name in the menu, and its longer name on the staff home.
pub struct StaffArea {
    pub href: &'static str,
    pub menu: Msg,
    pub title: Msg,
}

/// The staff areas of a role, in the order its work comes.
pub fn staff_areas(role: Role) -> &'static [StaffArea] {
    const fn area(href: &'static str, menu: Msg, title: Msg) -> StaffArea {
        StaffArea { href, menu, title }
    }
    const CLERK: &[StaffArea] = &[
        area("/staff/inbox", Msg::MenuInbox, Msg::StaffInboxLink),
        area(
            "/staff/verifications",
            Msg::MenuVerifications,
            Msg::StaffVerificationsLink,
        ),
        area("/staff/fines", Msg::MenuFines, Msg::StaffFinesLink),
        area("/staff/tax", Msg::MenuTax, Msg::StaffTaxLink),
        area("/staff/debts", Msg::MenuDebts, Msg::StaffDebtsLink),
        area(
            "/staff/campaigns",
            Msg::MenuCampaigns,
            Msg::StaffCampaignsLink,
        ),
    ];
    const CASHIER: &[StaffArea] = &[
        area("/staff/payments", Msg::MenuPayments, Msg::StaffCashierLink),
        area("/staff/bank", Msg::MenuBank, Msg::StaffBankLink),
        area("/staff/fines", Msg::MenuFines, Msg::StaffFinesLink),
        area("/staff/tax", Msg::MenuTax, Msg::StaffTaxLink),
        area("/staff/debts", Msg::MenuDebts, Msg::StaffDebtsLink),
        area(
            "/staff/campaigns",
            Msg::MenuCampaigns,
            Msg::StaffCampaignsLink,
        ),
    ];
    const ADMIN: &[StaffArea] = &[
        area("/staff/accounts", Msg::MenuAccounts, Msg::StaffAccountsLink),
        area(
            "/staff/departments",
            Msg::MenuDepartments,
            Msg::StaffDepartmentsLink,
        ),
        area(
            "/staff/fine-types",
            Msg::MenuCatalogue,
            Msg::StaffCatalogueLink,
        ),
        area("/staff/tax/rates", Msg::MenuRates, Msg::StaffTaxRatesLink),
        area(
            "/staff/debt-categories",
            Msg::MenuDebtCategories,
            Msg::StaffDebtCategoriesLink,
        ),
        area("/staff/fees", Msg::MenuFees, Msg::StaffFeesLink),
        area("/staff/audit", Msg::MenuAudit, Msg::StaffAuditLink),
    ];
    match role {
        Role::Clerk => CLERK,
        Role::Cashier => CASHIER,
        Role::Admin => ADMIN,
        Role::Citizen => &[],
    }
}

/// The menu's links: the public ones, then the signed-in user's (a citizen's own pages, or
/// a staff member's areas), and sign-in or sign-out. Areas the user may not enter are left
/// out; the server refuses them anyway.
fn nav_links(here: &str) -> impl IntoView {
    let current =
        |path: &str| (here == path || here.starts_with(&format!("{path}/"))).then_some("page");
    let home = view! {
        <li><a href="/" aria-current=(here == "/").then_some("page")>{t(Msg::NavHome)}</a></li>
    };
    let user = current_user();
    let public = user.as_ref().is_none_or(|u| !u.role.is_staff()).then(|| {
        view! {
            <li><a href="/#services">{t(Msg::NavServices)}</a></li>
            <li><a href="/comment" aria-current=current("/comment")>{t(Msg::NavComment)}</a></li>
        }
    });
    let personal = match user {
        None => view! {
            <li><a href="/login" aria-current=current("/login")>{t(Msg::NavSignIn)}</a></li>
        }
        .into_any(),
        Some(user) if user.role.is_staff() => {
            let areas = staff_areas(user.role)
                .iter()
                .map(|a| view! { <li><a href=a.href aria-current=current(a.href)>{t(a.menu)}</a></li> })
                .collect_view();
            view! {
                <li><a href="/staff" aria-current=(here == "/staff").then_some("page")>{t(Msg::NavStaff)}</a></li>
                {areas}
                <li><a href="/account" aria-current=current("/account")>{t(Msg::NavAccount)}</a></li>
                <li><SignOut /></li>
            }
            .into_any()
        }
        Some(_) => view! {
            <li><a href="/my" aria-current=current("/my")>{t(Msg::NavMyHall)}</a></li>
            <li><a href="/submissions" aria-current=current("/submissions")>{t(Msg::NavSubmissions)}</a></li>
            <li><a href="/debts" aria-current=current("/debts")>{t(Msg::NavDebts)}</a></li>
            <li><a href="/notices" aria-current=current("/notices")>{t(Msg::NavNotices)}</a></li>
            <li><a href="/payments" aria-current=current("/payments")>{t(Msg::NavPayments)}</a></li>
            <li><a href="/business" aria-current=current("/business")>{t(Msg::NavBusiness)}</a></li>
            <li><a href="/account" aria-current=current("/account")>{t(Msg::NavAccount)}</a></li>
            <li><SignOut /></li>
        }
        .into_any(),
    };
    view! { <ul>{home}{public}{personal}</ul> }
}

#[component]
fn SignOut() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    view! {
        <ActionForm action=logout>
            <button type="submit" class="link-button">{t(Msg::SignOut)}</button>
        </ActionForm>
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
