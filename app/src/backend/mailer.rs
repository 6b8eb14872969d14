//! Outgoing e-mail behind the `Mailer` trait: `.eml` files in an outbox folder by default,
//! SMTP (`smtp`: lettre's protocol over our own pooled connections) when configured.

use super::smtp::{SmtpError, SmtpPool, SmtpServer, SmtpUrlError};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{
    Attachment as MailAttachment, Body, Mailbox, Message, MultiPart, SinglePart,
};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// A file sent with an e-mail (a notice's PDF).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    /// MIME type, e.g. `application/pdf`.
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// One plain-text e-mail, with files attached or none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// What this message is, when it must reach the reader once (a receipt): it becomes
    /// the Message-ID, so a message sent again after a crash (between sending and
    /// recording it) is the same message to mail clients, and the same outbox file.
    pub key: Option<String>,
    pub attachments: Vec<Attachment>,
}

/// The key as header- and file-name-safe text.
fn safe_key(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect()
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
    #[error("SMTP delivery failed: {0}")]
    Smtp(#[from] SmtpError),
    #[error(transparent)]
    Url(#[from] SmtpUrlError),
}

impl MailError {
    /// Worth trying again later: the server said "try later" (4xx), could not be reached
    /// or timed out, or the disk failed. A refused address or a 5xx answer is final.
    pub fn is_temporary(&self) -> bool {
        match self {
            MailError::Smtp(e) => e.is_temporary(),
            MailError::Io(_) => true,
            MailError::Address(_)
            | MailError::Encoding
            | MailError::Build(_)
            | MailError::Url(_) => false,
        }
    }

    /// The SMTP server's own answer (code and text) when it gave one: said to staff as the
    /// reason a message failed.
    pub fn server_reply(&self) -> Option<String> {
        match self {
            MailError::Smtp(e) => e.server_reply(),
            _ => None,
        }
    }
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
    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(body);
    let domain = from.email.domain().to_owned();
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&email.subject);
    let builder = match &email.key {
        Some(key) => builder.message_id(Some(format!("<{}@{domain}>", safe_key(key)))),
        None => builder,
    };
    if email.attachments.is_empty() {
        return Ok(builder.singlepart(text)?);
    }
    let mut parts = MultiPart::mixed().singlepart(text);
    for file in &email.attachments {
        let kind = ContentType::parse(file.content_type).map_err(|_| MailError::Encoding)?;
        parts = parts
            .singlepart(MailAttachment::new(file.file_name.clone()).body(file.bytes.clone(), kind));
    }
    Ok(builder.multipart(parts)?)
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
            // A keyed message has one file: sending it again replaces it.
            let name = match &email.key {
                Some(key) => format!("{}.eml", safe_key(key)),
                None => format!("{}-{}.eml", super::now_ms(), uuid::Uuid::new_v4().simple()),
            };
            let tmp = self.dir.join(format!("{name}.tmp"));
            tokio::fs::write(&tmp, message.formatted()).await?;
            tokio::fs::rename(tmp, self.dir.join(name)).await?;
            Ok(())
        })
    }
}

/// Sends through an SMTP server given as a URL (`smtps://user:pass@host:465`,
/// `smtp://host:587?tls=required`), keeping connections open between messages.
pub struct SmtpMailer {
    pool: SmtpPool,
    from: Mailbox,
}

/// How long connecting, or handing over one message, may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(60);

impl SmtpMailer {
    pub fn new(url: &str, from: Mailbox) -> Result<SmtpMailer, MailError> {
        let pool = SmtpPool::new(SmtpServer::parse(url)?, SMTP_TIMEOUT)?;
        Ok(SmtpMailer { pool, from })
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(&'a self, email: &'a Email) -> MailFuture<'a> {
        Box::pin(async move {
            let message = build(&self.from, email)?;
            self.pool
                .send(message.envelope(), &message.formatted())
                .await?;
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
            ..Email::default()
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

    #[tokio::test]
    async fn a_keyed_message_sent_twice_is_one_message() {
        let dir = std::env::temp_dir().join(format!("dimos-mail-{}", uuid::Uuid::new_v4()));
        let mailer = FileMailer {
            dir: dir.clone(),
            from: "Dimos <no-reply@example.gr>".parse().unwrap(),
        };
        let email = Email {
            to: "maria@example.gr".into(),
            subject: "Απόδειξη 1/2026".into(),
            body: "…".into(),
            key: Some("receipt-8b1c".into()),
            ..Email::default()
        };
        mailer.send(&email).await.unwrap();
        mailer.send(&email).await.unwrap();
        let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(files.len(), 1);
        let text = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
        assert!(
            text.contains("Message-ID: <receipt-8b1c@example.gr>"),
            "{text}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn an_attached_pdf_travels_as_its_own_part() {
        let dir = std::env::temp_dir().join(format!("dimos-mail-{}", uuid::Uuid::new_v4()));
        let mailer = FileMailer {
            dir: dir.clone(),
            from: "Dimos <no-reply@example.gr>".parse().unwrap(),
        };
        let email = Email {
            to: "maria@example.gr".into(),
            subject: "Ειδοποιητήριο".into(),
            body: "Σας επισυνάπτουμε το ειδοποιητήριο.".into(),
            key: Some("campaign-1-090000045".into()),
            attachments: vec![Attachment {
                file_name: "notice-ΕΙΔ-1.pdf".into(),
                content_type: "application/pdf",
                bytes: b"%PDF-1.7 \xe2\xe3\xcf\xd3".to_vec(),
            }],
        };
        mailer.send(&email).await.unwrap();
        let file = std::fs::read_dir(&dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains("multipart/mixed"), "{text}");
        assert!(text.contains("Content-Type: application/pdf"), "{text}");
        assert!(text.contains("Content-Disposition: attachment"), "{text}");
        // The PDF's bytes (binary, as a PDF's are), base64-encoded.
        assert!(text.contains("Content-Transfer-Encoding: base64"), "{text}");
        assert!(text.contains("JVBERi0xLjcg4uPP0w=="), "{text}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
