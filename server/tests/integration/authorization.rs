//! The authorization matrix: every registered server function and every plain route, with
//! who may call it, tried against anonymous, wrong-role and other-owner callers on both
//! engines; records with an owner are real (created as their owner, who is let in).

use crate::common;
use app::backend::audit::Actor;
use app::backend::businesses::NewBusiness;
use app::backend::payments::Report;
use app::backend::tax::{DeclareOutcome, NewDeclaration};
use app::backend::Db;
use app::domain::account::{Role, VatPeriodType, VerificationStep};
use app::domain::payment::{PaymentEvent, PurposeKind};
use app::domain::tax::TaxPeriod;
use app::domain::Money;
use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::client::*;
use common::matrix::{plausible_args, Access, MATRIX, ROUTES};
use std::collections::HashMap;

const SAMPLE: &str = include_str!("../../fixtures/fines-issued-sample.csv");

/// One record of each kind that has an owner, created as `owner`.
struct Owned {
    business: String,
    submission: String,
    /// A paid payment, with its receipt.
    payment: String,
    fine: String,
    declaration: String,
    /// A notice of the business's debts.
    notice: String,
}

async fn owned_records(db: &Db, owner_id: &str) -> Owned {
    let business = db
        .create_business(
            owner_id,
            NewBusiness {
                afm: "090000045",
                name: "Owner's",
                legal_form: "oe",
                activity: "catering",
                vat_period: "monthly",
            },
        )
        .await
        .unwrap()
        .id;
    for step in [VerificationStep::Request, VerificationStep::Approve] {
        db.step_business_verification(&business, step, "", &Actor::Cli)
            .await
            .unwrap();
    }
    let (submission, _) = db
        .create_submission(app::backend::submissions::NewSubmission {
            kind: app::domain::submission::Kind::Request,
            user_id: Some(owner_id),
            subject: "S",
            body: "B",
            desired_action: None,
        })
        .await
        .unwrap();

    let purposes = dimos_server::state::payment_purposes(true);
    let item = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO payment_test_items (id, description, amount_cents) VALUES ($1, 'Δοκιμή', 500)",
    )
    .bind(&item)
    .execute(db.pool())
    .await
    .unwrap();
    let payment = db
        .create_payment(&purposes, PurposeKind::Test, &item, Some(owner_id))
        .await
        .unwrap()
        .id;
    let approved = Report {
        event: PaymentEvent::Approved,
        amount: Some(Money::from_cents(500)),
        provider_ref: Some("BANK-1"),
        provider_order: None,
        failure_code: None,
        failure_message: None,
        source: "callback",
    };
    db.record_payment_report(&purposes, &payment, approved)
        .await
        .unwrap();

    db.import_fines(SAMPLE, "1234", "sample.csv", None)
        .await
        .unwrap();
    let fine = db.fine_by_number("2026000002").await.unwrap().unwrap().id;
    db.grant_fine_access(&fine, owner_id).await.unwrap();

    let today = app::backend::today();
    let period = TaxPeriod::new(VatPeriodType::Monthly, 1, today.year).unwrap();
    let outcome = db
        .declare_tax(
            &purposes,
            NewDeclaration {
                business_id: &business,
                user_id: owner_id,
                period,
                revenue: Money::parse("1000").unwrap(),
                vat_filed_on: today,
                amend: false,
                today,
            },
        )
        .await
        .unwrap();
    let declaration = match outcome {
        DeclareOutcome::ToPay { declaration_id, .. } => declaration_id,
        other => panic!("expected a declaration to pay: {other:?}"),
    };
    db.import_debts(
        "municipality_ref,afm,debtor_name,kind,category,description,principal_eur,due_date,certified_on\n\
         AUTH-1,090000045,Owner's,certified,tap,ΤΑΠ,10.00,2025-06-30,2025-09-01\n",
        &Actor::Cli,
    )
    .await
    .unwrap();
    let debt: String = sqlx::query_scalar("SELECT id FROM debts WHERE municipality_ref = 'AUTH-1'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let notice = db
        .create_notice(
            &app::backend::notices::NoticeSettings::demo("Δήμος"),
            app::backend::notices::NoticeRequest {
                afm: "090000045",
                source: app::domain::notice::NoticeSource::Debtor,
                actor: "cli",
                on: today,
            },
            &[debt],
        )
        .await
        .unwrap();
    Owned {
        business,
        submission,
        payment,
        fine,
        declaration,
        notice,
    }
}

/// The arguments naming the owner's record, for each server function that takes one.
fn owned_args(path: &str, owned: &Owned) -> Vec<(&'static str, String)> {
    let pick = |name: &'static str, id: &str| vec![(name, id.to_owned())];
    match path {
        "/api/request_business_verification"
        | "/api/my_tax"
        | "/api/declare_tax"
        | "/api/my_debts"
        | "/api/pay_debts"
        | "/api/my_debtor_card"
        | "/api/my_notices"
        | "/api/create_notice"
        | "/api/issue_fee" => pick("business_id", &owned.business),
        "/api/notice" => pick("id", &owned.notice),
        "/api/my_submission" => pick("id", &owned.submission),
        "/api/payment_view" => pick("id", &owned.payment),
        "/api/receipt_view" => pick("payment_id", &owned.payment),
        "/api/fine_view" => pick("id", &owned.fine),
        "/api/tax_declaration" => pick("id", &owned.declaration),
        other => panic!("{other} is Owner in the matrix: say which record it names here"),
    }
}

/// The arguments for `path`: plausible ones, with the owner's record where it takes one.
fn args_for(
    plausible: &[(&'static str, String)],
    owned: &[(&'static str, String)],
) -> Vec<(&'static str, String)> {
    plausible
        .iter()
        .filter(|(name, _)| !owned.iter().any(|(n, _)| n == name))
        .chain(owned)
        .cloned()
        .collect()
}

fn borrowed<'a>(args: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    args.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A refusal a server function answers with (anything else means the caller got in).
fn refusal(reply: &Reply) -> Option<AppError> {
    if reply.status.is_success() || reply.status.is_redirection() {
        return None;
    }
    match serde_json::from_str::<AppError>(&reply.body) {
        Ok(error @ (AppError::Unauthenticated | AppError::Forbidden | AppError::NotFound)) => {
            Some(error)
        }
        _ => None,
    }
}

async fn every_server_function_refuses_the_wrong_callers(db: Db) {
    let router = common::router(db.clone()).await;
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

    let (owner_id, owner) = user_with_session(&db, "owner@example.gr", Role::Citizen).await;
    let (_, other) = user_with_session(&db, "other@example.gr", Role::Citizen).await;
    let owned = owned_records(&db, &owner_id).await;
    let mut sessions = HashMap::new();
    for role in [Role::Citizen, Role::Clerk, Role::Cashier, Role::Admin] {
        let (_, cookie) =
            user_with_session(&db, &format!("{}@matrix.example.gr", role.as_str()), role).await;
        sessions.insert(role, cookie);
    }
    let plausible = plausible_args(&owned.business, &owned.submission, &owner_id);
    for (path, access) in MATRIX {
        if *access == Access::Public {
            continue;
        }
        let args = match access {
            Access::Owner => args_for(&plausible, &owned_args(path, &owned)),
            _ => plausible.clone(),
        };
        let args = borrowed(&args);
        let anonymous = post(&router, path, &args, None).await;
        assert_eq!(
            app_error(&anonymous),
            AppError::Unauthenticated,
            "{path} anonymous"
        );
        if let Access::Roles(allowed) = access {
            for (role, cookie) in &sessions {
                let reply = post(&router, path, &args, Some(cookie)).await;
                if allowed.contains(role) {
                    // Let in: the plausible record may not exist, but the role is not refused,
                    // and nothing failed on the way (a 500 is no proof of being let in).
                    assert!(
                        reply.status.as_u16() < 500,
                        "{path} as {role:?} answered {}: {}",
                        reply.status,
                        reply.body
                    );
                    assert!(
                        !matches!(
                            refusal(&reply),
                            Some(AppError::Unauthenticated | AppError::Forbidden)
                        ),
                        "{path} as {role:?}: {}",
                        reply.body
                    );
                } else {
                    assert_eq!(app_error(&reply), AppError::Forbidden, "{path} as {role:?}");
                }
            }
        }
        if *access == Access::Owner {
            // Someone else naming the owner's real record is told it does not exist…
            let reply = post(&router, path, &args, Some(&other)).await;
            assert_eq!(
                app_error(&reply),
                AppError::NotFound,
                "{path} as another user"
            );
            // …while its owner gets in.
            let reply = post(&router, path, &args, Some(&owner)).await;
            assert_eq!(refusal(&reply), None, "{path} as its owner: {}", reply.body);
            assert!(
                reply.status.as_u16() < 500,
                "{path} as its owner answered {}: {}",
                reply.status,
                reply.body
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

/// The paths of every `.route("…", …)` in the server's source.
fn registered_routes() -> Vec<String> {
    // Every source file, in subfolders too (a module's own folder, e.g. config/).
    let mut files = Vec::new();
    let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(file).unwrap();
        for call in source.split(".route(").skip(1) {
            let quoted = call.trim_start();
            if let Some(rest) = quoted.strip_prefix('"') {
                paths.push(rest[..rest.find('"').unwrap()].to_owned());
            }
        }
    }
    paths.sort();
    paths.dedup();
    paths
}

async fn call_route(
    router: &axum::Router,
    method: &str,
    path: &str,
    cookie: Option<&str>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let body = if method == "POST" && path.starts_with("/staff/") {
        // An upload with no file: refusals come before the body is read.
        request = request.header(header::CONTENT_TYPE, "multipart/form-data; boundary=X");
        Body::from("--X--\r\n")
    } else {
        Body::empty()
    };
    send(router, request.body(body).unwrap()).await
}

fn signed_in_first(reply: &Reply) -> bool {
    reply.status == StatusCode::SEE_OTHER
        && reply
            .location
            .as_deref()
            .is_some_and(|l| l.starts_with("/login?next="))
}

async fn every_route_refuses_the_wrong_callers(db: Db) {
    let router = common::router(db.clone()).await;
    let listed: Vec<String> = {
        let mut paths: Vec<String> = ROUTES.iter().map(|(_, p, _)| p.to_string()).collect();
        paths.sort();
        paths.dedup();
        paths
    };
    assert_eq!(
        registered_routes(),
        listed,
        "every route in server/src is in the matrix (common/matrix.rs ROUTES), and only those"
    );

    let (owner_id, owner) = user_with_session(&db, "owner@example.gr", Role::Citizen).await;
    let (_, other) = user_with_session(&db, "other@example.gr", Role::Citizen).await;
    let owned = owned_records(&db, &owner_id).await;
    let mut sessions = HashMap::new();
    for role in [Role::Citizen, Role::Clerk, Role::Cashier, Role::Admin] {
        let (_, cookie) =
            user_with_session(&db, &format!("{}@routes.example.gr", role.as_str()), role).await;
        sessions.insert(role, cookie);
    }
    for (method, template, access) in ROUTES {
        let record = if template.starts_with("/notices/") {
            &owned.notice
        } else {
            &owned.payment
        };
        let path = template.replace("{id}", record).replace("{code}", "en");
        let anonymous = call_route(&router, method, &path, None).await;
        match access {
            Access::Public => {
                assert!(
                    !signed_in_first(&anonymous)
                        && anonymous.status != StatusCode::FORBIDDEN
                        && !anonymous.status.is_server_error(),
                    "{method} {template} is public: {} {:?}",
                    anonymous.status,
                    anonymous.location
                );
                continue;
            }
            Access::Signed => {
                // No session is asked for; an unsigned call is refused in words.
                assert!(
                    !signed_in_first(&anonymous) && anonymous.status.is_client_error(),
                    "{method} {template} unsigned: {} {:?}",
                    anonymous.status,
                    anonymous.location
                );
                continue;
            }
            _ => {}
        }
        assert!(
            signed_in_first(&anonymous),
            "{method} {template} anonymous: {} {:?}",
            anonymous.status,
            anonymous.location
        );
        match access {
            Access::Roles(allowed) => {
                for (role, cookie) in &sessions {
                    let reply = call_route(&router, method, &path, Some(cookie)).await;
                    if allowed.contains(role) {
                        assert!(
                            reply.status != StatusCode::FORBIDDEN && !signed_in_first(&reply),
                            "{method} {template} as {role:?}: {}",
                            reply.status
                        );
                    } else {
                        assert_eq!(
                            reply.status,
                            StatusCode::FORBIDDEN,
                            "{method} {template} as {role:?}"
                        );
                    }
                }
            }
            Access::Owner => {
                let theirs = call_route(&router, method, &path, Some(&other)).await;
                assert_eq!(
                    theirs.status,
                    StatusCode::NOT_FOUND,
                    "{method} {template} as another user"
                );
                let mine = call_route(&router, method, &path, Some(&owner)).await;
                assert_eq!(
                    mine.status,
                    StatusCode::OK,
                    "{method} {template} as its owner"
                );
            }
            Access::SignedIn | Access::Public | Access::Signed => {}
        }
    }
}

on_both_engines!(
    every_server_function_refuses_the_wrong_callers,
    every_route_refuses_the_wrong_callers,
);
