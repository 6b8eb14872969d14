//! Paying without an account (GOV.UK Pay's practice): a visitor who proves a ticket with its
//! details gets a guest pass — a random token in an HttpOnly cookie, only its hash kept —
//! that lets them see that ticket and the payments they start for it, for a day.

use super::tokens::{hash_token, new_token};
use super::{now_ms, Db};

pub const GUEST_COOKIE: &str = "dimos_guest";
/// How long a pass lets its holder back to what they proved and paid.
pub const GUEST_PASS_MS: i64 = 24 * 60 * 60 * 1000;

/// What a guest pass may open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuestSubject {
    Fine,
    Payment,
}

impl GuestSubject {
    fn as_str(self) -> &'static str {
        match self {
            GuestSubject::Fine => "fine",
            GuestSubject::Payment => "payment",
        }
    }
}

/// The pass a request carries: the token's hash (what the database knows it by).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuestPass {
    pub hash: String,
}

impl GuestPass {
    /// The pass in a `Cookie` header, if any.
    pub fn from_cookie_header(header: &str) -> Option<GuestPass> {
        header
            .split(';')
            .filter_map(|pair| pair.split_once('='))
            .find(|(name, _)| name.trim() == GUEST_COOKIE)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty() && value.len() <= 64)
            .map(|token| GuestPass {
                hash: hash_token(token),
            })
    }
}

/// The cookie that hands a new pass to the browser.
pub fn guest_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{GUEST_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        GUEST_PASS_MS / 1000
    )
}

impl Db {
    /// The pass to grant on: the one the browser holds if it is still valid, else a new one
    /// (its token returned, to be set as a cookie).
    pub async fn guest_pass(
        &self,
        held: Option<&GuestPass>,
    ) -> Result<(GuestPass, Option<String>), sqlx::Error> {
        let now = now_ms();
        if let Some(pass) = held {
            let valid: Option<i64> = sqlx::query_scalar(
                "SELECT expires_at_ms FROM guest_passes WHERE token_hash = $1 AND expires_at_ms > $2",
            )
            .bind(&pass.hash)
            .bind(now)
            .fetch_optional(self.pool())
            .await?;
            if valid.is_some() {
                return Ok((pass.clone(), None));
            }
        }
        let token = new_token();
        let pass = GuestPass {
            hash: hash_token(&token),
        };
        sqlx::query(
            "INSERT INTO guest_passes (token_hash, created_at_ms, expires_at_ms) VALUES ($1, $2, $3)",
        )
        .bind(&pass.hash)
        .bind(now)
        .bind(now + GUEST_PASS_MS)
        .execute(self.pool())
        .await?;
        Ok((pass, Some(token)))
    }

    /// Lets the pass open `subject`.
    pub async fn grant_guest(
        &self,
        pass: &GuestPass,
        subject: GuestSubject,
        id: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO guest_grants (token_hash, subject_kind, subject_id, granted_at_ms) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (token_hash, subject_kind, subject_id) DO NOTHING",
        )
        .bind(&pass.hash)
        .bind(subject.as_str())
        .bind(id)
        .bind(now_ms())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Whether a valid pass may open `subject`.
    pub async fn guest_may(
        &self,
        pass: Option<&GuestPass>,
        subject: GuestSubject,
        id: &str,
    ) -> Result<bool, sqlx::Error> {
        let Some(pass) = pass else {
            return Ok(false);
        };
        let found: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM guest_grants g JOIN guest_passes p ON p.token_hash = g.token_hash \
             WHERE g.token_hash = $1 AND g.subject_kind = $2 AND g.subject_id = $3 \
             AND p.expires_at_ms > $4",
        )
        .bind(&pass.hash)
        .bind(subject.as_str())
        .bind(id)
        .bind(now_ms())
        .fetch_one(self.pool())
        .await?;
        Ok(found > 0)
    }

    /// Forgets expired passes and what they opened.
    pub async fn purge_guest_passes(&self, now: i64) -> Result<u64, sqlx::Error> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "DELETE FROM guest_grants WHERE token_hash IN \
             (SELECT token_hash FROM guest_passes WHERE expires_at_ms <= $1)",
        )
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let gone = sqlx::query("DELETE FROM guest_passes WHERE expires_at_ms <= $1")
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(gone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pass_is_read_from_its_cookie_only() {
        let pass = GuestPass::from_cookie_header("lang=el; dimos_guest=abc").unwrap();
        assert_eq!(pass.hash, hash_token("abc"));
        assert!(GuestPass::from_cookie_header("dimos_session=abc").is_none());
        assert!(GuestPass::from_cookie_header("dimos_guest=").is_none());
        assert!(
            GuestPass::from_cookie_header(&format!("dimos_guest={}", "x".repeat(65))).is_none()
        );
        let cookie = guest_cookie("abc", true);
        for part in [
            "dimos_guest=abc;",
            "HttpOnly",
            "SameSite=Lax",
            "Secure",
            "Max-Age=86400",
        ] {
            assert!(cookie.contains(part), "{cookie}");
        }
    }
}
