//! Business profiles: a company's ΑΦΜ, name, legal form, activity, VAT period type and the
//! user who represents it; verified by staff like people are.

use super::audit::Actor;
use super::users::{step_verification, StateError};
use super::{now_ms, Db};
use crate::domain::account::{Verification, VerificationStep};

pub use crate::views::accounts::Business;

pub struct NewBusiness<'a> {
    pub afm: &'a str,
    pub name: &'a str,
    pub legal_form: &'a str,
    pub activity: &'a str,
    pub vat_period: &'a str,
}

/// What the staff's search matches a business by: name and ΑΦΜ, without case or accents.
pub fn business_search_key(name: &str, afm: &str) -> String {
    crate::domain::submission::search_key(&format!("{name} {afm}"))
}

#[derive(Debug, thiserror::Error)]
pub enum BusinessError {
    /// This account already claims a business with this ΑΦΜ (others may claim it too).
    #[error("this account already registered a business with this tax number")]
    AfmTaken,
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

const COLUMNS: &str = "id, afm, name, legal_form, activity, vat_period, representative_id, \
     verification, verification_note, verification_at_ms, created_at_ms";

impl Db {
    pub async fn create_business(
        &self,
        representative_id: &str,
        new: NewBusiness<'_>,
    ) -> Result<Business, BusinessError> {
        let id = uuid::Uuid::new_v4().to_string();
        let now = now_ms();
        let mut tx = self.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO businesses (id, afm, name, legal_form, activity, vat_period, \
             representative_id, created_at_ms, search_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (afm, representative_id) DO NOTHING",
        )
        .bind(&id)
        .bind(new.afm)
        .bind(new.name)
        .bind(new.legal_form)
        .bind(new.activity)
        .bind(new.vat_period)
        .bind(representative_id)
        .bind(now)
        .bind(business_search_key(new.name, new.afm))
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            return Err(BusinessError::AfmTaken);
        }
        self.audit(
            &mut *tx,
            &Actor::User(representative_id.into()),
            "business.created",
            Some(&id),
            None,
        )
        .await?;
        // A sole trader's business ΑΦΜ is the person's own: once that is proved (by
        // TAXISnet or a clerk), there is no representation left for a clerk to check.
        let own = sqlx::query(
            "UPDATE businesses SET verification = 'verified', verification_at_ms = $1 \
             WHERE id = $2 AND EXISTS (SELECT 1 FROM users u WHERE u.id = $3 AND u.afm = $4 \
             AND u.verification = 'verified') AND NOT EXISTS (SELECT 1 FROM businesses b \
             WHERE b.afm = $4 AND b.verification = 'verified')",
        )
        .bind(now)
        .bind(&id)
        .bind(representative_id)
        .bind(new.afm)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if own {
            self.audit(
                &mut *tx,
                &Actor::System,
                "business.verification_verified",
                Some(&id),
                Some("the representative's own proved ΑΦΜ"),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Business {
            id,
            afm: new.afm.into(),
            name: new.name.into(),
            legal_form: new.legal_form.into(),
            activity: new.activity.into(),
            vat_period: new.vat_period.into(),
            representative_id: representative_id.into(),
            verification: if own {
                Verification::Verified
            } else {
                Verification::Unverified
            },
            verification_note: None,
            verification_at_ms: own.then_some(now),
            created_at_ms: now,
        })
    }

    pub async fn businesses_of(
        &self,
        representative_id: &str,
    ) -> Result<Vec<Business>, sqlx::Error> {
        sqlx::query_as::<_, Business>(&format!(
            "SELECT {COLUMNS} FROM businesses WHERE representative_id = $1 ORDER BY name"
        ))
        .bind(representative_id)
        .fetch_all(self.pool())
        .await
    }

    /// A business only its representative may see: anyone else gets `None` (not found).
    pub async fn business_of(
        &self,
        representative_id: &str,
        business_id: &str,
    ) -> Result<Option<Business>, sqlx::Error> {
        sqlx::query_as::<_, Business>(&format!(
            "SELECT {COLUMNS} FROM businesses WHERE id = $1 AND representative_id = $2"
        ))
        .bind(business_id)
        .bind(representative_id)
        .fetch_optional(self.pool())
        .await
    }

    pub async fn step_business_verification(
        &self,
        business_id: &str,
        step: VerificationStep,
        note: &str,
        actor: &Actor,
    ) -> Result<Verification, StateError> {
        step_verification(self, "businesses", business_id, step, note, actor).await
    }

    /// People and businesses waiting for a clerk, oldest request first, each with how many
    /// other claims name the same ΑΦΜ and whether one of them is verified already.
    pub async fn pending_verifications(&self) -> Result<Vec<PendingVerification>, sqlx::Error> {
        sqlx::query_as::<_, PendingVerification>(
            "SELECT 'user' AS kind, u.id, u.full_name AS name, u.afm, u.email AS contact, \
                    u.verification_at_ms AS requested_at_ms, \
                    (SELECT COUNT(*) FROM users o WHERE o.afm = u.afm AND o.id <> u.id) AS other_claims, \
                    (SELECT COUNT(*) FROM users o WHERE o.afm = u.afm AND o.id <> u.id \
                       AND o.verification = 'verified') AS other_verified \
             FROM users u WHERE u.verification = 'pending' \
             UNION ALL \
             SELECT 'business' AS kind, b.id, b.name, b.afm, u.email AS contact, \
                    b.verification_at_ms AS requested_at_ms, \
                    (SELECT COUNT(*) FROM businesses o WHERE o.afm = b.afm AND o.id <> b.id) AS other_claims, \
                    (SELECT COUNT(*) FROM businesses o WHERE o.afm = b.afm AND o.id <> b.id \
                       AND o.verification = 'verified') AS other_verified \
             FROM businesses b JOIN users u ON u.id = b.representative_id \
             WHERE b.verification = 'pending' \
             ORDER BY requested_at_ms",
        )
        .fetch_all(self.pool())
        .await
    }
}

pub use crate::views::staff::PendingVerification;
