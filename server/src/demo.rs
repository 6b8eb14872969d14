//! Demo data for local runs: known accounts whose passwords are printed and in the README,
//! and a verified business. Never load it on a real installation.

use app::backend::audit::Actor;
use app::backend::businesses::{BusinessError, NewBusiness};
use app::backend::users::{CreateUserError, NewUser, StateError};
use app::backend::Db;
use app::domain::account::{Role, VerificationStep};

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub password: &'static str,
    pub role: Role,
    pub label: &'static str,
}

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "citizen@demo.dimos.invalid",
        name: "Μαρία Παπαδοπούλου",
        password: "demo-citizen-password",
        role: Role::Citizen,
        label: "citizen",
    },
    DemoAccount {
        email: "business@demo.dimos.invalid",
        name: "Γιώργος Νικολάου",
        password: "demo-business-password",
        role: Role::Citizen,
        label: "business",
    },
    DemoAccount {
        email: "clerk@demo.dimos.invalid",
        name: "Ελένη Γεωργίου",
        password: "demo-clerk-password",
        role: Role::Clerk,
        label: "clerk",
    },
    DemoAccount {
        email: "cashier@demo.dimos.invalid",
        name: "Νίκος Δημητρίου",
        password: "demo-cashier-password",
        role: Role::Cashier,
        label: "cashier",
    },
    DemoAccount {
        email: "admin@demo.dimos.invalid",
        name: "Διαχειριστής Επίδειξης",
        password: "demo-admin-password",
        role: Role::Admin,
        label: "admin",
    },
];

/// The demo business, represented by the `business` account and already verified.
const DEMO_BUSINESS_AFM: &str = "090000045";

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    User(#[from] CreateUserError),
    #[error("could not create the demo business")]
    Business(#[from] BusinessError),
    #[error("could not verify the demo business")]
    Verify(#[from] StateError),
    #[error("database error")]
    Db(#[from] sqlx::Error),
    #[error("could not create the demo departments")]
    Department(#[from] app::backend::departments::DepartmentError),
}

/// Creates what does not exist yet; returns the lines to print.
pub async fn seed(db: &Db) -> Result<Vec<String>, SeedError> {
    let mut lines = Vec::new();
    for account in DEMO_ACCOUNTS {
        let new = NewUser {
            email: account.email,
            full_name: account.name,
            phone: None,
            password: account.password,
            role: account.role,
            email_confirmed: true,
        };
        let state = match db.create_user(new, &Actor::Cli).await {
            Ok(_) => "created",
            Err(CreateUserError::EmailTaken) => "exists",
            Err(other) => return Err(other.into()),
        };
        lines.push(format!(
            "  {:<9} {:<28} password: {:<24} ({state})",
            account.label, account.email, account.password
        ));
    }
    if let Some(rep) = db.find_user_by_email("business@demo.dimos.invalid").await? {
        let new = NewBusiness {
            afm: DEMO_BUSINESS_AFM,
            name: "Καφέ Πλατεία Ο.Ε.",
            legal_form: "oe",
            activity: "catering",
            vat_period: "quarterly",
        };
        match db.create_business(&rep.id, new).await {
            Ok(business) => {
                for step in [VerificationStep::Request, VerificationStep::Approve] {
                    db.step_business_verification(&business.id, step, "", &Actor::Cli)
                        .await?;
                }
                lines.push(format!(
                    "  business  Καφέ Πλατεία Ο.Ε. (ΑΦΜ {DEMO_BUSINESS_AFM}), verified"
                ));
            }
            Err(BusinessError::AfmTaken) => {}
            Err(other) => return Err(other.into()),
        }
    }
    if db.departments().await?.is_empty() {
        // A few departments to route submissions to; the demo clerk works in the first.
        let mut first = None;
        for (el, en) in [
            ("Τεχνική Υπηρεσία", "Technical Services"),
            ("Υπηρεσία Καθαριότητας", "Cleaning Services"),
            ("Οικονομική Υπηρεσία", "Finance Department"),
        ] {
            let id = db.add_department(el, en, &Actor::Cli).await?;
            first.get_or_insert(id);
        }
        if let (Some(first), Some(clerk)) = (
            first,
            db.find_user_by_email("clerk@demo.dimos.invalid").await?,
        ) {
            db.set_staff_department(&clerk.id, Some(&first), &Actor::Cli)
                .await?;
        }
        lines.push("  three departments; the clerk works in the technical one".into());
    }
    let items: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_test_items")
        .fetch_one(db.pool())
        .await?;
    if items == 0 {
        let fees = [
            ("Δοκιμαστικό τέλος Α / Test fee A", 3000),
            ("Δοκιμαστικό τέλος Β / Test fee B", 1550),
            ("Δοκιμαστικό τέλος Γ / Test fee C", 8000),
            ("Δοκιμαστικό τέλος Δ / Test fee D", 2000),
            ("Δοκιμαστικό τέλος Ε / Test fee E", 4500),
            ("Δοκιμαστικό τέλος Ζ / Test fee F", 1200),
            ("Δοκιμαστικό τέλος Η / Test fee G", 990),
        ];
        for (description, cents) in fees {
            sqlx::query("INSERT INTO payment_test_items (id, description, amount_cents) VALUES ($1, $2, $3)")
                .bind(uuid::Uuid::new_v4().to_string())
                .bind(description)
                .bind(cents)
                .execute(db.pool())
                .await?;
        }
        lines.push("  test fees to pay at /payments/test (sandbox bank)".into());
    }
    let tickets: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM fines")
        .fetch_one(db.pool())
        .await?;
    if let (0, Some(clerk)) = (
        tickets,
        db.find_user_by_email("clerk@demo.dimos.invalid").await?,
    ) {
        // The municipal police's sample export (municipality code 1234), as if imported.
        let sample = include_str!("../fixtures/fines-issued-sample.csv");
        let report = db
            .import_fines(sample, "1234", "demo", Some(&clerk.id))
            .await?;
        lines.push(format!(
            "  {} traffic tickets in the fines registry (municipality code 1234) at /fines",
            report.imported
        ));
    }
    let records: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM debts")
        .fetch_one(db.pool())
        .await?;
    if records == 0 {
        // The municipality's records of the demo business: its certified municipal-tax debts
        // and other debts in the register, and two warrants.
        for csv in [
            include_str!("../fixtures/tax-debts-sample.csv"),
            include_str!("../fixtures/debts-sample.csv"),
        ] {
            db.import_debts(csv, &Actor::Cli).await?;
        }
        db.import_tax_csv(
            app::backend::tax_records::ImportKind::Warrants,
            include_str!("../fixtures/warrants-sample.csv"),
            "demo",
            &Actor::Cli,
        )
        .await?;
        lines.push(format!(
            "  debts (at /debts) and warrants (at /business/tax) of the demo business (ΑΦΜ {DEMO_BUSINESS_AFM})"
        ));
    }
    db.audit(db.pool(), &Actor::Cli, "demo.seeded", None, None)
        .await?;
    Ok(lines)
}
