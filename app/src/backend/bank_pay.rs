//! Paying many notices from one bank file at once: the exact, timely transfers of a chunk
//! become payments of method `bank_transfer`, their notices and debts paid, their receipts
//! numbered as one block of the series and their e-mails queued — the effects of
//! `record_received_payment` with `NoticePurpose::fulfil` for each, in a dozen statements a
//! chunk instead of a dozen a transfer, each reading its rows from one JSON parameter (a
//! 100,000-transfer file: BENCHMARKS.md).

use super::counters::next_values;
use super::db::Engine;
use super::debt_payments::PaidItem;
use super::json_rows::{json_table, json_texts, to_json, Col};
use super::notice_payments::notice_description;
use super::payments::RECEIPT_MAIL_JOB;
use crate::domain::bank::BankEntry;
use crate::domain::payment::receipt_label;
use crate::domain::receipt_code::ReceiptCode;
use crate::domain::time::local_date;
use std::collections::HashMap;

/// A transfer that pays its notice.
pub(super) struct ToPay<'a> {
    pub entry: &'a BankEntry,
    pub notice_id: &'a str,
    pub afm: &'a str,
    pub rf: &'a str,
    /// The debts the notice holds, as the receipt lists them.
    pub items: &'a [PaidItem],
}

/// A notice or one of its debts was no longer payable when the rows were written (paid a
/// moment ago by another payment): the caller undoes the chunk and pays its transfers one
/// by one, which keeps such a payment as paid twice.
#[derive(Debug)]
pub struct Stale;

/// Where each debtor's receipt goes: the register's address, else the account to which the
/// ΑΦΜ is proved (as `bank_files::debtor_email` for one).
async fn debtor_emails(
    tx: &mut sqlx::AnyConnection,
    engine: Engine,
    afms: &[&str],
) -> Result<HashMap<String, String>, sqlx::Error> {
    let sql = format!(
        "SELECT afm, email FROM debtors WHERE afm IN ({}) AND email IS NOT NULL",
        json_texts(engine, 1)
    );
    let mut emails: HashMap<String, String> = sqlx::query_as::<_, (String, String)>(&sql)
        .bind(to_json(&afms))
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
    let missing: Vec<&str> = afms
        .iter()
        .copied()
        .filter(|a| !emails.contains_key(*a))
        .collect();
    if !missing.is_empty() {
        let sql = format!(
            "SELECT afm, email FROM users WHERE afm IN ({}) AND verification = 'verified' \
             ORDER BY created_at_ms",
            json_texts(engine, 1)
        );
        for (afm, email) in sqlx::query_as::<_, (String, String)>(&sql)
            .bind(to_json(&missing))
            .fetch_all(&mut *tx)
            .await?
        {
            emails.entry(afm).or_insert(email);
        }
    }
    Ok(emails)
}

/// Pays `rows` (each a different open notice whose debts are all unpaid) inside `tx`;
/// returns each one's payment id in order.
pub(super) async fn pay_notices(
    tx: &mut sqlx::AnyConnection,
    engine: Engine,
    rows: &[ToPay<'_>],
    now: i64,
) -> Result<Result<Vec<String>, Stale>, sqlx::Error> {
    let n = rows.len();
    if n == 0 {
        return Ok(Ok(Vec::new()));
    }
    // Time-ordered (74 random bits each): the payments' key grows at its end.
    let ids: Vec<String> = (0..n).map(|_| uuid::Uuid::now_v7().to_string()).collect();

    let item_count: u64 = rows.iter().map(|r| r.items.len() as u64).sum();
    let mut afms: Vec<&str> = rows.iter().map(|r| r.afm).collect();
    afms.sort_unstable();
    afms.dedup();
    let emails = debtor_emails(tx, engine, &afms).await?;

    // The payments, succeeded at once.
    let payments: Vec<_> = rows
        .iter()
        .zip(&ids)
        .map(|(row, id)| {
            let description = notice_description(row.rf, row.afm, row.items);
            (
                id.as_str(),
                row.notice_id,
                row.entry.amount.cents(),
                row.entry.bank_ref.as_str(),
                row.entry
                    .payer
                    .as_deref()
                    .map(crate::domain::submission::search_key),
                emails.get(row.afm),
                description.el,
                description.en,
                row.afm,
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO payments (id, purpose_kind, purpose_id, amount_cents, state, method, \
         provider_ref, created_at_ms, updated_at_ms, payer_search, payer_email, description_el, \
         description_en, debtor_afm) \
         SELECT v.id, 'notice', v.notice_id, v.amount_cents, 'success', 'bank_transfer', \
         v.bank_ref, {now}, {now}, v.payer_search, v.payer_email, v.description_el, \
         v.description_en, v.afm FROM ({}) AS v",
        json_table(
            engine,
            1,
            &[
                Col::Text("id"),
                Col::Text("notice_id"),
                Col::Int("amount_cents"),
                Col::Text("bank_ref"),
                Col::Text("payer_search"),
                Col::Text("payer_email"),
                Col::Text("description_el"),
                Col::Text("description_en"),
                Col::Text("afm"),
            ]
        )
    );
    sqlx::query(&sql)
        .bind(to_json(&payments))
        .execute(&mut *tx)
        .await?;

    // The notices and every debt on them, paid by their payment — each only if still open.
    let pairs: Vec<(&str, &str)> = rows
        .iter()
        .zip(&ids)
        .map(|(row, id)| (row.notice_id, id.as_str()))
        .collect();
    let pairs_json = to_json(&pairs);
    let pairs_table = json_table(
        engine,
        1,
        &[Col::Text("notice_id"), Col::Text("payment_id")],
    );
    let sql = format!(
        "UPDATE notices SET state = 'paid', paid_by = v.payment_id, updated_at_ms = {now} \
         FROM ({pairs_table}) AS v WHERE notices.id = v.notice_id AND notices.state = 'open' \
         AND notices.paid_by IS NULL"
    );
    if sqlx::query(&sql)
        .bind(&pairs_json)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        != n as u64
    {
        return Ok(Err(Stale));
    }
    let sql = format!(
        "UPDATE debts SET state = 'paid', paid_by = v.payment_id, updated_at_ms = {now} \
         FROM ({pairs_table}) AS v WHERE debts.notice_id = v.notice_id \
         AND debts.state IN ('open', 'partly_paid') AND debts.paid_by IS NULL"
    );
    if sqlx::query(&sql)
        .bind(&pairs_json)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        != item_count
    {
        return Ok(Err(Stale));
    }
    // Each debt's history says which payment and notice paid it, and how much.
    let sql = format!(
        "INSERT INTO debt_events (debt_id, at_ms, actor, action, detail) \
         SELECT i.debt_id, {now}, 'system', 'paid', 'payment ' || v.payment_id || ' · notice ' \
         || v.notice_id || ' · ' || (i.amount_cents / 100) || '.' \
         || CASE WHEN i.amount_cents % 100 < 10 THEN '0' ELSE '' END || (i.amount_cents % 100) \
         FROM ({pairs_table}) AS v JOIN notice_items i ON i.notice_id = v.notice_id"
    );
    sqlx::query(&sql)
        .bind(&pairs_json)
        .execute(&mut *tx)
        .await?;

    // Receipts: one block of numbers of this year's series, a code each.
    let year = local_date(now).year;
    let first = next_values(tx, &format!("receipt:{year}"), n as i64).await?;
    let receipts: Vec<(String, &str, String)> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| {
            (
                receipt_label(first + k as i64, year),
                id.as_str(),
                ReceiptCode::from_random(rand::random::<u64>())
                    .as_str()
                    .to_owned(),
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO receipts (number, payment_id, issued_at_ms, check_code) \
         SELECT v.number, v.payment_id, {now}, v.check_code FROM ({}) AS v",
        json_table(
            engine,
            1,
            &[
                Col::Text("number"),
                Col::Text("payment_id"),
                Col::Text("check_code")
            ]
        )
    );
    sqlx::query(&sql)
        .bind(to_json(&receipts))
        .execute(&mut *tx)
        .await?;

    // Each receipt's e-mail queued, and each payment's history begun.
    let ids_json = to_json(&ids);
    let payment_ids = json_texts(engine, 1);
    for sql in [
        format!(
            "INSERT INTO jobs (kind, subject_id, run_at_ms, created_at_ms) \
             SELECT '{RECEIPT_MAIL_JOB}', v.value, {now}, {now} FROM ({payment_ids}) AS v"
        ),
        format!(
            "INSERT INTO payment_events (payment_id, at_ms, source, event, outcome, detail) \
             SELECT v.value, {now}, 'bank_transfer', 'received', 'success', NULL \
             FROM ({payment_ids}) AS v"
        ),
    ] {
        sqlx::query(&sql).bind(&ids_json).execute(&mut *tx).await?;
    }
    Ok(Ok(ids))
}
