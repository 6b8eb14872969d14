//! The authorization matrix: every registered server function and every plain route, with
//! who may call it. The authorization and fuzz tests both read it.

use app::domain::account::Role;

/// Who may call each server function. A server function missing here fails the test.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Access {
    Public,
    SignedIn,
    /// Signed in and owner of the record named in the call (staff whose work it is may
    /// see some records too: a cashier any receipt, fine staff any ticket).
    Owner,
    Roles(&'static [Role]),
    /// A bank's call: no session, authenticated by its signature (the payments tests try
    /// forged and replayed ones).
    Signed,
}

pub const MATRIX: &[(&str, Access)] = &[
    ("/api/register", Access::Public),
    ("/api/confirm_email", Access::Public),
    ("/api/login", Access::Public),
    ("/api/forgot_password", Access::Public),
    ("/api/reset_password", Access::Public),
    ("/api/logout", Access::SignedIn),
    ("/api/change_password", Access::SignedIn),
    ("/api/my_account", Access::SignedIn),
    ("/api/my_town_hall", Access::SignedIn),
    ("/api/update_profile", Access::SignedIn),
    ("/api/request_verification", Access::SignedIn),
    ("/api/register_business", Access::SignedIn),
    ("/api/request_business_verification", Access::Owner),
    ("/api/pending_verifications", Access::Roles(&[Role::Clerk])),
    ("/api/decide_verification", Access::Roles(&[Role::Clerk])),
    ("/api/staff_accounts", Access::Roles(&[Role::Admin])),
    ("/api/create_staff", Access::Roles(&[Role::Admin])),
    ("/api/set_role", Access::Roles(&[Role::Admin])),
    ("/api/audit_log", Access::Roles(&[Role::Admin])),
    (
        "/api/staff_dashboard",
        Access::Roles(&[Role::Clerk, Role::Cashier, Role::Admin]),
    ),
    (
        "/api/departments",
        Access::Roles(&[Role::Clerk, Role::Cashier, Role::Admin]),
    ),
    ("/api/add_department", Access::Roles(&[Role::Admin])),
    ("/api/set_department_active", Access::Roles(&[Role::Admin])),
    ("/api/set_staff_department", Access::Roles(&[Role::Admin])),
    ("/api/send_comment", Access::Public),
    ("/api/submit", Access::SignedIn),
    ("/api/my_submissions", Access::SignedIn),
    ("/api/my_submission", Access::Owner),
    ("/api/inbox", Access::Roles(&[Role::Clerk])),
    ("/api/staff_submission", Access::Roles(&[Role::Clerk])),
    (
        "/api/change_submission_status",
        Access::Roles(&[Role::Clerk]),
    ),
    ("/api/respond_submission", Access::Roles(&[Role::Clerk])),
    ("/api/assign_submission", Access::Roles(&[Role::Clerk])),
    ("/api/mark_comment_spam", Access::Roles(&[Role::Clerk])),
    ("/api/register_protocol", Access::Roles(&[Role::Clerk])),
    ("/api/submission_counts", Access::Roles(&[Role::Clerk])),
    // Tickets are paid without an account too (by whoever proved them).
    ("/api/pay", Access::Public),
    ("/api/payment_view", Access::Owner),
    ("/api/test_items", Access::SignedIn),
    ("/api/my_payments", Access::SignedIn),
    ("/api/receipt_view", Access::Owner),
    ("/api/cashier_payments", Access::Roles(&[Role::Cashier])),
    ("/api/cashier_payment", Access::Roles(&[Role::Cashier])),
    ("/api/refund_payment", Access::Roles(&[Role::Cashier])),
    ("/api/ask_bank_again", Access::Roles(&[Role::Cashier])),
    ("/api/ticket_types", Access::Public),
    ("/api/fine_step_one", Access::Public),
    ("/api/find_fine", Access::Public),
    ("/api/fine_view", Access::Owner),
    (
        "/api/staff_fines",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/review_fine",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/fine_import_report",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    ("/api/fine_catalogue", Access::Roles(&[Role::Admin])),
    ("/api/add_fine_type", Access::Roles(&[Role::Admin])),
    ("/api/my_tax", Access::Owner),
    ("/api/declare_tax", Access::Owner),
    ("/api/tax_declaration", Access::Owner),
    (
        "/api/staff_declarations",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/staff_business_file",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    // Debts: only of an ΑΦΜ proved to be the caller's (a business named is theirs).
    ("/api/my_debts", Access::Owner),
    ("/api/pay_debts", Access::Owner),
    ("/api/my_notices", Access::Owner),
    ("/api/create_notice", Access::Owner),
    ("/api/notice", Access::Owner),
    ("/api/fee_offers", Access::SignedIn),
    ("/api/issue_fee", Access::Owner),
    (
        "/api/staff_notices",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/staff_create_notice",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    ("/api/fee_catalogue", Access::Roles(&[Role::Admin])),
    ("/api/bank_file", Access::Roles(&[Role::Cashier])),
    (
        "/api/record_counter_payment",
        Access::Roles(&[Role::Cashier]),
    ),
    ("/api/bank_queue", Access::Roles(&[Role::Cashier])),
    ("/api/bank_transfer", Access::Roles(&[Role::Cashier])),
    (
        "/api/campaigns",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/campaign_progress",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/start_campaign",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/stop_campaign",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/resume_campaign",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/resolve_bank_transfer",
        Access::Roles(&[Role::Cashier]),
    ),
    ("/api/add_fee_version", Access::Roles(&[Role::Admin])),
    ("/api/my_debtor_card", Access::Owner),
    (
        "/api/search_debtors",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/staff_debtor_card",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/debt_for_staff",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/debt_categories",
        Access::Roles(&[Role::Clerk, Role::Cashier, Role::Admin]),
    ),
    (
        "/api/save_debt",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/cancel_debt",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/posted_and_collected",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/debt_import_status",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    ("/api/add_debt_category", Access::Roles(&[Role::Admin])),
    ("/api/add_warrant", Access::Roles(&[Role::Cashier])),
    ("/api/mark_warrant_paid", Access::Roles(&[Role::Cashier])),
    (
        "/api/tax_import_report",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "/api/tax_rates",
        Access::Roles(&[Role::Admin, Role::Clerk, Role::Cashier]),
    ),
    ("/api/add_tax_rate", Access::Roles(&[Role::Admin])),
    ("/api/add_tax_settings", Access::Roles(&[Role::Admin])),
    ("/api/add_tax_category", Access::Roles(&[Role::Admin])),
    ("/api/business_categories", Access::SignedIn),
    // Anyone holding a receipt may check it (rate-limited; nothing personal shown).
    ("/api/check_receipt", Access::Public),
    ("/api/check_receipt_code", Access::Public),
    // The person TAXISnet proved, before they have an account: their own pending cookie.
    ("/api/taxisnet_pending", Access::Public),
    ("/api/finish_taxisnet_sign_up", Access::Public),
    ("/api/confirm_taxisnet_email", Access::Public),
];

/// The routes that are not pages or server functions (`.route(...)` in `server/src`):
/// method, path as registered, who may call it. A route missing here fails the test.
pub const ROUTES: &[(&str, &str, Access)] = &[
    ("GET", "/healthz", Access::Public),
    ("GET", "/lang/{code}", Access::Public),
    // Viva checks its webhook address with a GET before sending to it.
    ("GET", "/payments/callback", Access::Public),
    ("POST", "/payments/callback", Access::Signed),
    // The payer back from the bank: what the return says is checked with the bank.
    ("GET", "/payments/return", Access::Public),
    // The sandbox bank's hosted page (demonstration only) takes signed orders.
    ("GET", "/sandbox-bank/pay", Access::Signed),
    ("POST", "/sandbox-bank/pay", Access::Signed),
    ("POST", "/sandbox-bank/status", Access::Signed),
    ("POST", "/sandbox-bank/refund", Access::Signed),
    // TAXISnet sign-in: anyone may start one; linking is for the signed-in; the answer
    // counts only with the flow cookie of the browser that began it (taxisnet tests).
    ("GET", "/auth/taxisnet", Access::Public),
    ("GET", "/auth/taxisnet/link", Access::SignedIn),
    ("GET", "/auth/taxisnet/callback", Access::Public),
    ("GET", "/auth/taxisnet/logout", Access::Public),
    // The stand-in TAXISnet (demonstration only): its login page answers registered
    // requests only; token and userinfo need the client's keys or a token it issued.
    (
        "GET",
        "/sandbox-taxisnet/oauth2server/oauth/authorize",
        Access::Public,
    ),
    (
        "POST",
        "/sandbox-taxisnet/oauth2server/oauth/authorize",
        Access::Public,
    ),
    (
        "POST",
        "/sandbox-taxisnet/oauth2server/oauth/token",
        Access::Signed,
    ),
    (
        "GET",
        "/sandbox-taxisnet/oauth2server/userinfo",
        Access::Signed,
    ),
    (
        "GET",
        "/sandbox-taxisnet/oauth2server/logout/{id}/",
        Access::Public,
    ),
    ("GET", "/payments/{id}/receipt.pdf", Access::Owner),
    ("GET", "/notices/{id}/pdf", Access::Owner),
    (
        "GET",
        "/staff/payments-export.csv",
        Access::Roles(&[Role::Cashier]),
    ),
    (
        "GET",
        "/staff/tax/declarations.csv",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "GET",
        "/staff/campaigns/{id}/failures.csv",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "POST",
        "/staff/bank/import",
        Access::Roles(&[Role::Cashier]),
    ),
    (
        "POST",
        "/staff/fines/import",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "POST",
        "/staff/tax/import",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "POST",
        "/staff/debts/import",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
    (
        "GET",
        "/staff/debts/report.csv",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
];

/// Plausible arguments for every function (unknown ones are ignored), so refusals are
/// about the caller only.
pub fn plausible_args(
    business_id: &str,
    submission_id: &str,
    user_id: &str,
) -> Vec<(&'static str, String)> {
    let args: Vec<(&'static str, &str)> = vec![
        ("business_id", business_id),
        ("kind", "user"),
        ("id", submission_id),
        ("decision", "approve"),
        ("note", "x"),
        ("user_id", user_id),
        ("role", "clerk"),
        ("email", "x@example.gr"),
        ("full_name", "X"),
        ("password", "a long password"),
        ("password_confirm", "a long password"),
        ("current", "a long password"),
        ("afm", "090000045"),
        ("address", "A"),
        ("father_name", "B"),
        ("phone", ""),
        ("name", "N"),
        ("legal_form", "oe"),
        ("activity", "catering"),
        ("vat_period", "monthly"),
        ("token", "x"),
        ("subject", "S"),
        ("text", "T"),
        ("desired_action", ""),
        ("status", "under_review"),
        ("response", "R"),
        ("department", "D"),
        ("reference", "R-1"),
        ("debtor_name", "N"),
        ("debt_id", "00000000-0000-4000-8000-000000000000"),
        ("debtor_id", "00000000-0000-4000-8000-000000000000"),
        ("notice_id", "00000000-0000-4000-8000-000000000000"),
        ("transfer_id", "00000000-0000-4000-8000-000000000000"),
        ("resolution", "refund"),
        ("import_id", "00000000-0000-4000-8000-000000000000"),
        ("query", "Παπαδ"),
        ("cancel_reason", "Λάθος"),
        ("purpose_id", "none"),
        ("payment_id", "none"),
        ("refund_id", "none"),
        ("amount", "1"),
        ("reason", "R"),
        ("municipality_code", "1234"),
        ("ticket_type", "P01"),
        ("ticket_number", "2026000001"),
        ("plate", "ΝΑΒ1234"),
        ("date", "2026-10-01"),
        ("time", "10:00"),
        ("q", ""),
        ("code", "P09"),
        ("valid_from", "2030-01-01"),
        ("description_el", "Δ"),
        ("description_en", "D"),
        ("discount_days", "0"),
        ("discount_percent", "0"),
        ("surcharge_after_days", "0"),
        ("surcharge_percent", "0"),
        ("max_age_days", "365"),
        ("period", "1"),
        ("year", "2026"),
        ("revenue", "1000"),
        ("vat_filed_on", "2026-02-10"),
        ("debt_number", "D-1"),
        ("description", "D"),
        ("principal", "10"),
        ("due_date", "2026-01-31"),
        ("certified_on", "2026-02-01"),
        ("warrant_number", "W-1"),
        ("warrant_date", "2026-02-01"),
        ("warrant_id", "none"),
        ("category", "catering"),
        ("rate", "0.5"),
        ("fine_percent", "2"),
        ("fine_cap", "100"),
        ("interest_percent", "0.73"),
        ("name_el", "Κ"),
        ("name_en", "C"),
        ("category_rate", "1"),
        ("active", "1"),
        ("check_code", "ABCDE-FGHJK"),
        ("settings_from", "2030-01-01"),
        ("warrant_afm", "090000045"),
        ("warrant_description", "W"),
    ];
    args.into_iter().map(|(k, v)| (k, v.to_owned())).collect()
}
