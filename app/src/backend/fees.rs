//! The catalogue of fees on request (παράβολα): each type's versions by the day they are in
//! force from; what is offered on a day; admins add versions.

use super::{now_ms, Db};
use crate::domain::notice::{fee_amount, FeeVersion};
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::Money;
use crate::views::notices::{FeeOffer, FeeVersionRow};

#[derive(sqlx::FromRow)]
struct FeeRecord {
    code: String,
    valid_from: String,
    name_el: String,
    name_en: String,
    amount_cents: i64,
    active: i64,
    created_by: Option<String>,
}

impl FeeRecord {
    fn version(&self) -> Option<FeeVersion> {
        Some(FeeVersion {
            valid_from: parse_iso_date(&self.valid_from)?,
            amount: Money::from_cents(self.amount_cents),
            active: self.active == 1,
        })
    }
}

/// A fee type's new version, as an admin enters it.
#[derive(Clone, Debug)]
pub struct NewFeeVersion {
    pub code: String,
    pub name_el: String,
    pub name_en: String,
    pub amount: Money,
    pub valid_from: Date,
    pub active: bool,
}

/// The offer of one type on `on` from its versions (all of one code): the version in force
/// gives the names, `fee_amount` the amount; `None` before it starts or once withdrawn.
fn offer_of(versions: &[&FeeRecord], on: Date) -> Option<FeeOffer> {
    let in_force: Vec<FeeVersion> = versions.iter().filter_map(|r| r.version()).collect();
    let amount = fee_amount(&in_force, on)?;
    let current = versions
        .iter()
        .filter(|r| r.version().is_some_and(|v| v.valid_from <= on))
        .max_by(|a, b| a.valid_from.cmp(&b.valid_from))?;
    Some(FeeOffer {
        code: current.code.clone(),
        name_el: current.name_el.clone(),
        name_en: current.name_en.clone(),
        amount,
    })
}

impl Db {
    /// Fee `code` as offered `on`.
    pub async fn fee_offer(&self, code: &str, on: Date) -> Result<Option<FeeOffer>, sqlx::Error> {
        let records: Vec<FeeRecord> = sqlx::query_as(
            "SELECT code, valid_from, name_el, name_en, amount_cents, active, created_by \
             FROM fee_types WHERE code = $1",
        )
        .bind(code)
        .fetch_all(self.pool())
        .await?;
        Ok(offer_of(&records.iter().collect::<Vec<_>>(), on))
    }

    /// The fees a user may issue `on`: each type's version in force, withdrawn ones left out.
    pub async fn fee_offers(&self, on: Date) -> Result<Vec<FeeOffer>, sqlx::Error> {
        let records = self.fee_records().await?;
        let mut codes: Vec<&str> = records.iter().map(|r| r.code.as_str()).collect();
        codes.dedup();
        let mut offers: Vec<FeeOffer> = codes
            .into_iter()
            .filter_map(|code| {
                let of_code: Vec<&FeeRecord> = records.iter().filter(|r| r.code == code).collect();
                offer_of(&of_code, on)
            })
            .collect();
        offers.sort_by(|a, b| a.name_el.cmp(&b.name_el));
        Ok(offers)
    }

    /// Every version of every fee type, for admins.
    pub async fn fee_versions(&self) -> Result<Vec<FeeVersionRow>, sqlx::Error> {
        Ok(self
            .fee_records()
            .await?
            .into_iter()
            .map(|r| FeeVersionRow {
                amount: Money::from_cents(r.amount_cents),
                active: r.active == 1,
                code: r.code,
                valid_from: r.valid_from,
                name_el: r.name_el,
                name_en: r.name_en,
                created_by: r.created_by,
            })
            .collect())
    }

    async fn fee_records(&self) -> Result<Vec<FeeRecord>, sqlx::Error> {
        sqlx::query_as(
            "SELECT code, valid_from, name_el, name_en, amount_cents, active, created_by \
             FROM fee_types ORDER BY code, valid_from",
        )
        .fetch_all(self.pool())
        .await
    }

    /// Adds a version of a fee type (a new type, or a new amount or name from a day).
    /// `false`: that type already has a version from that day.
    pub async fn add_fee_version(
        &self,
        version: &NewFeeVersion,
        actor: &str,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "INSERT INTO fee_types (code, valid_from, name_el, name_en, amount_cents, active, \
             created_at_ms, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (code, valid_from) DO NOTHING",
        )
        .bind(&version.code)
        .bind(version.valid_from.iso())
        .bind(&version.name_el)
        .bind(&version.name_en)
        .bind(version.amount.cents())
        .bind(i64::from(version.active))
        .bind(now_ms())
        .bind(actor)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
