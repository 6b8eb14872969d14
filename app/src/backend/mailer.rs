//! Outgoing e-mail behind the `Mailer` trait: `.eml` files in an outbox folder by default,
//! SMTP (lettre) when configured.

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, Message, SinglePart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Tokio1Executor};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

/// One plain-text e-mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address {0}")]
    Address(String),
    #[error("the text cannot be sent as 8-bit e-mail")]
    Encoding,
    #[error("could not build the message")]
    Build(#[from] lettre::error::Error),
    #[error("could not write the message file")]
    Io(#[from] std::io::Error),
    #[error("SMTP delivery failed")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

pub type MailFuture<'a> = Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>>;

pub trait Mailer: Send + Sync {
    fn send<'a>(&'a self, email: &'a Email) -> MailFuture<'a>;
}

/// Shared handle put in the server's context.
pub type SharedMailer = Arc<dyn Mailer>;

fn build(from: &Mailbox, email: &Email) -> Result<Message, MailError> {
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|_| MailError::Address(email.to.clone()))?;
    // Quoted-printable keeps links and ASCII readable in the raw message (Greek text would
    // make lettre pick base64); it works through any SMTP server.
    let body =
        Body::new_with_encoding(email.body.clone(), ContentTransferEncoding::QuotedPrintable)
            .map_err(|_| MailError::Encoding)?;
    let part = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(body);
    Ok(Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&email.subject)
        .singlepart(part)?)
}

/// Writes each message as an RFC 5322 `.eml` file: local runs and tests read them there.
pub struct FileMailer {
    pub dir: PathBuf,
    pub from: Mailbox,
}

impl Mailer for FileMailer {
    fn send<'a>(&'a self, email: &'a Email) -> MailFuture<'a> {
        Box::pin(async move {
            let message = build(&self.from, email)?;
            tokio::fs::create_dir_all(&self.dir).await?;
            let name = format!("{}-{}.eml", super::now_ms(), uuid::Uuid::new_v4().simple());
            let tmp = self.dir.join(format!("{name}.tmp"));
            tokio::fs::write(&tmp, message.formatted()).await?;
            tokio::fs::rename(tmp, self.dir.join(name)).await?;
            Ok(())
        })
    }
}

/// Sends through an SMTP server given as a URL (`smtps://user:pass@host:465`,
/// `smtp://host:587?tls=required`).
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    pub fn new(url: &str, from: Mailbox) -> Result<SmtpMailer, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build();
        Ok(SmtpMailer { transport, from })
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(&'a self, email: &'a Email) -> MailFuture<'a> {
        Box::pin(async move {
            let message = build(&self.from, email)?;
            self.transport.send(message).await?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn file_mailer_writes_a_readable_eml() {
        let dir = std::env::temp_dir().join(format!("dimos-mail-{}", uuid::Uuid::new_v4()));
        let mailer = FileMailer {
            dir: dir.clone(),
            from: "Dimos <no-reply@example.gr>".parse().unwrap(),
        };
        let email = Email {
            to: "maria@example.gr".into(),
            subject: "Επιβεβαιώστε το e-mail σας".into(),
            body: "Γεια σας,\n\nhttp://127.0.0.1:3000/account/confirm?token=abc-DEF_123\n".into(),
        };
        mailer.send(&email).await.unwrap();
        let file = std::fs::read_dir(&dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains("To: maria@example.gr"), "{text}");
        let decoded = text.replace("=\r\n", "").replace("=3D", "=");
        assert!(
            decoded.contains("/account/confirm?token=abc-DEF_123"),
            "{text}"
        );
        assert!(
            text.contains("Content-Transfer-Encoding: quoted-printable"),
            "{text}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
