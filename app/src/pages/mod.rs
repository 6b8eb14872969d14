//! Route components: one module per area.

mod accessibility;
mod account;
mod bank;
mod business;
mod campaigns;
mod cashier;
mod check;
mod debt_rows;
mod debts;
mod debts_staff;
mod fine_catalogue;
mod fines;
pub mod guard;
mod home;
mod imports;
mod inbox;
mod my;
mod not_found;
mod notices;
mod payments;
mod privacy;
mod staff;
mod submissions;
mod tax;
mod tax_form;
mod tax_staff;

pub use accessibility::AccessibilityPage;
pub use account::{
    AccountPage, ConfirmEmailPage, ForgotPasswordPage, ForgotSentPage, LoginPage, RegisterPage,
    RegisterSentPage, ResetPasswordPage, TaxisnetConfirmPage, TaxisnetWelcomePage,
};
pub use bank::{BankFilePage, BankPage, BankTransferPage};
pub use business::BusinessPage;
pub use campaigns::{CampaignPage, CampaignsPage};
pub use cashier::{CashierPaymentPage, CashierPaymentsPage};
pub use check::{CheckFormPage, CheckPage};
pub use debt_rows::debt_table_css;
pub use debts::{DebtorCardPage, MyDebtsPage};
pub use debts_staff::{
    DebtCategoriesPage, DebtImportPage, DebtImportStatusPage, DebtReportPage, NewDebtPage,
    StaffDebtPage, StaffDebtorPage, StaffDebtsPage,
};
pub use fine_catalogue::FineCataloguePage;
pub use fines::{FineImportPage, FinePage, FinesPage, StaffFinesPage};
pub use home::HomePage;
pub use inbox::{InboxPage, StaffSubmissionPage, SubmissionCounts};
pub use my::MyTownHallPage;
pub use not_found::NotFound;
pub use notices::{FeeCataloguePage, FeesPage, MyNoticesPage, NoticePage};
pub use payments::{MyPaymentsPage, PaymentResultPage, ReceiptPage, TestPaymentsPage};
pub use privacy::PrivacyPage;
pub use staff::{AuditPage, DepartmentsPage, StaffAccountsPage, StaffHomePage, VerificationsPage};
pub use submissions::{
    CommentPage, CommentSentPage, MySubmissionsPage, SubmissionPage, SubmitPage,
};
pub use tax::{DeclarationPage, TaxDebtsPage, TaxPage, WarrantsPage};
pub use tax_staff::{
    StaffBusinessFilePage, StaffTaxPage, StaffTaxRecordsPage, TaxImportReportPage, TaxRatesPage,
};
