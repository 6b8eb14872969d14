//! Notices the municipality's financial system issued, imported with their own reference and
//! RF: each puts its debts (by their municipality references) on it at the printed amount,
//! replacing any older live notice of them; a notice already imported is left as it is, so
//! the same file may come again. Bad rows are reported by line and reason; the good ones go
//! in together.

use super::audit::Actor;
use super::csv_import::{read_csv, Columns, Row, RowError};
use super::debts::log_debt_event;
use super::notices::ChosenDebt;
use super::{now_ms, Db};
use crate::domain::debt::amount_due;
use crate::domain::import::ProblemReason;
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::{Afm, Money, RfReference};
use crate::views::imports::ImportProblem;

/// What an import of notices did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoticeImportReport {
    pub added: u64,
    /// Already imported (by the financial system's reference): left as they were.
    pub unchanged: u64,
    pub problems: Vec<ImportProblem>,
}

/// Most debts one imported notice names.
const MAX_DEBTS: usize = 100;

/// A notice as the financial system exports it.
struct IssuedNotice {
    afm: String,
    rf: RfReference,
    issued_on: Date,
    pay_by: Date,
    amount: Money,
    debt_refs: Vec<String>,
}

fn notice_row(row: &Row<'_>) -> Result<IssuedNotice, RowError> {
    let field = |name: &str| row.field(name).to_owned();
    let afm = Afm::parse(row.field("afm")).map_err(|_| (ProblemReason::Afm, field("afm")))?;
    let rf = RfReference::parse(row.field("rf")).map_err(|_| (ProblemReason::Rf, field("rf")))?;
    let date = |name: &str| {
        parse_iso_date(row.field(name)).ok_or_else(|| (ProblemReason::Date, field(name)))
    };
    let (issued_on, pay_by) = (date("issued_on")?, date("pay_by")?);
    if pay_by < issued_on {
        return Err((ProblemReason::Date, field("pay_by")));
    }
    let amount = Money::parse(row.field("amount_eur"))
        .ok()
        .filter(|m| m.cents() > 0)
        .ok_or_else(|| (ProblemReason::Amount, field("amount_eur")))?;
    let mut debt_refs: Vec<String> = row
        .field("debt_refs")
        .split(';')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    debt_refs.sort_unstable();
    debt_refs.dedup();
    if debt_refs.is_empty() || debt_refs.len() > MAX_DEBTS {
        return Err((ProblemReason::UnknownDebt, field("debt_refs")));
    }
    Ok(IssuedNotice {
        afm: afm.to_string(),
        rf,
        issued_on,
        pay_by,
        amount,
        debt_refs,
    })
}

impl Db {
    /// Imports the financial system's notices (columns in the README).
    pub async fn import_notices(
        &self,
        text: &str,
        actor: &Actor,
    ) -> Result<NoticeImportReport, sqlx::Error> {
        let parsed = read_csv(
            text,
            Columns {
                required: &[
                    "notice_ref",
                    "afm",
                    "rf",
                    "issued_on",
                    "pay_by",
                    "amount_eur",
                    "debt_refs",
                ],
                key: "notice_ref",
            },
            notice_row,
        );
        let mut report = NoticeImportReport {
            problems: parsed.problems,
            ..NoticeImportReport::default()
        };
        let rates = self.debt_interest_rates().await?;
        let actor = actor.as_text();
        let mut tx = self.begin().await?;
        let now = now_ms();
        for (line, reference, notice) in parsed.rows {
            let problem = |reason, detail: &str| ImportProblem {
                line,
                key: reference.clone(),
                reason,
                detail: detail.to_owned(),
            };
            let known: Option<String> =
                sqlx::query_scalar("SELECT id FROM notices WHERE municipality_ref = $1")
                    .bind(&reference)
                    .fetch_optional(&mut *tx)
                    .await?;
            if known.is_some() {
                report.unchanged += 1;
                continue;
            }
            let rf_taken: Option<String> =
                sqlx::query_scalar("SELECT id FROM notices WHERE rf = $1")
                    .bind(notice.rf.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            if rf_taken.is_some() {
                report
                    .problems
                    .push(problem(ProblemReason::RfTaken, &notice.rf.grouped()));
                continue;
            }
            let list: Vec<String> = (0..notice.debt_refs.len())
                .map(|i| format!("${}", i + 2))
                .collect();
            let sql = format!(
                "SELECT id, municipality_ref, debtor_name, kind, \
                 principal_cents - paid_principal_cents AS principal_cents, due_date, \
                 state, notice_id FROM debts WHERE afm = $1 AND municipality_ref IN ({})",
                list.join(", ")
            );
            let mut query = sqlx::query_as::<_, ChosenDebt>(&sql).bind(&notice.afm);
            for debt_ref in &notice.debt_refs {
                query = query.bind(debt_ref);
            }
            let debts = query.fetch_all(&mut *tx).await?;
            if let Some(missing) = notice.debt_refs.iter().find(|r| {
                !debts
                    .iter()
                    .any(|d| d.municipality_ref.as_ref() == Some(*r))
            }) {
                report
                    .problems
                    .push(problem(ProblemReason::UnknownDebt, missing));
                continue;
            }
            if let Some(closed) = debts.iter().find(|d| !d.state.is_payable()) {
                report.problems.push(problem(
                    ProblemReason::DebtClosed,
                    closed.municipality_ref.as_deref().unwrap_or(""),
                ));
                continue;
            }
            let id = uuid::Uuid::new_v4().to_string();
            let debtor_name = debts
                .first()
                .map(|d| d.debtor_name.clone())
                .unwrap_or_default();
            sqlx::query(
                "INSERT INTO notices (id, number, kind, rf, afm, debtor_name, issued_on, pay_by, \
                 amount_cents, state, source, created_by, municipality_ref, created_at_ms, \
                 updated_at_ms) VALUES ($1, NULL, 'debts', $2, $3, $4, $5, $6, $7, 'open', \
                 'import', $8, $9, $10, $10)",
            )
            .bind(&id)
            .bind(notice.rf.as_str())
            .bind(&notice.afm)
            .bind(&debtor_name)
            .bind(notice.issued_on.iso())
            .bind(notice.pay_by.iso())
            .bind(notice.amount.cents())
            .bind(&actor)
            .bind(&reference)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            for debt in &debts {
                let due = amount_due(
                    debt.kind,
                    Money::from_cents(debt.principal_cents),
                    parse_iso_date(&debt.due_date).unwrap_or(notice.issued_on),
                    notice.issued_on,
                    &rates,
                );
                super::notices::put_on_notice(&mut tx, &id, &debt.id, &due, now).await?;
                let detail = format!("notice {reference}");
                log_debt_event(&mut tx, &debt.id, &actor, "on_notice", Some(&detail), now).await?;
                if let Some(old) = &debt.notice_id {
                    super::notices::replace_notice(&mut tx, old, now).await?;
                }
            }
            report.added += 1;
        }
        tx.commit().await?;
        self.refresh_statistics(&["notices", "notice_items", "debts"], report.added)
            .await;
        report.problems.sort_by_key(|p| p.line);
        Ok(report)
    }
}
