//! The authorization matrix: every registered server function, with who may call it, tried
//! against anonymous, wrong-role and other-owner callers on both engines.

mod common;

use app::backend::Db;
use app::domain::account::Role;
use app::error::AppError;
use axum::http::StatusCode;
use common::client::*;

/// Who may call each server function. A server function missing here fails the test.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Access {
    Public,
    SignedIn,
    /// Signed in and owner of the record named in the call.
    Owner,
    Roles(&'static [Role]),
}

const MATRIX: &[(&str, Access)] = &[
    ("/api/register", Access::Public),
    ("/api/confirm_email", Access::Public),
    ("/api/login", Access::Public),
    ("/api/forgot_password", Access::Public),
    ("/api/reset_password", Access::Public),
    ("/api/logout", Access::SignedIn),
    ("/api/change_password", Access::SignedIn),
    ("/api/my_account", Access::SignedIn),
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
    ("/api/pay", Access::SignedIn),
    ("/api/payment_view", Access::Owner),
    ("/api/test_items", Access::SignedIn),
    ("/api/my_payments", Access::SignedIn),
    ("/api/receipt_view", Access::Owner),
    ("/api/cashier_payments", Access::Roles(&[Role::Cashier])),
    ("/api/cashier_payment", Access::Roles(&[Role::Cashier])),
    ("/api/refund_payment", Access::Roles(&[Role::Cashier])),
    ("/api/ask_bank_again", Access::Roles(&[Role::Cashier])),
    ("/api/ticket_types", Access::SignedIn),
    ("/api/fine_step_one", Access::SignedIn),
    ("/api/find_fine", Access::SignedIn),
    ("/api/fine_view", Access::SignedIn),
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
    (
        "/api/add_tax_debt",
        Access::Roles(&[Role::Clerk, Role::Cashier]),
    ),
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
];

async fn every_server_function_refuses_the_wrong_callers(db: Db) {
    let router = common::router(db.clone());
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    assert!(!registered.is_empty(), "server functions are registered");
    for path in &registered {
        assert!(
            MATRIX.iter().any(|(p, _)| p == path),
            "{path} has no entry in the authorization matrix"
        );
    }
    for (path, _) in MATRIX {
        assert!(
            registered.iter().any(|p| p == path),
            "{path} is in the matrix but not registered"
        );
    }

    let (owner_id, _) = user_with_session(&db, "owner@example.gr", Role::Citizen).await;
    let (_, other) = user_with_session(&db, "other@example.gr", Role::Citizen).await;
    let business = db
        .create_business(
            &owner_id,
            app::backend::businesses::NewBusiness {
                afm: "090000045",
                name: "Owner's",
                legal_form: "oe",
                activity: "catering",
                vat_period: "monthly",
            },
        )
        .await
        .unwrap();
    let (owned_submission, _) = db
        .create_submission(app::backend::submissions::NewSubmission {
            kind: app::domain::submission::Kind::Request,
            user_id: Some(&owner_id),
            subject: "S",
            body: "B",
            desired_action: None,
        })
        .await
        .unwrap();
    let mut sessions = std::collections::HashMap::new();
    for role in [Role::Citizen, Role::Clerk, Role::Cashier, Role::Admin] {
        let (_, cookie) =
            user_with_session(&db, &format!("{}@matrix.example.gr", role.as_str()), role).await;
        sessions.insert(role, cookie);
    }
    // Plausible arguments for every function, so refusals are about the caller only.
    let args: &[(&str, &str)] = &[
        ("business_id", business.id.as_str()),
        ("kind", "user"),
        ("id", owned_submission.as_str()),
        ("decision", "approve"),
        ("note", "x"),
        ("user_id", owner_id.as_str()),
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
        ("settings_from", "2030-01-01"),
        ("warrant_afm", "090000045"),
        ("warrant_description", "W"),
    ];
    for (path, access) in MATRIX {
        if *access == Access::Public {
            continue;
        }
        let anonymous = post(&router, path, args, None).await;
        assert_eq!(
            app_error(&anonymous),
            AppError::Unauthenticated,
            "{path} anonymous"
        );
        if let Access::Roles(allowed) = access {
            for (role, cookie) in &sessions {
                if !allowed.contains(role) {
                    let reply = post(&router, path, args, Some(cookie)).await;
                    assert_eq!(app_error(&reply), AppError::Forbidden, "{path} as {role:?}");
                }
            }
        }
        if *access == Access::Owner {
            let reply = post(&router, path, args, Some(&other)).await;
            assert_eq!(
                app_error(&reply),
                AppError::NotFound,
                "{path} as another user"
            );
        }
    }
    // Pages are guarded too (cosmetically): a citizen opening /staff is refused.
    let page = get(
        &router,
        "/staff",
        sessions.get(&Role::Citizen).map(String::as_str),
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

on_both_engines!(every_server_function_refuses_the_wrong_callers);
