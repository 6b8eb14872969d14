//! Demo data for local runs: known accounts whose passwords are printed and in the README.
//! Never load it on a real installation.

use app::backend::audit::Actor;
use app::backend::users::{CreateUserError, Role};
use app::backend::Db;

pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    pub password: &'static str,
    pub role: Role,
}

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[DemoAccount {
    email: "admin@demo.dimos.invalid",
    name: "Διαχειριστής Επίδειξης",
    password: "demo-admin-password",
    role: Role::Admin,
}];

/// Creates the demo accounts that do not exist yet; returns the lines to print.
pub async fn seed(db: &Db) -> Result<Vec<String>, CreateUserError> {
    let mut lines = Vec::new();
    for account in DEMO_ACCOUNTS {
        let state = match db
            .create_user(
                account.email,
                account.name,
                account.password,
                account.role,
                &Actor::Cli,
            )
            .await
        {
            Ok(_) => "created",
            Err(CreateUserError::EmailTaken) => "exists",
            Err(other) => return Err(other),
        };
        lines.push(format!(
            "  {:<8} {:<28} password: {}  ({state})",
            account.role.as_str(),
            account.email,
            account.password
        ));
    }
    db.audit(db.pool(), &Actor::Cli, "demo.seeded", None, None)
        .await?;
    Ok(lines)
}
