//! The staff's side on both engines: each role's home counts what waits for it, departments
//! are an admin-kept list that submissions are routed to (and clerks belong to), and the
//! clerk's view of a submission names its author and the people who acted.

use crate::common;
use app::backend::submissions::NewSubmission;
use app::backend::Db;
use app::domain::account::Role;
use app::domain::submission::Kind;
use app::domain::work::WorkItem;
use app::error::AppError;
use app::views::staff::{Dashboard, Department};
use app::views::submissions::SubmissionView;
use common::client::*;

fn count(dashboard: &Dashboard, item: WorkItem) -> Option<i64> {
    dashboard
        .work
        .iter()
        .find(|w| w.item == item)
        .map(|w| w.count)
}

async fn dashboard(router: &axum::Router, cookie: &str) -> Dashboard {
    let reply = post(router, "/api/staff_dashboard", &[], Some(cookie)).await;
    serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("{}", reply.body))
}

async fn departments(router: &axum::Router, cookie: &str) -> Vec<Department> {
    let reply = post(router, "/api/departments", &[], Some(cookie)).await;
    serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("{}", reply.body))
}

async fn submission(db: &Db, user_id: Option<&str>, kind: Kind, subject: &str) -> String {
    db.create_submission(NewSubmission {
        kind,
        user_id,
        subject,
        body: "Κείμενο",
        desired_action: None,
    })
    .await
    .unwrap()
    .0
}

async fn departments_route_submissions_and_homes_count_the_work(db: Db) {
    let router = common::router(db.clone()).await;
    let (_, admin) = user_with_session(&db, "admin@example.gr", Role::Admin).await;
    let (clerk_id, clerk) = user_with_session(&db, "clerk@example.gr", Role::Clerk).await;
    let (_, cashier) = user_with_session(&db, "cashier@example.gr", Role::Cashier).await;
    let (citizen_id, _) = user_with_session(&db, "maria@example.gr", Role::Citizen).await;

    // The admin keeps the list: names in both languages, the Greek one unique.
    for (el, en) in [
        ("Τεχνική Υπηρεσία", "Technical Services"),
        ("Καθαριότητα", "Cleaning"),
    ] {
        let added = post(
            &router,
            "/api/add_department",
            &[("name_el", el), ("name_en", en)],
            Some(&admin),
        )
        .await;
        assert!(added.status.is_success(), "{}", added.body);
    }
    let again = post(
        &router,
        "/api/add_department",
        &[("name_el", "Καθαριότητα"), ("name_en", "")],
        Some(&admin),
    )
    .await;
    let AppError::Validation(errors) = app_error(&again) else {
        panic!("{}", again.body)
    };
    assert!(errors.error_for("name_el").is_some(), "the name is taken");
    assert!(
        errors.error_for("name_en").is_some(),
        "and English is required"
    );
    let list = departments(&router, &clerk).await;
    assert_eq!(list.len(), 2);
    let technical = list
        .iter()
        .find(|d| d.name_en == "Technical Services")
        .unwrap()
        .clone();
    let cleaning = list
        .iter()
        .find(|d| d.name_en == "Cleaning")
        .unwrap()
        .clone();

    // Work arrives: two named requests and an anonymous comment.
    let pothole = submission(&db, Some(&citizen_id), Kind::Request, "Λακκούβα").await;
    let _bins = submission(&db, Some(&citizen_id), Kind::Complaint, "Κάδοι").await;
    let _comment = submission(&db, None, Kind::Comment, "Σχόλιο").await;
    let home = dashboard(&router, &clerk).await;
    assert_eq!(count(&home, WorkItem::NewSubmissions), Some(3));
    assert_eq!(count(&home, WorkItem::ProtocolToRegister), Some(2));
    assert_eq!(
        count(&home, WorkItem::MyDepartment),
        Some(0),
        "in no department yet"
    );
    assert_eq!(home.department, None);

    // The clerk joins the technical department; a request is routed there.
    let joined = post(
        &router,
        "/api/set_staff_department",
        &[("user_id", &clerk_id), ("department", &technical.id)],
        Some(&admin),
    )
    .await;
    assert!(joined.status.is_success(), "{}", joined.body);
    let routed = post(
        &router,
        "/api/assign_submission",
        &[("id", &pothole), ("department", &technical.id)],
        Some(&clerk),
    )
    .await;
    assert!(routed.status.is_success(), "{}", routed.body);
    let home = dashboard(&router, &clerk).await;
    assert_eq!(count(&home, WorkItem::MyDepartment), Some(1));
    assert_eq!(home.department.map(|d| d.id), Some(technical.id.clone()));
    // The inbox filtered to "mine" holds just that one.
    let mine = post(
        &router,
        "/api/inbox",
        &[("department", "mine")],
        Some(&clerk),
    )
    .await;
    assert!(
        mine.body.contains("Λακκούβα") && !mine.body.contains("Κάδοι"),
        "{}",
        mine.body
    );
    let unrouted = post(
        &router,
        "/api/inbox",
        &[("department", "none")],
        Some(&clerk),
    )
    .await;
    assert!(unrouted.body.contains("Κάδοι") && !unrouted.body.contains("Λακκούβα"));

    // A retired department is no longer offered, nor accepted; a made-up one neither.
    let retired = post(
        &router,
        "/api/set_department_active",
        &[("id", &cleaning.id), ("active", "0")],
        Some(&admin),
    )
    .await;
    assert!(retired.status.is_success(), "{}", retired.body);
    for department in [cleaning.id.as_str(), "Τυχαίο κείμενο"] {
        let refused = post(
            &router,
            "/api/assign_submission",
            &[("id", &pothole), ("department", department)],
            Some(&clerk),
        )
        .await;
        let AppError::Validation(errors) = app_error(&refused) else {
            panic!("{}", refused.body)
        };
        assert!(errors.error_for("department").is_some());
    }

    // The clerk's page: the author's name and contact, people by name in the history, and
    // the department by name.
    let page = post(
        &router,
        "/api/staff_submission",
        &[("id", &pothole)],
        Some(&clerk),
    )
    .await;
    let view: SubmissionView = serde_json::from_str(&page.body).unwrap();
    let author = view.author.clone().expect("a named request has its author");
    assert_eq!(author.email, "maria@example.gr");
    assert_eq!(author.full_name, "Test User");
    assert_eq!(
        view.routed_to.as_ref().map(|d| d.name_en.as_str()),
        Some("Technical Services")
    );
    assert!(
        view.history.iter().all(|e| !e.actor.starts_with("user:")),
        "{:?}",
        view.history
    );
    let assigned = view
        .history
        .iter()
        .find(|e| e.action == "assigned")
        .unwrap();
    assert_eq!(assigned.actor, "Test User");
    assert_eq!(assigned.note.as_deref(), Some("Τεχνική Υπηρεσία"));
    // The author's own view has no author block and no staff names.
    let (_, maria) = {
        let token = db.create_session(&citizen_id).await.unwrap();
        ((), format!("dimos_session={token}"))
    };
    let own = post(
        &router,
        "/api/my_submission",
        &[("id", &pothole)],
        Some(&maria),
    )
    .await;
    let own: SubmissionView = serde_json::from_str(&own.body).unwrap();
    assert!(own.author.is_none());
    assert!(own.history.iter().all(|e| e.actor.is_empty()));
    assert_eq!(
        own.routed_to.map(|d| d.name_el),
        Some("Τεχνική Υπηρεσία".to_owned())
    );

    // The cashier's home counts money work only; the admin's none.
    let cashier_home = dashboard(&router, &cashier).await;
    assert_eq!(count(&cashier_home, WorkItem::PaidTwice), Some(0));
    assert_eq!(count(&cashier_home, WorkItem::NewSubmissions), None);
    assert!(dashboard(&router, &admin).await.work.is_empty());
}

on_both_engines!(departments_route_submissions_and_homes_count_the_work);
