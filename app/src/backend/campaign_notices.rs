//! A campaign batch's notices at once: the batch's debtors' open debts read in one query,
//! each debtor's live notice kept when it holds all of them, and the others' notices issued
//! together — the effects of `create_notice` for each, in a few statements a batch instead
//! of eight a debtor, each reading its rows from one JSON parameter. Every statement is a
//! hand-over to SQLite's thread and back; at thirteen thousand debtors those hand-overs
//! cost more than typesetting the PDFs (BENCHMARKS.md, notices by e-mail).

use super::counters::next_values;
use super::json_rows::{json_agg, json_table, json_texts, to_json, Col};
use super::notices::{NoticeError, NoticeSettings, MAX_DEBTS_PER_NOTICE};
use super::{now_ms, Db};
use crate::domain::debt::{amount_due, DebtKind};
use crate::domain::notice::{pay_by, rf_accepted, NoticeKind, NoticeSource, NoticeState};
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::Money;
use std::collections::HashMap;

/// One of a debtor's open debts, with the notice it is on now.
#[derive(Clone, Debug)]
pub struct OpenDebt {
    pub id: String,
    pub debtor_name: String,
    pub kind: DebtKind,
    /// What is left of the principal.
    pub principal_cents: i64,
    pub due_date: String,
    pub notice_id: Option<String>,
    pub notice_state: Option<NoticeState>,
    pub notice_pay_by: Option<String>,
}

impl OpenDebt {
    /// On a notice whose RF still takes payment `on` (the domain's rule, as for a transfer).
    fn on_live_notice(&self, on: Date) -> bool {
        let pay_by = self.notice_pay_by.as_deref().and_then(parse_iso_date);
        match (&self.notice_id, self.notice_state, pay_by) {
            (Some(_), Some(state), Some(pay_by)) => rf_accepted(state, pay_by, on).is_ok(),
            _ => false,
        }
    }
}

/// What a debtor of the batch is sent.
#[derive(Debug, PartialEq, Eq)]
pub enum BatchNotice {
    /// Their live notice holds all their open debts (of the category): sent again.
    Live(String),
    /// A notice to issue for these debts (oldest first, at most a notice's worth).
    Issue(Vec<String>),
    NothingOwed,
}

/// The notice a debtor is sent: the live one holding all of `debts` (which may hold other
/// debts too), so that no notice the debtor may be paying right now is replaced; else a new
/// one for them.
pub fn batch_notice(debts: &[OpenDebt], on: Date) -> BatchNotice {
    let Some(first) = debts.first() else {
        return BatchNotice::NothingOwed;
    };
    if let Some(live) = &first.notice_id {
        if debts
            .iter()
            .all(|d| d.notice_id.as_ref() == Some(live) && d.on_live_notice(on))
        {
            return BatchNotice::Live(live.clone());
        }
    }
    BatchNotice::Issue(debts.iter().map(|d| d.id.clone()).collect())
}

/// A debt or its notice changed between reading and writing (a payment, another notice):
/// the caller undoes nothing (nothing was kept) and issues the batch's notices one by one.
#[derive(Debug)]
pub struct Changed;

impl Db {
    /// The open debts (of `category`, or all) of each ΑΦΜ, oldest first, at most a
    /// notice's worth each, in one query.
    pub async fn open_debts_of(
        &self,
        afms: &[&str],
        category: Option<&str>,
    ) -> Result<HashMap<String, Vec<OpenDebt>>, sqlx::Error> {
        if afms.is_empty() {
            return Ok(HashMap::new());
        }
        let engine = self.engine();
        let sql = format!(
            "SELECT {} FROM debts d LEFT JOIN notices n ON n.id = d.notice_id \
             WHERE d.afm IN ({}) AND d.state IN ('open', 'partly_paid') \
             AND ($2 = '' OR d.category = $2)",
            json_agg(
                engine,
                "d.afm, d.id, d.debtor_name, d.kind, \
                 d.principal_cents - d.paid_principal_cents, d.due_date, d.notice_id, \
                 n.state, n.pay_by",
                "d.afm, d.due_date, d.id"
            ),
            json_texts(engine, 1)
        );
        let json: String = sqlx::query_scalar(&sql)
            .bind(to_json(&afms))
            .bind(category.unwrap_or(""))
            .fetch_one(self.pool())
            .await?;
        type Cells = (
            String,
            String,
            String,
            DebtKind,
            i64,
            String,
            Option<String>,
            Option<NoticeState>,
            Option<String>,
        );
        let rows: Vec<Cells> =
            serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        let mut by_afm: HashMap<String, Vec<OpenDebt>> = HashMap::new();
        for (afm, id, debtor_name, kind, principal_cents, due_date, notice_id, state, pay_by) in
            rows
        {
            let debts = by_afm.entry(afm).or_default();
            if debts.len() < MAX_DEBTS_PER_NOTICE {
                debts.push(OpenDebt {
                    id,
                    debtor_name,
                    kind,
                    principal_cents,
                    due_date,
                    notice_id,
                    notice_state: state,
                    notice_pay_by: pay_by,
                });
            }
        }
        Ok(by_afm)
    }

    /// Issues a notice for each debtor's `debts` (read by `open_debts_of`; none empty), at
    /// what each owes `on`, replacing any live notice that held one of them, in one
    /// transaction. Returns each new notice's id by ΑΦΜ, or `Changed` with nothing written.
    pub async fn issue_batch_notices(
        &self,
        settings: &NoticeSettings,
        debtors: &[(&str, &[OpenDebt])],
        actor: &str,
        on: Date,
    ) -> Result<Result<HashMap<String, String>, Changed>, NoticeError> {
        if debtors.is_empty() {
            return Ok(Ok(HashMap::new()));
        }
        let engine = self.engine();
        let rates = self.debt_interest_rates().await?;
        let now = now_ms();
        let mut tx = self.begin().await?;
        let first = next_values(&mut tx, "notice", debtors.len() as i64).await?;
        let pay_by = pay_by(on, settings.days_valid()).iso();
        let mut notices = Vec::with_capacity(debtors.len());
        let mut items = Vec::new();
        let mut replaced: Vec<&str> = Vec::new();
        let mut ids = HashMap::with_capacity(debtors.len());
        for (k, (afm, debts)) in debtors.iter().enumerate() {
            let number = first + k as i64;
            let rf = settings
                .layout
                .rf(NoticeKind::Debts, u64::try_from(number).unwrap_or(u64::MAX))
                .map_err(NoticeError::Numbering)?;
            let id = uuid::Uuid::new_v4().to_string();
            let mut total = Money::ZERO;
            for debt in debts.iter() {
                let due = amount_due(
                    debt.kind,
                    Money::from_cents(debt.principal_cents),
                    parse_iso_date(&debt.due_date).unwrap_or(on),
                    on,
                    &rates,
                );
                total = total.checked_add(due.total).ok_or(NoticeError::Choice)?;
                items.push((
                    id.clone(),
                    debt.id.as_str(),
                    *afm,
                    debt.notice_id.as_deref().unwrap_or(""),
                    due.principal.cents(),
                    due.interest.cents(),
                    due.total.cents(),
                ));
                if let Some(old) = &debt.notice_id {
                    replaced.push(old);
                }
            }
            let debtor_name = debts.first().map(|d| d.debtor_name.as_str()).unwrap_or("");
            notices.push((
                id.clone(),
                number,
                rf.as_str().to_owned(),
                *afm,
                debtor_name,
                total.cents(),
            ));
            ids.insert((*afm).to_owned(), id);
        }
        let sql = format!(
            "INSERT INTO notices (id, number, kind, rf, afm, debtor_name, issued_on, pay_by, \
             amount_cents, state, source, created_by, created_at_ms, updated_at_ms) \
             SELECT v.id, v.number, '{}', v.rf, v.afm, v.debtor_name, $2, $3, v.amount_cents, \
             'open', '{}', $4, {now}, {now} FROM ({}) AS v",
            NoticeKind::Debts.as_str(),
            NoticeSource::Staff.as_str(),
            json_table(
                engine,
                1,
                &[
                    Col::Text("id"),
                    Col::Int("number"),
                    Col::Text("rf"),
                    Col::Text("afm"),
                    Col::Text("debtor_name"),
                    Col::Int("amount_cents"),
                ]
            )
        );
        sqlx::query(&sql)
            .bind(to_json(&notices))
            .bind(on.iso())
            .bind(&pay_by)
            .bind(actor)
            .execute(&mut *tx)
            .await?;
        let items_json = to_json(&items);
        let items_table = json_table(
            engine,
            1,
            &[
                Col::Text("notice_id"),
                Col::Text("debt_id"),
                Col::Text("afm"),
                Col::Text("old_notice"),
                Col::Int("principal_cents"),
                Col::Int("interest_cents"),
                Col::Int("amount_cents"),
            ],
        );
        // Each debt taken only if still open, the debtor's, and on the notice it was read
        // on: otherwise a payment or another notice came between (nothing is kept).
        let sql = format!(
            "UPDATE debts SET notice_id = v.notice_id, updated_at_ms = {now} \
             FROM ({items_table}) AS v WHERE debts.id = v.debt_id AND debts.afm = v.afm \
             AND debts.state IN ('open', 'partly_paid') \
             AND COALESCE(debts.notice_id, '') = v.old_notice"
        );
        let taken = sqlx::query(&sql)
            .bind(&items_json)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if taken != items.len() as u64 {
            tx.rollback().await?;
            return Ok(Err(Changed));
        }
        let sql = format!(
            "INSERT INTO notice_items (notice_id, debt_id, principal_cents, interest_cents, \
             amount_cents) SELECT v.notice_id, v.debt_id, v.principal_cents, v.interest_cents, \
             v.amount_cents FROM ({items_table}) AS v"
        );
        sqlx::query(&sql)
            .bind(&items_json)
            .execute(&mut *tx)
            .await?;
        let sql = format!(
            "INSERT INTO debt_events (debt_id, at_ms, actor, action, detail) \
             SELECT v.debt_id, {now}, $2, 'on_notice', 'notice ' || v.notice_id \
             FROM ({items_table}) AS v"
        );
        sqlx::query(&sql)
            .bind(&items_json)
            .bind(actor)
            .execute(&mut *tx)
            .await?;
        replaced.sort_unstable();
        replaced.dedup();
        if !replaced.is_empty() {
            let sql = format!(
                "UPDATE notices SET state = 'replaced', updated_at_ms = {now} \
                 WHERE state = 'open' AND id IN ({})",
                json_texts(engine, 1)
            );
            sqlx::query(&sql)
                .bind(to_json(&replaced))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Ok(ids))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debt(id: &str, notice: Option<&str>, state: Option<NoticeState>, pay_by: &str) -> OpenDebt {
        OpenDebt {
            id: id.into(),
            debtor_name: "Μαρία".into(),
            kind: DebtKind::Certified,
            principal_cents: 1000,
            due_date: "2026-01-31".into(),
            notice_id: notice.map(Into::into),
            notice_state: state,
            notice_pay_by: Some(pay_by.into()),
        }
    }

    #[test]
    fn a_live_notice_holding_every_debt_is_sent_again_otherwise_one_is_issued() {
        let on = parse_iso_date("2026-12-07").unwrap();
        let open = Some(NoticeState::Open);
        let both = [
            debt("a", Some("n1"), open, "2026-12-31"),
            debt("b", Some("n1"), open, "2026-12-31"),
        ];
        assert_eq!(batch_notice(&both, on), BatchNotice::Live("n1".into()));
        // One debt on no notice, one on another, or the notice's date gone: a new one.
        let loose = [
            debt("a", Some("n1"), open, "2026-12-31"),
            debt("b", None, None, "2026-12-31"),
        ];
        assert_eq!(
            batch_notice(&loose, on),
            BatchNotice::Issue(vec!["a".into(), "b".into()])
        );
        let split = [
            debt("a", Some("n1"), open, "2026-12-31"),
            debt("b", Some("n2"), open, "2026-12-31"),
        ];
        assert!(matches!(batch_notice(&split, on), BatchNotice::Issue(_)));
        let expired = [debt("a", Some("n1"), open, "2026-12-01")];
        assert!(matches!(batch_notice(&expired, on), BatchNotice::Issue(_)));
        let replaced = [debt(
            "a",
            Some("n1"),
            Some(NoticeState::Replaced),
            "2026-12-31",
        )];
        assert!(matches!(batch_notice(&replaced, on), BatchNotice::Issue(_)));
        assert_eq!(batch_notice(&[], on), BatchNotice::NothingOwed);
    }
}
