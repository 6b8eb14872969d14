//! The HTML shell, the router and the security headers of every rendered page.

use crate::components::{escape_html, Footer, Header};
use crate::i18n::use_lang;
use crate::pages::*;
use crate::site::SiteInfo;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// Pages holding an `#[island]` (by path prefix): only these load the WASM bundle. Every
/// other page is plain server-rendered HTML and ships no script at all.
#[cfg(feature = "ssr")]
const ISLAND_PAGES: &[&str] = &["/business/tax"];

/// Whether the page being rendered holds an island.
fn page_has_islands() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .is_some_and(|parts| ISLAND_PAGES.iter().any(|p| parts.uri.path().starts_with(p)))
    }
    #[cfg(not(feature = "ssr"))]
    {
        true
    }
}

/// The document around the app. Islands mode: this renders on the server only, and the
/// browser hydrates just the `#[island]` components inside it, on the pages that have one.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    let _ = options;
    let assets = crate::site::Assets::current();
    // Islands wake when the person first reaches for one (focus, pointer, key), not while
    // the page loads: the page is complete without them, and loading stays free of the
    // WebAssembly's work. The files are fetched early at low priority.
    let scripts = page_has_islands().then(|| {
        view! {
            <link rel="prefetch" href=assets.app_js.clone() />
            <link rel="prefetch" href=assets.app_wasm.clone() />
            <script type="module" src=assets.islands_js.clone()
                data-island-js=assets.app_js.clone() data-island-wasm=assets.app_wasm.clone()></script>
        }
    });
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=assets.css.clone() />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                // Character counts and payment status; nothing depends on it.
                <script src=assets.forms_js.clone() defer></script>
                {scripts}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let name = SiteInfo::current().municipality_name(use_lang()).to_owned();
    view! {
        // Page titles arrive escaped (`PageTitle`); the municipality's name is escaped here.
        <Title formatter=move |page: String| format!("{page} — {}", escape_html(&name)) />
        <Router>
            <Header />
            <Main>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/accessibility") view=AccessibilityPage />
                    <Route path=path!("/privacy") view=PrivacyPage />
                    <Route path=path!("/check") view=CheckFormPage />
                    <Route path=path!("/check/:code") view=CheckPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/register") view=RegisterPage />
                    <Route path=path!("/register/sent") view=RegisterSentPage />
                    <Route path=path!("/taxisnet/welcome") view=TaxisnetWelcomePage ssr=SsrMode::Async />
                    <Route path=path!("/taxisnet/confirm") view=TaxisnetConfirmPage />
                    <Route path=path!("/account/confirm") view=ConfirmEmailPage />
                    <Route path=path!("/password/forgot") view=ForgotPasswordPage />
                    <Route path=path!("/password/sent") view=ForgotSentPage />
                    <Route path=path!("/password/reset") view=ResetPasswordPage />
                    // Pages that load data render whole before sending: no JavaScript needed.
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/my") view=MyTownHallPage ssr=SsrMode::Async />
                    <Route path=path!("/business") view=BusinessPage ssr=SsrMode::Async />
                    <Route path=path!("/staff") view=StaffHomePage ssr=SsrMode::Async />
                    <Route path=path!("/comment") view=CommentPage />
                    <Route path=path!("/comment/sent") view=CommentSentPage />
                    <Route path=path!("/submissions") view=MySubmissionsPage ssr=SsrMode::Async />
                    <Route path=path!("/submissions/new") view=SubmitPage />
                    <Route path=path!("/submissions/:id") view=SubmissionPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/inbox") view=InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/payments") view=MyPaymentsPage ssr=SsrMode::Async />
                    <Route path=path!("/payments/test") view=TestPaymentsPage ssr=SsrMode::Async />
                    <Route path=path!("/payments/:id") view=PaymentResultPage ssr=SsrMode::Async />
                    <Route path=path!("/payments/:id/receipt") view=ReceiptPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/payments") view=CashierPaymentsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/bank") view=BankPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/bank/files/:id") view=BankFilePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/bank/transfers/:id") view=BankTransferPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/campaigns") view=CampaignsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/campaigns/:id") view=CampaignPage ssr=SsrMode::Async />
                    <Route path=path!("/fines") view=FinesPage ssr=SsrMode::Async />
                    <Route path=path!("/fines/:id") view=FinePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/fines") view=StaffFinesPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/fine-types") view=FineCataloguePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/fines/imports/:id") view=FineImportPage ssr=SsrMode::Async />
                    <Route path=path!("/debts") view=MyDebtsPage ssr=SsrMode::Async />
                    <Route path=path!("/debts/card") view=DebtorCardPage ssr=SsrMode::Async />
                    <Route path=path!("/notices") view=MyNoticesPage ssr=SsrMode::Async />
                    <Route path=path!("/notices/:id") view=NoticePage ssr=SsrMode::Async />
                    <Route path=path!("/fees") view=FeesPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/fees") view=FeeCataloguePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/debts") view=StaffDebtsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/debts/new") view=NewDebtPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/debts/import") view=DebtImportPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/debts/imports/:id") view=DebtImportStatusPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/debts/report") view=DebtReportPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/debt/:id") view=StaffDebtPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/debtor/:id") view=StaffDebtorPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/debt-categories") view=DebtCategoriesPage ssr=SsrMode::Async />
                    <Route path=path!("/business/tax") view=TaxPage ssr=SsrMode::Async />
                    <Route path=path!("/business/tax/debts") view=TaxDebtsPage ssr=SsrMode::Async />
                    <Route path=path!("/business/tax/warrants") view=WarrantsPage ssr=SsrMode::Async />
                    <Route path=path!("/business/tax/declarations/:id") view=DeclarationPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/tax") view=StaffTaxPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/tax/businesses/:id") view=StaffBusinessFilePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/tax/records") view=StaffTaxRecordsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/tax/imports/:id") view=TaxImportReportPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/tax/rates") view=TaxRatesPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/payments/:id") view=CashierPaymentPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/inbox/:id") view=StaffSubmissionPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/verifications") view=VerificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/accounts") view=StaffAccountsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/departments") view=DepartmentsPage ssr=SsrMode::Async />
                </Routes>
            </Main>
            <Footer />
        </Router>
    }
}

/// The page's main region; the staff's pages (tables of work) use the screen's full width.
#[component]
fn Main(children: Children) -> impl IntoView {
    let wide = leptos_router::hooks::use_location()
        .pathname
        .get_untracked()
        .starts_with("/staff");
    view! { <main id="main" tabindex="-1" class:main--wide=wide>{children()}</main> }
}

/// A per-response CSP: inline scripts only with this render's nonce (Leptos' hydration
/// loader), WASM compilation allowed, nothing framed, forms posted only here.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use http::{header::CONTENT_SECURITY_POLICY, HeaderValue};
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        &*nonce
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
