//! Paying many notices from one bank file at once: the exact, timely transfers of a chunk
//! become payments of method `bank_transfer`, their notices and debts paid, their receipts
//! numbered as one block of the series and their e-mails queued — the effects of
//! `record_received_payment` with `NoticePurpose::fulfil` for each, in a dozen statements a
//! chunk instead of a dozen a transfer (a 100,000-transfer file: BENCHMARKS.md).

use super::counters::next_values;
use super::debt_payments::PaidItem;
use super::notice_payments::notice_description;
use super::payments::RECEIPT_MAIL_JOB;
use crate::domain::bank::BankEntry;
use crate::domain::payment::receipt_label;
use crate::domain::receipt_code::ReceiptCode;
use crate::domain::time::local_date;
use std::collections::HashMap;

/// Rows per statement: sqlx's cost per statement grows faster than its placeholders (the
/// imports measured 40–50 rows a statement as best).
pub const ROWS_PER_STATEMENT: usize = 50;

/// A transfer that pays its notice.
pub struct ToPay<'a> {
    pub entry: &'a BankEntry,
    pub notice_id: &'a str,
    pub afm: &'a str,
    pub rf: &'a str,
}

/// A notice or one of its debts was no longer payable when the rows were written (paid a
/// moment ago by another payment): the caller undoes the chunk and pays its transfers one
/// by one, which keeps such a payment as paid twice.
#[derive(Debug)]
pub struct Stale;

/// `template` once per row, each `?` in it numbered on from `$first`: `(?, 'x', ?)` for two
/// rows from 1 is `($1, 'x', $2), ($3, 'x', $4)`.
pub(super) fn rows_sql(template: &str, rows: usize, first: usize) -> String {
    let mut out = String::with_capacity(rows * (template.len() + 8));
    let mut n = first;
    for row in 0..rows {
        if row > 0 {
            out.push_str(", ");
        }
        for c in template.chars() {
            if c == '?' {
                out.push('$');
                out.push_str(&n.to_string());
                n += 1;
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// `$first, $first+1, …` for an `IN (…)` of `n` values.
fn in_list(n: usize, first: usize) -> String {
    rows_sql("?", n, first)
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    notice_id: String,
    #[sqlx(flatten)]
    item: PaidItem,
}

/// Where each debtor's receipt goes: the register's address, else the account to which the
/// ΑΦΜ is proved (as `bank_files::debtor_email` for one).
async fn debtor_emails(
    tx: &mut sqlx::AnyConnection,
    afms: &[&str],
) -> Result<HashMap<String, String>, sqlx::Error> {
    let mut emails = HashMap::new();
    let sql = format!(
        "SELECT afm, email FROM debtors WHERE afm IN ({}) AND email IS NOT NULL",
        in_list(afms.len(), 1)
    );
    let mut query = sqlx::query_as::<_, (String, String)>(&sql);
    for afm in afms {
        query = query.bind(*afm);
    }
    emails.extend(query.fetch_all(&mut *tx).await?);
    let missing: Vec<&str> = afms
        .iter()
        .copied()
        .filter(|a| !emails.contains_key(*a))
        .collect();
    if !missing.is_empty() {
        let sql = format!(
            "SELECT afm, email FROM users WHERE afm IN ({}) AND verification = 'verified' \
             ORDER BY created_at_ms",
            in_list(missing.len(), 1)
        );
        let mut query = sqlx::query_as::<_, (String, String)>(&sql);
        for afm in &missing {
            query = query.bind(*afm);
        }
        for (afm, email) in query.fetch_all(&mut *tx).await? {
            emails.entry(afm).or_insert(email);
        }
    }
    Ok(emails)
}

/// Pays `rows` (at most [`ROWS_PER_STATEMENT`], each a different open notice whose debts
/// are all unpaid) inside `tx`; returns each one's payment id in order.
pub async fn pay_notices(
    tx: &mut sqlx::AnyConnection,
    rows: &[ToPay<'_>],
    now: i64,
) -> Result<Result<Vec<String>, Stale>, sqlx::Error> {
    let n = rows.len();
    if n == 0 {
        return Ok(Ok(Vec::new()));
    }
    let ids: Vec<String> = (0..n).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    let notices = in_list(n, 1);

    // What each payment paid, for its description (the receipt lists every debt).
    let sql = format!(
        "SELECT i.notice_id, d.municipality_ref AS reference, d.description, \
         c.name_el AS category_el, c.name_en AS category_en, i.amount_cents \
         FROM notice_items i JOIN debts d ON d.id = i.debt_id \
         JOIN debt_categories c ON c.code = d.category WHERE i.notice_id IN ({notices}) \
         ORDER BY i.notice_id, d.due_date, d.municipality_ref, d.id"
    );
    let mut query = sqlx::query_as::<_, ItemRow>(&sql);
    for row in rows {
        query = query.bind(row.notice_id);
    }
    let mut items: HashMap<String, Vec<PaidItem>> = HashMap::new();
    let mut item_count = 0u64;
    for row in query.fetch_all(&mut *tx).await? {
        items.entry(row.notice_id).or_default().push(row.item);
        item_count += 1;
    }
    let mut afms: Vec<&str> = rows.iter().map(|r| r.afm).collect();
    afms.sort_unstable();
    afms.dedup();
    let emails = debtor_emails(tx, &afms).await?;

    // The payments, succeeded at once.
    let sql = format!(
        "INSERT INTO payments (id, purpose_kind, purpose_id, amount_cents, state, method, \
         provider_ref, created_at_ms, updated_at_ms, payer_search, payer_email, description_el, \
         description_en, debtor_afm) VALUES {}",
        rows_sql(
            &format!(
                "(?, 'notice', ?, ?, 'success', 'bank_transfer', ?, {now}, {now}, ?, ?, ?, ?, ?)"
            ),
            n,
            1
        )
    );
    let mut query = sqlx::query(&sql);
    for (row, id) in rows.iter().zip(&ids) {
        let description = notice_description(
            row.rf,
            row.afm,
            items.get(row.notice_id).map(Vec::as_slice).unwrap_or(&[]),
        );
        query = query
            .bind(id.as_str())
            .bind(row.notice_id)
            .bind(row.entry.amount.cents())
            .bind(row.entry.bank_ref.as_str())
            .bind(
                row.entry
                    .payer
                    .as_deref()
                    .map(crate::domain::submission::search_key),
            )
            .bind(emails.get(row.afm).cloned())
            .bind(description.el)
            .bind(description.en)
            .bind(row.afm);
    }
    query.execute(&mut *tx).await?;

    // The notices and every debt on them, paid by their payment — each only if still open.
    let pairs = rows_sql("(?, ?)", n, 1);
    fn bind_pairs<'q>(
        sql: &'q str,
        rows: &'q [ToPay<'_>],
        ids: &'q [String],
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        let mut query = sqlx::query(sql);
        for (row, id) in rows.iter().zip(ids) {
            query = query.bind(row.notice_id).bind(id.as_str());
        }
        query
    }
    let sql = format!(
        "UPDATE notices SET state = 'paid', paid_by = v.column2, updated_at_ms = {now} \
         FROM (VALUES {pairs}) AS v \
         WHERE notices.id = v.column1 AND notices.state = 'open' AND notices.paid_by IS NULL"
    );
    if bind_pairs(&sql, rows, &ids)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        != n as u64
    {
        return Ok(Err(Stale));
    }
    let sql = format!(
        "UPDATE debts SET state = 'paid', paid_by = v.column2, updated_at_ms = {now} \
         FROM (VALUES {pairs}) AS v WHERE debts.notice_id = v.column1 \
         AND debts.state IN ('open', 'partly_paid') AND debts.paid_by IS NULL"
    );
    if bind_pairs(&sql, rows, &ids)
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
         SELECT i.debt_id, {now}, 'system', 'paid', 'payment ' || n.paid_by || ' · notice ' \
         || n.id || ' · ' || (i.amount_cents / 100) || '.' \
         || CASE WHEN i.amount_cents % 100 < 10 THEN '0' ELSE '' END || (i.amount_cents % 100) \
         FROM notice_items i JOIN notices n ON n.id = i.notice_id WHERE n.id IN ({notices})"
    );
    let mut query = sqlx::query(&sql);
    for row in rows {
        query = query.bind(row.notice_id);
    }
    query.execute(&mut *tx).await?;

    // Receipts: one block of numbers of this year's series, a code each.
    let year = local_date(now).year;
    let first = next_values(tx, &format!("receipt:{year}"), n as i64).await?;
    let sql = format!(
        "INSERT INTO receipts (number, payment_id, issued_at_ms, check_code) VALUES {}",
        rows_sql(&format!("(?, ?, {now}, ?)"), n, 1)
    );
    let mut query = sqlx::query(&sql);
    for (k, id) in ids.iter().enumerate() {
        query = query
            .bind(receipt_label(first + k as i64, year))
            .bind(id.as_str())
            .bind(
                ReceiptCode::from_random(rand::random::<u64>())
                    .as_str()
                    .to_owned(),
            );
    }
    query.execute(&mut *tx).await?;

    // Each receipt's e-mail queued, and each payment's history begun.
    let payments = in_list(n, 1);
    for sql in [
        format!(
            "INSERT INTO jobs (kind, subject_id, run_at_ms, created_at_ms) \
             SELECT '{RECEIPT_MAIL_JOB}', id, {now}, {now} FROM payments WHERE id IN ({payments})"
        ),
        format!(
            "INSERT INTO payment_events (payment_id, at_ms, source, event, outcome, detail) \
             SELECT id, {now}, 'bank_transfer', 'received', 'success', NULL FROM payments \
             WHERE id IN ({payments})"
        ),
    ] {
        let mut query = sqlx::query(&sql);
        for id in &ids {
            query = query.bind(id.as_str());
        }
        query.execute(&mut *tx).await?;
    }
    Ok(Ok(ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_across_rows() {
        assert_eq!(
            rows_sql("(?, 'x', ?)", 2, 1),
            "($1, 'x', $2), ($3, 'x', $4)"
        );
        assert_eq!(in_list(3, 4), "$4, $5, $6");
    }
}
