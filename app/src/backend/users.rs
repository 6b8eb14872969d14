//! Portal users: creation, sign-in check, profile, verification, roles, e-mail tokens.

use super::audit::Actor;
use super::tokens::{hash_token, new_token};
use super::{now_ms, password, Db};
use crate::domain::account::{
    parse_email, Role, TextError, Verification, VerificationError, VerificationStep,
    MIN_PASSWORD_CHARS,
};

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct User {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub created_at_ms: i64,
}

pub use crate::views::accounts::Profile;

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("enter an e-mail address like name@example.com")]
    InvalidEmail(TextError),
    #[error("the password needs at least {MIN_PASSWORD_CHARS} characters")]
    WeakPassword,
    #[error("an account with this e-mail address already exists")]
    EmailTaken,
    #[error("could not hash the password")]
    Hash,
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("not found")]
    NotFound,
    #[error("the state changed meanwhile or the step is not allowed")]
    Transition(#[from] VerificationError),
    #[error("someone else changed it first")]
    Conflict,
    /// Another claim to the same ΑΦΜ is verified already.
    #[error("another account holds this tax number verified")]
    AfmVerifiedElsewhere,
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

/// What an e-mail token is for; each kind is valid for its own link only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    ConfirmEmail,
    ResetPassword,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmEmail => "confirm",
            TokenPurpose::ResetPassword => "reset",
        }
    }
}

/// New accounts to create.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub full_name: &'a str,
    pub phone: Option<&'a str>,
    pub password: &'a str,
    pub role: Role,
    /// Staff accounts made by an admin (and demo accounts) need no confirmation link.
    pub email_confirmed: bool,
}

const PROFILE_COLUMNS: &str = "id, email, full_name, role, phone, afm, address, father_name, \
     email_confirmed_at_ms, verification, verification_note, verification_at_ms";

impl Db {
    /// Creates a user with a hashed password and records it in the audit log, atomically.
    pub async fn create_user(
        &self,
        new: NewUser<'_>,
        actor: &Actor,
    ) -> Result<User, CreateUserError> {
        let email = parse_email(new.email).map_err(CreateUserError::InvalidEmail)?;
        if new.password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(CreateUserError::WeakPassword);
        }
        let hash = password::hash_blocking(new.password.to_owned())
            .await
            .map_err(|_| CreateUserError::Hash)?;
        let now = now_ms();
        let user = User {
            id: uuid::Uuid::new_v4().to_string(),
            email,
            full_name: new.full_name.trim().to_owned(),
            role: new.role.as_str().to_owned(),
            created_at_ms: now,
        };
        let mut tx = self.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO users (id, email, full_name, password_hash, role, created_at_ms, phone, \
             email_confirmed_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (email) DO NOTHING",
        )
        .bind(&user.id)
        .bind(&user.email)
        .bind(&user.full_name)
        .bind(&hash)
        .bind(&user.role)
        .bind(now)
        .bind(new.phone)
        .bind(new.email_confirmed.then_some(now))
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
            Some(new.role.as_str()),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    pub async fn find_user_by_email(&self, email: &str) -> Result<Option<User>, sqlx::Error> {
        let Ok(email) = parse_email(email) else {
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
    /// An unknown e-mail still costs one hash, so timing does not tell which it was.
    pub async fn check_password(
        &self,
        email: &str,
        plain: &str,
    ) -> Result<Option<Profile>, sqlx::Error> {
        let email = parse_email(email).unwrap_or_default();
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT id, password_hash FROM users WHERE email = $1")
                .bind(&email)
                .fetch_optional(self.pool())
                .await?;
        let Some((id, hash)) = row else {
            let _ =
                password::verify_blocking(plain.to_owned(), password::DUMMY_HASH.to_owned()).await;
            return Ok(None);
        };
        if !password::verify_blocking(plain.to_owned(), hash).await {
            return Ok(None);
        }
        self.profile(&id).await
    }

    pub async fn profile(&self, user_id: &str) -> Result<Option<Profile>, sqlx::Error> {
        sqlx::query_as::<_, Profile>(&format!(
            "SELECT {PROFILE_COLUMNS} FROM users WHERE id = $1"
        ))
        .bind(user_id)
        .fetch_optional(self.pool())
        .await
    }

    pub async fn set_password(
        &self,
        user_id: &str,
        plain: &str,
        actor: &Actor,
    ) -> Result<(), CreateUserError> {
        let hash = password::hash_blocking(plain.to_owned())
            .await
            .map_err(|_| CreateUserError::Hash)?;
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        self.audit(
            &mut *tx,
            actor,
            "user.password_changed",
            Some(user_id),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn confirm_email(&self, user_id: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE users SET email_confirmed_at_ms = $1 WHERE id = $2 AND email_confirmed_at_ms IS NULL",
        )
        .bind(now_ms())
        .bind(user_id)
        .execute(self.pool())
        .await?;
        self.audit(
            self.pool(),
            &Actor::User(user_id.into()),
            "user.email_confirmed",
            Some(user_id),
            None,
        )
        .await
    }

    /// Saves the profile. A verification (or a request for one) was of the ΑΦΜ the clerk
    /// saw: a different ΑΦΜ ends it, and the person asks again. Returns whether it ended.
    pub async fn update_profile(
        &self,
        user_id: &str,
        afm: &str,
        address: &str,
        father_name: &str,
        phone: Option<&str>,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let before: Option<(Option<String>, String)> =
            sqlx::query_as("SELECT afm, verification FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        let ends = before.is_some_and(|(old, state)| {
            old.as_deref() != Some(afm) && matches!(state.as_str(), "verified" | "pending")
        });
        let (state_sql, note_sql) = if ends {
            ("'unverified'", "NULL")
        } else {
            ("verification", "verification_note")
        };
        sqlx::query(&format!(
            "UPDATE users SET afm = $1, address = $2, father_name = $3, phone = $4, \
             verification = {state_sql}, verification_note = {note_sql} WHERE id = $5"
        ))
        .bind(afm)
        .bind(address)
        .bind(father_name)
        .bind(phone)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        self.audit(
            &mut *tx,
            &Actor::User(user_id.into()),
            "user.profile_updated",
            Some(user_id),
            ends.then_some("verification ended: the tax number changed"),
        )
        .await?;
        tx.commit().await?;
        Ok(ends)
    }

    /// Moves a user's verification one step, refusing illegal steps and lost races.
    pub async fn step_user_verification(
        &self,
        user_id: &str,
        step: VerificationStep,
        note: &str,
        actor: &Actor,
    ) -> Result<Verification, StateError> {
        step_verification(self, "users", user_id, step, note, actor).await
    }

    /// Staff accounts, newest first.
    pub async fn staff(&self) -> Result<Vec<crate::views::staff::StaffMember>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, email, full_name, role, department_id FROM users \
             WHERE role IN ('clerk', 'cashier', 'admin') ORDER BY created_at_ms DESC",
        )
        .fetch_all(self.pool())
        .await
    }

    /// Changes a staff member's role; an admin may not demote the last admin.
    pub async fn set_staff_role(
        &self,
        user_id: &str,
        role: Role,
        actor: &Actor,
    ) -> Result<(), StateError> {
        let mut tx = self.begin().await?;
        let current: Option<String> = sqlx::query_scalar(
            "SELECT role FROM users WHERE id = $1 AND role IN ('clerk', 'cashier', 'admin')",
        )
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        let current = current.ok_or(StateError::NotFound)?;
        if current == "admin" && role != Role::Admin {
            let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = 'admin'")
                .fetch_one(&mut *tx)
                .await?;
            if admins <= 1 {
                return Err(StateError::Conflict);
            }
        }
        sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role.as_str())
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        self.audit(
            &mut *tx,
            actor,
            "user.role_changed",
            Some(user_id),
            Some(&format!("{current} → {}", role.as_str())),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A single-use link token for e-mail confirmation or password reset. Only the newest
    /// link of a kind works: issuing one ends the user's earlier ones.
    pub async fn issue_email_token(
        &self,
        user_id: &str,
        purpose: TokenPurpose,
        valid_for_ms: i64,
    ) -> Result<String, sqlx::Error> {
        let token = new_token();
        let now = now_ms();
        let mut tx = self.begin().await?;
        end_other_tokens(&mut tx, user_id, purpose, now).await?;
        sqlx::query(
            "INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at_ms) VALUES ($1, $2, $3, $4)",
        )
        .bind(hash_token(&token))
        .bind(user_id)
        .bind(purpose.as_str())
        .bind(now + valid_for_ms)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Uses a token once: the owner's id if it was valid, unused and unexpired. Using one
    /// ends the user's other links of the same kind.
    pub async fn consume_email_token(
        &self,
        token: &str,
        purpose: TokenPurpose,
    ) -> Result<Option<String>, sqlx::Error> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let user: Option<String> = sqlx::query_scalar(
            "UPDATE email_tokens SET used_at_ms = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at_ms IS NULL AND expires_at_ms > $1 \
             RETURNING user_id",
        )
        .bind(now)
        .bind(hash_token(token))
        .bind(purpose.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(user_id) = &user {
            end_other_tokens(&mut tx, user_id, purpose, now).await?;
        }
        tx.commit().await?;
        Ok(user)
    }
}

/// Marks a user's unused links of one kind as used.
async fn end_other_tokens(
    tx: &mut sqlx::AnyConnection,
    user_id: &str,
    purpose: TokenPurpose,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE email_tokens SET used_at_ms = $1 WHERE user_id = $2 AND purpose = $3 \
         AND used_at_ms IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(purpose.as_str())
    .execute(tx)
    .await?;
    Ok(())
}

/// One verification step on a `users` or `businesses` row, in a transaction, with the
/// decision's time, actor and note recorded on the row and in the audit log.
pub(super) async fn step_verification(
    db: &Db,
    table: &'static str,
    id: &str,
    step: VerificationStep,
    note: &str,
    actor: &Actor,
) -> Result<Verification, StateError> {
    let mut tx = db.begin().await?;
    let current: Option<String> =
        sqlx::query_scalar(&format!("SELECT verification FROM {table} WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let current = current
        .as_deref()
        .and_then(Verification::parse)
        .ok_or(StateError::NotFound)?;
    let next = current.apply(step, note)?;
    let by = match actor {
        Actor::User(user) => Some(user.as_str()),
        _ => None,
    };
    let decision = matches!(step, VerificationStep::Approve | VerificationStep::Reject);
    let changed = sqlx::query(&format!(
        "UPDATE {table} SET verification = $1, verification_note = $2, verification_at_ms = $3, \
         verification_by = $4 WHERE id = $5 AND verification = $6"
    ))
    .bind(next.as_str())
    .bind(decision.then(|| note.trim()).filter(|n| !n.is_empty()))
    .bind(now_ms())
    .bind(by)
    .bind(id)
    .bind(current.as_str())
    .execute(&mut *tx)
    .await
    .map_err(|error| match error {
        // Only one claim per ΑΦΜ can be verified (unique partial index).
        sqlx::Error::Database(e) if e.is_unique_violation() => StateError::AfmVerifiedElsewhere,
        other => StateError::Db(other),
    })?;
    if changed.rows_affected() != 1 {
        return Err(StateError::Conflict);
    }
    let action = format!(
        "{}.verification_{}",
        if table == "users" { "user" } else { "business" },
        next.as_str()
    );
    db.audit(
        &mut *tx,
        actor,
        &action,
        Some(id),
        Some(note.trim()).filter(|n| !n.is_empty()),
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}
