//! Portal users: creation of administrators and lookup by e-mail.

use super::audit::Actor;
use super::{now_ms, password, Db};

/// The roles of the portal, stored as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Citizen,
    Business,
    Clerk,
    Cashier,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Business => "business",
            Role::Clerk => "clerk",
            Role::Cashier => "cashier",
            Role::Admin => "admin",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct User {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub created_at_ms: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("enter an e-mail address like name@example.com")]
    InvalidEmail,
    #[error("the password needs at least {MIN_PASSWORD_CHARS} characters")]
    WeakPassword,
    #[error("an account with this e-mail address already exists")]
    EmailTaken,
    #[error("could not hash the password")]
    Hash,
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

pub const MIN_PASSWORD_CHARS: usize = 12;

/// Trims and lower-cases an e-mail address, refusing what cannot be one.
pub fn normalize_email(input: &str) -> Result<String, CreateUserError> {
    let email = input.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if valid {
        Ok(email)
    } else {
        Err(CreateUserError::InvalidEmail)
    }
}

impl Db {
    /// Creates a user with a hashed password and records it in the audit log, atomically.
    pub async fn create_user(
        &self,
        email: &str,
        full_name: &str,
        plain_password: &str,
        role: Role,
        actor: &Actor,
    ) -> Result<User, CreateUserError> {
        let email = normalize_email(email)?;
        if plain_password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(CreateUserError::WeakPassword);
        }
        let hash = password::hash(plain_password).map_err(|_| CreateUserError::Hash)?;
        let user = User {
            id: uuid::Uuid::new_v4().to_string(),
            email,
            full_name: full_name.trim().to_owned(),
            role: role.as_str().to_owned(),
            created_at_ms: now_ms(),
        };
        let mut tx = self.pool().begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO users (id, email, full_name, password_hash, role, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING",
        )
        .bind(&user.id)
        .bind(&user.email)
        .bind(&user.full_name)
        .bind(&hash)
        .bind(&user.role)
        .bind(user.created_at_ms)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            return Err(CreateUserError::EmailTaken);
        }
        self.audit(
            &mut *tx,
            actor,
            "user.created",
            Some(&user.id),
            Some(role.as_str()),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    pub async fn find_user_by_email(&self, email: &str) -> Result<Option<User>, sqlx::Error> {
        let Ok(email) = normalize_email(email) else {
            return Ok(None);
        };
        sqlx::query_as::<_, User>(
            "SELECT id, email, full_name, role, created_at_ms FROM users WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(self.pool())
        .await
    }

    /// Checks an e-mail and password pair; `None` for an unknown user or a wrong password.
    pub async fn check_password(
        &self,
        email: &str,
        plain: &str,
    ) -> Result<Option<User>, sqlx::Error> {
        let Ok(email) = normalize_email(email) else {
            return Ok(None);
        };
        let row: Option<(String, String, String, String, i64, String)> = sqlx::query_as(
            "SELECT id, email, full_name, role, created_at_ms, password_hash FROM users \
             WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(self.pool())
        .await?;
        Ok(
            row.and_then(|(id, email, full_name, role, created_at_ms, hash)| {
                password::verify(plain, &hash).then_some(User {
                    id,
                    email,
                    full_name,
                    role,
                    created_at_ms,
                })
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized_or_refused() {
        assert_eq!(
            normalize_email(" Maria@Example.GR ").unwrap(),
            "maria@example.gr"
        );
        for bad in [
            "",
            "maria",
            "maria@",
            "@example.gr",
            "maria@example",
            "a b@example.gr",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad}");
        }
    }
}
