//! Comments and submissions on both engines: no identity on anonymous comments, field
//! errors on bad input, ownership, the staff state machine, protocol numbering under
//! concurrency, and an outage of an external protocol service that recovers.

use crate::common;

use app::backend::audit::Actor;
use app::backend::protocol::{self, BuiltInRegistry, HttpRegistry, ProtocolRegistry};
use app::backend::submissions::NewSubmission;
use app::backend::users::NewUser;
use app::backend::{now_ms, Db};
use app::domain::account::Role;
use app::domain::submission::{Kind, Status};
use app::error::AppError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower::ServiceExt;

async fn post(
    router: &Router,
    path: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> (StatusCode, String) {
    let body = form
        .iter()
        .map(|(k, v)| {
            let v: String = v
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect();
            format!("{k}={v}")
        })
        .collect::<Vec<_>>()
        .join("&");
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn get(router: &Router, path: &str, cookie: &str) -> (StatusCode, String) {
    let request = Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn app_error(body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not an AppError: {body}"))
}

async fn session(db: &Db, email: &str, role: Role) -> (String, String) {
    let new = NewUser {
        email,
        full_name: "Τεστ",
        phone: None,
        password: "a long password",
        role,
        email_confirmed: true,
    };
    let user = db.create_user(new, &Actor::Cli).await.unwrap();
    let token = db.create_session(&user.id).await.unwrap();
    (user.id, format!("dimos_session={token}"))
}

async fn anonymous_comments_keep_no_identity(db: Db) {
    let router = common::router(db.clone()).await;
    let form = [
        ("subject", "Λακκούβα"),
        ("text", "Στην οδό Εγνατίας."),
        ("desired_action", ""),
        ("website", ""),
    ];
    let (status, body) = post(&router, "/api/send_comment", &form, None).await;
    assert!(!status.is_server_error(), "{body}");
    let rows: Vec<(Option<String>, String)> =
        sqlx::query_as("SELECT user_id, kind FROM submissions")
            .fetch_all(db.pool())
            .await
            .unwrap();
    assert_eq!(rows, vec![(None, "comment".to_owned())]);
    let actors: Vec<String> = sqlx::query_scalar("SELECT actor FROM submission_events")
        .fetch_all(db.pool())
        .await
        .unwrap();
    assert_eq!(actors, vec!["anonymous".to_owned()]);
    // The schema has no column that could hold an address or an agent.
    let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(audit, 0, "nothing about the sender in the audit log either");

    // A bot filling the honeypot gets the same answer; nothing is stored.
    let bot = [
        ("subject", "Buy"),
        ("text", "spam"),
        ("desired_action", ""),
        ("website", "http://spam.example"),
    ];
    let (status, _) = post(&router, "/api/send_comment", &bot, None).await;
    assert!(!status.is_server_error());
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM submissions")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(count, 1);
}

async fn bad_input_gets_field_errors_and_scripts_stay_text(db: Db) {
    let router = common::router(db.clone()).await;
    let (_, cookie) = session(&db, "maria@example.gr", Role::Citizen).await;
    let long = "α".repeat(5001);
    let cases: [(&[(&str, &str)], &str); 3] = [
        (
            &[
                ("kind", "complaint"),
                ("subject", " "),
                ("text", "x"),
                ("desired_action", ""),
            ],
            "subject",
        ),
        (
            &[
                ("kind", "complaint"),
                ("subject", "S"),
                ("text", &long),
                ("desired_action", ""),
            ],
            "text",
        ),
        (
            &[
                ("kind", "<b>x</b>"),
                ("subject", "S"),
                ("text", "x"),
                ("desired_action", ""),
            ],
            "kind",
        ),
    ];
    for (form, field) in cases {
        let (status, body) = post(&router, "/api/submit", form, Some(&cookie)).await;
        assert!(
            status.is_server_error() || status.is_client_error(),
            "an error status"
        );
        match app_error(&body) {
            AppError::Validation(errors) => {
                assert!(errors.error_for(field).is_some(), "{field}: {errors:?}")
            }
            other => panic!("{field}: {other:?}"),
        }
    }
    let script = "<script>alert('x')</script>";
    let form = [
        ("kind", "complaint"),
        ("subject", script),
        ("text", script),
        ("desired_action", ""),
    ];
    let (_, body) = post(&router, "/api/submit", &form, Some(&cookie)).await;
    assert!(!body.contains("Validation"), "{body}");
    let id: String = sqlx::query_scalar("SELECT id FROM submissions")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let (status, page) = get(&router, &format!("/submissions/{id}"), &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains(script), "never rendered as markup");
    assert!(page.contains("&lt;script&gt;alert"), "shown as text");
}

async fn named_submission_flow_with_protocol_answer_and_history(db: Db) {
    let outbox = std::env::temp_dir().join(format!("dimos-outbox-{}", uuid::Uuid::new_v4()));
    let outbox_text = outbox.display().to_string();
    let router = common::router_with(db.clone(), |key| {
        (key == "DIMOS_OUTBOX_DIR").then(|| outbox_text.clone())
    })
    .await;
    let (_, citizen) = session(&db, "citizen@example.gr", Role::Citizen).await;
    let (_, other) = session(&db, "other@example.gr", Role::Citizen).await;
    let (_, clerk) = session(&db, "clerk@example.gr", Role::Clerk).await;

    let form = [
        ("kind", "complaint"),
        ("subject", "Θόρυβος"),
        ("text", "Κάθε βράδυ."),
        ("desired_action", "Έλεγχος"),
    ];
    post(&router, "/api/submit", &form, Some(&citizen)).await;
    let (id, seq): (String, i64) = sqlx::query_as("SELECT id, seq FROM submissions")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(seq, 1, "the number is given at once");

    let (_, body) = post(&router, "/api/my_submission", &[("id", &id)], Some(&other)).await;
    assert_eq!(
        app_error(&body),
        AppError::NotFound,
        "another user's submission is not found"
    );
    let (status, _) = get(&router, &format!("/submissions/{id}"), &other).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (_, body) = post(
        &router,
        "/api/change_submission_status",
        &[("id", &id), ("status", "answered")],
        Some(&clerk),
    )
    .await;
    assert!(
        matches!(app_error(&body), AppError::Conflict(_)),
        "no skipping review"
    );
    for status in ["under_review", "in_progress"] {
        let (code, body) = post(
            &router,
            "/api/change_submission_status",
            &[("id", &id), ("status", status)],
            Some(&clerk),
        )
        .await;
        assert!(!code.is_server_error(), "{body}");
    }
    post(
        &router,
        "/api/register_protocol",
        &[("id", &id)],
        Some(&clerk),
    )
    .await;
    let (_, body) = post(
        &router,
        "/api/register_protocol",
        &[("id", &id)],
        Some(&clerk),
    )
    .await;
    assert!(
        matches!(app_error(&body), AppError::Conflict(_)),
        "registered once only"
    );
    post(
        &router,
        "/api/respond_submission",
        &[("id", &id), ("response", "Θα γίνει έλεγχος.")],
        Some(&clerk),
    )
    .await;
    post(
        &router,
        "/api/change_submission_status",
        &[("id", &id), ("status", "answered")],
        Some(&clerk),
    )
    .await;

    let (_, body) = post(
        &router,
        "/api/my_submission",
        &[("id", &id)],
        Some(&citizen),
    )
    .await;
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    let number = view["protocol_number"].as_str().expect("protocol number");
    let year = app::domain::time::local_date(now_ms()).year;
    assert!(
        number.starts_with("1/") && number.ends_with(&year.to_string()),
        "{number}"
    );
    assert_eq!(view["response"], "Θα γίνει έλεγχος.");
    assert_eq!(view["status"], "answered");
    let actions: Vec<&str> = view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "submitted",
            "status_changed",
            "status_changed",
            "protocol_requested",
            "protocol_registered",
            "responded",
            "status_changed"
        ]
    );
    assert!(
        view["history"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["actor"] == ""),
        "staff names stay internal"
    );
    let mails: Vec<String> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        mails
            .iter()
            .any(|m| m.contains("To: citizen@example.gr") && m.contains(number)),
        "protocol e-mail"
    );
    assert_eq!(mails.len(), 2, "protocolled and answered");
    let _ = std::fs::remove_dir_all(outbox);
}

async fn create_named(db: &Db, user_id: &str, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let subject = format!("Αίτημα {i}");
        let new = NewSubmission {
            kind: Kind::Request,
            user_id: Some(user_id),
            subject: &subject,
            body: "κείμενο",
            desired_action: None,
        };
        let (id, _) = db.create_submission(new).await.unwrap();
        db.request_protocol(&id, &Actor::System).await.unwrap();
        ids.push(id);
    }
    ids
}

async fn two_hundred_parallel_registrations_get_consecutive_numbers(db: Db) {
    let (user_id, _) = session(&db, "many@example.gr", Role::Citizen).await;
    let ids = create_named(&db, &user_id, 200).await;
    let registry: Arc<dyn ProtocolRegistry> = Arc::new(BuiltInRegistry);
    let tasks: Vec<_> = ids
        .iter()
        .cloned()
        .map(|id| {
            let (db, registry) = (db.clone(), registry.clone());
            tokio::spawn(async move {
                let job = db
                    .claim_job_for(protocol::JOB_KIND, &id, now_ms())
                    .await
                    .unwrap()
                    .expect("job");
                protocol::run_job(&db, registry.as_ref(), None, &job, now_ms()).await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().expect("registered");
    }
    let numbers: Vec<String> = sqlx::query_scalar(
        "SELECT protocol_number FROM submissions WHERE protocol_state = 'registered'",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    let mut values: Vec<i64> = numbers
        .iter()
        .map(|n| n.split('/').next().unwrap().parse().unwrap())
        .collect();
    values.sort();
    assert_eq!(
        values,
        (1..=200).collect::<Vec<_>>(),
        "200 distinct, consecutive numbers"
    );
}

/// A protocol service on loopback that fails its first calls, then answers slowly a few
/// times (the client gives up and retries), then works; it numbers by reference, once.
#[derive(Default)]
struct FakeProtocol {
    calls: AtomicUsize,
    numbers: Mutex<HashMap<String, String>>,
}

async fn fake_protocol_service(fail_first: usize, slow_next: usize) -> (String, Arc<FakeProtocol>) {
    use axum::extract::State;
    use axum::routing::post;
    let fake = Arc::new(FakeProtocol::default());
    let app = Router::new()
        .route(
            "/register",
            post(
                move |State(fake): State<Arc<FakeProtocol>>,
                      headers: axum::http::HeaderMap,
                      body: String| async move {
                    if headers
                        .get(header::AUTHORIZATION)
                        .and_then(|v| v.to_str().ok())
                        != Some("Bearer secret")
                    {
                        return (StatusCode::UNAUTHORIZED, String::new());
                    }
                    let call = fake.calls.fetch_add(1, Ordering::SeqCst) + 1;
                    if call <= fail_first {
                        return (StatusCode::SERVICE_UNAVAILABLE, String::new());
                    }
                    let request: serde_json::Value = serde_json::from_str(&body).unwrap();
                    let reference = request["reference"].as_str().unwrap().to_owned();
                    let number = {
                        let mut numbers = fake.numbers.lock().unwrap();
                        let next = numbers.len() + 1;
                        numbers
                            .entry(reference)
                            .or_insert_with(|| format!("{next}/21-11-2026"))
                            .clone()
                    };
                    if call <= fail_first + slow_next {
                        // Registered, but the answer comes after the client's timeout.
                        tokio::time::sleep(Duration::from_millis(1500)).await;
                    }
                    (
                        StatusCode::OK,
                        serde_json::json!({ "number": number }).to_string(),
                    )
                },
            ),
        )
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}/register"), fake)
}

async fn protocol_outage_loses_nothing_and_numbers_once(db: Db) {
    let (user_id, _) = session(&db, "outage@example.gr", Role::Citizen).await;
    let ids = create_named(&db, &user_id, 20).await;
    let (url, fake) = fake_protocol_service(30, 5).await;
    let registry = HttpRegistry::new(&url, "secret", Duration::from_millis(500)).unwrap();

    // The worker runs on a clock we move forward past each backoff.
    let mut now = now_ms();
    for _ in 0..40 {
        protocol::run_due_jobs(&db, &registry, None, now).await;
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM submissions WHERE protocol_state = 'awaiting'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        if waiting == 0 {
            break;
        }
        now += 11 * 60 * 1000;
    }
    let numbers: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT id, protocol_number FROM submissions")
            .fetch_all(db.pool())
            .await
            .unwrap();
    assert_eq!(numbers.len(), 20);
    let assigned = fake.numbers.lock().unwrap().clone();
    for (id, number) in &numbers {
        assert_eq!(
            number.as_ref(),
            assigned.get(id),
            "each submission has the service's one number"
        );
    }
    assert_eq!(
        assigned.len(),
        20,
        "the service numbered each reference exactly once"
    );
    assert!(
        fake.calls.load(Ordering::SeqCst) > 30,
        "the outage really happened"
    );
    let open_jobs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE done_at_ms IS NULL")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(open_jobs, 0);
    let retried: i64 = sqlx::query_scalar("SELECT MAX(attempts) FROM jobs")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert!(retried > 1, "jobs were retried");
    let events: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM submission_events WHERE action = 'protocol_registered'",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(events, 20, "one registration event each");
    let _ = ids;
}

async fn state_machine_refuses_illegal_steps(db: Db) {
    let (user_id, _) = session(&db, "sm@example.gr", Role::Citizen).await;
    let new = NewSubmission {
        kind: Kind::Proposal,
        user_id: Some(&user_id),
        subject: "S",
        body: "B",
        desired_action: None,
    };
    let (id, _) = db.create_submission(new).await.unwrap();
    let actor = Actor::System;
    assert!(db.change_status(&id, Status::Closed, &actor).await.is_err());
    assert!(db
        .change_status(&id, Status::Rejected, &actor)
        .await
        .is_ok());
    for &to in Status::ALL {
        assert!(
            db.change_status(&id, to, &actor).await.is_err(),
            "rejected is final ({to:?})"
        );
    }
    assert!(
        db.mark_spam(&id, &actor).await.is_err(),
        "only anonymous comments are spam"
    );
}

on_both_engines!(
    anonymous_comments_keep_no_identity,
    bad_input_gets_field_errors_and_scripts_stay_text,
    named_submission_flow_with_protocol_answer_and_history,
    two_hundred_parallel_registrations_get_consecutive_numbers,
    protocol_outage_loses_nothing_and_numbers_once,
    state_machine_refuses_illegal_steps,
);

async fn inbox_search_matches_greek_without_case_or_accents(db: Db) {
    for (subject, body) in [
        ("Θόρυβος τη νύχτα", "Οδός Ερμού"),
        ("Λακκούβα", "Εγνατίας 12"),
        ("100% καθαρό_", "x"),
    ] {
        let new = NewSubmission {
            kind: Kind::Comment,
            user_id: None,
            subject,
            body,
            desired_action: None,
        };
        db.create_submission(new).await.unwrap();
    }
    let search = |q: &str| app::backend::submissions::InboxFilter {
        search: Some(q.into()),
        ..Default::default()
    };
    let subjects = |rows: Vec<app::backend::submissions::Summary>| {
        rows.into_iter().map(|s| s.subject).collect::<Vec<_>>()
    };
    assert_eq!(
        subjects(db.inbox(&search("ΘΟΡΥΒΟΣ")).await.unwrap().0),
        ["Θόρυβος τη νύχτα"]
    );
    assert_eq!(
        subjects(db.inbox(&search("εγνατιας")).await.unwrap().0),
        ["Λακκούβα"]
    );
    assert_eq!(
        subjects(db.inbox(&search("100%")).await.unwrap().0),
        ["100% καθαρό_"],
        "% is literal"
    );
    assert_eq!(db.inbox(&search("_")).await.unwrap().1, 1, "_ is literal");
    let (_, total) = db.inbox(&Default::default()).await.unwrap();
    assert_eq!(total, 3);
}

on_both_engines!(inbox_search_matches_greek_without_case_or_accents);

async fn lists_are_newest_first_and_paged(db: Db) {
    let (user_id, _) = session(&db, "lists@example.gr", Role::Citizen).await;
    for i in 0..25 {
        let subject = format!("Θέμα {i}");
        let new = NewSubmission {
            kind: Kind::Request,
            user_id: Some(&user_id),
            subject: &subject,
            body: "κ",
            desired_action: None,
        };
        db.create_submission(new).await.unwrap();
    }
    let mine = db.my_submissions(&user_id).await.unwrap();
    let seqs: Vec<i64> = mine.iter().map(|s| s.seq).collect();
    assert_eq!(seqs, (1..=25).rev().collect::<Vec<_>>());
    assert_eq!(mine[0].subject, "Θέμα 24");
    assert_eq!(mine[0].protocol_number, None);
    assert!(
        db.my_submissions("nobody").await.unwrap().is_empty(),
        "an empty list is an empty list"
    );

    let page = |n| app::backend::submissions::InboxFilter {
        page: n,
        ..Default::default()
    };
    let (first, total) = db.inbox(&page(0)).await.unwrap();
    let (second, _) = db.inbox(&page(1)).await.unwrap();
    assert_eq!(total, 25);
    assert_eq!(first.len(), 20);
    assert_eq!(first[0].seq, 25);
    assert_eq!(
        second.iter().map(|s| s.seq).collect::<Vec<_>>(),
        [5, 4, 3, 2, 1]
    );
}

on_both_engines!(lists_are_newest_first_and_paged);
