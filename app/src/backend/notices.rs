//! Notices with an RF: grouping a debtor's open debts into a new notice (which replaces any
//! older notice of those debts), issuing a fee on request as a debt and its notice at once,
//! a debtor's notices, and one notice as printed.

use super::counters::next_value;
use super::debts::log_debt_event;
use super::json_rows::{fetch_json_rows, json_agg, json_texts, to_json};
use super::{now_ms, Db};
use crate::domain::debt::{amount_due, DebtKind, DebtState};
use crate::domain::epc::{Bic, EpcTransfer, Iban};
use crate::domain::notice::{
    notice_shown, pay_by, rf_accepted, NoticeKind, NoticeShown, NoticeSource, NoticeState,
    RfLayout, RfLayoutError, MAX_DAYS_VALID,
};
use crate::domain::time::{parse_iso_date, Date};
use crate::domain::{Money, RfReference};
use crate::views::notices::{NoticeDoc, NoticeLine, NoticeRow, PayeeAccount, QrDrawing};
use std::collections::HashMap;

/// Most debts one notice holds (it must print on a page or two).
pub const MAX_DEBTS_PER_NOTICE: usize = 100;

/// How the municipality's notices are numbered and paid (configuration).
#[derive(Clone, Debug)]
pub struct NoticeSettings {
    /// The RF payload layout the municipality's bank assigned.
    pub layout: RfLayout,
    /// The account transfers go to, and its holder's name as the banks know it.
    pub iban: Iban,
    pub bic: Bic,
    pub beneficiary: String,
    /// Days a notice stays payable at its amount.
    pub days_valid: u32,
}

impl NoticeSettings {
    /// The demonstration municipality's account (the IBAN of the standard examples; no
    /// real account): used only in demonstration mode.
    pub fn demo(beneficiary: &str) -> NoticeSettings {
        NoticeSettings {
            layout: RfLayout::new("9999", 10).unwrap_or_else(|_| unreachable!("a valid layout")),
            iban: Iban::parse("GR16 0110 1250 0000 0001 2300 695")
                .unwrap_or_else(|_| unreachable!("a valid IBAN")),
            bic: Bic::parse("ETHNGRAA").unwrap_or_else(|_| unreachable!("a valid BIC")),
            beneficiary: beneficiary.chars().take(70).collect(),
            days_valid: 30,
        }
    }

    pub fn days_valid(&self) -> u32 {
        self.days_valid.min(MAX_DAYS_VALID)
    }

    pub fn payee(&self) -> PayeeAccount {
        PayeeAccount {
            beneficiary: self.beneficiary.clone(),
            iban: self.iban.grouped(),
            bic: self.bic.as_str().to_owned(),
        }
    }
}

/// Why a notice cannot be made.
#[derive(Debug)]
pub enum NoticeError {
    /// No debt chosen, or more than [`MAX_DEBTS_PER_NOTICE`].
    Choice,
    /// A debt that is not this debtor's, or a fee type that is not offered: "not found".
    NotFound,
    /// A chosen debt is paid, cancelled or in a settlement plan.
    NotPayable,
    /// Another notice took one of the debts at the same moment.
    Conflict,
    /// The configured layout holds no more notice numbers.
    Numbering(RfLayoutError),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for NoticeError {
    fn from(e: sqlx::Error) -> Self {
        NoticeError::Db(e)
    }
}

/// Who asks for a notice, and for whom.
#[derive(Clone, Copy, Debug)]
pub struct NoticeRequest<'a> {
    pub afm: &'a str,
    pub source: NoticeSource,
    /// `user:<id>` or `staff:<id>`, for the debts' events.
    pub actor: &'a str,
    pub on: Date,
}

/// A debt about to go on a notice, with the notice it is on now.
#[derive(sqlx::FromRow)]
pub(super) struct ChosenDebt {
    pub id: String,
    pub municipality_ref: Option<String>,
    pub debtor_name: String,
    pub kind: DebtKind,
    pub principal_cents: i64,
    pub due_date: String,
    pub state: DebtState,
    pub notice_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct NoticeRecord {
    id: String,
    number: Option<i64>,
    kind: NoticeKind,
    rf: String,
    afm: String,
    debtor_name: String,
    issued_on: String,
    pay_by: String,
    amount_cents: i64,
    state: NoticeState,
    paid_by: Option<String>,
    receipt: Option<String>,
}

const NOTICE_COLUMNS: &str = "n.id, n.number, n.kind, n.rf, n.afm, n.debtor_name, n.issued_on, \
     n.pay_by, n.amount_cents, n.state, n.paid_by, r.number AS receipt";

impl NoticeRecord {
    fn shown(&self, on: Date) -> NoticeShown {
        notice_shown(self.state, date_or(&self.pay_by, on), on)
    }

    fn row(&self, on: Date) -> NoticeRow {
        NoticeRow {
            id: self.id.clone(),
            number: self.number,
            kind: self.kind,
            rf: RfReference::parse(&self.rf)
                .map(|rf| rf.grouped())
                .unwrap_or_else(|_| self.rf.clone()),
            issued_on: self.issued_on.clone(),
            pay_by: self.pay_by.clone(),
            amount: Money::from_cents(self.amount_cents),
            shown: self.shown(on),
            paid_by: self.paid_by.clone(),
            receipt: self.receipt.clone(),
        }
    }
}

/// A stored ISO date, or `fallback` if it is not one (never expected).
fn date_or(iso: &str, fallback: Date) -> Date {
    parse_iso_date(iso).unwrap_or(fallback)
}

#[derive(sqlx::FromRow)]
struct LineRecord {
    reference: Option<String>,
    category_el: String,
    category_en: String,
    description: String,
    due_date: String,
    principal_cents: i64,
    interest_cents: i64,
    amount_cents: i64,
}

impl Db {
    /// Puts the chosen open debts of `request.afm` on a new notice at what each owes on
    /// `request.on`; a live notice that held any of them is replaced. Returns the new
    /// notice's id.
    pub async fn create_notice(
        &self,
        settings: &NoticeSettings,
        request: NoticeRequest<'_>,
        debt_ids: &[String],
    ) -> Result<String, NoticeError> {
        let mut ids: Vec<&str> = debt_ids.iter().map(String::as_str).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() || ids.len() > MAX_DEBTS_PER_NOTICE {
            return Err(NoticeError::Choice);
        }
        let rates = self.debt_interest_rates().await?;
        let mut tx = self.begin().await?;
        let list: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT id, municipality_ref, debtor_name, kind, \
             principal_cents - paid_principal_cents AS principal_cents, due_date, state, \
             notice_id FROM debts WHERE afm = $1 AND id IN ({})",
            list.join(", ")
        );
        let mut query = sqlx::query_as::<_, ChosenDebt>(&sql).bind(request.afm);
        for id in &ids {
            query = query.bind(*id);
        }
        let chosen = query.fetch_all(&mut *tx).await?;
        if chosen.len() != ids.len() {
            return Err(NoticeError::NotFound);
        }
        if chosen.iter().any(|d| !d.state.is_payable()) {
            return Err(NoticeError::NotPayable);
        }
        let lines: Vec<(&ChosenDebt, crate::domain::debt::AmountDue)> = chosen
            .iter()
            .map(|debt| {
                let due = amount_due(
                    debt.kind,
                    Money::from_cents(debt.principal_cents),
                    date_or(&debt.due_date, request.on),
                    request.on,
                    &rates,
                );
                (debt, due)
            })
            .collect();
        let total = lines
            .iter()
            .try_fold(Money::ZERO, |sum, (_, due)| sum.checked_add(due.total))
            .ok_or(NoticeError::Choice)?;
        let debtor_name = chosen
            .first()
            .map(|d| d.debtor_name.clone())
            .unwrap_or_default();
        let id = insert_notice(
            &mut tx,
            settings,
            &request,
            NoticeKind::Debts,
            &debtor_name,
            total,
        )
        .await?;
        let now = now_ms();
        let mut replaced: Vec<String> = Vec::new();
        for (debt, due) in &lines {
            // Taken only if no other notice took it since it was read (one of two at once).
            let taken = match &debt.notice_id {
                Some(old) => sqlx::query(
                    "UPDATE debts SET notice_id = $1, updated_at_ms = $2 \
                     WHERE id = $3 AND notice_id = $4",
                )
                .bind(&id)
                .bind(now)
                .bind(&debt.id)
                .bind(old)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                None => sqlx::query(
                    "UPDATE debts SET notice_id = $1, updated_at_ms = $2 \
                     WHERE id = $3 AND notice_id IS NULL",
                )
                .bind(&id)
                .bind(now)
                .bind(&debt.id)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
            };
            if taken != 1 {
                return Err(NoticeError::Conflict);
            }
            insert_item(&mut tx, &id, &debt.id, due).await?;
            let detail = format!("notice {id}");
            log_debt_event(
                &mut tx,
                &debt.id,
                request.actor,
                "on_notice",
                Some(&detail),
                now,
            )
            .await?;
            if let Some(old) = &debt.notice_id {
                replaced.push(old.clone());
            }
        }
        replaced.sort_unstable();
        replaced.dedup();
        for old in replaced {
            replace_notice(&mut tx, &old, now).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Issues fee `code` (at today's amount) to `request.afm`: a debt of kind "fee" and a
    /// notice for it, in one transaction. Returns the notice's id.
    pub async fn issue_fee(
        &self,
        settings: &NoticeSettings,
        request: NoticeRequest<'_>,
        debtor_name: &str,
        code: &str,
    ) -> Result<String, NoticeError> {
        let fee = self
            .fee_offer(code, request.on)
            .await?
            .ok_or(NoticeError::NotFound)?;
        let amount = fee.amount;
        let mut tx = self.begin().await?;
        let now = now_ms();
        let debt_id = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO debts (id, afm, debtor_name, kind, category, description, \
             principal_cents, due_date, state, source, created_at_ms, updated_at_ms) \
             VALUES ($1, $2, $3, 'fee', 'fees', $4, $5, $6, 'open', $7, $8, $8)",
        )
        .bind(&debt_id)
        .bind(request.afm)
        .bind(debtor_name)
        .bind(&fee.name_el)
        .bind(amount.cents())
        .bind(request.on.iso())
        .bind(match request.source {
            NoticeSource::Staff => "staff",
            _ => "debtor",
        })
        .bind(now)
        .execute(&mut *tx)
        .await?;
        log_debt_event(&mut tx, &debt_id, request.actor, "created", Some(code), now).await?;
        let id = insert_notice(
            &mut tx,
            settings,
            &request,
            NoticeKind::Fee,
            debtor_name,
            amount,
        )
        .await?;
        let due = amount_due(DebtKind::Fee, amount, request.on, request.on, &[]);
        put_on_notice(&mut tx, &id, &debt_id, &due, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every notice of an ΑΦΜ, newest first, as shown `on`.
    pub async fn notices_of(&self, afm: &str, on: Date) -> Result<Vec<NoticeRow>, sqlx::Error> {
        let records: Vec<NoticeRecord> = sqlx::query_as(&format!(
            "SELECT {NOTICE_COLUMNS} FROM notices n LEFT JOIN receipts r ON r.payment_id = n.paid_by \
             WHERE n.afm = $1 ORDER BY n.created_at_ms DESC, n.number DESC LIMIT 500"
        ))
        .bind(afm)
        .fetch_all(self.pool())
        .await?;
        Ok(records.iter().map(|n| n.row(on)).collect())
    }

    /// The ΑΦΜ a notice is for (to check it is the asker's before showing anything).
    pub async fn notice_afm(&self, id: &str) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT afm FROM notices WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
    }

    /// Whether a user may see a notice: clerks and cashiers any, anyone else only a notice
    /// of an ΑΦΜ proved to be theirs. `None`: there is no such notice.
    pub async fn may_see_notice(
        &self,
        user_id: &str,
        role: crate::domain::account::Role,
        id: &str,
    ) -> Result<Option<bool>, sqlx::Error> {
        use crate::domain::account::Role;
        let Some(afm) = self.notice_afm(id).await? else {
            return Ok(None);
        };
        if matches!(role, Role::Clerk | Role::Cashier) {
            return Ok(Some(true));
        }
        let proved = self.proved_debtors(user_id).await?;
        Ok(Some(proved.iter().any(|d| d.afm == afm)))
    }

    /// A notice as printed `on`, with its EPC code while it takes payment.
    pub async fn notice_doc(
        &self,
        settings: &NoticeSettings,
        id: &str,
        on: Date,
    ) -> Result<Option<NoticeDoc>, sqlx::Error> {
        let record: Option<NoticeRecord> = sqlx::query_as(&format!(
            "SELECT {NOTICE_COLUMNS} FROM notices n LEFT JOIN receipts r ON r.payment_id = n.paid_by \
             WHERE n.id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        let Some(record) = record else {
            return Ok(None);
        };
        let lines: Vec<LineRecord> = sqlx::query_as(
            "SELECT d.municipality_ref AS reference, c.name_el AS category_el, \
             c.name_en AS category_en, d.description, d.due_date, i.principal_cents, \
             i.interest_cents, i.amount_cents FROM notice_items i \
             JOIN debts d ON d.id = i.debt_id JOIN debt_categories c ON c.code = d.category \
             WHERE i.notice_id = $1 ORDER BY d.due_date, d.municipality_ref, d.id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        Ok(Some(notice_doc_of(settings, record, lines, on)))
    }

    /// Many notices as printed `on`, by id, in two queries (a campaign's batch): each a JSON
    /// text the database builds, as one row hands over faster than hundreds.
    pub async fn notice_docs(
        &self,
        settings: &NoticeSettings,
        ids: &[&str],
        on: Date,
    ) -> Result<HashMap<String, NoticeDoc>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let engine = self.engine();
        let ids_json = to_json(&ids);
        let sql = format!(
            "SELECT {} FROM notices n LEFT JOIN receipts r ON r.payment_id = n.paid_by \
             WHERE n.id IN ({})",
            json_agg(
                engine,
                "n.id, n.number, n.kind, n.rf, n.afm, n.debtor_name, n.issued_on, n.pay_by, \
                 n.amount_cents, n.state, n.paid_by, r.number",
                "n.id"
            ),
            json_texts(engine, 1)
        );
        type RecordCells = (
            String,
            Option<i64>,
            NoticeKind,
            String,
            String,
            String,
            String,
            String,
            i64,
            NoticeState,
            Option<String>,
            Option<String>,
        );
        let records: Vec<RecordCells> = fetch_json_rows(self.pool(), &sql, &ids_json).await?;
        let sql = format!(
            "SELECT {} FROM notice_items i JOIN debts d ON d.id = i.debt_id \
             JOIN debt_categories c ON c.code = d.category WHERE i.notice_id IN ({})",
            json_agg(
                engine,
                "i.notice_id, d.municipality_ref, c.name_el, c.name_en, d.description, \
                 d.due_date, i.principal_cents, i.interest_cents, i.amount_cents",
                "i.notice_id, d.due_date, d.municipality_ref, d.id"
            ),
            json_texts(engine, 1)
        );
        type LineCells = (
            String,
            Option<String>,
            String,
            String,
            String,
            String,
            i64,
            i64,
            i64,
        );
        let cells: Vec<LineCells> = fetch_json_rows(self.pool(), &sql, &ids_json).await?;
        let mut lines: HashMap<String, Vec<LineRecord>> = HashMap::new();
        for (notice_id, reference, category_el, category_en, description, due_date, p, i, a) in
            cells
        {
            lines.entry(notice_id).or_default().push(LineRecord {
                reference,
                category_el,
                category_en,
                description,
                due_date,
                principal_cents: p,
                interest_cents: i,
                amount_cents: a,
            });
        }
        Ok(records
            .into_iter()
            .map(
                |(
                    id,
                    number,
                    kind,
                    rf,
                    afm,
                    debtor_name,
                    issued_on,
                    pay_by,
                    cents,
                    state,
                    paid_by,
                    receipt,
                )| {
                    let record = NoticeRecord {
                        id,
                        number,
                        kind,
                        rf,
                        afm,
                        debtor_name,
                        issued_on,
                        pay_by,
                        amount_cents: cents,
                        state,
                        paid_by,
                        receipt,
                    };
                    let items = lines.remove(&record.id).unwrap_or_default();
                    (
                        record.id.clone(),
                        notice_doc_of(settings, record, items, on),
                    )
                },
            )
            .collect())
    }
}

/// A notice's record and lines as printed `on`: the EPC code only while it takes payment.
fn notice_doc_of(
    settings: &NoticeSettings,
    record: NoticeRecord,
    lines: Vec<LineRecord>,
    on: Date,
) -> NoticeDoc {
    let payable = rf_accepted(record.state, date_or(&record.pay_by, on), on).is_ok();
    let qr = payable.then(|| epc_drawing(settings, &record)).flatten();
    NoticeDoc {
        row: record.row(on),
        debtor_name: record.debtor_name.clone(),
        afm: record.afm.clone(),
        lines: lines
            .into_iter()
            .map(|l| NoticeLine {
                reference: l.reference,
                category_el: l.category_el,
                category_en: l.category_en,
                description: l.description,
                due_date: l.due_date,
                principal: Money::from_cents(l.principal_cents),
                interest: Money::from_cents(l.interest_cents),
                amount: Money::from_cents(l.amount_cents),
            })
            .collect(),
        payee: settings.payee(),
        qr,
    }
}

/// A new open notice numbered from the portal's counter, with its RF.
async fn insert_notice(
    tx: &mut sqlx::AnyConnection,
    settings: &NoticeSettings,
    request: &NoticeRequest<'_>,
    kind: NoticeKind,
    debtor_name: &str,
    amount: Money,
) -> Result<String, NoticeError> {
    let number = next_value(&mut *tx, "notice").await?;
    let rf = settings
        .layout
        .rf(kind, u64::try_from(number).unwrap_or(u64::MAX))
        .map_err(NoticeError::Numbering)?;
    let id = uuid::Uuid::new_v4().to_string();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO notices (id, number, kind, rf, afm, debtor_name, issued_on, pay_by, \
         amount_cents, state, source, created_by, created_at_ms, updated_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $12, $12)",
    )
    .bind(&id)
    .bind(number)
    .bind(kind.as_str())
    .bind(rf.as_str())
    .bind(request.afm)
    .bind(debtor_name)
    .bind(request.on.iso())
    .bind(pay_by(request.on, settings.days_valid()).iso())
    .bind(amount.cents())
    .bind(request.source.as_str())
    .bind(request.actor)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(id)
}

/// Marks an open notice replaced: a newer notice holds one of its debts.
pub(super) async fn replace_notice(
    tx: &mut sqlx::AnyConnection,
    id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE notices SET state = 'replaced', updated_at_ms = $1 WHERE id = $2 AND state = 'open'",
    )
    .bind(now)
    .bind(id)
    .execute(tx)
    .await?;
    Ok(())
}

/// Withdraws the live notice that holds a debt which was just paid otherwise, cancelled or
/// corrected: the notice's amount no longer stands, so its RF must not take a payment.
pub(crate) async fn withdraw_notice_of(
    tx: &mut sqlx::AnyConnection,
    debt_id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE notices SET state = 'cancelled', updated_at_ms = $1 WHERE state = 'open' \
         AND id = (SELECT notice_id FROM debts WHERE id = $2)",
    )
    .bind(now)
    .bind(debt_id)
    .execute(tx)
    .await?;
    Ok(())
}

/// Puts a debt on a notice at `due` (inside the caller's transaction, which holds the debt).
pub(super) async fn put_on_notice(
    tx: &mut sqlx::AnyConnection,
    notice_id: &str,
    debt_id: &str,
    due: &crate::domain::debt::AmountDue,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE debts SET notice_id = $1, updated_at_ms = $2 WHERE id = $3")
        .bind(notice_id)
        .bind(now)
        .bind(debt_id)
        .execute(&mut *tx)
        .await?;
    insert_item(tx, notice_id, debt_id, due).await
}

async fn insert_item(
    tx: &mut sqlx::AnyConnection,
    notice_id: &str,
    debt_id: &str,
    due: &crate::domain::debt::AmountDue,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notice_items (notice_id, debt_id, principal_cents, interest_cents, \
         amount_cents) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(notice_id)
    .bind(debt_id)
    .bind(due.principal.cents())
    .bind(due.interest.cents())
    .bind(due.total.cents())
    .execute(tx)
    .await?;
    Ok(())
}

/// The notice's EPC transfer: to the municipality's account, its amount, its RF.
pub fn epc_transfer(settings: &NoticeSettings, rf: &str, amount: Money) -> Option<EpcTransfer> {
    let reference = RfReference::parse(rf).ok()?;
    EpcTransfer::new(
        settings.bic.clone(),
        &settings.beneficiary,
        settings.iban.clone(),
        amount,
        reference,
        "",
    )
    .ok()
}

/// The EPC code of a notice as printed (its RF and amount), while it takes payment.
pub fn notice_code(settings: &NoticeSettings, doc: &NoticeDoc) -> Option<qrcodegen::QrCode> {
    doc.qr.as_ref()?;
    let transfer = epc_transfer(settings, &doc.row.rf, doc.row.amount)?;
    super::qr::epc_code(&transfer).ok()
}

fn epc_drawing(settings: &NoticeSettings, record: &NoticeRecord) -> Option<QrDrawing> {
    let transfer = epc_transfer(settings, &record.rf, Money::from_cents(record.amount_cents))?;
    let code = super::qr::epc_code(&transfer).ok()?;
    Some(QrDrawing {
        size: code.size(),
        path: super::qr::svg_path(&code),
    })
}
