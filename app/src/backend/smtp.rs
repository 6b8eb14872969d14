//! The SMTP client: lettre speaks the protocol, this module owns the sockets and keeps a few
//! connections open between messages. Its sockets send at once (`TCP_NODELAY`): lettre writes
//! a message's body and its closing `.` separately, and with Nagle's algorithm on, that
//! closing line waits for the server's delayed acknowledgement — about 40 ms a message
//! (measured against the tests' SMTP server: 45 ms a message on one connection, 2.7 ms with
//! it off). lettre's own transport gives no way to set it.

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// How the connection to the server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// `smtp://host`: plain text, for a relay on the same machine or network.
    Plain,
    /// `smtp://host?tls=opportunistic`: STARTTLS when the server offers it.
    StartTlsIfOffered,
    /// `smtp://host?tls=required`: STARTTLS, or nothing is sent.
    StartTls,
    /// `smtps://host`: TLS from the first byte.
    Implicit,
}

/// Where the SMTP server is and how to sign in to it, read from `DIMOS_SMTP_URL`.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpServer {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// User name and password, percent-decoded.
    pub credentials: Option<(String, String)>,
    /// The name given in EHLO (the URL's path), else this machine's.
    pub hello_name: Option<String>,
}

/// The password never appears in logs.
impl std::fmt::Debug for SmtpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpServer")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.credentials.as_ref().map(|(user, _)| user))
            .field("hello_name", &self.hello_name)
            .finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SmtpUrlError {
    #[error("DIMOS_SMTP_URL is not a URL (e.g. smtps://user:password@mail.example.gr:465)")]
    NotUrl,
    #[error("DIMOS_SMTP_URL names no server")]
    NoHost,
    #[error(
        "DIMOS_SMTP_URL must start with smtp:// (tls=required or tls=opportunistic for STARTTLS) \
         or smtps://"
    )]
    Scheme,
    #[error("DIMOS_SMTP_URL: a user name needs a password, and the password a user name")]
    HalfCredentials,
}

impl SmtpServer {
    /// Reads `smtp://[user:password@]host[:port][/hello-name][?tls=required|opportunistic]`
    /// or `smtps://…`. Ports default to 25 (plain), 587 (STARTTLS) and 465 (TLS).
    pub fn parse(text: &str) -> Result<SmtpServer, SmtpUrlError> {
        let url = url::Url::parse(text).map_err(|_| SmtpUrlError::NotUrl)?;
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or(SmtpUrlError::NoHost)?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let tls = url
            .query_pairs()
            .find(|(key, _)| key == "tls")
            .map(|(_, value)| value.into_owned());
        let (security, default_port) = match (url.scheme(), tls.as_deref()) {
            ("smtp", None) => (Security::Plain, 25),
            ("smtp", Some("opportunistic")) => (Security::StartTlsIfOffered, 587),
            ("smtp", Some("required")) => (Security::StartTls, 587),
            ("smtps", None | Some("required")) => (Security::Implicit, 465),
            _ => return Err(SmtpUrlError::Scheme),
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        let credentials = match (url.username(), url.password()) {
            ("", None) => None,
            (user, Some(password)) if !user.is_empty() => Some((decode(user), decode(password))),
            _ => return Err(SmtpUrlError::HalfCredentials),
        };
        let path = url.path().trim_matches('/');
        Ok(SmtpServer {
            host,
            port: url.port().unwrap_or(default_port),
            security,
            credentials,
            hello_name: (!path.is_empty()).then(|| decode(path)),
        })
    }
}

/// Why a message could not be handed to the server.
#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    /// The server's answer, or lettre's reading of the exchange.
    #[error(transparent)]
    Protocol(#[from] lettre::transport::smtp::Error),
    #[error("could not connect to the SMTP server: {0}")]
    Connect(#[source] std::io::Error),
    #[error("the SMTP server's TLS could not be set up: {0}")]
    Tls(String),
    #[error("the SMTP server did not answer in time")]
    Timeout,
}

impl SmtpError {
    /// Worth trying again later: anything but the server refusing for good (5xx).
    pub fn is_temporary(&self) -> bool {
        match self {
            SmtpError::Protocol(e) => !e.is_permanent(),
            SmtpError::Connect(_) | SmtpError::Timeout => true,
            SmtpError::Tls(_) => false,
        }
    }

    /// The server's own answer (code and text) when it gave one.
    pub fn server_reply(&self) -> Option<String> {
        match self {
            SmtpError::Protocol(e) => e.status().map(|code| format!("{code} {e}")),
            _ => None,
        }
    }
}

/// Connections kept open between messages, at most.
const MAX_IDLE: usize = 16;
/// An open connection unused for longer is closed: servers drop idle clients anyway.
const CLOSE_AFTER: Duration = Duration::from_secs(60);

/// The TLS settings the server's security needs, made once (the system's certificates
/// are read once).
enum TlsSetup {
    None,
    StartTls(Box<TlsParameters>),
    Implicit(tokio_rustls::TlsConnector),
}

/// An SMTP server with its open connections.
pub struct SmtpPool {
    server: SmtpServer,
    hello: ClientId,
    tls: TlsSetup,
    /// For connecting, and for each message.
    timeout: Duration,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

impl SmtpPool {
    pub fn new(server: SmtpServer, timeout: Duration) -> Result<SmtpPool, SmtpError> {
        let tls = match server.security {
            Security::Plain => TlsSetup::None,
            Security::StartTls | Security::StartTlsIfOffered => {
                TlsSetup::StartTls(Box::new(TlsParameters::new(server.host.clone())?))
            }
            Security::Implicit => TlsSetup::Implicit(implicit_tls()?),
        };
        let hello = server
            .hello_name
            .clone()
            .map(ClientId::Domain)
            .unwrap_or_default();
        Ok(SmtpPool {
            server,
            hello,
            tls,
            timeout,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Hands one message to the server, on an open connection when there is one.
    pub async fn send(&self, envelope: &Envelope, message: &[u8]) -> Result<(), SmtpError> {
        let mut connection = self.connection().await?;
        match tokio::time::timeout(self.timeout, connection.send(envelope, message)).await {
            Ok(Ok(_)) => {
                self.put_back(connection);
                Ok(())
            }
            // lettre closes a connection whose exchange failed.
            Ok(Err(error)) => Err(error.into()),
            Err(_) => Err(SmtpError::Timeout),
        }
    }

    /// An open connection that still works (it answers NOOP: the server may have closed
    /// it since), or a new one.
    async fn connection(&self) -> Result<AsyncSmtpConnection, SmtpError> {
        while let Some((mut connection, since)) = self.take_idle() {
            if since.elapsed() > CLOSE_AFTER {
                continue;
            }
            if let Ok(true) = tokio::time::timeout(self.timeout, connection.test_connected()).await
            {
                return Ok(connection);
            }
        }
        tokio::time::timeout(self.timeout, self.connect())
            .await
            .map_err(|_| SmtpError::Timeout)?
    }

    fn take_idle(&self) -> Option<(AsyncSmtpConnection, Instant)> {
        self.idle.lock().ok()?.pop()
    }

    fn put_back(&self, connection: AsyncSmtpConnection) {
        if connection.has_broken() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < MAX_IDLE {
                idle.push((connection, Instant::now()));
            }
        }
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SmtpError> {
        let tcp = TcpStream::connect((self.server.host.as_str(), self.server.port))
            .await
            .map_err(SmtpError::Connect)?;
        tcp.set_nodelay(true).map_err(SmtpError::Connect)?;
        let stream: Box<dyn AsyncTokioStream> = match &self.tls {
            TlsSetup::Implicit(connector) => {
                let name = rustls::pki_types::ServerName::try_from(self.server.host.clone())
                    .map_err(|e| SmtpError::Tls(e.to_string()))?;
                let tls = connector
                    .connect(name, tcp)
                    .await
                    .map_err(|e| SmtpError::Tls(e.to_string()))?;
                Box::new(TlsTcp(tls))
            }
            _ => Box::new(tcp),
        };
        let mut connection =
            AsyncSmtpConnection::connect_with_transport(stream, &self.hello).await?;
        if let TlsSetup::StartTls(parameters) = &self.tls {
            if self.server.security == Security::StartTls || connection.can_starttls() {
                connection
                    .starttls(parameters.as_ref().clone(), &self.hello)
                    .await?;
            }
        }
        if let Some((user, password)) = &self.server.credentials {
            connection
                .auth(
                    DEFAULT_MECHANISMS,
                    &Credentials::new(user.clone(), password.clone()),
                )
                .await?;
        }
        Ok(connection)
    }
}

/// TLS from the first byte, trusting the system's certificate authorities (as lettre does
/// for STARTTLS).
fn implicit_tls() -> Result<tokio_rustls::TlsConnector, SmtpError> {
    let mut roots = rustls::RootCertStore::empty();
    for certificate in rustls_native_certs::load_native_certs().certs {
        // A certificate the system lists but rustls cannot read is left out, as lettre does.
        let _ = roots.add(certificate);
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| SmtpError::Tls(e.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// A TLS stream over TCP, as lettre takes a stream it did not open.
#[derive(Debug)]
struct TlsTcp(tokio_rustls::client::TlsStream<TcpStream>);

impl AsyncTokioStream for TlsTcp {
    fn peer_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.0.get_ref().0.peer_addr()
    }
}

impl AsyncRead for TlsTcp {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for TlsTcp {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_read_as_lettre_reads_them() {
        let server =
            SmtpServer::parse("smtps://no-reply%40dimos.gr:p%3Ass@mail.example.gr").unwrap();
        assert_eq!(server.host, "mail.example.gr");
        assert_eq!(server.port, 465);
        assert_eq!(server.security, Security::Implicit);
        assert_eq!(
            server.credentials,
            Some(("no-reply@dimos.gr".into(), "p:ss".into()))
        );
        assert!(!format!("{server:?}").contains("p:ss"));

        let relay = SmtpServer::parse("smtp://127.0.0.1:2525").unwrap();
        assert_eq!((relay.port, relay.security), (2525, Security::Plain));
        assert_eq!(relay.credentials, None);
        assert_eq!(relay.hello_name, None);

        let submission =
            SmtpServer::parse("smtp://u:p@mail.example.gr/portal.dimos.gr?tls=required").unwrap();
        assert_eq!(
            (submission.port, submission.security),
            (587, Security::StartTls)
        );
        assert_eq!(submission.hello_name.as_deref(), Some("portal.dimos.gr"));
        assert_eq!(
            SmtpServer::parse("smtp://mail.example.gr?tls=opportunistic")
                .unwrap()
                .security,
            Security::StartTlsIfOffered
        );
    }

    #[test]
    fn unusable_urls_are_refused_in_words() {
        assert_eq!(
            SmtpServer::parse("mail.example.gr"),
            Err(SmtpUrlError::NotUrl)
        );
        assert_eq!(
            SmtpServer::parse("http://mail.example.gr"),
            Err(SmtpUrlError::Scheme)
        );
        assert_eq!(
            SmtpServer::parse("smtp://mail.example.gr?tls=sometimes"),
            Err(SmtpUrlError::Scheme)
        );
        assert_eq!(
            SmtpServer::parse("smtp://user@mail.example.gr"),
            Err(SmtpUrlError::HalfCredentials)
        );
        assert_eq!(SmtpServer::parse("smtp:///x"), Err(SmtpUrlError::NoHost));
    }

    /// A fake SMTP server speaking just enough of RFC 5321: counts connections and
    /// messages, refuses `refused@…` with 550, and with `hang_up` closes each connection
    /// after its first message (as a server dropping idle clients would).
    struct FakeServer {
        port: u16,
        connections: Arc<std::sync::atomic::AtomicUsize>,
        messages: Arc<Mutex<Vec<String>>>,
    }

    async fn fake_server(hang_up: bool) -> FakeServer {
        use std::sync::atomic::Ordering;
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let messages = Arc::new(Mutex::new(Vec::new()));
        let (count, kept) = (connections.clone(), messages.clone());
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                let kept = kept.clone();
                tokio::spawn(async move {
                    let (read, mut write) = socket.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 fake ESMTP\r\n").await;
                    while let Ok(Some(line)) = lines.next_line().await {
                        let upper = line.to_ascii_uppercase();
                        let reply: &[u8] = if upper.starts_with("EHLO") {
                            b"250-fake\r\n250 8BITMIME\r\n"
                        } else if upper.starts_with("RCPT") && line.contains("refused@") {
                            b"550 no such mailbox\r\n"
                        } else if upper.starts_with("DATA") {
                            let _ = write.write_all(b"354 go ahead\r\n").await;
                            let mut text = String::new();
                            while let Ok(Some(line)) = lines.next_line().await {
                                if line == "." {
                                    break;
                                }
                                text.push_str(&line);
                                text.push('\n');
                            }
                            kept.lock().unwrap().push(text);
                            let _ = write.write_all(b"250 queued\r\n").await;
                            if hang_up {
                                return;
                            }
                            continue;
                        } else if upper.starts_with("QUIT") {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            return;
                        } else {
                            b"250 ok\r\n"
                        };
                        let _ = write.write_all(reply).await;
                    }
                });
            }
        });
        FakeServer {
            port,
            connections,
            messages,
        }
    }

    fn pool(port: u16, timeout: Duration) -> SmtpPool {
        let server = SmtpServer::parse(&format!("smtp://127.0.0.1:{port}")).unwrap();
        SmtpPool::new(server, timeout).unwrap()
    }

    fn message(to: &str, subject: &str) -> (Envelope, Vec<u8>) {
        let message = lettre::Message::builder()
            .from("no-reply@example.gr".parse().unwrap())
            .to(to.parse().unwrap())
            .subject(subject)
            .body(String::from("A notice."))
            .unwrap();
        (message.envelope().clone(), message.formatted())
    }

    #[tokio::test]
    async fn messages_share_one_open_connection() {
        let server = fake_server(false).await;
        let pool = pool(server.port, Duration::from_secs(10));
        for n in 0..3 {
            let (envelope, bytes) = message("maria@example.gr", &format!("Notice {n}"));
            pool.send(&envelope, &bytes).await.unwrap();
        }
        let messages = server.messages.lock().unwrap().clone();
        assert_eq!(messages.len(), 3);
        assert!(messages[2].contains("Subject: Notice 2"), "{}", messages[2]);
        assert_eq!(
            server.connections.load(std::sync::atomic::Ordering::SeqCst),
            1
        );
    }

    #[tokio::test]
    async fn a_connection_the_server_closed_is_replaced_not_failed_on() {
        let server = fake_server(true).await;
        let pool = pool(server.port, Duration::from_secs(10));
        for n in 0..3 {
            let (envelope, bytes) = message("maria@example.gr", &format!("Notice {n}"));
            pool.send(&envelope, &bytes).await.unwrap();
        }
        assert_eq!(server.messages.lock().unwrap().len(), 3);
        assert_eq!(
            server.connections.load(std::sync::atomic::Ordering::SeqCst),
            3
        );
    }

    #[tokio::test]
    async fn a_refused_address_is_final_and_the_next_message_still_goes() {
        let server = fake_server(false).await;
        let pool = pool(server.port, Duration::from_secs(10));
        let (envelope, bytes) = message("refused@example.gr", "Notice");
        let error = pool.send(&envelope, &bytes).await.unwrap_err();
        assert!(!error.is_temporary(), "{error}");
        assert!(error.server_reply().unwrap().starts_with("550"), "{error}");
        let (envelope, bytes) = message("maria@example.gr", "Notice");
        pool.send(&envelope, &bytes).await.unwrap();
        assert_eq!(server.messages.lock().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_server_that_is_down_or_silent_is_worth_another_try() {
        // Nothing listens on a port just given back.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let (envelope, bytes) = message("maria@example.gr", "Notice");
        let down = pool(port, Duration::from_secs(10));
        let error = down.send(&envelope, &bytes).await.unwrap_err();
        assert!(error.is_temporary(), "{error}");
        // A server that accepts the connection and never greets.
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = silent.local_addr().unwrap().port();
        let slow = pool(port, Duration::from_millis(300));
        let error = slow.send(&envelope, &bytes).await.unwrap_err();
        assert!(matches!(error, SmtpError::Timeout), "{error}");
        assert!(error.is_temporary());
        drop(silent);
    }
}
