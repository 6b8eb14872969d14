//! Accounts through HTTP on both engines: registration with e-mail confirmation, sessions
//! (rotation, logout, expiry), verification by a clerk, rate limits, and the authorization
//! matrix of every server function.

use crate::common;

use common::client::*;

use app::backend::sessions::SessionPolicy;
use app::backend::{now_ms, Db};
use app::domain::account::Role;
use app::error::AppError;
use axum::http::StatusCode;

async fn registration_confirmation_and_sign_in(db: Db) {
    let outbox = std::env::temp_dir().join(format!("dimos-outbox-{}", uuid::Uuid::new_v4()));
    let outbox_text = outbox.display().to_string();
    let router = common::router_with(db.clone(), |key| {
        (key == "DIMOS_OUTBOX_DIR").then(|| outbox_text.clone())
    })
    .await;
    let form = [
        ("email", "Maria@Example.gr"),
        ("full_name", "Μαρία Παπαδοπούλου"),
        ("phone", ""),
        ("password", "correct horse battery"),
        ("password_confirm", "correct horse battery"),
    ];
    let reply = post(&router, "/api/register", &form, None).await;
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );

    // A second registration with the same address looks the same from outside.
    let again = post(&router, "/api/register", &form, None).await;
    assert_eq!(again.status, reply.status);

    let login = [
        ("email", "maria@example.gr"),
        ("password", "correct horse battery"),
    ];
    let before_confirm = post(&router, "/api/login", &login, None).await;
    assert!(
        matches!(app_error(&before_confirm), AppError::Conflict(_)),
        "unconfirmed e-mail cannot sign in"
    );

    let link = outbox_link(&outbox, "/account/confirm?token=");
    let token = link.split("token=").nth(1).unwrap();
    let confirmed = post(&router, "/api/confirm_email", &[("token", token)], None).await;
    assert!(!confirmed.status.is_server_error(), "{}", confirmed.body);
    let reused = post(&router, "/api/confirm_email", &[("token", token)], None).await;
    assert!(
        matches!(app_error(&reused), AppError::Conflict(_)),
        "a link works once"
    );

    let wrong = post(
        &router,
        "/api/login",
        &[
            ("email", "maria@example.gr"),
            ("password", "wrong password!"),
        ],
        None,
    )
    .await;
    assert!(matches!(app_error(&wrong), AppError::Validation(_)));
    let unknown = post(
        &router,
        "/api/login",
        &[
            ("email", "nobody@example.gr"),
            ("password", "wrong password!"),
        ],
        None,
    )
    .await;
    let fields = |e: AppError| match e {
        AppError::Validation(errors) => errors.fields,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        fields(app_error(&unknown)),
        fields(app_error(&wrong)),
        "unknown and wrong look alike"
    );

    let signed_in = post(&router, "/api/login", &login, None).await;
    let cookie = session_cookie(&signed_in).expect("session cookie");
    let set = signed_in.set_cookie.join("\n");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    let account = get(&router, "/account", Some(&cookie)).await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(
        account.body.contains("maria@example.gr"),
        "account page shows the user"
    );

    // Signing in again rotates the token: the old one stops working.
    let again = post(&router, "/api/login", &login, Some(&cookie)).await;
    let rotated = session_cookie(&again).unwrap();
    assert_ne!(rotated, cookie);
    let old = get(&router, "/account", Some(&cookie)).await;
    assert_eq!(
        old.status,
        StatusCode::FOUND,
        "old session redirects to sign-in"
    );

    let out = post(&router, "/api/logout", &[], Some(&rotated)).await;
    assert!(out.set_cookie.iter().any(|c| c.contains("Max-Age=0")));
    let after = get(&router, "/account", Some(&rotated)).await;
    assert_eq!(
        after.status,
        StatusCode::FOUND,
        "logged-out session is gone"
    );
    let _ = std::fs::remove_dir_all(outbox);
}

async fn sessions_expire_when_idle_or_old(db: Db) {
    let (_, cookie) = user_with_session(&db, "idle@example.gr", Role::Citizen).await;
    let token = cookie.trim_start_matches("dimos_session=");
    let policy = SessionPolicy::default();
    let now = now_ms();
    assert!(db
        .session_user(token, &policy, now)
        .await
        .unwrap()
        .is_some());
    assert!(
        db.session_user(token, &policy, now + 29 * 60 * 1000)
            .await
            .unwrap()
            .is_some(),
        "29 min idle is fine"
    );
    // Touched at +29 min; idle again for more than 30 min ends it.
    assert!(db
        .session_user(token, &policy, now + 60 * 60 * 1000)
        .await
        .unwrap()
        .is_none());

    let (_, cookie) = user_with_session(&db, "old@example.gr", Role::Citizen).await;
    let token = cookie.trim_start_matches("dimos_session=");
    let mut t = now;
    for _ in 0..25 {
        t += 29 * 60 * 1000; // always active, never idle
        if db.session_user(token, &policy, t).await.unwrap().is_none() {
            break;
        }
    }
    assert!(
        t - now > 12 * 60 * 60 * 1000 - 30 * 60 * 1000
            && t - now <= 12 * 60 * 60 * 1000 + 29 * 60 * 1000,
        "absolute lifetime 12 h"
    );
    assert!(db.session_user(token, &policy, t).await.unwrap().is_none());
}

async fn password_change_ends_other_sessions(db: Db) {
    let router = common::router(db.clone()).await;
    let (user_id, first) = user_with_session(&db, "pw@example.gr", Role::Citizen).await;
    let second = format!(
        "dimos_session={}",
        db.create_session(&user_id).await.unwrap()
    );
    let form = [
        ("current", "a long password"),
        ("password", "a new long password"),
        ("password_confirm", "a new long password"),
    ];
    let reply = post(&router, "/api/change_password", &form, Some(&first)).await;
    assert!(
        !reply.status.is_server_error(),
        "{} {}",
        reply.status,
        reply.body
    );
    let fresh = session_cookie(&reply).expect("this browser stays signed in");
    assert_eq!(
        get(&router, "/account", Some(&second)).await.status,
        StatusCode::FOUND
    );
    assert_eq!(
        get(&router, "/account", Some(&first)).await.status,
        StatusCode::FOUND
    );
    assert_eq!(
        get(&router, "/account", Some(&fresh)).await.status,
        StatusCode::OK
    );
}

async fn clerk_verifies_a_profile_and_the_user_sees_it(db: Db) {
    let router = common::router(db.clone()).await;
    let (user_id, citizen) = user_with_session(&db, "v@example.gr", Role::Citizen).await;
    let (_, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;

    let early = post(&router, "/api/request_verification", &[], Some(&citizen)).await;
    assert!(
        matches!(app_error(&early), AppError::Conflict(_)),
        "profile must be complete first"
    );

    let bad = [
        ("afm", "090000046"),
        ("address", ""),
        ("father_name", "Γιάννης"),
        ("phone", ""),
    ];
    let reply = post(&router, "/api/update_profile", &bad, Some(&citizen)).await;
    match app_error(&reply) {
        AppError::Validation(errors) => {
            assert!(errors.error_for("afm").is_some() && errors.error_for("address").is_some());
            assert_eq!(
                errors.value_of("father_name").as_deref(),
                Some("Γιάννης"),
                "input kept"
            );
        }
        other => panic!("{other:?}"),
    }
    let good = [
        ("afm", "090000045"),
        ("address", "Εγνατίας 1"),
        ("father_name", "Γιάννης"),
        ("phone", ""),
    ];
    assert!(!post(&router, "/api/update_profile", &good, Some(&citizen))
        .await
        .status
        .is_server_error());
    assert!(
        !post(&router, "/api/request_verification", &[], Some(&citizen))
            .await
            .status
            .is_server_error()
    );

    let reject_without_reason = [
        ("kind", "user"),
        ("id", user_id.as_str()),
        ("decision", "reject"),
        ("note", " "),
    ];
    let reply = post(
        &router,
        "/api/decide_verification",
        &reject_without_reason,
        Some(&clerk),
    )
    .await;
    assert!(matches!(app_error(&reply), AppError::Validation(_)));
    let reject = [
        ("kind", "user"),
        ("id", user_id.as_str()),
        ("decision", "reject"),
        ("note", "Φέρτε ταυτότητα"),
    ];
    assert!(
        !post(&router, "/api/decide_verification", &reject, Some(&clerk))
            .await
            .status
            .is_server_error()
    );
    let page = get(&router, "/account", Some(&citizen)).await;
    assert!(
        page.body.contains("Φέρτε ταυτότητα"),
        "the user reads the reason"
    );

    assert!(
        !post(&router, "/api/request_verification", &[], Some(&citizen))
            .await
            .status
            .is_server_error()
    );
    let approve = [
        ("kind", "user"),
        ("id", user_id.as_str()),
        ("decision", "approve"),
        ("note", ""),
    ];
    assert!(
        !post(&router, "/api/decide_verification", &approve, Some(&clerk))
            .await
            .status
            .is_server_error()
    );
    let twice = post(&router, "/api/decide_verification", &approve, Some(&clerk)).await;
    assert!(
        matches!(app_error(&twice), AppError::Conflict(_)),
        "verified cannot be approved again"
    );
    let profile = db.profile(&user_id).await.unwrap().unwrap();
    assert_eq!(profile.verification.as_str(), "verified");
    let audit = db.recent_audit(50).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "user.verification_verified"
                && e.actor == "Test User <clerk@example.gr>"),
        "the audit log names the clerk, not an id"
    );
    assert!(audit
        .iter()
        .any(|e| e.action == "user.verification_rejected"
            && e.detail.as_deref() == Some("Φέρτε ταυτότητα")));
}

async fn sign_in_attempts_are_rate_limited(db: Db) {
    let router = common::router_with(db, |key| {
        (key == "DIMOS_AUTH_ATTEMPTS_PER_MINUTE").then(|| "3".into())
    })
    .await;
    let form = [
        ("email", "someone@example.gr"),
        ("password", "guess guess guess"),
    ];
    for _ in 0..3 {
        assert_ne!(
            post(&router, "/api/login", &form, None).await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    let limited = post(&router, "/api/login", &form, None).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        limited.body.contains("Πάρα πολλές προσπάθειες"),
        "a readable page: {}",
        limited.body
    );
    assert!(
        !limited.body.contains("someone@example.gr"),
        "says nothing about the account"
    );
}

async fn password_reset_by_e_mail_link(db: Db) {
    let outbox = std::env::temp_dir().join(format!("dimos-outbox-{}", uuid::Uuid::new_v4()));
    let outbox_text = outbox.display().to_string();
    let router = common::router_with(db.clone(), |key| {
        (key == "DIMOS_OUTBOX_DIR").then(|| outbox_text.clone())
    })
    .await;
    let (_, old_session) = user_with_session(&db, "forgetful@example.gr", Role::Citizen).await;

    let unknown = post(
        &router,
        "/api/forgot_password",
        &[("email", "nobody@example.gr")],
        None,
    )
    .await;
    let known = post(
        &router,
        "/api/forgot_password",
        &[("email", "forgetful@example.gr")],
        None,
    )
    .await;
    assert_eq!(
        (unknown.status, unknown.body.clone()),
        (known.status, known.body.clone()),
        "same answer either way"
    );

    let link = outbox_link(&outbox, "/password/reset?token=");
    let token = link.split("token=").nth(1).unwrap();
    let mismatch = [
        ("token", token),
        ("password", "brand new password"),
        ("password_confirm", "brand new passwort"),
    ];
    assert!(matches!(
        app_error(&post(&router, "/api/reset_password", &mismatch, None).await),
        AppError::Validation(_)
    ));
    let reset = [
        ("token", token),
        ("password", "brand new password"),
        ("password_confirm", "brand new password"),
    ];
    assert!(!post(&router, "/api/reset_password", &reset, None)
        .await
        .status
        .is_server_error());
    assert!(
        matches!(
            app_error(&post(&router, "/api/reset_password", &reset, None).await),
            AppError::Conflict(_)
        ),
        "once only"
    );

    assert_eq!(
        get(&router, "/account", Some(&old_session)).await.status,
        StatusCode::FOUND,
        "old sessions ended"
    );
    let login = post(
        &router,
        "/api/login",
        &[
            ("email", "forgetful@example.gr"),
            ("password", "brand new password"),
        ],
        None,
    )
    .await;
    assert!(session_cookie(&login).is_some(), "the new password works");
    let _ = std::fs::remove_dir_all(outbox);
}

on_both_engines!(
    registration_confirmation_and_sign_in,
    password_reset_by_e_mail_link,
    sessions_expire_when_idle_or_old,
    password_change_ends_other_sessions,
    clerk_verifies_a_profile_and_the_user_sees_it,
    sign_in_attempts_are_rate_limited,
);
