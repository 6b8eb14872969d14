//! The server's shared state: the configuration turned into services (database, mailer,
//! protocol register, payment gateway and purposes, rate limits), built once at start.

use crate::config::{Config, GatewayChoice, TaxisnetChoice};
use crate::sandbox_taxisnet::store::{SandboxTaxisnet, BASE_PATH, CLIENT_ID};
use app::backend::demo_fees::TestItemPurpose;
use app::backend::gateway::{NoGateway, PaymentGateway, SandboxGateway, VivaGateway};
use app::backend::identity::gsis::{GsisProvider, GsisSettings};
use app::backend::identity::IdentityProvider;
use app::backend::mailer::{FileMailer, SharedMailer, SmtpMailer};
use app::backend::payments::Purposes;
use app::backend::protocol::{BuiltInRegistry, HttpRegistry, ProtocolError, SharedRegistry};
use app::backend::sessions::SessionPolicy;
use app::backend::Db;
use app::site::SiteInfo;
use axum::extract::FromRef;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use leptos::config::LeptosOptions;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// Every payment purpose the portal knows. A new capability that takes payments adds its
/// purpose here.
pub fn payment_purposes(demo: bool) -> Purposes {
    let purposes = Purposes::default()
        .with(Arc::new(app::backend::fines::FinePurpose))
        .with(Arc::new(app::backend::tax::TaxPurpose))
        .with(Arc::new(app::backend::debt_payments::DebtsPurpose))
        .with(Arc::new(app::backend::notice_payments::NoticePurpose));
    // Test fees exist to demonstrate the payment path, nowhere else.
    if demo {
        purposes.with(Arc::new(TestItemPurpose))
    } else {
        purposes
    }
}

/// Per-client allowances, kept in memory only (nothing about a client is stored).
pub struct Limits {
    /// Sign-in, registration and password-reset posts, per client address.
    pub auth: DefaultKeyedRateLimiter<IpAddr>,
    /// Anonymous comments, per client address.
    pub comments: DefaultKeyedRateLimiter<IpAddr>,
    /// Ticket look-ups (each a guess at a ticket's details), per client address.
    pub lookups: DefaultKeyedRateLimiter<IpAddr>,
    /// Password changes, per session (a stolen session must not test passwords at speed).
    pub password_changes: DefaultKeyedRateLimiter<String>,
}

impl Limits {
    fn new(config: &Config) -> Limits {
        let at_least_one = |n: u32| NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        Limits {
            auth: RateLimiter::keyed(Quota::per_minute(at_least_one(
                config.auth_attempts_per_minute,
            ))),
            comments: RateLimiter::keyed(
                Quota::with_period(Duration::from_secs(3600) / config.comments_per_hour.max(1))
                    .unwrap_or_else(|| Quota::per_hour(NonZeroU32::MIN))
                    .allow_burst(at_least_one(config.comments_per_hour.min(5))),
            ),
            lookups: RateLimiter::keyed(Quota::per_minute(at_least_one(
                config.auth_attempts_per_minute.saturating_mul(3),
            ))),
            password_changes: RateLimiter::keyed(Quota::per_minute(at_least_one(5))),
        }
    }

    /// Forgets clients whose allowance is full again, so the maps do not grow forever.
    pub fn shrink(&self) {
        self.auth.retain_recent();
        self.comments.retain_recent();
        self.lookups.retain_recent();
        self.password_changes.retain_recent();
    }
}

/// What every handler and middleware is given, behind one pointer. axum clones the state for
/// each layer and handler a request passes through (some seventy times a request), and
/// copying the site's texts, the asset names and the options each time was most of the
/// work of serving a static file (measured: 634 K instructions a request before, 136 K after).
#[derive(Clone)]
pub struct AppState(Arc<SharedState>);

impl std::ops::Deref for AppState {
    type Target = SharedState;

    fn deref(&self) -> &SharedState {
        &self.0
    }
}

/// The application's state, read through [`AppState`].
pub struct SharedState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub site: Arc<SiteInfo>,
    /// Where the built files are served (content-hashed names).
    pub assets: Arc<app::site::Assets>,
    /// Origins whose browser POSTs are accepted (the public base URL's).
    pub public_origin: Arc<str>,
    pub secure_cookies: bool,
    pub mailer: SharedMailer,
    pub sessions: SessionPolicy,
    pub limits: Arc<Limits>,
    /// Header with the client address behind a reverse proxy, and how many proxies append.
    pub client_ip_header: Option<Arc<str>>,
    pub trusted_proxies: usize,
    pub protocol: SharedRegistry,
    pub gateway: Arc<dyn PaymentGateway>,
    pub purposes: Purposes,
    /// How notices are numbered and paid; `None`: notices are not configured.
    pub notices: Option<Arc<app::backend::notices::NoticeSettings>>,
    /// The sandbox bank's signing key: set only when the sandbox bank is the gateway
    /// (demonstration mode), and then its pages are served.
    pub sandbox_secret: Option<Arc<[u8]>>,
    /// Who proves ΑΦΜ at sign-in (TAXISnet or its stand-in); `None`: not offered.
    pub identity: Option<Arc<dyn IdentityProvider>>,
    /// The stand-in TAXISnet's keys and grants: set only when it is the provider.
    pub sandbox_taxisnet: Option<Arc<SandboxTaxisnet>>,
    pub demo: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("DIMOS_MAIL_FROM is not an address like Name <name@example.gr>")]
    MailFrom,
    #[error("DIMOS_SMTP_URL is not usable")]
    Smtp(#[from] app::backend::mailer::MailError),
    #[error("DIMOS_PROTOCOL_URL is not usable")]
    Protocol(#[from] ProtocolError),
    #[error("the Viva settings are not usable: {0}")]
    Viva(app::backend::gateway::GatewayError),
    #[error("cannot read or store the sandbox bank's key")]
    Secret(#[from] sqlx::Error),
    #[error("the TAXISnet settings are not usable: {0}")]
    Taxisnet(#[from] app::backend::identity::gsis::BadSetting),
    #[error("cannot write the built files' fingerprinted copies in the site folder: {0}")]
    Assets(String),
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub async fn new(config: &Config, db: Db) -> Result<AppState, StateError> {
        let leptos_options = LeptosOptions::builder()
            .output_name("dimos")
            .site_root(config.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(config.listen)
            .build();
        // Reading and hashing the bundle is file and CPU work: off the async workers.
        let site_root = config.site_root.clone();
        let assets =
            tokio::task::spawn_blocking(move || crate::static_files::fingerprint(&site_root))
                .await
                .map_err(|error| StateError::Assets(error.to_string()))?
                .map_err(|error| StateError::Assets(error.to_string()))?;
        let from = config.mail_from.parse().map_err(|_| StateError::MailFrom)?;
        let mailer: SharedMailer = match &config.smtp_url {
            Some(url) => Arc::new(SmtpMailer::new(url, from)?),
            None => Arc::new(FileMailer {
                dir: config.outbox_dir.clone(),
                from,
            }),
        };
        let protocol: SharedRegistry = match &config.protocol_url {
            Some(url) => Arc::new(HttpRegistry::new(
                url,
                &config.protocol_token,
                Duration::from_secs(config.protocol_timeout_secs.unsigned_abs()),
            )?),
            None => Arc::new(BuiltInRegistry),
        };
        let mut sandbox_secret = None;
        let gateway: Arc<dyn PaymentGateway> = match &config.gateway {
            GatewayChoice::None => Arc::new(NoGateway),
            GatewayChoice::Sandbox => {
                // Demonstration mode only (the configuration refuses it otherwise): a key of
                // this database's own when none is configured, never a shipped one.
                let secret = match &config.bank_secret {
                    Some(secret) => secret.clone(),
                    None => db.instance_secret("sandbox_bank").await?,
                };
                let secret: Arc<[u8]> = Arc::from(secret.as_bytes());
                sandbox_secret = Some(secret.clone());
                Arc::new(SandboxGateway::new(
                    secret.to_vec(),
                    config.site.public_base_url.clone(),
                ))
            }
            GatewayChoice::Viva(settings) => Arc::new(
                VivaGateway::new(settings.clone(), config.payment_expiry_minutes)
                    .map_err(StateError::Viva)?,
            ),
        };
        let (identity, sandbox_taxisnet) = identity_provider(config, &db).await?;
        Ok(AppState(Arc::new(SharedState {
            identity,
            sandbox_taxisnet,
            leptos_options,
            db,
            site: Arc::new(config.site.clone()),
            assets: Arc::new(assets),
            public_origin: config.public_origin().into(),
            secure_cookies: config.is_https(),
            mailer,
            sessions: SessionPolicy {
                idle_ms: config.session_idle_minutes * 60 * 1000,
                absolute_ms: config.session_max_hours * 60 * 60 * 1000,
                secure_cookie: config.is_https(),
            },
            limits: Arc::new(Limits::new(config)),
            client_ip_header: config.client_ip_header.as_deref().map(Arc::from),
            trusted_proxies: config.trusted_proxies,
            protocol,
            gateway,
            purposes: payment_purposes(config.demo),
            notices: config.notices.clone().map(Arc::new),
            sandbox_secret,
            demo: config.demo,
        })))
    }
}

/// TAXISnet as configured: GSIS, or the stand-in on this portal's own address with a client
/// secret of this database's own (never a shipped one).
async fn identity_provider(
    config: &Config,
    db: &Db,
) -> Result<
    (
        Option<Arc<dyn IdentityProvider>>,
        Option<Arc<SandboxTaxisnet>>,
    ),
    StateError,
> {
    match &config.taxisnet {
        TaxisnetChoice::Off => Ok((None, None)),
        TaxisnetChoice::Gsis(settings) => {
            Ok((Some(Arc::new(GsisProvider::new(*settings.clone())?)), None))
        }
        TaxisnetChoice::Sandbox => {
            let secret = db.instance_secret("sandbox_taxisnet").await?;
            let base = format!("{}{}", config.site.public_base_url, BASE_PATH);
            let [authorize_url, token_url, userinfo_url, logout_url] = GsisSettings::under(&base);
            let provider = GsisProvider::new(GsisSettings {
                authorize_url,
                token_url,
                userinfo_url,
                logout_url: Some(logout_url),
                client_id: CLIENT_ID.into(),
                client_secret: secret.clone(),
                scope: "read".into(),
                redirect_url: crate::config::callback_url(&config.site.public_base_url),
                pkce: true,
                timeout: Duration::from_secs(10),
            })?;
            Ok((
                Some(Arc::new(provider)),
                Some(Arc::new(SandboxTaxisnet::new(secret))),
            ))
        }
    }
}
