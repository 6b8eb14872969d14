//! Route components: one module per area.

mod accessibility;
mod account;
mod business;
pub mod guard;
mod home;
mod not_found;
mod privacy;
mod staff;

pub use accessibility::AccessibilityPage;
pub use account::{
    AccountPage, ConfirmEmailPage, ForgotPasswordPage, ForgotSentPage, LoginPage, RegisterPage,
    RegisterSentPage, ResetPasswordPage,
};
pub use business::BusinessPage;
pub use home::HomePage;
pub use not_found::NotFound;
pub use privacy::PrivacyPage;
pub use staff::{AuditPage, StaffAccountsPage, StaffHomePage, VerificationsPage};
