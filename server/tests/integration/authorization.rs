//! The authorization matrix: every registered server function, with who may call it, tried
//! against anonymous, wrong-role and other-owner callers on both engines.

use crate::common;

use app::backend::Db;
use app::domain::account::Role;
use app::error::AppError;
use axum::http::StatusCode;
use common::client::*;
use common::matrix::{plausible_args, Access, MATRIX};

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
    let args = plausible_args(&business.id, &owned_submission, &owner_id);
    let args = args
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .collect::<Vec<_>>();
    let args = args.as_slice();
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
