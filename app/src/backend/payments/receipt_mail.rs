//! The receipt e-mail: queued in the transaction that records a success, sent at once from
//! the callback, retried by the background worker when mail fails.

use crate::backend::{mailer, Db};
use crate::domain::Money;

pub const RECEIPT_MAIL_JOB: &str = "receipt_mail";

/// What the receipt e-mail says, read with the job.
#[derive(sqlx::FromRow)]
struct ReceiptMailRow {
    number: String,
    amount_cents: i64,
    provider_ref: Option<String>,
    /// The account's address, or the one a guest gave for the receipt.
    email: Option<String>,
    full_name: Option<String>,
    check_code: Option<String>,
    /// The language the payer paid in: the e-mail is written in it.
    payer_lang: String,
    method: crate::domain::payment::PaymentMethod,
}

/// Sends one queued receipt e-mail to the payer (an account holder, or a guest at the
/// address they gave); a failure is retried later with backoff. `public_base_url` makes the
/// check address.
pub async fn run_receipt_job(
    db: &Db,
    mailer: &mailer::SharedMailer,
    public_base_url: &str,
    job: &crate::backend::jobs::Job,
    now: i64,
) -> Result<(), sqlx::Error> {
    let row: Option<ReceiptMailRow> = sqlx::query_as(
        "SELECT r.number, p.amount_cents, p.provider_ref, COALESCE(u.email, p.payer_email) AS email, \
         u.full_name, r.check_code, p.payer_lang, p.method FROM receipts r \
         JOIN payments p ON p.id = r.payment_id LEFT JOIN users u ON u.id = p.payer_id \
         WHERE r.payment_id = $1",
    )
    .bind(&job.subject_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(ReceiptMailRow {
        number,
        amount_cents: cents,
        provider_ref,
        email: Some(email),
        full_name: name,
        check_code,
        payer_lang,
        method,
    }) = row
    else {
        let mut tx = db.begin().await?;
        db.finish_job(&mut tx, job.id).await?;
        tx.commit().await?;
        return Ok(());
    };
    let code = check_code
        .as_deref()
        .and_then(crate::domain::receipt_code::ReceiptCode::parse);
    let check = code
        .as_ref()
        .map(|c| format!("{public_base_url}/check/{}", c.as_str()))
        .unwrap_or_default();
    let grouped = code.map(|c| c.grouped()).unwrap_or_default();
    let amount = Money::from_cents(cents);
    use crate::i18n::Msg;
    let lang = crate::domain::Lang::from_code(&payer_lang).unwrap_or_default();
    let bank = provider_ref.unwrap_or_default();
    let fill = |msg: Msg| {
        msg.text(lang)
            .replace("{number}", &number)
            .replace("{amount}", &amount.format(lang))
            .replace("{bank}", &bank)
            .replace("{code}", &grouped)
            .replace("{check}", &check)
            .replace(
                "{method}",
                crate::i18n::labels::payment_method_label(method).text(lang),
            )
    };
    let body = format!(
        "{}\n\n{}\n",
        name.unwrap_or_default(),
        fill(Msg::MailReceiptBody)
    );
    let message = mailer::Email {
        to: email,
        subject: fill(Msg::MailReceiptSubject),
        body,
        key: Some(format!("receipt-{}", job.subject_id)),
        attachments: Vec::new(),
    };
    // No transaction is open while the mail server answers: on SQLite it would hold the
    // write lock.
    match mailer.send(&message).await {
        Ok(()) => {
            let mut tx = db.begin().await?;
            db.finish_job(&mut tx, job.id).await?;
            tx.commit().await?;
        }
        Err(error) => {
            tracing::warn!(%error, "receipt e-mail not sent; will retry");
            db.retry_job(job, &error.to_string(), now).await?;
        }
    }
    Ok(())
}

/// Sends every due receipt e-mail once; the server calls this on a timer.
#[tracing::instrument(skip_all)]
pub async fn run_due_receipt_mails(
    db: &Db,
    mailer: &mailer::SharedMailer,
    public_base_url: &str,
    now: i64,
) -> usize {
    let mut sent = 0;
    while let Ok(Some(job)) = db.claim_job(RECEIPT_MAIL_JOB, now).await {
        if run_receipt_job(db, mailer, public_base_url, &job, now)
            .await
            .is_ok()
        {
            sent += 1;
        }
    }
    sent
}
