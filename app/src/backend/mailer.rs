//! Outgoing e-mail behind the `Mailer` trait: `.eml` files in an outbox folder by default,
//! SMTP (lettre) when configured.

use lettre::message::{header::ContentType, Mailbox, Message};
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
    Ok(Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&email.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(email.body.clone())?)
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
