//! Route components: one module per page.

mod accessibility;
mod home;
mod not_found;
mod privacy;

pub use accessibility::AccessibilityPage;
pub use home::HomePage;
pub use not_found::NotFound;
pub use privacy::PrivacyPage;
