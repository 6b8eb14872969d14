//! Outside identity providers beside local accounts (TAXISnet): the provider boundary,
//! the flows begun here and awaited back, people proved but not yet registered, and the
//! accounts' links to their provider identities.

pub mod gsis;

use super::audit::Actor;
use super::tokens::{hash_token, new_token};
use super::{now_ms, Db};
use crate::domain::identity::{may_link, FlowPurpose, IdentityOutcome, Taxpayer};
use crate::domain::Afm;
use std::future::Future;
use std::pin::Pin;

/// The cookie holding a proved person's pending token while they give an e-mail address.
pub const PENDING_COOKIE: &str = "dimos_taxisnet_pending";

/// The cookie that forgets a pending TAXISnet sign-in (set when it is used, and at
/// sign-out).
pub fn clearing_pending_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{PENDING_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// How long a sign-in may stay at the provider.
pub const FLOW_MS: i64 = 10 * 60 * 1000;
/// How long a person proved by the provider has to give an e-mail address.
pub const PENDING_MS: i64 = 10 * 60 * 1000;
/// How long the link sent to that address stays valid (as a registration's).
pub const CONFIRM_MS: i64 = 48 * 60 * 60 * 1000;

/// What went wrong talking to the provider; the text is for the audit log, not the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    #[error("provider unavailable: {0}")]
    Unavailable(String),
    #[error("provider refused: {0}")]
    Refused(String),
    #[error("provider answer invalid: {0}")]
    Invalid(String),
}

impl ProviderError {
    pub fn outcome(&self) -> IdentityOutcome {
        match self {
            ProviderError::Unavailable(_) => IdentityOutcome::Unavailable,
            ProviderError::Refused(_) => IdentityOutcome::Refused,
            ProviderError::Invalid(_) => IdentityOutcome::Invalid,
        }
    }
}

pub type IdentityFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Taxpayer, ProviderError>> + Send + 'a>>;

/// A sign-in about to leave for the provider.
pub struct Authorization {
    /// The provider's authorization page, with this flow's `state` (and PKCE challenge).
    pub url: String,
    pub state: String,
    /// Empty when the provider is not sent a PKCE challenge.
    pub pkce_verifier: String,
}

/// An OAuth 2.0 identity provider that proves a taxpayer.
pub trait IdentityProvider: Send + Sync {
    /// The name identities are stored under.
    fn name(&self) -> &'static str;
    /// A fresh `state` and PKCE pair, and where to send the browser.
    fn authorize(&self) -> Authorization;
    /// Trades the code the browser brought back for the taxpayer it proves.
    fn identify<'a>(&'a self, code: &'a str, pkce_verifier: &'a str) -> IdentityFuture<'a>;
    /// Where to send the browser to sign out at the provider too, then come back.
    fn logout_url(&self, return_to: &str) -> Option<String>;
}

/// A flow begun here, taken back when the provider answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentityFlow {
    pub provider: String,
    pub purpose: FlowPurpose,
    /// The account linking (purpose `Link`).
    pub user_id: Option<String>,
    pub pkce_verifier: String,
    pub next_path: Option<String>,
}

/// Why a person proved by the provider could not be given an account or link.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error("the proved person's time to register has run out")]
    PendingGone,
    #[error("an account with this e-mail address exists")]
    EmailTaken,
    #[error("identity outcome: {0}")]
    Outcome(IdentityOutcome),
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

/// What an account found by its provider identity needs to be signed in.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct IdentityAccount {
    pub user_id: String,
    /// The ΑΦΜ the provider proved when the identity was linked.
    pub afm: String,
    pub email_confirmed_at_ms: Option<i64>,
    pub role: String,
}

/// The account created for a person proved by the provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentityUser {
    pub user_id: String,
    pub full_name: String,
}

/// A flow as stored.
#[derive(sqlx::FromRow)]
struct FlowRow {
    provider: String,
    purpose: String,
    user_id: Option<String>,
    pkce_verifier: String,
    next_path: Option<String>,
    expires_at_ms: i64,
}

/// A pending person as stored.
#[derive(sqlx::FromRow)]
struct PendingRow {
    provider: String,
    subject: String,
    afm: String,
    first_name: String,
    last_name: String,
    father_name: Option<String>,
    mother_name: Option<String>,
    birth_year: Option<i64>,
    email: Option<String>,
}

const PENDING_COLUMNS: &str = "provider, subject, afm, first_name, last_name, father_name, \
     mother_name, birth_year, email";

fn unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

impl Db {
    /// Records a flow leaving for the provider (and forgets those that never came back).
    pub async fn begin_identity_flow(
        &self,
        provider: &str,
        purpose: FlowPurpose,
        user_id: Option<&str>,
        next_path: Option<&str>,
        begun: &Authorization,
    ) -> Result<(), sqlx::Error> {
        let now = now_ms();
        sqlx::query("DELETE FROM identity_flows WHERE expires_at_ms < $1")
            .bind(now)
            .execute(self.pool())
            .await?;
        sqlx::query("DELETE FROM pending_identities WHERE expires_at_ms < $1")
            .bind(now)
            .execute(self.pool())
            .await?;
        sqlx::query(
            "INSERT INTO identity_flows (state_hash, provider, purpose, user_id, pkce_verifier, \
             next_path, expires_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(hash_token(&begun.state))
        .bind(provider)
        .bind(purpose.as_str())
        .bind(user_id)
        .bind(&begun.pkce_verifier)
        .bind(next_path)
        .bind(now + FLOW_MS)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Takes the flow a `state` names, once: `None` if unknown, used or expired.
    pub async fn take_identity_flow(
        &self,
        state: &str,
    ) -> Result<Option<IdentityFlow>, sqlx::Error> {
        let row: Option<FlowRow> = sqlx::query_as(
            "DELETE FROM identity_flows WHERE state_hash = $1 \
             RETURNING provider, purpose, user_id, pkce_verifier, next_path, expires_at_ms",
        )
        .bind(hash_token(state))
        .fetch_optional(self.pool())
        .await?;
        Ok(row
            .filter(|row| row.expires_at_ms >= now_ms())
            .and_then(|row| {
                Some(IdentityFlow {
                    provider: row.provider,
                    purpose: FlowPurpose::parse(&row.purpose)?,
                    user_id: row.user_id,
                    pkce_verifier: row.pkce_verifier,
                    next_path: row.next_path,
                })
            }))
    }

    /// The account that holds this provider identity, if any.
    pub async fn account_by_identity(
        &self,
        provider: &str,
        subject: &str,
    ) -> Result<Option<IdentityAccount>, sqlx::Error> {
        sqlx::query_as(
            "SELECT u.id AS user_id, i.afm, u.email_confirmed_at_ms, u.role FROM user_identities i \
             JOIN users u ON u.id = i.user_id WHERE i.provider = $1 AND i.subject = $2",
        )
        .bind(provider)
        .bind(subject)
        .fetch_optional(self.pool())
        .await
    }

    /// Whether an account holds this ΑΦΜ verified.
    pub async fn afm_held_verified(&self, afm: &Afm) -> Result<bool, sqlx::Error> {
        let found: Option<String> =
            sqlx::query_scalar("SELECT id FROM users WHERE afm = $1 AND verification = 'verified'")
                .bind(afm.as_str())
                .fetch_optional(self.pool())
                .await?;
        Ok(found.is_some())
    }

    /// Keeps a proved person without an account while they give an e-mail address; the
    /// token is what their browser holds.
    pub async fn hold_pending_identity(
        &self,
        provider: &str,
        taxpayer: &Taxpayer,
    ) -> Result<String, sqlx::Error> {
        let token = new_token();
        sqlx::query(
            "INSERT INTO pending_identities (token_hash, provider, subject, afm, first_name, \
             last_name, father_name, mother_name, birth_year, expires_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(hash_token(&token))
        .bind(provider)
        .bind(&taxpayer.subject)
        .bind(taxpayer.afm.as_str())
        .bind(&taxpayer.first_name)
        .bind(&taxpayer.last_name)
        .bind(&taxpayer.father_name)
        .bind(&taxpayer.mother_name)
        .bind(taxpayer.birth_year.map(i64::from))
        .bind(now_ms() + PENDING_MS)
        .execute(self.pool())
        .await?;
        Ok(token)
    }

    /// The person a pending token holds, if it is still valid.
    pub async fn pending_identity(&self, token: &str) -> Result<Option<Taxpayer>, sqlx::Error> {
        let row: Option<PendingRow> = sqlx::query_as(&format!(
            "SELECT {PENDING_COLUMNS} FROM pending_identities WHERE token_hash = $1 \
             AND expires_at_ms >= $2 AND email IS NULL"
        ))
        .bind(hash_token(token))
        .bind(now_ms())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.and_then(pending_taxpayer))
    }

    /// Keeps the address a pending person gave, until they open the link sent there (the
    /// returned token, and the name to greet them by). The browser's pending token stops
    /// working at once: the next person at the computer sees nothing of them. An address
    /// that has an account already ends the pending person (its owner is told by e-mail).
    pub async fn await_confirmation(
        &self,
        token: &str,
        email: &str,
    ) -> Result<(String, String), IdentityError> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let row: Option<PendingRow> = sqlx::query_as(&format!(
            "SELECT {PENDING_COLUMNS} FROM pending_identities WHERE token_hash = $1 \
             AND expires_at_ms >= $2 AND email IS NULL"
        ))
        .bind(hash_token(token))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(taxpayer) = row.and_then(pending_taxpayer) else {
            return Err(IdentityError::PendingGone);
        };
        let taken: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            sqlx::query("DELETE FROM pending_identities WHERE token_hash = $1")
                .bind(hash_token(token))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Err(IdentityError::EmailTaken);
        }
        let confirm = new_token();
        sqlx::query(
            "UPDATE pending_identities SET email = $1, confirm_hash = $2, token_hash = $3, \
             expires_at_ms = $4 WHERE token_hash = $5 AND email IS NULL",
        )
        .bind(email)
        .bind(hash_token(&confirm))
        .bind(hash_token(&new_token()))
        .bind(now + CONFIRM_MS)
        .bind(hash_token(token))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((confirm, taxpayer.full_name()))
    }

    /// Creates the account of a proved person once they open the link sent to the address
    /// they gave: that address (confirmed), the ΑΦΜ verified, names from the provider, no
    /// password (they sign in through the provider, or set one by "forgotten password").
    /// The link works once.
    pub async fn create_identity_user(&self, confirm: &str) -> Result<IdentityUser, IdentityError> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let row: Option<PendingRow> = sqlx::query_as(&format!(
            "DELETE FROM pending_identities WHERE confirm_hash = $1 AND expires_at_ms >= $2 \
             RETURNING {PENDING_COLUMNS}"
        ))
        .bind(hash_token(confirm))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((provider, email, taxpayer)) = row.and_then(|row| {
            let (provider, email) = (row.provider.clone(), row.email.clone()?);
            pending_taxpayer(row).map(|t| (provider, email, t))
        }) else {
            return Err(IdentityError::PendingGone);
        };
        let user = IdentityUser {
            user_id: uuid::Uuid::new_v4().to_string(),
            full_name: taxpayer.full_name(),
        };
        let inserted = sqlx::query(
            "INSERT INTO users (id, email, full_name, password_hash, role, created_at_ms, afm, \
             father_name, verification, verification_at_ms, email_confirmed_at_ms) \
             VALUES ($1, $2, $3, '!', 'citizen', $4, $5, $6, 'verified', $4, $4) \
             ON CONFLICT (email) DO NOTHING",
        )
        .bind(&user.user_id)
        .bind(&email)
        .bind(&user.full_name)
        .bind(now)
        .bind(taxpayer.afm.as_str())
        .bind(&taxpayer.father_name)
        .execute(&mut *tx)
        .await;
        match inserted {
            // Someone registered the address meanwhile: nothing is created (the link is
            // used up; the person signs in to that account and links TAXISnet there).
            Ok(done) if done.rows_affected() == 0 => {
                tx.commit().await?;
                return Err(IdentityError::EmailTaken);
            }
            Ok(_) => {}
            Err(error) if unique_violation(&error) => {
                return Err(IdentityError::Outcome(IdentityOutcome::AfmTaken));
            }
            Err(error) => return Err(error.into()),
        }
        let linked = sqlx::query(
            "INSERT INTO user_identities (provider, subject, user_id, afm, linked_at_ms) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&provider)
        .bind(&taxpayer.subject)
        .bind(&user.user_id)
        .bind(taxpayer.afm.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await;
        match linked {
            Ok(_) => {}
            Err(error) if unique_violation(&error) => {
                return Err(IdentityError::Outcome(IdentityOutcome::LinkedElsewhere));
            }
            Err(error) => return Err(error.into()),
        }
        let actor = Actor::User(user.user_id.clone());
        self.audit(
            &mut *tx,
            &actor,
            "user.created",
            Some(&user.user_id),
            Some(&provider),
        )
        .await?;
        self.audit(
            &mut *tx,
            &actor,
            "user.verification_verified",
            Some(&user.user_id),
            Some(&format!("ΑΦΜ proved by {provider}")),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    /// Links a provider identity to a signed-in account: its ΑΦΜ becomes the proved one,
    /// verified. Refused, changing nothing, when another account holds that ΑΦΜ verified,
    /// when the identity belongs to another account, or when a clerk verified a different
    /// ΑΦΜ on this one.
    pub async fn link_identity(
        &self,
        user_id: &str,
        provider: &str,
        taxpayer: &Taxpayer,
    ) -> Result<(), IdentityError> {
        let now = now_ms();
        let mut tx = self.begin().await?;
        let account: Option<(Option<String>, String)> =
            sqlx::query_as("SELECT afm, verification FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((afm, verification)) = account else {
            return Err(IdentityError::Outcome(IdentityOutcome::Expired));
        };
        let verified_afm = (verification == "verified").then(|| afm.as_deref().unwrap_or(""));
        may_link(verified_afm, &taxpayer.afm).map_err(IdentityError::Outcome)?;
        let holder: Option<String> = sqlx::query_scalar(
            "SELECT user_id FROM user_identities WHERE provider = $1 AND subject = $2",
        )
        .bind(provider)
        .bind(&taxpayer.subject)
        .fetch_optional(&mut *tx)
        .await?;
        match holder.as_deref() {
            Some(holder) if holder != user_id => {
                return Err(IdentityError::Outcome(IdentityOutcome::LinkedElsewhere));
            }
            Some(_) => {}
            None => {
                sqlx::query("DELETE FROM user_identities WHERE user_id = $1 AND provider = $2")
                    .bind(user_id)
                    .bind(provider)
                    .execute(&mut *tx)
                    .await?;
                let inserted = sqlx::query(
                    "INSERT INTO user_identities (provider, subject, user_id, afm, linked_at_ms) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(provider)
                .bind(&taxpayer.subject)
                .bind(user_id)
                .bind(taxpayer.afm.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await;
                // Another link of the same identity won the race meanwhile.
                match inserted {
                    Ok(_) => {}
                    Err(error) if unique_violation(&error) => {
                        return Err(IdentityError::Outcome(IdentityOutcome::LinkedElsewhere));
                    }
                    Err(error) => return Err(error.into()),
                }
            }
        }
        let proved = sqlx::query(
            "UPDATE users SET afm = $1, verification = 'verified', verification_note = NULL, \
             verification_at_ms = $2, verification_by = NULL, \
             father_name = COALESCE(father_name, $3) WHERE id = $4",
        )
        .bind(taxpayer.afm.as_str())
        .bind(now)
        .bind(&taxpayer.father_name)
        .bind(user_id)
        .execute(&mut *tx)
        .await;
        match proved {
            Ok(_) => {}
            Err(error) if unique_violation(&error) => {
                return Err(IdentityError::Outcome(IdentityOutcome::AfmTaken));
            }
            Err(error) => return Err(error.into()),
        }
        self.audit(
            &mut *tx,
            &Actor::User(user_id.to_owned()),
            "user.identity_linked",
            Some(user_id),
            Some(provider),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the account has linked this provider.
    pub async fn has_identity(&self, user_id: &str, provider: &str) -> Result<bool, sqlx::Error> {
        let found: Option<String> = sqlx::query_scalar(
            "SELECT subject FROM user_identities WHERE user_id = $1 AND provider = $2",
        )
        .bind(user_id)
        .bind(provider)
        .fetch_optional(self.pool())
        .await?;
        Ok(found.is_some())
    }
}

fn pending_taxpayer(row: PendingRow) -> Option<Taxpayer> {
    Some(Taxpayer {
        subject: row.subject,
        afm: Afm::parse(&row.afm).ok()?,
        first_name: row.first_name,
        last_name: row.last_name,
        father_name: row.father_name,
        mother_name: row.mother_name,
        birth_year: row.birth_year.and_then(|y| u16::try_from(y).ok()),
    })
}
