//! Sessions in the database: any server instance can serve any request. The browser holds
//! a random token; the table holds its hash, the owner and two timestamps.

use super::tokens::{hash_token, new_token};
use super::{now_ms, Db};
use crate::auth::SessionUser;
use crate::domain::account::{Role, Verification};

pub const SESSION_COOKIE: &str = "dimos_session";

/// Idle and absolute lifetimes (configurable), and whether cookies need TLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle_ms: i64,
    pub absolute_ms: i64,
    pub secure_cookie: bool,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle_ms: 30 * 60 * 1000,
            absolute_ms: 12 * 60 * 60 * 1000,
            secure_cookie: false,
        }
    }
}

/// `last_seen` is written at most once a minute, not on every request.
const TOUCH_EVERY_MS: i64 = 60 * 1000;

impl SessionPolicy {
    pub fn cookie(&self, token: &str) -> String {
        let secure = if self.secure_cookie { "; Secure" } else { "" };
        format!(
            "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            self.absolute_ms / 1000
        )
    }

    pub fn clearing_cookie(&self) -> String {
        let secure = if self.secure_cookie { "; Secure" } else { "" };
        format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
    }
}

/// Finds the session token in a `Cookie` header.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    cookie_value(header, SESSION_COOKIE)
}

/// The non-empty value of the cookie `name` in a `Cookie` header.
pub fn cookie_value<'h>(header: &'h str, name: &str) -> Option<&'h str> {
    header
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| key.trim() == name)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

type SessionRow = (String, String, String, String, String, i64, i64, i64);

impl Db {
    /// Starts a new session (a fresh token at every sign-in) and returns its token.
    pub async fn create_session(&self, user_id: &str) -> Result<String, sqlx::Error> {
        self.create_session_via(user_id, None).await
    }

    /// Starts a session begun through an identity provider (`None`: a password), which
    /// signing out then ends at the provider too.
    pub async fn create_session_via(
        &self,
        user_id: &str,
        provider: Option<&str>,
    ) -> Result<String, sqlx::Error> {
        let token = new_token();
        let now = now_ms();
        // A password session leaves `provider` to its default (the column is the newest).
        let sql = match provider {
            None => {
                "INSERT INTO sessions (token_hash, user_id, created_at_ms, last_seen_ms) \
                 VALUES ($1, $2, $3, $4)"
            }
            Some(_) => {
                "INSERT INTO sessions (token_hash, user_id, created_at_ms, last_seen_ms, provider) \
                 VALUES ($1, $2, $3, $4, $5)"
            }
        };
        let mut query = sqlx::query(sql)
            .bind(hash_token(&token))
            .bind(user_id)
            .bind(now)
            .bind(now);
        if let Some(provider) = provider {
            query = query.bind(provider);
        }
        query.execute(self.pool()).await?;
        Ok(token)
    }

    /// The identity provider a session was begun through, if any.
    pub async fn session_provider(&self, token: &str) -> Result<Option<String>, sqlx::Error> {
        let provider: Option<Option<String>> =
            sqlx::query_scalar("SELECT provider FROM sessions WHERE token_hash = $1")
                .bind(hash_token(token))
                .fetch_optional(self.pool())
                .await?;
        Ok(provider.flatten())
    }

    /// The user behind a token, if the session is neither idle too long nor too old.
    /// Expired sessions are deleted on sight.
    pub async fn session_user(
        &self,
        token: &str,
        policy: &SessionPolicy,
        now: i64,
    ) -> Result<Option<SessionUser>, sqlx::Error> {
        let token_hash = hash_token(token);
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT u.id, u.email, u.full_name, u.role, u.verification, s.created_at_ms, \
                    s.last_seen_ms, \
                    (SELECT COUNT(*) FROM businesses b WHERE b.representative_id = u.id) \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        )
        .bind(&token_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some((id, email, full_name, role, verification, created, last_seen, businesses)) = row
        else {
            return Ok(None);
        };
        if now - last_seen > policy.idle_ms || now - created > policy.absolute_ms {
            self.delete_session(token).await?;
            return Ok(None);
        }
        if now - last_seen > TOUCH_EVERY_MS {
            sqlx::query("UPDATE sessions SET last_seen_ms = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(&token_hash)
                .execute(self.pool())
                .await?;
        }
        Ok(Some(SessionUser {
            id,
            email,
            full_name,
            role: Role::parse(&role).unwrap_or(Role::Citizen),
            verification: Verification::parse(&verification).unwrap_or(Verification::Unverified),
            represents_business: businesses > 0,
        }))
    }

    pub async fn delete_session(&self, token: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash_token(token))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Ends every session of a user (password change or reset).
    pub async fn delete_sessions_of(&self, user_id: &str) -> Result<u64, sqlx::Error> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_lax_and_secure_behind_tls() {
        let policy = SessionPolicy {
            secure_cookie: true,
            ..SessionPolicy::default()
        };
        let cookie = policy.cookie("abc");
        assert!(cookie.starts_with("dimos_session=abc;"));
        for part in [
            "HttpOnly",
            "SameSite=Lax",
            "Secure",
            "Max-Age=43200",
            "Path=/",
        ] {
            assert!(cookie.contains(part), "{cookie} lacks {part}");
        }
        assert!(!SessionPolicy::default().cookie("abc").contains("Secure"));
        assert_eq!(
            token_from_cookie_header("lang=el; dimos_session=xyz"),
            Some("xyz")
        );
        assert_eq!(token_from_cookie_header("dimos_session="), None);
    }
}
